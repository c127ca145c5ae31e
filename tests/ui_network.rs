//! UI tests of the network view and of offices as a person's attribute: a person node's
//! tooltip names the office the person holds, the entities table has an Office column
//! (sorted, filtered, exported with the table), and on the demo project the diagram's
//! labels at the default zoom do not overlap; an office nobody named holds is a node only
//! once the toolbar's "unheld offices" switch asks for it. Driven headless through `egui_kittest`'s
//! accessibility queries; run with `DISPLAY` unset.

#![cfg(feature = "ui-tests")]

use crate::ui_common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::dialogs::{DialogOutcome, ScriptedDialogs};
use quarry::graph::labels::intersects;
use quarry::model::{EntityType, RelationType};
use quarry::project::Project;

fn peace_project() -> Project {
    Project {
        name: "peace".to_owned(),
        documents: vec![ui_common::peace_document(), ui_common::second_document()],
        ..Project::default()
    }
}

/// Opens the Network tab and waits for its layout.
fn open_network(harness: &mut Harness<'static, App>) {
    harness.get_by_label("Network").click();
    harness.run_steps(2);
    harness.state_mut().graph_view_mut().wait_for_layout();
    harness.run_steps(3);
}

#[test]
fn hovering_a_person_node_shows_the_office_in_its_tooltip() {
    let mut harness = ui_common::harness(peace_project());
    open_network(&mut harness);
    let tooltip = "Shah Mehmood Qureshi — Foreign Minister";
    assert!(
        harness.query_by_label(tooltip).is_none(),
        "no tooltip before hovering"
    );
    let node = harness
        .state()
        .corpus()
        .graph
        .node_index("PER:shah-mehmood-qureshi")
        .unwrap_or_else(|| panic!("Qureshi is a node"));
    let at = harness
        .state()
        .graph_view()
        .node_screen_position(node)
        .unwrap_or_else(|| panic!("Qureshi's node is drawn"));
    harness.hover_at(at);
    // Tooltips wait for the pointer to rest (half a second of frames).
    harness.run_steps(60);
    harness.get_by_label(tooltip);
    // Hovering an empty corner of the canvas shows no node tooltip.
    let canvas = harness.get_by_label("Network diagram").rect();
    harness.hover_at(canvas.right_top() + egui::vec2(-5.0, 5.0));
    harness.run_steps(60);
    assert!(harness.query_by_label(tooltip).is_none());
}

#[test]
fn the_entities_table_has_an_office_column_sorted_filtered_and_exported() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("entities.csv");
    let dialogs = ScriptedDialogs::new(vec![DialogOutcome::Picked(vec![out.clone()])]);
    let mut harness = ui_common::harness_with_dialogs(peace_project(), dialogs);
    let y = |harness: &Harness<'static, App>, text: &str| harness.get_by_label(text).rect().top();

    // Sorted by office (ascending): the office holders first, in the offices' order.
    harness.get_by_label("Office").click();
    harness.run_steps(2);
    assert!(y(&harness, "Chief of Army Staff") < y(&harness, "Foreign Minister"));
    assert!(y(&harness, "Foreign Minister") < y(&harness, "Pakistan"));

    // The text filter matches offices.
    let total = harness.state().corpus().graph.nodes.len();
    harness.get_by_label("Filter:").click();
    harness.get_by_label("Filter:").type_text("army staff");
    harness.run_steps(3);
    harness.get_by_label(&format!("1 of {total} entities"));
    assert!(harness.query_by_label("Qamar Javed Bajwa").is_some());
    assert!(harness.query_by_label("Shah Mehmood Qureshi").is_none());

    // "Export this table" writes the Office column.
    harness.get_by_label("Export this table…").click();
    harness.run_steps(3);
    let mut reader = csv::Reader::from_path(&out).unwrap_or_else(|e| panic!("{e}"));
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_owned)
        .collect();
    let office = header
        .iter()
        .position(|h| h == "Office")
        .unwrap_or_else(|| panic!("an Office column in {header:?}"));
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(&rows[0][0], "Qamar Javed Bajwa");
    assert_eq!(&rows[0][office], "Chief of Army Staff");
}

#[test]
fn demo_network_labels_at_the_default_zoom_do_not_overlap() {
    let mut app = App::from_project(
        Project::default(),
        None,
        Box::new(ScriptedDialogs::new(vec![])),
    );
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
            "the demo did not load"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(2);
    open_network(&mut harness);
    let rects = harness.state().graph_view().label_rects().to_vec();
    let (nodes, _, labels) = harness.state().graph_view().last_counts;
    assert!(
        labels >= 10 && nodes > labels,
        "{labels} labels on {nodes} nodes"
    );
    for (k, a) in rects.iter().enumerate() {
        for b in &rects[k + 1..] {
            assert!(!intersects(a, b), "labels {a:?} and {b:?} overlap");
        }
    }
    // The relation types drawn are named in words on the line under the toolbar.
    harness.run_steps(2);
    let legend = harness
        .state()
        .graph_view()
        .relation_legend()
        .unwrap_or_else(|| panic!("the demo draws asserted edges"));
    println!("{legend}");
    assert!(legend.contains("holds office"), "{legend}");
    assert!(!legend.contains('_'), "{legend}");
    harness.get_by_label(&legend);
}

#[test]
fn the_unheld_offices_switch_adds_offices_nobody_named_holds_as_nodes() {
    let text = "Secretary of Defense Lloyd Austin met Shah Mehmood Qureshi in Washington. \
                The Spokesperson said the talks went well.";
    let names = [
        ui_common::Name {
            canonical: "Lloyd Austin",
            entity_type: EntityType::Person,
            forms: &["Lloyd Austin"],
        },
        ui_common::Name {
            canonical: "Shah Mehmood Qureshi",
            entity_type: EntityType::Person,
            forms: &["Shah Mehmood Qureshi"],
        },
        ui_common::Name {
            canonical: "Secretary of Defense",
            entity_type: EntityType::Title,
            forms: &["Secretary of Defense"],
        },
        ui_common::Name {
            canonical: "Spokesperson",
            entity_type: EntityType::Title,
            forms: &["Spokesperson"],
        },
    ];
    let doc = ui_common::annotate(
        "offices",
        "Austin meets Qureshi",
        text,
        &names,
        &[
            (
                "Lloyd Austin",
                RelationType::OfficeHeld,
                "Secretary of Defense",
                "Secretary",
            ),
            (
                "Lloyd Austin",
                RelationType::Met,
                "Shah Mehmood Qureshi",
                "met",
            ),
        ],
    );
    let project = Project {
        name: "offices".to_owned(),
        documents: vec![doc],
        ..Project::default()
    };
    let mut harness = ui_common::harness(project);
    open_network(&mut harness);
    let keys = |harness: &Harness<'static, App>| -> Vec<String> {
        let graph = &harness.state().corpus().graph;
        graph.nodes.iter().map(|n| n.key.clone()).collect()
    };
    let before = keys(&harness);
    assert!(before.iter().any(|k| k == "PER:lloyd-austin"), "{before:?}");
    assert!(
        !before.iter().any(|k| k.starts_with("TITLE:")),
        "no office is a node by default: {before:?}"
    );
    let graph = &harness.state().corpus().graph;
    let austin = graph
        .node_index("PER:lloyd-austin")
        .and_then(|i| graph.nodes.get(i))
        .unwrap_or_else(|| panic!("Austin is a node"));
    assert_eq!(austin.offices, ["Secretary of Defense"]);

    harness.get_by_label("unheld offices").click();
    harness.run_steps(3);
    let after = keys(&harness);
    assert!(
        after.iter().any(|k| k == "TITLE:spokesperson"),
        "the unheld office is a node once asked for: {after:?}"
    );
    assert!(
        !after.iter().any(|k| k == "TITLE:secretary-of-defense"),
        "a held office stays on its holder: {after:?}"
    );

    harness.get_by_label("unheld offices").click();
    harness.run_steps(3);
    assert_eq!(keys(&harness), before, "switching it off again removes it");
}
