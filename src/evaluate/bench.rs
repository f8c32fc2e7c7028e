//! Benchmarks (`claimscan bench ...`): throughput figures printed as tables.
use crate::error::{Error, Result};
use crate::model::encoder::{Embedder, Encoder, EncoderSettings, Precision};
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

/// Sentence templates of the generated benchmark corpus (written for the project).
const TEMPLATES: &[&str] = &[
    "Police in {place} detained {n} people who had crossed the river at night and held them without charge.",
    "The ministry said on {day} March that the {n} migrants would be returned under the readmission agreement.",
    "Rainfall in the northern provinces was well below the ten-year average, and the maize harvest fell by a third.",
    "Several of the women told our researchers that brokers had sold them to farmers in {place} as wives.",
    "The committee urged the government to stop deporting asylum seekers and to let the agency visit the camps.",
    "Most of the {n} families we interviewed had arrived in {place} within the last two years.",
    "Those sent back were reportedly held for weeks in a provincial detention centre where guards beat them.",
    "Aid convoys to {place} were delayed by floods on the main road, according to the logistics cluster.",
    "In a statement, the foreign ministry insisted that the border crossers are economic migrants, not refugees.",
    "Under Article 33 of the Refugee Convention, no state may return a refugee to a territory where their life would be threatened.",
];
const PLACES: &[&str] = &[
    "Yanji",
    "Torkham",
    "Zuwara",
    "Cox's Bazar",
    "Tijuana",
    "Arsal",
];

/// Writes `documents` text files of `sentences_each` sentences into `dir`.
pub fn generate_corpus(dir: &Path, documents: usize, sentences_each: usize) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for doc in 0..documents {
        let mut text = format!("Monitoring Report {}\n\n", doc + 1);
        for i in 0..sentences_each {
            let k = doc * 7 + i * 3;
            let sentence = TEMPLATES[k % TEMPLATES.len()]
                .replace("{place}", PLACES[(k / 3) % PLACES.len()])
                .replace("{n}", &(10 + k % 490).to_string())
                .replace("{day}", &(1 + k % 28).to_string());
            text.push_str(&sentence);
            text.push_str(if i % 5 == 4 { "\n\n" } else { " " });
        }
        let path = dir.join(format!("report-{doc:05}.txt"));
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Peak resident memory of this process so far (VmHWM), in MiB.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
