//! The write stage: records to files that open cleanly in spreadsheets.
//!
//! In: [`DocumentRecord`]s (through the [`RecordSink`] trait), segments or embeddings.
//! Out: CSV (RFC 4180, UTF-8, formula-like cells neutralised unless told otherwise) or
//! JSON Lines. Every file is written to a temporary name and renamed into place; the
//! files of a dataset are put in place as one set ([`commit`]). [`report`] makes the HTML
//! page of a finished output folder.
pub mod commit;
pub mod dataset;
pub mod report;
mod rows;
pub mod workbook;

pub use commit::Pending;
pub use dataset::{Cell, Dataset};
pub use rows::{write_embeddings, write_segments};
pub use workbook::Workbook;

use crate::error::{Error, Result};
use crate::record::DocumentRecord;
use std::io::Write;
use std::path::Path;

/// Where the documents of a run go, one after the other, in document order.
pub trait RecordSink {
    /// Takes one document's rows. Called once per document, failed documents included.
    fn document(&mut self, record: &DocumentRecord) -> Result<()>;
}

/// Output format of record-oriented commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
}

/// Makes a cell safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`,
/// tab or carriage return would be read as a formula, so it gets a leading apostrophe
/// (the OWASP recommendation; spreadsheets hide the apostrophe).
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A CSV writer that neutralises formula-like cells unless told not to.
pub struct SafeCsvWriter<W: Write> {
    inner: csv::Writer<W>,
    neutralise: bool,
}

impl<W: Write> SafeCsvWriter<W> {
    pub fn new(out: W, neutralise: bool) -> Self {
        SafeCsvWriter {
            inner: csv::Writer::from_writer(out),
            neutralise,
        }
    }

    pub fn write_row<I, S>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| match self.neutralise {
                true => neutralise_formula(cell.as_ref()).into_owned(),
                false => cell.as_ref().to_string(),
            })
            .collect();
        self.inner.write_record(&cells).map_err(write_error)
    }

    pub fn flush(&mut self) -> Result<()> {
        self.inner.flush().map_err(|e| Error::io("<output>", e))
    }
}

/// Writes to `<path>.tmp`, syncs, then renames: readers see the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let pending = write_pending(path, bytes)?;
    std::fs::rename(&pending.temporary, path).map_err(|e| Error::io(path, e))
}

/// Writes `bytes` for `path` to `<path>.tmp` and syncs it, for [`commit`] to put in place.
pub fn write_pending(path: &Path, bytes: &[u8]) -> Result<Pending> {
    let temporary = path.with_extension(format!(
        "{}.tmp",
        path.extension()
            .map(|e| e.to_string_lossy())
            .unwrap_or_default()
    ));
    let mut file = std::fs::File::create(&temporary).map_err(|e| Error::io(&temporary, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io(&temporary, e))?;
    file.sync_all().map_err(|e| Error::io(&temporary, e))?;
    Ok(Pending {
        temporary,
        destination: path.to_path_buf(),
    })
}

/// An output error (CSV, JSON) as an I/O error that keeps the kind of the I/O error inside
/// it, if any: a closed pipe stays `BrokenPipe` (so `split | head -1` can end quietly),
/// and the original error stays its message and source.
pub(crate) fn write_error(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    let kind = io_error_kind(&e).unwrap_or(std::io::ErrorKind::Other);
    Error::io("<output>", std::io::Error::new(kind, e))
}

/// The kind of the first I/O error in `e`'s chain of sources.
fn io_error_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut cause = Some(e);
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        // csv::Error holds its I/O error without exposing it as a source.
        if let Some(csv::ErrorKind::Io(io)) = error.downcast_ref::<csv::Error>().map(|e| e.kind()) {
            return Some(io.kind());
        }
        cause = error.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_neutralised() {
        for cell in ["=1+1", "+44 20", "-5", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"));
        }
        assert_eq!(neutralise_formula("Police = state"), "Police = state");
        let mut out = SafeCsvWriter::new(Vec::new(), true);
        out.write_row(["=HYPERLINK(\"x\")", "plain"]).unwrap();
        out.flush().unwrap();
        let mut raw = SafeCsvWriter::new(Vec::new(), false);
        raw.write_row(["=1"]).unwrap();
        raw.flush().unwrap();
        assert_eq!(
            String::from_utf8(out.inner.into_inner().unwrap()).unwrap(),
            "\"'=HYPERLINK(\"\"x\"\")\",plain\n"
        );
        assert_eq!(
            String::from_utf8(raw.inner.into_inner().unwrap()).unwrap(),
            "=1\n"
        );
    }

    /// A writer whose reader went away.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_closed_pipe_stays_a_broken_pipe() {
        let mut csv = csv::WriterBuilder::new()
            .buffer_capacity(1)
            .from_writer(ClosedPipe);
        let error = csv
            .write_record(["a", "b"])
            .map_err(write_error)
            .unwrap_err();
        match error {
            Error::Io { source, .. } => {
                assert_eq!(source.kind(), std::io::ErrorKind::BrokenPipe)
            }
            other => panic!("{other:?}"),
        }
    }
}
