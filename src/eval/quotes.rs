//! Quote scoring: one-to-one greedy matching by overlap, the speaker span, the named
//! speaker and the lenient (local mention) speaker figures.

use std::collections::{BTreeMap, BTreeSet};

use super::python::is_alnum;
use super::text::{Text, overlap};
use super::{Matched, Prf, Scores};
use crate::interchange::{QuoteRecord, Record};
use crate::names::scorer_key;

/// The outcome for one gold quote (`--errors`).
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteDetail {
    /// The document id.
    pub doc: String,
    /// The first 70 chars of the gold quote.
    pub gold_quote: String,
    /// The gold speaker's text, if the gold names a speaker span.
    pub gold_speaker: Option<String>,
    /// Whether a prediction matched it.
    pub found: bool,
    /// The matched prediction's speaker text.
    pub pred_speaker: Option<String>,
    /// Speaker spans overlap.
    pub speaker_ok: bool,
    /// Speaker spans overlap, or the prediction overlaps the gold's local mention.
    pub speaker_ok_lenient: bool,
}

/// Quote figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuoteScores {
    /// Gold quotes.
    pub n_gold: usize,
    /// Predicted quotes.
    pub n_pred: usize,
    /// Quote span matches and their figures.
    pub span: Matched,
    /// Matches with the right speaker span.
    pub with_speaker: Matched,
    /// Matches naming the gold's named speaker (only when gold has `speaker_name`s).
    pub with_speaker_name: Option<Matched>,
    /// Lenient speaker matches (only when gold has local speaker mentions).
    pub with_speaker_lenient: Option<Matched>,
}

/// `score.py`'s `same_person`: one normalised name contains the other as whole words.
pub fn same_person(gold_name: &str, pred_name: Option<&str>) -> bool {
    let g = scorer_key(gold_name, is_alnum);
    let p = scorer_key(pred_name.unwrap_or(""), is_alnum);
    if g.is_empty() || p.is_empty() {
        return false;
    }
    let (g, p) = (format!(" {g} "), format!(" {p} "));
    p.contains(&g) || g.contains(&p)
}

fn both(start: Option<usize>, end: Option<usize>) -> Option<(usize, usize)> {
    Some((start?, end?))
}

pub(super) fn score_quotes(pairs: &[(&Record, &Record)], texts: &[Text<'_>], scores: &mut Scores) {
    let (mut n_gq, mut n_pq, mut m, mut m_spk, mut m_spk_len, mut m_name) = (0, 0, 0, 0, 0, 0);
    let mut has_names = false;
    let mut has_mention = false;
    for ((g, p), text) in pairs.iter().zip(texts) {
        let (gq, pq): (&[QuoteRecord], &[QuoteRecord]) = (&g.quotes, &p.quotes);
        n_gq += gq.len();
        n_pq += pq.len();
        let mut cands: Vec<(usize, usize, usize)> = Vec::new();
        for (i, a) in gq.iter().enumerate() {
            let glen = a.end.saturating_sub(a.start).max(1);
            for (j, b) in pq.iter().enumerate() {
                let ov = overlap(a.start, a.end, b.start, b.end);
                // `ov >= 0.5 * glen`, in integers.
                if 2 * ov >= glen {
                    cands.push((ov, i, j));
                }
            }
        }
        // Python's `sorted(cands, reverse=True)`: by overlap, then gold index, then
        // prediction index, all descending.
        cands.sort_unstable_by(|x, y| y.cmp(x));
        let mut used_g = BTreeSet::new();
        let mut used_p = BTreeSet::new();
        let mut matched: BTreeMap<usize, usize> = BTreeMap::new();
        for (_, i, j) in cands {
            if used_g.contains(&i) || used_p.contains(&j) {
                continue;
            }
            used_g.insert(i);
            used_p.insert(j);
            matched.insert(i, j);
        }
        for (i, a) in gq.iter().enumerate() {
            let j = matched.get(&i).copied();
            let mut ok = false;
            let mut ok_len = false;
            let mut pspk = None;
            let gold_name = a.speaker_name.as_deref().filter(|n| !n.is_empty());
            if gold_name.is_some() {
                has_names = true;
            }
            if let Some(b) = j.and_then(|j| pq.get(j)) {
                m += 1;
                if let Some(name) = gold_name
                    && same_person(name, b.speaker_name.as_deref())
                {
                    m_name += 1;
                }
                if let Some(ps) = both(b.speaker_start, b.speaker_end) {
                    pspk = Some(ps);
                    if let Some(gs) = both(a.speaker_start, a.speaker_end) {
                        ok = overlap(ps.0, ps.1, gs.0, gs.1) > 0;
                    }
                    ok_len = ok;
                    if let Some(ms) = a.speaker_mention_start {
                        has_mention = true;
                        let me = a.speaker_mention_end.unwrap_or(ms);
                        ok_len = ok || overlap(ps.0, ps.1, ms, me) > 0;
                    }
                }
                m_spk += usize::from(ok);
                m_spk_len += usize::from(ok_len);
            } else if a.speaker_mention_start.is_some() {
                has_mention = true;
            }
            scores.quote_details.push(QuoteDetail {
                doc: g.id.clone(),
                gold_quote: text.slice(a.start, Some(a.end)).chars().take(70).collect(),
                gold_speaker: a
                    .speaker_start
                    .map(|s| text.slice(s, a.speaker_end).to_owned()),
                found: j.is_some(),
                pred_speaker: pspk.map(|(s, e)| text.slice(s, Some(e)).to_owned()),
                speaker_ok: ok,
                speaker_ok_lenient: ok_len,
            });
        }
    }
    let matched = |n: usize| Matched {
        matched: n,
        prf: Prf::new(n, n_pq, n_gq),
    };
    scores.quotes = QuoteScores {
        n_gold: n_gq,
        n_pred: n_pq,
        span: matched(m),
        with_speaker: matched(m_spk),
        with_speaker_name: has_names.then(|| matched(m_name)),
        with_speaker_lenient: has_mention.then(|| matched(m_spk_len)),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{EvalOptions, score};

    #[test]
    fn same_person_needs_whole_words() {
        assert!(!same_person(
            "Lloyd Austin",
            Some("Secretary Lloyd J. Austin")
        ));
        assert!(same_person("Lloyd Austin", Some("Austin")));
        assert!(same_person("Shah Mahmood Qureshi", Some("QURESHI")));
        assert!(!same_person("Austin", Some("Austinson")));
        assert!(!same_person("Austin", None));
        assert!(!same_person("", Some("x")));
    }

    #[test]
    fn quote_matching_is_greedy_by_overlap_then_index() {
        let q = |start, end| QuoteRecord {
            start,
            end,
            ..QuoteRecord::default()
        };
        let gold = vec![Record {
            id: "d".into(),
            text: "x".repeat(100),
            quotes: vec![q(0, 10), q(5, 15)],
            ..Record::default()
        }];
        // One prediction overlaps both gold quotes by 5 and 10 chars.
        let pred = vec![Record {
            id: "d".into(),
            quotes: vec![q(5, 15)],
            ..Record::default()
        }];
        let s = score(&gold, &pred, &EvalOptions::default()).unwrap();
        assert_eq!(s.quotes.span.matched, 1);
        assert!(!s.quote_details[0].found);
        assert!(s.quote_details[1].found);
    }
}
