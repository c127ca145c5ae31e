//! Ingest: article files → [`Document`]s. One module a format.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::{Error, Result, model::Document};

/// File extensions Quarry reads (lowercase, without the dot).
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "pdf", "docx"];

/// The outcome of loading many paths: what loaded, and what failed and why.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Documents read, in path order.
    pub documents: Vec<Document>,
    /// Files that could not be read, with the error (which names the file).
    pub failures: Vec<(PathBuf, Error)>,
}

/// Reads one article file.
pub fn load_file(path: &Path) -> Result<Document> {
    Err(Error::Unsupported {
        path: path.to_owned(),
        kind: String::new(),
    })
}

/// Reads every supported file among `paths`, walking folders recursively (sorted, so the
/// order is deterministic). `on_progress(done, total, current_file)` is called before each
/// file; when `cancel` is set, loading stops and what was read so far is returned.
pub fn load_paths(
    paths: &[PathBuf],
    on_progress: &mut dyn FnMut(usize, usize, &Path),
    cancel: &AtomicBool,
) -> IngestReport {
    let _ = (paths, on_progress, cancel);
    IngestReport::default()
}
