//! Review sheets: the sentences of a finished run most worth a person's time, and how the
//! person's labels compare with the model's once the sheet is filled in.
//!
//! A sheet holds the most uncertain sentences per label (scores nearest the thresholds,
//! measured in log-odds), taken in turn for each label, at most a few per document in a
//! first pass, never two near duplicates; plus a uniform random sample of the run, which
//! alone gives unbiased estimates of the run's precision and recall.
use crate::error::{Error, Result};
use crate::record::{output, sheet};
use crate::write::{write_atomically, SafeCsvWriter, Workbook};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// How a review sheet is chosen.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// Rows in the sheet.
    pub n: usize,
    /// Share of the rows drawn at random from the whole run.
    pub random_share: f64,
    pub seed: u64,
}

impl Default for ReviewOptions {
    fn default() -> Self {
        ReviewOptions {
            n: 200,
            random_share: 0.25,
            seed: 1,
        }
    }
}

/// Two sentences whose word pairs overlap this much (Jaccard) are near duplicates.
const NEAR_DUPLICATE: f64 = 0.7;
/// The value of `selected_for` of the random sample.
pub const RANDOM: &str = "random";

/// One unit of a finished run, as `sentences.csv` gives it.
#[derive(Debug, Clone)]
pub struct RunSentence {
    pub doc_id: u64,
    pub path: String,
    pub sentence_index: u64,
    pub text: String,
    pub lang: String,
    /// The model's decision per label, in [`RunTable::labels`] order.
    pub labels: Vec<bool>,
    pub scores: Vec<f32>,
    pub hedged: bool,
}

/// The sentences of a run with its labels and thresholds.
#[derive(Debug)]
pub struct RunTable {
    pub dir: PathBuf,
    pub labels: Vec<String>,
    pub thresholds: Vec<f32>,
    pub sentences: Vec<RunSentence>,
}

impl RunTable {
    /// Reads the sentences table and `run.json` of a finished output folder (CSV or JSON
    /// Lines, checked against the SHA-256 in `run.json`).
    pub fn read(dir: &Path) -> Result<Self> {
        crate::run::recover_output(dir)?;
        let files = output::read_run(dir)?;
        let run = &files.run;
        let labels: Vec<String> = run["labels"]["label"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|label| label["name"].as_str().map(str::to_string))
            .collect();
        let thresholds: Vec<f32> = run["thresholds"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_f64().map(|t| t as f32))
            .collect();
        if labels.is_empty() || labels.len() != thresholds.len() {
            return Err(bad(&dir.join("run.json"), "no labels with thresholds"));
        }
        let sentences = read_sentences(&files.sentences, &labels)?;
        Ok(RunTable {
            dir: dir.to_path_buf(),
            labels,
            thresholds,
            sentences,
        })
    }

    /// The text of the units before and after unit `i` in its document.
    fn context(&self, i: usize) -> (&str, &str) {
        let same_doc = |j: usize| {
            self.sentences
                .get(j)
                .filter(|s| s.doc_id == self.sentences[i].doc_id)
                .map_or("", |s| s.text.as_str())
        };
        (i.checked_sub(1).map_or("", same_doc), same_doc(i + 1))
    }
}

fn read_sentences(table: &output::Table, labels: &[String]) -> Result<Vec<RunSentence>> {
    let [doc_id, file, index, text, lang, decided, hedged] = table.columns([
        "doc_id",
        "path",
        "sentence_index",
        "text",
        "lang",
        "labels",
        "hedged",
    ])?;
    let score_columns = labels
        .iter()
        .map(|l| table.column(&format!("p_{l}")))
        .collect::<Result<Vec<_>>>()?;
    let number = |row: &sheet::Row, i: usize| row.whole_number(&table.path, i, &table.header[i]);
    table
        .rows
        .iter()
        .map(|row| {
            let decided: HashSet<&str> = row.get(decided).split(';').collect();
            Ok(RunSentence {
                doc_id: number(row, doc_id)?,
                path: row.get(file).to_string(),
                sentence_index: number(row, index)?,
                text: row.get(text).to_string(),
                lang: row.get(lang).to_string(),
                labels: labels
                    .iter()
                    .map(|l| decided.contains(l.as_str()))
                    .collect(),
                scores: score_columns
                    .iter()
                    .map(|&i| row.get(i).parse().unwrap_or(0.0))
                    .collect(),
                hedged: row.get(hedged) == "1",
            })
        })
        .collect()
}

/// Why a sentence is in the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Among the most uncertain for this label (its index).
    Uncertain(usize),
    /// In the uniform random sample.
    Random,
}

/// One row of a review sheet: a unit of the run (its index) and why it was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    pub index: usize,
    pub reason: Reason,
}

/// Chooses the sheet's rows (deterministic for a seed), in document order.
pub fn select(run: &RunTable, options: &ReviewOptions) -> Vec<Pick> {
    let candidates: Vec<usize> = (0..run.sentences.len())
        .filter(|&i| reviewable(&run.sentences[i]))
        .collect();
    let n = options.n.min(candidates.len());
    let random_n = ((n as f64) * options.random_share.clamp(0.0, 1.0)).round() as usize;
    let mut picks: Vec<Pick> = crate::model::train::shuffled(candidates.len(), options.seed)
        .into_iter()
        .take(random_n)
        .map(|k| Pick {
            index: candidates[k],
            reason: Reason::Random,
        })
        .collect();
    let uncertain = pick_uncertain(run, &candidates, &picks, n - picks.len());
    picks.extend(uncertain);
    picks.sort_by_key(|p| {
        let s = &run.sentences[p.index];
        (s.doc_id, s.sentence_index)
    });
    picks
}

/// English units with words (the model gives no labels to other languages, and a rule
/// of underscores is not worth anyone's time).
fn reviewable(sentence: &RunSentence) -> bool {
    sentence.lang == "eng" && sentence.text.chars().any(char::is_alphabetic)
}

/// Up to `wanted` units by uncertainty, one label after the other, none already picked
/// or near another pick; first at most a fair share per document, then any.
fn pick_uncertain(
    run: &RunTable,
    candidates: &[usize],
    already: &[Pick],
    wanted: usize,
) -> Vec<Pick> {
    let queues: Vec<Vec<usize>> = (0..run.labels.len())
        .map(|label| by_uncertainty(run, candidates, label))
        .collect();
    let documents = candidates
        .iter()
        .map(|&i| run.sentences[i].doc_id)
        .collect::<HashSet<_>>()
        .len()
        .max(1);
    let fair_share = wanted.div_ceil(documents).max(1) * 2;
    let mut chosen = Chooser::new(run, already);
    for per_document in [Some(fair_share), None] {
        let mut positions = vec![0; queues.len()];
        while chosen.added.len() < wanted {
            let mut progressed = false;
            for (label, queue) in queues.iter().enumerate() {
                if chosen.added.len() == wanted {
                    break;
                }
                while let Some(&index) = queue.get(positions[label]) {
                    positions[label] += 1;
                    if chosen.try_add(index, Reason::Uncertain(label), per_document) {
                        progressed = true;
                        break;
                    }
                }
            }
            if !progressed {
                break;
            }
        }
    }
    chosen.added
}

/// Candidates by the distance of their score from the label's threshold in log-odds.
fn by_uncertainty(run: &RunTable, candidates: &[usize], label: usize) -> Vec<usize> {
    let threshold = logit(run.thresholds[label]);
    let distance = |i: usize| (logit(run.sentences[i].scores[label]) - threshold).abs();
    let mut queue = candidates.to_vec();
    queue.sort_by(|&a, &b| distance(a).total_cmp(&distance(b)).then(a.cmp(&b)));
    queue
}

fn logit(p: f32) -> f64 {
    let p = f64::from(p).clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

/// The picks so far, with what keeps the next ones apart.
struct Chooser<'a> {
    run: &'a RunTable,
    taken: HashSet<usize>,
    per_document: BTreeMap<u64, usize>,
    word_pairs: Vec<HashSet<(String, String)>>,
    added: Vec<Pick>,
}

impl<'a> Chooser<'a> {
    fn new(run: &'a RunTable, already: &[Pick]) -> Self {
        let mut chooser = Chooser {
            run,
            taken: HashSet::new(),
            per_document: BTreeMap::new(),
            word_pairs: Vec::new(),
            added: Vec::new(),
        };
        for pick in already {
            chooser.take(pick.index);
        }
        chooser
    }

    fn try_add(&mut self, index: usize, reason: Reason, per_document: Option<usize>) -> bool {
        let doc_id = self.run.sentences[index].doc_id;
        let full = per_document
            .is_some_and(|cap| self.per_document.get(&doc_id).copied().unwrap_or(0) >= cap);
        if self.taken.contains(&index) || full || self.near_a_pick(index) {
            return false;
        }
        self.take(index);
        self.added.push(Pick { index, reason });
        true
    }

    fn take(&mut self, index: usize) {
        self.taken.insert(index);
        *self
            .per_document
            .entry(self.run.sentences[index].doc_id)
            .or_default() += 1;
        self.word_pairs
            .push(word_pairs(&self.run.sentences[index].text));
    }

    fn near_a_pick(&self, index: usize) -> bool {
        let pairs = word_pairs(&self.run.sentences[index].text);
        self.word_pairs
            .iter()
            .any(|other| jaccard(&pairs, other) >= NEAR_DUPLICATE)
    }
}

/// Consecutive lower-cased word pairs: near duplicates (a template with another number or
/// place) share most of them.
fn word_pairs(text: &str) -> HashSet<(String, String)> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
}

fn jaccard<T: std::hash::Hash + Eq>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// The columns of a review sheet: provenance and context, the model's output, one empty
/// column per label plus `hedged` for the person, and why the row is there.
pub fn sheet_columns(labels: &[String]) -> Vec<String> {
    let mut columns: Vec<String> = [
        "doc_id",
        "path",
        "sentence_index",
        "text",
        "context_before",
        "context_after",
        "model_labels",
    ]
    .map(String::from)
    .to_vec();
    columns.extend(labels.iter().map(|l| format!("p_{l}")));
    columns.push("model_hedged".into());
    columns.extend(labels.iter().cloned());
    columns.extend(["hedged".to_string(), "selected_for".to_string()]);
    columns
}

/// Writes the sheet: `.xlsx` as a workbook (with a `run` sheet saying how it was made and
/// how to fill it in), anything else as CSV.
pub fn write_sheet(
    path: &Path,
    run: &RunTable,
    picks: &[Pick],
    options: &ReviewOptions,
) -> Result<()> {
    let columns = sheet_columns(&run.labels);
    let rows = picks.iter().map(|pick| sheet_row(run, pick));
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        let mut bytes = Vec::new();
        let mut writer = SafeCsvWriter::new(&mut bytes, true);
        writer.write_row(&columns)?;
        for row in rows {
            writer.write_row(row.iter().map(crate::write::Cell::to_text))?;
        }
        writer.flush()?;
        drop(writer);
        return write_atomically(path, &bytes);
    }
    let mut workbook = Workbook::create(
        path,
        &[("review", columns)],
        crate::write::workbook::EXCEL_MAX_ROWS,
    )?;
    for row in rows {
        workbook.row(0, &row)?;
    }
    let about = serde_json::json!({
        "how to fill in": "Put 1 in a label column where the sentence makes that claim (see the label descriptions), 0 or nothing where it does not; hedged: 1 when the claim is attributed or qualified. Rows left entirely blank are skipped. Then: claimscan train --data corpus/labeled/train.csv --data THIS_FILE --out models/my-model, or claimscan review --compare OUTPUT_DIR THIS_FILE.",
        "run": run.dir.display().to_string(),
        "rows": picks.len(),
        "random sample": picks.iter().filter(|p| p.reason == Reason::Random).count(),
        "seed": options.seed,
        "labels": run.labels,
        "thresholds": run.thresholds,
    });
    let pending = workbook.finish(&about)?;
    std::fs::rename(&pending.temporary, &pending.destination)
        .map_err(|e| Error::io(&pending.destination, e))
}

fn sheet_row(run: &RunTable, pick: &Pick) -> Vec<crate::write::Cell> {
    use crate::write::Cell;
    let sentence = &run.sentences[pick.index];
    let (before, after) = run.context(pick.index);
    let decided: Vec<&str> = run
        .labels
        .iter()
        .zip(&sentence.labels)
        .filter(|(_, on)| **on)
        .map(|(l, _)| l.as_str())
        .collect();
    let mut row = vec![
        Cell::Count(sentence.doc_id),
        Cell::Text(sentence.path.clone()),
        Cell::Count(sentence.sentence_index),
        Cell::Text(sentence.text.clone()),
        Cell::Text(before.to_string()),
        Cell::Text(after.to_string()),
        Cell::Text(decided.join(";")),
    ];
    row.extend(sentence.scores.iter().map(|&p| Cell::Score(p)));
    row.push(Cell::Count(u64::from(sentence.hedged)));
    row.extend((0..=run.labels.len()).map(|_| Cell::Empty));
    row.push(Cell::Text(match pick.reason {
        Reason::Random => RANDOM.to_string(),
        Reason::Uncertain(label) => format!("uncertain {}", run.labels[label]),
    }));
    row
}

fn bad(path: &Path, reason: &str) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// How a person's labels compare with the model's for one label (or `hedged`).
#[derive(Debug, Clone)]
pub struct Agreement {
    pub label: String,
    /// Filled rows, and those where the person and the model agree.
    pub reviewed: usize,
    pub agreed: usize,
    /// From the random rows only: the run's precision and recall for this label.
    pub precision: Option<Estimate>,
    pub recall: Option<Estimate>,
}

/// A proportion `hits / n` with its 95% Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub hits: usize,
    pub n: usize,
    pub low: f64,
    pub high: f64,
}

impl Estimate {
    pub fn new(hits: usize, n: usize) -> Option<Self> {
        if n == 0 {
            return None;
        }
        let (k, n_f, z) = (hits as f64, n as f64, 1.96_f64);
        let p = k / n_f;
        let denominator = 1.0 + z * z / n_f;
        let centre = (p + z * z / (2.0 * n_f)) / denominator;
        let half = z * (p * (1.0 - p) / n_f + z * z / (4.0 * n_f * n_f)).sqrt() / denominator;
        Some(Estimate {
            hits,
            n,
            low: (centre - half).max(0.0),
            high: (centre + half).min(1.0),
        })
    }

    pub fn value(&self) -> f64 {
        self.hits as f64 / self.n as f64
    }
}

/// A filled review sheet against its run.
pub struct Comparison {
    pub agreements: Vec<Agreement>,
    /// Rows with every label cell blank.
    pub blank: usize,
    pub random_rows: usize,
}

/// Compares a filled sheet with the run it was made from; rows are matched by document
/// and sentence index, and a row whose text differs from the run's is an error (the
/// run was redone since).
pub fn compare(run: &RunTable, sheet_path: &Path) -> Result<Comparison> {
    let table = sheet::read(sheet_path)?;
    let column = |name: &str| {
        table
            .column(name)
            .ok_or_else(|| bad(sheet_path, &format!("no column '{name}'")))
    };
    let (doc_id, index, text, reason) = (
        column("doc_id")?,
        column("sentence_index")?,
        column("text")?,
        column("selected_for")?,
    );
    let mut gold_columns = run
        .labels
        .iter()
        .map(|l| column(l))
        .collect::<Result<Vec<_>>>()?;
    gold_columns.push(column("hedged")?);
    let position: BTreeMap<(u64, u64), usize> = run
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.doc_id, s.sentence_index), i))
        .collect();
    let mut names = run.labels.clone();
    names.push("hedged".into());
    let mut tallies = vec![Tally::default(); names.len()];
    let (mut blank, mut random_rows) = (0, 0);
    for row in &table.rows {
        let cells: Vec<&str> = gold_columns.iter().map(|&i| row.get(i).trim()).collect();
        if cells[..run.labels.len()].iter().all(|c| c.is_empty()) {
            blank += 1;
            continue;
        }
        let key = (
            row.whole_number(sheet_path, doc_id, "doc_id")?,
            row.whole_number(sheet_path, index, "sentence_index")?,
        );
        let sentence = position
            .get(&key)
            .map(|&i| &run.sentences[i])
            .filter(|s| s.text == row.get(text))
            .ok_or_else(|| Error::Data {
                path: sheet_path.to_path_buf(),
                line: row.line,
                reason: format!(
                    "document {} sentence {} is not in {} as the sheet shows it (was the run redone?)",
                    key.0,
                    key.1,
                    run.dir.display()
                ),
            })?;
        let random = row.get(reason) == RANDOM;
        random_rows += usize::from(random);
        let mut model = sentence.labels.clone();
        model.push(sentence.hedged);
        for (k, cell) in cells.iter().enumerate() {
            let person = match *cell {
                "1" => true,
                "0" | "" => false,
                other => {
                    return Err(Error::Data {
                        path: sheet_path.to_path_buf(),
                        line: row.line,
                        reason: format!(
                            "column {}: expected 1, 0 or nothing, found '{other}'",
                            names[k]
                        ),
                    })
                }
            };
            tallies[k].add(model[k], person, random);
        }
    }
    let agreements = names
        .into_iter()
        .zip(tallies)
        .map(|(label, t)| Agreement {
            label,
            reviewed: t.reviewed,
            agreed: t.agreed,
            precision: Estimate::new(t.random_true_positive, t.random_model_positive),
            recall: Estimate::new(t.random_true_positive, t.random_person_positive),
        })
        .collect();
    Ok(Comparison {
        agreements,
        blank,
        random_rows,
    })
}

#[derive(Debug, Clone, Default)]
struct Tally {
    reviewed: usize,
    agreed: usize,
    random_model_positive: usize,
    random_person_positive: usize,
    random_true_positive: usize,
}

impl Tally {
    fn add(&mut self, model: bool, person: bool, random: bool) {
        self.reviewed += 1;
        self.agreed += usize::from(model == person);
        if random {
            self.random_model_positive += usize::from(model);
            self.random_person_positive += usize::from(person);
            self.random_true_positive += usize::from(model && person);
        }
    }
}

impl Comparison {
    /// A Markdown table: agreement per label, and the run's precision and recall
    /// estimated from the random rows with 95% intervals.
    pub fn table(&self) -> String {
        let estimate = |e: &Option<Estimate>| {
            e.map_or_else(
                || "- (no random rows)".to_string(),
                |e| {
                    format!(
                        "{:.2} [{:.2}, {:.2}] ({}/{})",
                        e.value(),
                        e.low,
                        e.high,
                        e.hits,
                        e.n
                    )
                },
            )
        };
        let mut out = String::from(
            "| label | reviewed | agreed with the model | run precision (random sample, 95% CI) | run recall (random sample, 95% CI) |\n|---|---|---|---|---|\n",
        );
        for a in &self.agreements {
            let share = match a.reviewed {
                0 => "-".to_string(),
                n => format!("{:.0}%", 100.0 * a.agreed as f64 / n as f64),
            };
            out.push_str(&format!(
                "| {} | {} | {} ({share}) | {} | {} |\n",
                a.label,
                a.reviewed,
                a.agreed,
                estimate(&a.precision),
                estimate(&a.recall)
            ));
        }
        out.push_str(&format!(
            "\n{} filled rows ({} from the random sample); {} blank rows skipped\n",
            self.agreements.first().map_or(0, |a| a.reviewed),
            self.random_rows,
            self.blank
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(doc_id: u64, index: u64, text: &str, scores: [f32; 2]) -> RunSentence {
        RunSentence {
            doc_id,
            path: format!("doc{doc_id}.txt"),
            sentence_index: index,
            text: text.to_string(),
            lang: "eng".into(),
            labels: scores.iter().map(|&p| p >= 0.5).collect(),
            scores: scores.to_vec(),
            hedged: false,
        }
    }

    fn run(sentences: Vec<RunSentence>) -> RunTable {
        RunTable {
            dir: PathBuf::from("out"),
            labels: vec!["abuse".into(), "refoulement".into()],
            thresholds: vec![0.5, 0.5],
            sentences,
        }
    }

    #[test]
    fn the_most_uncertain_of_each_label_come_first_and_near_duplicates_are_left_out() {
        let run = run(vec![
            sentence(
                1,
                1,
                "Guards beat the men held at the camp in March.",
                [0.52, 0.01],
            ),
            sentence(
                1,
                2,
                "Guards beat the men held at the camp in April.",
                [0.51, 0.01],
            ),
            sentence(1, 3, "The border was closed to all traffic.", [0.01, 0.45]),
            sentence(
                2,
                1,
                "Officials returned forty people to the border.",
                [0.2, 0.9],
            ),
            sentence(2, 2, "The weather was mild that week.", [0.001, 0.001]),
        ]);
        let options = ReviewOptions {
            n: 3,
            random_share: 0.0,
            seed: 1,
        };
        let picked: Vec<(u64, u64)> = select(&run, &options)
            .iter()
            .map(|p| {
                (
                    run.sentences[p.index].doc_id,
                    run.sentences[p.index].sentence_index,
                )
            })
            .collect();
        // Abuse's most uncertain (1,2), refoulement's (1,3); (1,1) repeats (1,2); then
        // abuse's next, (2,1).
        assert_eq!(picked, [(1, 2), (1, 3), (2, 1)]);
    }

    #[test]
    fn the_selection_depends_on_the_seed_only() {
        let sentences = (0..60)
            .map(|i| {
                sentence(
                    i % 4,
                    i,
                    &format!("Sentence number {i} about topic {}.", i * 7),
                    [(i as f32) / 60.0, 0.3],
                )
            })
            .collect();
        let run = run(sentences);
        let options = ReviewOptions {
            n: 20,
            random_share: 0.25,
            seed: 7,
        };
        let first = select(&run, &options);
        assert_eq!(first, select(&run, &options));
        assert_eq!(first.len(), 20);
        assert_eq!(
            first.iter().filter(|p| p.reason == Reason::Random).count(),
            5
        );
        let other_seed = ReviewOptions { seed: 8, ..options };
        assert_ne!(first, select(&run, &other_seed));
    }

    #[test]
    fn wilson_intervals_hold_the_estimate_and_stay_in_bounds() {
        let e = Estimate::new(8, 10).unwrap();
        assert!((e.value() - 0.8).abs() < 1e-12);
        assert!(e.low < 0.8 && e.high > 0.8 && e.low > 0.4 && e.high < 1.0);
        let all = Estimate::new(5, 5).unwrap();
        assert_eq!(all.high, 1.0);
        assert!(Estimate::new(0, 0).is_none());
    }
}
