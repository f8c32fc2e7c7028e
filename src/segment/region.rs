//! Quotations and parentheses: where the one opened at a position closes, so that
//! sentence ends inside a short one can be ignored.

use super::chars::{char_before, is_opener};

/// Remembers where the next closing bracket/quote of each kind is, so that each
/// opening bracket does not rescan the block: searches start after the previous
/// result, which keeps the total work linear.
#[derive(Default)]
pub(crate) struct ClosingCache {
    entries: Vec<(char, usize, Option<usize>)>,
}

impl ClosingCache {
    pub(crate) fn find(
        &mut self,
        text: &str,
        closer: char,
        from: usize,
        end: usize,
    ) -> Option<usize> {
        if let Some((_, searched_from, found)) = self.entries.iter().find(|e| e.0 == closer) {
            if from >= *searched_from && found.is_none_or(|f| from <= f) {
                return *found;
            }
        }
        let found = text[from..end]
            .char_indices()
            .find(|(k, c)| *c == closer && qualifies_as_closer(text, from + k, closer))
            .map(|(k, _)| from + k);
        self.entries.retain(|e| e.0 != closer);
        self.entries.push((closer, from, found));
        found
    }
}

/// A straight double quote closes a quotation only after a non-space; a single quote
/// (straight or curly) also must not be followed by a letter or digit ("don't") nor be
/// the apostrophe of a plural possessive ("the girls' names").
fn qualifies_as_closer(text: &str, at: usize, closer: char) -> bool {
    let before = char_before(text, at);
    if before.is_none_or(char::is_whitespace) {
        return false;
    }
    if closer != '\'' && closer != '’' {
        return true;
    }
    let mut after = text[at + closer.len_utf8()..].chars();
    let next = after.next();
    let possessive = before == Some('s')
        && next.is_some_and(char::is_whitespace)
        && after.next().is_some_and(char::is_lowercase);
    !next.is_some_and(char::is_alphanumeric) && !possessive
}

/// The closing partner of an opening bracket or quotation mark at `c`. Straight
/// quotes open only after a space or another opener (and a single one before a letter).
pub(crate) fn region_closer(c: char, prev: Option<char>, next: Option<char>) -> Option<char> {
    let after_space = prev.is_none_or(|p| p.is_whitespace() || is_opener(p));
    Some(match c {
        '(' => ')',
        '[' => ']',
        '“' => '”',
        '‘' => '’',
        '«' => '»',
        '「' => '」',
        '『' => '』',
        '（' => '）',
        '"' if after_space => '"',
        '\'' | '`' if after_space && next.is_some_and(char::is_alphabetic) => '\'',
        _ => return None,
    })
}
