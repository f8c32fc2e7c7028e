//! `claimscan train`: fine-tune a classifier on labelled sentences; `claimscan cv`: the
//! same training cross-validated, to choose its parameters and thresholds.
use super::{log, Outcome, ThreadsArg};
use anyhow::Context;
use claimscan::extract::{Extractor, RuleExtractor};
use claimscan::model::classifier::classifier_dir;
use claimscan::model::dataset::{self, Example};
use claimscan::model::train::{
    self, CrossValidation, PosWeight, Thresholds, TrainParams, TrainingData,
};
use claimscan::model::{provision, LabelSet};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

/// The data and parameters of a training, shared by `train` and `cv`.
#[derive(Args)]
pub struct TrainingArgs {
    /// Labelled data (CSV, or XLSX such as a filled review sheet); repeat for several
    /// files: a sentence found in a later file takes its labels from there
    #[arg(long, default_value = "corpus/labeled/train.csv")]
    data: Vec<PathBuf>,
    /// Label set (TOML) [default: the built-in claim labels, models/labels.toml]
    #[arg(long)]
    labels: Option<PathBuf>,
    #[arg(long, default_value_t = TrainParams::default().epochs)]
    epochs: usize,
    #[arg(long, default_value_t = TrainParams::default().batch_size)]
    batch_size: usize,
    #[arg(long, default_value_t = TrainParams::default().learning_rate)]
    learning_rate: f64,
    /// Weight of positive examples in the loss
    #[arg(long, value_enum, default_value_t = PosWeightArg::from(TrainParams::default().pos_weight))]
    pos_weight: PosWeightArg,
    /// Word pieces of a sentence seen in training
    #[arg(long, default_value_t = TrainParams::default().max_tokens)]
    max_tokens: usize,
    /// Also learn the `hedged` attribute [default: true when every data file has a
    /// hedged column (0/1)]
    #[arg(long, action = clap::ArgAction::Set)]
    learn_hedged: Option<bool>,
    #[arg(long, default_value_t = TrainParams::default().seed)]
    seed: u64,
    /// Folds: thresholds are chosen on one held back (`train`), or cross-validated (`cv`)
    #[arg(long, default_value_t = TrainParams::default().folds)]
    folds: usize,
    #[command(flatten)]
    threads: ThreadsArg,
    #[arg(long)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum PosWeightArg {
    None,
    Balanced,
}

impl From<PosWeight> for PosWeightArg {
    fn from(weight: PosWeight) -> Self {
        match weight {
            PosWeight::None => PosWeightArg::None,
            PosWeight::Balanced => PosWeightArg::Balanced,
        }
    }
}

impl TrainingArgs {
    fn params(&self, examples: &[Example]) -> TrainParams {
        // A label set of the user's own may come without the `hedged` column.
        let has_hedged = !examples.is_empty() && dataset::all_have_hedged(examples);
        TrainParams {
            epochs: self.epochs,
            batch_size: self.batch_size,
            learning_rate: self.learning_rate,
            pos_weight: match self.pos_weight {
                PosWeightArg::None => PosWeight::None,
                PosWeightArg::Balanced => PosWeight::Balanced,
            },
            max_tokens: self.max_tokens,
            learn_hedged: self
                .learn_hedged
                .unwrap_or(TrainParams::default().learn_hedged && has_hedged),
            seed: self.seed,
            folds: self.folds,
            threads: self.threads.count(),
            ..TrainParams::default()
        }
    }

    fn labels(&self) -> anyhow::Result<LabelSet> {
        Ok(match &self.labels {
            Some(path) => LabelSet::from_file(path)?,
            None => LabelSet::default_set(),
        })
    }

    /// `(file, SHA-256)` of every data file.
    fn files(&self) -> anyhow::Result<Vec<(String, String)>> {
        self.data
            .iter()
            .map(|path| Ok((path.display().to_string(), provision::sha256_file(path)?)))
            .collect()
    }

    fn examples(&self, labels: &LabelSet) -> anyhow::Result<Vec<Example>> {
        let loaded = dataset::load_all(&self.data, labels)?;
        if loaded.skipped > 0 {
            eprintln!("[train] skipped {} rows without labels", loaded.skipped);
        }
        if loaded.replaced > 0 {
            eprintln!(
                "[train] {} sentences found in more than one file take their labels from the last",
                loaded.replaced
            );
        }
        Ok(loaded.examples)
    }
}

/// The rule-based `hedged` attribute, which a learnt one is compared and combined with.
fn hedged_rules() -> impl Fn(&str) -> bool {
    let extractor = RuleExtractor::new();
    move |text: &str| extractor.extract(text).hedged
}

#[derive(Args)]
pub struct TrainArgs {
    #[command(flatten)]
    training: TrainingArgs,
    /// Output model folder [default: <models>/claimscan-claims]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Thresholds from a cross-validation of the same data and parameters (`claimscan
    /// cv --out FILE`) instead of from a held-back fold: one model to train instead of two
    #[arg(long)]
    thresholds_from: Option<PathBuf>,
    /// Only train when the output folder lacks a model trained on this data, labels and settings
    #[arg(long)]
    if_needed: bool,
}

pub fn run(models: &Path, args: TrainArgs) -> anyhow::Result<Outcome> {
    let training = &args.training;
    let labels = training.labels()?;
    let out = classifier_dir(models, args.out.as_deref());
    let examples = training.examples(&labels)?;
    let params = training.params(&examples);
    let files = training.files()?;
    let data_sha256 = TrainingData {
        examples: &[],
        files: files.clone(),
    }
    .sha256();
    if args.if_needed && train::is_current(&out, &labels, &data_sha256, &params) {
        eprintln!("[train] {} is up to date with its data", out.display());
        return Ok(Outcome::Complete);
    }
    let thresholds = match &args.thresholds_from {
        Some(path) => Thresholds::CrossValidated(Box::new(read_cross_validation(path)?)),
        None => Thresholds::HeldBack,
    };
    let base = provision::ensure(models, &log)?;
    eprintln!(
        "[train] fine-tuning on {} sentences into {} (one-time; about 15 minutes on 2 cores)",
        examples.len(),
        out.display()
    );
    let data = TrainingData {
        examples: &examples,
        files,
    };
    let info = train::train(
        &base,
        &labels,
        &data,
        &params,
        &thresholds,
        &hedged_rules(),
        &out,
        training.quiet,
    )?;
    eprintln!(
        "[train] done in {} s: thresholds {:?}, hedged {:?}",
        info.training["seconds"], info.thresholds, info.hedged
    );
    Ok(Outcome::Complete)
}

fn read_cross_validation(path: &Path) -> anyhow::Result<CrossValidation> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not a `claimscan cv` result", path.display()))
}

#[derive(Args)]
pub struct CvArgs {
    #[command(flatten)]
    training: TrainingArgs,
    /// Where to write the result (JSON: per-fold figures, means, thresholds)
    #[arg(long)]
    out: PathBuf,
}

pub fn cross_validate(models: &Path, args: CvArgs) -> anyhow::Result<Outcome> {
    let training = &args.training;
    let labels = training.labels()?;
    let examples = training.examples(&labels)?;
    let params = training.params(&examples);
    let base = provision::ensure(models, &log)?;
    let data = TrainingData {
        examples: &examples,
        files: training.files()?,
    };
    eprintln!(
        "[cv] {} folds over {} sentences ({} fine-tunings)",
        params.folds,
        examples.len(),
        params.folds
    );
    let result = train::cross_validate(
        &base,
        &labels,
        &data,
        &params,
        &hedged_rules(),
        training.quiet,
    )?;
    let text = serde_json::to_string_pretty(&result)? + "\n";
    claimscan::write::write_atomically(&args.out, text.as_bytes())?;
    println!(
        "macro F1 {:.3} ± {:.3} over {} folds; per label {:?}; hedged rules {:?}, learnt {:?}; {:.0} s",
        result.mean_macro_f1,
        result.sd_macro_f1,
        result.folds.len(),
        result.mean_per_label_f1,
        result.mean_hedged_rules_f1,
        result.mean_hedged_learned_f1,
        result.seconds
    );
    Ok(Outcome::Complete)
}
