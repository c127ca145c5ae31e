//! The entities table: one row per corpus-level entity (a network node) with the offices
//! its actor holds, filtered by name, alias or office and by type. A right click on a row
//! offers Rename… (also F2 on the selected row), the node's mentions (split off, move) and,
//! for an entity that is a single mention, that mention's edits. Rows picked with Ctrl+click
//! are merged in one step: the bar above the table names the surviving entity ("Merge 2
//! into “Texas”", the picked entity with the most mentions; M merges), or a picked row's
//! menu merges the others into it. Merging two entities: click, Ctrl+click, M.

use egui_extras::Column;

use crate::app::command::Command;
use crate::app::entity_edits::EntityCommand;
use crate::app::selection::{Item, Origin};
use crate::app::theme;
use crate::graph::Node;
use crate::model::EntityType;

use super::super::{View, edit, merges, selected_node};
use super::table::{Sort, Table, TableColumn, TableSpec, cell_text, contains};

/// The index of the Mentions column (the default sort).
const MENTIONS_COLUMN: usize = 3;

/// The offices a node's actor holds, as the table shows and exports them
/// ("Secretary of Defense, United States"; several joined by "; ").
fn offices_text(n: &Node) -> String {
    n.offices.join("; ")
}

/// The entities table.
#[derive(Debug)]
pub struct EntitiesTable {
    shown_types: [bool; 7],
    table: Table<[bool; 7]>,
}

impl Default for EntitiesTable {
    fn default() -> Self {
        Self {
            shown_types: [true; 7],
            // Most-mentioned first.
            table: Table::sorted_by(Sort {
                column: MENTIONS_COLUMN,
                descending: true,
            }),
        }
    }
}

impl EntitiesTable {
    /// The table.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        self.picked_ui(ui, view);
        let counts = view.corpus.type_counts();
        ui.horizontal_wrapped(|ui| {
            self.table.filter_ui(ui, "name, alias or office");
            ui.separator();
            for (i, t) in EntityType::ALL.into_iter().enumerate() {
                let text =
                    theme::type_text(t, format!("{} {}", t.label(), counts[i]), ui.visuals());
                ui.checkbox(&mut self.shown_types[i], text);
            }
            ui.separator();
            merges::open_button_ui(ui, view);
        });
        let shown = self.shown_types;
        let columns = [
            TableColumn {
                title: "Name",
                width: Column::initial(200.0).at_least(80.0).clip(true),
                compare: |x: &Node, y, _| x.name.to_lowercase().cmp(&y.name.to_lowercase()),
                text: |n, _| n.name.clone(),
                cell: |ui, n, _| cell_text(ui, &n.name),
            },
            TableColumn {
                title: "Type",
                width: Column::initial(70.0).at_least(50.0),
                compare: |x, y, _| x.entity_type.cmp(&y.entity_type),
                text: |n, _| n.entity_type.label().to_owned(),
                cell: |ui, n, _| {
                    let text = theme::type_text(n.entity_type, n.entity_type.label(), ui.visuals());
                    ui.add(egui::Label::new(text).selectable(false));
                },
            },
            TableColumn {
                title: "Office",
                width: Column::initial(220.0).at_least(60.0).clip(true),
                // People with an office first when ascending; then by the office's words.
                compare: |x, y, _| {
                    x.offices
                        .is_empty()
                        .cmp(&y.offices.is_empty())
                        .then_with(|| {
                            offices_text(x)
                                .to_lowercase()
                                .cmp(&offices_text(y).to_lowercase())
                        })
                },
                text: |n, _| offices_text(n),
                cell: |ui, n, _| cell_text(ui, &offices_text(n)),
            },
            TableColumn {
                title: "Mentions",
                width: Column::initial(70.0).at_least(50.0),
                compare: |x, y, _| x.mentions.cmp(&y.mentions),
                text: |n, _| n.mentions.to_string(),
                cell: |ui, n, _| cell_text(ui, &n.mentions.to_string()),
            },
            TableColumn {
                title: "Articles",
                width: Column::initial(60.0).at_least(50.0),
                compare: |x, y, _| x.documents.cmp(&y.documents),
                text: |n, _| n.documents.to_string(),
                cell: |ui, n, _| cell_text(ui, &n.documents.to_string()),
            },
            TableColumn {
                title: "Aliases",
                width: Column::remainder().at_least(80.0).clip(true),
                compare: |x, y, _| x.aliases.len().cmp(&y.aliases.len()),
                text: |n, _| n.aliases.join("; "),
                cell: |ui, n, _| cell_text(ui, &n.aliases.join("; ")),
            },
        ];
        let spec = TableSpec {
            id: "entities_table",
            noun: "entities",
            origin: Origin::Entities,
            columns: &columns,
            matches: |n, needle| {
                contains(&n.name, needle)
                    || n.aliases.iter().any(|a| contains(a, needle))
                    || n.offices.iter().any(|o| contains(o, needle))
            },
            item: |n| Item::Entity(n.key.clone()),
            // A mention, quote or relation selected elsewhere selects its entity's row.
            selected: |_, v| selected_node(v.documents, v.corpus, v.selection),
            menu: Some(entity_menu),
        };
        let nodes = &view.corpus.graph.nodes;
        self.table.ui(ui, view, &spec, nodes, shown, |n| {
            shown[n.entity_type.index()]
        });
    }
}

impl EntitiesTable {
    /// The keys of the rows picked with Ctrl+click (two or more, else none).
    pub fn picked_keys(&self) -> Vec<String> {
        self.table
            .picked()
            .iter()
            .filter_map(|item| match item {
                Item::Entity(key) => Some(key.clone()),
                _ => None,
            })
            .collect()
    }

    /// Forgets the picked rows.
    pub fn clear_picked(&mut self) {
        self.table.clear_picked();
    }

    /// The bar for the picked rows (what merging them keeps) and the table's keys: M merges
    /// the picked rows, F2 renames the selected one.
    fn picked_ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        let keys = self.picked_keys();
        ui.data_mut(|d| d.insert_temp(picked_id(), keys.clone()));
        let graph = &view.corpus.graph;
        let typing = ui.memory(|m| m.focused().is_some());
        if !typing
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F2))
            && let Some(node) = selected_node(view.documents, view.corpus, view.selection)
        {
            view.commands
                .push(Command::Entities(EntityCommand::OpenRename(
                    graph.nodes[node].key.clone(),
                )));
        }
        // The survivor: the picked entity with the most mentions (the first picked of equals).
        let Some(survivor) = keys
            .iter()
            .filter_map(|k| graph.node_index(k).map(|n| &graph.nodes[n]))
            .rev()
            .max_by_key(|n| n.mentions)
        else {
            return;
        };
        let mut merge = false;
        ui.horizontal(|ui| {
            ui.label(format!("{} picked (Ctrl+click).", keys.len()));
            merge = ui
                .button(format!("Merge {} into “{}”", keys.len(), survivor.name))
                .on_hover_text(format!(
                    "Keeps {} ({}); press M. Right click a picked row to keep that one.",
                    survivor.name, survivor.key
                ))
                .clicked();
            if ui.button("Unpick").clicked() {
                self.table.clear_picked();
            }
        });
        if merge
            || (!typing && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::M)))
        {
            view.commands.push(Command::Entities(EntityCommand::Merge {
                merge: keys,
                into: survivor.key.clone(),
            }));
            self.table.clear_picked();
        }
    }
}

/// Where the table keeps the picked keys for its row menus.
fn picked_id() -> egui::Id {
    egui::Id::unique("entities_table_picked")
}

/// The menu of an entity row: Rename…, its mentions, merging the picked rows into it; a row
/// that is a single mention can be edited like that mention.
fn entity_menu(ui: &mut egui::Ui, n: &Node, view: &View<'_>, commands: &mut Vec<Command>) {
    if ui
        .button("Rename… (F2)")
        .on_hover_text("Show this entity under another name (tables, network, exports)")
        .clicked()
    {
        commands.push(Command::Entities(EntityCommand::OpenRename(n.key.clone())));
        ui.close();
    }
    if ui
        .button("Mentions: split off or move…")
        .on_hover_text("Tick mentions and split them off into a new entity or move them to another")
        .clicked()
    {
        commands.push(Command::Entities(EntityCommand::OpenMentions {
            key: Some(n.key.clone()),
            chosen: Vec::new(),
        }));
        ui.close();
    }
    let picked: Vec<String> = ui.data(|d| d.get_temp(picked_id())).unwrap_or_default();
    if picked.contains(&n.key)
        && ui
            .button(format!(
                "Merge the {} picked into “{}”",
                picked.len(),
                n.name
            ))
            .clicked()
    {
        commands.push(Command::Entities(EntityCommand::MergePicked {
            into: Some(n.key.clone()),
        }));
        ui.close();
    }
    ui.separator();
    single_mention_menu(ui, n, view, commands);
}

/// A row that is a single mention can be edited like that mention.
fn single_mention_menu(ui: &mut egui::Ui, n: &Node, view: &View<'_>, commands: &mut Vec<Command>) {
    let single = (n.mentions == 1)
        .then(|| n.occurrences.first())
        .flatten()
        .and_then(|o| {
            let doc = view.documents.get(o.document)?;
            let entity = doc.annotations.entity(o.entity)?;
            let [m] = entity.mentions.as_slice() else {
                return None;
            };
            Some((o.document, doc.annotations.mention(*m)?))
        });
    match single {
        Some((document, mention)) => edit::mention_actions_ui(ui, document, mention, commands),
        None => {
            ui.weak("This entity has several mentions: edit them in the text.");
        }
    }
}
