//! UI tests of relation curation on the real workbench driven headless by `egui_kittest`
//! (hand-annotated documents from `ui_common`): rejecting a relation from its row menu, and
//! adding one the extraction missed between two entities, each undoable. Run with `DISPLAY`
//! unset.

#![cfg(feature = "ui-tests")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::ui_common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::command::{Command, MenuCommand};
use quarry::app::selection::{Item, Origin};
use quarry::app::state::Tab;
use quarry::model::{RelationKind, RelationType};
use quarry::project::Project;
use ui_common::harness;

fn second_project() -> Project {
    Project {
        documents: vec![ui_common::second_document()],
        ..Project::default()
    }
}

/// Whether the relations table holds `head` —type→ `tail` (asserted).
fn has_relation(harness: &Harness<'static, App>, head: &str, ty: RelationType, tail: &str) -> bool {
    harness.state().corpus().relations.iter().any(|r| {
        r.head == head
            && r.tail == tail
            && r.relation_type == ty
            && r.kind == RelationKind::Asserted
    })
}

/// Whether the network has an edge of type `ty` between the nodes of the two keys.
fn has_edge(harness: &Harness<'static, App>, a: &str, ty: RelationType, b: &str) -> bool {
    let graph = &harness.state().corpus().graph;
    let (Some(a), Some(b)) = (graph.node_index(a), graph.node_index(b)) else {
        return false;
    };
    graph.edges.iter().any(|e| {
        e.relation_type == ty && ((e.source, e.target) == (a, b) || (e.source, e.target) == (b, a))
    })
}

fn undo(harness: &mut Harness<'static, App>) {
    harness
        .state_mut()
        .push_command(Command::Menu(MenuCommand::Undo));
    harness.run_steps(3);
}

#[test]
fn rejecting_a_relation_from_its_row_menu_removes_it_from_table_and_network_and_undo_restores_it() {
    let mut harness = harness(second_project());
    let rows = harness.state().corpus().relations.len();
    assert!(has_relation(
        &harness,
        "Lloyd Austin",
        RelationType::Supports,
        "Pakistan"
    ));
    assert!(has_edge(
        &harness,
        "PER:lloyd-austin",
        RelationType::Supports,
        "LOC:pakistan"
    ));
    harness.state_mut().set_tab(Tab::Relations);
    harness.run_steps(2);

    // Two actions: right-click the row (its trigger cell), choose Reject.
    harness.get_by_label("praised").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Reject relation").click();
    harness.run_steps(3);
    assert!(!has_relation(
        &harness,
        "Lloyd Austin",
        RelationType::Supports,
        "Pakistan"
    ));
    assert!(!has_edge(
        &harness,
        "PER:lloyd-austin",
        RelationType::Supports,
        "LOC:pakistan"
    ));
    assert_eq!(harness.state().corpus().relations.len(), rows - 1);
    assert!(harness.query_by_label("praised").is_none());
    let edits: usize = harness
        .state()
        .project()
        .curation
        .edits
        .values()
        .map(|e| e.relations.len())
        .sum();
    assert_eq!(edits, 1);

    undo(&mut harness);
    assert!(has_relation(
        &harness,
        "Lloyd Austin",
        RelationType::Supports,
        "Pakistan"
    ));
    assert!(has_edge(
        &harness,
        "PER:lloyd-austin",
        RelationType::Supports,
        "LOC:pakistan"
    ));
    assert_eq!(harness.state().corpus().relations.len(), rows);
}

#[test]
fn a_relation_can_be_added_between_the_marked_and_the_selected_entity_and_undone() {
    let mut harness = harness(second_project());
    let rows = harness.state().corpus().relations.len();
    assert!(!has_relation(
        &harness,
        "Lloyd Austin",
        RelationType::LocatedIn,
        "Washington"
    ));
    let select = |harness: &mut Harness<'static, App>, key: &str| {
        harness.state_mut().push_command(Command::Select(
            Some(Item::Entity(key.to_owned())),
            Origin::Entities,
        ));
        harness.run_steps(2);
    };
    harness.state_mut().push_command(Command::ToggleMergePanel);
    harness.run_steps(2);
    select(&mut harness, "PER:lloyd-austin");
    harness.get_by_label("Mark “Lloyd Austin”").click();
    harness.run_steps(2);
    select(&mut harness, "LOC:washington");
    // The only sentence naming both is offered as the evidence, already chosen.
    harness.get_by_label("Add a relation from “Lloyd Austin” to “Washington”:");
    harness.get_by_label("Foreign Minister Shah Mehmood Qureshi met Lloyd Austin in Washington.");
    harness.get_by_label("located in").click();
    harness.run_steps(2);
    harness
        .get_by_label("Add relation from “Lloyd Austin” to “Washington”")
        .click();
    harness.run_steps(3);
    assert!(has_relation(
        &harness,
        "Lloyd Austin",
        RelationType::LocatedIn,
        "Washington"
    ));
    assert!(has_edge(
        &harness,
        "PER:lloyd-austin",
        RelationType::LocatedIn,
        "LOC:washington"
    ));
    assert_eq!(harness.state().corpus().relations.len(), rows + 1);

    // Two entities that never share a sentence offer no evidence.
    let moscow = harness
        .state()
        .corpus()
        .graph
        .nodes
        .iter()
        .find(|n| n.name == "Москва")
        .map(|n| n.key.clone())
        .expect("a node for Москва");
    select(&mut harness, &moscow);
    harness.get_by_label("They never appear in one sentence: no evidence to add a relation with.");

    undo(&mut harness);
    assert!(!has_relation(
        &harness,
        "Lloyd Austin",
        RelationType::LocatedIn,
        "Washington"
    ));
    assert_eq!(harness.state().corpus().relations.len(), rows);
}

/// The row of the relation Lloyd Austin —supports→ Pakistan ("praised"), as the table has it.
fn praised(harness: &Harness<'static, App>) -> Option<(RelationType, f32, String)> {
    harness
        .state()
        .corpus()
        .relations
        .iter()
        .find(|r| r.trigger == "praised" && r.kind == RelationKind::Asserted)
        .map(|r| (r.relation_type, r.confidence, r.rule.clone()))
}

#[test]
fn confirming_and_re_typing_a_relation_from_its_row_menu_each_undo_in_one_step() {
    let mut harness = harness(second_project());
    let (ty, confidence, rule) = praised(&harness).expect("the praised relation");
    assert_eq!(ty, RelationType::Supports);
    assert!(
        confidence < 1.0 && rule != "researcher",
        "{confidence} {rule}"
    );
    harness.state_mut().set_tab(Tab::Relations);
    harness.run_steps(2);

    // Confirm: two actions (right-click, Confirm relation).
    harness.get_by_label("praised").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Confirm relation").click();
    harness.run_steps(3);
    assert_eq!(
        praised(&harness),
        Some((RelationType::Supports, 1.0, "researcher".to_owned()))
    );

    // Change the type: right-click, Change type, the new type.
    harness.get_by_label("praised").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Change type").click();
    harness.run_steps(3);
    harness.get_by_label("criticises").click();
    harness.run_steps(3);
    assert_eq!(
        praised(&harness).map(|p| p.0),
        Some(RelationType::Criticises)
    );
    assert!(has_edge(
        &harness,
        "PER:lloyd-austin",
        RelationType::Criticises,
        "LOC:pakistan"
    ));
    assert!(!has_edge(
        &harness,
        "PER:lloyd-austin",
        RelationType::Supports,
        "LOC:pakistan"
    ));

    // Each undo takes one decision back; redo brings the re-typing back.
    undo(&mut harness);
    assert_eq!(
        praised(&harness),
        Some((RelationType::Supports, 1.0, "researcher".to_owned()))
    );
    undo(&mut harness);
    assert_eq!(praised(&harness), Some((ty, confidence, rule)));
    assert!(harness.state().project().curation.edits.is_empty());
    harness
        .state_mut()
        .push_command(Command::Menu(MenuCommand::Redo));
    harness.run_steps(3);
    harness
        .state_mut()
        .push_command(Command::Menu(MenuCommand::Redo));
    harness.run_steps(3);
    assert_eq!(
        praised(&harness).map(|p| p.0),
        Some(RelationType::Criticises)
    );
}
