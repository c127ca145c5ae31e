//! Scoring the recogniser on an interchange JSONL file (`shared/eval/FORMAT.md`), in
//! agreement with `shared/eval/score.py`: exact span and coarse type, micro and per type.
//!
//! CoNLL-derived texts are tokens joined by single spaces and sentences by newlines, so they
//! are tokenised by whitespace, one sentence per line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

use crate::model::{CharIndex, Span};
use crate::{Error, Result};

use super::tagger::NerModel;

/// Precision, recall and F1 with their counts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// Predicted spans.
    pub n_pred: usize,
    /// Gold spans.
    pub n_gold: usize,
}

impl Prf {
    /// Precision.
    pub fn precision(&self) -> f64 {
        if self.n_pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.n_pred as f64
        }
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        if self.n_gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.n_gold as f64
        }
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// The result of [`evaluate_jsonl`].
#[derive(Clone, Debug, Default)]
pub struct EvalReport {
    /// Micro-averaged over PER, ORG, LOC, MISC.
    pub micro: Prf,
    /// Per coarse type.
    pub per_type: BTreeMap<String, Prf>,
    /// Documents scored.
    pub docs: usize,
    /// Tokens tagged.
    pub tokens: usize,
    /// Bytes of text tagged.
    pub bytes: usize,
    /// Seconds spent tagging (tokenising and tagging only, not reading or scoring).
    pub tag_seconds: f64,
}

/// The coarse types scored.
pub const SCORED_TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Splits `text` into sentences (lines) of whitespace-separated token spans.
pub fn whitespace_sentences(text: &str) -> Vec<Vec<Span>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut toks = Vec::new();
        let mut start = None;
        for (i, c) in line.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    toks.push(Span::new(offset + s, offset + i));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            toks.push(Span::new(offset + s, offset + line.len()));
        }
        if !toks.is_empty() {
            out.push(toks);
        }
        offset += line.len();
    }
    out
}

/// Runs `model` over every document of an interchange JSONL file (at most `limit` documents)
/// and scores its entities against the gold ones.
pub fn evaluate_jsonl(model: &NerModel, path: &Path, limit: Option<usize>) -> Result<EvalReport> {
    let raw = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut report = EvalReport::default();
    for t in SCORED_TYPES {
        report.per_type.insert(t.to_owned(), Prf::default());
    }
    for (ln, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if limit.is_some_and(|n| report.docs >= n) {
            break;
        }
        let rec: serde_json::Value = serde_json::from_str(line).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            reason: format!("line {}: {e}", ln + 1),
        })?;
        let text = rec
            .get("text")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| Error::Parse {
                path: path.to_path_buf(),
                reason: format!("line {}: record has no \"text\"", ln + 1),
            })?;
        let mut gold: BTreeSet<(usize, usize, String)> = BTreeSet::new();
        for e in rec
            .get("entities")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
        {
            let coarse = e
                .get("coarse")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            let (Some(s), Some(en)) = (
                e.get("start").and_then(serde_json::Value::as_u64),
                e.get("end").and_then(serde_json::Value::as_u64),
            ) else {
                continue;
            };
            if SCORED_TYPES.contains(&coarse) {
                gold.insert((s as usize, en as usize, coarse.to_owned()));
            }
        }
        let started = Instant::now();
        let sentences = whitespace_sentences(text);
        let found = model.tag_document(text, &sentences);
        report.tag_seconds += started.elapsed().as_secs_f64();
        report.tokens += sentences.iter().map(Vec::len).sum::<usize>();
        report.bytes += text.len();
        let index = CharIndex::new(text);
        let pred: BTreeSet<(usize, usize, String)> = found
            .iter()
            .filter(|(_, ty, _)| SCORED_TYPES.contains(&ty.coarse()))
            .map(|(span, ty, _)| {
                let (s, e) = index.char_span(*span);
                (s, e, ty.coarse().to_owned())
            })
            .collect();
        for (set, is_gold) in [(&gold, true), (&pred, false)] {
            for (_, _, ty) in set {
                let entry = report.per_type.entry(ty.clone()).or_default();
                if is_gold {
                    entry.n_gold += 1;
                } else {
                    entry.n_pred += 1;
                }
            }
        }
        for x in gold.intersection(&pred) {
            report.per_type.entry(x.2.clone()).or_default().tp += 1;
        }
        report.docs += 1;
    }
    for p in report.per_type.values() {
        report.micro.tp += p.tp;
        report.micro.n_pred += p.n_pred;
        report.micro.n_gold += p.n_gold;
    }
    Ok(report)
}
