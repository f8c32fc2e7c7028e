//! Labelled sentences for training and evaluation: a CSV or XLSX sheet with a `text`
//! column, one 0/1 column per label of the label set, and optionally `hedged`; other
//! columns are ignored.
use crate::error::{Error, Result};
use crate::model::labels::LabelSet;
use std::path::Path;

/// One gold-labelled sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub text: String,
    /// 0.0 or 1.0 per label, in label-set order.
    pub targets: Vec<f32>,
    /// Gold `hedged` attribute where the file has the column.
    pub hedged: Option<bool>,
    /// Examples of one group (a contrastive pair, from the `group` column) stay in one
    /// fold of a cross-validation; `None`: a group of its own.
    pub group: Option<String>,
}

/// True when every example has a gold `hedged` value (the data has the column).
pub fn all_have_hedged<'a>(examples: impl IntoIterator<Item = &'a Example>) -> bool {
    examples.into_iter().all(|e| e.hedged.is_some())
}

/// Reads a labelled CSV; wrong columns or values other than 0/1 are errors naming the
/// file, the line and the column.
pub fn load(path: &Path, labels: &LabelSet) -> Result<Vec<Example>> {
    Ok(load_rows(path, labels)?.0)
}

/// The examples of one file (CSV or XLSX) and the number of rows skipped because every
/// label cell was blank. In a row with some label filled in, a blank cell reads as 0 (a
/// person marks what applies).
fn load_rows(path: &Path, labels: &LabelSet) -> Result<(Vec<Example>, usize)> {
    let sheet = crate::record::sheet::read(path)?;
    let missing = |name: &str| missing_column(path, name, &sheet.header);
    let text_column = sheet.column("text").ok_or_else(|| missing("text"))?;
    let label_columns = labels
        .names()
        .iter()
        .map(|name| sheet.column(name).ok_or_else(|| missing(name)))
        .collect::<Result<Vec<_>>>()?;
    let hedged_column = sheet.column("hedged");
    let group_column = sheet.column("group");

    let mut examples = Vec::new();
    let mut skipped = 0;
    for row in &sheet.rows {
        if label_columns.iter().all(|&i| row.get(i).trim().is_empty()) {
            skipped += 1;
            continue;
        }
        let flag = |index: usize| parse_flag(path, row.line, &sheet.header[index], row.get(index));
        let text = row.get(text_column).trim().to_string();
        if text.is_empty() {
            return Err(data_error(path, row.line, "empty text".into()));
        }
        let targets = label_columns
            .iter()
            .map(|&i| flag(i).map(|on| if on { 1.0 } else { 0.0 }))
            .collect::<Result<Vec<f32>>>()?;
        let hedged = hedged_column.map(flag).transpose()?;
        let group = group_column
            .map(|i| row.get(i).trim())
            .filter(|g| !g.is_empty())
            .map(str::to_string);
        examples.push(Example {
            text,
            targets,
            hedged,
            group,
        });
    }
    if examples.is_empty() {
        return Err(data_error(path, 1, "no labelled rows".into()));
    }
    Ok((examples, skipped))
}

/// Examples from several files.
#[derive(Debug, Default)]
pub struct Loaded {
    pub examples: Vec<Example>,
    /// Rows whose label cells were all blank (a review sheet not filled in).
    pub skipped: usize,
    /// Sentences found again in a later file, which gave them its labels.
    pub replaced: usize,
}

/// Reads every file in order; a sentence found again in a later file takes its labels
/// from there, and rows whose label cells are all blank are skipped.
pub fn load_all(paths: &[std::path::PathBuf], labels: &LabelSet) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    let mut position: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for path in paths {
        let (examples, skipped) = load_rows(path, labels)?;
        loaded.skipped += skipped;
        for example in examples {
            match position.get(&example.text) {
                Some(&i) => {
                    loaded.examples[i] = example;
                    loaded.replaced += 1;
                }
                None => {
                    position.insert(example.text.clone(), loaded.examples.len());
                    loaded.examples.push(example);
                }
            }
        }
    }
    Ok(loaded)
}

fn parse_flag(path: &Path, line: usize, column: &str, value: &str) -> Result<bool> {
    match value.trim() {
        "1" => Ok(true),
        "0" | "" => Ok(false),
        other => Err(data_error(
            path,
            line,
            format!("column {column}: expected 0 or 1, found '{other}'"),
        )),
    }
}

fn missing_column(path: &Path, name: &str, header: &[String]) -> Error {
    let found: Vec<&str> = header.iter().map(String::as_str).collect();
    data_error(
        path,
        1,
        format!(
            "missing column '{name}' (columns found: {})",
            found.join(", ")
        ),
    )
}

fn data_error(path: &Path, line: usize, reason: String) -> Error {
    Error::Data {
        path: path.to_path_buf(),
        line,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write_csv(content: &str) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(content.as_bytes()).unwrap();
        file
    }

    #[test]
    fn reads_labels_in_label_set_order_and_ignores_extra_columns() {
        let file = write_csv(
            "style,policy_stance,text,refoulement,abuse,hedged\nnews,1,\"They were sent back, he said.\",1,0,1\n",
        );
        let examples = load(file.path(), &LabelSet::default_set()).unwrap();
        assert_eq!(examples[0].targets, vec![0.0, 1.0, 1.0]);
        assert_eq!(examples[0].hedged, Some(true));
        assert_eq!(examples[0].text, "They were sent back, he said.");
    }

    #[test]
    fn wrong_columns_and_values_name_file_line_and_column() {
        let missing = write_csv("text,abuse,refoulement\nx,0,1\n");
        let error = load(missing.path(), &LabelSet::default_set())
            .unwrap_err()
            .to_string();
        assert!(error.contains("missing column 'policy_stance'"), "{error}");
        assert!(error.contains(&missing.path().display().to_string()));

        let bad = write_csv("text,abuse,refoulement,policy_stance\nok,0,0,0\nbad,yes,0,0\n");
        let error = load(bad.path(), &LabelSet::default_set())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("line 3") && error.contains("column abuse"),
            "{error}"
        );
    }

    #[test]
    fn later_files_win_blank_rows_are_skipped_and_blank_cells_of_filled_rows_are_0() {
        let base = write_csv(
            "text,abuse,refoulement,policy_stance,hedged\nThey were sent back.,0,1,0,0\nGuards beat them.,1,0,0,0\n",
        );
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("review.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, name) in ["text", "abuse", "refoulement", "policy_stance", "hedged"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, col as u16, *name).unwrap();
        }
        sheet.write_string(1, 0, "They were sent back.").unwrap();
        sheet.write_number(1, 1, 1.0).unwrap();
        sheet.write_number(1, 2, 1.0).unwrap();
        sheet.write_string(2, 0, "Not looked at yet.").unwrap();
        book.save(&review).unwrap();

        let paths = [base.path().to_path_buf(), review];
        let loaded = load_all(&paths, &LabelSet::default_set()).unwrap();
        assert_eq!((loaded.replaced, loaded.skipped), (1, 1));
        assert_eq!(loaded.examples.len(), 2);
        assert_eq!(loaded.examples[0].targets, vec![1.0, 1.0, 0.0]);
        assert_eq!(loaded.examples[0].hedged, Some(false));
    }
}
