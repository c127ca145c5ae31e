//! Every integration test of the core library and the binary, as one test binary.
//!
//! Each file beside this one is a module here (`cargo test --no-default-features --test core
//! quotes_polnear::` runs one of them). One binary instead of one per file: the suite links the
//! library and its dependencies once, not 40 times, which was most of CI's build time.
//! Built empty with `--features ui-tests`: the README's second command runs the UI tests
//! (`tests/ui.rs`), and the first has already run these.

#![cfg(not(feature = "ui-tests"))]

// Shared helpers.
mod extract_common;
mod hostile_common;
mod project_common;
mod search_common;

mod cli_commands;
mod cli_search;
mod commissioning_article;
mod curation_edits;
mod curation_relations;
mod demo_project;
mod eval_agreement;
mod export_formats;
mod export_tags;
mod extract_stream;
mod fuzz_ingest;
mod fuzz_project;
mod graph_aliases;
mod graph_corpus;
mod graph_labels;
mod import_from_jsonl;
mod ingest_corrupt;
mod ingest_formats;
mod ingest_hostile;
mod layering;
mod name_folding;
mod ner_conll_pipeline;
mod ner_model;
mod no_network;
mod noise_default;
mod pipeline_corpus;
mod pipeline_speed;
mod project_compat;
mod project_roundtrip;
mod project_sidecar;
mod quotes_attribution;
mod quotes_cli;
mod quotes_outer_sources;
mod quotes_patterns;
mod quotes_polnear;
mod quotes_predicates;
mod quotes_speakers;
mod relations_patterns;
mod resolution_in_article;
mod resolve_corpus;
mod save_kill;
mod search_corpus;
