//! Bounded work on any input: the limits one file may not pass ([`IngestLimits`]), the
//! options of a folder walk ([`IngestOptions`]), and the boundary that keeps a file whose
//! parser panics from taking down the import of the others ([`guarded`]).
//!
//! Every parser runs on a thread of its own with a large explicit stack, under
//! `catch_unwind`: a panic inside a parser dependency becomes an [`Error::Parse`] naming the
//! file. A stack overflow cannot be caught in Rust, so the formats also bound their nesting
//! before a dependency can recurse on it (see [`IngestLimits::max_depth`]).

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Once;

use crate::{Error, Result};

/// One megabyte (10^6 bytes), the unit of the limits shown to people.
pub const MB: u64 = 1_000_000;

/// The stack of the thread each file is parsed on (virtual memory: only the pages a parse
/// touches are used).
const PARSE_STACK_BYTES: usize = 256 * 1024 * 1024;

/// The limits of the work one file may cause. The defaults fit any news article (and
/// most books) with a wide margin; a rare huge legitimate file can be read by raising them
/// (`quarry import --max-file-mb N`, [`IngestLimits::with_max_file_mb`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IngestLimits {
    /// The largest file read, in bytes (default 100 MB).
    pub max_file_bytes: u64,
    /// The largest text one file may give, in bytes of UTF-8 (default 16 MB).
    pub max_text_bytes: usize,
    /// The largest size a compressed part may inflate to (the `word/document.xml` of a
    /// DOCX), in bytes (default 1,000 MB; a fifth of it bounds the content a PDF's forms
    /// may make pdf-extract process).
    pub max_decompressed_bytes: u64,
    /// The deepest element nesting kept (HTML elements, Markdown block quotes and lists,
    /// DOCX XML elements, PDF drawings inside drawings); default 512, as browsers do.
    /// HTML deeper than this is flattened (its text is kept); DOCX and PDF deeper than
    /// this are refused.
    pub max_depth: usize,
}

impl Default for IngestLimits {
    fn default() -> Self {
        Self {
            max_file_bytes: 100 * MB,
            max_text_bytes: 16 * MB as usize,
            max_decompressed_bytes: 1000 * MB,
            max_depth: 512,
        }
    }
}

impl IngestLimits {
    /// The defaults with files of up to `mb` megabytes allowed; the text and decompressed
    /// limits grow with it (never below their defaults).
    pub fn with_max_file_mb(mb: u64) -> Self {
        let default = Self::default();
        let bytes = mb.saturating_mul(MB);
        Self {
            max_file_bytes: bytes,
            max_text_bytes: default
                .max_text_bytes
                .max(usize::try_from(bytes).unwrap_or(usize::MAX)),
            max_decompressed_bytes: default.max_decompressed_bytes.max(bytes.saturating_mul(5)),
            max_depth: default.max_depth,
        }
    }

    /// The error for `what` (its size in words) over the limit `limit` bytes.
    pub(crate) fn too_large(path: &Path, what: &str, limit: u64) -> Error {
        Error::Limit {
            path: path.to_owned(),
            what: what.to_owned(),
            limit: megabytes(limit),
            hint: "a limit of Quarry's ingest; raise it for a legitimate huge file with \
                   `quarry import --max-file-mb N`"
                .to_owned(),
        }
    }

    /// The error for nesting deeper than [`IngestLimits::max_depth`].
    pub(crate) fn too_deep(&self, path: &Path, what: &str) -> Error {
        Error::Limit {
            path: path.to_owned(),
            what: what.to_owned(),
            limit: format!("{} levels", self.max_depth),
            hint: "no real article nests this deep; the file is damaged or hostile".to_owned(),
        }
    }

    /// Refuses a text of more than [`IngestLimits::max_text_bytes`].
    pub(crate) fn check_text(&self, path: &Path, text: &str) -> Result<()> {
        if text.len() > self.max_text_bytes {
            return Err(Self::too_large(
                path,
                &format!("the text read from it ({})", megabytes(text.len() as u64)),
                self.max_text_bytes as u64,
            ));
        }
        Ok(())
    }
}

/// `bytes` in megabytes, as people read them ("100 MB", "1.5 MB").
pub(crate) fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / MB as f64;
    if (mb - mb.round()).abs() < 0.05 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// How a folder walk treats symbolic links, and the limits of each file read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestOptions {
    /// The limits of each file.
    pub limits: IngestLimits,
    /// Follow symbolic links that point outside the folder being walked (off by default:
    /// a link out of the chosen folder is skipped and reported).
    pub follow_links_outside: bool,
}

thread_local! {
    /// True while this thread runs a parser whose panics are caught and reported as
    /// errors, so the panic message is not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic, without the panic message reaching the terminal.
///
/// Installs (once) a panic hook that stays silent for panics on a thread inside this
/// function and hands every other panic to the hook that was there before.
pub(crate) fn quietly_catch_unwind<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let before = GUARDED.with(|flag| flag.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|flag| flag.set(before));
    outcome
}

/// The message of a caught panic.
pub(crate) fn panic_detail(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_owned())
}

/// Runs the parse `f` of the file at `path` on a thread with a large stack, under
/// `catch_unwind`: a panic becomes an [`Error::Parse`] naming the file, and the calling
/// thread (and every other file of an import) goes on.
pub(crate) fn guarded<T: Send>(path: &Path, f: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    let mut task = Some(f);
    let spawned = std::thread::scope(|scope| {
        let task = &mut task;
        std::thread::Builder::new()
            .name("quarry-parse".to_owned())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(scope, move || {
                quietly_catch_unwind(|| task.take().map(|parse| parse()))
            })
            .map(std::thread::ScopedJoinHandle::join)
    });
    let caught = match spawned {
        Ok(joined) => joined.and_then(|inner| inner),
        // No thread could be started (out of threads): parse here, still under catch_unwind.
        Err(_) => quietly_catch_unwind(|| task.take().map(|parse| parse())),
    };
    match caught {
        Ok(Some(result)) => result,
        Ok(None) => Err(Error::parse(path, "the file's reader did not run")),
        Err(panic) => Err(Error::parse(
            path,
            format!(
                "the file could not be read (its reader failed: {}); \
                 the other files are not affected",
                panic_detail(panic.as_ref())
            ),
        )),
    }
}
