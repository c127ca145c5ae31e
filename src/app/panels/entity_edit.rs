//! The entity dialogs: renaming a corpus-level entity, and a node's mentions, of which the
//! ticked ones are split off into a new entity or moved to another one. They open from the
//! entities table (row menu, F2) and from a mention's actions in the reading view; their
//! buttons push [`EntityCommand`]s (see `entity_edits.rs`).

use std::collections::BTreeSet;

use crate::app::command::Command;
use crate::app::entity_edits::{EntityCommand, MentionAt};
use crate::graph::Node;
use crate::model::Document;
use crate::resolve::node_key;

use super::View;

/// How many other entities the move list offers at most.
const MOVE_CHOICES: usize = 8;
/// How many bytes of text each side of a mention its line shows.
const CONTEXT_BYTES: usize = 40;

/// The rename being typed.
#[derive(Debug)]
struct RenameDraft {
    key: String,
    name: String,
    focus: bool,
}

/// The mentions dialog's state.
#[derive(Debug)]
struct MentionsDraft {
    key: String,
    chosen: BTreeSet<MentionAt>,
    name: String,
    search: String,
}

/// The open entity dialogs.
#[derive(Debug, Default)]
pub struct EntityDialog {
    rename: Option<RenameDraft>,
    mentions: Option<MentionsDraft>,
}

impl EntityDialog {
    /// Opens the rename dialog for the node `key`, now called `name`.
    pub fn open_rename(&mut self, key: &str, name: &str) {
        self.rename = Some(RenameDraft {
            key: key.to_owned(),
            name: name.to_owned(),
            focus: true,
        });
    }

    /// Opens the mentions dialog of node `key` with `chosen` ticked; `name` is the new
    /// entity's name offered.
    pub fn open_mentions(&mut self, key: String, chosen: Vec<MentionAt>, name: String) {
        self.mentions = Some(MentionsDraft {
            key,
            chosen: chosen.into_iter().collect(),
            name,
            search: String::new(),
        });
    }

    /// Draws the open dialogs.
    pub fn ui(&mut self, ctx: &egui::Context, view: &mut View<'_>) {
        self.rename_ui(ctx, view);
        self.mentions_ui(ctx, view);
    }

    fn rename_ui(&mut self, ctx: &egui::Context, view: &mut View<'_>) {
        let Some(draft) = self.rename.as_mut() else {
            return;
        };
        let graph = &view.corpus.graph;
        let Some(node) = graph.node_index(&draft.key).map(|n| &graph.nodes[n]) else {
            self.rename = None;
            return;
        };
        let mut open = true;
        let mut done = false;
        egui::Window::new("Rename entity")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!("“{}” ({})", node.name, node.key));
                let field = ui
                    .horizontal(|ui| {
                        let label = ui.label("New name:");
                        ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(260.0))
                            .labelled_by(label.id)
                    })
                    .inner;
                if draft.focus {
                    field.request_focus();
                    draft.focus = false;
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let name = draft.name.trim();
                ui.horizontal(|ui| {
                    let ok = !name.is_empty() && name != node.name;
                    if (ui.add_enabled(ok, egui::Button::new("Rename")).clicked()
                        || (ok && entered))
                        && !done
                    {
                        view.commands.push(Command::Entities(EntityCommand::Rename {
                            key: node.key.clone(),
                            name: name.to_owned(),
                        }));
                        done = true;
                    }
                    if view
                        .project
                        .curation
                        .entities
                        .renames
                        .contains_key(&node.key)
                        && ui
                            .button("Back to the extracted name")
                            .on_hover_text("Forget your name for this entity")
                            .clicked()
                    {
                        view.commands.push(Command::Entities(EntityCommand::Rename {
                            key: node.key.clone(),
                            name: String::new(),
                        }));
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
                if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    done = true;
                }
            });
        if done || !open {
            self.rename = None;
        }
    }

    fn mentions_ui(&mut self, ctx: &egui::Context, view: &mut View<'_>) {
        let Some(draft) = self.mentions.as_mut() else {
            return;
        };
        // A copy of the reference, so that the node outlives the borrow of `view`.
        let corpus = view.corpus;
        let graph = &corpus.graph;
        let Some(node) = graph.node_index(&draft.key).map(|n| &graph.nodes[n]) else {
            self.mentions = None;
            return;
        };
        let mut open = true;
        let mut done = false;
        egui::Window::new(format!("Mentions of “{}”", node.name))
            .id(egui::Id::unique("entity_mentions_dialog"))
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                done = mentions_body(ui, draft, node, view);
            });
        if done || !open {
            self.mentions = None;
        }
    }
}

/// The node's mentions, ticked or not, and the actions on the ticked ones. True when an
/// action was chosen (the dialog closes).
fn mentions_body(
    ui: &mut egui::Ui,
    draft: &mut MentionsDraft,
    node: &Node,
    view: &mut View<'_>,
) -> bool {
    let all = node_mentions(node, view.documents);
    // Ticked mentions of other nodes (chosen in the reading view) are listed too.
    let mut listed: Vec<MentionAt> = all.clone();
    listed.extend(draft.chosen.iter().filter(|m| !all.contains(m)).copied());
    ui.label(format!(
        "{} mentions in {} articles; tick those to split off or move.",
        all.len(),
        node.documents
    ));
    egui::ScrollArea::vertical()
        .id_salt("entity_mentions_list")
        .max_height(260.0)
        .show(ui, |ui| {
            for &(document, span) in &listed {
                let Some(doc) = view.documents.get(document) else {
                    continue;
                };
                let mut ticked = draft.chosen.contains(&(document, span));
                let title = view
                    .corpus
                    .articles
                    .get(document)
                    .map_or("", |a| a.title.as_str());
                let line = format!("{title}: {}", context(doc, span));
                if ui.checkbox(&mut ticked, line).changed() {
                    if ticked {
                        draft.chosen.insert((document, span));
                    } else {
                        draft.chosen.remove(&(document, span));
                    }
                }
            }
        });
    let chosen: Vec<MentionAt> = draft.chosen.iter().copied().collect();
    let n = chosen.len();
    let noun = if n == 1 { "mention" } else { "mentions" };
    ui.separator();
    let mut done = false;
    ui.horizontal(|ui| {
        let label = ui.label("New entity:");
        ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(180.0))
            .labelled_by(label.id);
        let name = draft.name.trim();
        let new_key = node_key(name, node.entity_type);
        let ok = n > 0 && !name.is_empty() && new_key != node.key;
        if ui
            .add_enabled(ok, egui::Button::new(format!("Split off {n} {noun}")))
            .on_hover_text("The ticked mentions become an entity of their own with this name")
            .on_disabled_hover_text("Tick mentions and give the new entity another name")
            .clicked()
        {
            view.commands.push(Command::Entities(EntityCommand::Split {
                mentions: chosen.clone(),
                name: name.to_owned(),
            }));
            done = true;
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Move to:");
        ui.add(
            egui::TextEdit::singleline(&mut draft.search)
                .hint_text("find an entity")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
    });
    let needle = draft.search.trim().to_lowercase();
    if !needle.is_empty() {
        let mut targets: Vec<&Node> = view
            .corpus
            .graph
            .nodes
            .iter()
            .filter(|t| t.key != node.key && t.name.to_lowercase().contains(&needle))
            .collect();
        targets.sort_by_key(|t| std::cmp::Reverse(t.mentions));
        if targets.is_empty() {
            ui.weak("No other entity matches.");
        }
        for t in targets.into_iter().take(MOVE_CHOICES) {
            if ui
                .add_enabled(
                    n > 0,
                    egui::Button::new(format!("Move {n} {noun} to “{}”", t.name)),
                )
                .on_hover_text(format!("{} · {} mentions", t.key, t.mentions))
                .clicked()
            {
                view.commands.push(Command::Entities(EntityCommand::Move {
                    mentions: chosen.clone(),
                    key: t.key.clone(),
                    name: t.name.clone(),
                }));
                done = true;
            }
        }
    }
    let decided = chosen.iter().any(|&(d, s)| {
        view.project
            .documents
            .get(d)
            .and_then(|raw| view.project.curation.edits.get(&raw.id))
            .is_some_and(|e| e.entities.contains_key(&s))
    });
    if decided
        && ui
            .button("Forget my moves and splits of the ticked mentions")
            .clicked()
    {
        view.commands
            .push(Command::Entities(EntityCommand::Restore {
                mentions: chosen,
            }));
        done = true;
    }
    done
}

/// Every mention of the node's per-article entities, in article and text order.
fn node_mentions(node: &Node, documents: &[Document]) -> Vec<MentionAt> {
    let mut out = Vec::new();
    for o in &node.occurrences {
        let Some(doc) = documents.get(o.document) else {
            continue;
        };
        let Some(entity) = doc.annotations.entity(o.entity) else {
            continue;
        };
        out.extend(
            entity
                .mentions
                .iter()
                .filter_map(|m| doc.annotations.mention(*m))
                .map(|m| (o.document, m.span)),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The mention in its text: a few words each side, the mention in brackets.
fn context(doc: &Document, span: crate::model::Span) -> String {
    let text = &doc.text;
    let mut start = span.start.saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + CONTEXT_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let before = text.get(start..span.start).unwrap_or_default();
    let after = text.get(span.end..end).unwrap_or_default();
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("…{} [{}] {}…", fold(before), span.text(text), fold(after))
}
