//! Closed word lists used by the heuristics. All entries are lowercase and sorted
//! (binary search); a unit test checks the order.

/// Words that typically open an English sentence. After an ambiguous period
/// (an abbreviation that may also end a sentence: "U.S.", "a.m.", "etc.", an
/// initial) a split is made only when the next word is one of these: a
/// capitalised closed-class word is capitalised because it starts a sentence,
/// while a capitalised content word may just be a name ("U.S. Congress").
const SENTENCE_STARTERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "afterwards",
    "again",
    "all",
    "almost",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "approximately",
    "are",
    "around",
    "as",
    "at",
    "because",
    "before",
    "being",
    "besides",
    "between",
    "both",
    "but",
    "by",
    "can",
    "consequently",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "dozens",
    "during",
    "each",
    "eight",
    "either",
    "even",
    "every",
    "everyone",
    "few",
    "finally",
    "first",
    "five",
    "following",
    "for",
    "four",
    "from",
    "further",
    "furthermore",
    "had",
    "has",
    "have",
    "he",
    "hence",
    "her",
    "here",
    "his",
    "how",
    "however",
    "hundreds",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "is",
    "it",
    "its",
    "later",
    "many",
    "meanwhile",
    "millions",
    "moreover",
    "most",
    "much",
    "my",
    "nearly",
    "neither",
    "nevertheless",
    "nine",
    "no",
    "nobody",
    "none",
    "nonetheless",
    "nor",
    "not",
    "nothing",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "over",
    "overall",
    "perhaps",
    "roughly",
    "second",
    "seven",
    "several",
    "she",
    "should",
    "since",
    "six",
    "so",
    "some",
    "still",
    "such",
    "ten",
    "that",
    "the",
    "their",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "third",
    "this",
    "those",
    "though",
    "thousands",
    "three",
    "thus",
    "to",
    "today",
    "two",
    "under",
    "unlike",
    "until",
    "up",
    "upon",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "with",
    "within",
    "without",
    "would",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Pronouns and articles that start a sentence even in text that does not capitalise.
const LOWERCASE_STARTERS: &[&str] = &[
    "but", "he", "i", "it", "my", "she", "the", "there", "they", "this", "we", "you",
];

/// More words that open sentences in informal text that does not capitalise ("so we
/// stayed", "thanks in advance"); after a period or a question mark only, since a
/// name such as "Yahoo!" goes on with them.
const INFORMAL_LOWERCASE_STARTERS: &[&str] = &[
    "also", "anyway", "hope", "how", "if", "its", "now", "our", "please", "so", "still", "thanks",
    "that", "then", "these", "those", "what", "when", "where", "why", "your",
];

/// Words that continue a clock time ("at 9 a.m. Monday", "5 p.m. GMT").
const DATE_AND_TIME_ZONE_WORDS: &[&str] = &[
    "apr",
    "april",
    "aug",
    "august",
    "bst",
    "central",
    "cest",
    "cet",
    "cst",
    "ct",
    "dec",
    "december",
    "eastern",
    "edt",
    "est",
    "et",
    "feb",
    "february",
    "fri",
    "friday",
    "gmt",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "mar",
    "march",
    "may",
    "mon",
    "monday",
    "mountain",
    "mst",
    "mt",
    "nov",
    "november",
    "oct",
    "october",
    "pacific",
    "pdt",
    "pst",
    "pt",
    "sat",
    "saturday",
    "sep",
    "sept",
    "september",
    "sun",
    "sunday",
    "thu",
    "thursday",
    "tue",
    "tuesday",
    "utc",
    "wed",
    "wednesday",
];

/// Function words that cannot end a complete sentence or a heading: a line or
/// paragraph ending in one of them was cut in the middle ("a field officer based in").
const DANGLING_WORDS: &[&str] = &[
    "a",
    "about",
    "across",
    "against",
    "although",
    "among",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "being",
    "between",
    "but",
    "by",
    "can",
    "could",
    "during",
    "either",
    "for",
    "from",
    "had",
    "has",
    "have",
    "if",
    "in",
    "including",
    "into",
    "is",
    "its",
    "may",
    "might",
    "must",
    "neither",
    "nor",
    "not",
    "of",
    "on",
    "onto",
    "or",
    "our",
    "per",
    "shall",
    "should",
    "such",
    "than",
    "that",
    "the",
    "their",
    "though",
    "through",
    "to",
    "toward",
    "towards",
    "under",
    "unless",
    "upon",
    "very",
    "via",
    "was",
    "were",
    "whereas",
    "whether",
    "which",
    "while",
    "whom",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "your",
];

/// Prepositions that open an introductory phrase ("At 7 a.m. Dr. Osei left"):
/// a short stretch starting with one of them is not a sentence on its own.
const PREPOSITIONS: &[&str] = &[
    "about",
    "across",
    "after",
    "along",
    "among",
    "around",
    "at",
    "before",
    "between",
    "beyond",
    "by",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "on",
    "outside",
    "over",
    "since",
    "through",
    "throughout",
    "till",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "within",
];

/// Words that stay lowercase in Title Case ("Refugees in China: A Human Rights Perspective").
const MINOR_TITLE_WORDS: &[&str] = &[
    "a", "about", "across", "after", "against", "al", "along", "amid", "among", "an", "and",
    "around", "as", "at", "before", "between", "bin", "by", "da", "das", "de", "del", "della",
    "den", "der", "des", "dos", "du", "during", "e", "el", "for", "from", "ibn", "in", "into",
    "la", "le", "nor", "of", "on", "onto", "or", "over", "per", "than", "the", "through", "to",
    "under", "upon", "v", "van", "via", "von", "vs", "with", "within", "without", "y",
];

/// First words of an e-mail or letter greeting ("Hi Sara,", "Dear Mr. Alvarez,").
const GREETING_WORDS: &[&str] = &["dear", "greetings", "hello", "hey", "hi", "hiya"];

/// Closing lines of an e-mail or letter, without their comma ("Best regards,").
const CLOSING_PHRASES: &[&str] = &[
    "all the best",
    "best",
    "best regards",
    "best wishes",
    "cheers",
    "good afternoon",
    "good evening",
    "good morning",
    "kind regards",
    "love",
    "many thanks",
    "regards",
    "respectfully",
    "sincerely",
    "sincerely yours",
    "take care",
    "thank you",
    "thanks",
    "thanks again",
    "thanks in advance",
    "warm regards",
    "warmest regards",
    "with best regards",
    "with best wishes",
    "with kind regards",
    "with thanks",
    "yours",
    "yours faithfully",
    "yours sincerely",
    "yours truly",
];

/// Words that open a line of an e-mail, a forum post or a web page but are no
/// closed-class sentence opener ("Please call me", "Thanks again").
const LINE_OPENERS: &[&str] = &[
    "attached",
    "click",
    "definitely",
    "highly",
    "hope",
    "let",
    "lol",
    "maybe",
    "never",
    "note",
    "ok",
    "okay",
    "please",
    "really",
    "see",
    "sorry",
    "thank",
    "thanks",
    "welcome",
    "wow",
    "yes",
];

fn contains(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// Does `word` (any case) typically open a sentence?
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    with_lowercase(word, |w| contains(SENTENCE_STARTERS, w))
}

/// Is `word` (lowercase as written) a pronoun or article that opens a sentence?
pub(crate) fn is_lowercase_sentence_starter(word: &str) -> bool {
    contains(LOWERCASE_STARTERS, word)
}

/// Is `word` (lowercase as written) a pronoun, article or other word that opens a
/// sentence in informal text ("so", "thanks", "if")?
pub(crate) fn is_informal_lowercase_sentence_starter(word: &str) -> bool {
    contains(LOWERCASE_STARTERS, word) || contains(INFORMAL_LOWERCASE_STARTERS, word)
}

/// Is `word` (any case) a day, a month or a time zone?
pub(crate) fn is_date_or_time_zone(word: &str) -> bool {
    with_lowercase(word, |w| contains(DATE_AND_TIME_ZONE_WORDS, w))
}

/// Is `word` (exactly as written, so "A" in "Annex A" is not) a dangling function word?
pub(crate) fn is_dangling_word(word: &str) -> bool {
    contains(DANGLING_WORDS, word)
}

pub(crate) fn is_preposition(word: &str) -> bool {
    with_lowercase(word, |w| contains(PREPOSITIONS, w))
}

pub(crate) fn is_minor_title_word(word: &str) -> bool {
    contains(MINOR_TITLE_WORDS, word)
}

/// Is `word` (lowercase) the first word of a greeting ("hi", "dear")?
pub(crate) fn is_greeting_word(word: &str) -> bool {
    contains(GREETING_WORDS, word)
}

/// Is `phrase` (lowercase, single spaces) the closing line of a letter ("best regards")?
pub(crate) fn is_closing_phrase(phrase: &str) -> bool {
    contains(CLOSING_PHRASES, phrase)
}

/// Does `word` (any case) open a line of informal text: a sentence opener or a word
/// such as "Please" or "Thanks"?
pub(crate) fn is_line_opener(word: &str) -> bool {
    with_lowercase(word, |w| {
        contains(SENTENCE_STARTERS, w) || contains(LINE_OPENERS, w)
    })
}

/// Runs `f` on the lowercase form of `word` without allocating for short ASCII words.
pub(crate) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII in, ASCII out: always valid UTF-8.
        f(std::str::from_utf8(lower).unwrap_or_default())
    } else {
        f(&word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_lowercase() {
        for list in [
            SENTENCE_STARTERS,
            LOWERCASE_STARTERS,
            INFORMAL_LOWERCASE_STARTERS,
            DATE_AND_TIME_ZONE_WORDS,
            DANGLING_WORDS,
            PREPOSITIONS,
            MINOR_TITLE_WORDS,
            GREETING_WORDS,
            CLOSING_PHRASES,
            LINE_OPENERS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list.iter().all(|w| w.to_lowercase() == *w));
        }
    }
}
