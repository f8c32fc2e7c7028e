//! `claimscan split`: sentences, headings and list items with exact offsets.
use super::{source_name, Outcome, OutputFormat};
use claimscan::ingest::lines;
use claimscan::segment::{RuleSegmenter, Segmenter};
use claimscan::write;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct SplitArgs {
    /// Input text file (default: standard input)
    file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutputFormat,
    /// Extra abbreviations, one per line (format of data/abbreviations.txt)
    #[arg(long)]
    abbreviations: Option<PathBuf>,
    /// Join a paragraph to the next when a page break visibly cut a sentence
    /// (ends in a comma or a word like "of"); by default every blank line ends a unit
    #[arg(long)]
    repair_paragraphs: bool,
    /// CSV: write text cells starting with = + - @ tab or CR as they are (by default they
    /// get a leading ' so spreadsheets do not run them as formulas)
    #[arg(long)]
    no_formula_guard: bool,
}

pub fn run(args: SplitArgs) -> anyhow::Result<Outcome> {
    let source = source_name(args.file.as_deref());
    let bytes = lines::read_source(args.file.as_deref())?;
    let mut outcome = Outcome::Complete;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{source}: invalid UTF-8; bad bytes replaced with U+FFFD (offsets refer to the replaced text)");
            outcome = Outcome::Partial;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let mut segmenter = RuleSegmenter::new().with_paragraph_repair(args.repair_paragraphs);
    if let Some(path) = &args.abbreviations {
        segmenter = segmenter.with_abbreviations_file(path)?;
    }
    let segments = segmenter.segment(&text);
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    write::write_segments(
        stdout,
        args.format.into(),
        &segments,
        !args.no_formula_guard,
    )?;
    Ok(outcome)
}
