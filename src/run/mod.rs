//! The run stage: a document collection through every stage into a dataset.
//!
//! In: [`RunOptions`] (inputs, output folder, model, engine, limits). Out: the dataset
//! tables written by `write/` and `run.json`, and a [`RunSummary`].
//!
//! ingest → segment → model + extract → write. Documents go through in chunks: each
//! chunk is read and segmented in parallel (rayon), its sentences are classified together
//! in length-bucketed batches (libtorch), and every document's result is saved as one
//! part file (`parts`), written to a temporary name and renamed, so a killed run leaves
//! only whole parts behind. The dataset files are then assembled from the parts in
//! document order, again through temporary files and renames. `--resume` keeps the parts
//! of documents whose content is unchanged; [`merge`] assembles the parts of several shards.
pub mod annotate;
mod merge;
mod options;
mod parts;
mod progress;

pub use annotate::{annotate, Annotation};
pub use merge::merge;
pub use options::{RunOptions, Shard};
pub use parts::{Fingerprint, WORK_DIR};

use crate::error::{Error, Result};
use crate::extract::RuleExtractor;
use crate::ingest::{self, Document, Ingest};
use crate::model::{ClaimClassifier, Classifier};
use crate::record::{DocumentRecord, SentenceRecord};
use crate::segment::{RuleSegmenter, Segment, Segmenter};
use crate::write::{write_atomically, Dataset, RecordSink};
use parts::{fingerprint, part_is_current, prepare_work_dir, read_part, work_dir, write_part};
use progress::{progress_bar, Stages};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Documents per chunk: enough sentences for full batches, few enough to keep memory flat.
const CHUNK_DOCUMENTS: usize = 16;

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

/// Runs the whole job; see the module documentation.
pub fn run(options: &RunOptions) -> Result<RunSummary> {
    let started = Instant::now();
    let mut stages = Stages::default();
    let entries = stages.time("discover", || ingest::discover(&options.inputs));
    // Entries that will not be read keep their number and fail with their reason.
    let skipped: BTreeMap<PathBuf, String> = entries
        .iter()
        .filter_map(|e| Some((e.path().to_path_buf(), e.skip_reason()?.to_string())))
        .collect();
    let selected: Vec<(usize, PathBuf)> = entries
        .into_iter()
        .map(ingest::Discovered::into_path)
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
        max_chars: options.max_chars,
    };
    let mut processed_sentences = 0;
    let mut classify_seconds = 0.0;
    let mut last_line = Instant::now();
    for chunk in pending.chunks(CHUNK_DOCUMENTS) {
        let read = stages.time("read + segment", || {
            chunk
                .par_iter()
                .map(|(doc_id, path)| match skipped.get(path) {
                    Some(reason) => ReadDocument {
                        doc_id: *doc_id,
                        path: path.clone(),
                        result: Err(Error::BadInput {
                            path: path.clone(),
                            reason: reason.clone(),
                        }),
                    },
                    None => read_and_segment(&ingest, &segmenter, *doc_id, path),
                })
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
        let mut dataset = Dataset::create(
            &options.out_dir,
            options.format,
            options.excel,
            options.formula_guard,
            &classifier.labels().names(),
        )?;
        let summary = assemble(&work, &doc_ids, &mut dataset)?;
        dataset.finish()?;
        Ok::<_, Error>(summary)
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
    let mut annotations = annotate(classifier, extractor, &texts)?.into_iter();
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
        // Bounded: the file may be /dev/zero or far over the size limit.
        sha256: ingest::sha256_file_limited(path, ingest::DEFAULT_MAX_BYTES)
            .ok()
            .flatten(),
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

/// Feeds the parts of `doc_ids`, in that order, to `sink` and counts what went through.
fn assemble(work: &Path, doc_ids: &[usize], sink: &mut dyn RecordSink) -> Result<RunSummary> {
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
        sink.document(&record)?;
    }
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
