//! The dataset of a run: the `sentences`, `claims`, `documents` and `errors` tables.
use crate::error::{Error, Result};
use crate::record::DocumentRecord;
use std::io::Write;
use std::path::Path;

use super::{neutralise_formula, write_error, Format, Pending, RecordSink};

/// One cell of a dataset row: typed, so JSON Lines keeps numbers as numbers while CSV
/// writes every cell as text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u64),
    /// A probability: 4 decimals in CSV.
    Score(f32),
    Empty,
}

impl Cell {
    /// The cell as CSV writes it.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Score(p) => format!("{p:.4}"),
            Cell::Empty => String::new(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(text) => serde_json::Value::from(text.as_str()),
            Cell::Count(n) => serde_json::Value::from(*n),
            Cell::Score(p) => serde_json::Value::from((f64::from(*p) * 1e4).round() / 1e4),
            Cell::Empty => serde_json::Value::Null,
        }
    }
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn optional_count(value: Option<u64>) -> Cell {
    value.map_or(Cell::Empty, Cell::Count)
}

/// One output table (`<name>.csv` or `<name>.jsonl`), written to a temporary file that
/// the caller puts in place with the rest of the set ([`super::commit`]).
struct Table {
    columns: Vec<String>,
    formula_guard: bool,
    temporary: std::path::PathBuf,
    path: std::path::PathBuf,
    csv: Option<csv::Writer<std::io::BufWriter<std::fs::File>>>,
    jsonl: Option<std::io::BufWriter<std::fs::File>>,
}

impl Table {
    fn create(
        dir: &Path,
        name: &str,
        columns: Vec<String>,
        format: Format,
        excel: bool,
        formula_guard: bool,
    ) -> Result<Self> {
        let extension = match format {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        };
        let path = dir.join(format!("{name}.{extension}"));
        let temporary = dir.join(format!(".{name}.{extension}.tmp"));
        let file = std::fs::File::create(&temporary).map_err(|e| Error::io(&temporary, e))?;
        let mut out = std::io::BufWriter::new(file);
        let mut table = Table {
            columns,
            formula_guard,
            temporary,
            path,
            csv: None,
            jsonl: None,
        };
        match format {
            Format::Csv => {
                if excel {
                    out.write_all(b"\xEF\xBB\xBF")
                        .map_err(|e| Error::io(&table.temporary, e))?;
                }
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(&table.columns).map_err(write_error)?;
                table.csv = Some(csv);
            }
            Format::Jsonl => table.jsonl = Some(out),
        }
        Ok(table)
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        debug_assert_eq!(cells.len(), self.columns.len());
        if let Some(csv) = &mut self.csv {
            let texts = cells.iter().map(|cell| match (cell, self.formula_guard) {
                (Cell::Text(t), true) => neutralise_formula(t).into_owned(),
                (other, _) => other.to_text(),
            });
            csv.write_record(texts).map_err(write_error)?;
        }
        if let Some(out) = &mut self.jsonl {
            let object: serde_json::Map<String, serde_json::Value> = self
                .columns
                .iter()
                .cloned()
                .zip(cells.iter().map(Cell::json))
                .collect();
            serde_json::to_writer(&mut *out, &object).map_err(write_error)?;
            out.write_all(b"\n")
                .map_err(|e| Error::io(&self.temporary, e))?;
        }
        Ok(())
    }

    fn finish(self) -> Result<Pending> {
        let out = match (self.csv, self.jsonl) {
            (Some(csv), _) => csv
                .into_inner()
                .map_err(|e| Error::io(&self.temporary, e.into_error()))?,
            (_, Some(out)) => out,
            _ => unreachable!("a table has one writer"),
        };
        let file = out
            .into_inner()
            .map_err(|e| Error::io(&self.temporary, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.temporary, e))?;
        Ok(Pending {
            temporary: self.temporary,
            destination: self.path,
        })
    }
}

/// The dataset of a run: `sentences`, `claims`, `documents` and `errors` tables, and
/// optionally the same tables as one Excel workbook.
pub struct Dataset {
    /// In [`TABLES`] order.
    tables: Vec<Table>,
    workbook: Option<super::Workbook>,
    labels: Vec<String>,
}

/// The tables of a dataset, in order.
pub const TABLES: [&str; 4] = ["sentences", "claims", "documents", "errors"];
const SENTENCES: usize = 0;
const CLAIMS: usize = 1;
const DOCUMENTS: usize = 2;
const ERRORS: usize = 3;

/// The workbook a dataset writes beside its tables with `workbook: true`.
pub const WORKBOOK: &str = "claimscan.xlsx";

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

impl Dataset {
    /// Opens the four tables in `dir` (temporary files until [`Dataset::finish`]), and
    /// with `workbook` [`WORKBOOK`] too.
    pub fn create(
        dir: &Path,
        format: Format,
        excel: bool,
        formula_guard: bool,
        workbook: bool,
        labels: &[&str],
    ) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut sentence_columns = columns(&[
            "doc_id",
            "path",
            "sentence_index",
            "kind",
            "page",
            "char_start",
            "char_end",
            "text",
            "labels",
        ]);
        sentence_columns.extend(labels.iter().map(|l| format!("p_{l}")));
        sentence_columns.extend(columns(&["hedged", "actors", "quantities", "lang", "cut"]));
        let mut document_columns = columns(&[
            "doc_id",
            "path",
            "format",
            "bytes",
            "sha256",
            "title",
            "pages",
            "sentences",
        ]);
        document_columns.extend(labels.iter().map(|l| format!("n_{l}")));
        document_columns.extend(columns(&["status", "error", "warnings"]));
        let claim_columns = columns(&[
            "claim_id",
            "doc_id",
            "path",
            "page",
            "sentence_index",
            "label",
            "score",
            "hedged",
            "actors",
            "quantities",
            "text",
            "context_before",
            "context_after",
            "char_start",
            "char_end",
        ]);
        let all_columns = [
            sentence_columns,
            claim_columns,
            document_columns,
            columns(&["doc_id", "path", "error"]),
        ];
        let tables = TABLES
            .iter()
            .zip(&all_columns)
            .map(|(name, columns)| {
                Table::create(dir, name, columns.clone(), format, excel, formula_guard)
            })
            .collect::<Result<_>>()?;
        let workbook = match workbook {
            true => {
                let sheets: Vec<(&str, Vec<String>)> =
                    TABLES.into_iter().zip(all_columns).collect();
                let path = dir.join(WORKBOOK);
                Some(super::Workbook::create(
                    &path,
                    &sheets,
                    super::workbook::EXCEL_MAX_ROWS,
                )?)
            }
            false => None,
        };
        Ok(Dataset {
            tables,
            workbook,
            labels: labels.iter().map(|l| l.to_string()).collect(),
        })
    }

    fn row(&mut self, table: usize, cells: &[Cell]) -> Result<()> {
        self.tables[table].row(cells)?;
        match &mut self.workbook {
            Some(workbook) => workbook.row(table, cells),
            None => Ok(()),
        }
    }

    /// Adds one document's rows to every table.
    pub fn add(&mut self, record: &DocumentRecord) -> Result<()> {
        let doc_id = Cell::Count(record.doc_id as u64);
        let path = text(&record.path);
        let sentences = &record.sentences;
        for (i, sentence) in sentences.iter().enumerate() {
            let page = optional_count(sentence.page.map(u64::from));
            let hedged = Cell::Count(u64::from(sentence.hedged));
            let actors = text(sentence.actors.join("; "));
            let quantities = text(sentence.quantities.join("; "));
            let mut row = vec![
                doc_id.clone(),
                path.clone(),
                Cell::Count(sentence.sentence_index as u64),
                text(sentence.kind.as_str()),
                page.clone(),
                Cell::Count(sentence.char_start as u64),
                Cell::Count(sentence.char_end as u64),
                text(&sentence.text),
                text(sentence.labels.join(";")),
            ];
            row.extend(sentence.probabilities.iter().map(|&p| Cell::Score(p)));
            row.extend([
                hedged.clone(),
                actors.clone(),
                quantities.clone(),
                text(&sentence.lang),
                Cell::Count(u64::from(sentence.cut)),
            ]);
            self.row(SENTENCES, &row)?;

            let neighbour = |index: Option<usize>| {
                text(
                    index
                        .and_then(|j| sentences.get(j))
                        .map_or("", |s| s.text.as_str()),
                )
            };
            for label in &sentence.labels {
                let score = self
                    .labels
                    .iter()
                    .position(|l| l == label)
                    .map_or(Cell::Empty, |j| Cell::Score(sentence.probabilities[j]));
                self.row(
                    CLAIMS,
                    &[
                        text(format!(
                            "{}-{}-{label}",
                            record.doc_id, sentence.sentence_index
                        )),
                        doc_id.clone(),
                        path.clone(),
                        page.clone(),
                        Cell::Count(sentence.sentence_index as u64),
                        text(label),
                        score,
                        hedged.clone(),
                        actors.clone(),
                        quantities.clone(),
                        text(&sentence.text),
                        neighbour(i.checked_sub(1)),
                        neighbour(Some(i + 1)),
                        Cell::Count(sentence.char_start as u64),
                        Cell::Count(sentence.char_end as u64),
                    ],
                )?;
            }
        }
        let mut row = vec![
            doc_id.clone(),
            path.clone(),
            text(&record.format),
            optional_count(record.bytes),
            record.sha256.as_ref().map_or(Cell::Empty, text),
            record.title.as_ref().map_or(Cell::Empty, text),
            Cell::Count(record.pages as u64),
            Cell::Count(sentences.len() as u64),
        ];
        row.extend(self.labels.iter().map(|label| {
            Cell::Count(
                sentences
                    .iter()
                    .filter(|s| s.labels.contains(label))
                    .count() as u64,
            )
        }));
        row.push(text(if record.failed() { "error" } else { "ok" }));
        row.push(record.error.as_ref().map_or(Cell::Empty, text));
        row.push(text(record.warnings.join("; ")));
        self.row(DOCUMENTS, &row)?;
        if let Some(error) = &record.error {
            self.row(ERRORS, &[doc_id, path, text(error)])?;
        }
        Ok(())
    }

    /// Flushes and syncs every table; returns them, still under temporary names, for
    /// [`super::commit`] to put in place as one set, with the workbook still to be
    /// finished with the run's metadata.
    pub fn finish(self) -> Result<(Vec<Pending>, Option<super::Workbook>)> {
        let tables = self
            .tables
            .into_iter()
            .map(Table::finish)
            .collect::<Result<_>>()?;
        Ok((tables, self.workbook))
    }
}

impl RecordSink for Dataset {
    fn document(&mut self, record: &DocumentRecord) -> Result<()> {
        self.add(record)
    }
}
