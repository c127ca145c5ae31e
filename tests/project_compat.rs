//! Committed project files of older format versions keep loading (tantivy's compat tests).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::{Path, PathBuf};

use quarry::model::content_hash;
use quarry::project::{FORMAT_VERSION, Project};

fn compat_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/compat")
}

#[test]
fn project_v1_fixture_migrates_to_current_version() {
    let path = compat_dir().join("v1/afghan-talks.ron");
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(
        raw.contains("format_version: 1,"),
        "the fixture must stay a v1 file"
    );
    assert!(!raw.contains("content_hash:"));

    let project = Project::load(&path).unwrap();
    assert_eq!(project.format_version, FORMAT_VERSION);
    assert_eq!(project.name, "Afghan peace talks");
    // `pipeline` became `settings`.
    assert_eq!(
        project.settings.disabled_stages,
        vec!["cooccurrence".to_owned()]
    );
    assert!(!project.settings.runs("cooccurrence"));
    assert_eq!(
        project.curation.graph_positions["PER:Shah Mahmood Qureshi"],
        [12.5, -3.25]
    );

    assert_eq!(project.documents.len(), 2);
    let doc = &project.documents[0];
    assert_eq!(doc.id, "qureshi");
    // The hash was computed from the text, the format derived from the file extension.
    assert_eq!(doc.content_hash, content_hash(&doc.text));
    assert_eq!(doc.meta.format, "txt");
    assert_eq!(project.documents[1].meta.format, "");

    // The annotations survived with offsets that still point at the right words.
    let a = &doc.annotations;
    assert_eq!(a.sentences.len(), 3);
    let surface: Vec<&str> = a.mentions.iter().map(|m| m.span.text(&doc.text)).collect();
    assert_eq!(
        surface,
        [
            "Foreign Minister",
            "Shah Mahmood Qureshi",
            "Zalmay Khalilzad",
            "Islāmābād",
            "Pakistan",
            "Afghanistan",
            "Qureshi",
            "Khalilzad"
        ]
    );
    assert_eq!(a.entities[0].canonical_name, "Shah Mahmood Qureshi");
    assert_eq!(
        a.quotes[0].content.text(&doc.text),
        "Pakistan wants peace in Afghanistan,"
    );
    assert_eq!(a.quotes[1].speaker.unwrap().text(&doc.text), "Khalilzad");
    assert_eq!(a.relations.len(), 3);
    assert_eq!(a.relations[0].trigger.unwrap().text(&doc.text), "met");
    // Tokens are not stored; loading recomputed them.
    assert!(a.tokens.len() > 20, "{:?}", a.tokens);
}

#[test]
fn project_v1_fixture_saves_as_current_version_and_reloads_equal() {
    let project = Project::load(&compat_dir().join("v1/afghan-talks.ron")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("upgraded.ron");
    project.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("format_version: {FORMAT_VERSION},")));
    assert!(text.contains("settings: PipelineSettings("));
    assert!(!text.contains("pipeline:"));
    assert_eq!(Project::load(&path).unwrap(), project);
}

/// Copies a committed fixture (and its sidecar, if any) into a temp folder, so that a test
/// that saves never touches the committed files.
fn copy_fixture(rel: &str, dir: &Path) -> PathBuf {
    let from = compat_dir().join(rel);
    let to = dir.join(from.file_name().unwrap());
    std::fs::copy(&from, &to).unwrap();
    let sidecar = Project::sidecar_path(&from);
    if sidecar.exists() {
        std::fs::copy(&sidecar, Project::sidecar_path(&to)).unwrap();
    }
    to
}

#[test]
fn project_v2_fixture_loads_its_inline_extractions_and_saves_as_v3() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_fixture("v2/afghan-talks.ron", dir.path());
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(
        raw.contains("format_version: 2,"),
        "the fixture must stay a v2 file"
    );
    assert!(raw.contains("annotations: Annotations("));
    assert!(!Project::sidecar_path(&path).exists());

    // Extractions inline: no sidecar is looked for, nothing is extracted, no warning.
    let loaded = Project::load_with(&path, &|_| {}).unwrap();
    assert_eq!(loaded.report, quarry::project::LoadReport::default());
    let project = loaded.project;
    assert_eq!(project.format_version, FORMAT_VERSION);
    assert_eq!(project.documents.len(), 3);
    let doha = &project.documents[2];
    assert_eq!(doha.id, "doha-envoy");
    let names: Vec<&str> = doha
        .annotations
        .entities
        .iter()
        .map(|e| e.canonical_name.as_str())
        .collect();
    assert!(names.contains(&"Zalmay Khalilzad"), "{names:?}");
    assert!(!doha.annotations.quotes.is_empty());
    assert_eq!(
        project.curation.graph_positions["PER:Shah Mahmood Qureshi"],
        [12.5, -3.25]
    );

    // Saved as v3: the extractions move to the sidecar and come back equal from it.
    project.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("format_version: {FORMAT_VERSION},")));
    assert!(!text.contains("annotations"));
    let reloaded = Project::load_with(&path, &|_| {}).unwrap();
    assert_eq!(reloaded.report.from_sidecar, 3);
    assert!(reloaded.report.warnings.is_empty());
    assert_eq!(reloaded.project, project);
}

#[test]
fn project_v3_fixture_takes_its_extractions_from_its_sidecar() {
    let v2 = Project::load(&compat_dir().join("v2/afghan-talks.ron")).unwrap();
    let path = compat_dir().join("v3/afghan-talks.ron");
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(
        raw.contains("format_version: 3,"),
        "the fixture must stay a v3 file"
    );
    assert!(!raw.contains("annotations"));
    let loaded = Project::load_with(&path, &|_| {}).unwrap();
    assert_eq!(loaded.report.from_sidecar, 3, "{:?}", loaded.report);
    assert_eq!(loaded.report.extracted, 0);
    assert!(loaded.report.warnings.is_empty());
    // The v3 fixture is the v2 one saved again: the same project, hand-made extractions
    // (which no pipeline would make again) included.
    assert_eq!(loaded.project, v2);
    assert_eq!(
        loaded.project.documents[0].annotations.entities[0].canonical_name,
        "Shah Mahmood Qureshi"
    );
}

#[test]
fn project_every_compat_fixture_loads() {
    let mut count = 0;
    for version_dir in std::fs::read_dir(compat_dir()).unwrap() {
        let version_dir = version_dir.unwrap().path();
        if !version_dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&version_dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "ron") {
                let project = Project::load(&file)
                    .unwrap_or_else(|e| panic!("{} no longer loads: {e}", file.display()));
                assert!(!project.documents.is_empty());
                count += 1;
            }
        }
    }
    assert!(count >= 1, "no compat fixtures found");
}
