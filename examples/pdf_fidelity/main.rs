//! How faithfully PDFs are read: twenty generated report-like documents (2-5 pages, one
//! or two columns, running headers, page-number footers, sentences cut by page and column
//! breaks, hyphens at line ends, wrapped headings and list items, one-off headers, words
//! drawn without space glyphs as groff does or in split runs as Chromium does) are written
//! both as PDF and as plain text; both are read with `Ingest` and split with the default
//! segmenter, and the units of the PDF are compared with those of the text.
//!
//! `cargo run --release --example pdf_fidelity [-- --verbose] [-- --keep DIR]`
//!
//! Prints, per document and in total, how many of the text's units the PDF gives
//! identically (same text after whitespace is collapsed), and how many units the PDF gives
//! that the text does not have. `--verbose` lists the differences; `--keep DIR` leaves the
//! generated files in DIR.

#[path = "../../tests/ingest_pdf/writer.rs"]
mod writer;

mod corpus;

use std::collections::HashMap;
use std::path::PathBuf;

use claimscan::ingest::Ingest;
use claimscan::segment::{RuleSegmenter, Segmenter};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let temp = tempfile::TempDir::new().expect("a temporary folder");
    let dir = keep.clone().unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("the output folder");
    let segmenter = RuleSegmenter::new();
    let ingest = Ingest::default();
    let (mut total_text, mut total_same, mut total_extra, mut total_pages) = (0, 0, 0, 0);
    println!(
        "{:<32} {:>5} {:>10} {:>9} {:>9} {:>7}",
        "document", "pages", "text units", "identical", "extra pdf", "share"
    );
    for spec in corpus::corpus() {
        let pages = writer::typeset(&spec.items, &spec.layout);
        let plain: Vec<String> = spec
            .items
            .iter()
            .filter(|i| !matches!(i, writer::Item::OneOffHeader(_)))
            .map(writer::Item::plain)
            .collect();
        let pdf_path = dir.join(format!("{}.pdf", spec.name));
        let txt_path = dir.join(format!("{}.txt", spec.name));
        let title = plain[0].clone();
        std::fs::write(&pdf_path, writer::pdf(&pages, Some(&title))).expect("write the PDF");
        std::fs::write(&txt_path, plain.join("\n\n")).expect("write the text");
        let text_units = units(&ingest, &segmenter, &txt_path);
        let pdf_units = match ingest.read(&pdf_path) {
            Ok(document) => segmenter
                .segment(&document.text)
                .into_iter()
                .map(|s| s.text)
                .collect(),
            Err(e) => {
                println!("{}: {e}", spec.name);
                Vec::new()
            }
        };
        let mut wanted: HashMap<&str, usize> = HashMap::new();
        for unit in &text_units {
            *wanted.entry(unit.as_str()).or_default() += 1;
        }
        let mut same = 0;
        let mut extra = Vec::new();
        for unit in &pdf_units {
            match wanted.get_mut(unit.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    same += 1;
                }
                _ => extra.push(unit.clone()),
            }
        }
        println!(
            "{:<32} {:>5} {:>10} {:>9} {:>9} {:>6.1}%",
            spec.name,
            pages.len(),
            text_units.len(),
            same,
            extra.len(),
            100.0 * same as f64 / text_units.len().max(1) as f64
        );
        if verbose {
            for (unit, n) in wanted.iter().filter(|(_, n)| **n > 0) {
                println!("    missing ({n}): {unit}");
            }
            for unit in &extra {
                println!("    pdf only: {unit}");
            }
        }
        total_text += text_units.len();
        total_same += same;
        total_extra += extra.len();
        total_pages += pages.len();
    }
    println!(
        "{:<32} {:>5} {:>10} {:>9} {:>9} {:>6.1}%",
        "total",
        total_pages,
        total_text,
        total_same,
        total_extra,
        100.0 * total_same as f64 / total_text.max(1) as f64
    );
}

fn units(ingest: &Ingest, segmenter: &RuleSegmenter, path: &std::path::Path) -> Vec<String> {
    let document = ingest.read(path).expect("read the text");
    segmenter
        .segment(&document.text)
        .into_iter()
        .map(|s| s.text)
        .collect()
}
