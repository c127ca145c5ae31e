//! The part-of-speech tagger: greedy averaged perceptron over Penn Treebank tags.

use std::path::Path;
use std::sync::LazyLock;

use crate::Result;
use crate::model::Span;

use super::features::{Tok, analyse_sentence, pos_features};
use super::perceptron::{Model, Scorer};
use super::resources::Resources;

/// Every tag the tagger can output (Penn Treebank, as in the CoNLL-2003 files; brackets are
/// written `-LRB-`/`-RRB-`, and `CoNLL`'s straight double quote is `"`).
pub const PENN_TAGS: [&str; 48] = [
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS",
    "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG",
    "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ".", ",", ":", "\"", "``", "''", "-LRB-",
    "-RRB-", "$", "#", "HYPH", "NFP",
];

/// Maps a tag as found in training data to its index in [`PENN_TAGS`].
pub(crate) fn tag_index(tag: &str) -> Option<usize> {
    let tag = match tag {
        "(" => "-LRB-",
        ")" => "-RRB-",
        "NN|SYM" => "NN",
        t => t,
    };
    PENN_TAGS.iter().position(|t| *t == tag)
}

const SHIPPED: &[u8] = include_bytes!("../../assets/ner/pos.model");

/// Greedy decoding of one analysed sentence into tag indices.
pub(crate) fn decode<S: Scorer>(scorer: &S, toks: &[Tok], feats: &mut Vec<u64>) -> Vec<usize> {
    let mut scores = [0f32; PENN_TAGS.len()];
    let mut out = Vec::with_capacity(toks.len());
    let mut prev = 0u64;
    let mut prev2 = 0u64;
    for i in 0..toks.len() {
        pos_features(feats, toks, i, prev, prev2);
        scorer.score(feats, &mut scores);
        let mut best = 0;
        for (l, s) in scores.iter().enumerate() {
            if *s > scores[best] {
                best = l;
            }
        }
        out.push(best);
        prev2 = prev;
        prev = best as u64 + 1;
    }
    out
}

/// The trained part-of-speech tagger.
pub struct PosTagger {
    model: Model,
}

impl std::fmt::Debug for PosTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PosTagger")
            .field("non_zero", &self.model.non_zero())
            .finish_non_exhaustive()
    }
}

impl PosTagger {
    /// The shipped tagger, loaded once and shared by all threads (an empty tagger that
    /// outputs `NN` everywhere if the shipped file were unreadable; the tests check it).
    pub fn global() -> &'static PosTagger {
        static TAGGER: LazyLock<PosTagger> = LazyLock::new(|| {
            PosTagger::shipped().unwrap_or_else(|_| PosTagger {
                model: Model::empty(&PENN_TAGS),
            })
        });
        &TAGGER
    }

    /// Parses the shipped model (`assets/ner/pos.model`).
    pub fn shipped() -> Result<PosTagger> {
        Self::from_bytes(SHIPPED, Path::new("assets/ner/pos.model"))
    }

    /// Parses a model file's bytes (`path` names it in errors).
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<PosTagger> {
        let model = Model::from_bytes(bytes, path)?;
        if model.labels().iter().map(String::as_str).ne(PENN_TAGS) {
            return Err(crate::Error::Parse {
                path: path.to_path_buf(),
                reason: "not a part-of-speech model (unexpected tag set)".into(),
            });
        }
        Ok(PosTagger { model })
    }

    /// Training metadata stored in the model file.
    pub fn meta(&self) -> &str {
        self.model.meta()
    }

    /// Tags one sentence given as token spans into `text`.
    pub fn tag(&self, text: &str, tokens: &[Span]) -> Vec<&'static str> {
        let words: Vec<&str> = tokens.iter().map(|s| s.text(text)).collect();
        self.tag_words(&words)
    }

    /// Tags one sentence given as words.
    pub fn tag_words(&self, words: &[&str]) -> Vec<&'static str> {
        let toks = analyse_sentence(words, Resources::global());
        let mut feats = Vec::with_capacity(48);
        decode(&self.model, &toks, &mut feats)
            .into_iter()
            .map(|i| PENN_TAGS.get(i).copied().unwrap_or("NN"))
            .collect()
    }
}
