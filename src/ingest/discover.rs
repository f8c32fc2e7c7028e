//! Expanding command-line inputs into the list of documents to read.

use std::path::{Component, Path, PathBuf};

use glob::MatchOptions;
use walkdir::{DirEntry, WalkDir};

use super::{bad_input, SUPPORTED_EXTENSIONS};
use crate::{Error, Result};

/// The documents named by `inputs`, sorted and without duplicates.
///
/// * A **folder** is searched recursively for files with a supported extension
///   ([`SUPPORTED_EXTENSIONS`], any case). Hidden files and folders (name starting with
///   ".") are skipped; symbolic links to files are followed, links to folders are not (no
///   loops, no double counting).
/// * A **file** named explicitly is returned whatever its extension, so that reading it
///   reports why it cannot be used.
/// * A path that does not exist but contains `*`, `?` or `[` is a **glob pattern**
///   (`reports/**/*.pdf`); hidden entries only match a pattern that spells out the dot.
///   Matching files need a supported extension; matching folders are searched as above.
///
/// Errors: a path that does not exist (and is no pattern) → [`Error::Io`] naming it; a
/// pattern that is invalid or matches nothing → [`Error::BadInput`]; an unreadable folder
/// → [`Error::Io`]. Paths are deduplicated after removing `.` components, so `./a.txt`
/// and `a.txt` are one file; they are not made absolute.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for input in inputs {
        if input.exists() || !is_glob_pattern(input) {
            add_named(input, &mut found)?;
        } else {
            add_glob_matches(input, &mut found)?;
        }
    }
    let mut found: Vec<PathBuf> = found.iter().map(|p| without_cur_dir(p)).collect();
    found.sort();
    found.dedup();
    Ok(found)
}

fn add_named(path: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if metadata.is_dir() {
        add_folder(path, found)
    } else {
        found.push(path.to_path_buf());
        Ok(())
    }
}

fn add_folder(folder: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let walker = WalkDir::new(folder)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry));
    for entry in walker {
        let entry = entry.map_err(|e| walk_error(folder, e))?;
        // `is_file` follows a symbolic link; `file_type` would not.
        if entry.depth() > 0 && entry.path().is_file() && has_supported_extension(entry.path()) {
            found.push(entry.into_path());
        }
    }
    Ok(())
}

fn walk_error(folder: &Path, error: walkdir::Error) -> Error {
    let path = error.path().unwrap_or(folder).to_path_buf();
    match error.into_io_error() {
        Some(source) => Error::Io { path, source },
        None => bad_input(&path, "filesystem loop"),
    }
}

fn add_glob_matches(pattern: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let text = pattern.to_string_lossy();
    let options = MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let matches = glob::glob_with(&text, options)
        .map_err(|e| bad_input(pattern, format!("invalid glob pattern: {e}")))?;
    let before = found.len();
    for entry in matches {
        let path = entry.map_err(|e| Error::Io {
            path: e.path().to_path_buf(),
            source: e.into(),
        })?;
        if path.is_dir() {
            add_folder(&path, found)?;
        } else if has_supported_extension(&path) {
            found.push(path);
        }
    }
    if found.len() == before {
        return Err(bad_input(
            pattern,
            "no supported documents match this pattern",
        ));
    }
    Ok(())
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
