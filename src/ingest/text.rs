//! Plain text and Markdown.

mod markdown;

use std::path::Path;

use super::decode::{decode_text, Decoded};
use super::EMPTY_DOCUMENT;
use super::{
    bad_input, build_document, check_chars, DocFormat, Document, DocumentReader, Extraction,
};
use crate::Result;

/// Reads `.txt`: the encoding is detected (BOM, UTF-8, else `chardetng`), line ends are
/// normalised, and the text is otherwise kept as it is (hard wraps included). The decoded
/// file is kept as [`Document::source_text`], aligned with the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextReader;

/// Reads `.md`: decoded like text, then the Markdown syntax is removed so the sentences read
/// as prose: heading markers (a heading becomes its own paragraph), emphasis and code
/// markers, link syntax (`[text](url)` becomes `text`), images, raw HTML tags, footnote
/// references, table separator rows, horizontal rules, front matter and fenced code blocks
/// (code is not prose) are dropped. List markers ("- ", "1. ") and the blank lines between
/// paragraphs stay.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownReader;

impl DocumentReader for TextReader {
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Document> {
        self.read_capped(path, bytes, usize::MAX)
    }

    fn read_capped(&self, path: &Path, bytes: &[u8], max_chars: usize) -> Result<Document> {
        let decoded = decode(path, bytes, max_chars)?;
        let title = plain_text_title(&line_ends_normalized(head(&decoded.text)));
        let extraction = Extraction::from_source(decoded.text, title, &decoded.encoding)
            .with_warnings(decoded.warnings);
        build_document(path, DocFormat::Txt, bytes, extraction, EMPTY_DOCUMENT)
    }
}

impl DocumentReader for MarkdownReader {
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Document> {
        self.read_capped(path, bytes, usize::MAX)
    }

    fn read_capped(&self, path: &Path, bytes: &[u8], max_chars: usize) -> Result<Document> {
        let decoded = decode(path, bytes, max_chars)?;
        let (text, alignment, title) = markdown::to_plain_text_aligned(&decoded.text);
        let extraction = Extraction::unpaged(text, title, &decoded.encoding)
            .with_warnings(decoded.warnings)
            .with_source(decoded.text, alignment);
        build_document(path, DocFormat::Md, bytes, extraction, EMPTY_DOCUMENT)
    }
}

/// A decoded text file.
struct DecodedFile {
    text: String,
    encoding: String,
    warnings: Vec<String>,
}

/// The decoded text (line ends as in the file), refused past `max_chars`.
fn decode(path: &Path, bytes: &[u8], max_chars: usize) -> Result<DecodedFile> {
    let Decoded {
        text,
        encoding,
        warnings,
    } = decode_text(bytes, None).map_err(|e| bad_input(path, e.reason()))?;
    check_chars(path, text.chars().count(), max_chars)?;
    Ok(DecodedFile {
        text,
        encoding,
        warnings: warnings
            .into_iter()
            .map(|w| format!("{}:{w}", path.display()))
            .collect(),
    })
}

/// The start of a text, enough for the title (its first lines).
fn head(text: &str) -> &str {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn line_ends_normalized(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Longest line (in chars) taken as a title.
const MAX_TITLE_CHARS: usize = 100;

/// The first non-empty line, if it reads as a title: short, not starting in lower case,
/// not ending like a sentence or clause (. , ; :), and standing alone (followed by a
/// blank line) or, if short, not continued in lower case on the next line (hard wraps).
pub(crate) fn plain_text_title(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let first = lines.next()?;
    let next = lines.next().unwrap_or("");
    let length = first.chars().count();
    let starts_lower = first.chars().next().is_some_and(char::is_lowercase);
    let ends_like_sentence = first.ends_with(['.', ',', ';', ':']);
    let stands_alone = next.is_empty();
    let short_and_not_continued =
        length <= 60 && !next.chars().next().is_some_and(char::is_lowercase);
    let is_title = length <= MAX_TITLE_CHARS
        && !starts_lower
        && !ends_like_sentence
        && (stands_alone || short_and_not_continued);
    is_title.then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_a_short_first_line() {
        let text = "\n\nDeportations from Sindh\n\nIn March, police ...";
        assert_eq!(
            plain_text_title(text).as_deref(),
            Some("Deportations from Sindh")
        );
    }

    #[test]
    fn a_sentence_or_wrapped_paragraph_is_no_title() {
        assert_eq!(
            plain_text_title("The camp was closed in May.\n\nMore."),
            None
        );
        let wrapped = "Between January and March, at least 1,200 Afghan nationals were\n\
                       detained in Karachi.";
        assert_eq!(plain_text_title(wrapped), None);
    }

    #[test]
    fn a_title_may_have_a_subtitle_line() {
        let text = "Nowhere to Go\nReturns from Lebanon in 2024\n\nBody.";
        assert_eq!(plain_text_title(text).as_deref(), Some("Nowhere to Go"));
    }
}
