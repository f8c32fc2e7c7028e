//! Outputs of one row per item: the units of `split` and the vectors of `embed`.
use crate::error::{Error, Result};
use crate::segment::{Segment, UnitKind};
use std::io::Write;

use super::{neutralise_formula, write_error, Format};

/// Writes segments as JSON Lines (`index, text, start, end, byte_start, byte_end, kind`;
/// `start`/`end` are character offsets) or as CSV with the same columns. With
/// `formula_guard`, a CSV `text` cell that a spreadsheet would run as a formula gets a
/// leading `'` ([`neutralise_formula`], as in the run's dataset); JSON Lines are written as
/// they are.
pub fn write_segments<W: Write>(
    mut out: W,
    format: Format,
    segments: &[Segment],
    formula_guard: bool,
) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Row<'a> {
        index: usize,
        text: std::borrow::Cow<'a, str>,
        start: usize,
        end: usize,
        byte_start: usize,
        byte_end: usize,
        kind: UnitKind,
    }
    let guard = formula_guard && format == Format::Csv;
    let rows = segments.iter().enumerate().map(|(index, s)| Row {
        index,
        text: match guard {
            true => neutralise_formula(&s.text),
            false => std::borrow::Cow::Borrowed(&s.text),
        },
        start: s.char_start,
        end: s.char_end,
        byte_start: s.byte_start,
        byte_end: s.byte_end,
        kind: s.kind,
    });
    match format {
        Format::Jsonl => {
            for row in rows {
                let line = serde_json::to_string(&row).map_err(write_error)?;
                writeln!(out, "{line}").map_err(|e| Error::io("<output>", e))?;
            }
            out.flush().map_err(|e| Error::io("<output>", e))
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            for row in rows {
                csv.serialize(row).map_err(write_error)?;
            }
            csv.flush().map_err(|e| Error::io("<output>", e))
        }
    }
}

/// Writes `text` plus one column per embedding dimension (`e0`, `e1`, ...) as CSV, or
/// `{"text": ..., "embedding": [...]}` per line as JSON Lines.
pub fn write_embeddings<W: Write>(
    out: W,
    format: Format,
    texts: &[&str],
    embeddings: &[Vec<f32>],
) -> Result<()> {
    match format {
        Format::Csv => write_embeddings_csv(out, texts, embeddings),
        Format::Jsonl => write_embeddings_jsonl(out, texts, embeddings),
    }
}

fn write_embeddings_csv<W: Write>(out: W, texts: &[&str], embeddings: &[Vec<f32>]) -> Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let dimension = embeddings.first().map_or(0, Vec::len);
    let mut header = vec!["text".to_string()];
    header.extend((0..dimension).map(|i| format!("e{i}")));
    csv.write_record(&header).map_err(write_error)?;
    for (text, embedding) in texts.iter().zip(embeddings) {
        let mut record = vec![text.to_string()];
        record.extend(embedding.iter().map(|v| format!("{v:.6}")));
        csv.write_record(&record).map_err(write_error)?;
    }
    csv.flush().map_err(|e| Error::io("<output>", e))
}

fn write_embeddings_jsonl<W: Write>(
    mut out: W,
    texts: &[&str],
    embeddings: &[Vec<f32>],
) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        text: &'a str,
        embedding: &'a [f32],
    }
    for (text, embedding) in texts.iter().zip(embeddings) {
        let line = serde_json::to_string(&Line { text, embedding }).map_err(write_error)?;
        writeln!(out, "{line}").map_err(|e| Error::io("<output>", e))?;
    }
    out.flush().map_err(|e| Error::io("<output>", e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{RuleSegmenter, Segmenter};

    fn csv_of(text: &str, formula_guard: bool) -> String {
        let segments = RuleSegmenter::new().segment(text);
        let mut out = Vec::new();
        write_segments(&mut out, Format::Csv, &segments, formula_guard).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Issue 14: `split --format csv` wrote formula-like cells unguarded.
    #[test]
    fn csv_text_cells_are_guarded_like_the_dataset() {
        let text = "=1+1 was typed.\n\n+2 more came.\n\n@SUM(A1) too.";
        let guarded = csv_of(text, true);
        assert!(guarded.contains("\n0,'=1+1 was typed.,0,"), "{guarded}");
        assert!(guarded.contains("\n1,'+2 more came.,"), "{guarded}");
        assert!(guarded.contains("\n2,'@SUM(A1) too.,"), "{guarded}");
        let raw = csv_of(text, false);
        assert!(raw.contains("\n0,=1+1 was typed.,0,"), "{raw}");
        let mut jsonl = Vec::new();
        let segments = RuleSegmenter::new().segment(text);
        write_segments(&mut jsonl, Format::Jsonl, &segments, true).unwrap();
        assert!(String::from_utf8(jsonl)
            .unwrap()
            .contains("\"text\":\"=1+1 was typed.\""));
    }
}
