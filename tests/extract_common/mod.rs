//! Shared by the tests that run the whole pipeline: on a hand-made text, or on every record
//! of a gold file in `../shared/data` (for scoring against it).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::Path;

use quarry::eval::load_records;
use quarry::interchange::{Record, document_from_record, record_from_document};
use quarry::model::Document;
use quarry::pipeline::{Pipeline, PipelineSettings};

/// `text` as one document, through the default pipeline.
pub fn run(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    Pipeline::new(&PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .run(&mut doc);
    doc
}

/// The gold records of `../shared/data/<rel>` (the first `limit`, if given) and the default
/// pipeline's records for their texts, in the same order.
pub fn gold_and_extracted(rel: &str, limit: Option<usize>) -> (Vec<Record>, Vec<Record>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    let mut gold =
        load_records(&path).unwrap_or_else(|e| panic!("{} is in ../shared: {e}", path.display()));
    if let Some(n) = limit {
        gold.truncate(n);
    }
    let pipeline = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    let pred = gold
        .iter()
        .map(|r| {
            let mut doc = document_from_record(r);
            pipeline.run(&mut doc);
            record_from_document(&doc)
        })
        .collect();
    (gold, pred)
}

/// (content, speaker words, rule) of a direct quote.
pub type DirectRow<'a> = (&'a str, Option<&'a str>, &'a str);

/// The rows of every direct quote.
pub fn direct(doc: &Document) -> Vec<DirectRow<'_>> {
    doc.annotations
        .quotes
        .iter()
        .filter(|q| q.direct)
        .map(|q| {
            (
                q.content.text(&doc.text),
                q.speaker.map(|s| s.text(&doc.text)),
                &*q.provenance.rule,
            )
        })
        .collect()
}
