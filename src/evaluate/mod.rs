//! Evaluation: how good and how fast the model is.
//!
//! In: a classifier and labelled sentences. Out: precision, recall and F1 per label beside
//! a frozen-embedding baseline ([`evaluate`], written as a report, a CSV and PR plots),
//! and throughput figures ([`bench`]).
//!
//! `claimscan eval`: the fine-tuned classifier (in each precision asked for) beside the
//! frozen-embedding logistic-regression baseline on one labelled CSV, plus the hedged
//! attribute, written as a Markdown report, a CSV of figures and one PR plot per label.
pub mod baseline;
pub mod bench;
pub mod metrics;
pub mod plot;
pub mod review;

use crate::error::{Error, Result};
use crate::extract::{Extractor, RuleExtractor};
use crate::model::classifier::{ClaimClassifier, Classifier, ModelInfo};
use crate::model::dataset::{self, Example};
use crate::model::encoder::{Embedder, Encoder, EncoderSettings, Precision};
use crate::model::train::split_folds;
use baseline::LogisticRegression;
use metrics::{Counts, Report};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

/// What to evaluate.
pub struct EvalOptions {
    pub data: PathBuf,
    pub model_dir: PathBuf,
    pub base_dir: PathBuf,
    /// Training data of the baseline (the classifier's own training CSV).
    pub baseline_train: PathBuf,
    pub precisions: Vec<Precision>,
    pub threads: usize,
    pub out_dir: PathBuf,
}

/// One evaluated system: its scores, probabilities and how long prediction took.
pub struct SystemResult {
    pub name: String,
    pub report: Report,
    pub probabilities: Vec<Vec<f32>>,
    /// The `hedged` attribute as this system decides it (the model's learnt output with
    /// or instead of the rules), when the data has the column.
    pub hedged: Option<Counts>,
    pub seconds: f64,
}

/// Everything `eval` measured.
pub struct Evaluation {
    pub systems: Vec<SystemResult>,
    pub hedged: Option<Counts>,
    pub examples: usize,
    pub gold: Vec<Vec<f32>>,
}

pub fn evaluate(options: &EvalOptions) -> Result<Evaluation> {
    // The label set is in model.json; each precision below opens the model itself.
    let labels = ModelInfo::read(&options.model_dir)?.labels;
    let examples = dataset::load(&options.data, &labels)?;
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let gold: Vec<Vec<f32>> = examples.iter().map(|e| e.targets.clone()).collect();
    let rules = RuleExtractor::new();
    let rules_hedged: Vec<bool> = texts.iter().map(|t| rules.extract(t).hedged).collect();

    let mut systems = Vec::new();
    for &precision in &options.precisions {
        let model =
            ClaimClassifier::open(&options.model_dir, settings(precision, options.threads))?;
        let started = Instant::now();
        let probabilities = model.probabilities(&texts)?;
        let seconds = started.elapsed().as_secs_f64();
        let hedged = hedged_counts(&examples, |i| {
            model.hedged(&probabilities[i], rules_hedged[i])
        });
        systems.push(SystemResult {
            name: format!("fine-tuned ({precision})"),
            report: metrics::evaluate(&labels, &probabilities, &gold, model.thresholds()),
            probabilities,
            hedged,
            seconds,
        });
    }
    systems.push(baseline(options, &labels, &texts, &gold)?);
    Ok(Evaluation {
        systems,
        hedged: hedged_counts(&examples, |i| rules_hedged[i]),
        examples: examples.len(),
        gold,
    })
}

fn settings(precision: Precision, threads: usize) -> EncoderSettings {
    EncoderSettings {
        precision,
        threads,
        ..EncoderSettings::default()
    }
}

fn baseline(
    options: &EvalOptions,
    labels: &crate::model::labels::LabelSet,
    texts: &[&str],
    gold: &[Vec<f32>],
) -> Result<SystemResult> {
    let train = dataset::load(&options.baseline_train, labels)?;
    let encoder = Encoder::open_base(&options.base_dir, settings(Precision::F32, options.threads))?;
    let train_texts: Vec<&str> = train.iter().map(|e| e.text.as_str()).collect();
    let train_targets: Vec<Vec<f32>> = train.iter().map(|e| e.targets.clone()).collect();
    let groups: Vec<usize> = (0..train.len()).collect();
    let (fit_rows, held_back) =
        split_folds(&groups, 5, crate::model::train::TrainParams::default().seed)
            .pop()
            .expect("five folds");
    let model = LogisticRegression::fit_with_thresholds(
        &encoder.embed(&train_texts)?,
        &train_targets,
        &fit_rows,
        &held_back,
    )?;
    let started = Instant::now();
    let probabilities = model.probabilities(&encoder.embed(texts)?);
    Ok(SystemResult {
        name: "baseline: logistic regression on frozen embeddings (f32)".into(),
        report: metrics::evaluate(labels, &probabilities, gold, &model.thresholds),
        probabilities,
        hedged: None,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A `hedged` decision (by example index) against the gold column, when there is one.
fn hedged_counts(examples: &[Example], decide: impl Fn(usize) -> bool) -> Option<Counts> {
    let mut counts = Counts::default();
    let mut any = false;
    for (i, example) in examples.iter().enumerate() {
        if let Some(gold) = example.hedged {
            counts.add(decide(i), gold);
            any = true;
        }
    }
    any.then_some(counts)
}

/// Writes `report.md`, `metrics.csv` and `pr_<label>.svg` into the output folder.
pub fn write_outputs(evaluation: &Evaluation, options: &EvalOptions) -> Result<Vec<PathBuf>> {
    let dir = &options.out_dir;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = vec![
        write_file(dir.join("report.md"), &markdown(evaluation, options))?,
        write_file(dir.join("metrics.csv"), &metrics_csv(evaluation)?)?,
    ];
    let labels: Vec<String> = evaluation.systems[0]
        .report
        .per_label
        .iter()
        .map(|l| l.label.clone())
        .collect();
    for (j, label) in labels.iter().enumerate() {
        let curves: Vec<(String, Vec<(f64, f64)>)> = evaluation
            .systems
            .iter()
            .map(|system| {
                let pairs: Vec<(f32, bool)> = system
                    .probabilities
                    .iter()
                    .zip(&evaluation.gold)
                    .map(|(p, g)| (p[j], g[j] >= 0.5))
                    .collect();
                (system.name.clone(), metrics::precision_recall_curve(&pairs))
            })
            .collect();
        let svg = crate::evaluate::plot::precision_recall_svg(
            &format!("Precision-recall: {label}"),
            &curves,
        );
        written.push(write_file(dir.join(format!("pr_{label}.svg")), &svg)?);
    }
    Ok(written)
}

fn write_file(path: PathBuf, content: &str) -> Result<PathBuf> {
    std::fs::write(&path, content).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

fn markdown(evaluation: &Evaluation, options: &EvalOptions) -> String {
    let mut md = format!(
        "# Evaluation\n\nData: `{}` ({} sentences). Model: `{}`.\n\n",
        options.data.display(),
        evaluation.examples,
        options.model_dir.display()
    );
    for system in &evaluation.systems {
        let report = &system.report;
        let micro = report.micro();
        let _ = writeln!(
            md,
            "## {}\n\nmacro F1 **{:.3}**, micro F1 {:.3} (prediction {:.1} s)\n\n| label | precision | recall | F1 | support |\n|---|---|---|---|---|",
            system.name,
            report.macro_f1(),
            micro.f1(),
            system.seconds
        );
        for label in &report.per_label {
            let c = &label.counts;
            let _ = writeln!(
                md,
                "| {} | {:.3} | {:.3} | {:.3} | {} |",
                label.label,
                c.precision(),
                c.recall(),
                c.f1(),
                c.support()
            );
        }
        if let Some(hedged) = &system.hedged {
            let _ = writeln!(
                md,
                "\n`hedged` as this model decides it: precision {:.3}, recall {:.3}, F1 **{:.3}**",
                hedged.precision(),
                hedged.recall(),
                hedged.f1()
            );
        }
        md.push('\n');
    }
    if let Some(hedged) = &evaluation.hedged {
        let _ = writeln!(
            md,
            "## Attribute `hedged` (rules)\n\nprecision {:.3}, recall {:.3}, F1 **{:.3}**, support {}\n",
            hedged.precision(),
            hedged.recall(),
            hedged.f1(),
            hedged.support()
        );
    }
    md
}

fn metrics_csv(evaluation: &Evaluation) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let row = |out: &mut csv::Writer<Vec<u8>>, system: &str, label: &str, c: &Counts| {
        out.write_record([
            system.to_string(),
            label.to_string(),
            format!("{:.4}", c.precision()),
            format!("{:.4}", c.recall()),
            format!("{:.4}", c.f1()),
            c.support().to_string(),
        ])
    };
    let csv_error = |e: csv::Error| Error::io("metrics.csv", std::io::Error::other(e.to_string()));
    out.write_record(["system", "label", "precision", "recall", "f1", "support"])
        .map_err(csv_error)?;
    for system in &evaluation.systems {
        for label in &system.report.per_label {
            row(&mut out, &system.name, &label.label, &label.counts).map_err(csv_error)?;
        }
        if let Some(hedged) = &system.hedged {
            row(&mut out, &system.name, "hedged", hedged).map_err(csv_error)?;
        }
        row(&mut out, &system.name, "micro", &system.report.micro()).map_err(csv_error)?;
        out.write_record([
            system.name.clone(),
            "macro".into(),
            String::new(),
            String::new(),
            format!("{:.4}", system.report.macro_f1()),
            String::new(),
        ])
        .map_err(csv_error)?;
    }
    if let Some(hedged) = &evaluation.hedged {
        row(&mut out, "rules", "hedged", hedged).map_err(csv_error)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| csv_error(e.into_error().into()))?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 strings"))
}
