//! `claimscan classify`: labels, scores and attributes of sentences given one per line or
//! in a CSV column.
use super::{source_name, ClassifierArg, EngineArgs, Outcome};
use claimscan::extract::RuleExtractor;
use claimscan::ingest::lines;
use claimscan::model::{ClaimClassifier, Classifier};
use claimscan::run::annotate;
use claimscan::write;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ClassifyArgs {
    /// Input file, one sentence per line (default: standard input)
    file: Option<PathBuf>,
    /// Read a CSV instead; every column is passed through in order
    #[arg(long, conflicts_with = "file", requires = "text_column")]
    input: Option<PathBuf>,
    /// The CSV column holding the sentences
    #[arg(long)]
    text_column: Option<String>,
    #[command(flatten)]
    model: ClassifierArg,
    /// Write cells starting with = + - @ as they are (by default they get a leading ' so
    /// spreadsheets do not run them as formulas)
    #[arg(long)]
    no_formula_guard: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Rows to classify: the header and cells to pass through, and each row's text.
fn classify_input(
    args: &ClassifyArgs,
    outcome: &mut Outcome,
) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>, usize)> {
    if let (Some(path), Some(column)) = (&args.input, &args.text_column) {
        let table = lines::read_table(path, column)?;
        for line in &table.invalid_utf8_lines {
            eprintln!(
                "{}:{line}: invalid UTF-8; bad bytes replaced with U+FFFD",
                path.display()
            );
            *outcome = Outcome::Partial;
        }
        for line in &table.nul_lines {
            eprintln!("{}:{line}: NUL bytes removed", path.display());
            *outcome = Outcome::Partial;
        }
        return Ok((table.header, table.rows, table.text_column));
    }
    let source = source_name(args.file.as_deref());
    let input = lines::split_lines(&lines::read_source(args.file.as_deref())?);
    let mut rows = Vec::with_capacity(input.len());
    for line in input {
        if line.invalid_utf8 {
            eprintln!(
                "{source}:{}: invalid UTF-8; bad bytes replaced with U+FFFD",
                line.number
            );
            *outcome = Outcome::Partial;
        }
        if line.nul_removed {
            eprintln!("{source}:{}: NUL bytes removed", line.number);
            *outcome = Outcome::Partial;
        }
        rows.push(vec![line.text]);
    }
    Ok((vec!["text".to_string()], rows, 0))
}

pub fn run(models: &Path, args: ClassifyArgs) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::Complete;
    let (header, rows, text_column) = classify_input(&args, &mut outcome)?;
    let model_dir = args.model.dir(models);
    let classifier = ClaimClassifier::open(&model_dir, args.engine.settings())?;
    let texts: Vec<&str> = rows.iter().map(|row| row[text_column].as_str()).collect();
    let annotations = annotate::annotate(&classifier, &RuleExtractor::new(), &texts)?;

    let stdout = std::io::stdout().lock();
    let mut out =
        write::SafeCsvWriter::new(std::io::BufWriter::new(stdout), !args.no_formula_guard);
    let label_names = classifier.labels().names();
    out.write_row(
        header
            .iter()
            .cloned()
            .chain(annotate::columns(&label_names)),
    )?;
    for (row, annotation) in rows.iter().zip(&annotations) {
        out.write_row(row.iter().cloned().chain(annotate::cells(annotation)))?;
    }
    out.flush()?;
    Ok(outcome)
}
