//! Fine-tuning: the whole encoder plus a linear head, binary cross-entropy per output,
//! AdamW with linear warm-up and decay, length-bucketed batches, fixed seed, in f32.
//!
//! The head has one output per label and, with [`TrainParams::learn_hedged`], one more
//! for the `hedged` attribute. Decision thresholds come from a held-back fifth of the
//! data (a model trained on the rest scores it), or from the out-of-fold scores of a
//! [`cross_validate`] run with the same data and parameters, which saves that extra model.
use crate::error::{Error, Result};
use crate::evaluate::metrics::{self, Counts};
use crate::model::classifier::{ClaimClassifier, HedgedHead, ModelInfo, WEIGHTS_FILE};
use crate::model::dataset::{self, Example};
use crate::model::encoder::{EncoderSettings, Precision, Tokenized};
use crate::model::labels::LabelSet;
use crate::model::provision::{self, sha256_file};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;
use tch::{nn, nn::OptimizerConfig, Reduction, Tensor};

/// How positive examples weigh in the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PosWeight {
    /// Every example weighs the same.
    #[default]
    None,
    /// Positives of each output weigh sqrt(negatives / positives).
    Balanced,
}

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
    #[serde(default)]
    pub pos_weight: PosWeight,
    /// Word pieces of a sentence seen in training (longer ones are cut).
    #[serde(default = "default_max_tokens")]
    pub max_tokens: usize,
    /// Also learn the `hedged` attribute (an extra output).
    #[serde(default)]
    pub learn_hedged: bool,
    pub threads: usize,
}

fn default_max_tokens() -> usize {
    crate::model::encoder::MAX_TOKENS
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
            pos_weight: PosWeight::Balanced,
            max_tokens: default_max_tokens(),
            learn_hedged: true,
            threads: crate::model::available_cores(),
        }
    }
}

impl TrainParams {
    /// The parameters that change the result (threads change only the speed).
    pub fn identity(&self) -> serde_json::Value {
        let mut value = serde_json::json!(self);
        if let Some(map) = value.as_object_mut() {
            map.remove("threads");
        }
        value
    }
}

/// Where the decision thresholds come from.
#[derive(Debug, Clone)]
pub enum Thresholds {
    /// Train a model on all folds but one and choose them on that fold.
    HeldBack,
    /// Taken from a cross-validation of the same data and parameters.
    CrossValidated(Box<CrossValidation>),
}

/// The data a model is trained on: examples and, for the record, their files.
pub struct TrainingData<'a> {
    pub examples: &'a [Example],
    /// `(file, SHA-256)` of every data file, in order.
    pub files: Vec<(String, String)>,
}

impl TrainingData<'_> {
    /// One hash for all the files (the model's data identity): the file's own hash when
    /// there is one file, else the hash of their hashes in order.
    pub fn sha256(&self) -> String {
        use sha2::Digest;
        match self.files.as_slice() {
            [(_, sha)] => sha.clone(),
            files => {
                let joined: Vec<&str> = files.iter().map(|(_, sha)| sha.as_str()).collect();
                provision::hex(&sha2::Sha256::digest(joined.join("\n").as_bytes()))
            }
        }
    }
}

/// Trains on `data` and saves a classifier into `out_dir`.
/// `hedged_rules` gives the rule-based attribute of a text: a learnt `hedged` output is
/// combined with it in the way that scores best on held-out examples.
#[allow(clippy::too_many_arguments)]
pub fn train(
    base_dir: &Path,
    labels: &LabelSet,
    data: &TrainingData,
    params: &TrainParams,
    thresholds: &Thresholds,
    hedged_rules: &dyn Fn(&str) -> bool,
    out_dir: &Path,
    quiet: bool,
) -> Result<ModelInfo> {
    let started = Instant::now();
    provision::verify(base_dir)?;
    let examples = data.examples;
    check_hedged(examples, params)?;
    let info = ModelInfo {
        labels: labels.clone(),
        thresholds: vec![0.5; labels.len()],
        hedged: None,
        base_model: "sentence-transformers/all-MiniLM-L6-v2".into(),
        base_model_sha256: sha256_file(&base_dir.join(WEIGHTS_FILE))?,
        weights_sha256: String::new(),
        training: serde_json::Value::Null,
    };
    let (chosen, threshold_record) = match thresholds {
        Thresholds::HeldBack => {
            held_back_thresholds(base_dir, &info, examples, params, hedged_rules, quiet)?
        }
        Thresholds::CrossValidated(cv) => {
            if cv.data_sha256 != data.sha256() || cv.params != params.identity() {
                return Err(Error::Config(format!(
                    "the cross-validation was made with other data or parameters than this training (data {} vs {}); run `claimscan cv` again",
                    cv.data_sha256,
                    data.sha256()
                )));
            }
            let record = serde_json::json!({
                "from": "cross-validation",
                "folds": cv.folds.len(),
                "mean_macro_f1": cv.mean_macro_f1,
            });
            (cv.thresholds.clone(), record)
        }
    };
    say(
        quiet,
        &format!(
            "training the final model on all {} sentences",
            examples.len()
        ),
    );
    let all: Vec<usize> = (0..examples.len()).collect();
    let mut model = fit_model(base_dir, info, examples, &all, params, quiet)?;
    model.info_mut().thresholds = chosen.labels;
    model.info_mut().hedged = chosen.hedged;
    model.info_mut().training = serde_json::json!({
        "params": params,
        "data_sha256": data.sha256(),
        "data_files": data.files.iter().map(|(file, sha)| serde_json::json!({"file": file, "sha256": sha})).collect::<Vec<_>>(),
        "examples": examples.len(),
        "thresholds": threshold_record,
        "seconds": started.elapsed().as_secs_f64().round(),
        "claimscan_version": env!("CARGO_PKG_VERSION"),
    });
    model.save(out_dir, base_dir)?;
    Ok(model.info().clone())
}

/// Thresholds (and the learned `hedged` rule) chosen from scores of examples the model
/// did not see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chosen {
    pub labels: Vec<f32>,
    pub hedged: Option<HedgedHead>,
}

fn held_back_thresholds(
    base_dir: &Path,
    info: &ModelInfo,
    examples: &[Example],
    params: &TrainParams,
    hedged_rules: &dyn Fn(&str) -> bool,
    quiet: bool,
) -> Result<(Chosen, serde_json::Value)> {
    let groups = group_ids(examples);
    let (fit, held_back) = split_folds(&groups, params.folds, params.seed)
        .into_iter()
        .next_back()
        .expect("at least one fold");
    say(
        quiet,
        &format!(
            "choosing thresholds: training on {} sentences, scoring {} held back",
            fit.len(),
            held_back.len()
        ),
    );
    let model = fit_model(base_dir, info.clone(), examples, &fit, params, quiet)?;
    let scores = score(&model, examples, &held_back)?;
    drop(model);
    let gold: Vec<&Example> = held_back.iter().map(|&i| &examples[i]).collect();
    let chosen = choose(
        &info.labels,
        &scores,
        &gold,
        params.learn_hedged,
        hedged_rules,
    );
    let report = label_report(&info.labels, &scores, &gold, &chosen.labels);
    let record = serde_json::json!({
        "from": "held-back fold",
        "held_back_examples": held_back.len(),
        "held_back_macro_f1": report.macro_f1(),
    });
    Ok((chosen, record))
}

/// Per-label thresholds that maximise F1 on `scores`, and the `hedged` rule.
fn choose(
    labels: &LabelSet,
    scores: &[Vec<f32>],
    gold: &[&Example],
    learn_hedged: bool,
    hedged_rules: &dyn Fn(&str) -> bool,
) -> Chosen {
    let n = labels.len();
    let label_scores: Vec<Vec<f32>> = scores.iter().map(|s| s[..n].to_vec()).collect();
    let label_gold: Vec<Vec<f32>> = gold.iter().map(|e| e.targets.clone()).collect();
    let hedged = learn_hedged.then(|| {
        let examples: Vec<(f32, bool, bool)> = scores
            .iter()
            .zip(gold)
            .map(|(s, e)| (s[n], hedged_rules(&e.text), e.hedged.unwrap_or(false)))
            .collect();
        HedgedHead::choose(&examples)
    });
    Chosen {
        labels: metrics::best_thresholds(&label_scores, &label_gold),
        hedged,
    }
}

fn label_report(
    labels: &LabelSet,
    scores: &[Vec<f32>],
    gold: &[&Example],
    thresholds: &[f32],
) -> metrics::Report {
    let n = labels.len();
    let label_scores: Vec<Vec<f32>> = scores.iter().map(|s| s[..n].to_vec()).collect();
    let label_gold: Vec<Vec<f32>> = gold.iter().map(|e| e.targets.clone()).collect();
    metrics::evaluate(labels, &label_scores, &label_gold, thresholds)
}

/// Outputs (labels, then `hedged` if learnt) of `indices`, from a model that did not see them.
fn score(
    model: &ClaimClassifier,
    examples: &[Example],
    indices: &[usize],
) -> Result<Vec<Vec<f32>>> {
    let texts: Vec<&str> = indices.iter().map(|&i| examples[i].text.as_str()).collect();
    let tokenized = model.encoder().tokenize(&texts)?;
    model.outputs_tokenized(&tokenized)
}

fn check_hedged(examples: &[Example], params: &TrainParams) -> Result<()> {
    if params.learn_hedged && !dataset::all_have_hedged(examples) {
        return Err(Error::Config(
            "learning `hedged` needs a hedged column (0/1) in every data file".into(),
        ));
    }
    Ok(())
}

/// One fold of a cross-validation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FoldResult {
    pub examples: usize,
    pub macro_f1: f64,
    pub per_label_f1: BTreeMap<String, f64>,
    /// The `hedged` rules on this fold.
    pub hedged_rules_f1: Option<f64>,
    /// The learnt `hedged` output (as the chosen rule combines it with the rules).
    pub hedged_learned_f1: Option<f64>,
}

/// A cross-validation of one set of parameters: per-fold results at the thresholds chosen
/// on all out-of-fold scores, which a final training on all the data can take.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CrossValidation {
    pub data_sha256: String,
    /// [`TrainParams`] without the threads.
    pub params: serde_json::Value,
    pub thresholds: Chosen,
    pub folds: Vec<FoldResult>,
    pub mean_macro_f1: f64,
    pub sd_macro_f1: f64,
    pub mean_per_label_f1: BTreeMap<String, f64>,
    pub sd_per_label_f1: BTreeMap<String, f64>,
    pub mean_hedged_rules_f1: Option<f64>,
    pub mean_hedged_learned_f1: Option<f64>,
    pub seconds: f64,
}

/// k-fold cross-validation (k = `params.folds`); examples of one group stay in one fold.
/// `hedged_rules` gives the rule-based attribute of a text, for the comparison.
pub fn cross_validate(
    base_dir: &Path,
    labels: &LabelSet,
    data: &TrainingData,
    params: &TrainParams,
    hedged_rules: &dyn Fn(&str) -> bool,
    quiet: bool,
) -> Result<CrossValidation> {
    let started = Instant::now();
    let examples = data.examples;
    check_hedged(examples, params)?;
    let info = ModelInfo {
        labels: labels.clone(),
        thresholds: vec![0.5; labels.len()],
        hedged: None,
        base_model: String::new(),
        base_model_sha256: String::new(),
        weights_sha256: String::new(),
        training: serde_json::Value::Null,
    };
    let folds = split_folds(&group_ids(examples), params.folds, params.seed);
    let mut out_of_fold: Vec<Option<Vec<f32>>> = vec![None; examples.len()];
    for (k, (fit, held)) in folds.iter().enumerate() {
        say(
            quiet,
            &format!(
                "fold {}/{}: training on {}, scoring {}",
                k + 1,
                folds.len(),
                fit.len(),
                held.len()
            ),
        );
        let model = fit_model(base_dir, info.clone(), examples, fit, params, quiet)?;
        for (&i, s) in held.iter().zip(score(&model, examples, held)?) {
            out_of_fold[i] = Some(s);
        }
    }
    let scores: Vec<Vec<f32>> = out_of_fold
        .into_iter()
        .map(|s| s.expect("every example is in one fold"))
        .collect();
    let gold: Vec<&Example> = examples.iter().collect();
    let chosen = choose(labels, &scores, &gold, params.learn_hedged, hedged_rules);
    let folds: Vec<FoldResult> = folds
        .iter()
        .map(|(_, held)| {
            let fold_scores: Vec<Vec<f32>> = held.iter().map(|&i| scores[i].clone()).collect();
            let fold_gold: Vec<&Example> = held.iter().map(|&i| &examples[i]).collect();
            fold_result(labels, &fold_scores, &fold_gold, &chosen, hedged_rules)
        })
        .collect();
    let (mean_macro_f1, sd_macro_f1) = mean_sd(folds.iter().map(|f| f.macro_f1));
    let mut mean_per_label_f1 = BTreeMap::new();
    let mut sd_per_label_f1 = BTreeMap::new();
    for name in labels.names() {
        let (mean, sd) = mean_sd(folds.iter().map(|f| f.per_label_f1[name]));
        mean_per_label_f1.insert(name.to_string(), mean);
        sd_per_label_f1.insert(name.to_string(), sd);
    }
    let mean_of = |get: fn(&FoldResult) -> Option<f64>| {
        let values: Option<Vec<f64>> = folds.iter().map(get).collect();
        values.map(|v| mean_sd(v.into_iter()).0)
    };
    Ok(CrossValidation {
        data_sha256: data.sha256(),
        params: params.identity(),
        thresholds: chosen,
        mean_hedged_rules_f1: mean_of(|f| f.hedged_rules_f1),
        mean_hedged_learned_f1: mean_of(|f| f.hedged_learned_f1),
        folds,
        mean_macro_f1,
        sd_macro_f1,
        mean_per_label_f1,
        sd_per_label_f1,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn fold_result(
    labels: &LabelSet,
    scores: &[Vec<f32>],
    gold: &[&Example],
    chosen: &Chosen,
    hedged_rules: &dyn Fn(&str) -> bool,
) -> FoldResult {
    let report = label_report(labels, scores, gold, &chosen.labels);
    let has_hedged = dataset::all_have_hedged(gold.iter().copied());
    let hedged_f1 = |decide: &dyn Fn(usize) -> bool| {
        let mut counts = Counts::default();
        for (i, example) in gold.iter().enumerate() {
            counts.add(decide(i), example.hedged.unwrap_or(false));
        }
        counts.f1()
    };
    let n = labels.len();
    FoldResult {
        examples: gold.len(),
        macro_f1: report.macro_f1(),
        per_label_f1: report
            .per_label
            .iter()
            .map(|l| (l.label.clone(), l.f1()))
            .collect(),
        hedged_rules_f1: has_hedged.then(|| hedged_f1(&|i| hedged_rules(&gold[i].text))),
        hedged_learned_f1: chosen
            .hedged
            .as_ref()
            .filter(|_| has_hedged)
            .map(|head| hedged_f1(&|i| head.decide(scores[i][n], hedged_rules(&gold[i].text)))),
    }
}

fn mean_sd(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let values: Vec<f64> = values.collect();
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, variance.sqrt())
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
    let recorded: Option<TrainParams> =
        serde_json::from_value(info.training["params"].clone()).ok();
    weights_intact
        && &info.labels == labels
        && info.training["data_sha256"] == data_sha256
        && recorded.is_some_and(|p| p.identity() == params.identity())
}

fn say(quiet: bool, message: &str) {
    if !quiet {
        eprintln!("[train] {message}");
    }
}

/// A group index per example: examples sharing a `group` share it, the others get one
/// each.
fn group_ids(examples: &[Example]) -> Vec<usize> {
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    let mut next = 0;
    examples
        .iter()
        .map(|e| {
            let id = match &e.group {
                Some(g) => *named.entry(g.as_str()).or_insert_with(|| {
                    next += 1;
                    next - 1
                }),
                None => {
                    next += 1;
                    next - 1
                }
            };
            id
        })
        .collect()
}

/// `folds` deterministic (fit, held-out) splits of the examples; the groups are shuffled
/// and dealt out in turn, so every group lies in one fold.
pub fn split_folds(groups: &[usize], folds: usize, seed: u64) -> Vec<(Vec<usize>, Vec<usize>)> {
    let folds = folds.max(2);
    let group_count = groups.iter().max().map_or(0, |m| m + 1);
    let mut fold_of_group = vec![0; group_count];
    for (turn, group) in shuffled(group_count, seed).into_iter().enumerate() {
        fold_of_group[group] = turn % folds;
    }
    (0..folds)
        .map(|k| {
            let (held, fit): (Vec<usize>, Vec<usize>) =
                (0..groups.len()).partition(|&i| fold_of_group[groups[i]] == k);
            (fit, held)
        })
        .collect()
}

/// Fisher-Yates with SplitMix64: reproducible without a global random state.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
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

/// The targets of one example: its labels, then `hedged` when it is learnt.
fn targets(example: &Example, learn_hedged: bool) -> Vec<f32> {
    let mut targets = example.targets.clone();
    if learn_hedged {
        targets.push(if example.hedged == Some(true) {
            1.0
        } else {
            0.0
        });
    }
    targets
}

/// sqrt(negatives / positives) per output over `indices`, for [`PosWeight::Balanced`].
fn balanced_weights(examples: &[Example], indices: &[usize], learn_hedged: bool) -> Vec<f32> {
    let outputs = targets(&examples[indices[0]], learn_hedged).len();
    (0..outputs)
        .map(|k| {
            let positives = indices
                .iter()
                .filter(|&&i| targets(&examples[i], learn_hedged)[k] > 0.5)
                .count()
                .max(1) as f32;
            ((indices.len() as f32 - positives).max(1.0) / positives).sqrt()
        })
        .collect()
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
    let outputs = info.labels.len() + usize::from(params.learn_hedged);
    let model = ClaimClassifier::from_base(base_dir, info, outputs, settings)?;
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let mut tokenized = model.encoder().tokenize(&texts)?;
    for t in &mut tokenized {
        t.truncate(params.max_tokens);
    }
    let lengths: Vec<usize> = tokenized.iter().map(|t| t.ids.len()).collect();
    let pos_weight = match params.pos_weight {
        PosWeight::None => None,
        PosWeight::Balanced => Some(Tensor::from_slice(&balanced_weights(
            examples,
            indices,
            params.learn_hedged,
        ))),
    };
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
            let items: Vec<&Tokenized> = batch.iter().map(|&i| &tokenized[i]).collect();
            let goals: Vec<f32> = batch
                .iter()
                .flat_map(|&i| targets(&examples[i], params.learn_hedged))
                .collect();
            let goals = Tensor::from_slice(&goals).view([batch.len() as i64, -1]);
            let loss = model
                .logits(&items)?
                .binary_cross_entropy_with_logits::<Tensor>(
                    &goals,
                    None,
                    pos_weight.as_ref().map(Tensor::shallow_clone),
                    Reduction::Mean,
                );
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
    fn folds_are_deterministic_disjoint_complete_and_keep_groups_together() {
        let groups: Vec<usize> = (0..103).map(|i| if i < 10 { 0 } else { i }).collect();
        let folds = split_folds(&groups, 5, 7);
        assert_eq!(folds.len(), 5);
        assert_eq!(folds, split_folds(&groups, 5, 7));
        let mut held: Vec<usize> = folds.iter().flat_map(|(_, h)| h.clone()).collect();
        held.sort();
        assert_eq!(held, (0..103).collect::<Vec<_>>());
        for (fit, held) in &folds {
            assert_eq!(fit.len() + held.len(), 103);
            // The group of the first ten examples is never split.
            let in_held = held.iter().filter(|&&i| i < 10).count();
            assert!(in_held == 0 || in_held == 10);
        }
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
