//! Offline, deterministic training of the entity recogniser and the part-of-speech tagger
//! from CoNLL-2003 column files (`token POS chunk NER`, IOB2), with the number of epochs
//! picked on a development file.
//!
//! Determinism: documents are shuffled each epoch with a seeded `SplitMix64` generator; the
//! weight table is a flat array and no hash-map iteration order reaches the output, so the
//! same data, settings and seed give the same model bytes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::{Error, Result};

use super::features::{DocMemory, Tok, analyse_sentence, is_caps_sentence, ner_features};
use super::perceptron::{Model, Scorer as _, Trainer};
use super::pos::{self, PENN_TAGS, tag_index};
use super::resources::Resources;
use super::tagger::{LABELS, NerModel, TYPES, best_valid, labels_to_spans, remember};

/// One sentence of a `CoNLL` file.
#[derive(Clone, Debug, Default)]
pub struct ConllSentence {
    /// Tokens.
    pub words: Vec<String>,
    /// Penn part-of-speech tags (column 2).
    pub pos: Vec<String>,
    /// NER tags in IOB2 (last column).
    pub ner: Vec<String>,
}

/// A `CoNLL` document (sentences between `-DOCSTART-` lines).
pub type ConllDoc = Vec<ConllSentence>;

/// Reads a CoNLL-2003 column file into documents.
pub fn read_conll(path: &Path) -> Result<Vec<ConllDoc>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut docs: Vec<ConllDoc> = Vec::new();
    let mut doc: ConllDoc = Vec::new();
    let mut sent = ConllSentence::default();
    for (ln, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            if !sent.words.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            continue;
        }
        if cols[0] == "-DOCSTART-" {
            if !sent.words.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(Error::Parse {
                path: path.to_path_buf(),
                reason: format!("line {}: expected at least 2 columns, found 1", ln + 1),
            });
        }
        sent.words.push(cols[0].to_owned());
        sent.pos.push(cols[1].to_owned());
        sent.ner.push(cols[cols.len() - 1].to_owned());
    }
    if !sent.words.is_empty() {
        doc.push(sent);
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err(Error::Parse {
            path: path.to_path_buf(),
            reason: "no sentences found".into(),
        });
    }
    Ok(docs)
}

/// Converts IOB2 (or IOB1) tags to BILOU label indices.
pub(crate) fn iob_to_bilou(tags: &[String]) -> Vec<usize> {
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, ty) = t.split_once('-').unwrap_or((t.as_str(), ""));
        let ty_i = TYPES.iter().position(|x| *x == ty);
        match (prefix, ty_i) {
            ("B", Some(k)) => {
                if let Some((s, k0)) = cur.take() {
                    spans.push((s, i, k0));
                }
                cur = Some((i, k));
            }
            ("I", Some(k)) => match cur {
                Some((_, k0)) if k0 == k => {}
                _ => {
                    if let Some((s, k0)) = cur.take() {
                        spans.push((s, i, k0));
                    }
                    cur = Some((i, k));
                }
            },
            _ => {
                if let Some((s, k0)) = cur.take() {
                    spans.push((s, i, k0));
                }
            }
        }
    }
    if let Some((s, k0)) = cur {
        spans.push((s, tags.len(), k0));
    }
    let mut out = vec![0usize; tags.len()];
    for (s, e, k) in spans {
        if e - s == 1 {
            out[s] = 1 + 4 * k + 3;
        } else {
            out[s] = 1 + 4 * k;
            for o in &mut out[s + 1..e - 1] {
                *o = 1 + 4 * k + 1;
            }
            out[e - 1] = 1 + 4 * k + 2;
        }
    }
    out
}

/// `SplitMix64`: a tiny, well-known seeded generator for deterministic shuffles.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Training file (`CoNLL` columns).
    pub train: PathBuf,
    /// Development file (`CoNLL` columns) for picking the epoch; `None` trains `max_epochs`.
    pub dev: Option<PathBuf>,
    /// Most epochs to run.
    pub max_epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Feature table size: `2^bits` rows.
    pub bits: u32,
    /// Pruning threshold, in units of the mean absolute weight.
    pub prune: f32,
    /// Number of perceptrons trained on differently shuffled data whose averaged weights
    /// are averaged again (an ensemble at no cost when tagging). Entity recogniser only.
    pub ensemble: usize,
    /// Train on at most this many documents (for quick tests).
    pub limit_docs: Option<usize>,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl TrainOptions {
    /// Defaults for the shipped entity recogniser, reading the given files.
    pub fn ner(train: PathBuf, dev: Option<PathBuf>) -> Self {
        Self {
            train,
            dev,
            max_epochs: 20,
            seed: 20_261_127,
            bits: 20,
            prune: 0.5,
            ensemble: 5,
            limit_docs: None,
            verbose: false,
        }
    }

    /// Defaults for the shipped part-of-speech tagger, reading the given files.
    pub fn pos(train: PathBuf, dev: Option<PathBuf>) -> Self {
        Self {
            bits: 18,
            max_epochs: 10,
            ensemble: 1,
            ..Self::ner(train, dev)
        }
    }
}

/// What a training run produced.
#[derive(Clone, Debug)]
pub struct TrainReport {
    /// The model file's bytes (write them to `assets/ner/*.model`).
    pub model: Vec<u8>,
    /// The epoch picked (1-based).
    pub best_epoch: usize,
    /// Dev score after each epoch (entity micro F1, or POS accuracy), if a dev file was given.
    pub dev_scores: Vec<f64>,
    /// Wall-clock training time in seconds (including dev evaluation).
    pub seconds: f64,
    /// Non-zero weights in the model.
    pub non_zero: usize,
    /// For the part-of-speech tagger: the tag dictionary (`assets/ner/pos.tagdict`, see
    /// [`tag_dictionary`]).
    pub tag_dictionary: Option<String>,
}

/// Fewest occurrences in the training data for a word to enter the tag dictionary.
const TAG_DICT_MIN_COUNT: usize = 20;

/// Share of a word's occurrences its commonest tag must have (in thousandths).
const TAG_DICT_MIN_PERMILLE: usize = 990;

/// The part-of-speech tag dictionary: every word (exact spelling) seen at least
/// 20 times in `docs` with one tag at least 99 % of the time, as sorted `word<TAB>tag` lines.
/// The tagger gives these words their tag without scoring (about half the tokens of news
/// text; on `CoNLL` train the dictionary's tag is wrong for about 0.1 % of tokens).
pub fn tag_dictionary(docs: &[ConllDoc]) -> String {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
    for s in docs.iter().flatten() {
        for (w, t) in s.words.iter().zip(&s.pos) {
            if let Some(i) = tag_index(t) {
                *counts.entry(w.as_str()).or_default().entry(i).or_default() += 1;
            }
        }
    }
    let mut out = String::new();
    for (word, tags) in counts {
        let n: usize = tags.values().sum();
        // The commonest tag; ties go to the lower tag index (BTreeMap order).
        let Some((&tag, &k)) = tags.iter().rev().max_by_key(|&(_, &k)| k) else {
            continue;
        };
        if n >= TAG_DICT_MIN_COUNT && k * 1000 >= n * TAG_DICT_MIN_PERMILLE {
            out.push_str(word);
            out.push('\t');
            out.push_str(PENN_TAGS[tag]);
            out.push('\n');
        }
    }
    out
}

struct Analysed {
    sentences: Vec<Vec<Tok>>,
    gold: Vec<Vec<usize>>,
}

fn analyse_docs(docs: &[ConllDoc], pos: bool) -> Vec<Analysed> {
    let res = Resources::global();
    docs.iter()
        .map(|d| Analysed {
            sentences: d
                .iter()
                .map(|s| {
                    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                    let mut toks = analyse_sentence(&words, res);
                    // Training scores every token: the shipped tag dictionary must not
                    // influence the weights or the choice of epoch.
                    for t in &mut toks {
                        t.pos_dict = 0;
                    }
                    toks
                })
                .collect(),
            gold: d
                .iter()
                .map(|s| {
                    if pos {
                        s.pos
                            .iter()
                            .map(|t| tag_index(t).unwrap_or(usize::MAX))
                            .collect()
                    } else {
                        iob_to_bilou(&s.ner)
                    }
                })
                .collect(),
        })
        .collect()
}

fn load(opts: &TrainOptions) -> Result<(Vec<ConllDoc>, Option<Vec<ConllDoc>>)> {
    let mut train = read_conll(&opts.train)?;
    if let Some(n) = opts.limit_docs {
        train.truncate(n);
    }
    let dev = opts.dev.as_deref().map(read_conll).transpose()?;
    Ok((train, dev))
}

/// Entity micro F1 of `model` on `CoNLL` documents (exact span and type).
pub fn ner_f1_conll(model: &NerModel, docs: &[ConllDoc]) -> f64 {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for d in docs {
        let sentences: Vec<Vec<&str>> = d
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let pred = model.tag_words(&sentences);
        for (s, p) in d.iter().zip(pred) {
            let gold: Vec<(usize, usize, &str)> = labels_to_spans(&iob_to_bilou(&s.ner))
                .into_iter()
                .map(|(a, b, k)| (a, b, TYPES[k]))
                .collect();
            let pred: Vec<(usize, usize, &str)> = p
                .into_iter()
                .map(|(a, b, ty)| (a, b, ty.coarse()))
                .collect();
            ng += gold.len();
            np += pred.len();
            tp += pred.iter().filter(|x| gold.contains(x)).count();
        }
    }
    let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
    let r = if ng > 0 { tp as f64 / ng as f64 } else { 0.0 };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Trains the entity recogniser. With a dev file, the epoch with the best dev F1 is kept.
pub fn train_ner(opts: &TrainOptions) -> Result<TrainReport> {
    let started = Instant::now();
    let (train_docs, dev_docs) = load(opts)?;
    let data = analyse_docs(&train_docs, false);
    let members = opts.ensemble.max(1);
    let mut trainers: Vec<Trainer> = (0..members)
        .map(|_| Trainer::new(opts.bits, LABELS.len()))
        .collect();
    let mut rngs: Vec<SplitMix64> = (0..members as u64)
        .map(|m| SplitMix64(opts.seed.wrapping_add(m.wrapping_mul(0x9e37_79b9))))
        .collect();
    let mut orders: Vec<Vec<usize>> = vec![(0..data.len()).collect(); members];
    let mut feats = Vec::with_capacity(96);
    let mut scores = [0f32; LABELS.len()];
    let mut memory = DocMemory::default();
    let mut best: Option<(f64, usize, Vec<u8>, usize)> = None;
    let mut dev_scores = Vec::new();
    for epoch in 1..=opts.max_epochs.max(1) {
        let (mut correct, mut total) = (0usize, 0usize);
        for ((trainer, rng), order) in trainers.iter_mut().zip(&mut rngs).zip(&mut orders) {
            rng.shuffle(order);
            for &d in order.iter() {
                let doc = &data[d];
                memory.clear();
                memory.scan(&doc.sentences);
                for (toks, gold) in doc.sentences.iter().zip(&doc.gold) {
                    let caps = is_caps_sentence(toks);
                    let mut labels = Vec::with_capacity(toks.len());
                    let mut prev: Option<usize> = None;
                    let mut prev2: Option<usize> = None;
                    for (i, &gold_i) in gold.iter().enumerate() {
                        ner_features(
                            &mut feats,
                            toks,
                            i,
                            prev.map_or(0, |p| p as u64 + 1),
                            prev2.map_or(0, |p| p as u64 + 1),
                            caps,
                            &memory,
                        );
                        trainer.score(&feats, &mut scores);
                        let (guess, _) = best_valid(&scores, prev, i + 1 == toks.len());
                        trainer.update(&feats, gold_i, guess);
                        trainer.tick();
                        correct += usize::from(guess == gold_i);
                        total += 1;
                        labels.push(guess);
                        prev2 = prev;
                        prev = Some(guess);
                    }
                    remember(&mut memory, toks, &labels);
                }
            }
        }
        let meta = format!(
            "ner; epochs={epoch}; ensemble={members}; seed={}; bits={}; prune={}; train={}",
            opts.seed,
            opts.bits,
            opts.prune,
            opts.train
                .file_name()
                .and_then(|s| s.to_str())
                .unwrap_or("?")
        );
        let model = Model::ensemble(&trainers, &LABELS, opts.prune, &meta);
        let non_zero = model.non_zero();
        let score = match &dev_docs {
            Some(dev) => ner_f1_conll(&NerModel::from_model(model.clone()), dev),
            None => epoch as f64,
        };
        if opts.verbose {
            eprintln!(
                "ner epoch {epoch}: train token acc {:.4}, dev F1 {score:.4}, {:.1}s",
                correct as f64 / total.max(1) as f64,
                started.elapsed().as_secs_f64()
            );
        }
        if dev_docs.is_some() {
            dev_scores.push(score);
        }
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, epoch, model.to_bytes(), non_zero));
        }
    }
    let (_, best_epoch, model, non_zero) = best.unwrap_or_default();
    Ok(TrainReport {
        model,
        best_epoch,
        dev_scores,
        seconds: started.elapsed().as_secs_f64(),
        non_zero,
        tag_dictionary: None,
    })
}

fn pos_accuracy<S: super::perceptron::Scorer>(scorer: &S, data: &[Analysed]) -> f64 {
    let mut feats = Vec::new();
    let (mut correct, mut total) = (0usize, 0usize);
    for doc in data {
        for (toks, gold) in doc.sentences.iter().zip(&doc.gold) {
            let pred = pos::decode(scorer, toks, &mut feats);
            for (p, g) in pred.iter().zip(gold) {
                if *g != usize::MAX {
                    total += 1;
                    correct += usize::from(p == g);
                }
            }
        }
    }
    correct as f64 / total.max(1) as f64
}

/// Trains the part-of-speech tagger on the Penn tags of a `CoNLL` file. With a dev file, the
/// epoch with the best dev accuracy is kept.
pub fn train_pos(opts: &TrainOptions) -> Result<TrainReport> {
    let started = Instant::now();
    let (train_docs, dev_docs) = load(opts)?;
    let mut data = analyse_docs(&train_docs, true);
    let dev = dev_docs.map(|d| analyse_docs(&d, true));
    let mut trainer = Trainer::new(opts.bits, PENN_TAGS.len());
    let mut rng = SplitMix64(opts.seed);
    let mut feats = Vec::with_capacity(48);
    let mut scores = [0f32; PENN_TAGS.len()];
    let mut best: Option<(f64, usize, Vec<u8>, usize)> = None;
    let mut dev_scores = Vec::new();
    for epoch in 1..=opts.max_epochs.max(1) {
        rng.shuffle(&mut data);
        for doc in &data {
            for (toks, gold) in doc.sentences.iter().zip(&doc.gold) {
                let mut prev = 0u64;
                let mut prev2 = 0u64;
                for (i, &gold_i) in gold.iter().enumerate() {
                    super::features::pos_features(&mut feats, toks, i, prev, prev2);
                    trainer.score(&feats, &mut scores);
                    let mut guess = 0;
                    for (l, s) in scores.iter().enumerate() {
                        if *s > scores[guess] {
                            guess = l;
                        }
                    }
                    if gold_i != usize::MAX {
                        trainer.update(&feats, gold_i, guess);
                    }
                    trainer.tick();
                    prev2 = prev;
                    prev = guess as u64 + 1;
                }
            }
        }
        let meta = format!(
            "pos; epochs={epoch}; seed={}; bits={}; prune={}; train={}",
            opts.seed,
            opts.bits,
            opts.prune,
            opts.train
                .file_name()
                .and_then(|s| s.to_str())
                .unwrap_or("?")
        );
        let model: Model = trainer.to_model(&PENN_TAGS, opts.prune, &meta);
        let score = match &dev {
            Some(dev) => pos_accuracy(&model, dev),
            None => epoch as f64,
        };
        if opts.verbose {
            eprintln!(
                "pos epoch {epoch}: dev acc {score:.4}, {:.1}s",
                started.elapsed().as_secs_f64()
            );
        }
        if dev.is_some() {
            dev_scores.push(score);
        }
        if best.as_ref().is_none_or(|b| score > b.0) {
            let nz = model.non_zero();
            best = Some((score, epoch, model.to_bytes(), nz));
        }
    }
    let (_, best_epoch, model, non_zero) = best.unwrap_or_default();
    Ok(TrainReport {
        model,
        best_epoch,
        dev_scores,
        seconds: started.elapsed().as_secs_f64(),
        non_zero,
        tag_dictionary: Some(tag_dictionary(&train_docs)),
    })
}

/// Part-of-speech accuracy of the shipped-format tagger on a `CoNLL` file's Penn tags.
pub fn pos_accuracy_conll(
    tagger: &pos::PosTagger,
    path: &Path,
    limit_docs: Option<usize>,
) -> Result<f64> {
    let mut docs = read_conll(path)?;
    if let Some(n) = limit_docs {
        docs.truncate(n);
    }
    let (mut correct, mut total) = (0usize, 0usize);
    for d in &docs {
        for s in d {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let pred = tagger.tag_words(&words);
            for (p, g) in pred.iter().zip(&s.pos) {
                if let Some(gi) = tag_index(g) {
                    total += 1;
                    correct += usize::from(*p == PENN_TAGS[gi]);
                }
            }
        }
    }
    Ok(correct as f64 / total.max(1) as f64)
}
