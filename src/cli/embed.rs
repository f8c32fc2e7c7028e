//! `claimscan embed`: one sentence vector per input line.
use super::{base_model_dir, source_name, EngineArgs, Outcome, OutputFormat};
use anyhow::Context;
use claimscan::ingest::lines;
use claimscan::model::encoder::MAX_TOKENS;
use claimscan::model::Encoder;
use claimscan::write;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct EmbedArgs {
    /// Input file, one text per line (default: standard input)
    file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "csv")]
    format: OutputFormat,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(models: &Path, args: EmbedArgs) -> anyhow::Result<Outcome> {
    let source = source_name(args.file.as_deref());
    let input = lines::split_lines(&lines::read_source(args.file.as_deref())?);
    let encoder = Encoder::open_base(&base_model_dir(models), args.engine.settings())?;
    let texts: Vec<&str> = input.iter().map(|line| line.text.as_str()).collect();
    let tokenized = encoder.tokenize(&texts)?;
    let mut outcome = Outcome::Complete;
    for (line, tokens) in input.iter().zip(&tokenized) {
        if line.invalid_utf8 {
            eprintln!(
                "{source}:{}: invalid UTF-8; bad bytes replaced with U+FFFD",
                line.number
            );
            outcome = Outcome::Partial;
        }
        if line.nul_removed {
            eprintln!("{source}:{}: NUL bytes removed", line.number);
            outcome = Outcome::Partial;
        }
        if tokens.truncated {
            eprintln!(
                "{source}:{}: longer than {} word pieces; the embedding covers the first {} of {} characters",
                line.number,
                MAX_TOKENS,
                tokens.covered_chars(),
                line.text.chars().count()
            );
        }
    }
    let embeddings = encoder.embed_tokenized(&tokenized)?;
    let stdout = std::io::stdout().lock();
    write::write_embeddings(
        std::io::BufWriter::new(stdout),
        args.format.into(),
        &texts,
        &embeddings,
    )
    .context("writing embeddings")?;
    std::io::stdout().flush().ok();
    Ok(outcome)
}
