//! Format version 1 → 2.
//!
//! Version 1 (Quarry before the content hash) differed from version 2 in three small ways:
//! - documents had no `content_hash` (offsets were only checked against the stored text);
//! - `meta` had no `format` (the original file format was not recorded);
//! - the pipeline settings were stored under the key `pipeline`, not `settings`.
//!
//! The types below are a frozen copy of what version 1 wrote; they must not change. The
//! migration computes the hash from the text, derives the format from the source file's
//! extension (empty when the document had no file) and moves `pipeline` to `settings`.

use std::path::PathBuf;

use serde::Deserialize;

use crate::model::{Annotations, Document, Metadata, content_hash};
use crate::pipeline::PipelineSettings;
use crate::project::{Curation, Project};

/// The version this step reads.
pub(crate) const SOURCE_VERSION: u32 = 1;

/// The version this step produces.
pub(crate) const TARGET_VERSION: u32 = 2;

/// A version 1 project file.
#[derive(Debug, Deserialize)]
#[serde(rename = "Project")]
pub(crate) struct ProjectV1 {
    /// Always 1.
    #[allow(dead_code)]
    format_version: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    documents: Vec<DocumentV1>,
    /// Renamed to `settings` in version 2.
    #[serde(default)]
    pipeline: PipelineSettings,
    #[serde(default)]
    curation: Curation,
}

/// A version 1 document: no `content_hash`.
#[derive(Debug, Deserialize)]
#[serde(rename = "Document")]
struct DocumentV1 {
    id: String,
    #[serde(default)]
    meta: MetadataV1,
    text: String,
    #[serde(default)]
    annotations: Annotations,
}

/// Version 1 metadata: no `format`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename = "Metadata", default)]
struct MetadataV1 {
    title: String,
    source: String,
    author: String,
    date: String,
    path: Option<PathBuf>,
}

/// Upgrades a version 1 project to version 2.
pub(crate) fn migrate(old: ProjectV1) -> Project {
    let ProjectV1 {
        format_version: _,
        name,
        documents,
        pipeline,
        curation,
    } = old;
    let documents = documents
        .into_iter()
        .map(|doc| {
            let format = doc
                .meta
                .path
                .as_deref()
                .and_then(|p| p.extension())
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            Document {
                id: doc.id,
                meta: Metadata {
                    title: doc.meta.title,
                    source: doc.meta.source,
                    author: doc.meta.author,
                    date: doc.meta.date,
                    path: doc.meta.path,
                    format,
                },
                content_hash: content_hash(&doc.text),
                text: doc.text,
                annotations: doc.annotations,
            }
        })
        .collect();
    Project {
        format_version: TARGET_VERSION,
        name,
        documents,
        settings: pipeline,
        curation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_to_v2_moves_settings_and_fills_hash_and_format() {
        let text = r#"Project(
            format_version: 1,
            name: "old",
            documents: [
                Document(
                    id: "a",
                    meta: Metadata(title: "T", path: Some("/x/Article.HTML")),
                    text: "Qureshi said “no”.",
                ),
            ],
            pipeline: PipelineSettings(disabled_stages: ["relations"], cooccurrence: false),
        )"#;
        let old: ProjectV1 = ron::from_str(text).unwrap();
        let new = migrate(old);
        assert_eq!(new.format_version, 2);
        // The old co-occurrence flag is the disabled stage `cooccurrence`.
        assert_eq!(new.settings.disabled_stages, ["relations", "cooccurrence"]);
        let doc = &new.documents[0];
        assert_eq!(doc.meta.format, "html");
        assert_eq!(doc.content_hash, content_hash("Qureshi said “no”."));
    }
}
