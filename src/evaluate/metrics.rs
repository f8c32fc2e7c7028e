//! Multi-label evaluation: precision, recall, F1 per label, micro and macro averages,
//! threshold choice and precision-recall curves.
use crate::model::labels::LabelSet;
use serde::Serialize;

/// Confusion counts of one binary decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    pub fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.true_positives += 1,
            (true, false) => self.false_positives += 1,
            (false, true) => self.false_negatives += 1,
            (false, false) => {}
        }
    }

    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        ratio(
            2 * self.true_positives,
            2 * self.true_positives + self.false_positives + self.false_negatives,
        )
    }

    pub fn support(&self) -> usize {
        self.true_positives + self.false_negatives
    }

    fn merged(a: Counts, b: Counts) -> Counts {
        Counts {
            true_positives: a.true_positives + b.true_positives,
            false_positives: a.false_positives + b.false_positives,
            false_negatives: a.false_negatives + b.false_negatives,
        }
    }
}

/// 0 when the denominator is 0 (no predictions or no gold positives).
fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Counts for one label.
#[derive(Debug, Clone, Serialize)]
pub struct LabelScore {
    pub label: String,
    pub counts: Counts,
}

impl LabelScore {
    pub fn f1(&self) -> f64 {
        self.counts.f1()
    }
}

/// Scores of a classifier on a labelled set.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub per_label: Vec<LabelScore>,
}

impl Report {
    pub fn macro_f1(&self) -> f64 {
        self.per_label.iter().map(LabelScore::f1).sum::<f64>() / self.per_label.len().max(1) as f64
    }

    pub fn micro(&self) -> Counts {
        self.per_label
            .iter()
            .map(|l| l.counts)
            .fold(Counts::default(), Counts::merged)
    }
}

/// Scores of `probabilities` against 0/1 `gold` at the given thresholds.
pub fn evaluate(
    labels: &LabelSet,
    probabilities: &[Vec<f32>],
    gold: &[Vec<f32>],
    thresholds: &[f32],
) -> Report {
    let per_label = labels
        .names()
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let mut counts = Counts::default();
            for (p, g) in probabilities.iter().zip(gold) {
                counts.add(p[j] >= thresholds[j], g[j] >= 0.5);
            }
            LabelScore {
                label: name.to_string(),
                counts,
            }
        })
        .collect();
    Report { per_label }
}

/// Per label, the threshold with the best F1 on (probability, gold) pairs. Candidates are
/// midpoints between neighbouring scores, so the choice does not sit on one example;
/// ties go to the candidate nearest 0.5.
pub fn best_thresholds(probabilities: &[Vec<f32>], gold: &[Vec<f32>]) -> Vec<f32> {
    let labels = probabilities.first().map_or(0, Vec::len);
    (0..labels)
        .map(|j| {
            let pairs: Vec<(f32, bool)> = probabilities
                .iter()
                .zip(gold)
                .map(|(p, g)| (p[j], g[j] >= 0.5))
                .collect();
            best_threshold(&pairs)
        })
        .collect()
}

fn best_threshold(pairs: &[(f32, bool)]) -> f32 {
    let mut scores: Vec<f32> = pairs.iter().map(|&(p, _)| p).collect();
    scores.sort_by(f32::total_cmp);
    scores.dedup();
    let candidates = scores.windows(2).map(|w| (w[0] + w[1]) / 2.0).chain([0.5]);
    let f1_at = |t: f32| {
        let mut counts = Counts::default();
        pairs.iter().for_each(|&(p, g)| counts.add(p >= t, g));
        counts.f1()
    };
    candidates
        .map(|t| (f1_at(t), -(t - 0.5).abs(), t))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map_or(0.5, |(_, _, t)| t)
}

/// (recall, precision) points of one label's precision-recall curve, from the highest
/// threshold down.
pub fn precision_recall_curve(pairs: &[(f32, bool)]) -> Vec<(f64, f64)> {
    let mut sorted = pairs.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = sorted.iter().filter(|p| p.1).count();
    let mut counts = Counts::default();
    let mut curve = Vec::with_capacity(sorted.len());
    for (i, &(score, gold)) in sorted.iter().enumerate() {
        counts.add(true, gold);
        let last_of_tie = sorted.get(i + 1).is_none_or(|next| next.0 != score);
        if last_of_tie {
            curve.push((ratio(counts.true_positives, positives), counts.precision()));
        }
    }
    curve
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_give_textbook_figures() {
        let mut c = Counts::default();
        for (p, g) in [
            (true, true),
            (true, true),
            (true, false),
            (false, true),
            (false, false),
        ] {
            c.add(p, g);
        }
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(c.support(), 3);
    }

    #[test]
    fn best_threshold_separates_separable_scores() {
        let pairs = [(0.1, false), (0.2, false), (0.35, true), (0.8, true)];
        let t = best_threshold(&pairs);
        assert!(t > 0.2 && t <= 0.35, "{t}");
    }

    #[test]
    fn curve_ends_at_full_recall() {
        let curve = precision_recall_curve(&[(0.9, true), (0.6, false), (0.3, true)]);
        assert_eq!(curve.first(), Some(&(0.5, 1.0)));
        assert_eq!(curve.last().unwrap().0, 1.0);
    }
}
