//! `claimscan run`: a document collection through every stage into a dataset.
//!
//! ingest → segment → classify + extract → write. Documents go through in chunks: each
//! chunk is read and segmented in parallel (rayon), its sentences are classified together
//! in length-bucketed batches (libtorch), and every document's result is saved as one
//! part file, written to a temporary name and renamed, so a killed run leaves only whole
//! parts behind. The dataset files are then assembled from the parts in document order,
//! again through temporary files and renames. `--resume` keeps the parts of documents
//! whose content is unchanged; `merge` assembles the parts of several shards.
use crate::annotate::{self, Annotation};
use crate::basemodel::sha256_file;
use crate::classify::{ClaimClassifier, Classifier};
use crate::encode::EncoderSettings;
use crate::error::{Error, Result};
use crate::extract::RuleExtractor;
use crate::ingest::{self, Document, Ingest};
use crate::segment::{RuleSegmenter, Segment, Segmenter, UnitKind};
use crate::write::{Dataset, Format};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where a run keeps its parts, inside the output folder.
pub const WORK_DIR: &str = ".claimscan";
/// Documents per chunk: enough sentences for full batches, few enough to keep memory flat.
const CHUNK_DOCUMENTS: usize = 16;

/// A deterministic subset of the collection: every document whose index modulo `count`
/// is `index - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let invalid = || Error::Config(format!("--shard takes I/N with 1 <= I <= N, got '{s}'"));
        let (index, count) = s.split_once('/').ok_or_else(invalid)?;
        let shard = Shard {
            index: index.trim().parse().map_err(|_| invalid())?,
            count: count.trim().parse().map_err(|_| invalid())?,
        };
        if shard.index == 0 || shard.index > shard.count {
            return Err(invalid());
        }
        Ok(shard)
    }
}

impl Shard {
    fn includes(&self, doc_id: usize) -> bool {
        (doc_id - 1) % self.count == self.index - 1
    }
}

/// Everything a run needs to know.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub model_dir: PathBuf,
    pub engine: EncoderSettings,
    pub max_bytes: u64,
    pub format: Format,
    /// Write a UTF-8 byte-order mark so Excel detects the encoding.
    pub excel: bool,
    pub formula_guard: bool,
    pub resume: bool,
    pub shard: Option<Shard>,
    pub quiet: bool,
    pub abbreviations: Option<PathBuf>,
    pub command_line: Vec<String>,
}

impl RunOptions {
    /// Defaults for everything but what to read, where to write and which model to use.
    pub fn new(inputs: Vec<PathBuf>, out_dir: PathBuf, model_dir: PathBuf) -> Self {
        RunOptions {
            inputs,
            out_dir,
            model_dir,
            engine: EncoderSettings::default(),
            max_bytes: ingest::DEFAULT_MAX_BYTES,
            format: Format::Csv,
            excel: false,
            formula_guard: true,
            resume: false,
            shard: None,
            quiet: false,
            abbreviations: None,
            command_line: std::env::args().collect(),
        }
    }
}

/// One sentence of a document with what the model and the rules said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRecord {
    pub sentence_index: usize,
    pub kind: UnitKind,
    pub page: Option<u32>,
    pub char_start: usize,
    pub char_end: usize,
    pub text: String,
    pub labels: Vec<String>,
    pub probabilities: Vec<f32>,
    pub hedged: bool,
    pub actors: Vec<String>,
    pub quantities: Vec<String>,
}

/// One document: its provenance, status and sentences (none when it failed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub doc_id: usize,
    pub path: String,
    pub format: String,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    pub title: Option<String>,
    pub pages: usize,
    pub error: Option<String>,
    pub sentences: Vec<SentenceRecord>,
}

impl DocumentRecord {
    pub fn failed(&self) -> bool {
        self.error.is_some()
    }
}

/// What identifies the results of a run: documents processed under another model, label
/// set or thresholds must not be mixed with these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub model_weights_sha256: String,
    pub labels: Vec<String>,
    pub thresholds: Vec<f32>,
    pub max_bytes: u64,
    pub abbreviations_sha256: Option<String>,
}

/// Counts and timings of a finished run (also written to `run.json`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunSummary {
    pub documents: usize,
    pub failed: usize,
    pub reused: usize,
    pub sentences: usize,
    pub claims: BTreeMap<String, usize>,
    pub seconds: f64,
    pub stage_seconds: BTreeMap<String, f64>,
    pub sentences_per_second: f64,
}

/// The part file of one document.
fn part_path(work: &Path, doc_id: usize) -> PathBuf {
    work.join("parts").join(format!("{doc_id:08}.json"))
}

fn work_dir(out_dir: &Path) -> PathBuf {
    out_dir.join(WORK_DIR)
}

/// Runs the whole job; see the module documentation.
pub fn run(options: &RunOptions) -> Result<RunSummary> {
    let started = Instant::now();
    let mut stages = Stages::default();
    let paths = stages.time("discover", || ingest::discover(&options.inputs))?;
    let selected: Vec<(usize, PathBuf)> = paths
        .into_iter()
        .enumerate()
        .map(|(i, path)| (i + 1, path))
        .filter(|(doc_id, _)| options.shard.is_none_or(|s| s.includes(*doc_id)))
        .collect();

    let classifier = stages.time("load model", || {
        ClaimClassifier::open(&options.model_dir, options.engine.clone())
    })?;
    let segmenter = segmenter(options)?;
    let fingerprint = fingerprint(options, &classifier)?;
    let work = work_dir(&options.out_dir);
    prepare_work_dir(&work, &fingerprint, options.resume)?;

    let (done, pending): (Vec<_>, Vec<_>) = selected
        .iter()
        .partition(|(doc_id, path)| options.resume && part_is_current(&work, *doc_id, path));
    let progress = progress_bar(pending.len() as u64, options.quiet);
    let extractor = RuleExtractor::new();
    let ingest = Ingest {
        max_bytes: options.max_bytes,
    };
    let mut processed_sentences = 0;
    let mut classify_seconds = 0.0;
    let mut last_line = Instant::now();
    for chunk in pending.chunks(CHUNK_DOCUMENTS) {
        let read = stages.time("read + segment", || {
            chunk
                .par_iter()
                .map(|(doc_id, path)| read_and_segment(&ingest, &segmenter, *doc_id, path))
                .collect::<Vec<_>>()
        });
        let classify_started = Instant::now();
        let records = annotate_chunk(&classifier, &extractor, read)?;
        classify_seconds += classify_started.elapsed().as_secs_f64();
        stages.time("write parts", || {
            records.iter().try_for_each(|r| write_part(&work, r))
        })?;
        for record in &records {
            processed_sentences += record.sentences.len();
            progress.inc(1);
        }
        let message = format!(
            "{processed_sentences} sentences, {:.0}/s",
            processed_sentences as f64 / classify_seconds.max(1e-9)
        );
        // indicatif draws nothing when stderr is not a terminal (batch logs): a line
        // every 10 seconds instead.
        if !options.quiet && !std::io::stderr().is_terminal() && last_line.elapsed().as_secs() >= 10
        {
            eprintln!(
                "[run] {}/{} documents, {message}",
                progress.position(),
                pending.len()
            );
            last_line = Instant::now();
        }
        progress.set_message(message);
    }
    progress.finish_and_clear();
    stages.add("classify + extract", classify_seconds);

    let doc_ids: Vec<usize> = selected.iter().map(|(doc_id, _)| *doc_id).collect();
    let mut summary = stages.time("assemble", || {
        assemble(
            &work,
            &doc_ids,
            &options.out_dir,
            options,
            classifier.labels().names(),
        )
    })?;
    summary.reused = done.len();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.sentences_per_second = processed_sentences as f64 / summary.seconds.max(1e-9);
    summary.stage_seconds = stages.0;
    write_run_json(options, &classifier, &fingerprint, &summary)?;
    Ok(summary)
}

fn segmenter(options: &RunOptions) -> Result<RuleSegmenter> {
    let segmenter = RuleSegmenter::new();
    match &options.abbreviations {
        Some(path) => segmenter.with_abbreviations_file(path),
        None => Ok(segmenter),
    }
}

fn fingerprint(options: &RunOptions, classifier: &ClaimClassifier) -> Result<Fingerprint> {
    Ok(Fingerprint {
        model_weights_sha256: classifier.info().weights_sha256.clone(),
        labels: classifier
            .labels()
            .names()
            .iter()
            .map(|s| s.to_string())
            .collect(),
        thresholds: classifier.thresholds().to_vec(),
        max_bytes: options.max_bytes,
        abbreviations_sha256: options
            .abbreviations
            .as_deref()
            .map(sha256_file)
            .transpose()?,
    })
}

/// Starts a fresh work folder, or on resume checks that the existing parts were made
/// with the same model and settings (else they are discarded).
fn prepare_work_dir(work: &Path, fingerprint: &Fingerprint, resume: bool) -> Result<()> {
    let fingerprint_path = work.join("fingerprint.json");
    let same = std::fs::read_to_string(&fingerprint_path)
        .ok()
        .and_then(|text| serde_json::from_str::<Fingerprint>(&text).ok())
        .is_some_and(|old| &old == fingerprint);
    if !(resume && same) {
        let parts = work.join("parts");
        if parts.exists() {
            std::fs::remove_dir_all(&parts).map_err(|e| Error::io(&parts, e))?;
        }
    }
    let parts = work.join("parts");
    std::fs::create_dir_all(&parts).map_err(|e| Error::io(&parts, e))?;
    let text = serde_json::to_string_pretty(fingerprint).expect("fingerprint serialises");
    write_atomically(&fingerprint_path, text.as_bytes())
}

/// A part can be reused when it exists, is readable, and the file's content is unchanged.
fn part_is_current(work: &Path, doc_id: usize, path: &Path) -> bool {
    let Some(record) = read_part(work, doc_id).ok() else {
        return false;
    };
    record.path == path.display().to_string()
        && !record.failed()
        && record
            .sha256
            .is_some_and(|sha| sha256_file(path).is_ok_and(|now| now == sha))
}

/// A document read and split, or why it could not be.
struct ReadDocument {
    doc_id: usize,
    path: PathBuf,
    result: Result<(Document, Vec<Segment>)>,
}

fn read_and_segment(
    ingest: &Ingest,
    segmenter: &RuleSegmenter,
    doc_id: usize,
    path: &Path,
) -> ReadDocument {
    let result = ingest.read(path).and_then(|document| {
        let segments = segmenter.segment(&document.text);
        if segments.is_empty() {
            return Err(Error::BadInput {
                path: path.to_path_buf(),
                reason: "no sentences found".into(),
            });
        }
        Ok((document, segments))
    });
    ReadDocument {
        doc_id,
        path: path.to_path_buf(),
        result,
    }
}

/// Classifies every sentence of a chunk in one batched pass and builds the records.
fn annotate_chunk(
    classifier: &ClaimClassifier,
    extractor: &RuleExtractor,
    read: Vec<ReadDocument>,
) -> Result<Vec<DocumentRecord>> {
    let texts: Vec<&str> = read
        .iter()
        .filter_map(|doc| doc.result.as_ref().ok())
        .flat_map(|(_, segments)| segments.iter().map(|s| s.text.as_str()))
        .collect();
    let mut annotations = annotate::annotate(classifier, extractor, &texts)?.into_iter();
    Ok(read
        .into_iter()
        .map(|doc| match doc.result {
            Ok((document, segments)) => {
                let annotated: Vec<Annotation> =
                    annotations.by_ref().take(segments.len()).collect();
                document_record(doc.doc_id, &document, &segments, annotated)
            }
            Err(error) => failed_record(doc.doc_id, &doc.path, &error),
        })
        .collect())
}

fn document_record(
    doc_id: usize,
    document: &Document,
    segments: &[Segment],
    annotations: Vec<Annotation>,
) -> DocumentRecord {
    let sentences = segments
        .iter()
        .zip(annotations)
        .enumerate()
        .map(|(index, (segment, annotation))| SentenceRecord {
            sentence_index: index + 1,
            kind: segment.kind,
            page: document.page_of(segment.char_start),
            char_start: segment.char_start,
            char_end: segment.char_end,
            text: segment.text.clone(),
            labels: annotation.labels,
            probabilities: annotation.probabilities,
            hedged: annotation.attributes.hedged,
            actors: annotation.attributes.actors,
            quantities: annotation.attributes.quantities,
        })
        .collect();
    DocumentRecord {
        doc_id,
        path: document.path.display().to_string(),
        format: document.format.as_str().to_string(),
        bytes: Some(document.bytes),
        sha256: Some(document.sha256.clone()),
        title: document.title.clone(),
        pages: document.pages(),
        error: None,
        sentences,
    }
}

fn failed_record(doc_id: usize, path: &Path, error: &Error) -> DocumentRecord {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    DocumentRecord {
        doc_id,
        path: path.display().to_string(),
        format: extension,
        bytes: std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len()),
        sha256: sha256_file(path).ok(),
        title: None,
        pages: 0,
        error: Some(cause(error, path)),
        sentences: Vec::new(),
    }
}

/// The error without the path prefix (the path has its own column).
fn cause(error: &Error, path: &Path) -> String {
    match error {
        Error::BadInput { reason, .. } => reason.clone(),
        Error::Io { source, .. } => source.to_string(),
        other => other
            .to_string()
            .replace(&format!("{}: ", path.display()), ""),
    }
}

fn write_part(work: &Path, record: &DocumentRecord) -> Result<()> {
    let json = serde_json::to_vec(record).expect("records serialise");
    write_atomically(&part_path(work, record.doc_id), &json)
}

fn read_part(work: &Path, doc_id: usize) -> Result<DocumentRecord> {
    let path = part_path(work, doc_id);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Data {
        path,
        line: e.line(),
        reason: e.to_string(),
    })
}

/// Writes to `<path>.tmp`, syncs, then renames: readers see the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let temporary = path.with_extension(format!(
        "{}.tmp",
        path.extension()
            .map(|e| e.to_string_lossy())
            .unwrap_or_default()
    ));
    let mut file = std::fs::File::create(&temporary).map_err(|e| Error::io(&temporary, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io(&temporary, e))?;
    file.sync_all().map_err(|e| Error::io(&temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| Error::io(path, e))
}

/// Writes the dataset files from the parts of `doc_ids`, in that order.
fn assemble(
    work: &Path,
    doc_ids: &[usize],
    out_dir: &Path,
    options: &RunOptions,
    labels: Vec<&str>,
) -> Result<RunSummary> {
    let mut dataset = Dataset::create(
        out_dir,
        options.format,
        options.excel,
        options.formula_guard,
        &labels,
    )?;
    let mut summary = RunSummary::default();
    for &doc_id in doc_ids {
        let record = read_part(work, doc_id)?;
        summary.documents += 1;
        summary.failed += usize::from(record.failed());
        summary.sentences += record.sentences.len();
        for sentence in &record.sentences {
            for label in &sentence.labels {
                *summary.claims.entry(label.clone()).or_default() += 1;
            }
        }
        dataset.add(&record)?;
    }
    dataset.finish()?;
    Ok(summary)
}

/// Combines the parts of shard output folders into `out_dir` and assembles one dataset,
/// identical to what a single run over the whole collection writes.
pub fn merge(shard_dirs: &[PathBuf], options: &RunOptions) -> Result<RunSummary> {
    let started = Instant::now();
    let work = work_dir(&options.out_dir);
    let parts = work.join("parts");
    std::fs::create_dir_all(&parts).map_err(|e| Error::io(&parts, e))?;
    let mut fingerprint: Option<String> = None;
    let mut doc_ids = Vec::new();
    for shard in shard_dirs {
        let shard_work = work_dir(shard);
        let shard_fingerprint = std::fs::read_to_string(shard_work.join("fingerprint.json"))
            .map_err(|e| Error::io(shard_work.join("fingerprint.json"), e))?;
        if fingerprint
            .as_ref()
            .is_some_and(|f| f != &shard_fingerprint)
        {
            return Err(Error::Config(format!(
                "{} was made with another model or settings than the shards before it",
                shard.display()
            )));
        }
        std::fs::write(work.join("fingerprint.json"), &shard_fingerprint)
            .map_err(|e| Error::io(&work, e))?;
        fingerprint = Some(shard_fingerprint);
        for entry in std::fs::read_dir(shard_work.join("parts")).map_err(|e| Error::io(shard, e))? {
            let entry = entry.map_err(|e| Error::io(shard, e))?;
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(doc_id) = name
                .strip_suffix(".json")
                .and_then(|n| n.parse::<usize>().ok())
            else {
                continue;
            };
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            write_atomically(&part_path(&work, doc_id), &bytes)?;
            doc_ids.push(doc_id);
        }
    }
    doc_ids.sort_unstable();
    doc_ids.dedup();
    let labels: Vec<String> =
        serde_json::from_str::<Fingerprint>(fingerprint.as_deref().unwrap_or("{}"))
            .map(|f| f.labels)
            .map_err(|e| Error::Config(format!("unreadable shard fingerprint: {e}")))?;
    let mut summary = assemble(
        &work,
        &doc_ids,
        &options.out_dir,
        options,
        labels.iter().map(String::as_str).collect(),
    )?;
    summary.seconds = started.elapsed().as_secs_f64();
    let run = serde_json::json!({
        "tool": "claimscan",
        "version": env!("CARGO_PKG_VERSION"),
        "command_line": options.command_line,
        "merged_from": shard_dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>(),
        "fingerprint": serde_json::from_str::<serde_json::Value>(fingerprint.as_deref().unwrap_or("null")).ok(),
        "counts": {
            "documents": summary.documents,
            "failed": summary.failed,
            "sentences": summary.sentences,
            "claims": summary.claims,
        },
        "seconds": summary.seconds,
    });
    let text = serde_json::to_string_pretty(&run).expect("run record serialises");
    write_atomically(&options.out_dir.join("run.json"), text.as_bytes())?;
    Ok(summary)
}

fn write_run_json(
    options: &RunOptions,
    classifier: &ClaimClassifier,
    fingerprint: &Fingerprint,
    summary: &RunSummary,
) -> Result<()> {
    let run = serde_json::json!({
        "tool": "claimscan",
        "version": env!("CARGO_PKG_VERSION"),
        "command_line": options.command_line,
        "model": {
            "path": options.model_dir.display().to_string(),
            "name": options.model_dir.file_name().map(|n| n.to_string_lossy().to_string()),
            "weights_sha256": fingerprint.model_weights_sha256,
            "base_model": classifier.info().base_model,
            "base_model_sha256": classifier.info().base_model_sha256,
        },
        "precision": options.engine.precision,
        "threads": options.engine.threads,
        "batch_size": options.engine.batch_size,
        "labels": classifier.labels(),
        "thresholds": fingerprint.thresholds,
        "shard": options.shard,
        "resume": options.resume,
        "counts": {
            "documents": summary.documents,
            "failed": summary.failed,
            "reused_from_previous_run": summary.reused,
            "sentences": summary.sentences,
            "claims": summary.claims,
        },
        "seconds": summary.seconds,
        "stage_seconds": summary.stage_seconds,
        "sentences_per_second": summary.sentences_per_second,
    });
    let text = serde_json::to_string_pretty(&run).expect("run record serialises");
    write_atomically(&options.out_dir.join("run.json"), text.as_bytes())
}

/// Wall-clock seconds per stage.
#[derive(Default)]
struct Stages(BTreeMap<String, f64>);

impl Stages {
    fn time<T>(&mut self, stage: &str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.add(stage, started.elapsed().as_secs_f64());
        result
    }

    fn add(&mut self, stage: &str, seconds: f64) {
        *self.0.entry(stage.to_string()).or_default() += seconds;
    }
}

fn progress_bar(documents: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(documents);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} documents, {msg} [{elapsed} < {eta}]")
            .expect("valid template"),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_documents() {
        let shards: Vec<Shard> = ["1/3", "2/3", "3/3"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        for doc_id in 1..=10 {
            assert_eq!(shards.iter().filter(|s| s.includes(doc_id)).count(), 1);
        }
        assert!(
            "0/3".parse::<Shard>().is_err()
                && "4/3".parse::<Shard>().is_err()
                && "x".parse::<Shard>().is_err()
        );
    }
}
