//! Expanding command-line inputs into the list of documents to read.

use std::path::{Component, Path, PathBuf};

use glob::MatchOptions;
use walkdir::{DirEntry, WalkDir};

use super::{file_kind, SUPPORTED_EXTENSIONS};

/// One entry found by [`discover`]: a file to read, or something that will not be read and
/// why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discovered {
    /// A regular file (or a symbolic link to one) to read.
    File(PathBuf),
    /// An input or folder entry that will not be read, with the reason: report it (it
    /// belongs in the run's errors) and go on.
    Skipped { path: PathBuf, reason: String },
}

impl Discovered {
    /// The path of the entry (for a glob pattern that matched nothing: the pattern).
    pub fn path(&self) -> &Path {
        match self {
            Discovered::File(path) | Discovered::Skipped { path, .. } => path,
        }
    }

    /// The path, consuming the entry.
    pub fn into_path(self) -> PathBuf {
        match self {
            Discovered::File(path) | Discovered::Skipped { path, .. } => path,
        }
    }

    /// The file to read, for [`Discovered::File`].
    pub fn file(&self) -> Option<&Path> {
        match self {
            Discovered::File(path) => Some(path),
            Discovered::Skipped { .. } => None,
        }
    }

    /// Why the entry will not be read, for [`Discovered::Skipped`].
    pub fn skip_reason(&self) -> Option<&str> {
        match self {
            Discovered::File(_) => None,
            Discovered::Skipped { reason, .. } => Some(reason),
        }
    }
}

/// Every entry named by `inputs`, sorted by path and without duplicates: the files to read
/// and, with their reason, the entries that will not be read. Never fails as a whole: one
/// bad input or folder entry is one [`Discovered::Skipped`], the rest is found as usual.
///
/// * A **folder** is searched recursively for files with a supported extension
///   ([`SUPPORTED_EXTENSIONS`], any case). Hidden files and folders (name starting with
///   ".") are skipped; symbolic links to files are followed, links to folders are not (no
///   loops, no double counting). Files with other extensions are ignored without a word.
///   Reported as skipped: a subfolder that cannot be read, and, among entries with a
///   supported extension, a broken symbolic link, a symbolic link loop and anything that
///   is no regular file (a FIFO, a socket, a device).
/// * A **file** named explicitly is returned whatever its extension, so that reading it
///   reports why it cannot be used. A named path that does not exist, is a broken
///   symbolic link or a loop, or is no regular file is reported as skipped.
/// * A path that does not exist but contains `*`, `?` or `[` is a **glob pattern**
///   (`reports/**/*.pdf`); hidden entries only match a pattern that spells out the dot.
///   Matching files need a supported extension; matching folders are searched as above.
///   An invalid pattern, or one that matches no supported document, is reported as
///   skipped (with the pattern as its path).
///
/// Nothing is opened here: only metadata is read, so a FIFO cannot block and a device is
/// never read. Paths are deduplicated after removing `.` components, so `./a.txt` and
/// `a.txt` are one file; they are not made absolute.
pub fn discover(inputs: &[PathBuf]) -> Vec<Discovered> {
    let mut found = Vec::new();
    for input in inputs {
        let exists = std::fs::symlink_metadata(input).is_ok();
        if !exists && is_glob_pattern(input) {
            add_glob_matches(input, &mut found);
            continue;
        }
        match classify(input) {
            Entry::File => found.push(Discovered::File(input.clone())),
            Entry::Folder => add_folder(input, &mut found),
            Entry::Unusable(reason) => found.push(skipped(input, reason)),
        }
    }
    let mut found: Vec<Discovered> = found
        .into_iter()
        .map(|entry| match entry {
            Discovered::File(path) => Discovered::File(without_cur_dir(&path)),
            Discovered::Skipped { path, reason } => Discovered::Skipped {
                path: without_cur_dir(&path),
                reason,
            },
        })
        .collect();
    // Files before skipped entries of the same path, so dedup keeps the file.
    found.sort_by(|a, b| (a.path(), a.file().is_none()).cmp(&(b.path(), b.file().is_none())));
    found.dedup_by(|later, earlier| later.path() == earlier.path());
    found
}

/// What a path is, following symbolic links.
enum Entry {
    File,
    Folder,
    Unusable(String),
}

fn classify(path: &Path) -> Entry {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => Entry::File,
        Ok(metadata) if metadata.is_dir() => Entry::Folder,
        Ok(metadata) => Entry::Unusable(format!("is {}, not a regular file", file_kind(&metadata))),
        Err(error) => {
            let is_link = std::fs::symlink_metadata(path)
                .is_ok_and(|metadata| metadata.file_type().is_symlink());
            Entry::Unusable(if is_link && is_loop(&error) {
                "symbolic link loop (too many levels of symbolic links)".to_string()
            } else if is_link && error.kind() == std::io::ErrorKind::NotFound {
                "broken symbolic link (its target does not exist)".to_string()
            } else if is_link {
                format!("symbolic link whose target cannot be read: {error}")
            } else if error.kind() == std::io::ErrorKind::NotFound {
                "no such file or folder".to_string()
            } else {
                format!("cannot be read: {error}")
            })
        }
    }
}

fn is_loop(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

fn skipped(path: &Path, reason: impl Into<String>) -> Discovered {
    Discovered::Skipped {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn add_folder(folder: &Path, found: &mut Vec<Discovered>) {
    let walker = WalkDir::new(folder)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(folder).to_path_buf();
                let reason = match error.io_error() {
                    Some(source) => format!("folder cannot be read: {source}"),
                    None => "filesystem loop".to_string(),
                };
                found.push(skipped(&path, reason));
                continue;
            }
        };
        let file_type = entry.file_type();
        if entry.depth() == 0 || file_type.is_dir() || !has_supported_extension(entry.path()) {
            continue;
        }
        if file_type.is_file() {
            found.push(Discovered::File(entry.into_path()));
            continue;
        }
        match classify(entry.path()) {
            Entry::File => found.push(Discovered::File(entry.into_path())),
            // A link to a folder is not followed.
            Entry::Folder => {}
            Entry::Unusable(reason) => found.push(skipped(entry.path(), reason)),
        }
    }
}

fn add_glob_matches(pattern: &Path, found: &mut Vec<Discovered>) {
    let text = pattern.to_string_lossy();
    let options = MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let matches = match glob::glob_with(&text, options) {
        Ok(matches) => matches,
        Err(e) => return found.push(skipped(pattern, format!("invalid glob pattern: {e}"))),
    };
    let before = found.len();
    for entry in matches {
        let path = match entry {
            Ok(path) => path,
            Err(e) => {
                let reason = format!("cannot be read: {}", e.error());
                found.push(skipped(e.path(), reason));
                continue;
            }
        };
        match classify(&path) {
            Entry::Folder => add_folder(&path, found),
            Entry::File if has_supported_extension(&path) => found.push(Discovered::File(path)),
            Entry::Unusable(reason) if has_supported_extension(&path) => {
                found.push(skipped(&path, reason))
            }
            _ => {}
        }
    }
    if found.len() == before {
        found.push(skipped(
            pattern,
            "no supported documents match this pattern",
        ));
    }
}

fn is_glob_pattern(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

pub(crate) fn has_supported_extension(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| SUPPORTED_EXTENSIONS.contains(&e.as_str()))
}

/// The path without `.` components ("./a/./b" → "a/b"; "." alone stays).
fn without_cur_dir(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}
