//! `claimscan bench`: throughput of the encoder and of whole runs.
use super::{base_model_dir, EngineArgs, Outcome};
use claimscan::evaluate::bench;
use claimscan::model::classifier::classifier_dir;
use claimscan::model::{EncoderSettings, Precision};
use claimscan::run::{Extraction, RunOptions};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum BenchCommand {
    /// End-to-end `run` on generated corpora: sentences/s, time per stage, peak memory
    Run {
        /// Comma-separated corpus sizes in sentences (one fresh process each)
        #[arg(long, value_delimiter = ',', default_value = "5000,20000")]
        sentences: Vec<usize>,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// One size of `bench run`, in this process (used by `bench run`)
    #[command(hide = true)]
    RunOne {
        #[arg(long)]
        sentences: usize,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Sentences per second of the encoder for f32 and bf16 at 1 and N threads
    Embed {
        /// CSV with a `text` column; sentences of 15-40 words are used
        #[arg(long, default_value = "corpus/labeled/train.csv")]
        sentences: PathBuf,
        /// How many sentences to embed per configuration
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Comma-separated precisions to measure (bf16 is emulated, and slow, without AMX)
        #[arg(long, value_delimiter = ',', default_value = "int8,f32")]
        precisions: Vec<Precision>,
        /// Comma-separated thread counts to measure
        #[arg(long, value_delimiter = ',', default_value = "1,2")]
        threads: Vec<usize>,
        /// Most sentences per forward pass
        #[arg(long, default_value_t = claimscan::model::encoder::DEFAULT_BATCH_SIZE)]
        batch_size: usize,
        /// Most padded word pieces per forward pass
        #[arg(long, default_value_t = claimscan::model::encoder::DEFAULT_BATCH_TOKENS)]
        batch_tokens: usize,
    },
}

/// Runs one benchmark.
pub fn run(models: &Path, command: BenchCommand) -> anyhow::Result<Outcome> {
    match command {
        BenchCommand::Run { sentences, engine } => bench_run(models, &sentences, &engine),
        BenchCommand::RunOne { sentences, engine } => bench_run_one(models, sentences, &engine),
        BenchCommand::Embed {
            sentences,
            count,
            precisions,
            threads,
            batch_size,
            batch_tokens,
        } => {
            let base = base_model_dir(models);
            let sentences = bench::bench_sentences(&sentences, count)?;
            eprintln!(
                "embedding {} sentences of 15-40 words per configuration",
                sentences.len()
            );
            let batching = EncoderSettings {
                batch_size,
                batch_tokens,
                ..EncoderSettings::default()
            };
            let rows = bench::bench_embed(&base, &sentences, &precisions, &threads, &batching)?;
            print!("{}", bench::embed_table(&rows));
            Ok(Outcome::Complete)
        }
    }
}

/// Sentences per generated benchmark document.
const BENCH_SENTENCES_PER_DOCUMENT: usize = 50;

fn bench_run(models: &Path, sizes: &[usize], engine: &EngineArgs) -> anyhow::Result<Outcome> {
    println!("| sentences | documents | seconds | sentences/s | peak memory (MiB) | seconds per stage |\n|---|---|---|---|---|---|");
    for &size in sizes {
        let output = std::process::Command::new(std::env::current_exe()?)
            .arg("--models")
            .arg(models)
            .args(["bench", "run-one", "--sentences", &size.to_string()])
            .args([
                "--precision",
                &engine.precision.to_string(),
                "--batch-size",
                &engine.batch_size.to_string(),
                "--batch-tokens",
                &engine.batch_tokens.to_string(),
            ])
            .args(
                engine
                    .threads
                    .threads
                    .map(|t| vec!["--threads".to_string(), t.to_string()])
                    .unwrap_or_default(),
            )
            .stderr(std::process::Stdio::inherit())
            .output()?;
        anyhow::ensure!(
            output.status.success(),
            "bench run-one failed for {size} sentences"
        );
        print!("{}", String::from_utf8_lossy(&output.stdout));
    }
    Ok(Outcome::Complete)
}

fn bench_run_one(models: &Path, sentences: usize, engine: &EngineArgs) -> anyhow::Result<Outcome> {
    let dir = std::env::temp_dir().join(format!("claimscan-bench-{}", std::process::id()));
    let documents = sentences.div_ceil(BENCH_SENTENCES_PER_DOCUMENT);
    bench::generate_corpus(&dir.join("docs"), documents, BENCH_SENTENCES_PER_DOCUMENT)?;
    let options = RunOptions {
        engine: engine.settings(),
        extraction: Extraction::Worker(std::env::current_exe()?),
        quiet: true,
        ..RunOptions::new(
            vec![dir.join("docs")],
            dir.join("out"),
            classifier_dir(models, None),
        )
    };
    let summary = claimscan::run::run(&options);
    let _ = std::fs::remove_dir_all(&dir);
    let summary = summary?;
    let stages: Vec<String> = summary
        .stage_seconds
        .iter()
        .map(|(stage, s)| format!("{stage} {s:.1}"))
        .collect();
    println!(
        "| {} | {} | {:.1} | {:.1} | {:.0} | {} |",
        summary.sentences,
        summary.documents,
        summary.seconds,
        summary.sentences_per_second.unwrap_or_default(),
        bench::peak_memory_mib().unwrap_or(f64::NAN),
        stages.join(", ")
    );
    Ok(Outcome::Complete)
}
