//! Ingest: article files → [`Document`]s. One module a format.

use std::path::{Path, PathBuf};

use crate::{Error, Result, model::Document};

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
