//! The command line: a thin layer over the claimscan library (see `cli/`).
//! Exit codes: 0 success, 1 partial failure (some inputs failed), 2 usage or fatal error.
mod cli;

use clap::Parser;
use cli::{Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let models = cli
        .models
        .clone()
        .unwrap_or_else(claimscan::default_models_dir);
    match cli::dispatch(cli.command, &models) {
        Ok(Outcome::Complete) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(error) => {
            eprintln!("claimscan: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
