//! The `tokens` stage: CoNLL-like tokens with byte offsets, inside sentences.
//!
//! Punctuation is split off; possessive `'s`/`’s` is its own token; abbreviations with
//! internal dots ("U.S.", "p.m."), known abbreviations ("Gen.", "Mr.") and initials ("J.")
//! keep their dots; hyphenated words ("ISIS-K", "al-Qaeda") and apostrophes inside words
//! ("Da’esh", "d’") stay in one token; decimals and thousands ("3.5", "530,000") stay whole.

use crate::model::{Document, Span, Token};

use super::Stage;
use super::abbreviations::{abbreviations, is_number_abbreviation};

/// Splits each sentence into tokens. Without sentences, the whole text is tokenised.
pub struct Tokens;

impl Stage for Tokens {
    fn name(&self) -> &'static str {
        "tokens"
    }

    fn reads(&self) -> &'static [super::Layer] {
        &[super::Layer::Sentences]
    }

    fn writes(&self) -> &'static [super::Layer] {
        &[super::Layer::Tokens]
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let mut spans = Vec::with_capacity(text.len() / 5 + 1);
        if doc.annotations.sentences.is_empty() {
            tokenize_range(text, 0, text.len(), &mut spans);
        } else {
            for s in &doc.annotations.sentences {
                tokenize_range(text, s.span.start, s.span.end, &mut spans);
            }
        }
        doc.annotations.tokens = spans
            .into_iter()
            .map(|span| Token { span, pos: None })
            .collect();
    }
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// Tokenises `text[start..end]`, appending byte spans (into `text`) to `out`.
pub(crate) fn tokenize_range(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        // ASCII white space byte by byte (the same test as below for it).
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let Some(c) = char_at(s, i) else {
            break;
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        if c.is_alphanumeric() {
            let j = scan_word(s, i);
            out.push(Span::new(start + i, start + j));
            i = j;
            continue;
        }
        let mut j = i + clen;
        if c == '.' && s[i..].starts_with("...") {
            j = i + 3;
        } else if (c == '-' && s[j..].starts_with('-'))
            || (is_apostrophe(c)
                && i > 0
                && s[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && matches!(char_at(s, j), Some('s' | 'S'))
                && !char_at(s, j + 1).is_some_and(char::is_alphanumeric))
        {
            // "--", or a possessive "'s"/"’s".
            j += 1;
        }
        out.push(Span::new(start + i, start + j));
        i = j;
    }
}

/// `([A-Za-z]\.){2,}` at `i`, not followed by a letter: the end of the abbreviation.
fn dotted_abbreviation(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut j = i;
    let mut count = 0;
    while j + 1 < b.len() && b[j].is_ascii_alphabetic() && b[j + 1] == b'.' {
        j += 2;
        count += 1;
    }
    let followed_by_letter = char_at(s, j).is_some_and(char::is_alphanumeric);
    (count >= 2 && !followed_by_letter).then_some(j)
}

/// Scans one word starting at `i` (an alphanumeric char); returns its end.
#[allow(
    clippy::many_single_char_names,
    reason = "token indices (s, e, i, j, k) read best short"
)]
fn scan_word(s: &str, i: usize) -> usize {
    if let Some(j) = dotted_abbreviation(s, i) {
        return j;
    }
    let b = s.as_bytes();
    let mut j = i;
    loop {
        // ASCII letters and digits first, byte by byte (the same test as below for them).
        while b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            j += 1;
        }
        while let Some(c) = char_at(s, j) {
            if c.is_alphanumeric() || is_mark(c) {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let Some(c) = char_at(s, j) else {
            return j;
        };
        let next = char_at(s, j + c.len_utf8());
        let after = j + c.len_utf8();
        if is_hyphen(c) && next.is_some_and(char::is_alphanumeric) {
            j = after;
            continue;
        }
        if is_apostrophe(c) {
            match next {
                Some(n) if n.is_alphanumeric() => {
                    let possessive = (n == 's' || n == 'S')
                        && !char_at(s, after + 1).is_some_and(char::is_alphanumeric);
                    if possessive {
                        return j;
                    }
                    j = after;
                    continue;
                }
                _ => {
                    // Elision with a space after it: "d’ Affairs", "l’ Etat".
                    let word = &s[i..j];
                    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
                        return after;
                    }
                    return j;
                }
            }
        }
        let word = &s[i..j];
        if c == '.' {
            if word.bytes().all(|b| b.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            {
                j = after;
                continue;
            }
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let number_follows = s[after..]
                .trim_start()
                .starts_with(|n: char| n.is_ascii_digit());
            if single_initial
                || (is_known_abbreviation(word) && (number_follows || !is_number_word(word)))
            {
                return after;
            }
            return j;
        }
        if c == ',' && word.bytes().all(|b| b.is_ascii_digit()) {
            let rest = s.as_bytes().get(after..after + 3);
            let three_digits = rest.is_some_and(|r| r.iter().all(u8::is_ascii_digit));
            let fourth = s.as_bytes().get(after + 3).copied();
            if three_digits
                && !fourth.is_some_and(|b| b.is_ascii_alphanumeric() && !b.is_ascii_digit())
            {
                j = after;
                continue;
            }
        }
        if c == '&' && word.chars().all(char::is_uppercase) && next.is_some_and(char::is_uppercase)
        {
            j = after;
            continue;
        }
        return j;
    }
}

fn is_number_word(word: &str) -> bool {
    is_number_abbreviation(&word.to_ascii_lowercase())
}

fn is_mark(c: char) -> bool {
    // Combining diacritics (decomposed accents) belong to the word.
    ('\u{0300}'..='\u{036f}').contains(&c)
}

fn is_known_abbreviation(word: &str) -> bool {
    if word.len() > 6 || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 6];
    for (k, b) in word.bytes().enumerate() {
        buf[k] = b.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
    abbreviations().contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        tokenize_range(text, 0, text.len(), &mut spans);
        spans.iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn punctuation_and_possessives() {
        assert_eq!(
            toks("Pakistan’s military, the U.S. and Turkey's ally."),
            [
                "Pakistan", "’s", "military", ",", "the", "U.S.", "and", "Turkey", "'s", "ally",
                "."
            ]
        );
        assert_eq!(
            toks("the victims’ families"),
            ["the", "victims", "’", "families"]
        );
    }

    #[test]
    fn hyphens_apostrophes_abbreviations() {
        assert_eq!(
            toks("ISIS-K, al-Qaeda and Pakistan-US ties; Da’esh"),
            [
                "ISIS-K",
                ",",
                "al-Qaeda",
                "and",
                "Pakistan-US",
                "ties",
                ";",
                "Da’esh"
            ]
        );
        assert_eq!(toks("Charge d’ Affairs"), ["Charge", "d’", "Affairs"]);
        assert_eq!(
            toks("Chargé d’Affaires, a.i., Jonathan"),
            ["Chargé", "d’Affaires", ",", "a.i.", ",", "Jonathan"]
        );
        assert_eq!(
            toks("Gen. Bajwa met Mr. J. Smith at 3 p.m. today"),
            [
                "Gen.", "Bajwa", "met", "Mr.", "J.", "Smith", "at", "3", "p.m.", "today"
            ]
        );
        assert_eq!(
            toks("$530,000 and 3.5 percent..."),
            ["$", "530,000", "and", "3.5", "percent", "..."]
        );
        assert_eq!(
            toks("“Yes,” he said."),
            ["“", "Yes", ",", "”", "he", "said", "."]
        );
    }

    #[test]
    fn offsets_are_bytes_on_char_boundaries() {
        let text = "“Qureshi” said — Chargé d’Affaires 中文 ok";
        let mut spans = Vec::new();
        tokenize_range(text, 0, text.len(), &mut spans);
        for s in &spans {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(!s.is_empty());
        }
        let words: Vec<&str> = spans.iter().map(|s| s.text(text)).collect();
        assert_eq!(
            words,
            [
                "“",
                "Qureshi",
                "”",
                "said",
                "—",
                "Chargé",
                "d’Affaires",
                "中文",
                "ok"
            ]
        );
        assert_eq!(spans[1], Span::new(3, 10));
    }
}
