//! The command line: clap definitions and one file per command. Each command turns its
//! arguments into the library's options, calls the library and reports the outcome; the
//! option groups several commands share (engine, threads, classifier folder, output) are
//! defined once here.
mod bench;
mod classify;
mod embed;
mod eval;
mod merge;
mod report;
mod review;
mod run;
mod setup;
mod split;
mod train;

use claimscan::model::classifier::classifier_dir;
use claimscan::model::{available_cores, EncoderSettings, Precision};
use claimscan::run::RunOptions;
use claimscan::write::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "claimscan",
    version,
    about = "Find abuse, refoulement and policy-stance claims in human-rights documents, sentence by sentence"
)]
pub struct Cli {
    /// Folder with the base model and trained classifiers [env: CLAIMSCAN_MODELS; default: ./models, else models/ beside the executable or its repository, else ~/.local/share/claimscan/models]
    #[arg(long, global = true)]
    pub models: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Fetch and verify the base model (all-MiniLM-L6-v2); does nothing when it is in place
    Setup,
    /// The main job: documents (folders, files, globs) -> sentences, claims, documents, errors
    Run(run::RunArgs),
    /// Combine the output folders of `run --shard I/N` into one dataset
    Merge(merge::MergeArgs),
    /// Rebuild the HTML report (report.html) of an output folder
    Report(report::ReportArgs),
    /// Split text into sentences, headings and list items with exact offsets (JSON Lines or CSV)
    Split(split::SplitArgs),
    /// Print one sentence embedding per input line (CSV: text, e0..e383; or JSON Lines)
    Embed(embed::EmbedArgs),
    /// Classify sentences: one per line, or a CSV column; writes CSV with labels, scores and attributes
    Classify(classify::ClassifyArgs),
    /// Fine-tune the classifier on a labelled CSV (text + one 0/1 column per label)
    Train(train::TrainArgs),
    /// Cross-validate a training (per-fold and mean F1, thresholds for `train --thresholds-from`)
    Cv(train::CvArgs),
    /// Score a classifier on a labelled CSV beside the frozen-embedding baseline
    Eval(eval::EvalArgs),
    /// A sheet of a run's sentences most worth checking by hand; --compare: how a filled
    /// sheet agrees with the model
    Review(review::ReviewArgs),
    /// Measure throughput
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Internal: the extraction worker of `ingest::worker` (reads documents named on stdin)
    #[command(name = "extract-worker", hide = true)]
    ExtractWorker,
}

/// How a command ended when it did not fail outright.
pub enum Outcome {
    Complete,
    /// Some inputs had problems (reported on stderr); the rest was processed.
    Partial,
}

/// Runs one command with the models folder already resolved.
pub fn dispatch(command: Command, models: &Path) -> anyhow::Result<Outcome> {
    match command {
        Command::Setup => setup::run(models),
        Command::Run(args) => run::run(models, args),
        Command::Merge(args) => merge::run(args),
        Command::Report(args) => report::run(args),
        Command::Split(args) => split::run(args),
        Command::Embed(args) => embed::run(models, args),
        Command::Classify(args) => classify::run(models, args),
        Command::Train(args) => train::run(models, args),
        Command::Review(args) => review::run(args),
        Command::Cv(args) => train::cross_validate(models, args),
        Command::Eval(args) => eval::run(models, args),
        Command::Bench(command) => bench::run(models, command),
        Command::ExtractWorker => {
            claimscan::ingest::worker::serve()?;
            Ok(Outcome::Complete)
        }
    }
}

/// Output file format.
#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Csv,
    Jsonl,
}

impl From<OutputFormat> for Format {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Csv => Format::Csv,
            OutputFormat::Jsonl => Format::Jsonl,
        }
    }
}

/// libtorch threads, shared by every command that runs the transformer.
#[derive(Args, Clone)]
pub struct ThreadsArg {
    /// libtorch threads (default: all cores; capped at the number of cores)
    #[arg(long)]
    pub threads: Option<usize>,
}

impl ThreadsArg {
    pub fn count(&self) -> usize {
        self.threads.unwrap_or_else(available_cores)
    }
}

/// Engine settings shared by every command that runs the transformer.
#[derive(Args, Clone)]
pub struct EngineArgs {
    /// Numeric precision: int8, f32, bf16, or auto (int8 where the CPU has VNNI, else f32)
    #[arg(long, default_value = "auto")]
    pub precision: Precision,
    #[command(flatten)]
    pub threads: ThreadsArg,
    /// Most sentences per forward pass
    #[arg(long, default_value_t = claimscan::model::encoder::DEFAULT_BATCH_SIZE)]
    pub batch_size: usize,
    /// Most padded word pieces per forward pass
    #[arg(long, default_value_t = claimscan::model::encoder::DEFAULT_BATCH_TOKENS)]
    pub batch_tokens: usize,
}

impl EngineArgs {
    /// The same settings as command-line arguments (for a child process).
    pub fn to_args(&self) -> Vec<String> {
        let mut args = vec![
            "--precision".to_string(),
            self.precision.to_string(),
            "--batch-size".to_string(),
            self.batch_size.to_string(),
            "--batch-tokens".to_string(),
            self.batch_tokens.to_string(),
        ];
        if let Some(threads) = self.threads.threads {
            args.extend(["--threads".to_string(), threads.to_string()]);
        }
        args
    }

    pub fn settings(&self) -> EncoderSettings {
        EncoderSettings {
            precision: self.precision,
            threads: self.threads.count(),
            batch_size: self.batch_size,
            batch_tokens: self.batch_tokens,
        }
    }
}

/// The classifier a command uses.
#[derive(Args, Clone)]
pub struct ClassifierArg {
    /// Classifier folder [default: <models>/claimscan-claims]
    #[arg(long)]
    pub model: Option<PathBuf>,
}

impl ClassifierArg {
    pub fn dir(&self, models: &Path) -> PathBuf {
        classifier_dir(models, self.model.as_deref())
    }
}

/// How the dataset files are written.
#[derive(Args, Clone)]
pub struct OutputArgs {
    /// Output folder
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// csv or jsonl tables; xlsx: the CSV tables plus claimscan.xlsx, one sheet per table
    #[arg(long, value_enum, default_value = "csv")]
    format: TableFormat,
    /// Start CSV files with a UTF-8 byte-order mark so Excel reads them as UTF-8
    #[arg(long)]
    excel: bool,
    /// Write cells starting with = + - @ tab or CR as they are (by default they get a
    /// leading ' so spreadsheets do not run them as formulas)
    #[arg(long)]
    no_formula_guard: bool,
}

/// Format of a run's dataset.
#[derive(Clone, Copy, ValueEnum)]
pub enum TableFormat {
    Csv,
    Jsonl,
    /// The CSV tables, which `review`, `merge` and `--resume` read, and a workbook.
    Xlsx,
}

impl OutputArgs {
    pub fn apply(&self, options: RunOptions) -> RunOptions {
        RunOptions {
            format: match self.format {
                TableFormat::Jsonl => Format::Jsonl,
                TableFormat::Csv | TableFormat::Xlsx => Format::Csv,
            },
            workbook: matches!(self.format, TableFormat::Xlsx),
            excel: self.excel,
            formula_guard: !self.no_formula_guard,
            ..options
        }
    }
}

/// Prints a set-up step.
pub fn log(message: &str) {
    eprintln!("[setup] {message}");
}

pub fn base_model_dir(models: &Path) -> PathBuf {
    models.join(claimscan::model::provision::BASE_MODEL_NAME)
}

pub fn source_name(file: Option<&Path>) -> String {
    file.map_or_else(|| "<stdin>".to_string(), |f| f.display().to_string())
}
