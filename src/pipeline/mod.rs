//! The extraction pipeline: an ordered list of named stages, each filling annotation
//! layers of a [`Document`]. Deterministic, offline and fast.
//!
//! Stages run in order; each declares its name, and stages can be disabled by name in
//! [`PipelineSettings`]. Running the pipeline clears the document's previous annotations.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{Error, Result, model::Document};

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
        let all: Vec<Box<dyn Stage>> = Vec::new();
        let _ = settings;
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
