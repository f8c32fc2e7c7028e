//! `claimscan train`: fine-tune a classifier on labelled sentences.
use super::{log, Outcome, ThreadsArg};
use claimscan::model::classifier::classifier_dir;
use claimscan::model::train::TrainParams;
use claimscan::model::{dataset, provision, LabelSet};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct TrainArgs {
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
    #[command(flatten)]
    threads: ThreadsArg,
    #[arg(long)]
    quiet: bool,
}

pub fn run(models: &Path, args: TrainArgs) -> anyhow::Result<Outcome> {
    let labels = match &args.labels {
        Some(path) => LabelSet::from_file(path)?,
        None => LabelSet::default_set(),
    };
    let out = classifier_dir(models, args.out.as_deref());
    let params = TrainParams {
        epochs: args.epochs,
        batch_size: args.batch_size,
        learning_rate: args.learning_rate,
        seed: args.seed,
        threads: args.threads.count(),
        ..TrainParams::default()
    };
    let data_sha256 = provision::sha256_file(&args.data)?;
    if args.if_needed && claimscan::model::train::is_current(&out, &labels, &data_sha256, &params) {
        eprintln!(
            "[train] {} is up to date with {}",
            out.display(),
            args.data.display()
        );
        return Ok(Outcome::Complete);
    }
    let base = provision::ensure(models, &log)?;
    let examples = dataset::load(&args.data, &labels)?;
    eprintln!(
        "[train] fine-tuning on {} sentences from {} into {} (one-time; about 10 minutes on 2 cores)",
        examples.len(),
        args.data.display(),
        out.display()
    );
    let info = claimscan::model::train::train(
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
