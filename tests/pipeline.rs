//! `claimscan run` and `merge` end to end on generated collections: bad inputs, formats,
//! determinism, kill and resume, shards.
use crate::common;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SENTENCES: &[&str] = &[
    "Police in the border town detained {n} women who had crossed the river at night.",
    "The ministry said the migrants would be returned under the readmission agreement.",
    "Rainfall in the northern provinces was well below the ten-year average in {y}.",
    "Several of the women told us that brokers had sold them to farmers as wives.",
    "The committee urged the government to stop deporting asylum seekers to the north.",
    "Most of the families we met had arrived within the last {n} months.",
    "Those sent back were reportedly held for weeks in a provincial detention centre.",
    "Aid convoys were delayed by floods on the main road to the camps.",
];

/// A report-like text of `count` sentences, different for every `seed`.
pub(crate) fn report(seed: usize, count: usize) -> String {
    let mut text = format!("Field Report {seed}\n\n");
    for i in 0..count {
        let template = SENTENCES[(seed * 3 + i) % SENTENCES.len()];
        text.push_str(
            &template
                .replace("{n}", &(seed + i + 2).to_string())
                .replace("{y}", &(2000 + seed % 20).to_string()),
        );
        text.push(if i % 3 == 2 { '\n' } else { ' ' });
    }
    text
}

pub(crate) fn write_collection(dir: &Path, documents: usize, sentences: usize) {
    fs::create_dir_all(dir).unwrap();
    for seed in 0..documents {
        fs::write(
            dir.join(format!("report-{seed:03}.txt")),
            report(seed, sentences),
        )
        .unwrap();
    }
}

pub(crate) fn run(args: &[&str]) -> Output {
    common::claimscan().args(args).output().unwrap()
}

pub(crate) fn run_ok(args: &[&str]) -> Output {
    let output = run(args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

pub(crate) fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
}

pub(crate) fn rows(dir: &Path, file: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(dir.join(file))
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

const TABLES: [&str; 4] = ["sentences.csv", "claims.csv", "documents.csv", "errors.csv"];

pub(crate) fn assert_same_tables(a: &Path, b: &Path) {
    for table in TABLES {
        assert!(
            read(a, table) == read(b, table),
            "{table} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

pub(crate) fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn bad_files_are_reported_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 2, 6);
    fs::write(
        docs.join("binary.txt"),
        b"\x00\x01\x02binary\x00data\x00\x00",
    )
    .unwrap();
    fs::write(docs.join("empty.txt"), b"").unwrap();
    fs::write(
        docs.join("broken.pdf"),
        b"%PDF-1.5\nthis is not really a pdf\n",
    )
    .unwrap();
    fs::write(docs.join("broken.docx"), b"PK\x03\x04 not a zip").unwrap();
    fs::write(docs.join("huge.txt"), report(99, 400)).unwrap();
    fs::write(docs.join("page.html"), "<html><head><title>Raids</title><script>var x=1;</script></head><body><nav>Home | About</nav><h1>Raids in the capital</h1><p>Police deported 40 families to the border last week.</p><ul><li>beaten during arrest</li></ul></body></html>").unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "run",
        s(&docs),
        "--out",
        s(&out),
        "--max-bytes",
        "20000",
        "--quiet",
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let errors: Vec<(String, String)> = rows(&out, "errors.csv")
        .iter()
        .map(|r| (r[1].to_string(), r[2].to_string()))
        .collect();
    let cause = |name: &str| {
        errors
            .iter()
            .find(|(path, _)| path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} missing from errors.csv: {errors:?}"))
            .1
            .clone()
    };
    assert!(
        cause("binary.txt").contains("binary"),
        "{}",
        cause("binary.txt")
    );
    assert!(
        cause("empty.txt").contains("empty"),
        "{}",
        cause("empty.txt")
    );
    assert!(
        cause("broken.pdf").contains("PDF"),
        "{}",
        cause("broken.pdf")
    );
    assert!(
        cause("broken.docx").contains("docx"),
        "{}",
        cause("broken.docx")
    );
    assert!(
        cause("huge.txt").contains("over the limit"),
        "{}",
        cause("huge.txt")
    );
    assert_eq!(errors.len(), 5);

    let documents = rows(&out, "documents.csv");
    assert_eq!(documents.len(), 8);
    let html = documents
        .iter()
        .find(|r| r[1].ends_with("page.html"))
        .unwrap();
    assert_eq!((&html[2], &html[5], &html[11]), ("html", "Raids", "ok"));
    let sentences = read(&out, "sentences.csv");
    assert!(
        sentences.contains("Police deported 40 families") && !sentences.contains("Home | About")
    );
    assert!(
        sentences.contains("'- beaten during arrest"),
        "list item kept, formula-guarded"
    );
}

#[test]
fn rows_carry_provenance_that_points_into_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 1, 8);
    let out = dir.path().join("out");
    run_ok(&["run", s(&docs), "--out", s(&out), "--quiet"]);
    let text: Vec<char> = fs::read_to_string(docs.join("report-000.txt"))
        .unwrap()
        .chars()
        .collect();
    let sentences = rows(&out, "sentences.csv");
    assert!(sentences.len() >= 8);
    for (i, row) in sentences.iter().enumerate() {
        assert_eq!(&row[2], (i + 1).to_string().as_str());
        let (start, end): (usize, usize) = (row[5].parse().unwrap(), row[6].parse().unwrap());
        let slice: String = text[start..end].iter().collect();
        assert_eq!(
            slice.split_whitespace().collect::<Vec<_>>().join(" "),
            row[7].trim_start_matches('\'')
        );
    }
    let claims = rows(&out, "claims.csv");
    assert!(claims.iter().any(|r| &r[5] == "refoulement"));
    for claim in &claims {
        let sentence = &sentences[claim[4].parse::<usize>().unwrap() - 1];
        assert_eq!(&claim[10], &sentence[7]);
        assert!(sentence[8].split(';').any(|label| label == &claim[5]));
        assert_eq!(
            &claim[0],
            format!("{}-{}-{}", &claim[1], &claim[4], &claim[5]).as_str()
        );
    }
    let run_json: serde_json::Value = serde_json::from_str(&read(&out, "run.json")).unwrap();
    assert_eq!(run_json["counts"]["documents"], 1);
    assert!(run_json["model"]["weights_sha256"].as_str().unwrap().len() == 64);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 20, 7);
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    run_ok(&[
        "run",
        s(&docs),
        "--out",
        s(&one),
        "--threads",
        "1",
        "--quiet",
    ]);
    run_ok(&[
        "run",
        s(&docs),
        "--out",
        s(&two),
        "--threads",
        "2",
        "--quiet",
    ]);
    assert_same_tables(&one, &two);
}

#[test]
fn shards_merge_into_the_single_run_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 11, 5);
    let single = dir.path().join("single");
    run_ok(&["run", s(&docs), "--out", s(&single), "--quiet"]);
    let shards: Vec<PathBuf> = (1..=3)
        .map(|i| dir.path().join(format!("shard{i}")))
        .collect();
    for (i, shard) in shards.iter().enumerate() {
        run_ok(&[
            "run",
            s(&docs),
            "--out",
            s(shard),
            "--shard",
            &format!("{}/3", i + 1),
            "--quiet",
        ]);
        assert!(rows(shard, "documents.csv").len() < 11);
    }
    let merged = dir.path().join("merged");
    let mut args = vec!["merge", "--out", s(&merged)];
    args.extend(shards.iter().map(|p| s(p)));
    run_ok(&args);
    assert_same_tables(&single, &merged);
    let run_json: serde_json::Value = serde_json::from_str(&read(&merged, "run.json")).unwrap();
    assert_eq!(run_json["counts"]["documents"], 11);
    assert_eq!(run_json["merged_from"].as_array().unwrap().len(), 3);
}

#[test]
fn a_killed_run_resumes_without_duplicates_or_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 96, 8);
    let reference = dir.path().join("reference");
    run_ok(&["run", s(&docs), "--out", s(&reference), "--quiet"]);

    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args([
            "--models",
            s(&common::models_dir()),
            "run",
            s(&docs),
            "--out",
            s(&out),
            "--quiet",
        ])
        .spawn()
        .unwrap();
    let parts = out.join(".claimscan").join("parts");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while fs::read_dir(&parts).map_or(0, |d| d.count()) < 20 {
        assert!(std::time::Instant::now() < deadline, "no progress");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    let finished_before_kill = fs::read_dir(&parts).unwrap().count();
    assert!(finished_before_kill < 96, "killed before the end");
    assert!(
        !out.join("sentences.csv").exists(),
        "no half dataset after a kill"
    );

    let resumed = run_ok(&["run", s(&docs), "--out", s(&out), "--resume", "--quiet"]);
    assert!(resumed.status.success());
    assert_same_tables(&reference, &out);
    let run_json: serde_json::Value = serde_json::from_str(&read(&out, "run.json")).unwrap();
    assert!(
        run_json["counts"]["reused_from_previous_run"]
            .as_u64()
            .unwrap()
            >= 19
    );
}

#[test]
fn resume_redoes_documents_whose_content_changed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 3, 4);
    let out = dir.path().join("out");
    run_ok(&["run", s(&docs), "--out", s(&out), "--quiet"]);
    fs::write(
        docs.join("report-001.txt"),
        "Guards beat the detainees with batons every night.\n",
    )
    .unwrap();
    run_ok(&["run", s(&docs), "--out", s(&out), "--resume", "--quiet"]);
    let run_json: serde_json::Value = serde_json::from_str(&read(&out, "run.json")).unwrap();
    assert_eq!(run_json["counts"]["reused_from_previous_run"], 2);
    assert!(read(&out, "sentences.csv").contains("Guards beat the detainees"));
}

#[test]
fn excel_bom_formula_guard_and_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("a.txt"), "=HYPERLINK(\"http://example.org\") was typed into the form.\n\n@everyone was told to leave by noon.\n").unwrap();
    let (excel, raw, jsonl) = (
        dir.path().join("excel"),
        dir.path().join("raw"),
        dir.path().join("jsonl"),
    );
    run_ok(&["run", s(&docs), "--out", s(&excel), "--excel", "--quiet"]);
    run_ok(&[
        "run",
        s(&docs),
        "--out",
        s(&raw),
        "--no-formula-guard",
        "--quiet",
    ]);
    run_ok(&[
        "run",
        s(&docs),
        "--out",
        s(&jsonl),
        "--format",
        "jsonl",
        "--quiet",
    ]);

    let bytes = fs::read(excel.join("sentences.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFdoc_id,"));
    let guarded = String::from_utf8(bytes).unwrap();
    assert!(guarded.contains("\"'=HYPERLINK(") && guarded.contains(",'@everyone"));
    let unguarded = read(&raw, "sentences.csv");
    assert!(!unguarded.starts_with('\u{feff}') && unguarded.contains("\"=HYPERLINK("));

    let first: serde_json::Value =
        serde_json::from_str(read(&jsonl, "sentences.jsonl").lines().next().unwrap()).unwrap();
    assert_eq!(first["doc_id"], 1);
    assert!(
        first["p_abuse"].is_number() && first["text"].as_str().unwrap().starts_with("=HYPERLINK")
    );
    assert!(jsonl.join("documents.jsonl").exists() && jsonl.join("claims.jsonl").exists());
}
