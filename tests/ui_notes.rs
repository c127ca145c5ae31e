//! Notes and tags on the real workbench driven headless by `egui_kittest` (hand-annotated
//! documents from `ui_common`): a note and a tag written on an entity from its row menu,
//! shown in the row's tooltip, chosen in the table's tag filter, found by the notes list's
//! search, and taken back and forth by undo and redo; a tagged entity's tags and note in its
//! network node's tooltip. Run with `DISPLAY` unset.

#![cfg(feature = "ui-tests")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::ui_common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::command::{Command, MenuCommand};
use quarry::app::state::Tab;
use quarry::project::Project;
use quarry::project::notes::ItemKey;
use ui_common::harness;

fn type_into(harness: &mut Harness<'static, App>, role: Role, field: &str, text: &str) {
    harness.get_by_role_and_label(role, field).click();
    harness.run_steps(1);
    harness.get_by_role_and_label(role, field).type_text(text);
    harness.run_steps(2);
}

#[test]
fn a_note_and_tag_on_an_entity_show_in_its_tooltip_filter_the_table_are_found_and_undo() {
    let mut harness = harness(Project {
        documents: vec![ui_common::second_document()],
        ..Project::default()
    });
    let key = ItemKey::Entity("PER:lloyd-austin").stored();
    harness.state_mut().set_tab(Tab::Entities);
    harness.run_steps(2);
    let total = harness.state().corpus().graph.nodes.len();
    assert!(total > 2);
    harness.get_by_label(&format!("{total} of {total} entities"));

    // Right-click the row, Note and tags…, write, Save note.
    ui_common::entities_row(&harness, "Lloyd Austin").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Note and tags…").click();
    harness.run_steps(4);
    harness.get_by_label("Entity PER:lloyd-austin");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        "Note:",
        "check his title",
    );
    type_into(
        &mut harness,
        Role::TextInput,
        "Tags (comma-separated):",
        "Follow-up, summit",
    );
    harness.get_by_label("Save note").click();
    harness.run_steps(3);
    let note = harness.state().project().curation.notes_and_tags[&key].clone();
    assert_eq!(note.note, "check his title");
    assert_eq!(
        note.tags.iter().map(String::as_str).collect::<Vec<_>>(),
        ["Follow-up", "summit"]
    );
    assert!(harness.query_by_label("Note and tags").is_none());

    // The row's tooltip shows the tags and the note.
    ui_common::entities_row(&harness, "Lloyd Austin").hover();
    harness.run_steps(3);
    harness.get_by_label_contains("tags: Follow-up, summit");

    // The table's tag filter keeps only the tagged row.
    harness
        .get_by_role_and_label(Role::ComboBox, "Tag:")
        .click();
    harness.run_steps(3);
    harness.get_by_label("summit").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("1 of {total} entities"));

    // The notes list finds it by a word of the note.
    harness.state_mut().push_command(Command::ToggleNotesList);
    harness.run_steps(4);
    type_into(&mut harness, Role::TextInput, "Search notes:", "title");
    harness.get_by_label("1 notes");
    harness.get_by_label(&key);

    // Undo takes the note away, redo brings it back.
    harness
        .state_mut()
        .push_command(Command::Menu(MenuCommand::Undo));
    harness.run_steps(3);
    assert!(harness.state().project().curation.notes_and_tags.is_empty());
    harness.get_by_label("0 notes");
    harness
        .state_mut()
        .push_command(Command::Menu(MenuCommand::Redo));
    harness.run_steps(3);
    assert_eq!(
        harness.state().project().curation.notes_and_tags[&key],
        note
    );
}

#[test]
fn a_tagged_entity_shows_its_tags_and_note_in_the_network_tooltip() {
    use quarry::project::notes::{ItemNote, parse_tags};
    let mut project = Project {
        documents: vec![ui_common::second_document()],
        ..Project::default()
    };
    project.curation.notes_and_tags.insert(
        ItemKey::Entity("PER:lloyd-austin").stored(),
        ItemNote {
            note: "check his title".to_owned(),
            tags: parse_tags("summit"),
        },
    );
    let mut harness = harness(project);
    ui_common::show_network(&mut harness);
    assert!(harness.query_by_label_contains("tags: summit").is_none());
    let node = harness
        .state()
        .corpus()
        .graph
        .node_index("PER:lloyd-austin")
        .expect("Austin is a node");
    let at = harness
        .state()
        .graph_view()
        .node_screen_position(node)
        .expect("Austin's node is drawn");
    harness.hover_at(at);
    // Tooltips wait for the pointer to rest (half a second of frames).
    harness.run_steps(60);
    harness.get_by_label_contains("tags: summit");
    harness.get_by_label_contains("check his title");
}
