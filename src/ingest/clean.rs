//! The normalisation every reader's output goes through (documented in the module docs of
//! `ingest`).

use unicode_normalization::UnicodeNormalization;

/// Normalises extracted text: line ends, invisible and control characters, odd spaces,
/// ligatures, NFC, trailing spaces and blank-line runs.
pub(crate) fn normalize(raw: &str) -> String {
    let mut mapped = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            // CRLF and a lone CR are both one line end.
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            mapped.push('\n');
        } else {
            push_mapped(c, &mut mapped);
        }
    }
    let composed: String = mapped.nfc().collect();
    tidy_lines(&composed)
}

/// Appends what `c` becomes in the normalised text (possibly nothing).
fn push_mapped(c: char, out: &mut String) {
    match c {
        '\n' | '\t' => out.push(c),
        '\u{0B}' | '\u{0C}' | '\u{2028}' => out.push('\n'),
        '\u{2029}' => out.push_str("\n\n"),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => out.push(' '),
        '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
        '\u{FB00}'..='\u{FB06}' => out.push_str(spelt_ligature(c)),
        c if c.is_control() => {}
        c => out.push(c),
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

/// Drops trailing whitespace on each line, folds runs of blank lines into one blank line
/// (whitespace-only lines count as blank) and trims the whole text.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_breaks = 0;
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            pending_breaks += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_breaks > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        pending_breaks = 0;
    }
    // Leading whitespace of the first line is indentation of nothing.
    let leading = out.len() - out.trim_start().len();
    out.drain(..leading);
    out
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

    #[test]
    fn title_is_one_line() {
        assert_eq!(
            title("  Detention\n  in   Libya "),
            Some("Detention in Libya".into())
        );
        assert_eq!(title(" \n "), None);
    }
}
