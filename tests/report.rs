//! The HTML report (`output/report.html`): structure, escaping and rebuilding, parsed with
//! scraper, for the sample corpus and a hostile collection, through the real `run`.
use crate::pipeline::{read, rows, run, run_ok, s, write_collection};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn sample_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/documents")
}

/// A CSV cell as the document had it (the run's formula guard adds an apostrophe).
fn without_formula_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    page.select(&Selector::parse(css).unwrap()).collect()
}

fn page(out: &Path) -> Html {
    Html::parse_document(&read(out, "report.html"))
}

/// The JSON the page carries for its script.
fn data(page: &Html) -> serde_json::Value {
    let script = select(page, "script#report-data");
    assert_eq!(script.len(), 1);
    assert_eq!(script[0].value().attr("type"), Some("application/json"));
    serde_json::from_str(&script[0].text().collect::<String>()).unwrap()
}

/// Every unit of the data as `(doc_id, sentence_index) -> text`.
fn unit_texts(data: &serde_json::Value) -> BTreeMap<(u64, u64), String> {
    let mut texts = BTreeMap::new();
    for document in data["documents"].as_array().unwrap() {
        for unit in document["units"].as_array().unwrap() {
            texts.insert(
                (document["id"].as_u64().unwrap(), unit[0].as_u64().unwrap()),
                unit[3].as_str().unwrap().to_string(),
            );
        }
    }
    texts
}

/// Every claim of the data as `claim_id -> (label, claims.csv row)`.
fn claim_ids(data: &serde_json::Value) -> BTreeMap<String, (String, u64)> {
    let labels = data["labels"].as_array().unwrap();
    let mut claims = BTreeMap::new();
    for document in data["documents"].as_array().unwrap() {
        for unit in document["units"].as_array().unwrap() {
            for claim in unit[6].as_array().unwrap() {
                let label = labels[claim[0].as_u64().unwrap() as usize]
                    .as_str()
                    .unwrap();
                claims.insert(
                    claim[2].as_str().unwrap().to_string(),
                    (label.to_string(), claim[3].as_u64().unwrap()),
                );
            }
        }
    }
    claims
}

/// Nothing but the page's own two scripts and no element with an event handler, a
/// `javascript:` link or a resource from elsewhere.
fn assert_nothing_injected(page: &Html) {
    let scripts = select(page, "script");
    assert_eq!(scripts.len(), 2, "only the data and the page's script");
    assert!(scripts.iter().all(|s| s.value().attr("src").is_none()));
    for element in select(page, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "<{}> has {name}",
                element.value().name()
            );
            assert!(!value.trim_start().to_lowercase().starts_with("javascript:"));
            if name == "src" || name == "href" {
                assert!(!value.contains("://"), "external resource {value}");
            }
        }
    }
    for tag in ["img", "iframe", "object", "embed", "link", "b", "base"] {
        assert!(
            select(page, tag).is_empty(),
            "a <{tag}> element got into the page"
        );
    }
}

#[test]
fn the_sample_run_writes_a_report_with_every_document_unit_and_claim() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = run_ok(&["run", s(&sample_corpus()), "--out", s(&out)]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("report: ") && stderr.contains("report.html (") && stderr.contains(" kB)"),
        "the summary names the report and its size: {stderr}"
    );
    let page = page(&out);
    assert_nothing_injected(&page);
    for section in ["overview", "filters", "documents"] {
        assert_eq!(select(&page, &format!("main > section#{section}")).len(), 1);
    }
    assert_eq!(
        select(&page, "meta[http-equiv=Content-Security-Policy]").len(),
        1
    );

    let documents = rows(&out, "documents.csv");
    assert_eq!(select(&page, "details.doc").len(), documents.len());
    let data = data(&page);
    let labels: Vec<&str> = data["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(labels, ["abuse", "refoulement", "policy_stance"]);
    // Label names are written next to their colours: in the chart's legend and the filters.
    let chips: BTreeSet<String> = select(&page, ".legend .chip, #filters .chip")
        .iter()
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(chips, labels.iter().map(|l| l.to_string()).collect());
    assert_eq!(
        select(&page, "#filters input[name=label]").len(),
        labels.len()
    );

    let sentences = rows(&out, "sentences.csv");
    let texts = unit_texts(&data);
    assert_eq!(texts.len(), sentences.len());
    for row in &sentences {
        let key = (row[0].parse().unwrap(), row[2].parse().unwrap());
        assert_eq!(texts[&key], without_formula_guard(&row[7]));
    }
    let claims = rows(&out, "claims.csv");
    let in_page = claim_ids(&data);
    assert_eq!(in_page.len(), claims.len());
    for (i, row) in claims.iter().enumerate() {
        assert_eq!(in_page[&row[0]], (row[5].to_string(), i as u64 + 2));
    }
    let overview: String = select(&page, "#overview")[0].text().collect();
    for figure in [
        "Documents",
        "Sentences",
        "Precision",
        "Model",
        "Time per stage",
    ] {
        assert!(overview.contains(figure), "{figure}");
    }
    assert!(!select(&page, "#overview svg rect.l0").is_empty());

    // The same files give the same page; --max-docs keeps the first documents' text.
    let first = read(&out, "report.html");
    run_ok(&["report", s(&out)]);
    assert_eq!(read(&out, "report.html"), first);
    run_ok(&["report", s(&out), "--max-docs", "2"]);
    let short = self::page(&out);
    assert_eq!(select(&short, "details.doc").len(), 2);
    assert_eq!(
        select(&short, "#count-documents")[0]
            .text()
            .collect::<String>(),
        documents.len().to_string()
    );
}

/// Texts that would run script, break out of attributes or the data's script element,
/// or look like spreadsheet formulas, in text and in file names.
fn write_hostile_collection(docs: &Path) {
    fs::create_dir_all(docs).unwrap();
    let write = |name: &str, text: &str| fs::write(docs.join(name), text).unwrap();
    write(
        "script.txt",
        "<script>alert(1)</script>\n\nPolice detained 40 people <script>alert(1)</script> at the border crossing.\n\nThe guards said \"onerror=alert(1) and beat the detainees.\n\n</script><script>alert(2)</script> The ministry said all of them would be deported.\n",
    );
    write(
        "formula.txt",
        "Formula report\n\n=HYPERLINK(\"http://example.org\",\"x\") was typed into the form by the officers.\n\n@everyone was told to leave the camp by noon or be deported.\n\n-5 degrees at night, and the detainees were held outside.\n",
    );
    write(
        "non-ascii.txt",
        "Rapport — été 2023\n\nLes réfugiés ont été expulsés vers la frontière. 경찰은 난민 40명을 구금했다. «Nous avons été battus» 🚫 \u{202e}reversed\u{202c} text.\n",
    );
    write(
        "<img src=x onerror=alert(3)>.txt",
        "Border guards pushed back 30 asylum seekers across the river in March.\n",
    );
    write("<svg onload=alert(5)>.txt", "");
    write(
        "page.html",
        "<html><head><title>&lt;b&gt;bold&lt;/b&gt; &amp; title</title></head><body><p>Soldiers wrote &lt;script&gt;alert(6)&lt;/script&gt; on the wall of the detention centre where 12 men were beaten.</p></body></html>",
    );
}

#[test]
fn hostile_texts_are_shown_as_text_and_never_run() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_hostile_collection(&docs);
    let out = dir.path().join("out");
    // The empty file fails (exit 1); the report is written all the same.
    let output = run(&["run", s(&docs), "--out", s(&out), "--quiet"]);
    assert_eq!(output.status.code(), Some(1));
    let html = read(&out, "report.html");
    let page = Html::parse_document(&html);
    assert_nothing_injected(&page);
    assert_eq!(html.matches("</script>").count(), 2);
    for raw in ["<script>alert", "<img src=x", "<svg onload", "<b>bold"] {
        assert!(!html.contains(raw), "{raw} is in the page unescaped");
    }

    let data = data(&page);
    let texts: BTreeSet<String> = unit_texts(&data).into_values().collect();
    for expected in [
        "Police detained 40 people <script>alert(1)</script> at the border crossing.",
        "The guards said \"onerror=alert(1) and beat the detainees.",
        "=HYPERLINK(\"http://example.org\",\"x\") was typed into the form by the officers.",
        "@everyone was told to leave the camp by noon or be deported.",
        "-5 degrees at night, and the detainees were held outside.",
        "Soldiers wrote <script>alert(6)</script> on the wall of the detention centre where 12 men were beaten.",
    ] {
        assert!(texts.contains(expected), "{expected:?} not in {texts:#?}");
    }
    for piece in [
        "Les réfugiés ont été expulsés",
        "경찰은 난민 40명을",
        "«Nous avons été battus» 🚫",
    ] {
        assert!(texts.iter().any(|t| t.contains(piece)), "{piece}");
    }
    // The CSV keeps its formula guard; only the page shows the document's own text.
    assert!(read(&out, "sentences.csv").contains("\"'=HYPERLINK("));

    // File names and titles with markup are text in the summaries, the chart and the errors.
    let summaries: String = select(&page, "details.doc summary")
        .iter()
        .flat_map(|s| s.text())
        .collect();
    assert!(summaries.contains("<img src=x onerror=alert(3)>.txt"));
    let chart: String = select(&page, "#overview svg text")
        .iter()
        .flat_map(|t| t.text())
        .collect();
    assert!(chart.contains("<script>alert(1)</script>"), "{chart}");
    let errors: String = select(&page, "table.errors")[0].text().collect();
    assert!(errors.contains("<svg onload=alert(5)>.txt"));
}

#[test]
fn a_json_lines_run_gives_the_same_texts() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_hostile_collection(&docs);
    fs::remove_file(docs.join("<svg onload=alert(5)>.txt")).unwrap();
    let (csv, jsonl) = (dir.path().join("csv"), dir.path().join("jsonl"));
    run_ok(&["run", s(&docs), "--out", s(&csv), "--quiet", "--excel"]);
    run_ok(&[
        "run",
        s(&docs),
        "--out",
        s(&jsonl),
        "--quiet",
        "--format",
        "jsonl",
    ]);
    let (from_csv, from_jsonl) = (data(&page(&csv)), data(&page(&jsonl)));
    assert_eq!(unit_texts(&from_csv), unit_texts(&from_jsonl));
    let labels = |data| -> BTreeMap<String, String> {
        claim_ids(data)
            .into_iter()
            .map(|(id, (label, _))| (id, label))
            .collect()
    };
    assert_eq!(labels(&from_csv), labels(&from_jsonl));
    assert!(!unit_texts(&from_csv).is_empty());
}

#[test]
fn a_report_that_cannot_be_written_leaves_the_dataset_whole() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("a.txt"),
        "Guards beat the detainees in the border camp.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    // A folder where the page should go: the rename onto it fails.
    fs::create_dir_all(out.join("report.html/blocked")).unwrap();
    let output = run(&["run", s(&docs), "--out", s(&out), "--quiet"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the report")
            && stderr.contains("report.html")
            && stderr.contains("complete"),
        "{stderr}"
    );
    assert!(read(&out, "sentences.csv").contains("Guards beat the detainees"));

    // `report` checks the tables against run.json before it trusts them.
    fs::remove_dir_all(out.join("report.html")).unwrap();
    let claims = out.join("claims.csv");
    fs::write(&claims, read(&out, "claims.csv") + "\n").unwrap();
    let output = run(&["report", s(&out)]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("claims.csv") && stderr.contains("SHA-256"),
        "{stderr}"
    );
    assert!(!out.join("report.html").exists());

    run_ok(&["run", s(&docs), "--out", s(&out), "--quiet", "--no-report"]);
    assert!(!out.join("report.html").exists());
}

#[test]
fn report_rebuilds_the_page_of_a_merge_with_every_shard_s_documents() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 4, 6);
    let shards: Vec<PathBuf> = (1..=2)
        .map(|i| dir.path().join(format!("shard{i}")))
        .collect();
    for (i, shard) in shards.iter().enumerate() {
        let shard_arg = format!("{}/2", i + 1);
        let args = ["run", s(&docs), "--out", s(shard), "--shard", &shard_arg];
        run_ok(&[&args[..], &["--quiet", "--no-report"]].concat());
    }
    let merged = dir.path().join("merged");
    run_ok(&[
        "merge",
        "--out",
        s(&merged),
        s(&shards[0]),
        s(&shards[1]),
        "--quiet",
    ]);
    run_ok(&["report", s(&merged)]);
    let page = page(&merged);
    assert_nothing_injected(&page);
    assert_eq!(select(&page, "details.doc").len(), 4);
    assert_eq!(
        unit_texts(&data(&page)).len(),
        rows(&merged, "sentences.csv").len()
    );
    assert_eq!(
        claim_ids(&data(&page)).len(),
        rows(&merged, "claims.csv").len()
    );
    let precision: String = select(&page, "#precision")[0].text().collect();
    assert_ne!(precision, "not recorded");
}
