//! The models' input without the pipeline's layers: a simple tokeniser, and the grouping of
//! tokens into sentences (by the document's sentence layer when present).

use crate::model::{Document, Span};

/// Splits text into tokens: whitespace-separated chunks, with leading and trailing
/// punctuation split off (but not the period of an abbreviation such as "U.S.") and the
/// possessive `'s` separated.
pub fn simple_tokens(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

fn is_split_punct(c: char) -> bool {
    !c.is_alphanumeric() && c != '&' && c != '@' && c != '#' && c != '%'
}

fn split_chunk(text: &str, mut s: usize, mut e: usize, out: &mut Vec<Span>) {
    let mut tail = Vec::new();
    while let Some(c) = text[s..e].chars().next() {
        if is_split_punct(c) && s < e {
            out.push(Span::new(s, s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    while s < e {
        let Some(c) = text[s..e].chars().next_back() else {
            break;
        };
        let chunk = &text[s..e];
        // Keep the final period of abbreviations like "U.S." or "Gen.".
        if c == '.' && chunk[..chunk.len() - 1].contains('.') {
            break;
        }
        if is_split_punct(c) {
            tail.push(Span::new(e - c.len_utf8(), e));
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    if s < e {
        let chunk = &text[s..e];
        let poss = ["'s", "’s", "'S", "’S"]
            .iter()
            .find(|p| chunk.len() > p.len() && chunk.ends_with(**p));
        if let Some(p) = poss {
            out.push(Span::new(s, e - p.len()));
            out.push(Span::new(e - p.len(), e));
        } else {
            out.push(Span::new(s, e));
        }
    }
    out.extend(tail.into_iter().rev());
}

/// Groups tokens into sentences: by the document's sentence layer when present, otherwise
/// at `.`, `!`, `?` tokens and line breaks.
pub fn group_sentences(doc: &Document, tokens: &[Span]) -> Vec<Vec<Span>> {
    sentence_ranges(doc, tokens)
        .into_iter()
        .map(|(a, b)| tokens[a..b].to_vec())
        .collect()
}

/// The sentences of [`group_sentences`] as index ranges `[start, end)` into `tokens`.
pub fn sentence_ranges(doc: &Document, tokens: &[Span]) -> Vec<(usize, usize)> {
    let sentences = &doc.annotations.sentences;
    let mut out = Vec::new();
    let mut start = 0;
    if sentences.is_empty() {
        let mut last_end = 0;
        for (i, t) in tokens.iter().enumerate() {
            if i > start
                && doc
                    .text
                    .get(last_end..t.start)
                    .is_some_and(|g| g.contains('\n'))
            {
                out.push((start, i));
                start = i;
            }
            last_end = t.end;
            if matches!(t.text(&doc.text), "." | "!" | "?") {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
    } else {
        let mut si = 0;
        for (i, t) in tokens.iter().enumerate() {
            while si < sentences.len() && sentences[si].span.end <= t.start {
                if i > start {
                    out.push((start, i));
                    start = i;
                }
                si += 1;
            }
        }
    }
    if tokens.len() > start {
        out.push((start, tokens.len()));
    }
    out
}

/// The document's token spans, or [`simple_tokens`] of its text without a token layer.
pub fn token_spans(doc: &Document) -> Vec<Span> {
    if doc.annotations.tokens.is_empty() {
        simple_tokens(&doc.text)
    } else {
        doc.annotations.tokens.iter().map(|t| t.span).collect()
    }
}
