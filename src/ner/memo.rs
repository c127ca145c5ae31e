//! Per-thread memo of per-word score vectors, the taggers' main speed-up.
//!
//! A perceptron's score is a sum over features, and most features of a token depend on one
//! word only: the token's own word, or the word one or two places to its left or right. The
//! summed weights of each such group are computed once per distinct word (and model) and
//! then added as a whole, so that tagging a token looks up only the few features that
//! combine two words or depend on the previous tags. The memo stores exact integer sums,
//! so results never depend on its state; it is emptied when full or for another model.

use super::features::{NEIGHBOURS, Tok};
use super::hash::HashKeyMap;
use super::perceptron::Model;

/// Most words kept before the memo is emptied.
const CAP: usize = 16_384;

/// Buffers of one sentence's decoding, kept with the memo so that tagging a sentence
/// allocates nothing once they have grown.
pub(crate) struct Buffers<const N: usize> {
    /// Per token: its first memo row.
    pub slots: Vec<usize>,
    /// Per token: the scores summed so far.
    pub fixed: Vec<[i32; N]>,
    /// Per token: the scores of the previous-label features for the guessed label.
    pub guessed: Vec<[i32; N]>,
    /// Per token: the guessed previous label (1 + index, 0 before the sentence).
    pub guess: Vec<u64>,
    /// Per token: whether it is labelled without scoring.
    pub skip: Vec<bool>,
    /// Features of all tokens, and where each token's end.
    pub feats: Vec<u64>,
    /// See `feats`.
    pub ends: Vec<usize>,
    /// Table rows of `feats`.
    pub rows: Vec<u32>,
}

impl<const N: usize> Default for Buffers<N> {
    fn default() -> Self {
        Self {
            slots: Vec::new(),
            fixed: Vec::new(),
            guessed: Vec::new(),
            guess: Vec::new(),
            skip: Vec::new(),
            feats: Vec::new(),
            ends: Vec::new(),
            rows: Vec::new(),
        }
    }
}

/// The memo of one model's per-word scores (`N` labels).
pub(crate) struct WordScores<const N: usize> {
    /// Reusable decoding buffers (take them out with `std::mem::take` while using the memo).
    pub buffers: Buffers<N>,
    model: u64,
    slots: HashKeyMap<u32>,
    /// Features of the words being added, where each row's end, and their table rows.
    fill_feats: Vec<u64>,
    fill_ends: Vec<usize>,
    fill_scratch: Vec<u32>,
    rows: Vec<[i32; N]>,
    /// Scores of the neighbour features of a position outside the sentence.
    pad: [[i32; N]; NEIGHBOURS.len()],
}

impl<const N: usize> Default for WordScores<N> {
    fn default() -> Self {
        Self {
            buffers: Buffers::default(),
            model: 0,
            slots: HashKeyMap::default(),
            fill_feats: Vec::new(),
            fill_ends: Vec::new(),
            fill_scratch: Vec::new(),
            rows: Vec::new(),
            pad: [[0; N]; NEIGHBOURS.len()],
        }
    }
}

impl<const N: usize> WordScores<N> {
    /// Forgets every word (the next [`WordScores::prepare`] starts afresh).
    pub(crate) fn forget(&mut self) {
        self.model = 0;
        self.slots.clear();
        self.rows.clear();
    }

    /// Makes the memo ready for `model`, emptying it when it holds another model's scores
    /// or is full. `neighbour(out, tok, k)` appends the features a token gets from the word
    /// at offset `k` (`None`: outside the sentence).
    pub(crate) fn prepare(
        &mut self,
        model: &Model,
        feats: &mut Vec<u64>,
        neighbour: fn(&mut Vec<u64>, Option<&Tok>, isize),
    ) {
        if self.model == model.id() && self.slots.len() < CAP {
            return;
        }
        self.model = model.id();
        self.slots.clear();
        self.rows.clear();
        for (pad, &k) in self.pad.iter_mut().zip(&NEIGHBOURS) {
            feats.clear();
            neighbour(feats, None, k);
            model.score_i32(feats, pad);
        }
    }

    /// Appends to `out` the index of each token's first row, computing the rows of words
    /// not seen before, all of the sentence in one batch (so that their cache misses
    /// overlap). `key` identifies a token's word (and whatever else `own` depends on);
    /// `own(out, tok)` appends the token's own features.
    ///
    /// A word has `1 + NEIGHBOURS.len()` rows: its own features' scores, then those of the
    /// features it gives a token at each offset of [`NEIGHBOURS`].
    pub(crate) fn slots(
        &mut self,
        model: &Model,
        toks: &[Tok],
        key: &dyn Fn(&Tok) -> u64,
        own: &dyn Fn(&mut Vec<u64>, &Tok),
        neighbour: fn(&mut Vec<u64>, Option<&Tok>, isize),
        out: &mut Vec<usize>,
    ) {
        const ROWS: usize = 1 + NEIGHBOURS.len();
        out.clear();
        let first_new = self.rows.len();
        let mut new_words = 0;
        self.fill_feats.clear();
        self.fill_ends.clear();
        for tok in toks {
            let k = key(tok);
            if let Some(&s) = self.slots.get(&k) {
                out.push(s as usize);
                continue;
            }
            let s = first_new + new_words * ROWS;
            new_words += 1;
            self.slots.insert(k, s as u32);
            out.push(s);
            own(&mut self.fill_feats, tok);
            self.fill_ends.push(self.fill_feats.len());
            for &k in &NEIGHBOURS {
                neighbour(&mut self.fill_feats, Some(tok), k);
                self.fill_ends.push(self.fill_feats.len());
            }
        }
        if new_words > 0 {
            self.rows.resize(first_new + new_words * ROWS, [0; N]);
            model.add_batch(
                &self.fill_feats,
                &self.fill_ends,
                &mut self.rows[first_new..],
                &mut self.fill_scratch,
            );
        }
    }

    /// The sum of token `i`'s own row and its neighbours' rows (see
    /// [`WordScores::sum_sentence`]).
    pub(crate) fn sum_token(&self, slots: &[usize], i: usize) -> [i32; N] {
        let n = slots.len();
        let mut acc = self.rows[slots[i]];
        for (r, &k) in NEIGHBOURS.iter().enumerate() {
            let j = i as isize + k;
            let add = if j < 0 || j as usize >= n {
                &self.pad[r]
            } else {
                &self.rows[slots[j as usize] + 1 + r]
            };
            for (a, b) in acc.iter_mut().zip(add) {
                *a += *b;
            }
        }
        acc
    }

    /// Sums, for every token of a sentence, the scores of its own features and of its
    /// neighbours' words (`slots` from [`WordScores::slot`], one per token) into `out`.
    /// Tokens whose `skip` flag is set (when given) get zeros.
    pub(crate) fn sum_sentence(
        &self,
        slots: &[usize],
        skip: Option<&[bool]>,
        out: &mut Vec<[i32; N]>,
    ) {
        out.clear();
        for i in 0..slots.len() {
            if skip.is_some_and(|skip| skip.get(i).copied().unwrap_or(false)) {
                out.push([0; N]);
            } else {
                out.push(self.sum_token(slots, i));
            }
        }
    }
}
