//! What the report shows, gathered from the tables of a finished run: the documents with
//! their units and claims, and the overview's figures.
use crate::error::{Error, Result};
use std::collections::{BTreeMap, HashMap};

use crate::record::output::{RunFiles, Table};
use crate::record::sheet::Row;

/// One claim of a unit: a label the unit was given, with its score and `claims.csv` row.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Claim {
    /// Index into [`Report::labels`].
    pub label: usize,
    pub score: f32,
    pub claim_id: String,
    /// The claim's row in the claims table: in `claims.csv` counting the header as row 1,
    /// as spreadsheets do; in `claims.jsonl` its line.
    pub row: usize,
}

/// One unit (sentence, heading, list item) of a document.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub index: u64,
    pub kind: String,
    pub page: Option<u64>,
    pub text: String,
    pub hedged: bool,
    pub actors: Vec<String>,
    pub claims: Vec<Claim>,
}

/// One document of the run, failed ones included (without units).
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub doc_id: u64,
    pub path: String,
    pub title: String,
    pub format: String,
    pub pages: u64,
    pub error: String,
    pub units: Vec<Unit>,
    /// Claims per label, in label order.
    pub claims_per_label: Vec<usize>,
}

/// Everything the page shows.
pub(crate) struct Report {
    pub run: serde_json::Value,
    pub labels: Vec<String>,
    pub documents: Vec<Document>,
    /// `(path, error)` of every document that failed.
    pub errors: Vec<(String, String)>,
    pub sentences: usize,
    /// The claims table's file name (`claims.csv` or `claims.jsonl`), which claims link to.
    pub claims_file: String,
}

impl Report {
    pub fn from_files(files: RunFiles) -> Result<Report> {
        let labels = labels(&files.run, &files.sentences);
        let mut documents = documents(&files.documents, labels.len())?;
        let by_id: HashMap<u64, usize> = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.doc_id, i))
            .collect();
        let mut claims = claims_by_unit(&files.claims, &labels)?;
        let sentences = files.sentences.rows.len();
        for (doc_id, unit) in units(&files.sentences, &mut claims)? {
            let Some(&position) = by_id.get(&doc_id) else {
                return Err(unknown_document(&files.sentences, doc_id));
            };
            let document = &mut documents[position];
            for claim in &unit.claims {
                document.claims_per_label[claim.label] += 1;
            }
            document.units.push(unit);
        }
        Ok(Report {
            labels,
            documents,
            errors: errors(&files.errors)?,
            sentences,
            claims_file: files.claims.file_name(),
            run: files.run,
        })
    }

    /// Claims per label over the whole run.
    pub fn claims_per_label(&self) -> Vec<usize> {
        let mut total = vec![0; self.labels.len()];
        for document in &self.documents {
            for (sum, n) in total.iter_mut().zip(&document.claims_per_label) {
                *sum += n;
            }
        }
        total
    }

    /// The most frequent actors of each label's claims, most frequent first (ties by name).
    pub fn top_actors(&self, per_label: usize) -> Vec<Vec<(String, usize)>> {
        let mut counts: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); self.labels.len()];
        for unit in self.documents.iter().flat_map(|d| &d.units) {
            for claim in &unit.claims {
                for actor in &unit.actors {
                    *counts[claim.label].entry(actor).or_default() += 1;
                }
            }
        }
        counts
            .into_iter()
            .map(|actors| {
                let mut actors: Vec<(String, usize)> = actors
                    .into_iter()
                    .map(|(a, n)| (a.to_string(), n))
                    .collect();
                actors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                actors.truncate(per_label);
                actors
            })
            .collect()
    }
}

/// The labels in the classifier's order: from `run.json` (a run's label set, a merge's
/// fingerprint), else from the score columns `p_<label>` of the sentences table.
fn labels(run: &serde_json::Value, sentences: &Table) -> Vec<String> {
    let names = |list: &serde_json::Value, key: Option<&str>| -> Option<Vec<String>> {
        list.as_array()?
            .iter()
            .map(|l| key.map_or(l, |k| &l[k]).as_str().map(str::to_string))
            .collect()
    };
    names(&run["labels"]["label"], Some("name"))
        .or_else(|| names(&run["fingerprint"]["labels"], None))
        .unwrap_or_else(|| {
            sentences
                .header
                .iter()
                .filter_map(|c| c.strip_prefix("p_"))
                .map(str::to_string)
                .collect()
        })
}

/// The whole number in column `column` of `row`.
fn number(table: &Table, row: &Row, column: usize) -> Result<u64> {
    row.whole_number(&table.path, column, &table.header[column])
}

fn unknown_document(table: &Table, doc_id: u64) -> Error {
    Error::Data {
        path: table.path.clone(),
        line: 0,
        reason: format!("doc_id {doc_id} is not in the documents table"),
    }
}

fn documents(table: &Table, labels: usize) -> Result<Vec<Document>> {
    let [id, path, title, format, pages, error] =
        table.columns(["doc_id", "path", "title", "format", "pages", "error"])?;
    table
        .rows
        .iter()
        .map(|row| {
            Ok(Document {
                doc_id: number(table, row, id)?,
                path: row.get(path).to_string(),
                title: row.get(title).to_string(),
                format: row.get(format).to_string(),
                pages: number(table, row, pages).unwrap_or(0),
                error: row.get(error).to_string(),
                units: Vec::new(),
                claims_per_label: vec![0; labels],
            })
        })
        .collect()
}

/// The claims of `claims.csv`, keyed by `(doc_id, sentence_index)`, in file order.
fn claims_by_unit(table: &Table, labels: &[String]) -> Result<HashMap<(u64, u64), Vec<Claim>>> {
    let [claim_id, doc_id, index, label, score] =
        table.columns(["claim_id", "doc_id", "sentence_index", "label", "score"])?;
    let mut claims: HashMap<(u64, u64), Vec<Claim>> = HashMap::new();
    for (i, row) in table.rows.iter().enumerate() {
        let Some(label_index) = labels.iter().position(|l| l == row.get(label)) else {
            return Err(Error::Data {
                path: table.path.clone(),
                line: row.line,
                reason: format!(
                    "label '{}' has no score column in sentences",
                    row.get(label)
                ),
            });
        };
        claims
            .entry((number(table, row, doc_id)?, number(table, row, index)?))
            .or_default()
            .push(Claim {
                label: label_index,
                score: row.get(score).parse().unwrap_or(f32::NAN),
                claim_id: row.get(claim_id).to_string(),
                row: i + table.first_row_number,
            });
    }
    Ok(claims)
}

/// The units of the sentences table with their claims, as `(doc_id, unit)`.
fn units(table: &Table, claims: &mut HashMap<(u64, u64), Vec<Claim>>) -> Result<Vec<(u64, Unit)>> {
    let [doc_id, index, kind, page, text, hedged, actors] = table.columns([
        "doc_id",
        "sentence_index",
        "kind",
        "page",
        "text",
        "hedged",
        "actors",
    ])?;
    table
        .rows
        .iter()
        .map(|row| {
            let id = number(table, row, doc_id)?;
            let sentence_index = number(table, row, index)?;
            Ok((
                id,
                Unit {
                    index: sentence_index,
                    kind: row.get(kind).to_string(),
                    page: row.get(page).parse().ok(),
                    text: row.get(text).to_string(),
                    hedged: row.get(hedged) == "1",
                    actors: split_list(row.get(actors)),
                    claims: claims.remove(&(id, sentence_index)).unwrap_or_default(),
                },
            ))
        })
        .collect()
}

/// A `; `-separated cell as its items.
fn split_list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn errors(table: &Table) -> Result<Vec<(String, String)>> {
    let [path, error] = table.columns(["path", "error"])?;
    Ok(table
        .rows
        .iter()
        .map(|row| (row.get(path).to_string(), row.get(error).to_string()))
        .collect())
}
