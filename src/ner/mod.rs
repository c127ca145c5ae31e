//! The trained statistical entity recogniser and part-of-speech tagger: a model library
//! below the pipeline (it never imports `pipeline`; the stages that run these models are
//! `pipeline::pos` and the `entities` stages).
//!
//! Both are greedy left-to-right averaged perceptrons over hashed features: the recogniser
//! predicts BILOU tags over PER, ORG, LOC and MISC from word, affix, shape, capitalisation,
//! GloVe-cluster (four k-means granularities) and gazetteer features, previous-tag features
//! and a document memory (what earlier sentences of the article predicted for the same
//! word, the "a name tagged PERSON early keeps its type later" consistency; it adds about
//! one F1 point on `CoNLL` dev). MISC spans that are demonyms or groups become NORP. The
//! shipped models live in `assets/ner/`, are compiled in and are parsed once
//! ([`NerModel::global`], [`PosTagger::global`]); both are `Sync` and shared by all threads.
//!
//! Design choices:
//! - Greedy decoding rather than Viterbi: one scoring pass per token, the previous two tags
//!   as features, and the document memory can use every prediction made so far. Decoding
//!   is not constrained to valid BILOU transitions; inconsistent sequences are repaired
//!   when labels become spans (constraining them cost 1.5 F1 on dev: a wrong `B` forced
//!   the following tokens into the entity).
//! - Feature hashing into `2^20` buckets with all labels of a bucket contiguous; weights
//!   are the mean of five averaged perceptrons trained on differently shuffled data (an
//!   ensemble that costs nothing when tagging), pruned below half the mean absolute weight
//!   and quantised to `i16`. Only non-empty buckets keep a row.
//! - The one-type-per-name vote over a whole document ([`NerModel::set_doc_vote`]) is off:
//!   it lowered dev F1 (0.926 → 0.921).

mod features;
mod hash;
mod memo;
mod perceptron;
mod resources;
mod tags;

pub mod eval;
pub mod input;
pub mod pos;
pub mod tagger;
pub mod train;

pub use pos::PosTagger;

/// Empties the calling thread's memos of analysed words and per-word scores (see
/// `memo.rs`). Results never depend on them; this only shows what tagging costs without
/// the words of earlier documents (`quarry bench --cold`).
pub fn forget_words() {
    features::forget_words();
    tagger::forget_words();
    pos::forget_words();
}
pub use tagger::NerModel;
