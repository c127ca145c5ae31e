//! The entity recogniser: greedy left-to-right BILOU decoding with the averaged perceptron,
//! document memory and the post-rules (demonyms → NORP; an optional one-type-per-name vote).

use std::path::Path;
use std::sync::LazyLock;

use crate::Result;
use crate::model::{EntityType, Span};

use std::cell::RefCell;

use super::features::{
    DocMemory, Tok, analyse_sentence, flag, is_caps_sentence, ner_neighbour_features,
    ner_own_features, ner_pair_features, ner_prev_features, ner_prev2_feature,
};
use super::hash::mix;
use super::memo::WordScores;
use super::perceptron::{Model, argmax};
use super::resources::Resources;

/// The coarse types the recogniser predicts, in label order.
pub(crate) const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// The BILOU labels: `O`, then `B-`, `I-`, `L-`, `U-` for each of [`TYPES`].
pub(crate) const LABELS: [&str; 17] = [
    "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-LOC", "I-LOC",
    "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC",
];

/// Whether decoding forbids invalid BILOU transitions (otherwise they are repaired when
/// labels are turned into spans).
const CONSTRAINED: bool = false;

/// Score margin that maps to a confidence of about 0.73 (`sigmoid(margin / MARGIN_SCALE)`).
const MARGIN_SCALE: f32 = 8.0;

const SHIPPED: &[u8] = include_bytes!("../../assets/ner/ner.model");

/// Position part of a label: 0 O, 1 B, 2 I, 3 L, 4 U.
#[inline]
pub(crate) fn part(label: usize) -> usize {
    if label == 0 { 0 } else { (label - 1) % 4 + 1 }
}

/// Type index of a non-O label.
#[inline]
pub(crate) fn type_of(label: usize) -> usize {
    (label - 1) / 4
}

/// Whether `cur` may follow `prev` (`None` at sentence start); `last` marks the final token.
#[inline]
pub(crate) fn valid(prev: Option<usize>, cur: usize, last: bool) -> bool {
    if !CONSTRAINED {
        return true;
    }
    let open = prev.is_some_and(|p| matches!(part(p), 1 | 2));
    let cur_part = part(cur);
    if last && matches!(cur_part, 1 | 2) {
        return false;
    }
    if open {
        let p = prev.unwrap_or(0);
        matches!(cur_part, 2 | 3) && type_of(cur) == type_of(p)
    } else {
        matches!(cur_part, 0 | 1 | 4)
    }
}

/// The best valid label and its margin over the runner-up valid label.
#[inline]
pub(crate) fn best_valid(scores: &[f32], prev: Option<usize>, last: bool) -> (usize, f32) {
    let mut best = 0usize;
    let mut best_s = f32::NEG_INFINITY;
    let mut second = f32::NEG_INFINITY;
    for (l, &s) in scores.iter().enumerate() {
        if !valid(prev, l, last) {
            continue;
        }
        if s > best_s {
            second = best_s;
            best_s = s;
            best = l;
        } else if s > second {
            second = s;
        }
    }
    let margin = if second.is_finite() {
        best_s - second
    } else {
        10.0
    };
    (best, margin)
}

/// Converts BILOU labels to `(start, end, type)` token ranges (end exclusive), repairing
/// inconsistent sequences: a chunk starts at `B`/`U`, after `O`/`L`/`U` or at a change of
/// type, and ends at `L`/`U`, before `O` or at a change of type.
pub(crate) fn labels_to_spans(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let p = part(l);
        if p == 0 {
            if let Some((s, ty)) = open.take() {
                out.push((s, i, ty));
            }
            continue;
        }
        let ty = type_of(l);
        let continues = matches!(p, 2 | 3) && open.is_some_and(|(_, t)| t == ty);
        // An `I`/`L` right after a closed chunk of the same type (`B L I L`) continues it.
        let reopens = open.is_none()
            && matches!(p, 2 | 3)
            && out.last().is_some_and(|&(_, e, t)| e == i && t == ty);
        if reopens {
            if let Some((s, _, _)) = out.pop() {
                open = Some((s, ty));
            }
        } else if !continues {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t));
            }
            open = Some((i, ty));
        }
        if matches!(p, 3 | 4)
            && let Some((s, t)) = open.take()
        {
            out.push((s, i + 1, t));
        }
    }
    if let Some((s, t)) = open {
        out.push((s, labels.len(), t));
    }
    out
}

/// Records a sentence's predicted entities in the document memory.
pub(crate) fn remember(memory: &mut DocMemory, toks: &[Tok], labels: &[usize]) {
    for (s, e, ty) in labels_to_spans(labels) {
        for t in &toks[s..e] {
            if t.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
                let c = memory.history.entry(t.word).or_insert([0; 4]);
                c[ty] = c[ty].saturating_add(1);
            }
        }
    }
}

/// Removes a sentence's predicted entities from the document memory.
pub(crate) fn forget(memory: &mut DocMemory, toks: &[Tok], labels: &[usize]) {
    for (s, e, ty) in labels_to_spans(labels) {
        for t in &toks[s..e] {
            if t.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0
                && let Some(c) = memory.history.get_mut(&t.word)
            {
                c[ty] = c[ty].saturating_sub(1);
            }
        }
    }
}

thread_local! {
    /// Per-thread memo of per-word scores (see [`super::memo`]).
    static WORD_SCORES: RefCell<WordScores<{ LABELS.len() }>> =
        RefCell::new(WordScores::default());
}

/// Empties this thread's memo of per-word entity scores.
pub(crate) fn forget_words() {
    WORD_SCORES.with(|memo| memo.borrow_mut().forget());
}

/// Greedy decoding of one analysed sentence; returns labels and per-token margins.
///
/// The score of a label is the sum of the weights of [`super::features::ner_features`];
/// they are summed in groups here (per-word groups from the memo, then the features that
/// combine words, then those of the previous tags), which gives the same integers.
pub(crate) fn decode(
    model: &Model,
    toks: &[Tok],
    memory: &DocMemory,
    feats: &mut Vec<u64>,
) -> (Vec<usize>, Vec<f32>) {
    decode_with(model, toks, memory, feats, true)
}

/// [`decode`], optionally without labelling [`surely_outside`] tokens `O` unscored.
fn decode_with(
    model: &Model,
    toks: &[Tok],
    memory: &DocMemory,
    feats: &mut Vec<u64>,
    skipping: bool,
) -> (Vec<usize>, Vec<f32>) {
    WORD_SCORES.with(|memo| {
        let mut memo = memo.borrow_mut();
        memo.prepare(model, feats, ner_neighbour_features);
        let mut b = std::mem::take(&mut memo.buffers);
        let caps = is_caps_sentence(toks);
        let own = |out: &mut Vec<u64>, tok: &Tok| ner_own_features(out, tok, caps);
        let key = |tok: &Tok| mix(tok.key(), u64::from(caps));
        memo.slots(
            model,
            toks,
            &key,
            &own,
            ner_neighbour_features,
            &mut b.slots,
        );
        b.skip.clear();
        b.skip
            .extend((0..toks.len()).map(|i| skipping && surely_outside(toks, i)));
        memo.sum_sentence(&b.slots, Some(&b.skip), &mut b.fixed);
        b.feats.clear();
        b.ends.clear();
        for (i, &skipped) in b.skip.iter().enumerate() {
            if !skipped {
                ner_pair_features(feats, toks, i, memory);
                b.feats.extend_from_slice(feats);
            }
            b.ends.push(b.feats.len());
        }
        model.add_batch(&b.feats, &b.ends, &mut b.fixed, &mut b.rows);
        // The features of the previous label are looked up in one batch too, for a guess
        // of that label (the best by the other features); a wrong guess is looked up again.
        b.guess.clear();
        for i in 0..toks.len() {
            let g = if b.skip[i] {
                // Not looked up in the batch (see below).
                u64::MAX
            } else {
                i.checked_sub(1).map_or(0, |j| {
                    if b.skip[j] {
                        1
                    } else {
                        argmax(&b.fixed[j]) as u64 + 1
                    }
                })
            };
            b.guess.push(g);
        }
        b.feats.clear();
        b.ends.clear();
        for (i, &g) in b.guess.iter().enumerate() {
            if !b.skip[i] {
                ner_prev_features(&mut b.feats, toks, i, g);
            }
            b.ends.push(b.feats.len());
        }
        b.guessed.clear();
        b.guessed.resize(toks.len(), [0; LABELS.len()]);
        model.add_batch(&b.feats, &b.ends, &mut b.guessed, &mut b.rows);
        let mut labels = Vec::with_capacity(toks.len());
        let mut margins = Vec::with_capacity(toks.len());
        let mut scores = [0f32; LABELS.len()];
        let mut prev: Option<usize> = None;
        let mut prev2: Option<usize> = None;
        for i in 0..toks.len() {
            let mut acc = b.fixed[i];
            if b.skip[i] {
                if prev.is_none_or(|p| p == 0) {
                    labels.push(0);
                    margins.push(SKIPPED_MARGIN);
                    prev2 = prev;
                    prev = Some(0);
                    continue;
                }
                // Inside an entity ("Federal office for motor vehicles"): scored after all.
                acc = memo.sum_token(&b.slots, i);
                ner_pair_features(feats, toks, i, memory);
                model.add_i32(feats, &mut acc);
            }
            let p = prev.map_or(0, |p| p as u64 + 1);
            let p2 = prev2.map_or(0, |p| p as u64 + 1);
            let mut tagged = b.guessed[i];
            if p != b.guess[i] {
                feats.clear();
                ner_prev_features(feats, toks, i, p);
                model.score_i32(feats, &mut tagged);
            }
            model.add_i32(&[ner_prev2_feature(p, p2)], &mut tagged);
            for ((s, a), b) in scores.iter_mut().zip(&acc).zip(&tagged) {
                *s = (a + b) as f32 * model.scale();
            }
            let (l, m) = best_valid(&scores, prev, i + 1 == toks.len());
            labels.push(l);
            margins.push(m);
            prev2 = prev;
            prev = Some(l);
        }
        memo.buffers = b;
        (labels, margins)
    })
}

/// Margin recorded for a token labelled `O` without scoring ([`surely_outside`]).
const SKIPPED_MARGIN: f32 = 10.0;

/// True for a token the decoder labels `O` without scoring it when the token before it is
/// outside entities too: a lower-case word (no capitals, digits or hyphens) matching no
/// gazetteer entry, between neighbours without capitals, digits or hyphens. That is about
/// a third of the tokens; the labels are exactly those of scoring every token on `CoNLL`
/// train and dev and the shared articles (the test below checks dev and the articles).
/// Hyphenated words are scored ("ex-England", "al-Aqsa"), and so is a token right after an
/// entity token ("Federal office for motor vehicles").
fn surely_outside(toks: &[Tok], i: usize) -> bool {
    const LOUD: u16 =
        flag::INIT_CAP | flag::ALL_CAPS | flag::HAS_DIGIT | flag::MIXED | flag::HAS_HYPHEN;
    let quiet = |t: Option<&Tok>| t.is_none_or(|t| t.flags & LOUD == 0);
    let me = &toks[i];
    me.flags & flag::LOWER != 0
        && me.flags & LOUD == 0
        && me.gaz == 0
        && quiet(i.checked_sub(1).and_then(|j| toks.get(j)))
        && quiet(toks.get(i + 1))
}

/// The trained entity recogniser.
pub struct NerModel {
    model: Model,
    /// Whether the one-type-per-name document vote runs.
    doc_vote: bool,
    /// Whether a second pass re-tags each sentence with the whole document's first-pass
    /// predictions in memory.
    two_pass: bool,
}

impl std::fmt::Debug for NerModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NerModel")
            .field("labels", &self.model.labels().len())
            .field("non_zero", &self.model.non_zero())
            .finish_non_exhaustive()
    }
}

/// An entity found by the recogniser, in token indices of its sentence.
#[derive(Clone, Copy, Debug)]
struct Found {
    sentence: usize,
    start: usize,
    end: usize,
    ty: EntityType,
    confidence: f32,
}

impl NerModel {
    /// The shipped model, loaded once and shared by all threads. If the shipped file were
    /// unreadable (it is checked by the tests), an empty model that finds nothing is used.
    pub fn global() -> &'static NerModel {
        static MODEL: LazyLock<NerModel> = LazyLock::new(|| {
            NerModel::shipped().unwrap_or_else(|_| NerModel {
                model: Model::empty(&LABELS),
                doc_vote: false,
                two_pass: false,
            })
        });
        &MODEL
    }

    /// Parses the shipped model (`assets/ner/ner.model`).
    pub fn shipped() -> Result<NerModel> {
        Self::from_bytes(SHIPPED, Path::new("assets/ner/ner.model"))
    }

    /// Parses a model file's bytes (`path` names it in errors).
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<NerModel> {
        let model = Model::from_bytes(bytes, path)?;
        if model.labels().iter().map(String::as_str).ne(LABELS) {
            return Err(crate::Error::Parse {
                path: path.to_path_buf(),
                reason: "not an entity-recogniser model (unexpected labels)".into(),
            });
        }
        Ok(NerModel {
            model,
            doc_vote: false,
            two_pass: false,
        })
    }

    pub(crate) fn from_model(model: Model) -> NerModel {
        NerModel {
            model,
            doc_vote: false,
            two_pass: false,
        }
    }

    /// Switches the document-level type vote on or off (for ablations).
    pub fn set_doc_vote(&mut self, on: bool) {
        self.doc_vote = on;
    }

    /// Switches the second, whole-document pass on or off.
    pub fn set_two_pass(&mut self, on: bool) {
        self.two_pass = on;
    }

    /// Training metadata stored in the model file.
    pub fn meta(&self) -> &str {
        self.model.meta()
    }

    /// Number of non-zero weights.
    pub fn non_zero_weights(&self) -> usize {
        self.model.non_zero()
    }

    /// Tags one sentence. `tokens` are byte spans into `text`; returned spans cover whole
    /// tokens, with the type and a confidence in `[0, 1]` from the score margins.
    pub fn tag_sentence(&self, text: &str, tokens: &[Span]) -> Vec<(Span, EntityType, f32)> {
        self.tag_document(text, &[tokens.to_vec()])
    }

    /// Tags a document given as sentences of token spans. Earlier predictions inform later
    /// ones (document memory); with [`NerModel::set_doc_vote`] each name also keeps one type.
    pub fn tag_document(
        &self,
        text: &str,
        sentences: &[Vec<Span>],
    ) -> Vec<(Span, EntityType, f32)> {
        let res = Resources::global();
        let analysed: Vec<Vec<Tok>> = sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.iter().map(|sp| sp.text(text)).collect();
                analyse_sentence(&words, res)
            })
            .collect();
        let found = self.tag_analysed(&analysed, res);
        found
            .into_iter()
            .filter_map(|f| {
                let toks = sentences.get(f.sentence)?;
                let span = toks.get(f.start)?.cover(*toks.get(f.end - 1)?);
                Some((span, f.ty, f.confidence))
            })
            .collect()
    }

    /// Tags a document of word strings (sentences of tokens); returns, per sentence, the
    /// entities as `(start, end, type)` token ranges.
    pub fn tag_words(&self, sentences: &[Vec<&str>]) -> Vec<Vec<(usize, usize, EntityType)>> {
        let res = Resources::global();
        let analysed: Vec<Vec<Tok>> = sentences.iter().map(|s| analyse_sentence(s, res)).collect();
        let mut out = vec![Vec::new(); sentences.len()];
        for f in self.tag_analysed(&analysed, res) {
            out[f.sentence].push((f.start, f.end, f.ty));
        }
        out
    }

    fn tag_analysed(&self, analysed: &[Vec<Tok>], res: &Resources) -> Vec<Found> {
        let mut memory = DocMemory::default();
        memory.scan(analysed);
        let mut feats = Vec::with_capacity(128);
        let mut found = Vec::new();
        let mut first: Vec<(Vec<usize>, Vec<f32>)> = Vec::with_capacity(analysed.len());
        for toks in analysed {
            let (labels, margins) = decode(&self.model, toks, &memory, &mut feats);
            remember(&mut memory, toks, &labels);
            first.push((labels, margins));
        }
        for (si, toks) in analysed.iter().enumerate() {
            let (labels, margins) = if self.two_pass {
                // Second pass: the memory holds the first-pass predictions of the whole
                // document except this sentence's own.
                forget(&mut memory, toks, &first[si].0);
                let out = decode(&self.model, toks, &memory, &mut feats);
                remember(&mut memory, toks, &first[si].0);
                out
            } else {
                std::mem::take(&mut first[si])
            };
            for (s, e, ty) in labels_to_spans(&labels) {
                let m = margins[s..e].iter().copied().fold(f32::INFINITY, f32::min);
                let confidence = 1.0 / (1.0 + (-m / MARGIN_SCALE).exp());
                let lowers: Vec<u64> = toks[s..e].iter().map(|t| t.lower).collect();
                let ty = match ty {
                    0 => EntityType::Person,
                    1 => EntityType::Org,
                    2 => EntityType::Loc,
                    _ if res.is_demonym_phrase(&lowers) => EntityType::Norp,
                    _ => EntityType::Misc,
                };
                found.push(Found {
                    sentence: si,
                    start: s,
                    end: e,
                    ty,
                    confidence,
                });
            }
        }
        if self.doc_vote {
            vote(&mut found, analysed);
        }
        found
    }
}

/// One type per name: identical token strings tagged with different types in a document
/// all take the type with the highest summed confidence (earliest wins ties).
fn vote(found: &mut [Found], analysed: &[Vec<Tok>]) {
    use std::collections::BTreeMap;
    let key = |f: &Found| -> Vec<u64> {
        analysed[f.sentence][f.start..f.end]
            .iter()
            .map(|t| t.word)
            .collect()
    };
    let mut votes: BTreeMap<Vec<u64>, BTreeMap<EntityType, f32>> = BTreeMap::new();
    for f in found.iter() {
        *votes.entry(key(f)).or_default().entry(f.ty).or_insert(0.0) += f.confidence;
    }
    for f in found.iter_mut() {
        if let Some(v) = votes.get(&key(f))
            && v.len() > 1
        {
            let mut best = f.ty;
            let mut best_w = f32::NEG_INFINITY;
            for (ty, w) in v {
                if *w > best_w {
                    best_w = *w;
                    best = *ty;
                }
            }
            f.ty = best;
        }
    }
}

#[cfg(test)]
mod cache_tests {
    use super::*;
    use crate::ner::features::ner_token_features;
    use crate::ner::hash::HashKeyMap;

    #[test]
    fn token_features_are_a_function_of_the_key() {
        let raw = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/conll2003/eng.dev.conll"
        ))
        .unwrap();
        let res = Resources::global();
        let mut seen: HashKeyMap<(String, Vec<u64>)> = HashKeyMap::default();
        let mut sent: Vec<&str> = Vec::new();
        let mut bad = 0;
        for line in raw.lines().chain(std::iter::once("")) {
            let w = line.split_whitespace().next();
            match w {
                Some(w) if w != "-DOCSTART-" => sent.push(w),
                _ => {
                    let toks = analyse_sentence(&sent, res);
                    for (t, w) in toks.iter().zip(&sent) {
                        let mut f = Vec::new();
                        ner_token_features(&mut f, t);
                        if let Some((w0, f0)) = seen.get(&t.key()) {
                            if *f0 != f && bad < 10 {
                                bad += 1;
                                eprintln!("mismatch {w0:?} vs {w:?}");
                            }
                        } else {
                            seen.insert(t.key(), ((*w).to_owned(), f));
                        }
                    }
                    sent.clear();
                }
            }
        }
        assert_eq!(bad, 0);
    }
}

#[cfg(test)]
mod fast_path_tests {
    //! The decoders sum feature scores in groups, from per-word memos, in batches, and skip
    //! tokens that are surely outside entities; these tests check that they give exactly
    //! what scoring the full feature list of every token gives, on real text.

    use super::*;
    use crate::ner::features::ner_features;
    use crate::ner::perceptron::Scorer as _;
    use crate::ner::pos::{PENN_TAGS, PosTagger, decode_fast};

    /// Documents of sentences of words: `CoNLL` dev and the shared articles.
    fn documents() -> Vec<Vec<Vec<String>>> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/");
        let raw = std::fs::read_to_string(format!("{root}data/conll2003/eng.dev.conll"))
            .expect("CoNLL dev is in ../shared");
        let mut docs: Vec<Vec<Vec<String>>> = Vec::new();
        let mut sent = Vec::new();
        for line in raw.lines().chain(std::iter::once("")) {
            match line.split_whitespace().next() {
                Some("-DOCSTART-") => docs.push(Vec::new()),
                Some(w) => sent.push(w.to_owned()),
                None if !sent.is_empty() => {
                    if docs.is_empty() {
                        docs.push(Vec::new());
                    }
                    if let Some(d) = docs.last_mut() {
                        d.push(std::mem::take(&mut sent));
                    }
                }
                None => {}
            }
        }
        let mut paths = vec![format!("{root}articles/us-pakistan-afghan-peace.txt")];
        let dir = format!("{root}articles/state-department");
        let mut listed: Vec<String> = std::fs::read_dir(&dir)
            .expect("state department articles")
            .map(|e| e.expect("entry").path().display().to_string())
            .collect();
        listed.sort();
        paths.extend(listed);
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("article");
            let doc = crate::model::Document::new("a", text.clone());
            let tokens = crate::ner::input::simple_tokens(&text);
            let sentences = crate::ner::input::group_sentences(&doc, &tokens);
            docs.push(
                sentences
                    .iter()
                    .map(|s| s.iter().map(|sp| sp.text(&text).to_owned()).collect())
                    .collect(),
            );
        }
        docs
    }

    fn analysed(doc: &[Vec<String>]) -> Vec<Vec<Tok>> {
        let res = Resources::global();
        doc.iter()
            .map(|s| {
                let words: Vec<&str> = s.iter().map(String::as_str).collect();
                analyse_sentence(&words, res)
            })
            .collect()
    }

    /// Greedy decoding that scores the whole feature list of every token.
    fn reference(model: &Model, toks: &[Tok], memory: &DocMemory) -> (Vec<usize>, Vec<f32>) {
        let caps = is_caps_sentence(toks);
        let mut feats = Vec::new();
        let mut scores = [0f32; LABELS.len()];
        let (mut labels, mut margins) = (Vec::new(), Vec::new());
        let mut prev: Option<usize> = None;
        let mut prev2: Option<usize> = None;
        for i in 0..toks.len() {
            let p = prev.map_or(0, |p| p as u64 + 1);
            let p2 = prev2.map_or(0, |p| p as u64 + 1);
            ner_features(&mut feats, toks, i, p, p2, caps, memory);
            model.score(&feats, &mut scores);
            let (l, m) = best_valid(&scores, prev, i + 1 == toks.len());
            labels.push(l);
            margins.push(m);
            prev2 = prev;
            prev = Some(l);
        }
        (labels, margins)
    }

    #[test]
    fn grouped_skipping_decoders_equal_full_scoring() {
        let model = &NerModel::global().model;
        let pos = PosTagger::global();
        let mut feats = Vec::new();
        let (mut tokens, mut skipped_diff, mut pos_tokens) = (0usize, 0usize, 0usize);
        for doc in documents() {
            let analysed = analysed(&doc);
            let mut memory = DocMemory::default();
            memory.scan(&analysed);
            for toks in &analysed {
                let want = reference(model, toks, &memory);
                let got = decode_with(model, toks, &memory, &mut feats, false);
                assert_eq!(want.0, got.0, "labels differ");
                assert_eq!(want.1, got.1, "margins differ");
                let skipped = decode(model, toks, &memory, &mut feats);
                if skipped.0 != want.0 {
                    skipped_diff += 1;
                }
                tokens += toks.len();
                remember(&mut memory, toks, &want.0);

                let want = crate::ner::pos::decode(pos.model(), toks, &mut feats);
                let mut got = Vec::new();
                decode_fast(pos.model(), toks, &mut feats, &mut got);
                assert_eq!(want, got, "part-of-speech tags differ");
                assert!(got.iter().all(|&t| t < PENN_TAGS.len()));
                pos_tokens += got.len();
            }
        }
        assert!(tokens > 50_000, "{tokens}");
        assert_eq!(pos_tokens, tokens);
        assert_eq!(
            skipped_diff, 0,
            "skipping changed the labels of {skipped_diff} sentences"
        );
    }
}
