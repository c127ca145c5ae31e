//! Corpus views without egui: full-text search with entity-aware terms and
//! keyword-in-context lines, the timeline of entities over the articles' dates, and the
//! actor rankings (top speakers, most mentioned, most connected).
//!
//! The index ([`SearchIndex`]) is a tantivy index in memory, one index document per
//! sentence, built from the documents and the entity graph (so `entity:"Lloyd Austin"` finds
//! "Austin" and "the defence secretary" where resolution joined them). It is rebuilt when
//! [`fingerprint`] of the documents changes. The query language is in [`query`]; dates in
//! [`date`].
//!
//! ```
//! use std::sync::atomic::AtomicBool;
//! use quarry::graph::EntityGraph;
//! use quarry::model::Document;
//! use quarry::search::{SearchIndex, SearchOptions, kwic_lines};
//! let docs = vec![Document::new("a", "Troops left. The military said the militia fled.")];
//! let graph = EntityGraph::from_documents(&docs);
//! let index = SearchIndex::build(&docs, &graph, &|_, _| {}, &AtomicBool::new(false)).unwrap();
//! let found = index.search("milit*", &docs, SearchOptions::default()).unwrap();
//! let lines = kwic_lines(&docs, &found.hits, 10);
//! let matched: Vec<&str> = lines.iter().map(|l| l.matched.as_str()).collect();
//! assert_eq!(matched, ["military", "militia"]);
//! ```

pub mod actors;
pub mod date;
mod index;
mod kwic;
pub mod query;
pub mod timeline;

pub use index::{Hit, SearchError, SearchIndex, SearchOptions, SearchResults, fingerprint};
pub use kwic::{KwicLine, kwic_line, kwic_lines};
