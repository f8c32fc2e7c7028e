//! Tables a person edits in a spreadsheet (labelled data, filled review sheets): CSV or
//! XLSX (its first sheet), read as text cells with their line numbers for error messages.
use crate::error::{Error, Result};
use calamine::{Data, Reader};
use std::path::Path;

/// A header and the rows under it.
#[derive(Debug, Default)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// One row: its line in the file (the header is line 1) and its cells as text.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell of column `index`, empty when the row is shorter.
    pub fn get(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    /// The whole number in column `index` (named `name`), or an error naming the file
    /// `path`, the row's line and the column.
    pub fn whole_number(&self, path: &Path, index: usize, name: &str) -> Result<u64> {
        self.get(index).trim().parse().map_err(|_| Error::Data {
            path: path.to_path_buf(),
            line: self.line,
            reason: format!(
                "column {name}: expected a whole number, found '{}'",
                self.get(index)
            ),
        })
    }
}

impl Sheet {
    /// The index of the column named `name` (surrounding spaces ignored).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h.trim() == name)
    }
}

/// Reads a `.xlsx` file's first sheet, or any other file as CSV.
pub fn read(path: &Path) -> Result<Sheet> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    match is_xlsx {
        true => read_xlsx(path),
        false => read_csv(path, true),
    }
}

/// Reads a CSV file. `unguard` undoes the formula guard of claimscan's own CSV files, as a
/// spreadsheet shows their cells.
pub(crate) fn read_csv(path: &Path, unguard: bool) -> Result<Sheet> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| csv_error(path, e))?;
    let header = reader
        .headers()
        .map_err(|e| csv_error(path, e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        rows.push(Row {
            line: record.position().map_or(0, |p| p.line() as usize),
            cells: record
                .iter()
                .map(|c| match unguard {
                    true => super::output::unguarded(c).to_string(),
                    false => c.to_string(),
                })
                .collect(),
        });
    }
    Ok(Sheet { header, rows })
}

fn read_xlsx(path: &Path) -> Result<Sheet> {
    let unreadable = |reason: String| Error::BadInput {
        path: path.to_path_buf(),
        reason,
    };
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e| unreadable(format!("not a readable workbook: {e}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("the workbook has no sheet".into()))?
        .map_err(|e| unreadable(format!("first sheet unreadable: {e}")))?;
    // Line numbers as the spreadsheet shows them, even when the sheet starts lower down.
    let first_line = range.start().map_or(1, |(row, _)| row as usize + 1);
    let mut lines = range.rows().enumerate();
    let header = lines
        .next()
        .map(|(_, cells)| cells.iter().map(cell_text).collect())
        .unwrap_or_default();
    let rows = lines
        .map(|(i, cells)| Row {
            line: first_line + i,
            cells: cells.iter().map(cell_text).collect(),
        })
        .collect();
    Ok(Sheet { header, rows })
}

/// A cell as the person typed it: whole numbers without a decimal point (`1`, not `1.0`).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Bool(b) => u8::from(*b).to_string(),
        other => other.to_string(),
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let reason = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, io),
        _ => Error::Data {
            path: path.to_path_buf(),
            line,
            reason,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_lose_the_formula_guard_and_the_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.csv");
        std::fs::write(&path, "\u{feff}text,abuse\n'=SUM(A1),1\n'quoted,\n").unwrap();
        let sheet = read(&path).unwrap();
        assert_eq!(sheet.header, ["text", "abuse"]);
        assert_eq!(sheet.rows[0].cells, ["=SUM(A1)", "1"]);
        assert_eq!(sheet.rows[0].line, 2);
        assert_eq!(sheet.rows[1].get(0), "'quoted");
        assert_eq!(sheet.rows[1].get(5), "");
    }

    #[test]
    fn xlsx_numbers_read_as_typed_and_lines_as_shown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "text").unwrap();
        sheet.write_string(0, 1, "abuse").unwrap();
        sheet.write_string(1, 0, "They were beaten.").unwrap();
        sheet.write_number(1, 1, 1.0).unwrap();
        sheet.write_string(2, 0, "=1+1").unwrap();
        book.save(&path).unwrap();
        let sheet = read(&path).unwrap();
        assert_eq!(sheet.rows[0].cells, ["They were beaten.", "1"]);
        assert_eq!(sheet.rows[1].line, 3);
        assert_eq!(sheet.rows[1].cells, ["=1+1", ""]);
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_named_with_the_cause() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.xlsx");
        std::fs::write(&path, "text,abuse\n").unwrap();
        let error = read(&path).unwrap_err().to_string();
        assert!(error.contains("review.xlsx"), "{error}");
        assert!(error.contains("not a readable workbook"), "{error}");
    }
}
