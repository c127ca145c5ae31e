//! Projects: articles, extractions, pipeline settings and curation, saved as RON.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{Error, Result, model::Document, pipeline::PipelineSettings};

/// The project format version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// A research session: the articles (with their full text), their extractions, the
/// pipeline settings and the researcher's curation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// The format version the file was written with.
    pub format_version: u32,
    /// A human name for the project.
    pub name: String,
    /// The articles, each with its canonical text and annotations.
    pub documents: Vec<Document>,
    /// The settings the extractions were made with.
    pub settings: PipelineSettings,
    /// The researcher's curation.
    pub curation: Curation,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: String::new(),
            documents: Vec::new(),
            settings: PipelineSettings::default(),
            curation: Curation::default(),
        }
    }
}

impl Project {
    /// Reads a project file, migrating older format versions and refusing newer ones.
    pub fn load(path: &Path) -> Result<Project> {
        Err(Error::Invalid(format!(
            "{}: loading not implemented yet",
            path.display()
        )))
    }

    /// Writes the project atomically: a temp file in the same folder, flushed, synced and
    /// renamed over `path`. A failed save leaves the previous file intact.
    pub fn save(&self, path: &Path) -> Result<()> {
        Err(Error::Invalid(format!(
            "{}: saving not implemented yet",
            path.display()
        )))
    }
}

/// What the researcher changed or added by hand. Kept apart from the extractions so that
/// re-running the pipeline never loses it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Curation {
    /// Free-text notes.
    pub notes: String,
    /// Graph node positions the researcher dragged, by node key.
    pub graph_positions: BTreeMap<String, [f32; 2]>,
}
