//! Markdown to readable plain text, line by line (block syntax) and then character by
//! character within a line (inline syntax). Not a full CommonMark parser: it removes the
//! markup that would end up inside sentences and keeps the paragraph structure.
//!
//! Every char of the plain text keeps the position of the source char it was copied from
//! (an [`AlignedText`]), so that offsets in the plain text can be taken back to the file.
//! The work is linear in the length of a line whatever its content: brackets and backtick
//! runs are matched once per line, and link texts are stripped at most
//! [`MAX_LINK_NESTING`] levels deep.

use std::collections::HashMap;

use crate::ingest::align::{AlignedText, Alignment};

/// Links nested deeper than this inside link texts keep their text as it is.
const MAX_LINK_NESTING: usize = 16;

/// The text without Markdown syntax, and the title (first `#` heading, else the first
/// heading of any level).
#[cfg(test)]
pub(crate) fn to_plain_text(source: &str) -> (String, Option<String>) {
    let (text, _, title) = to_plain_text_aligned(source);
    (text, title)
}

/// [`to_plain_text`] with the alignment of the plain text to `source`, in chars.
pub(crate) fn to_plain_text_aligned(source: &str) -> (String, Alignment, Option<String>) {
    let (lines, source_chars) = source_lines(source);
    let texts: Vec<&str> = lines.iter().map(|line| line.src.text).collect();
    let body_start = front_matter_end(&texts);
    let mut converter = Converter::default();
    for line in &lines[body_start..] {
        converter.line(line);
    }
    let title = converter.first_h1.or(converter.first_heading);
    let mut out = AlignedText::with_capacity(source.len());
    let mut previous_end = None;
    for line in converter.out {
        if let Some(end) = previous_end {
            // Lines are joined by an inserted line break, placed where the line ended.
            out.push_group("\n", end, 0);
        }
        out.append(line.text);
        previous_end = Some(line.end);
    }
    let (text, alignment) = out.finish(source_chars);
    (text, alignment, title)
}

/// A piece of the source and the char offset of its first char.
#[derive(Debug, Clone, Copy)]
struct Src<'a> {
    text: &'a str,
    start: usize,
}

impl<'a> Src<'a> {
    /// `part`, a slice of `self.text`, with its offset.
    fn sub(&self, part: &'a str) -> Src<'a> {
        let offset = part.as_ptr() as usize - self.text.as_ptr() as usize;
        debug_assert!(offset + part.len() <= self.text.len());
        Src {
            text: part,
            start: self.start + self.text[..offset].chars().count(),
        }
    }
}

/// A source line: its text (without the line end) and the char offset of its line end.
struct SourceLine<'a> {
    src: Src<'a>,
    end: usize,
}

/// The lines of `source` (LF, CRLF and CR line ends, as `str::lines` with CR too), and the
/// number of chars in it.
fn source_lines(source: &str) -> (Vec<SourceLine<'_>>, usize) {
    let mut lines = Vec::new();
    let mut start_byte = 0;
    let mut start_char = 0;
    let mut chars = 0;
    let mut iter = source.char_indices().peekable();
    while let Some((byte, c)) = iter.next() {
        if c != '\n' && c != '\r' {
            chars += 1;
            continue;
        }
        lines.push(SourceLine {
            src: Src {
                text: &source[start_byte..byte],
                start: start_char,
            },
            end: chars,
        });
        start_byte = byte + 1;
        chars += 1;
        if c == '\r' && iter.peek().is_some_and(|&(_, next)| next == '\n') {
            iter.next();
            start_byte += 1;
            chars += 1;
        }
        start_char = chars;
    }
    if start_byte < source.len() {
        lines.push(SourceLine {
            src: Src {
                text: &source[start_byte..],
                start: start_char,
            },
            end: chars,
        });
    }
    (lines, chars)
}

/// A line of the plain text and the source offset of the line end it stands before.
struct OutLine {
    text: AlignedText,
    end: usize,
}

impl OutLine {
    fn blank(end: usize) -> Self {
        OutLine {
            text: AlignedText::default(),
            end,
        }
    }
}

#[derive(Default)]
struct Converter {
    out: Vec<OutLine>,
    /// The fence character and length of the open code block, if inside one.
    fence: Option<(char, usize)>,
    /// Whether the last output line is paragraph text (a setext underline may follow it).
    after_paragraph_line: bool,
    first_h1: Option<String>,
    first_heading: Option<String>,
}

impl Converter {
    fn line(&mut self, source_line: &SourceLine) {
        let end = source_line.end;
        let raw = source_line.src;
        if self.in_code_block(raw.text) {
            return;
        }
        let line = raw.sub(strip_blockquote(raw.text));
        let trimmed = line.text.trim();
        let was_paragraph = std::mem::replace(&mut self.after_paragraph_line, false);

        if trimmed.is_empty() {
            self.out.push(OutLine::blank(end));
        } else if let Some(level) = setext_level(trimmed).filter(|_| was_paragraph) {
            let text = self.out.pop().map(|line| line.text).unwrap_or_default();
            self.heading(level, text, end);
        } else if is_thematic_break(trimmed)
            || is_table_separator(trimmed)
            || is_reference_definition(trimmed)
        {
            // Layout only.
        } else if let Some((level, text)) = atx_heading(trimmed) {
            let mut out = AlignedText::default();
            strip_inline_into(line.sub(text), &mut out);
            self.heading(level, out, end);
        } else if let Some((marker, rest)) = list_marker(line.text) {
            let mut out = AlignedText::default();
            out.push_copied(marker, line.start);
            strip_inline_into(line.sub(rest), &mut out);
            self.out.push(OutLine { text: out, end });
        } else {
            let mut out = AlignedText::default();
            match table_row(line) {
                Some(row) => {
                    let (row_text, row_alignment) = row.finish(end);
                    let chars: Vec<char> = row_text.chars().collect();
                    let position = |j: usize| row_alignment.source_range(j);
                    Inline::new(chars, &position).strip(&mut out);
                }
                None => strip_inline_into(line, &mut out),
            }
            self.out.push(OutLine { text: out, end });
            self.after_paragraph_line = true;
        }
    }

    /// Tracks fenced code blocks; true for the fence lines and the code inside.
    fn in_code_block(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let fence = code_fence(trimmed).filter(|_| indent <= 3);
        match (self.fence, fence) {
            (None, Some(opening)) => {
                self.fence = Some(opening);
                true
            }
            (Some((c, length)), Some((closing_c, closing_length)))
                if c == closing_c
                    && closing_length >= length
                    && trimmed.trim_start_matches(c).trim().is_empty() =>
            {
                self.fence = None;
                true
            }
            (Some(_), _) => true,
            (None, None) => false,
        }
    }

    /// A heading as a paragraph of its own.
    fn heading(&mut self, level: usize, text: AlignedText, end: usize) {
        let text = text.trim();
        if text.text.is_empty() {
            return;
        }
        if level == 1 && self.first_h1.is_none() {
            self.first_h1 = Some(text.text.clone());
        }
        if self.first_heading.is_none() {
            self.first_heading = Some(text.text.clone());
        }
        if self.out.last().is_some_and(|l| !l.text.text.is_empty()) {
            self.out.push(OutLine::blank(end));
        }
        self.out.push(OutLine { text, end });
        self.out.push(OutLine::blank(end));
    }
}

/// Where the body starts after a YAML front matter block (`---` ... `---` or `...`).
fn front_matter_end(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map_or(0, |closing| closing + 2)
}

/// The line without leading `>` quote markers.
fn strip_blockquote(line: &str) -> &str {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('>') {
            Some(after) if rest.len() - trimmed.len() <= 3 => {
                rest = after.strip_prefix(' ').unwrap_or(after);
            }
            _ => return rest,
        }
    }
}

/// An opening or closing code fence: three or more backticks or tildes.
fn code_fence(trimmed: &str) -> Option<(char, usize)> {
    let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = trimmed.chars().take_while(|&x| x == c).count();
    (length >= 3).then_some((c, length))
}

/// `===` under a line makes it a level-1 heading, `---` a level-2 one.
fn setext_level(trimmed: &str) -> Option<usize> {
    if trimmed.chars().all(|c| c == '=') {
        Some(1)
    } else if trimmed.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

fn is_thematic_break(trimmed: &str) -> bool {
    ['-', '*', '_'].iter().any(|&mark| {
        trimmed.chars().filter(|&c| c == mark).count() >= 3
            && trimmed.chars().all(|c| c == mark || c == ' ')
    })
}

/// The `|---|:---:|` row under a table header.
fn is_table_separator(trimmed: &str) -> bool {
    trimmed.contains('-')
        && trimmed.contains('|')
        && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// `[label]: https://...` link reference definitions (not footnotes `[^1]: text`).
fn is_reference_definition(trimmed: &str) -> bool {
    trimmed.starts_with('[')
        && !trimmed.starts_with("[^")
        && trimmed
            .find("]:")
            .is_some_and(|end| !trimmed[end + 2..].trim().contains(' '))
}

/// `## Heading ##` → (2, "Heading").
fn atx_heading(trimmed: &str) -> Option<(usize, &str)> {
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    let rest = &trimmed[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some((level, text))
}

/// A list item's marker (with its indentation and following space) and its content.
fn list_marker(line: &str) -> Option<(&str, &str)> {
    let content = line.trim_start();
    let indent = line.len() - content.len();
    let marker_length = if content.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = content.chars().take_while(char::is_ascii_digit).count();
        let closer = content[digits..].chars().next();
        if (1..=9).contains(&digits) && matches!(closer, Some('.' | ')')) {
            digits + 1
        } else {
            return None;
        }
    };
    let after = &content[marker_length..];
    let text = after.trim_start();
    if after.len() == text.len() || text.is_empty() {
        return None; // "-5 degrees", "2024." are no list items
    }
    let marker_end = indent + marker_length + 1;
    Some((&line[..marker_end], text))
}

/// A table row `| a | b |` as `a | b` (the " | " between cells maps onto the source between
/// them); `None` for other lines.
fn table_row(line: Src) -> Option<AlignedText> {
    let trimmed = line.sub(line.text.trim());
    let text = trimmed.text;
    if !(text.starts_with('|') && text.ends_with('|') && text.len() > 1) {
        return None;
    }
    let mut row = AlignedText::default();
    let mut cell_start = trimmed.start + 1;
    let mut previous_end = None;
    for cell in text[1..text.len() - 1].split('|') {
        let content = cell.trim();
        let lead = cell[..cell.len() - cell.trim_start().len()].chars().count();
        let content_start = cell_start + lead;
        if let Some(previous_end) = previous_end {
            row.push_group(" | ", previous_end, content_start - previous_end);
        }
        let n = row.push_copied(content, content_start);
        previous_end = Some(content_start + n);
        cell_start += cell.chars().count() + 1;
    }
    Some(row)
}

/// Removes inline markup: escapes, code spans, images, links, footnote references, raw
/// HTML tags, autolinks and emphasis delimiters.
#[cfg(test)]
fn strip_inline(text: &str) -> String {
    let mut out = AlignedText::default();
    strip_inline_into(Src { text, start: 0 }, &mut out);
    out.text
}

/// Strips the inline markup of a source slice into `out`.
fn strip_inline_into(text: Src, out: &mut AlignedText) {
    let chars: Vec<char> = text.text.chars().collect();
    let start = text.start;
    let position = move |j: usize| (start + j, start + j + 1);
    Inline::new(chars, &position).strip(out);
}

/// One line's chars with what inline syntax needs to know about them, computed once.
struct Inline<'p> {
    chars: Vec<char>,
    /// The source range of char `j`.
    position: &'p dyn Fn(usize) -> (usize, usize),
    /// `(open, just after its closer)` for matched `[`...`]`, sorted.
    squares: Vec<(usize, usize)>,
    /// The same for `(`...`)`.
    rounds: Vec<(usize, usize)>,
    /// Start indexes of maximal backtick runs, by run length, sorted.
    tick_runs: HashMap<usize, Vec<usize>>,
    /// The last answer of `next_gt`: (asked from, first `>` at or after it).
    gt_cache: std::cell::Cell<Option<(usize, Option<usize>)>>,
}

impl<'p> Inline<'p> {
    fn new(chars: Vec<char>, position: &'p dyn Fn(usize) -> (usize, usize)) -> Self {
        let squares = matching_pairs(&chars, '[', ']');
        let rounds = matching_pairs(&chars, '(', ')');
        let mut tick_runs: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut j = 0;
        while j < chars.len() {
            if chars[j] == '`' {
                let run = chars[j..].iter().take_while(|&&c| c == '`').count();
                tick_runs.entry(run).or_default().push(j);
                j += run;
            } else {
                j += 1;
            }
        }
        Inline {
            chars,
            position,
            squares,
            rounds,
            tick_runs,
            gt_cache: std::cell::Cell::new(None),
        }
    }

    fn strip(&self, out: &mut AlignedText) {
        self.strip_range(0, self.chars.len(), 0, out);
    }

    fn push(&self, j: usize, out: &mut AlignedText) {
        out.push_from(self.chars[j], (self.position)(j));
    }

    fn push_range(&self, from: usize, to: usize, out: &mut AlignedText) {
        for j in from..to {
            self.push(j, out);
        }
    }

    fn get(&self, j: usize, to: usize) -> Option<char> {
        (j < to).then(|| self.chars[j])
    }

    /// Strips chars `from..to`; `depth` counts the link texts this range is inside.
    fn strip_range(&self, from: usize, to: usize, depth: usize, out: &mut AlignedText) {
        let mut i = from;
        while i < to {
            i = match self.chars[i] {
                '\\' if self
                    .get(i + 1, to)
                    .is_some_and(|c| c.is_ascii_punctuation()) =>
                {
                    self.push(i + 1, out);
                    i + 2
                }
                '`' => self.code_span(i, to, out),
                '!' if self.get(i + 1, to) == Some('[') => self.image(i, to, out),
                '[' => self.link(i, to, depth, out),
                '<' => self.angle_bracket(i, to, out),
                '*' | '_' | '~' => self.emphasis(i, from, to, out),
                _ => {
                    self.push(i, out);
                    i + 1
                }
            };
        }
    }

    /// The index just after the closer of the bracket at `open`, if it is before `to`.
    fn closing(pairs: &[(usize, usize)], open: usize, to: usize) -> Option<usize> {
        let k = pairs.partition_point(|&(o, _)| o < open);
        pairs
            .get(k)
            .filter(|&&(o, end)| o == open && end <= to)
            .map(|&(_, end)| end)
    }

    fn code_span(&self, start: usize, to: usize, out: &mut AlignedText) -> usize {
        let ticks = self.chars[start..to]
            .iter()
            .take_while(|&&c| c == '`')
            .count();
        let content_start = start + ticks;
        // The next backtick run of the same length closes the span.
        let closer = self.tick_runs.get(&ticks).and_then(|starts| {
            let k = starts.partition_point(|&s| s < content_start);
            starts.get(k).copied().filter(|&s| s + ticks <= to)
        });
        match closer {
            Some(close) => {
                let mut first = content_start;
                let mut last = close;
                while first < last && self.chars[first].is_whitespace() {
                    first += 1;
                }
                while last > first && self.chars[last - 1].is_whitespace() {
                    last -= 1;
                }
                self.push_range(first, last, out);
                close + ticks
            }
            None => {
                self.push_range(start, content_start, out);
                content_start
            }
        }
    }

    /// `![alt](src)` and `![alt][ref]` are dropped entirely.
    fn image(&self, start: usize, to: usize, out: &mut AlignedText) -> usize {
        match self.link_end(start + 1, to) {
            Some((_, end)) => end,
            None => {
                self.push(start, out);
                start + 1
            }
        }
    }

    /// `[text](url)` and `[text][ref]` become `text`; `[^1]` footnote references disappear;
    /// other brackets ("[sic]", "[1]") are kept.
    fn link(&self, start: usize, to: usize, depth: usize, out: &mut AlignedText) -> usize {
        if self.get(start + 1, to) == Some('^') {
            if let Some(end) = Self::closing(&self.squares, start, to) {
                return end;
            }
        }
        match self.link_end(start, to) {
            Some((text_end, end)) => {
                if depth < MAX_LINK_NESTING {
                    self.strip_range(start + 1, text_end - 1, depth + 1, out);
                } else {
                    self.push_range(start + 1, text_end - 1, out);
                }
                end
            }
            None => {
                self.push(start, out);
                start + 1
            }
        }
    }

    /// For a `[` at `open` followed by `(...)` or `[...]`: the index after `]` and after
    /// the whole link.
    fn link_end(&self, open: usize, to: usize) -> Option<(usize, usize)> {
        let text_end = Self::closing(&self.squares, open, to)?;
        let end = match self.get(text_end, to) {
            Some('(') => Self::closing(&self.rounds, text_end, to)?,
            Some('[') => Self::closing(&self.squares, text_end, to)?,
            _ => return None,
        };
        Some((text_end, end))
    }

    /// The first `>` at or after `from` (asked with `from` never decreasing, so the scan
    /// is linear over the line).
    fn next_gt(&self, from: usize) -> Option<usize> {
        if let Some((asked, found)) = self.gt_cache.get() {
            if asked <= from && found.is_none_or(|gt| gt >= from) {
                return found;
            }
        }
        let found = self.chars[from..]
            .iter()
            .position(|&c| c == '>')
            .map(|p| from + p);
        self.gt_cache.set(Some((from, found)));
        found
    }

    /// `<https://...>` autolinks keep their address; HTML tags (`<br>`, `</sup>`) go.
    fn angle_bracket(&self, start: usize, to: usize, out: &mut AlignedText) -> usize {
        let next = self.get(start + 1, to).unwrap_or(' ');
        let looks_like_tag = next.is_ascii_alphabetic() || next == '/' || next == '!';
        let end = self.next_gt(start).filter(|&end| end < to);
        match end {
            Some(end) if looks_like_tag => {
                let inner: String = self.chars[start + 1..end].iter().collect();
                if inner.contains("://") || inner.starts_with("mailto:") {
                    let mut first = start + 1;
                    let mut rest = inner.as_str();
                    while let Some(after) = rest.strip_prefix("mailto:") {
                        rest = after;
                        first += "mailto:".len();
                    }
                    self.push_range(first, end, out);
                }
                end + 1
            }
            _ => {
                self.push(start, out);
                start + 1
            }
        }
    }

    /// Emphasis (`*`, `_`) and strikethrough (`~~`) delimiter runs touching a word are
    /// removed; a lone `*` between spaces, `snake_case` underscores, `5*3` and a single `~`
    /// stay.
    fn emphasis(&self, start: usize, from: usize, to: usize, out: &mut AlignedText) -> usize {
        let mark = self.chars[start];
        let run = self.chars[start..to]
            .iter()
            .take_while(|&&c| c == mark)
            .count();
        let end = start + run;
        let before = (start > from).then(|| self.chars[start - 1]);
        let after = self.get(end, to);
        let word_before = before.is_some_and(|c| !c.is_whitespace());
        let word_after = after.is_some_and(|c| !c.is_whitespace());
        let between =
            |f: fn(&char) -> bool| before.is_some_and(|c| f(&c)) && after.is_some_and(|c| f(&c));
        let is_delimiter = match mark {
            '~' => run == 2 && (word_before || word_after),
            '_' => (word_before || word_after) && !between(|c| c.is_alphanumeric()),
            _ => (word_before || word_after) && !between(char::is_ascii_digit),
        };
        if !is_delimiter {
            self.push_range(start, end, out);
        }
        end
    }
}

/// `(open, just after its closer)` for every matched `left`...`right` pair, by opener.
/// The same pairs as scanning forward from each opener and counting depth.
fn matching_pairs(chars: &[char], left: char, right: char) -> Vec<(usize, usize)> {
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for (j, &c) in chars.iter().enumerate() {
        if c == left {
            open.push(j);
        } else if c == right {
            if let Some(o) = open.pop() {
                pairs.push((o, j + 1));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str) -> String {
        to_plain_text(md).0
    }

    #[test]
    fn headings_become_paragraphs() {
        assert_eq!(
            plain("# Title\nText.\n## Part ##\nMore."),
            "Title\n\nText.\n\nPart\n\nMore."
        );
    }

    #[test]
    fn emphasis_and_code_markers_go() {
        assert_eq!(
            strip_inline("**Forty** _men_ were `held` ~~not~~ in snake_case 5*3 a * b"),
            "Forty men were held not in snake_case 5*3 a * b"
        );
    }

    #[test]
    fn links_keep_their_text_and_images_go() {
        assert_eq!(
            strip_inline(
                "See [the report](http://x.org/a_(b)) ![map](m.png) [sic] [^2] <https://y.org>"
            ),
            "See the report  [sic]  https://y.org"
        );
    }

    #[test]
    fn setext_headings_and_code_fences() {
        let (text, title) = to_plain_text("Report\n======\n\n```\nlet x = 1;\n```\nAfter.");
        assert_eq!(text, "Report\n\n\nAfter.");
        assert_eq!(title.as_deref(), Some("Report"));
    }

    #[test]
    fn lists_keep_markers() {
        assert_eq!(
            plain("- **one**\n  2. two\n-5 degrees"),
            "- one\n  2. two\n-5 degrees"
        );
    }

    #[test]
    fn front_matter_and_rules_go() {
        assert_eq!(
            plain("---\ntitle: x\n---\nText.\n\n***\n\nMore."),
            "Text.\n\n\nMore."
        );
    }

    /// The plain text maps back onto the Markdown it came from (issue 13).
    #[test]
    fn plain_text_maps_back_to_the_markdown() {
        let md = "# Expulsions from *Sindh*\r\n\r\nPolice **reportedly** raided \
                  [three camps](https://x.org/a_(b)).\r\n\r\n| Year | Returns |\r\n|---|---|\r\n\
                  |2023|1,200|\r\n- `Stop` the raids\rNext";
        let (text, alignment, _) = to_plain_text_aligned(md);
        let source: Vec<char> = md.chars().collect();
        let span = |needle: &str| {
            let start = text[..text.find(needle).unwrap()].chars().count();
            let (s, e) = alignment.source_span(start, start + needle.chars().count());
            source[s..e].iter().collect::<String>()
        };
        assert_eq!(span("Expulsions from Sindh"), "Expulsions from *Sindh");
        assert_eq!(
            span("Police reportedly raided three camps."),
            "Police **reportedly** raided [three camps](https://x.org/a_(b))."
        );
        assert_eq!(span("Year | Returns"), "Year | Returns");
        assert_eq!(span("2023 | 1,200"), "2023|1,200");
        assert_eq!(span("- Stop the raids"), "- `Stop` the raids");
        assert_eq!(span("Next"), "Next");
        assert_eq!(alignment.len(), text.chars().count());
        assert_eq!(alignment.source_len(), source.len());
    }

    /// Inline syntax is matched in linear time: each of these lines took quadratic time
    /// (or, for the nested links, one stack frame per level) before.
    #[test]
    fn pathological_lines_are_linear() {
        let n = 200_000;
        for line in [
            "[".repeat(n),
            "(".repeat(n) + "[a]" + &")".repeat(n),
            "` `` ".repeat(n / 5),
            "<a".repeat(n / 2),
            "![x](".repeat(n / 5),
            format!("{}x{}", "[".repeat(n / 4), "](u)".repeat(n / 4)),
        ] {
            let (text, alignment, _) = to_plain_text_aligned(&line);
            assert_eq!(alignment.len(), text.chars().count());
        }
    }

    #[test]
    fn tables_lose_outer_pipes_and_separator() {
        assert_eq!(
            plain("| Year | Returns |\n|---|---:|\n| 2023 | 1,200 |"),
            "Year | Returns\n2023 | 1,200"
        );
    }
}
