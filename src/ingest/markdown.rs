//! Markdown articles (`.md`, `.markdown`): the readable text from pulldown-cmark's events,
//! one paragraph per block (headings, paragraphs, list items, table rows, code blocks),
//! separated by blank lines. Metadata comes from YAML front matter (`title:`, `author:`,
//! `date:`, `source:`), else the title is the first heading or the first short line.

use std::borrow::Cow;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::text::{binary_reason, canonical_text, decode_text_bytes, title_from_first_line};
use super::{Extracted, IngestLimits, empty_error};
use crate::{Error, Result};

/// Reads a Markdown article from its bytes. Block quotes and lists opened on one line
/// deeper than [`IngestLimits::max_depth`] are flattened (their text is kept).
pub(crate) fn read(path: &Path, bytes: &[u8], limits: &IngestLimits) -> Result<Extracted> {
    if bytes.is_empty() {
        return Err(empty_error(path));
    }
    let decoded = decode_text_bytes(bytes);
    if let Some(reason) = binary_reason(&decoded.text) {
        return Err(Error::parse(path, reason));
    }
    let source = canonical_text(&decoded.text);
    let (front, body) = split_front_matter(&source);
    let (text, first_heading) = render(&cap_container_depth(body, limits.max_depth));
    let text = canonical_text(&text);
    if text.is_empty() {
        return Err(Error::parse(path, "no text found"));
    }
    let mut extracted = Extracted::new(text, "md");
    let meta = &mut extracted.meta;
    for (key, value) in front {
        match key.as_str() {
            "title" => meta.title = value,
            "author" | "authors" | "byline" => meta.author = value,
            "date" | "published" => meta.date = value,
            "source" | "outlet" | "publisher" => meta.source = value,
            _ => {}
        }
    }
    if meta.title.is_empty() {
        meta.title = first_heading
            .or_else(|| title_from_first_line(&extracted.text))
            .unwrap_or_default();
    }
    Ok(extracted)
}

/// Splits YAML front matter (between `---` lines at the very start) from the body, and
/// reads its simple `key: value` lines (keys lowercased, quotes removed).
fn split_front_matter(source: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = source.strip_prefix("---\n") else {
        return (Vec::new(), source);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front = rest[..offset]
                .lines()
                .filter_map(|l| {
                    let (key, value) = l.split_once(':')?;
                    if key.starts_with([' ', '\t', '-']) {
                        return None;
                    }
                    let value = value.trim();
                    let value = value
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                        .unwrap_or(value);
                    Some((key.trim().to_ascii_lowercase(), value.to_owned()))
                })
                .collect();
            return (front, &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    // No closing line: not front matter after all.
    (Vec::new(), source)
}

/// The length of the block-quote or list marker at the start of `rest` (with the spaces
/// after it), if there is one: `>`, `-`, `*` or `+` and a space, or up to nine digits with
/// `.` or `)` and a space.
fn container_marker(rest: &[u8]) -> Option<usize> {
    let spaces = |from: usize| {
        rest[from..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count()
    };
    match rest.first()? {
        b'>' => Some(1 + spaces(1)),
        b'-' | b'*' | b'+' if matches!(rest.get(1), Some(b' ' | b'\t')) => Some(1 + spaces(1)),
        b'0'..=b'9' => {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let ok = digits <= 9
                && matches!(rest.get(digits), Some(b'.' | b')'))
                && matches!(rest.get(digits + 1), Some(b' ' | b'\t'));
            ok.then(|| digits + 1 + spaces(digits + 1))
        }
        _ => None,
    }
}

/// `body` with the container markers after the first `max_depth` of each line removed, so
/// that no line opens more than `max_depth` nested block quotes and lists (the parser's
/// work per line grows with the containers open). Unchanged when no line goes that deep.
fn cap_container_depth(body: &str, max_depth: usize) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut at = bytes
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        let mut markers = 0;
        let mut cut = None;
        while let Some(len) = container_marker(&bytes[at..]) {
            markers += 1;
            if markers == max_depth {
                cut = Some(at + len);
            }
            at += len;
        }
        match cut {
            Some(cut) if markers > max_depth => {
                let kept = out.get_or_insert_with(|| body[..offset].to_owned());
                kept.push_str(&line[..cut]);
                kept.push_str(&line[at..]);
            }
            _ => {
                if let Some(kept) = out.as_mut() {
                    kept.push_str(line);
                }
            }
        }
        offset += line.len();
    }
    out.map_or(Cow::Borrowed(body), Cow::Owned)
}

/// Renders Markdown to paragraphs of plain text; also returns the first heading's text.
fn render(body: &str) -> (String, Option<String>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut first_heading: Option<String> = None;
    let mut image_depth = 0usize;
    let mut in_html_block = false;

    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let trimmed = current.trim();
        if !trimmed.is_empty() {
            paragraphs.push(trimmed.to_owned());
        }
        current.clear();
    };

    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::HtmlBlock) => in_html_block = true,
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            Event::Start(Tag::TableCell) if !current.trim().is_empty() => {
                current.push_str(" | ");
            }
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut paragraphs);
            }
            Event::End(TagEnd::Heading(_)) => {
                if first_heading.is_none() && !current.trim().is_empty() {
                    first_heading = Some(current.trim().to_owned());
                }
                flush(&mut current, &mut paragraphs);
            }
            Event::Start(
                Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow,
            )
            | Event::Rule => flush(&mut current, &mut paragraphs),
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text)
                if image_depth == 0 && !in_html_block =>
            {
                current.push_str(&text);
            }
            Event::DisplayMath(text) => current.push_str(&text),
            Event::SoftBreak if image_depth == 0 && !current.ends_with(' ') => {
                current.push(' ');
            }
            Event::HardBreak if image_depth == 0 => current.push('\n'),
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    (paragraphs.join("\n\n"), first_heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_blocks_as_paragraphs() {
        let (text, heading) = render(
            "# The *Title*\n\nFirst line\nsecond line with `code` and [a link](http://x).\n\n\
             - one\n- two\n\n![alt text](img.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(heading.as_deref(), Some("The Title"));
        assert_eq!(
            text,
            "The Title\n\nFirst line second line with code and a link.\n\none\n\ntwo\n\na | b\n\n1 | 2"
        );
    }

    #[test]
    fn deep_containers_are_capped() {
        let deep = format!("{}text\n", "> ".repeat(100));
        let capped = cap_container_depth(&deep, 10);
        assert_eq!(capped, format!("{}text\n", "> ".repeat(10)));
        let shallow = "> quote\n- item\n  1. sub\n";
        assert!(matches!(cap_container_depth(shallow, 10), Cow::Borrowed(_)));
    }

    #[test]
    fn front_matter_is_read_and_removed() {
        let (front, body) = split_front_matter("---\ntitle: \"Talks\"\nauthor: A. B\n---\nBody\n");
        assert_eq!(
            front,
            vec![
                ("title".to_owned(), "Talks".to_owned()),
                ("author".to_owned(), "A. B".to_owned())
            ]
        );
        assert_eq!(body, "Body\n");
        let (front, body) = split_front_matter("---\nno end");
        assert!(front.is_empty());
        assert_eq!(body, "---\nno end");
    }
}
