//! The records that flow from `run/` to `write/`: one document with its provenance and its
//! sentences, each with what the model and the rules said about it. `run/` saves them as
//! part files (JSON) and `write/` turns them into the dataset tables.
pub mod output;
pub mod sheet;

use crate::segment::UnitKind;
use serde::{Deserialize, Serialize};

/// One sentence of a document with what the model and the rules said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRecord {
    pub sentence_index: usize,
    pub kind: UnitKind,
    pub page: Option<u32>,
    /// Span in the document's text (for .txt and .md the file's decoded text, for the
    /// other formats the extracted text), in chars, end exclusive.
    pub char_start: usize,
    pub char_end: usize,
    pub text: String,
    /// ISO 639-3 code of the unit's language (`eng`, `kor`, `ara`, ...). Units of other
    /// languages than English get no labels (the model reads English only).
    pub lang: String,
    /// The unit is a piece of a longer run without a sentence boundary, cut at the unit
    /// length limit.
    pub cut: bool,
    pub labels: Vec<String>,
    pub probabilities: Vec<f32>,
    pub hedged: bool,
    pub actors: Vec<String>,
    pub quantities: Vec<String>,
}

/// One document: its provenance, status and sentences (none when it failed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Position in the sorted collection (1-based), given when the dataset is assembled.
    pub doc_id: usize,
    pub path: String,
    pub format: String,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    pub title: Option<String>,
    pub pages: usize,
    pub error: Option<String>,
    /// Problems that did not stop the document (e.g. invalid UTF-8 replaced), each naming
    /// the file and where.
    pub warnings: Vec<String>,
    pub sentences: Vec<SentenceRecord>,
}

impl DocumentRecord {
    pub fn failed(&self) -> bool {
        self.error.is_some()
    }
}
