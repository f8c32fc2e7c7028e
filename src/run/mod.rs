//! The run stage: a document collection through every stage into a dataset.
//!
//! In: [`RunOptions`] (inputs, output folder, model, engine, limits). Out: the dataset
//! tables written by `write/` and `run.json`, and a [`RunSummary`].
//!
//! ingest → segment → model + extract → write, as a pipeline over the whole run:
//!
//! * a reader thread ([`reader`]) reads and splits the documents in order, in a worker
//!   process when the command line runs it (so a file can hang or crash only its worker),
//!   and hands them on through a bounded channel, so reading overlaps with encoding;
//! * the encoder takes windows of a few thousand sentences across documents, classifies
//!   each distinct text once ([`Annotator`]) in batches of one length bucket cut by a
//!   token budget, and saves each document's result as a part file named after its path
//!   and content ([`parts`]): a killed run leaves only whole parts, and `--resume` keeps
//!   those of unchanged files;
//! * documents are numbered in sorted path order, and the dataset is assembled from the
//!   parts and put in place as one set ([`crate::write::commit`]); [`merge`] does the same
//!   for the parts of several shards.
pub mod annotate;
mod assemble;
mod merge;
mod options;
mod parts;
mod progress;
mod reader;
pub mod units;

pub use annotate::{annotate, Annotation, Annotator};
pub use merge::merge;
pub use options::{Extraction, RunOptions, Shard};
pub use parts::{Fingerprint, Manifest, WORK_DIR};

use crate::error::{Error, Result};
use crate::extract::RuleExtractor;
use crate::ingest::{self, Document};
use crate::model::{ClaimClassifier, Classifier};
use crate::record::{DocumentRecord, SentenceRecord};
use crate::segment::RuleSegmenter;
use crate::write::commit;
use assemble::Assembly;
use parts::{inputs_sha256, journal_path, Parts, ShardStart};
use progress::{Progress, Stages};
use reader::{Entry, Item, ReadDocument};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::time::Instant;

/// Sentences per encoder window: thousands, so batches of one length bucket fill up and
/// padding stays small, while the window's memory stays a few megabytes.
const WINDOW_SENTENCES: usize = 4096;
/// Documents the reader may have ready ahead of the encoder.
const READ_AHEAD_DOCUMENTS: usize = 8;

/// Counts and timings of a finished run (also written to `run.json`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunSummary {
    pub documents: usize,
    pub failed: usize,
    pub reused: usize,
    pub sentences: usize,
    /// Sentences whose text appeared earlier in the run and was not classified again.
    pub repeated_sentences: usize,
    /// Sentences in another language than English (scores reported, no labels).
    pub non_english_sentences: usize,
    /// Pieces of units cut at the unit length limit.
    pub cut_sentences: usize,
    pub claims: BTreeMap<String, usize>,
    pub seconds: f64,
    pub stage_seconds: BTreeMap<String, f64>,
    /// Sentences classified by this run per second of its whole time; `None` for `merge`.
    pub sentences_per_second: Option<f64>,
    /// `merge --allow-partial`: the shards that were missing or unfinished.
    pub missing_shards: Vec<String>,
}

/// Runs the whole job; see the module documentation.
pub fn run(options: &RunOptions) -> Result<RunSummary> {
    let started = Instant::now();
    let mut stages = Stages::default();
    let out_dir = &options.out_dir;
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    commit::recover(&journal_path(out_dir))?;
    let segmenter = segmenter(options)?;
    let discovered = stages.time("discover", || ingest::discover(&options.inputs));
    let paths: Vec<PathBuf> = discovered.iter().map(|d| d.path().to_path_buf()).collect();
    let inputs = inputs_sha256(&paths);
    let entries: Vec<Entry> = discovered
        .into_iter()
        .enumerate()
        .map(|(i, found)| Entry {
            doc_id: i + 1,
            skipped: found.skip_reason().map(str::to_string),
            path: found.into_path(),
        })
        .filter(|entry| options.shard.is_none_or(|s| s.includes(entry.doc_id)))
        .collect();

    let classifier = stages.time("load model", || {
        ClaimClassifier::open(&options.model_dir, options.engine.clone())
    })?;
    let fingerprint = parts::Fingerprint::of(options, &classifier)?;
    let parts = Parts::prepare(out_dir, &fingerprint, options.resume)?;
    if let Some(shard) = options.shard {
        parts.write_shard_start(&ShardStart {
            shard,
            inputs_sha256: inputs.clone(),
        })?;
    }
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(options.engine.threads.max(1))
        .build()
        .map_err(|e| {
            Error::Config(format!(
                "cannot start {} threads: {e}",
                options.engine.threads
            ))
        })?;
    let extractor = RuleExtractor::new();
    let mut encoder = Encoder {
        annotator: Annotator::new(&classifier, &extractor).with_threads(&threads),
        parts: &parts,
        progress: Progress::new(entries.len(), options.quiet),
        stages: &mut stages,
        done: Vec::with_capacity(entries.len()),
        reused: 0,
        classified: 0,
    };
    let (sender, receiver) = sync_channel(READ_AHEAD_DOCUMENTS);
    let reading = std::thread::scope(|scope| {
        let reader = scope.spawn(|| reader::read_all(entries, options, &segmenter, &parts, sender));
        let encoded = encoder.encode(receiver);
        let reading = reader.join().expect("the reader thread does not panic");
        encoded.and(reading)
    })?;
    encoder.progress.finish();
    let (mut done, reused, classified, repeats) = (
        std::mem::take(&mut encoder.done),
        encoder.reused,
        encoder.classified,
        encoder.annotator.repeats,
    );
    drop(encoder);
    stages.add("read + segment (reader thread)", reading.reading);

    done.sort_unstable();
    parts.write_manifest(&Manifest {
        inputs_sha256: inputs.clone(),
        entries: paths.len(),
        shard: options.shard,
        fingerprint: fingerprint.clone(),
        documents: done.clone(),
    })?;
    parts.prune(&done)?;
    let assembly = Assembly {
        out_dir,
        parts: &parts,
        format: options.format,
        excel: options.excel,
        formula_guard: options.formula_guard,
        workbook: options.workbook,
        labels: fingerprint.labels.clone(),
        keep_text: options.keep_text,
    };
    let seconds_before_assembly = started.elapsed().as_secs_f64();
    let summary = RunSummary {
        reused,
        repeated_sentences: repeats,
        seconds: seconds_before_assembly,
        sentences_per_second: Some(classified as f64 / seconds_before_assembly.max(1e-9)),
        stage_seconds: stages.0.clone(),
        ..RunSummary::default()
    };
    let assembled = Instant::now();
    let counts = assembly.write(&done, |counts| {
        let mut stage_seconds = summary.stage_seconds.clone();
        stage_seconds.insert("assemble".into(), assembled.elapsed().as_secs_f64());
        let summary = RunSummary {
            stage_seconds,
            ..counts.clone().with_run(&summary)
        };
        run_record(options, &classifier, &fingerprint, &inputs, &summary)
    })?;
    stages.add("assemble", assembled.elapsed().as_secs_f64());
    Ok(RunSummary {
        seconds: started.elapsed().as_secs_f64(),
        stage_seconds: stages.0,
        ..counts.with_run(&summary)
    })
}

/// Completes the switch of a dataset that a killed run or merge left half done, so that
/// a reader of `out_dir` (`claimscan report`) sees one whole set; `false` when there was
/// nothing to complete.
pub fn recover_output(out_dir: &Path) -> Result<bool> {
    commit::recover(&journal_path(out_dir))
}

impl RunSummary {
    /// These document counts with the run's own figures (reuse, repeats, timing).
    fn with_run(self, run: &RunSummary) -> RunSummary {
        RunSummary {
            reused: run.reused,
            repeated_sentences: run.repeated_sentences,
            seconds: run.seconds,
            stage_seconds: run.stage_seconds.clone(),
            sentences_per_second: run.sentences_per_second,
            ..self
        }
    }
}

fn segmenter(options: &RunOptions) -> Result<RuleSegmenter> {
    let segmenter = RuleSegmenter::new();
    match &options.abbreviations {
        Some(path) => segmenter.with_abbreviations_file(path),
        None => Ok(segmenter),
    }
}

/// The main thread's side of the pipeline: windows of read documents through the model,
/// into part files.
struct Encoder<'a> {
    annotator: Annotator<'a>,
    parts: &'a Parts,
    progress: Progress,
    stages: &'a mut Stages,
    /// `(doc_id, part key)` of every document done.
    done: Vec<(usize, String)>,
    reused: usize,
    /// Sentences this run classified (repeats included).
    classified: usize,
}

impl Encoder<'_> {
    fn encode(&mut self, items: Receiver<Item>) -> Result<()> {
        let mut window: Vec<ReadDocument> = Vec::new();
        let mut sentences = 0;
        let mut waiting = Instant::now();
        for item in items {
            self.stages
                .add("waiting for the reader", waiting.elapsed().as_secs_f64());
            match item {
                Item::Reused { entry, key } => {
                    self.reused += 1;
                    self.done.push((entry.doc_id, key));
                    self.progress.document(0);
                }
                Item::Failed { entry, key, error } => {
                    let record = failed_record(&entry, &error);
                    self.progress
                        .report(&format!("{}: {}", record.path, error.reason()));
                    self.parts.write(&key, &record)?;
                    self.done.push((entry.doc_id, key));
                    self.progress.document(0);
                }
                Item::Read(document) => {
                    sentences += document.units.len();
                    window.push(*document);
                    if sentences >= WINDOW_SENTENCES {
                        self.flush(std::mem::take(&mut window))?;
                        sentences = 0;
                    }
                }
            }
            waiting = Instant::now();
        }
        self.flush(window)
    }

    /// Classifies a window's sentences together and saves each document's part.
    fn flush(&mut self, window: Vec<ReadDocument>) -> Result<()> {
        let texts: Vec<&str> = window
            .iter()
            .flat_map(|d| d.units.iter().map(|u| u.segment.text.as_str()))
            .collect();
        let started = Instant::now();
        let mut annotations = self.annotator.annotate(&texts)?.into_iter();
        self.stages
            .add("classify + extract", started.elapsed().as_secs_f64());
        self.classified += texts.len();
        for read in window {
            let annotated: Vec<Annotation> = annotations.by_ref().take(read.units.len()).collect();
            let record = document_record(&read, annotated);
            for warning in &record.warnings {
                self.progress.report(&format!("warning: {warning}"));
            }
            self.stages
                .time("write parts", || self.parts.write(&read.key, &record))?;
            self.done.push((read.entry.doc_id, read.key));
            self.progress.document(read.units.len());
        }
        Ok(())
    }
}

fn document_record(read: &ReadDocument, annotations: Vec<Annotation>) -> DocumentRecord {
    let document: &Document = &read.document;
    let sentences = read
        .units
        .iter()
        .zip(annotations)
        .enumerate()
        .map(|(index, (unit, annotation))| {
            let segment = &unit.segment;
            // Offsets into the file's own text for text formats (see `ingest`).
            let (char_start, char_end) = document.source_span(segment.char_start, segment.char_end);
            SentenceRecord {
                sentence_index: index + 1,
                kind: segment.kind,
                page: document.page_of(segment.char_start),
                char_start,
                char_end,
                text: segment.text.clone(),
                lang: annotation.lang,
                cut: unit.cut,
                labels: annotation.labels,
                probabilities: annotation.probabilities,
                hedged: annotation.attributes.hedged,
                actors: annotation.attributes.actors,
                quantities: annotation.attributes.quantities,
            }
        })
        .collect();
    DocumentRecord {
        doc_id: read.entry.doc_id,
        path: read.entry.path.display().to_string(),
        format: document.format.as_str().to_string(),
        bytes: Some(document.bytes),
        sha256: Some(document.sha256.clone()),
        title: document.title.clone(),
        pages: document.pages(),
        error: None,
        warnings: document.warnings.clone(),
        sentences,
    }
}

fn failed_record(entry: &Entry, error: &Error) -> DocumentRecord {
    let path = &entry.path;
    DocumentRecord {
        doc_id: entry.doc_id,
        path: path.display().to_string(),
        format: extension(path),
        bytes: std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len()),
        // Bounded: the file may be /dev/zero or far over the size limit.
        sha256: ingest::sha256_file_limited(path, ingest::DEFAULT_MAX_BYTES)
            .ok()
            .flatten(),
        title: None,
        pages: 0,
        error: Some(error.reason()),
        warnings: Vec::new(),
        sentences: Vec::new(),
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// `run.json` without the tables' checksums (added when the tables are written).
fn run_record(
    options: &RunOptions,
    classifier: &ClaimClassifier,
    fingerprint: &Fingerprint,
    inputs_sha256: &str,
    summary: &RunSummary,
) -> serde_json::Value {
    serde_json::json!({
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
        "batch_tokens": options.engine.batch_tokens,
        "labels": classifier.labels(),
        "thresholds": fingerprint.thresholds,
        "shard": options.shard,
        "inputs_sha256": inputs_sha256,
        "resume": options.resume,
        "formula_guard": options.formula_guard,
        "counts": {
            "documents": summary.documents,
            "failed": summary.failed,
            "reused_from_previous_run": summary.reused,
            "sentences": summary.sentences,
            "repeated_sentences": summary.repeated_sentences,
            "non_english_sentences": summary.non_english_sentences,
            "cut_sentences": summary.cut_sentences,
            "claims": summary.claims,
        },
        "seconds_before_assembly": summary.seconds,
        "stage_seconds": summary.stage_seconds,
        "sentences_per_second": summary.sentences_per_second,
    })
}
