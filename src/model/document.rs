//! One article: its canonical text, metadata and annotations.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::Annotations;

/// What is known about where an article came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    /// Headline or title.
    pub title: String,
    /// Outlet or source ("Dawn", "U.S. Department of State").
    pub source: String,
    /// Author or byline.
    pub author: String,
    /// Publication date as found (ISO 8601 where it could be normalised).
    pub date: String,
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// The original file format ("txt", "html", "pdf", …).
    pub format: String,
}

/// An article: one canonical text that every annotation span indexes into.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id within a project (from the file name, or the interchange record's id).
    pub id: String,
    /// Metadata.
    #[serde(default)]
    pub meta: Metadata,
    /// SHA-256 of the canonical text, hex.
    #[serde(default)]
    pub content_hash: String,
    /// The canonical text. Never changed after ingest.
    pub text: String,
    /// The annotation layers.
    #[serde(default)]
    pub annotations: Annotations,
}

impl Document {
    /// A document with `id` and `text` and no annotations.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            id: id.into(),
            meta: Metadata::default(),
            content_hash: content_hash(&text),
            text,
            annotations: Annotations::default(),
        }
    }

    /// The title, or the id if there is none.
    pub fn display_title(&self) -> &str {
        if self.meta.title.trim().is_empty() {
            &self.id
        } else {
            &self.meta.title
        }
    }
}

/// The SHA-256 of `text` in lowercase hex.
pub fn content_hash(text: &str) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}
