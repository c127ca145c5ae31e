//! The pipeline stages of the trained models: `entities-model` (mentions from the entity
//! recogniser) and `pos` (part-of-speech tags on the token layer), plus a simple fallback
//! tokeniser for documents that reach the recogniser without sentences or tokens.

use crate::model::{Document, Mention, Provenance, Span};
use crate::pipeline::Stage;

use super::pos::PosTagger;
use super::tagger::NerModel;

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
    let sentences = &doc.annotations.sentences;
    let mut out: Vec<Vec<Span>> = Vec::new();
    if sentences.is_empty() {
        let mut cur = Vec::new();
        let mut last_end = 0;
        for t in tokens {
            if !cur.is_empty()
                && doc
                    .text
                    .get(last_end..t.start)
                    .is_some_and(|g| g.contains('\n'))
            {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(*t);
            last_end = t.end;
            if matches!(t.text(&doc.text), "." | "!" | "?") {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        return out;
    }
    let mut si = 0;
    let mut cur = Vec::new();
    for t in tokens {
        while si < sentences.len() && sentences[si].span.end <= t.start {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            si += 1;
        }
        cur.push(*t);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn token_spans(doc: &Document) -> Vec<Span> {
    if doc.annotations.tokens.is_empty() {
        simple_tokens(&doc.text)
    } else {
        doc.annotations.tokens.iter().map(|t| t.span).collect()
    }
}

/// The pipeline stage that adds the entity recogniser's mentions.
#[derive(Clone, Copy, Debug, Default)]
pub struct NerStage;

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "entities-model"
    }

    fn run(&self, doc: &mut Document) {
        let tokens = token_spans(doc);
        let sentences = group_sentences(doc, &tokens);
        let found = NerModel::global().tag_document(&doc.text, &sentences);
        for (span, entity_type, confidence) in found {
            doc.annotations.mentions.push(Mention {
                span,
                entity_type,
                entity: None,
                provenance: Provenance::new(self.name(), confidence, "perceptron"),
            });
        }
        doc.annotations
            .mentions
            .sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// The pipeline stage that writes part-of-speech tags into the token layer. Without a token
/// layer it does nothing (like every stage whose input is missing).
#[derive(Clone, Copy, Debug, Default)]
pub struct PosStage;

impl Stage for PosStage {
    fn name(&self) -> &'static str {
        "pos"
    }

    fn run(&self, doc: &mut Document) {
        if doc.annotations.tokens.is_empty() {
            return;
        }
        let tokens: Vec<Span> = doc.annotations.tokens.iter().map(|t| t.span).collect();
        let sentences = group_sentences(doc, &tokens);
        let tagger = PosTagger::global();
        let mut tags = Vec::with_capacity(tokens.len());
        for s in &sentences {
            tags.extend(tagger.tag(&doc.text, s));
        }
        for (tok, tag) in doc.annotations.tokens.iter_mut().zip(tags) {
            tok.pos = Some(tag.to_owned());
        }
    }
}
