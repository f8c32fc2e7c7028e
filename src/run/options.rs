//! What a run is asked to do: inputs, output folder, model, engine, limits, output format
//! and the shard of the collection.
use crate::error::{Error, Result};
use crate::ingest;
use crate::model::EncoderSettings;
use crate::write::Format;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

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
    pub(crate) fn includes(&self, doc_id: usize) -> bool {
        (doc_id - 1) % self.count == self.index - 1
    }
}

/// How documents are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extraction {
    /// In this process: a file that hangs or crashes the parser hangs or crashes the run.
    InProcess,
    /// In a worker process, the claimscan executable at this path
    /// ([`ingest::worker::IsolatedReader`]): a file costs at most the time budget and
    /// never the run. The command line uses this.
    Worker(PathBuf),
}

/// Everything a run needs to know.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub model_dir: PathBuf,
    pub engine: EncoderSettings,
    pub max_bytes: u64,
    /// Documents with more chars of text than this are refused (`ingest::Ingest::max_chars`).
    pub max_chars: usize,
    /// Seconds one document's extraction may take ([`Extraction::Worker`] only; 0: no limit).
    pub max_seconds_per_file: u64,
    pub extraction: Extraction,
    pub format: Format,
    /// Write a UTF-8 byte-order mark so Excel detects the encoding.
    pub excel: bool,
    pub formula_guard: bool,
    /// Also write the tables as one Excel workbook (`claimscan.xlsx`).
    pub workbook: bool,
    pub resume: bool,
    pub shard: Option<Shard>,
    /// No progress bar and no summary (errors and warnings are still printed).
    pub quiet: bool,
    pub abbreviations: Option<PathBuf>,
    /// Write each document's text (what the offsets index) to `text/<doc_id>.txt`.
    pub keep_text: bool,
    /// `merge` only: write the shards that are complete even when others are missing.
    pub allow_partial: bool,
    /// The command line as the user typed it, recorded in `run.json` (set by the caller).
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
            max_chars: ingest::DEFAULT_MAX_CHARS,
            max_seconds_per_file: ingest::worker::DEFAULT_MAX_SECONDS,
            extraction: Extraction::InProcess,
            format: Format::Csv,
            excel: false,
            formula_guard: true,
            workbook: false,
            resume: false,
            shard: None,
            quiet: false,
            abbreviations: None,
            keep_text: false,
            allow_partial: false,
            command_line: Vec::new(),
        }
    }
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
