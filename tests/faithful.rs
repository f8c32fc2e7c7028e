//! Faithful text (issue 13), end to end through `claimscan run`: offsets that slice the
//! file's own text for text formats, the extracted text kept for the others, and
//! sentences in other languages than English marked instead of confidently negative.
use crate::pipeline::{read, rows, run_ok, s};
use std::fs;
use std::path::Path;

/// Text with whitespace runs made single spaces and invisible characters dropped.
fn squeeze(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc()
        .filter(|c| !matches!(c, '\u{feff}' | '\u{ad}' | '\u{200b}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A cell without the formula guard's leading `'`.
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Every unit of `sentences.csv` whose path ends with `name` equals its span of `source`,
/// modulo whitespace; returns how many units were checked.
fn assert_units_slice(out: &Path, name: &str, source: &str) -> usize {
    let chars: Vec<char> = source.chars().collect();
    let mut checked = 0;
    for row in rows(out, "sentences.csv") {
        if !row[1].ends_with(name) {
            continue;
        }
        let (start, end): (usize, usize) = (row[5].parse().unwrap(), row[6].parse().unwrap());
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(
            squeeze(&slice),
            squeeze(unguarded(&row[7])),
            "{name} [{start}, {end})"
        );
        checked += 1;
    }
    assert!(checked > 0, "no units for {name}");
    checked
}

// issue 13 (5): for .txt and .md the offsets slice the file's decoded text.
#[test]
fn offsets_slice_the_text_files_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    let files = [
        (
            "crlf.txt",
            "Border Report\r\n\r\n\r\nPolice detained 40 men at the crossing.   \r\nThey were held for a week.\t\r\n\r\n\r\n\r\nOfficials said the men would be returned.\r\n",
        ),
        (
            "bom-tabs.txt",
            "\u{feff}The ministry\tsaid the returns were voluntary.  \n\n\n   Guards beat two of the women.\n\u{b}Cafe\u{301} owners hid three families.\n",
        ),
        (
            "notes.md",
            "# Returns in 2023\n\n\nThe agency counted 1,200 returns.   \n\n- Police held 12 men.\n- Two were beaten.\n\n## Sources\n\nInterviews in May.\n",
        ),
    ];
    for (name, text) in files {
        fs::write(docs.join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    run_ok(&["run", s(&docs), "--out", s(&out), "--quiet"]);
    for (name, text) in files {
        // The decoded text: the file without its byte order mark.
        let decoded = text.strip_prefix('\u{feff}').unwrap_or(text);
        assert_units_slice(&out, name, decoded);
    }
}

/// A one-page docx with the given paragraphs.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    crate::hostile::docx_with_body(|out| {
        for p in paragraphs {
            write!(out, "<w:p><w:r><w:t>{p}</w:t></w:r></w:p>").unwrap();
        }
    })
}

// issue 13 (5): for HTML, PDF and .docx the offsets index the extracted text, which
// --keep-text writes beside the tables.
#[test]
fn kept_text_is_what_the_offsets_index() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("page.html"),
        "<html><head><title>Raids</title></head><body><h1>Raids in May</h1><p>Police <b>detained</b> 40 men.</p><p>They were sent back.</p></body></html>",
    )
    .unwrap();
    fs::write(
        docs.join("memo.docx"),
        docx(&["Guards beat the women.", "The ministry urged restraint."]),
    )
    .unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/documents/libya-interceptions-update.pdf"),
        docs.join("update.pdf"),
    )
    .unwrap();
    let out = dir.path().join("out");
    run_ok(&["run", s(&docs), "--out", s(&out), "--quiet", "--keep-text"]);
    for row in rows(&out, "documents.csv") {
        let (doc_id, path) = (&row[0], &row[1]);
        let text = read(&out.join("text"), &format!("{doc_id}.txt"));
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        assert_units_slice(&out, name, &text);
    }
}

// issue 13 (8): sentences in Korean and Arabic get their language, scores and no labels,
// and are counted.
#[test]
fn sentences_in_other_languages_are_marked_not_labelled() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("mixed.txt"),
        "Police forcibly returned forty refugees to the border and handed them to the guards.\n\n\
         탈북자 40명이 중국 공안에 체포되어 강제로 북한에 송환되었다.\n\n\
         أعادت السلطات أربعين لاجئا قسرا إلى الحدود وسلمتهم إلى الحرس.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    run_ok(&["run", s(&docs), "--out", s(&out), "--quiet"]);
    let sentences = rows(&out, "sentences.csv");
    let langs: Vec<&str> = sentences.iter().map(|r| &r[r.len() - 2]).collect();
    assert_eq!(langs, ["eng", "kor", "ara"]);
    for row in &sentences[1..] {
        assert_eq!(&row[8], "", "no labels for {}", &row[7]);
        assert!(row[9].parse::<f32>().is_ok(), "scores still reported");
    }
    assert!(
        sentences[0][8].contains("refoulement"),
        "{:?}",
        &sentences[0]
    );
    let run: serde_json::Value = serde_json::from_str(&read(&out, "run.json")).unwrap();
    assert_eq!(run["counts"]["non_english_sentences"], 2);
}
