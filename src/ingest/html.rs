//! HTML: the readable text of the page, block by block.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8};
use scraper::{ElementRef, Html, Node};

use super::decode::decode_text;
use super::EMPTY_DOCUMENT;
use super::{
    bad_input, build_document, check_chars, DocFormat, Document, DocumentReader, Extraction,
};
use crate::Result;

/// Reads `.html` / `.htm` / `.xhtml` with the html5ever parser (as browsers parse, so
/// broken markup is fine).
///
/// * **Encoding:** byte order mark, else `<meta charset>` / `<meta http-equiv>` / the XML
///   declaration (if the bytes decode cleanly in it), else detection as for text.
/// * **Blocks:** headings, paragraphs, list items, blockquotes, table rows, figure
///   captions, `<div>`s and other block elements each become a block; blocks are separated
///   by a blank line. List items start with "- ", or "N. " in an `<ol>` (honouring
///   `start`). A table row is one block with its cells joined by " | ", so a cell's value
///   stays next to its row label. `<br>` is a line break, `<pre>` keeps its lines.
/// * **Inline elements** are concatenated as a browser renders them: a space appears only
///   where the source has whitespace (so `deport<em>ed</em>` stays one word); runs of
///   whitespace collapse to one space. Entities are decoded by the parser.
/// * **Dropped:** `<head>`, script, style, noscript, template, svg, iframe, object, canvas,
///   nav, aside, form, button, select, textarea, "Skip to content" links, every `<footer>`,
///   and the page `<header>`
///   (one inside `<article>` or `<main>` is the article's own headline and byline, and is
///   kept); elements with `role` navigation / search / complementary / contentinfo (and
///   banner outside an article), with the `hidden` attribute, `aria-hidden="true"` or an
///   inline `display:none` / `visibility:hidden` style.
/// * **Title:** `<title>`, else the first `<h1>` of the kept content.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlReader;

impl DocumentReader for HtmlReader {
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Document> {
        self.read_capped(path, bytes, usize::MAX)
    }

    /// The limit applies to the extracted text (markup, scripts and inline images do not
    /// count); the page itself is bounded by the file size limit.
    fn read_capped(&self, path: &Path, bytes: &[u8], max_chars: usize) -> Result<Document> {
        let decoded = decode_text(bytes, declared_encoding(bytes))
            .map_err(|e| bad_input(path, e.reason()))?;
        let (text, title) = html_to_text(&decoded.text);
        drop(decoded.text);
        check_chars(path, text.chars().count(), max_chars)?;
        let warnings = decoded
            .warnings
            .iter()
            .map(|w| format!("{}:{w} (line of the HTML source)", path.display()))
            .collect();
        let extraction =
            Extraction::unpaged(text, title, &decoded.encoding).with_warnings(warnings);
        build_document(path, DocFormat::Html, bytes, extraction, EMPTY_DOCUMENT)
    }
}

/// The page's text as blocks separated by blank lines, and its title.
pub(crate) fn html_to_text(source: &str) -> (String, Option<String>) {
    let document = Html::parse_document(source);
    let mut walker = Walker::new();
    walker.walk(document.root_element());
    let title = page_title(&document).or(walker.first_h1.take());
    (walker.context().out.blocks.join("\n\n"), title)
}

fn page_title(document: &Html) -> Option<String> {
    let head_title = document
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "title")?;
    let text = collapse_whitespace(&head_title.text().collect::<String>());
    (!text.is_empty()).then_some(text)
}

fn collapse_whitespace(text: &str) -> String {
    text.split(is_html_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// HTML's whitespace, plus the no-break space, whose runs are layout rather than content.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}')
}

const DROPPED_ELEMENTS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "nav", "aside", "form", "button", "select", "textarea", "footer", "dialog",
];

const DROPPED_ROLES: &[&str] = &["navigation", "search", "complementary", "contentinfo"];

const BLOCK_ELEMENTS: &[&str] = &[
    "html",
    "body",
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "address",
    "caption",
    "details",
    "summary",
    "center",
    "header",
    "hgroup",
    "fieldset",
    "legend",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "ul",
    "ol",
    "li",
    "tr",
    "pre",
    "hr",
    "option",
];

/// Walks the DOM with an explicit stack, so that nesting depth costs heap, not call stack:
/// 21,000 nested `<div>`s (105 KB) used to overflow the thread's stack and abort the
/// whole process.
#[derive(Default)]
struct Walker {
    /// The open writing contexts: the page, and one per table cell being read (a cell's
    /// blocks are joined into one line of its row).
    contexts: Vec<Context>,
    /// The cells read so far of each open table row.
    rows: Vec<Vec<String>>,
    /// How many `<article>` / `<main>` elements enclose the current one.
    article_depth: usize,
    first_h1: Option<String>,
}

/// Where text goes: the blocks written so far and the lists open around the current node.
#[derive(Default)]
struct Context {
    out: BlockWriter,
    /// One entry per open list: `None` for `<ul>`, the next number for `<ol>`.
    lists: Vec<Option<u64>>,
}

/// Work left on the walker's stack.
enum Task<'a> {
    /// Text to write.
    Text(&'a str),
    /// An element to visit.
    Element(ElementRef<'a>),
    /// Start reading a table cell into a context of its own.
    BeginCell,
    /// What to do once an element's children are done.
    End(End),
}

#[derive(Clone, Copy)]
enum End {
    Block,
    Article,
    List,
    ListItem,
    Cell,
    Row,
}

impl Walker {
    fn new() -> Self {
        Self {
            contexts: vec![Context::default()],
            ..Self::default()
        }
    }

    fn context(&mut self) -> &mut Context {
        self.contexts
            .last_mut()
            .expect("the page context is never popped")
    }

    fn out(&mut self) -> &mut BlockWriter {
        &mut self.context().out
    }

    /// Walks `root` and everything below it.
    fn walk(&mut self, root: ElementRef) {
        let mut stack = vec![Task::Element(root)];
        while let Some(task) = stack.pop() {
            match task {
                Task::Text(text) => self.out().text(text),
                Task::Element(element) => self.element(element, &mut stack),
                Task::BeginCell => self.contexts.push(Context::default()),
                Task::End(end) => self.end(end),
            }
        }
        self.out().flush();
    }

    /// Handles an element's opening; what its end needs goes on the stack after its
    /// children.
    fn element<'a>(&mut self, element: ElementRef<'a>, stack: &mut Vec<Task<'a>>) {
        let name = element.value().name();
        if self.is_dropped(element, name) {
            return;
        }
        let end = match name {
            "br" => return self.out().line_break(),
            "pre" => return self.preformatted(element),
            "tr" => return self.table_row(element, stack),
            "li" => {
                let marker = match self.context().lists.last_mut() {
                    Some(Some(number)) => {
                        *number += 1;
                        format!("{}. ", *number - 1)
                    }
                    _ => "- ".to_string(),
                };
                self.out().flush();
                self.out().prefix = Some(marker);
                Some(End::ListItem)
            }
            "ul" | "ol" => {
                let start = element
                    .value()
                    .attr("start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.context().lists.push((name == "ol").then_some(start));
                self.out().flush();
                Some(End::List)
            }
            "article" | "main" => {
                self.article_depth += 1;
                self.out().flush();
                Some(End::Article)
            }
            _ => {
                // The first `<h1>` outside table cells is the fallback title.
                if name == "h1" && self.first_h1.is_none() && self.contexts.len() == 1 {
                    self.first_h1 = Some(collapse_whitespace(&element.text().collect::<String>()))
                        .filter(|t| !t.is_empty());
                }
                if BLOCK_ELEMENTS.contains(&name) {
                    self.out().flush();
                    Some(End::Block)
                } else {
                    None
                }
            }
        };
        if let Some(end) = end {
            stack.push(Task::End(end));
        }
        push_children(element, stack);
    }

    fn end(&mut self, end: End) {
        match end {
            End::Block => self.out().flush(),
            End::Article => {
                self.out().flush();
                self.article_depth -= 1;
            }
            End::List => {
                self.out().flush();
                self.context().lists.pop();
            }
            End::ListItem => {
                self.out().flush();
                // An item without text must not pass its marker on to the next block.
                self.out().prefix = None;
            }
            End::Cell => {
                let mut cell = self.contexts.pop().expect("a cell context was pushed");
                cell.out.flush();
                let text = collapse_whitespace(&cell.out.blocks.join(" "));
                if let Some(row) = self.rows.last_mut().filter(|_| !text.is_empty()) {
                    row.push(text);
                }
            }
            End::Row => {
                let cells = self.rows.pop().unwrap_or_default();
                if !cells.is_empty() {
                    self.out().blocks.push(cells.join(" | "));
                }
            }
        }
    }

    fn is_dropped(&self, element: ElementRef, name: &str) -> bool {
        let value = element.value();
        let role = value.attr("role").unwrap_or("").to_ascii_lowercase();
        let in_article = self.article_depth > 0;
        let style = value
            .attr("style")
            .unwrap_or("")
            .to_ascii_lowercase()
            .replace(' ', "");
        DROPPED_ELEMENTS.contains(&name)
            || (name == "header" && !in_article)
            || DROPPED_ROLES.contains(&role.as_str())
            || (role == "banner" && !in_article)
            || value.attr("hidden").is_some()
            || value.attr("aria-hidden") == Some("true")
            || style.contains("display:none")
            || style.contains("visibility:hidden")
            || is_skip_link(element, name)
    }

    /// A table row: its `<td>`/`<th>` cells, each read into a context of its own, joined by
    /// " | " as one block; empty cells are skipped, other children of the row ignored.
    fn table_row<'a>(&mut self, row: ElementRef<'a>, stack: &mut Vec<Task<'a>>) {
        self.out().flush();
        self.rows.push(Vec::new());
        stack.push(Task::End(End::Row));
        let cells: Vec<ElementRef> = row
            .child_elements()
            .filter(|cell| matches!(cell.value().name(), "td" | "th"))
            .collect();
        for cell in cells.into_iter().rev() {
            stack.push(Task::End(End::Cell));
            push_children(cell, stack);
            stack.push(Task::BeginCell);
        }
    }

    fn preformatted(&mut self, element: ElementRef) {
        self.out().flush();
        let text: String = element.text().collect();
        let text = text.trim_end();
        if !text.trim().is_empty() {
            self.out()
                .blocks
                .push(text.trim_start_matches('\n').to_string());
        }
    }
}

/// Puts an element's children on the stack so that the first is visited next.
fn push_children<'a>(element: ElementRef<'a>, stack: &mut Vec<Task<'a>>) {
    stack.extend(
        element
            .children()
            .rev()
            .filter_map(|child| match child.value() {
                Node::Text(text) => Some(Task::Text(text)),
                Node::Element(_) => ElementRef::wrap(child).map(Task::Element),
                _ => None,
            }),
    );
}

/// "Skip to content" links for keyboard users: page chrome, not content.
fn is_skip_link(element: ElementRef, name: &str) -> bool {
    name == "a"
        && element
            .value()
            .attr("href")
            .is_some_and(|h| h.starts_with('#'))
        && collapse_whitespace(&text_prefix(element, 64))
            .to_lowercase()
            .starts_with("skip to")
}

/// The first text of an element, about `max_bytes` long: enough to recognise a phrase
/// without copying a large subtree for every link.
fn text_prefix(element: ElementRef, max_bytes: usize) -> String {
    let mut text = String::new();
    for piece in element.text() {
        text.push_str(piece);
        if text.len() >= max_bytes {
            break;
        }
    }
    text
}

/// Collects text into blocks, collapsing whitespace the way a browser does.
#[derive(Default)]
struct BlockWriter {
    blocks: Vec<String>,
    current: String,
    pending_space: bool,
    /// A list marker to put before the next text (which may be in a nested block).
    prefix: Option<String>,
}

impl BlockWriter {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if is_html_space(c) {
                self.pending_space = true;
                continue;
            }
            if self.current.is_empty() {
                if let Some(prefix) = self.prefix.take() {
                    self.current.push_str(&prefix);
                }
            } else if self.pending_space && !self.current.ends_with([' ', '\n']) {
                self.current.push(' ');
            }
            self.pending_space = false;
            self.current.push(c);
        }
    }

    fn line_break(&mut self) {
        if !self.current.is_empty() {
            self.current
                .truncate(self.current.trim_end_matches(' ').len());
            self.current.push('\n');
        }
        self.pending_space = false;
    }

    fn flush(&mut self) {
        let block = self.current.trim();
        if !block.is_empty() {
            self.blocks.push(block.to_string());
        }
        self.current.clear();
        self.pending_space = false;
    }
}

/// The encoding the page declares in its first 4 KiB: `<meta charset=...>`,
/// `<meta http-equiv="Content-Type" content="...; charset=...">` or
/// `<?xml ... encoding="..."?>`. A declared UTF-16 means UTF-8 (the bytes are
/// ASCII-compatible, or a BOM would have said so), as the HTML standard rules.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let label = if head.trim_start().starts_with("<?xml") {
        attribute_after(&head, "encoding=")
    } else {
        None
    };
    let label = label.or_else(|| {
        head.match_indices("<meta")
            .filter_map(|(start, _)| {
                let tag_end = head[start..].find('>').map_or(head.len(), |e| start + e);
                attribute_after(&head[start..tag_end], "charset=")
            })
            .next()
    })?;
    let encoding = Encoding::for_label(label.as_bytes())?;
    Some(if encoding.output_encoding() == UTF_8 {
        UTF_8
    } else {
        encoding
    })
}

/// The value after `key` (quoted or not).
fn attribute_after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let start = text.find(key)? + key.len();
    let value = text[start..].trim_start_matches([' ', '"', '\'']);
    let end = value
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
        .unwrap_or(value.len());
    (end > 0).then(|| &value[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        html_to_text(html).0
    }

    #[test]
    fn blocks_are_separated_by_blank_lines() {
        assert_eq!(
            text("<h2>Findings</h2><p>Guards <b>beat</b>\n  detainees.</p><div>Loose text</div>"),
            "Findings\n\nGuards beat detainees.\n\nLoose text"
        );
    }

    #[test]
    fn inline_elements_do_not_split_words() {
        assert_eq!(
            text("<p>deport<em>ed</em> on <a href='#'>Monday</a></p>"),
            "deported on Monday"
        );
    }

    #[test]
    fn lists_get_markers() {
        assert_eq!(
            text(
                "<ul><li>One</li><li> Two </li></ul><ol start='4'><li>Four</li><li>Five</li></ol>"
            ),
            "- One\n\n- Two\n\n4. Four\n\n5. Five"
        );
    }

    #[test]
    fn list_item_paragraphs_keep_the_marker() {
        assert_eq!(
            text("<ul><li><p>Stop the raids.</p></li><li></li></ul><p>After.</p>"),
            "- Stop the raids.\n\nAfter."
        );
    }

    #[test]
    fn nested_list_items_are_blocks_of_their_own() {
        assert_eq!(
            text("<ul><li>Camps<ul><li>North</li></ul></li></ul>"),
            "- Camps\n\n- North"
        );
    }

    #[test]
    fn table_rows_join_cells() {
        assert_eq!(
            text("<table><tr><th>Year</th><th>Returns</th></tr><tr><td><p>2023</p></td><td></td><td>1,200</td></tr></table>"),
            "Year | Returns\n\n2023 | 1,200"
        );
    }

    #[test]
    fn chrome_and_hidden_elements_are_dropped() {
        let html = "<a href='#main'>Skip to content</a><header>Site</header><nav>Menu</nav><div role=navigation>Skip</div>\
                    <article><header><h1>Headline</h1></header><p>Body.</p><footer>Tags</footer></article>\
                    <p hidden>x</p><p style='display: none'>y</p><span aria-hidden=true>z</span>\
                    <script>var a;</script><footer>Copyright</footer>";
        assert_eq!(text(html), "Headline\n\nBody.");
    }

    #[test]
    fn br_is_a_line_break() {
        assert_eq!(text("<p>Line one<br> line two</p>"), "Line one\nline two");
    }

    #[test]
    fn title_falls_back_to_first_h1() {
        assert_eq!(
            html_to_text("<title> A \n B </title><h1>C</h1>")
                .1
                .as_deref(),
            Some("A B")
        );
        assert_eq!(
            html_to_text("<header><h1>Site</h1></header><h1>Story</h1>")
                .1
                .as_deref(),
            Some("Story")
        );
    }

    /// Nesting depth costs no call stack: 21,000 nested `<div>`s used to overflow the
    /// main thread's stack and abort the run (issue 14). Here a thread with a 256 KiB
    /// stack reads 3,000 levels of each kind of nesting (html5ever's parse is quadratic
    /// in the depth, so the full-size case lives in tests/hostile.rs).
    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 3_000;
        let nested = |open: &str, close: &str| {
            format!(
                "{}Held for days.{}",
                open.repeat(depth),
                close.repeat(depth)
            )
        };
        let pages = [
            nested("<div>", "</div>"),
            nested("<span>", "</span>"),
            nested("<ul><li>", "</li></ul>"),
            nested("<div><b>", ""),
            nested("<blockquote>", ""),
            nested("<table><tr><td>", "</td></tr></table>"),
        ];
        let small_stack = std::thread::Builder::new().stack_size(256 * 1024);
        let texts = small_stack
            .spawn(move || pages.map(|html| html_to_text(&html).0))
            .unwrap()
            .join()
            .expect("no stack overflow");
        for text in texts {
            assert!(
                text.ends_with("Held for days."),
                "{}",
                &text[..text.len().min(80)]
            );
        }
    }

    #[test]
    fn nested_tables_keep_their_rows() {
        assert_eq!(
            text("<table><tr><td>A<table><tr><td>x</td><td>y</td></tr></table></td><td>B</td></tr></table>"),
            "A x | y | B"
        );
        assert_eq!(
            text("<ol><li>One<table><tr><td><ul><li>in cell</li></ul></td></tr></table></li><li>Two</li></ol>"),
            "1. One\n\n- in cell\n\n2. Two"
        );
    }

    #[test]
    fn declared_charset_is_found() {
        let meta = b"<html><head><meta charset=\"ISO-8859-1\"></head>";
        assert_eq!(declared_encoding(meta), Some(encoding_rs::WINDOWS_1252));
        let http_equiv =
            b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>";
        assert_eq!(
            declared_encoding(http_equiv),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(declared_encoding(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(declared_encoding(b"<p>no charset</p>"), None);
    }
}
