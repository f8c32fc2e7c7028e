//! Developer check against a sentence-boundary test set in JSONL
//! (one object a line with `id`, `rule`, `text`, `expected`).
//!
//! ```text
//! cargo run --example sbd_golden [PATH]   # default ../shared/sbd/golden_rules.jsonl
//! ```
//!
//! Sentences are compared after stripping each one and collapsing inner whitespace to
//! one space. Prints each failure, `N/M passed`, and boundary precision, recall and F1
//! (a boundary is a position between two units, counted in non-whitespace characters);
//! exits 1 on a read or parse error.

use std::collections::BTreeSet;

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

/// Positions between consecutive units, in non-whitespace characters from the start.
fn boundaries(units: &[String]) -> BTreeSet<usize> {
    let mut at = 0;
    let mut set = BTreeSet::new();
    for (k, unit) in units.iter().enumerate() {
        at += unit.chars().filter(|c| !c.is_whitespace()).count();
        if k + 1 < units.len() {
            set.insert(at);
        }
    }
    set
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
    let (mut found, mut correct, mut wanted) = (0usize, 0usize, 0usize);
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
        let (got_at, expected_at) = (boundaries(&got), boundaries(&expected));
        found += got_at.len();
        wanted += expected_at.len();
        correct += got_at.intersection(&expected_at).count();
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
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(correct, found), ratio(correct, wanted));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    println!("boundaries: precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}");
}
