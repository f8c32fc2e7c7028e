//! Labels and attributes of sentences: the classify and extract stages together, and the
//! output columns they fill (`labels`, `p_<label>`..., `hedged`, `actors`, `quantities`).
use crate::error::Result;
use crate::extract::{Attributes, Extractor};
use crate::model::classifier::{decide, Classifier};
use rayon::prelude::*;

/// What claimscan says about one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// One probability per label, in label-set order.
    pub probabilities: Vec<f32>,
    /// Names of the labels whose probability reached its threshold.
    pub labels: Vec<String>,
    pub attributes: Attributes,
}

/// Classifies `texts` (batched on libtorch) and extracts their attributes (rules, in
/// parallel on rayon). The two run one after the other so they never compete for cores.
pub fn annotate(
    classifier: &dyn Classifier,
    extractor: &(dyn Extractor + Sync),
    texts: &[&str],
) -> Result<Vec<Annotation>> {
    let probabilities = classifier.probabilities(texts)?;
    let attributes: Vec<Attributes> = texts.par_iter().map(|t| extractor.extract(t)).collect();
    let names = classifier.labels().names();
    Ok(probabilities
        .into_iter()
        .zip(attributes)
        .map(|(probabilities, attributes)| {
            let labels = decide(&probabilities, classifier.thresholds())
                .into_iter()
                .zip(&names)
                .filter(|(on, _)| *on)
                .map(|(_, name)| name.to_string())
                .collect();
            Annotation {
                probabilities,
                labels,
                attributes,
            }
        })
        .collect())
}

/// Column names of an annotation, for a label set.
pub fn columns(label_names: &[&str]) -> Vec<String> {
    let mut columns = vec!["labels".to_string()];
    columns.extend(label_names.iter().map(|name| format!("p_{name}")));
    columns.extend(["hedged", "actors", "quantities"].map(String::from));
    columns
}

/// Cells of an annotation in [`columns`] order: labels joined by `;`, probabilities with
/// 4 decimals, hedged 0/1, actors and quantities joined by `; `.
pub fn cells(annotation: &Annotation) -> Vec<String> {
    let mut cells = vec![annotation.labels.join(";")];
    cells.extend(annotation.probabilities.iter().map(|p| format!("{p:.4}")));
    let attributes = &annotation.attributes;
    cells.push(u8::from(attributes.hedged).to_string());
    cells.push(attributes.actors.join("; "));
    cells.push(attributes.quantities.join("; "));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

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
                "1,040 in 2003"
            ]
        );
    }
}
