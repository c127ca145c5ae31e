//! Ingest: article files → [`Document`]s. One module a format (`txt`, `markdown`, `html`,
//! `pdf`, `docx`), each turning a file's bytes into the canonical text (see
//! [`canonical_text`]) and its metadata, or into an [`Error`] that names the file and the
//! cause. [`load_file`] reads one file; [`collect_files`] walks folders; [`load_paths`] does
//! both for many paths, in parallel, with progress and cancellation.
//!
//! Work is bounded on any input (see [`IngestLimits`]): files, decompressed parts, texts
//! and nesting have limits, every file is parsed on its own thread under `catch_unwind`,
//! and a bad file is a failure of that file only. Folder walks visit each folder once (by
//! device and inode), skip hidden and temporary files, and follow symbolic links out of
//! the chosen folder only when asked ([`IngestOptions`]). No reader ever opens a network
//! connection or another file: a page's links, images and scripts are text or ignored.

mod docx;
mod html;
mod html_depth;
mod limits;
mod markdown;
mod pdf;
mod pdf_guard;
mod text;
mod txt;
mod walk;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use rayon::prelude::*;

pub use limits::{IngestLimits, IngestOptions, MB};
pub use text::{canonical_text, slug};
pub use walk::{collect_files, collect_files_with};

use crate::{
    Error, Result,
    model::{Document, Metadata},
};

/// File extensions Quarry reads (lowercase, without the dot).
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "pdf", "docx"];

/// The outcome of loading many paths: what loaded, and what failed and why.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Documents read, in path order.
    pub documents: Vec<Document>,
    /// Files that could not be read, with the error (which names the file).
    pub failures: Vec<(PathBuf, Error)>,
    /// Paths a folder walk left out on purpose, with the reason (a symbolic link out of
    /// the chosen folder, a link back into a folder already walked).
    pub skipped: Vec<(PathBuf, String)>,
}

/// What a format reader produces: the canonical text and the metadata it found.
#[derive(Debug)]
pub(crate) struct Extracted {
    text: String,
    meta: Metadata,
}

impl Extracted {
    /// Canonical `text` read from a file of `format`.
    fn new(text: String, format: &str) -> Self {
        Self {
            text,
            meta: Metadata {
                format: format.to_owned(),
                ..Metadata::default()
            },
        }
    }
}

/// The error for a file with no bytes.
fn empty_error(path: &Path) -> Error {
    Error::parse(path, "file is empty")
}

/// The formats, as found by extension or by sniffing the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Txt,
    Markdown,
    Html,
    Pdf,
    Docx,
}

impl Format {
    /// The format of a (case-insensitive) extension.
    fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" => Format::Txt,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            "docx" => Format::Docx,
            _ => return None,
        })
    }

    /// The format recognised from a file's first bytes: `%PDF-`, a zip header (taken as
    /// DOCX) or an HTML start.
    fn sniff(head: &[u8]) -> Option<Self> {
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        if head.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        if head.starts_with(b"PK\x03\x04") {
            return Some(Format::Docx);
        }
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let lower: Vec<u8> = head[start..head.len().min(start + 64)]
            .iter()
            .map(u8::to_ascii_lowercase)
            .collect();
        if lower.starts_with(b"<html") || lower.starts_with(b"<!doctype html") {
            return Some(Format::Html);
        }
        None
    }
}

/// The file's extension, if it has one.
fn extension(path: &Path) -> Option<String> {
    path.extension().and_then(|e| e.to_str()).map(str::to_owned)
}

/// The format of `path` by extension, else by sniffing `head` (the file's first bytes).
/// A PDF or zip signature wins over a text extension (a PDF saved as `.txt` is read as
/// a PDF).
fn detect_format(path: &Path, head: &[u8]) -> Result<Format> {
    let ext = extension(path);
    if let Some(format) = ext.as_deref().and_then(Format::from_extension) {
        let binary = Format::sniff(head).filter(|f| matches!(f, Format::Pdf | Format::Docx));
        return Ok(match (format, binary) {
            (Format::Txt | Format::Markdown | Format::Html, Some(sniffed)) => sniffed,
            _ => format,
        });
    }
    Format::sniff(head).ok_or_else(|| Error::Unsupported {
        path: path.to_owned(),
        kind: ext.map_or_else(|| "no extension".to_owned(), |e| format!(".{e}")),
    })
}

/// Reads one article file, with the default [`IngestLimits`].
///
/// The format comes from the extension (case-insensitive), or for unknown or missing
/// extensions from the content (`%PDF-`, a zip header, `<html`). The document's id is the
/// [`slug`] of the file stem (callers make ids unique across a project).
pub fn load_file(path: &Path) -> Result<Document> {
    load_file_with(path, &IngestLimits::default())
}

/// [`load_file`] with the given limits: a file larger than
/// [`IngestLimits::max_file_bytes`] is refused before it is read.
pub fn load_file_with(path: &Path, limits: &IngestLimits) -> Result<Document> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > limits.max_file_bytes {
        return Err(IngestLimits::too_large(
            path,
            &format!("the file's size ({})", limits::megabytes(size)),
            limits.max_file_bytes,
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // The file may have grown since: never read more than the limit (and one byte to tell).
    let mut bytes = Vec::new();
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(IngestLimits::too_large(
            path,
            "the file's size",
            limits.max_file_bytes,
        ));
    }
    load_bytes_with(path, &bytes, limits)
}

/// Reads an article from `bytes` as if it were the file at `path` (which gives the
/// extension, the id and the name used in errors), with the default [`IngestLimits`].
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Document> {
    load_bytes_with(path, bytes, &IngestLimits::default())
}

/// [`load_bytes`] with the given limits. The format's reader runs on a thread of its own
/// under `catch_unwind`: a reader that panics gives an [`Error::Parse`] naming the file.
pub fn load_bytes_with(path: &Path, bytes: &[u8], limits: &IngestLimits) -> Result<Document> {
    if bytes.is_empty() {
        return Err(empty_error(path));
    }
    let format = detect_format(path, bytes)?;
    let extracted = limits::guarded(path, || match format {
        Format::Txt => txt::read(path, bytes),
        Format::Markdown => markdown::read(path, bytes, limits),
        Format::Html => html::read(path, bytes, limits),
        Format::Pdf => pdf::read(path, bytes, limits),
        Format::Docx => docx::read(path, bytes, limits),
    })?;
    if extracted.text.trim().is_empty() {
        return Err(Error::parse(path, "no text found"));
    }
    limits.check_text(path, &extracted.text)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let mut doc = Document::new(slug(stem), extracted.text);
    doc.meta = extracted.meta;
    doc.meta.path = Some(path.to_owned());
    Ok(doc)
}

/// What the loading workers tell the calling thread.
enum Message {
    /// Work on the file with this index began.
    Started(usize),
    /// The file with this index was read.
    Finished(usize, Result<Box<Document>>),
}

/// Reads every supported file among `paths`, walking folders recursively (sorted, so the
/// order is deterministic). Files are read in parallel; the report lists documents and
/// failures in sorted path order whatever the order they finished in.
///
/// `on_progress(done, total, current_file)` is called on the calling thread as each file
/// starts being read, with `done` the number of files finished so far. When `cancel` is
/// set, no further file is started and what was read so far is returned. Paths that could
/// not be collected (missing, unsupported) are reported as failures too.
pub fn load_paths(
    paths: &[PathBuf],
    on_progress: &mut dyn FnMut(usize, usize, &Path),
    cancel: &AtomicBool,
) -> IngestReport {
    load_paths_with(paths, &IngestOptions::default(), on_progress, cancel)
}

/// [`load_paths`] with the given limits and walk options.
pub fn load_paths_with(
    paths: &[PathBuf],
    options: &IngestOptions,
    on_progress: &mut dyn FnMut(usize, usize, &Path),
    cancel: &AtomicBool,
) -> IngestReport {
    let walked = collect_files_with(paths, options);
    let (files, mut failures) = (walked.files, walked.errors);
    let limits = &options.limits;
    let total = files.len();
    let mut results: Vec<Option<Result<Document>>> = Vec::new();
    results.resize_with(total, || None);

    if rayon::current_thread_index().is_some() {
        // Called from inside the rayon pool: blocking this worker on a channel could starve
        // the pool (or deadlock a one-thread pool), so read the files here, one by one.
        for (i, path) in files.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            on_progress(i, total, path);
            results[i] = Some(load_file_with(path, limits));
        }
    } else {
        load_in_parallel(&files, limits, &mut results, on_progress, cancel);
    }

    let mut documents = Vec::new();
    let mut load_failures = Vec::new();
    for (path, result) in files.into_iter().zip(results) {
        match result {
            Some(Ok(doc)) => documents.push(doc),
            Some(Err(e)) => load_failures.push((path, e)),
            None => {}
        }
    }
    failures.extend(load_failures);
    failures.sort_by(|a, b| a.0.cmp(&b.0));
    IngestReport {
        documents,
        failures,
        skipped: walked.skipped,
    }
}

/// Reads `files` on the rayon pool, reporting progress on the calling thread, and puts
/// each result at its file's index in `results`.
fn load_in_parallel(
    files: &[PathBuf],
    limits: &IngestLimits,
    results: &mut [Option<Result<Document>>],
    on_progress: &mut dyn FnMut(usize, usize, &Path),
    cancel: &AtomicBool,
) {
    let total = files.len();
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<Message>();
        scope.spawn(move || {
            (0..files.len())
                .into_par_iter()
                .for_each_with(sender, |sender, i| {
                    if cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    let _ = sender.send(Message::Started(i));
                    let result = load_file_with(&files[i], limits).map(Box::new);
                    let _ = sender.send(Message::Finished(i, result));
                });
        });
        // The receiver ends when every sender (one per rayon split) is dropped.
        let mut done = 0;
        for message in receiver {
            match message {
                Message::Started(i) => on_progress(done, total, &files[i]),
                Message::Finished(i, result) => {
                    done += 1;
                    results[i] = Some(result.map(|doc| *doc));
                }
            }
        }
    });
}
