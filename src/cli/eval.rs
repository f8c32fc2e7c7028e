//! `claimscan eval`: quality of a classifier on labelled sentences.
use super::{base_model_dir, ClassifierArg, Outcome, ThreadsArg};
use claimscan::evaluate;
use claimscan::model::Precision;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct EvalArgs {
    /// Labelled sentences to score (CSV, or XLSX such as a filled review sheet)
    #[arg(long, default_value = "corpus/labeled/test.csv")]
    data: PathBuf,
    #[command(flatten)]
    model: ClassifierArg,
    /// Training CSV of the logistic-regression baseline
    #[arg(long, default_value = "corpus/labeled/train.csv")]
    baseline_train: PathBuf,
    /// Comma-separated precisions to evaluate the classifier in
    #[arg(long, value_delimiter = ',', default_value = "f32,int8")]
    precisions: Vec<Precision>,
    #[command(flatten)]
    threads: ThreadsArg,
    /// Folder for report.md, metrics.csv and the PR plots
    #[arg(long, default_value = "output/eval")]
    out: PathBuf,
}

pub fn run(models: &Path, args: EvalArgs) -> anyhow::Result<Outcome> {
    let options = evaluate::EvalOptions {
        data: args.data,
        model_dir: args.model.dir(models),
        base_dir: base_model_dir(models),
        baseline_train: args.baseline_train,
        precisions: args.precisions,
        threads: args.threads.count(),
        out_dir: args.out,
    };
    let evaluation = evaluate::evaluate(&options)?;
    let written = evaluate::write_outputs(&evaluation, &options)?;
    print!("{}", std::fs::read_to_string(&written[0])?);
    for path in &written {
        eprintln!("wrote {}", path.display());
    }
    Ok(Outcome::Complete)
}
