//! Output writers: CSV that opens cleanly in spreadsheets, and JSON Lines.
use crate::error::{Error, Result};
use crate::segment::{Segment, UnitKind};
use std::io::Write;

/// Output format of record-oriented commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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

/// Writes segments as JSON Lines (`index, text, start, end, byte_start, byte_end, kind`;
/// `start`/`end` are character offsets) or as CSV with the same columns.
pub fn write_segments<W: Write>(mut out: W, format: Format, segments: &[Segment]) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Row<'a> {
        index: usize,
        text: &'a str,
        start: usize,
        end: usize,
        byte_start: usize,
        byte_end: usize,
        kind: UnitKind,
    }
    let rows = segments.iter().enumerate().map(|(index, s)| Row {
        index,
        text: &s.text,
        start: s.char_start,
        end: s.char_end,
        byte_start: s.byte_start,
        byte_end: s.byte_end,
        kind: s.kind,
    });
    match format {
        Format::Jsonl => {
            for row in rows {
                let line = serde_json::to_string(&row).map_err(write_error)?;
                writeln!(out, "{line}").map_err(|e| Error::io("<output>", e))?;
            }
            out.flush().map_err(|e| Error::io("<output>", e))
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            for row in rows {
                csv.serialize(row).map_err(write_error)?;
            }
            csv.flush().map_err(|e| Error::io("<output>", e))
        }
    }
}

fn write_error(e: impl std::fmt::Display) -> Error {
    Error::io("<output>", std::io::Error::other(e.to_string()))
}

/// Writes `text` plus one column per embedding dimension (`e0`, `e1`, ...) as CSV, or
/// `{"text": ..., "embedding": [...]}` per line as JSON Lines.
pub fn write_embeddings<W: Write>(
    out: W,
    format: Format,
    texts: &[&str],
    embeddings: &[Vec<f32>],
) -> Result<()> {
    match format {
        Format::Csv => write_embeddings_csv(out, texts, embeddings),
        Format::Jsonl => write_embeddings_jsonl(out, texts, embeddings),
    }
}

fn write_embeddings_csv<W: Write>(out: W, texts: &[&str], embeddings: &[Vec<f32>]) -> Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let dimension = embeddings.first().map_or(0, Vec::len);
    let mut header = vec!["text".to_string()];
    header.extend((0..dimension).map(|i| format!("e{i}")));
    csv.write_record(&header).map_err(write_error)?;
    for (text, embedding) in texts.iter().zip(embeddings) {
        let mut record = vec![text.to_string()];
        record.extend(embedding.iter().map(|v| format!("{v:.6}")));
        csv.write_record(&record).map_err(write_error)?;
    }
    csv.flush().map_err(|e| Error::io("<output>", e))
}

fn write_embeddings_jsonl<W: Write>(
    mut out: W,
    texts: &[&str],
    embeddings: &[Vec<f32>],
) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        text: &'a str,
        embedding: &'a [f32],
    }
    for (text, embedding) in texts.iter().zip(embeddings) {
        let line = serde_json::to_string(&Line { text, embedding }).map_err(write_error)?;
        writeln!(out, "{line}").map_err(|e| Error::io("<output>", e))?;
    }
    out.flush().map_err(|e| Error::io("<output>", e))
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
}
