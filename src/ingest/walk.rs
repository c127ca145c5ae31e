//! Folder walks: which files of the chosen paths are articles.
//!
//! Each folder is read once, recognised by device and inode, so a symbolic link that loops
//! back cannot make the walk endless, and a file reached twice (through a link) is read
//! once. A symbolic link that points out of the folder being walked is followed only when
//! [`IngestOptions::follow_links_outside`] says so; otherwise it is skipped and reported.
//! Hidden entries (names starting with a dot) and temporary files (`~$report.docx` that
//! Word leaves while a document is open, `name~` backups, `#name#` autosaves, `.tmp`,
//! `.part`) are skipped. The walk keeps its own stack of folders: any depth is safe.

use std::collections::{BTreeSet, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::{Format, IngestOptions, detect_format, extension};
use crate::{Error, Result};

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The article files, sorted, without duplicates.
    pub files: Vec<PathBuf>,
    /// Paths that could not be used, each with its error.
    pub errors: Vec<(PathBuf, Error)>,
    /// Paths left out on purpose, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// True for hidden names (a leading dot) and the temporary files editors and downloads
/// leave beside real ones.
fn is_hidden_or_temporary(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".tmp", ".temp", ".part", ".crdownload", ".swp"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// Reads the first bytes of a file, for sniffing.
fn read_head(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = Vec::with_capacity(512);
    file.take(512)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    Ok(head)
}

/// The identity of a file or folder: device and inode where the platform has them, else
/// the canonical path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

fn identity(path: &Path, meta: &std::fs::Metadata) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let _ = path;
        Identity::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Identity::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
    }
}

/// Finds the article files among `paths`: files are taken as named, folders are walked
/// recursively. Returns the files (sorted, without duplicates) and the paths that could not
/// be used, each with its error.
///
/// Inside folders, hidden and temporary entries and files without a supported extension
/// are skipped silently, and symbolic links out of the folder are not followed (see
/// [`collect_files_with`]). A file named explicitly must have a supported extension or
/// recognisable content, else it is reported as [`Error::Unsupported`]; a missing path is
/// reported as [`Error::Io`] naming it.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, Error)>) {
    let walked = collect_files_with(paths, &IngestOptions::default());
    (walked.files, walked.errors)
}

/// [`collect_files`] with the given options, also telling which paths were skipped and why.
pub fn collect_files_with(paths: &[PathBuf], options: &IngestOptions) -> Walked {
    let mut walk = Walk {
        options,
        files: BTreeSet::new(),
        seen_files: HashSet::new(),
        seen_dirs: HashSet::new(),
        errors: Vec::new(),
        skipped: Vec::new(),
    };
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => walk.errors.push((path.clone(), Error::io(path, e))),
            Ok(meta) if meta.is_dir() => walk.folder(path, &meta),
            Ok(meta) => match read_head(path).and_then(|head| detect_format(path, &head)) {
                Ok(_) => {
                    if walk.seen_files.insert(identity(path, &meta)) {
                        walk.files.insert(path.clone());
                    }
                }
                Err(e) => walk.errors.push((path.clone(), e)),
            },
        }
    }
    Walked {
        files: walk.files.into_iter().collect(),
        errors: walk.errors,
        skipped: walk.skipped,
    }
}

/// The state of one walk over all the chosen paths.
struct Walk<'o> {
    options: &'o IngestOptions,
    files: BTreeSet<PathBuf>,
    seen_files: HashSet<Identity>,
    seen_dirs: HashSet<Identity>,
    errors: Vec<(PathBuf, Error)>,
    skipped: Vec<(PathBuf, String)>,
}

impl Walk<'_> {
    /// Adds the supported files below the chosen folder `root`.
    fn folder(&mut self, root: &Path, meta: &std::fs::Metadata) {
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
        if !self.seen_dirs.insert(identity(root, meta)) {
            return;
        }
        let mut pending = vec![root.to_owned()];
        while let Some(dir) = pending.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) => {
                    self.errors.push((dir.clone(), Error::io(&dir, e)));
                    continue;
                }
            };
            let mut children: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            children.sort();
            // Popped last first: push in reverse to read folders in name order.
            let mut subfolders = Vec::new();
            for child in children {
                if let Some(folder) = self.entry(&child, &real_root) {
                    subfolders.push(folder);
                }
            }
            pending.extend(subfolders.into_iter().rev());
        }
    }

    /// Looks at one folder entry: adds it if it is an article file, returns it if it is a
    /// folder still to walk.
    fn entry(&mut self, child: &Path, real_root: &Path) -> Option<PathBuf> {
        if is_hidden_or_temporary(child) {
            return None;
        }
        let is_link = std::fs::symlink_metadata(child).is_ok_and(|m| m.file_type().is_symlink());
        if is_link && !self.options.follow_links_outside {
            match std::fs::canonicalize(child) {
                Ok(target) if !target.starts_with(real_root) => {
                    self.skipped.push((
                        child.to_owned(),
                        format!(
                            "a symbolic link to {}, outside {}; not followed",
                            target.display(),
                            real_root.display()
                        ),
                    ));
                    return None;
                }
                _ => {}
            }
        }
        let meta = match std::fs::metadata(child) {
            Ok(meta) => meta,
            Err(e) => {
                self.errors.push((child.to_owned(), Error::io(child, e)));
                return None;
            }
        };
        let id = identity(child, &meta);
        if meta.is_dir() {
            if !self.seen_dirs.insert(id) {
                if is_link {
                    self.skipped.push((
                        child.to_owned(),
                        "a symbolic link to a folder already read (a loop); not followed"
                            .to_owned(),
                    ));
                }
                return None;
            }
            return Some(child.to_owned());
        }
        let supported = extension(child)
            .as_deref()
            .and_then(Format::from_extension)
            .is_some();
        if supported && self.seen_files.insert(id) {
            self.files.insert(child.to_owned());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_and_temporary_names() {
        for name in [
            ".draft.md",
            "~$report.docx",
            "notes.txt~",
            "#a.md#",
            "x.txt.tmp",
        ] {
            assert!(is_hidden_or_temporary(Path::new(name)), "{name}");
        }
        for name in ["report.docx", "a~b.txt", "#1 story.md"] {
            assert!(!is_hidden_or_temporary(Path::new(name)), "{name}");
        }
    }
}
