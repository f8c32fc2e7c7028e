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
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= MIN_SENTENCE_LIKE_WORDS
        && words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            starts_lowercase(w) && !lexicon::is_dangling_word(w) && !lexicon::is_minor_title_word(w)
        })
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
