//! Cleaning up the page text of a PDF: running headers and footers, page numbers, and
//! words hyphenated at line ends (rules documented on `PdfReader`).

use std::collections::{HashMap, HashSet};

/// How many non-empty lines at the top and bottom of a page may be a running header/footer.
const RUNNING_ZONE: usize = 3;
/// How many non-empty lines at the top and bottom of a page may be a bare page number.
const PAGE_NUMBER_ZONE: usize = 2;

type Page = Vec<String>;

/// The pages without running headers/footers and page numbers, with line-end hyphenation
/// undone.
pub(crate) fn clean_pages(raw_pages: &[String]) -> Vec<String> {
    let mut pages: Vec<Page> = raw_pages.iter().map(|p| split_lines(p)).collect();
    remove_running_lines(&mut pages);
    for page in &mut pages {
        remove_page_numbers(page);
    }
    let vocabulary = vocabulary(&pages);
    for page in &mut pages {
        dehyphenate_page(page, &vocabulary);
    }
    dehyphenate_page_breaks(&mut pages, &vocabulary);
    pages.iter().map(|lines| lines.join("\n")).collect()
}

fn split_lines(page: &str) -> Page {
    page.lines().map(|l| l.trim_end().to_string()).collect()
}

/// Indices of the first and the last few non-empty lines of a page.
struct Edges {
    top: Vec<usize>,
    bottom: Vec<usize>,
}

fn edge_lines(page: &Page, zone: usize) -> Edges {
    let filled: Vec<usize> = (0..page.len())
        .filter(|&i| !page[i].trim().is_empty())
        .collect();
    Edges {
        top: filled.iter().take(zone).copied().collect(),
        bottom: filled.iter().rev().take(zone).copied().collect(),
    }
}

/// A line with every run of digits replaced by `#` and spaces collapsed, so that
/// "Page 3 of 12" and "Page 4 of 12" compare equal.
fn running_key(line: &str) -> String {
    let mut key = String::new();
    for word in line.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        let mut in_digits = false;
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    key.push('#');
                }
                in_digits = true;
            } else {
                key.push(c);
                in_digits = false;
            }
        }
    }
    key
}

fn remove_running_lines(pages: &mut [Page]) {
    if pages.len() < 2 {
        return;
    }
    let needed = pages.len().div_ceil(2).max(2);
    let edges: Vec<Edges> = pages.iter().map(|p| edge_lines(p, RUNNING_ZONE)).collect();
    let top_keys = frequent_keys(pages, edges.iter().map(|e| &e.top), needed);
    let bottom_keys = frequent_keys(pages, edges.iter().map(|e| &e.bottom), needed);
    for (page, edges) in pages.iter_mut().zip(&edges) {
        let is_running =
            |i: &&usize, keys: &HashSet<String>| keys.contains(&running_key(&page[**i]));
        let doomed: HashSet<usize> = edges
            .top
            .iter()
            .filter(|i| is_running(i, &top_keys))
            .chain(edges.bottom.iter().filter(|i| is_running(i, &bottom_keys)))
            .copied()
            .collect();
        remove_lines(page, &doomed);
    }
}

/// Keys of the lines that appear in the given zone of at least `needed` pages.
fn frequent_keys<'a>(
    pages: &[Page],
    zones: impl Iterator<Item = &'a Vec<usize>>,
    needed: usize,
) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (page, zone) in pages.iter().zip(zones) {
        let keys: HashSet<String> = zone.iter().map(|&i| running_key(&page[i])).collect();
        for key in keys {
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, count)| *count >= needed)
        .map(|(key, _)| key)
        .collect()
}

fn remove_page_numbers(page: &mut Page) {
    let edges = edge_lines(page, PAGE_NUMBER_ZONE);
    let doomed: HashSet<usize> = edges
        .top
        .into_iter()
        .chain(edges.bottom)
        .filter(|&i| is_page_number(&page[i]))
        .collect();
    remove_lines(page, &doomed);
}

/// Removes lines, and blank lines left at the top and bottom of the page.
fn remove_lines(page: &mut Page, doomed: &HashSet<usize>) {
    let mut index = 0;
    page.retain(|_| {
        index += 1;
        !doomed.contains(&(index - 1))
    });
    while page.last().is_some_and(|l| l.trim().is_empty()) {
        page.pop();
    }
    let leading_blank = page.iter().take_while(|l| l.trim().is_empty()).count();
    page.drain(..leading_blank);
}

/// "7", "- 7 -", "[7]", "Page 7", "p. 7", "7 of 12", "7/12", "vii".
fn is_page_number(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let rest = ["page ", "p. ", "p."]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .unwrap_or(&lower);
    let cleaned: String = rest
        .chars()
        .map(|c| if "-–—|()[]/".contains(c) { ' ' } else { c })
        .collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().filter(|t| *t != "of").collect();
    let is_number = |t: &&str| {
        (t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()))
            || (t.len() <= 6 && t.chars().all(|c| "ivxlc".contains(c)))
    };
    (1..=2).contains(&tokens.len()) && tokens.iter().all(is_number)
}

/// Every word of the document, lower-cased, with inner hyphens kept.
fn vocabulary(pages: &[Page]) -> HashSet<String> {
    pages
        .iter()
        .flatten()
        .flat_map(|line| line.split_whitespace())
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

fn dehyphenate_page(page: &mut Page, vocabulary: &HashSet<String>) {
    let mut i = 0;
    while i + 1 < page.len() {
        let (upper, lower) = page.split_at_mut(i + 1);
        if join_hyphenated(&mut upper[i], &mut lower[0], vocabulary) && lower[0].trim().is_empty() {
            page.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// A word hyphenated across a page break: the fragment moves to the earlier page.
fn dehyphenate_page_breaks(pages: &mut [Page], vocabulary: &HashSet<String>) {
    for p in 1..pages.len() {
        let (earlier, later) = pages.split_at_mut(p);
        let (Some(upper), Some(lower)) = (earlier[p - 1].last_mut(), later[0].first_mut()) else {
            continue;
        };
        if join_hyphenated(upper, lower, vocabulary) && lower.trim().is_empty() {
            later[0].remove(0);
        }
    }
}

/// Hyphens that may split a word at a line end (the soft hyphen always does).
const LINE_END_HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{00AD}'];

/// If `upper` ends in a word broken by a hyphen and `lower` starts in lower case, moves the
/// rest of the word up and returns true.
fn join_hyphenated(upper: &mut String, lower: &mut String, vocabulary: &HashSet<String>) -> bool {
    let Some(hyphen) = upper
        .chars()
        .last()
        .filter(|c| LINE_END_HYPHENS.contains(c))
    else {
        return false;
    };
    let head = &upper[..upper.len() - hyphen.len_utf8()];
    let head_word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    if !head_word.chars().last().is_some_and(char::is_alphabetic) {
        return false;
    }
    let lower_text = lower.trim_start();
    if !lower_text.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let tail_end = lower_text
        .find(char::is_whitespace)
        .unwrap_or(lower_text.len());
    let tail = &lower_text[..tail_end];
    let keep_hyphen = hyphen != '\u{00AD}' && is_real_compound(head_word, tail, vocabulary);
    let mut joined = head.to_string();
    if keep_hyphen {
        joined.push('-');
    }
    joined.push_str(tail);
    let rest = lower_text[tail_end..].trim_start().to_string();
    *upper = joined;
    *lower = rest;
    true
}

/// Whether "head-tail" is written with its hyphen elsewhere in the document and never
/// as one word.
fn is_real_compound(head_word: &str, tail: &str, vocabulary: &HashSet<String>) -> bool {
    let word = |s: &str| {
        s.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let (head, tail) = (word(head_word), word(tail));
    vocabulary.contains(&format!("{head}-{tail}")) && !vocabulary.contains(&format!("{head}{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn running_headers_and_footers_go() {
        let cleaned = clean_pages(&pages(&[
            "Annual Report 2024\nFirst page text.\nPage 1 of 3",
            "Annual Report 2024\nSecond page text.\nPage 2 of 3",
            "Annual Report 2024\nThird page text.\nPage 3 of 3",
        ]));
        assert_eq!(
            cleaned,
            vec!["First page text.", "Second page text.", "Third page text."]
        );
    }

    #[test]
    fn a_line_on_fewer_than_half_the_pages_stays() {
        let input = ["Note\nA.", "B.", "C.", "Note\nD.", "E."];
        assert_eq!(clean_pages(&pages(&input)), input);
    }

    #[test]
    fn bare_page_numbers_go_even_on_one_page() {
        assert_eq!(
            clean_pages(&pages(&["Text here.\n\n- 7 -"])),
            vec!["Text here."]
        );
        assert!(is_page_number("Page 3 of 12"));
        assert!(is_page_number("vii"));
        assert!(!is_page_number("3 men"));
        assert!(!is_page_number("Vivid"));
    }

    #[test]
    fn line_end_hyphenation_is_undone() {
        let cleaned = clean_pages(&pages(&[
            "the deport-\nation of 40 men and the so-\ncalled Franco-\nGerman COVID-\n19 plan",
        ]));
        assert_eq!(
            cleaned,
            vec!["the deportation\nof 40 men and the socalled\nFranco-\nGerman COVID-\n19 plan"]
        );
    }

    #[test]
    fn a_compound_seen_elsewhere_keeps_its_hyphen() {
        let cleaned = clean_pages(&pages(&["a so-called camp and a so-\ncalled court"]));
        assert_eq!(cleaned, vec!["a so-called camp and a so-called\ncourt"]);
    }

    #[test]
    fn a_word_split_over_a_page_break_is_joined_on_the_first_page() {
        let cleaned = clean_pages(&pages(&["They faced repat-", "riation. Then more."]));
        assert_eq!(cleaned, vec!["They faced repatriation.", "Then more."]);
    }

    #[test]
    fn a_one_word_fragment_line_disappears() {
        let cleaned = clean_pages(&pages(&["were detain-\ned.\nNext line."]));
        assert_eq!(cleaned, vec!["were detained.\nNext line."]);
    }
}
