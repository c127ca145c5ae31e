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

mod actors;
mod attribution;
mod cues;
mod direct;
mod marks;
mod reported;
mod speaker;
mod transcript;

pub(crate) use marks::find_marks;

use crate::model::{Document, Quote, Span};

use super::Stage;
use super::util::sentence_token_ranges;
use marks::is_title_in_marks;
use speaker::{Ctx, Link, Speaker};

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
            ctx: Ctx::new(text, ann, &quoted),
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
        // "this assistance will help …", "a solution would mean …": no actor, no quote.
        quotes.retain(|q| finder.actor_speaker(q));
        quotes.sort_by_key(|q| (q.content.start, q.content.end));
        doc.annotations.quotes = quotes;
    }
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
