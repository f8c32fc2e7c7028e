//! Page layout: paragraphs, lines, headings and list items. Turns the raw text into
//! blocks (a heading, a list item with its wrapped lines, or running text), then hands
//! the running text to the sentence splitter.

use super::abbrev::AbbrevClass;
use super::chars::{
    char_at, ends_with_sentence_punctuation, ends_with_terminal, is_closer, is_line_break,
    is_opener, is_paragraph_separator, starts_lowercase, trim_span,
};
use super::lexicon;
use super::line_shape::{
    ends_mid_sentence, ends_with_name_after_function_word, heading_word_count, is_all_caps,
    is_field_line, is_footnote_line, is_salutation_line, is_sentence_like, is_separator_line,
    is_title_case, split_heading_number, starts_capitalised,
};
use super::marker::{parse_marker, Marker};
use super::sentence::SentenceSplitter;
use super::UnitKind;

/// Headings are short: at most this many words.
const MAX_HEADING_WORDS: usize = 12;
const MAX_HEADING_BYTES: usize = 200;
/// A sentence-case title line above a paragraph line has at most this many words, and
/// the paragraph line at least this many bytes (and twice the title's length).
const MAX_TITLE_OVER_PARAGRAPH_WORDS: usize = 8;
const MIN_PARAGRAPH_LINE_BYTES: usize = 40;
/// A paragraph of at least this many short lines without punctuation is a list of lines.
const MIN_LINE_LIST_LINES: usize = 3;
const MAX_LINE_LIST_WORDS: usize = 5;
/// A line longer than this (bytes) was not hard-wrapped: the break after it is the
/// author's, not the layout's.
const MAX_WRAPPED_LINE_BYTES: usize = 150;
/// A line with its next word still within 3/4 of the paragraph's width was not filled.
const ROOM_PLENTY_NUMERATOR: usize = 3;
const ROOM_PLENTY_DENOMINATOR: usize = 4;
/// Part of a paragraph's width (1/8) by which a line must fall short, beyond the next
/// word, to count as having some room left (proportional fonts make full lines uneven).
const ROOM_SLACK_DIVISOR: usize = 8;
const MIN_ROOM_SLACK: usize = 2;
/// Narrower paragraphs (a signature block, an address) are taken to be unwrapped.
const MIN_WRAP_WIDTH: usize = 40;
/// A line indented at least this many columns deeper than the line above starts a paragraph.
const MIN_PARAGRAPH_INDENT: usize = 2;

/// A unit found in the text: byte span (trimmed) and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: UnitKind,
}

/// One non-blank line, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Leading whitespace, in columns (a tab counts four).
    indent: usize,
    /// Length of the trimmed line in bytes: widths are compared between lines of one
    /// paragraph, where bytes stand in for chars (exactly so in ASCII text).
    len: usize,
}

impl Line {
    /// Columns from the left margin to the end of the line.
    fn extent(&self) -> usize {
        self.indent + self.len
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Heading,
    Text,
    /// A list item; `None` for an unmarked line of a list of short lines.
    Item(Option<Marker>),
}

/// Consecutive lines that form one heading, one list item or one stretch of running text.
#[derive(Debug, Clone, Copy)]
struct Block {
    start: usize,
    end: usize,
    kind: BlockKind,
    first_indent: usize,
    last_line: Line,
}

impl Block {
    fn new(line: Line, kind: BlockKind) -> Self {
        Block {
            start: line.start,
            end: line.end,
            kind,
            first_indent: line.indent,
            last_line: line,
        }
    }

    fn extend(&mut self, line: Line) {
        self.end = line.end;
        self.last_line = line;
    }
}

/// What a line is, given its neighbours.
enum LineRole {
    Heading,
    Item(Marker),
    Continuation,
    NewText,
}

/// The neighbourhood of a line inside its paragraph.
struct LineContext<'t> {
    prev: Option<&'t str>,
    next: Option<&'t str>,
    /// The line could start a new unit: first line of its paragraph, or the previous
    /// line ended a sentence or was a heading.
    at_unit_start: bool,
    /// The paragraph is this single line.
    standalone: bool,
    current: Option<Block>,
    /// Marker of the closest list item above in this paragraph.
    last_marker: Option<Marker>,
    /// The line break before this line ends the running text above (see
    /// [`Layout::line_break_ends_unit`]).
    after_text_break: bool,
    next_line: Option<Line>,
    /// The paragraph's widest line, in columns.
    width: usize,
}

/// How strict the heading test is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum HeadingTest {
    /// A paragraph of its own: any capitalised short line without final punctuation.
    Standalone,
    /// A line followed by a line break: Title Case, ALL CAPS or numbered.
    InParagraph,
    /// The text after a list marker ("1. Introduction"): Title Case or ALL CAPS.
    AfterMarker(usize),
}

/// Walks the text once, paragraph by paragraph, and collects the spans.
pub(crate) struct Layout<'t, 'a> {
    text: &'t str,
    splitter: SentenceSplitter<'a>,
    join_broken_paragraphs: bool,
    /// The last block of the previous paragraph, kept open in case the paragraph break
    /// falls inside a sentence (a PDF page break).
    pending: Option<Block>,
    spans: Vec<Span>,
}

impl<'t, 'a> Layout<'t, 'a> {
    pub(crate) fn new(
        text: &'t str,
        splitter: SentenceSplitter<'a>,
        join_broken_paragraphs: bool,
    ) -> Self {
        Layout {
            text,
            splitter,
            join_broken_paragraphs,
            pending: None,
            spans: Vec::new(),
        }
    }

    pub(crate) fn run(mut self) -> Vec<Span> {
        let mut paragraph: Vec<Line> = Vec::new();
        let mut pos = 0;
        while pos < self.text.len() {
            let (content_end, next_pos, ends_paragraph) = line_end(self.text, pos);
            let (start, end) = trim_span(self.text, pos, content_end);
            if start < end {
                paragraph.push(Line {
                    start,
                    end,
                    indent: indent_columns(&self.text[pos..start]),
                    len: end - start,
                });
            }
            if (start == end || ends_paragraph) && !paragraph.is_empty() {
                self.paragraph(&paragraph);
                paragraph.clear();
            }
            pos = next_pos;
        }
        if !paragraph.is_empty() {
            self.paragraph(&paragraph);
        }
        self.flush_pending();
        self.spans
    }

    fn line_text(&self, line: Line) -> &'t str {
        &self.text[line.start..line.end]
    }

    fn paragraph(&mut self, lines: &[Line]) {
        let joined = self.join_broken_paragraphs
            && self
                .pending
                .is_some_and(|block| self.continues_across_break(block, lines));
        let mut current = if joined {
            self.pending.take()
        } else {
            self.flush_pending();
            None
        };
        if !joined && self.is_list_of_lines(lines) {
            for line in lines {
                self.emit(Block::new(*line, self.list_line_kind(*line)));
            }
            return;
        }
        let mut last_marker = None;
        let mut prev_was_heading = false;
        let width = lines.iter().map(Line::extent).max().unwrap_or(0);
        for (k, line) in lines.iter().enumerate() {
            if joined && k == 0 {
                if let Some(block) = current.as_mut() {
                    block.extend(*line);
                }
                continue;
            }
            let prev = k.checked_sub(1).map(|p| self.line_text(lines[p]));
            let after_text_break = k > 0
                && current.is_some_and(|block| block.kind == BlockKind::Text)
                && self.line_break_ends_unit(
                    lines[k - 1],
                    *line,
                    width,
                    lines.len(),
                    k + 1 == lines.len(),
                );
            let context = LineContext {
                prev,
                next: lines.get(k + 1).map(|l| self.line_text(*l)),
                at_unit_start: prev.is_none_or(ends_with_terminal)
                    || prev_was_heading
                    || after_text_break,
                standalone: lines.len() == 1 && !joined,
                current,
                last_marker,
                after_text_break,
                next_line: lines.get(k + 1).copied(),
                width,
            };
            let role = self.classify(*line, &context);
            prev_was_heading = matches!(role, LineRole::Heading);
            match role {
                LineRole::Heading => {
                    self.close(&mut current);
                    self.emit(Block::new(*line, BlockKind::Heading));
                    last_marker = None;
                }
                LineRole::Item(marker) => {
                    self.close(&mut current);
                    current = Some(Block::new(*line, BlockKind::Item(Some(marker))));
                    last_marker = Some(marker);
                }
                LineRole::Continuation => match current.as_mut() {
                    Some(block) => block.extend(*line),
                    None => current = Some(Block::new(*line, BlockKind::Text)),
                },
                LineRole::NewText => {
                    self.close(&mut current);
                    current = Some(Block::new(*line, BlockKind::Text));
                }
            }
        }
        self.pending = current;
    }

    fn classify(&self, line: Line, context: &LineContext) -> LineRole {
        let text = self.line_text(line);
        if is_separator_line(text) {
            return LineRole::Heading;
        }
        if let Some(marker) = parse_marker(text) {
            if may_start_list_item(&marker, context) && !self.continues_reference(&marker, context)
            {
                if self.is_numbered_heading(&marker, line, context) {
                    return LineRole::Heading;
                }
                return LineRole::Item(marker);
            }
        }
        if self.is_heading_line(line, context) {
            return LineRole::Heading;
        }
        if context.prev.is_some() && context.at_unit_start && is_footnote_line(text) {
            return LineRole::NewText;
        }
        match context.current {
            None => LineRole::NewText,
            Some(block) => match block.kind {
                BlockKind::Item(_) if !continues_item(block, line, text, context) => {
                    LineRole::NewText
                }
                BlockKind::Text if context.after_text_break => LineRole::NewText,
                _ => LineRole::Continuation,
            },
        }
    }

    /// Does the line break between `prev` and `line` (running text, no heading or list
    /// item) end a unit? Decided from the shape of the two lines and of the paragraph
    /// (`width` is its widest line, in columns): never before a lowercase line or after
    /// a line cut in mid-phrase; otherwise when `prev` is a greeting or closing ("Hi
    /// Sara,"), either line is a field ("Subject: ..."), `line` is indented deeper,
    /// `prev` is too long to be hard-wrapped, or `prev` has room left for the next word
    /// (it was not filled by wrapping), or, for a full line, when `line` opens with a
    /// typical sentence opener after a sentence-like line ending in a lowercase word.
    fn line_break_ends_unit(
        &self,
        prev: Line,
        line: Line,
        width: usize,
        lines: usize,
        is_last: bool,
    ) -> bool {
        let above = self.line_text(prev);
        let text = self.line_text(line);
        let (first_word, second_word, numeric) = match capitalised_line_start(text) {
            Some((first, second)) => (first, second, false),
            // "Never again\n5 stars for the screen": a number only with plenty of room.
            None if text.starts_with(|c: char| c.is_ascii_digit()) => {
                (text.split_whitespace().next().unwrap_or(""), None, true)
            }
            None => return false,
        };
        if is_salutation_line(above) {
            return true;
        }
        let opener = !numeric && opens_line(first_word) && first_word != "A";
        // Room for the next word: plenty (a quarter of the width to spare, which uneven
        // line lengths of justified PDF text never leave), or some (an eighth), which
        // is enough before a word that opens sentences.
        let filled = prev.extent() + 1 + first_word.len();
        let plenty_of_room = filled * ROOM_PLENTY_DENOMINATOR <= width * ROOM_PLENTY_NUMERATOR;
        let slack = (width / ROOM_SLACK_DIVISOR).max(MIN_ROOM_SLACK);
        let has_room = plenty_of_room || (opener && filled + slack <= width);
        let layout_break = line.indent >= prev.indent + MIN_PARAGRAPH_INDENT
            || prev.len > MAX_WRAPPED_LINE_BYTES
            || is_field_line(above)
            || is_field_line(text);
        // Cheap exit for the common case, a full line of wrapped text.
        if !(has_room || layout_break || opener || is_last) {
            return false;
        }
        let last_word = above.split_whitespace().next_back().unwrap_or("");
        if ends_with_capitalised_function_word(last_word) {
            return false; // "... were returned. The\nItalian Navy ..."
        }
        // "... handed over to the State\nSecurity Department": a name may go on, but
        // not with a closed-class word ("... a visa in Lyon\nI tried ...").
        if ends_mid_sentence(above)
            || (ends_with_name_after_function_word(above) && is_sentence_like(above) && !opener)
        {
            return false;
        }
        if numeric {
            return plenty_of_room
                && !ends_with_terminal(above)
                && (lines >= MIN_LINE_LIST_LINES || is_sentence_like(above));
        }
        if ends_with_terminal(above) {
            // The sentence rules decide, except that a period after an ambiguous
            // abbreviation ("in the U.S.") ends a line with room left. A colon or
            // semicolon ("She told us:\n“The man ...") leaves the sentence open.
            let open = above.trim_end_matches(is_closer).ends_with([':', ';']);
            return !open && has_room && self.period_may_end_line(above);
        }
        if layout_break {
            return true;
        }
        if has_room
            && (lines >= MIN_LINE_LIST_LINES
                || opener
                || is_sentence_like(above)
                || is_byline(above))
        {
            return true;
        }
        if !(opener || is_last) || !is_sentence_like(above) {
            return false;
        }
        if is_last && !ends_with_sentence_punctuation(text) && !ends_mid_sentence(text) {
            // Text that does not punctuate its line ends: a signature ("... with the
            // schedule\nMike") or a last sentence with an opener ("\nI tried ...").
            let signature = ends_with_lowercase_word(above) && is_name_line(text);
            if signature || (opener && is_sentence_like(text)) {
                return true;
            }
        }
        // A full line: only a closed-class opener of a sentence-case line ("The food
        // was great"), not "I" (mid-sentence too) nor a name ("The Hague").
        opener
            && first_word != "I"
            && !second_word.is_some_and(|w| w.starts_with(char::is_uppercase))
            && ends_with_lowercase_word(above)
    }

    /// "... in the U.S." / "... Inc.": a line-final period that is not a title's ("Mr."),
    /// a number abbreviation's ("No."), an initial's ("John F.") nor an omission.
    fn period_may_end_line(&self, line: &str) -> bool {
        let Some(last) = line.split_whitespace().next_back() else {
            return false;
        };
        let last = last.trim_end_matches(is_closer);
        let Some(word) = last.strip_suffix('.') else {
            return true; // "?", "!" or a period before a quote: the sentence rules split
        };
        let word = word.trim_start_matches(is_opener);
        let mut letters = word.chars();
        let initial = letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none();
        if word.is_empty() || word.ends_with('.') || initial {
            return false;
        }
        !matches!(
            self.splitter.abbreviations.class_of(word, ""),
            Some(AbbrevClass::Prepositive | AbbrevClass::Number)
        )
    }

    /// "... Annual Report 2022, p.\n14. The court ...": a number after a line that ends in
    /// a number abbreviation ("p.", "para.", "No.") belongs to it; it is no list marker.
    fn continues_reference(&self, marker: &Marker, context: &LineContext) -> bool {
        let Some(word) = context
            .prev
            .and_then(|prev| prev.split_whitespace().next_back())
            .and_then(|word| word.strip_suffix('.'))
        else {
            return false;
        };
        marker.is_number()
            && self.splitter.abbreviations.class_of(word, "") == Some(AbbrevClass::Number)
    }

    /// "1. Introduction" or "II. Findings" on its own, not part of a list of such lines.
    fn is_numbered_heading(&self, marker: &Marker, line: Line, context: &LineContext) -> bool {
        let in_list = context
            .last_marker
            .is_some_and(|m| m.is_followed_by(marker))
            || context
                .next
                .and_then(parse_marker)
                .is_some_and(|next| marker.is_followed_by(&next));
        marker.can_number_a_heading()
            && !in_list
            && heading_may_stand_here(context)
            && self.looks_like_heading(line, HeadingTest::AfterMarker(marker.len))
    }

    fn is_heading_line(&self, line: Line, context: &LineContext) -> bool {
        if context.standalone {
            return self.looks_like_heading(line, HeadingTest::Standalone);
        }
        heading_may_stand_here(context)
            && (self.looks_like_heading(line, HeadingTest::InParagraph)
                || self.is_short_title_over_paragraph(line, context))
            && !self.is_first_line_of_wrapped_text(line, context)
    }

    /// "The UN Committee on the Elimination of Racial\nDiscrimination urged Myanmar to
    /// restore ...": a Title Case line filled by wrapping, above another full line that
    /// goes on with a capitalised word (no sentence opener), is running text, not a
    /// heading. Numbered and ALL CAPS headings are kept.
    fn is_first_line_of_wrapped_text(&self, line: Line, context: &LineContext) -> bool {
        let (Some(next), Some(next_line)) = (context.next, context.next_line) else {
            return false;
        };
        let text = self.line_text(line);
        let Some((first_word, _)) = capitalised_line_start(next) else {
            return false;
        };
        let filled = line.extent() + 1 + first_word.len() > context.width;
        let next_is_full =
            next_line.extent() * ROOM_PLENTY_DENOMINATOR >= context.width * ROOM_PLENTY_NUMERATOR;
        context.width >= MIN_WRAP_WIDTH
            && filled
            && next_is_full
            && !opens_line(first_word)
            && !split_heading_number(text).0
            && !is_all_caps(text)
    }

    /// "Refugees flee the fighting\nThousands crossed the border on Monday, officials
    /// said.": in HTML extracts a sentence-case title sits on its own line above a much
    /// longer one. Wrapped PDF lines have similar lengths, so they do not qualify.
    fn is_short_title_over_paragraph(&self, line: Line, context: &LineContext) -> bool {
        let text = self.line_text(line);
        let Some(next) = context.next else {
            return false;
        };
        let much_shorter = next.len() >= 2 * text.len() && next.len() >= MIN_PARAGRAPH_LINE_BYTES;
        much_shorter
            && !text.contains(',')
            && text
                .split_whitespace()
                .nth(MAX_TITLE_OVER_PARAGRAPH_WORDS)
                .is_none()
            && self.looks_like_heading(line, HeadingTest::Standalone)
    }

    /// A short line without sentence-final punctuation, capitalised or numbered, that
    /// does not end in the middle of a phrase and contains no sentence boundary.
    fn looks_like_heading(&self, line: Line, test: HeadingTest) -> bool {
        let text = self.line_text(line);
        if text.len() > MAX_HEADING_BYTES
            || heading_word_count(text, MAX_HEADING_WORDS) > MAX_HEADING_WORDS
            || ends_with_sentence_punctuation(text)
            || ends_mid_sentence(text)
            || (ends_with_name_after_function_word(text) && is_sentence_like(text))
            || !text.chars().any(char::is_alphabetic)
        {
            return false;
        }
        let (numbered, rest) = match test {
            HeadingTest::AfterMarker(len) => (false, text[len..].trim_start()),
            _ => split_heading_number(text),
        };
        let case_fits = match test {
            HeadingTest::Standalone => {
                numbered || is_all_caps(rest) || is_title_case(rest) || starts_capitalised(rest)
            }
            HeadingTest::InParagraph => {
                // "In Geneva, UNHCR" starting a wrapped sentence is no heading.
                numbered || (!text.contains(',') && (is_all_caps(rest) || is_title_case(rest)))
            }
            HeadingTest::AfterMarker(_) => is_all_caps(rest) || is_title_case(rest),
        };
        // `rest` is a suffix of the line, so it ends where the line ends.
        let rest_start = line.end - rest.len();
        case_fits && !self.splitter.has_boundary(self.text, rest_start, line.end)
    }

    /// "shelter\nfood rations\nmedical care, counselling": lines without any punctuation
    /// at their ends are separate units, not one wrapped sentence, when they are all
    /// short, or all capitalised and at most a heading long ("Key facts\nMore than 900
    /// people fled\nMost are children"). Wrapped prose rarely breaks only before capitals.
    fn is_list_of_lines(&self, lines: &[Line]) -> bool {
        if lines.len() < MIN_LINE_LIST_LINES {
            return false;
        }
        let texts = || lines.iter().map(|line| self.line_text(*line));
        let unpunctuated = texts().all(|text| {
            !ends_with_sentence_punctuation(text)
                && !ends_mid_sentence(text)
                && parse_marker(text).is_none()
                && text.chars().any(char::is_alphabetic)
        });
        let all_short = || texts().all(|text| word_count_at_most(text, MAX_LINE_LIST_WORDS));
        let all_capitalised = || {
            texts()
                .all(|text| word_count_at_most(text, MAX_HEADING_WORDS) && starts_capitalised(text))
        };
        unpunctuated && (all_short() || all_capitalised())
    }

    /// A line of a list of lines: a heading if it looks like one, a sentence if it reads
    /// like one (several words, lowercase content words), else a list item.
    fn list_line_kind(&self, line: Line) -> BlockKind {
        if self.looks_like_heading(line, HeadingTest::InParagraph) {
            BlockKind::Heading
        } else if is_sentence_like(self.line_text(line)) {
            BlockKind::Text
        } else {
            BlockKind::Item(None)
        }
    }

    /// Does the paragraph after a blank line continue the sentence `block` left open?
    /// Only when that sentence was visibly cut: it ends without punctuation, in a
    /// comma, hyphen or function word ("a field officer based in"), or in a capitalised
    /// word right after one ("the author of Lost") with the next paragraph no heading.
    fn continues_across_break(&self, block: Block, lines: &[Line]) -> bool {
        let Some(first_line) = lines.first() else {
            return false;
        };
        let last = self.line_text(block.last_line);
        let first = self.line_text(*first_line);
        let starts_like_text = first
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || is_opener(c));
        if block.kind == BlockKind::Heading
            || ends_with_terminal(last)
            || parse_marker(first).is_some()
            || !starts_like_text
        {
            return false;
        }
        if ends_mid_sentence(last) {
            return true;
        }
        let first_paragraph_test = if lines.len() == 1 {
            HeadingTest::Standalone
        } else {
            HeadingTest::InParagraph
        };
        ends_with_name_after_function_word(last)
            && is_sentence_like(last)
            && !self.looks_like_heading(*first_line, first_paragraph_test)
    }

    fn close(&mut self, current: &mut Option<Block>) {
        if let Some(block) = current.take() {
            self.emit(block);
        }
    }

    fn flush_pending(&mut self) {
        if let Some(block) = self.pending.take() {
            self.emit(block);
        }
    }

    fn emit(&mut self, block: Block) {
        let spans = &mut self.spans;
        let mut push = |start, end, kind| spans.push(Span { start, end, kind });
        match block.kind {
            BlockKind::Heading => push(block.start, block.end, UnitKind::Heading),
            BlockKind::Text => self.splitter.split(
                self.text,
                block.start,
                block.end,
                None,
                UnitKind::Sentence,
                &mut push,
            ),
            BlockKind::Item(marker) => self.splitter.split(
                self.text,
                block.start,
                block.end,
                marker,
                UnitKind::ListItem,
                &mut push,
            ),
        }
    }
}

/// Finds the end of the line starting at `pos`: (end of content, start of the next
/// line, whether a paragraph separator ended it). "\r\n" counts as one break.
fn line_end(text: &str, pos: usize) -> (usize, usize, bool) {
    let bytes = text.as_bytes();
    for (offset, b) in bytes[pos..].iter().enumerate() {
        // 0xC2 and 0xE2 only ever lead a character (U+0085, U+2028, U+2029).
        if matches!(b, b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2) {
            let i = pos + offset;
            let c = char_at(text, i);
            if is_line_break(c) {
                let mut next = i + c.len_utf8();
                if c == '\r' && bytes.get(next) == Some(&b'\n') {
                    next += 1;
                }
                return (i, next, is_paragraph_separator(c));
            }
        }
    }
    (bytes.len(), bytes.len(), false)
}

/// List items may start after a finished sentence, after another item (always after
/// the item before them in the list), or as the first item of a list; dashes and
/// numbers in the middle of a wrapped sentence do not.
fn may_start_list_item(marker: &Marker, context: &LineContext) -> bool {
    let next_in_list = context
        .last_marker
        .is_some_and(|m| m.is_followed_by(marker));
    if marker.is_unambiguous_bullet() || context.prev.is_none() || next_in_list {
        // "(b) ensure access; and\n(c) investigate": the list goes on.
        return true;
    }
    if context.prev.is_some_and(ends_mid_sentence) {
        return false;
    }
    context.at_unit_start
        || matches!(context.current, Some(b) if matches!(b.kind, BlockKind::Item(_)))
        || marker.starts_sequence()
}

/// A line after a list item continues it when it starts lowercase, is indented
/// under the item, or the item's last line was cut in mid-phrase.
fn continues_item(block: Block, line: Line, text: &str, context: &LineContext) -> bool {
    starts_lowercase(text)
        || line.indent > block.first_indent
        || context.prev.is_some_and(ends_mid_sentence)
}

/// A heading inside a paragraph starts where a unit may start and is not followed by
/// a lowercase continuation line.
fn heading_may_stand_here(context: &LineContext) -> bool {
    context.standalone || (context.at_unit_start && !context.next.is_some_and(starts_lowercase))
}

/// Leading whitespace in columns, a tab counting four.
fn indent_columns(leading: &str) -> usize {
    leading.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// The first two words of a line that starts (after opening quotes or brackets) with
/// a capital letter; `None` for any other line.
fn capitalised_line_start(text: &str) -> Option<(&str, Option<&str>)> {
    let body = text.trim_start_matches(is_opener);
    if !body.starts_with(char::is_uppercase) {
        return None;
    }
    let mut words = body.split_whitespace();
    let first = words.next()?;
    Some((first, words.next()))
}

/// Is `word` (the first of `line`) a word that opens sentences or informal lines
/// ("The", "We", "Please")? Glued to more letters, digits or a slash ("A/HRC/40") it is not.
fn opens_line(word: &str) -> bool {
    let letters = word
        .find(|c: char| !c.is_alphabetic())
        .map_or(word, |k| &word[..k]);
    let glued = word[letters.len()..]
        .chars()
        .next()
        .is_some_and(|t| t.is_alphanumeric() || matches!(t, '.' | '/' | '-' | '_' | '@'));
    !letters.is_empty() && !glued && lexicon::is_line_opener(letters)
}

/// "Mike", "Jane Doe", "Ana María Ruiz": one to three capitalised words and nothing else.
fn is_name_line(line: &str) -> bool {
    let mut count = 0;
    for word in line.split_whitespace() {
        count += 1;
        let mut chars = word.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'');
        if count > 3 || !capitalised {
            return false;
        }
    }
    count > 0
}

/// "By Maria Lopez, Reuters": "By" and capitalised names.
fn is_byline(line: &str) -> bool {
    let mut words = line.split_whitespace();
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("by"))
        && line.len() <= MAX_HEADING_BYTES
        && words.all(|w| w.starts_with(char::is_uppercase))
}

/// "The", "In", "Because": a function word that opens the sentence it cannot end (not
/// "A" of "Annex A", nor the month "May").
fn ends_with_capitalised_function_word(word: &str) -> bool {
    let mut chars = word.chars();
    let title_form = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    title_form && word != "May" && lexicon::with_lowercase(word, lexicon::is_dangling_word)
}

/// Does the line end in a lowercase word ("... the staff friendly")?
fn ends_with_lowercase_word(line: &str) -> bool {
    line.split_whitespace()
        .next_back()
        .is_some_and(|w| w.chars().all(char::is_lowercase))
}

fn word_count_at_most(text: &str, max: usize) -> bool {
    text.split_whitespace().nth(max).is_none()
}
