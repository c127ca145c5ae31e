//! What the network keeps of each article (its entities' names, types, mention counts and
//! the relations between them), so that nodes and edges are re-derived without reading any
//! document again.

use crate::model::{Document, EntityId, EntityType, RelationKind, RelationType};

use super::{curated, fragments};

/// What the graph keeps of one article's entity.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct EntityInfo {
    pub(super) name: String,
    pub(super) entity_type: EntityType,
    pub(super) mentions: usize,
    pub(super) aliases: Vec<String>,
    /// The name is one capitalised word the article also writes in lower case
    /// ([`fragments::written_lowercase_in`]).
    pub(super) common_word: bool,
    /// Where the researcher put it (a mention moved or split off), if they did.
    pub(super) placed: Option<curated::Placed>,
}

/// What the graph keeps of one article: its entities and relations.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DocCache {
    pub(super) entities: Vec<EntityInfo>,
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
                    common_word: fragments::written_lowercase_in(
                        &e.canonical_name,
                        e.entity_type,
                        &doc.text,
                    ),
                    placed: crate::project::edits::entities::assigned(e)
                        .map(|p| curated::Placed::of(p, e.canonical_name.trim(), e.entity_type)),
                })
                .collect(),
            relations: a
                .relations
                .iter()
                .map(|r| (r.head, r.tail, r.relation_type, r.kind))
                .collect(),
        }
    }
}
