//! Recovery after a crash, on the real workbench driven headless by `egui_kittest`: a
//! recovery copy is left in the recovery folder as a crashed session leaves it, then the App
//! starts, offers it with its time and contents, and restores or discards it; quitting
//! without saving removes the restored copy. Run with `DISPLAY` unset.

#![cfg(feature = "ui-tests")]

mod ui_common;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::command::{Command, MenuCommand};
use quarry::app::dialogs::ScriptedDialogs;
use quarry::project::{Project, recovery};

/// Leaves a recovery copy of an unsaved one-article project in `dir`, as a crash would.
fn crash(dir: &Path) -> PathBuf {
    let project = Project {
        name: "Crash test".to_owned(),
        documents: vec![ui_common::second_document()],
        ..Project::default()
    };
    let owner = dir.join("work.ron");
    recovery::write(dir, Some(&owner), &project).expect("recovery copy")
}

/// A fresh workbench (empty project) whose recovery folder is `dir`.
fn start(dir: &Path) -> Harness<'static, App> {
    let mut app = App::from_project(
        Project::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    app.set_recovery_dir(Some(dir.to_owned()));
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(quarry::app::fonts::install)
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    harness
}

#[test]
fn a_recovery_copy_left_by_a_crash_is_offered_with_its_time_and_contents_and_restored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = crash(dir.path());
    let written = recovery::read(&file).expect("readable").written_at;
    let mut harness = start(dir.path());
    assert!(harness.state().project().documents.is_empty());
    harness.get_by_label("Unsaved work was found");
    harness.get_by_label(&format!(
        "Quarry did not close normally. A recovery copy from {} holds “Crash test”: 1 articles, \
         0 edits, 0 merges, 0 notes or tags.",
        recovery::format_time(written)
    ));
    harness.get_by_label(&format!(
        "It belongs to {}.",
        dir.path().join("work.ron").display()
    ));

    harness.get_by_label("Restore").click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.project().documents.len(), 1);
    assert_eq!(app.project().name, "Crash test");
    assert!(app.is_dirty(), "restored work is unsaved");
    assert!(app.recovery_offer().is_empty());
    assert!(harness.query_by_label("Unsaved work was found").is_none());
    assert!(file.exists(), "the copy stays until the work is saved");

    // Quitting without saving gives the work up: the copy goes.
    harness
        .state_mut()
        .push_command(Command::Discard(Box::new(Command::Menu(MenuCommand::Quit))));
    harness.run_steps(2);
    assert!(!file.exists());
}

#[test]
fn a_recovery_copy_can_be_discarded_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = crash(dir.path());
    let mut harness = start(dir.path());
    harness.get_by_label("Discard").click();
    harness.run_steps(3);
    assert!(!file.exists());
    assert!(harness.state().project().documents.is_empty());
    assert!(harness.query_by_label("Unsaved work was found").is_none());
    // The next start offers nothing.
    let harness = start(dir.path());
    assert!(harness.state().recovery_offer().is_empty());
}
