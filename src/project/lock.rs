//! The project lock: one Quarry at a time writes a project.
//!
//! Beside `NAME.ron` a lock file `.NAME.ron.lock` names its holder (process id, host, and
//! the process's start time where the system tells it). It appears whole (written to a
//! temporary name, then hard-linked into place, which fails if a lock is there), so no
//! other process ever reads half a lock. A lock whose holder is a process that no longer
//! runs on this host (no `/proc/PID`, or a `/proc/PID` started at another time, the id
//! reused) is stale and taken over. A lock held by a live process — or by another host,
//! which cannot be checked — refuses with [`Error::Locked`], naming the holder.
//!
//! Within one process the lock is counted: opening a project and saving it take the same
//! lock twice, and the file goes when the last [`ProjectLock`] is dropped.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::{Error, Result};

/// The lock files this process holds, with how many [`ProjectLock`]s share each.
static HELD: Mutex<BTreeMap<PathBuf, usize>> = Mutex::new(BTreeMap::new());

/// The lock file of the project at `project`: `.NAME.ron.lock` in the same folder.
pub fn lock_path(project: &Path) -> PathBuf {
    let name = project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    project.with_file_name(format!(".{name}.lock"))
}

/// Who holds a lock, as written in its file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holder {
    /// The holder's process id.
    pub pid: u32,
    /// The host it runs on.
    pub host: String,
    /// When the process started (clock ticks after boot, from `/proc/PID/stat`), if known.
    pub start: Option<u64>,
}

impl Holder {
    /// This process.
    fn current() -> Self {
        let pid = std::process::id();
        Self {
            pid,
            host: host_name(),
            start: process_start(pid),
        }
    }

    /// The lock file's text.
    fn to_text(&self) -> String {
        let mut text = format!("pid={}\nhost={}\n", self.pid, self.host);
        if let Some(start) = self.start {
            let _ = writeln!(text, "start={start}");
        }
        text
    }

    /// Reads a lock file's text; `None` when it is not one.
    fn parse(text: &str) -> Option<Self> {
        let mut holder = Holder::default();
        let mut has_pid = false;
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => {
                    holder.pid = v.trim().parse().ok()?;
                    has_pid = true;
                }
                Some(("host", v)) => v.trim().clone_into(&mut holder.host),
                Some(("start", v)) => holder.start = v.trim().parse().ok(),
                _ => {}
            }
        }
        has_pid.then_some(holder)
    }

    /// Whether the holder may still run: `false` only when it is known not to (same host,
    /// and no such process, or one that started at another time).
    fn may_be_alive(&self) -> bool {
        if self.host != host_name() || !Path::new("/proc/self").exists() {
            return true;
        }
        if !Path::new("/proc").join(self.pid.to_string()).exists() {
            return false;
        }
        match (self.start, process_start(self.pid)) {
            (Some(recorded), Some(now)) => recorded == now,
            _ => true,
        }
    }

    /// The holder in words: "process 1234 on host lab-7".
    pub fn describe(&self) -> String {
        format!("process {} on host {}", self.pid, self.host)
    }
}

/// This machine's name.
fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The start time of process `pid` (field 22 of `/proc/PID/stat`), if the system tells.
fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(19)?.parse().ok()
}

/// Who holds the lock of the project at `project`, if anyone does (this process
/// included); a stale lock counts as held until it is taken over.
pub fn holder(project: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(lock_path(project)).ok()?;
    Holder::parse(&text)
}

/// The project lock, held until dropped.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    /// The lock that this one took over (a holder that no longer ran), if any.
    pub took_over: Option<Holder>,
}

impl ProjectLock {
    /// Takes the lock of the project at `project` for this process.
    ///
    /// Errors: [`Error::Locked`] when another live process (or another host) holds it;
    /// [`Error::Io`] when the lock file cannot be written (a read-only folder).
    pub fn acquire(project: &Path) -> Result<Self> {
        let path = lock_path(project);
        let mut held = HELD
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(count) = held.get_mut(&path) {
            *count += 1;
            return Ok(Self {
                path,
                took_over: None,
            });
        }
        let me = Holder::current();
        let mut took_over = None;
        // A few tries: a stale lock removed here may be replaced by a live one meanwhile.
        for _ in 0..4 {
            match create_whole(&path, &me.to_text()) {
                Ok(()) => {
                    held.insert(path.clone(), 1);
                    return Ok(Self { path, took_over });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::io(&path, e)),
            };
            let holder = Holder::parse(&text);
            if let Some(holder) = &holder
                && holder.may_be_alive()
            {
                return Err(Error::Locked {
                    path: project.to_owned(),
                    holder: holder.describe(),
                });
            }
            // Stale (or not a lock at all): remove it, unless it changed meanwhile.
            if std::fs::read_to_string(&path).is_ok_and(|now| now == text) {
                std::fs::remove_file(&path).or_else(|e| {
                    if e.kind() == std::io::ErrorKind::NotFound {
                        Ok(())
                    } else {
                        Err(Error::io(&path, e))
                    }
                })?;
            }
            took_over = holder.or(took_over);
        }
        Err(Error::Locked {
            path: project.to_owned(),
            holder: "another process that keeps taking it".to_owned(),
        })
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        let mut held = HELD
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let last = match held.get_mut(&self.path) {
            Some(count) if *count > 1 => {
                *count -= 1;
                false
            }
            _ => true,
        };
        if last {
            held.remove(&self.path);
            // Only our own lock goes (a lock taken over by another process stays theirs).
            let ours = std::fs::read_to_string(&self.path)
                .ok()
                .and_then(|t| Holder::parse(&t))
                .is_some_and(|h| h.pid == std::process::id() && h.host == host_name());
            if ours {
                std::fs::remove_file(&self.path).ok();
            }
        }
    }
}

/// Creates `path` holding `text`, failing with `AlreadyExists` if it is there. The file
/// appears whole: written under a temporary name, then hard-linked into place (or, where
/// the file system has no hard links, created exclusively and written).
fn create_whole(path: &Path, text: &str) -> std::io::Result<()> {
    remove_dead_temps(path);
    let temp = path.with_file_name(format!(
        "{}-{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    std::fs::write(&temp, text)?;
    let linked = std::fs::hard_link(&temp, path);
    std::fs::remove_file(&temp).ok();
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            file.write_all(text.as_bytes())
        }
    }
}

/// Removes the temporary files `create_whole` of a process that no longer runs left beside
/// `path` (`NAME.lock-PID.tmp`: a process killed between writing and linking it). Only on
/// systems with `/proc`, where a dead process can be told from a live one.
fn remove_dead_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!("{}-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !Path::new("/proc").join(pid.to_string()).exists()
        {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_process_lock_temp_is_removed_on_the_next_lock() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join(".a.ron.lock");
        // A pid above the kernel's maximum (4,194,304) never runs.
        let dead = dir.path().join(".a.ron.lock-4999999.tmp");
        let live = dir
            .path()
            .join(format!(".a.ron.lock-{}.tmp", std::process::id()));
        std::fs::write(&dead, "x").unwrap();
        std::fs::write(&live, "y").unwrap();
        create_whole(&lock, "holder").unwrap();
        assert!(!dead.exists(), "the dead process's temp file stays");
        assert_eq!(std::fs::read_to_string(&lock).unwrap(), "holder");
    }

    #[test]
    fn lock_file_is_beside_the_project() {
        assert_eq!(
            lock_path(Path::new("/a/b/talks.ron")),
            PathBuf::from("/a/b/.talks.ron.lock")
        );
    }

    #[test]
    fn taken_counted_and_released() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        let first = ProjectLock::acquire(&project).unwrap();
        let second = ProjectLock::acquire(&project).unwrap();
        assert_eq!(holder(&project).unwrap().pid, std::process::id());
        drop(first);
        assert!(lock_path(&project).exists());
        drop(second);
        assert!(!lock_path(&project).exists());
    }

    #[test]
    fn a_live_holder_refuses_and_a_dead_one_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        // PID 1 runs on every Linux host; another host cannot be checked at all.
        for text in [
            format!("pid=1\nhost={}\n", host_name()),
            "pid=4242\nhost=elsewhere\n".to_owned(),
        ] {
            std::fs::write(lock_path(&project), text).unwrap();
            let err = ProjectLock::acquire(&project).unwrap_err();
            assert!(matches!(err, Error::Locked { .. }), "{err}");
            assert!(err.to_string().contains("p.ron"), "{err}");
        }
        // A process id above the kernel's largest is never running.
        std::fs::write(
            lock_path(&project),
            format!("pid=4194305\nhost={}\n", host_name()),
        )
        .unwrap();
        let lock = ProjectLock::acquire(&project).unwrap();
        assert_eq!(lock.took_over.as_ref().map(|h| h.pid), Some(4_194_305));
        assert_eq!(holder(&project).unwrap().pid, std::process::id());
    }
}
