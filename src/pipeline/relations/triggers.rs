//! Verb- and noun-mediated relations from the trigger lexicon: a trigger phrase inside one
//! sentence, its head (the clause subject before it, or the agent after "by" in the passive)
//! and its tails (the actors it governs, with coordination), with negation and modality.

use crate::model::{EntityId, Relation, RelationType};

use super::lexicon::{Trigger, triggers};
use super::{Arg, Ctx, RelFn};
use crate::pipeline::util::sentence_token_ranges;

const MODALS: [&str; 10] = [
    "will", "would", "may", "might", "could", "should", "can", "shall", "must", "wo",
];
const NEGATIONS: [&str; 8] = [
    "not", "n't", "never", "no", "neither", "nor", "refused", "declined",
];
const BE: [&str; 8] = ["is", "are", "was", "were", "be", "been", "being", "am"];

/// The trigger at token `t`, if one starts there: the entry and one past its last token.
fn match_trigger<'l>(ctx: &Ctx<'_>, t: usize, e: usize) -> Option<(&'l Trigger, usize)> {
    let candidates = triggers().starting_with(ctx.lower(t));
    candidates.iter().find_map(|tr| {
        let end = t + 1 + tr.rest.len();
        if end > e {
            return None;
        }
        if !tr
            .rest
            .iter()
            .enumerate()
            .all(|(k, w)| ctx.lower(t + 1 + k) == w)
        {
            return None;
        }
        if tr.verb && !ctx.is_verb(t) {
            return None;
        }
        if tr.that && (end >= e || ctx.lower(end) != "that") {
            return None;
        }
        Some((tr, end))
    })
}

/// True when token `t` is preceded (skipping adverbs) by a form of "be" and followed by "by":
/// "Bajwa was praised by Austin".
fn passive(ctx: &Ctx<'_>, s: usize, t: usize, t_end: usize) -> bool {
    if ctx.lower(t_end) != "by" || !ctx.pos(t).is_some_and(|p| p == "VBN" || p == "VBD") {
        return false;
    }
    let mut k = t;
    while k > s {
        k -= 1;
        let l = ctx.lower(k);
        if BE.contains(&l) {
            return true;
        }
        if !ctx.pos(k).is_some_and(|p| p.starts_with("RB")) {
            return false;
        }
    }
    false
}

/// Finds every trigger-mediated relation.
pub(super) fn trigger_relations(ctx: &Ctx<'_>, rels: &mut Vec<Relation>, rel: &RelFn<'_>) {
    let ann = ctx.ann;
    for (s, e) in sentence_token_ranges(ann) {
        let mut t = s;
        // The last "said to" pair of this sentence: a participle after a comma that names
        // no one shares it ("X conveyed a message to Y, assuring …" → X PROMISED Y).
        let mut last_said: Option<(Arg, Arg)> = None;
        while t < e {
            let Some((tr, t_end)) = match_trigger(ctx, t, e) else {
                t += 1;
                continue;
            };
            if ctx.tm[t].is_some() {
                t += 1;
                continue;
            }
            let before = |w: &[&str]| t > s && w.contains(&ctx.lower(t - 1));
            let modal_before = (t.saturating_sub(3).max(s)..t)
                .any(|k| matches!(ctx.lower(k), "will" | "would" | "to" | "shall" | "can"));
            if tr.modal_only && !modal_before {
                t += 1;
                continue;
            }
            let trigger = ann.tokens[t].span.cover(ann.tokens[t_end - 1].span);
            let window = t.saturating_sub(3).max(s)..t;
            let negated = window.clone().any(|k| NEGATIONS.contains(&ctx.lower(k)))
                || (t_end < e && ctx.lower(t_end) == "not");
            let modal = window.clone().any(|k| MODALS.contains(&ctx.lower(k))) || before(&["to"]);
            let mut ty = tr.relation_type;
            let mut pairs: Vec<(Arg, Arg)> = Vec::new();
            let mut rule = "trigger-pattern";
            if passive(ctx, s, t, t_end) {
                // "X was praised by Y": Y → X.
                let agent = ctx
                    .tails(t_end + 1, e, 1, false)
                    .first()
                    .and_then(|&a| ctx.adjective_tail(a));
                if let (Some(agent), Some(patient)) = (agent, ctx.head(s, t)) {
                    pairs.push((agent, patient));
                    rule = "trigger-passive";
                }
            } else if let Some(head) = ctx.head_within(s, t, if tr.near { 4 } else { 12 }) {
                // "hoped that X …": the tail is the clause's subject, right after "that".
                let tails_from = if tr.that { t_end + 1 } else { t_end };
                let mut tails = ctx.tails(tails_from, e, tr.gap, tr.through);
                tails = tails
                    .into_iter()
                    .filter_map(|x| ctx.adjective_tail(x))
                    .filter(|x| tr.accepts(ctx.entity_type(x.1)))
                    .collect();
                if let Some(to_type) = tr.to_type
                    && let Some(end) = tails
                        .last()
                        .and_then(|x| x.0)
                        .map(|m| ann.mentions[m].span.end)
                {
                    // "called on X to …".
                    let after = ann.tokens.partition_point(|x| x.span.start < end);
                    if after < e && ctx.lower(after) == "to" {
                        ty = to_type;
                    }
                }
                if tr.recipient {
                    recipients(ctx, t_end, e, &mut tails);
                }
                if tails.is_empty()
                    && t > s
                    && ctx.lower(t - 1) == ","
                    && ctx.lower(t).ends_with("ing")
                    && let Some((said_head, said_tail)) = last_said
                {
                    pairs.push((said_head, said_tail));
                    rule = "trigger-participle";
                } else if tails.is_empty()
                    && tr.symmetric
                    && let Some(other) = ctx.coordinated_subject(s, head)
                {
                    // "The United States and Iraq sign …".
                    pairs.push((head, other));
                    rule = "trigger-coordinated";
                }
                for tail in tails {
                    pairs.push((head, tail));
                }
            }
            for (head, tail) in pairs {
                // One entity with itself only for another name the article gives ("X, also
                // known as Y"), which the `aliases` stage has made one entity, as acronyms.
                if tail.1 == head.1 && ty != RelationType::AliasOf {
                    continue;
                }
                if ty == RelationType::SaidTo {
                    last_said = Some((head, tail));
                }
                let conf = if rule == "trigger-pattern" { 0.7 } else { 0.6 };
                let mut r = rel(head, tail, ty, trigger, conf, rule);
                r.negated = negated;
                r.modal = modal;
                rels.push(r);
            }
            t = t_end;
        }
    }
}

/// The recipient after "for"/"to": "restore IMET funds for Pakistan".
fn recipients(ctx: &Ctx<'_>, t_end: usize, e: usize, tails: &mut Vec<(Option<usize>, EntityId)>) {
    let mut k = t_end;
    while k < e && k < t_end + 14 && !matches!(ctx.lower(k), "." | ";" | "“" | "that") {
        if matches!(ctx.lower(k), "for" | "to") {
            let mut j = k + 1;
            if ctx.lower(j) == "the" {
                j += 1;
            }
            if j < e
                && let Some(a) = ctx.actor_at(j)
                && let Some(a) = ctx.adjective_tail((Some(a.0), a.1))
                && let Some(am) = a.0
            {
                let a = (am, a.1);
                if !tails.iter().any(|x| x.1 == a.1) {
                    tails.push((Some(a.0), a.1));
                }
                break;
            }
        }
        k += 1;
    }
}
