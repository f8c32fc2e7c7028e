//! `claimscan merge`: combine shard output folders into one dataset.
use super::run::finish_run;
use super::{Outcome, OutputArgs};
use claimscan::run::RunOptions;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct MergeArgs {
    /// Output folders of the shards
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    /// Write the finished shards even when others are missing or unfinished (listed in
    /// run.json and on standard error; exit code 1)
    #[arg(long)]
    allow_partial: bool,
    /// No summary table (missing shards are still printed)
    #[arg(long)]
    quiet: bool,
}

pub fn run(args: MergeArgs) -> anyhow::Result<Outcome> {
    let options = args.output.apply(RunOptions::new(
        Vec::new(),
        args.output.out.clone(),
        PathBuf::new(),
    ));
    let options = RunOptions {
        command_line: std::env::args().collect(),
        allow_partial: args.allow_partial,
        quiet: args.quiet,
        ..options
    };
    let summary = claimscan::run::merge(&args.shards, &options)?;
    for problem in &summary.missing_shards {
        eprintln!("claimscan: merge: {problem}");
    }
    finish_run(&summary, &options)
}
