//! Benchmark inputs the library can build without files: [`corpus`] makes a realistic corpus
//! of any number of distinct news-shaped articles from a pool of real ones, for
//! `quarry bench --corpus N` and for tests of large projects.

pub mod corpus;
