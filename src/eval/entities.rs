//! Entity scoring: exact span and coarse type, micro-averaged and per type, and the
//! error listing of `score.py --errors`.

use std::collections::{BTreeMap, BTreeSet};

use super::python::{py_repr, py_str_opt};
use super::text::{Text, overlap};
use super::{Prf, Scores};
use crate::interchange::{EntityRecord, Record};

/// Entity counts for one type, or micro-averaged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityScore {
    /// Precision, recall, F1.
    pub prf: Prf,
    /// True positives.
    pub tp: usize,
    /// Predicted entities.
    pub n_pred: usize,
    /// Gold entities.
    pub n_gold: usize,
}

impl EntityScore {
    fn new(tp: usize, n_pred: usize, n_gold: usize) -> Self {
        Self {
            prf: Prf::new(tp, n_pred, n_gold),
            tp,
            n_pred,
            n_gold,
        }
    }
}

/// One entity error (`--errors`).
#[derive(Clone, Debug, PartialEq)]
pub struct EntityError {
    /// The document id.
    pub doc: String,
    /// `FP` (spurious prediction) or `FN` (missed gold).
    pub kind: &'static str,
    /// Char start.
    pub start: usize,
    /// Char end.
    pub end: usize,
    /// Coarse type.
    pub coarse: String,
    /// The span's text (in the gold document).
    pub text: String,
    /// The classification, as `score.py` words it (`TYPE …`, `BOUND …`, `SPURIOUS`, `MISSED`).
    pub why: String,
}

/// An entity key: (start, end, coarse type).
type Key = (usize, usize, String);
pub(super) fn score_entities(
    pairs: &[(&Record, &Record)],
    texts: &[Text<'_>],
    types: &[&str],
    show_errors: bool,
    scores: &mut Scores,
) {
    let mut tp_t: BTreeMap<String, usize> = BTreeMap::new();
    let mut np_t: BTreeMap<String, usize> = BTreeMap::new();
    let mut ng_t: BTreeMap<String, usize> = BTreeMap::new();
    let scored = |entities: &[EntityRecord]| -> BTreeSet<Key> {
        entities
            .iter()
            .filter_map(|e| {
                let coarse = e.coarse.as_deref()?;
                types
                    .contains(&coarse)
                    .then(|| (e.start, e.end, coarse.to_owned()))
            })
            .collect()
    };
    for ((g, p), text) in pairs.iter().zip(texts) {
        if !g.text.is_empty() && !p.text.is_empty() && g.text != p.text {
            scores
                .warnings
                .push(format!("warning: text differs for doc {}", py_repr(&g.id)));
        }
        let gs = scored(&g.entities);
        let ps = scored(&p.entities);
        for s in &gs {
            *ng_t.entry(s.2.clone()).or_default() += 1;
        }
        for s in &ps {
            *np_t.entry(s.2.clone()).or_default() += 1;
        }
        for s in gs.intersection(&ps) {
            *tp_t.entry(s.2.clone()).or_default() += 1;
        }
        if show_errors {
            entity_errors(g, p, text, &gs, &ps, &mut scores.entity_errors);
        }
    }
    let total = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
    scores.entities = EntityScore::new(total(&tp_t), total(&np_t), total(&ng_t));
    let get = |m: &BTreeMap<String, usize>, t: &str| m.get(t).copied().unwrap_or(0);
    scores.per_type = types
        .iter()
        .map(|&t| {
            (
                t.to_owned(),
                EntityScore::new(get(&tp_t, t), get(&np_t, t), get(&ng_t, t)),
            )
        })
        .collect();
}

/// Classifies the spurious and missed entities of one document, as `score.py --errors`.
fn entity_errors(
    g: &Record,
    p: &Record,
    text: &Text<'_>,
    gs: &BTreeSet<Key>,
    ps: &BTreeSet<Key>,
    errors: &mut Vec<EntityError>,
) {
    let span = |s: usize, e: usize| text.slice(s, Some(e));
    let error = |kind: &'static str, s: &Key, why: String| EntityError {
        doc: g.id.clone(),
        kind,
        start: s.0,
        end: s.1,
        coarse: s.2.clone(),
        text: span(s.0, s.1).to_owned(),
        why,
    };
    for s in ps.difference(gs) {
        let same_span = g.entities.iter().find(|x| x.start == s.0 && x.end == s.1);
        let why = if let Some(x) = same_span {
            format!("TYPE   (gold {})", py_str_opt(x.coarse.as_deref()))
        } else if let Some(x) = gs
            .iter()
            .find(|x| x.2 == s.2 && overlap(s.0, s.1, x.0, x.1) > 0)
        {
            format!("BOUND  (gold {})", py_repr(span(x.0, x.1)))
        } else if let Some(x) = g
            .entities
            .iter()
            .find(|x| overlap(s.0, s.1, x.start, x.end) > 0)
        {
            format!(
                "SPURIOUS (overlaps gold {} {})",
                py_str_opt(x.coarse.as_deref()),
                py_repr(span(x.start, x.end))
            )
        } else {
            "SPURIOUS".to_owned()
        };
        errors.push(error("FP", s, why));
    }
    for s in gs.difference(ps) {
        let same_span = p.entities.iter().find(|x| x.start == s.0 && x.end == s.1);
        let overlapping: Vec<&EntityRecord> = p
            .entities
            .iter()
            .filter(|x| overlap(s.0, s.1, x.start, x.end) > 0)
            .collect();
        let why = if let Some(x) = same_span {
            format!(
                "TYPE   (pred {}->{})",
                x.label,
                py_str_opt(x.coarse.as_deref())
            )
        } else if overlapping.is_empty() {
            "MISSED".to_owned()
        } else {
            let list: Vec<String> = overlapping
                .iter()
                .map(|x| format!("{}/{}", py_repr(span(x.start, x.end)), x.label))
                .collect();
            format!("BOUND  (pred {})", list.join(", "))
        };
        errors.push(error("FN", s, why));
    }
}
