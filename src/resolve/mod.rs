//! Corpus-level entity resolution: one entity per real actor across articles.
