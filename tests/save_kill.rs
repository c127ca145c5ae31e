//! Interrupted and concurrent saves, with the real binary: `quarry import` on a large
//! project is killed at several points (while it holds the lock and reads, once its temp
//! file exists, while the temp file is written, once the project file was replaced); each
//! time the project must load, complete, as the old or the new version, and the next
//! import must leave no temp file nor lock behind. A second `quarry import` of a project
//! another one is writing is refused naming the holder; a stale lock is taken over.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use quarry::model::Document;
use quarry::project::{Project, lock};

/// The most a child is watched before the test gives up on a kill point.
const WATCH: Duration = Duration::from_secs(240);

/// A project of `docs` articles of about 140 kB each, without annotations.
fn big_project(docs: usize) -> Project {
    let mut project = Project::new("big");
    let documents = (0..docs)
        .map(|i| {
            let mut text = String::new();
            for s in 0..2_500 {
                let _ = write!(
                    text,
                    "Article {i} sentence {s} tells of the talks in Doha. "
                );
            }
            Document::new(format!("article-{i}"), text)
        })
        .collect();
    project.add_documents(documents);
    project
}

/// The temp files beside `project`.
fn temps(project: &Path) -> Vec<PathBuf> {
    let name = project.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<PathBuf> = std::fs::read_dir(project.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(&format!(".{name}.")) && n.ends_with(".tmp")
        })
        .collect();
    found.sort();
    found
}

fn import(project: &Path, article: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quarry"));
    command
        .arg("import")
        .arg(project)
        .arg(article)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Where to kill the import.
#[derive(Clone, Copy, Debug)]
enum Point {
    /// Once it holds the lock (it is reading the project or extracting).
    Locked,
    /// Once its temp file exists.
    TempCreated,
    /// Once its temp file has some bytes.
    TempWriting,
    /// Once the project file was replaced (the folder sync, the unlock).
    Replaced,
}

/// Watches `child` until `point` is reached and kills it there; returns whether it was
/// (the child may finish first).
fn kill_at(child: &mut Child, project: &Path, point: Point, old_size: u64) -> bool {
    let start = Instant::now();
    while start.elapsed() < WATCH {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let reached = match point {
            Point::Locked => lock::lock_path(project).exists(),
            Point::TempCreated => !temps(project).is_empty(),
            Point::TempWriting => temps(project)
                .iter()
                .any(|t| std::fs::metadata(t).is_ok_and(|m| m.len() > 0)),
            Point::Replaced => std::fs::metadata(project).is_ok_and(|m| m.len() != old_size),
        };
        if reached {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("{point:?} not reached in {WATCH:?}");
}

#[test]
fn a_killed_save_leaves_the_old_or_the_new_project_and_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = dir.path().join("big.ron");
    let old = big_project(300);
    old.save(&project_path).unwrap();
    let old_size = std::fs::metadata(&project_path).unwrap().len();
    // The old version as loaded (loading derives layers the in-memory project lacks).
    let old = Project::load(&project_path).unwrap();
    assert!(old_size > 35_000_000, "{old_size} bytes");
    let article = dir.path().join("new-article.txt");
    std::fs::write(
        &article,
        "Envoy Zalmay Khalilzad met Mullah Baradar in Doha on Tuesday, officials said.",
    )
    .unwrap();

    let mut reached = Vec::new();
    for point in [
        Point::Locked,
        Point::TempCreated,
        Point::TempWriting,
        Point::Replaced,
    ] {
        // Each round starts from the old project.
        old.save(&project_path).unwrap();
        let mut child = import(&project_path, &article).spawn().unwrap();
        let killed = kill_at(&mut child, &project_path, point, old_size);
        reached.push((point, killed));

        let loaded = Project::load(&project_path).unwrap();
        match loaded.documents.len() {
            // Compared without printing 40 MB on failure.
            300 => assert!(loaded == old, "{point:?}: not the old version"),
            301 => {
                assert!(
                    loaded.documents[..300] == old.documents[..],
                    "{point:?}: old part differs"
                );
                assert_eq!(loaded.documents[300].id, "new-article", "{point:?}");
            }
            n => panic!("{point:?}: {n} documents"),
        }

        // The next import takes over the lock, removes the temp file, and adds the article.
        let output = import(&project_path, &article).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{point:?}: {stderr}");
        assert!(
            temps(&project_path).is_empty(),
            "{point:?}: {:?}",
            temps(&project_path)
        );
        assert!(
            !lock::lock_path(&project_path).exists(),
            "{point:?}: a lock stayed"
        );
        let loaded = Project::load(&project_path).unwrap();
        assert_eq!(loaded.documents.len(), 301, "{point:?}");
    }
    // The points inside the save must have been hit (a machine fast enough to write 40 MB
    // between two looks would not test anything).
    let hit = reached.iter().filter(|(_, killed)| *killed).count();
    assert!(hit >= 3, "{reached:?}");
}

#[test]
fn a_second_import_of_a_project_being_written_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = dir.path().join("shared.ron");
    big_project(80).save(&project_path).unwrap();
    let first = dir.path().join("first.txt");
    std::fs::write(&first, "The first researcher's article about Kabul.").unwrap();
    let second = dir.path().join("second.txt");
    std::fs::write(&second, "The second researcher's article about Islamabad.").unwrap();

    let mut writer = import(&project_path, &first).spawn().unwrap();
    let start = Instant::now();
    while !lock::lock_path(&project_path).exists() {
        assert!(
            writer.try_wait().unwrap().is_none(),
            "the first import ended early"
        );
        assert!(start.elapsed() < WATCH);
        std::thread::sleep(Duration::from_millis(1));
    }
    let output = import(&project_path, &second).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "open for writing in another Quarry (process {} on host",
            writer.id()
        )),
        "{stderr}"
    );
    assert!(writer.wait().unwrap().success());
    let loaded = Project::load(&project_path).unwrap();
    let ids: Vec<&str> = loaded.documents.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&"first"), "{:?}", &ids[ids.len() - 2..]);
    assert!(!ids.contains(&"second"));
}

#[test]
fn a_stale_lock_and_temp_file_are_taken_over_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = dir.path().join("stale.ron");
    big_project(2).save(&project_path).unwrap();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    // A process id above the kernel's largest never runs.
    std::fs::write(
        lock::lock_path(&project_path),
        format!("pid=4194305\nhost={}\n", host.trim()),
    )
    .unwrap();
    let temp = dir.path().join(".stale.ron.Ab12Cd.tmp");
    std::fs::write(&temp, "half a project").unwrap();
    let article = dir.path().join("after.txt");
    std::fs::write(&article, "The article added after the crash.").unwrap();
    let output = import(&project_path, &article).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("took over the lock left by process 4194305"),
        "{stderr}"
    );
    assert!(
        stderr.contains(".stale.ron.Ab12Cd.tmp (left by an interrupted save)"),
        "{stderr}"
    );
    assert!(!temp.exists());
    assert!(!lock::lock_path(&project_path).exists());
    assert_eq!(Project::load(&project_path).unwrap().documents.len(), 3);
}
