//! Relation scoring: directed pairs whose argument spans overlap the gold's, unlabeled
//! and labeled (exact label, or through a relation map).

use std::collections::{BTreeMap, BTreeSet};

use super::text::overlap;
use super::{Matched, Prf};
use crate::interchange::Record;

/// Relation figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelationScores {
    /// Gold relations.
    pub n_gold: usize,
    /// Predicted relations.
    pub n_pred: usize,
    /// Matches by argument spans.
    pub unlabeled: Matched,
    /// Matches by argument spans and label.
    pub labeled: Matched,
}

pub(super) fn score_relations(
    pairs: &[(&Record, &Record)],
    relation_map: Option<&BTreeMap<String, Vec<String>>>,
) -> Option<RelationScores> {
    // `if relation_map:` in Python: an empty map means exact labels.
    let relation_map = relation_map.filter(|m| !m.is_empty());
    let (mut n_gr, mut n_pr, mut rm, mut rml) = (0, 0, 0, 0);
    let mut any_rel = false;
    for (g, p) in pairs {
        let (gr, pr) = (&g.relations, &p.relations);
        if !gr.is_empty() || !pr.is_empty() {
            any_rel = true;
        }
        let (ge, pe) = (&g.entities, &p.entities);
        n_gr += gr.len();
        n_pr += pr.len();
        let mut used = BTreeSet::new();
        for r in pr {
            let (Some(h), Some(t)) = (pe.get(r.head), pe.get(r.tail)) else {
                continue;
            };
            let mut best: Option<(bool, usize)> = None;
            for (k, x) in gr.iter().enumerate() {
                if used.contains(&k) {
                    continue;
                }
                let (Some(gh), Some(gt)) = (ge.get(x.head), ge.get(x.tail)) else {
                    continue;
                };
                if overlap(h.start, h.end, gh.start, gh.end) > 0
                    && overlap(t.start, t.end, gt.start, gt.end) > 0
                {
                    let same = match relation_map {
                        Some(map) => map.get(&x.label).is_some_and(|l| l.contains(&r.label)),
                        None => r.label == x.label,
                    };
                    // `min(cands)` over `(not same, k)`: prefer the same label, then the first.
                    let cand = (!same, k);
                    if best.is_none_or(|b| cand < b) {
                        best = Some(cand);
                    }
                }
            }
            if let Some((mismatch, k)) = best {
                used.insert(k);
                rm += 1;
                rml += usize::from(!mismatch);
            }
        }
    }
    any_rel.then(|| RelationScores {
        n_gold: n_gr,
        n_pred: n_pr,
        unlabeled: Matched {
            matched: rm,
            prf: Prf::new(rm, n_pr, n_gr),
        },
        labeled: Matched {
            matched: rml,
            prf: Prf::new(rml, n_pr, n_gr),
        },
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::eval::{EvalOptions, score};
    use crate::interchange::{EntityRecord, Record, RelationRecord};

    #[test]
    fn relations_prefer_the_same_label() {
        let e = |start, end| EntityRecord {
            start,
            end,
            coarse: Some("PER".into()),
            ..EntityRecord::default()
        };
        let r = |label: &str| RelationRecord {
            head: 0,
            tail: 1,
            label: label.into(),
            ..RelationRecord::default()
        };
        let gold = vec![Record {
            id: "d".into(),
            entities: vec![e(0, 3), e(5, 8)],
            relations: vec![r("MET"), r("URGED")],
            ..Record::default()
        }];
        let mut pred = gold.clone();
        pred[0].relations = vec![
            r("URGED"),
            r("X"),
            RelationRecord {
                head: 7,
                ..r("MET")
            },
        ];
        let s = score(&gold, &pred, &EvalOptions::default()).unwrap();
        let rel = s.relations.unwrap();
        assert_eq!((rel.n_gold, rel.n_pred), (2, 3));
        assert_eq!((rel.unlabeled.matched, rel.labeled.matched), (2, 1));
        let map = BTreeMap::from([
            ("MET".to_owned(), vec!["X".to_owned()]),
            ("URGED".to_owned(), vec!["URGED".to_owned()]),
        ]);
        let options = EvalOptions {
            relation_map: Some(map),
            ..EvalOptions::default()
        };
        let rel = score(&gold, &pred, &options).unwrap().relations.unwrap();
        assert_eq!(rel.labeled.matched, 2);
    }
}
