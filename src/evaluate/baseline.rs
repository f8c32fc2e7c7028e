//! The comparison baseline: logistic regression (one per label) on frozen, mean-pooled,
//! L2-normalised base-model embeddings, fitted with full-batch Adam and L2 penalty.
use crate::error::Result;
use crate::evaluate::metrics;
use tch::{nn::OptimizerConfig, Kind, Reduction, Tensor};

/// Fitted weights `[dimension, labels]`, bias and per-label thresholds.
pub struct LogisticRegression {
    weights: Tensor,
    bias: Tensor,
    pub thresholds: Vec<f32>,
}

const STEPS: usize = 400;
const LEARNING_RATE: f64 = 0.05;
const L2_PENALTY: f64 = 1e-4;

fn matrix(rows: &[Vec<f32>]) -> Tensor {
    let columns = rows.first().map_or(0, Vec::len) as i64;
    Tensor::from_slice(&rows.concat()).view([rows.len() as i64, columns])
}

impl LogisticRegression {
    /// Fits on `features` → `targets`, then chooses thresholds on `held_back` rows after
    /// a second fit without them (the same procedure as the fine-tuned model).
    pub fn fit_with_thresholds(
        features: &[Vec<f32>],
        targets: &[Vec<f32>],
        fit_rows: &[usize],
        held_back: &[usize],
    ) -> Result<Self> {
        let pick = |rows: &[Vec<f32>], indices: &[usize]| -> Vec<Vec<f32>> {
            indices.iter().map(|&i| rows[i].clone()).collect()
        };
        let fold = Self::fit(&pick(features, fit_rows), &pick(targets, fit_rows))?;
        let scores = fold.probabilities(&pick(features, held_back));
        let thresholds = metrics::best_thresholds(&scores, &pick(targets, held_back));
        let mut model = Self::fit(features, targets)?;
        model.thresholds = thresholds;
        Ok(model)
    }

    /// Full-batch fit from zero weights (deterministic).
    pub fn fit(features: &[Vec<f32>], targets: &[Vec<f32>]) -> Result<Self> {
        let x = matrix(features);
        let y = matrix(targets);
        let labels = y.size()[1];
        let mut store = tch::nn::VarStore::new(tch::Device::Cpu);
        let root = store.root();
        let weights = root.zeros("weights", &[x.size()[1], labels]);
        let bias = root.zeros("bias", &[labels]);
        let mut optimizer = tch::nn::Adam::default().build(&store, LEARNING_RATE)?;
        for _ in 0..STEPS {
            let logits = x.matmul(&weights) + &bias;
            let loss =
                logits.binary_cross_entropy_with_logits::<Tensor>(&y, None, None, Reduction::Mean)
                    + weights.pow_tensor_scalar(2).sum(Kind::Float) * L2_PENALTY;
            optimizer.backward_step(&loss);
        }
        store.freeze();
        Ok(LogisticRegression {
            weights: weights.detach(),
            bias: bias.detach(),
            thresholds: vec![0.5; labels as usize],
        })
    }

    pub fn probabilities(&self, features: &[Vec<f32>]) -> Vec<Vec<f32>> {
        let _no_grad = tch::no_grad_guard();
        let scores = (matrix(features).matmul(&self.weights) + &self.bias).sigmoid();
        let labels = self.bias.size()[0] as usize;
        let flat = Vec::<f32>::try_from(scores.flatten(0, -1)).unwrap_or_default();
        flat.chunks(labels.max(1)).map(<[f32]>::to_vec).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_a_linearly_separable_label() {
        let features: Vec<Vec<f32>> = (0..40)
            .map(|i| vec![if i % 2 == 0 { 1.0 } else { -1.0 }, (i as f32 * 0.37).sin()])
            .collect();
        let targets: Vec<Vec<f32>> = (0..40)
            .map(|i| vec![if i % 2 == 0 { 1.0 } else { 0.0 }])
            .collect();
        let model = LogisticRegression::fit(&features, &targets).unwrap();
        let scores = model.probabilities(&features);
        assert!(scores
            .iter()
            .zip(&targets)
            .all(|(s, t)| (s[0] >= 0.5) == (t[0] == 1.0)));
    }
}
