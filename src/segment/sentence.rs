//! Sentence boundaries inside one block of running text (a paragraph, or a list item
//! with its wrapped lines). Line breaks inside a block are ordinary spaces here.
//!
//! The scan is a single left-to-right pass. At every sentence-ending character the
//! decision looks only at a bounded window around it (the word before, the closing
//! punctuation and footnote after, the next word), so the pass is linear in the block.

use super::abbrev::{AbbrevClass, Abbreviations};
use super::chars::{
    char_at, char_before, floor_boundary, is_cjk_terminal, is_closer, is_numeric_symbol, is_opener,
    is_strong_terminal, is_superscript_digit, is_terminal, is_token_delimiter, skip_whitespace,
    trim_span,
};
use super::footnote::{bracket_references_len, footnote_digits_len};
use super::lexicon;
use super::marker::{is_only_markers, is_roman_numeral, parse_marker, Marker};
use super::region::{region_closer, ClosingCache};
use super::UnitKind;

/// Longest quotation or parenthesis (bytes) inside which sentence ends are ignored.
const MAX_PROTECTED_LEN: usize = 400;
/// Dots in a row, after a space, that are a leader ("Name ........ Date"), not an ellipsis.
const MIN_LEADER_DOTS: usize = 5;
/// Footnote numbers after the first, separated by spaces ("returned.7 8 Officials").
const MAX_SPACED_FOOTNOTES: usize = 6;
const MAX_FOOTNOTE_STEP: u32 = 5;
/// How far (chars) after a closing quote the next word is looked for.
const MAX_QUOTE_LOOKAHEAD: usize = 8;
/// Longest parenthesis taken for a citation that belongs to the sentence before it.
const MAX_CITATION_LEN: usize = 120;
/// How far back (chars) the word in front of a period is read.
const MAX_TOKEN_CHARS: usize = 64;
/// How far around a glued period (chars) an e-mail address or URL is looked for.
const MAX_URL_WINDOW: usize = 80;
/// Longest text (bytes) that can be nothing but list markers ("• 9.").
const MAX_MARKER_PREFIX: usize = 24;
/// Longest text (bytes) checked for an introductory prepositional phrase ("At 5 a.m.").
const MAX_OPENING_PHRASE: usize = 80;
const MAX_OPENING_PHRASE_WORDS: usize = 4;

/// Splits blocks into sentences using the abbreviation table.
#[derive(Clone, Copy)]
pub(crate) struct SentenceSplitter<'a> {
    pub abbreviations: &'a Abbreviations,
}

impl SentenceSplitter<'_> {
    /// Calls `emit(start, end, kind)` for each sentence of `text[start..end]`, in order.
    /// The pieces are trimmed and cover every non-whitespace character of the block.
    /// `list_marker` is the marker the block starts with: later markers of the same
    /// list on the same line ("1. Stop the raids 2. Free the detainees") start new items.
    pub(crate) fn split(
        &self,
        text: &str,
        start: usize,
        end: usize,
        list_marker: Option<Marker>,
        first_kind: UnitKind,
        emit: &mut dyn FnMut(usize, usize, UnitKind),
    ) {
        let mut scan = Scan {
            text,
            end,
            abbreviations: self.abbreviations,
            seg_start: start,
            kind: first_kind,
            list_marker,
            protected_end: 0,
            closers: ClosingCache::default(),
            emit,
        };
        scan.run(start);
    }

    /// Does `text[start..end]` contain a sentence boundary?
    pub(crate) fn has_boundary(&self, text: &str, start: usize, end: usize) -> bool {
        let mut pieces = 0;
        self.split(
            text,
            start,
            end,
            None,
            UnitKind::Sentence,
            &mut |_, _, _| pieces += 1,
        );
        pieces > 1
    }
}

/// What comes after a candidate sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextKind {
    End,
    Lower,
    Upper,
    /// A letter of a script without case (CJK, Arabic ...).
    Caseless,
    Digit,
    Other,
}

/// The material after sentence-ending punctuation.
#[derive(Debug, Clone, Copy)]
struct Following {
    /// End of the closing quotes/brackets and footnote reference kept with the sentence.
    end: usize,
    footnote: bool,
    /// First non-whitespace character after `end` (or the block end).
    next: usize,
    spaced: bool,
    kind: NextKind,
}

/// The word in front of a period, with its abbreviation class if it is one.
#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    start: usize,
    text: &'t str,
    class: Option<AbbrevClass>,
}

/// Sentence-ending characters glued together ("?!", "...", "。」" is cluster + closer).
#[derive(Debug, Clone, Copy, Default)]
struct Cluster {
    end: usize,
    dots: usize,
    ellipsis_char: bool,
    strong: bool,
    cjk: bool,
    only_fullwidth_dot: bool,
}

/// Outcome at one sentence-ending character: where the sentence ends (if it does)
/// and where the scan goes on.
struct Decision {
    split_at: Option<usize>,
    resume: usize,
}

impl Decision {
    fn keep(resume: usize) -> Self {
        Decision {
            split_at: None,
            resume,
        }
    }

    fn split(at: usize, resume: usize) -> Self {
        Decision {
            split_at: Some(at),
            resume,
        }
    }
}

struct Scan<'t, 'e> {
    text: &'t str,
    end: usize,
    abbreviations: &'t Abbreviations,
    seg_start: usize,
    kind: UnitKind,
    list_marker: Option<Marker>,
    /// Sentence ends before this position lie inside a quotation or parenthesis.
    protected_end: usize,
    closers: ClosingCache,
    emit: &'e mut dyn FnMut(usize, usize, UnitKind),
}

impl<'t> Scan<'t, '_> {
    fn run(&mut self, start: usize) {
        let mut i = start;
        let mut prev: Option<char> = None;
        while i < self.end {
            let c = char_at(self.text, i);
            if c.is_whitespace() {
                prev = Some(c);
                i += c.len_utf8();
                continue;
            }
            let at_word_start = prev.is_none_or(char::is_whitespace);
            if at_word_start && (self.list_marker.is_some() || i == self.seg_start) {
                self.check_inline_marker(i);
            }
            if c.is_ascii_alphanumeric() {
                // Fast path: letters and digits neither open a region nor end a sentence.
                prev = Some(c);
                i += 1;
                continue;
            }
            if matches!(c, ')' | '(')
                && matches!(prev, Some(':' | ';' | '-' | '=' | '\''))
                && self.is_emoticon(i)
            {
                // "Great place :) The rooms ...": a smiley ends its sentence.
                let after = i + 1;
                let following = self.following(after, false);
                if following.spaced
                    && following.kind == NextKind::Upper
                    && !self.is_protected(i, after)
                {
                    self.cut(after, following.next);
                }
                prev = Some(c);
                i = after;
                continue;
            }
            if i >= self.protected_end {
                self.open_protected_region(i, c, prev);
            }
            if is_terminal(c) {
                i = self.at_terminal(i).max(i + c.len_utf8());
                prev = char_before(self.text, i);
            } else {
                i += c.len_utf8();
                prev = Some(c);
            }
        }
        self.cut(self.end, self.end);
    }

    /// Emits the current sentence up to `end` and starts the next one at `next_start`.
    fn cut(&mut self, end: usize, next_start: usize) {
        let (s, e) = trim_span(self.text, self.seg_start, end);
        if s < e {
            (self.emit)(s, e, self.kind);
            self.kind = UnitKind::Sentence;
        }
        self.seg_start = next_start;
    }

    /// "1. Stop the raids 2. Free the detainees": the next marker of the current list
    /// starts a new item. A sentence that itself starts with a number, lowercase letter
    /// or bullet marker ("... three requests. 1. Open the camps") is a list item and opens a list.
    fn check_inline_marker(&mut self, i: usize) {
        let Some(marker) = parse_marker(&self.text[i..self.end]) else {
            return;
        };
        let after = skip_whitespace(self.text, i + marker.len, self.end);
        let text_follows = matches!(self.next_kind(after), NextKind::Upper | NextKind::Digit);
        let continues_list = self
            .list_marker
            .is_some_and(|current| current.can_split_inline() && current.is_followed_by(&marker));
        let lowercase_follows = self.next_kind(after) == NextKind::Lower;
        if continues_list && (text_follows || lowercase_follows || !marker.is_letter()) {
            self.cut(i, i);
        } else if !(i == self.seg_start && marker.can_open_inline_list() && text_follows) {
            return;
        }
        self.kind = UnitKind::ListItem;
        self.list_marker = Some(marker);
    }

    /// ":)", ":-(", ";)" standing as a word of their own.
    fn is_emoticon(&self, i: usize) -> bool {
        const EMOTICONS: [&str; 9] = [":)", ":-)", ";)", ";-)", ":(", ":-(", "=)", ":')", ":'("];
        let start = floor_boundary(self.text, i.saturating_sub(3));
        let before = &self.text[start..=i];
        let Some(token) = EMOTICONS.iter().find(|e| before.ends_with(**e)) else {
            return false;
        };
        let token_start = i + 1 - token.len();
        let spaced_before = token_start == self.seg_start
            || char_before(self.text, token_start).is_some_and(char::is_whitespace);
        let spaced_after = self.text[i + 1..self.end]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
        spaced_before && spaced_after
    }

    /// Inside a short parenthesis or quotation, periods do not end the sentence.
    fn open_protected_region(&mut self, i: usize, c: char, prev: Option<char>) {
        let from = i + c.len_utf8();
        let next = self.text[from..self.end].chars().next();
        let Some(closer) = region_closer(c, prev, next) else {
            return;
        };
        if let Some(pos) = self.closers.find(self.text, closer, from, self.end) {
            let is_quotation = !matches!(c, '(' | '[' | '（');
            if pos - i <= MAX_PROTECTED_LEN
                && !(is_quotation && self.quotation_may_split(pos, closer))
            {
                self.protected_end = pos + closer.len_utf8();
            }
        }
    }

    /// `The statement read: "We condemn the raids. We demand an inquiry."`: sentences
    /// inside a quotation that ends its sentence are split like any others. A quotation
    /// that the sentence goes on after (`"Stop! Now!" she cried`, `"... us," he said`)
    /// or that a bracketed remark follows (`"..." (Interview 14).`, `"..." [sic]`)
    /// stays whole.
    fn quotation_may_split(&self, close: usize, closer: char) -> bool {
        if matches!(
            char_before(self.text, close),
            Some(',' | ';' | ':' | '-' | '—')
        ) {
            return false;
        }
        let after = close + closer.len_utf8();
        let window = &self.text[after..self.end];
        let next = window
            .chars()
            .take(MAX_QUOTE_LOOKAHEAD)
            .find(|c| !c.is_whitespace() && !is_closer(*c));
        match next {
            None => true,
            Some(c) => !(c.is_lowercase() || matches!(c, '(' | '[' | ',' | ';' | ':')),
        }
    }

    fn at_terminal(&mut self, i: usize) -> usize {
        let cluster = self.scan_cluster(i);
        let decision = if cluster.cjk {
            self.decide_cjk(i, &cluster)
        } else if cluster.strong {
            self.decide_strong(i, &cluster)
        } else if cluster.dots == 1 && !cluster.ellipsis_char {
            self.decide_period_or_spaced_ellipsis(i)
        } else if cluster.dots == 2 && !cluster.ellipsis_char {
            self.decide_period(i, cluster.end)
        } else if cluster.dots >= MIN_LEADER_DOTS
            && char_before(self.text, i).is_none_or(char::is_whitespace)
        {
            // "Name of the detainee ........ Date of arrest": a leader, not an ellipsis.
            Decision::keep(cluster.end)
        } else {
            self.decide_ellipsis(i, cluster.end)
        };
        if let Some(at) = decision.split_at {
            let next_start = skip_whitespace(self.text, at, self.end);
            self.cut(at, next_start);
        }
        decision.resume
    }

    fn scan_cluster(&self, i: usize) -> Cluster {
        let mut cluster = Cluster {
            end: i,
            only_fullwidth_dot: true,
            ..Cluster::default()
        };
        while cluster.end < self.end {
            let c = char_at(self.text, cluster.end);
            match c {
                '.' => cluster.dots += 1,
                '…' => cluster.ellipsis_char = true,
                c if is_strong_terminal(c) => cluster.strong = true,
                c if is_cjk_terminal(c) => cluster.cjk = true,
                _ => break,
            }
            cluster.only_fullwidth_dot &= c == '．';
            cluster.end += c.len_utf8();
        }
        cluster
    }

    /// 。！？ end a sentence even without a space; a fullwidth dot between digits is a decimal point.
    fn decide_cjk(&mut self, i: usize, cluster: &Cluster) -> Decision {
        let following = self.following(cluster.end, false);
        let decimal = cluster.only_fullwidth_dot && following.kind == NextKind::Digit;
        if following.kind == NextKind::End || decimal || self.is_protected(i, following.end) {
            return Decision::keep(following.end);
        }
        Decision::split(following.end, following.end)
    }

    /// "?" and "!" (and "?!", "!!"): a sentence ends unless a lowercase word or
    /// punctuation follows ("\"Stop!\" she cried", "-- imagine! -- without").
    fn decide_strong(&mut self, i: usize, cluster: &Cluster) -> Decision {
        let left = self.token_before(i);
        let following = self.following(cluster.end, self.footnote_may_follow(left));
        if !following.spaced && !following.footnote {
            return self.decide_glued(i, cluster.end, left, &following);
        }
        let question = self.text[i..cluster.end].contains(['?', '؟']);
        let lowercase_start = following.kind == NextKind::Lower
            && following.end == cluster.end
            && self.next_is_lowercase_starter(following.next, question);
        match following.kind {
            NextKind::Upper | NextKind::Caseless | NextKind::Digit
                if !self.is_vetoed(i, following.end, &following) =>
            {
                Decision::split(following.end, following.end)
            }
            // "what is the best way? i land at 6" (no closing quote: not "'Stop!' he said").
            NextKind::Lower if lowercase_start && !self.is_vetoed(i, following.end, &following) => {
                Decision::split(following.end, following.end)
            }
            _ => Decision::keep(following.end),
        }
    }

    /// Is the word at `pos` a pronoun or article that opens sentences in text that
    /// does not capitalise ("i", "the", "we")?
    fn next_is_lowercase_starter(&self, pos: usize, informal: bool) -> bool {
        let (word, terminator) = self.next_word(pos);
        let ends_word =
            terminator.is_none_or(|t| t.is_whitespace() || matches!(t, '\'' | '’' | ','));
        let starter = if informal {
            lexicon::is_informal_lowercase_sentence_starter(word)
        } else {
            lexicon::is_lowercase_sentence_starter(word)
        };
        ends_word && starter
    }

    /// "...", "…" and "....": a sentence ends before a capitalised word, not before a
    /// lowercase one ("... and"), and never at an omission in brackets ("[...]").
    fn decide_ellipsis(&mut self, i: usize, run_end: usize) -> Decision {
        if matches!(char_before(self.text, i), Some('[' | '(')) {
            return Decision::keep(run_end);
        }
        let following = self.following(run_end, false);
        let capitalised = matches!(following.kind, NextKind::Upper | NextKind::Caseless);
        if following.spaced && capitalised && !self.is_vetoed(i, following.end, &following) {
            return Decision::split(following.end, following.end);
        }
        Decision::keep(following.end)
    }

    /// A single period, possibly the start of a spaced ellipsis (". . .").
    fn decide_period_or_spaced_ellipsis(&mut self, i: usize) -> Decision {
        let (run_end, dots) = self.spaced_dots(i);
        if dots == 1 {
            return self.decide_period(i, i + 1);
        }
        let attached = char_before(self.text, i).is_some_and(|c| !c.is_whitespace());
        if !attached && dots == 3 {
            // "the guards . . . beat him" / "say . . . I": a spaced ellipsis alone is an omission.
            return Decision::keep(run_end);
        }
        let following = self.following(run_end, false);
        let capitalised = matches!(following.kind, NextKind::Upper | NextKind::Caseless);
        if !following.spaced || !capitalised {
            return Decision::keep(following.end);
        }
        if attached && dots >= 4 {
            // "closed. . . . Others": the word's own period ends the sentence; the
            // ellipsis opens the next one.
            if self.is_vetoed(i, i + 1, &following) {
                return Decision::keep(run_end);
            }
            return Decision::split(i + 1, run_end);
        }
        if self.is_vetoed(i, following.end, &following) {
            return Decision::keep(following.end);
        }
        Decision::split(following.end, following.end)
    }

    /// Counts the periods of ". . ." starting at `i` (separated by single spaces).
    fn spaced_dots(&self, i: usize) -> (usize, usize) {
        let mut end = i + 1;
        let mut dots = 1;
        loop {
            let rest = &self.text[end..self.end];
            let gap = if rest.starts_with(" .") {
                1
            } else if rest.starts_with("\u{a0}.") {
                '\u{a0}'.len_utf8()
            } else {
                break;
            };
            end += gap + 1;
            dots += 1;
        }
        (end, dots)
    }

    /// The full-stop decision: abbreviations, initials, numbers, footnotes.
    fn decide_period(&mut self, i: usize, run_end: usize) -> Decision {
        let left = self.token_before(i);
        let after_number = is_year_or_large_number(left.text);
        let mut following = self.following(run_end, after_number || self.footnote_may_follow(left));
        if after_number
            && following.footnote
            && !(following.kind == NextKind::Upper
                && self.is_capitalised_word(self.skip_openers(following.next)))
        {
            // "rose to 2019.5 per cent": a decimal, unless a capitalised word follows.
            following = self.following(run_end, false);
        }
        if following.kind == NextKind::End {
            return Decision::keep(following.end);
        }
        if !following.spaced && !following.footnote {
            return self.decide_glued(i, run_end, left, &following);
        }
        let may_start_sentence = match following.kind {
            NextKind::Upper | NextKind::Caseless | NextKind::Digit => true,
            NextKind::Lower => self.is_lowercase_sentence_start(left, &following, run_end),
            _ => false,
        };
        if !may_start_sentence || self.is_vetoed(i, following.end, &following) {
            return Decision::keep(following.end);
        }
        if following.footnote
            || following.kind == NextKind::Lower
            || self.period_ends_sentence(left, &following, i)
        {
            return Decision::split(following.end, following.end);
        }
        Decision::keep(following.end)
    }

    /// After the period comes a capitalised word, a number or a caseless letter.
    fn period_ends_sentence(&self, left: Token, following: &Following, i: usize) -> bool {
        match left.class {
            None => {
                !(following.kind == NextKind::Digit && looks_like_short_abbreviation(left.text))
            }
            Some(AbbrevClass::Prepositive) if !self.is_postpositive_title(left) => false,
            Some(AbbrevClass::Number) if self.number_follows(left, following) => false,
            Some(_) if self.is_clock_time(left) => self.clock_time_ends_sentence(following, i),
            Some(_) => self.ambiguous_period_ends_sentence(following, i),
        }
    }

    /// "5 a.m.", "10:30 P.M.": a time after a number.
    fn is_clock_time(&self, token: Token) -> bool {
        let is_am_pm = ["a.m", "p.m"]
            .iter()
            .any(|t| token.text.eq_ignore_ascii_case(t));
        let before =
            &self.text[floor_boundary(self.text, token.start.saturating_sub(8))..token.start];
        is_am_pm && before.trim_end().ends_with(|c: char| c.is_ascii_digit())
    }

    /// After a clock time, any capitalised word starts a new sentence ("at 6 p.m.
    /// Travellers ...") except a day, month or time zone ("at 9 a.m. Monday", "5 p.m. GMT").
    fn clock_time_ends_sentence(&self, following: &Following, i: usize) -> bool {
        let (word, _) = self.next_word(following.next);
        following.kind == NextKind::Upper
            && !lexicon::is_date_or_time_zone(word)
            && !self.is_short_prepositional_opening(i)
    }

    /// Informal text that does not capitalise ("we went home. it was late"): a lowercase
    /// pronoun or article after a plain lowercase word that is no abbreviation. Anything
    /// else lowercase after a period continues the sentence.
    fn is_lowercase_sentence_start(
        &self,
        left: Token,
        following: &Following,
        run_end: usize,
    ) -> bool {
        let plain_word =
            left.text.chars().count() >= 3 && left.text.chars().all(|c| c.is_lowercase());
        if !plain_word || following.end != run_end || left.class.is_some() {
            return false;
        }
        self.next_is_lowercase_starter(following.next, true)
    }

    /// After "U.S.", "a.m.", "etc." or an initial: split only before a typical sentence
    /// opener, and not when the sentence so far is a short introductory phrase.
    fn ambiguous_period_ends_sentence(&self, following: &Following, i: usize) -> bool {
        following.kind == NextKind::Upper
            && self.next_word_opens_sentence(following.next)
            && !self.is_short_prepositional_opening(i)
    }

    /// "closed.Families" and "1,200.Nobody": a glued period ends a sentence only between a
    /// plain word or number and a capitalised word, never inside e-mail addresses or URLs.
    fn decide_glued(
        &mut self,
        i: usize,
        run_end: usize,
        left: Token,
        following: &Following,
    ) -> Decision {
        let splits = following.end == run_end
            && following.kind == NextKind::Upper
            && self.is_capitalised_word(following.next)
            && is_plain_word_or_number(left.text)
            && left.class.is_none()
            && !self.near_url_or_email(i)
            && !self.is_vetoed(i, run_end, following);
        if splits {
            Decision::split(run_end, run_end)
        } else {
            Decision::keep(following.end)
        }
    }

    /// Reasons never to end a sentence here, whatever the words around say.
    fn is_vetoed(&mut self, i: usize, cut: usize, following: &Following) -> bool {
        self.is_protected(i, cut)
            || self.is_marker_only(cut)
            || self.is_trailing_citation(following.next)
    }

    /// Inside a quotation or parenthesis, unless the cut closes it ("... great." She).
    fn is_protected(&self, i: usize, cut: usize) -> bool {
        i < self.protected_end && cut < self.protected_end
    }

    /// "1." / "• 9." / "a." at the start of a sentence is a list marker, not a sentence.
    fn is_marker_only(&self, cut: usize) -> bool {
        cut <= self.seg_start + MAX_MARKER_PREFIX
            && self
                .text
                .get(self.seg_start..cut)
                .is_some_and(is_only_markers)
    }

    /// A short parenthesis followed by punctuation is a citation of the sentence before:
    /// `"... constant fear." (Interview 14).`
    fn is_trailing_citation(&mut self, next: usize) -> bool {
        if next >= self.end || char_at(self.text, next) != '(' {
            return false;
        }
        let Some(close) = self.closers.find(self.text, ')', next + 1, self.end) else {
            return false;
        };
        close - next <= MAX_CITATION_LEN
            && matches!(
                self.text[close + 1..self.end].chars().next(),
                Some('.' | ',' | ';' | ':')
            )
    }

    /// "At 7 a.m. Dr. Osei arrived": "At 7 a.m." is not a sentence on its own.
    fn is_short_prepositional_opening(&self, i: usize) -> bool {
        if i > self.seg_start + MAX_OPENING_PHRASE {
            return false;
        }
        let Some(opening) = self.text.get(self.seg_start..i) else {
            return false;
        };
        let mut words = opening.split_whitespace();
        let Some(first) = words.next() else {
            return false;
        };
        let first = first.trim_start_matches(is_opener);
        let word_count = 1 + words.count();
        lexicon::is_preposition(first) && word_count <= MAX_OPENING_PHRASE_WORDS
    }

    /// The word in front of the period at `i`, back to whitespace, an opening bracket or
    /// quote, a dash or a slash (never before the current sentence's start).
    fn token_before(&self, i: usize) -> Token<'t> {
        let text = self.text;
        let mut start = i;
        for (k, c) in text[self.seg_start..i]
            .char_indices()
            .rev()
            .take(MAX_TOKEN_CHARS)
        {
            if is_token_delimiter(c) {
                break;
            }
            start = self.seg_start + k;
        }
        let word = &text[start..i];
        Token {
            start,
            text: word,
            class: self.abbreviation_class(start, word),
        }
    }

    /// Abbreviation class of the word at `start`, including single letters (initials) and dotted
    /// initials such as "U.N.H.C.R" or "Ph.D", which are treated as general abbreviations.
    fn abbreviation_class(&self, start: usize, word: &str) -> Option<AbbrevClass> {
        if word.is_empty() {
            return None;
        }
        let preceding = &self.text[floor_boundary(self.text, start.saturating_sub(32))..start];
        if let Some(class) = self.abbreviations.class_of(word, preceding) {
            return Some(class);
        }
        let mut letters = word.chars();
        let single_letter =
            letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none();
        (single_letter || is_dotted_initials(word)).then_some(AbbrevClass::General)
    }

    /// "Main St." / "5th St." / "Elm Dr.": street words after a name or a number end
    /// the name, so they may end a sentence like a general abbreviation.
    fn is_postpositive_title(&self, token: Token) -> bool {
        const STREET_WORDS: [&str; 3] = ["st", "ste", "dr"];
        if !STREET_WORDS
            .iter()
            .any(|w| token.text.eq_ignore_ascii_case(w))
        {
            return false;
        }
        let before = &self.text
            [floor_boundary(self.text, token.start.saturating_sub(MAX_TOKEN_CHARS))..token.start];
        if before
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_whitespace())
        {
            return false;
        }
        let Some(word) = before.split_whitespace().next_back() else {
            return false;
        };
        let Some(first) = word.chars().next() else {
            return false;
        };
        let is_name = first.is_uppercase() && word.chars().all(char::is_alphabetic);
        let is_number = first.is_ascii_digit();
        is_name || is_number
    }

    /// "No. 5", "para. 34", "Art. 33(1)", "vol. II": the number keeps the sentence going.
    fn number_follows(&self, token: Token, following: &Following) -> bool {
        if following.kind == NextKind::Digit {
            return true;
        }
        let (word, _) = self.next_word(following.next);
        // "said no. I left" / "No. I disagree": the word "no", then the pronoun.
        let is_word_no =
            token.text == "no" || (token.text == "No" && token.start == self.seg_start);
        is_roman_numeral(word) && !(is_word_no && word == "I")
    }

    /// Is the word at `pos` a typical sentence opener ("The", "However", "I'm")?
    fn next_word_opens_sentence(&self, pos: usize) -> bool {
        let (word, terminator) = self.next_word(pos);
        if word.is_empty() {
            return false;
        }
        // A word glued to more letters, digits or a period ("A/HRC", "Gen.") is no opener.
        match terminator {
            Some(t) if t.is_alphanumeric() || matches!(t, '.' | '/' | '-' | '_' | '@') => false,
            _ => lexicon::is_sentence_starter(word),
        }
    }

    /// The letters at `pos` (after opening punctuation) and the character after them.
    fn next_word(&self, pos: usize) -> (&'t str, Option<char>) {
        let text = self.text;
        let start = self.skip_openers(pos);
        let rest = &text[start..self.end];
        let mut len = 0;
        for c in rest.chars().take(24) {
            if !c.is_alphabetic() {
                break;
            }
            len += c.len_utf8();
        }
        (&rest[..len], rest[len..].chars().next())
    }

    fn skip_openers(&self, pos: usize) -> usize {
        let mut at = pos;
        for c in self.text[pos..self.end].chars().take(4) {
            if !is_opener(c) {
                break;
            }
            at += c.len_utf8();
        }
        at
    }

    /// An uppercase letter followed by a lowercase one ("Today", not "NET" or "A/HRC").
    fn is_capitalised_word(&self, pos: usize) -> bool {
        let mut chars = self.text[pos..self.end].chars();
        matches!((chars.next(), chars.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
    }

    /// Is the whitespace-delimited chunk around `i` an e-mail address or a URL
    /// (it contains '@' or '/', or starts with "www.")?
    fn near_url_or_email(&self, i: usize) -> bool {
        let mut chunk_start = i;
        for (k, c) in self.text[..i].char_indices().rev().take(MAX_URL_WINDOW) {
            if c.is_whitespace() {
                break;
            }
            chunk_start = k;
        }
        let mut chunk_end = i;
        for (k, c) in self.text[i..self.end].char_indices().take(MAX_URL_WINDOW) {
            if c.is_whitespace() {
                break;
            }
            chunk_end = i + k + c.len_utf8();
        }
        let chunk = &self.text[chunk_start..chunk_end];
        let starts_like_host = chunk
            .get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("www."));
        starts_like_host || chunk.contains(['@', '/'])
    }

    /// Glued footnote digits ("beaten.12 Two") follow words, not numbers ("in 2003.12")
    /// nor number abbreviations ("No.12").
    fn footnote_may_follow(&self, left: Token) -> bool {
        let letters = left.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && !left.text.ends_with(|c: char| c.is_ascii_digit())
            && left.class != Some(AbbrevClass::Number)
    }

    /// Closing quotes/brackets and a footnote reference after the sentence end, then the next word.
    fn following(&self, from: usize, glued_digits_ok: bool) -> Following {
        let mut end = self.skip_closers(from);
        let mut footnote = false;
        if let Some(after) = self.footnote_end(end, glued_digits_ok) {
            end = after;
            footnote = true;
        }
        let next = skip_whitespace(self.text, end, self.end);
        Following {
            end,
            footnote,
            next,
            spaced: next > end,
            kind: self.next_kind(next),
        }
    }

    fn skip_closers(&self, from: usize) -> usize {
        let mut at = from;
        for c in self.text[from..self.end].chars().take(8) {
            if !is_closer(c) {
                break;
            }
            let straight_quote = c == '"' || c == '\'';
            if straight_quote && self.text[at + 1..self.end].starts_with(char::is_alphabetic) {
                break; // an opening quote or an apostrophe ("Co.'s"); digits are footnotes
            }
            at += c.len_utf8();
        }
        at
    }

    /// End of a footnote reference at `at` ("12", "12,13", "[4][5]", "¹²"), which must be
    /// followed by whitespace or the end of the block.
    fn footnote_end(&self, at: usize, glued_digits_ok: bool) -> Option<usize> {
        let rest = &self.text[at..self.end];
        let first = rest.chars().next()?;
        let len = if first == '[' {
            bracket_references_len(rest)?
        } else if is_superscript_digit(first) {
            rest.char_indices()
                .find(|(_, c)| !is_superscript_digit(*c) && *c != ',')
                .map_or(rest.len(), |(k, _)| k)
        } else if glued_digits_ok && first.is_ascii_digit() {
            footnote_digits_len(rest)?
        } else {
            return None;
        };
        let end = at + len;
        let boundary_after = end >= self.end || char_at(self.text, end).is_whitespace();
        boundary_after.then(|| self.spaced_references_end(end, first))
    }

    /// "returned.7 8 Officials", "denied.[4] [5] The", "bail.⁷ ⁸ Their": further references
    /// of the same kind as the first (which starts with `first`), each after one space
    /// (plain numbers rising by at most [`MAX_FOOTNOTE_STEP`]), kept when a capital follows.
    fn spaced_references_end(&self, end: usize, first: char) -> usize {
        let mut last =
            last_number(&self.text[floor_boundary(self.text, end.saturating_sub(4))..end]);
        let (mut at, mut kept) = (end, end);
        for _ in 0..MAX_SPACED_FOOTNOTES {
            let Some(rest) = self.text[at..self.end].strip_prefix(' ') else {
                break;
            };
            let len = if first == '[' {
                bracket_references_len(rest)
            } else if is_superscript_digit(first) {
                let len: usize = rest
                    .chars()
                    .take_while(|c| is_superscript_digit(*c))
                    .map(char::len_utf8)
                    .sum();
                (len > 0).then_some(len)
            } else {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let value = rest[..digits].parse::<u32>().ok();
                let rises = matches!((last, value), (Some(a), Some(b)) if b > a && b <= a + MAX_FOOTNOTE_STEP);
                last = value;
                (digits <= 3 && rises).then_some(digits)
            };
            let Some(len) = len else {
                break;
            };
            at += 1 + len;
            let mut after = self.text[at..self.end].chars();
            match (after.next(), after.next()) {
                (Some(' '), Some(c)) if c.is_uppercase() => kept = at,
                (Some(' '), _) => {}
                _ => break,
            }
        }
        kept
    }

    fn next_kind(&self, pos: usize) -> NextKind {
        if pos >= self.end {
            return NextKind::End;
        }
        let at = self.skip_openers(pos);
        let Some(c) = self.text[at..self.end].chars().next() else {
            return NextKind::Other;
        };
        if matches!(c, '-' | '–' | '—') {
            // "What do you see? - Posted like ...": a dash opening the next sentence.
            let after = skip_whitespace(self.text, at + c.len_utf8(), self.end);
            let spaced = after > at + c.len_utf8();
            let capital = self.text[after..self.end].starts_with(char::is_uppercase);
            return if spaced && capital {
                NextKind::Upper
            } else {
                NextKind::Other
            };
        }
        if c.is_lowercase() {
            NextKind::Lower
        } else if c.is_uppercase() {
            NextKind::Upper
        } else if c.is_alphabetic() {
            NextKind::Caseless
        } else if c.is_numeric() || is_numeric_symbol(c) {
            NextKind::Digit
        } else {
            NextKind::Other
        }
    }
}

/// "Ph.D", "U.N.H.C.R", "a.m": letters in groups of one or two separated by periods.
fn is_dotted_initials(token: &str) -> bool {
    let mut groups = 0;
    for group in token.split('.') {
        let letters = group.chars().count();
        if !(1..=2).contains(&letters) || !group.chars().all(char::is_alphabetic) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// "Rs", "Eq", "Pg": a capitalised word of two or three letters in front of a number
/// is more likely an unknown abbreviation than the end of a sentence.
fn looks_like_short_abbreviation(token: &str) -> bool {
    let mut chars = token.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = chars.collect();
    first_upper && (1..=2).contains(&rest.len()) && rest.iter().all(|c| c.is_lowercase())
}

/// The number at the end of `s` ("12,13" → 13).
fn last_number(s: &str) -> Option<u32> {
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    s[s.len() - digits..].parse().ok()
}

/// "2019" or "1,200": a footnote number glued after its period ("in 2019.14 The") is no
/// decimal when a capitalised word follows.
fn is_year_or_large_number(token: &str) -> bool {
    token.len() >= 4
        && token.as_bytes()[0].is_ascii_digit()
        && token.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && token.bytes().filter(u8::is_ascii_digit).count() >= 4
}

/// A word of two or more letters, or a number such as "1,000".
fn is_plain_word_or_number(token: &str) -> bool {
    let word = token.chars().count() >= 2 && token.chars().all(char::is_alphabetic);
    let number = token.chars().any(|c| c.is_ascii_digit())
        && token.chars().all(|c| c.is_ascii_digit() || c == ',');
    word || number
}
