//! Notes and tags in the workbench: which stored key an [`Item`] has
//! ([`item_key`]), the tooltip and tag test the tables use, the editor window
//! ("Note and tags", opened by [`Command::EditNote`] from any row's context menu), the
//! "Notes and tags" list with its search field, and the undoable change
//! [`Command::SetNote`] runs. The notes live in the project's
//! [`crate::project::Curation::notes_and_tags`], keyed by what survives re-extraction
//! (see [`crate::project::notes`]).

use std::collections::BTreeMap;

use crate::model::Document;
use crate::project::edits::relation_key;
use crate::project::notes::{self, ItemKey, ItemNote};

use super::App;
use super::command::Command;
use super::selection::Item;

/// The stored note key of `item` in the shown `documents` (`None` for a mention, or an
/// item that is not there).
pub fn item_key(documents: &[Document], item: &Item) -> Option<String> {
    Some(match item {
        Item::Document(d) => ItemKey::Article(&documents.get(*d)?.id).stored(),
        Item::Entity(key) => ItemKey::Entity(key).stored(),
        Item::Quote { document, quote } => {
            let doc = documents.get(*document)?;
            let q = doc.annotations.quotes.get(quote.index())?;
            ItemKey::Quote(&doc.id, q.content).stored()
        }
        Item::Relation { document, relation } => {
            let doc = documents.get(*document)?;
            let r = doc.annotations.relations.get(relation.index())?;
            ItemKey::Relation(&doc.id, relation_key(&doc.annotations, r)?).stored()
        }
        Item::Mention { .. } | Item::Passage { .. } => return None,
    })
}

/// The note of `item`, if it has one.
pub fn item_note<'a>(
    notes: &'a BTreeMap<String, ItemNote>,
    documents: &[Document],
    item: &Item,
) -> Option<&'a ItemNote> {
    let key = item_key(documents, item)?;
    notes.get(&key).filter(|n| !n.is_empty())
}

/// True when `item` carries `tag`.
pub fn item_has_tag(
    notes: &BTreeMap<String, ItemNote>,
    documents: &[Document],
    item: &Item,
    tag: &str,
) -> bool {
    item_note(notes, documents, item).is_some_and(|n| n.has_tag(tag))
}

/// A short description of an item for the editor's title line.
fn describe(documents: &[Document], item: &Item) -> String {
    let excerpt = |doc: &Document, span: crate::model::Span| {
        crate::project::edits::excerpt(span.text(&doc.text))
    };
    match item {
        Item::Document(d) => documents
            .get(*d)
            .map_or_else(String::new, |d| format!("Article “{}”", d.display_title())),
        Item::Entity(key) => format!("Entity {key}"),
        Item::Quote { document, quote } => documents
            .get(*document)
            .and_then(|d| {
                Some(format!(
                    "Quote “{}”",
                    excerpt(d, d.annotations.quotes.get(quote.index())?.content)
                ))
            })
            .unwrap_or_default(),
        Item::Relation { document, relation } => documents
            .get(*document)
            .and_then(|d| {
                let r = d.annotations.relations.get(relation.index())?;
                let name = |e: crate::model::EntityId| {
                    d.annotations
                        .entity(e)
                        .map_or("?", |e| e.canonical_name.as_str())
                };
                Some(format!(
                    "Relation {} — {} — {}",
                    name(r.head),
                    r.relation_type.human_label(),
                    name(r.tail)
                ))
            })
            .unwrap_or_default(),
        Item::Mention { .. } | Item::Passage { .. } => String::new(),
    }
}

/// The note being edited: its key, what it is about and the fields as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Editing {
    key: String,
    what: String,
    note: String,
    tags: String,
}

/// The note and tags editor and the notes list.
#[derive(Debug, Default)]
pub struct NotesUi {
    editing: Option<Editing>,
    /// The notes list is shown.
    pub list_open: bool,
    search: String,
}

impl NotesUi {
    /// Opens the editor on `item`, filled with its note.
    pub fn edit(
        &mut self,
        notes: &BTreeMap<String, ItemNote>,
        documents: &[Document],
        item: &Item,
    ) {
        let Some(key) = item_key(documents, item) else {
            return;
        };
        let note = notes.get(&key).cloned().unwrap_or_default();
        let tags: Vec<&str> = note.tags.iter().map(String::as_str).collect();
        self.editing = Some(Editing {
            what: describe(documents, item),
            note: note.note.clone(),
            tags: tags.join(", "),
            key,
        });
    }

    /// Draws the editor (when open) and the notes list (when open).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        notes: &BTreeMap<String, ItemNote>,
        commands: &mut Vec<Command>,
    ) {
        self.editor_ui(ctx, commands);
        self.list_ui(ctx, notes, commands);
    }

    fn editor_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(editing) = self.editing.as_mut() else {
            return;
        };
        let mut close = false;
        egui::Window::new("Note and tags")
            .collapsible(false)
            .resizable(true)
            .default_width(420.0)
            .show(ctx, |ui| {
                ui.label(&editing.what);
                let label = ui.label("Note:");
                ui.add(
                    egui::TextEdit::multiline(&mut editing.note)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                let label = ui.label("Tags (comma-separated):");
                ui.add(
                    egui::TextEdit::singleline(&mut editing.tags)
                        .hint_text("e.g. check, Kabul talks")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                ui.horizontal(|ui| {
                    if ui.button("Save note").clicked() {
                        commands.push(Command::SetNote {
                            key: editing.key.clone(),
                            note: ItemNote {
                                note: editing.note.trim().to_owned(),
                                tags: notes::parse_tags(&editing.tags),
                            },
                        });
                        close = true;
                    }
                    if ui
                        .button("Remove note")
                        .on_hover_text("Remove the note and every tag of this item")
                        .clicked()
                    {
                        commands.push(Command::SetNote {
                            key: editing.key.clone(),
                            note: ItemNote::default(),
                        });
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        if close {
            self.editing = None;
        }
    }

    fn list_ui(
        &mut self,
        ctx: &egui::Context,
        notes: &BTreeMap<String, ItemNote>,
        commands: &mut Vec<Command>,
    ) {
        let mut open = self.list_open;
        egui::Window::new("Notes and tags")
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Search notes:");
                    ui.text_edit_singleline(&mut self.search)
                        .labelled_by(label.id);
                });
                let found: Vec<(&str, &ItemNote)> = if self.search.trim().is_empty() {
                    notes
                        .iter()
                        .filter(|(_, n)| !n.is_empty())
                        .map(|(k, n)| (k.as_str(), n))
                        .collect()
                } else {
                    notes::search(notes, &self.search)
                };
                ui.label(format!("{} notes", found.len()));
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (key, note) in found {
                        ui.horizontal(|ui| {
                            ui.label(egui::RichText::new(key).monospace().small());
                            if ui.small_button("Remove").clicked() {
                                commands.push(Command::SetNote {
                                    key: key.to_owned(),
                                    note: ItemNote::default(),
                                });
                            }
                        });
                        ui.label(note.tooltip());
                        ui.separator();
                    }
                });
            });
        self.list_open = open;
    }
}

impl App {
    /// Stores `note` under `key` (removes it when empty), undoably, when that changes it.
    pub(super) fn set_note(&mut self, key: String, note: ItemNote) {
        let current = self.project.curation.notes_and_tags.get(&key);
        let unchanged = if note.is_empty() {
            current.is_none_or(ItemNote::is_empty)
        } else {
            current == Some(&note)
        };
        if unchanged {
            return;
        }
        self.undo.push(self.project.curation.clone());
        self.redo.clear();
        if note.is_empty() {
            self.project.curation.notes_and_tags.remove(&key);
        } else {
            self.project.curation.notes_and_tags.insert(key, note);
        }
        self.edit_revision += 1;
    }
}
