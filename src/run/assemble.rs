//! The dataset of a run, from its parts: the tables (and, with `--keep-text`, each
//! document's text) written under temporary names, then put in place with `run.json` as
//! one set ([`crate::write::commit`]), `run.json` listing the SHA-256 of every table.
use crate::error::{Error, Result};
use crate::record::DocumentRecord;
use crate::write::{commit, write_pending, Dataset, Format, Pending, RecordSink};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::parts::{journal_path, Parts};
use super::RunSummary;

/// How the dataset is written.
pub(crate) struct Assembly<'a> {
    pub out_dir: &'a Path,
    pub parts: &'a Parts,
    pub format: Format,
    pub excel: bool,
    pub formula_guard: bool,
    /// Also write the tables as one Excel workbook.
    pub workbook: bool,
    pub labels: Vec<String>,
    pub keep_text: bool,
}

/// Counts of the documents fed to a sink.
#[derive(Default)]
struct Counter {
    summary: RunSummary,
}

impl RecordSink for Counter {
    fn document(&mut self, record: &DocumentRecord) -> Result<()> {
        let summary = &mut self.summary;
        summary.documents += 1;
        summary.failed += usize::from(record.failed());
        summary.sentences += record.sentences.len();
        for sentence in &record.sentences {
            summary.cut_sentences += usize::from(sentence.cut);
            summary.non_english_sentences += usize::from(sentence.lang != super::units::ENGLISH);
            for label in &sentence.labels {
                *summary.claims.entry(label.clone()).or_default() += 1;
            }
        }
        Ok(())
    }
}

impl Assembly<'_> {
    /// Writes the dataset of `documents` (`(doc_id, part key)` in order) and puts it in
    /// place as one set with `run.json`: what `run` makes of the counts, plus the tables'
    /// SHA-256.
    pub fn write(
        &self,
        documents: &[(usize, String)],
        run: impl FnOnce(&RunSummary) -> serde_json::Value,
    ) -> Result<RunSummary> {
        let labels: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        let mut dataset = Dataset::create(
            self.out_dir,
            self.format,
            self.excel,
            self.formula_guard,
            self.workbook,
            &labels,
        )?;
        let mut counter = Counter::default();
        let mut texts = Vec::new();
        for (doc_id, key) in documents {
            let mut record = self.parts.read(key)?;
            record.doc_id = *doc_id;
            counter.document(&record)?;
            dataset.document(&record)?;
            if self.keep_text && !record.failed() {
                texts.push(self.kept_text(*doc_id, key)?);
            }
        }
        let (mut files, workbook) = dataset.finish()?;
        let tables: BTreeMap<String, String> = files
            .iter()
            .map(|f| {
                Ok((
                    file_name(&f.destination),
                    crate::model::sha256_file(&f.temporary)?,
                ))
            })
            .collect::<Result<_>>()?;
        let mut run = run(&counter.summary);
        run["tables"] = serde_json::json!(tables);
        if let Some(workbook) = workbook {
            files.push(workbook.finish(&run)?);
        }
        let text = serde_json::to_string_pretty(&run).expect("run record serialises") + "\n";
        files.extend(texts);
        let mut stale = stale_texts(self.out_dir, &files);
        if !self.workbook {
            // A workbook of an earlier run would no longer match the tables.
            stale.push(self.out_dir.join(crate::write::dataset::WORKBOOK));
        }
        files.push(write_pending(
            &self.out_dir.join("run.json"),
            text.as_bytes(),
        )?);
        commit::commit(&journal_path(self.out_dir), files)?;
        for path in stale {
            let _ = std::fs::remove_file(path);
        }
        Ok(counter.summary)
    }

    /// The kept text of a document, copied under a temporary name into `text/`.
    fn kept_text(&self, doc_id: usize, key: &str) -> Result<Pending> {
        let folder = self.out_dir.join("text");
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        let destination = folder.join(format!("{doc_id}.txt"));
        let temporary = folder.join(format!(".{doc_id}.txt.tmp"));
        let source = self.parts.text_path(key);
        std::fs::copy(&source, &temporary).map_err(|e| Error::io(&source, e))?;
        Ok(Pending {
            temporary,
            destination,
        })
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Texts in `text/` from an earlier run that the new set does not replace.
fn stale_texts(out_dir: &Path, files: &[Pending]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(out_dir.join("text")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|path| {
            !files
                .iter()
                .any(|f| &f.destination == path || &f.temporary == path)
        })
        .collect()
}
