//! The bundled demo project: it loads, holds every article of `projects/demo/articles`, and
//! its extractions are what the current pipeline produces (regenerate it after a pipeline
//! change: `rm -f projects/demo/demo.ron projects/demo/demo.ron.cache && cargo build
//! --no-default-features && target/debug/quarry import projects/demo/demo.ron
//! projects/demo/articles`, and commit both files).

use std::path::{Path, PathBuf};

use quarry::{
    ingest,
    pipeline::{Pipeline, PipelineSettings},
    project::Project,
};

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/demo")
}

#[test]
fn demo_project_loads_with_every_article() {
    let project = Project::load(&demo_dir().join("demo.ron")).unwrap();
    let articles = std::fs::read_dir(demo_dir().join("articles"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert_eq!(articles, 23);
    assert_eq!(project.documents.len(), articles);
    let commissioning = project
        .documents
        .iter()
        .find(|d| d.text.contains("Qamar Javed Bajwa"))
        .expect("the commissioning article is in the demo");
    let names: Vec<&str> = commissioning
        .annotations
        .entities
        .iter()
        .map(|e| e.canonical_name.as_str())
        .collect();
    for expected in ["Qamar Javed Bajwa", "Shah Mehmood Qureshi", "Lloyd Austin"] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert!(commissioning.annotations.quotes.len() >= 8);
}

#[test]
fn demo_project_is_up_to_date_with_the_pipeline_and_the_articles() {
    // The stored extractions come from the sidecar: were it missing or stale, loading would
    // extract again and this comparison would test nothing.
    let loaded = Project::load_with(&demo_dir().join("demo.ron"), &|_| {}).unwrap();
    assert_eq!(
        (loaded.report.extracted, &loaded.report.warnings),
        (0, &Vec::new()),
        "the demo's sidecar demo.ron.cache is missing or stale; regenerate it (see this file's doc)"
    );
    let project = loaded.project;
    let pipeline = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    for stored in &project.documents {
        let path = stored
            .meta
            .path
            .as_ref()
            .expect("demo documents keep their path");
        let file = demo_dir().join("articles").join(path.file_name().unwrap());
        let mut fresh = ingest::load_file(&file).unwrap();
        assert_eq!(
            fresh.text,
            stored.text,
            "{} changed on disk",
            file.display()
        );
        pipeline.run(&mut fresh);
        // Tokens are derived and not saved (loading recomputes them without POS tags).
        let mut fresh_annotations = fresh.annotations.clone();
        let mut stored_annotations = stored.annotations.clone();
        fresh_annotations.tokens.clear();
        stored_annotations.tokens.clear();
        assert_eq!(
            fresh_annotations,
            stored_annotations,
            "{}: the demo project is stale; regenerate it (see this file's doc)",
            file.display()
        );
    }
}
