//! The library's one error type. Every variant that concerns a file names it.

use std::path::PathBuf;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed at the OS level.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },

    /// The file's extension (or content) is not a supported article format.
    #[error(
        "{path}: unsupported file type {kind:?} (supported: .txt, .md, .html, .htm, .pdf, .docx)"
    )]
    Unsupported {
        /// The file concerned.
        path: PathBuf,
        /// The extension or sniffed kind.
        kind: String,
    },

    /// The file was read but its content could not be decoded or parsed.
    #[error("{path}: {reason}")]
    Parse {
        /// The file concerned.
        path: PathBuf,
        /// What was wrong, in words a researcher understands.
        reason: String,
    },

    /// A project file is not valid RON or does not match the project structure.
    #[error("{path}:{line}:{column}: invalid project file: {reason}")]
    ProjectSyntax {
        /// The project file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's message.
        reason: String,
    },

    /// A project file was written by a newer Quarry.
    #[error(
        "{path}: project format version {found} is newer than this Quarry supports ({supported}); \
         please update Quarry to open it"
    )]
    NewerFormat {
        /// The project file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
        /// The newest version this build understands.
        supported: u32,
    },

    /// A project file is older than the oldest version that can be migrated.
    #[error("{path}: project format version {found} is too old (oldest supported: {oldest})")]
    OlderFormat {
        /// The project file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
        /// The oldest version this build migrates.
        oldest: u32,
    },

    /// A file is over one of the ingest limits (size, decompressed size, text size,
    /// nesting depth); the limit can be raised for a rare huge legitimate file.
    #[error("{path}: {what} is over the limit of {limit} ({hint})")]
    Limit {
        /// The file concerned.
        path: PathBuf,
        /// What was too large or too deep ("the file's size (120 MB)").
        what: String,
        /// The limit, in words ("100 MB").
        limit: String,
        /// How to raise it, or why it cannot be.
        hint: String,
    },

    /// Another Quarry process holds the project's lock: it may be writing the file.
    #[error(
        "{path}: the project is open for writing in another Quarry ({holder}); \
         close it there first, or open this project read-only"
    )]
    Locked {
        /// The project file.
        path: PathBuf,
        /// Who holds the lock ("process 1234 on host lab-7").
        holder: String,
    },

    /// Invalid input given on the command line or to an API.
    #[error("{0}")]
    Invalid(String),

    /// The work was cancelled by the user.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    /// A parse error on `path`.
    pub fn parse(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Self::Parse {
            path: path.into(),
            reason: reason.into(),
        }
    }
}
