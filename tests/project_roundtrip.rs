//! Project files: save → load round trips, newer versions, atomic save under failure, and
//! damaged files (the extraction sidecar has its own tests in `project_sidecar.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::project_common;
use project_common as common;

use std::io;
use std::path::{Path, PathBuf};

use quarry::Error;
use quarry::model::{Document, Token};
use quarry::project::{FORMAT_VERSION, Project};

fn sample_project() -> Project {
    let mut project = Project::new("Afghan peace talks");
    project.settings.disabled_stages = vec!["cooccurrence".to_owned()];
    "Check Qureshi’s second quote.\nSecond line.".clone_into(&mut project.curation.notes);
    project
        .curation
        .graph_positions
        .insert("PER:Shah Mahmood Qureshi".to_owned(), [12.5, -3.25]);
    let report = project.add_documents(vec![
        common::annotated_document("qureshi"),
        Document::new("empty", ""),
    ]);
    assert_eq!(report.added, vec!["qureshi".to_owned(), "empty".to_owned()]);
    project
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn project_round_trip_keeps_every_layer_and_recomputes_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    let project = sample_project();
    project.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = Project::load(&path).unwrap();

    // Tokens are derived and not stored: they come back as the tokens stage makes them
    // (not the hand-made ones); everything else comes back equal.
    assert!(!text.contains("tokens"), "tokens must not be saved");
    let mut expected = project.clone();
    for doc in expected.documents_mut() {
        doc.annotations.tokens = vec![Token {
            span: quarry::model::Span::new(0, 1),
            pos: None,
        }];
    }
    expected.recompute_tokens();
    assert_eq!(loaded, expected);
    let doc = &loaded.documents[0];
    let words: Vec<&str> = doc
        .annotations
        .tokens
        .iter()
        .map(|t| t.span.text(&doc.text))
        .collect();
    assert_eq!(&words[..4], ["Foreign", "Minister", "Shah", "Mahmood"]);
    assert!(words.contains(&"Islāmābād"), "{words:?}");
    assert_ne!(
        doc.annotations.tokens,
        project.documents[0].annotations.tokens
    );
}

#[test]
fn project_file_is_pretty_ron_with_struct_names_in_field_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    sample_project().save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let order = [
        "Project(",
        "format_version: 3,",
        "name: \"Afghan peace talks\"",
        "documents: [",
        "Document(",
        "meta: Metadata(",
        "content_hash: ",
        "text: ",
        "settings: PipelineSettings(",
        "curation: Curation(",
    ];
    let mut at = 0;
    for needle in order {
        let found = text[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing or out of order"));
        at += found + needle.len();
    }
    // The extractions are in the sidecar, not in the project file.
    assert!(!text.contains("annotations"), "{text}");
    assert!(!text.contains("Mention("), "{text}");
    let sidecar = Project::sidecar_path(&path);
    assert_eq!(sidecar, dir.path().join("talks.ron.cache"));
    assert!(std::fs::metadata(&sidecar).unwrap().len() > 100);
    // Saving the same project twice gives the same bytes, in both files.
    let again = dir.path().join("again.ron");
    sample_project().save(&again).unwrap();
    assert_eq!(std::fs::read(&again).unwrap(), text.as_bytes());
    assert_eq!(
        std::fs::read(Project::sidecar_path(&again)).unwrap(),
        std::fs::read(&sidecar).unwrap()
    );
}

#[test]
fn project_newer_version_is_refused_naming_file_and_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-the-future.ron");
    let newer = FORMAT_VERSION + 1;
    std::fs::write(
        &path,
        format!("Project(\n  format_version: {newer},\n  hologram: Some(Wormhole(42)),\n)\n"),
    )
    .unwrap();
    let err = Project::load(&path).unwrap_err();
    assert!(
        matches!(err, Error::NewerFormat { found, supported, .. } if found == newer && supported == FORMAT_VERSION),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("from-the-future.ron"), "{message}");
    assert!(message.contains(&newer.to_string()), "{message}");
    assert!(message.contains(&FORMAT_VERSION.to_string()), "{message}");
}

#[test]
fn project_version_zero_is_refused_as_too_old() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ancient.ron");
    std::fs::write(&path, "Project(format_version: 0)").unwrap();
    let err = Project::load(&path).unwrap_err();
    assert!(
        matches!(err, Error::OlderFormat { found: 0, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("ancient.ron"));
}

#[test]
fn project_version_is_found_when_not_the_first_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reordered.ron");
    std::fs::write(
        &path,
        "// hand-edited\nProject(name: \"x\", documents: [], format_version: 9)",
    )
    .unwrap();
    let err = Project::load(&path).unwrap_err();
    assert!(
        matches!(err, Error::NewerFormat { found: 9, .. }),
        "{err:?}"
    );
}

#[test]
fn project_failed_save_leaves_old_file_intact_and_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    let old = Project::new("old");
    old.save(&path).unwrap();
    let before = std::fs::read(&path).unwrap();

    let new = sample_project();
    let err = new
        .save_with_writer(&path, &mut |file, bytes| {
            // Half the bytes reach the disk, then it fails.
            io::Write::write_all(file, &bytes[..bytes.len() / 2])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
        })
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("talks.ron"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "old file changed");
    assert_eq!(files_in(dir.path()), ["talks.ron", "talks.ron.cache"]);
    assert_eq!(Project::load(&path).unwrap().name, "old");

    // And a later save that works replaces it, keeping the files it replaced as the backup.
    new.save(&path).unwrap();
    assert_eq!(Project::load(&path).unwrap().name, new.name);
    assert_eq!(
        files_in(dir.path()),
        [
            "talks.ron",
            "talks.ron.bak",
            "talks.ron.bak.cache",
            "talks.ron.cache"
        ]
    );
    assert_eq!(std::fs::read(Project::backup_path(&path)).unwrap(), before);
}

#[test]
fn project_save_keeps_the_previous_file_as_bak_and_a_failed_save_leaves_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    let backup = Project::backup_path(&path);
    assert_eq!(backup, dir.path().join("talks.ron.bak"));

    // The first save has nothing to back up.
    Project::new("first").save(&path).unwrap();
    assert!(!backup.exists());
    let first = std::fs::read(&path).unwrap();

    let second = sample_project();
    second.save(&path).unwrap();
    assert_eq!(std::fs::read(&backup).unwrap(), first);
    assert_eq!(Project::load(&backup).unwrap().name, "first");
    let second_bytes = std::fs::read(&path).unwrap();

    // Each save moves the backup on by one.
    Project::new("third").save(&path).unwrap();
    assert_eq!(std::fs::read(&backup).unwrap(), second_bytes);
    assert_eq!(Project::load(&backup).unwrap().name, second.name);
    let third_bytes = std::fs::read(&path).unwrap();

    // A save that fails leaves the file and its backup as they were.
    let err = Project::new("fourth")
        .save_with_writer(&path, &mut |file, bytes| {
            io::Write::write_all(file, &bytes[..bytes.len() / 3])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
        })
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), third_bytes);
    assert_eq!(std::fs::read(&backup).unwrap(), second_bytes);
    assert_eq!(
        files_in(dir.path()),
        [
            "talks.ron",
            "talks.ron.bak",
            "talks.ron.bak.cache",
            "talks.ron.cache"
        ]
    );
    // The backup's sidecar is the one saved with it: it loads with its extractions.
    let loaded = Project::load_with(&backup, &|_| {}).unwrap();
    assert_eq!(loaded.project.name, second.name);
    assert_eq!(loaded.report.from_sidecar, 2);
    assert!(loaded.report.warnings.is_empty(), "{:?}", loaded.report);
}

#[test]
fn project_save_into_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("missing").join("talks.ron");
    let err = sample_project().save(&path).unwrap_err();
    assert!(err.to_string().contains("talks.ron"), "{err}");
    assert!(!path.exists());
}

/// Saves the sample project, applies `damage` to its text, and loads it.
fn load_damaged(damage: impl FnOnce(String) -> Vec<u8>) -> Error {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.ron");
    sample_project().save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, damage(text)).unwrap();
    let err = Project::load(&path).unwrap_err();
    assert!(err.to_string().contains("damaged.ron"), "{err}");
    err
}

#[test]
fn project_invalid_ron_reports_line_and_column() {
    // Remove the comma after the name on line 3: the next field starts on line 4.
    let err = load_damaged(|t| {
        t.replacen("\"Afghan peace talks\",", "\"Afghan peace talks\"", 1)
            .into_bytes()
    });
    match &err {
        Error::ProjectSyntax { line, column, .. } => {
            assert_eq!(*line, 4, "{err}");
            assert!(*column >= 1, "{err}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(err.to_string().contains("damaged.ron:4:"), "{err}");

    // A value of the wrong type is a structural error with a position too.
    let err = load_damaged(|t| {
        t.replacen("format: \"txt\"", "format: Martian", 1)
            .into_bytes()
    });
    let Error::ProjectSyntax { line, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(*line > 10, "{err}");
}

#[test]
fn project_truncated_file_is_an_error_at_every_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.ron");
    sample_project().save(&path).unwrap();
    let full = std::fs::read(&path).unwrap();
    let mut cuts = 0;
    for cut in (0..full.len() - 2).step_by((full.len() / 80).max(1)) {
        std::fs::write(&path, &full[..cut]).unwrap();
        let err = Project::load(&path).expect_err("a truncated project must not load");
        assert!(err.to_string().contains("cut.ron"), "{err}");
        cuts += 1;
    }
    assert!(cuts > 50);
    let err = load_damaged(|t| t.as_bytes()[..t.len() / 2].to_vec());
    assert!(matches!(err, Error::ProjectSyntax { .. }), "{err:?}");
}

#[test]
fn project_binary_garbage_is_an_error() {
    // Deterministic pseudo-random bytes (xorshift).
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let err = load_damaged(|_| bytes.clone());
    assert!(
        matches!(err, Error::ProjectSyntax { line: 1.., .. }),
        "{err:?}"
    );
    // Valid UTF-8 that is not RON.
    let err = load_damaged(|_| "\u{0}\u{1}PK\u{3}\u{4} ☃ {[(".as_bytes().to_vec());
    assert!(matches!(err, Error::ProjectSyntax { .. }), "{err:?}");
    // An empty file.
    let err = load_damaged(|_| Vec::new());
    assert!(matches!(err, Error::ProjectSyntax { .. }), "{err:?}");
}

#[test]
fn project_offsets_that_do_not_fit_the_text_are_refused() {
    // Annotations written inline by hand (the sidecar holds the saved ones) are checked.
    let err = load_damaged(|t| {
        let at = t.find("      text: ").unwrap();
        let at = at + t[at..].find('\n').unwrap() + 1;
        format!(
            "{}      annotations: Annotations(mentions: [Mention(span: Span(start: 17, \
             end: 9999), entity_type: Person)]),\n{}",
            &t[..at],
            &t[at..]
        )
        .into_bytes()
    });
    assert!(matches!(err, Error::Parse { .. }), "{err:?}");
    assert!(err.to_string().contains("mention 0"), "{err}");
    // Text edited by hand: the stored hash no longer matches.
    let err = load_damaged(|t| {
        t.replacen("Islāmābād on Monday", "Islamabad on Monday", 1)
            .into_bytes()
    });
    assert!(err.to_string().contains("content_hash"), "{err}");
}

#[test]
fn project_add_documents_skips_duplicates_and_renames_ids() {
    let mut project = sample_project();
    let mut same_text = Document::new("copy", common::annotated_document("x").text);
    same_text.meta.path = Some("elsewhere/copy.txt".into());
    let report = project.add_documents(vec![
        same_text,
        Document::new("qureshi", "A different article."),
        Document::new("qureshi", "Yet another article."),
        Document::new("dup-in-batch", "Yet another article."),
        Document::new("", "No id at all."),
    ]);
    assert_eq!(report.added, vec!["qureshi-2", "qureshi-3", "document"]);
    assert_eq!(report.skipped.len(), 2);
    assert_eq!(report.skipped[0].id, "copy");
    assert_eq!(report.skipped[0].duplicate_of, "qureshi");
    assert_eq!(
        report.skipped[0].path.as_deref(),
        Some(Path::new("elsewhere/copy.txt"))
    );
    assert_eq!(report.skipped[1].duplicate_of, "qureshi-3");
    let ids: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["qureshi", "empty", "qureshi-2", "qureshi-3", "document"]
    );
    assert!(project.contains_content(&quarry::model::content_hash("No id at all.")));
}

#[test]
fn project_save_writes_the_right_hash_even_if_a_document_has_a_stale_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stale.ron");
    let mut project = sample_project();
    project.documents[0].content_hash = "0000".to_owned();
    project.documents[1].content_hash.clear();
    project.save(&path).unwrap();
    let loaded = Project::load(&path).unwrap();
    for doc in &loaded.documents {
        assert_eq!(doc.content_hash, quarry::model::content_hash(&doc.text));
    }
    // A file without hashes (written by hand) loads and gets them filled in.
    let text = std::fs::read_to_string(&path).unwrap();
    let without: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("content_hash:"))
        .collect();
    let without = without.join("\n");
    std::fs::write(&path, without).unwrap();
    assert_eq!(Project::load(&path).unwrap(), loaded);
}
