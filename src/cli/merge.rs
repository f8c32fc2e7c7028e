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
}

pub fn run(args: MergeArgs) -> anyhow::Result<Outcome> {
    let options = args.output.apply(RunOptions::new(
        Vec::new(),
        args.output.out.clone(),
        PathBuf::new(),
    ));
    let options = RunOptions {
        command_line: std::env::args().collect(),
        ..options
    };
    let summary = claimscan::run::merge(&args.shards, &options)?;
    finish_run(&summary, &options)
}
