//! Reading a finished output folder back (for the report and review sheets): `run.json` and the tables it lists (CSV or JSON
//! Lines), checked against the SHA-256 that `run.json` records, with the formula guard of
//! the CSV cells undone so the report shows the documents' own text.
use super::sheet::{self, Row};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One table of the output folder: its header and its rows, every cell as text.
pub(crate) struct Table {
    pub path: PathBuf,
    columns: HashMap<String, usize>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// The number a spreadsheet (CSV, after its header) or an editor (JSON Lines) gives the
    /// first row: row `i` is the `first_row_number + i`th, however many lines its cells span.
    pub first_row_number: usize,
}

impl Table {
    /// The index of `name` in the header, or an error naming the file. An empty JSON Lines
    /// file has no header: any column will do, as no row is read.
    pub fn column(&self, name: &str) -> Result<usize> {
        if self.rows.is_empty() && self.header.is_empty() {
            return Ok(0);
        }
        self.columns.get(name).copied().ok_or_else(|| Error::Data {
            path: self.path.clone(),
            line: 1,
            reason: format!("no column '{name}'"),
        })
    }

    /// The indexes of several columns at once.
    pub fn columns<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N]> {
        let mut indexes = [0; N];
        for (index, name) in indexes.iter_mut().zip(names) {
            *index = self.column(name)?;
        }
        Ok(indexes)
    }

    fn new(path: PathBuf, header: Vec<String>, rows: Vec<Row>, first_row_number: usize) -> Self {
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), i))
            .collect();
        Table {
            path,
            columns,
            header,
            rows,
            first_row_number,
        }
    }

    /// The file's name, for links and messages.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The files of a finished run.
pub(crate) struct RunFiles {
    pub run: serde_json::Value,
    pub sentences: Table,
    pub claims: Table,
    pub documents: Table,
    pub errors: Table,
}

/// Reads `run.json` and the four tables of `out_dir`.
pub(crate) fn read_run(out_dir: &Path) -> Result<RunFiles> {
    let run_path = out_dir.join("run.json");
    let bytes = std::fs::read(&run_path).map_err(|e| Error::io(&run_path, e))?;
    let run: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| Error::Data {
        path: run_path.clone(),
        line: e.line(),
        reason: e.to_string(),
    })?;
    let listed = listed_tables(&run, &run_path)?;
    let unguard = formula_guard_was_on(&run);
    let table = |name: &str| -> Result<Table> {
        let (file, sha256) = listed
            .iter()
            .find(|(file, _)| file.split('.').next() == Some(name))
            .ok_or_else(|| Error::Data {
                path: run_path.clone(),
                line: 1,
                reason: format!("run.json lists no {name} table"),
            })?;
        let path = out_dir.join(file);
        check_sha256(&path, sha256)?;
        if file.ends_with(".jsonl") {
            read_jsonl(&path)
        } else {
            read_csv(&path, unguard)
        }
    };
    Ok(RunFiles {
        sentences: table("sentences")?,
        claims: table("claims")?,
        documents: table("documents")?,
        errors: table("errors")?,
        run,
    })
}

/// `(file name, sha256)` of the tables `run.json` lists.
fn listed_tables(run: &serde_json::Value, run_path: &Path) -> Result<Vec<(String, String)>> {
    let tables = run["tables"].as_object().ok_or_else(|| Error::Data {
        path: run_path.to_path_buf(),
        line: 1,
        reason: "no 'tables' (not the run.json of a finished run)".into(),
    })?;
    Ok(tables
        .iter()
        .map(|(file, sha)| (file.clone(), sha.as_str().unwrap_or_default().to_string()))
        .collect())
}

/// A table that does not match `run.json` belongs to another run (or is being replaced).
fn check_sha256(path: &Path, expected: &str) -> Result<()> {
    let actual = crate::model::sha256_file(path)?;
    if actual != expected {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: "its SHA-256 is not the one run.json lists: the tables do not belong to this run.json (run or merge again)".into(),
        });
    }
    Ok(())
}

/// Whether the CSV cells were written with the formula guard: `run.json` says so since the
/// report exists; older runs only show it on their command line.
fn formula_guard_was_on(run: &serde_json::Value) -> bool {
    if let Some(on) = run["formula_guard"].as_bool() {
        return on;
    }
    !run["command_line"]
        .as_array()
        .is_some_and(|args| args.iter().any(|a| a == "--no-formula-guard"))
}

/// The cell as the document had it: the guard's apostrophe removed. A text that itself
/// began with an apostrophe and a formula character cannot be told apart; it is shown
/// without its apostrophe.
pub(crate) fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn read_csv(path: &Path, unguard: bool) -> Result<Table> {
    let sheet = sheet::read_csv(path, unguard)?;
    Ok(Table::new(path.to_path_buf(), sheet.header, sheet.rows, 2))
}

fn read_jsonl(path: &Path) -> Result<Table> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut header: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line)
            .map_err(|e| Error::Data {
                path: path.to_path_buf(),
                line: i + 1,
                reason: e.to_string(),
            })?;
        if header.is_empty() {
            header = object.keys().cloned().collect();
        }
        rows.push(Row {
            line: i + 1,
            cells: header
                .iter()
                .map(|c| object.get(c).map_or_else(String::new, cell_text))
                .collect(),
        });
    }
    Ok(Table::new(path.to_path_buf(), header, rows, 1))
}

/// A JSON Lines value as the CSV cell it would be.
fn cell_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_apostrophe_is_removed_and_nothing_else() {
        assert_eq!(unguarded("'=1+1"), "=1+1");
        assert_eq!(unguarded("'@everyone"), "@everyone");
        assert_eq!(unguarded("'tis the season"), "'tis the season");
        assert_eq!(unguarded("plain"), "plain");
    }

    #[test]
    fn old_runs_without_the_flag_read_the_command_line() {
        let on = serde_json::json!({"command_line": ["claimscan", "run", "x"]});
        let off = serde_json::json!({"command_line": ["claimscan", "run", "--no-formula-guard"]});
        let recorded = serde_json::json!({"formula_guard": false, "command_line": []});
        assert!(formula_guard_was_on(&on));
        assert!(!formula_guard_was_on(&off) && !formula_guard_was_on(&recorded));
    }

    #[test]
    fn json_lines_rows_keep_their_line_and_missing_keys_are_blank() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.jsonl");
        std::fs::write(
            &path,
            "{\"doc_id\":1,\"label\":\"abuse\"}\n\n{\"doc_id\":2}\n",
        )
        .unwrap();
        let table = read_jsonl(&path).unwrap();
        let label = table.column("label").unwrap();
        assert_eq!(table.rows[0].cells, ["1", "abuse"]);
        assert_eq!((table.rows[1].line, table.rows[1].get(label)), (3, ""));
    }
}
