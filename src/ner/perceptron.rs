//! The averaged perceptron over a hashed feature table, its quantised form and the model
//! file format.
//!
//! Features are 64-bit hashes; each maps to one row of a table of `2^bits` rows, and a row
//! holds the weights of every label contiguously. Training keeps `f32` weights plus the
//! running sums for averaging (Daumé's trick: `avg = w - u / c`). The shipped model is the
//! averaged table quantised to `i16` with one scale, with weights below a threshold pruned
//! to zero, and stored sparsely (non-zero rows with a label bit mask).

use std::path::Path;

use crate::{Error, Result};

use super::hash::finish;

/// The table row of a feature hash.
#[inline]
pub(crate) fn row_of(feature: u64, bits: u32) -> usize {
    (finish(feature) >> (64 - bits)) as usize
}

/// Anything that scores labels for a set of features.
pub(crate) trait Scorer {
    /// Adds the scores of `feats` for every label into `out` (length `n_labels`), zeroed first.
    fn score(&self, feats: &[u64], out: &mut [f32]);
}

/// Weights being trained.
pub(crate) struct Trainer {
    bits: u32,
    n_labels: usize,
    w: Vec<f32>,
    u: Vec<f64>,
    /// Number of updates seen (the averaging clock).
    c: f64,
}

impl Trainer {
    /// A zero table with `2^bits` rows of `n_labels` weights.
    pub(crate) fn new(bits: u32, n_labels: usize) -> Self {
        let n = (1usize << bits) * n_labels;
        Self {
            bits,
            n_labels,
            w: vec![0.0; n],
            u: vec![0.0; n],
            c: 1.0,
        }
    }

    /// Advances the averaging clock by one example.
    pub(crate) fn tick(&mut self) {
        self.c += 1.0;
    }

    /// Perceptron update: `gold` up, `pred` down, for every feature.
    pub(crate) fn update(&mut self, feats: &[u64], gold: usize, pred: usize) {
        if gold == pred {
            return;
        }
        for &f in feats {
            let base = row_of(f, self.bits) * self.n_labels;
            self.w[base + gold] += 1.0;
            self.u[base + gold] += self.c;
            self.w[base + pred] -= 1.0;
            self.u[base + pred] -= self.c;
        }
    }

    /// The averaged weights.
    pub(crate) fn averaged(&self) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (f64::from(w) - u / self.c) as f32)
            .collect()
    }

    /// The quantised model of the averaged weights; weights whose magnitude is below
    /// `prune` (in units of the average weight) are dropped.
    pub(crate) fn to_model(&self, labels: &[&str], prune: f32, meta: &str) -> Model {
        Model::quantise(self.bits, labels, &self.averaged(), prune, meta)
    }
}

impl Scorer for Trainer {
    fn score(&self, feats: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        for &f in feats {
            let base = row_of(f, self.bits) * self.n_labels;
            for (o, w) in out.iter_mut().zip(&self.w[base..base + self.n_labels]) {
                *o += *w;
            }
        }
    }
}

/// A quantised, read-only model.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    bits: u32,
    n_labels: usize,
    /// Score of one weight unit.
    scale: f32,
    labels: Vec<String>,
    meta: String,
    /// Which buckets have a row ([`RowIndex`]).
    index: RowIndex,
    /// The non-empty rows, `n_labels` weights each, in bucket order.
    rows: Vec<i16>,
    /// A process-unique id of these weights (for caches of computed scores).
    id: u64,
}

/// The buckets that have a row, as a bit set with running counts (rank): a bucket's row is
/// the number of non-empty buckets before it. For `2^20` buckets this is 256 kB, small
/// enough to stay in the processor's cache, where a plain bucket → row table (4 MB) missed
/// it on most look-ups.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RowIndex {
    /// Per 64 buckets: the presence bits and the number of non-empty buckets before them.
    words: Vec<(u64, u64)>,
}

impl RowIndex {
    /// The index of `2^bits` buckets of which `present` (ascending) have rows.
    fn new(bits: u32, present: impl Iterator<Item = usize>) -> Self {
        let n_words = (1usize << bits).div_ceil(64);
        let mut words = vec![(0u64, 0u64); n_words];
        for b in present {
            if let Some(w) = words.get_mut(b / 64) {
                w.0 |= 1 << (b % 64);
            }
        }
        let mut before = 0u64;
        for w in &mut words {
            w.1 = before;
            before += u64::from(w.0.count_ones());
        }
        Self { words }
    }

    /// The 1-based row of `bucket`, 0 when it has none.
    #[inline]
    fn row(&self, bucket: usize) -> u32 {
        let Some(&(bits, before)) = self.words.get(bucket / 64) else {
            return 0;
        };
        let bit = 1u64 << (bucket % 64);
        if bits & bit == 0 {
            0
        } else {
            (before + u64::from((bits & (bit - 1)).count_ones()) + 1) as u32
        }
    }

    /// The non-empty buckets, ascending.
    fn buckets(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &(bits, _))| {
            (0..64)
                .filter(move |k| bits & (1 << k) != 0)
                .map(move |k| i * 64 + k)
        })
    }
}

/// A fresh process-unique model id.
fn next_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

const MAGIC: &[u8; 5] = b"QPCT1";

impl Model {
    /// An all-zero model (used when the shipped file cannot be read).
    pub(crate) fn empty(labels: &[&str]) -> Self {
        Self {
            bits: 1,
            n_labels: labels.len(),
            scale: 1.0,
            labels: labels.iter().map(|s| (*s).to_owned()).collect(),
            meta: String::from("empty"),
            index: RowIndex::new(1, std::iter::empty()),
            rows: Vec::new(),
            id: next_id(),
        }
    }

    /// The quantised mean of several trainers' averaged weights (all of one shape).
    pub(crate) fn ensemble(trainers: &[Trainer], labels: &[&str], prune: f32, meta: &str) -> Self {
        let Some(first) = trainers.first() else {
            return Self::empty(labels);
        };
        let mut avg = first.averaged();
        for t in &trainers[1..] {
            for (a, b) in avg.iter_mut().zip(t.averaged()) {
                *a += b;
            }
        }
        let k = trainers.len() as f32;
        for a in &mut avg {
            *a /= k;
        }
        Self::quantise(first.bits, labels, &avg, prune, meta)
    }

    fn quantise(bits: u32, labels: &[&str], avg: &[f32], prune: f32, meta: &str) -> Self {
        let max = avg.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let nz: Vec<f32> = avg.iter().copied().filter(|w| *w != 0.0).collect();
        let mean_abs = if nz.is_empty() {
            0.0
        } else {
            nz.iter().map(|w| f64::from(w.abs())).sum::<f64>() / nz.len() as f64
        } as f32;
        let cut = prune * mean_abs;
        let w: Vec<i16> = avg
            .iter()
            .map(|&x| {
                if x.abs() < cut {
                    0
                } else {
                    (x / scale).round().clamp(-32767.0, 32767.0) as i16
                }
            })
            .collect();
        let n = labels.len();
        let mut present = Vec::new();
        let mut rows = Vec::new();
        for (b, row) in w.chunks_exact(n).enumerate() {
            if row.iter().any(|x| *x != 0) {
                rows.extend_from_slice(row);
                present.push(b);
            }
        }
        let index = RowIndex::new(bits, present.into_iter());
        Self {
            bits,
            n_labels: n,
            scale,
            labels: labels.iter().map(|s| (*s).to_owned()).collect(),
            meta: meta.to_owned(),
            index,
            rows,
            id: next_id(),
        }
    }

    /// Label names in index order.
    pub(crate) fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The training metadata stored with the model.
    pub(crate) fn meta(&self) -> &str {
        &self.meta
    }

    /// The process-unique id of these weights.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// Score of one weight unit.
    pub(crate) fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of non-zero weights.
    pub(crate) fn non_zero(&self) -> usize {
        self.rows.iter().filter(|w| **w != 0).count()
    }

    /// Integer scores (in weight units) of `feats` for every label.
    ///
    /// Only buckets with weights have a row, so the rows fit in a few megabytes. The
    /// bucket index and the rows are first touched in tight loops of independent loads
    /// (letting the processor overlap the cache misses) and only then summed.
    #[inline]
    pub(crate) fn score_i32(&self, feats: &[u64], out: &mut [i32]) {
        out.fill(0);
        self.add_i32(feats, out);
    }

    /// Adds the integer scores of `feats` to `out` (see [`Model::score_i32`]).
    #[inline]
    pub(crate) fn add_i32(&self, feats: &[u64], out: &mut [i32]) {
        // The taggers mostly add one to eight features at a time: a small row buffer
        // then (zeroing the large one cost as much as the look-ups).
        if feats.len() <= 8 {
            self.add_rows::<8>(feats, out);
        } else {
            self.add_rows::<128>(feats, out);
        }
    }

    /// [`Model::add_i32`] of at most `M` features (any further ones are ignored).
    #[inline]
    fn add_rows<const M: usize>(&self, feats: &[u64], out: &mut [i32]) {
        let n = self.n_labels;
        let mut rows = [0u32; M];
        let k = feats.len().min(rows.len());
        for (r, &f) in rows.iter_mut().zip(&feats[..k]) {
            *r = self.index.row(row_of(f, self.bits));
        }
        let mut touch = 0i16;
        for &r in &rows[..k] {
            if r != 0 {
                let base = (r as usize - 1) * n;
                touch ^= self.rows.get(base).copied().unwrap_or(0);
                touch ^= self.rows.get(base + n - 1).copied().unwrap_or(0);
            }
        }
        std::hint::black_box(touch);
        for &r in &rows[..k] {
            if r == 0 {
                continue;
            }
            let base = (r as usize - 1) * n;
            if let Some(row) = self.rows.get(base..base + n) {
                for (o, w) in out.iter_mut().zip(row) {
                    *o += i32::from(*w);
                }
            }
        }
    }

    /// Adds to each `out[t]` the integer scores of its features `feats[ends[t-1]..ends[t]]`
    /// (`ends` ascending, one per output). All table rows are looked up before any is
    /// summed, so the processor overlaps the cache misses of a whole sentence; `scratch` is
    /// reused between calls.
    pub(crate) fn add_batch<const N: usize>(
        &self,
        feats: &[u64],
        ends: &[usize],
        out: &mut [[i32; N]],
        scratch: &mut Vec<u32>,
    ) {
        scratch.clear();
        scratch.extend(feats.iter().map(|&f| self.index.row(row_of(f, self.bits))));
        let n = self.n_labels;
        let mut touch = 0i16;
        for &r in scratch.iter() {
            if r != 0 {
                let base = (r as usize - 1) * n;
                touch ^= self.rows.get(base).copied().unwrap_or(0);
                touch ^= self.rows.get(base + n - 1).copied().unwrap_or(0);
            }
        }
        std::hint::black_box(touch);
        let mut start = 0;
        for (acc, &end) in out.iter_mut().zip(ends) {
            for &r in scratch.get(start..end).unwrap_or_default() {
                if r == 0 {
                    continue;
                }
                let base = (r as usize - 1) * n;
                let Some(row) = self.rows.get(base..base + n) else {
                    continue;
                };
                // A row of the outputs' length (always, for the taggers' models) is added
                // as a fixed-size array, which the compiler unrolls and vectorises.
                if let Ok(row) = <&[i16; N]>::try_from(row) {
                    for (o, w) in acc.iter_mut().zip(row) {
                        *o += i32::from(*w);
                    }
                } else {
                    for (o, w) in acc.iter_mut().zip(row) {
                        *o += i32::from(*w);
                    }
                }
            }
            start = end;
        }
    }

    /// Serialises the model (deterministic bytes).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(self.bits as u8);
        out.extend_from_slice(&(self.n_labels as u16).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for l in &self.labels {
            out.push(l.len() as u8);
            out.extend_from_slice(l.as_bytes());
        }
        out.extend_from_slice(&(self.meta.len() as u32).to_le_bytes());
        out.extend_from_slice(self.meta.as_bytes());
        let n = self.n_labels;
        let buckets: Vec<(usize, u32)> = self.index.buckets().zip(1u32..).collect();
        out.extend_from_slice(&(buckets.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for (b, r) in buckets {
            put_varint(&mut out, (b - last) as u64);
            last = b;
            let base = (r as usize - 1) * n;
            let row = &self.rows[base..base + n];
            let mut mask = 0u64;
            for (i, w) in row.iter().enumerate() {
                if *w != 0 {
                    mask |= 1 << i;
                }
            }
            put_varint(&mut out, mask);
            for w in row.iter().filter(|w| **w != 0) {
                put_varint(&mut out, zigzag(*w));
            }
        }
        out
    }

    /// Parses a model file's bytes; `path` names it in errors.
    pub(crate) fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self> {
        let bad = |reason: &str| Error::Parse {
            path: path.to_path_buf(),
            reason: format!("invalid tagger model: {reason}"),
        };
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(MAGIC.len()).ok_or_else(|| bad("truncated header"))? != MAGIC {
            return Err(bad("not a Quarry tagger model (bad magic bytes)"));
        }
        let bits = u32::from(r.u8().ok_or_else(|| bad("truncated header"))?);
        if !(1..=26).contains(&bits) {
            return Err(bad("table size out of range"));
        }
        let n_labels = usize::from(r.u16().ok_or_else(|| bad("truncated header"))?);
        if n_labels == 0 || n_labels > 64 {
            return Err(bad("label count out of range"));
        }
        let scale = r.f32().ok_or_else(|| bad("truncated header"))?;
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let len = usize::from(r.u8().ok_or_else(|| bad("truncated labels"))?);
            let s = r.take(len).ok_or_else(|| bad("truncated labels"))?;
            labels.push(String::from_utf8(s.to_vec()).map_err(|_| bad("label is not UTF-8"))?);
        }
        let meta_len = r.u32().ok_or_else(|| bad("truncated metadata"))? as usize;
        let meta = r.take(meta_len).ok_or_else(|| bad("truncated metadata"))?;
        let meta = String::from_utf8(meta.to_vec()).map_err(|_| bad("metadata is not UTF-8"))?;
        let n_rows = 1usize << bits;
        let mut present = Vec::new();
        let count = r.u32().ok_or_else(|| bad("truncated weights"))? as usize;
        let mut rows = Vec::with_capacity(count.min(n_rows) * n_labels);
        let mut bucket = 0usize;
        for i in 0..count {
            let delta = r.varint().ok_or_else(|| bad("truncated weights"))? as usize;
            bucket = bucket
                .checked_add(delta)
                .filter(|b| *b < n_rows && (i == 0 || delta > 0))
                .ok_or_else(|| bad("row index out of range"))?;
            let mask = r.varint().ok_or_else(|| bad("truncated weights"))?;
            for l in 0..n_labels {
                let v = if mask & (1 << l) != 0 {
                    unzigzag(r.varint().ok_or_else(|| bad("truncated weights"))?)
                } else {
                    0
                };
                rows.push(v);
            }
            present.push(bucket);
        }
        let index = RowIndex::new(bits, present.into_iter());
        if r.pos != bytes.len() {
            return Err(bad("trailing bytes after the weights"));
        }
        Ok(Self {
            bits,
            n_labels,
            scale,
            labels,
            meta,
            index,
            rows,
            id: next_id(),
        })
    }
}

impl Scorer for Model {
    fn score(&self, feats: &[u64], out: &mut [f32]) {
        let mut buf = [0i32; 64];
        let n = self.n_labels.min(64);
        self.score_i32(feats, &mut buf[..n]);
        for (o, b) in out.iter_mut().zip(&buf[..n]) {
            *o = *b as f32 * self.scale;
        }
    }
}

fn zigzag(v: i16) -> u64 {
    let v = i64::from(v);
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i16 {
    (((v >> 1) as i64) ^ -((v & 1) as i64)) as i16
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|s| u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

/// The index of the largest value (the first of equals).
pub(crate) fn argmax(scores: &[i32]) -> usize {
    // The maximum first (a loop without dependencies between iterations, which the
    // compiler vectorises), then its first position: the same index as comparing each
    // score with the best so far, in fewer instructions.
    let Some(&max) = scores.iter().max() else {
        return 0;
    };
    scores.iter().position(|&s| s == max).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_bytes_round_trip() {
        let mut t = Trainer::new(4, 3);
        t.update(&[1, 2, 3], 0, 2);
        t.tick();
        t.update(&[4], 1, 0);
        let m = t.to_model(&["A", "B", "C"], 0.0, "meta");
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes, Path::new("x")).unwrap();
        assert_eq!(back.index, m.index);
        assert_eq!(back.index.buckets().count(), back.rows.len() / 3);
        assert_eq!(back.rows, m.rows);
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.to_bytes(), bytes);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1], Path::new("x")).is_err());
    }
}
