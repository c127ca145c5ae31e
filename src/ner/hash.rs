//! Allocation-free hashing of feature bytes (FxHash-style multiply–rotate mixing).
//!
//! Features are never built as strings: each is a template id mixed with the hashes of the
//! pieces it combines. The same functions hash gazetteer phrases and cluster words at load
//! time, so lookups never need a lowercased copy of a token.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes `x` into the running hash `h`.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Hashes bytes as they are.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(b));
    }
    for &b in chunks.remainder() {
        h = mix(h, u64::from(b));
    }
    mix(h, bytes.len() as u64)
}

/// Hashes bytes with ASCII letters lowercased (equal to `hash_bytes` of the lowercased text
/// for ASCII; non-ASCII bytes are kept, so "É" and "é" differ).
#[inline]
pub(crate) fn hash_lower(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        for (d, s) in b.iter_mut().zip(c) {
            *d = s.to_ascii_lowercase();
        }
        h = mix(h, u64::from_le_bytes(b));
    }
    for &b in chunks.remainder() {
        h = mix(h, u64::from(b.to_ascii_lowercase()));
    }
    mix(h, bytes.len() as u64)
}

/// Final avalanche so that the low bits of a feature hash are well spread.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A hasher for keys that already are good 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by precomputed 64-bit hashes.
pub(crate) type HashKeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// A set of precomputed 64-bit hashes.
pub(crate) type HashKeySet = HashSet<u64, BuildHasherDefault<IdentityHasher>>;
