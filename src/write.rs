//! Output writers: CSV that opens cleanly in spreadsheets, and JSON Lines.
use crate::error::{Error, Result};
use std::io::Write;

/// Output format of record-oriented commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
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
