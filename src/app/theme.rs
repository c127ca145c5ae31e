//! Colours: the only place the workbench defines them (entity types, quotes, selection,
//! network nodes, edges and labels, the drop veil). Each colour that depends on the theme
//! has a dark-mode and a light-mode variant.

use egui::{Color32, RichText, Visuals};

use crate::model::{EntityType, RelationKind};

/// The base colour of an entity type (Okabe–Ito palette, distinguishable with colour blindness),
/// from the one core palette the exports share (`graph::palette`).
pub fn entity_color(entity_type: EntityType) -> Color32 {
    let [r, g, b] = crate::graph::palette::entity_rgb(entity_type);
    Color32::from_rgb(r, g, b)
}

/// The background behind a mention of `entity_type` in running text.
pub fn mention_background(entity_type: EntityType, visuals: &Visuals, strong: bool) -> Color32 {
    let base = entity_color(entity_type);
    let alpha = match (visuals.dark_mode, strong) {
        (true, false) => 70,
        (false, false) => 90,
        (_, true) => 230,
    };
    Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha)
}

/// `text` on the background of `entity_type` (the type checkboxes and legends, type cells).
pub fn type_text(entity_type: EntityType, text: impl Into<String>, visuals: &Visuals) -> RichText {
    RichText::new(text).background_color(mention_background(entity_type, visuals, false))
}

/// Text colour on a strongly highlighted (selected) span.
pub fn selected_text(_visuals: &Visuals) -> Color32 {
    Color32::BLACK
}

/// The underline of quoted words.
pub fn quote_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(120, 190, 255)
    } else {
        Color32::from_rgb(0, 90, 180)
    }
}

/// The background of the evidence sentence of a selected relation or quote.
pub fn evidence_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgba_unmultiplied(255, 255, 255, 28)
    } else {
        Color32::from_rgba_unmultiplied(0, 0, 0, 22)
    }
}

/// The outline of a selected node, row or span.
pub fn selection_stroke(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::WHITE
    } else {
        Color32::BLACK
    }
}

/// The colour of a network edge.
pub fn edge_color(kind: RelationKind, visuals: &Visuals, emphasised: bool) -> Color32 {
    let (rgb, alpha) = match (kind, visuals.dark_mode) {
        (RelationKind::Asserted, true) => ([200, 200, 210], 150),
        (RelationKind::Asserted, false) => ([60, 60, 80], 160),
        (RelationKind::Cooccurrence, true) => ([160, 160, 170], 45),
        (RelationKind::Cooccurrence, false) => ([90, 90, 100], 45),
    };
    let alpha = if emphasised { 255 } else { alpha };
    Color32::from_rgba_unmultiplied(rgb[0], rgb[1], rgb[2], alpha)
}

/// The colour of node labels.
pub fn label_color(visuals: &Visuals) -> Color32 {
    visuals.strong_text_color()
}

/// The colour used for error messages.
pub fn error_color(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
}

/// The colour used for warnings.
pub fn warning_color(visuals: &Visuals) -> Color32 {
    visuals.warn_fg_color
}

/// A node's fill while another node is selected and it is not one of its neighbours.
pub fn dimmed(fill: Color32) -> Color32 {
    fill.gamma_multiply(0.45)
}

/// The background behind a node's label in the network (the selected node's: the
/// selection colour).
pub fn label_background(visuals: &Visuals) -> Color32 {
    visuals.extreme_bg_color.gamma_multiply(0.8)
}

/// The colour of a hint painted on the network canvas ("Nothing passes the filters").
pub fn hint_color(_visuals: &Visuals) -> Color32 {
    Color32::GRAY
}

/// The veil over the window while files are dragged over it.
pub fn drop_veil() -> Color32 {
    Color32::from_black_alpha(160)
}

/// The text on the drop veil.
pub fn drop_text() -> Color32 {
    Color32::WHITE
}
