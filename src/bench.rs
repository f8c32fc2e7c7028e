//! Benchmarks (`claimscan bench ...`): throughput figures printed as tables.
use crate::encode::{Embedder, Encoder, EncoderSettings, Precision};
use crate::error::{Error, Result};
use std::path::Path;
use std::time::Instant;

/// One measured configuration.
#[derive(Debug, Clone)]
pub struct EmbedBenchRow {
    pub precision: Precision,
    pub threads: usize,
    pub sentences: usize,
    pub seconds: f64,
}

impl EmbedBenchRow {
    pub fn per_second(&self) -> f64 {
        self.sentences as f64 / self.seconds
    }
}

/// Sentences of 15 to 40 words from the `text` column of a labelled CSV we wrote.
pub fn bench_sentences(csv_path: &Path, limit: usize) -> Result<Vec<String>> {
    let mut reader = csv::Reader::from_path(csv_path).map_err(|e| Error::BadInput {
        path: csv_path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let column = reader
        .headers()
        .map_err(|e| data_error(csv_path, e))?
        .iter()
        .position(|h| h == "text")
        .ok_or_else(|| Error::Data {
            path: csv_path.to_path_buf(),
            line: 1,
            reason: "no `text` column".into(),
        })?;
    let mut sentences = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| data_error(csv_path, e))?;
        let text = record.get(column).unwrap_or_default();
        let words = text.split_whitespace().count();
        if (15..=40).contains(&words) {
            sentences.push(text.to_string());
        }
        if sentences.len() == limit {
            break;
        }
    }
    Ok(sentences)
}

fn data_error(path: &Path, e: csv::Error) -> Error {
    Error::Data {
        path: path.to_path_buf(),
        line: e.position().map_or(0, |p| p.line() as usize),
        reason: e.to_string(),
    }
}

/// Embeds `sentences` once per (precision, threads) pair after a short warm-up.
pub fn bench_embed(
    model_dir: &Path,
    sentences: &[String],
    precisions: &[Precision],
    thread_counts: &[usize],
    batch_size: usize,
) -> Result<Vec<EmbedBenchRow>> {
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    for &precision in precisions {
        for &threads in thread_counts {
            let settings = EncoderSettings {
                precision,
                threads,
                batch_size,
            };
            let encoder = Encoder::open_base(model_dir, settings)?;
            encoder.embed(&texts[..texts.len().min(64)])?;
            let started = Instant::now();
            encoder.embed(&texts)?;
            rows.push(EmbedBenchRow {
                precision,
                threads,
                sentences: texts.len(),
                seconds: started.elapsed().as_secs_f64(),
            });
        }
    }
    Ok(rows)
}

/// A Markdown table of the rows.
pub fn embed_table(rows: &[EmbedBenchRow]) -> String {
    let mut table = String::from(
        "| precision | threads | sentences | seconds | sentences/s |\n|---|---|---|---|---|\n",
    );
    for row in rows {
        table.push_str(&format!(
            "| {} | {} | {} | {:.2} | {:.1} |\n",
            row.precision,
            row.threads,
            row.sentences,
            row.seconds,
            row.per_second()
        ));
    }
    table
}
