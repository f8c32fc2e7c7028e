//! Writes `corpus/documents/libya-interceptions-update.pdf`, a three-page fictional monitoring
//! update with a running header, "Page N of 3" footers and words hyphenated at line ends.
//!
//! `cargo run --example make_sample_pdf [OUTPUT]`
//!
//! Text is set in Helvetica (a standard PDF font, so nothing is embedded) with
//! WinAnsiEncoding. In the source text a `~` marks where a long word may be hyphenated;
//! the line breaker uses it when the word does not fit at the end of a line.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};

const TITLE: &str = "Intercepted at Sea: Detention and Returns in Western Libya";
const HEADER: &str = "Joint Monitoring Unit on Migrant Protection | Update No. 7 | June 2024";

/// Page size (A4) and layout, in points.
const PAGE_WIDTH: f64 = 595.0;
const PAGE_HEIGHT: f64 = 842.0;
const MARGIN: f64 = 72.0;
const BODY_SIZE: f64 = 10.5;
const LEADING: f64 = 14.0;

/// What goes on the pages: `#` starts a heading, `=` the document title, `>` a page break.
const SOURCE: &str = "\
= Intercepted at Sea: Detention and Returns in Western Libya
# I. Introduction
1. This update covers the period from January to May 2024 and is based on 86 interviews with migrants and refugees in Tripoli, Zawiya and Misrata, on information from humani~tarian partners, and on visits by the Unit to two disem~barkation points.
2. Libya remains both a destination for migrant workers and a point of departure for people attempt~ing to cross the central Mediter~ranean. The Unit estimates that around 700,000 foreign na~tionals currently live in the country, most of them from neighbouring states.
# II. Interceptions and disembarkation
3. Between January and May, at least 9,400 people were intercepted at sea and returned to Libya, according to figures shared by partners. Survivors described vessels of the coast guard firing warning shots and striking the hull of rubber boats to force them to stop. In one incident on 12 March, four people reportedly drowned after a dinghy capsized during an inter~ception north of Sabratha.
4. The Unit considers that Libya cannot be regarded as a place of safety for the disem~bar~kation of people rescued at sea. Those returned are rou~tinely trans~ferred to detention without any indi~vidual assess~ment of their protection needs.
>
# III. Conditions in detention
5. Former detainees of the Al-Nasr and Abu Salim centres told the Unit that guards beat them with hoses and electric ca~bles and demanded payments of up to 2,500 dinars for their release. Several women said they had been subjected to sexual violence by guards or by men allowed into the centres at night.
6. Detainees are reportedly taken out of the centres to work on farms and building sites without pay. Two Sudanese men said they were held for weeks in a warehouse in Zuwara and told that they would be handed to their embassy unless their families paid a ransom.
7. Access to the centres for humanitarian agencies remains limited and unpredict~able. Doctors who visited one facility in April found severe over~crowding, scabies and cases of tuberculosis that had not been treated.
>
# IV. Positions of the authorities and partners
8. The Ministry of Interior of the Govern~ment of National Unity has stated that detention is used only for people who entered irregularly and that deportations to countries of origin are carried out in coordi~nation with their embassies. The Ministry told the Unit in May that it plans to open two new reception centres before the end of the year.
9. The European Union has said that its support to the Libyan coast guard aims to save lives at sea and to strengthen border management. UNHCR and IOM have repeatedly called for an end to arbitrary detention and have stressed that no one should be returned to a country where they would face persecution or torture.
# V. Recommendations
10. The Libyan authorities should release all refugees and asylum-seekers from arbitrary deten~tion, close centres where abuse has been documented and allow UNHCR to register people of all nation~alities.
11. States supporting maritime operations should make that support condi~tional on guaran~tees that intercepted people will not be subjected to ill-treatment or sent back to danger.
";

fn main() {
    let output = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus/documents/libya-interceptions-update.pdf".to_string());
    let pages = lay_out(SOURCE);
    let bytes = build_pdf(&pages);
    std::fs::write(&output, bytes).expect("write the PDF");
    println!("wrote {output} ({} pages)", pages.len());
}

/// One line of text placed on a page.
struct Placed {
    font: &'static str,
    size: f64,
    y: f64,
    text: String,
}

/// Breaks the source into pages of placed lines (without header and footer).
fn lay_out(source: &str) -> Vec<Vec<Placed>> {
    let mut pages = vec![Vec::new()];
    let mut y = PAGE_HEIGHT - MARGIN - 20.0;
    for line in source.lines() {
        let page = pages.last_mut().expect("one page");
        if line == ">" {
            pages.push(Vec::new());
            y = PAGE_HEIGHT - MARGIN - 20.0;
            continue;
        }
        let (font, size, text, space_after) = if let Some(title) = line.strip_prefix("= ") {
            ("F2", 15.0, title, LEADING * 1.5)
        } else if let Some(heading) = line.strip_prefix("# ") {
            ("F2", 11.5, heading, LEADING * 0.6)
        } else {
            ("F1", BODY_SIZE, line, LEADING * 0.8)
        };
        for text in wrap(text, size, font == "F2") {
            page.push(Placed {
                font,
                size,
                y,
                text,
            });
            y -= LEADING.max(size * 1.3);
        }
        y -= space_after;
    }
    pages
}

/// Width of a string in Helvetica at `size`, from the standard font metrics (rounded
/// to a few classes of characters, which is enough to keep lines inside the margins).
fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '\'' | '|' => 222.0,
            ' ' | '.' | ',' | ':' | ';' | 'f' | 't' | 'I' | '!' | '-' | '(' | ')' | 'r' => 300.0,
            'm' | 'M' | 'W' | 'w' => 833.0,
            c if c.is_ascii_uppercase() => 700.0,
            _ => 556.0,
        })
        .sum();
    let bold_factor = if bold { 1.08 } else { 1.0 };
    units / 1000.0 * size * bold_factor
}

/// Greedy line breaking; a word that does not fit may be split at a `~` mark.
fn wrap(text: &str, size: f64, bold: bool) -> Vec<String> {
    let available = PAGE_WIDTH - 2.0 * MARGIN;
    let fits = |line: &str| text_width(line, size, bold) <= available;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = join(&line, &word.replace('~', ""));
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        let hyphenated = split_points(word)
            .into_iter()
            .rev()
            .find_map(|(head, tail)| {
                let with_head = join(&line, &format!("{head}-"));
                fits(&with_head).then_some((with_head, tail))
            });
        match hyphenated {
            Some((with_head, tail)) => {
                lines.push(with_head);
                line = tail;
            }
            None => {
                lines.push(std::mem::take(&mut line));
                line = word.replace('~', "");
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn join(line: &str, word: &str) -> String {
    if line.is_empty() {
        word.to_string()
    } else {
        format!("{line} {word}")
    }
}

/// The (head, tail) pairs a word marked with `~` can be split into.
fn split_points(word: &str) -> Vec<(String, String)> {
    word.match_indices('~')
        .map(|(i, _)| (word[..i].replace('~', ""), word[i + 1..].replace('~', "")))
        .collect()
}

fn build_pdf(pages: &[Vec<Placed>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let regular = standard_font(&mut doc, "Helvetica");
    let bold = standard_font(&mut doc, "Helvetica-Bold");
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => regular, "F2" => bold },
    });
    let count = pages.len();
    let kids: Vec<Object> = pages
        .iter()
        .enumerate()
        .map(|(index, lines)| {
            let content = page_content(lines, index + 1, count);
            let content_id = doc.add_object(Stream::new(dictionary! {}, content));
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
            });
            page_id.into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count as i64,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info_id = doc.add_object(dictionary! {
        "Title" => Object::string_literal(TITLE),
        "Producer" => Object::string_literal("claimscan make_sample_pdf example"),
    });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set("Info", info_id);
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("serialise the PDF");
    bytes
}

fn standard_font(doc: &mut Document, name: &str) -> ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => name,
        "Encoding" => "WinAnsiEncoding",
    })
}

/// The page's drawing operations: header, body lines, footer.
fn page_content(lines: &[Placed], number: usize, count: usize) -> Vec<u8> {
    let header = Placed {
        font: "F1",
        size: 8.5,
        y: PAGE_HEIGHT - 40.0,
        text: HEADER.to_string(),
    };
    let footer = Placed {
        font: "F1",
        size: 8.5,
        y: 36.0,
        text: format!("Page {number} of {count}"),
    };
    let mut operations = Vec::new();
    for line in std::iter::once(&header)
        .chain(lines)
        .chain(std::iter::once(&footer))
    {
        operations.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec![line.font.into(), line.size.into()]),
            Operation::new("Td", vec![MARGIN.into(), line.y.into()]),
            Operation::new("Tj", vec![win_ansi(&line.text)]),
            Operation::new("ET", vec![]),
        ]);
    }
    Content { operations }
        .encode()
        .expect("encode the page content")
}

fn win_ansi(text: &str) -> Object {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "not representable in WinAnsiEncoding: {text}");
    Object::String(bytes.into_owned(), StringFormat::Literal)
}
