//! Developer check against a sentence-boundary test set in JSONL
//! (one object a line with `id`, `rule`, `text`, `expected`).
//!
//! ```text
//! cargo run --example sbd_golden [PATH]   # default ../shared/sbd/golden_rules.jsonl
//! ```
//!
//! Sentences are compared after stripping each one and collapsing inner whitespace to
//! one space. Prints each failure and `N/M passed`; exits 1 on a read or parse error.

use claimscan::segment::{RuleSegmenter, Segmenter};
use serde::Deserialize;

const DEFAULT_PATH: &str = "../shared/sbd/golden_rules.jsonl";

#[derive(Deserialize)]
struct Case {
    id: String,
    rule: String,
    text: String,
    expected: Vec<String>,
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| DEFAULT_PATH.to_string());
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let segmenter = RuleSegmenter::new();
    let (mut total, mut passed) = (0, 0);
    for (n, line) in source.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = match serde_json::from_str(line) {
            Ok(case) => case,
            Err(e) => {
                eprintln!("{path}, line {}: {e}", n + 1);
                std::process::exit(1);
            }
        };
        total += 1;
        let got: Vec<String> = segmenter
            .segment(&case.text)
            .iter()
            .map(|s| normalise(&s.text))
            .collect();
        let expected: Vec<String> = case.expected.iter().map(|s| normalise(s)).collect();
        if got == expected {
            passed += 1;
        } else {
            println!("FAIL {} ({})", case.id, case.rule);
            println!("  text:     {:?}", case.text);
            println!("  expected: {expected:?}");
            println!("  got:      {got:?}");
        }
    }
    println!("{passed}/{total} passed");
}
