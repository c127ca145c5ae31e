//! The unmatched edits window: every edit of the researcher that matches nothing in the
//! current extraction (see [`crate::project::edits::unmatched`]), one row each with what it
//! does, where it was made and why it no longer applies, and two buttons — Remove, and
//! Re-anchor when a nearby matching span was found (its place shown). Opened from the status
//! bar's count of unmatched edits and from Edit › Unmatched edits…; both buttons push
//! undoable commands. The triage queue takes its items from [`rows`] too.

use crate::app::command::Command;
use crate::project::Project;
use crate::project::edits::unmatched::{Reanchor, UnmatchedEdit, find_reanchor, unmatched_edits};

use super::View;

/// One unmatched edit with its re-anchor, if one was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The edit: what, where, why.
    pub edit: UnmatchedEdit,
    /// The nearby matching place found for it.
    pub reanchor: Option<Reanchor>,
    /// That place in words ("bytes 20–22 “Bo”").
    pub reanchor_text: Option<String>,
}

/// The unmatched edits of `project` (its documents as extracted, its curation's edits),
/// each with the re-anchor found for it.
pub fn rows(project: &Project) -> Vec<Row> {
    unmatched_edits(&project.documents, &project.curation.edits)
        .into_iter()
        .map(|edit| {
            let doc = project.documents.iter().find(|d| d.id == edit.document);
            let reanchor = doc.and_then(|d| {
                let edits = project.curation.edits.get(&d.id)?;
                find_reanchor(d, edits, edit.edit)
            });
            let reanchor_text = reanchor.as_ref().zip(doc).map(|(r, d)| r.describe(&d.text));
            Row {
                edit,
                reanchor,
                reanchor_text,
            }
        })
        .collect()
}

/// The command removing the row's edit.
pub fn remove_command(row: &Row) -> Command {
    Command::RemoveEdit {
        document: row.edit.document.clone(),
        edit: row.edit.edit,
    }
}

/// The command re-anchoring the row's edit (`None` when no place was found).
pub fn reanchor_command(row: &Row) -> Option<Command> {
    row.reanchor.as_ref().map(|_| Command::ReanchorEdit {
        document: row.edit.document.clone(),
        edit: row.edit.edit,
    })
}

/// The lines describing one unmatched edit: what, where, why, and where it can move.
pub fn describe_ui(ui: &mut egui::Ui, row: &Row) {
    ui.strong(capitalised(&row.edit.what));
    ui.label(format!("Where: {}", row.edit.place()));
    ui.label(format!("Why: {}.", row.edit.why.text()));
    match &row.reanchor_text {
        Some(to) => ui.label(format!("Can move to {to}.")),
        None => ui.weak("No nearby span matches it."),
    };
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The state of the window.
#[derive(Debug, Default)]
pub struct UnmatchedPanel {
    /// Whether the window is shown.
    pub open: bool,
    /// The rows, and the edit revision they were derived at.
    rows: Option<(u64, Vec<Row>)>,
}

impl UnmatchedPanel {
    /// The window (when open).
    pub fn ui(&mut self, ctx: &egui::Context, view: &mut View<'_>) {
        if !self.open {
            return;
        }
        if self
            .rows
            .as_ref()
            .is_none_or(|(r, _)| *r != view.edit_revision)
        {
            self.rows = Some((view.edit_revision, rows(view.project)));
        }
        let rows = self.rows.as_ref().map_or(&[][..], |(_, r)| r.as_slice());
        let mut open = true;
        egui::Window::new("Unmatched edits")
            .open(&mut open)
            .default_width(560.0)
            .default_pos([360.0, 140.0])
            .show(ctx, |ui| list_ui(ui, rows, view.commands));
        if !open {
            self.open = false;
        }
    }
}

fn list_ui(ui: &mut egui::Ui, rows: &[Row], commands: &mut Vec<Command>) {
    let movable = rows.iter().filter(|r| r.reanchor.is_some()).count();
    let n = rows.len();
    ui.label(format!(
        "{n} unmatched {}, {movable} can be re-anchored",
        if n == 1 { "edit" } else { "edits" }
    ));
    if rows.is_empty() {
        ui.weak("Every edit matches the current extraction.");
        return;
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .max_height(480.0)
        .show(ui, |ui| {
            for (i, row) in rows.iter().enumerate() {
                ui.push_id(i, |ui| {
                    describe_ui(ui, row);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Remove")
                            .on_hover_text("Forget this edit (undoable)")
                            .clicked()
                        {
                            commands.push(remove_command(row));
                        }
                        let reanchor = reanchor_command(row);
                        let button = ui
                            .add_enabled(reanchor.is_some(), egui::Button::new("Re-anchor"))
                            .on_hover_text("Move this edit to the nearby span that matches it")
                            .on_disabled_hover_text("No nearby span matches this edit");
                        if button.clicked()
                            && let Some(command) = reanchor
                        {
                            commands.push(command);
                        }
                    });
                });
                ui.separator();
            }
        });
}
