//! The network's hover tooltips: a node's name, type, counts, offices held ("Lloyd Austin —
//! Secretary of Defense, United States"), merges, aliases and the researcher's tags and note;
//! an edge's relation in words with its evidence count.

use crate::app::panels::View;
use crate::model::RelationKind;
use crate::project::notes::ItemKey;

/// Shows the tooltip of the hovered node, else of the hovered edge.
pub(super) fn show(
    response: &egui::Response,
    view: &View<'_>,
    hovered_node: Option<usize>,
    hovered_edge: Option<usize>,
) {
    let graph = &view.corpus.graph;
    let notes = &view.project.curation.notes_and_tags;
    if let Some(n) = hovered_node.and_then(|i| graph.nodes.get(i)) {
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(egui::RichText::new(&n.name).strong());
            ui.label(format!(
                "{} · {} mention{} in {} article{}",
                n.entity_type.label(),
                n.mentions,
                if n.mentions == 1 { "" } else { "s" },
                n.documents,
                if n.documents == 1 { "" } else { "s" }
            ));
            for office in &n.offices {
                ui.label(format!("{} — {office}", n.name));
            }
            if !n.merged.is_empty() {
                ui.label(format!("Merged by you: {}", n.merged.join(", ")));
            }
            if !n.aliases.is_empty() {
                ui.label(format!("Also: {}", n.aliases.join("; ")));
            }
            if let Some(note) = notes
                .get(&ItemKey::Entity(&n.key).stored())
                .filter(|note| !note.is_empty())
            {
                ui.separator();
                ui.label(note.tooltip());
            }
        });
    } else if let Some(e) = hovered_edge.and_then(|i| graph.edges.get(i)) {
        let name = |i: usize| graph.nodes.get(i).map_or("?", |n| n.name.as_str());
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(format!(
                "{}  [{}]  {}{}",
                name(e.source),
                e.relation_type.human_label(),
                name(e.target),
                if e.directed { "" } else { " (both ways)" },
            ));
            ui.label(format!(
                "{} · {} relation{} in {} article{}",
                match e.kind {
                    RelationKind::Asserted => "asserted",
                    RelationKind::Cooccurrence => "co-occurrence",
                },
                e.count(),
                if e.count() == 1 { "" } else { "s" },
                e.per_article.len(),
                if e.per_article.len() == 1 { "" } else { "s" }
            ));
        });
    }
}
