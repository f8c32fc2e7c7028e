//! Hostile inputs (issues 13 and 14): files made to hang, crash or exhaust a reader, inputs
//! that vanish or are no files, broken encodings. Every input is generated here. Each must
//! end as a result for that file (a document, or an error naming the cause) at the ingest
//! level, in bounded time and memory; the big ones check the worker's peak memory.
//!
//! The worker tests run the built `claimscan extract-worker` (no model needed).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use claimscan::ingest::worker::{IsolatedReader, Limits, FAULT_ENV};
use claimscan::ingest::{discover, sha256_file_limited, Discovered, Document, Ingest};
use claimscan::Error;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Object, Stream};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------
// Helpers

fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn worker_limits() -> Limits {
    Limits {
        max_seconds: 60,
        ..Limits::default()
    }
}

fn isolated(limits: Limits) -> IsolatedReader {
    IsolatedReader::new(PathBuf::from(env!("CARGO_BIN_EXE_claimscan")), limits)
}

/// The reason of a BadInput error for `path` (panics on anything else).
fn reason(result: claimscan::Result<Document>, path: &Path) -> String {
    match result {
        Err(Error::BadInput {
            path: error_path,
            reason,
        }) => {
            assert_eq!(error_path, path, "the error names the file");
            reason
        }
        Err(other) => panic!("expected BadInput, got {other:?}"),
        Ok(document) => panic!("expected BadInput, got a document: {:?}", document.text),
    }
}

/// Peak resident memory of a process so far (VmHWM), in MiB.
fn peak_rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<u64>()
        .unwrap()
        / 1024
}

/// Reads `path` in a fresh worker and returns the result and how much the worker's peak
/// resident memory grew over its peak after reading a small file, in MiB.
fn read_measured(limits: Limits, path: &Path) -> (claimscan::Result<Document>, u64) {
    let dir = TempDir::new().unwrap();
    let small = write(&dir, "small.txt", "Police detained 40 people in May.");
    let mut reader = isolated(limits);
    reader.read(&small).unwrap();
    let pid = reader.worker_pid().unwrap();
    let before = peak_rss_mib(pid);
    let result = reader.read(path);
    assert_eq!(reader.worker_pid(), Some(pid), "the worker survived");
    let growth = peak_rss_mib(pid).saturating_sub(before);
    eprintln!("{}: worker peak memory +{growth} MiB", path.display());
    (result, growth)
}

/// A one-page PDF whose `/Pages` node is its own `/Parent`: pdf-extract, looking up the
/// inherited resources, walks up the page tree forever (issue 14). About 540 bytes.
pub(crate) fn looping_pdf() -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), 700.into()]),
            Operation::new("Tj", vec![Object::string_literal("Detainees were held.")]),
            Operation::new("ET", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    let pages = dictionary! {
        "Type" => "Pages",
        "Count" => 1,
        "Kids" => vec![page_id.into()],
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => Object::Null,
        "Parent" => pages_id,
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// A .docx whose `word/document.xml` is written by `body` (between `<w:body>` and
/// `</w:body>`), deflated as it is written.
pub(crate) fn docx_with_body(body: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
          xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    )
    .unwrap();
    body(&mut zip);
    zip.write_all(b"</w:body></w:document>").unwrap();
    zip.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------------------
// Hangs and crashes: the worker

#[test]
fn deeply_nested_html_is_read() {
    let dir = TempDir::new().unwrap();
    // 21,000 nested <div>s (105 KB) aborted the whole run with a stack overflow.
    let depth = 21_000;
    let divs = format!(
        "{}They were held for days.{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let path = write(&dir, "divs.html", &divs);
    let mut reader = isolated(worker_limits());
    let document = reader.read(&path).unwrap();
    assert_eq!(document.text, "They were held for days.");
    // Cheaper to parse, read in this process on a small stack: spans, unclosed tags.
    let others = [
        ("spans.html", format!("{}Held.", "<span>".repeat(depth))),
        (
            "tables.html",
            format!("{}Held.", "<table><tr><td>".repeat(depth)),
        ),
        ("lists.html", format!("{}Held.", "<ul><li>".repeat(2_000))),
    ];
    let paths: Vec<PathBuf> = others
        .iter()
        .map(|(name, html)| write(&dir, name, html))
        .collect();
    let texts = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            paths
                .iter()
                .map(|p| Ingest::default().read(p).unwrap().text)
                .collect::<Vec<_>>()
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(texts[0], "Held.");
    assert_eq!(texts[1], "Held.");
    assert!(texts[2].ends_with("- Held."), "{}", &texts[2][..60]);
}

// issue 14: a 587-byte PDF whose page tree loops hung pdf-extract forever. PDFium reads it
// at once; whatever an engine does with such a file, it costs that file only (a hang is
// stopped by the time budget: see the `sleep` fault below).
#[test]
fn looping_pdf_costs_only_itself() {
    let dir = TempDir::new().unwrap();
    let pdf = looping_pdf();
    assert!(pdf.len() < 700, "{} bytes", pdf.len());
    let looping = write(&dir, "loop.pdf", pdf);
    let good = write(&dir, "good.txt", "Border guards held 40 men.");
    let mut reader = isolated(Limits {
        max_seconds: 3,
        ..Limits::default()
    });
    let started = std::time::Instant::now();
    let result = reader.read(&looping);
    assert!(started.elapsed().as_secs() < 10);
    match result {
        Ok(document) => assert_eq!(document.text, "Detainees were held."),
        Err(Error::BadInput { path, .. }) => assert_eq!(path, looping),
        Err(other) => panic!("expected a per-file result, got {other:?}"),
    }
    assert_eq!(
        reader.read(&good).unwrap().text,
        "Border guards held 40 men."
    );
}

/// The timeout and crash handling, with a worker made to misbehave on given file names
/// (a test hook of the worker).
#[test]
fn a_crashing_or_stuck_reader_fails_that_file_only() {
    let dir = TempDir::new().unwrap();
    let good = write(&dir, "good.txt", "Border guards held 40 men.");
    let faults = "abort:abort.txt,segv:segv.txt,overflow:overflow.txt,exit:exit.txt,\
                  sleep:sleep.txt,alloc:hog.txt";
    // Seconds enough for the memory hog to reach its cap on a busy machine.
    let mut reader = isolated(Limits {
        max_seconds: 6,
        max_memory: Some(512 << 20),
        ..Limits::default()
    })
    .worker_env(FAULT_ENV, faults);
    for (name, expected) in [
        ("abort.txt", "the reader crashed (signal 6, SIGABRT"),
        ("segv.txt", "the reader crashed (signal 11, SIGSEGV"),
        ("overflow.txt", "stack overflow"),
        ("exit.txt", "the reader stopped unexpectedly (exit status 3"),
        ("sleep.txt", "extraction took longer than 6 s; stopped"),
        (
            "hog.txt",
            "the reader ran out of memory (limit: 512 MiB beyond its start-up size); stopped",
        ),
    ] {
        let path = write(&dir, name, "Anything.");
        let cause = reason(reader.read(&path), &path);
        assert!(cause.contains(expected), "{name}: {cause}");
        // The run goes on with a new worker.
        assert_eq!(
            reader.read(&good).unwrap().text,
            "Border guards held 40 men."
        );
    }
}

#[test]
fn a_worker_that_cannot_start_is_a_setup_error() {
    let dir = TempDir::new().unwrap();
    let good = write(&dir, "good.txt", "Text.");
    for exe in ["/nonexistent/claimscan", "/bin/true"] {
        let mut reader = IsolatedReader::new(PathBuf::from(exe), Limits::default());
        match reader.read(&good) {
            Err(Error::Config(message)) => {
                assert!(
                    message.contains("could not start the extraction worker"),
                    "{message}"
                )
            }
            other => panic!("{exe}: {other:?}"),
        }
    }
}

#[test]
fn the_worker_gives_the_same_results_as_ingest() {
    let dir = TempDir::new().unwrap();
    let txt = write(&dir, "a.txt", "Title\r\n\r\nJose\u{301} was held.\t \r\n");
    let missing = dir.path().join("missing.txt");
    let binary = write(&dir, "b.txt", b"GIF89a\x01\x00\x01\x00\x00\xff\x00,x");
    let mut reader = isolated(worker_limits());
    let here = Ingest::default().read(&txt).unwrap();
    let there = reader.read(&txt).unwrap();
    assert_eq!(there.path, txt);
    assert_eq!(
        (&there.text, &there.title, &there.sha256, &there.source_text),
        (&here.text, &here.title, &here.sha256, &here.source_text)
    );
    assert_eq!(there.source_span(0, 5), here.source_span(0, 5));
    match reader.read(&missing) {
        Err(Error::Io { path, source }) => {
            assert_eq!(path, missing);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        reason(reader.read(&binary), &binary),
        "binary file, not text"
    );
}

/// A parser's panic is caught without a word on standard error (a panic report would land
/// in the middle of a run's output): run in a child test process to see its stderr.
#[test]
fn caught_parser_panics_print_nothing() {
    const CHILD: &str = "CLAIMSCAN_HOSTILE_PANIC_CHILD";
    if std::env::var_os(CHILD).is_some() {
        let caught =
            claimscan::ingest::quiet_panics(|| -> u8 { panic!("content stream ends early") });
        match caught {
            Err(panic) => println!("RESULT {panic}"),
            Ok(_) => println!("RESULT no panic"),
        }
        return;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "hostile::caught_parser_panics_print_nothing",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("RESULT content stream ends early"),
        "{stdout}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("stack backtrace"), "{stderr}");
}

// ---------------------------------------------------------------------------------------
// Bounded memory

#[test]
fn a_docx_that_expands_to_40_mb_of_text_is_refused_in_bounded_memory() {
    let dir = TempDir::new().unwrap();
    let paragraph = format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        "Guards beat the detainees. ".repeat(400)
    );
    let docx = docx_with_body(|out| {
        for _ in 0..(40 << 20) / paragraph.len() {
            out.write_all(paragraph.as_bytes()).unwrap();
        }
    });
    assert!(docx.len() < 2 << 20, "{} bytes", docx.len());
    let path = write(&dir, "bomb.docx", docx);
    let limits = Limits {
        max_chars: 1_000_000,
        max_memory: Some(256 << 20),
        ..worker_limits()
    };
    let (result, growth) = read_measured(limits, &path);
    assert_eq!(
        reason(result, &path),
        "text is over the limit of 1000000 characters (--max-chars)"
    );
    assert!(growth < 64, "+{growth} MiB");
}

#[test]
fn a_docx_with_one_40_mb_text_run_is_refused_in_bounded_memory() {
    let dir = TempDir::new().unwrap();
    let docx = docx_with_body(|out| {
        out.write_all(b"<w:p><w:r><w:t>").unwrap();
        let chunk = "They were returned. ".repeat(1000);
        for _ in 0..(40 << 20) / chunk.len() {
            out.write_all(chunk.as_bytes()).unwrap();
        }
        out.write_all(b"</w:t></w:r></w:p>").unwrap();
    });
    let path = write(&dir, "run.docx", docx);
    let limits = Limits {
        max_chars: 1_000_000,
        max_memory: Some(256 << 20),
        ..worker_limits()
    };
    let (result, growth) = read_measured(limits, &path);
    assert_eq!(
        reason(result, &path),
        "text is over the limit of 1000000 characters (--max-chars)"
    );
    assert!(growth < 64, "+{growth} MiB");
}

#[test]
fn a_docx_of_300_mb_of_markup_is_refused_before_inflating() {
    let dir = TempDir::new().unwrap();
    let docx = docx_with_body(|out| {
        let chunk = "<w:p/>".repeat(10_000);
        for _ in 0..(300 << 20) / chunk.len() {
            out.write_all(chunk.as_bytes()).unwrap();
        }
    });
    let path = write(&dir, "markup.docx", docx);
    let started = std::time::Instant::now();
    let cause = reason(Ingest::default().read(&path), &path);
    assert!(
        cause.starts_with("not a valid .docx: word/document.xml is 3145")
            && cause.ends_with("bytes uncompressed, over 268435456"),
        "{cause}"
    );
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn a_20_mb_one_line_text_is_refused_in_bounded_memory() {
    let dir = TempDir::new().unwrap();
    let line = "Detainees were held without charge in the northern camp. ".repeat(360_000);
    let path = write(&dir, "line.txt", &line);
    let chars = line.len();
    drop(line);
    let limits = Limits {
        max_chars: 1_000_000,
        max_memory: Some(512 << 20),
        ..worker_limits()
    };
    let (result, growth) = read_measured(limits, &path);
    assert_eq!(
        reason(result, &path),
        format!("text is {chars} characters, over the limit of 1000000 (--max-chars)")
    );
    // The file and its decoded copy.
    assert!(growth < 2 * 21 + 16, "+{growth} MiB");
}

#[test]
fn a_4_mb_one_line_text_is_read_in_bounded_memory() {
    let dir = TempDir::new().unwrap();
    let line = "Detainees were held without charge in the camp.\t ".repeat(80_000) + "\r\n";
    let path = write(&dir, "line.txt", &line);
    let (result, growth) = read_measured(worker_limits(), &path);
    let document = result.unwrap();
    assert_eq!(document.text.len(), line.trim_end().len());
    assert_eq!(document.source_text.as_deref(), Some(line.as_str()));
    // Raw bytes, the decoded source, the normalised text and their copies in the reply:
    // a small multiple of 4 MB, nothing per char.
    assert!(growth < 48, "+{growth} MiB");
}

#[test]
fn six_mb_of_initials_are_read_in_bounded_memory() {
    let dir = TempDir::new().unwrap();
    let initials: String = (0..3_000_000)
        .map(|i| format!("{}. ", (b'A' + (i % 26) as u8) as char))
        .collect();
    let path = write(&dir, "initials.txt", &initials);
    let limits = Limits {
        max_chars: 10_000_000,
        ..worker_limits()
    };
    let (result, growth) = read_measured(limits, &path);
    assert_eq!(result.unwrap().text.len(), initials.trim_end().len());
    assert!(growth < 72, "+{growth} MiB");
}

// ---------------------------------------------------------------------------------------
// Encodings

#[test]
fn utf16_without_bom_in_cyrillic_is_text() {
    let dir = TempDir::new().unwrap();
    let text = "Пограничники задержали 40 человек.\nИх выслали в тот же день.";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let path = write(&dir, "ru.txt", bytes);
    let document = Ingest::default().read(&path).unwrap();
    assert_eq!(
        (document.text.as_str(), document.encoding.as_str()),
        (text, "UTF-16LE")
    );
}

#[test]
fn invalid_utf8_mid_file_stays_utf8_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b"Police detained 40 people.\nThey were beaten and ".to_vec();
    bytes.extend(b"\xff\xfe\xc3\x28 tortured.\nThe ministry denied it.\n");
    let path = write(&dir, "broken.txt", &bytes);
    for document in [
        Ingest::default().read(&path).unwrap(),
        isolated(worker_limits()).read(&path).unwrap(),
    ] {
        assert_eq!(
            document.text,
            "Police detained 40 people.\nThey were beaten and \u{FFFD}\u{FFFD}\u{FFFD}( tortured.\n\
             The ministry denied it."
        );
        assert_eq!(
            document.warnings,
            [format!(
                "{}:2: invalid UTF-8: 3 bytes replaced with U+FFFD",
                path.display()
            )]
        );
    }
}

// ---------------------------------------------------------------------------------------
// Inputs that vanish or are no files

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
}

#[cfg(unix)]
#[test]
fn vanishing_inputs_are_reported_and_nothing_blocks() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().unwrap();
    let ok = write(&dir, "ok.txt", "Police detained 40 people.");
    let dangling = dir.path().join("dangling.txt");
    symlink(dir.path().join("gone.txt"), &dangling).unwrap();
    let looping = dir.path().join("loop.md");
    symlink(&looping, &looping).unwrap();
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    // Not a supported extension: ignored in a folder, like any other such file.
    mkfifo(&dir.path().join("pipe.bin"));

    let reasons = |entries: Vec<Discovered>| -> Vec<(PathBuf, Option<String>)> {
        entries
            .into_iter()
            .map(|e| (e.path().to_path_buf(), e.skip_reason().map(str::to_string)))
            .collect()
    };
    let broken = Some("broken symbolic link (its target does not exist)".to_string());
    let a_loop = Some("symbolic link loop (too many levels of symbolic links)".to_string());
    let a_fifo = Some("is a FIFO (named pipe), not a regular file".to_string());
    assert_eq!(
        reasons(discover(&[dir.path().to_path_buf()])),
        [
            (dangling.clone(), broken.clone()),
            (looping.clone(), a_loop.clone()),
            (ok.clone(), None),
            (fifo.clone(), a_fifo.clone()),
        ]
    );
    // Named on the command line: the same, and the others are still found.
    let zero = PathBuf::from("/dev/zero");
    let named = discover(&[
        dangling.clone(),
        looping.clone(),
        fifo.clone(),
        zero.clone(),
        ok.clone(),
    ]);
    assert_eq!(
        reasons(named),
        [
            (
                zero.clone(),
                Some("is a character device, not a regular file".to_string())
            ),
            (dangling.clone(), broken),
            (looping.clone(), a_loop),
            (ok.clone(), None),
            (fifo.clone(), a_fifo),
        ]
    );
    // Reading them anyway does not block or run forever.
    let ingest = Ingest::default();
    assert_eq!(
        reason(ingest.read(&fifo), &fifo),
        "is a FIFO (named pipe), not a regular file"
    );
    assert_eq!(
        reason(ingest.read(&zero), &zero),
        "is a character device, not a regular file"
    );
    assert!(matches!(ingest.read(&dangling), Err(Error::Io { .. })));
    assert!(matches!(ingest.read(&looping), Err(Error::Io { .. })));
    // Hashing a failed file is bounded too.
    assert_eq!(sha256_file_limited(&zero, 1 << 20).unwrap(), None);
    assert_eq!(sha256_file_limited(&fifo, 1 << 20).unwrap(), None);
    assert_eq!(
        sha256_file_limited(&ok, 10).unwrap(),
        None,
        "over the limit"
    );
    assert_eq!(
        sha256_file_limited(&ok, 1 << 20).unwrap().as_deref(),
        Some(ingest.read(&ok).unwrap().sha256.as_str())
    );
}

/// An unreadable subfolder is reported and the rest is found. The tests may run as root,
/// which reads any folder, so the walk runs on a thread whose file-system user is `nobody`
/// (`setfsuid` is per thread on Linux and drops the thread's override capabilities).
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_subfolder_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    const NOBODY: libc::uid_t = 65534;
    let dir = TempDir::new().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    write(&dir, "a.txt", "A.");
    write(&dir, "z.txt", "Z.");
    write(&dir, "locked/inside.txt", "Hidden.");
    let locked = dir.path().join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = dir.path().to_path_buf();
    let found = std::thread::spawn(move || {
        // SAFETY: setfsuid only changes this thread's file-system credentials.
        unsafe { libc::setfsuid(NOBODY) };
        assert!(
            std::fs::read_dir(root.join("locked")).is_err(),
            "still readable"
        );
        discover(std::slice::from_ref(&root))
            .into_iter()
            .map(|e| (e.path().to_path_buf(), e.skip_reason().map(str::to_string)))
            .collect::<Vec<(PathBuf, Option<String>)>>()
    })
    .join()
    .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let root = dir.path();
    assert_eq!(
        found,
        [
            (root.join("a.txt"), None),
            (
                root.join("locked"),
                Some("folder cannot be read: Permission denied (os error 13)".to_string())
            ),
            (root.join("z.txt"), None),
        ]
    );
}
