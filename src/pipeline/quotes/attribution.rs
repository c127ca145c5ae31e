//! Cues around a quotation: a cue after it (`“…,” he said`, `“…,” said Qureshi`,
//! `“…” according to X`, `“…” — Michelle Marks`, an unknown past-tense verb before or after
//! a name) and a cue before it in its sentence (`X said that “…”`, `X urged Y to “…”`,
//! `According to X, “…”`, a verb before a colon, the outer source of reported speech), with
//! the subjects of the verbs they hang on.

use crate::model::{EntityType, Span};

use super::cues::{self, cue};
use super::speaker::{Ctx, Link, Speaker, is_np_tag};
use super::{Finder, Found, confidence};

fn is_pronoun_span(cx: &Ctx<'_>, sp: &Speaker) -> bool {
    matches!(
        sp.span.text(cx.text).to_lowercase().as_str(),
        "he" | "she" | "they" | "we" | "i"
    )
}

/// True for a token that ends a sentence.
pub(super) fn is_end_punct(l: &str) -> bool {
    matches!(l, "." | "!" | "?" | "…")
}

/// A dash token: em, en, figure and horizontal-bar dashes, and their ASCII stand-ins.
pub(super) fn is_dash(t: &str) -> bool {
    matches!(t, "—" | "–" | "―" | "‒" | "-" | "--")
}

impl Finder<'_> {
    /// The first token of the verb group ending at verb `k`: auxiliaries, modals and
    /// negation before it ("did not mention", "would appoint", "has been pushing"), not
    /// before token `lo`.
    pub(super) fn verb_group_start(&self, k: usize, lo: usize) -> usize {
        let c = &self.ctx;
        let mut v = k;
        while v > lo + 1
            && matches!(
                c.lower(v - 1),
                "not"
                    | "n't"
                    | "never"
                    | "did"
                    | "do"
                    | "does"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
                    | "be"
                    | "been"
                    | "being"
                    | "has"
                    | "have"
                    | "had"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "’s"
                    | "'s"
                    | "didn’t"
                    | "doesn’t"
                    | "don’t"
                    | "won’t"
                    | "wouldn’t"
                    | "can’t"
                    | "didn't"
                    | "doesn't"
                    | "don't"
            )
        {
            v -= 1;
        }
        v
    }

    /// The subject of the verb at token `k` (not before token `lo`), across a prepositional
    /// phrase between them: "Trump in his announcement speech called …" → Trump.
    pub(super) fn subject(&self, k: usize, lo: usize) -> Option<Speaker> {
        let c = &self.ctx;
        let sp = c.subject_before(k, lo)?;
        let a = self.tok_at(sp.span.start);
        if a > lo + 1
            && a < k
            && crate::pipeline::util::is_preposition(c.lower(a - 1))
            && c.lower(a - 1) != "of"
            && let Some(outer) = c.subject_before(a - 1, lo)
            && matches!(outer.link, Link::Named | Link::Pronoun)
        {
            return Some(outer);
        }
        Some(sp)
    }

    /// The subject of the first finite verb in `[lo, hi)` outside quotation marks that has
    /// one ("The spokesman refused …, adding: “…”" → the spokesman).
    pub(super) fn verb_subject(&self, lo: usize, hi: usize) -> Option<Speaker> {
        self.verb_subject_at(lo, hi).map(|(sp, _)| sp)
    }

    /// [`Self::verb_subject`] with the verb's token.
    pub(super) fn verb_subject_at(&self, lo: usize, hi: usize) -> Option<(Speaker, usize)> {
        let c = &self.ctx;
        (lo + 1..hi)
            .filter(|&k| {
                !self.quoted[k]
                    && c.tm[k].is_none()
                    && matches!(c.tag(k), "VBD" | "VBZ" | "VBP" | "MD")
            })
            .find_map(|k| {
                self.subject(self.verb_group_start(k, lo), lo)
                    .map(|sp| (sp, k))
            })
    }

    /// A say-verb closing the sentence after a quotation, behind a comma: "Trump’s
    /// “excesses” are sickening, Hollande said Tuesday" / "…, said Hollande". Returns the
    /// speaker and the cue token.
    pub(super) fn cue_at_sentence_end(&self, from: usize, send: usize) -> Option<(Speaker, usize)> {
        let c = &self.ctx;
        let mut comma = None;
        for k in from..send {
            if self.quoted[k] {
                comma = None;
                continue;
            }
            let l = c.lower(k);
            if l == "," {
                comma = Some(k);
                continue;
            }
            let Some(cm) = comma else { continue };
            if c.tm[k].is_some() || !c.tag(k).starts_with('V') || !cues::takes_bare_clause(l) {
                continue;
            }
            let sp = if cm + 1 == k {
                c.np_at(k + 1, send, true).map(|(sp, _)| sp)
            } else {
                self.subject(k, cm + 1)
            };
            return sp.map(|sp| (sp, k));
        }
        None
    }

    /// An attribution closing the sentence after a quotation: ", the Times reported." or
    /// ", according to the report." Returns the speaker and the cue's span.
    pub(super) fn closing_attribution(&self, from: usize, send: usize) -> Option<(Speaker, Span)> {
        let c = &self.ctx;
        // The last clause: from the sentence's last comma, a few words long.
        let comma = (from..send).rev().find(|&k| c.lower(k) == ",")?;
        if send - comma > 10 || (comma..send).any(|k| self.quoted[k]) {
            return None;
        }
        if let Some((sp, k)) = self.cue_at_sentence_end(comma, send) {
            return Some((sp, c.ann.tokens[k].span));
        }
        let k = comma + 1;
        if !(c.lower(k) == "according" && c.lower(k + 1) == "to") {
            return None;
        }
        let sp = self.according_speaker(k + 2, send)?;
        Some((sp, c.ann.tokens[k].span.cover(c.ann.tokens[k + 1].span)))
    }

    /// A cue after a quotation: the tokens from `k` on, up to `limit`.
    pub(super) fn cue_after(&self, k0: usize, limit: usize, ends_sentence: bool) -> Option<Found> {
        let cx = &self.ctx;
        let mut k = k0;
        while k < limit && (cx.lower(k) == "," || is_dash(cx.lower(k))) {
            k += 1;
        }
        if k >= limit || self.quoted[k] {
            return None;
        }
        let toks = &cx.ann.tokens;
        let limit = limit.min(k + 24);
        let l = cx.lower(k);
        // "“…” — Michelle Marks, Philadelphia.": a name after a dash signs the quotation.
        if k > k0
            && is_dash(cx.lower(k - 1))
            && let Some((sp, end)) = cx.np_at(k, limit, true)
            && sp.mention.is_some_and(|m| {
                matches!(
                    cx.mention_type(m),
                    EntityType::Person | EntityType::Org | EntityType::Misc | EntityType::Other
                )
            })
            && (end >= limit
                || matches!(cx.lower(end), "," | "." | ";" | "(")
                // "― Christina N Luis Olidem": the rest of the signature line is a name.
                || (limit - end <= 3
                    && (end..limit).all(|t| {
                        cx.ann.tokens[t].span.text(cx.text).chars().next().is_some_and(char::is_uppercase)
                    })))
        {
            return Some(Found {
                speaker: Some(sp),
                cue: Some(toks[k - 1].span),
                rule: "cue-dash",
                confidence: confidence(0.8, Some(&sp)),
                after: true,
                end,
            });
        }
        // "… according to X"
        if l == "according" && cx.lower(k + 1) == "to" {
            let sp = self.according_speaker(k + 2, limit);
            return Some(Found {
                speaker: sp,
                cue: Some(toks[k].span.cover(toks[k + 1].span)),
                rule: "cue-after-according-to",
                confidence: confidence(0.85, sp.as_ref()),
                after: true,
                end: sp.map_or(limit, |s| self.tok_at(s.span.end)),
            });
        }
        // "…,” said Qureshi"
        if cue(l).is_some() {
            let (sp, end) = match cx.np_at(k + 1, limit, true) {
                Some((sp, end)) => (Some(sp), end),
                None => (None, k + 1),
            };
            if sp.is_none() && !ends_sentence {
                return None;
            }
            return Some(Found {
                speaker: sp,
                cue: Some(toks[k].span),
                rule: "cue-after-inverted",
                confidence: confidence(0.9, sp.as_ref()),
                after: true,
                end,
            });
        }
        // "“Is Obama profiling?” reacted Trump": another verb before a name.
        if matches!(cx.tag(k), "VBD" | "VBZ")
            && let Some((sp, end)) = cx.np_at(k + 1, limit, true)
            && sp
                .mention
                .is_some_and(|m| cx.mention_type(m) == EntityType::Person)
            && (end >= limit || matches!(cx.lower(end), "," | "." | ";" | ":"))
        {
            return Some(Found {
                speaker: Some(sp),
                cue: Some(toks[k].span),
                rule: "cue-after-inverted-verb",
                confidence: confidence(0.75, Some(&sp)),
                after: true,
                end,
            });
        }
        // "…,” he said" / "…,” Lloyd Austin, the defence secretary, said" / "…,” NATO
        // Secretary General Jens Stoltenberg said": a name in a run of name-like tokens.
        let (sp, j) = cx.np_at(k, limit, false)?;
        let mut run = j;
        while run < limit
            && run < k + 10
            && (cx.tm[run].is_some() || is_np_tag(cx.tag(run)))
            && cue(cx.lower(run)).is_none()
        {
            run += 1;
        }
        let (sp, mut j) = if run > j {
            match (k..run).rev().find_map(|t| {
                cx.tm[t].filter(|&m| cx.ann.mentions[m].entity_type == EntityType::Person)
            }) {
                Some(m) => (
                    cx.np_at(
                        cx.ann
                            .tokens
                            .partition_point(|t| t.span.start < cx.ann.mentions[m].span.start),
                        run,
                        false,
                    )
                    .map_or(sp, |x| x.0),
                    run,
                ),
                None => (sp, run),
            }
        } else {
            (sp, j)
        };
        // "…,” Sen. Marco Rubio (R-Fla.) said": a short parenthesis after the name.
        if cx.lower(j) == "("
            && let Some(close) = (j + 1..limit.min(j + 8)).find(|&a| cx.lower(a) == ")")
        {
            j = close + 1;
        }
        if cx.lower(j) == "," {
            let mut a = j + 1;
            while a < limit && a < j + 30 && cx.lower(a) != "," && !is_end_punct(cx.lower(a)) {
                a += 1;
            }
            if cx.lower(a) == "," {
                j = a + 1;
            }
            // "Scott Pruitt, the attorney general of Oklahoma, one of the states suing the
            // EPA, said": a second apposition, without a finite verb, before a cue.
            if cue(cx.lower(cx.skip_adjuncts(j, limit))).is_none() {
                let mut a = j;
                while a < limit
                    && a < j + 30
                    && cx.lower(a) != ","
                    && !is_end_punct(cx.lower(a))
                    && !matches!(cx.tag(a), "VBD" | "VBZ" | "VBP" | "MD")
                {
                    a += 1;
                }
                if cx.lower(a) == "," && cue(cx.lower(cx.skip_adjuncts(a + 1, limit))).is_some() {
                    j = a + 1;
                }
            }
        }
        let v = cx.skip_adjuncts(j, limit);
        if v >= limit || self.quoted[v] {
            return None;
        }
        let lv = cx.lower(v);
        let (rule, base) = if cue(lv).is_some() && lv != "according" {
            ("cue-after", 0.9)
        } else if matches!(cx.tag(v), "VBD" | "VBZ")
            && !matches!(lv, "is" | "was" | "has" | "had" | "does" | "did")
            // An unknown verb needs a speaker that can speak: a name, a pronoun or a
            // resolved description ("the nominee riffed"), not "the balloons dropped".
            && (sp.mention.is_some() || sp.entity.is_some() || is_pronoun_span(cx, &sp))
        {
            ("cue-after-verb", 0.7)
        } else {
            return None;
        };
        // "“A.” Clinton said that …" introduces what follows, not what precedes.
        if ends_sentence && matches!(cx.lower(v + 1), "that" | ":") {
            return None;
        }
        Some(Found {
            speaker: Some(sp),
            cue: Some(toks[v].span),
            rule,
            confidence: confidence(base, Some(&sp)),
            after: true,
            end: v + 1,
        })
    }

    /// The speaker after "according to": a person named in the phrase, else its first
    /// actor, else the phrase as a description.
    pub(super) fn according_speaker(&self, k: usize, limit: usize) -> Option<Speaker> {
        let c = &self.ctx;
        let mut end = k;
        while end < limit
            && !self.quoted[end]
            && !matches!(c.lower(end), "," | "." | ";" | ":" | "!" | "?")
        {
            end += 1;
        }
        let end = end.min(k + 12);
        c.np_at(k, end, true).map(|(sp, _)| sp).and_then(|sp| {
            if sp.entity.is_some() || sp.mention.is_some() {
                return Some(sp);
            }
            // A description: prefer an actor named inside the phrase.
            (k..end)
                .find_map(|j| c.np_at(j, end, false).filter(|(s, _)| s.mention.is_some()))
                .map(|(s, _)| s)
                .or(Some(sp))
        })
    }

    /// The nearest cue before token `open` in `[lo, open)`, outside quotation marks.
    pub(super) fn cue_before(&self, lo: usize, open: usize) -> Option<(Found, usize)> {
        let c = &self.ctx;
        let toks = &c.ann.tokens;
        // "Asked which county was his favourite, he demurred: “…”": a verb the lexicon
        // lacks, right before a colon, with a named or pronoun subject.
        if open >= lo + 3
            && c.lower(open - 1) == ":"
            && !self.quoted[open - 2]
            && c.tm[open - 2].is_none()
            && matches!(c.tag(open - 2), "VBD" | "VBZ" | "VBN")
            && cue(c.lower(open - 2)).is_none()
            && let Some(sp) = self.subject(self.verb_group_start(open - 2, lo), lo)
            && matches!(sp.link, Link::Named | Link::Pronoun)
        {
            return Some((
                Found::named(
                    sp,
                    Some(toks[open - 2].span),
                    "cue-before-verb-colon",
                    0.7,
                    false,
                    open,
                ),
                open - 2,
            ));
        }
        let mut k = open;
        while k > lo {
            k -= 1;
            if self.quoted[k] {
                continue;
            }
            let l = c.lower(k);
            if l == "according" && c.lower(k + 1) == "to" {
                let sp = self.according_speaker(k + 2, open);
                return Some((
                    Found {
                        speaker: sp,
                        cue: Some(toks[k].span.cover(toks[k + 1].span)),
                        rule: "cue-before-according-to",
                        confidence: confidence(0.85, sp.as_ref()),
                        after: false,
                        end: open,
                    },
                    k + 1,
                ));
            }
            // A cue word tagged as a verb — or as a noun right after its subject ("McAdams,
            // …, writes"), where the tagger hesitates.
            let verb = c.tag(k).starts_with('V')
                || c.tag(k).is_empty()
                || (c.tag(k).starts_with("NN")
                    && k > lo
                    && (c.tm[k - 1].is_some_and(|m| {
                        // Not "Democratic claims": a group word is a modifier.
                        !matches!(c.mention_type(m), EntityType::Norp | EntityType::Misc)
                    }) || matches!(c.lower(k - 1), "," | "he" | "she" | "they" | "we" | "i")));
            if !verb || c.tm[k].is_some() || cue(l).is_none() {
                continue;
            }
            // "According to GMA News, Salceda said “…”": the outer source.
            if let Some(k0) = (lo..k).find(|&k0| {
                !self.quoted[k0] && c.lower(k0) == "according" && c.lower(k0 + 1) == "to"
            }) && k0 + 2 < k
            {
                let sp = self.according_speaker(k0 + 2, k);
                if sp.is_some() {
                    return Some((
                        Found {
                            speaker: sp,
                            cue: Some(toks[k0].span.cover(toks[k0 + 1].span)),
                            rule: "cue-before-according-to",
                            confidence: confidence(0.8, sp.as_ref()),
                            after: false,
                            end: open,
                        },
                        k0 + 1,
                    ));
                }
            }
            // Not from a subordinate clause: "When Trump suggested …, Rubio fired back: “…”".
            let subordinate = |k0: usize| {
                (lo..k0).any(|j| {
                    matches!(
                        c.lower(j),
                        "when"
                            | "after"
                            | "as"
                            | "if"
                            | "while"
                            | "because"
                            | "although"
                            | "before"
                            | "since"
                            | "though"
                    )
                })
            };
            // "X said Y called Z “…”": the reported speech around the quotation is X's.
            if let Some(k0) = (lo + 1..k).find(|&k0| {
                !self.quoted[k0]
                    && c.tm[k0].is_none()
                    && matches!(c.tag(k0), "VBD" | "VBZ" | "VBP")
                    && cues::takes_bare_clause(c.lower(k0))
                    && !subordinate(k0)
                    && c.subject_before(self.verb_group_start(k0, lo), lo)
                        .is_some()
            }) {
                let sp = self.subject(self.verb_group_start(k0, lo), lo);
                return Some((
                    Found {
                        speaker: sp,
                        cue: Some(toks[k0].span),
                        rule: "cue-before-outer",
                        confidence: confidence(0.75, sp.as_ref()),
                        after: false,
                        end: open,
                    },
                    k0,
                ));
            }
            // "X went on to attack Y, saying “…”", "X issued a statement saying “…”": the
            // subject of the clause before.
            // "with Sen. John McCain calling it a “Chinese menu”": a name right before the
            // participle is its subject.
            let participle_subject = (c.tag(k) == "VBG" && k > lo)
                .then(|| {
                    c.tm[k - 1]
                        .filter(|&m| {
                            matches!(c.mention_type(m), EntityType::Person | EntityType::Org)
                        })
                        .map(|m| c.speaker_of_mention(m))
                        .or_else(|| self.verb_subject(lo, k))
                })
                .flatten();
            // "X said …" / "said Qureshi: …"
            let sp = participle_subject
                .or_else(|| self.subject(k, lo))
                .or_else(|| {
                    // "said Qureshi: “…”" — not the object of "called the system “…”".
                    let (sp, end) = c.np_at(k + 1, open, true)?;
                    // "told his supporters, “…”": the noun after a verb of telling is
                    // the one addressed, not the speaker.
                    (cues::takes_bare_clause(l)
                        && !cues::addresses_object(l)
                        && (end >= open || matches!(c.lower(end), ":" | ",")))
                    .then_some(sp)
                });
            // "Acknowledging that X “…,” Allen did suggest …": a leading participle's
            // subject is the main clause's.
            // "He went on to say, “…”": the subject of the clause before (already looked
            // for when the cue is a participle).
            let clause = || {
                (sp.is_none() && c.tag(k) != "VBG")
                    .then(|| self.verb_subject(lo, k))
                    .flatten()
            };
            let (sp, rule) = match (sp, clause()) {
                (Some(sp), _) => (Some(sp), "cue-before"),
                (None, Some(cs)) => (Some(cs), "cue-before-clause-subject"),
                (None, None) if c.tag(k) == "VBG" => {
                    let (si, _) = self.sentence(toks[k].span.start);
                    let send = self.ranges.get(si).map_or(open, |r| r.1);
                    let after = self.verb_subject(open, send);
                    (
                        after.or_else(|| c.first_person(open, send)),
                        "cue-before-participle",
                    )
                }
                (None, None) => (None, "cue-before"),
            };
            // "Ban Ki-moon condemned what he called a “brazen breach”": the words are
            // quoted by the speaker of the clause around "what".
            let what = sp
                .and_then(|inner| self.tok_at(inner.span.start).checked_sub(1))
                .filter(|&w| {
                    w > lo + 1
                        && c.lower(w) == "what"
                        && c.tag(w - 1).starts_with('V')
                        && (cue(c.lower(w - 1)).is_some()
                            || cues::predicate(c.lower(w - 1)).is_some())
                });
            let (sp, rule) = match what.and_then(|w| self.verb_subject(lo, w)) {
                Some(outer) => (Some(outer), "cue-before-what"),
                None => (sp, rule),
            };
            return Some((
                Found {
                    speaker: sp,
                    cue: Some(toks[k].span),
                    rule,
                    confidence: confidence(0.8, sp.as_ref()),
                    after: false,
                    end: open,
                },
                k,
            ));
        }
        None
    }
}
