//! Display order for right-to-left words.
//!
//! egui shapes each Arabic-script word correctly but places words left to right, so a
//! multi-word Urdu or Arabic phrase would read backwards. [`visual_segments`] reverses the
//! order of the words inside every run of right-to-left words (words joined by spaces) and
//! returns the text as source byte ranges in display order. Limits (documented in
//! `assets/fonts/README.md`): runs are reordered before line wrapping, digits and Latin words
//! end a run, and paragraphs are not right-aligned.

use std::ops::Range;

/// True for characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// their presentation forms).
pub fn is_rtl(ch: char) -> bool {
    matches!(ch as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// True when the text has any right-to-left character.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(is_rtl)
}

/// The text as byte ranges of the source in display order. Concatenating
/// `&text[range]` for every range gives the display text. Without right-to-left words the
/// result is the single range `0..text.len()`.
pub fn visual_segments(text: &str) -> Vec<Range<usize>> {
    if !has_rtl(text) {
        return std::iter::once(0..text.len()).collect();
    }
    // Tokens: maximal runs of non-space (words) and of spaces (not newlines, which end runs).
    let mut tokens: Vec<(Range<usize>, bool)> = Vec::new(); // (range, is_rtl_word)
    let mut start = 0;
    let mut in_space = None;
    for (i, ch) in text.char_indices() {
        let space = ch == ' ' || ch == '\u{a0}';
        let newline = ch == '\n' || ch == '\r';
        if newline {
            if i > start {
                tokens.push((start..i, false));
            }
            tokens.push((i..i + ch.len_utf8(), false));
            start = i + ch.len_utf8();
            in_space = None;
            continue;
        }
        match in_space {
            Some(prev) if prev != space => {
                tokens.push((start..i, false));
                start = i;
            }
            _ => {}
        }
        in_space = Some(space);
    }
    if start < text.len() {
        tokens.push((start..text.len(), false));
    }
    for token in &mut tokens {
        token.1 = text.get(token.0.clone()).is_some_and(has_rtl);
    }

    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].1 {
            out.push(tokens[i].0.clone());
            i += 1;
            continue;
        }
        // A run: RTL word (space RTL word)*.
        let mut j = i;
        while j + 2 < tokens.len()
            && text
                .get(tokens[j + 1].0.clone())
                .is_some_and(|s| s.trim().is_empty() && !s.contains('\n'))
            && tokens[j + 2].1
        {
            j += 2;
        }
        for token in tokens[i..=j].iter().rev() {
            out.push(token.0.clone());
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn display(text: &str) -> String {
        visual_segments(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn latin_text_is_untouched() {
        assert_eq!(visual_segments("Qureshi said “no”."), vec![0..22]);
    }

    #[test]
    fn rtl_word_runs_are_reversed_in_place() {
        assert_eq!(display("PM عمران خان said"), "PM خان عمران said");
        assert_eq!(display("شاہ محمود قریشی"), "قریشی محمود شاہ");
        // Newlines end runs.
        assert_eq!(display("ا ب\nج د"), "ب ا\nد ج");
        // Byte ranges cover the text exactly once.
        let text = "x عمران خان y";
        let mut covered: Vec<usize> = visual_segments(text).into_iter().flatten().collect();
        covered.sort_unstable();
        assert_eq!(covered, (0..text.len()).collect::<Vec<_>>());
    }
}
