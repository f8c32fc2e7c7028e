//! List markers: bullets ("-", "•", "⁃"), numbers and letters ("1.", "2)", "1.)", "(a)", "iv)").

use super::chars::char_at;

/// How the label of a marker is punctuated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkerStyle {
    Bullet(char),
    /// "1." / "a." / "IV."
    Dot,
    /// "1)" / "a)"
    CloseParen,
    /// "1.)"
    DotParen,
    /// "(1)" / "(a)" / "(iii)"
    Parens,
}

/// The label of a numbered marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    None,
    Number(u32),
    /// A single letter; i, v, x (any case) may also be roman numerals.
    Letter(char),
    Roman {
        value: u32,
        upper: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    pub style: MarkerStyle,
    pub label: Label,
    /// Length of the marker itself in bytes (without the space after it).
    pub len: usize,
}

const MAX_NUMBER_DIGITS: usize = 3;
const MAX_ROMAN_LEN: usize = 5;

/// Bullets that only ever mark list items, so they may be glued to the text ("⁃9.").
fn is_unambiguous_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '‣'
            | '◦'
            | '⁃'
            | '▪'
            | '■'
            | '●'
            | '○'
            | '►'
            | '▸'
            | '➢'
            | '✓'
            | '✔'
            | '◆'
            | '◇'
            | '□'
    )
}

/// Bullets that are also ordinary punctuation: they must be followed by a space.
fn is_ambiguous_bullet(c: char) -> bool {
    matches!(c, '-' | '*' | '–' | '—' | '·')
}

/// Parses a marker at the very start of `s`. A marker must be followed by
/// whitespace or the end of `s` (unambiguous bullets may be glued to the text).
pub(crate) fn parse_marker(s: &str) -> Option<Marker> {
    let first = s.chars().next()?;
    if is_unambiguous_bullet(first) || is_ambiguous_bullet(first) {
        let len = first.len_utf8();
        let glued_ok = is_unambiguous_bullet(first);
        return followed_by_space(s, len, glued_ok).then_some(Marker {
            style: MarkerStyle::Bullet(first),
            label: Label::None,
            len,
        });
    }
    let (style, label, len) = if first == '(' {
        let (label, label_len) = parse_label(&s[1..])?;
        if s.as_bytes().get(1 + label_len) != Some(&b')') {
            return None;
        }
        (MarkerStyle::Parens, label, label_len + 2)
    } else {
        let (label, label_len) = parse_label(s)?;
        let rest = &s.as_bytes()[label_len..];
        match rest {
            [b'.', b')', ..] => (MarkerStyle::DotParen, label, label_len + 2),
            [b'.', ..] => (MarkerStyle::Dot, label, label_len + 1),
            [b')', ..] => (MarkerStyle::CloseParen, label, label_len + 1),
            _ => return None,
        }
    };
    followed_by_space(s, len, false).then_some(Marker { style, label, len })
}

fn followed_by_space(s: &str, len: usize, glued_ok: bool) -> bool {
    match s.get(len..).and_then(|rest| rest.chars().next()) {
        None => true,
        Some(c) => c.is_whitespace() || glued_ok,
    }
}

/// A run of 1-3 digits, one letter, or a short roman numeral at the start of `s`.
fn parse_label(s: &str) -> Option<(Label, usize)> {
    let bytes = s.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0 {
        if digits > MAX_NUMBER_DIGITS {
            return None;
        }
        let value = s[..digits].parse().ok()?;
        return Some((Label::Number(value), digits));
    }
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    match letters {
        0 => None,
        1 => Some((Label::Letter(char_at(s, 0)), 1)),
        n if n <= MAX_ROMAN_LEN => {
            let word = &s[..n];
            let upper = word.bytes().all(|b| b.is_ascii_uppercase());
            let lower = word.bytes().all(|b| b.is_ascii_lowercase());
            let value = roman_value(word).filter(|_| upper || lower)?;
            Some((Label::Roman { value, upper }, n))
        }
        _ => None,
    }
}

/// Value of a canonical roman numeral made of i, v, x, l (any case).
fn roman_value(word: &str) -> Option<u32> {
    let digit = |c: char| match c.to_ascii_lowercase() {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        _ => None,
    };
    let values: Vec<u32> = word.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (k, v) in values.iter().enumerate() {
        let v = i64::from(*v);
        match values.get(k + 1) {
            Some(next) if i64::from(*next) > v => total -= v,
            _ => total += v,
        }
    }
    let total = u32::try_from(total).ok().filter(|t| *t > 0)?;
    (to_roman(total) == word.to_ascii_lowercase()).then_some(total)
}

/// "II", "iv", "XL" (not mixed case); used after "vol." / "ch." / "Part".
pub(crate) fn is_roman_numeral(word: &str) -> bool {
    let upper = word.bytes().all(|b| b.is_ascii_uppercase());
    let lower = word.bytes().all(|b| b.is_ascii_lowercase());
    !word.is_empty() && (upper || lower) && roman_value(word).is_some()
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 7] = [
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, text) in TABLE {
        while n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

impl Label {
    fn roman(self) -> Option<(u32, bool)> {
        match self {
            Label::Roman { value, upper } => Some((value, upper)),
            Label::Letter(c) => {
                roman_value(c.encode_utf8(&mut [0; 4])).map(|v| (v, c.is_ascii_uppercase()))
            }
            _ => None,
        }
    }

    fn is_upper(self) -> bool {
        match self {
            Label::Letter(c) => c.is_ascii_uppercase(),
            Label::Roman { upper, .. } => upper,
            _ => false,
        }
    }
}

impl Marker {
    /// Is `next` the item that follows `self` in the same list ("2." after "1.", "b)" after "a)")?
    pub(crate) fn is_followed_by(&self, next: &Marker) -> bool {
        if self.style != next.style {
            return false;
        }
        match (self.label, next.label) {
            (Label::None, Label::None) => true,
            (Label::Number(a), Label::Number(b)) => b == a + 1,
            (a, b) => {
                let next_letter = matches!((a, b), (Label::Letter(x), Label::Letter(y)) if y as u32 == x as u32 + 1);
                let next_roman = matches!((a.roman(), b.roman()), (Some((x, ux)), Some((y, uy))) if y == x + 1 && ux == uy);
                next_letter || next_roman
            }
        }
    }

    /// The first item of a list ("1.", "a)", "(i)", "-") may follow any line.
    pub(crate) fn starts_sequence(&self) -> bool {
        match self.label {
            Label::None => matches!(self.style, MarkerStyle::Bullet('-' | '*')),
            Label::Number(n) => n == 1,
            Label::Letter(c) => matches!(c, 'a' | 'A' | 'i' | 'I'),
            Label::Roman { value, .. } => value == 1,
        }
    }

    /// Bullets such as "•" never occur in running text.
    pub(crate) fn is_unambiguous_bullet(&self) -> bool {
        matches!(self.style, MarkerStyle::Bullet(c) if is_unambiguous_bullet(c))
    }

    /// Numbered headings look like "1. Introduction", "II. Findings", "A. Background".
    pub(crate) fn can_number_a_heading(&self) -> bool {
        self.style == MarkerStyle::Dot
            && match self.label {
                Label::Number(_) => true,
                label => label.is_upper(),
            }
    }

    /// Markers of a list that may continue on the same line ("• a • b"): not dashes or
    /// asterisks, which are ordinary punctuation inside a sentence.
    pub(crate) fn can_split_inline(&self) -> bool {
        match self.style {
            MarkerStyle::Bullet(c) => is_unambiguous_bullet(c),
            _ => true,
        }
    }

    /// Markers that open a list in the middle of running text (`... three requests. 1.
    /// Open the camps 2. ...`): numbers, lowercase letters and real bullets, not "A."
    /// (an initial).
    pub(crate) fn can_open_inline_list(&self) -> bool {
        match (self.style, self.label) {
            (MarkerStyle::Bullet(c), _) => is_unambiguous_bullet(c),
            (_, Label::Number(_)) => true,
            (_, Label::Letter(c)) => c.is_ascii_lowercase(),
            (_, Label::Roman { upper, .. }) => !upper,
            (_, Label::None) => false,
        }
    }

    /// "1." / "12)": a numbered label.
    pub(crate) fn is_number(&self) -> bool {
        matches!(self.label, Label::Number(_))
    }

    /// Letter and roman labels, which could also be words or initials.
    pub(crate) fn is_letter(&self) -> bool {
        matches!(self.label, Label::Letter(_) | Label::Roman { .. })
    }
}

/// Is `s` (trimmed) nothing but list markers, e.g. "1." or "• 9." or "(a)"?
pub(crate) fn is_only_markers(s: &str) -> bool {
    let mut rest = s.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        match parse_marker(rest) {
            Some(m) => rest = rest[m.len..].trim_start(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Marker {
        parse_marker(s).unwrap_or_else(|| panic!("no marker in {s:?}"))
    }

    #[test]
    fn parses_common_markers() {
        assert_eq!(m("1. x").style, MarkerStyle::Dot);
        assert_eq!(m("12) x").label, Label::Number(12));
        assert_eq!(m("1.) x").style, MarkerStyle::DotParen);
        assert_eq!(
            m("(iii) x").label,
            Label::Roman {
                value: 3,
                upper: false
            }
        );
        assert_eq!(
            m("IV. x").label,
            Label::Roman {
                value: 4,
                upper: true
            }
        );
        assert_eq!(m("⁃9. x").len, '⁃'.len_utf8());
        assert!(parse_marker("e.g. x").is_none());
        assert!(parse_marker("No. 5").is_none());
        assert!(parse_marker("2003. x").is_none());
        assert!(parse_marker("-5 degrees").is_none());
        assert!(parse_marker("(1,040 in 2003)").is_none());
    }

    #[test]
    fn successors() {
        assert!(m("1. x").is_followed_by(&m("2. x")));
        assert!(!m("1. x").is_followed_by(&m("2) x")));
        assert!(m("a. x").is_followed_by(&m("b. x")));
        assert!(m("i) x").is_followed_by(&m("ii) x")));
        assert!(m("iv) x").is_followed_by(&m("v) x")));
        assert!(m("• x").is_followed_by(&m("• y")));
        assert!(is_only_markers("• 9."));
        assert!(is_only_markers("1.)"));
        assert!(!is_only_markers("1. The"));
    }
}
