//! Part files: every document's result is saved as one JSON file under
//! `<out>/.claimscan/parts/`, written to a temporary name and renamed, so a killed run
//! leaves only whole parts. A fingerprint of the model and settings guards `--resume` and
//! `merge` against mixing parts made under other settings.
use crate::error::{Error, Result};
use crate::model::{sha256_file, ClaimClassifier, Classifier};
use crate::record::DocumentRecord;
use crate::write::write_atomically;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use super::RunOptions;

/// Where a run keeps its parts, inside the output folder.
pub const WORK_DIR: &str = ".claimscan";

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

/// The part file of one document.
pub(crate) fn part_path(work: &Path, doc_id: usize) -> PathBuf {
    work.join("parts").join(format!("{doc_id:08}.json"))
}

pub(crate) fn work_dir(out_dir: &Path) -> PathBuf {
    out_dir.join(WORK_DIR)
}

pub(crate) fn fingerprint(
    options: &RunOptions,
    classifier: &ClaimClassifier,
) -> Result<Fingerprint> {
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
pub(crate) fn prepare_work_dir(work: &Path, fingerprint: &Fingerprint, resume: bool) -> Result<()> {
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
pub(crate) fn part_is_current(work: &Path, doc_id: usize, path: &Path) -> bool {
    let Some(record) = read_part(work, doc_id).ok() else {
        return false;
    };
    record.path == path.display().to_string()
        && !record.failed()
        && record
            .sha256
            .is_some_and(|sha| sha256_file(path).is_ok_and(|now| now == sha))
}

pub(crate) fn write_part(work: &Path, record: &DocumentRecord) -> Result<()> {
    let json = serde_json::to_vec(record).expect("records serialise");
    write_atomically(&part_path(work, record.doc_id), &json)
}

pub(crate) fn read_part(work: &Path, doc_id: usize) -> Result<DocumentRecord> {
    let path = part_path(work, doc_id);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Data {
        path,
        line: e.line(),
        reason: e.to_string(),
    })
}
