//! File dialogs behind a small trait, so tests can inject paths.
//!
//! rfd's dialogs must run on the main thread (rfd's threading note); the real
//! implementation blocks the frame while the dialog is open, as every native app does.
//! When no dialog can be shown at all (no desktop portal and no `zenity`), rfd returns
//! "nothing picked" at once, exactly as if the user had pressed Cancel; [`RfdDialogs`] tells
//! the two apart by timing and the app then offers a path field instead.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user picked these paths (at least one).
    Picked(Vec<PathBuf>),
    /// The user closed the dialog without picking anything.
    Cancelled,
    /// No dialog could be shown on this system.
    Unavailable,
}

/// The file dialogs the workbench needs.
pub trait FileDialogs {
    /// Pick one project file (`.ron`).
    fn open_project(&mut self) -> DialogOutcome;
    /// Pick one or more article files of the given extensions.
    fn open_articles(&mut self, extensions: &[&str]) -> DialogOutcome;
    /// Pick one folder of articles.
    fn open_folder(&mut self) -> DialogOutcome;
    /// Pick where to save a project, suggesting `file_name`.
    fn save_project(&mut self, file_name: &str) -> DialogOutcome;
    /// Pick where to write an export file of type `extension`, suggesting `file_name`.
    fn save_export(&mut self, file_name: &str, extension: &str) -> DialogOutcome;
    /// Pick the folder a CSV export writes its files into.
    fn pick_export_folder(&mut self) -> DialogOutcome;
}

/// Native dialogs through rfd (xdg portal, or zenity as its fallback).
#[derive(Debug, Default)]
pub struct RfdDialogs;

/// A dialog that comes back faster than this with nothing was never shown.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(400);

fn outcome(started: Instant, picked: Option<Vec<PathBuf>>) -> DialogOutcome {
    match picked {
        Some(paths) if !paths.is_empty() => DialogOutcome::Picked(paths),
        _ if started.elapsed() < NO_DIALOG_THRESHOLD => DialogOutcome::Unavailable,
        _ => DialogOutcome::Cancelled,
    }
}

impl FileDialogs for RfdDialogs {
    fn open_project(&mut self) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open project")
            .add_filter("Quarry project", &["ron"])
            .pick_file();
        outcome(started, picked.map(|p| vec![p]))
    }

    fn open_articles(&mut self, extensions: &[&str]) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open articles")
            .add_filter("Articles", extensions)
            .pick_files();
        outcome(started, picked)
    }

    fn open_folder(&mut self) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open a folder of articles")
            .pick_folder();
        outcome(started, picked.map(|p| vec![p]))
    }

    fn save_project(&mut self, file_name: &str) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Save project as")
            .add_filter("Quarry project", &["ron"])
            .set_file_name(file_name)
            .save_file();
        outcome(started, picked.map(|p| vec![p]))
    }

    fn save_export(&mut self, file_name: &str, extension: &str) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Export")
            .add_filter(extension.to_uppercase(), &[extension])
            .set_file_name(file_name)
            .save_file();
        outcome(started, picked.map(|p| vec![p]))
    }

    fn pick_export_folder(&mut self) -> DialogOutcome {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Export CSV files into a folder")
            .pick_folder();
        outcome(started, picked.map(|p| vec![p]))
    }
}

/// Dialogs that answer from a queue of prepared outcomes (for tests and scripting).
/// An empty queue answers [`DialogOutcome::Cancelled`].
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// The outcomes to give, first first.
    pub outcomes: std::collections::VecDeque<DialogOutcome>,
}

impl ScriptedDialogs {
    /// Dialogs that will answer with `outcomes` in order.
    pub fn new(outcomes: impl IntoIterator<Item = DialogOutcome>) -> Self {
        Self {
            outcomes: outcomes.into_iter().collect(),
        }
    }

    fn next(&mut self) -> DialogOutcome {
        self.outcomes
            .pop_front()
            .unwrap_or(DialogOutcome::Cancelled)
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open_project(&mut self) -> DialogOutcome {
        self.next()
    }

    fn open_articles(&mut self, _extensions: &[&str]) -> DialogOutcome {
        self.next()
    }

    fn open_folder(&mut self) -> DialogOutcome {
        self.next()
    }

    fn save_project(&mut self, _file_name: &str) -> DialogOutcome {
        self.next()
    }

    fn save_export(&mut self, _file_name: &str, _extension: &str) -> DialogOutcome {
        self.next()
    }

    fn pick_export_folder(&mut self) -> DialogOutcome {
        self.next()
    }
}
