//! From the lines of a page to blocks in reading order: columns, paragraphs, headings,
//! list items and small print.
//!
//! # Reading order
//!
//! A gutter is a left edge shared by at least three lines that have beside them (at a
//! height they overlap) a line ending at least half an em before it, where both sides read as text (a median
//! width of at least 8 em: table cells do not make columns). Lines left of the gutter,
//! right of it and across it (a title, a full-width heading, a footnote) are told apart;
//! the lines across cut the page into bands, and each band is read left column first,
//! then right (recursively, so three columns work). Without a gutter the lines are read
//! top to bottom. Lines on the same row of one column are merged.
//!
//! # Blocks
//!
//! Consecutive lines of a column form one block unless the font size or weight changes,
//! the gap to the previous line is over 1.2 times the usual line spacing, a list marker
//! starts the line after a finished clause (or inside a list), or an indented line
//! follows a short line that ends a sentence. A paragraph that runs on from the foot of a
//! column to the head of the next stays one block (same style, no sentence end), except
//! after a lone line set apart above that the next column's first word would have fitted
//! on (a heading at the foot of a column).

use super::lines::Line;

/// What a block is, from its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Running text.
    Body,
    /// Larger or bolder than the body text, a few lines at most.
    Heading,
    /// Starts with a bullet or a number/letter marker.
    ListItem,
    /// Smaller than the body text: footnotes, captions, notes.
    Small,
    /// A one-off line in the top margin of a page (kept, never joined to body text).
    Furniture,
    /// Text drawn in another direction.
    OffAxis,
}

/// A block of lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub kind: BlockKind,
    pub lines: Vec<String>,
    /// For each line, whether the break after it is a wrap (the next line's first word
    /// would not have fitted on it) rather than a hard line break.
    pub wraps: Vec<bool>,
    pub size: f32,
    pub bold: bool,
    /// The last line stops well short of its column's right edge.
    pub ends_short: bool,
}

impl Block {
    pub fn new(kind: BlockKind, lines: Vec<String>, size: f32, bold: bool) -> Self {
        Self {
            kind,
            wraps: vec![false; lines.len()],
            lines,
            size,
            bold,
            ends_short: false,
        }
    }

    pub fn text_len(&self) -> usize {
        self.lines.iter().map(|l| l.len()).sum()
    }
}

/// Typical values of a document's body text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BodyStyle {
    pub size: f32,
    pub bold: bool,
    /// Baseline to baseline, in points.
    pub leading: f32,
}

impl BodyStyle {
    /// The size and weight of most characters; the most common spacing between
    /// consecutive lines of that size.
    pub fn of(pages: &[Vec<Line>]) -> Self {
        let mut sizes: Vec<(f32, bool, usize)> = Vec::new();
        for line in pages.iter().flatten().filter(|l| !l.off_axis) {
            let weight = line.text.chars().filter(|c| !c.is_whitespace()).count();
            let size = (line.size * 2.0).round() / 2.0;
            match sizes
                .iter_mut()
                .find(|(s, b, _)| *s == size && *b == line.bold)
            {
                Some((_, _, n)) => *n += weight,
                None => sizes.push((size, line.bold, weight)),
            }
        }
        let (size, bold) = sizes
            .iter()
            .max_by(|a, b| a.2.cmp(&b.2).then(b.0.total_cmp(&a.0)))
            .map_or((10.0, false), |&(s, b, _)| (s, b));
        let mut spacings: Vec<(f32, usize)> = Vec::new();
        for page in pages {
            let mut body: Vec<&Line> = page
                .iter()
                .filter(|l| !l.off_axis && (l.size - size).abs() < 0.6)
                .collect();
            body.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            // Consecutive lines sharing a left edge (one column), top to bottom.
            let mut by_column: Vec<Vec<&Line>> = Vec::new();
            for line in body {
                match by_column
                    .iter_mut()
                    .find(|c| (c[0].x0 - line.x0).abs() < 2.0)
                {
                    Some(column) => column.push(line),
                    None => by_column.push(vec![line]),
                }
            }
            for mut column in by_column {
                column.sort_by(|a, b| b.baseline.total_cmp(&a.baseline));
                for pair in column.windows(2) {
                    let spacing = ((pair[0].baseline - pair[1].baseline) * 4.0).round() / 4.0;
                    if spacing >= 0.9 * size && spacing <= 2.0 * size {
                        match spacings.iter_mut().find(|(s, _)| *s == spacing) {
                            Some((_, n)) => *n += 1,
                            None => spacings.push((spacing, 1)),
                        }
                    }
                }
            }
        }
        let leading = spacings
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)))
            .map_or(size * 1.2, |&(s, _)| s);
        Self {
            size,
            bold,
            leading,
        }
    }

    fn is_body_size(&self, size: f32) -> bool {
        (size - self.size).abs() < 0.6
    }
}

/// The lines of one column of one band, top to bottom.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub lines: Vec<Line>,
    /// The right edge of the column (the rightmost end of its lines on the page, so that
    /// a block of short lines is seen to be short).
    pub right: f32,
}

fn right_edge(lines: &[Line]) -> f32 {
    lines.iter().map(|l| l.x1).fold(f32::NEG_INFINITY, f32::max)
}

/// The lines of a page in reading order, as segments.
pub(crate) fn reading_order(lines: Vec<Line>) -> Vec<Segment> {
    let bound = right_edge(&lines);
    let Some(edge) = find_gutter(&lines) else {
        return vec![Segment {
            lines: rows(lines),
            right: bound,
        }];
    };
    let em = median(lines.iter().map(|l| l.size)).unwrap_or(10.0);
    let (mut left, mut right, mut across) = (Vec::new(), Vec::new(), Vec::new());
    for line in lines {
        if line.x0 >= edge - 2.0 {
            right.push(line);
        } else if line.x1 <= edge - 0.25 * em {
            left.push(line);
        } else {
            across.push(line);
        }
    }
    // A line under a line across, in its style and at its left edge, with nothing beside
    // it in the other column, continues it (the short last line of a wrapped title).
    loop {
        let continued = |line: &Line, other_side: &[Line]| {
            !other_side.iter().any(|o| o.beside(line))
                && across.iter().any(|a| {
                    a.baseline > line.baseline
                        && a.baseline - line.baseline <= 1.6 * a.size
                        && (a.x0 - line.x0).abs() <= 2.0
                        && (a.size - line.size).abs() < 0.5
                        && a.bold == line.bold
                })
        };
        let Some(index) = left
            .iter()
            .position(|l| continued(l, &right))
            .map(|i| (true, i))
            .or_else(|| {
                right
                    .iter()
                    .position(|l| continued(l, &left))
                    .map(|i| (false, i))
            })
        else {
            break;
        };
        let line = match index {
            (true, i) => left.remove(i),
            (false, i) => right.remove(i),
        };
        across.push(line);
    }
    across.sort_by(|a, b| b.baseline.total_cmp(&a.baseline));
    let centre = |l: &Line| (l.top() + l.bottom()) / 2.0;
    // Band k lies between across[k - 1] and across[k].
    let band_of = |l: &Line| across.iter().filter(|a| centre(a) > centre(l)).count();
    let mut bands: Vec<(Vec<Line>, Vec<Line>)> = (0..=across.len())
        .map(|_| (Vec::new(), Vec::new()))
        .collect();
    for line in left {
        let band = band_of(&line);
        bands[band].0.push(line);
    }
    for line in right {
        let band = band_of(&line);
        bands[band].1.push(line);
    }
    let side_bounds = [
        bands
            .iter()
            .map(|b| right_edge(&b.0))
            .fold(f32::NEG_INFINITY, f32::max),
        bands
            .iter()
            .map(|b| right_edge(&b.1))
            .fold(f32::NEG_INFINITY, f32::max),
    ];
    let mut segments = Vec::new();
    let mut spanning: Vec<Line> = Vec::new();
    let mut across = across.into_iter();
    let spanning_segment = |lines: Vec<Line>| Segment {
        lines: rows(lines),
        right: bound,
    };
    for (left, right) in bands {
        if !left.is_empty() || !right.is_empty() {
            if !spanning.is_empty() {
                segments.push(spanning_segment(std::mem::take(&mut spanning)));
            }
            for (side, side_bound) in [left, right].into_iter().zip(side_bounds) {
                if !side.is_empty() {
                    let mut inner = reading_order(side);
                    // One column in this band: its edge is that of the column on the page.
                    if let [single] = inner.as_mut_slice() {
                        single.right = single.right.max(side_bound);
                    }
                    segments.extend(inner);
                }
            }
        }
        if let Some(line) = across.next() {
            spanning.push(line);
        }
    }
    if !spanning.is_empty() {
        segments.push(spanning_segment(spanning));
    }
    segments
}

/// The left edge of the right-hand column, if the lines form columns.
fn find_gutter(lines: &[Line]) -> Option<f32> {
    if lines.len() < 6 {
        return None;
    }
    let em = median(lines.iter().map(|l| l.size))?;
    let mut edges: Vec<f32> = lines.iter().map(|l| l.x0).collect();
    edges.sort_by(f32::total_cmp);
    let mut clusters: Vec<f32> = Vec::new();
    let mut last = f32::NEG_INFINITY;
    for x in edges {
        if x - last > 2.0 {
            clusters.push(x);
        }
        last = x;
    }
    let mut best: Option<(usize, f32)> = None;
    for edge in clusters {
        let starters: Vec<&Line> = lines
            .iter()
            .filter(|l| (l.x0 - edge).abs() <= 2.0)
            .collect();
        if starters.len() < 3 {
            continue;
        }
        let mut partners = Vec::new();
        for line in &starters {
            if let Some(partner) = lines
                .iter()
                .filter(|l| l.x1 <= edge - 0.5 * em && line.beside(l))
                .max_by(|a, b| a.x1.total_cmp(&b.x1))
            {
                partners.push(partner);
            }
        }
        if partners.len() < 3 || partners.len() * 2 < starters.len() {
            continue;
        }
        let wide =
            |widths: &mut dyn Iterator<Item = f32>| median(widths).is_some_and(|w| w >= 8.0 * em);
        if !wide(&mut starters.iter().map(|l| l.x1 - l.x0))
            || !wide(&mut partners.iter().map(|l| l.x1 - l.x0))
        {
            continue;
        }
        if best.is_none_or(|(count, _)| partners.len() > count) {
            best = Some((partners.len(), edge));
        }
    }
    best.map(|(_, edge)| edge)
}

/// Lines top to bottom, lines on one row merged.
fn rows(mut lines: Vec<Line>) -> Vec<Line> {
    lines.sort_by(|a, b| {
        b.baseline
            .total_cmp(&a.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut rows: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        match rows.last_mut() {
            Some(row) if row.same_row(&line) => row.absorb(line),
            _ => rows.push(line),
        }
    }
    rows
}

fn median(values: impl Iterator<Item = f32>) -> Option<f32> {
    let mut values: Vec<f32> = values.filter(|v| v.is_finite()).collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f32::total_cmp);
    Some(values[values.len() / 2])
}

/// One line with what the block builder needs to know about its place.
struct Placed<'a> {
    line: &'a Line,
    /// Left and right edges of the line's segment.
    left: f32,
    right: f32,
}

/// Groups the segments of a page into blocks.
pub(crate) fn page_blocks(segments: &[Segment], body: &BodyStyle) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Vec<Placed> = Vec::new();
    // Whether the current block began after a gap (or at the top of a segment).
    let mut set_apart = true;
    for segment in segments {
        let left = segment
            .lines
            .iter()
            .map(|l| l.x0)
            .fold(f32::INFINITY, f32::min);
        let right = segment.right;
        for (index, line) in segment.lines.iter().enumerate() {
            let placed = Placed { line, left, right };
            let breaks = match current.last() {
                None => false,
                Some(previous) if index == 0 => {
                    !runs_on_across_columns(previous, &placed, &current, set_apart, body)
                }
                Some(previous) => breaks_within_column(previous, &placed, &current, body),
            };
            if breaks {
                let previous = current.last().expect("a block is open");
                set_apart = index == 0
                    || previous.line.baseline - line.baseline
                        > expected_spacing(previous.line, line, body) * 1.2 + 0.5;
                blocks.push(finish_block(std::mem::take(&mut current), body));
            } else if current.is_empty() {
                set_apart = true;
            }
            current.push(placed);
        }
    }
    if !current.is_empty() {
        blocks.push(finish_block(current, body));
    }
    blocks
}

fn expected_spacing(previous: &Line, line: &Line, body: &BodyStyle) -> f32 {
    if body.is_body_size(previous.size) && body.is_body_size(line.size) {
        body.leading
    } else {
        1.25 * previous.size.max(line.size)
    }
}

fn style_changes(previous: &Line, line: &Line) -> bool {
    (previous.size - line.size).abs() > 0.6 || previous.bold != line.bold
}

fn breaks_within_column(
    previous: &Placed,
    placed: &Placed,
    block: &[Placed],
    body: &BodyStyle,
) -> bool {
    let (p, c) = (previous.line, placed.line);
    if style_changes(p, c) {
        return true;
    }
    let gap = p.baseline - c.baseline;
    if gap > expected_spacing(p, c, body) * 1.2 + 0.5 {
        return true;
    }
    let in_list = block
        .first()
        .is_some_and(|first| list_marker_len(&first.line.text).is_some());
    if list_marker_len(&c.text).is_some() && (in_list || ends_clause(&p.text)) {
        return true;
    }
    let em = c.size;
    let indented = c.x0 > placed.left + 0.8 * em;
    let short = p.x1 < previous.right - 1.5 * em;
    indented && short && !in_list && ends_sentence(&p.text)
}

/// Whether a block at the foot of a column (ending with `previous`) runs on at the head
/// of the next column with `placed`.
fn runs_on_across_columns(
    previous: &Placed,
    placed: &Placed,
    block: &[Placed],
    set_apart: bool,
    body: &BodyStyle,
) -> bool {
    let (p, c) = (previous.line, placed.line);
    if style_changes(p, c) || !body.is_body_size(p.size) {
        return false;
    }
    if ends_clause(&p.text) {
        return false;
    }
    if list_marker_len(&c.text).is_some() {
        return false;
    }
    // A lone line set apart from what came before, that the next column's first word would
    // have fitted on: a heading at the foot of a column.
    let lone_unwrapped_line = block.len() == 1 && set_apart && !wraps(previous, placed);
    !lone_unwrapped_line
}

/// Whether the break after `previous` is a wrap: the first word of `next` (after a space)
/// would not have fitted at the end of `previous` in its column.
fn wraps(previous: &Placed, next: &Placed) -> bool {
    let (p, c) = (previous.line, next.line);
    p.x1 + 0.25 * p.size + c.first_word_width > previous.right - 0.5
}

fn finish_block(lines: Vec<Placed>, body: &BodyStyle) -> Block {
    let first = lines[0].line;
    let last = lines.last().expect("a block has lines");
    let ends_short = last.line.x1 < last.right - 2.0 * last.line.size;
    let texts: Vec<String> = lines.iter().map(|p| p.line.text.clone()).collect();
    let mut wraps: Vec<bool> = lines
        .windows(2)
        .map(|pair| wraps(&pair[0], &pair[1]))
        .collect();
    wraps.push(false);
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let size = first.size;
    let bold = first.bold;
    let kind = if size < body.size - 0.8 {
        BlockKind::Small
    } else if list_marker_len(&first.text).is_some() {
        BlockKind::ListItem
    } else if (size > body.size + 0.8 || (bold && !body.bold))
        && lines.len() <= 4
        && words <= 30
        && !(words > 12 && ends_sentence(texts.last().expect("lines")))
    {
        BlockKind::Heading
    } else {
        BlockKind::Body
    };
    Block {
        kind,
        lines: texts,
        wraps,
        size,
        bold,
        ends_short,
    }
}

/// Ends in sentence-final punctuation, possibly followed by closing quotes or brackets
/// and a footnote number ("held.", "said.”", "(2019).", "beaten.12").
pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// Ends a sentence or a clause that introduces or separates list items.
fn ends_clause(text: &str) -> bool {
    ends_sentence(text) || text.trim_end().ends_with([':', ';'])
}

/// The length in bytes of a list marker (with the space after it) at the start of a line:
/// a bullet, or "1." "1)" "(1)" "a." "a)" "(a)" "iv)" "(iv)".
pub(crate) fn list_marker_len(text: &str) -> Option<usize> {
    const BULLETS: &[char] = &[
        '•', '◦', '‣', '▪', '▫', '■', '□', '●', '○', '–', '—', '-', '*', '·', '\u{F0B7}',
        '\u{F0A7}', '➢', '✓',
    ];
    let first = text.chars().next()?;
    if BULLETS.contains(&first) {
        let rest = &text[first.len_utf8()..];
        return rest
            .starts_with(char::is_whitespace)
            .then(|| first.len_utf8() + 1);
    }
    let (open, body_start) = if first == '(' { (true, 1) } else { (false, 0) };
    let body: String = text[body_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if body.is_empty() || body.len() > 4 {
        return None;
    }
    let numeric = body.len() <= 3 && body.chars().all(|c| c.is_ascii_digit());
    let letter = body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase());
    let roman = body.chars().all(|c| "ivxl".contains(c));
    if !(numeric || letter || roman) {
        return None;
    }
    let after = &text[body_start + body.len()..];
    let close = if open {
        after.strip_prefix(')')
    } else {
        after.strip_prefix('.').or_else(|| after.strip_prefix(')'))
    }?;
    close
        .starts_with(char::is_whitespace)
        .then(|| text.len() - close.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers() {
        assert_eq!(list_marker_len("• item"), Some(4));
        assert_eq!(list_marker_len("1. Stop"), Some(3));
        assert_eq!(list_marker_len("(a) urges"), Some(4));
        assert_eq!(list_marker_len("iv) x"), Some(4));
        assert_eq!(list_marker_len("2019. The"), None);
        assert_eq!(list_marker_len("The"), None);
        assert_eq!(list_marker_len("-5 degrees"), None);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("they were beaten.12"));
        assert!(ends_sentence("he said.”"));
        assert!(!ends_sentence("transferred to the"));
        assert!(!ends_sentence("Annex 2"));
    }
}
