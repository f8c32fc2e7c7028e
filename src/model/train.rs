//! Fine-tuning: the whole encoder plus the linear head, binary cross-entropy per label,
//! AdamW with linear warm-up and decay, length-bucketed batches, fixed seed, in f32.
//! Decision thresholds are chosen on a held-back fold of the training data.
use crate::error::Result;
use crate::evaluate::metrics;
use crate::model::classifier::{ClaimClassifier, ModelInfo, WEIGHTS_FILE};
use crate::model::dataset::Example;
use crate::model::encoder::{EncoderSettings, Precision, Tokenized};
use crate::model::labels::LabelSet;
use crate::model::provision::{self, sha256_file};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;
use tch::{nn, nn::OptimizerConfig, Reduction, Tensor};

/// Hyper-parameters, recorded in the model folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrainParams {
    pub epochs: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    pub warmup_fraction: f64,
    pub seed: u64,
    /// The data is cut into this many folds; one is held back to choose thresholds.
    pub folds: usize,
    pub threads: usize,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            epochs: 4,
            batch_size: 16,
            learning_rate: 8e-5,
            weight_decay: 0.01,
            warmup_fraction: 0.1,
            seed: 13,
            folds: 5,
            threads: crate::model::encoder::available_cores(),
        }
    }
}

/// Trains on `examples` and saves a classifier into `out_dir`. `data_sha256` identifies
/// the training file for the record.
pub fn train(
    base_dir: &Path,
    labels: &LabelSet,
    examples: &[Example],
    data_sha256: &str,
    params: &TrainParams,
    out_dir: &Path,
    quiet: bool,
) -> Result<ModelInfo> {
    let started = Instant::now();
    provision::verify(base_dir)?;
    let info = ModelInfo {
        labels: labels.clone(),
        thresholds: vec![0.5; labels.len()],
        base_model: "sentence-transformers/all-MiniLM-L6-v2".into(),
        base_model_sha256: sha256_file(&base_dir.join(WEIGHTS_FILE))?,
        weights_sha256: String::new(),
        training: serde_json::Value::Null,
    };

    let (fit, held_back) = split_folds(examples.len(), params.folds, params.seed);
    say(
        quiet,
        &format!(
            "choosing thresholds: training on {} sentences, scoring {} held back",
            fit.len(),
            held_back.len()
        ),
    );
    let fold_model = fit_model(base_dir, info.clone(), examples, &fit, params, quiet)?;
    let held_back_texts: Vec<&str> = held_back
        .iter()
        .map(|&i| examples[i].text.as_str())
        .collect();
    let held_back_gold: Vec<Vec<f32>> = held_back
        .iter()
        .map(|&i| examples[i].targets.clone())
        .collect();
    let tokenized = fold_model.encoder().tokenize(&held_back_texts)?;
    let scores = fold_model.probabilities_tokenized(&tokenized)?;
    drop(fold_model);
    let thresholds = metrics::best_thresholds(&scores, &held_back_gold);
    let held_back_report = metrics::evaluate(labels, &scores, &held_back_gold, &thresholds);

    say(
        quiet,
        &format!(
            "training the final model on all {} sentences",
            examples.len()
        ),
    );
    let all: Vec<usize> = (0..examples.len()).collect();
    let mut model = fit_model(base_dir, info, examples, &all, params, quiet)?;
    model.info_mut().thresholds = thresholds;
    model.info_mut().training = serde_json::json!({
        "params": params,
        "data_sha256": data_sha256,
        "examples": examples.len(),
        "held_back_examples": held_back.len(),
        "held_back_macro_f1": held_back_report.macro_f1(),
        "held_back_per_label_f1": held_back_report.per_label.iter().map(|l| (l.label.clone(), l.f1())).collect::<Vec<_>>(),
        "seconds": started.elapsed().as_secs_f64().round(),
        "claimscan_version": env!("CARGO_PKG_VERSION"),
    });
    model.save(out_dir, base_dir)?;
    Ok(model.info().clone())
}

/// True when `out_dir` holds a model trained on the same data, labels and parameters.
pub fn is_current(
    out_dir: &Path,
    labels: &LabelSet,
    data_sha256: &str,
    params: &TrainParams,
) -> bool {
    let Ok(info) = ModelInfo::read(out_dir) else {
        return false;
    };
    let weights_intact =
        sha256_file(&out_dir.join(WEIGHTS_FILE)).is_ok_and(|sha| sha == info.weights_sha256);
    let mut recorded = info.training["params"].clone();
    let mut wanted = serde_json::json!(params);
    // Threads change speed, not the result.
    for value in [&mut recorded, &mut wanted] {
        if let Some(map) = value.as_object_mut() {
            map.remove("threads");
        }
    }
    weights_intact
        && &info.labels == labels
        && info.training["data_sha256"] == data_sha256
        && recorded == wanted
}

fn say(quiet: bool, message: &str) {
    if !quiet {
        eprintln!("[train] {message}");
    }
}

/// A deterministic shuffle of `0..n` cut into `folds`: (all folds but the last, the last).
pub fn split_folds(n: usize, folds: usize, seed: u64) -> (Vec<usize>, Vec<usize>) {
    let order = shuffled(n, seed);
    let held = n / folds.max(2);
    let (fit, held_back) = order.split_at(n - held);
    (fit.to_vec(), held_back.to_vec())
}

/// Fisher-Yates with SplitMix64: reproducible without a global random state.
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Batches of similar length in random order: shuffle, sort within windows of 50
/// batches, cut, shuffle the batches.
fn epoch_batches(
    indices: &[usize],
    lengths: &[usize],
    batch_size: usize,
    seed: u64,
) -> Vec<Vec<usize>> {
    let order: Vec<usize> = shuffled(indices.len(), seed)
        .into_iter()
        .map(|i| indices[i])
        .collect();
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for window in order.chunks(batch_size * 50) {
        let mut window = window.to_vec();
        window.sort_by_key(|&i| lengths[i]);
        batches.extend(window.chunks(batch_size).map(<[usize]>::to_vec));
    }
    let batch_order = shuffled(batches.len(), seed ^ 0x5eed);
    batch_order
        .into_iter()
        .map(|i| std::mem::take(&mut batches[i]))
        .collect()
}

/// Learning-rate factor: linear warm-up to 1, then linear decay to 0.
fn schedule(step: usize, total: usize, warmup: usize) -> f64 {
    if step < warmup {
        (step + 1) as f64 / warmup as f64
    } else {
        (total - step) as f64 / (total - warmup).max(1) as f64
    }
}

fn fit_model(
    base_dir: &Path,
    info: ModelInfo,
    examples: &[Example],
    indices: &[usize],
    params: &TrainParams,
    quiet: bool,
) -> Result<ClaimClassifier> {
    tch::manual_seed(params.seed as i64);
    let settings = EncoderSettings {
        precision: Precision::F32,
        threads: params.threads,
        batch_size: params.batch_size,
        ..EncoderSettings::default()
    };
    // Training runs each operation on the threads (inference parallelises batches instead).
    tch::set_num_threads(params.threads.clamp(1, crate::model::available_cores()) as i32);
    let model = ClaimClassifier::from_base(base_dir, info, settings)?;
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let tokenized = model.encoder().tokenize(&texts)?;
    let lengths: Vec<usize> = tokenized.iter().map(|t| t.ids.len()).collect();
    let steps_per_epoch = indices.len().div_ceil(params.batch_size);
    let total = steps_per_epoch * params.epochs;
    let warmup = ((total as f64) * params.warmup_fraction).ceil() as usize;
    let mut optimizer = nn::AdamW::default()
        .wd(params.weight_decay)
        .build(model.encoder().var_store(), params.learning_rate)?;
    let progress = progress_bar(total as u64, quiet);
    let mut step = 0;
    for epoch in 0..params.epochs {
        let mut loss_sum = 0.0;
        let batches = epoch_batches(
            indices,
            &lengths,
            params.batch_size,
            params.seed + epoch as u64,
        );
        for batch in &batches {
            optimizer.set_lr(params.learning_rate * schedule(step, total, warmup));
            let loss = batch_loss(&model, &tokenized, examples, batch)?;
            optimizer.zero_grad();
            loss.backward();
            optimizer.clip_grad_norm(1.0);
            optimizer.step();
            loss_sum += loss.double_value(&[]);
            step += 1;
            progress.inc(1);
        }
        let message = format!(
            "epoch {}/{} loss {:.4}",
            epoch + 1,
            params.epochs,
            loss_sum / batches.len() as f64
        );
        // indicatif draws nothing when stderr is not a terminal (CI logs): say it in a line.
        if !std::io::stderr().is_terminal() {
            say(quiet, &message);
        }
        progress.set_message(message);
    }
    progress.finish_and_clear();
    Ok(model)
}

fn batch_loss(
    model: &ClaimClassifier,
    tokenized: &[Tokenized],
    examples: &[Example],
    batch: &[usize],
) -> Result<Tensor> {
    let items: Vec<&Tokenized> = batch.iter().map(|&i| &tokenized[i]).collect();
    let targets: Vec<f32> = batch
        .iter()
        .flat_map(|&i| examples[i].targets.clone())
        .collect();
    let targets = Tensor::from_slice(&targets).view([batch.len() as i64, -1]);
    let logits = model.logits(&items)?;
    Ok(logits.binary_cross_entropy_with_logits::<Tensor>(&targets, None, None, Reduction::Mean))
}

fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("[train] {bar:30} {pos}/{len} steps {elapsed}<{eta} {msg}")
            .expect("valid template"),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_deterministic_disjoint_and_complete() {
        let (fit, held) = split_folds(103, 5, 7);
        assert_eq!(held.len(), 20);
        assert_eq!(split_folds(103, 5, 7), (fit.clone(), held.clone()));
        let mut all = [fit, held].concat();
        all.sort();
        assert_eq!(all, (0..103).collect::<Vec<_>>());
    }

    #[test]
    fn schedule_warms_up_then_decays_to_zero() {
        assert!((schedule(0, 100, 10) - 0.1).abs() < 1e-9);
        assert!((schedule(9, 100, 10) - 1.0).abs() < 1e-9);
        assert!(schedule(50, 100, 10) < 1.0);
        assert!(schedule(99, 100, 10) > 0.0 && schedule(99, 100, 10) < 0.02);
    }

    #[test]
    fn epoch_batches_use_every_index_once() {
        let lengths: Vec<usize> = (0..40).map(|i| (i * 7) % 13).collect();
        let indices: Vec<usize> = (0..40).collect();
        let batches = epoch_batches(&indices, &lengths, 8, 3);
        let mut seen = batches.concat();
        seen.sort();
        assert_eq!(seen, indices);
    }
}
