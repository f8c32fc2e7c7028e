//! A small tokenizer shared by the three attribute rules.
//!
//! Words are runs of letters, numbers are runs of ASCII digits with their thousands
//! separators and one decimal part ("1,040", "3.5"), and every other visible character is a
//! token of its own ("'", "-", "$", "%"). Each token remembers whether whitespace precedes it,
//! so rules can tell "US$5" (glued) from "US $" and "beaten.12" (a footnote) from "3.5".

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Number,
    Punct,
}

/// One token: its kind, its byte span in the sentence, and whether whitespace precedes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whitespace, or the start of the sentence, comes right before the token.
    pub spaced: bool,
}

/// A sentence cut into tokens, with an ASCII-lowercased copy for case-insensitive rules.
///
/// ASCII lowercasing keeps every byte offset, so `lower` and `text` share the token spans.
pub(crate) struct Sentence<'a> {
    pub text: &'a str,
    lower: String,
    pub tokens: Vec<Token>,
}

impl<'a> Sentence<'a> {
    pub fn new(text: &'a str) -> Self {
        Sentence {
            text,
            lower: text.to_ascii_lowercase(),
            tokens: tokenize(text),
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The token as written, or "" past either end.
    pub fn raw(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    /// The token lowercased, or "" past either end.
    pub fn low(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.lower[t.start..t.end])
    }

    /// The lowercased token when it is a word, else "" (so word lists never match symbols).
    pub fn word(&self, i: usize) -> &str {
        if self.is(i, Kind::Word) {
            self.low(i)
        } else {
            ""
        }
    }

    pub fn is(&self, i: usize, kind: Kind) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == kind)
    }

    /// Token `i` exists and touches the token before it (no whitespace between).
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && self.tokens.get(i).is_some_and(|t| !t.spaced)
    }

    /// Token `i` is a word starting with an uppercase letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.is(i, Kind::Word) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Index of the first token starting at or after byte `offset`.
    pub fn token_starting_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.start < offset)
    }

    /// Index of the last token ending at or before byte `offset`, if any.
    pub fn token_ending_at(&self, offset: usize) -> Option<usize> {
        self.tokens
            .partition_point(|t| t.end <= offset)
            .checked_sub(1)
    }

    /// The text from the start of token `first` to the end of token `last`.
    pub fn span(&self, first: usize, last: usize) -> &'a str {
        &self.text[self.tokens[first].start..self.tokens[last].end]
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let mut spaced = true;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            (Kind::Number, number_end(bytes, start))
        } else if c.is_alphabetic() {
            (Kind::Word, word_end(text, start))
        } else {
            (Kind::Punct, start + c.len_utf8())
        };
        while chars.peek().is_some_and(|&(i, _)| i < end) {
            chars.next();
        }
        tokens.push(Token {
            kind,
            start,
            end,
            spaced,
        });
        spaced = false;
    }
    tokens
}

fn word_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| start + i)
}

/// Digits, then ",ddd" groups, then at most one ".d+" decimal part.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let digits_from = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = start + digits_from(start);
    while bytes.get(end) == Some(&b',') && digits_from(end + 1) == 3 {
        end += 4;
    }
    if bytes.get(end) == Some(&b'.') && digits_from(end + 1) > 0 {
        end += 1 + digits_from(end + 1);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(text: &str) -> Vec<(Kind, &str, bool)> {
        let s = Sentence::new(text);
        (0..s.len())
            .map(|i| (s.tokens[i].kind, s.raw(i), s.tokens[i].spaced))
            .collect()
    }

    #[test]
    fn numbers_keep_separators_and_one_decimal_part() {
        let t = kinds_and_text("1,040 and 3.5 and 2019.14 and 1,2");
        assert_eq!(t[0], (Kind::Number, "1,040", true));
        assert_eq!(t[2], (Kind::Number, "3.5", true));
        assert_eq!(t[4], (Kind::Number, "2019.14", true));
        assert_eq!(t[6], (Kind::Number, "1", true));
        assert_eq!(t[7], (Kind::Punct, ",", false));
    }

    #[test]
    fn glued_tokens_are_marked() {
        let t = kinds_and_text("US$5,000 beaten.12 Türkiye’s");
        assert_eq!(t[0], (Kind::Word, "US", true));
        assert_eq!(t[1], (Kind::Punct, "$", false));
        assert_eq!(t[2], (Kind::Number, "5,000", false));
        assert_eq!(t[5], (Kind::Number, "12", false));
        assert_eq!(t[6], (Kind::Word, "Türkiye", true));
        assert_eq!(t[7], (Kind::Punct, "’", false));
    }
}
