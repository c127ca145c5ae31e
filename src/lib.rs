//! Quarry: a research workbench that finds who is mentioned, who said what and how the
//! actors are tied in news articles.
//!
//! The core library never imports egui. Data flows one way:
//!
//! `ingest` (files → [`model::Document`]) → `pipeline` (named stages fill the annotation
//! layers) → `project` (RON files holding documents, extractions and curation) →
//! `graph` (corpus-level entity network and its layout) → `app` (the egui workbench,
//! behind the default `gui` feature).
//!
//! | module | what it holds |
//! |---|---|
//! | [`model`] | documents, byte spans and the annotation layers |
//! | [`ingest`] | one reader per file format, folder walking |
//! | [`pipeline`] | the ordered, named extraction stages |
//! | [`project`] | the RON project format, migration and atomic save |
//! | [`interchange`] | the JSONL interchange format (char offsets) |
//! | [`eval`] | the scorer that agrees with `shared/eval/score.py` |
//! | [`ner`] | the trained entity recogniser and part-of-speech tagger |
//! | [`resolve`] | corpus-level entity resolution across articles |
//! | `countries` | the one country table the gazetteer and resolution read |
//! | [`graph`] | the entity graph and its force-directed layout |
//! | [`search`] | full-text search (KWIC), the timeline and actor rankings |
//! | [`bench`] | benchmark inputs: a generator of distinct news-shaped articles |
//!
//! The headless subcommands live with the binary (`src/cli/`), not in the library.

pub mod bench;
pub(crate) mod countries;
pub mod error;
pub mod eval;
pub mod export;
pub mod graph;
pub mod ingest;
pub mod interchange;
pub mod model;
pub(crate) mod names;
pub mod ner;
pub mod pipeline;
pub mod project;
pub mod resolve;
pub mod search;

#[cfg(feature = "gui")]
pub mod app;

pub use error::{Error, Result};
