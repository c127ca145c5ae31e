//! The extraction pipeline: an ordered list of named stages, each filling annotation
//! layers of a [`Document`]. Deterministic, offline and fast.
//!
//! Stages run in order; each declares its name, and stages can be disabled by name in
//! [`PipelineSettings`]. Running the pipeline clears the document's previous annotations.
//!
//! | order | stage | fills |
//! |---|---|---|
//! | 1 | [`sentences`] | `sentences` |
//! | 2 | [`tokens`] | `tokens` (byte spans, inside sentences) |
//! | 3 | `pos` ([`crate::ner::PosStage`]) | Penn part-of-speech tags on `tokens` |
//! | 4 | [`entities`] | PERSON, ORG, LOC, NORP, MISC mentions (trained model corrected by titles and gazetteers) |
//! | 5 | [`titles`] | TITLE mentions (offices and ranks) |
//! | 6 | [`acronyms`] | acronym ↔ expansion entities and `AliasOf` relations |
//! | 7 | [`aliases`] | `entities`: in-article mention clusters |
//! | 8 | [`quotes`] | direct and indirect quotes with speakers |
//! | 9 | [`relations`] | asserted relations with triggers |
//! | 10 | [`cooccurrence`] | same-sentence co-occurrence relations |
//!
//! Stages talk to each other only through the document's annotation layers, so any stage
//! can be replaced or disabled (the rule-only recogniser [`entities::RuleEntities`] is kept
//! under the name `entities-rules`, not run by default); a
//! stage whose inputs are missing does nothing. Word lists live in `assets/lexicon/` and are
//! compiled in ([`lexicon`]).

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{Error, Result, model::Document};

pub mod acronyms;
pub mod aliases;
pub mod cooccurrence;
pub mod entities;
pub mod lexicon;
pub(crate) mod mentions;
pub mod quotes;
pub(crate) mod references;
pub mod relations;
pub mod sentences;
pub mod titles;
pub mod tokens;
mod util;

/// One named step of the pipeline.
pub trait Stage: Send + Sync {
    /// The stage's stable name (stored in provenance and settings).
    fn name(&self) -> &'static str;

    /// Adds this stage's annotations to `doc`.
    fn run(&self, doc: &mut Document);
}

/// The pipeline's settings, saved with each project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineSettings {
    /// Names of stages that are switched off.
    pub disabled_stages: Vec<String>,
    /// Whether same-sentence co-occurrence relations are produced.
    pub cooccurrence: bool,
}

impl Default for PipelineSettings {
    fn default() -> Self {
        Self {
            disabled_stages: Vec::new(),
            cooccurrence: true,
        }
    }
}

/// The ordered stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The default English pipeline with `settings` applied.
    pub fn new(settings: &PipelineSettings) -> Self {
        let mut all: Vec<Box<dyn Stage>> = vec![
            Box::new(sentences::Sentences),
            Box::new(tokens::Tokens),
            Box::new(crate::ner::PosStage),
            Box::new(entities::Entities),
            Box::new(titles::Titles),
            Box::new(acronyms::Acronyms),
            Box::new(aliases::Aliases),
            Box::new(quotes::Quotes),
            Box::new(relations::Relations),
        ];
        if settings.cooccurrence {
            all.push(Box::new(cooccurrence::Cooccurrence));
        }
        all.retain(|stage| {
            !settings
                .disabled_stages
                .iter()
                .any(|name| name == stage.name())
        });
        Self { stages: all }
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
