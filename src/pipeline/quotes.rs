//! The `quotes` stage: direct quotes (any quotation marks) and indirect speech, with
//! speakers.
//!
//! Quotation marks: curly “ ” (and „), guillemets « », straight " (opening or closing by
//! what surrounds it) and single ‘ ’ when they clearly open and close; an apostrophe inside
//! or at the end of a word ("d’ Affairs", "Pakistan’s", "victims’") never opens or closes a
//! quote. An opening mark that is never closed is dropped at the end of its paragraph (or,
//! when the next paragraph opens with a quotation mark, the quote runs to the paragraph
//! end, as newspapers continue quotes), so unbalanced marks never swallow the article.
//!
//! Speakers, in order: a cue after the quote (`”, he said`, `,” said X`, `” according to X`);
//! the nearest cue before the quote in its sentence (`X said that “…”`, `X urged Y to “…”`,
//! `X acknowledged that “…”`, `According to X, “…”`) with the speaker being the nearest
//! person, pronoun or office-holder title before the cue, else the sentence's first actor
//! not governed by a preposition ("The Biden administration has conveyed … assuring …
//! “…”"). Pronouns resolve to the last person mentioned before them. A quote with no cue
//! of its own takes the speaker of the previous quote in the same sentence.
//!
//! Indirect speech: "X said that …", "X said he will …" (and "hoped", "acknowledged", …)
//! without quotation marks gives a quote with `direct: false` covering the reported clause.

use crate::model::{
    Annotations, Document, EntityId, EntityType, MentionId, Provenance, Quote, Span,
};

use super::Stage;
use super::util::{Norms, is_preposition, is_subject_pronoun, sentence_token_ranges, tok};

/// Finds quotes and their speakers.
pub struct Quotes;

const STAGE: &str = "quotes";

/// Verbs and phrases that introduce speech (lowercase).
fn is_cue(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stated"
            | "states"
            | "acknowledged"
            | "acknowledges"
            | "urged"
            | "urges"
            | "warned"
            | "warns"
            | "noted"
            | "notes"
            | "asked"
            | "asks"
            | "explained"
            | "stressed"
            | "emphasised"
            | "emphasized"
            | "declared"
            | "announced"
            | "announces"
            | "insisted"
            | "wrote"
            | "writes"
            | "tweeted"
            | "remarked"
            | "replied"
            | "argued"
            | "claimed"
            | "conveyed"
            | "assuring"
            | "assured"
            | "hoped"
            | "promised"
            | "pledged"
            | "vowed"
            | "reiterated"
            | "confirmed"
            | "called"
            | "appealed"
            | "insists"
            | "added:"
    )
}

/// Cues that introduce reported (indirect) speech.
fn is_indirect_cue(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "says"
            | "told"
            | "added"
            | "stated"
            | "acknowledged"
            | "warned"
            | "noted"
            | "explained"
            | "stressed"
            | "emphasised"
            | "emphasized"
            | "declared"
            | "announced"
            | "insisted"
            | "argued"
            | "claimed"
            | "hoped"
            | "reiterated"
            | "confirmed"
    )
}

/// A pair of quotation marks: byte positions of the opening mark and the closing mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marks {
    /// Start of the opening mark.
    pub open: usize,
    /// End of the opening mark.
    pub open_end: usize,
    /// Start of the closing mark (or the paragraph end).
    pub close: usize,
    /// End of the closing mark.
    pub close_end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Straight,
    Guillemet,
    Single,
}

fn is_open_context(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '/'))
}

fn is_close_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '\'')
            || matches!(c, '—' | '–' | '…' | '”')
    })
}

/// Finds quotation mark pairs in `text`.
pub(crate) fn find_marks(text: &str) -> Vec<Marks> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, Kind)> = None;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let end = i + c.len_utf8();
        match c {
            '\n' | '\u{2029}' => {
                if let Some((o, oe, _)) = open.take() {
                    let rest = text[end..].trim_start();
                    if rest.starts_with(['“', '"', '«', '„']) {
                        let close = text[..i].trim_end().len();
                        if close > oe {
                            out.push(Marks {
                                open: o,
                                open_end: oe,
                                close,
                                close_end: close,
                            });
                        }
                    }
                }
            }
            '“' | '„' => open = Some((i, end, Kind::Double)),
            '«' => open = Some((i, end, Kind::Guillemet)),
            '”' => {
                if let Some((o, oe, k)) = open
                    && k != Kind::Guillemet
                {
                    out.push(Marks {
                        open: o,
                        open_end: oe,
                        close: i,
                        close_end: end,
                    });
                    open = None;
                }
            }
            '»' => {
                if let Some((o, oe, Kind::Guillemet)) = open {
                    out.push(Marks {
                        open: o,
                        open_end: oe,
                        close: i,
                        close_end: end,
                    });
                    open = None;
                }
            }
            '"' => match open {
                Some((o, oe, Kind::Straight | Kind::Double))
                    if !is_open_context(prev) || is_close_context(next) =>
                {
                    out.push(Marks {
                        open: o,
                        open_end: oe,
                        close: i,
                        close_end: end,
                    });
                    open = None;
                }
                Some(_) => open = Some((i, end, Kind::Straight)),
                None => {
                    if is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace()) {
                        open = Some((i, end, Kind::Straight));
                    }
                }
            },
            '‘' if open.is_none()
                && is_open_context(prev)
                && next.is_some_and(char::is_alphanumeric) =>
            {
                open = Some((i, end, Kind::Single));
            }
            '’' => {
                if let Some((o, oe, Kind::Single)) = open {
                    let in_word = next.is_some_and(char::is_alphanumeric);
                    if !in_word && prev.is_some_and(|p| !p.is_whitespace()) {
                        out.push(Marks {
                            open: o,
                            open_end: oe,
                            close: i,
                            close_end: end,
                        });
                        open = None;
                    }
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

/// Resolves a pronoun at byte `pos` to the last person entity mentioned before it.
pub(crate) fn resolve_pronoun(ann: &Annotations, pos: usize) -> Option<EntityId> {
    let i = ann.mentions.partition_point(|m| m.span.start < pos);
    ann.mentions[..i].iter().rev().find_map(|m| {
        let e = m.entity?;
        (ann.entities.get(e.index())?.entity_type == EntityType::Person).then_some(e)
    })
}

/// For each token, the mention covering it.
pub(crate) fn token_mentions(ann: &Annotations) -> Vec<Option<usize>> {
    let mut out = vec![None; ann.tokens.len()];
    let mut m = 0;
    for (i, t) in ann.tokens.iter().enumerate() {
        while m < ann.mentions.len() && ann.mentions[m].span.end <= t.span.start {
            m += 1;
        }
        if let Some(x) = ann.mentions.get(m)
            && x.span.overlaps(t.span)
        {
            out[i] = Some(m);
        }
    }
    out
}

fn is_person_like(ann: &Annotations, mention: usize) -> bool {
    let Some(m) = ann.mentions.get(mention) else {
        return false;
    };
    match m.entity_type {
        EntityType::Person => true,
        EntityType::Title => m
            .entity
            .and_then(|e| ann.entities.get(e.index()))
            .is_some_and(|e| e.entity_type == EntityType::Person),
        _ => false,
    }
}

/// A speaker found near a cue.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Speaker {
    pub span: Span,
    pub mention: Option<usize>,
    pub entity: Option<EntityId>,
}

struct Ctx<'a> {
    norms: Norms,
    ann: &'a Annotations,
    tm: Vec<Option<usize>>,
}

impl Ctx<'_> {
    fn lower(&self, i: usize) -> &str {
        self.norms.get(i)
    }

    fn speaker_from_mention(&self, m: usize) -> Speaker {
        let mention = &self.ann.mentions[m];
        Speaker {
            span: mention.span,
            mention: Some(m),
            entity: mention.entity,
        }
    }

    fn pronoun(&self, i: usize) -> Speaker {
        let span = self.ann.tokens[i].span;
        let lower = self.lower(i);
        let entity = if matches!(lower, "he" | "she") {
            resolve_pronoun(self.ann, span.start)
        } else {
            None
        };
        Speaker {
            span,
            mention: None,
            entity,
        }
    }

    /// The subject of a cue at token `cue` in the sentence starting at token `s`.
    pub(crate) fn subject(&self, s: usize, cue: usize) -> Option<Speaker> {
        // Nearest person, pronoun or office holder before the cue.
        let mut k = cue;
        while k > s {
            k -= 1;
            if let Some(m) = self.tm[k] {
                if is_person_like(self.ann, m) {
                    return Some(self.speaker_from_mention(m));
                }
            } else if is_subject_pronoun(self.lower(k)) && self.lower(k) != "it" {
                return Some(self.pronoun(k));
            }
        }
        // Else the first actor not governed by a preposition.
        let mut k = s;
        while k < cue {
            if let Some(m) = self.tm[k] {
                let governed = k > s && is_preposition(self.lower(k - 1));
                let first_tok = self.ann.tokens[k].span.start == self.ann.mentions[m].span.start;
                let actor = matches!(
                    self.ann.mentions[m].entity_type,
                    EntityType::Org
                        | EntityType::Loc
                        | EntityType::Norp
                        | EntityType::Title
                        | EntityType::Person
                );
                if first_tok && actor && !governed {
                    return Some(self.speaker_from_mention(m));
                }
                while k < cue && self.tm[k] == Some(m) {
                    k += 1;
                }
                continue;
            }
            k += 1;
        }
        None
    }

    /// A speaker mention starting at token `k`: (speaker, first token after it).
    fn mention_or_pronoun_at(&self, k: usize, e: usize) -> Option<(Speaker, usize)> {
        if k >= e {
            return None;
        }
        if let Some(m) = self.tm[k] {
            let mut j = k;
            while j < e && self.tm[j] == Some(m) {
                j += 1;
            }
            return Some((self.speaker_from_mention(m), j));
        }
        let lower = self.lower(k);
        if is_subject_pronoun(lower) && lower != "it" {
            return Some((self.pronoun(k), k + 1));
        }
        None
    }
}

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &doc.annotations;
        if ann.sentences.is_empty() || ann.tokens.is_empty() {
            return;
        }
        let ctx = Ctx {
            norms: Norms::new(text, ann),
            ann,
            tm: token_mentions(ann),
        };
        let ranges = sentence_token_ranges(ann);
        let tok_at = |pos: usize| ann.tokens.partition_point(|t| t.span.start < pos);
        let mut quotes: Vec<Quote> = Vec::new();
        let marks = find_marks(text);
        let mut prev: Option<(usize, Option<Speaker>, Option<Span>)> = None;
        for mk in &marks {
            let inner = &text[mk.open_end..mk.close];
            let lead = inner.len() - inner.trim_start().len();
            let content = Span::new(mk.open_end + lead, mk.open_end + lead + inner.trim().len());
            if content.is_empty() {
                continue;
            }
            let Some(si) = ann
                .sentence_at(mk.open)
                .or_else(|| ann.sentence_at(content.start))
            else {
                continue;
            };
            let (s, _) = ranges[si];
            let open_tok = tok_at(mk.open);
            let after_tok = tok_at(mk.close_end);
            // The cue after the quote may sit in the next "sentence" when the quote ends
            // with its own full stop or question mark ("…?” Clinton said.").
            let close_si = ann
                .sentence_at(mk.close.saturating_sub(1))
                .unwrap_or(si)
                .max(si);
            let next_si = ann
                .tokens
                .get(after_tok)
                .and_then(|t| ann.sentence_at(t.span.start))
                .filter(|&c| c == close_si + 1);
            // In the next sentence only the whole-sentence form counts: "Clinton said."
            let short_next = next_si.is_some_and(|c| ranges[c].1 - ranges[c].0 <= 6);
            let ce = match next_si {
                Some(c) if short_next => ranges[c].1,
                _ => ranges[close_si].1,
            };
            let mut found: Option<(Option<Speaker>, Option<Span>, &str, f32)> = None;
            // Cue after the quote: ", he said" / ", said X" / "according to X".
            let mut k = after_tok;
            while k < ce && matches!(tok(text, ann, k), "," | "”" | "\"" | "’") {
                k += 1;
            }
            if k < ce {
                let l = ctx.lower(k);
                if l == "according" && ctx.lower(k + 1) == "to" {
                    let cue = ann.tokens[k].span.cover(ann.tokens[k + 1].span);
                    let sp = ctx.mention_or_pronoun_at(k + 2, ce).map(|x| x.0);
                    found = Some((sp, Some(cue), "quote-according-to-after", 0.8));
                } else if is_cue(l) {
                    // ", said Rep. G.K. Butterfield": skip titles and honorifics.
                    let sp = (k + 1..(k + 5).min(ce))
                        .find_map(|j| {
                            ctx.mention_or_pronoun_at(j, ce).filter(|(sp, _)| {
                                sp.mention.is_none_or(|m| {
                                    ann.mentions[m].entity_type != EntityType::Title
                                })
                            })
                        })
                        .map(|x| x.0);
                    found = Some((
                        sp,
                        Some(ann.tokens[k].span),
                        "quote-cue-after-inverted",
                        0.8,
                    ));
                } else if let Some((sp, j)) = ctx.mention_or_pronoun_at(k, ce)
                    && j < ce
                    && is_cue(ctx.lower(j))
                {
                    found = Some((Some(sp), Some(ann.tokens[j].span), "quote-cue-after", 0.85));
                }
            }
            // Cue before the quote in its sentence.
            if found.is_none() {
                let mut k = open_tok.min(ranges[si].1);
                while k > s {
                    k -= 1;
                    let according = ctx.lower(k) == "according" && ctx.lower(k + 1) == "to";
                    if !according && !is_cue(ctx.lower(k)) {
                        continue;
                    }
                    // Skip cues inside an earlier quote of this sentence.
                    if quotes
                        .iter()
                        .any(|q| q.direct && q.content.contains(ann.tokens[k].span))
                    {
                        continue;
                    }
                    if ctx.lower(k) == "according" {
                        let cue = ann.tokens[k].span.cover(ann.tokens[k + 1].span);
                        let mut j = k + 2;
                        while j < open_tok && ctx.tm[j].is_none() {
                            j += 1;
                        }
                        let sp = (j < open_tok)
                            .then(|| ctx.tm[j].map(|m| ctx.speaker_from_mention(m)))
                            .flatten();
                        found = Some((sp, Some(cue), "quote-according-to", 0.8));
                    } else {
                        let sp = ctx.subject(s, k);
                        found = Some((sp, Some(ann.tokens[k].span), "quote-cue-before", 0.8));
                    }
                    break;
                }
            }
            let (speaker, cue, rule, conf) = match found {
                Some(f) => f,
                None => match prev {
                    Some((psi, sp, cue)) if psi == si => (sp, cue, "quote-inherited", 0.6),
                    _ => (None, None, "quote-no-cue", 0.4),
                },
            };
            prev = Some((si, speaker, cue));
            quotes.push(Quote {
                content,
                direct: true,
                cue,
                speaker: speaker.map(|sp| sp.span),
                speaker_mention: speaker.and_then(|sp| sp.mention).map(MentionId::from_index),
                speaker_entity: speaker.and_then(|sp| sp.entity),
                provenance: Provenance::new(
                    STAGE,
                    if speaker.is_some() {
                        conf
                    } else {
                        conf.min(0.4)
                    },
                    rule,
                ),
            });
        }
        // Indirect speech.
        let direct: Vec<Span> = marks
            .iter()
            .map(|m| Span::new(m.open, m.close_end))
            .collect();
        for (si, &(s, e)) in ranges.iter().enumerate() {
            let mut k = s + 1;
            while k + 1 < e {
                let l = ctx.lower(k);
                let cue_span = ann.tokens[k].span;
                if !is_indirect_cue(l) || direct.iter().any(|d| d.contains(cue_span)) {
                    k += 1;
                    continue;
                }
                let next = ctx.lower(k + 1);
                let start_tok = if next == "that" {
                    k + 2
                } else if is_subject_pronoun(next) {
                    k + 1
                } else {
                    k += 1;
                    continue;
                };
                // Up to the sentence end or the next quotation mark.
                let mut end_tok = start_tok;
                while end_tok < e
                    && !direct
                        .iter()
                        .any(|d| d.start == ann.tokens[end_tok].span.start)
                {
                    end_tok += 1;
                }
                let mut last = end_tok;
                while last > start_tok
                    && matches!(
                        ctx.lower(last - 1),
                        "and" | "that" | "," | "." | "!" | "?" | ";" | ":" | "but"
                    )
                {
                    last -= 1;
                }
                let plain = (start_tok..last)
                    .filter(|&t| {
                        ctx.tm[t].is_none()
                            && tok(text, ann, t)
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric)
                    })
                    .count();
                if plain < 3 {
                    k += 1;
                    continue;
                }
                let content = ann.tokens[start_tok].span.cover(ann.tokens[last - 1].span);
                let speaker = ctx.subject(s, k);
                quotes.push(Quote {
                    content,
                    direct: false,
                    cue: Some(cue_span),
                    speaker: speaker.map(|sp| sp.span),
                    speaker_mention: speaker.and_then(|sp| sp.mention).map(MentionId::from_index),
                    speaker_entity: speaker.and_then(|sp| sp.entity),
                    provenance: Provenance::new(
                        STAGE,
                        if speaker.is_some() { 0.65 } else { 0.35 },
                        "indirect-speech",
                    ),
                });
                let _ = si;
                k = last.max(k + 1);
            }
        }
        quotes.sort_by_key(|q| (q.content.start, q.content.end));
        doc.annotations.quotes = quotes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Pipeline, PipelineSettings};

    fn marks(text: &str) -> Vec<&str> {
        find_marks(text)
            .iter()
            .map(|m| &text[m.open_end..m.close])
            .collect()
    }

    #[test]
    fn quotation_marks_of_every_kind() {
        assert_eq!(
            marks("He said “yes” and \"no\" and «oui» and ‘maybe’."),
            ["yes", "no", "oui", "maybe"]
        );
        assert_eq!(
            marks("President Joe Biden “ should realise.”"),
            [" should realise."]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            marks("The US Charge d’ Affairs met Pakistan’s army and the victims’ families."),
            Vec::<&str>::new()
        );
        assert_eq!(marks("‘Pakistan’s role’ matters"), ["Pakistan’s role"]);
    }

    #[test]
    fn unbalanced_marks_do_not_swallow_the_article() {
        let text = "He said “this never closes.\nNext paragraph has “a real quote” here.";
        assert_eq!(marks(text), ["a real quote"]);
        let text = "“First paragraph of a long quote.\n“Second paragraph,” he said.";
        assert_eq!(
            marks(text),
            ["First paragraph of a long quote.", "Second paragraph,"]
        );
    }

    fn run(text: &str) -> Document {
        let mut doc = Document::new("t", text);
        Pipeline::new(&PipelineSettings::default()).run(&mut doc);
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
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].content.text(&doc.text), "We want peace,");
        assert_eq!(q[1].content.text(&doc.text), "and we want it now.");
        for quote in q {
            assert_eq!(
                speaker_name(&doc, quote).as_deref(),
                Some("Shah Mehmood Qureshi")
            );
            assert_eq!(quote.speaker.map(|s| s.text(&doc.text)), Some("he"));
        }
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
