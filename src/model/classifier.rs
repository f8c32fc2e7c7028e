//! The claim classifier: the fine-tuned encoder plus a linear multi-label head (one
//! sigmoid per label), with per-label decision thresholds.
use crate::error::{Error, Result};
use crate::model::encoder::{Encoder, EncoderSettings, Tokenized};
use crate::model::labels::LabelSet;
use crate::model::provision::sha256_file;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tch::{nn, nn::Module, Kind, Tensor};

/// File names inside a classifier folder.
pub const WEIGHTS_FILE: &str = "model.safetensors";
pub const INFO_FILE: &str = "model.json";
/// Files copied from the base model so that a classifier folder stands alone.
pub const COPIED_BASE_FILES: [&str; 2] = ["config.json", "tokenizer.json"];
/// Default classifier folder name under the models directory.
pub const DEFAULT_CLASSIFIER: &str = "claimscan-claims";

/// The classifier folder: the one given, else the default one under `models`.
pub fn classifier_dir(models: &Path, given: Option<&Path>) -> PathBuf {
    given.map_or_else(|| models.join(DEFAULT_CLASSIFIER), Path::to_path_buf)
}

/// The folders the default models folder is looked for in, for error messages.
fn searched_folders() -> String {
    crate::models_dir_candidates()
        .iter()
        .map(|dir| dir.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a classifier folder says about itself (`model.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelInfo {
    pub labels: LabelSet,
    /// Decision threshold per label, chosen on held-back folds of the training data.
    pub thresholds: Vec<f32>,
    /// The learnt `hedged` output, when the model has one (after the labels' outputs).
    #[serde(default)]
    pub hedged: Option<HedgedHead>,
    pub base_model: String,
    pub base_model_sha256: String,
    pub weights_sha256: String,
    pub training: serde_json::Value,
}

impl ModelInfo {
    pub fn read(dir: &Path) -> Result<Self> {
        let path = dir.join(INFO_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let info: ModelInfo = serde_json::from_str(&text).map_err(|e| Error::Data {
            path: path.clone(),
            line: e.line(),
            reason: e.to_string(),
        })?;
        if info.thresholds.len() != info.labels.len() {
            return Err(Error::Model {
                path: dir.to_path_buf(),
                reason: "thresholds and labels differ in number".into(),
            });
        }
        Ok(info)
    }

    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(INFO_FILE);
        let text = serde_json::to_string_pretty(self).expect("model info serialises");
        std::fs::write(&path, text + "\n").map_err(|e| Error::io(&path, e))
    }
}

/// Anything that scores sentences against a label set.
pub trait Classifier {
    fn labels(&self) -> &LabelSet;
    /// One decision threshold per label.
    fn thresholds(&self) -> &[f32];
    /// One probability per label per text, in input order; a model that has learnt the
    /// `hedged` attribute adds its probability last.
    fn probabilities(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>>;
    /// Whether a text is hedged, from its probabilities and what the rules say of it.
    fn hedged(&self, _probabilities: &[f32], rules: bool) -> bool {
        rules
    }
}

/// How the `hedged` attribute is decided when a model has learnt it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HedgedRule {
    /// The rules alone (the learnt output did worse).
    Rules,
    /// The learnt output alone.
    Learned,
    /// Hedged when either says so.
    Either,
}

/// A learnt `hedged` output: its threshold and how it combines with the rules.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HedgedHead {
    pub threshold: f32,
    pub rule: HedgedRule,
}

impl HedgedHead {
    pub fn decide(&self, probability: f32, rules: bool) -> bool {
        let learned = probability >= self.threshold;
        match self.rule {
            HedgedRule::Rules => rules,
            HedgedRule::Learned => learned,
            HedgedRule::Either => learned || rules,
        }
    }

    /// The threshold and combination with the best F1 on held-out `(probability, rules,
    /// gold)` examples.
    pub fn choose(examples: &[(f32, bool, bool)]) -> Self {
        let pairs: Vec<(f32, bool)> = examples.iter().map(|&(p, _, g)| (p, g)).collect();
        let threshold = crate::evaluate::metrics::best_thresholds(
            &pairs.iter().map(|&(p, _)| vec![p]).collect::<Vec<_>>(),
            &pairs
                .iter()
                .map(|&(_, g)| vec![f32::from(u8::from(g))])
                .collect::<Vec<_>>(),
        )[0];
        let f1 = |head: HedgedHead| {
            let mut counts = crate::evaluate::metrics::Counts::default();
            for &(p, rules, gold) in examples {
                counts.add(head.decide(p, rules), gold);
            }
            counts.f1()
        };
        [HedgedRule::Learned, HedgedRule::Either, HedgedRule::Rules]
            .into_iter()
            .map(|rule| HedgedHead { threshold, rule })
            .fold(None, |best: Option<HedgedHead>, head| match best {
                Some(b) if f1(b) >= f1(head) => Some(b),
                _ => Some(head),
            })
            .expect("three candidates")
    }
}

/// Labels whose probability reaches its threshold.
pub fn decide(probabilities: &[f32], thresholds: &[f32]) -> Vec<bool> {
    probabilities
        .iter()
        .zip(thresholds)
        .map(|(p, t)| p >= t)
        .collect()
}

/// Encoder + linear head on the mean-pooled sentence vector.
pub struct ClaimClassifier {
    encoder: Encoder,
    head: nn::Linear,
    info: ModelInfo,
}

impl ClaimClassifier {
    /// A trainable classifier: base-model weights, a freshly initialised head.
    /// A trainable classifier with `outputs` outputs (the labels, then `hedged` if learnt).
    pub fn from_base(
        base_dir: &Path,
        info: ModelInfo,
        outputs: usize,
        settings: EncoderSettings,
    ) -> Result<Self> {
        crate::model::provision::verify(base_dir)?;
        let mut encoder = Encoder::new(base_dir, settings)?;
        let head = new_head(&encoder, outputs);
        let missing = encoder.load_weights(&base_dir.join(WEIGHTS_FILE), true)?;
        if missing.iter().any(|name| !name.starts_with("classifier.")) {
            return Err(Error::Model {
                path: base_dir.to_path_buf(),
                reason: format!("weights lack {missing:?}"),
            });
        }
        Ok(ClaimClassifier {
            encoder,
            head,
            info,
        })
    }

    /// A trained classifier folder, verified against the checksum it recorded.
    pub fn open(dir: &Path, settings: EncoderSettings) -> Result<Self> {
        let info = ModelInfo::read(dir).map_err(|e| match e {
            Error::Io { .. } => Error::Model {
                path: dir.to_path_buf(),
                reason: format!(
                    "no trained classifier here ({e}); run `claimscan train`, or point \
                     --models / CLAIMSCAN_MODELS at the folder that holds it (searched: {})",
                    searched_folders()
                ),
            },
            other => other,
        })?;
        let weights = dir.join(WEIGHTS_FILE);
        if weights.is_file() && sha256_file(&weights)? != info.weights_sha256 {
            return Err(Error::Model {
                path: dir.to_path_buf(),
                reason: format!(
                    "{WEIGHTS_FILE} does not match the checksum in {INFO_FILE}; retrain"
                ),
            });
        }
        let mut encoder = Encoder::new(dir, settings)?;
        let head = new_head(
            &encoder,
            info.labels.len() + usize::from(info.hedged.is_some()),
        );
        encoder.load_weights(&weights, false)?;
        encoder.prepare_inference()?;
        Ok(ClaimClassifier {
            encoder,
            head,
            info,
        })
    }

    /// Raw scores `[batch, labels]` with dropout on and gradients flowing (training).
    pub fn logits(&self, batch: &[&Tokenized]) -> Result<Tensor> {
        let pooled = self.encoder.pooled(batch, true)?;
        Ok(self.head.forward(&pooled.dropout(0.1, true)))
    }

    /// Raw scores of pooled vectors `[batch, hidden]`, row by row (a product and a sum per
    /// label) rather than one matrix product, whose kernel may sum in another order for
    /// another batch size.
    fn scores(&self, pooled: &Tensor) -> Tensor {
        let products = pooled.unsqueeze(1) * self.head.ws.unsqueeze(0);
        products.sum_dim_intlist([-1i64].as_slice(), false, Kind::Float)
            + self.head.bs.as_ref().expect("the head has a bias")
    }

    /// Probabilities of every output (the labels, then `hedged` if learnt) of already
    /// tokenized sentences.
    pub fn outputs_tokenized(&self, tokenized: &[Tokenized]) -> Result<Vec<Vec<f32>>> {
        self.encoder
            .map_pooled(tokenized, |pooled| Ok(self.scores(&pooled).sigmoid()))
    }

    pub fn encoder(&self) -> &Encoder {
        &self.encoder
    }

    pub fn encoder_mut(&mut self) -> &mut Encoder {
        &mut self.encoder
    }

    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    pub fn info_mut(&mut self) -> &mut ModelInfo {
        &mut self.info
    }

    /// Writes weights, info and the copied base files into `dir` through a staging folder,
    /// so an interrupted save never leaves a half-written classifier.
    pub fn save(&mut self, dir: &Path, base_dir: &Path) -> Result<()> {
        let staging = staging_dir(dir);
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        let weights = staging.join(WEIGHTS_FILE);
        self.encoder.var_store().save(&weights)?;
        self.info.weights_sha256 = sha256_file(&weights)?;
        for file in COPIED_BASE_FILES {
            std::fs::copy(base_dir.join(file), staging.join(file))
                .map_err(|e| Error::io(base_dir.join(file), e))?;
        }
        self.info.write(&staging)?;
        replace_model_files(&staging, dir)
    }
}

impl Classifier for ClaimClassifier {
    fn labels(&self) -> &LabelSet {
        &self.info.labels
    }

    fn thresholds(&self) -> &[f32] {
        &self.info.thresholds
    }

    fn probabilities(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.outputs_tokenized(&self.encoder.tokenize(texts)?)
    }

    fn hedged(&self, probabilities: &[f32], rules: bool) -> bool {
        match (&self.info.hedged, probabilities.get(self.info.labels.len())) {
            (Some(head), Some(&p)) => head.decide(p, rules),
            _ => rules,
        }
    }
}

fn new_head(encoder: &Encoder, labels: usize) -> nn::Linear {
    let hidden = encoder.hidden_size() as i64;
    nn::linear(
        encoder.root() / "classifier",
        hidden,
        labels as i64,
        Default::default(),
    )
}

fn staging_dir(dir: &Path) -> PathBuf {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    dir.with_file_name(format!(".tmp-{name}-{}", std::process::id()))
}

/// Moves the generated files from `staging` into `dir`, keeping anything else already in
/// `dir` (its committed model card). `model.json` goes last, so a folder that has one
/// always holds the weights it describes.
fn replace_model_files(staging: &Path, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let _ = std::fs::remove_file(dir.join(INFO_FILE));
    for file in COPIED_BASE_FILES.iter().chain([&WEIGHTS_FILE, &INFO_FILE]) {
        std::fs::rename(staging.join(file), dir.join(file))
            .map_err(|e| Error::io(dir.join(file), e))?;
    }
    std::fs::remove_dir_all(staging).map_err(|e| Error::io(staging, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decide_applies_per_label_thresholds() {
        assert_eq!(
            decide(&[0.5, 0.29, 0.9], &[0.5, 0.3, 0.95]),
            [true, false, false]
        );
    }
}
