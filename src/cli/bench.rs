//! `claimscan bench`: throughput of the encoder and of whole runs, on sentences of the
//! labelled corpus (written for the project).
use super::{base_model_dir, EngineArgs, Outcome};
use claimscan::evaluate::bench;
use claimscan::model::classifier::classifier_dir;
use claimscan::model::{EncoderSettings, Precision};
use claimscan::run::{Extraction, RunOptions};
use clap::Subcommand;
use std::path::{Path, PathBuf};

/// Where the benchmark's sentences come from.
const SOURCE: &str = "corpus/labeled/train.csv";

#[derive(Subcommand)]
pub enum BenchCommand {
    /// End-to-end `run` on generated corpora of distinct sentences: sentences/s, time per
    /// stage, peak memory (one fresh process per size)
    Run {
        /// Comma-separated corpus sizes in sentences
        #[arg(long, value_delimiter = ',', default_value = "5000,20000")]
        sentences: Vec<usize>,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Writes the generated corpus of `bench run` (text files), e.g. to time another tool on it
    Corpus {
        /// Sentences in all (none repeated)
        #[arg(long, default_value_t = 20_000)]
        sentences: usize,
        /// Output folder
        #[arg(long)]
        out: PathBuf,
    },
    /// One size of `bench run`, in this process (used by `bench run`)
    #[command(hide = true)]
    RunOne {
        #[arg(long)]
        corpus: PathBuf,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Sentences per second of the encoder for each precision and thread count
    Embed {
        /// CSV with a `text` column
        #[arg(long, default_value = SOURCE)]
        sentences: PathBuf,
        /// How many sentences to embed per configuration
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Sentences of this many words (12-30 words: about 32 word pieces on average,
        /// like report text)
        #[arg(long, default_value = "12-30")]
        words: String,
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
        BenchCommand::Corpus { sentences, out } => {
            let corpus = bench::corpus_sentences(Path::new(SOURCE))?;
            let files = bench::generate_corpus(&out, sentences, &corpus)?;
            eprintln!(
                "wrote {sentences} distinct sentences in {files} files to {}",
                out.display()
            );
            Ok(Outcome::Complete)
        }
        BenchCommand::RunOne { corpus, engine } => bench_run_one(models, &corpus, &engine),
        BenchCommand::Embed {
            sentences,
            count,
            words,
            precisions,
            threads,
            batch_size,
            batch_tokens,
        } => {
            let base = base_model_dir(models);
            let (low, high) = words
                .split_once('-')
                .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                .ok_or_else(|| anyhow::anyhow!("--words takes MIN-MAX, got '{words}'"))?;
            let sentences = bench::bench_sentences(&sentences, count, low..=high)?;
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

fn bench_run(models: &Path, sizes: &[usize], engine: &EngineArgs) -> anyhow::Result<Outcome> {
    println!("| sentences | documents | seconds | sentences/s | peak memory (MiB) | seconds per stage |\n|---|---|---|---|---|---|");
    let corpus = bench::corpus_sentences(Path::new(SOURCE))?;
    for &size in sizes {
        let dir =
            std::env::temp_dir().join(format!("claimscan-bench-{}-{size}", std::process::id()));
        bench::generate_corpus(&dir, size, &corpus)?;
        let output = std::process::Command::new(std::env::current_exe()?)
            .arg("--models")
            .arg(models)
            .args(["bench", "run-one", "--corpus"])
            .arg(&dir)
            .args(engine.to_args())
            .stderr(std::process::Stdio::inherit())
            .output();
        let _ = std::fs::remove_dir_all(&dir);
        let output = output?;
        anyhow::ensure!(
            output.status.success(),
            "bench run-one failed for {size} sentences"
        );
        print!("{}", String::from_utf8_lossy(&output.stdout));
    }
    Ok(Outcome::Complete)
}

fn bench_run_one(models: &Path, corpus: &Path, engine: &EngineArgs) -> anyhow::Result<Outcome> {
    let out = corpus.with_extension("out");
    let options = RunOptions {
        engine: engine.settings(),
        extraction: Extraction::Worker(std::env::current_exe()?),
        quiet: true,
        ..RunOptions::new(
            vec![corpus.to_path_buf()],
            out.clone(),
            classifier_dir(models, None),
        )
    };
    let summary = claimscan::run::run(&options);
    let _ = std::fs::remove_dir_all(&out);
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
