//! The shipped word clusters and gazetteers (`assets/ner/`), parsed once and shared.
//!
//! Both files are plain sorted text produced by the scripts in `tools/ner/`; they are
//! compiled into the binary with `include_bytes!` and indexed by hashes of the lowercased
//! words, so lookups from the tagger allocate nothing.

use std::sync::LazyLock;

use super::hash::{HashKeyMap, hash_bytes, hash_lower, mix};
use super::tags::tag_index;

/// Number of cluster granularities in the clusters file.
pub(crate) const CLUSTER_LEVELS: usize = 4;

/// Gazetteer kinds, in bit order.
pub(crate) const GAZ_KINDS: [&str; 8] = [
    "country", "city", "state", "demonym", "first", "last", "orgword", "title",
];

/// Index of the demonym kind in [`GAZ_KINDS`].
pub(crate) const GAZ_DEMONYM: usize = 3;

/// Flag of a gazetteer entry whose phrase continues into a longer one.
pub(crate) const GAZ_LONGER: u16 = 1 << 8;

/// Longest gazetteer phrase, in tokens.
pub(crate) const GAZ_MAX_LEN: usize = 4;

const CLUSTERS_TSV: &str = include_str!("../../assets/ner/glove_clusters.tsv");
const GAZETTEERS_TSV: &str = include_str!("../../assets/ner/gazetteers.tsv");
const POS_DICT_TSV: &str = include_str!("../../assets/ner/pos.tagdict");

/// Word clusters and gazetteers.
pub(crate) struct Resources {
    /// Lowercased word hash → cluster id at each granularity (coarse to fine).
    pub clusters: HashKeyMap<[u16; CLUSTER_LEVELS]>,
    /// Phrase hash (see [`phrase_step`]) → bit set of gazetteer kinds (low 8 bits), plus
    /// [`GAZ_LONGER`] when the phrase is the beginning of a longer one. Every proper
    /// beginning of a phrase has an entry, so a phrase search can stop at the first miss.
    pub gazetteer: HashKeyMap<u16>,
    /// Exact word hash → its part-of-speech tag (index into
    /// [`super::tags::PENN_TAGS`] plus one) for frequent words that training data tags one way
    /// (see [`super::train::tag_dictionary`]); the tagger assigns it without scoring.
    pub pos_dict: HashKeyMap<u8>,
}

/// Combines the lowercased hashes of a phrase's tokens.
#[inline]
pub(crate) fn phrase_step(h: u64, token_lower_hash: u64) -> u64 {
    mix(h ^ 0x9e37_79b9, token_lower_hash)
}

/// Parses a tag dictionary (`word<TAB>tag` lines); unknown tags are skipped.
pub(crate) fn parse_pos_dict(tsv: &str) -> HashKeyMap<u8> {
    let mut dict = HashKeyMap::default();
    for line in tsv.lines() {
        let Some((word, tag)) = line.split_once('\t') else {
            continue;
        };
        if let Some(i) = tag_index(tag).and_then(|i| u8::try_from(i + 1).ok()) {
            dict.insert(hash_bytes(word.as_bytes()), i);
        }
    }
    dict
}

impl Resources {
    /// The shipped resources.
    pub(crate) fn global() -> &'static Resources {
        static RES: LazyLock<Resources> = LazyLock::new(Resources::load);
        &RES
    }

    fn load() -> Resources {
        let mut clusters = HashKeyMap::default();
        clusters.reserve(210_000);
        for line in CLUSTERS_TSV.lines() {
            let mut parts = line.split('\t');
            let Some(word) = parts.next() else { continue };
            let mut ids = [0u16; CLUSTER_LEVELS];
            let mut ok = true;
            for id in &mut ids {
                match parts.next().and_then(|p| p.parse::<u16>().ok()) {
                    Some(v) => *id = v,
                    None => ok = false,
                }
            }
            if ok {
                clusters.insert(hash_lower(word.as_bytes()), ids);
            }
        }
        let mut gazetteer: HashKeyMap<u16> = HashKeyMap::default();
        for line in GAZETTEERS_TSV.lines() {
            let Some((kind, phrase)) = line.split_once('\t') else {
                continue;
            };
            let Some(bit) = GAZ_KINDS.iter().position(|k| *k == kind) else {
                continue;
            };
            let n = phrase.split_whitespace().count();
            if n == 0 || n > GAZ_MAX_LEN {
                continue;
            }
            let mut h = 0u64;
            for (i, tok) in phrase.split_whitespace().enumerate() {
                h = phrase_step(h, hash_lower(tok.as_bytes()));
                let entry = gazetteer.entry(h).or_insert(0);
                *entry |= if i + 1 == n { 1 << bit } else { GAZ_LONGER };
            }
        }
        Resources {
            clusters,
            gazetteer,
            pos_dict: parse_pos_dict(POS_DICT_TSV),
        }
    }

    /// True when `word` (any case) is in the demonym gazetteer.
    pub(crate) fn is_demonym_phrase(&self, token_lower_hashes: &[u64]) -> bool {
        let mut h = 0u64;
        for &t in token_lower_hashes {
            h = phrase_step(h, t);
        }
        self.gazetteer
            .get(&h)
            .is_some_and(|bits| bits & (1 << GAZ_DEMONYM) != 0)
    }
}
