//! Token analysis and the feature templates of the entity and part-of-speech taggers.
//!
//! Each token is analysed once ([`Tok`]): hashes of its exact and lowercased form, its
//! shape, affixes, character-class flags, `GloVe` clusters and gazetteer matches. Feature
//! extraction then only mixes precomputed hashes with template ids into a reused buffer.

use super::hash::{HashKeyMap, HashKeySet, hash_bytes, hash_lower, mix};
use super::resources::{CLUSTER_LEVELS, GAZ_LONGER, GAZ_MAX_LEN, Resources, phrase_step};

use std::cell::RefCell;

/// Token flags.
pub(crate) mod flag {
    pub const INIT_CAP: u16 = 1;
    pub const ALL_CAPS: u16 = 1 << 1;
    pub const HAS_DIGIT: u16 = 1 << 2;
    pub const ALL_DIGIT: u16 = 1 << 3;
    pub const HAS_HYPHEN: u16 = 1 << 4;
    pub const HAS_PERIOD: u16 = 1 << 5;
    pub const PUNCT: u16 = 1 << 6;
    pub const LOWER: u16 = 1 << 7;
    pub const MIXED: u16 = 1 << 8;
    pub const SENT_START: u16 = 1 << 9;
}

/// No cluster for this word.
const NO_CLUSTER: u16 = u16::MAX;

/// One analysed token.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tok {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
    pub flags: u16,
    pub len: u8,
    pub clusters: [u16; CLUSTER_LEVELS],
    /// Gazetteer matches: bit `kind * 4 + position` (position 0 B, 1 I, 2 L, 3 U).
    pub gaz: u32,
    /// The gazetteer entry of the word alone (kind bits and `GAZ_LONGER`, 0: none), looked
    /// up once per word by [`Tok::new`] so that phrase search rarely needs the gazetteer.
    pub gaz_word: u16,
    /// The word's tag in the part-of-speech tag dictionary (index into
    /// [`super::tags::PENN_TAGS`] plus one; 0: not in the dictionary).
    pub pos_dict: u8,
}

impl Tok {
    /// The key under which the scores of [`ner_token_features`] can be cached.
    pub(crate) fn key(&self) -> u64 {
        mix(self.word, u64::from(self.flags))
    }

    /// Analyses one token's text.
    pub(crate) fn new(text: &str, res: &Resources) -> Tok {
        let bytes = text.as_bytes();
        let mut flags = 0u16;
        let mut n_upper = 0usize;
        let mut n_lower = 0usize;
        let mut n_digit = 0usize;
        let mut n_alnum = 0usize;
        let mut n_chars = 0usize;
        let mut shape = [0u8; 12];
        let mut shape_len = 0usize;
        let mut first_upper = false;
        if text.is_ascii() {
            for (i, &b) in bytes.iter().enumerate() {
                n_chars += 1;
                let s = if b.is_ascii_uppercase() {
                    n_upper += 1;
                    if i == 0 {
                        first_upper = true;
                    }
                    n_alnum += 1;
                    b'X'
                } else if b.is_ascii_lowercase() {
                    n_lower += 1;
                    n_alnum += 1;
                    b'x'
                } else if b.is_ascii_digit() {
                    n_digit += 1;
                    n_alnum += 1;
                    b'd'
                } else {
                    if b == b'-' {
                        flags |= flag::HAS_HYPHEN;
                    } else if b == b'.' {
                        flags |= flag::HAS_PERIOD;
                    }
                    b
                };
                if (shape_len == 0 || shape[shape_len - 1] != s) && shape_len < shape.len() {
                    shape[shape_len] = s;
                    shape_len += 1;
                }
            }
        } else {
            for (i, c) in text.chars().enumerate() {
                n_chars += 1;
                let s = if c.is_uppercase() {
                    n_upper += 1;
                    if i == 0 {
                        first_upper = true;
                    }
                    b'X'
                } else if c.is_lowercase() {
                    n_lower += 1;
                    b'x'
                } else if c.is_ascii_digit() {
                    n_digit += 1;
                    b'd'
                } else if c.is_alphanumeric() {
                    b'a'
                } else if c.is_ascii() {
                    if c == '-' {
                        flags |= flag::HAS_HYPHEN;
                    } else if c == '.' {
                        flags |= flag::HAS_PERIOD;
                    }
                    c as u8
                } else {
                    b'o'
                };
                if c.is_alphanumeric() {
                    n_alnum += 1;
                }
                if (shape_len == 0 || shape[shape_len - 1] != s) && shape_len < shape.len() {
                    shape[shape_len] = s;
                    shape_len += 1;
                }
            }
        }
        if first_upper {
            flags |= flag::INIT_CAP;
            if n_upper > 1 && n_lower > 0 {
                flags |= flag::MIXED;
            }
        }
        if n_upper > 0 && n_lower == 0 {
            flags |= flag::ALL_CAPS;
        }
        if n_digit > 0 {
            flags |= flag::HAS_DIGIT;
            if n_digit == n_chars {
                flags |= flag::ALL_DIGIT;
            }
        }
        if n_alnum == 0 {
            flags |= flag::PUNCT;
        }
        if n_lower > 0 && !first_upper {
            flags |= flag::LOWER;
        }
        let mut prefix = [0u64; 4];
        let mut suffix = [0u64; 4];
        if text.is_ascii() {
            for k in 0..4 {
                let n = (k + 1).min(bytes.len());
                prefix[k] = hash_lower(&bytes[..n]);
                suffix[k] = hash_lower(&bytes[bytes.len() - n..]);
            }
        } else {
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let nc = starts.len();
            for k in 0..4 {
                let n = (k + 1).min(nc);
                let pend = if n < nc { starts[n] } else { bytes.len() };
                prefix[k] = hash_lower(&bytes[..pend]);
                suffix[k] = hash_lower(&bytes[starts[nc - n]..]);
            }
        }
        let lower = hash_lower(bytes);
        let clusters = res
            .clusters
            .get(&lower)
            .copied()
            .unwrap_or([NO_CLUSTER; CLUSTER_LEVELS]);
        let word = hash_bytes(bytes);
        Tok {
            word,
            lower,
            shape: hash_bytes(&shape[..shape_len]),
            prefix,
            suffix,
            flags,
            len: n_chars.min(255) as u8,
            clusters,
            gaz: 0,
            gaz_word: res
                .gazetteer
                .get(&phrase_step(0, lower))
                .copied()
                .unwrap_or(0),
            pos_dict: res.pos_dict.get(&word).copied().unwrap_or(0),
        }
    }
}

/// Marks gazetteer matches (all phrases up to [`GAZ_MAX_LEN`] tokens) on a sentence.
pub(crate) fn mark_gazetteers(toks: &mut [Tok], res: &Resources) {
    let n = toks.len();
    for start in 0..n {
        if toks[start].gaz_word == 0 {
            // No phrase starts with this word.
            continue;
        }
        let mut h = 0u64;
        for len in 1..=GAZ_MAX_LEN.min(n - start) {
            h = phrase_step(h, toks[start + len - 1].lower);
            let entry = if len == 1 {
                toks[start].gaz_word
            } else if let Some(&entry) = res.gazetteer.get(&h) {
                entry
            } else {
                // No phrase starts with these tokens.
                break;
            };
            let bits = entry & 0xff;
            for kind in 0..8u32 {
                if bits & (1 << kind) == 0 {
                    continue;
                }
                if len == 1 {
                    toks[start].gaz |= 1 << (kind * 4 + 3);
                } else {
                    toks[start].gaz |= 1 << (kind * 4);
                    for t in &mut toks[start + 1..start + len - 1] {
                        t.gaz |= 1 << (kind * 4 + 1);
                    }
                    toks[start + len - 1].gaz |= 1 << (kind * 4 + 2);
                }
            }
            if entry & GAZ_LONGER == 0 {
                // No longer phrase starts with these tokens.
                break;
            }
        }
    }
}

/// Most analysed words kept per thread before the memo is emptied.
const TOK_MEMO_CAP: usize = 32_768;

thread_local! {
    /// Per-thread memo of [`Tok::new`] by the hash of the word's bytes ([`Tok::word`]).
    /// `Tok::new` depends on the text alone, so results never depend on the memo's state.
    static TOK_MEMO: RefCell<HashKeyMap<Tok>> = RefCell::new(HashKeyMap::default());
}

/// Empties this thread's memo of analysed words.
pub(crate) fn forget_words() {
    TOK_MEMO.with(|memo| memo.borrow_mut().clear());
}

/// Analyses a sentence's tokens.
pub(crate) fn analyse_sentence(words: &[&str], res: &Resources) -> Vec<Tok> {
    let mut toks: Vec<Tok> = TOK_MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.len() >= TOK_MEMO_CAP {
            memo.clear();
        }
        words
            .iter()
            .map(|w| {
                memo.entry(hash_bytes(w.as_bytes()))
                    .or_insert_with(|| Tok::new(w, res))
                    .clone()
            })
            .collect()
    });
    if let Some(first) = toks.iter_mut().find(|t| t.flags & flag::PUNCT == 0) {
        first.flags |= flag::SENT_START;
    }
    mark_gazetteers(&mut toks, res);
    toks
}

/// True when most of a sentence's alphabetic tokens are in capitals (a headline).
pub(crate) fn is_caps_sentence(toks: &[Tok]) -> bool {
    let mut caps = 0;
    let mut alpha = 0;
    for t in toks {
        if t.flags & (flag::INIT_CAP | flag::LOWER) != 0 {
            alpha += 1;
            if t.flags & flag::ALL_CAPS != 0 || (t.flags & flag::INIT_CAP != 0 && t.len == 1) {
                caps += 1;
            }
        }
    }
    alpha >= 2 && caps * 10 >= alpha * 8
}

/// Document-level memory: what earlier predictions said about each token string, and which
/// capitalised words also occur in lower case in the document.
#[derive(Default)]
pub(crate) struct DocMemory {
    /// Exact word hash → counts of predicted entity types (PER, ORG, LOC, MISC).
    pub history: HashKeyMap<[u16; 4]>,
    /// Lowercased hashes of words seen in lower case (not sentence-initial); only words
    /// that the document also has capitalised are kept.
    pub lower_seen: HashKeySet,
}

impl DocMemory {
    /// Forgets everything (a new document).
    pub(crate) fn clear(&mut self) {
        self.history.clear();
        self.lower_seen.clear();
    }

    /// Records the lower-case words of an analysed document (only those that also occur
    /// capitalised: [`DocMemory::lower_seen`] is asked about capitalised words only).
    pub(crate) fn scan(&mut self, sentences: &[Vec<Tok>]) {
        let mut capitalised = HashKeySet::default();
        for t in sentences.iter().flatten() {
            if t.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
                capitalised.insert(t.lower);
            }
        }
        for t in sentences.iter().flatten() {
            if t.flags & flag::LOWER != 0 && capitalised.contains(&t.lower) {
                self.lower_seen.insert(t.lower);
            }
        }
    }

    /// The majority earlier type of `word`, as 1 + type index, or 0.
    fn majority(&self, word: u64) -> u64 {
        self.history.get(&word).map_or(0, |c| {
            let mut best = 0;
            let mut best_n = 0;
            for (i, &n) in c.iter().enumerate() {
                if n > best_n {
                    best_n = n;
                    best = i as u64 + 1;
                }
            }
            best
        })
    }
}

const PAD_WORD: u64 = 0x1234_5678_9abc_def1;

#[inline]
fn t(id: u64) -> u64 {
    mix(0x7f4a_7c15, id)
}

/// Pushes the entity-recogniser features of token `i` into `out` (cleared first): the
/// token's own features ([`ner_token_features`]) and those of its context.
pub(crate) fn ner_features(
    out: &mut Vec<u64>,
    toks: &[Tok],
    i: usize,
    prev: u64,
    prev2: u64,
    caps_sentence: bool,
    memory: &DocMemory,
) {
    ner_context_features(out, toks, i, prev, prev2, caps_sentence, memory);
    ner_token_features(out, &toks[i]);
}

/// Appends to `out` the features that depend only on the token itself: its
/// word, affixes, shape, flags, length and clusters. Their scores are the same wherever the
/// same word with the same flags occurs, so the tagger caches them (keyed by [`Tok::key`]).
pub(crate) fn ner_token_features(out: &mut Vec<u64>, w: &Tok) {
    out.push(t(1));
    out.push(mix(t(2), w.lower));
    out.push(mix(t(3), w.word));
    for k in 0..4 {
        out.push(mix(t(10 + k as u64), w.prefix[k]));
        out.push(mix(t(14 + k as u64), w.suffix[k]));
    }
    out.push(mix(t(18), w.shape));
    out.push(mix(t(23), u64::from(w.flags)));
    out.push(mix(t(26), u64::from(w.len.min(12))));
    for lvl in 0..CLUSTER_LEVELS {
        out.push(mix(t(90 + lvl as u64), u64::from(w.clusters[lvl])));
        out.push(mix(
            mix(t(95 + lvl as u64), u64::from(w.clusters[lvl])),
            u64::from(w.flags & (flag::INIT_CAP | flag::SENT_START)),
        ));
    }
}

/// Pushes (after clearing `out`) the features of token `i` that depend on its context:
/// neighbouring words, shapes and clusters, gazetteer matches, previous tags and the
/// document memory.
pub(crate) fn ner_context_features(
    out: &mut Vec<u64>,
    toks: &[Tok],
    i: usize,
    prev: u64,
    prev2: u64,
    caps_sentence: bool,
    memory: &DocMemory,
) {
    out.clear();
    let w = &toks[i];
    let get = |k: isize| -> Option<&Tok> {
        let j = i as isize + k;
        if j < 0 { None } else { toks.get(j as usize) }
    };
    let low = |k: isize| get(k).map_or(PAD_WORD, |x| x.lower);
    let shp = |k: isize| get(k).map_or(PAD_WORD, |x| x.shape);
    let cap_pat = |k: isize| {
        get(k).map_or(0xff, |x| {
            u64::from(x.flags & (flag::INIT_CAP | flag::ALL_CAPS | flag::PUNCT | flag::LOWER))
        })
    };
    let caps = u64::from(caps_sentence);
    let f0 = u64::from(w.flags);
    out.push(mix(t(4), low(-1)));
    out.push(mix(t(5), low(1)));
    out.push(mix(t(6), low(-2)));
    out.push(mix(t(7), low(2)));
    out.push(mix(mix(t(8), low(-1)), w.lower));
    out.push(mix(mix(t(9), w.lower), low(1)));
    out.push(mix(t(19), shp(-1)));
    out.push(mix(t(20), shp(1)));
    out.push(mix(mix(mix(t(21), shp(-1)), w.shape), shp(1)));
    out.push(mix(mix(mix(t(22), cap_pat(-1)), cap_pat(0)), cap_pat(1)));
    out.push(mix(mix(t(24), caps), w.lower));
    out.push(mix(mix(t(25), caps), f0));
    for (k, id) in [(-1isize, 36u64), (1, 37), (-2, 38), (2, 39)] {
        let c = get(k).map_or(0xfffe, |x| x.clusters[1]);
        out.push(mix(t(id), u64::from(c)));
    }
    let init = u64::from(w.flags & flag::INIT_CAP != 0);
    let mut g = w.gaz;
    while g != 0 {
        let bit = u64::from(g.trailing_zeros());
        g &= g - 1;
        out.push(mix(mix(t(40), bit), init));
    }
    for (k, id) in [(-1isize, 41u64), (1, 42)] {
        if let Some(x) = get(k) {
            let mut g = x.gaz;
            let mut kinds = 0u64;
            while g != 0 {
                kinds |= 1 << (g.trailing_zeros() / 4);
                g &= g - 1;
            }
            out.push(mix(t(id), kinds));
        }
    }
    let wrd = |k: isize| get(k).map_or(PAD_WORD, |x| x.word);
    out.push(mix(t(70), wrd(-1)));
    out.push(mix(t(71), wrd(1)));
    out.push(mix(t(72), shp(-2)));
    out.push(mix(t(73), shp(2)));
    out.push(mix(t(74), get(-1).map_or(PAD_WORD, |x| x.suffix[2])));
    out.push(mix(t(75), get(1).map_or(PAD_WORD, |x| x.suffix[2])));
    let cl = |k: isize, lvl: usize| get(k).map_or(0xfffe, |x| u64::from(x.clusters[lvl]));
    out.push(mix(mix(t(76), cl(-1, 1)), cl(0, 1)));
    out.push(mix(mix(t(77), cl(0, 1)), cl(1, 1)));
    out.push(mix(mix(t(78), low(-1)), w.shape));
    out.push(mix(mix(t(79), w.shape), low(1)));
    out.push(mix(mix(t(80), prev), cap_pat(0)));
    out.push(mix(mix(t(81), prev), low(1)));
    out.push(mix(t(50), prev));
    out.push(mix(mix(t(51), prev), prev2));
    out.push(mix(mix(t(52), prev), w.lower));
    out.push(mix(mix(t(53), prev), w.shape));
    out.push(mix(mix(t(54), prev), u64::from(w.clusters[2])));
    if w.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
        let maj = memory.majority(w.word);
        out.push(mix(mix(t(60), maj), u64::from(w.flags & flag::SENT_START)));
        let seen = u64::from(memory.lower_seen.contains(&w.lower));
        out.push(mix(mix(t(61), seen), u64::from(w.flags & flag::SENT_START)));
    }
}

/// The neighbour offsets whose features are cached per word by the taggers, in the order
/// of the cached score rows.
pub(crate) const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// Appends the features of [`ner_token_features`] plus those that combine the token with the
/// sentence's all-capitals flag (a per-word cache entry for each value of the flag).
pub(crate) fn ner_own_features(out: &mut Vec<u64>, w: &Tok, caps_sentence: bool) {
    ner_token_features(out, w);
    let caps = u64::from(caps_sentence);
    out.push(mix(mix(t(24), caps), w.lower));
    out.push(mix(mix(t(25), caps), u64::from(w.flags)));
}

/// Appends the entity features that token `i` gets from the token at `i + k` (`k` one of
/// [`NEIGHBOURS`]) alone: they depend only on that word (`None`: outside the sentence), so
/// their scores are cached per word.
pub(crate) fn ner_neighbour_features(out: &mut Vec<u64>, x: Option<&Tok>, k: isize) {
    let low = x.map_or(PAD_WORD, |x| x.lower);
    let shp = x.map_or(PAD_WORD, |x| x.shape);
    let cl1 = x.map_or(0xfffe, |x| u64::from(x.clusters[1]));
    match k {
        -1 => {
            out.push(mix(t(4), low));
            out.push(mix(t(19), shp));
            out.push(mix(t(36), cl1));
            out.push(mix(t(70), x.map_or(PAD_WORD, |x| x.word)));
            out.push(mix(t(74), x.map_or(PAD_WORD, |x| x.suffix[2])));
        }
        1 => {
            out.push(mix(t(5), low));
            out.push(mix(t(20), shp));
            out.push(mix(t(37), cl1));
            out.push(mix(t(71), x.map_or(PAD_WORD, |x| x.word)));
            out.push(mix(t(75), x.map_or(PAD_WORD, |x| x.suffix[2])));
        }
        -2 => {
            out.push(mix(t(6), low));
            out.push(mix(t(38), cl1));
            out.push(mix(t(72), shp));
        }
        2 => {
            out.push(mix(t(7), low));
            out.push(mix(t(39), cl1));
            out.push(mix(t(73), shp));
        }
        _ => {}
    }
}

/// Pushes (after clearing `out`) the entity features of token `i` that combine it with its
/// neighbours, the gazetteer matches and the document memory: everything of
/// [`ner_context_features`] that neither [`ner_own_features`], [`ner_neighbour_features`]
/// nor [`ner_tag_features`] covers.
pub(crate) fn ner_pair_features(out: &mut Vec<u64>, toks: &[Tok], i: usize, memory: &DocMemory) {
    out.clear();
    let w = &toks[i];
    let get = |k: isize| -> Option<&Tok> {
        let j = i as isize + k;
        if j < 0 { None } else { toks.get(j as usize) }
    };
    let low = |k: isize| get(k).map_or(PAD_WORD, |x| x.lower);
    let shp = |k: isize| get(k).map_or(PAD_WORD, |x| x.shape);
    out.push(mix(mix(t(8), low(-1)), w.lower));
    out.push(mix(mix(t(9), w.lower), low(1)));
    out.push(mix(mix(mix(t(21), shp(-1)), w.shape), shp(1)));
    out.push(mix(
        mix(mix(t(22), cap_pattern(get(-1))), cap_pattern(Some(w))),
        cap_pattern(get(1)),
    ));
    let init = u64::from(w.flags & flag::INIT_CAP != 0);
    let mut g = w.gaz;
    while g != 0 {
        let bit = u64::from(g.trailing_zeros());
        g &= g - 1;
        out.push(mix(mix(t(40), bit), init));
    }
    for (k, id) in [(-1isize, 41u64), (1, 42)] {
        if let Some(x) = get(k) {
            out.push(mix(t(id), gaz_kinds(x.gaz)));
        }
    }
    let cl = |k: isize| get(k).map_or(0xfffe, |x| u64::from(x.clusters[1]));
    out.push(mix(mix(t(76), cl(-1)), cl(0)));
    out.push(mix(mix(t(77), cl(0)), cl(1)));
    out.push(mix(mix(t(78), low(-1)), w.shape));
    out.push(mix(mix(t(79), w.shape), low(1)));
    if w.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
        let maj = memory.majority(w.word);
        out.push(mix(mix(t(60), maj), u64::from(w.flags & flag::SENT_START)));
        let seen = u64::from(memory.lower_seen.contains(&w.lower));
        out.push(mix(mix(t(61), seen), u64::from(w.flags & flag::SENT_START)));
    }
}

/// Appends the entity features of token `i` that depend on the previous predicted label
/// (`prev`: 1 + label index, 0 before the sentence) but not the one before it.
pub(crate) fn ner_prev_features(out: &mut Vec<u64>, toks: &[Tok], i: usize, prev: u64) {
    let w = &toks[i];
    let low1 = toks.get(i + 1).map_or(PAD_WORD, |x| x.lower);
    out.push(mix(mix(t(80), prev), cap_pattern(Some(w))));
    out.push(mix(mix(t(81), prev), low1));
    out.push(mix(t(50), prev));
    out.push(mix(mix(t(52), prev), w.lower));
    out.push(mix(mix(t(53), prev), w.shape));
    out.push(mix(mix(t(54), prev), u64::from(w.clusters[2])));
}

/// The entity feature of the previous two predicted labels.
pub(crate) fn ner_prev2_feature(prev: u64, prev2: u64) -> u64 {
    mix(mix(t(51), prev), prev2)
}

/// The capitalisation pattern of a token (`0xff` outside the sentence).
#[inline]
fn cap_pattern(x: Option<&Tok>) -> u64 {
    x.map_or(0xff, |x| {
        u64::from(x.flags & (flag::INIT_CAP | flag::ALL_CAPS | flag::PUNCT | flag::LOWER))
    })
}

/// The set of gazetteer kinds a token's match bits mention.
#[inline]
fn gaz_kinds(mut g: u32) -> u64 {
    let mut kinds = 0u64;
    while g != 0 {
        kinds |= 1 << (g.trailing_zeros() / 4);
        g &= g - 1;
    }
    kinds
}

/// Appends the part-of-speech features that depend only on the token itself (cached per
/// word by the tagger).
pub(crate) fn pos_own_features(out: &mut Vec<u64>, w: &Tok) {
    out.push(t(101));
    out.push(mix(t(102), w.lower));
    out.push(mix(t(103), w.word));
    for k in 0..4 {
        out.push(mix(t(104 + k as u64), w.suffix[k]));
    }
    out.push(mix(t(108), w.prefix[0]));
    out.push(mix(t(109), w.prefix[1]));
    out.push(mix(t(119), w.shape));
    out.push(mix(t(120), u64::from(w.flags)));
    out.push(mix(t(121), u64::from(w.clusters[1])));
    out.push(mix(t(122), u64::from(w.clusters[2])));
}

/// Appends the part-of-speech features that token `i` gets from the token at `i + k` alone
/// (`k` one of [`NEIGHBOURS`]; `None`: outside the sentence).
pub(crate) fn pos_neighbour_features(out: &mut Vec<u64>, x: Option<&Tok>, k: isize) {
    let low = x.map_or(PAD_WORD, |x| x.lower);
    let suf3 = x.map_or(PAD_WORD, |x| x.suffix[2]);
    match k {
        -1 => {
            out.push(mix(t(113), low));
            out.push(mix(t(114), suf3));
        }
        -2 => out.push(mix(t(115), low)),
        1 => {
            out.push(mix(t(116), low));
            out.push(mix(t(117), suf3));
            out.push(mix(t(125), x.map_or(0xfffe, |x| u64::from(x.clusters[1]))));
        }
        2 => out.push(mix(t(118), low)),
        _ => {}
    }
}

/// Pushes (after clearing `out`) the part-of-speech features of token `i` that combine it
/// with a neighbour (word bigrams).
pub(crate) fn pos_pair_features(out: &mut Vec<u64>, toks: &[Tok], i: usize) {
    out.clear();
    let w = &toks[i];
    let low = |j: Option<usize>| j.and_then(|j| toks.get(j)).map_or(PAD_WORD, |x| x.lower);
    out.push(mix(mix(t(123), low(i.checked_sub(1))), w.lower));
    out.push(mix(mix(t(124), w.lower), low(Some(i + 1))));
}

/// Appends the part-of-speech features of token `w` that depend on the previous predicted
/// tag (1 + tag index, 0 before the sentence) but not the one before it.
pub(crate) fn pos_prev_features(out: &mut Vec<u64>, w: &Tok, prev: u64) {
    out.push(mix(t(110), prev));
    out.push(mix(mix(t(112), prev), w.lower));
}

/// The part-of-speech feature of the previous two predicted tags.
pub(crate) fn pos_prev2_feature(prev: u64, prev2: u64) -> u64 {
    mix(mix(t(111), prev), prev2)
}

/// Pushes the part-of-speech features of token `i` into `out` (cleared first).
pub(crate) fn pos_features(out: &mut Vec<u64>, toks: &[Tok], i: usize, prev: u64, prev2: u64) {
    out.clear();
    let w = &toks[i];
    let get = |k: isize| -> Option<&Tok> {
        let j = i as isize + k;
        if j < 0 { None } else { toks.get(j as usize) }
    };
    let low = |k: isize| get(k).map_or(PAD_WORD, |x| x.lower);
    let suf3 = |k: isize| get(k).map_or(PAD_WORD, |x| x.suffix[2]);
    out.push(t(101));
    out.push(mix(t(102), w.lower));
    out.push(mix(t(103), w.word));
    for k in 0..4 {
        out.push(mix(t(104 + k as u64), w.suffix[k]));
    }
    out.push(mix(t(108), w.prefix[0]));
    out.push(mix(t(109), w.prefix[1]));
    out.push(mix(t(110), prev));
    out.push(mix(mix(t(111), prev), prev2));
    out.push(mix(mix(t(112), prev), w.lower));
    out.push(mix(t(113), low(-1)));
    out.push(mix(t(114), suf3(-1)));
    out.push(mix(t(115), low(-2)));
    out.push(mix(t(116), low(1)));
    out.push(mix(t(117), suf3(1)));
    out.push(mix(t(118), low(2)));
    out.push(mix(t(119), w.shape));
    out.push(mix(t(120), u64::from(w.flags)));
    out.push(mix(t(121), u64::from(w.clusters[1])));
    out.push(mix(t(122), u64::from(w.clusters[2])));
    out.push(mix(mix(t(123), low(-1)), w.lower));
    out.push(mix(mix(t(124), w.lower), low(1)));
    out.push(mix(
        t(125),
        get(1).map_or(0xfffe, |x| u64::from(x.clusters[1])),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_and_gazetteers_are_found() {
        let res = Resources::global();
        let toks = analyse_sentence(
            &[
                "Pakistan",
                "'s",
                "President",
                "John",
                "Smith",
                "visited",
                "New",
                "York",
            ],
            res,
        );
        for t in &toks {
            eprintln!("{:?} {:032b}", t.clusters, t.gaz);
        }
        assert!(toks[0].clusters[0] != NO_CLUSTER);
        assert!(toks[5].clusters[0] != NO_CLUSTER);
        assert!(toks[0].gaz != 0);
        assert!(toks[3].gaz != 0);
        assert!(toks[6].gaz != 0 && toks[7].gaz != 0);
    }
}
