//! Writes the output folder of a large run without running the model, for the report's
//! load-time benchmark in the browser check (`scripts/browser/check.mjs`).
//!
//! ```text
//! cargo run --release --example large_output -- OUT_DIR [SENTENCES]   # default 20000
//! claimscan report OUT_DIR
//! ```
//!
//! The tables are written by the library's own dataset writer, and `run.json` lists their
//! SHA-256 as a real run's does, so `claimscan report` reads them as it reads a run. The
//! sentences come from templates in the style of the reports; labels, scores, hedging and
//! actors are assigned deterministically from the template (no model is run).
use claimscan::record::{DocumentRecord, SentenceRecord};
use claimscan::segment::UnitKind;
use claimscan::write::{commit, write_pending, Dataset, Format};
use std::path::{Path, PathBuf};

const LABELS: [&str; 3] = ["abuse", "refoulement", "policy_stance"];
/// Sentences per document: reports of about 100 sentences, 200 documents for 20,000.
const PER_DOCUMENT: usize = 100;

/// A template with the labels, hedging and actors it stands for.
struct Template {
    text: &'static str,
    labels: &'static [usize],
    hedged: bool,
    actors: &'static [&'static str],
}

const TEMPLATES: &[Template] = &[
    Template { text: "Police in the border town detained {n} women who had crossed the river at night.", labels: &[0], hedged: false, actors: &["police"] },
    Template { text: "The ministry said the {n} migrants would be returned under the readmission agreement.", labels: &[1, 2], hedged: false, actors: &["ministry"] },
    Template { text: "Rainfall in the northern provinces was well below the ten-year average in {y}.", labels: &[], hedged: false, actors: &[] },
    Template { text: "Several of the women reportedly told us that brokers had sold them to farmers as wives.", labels: &[0], hedged: true, actors: &[] },
    Template { text: "UNHCR urged the government to stop deporting asylum seekers to the north.", labels: &[1, 2], hedged: false, actors: &["UNHCR", "government"] },
    Template { text: "Most of the {n} families we met had arrived within the last few months.", labels: &[], hedged: false, actors: &[] },
    Template { text: "Those sent back were allegedly held for weeks in a provincial detention centre.", labels: &[0, 1], hedged: true, actors: &[] },
    Template { text: "Aid convoys were delayed by floods on the main road to the camps in {y}.", labels: &[], hedged: false, actors: &[] },
    Template { text: "IOM said it would support voluntary returns only where conditions allow.", labels: &[2], hedged: false, actors: &["IOM"] },
    Template { text: "Guards beat {n} detainees and denied them medical care, according to two witnesses.", labels: &[0], hedged: false, actors: &[] },
];

fn main() {
    let mut args = std::env::args().skip(1);
    let out_dir = PathBuf::from(
        args.next()
            .expect("usage: large_output OUT_DIR [SENTENCES]"),
    );
    let sentences: usize = args
        .next()
        .map_or(20_000, |n| n.parse().expect("SENTENCES is a number"));
    let documents = documents(sentences);
    write_output(&out_dir, &documents).expect("the output folder is written");
    println!(
        "{}: {} documents, {sentences} sentences",
        out_dir.display(),
        documents.len()
    );
}

fn documents(sentences: usize) -> Vec<DocumentRecord> {
    (0..sentences.div_ceil(PER_DOCUMENT))
        .map(|d| {
            let count = PER_DOCUMENT.min(sentences - d * PER_DOCUMENT);
            document(d + 1, count)
        })
        .collect()
}

fn document(doc_id: usize, count: usize) -> DocumentRecord {
    let pdf = doc_id.is_multiple_of(4);
    let mut offset = 0;
    let sentences = (0..count)
        .map(|i| {
            let template = &TEMPLATES[(doc_id * 7 + i * 3) % TEMPLATES.len()];
            let text = template
                .text
                .replace("{n}", &(doc_id + i + 2).to_string())
                .replace("{y}", &(2000 + (doc_id + i) % 24).to_string());
            let chars = text.chars().count();
            let record = sentence(template, text, i, doc_id, offset, pdf);
            offset += chars + 1;
            record
        })
        .collect();
    DocumentRecord {
        doc_id,
        path: format!(
            "collection/report-{doc_id:04}.{}",
            if pdf { "pdf" } else { "txt" }
        ),
        format: (if pdf { "pdf" } else { "txt" }).to_string(),
        bytes: Some(offset as u64),
        sha256: Some(format!("{doc_id:064x}")),
        title: Some(format!("Field Report {doc_id}")),
        pages: if pdf { count.div_ceil(30) } else { 0 },
        error: None,
        warnings: Vec::new(),
        sentences,
    }
}

fn sentence(
    template: &Template,
    text: String,
    i: usize,
    doc_id: usize,
    offset: usize,
    pdf: bool,
) -> SentenceRecord {
    let jitter = ((doc_id * 31 + i * 17) % 100) as f32 / 1000.0;
    let probabilities = (0..LABELS.len())
        .map(|l| match template.labels.contains(&l) {
            true => 0.9 + jitter,
            false => jitter / 10.0,
        })
        .collect();
    SentenceRecord {
        sentence_index: i + 1,
        kind: if i == 0 {
            UnitKind::Heading
        } else {
            UnitKind::Sentence
        },
        page: pdf.then_some((i / 30 + 1) as u32),
        char_start: offset,
        char_end: offset + text.chars().count(),
        text,
        lang: "eng".to_string(),
        cut: false,
        labels: template
            .labels
            .iter()
            .map(|&l| LABELS[l].to_string())
            .collect(),
        probabilities,
        hedged: template.hedged,
        actors: template.actors.iter().map(|a| a.to_string()).collect(),
        quantities: Vec::new(),
    }
}

/// The tables and `run.json`, put in place as one set as a run does.
fn write_output(out_dir: &Path, documents: &[DocumentRecord]) -> claimscan::Result<()> {
    let mut dataset = Dataset::create(out_dir, Format::Csv, false, true, false, &LABELS)?;
    for document in documents {
        dataset.add(document)?;
    }
    let (mut files, _no_workbook) = dataset.finish()?;
    let mut tables = serde_json::Map::new();
    for file in &files {
        let name = file
            .destination
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        tables.insert(name, claimscan::model::sha256_file(&file.temporary)?.into());
    }
    let run = serde_json::json!({
        "tool": "claimscan",
        "command_line": ["claimscan", "(examples/large_output.rs: generated tables, no model run)"],
        "model": {"name": "none (generated)"},
        "precision": "f32",
        "formula_guard": true,
        "counts": {"documents": documents.len()},
        "stage_seconds": {"generate": 0.0},
        "tables": tables,
    });
    let text = serde_json::to_string_pretty(&run).expect("run.json serialises");
    files.push(write_pending(&out_dir.join("run.json"), text.as_bytes())?);
    commit::commit(&out_dir.join(".report-benchmark-commit.json"), files)
}
