//! Modal dialogs: "Unsaved changes" (Save, Discard, Cancel) before a command that would
//! drop them, the path field shown when no file dialog could be opened, and the window
//! listing the files that could not be read. Also what a file dialog's outcome leads to.

use std::path::PathBuf;

use super::App;
use super::command::{Command, MenuCommand};
use super::dialogs::DialogOutcome;

/// What a typed path (when no file dialog could be shown) is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PathPurpose {
    OpenProject,
    AddArticles,
    SaveProject,
    /// Where to write the export waiting in `App::exporting`.
    Export,
}

/// The path field offered when no file dialog could be shown.
#[derive(Clone, Debug)]
pub(super) struct PathPrompt {
    purpose: PathPurpose,
    text: String,
    focused: bool,
}

impl App {
    /// What a file dialog's `outcome` leads to: the command for the picked paths, nothing
    /// when cancelled, the path field when no dialog could be shown.
    pub(super) fn handle_dialog(&mut self, outcome: DialogOutcome, purpose: PathPurpose) {
        match outcome {
            DialogOutcome::Picked(paths) => match purpose {
                PathPurpose::OpenProject => {
                    if let Some(path) = paths.into_iter().next() {
                        self.commands
                            .push(Command::Discard(Box::new(Command::OpenProject(path))));
                    }
                }
                PathPurpose::AddArticles => self.commands.push(Command::AddArticles(paths)),
                PathPurpose::SaveProject => {
                    if let Some(path) = paths.into_iter().next() {
                        self.commands.push(Command::SaveProjectTo(path));
                    }
                }
                PathPurpose::Export => {
                    if let Some(path) = paths.into_iter().next() {
                        self.commands.push(Command::ExportTo(path));
                    }
                }
            },
            DialogOutcome::Cancelled => {
                // A "Save, then continue" that was not saved does not continue later.
                if purpose == PathPurpose::SaveProject {
                    self.after_save = None;
                }
            }
            DialogOutcome::Unavailable => {
                self.path_prompt = Some(PathPrompt {
                    purpose,
                    text: String::new(),
                    focused: false,
                });
            }
        }
    }

    /// Turns closing the window with unsaved changes into the unsaved-changes dialog.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_discard = Some(Command::Menu(MenuCommand::Quit));
        }
    }

    /// The open modal dialogs and the window of files that could not be read.
    pub(super) fn modals_ui(&mut self, ctx: &egui::Context) {
        if let Some(pending) = self.confirm_discard.clone() {
            let mut close = false;
            egui::Modal::new(egui::Id::unique("confirm_discard")).show(ctx, |ui| {
                ui.heading("Unsaved changes");
                ui.label("The project has changes that are not saved. Discard them?");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        self.after_save = Some(pending.clone());
                        self.commands.push(Command::Menu(MenuCommand::Save));
                        close = true;
                    }
                    if ui.button("Discard changes").clicked() {
                        self.commands
                            .push(Command::Discard(Box::new(pending.clone())));
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
            if close {
                self.confirm_discard = None;
            }
        }

        if let Some(prompt) = &mut self.path_prompt {
            let mut submit = false;
            let mut close = false;
            egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
                ui.heading("No file dialog available");
                ui.label(
                    "No file dialog could be shown on this system (no desktop portal and no \
                     zenity). Type the path instead:",
                );
                let label = ui.label(match prompt.purpose {
                    PathPurpose::OpenProject => "Project file (.ron):",
                    PathPurpose::AddArticles => "Article file or folder:",
                    PathPurpose::SaveProject => "Save to (.ron):",
                    PathPurpose::Export => "Export to:",
                });
                let response = ui.add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .desired_width(420.0)
                        .hint_text("/path/to/file"),
                );
                let response = response.labelled_by(label.id);
                if !prompt.focused {
                    response.request_focus();
                    prompt.focused = true;
                }
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked() {
                        submit = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
            if submit && !prompt.text.trim().is_empty() {
                let path = PathBuf::from(prompt.text.trim());
                self.commands.push(match prompt.purpose {
                    PathPurpose::OpenProject => {
                        Command::Discard(Box::new(Command::OpenProject(path)))
                    }
                    PathPurpose::AddArticles => Command::AddArticles(vec![path]),
                    PathPurpose::SaveProject => Command::SaveProjectTo(path),
                    PathPurpose::Export => Command::ExportTo(path),
                });
                close = true;
            }
            if close {
                self.path_prompt = None;
            }
        }

        if self.show_problems {
            let mut open = true;
            egui::Window::new("Files that could not be read")
                .open(&mut open)
                .default_width(560.0)
                .show(ctx, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(300.0)
                        .show(ui, |ui| {
                            for (path, reason) in &self.problems {
                                ui.label(egui::RichText::new(path.display().to_string()).strong());
                                ui.label(reason);
                                ui.separator();
                            }
                        });
                    if ui.button("Clear").clicked() {
                        self.problems.clear();
                    }
                });
            self.show_problems = open && !self.problems.is_empty();
        }
    }
}
