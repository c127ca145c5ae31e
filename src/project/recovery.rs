//! Recovery copies of unsaved work. While a project has unsaved changes the workbench writes
//! a copy of it, atomically ([`super::atomic_write`]), into a recovery folder: one file per
//! project file (`NAME-HASH.recovery.ron`, `untitled.recovery.ron` for a project never saved).
//! Quitting without saving, or saving, removes it; a crash leaves it, and the next start finds
//! it ([`find`]) and offers to restore it ([`read`]) or discard it ([`discard`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Project;
use crate::{Error, Result};

/// How the recovery file names end.
pub const SUFFIX: &str = ".recovery.ron";

/// What a recovery file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// When it was written, in seconds since 1970 (UTC).
    pub written_at: u64,
    /// The project file the unsaved work belongs to (`None`: never saved).
    pub project_path: Option<PathBuf>,
    /// The project with its unsaved changes.
    pub project: Project,
}

/// A recovery file found at start, described for the restore prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The recovery file.
    pub path: PathBuf,
    /// When it was written, in seconds since 1970 (UTC).
    pub written_at: u64,
    /// The project file it belongs to.
    pub project_path: Option<PathBuf>,
    /// What it holds, in words ("“demo”: 3 articles, 5 edits, 2 merges").
    pub summary: String,
}

/// The recovery file for the project saved at `project_path` (or never saved) in `dir`.
pub fn file_for(dir: &Path, project_path: Option<&Path>) -> PathBuf {
    let Some(path) = project_path else {
        return dir.join(format!("untitled{SUFFIX}"));
    };
    let stem = path.file_stem().map_or_else(
        || "project".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let hash = crate::model::content_hash(&path.to_string_lossy());
    let short: String = hash.chars().rev().take(8).collect();
    dir.join(format!("{stem}-{short}{SUFFIX}"))
}

/// Seconds since 1970 now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs()
}

/// Writes `project` (belonging to `project_path`) as the recovery copy in `dir`, atomically.
/// Returns the file written.
pub fn write(dir: &Path, project_path: Option<&Path>, project: &Project) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = file_for(dir, project_path);
    let recovery = RecoveryRef {
        written_at: now(),
        project_path,
        project,
    };
    let text = ron::ser::to_string(&recovery).map_err(|e| {
        Error::Invalid(format!(
            "{}: the recovery copy cannot be written: {e}",
            path.display()
        ))
    })?;
    super::atomic_write(&path, text.as_bytes())?;
    Ok(path)
}

/// [`Recovery`] by reference, for writing without a copy.
#[derive(Serialize)]
#[serde(rename = "Recovery")]
struct RecoveryRef<'a> {
    written_at: u64,
    project_path: Option<&'a Path>,
    project: &'a Project,
}

/// Reads a recovery file (tokens recomputed, as [`Project::load`] does).
///
/// Errors: [`Error::Io`] when it cannot be read, [`Error::Invalid`] when it is not a
/// recovery file.
pub fn read(path: &Path) -> Result<Recovery> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut recovery: Recovery = ron::from_str(&text)
        .map_err(|e| Error::Invalid(format!("{}: not a recovery file: {e}", path.display())))?;
    recovery.project.recompute_tokens();
    Ok(recovery)
}

/// Removes a recovery file (a missing one is fine).
pub fn discard(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// The recovery files in `dir`, newest first, each described. Files that cannot be read
/// are described as such (so that they can still be discarded).
pub fn find(dir: &Path) -> Vec<Found> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<Found> = entries
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(SUFFIX))
        .map(|path| match read(&path) {
            Ok(r) => Found {
                summary: summary(&r.project),
                written_at: r.written_at,
                project_path: r.project_path,
                path,
            },
            Err(e) => Found {
                summary: format!("unreadable: {e}"),
                written_at: 0,
                project_path: None,
                path,
            },
        })
        .collect();
    found.sort_by(|a, b| b.written_at.cmp(&a.written_at).then(a.path.cmp(&b.path)));
    found
}

/// What a project holds, in words.
pub fn summary(project: &Project) -> String {
    let c = &project.curation;
    let edits: usize = c.edits.values().map(super::edits::DocumentEdits::len).sum();
    let noted = c.notes_and_tags.values().filter(|n| !n.is_empty()).count();
    let name = if project.name.is_empty() {
        "Untitled"
    } else {
        &project.name
    };
    format!(
        "“{name}”: {} articles, {edits} edits, {} merges, {noted} notes or tags",
        project.documents.len(),
        c.entities.merges.len()
    )
}

/// `seconds` since 1970 as `YYYY-MM-DD HH:MM UTC`.
pub fn format_time(seconds: u64) -> String {
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let rest = seconds % 86_400;
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        (rest % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn a_recovery_copy_round_trips_and_is_found_and_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::new("talks");
        project.add_documents(vec![Document::new("a", "Ali met Bo in Kabul.")]);
        project.curation.notes = "unsaved".to_owned();
        let saved_at = dir.path().join("talks.ron");
        let path = write(dir.path(), Some(&saved_at), &project).unwrap();
        assert!(path.to_string_lossy().ends_with(SUFFIX));
        let found = find(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].project_path.as_deref(), Some(saved_at.as_path()));
        assert!(
            found[0].summary.contains("1 articles"),
            "{}",
            found[0].summary
        );
        let back = read(&path).unwrap();
        assert_eq!(back.project.curation.notes, "unsaved");
        assert_eq!(back.project.documents[0].text, "Ali met Bo in Kabul.");
        discard(&path).unwrap();
        assert!(find(dir.path()).is_empty());
        discard(&path).unwrap();
    }

    #[test]
    fn times_are_shown_as_utc_dates() {
        assert_eq!(format_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_time(1_796_630_400 + 3_660), "2026-12-07 09:01 UTC");
    }
}
