//! PDFium, the PDF engine of Chromium, bound at run time (`pdfium-render`): every character
//! of every page with its position, size and weight.
//!
//! # Finding the library
//!
//! `CLAIMSCAN_PDFIUM` (a path to `libpdfium.so`) when set, else the path baked in at build
//! time (`build.rs`: `<project>/.pdfium/libpdfium.so`, where `scripts/setup-pdfium.sh`
//! puts it; `make` runs the script). The library is bound once per process, on the first
//! PDF; when it is missing, every PDF fails with [`not_installed`]'s message and nothing
//! else is affected.
//!
//! # One document at a time
//!
//! PDFium is not thread-safe: all work on a document (load, pages, characters, close)
//! happens under one process-wide lock.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use pdfium_render::prelude::*;

/// The environment variable that overrides where `libpdfium.so` is.
pub const PDFIUM_ENV: &str = "CLAIMSCAN_PDFIUM";

/// One character as PDFium reports it, in page space (points, y upwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub ch: char,
    /// The glyph's box (advance width by font ascent and descent), page space.
    pub x0: f32,
    pub x1: f32,
    pub y0: f32,
    pub y1: f32,
    /// The pen position where the glyph is drawn (its baseline).
    pub origin_x: f32,
    pub origin_y: f32,
    /// Effective font size (vertical scaling included), in points.
    pub size: f32,
    pub bold: bool,
    /// Text direction in degrees, counter-clockwise (0 for ordinary horizontal text).
    pub angle: f32,
    /// PDFium generated it (a space or line break it inferred), it is not drawn.
    pub generated: bool,
}

/// One page: its characters in content-stream order.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawPage {
    pub glyphs: Vec<Glyph>,
}

/// What PDFium read from a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawDocument {
    /// The Info dictionary's `/Title`, if set.
    pub title: Option<String>,
    pub pages: Vec<RawPage>,
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EngineError {
    /// The PDF engine is missing or does not load (the message says what to do).
    Engine(String),
    /// The document needs a password.
    Encrypted,
    /// The document is not a readable PDF (the cause).
    Unreadable(String),
}

struct Engine {
    pdfium: Pdfium,
    /// Held for the whole of a document's reading.
    lock: Mutex<()>,
}

static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();

/// Where `libpdfium.so` is looked for: `$CLAIMSCAN_PDFIUM`, else the path baked in at build
/// time.
pub fn library_path() -> PathBuf {
    std::env::var_os(PDFIUM_ENV)
        .filter(|path| !path.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CLAIMSCAN_PDFIUM_DEFAULT")))
}

/// The message for a missing library.
fn not_installed(path: &std::path::Path) -> String {
    format!(
        "PDF engine not installed: run `make` or scripts/setup-pdfium.sh \
         (no {}; {PDFIUM_ENV} may point to another libpdfium.so)",
        path.display()
    )
}

fn engine() -> Result<&'static Engine, EngineError> {
    ENGINE
        .get_or_init(|| {
            let path = library_path();
            if !path.is_file() {
                return Err(not_installed(&path));
            }
            let bindings = Pdfium::bind_to_library(&path).map_err(|e| {
                format!(
                    "PDF engine could not be loaded from {} ({e}): run scripts/setup-pdfium.sh \
                     to reinstall it",
                    path.display()
                )
            })?;
            Ok(Engine {
                pdfium: Pdfium::new(bindings),
                lock: Mutex::new(()),
            })
        })
        .as_ref()
        .map_err(|message| EngineError::Engine(message.clone()))
}

/// Reads every page of a PDF held in memory.
pub(crate) fn read_document(bytes: &[u8]) -> Result<RawDocument, EngineError> {
    let engine = engine()?;
    // A panic while the lock was held leaves nothing half-done in PDFium that matters to
    // the next document (every handle is closed on unwinding), so a poisoned lock is fine.
    let _guard = engine
        .lock
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let document = engine
        .pdfium
        .load_pdf_from_byte_slice(bytes, None)
        .map_err(load_error)?;
    let title = document
        .metadata()
        .get(PdfDocumentMetadataTagType::Title)
        .map(|tag| tag.value().trim().to_string())
        .filter(|title| !title.is_empty());
    let pages = document.pages();
    let count = pages.len();
    let mut raw_pages = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for index in 0..count {
        let page = pages
            .get(index)
            .map_err(|e| EngineError::Unreadable(format!("page {}: {e}", index + 1)))?;
        raw_pages.push(read_page(&page).map_err(|e| {
            EngineError::Unreadable(format!("page {}: text not readable ({e})", index + 1))
        })?);
    }
    Ok(RawDocument {
        title,
        pages: raw_pages,
    })
}

fn load_error(error: PdfiumError) -> EngineError {
    match error {
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError)
        | PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
            EngineError::Encrypted
        }
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FormatError) => {
            EngineError::Unreadable("not a readable PDF (damaged, or not a PDF)".to_string())
        }
        other => EngineError::Unreadable(format!("not a readable PDF ({other:?})")),
    }
}

fn read_page(page: &PdfPage) -> Result<RawPage, PdfiumError> {
    let text = page.text()?;
    let chars = text.chars();
    let mut glyphs = Vec::with_capacity(chars.len());
    for ch in chars.iter() {
        let Some(c) = char::from_u32(ch.unicode_value()) else {
            continue;
        };
        // Spaces and line breaks that PDFium inferred are left out: spaces are decided
        // from the positions of the drawn characters (see `lines`).
        let generated = ch.is_generated().unwrap_or(false);
        if generated {
            continue;
        }
        let Ok(bounds) = ch.loose_bounds() else {
            continue;
        };
        let (origin_x, origin_y) = ch
            .origin()
            .map(|(x, y)| (x.value, y.value))
            .unwrap_or((bounds.left().value, bounds.bottom().value));
        let size = ch.scaled_font_size().value;
        // The weight where the font says it (embedded fonts), else the name
        // ("Helvetica-Bold": PDFium reports no weight for the standard fonts).
        let bold = ch.font_weight().map(weight_value).is_some_and(|w| w >= 600)
            || is_bold_name(&ch.font_name());
        glyphs.push(Glyph {
            ch: c,
            x0: bounds.left().value,
            x1: bounds.right().value,
            y0: bounds.bottom().value,
            y1: bounds.top().value,
            origin_x,
            origin_y,
            size,
            bold,
            angle: ch.angle_degrees().unwrap_or(0.0),
            generated,
        });
    }
    Ok(RawPage { glyphs })
}

fn weight_value(weight: PdfFontWeight) -> u32 {
    match weight {
        PdfFontWeight::Weight100 => 100,
        PdfFontWeight::Weight200 => 200,
        PdfFontWeight::Weight300 => 300,
        PdfFontWeight::Weight400Normal => 400,
        PdfFontWeight::Weight500 => 500,
        PdfFontWeight::Weight600 => 600,
        PdfFontWeight::Weight700Bold => 700,
        PdfFontWeight::Weight800 => 800,
        PdfFontWeight::Weight900 => 900,
        PdfFontWeight::Custom(value) => value,
    }
}

/// "Helvetica-Bold", "ABCDEF+LiberationSerif-Bold", "Arial,BoldItalic", "Roboto-SemiBold",
/// "NotoSans-Black".
fn is_bold_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| lower.contains(w))
}
