//! Markdown to readable plain text, line by line (block syntax) and then character by
//! character within a line (inline syntax). Not a full CommonMark parser: it removes the
//! markup that would end up inside sentences and keeps the paragraph structure.

/// The text without Markdown syntax, and the title (first `#` heading, else the first
/// heading of any level).
pub(crate) fn to_plain_text(source: &str) -> (String, Option<String>) {
    let mut converter = Converter::default();
    let lines: Vec<&str> = source.lines().collect();
    let body_start = front_matter_end(&lines);
    for line in &lines[body_start..] {
        converter.line(line);
    }
    let title = converter.first_h1.or(converter.first_heading);
    (converter.out.join("\n"), title)
}

#[derive(Default)]
struct Converter {
    out: Vec<String>,
    /// The fence character and length of the open code block, if inside one.
    fence: Option<(char, usize)>,
    /// Whether the last output line is paragraph text (a setext underline may follow it).
    after_paragraph_line: bool,
    first_h1: Option<String>,
    first_heading: Option<String>,
}

impl Converter {
    fn line(&mut self, line: &str) {
        if self.in_code_block(line) {
            return;
        }
        let line = strip_blockquote(line);
        let trimmed = line.trim();
        let was_paragraph = std::mem::replace(&mut self.after_paragraph_line, false);

        if trimmed.is_empty() {
            self.out.push(String::new());
        } else if let Some(level) = setext_level(trimmed).filter(|_| was_paragraph) {
            let text = self.out.pop().unwrap_or_default();
            self.heading(level, text);
        } else if is_thematic_break(trimmed)
            || is_table_separator(trimmed)
            || is_reference_definition(trimmed)
        {
            // Layout only.
        } else if let Some((level, text)) = atx_heading(trimmed) {
            self.heading(level, strip_inline(text));
        } else if let Some((marker, rest)) = list_marker(line) {
            self.out.push(format!("{marker}{}", strip_inline(rest)));
        } else {
            self.out.push(strip_inline(&table_row(line)));
            self.after_paragraph_line = true;
        }
    }

    /// Tracks fenced code blocks; true for the fence lines and the code inside.
    fn in_code_block(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let fence = code_fence(trimmed).filter(|_| indent <= 3);
        match (self.fence, fence) {
            (None, Some(opening)) => {
                self.fence = Some(opening);
                true
            }
            (Some((c, length)), Some((closing_c, closing_length)))
                if c == closing_c
                    && closing_length >= length
                    && trimmed.trim_start_matches(c).trim().is_empty() =>
            {
                self.fence = None;
                true
            }
            (Some(_), _) => true,
            (None, None) => false,
        }
    }

    /// A heading as a paragraph of its own.
    fn heading(&mut self, level: usize, text: String) {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        if level == 1 && self.first_h1.is_none() {
            self.first_h1 = Some(text.clone());
        }
        if self.first_heading.is_none() {
            self.first_heading = Some(text.clone());
        }
        if self.out.last().is_some_and(|l| !l.is_empty()) {
            self.out.push(String::new());
        }
        self.out.push(text);
        self.out.push(String::new());
    }
}

/// Where the body starts after a YAML front matter block (`---` ... `---` or `...`).
fn front_matter_end(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map_or(0, |closing| closing + 2)
}

/// The line without leading `>` quote markers.
fn strip_blockquote(line: &str) -> &str {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('>') {
            Some(after) if rest.len() - trimmed.len() <= 3 => {
                rest = after.strip_prefix(' ').unwrap_or(after);
            }
            _ => return rest,
        }
    }
}

/// An opening or closing code fence: three or more backticks or tildes.
fn code_fence(trimmed: &str) -> Option<(char, usize)> {
    let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = trimmed.chars().take_while(|&x| x == c).count();
    (length >= 3).then_some((c, length))
}

/// `===` under a line makes it a level-1 heading, `---` a level-2 one.
fn setext_level(trimmed: &str) -> Option<usize> {
    if trimmed.chars().all(|c| c == '=') {
        Some(1)
    } else if trimmed.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

fn is_thematic_break(trimmed: &str) -> bool {
    ['-', '*', '_'].iter().any(|&mark| {
        trimmed.chars().filter(|&c| c == mark).count() >= 3
            && trimmed.chars().all(|c| c == mark || c == ' ')
    })
}

/// The `|---|:---:|` row under a table header.
fn is_table_separator(trimmed: &str) -> bool {
    trimmed.contains('-')
        && trimmed.contains('|')
        && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// `[label]: https://...` link reference definitions (not footnotes `[^1]: text`).
fn is_reference_definition(trimmed: &str) -> bool {
    trimmed.starts_with('[')
        && !trimmed.starts_with("[^")
        && trimmed
            .find("]:")
            .is_some_and(|end| !trimmed[end + 2..].trim().contains(' '))
}

/// `## Heading ##` → (2, "Heading").
fn atx_heading(trimmed: &str) -> Option<(usize, &str)> {
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    let rest = &trimmed[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some((level, text))
}

/// A list item's marker (with its indentation and following space) and its content.
fn list_marker(line: &str) -> Option<(&str, &str)> {
    let content = line.trim_start();
    let indent = line.len() - content.len();
    let marker_length = if content.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = content.chars().take_while(char::is_ascii_digit).count();
        let closer = content[digits..].chars().next();
        if (1..=9).contains(&digits) && matches!(closer, Some('.' | ')')) {
            digits + 1
        } else {
            return None;
        }
    };
    let after = &content[marker_length..];
    let text = after.trim_start();
    if after.len() == text.len() || text.is_empty() {
        return None; // "-5 degrees", "2024." are no list items
    }
    let marker_end = indent + marker_length + 1;
    Some((&line[..marker_end], text))
}

/// A table row `| a | b |` as `a | b`; other lines unchanged.
fn table_row(line: &str) -> String {
    let trimmed = line.trim();
    if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.len() > 1 {
        let inner = &trimmed[1..trimmed.len() - 1];
        inner
            .split('|')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" | ")
    } else {
        line.to_string()
    }
}

/// Removes inline markup: escapes, code spans, images, links, footnote references, raw
/// HTML tags, autolinks and emphasis delimiters.
fn strip_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        i = match chars[i] {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                out.push(chars[i + 1]);
                i + 2
            }
            '`' => code_span(&chars, i, &mut out),
            '!' if chars.get(i + 1) == Some(&'[') => image(&chars, i, &mut out),
            '[' => link(&chars, i, &mut out),
            '<' => angle_bracket(&chars, i, &mut out),
            '*' | '_' | '~' => emphasis(&chars, i, &mut out),
            c => {
                out.push(c);
                i + 1
            }
        };
    }
    out
}

/// The index just after the bracket closing the one at `open` (`[`/`]` or `(`/`)`).
fn closing(chars: &[char], open: usize, (left, right): (char, char)) -> Option<usize> {
    let mut depth = 0;
    for (j, &c) in chars.iter().enumerate().skip(open) {
        if c == left {
            depth += 1;
        } else if c == right {
            depth -= 1;
            if depth == 0 {
                return Some(j + 1);
            }
        }
    }
    None
}

fn code_span(chars: &[char], start: usize, out: &mut String) -> usize {
    let ticks = chars[start..].iter().take_while(|&&c| c == '`').count();
    let content_start = start + ticks;
    let mut j = content_start;
    while j < chars.len() {
        let run = chars[j..].iter().take_while(|&&c| c == '`').count();
        if run == ticks {
            let content: String = chars[content_start..j].iter().collect();
            out.push_str(content.trim());
            return j + run;
        }
        j += run.max(1);
    }
    out.extend(&chars[start..content_start]);
    content_start
}

/// `![alt](src)` and `![alt][ref]` are dropped entirely.
fn image(chars: &[char], start: usize, out: &mut String) -> usize {
    match link_end(chars, start + 1) {
        Some((_, end)) => end,
        None => {
            out.push('!');
            start + 1
        }
    }
}

/// `[text](url)` and `[text][ref]` become `text`; `[^1]` footnote references disappear;
/// other brackets ("[sic]", "[1]") are kept.
fn link(chars: &[char], start: usize, out: &mut String) -> usize {
    if chars.get(start + 1) == Some(&'^') {
        if let Some(end) = closing(chars, start, ('[', ']')) {
            return end;
        }
    }
    match link_end(chars, start) {
        Some((text_end, end)) => {
            let text: String = chars[start + 1..text_end - 1].iter().collect();
            out.push_str(&strip_inline(&text));
            end
        }
        None => {
            out.push('[');
            start + 1
        }
    }
}

/// For a `[` at `open` followed by `(...)` or `[...]`: the index after `]` and after the
/// whole link.
fn link_end(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let text_end = closing(chars, open, ('[', ']'))?;
    let end = match chars.get(text_end) {
        Some('(') => closing(chars, text_end, ('(', ')'))?,
        Some('[') => closing(chars, text_end, ('[', ']'))?,
        _ => return None,
    };
    Some((text_end, end))
}

/// `<https://...>` autolinks keep their address; HTML tags (`<br>`, `</sup>`) go.
fn angle_bracket(chars: &[char], start: usize, out: &mut String) -> usize {
    let next = chars.get(start + 1).copied().unwrap_or(' ');
    let looks_like_tag = next.is_ascii_alphabetic() || next == '/' || next == '!';
    let end = chars[start..]
        .iter()
        .position(|&c| c == '>')
        .map(|p| start + p);
    match end {
        Some(end) if looks_like_tag => {
            let inner: String = chars[start + 1..end].iter().collect();
            if inner.contains("://") || inner.starts_with("mailto:") {
                out.push_str(inner.trim_start_matches("mailto:"));
            }
            end + 1
        }
        _ => {
            out.push('<');
            start + 1
        }
    }
}

/// Emphasis (`*`, `_`) and strikethrough (`~~`) delimiter runs touching a word are removed;
/// a lone `*` between spaces, `snake_case` underscores, `5*3` and a single `~` stay.
fn emphasis(chars: &[char], start: usize, out: &mut String) -> usize {
    let mark = chars[start];
    let run = chars[start..].iter().take_while(|&&c| c == mark).count();
    let end = start + run;
    let before = start.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(end).copied();
    let word_before = before.is_some_and(|c| !c.is_whitespace());
    let word_after = after.is_some_and(|c| !c.is_whitespace());
    let between =
        |f: fn(&char) -> bool| before.is_some_and(|c| f(&c)) && after.is_some_and(|c| f(&c));
    let is_delimiter = match mark {
        '~' => run == 2 && (word_before || word_after),
        '_' => (word_before || word_after) && !between(|c| c.is_alphanumeric()),
        _ => (word_before || word_after) && !between(char::is_ascii_digit),
    };
    if !is_delimiter {
        out.extend(&chars[start..end]);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str) -> String {
        to_plain_text(md).0
    }

    #[test]
    fn headings_become_paragraphs() {
        assert_eq!(
            plain("# Title\nText.\n## Part ##\nMore."),
            "Title\n\nText.\n\nPart\n\nMore."
        );
    }

    #[test]
    fn emphasis_and_code_markers_go() {
        assert_eq!(
            strip_inline("**Forty** _men_ were `held` ~~not~~ in snake_case 5*3 a * b"),
            "Forty men were held not in snake_case 5*3 a * b"
        );
    }

    #[test]
    fn links_keep_their_text_and_images_go() {
        assert_eq!(
            strip_inline(
                "See [the report](http://x.org/a_(b)) ![map](m.png) [sic] [^2] <https://y.org>"
            ),
            "See the report  [sic]  https://y.org"
        );
    }

    #[test]
    fn setext_headings_and_code_fences() {
        let (text, title) = to_plain_text("Report\n======\n\n```\nlet x = 1;\n```\nAfter.");
        assert_eq!(text, "Report\n\n\nAfter.");
        assert_eq!(title.as_deref(), Some("Report"));
    }

    #[test]
    fn lists_keep_markers() {
        assert_eq!(
            plain("- **one**\n  2. two\n-5 degrees"),
            "- one\n  2. two\n-5 degrees"
        );
    }

    #[test]
    fn front_matter_and_rules_go() {
        assert_eq!(
            plain("---\ntitle: x\n---\nText.\n\n***\n\nMore."),
            "Text.\n\n\nMore."
        );
    }

    #[test]
    fn tables_lose_outer_pipes_and_separator() {
        assert_eq!(
            plain("| Year | Returns |\n|---|---:|\n| 2023 | 1,200 |"),
            "Year | Returns\n2023 | 1,200"
        );
    }
}
