//! The part-of-speech tagger: greedy averaged perceptron over Penn Treebank tags.

use std::path::Path;
use std::sync::LazyLock;

use crate::Result;
use crate::model::Span;

use std::cell::RefCell;

use super::features::{
    Tok, analyse_sentence, pos_features, pos_neighbour_features, pos_own_features,
    pos_pair_features, pos_prev_features, pos_prev2_feature,
};
use super::memo::WordScores;
use super::perceptron::{Model, Scorer, argmax};
use super::resources::Resources;
pub use super::tags::PENN_TAGS;
pub(crate) use super::tags::tag_index;

const SHIPPED: &[u8] = include_bytes!("../../assets/ner/pos.model");

/// The tag a word gets from the tag dictionary (`assets/ner/pos.tagdict`), if it has one.
#[inline]
fn dictionary_tag(tok: &Tok) -> Option<usize> {
    usize::from(tok.pos_dict).checked_sub(1)
}

/// Greedy decoding of one analysed sentence into tag indices. Words in the tag dictionary
/// get their tag without scoring.
pub(crate) fn decode<S: Scorer>(scorer: &S, toks: &[Tok], feats: &mut Vec<u64>) -> Vec<usize> {
    let mut scores = [0f32; PENN_TAGS.len()];
    let mut out = Vec::with_capacity(toks.len());
    let mut prev = 0u64;
    let mut prev2 = 0u64;
    for i in 0..toks.len() {
        let best = if let Some(tag) = dictionary_tag(&toks[i]) {
            tag
        } else {
            pos_features(feats, toks, i, prev, prev2);
            scorer.score(feats, &mut scores);
            let mut best = 0;
            for (l, s) in scores.iter().enumerate() {
                if *s > scores[best] {
                    best = l;
                }
            }
            best
        };
        out.push(best);
        prev2 = prev;
        prev = best as u64 + 1;
    }
    out
}

thread_local! {
    /// Per-thread memo of per-word scores (see [`super::memo`]).
    static WORD_SCORES: RefCell<WordScores<{ PENN_TAGS.len() }>> =
        RefCell::new(WordScores::default());
}

/// Empties this thread's memo of per-word part-of-speech scores.
pub(crate) fn forget_words() {
    WORD_SCORES.with(|memo| memo.borrow_mut().forget());
}

/// The same decoding as [`decode`] for a shipped model, with the scores summed in groups
/// (per-word groups from the memo, word bigrams, previous tags): the same integers, fewer
/// table look-ups. Appends the tag indices to `out`.
pub(crate) fn decode_fast(model: &Model, toks: &[Tok], feats: &mut Vec<u64>, out: &mut Vec<usize>) {
    WORD_SCORES.with(|memo| {
        let mut memo = memo.borrow_mut();
        memo.prepare(model, feats, pos_neighbour_features);
        let mut b = std::mem::take(&mut memo.buffers);
        memo.slots(
            model,
            toks,
            &Tok::key,
            &pos_own_features,
            pos_neighbour_features,
            &mut b.slots,
        );
        b.skip.clear();
        b.skip
            .extend(toks.iter().map(|t| dictionary_tag(t).is_some()));
        memo.sum_sentence(&b.slots, Some(&b.skip), &mut b.fixed);
        b.feats.clear();
        b.ends.clear();
        for (i, tok) in toks.iter().enumerate() {
            if dictionary_tag(tok).is_none() {
                pos_pair_features(feats, toks, i);
                b.feats.extend_from_slice(feats);
            }
            b.ends.push(b.feats.len());
        }
        model.add_batch(&b.feats, &b.ends, &mut b.fixed, &mut b.rows);
        // The previous tag's features, batched for a guess of it (see the entity decoder).
        b.guess.clear();
        for i in 0..toks.len() {
            let g = i.checked_sub(1).map_or(0, |j| {
                dictionary_tag(&toks[j]).unwrap_or_else(|| argmax(&b.fixed[j])) as u64 + 1
            });
            b.guess.push(g);
        }
        b.feats.clear();
        b.ends.clear();
        for (tok, &g) in toks.iter().zip(&b.guess) {
            if dictionary_tag(tok).is_none() {
                pos_prev_features(&mut b.feats, tok, g);
            }
            b.ends.push(b.feats.len());
        }
        b.guessed.clear();
        b.guessed.resize(toks.len(), [0; PENN_TAGS.len()]);
        model.add_batch(&b.feats, &b.ends, &mut b.guessed, &mut b.rows);
        let mut prev = 0u64;
        let mut prev2 = 0u64;
        for (i, acc) in b.fixed.iter().enumerate() {
            if let Some(tag) = dictionary_tag(&toks[i]) {
                out.push(tag);
                prev2 = prev;
                prev = tag as u64 + 1;
                continue;
            }
            let mut tagged = b.guessed[i];
            if prev != b.guess[i] {
                feats.clear();
                pos_prev_features(feats, &toks[i], prev);
                model.score_i32(feats, &mut tagged);
            }
            model.add_i32(&[pos_prev2_feature(prev, prev2)], &mut tagged);
            // The generic decoder compares the scores scaled to `f32`; the integer order is
            // the same: a token has 25 features of at most 32767 units, so every sum is
            // below 2^23, where distinct integers stay distinct (and in order) as `f32`
            // and after scaling.
            for (t, a) in tagged.iter_mut().zip(acc) {
                *t += *a;
            }
            let best = argmax(&tagged);
            out.push(best);
            prev2 = prev;
            prev = best as u64 + 1;
        }
        memo.buffers = b;
    });
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

    /// The weights.
    #[cfg(test)]
    pub(crate) fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence given as token spans into `text`.
    pub fn tag(&self, text: &str, tokens: &[Span]) -> Vec<&'static str> {
        let words: Vec<&str> = tokens.iter().map(|s| s.text(text)).collect();
        self.tag_words(&words)
    }

    /// Tags one sentence given as words, appending indices into [`PENN_TAGS`] to `out`.
    pub fn tag_indices(&self, words: &[&str], out: &mut Vec<usize>) {
        let toks = analyse_sentence(words, Resources::global());
        let mut feats = Vec::with_capacity(48);
        decode_fast(&self.model, &toks, &mut feats, out);
    }

    /// Tags one sentence given as words.
    pub fn tag_words(&self, words: &[&str]) -> Vec<&'static str> {
        let toks = analyse_sentence(words, Resources::global());
        let mut feats = Vec::with_capacity(48);
        let mut tags = Vec::with_capacity(toks.len());
        decode_fast(&self.model, &toks, &mut feats, &mut tags);
        tags.into_iter()
            .map(|i| PENN_TAGS.get(i).copied().unwrap_or("NN"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_words_get_their_tag_in_both_decoders() {
        let tagger = PosTagger::global();
        let words = ["The", "minister", "said", "the", "talks", "ended", "."];
        let mut toks = analyse_sentence(&words, Resources::global());
        assert_eq!(toks[3].pos_dict as usize, tag_index("DT").expect("DT") + 1);
        // Give "minister" a dictionary tag no context would give it.
        let sym = tag_index("SYM").expect("SYM");
        toks[1].pos_dict = u8::try_from(sym + 1).expect("small");
        let mut feats = Vec::new();
        let full = decode(tagger.model(), &toks, &mut feats);
        let mut fast = Vec::new();
        decode_fast(tagger.model(), &toks, &mut feats, &mut fast);
        assert_eq!(full, fast);
        assert_eq!(full[1], sym);
        // Without the entry the word is scored in context.
        toks[1].pos_dict = 0;
        let scored = decode(tagger.model(), &toks, &mut feats);
        assert_eq!(PENN_TAGS[scored[1]], "NN");
    }
}
