//! Character classes and small string helpers shared by the layout and sentence passes.

/// Line terminators. A form feed (PDF page break) is only a line break: page
/// breaks fall in the middle of sentences far more often than between them.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// U+2029 ends a paragraph just like a blank line does.
pub(crate) fn is_paragraph_separator(c: char) -> bool {
    c == '\u{2029}'
}

/// Closing punctuation that stays with the sentence it follows ("... he said." / "(see ch. 3.)").
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | '」'
            | '』'
            | '）'
            | '］'
            | '〉'
            | '》'
    )
}

/// Opening punctuation that may stand before the first word of a sentence.
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '„'
            | '「'
            | '『'
            | '（'
            | '［'
            | '¿'
            | '¡'
            | '*'
            | '_'
            | '`'
    )
}

/// Sentence enders of Chinese and Japanese text: they end a sentence even without a following space.
pub(crate) fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '．' | '｡')
}

/// Question and exclamation marks (and their variants in other scripts).
pub(crate) fn is_strong_terminal(c: char) -> bool {
    matches!(c, '?' | '!' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '।' | '॥')
}

/// Any character that can end a sentence.
pub(crate) fn is_terminal(c: char) -> bool {
    c == '.' || c == '…' || is_strong_terminal(c) || is_cjk_terminal(c)
}

pub(crate) fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹')
}

/// Symbols that behave like a digit at the start of a sentence ("$100 was paid").
pub(crate) fn is_numeric_symbol(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '#' | '§' | '¶' | '%')
}

/// Dashes and slashes also delimit the word in front of a period ("policy—Mr.").
pub(crate) fn is_token_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '—' | '–' | '/') || (is_opener(c) && c != '\'' && c != '_')
}

/// The character starting at byte `i` (which must be a char boundary inside `s`).
pub(crate) fn char_at(s: &str, i: usize) -> char {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        s[i..].chars().next().unwrap_or('\u{FFFD}')
    }
}

/// The character ending just before byte `i`, if any.
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Byte position of the first non-whitespace character at or after `i`, or `end`.
pub(crate) fn skip_whitespace(s: &str, mut i: usize, end: usize) -> usize {
    while i < end {
        let c = char_at(s, i);
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Shrinks `start..end` so that it neither starts nor ends with whitespace.
pub(crate) fn trim_span(s: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &s[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        (start, start)
    } else {
        (start + lead, end - trail)
    }
}

/// Copies `s` with every run of whitespace (line breaks included) turned into one space.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    if is_already_collapsed(s) {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (is_space, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_whitespace() || bytes[i] == 0x0B, 1)
        } else {
            let c = char_at(s, i);
            (c.is_whitespace(), c.len_utf8())
        };
        match (is_space, word_start) {
            (true, Some(start)) => {
                push_word(&mut out, &s[start..i]);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word_start {
        push_word(&mut out, &s[start..]);
    }
    out
}

/// Most sentences need no change: single ASCII spaces only. Bytes that may start a
/// non-ASCII space (0xC2, 0xE1, 0xE2, 0xE3 lead U+00A0, U+2028, U+3000 ...) take the slow path.
fn is_already_collapsed(s: &str) -> bool {
    let mut after_space = true;
    for &b in s.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3 => return false,
            _ => after_space = false,
        }
    }
    !after_space || s.is_empty()
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// Does the line end a unit: sentence-final punctuation, a colon or a semicolon, possibly
/// followed by closing quotes/brackets and a footnote reference ("beaten.12", "detained.[4]")?
pub(crate) fn ends_with_terminal(line: &str) -> bool {
    let mut rest = strip_trailing_references(line);
    rest = rest.trim_end_matches(is_closer);
    rest.chars()
        .next_back()
        .is_some_and(|c| is_terminal(c) || c == ':' || c == ';')
}

/// Like [`ends_with_terminal`], commas included: such a line is no heading.
pub(crate) fn ends_with_sentence_punctuation(line: &str) -> bool {
    let rest = strip_trailing_references(line).trim_end_matches(is_closer);
    ends_with_terminal(line) || rest.ends_with(',')
}

/// Removes closing punctuation and footnote references from the end of `line`.
fn strip_trailing_references(line: &str) -> &str {
    let mut rest = line.trim_end();
    loop {
        let without_closers = rest.trim_end_matches(|c| is_closer(c) || is_superscript_digit(c));
        let without_digits =
            without_closers.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',');
        let stripped = if without_digits.len() == without_closers.len() {
            without_closers
        } else if let Some(before) = without_digits.strip_suffix('[') {
            before
        } else if without_digits.ends_with(is_terminal) {
            without_digits
        } else {
            without_closers
        };
        if stripped.len() == rest.len() {
            return rest;
        }
        rest = stripped;
    }
}

/// Is the first letter (after opening punctuation) of `s` lowercase?
pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.chars()
        .find(|c| !is_opener(*c) && !c.is_whitespace())
        .is_some_and(char::is_lowercase)
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
