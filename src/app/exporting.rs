//! Exports from the window: File › Export… (a dialog with the formats and options, then a
//! native save dialog, then the export on a background thread) and "Export this table (as
//! filtered)" on every table (see `panels/tables/table.rs`).
//!
//! Both go through [`crate::export`], so what the window writes is what `quarry export`
//! writes: the project with the researcher's curation, each file replaced atomically.

use std::path::PathBuf;
use std::sync::mpsc;

use crate::export::{self, ExportOptions, Format, Summary};

use super::command::Command;
use super::dialogs::DialogOutcome;
use super::modals::PathPurpose;
use super::{App, NoticeLevel};

/// The File › Export… dialog's choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportDialog {
    /// The format.
    pub format: Format,
    /// Leave out entities with fewer mentions.
    pub min_mentions: usize,
    /// Only asserted relations.
    pub asserted_only: bool,
    /// Only the article shown in the reading view.
    pub current_article_only: bool,
    /// CSV: a byte-order mark for Excel.
    pub excel_bom: bool,
    /// Only what carries this tag ("": everything).
    pub tag: String,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            format: Format::Html,
            min_mentions: 0,
            asserted_only: false,
            current_article_only: false,
            excel_bom: false,
            tag: String::new(),
        }
    }
}

/// An export waiting for its destination.
#[derive(Clone, Debug, PartialEq)]
pub enum PendingExport {
    /// The project, as `format` with `options`.
    Project {
        /// The format.
        format: Format,
        /// The options.
        options: ExportOptions,
    },
    /// One table as shown.
    Table {
        /// The suggested file name.
        file_name: String,
        /// The column titles.
        header: Vec<String>,
        /// The cells, row by row.
        rows: Vec<Vec<String>>,
    },
}

/// A project export running on its thread.
#[derive(Debug)]
struct Running {
    format: Format,
    path: PathBuf,
    result: mpsc::Receiver<crate::Result<Summary>>,
}

/// The window's export state.
#[derive(Debug, Default)]
pub struct Exporting {
    /// The open File › Export… dialog (its last choices are kept while the app runs).
    dialog: Option<ExportDialog>,
    last_choices: ExportDialog,
    pending: Option<PendingExport>,
    running: Option<Running>,
}

impl Exporting {
    /// True while a project export runs.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The open export dialog's choices.
    pub fn dialog(&self) -> Option<&ExportDialog> {
        self.dialog.as_ref()
    }
}

/// The file name the save dialog suggests for the project exported as `format`.
fn suggested_name(project: &str, format: Format) -> String {
    let stem = if project.trim().is_empty() {
        "quarry"
    } else {
        project.trim()
    };
    match format {
        Format::Csv => format!("{stem}-csv"),
        _ => format!("{stem}.{format}"),
    }
}

impl App {
    /// The export state (for tests).
    pub fn exporting(&self) -> &Exporting {
        &self.exporting
    }

    /// Opens the File › Export… dialog with the last choices.
    pub(super) fn open_export_dialog(&mut self) {
        if self.project.documents.is_empty() {
            self.notify(
                NoticeLevel::Warning,
                "The project has no articles to export.",
            );
            return;
        }
        self.exporting.dialog = Some(self.exporting.last_choices.clone());
    }

    /// Asks where to write `pending` (a native dialog, else the path field), then writes it.
    pub(super) fn request_export(&mut self, pending: PendingExport) {
        let outcome = match &pending {
            PendingExport::Project {
                format: Format::Csv,
                ..
            } => self.dialogs.pick_export_folder(),
            PendingExport::Project { format, .. } => self
                .dialogs
                .save_export(&suggested_name(&self.project.name, *format), format.name()),
            PendingExport::Table { file_name, .. } => self.dialogs.save_export(file_name, "csv"),
        };
        self.exporting.pending = Some(pending);
        match outcome {
            DialogOutcome::Picked(paths) => {
                if let Some(path) = paths.into_iter().next() {
                    self.commands.push(Command::ExportTo(path));
                }
            }
            DialogOutcome::Cancelled => self.exporting.pending = None,
            DialogOutcome::Unavailable => self.handle_dialog(outcome, PathPurpose::Export),
        }
    }

    /// Writes the pending export to `path`: a table at once (it is text already), the
    /// project on a background thread.
    pub(super) fn export_to(&mut self, path: PathBuf) {
        let Some(pending) = self.exporting.pending.take() else {
            return;
        };
        match pending {
            PendingExport::Table {
                header,
                rows,
                file_name: _,
            } => match export::write_table_csv(&path, &header, &rows, false) {
                Ok(()) => self.notify(
                    NoticeLevel::Info,
                    format!("Exported {} rows to {}", rows.len(), path.display()),
                ),
                Err(e) => self.notify(
                    NoticeLevel::Error,
                    format!("Could not export the table to {}: {e}", path.display()),
                ),
            },
            PendingExport::Project { format, options } => {
                if self.exporting.running.is_some() {
                    self.notify(NoticeLevel::Warning, "An export is still running.");
                    return;
                }
                let project = self.project.clone();
                let (sender, result) = mpsc::channel();
                let out = path.clone();
                let spawned = std::thread::Builder::new()
                    .name("quarry-export".into())
                    .spawn(move || {
                        let r = export::export(&project, format, &options, &out);
                        // The window may have closed meanwhile; nothing to tell then.
                        let _ = sender.send(r);
                    });
                match spawned {
                    Ok(_) => {
                        self.notify(
                            NoticeLevel::Info,
                            format!("Exporting {format} to {}…", path.display()),
                        );
                        self.exporting.running = Some(Running {
                            format,
                            path,
                            result,
                        });
                    }
                    Err(e) => self.notify(
                        NoticeLevel::Error,
                        format!("Could not start the export: {e}"),
                    ),
                }
            }
        }
    }

    /// Takes in a finished project export (called every frame).
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(running) = &self.exporting.running else {
            return;
        };
        let outcome = match running.result.try_recv() {
            Ok(r) => r,
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                return;
            }
            Err(mpsc::TryRecvError::Disconnected) => Err(crate::Error::Invalid(
                "the export stopped unexpectedly".into(),
            )),
        };
        let (format, path) = (running.format, running.path.clone());
        self.exporting.running = None;
        match outcome {
            Ok(summary) => self.notify(
                NoticeLevel::Info,
                format!("Exported {format} to {}: {summary}", path.display()),
            ),
            Err(e) => self.notify(
                NoticeLevel::Error,
                format!("Could not export {format} to {}: {e}", path.display()),
            ),
        }
    }

    /// The File › Export… dialog.
    pub(super) fn export_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.exporting.dialog else {
            return;
        };
        let mut go = false;
        let mut close = false;
        let current = self
            .current_document
            .and_then(|d| self.project.documents.get(d))
            .map(|d| d.id.clone());
        let notes = &self.project.curation.notes_and_tags;
        egui::Modal::new(egui::Id::unique("export_dialog")).show(ctx, |ui| {
            ui.heading("Export");
            ui.label("Write the project, with your curation, for other tools.");
            ui.add_space(4.0);
            egui::Grid::new("export_grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label("Format:");
                    egui::ComboBox::from_id_salt("export_format")
                        .selected_text(format_title(dialog.format))
                        .show_ui(ui, |ui| {
                            for f in Format::ALL {
                                ui.selectable_value(&mut dialog.format, f, format_title(f));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Min. mentions:");
                    ui.add(egui::DragValue::new(&mut dialog.min_mentions).range(0..=1000))
                        .labelled_by(label.id);
                    ui.end_row();
                    super::panels::tables::table::tag_filter_ui(
                        ui,
                        "export",
                        &mut dialog.tag,
                        notes,
                    );
                    ui.end_row();
                });
            ui.checkbox(&mut dialog.asserted_only, "Asserted relations only")
                .on_hover_text("Leave out co-occurrence edges and rows");
            ui.add_enabled_ui(current.is_some(), |ui| {
                ui.checkbox(&mut dialog.current_article_only, "Only the article shown");
            });
            if dialog.format == Format::Csv {
                ui.checkbox(&mut dialog.excel_bom, "Byte-order mark (for Excel)");
            }
            ui.label(egui::RichText::new(format_help(dialog.format)).weak());
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() {
                    go = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if go {
            let options = ExportOptions {
                min_mentions: dialog.min_mentions,
                asserted_only: dialog.asserted_only,
                articles: if dialog.current_article_only {
                    current.into_iter().collect()
                } else {
                    Vec::new()
                },
                excel_bom: dialog.excel_bom && dialog.format == Format::Csv,
                tag: (!dialog.tag.is_empty()).then(|| dialog.tag.clone()),
            };
            let format = dialog.format;
            self.exporting.last_choices = dialog.clone();
            self.exporting.dialog = None;
            self.commands
                .push(Command::ExportProject { format, options });
        } else if close {
            self.exporting.dialog = None;
        }
    }
}

/// A format as the dialog lists it.
fn format_title(format: Format) -> &'static str {
    match format {
        Format::Csv => "CSV tables (pandas, R, Excel)",
        Format::Gexf => "GEXF network (Gephi)",
        Format::Graphml => "GraphML network",
        Format::Svg => "SVG drawing of the network",
        Format::Png => "PNG picture of the network",
        Format::Html => "HTML report",
        Format::Jsonl => "JSON Lines (interchange)",
    }
}

/// What a format writes.
fn format_help(format: Format) -> &'static str {
    match format {
        Format::Csv => {
            "A folder: articles, entities, mentions, quotes and relations .csv (UTF-8, a header row)."
        }
        Format::Gexf | Format::Graphml => {
            "The entity network as the diagram builds it: types, mentions, positions, edge weights."
        }
        Format::Svg | Format::Png => "The network diagram as laid out, with labels and a legend.",
        Format::Html => {
            "One self-contained file: a summary, then each article highlighted with its quotes \
             and relations."
        }
        Format::Jsonl => "One JSON record per article, as `quarry extract --project` prints.",
    }
}
