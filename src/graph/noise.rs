//! Noise off by default: the reported speech the quotes table, the triage queue and counts
//! leave out until the researcher asks for it.
//!
//! A reported-speech item (an indirect quote: "X said that …", "X wants …") is shown as a
//! quote only when its speaker is an actor: its speaker entity — the resolved corpus node's
//! type when it has one, else the article entity's — is a person, an organisation, a
//! group or nationality, an office, or a place (a country speaking for its government).
//! A "speaker" that is no entity at all ("this assistance", "a solution") or a thing or
//! name of another kind (MISC, OTHER) is not. The rule reads types only, never words.
//! Direct quotes and quotes the researcher set or confirmed are always shown.

use super::EntityGraph;
use crate::model::{Document, EntityType, Quote};
use crate::project::edits::RESEARCHER_RULE;

/// True when an entity of this type can say something.
pub fn is_actor_type(entity_type: EntityType) -> bool {
    matches!(
        entity_type,
        EntityType::Person
            | EntityType::Org
            | EntityType::Norp
            | EntityType::Title
            | EntityType::Loc
    )
}

/// True when the quote's speaker is an actor (see the module text).
pub fn speaker_is_actor(
    graph: &EntityGraph,
    document: usize,
    doc: &Document,
    quote: &Quote,
) -> bool {
    let Some(entity) = quote.speaker_entity else {
        return false;
    };
    let node_type = graph
        .node_of(document, entity)
        .and_then(|n| graph.nodes.get(n))
        .map(|n| n.entity_type);
    node_type
        .or_else(|| doc.annotations.entity(entity).map(|e| e.entity_type))
        .is_some_and(is_actor_type)
}

/// True when the quote is noise: reported speech whose speaker is not an actor, not set or
/// confirmed by the researcher.
pub fn is_noise(graph: &EntityGraph, document: usize, doc: &Document, quote: &Quote) -> bool {
    !quote.direct
        && quote.provenance.rule != RESEARCHER_RULE
        && !speaker_is_actor(graph, document, doc, quote)
}

/// The noise quotes of `documents` (the graph's documents), as (document index, quote
/// index), in order: what is hidden by default, and how many.
pub fn noise_quotes(graph: &EntityGraph, documents: &[Document]) -> Vec<(usize, usize)> {
    documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.annotations
                .quotes
                .iter()
                .enumerate()
                .filter(move |(_, q)| is_noise(graph, d, doc, q))
                .map(move |(i, _)| (d, i))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityId, Provenance, Span};
    use crate::project::EntityCuration;

    fn quote(direct: bool, speaker: Option<EntityId>) -> Quote {
        Quote {
            content: Span::new(0, 4),
            extent: None,
            direct,
            cue: None,
            speaker: None,
            speaker_mention: None,
            speaker_entity: speaker,
            provenance: Provenance::new("quotes", 0.7, "reported"),
        }
    }

    #[test]
    fn reported_speech_needs_an_actor_speaker() {
        let mut doc = Document::new("d", "Text said so. Work said so.");
        for (name, t) in [("Ali", EntityType::Person), ("Work", EntityType::Misc)] {
            doc.annotations.entities.push(Entity {
                canonical_name: name.to_owned(),
                entity_type: t,
                mentions: Vec::new(),
                aliases: Vec::new(),
                provenance: Provenance::new("hand", 1.0, "test"),
            });
        }
        let docs = [doc];
        let graph = EntityGraph::new(&docs, &EntityCuration::default());
        let doc = &docs[0];
        let person = Some(EntityId::from_index(0));
        let thing = Some(EntityId::from_index(1));
        assert!(!is_noise(&graph, 0, doc, &quote(false, person)));
        assert!(is_noise(&graph, 0, doc, &quote(false, thing)));
        assert!(is_noise(&graph, 0, doc, &quote(false, None)));
        // Direct quotes are never noise; nor what the researcher set.
        assert!(!is_noise(&graph, 0, doc, &quote(true, None)));
        let mut set = quote(false, thing);
        set.provenance = crate::project::edits::researcher_provenance();
        assert!(!is_noise(&graph, 0, doc, &set));
    }
}
