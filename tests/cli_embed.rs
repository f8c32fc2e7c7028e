//! `claimscan embed` end to end, including the bad inputs it documents.
use crate::common;
use std::process::Output;

fn embed(input: &[u8], extra_args: &[&str]) -> Output {
    let mut args = vec!["embed", "--precision", "f32", "--threads", "1"];
    args.extend_from_slice(extra_args);
    common::run_with_stdin(&args, input)
}

fn csv_rows(output: &Output) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(output.stdout.as_slice())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn csv_has_text_then_384_columns_per_line() {
    let output = embed(b"Police detained them.\nThe ministry denied it.\n", &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.len(), 385);
    assert_eq!(
        (&header[0], &header[1], &header[384]),
        ("text", "e0", "e383")
    );
    let rows = csv_rows(&output);
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][0], "The ministry denied it.");
    let norm: f64 = (1..385)
        .map(|i| rows[0][i].parse::<f64>().unwrap().powi(2))
        .sum();
    assert!((norm.sqrt() - 1.0).abs() < 1e-3);
}

#[test]
fn jsonl_has_text_and_embedding() {
    let output = embed(b"This is an example sentence\n", &["--format", "jsonl"]);
    assert!(output.status.success());
    let line: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(line["text"], "This is an example sentence");
    let first = line["embedding"][0].as_f64().unwrap();
    assert!((first - 0.0677).abs() < 1e-4, "{first}");
    assert_eq!(line["embedding"].as_array().unwrap().len(), 384);
}

#[test]
fn empty_lines_keep_their_row_so_rows_align_with_lines() {
    let output = embed(b"First line.\n\n   \nLast line.\n", &[]);
    assert!(output.status.success());
    let texts: Vec<String> = csv_rows(&output).iter().map(|r| r[0].to_string()).collect();
    assert_eq!(texts, ["First line.", "", "   ", "Last line."]);
}

#[test]
fn invalid_utf8_is_replaced_reported_with_line_number_and_exits_1() {
    let output = embed(b"Good line.\nBad \xff\xfe line.\nAnother good line.\n", &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("<stdin>:2: invalid UTF-8"), "{stderr}");
    let rows = csv_rows(&output);
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[1][0], "Bad \u{fffd}\u{fffd} line.");
}

#[test]
fn a_50000_character_line_is_truncated_with_a_warning() {
    let long = "Witnesses described the raids in detail. ".repeat(1220);
    assert!(long.len() >= 50_000);
    let output = embed(format!("{long}\nShort line.\n").as_bytes(), &[]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("<stdin>:1: longer than 256 word pieces"),
        "{stderr}"
    );
    assert_eq!(csv_rows(&output).len(), 2);
}

#[test]
fn missing_file_is_a_fatal_error_naming_it() {
    let output = common::claimscan()
        .args(["embed", "/nonexistent/sentences.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/sentences.txt"));
}
