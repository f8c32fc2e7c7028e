//! Reading documents into plain text.
//!
//! [`Ingest::read`] turns one file (.txt, .md, .html, .pdf, .docx) into a [`Document`]: its
//! text, title, page boundaries (PDF only), size, SHA-256 and detected encoding. [`discover`]
//! expands the command-line inputs (folders, files, glob patterns) into the list of files.
//!
//! # The text
//!
//! Every reader produces plain text in which a blank line (`"\n\n"`) separates blocks
//! (paragraphs, headings, list items, table rows, PDF pages) and a single `"\n"` is a line
//! break inside a block (hard-wrapped text, `<br>`). All readers then apply the same
//! normalisation, so offsets downstream always point into the final [`Document::text`]:
//!
//! * line ends CRLF / CR become LF; a form feed or vertical tab becomes a line break,
//!   U+2028 a line break and U+2029 a blank line;
//! * control characters other than `\n` and `\t` are removed, as are the invisible
//!   soft hyphen (U+00AD), zero-width space (U+200B), word joiner (U+2060) and stray byte
//!   order marks (U+FEFF); zero-width (non-)joiners stay, Persian and Indic scripts need them;
//! * non-breaking and other fixed-width spaces (U+00A0, U+2000..U+200A, U+202F, U+205F)
//!   become an ordinary space;
//! * the Latin ligatures U+FB00..U+FB06 (common in PDFs: "ﬁled") are spelt out;
//! * the text is put in Unicode **NFC**, so that a name typed with combining accents
//!   ("e\u{301}") and one typed precomposed ("é") match; NFC never changes what a text says;
//! * trailing spaces on a line are dropped, runs of blank lines become one blank line, and
//!   the text is trimmed. Nothing else changes: case, punctuation and indentation stay.
//!   A tab stays a tab in the text; the sentence splitter joins every run of whitespace in a
//!   unit's `text` to one space, so a tab inside a sentence reads as a space there (its
//!   span still covers the tab).
//!
//! # Offsets
//!
//! [`Document::page_starts`] and [`Document::page_of`] count Unicode scalar values
//! (`char`s), the unit of the sentence splitter's `char_start`.
//!
//! Offsets into [`Document::text`] are offsets into the *normalised* text. For the text
//! formats (.txt, .md) the file's own text is kept too: [`Document::source_text`] is the
//! decoded file (byte order mark removed, nothing else changed) and
//! [`Document::source_span`] maps a span of `text` to the span of `source_text` it came
//! from, in chars, through every step above (and through the removal of Markdown syntax).
//! The contract: for a span of `text` that starts and ends on a non-whitespace char,
//! `source_span` gives the span of `source_text` from the first source char of its first
//! char to the last source char of its last char. Its slice holds the same text up to the
//! normalisation: whitespace may differ (CRLF, tabs, trailing spaces, blank lines),
//! accents may be decomposed (NFC), and chars that the normalisation or the Markdown
//! reader dropped (control chars, soft hyphens, emphasis markers, link targets) are inside
//! it. For HTML, PDF and DOCX the extracted text is the reference: `source_text` is
//! `None` and `source_span` returns its input.
//!
//! # Limits
//!
//! [`Ingest`] refuses a file over `max_bytes` before reading it and a text over
//! `max_chars` characters once it is decoded or decompressed (a .docx part is read as a
//! stream and abandoned as soon as its text passes the limit), so that memory stays
//! proportional to the limits, not to what a file expands to. Only regular files are
//! opened (a FIFO or a device named as a document is refused without being opened), and
//! [`sha256_file_limited`] hashes at most a given number of bytes. [`worker`] runs
//! [`Ingest::read`] in a separate process with a time budget, so a file that hangs or
//! crashes a parser costs that file only.

mod align;
mod clean;
mod decode;
mod discover;
mod docx;
mod html;
pub mod lines;
mod panics;
mod pdf;
mod text;
#[cfg(unix)]
pub mod worker;

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::{Error, Result};

pub use align::Alignment;
pub use discover::{discover, Discovered};
pub use docx::DocxReader;
pub use html::HtmlReader;
pub use panics::{quiet_panics, Panic};
pub use pdf::PdfReader;
pub use text::{MarkdownReader, TextReader};

/// File extensions (lower case, without the dot) that [`discover`] picks up and
/// [`Ingest::read`] accepts. Extensions are compared case-insensitively.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx",
];

/// The default for [`Ingest::max_bytes`]: 50 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// The default for [`Ingest::max_chars`]: 5 million characters (about 2,500 pages of
/// prose; far more than any report, far less than what a decompression bomb expands to).
pub const DEFAULT_MAX_CHARS: usize = 5_000_000;

/// The format a document was read as (after content sniffing, so a PDF named `.txt` is `Pdf`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    Txt,
    Md,
    Html,
    Pdf,
    Docx,
}

impl DocFormat {
    /// The name used in output files: `txt`, `md`, `html`, `pdf` or `docx`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Txt => "txt",
            Self::Md => "md",
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Docx => "docx",
        }
    }

    /// The format for a file extension (without the dot, any case); `None` if unsupported.
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Self::Txt),
            "md" | "markdown" => Some(Self::Md),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "pdf" => Some(Self::Pdf),
            "docx" => Some(Self::Docx),
            _ => None,
        }
    }

    /// The reader for this format.
    pub fn reader(self) -> &'static dyn DocumentReader {
        match self {
            Self::Txt => &TextReader,
            Self::Md => &MarkdownReader,
            Self::Html => &HtmlReader,
            Self::Pdf => &PdfReader,
            Self::Docx => &DocxReader,
        }
    }
}

/// One input document as plain text, with where it came from.
///
/// Serialisable (serde) so that [`worker`] can hand it from the extraction process to the
/// run; the path is serialised as a string (the worker sends it empty and the caller
/// fills it in, so that any path works).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub path: PathBuf,
    pub format: DocFormat,
    /// The extracted, normalised text (see the [module docs](self)); sentence offsets
    /// downstream point into this string.
    pub text: String,
    /// HTML `<title>` (else first `<h1>`); DOCX `dc:title` (else first heading); PDF Info
    /// `/Title` (else the first line); Markdown first `# ` heading (else first heading of
    /// any level); plain text: the first non-empty line if it is short and does not read
    /// as a sentence. `None` if nothing sensible was found.
    pub title: Option<String>,
    /// Char offsets in `text` where each page begins: page 1 at index 0, always offset 0.
    /// A page without text starts where the next one does. Empty for unpaged formats.
    pub page_starts: Vec<usize>,
    /// Size of the file on disk, in bytes.
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// How the bytes were decoded: "UTF-8", "UTF-16LE", "windows-1252" ... for text and
    /// HTML (detected); "PDF" or "DOCX" for container formats.
    pub encoding: String,
    /// Problems that did not stop the reading, each a full message naming the file and
    /// the line (`"notes.txt:12: invalid UTF-8: 3 bytes replaced with U+FFFD ..."`): the
    /// caller reports them and goes on.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// .txt and .md: the file's text as decoded, before any normalisation (byte order mark
    /// removed). `None` for HTML, PDF and DOCX, whose extracted text is the reference.
    /// See [`Document::source_span`] and the [module docs](self#offsets).
    #[serde(default)]
    pub source_text: Option<String>,
    /// Where each char of `text` comes from in `source_text`; `None` when there is no
    /// source text (the identity).
    #[serde(default)]
    pub source_alignment: Option<Alignment>,
}

impl Document {
    /// The 1-based page that contains `char_offset`; `None` for unpaged formats.
    /// An offset on a page break (the blank line between pages) belongs to the page before;
    /// an offset at or past the end of the text counts as on the last page.
    pub fn page_of(&self, char_offset: usize) -> Option<u32> {
        if self.page_starts.is_empty() {
            return None;
        }
        // The last page whose start is at or before the offset (skipping empty pages,
        // which share their start with the next page).
        let pages_started = self.page_starts.partition_point(|&s| s <= char_offset);
        u32::try_from(pages_started.max(1)).ok()
    }

    /// Number of pages; 0 for unpaged formats.
    pub fn pages(&self) -> usize {
        self.page_starts.len()
    }

    /// The char span of [`Document::source`] that the char span `char_start..char_end` of
    /// [`Document::text`] comes from (end exclusive); see the [module docs](self#offsets).
    /// The identity for formats without a source text.
    ///
    /// ```
    /// # fn main() -> claimscan::Result<()> {
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let path = dir.path().join("note.txt");
    /// std::fs::write(&path, "Title  \r\n\r\n\r\nThey were held.\r\n").unwrap();
    /// let document = claimscan::ingest::Ingest::default().read(&path)?;
    /// assert_eq!(document.text, "Title\n\nThey were held.");
    /// let (start, end) = document.source_span(7, 22);
    /// assert_eq!((start, end), (13, 28));
    /// let held: String = document.source().chars().skip(start).take(end - start).collect();
    /// assert_eq!(held, "They were held.");
    /// # Ok(())
    /// # }
    /// ```
    pub fn source_span(&self, char_start: usize, char_end: usize) -> (usize, usize) {
        match &self.source_alignment {
            Some(alignment) => alignment.source_span(char_start, char_end),
            None => (char_start, char_end),
        }
    }

    /// The text that [`Document::source_span`] points into: `source_text` where there is
    /// one, else `text`.
    pub fn source(&self) -> &str {
        self.source_text.as_deref().unwrap_or(&self.text)
    }
}

/// Turns one file's bytes into a [`Document`]. One implementation per format.
pub trait DocumentReader: Send + Sync {
    /// Reads one file's bytes (already loaded) into a Document.
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Document>;

    /// Like [`DocumentReader::read`], but refuses a text of more than `max_chars` chars
    /// (see [`Ingest::max_chars`]). Readers that can tell early (while decoding or
    /// decompressing) override it to stop there; the default reads the whole document and
    /// then counts.
    fn read_capped(&self, path: &Path, bytes: &[u8], max_chars: usize) -> Result<Document> {
        let document = self.read(path, bytes)?;
        check_chars(path, document.text.chars().count(), max_chars)?;
        Ok(document)
    }
}

/// Reads files of any supported format, enforcing the size limits.
#[derive(Debug, Clone)]
pub struct Ingest {
    /// Files larger than this are refused without being read (`--max-bytes`).
    pub max_bytes: u64,
    /// Documents whose text, once decoded or decompressed, has more chars than this are
    /// refused (`--max-chars`): a 440 KB .docx can hold 60 MB of text.
    pub max_chars: usize,
}

impl Default for Ingest {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            max_chars: DEFAULT_MAX_CHARS,
        }
    }
}

impl Ingest {
    /// Reads one file into a [`Document`].
    ///
    /// Only a regular file is opened (after following symbolic links); its size is checked
    /// from the metadata before anything is read. The format comes from the content where
    /// it is unmistakable (`%PDF-` in the first 1024 bytes; a ZIP holding
    /// `word/document.xml`), otherwise from the extension (case-insensitive). The text is
    /// refused once it passes `max_chars` (see the readers for how early each can tell).
    /// Errors: [`Error::Io`] when the file cannot be opened or read (missing, dangling
    /// symbolic link, symbolic link loop, permissions); [`Error::BadInput`] for everything
    /// about the content (see the readers) and for a path that is no regular file.
    pub fn read(&self, path: &Path) -> Result<Document> {
        let bytes = self.read_limited(path)?;
        let format = detect_format(path, &bytes)?;
        if bytes.is_empty() {
            return Err(bad_input(path, EMPTY_DOCUMENT));
        }
        format.reader().read_capped(path, &bytes, self.max_chars)
    }

    fn read_limited(&self, path: &Path) -> Result<Vec<u8>> {
        let io_error = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let (file, metadata) = open_regular_file(path)?;
        self.check_size(path, metadata.len())?;
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        // Read at most one byte past the limit: the file may have grown since the check.
        file.take(self.max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        self.check_size(path, bytes.len() as u64)?;
        Ok(bytes)
    }

    fn check_size(&self, path: &Path, size: u64) -> Result<()> {
        if size > self.max_bytes {
            let reason = format!(
                "file is {size} bytes, over the limit of {} (--max-bytes)",
                self.max_bytes
            );
            return Err(bad_input(path, reason));
        }
        Ok(())
    }
}

/// Refuses a text of `chars` chars when that is over `max_chars`.
pub(crate) fn check_chars(path: &Path, chars: usize, max_chars: usize) -> Result<()> {
    if chars > max_chars {
        return Err(bad_input(path, too_many_chars(Some(chars), max_chars)));
    }
    Ok(())
}

/// The reason for a text over the limit; `chars` when the reader counted them all.
pub(crate) fn too_many_chars(chars: Option<usize>, max_chars: usize) -> String {
    match chars {
        Some(chars) => {
            format!("text is {chars} characters, over the limit of {max_chars} (--max-chars)")
        }
        None => format!("text is over the limit of {max_chars} characters (--max-chars)"),
    }
}

/// Opens `path` for reading if it is a regular file (symbolic links followed), with its
/// metadata. Anything else is refused without being opened (opening a FIFO blocks until a
/// writer comes; reading a device such as `/dev/zero` never ends), and the type is checked
/// again on the opened file in case the path changed in between.
pub(crate) fn open_regular_file(path: &Path) -> Result<(File, Metadata)> {
    let io_error = |source| Error::io(path, source);
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    check_regular(path, &metadata)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never block in open(2), and never take a terminal as controlling terminal.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    check_regular(path, &metadata)?;
    Ok((file, metadata))
}

fn check_regular(path: &Path, metadata: &Metadata) -> Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    if metadata.is_dir() {
        return Err(bad_input(path, "is a directory, not a document"));
    }
    Err(bad_input(
        path,
        format!("is {}, not a regular file", file_kind(metadata)),
    ))
}

/// What a non-regular file is, for messages: "a FIFO", "a character device" ...
pub(crate) fn file_kind(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a folder";
    }
    if file_type.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Lower-case hex SHA-256 of the file at `path`, reading at most `max_bytes` bytes: `None`
/// when it is larger, or when it is not a regular file (a FIFO, a device or a folder is
/// never opened). Errors: [`Error::Io`] when it cannot be opened or read.
///
/// Use it for files that failed to read: hashing them must not hang on `/dev/zero` or
/// read a 100 GB file that was refused for its size.
pub fn sha256_file_limited(path: &Path, max_bytes: u64) -> Result<Option<String>> {
    let (file, metadata) = match open_regular_file(path) {
        Ok(opened) => opened,
        Err(Error::BadInput { .. }) => return Ok(None),
        Err(error) => return Err(error),
    };
    if metadata.len() > max_bytes {
        return Ok(None);
    }
    let mut hasher = Sha256::new();
    let mut reader = file.take(max_bytes.saturating_add(1));
    let mut buffer = vec![0; 64 * 1024];
    let mut total: u64 = 0;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(path, e)),
        };
        total += n as u64;
        if total > max_bytes {
            return Ok(None);
        }
        hasher.update(&buffer[..n]);
    }
    Ok(Some(format!("{:x}", hasher.finalize())))
}

/// The format to read `bytes` as: sniffed from the content where a format's signature is
/// present, else from the extension.
fn detect_format(path: &Path, bytes: &[u8]) -> Result<DocFormat> {
    if let Some(format) = sniff_format(bytes) {
        return Ok(format);
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    DocFormat::from_extension(&extension).ok_or_else(|| {
        let supported = SUPPORTED_EXTENSIONS
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ");
        let reason = if extension.is_empty() {
            format!("unsupported format (no file extension) (supported: {supported})")
        } else {
            format!("unsupported format '.{extension}' (supported: {supported})")
        };
        bad_input(path, reason)
    })
}

/// Formats recognisable from their first bytes. Only binary containers are sniffed: text
/// formats (txt, md, html) cannot be told apart reliably, so their extension is trusted.
fn sniff_format(bytes: &[u8]) -> Option<DocFormat> {
    // The PDF header may follow some junk, but must be within the first 1024 bytes.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(DocFormat::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") && docx::has_document_xml(bytes) {
        return Some(DocFormat::Docx);
    }
    None
}

/// Reason given for a document without any text.
pub(crate) const EMPTY_DOCUMENT: &str = "empty document (no text)";

pub(crate) fn bad_input(path: &Path, reason: impl Into<String>) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// What a reader extracted, before the shared normalisation.
pub(crate) struct Extraction {
    /// The raw text of each page; one element for unpaged formats.
    pages: Vec<String>,
    paged: bool,
    title: Option<String>,
    encoding: String,
    warnings: Vec<String>,
    /// The decoded file and where each char of the (single) page comes from in it;
    /// `None` as alignment when the file's text is the page itself.
    source: Option<(String, Option<Alignment>)>,
}

impl Extraction {
    pub(crate) fn unpaged(text: String, title: Option<String>, encoding: &str) -> Self {
        Self {
            pages: vec![text],
            paged: false,
            title,
            encoding: encoding.to_string(),
            warnings: Vec::new(),
            source: None,
        }
    }

    pub(crate) fn paged(pages: Vec<String>, title: Option<String>, encoding: &str) -> Self {
        Self {
            pages,
            paged: true,
            title,
            encoding: encoding.to_string(),
            warnings: Vec::new(),
            source: None,
        }
    }

    /// Problems to pass on as [`Document::warnings`].
    pub(crate) fn with_warnings(mut self, warnings: Vec<String>) -> Self {
        self.warnings = warnings;
        self
    }

    /// The decoded file the (unpaged) text was made from, and the alignment of the text
    /// to it: the document keeps it as [`Document::source_text`].
    pub(crate) fn with_source(mut self, source_text: String, alignment: Alignment) -> Self {
        self.source = Some((source_text, Some(alignment)));
        self
    }

    /// A text that is the decoded file itself (plain text), kept as
    /// [`Document::source_text`].
    pub(crate) fn from_source(source_text: String, title: Option<String>, encoding: &str) -> Self {
        Self {
            pages: Vec::new(),
            paged: false,
            title,
            encoding: encoding.to_string(),
            warnings: Vec::new(),
            source: Some((source_text, None)),
        }
    }
}

/// Normalises an extraction (see the module docs) and wraps it into a [`Document`].
/// `empty_reason` is the error when no text is left.
pub(crate) fn build_document(
    path: &Path,
    format: DocFormat,
    bytes: &[u8],
    extraction: Extraction,
    empty_reason: &str,
) -> Result<Document> {
    let Extraction {
        pages,
        paged,
        title,
        encoding,
        warnings,
        source,
    } = extraction;
    let (text, page_starts, source) = match source {
        // The text is the source itself (plain text): align the normalisation only.
        Some((source_text, None)) => {
            let (text, alignment) = clean::normalize_aligned(&source_text);
            (text, vec![0], Some((source_text, alignment)))
        }
        // One text made from a source: compose the two alignments.
        Some((source_text, Some(to_source))) => {
            let page = pages.concat();
            let (text, to_page) = clean::normalize_aligned(&page);
            drop(page);
            (text, vec![0], Some((source_text, to_page.then(&to_source))))
        }
        None => {
            let pages: Vec<String> = pages.iter().map(|p| clean::normalize(p)).collect();
            let (text, page_starts) = join_pages(&pages);
            (text, page_starts, None)
        }
    };
    if text.is_empty() {
        return Err(bad_input(path, empty_reason));
    }
    let (source_text, source_alignment) = source.unzip();
    Ok(Document {
        path: path.to_path_buf(),
        format,
        text,
        title: title.as_deref().and_then(clean::title),
        page_starts: if paged { page_starts } else { Vec::new() },
        bytes: bytes.len() as u64,
        sha256: sha256_hex(bytes),
        encoding,
        warnings,
        source_text,
        source_alignment,
    })
}

/// Joins pages with a blank line, skipping empty pages; returns the text and the char
/// offset at which each page (empty ones included) starts.
fn join_pages(pages: &[String]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut chars = 0;
    let mut starts = Vec::with_capacity(pages.len());
    for page in pages {
        if !page.is_empty() && !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        starts.push(chars);
        text.push_str(page);
        chars += page.chars().count();
    }
    // An empty page starts where the next non-empty page starts, not on the separator.
    let mut next_start = chars;
    for (page, start) in pages.iter().zip(starts.iter_mut()).rev() {
        if page.is_empty() {
            *start = next_start;
        } else {
            next_start = *start;
        }
    }
    if let Some(first) = starts.first_mut() {
        *first = 0;
    }
    (text, starts)
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn join_pages_records_char_offsets() {
        let (text, starts) = join_pages(&pages(&["Émile fled.", "He was held."]));
        assert_eq!(text, "Émile fled.\n\nHe was held.");
        assert_eq!(starts, vec![0, 13]);
    }

    #[test]
    fn empty_page_starts_with_the_next_page() {
        let (text, starts) = join_pages(&pages(&["One.", "", "Three."]));
        assert_eq!(text, "One.\n\nThree.");
        assert_eq!(starts, vec![0, 6, 6]);
    }

    #[test]
    fn leading_empty_page_still_starts_at_zero() {
        let (_, starts) = join_pages(&pages(&["", "Two."]));
        assert_eq!(starts, vec![0, 0]);
    }
}
