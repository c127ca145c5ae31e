//! The `pos` stage: Penn part-of-speech tags from the trained tagger
//! ([`crate::ner::PosTagger`]) written into the token layer.

use crate::model::{Document, Span};
use crate::ner::PosTagger;
use crate::ner::input::sentence_ranges;
use crate::ner::pos::PENN_TAGS;

use super::Stage;

/// The pipeline stage that writes part-of-speech tags into the token layer. Without a token
/// layer it does nothing (like every stage whose input is missing).
#[derive(Clone, Copy, Debug, Default)]
pub struct PosStage;

impl Stage for PosStage {
    fn name(&self) -> &'static str {
        "pos"
    }

    fn reads(&self) -> &'static [super::Layer] {
        &[super::Layer::Sentences, super::Layer::Tokens]
    }

    fn writes(&self) -> &'static [super::Layer] {
        &[super::Layer::Pos]
    }

    fn run(&self, doc: &mut Document) {
        if doc.annotations.tokens.is_empty() {
            return;
        }
        let tokens: Vec<Span> = doc.annotations.tokens.iter().map(|t| t.span).collect();
        let ranges = sentence_ranges(doc, &tokens);
        let tagger = PosTagger::global();
        let text = doc.text.as_str();
        let mut words: Vec<&str> = Vec::new();
        let mut tags = Vec::new();
        for (a, b) in ranges {
            words.clear();
            words.extend(tokens[a..b].iter().map(|s| s.text(text)));
            tags.clear();
            tagger.tag_indices(&words, &mut tags);
            for (tok, &tag) in doc.annotations.tokens[a..b].iter_mut().zip(&tags) {
                tok.pos = Some(std::borrow::Cow::Borrowed(
                    PENN_TAGS.get(tag).copied().unwrap_or("NN"),
                ));
            }
        }
    }
}
