//! The entity merges window: the merge suggestions the resolver left open (Accept / Reject;
//! all of them in a virtualised list, searchable by either name),
//! merging two entities by hand (mark one, select the other), splitting a name off an entity
//! the resolver merged, and the researcher's merges (Split) and splits (Rejoin). Every button pushes a [`Command`]; the curation changes at the end of the frame,
//! undoably.

use crate::app::command::Command;
use crate::app::selection::Item;
use crate::graph::EntityGraph;

use super::View;

/// The state of the merges window.
#[derive(Debug, Default)]
pub struct MergePanel {
    /// Whether the window is shown.
    pub open: bool,
    /// The entity marked to be merged into the next selected one.
    marked: Option<String>,
    /// The search text (either name of a suggestion, case-insensitive).
    search: String,
    /// The suggestions shown: (view revision, lower-cased search, suggestion indices).
    shown: Option<(u64, String, Vec<usize>)>,
    /// Adding a relation between the marked and the selected entity.
    relate: super::relate::RelateState,
}

fn name_of<'g>(graph: &'g EntityGraph, key: &'g str) -> &'g str {
    graph
        .node_index(key)
        .and_then(|n| graph.nodes.get(n))
        .map_or(key, |n| n.name.as_str())
}

fn type_of(graph: &EntityGraph, key: &str) -> &'static str {
    graph
        .node_index(key)
        .and_then(|n| graph.nodes.get(n))
        .map_or("?", |n| n.entity_type.label())
}

/// The button opening the window, with the number of open suggestions.
pub fn open_button_ui(ui: &mut egui::Ui, view: &mut View<'_>) {
    open_button(ui, view.corpus.graph.suggestions.len(), view.commands);
}

/// [`open_button_ui`] given the count and where commands go.
pub fn open_button(ui: &mut egui::Ui, count: usize, commands: &mut Vec<Command>) {
    if ui
        .button(format!("Merges ({count} suggested)…"))
        .on_hover_text(
            "Entities that may be one actor but were left apart; merge or split entities",
        )
        .clicked()
    {
        commands.push(Command::ToggleMergePanel);
    }
}

impl MergePanel {
    /// The window (when open).
    pub fn ui(&mut self, ctx: &egui::Context, view: &mut View<'_>) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Entity merges")
            .open(&mut open)
            .default_width(520.0)
            .default_pos([380.0, 120.0])
            .show(ctx, |ui| self.contents_ui(ui, view));
        if !open {
            self.open = false;
        }
    }

    /// The indices of the suggestions whose either name contains the search text
    /// (case-insensitive), cached until the view or the search changes.
    fn shown(&mut self, graph: &EntityGraph, revision: u64) -> &[usize] {
        let needle = self.search.trim().to_lowercase();
        let stale = self
            .shown
            .as_ref()
            .is_none_or(|(r, n, _)| *r != revision || *n != needle);
        if stale {
            let shown = graph
                .suggestions
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    needle.is_empty()
                        || name_of(graph, &s.a).to_lowercase().contains(&needle)
                        || name_of(graph, &s.b).to_lowercase().contains(&needle)
                })
                .map(|(i, _)| i)
                .collect();
            self.shown = Some((revision, needle, shown));
        }
        self.shown.as_ref().map_or(&[], |(_, _, s)| s.as_slice())
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        let graph = &view.corpus.graph;
        let suggestions = &graph.suggestions;
        ui.heading(format!("Suggestions ({})", suggestions.len()));
        if suggestions.is_empty() {
            ui.weak("No open suggestions.");
        } else {
            ui.weak("Left apart on purpose; accept to merge the first into the second.");
        }
        ui.horizontal(|ui| {
            let label = ui.label("Search suggestions:");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("either name")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        });
        let shown = self.shown(graph, view.doc_revision).to_vec();
        ui.label(format!(
            "{} suggestions, {} shown",
            suggestions.len(),
            shown.len()
        ));
        // One line a suggestion (the reason is its tooltip), so only the visible rows are
        // laid out however many there are.
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("merge_suggestions")
            .max_height(280.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, shown.len(), |ui, rows| {
                for s in rows
                    .filter_map(|row| shown.get(row))
                    .filter_map(|&i| suggestions.get(i))
                {
                    ui.horizontal(|ui| {
                        ui.set_height(row_height);
                        if ui
                            .button("Accept")
                            .on_hover_text("Merge the two into one entity")
                            .clicked()
                        {
                            view.commands.push(Command::MergeEntities {
                                merge: s.a.clone(),
                                into: s.b.clone(),
                            });
                        }
                        if ui
                            .button("Reject")
                            .on_hover_text("Keep them apart and stop suggesting it")
                            .clicked()
                        {
                            view.commands.push(Command::RejectMerge {
                                a: s.a.clone(),
                                b: s.b.clone(),
                            });
                        }
                        ui.label(
                            egui::RichText::new(format!(
                                "“{}” into “{}”",
                                name_of(graph, &s.a),
                                name_of(graph, &s.b)
                            ))
                            .strong(),
                        )
                        .on_hover_text(&s.reason);
                        ui.weak(format!(
                            "{} / {}",
                            type_of(graph, &s.a),
                            type_of(graph, &s.b)
                        ));
                        ui.add(egui::Label::new(egui::RichText::new(&s.reason).weak()).truncate());
                    });
                }
            });

        ui.add_space(6.0);
        ui.heading("Merge by hand");
        let selected = match &view.selection.item {
            Some(item @ (Item::Entity(_) | Item::Mention { .. } | Item::Quote { .. })) => {
                super::item_node(view.documents, view.corpus, item).and_then(|n| graph.nodes.get(n))
            }
            _ => None,
        };
        // A marked node merged away since is shown under the node it joined.
        let marked = self
            .marked
            .as_deref()
            .and_then(|k| graph.node_index(k))
            .and_then(|n| graph.nodes.get(n));
        let mut relate_ends = None;
        ui.horizontal_wrapped(|ui| match (marked, selected) {
            (None, None) => {
                ui.weak("Select an entity (in a table, the text or the network) to mark it.");
            }
            (None, Some(node)) => {
                if ui.button(format!("Mark “{}”", node.name)).clicked() {
                    self.marked = Some(node.key.clone());
                }
                ui.weak("then select the entity to merge it into.");
            }
            (Some(m), selected) => {
                ui.label(format!("Marked: “{}”.", m.name));
                match selected.filter(|s| s.key != m.key) {
                    Some(into) => {
                        if ui
                            .button(format!("Merge “{}” into “{}”", m.name, into.name))
                            .clicked()
                        {
                            view.commands.push(Command::MergeEntities {
                                merge: m.key.clone(),
                                into: into.key.clone(),
                            });
                            self.marked = None;
                        }
                        relate_ends = graph.node_index(&m.key).zip(graph.node_index(&into.key));
                    }
                    None => {
                        ui.weak("Select the entity to merge it into.");
                    }
                }
                if ui.button("Clear mark").clicked() {
                    self.marked = None;
                }
            }
        });
        if let Some(ends) = relate_ends {
            self.relate
                .ui(ui, view.documents, graph, ends, view.commands);
        }

        if let Some(node) = selected
            && let Some(index) = graph.node_index(&node.key)
        {
            let names = graph.member_names(index);
            if names.len() >= 2 {
                ui.add_space(6.0);
                ui.heading(format!("Split “{}”", node.name));
                ui.weak("Names the resolver joined into this entity; split one off if it is someone else.");
                ui.horizontal_wrapped(|ui| {
                    for (norm, written) in names.iter().filter(|(_, w)| *w != node.name) {
                        if ui
                            .button(format!("Split off “{written}”"))
                            .on_hover_text(
                                "Make the mentions with this name an entity of their own",
                            )
                            .clicked()
                        {
                            view.commands.push(Command::SplitOff {
                                key: node.key.clone(),
                                name: norm.clone(),
                            });
                        }
                    }
                });
            }
        }

        ui.add_space(6.0);
        let curation = &view.project.curation.entities;
        let merges = &curation.merges;
        ui.heading(format!(
            "Merged and split by you ({})",
            merges.len() + curation.split.len()
        ));
        egui::ScrollArea::vertical()
            .id_salt("merges_made")
            .max_height(160.0)
            .show(ui, |ui| {
                for (from, into) in merges {
                    ui.horizontal(|ui| {
                        if ui
                            .button("Split")
                            .on_hover_text("Make it an entity of its own again")
                            .clicked()
                        {
                            view.commands.push(Command::SplitEntity(from.clone()));
                        }
                        let shown = graph
                            .corpus()
                            .find(from)
                            .and_then(|i| graph.corpus().entities.get(i))
                            .map_or(from.as_str(), |e| e.canonical_name.as_str());
                        ui.label(format!("“{shown}” into “{}”", name_of(graph, into)));
                    });
                }
                for (key, name) in &curation.split {
                    ui.horizontal(|ui| {
                        if ui
                            .button("Rejoin")
                            .on_hover_text("Merge the name back into the entity")
                            .clicked()
                        {
                            view.commands.push(Command::Rejoin {
                                key: key.clone(),
                                name: name.clone(),
                            });
                        }
                        ui.label(format!("“{name}” split off “{}”", name_of(graph, key)));
                    });
                }
            });
        ui.weak("Undo (Ctrl+Z) takes back any of these.");
    }
}
