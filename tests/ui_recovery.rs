//! Recovery after a crash, on the real workbench driven headless by `egui_kittest`: a
//! recovery copy is left in the recovery folder as a crashed session leaves it, then the App
//! starts, offers it with its time and contents, and restores or discards it; quitting
//! without saving removes the restored copy. A project whose file is not writable opens
//! read-only, says so, and Save goes to Save as. Run with `DISPLAY` unset.

#![cfg(feature = "ui-tests")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::ui_common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::command::{Command, MenuCommand};
use quarry::app::dialogs::{DialogOutcome, ScriptedDialogs};
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
fn a_project_whose_file_is_not_writable_opens_read_only_and_save_goes_to_save_as() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("archive.ron");
    let project = Project {
        name: "archive".to_owned(),
        documents: vec![ui_common::second_document()],
        ..Project::default()
    };
    project.save(&path).expect("saved");
    let mut permissions = std::fs::metadata(&path).expect("metadata").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).expect("made read-only");
    let before = std::fs::read(&path).expect("read");

    let copy = dir.path().join("mine.ron");
    let app = App::from_project(
        Project::default(),
        None,
        Box::new(ScriptedDialogs::new([DialogOutcome::Picked(vec![
            copy.clone(),
        ])])),
    );
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(quarry::app::fonts::install)
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    harness
        .state_mut()
        .push_command(Command::OpenProject(path.clone()));
    wait_until_idle(&mut harness);
    let app = harness.state();
    assert_eq!(app.project().documents.len(), 1);
    let reason = app.read_only_reason().expect("read-only");
    assert!(reason.contains("not writable"), "{reason}");
    assert_eq!(app.window_title(), "archive (read-only) — Quarry");
    assert!(
        app.notices()
            .iter()
            .any(|n| n.text.contains("read-only") && n.text.contains("Save as")),
        "the researcher is told"
    );

    // Save does not touch the read-only file: it asks where to save a copy.
    harness
        .state_mut()
        .push_command(Command::Menu(MenuCommand::Save));
    harness.run_steps(3); // Save → Save as → the save task.
    wait_until_idle(&mut harness);
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(copy.exists(), "saved as a copy");
    let app = harness.state();
    assert_eq!(app.project_path(), Some(copy.as_path()));
    assert!(app.read_only_reason().is_none());
    assert_eq!(app.window_title(), "mine — Quarry");
    assert_eq!(Project::load(&copy).expect("copy loads").documents.len(), 1);
}
