//! Byte spans and the byte → char offset index.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's canonical text.
///
/// Both ends lie on UTF-8 character boundaries.
///
/// ```
/// use quarry::model::Span;
/// let text = "Qureshi said “no”.";
/// let span = Span::new(0, 7);
/// assert_eq!(span.text(text), "Qureshi");
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given in the wrong order).
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Self { start, end }
        } else {
            Self {
                start: end,
                end: start,
            }
        }
    }

    /// The byte range.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The covered text, or `""` if the span does not fit `text` or splits a character.
    pub fn text(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies within `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Maps byte offsets of one text to char (Unicode scalar value) offsets and back.
///
/// ```
/// use quarry::model::CharIndex;
/// let text = "“Pakistan”";
/// let index = CharIndex::new(text);
/// assert_eq!(index.char_of(3), 1); // '“' is 3 bytes, 1 char
/// assert_eq!(index.byte_of(1), 3);
/// ```
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// Byte offset of each char, plus the text length at the end.
    char_starts: Vec<usize>,
    ascii: bool,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                char_starts: vec![text.len()],
                ascii: true,
            };
        }
        let mut char_starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        char_starts.push(text.len());
        Self {
            char_starts,
            ascii: false,
        }
    }

    /// The char offset of byte offset `byte` (a byte inside a character maps to that character).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        match self.char_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of char offset `ch` (clamped to the text length).
    pub fn byte_of(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.char_starts.first().copied().unwrap_or(0));
        }
        let last = self.char_starts.len().saturating_sub(1);
        self.char_starts
            .get(ch.min(last))
            .copied()
            .unwrap_or_default()
    }

    /// The char range of a byte span.
    pub fn char_span(&self, span: Span) -> (usize, usize) {
        (self.char_of(span.start), self.char_of(span.end))
    }

    /// The byte span of a char range.
    pub fn byte_span(&self, start: usize, end: usize) -> Span {
        Span::new(self.byte_of(start), self.byte_of(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips_multibyte() {
        let text = "€ Qureshi “said” ‘x’ 中文 ok";
        let index = CharIndex::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_of(bi), ci);
            assert_eq!(index.byte_of(ci), bi);
        }
        assert_eq!(index.char_of(text.len()), text.chars().count());
        assert_eq!(index.byte_of(text.chars().count()), text.len());
    }

    #[test]
    fn span_text_is_safe_on_bad_ranges() {
        let text = "“a”";
        assert_eq!(Span::new(0, 1).text(text), "");
        assert_eq!(Span::new(0, 99).text(text), "");
        assert_eq!(Span::new(3, 4).text(text), "a");
    }
}
