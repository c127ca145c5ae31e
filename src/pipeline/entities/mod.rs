//! The `entities` stage: PERSON, ORG, LOC, NORP and MISC mentions from the trained
//! recogniser ([`crate::ner::NerModel`]) corrected by the rule layer.
//!
//! The model tags the pipeline's own tokens, grouped into sentences at line breaks and at
//! pipeline sentence ends after final punctuation, over the whole document (document memory).
//! The rule layer then corrects it where its lexicons are authoritative: title matches are
//! cut out of model spans ("US Charge" → "US"; "Army Staff" inside "Chief of Army Staff" →
//! nothing); gazetteer matches (countries, places, organisations, armed groups, demonyms)
//! replace model spans inside them and retype persons and MISC ("Al Jazeera", "Daesh"), but
//! never a model place, person or organisation of the same extent (a place name may be a
//! team or a person); gazetteer matches fill in where the model found nothing; "X
//! administration" after a person name is an ORG; an ORG followed by "funds"/"programme" is
//! a programme (MISC). Provenance: stage `entities`, rule `perceptron` (or
//! `perceptron-title-split`, `perceptron-programme`) for model spans, the rule's name
//! otherwise.
//!
//! The rule recogniser alone ([`RuleEntities`], stage `entities-rules`), per sentence:
//! titles are found first and kept out of names; gazetteer phrases (countries
//! and demonyms, places, organisations, armed groups, religious and political groups) are
//! matched longest-first with case rules; remaining capitalised sequences (joined over "of",
//! "for", "and", "the", name particles) are classified by context: an organisation head word
//! → ORG, "X administration/regime" → ORG, a title or honorific before it → PERSON (without
//! the title), a known given name → PERSON, a short capitalised acronym → ORG, a place
//! preposition → LOC, else MISC. Common words opening a sequence and dates are skipped;
//! headings (title-case lines) only keep names with strong evidence. A document-level pass
//! then gives weak sequences the type their surface form has elsewhere in the article
//! ("Qureshi" after "Shah Mehmood Qureshi").
//!
//! Files: `candidates` (the rule recogniser's candidates per sentence and the document
//! pass), `classify` (a candidate and the classification of a capitalised sequence),
//! `merge` (model mentions combined with the rule layer), `document` (the document
//! rules on merged mentions), `model` (the model's sentences and the model-only stage
//! `entities-model`), `words` (word and heading tests). Both recognisers start the same
//! way (`Start`) and end the same way (`add_mentions`).

use std::rc::Rc;

use crate::model::{Annotations, Document, EntityType, Mention, Provenance, Span};
use crate::ner::NerModel;

use super::Stage;
use super::lexicon::lexicon;
use super::titles::document_titles;
use super::util::{Norms, sentence_token_ranges, sort_mentions};
use crate::names::push_norm;

mod candidates;
mod classify;
mod document;
mod merge;
mod model;
mod words;

#[cfg(test)]
mod tests;

pub use model::ModelEntities;

use candidates::rule_candidates;
use classify::Cand;
use merge::merge;
use model::model_sentences;

/// What every recogniser (`entities`, `entities-rules`, `entities-model`) reads.
const RECOGNISER_READS: &[super::Layer] = &[super::Layer::Sentences, super::Layer::Tokens];

/// What every recogniser writes.
const RECOGNISER_WRITES: &[super::Layer] = &[super::Layer::Mentions];

/// The hybrid entity recogniser (stage `entities`): the trained model's mentions, corrected
/// by the title lexicon and the gazetteers.
pub struct Entities;

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn reads(&self) -> &'static [super::Layer] {
        RECOGNISER_READS
    }

    fn writes(&self) -> &'static [super::Layer] {
        RECOGNISER_WRITES
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &mut doc.annotations;
        let Some(start) = Start::new(text, ann) else {
            return;
        };
        let mut sentences = model_sentences(text, ann, &start.ranges);
        // The model finds nothing in a sentence without a capitalised word (other than a
        // common word opening it); skipping those saves a fifth of its time.
        let lex = lexicon();
        let mut norm = String::new();
        sentences.retain(|s| {
            s.iter().enumerate().any(|(k, sp)| {
                let t = sp.text(text);
                t.chars().next().is_some_and(char::is_uppercase)
                    && (k > 0 || {
                        norm.clear();
                        push_norm(t, &mut norm);
                        !lex.common.contains(norm.as_str())
                    })
            })
        });
        let found = NerModel::global().tag_document(text, &sentences);
        let norms = &start.norms;
        let mut props = merge(
            text,
            ann,
            norms,
            &start.ranges,
            &found,
            &start.cands,
            &start.titles,
        );
        document::apply(text, ann, norms, &mut props);
        add_mentions(
            ann,
            props.into_iter().map(|p| (p.span, p.ty, p.conf, p.rule)),
        );
    }
}

/// The rule- and gazetteer-based recogniser alone (stage `entities-rules`), the recogniser
/// `entities` used before the trained model; kept for comparison and as a fallback.
pub struct RuleEntities;

impl Stage for RuleEntities {
    fn name(&self) -> &'static str {
        "entities-rules"
    }

    fn reads(&self) -> &'static [super::Layer] {
        RECOGNISER_READS
    }

    fn writes(&self) -> &'static [super::Layer] {
        RECOGNISER_WRITES
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &mut doc.annotations;
        let Some(start) = Start::new(text, ann) else {
            return;
        };
        add_mentions(
            ann,
            start
                .cands
                .into_iter()
                .map(|c| (c.span, c.ty, c.conf, c.rule)),
        );
    }
}

/// What both recognisers start from: the document's normalised tokens, its sentences as
/// token ranges, the rule recogniser's live candidates and every title match
/// `(start, end)` in tokens.
struct Start {
    norms: Rc<Norms>,
    ranges: Vec<(usize, usize)>,
    cands: Vec<Cand>,
    titles: Vec<(usize, usize)>,
}

impl Start {
    /// The start for `ann`, or `None` without a token layer (the stage then does nothing).
    fn new(text: &str, ann: &Annotations) -> Option<Self> {
        if ann.tokens.is_empty() {
            return None;
        }
        let (norms, doc_titles) = document_titles(text, ann);
        let ranges = sentence_token_ranges(ann);
        let (cands, titles) = rule_candidates(text, ann, &norms, &doc_titles, &ranges);
        Some(Self {
            norms,
            ranges,
            cands,
            titles,
        })
    }
}

/// Adds the recognised `(span, type, confidence, rule)` mentions with stage `entities`
/// provenance and puts the mention layer back in order.
fn add_mentions(
    ann: &mut Annotations,
    found: impl IntoIterator<Item = (Span, EntityType, f32, &'static str)>,
) {
    for (span, entity_type, confidence, rule) in found {
        ann.mentions.push(Mention {
            span,
            entity_type,
            entity: None,
            provenance: Provenance::new("entities", confidence, rule),
        });
    }
    sort_mentions(ann);
}
