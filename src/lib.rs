//! claimscan: sentence-level claim classification for human-rights document collections.
//!
//! The pipeline, one module per stage: segment (sentences with exact offsets) →
//! encode (transformer sentence vectors) → classify (multi-label head) → extract
//! (hedging, actors, quantities) → write (spreadsheet-safe CSV / JSON Lines).
pub mod annotate;
pub mod baseline;
pub mod basemodel;
pub mod bench;
pub mod classify;
pub mod dataset;
pub mod encode;
pub mod error;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod labels;
pub mod lines;
pub mod metrics;
pub mod pipeline;
pub mod plot;
pub mod segment;
pub mod train;
pub mod write;

pub use error::{Error, Result};

use std::path::PathBuf;

/// Where models live: `$CLAIMSCAN_MODELS`, else `models/` in the current directory.
pub fn default_models_dir() -> PathBuf {
    std::env::var_os("CLAIMSCAN_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("models"))
}
