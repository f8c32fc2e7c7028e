//! Word `.docx`: the paragraphs of `word/document.xml`.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;

use super::EMPTY_DOCUMENT;
use super::{
    bad_input, build_document, too_many_chars, DocFormat, Document, DocumentReader, Extraction,
};
use crate::Result;

/// Reads `.docx` (a ZIP of XML parts) with `zip` and `quick-xml`.
///
/// * Each paragraph (`w:p`) is a block; blocks are separated by a blank line. Runs' text
///   (`w:t`) is concatenated; `w:tab` is a space, `w:br` / `w:cr` a line break, a
///   non-breaking hyphen a hyphen.
/// * Headings (style `Heading…` / `Title` / `Subtitle`, or an outline level) are blocks of
///   their own like any paragraph; list paragraphs (`w:numPr` or a `List…` style) start
///   with "- " (the numbering itself lives in numbering.xml and is not rebuilt).
/// * A table row is one block, its cells joined by " | " (as for HTML).
/// * Deleted tracked changes (`w:delText`), field codes (`w:instrText`) and the fallback
///   copy of text boxes (`mc:Fallback`, which repeats `mc:Choice`) are skipped. Headers,
///   footers, comments and footnotes live in other parts and are not read.
/// * Title: `dc:title` of docProps/core.xml, else the first heading.
/// * A broken ZIP or a missing `word/document.xml` → "not a valid .docx: ...".
/// * **Limits** (ZIP bombs): `word/document.xml` is inflated as a stream while it is
///   parsed, never as a whole, and abandoned as soon as its text passes `max_chars` (see
///   [`DocumentReader::read_capped`]), its uncompressed size passes 256 MiB (checked
///   against the size the archive declares before inflating, and while inflating), or a
///   single run of text between two tags is longer than `max_chars` could hold. Memory
///   stays proportional to the text kept, whatever the part expands to.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxReader;

/// Largest uncompressed XML part read (protects against ZIP bombs).
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Largest uncompressed `docProps/core.xml` read (a few properties).
const MAX_CORE_BYTES: u64 = 1024 * 1024;

const DOCUMENT_PART: &str = "word/document.xml";

impl DocumentReader for DocxReader {
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Document> {
        self.read_capped(path, bytes, usize::MAX)
    }

    fn read_capped(&self, path: &Path, bytes: &[u8], max_chars: usize) -> Result<Document> {
        let invalid = |cause: String| bad_input(path, format!("not a valid .docx: {cause}"));
        let mut archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| invalid(e.to_string()))?;
        let body = match read_body(&mut archive, max_chars) {
            Ok(Some(body)) => body,
            Ok(None) => return Err(invalid(format!("no {DOCUMENT_PART} in the archive"))),
            Err(PartError::TooManyChars) => {
                return Err(bad_input(path, too_many_chars(None, max_chars)))
            }
            Err(PartError::Invalid(cause)) => return Err(invalid(cause)),
        };
        // A broken core.xml only costs the title.
        let core_title = read_part(&mut archive, "docProps/core.xml", MAX_CORE_BYTES)
            .ok()
            .flatten()
            .and_then(|xml| core_title(&xml));
        let title = core_title.or(body.first_heading);
        let extraction = Extraction::unpaged(body.blocks.join("\n\n"), title, "DOCX");
        build_document(path, DocFormat::Docx, bytes, extraction, EMPTY_DOCUMENT)
    }
}

/// Whether a ZIP archive has the part every .docx has (used to sniff misnamed files).
pub(crate) fn has_document_xml(bytes: &[u8]) -> bool {
    ZipArchive::new(Cursor::new(bytes)).is_ok_and(|mut zip| zip.by_name(DOCUMENT_PART).is_ok())
}

/// Why `word/document.xml` could not be read.
#[derive(Debug)]
enum PartError {
    /// Its text is over the limit.
    TooManyChars,
    /// Anything else, as "not a valid .docx: {cause}".
    Invalid(String),
}

/// The text of `word/document.xml`, parsed while it is inflated; `Ok(None)` if the archive
/// has no such part.
fn read_body(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    max_chars: usize,
) -> std::result::Result<Option<Body>, PartError> {
    let name = DOCUMENT_PART;
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(PartError::Invalid(format!("{name}: {e}"))),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(PartError::Invalid(format!(
            "{name} is {} bytes uncompressed, over {MAX_PART_BYTES}",
            file.size()
        )));
    }
    // Text between two tags is at least a quarter as many chars as bytes (UTF-8), so a
    // longer stretch is over the limit for sure: stop before buffering it whole.
    let max_text_run = (max_chars as u64).saturating_mul(4).saturating_add(4096);
    let mut input = BufReader::new(CappedReader::new(file, MAX_PART_BYTES, max_text_run));
    let head = input
        .fill_buf()
        .map_err(|e| PartError::Invalid(format!("{name}: {e}")))?;
    let body = if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        // UTF-16 (rare): decoded whole, within the size cap.
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| capped_error(name, &e))?;
        let xml = xml_text(bytes).map_err(|e| PartError::Invalid(format!("{name}: {e}")))?;
        paragraphs_from(xml.as_bytes(), max_chars)
    } else {
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            input.consume(3);
        }
        paragraphs_from(input, max_chars)
    };
    match body {
        Ok(body) => Ok(Some(body)),
        Err(BodyError::TooManyChars) => Err(PartError::TooManyChars),
        Err(BodyError::Xml(quick_xml::Error::Io(e))) => Err(capped_error(name, &e)),
        Err(BodyError::Xml(e)) => Err(PartError::Invalid(format!("{name}: {e}"))),
    }
}

/// An I/O error while inflating, with what the cap means.
fn capped_error(name: &str, error: &std::io::Error) -> PartError {
    match error.get_ref().and_then(|e| e.downcast_ref::<Capped>()) {
        Some(Capped::TextRun) => PartError::TooManyChars,
        Some(Capped::Size) => PartError::Invalid(format!(
            "{name} is over {MAX_PART_BYTES} bytes uncompressed"
        )),
        None => PartError::Invalid(format!("{name}: {error}")),
    }
}

/// Which cap a [`CappedReader`] hit.
#[derive(Debug, Clone, Copy)]
enum Capped {
    Size,
    TextRun,
}

impl std::fmt::Display for Capped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Capped::Size => "uncompressed size over the limit",
            Capped::TextRun => "text run over the limit",
        })
    }
}

impl std::error::Error for Capped {}

/// Reads at most `max_bytes` bytes (an error past them) and fails when more than
/// `max_run` bytes pass without a `<` (one text node that long is over the char limit).
struct CappedReader<R> {
    inner: R,
    remaining: u64,
    max_run: u64,
    run: u64,
}

impl<R: Read> CappedReader<R> {
    fn new(inner: R, max_bytes: u64, max_run: u64) -> Self {
        Self {
            inner,
            remaining: max_bytes,
            max_run,
            run: 0,
        }
    }
}

impl<R: Read> Read for CappedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.remaining == 0 {
            // At the cap: fine if the part ends here.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(Capped::Size)),
            };
        }
        let want = buf
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.remaining -= n as u64;
        match buf[..n].iter().rposition(|&b| b == b'<') {
            Some(last) => self.run = (n - 1 - last) as u64,
            None => self.run += n as u64,
        }
        if self.run > self.max_run {
            return Err(std::io::Error::other(Capped::TextRun));
        }
        Ok(n)
    }
}

/// An XML part as text; `Ok(None)` if the archive has no such part.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max_bytes: u64,
) -> std::result::Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut bytes = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!("{name} is over {max_bytes} bytes uncompressed"));
    }
    xml_text(bytes)
        .map(Some)
        .map_err(|e| format!("{name}: {e}"))
}

/// XML bytes as a string: UTF-8, or UTF-16 with a byte order mark.
fn xml_text(bytes: Vec<u8>) -> std::result::Result<String, String> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return if had_errors {
            Err(format!("invalid {}", encoding.name()))
        } else {
            Ok(text.into_owned())
        };
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())
}

/// The text blocks of document.xml and the first heading.
#[derive(Debug, Default)]
struct Body {
    blocks: Vec<String>,
    first_heading: Option<String>,
}

/// One open `w:p`.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    is_heading: bool,
    is_list: bool,
}

/// State while walking document.xml.
#[derive(Debug, Default)]
struct BodyWalker {
    body: Body,
    /// Open paragraphs: text boxes nest paragraphs inside paragraphs.
    paragraphs: Vec<Paragraph>,
    in_text: bool,
    /// Chars of text collected so far (for the limit).
    chars: usize,
    run_depth: usize,
    /// Depth inside elements whose content is skipped (deleted text, fallbacks ...).
    skip_depth: usize,
    table_depth: usize,
    /// Cells of the open top-level table row, and the paragraphs of the open cell.
    row_cells: Vec<String>,
    cell_paragraphs: Vec<String>,
}

/// Elements whose whole content is not document text.
const SKIPPED_ELEMENTS: &[&str] = &["w:delText", "w:instrText", "mc:Fallback", "w:del"];

/// Why document.xml's text could not be collected.
#[derive(Debug)]
enum BodyError {
    TooManyChars,
    Xml(quick_xml::Error),
}

impl From<quick_xml::Error> for BodyError {
    fn from(error: quick_xml::Error) -> Self {
        BodyError::Xml(error)
    }
}

#[cfg(test)]
fn paragraphs(xml: &str) -> std::result::Result<Body, quick_xml::Error> {
    paragraphs_from(xml.as_bytes(), usize::MAX).map_err(|e| match e {
        BodyError::Xml(e) => e,
        BodyError::TooManyChars => unreachable!("no limit"),
    })
}

/// The text blocks of document.xml, read as a stream; stops once the text passes
/// `max_chars`.
fn paragraphs_from(input: impl BufRead, max_chars: usize) -> std::result::Result<Body, BodyError> {
    let mut reader = Reader::from_reader(input);
    let mut walker = BodyWalker::default();
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer)? {
            Event::Start(e) => walker.start(&e, false),
            Event::Empty(e) => walker.start(&e, true),
            Event::End(e) => walker.end(e.name().as_ref()),
            Event::Text(e) => walker.text(&e.xml10_content()),
            Event::CData(e) => walker.text(&e.xml10_content()),
            Event::GeneralRef(e) => {
                if let Ok(Some(c)) = e.resolve_char_ref() {
                    walker.text(c.encode_utf8(&mut [0; 4]));
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&e) {
                    walker.text(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if walker.chars > max_chars {
            return Err(BodyError::TooManyChars);
        }
        buffer.clear();
    }
    Ok(walker.body)
}

impl BodyWalker {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        if self.skip_depth > 0 || SKIPPED_ELEMENTS.contains(&name) {
            if !empty {
                self.skip_depth += 1;
            }
            return;
        }
        match name {
            "w:p" if !empty => self.paragraphs.push(Paragraph::default()),
            "w:r" if !empty => self.run_depth += 1,
            "w:t" if !empty => self.in_text = true,
            "w:tab" if self.run_depth > 0 => self.push_text(" "),
            "w:br" | "w:cr" => self.push_text("\n"),
            "w:noBreakHyphen" => self.push_text("-"),
            "w:pStyle" => self.paragraph_style(&attribute(e, "w:val").unwrap_or_default()),
            "w:outlineLvl" => self.mark_paragraph(|p| p.is_heading = true),
            "w:numPr" => self.mark_paragraph(|p| p.is_list = true),
            "w:tbl" if !empty => self.table_depth += 1,
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        match name {
            "w:p" => self.end_paragraph(),
            "w:r" => self.run_depth = self.run_depth.saturating_sub(1),
            "w:t" => self.in_text = false,
            "w:tc" if self.table_depth == 1 => {
                let cell = self.cell_paragraphs.drain(..).collect::<Vec<_>>().join(" ");
                if !cell.trim().is_empty() {
                    self.row_cells.push(cell);
                }
            }
            "w:tr" if self.table_depth == 1 && !self.row_cells.is_empty() => {
                let row = self.row_cells.drain(..).collect::<Vec<_>>().join(" | ");
                self.body.blocks.push(row);
            }
            "w:tbl" => self.table_depth = self.table_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_text && self.skip_depth == 0 {
            self.push_text(text);
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.text.push_str(text);
            self.chars += text.chars().count();
        }
    }

    fn mark_paragraph(&mut self, mark: impl FnOnce(&mut Paragraph)) {
        if let Some(paragraph) = self.paragraphs.last_mut() {
            mark(paragraph);
        }
    }

    fn paragraph_style(&mut self, style_id: &str) {
        let style = style_id.to_ascii_lowercase();
        let is_heading = style.starts_with("heading") || style == "title" || style == "subtitle";
        let is_list = style.starts_with("list");
        self.mark_paragraph(|p| {
            p.is_heading |= is_heading;
            p.is_list |= is_list;
        });
    }

    fn end_paragraph(&mut self) {
        let Some(paragraph) = self.paragraphs.pop() else {
            return;
        };
        let text = paragraph.text.trim();
        if text.is_empty() {
            return;
        }
        if paragraph.is_heading && self.body.first_heading.is_none() {
            self.body.first_heading = Some(text.to_string());
        }
        let block = if paragraph.is_list && !paragraph.is_heading {
            format!("- {text}")
        } else {
            text.to_string()
        };
        if self.table_depth > 0 {
            self.cell_paragraphs.push(block);
        } else {
            self.body.blocks.push(block);
        }
    }
}

/// An attribute's value with entities resolved.
fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    let attribute = e.try_get_attribute(name).ok()??;
    let value = attribute.normalized_value(XmlVersion::Implicit1_0).ok()?;
    Some(value.into_owned())
}

/// `dc:title` of docProps/core.xml.
fn core_title(xml: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut in_title = false;
    let mut title = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.name().as_ref() == "dc:title" => in_title = true,
            Event::End(e) if e.name().as_ref() == "dc:title" => break,
            Event::Text(e) if in_title => title.push_str(&e.xml10_content()),
            Event::GeneralRef(e) if in_title => {
                if let Ok(Some(c)) = e.resolve_char_ref() {
                    title.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&e) {
                    title.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn body(inner: &str) -> Body {
        paragraphs(&format!(
            "<w:document {W}><w:body>{inner}</w:body></w:document>"
        ))
        .unwrap()
    }

    #[test]
    fn runs_join_and_paragraphs_are_blocks() {
        let b = body(
            "<w:p><w:r><w:t>Forced </w:t></w:r><w:r><w:t>returns</w:t><w:tab/><w:t>rose &amp; fell</w:t></w:r></w:p>\
             <w:p><w:r><w:t>Line</w:t><w:br/><w:t>two</w:t></w:r></w:p>",
        );
        assert_eq!(b.blocks, vec!["Forced returns rose & fell", "Line\ntwo"]);
    }

    #[test]
    fn headings_lists_and_skipped_text() {
        let b = body(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:tabs><w:tab w:val=\"left\"/></w:tabs></w:pPr><w:r><w:t>Findings</w:t></w:r></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>Item</w:t></w:r>\
             <w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>",
        );
        assert_eq!(b.blocks, vec!["Findings", "- Item"]);
        assert_eq!(b.first_heading.as_deref(), Some("Findings"));
    }

    #[test]
    fn table_rows_join_cells() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let b = body(&format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            cell("2023"),
            cell("1,200")
        ));
        assert_eq!(b.blocks, vec!["2023 | 1,200"]);
    }

    #[test]
    fn core_title_is_read() {
        let xml = "<cp:coreProperties xmlns:dc=\"x\" xmlns:cp=\"y\"><dc:title>Returns &amp; Rights</dc:title></cp:coreProperties>";
        assert_eq!(core_title(xml).as_deref(), Some("Returns & Rights"));
    }
}
