//! PDF: text per page with `pdf-extract` (pure Rust, on top of `lopdf`).

mod layout;

use std::path::Path;

use lopdf::Object;
use pdf_extract::PlainTextOutput;

use super::text::plain_text_title;
use super::{
    bad_input, build_document, quiet_panics, DocFormat, Document, DocumentReader, Extraction,
};
use crate::Result;

/// Reads `.pdf`, one page at a time.
///
/// * The document is loaded with `lopdf`; each page's text comes from `pdf-extract`'s
///   plain-text output (a line break where the text moves to a new line, a blank line for
///   a larger vertical gap). Pages are joined with a blank line and
///   [`Document::page_starts`] records where each begins.
/// * **Running headers and footers** are removed: a line among the first or last three
///   lines of a page whose text, with each run of digits replaced by a placeholder ("Page
///   3 of 12" = "Page 4 of 12"), appears in the same zone on at least half of the pages
///   (and at least two). A line that is only a page number ("7", "- 7 -", "Page 7",
///   "7 of 12", "vii") among the first or last two lines of a page is removed too.
/// * **Hyphenation** at line ends is undone when the next line starts with a lower-case
///   letter: "deport-" + "ation of" becomes "deportation" + "of" (the rest of the word
///   moves up a line, so lines and pages stay where they were). The hyphen is kept
///   ("so-called") when the hyphenated form occurs elsewhere in the document and the
///   joined one does not. A line-final hyphen before an upper-case letter or a digit
///   ("Franco-" / "German", "COVID-" / "19") is kept, with the line break. The same
///   applies across a page break (the fragment moves to the earlier page).
/// * Title: the Info dictionary's `/Title`, else the first line if it reads as a title
///   (as for plain text).
/// * Errors: a password-protected PDF (one that does not open with the empty user
///   password) → "encrypted PDF (password-protected); decrypt it first"; a PDF that cannot
///   be parsed → "unreadable PDF: …" with the cause (also when `pdf-extract` panics, which it does
///   on some malformed files: the panic is caught without being printed, see
///   [`quiet_panics`]); no text on any page → "PDF has no extractable text (scanned
///   image?)". A page that fails makes the whole document fail rather than silently
///   losing that page.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfReader;

const ENCRYPTED: &str = "encrypted PDF (password-protected); decrypt it first";
const NO_TEXT: &str = "PDF has no extractable text (scanned image?)";

impl DocumentReader for PdfReader {
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Document> {
        let (raw_pages, info_title) = extract_pages(bytes).map_err(|e| bad_input(path, e))?;
        let pages = layout::clean_pages(&raw_pages);
        let title = info_title.or_else(|| {
            let first_page = pages.iter().find(|p| !p.trim().is_empty())?;
            plain_text_title(first_page)
        });
        let extraction = Extraction::paged(pages, title, "PDF");
        build_document(path, DocFormat::Pdf, bytes, extraction, NO_TEXT)
    }
}

/// The raw text of each page and the Info title, or the reason the PDF cannot be read.
fn extract_pages(bytes: &[u8]) -> std::result::Result<(Vec<String>, Option<String>), String> {
    let unreadable = |cause: String| format!("unreadable PDF: {cause}");
    let document = guarded(|| lopdf::Document::load_mem(bytes))
        .map_err(unreadable)?
        .map_err(|e| unreadable(e.to_string()))?;
    // lopdf decrypts documents that open with the empty password while loading and drops
    // /Encrypt from the trailer; one still there needs a password.
    if document.trailer.get(b"Encrypt").is_ok() {
        return Err(ENCRYPTED.to_string());
    }
    let page_numbers: Vec<u32> = document.get_pages().keys().copied().collect();
    if page_numbers.is_empty() {
        return Err(unreadable("no pages".to_string()));
    }
    let pages = page_numbers
        .iter()
        .map(|&number| {
            page_text(&document, number).map_err(|e| unreadable(format!("page {number}: {e}")))
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok((pages, info_title(&document)))
}

fn page_text(document: &lopdf::Document, number: u32) -> std::result::Result<String, String> {
    guarded(|| {
        let mut text = String::new();
        let mut output = PlainTextOutput::new(&mut text);
        pdf_extract::output_doc_page(document, &mut output, number).map(|()| text)
    })?
    .map_err(|e| e.to_string())
}

/// Runs `f`, turning a panic into an error message (printed nowhere).
fn guarded<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    quiet_panics(f).map_err(|panic| format!("PDF parser failed ({})", panic.message))
}

/// `/Title` of the document information dictionary, if set.
fn info_title(document: &lopdf::Document) -> Option<String> {
    let info = match document.trailer.get(b"Info").ok()? {
        Object::Reference(id) => document.get_dictionary(*id).ok()?,
        Object::Dictionary(dictionary) => dictionary,
        _ => return None,
    };
    let title = match info.get(b"Title").ok()? {
        Object::Reference(id) => document.get_object(*id).ok()?,
        direct => direct,
    };
    let title = lopdf::decode_text_string(title).ok()?;
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_string())
}
