//! Writes PDFs with real layout features, for the PDF tests and for
//! `examples/pdf_fidelity.rs` (which includes this file).
//!
//! Two levels:
//!
//! * [`Run`]s placed by hand on [`Page`]s: one piece of text in a font, size and position,
//!   drawn with its own `BT ... ET` (so a word can be drawn as several separately
//!   positioned runs, as Chromium does);
//! * [`typeset`]: paragraphs, headings and list items flowed into one or two columns over
//!   A4 pages, with a running header, a page-number footer, line breaking with hyphens, and
//!   producer quirks (words drawn without space glyphs as groff does; words split into
//!   runs as Chromium does).
//!
//! Fonts are the standard Helvetica and Helvetica-Bold with WinAnsiEncoding and explicit
//! `/Widths` (from [`char_width`]), so the positions computed here are the ones PDF readers
//! see.
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Object, ObjectId, Stream, StringFormat};

pub const PAGE_WIDTH: f64 = 595.0;
pub const PAGE_HEIGHT: f64 = 842.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// One piece of text drawn at a position (points from the bottom left).
#[derive(Debug, Clone)]
pub struct Run {
    pub font: Font,
    pub size: f64,
    pub x: f64,
    pub y: f64,
    pub text: String,
    /// Extra space after every character (`Tc`), for letter-spaced text.
    pub char_spacing: f64,
    /// Extra space after every space character (`Tw`), for justified lines.
    pub word_spacing: f64,
}

impl Run {
    pub fn new(font: Font, size: f64, x: f64, y: f64, text: &str) -> Self {
        Run {
            font,
            size,
            x,
            y,
            text: text.to_string(),
            char_spacing: 0.0,
            word_spacing: 0.0,
        }
    }

    /// Regular text at 10 points.
    pub fn body(x: f64, y: f64, text: &str) -> Self {
        Run::new(Font::Regular, 10.0, x, y, text)
    }

    /// Where the run ends on the right.
    pub fn end(&self) -> f64 {
        self.x
            + text_width(&self.text, self.font, self.size)
            + self.char_spacing * self.text.chars().count() as f64
            + self.word_spacing * self.text.chars().filter(|c| *c == ' ').count() as f64
    }
}

/// A page of runs (A4).
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub runs: Vec<Run>,
}

/// Advance width of a character in 1/1000 em (Helvetica's metrics, rounded to classes
/// for the rarer characters).
pub fn char_width(c: char, font: Font) -> f64 {
    let bold = font == Font::Bold;
    let w: f64 = match c {
        ' ' | '!' | ',' | '.' | '/' | ':' | ';' | '[' | ']' | '\\' | '\u{A0}' => 278.0,
        'f' | 't' => 278.0,
        'i' | 'j' | 'l' => 222.0,
        '\'' | '‘' | '’' => 222.0,
        '"' | '“' | '”' => 333.0,
        '-' | '\u{AD}' | '(' | ')' | 'r' | '`' => 333.0,
        'I' => 278.0,
        'm' => 833.0,
        'w' => 722.0,
        'M' => 833.0,
        'W' => 944.0,
        'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' => 500.0,
        'J' => 500.0,
        'F' | 'T' | 'Z' => 611.0,
        'L' => 556.0,
        'C' | 'D' | 'H' | 'N' | 'R' | 'U' => 722.0,
        'G' | 'O' | 'Q' => 778.0,
        'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' => 667.0,
        '–' => 556.0,
        '—' => 1000.0,
        '%' => 889.0,
        '&' => 667.0,
        '@' => 1015.0,
        '•' => 350.0,
        '*' => 389.0,
        '+' | '<' | '=' | '>' | '~' => 584.0,
        _ => 556.0,
    };
    if bold {
        match c {
            'a'..='z' if !"fijlrt".contains(c) => w.max(556.0) + 55.0,
            'f' | 't' => 333.0,
            'r' => 389.0,
            'i' | 'j' | 'l' => 278.0,
            ':' | ';' | '!' => 333.0,
            _ => w,
        }
    } else {
        w
    }
}

pub fn text_width(text: &str, font: Font, size: f64) -> f64 {
    text.chars().map(|c| char_width(c, font)).sum::<f64>() / 1000.0 * size
}

pub fn win_ansi(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "not representable in WinAnsiEncoding: {text}");
    bytes.into_owned()
}

fn font_object(doc: &mut lopdf::Document, base: &str, font: Font) -> ObjectId {
    let widths: Vec<Object> = (32u8..=255)
        .map(|byte| {
            let bytes = [byte];
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            let c = decoded.chars().next().unwrap_or(' ');
            Object::Integer(char_width(c, font) as i64)
        })
        .collect();
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => base,
        "Encoding" => "WinAnsiEncoding",
        "FirstChar" => 32,
        "LastChar" => 255,
        "Widths" => widths,
    })
}

/// The drawing operations of one run.
fn run_operations(run: &Run) -> Vec<Operation> {
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec![run.font.resource().into(), run.size.into()]),
        // Character and word spacing are part of the graphics state: set them every time.
        Operation::new("Tc", vec![run.char_spacing.into()]),
        Operation::new("Tw", vec![run.word_spacing.into()]),
        Operation::new("Td", vec![run.x.into(), run.y.into()]),
        Operation::new(
            "Tj",
            vec![Object::String(win_ansi(&run.text), StringFormat::Literal)],
        ),
        Operation::new("ET", vec![]),
    ];
    if run.text.is_empty() {
        operations.clear();
    }
    operations
}

/// The document (to be changed further, e.g. encrypted).
pub fn document(pages: &[Page], title: Option<&str>) -> lopdf::Document {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let regular = font_object(&mut doc, "Helvetica", Font::Regular);
    let bold = font_object(&mut doc, "Helvetica-Bold", Font::Bold);
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => regular, "F2" => bold },
    });
    let mut kids = Vec::new();
    for page in pages {
        let operations: Vec<Operation> = page.runs.iter().flat_map(run_operations).collect();
        let content = Content { operations }.encode().unwrap();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(Object::from(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    if let Some(title) = title {
        let info_id = doc.add_object(dictionary! { "Title" => Object::string_literal(title) });
        doc.trailer.set("Info", info_id);
    }
    doc
}

pub fn to_bytes(mut doc: lopdf::Document) -> Vec<u8> {
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

pub fn pdf(pages: &[Page], title: Option<&str>) -> Vec<u8> {
    to_bytes(document(pages, title))
}

// ---------------------------------------------------------------------------------------
// Typesetting

/// A piece of a document to typeset. In the text, `~` marks where a word may be
/// hyphenated (the line breaker then draws a hyphen; the plain text has no mark), and a
/// soft hyphen U+00AD likewise (drawn as the soft hyphen character).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// The document title (bold, large, across the full width of the first page).
    Title(String),
    Heading(String),
    Paragraph(String),
    /// A bulleted list item (hanging indent).
    Bullet(String),
    /// A line printed at the top of the next page only (a one-off header).
    OneOffHeader(String),
}

impl Item {
    /// The item as plain text: what a `.txt` version of the document holds.
    pub fn plain(&self) -> String {
        let clean = |s: &str| s.replace(['~', '\u{AD}'], "");
        match self {
            Item::Title(t) | Item::Heading(t) | Item::Paragraph(t) | Item::OneOffHeader(t) => {
                clean(t)
            }
            Item::Bullet(t) => format!("• {}", clean(t)),
        }
    }
}

/// How the page numbers are printed at the foot of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Footer {
    None,
    /// "7", centred.
    Bare,
    /// "Page 7 of 12", left.
    PageOf,
    /// "- 7 -", centred.
    Dashed,
}

/// How a producer draws lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Producer {
    /// One run per line, space glyphs drawn, justified with word spacing (LibreOffice).
    Writer,
    /// One run per word, no space glyphs, justified by position (groff, TeX).
    Groff,
    /// Like Writer, but some words are drawn as two separately positioned runs, the second
    /// [`SPLIT_OFFSET`] em after the first (Chromium).
    Chromium,
}

/// How far apart (in em) the two runs of a split word are drawn.
pub const SPLIT_OFFSET: f64 = 0.13;

#[derive(Debug, Clone)]
pub struct Layout {
    pub columns: usize,
    pub gutter: f64,
    pub margin: f64,
    pub body_size: f64,
    pub leading: f64,
    /// Extra space after a paragraph.
    pub paragraph_gap: f64,
    /// First-line indent of paragraphs.
    pub indent: f64,
    pub justify: bool,
    pub header: Option<String>,
    pub footer: Footer,
    pub producer: Producer,
    /// Headings drawn letter-spaced by this much (points per character).
    pub heading_tracking: f64,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            columns: 1,
            gutter: 18.0,
            margin: 72.0,
            body_size: 10.0,
            leading: 13.0,
            paragraph_gap: 7.0,
            indent: 0.0,
            justify: true,
            header: None,
            footer: Footer::None,
            producer: Producer::Writer,
            heading_tracking: 0.0,
        }
    }
}

/// A token of a line: a word (maybe ending in a hyphen from breaking) in a font.
#[derive(Debug, Clone)]
struct Word {
    text: String,
}

/// Flows the items over pages.
pub fn typeset(items: &[Item], layout: &Layout) -> Vec<Page> {
    let mut setter = Setter::new(layout);
    for item in items {
        setter.item(item);
    }
    setter.finish()
}

struct Setter<'a> {
    layout: &'a Layout,
    pages: Vec<Page>,
    column: usize,
    /// Baseline of the next line.
    y: f64,
    /// Top of the column area on the current page (below a title).
    top: f64,
    one_off: Option<String>,
    split_counter: usize,
}

impl<'a> Setter<'a> {
    fn new(layout: &'a Layout) -> Self {
        let top = PAGE_HEIGHT - layout.margin;
        Setter {
            layout,
            pages: vec![Page::default()],
            column: 0,
            y: top - layout.body_size,
            top,
            one_off: None,
            split_counter: 0,
        }
    }

    fn column_width(&self) -> f64 {
        let l = self.layout;
        (PAGE_WIDTH - 2.0 * l.margin - (l.columns as f64 - 1.0) * l.gutter) / l.columns as f64
    }

    fn column_x(&self) -> f64 {
        self.layout.margin + self.column as f64 * (self.column_width() + self.layout.gutter)
    }

    fn bottom(&self) -> f64 {
        self.layout.margin
    }

    /// Moves to the next column or page when a line of `size` (or several lines, `size`
    /// being their height from the first baseline) does not fit.
    fn ensure_room(&mut self, size: f64) {
        if self.y - size * 0.25 >= self.bottom() {
            return;
        }
        self.column += 1;
        if self.column >= self.layout.columns {
            self.column = 0;
            self.pages.push(Page::default());
            self.top = PAGE_HEIGHT - self.layout.margin;
            if let Some(text) = self.one_off.take() {
                let page = self.pages.last_mut().unwrap();
                page.runs.push(Run::new(
                    Font::Regular,
                    8.5,
                    self.layout.margin,
                    PAGE_HEIGHT - self.layout.margin + 16.0,
                    &text,
                ));
            }
        }
        self.y = self.top - self.layout.body_size;
    }

    fn item(&mut self, item: &Item) {
        let l = self.layout;
        match item {
            Item::Title(text) => {
                let size = 16.0;
                let width = PAGE_WIDTH - 2.0 * l.margin;
                for line in break_lines(text, Font::Bold, size, width, width) {
                    let y = self.y;
                    self.pages.last_mut().unwrap().runs.push(Run::new(
                        Font::Bold,
                        size,
                        l.margin,
                        y,
                        &line.join(" "),
                    ));
                    self.y -= size * 1.25;
                }
                self.y -= 10.0;
                self.top = self.y + l.body_size;
            }
            Item::Heading(text) => {
                let size = l.body_size + 2.0;
                self.y -= 4.0;
                let width = self.column_width();
                let lines = break_lines(text, Font::Bold, size, width, width);
                // The lines of a heading stay together.
                self.ensure_room(size + (lines.len() - 1) as f64 * size * 1.25);
                for line in lines {
                    self.ensure_room(size);
                    let x = self.column_x();
                    let mut run = Run::new(Font::Bold, size, x, self.y, &line.join(" "));
                    run.char_spacing = l.heading_tracking;
                    self.pages.last_mut().unwrap().runs.push(run);
                    self.y -= size * 1.25;
                }
                self.y -= 3.0;
            }
            Item::Paragraph(text) => self.paragraph(text, l.indent, 0.0, None),
            Item::Bullet(text) => self.paragraph(text, 0.0, 12.0, Some("•")),
            Item::OneOffHeader(text) => self.one_off = Some(text.clone()),
        }
    }

    /// A paragraph; `hang` indents every line but the first (list items), whose marker is
    /// drawn at the column's edge.
    fn paragraph(&mut self, text: &str, indent: f64, hang: f64, marker: Option<&str>) {
        let l = self.layout;
        let width = self.column_width();
        let lines = break_lines(
            text,
            Font::Regular,
            l.body_size,
            width - indent - hang,
            width - hang,
        );
        let count = lines.len();
        for (index, words) in lines.into_iter().enumerate() {
            self.ensure_room(l.body_size);
            let x0 = self.column_x() + hang + if index == 0 { indent } else { 0.0 };
            let available = width - hang - if index == 0 { indent } else { 0.0 };
            if index == 0 {
                if let Some(marker) = marker {
                    let x = self.column_x();
                    let y = self.y;
                    self.pages
                        .last_mut()
                        .unwrap()
                        .runs
                        .push(Run::body(x, y, marker));
                }
            }
            let last = index + 1 == count;
            self.draw_line(&words, x0, available, l.justify && !last);
            self.y -= l.leading;
        }
        self.y -= l.paragraph_gap;
    }

    fn draw_line(&mut self, words: &[String], x0: f64, available: f64, justify: bool) {
        let l = self.layout;
        let size = l.body_size;
        let y = self.y;
        let natural: f64 = text_width(&words.join(" "), Font::Regular, size);
        let gaps = words.len().saturating_sub(1) as f64;
        let extra = if justify && gaps > 0.0 {
            ((available - natural) / gaps).max(0.0)
        } else {
            0.0
        };
        let space = text_width(" ", Font::Regular, size);
        match l.producer {
            Producer::Writer => {
                let mut run = Run::body(x0, y, &words.join(" "));
                run.word_spacing = extra;
                self.pages.last_mut().unwrap().runs.push(run);
            }
            Producer::Groff => {
                let mut x = x0;
                for word in words {
                    self.pages
                        .last_mut()
                        .unwrap()
                        .runs
                        .push(Run::body(x, y, word));
                    x += text_width(word, Font::Regular, size) + space + extra;
                }
            }
            Producer::Chromium => {
                // Runs of words, each word after a space glyph; some words are cut in two
                // runs placed edge to edge.
                let mut x = x0;
                for (index, word) in words.iter().enumerate() {
                    let text = if index + 1 < words.len() {
                        format!("{word} ")
                    } else {
                        word.clone()
                    };
                    self.split_counter += 1;
                    let chars: Vec<char> = text.chars().collect();
                    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                    if self.split_counter.is_multiple_of(211) && letters >= 3 {
                        let cut = 1 + self.split_counter % (letters - 1).max(1);
                        let cut = cut.min(chars.len() - 1);
                        let head: String = chars[..cut].iter().collect();
                        let tail: String = chars[cut..].iter().collect();
                        let mut first = Run::body(x, y, &head);
                        first.word_spacing = extra;
                        // Chromium's runs do not abut exactly: the second starts a little
                        // (0.13 em) after the first ends, enough for some readers to see
                        // a space.
                        let second_x = first.end() + SPLIT_OFFSET * first.size;
                        let mut second = Run::body(second_x, y, &tail);
                        second.word_spacing = extra;
                        x = second.end();
                        let page = self.pages.last_mut().unwrap();
                        page.runs.push(first);
                        page.runs.push(second);
                    } else {
                        let mut run = Run::body(x, y, &text);
                        run.word_spacing = extra;
                        x = run.end();
                        self.pages.last_mut().unwrap().runs.push(run);
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Vec<Page> {
        let l = self.layout;
        let count = self.pages.len();
        for (index, page) in self.pages.iter_mut().enumerate() {
            let number = index + 1;
            if let Some(header) = &l.header {
                page.runs.push(Run::new(
                    Font::Regular,
                    8.5,
                    l.margin,
                    PAGE_HEIGHT - l.margin + 30.0,
                    header,
                ));
            }
            let footer = match l.footer {
                Footer::None => None,
                Footer::Bare => Some(number.to_string()),
                Footer::PageOf => Some(format!("Page {number} of {count}")),
                Footer::Dashed => Some(format!("- {number} -")),
            };
            if let Some(footer) = footer {
                let width = text_width(&footer, Font::Regular, 8.5);
                let x = if l.footer == Footer::PageOf {
                    l.margin
                } else {
                    (PAGE_WIDTH - width) / 2.0
                };
                page.runs
                    .push(Run::new(Font::Regular, 8.5, x, l.margin - 30.0, &footer));
            }
        }
        self.pages
    }
}

/// Greedy line breaking. Words may break after a hyphen they contain, or at a `~` or soft
/// hyphen mark (drawn as `-` or as the soft hyphen). Returns the words of each line.
pub fn break_lines(
    text: &str,
    font: Font,
    size: f64,
    first_width: f64,
    width: f64,
) -> Vec<Vec<String>> {
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut line: Vec<String> = Vec::new();
    let fits = |line: &[String], extra: &str, limit: f64| {
        let mut all = line.join(" ");
        if !all.is_empty() {
            all.push(' ');
        }
        all.push_str(extra);
        text_width(&all, font, size) <= limit
    };
    let clean = |w: &str| w.replace(['~', '\u{AD}'], "");
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let limit = if lines.is_empty() { first_width } else { width };
            if fits(&line, &clean(&word), limit) {
                line.push(clean(&word));
                break;
            }
            // The longest head of the word, at a break point, that fits with its hyphen.
            let points: Vec<(usize, &str)> = word
                .char_indices()
                .filter_map(|(i, c)| match c {
                    '~' => Some((i, "-")),
                    '\u{AD}' => Some((i, "\u{AD}")),
                    '-' => Some((i + 1, "")),
                    _ => None,
                })
                .collect();
            let split = points.iter().rev().find_map(|&(i, mark)| {
                let head = format!("{}{mark}", clean(&word[..i]));
                fits(&line, &head, limit).then(|| {
                    (
                        head,
                        word[i..].trim_start_matches(['~', '\u{AD}']).to_string(),
                    )
                })
            });
            match split {
                Some((head, tail)) if !tail.is_empty() => {
                    line.push(head);
                    lines.push(std::mem::take(&mut line));
                    word = tail;
                }
                _ => {
                    if line.is_empty() {
                        line.push(clean(&word));
                        break;
                    }
                    lines.push(std::mem::take(&mut line));
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
