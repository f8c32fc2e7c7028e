//! From the blocks of every page to the text of every page: broken words rejoined,
//! sentences cut by a page break made whole, blocks written out.
//!
//! # Sentences across a page break
//!
//! The last block of running text on a page (footnotes and other small print after it are
//! passed over) continues in the first block of the next page (a one-off header above it
//! is passed over) when both are set in the same font size and weight, the next page
//! opens with body text (not a heading or a list item), and the text says the sentence
//! goes on: the page ends in a word broken by a hyphen, or without sentence-final
//! punctuation (or a colon) and the next page starts in lower case, or the page ends in
//! a comma, a dash, an opening bracket or a function word ("of", "the", "and", ...), or
//! its last line runs to the edge of its column.
//!
//! The rest of the sentence, up to where the sentence splitter ends it, then moves to the
//! end of that block on the earlier page, so the whole sentence is one unit and has the
//! page where it starts; the remainder of the block stays on its page, where
//! [`crate::ingest::Document::page_starts`] says it is. A one-off header that stood above
//! it stays first on its page, after the joined sentence.
//!
//! # Blocks written out
//!
//! Blocks are separated by a blank line. Inside a block, a wrapped line (the first word of
//! the next line would not have fitted on it) runs on with a space, as the text did before
//! it was laid out, so a paragraph, a wrapped heading or a wrapped list item is one line;
//! a hard line break (a short line followed by one that would have fitted: addresses,
//! table rows, verse) stays a line break. The lines of a heading are always joined.

use crate::segment::{RuleSegmenter, Segmenter};

use super::blocks::{ends_sentence, Block, BlockKind};
use super::hyphen::{join_across, join_broken_words, Vocabulary};

/// Function words that cannot end a sentence ("... was transferred to the").
const CONTINUING_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "into",
    "onto",
    "upon",
    "and",
    "or",
    "nor",
    "but",
    "than",
    "as",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "when",
    "while",
    "whether",
    "if",
    "because",
    "although",
    "though",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "not",
    "no",
    "its",
    "their",
    "his",
    "her",
    "our",
    "your",
    "my",
    "this",
    "these",
    "those",
    "such",
    "between",
    "among",
    "against",
    "under",
    "over",
    "about",
    "after",
    "before",
    "during",
    "including",
    "without",
    "within",
    "through",
    "across",
    "per",
    "via",
    "both",
    "either",
    "neither",
    "each",
    "every",
    "all",
    "some",
    "any",
    "most",
    "more",
    "less",
    "very",
    "so",
    "also",
    "only",
    "said",
    "says",
    "told",
    "stated",
    "reported",
];

/// The text of every page.
pub(crate) fn page_texts(mut pages: Vec<Vec<Block>>) -> Vec<String> {
    let vocabulary = Vocabulary::of(pages.iter().flatten().map(|b| b.lines.as_slice()));
    for block in pages.iter_mut().flatten() {
        join_broken_words(&mut block.lines, &mut block.wraps, &vocabulary);
    }
    let segmenter = RuleSegmenter::new();
    for p in 1..pages.len() {
        let (earlier, later) = pages.split_at_mut(p);
        join_across_page_break(&mut earlier[p - 1], &mut later[0], &vocabulary, &segmenter);
    }
    pages.iter().map(|blocks| page_text(blocks)).collect()
}

fn page_text(blocks: &[Block]) -> String {
    let mut text = String::new();
    for block in blocks.iter().filter(|b| b.text_len() > 0) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let mut first = true;
        for (line, &wraps) in block.lines.iter().zip(&block.wraps) {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if !first {
                text.push(' ');
            }
            text.push_str(line);
            first = false;
            if !wraps && block.kind != BlockKind::Heading {
                text.push('\n');
                first = true;
            }
        }
        while text.ends_with('\n') {
            text.pop();
        }
    }
    text
}

fn is_flow(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Body | BlockKind::ListItem)
}

/// Joins the sentence cut by the break between two pages (see the module docs).
fn join_across_page_break(
    earlier: &mut [Block],
    later: &mut Vec<Block>,
    vocabulary: &Vocabulary,
    segmenter: &RuleSegmenter,
) {
    // The last block of running text on the earlier page, past small print.
    let Some(e) = earlier.iter().rposition(|b| {
        !matches!(
            b.kind,
            BlockKind::Small | BlockKind::OffAxis | BlockKind::Furniture
        )
    }) else {
        return;
    };
    // The first block of the later page, past one-off headers.
    let Some(l) = later.iter().position(|b| b.kind != BlockKind::Furniture) else {
        return;
    };
    let (upper, lower) = (&earlier[e], &later[l]);
    if upper.kind == BlockKind::Heading
        && lower.kind == BlockKind::Heading
        && (upper.size - lower.size).abs() <= 0.6
        && upper.bold == lower.bold
        && lower.lines[0].starts_with(char::is_lowercase)
    {
        // A heading wrapped over the page break.
        let lower = later.remove(l);
        let upper = &mut earlier[e];
        upper.lines.extend(lower.lines);
        upper.wraps.extend(lower.wraps);
        return;
    }
    if !is_flow(upper.kind)
        || lower.kind != BlockKind::Body
        || (upper.size - lower.size).abs() > 0.6
        || upper.bold != lower.bold
    {
        return;
    }
    let (Some(last_line), Some(first_line)) = (upper.lines.last(), lower.lines.first()) else {
        return;
    };
    if !continues(last_line, first_line, upper.ends_short) {
        return;
    }
    let upper = &mut earlier[e];
    let lower = &mut later[l];
    // A word broken over the page break is joined first.
    {
        let last = upper.lines.last_mut().expect("checked above");
        let first = lower.lines.first_mut().expect("checked above");
        join_across(last, first, vocabulary);
        if first.is_empty() {
            lower.lines.remove(0);
            lower.wraps.remove(0);
        }
    }
    if lower.lines.is_empty() {
        later.remove(l);
        return;
    }
    // How far the sentence runs into the later block, by the sentence splitter.
    let head = upper.lines.join("\n");
    let tail = lower.lines.join("\n");
    let combined = format!("{head}\n{tail}");
    let junction = head.len() + 1;
    let units = segmenter.segment(&combined);
    let Some(unit) = units
        .iter()
        .find(|u| u.byte_start < junction && u.byte_end > junction)
    else {
        return;
    };
    let cut = unit.byte_end - junction;
    move_prefix(upper, lower, cut);
    if lower.lines.is_empty() {
        later.remove(l);
    }
}

/// Whether the text says that the sentence ending `last_line` goes on in `first_line`.
fn continues(last_line: &str, first_line: &str, ends_short: bool) -> bool {
    let last = last_line.trim_end();
    let first = first_line.trim_start();
    let Some(first_char) = first.chars().next() else {
        return false;
    };
    if last.ends_with(['-', '\u{2010}', '\u{00AD}', '\u{2013}', '\u{2014}'])
        && last.chars().rev().nth(1).is_some_and(char::is_alphanumeric)
    {
        return true;
    }
    if ends_sentence(last) || last.ends_with(':') {
        return false;
    }
    if first_char.is_lowercase() {
        return true;
    }
    if last.ends_with([',', '(', '[', '/', '\u{2013}', '\u{2014}', '-']) {
        return true;
    }
    let last_word = last
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    CONTINUING_WORDS.contains(&last_word.as_str()) || !ends_short
}

/// Moves the first `cut` bytes of `lower`'s text (its lines joined by "\n") to the end
/// of `upper`, line by line; the line the cut falls in is split there.
fn move_prefix(upper: &mut Block, lower: &mut Block, cut: usize) {
    // The page break inside the sentence is a wrap.
    if let Some(last) = upper.wraps.last_mut() {
        *last = true;
    }
    let mut remaining = cut;
    let mut moved = 0;
    for (index, line) in lower.lines.iter().enumerate() {
        if remaining >= line.len() {
            upper.lines.push(line.clone());
            upper.wraps.push(lower.wraps[index]);
            moved += 1;
            remaining = remaining.saturating_sub(line.len() + 1);
            if remaining == 0 {
                break;
            }
        } else {
            let (head, tail) = line.split_at(remaining);
            if !head.trim().is_empty() {
                upper.lines.push(head.trim_end().to_string());
                upper.wraps.push(false);
            }
            let tail = tail.trim_start().to_string();
            lower.lines[moved] = tail;
            break;
        }
    }
    if let Some(last) = upper.wraps.last_mut() {
        *last = false;
    }
    lower.lines.drain(..moved);
    lower.wraps.drain(..moved);
    let keep: Vec<bool> = lower.lines.iter().map(|l| !l.trim().is_empty()).collect();
    let mut index = 0;
    lower.lines.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    let mut index = 0;
    lower.wraps.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(lines: &[&str]) -> Block {
        Block::new(
            BlockKind::Body,
            lines.iter().map(|l| l.to_string()).collect(),
            10.0,
            false,
        )
    }

    fn texts(pages: Vec<Vec<Block>>) -> Vec<String> {
        page_texts(pages)
    }

    #[test]
    fn a_sentence_cut_by_a_page_break_is_joined_on_its_first_page() {
        let pages = vec![
            vec![body(&["Guards beat the men who were held in the"])],
            vec![body(&[
                "centre at Zawiya. Others were released.",
                "Later more.",
            ])],
        ];
        assert_eq!(
            texts(pages),
            [
                "Guards beat the men who were held in the centre at Zawiya.",
                "Others were released.\nLater more."
            ]
        );
    }

    #[test]
    fn a_finished_sentence_is_not_joined() {
        let pages = vec![
            vec![body(&["Guards beat the men."])],
            vec![body(&["centre at Zawiya."])],
        ];
        assert_eq!(texts(pages), ["Guards beat the men.", "centre at Zawiya."]);
    }

    #[test]
    fn a_heading_on_the_next_page_is_not_joined() {
        let mut heading = body(&["Conditions in detention"]);
        heading.kind = BlockKind::Heading;
        heading.bold = true;
        let pages = vec![vec![body(&["They were held in the"])], vec![heading]];
        assert_eq!(
            texts(pages),
            ["They were held in the", "Conditions in detention"]
        );
    }

    #[test]
    fn small_print_and_one_off_headers_are_passed_over() {
        let mut note = body(&["1 See the annex."]);
        note.kind = BlockKind::Small;
        note.size = 8.0;
        let mut header = body(&["Annex: cases"]);
        header.kind = BlockKind::Furniture;
        let pages = vec![
            vec![body(&["The men were moved to"]), note],
            vec![header, body(&["a warehouse in Zuwara. It was locked."])],
        ];
        assert_eq!(
            texts(pages),
            [
                "The men were moved to a warehouse in Zuwara.\n\n1 See the annex.",
                "Annex: cases\n\nIt was locked."
            ]
        );
    }

    #[test]
    fn a_word_broken_over_the_page_break_is_joined() {
        let pages = vec![
            vec![body(&["The committee condemned the repat-"])],
            vec![body(&[
                "riation of the students. It asked for their repatriation.",
            ])],
        ];
        assert_eq!(
            texts(pages),
            [
                "The committee condemned the repatriation of the students.",
                "It asked for their repatriation."
            ]
        );
    }

    #[test]
    fn hard_line_breaks_stay() {
        let mut block = body(&[
            "Office of the High Commissioner",
            "Palais des Nations",
            "Geneva",
        ]);
        block.wraps = vec![false, false, false];
        assert_eq!(
            texts(vec![vec![block]]),
            ["Office of the High Commissioner\nPalais des Nations\nGeneva"]
        );
    }

    #[test]
    fn headings_and_list_items_are_one_line() {
        let mut heading = body(&["III. Conditions in the centres run by", "the Department"]);
        heading.kind = BlockKind::Heading;
        let mut item = body(&["• Release all refugees from", "arbitrary detention;"]);
        item.kind = BlockKind::ListItem;
        item.wraps = vec![true, false];
        assert_eq!(
            texts(vec![vec![heading, item]]),
            ["III. Conditions in the centres run by the Department\n\n• Release all refugees from arbitrary detention;"]
        );
    }
}
