//! Reading and writing a project's two files: the RON project file and its extraction
//! sidecar (`sidecar`).
//!
//! Load: the RON file is parsed while the sidecar is read and decoded (two threads; the
//! records in parallel); each document of a version 3 file takes the record of its content
//! hash when the sidecar was written with the same pipeline settings; the documents left
//! over (no sidecar, another settings key, a damaged or missing record) are extracted
//! again from their stored text, in parallel, with a warning. Older files hold their
//! extractions inline and do not look at a sidecar.
//!
//! Save: the content hashes are checked in parallel; the RON text and the sidecar (records
//! encoded in parallel) are built at the same time; both are written to temp files and
//! synced before either replaces its file; then the sidecar is renamed over its file, and
//! the project file last. A failed write leaves both old files; a crash between the two
//! renames leaves the old project file with the new sidecar, which is keyed by content
//! hash, so every document still finds its extraction or is extracted again — the
//! curation, held in the project file alone, is never lost.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::{Curation, FORMAT_VERSION, Project, atomic, sidecar, validate};
use crate::model::{Annotations, Document, Metadata, content_hash};
use crate::pipeline::{Pipeline, PipelineSettings};
use crate::{Error, Result};

/// A step of a long load or save, for a progress display: `done` of `total` in `phase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// What is being done ("Reading project", "Reading extractions", "Extracting", …).
    pub phase: &'static str,
    /// How much of it is done.
    pub done: usize,
    /// How much there is.
    pub total: usize,
}

/// The function told of each [`Step`] (from any thread).
pub type ProgressFn<'a> = dyn Fn(Step) + Sync + 'a;

/// What [`Project::load_with`] did besides loading.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Documents whose extraction came from the sidecar.
    pub from_sidecar: usize,
    /// Documents extracted again from their stored text (sidecar missing, stale or
    /// damaged).
    pub extracted: usize,
    /// What the user should know: why documents were extracted again.
    pub warnings: Vec<String>,
}

/// A project as [`Project::load_with`] read it.
#[derive(Debug)]
pub struct Loaded {
    /// The project.
    pub project: Project,
    /// Where its extractions came from, and the warnings.
    pub report: LoadReport,
}

fn step(progress: &ProgressFn<'_>, phase: &'static str, done: usize, total: usize) {
    progress(Step { phase, done, total });
}

/// [`Project::load_with`].
pub(super) fn load(path: &Path, progress: &ProgressFn<'_>) -> Result<Loaded> {
    step(progress, "Reading project", 0, 1);
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = super::decode(&bytes, path)?;
    let found = super::version::format_version(text, path)?;
    super::check_version(found, path)?;
    let sidecar_path = sidecar::path_for(path);
    let (parsed, contents) = if found >= 3 {
        let (parsed, contents) = rayon::join(
            || super::migrate::parse_and_migrate(text, found, path),
            || {
                sidecar::read(&sidecar_path, &|done, total| {
                    step(progress, "Reading extractions", done, total);
                })
            },
        );
        (parsed, Some(contents))
    } else {
        (super::migrate::parse_and_migrate(text, found, path), None)
    };
    drop(bytes);
    let mut project = parsed?;
    step(progress, "Reading project", 1, 1);
    project.format_version = FORMAT_VERSION;
    // A hand-made file may leave the hash out; a wrong one is refused by `validate`.
    project.documents.par_iter_mut().for_each(|doc| {
        if doc.content_hash.is_empty() {
            doc.content_hash = content_hash(&doc.text);
        }
    });
    validate::validate(&project, path)?;
    let mut report = LoadReport::default();
    if let Some(contents) = contents {
        fill_extractions(&mut project, contents, &sidecar_path, progress, &mut report)?;
    }
    step(progress, "Deriving tokens", 0, 1);
    project.recompute_tokens();
    step(progress, "Deriving tokens", 1, 1);
    Ok(Loaded { project, report })
}

/// Gives each document of a version 3 project without inline annotations its sidecar
/// record, and extracts the rest again.
fn fill_extractions(
    project: &mut Project,
    contents: sidecar::Contents,
    sidecar_path: &Path,
    progress: &ProgressFn<'_>,
    report: &mut LoadReport,
) -> Result<()> {
    let key = sidecar::settings_key(&project.settings);
    let (mut records, mut why) = match contents {
        sidecar::Contents::Missing => (HashMap::new(), Some("is missing".to_owned())),
        sidecar::Contents::Unusable(reason) => (HashMap::new(), Some(reason)),
        sidecar::Contents::Read { settings_key, .. } if settings_key != key => (
            HashMap::new(),
            Some("was written with other pipeline settings".to_owned()),
        ),
        sidecar::Contents::Read {
            records,
            damaged,
            problem,
            ..
        } => {
            let why = problem.map(|p| {
                if damaged > 1 {
                    format!("has {damaged} damaged records ({p})")
                } else {
                    p
                }
            });
            (records, why)
        }
    };
    let mut missing = 0;
    let mut invalid: Option<String> = None;
    let mut todo = Vec::new();
    for (i, doc) in project.documents.iter_mut().enumerate() {
        if doc.annotations != Annotations::default() {
            continue; // Inline annotations (a hand-made file): kept as they are.
        }
        if let Some(annotations) = records.remove(&doc.content_hash) {
            doc.annotations = annotations;
            if let Err(reason) = validate::validate_document(doc) {
                invalid.get_or_insert(format!("document {:?}: {reason}", doc.id));
                doc.annotations = Annotations::default();
                todo.push(i);
            } else {
                report.from_sidecar += 1;
            }
        } else {
            missing += 1;
            todo.push(i);
        }
    }
    if todo.is_empty() {
        return Ok(());
    }
    if why.is_none() {
        why = invalid.map(|i| format!("holds an extraction that does not fit its text ({i})"));
    }
    let why = why.unwrap_or_else(|| {
        format!(
            "has no extraction for {missing} article(s) (it is older than the project file, \
             or was not written with it)"
        )
    });
    let pipeline =
        Pipeline::new(&project.settings).map_err(|e| Error::parse(sidecar_path, e.to_string()))?;
    extract(&pipeline, &mut project.documents, &todo, progress);
    report.extracted = todo.len();
    report.warnings.push(format!(
        "{} {why}: the extractions of {} article(s) were made again from the stored text and \
         settings (saving the project writes it anew)",
        sidecar_path.display(),
        todo.len()
    ));
    Ok(())
}

/// Runs `pipeline` on the documents at `indices`, in parallel, reporting each one done.
fn extract(
    pipeline: &Pipeline,
    docs: &mut [Document],
    indices: &[usize],
    progress: &ProgressFn<'_>,
) {
    let mut wanted = vec![false; docs.len()];
    for &i in indices {
        wanted[i] = true;
    }
    let total = indices.len();
    let done = AtomicUsize::new(0);
    step(progress, "Extracting", 0, total);
    docs.par_iter_mut()
        .zip(wanted.par_iter())
        .filter(|(_, wanted)| **wanted)
        .for_each(|(doc, _)| {
            pipeline.run(doc);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            step(progress, "Extracting", n, total);
        });
}

/// [`Project::save_with`]: both files staged, then the sidecar and the project file
/// renamed in that order, each keeping its backup.
pub(super) fn save(
    project: &Project,
    path: &Path,
    progress: &ProgressFn<'_>,
    write: &mut (dyn FnMut(&mut File, &[u8]) -> io::Result<()> + Send),
) -> Result<()> {
    let _lock = super::ProjectLock::acquire(path)?;
    let sidecar_path = sidecar::path_for(path);
    atomic::remove_stale_temps(path);
    atomic::remove_stale_temps(&sidecar_path);
    step(progress, "Writing project", 0, 3);
    // The hash must describe the text it is saved with (load checks it). A document built
    // by hand may carry none or a stale one: save the right one then.
    let hashes: Vec<String> = project
        .documents
        .par_iter()
        .map(|d| {
            if d.content_hash.len() == 64 && d.content_hash == content_hash(&d.text) {
                d.content_hash.clone()
            } else {
                content_hash(&d.text)
            }
        })
        .collect();
    let hashes: Vec<&str> = hashes.iter().map(String::as_str).collect();
    step(progress, "Writing project", 1, 3);
    // The two files are built and written (synced) at the same time: the sidecar's records
    // encoded in parallel on the pool, the RON text on a thread of its own.
    let write = std::sync::Mutex::new(write);
    let write_through = |file: &mut File, bytes: &[u8]| match write.lock() {
        Ok(mut write) => write(file, bytes),
        Err(_) => Err(io::Error::other("a write of this save panicked")),
    };
    let (staged_ron, staged_cache) = std::thread::scope(|scope| {
        let ron = scope.spawn(|| {
            let text = to_ron(project, &hashes, path)?;
            atomic::stage(path, text.as_bytes(), &mut |f, b| write_through(f, b))
        });
        let cache = sidecar::encode(&project.documents, &hashes, &project.settings)
            .map_err(|e| {
                Error::Invalid(format!(
                    "{}: the extractions cannot be written: {e}",
                    sidecar_path.display()
                ))
            })
            .and_then(|bytes| {
                atomic::stage(&sidecar_path, &bytes, &mut |f, b| write_through(f, b))
            });
        let ron = ron
            .join()
            .unwrap_or_else(|_| Err(Error::Invalid("writing the project file panicked".into())));
        (ron, cache)
    });
    // Either failing drops the other's temp file: both old files stay as they were.
    let (staged_ron, staged_cache) = (staged_ron?, staged_cache?);
    step(progress, "Writing project", 2, 3);
    let backup = atomic::backup_path(path);
    let backup_cache = sidecar::path_for(&backup);
    if sidecar_path.exists() {
        atomic::keep_backup(&sidecar_path, &backup_cache)
            .map_err(|e| Error::io(&backup_cache, e))?;
    } else {
        // The file backed up below has no sidecar (an older format): drop an unrelated one.
        std::fs::remove_file(&backup_cache).ok();
    }
    staged_cache.commit()?;
    atomic::keep_backup(path, &backup).map_err(|e| Error::io(path, e))?;
    staged_ron.commit()?;
    step(progress, "Writing project", 3, 3);
    Ok(())
}

/// The project as pretty RON without its extractions, stamped with the current
/// [`FORMAT_VERSION`]; document `i` is saved with `hashes[i]`.
fn to_ron(project: &Project, hashes: &[&str], path: &Path) -> Result<String> {
    #[derive(Serialize)]
    #[serde(rename = "Project")]
    struct Stored<'a> {
        format_version: u32,
        name: &'a str,
        documents: Vec<StoredDocument<'a>>,
        settings: &'a PipelineSettings,
        curation: &'a Curation,
    }
    #[derive(Serialize)]
    #[serde(rename = "Document")]
    struct StoredDocument<'a> {
        id: &'a str,
        meta: &'a Metadata,
        content_hash: &'a str,
        text: &'a str,
    }
    // Destructured so that a new field fails to compile here until it is saved too.
    let Project {
        format_version: _,
        name,
        documents,
        settings,
        curation,
    } = project;
    let documents = documents
        .iter()
        .zip(hashes)
        .map(|(d, hash)| {
            // The annotations go to the sidecar.
            let Document {
                id,
                meta,
                content_hash: _,
                text,
                annotations: _,
            } = d;
            StoredDocument {
                id,
                meta,
                content_hash: hash,
                text,
            }
        })
        .collect();
    let stored = Stored {
        format_version: FORMAT_VERSION,
        name,
        documents,
        settings,
        curation,
    };
    // Depth 1 = project fields, 2 = the document list, 3 = document fields, 4 = metadata
    // and curation fields, 5 = their lists; anything deeper stays on a line.
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(5)
        .indentor("  ");
    let mut text = ron::ser::to_string_pretty(&stored, config).map_err(|e| {
        Error::Invalid(format!(
            "{}: the project cannot be written as RON: {e}",
            path.display()
        ))
    })?;
    text.push('\n');
    Ok(text)
}
