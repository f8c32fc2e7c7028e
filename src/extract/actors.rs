//! Institutional actors: an alias dictionary (data/actors.tsv) matched with Aho-Corasick,
//! then a few context rules that tell an actor from a place or a people.

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::tokens::Sentence;
use crate::{Error, Result};

/// How an alias counts as an actor; set by the section of data/actors.tsv it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum AliasKind {
    /// `[names]`: always an actor (UNHCR, Human Rights Watch, Tatmadaw).
    Name,
    /// `[places]`: an actor unless used as a place (China, Beijing, EU).
    Place,
    /// `[demonyms]`: an actor only before an institutional noun (Chinese police).
    Demonym,
}

#[derive(Debug, Clone)]
pub(crate) struct Alias {
    pub alias: String,
    pub canonical: String,
    pub kind: AliasKind,
}

/// The alias table: one entry per alias, in file order; a later entry for the same alias
/// replaces the earlier one.
#[derive(Debug, Clone, Default)]
pub(crate) struct AliasTable {
    aliases: Vec<Alias>,
    position: HashMap<String, usize>,
}

impl AliasTable {
    /// Parses the TSV format of data/actors.tsv; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let mut table = AliasTable::default();
        let mut kind = AliasKind::Name;
        for (index, line) in text.lines().enumerate() {
            let parsed = parse_line(line).map_err(|reason| Error::Data {
                path: path.to_path_buf(),
                line: index + 1,
                reason,
            })?;
            match parsed {
                Line::Blank => {}
                Line::Section(section) => kind = section,
                Line::Alias(alias, canonical) => table.insert(Alias {
                    alias: alias.to_string(),
                    canonical: canonical.to_string(),
                    kind,
                }),
            }
        }
        Ok(table)
    }

    /// Adds every alias of `other`, replacing the entries with the same alias.
    pub fn merge(&mut self, other: AliasTable) {
        for alias in other.aliases {
            self.insert(alias);
        }
    }

    fn insert(&mut self, alias: Alias) {
        match self.position.get(&alias.alias) {
            Some(&i) => self.aliases[i] = alias,
            None => {
                self.position
                    .insert(alias.alias.clone(), self.aliases.len());
                self.aliases.push(alias);
            }
        }
    }
}

/// One line of an alias file.
enum Line<'t> {
    /// Empty or a `#` comment.
    Blank,
    /// `[names]`, `[places]` or `[demonyms]`.
    Section(AliasKind),
    /// `alias<TAB>canonical`.
    Alias(&'t str, &'t str),
}

fn parse_line(line: &str) -> std::result::Result<Line<'_>, String> {
    let line = line.trim_end();
    if line.trim().is_empty() || line.trim_start().starts_with('#') {
        return Ok(Line::Blank);
    }
    if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        return section_kind(section).map(Line::Section).ok_or_else(|| {
            format!("unknown section [{section}] (expected [names], [places] or [demonyms])")
        });
    }
    split_alias_line(line).map(|(alias, canonical)| Line::Alias(alias, canonical))
}

fn section_kind(section: &str) -> Option<AliasKind> {
    match section.trim() {
        "names" => Some(AliasKind::Name),
        "places" => Some(AliasKind::Place),
        "demonyms" => Some(AliasKind::Demonym),
        _ => None,
    }
}

fn split_alias_line(line: &str) -> std::result::Result<(&str, &str), String> {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    match fields.as_slice() {
        [alias, canonical] if !alias.is_empty() && !canonical.is_empty() => {
            if alias.chars().any(char::is_alphanumeric) {
                Ok((alias, canonical))
            } else {
                Err(format!("alias {alias:?} has no letter or digit"))
            }
        }
        [_, _] => Err("empty alias or canonical name".to_string()),
        [_] => Err("expected alias<TAB>canonical, found no tab".to_string()),
        _ => Err(format!(
            "expected alias<TAB>canonical, found {} fields",
            fields.len()
        )),
    }
}

/// One automaton pattern: an alias as written in the table (or its curly-apostrophe twin).
struct Pattern {
    text: String,
    canonical: String,
    kind: AliasKind,
}

/// The compiled alias dictionary. Built once; matching is linear in the sentence length.
pub(crate) struct ActorMatcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

/// An actor named in a sentence: its canonical name and its token span.
pub(crate) struct Mention<'m> {
    pub canonical: &'m str,
    pub first: usize,
    pub last: usize,
}

/// Canonical names in order of first mention, once each.
pub(crate) fn canonical_names(mentions: &[Mention]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(mentions.len());
    for mention in mentions {
        if !names.iter().any(|n| n == mention.canonical) {
            names.push(mention.canonical.to_string());
        }
    }
    names
}

/// A dictionary hit that survived the lexical checks, as a token span.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    first: usize,
    /// The last token of the alias.
    last: usize,
    /// The institutional noun a demonym governs ("Chinese [border] police"), else `last`.
    reach: usize,
    pattern: usize,
    kind: AliasKind,
}

/// Whether a place-like alias is used as an actor, as a place, or cannot tell on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Actor,
    Place,
    Open,
}

impl ActorMatcher {
    pub fn new(table: &AliasTable) -> Self {
        let mut patterns = Vec::with_capacity(table.aliases.len() + 16);
        for alias in &table.aliases {
            for text in apostrophe_variants(&alias.alias) {
                patterns.push(Pattern {
                    text,
                    canonical: alias.canonical.clone(),
                    kind: alias.kind,
                });
            }
        }
        // Standard match kind so that overlapping hits are all reported; the longest is
        // chosen afterwards, once hits that fail the case or boundary checks are gone.
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|p| p.text.as_str()))
            .expect("alias patterns always compile");
        ActorMatcher {
            automaton,
            patterns,
        }
    }

    /// The actors named in the sentence, in order, with their token spans.
    pub fn mentions<'m>(&'m self, s: &Sentence) -> Vec<Mention<'m>> {
        let selected = longest_first(self.candidates(s));
        let uses = decide_uses(s, &selected);
        selected
            .iter()
            .zip(uses)
            .enumerate()
            .filter(|&(i, (candidate, use_))| {
                use_ == Use::Actor
                    && !self.is_un_prefix(s, &selected, i)
                    && !is_citation_prefix(s, candidate)
            })
            .map(|(_, (candidate, _))| Mention {
                canonical: &self.patterns[candidate.pattern].canonical,
                first: candidate.first,
                last: candidate.reach,
            })
            .collect()
    }

    fn candidates(&self, s: &Sentence) -> Vec<Candidate> {
        let mut found = Vec::new();
        for hit in self.automaton.find_overlapping_iter(s.text) {
            let pattern = &self.patterns[hit.pattern().as_usize()];
            let (start, end) = (hit.start(), hit.end());
            if !case_fits(&s.text[start..end], &pattern.text) || !stands_alone(s.text, start, end) {
                continue;
            }
            let first = s.token_starting_at(start);
            let Some(last) = s.token_ending_at(end) else {
                continue;
            };
            let reach = match pattern.kind {
                AliasKind::Demonym => match institution_after(s, last) {
                    Some(head) => head,
                    None => continue,
                },
                _ => last,
            };
            found.push(Candidate {
                first,
                last,
                reach,
                pattern: hit.pattern().as_usize(),
                kind: pattern.kind,
            });
        }
        found
    }

    /// "UN" right before another actor ("UN Special Rapporteur on torture") is a prefix of
    /// that actor's name, not a second actor.
    fn is_un_prefix(&self, s: &Sentence, selected: &[Candidate], i: usize) -> bool {
        let is_un = self.patterns[selected[i].pattern].canonical == "United Nations";
        is_un
            && selected
                .get(i + 1)
                .is_some_and(|next| next.first == selected[i].last + 1 && !s.glued(next.first))
    }
}

/// "U.N. Doc. A/HRC/25/63", "EU Doc.": the name only introduces a document symbol.
fn is_citation_prefix(s: &Sentence, candidate: &Candidate) -> bool {
    matches!(s.raw(candidate.last + 1), "Doc" | "Doc." | "doc")
}

/// "People's Republic of China" also matches with a curly apostrophe, and the other way round.
fn apostrophe_variants(alias: &str) -> Vec<String> {
    let mut variants = vec![alias.to_string()];
    if alias.contains('\'') {
        variants.push(alias.replace('\'', "\u{2019}"));
    } else if alias.contains('\u{2019}') {
        variants.push(alias.replace('\u{2019}', "'"));
    }
    variants
}

/// An uppercase letter in the alias must be uppercase in the text; a lowercase one may be
/// either ("the Chinese government" fits "The Chinese Government"; "US" does not fit "us").
fn case_fits(found: &str, alias: &str) -> bool {
    found
        .bytes()
        .zip(alias.bytes())
        .all(|(f, a)| !a.is_ascii_uppercase() || f == a)
}

/// The hit is a whole word, not a currency prefix ("US$"), not glued to a lowercase prefix
/// ("non-EU", "pro-China"), and not part of a document symbol ("CERD/C/CHN/CO/14").
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
        return false;
    }
    if after == Some('$') {
        return false;
    }
    if before == Some('-') && lowercase_word_before_hyphen(&text[..start - 1]) {
        return false;
    }
    let slash_adjacent = before == Some('/') || after == Some('/');
    !(slash_adjacent && chunk_has_digit(text, start, end))
}

fn lowercase_word_before_hyphen(text_before_hyphen: &str) -> bool {
    text_before_hyphen
        .chars()
        .next_back()
        .is_some_and(char::is_lowercase)
}

fn chunk_has_digit(text: &str, start: usize, end: usize) -> bool {
    let chunk_start = text[..start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let chunk_end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    text[chunk_start..chunk_end]
        .bytes()
        .any(|b| b.is_ascii_digit())
}

/// Leftmost hits first, the longest of those starting together, names before places before
/// demonyms on equal spans; drops every hit overlapping one already kept. A name or place
/// inside a demonym's phrase is part of it ("Indian National Congress" is not US Congress),
/// while a second demonym is not ("Chinese and North Korean authorities").
fn longest_first(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by_key(|c| (c.first, std::cmp::Reverse(c.last), c.kind));
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    let mut demonym_reach: Option<usize> = None;
    for candidate in candidates {
        let overlaps = kept.last().is_some_and(|k| candidate.first <= k.last);
        let inside_demonym = demonym_reach.is_some_and(|reach| candidate.first <= reach)
            && candidate.kind != AliasKind::Demonym;
        if overlaps || inside_demonym {
            continue;
        }
        if candidate.kind == AliasKind::Demonym {
            demonym_reach = Some(candidate.reach);
        }
        kept.push(candidate);
    }
    kept
}

/// Decides for every kept hit whether it names an actor. Places decide from their own
/// context first; an undecided place joined by "and", ",", "-" or "/" to a place used as a
/// place is a place too ("from China and Russia", "the China-North Korea border").
fn decide_uses(s: &Sentence, selected: &[Candidate]) -> Vec<Use> {
    let mut uses: Vec<Use> = selected
        .iter()
        .map(|c| match c.kind {
            AliasKind::Place => place_use(s, c),
            AliasKind::Name | AliasKind::Demonym => Use::Actor,
        })
        .collect();
    for i in 1..selected.len() {
        if uses[i] == Use::Open
            && uses[i - 1] == Use::Place
            && coordinated(s, &selected[i - 1], &selected[i])
        {
            uses[i] = Use::Place;
        }
    }
    for i in (0..selected.len().saturating_sub(1)).rev() {
        if uses[i] == Use::Open
            && uses[i + 1] == Use::Place
            && coordinated(s, &selected[i], &selected[i + 1])
        {
            uses[i] = Use::Place;
        }
    }
    uses.into_iter()
        .map(|u| if u == Use::Open { Use::Actor } else { u })
        .collect()
}

/// Two place hits separated only by a coordinator ("China and Russia", "China–North Korea").
fn coordinated(s: &Sentence, left: &Candidate, right: &Candidate) -> bool {
    let between = left.last + 1..right.first;
    between.len() <= 3
        && between.clone().all(|i| {
            matches!(
                s.low(i),
                "," | "and" | "or" | "&" | "-" | "–" | "—" | "/" | "the"
            )
        })
}

/// The context rules for a country, capital or union name.
fn place_use(s: &Sentence, c: &Candidate) -> Use {
    if institution_after(s, c.last).is_some() {
        return Use::Actor; // "China's border police", "US officials"
    }
    if let Some(preposition) = place_word_before(s, c.first) {
        return if institution_points_at(s, preposition) {
            Use::Actor // "the government of China", "an appeal to Thailand"
        } else {
            Use::Place // "fled to China", "in northeast China"
        };
    }
    if geographic_noun_after(s, c.last) {
        return Use::Place; // "China's border with North Korea"
    }
    if s.capitalised(c.last + 1) && !s.glued(c.last + 1) {
        return Use::Place; // part of another name: "the Quito Process", "the Bangkok Declaration"
    }
    Use::Open
}

/// The preposition or movement verb governing the name, skipping "the" and compass or
/// neighbourhood adjectives ("to neighbouring Thailand", "in north-east China").
fn place_word_before(s: &Sentence, first: usize) -> Option<usize> {
    let mut i = first;
    for _ in 0..5 {
        i = i.checked_sub(1)?;
        let word = s.low(i);
        if word == "the" || word == "-" || is_place_adjective(word) {
            continue;
        }
        if word == "between" {
            // "the border between China and ..." is geography, "an agreement between
            // China and ..." names two parties.
            return geographic_noun_before(s, i).then_some(i);
        }
        return (is_place_preposition(word) || is_movement_verb(word)).then_some(i);
    }
    None
}

/// "officials from Thailand", "the government of China", "police in China", "an appeal
/// to Thailand", "according to China": the preposition points at an institution.
fn institution_points_at(s: &Sentence, preposition: usize) -> bool {
    let before = if preposition == 0 {
        ""
    } else {
        s.word(preposition - 1)
    };
    match s.word(preposition) {
        "of" | "from" => is_institution_head(before),
        // An embassy or mission "in Bangkok" belongs to another country.
        "in" => is_institution_head(before) && !is_posted_abroad(before),
        "to" => is_addressing_word(before),
        _ => false,
    }
}

fn geographic_noun_before(s: &Sentence, between: usize) -> bool {
    let before = between.checked_sub(1).map_or("", |i| s.word(i));
    is_geographic_noun(before)
}

fn geographic_noun_after(s: &Sentence, last: usize) -> bool {
    is_geographic_noun(s.word(after_possessive(s, last + 1)))
}

/// Skips a possessive "'s" / "’s" starting at `i`.
fn after_possessive(s: &Sentence, i: usize) -> usize {
    let apostrophe = matches!(s.raw(i), "'" | "\u{2019}") && s.glued(i);
    if apostrophe && s.word(i + 1) == "s" && s.glued(i + 1) {
        i + 2
    } else {
        i
    }
}

/// The institutional noun that follows the name, possibly after a possessive and a few
/// modifiers ("Chinese border police", "China's Ministry of Public Security", "Chinese and
/// North Korean authorities"); `None` when the name is not followed by one.
pub(crate) fn institution_after(s: &Sentence, last: usize) -> Option<usize> {
    let first = after_possessive(s, last + 1);
    for i in first..first + 5 {
        let word = s.word(i);
        if is_institution_head(word) {
            return Some(i);
        }
        // No comma: "the China-North Korea border, guards ..." must not reach "guards".
        let joins = matches!(s.low(i), "and" | "or" | "-");
        let modifier = is_institution_modifier(word) || s.capitalised(i);
        if !(joins || modifier) {
            return None;
        }
    }
    None
}

fn is_institution_head(word: &str) -> bool {
    matches!(
        word,
        "government"
            | "governments"
            | "authorities"
            | "authority"
            | "administration"
            | "regime"
            | "junta"
            | "officials"
            | "official"
            | "officers"
            | "officer"
            | "agents"
            | "ministry"
            | "ministries"
            | "minister"
            | "ministers"
            | "president"
            | "premier"
            | "leadership"
            | "police"
            | "policemen"
            | "gendarmerie"
            | "gendarmes"
            | "military"
            | "army"
            | "navy"
            | "troops"
            | "soldiers"
            | "forces"
            | "guards"
            | "guard"
            | "coastguard"
            | "courts"
            | "court"
            | "judiciary"
            | "judges"
            | "prosecutors"
            | "parliament"
            | "legislature"
            | "lawmakers"
            | "congress"
            | "senate"
            | "embassy"
            | "embassies"
            | "consulate"
            | "diplomats"
            | "delegation"
            | "mission"
            | "envoy"
            | "ambassador"
            | "representatives"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "cabinet"
            | "bureau"
            | "department"
            | "agency"
            | "intelligence"
            | "militia"
            | "militias"
    )
}

fn is_institution_modifier(word: &str) -> bool {
    matches!(
        word,
        "border"
            | "public"
            | "security"
            | "immigration"
            | "local"
            | "provincial"
            | "state"
            | "central"
            | "national"
            | "federal"
            | "interior"
            | "foreign"
            | "coast"
            | "naval"
            | "armed"
            | "riot"
            | "secret"
            | "special"
            | "senior"
            | "top"
            | "regional"
            | "municipal"
            | "district"
            | "customs"
            | "prison"
            | "maritime"
            | "defence"
            | "defense"
            | "government"
            | "consular"
            | "judicial"
            | "military"
            | "law"
            | "enforcement"
            | "frontier"
            | "air"
            | "health"
            | "labour"
            | "labor"
            | "justice"
            | "home"
            | "de"
            | "facto"
            | "interim"
            | "transitional"
    )
}

/// Embassies and missions sit in another country's capital.
fn is_posted_abroad(word: &str) -> bool {
    matches!(
        word,
        "embassy"
            | "embassies"
            | "consulate"
            | "mission"
            | "delegation"
            | "ambassador"
            | "envoy"
            | "diplomats"
    )
}

fn is_place_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "into"
            | "to"
            | "from"
            | "across"
            | "at"
            | "near"
            | "inside"
            | "within"
            | "through"
            | "throughout"
            | "towards"
            | "toward"
            | "via"
            | "along"
            | "around"
            | "outside"
            | "of"
            | "onto"
            | "beyond"
    )
}

fn is_movement_verb(word: &str) -> bool {
    matches!(
        word,
        "entered"
            | "enter"
            | "enters"
            | "entering"
            | "crossed"
            | "cross"
            | "crosses"
            | "crossing"
            | "reached"
            | "reach"
            | "reaching"
            | "left"
            | "leave"
            | "leaving"
            | "fled"
            | "flee"
            | "flees"
            | "fleeing"
            | "visited"
            | "visit"
            | "visiting"
    )
}

/// Words before "to" that make the following name an addressee, not a destination.
fn is_addressing_word(word: &str) -> bool {
    matches!(
        word,
        "according"
            | "appealed"
            | "appeal"
            | "appeals"
            | "letter"
            | "letters"
            | "wrote"
            | "submitted"
            | "petitioned"
            | "petition"
            | "complained"
            | "complaint"
            | "protested"
            | "protest"
            | "objected"
            | "message"
            | "recommendations"
            | "requests"
            | "request"
            | "plea"
            | "pleas"
            | "note"
            | "belonging"
    )
}

fn is_place_adjective(word: &str) -> bool {
    matches!(
        word,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "neighbouring"
            | "neighboring"
            | "mainland"
            | "rural"
            | "remote"
            | "coastal"
            | "nearby"
    )
}

fn is_geographic_noun(word: &str) -> bool {
    matches!(
        word,
        "border"
            | "borders"
            | "frontier"
            | "frontiers"
            | "borderlands"
            | "side"
            | "region"
            | "regions"
            | "province"
            | "provinces"
            | "coast"
            | "coastline"
            | "countryside"
            | "territory"
            | "territories"
            | "soil"
            | "interior"
            | "river"
            | "area"
            | "areas"
    )
}

/// Reads an alias file from disk; `Error::Io` when unreadable, `Error::Data` when malformed.
pub(crate) fn read_alias_file(path: &Path) -> Result<AliasTable> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    AliasTable::parse(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_fits_requires_uppercase_where_the_alias_has_it() {
        assert!(case_fits(
            "The Chinese Government",
            "the Chinese government"
        ));
        assert!(case_fits("UNHCR", "UNHCR"));
        assert!(!case_fits("us", "US"));
        assert!(!case_fits("Unhcr", "UNHCR"));
    }

    #[test]
    fn stands_alone_rejects_partial_words_currency_and_symbols() {
        assert!(stands_alone("the UN said", 4, 6));
        assert!(!stands_alone("UNHCR", 0, 2));
        assert!(!stands_alone("US$5", 0, 2));
        assert!(!stands_alone("non-EU", 4, 6));
        assert!(stands_alone("EU-Turkey", 0, 2));
        assert!(!stands_alone("CERD/C/CHN/CO/14", 0, 4));
        assert!(stands_alone("UNHCR/IOM", 0, 5));
    }
}
