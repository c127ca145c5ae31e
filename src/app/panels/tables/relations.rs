//! The relations table: one row per relation of every article, filtered by names, trigger
//! or sentence, by kind (asserted, co-occurrence), by type and by confidence.

use egui_extras::Column;

use crate::app::command::Command;
use crate::app::corpus::RelationRow;
use crate::app::selection::{Item, Origin};
use crate::model::{RelationKind, RelationType};
use crate::project::edits::{RelationEdit, relation_key};

use super::super::View;
use super::confidence::{ConfidenceFilter, Scored, confidence_column};
use super::table::{
    ArticleRow, Sort, Table, TableColumn, TableSpec, article_column, cell_text, contains,
};

/// The relations table's own filters: asserted, co-occurrence, type, confidence below.
type RelationsFilters = (bool, bool, Option<RelationType>, Option<f32>);

/// The relations table.
#[derive(Debug)]
pub struct RelationsTable {
    asserted: bool,
    cooccurrence: bool,
    relation_type: Option<RelationType>,
    confidence: ConfidenceFilter,
    table: Table<RelationsFilters>,
}

impl Default for RelationsTable {
    fn default() -> Self {
        Self {
            asserted: true,
            cooccurrence: false,
            relation_type: None,
            confidence: ConfidenceFilter::default(),
            // By article.
            table: Table::sorted_by(Sort {
                column: 5,
                descending: false,
            }),
        }
    }
}

impl RelationsTable {
    /// The table.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        let rows = &view.corpus.relations;
        ui.horizontal_wrapped(|ui| {
            self.table.filter_ui(ui, "names, trigger or sentence");
            ui.separator();
            let asserted = rows
                .iter()
                .filter(|r| r.kind == RelationKind::Asserted)
                .count();
            ui.checkbox(&mut self.asserted, format!("asserted {asserted}"));
            ui.checkbox(
                &mut self.cooccurrence,
                format!("co-occurrence {}", rows.len() - asserted),
            );
            let label = ui.label("Type:");
            egui::ComboBox::from_id_salt("relation_type_filter")
                .selected_text(self.relation_type.map_or("all", RelationType::human_label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.relation_type, None, "all");
                    for t in RelationType::ALL {
                        ui.selectable_value(&mut self.relation_type, Some(t), t.human_label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| self.confidence.ui(ui, "relations"));
        let filters = (
            self.asserted,
            self.cooccurrence,
            self.relation_type,
            self.confidence.active(),
        );
        let (asserted, cooccurrence, relation_type, below) = filters;
        let columns = [
            TableColumn {
                title: "Head",
                width: Column::initial(110.0).at_least(60.0).clip(true),
                compare: |x: &RelationRow, y, _| x.head.to_lowercase().cmp(&y.head.to_lowercase()),
                text: |r, _| r.head.clone(),
                cell: |ui, r, _| cell_text(ui, &r.head),
            },
            TableColumn {
                title: "Relation",
                width: Column::initial(90.0).at_least(60.0).clip(true),
                compare: |x, y, _| x.relation_type.cmp(&y.relation_type),
                text: |r, _| relation_label(r),
                cell: |ui, r, _| cell_text(ui, &relation_label(r)),
            },
            TableColumn {
                title: "Tail",
                width: Column::initial(110.0).at_least(60.0).clip(true),
                compare: |x, y, _| x.tail.to_lowercase().cmp(&y.tail.to_lowercase()),
                text: |r, _| r.tail.clone(),
                cell: |ui, r, _| cell_text(ui, &r.tail),
            },
            TableColumn {
                title: "Trigger",
                width: Column::initial(60.0).at_least(40.0).clip(true),
                compare: |x, y, _| x.trigger.cmp(&y.trigger),
                text: |r, _| r.trigger.clone(),
                cell: |ui, r, _| cell_text(ui, &r.trigger),
            },
            TableColumn {
                title: "Evidence",
                width: Column::remainder().at_least(100.0).clip(true),
                compare: |x, y, _| x.evidence.cmp(&y.evidence),
                text: |r, _| r.evidence.clone(),
                cell: |ui, r, _| cell_text(ui, &r.evidence),
            },
            article_column(Column::initial(100.0).at_least(60.0).clip(true)),
            TableColumn {
                title: "Kind",
                width: Column::initial(80.0).at_least(60.0),
                compare: |x, y, _| x.kind.cmp(&y.kind),
                text: |r, _| kind_label(r.kind).to_owned(),
                cell: |ui, r, _| cell_text(ui, kind_label(r.kind)),
            },
            confidence_column(),
        ];
        let spec = TableSpec {
            id: "relations_table",
            noun: "relations",
            origin: Origin::Relations,
            columns: &columns,
            matches: |r, needle| {
                contains(&r.head, needle)
                    || contains(&r.tail, needle)
                    || contains(&r.trigger, needle)
                    || contains(&r.evidence, needle)
            },
            item: |r| Item::Relation {
                document: r.document,
                relation: r.relation,
            },
            selected: |rows, v| match &v.selection.item {
                Some(Item::Relation { document, relation }) => rows
                    .iter()
                    .position(|r| r.document == *document && r.relation == *relation),
                _ => None,
            },
            menu: Some(relation_menu),
        };
        self.table.ui(ui, view, &spec, rows, filters, |r| {
            (match r.kind {
                RelationKind::Asserted => asserted,
                RelationKind::Cooccurrence => cooccurrence,
            }) && relation_type.is_none_or(|t| t == r.relation_type)
                && below.is_none_or(|t| r.confidence < t)
        });
    }
}

impl ArticleRow for RelationRow {
    fn document(&self) -> usize {
        self.document
    }

    fn place(&self) -> usize {
        self.relation.index()
    }
}

impl Scored for RelationRow {
    fn confidence(&self) -> f32 {
        self.confidence
    }

    fn rule(&self) -> &str {
        &self.rule
    }
}

/// A relation's type as the table shows it: the human label, "not …" when negated,
/// "(hedged)" when modal.
fn relation_label(r: &RelationRow) -> String {
    let mut label = r.relation_type.human_label().to_owned();
    if r.negated {
        label.insert_str(0, "not ");
    }
    if r.modal {
        label.push_str(" (hedged)");
    }
    label
}

/// A relation kind as the table shows it.
fn kind_label(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Asserted => "asserted",
        RelationKind::Cooccurrence => "co-occurrence",
    }
}

/// The menu of a relation row: confirm, reject, change the type (each undoable).
fn relation_menu(ui: &mut egui::Ui, r: &RelationRow, view: &View<'_>, commands: &mut Vec<Command>) {
    let Some(key) = view.documents.get(r.document).and_then(|d| {
        let a = &d.annotations;
        relation_key(a, a.relations.get(r.relation.index())?)
    }) else {
        ui.label("This relation has no mentions to anchor a decision to.");
        return;
    };
    let words = || (String::new(), String::new());
    let mut push = |edit: RelationEdit| {
        commands.push(Command::EditRelation {
            document: r.document,
            key,
            edit: Some(edit),
        });
    };
    if ui.button("Confirm relation").clicked() {
        let (head, tail) = words();
        push(RelationEdit::Confirm { head, tail });
        ui.close();
    }
    if ui.button("Reject relation").clicked() {
        let (head, tail) = words();
        push(RelationEdit::Reject { head, tail });
        ui.close();
    }
    ui.menu_button("Change type", |ui| {
        for t in RelationType::ALL {
            if t != r.relation_type && ui.button(t.human_label()).clicked() {
                let (head, tail) = words();
                push(RelationEdit::Retype {
                    head,
                    tail,
                    relation_type: t,
                });
                ui.close();
            }
        }
    });
}
