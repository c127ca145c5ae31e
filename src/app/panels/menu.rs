//! The menu bar: File and Edit menus built from [`MenuCommand`]'s table.

use std::path::PathBuf;

use crate::app::command::{Command, MenuCommand};

fn menu_item(ui: &mut egui::Ui, menu: MenuCommand, enabled: bool, commands: &mut Vec<Command>) {
    let (text, tooltip) = menu.text_and_tooltip();
    let mut button = egui::Button::new(text);
    if let Some(shortcut) = menu.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(tooltip)
        .clicked()
    {
        commands.push(Command::Menu(menu));
    }
}

/// The menu bar.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    recent: &[PathBuf],
    can_undo: bool,
    can_redo: bool,
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for menu in [
                MenuCommand::NewProject,
                MenuCommand::OpenProject,
                MenuCommand::OpenArticles,
                MenuCommand::OpenFolder,
            ] {
                menu_item(ui, menu, true, commands);
            }
            ui.menu_button("Recent", |ui| {
                if recent.is_empty() {
                    ui.label("No recent projects");
                }
                for path in recent {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        commands.push(Command::OpenProject(path.clone()));
                    }
                }
            });
            ui.separator();
            menu_item(ui, MenuCommand::Save, true, commands);
            menu_item(ui, MenuCommand::SaveAs, true, commands);
            ui.separator();
            menu_item(ui, MenuCommand::Export, true, commands);
            ui.separator();
            menu_item(ui, MenuCommand::Quit, true, commands);
        });
        ui.menu_button("Edit", |ui| {
            menu_item(ui, MenuCommand::Undo, can_undo, commands);
            menu_item(ui, MenuCommand::Redo, can_redo, commands);
            ui.separator();
            menu_item(ui, MenuCommand::Reextract, true, commands);
            menu_item(ui, MenuCommand::Triage, true, commands);
            if ui
                .button("Notes and tags…")
                .on_hover_text("Every note and tag of the project, with a search field")
                .clicked()
            {
                commands.push(Command::ToggleNotesList);
            }
            if ui
                .button("Unmatched edits…")
                .on_hover_text(
                    "Your edits that the current extraction no longer has: remove or re-anchor",
                )
                .clicked()
            {
                commands.push(Command::ToggleUnmatchedEdits);
            }
            ui.separator();
            menu_item(ui, MenuCommand::FindInArticle, true, commands);
            menu_item(ui, MenuCommand::FindInCorpus, true, commands);
            if ui
                .button("Unpin all network nodes")
                .on_hover_text("Forget every node position you dragged in the network")
                .clicked()
            {
                commands.push(Command::UnpinAllNodes);
            }
        });
    });
}
