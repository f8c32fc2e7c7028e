//! Label sets are configuration: a TOML file names each label and describes it.
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

const DEFAULT_LABELS: &str = include_str!("../../models/labels.toml");

/// One label: its name (a CSV column) and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub name: String,
    pub description: String,
}

/// The labels a classifier predicts, in output-column order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSet {
    pub name: String,
    #[serde(rename = "label")]
    pub labels: Vec<Label>,
}

impl LabelSet {
    /// The default claim labels (abuse, refoulement, policy_stance).
    pub fn default_set() -> Self {
        Self::parse(DEFAULT_LABELS, Path::new("models/labels.toml"))
            .expect("the built-in labels file is valid")
    }

    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    fn parse(text: &str, path: &Path) -> Result<Self> {
        let set: LabelSet = toml::from_str(text).map_err(|e| Error::Data {
            path: path.to_path_buf(),
            line: e
                .span()
                .map_or(0, |span| text[..span.start].matches('\n').count() + 1),
            reason: e.message().to_string(),
        })?;
        set.validate(path)?;
        Ok(set)
    }

    fn validate(&self, path: &Path) -> Result<()> {
        let problem = |reason: String| Error::Data {
            path: path.to_path_buf(),
            line: 0,
            reason,
        };
        if self.labels.is_empty() {
            return Err(problem("no [[label]] entries".into()));
        }
        for (i, label) in self.labels.iter().enumerate() {
            let valid = !label.name.is_empty()
                && label
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                return Err(problem(format!(
                    "label name '{}' must be lowercase letters, digits or _",
                    label.name
                )));
            }
            if self.labels[..i]
                .iter()
                .any(|other| other.name == label.name)
            {
                return Err(problem(format!("label '{}' appears twice", label.name)));
            }
        }
        Ok(())
    }

    pub fn names(&self) -> Vec<&str> {
        self.labels.iter().map(|l| l.name.as_str()).collect()
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_set_has_the_three_claim_labels() {
        assert_eq!(
            LabelSet::default_set().names(),
            ["abuse", "refoulement", "policy_stance"]
        );
    }

    #[test]
    fn rejects_duplicates_and_bad_names() {
        let path = Path::new("x.toml");
        let twice =
            "name='x'\n[[label]]\nname='a'\ndescription=''\n[[label]]\nname='a'\ndescription=''\n";
        assert!(LabelSet::parse(twice, path)
            .unwrap_err()
            .to_string()
            .contains("twice"));
        let spaced = "name='x'\n[[label]]\nname='Bad Name'\ndescription=''\n";
        assert!(LabelSet::parse(spaced, path).is_err());
        let broken = "name='x'\n[[label]\n";
        assert!(LabelSet::parse(broken, path)
            .unwrap_err()
            .to_string()
            .contains("x.toml"));
    }
}
