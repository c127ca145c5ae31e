//! The extraction sidecar (`NAME.ron.cache`): projects of real extractions round trip
//! through it; a missing, stale, damaged or older sidecar makes the load extract the
//! uncovered articles again — the same project, with a warning naming the sidecar — and
//! never fails; a save that fails on either file leaves both old files as they were.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::io;
use std::path::Path;
use std::sync::Mutex;

use quarry::ingest;
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::project::{Loaded, Project, Step};

/// A project of the first `n` demo articles, extracted by the pipeline, with curation.
fn extracted_project(n: usize) -> Project {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/demo/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let pipeline = Pipeline::new(&PipelineSettings::default()).unwrap();
    let docs = files
        .iter()
        .take(n)
        .map(|f| {
            let mut doc = ingest::load_file(f).unwrap();
            pipeline.run(&mut doc);
            doc
        })
        .collect();
    let mut project = Project::new("sidecar");
    project.add_documents(docs);
    "Check the second quote.".clone_into(&mut project.curation.notes);
    project
        .curation
        .entities
        .merges
        .insert("PER:a".to_owned(), "PER:b".to_owned());
    project
}

/// `project` as a load gives it back: tokens derived again, without POS tags.
fn as_loaded(project: &Project) -> Project {
    let mut expected = project.clone();
    expected.recompute_tokens();
    expected
}

fn load(path: &Path) -> Loaded {
    Project::load_with(path, &|_| {}).unwrap()
}

#[test]
fn project_sidecar_round_trip_keeps_extractions_and_curation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let project = extracted_project(3);
    assert!(
        project
            .documents
            .iter()
            .all(|d| !d.annotations.mentions.is_empty())
    );
    project.save(&path).unwrap();
    let steps = Mutex::new(Vec::new());
    let loaded = Project::load_with(&path, &|s: Step| steps.lock().unwrap().push(s)).unwrap();
    assert_eq!(loaded.report.from_sidecar, 3);
    assert_eq!(loaded.report.extracted, 0);
    assert!(loaded.report.warnings.is_empty(), "{:?}", loaded.report);
    assert_eq!(loaded.project, as_loaded(&project));
    // The progress named the steps, each ending done.
    let steps = steps.into_inner().unwrap();
    for phase in ["Reading project", "Reading extractions", "Deriving tokens"] {
        assert!(
            steps.iter().any(|s| s.phase == phase && s.done == s.total),
            "{phase}: {steps:?}"
        );
    }
}

/// Saves the extracted project, lets `damage` change its sidecar, and loads it: it must be
/// the same project, with the documents extracted again and a warning containing `why`.
fn check_reextracted(damage: impl FnOnce(&Path), why: &str, extracted: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let project = extracted_project(3);
    project.save(&path).unwrap();
    damage(&Project::sidecar_path(&path));
    let loaded = load(&path);
    assert_eq!(loaded.project, as_loaded(&project), "{why}");
    assert_eq!(
        loaded.report.extracted, extracted,
        "{why}: {:?}",
        loaded.report
    );
    assert_eq!(loaded.report.from_sidecar, 3 - extracted, "{why}");
    let [warning] = &loaded.report.warnings[..] else {
        panic!("{why}: {:?}", loaded.report.warnings)
    };
    assert!(warning.contains("p.ron.cache"), "{warning}");
    assert!(warning.contains(why), "{warning}");
    assert!(
        warning.contains(&format!("extractions of {extracted} article(s)")),
        "{warning}"
    );
    // The next save writes a whole sidecar again.
    loaded.project.save(&path).unwrap();
    let again = load(&path);
    assert_eq!(again.report.from_sidecar, 3);
    assert!(again.report.warnings.is_empty());
}

#[test]
fn project_sidecar_missing_is_extracted_again_with_a_warning() {
    check_reextracted(|s| std::fs::remove_file(s).unwrap(), "is missing", 3);
}

#[test]
fn project_sidecar_of_other_settings_is_stale() {
    // A sidecar written for the same texts with other settings.
    let other = tempfile::tempdir().unwrap();
    let other_path = other.path().join("o.ron");
    let mut project = extracted_project(3);
    project
        .settings
        .disabled_stages
        .push("cooccurrence".to_owned());
    project.save(&other_path).unwrap();
    check_reextracted(
        |s| {
            std::fs::copy(Project::sidecar_path(&other_path), s).unwrap();
        },
        "other pipeline settings",
        3,
    );
}

#[test]
fn project_sidecar_that_is_not_one_is_ignored() {
    check_reextracted(
        |s| std::fs::write(s, "Project(format_version: 3)").unwrap(),
        "too short",
        3,
    );
    check_reextracted(
        |s| std::fs::write(s, vec![0x5a; 4096]).unwrap(),
        "not a Quarry extraction sidecar",
        3,
    );
}

#[test]
fn project_sidecar_damaged_or_cut_loses_only_the_records_hit() {
    // A byte flipped inside the last record.
    check_reextracted(
        |s| {
            let mut bytes = std::fs::read(s).unwrap();
            let at = bytes.len() - 40;
            bytes[at] ^= 0x10;
            std::fs::write(s, bytes).unwrap();
        },
        "checksum",
        1,
    );
    // Cut in the middle of the last record.
    check_reextracted(
        |s| {
            let bytes = std::fs::read(s).unwrap();
            std::fs::write(s, &bytes[..bytes.len() - 40]).unwrap();
        },
        "ends after 2 of its 3 records",
        1,
    );
}

#[test]
fn project_sidecar_every_single_byte_flip_loads_the_same_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let project = extracted_project(1);
    project.save(&path).unwrap();
    let expected = as_loaded(&project);
    let sidecar = Project::sidecar_path(&path);
    let good = std::fs::read(&sidecar).unwrap();
    let mut flips = 0;
    for at in (0..good.len()).step_by(good.len() / 40 + 1) {
        let mut bytes = good.clone();
        bytes[at] ^= 0xff;
        std::fs::write(&sidecar, &bytes).unwrap();
        let loaded = load(&path);
        assert!(loaded.project == expected, "flip at {at}");
        assert_eq!(loaded.report.warnings.len(), 1, "flip at {at}");
        flips += 1;
    }
    assert!(flips >= 40);
}

#[test]
fn project_sidecar_older_than_the_project_file_extracts_the_new_article() {
    // What a crash between the sidecar's rename and the project file's leaves, the other
    // way round: a project file with an article its sidecar does not know.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let project = extracted_project(3);
    let mut fewer = project.clone();
    fewer.documents.truncate(2);
    fewer.save(&path).unwrap();
    let old_sidecar = std::fs::read(Project::sidecar_path(&path)).unwrap();
    project.save(&path).unwrap();
    std::fs::write(Project::sidecar_path(&path), old_sidecar).unwrap();
    let loaded = load(&path);
    assert_eq!(loaded.project, as_loaded(&project));
    assert_eq!(
        (loaded.report.from_sidecar, loaded.report.extracted),
        (2, 1)
    );
    assert!(
        loaded.report.warnings[0].contains("has no extraction for 1 article(s)"),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn project_sidecar_newer_than_the_project_file_keeps_the_old_curation() {
    // A crash after the sidecar was renamed but before the project file was: the old
    // project file (its curation) with the new sidecar.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let old = extracted_project(2);
    old.save(&path).unwrap();
    let old_file = std::fs::read(&path).unwrap();
    let mut new = extracted_project(3);
    "New notes, not saved.".clone_into(&mut new.curation.notes);
    new.save(&path).unwrap();
    std::fs::write(&path, old_file).unwrap();
    let loaded = load(&path);
    assert_eq!(loaded.project, as_loaded(&old));
    assert_eq!(loaded.report.from_sidecar, 2);
    assert!(loaded.report.warnings.is_empty());
}

#[test]
fn project_sidecar_a_save_failing_on_either_file_leaves_both_old_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let sidecar = Project::sidecar_path(&path);
    let old = extracted_project(2);
    old.save(&path).unwrap();
    let (old_file, old_sidecar) = (
        std::fs::read(&path).unwrap(),
        std::fs::read(&sidecar).unwrap(),
    );
    let new = extracted_project(3);
    // The two files are written at the same time: fail each in turn.
    for fail_at in ["QRYXTRC", "Project("] {
        let err = new
            .save_with_writer(&path, &mut |file, bytes| {
                if bytes.starts_with(fail_at.as_bytes()) {
                    io::Write::write_all(file, &bytes[..bytes.len() / 2])?;
                    return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
                }
                io::Write::write_all(file, bytes)
            })
            .unwrap_err();
        assert!(err.to_string().contains("no space left"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), old_file, "call {fail_at}");
        assert_eq!(
            std::fs::read(&sidecar).unwrap(),
            old_sidecar,
            "call {fail_at}"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "temp files left: {names:?}");
        let loaded = load(&path);
        assert_eq!(loaded.project, as_loaded(&old));
        assert!(loaded.report.warnings.is_empty());
    }
}
