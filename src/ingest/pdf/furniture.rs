//! Page furniture: running headers and footers, page numbers, one-off lines in the top
//! margin.
//!
//! * Headers, footers and page numbers must be set apart from the page's text: above (or
//!   below) every other line of body size or larger, by more than 1.3 times the body line
//!   spacing.
//! * A **running header or footer** is a line with letters, not larger than body text,
//!   among the top or bottom three rows of a page whose text, with each run of digits replaced by a placeholder ("Page 3 of 12" =
//!   "Page 4 of 12"), appears in the same zone and at the same height (within 6 points) on
//!   at least two pages and on at least 40% of them (so headers that alternate between
//!   left and right pages count). Dropped.
//! * A **page number** is a line among the top or bottom two rows that is only a number
//!   ("7", "- 7 -", "[7]", "Page 7", "p. 7", "vii") or "7 of 12" / "7/12" / "Page 7 of 12".
//!   Where several pages have one, those whose number is out of step with the page's
//!   position (a lone "3" on page 9 where the others count with the pages) are kept: they
//!   are something else, such as a footnote number. Dropped.
//! * A **one-off line in the top margin** (a header printed on one page only) is a line of
//!   the top row, not larger than body text, that sits above where body text starts on
//!   most pages and is set apart from what follows. Dropped when it is at the height of the running header of
//!   other pages (a chapter title in the header slot); otherwise kept, as its own block at
//!   the top of its page, never glued to a sentence running on from the page before.
//! * Everything else stays, footnotes and lines of citation markers included.

use std::collections::HashMap;

use super::blocks::BodyStyle;
use super::lines::Line;

/// How many rows at the top and bottom of a page may hold a running header or footer.
const RUNNING_ZONE: usize = 3;
/// How many rows at the top and bottom of a page may hold a page number.
const PAGE_NUMBER_ZONE: usize = 2;

/// A page's lines without its furniture.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageLines {
    /// The lines of the page's text.
    pub body: Vec<Line>,
    /// One-off lines of the top margin, kept as blocks of their own.
    pub top_margin: Vec<Line>,
}

/// Removes running headers, footers and page numbers, and sets one-off top-margin lines
/// apart.
pub(crate) fn strip(pages: Vec<Vec<Line>>, body: &BodyStyle) -> Vec<PageLines> {
    let zones: Vec<Zones> = pages.iter().map(|p| Zones::of(p)).collect();
    // Lines that look like furniture by their text and place; they go if they are set
    // apart from the page's text (see `isolated`).
    let mut candidate: Vec<Vec<bool>> = pages.iter().map(|p| vec![false; p.len()]).collect();

    // Running headers and footers.
    let needed = (pages.len() * 2).div_ceil(5).max(2);
    let mut header_heights = Vec::new();
    for top in [true, false] {
        let mut occurrences: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (p, zone) in zones.iter().enumerate() {
            let rows = if top { &zone.top } else { &zone.bottom };
            for &i in rows.iter().take(RUNNING_ZONE).flatten() {
                // A heading at the top of several pages is not a running header, nor is a
                // line without letters (footnote markers; page numbers are found below).
                let line = &pages[p][i];
                if line.size > body.size + 0.5 || !line.text.chars().any(char::is_alphabetic) {
                    continue;
                }
                occurrences
                    .entry(running_key(&pages[p][i].text))
                    .or_default()
                    .push((p, i));
            }
        }
        for (_, places) in occurrences {
            let heights: Vec<f32> = places.iter().map(|&(p, i)| pages[p][i].baseline).collect();
            let Some(median) = median(&heights) else {
                continue;
            };
            let aligned: Vec<(usize, usize)> = places
                .into_iter()
                .filter(|&(p, i)| (pages[p][i].baseline - median).abs() <= 6.0)
                .collect();
            let mut on_pages: Vec<usize> = aligned.iter().map(|&(p, _)| p).collect();
            on_pages.dedup();
            if on_pages.len() >= needed {
                for &(p, i) in &aligned {
                    candidate[p][i] = true;
                }
                if top {
                    header_heights.push(median);
                }
            }
        }
    }

    // Page numbers.
    let mut candidates: Vec<(usize, usize, Option<i64>)> = Vec::new();
    for (p, zone) in zones.iter().enumerate() {
        let rows = zone
            .top
            .iter()
            .take(PAGE_NUMBER_ZONE)
            .chain(zone.bottom.iter().take(PAGE_NUMBER_ZONE));
        for &i in rows.flatten() {
            if candidate[p][i] {
                continue;
            }
            if let Some(number) = page_number(&pages[p][i].text) {
                candidates.push((p, i, number));
            }
        }
    }
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for &(p, _, number) in &candidates {
        if let Some(n) = number {
            *offsets.entry(n - p as i64).or_default() += 1;
        }
    }
    let usual_offset = offsets
        .iter()
        .max_by_key(|(offset, count)| (**count, -(offset.abs())))
        .filter(|(_, count)| **count >= 2)
        .map(|(offset, _)| *offset);
    for &(p, i, number) in &candidates {
        let in_step = match (number, usual_offset) {
            (Some(n), Some(offset)) => n - p as i64 == offset,
            _ => true,
        };
        if in_step {
            candidate[p][i] = true;
        }
    }
    let mut doomed: Vec<Vec<bool>> = pages
        .iter()
        .zip(&candidate)
        .map(|(lines, candidate)| isolated(lines, candidate, body))
        .collect();

    // Where body text starts: the top of the highest body-size line of each page (upper
    // median over pages: a first page opening with a title does not count).
    let mut body_tops: Vec<f32> = pages
        .iter()
        .zip(&doomed)
        .filter_map(|(lines, doomed)| {
            lines
                .iter()
                .zip(doomed)
                .filter(|(l, d)| !**d && !l.off_axis && (l.size - body.size).abs() < 0.6)
                .map(|(l, _)| l.top())
                .max_by(f32::total_cmp)
        })
        .collect();
    body_tops.sort_by(f32::total_cmp);
    let body_top = if body_tops.len() >= 2 {
        Some(body_tops[body_tops.len() / 2])
    } else {
        None
    };

    let mut result = Vec::with_capacity(pages.len());
    for (p, lines) in pages.into_iter().enumerate() {
        let zone = &zones[p];
        let mut page = PageLines::default();
        // The first remaining row of the page, and the row under it.
        let remaining_rows: Vec<&Vec<usize>> = zone
            .top
            .iter()
            .filter(|row| row.iter().any(|&i| !doomed[p][i]))
            .take(2)
            .collect();
        let mut margin = vec![false; lines.len()];
        if let (Some(first), Some(top)) = (remaining_rows.first(), body_top) {
            let first_lines: Vec<&Line> = first
                .iter()
                .filter(|&&i| !doomed[p][i])
                .map(|&i| &lines[i])
                .collect();
            let bottom_of_row = first_lines
                .iter()
                .map(|l| l.bottom())
                .fold(f32::INFINITY, f32::min);
            let next_top = remaining_rows
                .get(1)
                .and_then(|row| row.iter().map(|&i| lines[i].top()).max_by(f32::total_cmp));
            let above_body = first_lines
                .iter()
                .all(|l| l.bottom() > top - 0.25 * body.leading && l.size <= body.size + 0.5);
            let set_apart = next_top.is_none_or(|t| bottom_of_row - t > 0.5 * body.leading);
            if above_body && set_apart {
                let remaining: Vec<usize> =
                    first.iter().copied().filter(|&i| !doomed[p][i]).collect();
                for i in remaining {
                    let at_header_height = header_heights
                        .iter()
                        .any(|h| (lines[i].baseline - h).abs() <= 3.0);
                    if at_header_height {
                        doomed[p][i] = true;
                    } else {
                        margin[i] = true;
                    }
                }
            }
        }
        for (i, line) in lines.into_iter().enumerate() {
            if doomed[p][i] {
                continue;
            }
            if margin[i] {
                page.top_margin.push(line);
            } else {
                page.body.push(line);
            }
        }
        result.push(page);
    }
    result
}

/// Which candidates are set apart from the page's text: above (or below) every line of
/// body size or larger that is not a candidate, by more than 1.3 times the body line
/// spacing, and not linked to such a line by a chain of candidates at most that far apart
/// one above the other. Small print (a one-off header, footnotes) does not count. Text
/// that happens to repeat at the foot of two pages is not set apart: the other column, or
/// the line above it, shows that it belongs to the page's text.
fn isolated(lines: &[Line], candidate: &[bool], body: &BodyStyle) -> Vec<bool> {
    let is_text = |l: &Line| !l.off_axis && l.size >= body.size - 0.6;
    let text: Vec<&Line> = lines
        .iter()
        .zip(candidate)
        .filter(|(l, c)| !**c && is_text(l))
        .map(|(l, _)| l)
        .collect();
    let highest = text
        .iter()
        .map(|l| l.baseline)
        .fold(f32::NEG_INFINITY, f32::max);
    let lowest = text
        .iter()
        .map(|l| l.baseline)
        .fold(f32::INFINITY, f32::min);
    let margin = 1.3 * body.leading;
    let close = |a: &Line, b: &Line| {
        (a.baseline - b.baseline).abs() <= margin && a.x0 < b.x1 && b.x0 < a.x1
    };
    // Candidates linked to the text, directly or through other candidates.
    let mut linked = vec![false; lines.len()];
    let mut queue: Vec<usize> = (0..lines.len())
        .filter(|&i| candidate[i] && is_text(&lines[i]) && text.iter().any(|t| close(t, &lines[i])))
        .collect();
    while let Some(i) = queue.pop() {
        if linked[i] {
            continue;
        }
        linked[i] = true;
        for j in 0..lines.len() {
            if candidate[j] && !linked[j] && is_text(&lines[j]) && close(&lines[i], &lines[j]) {
                queue.push(j);
            }
        }
    }
    (0..lines.len())
        .map(|i| {
            let line = &lines[i];
            candidate[i]
                && !linked[i]
                && (text.is_empty()
                    || line.baseline - highest > margin
                    || lowest - line.baseline > margin)
        })
        .collect()
}

/// The rows of a page from the top and from the bottom (indices of lines, main direction
/// only), a few deep.
struct Zones {
    top: Vec<Vec<usize>>,
    bottom: Vec<Vec<usize>>,
}

impl Zones {
    fn of(lines: &[Line]) -> Self {
        let mut order: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].off_axis).collect();
        order.sort_by(|&a, &b| lines[b].baseline.total_cmp(&lines[a].baseline));
        let mut rows: Vec<Vec<usize>> = Vec::new();
        for i in order {
            match rows.last_mut() {
                Some(row) if lines[row[0]].same_row(&lines[i]) => row.push(i),
                _ => rows.push(vec![i]),
            }
        }
        let depth = RUNNING_ZONE.max(PAGE_NUMBER_ZONE);
        let top = rows.iter().take(depth).cloned().collect();
        let bottom = rows.iter().rev().take(depth).cloned().collect();
        Zones { top, bottom }
    }
}

fn median(values: &[f32]) -> Option<f32> {
    let mut values = values.to_vec();
    values.sort_by(f32::total_cmp);
    values.get(values.len() / 2).copied()
}

/// A line with every run of digits replaced by `#` and spaces collapsed, so that
/// "Page 3 of 12" and "Page 4 of 12" compare equal.
pub(crate) fn running_key(line: &str) -> String {
    let mut key = String::new();
    for word in line.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        let mut in_digits = false;
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    key.push('#');
                }
                in_digits = true;
            } else {
                key.push(c);
                in_digits = false;
            }
        }
    }
    key
}

/// `Some(number)` for a page-number line ("7", "- 7 -", "[7]", "Page 7", "p. 7",
/// "7 of 12", "7/12", "Page 7 of 12"); `Some(None)` for a roman one ("vii"); `None` for
/// anything else ("3 men", "1 2 3", "12 13").
pub(crate) fn page_number(line: &str) -> Option<Option<i64>> {
    let lower = line.trim().to_lowercase();
    let rest = ["page ", "p. ", "p."]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .unwrap_or(&lower);
    let cleaned: String = rest
        .chars()
        .map(|c| if "-–—|()[]".contains(c) { ' ' } else { c })
        .collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let arabic = |t: &str| {
        (t.len() <= 4 && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse::<i64>().ok())
            .flatten()
    };
    let roman = |t: &str| t.len() <= 6 && !t.is_empty() && t.chars().all(|c| "ivxlc".contains(c));
    match tokens.as_slice() {
        [one] => {
            if let Some((a, b)) = one.split_once('/') {
                let (a, b) = (arabic(a)?, arabic(b)?);
                return (a <= b).then_some(Some(a));
            }
            if let Some(n) = arabic(one) {
                return Some(Some(n));
            }
            roman(one).then_some(None)
        }
        [a, "of", b] | [a, "/", b] => {
            let (a, b) = (arabic(a)?, arabic(b)?);
            (a <= b).then_some(Some(a))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        assert_eq!(page_number("7"), Some(Some(7)));
        assert_eq!(page_number("- 14 -"), Some(Some(14)));
        assert_eq!(page_number("Page 3 of 12"), Some(Some(3)));
        assert_eq!(page_number("3/12"), Some(Some(3)));
        assert_eq!(page_number("[7]"), Some(Some(7)));
        assert_eq!(page_number("vii"), Some(None));
        assert_eq!(page_number("3 men"), None);
        assert_eq!(page_number("1 2 3"), None);
        assert_eq!(page_number("12 13"), None);
        assert_eq!(page_number("Vivid"), None);
        assert_eq!(page_number("13 of 12"), None);
    }

    #[test]
    fn running_keys_ignore_numbers() {
        assert_eq!(running_key("Page 3 of 12"), running_key("Page  4 of 12"));
        assert_ne!(running_key("Annual report"), running_key("Annual reports"));
    }
}
