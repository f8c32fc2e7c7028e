//! Property tests: whatever the input, the segmenter does not panic and its spans are
//! consistent (ordered, non-overlapping, trimmed, covering every non-whitespace
//! character exactly once, char and byte offsets agreeing, text = span modulo whitespace).

use claimscan::segment::{RuleSegmenter, Segment, Segmenter};
use proptest::prelude::*;

/// Pieces that exercise the rules: words, abbreviations, markers, punctuation,
/// line and paragraph breaks, CJK, emoji, combining marks and control characters.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "The",
        "refugees",
        "were",
        "returned",
        "U.S.",
        "Mr.",
        "No.",
        "e.g.",
        "a.m.",
        "etc.",
        "1.",
        "2)",
        "(a)",
        "•",
        "-",
        "—",
        "...",
        "…",
        ". . .",
        "?!",
        "!",
        "?",
        ".",
        ".12",
        "[4]",
        "¹²",
        "\"",
        "'",
        "“",
        "”",
        "(",
        ")",
        "[",
        "]",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u{a0}",
        "\u{2029}",
        "\u{0C}",
        "。",
        "！",
        "？",
        "．",
        "難民",
        "送還",
        "😀",
        "👍🏽",
        "e\u{301}",
        "\u{0}",
        "\u{1b}",
        "\u{feff}",
        "3.5",
        "1,040",
        "2003",
        "http://x.org/a.html",
        "a@b.org",
        "I",
        "A",
        "b.",
        "II.",
        "Chapter",
        "Summary",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        4 => fixed,
        1 => "[a-zA-Z0-9 .?!\"'()\\[\\]\n]{1,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

fn check_invariants(text: &str, segments: &[Segment]) -> Result<(), TestCaseError> {
    let mut covered = vec![false; text.len()];
    let mut previous_end = 0;
    for seg in segments {
        prop_assert!(seg.byte_start < seg.byte_end, "empty span {seg:?}");
        prop_assert!(
            seg.byte_start >= previous_end,
            "overlap or disorder at {seg:?}"
        );
        previous_end = seg.byte_end;
        prop_assert!(text.is_char_boundary(seg.byte_start) && text.is_char_boundary(seg.byte_end));
        let slice = &text[seg.byte_start..seg.byte_end];
        prop_assert_eq!(slice.trim(), slice, "span not trimmed");
        prop_assert_eq!(text[..seg.byte_start].chars().count(), seg.char_start);
        prop_assert_eq!(text[..seg.byte_end].chars().count(), seg.char_end);
        let normalised = slice.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(&seg.text, &normalised);
        for (k, c) in slice.char_indices() {
            if !c.is_whitespace() {
                covered[seg.byte_start + k] = true;
            }
        }
    }
    for (k, c) in text.char_indices() {
        prop_assert!(
            c.is_whitespace() || covered[k],
            "char {c:?} at byte {k} not covered"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn spans_are_consistent_on_mixed_text(text in document()) {
        let segments = RuleSegmenter::new().segment(&text);
        check_invariants(&text, &segments)?;
    }

    #[test]
    fn spans_are_consistent_on_arbitrary_unicode(text in any::<String>()) {
        let segments = RuleSegmenter::new().segment(&text);
        check_invariants(&text, &segments)?;
    }

    #[test]
    fn paragraph_repair_off_keeps_invariants(text in document()) {
        let segments = RuleSegmenter::new().with_paragraph_repair(false).segment(&text);
        check_invariants(&text, &segments)?;
    }

    #[test]
    fn segmentation_is_deterministic(text in document()) {
        let segmenter = RuleSegmenter::new();
        prop_assert_eq!(segmenter.segment(&text), segmenter.segment(&text));
    }
}
