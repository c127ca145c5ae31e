//! Stable node keys: the type prefix and the normalised canonical name with spaces as
//! hyphens (`PER:lloyd-austin`, `LOC:united-states`).

use crate::model::EntityType;

use super::normalise::normalise_name;

/// The key of a node of type `entity_type` whose canonical name is `name`: the type prefix
/// and the normalised name with spaces as hyphens. Used for the nodes resolution leaves out
/// (offices, dates), which the network still draws, so that all keys look alike.
///
/// ```
/// use quarry::model::EntityType;
/// assert_eq!(quarry::resolve::node_key("the Foreign Minister", EntityType::Title), "TITLE:foreign-minister");
/// ```
pub fn node_key(name: &str, entity_type: EntityType) -> String {
    key_of(entity_type, &normalise_name(name, entity_type))
}

/// The key of a node of type `ty` whose normalised canonical name is `norm`.
pub(super) fn key_of(ty: EntityType, norm: &str) -> String {
    format!("{}:{}", ty.key_prefix(), norm.replace(' ', "-"))
}
