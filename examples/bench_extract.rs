//! Throughput of the rule extractor on generated report sentences, single-threaded.
//!
//! Run: `cargo run --release --example bench_extract [ROUNDS]`

use std::hint::black_box;
use std::time::Instant;

use claimscan::extract::{Extractor, RuleExtractor};

const SUBJECTS: &[&str] = &[
    "Chinese police",
    "The ministry",
    "UNHCR",
    "Witnesses",
    "Thai immigration officials",
    "The Libyan Coast Guard",
    "Human Rights Watch",
    "Border guards",
    "The government of Pakistan",
    "Officials in Beijing",
    "The UN Special Rapporteur on torture",
    "A woman from Hoeryong",
];

const VERBS: &[&str] = &[
    "said that",
    "reported that",
    "confirmed that",
    "announced that",
    "told us that",
    "estimated that",
    "warned that",
];

const CLAIMS: &[&str] = &[
    "more than 2,000 migrants were deported to Myanmar in 2019",
    "about a fifth of the detainees had been beaten in custody",
    "the camps would close within six months",
    "brokers demanded US$5,000 from each family before the crossing",
    "tens of thousands fled across the border into Thailand",
    "the men may have been executed after their return to North Korea",
    "40 per cent of the women were sold to farmers in northeast China",
    "the return agreement would be enforced under Article 33(1) of the Convention",
    "some 300 asylum seekers were held for up to 90 days without charge",
    "Turkish security forces pushed back 1,040 in 2003 and nearly half were children",
];

const ENDINGS: &[&str] = &[
    ".",
    ", according to Amnesty International.",
    " on 12 March 2019.12",
    " (IOM).",
    ", but the European Commission denied it.",
];

fn generated_sentences() -> Vec<String> {
    let mut sentences = Vec::new();
    for subject in SUBJECTS {
        for verb in VERBS {
            for claim in CLAIMS {
                for ending in ENDINGS {
                    sentences.push(format!("{subject} {verb} {claim}{ending}"));
                }
            }
        }
    }
    sentences
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);

    let started = Instant::now();
    let extractor = RuleExtractor::new();
    let build_time = started.elapsed();

    let sentences = generated_sentences();
    let bytes: usize = sentences.iter().map(String::len).sum();
    for sentence in &sentences {
        black_box(extractor.extract(sentence)); // warm-up
    }

    let started = Instant::now();
    for _ in 0..rounds {
        for sentence in &sentences {
            black_box(extractor.extract(black_box(sentence)));
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let count = sentences.len() * rounds;
    println!(
        "built in {:.1} ms; {} sentences ({} rounds of {}, {:.0} bytes avg) in {:.3} s: {:.0} sentences/s, {:.1} MB/s",
        build_time.as_secs_f64() * 1e3,
        count,
        rounds,
        sentences.len(),
        bytes as f64 / sentences.len() as f64,
        elapsed,
        count as f64 / elapsed,
        (bytes * rounds) as f64 / elapsed / 1e6,
    );
}
