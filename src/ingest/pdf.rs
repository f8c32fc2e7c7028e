//! PDF: text per page with PDFium (the PDF engine of Chromium), laid out into blocks from
//! the position, size and weight of every character.
//!
//! The stages, one module each:
//!
//! 1. [`engine`]: PDFium, bound at run time, gives every character with its box, font
//!    size and weight (one document at a time, under a process-wide lock);
//! 2. [`lines`]: characters → lines, with spaces decided from the gaps between glyphs;
//! 3. [`furniture`]: running headers and footers and page numbers dropped, one-off
//!    headers set apart;
//! 4. [`blocks`]: columns and reading order, then paragraphs, headings, list items and
//!    small print;
//! 5. [`hyphen`] and [`flow`]: broken words rejoined, sentences cut by a page break made
//!    whole, each page's text written out (a blank line between blocks).

mod blocks;
mod engine;
mod flow;
mod furniture;
mod hyphen;
mod lines;

use std::path::Path;

use super::text::plain_text_title;
use super::{
    bad_input, build_document, quiet_panics, DocFormat, Document, DocumentReader, Extraction,
};
use crate::Result;
use blocks::{Block, BlockKind, BodyStyle};
use engine::{EngineError, RawDocument};

/// Reads `.pdf` with PDFium, one page at a time.
///
/// * **Text** comes from the characters PDFium reports, with their positions: words are
///   put together from the gaps between glyphs (a word that a producer drew in several
///   pieces stays whole), lines from baselines, columns from shared left edges, and blocks
///   (paragraphs, headings, list items, footnotes) from font size, weight, line spacing and
///   indentation. Pages are joined with a blank line and [`Document::page_starts`] records
///   where each begins.
/// * **Running headers and footers** that repeat at the same place and **page numbers**
///   are dropped; a header printed on one page only is kept as a block of its own at the
///   top of its page (dropped if it sits where the running header is on other pages).
///   Footnotes stay.
/// * **Hyphenation** at line ends is undone, and kept where the hyphen belongs to the
///   word, as the document's own vocabulary, capitals, digits and known prefixes tell
///   ("deport-" + "ation" = "deportation", "Buddhist-" + "majority" = "Buddhist-majority",
///   "anti-" + "LGBTQ" = "anti-LGBTQ"); the rest of the word moves up a line.
/// * A **sentence cut by a page break** is made whole on the page where it starts (the
///   rest of it moves up), so it is one unit with that page; a wrapped heading or list
///   item is one line.
/// * Title: the Info dictionary's `/Title`, else the first line if it reads as a title
///   (as for plain text).
/// * Errors: PDFium missing → "PDF engine not installed: run `make` or
///   scripts/setup-pdfium.sh ..."; a password-protected PDF → "encrypted PDF
///   (password-protected); decrypt it first"; a PDF that cannot be parsed → "unreadable
///   PDF: …" with the cause; no text on any page → "PDF has no extractable text (scanned
///   image?)". A page that fails makes the whole document fail rather than silently losing
///   that page.
///
/// PDFium is C++: a malformed file could still crash it, and the process with it; run
/// untrusted collections through the ingest worker, which isolates extraction.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfReader;

const ENCRYPTED: &str = "encrypted PDF (password-protected); decrypt it first";
const NO_TEXT: &str = "PDF has no extractable text (scanned image?)";

impl DocumentReader for PdfReader {
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Document> {
        let raw = engine::read_document(bytes).map_err(|e| bad_input(path, message(e)))?;
        // A panic in the layout analysis is a bug of ours on an odd file: that file fails,
        // quietly and with the cause, and the run goes on.
        let pages = quiet_panics(|| page_texts(&raw)).map_err(|panic| {
            bad_input(
                path,
                format!("unreadable PDF: layout analysis failed ({panic})"),
            )
        })?;
        let title = raw.title.clone().or_else(|| {
            let first_page = pages.iter().find(|p| !p.trim().is_empty())?;
            plain_text_title(first_page)
        });
        let extraction = Extraction::paged(pages, title, "PDF");
        build_document(path, DocFormat::Pdf, bytes, extraction, NO_TEXT)
    }
}

fn message(error: EngineError) -> String {
    match error {
        EngineError::Engine(message) => message,
        EngineError::Encrypted => ENCRYPTED.to_string(),
        EngineError::Unreadable(cause) => format!("unreadable PDF: {cause}"),
    }
}

/// The text of each page of a document PDFium has read.
fn page_texts(raw: &RawDocument) -> Vec<String> {
    let lines: Vec<Vec<lines::Line>> = raw.pages.iter().map(lines::page_lines).collect();
    let body = BodyStyle::of(&lines);
    let pages: Vec<Vec<Block>> = furniture::strip(lines, &body)
        .into_iter()
        .map(|page| {
            let mut top_margin = page.top_margin;
            top_margin.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut blocks: Vec<Block> = top_margin
                .into_iter()
                .map(|l| Block::new(BlockKind::Furniture, vec![l.text], l.size, l.bold))
                .collect();
            let (main, mut off_axis): (Vec<_>, Vec<_>) =
                page.body.into_iter().partition(|l| !l.off_axis);
            let segments = blocks::reading_order(main);
            blocks.extend(blocks::page_blocks(&segments, &body));
            off_axis.sort_by_key(|l| l.order);
            blocks.extend(
                off_axis
                    .into_iter()
                    .map(|l| Block::new(BlockKind::OffAxis, vec![l.text], l.size, l.bold)),
            );
            blocks
        })
        .collect();
    flow::page_texts(pages)
}
