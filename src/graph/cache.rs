//! What the network keeps of each article (its entities' names, types, mention counts and
//! the relations between them), so that nodes and edges are re-derived without reading any
//! document again.

use std::collections::BTreeSet;

use crate::model::{Document, EntityId, EntityType, RelationKind, RelationType};

use super::curated;
use super::fragments::{self, MentionContext};

/// What the graph keeps of one article's entity.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct EntityInfo {
    pub(super) name: String,
    pub(super) entity_type: EntityType,
    pub(super) mentions: usize,
    pub(super) aliases: Vec<String>,
    /// How each of its capitalised mentions sits in the text
    /// ([`fragments::mention_context`]).
    pub(super) contexts: Vec<MentionContext>,
    /// Where the researcher put it (a mention moved or split off), if they did.
    pub(super) placed: Option<curated::Placed>,
}

impl EntityInfo {
    /// Its name and aliases, trimmed, without empty ones.
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.trim())
            .chain(self.aliases.iter().map(|a| a.trim()))
            .filter(|n| !n.is_empty())
    }
}

/// What the graph keeps of one article: its entities and relations.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DocCache {
    pub(super) entities: Vec<EntityInfo>,
    /// The words the article writes in lower case ([`fragments::lowercase_words`]).
    pub(super) lowercase: BTreeSet<String>,
    pub(super) relations: Vec<(EntityId, EntityId, RelationType, RelationKind)>,
}

impl DocCache {
    pub(super) fn new(doc: &Document) -> Self {
        let a = &doc.annotations;
        Self {
            entities: a
                .entities
                .iter()
                .map(|e| EntityInfo {
                    name: e.canonical_name.trim().to_owned(),
                    entity_type: e.entity_type,
                    mentions: e.mentions.len(),
                    aliases: e.aliases.clone(),
                    contexts: e
                        .mentions
                        .iter()
                        .filter_map(|m| a.mentions.get(m.index()))
                        .filter(|m| m.span.text(&doc.text).starts_with(char::is_uppercase))
                        .map(|m| fragments::mention_context(&doc.text, m.span.start, m.span.end))
                        .collect(),
                    placed: crate::project::edits::entities::assigned(e)
                        .map(|p| curated::Placed::of(p, e.canonical_name.trim(), e.entity_type)),
                })
                .collect(),
            lowercase: fragments::lowercase_words(&doc.text),
            relations: a
                .relations
                .iter()
                .map(|r| (r.head, r.tail, r.relation_type, r.kind))
                .collect(),
        }
    }
}
