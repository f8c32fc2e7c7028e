//! Tests of document ingest. Every input is generated here, in a temporary folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use claimscan::ingest::{discover, Discovered, DocFormat, Document, Ingest, SUPPORTED_EXTENSIONS};
use claimscan::Error;
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

fn read(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> Document {
    let path = write(dir, name, bytes);
    Ingest::default()
        .read(&path)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The reason of a BadInput error (panics on success or another error).
fn bad_input_reason(result: claimscan::Result<Document>) -> String {
    match result {
        Err(Error::BadInput { reason, .. }) => reason,
        Err(other) => panic!("expected BadInput, got {other:?}"),
        Ok(document) => panic!("expected BadInput, got a document: {:?}", document.text),
    }
}

fn read_error(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = write(dir, name, bytes);
    let error = Ingest::default().read(&path);
    if let Err(Error::BadInput {
        path: error_path, ..
    }) = &error
    {
        assert_eq!(error_path, &path, "the error names the file");
    }
    bad_input_reason(error)
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// A .docx with the given `w:body` content and optional `dc:title`.
fn make_docx(body: &str, core_title: Option<&str>) -> Vec<u8> {
    let mut parts = vec![
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
                .to_string(),
        ),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
                 <w:body>{body}</w:body></w:document>"
            ),
        ),
    ];
    if let Some(title) = core_title {
        parts.push((
            "docProps/core.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties \
                 xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title></cp:coreProperties>"
            ),
        ));
    }
    zip_of(&parts)
}

fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut cursor = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut cursor);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    cursor.into_inner()
}

/// A `w:p` with one run of text and optional paragraph properties.
fn docx_paragraph(properties: &str, text: &str) -> String {
    format!(
        "<w:p><w:pPr>{properties}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
    )
}

// ---------------------------------------------------------------------------------------
// Plain text

#[test]
fn utf8_text_is_read_with_metadata() {
    let dir = TempDir::new().unwrap();
    let content = "Detention at Sector 9\n\nBorder guards held 40 Afghan men for three days.\r\nThey were reportedly denied water.\r\n";
    let document = read(&dir, "note.txt", content);
    assert_eq!(document.format, DocFormat::Txt);
    assert_eq!(
        document.text,
        "Detention at Sector 9\n\nBorder guards held 40 Afghan men for three days.\nThey were reportedly denied water."
    );
    assert_eq!(document.title.as_deref(), Some("Detention at Sector 9"));
    assert_eq!(document.encoding, "UTF-8");
    assert_eq!(document.bytes, content.len() as u64);
    use sha2::Digest;
    assert_eq!(
        document.sha256,
        format!("{:x}", sha2::Sha256::digest(content.as_bytes()))
    );
    assert_eq!(document.sha256.len(), 64);
    assert!(document.page_starts.is_empty());
    assert_eq!(document.pages(), 0);
    assert_eq!(document.page_of(5), None);
    assert_eq!(document.path, dir.path().join("note.txt"));
}

#[test]
fn text_without_a_title_line_has_no_title() {
    let dir = TempDir::new().unwrap();
    let document = read(
        &dir,
        "a.txt",
        "The camp was closed in May 2023 after a fire.\n",
    );
    assert_eq!(document.title, None);
}

#[test]
fn lone_cr_line_ends_become_lf() {
    let dir = TempDir::new().unwrap();
    let document = read(
        &dir,
        "mac.txt",
        "First line.\rSecond line.\r\rNew paragraph.",
    );
    assert_eq!(document.text, "First line.\nSecond line.\n\nNew paragraph.");
}

#[test]
fn latin1_text_is_detected() {
    let dir = TempDir::new().unwrap();
    let text =
        "Les réfugiés de São Tomé et Zoë Müller ont été expulsés vers la frontière à l'aube.";
    let document = read(&dir, "latin1.txt", windows_1252(text));
    assert_eq!(document.text, text);
    assert_eq!(document.encoding, "windows-1252");
}

#[test]
fn windows_1252_curly_quotes_are_detected() {
    let dir = TempDir::new().unwrap();
    let text = "The minister said: “No one will be returned to danger.” Critics – including Señora Ibáñez – called the €50 fine “a bounty”.";
    let document = read(&dir, "cp1252.txt", windows_1252(text));
    assert_eq!(document.text, text);
    assert_eq!(document.encoding, "windows-1252");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = TempDir::new().unwrap();
    let text = "Rohingya families in the camps reported night raids by armed groups.\nAid was cut.";
    let mut little = vec![0xFF, 0xFE];
    little.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut big = vec![0xFE, 0xFF];
    big.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let le = read(&dir, "le.txt", little);
    let be = read(&dir, "be.txt", big);
    assert_eq!((le.text.as_str(), le.encoding.as_str()), (text, "UTF-16LE"));
    assert_eq!((be.text.as_str(), be.encoding.as_str()), (text, "UTF-16BE"));
}

#[test]
fn utf16_without_bom_is_not_taken_for_binary() {
    let dir = TempDir::new().unwrap();
    let text = "Interceptions at sea rose sharply in the spring.";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let document = read(&dir, "nobom.txt", bytes);
    assert_eq!(
        (document.text.as_str(), document.encoding.as_str()),
        (text, "UTF-16LE")
    );
}

#[test]
fn utf8_bom_is_dropped() {
    let dir = TempDir::new().unwrap();
    let document = read(
        &dir,
        "bom.txt",
        "\u{FEFF}Café owners hid the family.".as_bytes(),
    );
    assert_eq!(document.text, "Café owners hid the family.");
    assert_eq!(document.encoding, "UTF-8");
}

#[test]
fn text_is_normalised() {
    let dir = TempDir::new().unwrap();
    let raw = "Jose\u{301} was depor\u{AD}ted\u{7} after\u{A0}12\u{A0}days.\u{B}The \u{FB01}le   \n\n\n\nwas closed.  ";
    let document = read(&dir, "odd.txt", raw);
    assert_eq!(
        document.text,
        "José was deported after 12 days.\nThe file\n\nwas closed."
    );
}

#[test]
fn extension_case_is_ignored() {
    let dir = TempDir::new().unwrap();
    let document = read(
        &dir,
        "SHOUT.TXT",
        "Officials confirmed the expulsion order.",
    );
    assert_eq!(document.format, DocFormat::Txt);
    let document = read(&dir, "page.HTM", "<p>Officials confirmed the order.</p>");
    assert_eq!(document.format, DocFormat::Html);
}

// ---------------------------------------------------------------------------------------
// Markdown

#[test]
fn markdown_syntax_is_removed() {
    let dir = TempDir::new().unwrap();
    let md = "---\nauthor: desk\n---\n\
              # Expulsions from *Sindh* Province\n\
              Police **reportedly** raided [three settlements](https://example.org/raids) at dawn.\n\
              ![map of the raids](map.png)\n\n\
              ## Demands\n\
              - Stop the `Illegal Foreigners` round-ups.\n\
              1. Grant access to UNHCR.\n\n\
              ```\nnot = prose\n```\n\
              > The ministry said it would ~~not~~ comply.\n";
    let document = read(&dir, "brief.md", md);
    assert_eq!(document.format, DocFormat::Md);
    assert_eq!(
        document.text,
        "Expulsions from Sindh Province\n\n\
         Police reportedly raided three settlements at dawn.\n\n\
         Demands\n\n\
         - Stop the Illegal Foreigners round-ups.\n\
         1. Grant access to UNHCR.\n\n\
         The ministry said it would not comply."
    );
    assert_eq!(
        document.title.as_deref(),
        Some("Expulsions from Sindh Province")
    );
}

#[test]
fn markdown_title_falls_back_to_a_lower_heading() {
    let dir = TempDir::new().unwrap();
    let document = read(&dir, "b.md", "Intro line.\n\n### Field notes\n\nText.");
    assert_eq!(document.title.as_deref(), Some("Field notes"));
}

// ---------------------------------------------------------------------------------------
// HTML

const PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Lebanon: Returns &amp; Raids</title>
<style>p { color: red; }</style><script>var tracking = "Deported";</script></head>
<body>
<header><a href="/">Home</a> <a href="/about">About us</a></header>
<nav><ul><li>Reports</li><li>News</li></ul></nav>
<main>
<h1>Lebanon: Returns &amp; Raids</h1>
<p>Soldiers   raided an informal settlement near <b>Arsal</b> on 4 May,
according to residents.</p>
<p>The army said the raids targeted &ldquo;irregular&rdquo; residents.</p>
<ol><li>End deportations to Syria.</li><li>Publish the <em>criteria</em> used.</li></ol>
<blockquote>They took my brother at the checkpoint.</blockquote>
<table><tr><th>Month</th><th>Deportations</th></tr><tr><td>April</td><td>312</td></tr></table>
<figure><img src="x.jpg"><figcaption>Tents after the raid.</figcaption></figure>
<noscript>Enable JavaScript</noscript>
<aside>Related: donate now</aside>
<form><button>Subscribe</button></form>
<svg><text>chart</text></svg>
<div hidden>secret</div>
</main>
<footer>© 2024 Example Watch. All rights reserved.</footer>
</body></html>"#;

#[test]
fn html_keeps_content_blocks_and_drops_chrome() {
    let dir = TempDir::new().unwrap();
    let document = read(&dir, "lebanon.html", PAGE);
    assert_eq!(document.format, DocFormat::Html);
    assert_eq!(
        document.text,
        "Lebanon: Returns & Raids\n\n\
         Soldiers raided an informal settlement near Arsal on 4 May, according to residents.\n\n\
         The army said the raids targeted “irregular” residents.\n\n\
         1. End deportations to Syria.\n\n\
         2. Publish the criteria used.\n\n\
         They took my brother at the checkpoint.\n\n\
         Month | Deportations\n\n\
         April | 312\n\n\
         Tents after the raid."
    );
    assert_eq!(document.title.as_deref(), Some("Lebanon: Returns & Raids"));
    assert_eq!(document.encoding, "UTF-8");
}

#[test]
fn html_title_falls_back_to_first_h1() {
    let dir = TempDir::new().unwrap();
    let document = read(
        &dir,
        "t.html",
        "<body><h1>Pushbacks at Sea</h1><p>Boats were towed back.</p></body>",
    );
    assert_eq!(document.title.as_deref(), Some("Pushbacks at Sea"));
}

#[test]
fn html_meta_charset_is_honoured() {
    let dir = TempDir::new().unwrap();
    let html = "<html><head><meta charset=\"windows-1252\"><title>Haïti</title></head>\
                <body><p>Les agents ont expulsé Jean-Frédéric vers Ouanaminthe.</p></body></html>";
    let document = read(&dir, "fr.html", windows_1252(html));
    assert_eq!(
        document.text,
        "Les agents ont expulsé Jean-Frédéric vers Ouanaminthe."
    );
    assert_eq!(document.title.as_deref(), Some("Haïti"));
    assert_eq!(document.encoding, "windows-1252");
}

#[test]
fn html_without_charset_is_detected() {
    let dir = TempDir::new().unwrap();
    let html = "<p>Señora Núñez described the “quiet” deportations from Santo Domingo.</p>";
    let document = read(&dir, "es.htm", windows_1252(html));
    assert_eq!(
        document.text,
        "Señora Núñez described the “quiet” deportations from Santo Domingo."
    );
    assert_eq!(document.encoding, "windows-1252");
}

#[test]
fn html_with_a_utf16_bom_is_decoded() {
    let dir = TempDir::new().unwrap();
    let html = "<title>Évacuation</title><p>Families in Cité Soleil were evicted by armed men.</p>";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(html.encode_utf16().flat_map(u16::to_le_bytes));
    let document = read(&dir, "utf16.html", bytes);
    assert_eq!(
        document.text,
        "Families in Cité Soleil were evicted by armed men."
    );
    assert_eq!(document.title.as_deref(), Some("Évacuation"));
    assert_eq!(document.encoding, "UTF-16LE");
}

// ---------------------------------------------------------------------------------------
// DOCX

#[test]
fn docx_paragraphs_headings_lists_and_tables() {
    let dir = TempDir::new().unwrap();
    let body = [
        docx_paragraph("<w:pStyle w:val=\"Heading1\"/>", "Testimony of a Returnee"),
        "<w:p><w:r><w:t xml:space=\"preserve\">Police in Tumen </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>\
         <w:t>arrested</w:t></w:r><w:r><w:t xml:space=\"preserve\"> her &amp; her son.</w:t><w:tab/>\
         <w:t>She was</w:t><w:br/><w:t>handed over to border guards.</w:t></w:r></w:p>"
            .to_string(),
        docx_paragraph("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>", "Release all detainees."),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>2023</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>600 returned</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            .to_string(),
        "<w:p><w:r><w:delText>Deleted draft sentence.</w:delText></w:r></w:p>".to_string(),
    ]
    .concat();
    let document = read(&dir, "testimony.docx", make_docx(&body, None));
    assert_eq!(document.format, DocFormat::Docx);
    assert_eq!(
        document.text,
        "Testimony of a Returnee\n\n\
         Police in Tumen arrested her & her son. She was\nhanded over to border guards.\n\n\
         - Release all detainees.\n\n\
         2023 | 600 returned"
    );
    assert_eq!(document.title.as_deref(), Some("Testimony of a Returnee"));
    assert_eq!(document.encoding, "DOCX");
    assert!(document.page_starts.is_empty());
}

#[test]
fn docx_title_comes_from_core_properties() {
    let dir = TempDir::new().unwrap();
    let body = docx_paragraph("<w:pStyle w:val=\"Heading2\"/>", "Background");
    let document = read(
        &dir,
        "c.docx",
        make_docx(&body, Some("Returns &amp; Reprisals")),
    );
    assert_eq!(document.title.as_deref(), Some("Returns & Reprisals"));
}

#[test]
fn broken_docx_is_bad_input() {
    let dir = TempDir::new().unwrap();
    let reason = read_error(&dir, "broken.docx", b"PK\x03\x04 this is not really a zip");
    assert!(reason.starts_with("not a valid .docx: "), "{reason}");
    let no_document = zip_of(&[("word/styles.xml", "<w:styles/>".to_string())]);
    let reason = read_error(&dir, "empty-zip.docx", no_document);
    assert_eq!(
        reason,
        "not a valid .docx: no word/document.xml in the archive"
    );
    let bad_xml = zip_of(&[(
        "word/document.xml",
        "<w:document><w:body><w:p></w:body>".to_string(),
    )]);
    let reason = read_error(&dir, "bad-xml.docx", bad_xml);
    assert!(
        reason.starts_with("not a valid .docx: word/document.xml: "),
        "{reason}"
    );
}

#[test]
fn docx_without_text_is_empty() {
    let dir = TempDir::new().unwrap();
    let reason = read_error(
        &dir,
        "blank.docx",
        make_docx("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>", None),
    );
    assert_eq!(reason, "empty document (no text)");
}

#[test]
fn docx_named_txt_is_sniffed_as_docx() {
    let dir = TempDir::new().unwrap();
    let docx = make_docx(
        &docx_paragraph("", "The court ordered the release of the detainees."),
        None,
    );
    let document = read(&dir, "exported.txt", docx);
    assert_eq!(document.format, DocFormat::Docx);
    assert_eq!(
        document.text,
        "The court ordered the release of the detainees."
    );
}

// ---------------------------------------------------------------------------------------
// Bad input

#[test]
fn nul_bytes_mean_binary() {
    let dir = TempDir::new().unwrap();
    let reason = read_error(
        &dir,
        "image.txt",
        b"GIF89a\x01\x00\x01\x00\x00\xff\x00,detained",
    );
    assert_eq!(reason, "binary file, not text");
    let reason = read_error(&dir, "page.html", b"<p>ok</p>\x00\x00\x00");
    assert_eq!(reason, "binary file, not text");
}

#[test]
fn many_control_characters_mean_binary() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b"report".to_vec();
    bytes.extend([0x01, 0x02, 0x03, 0x1b, 0x7f, 0x05].repeat(3));
    assert_eq!(read_error(&dir, "ctl.txt", bytes), "binary file, not text");
}

#[test]
fn undecodable_text_is_unknown_encoding() {
    let dir = TempDir::new().unwrap();
    // Pseudo-random bytes above 0x7F: no encoding makes text of them.
    let mut seed: u32 = 2024;
    let bytes: Vec<u8> = (0..600)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            0x80 | (seed >> 16) as u8
        })
        .collect();
    assert_eq!(
        read_error(&dir, "noise.txt", bytes),
        "unknown text encoding"
    );
}

#[test]
fn empty_and_blank_files_are_empty_documents() {
    let dir = TempDir::new().unwrap();
    assert_eq!(
        read_error(&dir, "empty.txt", ""),
        "empty document (no text)"
    );
    assert_eq!(
        read_error(&dir, "empty.pdf", ""),
        "empty document (no text)"
    );
    assert_eq!(
        read_error(&dir, "blank.md", " \n\t\r\n \u{A0}"),
        "empty document (no text)"
    );
    assert_eq!(
        read_error(&dir, "code.md", "```\nfn main() {}\n```\n"),
        "empty document (no text)"
    );
    let script_only = "<html><head><title>T</title><script>x()</script></head><body><nav>Menu</nav></body></html>";
    assert_eq!(
        read_error(&dir, "chrome.html", script_only),
        "empty document (no text)"
    );
}

#[test]
fn files_over_the_limit_are_refused() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "big.txt", "Refugees were detained. ".repeat(10));
    let ingest = Ingest {
        max_bytes: 100,
        ..Ingest::default()
    };
    let reason = bad_input_reason(ingest.read(&path));
    assert_eq!(
        reason,
        "file is 240 bytes, over the limit of 100 (--max-bytes)"
    );
    let at_limit = Ingest {
        max_bytes: 240,
        ..Ingest::default()
    };
    assert!(at_limit.read(&path).is_ok());
    assert_eq!(Ingest::default().max_bytes, 50 * 1024 * 1024);
}

#[test]
fn unsupported_extensions_are_named() {
    let dir = TempDir::new().unwrap();
    let reason = read_error(&dir, "sheet.xyz", "Deportations by month");
    let supported = SUPPORTED_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(
        reason,
        format!("unsupported format '.xyz' (supported: {supported})")
    );
    let reason = read_error(&dir, "README", "No extension.");
    assert!(
        reason.starts_with("unsupported format (no file extension)"),
        "{reason}"
    );
}

#[test]
fn missing_file_is_an_io_error() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("missing.txt");
    match Ingest::default().read(&path) {
        Err(Error::Io {
            path: error_path,
            source,
        }) => {
            assert_eq!(error_path, path);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("expected Io, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "locked.txt", "Names of informants.");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!("running with privileges that ignore file permissions; check skipped");
        return;
    }
    assert!(matches!(
        Ingest::default().read(&path),
        Err(Error::Io { .. })
    ));
}

#[test]
fn a_directory_is_not_a_document() {
    let dir = TempDir::new().unwrap();
    let reason = bad_input_reason(Ingest::default().read(dir.path()));
    assert_eq!(reason, "is a directory, not a document");
}

// ---------------------------------------------------------------------------------------
// Discovery

/// The files of a discovery; panics on a skipped entry.
fn files(entries: Vec<Discovered>) -> Vec<PathBuf> {
    entries
        .into_iter()
        .map(|entry| match entry {
            Discovered::File(path) => path,
            skipped => panic!("unexpected {skipped:?}"),
        })
        .collect()
}

#[test]
fn discover_walks_folders_and_skips_hidden_and_unsupported_files() {
    let dir = TempDir::new().unwrap();
    for name in [
        "b.txt",
        "a.PDF",
        "sub/c.md",
        "sub/deeper/d.html",
        "sub/e.docx",
        "notes.csv",
        ".hidden.txt",
        ".git/f.txt",
        "sub/.cache/g.md",
    ] {
        write(&dir, name, "x");
    }
    let found = files(discover(&[dir.path().to_path_buf()]));
    let names: Vec<String> = found
        .iter()
        .map(|p| {
            p.strip_prefix(dir.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "a.PDF",
            "b.txt",
            "sub/c.md",
            "sub/deeper/d.html",
            "sub/e.docx"
        ]
    );
}

#[test]
fn discover_keeps_named_files_and_deduplicates() {
    let dir = TempDir::new().unwrap();
    let csv = write(&dir, "table.csv", "x");
    let txt = write(&dir, "z.txt", "x");
    let dotted = dir.path().join(".").join("z.txt");
    let found = files(discover(&[
        txt.clone(),
        csv.clone(),
        dir.path().to_path_buf(),
        dotted,
    ]));
    assert_eq!(found, vec![csv, txt]);
}

#[test]
fn discover_expands_glob_patterns() {
    let dir = TempDir::new().unwrap();
    for name in [
        "r1.pdf",
        "r2.pdf",
        "r3.txt",
        "in/r4.pdf",
        ".r5.pdf",
        "folder.pdf/x.md",
    ] {
        write(&dir, name, "x");
    }
    let pattern = dir.path().join("*.pdf");
    let found = files(discover(&[pattern]));
    let names: Vec<String> = found
        .iter()
        .map(|p| {
            p.strip_prefix(dir.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    // A folder that matches is searched; hidden files need an explicit dot.
    assert_eq!(names, ["folder.pdf/x.md", "r1.pdf", "r2.pdf"]);
    let recursive = files(discover(&[dir.path().join("**").join("*.pdf")]));
    assert_eq!(recursive.len(), 4, "{recursive:?}");
}

#[test]
fn discover_reports_missing_paths_and_empty_patterns() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nowhere.txt");
    let kept = write(&dir, "kept.txt", "x");
    let found = discover(&[
        missing.clone(),
        dir.path().join("*.docx"),
        dir.path().join("[unclosed"),
        kept.clone(),
    ]);
    // Reasons cut at the first ':' (the glob parser's message varies).
    let reasons: Vec<(PathBuf, Option<String>)> = found
        .iter()
        .map(|e| {
            let reason = e
                .skip_reason()
                .map(|r| r.split(':').next().unwrap().to_string());
            (e.path().to_path_buf(), reason)
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (
                dir.path().join("*.docx"),
                Some("no supported documents match this pattern")
            ),
            (
                dir.path().join("[unclosed"),
                Some("invalid glob pattern") // + the parser's message
            ),
            (kept, None),
            (missing, Some("no such file or folder")),
        ]
        .map(|(path, reason)| (path, reason.map(str::to_string)))
    );
}

// ---------------------------------------------------------------------------------------
// Offsets into the file's own text (issue 13)

/// A small deterministic generator (no dependency, reproducible cases).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SENTENCES: &[&str] = &[
    "Police detained 40 people in May.",
    "The ministry said they would be returned.",
    "Jose\u{301} Pe\u{301}rez was held for 12 days.",
    "Guards\tbeat the detainees at night.",
    "The camp\u{7} was closed after a fire.",
    "Families were depor\u{AD}ted to the border.",
    "Aid\u{A0}workers were denied access.",
    "The \u{FB01}les were lost in transit.",
    "Dr. Osei said that 1,200 Afghans were returned.",
    "Refugees in the camp reported beatings; nobody was charged.",
];

/// A document in .txt or .md with the perturbations of issue 13: CRLF and CR line ends,
/// trailing spaces, runs of blank lines, tabs, NFD accents, a byte order mark, control
/// characters, hard-wrapped lines, headings and list items (Markdown).
fn perturbed_document(rng: &mut Lcg, markdown: bool) -> String {
    let mut text = String::new();
    if rng.below(3) == 0 {
        text.push('\u{FEFF}');
    }
    for _ in 0..3 + rng.below(5) {
        let line_end = rng.pick(&["\n", "\r\n", "\r\n", "\r"]);
        if markdown && rng.below(3) == 0 {
            text.push_str(rng.pick(&["# ", "## ", "- ", "1. "]));
            text.push_str("Findings on the camps");
            text.push_str(line_end);
            text.push_str(line_end);
        }
        for _ in 0..1 + rng.below(4) {
            let sentence = rng.pick(SENTENCES);
            // Hard wrap some sentences at a space.
            let wrapped = match sentence.find(' ').filter(|_| rng.below(3) == 0) {
                Some(at) => format!("{}{line_end}{}", &sentence[..at], &sentence[at + 1..]),
                None => sentence.to_string(),
            };
            text.push_str(&wrapped);
            text.push_str(rng.pick(&[" ", "  ", "\t", ""]));
            if rng.below(2) == 0 {
                text.push_str(rng.pick(&["", " ", "\t "]));
                text.push_str(line_end);
            }
        }
        for _ in 0..1 + rng.below(4) {
            text.push_str(rng.pick(&["", "  ", "\t", "\u{C}"]));
            text.push_str(line_end);
        }
    }
    text
}

/// Text up to the normalisation: no whitespace, control or invisible chars, NFKC (which
/// also spells out ligatures).
fn comparable(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
        })
        .collect()
}

#[test]
fn units_map_back_into_the_source_text() {
    use claimscan::segment::{RuleSegmenter, Segmenter};
    let segmenter = RuleSegmenter::new();
    let dir = TempDir::new().unwrap();
    let mut rng = Lcg(2024);
    let mut units = 0;
    for case in 0..80 {
        let markdown = case % 2 == 1;
        let raw = perturbed_document(&mut rng, markdown);
        let name = format!("case{case}.{}", if markdown { "md" } else { "txt" });
        let document = read(&dir, &name, raw.as_bytes());
        let source = document
            .source_text
            .as_deref()
            .expect("text formats keep it");
        assert_eq!(source, raw.trim_start_matches('\u{FEFF}'), "{name}");
        let source: Vec<char> = source.chars().collect();
        for unit in segmenter.segment(&document.text) {
            let (start, end) = document.source_span(unit.char_start, unit.char_end);
            assert!(start < end && end <= source.len(), "{name}: {unit:?}");
            let slice: String = source[start..end].iter().collect();
            assert_eq!(
                comparable(&slice),
                comparable(&unit.text),
                "{name}: {unit:?} comes from {slice:?}"
            );
            // The span starts and ends on what the unit starts and ends with.
            assert!(!source[start].is_whitespace() && !source[end - 1].is_whitespace());
            units += 1;
        }
    }
    assert!(units > 500, "{units} units");
}

#[test]
fn formats_without_a_source_text_map_onto_themselves() {
    let dir = TempDir::new().unwrap();
    let document = read(&dir, "p.html", "<p>Police  detained\r\n40 people.</p>");
    assert_eq!(document.source_text, None);
    assert_eq!(document.source(), document.text);
    assert_eq!(document.source_span(3, 9), (3, 9));
}

// ---------------------------------------------------------------------------------------
// The shipped samples

#[test]
fn every_sample_reads_cleanly() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/documents");
    let paths = files(discover(&[samples]));
    assert!(paths.len() >= 8, "{paths:?}");
    let mut formats = Vec::new();
    for path in &paths {
        let document = Ingest::default()
            .read(path)
            .unwrap_or_else(|e| panic!("{e}"));
        let words = document.text.split_whitespace().count();
        assert!(
            (150..=650).contains(&words),
            "{}: {words} words",
            path.display()
        );
        assert!(document.bytes < 200 * 1024, "{}", path.display());
        assert!(document.title.is_some(), "{}: no title", path.display());
        assert!(
            !document.text.contains('\u{FFFD}'),
            "{}: replacement characters",
            path.display()
        );
        formats.push(document.format);
    }
    for format in [
        DocFormat::Txt,
        DocFormat::Md,
        DocFormat::Html,
        DocFormat::Pdf,
        DocFormat::Docx,
    ] {
        assert!(formats.contains(&format), "no {format:?} sample");
    }
}
