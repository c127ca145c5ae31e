//! The trained recogniser's input (the pipeline's tokens grouped into the model's
//! sentences) and the model-only stage `entities-model`.

use crate::model::{Annotations, Document, Mention, Provenance, Span};
use crate::ner::NerModel;
use crate::ner::input::{group_sentences, token_spans};

use crate::pipeline::Stage;

/// The model's input: the pipeline's tokens, with a split possessive (`'` `s`) joined again,
/// grouped into sentences. A pipeline sentence boundary counts only after a line break or
/// sentence-final punctuation (the recogniser was trained on `CoNLL` sentences, which never
/// end after an initial such as "V.").
pub(super) fn model_sentences(
    text: &str,
    ann: &Annotations,
    ranges: &[(usize, usize)],
) -> Vec<Vec<Span>> {
    let mut out: Vec<Vec<Span>> = Vec::with_capacity(ranges.len());
    let mut cur: Vec<Span> = Vec::new();
    let mut prev_end: Option<usize> = None;
    let mut s_iter = ranges.iter().peekable();
    let mut next_sentence_start = s_iter.next().map_or(usize::MAX, |r| r.0);
    for (i, t) in ann.tokens.iter().enumerate() {
        let mut boundary = false;
        while i >= next_sentence_start {
            boundary = true;
            next_sentence_start = s_iter.next().map_or(usize::MAX, |r| r.0);
        }
        if let Some(pe) = prev_end {
            let gap_newline = text.get(pe..t.span.start).is_some_and(|g| g.contains('\n'));
            let last = cur.last().map_or("", |sp: &Span| sp.text(text));
            let terminal = matches!(last, "." | "!" | "?" | "…" | "\"" | "”" | "'" | "’" | ")");
            let split = gap_newline || (boundary && terminal);
            if split && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        let word = t.span.text(text);
        if matches!(word, "s" | "S" | "m" | "ve" | "ll" | "re" | "d")
            && let Some(last) = cur.last_mut()
            && last.end == t.span.start
            && matches!(last.text(text), "'" | "’")
        {
            *last = last.cover(t.span);
        } else {
            cur.push(t.span);
        }
        prev_end = Some(t.span.end);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The trained recogniser alone (stage `entities-model`): the model's mentions without the
/// rule layer, over the pipeline's tokens (or [`crate::ner::input::simple_tokens`] without a
/// token layer) grouped by [`group_sentences`]; kept for comparison.
#[derive(Clone, Copy, Debug, Default)]
pub struct ModelEntities;

impl Stage for ModelEntities {
    fn name(&self) -> &'static str {
        "entities-model"
    }

    fn reads(&self) -> &'static [crate::pipeline::Layer] {
        super::RECOGNISER_READS
    }

    fn writes(&self) -> &'static [crate::pipeline::Layer] {
        super::RECOGNISER_WRITES
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
