//! The workbench on the bundled demo project, opened the way `cargo run` opens it (no paths,
//! no remembered project): the real extraction output, not hand-made annotations.

#![cfg(feature = "ui-tests")]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::dialogs::ScriptedDialogs;
use quarry::app::selection::Item;
use quarry::project::Project;

fn demo_harness() -> Harness<'static, App> {
    let mut app = App::from_project(
        Project::default(),
        None,
        Box::new(ScriptedDialogs::new(vec![])),
    );
    // What `quarry` with no arguments does: the demo project, loaded in the background.
    app.queue_startup(vec![]);
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(quarry::app::fonts::install)
        .build_eframe(move |_cc| app);
    let start = Instant::now();
    harness.step();
    while harness.state().is_busy() || harness.state().project().documents.is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the demo project did not load: {:?}",
            harness.state().notices()
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(2);
    harness
}

#[test]
fn the_demo_project_opens_and_an_entity_row_drives_text_and_network() {
    let mut harness = demo_harness();
    assert_eq!(harness.state().project().documents.len(), 23);
    assert!(!harness.state().is_dirty());

    // Find Lloyd Austin through the table's filter, then click his row.
    harness.get_by_label("Filter:").click();
    harness.get_by_label("Filter:").type_text("Lloyd Austin");
    harness.run_steps(3);
    harness.get_by_label("Lloyd Austin").click();
    harness.run_steps(3);

    let app = harness.state();
    let Some(Item::Entity(key)) = app.selection().item.clone() else {
        panic!("an entity is selected: {:?}", app.selection().item);
    };
    let node = app
        .corpus()
        .graph
        .node_index(&key)
        .expect("Austin is a node");
    assert_eq!(app.corpus().graph.nodes[node].name, "Lloyd Austin");
    assert_eq!(app.selected_node(), Some(node));
    // The reading view shows the commissioning article, the only one that names him.
    let doc = app.current_document().expect("an article is shown");
    assert!(app.project().documents[doc].text.contains("Lloyd Austin"));

    // The network follows the same selection.
    harness.get_by_label("Network").click();
    harness.run_steps(2);
    harness.state_mut().graph_view_mut().wait_for_layout();
    harness.run_steps(3);
    // The selection line names the office the person holds.
    harness.get_by_label_contains("Selected: Lloyd Austin — ");
}
