//! `claimscan report`: the HTML page of an output folder; also written by `run`.
use super::Outcome;
use claimscan::write::report::{human_size, write_report, ReportOptions, REPORT_FILE};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ReportArgs {
    /// Output folder of `claimscan run` or `merge`
    out_dir: PathBuf,
    /// Carry the text of only the first N documents (the overview still counts them all)
    #[arg(long)]
    max_docs: Option<usize>,
}

pub fn run(args: ReportArgs) -> anyhow::Result<Outcome> {
    claimscan::run::recover_output(&args.out_dir)?;
    let options = ReportOptions {
        max_docs: args.max_docs,
    };
    let info = write_report(&args.out_dir, &options)?;
    eprintln!(
        "wrote {} ({}, {} documents, {} sentences)",
        info.path.display(),
        human_size(info.bytes),
        info.documents,
        info.sentences
    );
    Ok(Outcome::Complete)
}

/// Writes the report after a run whose dataset is already in place: a failure is printed
/// with the file and its cause and leaves the dataset as it is. `false` when it failed.
pub fn after_run(out_dir: &Path, quiet: bool) -> bool {
    match write_report(out_dir, &ReportOptions::default()) {
        Ok(info) => {
            if !quiet {
                eprintln!(
                    "report: {} ({})",
                    info.path.display(),
                    human_size(info.bytes)
                );
            }
            true
        }
        Err(error) => {
            eprintln!(
                "claimscan: error: the report {} was not written ({error}); the dataset in {} is complete",
                out_dir.join(REPORT_FILE).display(),
                out_dir.display()
            );
            false
        }
    }
}
