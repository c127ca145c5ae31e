//! Projects: articles, extractions, pipeline settings and curation, saved as a RON file and
//! a binary extraction sidecar beside it.
//!
//! The project file `NAME.ron` is pretty-printed RON with struct names, fields in a fixed
//! order, so that it reads and diffs well by hand. It holds everything a person reads or
//! edits — the text, metadata, settings and curation:
//!
//! ```text
//! Project(
//!     format_version: 3,
//!     name: "Afghan peace talks",
//!     documents: [ Document(id: …, meta: …, content_hash: …, text: …), … ],
//!     settings: PipelineSettings(…),
//!     curation: Curation(…),
//! )
//! ```
//!
//! The extractions (annotation layers) are derived from the text and the settings; they go
//! to the sidecar `NAME.ron.cache` (see `sidecar/`), keyed by each document's content hash
//! and by the settings' hash. A missing, stale or damaged sidecar is never an error: the
//! documents it does not cover are extracted again on load, in parallel, with a warning
//! ([`LoadReport::warnings`]). Tokens are not stored at all: [`Project::load`] recomputes
//! them with the pipeline's `tokens` stage ([`Project::recompute_tokens`]); other derived
//! layers (part-of-speech tags) are left to the caller, over [`Project::documents_mut`].
//!
//! Loading reads `format_version` first (see `version.rs`), refuses newer files with
//! [`Error::NewerFormat`], migrates older ones step by step (see [`migrate`]) and checks
//! that every stored offset fits its text. Saving is atomic for both files, the project
//! file last (see `store.rs` and `atomic.rs`).
//!
//! Format versions:
//! - 1: first format; settings under `pipeline`, no `content_hash`, no `meta.format`.
//! - 2: `settings`, `Document::content_hash` (checked on load), `Metadata::format`;
//!   extractions inline in the RON file (a 10,000-article project: 710 MB, 20.8 s to load).
//! - 3: extractions in the sidecar, not in the RON file (ARCHITECTURE.md, "Project files",
//!   has the measurements). Version 1 and 2 files load and are written as version 3 on the
//!   next save.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{
    Error, Result,
    model::{Document, content_hash},
    pipeline::PipelineSettings,
};

mod atomic;
pub mod edits;
pub mod lock;
pub mod migrate;
pub mod notes;
pub mod recovery;
mod sidecar;
mod store;
mod validate;
mod version;

pub use lock::ProjectLock;
pub use migrate::OLDEST_SUPPORTED_FORMAT_VERSION;
pub use store::{LoadReport, Loaded, ProgressFn, Step};

/// A project opened by [`Project::open`]: the project, and whether this process may write it.
#[derive(Debug)]
pub struct Opened {
    /// The project as loaded.
    pub project: Project,
    /// The lock, held while the project is open for writing; `None` when it is read-only.
    pub lock: Option<ProjectLock>,
    /// Why the project is read-only ([`Error::Locked`]'s text: who holds the lock), if it is.
    pub read_only: Option<String>,
    /// Temp files of an interrupted save that were removed.
    pub removed_temps: Vec<PathBuf>,
    /// Warnings of the load ([`LoadReport::warnings`]: articles extracted again).
    pub warnings: Vec<String>,
}

/// Replaces the file at `path` with `bytes` atomically (temp file in the same folder, flush,
/// sync, rename); on failure the old file is left intact.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    atomic::write_atomic(path, bytes, &mut |file, bytes| {
        std::io::Write::write_all(file, bytes)
    })
}

/// The project format version this build writes.
///
/// Version history:
/// - 1: first format; settings under `pipeline`, no `content_hash`, no `meta.format`.
/// - 2: `settings`, `Document::content_hash` (checked on load), `Metadata::format`.
/// - 3: the extractions in the sidecar `NAME.ron.cache`, not in the RON file.
pub const FORMAT_VERSION: u32 = 3;

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

/// What [`Project::add_documents`] did with each document it was given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Ids of the documents added, in the order given (renamed ones under their new id).
    pub added: Vec<String>,
    /// Documents not added because a document with the same text is already in the project.
    pub skipped: Vec<SkippedDocument>,
}

/// A document that [`Project::add_documents`] skipped as a duplicate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedDocument {
    /// The id it came with.
    pub id: String,
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// The id of the project document with the same text.
    pub duplicate_of: String,
}

impl Project {
    /// An empty project called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Reads a project file (and its extraction sidecar), migrating older format versions
    /// and refusing newer ones. Warnings of the load (articles extracted again because the
    /// sidecar is missing, stale or damaged) are printed on standard error; use
    /// [`Project::load_with`] to have them and the progress instead.
    ///
    /// The project comes back as stored, with [`Project::format_version`] set to
    /// [`FORMAT_VERSION`] and tokens recomputed ([`Project::recompute_tokens`]).
    ///
    /// Errors: [`Error::Io`] if the file cannot be read; [`Error::ProjectSyntax`] (with line
    /// and column) if it is not valid RON or not a project; [`Error::NewerFormat`] /
    /// [`Error::OlderFormat`] for unsupported versions; [`Error::Parse`] if the contents
    /// are inconsistent (an offset outside its text, a text that no longer matches its hash).
    pub fn load(path: &Path) -> Result<Project> {
        let loaded = Project::load_with(path, &|_| {})?;
        for warning in &loaded.report.warnings {
            eprintln!("warning: {warning}");
        }
        Ok(loaded.project)
    }

    /// [`Project::load`], telling `progress` of each step and returning the warnings
    /// instead of printing them. The sidecar never makes the load fail: documents it does
    /// not cover are extracted again from their stored text and settings, in parallel.
    pub fn load_with(path: &Path, progress: &ProgressFn<'_>) -> Result<Loaded> {
        store::load(path, progress)
    }

    /// The extraction sidecar of the project file at `path`: `NAME.ron.cache`.
    pub fn sidecar_path(path: &Path) -> PathBuf {
        sidecar::path_for(path)
    }

    /// Opens a project for writing: takes its lock ([`ProjectLock`]), removes the temp files
    /// an interrupted save left beside it, and loads it. When another live Quarry holds the
    /// lock, or the lock cannot be written, the project is still loaded, read-only, with
    /// the reason in [`Opened::read_only`]. A missing file is not an error when
    /// `create` is set: the project starts empty, named after the file.
    pub fn open(path: &Path, create: bool) -> Result<Opened> {
        Project::open_with(path, create, &|_| {})
    }

    /// [`Project::open`], telling `progress` of each step of the load.
    pub fn open_with(path: &Path, create: bool, progress: &ProgressFn<'_>) -> Result<Opened> {
        let not_writable = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        let (lock, read_only) = if not_writable {
            (None, Some(format!("{} is not writable", path.display())))
        } else {
            match ProjectLock::acquire(path) {
                Ok(lock) => (Some(lock), None),
                Err(e) => (None, Some(e.to_string())),
            }
        };
        let removed_temps = if lock.is_some() {
            let mut removed = atomic::remove_stale_temps(path);
            removed.extend(atomic::remove_stale_temps(&sidecar::path_for(path)));
            removed
        } else {
            Vec::new()
        };
        let (project, warnings) = if create && !path.exists() {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (Project::new(name), Vec::new())
        } else {
            let loaded = Project::load_with(path, progress)?;
            (loaded.project, loaded.report.warnings)
        };
        Ok(Opened {
            project,
            lock,
            read_only,
            removed_temps,
            warnings,
        })
    }

    /// Re-runs the `tokens` stage on every document (tokens are not saved). Tokens are
    /// split inside the stored sentences, exactly as the pipeline did.
    pub fn recompute_tokens(&mut self) {
        use crate::pipeline::Stage as _;
        use rayon::prelude::*;
        self.documents
            .par_iter_mut()
            .for_each(|doc| crate::pipeline::tokens::Tokens.run(doc));
    }

    /// Writes the project atomically: the project file and its extraction sidecar
    /// ([`Project::sidecar_path`]) each to a temp file in the same folder, flushed and
    /// synced, then renamed over their files, the sidecar first and the project file last.
    /// A failed save leaves both previous files intact. Once the new contents are complete,
    /// the files they replace are kept as `NAME.ron.bak` ([`Project::backup_path`]) and
    /// `NAME.ron.bak.cache` (replaced atomically, the ones before them are dropped).
    ///
    /// The save takes the project's lock (already held when the project was opened with
    /// [`Project::open`]): [`Error::Locked`] when another live Quarry holds it. Temp files
    /// an interrupted save left are removed first.
    pub fn save(&self, path: &Path) -> Result<()> {
        self.save_with(path, &|_| {})
    }

    /// [`Project::save`], telling `progress` of each step.
    pub fn save_with(&self, path: &Path, progress: &ProgressFn<'_>) -> Result<()> {
        store::save(self, path, progress, &mut |file, bytes| {
            file.write_all(bytes)
        })
    }

    /// [`Project::save`] with each file's write into its temp file (the sidecar's and the
    /// project file's, in either order: they are written at the same time) done by
    /// `write`, so that tests can simulate a failing disk. Not for general use.
    #[doc(hidden)]
    pub fn save_with_writer(
        &self,
        path: &Path,
        write: &mut (dyn FnMut(&mut File, &[u8]) -> io::Result<()> + Send),
    ) -> Result<()> {
        store::save(self, path, &|_| {}, write)
    }

    /// The backup [`Project::save`] keeps of the file it replaces: `NAME.ron.bak`.
    pub fn backup_path(path: &Path) -> PathBuf {
        atomic::backup_path(path)
    }

    /// The documents, for recomputing derived layers after [`Project::load`] or re-running
    /// the pipeline. Adding or removing documents goes through
    /// [`Project::add_documents`] so that ids stay unique.
    pub fn documents_mut(&mut self) -> &mut [Document] {
        &mut self.documents
    }

    /// True when a document with this content hash is already in the project.
    pub fn contains_content(&self, hash: &str) -> bool {
        self.documents.iter().any(|d| d.content_hash == hash)
    }

    /// Adds documents, skipping any whose text (by content hash) is already in the project
    /// or earlier in `docs`, and renaming ids that are taken (`id-2`, `id-3`, …).
    /// Content hashes are recomputed from the text.
    pub fn add_documents(&mut self, docs: Vec<Document>) -> AddReport {
        let mut report = AddReport::default();
        let mut by_hash: BTreeMap<String, String> = self
            .documents
            .iter()
            .map(|d| (d.content_hash.clone(), d.id.clone()))
            .collect();
        let mut ids: BTreeSet<String> = self.documents.iter().map(|d| d.id.clone()).collect();
        for mut doc in docs {
            doc.content_hash = content_hash(&doc.text);
            if let Some(existing) = by_hash.get(&doc.content_hash) {
                report.skipped.push(SkippedDocument {
                    id: doc.id,
                    path: doc.meta.path,
                    duplicate_of: existing.clone(),
                });
                continue;
            }
            doc.id = unique_id(&doc.id, &ids);
            ids.insert(doc.id.clone());
            by_hash.insert(doc.content_hash.clone(), doc.id.clone());
            report.added.push(doc.id.clone());
            self.documents.push(doc);
        }
        report
    }
}

/// Refuses format versions this build cannot read.
fn check_version(found: u32, path: &Path) -> Result<()> {
    if found > FORMAT_VERSION {
        return Err(Error::NewerFormat {
            path: path.to_owned(),
            found,
            supported: FORMAT_VERSION,
        });
    }
    if found < OLDEST_SUPPORTED_FORMAT_VERSION {
        return Err(Error::OlderFormat {
            path: path.to_owned(),
            found,
            oldest: OLDEST_SUPPORTED_FORMAT_VERSION,
        });
    }
    Ok(())
}

/// `base` if it is free, else `base-2`, `base-3`, … (an empty base becomes `document`).
fn unique_id(base: &str, taken: &BTreeSet<String>) -> String {
    let base = if base.trim().is_empty() {
        "document"
    } else {
        base
    };
    if !taken.contains(base) {
        return base.to_owned();
    }
    let mut n = 2_usize;
    loop {
        let id = format!("{base}-{n}");
        if !taken.contains(&id) {
            return id;
        }
        n += 1;
    }
}

/// The file's bytes as text, or a syntax error at the first byte that is not UTF-8.
fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = valid.split(|&b| b == b'\n').count();
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = 1 + String::from_utf8_lossy(valid.get(line_start..).unwrap_or_default())
                .chars()
                .count();
            Err(Error::ProjectSyntax {
                path: path.to_owned(),
                line,
                column,
                reason: "the file is not UTF-8 text (is it a project file?)".to_owned(),
            })
        }
    }
}

/// What the researcher changed or added by hand. Kept apart from the extractions so that
/// re-running the pipeline never loses it (the saved documents hold the extraction as the
/// pipeline made it; the edits are applied on top when the project is shown).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Curation {
    /// Free-text notes.
    pub notes: String,
    /// Graph node positions the researcher dragged, by node key.
    pub graph_positions: BTreeMap<String, [f32; 2]>,
    /// Entity merges the researcher made or rejected (absent in older files: none).
    pub entities: EntityCuration,
    /// Edits of single quotes and mentions, by document id (absent in older files: none).
    /// They are applied on top of the extraction ([`edits::apply_edits`]), so they survive
    /// re-extraction as long as the spans they name still hold a quote or mention.
    pub edits: BTreeMap<String, edits::DocumentEdits>,
    /// Notes and tags on articles, entities, quotes and relations, by item key
    /// ([`notes::ItemKey::stored`]; absent in older files: none).
    pub notes_and_tags: BTreeMap<String, notes::ItemNote>,
}

/// The researcher's decisions about corpus-level entities, by node key
/// (`crate::resolve::CorpusEntity::key`, e.g. `PER:lloyd-austin`). The automatic resolution
/// is re-run from the extractions; these decisions are applied on top of it, so they survive
/// re-extraction as long as the keys do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityCuration {
    /// Merged nodes: the key of a node → the key of the node it was merged into.
    pub merges: BTreeMap<String, String>,
    /// Merge suggestions the researcher rejected, as `(a, b)` key pairs in suggestion order.
    pub rejected: BTreeSet<(String, String)>,
    /// Names split off an automatically merged node: `(node key, normalised name)`. The
    /// node's members with that name become a node of their own, keyed `KEY/name`.
    pub split: BTreeSet<(String, String)>,
    /// Names the researcher gave nodes, by node key: the node is shown (in tables, the
    /// network and exports) under this name; its key stays (absent in older files: none).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub renames: BTreeMap<String, String>,
}

impl EntityCuration {
    /// True when the pair `a`, `b` (in either order) was rejected.
    pub fn is_rejected(&self, a: &str, b: &str) -> bool {
        let pair = |x: &str, y: &str| self.rejected.contains(&(x.to_owned(), y.to_owned()));
        pair(a, b) || pair(b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_ids_get_numbered_suffixes() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique_id("a", &taken), "a");
        taken.insert("a".to_owned());
        assert_eq!(unique_id("a", &taken), "a-2");
        taken.insert("a-2".to_owned());
        assert_eq!(unique_id("a", &taken), "a-3");
        assert_eq!(unique_id(" ", &taken), "document");
    }

    #[test]
    fn decode_locates_the_first_bad_byte() {
        let err = decode(b"ab\ncd\xff", Path::new("x.ron")).unwrap_err();
        match err {
            Error::ProjectSyntax { line, column, .. } => assert_eq!((line, column), (2, 3)),
            other => panic!("{other}"),
        }
        assert_eq!(
            decode("\u{feff}Project()".as_bytes(), Path::new("x")).unwrap(),
            "Project()"
        );
    }
}
