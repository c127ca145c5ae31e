//! The entities table: one row per corpus-level entity (a network node) with the offices
//! its actor holds, filtered by name, alias or office and by type. A right click on an entity that is a single mention offers that
//! mention's edits.

use egui_extras::Column;

use crate::app::command::Command;
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
            menu: Some(single_mention_menu),
        };
        let nodes = &view.corpus.graph.nodes;
        self.table.ui(ui, view, &spec, nodes, shown, |n| {
            shown[n.entity_type.index()]
        });
    }
}

/// The menu of an entity row: a row that is a single mention can be edited like that
/// mention.
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
