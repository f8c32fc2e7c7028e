//! Two rules on the units of a document before they are classified: a length limit, so no
//! unit is longer than the model can read, and the language of each unit, because the
//! model reads English only.
use crate::segment::Segment;

/// Longest unit, in chars. The encoder reads at most 256 word pieces (about 1,000 to
/// 1,500 chars of English): a run without a sentence boundary (a table flattened by a PDF
/// producer, a list without punctuation) is cut into pieces the model reads whole.
pub const MAX_UNIT_CHARS: usize = 1_000;

/// A unit to classify: the segmenter's unit, or a piece of one that was too long.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub segment: Segment,
    /// A piece of a longer unit, cut at [`MAX_UNIT_CHARS`].
    pub cut: bool,
}

/// The units of `text`: segments over `max_chars` are cut at the last space before the
/// limit (or at the limit when there is none), each piece with its exact span.
pub fn limit_length(text: &str, segments: Vec<Segment>, max_chars: usize) -> Vec<Unit> {
    let mut units = Vec::with_capacity(segments.len());
    for segment in segments {
        if segment.char_end - segment.char_start <= max_chars {
            units.push(Unit {
                segment,
                cut: false,
            });
        } else {
            units.extend(
                cut(text, &segment, max_chars)
                    .into_iter()
                    .map(|piece| Unit {
                        segment: piece,
                        cut: true,
                    }),
            );
        }
    }
    units
}

/// Pieces of at most `max_chars` covering the segment's span, cut at whitespace where
/// possible, trimmed, with whitespace runs joined to single spaces as in [`Segment::text`].
fn cut(text: &str, segment: &Segment, max_chars: usize) -> Vec<Segment> {
    let span = &text[segment.byte_start..segment.byte_end];
    // (byte offset in `text`, char offset in `text`, char) for every char of the span.
    let chars: Vec<(usize, usize, char)> = span
        .char_indices()
        .enumerate()
        .map(|(i, (b, c))| (segment.byte_start + b, segment.char_start + i, c))
        .collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // Skip whitespace at the start of a piece.
        while start < chars.len() && chars[start].2.is_whitespace() {
            start += 1;
        }
        if start == chars.len() {
            break;
        }
        let limit = (start + max_chars).min(chars.len());
        let mut end = limit;
        if limit < chars.len() {
            // The last whitespace in the second half of the window, if any.
            if let Some(space) = (start + max_chars / 2..limit)
                .rev()
                .find(|&i| chars[i].2.is_whitespace())
            {
                end = space;
            }
        }
        let mut trimmed_end = end;
        while trimmed_end > start && chars[trimmed_end - 1].2.is_whitespace() {
            trimmed_end -= 1;
        }
        let (byte_start, char_start, _) = chars[start];
        let (last_byte, last_char, last) = chars[trimmed_end - 1];
        let byte_end = last_byte + last.len_utf8();
        pieces.push(Segment {
            text: text[byte_start..byte_end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            kind: segment.kind,
            char_start,
            char_end: last_char + 1,
            byte_start,
            byte_end,
        });
        start = end;
    }
    pieces
}

/// ISO 639-3 code of English, the model's language.
pub const ENGLISH: &str = "eng";

/// The language of a unit (ISO 639-3). A unit in another script than Latin is in the
/// language whatlang finds for it; a Latin-script unit counts as English unless whatlang
/// is confident it is another language, since short English headings and names are often
/// mistaken for other Latin-script languages.
pub fn language(text: &str) -> &'static str {
    let Some(info) = whatlang::detect(text) else {
        return ENGLISH;
    };
    let foreign_script = info.script() != whatlang::Script::Latin;
    let confident = info.is_reliable() && text.chars().filter(|c| c.is_alphabetic()).count() >= 40;
    if foreign_script || (confident && info.lang() != whatlang::Lang::Eng) {
        info.lang().code()
    } else {
        ENGLISH
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{RuleSegmenter, Segmenter};

    #[test]
    fn long_runs_are_cut_into_pieces_with_exact_spans() {
        let text = format!("Intro first. The {} End.", "word ".repeat(700));
        let segments = RuleSegmenter::new().segment(&text);
        let units = limit_length(&text, segments, 1000);
        let long: Vec<&Unit> = units.iter().filter(|u| u.cut).collect();
        assert!(long.len() >= 4, "{} pieces", long.len());
        for unit in &units {
            let s = &unit.segment;
            assert!(s.char_end - s.char_start <= 1000);
            let slice = &text[s.byte_start..s.byte_end];
            assert_eq!(
                slice.split_whitespace().collect::<Vec<_>>().join(" "),
                s.text
            );
            assert_eq!(text[..s.byte_start].chars().count(), s.char_start);
            assert!(!s.text.starts_with(' ') && !s.text.ends_with(' '));
        }
        assert!(!units[0].cut && units[0].segment.text == "Intro first.");
    }

    #[test]
    fn a_run_without_spaces_is_cut_at_the_limit() {
        let text = "x".repeat(2500);
        let units = limit_length(&text, RuleSegmenter::new().segment(&text), 1000);
        let lengths: Vec<usize> = units.iter().map(|u| u.segment.text.len()).collect();
        assert_eq!(lengths, [1000, 1000, 500]);
    }

    #[test]
    fn languages_of_units() {
        assert_eq!(
            language("Police detained forty migrants near the border crossing on Monday."),
            "eng"
        );
        assert_eq!(language("Refoulement"), "eng");
        assert_eq!(
            language("탈북자들은 중국에서 강제 송환되어 노동교화소에 수감되었다."),
            "kor"
        );
        assert_eq!(
            language("أعادت السلطات اللاجئين قسرا إلى بلدهم رغم المخاطر."),
            "ara"
        );
        assert_eq!(
            language("Las autoridades deportaron a cuarenta migrantes venezolanos sin permitirles solicitar asilo."),
            "spa"
        );
    }
}
