//! The network's toolbar (filters, the unheld-offices switch, fit, layout progress and
//! cancel, the selection line) and its legend (node colours by type, edge styles by kind,
//! thickness by evidence).

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

use egui::{Align2, FontId, Pos2, Rect, Stroke, Vec2};

use crate::app::command::Command;
use crate::app::theme;
use crate::graph::EntityGraph;
use crate::model::{EntityType, RelationKind};

use super::{GraphView, LayoutState};

impl GraphView {
    pub(super) fn toolbar_ui(
        &mut self,
        ui: &mut egui::Ui,
        graph: &EntityGraph,
        selected: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        let s = &mut self.settings;
        let mut chose_cooccurrence = false;
        let large = graph.asserted_only_by_default();
        ui.horizontal_wrapped(|ui| {
            for (i, t) in EntityType::ALL.into_iter().enumerate() {
                let text = theme::type_text(t, t.label(), ui.visuals());
                ui.checkbox(&mut s.shown_types[i], text);
            }
            ui.separator();
            ui.checkbox(&mut s.asserted, "asserted");
            chose_cooccurrence = ui
                .checkbox(&mut s.cooccurrence, "co-occurrence")
                .on_hover_text(if large {
                    "Names mentioned in the same sentence. Off by default in large projects \
                     (over 1,000 relations): only the relations the articles assert are shown"
                } else {
                    "Names mentioned in the same sentence (a weaker tie than an asserted relation)"
                })
                .changed();
            ui.separator();
            let label = ui.add(egui::Label::new("min. mentions").extend());
            ui.add(egui::DragValue::new(&mut s.min_mentions).range(1..=1000))
                .labelled_by(label.id);
            ui.checkbox(&mut s.hide_isolated, "hide unconnected");
            let mut options = graph.options();
            if ui
                .checkbox(&mut options.show_unheld_offices, "unheld offices")
                .on_hover_text(
                    "Offices held by a named person are shown on that person's node; \
                     tick this to show offices with no named holder as nodes of their own",
                )
                .changed()
            {
                commands.push(Command::SetGraphOptions(options));
            }
            let toggled = ui
                .add_enabled(
                    selected.is_some(),
                    egui::Checkbox::new(&mut s.neighbourhood, "neighbourhood"),
                )
                .on_hover_text("Show only the selected entity and the entities tied to it")
                .changed()
                | super::super::paths::depth_ui(
                    ui,
                    s.neighbourhood && selected.is_some(),
                    &mut s.ego_depth,
                );
            if toggled {
                self.fit_pending = true;
            }
            if ui
                .button("Fit")
                .on_hover_text("Zoom to show every visible node")
                .clicked()
            {
                self.fit_pending = true;
            }
            ui.separator();
            super::super::merges::open_button(ui, graph.suggestions.len(), commands);
        });
        if chose_cooccurrence {
            self.cooccurrence_chosen = true;
        }
        ui.horizontal(|ui| {
            match &self.layout {
                LayoutState::InProgress {
                    request,
                    progress,
                    cancel,
                    ..
                } => {
                    let done = progress.load(Ordering::Relaxed);
                    let total = request.iterations.max(1);
                    ui.add(
                        egui::ProgressBar::new(done as f32 / total as f32)
                            .desired_width(160.0)
                            .text(format!("Laying out {} entities…", request.keys.len())),
                    );
                    if ui
                        .button("Cancel layout")
                        .on_hover_text("Stop the layout; the diagram stays empty until the next change")
                        .clicked()
                    {
                        cancel.store(true, Ordering::Relaxed);
                    }
                }
                LayoutState::None => {
                    ui.label("No layout yet");
                }
                LayoutState::Finished { .. } => {}
            }
            if let Some(node) = selected.and_then(|n| graph.nodes.get(n)) {
                let ties = self.derived.adjacency.get(selected.unwrap_or_default()).map_or(0, |a| {
                    a.iter().collect::<BTreeSet<_>>().len()
                });
                let offices: String = node.offices.iter().fold(String::new(), |mut s, o| {
                    s.push_str(" — ");
                    s.push_str(o);
                    s
                });
                ui.label(format!(
                    "Selected: {}{offices} ({}) · {} mentions · {} ties",
                    node.name,
                    node.entity_type.label(),
                    node.mentions,
                    ties
                ));
            } else {
                ui.weak("Click a node to select it; drag to pin it; scroll to zoom; drag the background to pan.");
            }
            if let Some(text) = self.relation_legend() {
                ui.separator();
                // Truncated to the line's width: a longer line would widen the canvas past
                // the panel; the whole list is in the tooltip.
                ui.add(egui::Label::new(&text).truncate()).on_hover_text(format!(
                    "The relation types of the asserted edges shown, as the edges name them: {text}"
                ));
            }
        });
    }

    /// "relations: holds office, met, urged": the relation types of the asserted edges the
    /// diagram drew in its last frame, in words; `None` when it drew none.
    pub fn relation_legend(&self) -> Option<String> {
        if self.last_relation_types.is_empty() {
            return None;
        }
        let words: Vec<&str> = self
            .last_relation_types
            .iter()
            .map(|t| t.human_label())
            .collect();
        Some(format!("relations: {}", words.join(", ")))
    }

    /// The legend, in the canvas's bottom-left corner: a disc per shown entity type, a line
    /// per shown edge kind, and thin and thick lines for one and many relations. The shown
    /// relation types are named on the line under the toolbar ([`Self::relation_legend`]).
    pub(super) fn legend(&self, painter: &egui::Painter, canvas: Rect, visuals: &egui::Visuals) {
        let font = FontId::proportional(11.0);
        let text_color = theme::label_color(visuals);
        let mut rows: Vec<LegendRow> = Vec::new();
        for (i, t) in EntityType::ALL.into_iter().enumerate() {
            if self.settings.shown_types[i] {
                rows.push((Some(t), None, t.label().to_lowercase()));
            }
        }
        if self.settings.asserted {
            rows.push((
                None,
                Some((RelationKind::Asserted, 1.0)),
                "asserted relation".into(),
            ));
            rows.push((
                None,
                Some((RelationKind::Asserted, 3.5)),
                "… with many relations".into(),
            ));
        }
        if self.settings.cooccurrence {
            rows.push((
                None,
                Some((RelationKind::Cooccurrence, 1.5)),
                "co-occurrence".into(),
            ));
        }
        let row_h = 15.0;
        let size = Vec2::new(150.0, row_h * rows.len() as f32 + 8.0);
        let rect =
            Align2::LEFT_BOTTOM.anchor_size(canvas.left_bottom() + Vec2::new(8.0, -8.0), size);
        painter.rect_filled(rect, 4.0, theme::label_background(visuals));
        for (k, (t, edge, text)) in rows.into_iter().enumerate() {
            let y = rect.top() + 4.0 + row_h * (k as f32 + 0.5);
            let mark = Pos2::new(rect.left() + 14.0, y);
            if let Some(t) = t {
                painter.circle_filled(mark, 5.0, theme::entity_color(t));
            }
            if let Some((kind, width)) = edge {
                painter.line_segment(
                    [mark - Vec2::new(9.0, 0.0), mark + Vec2::new(9.0, 0.0)],
                    Stroke::new(
                        width,
                        theme::edge_color(kind, visuals, kind == RelationKind::Cooccurrence),
                    ),
                );
            }
            painter.text(
                Pos2::new(rect.left() + 30.0, y),
                Align2::LEFT_CENTER,
                text,
                font.clone(),
                text_color,
            );
        }
    }
}

/// One legend row: a node disc of a type, or an edge line of a kind and width; its text.
type LegendRow = (Option<EntityType>, Option<(RelationKind, f32)>, String);
