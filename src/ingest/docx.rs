//! Word `.docx`: the paragraphs of `word/document.xml`.

use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;

use super::EMPTY_DOCUMENT;
use super::{bad_input, build_document, DocFormat, Document, DocumentReader, Extraction};
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
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxReader;

/// Largest uncompressed XML part read (protects against ZIP bombs).
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

const DOCUMENT_PART: &str = "word/document.xml";

impl DocumentReader for DocxReader {
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Document> {
        let invalid = |cause: String| bad_input(path, format!("not a valid .docx: {cause}"));
        let mut archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| invalid(e.to_string()))?;
        let document_xml = read_part(&mut archive, DOCUMENT_PART)
            .map_err(invalid)?
            .ok_or_else(|| invalid(format!("no {DOCUMENT_PART} in the archive")))?;
        let body =
            paragraphs(&document_xml).map_err(|e| invalid(format!("{DOCUMENT_PART}: {e}")))?;
        // A broken core.xml only costs the title.
        let core_title = read_part(&mut archive, "docProps/core.xml")
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

/// An XML part as text; `Ok(None)` if the archive has no such part.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> std::result::Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} is over {MAX_PART_BYTES} bytes uncompressed"
        ));
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

fn paragraphs(xml: &str) -> std::result::Result<Body, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut walker = BodyWalker::default();
    loop {
        match reader.read_event()? {
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
