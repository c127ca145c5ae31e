//! The trained statistical entity recogniser and part-of-speech tagger.
//!
//! Both are greedy left-to-right averaged perceptrons over hashed features (see
//! [`features`](self) in the source): the recogniser predicts BILOU tags over PER, ORG, LOC
//! and MISC with word, affix, shape, capitalisation, GloVe-cluster and gazetteer features,
//! previous-tag features and a document memory (earlier predictions for the same word);
//! MISC demonyms become NORP and each name keeps one type per document. The shipped models
//! live in `assets/ner/` and are loaded once ([`NerModel::global`], [`PosTagger::global`]).
//!
//! Greedy decoding rather than Viterbi: with previous-tag features and hard BILOU
//! transition constraints it loses little accuracy (Ratinov & Roth 2009 found the same) while
//! costing one scoring pass per token, and it lets the document memory use the predictions
//! made so far.

mod features;
mod hash;
mod perceptron;
mod resources;

pub mod eval;
pub mod pos;
pub mod stage;
pub mod tagger;
pub mod train;

pub use pos::PosTagger;
pub use stage::{NerStage, PosStage};
pub use tagger::NerModel;
