//! UI tests of the window's exports: File › Export… and "Export this table". Run with
//! `DISPLAY` unset.

#![cfg(feature = "ui-tests")]

use crate::ui_common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::dialogs::{DialogOutcome, ScriptedDialogs};
use quarry::project::Project;

fn harness(outcomes: Vec<DialogOutcome>) -> Harness<'static, App> {
    let project = Project {
        name: "peace".to_owned(),
        documents: vec![ui_common::peace_document(), ui_common::second_document()],
        ..Project::default()
    };
    ui_common::harness_with_dialogs(project, ScriptedDialogs::new(outcomes))
}

#[test]
fn file_export_writes_the_chosen_format_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let mut harness = harness(vec![DialogOutcome::Picked(vec![out.clone()])]);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export… Ctrl+E").click();
    harness.run_steps(4);
    // The default format is the HTML report.
    let format = harness.state().exporting().dialog().map(|d| d.format);
    assert_eq!(format, Some(quarry::export::Format::Html));
    harness.get_by_label("Format:");
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Export…")
        .click();
    let start = Instant::now();
    harness.run_steps(3);
    while harness.state().exporting().is_running() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "export did not finish"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.matches("<article").count(),
        2,
        "one section per article"
    );
    assert!(text.contains("Shah Mehmood Qureshi"));
    let last = harness.state().notices().last().unwrap().text.clone();
    assert!(last.contains("Exported html"), "{last}");
}

#[test]
fn export_this_table_writes_the_filtered_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("entities.csv");
    let mut harness = harness(vec![DialogOutcome::Picked(vec![out.clone()])]);
    harness.get_by_label("Filter:").click();
    harness.get_by_label("Filter:").type_text("qureshi");
    harness.run_steps(3);
    harness.get_by_label("Export this table…").click();
    harness.run_steps(3);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header.first().map(String::as_str), Some("Name"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(&rows[0][0], "Shah Mehmood Qureshi");
}
