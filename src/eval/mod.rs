//! Scoring extractions against gold, in agreement with `shared/eval/score.py`.
//!
//! A line-for-line port of the Python scorer working on interchange
//! [`Record`]s: the same matching rules, the same tie-breaking,
//! and the same printed report (floats as `{:.3f}`, strings as Python's `repr`), so that `quarry eval` and `score.py` print identical lines
//! for the same gold and predictions.
//!
//! - Entities: exact span and coarse type, micro-averaged, and per coarse type, over the
//!   scored types only (default `PER,ORG,LOC,MISC`).
//! - Quotes: a prediction matches a gold quote when it overlaps at least half of the gold
//!   span, one-to-one, greedily by overlap (ties: higher gold index, then higher prediction
//!   index first, as Python's `sorted(cands, reverse=True)`). The speaker is right when the
//!   spans overlap; the named speaker when one name contains the other as whole words; the
//!   lenient figure also accepts the gold's local mention (a pronoun).
//! - Relations: directed pairs whose argument spans overlap the gold's, unlabeled and
//!   labeled (exact label, or through a relation map gold label → predicted labels).
//!
//! Where `score.py` is not deterministic or would crash, this port picks a fixed rule:
//! a boundary error's gold entity is chosen from a Python `set` in `score.py` (its order
//! depends on the process's hash seed); here it is the first by (start, end, type). A
//! gold relation whose head or tail index is out of range crashes `score.py`; here it is
//! counted but can never be matched. A missing `id` or `label` reads as `""` (the record
//! type has no "absent"), so documents pair by position when any id is empty and a missing
//! label prints as `''` rather than `None`.
//!
//! ```
//! use quarry::eval::{EvalOptions, score, render};
//! use quarry::interchange::{EntityRecord, Record};
//!
//! let entity = |start, end, coarse: &str| EntityRecord {
//!     start, end, label: coarse.into(), coarse: Some(coarse.into()), entity: None,
//! };
//! let gold = vec![Record {
//!     id: "d".into(),
//!     text: "Imran Khan met Joe Biden.".into(),
//!     entities: vec![entity(0, 10, "PER"), entity(15, 24, "PER")],
//!     ..Record::default()
//! }];
//! let mut pred = gold.clone();
//! pred[0].entities.pop();
//! let options = EvalOptions::default();
//! let scores = score(&gold, &pred, &options).unwrap();
//! let report = render(&scores, &options);
//! assert!(report.contains("  all   P=1.000 R=0.500 F1=0.667  (tp=1 pred=1 gold=2)\n"));
//! ```
//!
//! One file a part: `load` reads and pairs documents, `entities`,
//! `quotes` and `relations` score each layer, `text` slices by chars, `python` gives
//! Python's `repr`/`str` semantics and `report` prints `score.py`'s lines.

mod entities;
mod load;
mod python;
mod quotes;
mod relations;
mod report;
mod text;

use std::collections::BTreeMap;

use crate::Result;
use crate::interchange::Record;

pub use entities::{EntityError, EntityScore};
pub use load::{keep_direct_quotes, load_records};
pub use python::py_repr;
pub use quotes::{QuoteDetail, QuoteScores, same_person};
pub use relations::RelationScores;
pub use report::render;

use entities::score_entities;
use load::pair_docs;
use quotes::score_quotes;
use relations::score_relations;
use text::Text;

/// The coarse types scored unless told otherwise.
pub const DEFAULT_TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// How to score.
#[derive(Clone, Debug)]
pub struct EvalOptions {
    /// The coarse entity types to score (others are ignored on both sides).
    pub types: Vec<String>,
    /// List entity errors and per-quote outcomes after the figures.
    pub show_errors: bool,
    /// Gold relation label → the predicted labels that count as it.
    pub relation_map: Option<BTreeMap<String, Vec<String>>>,
    /// Score only direct quotes (`direct: true`) on both sides.
    pub direct_only: bool,
}

impl Default for EvalOptions {
    fn default() -> Self {
        Self {
            types: DEFAULT_TYPES.iter().map(|&t| t.to_owned()).collect(),
            show_errors: false,
            relation_map: None,
            direct_only: false,
        }
    }
}

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    /// `score.py`'s `prf`: zero where a denominator is zero.
    pub fn new(tp: usize, n_pred: usize, n_gold: usize) -> Self {
        let p = if n_pred == 0 {
            0.0
        } else {
            tp as f64 / n_pred as f64
        };
        let r = if n_gold == 0 {
            0.0
        } else {
            tp as f64 / n_gold as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Self { p, r, f1 }
    }
}

/// A count of matches and the figures it gives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matched {
    /// Matches.
    pub matched: usize,
    /// Precision, recall, F1.
    pub prf: Prf,
}

/// Everything `score.py` computes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Number of document pairs scored.
    pub docs: usize,
    /// Micro-averaged entity figures.
    pub entities: EntityScore,
    /// Entity figures per scored type, in the order of [`EvalOptions::types`].
    pub per_type: Vec<(String, EntityScore)>,
    /// Entity errors (only filled with [`EvalOptions::show_errors`]).
    pub entity_errors: Vec<EntityError>,
    /// Quote figures.
    pub quotes: QuoteScores,
    /// Per-gold-quote outcomes.
    pub quote_details: Vec<QuoteDetail>,
    /// Relation figures, when either side has relations.
    pub relations: Option<RelationScores>,
    /// Warnings `score.py` prints to stderr (missing predictions, differing texts).
    pub warnings: Vec<String>,
}

/// Scores predictions against gold exactly as `score.py` does. With
/// [`EvalOptions::direct_only`], indirect quotes are dropped from both sides first.
pub fn score(gold: &[Record], pred: &[Record], options: &EvalOptions) -> Result<Scores> {
    if options.direct_only {
        let mut gold = gold.to_vec();
        let mut pred = pred.to_vec();
        keep_direct_quotes(&mut gold);
        keep_direct_quotes(&mut pred);
        return score_records(&gold, &pred, options);
    }
    score_records(gold, pred, options)
}

fn score_records(gold: &[Record], pred: &[Record], options: &EvalOptions) -> Result<Scores> {
    let mut scores = Scores::default();
    let pairs = pair_docs(gold, pred, &mut scores.warnings)?;
    scores.docs = pairs.len();
    let empty = Record::default();
    let pairs: Vec<(&Record, &Record)> = pairs
        .into_iter()
        .map(|(g, p)| (g, p.unwrap_or(&empty)))
        .collect();
    // The scored types, without repeats, in the order given (a Python dict's keys).
    let mut types: Vec<&str> = Vec::new();
    for t in &options.types {
        if !types.contains(&t.as_str()) {
            types.push(t);
        }
    }
    let texts: Vec<Text<'_>> = pairs.iter().map(|(g, _)| Text::new(&g.text)).collect();
    score_entities(&pairs, &texts, &types, options.show_errors, &mut scores);
    score_quotes(&pairs, &texts, &mut scores);
    scores.relations = score_relations(&pairs, options.relation_map.as_ref());
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_handles_zero_denominators() {
        assert_eq!(Prf::new(0, 0, 0), Prf::default());
        let x = Prf::new(1, 2, 4);
        assert_eq!((x.p, x.r), (0.5, 0.25));
        assert!((x.f1 - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn docs_without_ids_pair_by_position_and_must_match_in_length() {
        let gold = vec![Record::default(), Record::default()];
        let pred = vec![Record::default()];
        assert!(score(&gold, &pred, &EvalOptions::default()).is_err());
        assert_eq!(
            score(&gold, &gold, &EvalOptions::default()).unwrap().docs,
            2
        );
    }
}
