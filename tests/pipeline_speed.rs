//! Throughput of the whole pipeline on one core, in release builds:
//!
//! ```sh
//! cargo test --release --no-default-features --test pipeline_speed -- --ignored --nocapture
//! ```
//!
//! The 22 State Department releases are repeated to about 5 MB and run one after the other
//! on the current thread. The MB/s figure is printed, not asserted (timings depend on the
//! machine); the test asserts that every repetition gives the same annotations.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::time::Instant;

use quarry::model::Document;
use quarry::pipeline::{Pipeline, PipelineSettings};

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
    let pipeline = Pipeline::new(&PipelineSettings::default());
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
}
