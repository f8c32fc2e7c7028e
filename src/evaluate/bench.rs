//! Benchmarks (`claimscan bench ...`): throughput figures printed as tables.
use crate::error::{Error, Result};
use crate::model::encoder::{Encoder, EncoderSettings, Precision};
use std::path::Path;
use std::time::Instant;

/// One measured configuration.
#[derive(Debug, Clone)]
pub struct EmbedBenchRow {
    pub precision: Precision,
    pub threads: usize,
    pub sentences: usize,
    /// Mean word pieces per sentence (special tokens included).
    pub mean_pieces: f64,
    pub seconds: f64,
}

impl EmbedBenchRow {
    pub fn per_second(&self) -> f64 {
        self.sentences as f64 / self.seconds
    }
}

/// Up to `limit` sentences whose word count is in `words`, from the `text` column of a
/// labelled CSV we wrote.
pub fn bench_sentences(
    csv_path: &Path,
    limit: usize,
    words: std::ops::RangeInclusive<usize>,
) -> Result<Vec<String>> {
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
        if words.contains(&text.split_whitespace().count()) {
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
    batching: &EncoderSettings,
) -> Result<Vec<EmbedBenchRow>> {
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    for &precision in precisions {
        for &threads in thread_counts {
            let settings = EncoderSettings {
                precision,
                threads,
                ..batching.clone()
            };
            let encoder = Encoder::open_base(model_dir, settings)?;
            let tokenized = encoder.tokenize(&texts)?;
            encoder.embed_tokenized(&tokenized[..tokenized.len().min(64)])?;
            let started = Instant::now();
            encoder.embed_tokenized(&tokenized)?;
            rows.push(EmbedBenchRow {
                precision,
                threads,
                sentences: texts.len(),
                mean_pieces: tokenized.iter().map(|t| t.ids.len()).sum::<usize>() as f64
                    / tokenized.len().max(1) as f64,
                seconds: started.elapsed().as_secs_f64(),
            });
        }
    }
    Ok(rows)
}

/// A Markdown table of the rows.
pub fn embed_table(rows: &[EmbedBenchRow]) -> String {
    let mut table = String::from(
        "| precision | threads | sentences | mean word pieces | seconds | sentences/s |\n|---|---|---|---|---|---|\n",
    );
    for row in rows {
        table.push_str(&format!(
            "| {} | {} | {} | {:.1} | {:.2} | {:.1} |\n",
            row.precision,
            row.threads,
            row.sentences,
            row.mean_pieces,
            row.seconds,
            row.per_second()
        ));
    }
    table
}

/// Openers that make a sentence of the labelled corpus into new ones, so a generated
/// corpus larger than the corpus repeats no sentence (written for the project).
const OPENERS: &[&str] = &[
    "In {year}, ",
    "According to local monitors in {year}, ",
    "By the end of {year}, ",
    "As the {year} review noted, ",
    "During the {year} monitoring visits, ",
    "In interviews conducted in {year}, ",
];

/// The sentences of `source` (the `text` column of a labelled CSV of ours) that end a
/// sentence, and of no more than 60 words.
pub fn corpus_sentences(source: &Path) -> Result<Vec<String>> {
    let mut sentences = bench_sentences(source, usize::MAX, 1..=60)?;
    sentences.retain(|s| s.ends_with(['.', '?', '!']));
    sentences.sort();
    sentences.dedup();
    Ok(sentences)
}

/// Writes text files of report-like prose with `sentences` distinct sentences into `dir`
/// (documents of 50 sentences, paragraphs of 5): the corpus sentences in turn, then the
/// same with one opener and year per round, so that no sentence repeats.
pub fn generate_corpus(dir: &Path, sentences: usize, corpus: &[String]) -> Result<usize> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = 0;
    let mut text = String::new();
    for i in 0..sentences {
        let base = &corpus[i % corpus.len()];
        let round = i / corpus.len();
        let sentence = match round {
            0 => base.clone(),
            r => {
                let opener = OPENERS[(r - 1) % OPENERS.len()]
                    .replace("{year}", &(1990 + (r - 1) / OPENERS.len()).to_string());
                let mut rest = base.chars();
                let first = rest
                    .next()
                    .map(|c| c.to_lowercase().to_string())
                    .unwrap_or_default();
                format!("{opener}{first}{}", rest.as_str())
            }
        };
        text.push_str(&sentence);
        text.push_str(if i % 5 == 4 { "\n\n" } else { " " });
        if i % 50 == 49 || i + 1 == sentences {
            let path = dir.join(format!("report-{written:05}.txt"));
            std::fs::write(&path, &text).map_err(|e| Error::io(&path, e))?;
            text.clear();
            written += 1;
        }
    }
    Ok(written)
}

/// Peak resident memory of this process so far (VmHWM), in MiB.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
