//! Turning the bytes of a text file (plain text, Markdown, HTML) into a string.
//!
//! Order of evidence: a byte order mark; UTF-16 without BOM (recognised by its NUL bytes
//! before the binary check, which would otherwise reject it); the binary check; an
//! encoding the document declares (HTML `<meta charset>`) if the bytes decode cleanly
//! in it; valid UTF-8; UTF-8 with some invalid bytes; finally `chardetng`'s guess, if it
//! reads like text. ISO-8859-1 is decoded as windows-1252, its superset (as browsers do),
//! so Latin-1 text reports "windows-1252".
//!
//! UTF-8 with invalid bytes is kept as UTF-8, the bad bytes replaced with U+FFFD and a
//! warning naming the first line with one, when the rest is clearly UTF-8: valid
//! multi-byte characters outnumber the invalid sequences four to one; or at most 10% of
//! the bytes are invalid and either valid multi-byte characters are present (at least one
//! per four invalid sequences) or the legacy reading is no better (accented letters in
//! impossible places, such as "andÿþÃ("). Otherwise the file is taken to be in a legacy
//! encoding (a Latin-1 "é" is one invalid byte in UTF-8); random bytes are no text.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use unicode_normalization::char::is_public_assigned;

/// Decoded text and the name of the encoding it was decoded from.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: String,
    /// Problems that did not stop the decoding, each starting with the 1-based line it
    /// concerns (`"12: invalid UTF-8 ..."`); the reader puts the file name before it.
    pub warnings: Vec<String>,
}

impl Decoded {
    fn clean(text: String, encoding: &'static Encoding) -> Self {
        Decoded {
            text,
            encoding: encoding.name().to_string(),
            warnings: Vec::new(),
        }
    }
}

/// Why bytes could not be used as text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    Binary,
    UnknownEncoding,
}

impl DecodeError {
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            Self::Binary => "binary file, not text",
            Self::UnknownEncoding => "unknown text encoding",
        }
    }
}

/// Share of control bytes above which a file without NUL bytes is still binary.
const MAX_CONTROL_SHARE: f64 = 0.30;

/// Decodes `bytes` as text; `declared` is an encoding named by the document itself.
pub(crate) fn decode_text(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_length..];
        if encoding == UTF_8 {
            return utf8(body).ok_or(DecodeError::UnknownEncoding);
        }
        return decode_strictly(encoding, body).ok_or(DecodeError::UnknownEncoding);
    }
    if let Some(decoded) = bomless_utf16(bytes) {
        return Ok(decoded);
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Some(decoded) = declared.and_then(|encoding| decode_strictly(encoding, bytes)) {
        return Ok(decoded);
    }
    let evidence = Utf8Evidence::of(bytes);
    if evidence.invalid_sequences == 0 {
        return utf8(bytes).ok_or(DecodeError::UnknownEncoding);
    }
    let few_invalid = evidence.invalid_bytes * 10 <= bytes.len();
    let clear_multibyte = evidence.multibyte >= evidence.invalid_sequences * 4;
    let some_multibyte =
        evidence.multibyte > 0 && evidence.multibyte * 4 >= evidence.invalid_sequences;
    if clear_multibyte || (some_multibyte && few_invalid) {
        return Ok(lossy_utf8(bytes, &evidence));
    }
    let guess = guess_encoding(bytes);
    let legacy = decode_strictly(guess, bytes).filter(|decoded| is_plausible(&decoded.text));
    match legacy {
        Some(decoded) if evidence.multibyte > 0 || legacy_words_are_plausible(&decoded.text) => {
            Ok(decoded)
        }
        _ if few_invalid => Ok(lossy_utf8(bytes, &evidence)),
        _ => Err(DecodeError::UnknownEncoding),
    }
}

/// Valid UTF-8, or UTF-8 with invalid bytes replaced (with a warning).
fn utf8(bytes: &[u8]) -> Option<Decoded> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(Decoded::clean(text.to_string(), UTF_8)),
        Err(_) => Some(lossy_utf8(bytes, &Utf8Evidence::of(bytes))),
    }
}

/// Decodes without tolerating malformed sequences (unmappable bytes); `None` if any.
fn decode_strictly(encoding: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| Decoded::clean(text.into_owned(), encoding))
}

/// What the bytes say about being UTF-8.
struct Utf8Evidence {
    /// Valid multi-byte characters.
    multibyte: usize,
    /// Maximal runs of bytes that are not valid UTF-8, and their bytes.
    invalid_sequences: usize,
    invalid_bytes: usize,
    /// 1-based lines with invalid bytes: the first, and how many.
    first_bad_line: usize,
    bad_lines: usize,
}

impl Utf8Evidence {
    fn of(bytes: &[u8]) -> Self {
        let mut evidence = Utf8Evidence {
            multibyte: 0,
            invalid_sequences: 0,
            invalid_bytes: 0,
            first_bad_line: 0,
            bad_lines: 0,
        };
        let mut line = 1;
        let mut last_bad_line = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            evidence.multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
            line += valid.bytes().filter(|&b| b == b'\n').count();
            if !chunk.invalid().is_empty() {
                evidence.invalid_sequences += 1;
                evidence.invalid_bytes += chunk.invalid().len();
                if line != last_bad_line {
                    evidence.bad_lines += 1;
                    last_bad_line = line;
                    if evidence.first_bad_line == 0 {
                        evidence.first_bad_line = line;
                    }
                }
            }
        }
        evidence
    }
}

/// UTF-8 with the invalid bytes replaced by U+FFFD, and a warning that says where.
fn lossy_utf8(bytes: &[u8], evidence: &Utf8Evidence) -> Decoded {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let bytes_count = evidence.invalid_bytes;
    let mut warning = format!(
        "{}: invalid UTF-8: {bytes_count} byte{} replaced with U+FFFD",
        evidence.first_bad_line,
        plural(bytes_count)
    );
    if evidence.bad_lines > 1 {
        let more = evidence.bad_lines - 1;
        warning.push_str(&format!(" (here and on {more} more line{})", plural(more)));
    }
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: format!(
            "UTF-8 ({bytes_count} invalid byte{} replaced)",
            plural(bytes_count)
        ),
        warnings: vec![warning],
    }
}

/// Bytes of a file looked at to recognise UTF-16 without a byte order mark.
const UTF16_SAMPLE: usize = 64 * 1024;

/// UTF-16 without a byte order mark. Every character below U+0100 (spaces, line ends,
/// digits, ASCII punctuation, Latin letters) has a NUL as its high byte, so a UTF-16 text
/// in any script has NUL bytes, nearly all on one side of the byte pairs: the odd
/// positions for little endian, the even ones for big endian. The guess is then checked
/// by decoding: the whole file must decode without error (no lone surrogates) into text
/// with hardly any control characters, unassigned or private-use code points.
fn bomless_utf16(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE)];
    let units = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // At least 2 NULs and 1 in 100 code units on one side; at most 1 in 20 of those on the
    // other side.
    let one_sided =
        |here: usize, there: usize| here >= 2 && here * 100 >= units && there * 20 <= here;
    let encoding = if one_sided(odd_nuls, even_nuls) {
        UTF_16LE
    } else if one_sided(even_nuls, odd_nuls) {
        UTF_16BE
    } else {
        return None;
    };
    let decoded = decode_strictly(encoding, bytes)?;
    reads_as_utf16_text(&decoded.text).then_some(decoded)
}

/// Text decoded from UTF-16 that reads as text: no U+0000, and at most 1% of the chars
/// control characters (other than tab, line ends, form feed), unassigned or private use.
fn reads_as_utf16_text(text: &str) -> bool {
    let mut chars = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        chars += 1;
        if c == '\0' {
            return false;
        }
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c');
        if control || !is_public_assigned(c) {
            odd += 1;
        }
    }
    odd * 100 <= chars
}

/// NUL bytes, or more than 30% control bytes (tab, line ends and form feed excepted).
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    controls as f64 > bytes.len() as f64 * MAX_CONTROL_SHARE
}

/// In a legacy single-byte text, a byte above 0x7F is a letter inside a word spelt the
/// usual way ("François", "MÜLLER", "été") or punctuation; in UTF-8 with a few broken bytes
/// read as Latin-1 it is often not ("andÿþÃ("). True when at most one in ten words with a
/// non-ASCII letter mixes cases the way no word does (a capital after a small letter).
fn legacy_words_are_plausible(text: &str) -> bool {
    let mut words = 0usize;
    let mut odd_words = 0usize;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_ascii() {
            continue;
        }
        words += 1;
        let mut seen_lower = false;
        let mut odd = false;
        for c in word.chars() {
            if c.is_lowercase() {
                seen_lower = true;
            } else if c.is_uppercase() && seen_lower {
                odd = true;
                break;
            }
        }
        odd_words += usize::from(odd);
    }
    odd_words * 10 <= words
}

fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

/// Whether a guessed decoding reads like text: C1 control characters (bytes a legacy
/// encoding leaves undefined) are rare, and a visible character is usually a letter,
/// digit or common punctuation rather than a symbol.
fn is_plausible(text: &str) -> bool {
    let (mut visible, mut c1_controls, mut symbols) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        c1_controls += usize::from(('\u{80}'..='\u{9f}').contains(&c));
        symbols += usize::from(!c.is_alphanumeric() && !is_common_punctuation(c));
    }
    c1_controls * 100 <= visible && symbols * 5 <= visible
}

fn is_common_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '‘' | '’' | '“' | '”' | '–' | '—' | '…' | '«' | '»' | '„' | '•' | '·' | '°' | '€' | '£'
                | '،' | '؛' | '؟' // Arabic comma, semicolon, question mark
                | '\u{3000}'..='\u{303F}' // CJK punctuation
                | '\u{FF01}'..='\u{FF65}' // full-width forms
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let decoded = decode_text(b"\xEF\xBB\xBFCaf\xC3\xA9", None).unwrap();
        assert_eq!(decoded.text, "Café");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let bytes: Vec<u8> = "Ceasefire talks"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let decoded = decode_text(&bytes, None).unwrap();
        assert_eq!(decoded.text, "Ceasefire talks");
        assert_eq!(decoded.encoding, "UTF-16BE");
    }

    #[test]
    fn a_stray_latin1_byte_in_utf8_is_replaced() {
        let decoded = decode_text("Zoë and Chloé left \u{2014} ".as_bytes(), None).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.warnings.is_empty());
        let mut bytes = "Zoë, Chloé, Anaïs and René left;\nthen "
            .as_bytes()
            .to_vec();
        bytes.push(0xE9);
        let decoded = decode_text(&bytes, None).unwrap();
        assert!(
            decoded.encoding.starts_with("UTF-8 (1 invalid"),
            "{}",
            decoded.encoding
        );
        assert!(decoded.text.ends_with('\u{FFFD}'));
        assert_eq!(
            decoded.warnings,
            ["2: invalid UTF-8: 1 byte replaced with U+FFFD"]
        );
    }

    /// Issue 14: a few broken bytes in an otherwise ASCII UTF-8 file were read as
    /// windows-1252 ("andÿþÃ("), silently.
    #[test]
    fn broken_bytes_in_ascii_utf8_stay_utf8_with_a_warning() {
        let mut bytes = b"Detainees were beaten and ".to_vec();
        bytes.extend(b"\xff\xfe\xc3\x28 tortured.\nThe guards left.\n\xc3\x28\n");
        let decoded = decode_text(&bytes, None).unwrap();
        assert_eq!(decoded.text, "Detainees were beaten and \u{FFFD}\u{FFFD}\u{FFFD}( tortured.\nThe guards left.\n\u{FFFD}(\n");
        assert_eq!(
            decoded.warnings,
            ["1: invalid UTF-8: 4 bytes replaced with U+FFFD (here and on 1 more line)"]
        );
        // One multi-byte character vouches for UTF-8 against more invalid bytes.
        let mut bytes = "The café owner said the police came at night: "
            .as_bytes()
            .to_vec();
        bytes.extend(b"\x92\x93 and \xe9");
        assert!(decode_text(&bytes, None)
            .unwrap()
            .encoding
            .starts_with("UTF-8 (3"));
    }

    #[test]
    fn legacy_text_is_still_legacy() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("MÜLLER and François met Zoë at the café; l’été was hot.");
        let decoded = decode_text(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.warnings.is_empty());
    }

    /// Issue 14: UTF-16 without a BOM in a script other than Latin was "binary".
    #[test]
    fn utf16_without_bom_in_any_script() {
        for text in [
            "Пограничники задержали 40 человек.\nИх выслали в тот же день.",
            "اعتقلت الشرطة 40 شخصا في مايو.",
            "警方在5月拘留了40人。\n他们被遣返。",
            "Ceasefire talks",
        ] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            let decoded = decode_text(&le, None).unwrap();
            assert_eq!(
                (decoded.text.as_str(), decoded.encoding.as_str()),
                (text, "UTF-16LE")
            );
            let decoded = decode_text(&be, None).unwrap();
            assert_eq!(
                (decoded.text.as_str(), decoded.encoding.as_str()),
                (text, "UTF-16BE")
            );
        }
        // Binary data with NULs on one side is still binary.
        let words: Vec<u8> = (0u16..400).flat_map(|n| (n % 7).to_le_bytes()).collect();
        assert_eq!(decode_text(&words, None).unwrap_err(), DecodeError::Binary);
    }

    #[test]
    fn declared_encoding_is_used_when_it_fits() {
        let decoded = decode_text(b"Fran\xe7ois", Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(decoded.text, "François");
    }

    #[test]
    fn control_bytes_mean_binary() {
        let mut bytes = vec![1u8, 2, 3, 4];
        bytes.extend_from_slice(b"abcde");
        assert_eq!(decode_text(&bytes, None).unwrap_err(), DecodeError::Binary);
    }
}
