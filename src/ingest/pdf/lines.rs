//! From PDFium's characters to text lines with their geometry.
//!
//! * Characters PDFium generated (spaces and line breaks it inferred) are dropped: spaces
//!   are decided here from the drawn characters' positions. Within a line, a drawn space
//!   separates words; where the line has no drawn spaces (groff, TeX), a gap wider than the
//!   line's usual letter gap plus 0.18 em does (TeX shrinks spaces to 0.22 em at most); in
//!   a line with drawn spaces only a gap over 0.3 em (a tab stop) adds one. A word drawn as several separately positioned runs
//!   ("UNH" + "CR", as Chromium writes some words) therefore stays one word, and
//!   letter-spaced text ("E X E C" drawn with character spacing) is read as words.
//! * A line is a run of characters, in drawing order, that stay on one baseline and move
//!   right (superscripts and subscripts such as footnote markers belong to the line they
//!   sit on). Lines are not yet merged across a page: columns are found from them.
//! * Text drawn in another direction than most of the page (a rotated caption, a
//!   watermark) forms lines of its own, marked `off_axis`.
//! * A character drawn twice at the same place (fake bold) is read once.
//! * CJK radicals (U+2F00..U+2FDF) and CJK compatibility ideographs (U+F900..U+FAFF), which
//!   some fonts map glyphs to, become the unified ideograph (NFKC, applied only to them).
//! * PDFium's marker for a hyphen at a line end (U+0002, for soft and hard hyphens alike)
//!   becomes `-`.

use unicode_normalization::UnicodeNormalization;

use super::engine::{Glyph, RawPage};

/// One line of text on a page, in a frame where the page's text runs left to right.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    /// Left and right ends.
    pub x0: f32,
    pub x1: f32,
    /// Baseline (y upwards).
    pub baseline: f32,
    /// Font size of most of the line's characters.
    pub size: f32,
    /// Most of the line's letters are bold.
    pub bold: bool,
    /// Drawn in another direction than the page's text.
    pub off_axis: bool,
    /// Position of the line's first character in the page's drawing order.
    pub order: usize,
    /// Width of the line's first word (to tell a wrapped line from a hard line break).
    pub first_word_width: f32,
    chars: Vec<Char>,
}

impl Line {
    /// Top of the line's band: baseline + 0.8 em.
    pub fn top(&self) -> f32 {
        self.baseline + 0.8 * self.size
    }

    /// Bottom of the line's band: baseline - 0.25 em.
    pub fn bottom(&self) -> f32 {
        self.baseline - 0.25 * self.size
    }

    /// Whether two lines sit on the same line of text: their bands overlap by at least half
    /// of the smaller one (a superscript overlaps its line, the next line does not).
    pub fn same_row(&self, other: &Line) -> bool {
        bands_overlap((self.bottom(), self.top()), (other.bottom(), other.top()))
    }

    /// Whether two lines overlap in height at all (side by side, maybe not aligned).
    pub fn beside(&self, other: &Line) -> bool {
        self.top().min(other.top()) > self.bottom().max(other.bottom())
    }

    /// Merges `other` (on the same row) into this line, keeping characters in x order.
    pub fn absorb(&mut self, other: Line) {
        self.chars.extend(other.chars);
        self.chars
            .sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.order.cmp(&b.order)));
        self.order = self.order.min(other.order);
        self.finish();
    }

    fn from_chars(chars: Vec<Char>, off_axis: bool) -> Line {
        let mut line = Line {
            text: String::new(),
            x0: 0.0,
            x1: 0.0,
            baseline: 0.0,
            size: 0.0,
            bold: false,
            off_axis,
            order: chars.first().map_or(0, |c| c.order),
            first_word_width: 0.0,
            chars,
        };
        line.finish();
        line
    }

    /// Recomputes text and geometry from the characters.
    fn finish(&mut self) {
        let chars = &self.chars;
        self.x0 = chars.iter().map(|c| c.x0).fold(f32::INFINITY, f32::min);
        self.x1 = chars.iter().map(|c| c.x1).fold(f32::NEG_INFINITY, f32::max);
        // The dominant size is that of most characters; the baseline is that of the
        // characters of that size (not of a superscript).
        self.size = dominant_size(chars);
        let body: Vec<&Char> = chars
            .iter()
            .filter(|c| (c.size - self.size).abs() < 0.5)
            .collect();
        self.baseline = body.iter().map(|c| c.baseline).sum::<f32>() / body.len().max(1) as f32;
        let letters: Vec<&Char> = chars.iter().filter(|c| c.ch.is_alphanumeric()).collect();
        self.bold =
            !letters.is_empty() && letters.iter().filter(|c| c.bold).count() * 2 > letters.len();
        let (text, first_word_end) = spaced_text(chars);
        self.text = text;
        self.first_word_width = (first_word_end - self.x0).max(0.0);
    }
}

fn bands_overlap(a: (f32, f32), b: (f32, f32)) -> bool {
    let overlap = a.1.min(b.1) - a.0.max(b.0);
    let smaller = (a.1 - a.0).min(b.1 - b.0);
    smaller > 0.0 && overlap >= 0.5 * smaller
}

/// A drawn character in the page's reading frame.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Char {
    ch: char,
    x0: f32,
    x1: f32,
    baseline: f32,
    size: f32,
    bold: bool,
    order: usize,
}

impl Char {
    fn is_space(&self) -> bool {
        self.ch.is_whitespace()
    }

    fn band(&self) -> (f32, f32) {
        (
            self.baseline - 0.25 * self.size,
            self.baseline + 0.8 * self.size,
        )
    }
}

/// The lines of a page, in drawing order.
pub(crate) fn page_lines(page: &RawPage) -> Vec<Line> {
    let direction = dominant_direction(&page.glyphs);
    let mut main = Vec::new();
    let mut off_axis: Vec<Vec<Char>> = vec![Vec::new(); 4];
    for (order, glyph) in page.glyphs.iter().enumerate() {
        let Some(ch) = text_char(glyph) else {
            continue;
        };
        let glyph_direction = quadrant(glyph.angle);
        let Some(c) = to_reading_frame(glyph, ch, glyph_direction, order) else {
            continue;
        };
        if glyph_direction == direction {
            main.push(c);
        } else {
            off_axis[glyph_direction].push(c);
        }
    }
    let mut lines = runs(main, false);
    for chars in off_axis {
        lines.extend(runs(chars, true));
    }
    lines
}

/// The character to keep for a glyph: `None` for generated characters and controls.
fn text_char(glyph: &Glyph) -> Option<char> {
    if glyph.generated {
        return None;
    }
    let ch = glyph.ch;
    if ch == '\u{2}' {
        return Some('-');
    }
    if ch.is_control() && ch != '\t' {
        return None;
    }
    if ('\u{2F00}'..='\u{2FDF}').contains(&ch) || ('\u{F900}'..='\u{FAFF}').contains(&ch) {
        let mut mapped = std::iter::once(ch).nfkc();
        if let (Some(single), None) = (mapped.next(), mapped.next()) {
            return Some(single);
        }
    }
    if ch == '\t' {
        return Some(' ');
    }
    Some(ch)
}

/// 0, 1, 2, 3 for text running at about 0, 90, 180, 270 degrees.
fn quadrant(angle: f32) -> usize {
    let angle = if angle.is_finite() { angle } else { 0.0 };
    ((angle.rem_euclid(360.0) + 45.0) / 90.0) as usize % 4
}

fn dominant_direction(glyphs: &[Glyph]) -> usize {
    let mut counts = [0usize; 4];
    for glyph in glyphs.iter().filter(|g| !g.generated) {
        counts[quadrant(glyph.angle)] += 1;
    }
    // Ties go to ordinary horizontal text.
    (0..4).max_by_key(|&q| (counts[q], q == 0)).unwrap_or(0)
}

/// The glyph in a frame where its direction runs left to right (rotating the page).
fn to_reading_frame(glyph: &Glyph, ch: char, direction: usize, order: usize) -> Option<Char> {
    let (ox, oy) = (glyph.origin_x, glyph.origin_y);
    // The box along the text direction, and the baseline across it, after turning the
    // page so that the text runs left to right (PDFium's boxes are upright in page space).
    let (x0, x1, baseline) = match direction {
        0 => (glyph.x0, glyph.x1, oy),
        // Text going up the page: x' = y, y' = -x.
        1 => (glyph.y0, glyph.y1, -ox),
        2 => (-glyph.x1, -glyph.x0, -oy),
        _ => (-glyph.y1, -glyph.y0, ox),
    };
    let size = glyph.size;
    if !(x0.is_finite() && x1.is_finite() && baseline.is_finite() && size.is_finite()) {
        return None;
    }
    // Some producers draw text at size 0 or 1 and scale it with the matrix; PDFium's
    // scaled size covers that, but guard against degenerate values.
    let size = if size > 0.5 { size } else { 1.0 };
    Some(Char {
        ch,
        x0: x0.min(x1),
        x1: x0.max(x1),
        baseline,
        size,
        bold: glyph.bold,
        order,
    })
}

fn dominant_size(chars: &[Char]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for c in chars.iter().filter(|c| !c.is_space()) {
        match sizes.iter_mut().find(|(s, _)| (*s - c.size).abs() < 0.25) {
            Some((_, n)) => *n += 1,
            None => sizes.push((c.size, 1)),
        }
    }
    sizes
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)))
        .map_or_else(|| chars.first().map_or(10.0, |c| c.size), |(s, _)| *s)
}

/// Splits characters (in drawing order) into lines: a character continues the current
/// line when it sits on the line's row and does not jump back left or far right.
fn runs(chars: Vec<Char>, off_axis: bool) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current: Vec<Char> = Vec::new();
    // The row of the current line: band of its largest character so far.
    let mut band = (0.0f32, 0.0f32);
    let mut size = 0.0f32;
    let mut right = f32::NEG_INFINITY;
    for c in chars {
        if !current.is_empty() {
            if current.iter().rev().take(64).any(|p| is_duplicate(p, &c)) {
                continue;
            }
            let em = size.max(c.size);
            let same_row = bands_overlap(band, c.band());
            let gap = c.x0 - right;
            let continues = same_row && gap >= -0.6 * em && gap <= 1.5 * em;
            if !continues {
                lines.push(Line::from_chars(std::mem::take(&mut current), off_axis));
            }
        }
        if current.is_empty() || c.size > size {
            band = c.band();
            size = c.size;
        }
        if current.is_empty() {
            right = c.x1;
        } else {
            right = right.max(c.x1);
        }
        current.push(c);
    }
    if !current.is_empty() {
        lines.push(Line::from_chars(current, off_axis));
    }
    lines.retain(|l| !l.text.is_empty());
    // A whole line drawn twice (shadow or fake bold by line) is read once.
    let mut kept: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        let copy = kept.iter().rev().take(4).any(|k| {
            k.text == line.text
                && (k.x0 - line.x0).abs() < 0.2 * line.size
                && (k.baseline - line.baseline).abs() < 0.2 * line.size
        });
        if !copy {
            kept.push(line);
        }
    }
    kept
}

/// The same character drawn again at (almost) the same place.
fn is_duplicate(previous: &Char, c: &Char) -> bool {
    previous.ch == c.ch
        && !c.is_space()
        && (previous.x0 - c.x0).abs() < 0.2 * c.size
        && (previous.baseline - c.baseline).abs() < 0.2 * c.size
}

/// The characters of a line (in x order) as text, with spaces where words are apart, and
/// where the first word ends.
fn spaced_text(chars: &[Char]) -> (String, f32) {
    let has_drawn_spaces = chars.iter().any(Char::is_space);
    // The usual gap between letters of a word: the median gap between non-space
    // neighbours (tracking, for letter-spaced text), never below zero.
    let mut gaps: Vec<f32> = chars
        .windows(2)
        .filter(|w| !w[0].is_space() && !w[1].is_space())
        .map(|w| (w[1].x0 - w[0].x1) / w[0].size.max(w[1].size))
        .collect();
    gaps.sort_by(f32::total_cmp);
    let letter_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0).max(0.0);
    let word_gap = letter_gap + if has_drawn_spaces { 0.3 } else { 0.18 };
    let mut text = String::new();
    let mut previous: Option<&Char> = None;
    let mut first_word_end: Option<f32> = None;
    let mut last_end = f32::NEG_INFINITY;
    for c in chars {
        let space_before = if c.is_space() {
            true
        } else {
            previous.is_some_and(|p| (c.x0 - p.x1) / p.size.max(c.size) > word_gap)
        };
        if space_before && !text.is_empty() {
            first_word_end.get_or_insert(last_end);
            if !text.ends_with(' ') {
                text.push(' ');
            }
        }
        if c.is_space() {
            previous = None;
            continue;
        }
        text.push(c.ch);
        last_end = c.x1;
        previous = Some(c);
    }
    let first_word_end = first_word_end.unwrap_or(last_end);
    (text.trim().to_string(), first_word_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32, size: f32, advance: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut pen = x;
        for ch in text.chars() {
            out.push(Glyph {
                ch,
                x0: pen,
                x1: pen + advance,
                y0: y - 0.2 * size,
                y1: y + 0.9 * size,
                origin_x: pen,
                origin_y: y,
                size,
                bold: false,
                angle: 0.0,
                generated: false,
            });
            pen += advance;
        }
        out
    }

    fn page(glyphs: Vec<Glyph>) -> RawPage {
        RawPage { glyphs }
    }

    #[test]
    fn runs_split_at_new_baselines_and_keep_split_words_whole() {
        let mut g = glyphs("The UNH", 72.0, 700.0, 10.0, 5.0);
        g.extend(glyphs("CR said", 107.0, 700.0, 10.0, 5.0));
        g.extend(glyphs("next line", 72.0, 688.0, 10.0, 5.0));
        let lines = page_lines(&page(g));
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["The UNHCR said", "next line"]);
    }

    #[test]
    fn words_without_drawn_spaces_are_split_by_gaps() {
        let mut g = glyphs("Guards", 72.0, 700.0, 10.0, 5.0);
        g.extend(glyphs("beat", 72.0 + 30.0 + 2.5, 700.0, 10.0, 5.0));
        let lines = page_lines(&page(g));
        assert_eq!(lines[0].text, "Guards beat");
    }

    #[test]
    fn letter_spaced_text_reads_as_words() {
        // Letters 6 apart with a 5-wide advance (tracking 0.1 em), words 12 apart.
        let mut g = Vec::new();
        let mut x = 72.0;
        for word in ["EXECUTIVE", "SUMMARY"] {
            for ch in word.chars() {
                g.extend(glyphs(&ch.to_string(), x, 700.0, 10.0, 5.0));
                x += 6.0;
            }
            x += 5.0;
        }
        let lines = page_lines(&page(g));
        assert_eq!(lines[0].text, "EXECUTIVE SUMMARY");
    }

    #[test]
    fn a_superscript_stays_on_its_line() {
        let mut g = glyphs("beaten.", 72.0, 700.0, 10.0, 5.0);
        g.extend(glyphs("12", 107.0, 704.0, 6.0, 3.0));
        g.extend(glyphs(" They", 113.0, 700.0, 10.0, 5.0));
        let lines = page_lines(&page(g));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "beaten.12 They");
        assert_eq!(lines[0].size, 10.0);
        assert_eq!(lines[0].baseline, 700.0);
    }

    #[test]
    fn kangxi_radicals_become_unified_ideographs() {
        let g = glyphs("\u{2F83}\u{F900}", 72.0, 700.0, 10.0, 10.0);
        let lines = page_lines(&page(g));
        assert_eq!(lines[0].text, "\u{81EA}\u{8C48}");
    }

    #[test]
    fn double_drawn_text_is_read_once() {
        let mut g = glyphs("Bold", 72.0, 700.0, 10.0, 5.0);
        g.extend(glyphs("Bold", 72.3, 700.0, 10.0, 5.0));
        let lines = page_lines(&page(g));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "Bold");
    }
}
