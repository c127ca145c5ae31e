//! The `relations` stage: asserted relations read with patterns over tokens and mentions
//! inside one sentence, each with its trigger, evidence sentence, negation and modality.
//!
//! - `OfficeHeld`: a title written with a name (person → office), and person → the place,
//!   group or organisation of the office: a modifier right before the title ("Pakistani
//!   Foreign Minister" → Pakistan, demonyms mapped to their country when it is mentioned), or
//!   failing that a country introduced by "to"/"in" in the same sentence outside quotes
//!   (low confidence: "… Charge d’ Affairs to Pakistan who called on COAS General Bajwa").
//! - `AliasOf`: an office named on its own standing for its holder ("The COAS" → Bajwa);
//!   acronym pairs come from the `acronyms` stage and are kept.
//! - Trigger verbs: `Met` ("met", "meeting with", "called on"), `Urged` ("urged", "called on
//!   … to"), `Supports` ("praised", "appreciated", "welcomed", "thanked"), `Criticises`
//!   ("criticised", "condemned", "accused"), `Promised` ("pledged", "promised", "will
//!   restore/provide … for X"), `Fights` ("defeat", "fight", "attack", "counter").
//!   The head is the nearest actor before the trigger that no preposition governs (after
//!   "and", the clause subject); "he"/"him" resolve to the last person, "we"/"I" inside a
//!   quote to its speaker. Tails are the actor the trigger governs directly plus actors
//!   coordinated with it ("al-Qaeda and the Islamic State Khorasan Province"); `Promised`
//!   also takes the recipient after "for"/"to".
//!
//! Modules: `ctx` (the sentence context and the head/tail search), `offices` (office
//! relations), `triggers` (trigger-word patterns), `structural` (patterns without a trigger
//! word), `lexicon` (the trigger lexicon).

use crate::model::{
    Annotations, Document, EntityId, EntityType, MentionId, Provenance, Relation, RelationKind,
    RelationType, Span,
};

use super::Stage;
use super::mentions::{TitleLink, title_links, token_mentions};
use super::references::{add_reference_mentions, reference_mentions};
use super::util::{FxSet, shared_norms};

mod ctx;
mod lexicon;
mod offices;
mod structural;
mod triggers;

use ctx::{Arg, Ctx};

/// Extracts asserted relations.
pub struct Relations;

const STAGE: &str = "relations";

impl Stage for Relations {
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
            crate::pipeline::Layer::Quotes,
        ]
    }

    fn writes(&self) -> &'static [crate::pipeline::Layer] {
        &[
            crate::pipeline::Layer::Relations,
            crate::pipeline::Layer::References,
        ]
    }

    fn run(&self, doc: &mut Document) {
        if doc.annotations.tokens.is_empty() || doc.annotations.entities.is_empty() {
            return;
        }
        extract(doc);
        // Pronouns and descriptions become mentions of the entity they stand for; a
        // description ("the visiting dignitary") can head a relation, so extraction runs
        // again when one was found.
        let refs = {
            let ann = &doc.annotations;
            let visits: Vec<(usize, EntityId)> = ann
                .relations
                .iter()
                .filter(|r| {
                    r.relation_type == RelationType::Met && r.kind == RelationKind::Asserted
                })
                .filter_map(|r| Some((r.trigger?.start, r.head)))
                .collect();
            let quotes: Vec<Span> = ann
                .quotes
                .iter()
                .filter(|q| q.direct)
                .map(|q| q.content)
                .collect();
            reference_mentions(&doc.text, ann, &quotes, &visits)
        };
        let again = refs.iter().any(|m| m.provenance.rule == "description");
        add_reference_mentions(&mut doc.annotations, refs);
        if again {
            extract(doc);
        }
    }
}

/// Reads every asserted relation of `doc` (replacing this stage's earlier ones).
fn extract(doc: &mut Document) {
    let text = doc.text.as_str();
    let ann = &doc.annotations;
    if ann.tokens.is_empty() || ann.entities.is_empty() {
        return;
    }
    let links = title_links(text, ann);
    let ctx = Ctx {
        text,
        ann,
        tm: token_mentions(ann),
        phrase_start: phrase_starts(ann, &links),
        links,
        lower: shared_norms(text, ann),
        quotes: ann
            .quotes
            .iter()
            .filter(|q| q.direct)
            .map(|q| (q.content, q.speaker_entity))
            .collect(),
    };
    let mut rels: Vec<Relation> = Vec::new();
    let sentence_of = |pos: usize| {
        ann.sentence_at(pos)
            .and_then(|i| ann.sentences.get(i))
            .map(|s| s.span)
    };
    let rel = |head: (Option<usize>, EntityId),
               tail: (Option<usize>, EntityId),
               ty: RelationType,
               trigger: Span,
               conf: f32,
               rule: &'static str| {
        Relation {
            head: head.1,
            tail: tail.1,
            head_mention: head.0.map(MentionId::from_index),
            tail_mention: tail.0.map(MentionId::from_index),
            relation_type: ty,
            kind: RelationKind::Asserted,
            trigger: Some(trigger),
            evidence: sentence_of(trigger.start).unwrap_or(trigger),
            negated: false,
            modal: false,
            provenance: Provenance::new(STAGE, conf, rule),
        }
    };
    offices::office_relations(&ctx, &mut rels, &rel);
    triggers::trigger_relations(&ctx, &mut rels, &rel);
    structural::structural_relations(&ctx, &mut rels, &rel);
    // Keep the acronym stage's relations; drop duplicates.
    let mut all = std::mem::take(&mut doc.annotations.relations);
    all.retain(|r| r.kind == RelationKind::Asserted && r.provenance.stage != STAGE);
    all.extend(rels);
    let mut seen: FxSet<(RelationType, EntityId, EntityId, usize, usize)> = FxSet::default();
    all.retain(|r| {
        // Self-links (acronym pairs) are told apart by their trigger; others by sentence.
        let trigger = if r.head == r.tail {
            r.trigger.map_or(0, |t| t.start)
        } else {
            0
        };
        seen.insert((r.relation_type, r.head, r.tail, r.evidence.start, trigger))
    });
    all.sort_by_key(|r| {
        (
            r.evidence.start,
            r.trigger.map_or(0, |t| t.start),
            r.relation_type,
            r.head,
            r.tail,
        )
    });
    doc.annotations.relations = all;
}

/// See [`Ctx::phrase_start`].
fn phrase_starts(ann: &Annotations, links: &[TitleLink]) -> Vec<usize> {
    let mut out: Vec<usize> = ann.mentions.iter().map(|m| m.span.start).collect();
    for (j, link) in links.iter().enumerate() {
        if let Some(h) = link.holder
            && j < h
            && ann.mentions[h].entity_type == EntityType::Person
        {
            let first = link.modifier.unwrap_or(j);
            out[h] = out[h].min(ann.mentions[first].span.start);
        }
    }
    out
}

type RelFn<'a> = dyn Fn(
        (Option<usize>, EntityId),
        (Option<usize>, EntityId),
        RelationType,
        Span,
        f32,
        &'static str,
    ) -> Relation
    + 'a;

#[cfg(test)]
mod tests;
