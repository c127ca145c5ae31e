//! Atomic file replacement: write a temp file beside the target, flush, sync, rename.
//!
//! Either the new contents are complete on disk under the target name, or the target is
//! left exactly as it was (and the temp file is removed). A process killed during a save
//! cannot remove its temp file (`.NAME.ron.XXXXXX.tmp`); [`remove_stale_temps`] does, on the
//! next open or save of that file.

use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The function that writes the bytes into the temp file. Tests inject failures here.
pub(crate) type WriteFn<'a> = dyn FnMut(&mut File, &[u8]) -> io::Result<()> + 'a;

/// Replaces `path` with `bytes` atomically, writing through `write`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], write: &mut WriteFn<'_>) -> Result<()> {
    write_atomic_then(path, bytes, write, &mut || Ok(()))
}

/// [`write_atomic`] that calls `before_replace` once the new contents are complete and
/// synced in the temp file, just before the rename (a failed write never reaches it; an
/// error from it leaves the old file in place and fails the write).
pub(crate) fn write_atomic_then(
    path: &Path,
    bytes: &[u8],
    write: &mut WriteFn<'_>,
    before_replace: &mut dyn FnMut() -> io::Result<()>,
) -> Result<()> {
    let staged = stage(path, bytes, write)?;
    before_replace().map_err(|e| Error::io(path, e))?;
    staged.commit()
}

/// New contents for a file, complete and synced in a temp file beside it, not yet renamed
/// over it: [`Staged::commit`] does that; dropping it removes the temp file and leaves the
/// file as it was. Staging every file of a save before committing any means a failed
/// write changes none of them.
pub(crate) struct Staged {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

/// Writes `bytes` (through `write`) into a temp file beside `path`, flushed and synced,
/// with the permissions of the file it will replace.
pub(crate) fn stage(path: &Path, bytes: &[u8], write: &mut WriteFn<'_>) -> Result<Staged> {
    let parent = parent_of(path);
    let file_name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("{}: not a file path", path.display())))?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(file_name);
    prefix.push(".");
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(|e| Error::io(path, e))?;
    // Keep the old file's permissions (a new temp file is private to its owner).
    let permissions = std::fs::metadata(path).map(|m| m.permissions()).ok();
    let result = (|| {
        write(temp.as_file_mut(), bytes)?;
        temp.as_file_mut().flush()?;
        if let Some(permissions) = permissions {
            temp.as_file().set_permissions(permissions)?;
        } else {
            set_default_permissions(temp.as_file())?;
        }
        temp.as_file().sync_all()
    })();
    // On error `temp` is dropped here, which deletes the temp file.
    result.map_err(|e| Error::io(path, e))?;
    Ok(Staged {
        temp,
        path: path.to_owned(),
    })
}

impl Staged {
    /// Renames the temp file over the target and syncs the folder.
    pub(crate) fn commit(self) -> Result<()> {
        let Staged { temp, path } = self;
        temp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        sync_dir(parent_of(&path));
        Ok(())
    }
}

/// The folder `path` lies in (`.` for a bare file name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The backup a save keeps of the file it replaces: `NAME.ron.bak` beside `NAME.ron`.
pub(crate) fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    std::path::PathBuf::from(name)
}

/// Makes `backup` hold the current contents of `path` (when it exists), atomically: a hard
/// link (or, where links are refused, a copy) under a temp name, renamed over `backup`.
pub(crate) fn keep_backup(path: &Path, backup: &Path) -> io::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let parent = match backup.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let staging = parent.join(format!(
        ".{}.{}.baktmp",
        backup
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    std::fs::remove_file(&staging).ok();
    if std::fs::hard_link(path, &staging).is_err() {
        std::fs::copy(path, &staging)?;
        File::open(&staging)?.sync_all()?;
    }
    let renamed = std::fs::rename(&staging, backup);
    if renamed.is_err() {
        std::fs::remove_file(&staging).ok();
    }
    renamed
}

/// True when `name` is a temp file [`write_atomic`] makes for the file named `target`:
/// `.TARGET.` then six letters or digits then `.tmp`.
fn is_temp_of(name: &str, target: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_prefix(target))
        .and_then(|n| n.strip_prefix('.'))
        .and_then(|n| n.strip_suffix(".tmp"))
        .is_some_and(|random| {
            random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The temp files an interrupted save of `path` left beside it.
pub(crate) fn stale_temps(path: &Path) -> Vec<std::path::PathBuf> {
    let Some(target) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut temps: Vec<_> = entries
        .filter_map(std::result::Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| is_temp_of(n, target))
        })
        .map(|e| e.path())
        .collect();
    temps.sort();
    temps
}

/// Removes the temp files an interrupted save of `path` left beside it, and returns those
/// removed. Call it only while holding the file's lock (a live save's temp file is not
/// stale).
pub(crate) fn remove_stale_temps(path: &Path) -> Vec<std::path::PathBuf> {
    stale_temps(path)
        .into_iter()
        .filter(|temp| std::fs::remove_file(temp).is_ok())
        .collect()
}

/// New project files are readable by others, like files made with `File::create`.
#[cfg(unix)]
fn set_default_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Makes the rename durable (best effort: not every platform can sync a folder).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        d.sync_all().ok();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one", &mut |f, b| f.write_all(b)).unwrap();
        write_atomic(&path, b"two", &mut |f, b| f.write_all(b)).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(leftovers(dir.path()), vec!["a.ron".to_owned()]);
    }

    #[test]
    fn failed_write_keeps_old_file_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, b"old contents").unwrap();
        let err = write_atomic(&path, b"new contents", &mut |f, b| {
            f.write_all(&b[..3])?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert!(err.to_string().contains("a.ron"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old contents");
        assert_eq!(leftovers(dir.path()), vec!["a.ron".to_owned()]);
    }

    #[test]
    fn stale_temps_are_found_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, b"project").unwrap();
        for name in [
            ".a.ron.x1Y2z3.tmp",
            ".a.ron.lock",
            ".a.ron.lock-12.tmp",
            ".b.ron.x1Y2z3.tmp",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let removed = remove_stale_temps(&path);
        assert_eq!(removed, vec![dir.path().join(".a.ron.x1Y2z3.tmp")]);
        assert_eq!(
            leftovers(dir.path()),
            vec![
                ".a.ron.lock",
                ".a.ron.lock-12.tmp",
                ".b.ron.x1Y2z3.tmp",
                "a.ron"
            ]
        );
    }

    #[test]
    fn missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/a.ron");
        let err = write_atomic(&path, b"x", &mut |f, b| f.write_all(b)).unwrap_err();
        assert!(err.to_string().contains("a.ron"), "{err}");
    }
}
