//! Text helpers of the reading view: paragraph gaps in the display segments, and the whole
//! words a drag over the text covers.

use std::ops::Range;

use crate::model::Span;

/// Splits display segments after every single newline and adds a spacer segment there
/// (flagged `true`; it repeats the newline's source range), so paragraphs get a small gap.
pub(super) fn with_paragraph_gaps(
    text: &str,
    segments: Vec<Range<usize>>,
) -> Vec<(Range<usize>, bool)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(segments.len());
    for seg in segments {
        let mut start = seg.start;
        for (i, ch) in text.get(seg.clone()).unwrap_or("").char_indices() {
            let at = seg.start + i;
            let single = ch == '\n'
                && bytes.get(at + 1).is_some_and(|b| *b != b'\n')
                && (at == 0 || bytes.get(at - 1).is_some_and(|b| *b != b'\n'));
            if single {
                out.push((start..at + 1, false));
                out.push((at..at + 1, true));
                start = at + 1;
            }
        }
        if start < seg.end {
            out.push((start..seg.end, false));
        }
    }
    out
}

/// The words covering bytes `from..=to` of `text`: widened to whole words, without
/// surrounding spaces or punctuation. `None` if there is no word.
pub(super) fn word_span(text: &str, from: usize, to: usize) -> Option<Span> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '.';
    let mut start = from.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while let Some(c) = text[..start].chars().next_back().filter(|c| is_word(*c)) {
        start -= c.len_utf8();
    }
    let mut end = to.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    while let Some(c) = text[end..].chars().next().filter(|c| is_word(*c)) {
        end += c.len_utf8();
    }
    let words = text.get(start..end)?;
    let trimmed_start = start
        + (words.len()
            - words
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len());
    let trimmed_end =
        end - (words.len() - words.trim_end_matches(|c: char| !c.is_alphanumeric()).len());
    (trimmed_start < trimmed_end).then(|| Span::new(trimmed_start, trimmed_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_picks_whole_words_without_punctuation() {
        let text = "Talks in Doha, said Zalmay Khalilzad.";
        let at = |w: &str| text.find(w).unwrap();
        let pick = |from: usize, to: usize| word_span(text, from, to).map(|s| s.text(text));
        // Inside one word: the whole word.
        assert_eq!(pick(at("Doha") + 1, at("Doha") + 2), Some("Doha"));
        // From the middle of one word to the middle of another, comma and full stop left out.
        assert_eq!(
            pick(at("Zalmay") + 2, at("Khalilzad") + 3),
            Some("Zalmay Khalilzad")
        );
        assert_eq!(pick(at(","), at(",")), Some("Doha"));
        assert_eq!(word_span("  ,  ", 1, 3), None);
    }
}
