//! The command line: a thin layer over the claimscan library (see `cli/`).
//! Exit codes: 0 success, 1 partial failure (some inputs failed), 2 usage or fatal error.
//! A closed output pipe (`claimscan split | head -1`) ends the command quietly with 0, as
//! other Unix tools do.
mod cli;

use clap::Parser;
use cli::{Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    let models = cli
        .models
        .clone()
        .unwrap_or_else(claimscan::default_models_dir);
    match cli::dispatch(cli.command, &models) {
        Ok(Outcome::Complete) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("claimscan: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// libtorch allocates and frees tensors of several megabytes at every operation. By
/// default glibc maps each such block from the kernel and unmaps it when freed, so every
/// operation page-faults its memory in again (a sixth of the encoder's time in a profile).
/// Keep freed blocks in the heap for reuse instead.
fn keep_freed_memory() {
    // SAFETY: mallopt only changes glibc's allocation thresholds; called before any thread
    // starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

/// Whether the error comes from writing to a pipe whose reader has gone.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
