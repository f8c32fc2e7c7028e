//! claimscan: sentence-level claim classification for human-rights document collections.
//!
//! The pipeline, one module per stage, in order:
//!
//! 1. [`ingest`]: files (txt, md, html, pdf, docx) → plain text with page boundaries;
//! 2. [`segment`]: text → sentences, headings and list items with exact character offsets;
//! 3. [`model`]: sentences → one probability per label (fine-tuned transformer on libtorch);
//! 4. [`extract`]: sentences → hedging, actors and quantities (rules);
//! 5. [`run`]: a whole collection through the stages above, in parallel, resumable, sharded;
//! 6. [`write`]: records → CSV and JSON Lines that open cleanly in spreadsheets.
//!
//! [`record`] holds the types that flow from `run` to `write`; [`evaluate`] measures
//! quality and speed; [`error`] is the one error type.
//!
//! # Example
//!
//! Splitting needs no model:
//!
//! ```
//! use claimscan::segment::{RuleSegmenter, Segmenter};
//!
//! let text = "Police detained 40 people in May. The ministry said they would be returned.";
//! let units = RuleSegmenter::new().segment(text);
//! assert_eq!(units.len(), 2);
//! assert_eq!(&text[units[1].byte_start..units[1].byte_end], units[1].text);
//! ```
//!
//! Reading a folder, classifying every sentence and writing the dataset needs a trained
//! classifier (`claimscan train`):
//!
//! ```no_run
//! use claimscan::run::{run, RunOptions};
//! use std::path::PathBuf;
//!
//! let options = RunOptions::new(
//!     vec![PathBuf::from("reports/")],
//!     PathBuf::from("output"),
//!     claimscan::default_models_dir().join(claimscan::model::DEFAULT_CLASSIFIER),
//! );
//! let summary = run(&options)?;
//! println!("{} sentences, {} documents failed", summary.sentences, summary.failed);
//! # Ok::<(), claimscan::Error>(())
//! ```
//!
//! Classifying sentences directly:
//!
//! ```no_run
//! use claimscan::model::{ClaimClassifier, Classifier, EncoderSettings};
//!
//! let dir = claimscan::default_models_dir().join(claimscan::model::DEFAULT_CLASSIFIER);
//! let classifier = ClaimClassifier::open(&dir, EncoderSettings::default())?;
//! let scores = classifier.probabilities(&["Guards beat the detainees."])?;
//! println!("{:?} {:?}", classifier.labels().names(), scores[0]);
//! # Ok::<(), claimscan::Error>(())
//! ```

// The stages, in pipeline order.
pub mod ingest;
pub mod segment;
pub mod model;
pub mod extract;
pub mod run;
pub mod write;

// What flows between the stages, and what measures them.
pub mod error;
pub mod evaluate;
pub mod record;

pub use error::{Error, Result};

use std::path::{Path, PathBuf};

/// Where models live: `$CLAIMSCAN_MODELS`; else the first of these that holds claimscan's
/// models: `models/` in the current directory, `models/` beside the executable (or in
/// the repository it was built from), the user's data directory
/// (`~/.local/share/claimscan/models`). When none does (a new machine before `setup`),
/// the user's data directory.
pub fn default_models_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CLAIMSCAN_MODELS") {
        return PathBuf::from(dir);
    }
    let candidates = models_dir_candidates();
    candidates
        .iter()
        .find(|dir| holds_models(dir))
        .or(candidates.last())
        .cloned()
        .unwrap_or_else(|| PathBuf::from("models"))
}

/// The folders [`default_models_dir`] looks in, in order.
pub fn models_dir_candidates() -> Vec<PathBuf> {
    let mut candidates = vec![PathBuf::from("models")];
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        candidates.push(exe_dir.join("models"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("models"));
    if let Some(data) = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share")))
    {
        candidates.push(data.join("claimscan").join("models"));
    }
    candidates
}

/// A folder with the base model, the default classifier or the label set in it.
fn holds_models(dir: &Path) -> bool {
    [
        model::provision::BASE_MODEL_NAME,
        model::DEFAULT_CLASSIFIER,
        "labels.toml",
    ]
    .iter()
    .any(|entry| dir.join(entry).exists())
}
