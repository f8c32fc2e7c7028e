//! The dataset as one Excel workbook (`claimscan.xlsx`): a sheet per table and a `run`
//! sheet with the run's metadata. Cells keep their types (counts as integers, scores as
//! numbers, everything else as text, so a text that looks like a formula stays text and
//! needs no guard), headers are bold and frozen, every sheet has an autofilter, and long
//! text columns wrap. Rows stream to disk as they come (rust_xlsxwriter's constant-memory
//! mode), so a large run does not hold its tables in memory.
use crate::error::{Error, Result};
use rust_xlsxwriter::{Format as Style, Workbook as Book, XlsxError};
use std::path::{Path, PathBuf};

use super::{Cell, Pending};

/// Excel's rows per sheet, the header included.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;
/// Excel's characters per cell; longer texts are cut (and counted in the `run` sheet).
const EXCEL_MAX_CHARS: usize = 32_767;
/// Columns holding running text: wide and wrapped.
const WRAPPED: &[&str] = &["text", "context_before", "context_after", "error", "value"];
const WRAPPED_WIDTH: f64 = 80.0;
/// Other columns are as wide as their header and the first rows, within these bounds.
const WIDTH_BOUNDS: (f64, f64) = (6.0, 50.0);
const ROWS_MEASURED: u32 = 500;

/// A workbook being written, one [`Sheet`] per table.
pub struct Workbook {
    book: Book,
    sheets: Vec<Sheet>,
    max_rows: u32,
    styles: Styles,
    notes: Vec<String>,
    cut_cells: usize,
    path: PathBuf,
}

struct Styles {
    header: Style,
    wrapped: Style,
    score: Style,
}

/// One table: a worksheet, and continuation sheets once it outgrows Excel's row limit.
struct Sheet {
    table: String,
    columns: Vec<String>,
    widths: Vec<f64>,
    /// Index of the worksheet being written in the workbook.
    worksheet: usize,
    /// Worksheets of this table so far.
    parts: usize,
    /// Rows written to the current worksheet, the header included.
    rows: u32,
}

impl Workbook {
    /// A workbook at `path` (written by [`Workbook::finish`]) with one sheet per
    /// `(table, columns)`; a sheet holds at most `max_rows` rows, header included.
    pub fn create(path: &Path, tables: &[(&str, Vec<String>)], max_rows: u32) -> Result<Self> {
        let mut workbook = Workbook {
            book: Book::new(),
            sheets: Vec::new(),
            max_rows: max_rows.clamp(2, EXCEL_MAX_ROWS),
            styles: Styles {
                header: Style::new().set_bold(),
                wrapped: Style::new().set_text_wrap(),
                score: Style::new().set_num_format("0.0000"),
            },
            notes: Vec::new(),
            cut_cells: 0,
            path: path.to_path_buf(),
        };
        for (table, columns) in tables {
            let mut sheet = Sheet::new(table, columns.clone());
            workbook.start_worksheet(&mut sheet)?;
            workbook.sheets.push(sheet);
        }
        Ok(workbook)
    }

    /// Adds a row to the sheet of table number `table` (in the order given to `create`).
    pub fn row(&mut self, table: usize, cells: &[Cell]) -> Result<()> {
        let mut sheet = std::mem::replace(&mut self.sheets[table], Sheet::placeholder());
        let result = self.write_row(&mut sheet, cells);
        self.sheets[table] = sheet;
        result
    }

    fn write_row(&mut self, sheet: &mut Sheet, cells: &[Cell]) -> Result<()> {
        if sheet.rows == self.max_rows {
            self.close_worksheet(sheet)?;
            self.start_worksheet(sheet)?;
            let note = format!(
                "Table '{}' is longer than a sheet can hold: it continues on sheet '{}'.",
                sheet.table,
                sheet.name()
            );
            self.notes.push(note);
        }
        let row = sheet.rows;
        let measure = row < ROWS_MEASURED;
        let worksheet = self
            .book
            .worksheet_from_index(sheet.worksheet)
            .map_err(xlsx)?;
        for (col, cell) in cells.iter().enumerate() {
            let wrapped = WRAPPED.contains(&sheet.columns[col].as_str());
            let column = col as u16;
            match cell {
                Cell::Text(text) => {
                    let (text, cut) = excel_text(text);
                    self.cut_cells += usize::from(cut);
                    if wrapped {
                        worksheet.write_string_with_format(row, column, text, &self.styles.wrapped)
                    } else {
                        worksheet.write_string(row, column, text)
                    }
                    .map_err(xlsx)?;
                    if measure {
                        sheet.widen(col, text.chars().count());
                    }
                }
                Cell::Count(n) => {
                    worksheet
                        .write_number(row, column, *n as f64)
                        .map_err(xlsx)?;
                }
                Cell::Score(p) => {
                    worksheet
                        .write_number_with_format(row, column, rounded(*p), &self.styles.score)
                        .map_err(xlsx)?;
                }
                Cell::Empty => {}
            }
        }
        sheet.rows += 1;
        Ok(())
    }

    /// Adds the `run` sheet (`run.json` flattened to key/value rows, then any notes),
    /// writes the workbook under a temporary name and returns it for the commit.
    pub fn finish(mut self, run: &serde_json::Value) -> Result<Pending> {
        let mut sheets = std::mem::take(&mut self.sheets);
        for sheet in &mut sheets {
            self.close_worksheet(sheet)?;
        }
        self.write_run_sheet(run)?;
        let temporary = temporary_path(&self.path);
        self.book.save(&temporary).map_err(xlsx)?;
        Ok(Pending {
            temporary,
            destination: self.path,
        })
    }

    fn write_run_sheet(&mut self, run: &serde_json::Value) -> Result<()> {
        let mut rows = Vec::new();
        flatten(run, String::new(), &mut rows);
        if self.cut_cells > 0 {
            self.notes.push(format!(
                "{} cells were longer than Excel's {EXCEL_MAX_CHARS} characters and are cut; the CSV tables hold them whole.",
                self.cut_cells
            ));
        }
        rows.extend(
            self.notes
                .iter()
                .enumerate()
                .map(|(i, note)| (format!("note {}", i + 1), Cell::Text(note.clone()))),
        );
        let mut sheet = Sheet::new("run", vec!["key".into(), "value".into()]);
        self.start_worksheet(&mut sheet)?;
        for (key, value) in rows {
            self.write_row(&mut sheet, &[Cell::Text(key), value])?;
        }
        self.close_worksheet(&sheet)
    }

    fn start_worksheet(&mut self, sheet: &mut Sheet) -> Result<()> {
        sheet.parts += 1;
        sheet.rows = 1;
        sheet.worksheet = self.book.worksheets_mut().len();
        let name = sheet.name();
        let header = &self.styles.header;
        let worksheet = self
            .book
            .add_worksheet_with_constant_memory()
            .map_err(xlsx)?;
        worksheet.set_name(name).map_err(xlsx)?;
        for (col, column) in sheet.columns.iter().enumerate() {
            worksheet
                .write_string_with_format(0, col as u16, column, header)
                .map_err(xlsx)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        Ok(())
    }

    /// Widths and the autofilter, once the sheet's rows are known.
    fn close_worksheet(&mut self, sheet: &Sheet) -> Result<()> {
        let worksheet = self
            .book
            .worksheet_from_index(sheet.worksheet)
            .map_err(xlsx)?;
        for (col, width) in sheet.widths.iter().enumerate() {
            worksheet
                .set_column_width(col as u16, *width)
                .map_err(xlsx)?;
        }
        let last_col = sheet.columns.len().saturating_sub(1) as u16;
        worksheet
            .autofilter(0, 0, sheet.rows.saturating_sub(1), last_col)
            .map_err(xlsx)?;
        Ok(())
    }
}

impl Sheet {
    fn new(table: &str, columns: Vec<String>) -> Self {
        Sheet {
            table: table.to_string(),
            widths: columns
                .iter()
                .map(|c| width(c, c.chars().count()))
                .collect(),
            columns,
            worksheet: 0,
            parts: 0,
            rows: 0,
        }
    }

    fn placeholder() -> Self {
        Sheet::new("", Vec::new())
    }

    /// `sentences`, then `sentences (2)`, `sentences (3)`, ... for continuations.
    fn name(&self) -> String {
        match self.parts {
            0 | 1 => self.table.clone(),
            n => format!("{} ({n})", self.table),
        }
    }

    fn widen(&mut self, col: usize, chars: usize) {
        let wanted = width(&self.columns[col], chars);
        if wanted > self.widths[col] {
            self.widths[col] = wanted;
        }
    }
}

/// The width of a column for a text of `chars` characters.
fn width(column: &str, chars: usize) -> f64 {
    if WRAPPED.contains(&column) {
        return WRAPPED_WIDTH;
    }
    (chars as f64 + 2.0).clamp(WIDTH_BOUNDS.0, WIDTH_BOUNDS.1)
}

/// A score as the CSV writes it (4 decimals), so both files hold the same value.
fn rounded(p: f32) -> f64 {
    (f64::from(p) * 1e4).round() / 1e4
}

/// The text as Excel can hold it, and whether it had to be cut.
fn excel_text(text: &str) -> (&str, bool) {
    match text.char_indices().nth(EXCEL_MAX_CHARS) {
        Some((end, _)) => (&text[..end], true),
        None => (text, false),
    }
}

/// `run.json` as `(key, value)` rows: nested keys joined with dots, list items numbered.
fn flatten(value: &serde_json::Value, key: String, rows: &mut Vec<(String, Cell)>) {
    let join = |part: &str| match key.is_empty() {
        true => part.to_string(),
        false => format!("{key}.{part}"),
    };
    match value {
        serde_json::Value::Object(map) => {
            for (name, value) in map {
                flatten(value, join(name), rows);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(item, join(&(i + 1).to_string()), rows);
            }
        }
        serde_json::Value::Null => rows.push((key, Cell::Empty)),
        serde_json::Value::String(text) => rows.push((key, Cell::Text(text.clone()))),
        serde_json::Value::Bool(flag) => rows.push((key, Cell::Text(flag.to_string()))),
        serde_json::Value::Number(n) => rows.push((key, number_cell(n))),
    }
}

fn number_cell(n: &serde_json::Number) -> Cell {
    match n.as_u64() {
        Some(count) => Cell::Count(count),
        None => Cell::Text(n.to_string()),
    }
}

fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.tmp"))
}

fn xlsx(error: XlsxError) -> Error {
    super::write_error(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, DataType, Reader, Xlsx};

    fn read(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
        open_workbook(path).unwrap()
    }

    fn table() -> (&'static str, Vec<String>) {
        (
            "sentences",
            vec!["doc_id".into(), "text".into(), "p".into()],
        )
    }

    fn write(dir: &Path, rows: usize, max_rows: u32) -> PathBuf {
        let path = dir.join("claimscan.xlsx");
        let mut book = Workbook::create(&path, &[table()], max_rows).unwrap();
        for i in 0..rows {
            let text = Cell::Text(format!("=HYPERLINK(\"x\") row {i}"));
            let cells = [Cell::Count(i as u64), text, Cell::Score(0.123456)];
            book.row(0, &cells).unwrap();
        }
        let pending = book
            .finish(&serde_json::json!({"counts": {"n": rows}}))
            .unwrap();
        std::fs::rename(&pending.temporary, &pending.destination).unwrap();
        path
    }

    #[test]
    fn cells_keep_their_types_and_formulas_stay_text() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = read(&write(dir.path(), 2, EXCEL_MAX_ROWS));
        let range = book.worksheet_range("sentences").unwrap();
        assert_eq!(range.get((1, 0)), Some(&Data::Float(0.0)));
        assert_eq!(
            range.get((1, 1)),
            Some(&Data::String("=HYPERLINK(\"x\") row 0".into()))
        );
        assert_eq!(range.get((2, 2)), Some(&Data::Float(0.1235)));
        assert!(book.worksheet_formula("sentences").unwrap().is_empty());
        let run = book.worksheet_range("run").unwrap();
        assert_eq!(run.get((1, 0)), Some(&Data::String("counts.n".into())));
        assert_eq!(run.get((1, 1)), Some(&Data::Float(2.0)));
    }

    #[test]
    fn a_table_longer_than_a_sheet_continues_on_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = read(&write(dir.path(), 7, 4));
        assert_eq!(
            book.sheet_names(),
            ["sentences", "sentences (2)", "sentences (3)", "run"]
        );
        let ids: Vec<f64> = ["sentences", "sentences (2)", "sentences (3)"]
            .iter()
            .flat_map(|name| {
                let range = book.worksheet_range(name).unwrap();
                assert_eq!(range.get((0, 0)), Some(&Data::String("doc_id".into())));
                range
                    .rows()
                    .skip(1)
                    .map(|r| r[0].as_f64().unwrap())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(ids, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let run = book.worksheet_range("run").unwrap();
        let notes = run.rows().filter(|r| r[0].to_string().starts_with("note"));
        assert_eq!(notes.count(), 2);
    }

    #[test]
    fn texts_beyond_excels_cell_limit_are_cut_with_a_note() {
        let long = "é".repeat(EXCEL_MAX_CHARS + 10);
        let (cut, was_cut) = excel_text(&long);
        assert!(was_cut);
        assert_eq!(cut.chars().count(), EXCEL_MAX_CHARS);
        assert_eq!(excel_text("short"), ("short", false));
    }
}
