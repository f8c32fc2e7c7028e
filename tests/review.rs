//! The researcher's loop end to end on the sample corpus: the workbook of `run --format
//! xlsx` read back cell by cell, review sheets, a person's corrections that retrain the
//! model, and `run --model` with the new model.
use crate::pipeline::run_ok;
use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use std::path::{Path, PathBuf};

fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/documents")
}

fn run_sample(out: &Path, extra: &[&str]) {
    let corpus = sample_corpus();
    let mut args = vec![
        "run",
        corpus.to_str().unwrap(),
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    run_ok(&args);
}

fn workbook(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A CSV cell as a spreadsheet shows it (the formula guard's apostrophe hidden).
fn shown(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The text of an xlsx cell and whether it is a number.
fn cell_text(cell: &Data) -> (String, bool) {
    match cell {
        Data::Empty => (String::new(), false),
        Data::String(s) => (s.clone(), false),
        Data::Float(f) => (f.to_string(), true),
        other => panic!("unexpected cell {other:?}"),
    }
}

#[test]
fn the_workbook_holds_the_csv_tables_cell_for_cell_and_formulas_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("formulas.txt");
    std::fs::write(
        &extra,
        "=HYPERLINK(\"http://example.org\",\"open\") was painted on the wall of the detention block.\n\n\
         +44 20 7946 0000 is the number detainees were told to call.\n\n\
         @everyone: officials said the deportations would resume on Monday.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let corpus = sample_corpus();
    run_ok(&[
        "run",
        corpus.to_str().unwrap(),
        extra.to_str().unwrap(),
        "--quiet",
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let mut book = workbook(&out.join("claimscan.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["sentences", "claims", "documents", "errors", "run"]
    );
    let mut formula_like = 0;
    for table in ["sentences", "claims", "documents", "errors"] {
        let mut csv = csv::Reader::from_path(out.join(format!("{table}.csv"))).unwrap();
        let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
        let range = book.worksheet_range(table).unwrap();
        let mut rows = range.rows();
        let sheet_header: Vec<String> = rows
            .next()
            .unwrap()
            .iter()
            .map(|c| cell_text(c).0)
            .collect();
        assert_eq!(sheet_header, header, "{table}");
        let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
        assert_eq!(range.height() - 1, records.len(), "{table}: rows");
        for (record, row) in records.iter().zip(rows) {
            for (column, (expected, cell)) in record.iter().zip(row).enumerate() {
                let (text, is_number) = cell_text(cell);
                let name = &header[column];
                if is_number {
                    let expected: f64 = expected.parse().unwrap_or_else(|_| {
                        panic!("{table}.{name}: '{expected}' is text in CSV, a number in xlsx")
                    });
                    assert_eq!(text.parse::<f64>().unwrap(), expected, "{table}.{name}");
                } else {
                    assert_eq!(text, shown(expected), "{table}.{name}");
                    formula_like += usize::from(text.starts_with(['=', '+', '@']));
                }
            }
        }
        let formulas = book.worksheet_formula(table).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{table} has formulas"
        );
    }
    assert!(
        formula_like >= 3,
        "the formula-like sentences reach the workbook as text"
    );

    let sentences = book.worksheet_range("sentences").unwrap();
    assert!(
        matches!(sentences.get((1, 0)), Some(Data::Float(_))),
        "doc_id is a number"
    );
    assert!(
        matches!(sentences.get((1, 9)), Some(Data::Float(_))),
        "p_abuse is a number"
    );
    let run = book.worksheet_range("run").unwrap();
    let counted = run
        .rows()
        .find(|r| r[0] == Data::String("counts.sentences".into()))
        .map(|r| r[1].clone());
    let csv_rows = csv::Reader::from_path(out.join("sentences.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(counted, Some(Data::Float(csv_rows as f64)));

    // A later run without --format xlsx must not leave the old workbook beside new tables.
    run_sample(&out, &[]);
    assert!(!out.join("claimscan.xlsx").exists());
}

/// One filled-in row of a review sheet.
struct Correction {
    doc_id: u64,
    sentence_index: u64,
    label: usize,
    says: bool,
}

/// `(doc_id, sentence_index)` of a review sheet's rows, in order.
fn sheet_keys(path: &Path) -> Vec<(u64, u64)> {
    let range = workbook(path).worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .skip(1)
        .map(|r| (r[0].as_f64().unwrap() as u64, r[2].as_f64().unwrap() as u64))
        .collect()
}

/// Stands in for a person: on up to `k` rows chosen as uncertain for a label, says the
/// opposite of the model for that label and agrees on the rest; leaves other rows blank.
/// Returns the corrections and writes the filled sheet to `filled`.
fn fill_sheet(sheet: &Path, filled: &Path, labels: &[&str], k: usize) -> Vec<Correction> {
    let range = workbook(sheet).worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let header: Vec<String> = rows[0].iter().map(|c| cell_text(c).0).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let out = book.add_worksheet();
    for (c, name) in header.iter().enumerate() {
        out.write_string(0, c as u16, name).unwrap();
    }
    let mut corrections = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(1) {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Data::Float(f) => out.write_number(r as u32, c as u16, *f).unwrap(),
                Data::String(s) => out.write_string(r as u32, c as u16, s).unwrap(),
                _ => out,
            };
        }
        let reason = cell_text(&row[col("selected_for")]).0;
        let Some(label) = reason
            .strip_prefix("uncertain ")
            .and_then(|l| labels.iter().position(|x| *x == l))
        else {
            continue;
        };
        if corrections.len() == k {
            continue;
        }
        let decided = cell_text(&row[col("model_labels")]).0;
        for (j, name) in labels.iter().enumerate() {
            let model = decided.split(';').any(|d| d == *name);
            let person = if j == label { !model } else { model };
            out.write_number(r as u32, col(name) as u16, f64::from(u8::from(person)))
                .unwrap();
        }
        let hedged = row[col("model_hedged")].as_f64().unwrap();
        out.write_number(r as u32, col("hedged") as u16, hedged)
            .unwrap();
        corrections.push(Correction {
            doc_id: row[col("doc_id")].as_f64().unwrap() as u64,
            sentence_index: row[col("sentence_index")].as_f64().unwrap() as u64,
            label,
            says: !decided.split(';').any(|d| d == labels[label]),
        });
    }
    book.save(filled).unwrap();
    corrections
}

/// The decision of a run's model for one sentence and label.
fn decision(out: &Path, doc_id: u64, sentence_index: u64, label: &str) -> bool {
    let mut csv = csv::Reader::from_path(out.join("sentences.csv")).unwrap();
    let header = csv.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    csv.records()
        .map(Result::unwrap)
        .find(|r| {
            r[col("doc_id")].parse::<u64>() == Ok(doc_id)
                && r[col("sentence_index")].parse::<u64>() == Ok(sentence_index)
        })
        .map(|r| r[col("labels")].split(';').any(|l| l == label))
        .unwrap()
}

#[test]
fn corrections_in_a_review_sheet_retrain_the_model_that_run_then_uses() {
    let labels = ["abuse", "refoulement", "policy_stance"];
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let out = path("out");
    run_sample(&out, &[]);

    // The selection is deterministic, and an existing sheet is never overwritten.
    let sheet = path("review.xlsx");
    let review = |file: &Path, seed: &str| {
        crate::pipeline::run(&[
            "review",
            out.to_str().unwrap(),
            "--n",
            "30",
            "--seed",
            seed,
            "--out",
            file.to_str().unwrap(),
        ])
    };
    assert!(review(&sheet, "3").status.success());
    assert!(review(&path("again.xlsx"), "3").status.success());
    assert_eq!(sheet_keys(&sheet), sheet_keys(&path("again.xlsx")));
    assert_eq!(sheet_keys(&sheet).len(), 30);
    let before = std::fs::read(&sheet).unwrap();
    let refused = review(&sheet, "4");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(std::fs::read(&sheet).unwrap(), before);

    let filled = path("filled.xlsx");
    let corrections = fill_sheet(&sheet, &filled, &labels, 6);
    assert!(corrections.len() >= 4, "too few uncertain rows to correct");

    let compared = run_ok(&[
        "review",
        "--compare",
        out.to_str().unwrap(),
        filled.to_str().unwrap(),
    ]);
    let table = String::from_utf8_lossy(&compared.stdout);
    let n = corrections.len();
    assert!(table.contains(&format!("{n} filled rows")), "{table}");
    assert!(
        table.contains(&format!("{} blank rows skipped", 30 - n)),
        "{table}"
    );
    for (j, label) in labels.iter().enumerate() {
        let disagreements = corrections.iter().filter(|c| c.label == j).count();
        let expected = format!("| {label} | {n} | {} (", n - disagreements);
        assert!(table.contains(&expected), "{expected} in\n{table}");
    }

    // A small base corpus keeps the test short; the sheet comes last, so it wins.
    let base = path("base.csv");
    let train_csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/labeled/train.csv");
    let head: Vec<String> = std::fs::read_to_string(train_csv)
        .unwrap()
        .lines()
        .take(241)
        .map(String::from)
        .collect();
    std::fs::write(&base, head.join("\n") + "\n").unwrap();
    let model = path("my-model");
    let trained = run_ok(&[
        "train",
        "--data",
        base.to_str().unwrap(),
        "--data",
        filled.to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
        "--epochs",
        "6",
        "--quiet",
    ]);
    let log = String::from_utf8_lossy(&trained.stderr);
    assert!(
        log.contains(&format!("skipped {} rows without labels", 30 - n)),
        "{log}"
    );
    let info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(model.join("model.json")).unwrap()).unwrap();
    let files = info["training"]["data_files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert!(files[1]["file"].as_str().unwrap().ends_with("filled.xlsx"));
    assert_eq!(files[1]["sha256"].as_str().unwrap().len(), 64);

    let scored = run_ok(&[
        "eval",
        "--data",
        filled.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        "--baseline-train",
        base.to_str().unwrap(),
        "--precisions",
        "f32",
        "--out",
        path("eval").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&scored.stdout).contains("macro"));

    let retrained = path("out-retrained");
    run_sample(&retrained, &["--model", model.to_str().unwrap()]);
    let run_json = std::fs::read_to_string(retrained.join("run.json")).unwrap();
    assert!(
        run_json.contains("my-model"),
        "run.json names the model used"
    );
    let followed = corrections
        .iter()
        .filter(|c| decision(&retrained, c.doc_id, c.sentence_index, labels[c.label]) == c.says)
        .count();
    // By construction the base model followed none of them.
    assert!(
        followed * 3 >= n * 2,
        "the retrained model follows {followed} of {n} corrections"
    );
}

#[test]
fn claimscan_finds_its_models_when_run_from_a_project_folder() {
    let project = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(["classify", "--threads", "1"])
        .env_remove("CLAIMSCAN_MODELS")
        .current_dir(project.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Guards beat the detainees every night.\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("abuse"));

    let elsewhere = std::process::Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(["classify", "--model", "no-such-model"])
        .current_dir(project.path())
        .output()
        .unwrap();
    let error = String::from_utf8_lossy(&elsewhere.stderr);
    assert!(
        error.contains("no-such-model") && error.contains("searched"),
        "{error}"
    );
}

#[test]
fn a_json_lines_run_gives_the_same_review_sheet_as_a_csv_run() {
    let dir = tempfile::tempdir().unwrap();
    let sheets: Vec<Vec<(u64, u64)>> = ["csv", "jsonl"]
        .iter()
        .map(|format| {
            let out = dir.path().join(format);
            run_sample(&out, &["--format", format, "--no-report"]);
            let sheet = dir.path().join(format!("{format}.xlsx"));
            run_ok(&[
                "review",
                out.to_str().unwrap(),
                "--n",
                "25",
                "--out",
                sheet.to_str().unwrap(),
            ]);
            sheet_keys(&sheet)
        })
        .collect();
    assert_eq!(sheets[0].len(), 25);
    assert_eq!(sheets[0], sheets[1]);
}
