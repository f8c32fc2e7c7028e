//! The abbreviation table: parsed from `data/abbreviations.txt` and from user files.

use std::collections::HashMap;

use super::lexicon::with_lowercase;

/// How an abbreviation's period behaves before a capitalised word (see the data file's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Titles and words that are always followed by more of the sentence (Mr., e.g., v.).
    Prepositive,
    /// Usually followed by a number (No. 5, para. 34).
    Number,
    /// May end a sentence (etc., U.S., a.m.).
    General,
}

/// A problem in one line of an abbreviation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineError {
    pub line: usize,
    pub reason: String,
}

/// The classes of one abbreviation, by how it is written. An entry written with a
/// capital initial ("Ft.", "Add.") applies to capitalised words only, so "5 ft." or
/// "add." keep the meaning of their own lowercase entry (or are no abbreviation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Entry {
    /// From a lowercase spelling: any case.
    any_case: Option<AbbrevClass>,
    /// From a capitalised spelling: capitalised words, before `any_case`.
    capitalised: Option<AbbrevClass>,
}

impl Entry {
    fn set(&mut self, capitalised: bool, class: AbbrevClass) {
        if capitalised {
            self.capitalised = Some(class);
        } else {
            self.any_case = Some(class);
        }
    }

    fn class_for(&self, capitalised: bool) -> Option<AbbrevClass> {
        let own = if capitalised { self.capitalised } else { None };
        own.or(self.any_case)
    }
}

/// Abbreviations keyed by their last word, lowercased and without the final period.
/// Multi-word entries ("et al.", "op. cit.") also record the words before the last one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Abbreviations {
    single: HashMap<String, Entry>,
    multi: HashMap<String, Vec<(String, Entry)>>,
}

const BUILTIN: &str = include_str!("../../data/abbreviations.txt");

const MAX_WORDS: usize = 4;
const MAX_WORD_LEN: usize = 32;

impl Abbreviations {
    /// The list shipped in `data/abbreviations.txt`.
    pub(crate) fn builtin() -> Self {
        let mut table = Self::default();
        table
            .add_source(BUILTIN)
            .expect("the built-in abbreviation list is well formed");
        table
    }

    /// Parses a whole file in the data-file format; nothing is added if any line is malformed.
    pub(crate) fn add_source(&mut self, source: &str) -> Result<(), LineError> {
        let entries = parse_source(source)?;
        for (entry, class) in entries {
            self.insert(&entry, class);
        }
        Ok(())
    }

    /// Adds one entry; returns false (adding nothing) if it is not a valid abbreviation.
    pub(crate) fn add_entry(&mut self, entry: &str, class: AbbrevClass) -> bool {
        let entry = entry.trim();
        if validate_entry(entry).is_err() {
            return false;
        }
        self.insert(entry, class);
        true
    }

    fn insert(&mut self, entry: &str, class: AbbrevClass) {
        let words: Vec<&str> = entry.split_whitespace().collect();
        let Some((last, before)) = words.split_last() else {
            return;
        };
        let key = normalize(last);
        let capitalised = entry.starts_with(char::is_uppercase);
        if before.is_empty() {
            self.single.entry(key).or_default().set(capitalised, class);
            return;
        }
        let prefix = before.join(" ").to_lowercase();
        let slot = self.multi.entry(key).or_default();
        match slot.iter_mut().find(|(p, _)| *p == prefix) {
            Some((_, existing)) => existing.set(capitalised, class),
            None => {
                let mut new = Entry::default();
                new.set(capitalised, class);
                slot.push((prefix, new));
            }
        }
    }

    /// The class of `token` (the text in front of a period, without that period),
    /// given the text that precedes the token (for multi-word entries).
    pub(crate) fn class_of(&self, token: &str, preceding: &str) -> Option<AbbrevClass> {
        let capitalised = token.starts_with(char::is_uppercase);
        with_lowercase(token, |key| {
            if let Some(entry) = self.single.get(key) {
                return entry.class_for(capitalised);
            }
            let candidates = self.multi.get(key)?;
            candidates
                .iter()
                .find(|(prefix, _)| ends_with_words(preceding, prefix))
                .and_then(|(_, entry)| entry.class_for(capitalised))
        })
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.single.len() + self.multi.values().map(Vec::len).sum::<usize>()
    }
}

/// Lowercase, without one final period: "U.S." → "u.s".
fn normalize(word: &str) -> String {
    word.strip_suffix('.').unwrap_or(word).to_lowercase()
}

/// Does `text` end with the words `prefix` (case-insensitive, whole words)?
fn ends_with_words(text: &str, prefix: &str) -> bool {
    let text = text.trim_end();
    if text.len() < prefix.len() {
        return false;
    }
    let Some(tail) = text.get(text.len() - prefix.len()..) else {
        return false;
    };
    let starts_at_word = text[..text.len() - prefix.len()]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    starts_at_word && tail.to_lowercase() == prefix
}

/// Parses the data-file format into (entry, class) pairs.
fn parse_source(source: &str) -> Result<Vec<(String, AbbrevClass)>, LineError> {
    let mut class = AbbrevClass::General;
    let mut entries = Vec::new();
    for (index, raw) in source.lines().enumerate() {
        let line_error = |reason: String| LineError {
            line: index + 1,
            reason,
        };
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        if let Some(section) = content.strip_prefix('[') {
            class = parse_section(section).map_err(line_error)?;
            continue;
        }
        validate_entry(content).map_err(line_error)?;
        entries.push((content.to_string(), class));
    }
    Ok(entries)
}

fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #").or_else(|| line.find("\t#")) {
        Some(at) => &line[..at],
        None => line,
    }
}

fn parse_section(after_bracket: &str) -> Result<AbbrevClass, String> {
    let name = after_bracket
        .strip_suffix(']')
        .ok_or_else(|| format!("section header `[{after_bracket}` lacks its closing `]`"))?;
    match name.trim() {
        "prepositive" => Ok(AbbrevClass::Prepositive),
        "number" => Ok(AbbrevClass::Number),
        "general" => Ok(AbbrevClass::General),
        other => Err(format!(
            "unknown section `[{other}]` (expected prepositive, number or general)"
        )),
    }
}

fn validate_entry(entry: &str) -> Result<(), String> {
    let words: Vec<&str> = entry.split_whitespace().collect();
    if words.is_empty() {
        return Err("empty entry".to_string());
    }
    if words.len() > MAX_WORDS {
        return Err(format!(
            "`{entry}` has more than {MAX_WORDS} words; an abbreviation is one short token (or a few, as in `et al.`)"
        ));
    }
    for word in &words {
        if word.chars().count() > MAX_WORD_LEN {
            return Err(format!("`{word}` is longer than {MAX_WORD_LEN} characters"));
        }
        if let Some(bad) = word.chars().find(|c| !is_abbreviation_char(*c)) {
            return Err(format!(
                "`{entry}` contains {bad:?}; only letters, digits and . - ' & ° º are allowed"
            ));
        }
    }
    if !entry.chars().any(char::is_alphabetic) {
        return Err(format!("`{entry}` contains no letter"));
    }
    Ok(())
}

fn is_abbreviation_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’' | '&' | '°' | 'º')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_parses_and_classifies() {
        let table = Abbreviations::builtin();
        assert!(table.len() > 150);
        assert_eq!(table.class_of("Mr", ""), Some(AbbrevClass::Prepositive));
        assert_eq!(table.class_of("U.S", "in the"), Some(AbbrevClass::General));
        assert_eq!(table.class_of("para", ""), Some(AbbrevClass::Number));
        assert_eq!(table.class_of("al", "Smith et"), Some(AbbrevClass::General));
        assert_eq!(table.class_of("al", "Smith"), None);
        assert_eq!(table.class_of("cit", "see op."), Some(AbbrevClass::General));
        assert_eq!(table.class_of("N°", ""), Some(AbbrevClass::Number));
        assert_eq!(table.class_of("refugees", ""), None);
        assert_eq!(
            table.class_of("ft", "5"),
            Some(AbbrevClass::Number),
            "feet, not Fort"
        );
        assert_eq!(table.class_of("Ft", ""), Some(AbbrevClass::Prepositive));
        assert_eq!(table.class_of("ART", ""), Some(AbbrevClass::Number));
    }

    #[test]
    fn sections_comments_and_errors() {
        let mut table = Abbreviations::default();
        table
            .add_source("# c\nKpt. # captain\n[number]\nTbl.\n")
            .unwrap();
        assert_eq!(table.class_of("Kpt", ""), Some(AbbrevClass::General));
        assert_eq!(
            table.class_of("kpt", ""),
            None,
            "capitalised entries match capitals only"
        );
        assert_eq!(table.class_of("TBL", ""), Some(AbbrevClass::Number));
        let err = table.add_source("ok.\n[weird]\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = table.add_source("fine.\n\"quoted\"\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(!table.add_entry("(bad)", AbbrevClass::General));
    }
}
