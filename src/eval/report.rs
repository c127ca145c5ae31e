//! The report `score.py` prints, line for line.

use super::python::{pad, py_bool, py_repr, py_repr_opt};
use super::{EvalOptions, Prf, Scores};

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
