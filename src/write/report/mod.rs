//! The HTML report of a run: one self-contained page (`report.html`) that shows the
//! documents with their claims marked, an overview of the run and filters.
//!
//! The page is built from the files of a finished output folder only (`run.json` and the
//! tables it lists, checked against their SHA-256), so `claimscan run` and
//! `claimscan report OUTPUT_DIR` make the same page. Nothing from the documents is ever
//! read as HTML: the server-rendered parts go through maud, which escapes every text; the
//! units travel as JSON inside `<script type="application/json">` with `<`, `>` and `&`
//! escaped, and `report.js` puts them on the page with `textContent` only. A
//! Content-Security-Policy lets only the page's own script and style run and forbids every
//! fetch, so the page works offline and is safe to e-mail.
mod model;
mod page;

use crate::error::Result;
use std::path::{Path, PathBuf};

/// The report's file name in the output folder.
pub const REPORT_FILE: &str = "report.html";

/// What the page carries.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Carry the text of only the first N documents (the overview still counts them all).
    pub max_docs: Option<usize>,
}

/// The report that was written.
#[derive(Debug, Clone)]
pub struct ReportInfo {
    pub path: PathBuf,
    pub bytes: u64,
    pub documents: usize,
    pub sentences: usize,
}

/// Builds `report.html` in `out_dir` from the run's files there (written atomically).
pub fn write_report(out_dir: &Path, options: &ReportOptions) -> Result<ReportInfo> {
    let report = model::Report::from_files(crate::record::output::read_run(out_dir)?)?;
    let html = page::render(&report, options);
    let path = out_dir.join(REPORT_FILE);
    let pending = super::write_pending(&path, html.as_bytes())?;
    if let Err(e) = std::fs::rename(&pending.temporary, &path) {
        let _ = std::fs::remove_file(&pending.temporary);
        return Err(crate::Error::io(&path, e));
    }
    Ok(ReportInfo {
        path,
        bytes: html.len() as u64,
        documents: report.documents.len(),
        sentences: report.sentences,
    })
}

/// A size for people: bytes, kB or MB.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1_000 => format!("{b} bytes"),
        b if b < 1_000_000 => format!("{:.1} kB", b as f64 / 1e3),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}
