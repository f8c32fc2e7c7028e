//! Turning the bytes of a text file (plain text, Markdown, HTML) into a string.
//!
//! Order of evidence: a byte order mark; UTF-16 without BOM (recognised by its NUL bytes
//! before the binary check, which would otherwise reject it); the binary check; an
//! encoding the document declares (HTML `<meta charset>`) if the bytes decode cleanly
//! in it; valid UTF-8; UTF-8 with a few stray invalid bytes; finally `chardetng`'s guess.
//! ISO-8859-1 is decoded as windows-1252, its superset (as browsers do), so Latin-1 text
//! reports "windows-1252".

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and the name of the encoding it was decoded from.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: String,
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
        return decode_strictly(encoding, &bytes[bom_length..]).ok_or(DecodeError::UnknownEncoding);
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        return decode_strictly(encoding, bytes).ok_or(DecodeError::UnknownEncoding);
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Some(decoded) = declared.and_then(|encoding| decode_strictly(encoding, bytes)) {
        return Ok(decoded);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name().to_string(),
        });
    }
    if let Some(decoded) = mostly_utf8(bytes) {
        return Ok(decoded);
    }
    let guess = guess_encoding(bytes);
    decode_strictly(guess, bytes)
        .filter(|decoded| is_plausible(&decoded.text))
        .ok_or(DecodeError::UnknownEncoding)
}

/// Decodes without tolerating malformed sequences (unmappable bytes); `None` if any.
fn decode_strictly(encoding: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| Decoded {
        text: text.into_owned(),
        encoding: encoding.name().to_string(),
    })
}

/// UTF-16 without a byte order mark: text in a Latin script has a NUL as the high byte of
/// nearly every other byte, and almost none in the other half.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_nuls = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let hardly = |n: usize| n * 20 <= pairs;
    if mostly(odd_nuls) && hardly(even_nuls) {
        Some(UTF_16LE)
    } else if mostly(even_nuls) && hardly(odd_nuls) {
        Some(UTF_16BE)
    } else {
        None
    }
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

/// UTF-8 text with a few invalid bytes (a stray Latin-1 byte pasted into it): decoded
/// lossily when valid multi-byte characters outnumber the invalid bytes four to one.
/// Without any valid multi-byte character the file is more likely a legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (multibyte > 0 && multibyte >= invalid * 4).then(|| Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: format!(
            "UTF-8 ({invalid} invalid byte{} replaced)",
            if invalid == 1 { "" } else { "s" }
        ),
    })
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
    let visible: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.is_empty() {
        return true;
    }
    let c1_controls = visible
        .iter()
        .filter(|&&c| ('\u{80}'..='\u{9f}').contains(&c))
        .count();
    let symbols = visible
        .iter()
        .filter(|&&c| !c.is_alphanumeric() && !is_common_punctuation(c))
        .count();
    c1_controls * 100 <= visible.len() && symbols * 5 <= visible.len()
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
        let mut bytes = "Zoë, Chloé, Anaïs and René left; ".as_bytes().to_vec();
        bytes.push(0xE9);
        let decoded = decode_text(&bytes, None).unwrap();
        assert!(
            decoded.encoding.starts_with("UTF-8 (1 invalid"),
            "{}",
            decoded.encoding
        );
        assert!(decoded.text.ends_with('\u{FFFD}'));
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
