//! Labels and attributes of sentences: the model and extract stages together, and the
//! output columns they fill (`labels`, `p_<label>`..., `hedged`, `actors`, `quantities`,
//! `lang`).
//!
//! [`Annotator`] classifies each distinct text once per run: exact repeats (boilerplate,
//! the same press release in several files) take the scores of their first occurrence,
//! which are the scores they would get themselves, since a sentence's scores do not
//! depend on the other sentences of its batch (see `model::forward`).
use crate::error::Result;
use crate::extract::{Attributes, Extractor};
use crate::model::classifier::{decide, Classifier};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

use super::units::{language, ENGLISH};

/// What claimscan says about one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// One probability per label, in label-set order.
    pub probabilities: Vec<f32>,
    /// Names of the labels whose probability reached its threshold; none for a sentence
    /// in another language than English, which the model cannot read.
    pub labels: Vec<String>,
    pub attributes: Attributes,
    /// ISO 639-3 code of the sentence's language.
    pub lang: String,
}

/// Distinct texts remembered per run: enough for any collection's boilerplate, bounded so
/// that memory stays flat (about 100 bytes each).
const CACHE_TEXTS: usize = 1_000_000;

/// Annotates sentences, classifying each distinct text once.
pub struct Annotator<'a> {
    classifier: &'a dyn Classifier,
    extractor: &'a (dyn Extractor + Sync),
    /// Threads for the rules (rayon's global pool when `None`).
    threads: Option<&'a rayon::ThreadPool>,
    scores: HashMap<[u8; 16], Vec<f32>>,
    /// Sentences whose scores came from an earlier occurrence of the same text.
    pub repeats: usize,
}

impl<'a> Annotator<'a> {
    pub fn new(classifier: &'a dyn Classifier, extractor: &'a (dyn Extractor + Sync)) -> Self {
        Annotator {
            classifier,
            extractor,
            threads: None,
            scores: HashMap::new(),
            repeats: 0,
        }
    }

    /// Runs the rules on `threads` (so a run's `--threads` bounds them too).
    pub fn with_threads(self, threads: &'a rayon::ThreadPool) -> Self {
        Annotator {
            threads: Some(threads),
            ..self
        }
    }

    fn parallel<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        match self.threads {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    /// Classifies the texts not seen before (batched on libtorch), then extracts
    /// attributes and languages (rules, in parallel on rayon).
    pub fn annotate(&mut self, texts: &[&str]) -> Result<Vec<Annotation>> {
        let keys: Vec<[u8; 16]> = self.parallel(|| texts.par_iter().map(|t| text_key(t)).collect());
        let mut new: Vec<usize> = Vec::new();
        let mut first_of: HashMap<[u8; 16], usize> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            if self.scores.contains_key(key) || first_of.contains_key(key) {
                self.repeats += 1;
            } else {
                first_of.insert(*key, i);
                new.push(i);
            }
        }
        let new_texts: Vec<&str> = new.iter().map(|&i| texts[i]).collect();
        let new_scores = self.classifier.probabilities(&new_texts)?;
        let mut window: HashMap<[u8; 16], Vec<f32>> = HashMap::new();
        for (i, probabilities) in new.into_iter().zip(new_scores) {
            if self.scores.len() < CACHE_TEXTS {
                self.scores.insert(keys[i], probabilities.clone());
            }
            window.insert(keys[i], probabilities);
        }
        let probabilities: Vec<Vec<f32>> = keys
            .iter()
            .map(|key| window.get(key).or_else(|| self.scores.get(key)).cloned())
            .collect::<Option<_>>()
            .expect("every text was classified or remembered");
        Ok(self.finish(texts, probabilities))
    }

    fn finish(&self, texts: &[&str], probabilities: Vec<Vec<f32>>) -> Vec<Annotation> {
        let extractor = self.extractor;
        let rules: Vec<(Attributes, &str)> = self.parallel(|| {
            texts
                .par_iter()
                .map(|t| (extractor.extract(t), language(t)))
                .collect()
        });
        let names = self.classifier.labels().names();
        probabilities
            .into_iter()
            .zip(rules)
            .map(|(outputs, (mut attributes, lang))| {
                // A model that has learnt `hedged` decides it (with or instead of the
                // rules); its output is not a label's.
                attributes.hedged = self.classifier.hedged(&outputs, attributes.hedged);
                let probabilities = outputs[..names.len()].to_vec();
                let labels = if lang == ENGLISH {
                    decide(&probabilities, self.classifier.thresholds())
                        .into_iter()
                        .zip(&names)
                        .filter(|(on, _)| *on)
                        .map(|(_, name)| name.to_string())
                        .collect()
                } else {
                    Vec::new()
                };
                Annotation {
                    probabilities,
                    labels,
                    attributes,
                    lang: lang.to_string(),
                }
            })
            .collect()
    }
}

/// 128 bits of the text's SHA-256: collisions are out of reach for any collection.
fn text_key(text: &str) -> [u8; 16] {
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].try_into().expect("16 bytes")
}

/// Classifies `texts` and extracts their attributes (see [`Annotator`]).
pub fn annotate(
    classifier: &dyn Classifier,
    extractor: &(dyn Extractor + Sync),
    texts: &[&str],
) -> Result<Vec<Annotation>> {
    Annotator::new(classifier, extractor).annotate(texts)
}

/// Column names of an annotation, for a label set.
pub fn columns(label_names: &[&str]) -> Vec<String> {
    let mut columns = vec!["labels".to_string()];
    columns.extend(label_names.iter().map(|name| format!("p_{name}")));
    columns.extend(["hedged", "actors", "quantities", "lang"].map(String::from));
    columns
}

/// Cells of an annotation in [`columns`] order: labels joined by `;`, probabilities with
/// 4 decimals, hedged 0/1, actors and quantities joined by `; `, the language code.
pub fn cells(annotation: &Annotation) -> Vec<String> {
    let mut cells = vec![annotation.labels.join(";")];
    cells.extend(annotation.probabilities.iter().map(|p| format!("{p:.4}")));
    let attributes = &annotation.attributes;
    cells.push(u8::from(attributes.hedged).to_string());
    cells.push(attributes.actors.join("; "));
    cells.push(attributes.quantities.join("; "));
    cells.push(annotation.lang.clone());
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LabelSet;

    /// Scores a text by its length; counts what it was asked.
    struct LengthClassifier {
        labels: LabelSet,
        asked: std::sync::Mutex<usize>,
    }

    impl Classifier for LengthClassifier {
        fn labels(&self) -> &LabelSet {
            &self.labels
        }
        fn thresholds(&self) -> &[f32] {
            &[0.5, 0.5, 0.5]
        }
        fn probabilities(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
            *self.asked.lock().unwrap() += texts.len();
            Ok(texts
                .iter()
                .map(|t| vec![(t.len() % 10) as f32 / 10.0; 3])
                .collect())
        }
    }

    #[test]
    fn repeats_are_classified_once_and_get_the_same_scores() {
        let classifier = LengthClassifier {
            labels: LabelSet::default_set(),
            asked: Default::default(),
        };
        let extractor = crate::extract::RuleExtractor::new();
        let mut annotator = Annotator::new(&classifier, &extractor);
        let first = annotator
            .annotate(&[
                "Police detained them.",
                "Press contact: the desk.",
                "Police detained them.",
            ])
            .unwrap();
        let second = annotator
            .annotate(&["Press contact: the desk.", "A new sentence here."])
            .unwrap();
        assert_eq!(*classifier.asked.lock().unwrap(), 3);
        assert_eq!(annotator.repeats, 2);
        assert_eq!(first[0], first[2]);
        assert_eq!(first[1], second[0]);
    }

    #[test]
    fn sentences_in_other_languages_get_scores_but_no_labels() {
        let classifier = LengthClassifier {
            labels: LabelSet::default_set(),
            asked: Default::default(),
        };
        let extractor = crate::extract::RuleExtractor::new();
        let korean = "탈북자들은 중국에서 강제 송환되어 노동교화소에 수감되었다.";
        let annotations = annotate(&classifier, &extractor, &[korean]).unwrap();
        assert_eq!(annotations[0].lang, "kor");
        assert!(annotations[0].labels.is_empty());
        assert_eq!(annotations[0].probabilities.len(), 3);
    }

    #[test]
    fn cells_follow_columns() {
        let annotation = Annotation {
            probabilities: vec![0.91234, 0.1, 0.5],
            labels: vec!["abuse".into(), "policy_stance".into()],
            attributes: Attributes {
                hedged: true,
                actors: vec!["China".into(), "UNHCR".into()],
                quantities: vec!["1,040 in 2003".into()],
            },
            lang: "eng".into(),
        };
        let names = ["abuse", "refoulement", "policy_stance"];
        assert_eq!(columns(&names).len(), cells(&annotation).len());
        assert_eq!(
            cells(&annotation),
            [
                "abuse;policy_stance",
                "0.9123",
                "0.1000",
                "0.5000",
                "1",
                "China; UNHCR",
                "1,040 in 2003",
                "eng"
            ]
        );
    }
}
