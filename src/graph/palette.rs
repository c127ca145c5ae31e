//! The one core palette of entity-type colours, for exports (GEXF, `GraphML`, SVG, HTML).
//!
//! The colours the workbench draws with too (Okabe–Ito, colour-blind safe): the app's theme
//! takes its entity colours from here.

use crate::model::EntityType;

/// The colour of an entity type as RGB.
pub fn entity_rgb(entity_type: EntityType) -> [u8; 3] {
    match entity_type {
        EntityType::Person => [230, 159, 0],
        EntityType::Org => [86, 180, 233],
        EntityType::Loc => [0, 158, 115],
        EntityType::Norp => [204, 121, 167],
        EntityType::Misc => [240, 228, 66],
        EntityType::Title => [213, 94, 0],
        EntityType::Other => [150, 150, 150],
    }
}

/// The colour of an entity type as `#rrggbb`.
pub fn entity_hex(entity_type: EntityType) -> String {
    let [r, g, b] = entity_rgb(entity_type);
    format!("#{r:02x}{g:02x}{b:02x}")
}
