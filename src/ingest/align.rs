//! Alignment of a derived text to the text it was made from, in chars, like the alignments
//! of Hugging Face tokenizers' `NormalizedString`: every char of the derived text comes
//! from a range of chars of the source (possibly empty, for an inserted char).
//!
//! Stored as runs, so a text that is mostly copied costs a few runs, not one entry per
//! char: an *exact* run maps its chars one to one onto as many source chars; a *group* run
//! maps each of its chars onto the whole of its source range (a CRLF that became one LF,
//! an accent composed with its letter, a ligature spelt out as two letters, a blank line
//! inserted where there was none).

use serde::{Deserialize, Serialize};

/// One stretch of the derived text and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Run {
    /// First char of the derived text covered.
    out: usize,
    /// Chars of the derived text covered.
    out_len: usize,
    /// First char of the source.
    src: usize,
    /// Chars of the source covered.
    src_len: usize,
    /// Each derived char maps onto the whole source range (else one to one; then
    /// `out_len == src_len`).
    group: bool,
}

impl Run {
    fn out_end(&self) -> usize {
        self.out + self.out_len
    }

    fn src_end(&self) -> usize {
        self.src + self.src_len
    }

    /// The source range of derived char `i` (inside this run).
    fn range_of(&self, i: usize) -> (usize, usize) {
        if self.group {
            (self.src, self.src_end())
        } else {
            let s = self.src + (i - self.out);
            (s, s + 1)
        }
    }
}

/// Where each char of a derived text comes from in its source text (both in chars).
///
/// Built by the readers; [`Document::source_span`](super::Document::source_span) is the
/// way to use it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alignment {
    /// Sorted by `out`, contiguous, covering `0..len`.
    runs: Vec<Run>,
    /// Chars of the derived text.
    len: usize,
    /// Chars of the source text.
    source_len: usize,
}

impl Alignment {
    /// Each char of a text of `len` chars maps onto itself.
    pub fn identity(len: usize) -> Self {
        let mut builder = Builder::default();
        builder.exact(len, 0);
        builder.finish(len)
    }

    /// Chars of the derived text.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for an empty derived text.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Chars of the source text.
    pub fn source_len(&self) -> usize {
        self.source_len
    }

    /// How many runs the alignment holds (its size; a copied text has one).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    fn run_index(&self, i: usize) -> Option<usize> {
        let index = self.runs.partition_point(|run| run.out_end() <= i);
        (index < self.runs.len()).then_some(index)
    }

    /// The source range (start, end exclusive) derived char `i` comes from; an empty range
    /// for an inserted char. `i` past the end gives the empty range at the source's end.
    pub fn source_range(&self, i: usize) -> (usize, usize) {
        match self.run_index(i) {
            Some(k) => self.runs[k].range_of(i),
            None => (self.source_len, self.source_len),
        }
    }

    /// The source span of the derived chars `start..end` (end exclusive): from the start
    /// of the first char's source range to the end of the last one's, so source chars that
    /// were dropped inside the span (a soft hyphen, a control char, markup) are inside it
    /// too. An empty span maps to an empty span at the source position of `start`.
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end {
            let position = self.source_range(start).0;
            return (position, position);
        }
        let first = self.source_range(start).0;
        let last = self.source_range(end - 1).1;
        (first, last.max(first))
    }

    /// `self` maps a text C onto B, `inner` maps B onto A: the result maps C onto A.
    pub(crate) fn then(&self, inner: &Alignment) -> Alignment {
        let mut builder = Builder::default();
        for run in &self.runs {
            if run.group {
                let (s, e) = inner.source_span(run.src, run.src_end());
                builder.group(run.out_len, s, e - s);
                continue;
            }
            // One to one onto B: follow B's runs.
            let mut m = run.src;
            let end = run.src_end();
            while m < end {
                let Some(k) = inner.run_index(m) else {
                    // Past the end of B (should not happen): map onto the end of A.
                    builder.group(end - m, inner.source_len, 0);
                    break;
                };
                let piece = inner.runs[k];
                let n = piece.out_end().min(end) - m;
                if piece.group {
                    builder.group(n, piece.src, piece.src_len);
                } else {
                    builder.exact(n, piece.src + (m - piece.out));
                }
                m += n;
            }
        }
        builder.finish(inner.source_len)
    }
}

/// Builds an [`Alignment`] run by run, in the order of the derived text.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    runs: Vec<Run>,
    len: usize,
}

impl Builder {
    /// `n` derived chars copied one to one from the source, starting at source char `src`.
    pub(crate) fn exact(&mut self, n: usize, src: usize) {
        if n == 0 {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            if !last.group && last.src_end() == src {
                last.out_len += n;
                last.src_len += n;
                self.len += n;
                return;
            }
        }
        self.runs.push(Run {
            out: self.len,
            out_len: n,
            src,
            src_len: n,
            group: false,
        });
        self.len += n;
    }

    /// `n` derived chars that each come from the whole source range `src..src + src_len`.
    pub(crate) fn group(&mut self, n: usize, src: usize, src_len: usize) {
        if n == 0 {
            return;
        }
        if src_len == 1 && n == 1 {
            return self.exact(1, src);
        }
        self.runs.push(Run {
            out: self.len,
            out_len: n,
            src,
            src_len,
            group: true,
        });
        self.len += n;
    }

    /// Chars of the derived text so far.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The runs of derived chars `start..end`, renumbered from 0.
    fn slice(&self, start: usize, end: usize) -> Builder {
        let mut sliced = Builder::default();
        for run in &self.runs {
            let (s, e) = (run.out.max(start), run.out_end().min(end));
            if s >= e {
                continue;
            }
            if run.group {
                sliced.group(e - s, run.src, run.src_len);
            } else {
                sliced.exact(e - s, run.src + (s - run.out));
            }
        }
        sliced
    }

    pub(crate) fn finish(self, source_len: usize) -> Alignment {
        Alignment {
            runs: self.runs,
            len: self.len,
            source_len,
        }
    }
}

/// A derived text being written together with its alignment.
#[derive(Debug, Default)]
pub(crate) struct AlignedText {
    pub(crate) text: String,
    pub(crate) align: Builder,
}

impl AlignedText {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            align: Builder::default(),
        }
    }

    /// A char copied from source char `src`.
    pub(crate) fn push(&mut self, c: char, src: usize) {
        self.text.push(c);
        self.align.exact(1, src);
    }

    /// A slice copied from the source, its first char at source char `src`; returns its
    /// length in chars.
    pub(crate) fn push_copied(&mut self, s: &str, src: usize) -> usize {
        let n = s.chars().count();
        self.text.push_str(s);
        self.align.exact(n, src);
        n
    }

    /// Text that stands for the source chars `src..src + src_len` as a whole.
    pub(crate) fn push_group(&mut self, s: &str, src: usize, src_len: usize) {
        self.text.push_str(s);
        self.align.group(s.chars().count(), src, src_len);
    }

    /// A char that comes from the source range `(start, end)`.
    pub(crate) fn push_from(&mut self, c: char, (start, end): (usize, usize)) {
        self.text.push(c);
        self.align.group(1, start, end - start);
    }

    /// Appends another aligned text (aligned to the same source).
    pub(crate) fn append(&mut self, other: AlignedText) {
        self.text.push_str(&other.text);
        for run in other.align.runs {
            if run.group {
                self.align.group(run.out_len, run.src, run.src_len);
            } else {
                self.align.exact(run.out_len, run.src);
            }
        }
    }

    /// The text without leading and trailing whitespace, still aligned.
    pub(crate) fn trim(self) -> AlignedText {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        if start == 0 && end == self.text.len() {
            return self;
        }
        let first = self.text[..start].chars().count();
        let last = first + self.text[start..end].chars().count();
        AlignedText {
            text: self.text[start..end].to_string(),
            align: self.align.slice(first, last),
        }
    }

    /// Chars written so far.
    pub(crate) fn chars(&self) -> usize {
        self.align.len()
    }

    pub(crate) fn finish(self, source_len: usize) -> (String, Alignment) {
        (self.text, self.align.finish(source_len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_each_char_onto_itself() {
        let a = Alignment::identity(5);
        assert_eq!(a.runs(), 1);
        assert_eq!(a.source_span(1, 4), (1, 4));
        assert_eq!(a.source_span(2, 2), (2, 2));
        assert_eq!(a.source_range(9), (5, 5));
    }

    #[test]
    fn groups_and_gaps() {
        // Source "a\r\nb\u{AD}c" (6 chars) → "a\nbc": CRLF became one LF, the soft hyphen
        // went.
        let mut text = AlignedText::default();
        text.push('a', 0);
        text.push_group("\n", 1, 2);
        text.push('b', 3);
        text.push('c', 5);
        let (text, a) = text.finish(6);
        assert_eq!(text, "a\nbc");
        assert_eq!(a.source_range(1), (1, 3));
        assert_eq!(
            a.source_span(2, 4),
            (3, 6),
            "the dropped char is inside the span"
        );
        assert_eq!(a.source_span(3, 4), (5, 6));
    }

    #[test]
    fn composition_follows_both_alignments() {
        // A → B: "xAB" from "x" + ligature-like group "AB" from source char 1..2, then "y"
        // from 3 (2 dropped).
        let mut b = AlignedText::default();
        b.push('x', 0);
        b.push_group("AB", 1, 1);
        b.push('y', 3);
        let (_, b_to_a) = b.finish(4);
        // B → C: drop "x", keep "ABy" one to one.
        let mut c = AlignedText::default();
        c.push_copied("ABy", 1);
        let (_, c_to_b) = c.finish(4);
        let c_to_a = c_to_b.then(&b_to_a);
        assert_eq!(c_to_a.len(), 3);
        assert_eq!(c_to_a.source_range(0), (1, 2));
        assert_eq!(c_to_a.source_range(1), (1, 2));
        assert_eq!(c_to_a.source_range(2), (3, 4));
        assert_eq!(c_to_a.source_span(0, 3), (1, 4));
    }
}
