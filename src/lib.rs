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

use std::path::PathBuf;

/// Where models live: `$CLAIMSCAN_MODELS`, else `models/` in the current directory.
pub fn default_models_dir() -> PathBuf {
    std::env::var_os("CLAIMSCAN_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("models"))
}
