//! The normalisation every reader's output goes through (documented in the module docs of
//! `ingest`).

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::align::{AlignedText, Alignment};

/// Normalises extracted text: line ends, invisible and control characters, odd spaces,
/// ligatures, NFC, trailing spaces and blank-line runs.
pub(crate) fn normalize(raw: &str) -> String {
    normalize_aligned(raw).0
}

/// [`normalize`], with the alignment of the result to `raw` (in chars). Three passes, each
/// linear and each aligned to its input: the char mapping, NFC (skipped when the quick
/// check says the text is NFC already, as nearly all text is), and the line tidying.
pub(crate) fn normalize_aligned(raw: &str) -> (String, Alignment) {
    let (mapped, to_raw) = map_chars(raw);
    let (composed, to_mapped) = match compose(&mapped) {
        Some((composed, to_mapped)) => {
            drop(mapped);
            (composed, Some(to_mapped))
        }
        None => (mapped, None),
    };
    let (tidy, to_composed) = tidy_lines(&composed);
    drop(composed);
    let alignment = match to_mapped {
        Some(to_mapped) => to_composed.then(&to_mapped).then(&to_raw),
        None => to_composed.then(&to_raw),
    };
    (tidy, alignment)
}

/// Line ends, invisible and control characters, odd spaces and ligatures.
fn map_chars(raw: &str) -> (String, Alignment) {
    let mut out = AlignedText::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    let mut source = 0;
    while let Some(c) = chars.next() {
        if c == '\r' {
            // CRLF and a lone CR are both one line end.
            if chars.peek() == Some(&'\n') {
                chars.next();
                out.push_group("\n", source, 2);
                source += 2;
                continue;
            }
            out.push('\n', source);
        } else {
            push_mapped(c, source, &mut out);
        }
        source += 1;
    }
    out.finish(source)
}

/// Appends what `c` (source char `source`) becomes in the normalised text (possibly
/// nothing).
fn push_mapped(c: char, source: usize, out: &mut AlignedText) {
    match c {
        '\n' | '\t' => out.push(c, source),
        '\u{0B}' | '\u{0C}' | '\u{2028}' => out.push('\n', source),
        '\u{2029}' => out.push_group("\n\n", source, 1),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => out.push(' ', source),
        '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
        '\u{FB00}'..='\u{FB06}' => out.push_group(spelt_ligature(c), source, 1),
        c if c.is_control() => {}
        c => out.push(c, source),
    }
}

fn spelt_ligature(c: char) -> &'static str {
    match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        _ => "st", // U+FB05 long s + t and U+FB06 s + t
    }
}

/// The text in NFC with its alignment, or `None` when it is NFC already.
///
/// NFC only ever changes a stretch between two *boundaries*: a char of combining class 0
/// whose NFC quick check is Yes never combines with what comes before it (Unicode TR15,
/// "Detecting Normalization Forms"). The text is cut before each such char and each piece
/// is normalised on its own: a piece NFC leaves alone is copied one to one, a changed
/// piece (such as "e" + U+0301, which becomes "é") maps as a whole onto its source chars.
/// Pieces are short (a letter and its marks) except in scripts written without ASCII.
fn compose(text: &str) -> Option<(String, Alignment)> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut out = AlignedText::with_capacity(text.len());
    let mut composed = String::new();
    let mut piece_start = 0; // byte
    let mut piece_source = 0; // char
    let mut source = 0;
    let mut flush = |piece: &str, piece_source: usize, piece_chars: usize| {
        if is_nfc_quick(piece.chars()) == IsNormalized::Yes {
            out.push_copied(piece, piece_source);
            return;
        }
        composed.clear();
        composed.extend(piece.nfc());
        if composed == piece {
            out.push_copied(piece, piece_source);
        } else {
            out.push_group(&composed, piece_source, piece_chars);
        }
    };
    for (byte, c) in text.char_indices() {
        if byte > piece_start && is_boundary(c) {
            flush(
                &text[piece_start..byte],
                piece_source,
                source - piece_source,
            );
            piece_start = byte;
            piece_source = source;
        }
        source += 1;
    }
    flush(&text[piece_start..], piece_source, source - piece_source);
    Some(out.finish(source))
}

/// A char before which NFC never changes anything (see [`compose`]).
fn is_boundary(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Drops trailing whitespace on each line, folds runs of blank lines into one blank line
/// (whitespace-only lines count as blank) and trims the whole text. A line break that
/// stays maps onto the source line break; a folded blank line onto all the blank lines
/// it replaces.
fn tidy_lines(text: &str) -> (String, Alignment) {
    let mut out = AlignedText::with_capacity(text.len());
    let mut pending_breaks = 0;
    // Char offset of the line being looked at, and of the line break after the last line
    // written.
    let mut line_source = 0;
    let mut break_source = 0;
    for line in text.split('\n') {
        let line_chars = line.chars().count();
        let kept = line.trim_end();
        if kept.is_empty() {
            pending_breaks += 1;
        } else {
            let (kept, kept_source) = if out.chars() == 0 {
                // Leading whitespace of the first line is indentation of nothing.
                let trimmed = kept.trim_start();
                let skipped = kept[..kept.len() - trimmed.len()].chars().count();
                (trimmed, line_source + skipped)
            } else {
                if pending_breaks > 0 {
                    out.push_group("\n\n", break_source, line_source - break_source);
                } else {
                    out.push('\n', break_source);
                }
                (kept, line_source)
            };
            out.push_copied(kept, kept_source);
            pending_breaks = 0;
            break_source = line_source + line_chars;
        }
        line_source += line_chars + 1;
    }
    out.finish(line_source.saturating_sub(1))
}

/// A title as one normalised line; `None` if nothing is left.
pub(crate) fn title(raw: &str) -> Option<String> {
    let normalized = normalize(raw);
    let title = normalized.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_become_lf() {
        assert_eq!(normalize("a\r\nb\rc\nd"), "a\nb\nc\nd");
    }

    #[test]
    fn invisible_and_control_characters_go() {
        assert_eq!(
            normalize("depor\u{AD}tation\u{200B} of\u{7} 40\u{FEFF} men"),
            "deportation of 40 men"
        );
    }

    #[test]
    fn odd_spaces_become_plain_spaces() {
        assert_eq!(normalize("40\u{A0}km and 5\u{202F}%"), "40 km and 5 %");
    }

    #[test]
    fn zero_width_joiners_stay() {
        assert_eq!(normalize("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }

    #[test]
    fn nfc_composes_accents() {
        assert_eq!(normalize("Jose\u{301}"), "José");
    }

    #[test]
    fn ligatures_are_spelt_out() {
        assert_eq!(normalize("\u{FB01}led a \u{FB02}ight"), "filed a flight");
    }

    #[test]
    fn blank_line_runs_fold_and_text_is_trimmed() {
        assert_eq!(normalize("\n\n  A  \n \n\n\nB\x0cC\n"), "A\n\nB\nC");
    }

    #[test]
    fn paragraph_separator_is_a_blank_line() {
        assert_eq!(normalize("A\u{2029}B"), "A\n\nB");
    }

    /// Every kept char maps back onto the source char it came from.
    #[test]
    fn the_alignment_points_into_the_raw_text() {
        let raw = "  Jose\u{301} was\u{7} held.  \r\n\r\n \n\tA \u{FB01}le\u{2029}B\u{A0}C";
        let (text, alignment) = normalize_aligned(raw);
        assert_eq!(text, "José was held.\n\n\tA file\n\nB C");
        let raw_chars: Vec<char> = raw.chars().collect();
        let slice = |(s, e): (usize, usize)| raw_chars[s..e].iter().collect::<String>();
        let char_at = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
        let jose = char_at("José");
        assert_eq!(slice(alignment.source_span(jose, jose + 4)), "Jose\u{301}");
        let held = char_at("held.");
        assert_eq!(
            slice(alignment.source_span(jose, held + 5)),
            "Jose\u{301} was\u{7} held."
        );
        let file = char_at("file");
        assert_eq!(slice(alignment.source_span(file, file + 4)), "\u{FB01}le");
        let b = char_at("B C");
        assert_eq!(slice(alignment.source_span(b, b + 3)), "B\u{A0}C");
        assert_eq!(
            slice(alignment.source_span(held + 5, held + 7)),
            "\r\n\r\n \n"
        );
        assert_eq!(alignment.len(), text.chars().count());
        assert_eq!(alignment.source_len(), raw_chars.len());
    }

    #[test]
    fn nfc_text_costs_few_runs() {
        let raw = "Plain text, already NFC: é, ü, 北京.\n".repeat(1000);
        let (_, alignment) = normalize_aligned(&raw);
        assert_eq!(alignment.runs(), 1, "copied text is one run");
        let (_, alignment) = normalize_aligned(&raw.replace('\n', "\r\n"));
        assert_eq!(alignment.runs(), 1000 * 2 - 1, "a line and a line end each");
    }

    #[test]
    fn title_is_one_line() {
        assert_eq!(
            title("  Detention\n  in   Libya "),
            Some("Detention in Libya".into())
        );
        assert_eq!(title(" \n "), None);
    }
}
