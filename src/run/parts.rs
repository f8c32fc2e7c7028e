//! Part files: every document's result is saved as one JSON file under
//! `<out>/.claimscan/parts/`, written to a temporary name and renamed, so a killed run
//! leaves only whole parts. A part is named after the document's path and content
//! ([`part_key`]), not its number: adding, removing or renaming files costs only those
//! files on `--resume`, and documents are numbered when the dataset is assembled.
//!
//! A [`Fingerprint`] of the model and settings guards `--resume` and `merge` against
//! mixing parts made under other settings; a [`Manifest`], written when a run (or shard)
//! has saved every part, lists them in order and marks the run as complete.
use crate::error::{Error, Result};
use crate::model::{sha256_file, ClaimClassifier, Classifier, Precision};
use crate::record::DocumentRecord;
use crate::write::write_atomically;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::{RunOptions, Shard};

/// Where a run keeps its parts, inside the output folder.
pub const WORK_DIR: &str = ".claimscan";

/// What identifies the results of a run: documents processed under another model, label
/// set, thresholds, precision or limits must not be mixed with these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub claimscan_version: String,
    pub model_weights_sha256: String,
    pub labels: Vec<String>,
    pub thresholds: Vec<f32>,
    pub precision: Precision,
    pub max_bytes: u64,
    pub max_chars: usize,
    pub abbreviations_sha256: Option<String>,
}

impl Fingerprint {
    pub(crate) fn of(options: &RunOptions, classifier: &ClaimClassifier) -> Result<Self> {
        Ok(Fingerprint {
            claimscan_version: env!("CARGO_PKG_VERSION").to_string(),
            model_weights_sha256: classifier.info().weights_sha256.clone(),
            labels: classifier
                .labels()
                .names()
                .iter()
                .map(|s| s.to_string())
                .collect(),
            thresholds: classifier.thresholds().to_vec(),
            precision: options.engine.precision,
            max_bytes: options.max_bytes,
            max_chars: options.max_chars,
            abbreviations_sha256: options
                .abbreviations
                .as_deref()
                .map(sha256_file)
                .transpose()?,
        })
    }
}

/// A completed run's (or shard's) parts, in document order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// SHA-256 of the sorted list of every entry found in the inputs: shards that saw
    /// different inputs must not be merged.
    pub inputs_sha256: String,
    /// How many entries the inputs held (all shards together).
    pub entries: usize,
    pub shard: Option<Shard>,
    pub fingerprint: Fingerprint,
    /// `(doc_id, part key)` of every document of this run or shard.
    pub documents: Vec<(usize, String)>,
}

/// What a shard says about itself from its start, so that `merge` can name a shard that
/// never finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardStart {
    pub shard: Shard,
    pub inputs_sha256: String,
}

/// The part name of a document: its path and the SHA-256 of its content (none when the
/// file could not be hashed).
pub(crate) fn part_key(path: &Path, content_sha256: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(path.as_os_str().as_bytes());
    hasher.update([0]);
    hasher.update(content_sha256.unwrap_or("-").as_bytes());
    hasher.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// SHA-256 of the sorted entry list (paths, one per line).
pub(crate) fn inputs_sha256(paths: &[PathBuf]) -> String {
    let mut hasher = Sha256::new();
    for path in paths {
        hasher.update(path.as_os_str().as_bytes());
        hasher.update(b"\n");
    }
    format!("{:x}", hasher.finalize())
}

pub(crate) fn work_dir(out_dir: &Path) -> PathBuf {
    out_dir.join(WORK_DIR)
}

/// The journal of the dataset's last switch ([`crate::write::commit`]).
pub(crate) fn journal_path(out_dir: &Path) -> PathBuf {
    work_dir(out_dir).join("commit.json")
}

/// The parts of one output folder.
pub(crate) struct Parts {
    work: PathBuf,
}

impl Parts {
    /// The parts of `out_dir` for a run with `fingerprint`: kept on `resume` when they were
    /// made with the same fingerprint, otherwise discarded.
    pub(crate) fn prepare(out_dir: &Path, fingerprint: &Fingerprint, resume: bool) -> Result<Self> {
        let parts = Parts {
            work: work_dir(out_dir),
        };
        let same = std::fs::read(parts.fingerprint_path())
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Fingerprint>(&bytes).ok())
            .is_some_and(|old| &old == fingerprint);
        if !(resume && same) {
            for dir in [parts.parts_dir(), parts.texts_dir()] {
                if dir.exists() {
                    std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
                }
            }
        }
        for dir in [parts.parts_dir(), parts.texts_dir()] {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        // A new run is not complete until it writes its manifest again.
        let _ = std::fs::remove_file(parts.manifest_path());
        let text = serde_json::to_vec_pretty(fingerprint).expect("fingerprint serialises");
        write_atomically(&parts.fingerprint_path(), &text)?;
        Ok(parts)
    }

    /// The parts of an existing output folder, as they are.
    pub(crate) fn existing(out_dir: &Path) -> Self {
        Parts {
            work: work_dir(out_dir),
        }
    }

    fn parts_dir(&self) -> PathBuf {
        self.work.join("parts")
    }

    fn texts_dir(&self) -> PathBuf {
        self.work.join("texts")
    }

    fn fingerprint_path(&self) -> PathBuf {
        self.work.join("fingerprint.json")
    }

    fn manifest_path(&self) -> PathBuf {
        self.work.join("manifest.json")
    }

    fn shard_start_path(&self) -> PathBuf {
        self.work.join("shard.json")
    }

    pub(crate) fn part_path(&self, key: &str) -> PathBuf {
        self.parts_dir().join(format!("{key}.json"))
    }

    /// The document's text, kept for `--keep-text`.
    pub(crate) fn text_path(&self, key: &str) -> PathBuf {
        self.texts_dir().join(format!("{key}.txt"))
    }

    pub(crate) fn write(&self, key: &str, record: &DocumentRecord) -> Result<()> {
        let json = serde_json::to_vec(record).expect("records serialise");
        write_atomically(&self.part_path(key), &json)
    }

    pub(crate) fn read(&self, key: &str) -> Result<DocumentRecord> {
        let path = self.part_path(key);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::Data {
            path,
            line: e.line(),
            reason: e.to_string(),
        })
    }

    /// A part can be reused when it is readable and the document did not fail (failures
    /// are tried again).
    pub(crate) fn reusable(&self, key: &str, keep_text: bool) -> bool {
        self.read(key).is_ok_and(|record| !record.failed())
            && (!keep_text || self.text_path(key).exists())
    }

    /// Removes the parts (and kept texts) that no document of `keep` uses.
    pub(crate) fn prune(&self, keep: &[(usize, String)]) -> Result<()> {
        let used: std::collections::HashSet<&str> = keep.iter().map(|(_, k)| k.as_str()).collect();
        for dir in [self.parts_dir(), self.texts_dir()] {
            let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
            for entry in entries.flatten() {
                let path = entry.path();
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                if !used.contains(stem) {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn write_manifest(&self, manifest: &Manifest) -> Result<()> {
        let text = serde_json::to_vec_pretty(manifest).expect("manifest serialises");
        write_atomically(&self.manifest_path(), &text)
    }

    pub(crate) fn manifest(&self) -> Option<Manifest> {
        let bytes = std::fs::read(self.manifest_path()).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub(crate) fn write_shard_start(&self, start: &ShardStart) -> Result<()> {
        let text = serde_json::to_vec_pretty(start).expect("shard start serialises");
        write_atomically(&self.shard_start_path(), &text)
    }

    pub(crate) fn shard_start(&self) -> Option<ShardStart> {
        let bytes = std::fs::read(self.shard_start_path()).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_keys_follow_path_and_content() {
        let a = part_key(Path::new("r/a.txt"), Some("00ff"));
        assert_eq!(a.len(), 32);
        assert_eq!(a, part_key(Path::new("r/a.txt"), Some("00ff")));
        assert_ne!(a, part_key(Path::new("r/b.txt"), Some("00ff")));
        assert_ne!(a, part_key(Path::new("r/a.txt"), Some("00fe")));
    }
}
