//! Footnote references glued after a sentence end: "12", "12,13", "[4][5]".

/// Longest reference label inside brackets ("citation needed").
const MAX_LABEL_CHARS: usize = 20;

/// Length of "[4]", "[4][5]", "[12, 13]", "[a]", "[citation needed]".
pub(crate) fn bracket_references_len(s: &str) -> Option<usize> {
    let mut len = 0;
    while s[len..].starts_with('[') {
        // Bounded search: a reference label is short, and an unclosed '[' must not
        // make every period before it scan the rest of the block.
        let close = s[len..]
            .char_indices()
            .take(MAX_LABEL_CHARS + 2)
            .find(|(_, c)| *c == ']')?
            .0;
        let label = &s[len + 1..len + close];
        if !is_reference_label(label) {
            break;
        }
        len += close + 1;
    }
    (len > 0).then_some(len)
}

fn is_reference_label(label: &str) -> bool {
    let numeric = label.chars().any(|c| c.is_ascii_digit())
        && label
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–'));
    let note =
        label.chars().all(|c| c.is_ascii_lowercase() || c == ' ') && !label.trim().is_empty();
    label.chars().count() <= MAX_LABEL_CHARS && (numeric || note)
}

/// "12", "12,13", "12-14": groups of at most three digits, ending with a digit.
pub(crate) fn footnote_digits_len(s: &str) -> Option<usize> {
    let mut len = 0;
    let mut group = 0;
    for c in s.chars().take(16) {
        match c {
            '0'..='9' => group += 1,
            ',' | '-' | '–' if group > 0 => group = 0,
            _ => break,
        }
        if group > 3 {
            return None;
        }
        len += c.len_utf8();
    }
    let ends_with_digit = s[..len].ends_with(|c: char| c.is_ascii_digit());
    ends_with_digit.then_some(len)
}
