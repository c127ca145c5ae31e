//! Recovery of unsaved work (see `project::recovery`): while the project has unsaved
//! changes, a copy is written atomically once a minute (cheaply, on the frame: one RON
//! serialisation); it is removed once the project is saved or the researcher quits without
//! saving. At start, a copy a crash left is offered for restoring or discarding.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::project::recovery;

use super::{App, NoticeLevel};

/// How long unsaved changes wait before a recovery copy is written.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(60);

impl App {
    /// Sets the folder recovery copies go to (`None`: none are written) and looks there for
    /// copies a crash left, to offer them.
    pub fn set_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.recovery_offer = dir.as_deref().map(recovery::find).unwrap_or_default();
        self.recovery_dir = dir;
    }

    /// The recovery copies offered for restoring (newest first).
    pub fn recovery_offer(&self) -> &[recovery::Found] {
        &self.recovery_offer
    }

    /// Writes the recovery copy now if there are unsaved changes it does not hold.
    pub fn write_recovery_now(&mut self) {
        let Some(dir) = self.recovery_dir.clone() else {
            return;
        };
        if !self.is_dirty() || self.recovery_revision == Some(self.edit_revision) {
            return;
        }
        match recovery::write(&dir, self.project_path.as_deref(), &self.project) {
            Ok(path) => {
                if self.recovery_file.as_ref().is_some_and(|old| *old != path) {
                    self.discard_own_recovery();
                }
                self.recovery_file = Some(path);
                self.recovery_revision = Some(self.edit_revision);
            }
            Err(e) => self.notify(
                NoticeLevel::Warning,
                format!("Could not write the recovery copy: {e}"),
            ),
        }
    }

    /// Once a frame: a copy after a minute of unsaved changes; none kept once saved.
    pub(super) fn tick_recovery(&mut self, ctx: &egui::Context) {
        if !self.is_dirty() {
            self.dirty_since = None;
            self.discard_own_recovery();
            return;
        }
        let since = *self.dirty_since.get_or_insert_with(Instant::now);
        let waited = since.elapsed();
        if waited >= RECOVERY_INTERVAL {
            self.write_recovery_now();
            self.dirty_since = Some(Instant::now());
        } else {
            ctx.request_repaint_after(RECOVERY_INTERVAL.saturating_sub(waited));
        }
    }

    /// Removes the recovery copy this session wrote, if any.
    pub(super) fn discard_own_recovery(&mut self) {
        if let Some(path) = self.recovery_file.take() {
            self.recovery_revision = None;
            if let Err(e) = recovery::discard(&path) {
                self.notify(NoticeLevel::Warning, e.to_string());
            }
        }
    }

    /// Restores an offered recovery copy: its project, unsaved, belonging to its file.
    pub(super) fn restore_recovery(&mut self, path: &Path) {
        self.recovery_offer.retain(|f| f.path != path);
        match recovery::read(path) {
            Ok(r) => {
                self.replace_project(r.project, r.project_path);
                // Not saved: the title shows it and the copy stays until it is.
                self.edit_revision += 1;
                self.recovery_file = Some(path.to_owned());
                self.notify(
                    NoticeLevel::Info,
                    format!(
                        "Restored the unsaved work: {}.",
                        recovery::summary(&self.project)
                    ),
                );
            }
            Err(e) => self.notify(NoticeLevel::Error, format!("Could not restore: {e}")),
        }
    }

    /// Discards an offered recovery copy.
    pub(super) fn discard_recovery(&mut self, path: &Path) {
        self.recovery_offer.retain(|f| f.path != path);
        if let Err(e) = recovery::discard(path) {
            self.notify(NoticeLevel::Warning, e.to_string());
        }
    }

    /// The restore prompt, while a copy is offered.
    pub(super) fn recovery_ui(&mut self, ctx: &egui::Context) {
        let Some(found) = self.recovery_offer.first().cloned() else {
            return;
        };
        egui::Modal::new(egui::Id::unique("recovery_offer")).show(ctx, |ui| {
            ui.heading("Unsaved work was found");
            ui.label(format!(
                "Quarry did not close normally. A recovery copy from {} holds {}.",
                recovery::format_time(found.written_at),
                found.summary
            ));
            if let Some(p) = &found.project_path {
                ui.label(format!("It belongs to {}.", p.display()));
            }
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    self.commands
                        .push(super::command::Command::RestoreRecovery(found.path.clone()));
                }
                if ui.button("Discard").clicked() {
                    self.commands
                        .push(super::command::Command::DiscardRecovery(found.path.clone()));
                }
            });
        });
    }
}
