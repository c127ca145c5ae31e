//! Noise off by default in the workbench: the quotes table's rows that are noise (see
//! [`crate::graph::noise`], where the rule lives, in the core).

use crate::model::Document;

pub use crate::graph::noise::{is_actor_type, is_noise, speaker_is_actor};

use super::corpus::CorpusView;

/// For each row of `corpus.quotes`, whether it is noise.
pub fn noise_rows(documents: &[Document], corpus: &CorpusView) -> Vec<bool> {
    corpus
        .quotes
        .iter()
        .map(|r| {
            documents.get(r.document).is_some_and(|doc| {
                doc.annotations
                    .quotes
                    .get(r.quote.index())
                    .is_some_and(|q| is_noise(&corpus.graph, r.document, doc, q))
            })
        })
        .collect()
}
