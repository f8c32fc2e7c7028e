//! What a single line looks like: cut in mid-sentence, Title Case, numbered like a
//! section, a footnote. Pure functions over one line of text, used by the layout pass.

use super::chars::{is_opener, starts_lowercase};
use super::lexicon;
use super::marker::is_roman_numeral;

/// A line that ends a paragraph in mid-sentence must have this many words to be continued
/// across the paragraph break when its last word is capitalised ("the author of Lost").
const MIN_SENTENCE_LIKE_WORDS: usize = 4;

/// "14 U.N. Doc. A/HRC/40/L.1.": a footnote at the foot of a PDF page starts with its
/// number, a space and a capital. After a finished sentence such a line starts a new
/// unit, even when the sentence ended in an abbreviation ("13 Ibid.").
pub(crate) fn is_footnote_line(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let mut rest = line[digits..].chars();
    (1..=3).contains(&digits)
        && rest.next().is_some_and(char::is_whitespace)
        && rest
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_uppercase() || is_opener(c))
}

/// Ends with a comma, a hyphen or dash, an opening bracket, or a function word.
pub(crate) fn ends_mid_sentence(line: &str) -> bool {
    let trimmed = line.trim_end();
    let Some(last) = trimmed.chars().next_back() else {
        return false;
    };
    if matches!(last, ',' | '-' | '–' | '—' | '(' | '[' | '/' | '&') {
        return true;
    }
    let word = trimmed.split_whitespace().next_back().unwrap_or("");
    word.chars().all(char::is_alphabetic) && lexicon::is_dangling_word(word)
}

/// "... the author of Lost": a capitalised last word right after a function word.
pub(crate) fn ends_with_name_after_function_word(line: &str) -> bool {
    let mut words = line.split_whitespace().rev();
    let (Some(last), Some(before)) = (words.next(), words.next()) else {
        return false;
    };
    let capitalised = last.chars().next().is_some_and(char::is_uppercase)
        && last.chars().all(char::is_alphabetic);
    capitalised && lexicon::is_dangling_word(before)
}

/// Enough words, and at least one lowercase content word (so not a title).
pub(crate) fn is_sentence_like(line: &str) -> bool {
    let mut words = 0;
    let mut content_word = false;
    for word in line.split_whitespace() {
        words += 1;
        if !content_word {
            let w = word.trim_matches(|c: char| !c.is_alphanumeric());
            content_word = starts_lowercase(w)
                && !lexicon::is_dangling_word(w)
                && !lexicon::is_minor_title_word(w);
        }
        if content_word && words >= MIN_SENTENCE_LIKE_WORDS {
            return true;
        }
    }
    false
}

/// Splits a heading's numbering ("2.3", "II.", "A.", "4", "Chapter 4:") from its words.
pub(crate) fn split_heading_number(line: &str) -> (bool, &str) {
    let mut words = line.splitn(2, char::is_whitespace);
    let first = words.next().unwrap_or("");
    let rest = words.next().unwrap_or("").trim_start();
    if is_heading_keyword(first.trim_end_matches('.')) {
        let mut after = rest.splitn(2, char::is_whitespace);
        let number = after.next().unwrap_or("");
        if is_section_label(number.trim_end_matches(['.', ':', ')'])) {
            return (true, after.next().unwrap_or("").trim_start());
        }
        return (false, line);
    }
    let label = first.trim_end_matches(['.', ')']);
    let numbered =
        is_section_number(label) || (label.len() < first.len() && is_upper_roman_or_letter(label));
    if numbered && (rest.is_empty() || !starts_lowercase(rest)) {
        (true, rest)
    } else {
        (false, line)
    }
}

fn is_heading_keyword(word: &str) -> bool {
    const KEYWORDS: [&str; 15] = [
        "annex", "appendix", "article", "book", "box", "chapter", "chart", "fig", "figure", "map",
        "part", "schedule", "section", "table", "title",
    ];
    KEYWORDS.iter().any(|k| word.eq_ignore_ascii_case(k))
}

/// "4", "IV", "A", "2.3"
fn is_section_label(label: &str) -> bool {
    is_section_number(label) || is_upper_roman_or_letter(label) || is_roman_numeral(label)
}

/// "2", "2.3", "2.3.1" (groups of at most three digits).
fn is_section_number(label: &str) -> bool {
    !label.is_empty()
        && label
            .split('.')
            .all(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

fn is_upper_roman_or_letter(label: &str) -> bool {
    let single_upper = label.len() == 1 && label.bytes().all(|b| b.is_ascii_uppercase());
    single_upper || (label.bytes().all(|b| b.is_ascii_uppercase()) && is_roman_numeral(label))
}

/// Every word that is not a minor word ("of", "in", "the") is capitalised.
pub(crate) fn is_title_case(text: &str) -> bool {
    let mut capitalised = 0;
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            continue;
        };
        if first.is_uppercase() || first.is_numeric() {
            capitalised += 1;
        } else if !lexicon::with_lowercase(word, lexicon::is_minor_title_word) {
            return false;
        }
    }
    capitalised > 0
}

pub(crate) fn is_all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    let mut count = 0;
    let all_upper = letters.all(|c| {
        count += 1;
        !c.is_lowercase()
    });
    all_upper && count >= 2
}

pub(crate) fn starts_capitalised(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Longest label (bytes) of a field line ("Subject:", "Phone number:").
const MAX_FIELD_LABEL_BYTES: usize = 24;
const MAX_FIELD_LABEL_WORDS: usize = 3;
/// A separator is a run of at least this many identical characters ("*****", "-----").
const MIN_SEPARATOR_RUN: usize = 3;
/// Longest greeting or closing line of an e-mail ("Dear Ms. Ana Ruiz,"), in words.
const MAX_SALUTATION_WORDS: usize = 5;

/// "From: Anna Berg", "Subject: Visit", "Phone number: 555": a capitalised word, maybe
/// followed by lowercase ones, and a colon followed by a space or the end of the line
/// (not "10:30", "http:", nor a title such as "Afghan Refugees: An Update").
pub(crate) fn is_field_line(line: &str) -> bool {
    let head = &line.as_bytes()[..line.len().min(MAX_FIELD_LABEL_BYTES + 2)];
    let Some(colon) = head.iter().position(|b| *b == b':') else {
        return false;
    };
    let label = &line[..colon];
    let after = line[colon + 1..].chars().next();
    let mut words = label.split(' ');
    let first_ok = words.next().is_some_and(|w| {
        w.len() > 1
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
    });
    let mut count = 1;
    let rest_ok = words.all(|w| {
        count += 1;
        !w.is_empty() && w.chars().all(char::is_lowercase)
    });
    first_ok && rest_ok && count <= MAX_FIELD_LABEL_WORDS && after.is_none_or(char::is_whitespace)
}

/// "Hi Sara,", "Dear Mr. Alvarez,", "Best regards,", "Thanks,": the greeting or closing
/// line of a letter or e-mail, which ends in a comma but ends its unit.
pub(crate) fn is_salutation_line(line: &str) -> bool {
    let Some(body) = line.trim_end().strip_suffix(',') else {
        return false;
    };
    let mut words = body.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let rest: Vec<&str> = words.collect();
    if rest.len() >= MAX_SALUTATION_WORDS {
        return false;
    }
    if lexicon::with_lowercase(first, lexicon::is_greeting_word) {
        // "Hi all," / "Dear Mr. Alvarez," / "Hello team,": names or a short address.
        return rest.len() <= 3;
    }
    let phrase = std::iter::once(first)
        .chain(rest)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    lexicon::is_closing_phrase(&phrase)
}

/// "**********", "* * *", "==== Results ====", "-----Original Message-----": a line that
/// is a run of at least three identical separator characters, or that starts with
/// one and holds at most a few words besides. Such a line is a unit of its own.
pub(crate) fn is_separator_line(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !is_separator_char(first) {
        return false;
    }
    let mut run = 0;
    let mut end = 0;
    for (k, c) in line.char_indices() {
        if c == first {
            run += 1;
            end = k + c.len_utf8();
        } else if c != ' ' || !line[k + 1..].starts_with(first) {
            break;
        }
    }
    if run < MIN_SEPARATOR_RUN {
        return false;
    }
    let rest = line[end..].trim();
    if rest.is_empty() {
        return true;
    }
    // Dots before words are an ellipsis ("... The practice"), not a separator.
    let words = rest.split_whitespace().count();
    first != '.'
        && rest.chars().next().is_some_and(char::is_alphanumeric)
        && rest.chars().any(char::is_alphabetic)
        && words <= MAX_SEPARATOR_TITLE_WORDS
        && !starts_lowercase(rest)
}

const MAX_SEPARATOR_TITLE_WORDS: usize = 8;

fn is_separator_char(c: char) -> bool {
    matches!(
        c,
        '-' | '=' | '*' | '_' | '~' | '#' | '+' | '.' | '·' | '•' | '─' | '━' | '═' | '–' | '—'
    )
}

/// Number of words, a letter-spaced word ("W A R N I N G") counting as one, up to `max + 1`.
pub(crate) fn heading_word_count(text: &str, max: usize) -> usize {
    let mut count = 0;
    let mut in_spaced_word = false;
    for word in text.split_whitespace() {
        let mut chars = word.chars();
        let single = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
        if !(single && in_spaced_word) {
            count += 1;
        }
        in_spaced_word = single;
        if count > max {
            break;
        }
    }
    count
}
