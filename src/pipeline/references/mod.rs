//! Pronoun and description resolution: what "he", "she", "its", "we", "the spokesman" or
//! "the visiting dignitary" stands for. The quotes stage reads it for speakers and the
//! relations stage for heads and tails; both take their input from the annotation layers
//! (mentions and their entities), so neither calls into the other.
//!
//! - [`resolve_pronoun`]: the last person entity mentioned before a position.
//! - [`persons`]: person mentions in text order with each entity's gender, for he/she and
//!   definite descriptions ("the spokesman" → the last person mentioned), and the nouns a
//!   description of a speaker is made of.
//! - [`descriptions`]: descriptions and offices ("the Indiana governor", "the commission",
//!   "it") resolved to the named actor that holds them in the article.
//! - [`gender`]: the gender a given name tells ("Hillary" → she).
//! - [`other_mentions`]: pronouns and descriptions resolved to an entity, added to the
//!   mentions layer as OTHER mentions.

use crate::model::{Annotations, EntityId, EntityType};

pub(crate) mod descriptions;
mod gender;
pub(crate) mod other_mentions;
pub(crate) mod persons;

pub(crate) use descriptions::{Article, is_org_noun};
pub(crate) use gender::Gender;
pub(crate) use other_mentions::{add_reference_mentions, reference_mentions};
pub(crate) use persons::{Persons, is_document_noun, is_person_noun};

/// Resolves a pronoun at byte `pos` to the last person entity mentioned before it.
pub(crate) fn resolve_pronoun(ann: &Annotations, pos: usize) -> Option<EntityId> {
    let i = ann.mentions.partition_point(|m| m.span.start < pos);
    ann.mentions[..i].iter().rev().find_map(|m| {
        let e = m.entity?;
        (ann.entities.get(e.index())?.entity_type == EntityType::Person).then_some(e)
    })
}
