//! Text helpers below every stage: a fast hasher for the word tables, token shape tests,
//! small closed word classes, and reading word lists. Token normalisation (the lookup form
//! and phrase keys) is [`crate::names`]'. Imports nothing else of the pipeline.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The `FxHash` function (as used in rustc): fast on short string keys, not DoS-resistant,
/// which does not matter for compiled-in word lists.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A hash map with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A hash set with [`FxHasher`].
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// True when the token starts with an uppercase letter.
pub(crate) fn is_cap(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_uppercase)
}

/// True when the token has at least one letter and no lowercase letters.
pub(crate) fn is_all_caps(token: &str) -> bool {
    let mut letters = 0;
    for c in token.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 0
}

/// True when the token starts with a letter or digit.
pub(crate) fn is_wordlike(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
}

/// True for third-person and first-person subject pronouns a speaker can be.
pub(crate) fn is_subject_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she" | "they" | "we" | "i" | "it")
}

/// A day of the week, lower case.
pub(crate) fn is_weekday(lower: &str) -> bool {
    matches!(
        lower,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// The common prepositions that govern a noun phrase ("to", "in", "with", …).
pub(crate) fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "to" | "in"
            | "with"
            | "for"
            | "of"
            | "from"
            | "at"
            | "by"
            | "on"
            | "about"
            | "under"
            | "into"
            | "during"
            | "against"
            | "between"
            | "among"
    )
}

/// [`is_preposition`] plus the less common ones ("across", "since", "like", …) that the
/// relation patterns also treat as governing the next mention.
pub(crate) fn is_preposition_wide(lower: &str) -> bool {
    is_preposition(lower)
        || matches!(
            lower,
            "across"
                | "inside"
                | "outside"
                | "through"
                | "over"
                | "after"
                | "before"
                | "since"
                | "near"
                | "than"
                | "like"
        )
}

/// The lines of a word list without blanks and `#` comments, trimmed.
pub(crate) fn content_lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_cap("Qureshi"));
        assert!(!is_cap("al-Qaeda"));
        assert!(is_all_caps("ISIS-K"));
        assert!(is_all_caps("U.S."));
        assert!(!is_all_caps("US-ish"));
        assert!(!is_all_caps("..."));
    }
}
