//! `claimscan split` end to end (no model): the formula guard of CSV output and a closed
//! output pipe (issue 14).

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use crate::common::run_with_stdin;

#[test]
fn csv_text_cells_are_guarded_unless_told_not_to() {
    let text = b"=1+1 was typed.\n\n+2 more came.\n\n@SUM(A1) too.\n";
    let guarded = run_with_stdin(&["split", "--format", "csv"], text);
    assert!(guarded.status.success());
    let guarded = String::from_utf8(guarded.stdout).unwrap();
    for cell in ["'=1+1 was typed.", "'+2 more came.", "'@SUM(A1) too."] {
        assert!(guarded.contains(&format!(",{cell},")), "{guarded}");
    }
    let raw = run_with_stdin(&["split", "--format", "csv", "--no-formula-guard"], text);
    let raw = String::from_utf8(raw.stdout).unwrap();
    assert!(raw.contains(",=1+1 was typed.,"), "{raw}");
}

/// `split | head -1` printed a broken-pipe error and exited with 2.
#[test]
fn a_closed_output_pipe_ends_quietly() {
    for format in ["jsonl", "csv"] {
        closed_pipe_ends_quietly(format);
    }
}

fn closed_pipe_ends_quietly(format: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(["split", "--format", format])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let text = "Police detained 40 people in May.\n\n".repeat(50_000);
        let _ = stdin.write_all(text.as_bytes());
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(
        first.starts_with("{\"index\":0") || first.starts_with("index,"),
        "{first}"
    );
    drop(stdout);
    writer.join().unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
