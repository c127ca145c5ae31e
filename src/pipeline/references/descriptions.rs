//! Descriptions and pronouns resolved to the named actor that holds them in the article:
//! "the Indiana governor" → the person mentioned next to "Indiana" and "Gov." ("Indiana Gov.
//! Mike Pence"), "the commission" → the organisation whose name holds "Commission", "the
//! Times" → "New York Times", "it" → the organisation just mentioned, "the ruling" → the
//! actor that issued it.
//!
//! Everything here reads the mentions layer and its entities, before byte `pos`, outside
//! quotation marks (the quoted words name people the speaker talks about).

use crate::model::{Annotations, EntityId, EntityType};
use crate::pipeline::util::Norms;

/// The article as the resolvers read it.
pub(crate) struct Article<'a> {
    /// Its annotations.
    pub ann: &'a Annotations,
    /// Normalised tokens.
    pub norms: &'a Norms,
    /// Whether each token lies inside quotation marks (empty: none).
    pub quoted: &'a [bool],
}

/// How far back (in mentions) a description looks for its holder.
const LOOKBACK: usize = 300;

/// The short forms of an office noun written before names ("Gov. Mike Pence").
fn office_forms(head: &str) -> &'static [&'static str] {
    match head {
        "governor" => &["gov", "governor"],
        "senator" => &["sen", "senator"],
        "congressman" | "congresswoman" | "representative" | "lawmaker" => {
            &["rep", "representative", "congressman", "congresswoman"]
        }
        "secretary" => &["secretary", "sec"],
        "president" => &["president", "pres"],
        "general" => &["gen", "general"],
        "attorney" => &["attorney", "atty"],
        "delegate" => &["del", "delegate"],
        _ => &[],
    }
}

/// Organisation nouns a definite description ("the commission") names an organisation by.
pub(crate) fn is_org_noun(lower: &str) -> bool {
    matches!(
        lower,
        "commission"
            | "committee"
            | "agency"
            | "department"
            | "ministry"
            | "union"
            | "company"
            | "firm"
            | "group"
            | "organization"
            | "organisation"
            | "council"
            | "court"
            | "party"
            | "government"
            | "administration"
            | "board"
            | "bureau"
            | "network"
            | "newspaper"
            | "paper"
            | "magazine"
            | "institute"
            | "foundation"
            | "association"
            | "federation"
            | "league"
            | "bank"
            | "army"
            | "police"
            | "university"
            | "coalition"
            | "alliance"
            | "panel"
            | "office"
            | "service"
            | "center"
            | "centre"
            | "corporation"
            | "station"
            | "channel"
    )
}

/// Organisation nouns general enough to stand for the last organisation mentioned when no
/// organisation's name holds them.
fn is_generic_org_noun(lower: &str) -> bool {
    matches!(
        lower,
        "agency" | "company" | "firm" | "group" | "organization" | "organisation" | "network"
    )
}

fn is_stop(lower: &str) -> bool {
    matches!(
        lower,
        "the" | "a" | "an" | "this" | "that" | "former" | "new" | "then" | "'s" | "’s" | "of"
    )
}

impl Article<'_> {
    fn is_quoted(&self, k: usize) -> bool {
        self.quoted.get(k).copied().unwrap_or(false)
    }

    fn token_of(&self, pos: usize) -> usize {
        self.ann.tokens.partition_point(|t| t.span.start < pos)
    }

    fn entity_type(&self, e: EntityId) -> Option<EntityType> {
        self.ann.entities.get(e.index()).map(|x| x.entity_type)
    }

    /// The mentions (index, first token, entity) before byte `pos`, nearest first, outside
    /// quotation marks.
    fn before(&self, pos: usize) -> impl Iterator<Item = (usize, usize, EntityId)> + '_ {
        let i = self.ann.mentions.partition_point(|m| m.span.start < pos);
        (0..i).rev().take(LOOKBACK).filter_map(move |m| {
            let x = &self.ann.mentions[m];
            let e = x.entity?;
            let k = self.token_of(x.span.start);
            (!self.is_quoted(k)).then_some((m, k, e))
        })
    }

    /// A person description over tokens `[a, b)` (head at `b - 1`): the person whose
    /// mentions stand next to most of its words ("the Indiana governor" → "Indiana Gov.
    /// Mike Pence"; "the California congressman" → "Rep. Adam Schiff (D-Calif.)" does not
    /// match, "California Rep. Adam Schiff" does). Words are looked for among the six
    /// tokens either side of each mention, inside its sentence, and in the canonical name;
    /// the office noun also in its short form ("Gov."). The nearest best match wins; none
    /// when no word matches.
    pub(crate) fn person_holder(&self, a: usize, b: usize, pos: usize) -> Option<EntityId> {
        let head = self.norms.get(b - 1);
        let forms = office_forms(head);
        let words: Vec<&str> = (a..b - 1)
            .map(|k| self.norms.get(k))
            .filter(|w| !is_stop(w) && w.chars().any(char::is_alphabetic))
            .collect();
        let mut best: Option<(usize, EntityId)> = None;
        for (m, k, e) in self.before(pos) {
            if self.entity_type(e) != Some(EntityType::Person) {
                continue;
            }
            let x = &self.ann.mentions[m];
            let end = self.token_of(x.span.end);
            let sentence = self.ann.sentence_at(x.span.start);
            let near = |t: usize| {
                self.ann.tokens.get(t).is_some_and(|tok| {
                    self.ann.sentence_at(tok.span.start) == sentence && !self.is_quoted(t)
                })
            };
            let context: Vec<&str> = (k.saturating_sub(6)..end + 6)
                .filter(|&t| near(t))
                .map(|t| self.norms.get(t).trim_end_matches('.'))
                .collect();
            let canonical = self
                .ann
                .entities
                .get(e.index())
                .map(|x| x.canonical_name.to_lowercase())
                .unwrap_or_default();
            let mut score = words
                .iter()
                .filter(|w| context.contains(w) || canonical.split_whitespace().any(|c| c == **w))
                .count();
            if forms.iter().any(|f| context.contains(f)) || context.contains(&head) {
                score += 1;
            }
            if score > 0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, e));
            }
        }
        best.map(|(_, e)| e)
    }

    /// An organisation description "the commission", "the Times" (head `head`, lowercase):
    /// the nearest organisation whose name holds the head word; for a generic noun ("the
    /// agency", "the company") with no such name, the nearest organisation in this or the
    /// three sentences before.
    pub(crate) fn org_holder(&self, head: &str, pos: usize) -> Option<EntityId> {
        let is_org = |e: EntityId| self.entity_type(e) == Some(EntityType::Org);
        let named = self.before(pos).find(|&(_, _, e)| {
            is_org(e)
                && self.ann.entities.get(e.index()).is_some_and(|x| {
                    std::iter::once(&x.canonical_name)
                        .chain(&x.aliases)
                        .any(|n| n.to_lowercase().split_whitespace().any(|w| w == head))
                })
        });
        if let Some((_, _, e)) = named {
            return Some(e);
        }
        if is_generic_org_noun(head) {
            return self.recent(pos, 3, &is_org);
        }
        None
    }

    /// The nearest entity before byte `pos` in this or the `back` sentences before that
    /// `ok` accepts.
    pub(crate) fn recent(
        &self,
        pos: usize,
        back: usize,
        ok: &dyn Fn(EntityId) -> bool,
    ) -> Option<EntityId> {
        let here = self.ann.sentence_at(pos)?;
        let floor = self.ann.sentences[here.saturating_sub(back)].span.start;
        self.before(pos)
            .take_while(|&(m, _, _)| self.ann.mentions[m].span.start >= floor)
            .find(|&(_, _, e)| ok(e))
            .map(|(_, _, e)| e)
    }

    /// "it" as a speaker: the nearest organisation in this or the two sentences before.
    pub(crate) fn it_speaker(&self, pos: usize) -> Option<EntityId> {
        self.recent(pos, 2, &|e| self.entity_type(e) == Some(EntityType::Org))
    }

    /// A document with no issuer named inside ("the ruling", "the article", "the book"):
    /// the nearest organisation in this or the two sentences before, else the nearest
    /// person there.
    pub(crate) fn document_issuer(&self, pos: usize) -> Option<EntityId> {
        self.recent(pos, 2, &|e| self.entity_type(e) == Some(EntityType::Org))
            .or_else(|| self.recent(pos, 2, &|e| self.entity_type(e) == Some(EntityType::Person)))
    }
}
