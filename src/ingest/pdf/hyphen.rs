//! Words broken at a line end by a hyphen or a dash: join them, and decide whether the
//! hyphen stays.
//!
//! A line ending in a hyphen (`-`, U+2010, the soft hyphen U+00AD, or PDFium's marker for
//! a hyphen at a line end, which it uses for soft and hard hyphens alike) right after a
//! letter or digit is joined with the first word of the next line, which moves up a line
//! (so line breaks and pages stay where they were). The hyphen is **dropped** (the word was
//! hyphenated to fit: "deport-" + "ation" = "deportation") or **kept** (a compound that
//! happens to break there: "Buddhist-" + "majority" = "Buddhist-majority"). In order:
//!
//! 1. a soft hyphen (U+00AD, when the PDF still has it) is dropped;
//! 2. a digit on either side keeps it ("30,000-" + "50,000", "COVID-" + "19");
//! 3. the document itself decides where it writes the word elsewhere, not at a line end:
//!    seen hyphenated ("so-called") keeps it, seen joined ("UNHCR", "deportation") drops it;
//! 4. a capital after the break keeps it ("anti-" + "LGBTQ", "Franco-" + "German");
//! 5. a tail that is only a suffix ("ation", "ment", "ing", "ed", ...) drops it;
//! 6. a prefix that takes a hyphen keeps it: always "anti", "non", "self", "cross", "ill",
//!    "well", ... ("non-" + "refoulement"), and "post", "so", "all", "high", ... before a
//!    word the document uses on its own ("so-" + "called", not "so-" + "cial");
//! 7. two words that the document uses on their own keep it ("trafficking-" + "related"),
//!    unless they form a common closed compound ("with" + "out", "how" + "ever");
//! 8. otherwise the document's habit decides: where at least two different words broken
//!    at line ends are split words (rules 3 and 5 drop the hyphen), and these (with half
//!    the breaks where neither part is a word the document uses) are at least twice the
//!    compounds the document uses (rules 3, 6 and 7), the producer hyphenates words and
//!    the hyphen is dropped ("repat-" + "riation");
//!    otherwise (word processors and browsers do not hyphenate by default) it is kept
//!    ("Buddhist-" + "majority").
//!
//! An en or em dash at a line end, attached to the word before it ("1990–" + "1995",
//! "camps—" + "which"), is joined without a space and kept.

use std::collections::HashSet;

/// Hyphens that may break a word at a line end.
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{00AD}'];
/// Dashes that are kept, joined without a space, when attached to the word before.
const DASHES: [char; 2] = ['\u{2013}', '\u{2014}'];

/// Prefixes written with a hyphen before a word, and never the first syllable of a word
/// that hyphenation splits.
const STRONG_PREFIXES: &[&str] = &[
    "anti", "non", "self", "cross", "ill", "well", "half", "long", "quasi", "semi", "pseudo",
];

/// Prefixes and words often written with a hyphen before a word, that can also be the
/// first syllable of a longer word ("so-cial"): they need a tail the document uses.
const PREFIXES: &[&str] = &[
    "post", "counter", "multi", "neo", "pan", "mid", "so", "all", "short", "high", "low", "full",
    "far", "near",
];

/// Closed compounds of two words that hyphenation may split ("with-out").
const CLOSED_COMPOUNDS: &[&str] = &[
    "without",
    "within",
    "however",
    "whatever",
    "whenever",
    "wherever",
    "whoever",
    "whereas",
    "whereby",
    "therefore",
    "thereby",
    "therein",
    "thereafter",
    "hereby",
    "herein",
    "anyone",
    "anything",
    "anywhere",
    "anyway",
    "someone",
    "something",
    "somewhere",
    "sometimes",
    "somehow",
    "everyone",
    "everything",
    "everywhere",
    "nothing",
    "nobody",
    "cannot",
    "into",
    "onto",
    "upon",
    "itself",
    "himself",
    "herself",
    "themselves",
    "ourselves",
    "yourself",
    "otherwise",
    "nevertheless",
    "nonetheless",
    "furthermore",
    "moreover",
    "meanwhile",
    "throughout",
    "elsewhere",
    "forward",
    "afterwards",
    "become",
    "became",
    "because",
    "before",
    "behind",
    "below",
    "beside",
    "besides",
    "between",
    "beyond",
    "inside",
    "outside",
    "overall",
    "understand",
    "understood",
    "undertake",
    "undertaken",
    "undertook",
    "undermine",
    "undermined",
    "today",
    "together",
    "toward",
    "towards",
    "already",
    "although",
    "altogether",
    "always",
    "another",
    "warehouse",
    "passport",
    "passports",
    "mandate",
    "mandates",
    "workshop",
    "workshops",
    "breakdown",
    "outcome",
    "outcomes",
    "income",
    "framework",
    "network",
    "networks",
    "headquarters",
    "wherein",
    "whereabouts",
    "homeland",
    "landmark",
    "lifetime",
    "overseas",
    "overnight",
    "uphold",
    "upheld",
    "withdraw",
    "withdrawn",
    "withdrew",
    "withhold",
    "withheld",
    "notwithstanding",
    "neighbourhood",
    "neighborhood",
    "childhood",
    "livelihood",
    "livelihoods",
    "crackdown",
    "checkpoint",
    "checkpoints",
    "stakeholder",
    "stakeholders",
    "safeguard",
    "safeguards",
    "offshore",
    "onward",
    "ongoing",
    "outbreak",
    "outflow",
    "setback",
    "takeover",
    "turnover",
    "upcoming",
    "update",
    "updated",
    "database",
];

/// Tails that are only a suffix: a word split by hyphenation, never a compound.
const SUFFIXES: &[&str] = &[
    "tion", "tions", "ation", "ations", "ition", "itions", "sion", "sions", "ment", "ments", "ing",
    "ings", "ed", "ly", "ity", "ities", "ness", "ance", "ances", "ence", "ences", "able", "ible",
    "ous", "ive", "ives", "ively", "al", "ally", "ial", "ially", "ual", "ually", "ical", "ically",
    "ism", "isms", "ist", "ists", "er", "ers", "or", "ors", "es", "ure", "ures", "age", "ages",
    "ary", "ory", "ian", "ians", "ic", "ics", "ful", "less", "ship", "ize", "ise", "ized", "ised",
    "izes", "ises", "ated", "ating", "ates", "ate", "ant", "ants", "ent", "ents", "ty", "ties",
    "cy", "cies", "tive", "tives", "tory", "tional", "tionally", "ened", "ening", "ee", "ees",
    "ish",
];

/// What the rules say about a hyphen before the document's habit is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Keep,
    /// Kept by what the document writes (rules 3, 6, 7).
    KeepByUsage,
    Drop,
    /// Dropped by what the document writes (rules 3 and 5).
    DropByUsage,
    Undecided,
}

/// The words of a document, as written away from line-end hyphens, lower-cased, and
/// whether its producer hyphenates words at line ends.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    words: HashSet<String>,
    hyphenates: bool,
}

impl Vocabulary {
    /// Collects the words of blocks of lines. The word before a line-end hyphen and the
    /// first word after it are left out: they are what is to be decided.
    pub fn of<'a>(blocks: impl Iterator<Item = &'a [String]> + Clone) -> Self {
        let blocks_again = blocks.clone();
        let mut words = HashSet::new();
        for lines in blocks {
            let mut after_hyphen = false;
            for line in lines {
                let tokens: Vec<&str> = line.split_whitespace().collect();
                let ends_hyphenated = line_end_break(line).is_some();
                for (index, token) in tokens.iter().enumerate() {
                    if (index == 0 && after_hyphen)
                        || (index + 1 == tokens.len() && ends_hyphenated)
                    {
                        continue;
                    }
                    let word = normal(token);
                    if word.is_empty() {
                        continue;
                    }
                    // "so-called" counts as itself and as its parts.
                    if word.contains('-') {
                        for part in word.split('-').filter(|p| !p.is_empty()) {
                            words.insert(part.to_string());
                        }
                    }
                    words.insert(word);
                }
                after_hyphen = ends_hyphenated;
            }
        }
        let mut vocabulary = Self {
            words,
            hyphenates: false,
        };
        // Distinct breaks that split words (the joined word is used, the tail is only a
        // suffix), that may (neither part is a word the document uses), and that fall in
        // compounds the document uses.
        let mut split = HashSet::new();
        let mut maybe_split = HashSet::new();
        let mut compound = HashSet::new();
        for lines in blocks_again {
            for pair in lines.windows(2) {
                let Some(Break::Hyphen(hyphen)) = line_end_break(&pair[0]) else {
                    continue;
                };
                let upper = pair[0].trim_end();
                let head = &upper[..upper.len() - hyphen.len_utf8()];
                let tail = pair[1].split_whitespace().next().unwrap_or("");
                let key = (normal(last_word(head)), normal(tail));
                match decide(head, tail, hyphen == '\u{00AD}', &vocabulary) {
                    Decision::DropByUsage => {
                        split.insert(key);
                    }
                    Decision::KeepByUsage => {
                        compound.insert(key);
                    }
                    Decision::Undecided if !vocabulary.has(&key.0) && !vocabulary.has(&key.1) => {
                        maybe_split.insert(key);
                    }
                    _ => {}
                }
            }
        }
        vocabulary.hyphenates =
            split.len() >= 2 && 2 * split.len() + maybe_split.len() >= 4 * compound.len();
        vocabulary
    }

    fn has(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// The last word of a text, without leading punctuation.
fn last_word(text: &str) -> &str {
    text.rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// A word lower-cased, without surrounding punctuation.
fn normal(token: &str) -> String {
    token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('\u{2010}', "-")
}

/// How a line ends: in a hyphen that may break a word, or an attached dash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    Hyphen(char),
    Dash,
}

fn line_end_break(line: &str) -> Option<Break> {
    let mut chars = line.trim_end().chars().rev();
    let last = chars.next()?;
    let before = chars.next()?;
    if !before.is_alphanumeric() {
        return None;
    }
    if HYPHENS.contains(&last) {
        Some(Break::Hyphen(last))
    } else if DASHES.contains(&last) {
        Some(Break::Dash)
    } else {
        None
    }
}

/// Whether the hyphen between `head` (the text before it) and `tail` (the first word of
/// the next line) stays.
pub(crate) fn keeps_hyphen(head: &str, tail: &str, soft: bool, vocabulary: &Vocabulary) -> bool {
    match decide(head, tail, soft, vocabulary) {
        Decision::Keep | Decision::KeepByUsage => true,
        Decision::Drop | Decision::DropByUsage => false,
        Decision::Undecided => !vocabulary.hyphenates,
    }
}

/// Rules 1 to 7 of the module docs.
fn decide(head: &str, tail: &str, soft: bool, vocabulary: &Vocabulary) -> Decision {
    if soft {
        return Decision::Drop;
    }
    let head_word = last_word(head);
    let tail_word = tail.trim_end_matches(|c: char| !c.is_alphanumeric());
    let (Some(last), Some(first)) = (head_word.chars().last(), tail_word.chars().next()) else {
        return Decision::Keep;
    };
    if last.is_numeric() || first.is_numeric() {
        return Decision::Keep;
    }
    let (h, t) = (normal(head_word), normal(tail_word));
    if vocabulary.has(&format!("{h}-{t}")) {
        return Decision::KeepByUsage;
    }
    if vocabulary.has(&format!("{h}{t}")) {
        return Decision::DropByUsage;
    }
    if first.is_uppercase() {
        return Decision::Keep;
    }
    if SUFFIXES.contains(&t.as_str()) {
        return Decision::DropByUsage;
    }
    // The last part of a head that is itself a compound ("well-to-" + "do").
    let h_last = h.rsplit('-').next().unwrap_or(&h);
    if STRONG_PREFIXES.contains(&h_last) && t.chars().count() >= 3 {
        return Decision::Keep;
    }
    if PREFIXES.contains(&h_last) && t.chars().count() >= 3 && vocabulary.has(&t) {
        return Decision::KeepByUsage;
    }
    let joined = format!("{h_last}{t}");
    if h_last.chars().count() >= 3
        && t.chars().count() >= 3
        && vocabulary.has(h_last)
        && vocabulary.has(&t)
        && !CLOSED_COMPOUNDS.contains(&joined.as_str())
    {
        return Decision::KeepByUsage;
    }
    if CLOSED_COMPOUNDS.contains(&joined.as_str()) {
        return Decision::Drop;
    }
    Decision::Undecided
}

/// Undoes line-end hyphenation inside a block's lines: the rest of a broken word moves
/// up; a line left empty disappears (and the break after it is the one after the line
/// above: `wraps` has one entry per line).
pub(crate) fn join_broken_words(
    lines: &mut Vec<String>,
    wraps: &mut Vec<bool>,
    vocabulary: &Vocabulary,
) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let (upper, lower) = lines.split_at_mut(i + 1);
        if join_across(&mut upper[i], &mut lower[0], vocabulary) && lower[0].is_empty() {
            lines.remove(i + 1);
            if i + 1 < wraps.len() {
                wraps[i] = wraps[i + 1];
                wraps.remove(i + 1);
            }
        } else {
            i += 1;
        }
    }
}

/// If `upper` ends in a word broken by a hyphen or an attached dash, moves the first word
/// of `lower` up to it and returns true.
pub(crate) fn join_across(upper: &mut String, lower: &mut String, vocabulary: &Vocabulary) -> bool {
    let Some(kind) = line_end_break(upper) else {
        return false;
    };
    let lower_text = lower.trim_start();
    let Some(first) = lower_text.chars().next() else {
        return false;
    };
    if !first.is_alphanumeric() {
        return false;
    }
    let tail_end = lower_text
        .find(char::is_whitespace)
        .unwrap_or(lower_text.len());
    let tail = &lower_text[..tail_end];
    let trimmed = upper.trim_end();
    let mut joined = match kind {
        Break::Dash => trimmed.to_string(),
        Break::Hyphen(hyphen) => {
            let head = &trimmed[..trimmed.len() - hyphen.len_utf8()];
            let mut joined = head.to_string();
            if keeps_hyphen(head, tail, hyphen == '\u{00AD}', vocabulary) {
                joined.push(if hyphen == '\u{2010}' {
                    '\u{2010}'
                } else {
                    '-'
                });
            }
            joined
        }
    };
    joined.push_str(tail);
    let rest = lower_text[tail_end..].trim_start().to_string();
    *upper = joined;
    *lower = rest;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(text: &str) -> Vocabulary {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        Vocabulary::of(std::iter::once(lines.as_slice()))
    }

    fn joined(upper: &str, lower: &str, vocabulary: &Vocabulary) -> (String, String) {
        let (mut upper, mut lower) = (upper.to_string(), lower.to_string());
        join_across(&mut upper, &mut lower, vocabulary);
        (upper, lower)
    }

    #[test]
    fn hyphenated_words_are_joined() {
        let v = vocabulary("");
        assert_eq!(
            joined("the deport-", "ation of", &v),
            ("the deportation".into(), "of".into())
        );
        assert_eq!(joined("with-", "out delay", &v).0, "without");
        // A document that hyphenates words: undecided cases are joined.
        let v = vocabulary("the deten-\ntion of\nthe assess-\nment and\nthe humani-\ntarian");
        assert!(v.hyphenates);
        assert_eq!(joined("humani-", "tarian", &v).0, "humanitarian");
        assert_eq!(joined("repat-", "riation", &v).0, "repatriation");
        assert!(!vocabulary("").hyphenates);
    }

    #[test]
    fn compounds_keep_their_hyphen() {
        let v =
            vocabulary("the Buddhist community is the majority here\nlegal determination of self");
        assert_eq!(
            joined("a Buddhist-", "majority area", &v).0,
            "a Buddhist-majority"
        );
        // Without usage, by the document's habit: a document that does not hyphenate words.
        assert_eq!(
            joined("a Buddhist-", "majority", &vocabulary("")).0,
            "a Buddhist-majority"
        );
        assert_eq!(joined("anti-", "LGBTQ laws", &v).0, "anti-LGBTQ");
        assert_eq!(
            joined("from 30,000-", "50,000 people", &v).0,
            "from 30,000-50,000"
        );
        assert_eq!(joined("COVID-", "19 rules", &v).0, "COVID-19");
        assert_eq!(
            joined("self-", "determination.", &v).0,
            "self-determination."
        );
        assert_eq!(
            joined("with-", "out delay", &vocabulary("with out")).0,
            "without"
        );
    }

    #[test]
    fn the_document_decides_first() {
        let v = vocabulary("UNHCR said so\nthe so-called court");
        assert_eq!(joined("the UN-", "HCR office", &v).0, "the UNHCR");
        assert_eq!(joined("the so-", "called camp", &v).0, "the so-called");
        assert_eq!(
            joined("the UN\u{AD}", "HCR", &vocabulary("")).0,
            "the UNHCR"
        );
    }

    #[test]
    fn attached_dashes_join_without_a_space() {
        let v = vocabulary("");
        assert_eq!(joined("in 1990–", "1995 they", &v).0, "in 1990–1995");
        assert_eq!(joined("the camps—", "which", &v).0, "the camps—which");
        assert_eq!(joined("the camps –", "which", &v).0, "the camps –");
    }

    #[test]
    fn words_next_to_a_break_do_not_count() {
        let v = vocabulary("the deport-\nation of");
        assert!(!v.has("deport"));
        assert!(!v.has("ation"));
        assert!(v.has("of"));
    }

    #[test]
    fn block_lines_are_rejoined() {
        let mut lines = vec![
            "were detain-".to_string(),
            "ed.".to_string(),
            "Next line.".to_string(),
        ];
        let mut wraps = vec![true, false, false];
        join_broken_words(&mut lines, &mut wraps, &vocabulary(""));
        assert_eq!(lines, ["were detained.", "Next line."]);
        assert_eq!(wraps, [false, false]);
    }
}
