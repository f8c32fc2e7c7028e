//! Replacing a set of files as one: a dataset's tables and its `run.json` must never be
//! seen mixed with those of another run.
//!
//! Every new file is first written completely under a temporary name and synced. Then a
//! journal listing the renames is written (itself atomically) and the renames are done;
//! the journal is removed last. A process killed at any point leaves either the old set
//! (no journal yet: the temporary files are ignored and overwritten next time) or a
//! journal whose remaining renames [`recover`] completes, which every claimscan command
//! that reads or writes the folder calls first. Readers other than claimscan can check
//! that the tables belong together with the SHA-256 of each that `run.json` lists.
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One file of the set: its complete temporary copy and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub temporary: PathBuf,
    pub destination: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Journal {
    renames: Vec<Pending>,
}

/// Test hook: the number of renames after which [`commit`] stops the process (abort), to
/// test recovery from a kill at every step.
#[doc(hidden)]
pub const STOP_AFTER_ENV: &str = "CLAIMSCAN_TEST_STOP_AFTER_RENAMES";

/// Puts every pending file in place as one set, through `journal` (see the module docs).
pub fn commit(journal: &Path, files: Vec<Pending>) -> Result<()> {
    let text = serde_json::to_vec_pretty(&Journal { renames: files }).expect("journal serialises");
    super::write_atomically(journal, &text)?;
    complete(journal)
}

/// Completes the renames of a journal left by an interrupted [`commit`]; `false` when
/// there was none.
pub fn recover(journal: &Path) -> Result<bool> {
    if !journal.exists() {
        return Ok(false);
    }
    complete(journal)?;
    Ok(true)
}

fn complete(journal: &Path) -> Result<()> {
    let bytes = std::fs::read(journal).map_err(|e| Error::io(journal, e))?;
    let Journal { renames } = serde_json::from_slice(&bytes).map_err(|e| Error::Data {
        path: journal.to_path_buf(),
        line: e.line(),
        reason: e.to_string(),
    })?;
    let stop_after: Option<usize> = std::env::var(STOP_AFTER_ENV)
        .ok()
        .and_then(|v| v.parse().ok());
    for (done, file) in renames.iter().enumerate() {
        if stop_after == Some(done) {
            std::process::abort();
        }
        // A temporary file that is gone was renamed before an interruption.
        if file.temporary.exists() {
            std::fs::rename(&file.temporary, &file.destination)
                .map_err(|e| Error::io(&file.destination, e))?;
        }
    }
    if let Some(parent) = journal.parent() {
        sync_folder(parent);
    }
    std::fs::remove_file(journal).map_err(|e| Error::io(journal, e))
}

/// Flushes a folder's entries (the renames) to disk; best effort.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recover_completes_the_renames_left_by_an_interrupted_commit() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let renames = vec![
            Pending {
                temporary: file(".a.tmp", "new a"),
                destination: dir.path().join("a"),
            },
            Pending {
                temporary: file(".b.tmp", "new b"),
                destination: file("b", "old b"),
            },
        ];
        // As if killed after the first rename: the journal is there, one rename done.
        let journal = dir.path().join("journal.json");
        std::fs::write(
            &journal,
            serde_json::to_vec(&Journal {
                renames: renames.clone(),
            })
            .unwrap(),
        )
        .unwrap();
        std::fs::rename(&renames[0].temporary, &renames[0].destination).unwrap();
        assert!(recover(&journal).unwrap());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a")).unwrap(),
            "new a"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b")).unwrap(),
            "new b"
        );
        assert!(!journal.exists());
        assert!(!recover(&journal).unwrap());
    }
}
