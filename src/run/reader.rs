//! The reader thread: reads and splits the documents of a run in order, one at a time, and
//! hands them to the encoder through a bounded channel, so reading overlaps with encoding
//! while at most a few documents wait in memory. Reading is a small share of the work: it
//! runs on this one thread (and its extraction worker process) beside the encoder's
//! threads.
use crate::error::{Error, Result};
use crate::ingest::worker::{IsolatedReader, Limits};
use crate::ingest::{self, Document, Ingest};
use crate::segment::{RuleSegmenter, Segmenter};
use std::path::PathBuf;
use std::sync::mpsc::SyncSender;
use std::time::Instant;

use super::options::Extraction;
use super::parts::{part_key, Parts};
use super::units::{limit_length, Unit, MAX_UNIT_CHARS};
use super::RunOptions;

/// One entry of the collection, numbered by its place in the sorted list of entries.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub doc_id: usize,
    pub path: PathBuf,
    /// Why discovery will not read it (a FIFO, a dangling link ...).
    pub skipped: Option<String>,
}

/// What the reader says about one entry, in entry order.
pub(crate) enum Item {
    Read(Box<ReadDocument>),
    /// The part saved by an earlier run is current (`--resume`).
    Reused {
        entry: Entry,
        key: String,
    },
    Failed {
        entry: Entry,
        key: String,
        error: Error,
    },
}

/// A document read and cut into units.
pub(crate) struct ReadDocument {
    pub entry: Entry,
    pub key: String,
    pub document: Document,
    pub units: Vec<Unit>,
}

/// Seconds the reader spent reading and splitting, and waiting for the encoder.
#[derive(Debug, Default)]
pub(crate) struct ReaderTimes {
    pub reading: f64,
    pub waiting: f64,
}

/// Reads every entry and sends what it found, in order; stops early when the receiver is
/// gone. An error is returned only when reading cannot go on at all (no extraction worker
/// can be started); everything about one file is that file's [`Item::Failed`].
pub(crate) fn read_all(
    entries: Vec<Entry>,
    options: &RunOptions,
    segmenter: &RuleSegmenter,
    parts: &Parts,
    sender: SyncSender<Item>,
) -> Result<ReaderTimes> {
    let mut source = Source::new(options);
    let mut times = ReaderTimes::default();
    for entry in entries {
        let started = Instant::now();
        let item = read_one(entry, options, segmenter, parts, &mut source)?;
        times.reading += started.elapsed().as_secs_f64();
        let started = Instant::now();
        if sender.send(item).is_err() {
            break;
        }
        times.waiting += started.elapsed().as_secs_f64();
    }
    Ok(times)
}

fn read_one(
    entry: Entry,
    options: &RunOptions,
    segmenter: &RuleSegmenter,
    parts: &Parts,
    source: &mut Source,
) -> Result<Item> {
    // Bounded: the entry may be /dev/zero or far over the size limit.
    let content_sha256 = ingest::sha256_file_limited(&entry.path, options.max_bytes)
        .ok()
        .flatten();
    let key = part_key(&entry.path, content_sha256.as_deref());
    if let Some(reason) = &entry.skipped {
        let error = Error::BadInput {
            path: entry.path.clone(),
            reason: reason.clone(),
        };
        return Ok(Item::Failed { entry, key, error });
    }
    if options.resume && content_sha256.is_some() && parts.reusable(&key, options.keep_text) {
        return Ok(Item::Reused { entry, key });
    }
    let document = match source.read(&entry) {
        Ok(document) => document,
        Err(error @ Error::Config(_)) => return Err(error),
        Err(error) => return Ok(Item::Failed { entry, key, error }),
    };
    let segments = segmenter.segment(&document.text);
    if segments.is_empty() {
        let error = Error::BadInput {
            path: entry.path.clone(),
            reason: "no sentences found".into(),
        };
        return Ok(Item::Failed { entry, key, error });
    }
    if options.keep_text {
        crate::write::write_atomically(&parts.text_path(&key), document.source().as_bytes())?;
    }
    let units = limit_length(&document.text, segments, MAX_UNIT_CHARS);
    Ok(Item::Read(Box::new(ReadDocument {
        entry,
        key,
        document,
        units,
    })))
}

/// Where documents are read: in this process or in a worker process.
enum Source {
    InProcess(Ingest),
    Worker(IsolatedReader),
}

impl Source {
    fn new(options: &RunOptions) -> Self {
        let ingest = Ingest {
            max_bytes: options.max_bytes,
            max_chars: options.max_chars,
        };
        match &options.extraction {
            Extraction::InProcess => Source::InProcess(ingest),
            Extraction::Worker(exe) => Source::Worker(IsolatedReader::new(
                exe.clone(),
                Limits {
                    max_bytes: ingest.max_bytes,
                    max_chars: ingest.max_chars,
                    max_seconds: options.max_seconds_per_file,
                    ..Limits::default()
                },
            )),
        }
    }

    fn read(&mut self, entry: &Entry) -> Result<Document> {
        match self {
            Source::InProcess(ingest) => ingest.read(&entry.path),
            Source::Worker(reader) => reader.read(&entry.path),
        }
    }
}
