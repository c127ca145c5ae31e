//! The `quotes` stage: direct quotes (any quotation marks) and reported speech, each with
//! its cue, its speaker and the speaker's entity. The rules, the cue lexicon and the
//! confidence levels are documented in `docs/quotes.md`.
//!
//! 1. Quotation marks are paired in one linear pass ([`marks`]); apostrophes inside words
//!    never count, and an unbalanced mark is dropped at its paragraph end.
//! 2. Each quotation is attributed, first rule that applies wins:
//!    a cue after it (`“…,” he said` / `“…,” said Qureshi` / `“…” according to X`, also
//!    with an apposition or an unknown past-tense verb such as "quipped"); a cue before it
//!    in its sentence (`X said that “…”`, `X urged Y to “…”`, `According to X, “…”`); the
//!    previous quotation it continues (a split quote `“…,” he said, “…”` or
//!    `“…,” he said. “…”` becomes one quote; a paragraph left open continues into the
//!    next); the previous quotation of its sentence; the speaker of the quotation in the
//!    previous paragraph for a quote-only paragraph. A short quotation with no cue (a scare
//!    quote, a title) is not a quote.
//! 3. A partial quote embedded in reported speech keeps its words as `content` and the
//!    reported clause as `extent`.
//! 4. Reported speech without quotation marks (`X said (that) …`, `X told reporters …`,
//!    `According to X, …`, `…, X said.`) gives quotes with `direct: false`, and so do
//!    reported predicates of belief, wish and stance (`Republicans want …`, `Trump has
//!    called for …`) whose verbs come from `assets/quotes/predicates.tsv`.
//!
//! Speakers and their entities come from [`speaker`]; every rule sets
//! `provenance.rule` and a confidence (lower for weaker rules).

mod cues;
mod marks;
mod speaker;

pub(crate) use marks::find_marks;
pub(crate) use speaker::{resolve_pronoun, token_mentions};

use crate::model::{Document, EntityType, MentionId, Provenance, Quote, Span};

use super::Stage;
use super::util::sentence_token_ranges;
use cues::{cue, is_reporting_cue};
use marks::Marks;
use speaker::{Ctx, Link, Speaker, is_np_tag};

/// Finds quotes and their speakers.
pub struct Quotes;

const STAGE: &str = "quotes";

/// An attribution found for a quotation.
#[derive(Clone, Copy, Debug)]
struct Found {
    speaker: Option<Speaker>,
    cue: Option<Span>,
    rule: &'static str,
    confidence: f32,
    /// The cue comes after the quotation; `end` is the first token after its clause.
    after: bool,
    end: usize,
}

impl Found {
    /// An attribution to the named `speaker` with a `base` confidence (lowered for pronouns
    /// and descriptions by [`confidence`]).
    fn named(
        speaker: Speaker,
        cue: Option<Span>,
        rule: &'static str,
        base: f32,
        after: bool,
        end: usize,
    ) -> Found {
        Found {
            speaker: Some(speaker),
            cue,
            rule,
            confidence: confidence(base, Some(&speaker)),
            after,
            end,
        }
    }
}

/// A quotation being built.
struct Built {
    content: Span,
    extent: Option<Span>,
    found: Option<Found>,
    para: usize,
    sentence: usize,
    /// First token after the closing mark.
    after_tok: usize,
    /// The mark ran to the paragraph end without closing.
    open_ended: bool,
    /// Word tokens inside.
    words: usize,
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '‚' | '\''
    )
}

fn is_pronoun_span(cx: &Ctx<'_>, sp: &Speaker) -> bool {
    matches!(
        sp.span.text(cx.text).to_lowercase().as_str(),
        "he" | "she" | "they" | "we" | "i"
    )
}

/// A title or name in quotation marks inside a sentence: one to five words, each
/// capitalised (or a short function word), without a final comma, "!" or "?", and the
/// text before the mark running on (not a colon or the start of a paragraph).
fn is_title_in_marks(text: &str, mk: &Marks) -> bool {
    if mk.open_ended() {
        return false;
    }
    let inner = text[mk.open_end..mk.close].trim();
    let inner_core = inner.trim_end_matches(['.', '’', '\'']);
    if inner_core.is_empty()
        || inner_core.ends_with([',', '!', '?', ':', ';', '…'])
        || inner_core.contains(['!', '?', ',', ':'])
    {
        return false;
    }
    let words: Vec<&str> = inner_core.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || matches!(
                *w,
                "of" | "the" | "and" | "a" | "an" | "for" | "in" | "on" | "to" | "with" | "at"
            )
    };
    if words.is_empty()
        || words.len() > 5
        || !words.iter().all(capitalised)
        || !words[0].chars().next().is_some_and(char::is_uppercase)
    {
        return false;
    }
    let before = text[..mk.open].trim_end_matches([' ', '\t']);
    let prev = before.chars().next_back();
    // Mid-sentence: after a word (not after a colon, a dash, a line break or nothing).
    prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '’' | '\'' | ','))
        && !before.ends_with(':')
}

fn is_end_punct(l: &str) -> bool {
    matches!(l, "." | "!" | "?" | "…")
}

/// Confidence of a speaker found by a rule of base confidence `base`.
fn confidence(base: f32, speaker: Option<&Speaker>) -> f32 {
    match speaker.map(|s| s.link) {
        Some(Link::Named) => base,
        Some(Link::Pronoun) => base - 0.05,
        Some(Link::Description) => base - 0.15,
        Some(Link::None) => base - 0.25,
        None => base.min(0.3),
    }
}

struct Finder<'a> {
    ctx: Ctx<'a>,
    ranges: Vec<(usize, usize)>,
    /// Byte offsets where paragraphs start.
    paras: Vec<usize>,
    /// For each token, whether it lies inside quotation marks (marks included).
    quoted: Vec<bool>,
}

impl Finder<'_> {
    fn tok_at(&self, pos: usize) -> usize {
        self.ctx.ann.tokens.partition_point(|t| t.span.start < pos)
    }

    fn para(&self, pos: usize) -> usize {
        self.paras.partition_point(|&p| p <= pos)
    }

    fn para_start_tok(&self, pos: usize) -> usize {
        let p = self.para(pos);
        self.tok_at(p.checked_sub(1).map_or(0, |i| self.paras[i]))
    }

    /// The sentence of byte `pos` and its first token (not before its paragraph).
    fn sentence(&self, pos: usize) -> (usize, usize) {
        let si = self.ctx.ann.sentence_at(pos).unwrap_or(0);
        let s = self.ranges.get(si).map_or(0, |r| r.0);
        (si, s.max(self.para_start_tok(pos)))
    }

    /// The first token of the verb group ending at verb `k`: auxiliaries, modals and
    /// negation before it ("did not mention", "would appoint", "has been pushing"), not
    /// before token `lo`.
    fn verb_group_start(&self, k: usize, lo: usize) -> usize {
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
    fn subject(&self, k: usize, lo: usize) -> Option<Speaker> {
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
    fn verb_subject(&self, lo: usize, hi: usize) -> Option<Speaker> {
        self.verb_subject_at(lo, hi).map(|(sp, _)| sp)
    }

    /// [`Self::verb_subject`] with the verb's token.
    fn verb_subject_at(&self, lo: usize, hi: usize) -> Option<(Speaker, usize)> {
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
    fn cue_at_sentence_end(&self, from: usize, send: usize) -> Option<(Speaker, usize)> {
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
    fn closing_attribution(&self, from: usize, send: usize) -> Option<(Speaker, Span)> {
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
    fn cue_after(&self, k0: usize, limit: usize, ends_sentence: bool) -> Option<Found> {
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
    fn according_speaker(&self, k: usize, limit: usize) -> Option<Speaker> {
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
    fn cue_before(&self, lo: usize, open: usize) -> Option<(Found, usize)> {
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

    fn built_quote(b: &Built, rule_override: Option<(&'static str, f32)>) -> Quote {
        let f = b.found;
        let speaker = f.and_then(|f| f.speaker);
        let (rule, conf) = match (rule_override, f) {
            (Some(r), _) => r,
            (None, Some(f)) => (f.rule, f.confidence),
            (None, None) => ("no-cue", 0.25),
        };
        Quote {
            content: b.content,
            extent: b.extent,
            direct: true,
            cue: f.and_then(|f| f.cue),
            speaker: speaker.map(|s| s.span),
            speaker_mention: speaker.and_then(|s| s.mention).map(MentionId::from_index),
            speaker_entity: speaker.and_then(|s| s.entity),
            provenance: Provenance::new(STAGE, conf, rule),
        }
    }

    fn direct(&self, marks: &[Marks]) -> Vec<Built> {
        let c = &self.ctx;
        let text = c.text;
        let ntok = c.ann.tokens.len();
        let mut out: Vec<Built> = Vec::new();
        for (mi, mk) in marks.iter().enumerate() {
            let next_open = marks.get(mi + 1).map_or(usize::MAX, |m| m.open);
            let inner = &text[mk.open_end..mk.close];
            let lead = inner.len() - inner.trim_start().len();
            let content = Span::new(mk.open_end + lead, mk.open_end + lead + inner.trim().len());
            if content.is_empty() {
                continue;
            }
            let open_tok = self.tok_at(mk.open);
            let after_tok = self.tok_at(mk.close_end);
            let para = self.para(mk.open);
            let (sentence, s_lo) = self.sentence(mk.open);
            let words = (open_tok..after_tok).filter(|&k| c.is_word(k)).count();
            let ends_sentence = inner
                .trim_end()
                .trim_end_matches(is_quote_char)
                .ends_with(['.', '!', '?', '…']);
            // Tokens up to the paragraph end bound the cue after.
            let para_end = self.paras.get(para).map_or(ntok, |&p| self.tok_at(p));
            let prev = out.last();
            let prev_same_sentence = prev.is_some_and(|p| p.sentence == sentence && p.para == para);
            let lead_lo = match prev {
                Some(p) if prev_same_sentence => p.after_tok.max(s_lo),
                _ => s_lo,
            };
            let lead_words = (lead_lo..open_tok)
                .filter(|&k| !self.quoted[k] && c.is_word(k))
                .count();
            let after = if mk.open_ended() {
                None
            } else {
                self.cue_after(after_tok, para_end, ends_sentence)
            };
            let mut before = self.cue_before(s_lo, open_tok);
            // "Adding, “…”": a cue without a subject keeps the previous speaker.
            if let Some((b, _)) = before.as_mut()
                && b.speaker.is_none()
                && let Some(p) = out.last()
                && p.para + 1 >= para
                && let Some(sp) = p.found.and_then(|f| f.speaker)
            {
                b.speaker = Some(sp);
                b.rule = "cue-before-previous-speaker";
                b.confidence = 0.6;
            }
            // A quotation continuing the previous one: right after its cue clause ("“…,”
            // he said, “…”") or right after it ("“…” “…”").
            if let Some(p) = out.last_mut()
                && p.para == para
                && after.is_none()
                && (lead_words == 0 || p.found.is_some_and(|f| f.after))
            {
                let mut gap = p.found.filter(|f| f.after).map_or(p.after_tok, |f| f.end);
                // "“…,” he told the Guardian. “…”": the rest of the cue's sentence.
                if p.found.is_some_and(|f| f.after) {
                    // "“…,” he told Bloomberg News in October, “…”" too, and "“…,” said
                    // Rep. Jim Clyburn (D-S.C.), a member of the House leadership. “…”".
                    let stop = (gap + 32).min(open_tok);
                    let mut g = gap;
                    while g < stop && !self.quoted[g] && !is_end_punct(c.lower(g)) {
                        g += 1;
                    }
                    // Reaching the quotation without a full stop, the cue clause must end
                    // in a comma or colon before it: in "said Cuban, who hosts the show
                    // “Shark Tank.”" the quotation is a title inside the clause.
                    let clause_ends =
                        g > gap && matches!(c.lower(open_tok - 1), "," | ":" | ";" | "—" | "-");
                    if (g == open_tok && (g == gap || clause_ends))
                        || (g < open_tok && is_end_punct(c.lower(g)))
                    {
                        gap = g;
                    }
                }
                while gap < open_tok && !c.is_word(gap) {
                    gap += 1;
                }
                if gap >= open_tok && (lead_words == 0 || p.found.is_some()) {
                    p.content = p.content.cover(content);
                    p.extent = p.extent.map(|e| e.cover(content));
                    p.after_tok = after_tok;
                    p.sentence = self.sentence(mk.close.saturating_sub(1)).0;
                    p.words += words;
                    if let Some(f) = p.found.as_mut() {
                        f.rule = if f.rule.starts_with("split") {
                            f.rule
                        } else {
                            "split-quote"
                        };
                    }
                    p.open_ended = mk.open_ended();
                    continue;
                }
            }
            // Which cue: one before the quotation wins when words lead up to it.
            let mut extent = None;
            let found = match (after, before) {
                // A speaker named right after the quotation beats one carried over from the
                // previous quotation ("…: “Trust me, …,” Sullivan wrote").
                (Some(a), Some((b, _)))
                    if b.rule == "cue-before-previous-speaker" && a.speaker.is_some() =>
                {
                    if lead_words > 0 {
                        extent = Some(Span::new(c.ann.tokens[lead_lo].span.start, mk.close_end));
                    }
                    Some(a)
                }
                // "Trump asserted …: “France is no longer France,” he claimed.": a quotation
                // after a colon or comma, closed by a comma and a named speaker, is that
                // speaker's.
                (Some(a), Some(_))
                    if a.speaker.is_some()
                        && open_tok > 0
                        && matches!(c.lower(open_tok - 1), ":" | ",")
                        && inner.trim_end().ends_with(',') =>
                {
                    Some(a)
                }
                // "Carter discussed how he had placed a note card in a “burn bag,” the Times
                // reported.": a named source closing the sentence reports all of it.
                (Some(a), Some(_))
                    if a.speaker.is_some()
                        && lead_words > 0
                        && inner.trim_end().ends_with(',')
                        && matches!(c.lower(a.end), "." | "!" | "?") =>
                {
                    extent = Some(Span::new(c.ann.tokens[lead_lo].span.start, mk.close_end));
                    // Not `after`: a quotation following is not its continuation.
                    Some(Found {
                        rule: "cue-after-outer",
                        after: false,
                        ..a
                    })
                }
                (Some(a), Some((b, _)))
                    if lead_words > 0 && !b.rule.contains("according")
                        || b.speaker.is_some() && a.speaker.is_none() =>
                {
                    extent = self.embedded_extent(before, open_tok, mk, next_open);
                    Some(b)
                }
                (Some(a), _) => {
                    if lead_words > 0 {
                        extent = Some(Span::new(c.ann.tokens[lead_lo].span.start, mk.close_end));
                    }
                    Some(a)
                }
                (None, Some((b, _))) => {
                    // "In one email, Carter discussed … a “burn bag,” the Times reported.": an
                    // attribution closing the sentence covers what its clause reports.
                    let closing = (lead_words > 0 && !mk.open_ended())
                        .then(|| {
                            let (si, _) = self.sentence(mk.close.saturating_sub(1));
                            let send = self.ranges.get(si).map_or(after_tok, |r| r.1);
                            self.closing_attribution(after_tok, send)
                        })
                        .flatten();
                    if let Some((sp, cue)) = closing {
                        extent = Some(Span::new(c.ann.tokens[s_lo].span.start, mk.close_end));
                        Some(Found::named(
                            sp,
                            Some(cue),
                            "cue-sentence-end-outer",
                            0.7,
                            false,
                            open_tok,
                        ))
                    } else {
                        extent = self.embedded_extent(before, open_tok, mk, next_open);
                        Some(b)
                    }
                }
                (None, None) => None,
            };
            let found = found.or_else(|| {
                // The previous quotation of this sentence.
                let p = out.last()?;
                let f = p.found?;
                (prev_same_sentence).then_some(Found {
                    rule: "same-sentence",
                    confidence: f.confidence.min(0.7),
                    after: false,
                    ..f
                })
            });
            // "Jeffrey M. Jones: “Gallup’s analysis …”", "From Bush’s Facebook post: “…”": a
            // name (or its document) right before a colon.
            let found = found.or_else(|| {
                if open_tok < 2 || c.lower(open_tok - 1) != ":" || lead_words == 0 {
                    return None;
                }
                let mut k = open_tok - 2;
                // "Bush’s Facebook post:" — the owner of a document noun.
                if c.tm[k].is_none() && (cues::is_noun_cue(c.lower(k)) || c.lower(k) == "post") {
                    let sp = c.possessor_of(k, s_lo)?;
                    return Some(Found::named(
                        sp,
                        Some(c.ann.tokens[open_tok - 1].span),
                        "cue-colon-name",
                        0.6,
                        false,
                        open_tok,
                    ));
                }
                let m = c.tm[k]?;
                if !matches!(c.mention_type(m), EntityType::Person | EntityType::Org) {
                    return None;
                }
                while k > s_lo && c.tm[k - 1] == Some(m) {
                    k -= 1;
                }
                let sp = c.speaker_of_mention(m);
                Some(Found::named(
                    sp,
                    Some(c.ann.tokens[open_tok - 1].span),
                    "cue-colon-name",
                    0.65,
                    false,
                    open_tok,
                ))
            });
            // "“This will be a challenge” for Clinton, said Kunin.": a say-verb closing the
            // sentence the quotation opens.
            let found = found.or_else(|| {
                if lead_words > 0 || mk.open_ended() {
                    return None;
                }
                let (si, _) = self.sentence(mk.close.saturating_sub(1));
                let send = self.ranges.get(si).map_or(after_tok, |r| r.1);
                let (sp, k) = self.cue_at_sentence_end(after_tok, send)?;
                Some(Found::named(
                    sp,
                    Some(c.ann.tokens[k].span),
                    "cue-sentence-end",
                    0.75,
                    true,
                    send,
                ))
            });
            let found = found.or_else(|| {
                // "Sam Lau … said in a statement. “…”": a cue ending the previous sentence.
                if lead_words > 0 || open_tok == 0 {
                    return None;
                }
                let (psi, p_lo) = self.sentence(c.ann.tokens[open_tok - 1].span.start);
                if psi == sentence || self.para(c.ann.tokens[p_lo].span.start) != para {
                    return None;
                }
                let (f, cue_tok) = self.cue_before(p_lo, open_tok)?;
                let tail = cue_tok..open_tok;
                (f.speaker.is_some() && tail.len() <= 9 && !tail.clone().any(|k| self.quoted[k]))
                    .then_some(Found {
                        rule: "cue-previous-sentence",
                        confidence: f.confidence.min(0.7),
                        ..f
                    })
            });
            let found = found.or_else(|| {
                // "Cruz continued:¶“…”": a quote-only paragraph after a paragraph ending in a
                // colon takes the subject of that sentence's verb.
                if lead_words > 0 || open_tok == 0 || c.lower(open_tok - 1) != ":" {
                    return None;
                }
                let colon = open_tok - 1;
                let (_, p_lo) = self.sentence(c.ann.tokens[colon].span.start);
                if self.para(c.ann.tokens[colon].span.start) + 1 != para {
                    return None;
                }
                // "The New York Times reports:" — a cue the tagger read as a noun.
                let (sp, verb) = self.verb_subject_at(p_lo, colon).or_else(|| {
                    let k = colon.checked_sub(1).filter(|&k| k > p_lo)?;
                    cue(c.lower(k))?;
                    self.subject(k, p_lo).map(|sp| (sp, k))
                })?;
                Some(Found::named(
                    sp,
                    Some(c.ann.tokens[verb].span),
                    "cue-colon-paragraph",
                    0.75,
                    false,
                    open_tok,
                ))
            });
            let found = found.or_else(|| {
                // A quote-only paragraph continues the speaker of the previous paragraph, and
                // a quote-only sentence that of the quotation before it in its paragraph.
                let p = out.last()?;
                let f = p.found?;
                let rule = match para - p.para {
                    0 => "previous-sentence",
                    1 => "previous-paragraph",
                    _ => return None,
                };
                (lead_words == 0 && f.speaker.is_some()).then_some(Found {
                    rule,
                    confidence: f.confidence.min(0.6),
                    after: false,
                    ..f
                })
            });
            // A quotation inside a sentence without a cue ("Washington thanked Obama for
            // “taking these steps”"): the sentence's subject, weakly.
            let found = match found {
                None if lead_words > 0 && !mk.open_ended() => {
                    let (si, _) = self.sentence(mk.close.saturating_sub(1));
                    let send = self.ranges.get(si).map_or(after_tok, |r| r.1);
                    // The attribution runs from `start` to the sentence end (or the next
                    // quotation).
                    let end = send.min(self.tok_at(next_open)).max(after_tok);
                    let end_byte = c.ann.tokens[end - 1].span.end.max(mk.close_end);
                    let extent_from =
                        |start: usize| Span::new(c.ann.tokens[start].span.start, end_byte);
                    let closing = self.cue_at_sentence_end(after_tok, send);
                    // "her remark that “…”", "Trump’s call for “…”": a noun cue's owner.
                    let owner = || {
                        (s_lo..open_tok).rev().take(8).find_map(|k| {
                            // Any tag: after a possessive, "call" is a noun.
                            (!self.quoted[k] && cues::is_noun_cue(c.lower(k)))
                                .then(|| c.possessor_of(k, s_lo).map(|sp| (sp, k)))
                                .flatten()
                        })
                    };
                    let subject = || {
                        self.verb_subject(s_lo, open_tok)
                            .or_else(|| c.clause_subject(s_lo, open_tok))
                    };
                    if let Some((sp, k)) = closing {
                        extent = Some(extent_from(s_lo));
                        let cue = Some(c.ann.tokens[k].span);
                        Some(Found::named(
                            sp,
                            cue,
                            "cue-sentence-end",
                            0.7,
                            false,
                            open_tok,
                        ))
                    } else if let Some((sp, k)) = owner() {
                        extent = Some(extent_from(k));
                        let cue = Some(c.ann.tokens[k].span);
                        Some(Found::named(sp, cue, "noun-cue", 0.6, false, open_tok))
                    } else {
                        subject().map(|sp| {
                            extent = Some(extent_from(s_lo));
                            Found::named(sp, None, "sentence-subject", 0.45, false, open_tok)
                        })
                    }
                }
                f => f,
            };
            // Anything else — a short or embedded quotation with no cue, possibly a scare quote
            // or a title — is kept as an unattributed quote of low confidence ("no-cue") for
            // the researcher to confirm or delete.
            out.push(Built {
                content,
                extent,
                found,
                para,
                sentence,
                after_tok,
                open_ended: mk.open_ended(),
                words,
            });
        }
        // A paragraph left open takes the speaker of the quotation continuing it.
        for i in (0..out.len().saturating_sub(1)).rev() {
            if out[i].open_ended
                && out[i].found.is_none_or(|f| f.rule == "previous-paragraph")
                && let Some(f) = out[i + 1].found
            {
                {
                    out[i].found = Some(Found {
                        rule: "continued-paragraph",
                        confidence: f.confidence.min(0.65),
                        ..f
                    });
                }
            }
        }
        out
    }

    /// The reported clause around a partial quote: from after the cue (and "that") to the
    /// sentence end, when words stand between the cue and the quotation.
    fn embedded_extent(
        &self,
        before: Option<(Found, usize)>,
        open_tok: usize,
        mk: &Marks,
        next_open: usize,
    ) -> Option<Span> {
        let c = &self.ctx;
        let (_, cue_tok) = before?;
        if open_tok == 0 || matches!(c.lower(open_tok - 1), ":" | ",") {
            return None;
        }
        let mut start = cue_tok + 1;
        if c.lower(start) == "to" {
            start += 1;
        }
        // "said he will … and that “…”": the quote's own clause starts after the last "that".
        if let Some(t) = (start..open_tok)
            .rev()
            .find(|&k| !self.quoted[k] && c.lower(k) == "that")
        {
            start = t + 1;
        }
        let between = (start..open_tok)
            .filter(|&k| !self.quoted[k] && c.is_word(k) && c.lower(k) != "that")
            .count();
        if between == 0 {
            return None;
        }
        let (si, _) = self.sentence(mk.close.saturating_sub(1));
        let send = self.ranges.get(si).map_or(open_tok, |r| r.1);
        // To the sentence end, but not into the next quotation.
        let mut end = send
            .min(self.tok_at(next_open))
            .max(self.tok_at(mk.close_end));
        while end > open_tok && matches!(c.lower(end - 1), "." | "!" | "?" | "," | "and") {
            end -= 1;
        }
        let end_byte = c
            .ann
            .tokens
            .get(end.saturating_sub(1))
            .map_or(mk.close_end, |t| t.span.end)
            .max(mk.close_end);
        Some(Span::new(
            c.ann.tokens[start.min(open_tok)].span.start,
            end_byte,
        ))
    }

    /// Reported speech without quotation marks.
    /// Transcript turns ("SECRETARY KERRY: We obviously talked …", "MR KIRBY: Thanks,
    /// everybody."): the rest of a paragraph opened by an all-caps label naming a person is
    /// that person's speech, unless a quotation inside it is already attributed.
    fn transcript_turns(&self, existing: &[Quote]) -> Vec<Quote> {
        let c = &self.ctx;
        let toks = &c.ann.tokens;
        let mut out = Vec::new();
        let starts = std::iter::once(0).chain(self.paras.iter().copied());
        let ends = self
            .paras
            .iter()
            .copied()
            .chain(std::iter::once(c.text.len()));
        for (start, end) in starts.zip(ends) {
            let first = self.tok_at(start);
            let Some(colon) = (first..(first + 7).min(toks.len())).find(|&k| c.lower(k) == ":")
            else {
                continue;
            };
            let Some((entity, m)) = c.turn_speaker(colon + 1) else {
                continue;
            };
            let last = self.tok_at(end);
            if last <= colon + 1 {
                continue;
            }
            let content = toks[colon + 1].span.cover(toks[last - 1].span);
            if existing
                .iter()
                .any(|q| q.direct && q.content.overlaps(content))
            {
                continue;
            }
            out.push(Quote {
                content,
                extent: None,
                direct: true,
                cue: Some(toks[colon].span),
                speaker: Some(c.ann.mentions[m].span),
                speaker_mention: Some(MentionId::from_index(m)),
                speaker_entity: Some(entity),
                provenance: Provenance::new(STAGE, 0.85, "transcript-turn"),
            });
        }
        out
    }

    fn indirect(&self, direct: &[Span], out: &mut Vec<Quote>) {
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
    fn indirect_rules(&self, s: usize, e: usize, direct: &[Span], out: &mut Vec<Quote>) {
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
    fn predicates(
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
    fn reported_after(&self, s: usize, e: usize, direct: &[Span], out: &mut Vec<Quote>) {
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
    fn clause(&self, a: usize, b: usize) -> Option<Span> {
        self.clause_min(a, b, 3)
    }

    /// [`Self::clause`] with at least `min` plain words.
    fn clause_min(&self, a: usize, b: usize, min: usize) -> Option<Span> {
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

    fn reported(
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

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn reads(&self) -> &'static [crate::pipeline::Layer] {
        &[
            crate::pipeline::Layer::Sentences,
            crate::pipeline::Layer::Tokens,
            crate::pipeline::Layer::Pos,
            crate::pipeline::Layer::Mentions,
            crate::pipeline::Layer::Titles,
            crate::pipeline::Layer::Entities,
        ]
    }

    fn writes(&self) -> &'static [crate::pipeline::Layer] {
        &[crate::pipeline::Layer::Quotes]
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &doc.annotations;
        if ann.sentences.is_empty() || ann.tokens.is_empty() {
            return;
        }
        let mut marks = find_marks(text);
        // Titles and names in quotation marks ("NBC’s “Today”", "the show “Shark Tank.”")
        // are no quotations: dropped, their words read as part of the sentence.
        marks.retain(|mk| !is_title_in_marks(text, mk));
        let mut quoted = vec![false; ann.tokens.len()];
        let mut m = 0;
        for (i, t) in ann.tokens.iter().enumerate() {
            while m < marks.len()
                && marks[m].close_end <= t.span.start
                && marks[m].close_end > marks[m].open
            {
                m += 1;
            }
            if let Some(mk) = marks.get(m) {
                quoted[i] = t.span.start >= mk.open && t.span.start < mk.close_end.max(mk.close);
            }
        }
        let mut paras = Vec::new();
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' && bytes.get(i + 1).is_some_and(|&n| n != b'\n') {
                paras.push(i + 1);
            }
        }
        let finder = Finder {
            ctx: Ctx::new(text, ann),
            ranges: sentence_token_ranges(ann),
            paras,
            quoted,
        };
        let built = finder.direct(&marks);
        let mut quotes: Vec<Quote> = built.iter().map(|b| Finder::built_quote(b, None)).collect();
        let turns = finder.transcript_turns(&quotes);
        quotes.extend(turns);
        let direct: Vec<Span> = quotes
            .iter()
            .map(|q| q.extent.unwrap_or(q.content))
            .collect();
        finder.indirect(&direct, &mut quotes);
        quotes.sort_by_key(|q| (q.content.start, q.content.end));
        doc.annotations.quotes = quotes;
    }
}

/// A dash token: em, en, figure and horizontal-bar dashes, and their ASCII stand-ins.
fn is_dash(t: &str) -> bool {
    matches!(t, "—" | "–" | "―" | "‒" | "-" | "--")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Pipeline, PipelineSettings};

    fn run(text: &str) -> Document {
        let mut doc = Document::new("t", text);
        Pipeline::new(&PipelineSettings::default())
            .unwrap()
            .run(&mut doc);
        doc
    }

    fn speaker_name(doc: &Document, q: &Quote) -> Option<String> {
        q.speaker_entity
            .map(|e| doc.annotations.entities[e.index()].canonical_name.clone())
    }

    #[test]
    fn split_quotes_and_pronoun_speakers() {
        let doc =
            run("Shah Mehmood Qureshi spoke. “We want peace,” he said, “and we want it now.”");
        let q = &doc.annotations.quotes;
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0].content.text(&doc.text),
            "We want peace,” he said, “and we want it now."
        );
        assert_eq!(
            speaker_name(&doc, &q[0]).as_deref(),
            Some("Shah Mehmood Qureshi")
        );
        assert_eq!(q[0].speaker.map(|s| s.text(&doc.text)), Some("he"));
        assert_eq!(q[0].provenance.rule, "split-quote");
    }

    #[test]
    fn inverted_and_according_to() {
        let doc = run("\"It is over,\" said Lloyd Austin. According to Reuters, \"talks failed.\"");
        let q = &doc.annotations.quotes;
        assert_eq!(q.len(), 2);
        assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Lloyd Austin"));
        assert_eq!(q[0].cue.map(|c| c.text(&doc.text)), Some("said"));
        assert_eq!(speaker_name(&doc, &q[1]).as_deref(), Some("Reuters"));
        assert_eq!(q[1].cue.map(|c| c.text(&doc.text)), Some("According to"));
    }

    #[test]
    fn cue_after_a_quote_that_ends_its_sentence() {
        let doc = run(
            "Hillary Clinton spoke. “How many times must we see this?” Clinton said. Then she left.",
        );
        let q = &doc.annotations.quotes;
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker.map(|s| s.text(&doc.text)), Some("Clinton"));
        assert_eq!(
            speaker_name(&doc, &q[0]).as_deref(),
            Some("Hillary Clinton")
        );
    }

    #[test]
    fn indirect_speech() {
        let doc = run("Lloyd Austin said he will restore the funds for Pakistan next year.");
        let q = &doc.annotations.quotes;
        assert_eq!(q.len(), 1);
        assert!(!q[0].direct);
        assert_eq!(
            q[0].content.text(&doc.text),
            "he will restore the funds for Pakistan next year"
        );
        assert_eq!(speaker_name(&doc, &q[0]).as_deref(), Some("Lloyd Austin"));
    }
}
