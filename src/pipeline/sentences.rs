//! The `sentences` stage: rule-based sentence splitting.
//!
//! A sentence ends at `.`, `!`, `?`, `…` (plus any closing quotes and brackets right after)
//! when whitespace and a capital letter, digit or opening quote follow; line breaks always
//! end one. Abbreviations that precede names ("Gen.", "Mr.", "Dr.", "No.") and initials
//! ("J. Smith") never end a sentence; other abbreviations ("U.S.", "p.m.") end one only when
//! a common sentence starter follows ("… at 5 p.m. The …"). A lowercase continuation never
//! starts a sentence, and decimals have no space after the dot.

use crate::model::{Document, Sentence, Span};

use super::Stage;
use super::abbreviations::{abbreviations, is_number_abbreviation};
use super::lexicon::lexicon;

/// Splits the text into sentences.
pub struct Sentences;

impl Stage for Sentences {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn reads(&self) -> &'static [super::Layer] {
        &[]
    }

    fn writes(&self) -> &'static [super::Layer] {
        &[super::Layer::Sentences]
    }

    fn run(&self, doc: &mut Document) {
        doc.annotations.sentences = split_sentences(&doc.text)
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
    }
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '‹' | '„')
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(slice) = text.get(start..end) else {
        return;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// The sentence spans of `text` (trimmed, in order, covering every non-space character).
pub(crate) fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    let mut start = 0;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let clen = c.len_utf8();
        if is_line_break(c) {
            push_trimmed(text, start, i, &mut out);
            i += clen;
            start = i;
            continue;
        }
        if !is_terminator(c) {
            i += clen;
            continue;
        }
        let mut j = i;
        let mut run = 0;
        while let Some(t) = char_at(text, j).filter(|&t| is_terminator(t)) {
            j += t.len_utf8();
            run += 1;
        }
        while let Some(t) = char_at(text, j).filter(|&t| is_closer(t)) {
            j += t.len_utf8();
        }
        let Some(after) = char_at(text, j) else {
            i = j;
            continue;
        };
        if !after.is_whitespace() || is_line_break(after) {
            i = j;
            continue;
        }
        let mut k = j;
        while let Some(w) = char_at(text, k).filter(|&w| w.is_whitespace() && !is_line_break(w)) {
            k += w.len_utf8();
        }
        let Some(next) = char_at(text, k).filter(|&n| !is_line_break(n)) else {
            i = j;
            continue;
        };
        if is_boundary(text, i, c, run, next, k) {
            push_trimmed(text, start, j, &mut out);
            start = j;
        }
        i = j;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Decides whether the terminator at `i` (run length `run`) ends a sentence, given the
/// next non-space char `next` at `k`.
fn is_boundary(text: &str, i: usize, c: char, run: usize, next: char, k: usize) -> bool {
    let starts_sentence = next.is_uppercase() || next.is_ascii_digit() || is_opener(next);
    if !starts_sentence {
        return false;
    }
    if c != '.' || run != 1 {
        return true;
    }
    // The word before the dot.
    let before = &text[..i];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, ch)| ch.is_alphanumeric() || ch == '.')
        .last()
        .map_or(i, |(p, _)| p);
    let word = &text[word_start..i];
    if word.is_empty() {
        return true;
    }
    let mut lower = String::with_capacity(word.len());
    for ch in word.chars() {
        lower.extend(ch.to_lowercase());
    }
    let abbr = abbreviations();
    if abbr.prefix.contains(lower.as_str()) {
        // "No. 5", "Art. 3": number abbreviations only before a number.
        return is_number_abbreviation(&lower) && !next.is_ascii_digit();
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        // An initial: "J. Smith".
        return false;
    }
    let dotted = lower.contains('.') && lower.chars().any(char::is_alphabetic);
    if dotted || abbr.other.contains(lower.as_str()) {
        // Only a clear sentence starter after an abbreviation starts a new sentence.
        let next_word: String = text[k..]
            .chars()
            .take_while(|ch| ch.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        return !next_word.is_empty() && lexicon().common.contains(next_word.as_str());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            split("Gen. Bajwa met Mr. J. Smith and Dr. Khan of the U.S. Army. They talked."),
            [
                "Gen. Bajwa met Mr. J. Smith and Dr. Khan of the U.S. Army.",
                "They talked."
            ]
        );
        assert_eq!(
            split("He left at 5 p.m. The meeting ended."),
            ["He left at 5 p.m.", "The meeting ended."]
        );
        assert_eq!(
            split("He left at 5 p.m. on Friday."),
            ["He left at 5 p.m. on Friday."]
        );
        assert_eq!(
            split("Resolution No. 2254 passed."),
            ["Resolution No. 2254 passed."]
        );
        assert_eq!(
            split("It grew 3.5 percent. Then it fell."),
            ["It grew 3.5 percent.", "Then it fell."]
        );
        assert_eq!(
            split("Washington, D.C. on July 21."),
            ["Washington, D.C. on July 21."]
        );
    }

    #[test]
    fn quotes_ellipses_and_lowercase_continuations() {
        assert_eq!(
            split("for the “common cause of peace in Afghanistan.” The message was conveyed."),
            [
                "for the “common cause of peace in Afghanistan.”",
                "The message was conveyed."
            ]
        );
        assert_eq!(
            split("He said \"no.\" She left."),
            ["He said \"no.\"", "She left."]
        );
        assert_eq!(
            split("“Why?” he asked. Wait... and then… More."),
            ["“Why?” he asked.", "Wait... and then…", "More."]
        );
    }

    #[test]
    fn line_breaks_always_split() {
        assert_eq!(
            split("Terrorist Attacks in Iraq\n\nThe United States condemns it"),
            ["Terrorist Attacks in Iraq", "The United States condemns it"]
        );
        assert_eq!(split("  \n \n"), Vec::<&str>::new());
        assert_eq!(split("One.\r\nTwo"), ["One.", "Two"]);
    }
}
