//! `hedged`: the sentence marks a factual claim as second-hand or uncertain.
//!
//! Every token is tried as a cue; each kind of cue has its own scope rule. The rules are
//! listed in the documentation of `crate::extract`. Each rule looks at a bounded window
//! around its cue, and whole-sentence facts are computed once, so the check is linear.

use std::ops::Range;

use super::tokens::{Kind, Sentence};

/// Whether the sentence is hedged.
pub(crate) fn is_hedged(s: &Sentence) -> bool {
    let context = Context {
        disputed: disputes_claims(s),
        cites_law: cites_law(s),
    };
    cites_source_data(s) || (0..s.len()).any(|i| hedges_at(s, i, &context))
}

/// Whole-sentence facts, computed once so that every cue rule stays local.
struct Context {
    /// The sentence rejects the claims it names.
    disputed: bool,
    /// The sentence names a law, which makes "may" a permission.
    cites_law: bool,
}

/// How far a reporting verb's clause is read: keeps extraction linear in sentence length.
const MAX_CLAUSE_TOKENS: usize = 48;

fn hedges_at(s: &Sentence, i: usize, context: &Context) -> bool {
    let word = s.word(i);
    if word.is_empty() {
        return false;
    }
    if is_hedge_adverb(word) {
        return !is_comparative_likelihood(s, i);
    }
    match word {
        "according" => return s.word(i + 1) == "to" && !cites_rule(s, i + 2),
        "may" => return may_hedges(s, i, context.cites_law),
        "might" => return true,
        "could" => return could_hedges(s, i),
        "appear" | "appears" | "appeared" | "seem" | "seems" | "seemed" => {
            return matches!(s.word(i + 1), "to" | "that") || prev_word(s, i) == "it";
        }
        "possible" => return s.word(i + 1) == "that",
        "as" => return attribution_after_as(s, i),
        "account" if prev_word(s, i) == "own" => return true, // "by their own account"
        "called" | "termed" | "dubbed" if calls_it_so(s, i) => return true,
        "recorded" | "reported" | "documented"
            if s.word(i + 1) == "by" && !auxiliary_before(s, i) =>
        {
            return true; // "returns recorded by the ministry"
        }
        "seen" | "viewed" if s.word(i + 1) == "as" && auxiliary_before(s, i) => return true,
        "verified" | "verify" | "confirmed" | "confirm" | "corroborated" | "corroborate"
            if negated_before(s, i) =>
        {
            return true;
        }
        _ => {}
    }
    if is_passive_attribution(s, i) {
        return passive_attribution_hedges(s, i);
    }
    if is_claim_noun_phrase(s, i) {
        return !context.disputed;
    }
    if is_reporting_verb(s, i) {
        return reported_as_fact(s, i);
    }
    is_scholarly_attribution(s, i)
}

fn prev_word<'s>(s: &'s Sentence, i: usize) -> &'s str {
    i.checked_sub(1).map_or("", |p| s.word(p))
}

fn is_hedge_adverb(word: &str) -> bool {
    matches!(
        word,
        "reportedly"
            | "allegedly"
            | "apparently"
            | "probably"
            | "possibly"
            | "perhaps"
            | "maybe"
            | "presumably"
            | "purportedly"
            | "supposedly"
            | "seemingly"
            | "ostensibly"
            | "arguably"
            | "likely"
            | "unlikely"
            | "rumoured"
            | "rumored"
    )
}

/// "what he called the inhumane treatment": a characterisation quoted from someone.
fn calls_it_so(s: &Sentence, verb: usize) -> bool {
    (verb.saturating_sub(3)..verb).any(|p| s.word(p) == "what")
}

/// "more likely to be detained", "the least likely to": a comparison of rates, not a guess.
fn is_comparative_likelihood(s: &Sentence, i: usize) -> bool {
    matches!(s.word(i), "likely" | "unlikely")
        && matches!(prev_word(s, i), "more" | "most" | "less" | "least" | "as")
        && s.word(i + 1) == "to"
}

/// "according to the Convention / Article 33 / international law" cites a rule, not a source.
fn cites_rule(s: &Sentence, from: usize) -> bool {
    (from..from + 3).any(|i| is_rule_word(s.word(i)))
}

fn is_rule_word(word: &str) -> bool {
    matches!(
        word,
        "law"
            | "laws"
            | "legislation"
            | "article"
            | "articles"
            | "convention"
            | "constitution"
            | "treaty"
            | "protocol"
            | "regulation"
            | "regulations"
            | "rule"
            | "rules"
            | "principle"
            | "principles"
            | "statute"
            | "act"
            | "decree"
            | "directive"
            | "guidelines"
            | "definition"
            | "plan"
            | "schedule"
            | "agreement"
            | "procedure"
            | "procedures"
            | "criteria"
            | "standards"
            | "code"
            | "terms"
            | "provisions"
            | "norms"
            | "policy"
            | "international"
    )
}

/// "as reported by HRW", "as alleged": attribution without a subject. "as noted above" and
/// "as described in Chapter 2" are the author's cross-references.
fn attribution_after_as(s: &Sentence, as_index: usize) -> bool {
    match s.word(as_index + 1) {
        "reported" | "alleged" | "claimed" => true,
        "documented" | "noted" | "described" | "stated" | "found" | "recorded" => {
            s.word(as_index + 2) == "by"
        }
        _ => false,
    }
}

/// A negation shortly before "verified"/"confirmed": "could not be independently verified".
fn negated_before(s: &Sentence, i: usize) -> bool {
    (i.saturating_sub(4)..i)
        .any(|p| matches!(s.word(p), "not" | "cannot" | "unable" | "never" | "no"))
}

// --- modals

fn may_hedges(s: &Sentence, i: usize, cites_law: bool) -> bool {
    if is_month_may(s, i) || prohibition_subject_before(s, i) {
        return false;
    }
    let next = after_adverbs(s, i + 1);
    match s.word(next) {
        "have" => is_past_participle(s.word(next + 1)), // "may have died", not "may have needs"
        "well" => true,
        "not" => s.word(next + 1) == "have" && is_past_participle(s.word(next + 2)),
        "never" | "only" | "no" => false, // "may not return", "may only be detained"
        verb if is_permission_verb(verb) => false,
        _ => !cites_law,
    }
}

/// Bare "could" is ability, permission or a conditional; only "could have done" guesses.
fn could_hedges(s: &Sentence, i: usize) -> bool {
    let next = after_adverbs(s, i + 1);
    match s.word(next) {
        "have" => is_past_participle(s.word(next + 1)),
        "well" => true,
        _ => false,
    }
}

/// "May" the month: capitalised inside the sentence, or followed by a day or year.
fn is_month_may(s: &Sentence, i: usize) -> bool {
    s.raw(i) == "May" && (i > 0 || s.is(i + 1, Kind::Number))
}

/// "No state party may send ...", "no refugee may be returned": a prohibition.
fn prohibition_subject_before(s: &Sentence, i: usize) -> bool {
    (i.saturating_sub(4)..i).any(|p| matches!(s.word(p), "no" | "nobody" | "neither" | "nor"))
}

/// Skips adverbs that may sit between a modal and its verb ("may also have").
fn after_adverbs(s: &Sentence, mut i: usize) -> usize {
    while matches!(
        s.word(i),
        "also" | "still" | "even" | "already" | "yet" | "now" | "indeed"
    ) {
        i += 1;
    }
    i
}

fn is_past_participle(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed") && !matches!(word, "hundred" | "need"))
        || matches!(
            word,
            "been"
                | "died"
                | "fled"
                | "left"
                | "lost"
                | "made"
                | "paid"
                | "sold"
                | "held"
                | "kept"
                | "sent"
                | "brought"
                | "seen"
                | "gone"
                | "done"
                | "met"
                | "told"
                | "caught"
                | "put"
                | "shot"
                | "led"
                | "fought"
                | "thrown"
                | "spent"
                | "become"
                | "come"
                | "heard"
                | "found"
                | "built"
                | "struck"
                | "taken"
                | "beaten"
                | "driven"
                | "given"
                | "hidden"
                | "stolen"
                | "chosen"
                | "written"
                | "broken"
                | "fallen"
                | "known"
                | "shown"
                | "drawn"
                | "born"
        )
}

/// The sentence names a law, which makes "may" a permission ("may be detained under the Act").
fn cites_law(s: &Sentence) -> bool {
    (0..s.len()).any(|i| {
        matches!(
            s.word(i),
            "law"
                | "laws"
                | "legislation"
                | "article"
                | "articles"
                | "convention"
                | "regulation"
                | "regulations"
                | "decree"
                | "statute"
                | "constitution"
                | "treaty"
                | "protocol"
                | "directive"
                | "provision"
                | "provisions"
                | "discretion"
                | "pursuant"
        ) || s.raw(i) == "Act"
    })
}

fn is_permission_verb(word: &str) -> bool {
    matches!(
        word,
        "allow"
            | "permit"
            | "grant"
            | "apply"
            | "appeal"
            | "request"
            | "seek"
            | "choose"
            | "decide"
            | "opt"
            | "refuse"
            | "decline"
            | "ask"
            | "wish"
            | "access"
            | "use"
            | "contact"
            | "submit"
            | "extend"
            | "invoke"
            | "exercise"
            | "enter"
            | "leave"
            | "return"
            | "register"
            | "travel"
            | "move"
            | "settle"
            | "stay"
            | "remain"
            | "work"
            | "order"
            | "cancel"
            | "revoke"
            | "terminate"
            | "keep"
    )
}

// --- passive attribution: "is said to", "are believed to", "it is alleged that"

fn is_passive_attribution(s: &Sentence, i: usize) -> bool {
    let participle = matches!(
        s.word(i),
        "said"
            | "reported"
            | "alleged"
            | "believed"
            | "thought"
            | "understood"
            | "claimed"
            | "estimated"
            | "feared"
            | "suspected"
            | "presumed"
            | "told"
            | "described"
            | "accused"
    );
    participle && auxiliary_before(s, i)
}

fn auxiliary_before(s: &Sentence, i: usize) -> bool {
    let mut p = i;
    while let Some(q) = p.checked_sub(1) {
        match s.word(q) {
            "widely" | "also" | "now" | "still" | "generally" | "commonly" | "further"
            | "reliably" | "credibly" | "often" | "previously" | "repeatedly" | "later"
            | "since" | "not" => p = q,
            "is" | "are" | "was" | "were" | "be" | "been" | "being" => return true,
            _ => return false,
        }
    }
    false
}

fn passive_attribution_hedges(s: &Sentence, i: usize) -> bool {
    let next = s.word(i + 1);
    match s.word(i) {
        "told" => !is_command(s, i) && !matches!(next, "of" | "about"), // "not told of their rights"
        "suspected" => next != "of", // "men suspected of smuggling" names an accusation
        "thought" | "understood" => matches!(next, "to" | "that"),
        "estimated" => next != "at", // "the population is estimated at 11 million": a statistic
        // "was reported to the police" is an act of reporting, not a hedge.
        "reported" | "said" if next == "to" => {
            let after = s.word(i + 2);
            !is_determiner(after) && !matches!(after, "police" | "authorities")
        }
        _ => true,
    }
}

/// "told them to leave", "were told by guards to go": an order, not a report.
fn is_command(s: &Sentence, told: usize) -> bool {
    for i in told + 1..told + 5 {
        match s.word(i) {
            "to" => return true,
            "that" => return false,
            _ if s.is(i, Kind::Punct) => return false,
            _ => {}
        }
    }
    false
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "this" | "that" | "these" | "those" | "its" | "their" | "his" | "her"
    )
}

// --- noun phrases naming unverified claims: "reports of torture", "the alleged beating"

fn is_claim_noun_phrase(s: &Sentence, i: usize) -> bool {
    let word = s.word(i);
    let next = s.word(i + 1);
    match word {
        "unconfirmed" | "unverified" => true,
        "reports" | "allegations" | "claims" | "accounts" | "rumours" | "rumors" => {
            matches!(next, "of" | "that") && !is_verb_use(s, i)
        }
        // Singular "report of" is usually a document ("Report of the Commission").
        "report" | "allegation" | "claim" | "account" | "rumour" | "rumor" | "information" => {
            next == "that" && !is_verb_use(s, i)
        }
        // Adjectives: "the alleged torture", "the reported killings", "suspected smugglers".
        "alleged" | "reported" => {
            let before = prev_word(s, i);
            is_determiner(before)
                || matches!(
                    before,
                    "of" | "for" | "over" | "into" | "about" | "any" | "such"
                )
        }
        "suspected" => !matches!(next, "of" | "that" | "to") && !auxiliary_before(s, i),
        _ => false,
    }
}

/// The sentence rejects the claims it names ("rejects claims that", "reports of ... are
/// baseless"): those claims are not hedged facts but the object of a denial.
fn disputes_claims(s: &Sentence) -> bool {
    (0..s.len()).any(|i| match s.word(i) {
        "baseless" | "unfounded" | "fabrication" | "fabricated" => true,
        "rejects" | "rejected" | "denies" | "denied" | "dismisses" | "dismissed" | "refutes"
        | "refuted" => (i + 1..i + 4).any(|k| {
            matches!(
                s.word(k),
                "that" | "claims" | "allegations" | "reports" | "accusations" | "charges"
            )
        }),
        _ => false,
    })
}

/// "HRW reports that", "they claim that": the claim word is a verb after a subject.
fn is_verb_use(s: &Sentence, i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return false;
    };
    let subject = s.word(p);
    // A capitalised word names the subject, except a sentence's first word, which is only
    // capitalised by position ("Investigate allegations of ...") unless an acronym.
    let acronym = s.raw(p).chars().filter(char::is_ascii_uppercase).count() > 1;
    let named_subject = s.capitalised(p)
        && (p > 0 || acronym)
        && !is_determiner(subject)
        && !matches!(subject, "there" | "such");
    named_subject
        || matches!(
            subject,
            "it" | "he"
                | "she"
                | "they"
                | "we"
                | "government"
                | "ministry"
                | "agency"
                | "organization"
                | "organisation"
                | "group"
                | "groups"
                | "organizations"
                | "organisations"
                | "agencies"
                | "experts"
                | "monitors"
                | "study"
                | "survey"
                | "report"
                | "officials"
                | "authorities"
                | "police"
                | "who"
                | "which"
                | "also"
                | "now"
        )
}

// --- active reporting verbs: "witnesses said", "HRW reported that", "UNHCR confirmed"

/// A verb in active use that reports someone's claim, with the complement it needs for
/// that ("claimed that", "found that"; "said" and "told" need none).
fn is_reporting_verb(s: &Sentence, i: usize) -> bool {
    let word = s.word(i);
    let next = s.word(i + 1);
    let before = prev_word(s, i);
    // "as reported by" is judged in attribution_after_as; "wrote to the Committee" and
    // "reported to the police" are acts, not claims; "the said agreement" is no verb; a
    // passive ("were recorded as dead") is judged by the passive rule.
    let claim_verb = word.starts_with("claim");
    if before == "as"
        || next == "to" && !claim_verb
        || is_determiner(before)
        || auxiliary_before(s, i)
    {
        return false;
    }
    match word {
        "said" | "says" | "say" | "saying" | "stated" | "reported" | "reporting" | "confirmed"
        | "confirms" | "alleged" | "alleges" | "allege" | "testified" | "testifies"
        | "recounted" | "recounts" | "recalled" | "recalls" | "explained" | "explains"
        | "noted" | "documented" | "estimated" | "wrote" | "writes" | "asserted" | "asserts"
        | "argued" | "argues" | "argue" | "arguing" => true,
        // "reasonable grounds to believe" is a standard of proof.
        "believe" | "believes" | "believed" => {
            before != "to" && !matches!(next, "in" | "them" | "him" | "her" | "it" | "us" | "me")
        }
        "told" | "tells" | "tell" => !is_command(s, i),
        "added" | "adds" => next == "that" || ends_sentence(s, i + 1),
        // "announced that ..." reports; "announced a ninety-day amnesty" is a decision.
        "announced" | "announces" | "declared" | "declares" => {
            next == "that" || ends_with_adverbial(s, i + 1)
        }
        "reports" | "estimates" | "estimate" => is_verb_use(s, i),
        "claim" | "claims" | "claimed" => {
            matches!(next, "that" | "to") && is_verb_use_or_past(s, i)
        }
        "states" | "notes" | "note" => next == "that" && is_verb_use(s, i),
        "fear" | "fears" | "feared" => next == "that" && before != "in",
        "suspect" | "suspects" | "suspected" | "indicated" | "indicates" | "indicate"
        | "indicating" | "suggested" | "suggests" | "suggest" | "concluded" | "concludes"
        | "showed" | "shows" | "show" | "shown" | "confirm" | "submits" | "submitted"
        | "record" | "records" | "concern" | "concerned" | "alarm" | "alarmed" => next == "that",
        "informed" | "informs" => (i + 1..i + 5).any(|k| s.word(k) == "that"),
        "found" | "finds" => next == "that" || speaker_is_an_inquiry(s, i),
        "described" | "describes" | "describe" => {
            matches!(next, "how" | "that" | "being" | "seeing")
                || (i + 1..i + 7).any(|k| s.word(k) == "as")
                || speaker_before(s, i).0 == Speaker::Private
        }
        _ => false,
    }
}

/// Only punctuation follows token `i - 1`.
fn ends_sentence(s: &Sentence, from: usize) -> bool {
    (from..s.len()).all(|k| s.is(k, Kind::Punct))
}

fn is_verb_use_or_past(s: &Sentence, i: usize) -> bool {
    s.word(i) == "claimed" || is_verb_use(s, i)
}

/// Nothing but an adverbial follows ("..., the ministry announced on Monday.").
fn ends_with_adverbial(s: &Sentence, from: usize) -> bool {
    let first_word = (from..s.len()).find(|&k| s.is(k, Kind::Word));
    first_word.is_none_or(|k| is_adverbial_start(s.word(k)))
}

/// "Studies found high rates of ...", "the inspector general found overcrowding".
fn speaker_is_an_inquiry(s: &Sentence, verb: usize) -> bool {
    (verb.saturating_sub(4)..verb).any(|p| {
        matches!(
            s.word(p),
            "study"
                | "studies"
                | "survey"
                | "surveys"
                | "research"
                | "researchers"
                | "assessment"
                | "investigation"
                | "investigators"
                | "inquiry"
                | "inspector"
                | "inspectors"
                | "audit"
                | "review"
                | "monitors"
                | "mission"
        )
    })
}

/// "Scholars have linked ...", "Economists estimate ...", "the literature suggests ...":
/// findings attributed to researchers.
fn is_scholarly_attribution(s: &Sentence, i: usize) -> bool {
    let scholars = matches!(
        s.word(i),
        "scholars"
            | "researchers"
            | "sociologists"
            | "anthropologists"
            | "ethnographers"
            | "economists"
            | "historians"
            | "analysts"
            | "scientists"
            | "literature"
            | "studies"
            | "commentators"
    );
    let authors_own = matches!(prev_word(s, i), "our" | "we" | "my");
    scholars
        && !authors_own
        && (i + 1..i + 5).any(|k| {
            matches!(
                s.word(k),
                "argue"
                    | "argues"
                    | "note"
                    | "notes"
                    | "link"
                    | "linked"
                    | "traced"
                    | "trace"
                    | "describe"
                    | "described"
                    | "estimate"
                    | "estimates"
                    | "suggest"
                    | "suggests"
                    | "show"
                    | "shown"
                    | "find"
                    | "found"
                    | "claim"
                    | "believe"
                    | "attribute"
                    | "attributed"
                    | "documented"
                    | "record"
                    | "consider"
                    | "view"
                    | "regard"
                    | "see"
            )
        })
}

/// Who says it, from the words before the reporting verb back to the clause start.
#[derive(Debug, PartialEq, Eq)]
enum Speaker {
    /// "we", "I", "our": the report's author states its own finding.
    Author,
    /// A court or tribunal: its findings are decisions, not hearsay.
    Judicial,
    /// Witnesses, sources, refugees, "a woman", "he": testimony, always second-hand.
    Private,
    /// An institution or a document: hedged unless it states its own position.
    Other,
}

/// The speaker and the index where its words start.
fn speaker_before(s: &Sentence, verb: usize) -> (Speaker, usize) {
    let mut start = verb;
    let (mut private, mut author, mut judicial) = (false, false, false);
    for _ in 0..8 {
        let Some(p) = start.checked_sub(1) else { break };
        if is_clause_break(s.raw(p)) {
            private |= is_name_with_age(s, p); // "Daniel, 31, recalled"
            break;
        }
        let word = s.word(p);
        if word == "and" && start < verb {
            break; // "called my wife every week and said ...": the speaker is further back
        }
        start = p;
        author |= matches!(word, "we" | "i" | "our");
        judicial |= matches!(word, "court" | "tribunal" | "chamber");
        private |= is_private_person(word);
    }
    // "women in our sample reported": the women speak, the author only counts them.
    let speaker = if private {
        Speaker::Private
    } else if author {
        Speaker::Author
    } else if judicial {
        Speaker::Judicial
    } else {
        Speaker::Other
    };
    (speaker, start)
}

/// "Ahmad, 34," ending at the comma at `comma`: a witness named with their age.
fn is_name_with_age(s: &Sentence, comma: usize) -> bool {
    comma >= 3
        && s.raw(comma) == ","
        && s.is(comma - 1, Kind::Number)
        && s.raw(comma - 2) == ","
        && s.capitalised(comma - 3)
}

fn is_clause_break(token: &str) -> bool {
    matches!(
        token,
        "," | ";"
            | ":"
            | "("
            | ")"
            | "\""
            | "'"
            | "\u{2018}"
            | "\u{2019}"
            | "\u{201c}"
            | "\u{201d}"
            | "\u{2014}"
            | "\u{2013}"
    )
}

/// Private people whose words are testimony. "they" is not among them: in these reports it
/// is as often the police ("they said they would send us back") as the refugees.
fn is_private_person(word: &str) -> bool {
    matches!(
        word,
        "witnesses"
            | "witness"
            | "eyewitnesses"
            | "eyewitness"
            | "sources"
            | "source"
            | "residents"
            | "resident"
            | "refugees"
            | "refugee"
            | "migrants"
            | "migrant"
            | "detainees"
            | "detainee"
            | "prisoners"
            | "prisoner"
            | "survivors"
            | "survivor"
            | "defectors"
            | "defector"
            | "interviewees"
            | "respondents"
            | "relatives"
            | "relative"
            | "neighbours"
            | "neighbors"
            | "villagers"
            | "smugglers"
            | "smuggler"
            | "brokers"
            | "broker"
            | "woman"
            | "women"
            | "man"
            | "men"
            | "girl"
            | "girls"
            | "boy"
            | "boys"
            | "mother"
            | "father"
            | "husband"
            | "wife"
            | "sister"
            | "brother"
            | "son"
            | "daughter"
            | "family"
            | "families"
            | "activists"
            | "activist"
            | "locals"
            | "returnees"
            | "returnee"
            | "deportees"
            | "victims"
            | "victim"
            | "seekers"
            | "friends"
            | "friend"
            | "journalists"
            | "workers"
            | "he"
            | "she"
    )
}

/// Whether the clause introduced by the reporting verb at `verb` is hedged.
fn reported_as_fact(s: &Sentence, verb: usize) -> bool {
    let (speaker, speaker_start) = speaker_before(s, verb);
    match speaker {
        Speaker::Author | Speaker::Judicial => false,
        Speaker::Private => true,
        Speaker::Other => {
            let (before, after) = reported_words(s, verb, speaker_start);
            // After "told", "us"/"our researchers" is the listener, not the speaker.
            let may_speak_of_itself = !matches!(s.word(verb), "told" | "tells" | "tell");
            !states_position(s, after, may_speak_of_itself) && !states_position(s, before, false)
        }
    }
}

/// The words the verb reports: those after it up to ";" or "but", and, when nothing but an
/// adverbial follows ("..., a senior official announced in February."), the words before
/// the speaker too.
fn reported_words(s: &Sentence, verb: usize, speaker_start: usize) -> (Range<usize>, Range<usize>) {
    let limit = s.len().min(verb + 1 + MAX_CLAUSE_TOKENS);
    let end = (verb + 1..limit)
        .find(|&i| s.raw(i) == ";" || s.word(i) == "but")
        .unwrap_or(limit);
    let first_word = (verb + 1..end).find(|&i| s.is(i, Kind::Word));
    let only_adverbial = first_word.is_none_or(|i| is_adverbial_start(s.word(i)));
    let before = if only_adverbial {
        speaker_start.saturating_sub(MAX_CLAUSE_TOKENS)..speaker_start
    } else {
        0..0
    };
    (before, verb + 1..end)
}

fn is_adverbial_start(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "during"
            | "last"
            | "earlier"
            | "yesterday"
            | "today"
            | "this"
            | "after"
            | "before"
            | "late"
            | "early"
            | "when"
            | "while"
    )
}

/// The clause states the speaker's own position: it speaks of its own action or stance
/// without a count ("said it had no role", "said it had suspended new visas"; but "said it
/// had deported 2,000" reports a figure), or carries a future or modal verb, an intention, a
/// stance verb or a legal judgement ("will", "would", "plans to", "welcomed", "lawful").
fn states_position(s: &Sentence, clause: Range<usize>, self_reference_counts: bool) -> bool {
    let clause = clause.start..aside_start(s, clause.clone());
    let has_count = clause.clone().any(|i| s.is(i, Kind::Number));
    let words: Vec<usize> = clause.filter(|&i| s.is(i, Kind::Word)).take(24).collect();
    let speaks_of_itself = words
        .iter()
        .take(5)
        .any(|&i| matches!(s.word(i), "it" | "its" | "we" | "our" | "itself"));
    (self_reference_counts && speaks_of_itself && !has_count)
        || words.iter().any(|&i| is_position_marker(s, i))
}

/// Where an aside set off by a comma begins (", fearing that employers will ...", ", which
/// ..."): its verbs are not the speaker's.
fn aside_start(s: &Sentence, clause: Range<usize>) -> usize {
    clause
        .clone()
        .find(|&i| {
            let next = s.word(i + 1);
            s.raw(i) == "," && (is_subordinator(next) || next.ends_with("ing"))
        })
        .unwrap_or(clause.end)
}

fn is_subordinator(word: &str) -> bool {
    matches!(
        word,
        "who"
            | "which"
            | "whom"
            | "whose"
            | "where"
            | "when"
            | "while"
            | "because"
            | "after"
            | "before"
            | "since"
            | "if"
            | "although"
            | "though"
            | "until"
            | "whereas"
            | "unless"
    )
}

fn is_position_marker(s: &Sentence, i: usize) -> bool {
    let word = s.word(i);
    let to_follows = s.word(i + 1) == "to";
    match word {
        "plan" | "plans" | "planned" | "going" | "aims" | "ready" | "prepared" | "willing"
        | "committed" => to_follows,
        _ => is_modal_or_stance(word) || is_legal_judgement(word),
    }
}

fn is_modal_or_stance(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "would"
            | "shall"
            | "ll"
            | "must"
            | "should"
            | "ought"
            | "cannot"
            | "can"
            | "may"
            | "intends"
            | "intend"
            | "intended"
            | "could"
            | "decided"
            | "considers"
            | "considered"
            | "regards"
            | "regarded"
            | "recognize"
            | "recognizes"
            | "recognise"
            | "recognises"
            | "welcomed"
            | "welcomes"
            | "opposes"
            | "opposed"
            | "supports"
            | "rejects"
            | "rejected"
            | "condemned"
            | "condemns"
            | "regrets"
            | "refused"
            | "refuses"
            | "agreed"
            | "agrees"
            | "wants"
            | "hopes"
            | "expects"
            | "denied"
            | "denies"
            | "aware"
    )
}

fn is_legal_judgement(word: &str) -> bool {
    matches!(
        word,
        "legal"
            | "illegal"
            | "lawful"
            | "unlawful"
            | "legitimate"
            | "illegitimate"
            | "justified"
            | "unjustified"
            | "necessary"
            | "unnecessary"
            | "acceptable"
            | "unacceptable"
            | "voluntary"
            | "voluntarily"
            | "accordance"
            | "consistent"
            | "comply"
            | "complies"
            | "complied"
            | "compliance"
            | "obliged"
            | "obligated"
            | "obligation"
            | "obligations"
            | "entitled"
            | "economic"
            | "allowed"
            | "permitted"
            | "required"
            | "responsibility"
            | "responsible"
            | "complicit"
            | "liable"
            | "violation"
            | "prohibited"
            | "forbidden"
            | "law"
    )
}

// --- a source cited in parentheses at the end: "... about 3,200 (IOM)"

/// Whether an actor at tokens `first..=last` is cited as the source in a short parenthesis
/// closing the sentence: "Persons returned in 2023: 17,190 (IOM)".
pub(crate) fn cited_in_closing_parentheses(s: &Sentence, first: usize, last: usize) -> bool {
    let Some(opening) = first.checked_sub(1).filter(|&o| s.raw(o) == "(") else {
        return false;
    };
    closing_parenthesis(s, opening).is_some_and(|closing| closing > last)
}

/// "... 36,400 (police data)": a short closing parenthesis naming a kind of source.
fn cites_source_data(s: &Sentence) -> bool {
    let Some(opening) = (0..s.len()).rev().find(|&i| s.raw(i) == "(") else {
        return false;
    };
    closing_parenthesis(s, opening).is_some_and(|closing| {
        (opening + 1..closing).any(|i| {
            matches!(
                s.word(i),
                "data"
                    | "figures"
                    | "statistics"
                    | "estimate"
                    | "estimates"
                    | "survey"
                    | "monitoring"
                    | "tracking"
            )
        })
    })
}

/// The ")" that closes the parenthesis opened at `opening`, when it ends the sentence and
/// the parenthesis is short (at most six tokens: a citation, not an aside).
fn closing_parenthesis(s: &Sentence, opening: usize) -> Option<usize> {
    let closing = (opening + 1..s.len().min(opening + 8)).find(|&i| s.raw(i) == ")")?;
    ends_sentence(s, closing + 1).then_some(closing)
}
