//! `claimscan run`: the main job.
use super::{ClassifierArg, EngineArgs, Outcome, OutputArgs};
use claimscan::ingest;
use claimscan::run::{Extraction, RunOptions, RunSummary, Shard};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct RunArgs {
    /// Folders (searched recursively), files or glob patterns
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    model: ClassifierArg,
    /// Files larger than this many bytes are refused (reported in errors.csv)
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Documents whose text, once decoded or decompressed, has more characters than this
    /// are refused (reported in errors.csv)
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_CHARS)]
    max_chars: usize,
    /// Seconds one document's extraction may take before it is stopped (0: no limit)
    #[arg(long, default_value_t = ingest::worker::DEFAULT_MAX_SECONDS)]
    max_seconds_per_file: u64,
    /// Finish an interrupted run: documents already done with unchanged content are kept
    #[arg(long)]
    resume: bool,
    /// Also write each document's text, which the offsets index, to text/<doc_id>.txt
    #[arg(long)]
    keep_text: bool,
    /// Process only shard I of N (a deterministic subset); combine shards with `merge`
    #[arg(long)]
    shard: Option<Shard>,
    /// Extra abbreviations for the sentence splitter (one per line)
    #[arg(long)]
    abbreviations: Option<PathBuf>,
    /// No progress bar and no summary table (problems with files are still printed)
    #[arg(long)]
    quiet: bool,
    /// Do not write the HTML report (output/report.html; see `claimscan report`)
    #[arg(long)]
    no_report: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

fn run_options(models: &Path, args: &RunArgs) -> anyhow::Result<RunOptions> {
    let model_dir = args.model.dir(models);
    Ok(RunOptions {
        engine: args.engine.settings(),
        max_bytes: args.max_bytes,
        max_chars: args.max_chars,
        max_seconds_per_file: args.max_seconds_per_file,
        // Documents are read in a worker process: a file can hang or crash only that.
        extraction: Extraction::Worker(std::env::current_exe()?),
        keep_text: args.keep_text,
        resume: args.resume,
        shard: args.shard,
        quiet: args.quiet,
        abbreviations: args.abbreviations.clone(),
        command_line: std::env::args().collect(),
        ..args.output.apply(RunOptions::new(
            args.inputs.clone(),
            args.output.out.clone(),
            model_dir,
        ))
    })
}

pub fn run(models: &Path, args: RunArgs) -> anyhow::Result<Outcome> {
    let options = run_options(models, &args)?;
    let summary = claimscan::run::run(&options)?;
    let outcome = finish_run(&summary, &options)?;
    let reported = args.no_report || super::report::after_run(&options.out_dir, options.quiet);
    Ok(if reported { outcome } else { Outcome::Partial })
}

pub fn finish_run(summary: &RunSummary, options: &RunOptions) -> anyhow::Result<Outcome> {
    if !options.quiet {
        eprint!("{}", summary_table(summary, &options.out_dir));
    }
    Ok(
        if summary.failed > 0 || !summary.missing_shards.is_empty() {
            Outcome::Partial
        } else {
            Outcome::Complete
        },
    )
}

fn summary_table(summary: &RunSummary, out: &Path) -> String {
    let rate = summary
        .sentences_per_second
        .map_or_else(|| "-".to_string(), |r| format!("{r:.1}"));
    let mut table = format!(
        "\n| documents | failed | reused | sentences | repeats | not English | cut | seconds | sentences/s |\n|---|---|---|---|---|---|---|---|---|\n| {} | {} | {} | {} | {} | {} | {} | {:.1} | {rate} |\n\n| label | claims |\n|---|---|\n",
        summary.documents,
        summary.failed,
        summary.reused,
        summary.sentences,
        summary.repeated_sentences,
        summary.non_english_sentences,
        summary.cut_sentences,
        summary.seconds,
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
