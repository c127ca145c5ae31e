//! Direct quotes: every pair of quotation marks becomes a quotation, attributed by the cue
//! after or before it, continued across split and multi-paragraph quotes, or carried over
//! from the quotation before; a partial quote inside reported speech keeps the reported
//! clause as its extent.

use crate::model::{EntityType, MentionId, Provenance, Quote, Span};

use super::attribution::is_end_punct;
use super::cues::{self, cue};
use super::marks::Marks;
use super::{Built, Finder, Found, STAGE};

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '‚' | '\''
    )
}

impl Finder<'_> {
    pub(super) fn built_quote(b: &Built, rule_override: Option<(&'static str, f32)>) -> Quote {
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

    pub(super) fn direct(&self, marks: &[Marks]) -> Vec<Built> {
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
            // The speaker is the most salient antecedent of a pronoun that follows.
            if let Some(e) = found.and_then(|f| f.speaker).and_then(|sp| sp.entity) {
                c.note_speaker(mk.open, e);
            }
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
    pub(super) fn embedded_extent(
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
}
