//! `quantities`: numbers and counted amounts of people, money or time, as written.
//!
//! A quantity is an optional approximator ("about", "more than", "at least"), a core amount
//! (a numeral, a spelled number, money, a fraction, a ratio, a vague plural such as "tens of
//! thousands") and tails: a range end ("20 to 30"), a percent sign or "per cent", the counted
//! noun with at most two modifiers ("2,000 Afghan refugees", "six months"), and for counts
//! the year they belong to ("1,040 in 2003"). Numbers that only label or date something are
//! skipped: bare years, dates, clock times, article/paragraph/camp numbers, document
//! symbols, footnote and citation markers, list markers and ordinals.

use super::tokens::{Kind, Sentence};

/// All quantities of the sentence, in order, each as its surface text.
pub(crate) fn quantities(s: &Sentence) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some(end) = reference_run_end(s, i) {
            i = end;
            continue;
        }
        match quantity_at(s, i) {
            Some(end) => {
                let first = if has_sign(s, i) { i - 1 } else { i };
                found.push(s.span(first, end - 1).to_string());
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Amount {
    /// A numeral or spelled number: takes a range, a percent, a noun and a year.
    Count,
    /// "US$5,000", "€20 million".
    Money,
    /// "tens of thousands", "several hundred", "dozens": takes a noun.
    Vague,
    /// "a fifth", "two-thirds", "half", "one in five".
    Fraction,
    /// "15-year-old", "six-month": the hyphenated word is the unit.
    Compound,
}

#[derive(Debug, Clone, Copy)]
struct Core {
    /// Token index just past the core.
    end: usize,
    amount: Amount,
    /// A lone four-digit number from 1800 to 2099: a year unless a count noun follows.
    year_like: bool,
}

/// What the tails added after a core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    Nothing,
    Percent,
    /// The counted noun; `direct` when no modifier stands between number and noun.
    Noun {
        direct: bool,
        kind: NounKind,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NounKind {
    Counted,
    Money,
    Time,
}

/// The quantity starting at token `i`, as the index just past it.
fn quantity_at(s: &Sentence, i: usize) -> Option<usize> {
    if s.word(i) == "between" {
        return between_range(s, i);
    }
    let approximated = approximator_end(s, i);
    let core = core_at(s, approximated.unwrap_or(i))?;
    let (end, tail, year_like) = with_tails(s, i, core);
    // "in 1995" is a date; "2000 people" and "about 2000" are counts.
    let count_noun_follows = matches!(tail, Tail::Noun { direct: true, .. } | Tail::Percent);
    if year_like && (approximated.is_none() && !count_noun_follows || after_time_word(s, i)) {
        return None;
    }
    Some(end)
}

/// "-5 degrees", "−12 °C": a minus sign right before the number, with a space (or the start
/// of the sentence) before the sign. A dash between words or numbers ("COVID-19",
/// "20-30") is glued on both sides and is no sign.
fn has_sign(s: &Sentence, i: usize) -> bool {
    i > 0
        && s.is(i, Kind::Number)
        && s.glued(i)
        && matches!(s.raw(i - 1), "-" | "\u{2212}")
        && !s.glued(i - 1)
}

/// "in 2015 refugees arrived": a year-like number after a time preposition is a date even
/// with a noun after it.
fn after_time_word(s: &Sentence, i: usize) -> bool {
    let before = i.checked_sub(1).map_or("", |p| s.word(p));
    matches!(
        before,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "during"
            | "from"
            | "of"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "throughout"
            | "around"
    )
}

/// "between 200 and 300 people"; "between 2014 and 2019" is a period, not a quantity.
fn between_range(s: &Sentence, i: usize) -> Option<usize> {
    let low = count_core(s, i + 1)?;
    if s.word(low.end) != "and" {
        return None;
    }
    let high = count_core(s, low.end + 1)?;
    if low.year_like && high.year_like {
        return None;
    }
    let core = Core {
        year_like: false,
        ..high
    };
    Some(with_tails(s, i, core).0)
}

const APPROXIMATORS: &[&[&str]] = &[
    &["no", "fewer", "than"],
    &["no", "less", "than"],
    &["no", "more", "than"],
    &["in", "excess", "of"],
    &["as", "many", "as"],
    &["as", "few", "as"],
    &["as", "much", "as"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["close", "to"],
    &["an", "estimated"],
    &["just", "over"],
    &["just", "under"],
    &["well", "over"],
    &["upwards", "of"],
    &["a", "total", "of"],
    &["approx", "."],
    &["about"],
    &["around"],
    &["approximately"],
    &["roughly"],
    &["nearly"],
    &["almost"],
    &["some"],
    &["over"],
];

/// The token index after an approximator starting at `i`, if one does.
fn approximator_end(s: &Sentence, i: usize) -> Option<usize> {
    APPROXIMATORS.iter().find_map(|words| {
        let matches = words.iter().enumerate().all(|(k, w)| s.low(i + k) == *w);
        matches.then_some(i + words.len())
    })
}

fn core_at(s: &Sentence, j: usize) -> Option<Core> {
    money_core(s, j)
        .or_else(|| ratio_core(s, j))
        .or_else(|| fraction_core(s, j))
        .or_else(|| numeral_core(s, j))
        .or_else(|| vague_core(s, j))
        .or_else(|| spelled_core(s, j))
}

/// A plain count: a numeral or a spelled number (the parts of a range).
fn count_core(s: &Sentence, j: usize) -> Option<Core> {
    numeral_core(s, j)
        .or_else(|| spelled_core(s, j))
        .filter(|c| c.amount == Amount::Count)
}

/// Attaches the tails; returns the end, what was attached, and whether the whole amount is
/// still only a year (or a range of years).
fn with_tails(s: &Sentence, start: usize, core: Core) -> (usize, Tail, bool) {
    let mut end = core.end;
    let mut year_like = core.year_like;
    match core.amount {
        Amount::Count => {
            if let Some(high) = range_end(s, start, end) {
                end = high.end;
                year_like &= high.year_like;
            }
            if let Some(after_percent) = percent_end(s, end) {
                return (after_percent, Tail::Percent, false);
            }
        }
        Amount::Vague => {}
        Amount::Money | Amount::Fraction | Amount::Compound => return (end, Tail::Nothing, false),
    }
    let mut tail = Tail::Nothing;
    if let Some((after_noun, noun)) = noun_tail(s, end) {
        end = after_noun;
        tail = noun;
    }
    let counts_people_or_things = !matches!(
        tail,
        Tail::Noun {
            kind: NounKind::Money | NounKind::Time,
            ..
        }
    );
    if core.amount == Amount::Count && counts_people_or_things && !year_like {
        end = year_tail(s, end).unwrap_or(end);
    }
    (end, tail, year_like)
}

/// "20 to 30", "20-30", "two to three"; not "from 200 to 300", which are two amounts.
fn range_end(s: &Sentence, start: usize, end: usize) -> Option<Core> {
    let separator_fits = match s.low(end) {
        "-" => s.glued(end) && s.glued(end + 1),
        "–" => true,
        "to" => start == 0 || s.word(start - 1) != "from",
        _ => false,
    };
    if !separator_fits {
        return None;
    }
    count_core(s, end + 1)
}

fn percent_end(s: &Sentence, k: usize) -> Option<usize> {
    match s.low(k) {
        "%" => Some(k + 1),
        "percent" => Some(k + 1),
        "per" if s.word(k + 1) == "cent" => Some(k + 2),
        _ => None,
    }
}

/// "1,040 in 2003": a count with the year it belongs to.
fn year_tail(s: &Sentence, k: usize) -> Option<usize> {
    let year_alone = is_year_like(s, k + 1) && !(s.glued(k + 2) && s.is(k + 2, Kind::Number));
    (s.word(k) == "in" && year_alone).then_some(k + 2)
}

/// The counted noun after an amount, with at most two modifiers before it.
fn noun_tail(s: &Sentence, k: usize) -> Option<(usize, Tail)> {
    let mut j = k;
    let mut modifiers = 0;
    for _ in 0..5 {
        let direct = j == k;
        if let Some(kind) = counted_noun(s, j, direct) {
            return Some((j + 1, Tail::Noun { direct, kind }));
        }
        let hyphen = s.raw(j) == "-" && s.glued(j) && s.glued(j + 1) && j > k;
        let modifier = is_noun_modifier(s.word(j)) || (s.capitalised(j) && !is_month(s.raw(j)));
        if hyphen {
            j += 1;
        } else if modifier && modifiers < 2 {
            modifiers += 1;
            j += 1;
        } else {
            return None;
        }
    }
    None
}

/// The noun kind of token `j`; any lowercase plural counts only right after the number
/// (`direct`), listed nouns also after modifiers.
fn counted_noun(s: &Sentence, j: usize, direct: bool) -> Option<NounKind> {
    let word = s.word(j);
    if is_time_unit(word) {
        Some(NounKind::Time)
    } else if is_money_word(word) {
        Some(NounKind::Money)
    } else if is_counted_word(word)
        || is_capitalised_plural(s, j)
        || (direct && is_plain_plural(s, j))
    {
        Some(NounKind::Counted)
    } else {
        None
    }
}

/// Any lowercase plural noun: "two provinces", "12 kilometres".
fn is_plain_plural(s: &Sentence, j: usize) -> bool {
    let word = s.word(j);
    let plural_shape = word.len() > 3 && word.ends_with('s') && !word.ends_with("ss");
    plural_shape
        && !s.capitalised(j)
        && !is_plural_scale(word)
        && !matches!(
            word,
            "this"
                | "thus"
                | "unless"
                | "across"
                | "always"
                | "perhaps"
                | "towards"
                | "afterwards"
                | "besides"
                | "whereas"
                | "plus"
                | "was"
                | "has"
                | "does"
                | "says"
                | "remains"
                | "includes"
                | "lives"
                | "works"
                | "goes"
        )
}

/// "300 Afghans", "2,000 North Koreans".
fn is_capitalised_plural(s: &Sentence, j: usize) -> bool {
    let raw = s.raw(j);
    s.capitalised(j) && raw.len() > 3 && raw.ends_with('s') && !is_month(raw)
}

// --- cores

fn money_core(s: &Sentence, j: usize) -> Option<Core> {
    let number = money_number_index(s, j)?;
    let mut end = number + 1;
    let abbreviated_scale = matches!(s.word(end), "m" | "bn" | "k") && s.glued(end);
    end = if abbreviated_scale {
        end + 1
    } else {
        scale_words_end(s, end)
    };
    Some(Core {
        end,
        amount: Amount::Money,
        year_like: false,
    })
}

/// The index of the number after a currency prefix: "$1,200", "€20", "US$5,000", "USD 300".
fn money_number_index(s: &Sentence, j: usize) -> Option<usize> {
    let glued_number = |k: usize| s.is(k, Kind::Number) && s.glued(k);
    if is_currency_symbol(s.raw(j)) && glued_number(j + 1) {
        return Some(j + 1);
    }
    let country_prefix = s.is(j, Kind::Word)
        && s.raw(j).len() <= 3
        && s.raw(j).chars().all(|c| c.is_ascii_uppercase());
    if country_prefix && s.raw(j + 1) == "$" && s.glued(j + 1) && glued_number(j + 2) {
        return Some(j + 2);
    }
    (is_currency_code(s.raw(j)) && s.is(j + 1, Kind::Number)).then_some(j + 1)
}

/// "one in five", "1 in 10", "nine out of ten".
fn ratio_core(s: &Sentence, j: usize) -> Option<Core> {
    let word = s.word(j);
    let first_fits = word == "one"
        || is_units(word)
        || is_tens(word)
        || (is_countable_number(s, j) && !is_year_like(s, j));
    if !first_fits {
        return None;
    }
    let mut k = match (s.word(j + 1), s.word(j + 2)) {
        ("in", _) => j + 2,
        ("out", "of") => j + 3,
        _ => return None,
    };
    if s.word(k) == "every" {
        k += 1;
    }
    let second = s.word(k);
    let second_fits =
        is_units(second) || is_tens(second) || (is_countable_number(s, k) && !is_year_like(s, k));
    second_fits.then_some(Core {
        end: k + 1,
        amount: Amount::Fraction,
        year_like: false,
    })
}

/// "a fifth", "one-third", "two-thirds", "three quarters", "half".
fn fraction_core(s: &Sentence, j: usize) -> Option<Core> {
    let word = s.word(j);
    let fraction = |end| Core {
        end,
        amount: Amount::Fraction,
        year_like: false,
    };
    if word == "half" {
        return half_end(s, j).map(fraction);
    }
    let singular_head = matches!(word, "a" | "one");
    if !(singular_head || is_units(word) || is_tens(word)) {
        return None;
    }
    let mut k = j + 1;
    if s.raw(k) == "-" && s.glued(k) && s.glued(k + 1) {
        k += 1;
    }
    let part = s.word(k);
    // "a third of", "cut by a third" count; "a third country" does not.
    let singular = singular_head && is_fraction_singular(part) && !content_word_at(s, k + 1);
    let plural = !singular_head && is_fraction_plural(part);
    (singular || plural).then(|| fraction(k + 1))
}

fn half_end(s: &Sentence, j: usize) -> Option<usize> {
    let before = j.checked_sub(1).map_or("", |p| s.word(p));
    let names_a_period = matches!(
        before,
        "first" | "second" | "latter" | "other" | "the" | "its" | "their" | "a"
    );
    let compound = s.raw(j + 1) == "-" && s.glued(j + 1); // "half-brother"
    if names_a_period || compound {
        return None;
    }
    if s.word(j + 1) == "a" && s.word(j + 2) == "dozen" {
        return Some(j + 3);
    }
    Some(j + 1)
}

fn content_word_at(s: &Sentence, k: usize) -> bool {
    s.is(k, Kind::Word) && !is_function_word(s.word(k))
}

fn numeral_core(s: &Sentence, j: usize) -> Option<Core> {
    if !is_countable_number(s, j) {
        return None;
    }
    if let Some(end) = hyphen_compound_end(s, j + 1) {
        return Some(Core {
            end,
            amount: Amount::Compound,
            year_like: false,
        });
    }
    let end = scale_words_end(s, j + 1);
    Some(Core {
        end,
        amount: Amount::Count,
        year_like: end == j + 1 && is_year_like(s, j),
    })
}

/// "tens of thousands", "hundreds", "dozens", "several hundred", "a few thousand".
fn vague_core(s: &Sentence, j: usize) -> Option<Core> {
    let next = s.word(j + 1);
    let end = match s.word(j) {
        "tens" | "hundreds" if next == "of" && is_plural_scale(s.word(j + 2)) => j + 3,
        "dozens" | "hundreds" | "thousands" | "millions" | "billions" => j + 1,
        "scores" if next == "of" => j + 1,
        "several" | "many" if is_scale(next) || next == "dozen" || is_plural_scale(next) => {
            scale_words_end(s, j + 2)
        }
        "a" if next == "few" && (is_scale(s.word(j + 2)) || s.word(j + 2) == "dozen") => {
            scale_words_end(s, j + 3)
        }
        _ => return None,
    };
    Some(Core {
        end,
        amount: Amount::Vague,
        year_like: false,
    })
}

fn spelled_core(s: &Sentence, j: usize) -> Option<Core> {
    let end = spelled_number_end(s, j)?;
    if let Some(compound_end) = hyphen_compound_end(s, end) {
        return Some(Core {
            end: compound_end,
            amount: Amount::Compound,
            year_like: false,
        });
    }
    Some(Core {
        end,
        amount: Amount::Count,
        year_like: false,
    })
}

/// "two", "twenty-five", "two hundred and fifty", "a thousand", "two dozen", "one year".
/// A lone "one" is a pronoun or article ("one of them", "one official"), not a quantity.
fn spelled_number_end(s: &Sentence, j: usize) -> Option<usize> {
    let word = s.word(j);
    let next = s.word(j + 1);
    let mut last = if is_units(word) || is_tens(word) {
        tens_units_last(s, j)
    } else if matches!(word, "a" | "one") && (is_scale(next) || next == "dozen") {
        j + 1
    } else if word == "one" && is_time_unit(next) {
        j
    } else {
        return None;
    };
    while is_scale(s.word(last + 1)) || s.word(last + 1) == "dozen" {
        last += 1;
        let after_and = s.word(last + 2);
        if s.word(last + 1) == "and" && (is_units(after_and) || is_tens(after_and)) {
            last = tens_units_last(s, last + 2);
        }
    }
    Some(last + 1)
}

/// The last token of "twenty-five" starting at `j` (or `j` itself).
fn tens_units_last(s: &Sentence, j: usize) -> usize {
    let hyphenated = s.raw(j + 1) == "-" && s.glued(j + 1) && s.glued(j + 2);
    let units = s.word(j + 2);
    if is_tens(s.word(j)) && hyphenated && (units == "one" || is_units(units)) {
        j + 2
    } else {
        j
    }
}

fn scale_words_end(s: &Sentence, mut k: usize) -> usize {
    while is_scale(s.word(k)) {
        k += 1;
    }
    k
}

/// "15-year-old", "six-month", "40-strong": glued hyphenated words after a number.
fn hyphen_compound_end(s: &Sentence, k: usize) -> Option<usize> {
    let link =
        |i: usize| s.raw(i) == "-" && s.glued(i) && s.is(i + 1, Kind::Word) && s.glued(i + 1);
    if !link(k) {
        return None;
    }
    let mut end = k + 2;
    while link(end) {
        end += 2;
    }
    Some(end)
}

// --- numbers that are not amounts

/// A numeral that counts: not a footnote, symbol part, list marker, clock time, date day,
/// ordinal or part of a word ("G20", "COVID-19").
fn is_countable_number(s: &Sentence, j: usize) -> bool {
    s.is(j, Kind::Number)
        && !glued_to_word_before(s, j)
        && !is_footnote_marker(s, j)
        && !touches_slash(s, j)
        && !is_list_marker(s, j)
        && !is_clock_time(s, j)
        && !is_date_day(s, j)
        && !is_bracketed_citation(s, j)
        && !(s.glued(j + 1) && s.is(j + 1, Kind::Word)) // "1st", "1990s", "10km"
        && !is_year_with_footnote(s, j)
}

/// "G20", "beaten12", and "COVID-19" or the second half of a rejected range "2014-2019".
fn glued_to_word_before(s: &Sentence, j: usize) -> bool {
    if !s.glued(j) {
        return false;
    }
    if s.is(j - 1, Kind::Word) {
        return true;
    }
    s.raw(j - 1) == "-" && s.glued(j - 1) && !s.is(j - 2, Kind::Punct)
}

/// "beaten.12", "camps,3", "said.”4": a note number glued to the punctuation after a word.
fn is_footnote_marker(s: &Sentence, j: usize) -> bool {
    if !s.glued(j) || !s.glued(j - 1) {
        return false;
    }
    let mark = s.raw(j - 1);
    let after_text = s.is(j - 2, Kind::Word) || s.is(j - 2, Kind::Punct);
    after_text
        && matches!(
            mark,
            "." | "," | ";" | ":" | ")" | "]" | "\u{201d}" | "\u{2019}" | "\"" | "'"
        )
}

/// "A/HRC/25/63", "12/03/2019", "24/7".
fn touches_slash(s: &Sentence, j: usize) -> bool {
    (s.glued(j) && s.raw(j - 1) == "/") || (s.glued(j + 1) && s.raw(j + 1) == "/")
}

/// "3. Release all detainees", "(2) End push-backs".
fn is_list_marker(s: &Sentence, j: usize) -> bool {
    let first = j == 0 || (j == 1 && s.raw(0) == "(");
    let closed = matches!(s.raw(j + 1), "." | ")") && s.glued(j + 1);
    first && closed && !s.glued(j + 2)
}

fn is_clock_time(s: &Sentence, j: usize) -> bool {
    let colon_after = s.raw(j + 1) == ":" && s.glued(j + 1) && s.is(j + 2, Kind::Number);
    let colon_before = s.glued(j) && s.raw(j - 1) == ":" && s.is(j.saturating_sub(2), Kind::Number);
    let meridiem = matches!(s.raw(j + 1), "a" | "p") && s.raw(j + 2) == "." && s.word(j + 3) == "m";
    colon_after || colon_before || meridiem
}

/// "12 March 2019", "March 12, 2019".
fn is_date_day(s: &Sentence, j: usize) -> bool {
    let small = s.raw(j).len() <= 2;
    let month_before = j.checked_sub(1).is_some_and(|p| is_month(s.raw(p)));
    small && (is_month(s.raw(j + 1)) || month_before)
}

fn is_bracketed_citation(s: &Sentence, j: usize) -> bool {
    s.glued(j) && s.raw(j - 1) == "[" && s.raw(j + 1) == "]"
}

/// "in 2019.14": a year with a footnote glued after its full stop.
fn is_year_with_footnote(s: &Sentence, j: usize) -> bool {
    let raw = s.raw(j);
    raw.split_once('.')
        .is_some_and(|(whole, _)| whole.len() == 4 && year_value(whole))
}

fn is_year_like(s: &Sentence, j: usize) -> bool {
    let raw = s.raw(j);
    s.is(j, Kind::Number) && raw.len() == 4 && year_value(raw)
}

fn year_value(digits: &str) -> bool {
    digits
        .parse::<u32>()
        .is_ok_and(|y| (1800..=2099).contains(&y))
}

/// "Article 33(1)", "paras. 12-14", "No. 5", "Camp 15", "Articles 3 and 16": the numbers
/// after a reference label name things. Returns the index after the whole run.
fn reference_run_end(s: &Sentence, i: usize) -> Option<usize> {
    if !is_reference_label(s, i) {
        return None;
    }
    let mut j = i + 1;
    if s.raw(j) == "." && s.glued(j) {
        j += 1;
    } else if needs_full_stop(s.word(i)) {
        return None;
    }
    if !s.is(j, Kind::Number) {
        return None;
    }
    let mut end = j + 1;
    loop {
        if s.raw(end) == "(" && s.glued(end) && s.raw(end + 2) == ")" {
            end += 3; // "33(1)", "3(a)"
        } else if is_reference_connector(s.low(end))
            && s.is(end + 1, Kind::Number)
            && !starts_unit(s, end + 2)
        {
            end += 2;
        } else {
            return Some(end);
        }
    }
}

fn is_reference_label(s: &Sentence, i: usize) -> bool {
    let any_case = matches!(
        s.word(i),
        "article"
            | "articles"
            | "art"
            | "para"
            | "paras"
            | "paragraph"
            | "paragraphs"
            | "section"
            | "sections"
            | "no"
            | "nos"
            | "note"
            | "notes"
            | "footnote"
            | "footnotes"
            | "fn"
            | "p"
            | "pp"
            | "page"
            | "pages"
            | "chapter"
            | "chapters"
            | "annex"
            | "rule"
            | "rules"
            | "resolution"
            | "resolutions"
            | "decree"
            | "protocol"
            | "clause"
            | "item"
            | "principle"
            | "recommendation"
            | "recommendations"
            | "vol"
            | "volume"
            | "table"
            | "figure"
            | "fig"
            | "box"
            | "appendix"
    );
    let capitalised_only = matches!(
        s.raw(i),
        "Camp"
            | "Highway"
            | "Route"
            | "Cell"
            | "Block"
            | "Zone"
            | "Gate"
            | "Unit"
            | "Ward"
            | "Division"
            | "Part"
            | "Title"
            | "Case"
            | "Order"
            | "Law"
            | "Act"
            | "Phase"
            | "Level"
            | "Room"
            | "Building"
            | "Prison"
            | "Kwanliso"
    );
    any_case || capitalised_only
}

/// Abbreviated labels count only with their full stop ("p. 12", "No. 5").
fn needs_full_stop(word: &str) -> bool {
    matches!(
        word,
        "art" | "para" | "paras" | "no" | "nos" | "fn" | "p" | "pp" | "vol" | "fig"
    )
}

fn is_reference_connector(token: &str) -> bool {
    matches!(token, "," | "and" | "or" | "to" | "-" | "–" | "&")
}

/// The token begins an amount's unit, so the number before it is a count, not a reference.
fn starts_unit(s: &Sentence, k: usize) -> bool {
    counted_noun(s, k, true).is_some() || is_scale(s.word(k)) || percent_end(s, k).is_some()
}

// --- word lists

fn is_units(word: &str) -> bool {
    matches!(
        word,
        "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "thirteen"
            | "fourteen"
            | "fifteen"
            | "sixteen"
            | "seventeen"
            | "eighteen"
            | "nineteen"
    )
}

fn is_tens(word: &str) -> bool {
    matches!(
        word,
        "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety"
    )
}

fn is_scale(word: &str) -> bool {
    matches!(
        word,
        "hundred" | "thousand" | "million" | "billion" | "trillion"
    )
}

fn is_plural_scale(word: &str) -> bool {
    matches!(word, "hundreds" | "thousands" | "millions" | "billions")
}

fn is_fraction_singular(word: &str) -> bool {
    matches!(
        word,
        "third" | "quarter" | "fifth" | "sixth" | "seventh" | "eighth" | "ninth" | "tenth"
    )
}

fn is_fraction_plural(word: &str) -> bool {
    matches!(
        word,
        "thirds" | "quarters" | "fifths" | "sixths" | "sevenths" | "eighths" | "ninths" | "tenths"
    )
}

fn is_time_unit(word: &str) -> bool {
    matches!(
        word,
        "second"
            | "seconds"
            | "minute"
            | "minutes"
            | "hour"
            | "hours"
            | "day"
            | "days"
            | "night"
            | "nights"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "decade"
            | "decades"
    )
}

fn is_money_word(word: &str) -> bool {
    matches!(
        word,
        "yuan"
            | "renminbi"
            | "rmb"
            | "dollars"
            | "dollar"
            | "euros"
            | "euro"
            | "pounds"
            | "won"
            | "yen"
            | "baht"
            | "ringgit"
            | "rupees"
            | "rupiah"
            | "taka"
            | "lira"
            | "liras"
            | "pesos"
            | "soles"
            | "bolivars"
            | "rials"
            | "riyals"
            | "afghanis"
            | "kyat"
            | "dirhams"
            | "dinars"
            | "francs"
            | "shillings"
            | "birr"
            | "nakfa"
            | "tenge"
            | "usd"
            | "eur"
    )
}

fn is_currency_symbol(token: &str) -> bool {
    matches!(token, "$" | "€" | "£" | "¥" | "₩" | "₹" | "฿" | "₱")
}

fn is_currency_code(token: &str) -> bool {
    matches!(
        token,
        "USD" | "EUR" | "GBP" | "CNY" | "RMB" | "KRW" | "THB" | "JPY" | "INR" | "MYR" | "TRY"
    )
}

fn is_counted_word(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "persons"
            | "person"
            | "individuals"
            | "refugees"
            | "refugee"
            | "migrants"
            | "migrant"
            | "seekers"
            | "asylees"
            | "detainees"
            | "prisoners"
            | "deportees"
            | "returnees"
            | "evacuees"
            | "women"
            | "woman"
            | "men"
            | "man"
            | "girls"
            | "girl"
            | "boys"
            | "boy"
            | "children"
            | "child"
            | "minors"
            | "adults"
            | "babies"
            | "infants"
            | "families"
            | "family"
            | "households"
            | "victims"
            | "survivors"
            | "defectors"
            | "workers"
            | "labourers"
            | "laborers"
            | "fishermen"
            | "passengers"
            | "bodies"
            | "deaths"
            | "casualties"
            | "cases"
            | "incidents"
            | "arrests"
            | "deportations"
            | "removals"
            | "returns"
            | "pushbacks"
            | "expulsions"
            | "interviews"
            | "interviewees"
            | "respondents"
            | "nationals"
            | "citizens"
            | "officers"
            | "guards"
            | "soldiers"
            | "troops"
            | "staff"
            | "agents"
            | "officials"
            | "brokers"
            | "smugglers"
            | "traffickers"
            | "members"
            | "students"
            | "patients"
            | "residents"
            | "inhabitants"
            | "villagers"
            | "orphans"
            | "applicants"
            | "applications"
            | "claims"
            | "complaints"
            | "boats"
            | "vessels"
            | "camps"
            | "centres"
            | "centers"
            | "facilities"
            | "shelters"
            | "villages"
            | "homes"
            | "houses"
            | "flights"
            | "buses"
            | "trucks"
            | "times"
            | "occasions"
            | "countries"
            | "rohingya"
            | "uyghurs"
    )
}

fn is_noun_modifier(word: &str) -> bool {
    matches!(
        word,
        "unaccompanied"
            | "undocumented"
            | "detained"
            | "stranded"
            | "displaced"
            | "missing"
            | "dead"
            | "injured"
            | "wounded"
            | "elderly"
            | "young"
            | "pregnant"
            | "new"
            | "newly"
            | "other"
            | "more"
            | "additional"
            | "further"
            | "separate"
            | "suspected"
            | "alleged"
            | "irregular"
            | "registered"
            | "unregistered"
            | "former"
            | "female"
            | "male"
            | "adult"
            | "local"
            | "foreign"
            | "asylum"
            | "internally"
            | "rejected"
            | "returned"
            | "deported"
            | "arrested"
            | "forcibly"
            | "recognised"
            | "recognized"
            | "known"
            | "confirmed"
            | "reported"
            | "documented"
            | "armed"
            | "small"
            | "overcrowded"
            | "fishing"
            | "rubber"
            | "migrant"
            | "refugee"
            | "child"
            | "border"
            | "police"
            | "security"
            | "government"
            | "detention"
            | "forced"
            | "working"
    )
}

/// Words after "a third" that leave it a fraction ("by a third in", "a third of").
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "of" | "in"
            | "by"
            | "from"
            | "to"
            | "and"
            | "or"
            | "since"
            | "than"
            | "over"
            | "on"
            | "at"
            | "for"
            | "with"
            | "during"
            | "between"
            | "compared"
            | "while"
            | "as"
            | "when"
            | "this"
            | "last"
            | "each"
            | "per"
            | "a"
            | "an"
            | "the"
            | "their"
            | "its"
            | "were"
            | "was"
            | "are"
            | "is"
            | "had"
            | "have"
            | "has"
            | "more"
            | "less"
            | "again"
    )
}

fn is_month(raw: &str) -> bool {
    matches!(
        raw,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}
