//! Keyword-in-context lines: the words left of a match, the match, the words right of it.
//!
//! Context is counted in characters, not bytes, so lines with multibyte text (Urdu names,
//! curly quotes, em-dashes) align; whitespace runs (line breaks included) become one space.

use crate::model::{CharIndex, Document, Span};

use super::index::Hit;

/// One concordance line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KwicLine {
    /// The article's index in the project.
    pub document: usize,
    /// The article's id.
    pub article: String,
    /// The article's date as found (may be empty).
    pub date: String,
    /// The match's bytes in the article's text.
    pub span: Span,
    /// The match's first character (0-based, in characters).
    pub char_start: usize,
    /// Up to `width` characters before the match.
    pub left: String,
    /// The match.
    pub matched: String,
    /// Up to `width` characters after the match.
    pub right: String,
}

fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// The last `width` characters of `text`, whitespace collapsed, the last of them a space
/// when the text ended in whitespace (so "said " | "Austin" keeps its gap).
fn tail(text: &str, width: usize) -> String {
    let flat = one_line(text);
    let gap = text.chars().last().is_some_and(char::is_whitespace);
    let keep = width.saturating_sub(usize::from(gap && !flat.is_empty()));
    let n = flat.chars().count();
    let mut out: String = flat.chars().skip(n.saturating_sub(keep)).collect();
    if gap && !flat.is_empty() {
        out.push(' ');
    }
    out
}

fn head(text: &str, width: usize) -> String {
    let flat = one_line(text);
    let gap = text.chars().next().is_some_and(char::is_whitespace);
    let mut out = String::new();
    if gap && !flat.is_empty() {
        out.push(' ');
    }
    out.extend(flat.chars().take(width.saturating_sub(usize::from(gap))));
    out
}

/// The concordance line of `hit` with `width` characters of context each side.
///
/// ```
/// use quarry::model::{Document, Span};
/// use quarry::search::{Hit, kwic_line};
/// let doc = Document::new("a", "Qurēshī met Austin in Islamabad.");
/// let start = doc.text.find("Austin").unwrap();
/// let hit = Hit { document: 0, span: Span::new(start, start + 6), sentence: Span::new(0, doc.text.len()) };
/// let line = kwic_line(&doc, &hit, 14, None);
/// assert_eq!((line.left.as_str(), line.matched.as_str(), line.right.as_str()),
///            ("Qurēshī met ", "Austin", " in Islamabad."));
/// assert_eq!(line.char_start, 12);
/// ```
pub fn kwic_line(doc: &Document, hit: &Hit, width: usize, chars: Option<&CharIndex>) -> KwicLine {
    let text = &doc.text;
    let span = hit.span;
    let left = text.get(..span.start).unwrap_or_default();
    let right = text.get(span.end..).unwrap_or_default();
    // Look at no more bytes than `width` characters can take (4 bytes each) plus spaces.
    let left_start = floor_boundary(left, left.len().saturating_sub(width * 8));
    let right_end = ceil_boundary(right, (width * 8).min(right.len()));
    let char_start = chars.map_or_else(|| left.chars().count(), |c| c.char_of(span.start));
    KwicLine {
        document: hit.document,
        article: doc.id.clone(),
        date: doc.meta.date.clone(),
        span,
        char_start,
        left: tail(&left[left_start..], width),
        matched: one_line(span.text(text)),
        right: head(&right[..right_end], width),
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The concordance lines of `hits`, each article's char index built once.
pub fn kwic_lines(documents: &[Document], hits: &[Hit], width: usize) -> Vec<KwicLine> {
    let mut out = Vec::with_capacity(hits.len());
    let mut index: Option<(usize, CharIndex)> = None;
    for hit in hits {
        let Some(doc) = documents.get(hit.document) else {
            continue;
        };
        if index.as_ref().is_none_or(|(d, _)| *d != hit.document) {
            index = Some((hit.document, CharIndex::new(&doc.text)));
        }
        out.push(kwic_line(doc, hit, width, index.as_ref().map(|(_, c)| c)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_counted_in_characters_and_flattened() {
        let text = "«Ṭālibān» — آصف\nsaid: “peace” is near — قریشی";
        let doc = Document::new("u", text);
        let start = text.find("peace").unwrap();
        let hit = Hit {
            document: 0,
            span: Span::new(start, start + 5),
            sentence: Span::new(0, text.len()),
        };
        let line = kwic_line(&doc, &hit, 10, None);
        assert_eq!(line.left, "صف said: “");
        assert_eq!(line.left.chars().count(), 10);
        assert_eq!(line.matched, "peace");
        assert_eq!(line.right, "” is near ");
        assert_eq!(line.char_start, text[..start].chars().count());
        let with_index = kwic_line(&doc, &hit, 10, Some(&CharIndex::new(text)));
        assert_eq!(with_index, line);
    }
}
