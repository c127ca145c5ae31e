//! Scoring extractions against gold, in agreement with `shared/eval/score.py`.
//!
//! A line-for-line port of the Python scorer working on [`interchange::Record`]s: the same
//! matching rules, the same tie-breaking, and the same printed report (floats as `{:.3f}`,
//! strings as Python's `repr`), so that `quarry eval` and `score.py` print identical lines
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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use unicode_general_category::{GeneralCategory, get_general_category};

use crate::interchange::{EntityRecord, QuoteRecord, Record};
use crate::model::CharIndex;
use crate::{Error, Result};

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

/// A count of matches and the figures it gives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matched {
    /// Matches.
    pub matched: usize,
    /// Precision, recall, F1.
    pub prf: Prf,
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

/// Reads gold or predictions: JSON Lines, or (like `score.py`) a file holding one JSON
/// object or a list of them when the lines are not each valid JSON.
pub fn load_records(path: &Path) -> Result<Vec<Record>> {
    let raw = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut values = Vec::new();
    let mut lines_ok = true;
    for line in raw.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            values.push(v);
        } else {
            lines_ok = false;
            break;
        }
    }
    if !lines_ok {
        let whole: serde_json::Value = serde_json::from_str(&raw)
            .map_err(|e| Error::parse(path, format!("neither JSON Lines nor JSON: {e}")))?;
        values = match whole {
            serde_json::Value::Array(items) => items,
            other => vec![other],
        };
    }
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value(v).map_err(|e| {
                Error::parse(
                    path,
                    format!("document {}: not an interchange record: {e}", i + 1),
                )
            })
        })
        .collect()
}

/// Keeps only direct quotes (`direct: true`) in every record.
pub fn keep_direct_quotes(records: &mut [Record]) {
    for record in records {
        record.quotes.retain(|q| q.direct == Some(true));
    }
}

/// Pairs gold and predicted documents by id (by position when any id is empty), as
/// `score.py`'s `pair_docs`. A gold document without a prediction is paired with an empty
/// one (and a warning).
fn pair_docs<'a>(
    gold: &'a [Record],
    pred: &'a [Record],
    warnings: &mut Vec<String>,
) -> Result<Vec<(&'a Record, Option<&'a Record>)>> {
    if gold.iter().all(|d| !d.id.is_empty()) && pred.iter().all(|d| !d.id.is_empty()) {
        let by_id: BTreeMap<&str, &Record> = pred.iter().map(|d| (d.id.as_str(), d)).collect();
        let pairs = gold
            .iter()
            .map(|g| {
                let p = by_id.get(g.id.as_str()).copied();
                if p.is_none() {
                    warnings.push(format!(
                        "warning: no prediction for doc id {}; scored as empty",
                        py_repr(&g.id)
                    ));
                }
                (g, p)
            })
            .collect();
        let gold_ids: BTreeSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
        let extra = by_id.keys().filter(|id| !gold_ids.contains(*id)).count();
        if extra > 0 {
            warnings.push(format!(
                "warning: {extra} predicted doc(s) not in gold ignored"
            ));
        }
        return Ok(pairs);
    }
    if gold.len() != pred.len() {
        return Err(Error::Invalid(
            "gold and pred differ in length and lack ids".to_owned(),
        ));
    }
    Ok(gold.iter().zip(pred.iter().map(Some)).collect())
}

/// A document's text with char-offset slicing (Python's `text[s:e]`).
struct Text<'a> {
    whole: &'a str,
    index: CharIndex,
    n_chars: usize,
}

impl<'a> Text<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            whole: text,
            index: CharIndex::new(text),
            n_chars: text.chars().count(),
        }
    }

    /// `text[start:end]` with Python's clamping; `end: None` slices to the end.
    fn slice(&self, start: usize, end: Option<usize>) -> &'a str {
        let end = end.unwrap_or(self.n_chars).min(self.n_chars);
        let start = start.min(self.n_chars);
        if end <= start {
            return "";
        }
        let span = self.index.byte_span(start, end);
        self.whole.get(span.range()).unwrap_or("")
    }
}

/// `score.py`'s `overlap`.
fn overlap(a0: usize, a1: usize, b0: usize, b1: usize) -> usize {
    a1.min(b1).saturating_sub(a0.max(b0))
}

/// Python's `str.isalnum` for one char: letters and numbers by general category.
fn is_alnum(c: char) -> bool {
    use GeneralCategory as G;
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
    )
}

/// `score.py`'s `norm_name`: lowercase, punctuation to spaces, spaces collapsed.
fn norm_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if is_alnum(c) {
            out.extend(c.to_lowercase());
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `score.py`'s `same_person`: one normalised name contains the other as whole words.
pub fn same_person(gold_name: &str, pred_name: Option<&str>) -> bool {
    let g = norm_name(gold_name);
    let p = norm_name(pred_name.unwrap_or(""));
    if g.is_empty() || p.is_empty() {
        return false;
    }
    let (g, p) = (format!(" {g} "), format!(" {p} "));
    p.contains(&g) || g.contains(&p)
}

/// Python's `repr()` of a `str`.
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let code = u32::from(c);
                let _ = if code < 0x100 {
                    write!(out, "\\x{code:02x}")
                } else if code < 0x1_0000 {
                    write!(out, "\\u{code:04x}")
                } else {
                    write!(out, "\\U{code:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one char (what `repr` leaves unescaped).
fn is_printable(c: char) -> bool {
    use GeneralCategory as G;
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}

/// Python's `repr` of an optional string (`None` when absent).
fn py_repr_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), py_repr)
}

/// Python's `str()` of an optional string (`None` when absent).
fn py_str_opt(s: Option<&str>) -> &str {
    s.unwrap_or("None")
}

/// Python's `str()` of a bool.
fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// An entity key: (start, end, coarse type).
type Key = (usize, usize, String);

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

fn score_entities(
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

fn both(start: Option<usize>, end: Option<usize>) -> Option<(usize, usize)> {
    Some((start?, end?))
}

fn score_quotes(pairs: &[(&Record, &Record)], texts: &[Text<'_>], scores: &mut Scores) {
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

fn score_relations(
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

/// Pads `s` with spaces to `width` chars (Python's `{s:Ns}`).
fn pad(s: &str, width: usize) -> String {
    format!("{s:<width$}")
}

/// The report `score.py` prints to stdout, line for line.
pub fn render(scores: &Scores, options: &EvalOptions) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    let prf = |x: &Prf| format!("P={:.3} R={:.3} F1={:.3}", x.p, x.r, x.f1);
    line(format!("docs: {}", scores.docs));
    line("ENTITIES (exact span + coarse type, micro)".to_owned());
    let e = &scores.entities;
    line(format!(
        "  all   {}  (tp={} pred={} gold={})",
        prf(&e.prf),
        e.tp,
        e.n_pred,
        e.n_gold
    ));
    for (t, v) in &scores.per_type {
        line(format!(
            "  {} {}  (tp={} pred={} gold={})",
            pad(t, 5),
            prf(&v.prf),
            v.tp,
            v.n_pred,
            v.n_gold
        ));
    }
    let q = &scores.quotes;
    line("QUOTES (overlap >= 50% of gold span)".to_owned());
    line(format!(
        "  quote span      {}  (matched={} pred={} gold={})",
        prf(&q.span.prf),
        q.span.matched,
        q.n_pred,
        q.n_gold
    ));
    line(format!(
        "  + speaker       {}  (matched with right speaker={})",
        prf(&q.with_speaker.prf),
        q.with_speaker.matched
    ));
    if let Some(w) = &q.with_speaker_name {
        line(format!(
            "  + speaker name  {}  (matched with the named speaker={})",
            prf(&w.prf),
            w.matched
        ));
    }
    if let Some(w) = &q.with_speaker_lenient {
        line(format!(
            "  + speaker (lenient: local mention/pronoun ok) {}  (matched={})",
            prf(&w.prf),
            w.matched
        ));
    }
    if let Some(r) = &scores.relations {
        line(format!(
            "RELATIONS (args by span overlap)  gold={} pred={}",
            r.n_gold, r.n_pred
        ));
        line(format!(
            "  unlabeled {} (matched={})",
            prf(&r.unlabeled.prf),
            r.unlabeled.matched
        ));
        line(format!(
            "  labeled   {} (matched={})",
            prf(&r.labeled.prf),
            r.labeled.matched
        ));
    }
    if options.show_errors {
        line("ENTITY ERRORS".to_owned());
        for err in &scores.entity_errors {
            line(format!(
                "  {} [{},{}) {} {} {}",
                err.kind,
                err.start,
                err.end,
                pad(&err.coarse, 4),
                pad(&py_repr(&err.text), 45),
                err.why
            ));
        }
        line("QUOTE OUTCOMES".to_owned());
        for d in &scores.quote_details {
            line(format!(
                "  found={} spk_ok={} lenient={} gold_spk={} pred_spk={} :: {}",
                pad(py_bool(d.found), 5),
                pad(py_bool(d.speaker_ok), 5),
                pad(py_bool(d.speaker_ok_lenient), 5),
                py_repr_opt(d.gold_speaker.as_deref()),
                py_repr_opt(d.pred_speaker.as_deref()),
                py_repr(&d.gold_quote)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::RelationRecord;

    #[test]
    fn py_repr_matches_python() {
        assert_eq!(py_repr("abc"), "'abc'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(py_repr("a\nb\t\\"), "'a\\nb\\t\\\\'");
        assert_eq!(py_repr("“Pakistan” Islāmābād"), "'“Pakistan” Islāmābād'");
        assert_eq!(
            py_repr("a\u{a0}b\u{ad}\u{200b}\u{2028}\u{7f}\u{1}"),
            "'a\\xa0b\\xad\\u200b\\u2028\\x7f\\x01'"
        );
        assert_eq!(py_repr("\u{e000}\u{f0000}"), "'\\ue000\\U000f0000'");
        assert_eq!(py_repr("中文 😀"), "'中文 😀'");
    }

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
    fn prf_handles_zero_denominators() {
        assert_eq!(Prf::new(0, 0, 0), Prf::default());
        let x = Prf::new(1, 2, 4);
        assert_eq!((x.p, x.r), (0.5, 0.25));
        assert!((x.f1 - 1.0 / 3.0).abs() < 1e-12);
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

    #[test]
    fn text_slices_count_chars() {
        let t = Text::new("“ab” c");
        assert_eq!(t.slice(1, Some(3)), "ab");
        assert_eq!(t.slice(4, None), " c");
        assert_eq!(t.slice(5, Some(99)), " c".get(1..).unwrap());
        assert_eq!(t.slice(9, Some(3)), "");
    }
}
