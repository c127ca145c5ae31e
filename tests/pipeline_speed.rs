//! Throughput of the whole pipeline on one core, in release builds:
//!
//! ```sh
//! cargo test --release --no-default-features --test core pipeline_speed:: -- --ignored --nocapture
//! ```
//!
//! The 22 State Department releases are repeated to about 5 MB and run one after the other
//! on the current thread. The MB/s figure is printed, not asserted (timings depend on the
//! machine); the test asserts that every repetition gives the same annotations.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::time::Instant;

use quarry::model::Document;
use quarry::pipeline::{
    Pipeline, PipelineSettings, Stage, acronyms, aliases, cooccurrence, entities, quotes,
    relations, sentences, titles, tokens,
};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/articles/state-department"
);

#[test]
#[ignore = "throughput measurement; run in release with --ignored --nocapture"]
fn throughput_on_one_core() {
    let mut paths: Vec<_> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let articles: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let corpus_bytes: usize = articles.iter().map(String::len).sum();
    let reps = (5_000_000 / corpus_bytes).max(1);
    let pipeline = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    // Warm up (lexicons are parsed on first use).
    let mut first: Vec<Document> = articles
        .iter()
        .map(|t| Document::new("w", t.clone()))
        .collect();
    for d in &mut first {
        pipeline.run(d);
    }
    let mut docs: Vec<Document> = (0..reps)
        .flat_map(|_| articles.iter().map(|t| Document::new("d", t.clone())))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let start = Instant::now();
    for d in &mut docs {
        pipeline.run(d);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "pipeline: {} docs, {:.2} MB in {:.2} s = {:.2} MB/s on one core",
        docs.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.annotations, first[i % articles.len()].annotations);
    }
    // Time per stage (same documents, stages run one by one).
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(sentences::Sentences),
        Box::new(tokens::Tokens),
        Box::new(entities::Entities),
        Box::new(titles::Titles),
        Box::new(acronyms::Acronyms),
        Box::new(aliases::Aliases),
        Box::new(quotes::Quotes),
        Box::new(relations::Relations),
        Box::new(cooccurrence::Cooccurrence),
    ];
    let mut per_stage = vec![0.0f64; stages.len()];
    for d in &mut docs {
        d.annotations.clear();
        for (k, stage) in stages.iter().enumerate() {
            let t = Instant::now();
            stage.run(d);
            per_stage[k] += t.elapsed().as_secs_f64();
        }
    }
    for (stage, secs) in stages.iter().zip(&per_stage) {
        println!(
            "  {:<13} {:>6.3} s  {:>7.1} MB/s",
            stage.name(),
            secs,
            bytes as f64 / 1e6 / secs
        );
    }
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.annotations, first[i % articles.len()].annotations);
    }
}
