//! The command line: a thin layer over the claimscan library.
//! Exit codes: 0 success, 1 partial failure (some inputs failed), 2 usage or fatal error.
use anyhow::Context;
use claimscan::classify::{ClaimClassifier, Classifier};
use claimscan::encode::{available_cores, Encoder, EncoderSettings, Precision};
use claimscan::extract::RuleExtractor;
use claimscan::labels::LabelSet;
use claimscan::pipeline::{RunOptions, RunSummary, Shard};
use claimscan::segment::{RuleSegmenter, Segmenter};
use claimscan::train::TrainParams;
use claimscan::{annotate, basemodel, bench, dataset, eval, lines, write};
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
    /// The main job: documents (folders, files, globs) -> sentences, claims, documents, errors
    Run(RunArgs),
    /// Combine the output folders of `run --shard I/N` into one dataset
    Merge(MergeArgs),
    /// Split text into sentences, headings and list items with exact offsets (JSON Lines or CSV)
    Split(SplitArgs),
    /// Print one sentence embedding per input line (CSV: text, e0..e383; or JSON Lines)
    Embed(EmbedArgs),
    /// Classify sentences: one per line, or a CSV column; writes CSV with labels, scores and attributes
    Classify(ClassifyArgs),
    /// Fine-tune the classifier on a labelled CSV (text + one 0/1 column per label)
    Train(TrainArgs),
    /// Score a classifier on a labelled CSV beside the frozen-embedding baseline
    Eval(EvalArgs),
    /// Measure throughput
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Args)]
struct RunArgs {
    /// Folders (searched recursively), files or glob patterns
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    /// Classifier folder [default: <models>/claimscan-claims]
    #[arg(long)]
    model: Option<PathBuf>,
    /// Files larger than this many bytes are refused (reported in errors.csv)
    #[arg(long, default_value_t = claimscan::ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Finish an interrupted run: documents already done with unchanged content are kept
    #[arg(long)]
    resume: bool,
    /// Process only shard I of N (a deterministic subset); combine shards with `merge`
    #[arg(long)]
    shard: Option<Shard>,
    /// Extra abbreviations for the sentence splitter (one per line)
    #[arg(long)]
    abbreviations: Option<PathBuf>,
    /// No progress bar and no summary table
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

/// How the dataset files are written.
#[derive(Args, Clone)]
struct OutputArgs {
    /// Output folder
    #[arg(long, default_value = "output")]
    out: PathBuf,
    #[arg(long, value_enum, default_value = "csv")]
    format: write::Format,
    /// Start CSV files with a UTF-8 byte-order mark so Excel reads them as UTF-8
    #[arg(long)]
    excel: bool,
    /// Write cells starting with = + - @ tab or CR as they are (by default they get a
    /// leading ' so spreadsheets do not run them as formulas)
    #[arg(long)]
    no_formula_guard: bool,
}

impl OutputArgs {
    fn apply(&self, options: RunOptions) -> RunOptions {
        RunOptions {
            format: self.format,
            excel: self.excel,
            formula_guard: !self.no_formula_guard,
            ..options
        }
    }
}

#[derive(Args)]
struct MergeArgs {
    /// Output folders of the shards
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
struct SplitArgs {
    /// Input text file (default: standard input)
    file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: write::Format,
    /// Extra abbreviations, one per line (format of data/abbreviations.txt)
    #[arg(long)]
    abbreviations: Option<PathBuf>,
    /// Join a paragraph to the next when a page break visibly cut a sentence
    /// (ends in a comma or a word like "of"); by default every blank line ends a unit
    #[arg(long)]
    repair_paragraphs: bool,
}

#[derive(Args)]
struct ClassifyArgs {
    /// Input file, one sentence per line (default: standard input)
    file: Option<PathBuf>,
    /// Read a CSV instead; every column is passed through in order
    #[arg(long, conflicts_with = "file", requires = "text_column")]
    input: Option<PathBuf>,
    /// The CSV column holding the sentences
    #[arg(long)]
    text_column: Option<String>,
    /// Classifier folder [default: <models>/claimscan-claims]
    #[arg(long)]
    model: Option<PathBuf>,
    /// Write cells starting with = + - @ as they are (by default they get a leading ' so
    /// spreadsheets do not run them as formulas)
    #[arg(long)]
    no_formula_guard: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Args)]
struct TrainArgs {
    /// Labelled training CSV
    #[arg(long, default_value = "corpus/labeled/train.csv")]
    data: PathBuf,
    /// Label set (TOML) [default: the built-in claim labels, models/labels.toml]
    #[arg(long)]
    labels: Option<PathBuf>,
    /// Output model folder [default: <models>/claimscan-claims]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Only train when the output folder lacks a model trained on this data, labels and settings
    #[arg(long)]
    if_needed: bool,
    #[arg(long, default_value_t = TrainParams::default().epochs)]
    epochs: usize,
    #[arg(long, default_value_t = TrainParams::default().batch_size)]
    batch_size: usize,
    #[arg(long, default_value_t = TrainParams::default().learning_rate)]
    learning_rate: f64,
    #[arg(long, default_value_t = TrainParams::default().seed)]
    seed: u64,
    /// libtorch threads (default: all cores)
    #[arg(long)]
    threads: Option<usize>,
    #[arg(long)]
    quiet: bool,
}

#[derive(Args)]
struct EvalArgs {
    /// Labelled CSV to score
    #[arg(long, default_value = "corpus/labeled/test.csv")]
    data: PathBuf,
    /// Classifier folder [default: <models>/claimscan-claims]
    #[arg(long)]
    model: Option<PathBuf>,
    /// Training CSV of the logistic-regression baseline
    #[arg(long, default_value = "corpus/labeled/train.csv")]
    baseline_train: PathBuf,
    /// Comma-separated precisions to evaluate the classifier in
    #[arg(long, value_delimiter = ',', default_value = "f32,bf16")]
    precisions: Vec<Precision>,
    #[arg(long)]
    threads: Option<usize>,
    /// Folder for report.md, metrics.csv and the PR plots
    #[arg(long, default_value = "output/eval")]
    out: PathBuf,
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
        Command::Run(args) => run_job(models, args),
        Command::Merge(args) => merge(args),
        Command::Split(args) => split(args),
        Command::Embed(args) => embed(models, args),
        Command::Classify(args) => classify(models, args),
        Command::Train(args) => train(models, args),
        Command::Eval(args) => evaluate(models, args),
        Command::Bench(BenchCommand::Run { sentences, engine }) => {
            bench_run(models, &sentences, &engine)
        }
        Command::Bench(BenchCommand::RunOne { sentences, engine }) => {
            bench_run_one(models, sentences, &engine)
        }
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

fn train(models: &Path, args: TrainArgs) -> anyhow::Result<Outcome> {
    let labels = match &args.labels {
        Some(path) => LabelSet::from_file(path)?,
        None => LabelSet::default_set(),
    };
    let out = eval::model_dir_or_default(models, args.out.as_deref());
    let params = TrainParams {
        epochs: args.epochs,
        batch_size: args.batch_size,
        learning_rate: args.learning_rate,
        seed: args.seed,
        threads: args.threads.unwrap_or_else(available_cores),
        ..TrainParams::default()
    };
    let data_sha256 = basemodel::sha256_file(&args.data)?;
    if args.if_needed && claimscan::train::is_current(&out, &labels, &data_sha256, &params) {
        eprintln!(
            "[train] {} is up to date with {}",
            out.display(),
            args.data.display()
        );
        return Ok(Outcome::Complete);
    }
    let base = basemodel::ensure(models, &log)?;
    let examples = dataset::load(&args.data, &labels)?;
    eprintln!(
        "[train] fine-tuning on {} sentences from {} into {} (one-time; about 10 minutes on 2 cores)",
        examples.len(),
        args.data.display(),
        out.display()
    );
    let info = claimscan::train::train(
        &base,
        &labels,
        &examples,
        &data_sha256,
        &params,
        &out,
        args.quiet,
    )?;
    eprintln!(
        "[train] done in {} s: thresholds {:?}; held-back macro F1 {}",
        info.training["seconds"], info.thresholds, info.training["held_back_macro_f1"]
    );
    Ok(Outcome::Complete)
}

fn evaluate(models: &Path, args: EvalArgs) -> anyhow::Result<Outcome> {
    let options = eval::EvalOptions {
        data: args.data,
        model_dir: eval::model_dir_or_default(models, args.model.as_deref()),
        base_dir: base_model_dir(models),
        baseline_train: args.baseline_train,
        precisions: args.precisions,
        threads: args.threads.unwrap_or_else(available_cores),
        out_dir: args.out,
    };
    let evaluation = eval::evaluate(&options)?;
    let written = eval::write_outputs(&evaluation, &options)?;
    print!("{}", std::fs::read_to_string(&written[0])?);
    for path in &written {
        eprintln!("wrote {}", path.display());
    }
    Ok(Outcome::Complete)
}

/// Rows to classify: the header and cells to pass through, and each row's text.
fn classify_input(
    args: &ClassifyArgs,
    outcome: &mut Outcome,
) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>, usize)> {
    if let (Some(path), Some(column)) = (&args.input, &args.text_column) {
        let table = lines::read_table(path, column)?;
        for line in &table.invalid_utf8_lines {
            eprintln!(
                "{}:{line}: invalid UTF-8; bad bytes replaced with U+FFFD",
                path.display()
            );
            *outcome = Outcome::Partial;
        }
        return Ok((table.header, table.rows, table.text_column));
    }
    let source = source_name(args.file.as_deref());
    let input = lines::split_lines(&lines::read_source(args.file.as_deref())?);
    let mut rows = Vec::with_capacity(input.len());
    for line in input {
        if line.invalid_utf8 {
            eprintln!(
                "{source}:{}: invalid UTF-8; bad bytes replaced with U+FFFD",
                line.number
            );
            *outcome = Outcome::Partial;
        }
        rows.push(vec![line.text]);
    }
    Ok((vec!["text".to_string()], rows, 0))
}

fn classify(models: &Path, args: ClassifyArgs) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::Complete;
    let (header, rows, text_column) = classify_input(&args, &mut outcome)?;
    let model_dir = eval::model_dir_or_default(models, args.model.as_deref());
    let classifier = ClaimClassifier::open(&model_dir, args.engine.settings())?;
    let texts: Vec<&str> = rows.iter().map(|row| row[text_column].as_str()).collect();
    let annotations = annotate::annotate(&classifier, &RuleExtractor::new(), &texts)?;

    let stdout = std::io::stdout().lock();
    let mut out =
        write::SafeCsvWriter::new(std::io::BufWriter::new(stdout), !args.no_formula_guard);
    let label_names = classifier.labels().names();
    out.write_row(
        header
            .iter()
            .cloned()
            .chain(annotate::columns(&label_names)),
    )?;
    for (row, annotation) in rows.iter().zip(&annotations) {
        out.write_row(row.iter().cloned().chain(annotate::cells(annotation)))?;
    }
    out.flush()?;
    Ok(outcome)
}

fn split(args: SplitArgs) -> anyhow::Result<Outcome> {
    let source = source_name(args.file.as_deref());
    let bytes = lines::read_source(args.file.as_deref())?;
    let mut outcome = Outcome::Complete;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{source}: invalid UTF-8; bad bytes replaced with U+FFFD (offsets refer to the replaced text)");
            outcome = Outcome::Partial;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let mut segmenter = RuleSegmenter::new().with_paragraph_repair(args.repair_paragraphs);
    if let Some(path) = &args.abbreviations {
        segmenter = segmenter.with_abbreviations_file(path)?;
    }
    let segments = segmenter.segment(&text);
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    write::write_segments(stdout, args.format, &segments)?;
    Ok(outcome)
}

fn run_options(models: &Path, args: &RunArgs) -> RunOptions {
    let model_dir = eval::model_dir_or_default(models, args.model.as_deref());
    RunOptions {
        engine: args.engine.settings(),
        max_bytes: args.max_bytes,
        resume: args.resume,
        shard: args.shard,
        quiet: args.quiet,
        abbreviations: args.abbreviations.clone(),
        ..args.output.apply(RunOptions::new(
            args.inputs.clone(),
            args.output.out.clone(),
            model_dir,
        ))
    }
}

fn run_job(models: &Path, args: RunArgs) -> anyhow::Result<Outcome> {
    let options = run_options(models, &args);
    let summary = claimscan::pipeline::run(&options)?;
    finish_run(&summary, &options)
}

fn finish_run(summary: &RunSummary, options: &RunOptions) -> anyhow::Result<Outcome> {
    if !options.quiet {
        eprint!("{}", summary_table(summary, &options.out_dir));
    }
    Ok(if summary.failed > 0 {
        Outcome::Partial
    } else {
        Outcome::Complete
    })
}

fn summary_table(summary: &RunSummary, out: &Path) -> String {
    let mut table = format!(
        "\n| documents | failed | sentences | seconds | sentences/s |\n|---|---|---|---|---|\n| {} | {} | {} | {:.1} | {:.1} |\n\n| label | claims |\n|---|---|\n",
        summary.documents, summary.failed, summary.sentences, summary.seconds, summary.sentences_per_second
    );
    for (label, count) in &summary.claims {
        table.push_str(&format!("| {label} | {count} |\n"));
    }
    table.push_str(&format!("\nwrote {}\n", out.display()));
    if summary.failed > 0 {
        table.push_str(&format!(
            "{} documents failed: see {}\n",
            summary.failed,
            out.join("errors.csv").display()
        ));
    }
    table
}

fn merge(args: MergeArgs) -> anyhow::Result<Outcome> {
    let options = args.output.apply(RunOptions::new(
        Vec::new(),
        args.output.out.clone(),
        PathBuf::new(),
    ));
    let summary = claimscan::pipeline::merge(&args.shards, &options)?;
    finish_run(&summary, &options)
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
            ])
            .args(
                engine
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
        quiet: true,
        ..RunOptions::new(
            vec![dir.join("docs")],
            dir.join("out"),
            eval::model_dir_or_default(models, None),
        )
    };
    let summary = claimscan::pipeline::run(&options);
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
        summary.sentences_per_second,
        bench::peak_memory_mib().unwrap_or(f64::NAN),
        stages.join(", ")
    );
    Ok(Outcome::Complete)
}
