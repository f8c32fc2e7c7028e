//! Line-oriented text input for `embed` and `classify`: one item per line, problems kept
//! beside the line so the caller reports them and goes on.
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
/// output rows stay aligned with input lines; the line is flagged for a warning.
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
            let text = String::from_utf8_lossy(raw);
            InputLine {
                number: index + 1,
                invalid_utf8: matches!(text, std::borrow::Cow::Owned(_)),
                text: text.into_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

/// Reads a CSV and finds `text_column`; a missing column is an error naming the file and
/// the columns it has.
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
    let text_index = header
        .iter()
        .position(|h| h == text_column)
        .ok_or_else(|| {
            data_error(
                1,
                format!("no column '{text_column}' (columns: {})", header.join(", ")),
            )
        })?;
    let mut rows = Vec::new();
    let mut invalid_utf8_lines = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| {
            data_error(e.position().map_or(0, |p| p.line() as usize), e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if std::str::from_utf8(record.as_slice()).is_err() {
            invalid_utf8_lines.push(line);
        }
        rows.push(
            record
                .iter()
                .map(|cell| String::from_utf8_lossy(cell).into_owned())
                .collect(),
        );
    }
    Ok(InputTable {
        header,
        rows,
        text_column: text_index,
        invalid_utf8_lines,
    })
}
