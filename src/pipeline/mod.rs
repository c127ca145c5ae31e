//! The extraction pipeline: an ordered list of named stages, each filling annotation
//! layers of a [`Document`]. Deterministic, offline and fast.
//!
//! Stages run in order; each declares its name and its contract, the [`Layer`]s it reads
//! and the layers it writes (as spaCy's components declare what they require and assign).
//! Stages can be disabled by name in [`PipelineSettings`], which also names the entity
//! recogniser; [`Pipeline::new`] checks that every layer a stage reads is written by a stage
//! before it, so disabling a stage that a later one needs is an error naming both. Running
//! the pipeline clears the document's previous annotations.
//!
//! | order | stage | fills |
//! |---|---|---|
//! | 1 | [`sentences`] | `sentences` |
//! | 2 | [`tokens`] | `tokens` (byte spans, inside sentences) |
//! | 3 | [`pos`] | Penn part-of-speech tags on `tokens` |
//! | 4 | [`entities`] | PERSON, ORG, LOC, NORP, MISC mentions (trained model corrected by titles and gazetteers; or the rule layer alone, `entities-rules`, or the model alone, `entities-model`) |
//! | 5 | [`titles`] | TITLE mentions (offices and ranks) |
//! | 6 | [`acronyms`] | acronym ↔ expansion entities and `AliasOf` relations |
//! | 7 | [`aliases`] | `entities`: in-article mention clusters |
//! | 8 | [`quotes`] | direct and indirect quotes with speakers |
//! | 9 | [`relations`] | asserted relations with triggers |
//! | 10 | [`cooccurrence`] | same-sentence co-occurrence relations |
//!
//! Stages talk to each other only through the document's annotation layers, so any stage
//! can be replaced or disabled when no later stage reads what it writes; a stage run on its
//! own whose inputs are missing does nothing. Word lists live in `assets/lexicon/` and are
//! compiled in ([`lexicon`], [`abbreviations`]); `text.rs` holds the text helpers below
//! every stage, `util.rs` the token helpers and the per-document memo.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::{Error, Result, model::Document};

pub mod abbreviations;
pub mod acronyms;
pub mod aliases;
pub mod cooccurrence;
pub mod entities;
pub mod lexicon;
pub(crate) mod mentions;
pub mod pos;
pub mod quotes;
pub(crate) mod references;
pub mod relations;
pub mod sentences;
mod settings;
mod text;
pub mod titles;
pub mod tokens;
mod util;

pub use settings::{PipelineSettings, RECOGNISERS};

/// An annotation layer of a document, as stages read and write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// Sentence spans.
    Sentences,
    /// Token spans.
    Tokens,
    /// Part-of-speech tags on the tokens.
    Pos,
    /// PERSON, ORG, LOC, NORP and MISC mentions.
    Mentions,
    /// TITLE mentions (offices and ranks).
    Titles,
    /// Acronym ↔ expansion entities and their `AliasOf` relations.
    Acronyms,
    /// In-article entities (mention clusters).
    Entities,
    /// Quotes with cues and speakers.
    Quotes,
    /// Asserted relations.
    Relations,
    /// Resolved pronouns and descriptions (OTHER mentions of their entity).
    References,
    /// Same-sentence co-occurrence relations.
    Cooccurrence,
}

impl Layer {
    /// The layer's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sentences => "sentences",
            Self::Tokens => "tokens",
            Self::Pos => "part-of-speech",
            Self::Mentions => "mentions",
            Self::Titles => "titles",
            Self::Acronyms => "acronyms",
            Self::Entities => "entities",
            Self::Quotes => "quotes",
            Self::Relations => "relations",
            Self::References => "references",
            Self::Cooccurrence => "co-occurrence",
        }
    }
}

/// One named step of the pipeline.
pub trait Stage: Send + Sync {
    /// The stage's stable name (stored in provenance and settings).
    fn name(&self) -> &'static str;

    /// The layers this stage reads: each must be written by a stage before it.
    fn reads(&self) -> &'static [Layer];

    /// The layers this stage writes.
    fn writes(&self) -> &'static [Layer];

    /// Adds this stage's annotations to `doc`.
    fn run(&self, doc: &mut Document);
}

/// The ordered stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The default English pipeline with `settings` applied: the stages of the table above,
    /// with the entity recogniser `settings.recogniser`, without the disabled stages.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the recogniser is unknown, or when a disabled stage writes a
    /// layer that a later stage reads (naming both stages).
    pub fn new(settings: &PipelineSettings) -> Result<Self> {
        let recogniser: Box<dyn Stage> = match settings.recogniser.as_str() {
            "entities" => Box::new(entities::Entities),
            "entities-rules" => Box::new(entities::RuleEntities),
            "entities-model" => Box::new(entities::ModelEntities),
            other => {
                return Err(Error::Invalid(format!(
                    "pipeline settings: unknown entity recogniser `{other}` (known: {})",
                    RECOGNISERS.join(", ")
                )));
            }
        };
        let all: Vec<Box<dyn Stage>> = vec![
            Box::new(sentences::Sentences),
            Box::new(tokens::Tokens),
            Box::new(pos::PosStage),
            recogniser,
            Box::new(titles::Titles),
            Box::new(acronyms::Acronyms),
            Box::new(aliases::Aliases),
            Box::new(quotes::Quotes),
            Box::new(relations::Relations),
            Box::new(cooccurrence::Cooccurrence),
        ];
        let (stages, off): (Vec<_>, Vec<_>) = all
            .into_iter()
            .partition(|stage| settings.runs(stage.name()));
        check_order(&stages, &off)?;
        Ok(Self { stages })
    }

    /// A pipeline of exactly `stages`, in this order (for custom and partial pipelines).
    ///
    /// # Errors
    /// [`Error::Invalid`] when a stage reads a layer that no stage before it writes (naming
    /// the stage and the later stage that writes it, if any).
    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Result<Self> {
        check_order(&stages, &[])?;
        Ok(Self { stages })
    }

    /// The names of the stages that will run, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Clears `doc`'s annotations and runs every stage on it.
    pub fn run(&self, doc: &mut Document) {
        doc.annotations.clear();
        for stage in &self.stages {
            stage.run(doc);
        }
    }

    /// Runs only stage number `index` (in [`Pipeline::stage_names`] order) on `doc`, which
    /// must hold the output of the stages before it (for timing stages one at a time;
    /// [`Pipeline::run`] is the normal entry point). An index past the end does nothing.
    pub fn run_stage(&self, index: usize, doc: &mut Document) {
        if index == 0 {
            doc.annotations.clear();
        }
        if let Some(stage) = self.stages.get(index) {
            stage.run(doc);
        }
    }

    /// Runs the pipeline on every document, in parallel across all cores.
    ///
    /// `on_done` is called (from worker threads) with the index of each finished document.
    /// Returns [`Error::Cancelled`] as soon as `cancel` is set; documents already finished
    /// keep their annotations, the others are left untouched.
    pub fn run_all(
        &self,
        docs: &mut [Document],
        on_done: &(dyn Fn(usize) + Sync),
        cancel: &AtomicBool,
    ) -> Result<()> {
        docs.par_iter_mut().enumerate().try_for_each(|(i, doc)| {
            if cancel.load(Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            self.run(doc);
            on_done(i);
            Ok(())
        })
    }
}

/// Checks that every layer a stage of `stages` reads is written by a stage before it;
/// `off` are the stages switched off, named when one of them would have written it.
fn check_order(stages: &[Box<dyn Stage>], off: &[Box<dyn Stage>]) -> Result<()> {
    for (i, stage) in stages.iter().enumerate() {
        for &layer in stage.reads() {
            if stages[..i].iter().any(|s| s.writes().contains(&layer)) {
                continue;
            }
            let writer = |list: &[Box<dyn Stage>]| {
                list.iter()
                    .find(|s| s.writes().contains(&layer))
                    .map(|s| s.name())
            };
            let (reader, name) = (stage.name(), layer.name());
            let why = if let Some(w) = writer(off) {
                format!(
                    "stage `{reader}` reads the {name} layer, which stage `{w}` writes, but \
                     `{w}` is disabled (enable `{w}` or also disable `{reader}`)"
                )
            } else if let Some(w) = writer(&stages[i + 1..]) {
                format!(
                    "stage `{reader}` reads the {name} layer, which stage `{w}` writes only \
                     after it (`{w}` must run before `{reader}`)"
                )
            } else {
                format!("stage `{reader}` reads the {name} layer, which no stage writes")
            };
            return Err(Error::Invalid(format!("pipeline settings: {why}")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Pakistani Foreign Minister Shah Mehmood Qureshi met Lloyd Austin in \
                        Islamabad on Monday. Qureshi said the talks went well.";

    fn run(settings: &PipelineSettings) -> Document {
        let mut doc = Document::new("t", TEXT);
        Pipeline::new(settings)
            .unwrap_or_else(|e| panic!("{e}"))
            .run(&mut doc);
        doc
    }

    #[test]
    fn tokens_stay_inside_sentences() {
        let mut doc = Document::new("t", "He left at 5 p.m. The U.S. said no.\nNext line");
        sentences::Sentences.run(&mut doc);
        tokens::Tokens.run(&mut doc);
        let ann = &doc.annotations;
        for t in &ann.tokens {
            assert!(ann.sentences.iter().any(|s| s.span.contains(t.span)));
        }
        assert!(
            ann.tokens
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start)
        );
    }

    #[test]
    fn every_stage_reads_only_layers_written_before_it() {
        let stages = |s: &Pipeline| s.stages.iter().map(|s| s.name()).collect::<Vec<_>>();
        let default = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(stages(&default).len(), 10);
        // The same stages out of order are refused, naming the stage and its writer.
        let swapped: Vec<Box<dyn Stage>> =
            vec![Box::new(tokens::Tokens), Box::new(sentences::Sentences)];
        let err = Pipeline::from_stages(swapped).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "pipeline settings: stage `tokens` reads the sentences layer, which stage \
                 `sentences` writes only after it (`sentences` must run before `tokens`)"
            )
        );
        let alone: Vec<Box<dyn Stage>> = vec![Box::new(titles::Titles)];
        let err = Pipeline::from_stages(alone).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "pipeline settings: stage `titles` reads the sentences layer, which no stage writes"
            )
        );
        let prefix: Vec<Box<dyn Stage>> = vec![
            Box::new(sentences::Sentences),
            Box::new(tokens::Tokens),
            Box::new(pos::PosStage),
        ];
        let prefix = Pipeline::from_stages(prefix).unwrap();
        assert_eq!(stages(&prefix), ["sentences", "tokens", "pos"]);
    }

    #[test]
    fn the_entity_recogniser_is_chosen_by_name() {
        let hybrid = run(&PipelineSettings::default());
        let with = |name: &str| PipelineSettings {
            recogniser: name.to_owned(),
            ..PipelineSettings::default()
        };
        let names = Pipeline::new(&with("entities-rules"))
            .unwrap()
            .stage_names();
        assert_eq!(names[3], "entities-rules");
        assert_eq!(names.len(), 10);
        // The rule layer alone: no model spans.
        let rules = run(&with("entities-rules"));
        assert!(!rules.annotations.mentions.is_empty());
        assert!(
            rules
                .annotations
                .mentions
                .iter()
                .all(|m| !m.provenance.rule.starts_with("perceptron"))
        );
        assert!(
            hybrid
                .annotations
                .mentions
                .iter()
                .any(|m| m.provenance.rule.starts_with("perceptron"))
        );
        // The model alone: its own stage name in provenance, and the later stages still run.
        let model = run(&with("entities-model"));
        assert!(
            model
                .annotations
                .mentions
                .iter()
                .any(|m| m.provenance.stage == "entities-model")
        );
        assert!(!model.annotations.quotes.is_empty());
        let err = Pipeline::new(&with("spacy")).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "pipeline settings: unknown entity recogniser `spacy` (known: entities, \
                 entities-rules, entities-model)"
            )
        );
    }
}
