//! The kittest UI tests, as one test binary (`cargo test --features ui-tests --test ui
//! ui_triage::` runs one file's tests). Each file beside this one named `ui_*.rs` is a module.

#![cfg(feature = "ui-tests")]

// Shared helpers.
mod ui_common;

mod ui_corpus;
mod ui_curation;
mod ui_demo_project;
mod ui_edits;
mod ui_export;
mod ui_network;
mod ui_notes;
mod ui_recovery;
mod ui_relations;
mod ui_triage;
mod ui_workbench;
