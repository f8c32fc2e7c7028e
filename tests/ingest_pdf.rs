//! The PDF reader (PDFium) on PDFs generated here with real layout features: running
//! headers, page-number footers, sentences cut by page and column breaks, hyphens at line
//! ends, headings at the foot of a column, one-off headers, words drawn in pieces. Each
//! test checks the extracted text and the units the segmenter makes from it.
//!
//! Needs PDFium (`make` or scripts/setup-pdfium.sh provisions `.pdfium/`), no model.

mod writer;

use std::path::Path;
use std::time::{Duration, Instant};

use claimscan::ingest::{DocFormat, Document, DocumentReader, Ingest, PdfReader};
use claimscan::segment::{RuleSegmenter, Segmenter, UnitKind};
use claimscan::Error;
use lopdf::{dictionary, Object, Stream};
use tempfile::TempDir;
use writer::{Font, Item, Layout, Page, Run};

// ---------------------------------------------------------------------------------------
// Helpers

fn read(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> Document {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    Ingest::default()
        .read(&path)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read_pdf(bytes: &[u8]) -> Document {
    let dir = TempDir::new().unwrap();
    read(&dir, "doc.pdf", bytes)
}

fn read_error(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    match Ingest::default().read(&path) {
        Err(Error::BadInput { reason, path: p }) => {
            assert_eq!(p, path, "the error names the file");
            reason
        }
        Err(other) => panic!("expected BadInput, got {other:?}"),
        Ok(document) => panic!("expected an error, got a document: {:?}", document.text),
    }
}

/// The units of a document: text, kind and page.
fn units(document: &Document) -> Vec<(String, UnitKind, u32)> {
    RuleSegmenter::new()
        .segment(&document.text)
        .into_iter()
        .map(|s| {
            let page = document.page_of(s.char_start).unwrap();
            (s.text, s.kind, page)
        })
        .collect()
}

fn unit_texts(document: &Document) -> Vec<String> {
    units(document).into_iter().map(|u| u.0).collect()
}

/// The unit that contains `needle` (panics if none).
fn unit_with(document: &Document, needle: &str) -> (String, UnitKind, u32) {
    units(document)
        .into_iter()
        .find(|u| u.0.contains(needle))
        .unwrap_or_else(|| panic!("no unit with {needle:?} in {:?}", unit_texts(document)))
}

fn char_offset(document: &Document, needle: &str) -> usize {
    let byte = document
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", document.text));
    document.text[..byte].chars().count()
}

/// Body lines (10 pt Helvetica) from `top` down, `leading` apart, at `x`; an empty string
/// leaves a paragraph gap of one line.
fn body_lines(x: f64, top: f64, leading: f64, lines: &[&str]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut y = top;
    for line in lines {
        if !line.is_empty() {
            runs.push(Run::body(x, y, line));
        }
        y -= leading;
    }
    runs
}

/// A page with a running header at the top, body lines from 760 down (an empty string
/// leaves a paragraph gap) and a footer at the bottom. The footer is drawn first and the
/// header last, as some producers do, so the tests do not depend on drawing order.
fn page(header: &str, body: &[&str], footer: &str) -> Page {
    let mut runs = vec![Run::new(Font::Regular, 8.0, 72.0, 40.0, footer)];
    runs.extend(body_lines(72.0, 760.0, 14.0, body));
    runs.push(Run::new(Font::Regular, 8.0, 72.0, 800.0, header));
    Page { runs }
}

/// A three-page report with a running header, "Page N of 3" footers and hyphenated breaks.
fn report_pdf() -> Vec<u8> {
    let header = "Monitoring Report: Returns from the Northern Border";
    writer::pdf(
        &[
            page(
                header,
                &[
                    "Findings",
                    "",
                    "Guards at the Kestrel holding site reportedly beat two men who asked to",
                    "see a lawyer. The mission recorded the so-called express procedure and the",
                    "deport-",
                    "ation of 112 people in a single night.",
                ],
                "Page 1 of 3",
            ),
            page(
                header,
                &[
                    "The Ministry of Interior stated that all returns were voluntary. Franco-",
                    "German observers disputed this and called for a halt to the forced repatri-",
                    "ations until the UN refugee agency could interview each family.",
                ],
                "Page 2 of 3",
            ),
            page(
                header,
                &[
                    "The express procedure was introduced in 2019 and applies to every",
                    "person caught within ten kilometres of the border.",
                ],
                "Page 3 of 3",
            ),
        ],
        Some("Returns from the Northern Border"),
    )
}

// ---------------------------------------------------------------------------------------
// Pages, running headers and footers, page numbers

#[test]
fn pages_headers_footers_and_hyphenation() {
    let document = read_pdf(&report_pdf());
    assert_eq!(document.format, DocFormat::Pdf);
    assert_eq!(document.encoding, "PDF");
    assert_eq!(document.pages(), 3);
    assert_eq!(
        document.title.as_deref(),
        Some("Returns from the Northern Border")
    );
    let text = &document.text;
    assert!(
        !text.contains("Monitoring Report"),
        "running header kept: {text}"
    );
    assert!(!text.contains("of 3"), "footer kept: {text}");
    assert!(
        text.starts_with("Findings\n\nGuards at the Kestrel"),
        "{text}"
    );
    assert_eq!(
        unit_texts(&document),
        [
            "Findings",
            "Guards at the Kestrel holding site reportedly beat two men who asked to see a lawyer.",
            "The mission recorded the so-called express procedure and the deportation of 112 \
             people in a single night.",
            "The Ministry of Interior stated that all returns were voluntary.",
            "Franco-German observers disputed this and called for a halt to the forced \
             repatriations until the UN refugee agency could interview each family.",
            "The express procedure was introduced in 2019 and applies to every person caught \
             within ten kilometres of the border."
        ]
    );
    assert_eq!(
        unit_with(&document, "Findings"),
        ("Findings".to_string(), UnitKind::Heading, 1)
    );
}

#[test]
fn page_starts_map_offsets_to_pages() {
    let document = read_pdf(&report_pdf());
    assert_eq!(document.page_starts[0], 0);
    let second = char_offset(&document, "The Ministry of Interior");
    let third = char_offset(&document, "The express procedure was");
    assert_eq!(document.page_starts, vec![0, second, third]);
    assert_eq!(
        document.page_of(char_offset(&document, "deportation")),
        Some(1)
    );
    assert_eq!(document.page_of(second - 1), Some(1));
    assert_eq!(document.page_of(second), Some(2));
    assert_eq!(
        document.page_of(char_offset(&document, "UN refugee agency")),
        Some(2)
    );
    assert_eq!(document.page_of(document.text.chars().count() - 1), Some(3));
    let before_second: String = document.text.chars().skip(second - 2).take(2).collect();
    assert_eq!(before_second, "\n\n");
}

#[test]
fn bare_page_numbers_are_dropped_and_citation_markers_kept() {
    let mut pages = Vec::new();
    let texts = [
        "Three men were held without charge.",
        "Their lawyers were not allowed to see them.",
        "They were released after a month.",
    ];
    for (number, text) in (1..=3).zip(texts) {
        let mut page = page("", &[text], &format!("- {} -", number + 13));
        // A line of citation markers at the foot of the text (small print).
        let markers = if number == 2 { "4 5" } else { "1 2 3" };
        page.runs
            .push(Run::new(Font::Regular, 7.0, 72.0, 120.0, markers));
        pages.push(page);
    }
    let document = read_pdf(&writer::pdf(&pages, None));
    assert!(!document.text.contains("- 14 -"), "{}", document.text);
    assert!(!document.text.contains("15"), "{}", document.text);
    assert_eq!(
        document.text.matches("1 2 3").count(),
        2,
        "{}",
        document.text
    );
    assert_eq!(document.text.matches("4 5").count(), 1, "{}", document.text);
}

#[test]
fn a_header_at_the_running_header_height_on_one_page_is_dropped() {
    let pages = [
        page("Annual Report 2024", &["The first page has text."], "1"),
        page("Chapter 2: Detention", &["The second page has text."], "2"),
        page("Annual Report 2024", &["The third page has text."], "3"),
        page("Annual Report 2024", &["The fourth page has text."], "4"),
    ];
    let document = read_pdf(&writer::pdf(&pages, None));
    assert_eq!(
        unit_texts(&document),
        [
            "The first page has text.",
            "The second page has text.",
            "The third page has text.",
            "The fourth page has text."
        ]
    );
}

#[test]
fn text_repeated_at_the_foot_of_two_pages_is_not_a_footer() {
    // The same sentence ends both pages at the same height, right under the text: it is
    // part of the text, not a running footer.
    let lines = [
        "The mission visited the centre twice during the reporting period.",
        "Every visit ended with the same request to the authorities.",
    ];
    let pages = [
        page(
            "Header",
            &["Guards beat the detainees at night.", lines[0], lines[1]],
            "1",
        ),
        page(
            "Header",
            &["Women were held with children.", lines[0], lines[1]],
            "2",
        ),
    ];
    let document = read_pdf(&writer::pdf(&pages, None));
    assert_eq!(
        document.text.matches(lines[1]).count(),
        2,
        "{}",
        document.text
    );
}

// ---------------------------------------------------------------------------------------
// Sentences across page breaks

#[test]
fn a_sentence_cut_by_a_page_break_is_one_unit_on_its_first_page() {
    let header = "Joint Monitoring Unit | Update No. 7";
    let pages = [
        page(
            header,
            &[
                "Former detainees said that guards beat them with hoses. After the visit,",
                "forty men were transferred from the Al-Nasr centre to a warehouse near",
            ],
            "Page 1 of 2",
        ),
        page(
            header,
            &[
                "the port of Zuwara, where they were held for weeks. Their families were not",
                "told where they were.",
            ],
            "Page 2 of 2",
        ),
    ];
    let document = read_pdf(&writer::pdf(&pages, None));
    let joined = "After the visit, forty men were transferred from the Al-Nasr centre to a \
                  warehouse near the port of Zuwara, where they were held for weeks.";
    assert_eq!(
        unit_with(&document, "forty men"),
        (joined.to_string(), UnitKind::Sentence, 1)
    );
    let next = unit_with(&document, "Their families");
    assert_eq!(next.2, 2, "{:?}", units(&document));
    assert_eq!(
        document.page_starts[1],
        char_offset(&document, "Their families"),
        "{:?}",
        document.text
    );
    assert_eq!(units(&document).len(), 3, "{:?}", units(&document));
}

#[test]
fn a_finished_sentence_and_a_heading_are_not_joined_across_pages() {
    let pages = [
        page("", &["The men were released in May."], "1"),
        page("", &["later reports differ on the date."], "2"),
        Page {
            runs: vec![Run::body(72.0, 760.0, "They were then held in the")],
        },
        Page {
            runs: vec![
                Run::new(Font::Bold, 12.0, 72.0, 760.0, "Conditions in detention"),
                Run::body(72.0, 740.0, "centres are poor."),
            ],
        },
    ];
    let document = read_pdf(&writer::pdf(&pages, None));
    let units = units(&document);
    assert_eq!(units[0].0, "The men were released in May.");
    assert_eq!(units[1].0, "later reports differ on the date.");
    assert_eq!(units[2].0, "They were then held in the");
    assert_eq!(
        units[3],
        ("Conditions in detention".to_string(), UnitKind::Heading, 4)
    );
}

#[test]
fn a_word_hyphenated_over_a_page_break_is_joined() {
    let pages = [
        page("", &["The committee condemned the repat-"], ""),
        page(
            "",
            &["riation of the students. It asked for their release and their repatriation."],
            "",
        ),
    ];
    let document = read_pdf(&writer::pdf(&pages, None));
    assert_eq!(
        document.text,
        "The committee condemned the repatriation of the students.\n\n\
         It asked for their release and their repatriation."
    );
    assert_eq!(
        document.page_of(char_offset(&document, "It asked")),
        Some(2)
    );
}

#[test]
fn a_one_off_header_above_a_continued_sentence_stays_on_its_page_after_it() {
    let header = "Annual Report 2024";
    let mut second = page(
        header,
        &["detention in Misrata. The authorities denied this."],
        "2",
    );
    // Printed on this page only, between the running header and the text.
    second.runs.push(Run::new(
        Font::Regular,
        8.0,
        72.0,
        782.0,
        "Annex I: Cases documented",
    ));
    let pages = [
        page(
            header,
            &["Two of the women were later moved to a place of"],
            "1",
        ),
        second,
        page(header, &["The third page."], "3"),
    ];
    let document = read_pdf(&writer::pdf(&pages, None));
    assert_eq!(
        units(&document),
        [
            (
                "Two of the women were later moved to a place of detention in Misrata.".to_string(),
                UnitKind::Sentence,
                1
            ),
            (
                "Annex I: Cases documented".to_string(),
                UnitKind::Heading,
                2
            ),
            (
                "The authorities denied this.".to_string(),
                UnitKind::Sentence,
                2
            ),
            ("The third page.".to_string(), UnitKind::Sentence, 3),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Hyphens at line ends

#[test]
fn compounds_broken_at_a_line_end_keep_their_hyphen() {
    let lines = [
        "Police raided homes in the Buddhist-",
        "majority districts under new anti-",
        "LGBTQ laws; between 30,000-",
        "50,000 people left. The so-",
        "called reforms changed nothing, and self-",
        "determination was denied.",
    ];
    let document = read_pdf(&writer::pdf(&[page("", &lines, "")], None));
    assert_eq!(
        unit_texts(&document),
        [
            "Police raided homes in the Buddhist-majority districts under new anti-LGBTQ \
             laws; between 30,000-50,000 people left.",
            "The so-called reforms changed nothing, and self-determination was denied."
        ]
    );
}

#[test]
fn words_hyphenated_to_fit_are_joined() {
    // A producer that hyphenates words: the document writes them whole elsewhere, or the
    // broken-off part is only a suffix.
    let lines = [
        "Guards beat the detainees during their deten-",
        "tion. The humani-",
        "tarian agencies asked for an individual assess-",
        "ment of every case before deport-",
        "ation. Humanitarian access and detention conditions were discussed.",
    ];
    let document = read_pdf(&writer::pdf(&[page("", &lines, "")], None));
    assert_eq!(
        unit_texts(&document),
        [
            "Guards beat the detainees during their detention.",
            "The humanitarian agencies asked for an individual assessment of every case \
             before deportation.",
            "Humanitarian access and detention conditions were discussed."
        ]
    );
}

#[test]
fn a_soft_hyphen_at_a_line_end_is_undone() {
    // U+00AD (drawn as a hyphen where the line breaks): PDFium reports it like any hyphen
    // at a line end, so the document's own spelling decides.
    let lines = [
        "The UN\u{AD}",
        "HCR office and UNHCR staff visited the camp.",
    ];
    let document = read_pdf(&writer::pdf(&[page("", &lines, "")], None));
    assert_eq!(
        unit_texts(&document),
        ["The UNHCR office and UNHCR staff visited the camp."]
    );
    assert!(!document.text.contains('\u{AD}'));
}

// ---------------------------------------------------------------------------------------
// Columns, headings, list items

/// Two columns of body text with a gutter of 18 points.
const LEFT: f64 = 72.0;
const RIGHT: f64 = 306.5;

#[test]
fn a_heading_at_the_foot_of_a_column_stays_a_heading() {
    // Page 1: a sentence runs from the foot of the left column to the head of the right
    // one, and a heading ends the right column; its paragraph starts page 2.
    let mut runs = body_lines(
        LEFT,
        760.0,
        13.0,
        &[
            "The mission interviewed 86 people in Tripoli,",
            "Zawiya and Misrata in the first half of the",
            "year. Survivors described how vessels of the",
            "coast guard approached their boats at night",
            "and how the crews were firing warning",
        ],
    );
    runs.extend(body_lines(
        RIGHT,
        760.0,
        13.0,
        &[
            "shots at the rubber boats. Four people died",
            "in one incident in March, according to the",
            "survivors who were interviewed later on by",
            "the mission in the centres of the capital.",
        ],
    ));
    runs.push(Run::new(
        Font::Bold,
        12.0,
        RIGHT,
        690.0,
        "Conditions in detention",
    ));
    let second = Page {
        runs: body_lines(
            LEFT,
            760.0,
            13.0,
            &[
                "Guards demanded payments of up to 2,500",
                "dinars for the release of each detainee.",
            ],
        ),
    };
    let document = read_pdf(&writer::pdf(&[Page { runs }, second], None));
    let units = units(&document);
    let texts: Vec<&str> = units.iter().map(|u| u.0.as_str()).collect();
    assert!(
        texts.contains(
            &"Survivors described how vessels of the coast guard approached their boats at \
              night and how the crews were firing warning shots at the rubber boats."
        ),
        "{texts:?}"
    );
    assert_eq!(
        units[units.len() - 2],
        ("Conditions in detention".to_string(), UnitKind::Heading, 1),
        "{texts:?}"
    );
    assert_eq!(
        units[units.len() - 1],
        (
            "Guards demanded payments of up to 2,500 dinars for the release of each detainee."
                .to_string(),
            UnitKind::Sentence,
            2
        )
    );
}

#[test]
fn a_heading_at_a_column_foot_in_body_type_is_not_glued_to_the_next_column() {
    let mut runs = body_lines(
        LEFT,
        760.0,
        13.0,
        &[
            "The mission wrote to the authorities in March",
            "and again in April to request access to all",
            "places of detention in the western region.",
            "The authorities did not reply to the letters",
            "of the mission sent in March and April.",
            "",
            "Positions of the authorities",
        ],
    );
    runs.extend(body_lines(
        RIGHT,
        760.0,
        13.0,
        &[
            "The Ministry stated that all returns were",
            "voluntary and lawful under national law.",
            "It added that the centres are being closed",
            "and that the detainees will be released as",
            "soon as their identity has been established.",
        ],
    ));
    let document = read_pdf(&writer::pdf(&[Page { runs }], None));
    let texts = unit_texts(&document);
    assert!(
        texts.contains(&"Positions of the authorities".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.contains(
            &"The Ministry stated that all returns were voluntary and lawful under national law."
                .to_string()
        ),
        "{texts:?}"
    );
}

#[test]
fn wrapped_headings_and_list_items_are_one_unit_each() {
    let items = [
        Item::Heading(
            "Recommendations to the Government and to States supporting border management"
                .to_string(),
        ),
        Item::Paragraph("The mission recommends that the authorities:".to_string()),
        Item::Bullet(
            "release all refugees and asylum-seekers from arbitrary detention and close the \
             centres where abuse has been documented;"
                .to_string(),
        ),
        Item::Bullet(
            "allow UNHCR to register people of all nationalities and to visit all places of \
             detention without notice;"
                .to_string(),
        ),
        Item::Bullet("end the detention of children.".to_string()),
    ];
    let layout = Layout {
        columns: 2,
        ..Layout::default()
    };
    let document = read_pdf(&writer::pdf(&writer::typeset(&items, &layout), None));
    let units = units(&document);
    let kinds: Vec<(&str, UnitKind)> = units.iter().map(|u| (u.0.as_str(), u.1)).collect();
    assert_eq!(
        kinds,
        [
            (
                "Recommendations to the Government and to States supporting border management",
                UnitKind::Heading
            ),
            ("The mission recommends that the authorities:", UnitKind::Sentence),
            (
                "• release all refugees and asylum-seekers from arbitrary detention and close the centres where abuse has been documented;",
                UnitKind::ListItem
            ),
            (
                "• allow UNHCR to register people of all nationalities and to visit all places of detention without notice;",
                UnitKind::ListItem
            ),
            ("• end the detention of children.", UnitKind::ListItem),
        ]
    );
}

#[test]
fn a_bold_heading_in_body_size_is_a_heading() {
    let runs = vec![
        Run::body(72.0, 760.0, "The mission visited four centres in May."),
        Run::new(Font::Bold, 10.0, 72.0, 740.0, "Conditions in detention"),
        Run::body(72.0, 726.0, "Detainees were held in overcrowded rooms."),
    ];
    let document = read_pdf(&writer::pdf(&[Page { runs }], None));
    assert_eq!(
        units(&document)[1],
        ("Conditions in detention".to_string(), UnitKind::Heading, 1)
    );
}

#[test]
fn hard_line_breaks_stay_line_breaks() {
    let lines = [
        "Families who have not heard from a detained relative for more than a month can ask",
        "the Office for help in finding them. Please write to:",
        "Office of the High Commissioner",
        "Palais des Nations",
        "Geneva",
    ];
    let document = read_pdf(&writer::pdf(&[page("", &lines, "")], None));
    assert!(
        document
            .text
            .contains("Office of the High Commissioner\nPalais des Nations\nGeneva"),
        "{:?}",
        document.text
    );
}

// ---------------------------------------------------------------------------------------
// Words drawn in pieces, letter-spacing, characters

#[test]
fn a_word_drawn_as_separate_runs_stays_one_word() {
    // As Chromium writes some words: two runs, the second a little (0.13 em) after the
    // first ends, with the space glyphs of the line drawn.
    let mut runs = Vec::new();
    let mut x = 72.0;
    for piece in [
        "Officials of the UNH",
        "CR office and the U.S. D",
        "epartment met X",
        "i Jinping.",
    ] {
        let run = Run::body(x, 760.0, piece);
        x = run.end() + writer::SPLIT_OFFSET * 10.0;
        runs.push(run);
    }
    let document = read_pdf(&writer::pdf(&[Page { runs }], None));
    assert_eq!(
        document.text,
        "Officials of the UNHCR office and the U.S. Department met Xi Jinping."
    );
}

#[test]
fn words_placed_without_space_glyphs_are_spaced() {
    // As groff and TeX write lines: one run per word, no space characters.
    let mut runs = Vec::new();
    let mut x = 72.0;
    for word in ["Guards", "beat", "the", "detainees", "daily."] {
        let run = Run::body(x, 760.0, word);
        x = run.end() + 2.5;
        runs.push(run);
    }
    let document = read_pdf(&writer::pdf(&[Page { runs }], None));
    assert_eq!(document.text, "Guards beat the detainees daily.");
}

#[test]
fn letter_spaced_headings_read_as_words() {
    let mut heading = Run::new(Font::Bold, 12.0, 72.0, 760.0, "EXECUTIVE SUMMARY");
    heading.char_spacing = 3.0;
    let runs = vec![heading, Run::body(72.0, 730.0, "The mission found abuse.")];
    let document = read_pdf(&writer::pdf(&[Page { runs }], None));
    assert_eq!(
        units(&document)[0],
        ("EXECUTIVE SUMMARY".to_string(), UnitKind::Heading, 1)
    );
}

#[test]
fn cjk_radicals_become_unified_ideographs() {
    // A font whose ToUnicode map gives the Kangxi radical U+2F83 for the glyph "A" and the
    // compatibility ideograph U+F900 for "B", as some PDFs do for U+81EA and U+8C48.
    let mut doc = writer::document(
        &[Page {
            runs: vec![Run::body(72.0, 760.0, "AB")],
        }],
        None,
    );
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CMapName /Custom def /CMapType 2 def\n\
        1 begincodespacerange <00> <FF> endcodespacerange\n\
        2 beginbfchar <41> <2F83> <42> <F900> endbfchar\n\
        endcmap CMapName currentdict /CMap defineresource pop end end\n";
    let cmap_id = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
    for (_, object) in doc.objects.iter_mut() {
        if let Object::Dictionary(dict) = object {
            if dict.get(b"BaseFont").ok() == Some(&Object::Name(b"Helvetica".to_vec())) {
                dict.set("ToUnicode", cmap_id);
            }
        }
    }
    let document = read_pdf(&writer::to_bytes(doc));
    assert_eq!(document.text, "\u{81EA}\u{8C48}");
}

// ---------------------------------------------------------------------------------------
// Titles, errors, engine

#[test]
fn title_falls_back_to_the_first_line() {
    let pdf = writer::pdf(
        &[page(
            "",
            &[
                "Pushbacks in the Aegean",
                "",
                "Coast guard crews towed the dinghy back.",
            ],
            "",
        )],
        None,
    );
    let document = read_pdf(&pdf);
    assert_eq!(document.title.as_deref(), Some("Pushbacks in the Aegean"));
    assert_eq!(document.pages(), 1);
}

#[test]
fn reader_works_through_the_trait() {
    let bytes = report_pdf();
    let reader: &dyn DocumentReader = &PdfReader;
    let document = reader.read(Path::new("in-memory.pdf"), &bytes).unwrap();
    assert_eq!(document.pages(), 3);
    assert_eq!(document.bytes, bytes.len() as u64);
}

#[test]
fn pdf_named_txt_is_sniffed_as_pdf() {
    let dir = TempDir::new().unwrap();
    let document = read(&dir, "misnamed.txt", report_pdf());
    assert_eq!(document.format, DocFormat::Pdf);
    assert_eq!(document.pages(), 3);
}

/// A one-page PDF encrypted with RC4-128 and the given user password.
fn encrypted_pdf(line: &str, user_password: &str) -> Vec<u8> {
    let mut doc = writer::document(&[page("", &[line], "")], None);
    let id = Object::string_literal("0123456789abcdef");
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    writer::to_bytes(doc)
}

#[test]
fn encrypted_pdf_is_refused() {
    let dir = TempDir::new().unwrap();
    let bytes = encrypted_pdf("Confidential list of detainees.", "secret");
    let reason = read_error(&dir, "locked.pdf", bytes);
    assert_eq!(
        reason,
        "encrypted PDF (password-protected); decrypt it first"
    );
}

#[test]
fn pdf_encrypted_with_an_empty_user_password_is_read() {
    let bytes = encrypted_pdf("Anyone may open this statement.", "");
    assert_eq!(read_pdf(&bytes).text, "Anyone may open this statement.");
}

#[test]
fn truncated_pdf_is_unreadable() {
    let dir = TempDir::new().unwrap();
    let bytes = report_pdf();
    let reason = read_error(&dir, "cut.pdf", &bytes[..bytes.len() / 3]);
    assert!(reason.starts_with("unreadable PDF: "), "{reason}");
}

#[test]
fn garbage_after_the_pdf_header_is_unreadable() {
    let dir = TempDir::new().unwrap();
    let reason = read_error(
        &dir,
        "junk.pdf",
        b"%PDF-1.7\n this is not a PDF body at all \n%%EOF",
    );
    assert!(reason.starts_with("unreadable PDF: "), "{reason}");
}

#[test]
fn file_named_pdf_without_pdf_content_is_unreadable() {
    let dir = TempDir::new().unwrap();
    let reason = read_error(&dir, "fake.pdf", "Just a note saved with the wrong name.");
    assert!(reason.starts_with("unreadable PDF: "), "{reason}");
}

#[test]
fn pdf_without_text_is_reported_as_such() {
    let dir = TempDir::new().unwrap();
    let pdf = writer::pdf(&[Page::default(), Page::default()], None);
    let reason = read_error(&dir, "scan.pdf", pdf);
    assert_eq!(reason, "PDF has no extractable text (scanned image?)");
}

#[test]
fn a_page_without_a_media_box_is_read() {
    // pdf-extract panicked on this; PDFium uses the default page size.
    let mut doc = writer::document(&[page("", &["Text on a page without a size."], "")], None);
    let pages_id = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    doc.get_dictionary_mut(pages_id)
        .unwrap()
        .remove(b"MediaBox");
    let document = read_pdf(&writer::to_bytes(doc));
    assert_eq!(document.text, "Text on a page without a size.");
}

/// A small PDF whose page tree loops: the root's kids are the root itself.
fn looping_page_tree() -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![Object::from(pages_id)],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_page_tree_that_loops_gives_a_result_quickly() {
    let dir = TempDir::new().unwrap();
    let bytes = looping_page_tree();
    assert!(bytes.len() < 1024, "{} bytes", bytes.len());
    let started = Instant::now();
    let path = dir.path().join("loop.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let result = Ingest::default().read(&path);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    match result {
        Err(Error::BadInput { reason, .. }) => assert!(
            reason.starts_with("unreadable PDF")
                || reason.starts_with("PDF has no extractable text"),
            "{reason}"
        ),
        other => panic!("expected a per-file error, got {other:?}"),
    }
}

#[test]
fn a_missing_pdf_engine_is_a_per_file_error() {
    const CHILD: &str = "CLAIMSCAN_TEST_MISSING_PDF_ENGINE";
    if std::env::var_os(CHILD).is_some() {
        // In a child process whose CLAIMSCAN_PDFIUM points nowhere.
        let dir = TempDir::new().unwrap();
        let reason = read_error(&dir, "report.pdf", report_pdf());
        assert!(
            reason.starts_with("PDF engine not installed: run `make` or scripts/setup-pdfium.sh"),
            "{reason}"
        );
        assert!(reason.contains("/nowhere/libpdfium.so"), "{reason}");
        // Other formats are not affected.
        let document = read(&dir, "note.txt", "Still readable.");
        assert_eq!(document.text, "Still readable.");
        return;
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "ingest_pdf::a_missing_pdf_engine_is_a_per_file_error",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env("CLAIMSCAN_PDFIUM", "/nowhere/libpdfium.so")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// Real LibreOffice output, where LibreOffice is installed

#[test]
fn libreoffice_output_reads_like_its_source() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|name| {
        std::process::Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: LibreOffice is not installed (soffice/libreoffice not on PATH)");
        return;
    };
    let dir = TempDir::new().unwrap();
    let paragraphs = [
        "Former detainees told the mission that guards beat them with hoses and electric \
         cables and demanded payments of up to 2,500 dollars for their release.",
        "The Ministry of Interior stated that all returns were voluntary and carried out in \
         coordination with the embassies of the countries concerned.",
    ];
    let source = paragraphs.repeat(40).join("\n\n");
    let txt = dir.path().join("source.txt");
    std::fs::write(&txt, &source).unwrap();
    let status = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&txt)
        .status()
        .unwrap();
    assert!(status.success());
    let document = Ingest::default()
        .read(&dir.path().join("source.pdf"))
        .unwrap();
    assert!(document.pages() >= 2, "{}", document.pages());
    let mut got = unit_texts(&document);
    let text = Ingest::default().read(&txt).unwrap();
    let mut want = unit_texts(&text);
    got.sort();
    want.sort();
    assert_eq!(got, want);
}
