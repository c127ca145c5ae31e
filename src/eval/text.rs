//! Char-offset text slicing and span overlap, as Python's `str` slicing and `score.py`'s
//! `overlap`.

use crate::model::CharIndex;

/// A document's text with char-offset slicing (Python's `text[s:e]`).
pub(super) struct Text<'a> {
    whole: &'a str,
    index: CharIndex,
    n_chars: usize,
}

impl<'a> Text<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            whole: text,
            index: CharIndex::new(text),
            n_chars: text.chars().count(),
        }
    }

    /// `text[start:end]` with Python's clamping; `end: None` slices to the end.
    pub(super) fn slice(&self, start: usize, end: Option<usize>) -> &'a str {
        let end = end.unwrap_or(self.n_chars).min(self.n_chars);
        let start = start.min(self.n_chars);
        if end <= start {
            return "";
        }
        let span = self.index.byte_span(start, end);
        self.whole.get(span.range()).unwrap_or("")
    }
}

/// `score.py`'s `overlap`.
pub(super) fn overlap(a0: usize, a1: usize, b0: usize, b1: usize) -> usize {
    a1.min(b1).saturating_sub(a0.max(b0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_slices_count_chars() {
        let t = Text::new("“ab” c");
        assert_eq!(t.slice(1, Some(3)), "ab");
        assert_eq!(t.slice(4, None), " c");
        assert_eq!(t.slice(5, Some(99)), " c".get(1..).unwrap());
        assert_eq!(t.slice(9, Some(3)), "");
    }
}
