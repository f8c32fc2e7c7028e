//! Nothing one bad file can do (issue 14), end to end through `claimscan run`: a hostile
//! collection generated here, the dataset switched as one set whatever step a kill hits,
//! resume that survives added files, memory bounded whatever the input, every problem
//! on standard error.
use crate::common;
use crate::hostile::{docx_with_body, looping_pdf};
use crate::pipeline::{assert_same_tables, read, rows, run, run_ok, s, write_collection};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `errors.csv` as path → error.
fn errors(out: &Path) -> Vec<(String, String)> {
    rows(out, "errors.csv")
        .iter()
        .map(|r| (r[1].to_string(), r[2].to_string()))
        .collect()
}

fn error_of<'a>(errors: &'a [(String, String)], name: &str) -> &'a str {
    errors
        .iter()
        .find(|(path, _)| path.ends_with(name))
        .map(|(_, error)| error.as_str())
        .unwrap_or_else(|| panic!("no error for {name} in {errors:?}"))
}

/// A .docx holding `chars` characters of text in a small deflated file.
fn docx_bomb(chars: usize) -> Vec<u8> {
    docx_with_body(|out| {
        let paragraph = format!(
            "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
            "Detainees were held. ".repeat(1000)
        );
        for _ in 0..chars / 21_000 {
            out.write_all(paragraph.as_bytes()).unwrap();
        }
    })
}

/// Runs the binary, waits with `wait4` and returns (exit code, stderr, peak RSS in MiB).
// The child is reaped by `wait4`, which clippy does not see.
#[allow(clippy::zombie_processes)]
fn run_measured(args: &[&str]) -> (i32, String, u64) {
    use std::os::unix::process::ExitStatusExt;
    let child = common::claimscan()
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
        text
    });
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let code = std::process::ExitStatus::from_raw(status)
        .code()
        .unwrap_or(-1);
    (code, reader.join().unwrap(), usage.ru_maxrss as u64 / 1024)
}

// issue 14 (1, 2, 5, 6, 7, 9, 10): a hostile collection in one run, every entry with its
// own outcome, the good files all there, exit 1, one line per problem on stderr.
#[test]
fn a_hostile_collection_costs_only_its_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 3, 6);
    let nested = "<div>".repeat(21_000) + "Guards held the men." + &"</div>".repeat(21_000);
    fs::write(
        docs.join("deep.html"),
        format!("<html><body>{nested}</body></html>"),
    )
    .unwrap();
    fs::write(docs.join("loop.pdf"), looping_pdf()).unwrap();
    fs::write(docs.join("bomb.docx"), docx_bomb(6_000_000)).unwrap();
    fs::write(
        docs.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(200),
    )
    .unwrap();
    let mut mixed = b"Police detained the women and held them for a week.\n".to_vec();
    mixed.extend_from_slice(b"They were returned \xff\xfe\xc3( to the border.\n");
    fs::write(docs.join("mixed-utf8.txt"), mixed).unwrap();
    let utf16: Vec<u8> = "Les autorités ont renvoyé les réfugiés à la frontière.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(docs.join("utf16.txt"), utf16).unwrap();
    std::os::unix::fs::symlink(docs.join("missing.txt"), docs.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink(docs.join("loop-b.txt"), docs.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink(docs.join("loop-a.txt"), docs.join("loop-b.txt")).unwrap();
    let fifo = docs.join("pipe.txt");
    let fifo_c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo_c.as_ptr(), 0o644) }, 0);
    let out = dir.path().join("out");

    for quiet in [false, true] {
        let mut args = vec![
            "run",
            s(&docs),
            "/dev/zero",
            "--out",
            s(&out),
            "--max-seconds-per-file",
            "60",
        ];
        if quiet {
            args.push("--quiet");
        }
        let (code, stderr, _) = run_measured(&args);
        assert_eq!(code, 1, "{stderr}");
        let errors = errors(&out);
        assert!(error_of(&errors, "binary.txt").contains("binary"));
        assert!(
            error_of(&errors, "bomb.docx").contains("max-chars"),
            "{errors:?}"
        );
        assert!(
            error_of(&errors, "dangling.txt").contains("broken symbolic link"),
            "{errors:?}"
        );
        assert!(!error_of(&errors, "loop-a.txt").is_empty());
        assert!(!error_of(&errors, "pipe.txt").is_empty());
        assert!(!error_of(&errors, "/dev/zero").is_empty());
        // One line per failed file on stderr, with the file, also with --quiet.
        for (path, _) in &errors {
            assert!(
                stderr.contains(path.as_str()),
                "{path} not on stderr:\n{stderr}"
            );
        }
        // The good files, the deep HTML, the looping PDF and the odd encodings are read.
        let documents = rows(&out, "documents.csv");
        let ok: Vec<&str> = documents
            .iter()
            .filter(|r| &r[r.len() - 3] == "ok")
            .map(|r| &r[1])
            .collect();
        for name in [
            "report-000.txt",
            "report-001.txt",
            "report-002.txt",
            "deep.html",
            "loop.pdf",
            "mixed-utf8.txt",
            "utf16.txt",
        ] {
            assert!(
                ok.iter().any(|p| p.ends_with(name)),
                "{name} not read: {ok:?}"
            );
        }
        // Invalid UTF-8 in the middle stays UTF-8, replaced, with a warning naming the line.
        assert!(stderr.contains("mixed-utf8.txt:2"), "{stderr}");
        let sentences = read(&out, "sentences.csv");
        assert!(sentences.contains("returned \u{fffd}"), "kept as UTF-8");
        assert!(sentences.contains("renvoyé les réfugiés"));
    }
}

// issue 14 (4): memory stays bounded whatever one input holds, under the default limits.
#[test]
fn huge_inputs_keep_memory_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 2, 5);
    let line = "detainees were moved again and again ".repeat(130_000);
    fs::write(docs.join("one-line.txt"), &line).unwrap();
    let initials: String = (0..1_500_000)
        .map(|i| format!("{}. ", (b'A' + (i % 26) as u8) as char))
        .collect();
    fs::write(docs.join("initials.txt"), initials).unwrap();
    fs::write(docs.join("bomb.docx"), docx_bomb(4_000_000)).unwrap();
    let out = dir.path().join("out");
    let (code, stderr, peak_mib) = run_measured(&["run", s(&docs), "--out", s(&out), "--quiet"]);
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(peak_mib < 1536, "peak resident memory {peak_mib} MiB");
    // The long line is read, cut into units the model reads whole, flagged.
    let sentences = rows(&out, "sentences.csv");
    let cut = sentences
        .iter()
        .filter(|r| r[1].ends_with("one-line.txt") && &r[r.len() - 1] == "1")
        .count();
    assert!(cut > 1000, "{cut} cut units");
    assert!(rows(&out, "documents.csv")
        .iter()
        .any(|r| r[1].ends_with("report-001.txt")));
}

/// SHA-256 of a file, hex.
fn sha256(path: &Path) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(fs::read(path).unwrap()))
}

/// The tables match the checksums `run.json` lists for them.
fn assert_consistent(out: &Path) {
    let run: serde_json::Value = serde_json::from_str(&read(out, "run.json")).unwrap();
    for (table, sha) in run["tables"]
        .as_object()
        .expect("run.json lists its tables")
    {
        assert_eq!(
            &sha256(&out.join(table)),
            sha,
            "{table} does not belong to run.json"
        );
    }
}

// issue 14 (3): a kill between the renames of the tables leaves a journal that the next
// command completes; at no step does the dataset end up mixed.
#[test]
fn a_kill_at_any_step_of_the_switch_never_mixes_datasets() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    write_collection(&first, 4, 5);
    fs::create_dir_all(&second).unwrap();
    for i in 0..4 {
        fs::write(
            second.join(format!("other-{i}.txt")),
            crate::pipeline::report(i + 50, 5),
        )
        .unwrap();
    }
    let reference = dir.path().join("reference");
    run_ok(&["run", s(&second), "--out", s(&reference), "--quiet"]);
    // Four tables and run.json: stop after 0, 1, ... 4 renames.
    for stop in 0..5 {
        let out = dir.path().join(format!("out-{stop}"));
        run_ok(&["run", s(&first), "--out", s(&out), "--quiet"]);
        let killed = common::claimscan()
            .args(["run", s(&second), "--out", s(&out), "--quiet"])
            .env("CLAIMSCAN_TEST_STOP_AFTER_RENAMES", stop.to_string())
            .output()
            .unwrap();
        assert!(!killed.status.success(), "stopped after {stop} renames");
        assert!(
            out.join(".claimscan/commit.json").exists(),
            "a journal is left"
        );
        // Any later command completes the switch first.
        run_ok(&["run", s(&second), "--out", s(&out), "--quiet", "--resume"]);
        assert!(!out.join(".claimscan/commit.json").exists());
        assert_consistent(&out);
        assert_same_tables(&reference, &out);
    }
}

// issue 14 (8): adding a file that sorts first costs only that file on --resume.
#[test]
fn resume_after_adding_a_file_redoes_only_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 6, 5);
    let out = dir.path().join("out");
    run_ok(&["run", s(&docs), "--out", s(&out), "--quiet"]);
    fs::write(docs.join("000-first.txt"), crate::pipeline::report(99, 5)).unwrap();
    run_ok(&["run", s(&docs), "--out", s(&out), "--quiet", "--resume"]);
    let run: serde_json::Value = serde_json::from_str(&read(&out, "run.json")).unwrap();
    assert_eq!(run["counts"]["reused_from_previous_run"], 6);
    assert_eq!(run["counts"]["documents"], 7);
    let fresh = dir.path().join("fresh");
    run_ok(&["run", s(&docs), "--out", s(&fresh), "--quiet"]);
    assert_same_tables(&fresh, &out);
    assert_consistent(&out);
}

/// Runs `claimscan run` for every shard of `count` into `shards/<i>`.
fn run_shards(docs: &Path, shards: &Path, count: usize, which: &[usize]) -> Vec<PathBuf> {
    which
        .iter()
        .map(|&i| {
            let out = shards.join(i.to_string());
            let shard = format!("{i}/{count}");
            run_ok(&[
                "run",
                s(docs),
                "--out",
                s(&out),
                "--shard",
                &shard,
                "--quiet",
            ]);
            out
        })
        .collect()
}

// issue 13 (6): merge refuses shards that do not make one whole run, and says why.
#[test]
fn merge_refuses_missing_unfinished_and_mismatched_shards() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_collection(&docs, 9, 4);
    let shards = dir.path().join("shards");
    let all = run_shards(&docs, &shards, 3, &[1, 2, 3]);
    let out = dir.path().join("out");
    let merge = |dirs: &[&PathBuf], extra: &[&str]| {
        let mut args = vec!["merge".to_string()];
        args.extend(dirs.iter().map(|d| s(d).to_string()));
        args.extend([
            "--out".to_string(),
            s(&out).to_string(),
            "--quiet".to_string(),
        ]);
        args.extend(extra.iter().map(|a| a.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&args)
    };
    // A shard missing.
    let missing = merge(&[&all[0], &all[2]], &[]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("shard 2/3 is missing"), "{stderr}");
    assert!(!out.join("sentences.csv").exists(), "nothing written");
    // A shard that did not finish (killed: no manifest).
    let unfinished = dir.path().join("unfinished");
    copy_dir(&all[1], &unfinished);
    fs::remove_file(unfinished.join(".claimscan/manifest.json")).unwrap();
    let killed = merge(&[&all[0], &unfinished, &all[2]], &[]);
    assert_eq!(killed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&killed.stderr).contains("shard 2/3"));
    assert!(String::from_utf8_lossy(&killed.stderr).contains("did not finish"));
    // Shards of another N.
    let other_n = run_shards(&docs, &dir.path().join("shards4"), 4, &[2]);
    let mixed_n = merge(&[&all[0], &other_n[0], &all[2]], &[]);
    assert_eq!(mixed_n.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&mixed_n.stderr).contains("different N"));
    // Shards that saw other inputs.
    let more = dir.path().join("more");
    copy_dir(&docs, &more);
    fs::write(more.join("extra.txt"), crate::pipeline::report(77, 4)).unwrap();
    let other_inputs = run_shards(&more, &dir.path().join("shards-more"), 3, &[2]);
    let mixed_inputs = merge(&[&all[0], &other_inputs[0], &all[2]], &[]);
    assert_eq!(mixed_inputs.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&mixed_inputs.stderr).contains("different input lists"));
    // --allow-partial writes what exists and lists what is missing.
    let partial = merge(&[&all[0], &all[2]], &["--allow-partial"]);
    assert_eq!(partial.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&partial.stderr).contains("shard 2/3 is missing"));
    let run_json: serde_json::Value = serde_json::from_str(&read(&out, "run.json")).unwrap();
    assert_eq!(run_json["missing"], serde_json::json!([2]));
    assert_consistent(&out);
    // And the whole set merges into the single run's dataset.
    let whole = merge(&[&all[0], &all[1], &all[2]], &[]);
    assert!(whole.status.success());
    let single = dir.path().join("single");
    run_ok(&["run", s(&docs), "--out", s(&single), "--quiet"]);
    assert_same_tables(&single, &out);
}

fn copy_dir(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .args(["-a", s(from), s(to)])
        .status()
        .unwrap();
    assert!(status.success());
}
