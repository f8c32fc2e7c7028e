//! `claimscan review`: a sheet of the run's sentences most worth checking by hand, and
//! (`--compare`) how a filled sheet agrees with the model.
use super::Outcome;
use anyhow::bail;
use claimscan::evaluate::review::{self, ReviewOptions, RunTable};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct ReviewArgs {
    /// Output folder of a finished run
    output_dir: PathBuf,
    /// With --compare: the filled review sheet (.xlsx or .csv)
    sheet: Option<PathBuf>,
    /// Compare a filled sheet with the run: agreement per label, and the run's precision
    /// and recall estimated from the sheet's random sample
    #[arg(long, requires = "sheet")]
    compare: bool,
    /// Rows in the sheet
    #[arg(long, default_value_t = ReviewOptions::default().n)]
    n: usize,
    /// Share of the rows drawn at random from the whole run (for unbiased estimates)
    #[arg(long, default_value_t = ReviewOptions::default().random_share)]
    random_share: f64,
    #[arg(long, default_value_t = ReviewOptions::default().seed)]
    seed: u64,
    /// Where to write the sheet: .xlsx (workbook) or .csv [default: OUTPUT_DIR/review.xlsx]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Overwrite an existing sheet (it may hold a person's work)
    #[arg(long)]
    force: bool,
}

pub fn run(args: ReviewArgs) -> anyhow::Result<Outcome> {
    let table = RunTable::read(&args.output_dir)?;
    match (&args.sheet, args.compare) {
        (Some(sheet), true) => compare(&table, sheet),
        (Some(sheet), false) => bail!(
            "{}: a sheet is only given with --compare (write a new one with --out)",
            sheet.display()
        ),
        (None, _) => write_sheet(&table, &args),
    }
}

fn write_sheet(table: &RunTable, args: &ReviewArgs) -> anyhow::Result<Outcome> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.output_dir.join("review.xlsx"));
    if out.exists() && !args.force {
        bail!(
            "{} exists and may hold someone's labels: choose another --out, or --force",
            out.display()
        );
    }
    let options = ReviewOptions {
        n: args.n,
        random_share: args.random_share,
        seed: args.seed,
    };
    let picks = review::select(table, &options);
    review::write_sheet(&out, table, &picks, &options)?;
    let random = picks
        .iter()
        .filter(|p| p.reason == review::Reason::Random)
        .count();
    eprintln!(
        "wrote {} ({} sentences: {} near the thresholds, {random} at random); fill in the label columns with 1 or 0",
        out.display(),
        picks.len(),
        picks.len() - random
    );
    Ok(Outcome::Complete)
}

fn compare(table: &RunTable, sheet: &std::path::Path) -> anyhow::Result<Outcome> {
    let comparison = review::compare(table, sheet)?;
    print!("{}", comparison.table());
    Ok(Outcome::Complete)
}
