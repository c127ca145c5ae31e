//! Reported speech without quotation marks: `X said (that) …`, `X told reporters …`,
//! `X urged Y to …`, `According to X, …`, `As X announced, …`, `…, X said.`, and reported
//! predicates of belief, wish and stance (`Republicans want …`, `Trump has called for …`)
//! whose verbs come from `assets/quotes/predicates.tsv`. Each is a quote with
//! `direct: false`.

use crate::model::{MentionId, Provenance, Quote, Span};

use super::cues::{self, cue, is_reporting_cue};
use super::speaker::Speaker;
use super::{Finder, STAGE, confidence};

impl Finder<'_> {
    /// Reported speech without quotation marks.
    pub(super) fn indirect(&self, direct: &[Span], out: &mut Vec<Quote>) {
        let c = &self.ctx;
        let toks = &c.ann.tokens;
        // Tokens that are the cue of a quotation: never the cue of a reported predicate.
        let mut direct_cue = vec![false; toks.len()];
        for cue in out.iter().filter_map(|q| q.cue) {
            let mut t = self.tok_at(cue.start);
            while t < toks.len() && toks[t].span.start < cue.end {
                direct_cue[t] = true;
                t += 1;
            }
        }
        for &(s0, e) in &self.ranges {
            let s = s0.max(self.para_start_tok(toks.get(s0).map_or(0, |t| t.span.start)));
            if e <= s + 2 {
                continue;
            }
            let first = out.len();
            self.indirect_rules(s, e, direct, out);
            self.predicates(s, e, direct, &direct_cue, first, out);
        }
    }

    /// The reported-speech rules of one sentence `[s, e)`.
    #[allow(clippy::many_single_char_names)] // Token indices, as in the rest of the stage.
    pub(super) fn indirect_rules(&self, s: usize, e: usize, direct: &[Span], out: &mut Vec<Quote>) {
        let c = &self.ctx;
        let toks = &c.ann.tokens;
        {
            // "According to X, …" / "…, according to X."
            let mut k = s;
            let mut done = false;
            while k + 1 < e {
                if self.quoted[k] || c.lower(k) != "according" || c.lower(k + 1) != "to" {
                    k += 1;
                    continue;
                }
                let cue_span = toks[k].span.cover(toks[k + 1].span);
                let sp = self.according_speaker(k + 2, e);
                let content = if k == s {
                    let mut j = k + 2;
                    while j < e && c.lower(j) != "," {
                        j += 1;
                    }
                    self.clause(j + 1, e)
                } else {
                    self.clause(s, k)
                };
                if let Some(content) = content.filter(|c| !direct.iter().any(|d| d.overlaps(*c))) {
                    out.push(Self::reported(
                        content,
                        cue_span,
                        sp,
                        "indirect-according-to",
                        0.75,
                    ));
                    done = true;
                }
                break;
            }
            if done {
                return;
            }
            // "As X announced today, …"
            if c.lower(s) == "as" && !self.quoted[s] {
                let mut comma = s + 1;
                while comma < e && comma < s + 16 && c.lower(comma) != "," {
                    comma += 1;
                }
                if let Some(k) = (s + 1..comma)
                    .find(|&k| is_reporting_cue(c.lower(k)) && c.tag(k).starts_with('V'))
                    && let Some(sp) = c.subject_before(k, s + 1)
                    && let Some(content) = self
                        .clause(comma + 1, e)
                        .filter(|x| !direct.iter().any(|d| d.overlaps(*x)))
                {
                    out.push(Self::reported(
                        content,
                        toks[k].span,
                        Some(sp),
                        "indirect-as",
                        0.7,
                    ));
                    return;
                }
            }
            // "X said (that) …", "X told reporters (that) …", "X urged Y to …"
            let mut k = s + 1;
            while k + 1 < e {
                let l = c.lower(k);
                if self.quoted[k]
                    || c.tm[k].is_some()
                    || !c.tag(k).starts_with('V')
                    || !is_reporting_cue(l)
                {
                    k += 1;
                    continue;
                }
                let mut start = k + 1;
                if matches!(
                    l,
                    "told"
                        | "tells"
                        | "telling"
                        | "urged"
                        | "urges"
                        | "urge"
                        | "urging"
                        | "warned"
                        | "asked"
                        | "informed"
                        | "assured"
                        | "reminded"
                ) {
                    // The addressee: "told reporters", "urged the new US administration".
                    if let Some((_, end)) = c.np_at(start, e, false) {
                        start = end;
                    }
                }
                let next = c.lower(start);
                let reliable = cue(l).map_or(0.5, |x| x.reliability);
                let bare = reliable >= 0.6 && cues::takes_bare_clause(l);
                let ok = next == "that"
                    || (next == "to"
                        && matches!(
                            l,
                            "urged" | "urges" | "urge" | "urging" | "asked" | "told" | "warned"
                        ))
                    || bare
                        && matches!(
                            next,
                            "he" | "she"
                                | "they"
                                | "we"
                                | "i"
                                | "it"
                                | "the"
                                | "a"
                                | "an"
                                | "there"
                                | "this"
                                | "his"
                                | "her"
                                | "their"
                        )
                    || bare && c.tm[start].is_some();
                if !ok || start >= e {
                    k += 1;
                    continue;
                }
                let sp = c.subject_before(k, s);
                if sp.is_none() {
                    k += 1;
                    continue;
                }
                let from = if matches!(next, "that" | "to") {
                    start + 1
                } else {
                    start
                };
                let mut to = from;
                while to < e && !self.quoted[to] {
                    to += 1;
                }
                let Some(content) = self
                    .clause(from, to)
                    .filter(|c| !direct.iter().any(|d| d.overlaps(*c)))
                else {
                    k += 1;
                    continue;
                };
                out.push(Self::reported(
                    content,
                    toks[k].span,
                    sp,
                    "indirect-speech",
                    0.55 + 0.3 * reliable,
                ));
                k = to.max(k + 1);
            }
            // "…, X said." at the sentence end.
            if out
                .last()
                .is_none_or(|q| !toks[s].span.cover(toks[e - 1].span).contains(q.content))
            {
                self.reported_after(s, e, direct, out);
            }
        }
    }

    /// Reported predicates of belief, wish, stance and speech that the rules above did not
    /// take: a verb of the cue lexicon (any class) with a subject before it attributes the
    /// rest of its clause ("Republicans want a nominee who …", "the poll shows Sanders
    /// leading …", "Trump has called for …"). `first` is the first quote of this sentence
    /// in `out`; their cues are not taken again.
    #[allow(clippy::many_single_char_names)] // Token indices, as in the rest of the stage.
    pub(super) fn predicates(
        &self,
        s: usize,
        e: usize,
        direct: &[Span],
        direct_cue: &[bool],
        first: usize,
        out: &mut Vec<Quote>,
    ) {
        let c = &self.ctx;
        let toks = &c.ann.tokens;
        let mut k = s + 1;
        while k + 1 < e {
            // The cheap tests first: most tokens are no verb.
            if !c.tag(k).starts_with('V') || c.tm[k].is_some() || self.quoted[k] || direct_cue[k] {
                k += 1;
                continue;
            }
            let l = c.lower(k);
            let taken = out[first..]
                .iter()
                .any(|q| q.cue.is_some_and(|cu| cu.overlaps(toks[k].span)));
            let listed = if *cues::LEARN_ALL_PREDICATES {
                Some(cues::Cue { reliability: 0.5 })
            } else {
                cues::predicate(l)
            };
            // Auxiliaries and "be" are never the predicate: "has called for" is "called".
            let auxiliary = matches!(
                l,
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "being"
                    | "am"
                    | "'s"
                    | "’s"
                    | "has"
                    | "have"
                    | "had"
                    | "do"
                    | "does"
                    | "did"
            );
            if taken
                || auxiliary
                || direct_cue[k]
                || self.quoted[k]
                || c.tm[k].is_some()
                || !c.tag(k).starts_with('V')
                || listed.is_none()
            {
                k += 1;
                continue;
            }
            // Auxiliaries, modals and negation between subject and verb ("did not
            // mention", "would appoint", "has been pushing").
            let Some(sp) = self.subject(self.verb_group_start(k, s), s) else {
                k += 1;
                continue;
            };
            let mut from = k + 1;
            // Particles and prepositions that belong to the cue ("called for", "spoke about").
            while from < e
                && from < k + 3
                && matches!(
                    c.lower(from),
                    "that" | "for" | "about" | "out" | "on" | "of"
                )
            {
                from += 1;
            }
            let mut to = from;
            while to < e && !self.quoted[to] {
                to += 1;
            }
            // A stray quotation mark (one left unpaired) makes the clause unreliable.
            if (from..to).any(|t| matches!(c.lower(t), "“" | "”" | "\"" | "„" | "«" | "»"))
            {
                k += 1;
                continue;
            }
            // At least four plain words (shorter ones rarely match an attribution), not
            // overlapping a quotation or an attribution already found in the sentence.
            let content = self.clause_min(from, to, 4).filter(|x| {
                !direct.iter().any(|d| d.overlaps(*x))
                    && !out[first..].iter().any(|q| q.content.overlaps(*x))
            });
            let Some(content) = content else {
                k += 1;
                continue;
            };
            let reliable = listed.map_or(0.15, |x| x.reliability);
            out.push(Self::reported(
                content,
                toks[k].span.cover(toks[from - 1].span),
                Some(sp),
                "indirect-predicate",
                0.35 + 0.3 * reliable,
            ));
            k = to.max(k + 1);
        }
    }

    /// "…, X said." / "…, said X." closing a sentence of reported speech.
    pub(super) fn reported_after(&self, s: usize, e: usize, direct: &[Span], out: &mut Vec<Quote>) {
        let cx = &self.ctx;
        // "After the debate, Cruz continued:" introduces what follows.
        if cx.lower(e - 1) == ":" {
            return;
        }
        let mut end = e;
        while end > s && matches!(cx.lower(end - 1), "." | "!" | "?") {
            end -= 1;
        }
        // The last comma, no more than 8 tokens from the end.
        let mut comma = end;
        while comma > s && comma + 9 > end && cx.lower(comma - 1) != "," {
            comma -= 1;
        }
        if comma <= s + 3 || cx.lower(comma - 1) != "," || (s..end).any(|at| self.quoted[at]) {
            return;
        }
        let at = comma;
        let (sp, cue_tok) = if is_reporting_cue(cx.lower(at)) {
            match cx.np_at(at + 1, end, true) {
                Some((sp, _)) => (sp, at),
                None => return,
            }
        } else {
            let Some((sp, j)) = cx.np_at(at, end, false) else {
                return;
            };
            let v = cx.skip_adjuncts(j, end);
            if v >= end || !is_reporting_cue(cx.lower(v)) {
                return;
            }
            (sp, v)
        };
        if cx.lower(cue_tok) == "according" {
            return;
        }
        if let Some(content) = self
            .clause(s, comma - 1)
            .filter(|c| !direct.iter().any(|d| d.overlaps(*c)))
        {
            out.push(Self::reported(
                content,
                cx.ann.tokens[cue_tok].span,
                Some(sp),
                "indirect-cue-after",
                0.7,
            ));
        }
    }

    /// The span of tokens `[a, b)` trimmed of joining words and punctuation, if it holds
    /// at least three plain words.
    pub(super) fn clause(&self, a: usize, b: usize) -> Option<Span> {
        self.clause_min(a, b, 3)
    }

    /// [`Self::clause`] with at least `min` plain words.
    pub(super) fn clause_min(&self, a: usize, b: usize, min: usize) -> Option<Span> {
        let c = &self.ctx;
        let mut last = b.min(c.ann.tokens.len());
        while last > a
            && matches!(
                c.lower(last - 1),
                "and" | "that" | "," | "." | "!" | "?" | ";" | ":" | "but" | "or" | "—" | "-"
            )
        {
            last -= 1;
        }
        let plain = (a..last)
            .filter(|&t| c.tm[t].is_none() && c.is_word(t))
            .count();
        (plain >= min.max(1)).then(|| c.ann.tokens[a].span.cover(c.ann.tokens[last - 1].span))
    }

    pub(super) fn reported(
        content: Span,
        cue: Span,
        sp: Option<Speaker>,
        rule: &'static str,
        base: f32,
    ) -> Quote {
        Quote {
            content,
            extent: None,
            direct: false,
            cue: Some(cue),
            speaker: sp.map(|s| s.span),
            speaker_mention: sp.and_then(|s| s.mention).map(MentionId::from_index),
            speaker_entity: sp.and_then(|s| s.entity),
            provenance: Provenance::new(STAGE, confidence(base, sp.as_ref()), rule),
        }
    }
}
