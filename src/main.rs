//! The command line: a thin layer over the claimscan library.
//! Exit codes: 0 success, 1 partial failure (some inputs failed), 2 usage or fatal error.
use anyhow::Context;
use claimscan::encode::{available_cores, Encoder, EncoderSettings, Precision};
use claimscan::{basemodel, bench, lines, write};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "claimscan",
    version,
    about = "Find abuse, refoulement and policy-stance claims in human-rights documents, sentence by sentence"
)]
struct Cli {
    /// Folder with the base model and trained classifiers [env: CLAIMSCAN_MODELS; default: models]
    #[arg(long, global = true)]
    models: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fetch and verify the base model (all-MiniLM-L6-v2); does nothing when it is in place
    Setup,
    /// Print one sentence embedding per input line (CSV: text, e0..e383; or JSON Lines)
    Embed(EmbedArgs),
    /// Measure throughput
    #[command(subcommand)]
    Bench(BenchCommand),
}

/// Engine settings shared by every command that runs the transformer.
#[derive(Args, Clone)]
struct EngineArgs {
    /// Numeric precision: f32, bf16, or auto (bf16 only where the CPU has native bf16)
    #[arg(long, default_value = "auto")]
    precision: Precision,
    /// libtorch threads (default: all cores; capped at the number of cores)
    #[arg(long)]
    threads: Option<usize>,
    /// Sentences per forward pass
    #[arg(long, default_value_t = claimscan::encode::DEFAULT_BATCH_SIZE)]
    batch_size: usize,
}

impl EngineArgs {
    fn settings(&self) -> EncoderSettings {
        EncoderSettings {
            precision: self.precision,
            threads: self.threads.unwrap_or_else(available_cores),
            batch_size: self.batch_size,
        }
    }
}

#[derive(Args)]
struct EmbedArgs {
    /// Input file, one text per line (default: standard input)
    file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "csv")]
    format: write::Format,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Sentences per second of the encoder for f32 and bf16 at 1 and N threads
    Embed {
        /// CSV with a `text` column; sentences of 15-40 words are used
        #[arg(long, default_value = "corpus/labeled/train.csv")]
        sentences: PathBuf,
        /// How many sentences to embed per configuration
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Comma-separated precisions to measure
        #[arg(long, value_delimiter = ',', default_value = "f32,bf16")]
        precisions: Vec<Precision>,
        /// Comma-separated thread counts to measure
        #[arg(long, value_delimiter = ',', default_value = "1,2")]
        threads: Vec<usize>,
        #[arg(long, default_value_t = claimscan::encode::DEFAULT_BATCH_SIZE)]
        batch_size: usize,
    },
}

/// How a command ended when it did not fail outright.
enum Outcome {
    Complete,
    /// Some inputs had problems (reported on stderr); the rest was processed.
    Partial,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let models = cli
        .models
        .clone()
        .unwrap_or_else(claimscan::default_models_dir);
    match run(cli.command, &models) {
        Ok(Outcome::Complete) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(error) => {
            eprintln!("claimscan: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, models: &Path) -> anyhow::Result<Outcome> {
    match command {
        Command::Setup => setup(models),
        Command::Embed(args) => embed(models, args),
        Command::Bench(BenchCommand::Embed {
            sentences,
            count,
            precisions,
            threads,
            batch_size,
        }) => {
            let base = base_model_dir(models);
            let sentences = bench::bench_sentences(&sentences, count)?;
            eprintln!(
                "embedding {} sentences of 15-40 words per configuration",
                sentences.len()
            );
            let rows = bench::bench_embed(&base, &sentences, &precisions, &threads, batch_size)?;
            print!("{}", bench::embed_table(&rows));
            Ok(Outcome::Complete)
        }
    }
}

fn log(message: &str) {
    eprintln!("[setup] {message}");
}

fn setup(models: &Path) -> anyhow::Result<Outcome> {
    basemodel::ensure(models, &log)?;
    let precision = Precision::auto();
    log(&format!(
        "{} cores; default precision {precision} ({})",
        available_cores(),
        if precision == Precision::Bf16 {
            "native bf16 found"
        } else {
            "no native bf16 on this CPU"
        }
    ));
    Ok(Outcome::Complete)
}

fn base_model_dir(models: &Path) -> PathBuf {
    models.join(basemodel::BASE_MODEL_NAME)
}

fn source_name(file: Option<&Path>) -> String {
    file.map_or_else(|| "<stdin>".to_string(), |f| f.display().to_string())
}

fn embed(models: &Path, args: EmbedArgs) -> anyhow::Result<Outcome> {
    let source = source_name(args.file.as_deref());
    let input = lines::split_lines(&lines::read_source(args.file.as_deref())?);
    let encoder = Encoder::open_base(&base_model_dir(models), args.engine.settings())?;
    let texts: Vec<&str> = input.iter().map(|line| line.text.as_str()).collect();
    let tokenized = encoder.tokenize(&texts)?;
    let mut outcome = Outcome::Complete;
    for (line, tokens) in input.iter().zip(&tokenized) {
        if line.invalid_utf8 {
            eprintln!(
                "{source}:{}: invalid UTF-8; bad bytes replaced with U+FFFD",
                line.number
            );
            outcome = Outcome::Partial;
        }
        if tokens.truncated {
            eprintln!(
                "{source}:{}: longer than {} word pieces; the embedding covers the first {} of {} characters",
                line.number,
                claimscan::encode::MAX_TOKENS,
                tokens.covered_chars(),
                line.text.chars().count()
            );
        }
    }
    let embeddings = encoder.embed_tokenized(&tokenized)?;
    let stdout = std::io::stdout().lock();
    write::write_embeddings(
        std::io::BufWriter::new(stdout),
        args.format,
        &texts,
        &embeddings,
    )
    .context("writing embeddings")?;
    std::io::stdout().flush().ok();
    Ok(outcome)
}
