//! Prints what claimscan reads from documents, so a person can check the extraction.
//!
//! `cargo run --example show -- samples/` (files, folders or glob patterns). For each
//! document: a summary line, then the text with a `--- page N ---` marker where each page
//! starts (PDF); blocks are separated by blank lines as in the text.

use std::path::PathBuf;
use std::process::ExitCode;

use claimscan::ingest::{discover, Discovered, Document, Ingest};

fn main() -> ExitCode {
    let inputs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if inputs.is_empty() {
        eprintln!("usage: show FILE|FOLDER|PATTERN...");
        return ExitCode::FAILURE;
    }
    let ingest = Ingest::default();
    let mut failed = false;
    let mut paths = Vec::new();
    for entry in discover(&inputs) {
        match entry {
            Discovered::File(path) => paths.push(path),
            Discovered::Skipped { path, reason } => {
                failed = true;
                println!("=== {}: {reason}\n", path.display());
            }
        }
    }
    for path in paths {
        match ingest.read(&path) {
            Ok(document) => {
                for warning in &document.warnings {
                    eprintln!("warning: {warning}");
                }
                show(&document)
            }
            Err(e) => {
                failed = true;
                println!("=== {e}\n");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn show(document: &Document) {
    println!(
        "=== {} | {:?} | {} | {} bytes | {} pages | title: {:?} | sha256 {}…",
        document.path.display(),
        document.format,
        document.encoding,
        document.bytes,
        document.pages(),
        document.title,
        &document.sha256[..12],
    );
    let mut out = String::with_capacity(document.text.len());
    let mut next_page = 0;
    for (offset, c) in document.text.chars().enumerate() {
        // Several starts can coincide: an empty page starts where the next one does.
        while document.page_starts.get(next_page) == Some(&offset) {
            next_page += 1;
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&format!("--- page {next_page} ---\n"));
        }
        out.push(c);
    }
    println!("{out}\n");
}
