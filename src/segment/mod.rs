//! Rule-based English sentence segmentation for messy report text (PDF and HTML extracts).
//!
//! [`RuleSegmenter`] splits a document into units ([`Segment`]): sentences, headings and
//! list items, each with its span in the original text. When in doubt it does not split.
//!
//! # Layout
//!
//! * **Paragraphs.** A blank line (or U+2029) ends a unit. The one optional exception repairs PDF
//!   page breaks: when the text before the blank line was visibly cut in mid-sentence
//!   (it ends in a comma, a hyphen, a function word such as "at" or "of", or in a
//!   capitalised word right after one, as in "the author of Lost"), the next paragraph
//!   continues it, unless that paragraph starts with a list marker (or, in the second
//!   case, looks like a heading). This repair is off by default (a blank line always ends
//!   a unit); [`RuleSegmenter::with_paragraph_repair`] turns it on.
//! * **Line breaks** inside a paragraph are spaces (hard-wrapped text; a form feed too),
//!   except around headings, list items and separator lines; before a footnote line at
//!   the foot of a page ("14 U.N. Doc. A/HRC/40/L.1.") that follows a finished sentence;
//!   in a paragraph made only of three or more short lines without final punctuation,
//!   where each line is a unit (`ListItem`, or `Heading` if Title Case); and where the
//!   shape of the two lines says the first one ended its unit (below).
//! * **Line shape.** Between two lines of running text the choice is made from their
//!   length, final punctuation, capitalisation and indentation. Never before a line that
//!   starts lowercase, nor after a line cut in mid-phrase (comma, hyphen, function word,
//!   also a capitalised one such as "The"; a name after a function word, "to the State",
//!   unless the next line opens with a closed-class word: "in Lyon\nI tried"). The line
//!   ends its unit when it is an e-mail greeting or closing ("Hi Sara,", "Best regards,");
//!   when either line is a field ("From: Anna Berg", "Subject: ..."); when the next line
//!   is indented two or more columns deeper; when the line is longer than 150 chars (no
//!   hard wrap); or when it had room left for the next line's first word, measured
//!   against the paragraph's widest line: with a quarter of the width to spare (the
//!   unevenness of justified PDF lines stays well below that), or an eighth before a
//!   sentence opener ("The", "We", "Please"); without three lines to measure, the line
//!   must read like a sentence (four words, a lowercase content word), be a byline ("By
//!   Ana Ruiz, Reuters") or be followed by an opener. A full line ends its unit only in
//!   unpunctuated text: before a last line that is a signature ("Mike") or an
//!   unpunctuated sentence opening with an opener, or before a sentence-case line opening
//!   with an opener other than "I" after a sentence-like line ending in a lowercase word.
//!   A line ending in sentence punctuation with room left ends its unit (after a colon
//!   the sentence rules decide), also after an ambiguous abbreviation ("resettled in the U.S.\nThousands ..."), not after
//!   a title ("Dr."), a number abbreviation ("p.") or an initial. Before a line that
//!   starts with a number ("Never again\n5 stars") only plenty of room counts. A number marker after a line ending in
//!   a number abbreviation ("p.\n14. The court") is no list marker.
//! * **Separator lines** ("*****", "* * *", "=====", "-----Original Message-----", a run
//!   of three or more identical separator characters, alone or around a few words) are
//!   units of their own (`Heading`).
//! * **Headings** ([`UnitKind::Heading`]): a line of at most 12 words without
//!   sentence-final punctuation, a trailing comma or function word, or an inner sentence
//!   boundary. As a paragraph of its own it needs a capital initial (or Title Case: "by
//!   Ana Ruiz"). Followed by a line break it must start where a sentence may start, not be
//!   followed by a lowercase line, and be Title Case, ALL CAPS or numbered ("2.3
//!   Conditions in detention", "Chapter 4", "II. Findings", "Table 3. ..."), or be a short
//!   sentence-case title above a line at least twice as long (HTML extracts). A Title
//!   Case line filled by wrapping above another full line that goes on with a capitalised
//!   non-opener ("... Elimination of Racial\nDiscrimination urged ...") is no heading.
//!   A letter-spaced word ("W A R N I N G") counts as one word. A heading is one unit,
//!   never split.
//! * **List items** ([`UnitKind::ListItem`]): lines starting with a bullet (- * • ‣ ◦ – —
//!   ⁃ ▪ ...) or a number/letter marker ("1.", "2)", "1.)", "(a)", "a.", "iv)", "(iii)").
//!   The marker is **kept** in the unit's text and span (provenance). Wrapped lines of an
//!   item (lowercase, indented, or after a line cut in mid-phrase) belong to it. When an
//!   item holds several sentences, the first unit is a `ListItem` and the following ones
//!   are `Sentence`s (UN-style numbered paragraphs: "12. The Committee ... It urges ...").
//!   The next marker of the same list on the same line starts a new item ("1. Stop the raids
//!   2. Free the detainees", "• a • b", "a) release them b) allow visits", lowercase items
//!   too), also when the list starts after a sentence in running text. A numbered Title Case line on its own ("1. Introduction") is a heading
//!   unless it is part of a run of such lines. A dash or number at the start of a line
//!   inside a wrapped sentence is not a marker.
//!
//! # Sentences
//!
//! * A sentence ends at . ? ! (also "?!", "!!", "…"), keeping closing quotes and brackets
//!   and a glued footnote reference ("beaten.12", "theft.12,13", `detained.[4][5]`, "¹²"),
//!   with further references after single spaces when a capital follows ("returned.7 8
//!   Officials", numbers rising by at most 5; `denied.[4] [5] The`; "bail.⁷ ⁸ Their").
//!   After a number of four or more digits ("2019", "1,200") glued digits are a footnote
//!   only before a capitalised word ("in 2019.14 The ministry"; "2019.5 points" is a
//!   decimal). CJK 。！？ end a sentence even without a following space. A smiley (":)",
//!   ":-(") before a capitalised word ends a sentence.
//! * Quotations: sentences inside a quotation that ends its sentence are split like any
//!   others (`read: "We condemn the raids.` | `We demand an inquiry."`). A quotation the
//!   sentence goes on after (a lowercase word, a comma: `"Stop! Now!" she cried`) or that
//!   a bracketed remark follows (`"..." (Interview 14).`, `"..." [sic]`) stays whole, as
//!   do parentheses.
//! * Ellipses follow Pragmatic Segmenter: "..." or "…" before a capitalised word ends a
//!   sentence, before a lowercase one does not; a spaced ". . ." is an omission; ". . . ."
//!   ends a sentence; "word. . . . The" ends after "word."; "[...]" never ends one. Five
//!   or more dots after a space are a leader ("Name ........ Date"), never a boundary.
//! * A period does not end a sentence before a lowercase word (except a pronoun, article
//!   or other informal opener such as "so", "thanks", "if" after a plain word in text
//!   that does not capitalise: "home. it was"; a question mark too, "? i land at 6"; an
//!   exclamation mark only before a pronoun or article, "Yahoo! in"), inside a
//!   parenthesis or a protected quotation of up to 400 bytes that it does not close,
//!   after a list marker, inside numbers, e-mail addresses and URLs, or after an
//!   abbreviation.
//!   Abbreviations come in three classes (see `data/abbreviations.txt`): titles and the
//!   like never end a sentence; number abbreviations ("No.", "para.") do not before a
//!   number; the others ("U.S.", "etc.", initials) end one only before a typical sentence
//!   opener ("The", "He", "However", a title such as "Mr.") and not after a short
//!   introductory phrase ("At 7 a.m. Dr. Osei left"); a clock time ("6 p.m.") ends one
//!   before any capitalised word but a day, month or time zone.
//! * No space after the period ("closed.Families") ends a sentence only between a plain word
//!   or number and a capitalised word, outside e-mail addresses and URLs.
//!
//! # Offsets
//!
//! `char_start..char_end` counts Unicode scalar values and `byte_start..byte_end` bytes,
//! both into the original text, end exclusive. Spans are in order, do not overlap, have
//! no leading or trailing whitespace, and together cover every non-whitespace character
//! exactly once. [`Segment::text`] is the span with each run of whitespace (line breaks
//! included) replaced by one space; nothing else is changed (no de-hyphenation).
//!
//! The whole pass is linear in the length of the text: every look-around is bounded.

mod abbrev;
mod chars;
mod footnote;
mod layout;
mod lexicon;
mod line_shape;
mod marker;
mod region;
mod sentence;

use std::path::Path;

use crate::{Error, Result};
use abbrev::{AbbrevClass, Abbreviations};
use layout::{Layout, Span};
use sentence::SentenceSplitter;

/// What kind of unit a [`Segment`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A sentence of running text (also the second and later sentences of a list item).
    Sentence,
    /// A short title line such as "Executive Summary" or "2.3 Conditions in detention".
    Heading,
    /// The (first sentence of a) list item, marker included.
    ListItem,
}

impl UnitKind {
    /// The name used in output files: `sentence`, `heading` or `list_item`.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Sentence => "sentence",
            UnitKind::Heading => "heading",
            UnitKind::ListItem => "list_item",
        }
    }
}

/// One unit of the text, with its span in the original text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Segment {
    /// The unit with inner line breaks and runs of whitespace joined to single spaces.
    pub text: String,
    pub kind: UnitKind,
    /// Start, in Unicode scalar values (chars), into the original text.
    pub char_start: usize,
    /// End (exclusive), in chars.
    pub char_end: usize,
    /// Start, in bytes.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
}

/// Splits a text into sentences, headings and list items.
pub trait Segmenter: Send + Sync {
    /// The units of `text`, in order. Never panics; empty or blank text gives no unit.
    fn segment(&self, text: &str) -> Vec<Segment>;
}

/// The rule-based segmenter: layout rules (paragraphs, headings, lists) plus sentence
/// rules driven by an abbreviation list.
#[derive(Debug, Clone)]
pub struct RuleSegmenter {
    abbreviations: Abbreviations,
    repair_paragraphs: bool,
}

impl RuleSegmenter {
    /// A segmenter with the built-in abbreviation list (`data/abbreviations.txt`).
    pub fn new() -> Self {
        RuleSegmenter {
            abbreviations: Abbreviations::builtin(),
            repair_paragraphs: false,
        }
    }

    /// Adds the abbreviations of a user file in the format of `data/abbreviations.txt`
    /// (one per line, `#` comments, optional `[prepositive]`/`[number]`/`[general]`
    /// sections; entries before any section are `general`).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read; [`Error::Data`] with the file and line
    /// number if a line is malformed or the file is not UTF-8. Nothing is added then.
    pub fn with_abbreviations_file(mut self, path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let source = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            Error::Data {
                path: path.to_path_buf(),
                line: 1 + valid.iter().filter(|b| **b == b'\n').count(),
                reason: "not valid UTF-8".to_string(),
            }
        })?;
        self.abbreviations
            .add_source(&source)
            .map_err(|e| Error::Data {
                path: path.to_path_buf(),
                line: e.line,
                reason: e.reason,
            })?;
        Ok(self)
    }

    /// Adds abbreviations (e.g. `"Insp."`, `"et seq."`) of the `general` class: they do not
    /// end a sentence unless the next word typically opens one. Malformed entries (with
    /// brackets, quotes or other punctuation, or without a letter) are skipped.
    pub fn with_abbreviations<I: IntoIterator<Item = S>, S: AsRef<str>>(
        mut self,
        extra: I,
    ) -> Self {
        for entry in extra {
            self.abbreviations
                .add_entry(entry.as_ref(), AbbrevClass::General);
        }
        self
    }

    /// Whether a blank line that falls inside a visibly cut sentence (PDF page breaks)
    /// is bridged. Off by default: every blank line ends a unit.
    pub fn with_paragraph_repair(mut self, on: bool) -> Self {
        self.repair_paragraphs = on;
        self
    }

    fn spans(&self, text: &str) -> Vec<Span> {
        let splitter = SentenceSplitter {
            abbreviations: &self.abbreviations,
        };
        Layout::new(text, splitter, self.repair_paragraphs).run()
    }
}

impl Default for RuleSegmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter for RuleSegmenter {
    fn segment(&self, text: &str) -> Vec<Segment> {
        to_segments(text, self.spans(text))
    }
}

/// Adds char offsets and normalised text; one forward pass over the text.
fn to_segments(text: &str, spans: Vec<Span>) -> Vec<Segment> {
    let mut segments = Vec::with_capacity(spans.len());
    let mut byte_cursor = 0;
    let mut char_cursor = 0;
    for span in spans {
        char_cursor += text[byte_cursor..span.start].chars().count();
        let char_start = char_cursor;
        let slice = &text[span.start..span.end];
        char_cursor += slice.chars().count();
        byte_cursor = span.end;
        segments.push(Segment {
            text: chars::collapse_whitespace(slice),
            kind: span.kind,
            char_start,
            char_end: char_cursor,
            byte_start: span.start,
            byte_end: span.end,
        });
    }
    segments
}
