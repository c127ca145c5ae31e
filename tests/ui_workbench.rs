//! UI tests of the real workbench (`quarry::app::App`) driven headless through
//! `egui_kittest`'s accessibility queries. Documents are hand-annotated (`ui_common`), so these
//! tests do not depend on the extraction pipeline. Run with `DISPLAY` unset.

#![cfg(feature = "ui-tests")]

use crate::ui_common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::command::Command;
use quarry::app::dialogs::{DialogOutcome, ScriptedDialogs};
use quarry::app::selection::{Item, Origin};
use quarry::app::state::Tab;
use quarry::project::Project;

fn project() -> Project {
    Project {
        name: "peace".to_owned(),
        documents: vec![ui_common::peace_document(), ui_common::second_document()],
        ..Project::default()
    }
}

fn harness_with(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(quarry::app::fonts::install)
        .build_eframe(move |_cc| app)
}

fn harness(
    project: Project,
    path: Option<PathBuf>,
    outcomes: Vec<DialogOutcome>,
) -> Harness<'static, App> {
    harness_with(App::from_project(
        project,
        path,
        Box::new(ScriptedDialogs::new(outcomes)),
    ))
}

/// Steps the harness until the background task is done (at most two minutes).
fn wait_until_idle(harness: &mut Harness<'static, App>) {
    let start = Instant::now();
    harness.step();
    while harness.state().is_busy() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "background task did not finish"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(2);
}

#[test]
fn clicking_an_entity_row_selects_it_in_the_text_and_the_network() {
    let mut harness = harness(project(), None, vec![]);
    harness.run_steps(2);
    assert_eq!(harness.state().tab(), Tab::Entities);

    // Both articles mention Qureshi; the second is shown first so the view must follow.
    harness.state_mut().push_command(Command::ShowDocument(1));
    harness.run_steps(2);

    harness.get_by_label("Shah Mehmood Qureshi").click();
    harness.run_steps(3);

    let app = harness.state();
    let key = "PER:shah-mehmood-qureshi";
    assert_eq!(app.selection().item, Some(Item::Entity(key.to_owned())));
    let node = app
        .corpus()
        .graph
        .node_index(key)
        .expect("Qureshi is a node");
    assert_eq!(app.selected_node(), Some(node));
    // The reading view kept the second article, which mentions him.
    assert_eq!(app.current_document(), Some(1));
    // The reading view's heading (a label; the article list entry is a button).
    harness.get_by_role_and_label(egui::accesskit::Role::Label, "Qureshi meets Austin");

    // Selecting Bajwa (only in the first article) switches the reading view to it.
    harness.get_by_label("Qamar Javed Bajwa").click();
    harness.run_steps(3);
    assert_eq!(harness.state().current_document(), Some(0));
    harness.get_by_role_and_label(
        egui::accesskit::Role::Label,
        "US assures Pakistan of continued cooperation for Afghan peace",
    );

    // The network shows the same selection.
    harness.get_by_label("Network").click();
    harness.run_steps(2);
    harness.state_mut().graph_view_mut().wait_for_layout();
    harness.run_steps(3);
    // The selection line names the office the person holds.
    harness.get_by_label_contains("Selected: Qamar Javed Bajwa — ");
    let (nodes, edges, labels) = harness.state().graph_view().last_counts;
    assert!(
        nodes > 5 && edges > 5 && labels > 0,
        "drew {nodes} nodes, {edges} edges, {labels} labels"
    );
}

#[test]
fn selecting_a_mention_in_the_text_selects_the_entity_row() {
    let mut harness = harness(project(), None, vec![]);
    harness.run_steps(2);
    let doc = &harness.state().project().documents[0];
    let (mention_index, _) = doc
        .annotations
        .mentions
        .iter()
        .enumerate()
        .find(|(_, m)| m.span.text(&doc.text).contains("Bajwa"))
        .expect("Bajwa is mentioned");
    harness.state_mut().push_command(Command::Select(
        Some(Item::Mention {
            document: 0,
            mention: quarry::model::MentionId::from_index(mention_index),
        }),
        Origin::Text,
    ));
    harness.run_steps(3);
    let app = harness.state();
    let node = app.corpus().graph.node_index("PER:qamar-javed-bajwa");
    assert_eq!(app.selected_node(), node);
    // The row is selected in the table (accesskit reports selection on the row's cells).
    assert!(harness.query_by_label("Qamar Javed Bajwa").is_some());
}

#[test]
fn filtering_the_entities_table_by_text_and_type() {
    let mut harness = harness(project(), None, vec![]);
    harness.run_steps(2);
    let total = harness.state().corpus().graph.nodes.len();
    harness.get_by_label_contains(&format!("{total} of {total} entities"));
    assert!(harness.query_by_label("Pakistan").is_some());

    harness.get_by_label("Filter:").click();
    harness.get_by_label("Filter:").type_text("qureshi");
    harness.run_steps(3);
    harness.get_by_label(&format!("1 of {total} entities"));
    assert!(harness.query_by_label("Shah Mehmood Qureshi").is_some());
    assert!(harness.query_by_label("Pakistan").is_none());

    // Clear the text, then hide locations by type.
    harness.get_by_label("Filter:").click();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run_steps(2);
    assert!(harness.query_by_label("Pakistan").is_some());
    let locations = harness.state().corpus().type_counts()[2];
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, &format!("LOC {locations}"))
        .click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Pakistan").is_none());
    assert!(harness.query_by_label("Shah Mehmood Qureshi").is_some());
}

#[test]
fn names_in_arabic_script_cyrillic_and_cjk_render() {
    // kittest panics on any character no font covers, so showing these rows is the test.
    let mut harness = harness(project(), None, vec![]);
    harness.run_steps(2);
    for name in ["Москва", "北京", "شاہ محمود قریشی"] {
        assert!(harness.query_by_label(name).is_some(), "{name} is listed");
    }
    harness.state_mut().push_command(Command::ShowDocument(1));
    harness.run_steps(3);
}

#[test]
fn the_title_marks_unsaved_changes_and_new_asks_first() {
    let mut harness = harness(project(), Some(PathBuf::from("/tmp/peace.ron")), vec![]);
    harness.run_steps(2);
    assert_eq!(harness.state().window_title(), "peace — Quarry");
    assert!(!harness.state().is_dirty());

    // Pinning a node (what dragging it does) is a change to the curation.
    harness.state_mut().push_command(Command::PinNode {
        key: "PER:joe-biden".to_owned(),
        position: [10.0, 20.0],
    });
    harness.run_steps(2);
    assert!(harness.state().is_dirty());
    assert_eq!(harness.state().window_title(), "peace • — Quarry");
    assert_eq!(
        harness
            .state()
            .project()
            .curation
            .graph_positions
            .get("PER:joe-biden"),
        Some(&[10.0, 20.0])
    );

    // Ctrl+Z undoes the pin.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .project()
            .curation
            .graph_positions
            .is_empty()
    );

    // New project with unsaved changes asks; Cancel keeps everything.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(2);
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(harness.state().project().documents.len(), 2);
    assert!(harness.query_by_label("Unsaved changes").is_none());

    // Discard really starts afresh.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(2);
    harness.get_by_label("Discard changes").click();
    harness.run_steps(3);
    assert!(harness.state().project().documents.is_empty());
    assert!(!harness.state().is_dirty());
    assert_eq!(harness.state().window_title(), "Untitled — Quarry");
    harness.get_by_label("No articles yet");
}

#[test]
fn no_file_dialog_offers_a_path_field() {
    let mut harness = harness(Project::default(), None, vec![DialogOutcome::Unavailable]);
    harness.run_steps(2);
    harness.get_by_label("Open project…").click();
    harness.run_steps(3);
    harness.get_by_label("No file dialog available");
    let missing = "/nonexistent/quarry/none.ron";
    harness
        .get_by_label("Project file (.ron):")
        .type_text(missing);
    harness.run_steps(1);
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    wait_until_idle(&mut harness);
    let notices = harness.state().notices();
    let last = notices.last().expect("a notice");
    assert!(
        last.text.contains("Could not open the project"),
        "{}",
        last.text
    );
    assert!(last.text.contains(missing), "{}", last.text);
}

#[test]
fn opening_articles_runs_ingest_in_the_background() {
    let files = vec![
        ui_common::shared_article(
            "state-department/09-ambassador-robert-ford-returns-to-syria.txt",
        ),
        ui_common::shared_article("state-department/16-terrorist-attacks-in-baghdad.txt"),
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/articles/state-department/SOURCES.tsv"
        )),
    ];
    let mut harness = harness(Project::default(), None, vec![DialogOutcome::Picked(files)]);
    harness.run_steps(2);
    // The same code path as File → Open articles… (the welcome screen's button).
    harness.get_by_label("Open articles…").click();
    // Frame 1 handles the click and asks the dialog; frame 2 starts the task, which is
    // polled no earlier than frame 3.
    harness.run_steps(2);
    assert!(
        harness.state().is_busy(),
        "ingest runs on a background thread"
    );
    wait_until_idle(&mut harness);
    let app = harness.state();
    assert_eq!(
        app.project().documents.len(),
        2,
        "notices: {:?}",
        app.notices()
    );
    assert!(app.project().documents.iter().all(|d| !d.text.is_empty()));
    // The .tsv is not an article format: it is listed with its reason.
    assert_eq!(app.problems().len(), 1, "{:?}", app.problems());
    assert!(app.problems()[0].1.contains("SOURCES.tsv"));
    assert!(app.is_dirty());
    assert!(app.window_title().contains('•'));
}

#[test]
fn saving_and_reopening_gives_the_same_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.ron");
    let mut harness = harness(
        project(),
        None,
        vec![DialogOutcome::Picked(vec![path.clone()])],
    );
    harness.run_steps(2);
    harness.state_mut().push_command(Command::PinNode {
        key: "LOC:pakistan".to_owned(),
        position: [1.5, -2.5],
    });
    harness.run_steps(2);
    assert!(harness.state().is_dirty());

    // Ctrl+S with no file yet asks where (the scripted dialog answers) and saves.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_until_idle(&mut harness);
    assert!(path.is_file(), "notices: {:?}", harness.state().notices());
    assert!(!harness.state().is_dirty());
    assert_eq!(harness.state().window_title(), "saved — Quarry");
    assert_eq!(
        harness.state().recent_projects(),
        std::slice::from_ref(&path)
    );
    let saved = harness.state().project().clone();

    let mut reopened = harness_with(App::from_project(
        Project::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    ));
    reopened
        .state_mut()
        .push_command(Command::OpenProject(path.clone()));
    wait_until_idle(&mut reopened);
    let loaded = reopened.state().project();
    assert_eq!(loaded.documents.len(), saved.documents.len());
    for (a, b) in loaded.documents.iter().zip(&saved.documents) {
        assert_eq!(a.text, b.text);
        assert_eq!(a.annotations.mentions, b.annotations.mentions);
        assert_eq!(a.annotations.entities, b.annotations.entities);
        assert_eq!(a.annotations.quotes, b.annotations.quotes);
        assert_eq!(a.annotations.relations, b.annotations.relations);
    }
    assert_eq!(loaded.curation, saved.curation);
    assert_eq!(reopened.state().window_title(), "saved — Quarry");
    assert!(!reopened.state().is_dirty());
}

#[test]
fn the_reading_view_layout_is_memoised() {
    let mut harness = harness(project(), None, vec![]);
    harness.run_steps(3);
    let before = harness.state().reading_rebuilds();
    harness.run_steps(5);
    assert_eq!(
        harness.state().reading_rebuilds(),
        before,
        "no change, no rebuild"
    );
    harness.get_by_label("Shah Mehmood Qureshi").click();
    harness.run_steps(3);
    assert!(
        harness.state().reading_rebuilds() > before,
        "a new selection rebuilds"
    );
}

#[test]
fn clicking_a_header_sorts_the_entities_table() {
    let mut harness = harness(project(), None, vec![]);
    harness.run_steps(2);
    let y = |harness: &Harness<'static, App>, name: &str| harness.get_by_label(name).rect().top();

    harness.get_by_label("Name").click();
    harness.run_steps(2);
    assert!(y(&harness, "Afghan") < y(&harness, "Afghanistan"));
    assert!(y(&harness, "Afghanistan") < y(&harness, "Al Jazeera"));

    harness.get_by_label("Name").click();
    harness.run_steps(2);
    assert!(y(&harness, "Al Jazeera") < y(&harness, "Afghanistan"));
    assert!(y(&harness, "Afghanistan") < y(&harness, "Afghan"));
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut harness = harness(project(), None, vec![]);
    harness.run_steps(2);
    harness.state_mut().push_command(Command::UnpinAllNodes);
    harness.state_mut().push_command(Command::PinNode {
        key: "LOC:pakistan".to_owned(),
        position: [0.0, 0.0],
    });
    harness.run_steps(2);
    assert!(harness.state().is_dirty());

    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let cancelled = harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::CancelClose));
    assert!(cancelled, "the close is held back");
    harness.run_steps(2);
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert_eq!(harness.state().project().documents.len(), 2);
}

#[test]
fn re_extracting_replaces_the_annotations_in_the_background_and_keeps_the_curation() {
    // Hand-annotated documents: what the pipeline finds differs from them.
    let mut harness = harness(project(), None, vec![]);
    harness.run_steps(2);
    harness.state_mut().push_command(Command::MergeEntities {
        merge: "LOC:pakistan".to_owned(),
        into: "LOC:afghanistan".to_owned(),
    });
    harness.run_steps(2);
    let curation = harness.state().project().curation.clone();
    assert!(!curation.entities.merges.is_empty());
    let hand_quotes = harness.state().project().documents[0]
        .annotations
        .quotes
        .len();

    // What the pipeline gives on the same text.
    let mut expected = harness.state().project().documents.clone();
    let pipeline = quarry::pipeline::Pipeline::new(&quarry::pipeline::PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"));
    for doc in &mut expected {
        doc.annotations = quarry::model::Annotations::default();
        pipeline.run(doc);
    }
    assert_ne!(expected[0].annotations.mentions.len(), 0);

    harness.get_by_label("Edit").click();
    harness.run_steps(2);
    harness.get_by_label("Re-extract all articles").click();
    wait_until_idle(&mut harness);

    let app = harness.state();
    for (got, want) in app.project().documents.iter().zip(&expected) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.text, want.text);
        assert_eq!(got.annotations.mentions, want.annotations.mentions);
        assert_eq!(got.annotations.quotes, want.annotations.quotes);
        assert_eq!(got.annotations.relations, want.annotations.relations);
    }
    assert_ne!(
        app.project().documents[0].annotations.quotes.len(),
        hand_quotes
    );
    assert_eq!(app.project().curation, curation, "the curation is kept");
    assert!(app.is_dirty());
    let notice = &app.notices().last().expect("a notice").text;
    assert!(notice.starts_with("Re-extracted 2 articles"), "{notice}");
    // The views follow: the entities table lists the re-extracted names.
    harness.get_by_label("Lloyd Austin");
}
