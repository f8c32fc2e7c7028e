//! Line-oriented text input for `embed` and `classify`: one item per line, problems kept
//! beside the line so the caller reports them and goes on. NUL bytes are removed (they
//! would reach the output's CSV cells) and flagged; a CSV whose quoting merges rows, or
//! whose text column name is not unique, is refused with the file and line.
use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// One input line, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct InputLine {
    /// 1-based line number in the source.
    pub number: usize,
    pub text: String,
    /// Set when the line was not valid UTF-8 and bytes were replaced with U+FFFD.
    pub invalid_utf8: bool,
    /// Set when NUL bytes were removed from the line.
    pub nul_removed: bool,
}

/// Reads `path`, or standard input when `path` is None or "-".
pub fn read_source(path: Option<&Path>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match path {
        Some(p) if p != Path::new("-") => {
            bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("<stdin>", e))?;
        }
    }
    Ok(bytes)
}

/// Splits bytes into lines (LF or CRLF). Invalid UTF-8 is replaced, not dropped, so that
/// output rows stay aligned with input lines; the line is flagged for a warning. NUL bytes
/// are removed (flagged too).
pub fn split_lines(bytes: &[u8]) -> Vec<InputLine> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_empty() {
        return Vec::new();
    }
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(index, raw)| {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let (raw, nul_removed) = without_nuls(raw);
            let text = String::from_utf8_lossy(&raw);
            InputLine {
                number: index + 1,
                invalid_utf8: matches!(text, std::borrow::Cow::Owned(_)),
                text: text.into_owned(),
                nul_removed,
            }
        })
        .collect()
}

/// The bytes without NUL bytes, and whether there were any.
fn without_nuls(bytes: &[u8]) -> (std::borrow::Cow<'_, [u8]>, bool) {
    if bytes.contains(&0) {
        (bytes.iter().copied().filter(|&b| b != 0).collect(), true)
    } else {
        (std::borrow::Cow::Borrowed(bytes), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14: NUL bytes from classify's stdin reached the CSV cells.
    #[test]
    fn nul_bytes_are_removed_and_flagged() {
        let lines = split_lines(b"Po\0lice\0 left.\nclean\n");
        assert_eq!(lines[0].text, "Police left.");
        assert!(lines[0].nul_removed && !lines[1].nul_removed);
    }

    #[test]
    fn keeps_empty_lines_and_flags_invalid_utf8() {
        let lines = split_lines(b"first\r\n\n\xff\xfebad\nlast\n");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["first", "", "\u{fffd}\u{fffd}bad", "last"]);
        assert_eq!(lines[2].number, 3);
        assert!(lines[2].invalid_utf8 && !lines[0].invalid_utf8);
    }

    #[test]
    fn empty_input_has_no_lines_and_bom_is_dropped() {
        assert!(split_lines(b"").is_empty());
        assert_eq!(split_lines(b"\xEF\xBB\xBFhi")[0].text, "hi");
    }
}

/// A CSV whose text column is to be classified; every column is kept for the output.
#[derive(Debug, Clone)]
pub struct InputTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub text_column: usize,
    /// 1-based CSV line numbers of rows that had invalid UTF-8 (replaced with U+FFFD).
    pub invalid_utf8_lines: Vec<usize>,
    /// 1-based CSV line numbers of rows from which NUL bytes were removed.
    pub nul_lines: Vec<usize>,
}

/// Reads a CSV and finds `text_column`. Errors ([`Error::Data`], naming the file and the
/// line): a missing column (with the columns the file has); a text column name that is
/// not unique (which of the columns would be meant?); and a quoted field that runs over
/// several lines and holds what look like rows of their own, the mark of a quote that was
/// never closed: the CSV parser would merge those rows into one cell. A line inside a
/// quoted field looks like a row when it parses as exactly as many fields as the header
/// has and each of its other cells looks like that column's cells elsewhere (a number in
/// a column of numbers, else one short token without spaces). NUL bytes are removed from
/// the cells (see `nul_lines`).
pub fn read_table(path: &Path, text_column: &str) -> Result<InputTable> {
    let data_error = |line: usize, reason: String| Error::Data {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let bytes = read_source(Some(path))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let header: Vec<String> = reader
        .byte_headers()
        .map_err(|e| data_error(1, e.to_string()))?
        .iter()
        .map(|cell| String::from_utf8_lossy(cell).trim().to_string())
        .collect();
    let matching: Vec<usize> = (0..header.len())
        .filter(|&i| header[i] == text_column)
        .collect();
    let text_index = match matching.as_slice() {
        [] => {
            return Err(data_error(
                1,
                format!("no column '{text_column}' (columns: {})", header.join(", ")),
            ))
        }
        [index] => *index,
        several => {
            let positions: Vec<String> = several.iter().map(|i| (i + 1).to_string()).collect();
            return Err(data_error(
                1,
                format!(
                    "column '{text_column}' appears {} times (columns {}); rename all but one",
                    several.len(),
                    positions.join(" and ")
                ),
            ));
        }
    };
    let mut records = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| {
            data_error(e.position().map_or(0, |p| p.line() as usize), e.to_string())
        })?;
        records.push(record);
    }
    let shapes = ColumnShapes::of(&records, text_index);
    let mut rows = Vec::with_capacity(records.len());
    let mut invalid_utf8_lines = Vec::new();
    let mut nul_lines = Vec::new();
    for record in &records {
        let line = record.position().map_or(0, |p| p.line() as usize);
        if let Some((row_line, preview)) = shapes.merged_row(record, line) {
            return Err(data_error(
                row_line,
                format!(
                    "a quoted field that starts on line {line} runs on over this line, which \
                     looks like a row of its own ({preview}): a quote is probably not closed \
                     (a quote inside a quoted field is written twice: \"\")"
                ),
            ));
        }
        if std::str::from_utf8(record.as_slice()).is_err() {
            invalid_utf8_lines.push(line);
        }
        if record.as_slice().contains(&0) {
            nul_lines.push(line);
        }
        rows.push(
            record
                .iter()
                .map(|cell| String::from_utf8_lossy(&without_nuls(cell).0).into_owned())
                .collect(),
        );
    }
    Ok(InputTable {
        header,
        rows,
        text_column: text_index,
        invalid_utf8_lines,
        nul_lines,
    })
}

/// What the cells of each column look like in the rows without line breaks, to recognise
/// a row that an unclosed quote swallowed.
struct ColumnShapes {
    width: usize,
    text_index: usize,
    /// Columns (other than the text) whose cells are all numbers.
    numeric: Vec<bool>,
}

impl ColumnShapes {
    fn of(records: &[csv::ByteRecord], text_index: usize) -> Self {
        let width = records.first().map_or(0, |r| r.len());
        let plain: Vec<&csv::ByteRecord> = records
            .iter()
            .filter(|r| !r.as_slice().contains(&b'\n'))
            .collect();
        let numeric = (0..width)
            .map(|c| {
                c != text_index
                    && !plain.is_empty()
                    && plain.iter().all(|r| r.get(c).is_some_and(is_number))
            })
            .collect();
        ColumnShapes {
            width,
            text_index,
            numeric,
        }
    }

    /// For a record with a field that spans lines: the line number and text of the first
    /// line inside that field that looks like a row of its own.
    fn merged_row(&self, record: &csv::ByteRecord, start_line: usize) -> Option<(usize, String)> {
        if self.width < 2 || !record.as_slice().contains(&b'\n') {
            return None;
        }
        let mut line = start_line;
        for field in record.iter() {
            for (k, piece) in field.split(|&b| b == b'\n').enumerate() {
                if k > 0 {
                    line += 1;
                    let piece = piece.strip_suffix(b"\r").unwrap_or(piece);
                    if self.looks_like_row(piece) {
                        let text = String::from_utf8_lossy(piece);
                        let preview: String = text.chars().take(60).collect();
                        let ellipsis = if preview.len() < text.len() {
                            "…"
                        } else {
                            ""
                        };
                        return Some((line, format!("\"{preview}{ellipsis}\"")));
                    }
                }
            }
        }
        None
    }

    fn looks_like_row(&self, line: &[u8]) -> bool {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(line);
        let Some(Ok(cells)) = reader.byte_records().next() else {
            return false;
        };
        cells.len() == self.width
            && cells.iter().enumerate().all(|(c, cell)| {
                c == self.text_index
                    || if self.numeric[c] {
                        is_number(cell)
                    } else {
                        is_token(cell)
                    }
            })
    }
}

fn is_number(cell: &[u8]) -> bool {
    std::str::from_utf8(cell).is_ok_and(|s| s.trim().parse::<f64>().is_ok())
}

/// One short word-like value: an id, a label, a code.
fn is_token(cell: &[u8]) -> bool {
    let cell = String::from_utf8_lossy(cell);
    let cell = cell.trim();
    !cell.is_empty() && cell.chars().count() <= 40 && !cell.contains(char::is_whitespace)
}

#[cfg(test)]
mod table_tests {
    use super::*;

    fn table(csv: &str) -> Result<InputTable> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.csv");
        std::fs::write(&path, csv).unwrap();
        read_table(&path, "text")
    }

    fn data_error(result: Result<InputTable>) -> (usize, String) {
        match result {
            Err(Error::Data { line, reason, .. }) => (line, reason),
            other => panic!("expected a data error, got {other:?}"),
        }
    }

    /// Issue 14: an unbalanced quote merged three rows into one, and classify exited 0.
    #[test]
    fn an_unclosed_quote_that_swallows_rows_is_refused() {
        let csv = "id,text\n1,\"They said: go home\n2,Police detained 40 people.\n\
                   3,\"The ministry denied it\"\n4,Plain row.\n";
        let (line, reason) = data_error(table(csv));
        assert_eq!(line, 3);
        assert!(
            reason.starts_with("a quoted field that starts on line 2 runs on over this line")
                && reason.contains("\"2,Police detained 40 people.\""),
            "{reason}"
        );
        // Text first, label after.
        let csv = "text,label\n\"Unclosed, said one,abuse\nGuards beat them.,abuse\n\"End\",none\n";
        assert_eq!(data_error(table(csv)).0, 3);
    }

    #[test]
    fn a_real_multi_line_cell_is_fine() {
        let csv = "id,text\n1,\"First line.\nSecond line, with a comma.\"\n2,Next.\n";
        let table = table(csv).unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0][1], "First line.\nSecond line, with a comma.");
    }

    /// Issue 14: a duplicated header name silently used the first column.
    #[test]
    fn a_text_column_that_is_not_unique_is_refused() {
        let (line, reason) = data_error(table("id,text,note,text\n1,a,b,c\n"));
        assert_eq!(line, 1);
        assert_eq!(
            reason,
            "column 'text' appears 2 times (columns 2 and 4); rename all but one"
        );
        // Other duplicated names are passed through.
        assert!(table("x,x,text\n1,2,a\n").is_ok());
    }

    #[test]
    fn nul_bytes_are_removed_from_cells() {
        let table = table("id,text\n1,Po\0lice\n2,ok\n").unwrap();
        assert_eq!(table.rows[0][1], "Police");
        assert_eq!(table.nul_lines, [2]);
    }
}
