//! The egui workbench (behind the `gui` feature).
//!
//! [`App`] holds the open [`Project`], a derived [`corpus::CorpusView`] (rebuilt only when
//! the documents change), the shared [`selection::Selection`], one background
//! [`tasks::Task`] at a time and the state of each panel. UI code pushes
//! [`command::Command`]s; [`App`] runs them at the end of the frame, so nothing changes the
//! project mid-frame. Panels live in `panels/`, one file each; colours in [`theme`].
//!
//! This file keeps the state and the frame (`eframe::App::ui`); what the frame calls lives
//! a concern a file: `dispatch.rs` runs the queued commands, `curation.rs` makes the undoable
//! curation changes they ask for, `background.rs` starts and polls the background task and
//! takes in its results (ingest, re-extraction, load, save), `shown.rs` derives the shown
//! documents and the corpus view and repairs the selection when they change, and
//! `modals.rs` shows the modal dialogs.

mod background;
pub mod bidi;
pub mod command;
pub mod corpus;
mod curation;
mod decisions;
pub mod dialogs;
mod dispatch;
pub mod entity_edits;
mod exporting;
pub mod fonts;
mod modals;
pub mod noise;
mod notes_ui;
mod panels;
mod recovery;
pub mod selection;
mod shown;
pub mod state;
pub mod tasks;
pub mod theme;
mod unmatched;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::Document;
use crate::project::edits::{DocumentEdits, EditReport};
use crate::project::{Curation, Project};

use command::{Command, MenuCommand};
use corpus::CorpusView;
use dialogs::{FileDialogs, RfdDialogs};
use modals::PathPrompt;
use selection::{Origin, Selection};
use shown::{DocChange, shown_documents, total_report};
use state::{PersistedState, Tab};
use tasks::{Progress, Task};

/// The project bundled with the sources, opened when there is nothing else to open.
pub const DEMO_PROJECT: &str = "projects/demo/demo.ron";

/// Opens the workbench window. `paths` are what the command line named: one `.ron`
/// project, article files or folders, or nothing (the last or the demo project).
pub fn run(paths: Vec<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Quarry")
            .with_app_id("quarry")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Quarry",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, paths)))),
    )
    .map_err(|e| format!("could not open the window: {e}"))
}

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Something finished.
    Info,
    /// Something was skipped.
    Warning,
    /// Something failed.
    Error,
}

/// A message for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How serious.
    pub level: NoticeLevel,
    /// The text.
    pub text: String,
}

/// The workbench.
pub struct App {
    project: Project,
    project_path: Option<PathBuf>,
    /// The open project's lock (`None`: new, or read-only because another Quarry holds it).
    project_lock: Option<crate::project::ProjectLock>,
    /// Increases when the documents change (the derived views are rebuilt).
    doc_revision: u64,
    /// The document revision the corpus view was derived from.
    corpus_revision: u64,
    /// What changed in the documents since the corpus view was derived.
    doc_change: DocChange,
    /// Increases whenever the corpus view changes (documents or entity curation): what the
    /// panels memoise on.
    view_revision: u64,
    corpus: CorpusView,
    /// The documents as shown: `project.documents` with the quote and mention edits of the
    /// curation applied (derived with the corpus view, see [`App::rebuild_corpus`]).
    documents: Vec<Document>,
    /// The edits `documents` reflect.
    applied_edits: BTreeMap<String, DocumentEdits>,
    /// Per document, the edits that matched nothing.
    edit_reports: Vec<EditReport>,
    /// All edits that matched nothing (including those of documents not in the project).
    edit_report: EditReport,
    /// Increases on every change to the project; `saved_revision` is the one on disk.
    edit_revision: u64,
    saved_revision: u64,
    selection: Selection,
    current_document: Option<usize>,
    commands: Vec<Command>,
    task: Option<Task>,
    dialogs: Box<dyn FileDialogs>,
    persisted: PersistedState,
    notices: Vec<Notice>,
    problems: Vec<(PathBuf, String)>,
    show_problems: bool,
    path_prompt: Option<PathPrompt>,
    confirm_discard: Option<Command>,
    after_save: Option<Command>,
    allow_close: bool,
    undo: Vec<Curation>,
    redo: Vec<Curation>,
    sent_title: String,
    articles: panels::articles::ArticlesPanel,
    reading: panels::reading::ReadingView,
    entities_table: panels::tables::EntitiesTable,
    quotes_table: panels::tables::QuotesTable,
    relations_table: panels::tables::RelationsTable,
    graph_view: panels::graph_view::GraphView,
    merges: panels::merges::MergePanel,
    search: panels::search::SearchPanel,
    actors: panels::actors::ActorsPanel,
    paths: panels::paths::PathsPanel,
    timeline: panels::timeline::TimelinePanel,
    exporting: exporting::Exporting,
    /// Where recovery copies go (`None`: none are written).
    recovery_dir: Option<PathBuf>,
    /// The recovery copy this session wrote, and the revision it holds.
    recovery_file: Option<PathBuf>,
    recovery_revision: Option<u64>,
    /// When the unsaved changes not yet in a recovery copy began.
    dirty_since: Option<std::time::Instant>,
    /// Recovery copies a crash left, offered at start.
    recovery_offer: Vec<crate::project::recovery::Found>,
    /// Why the open project is read-only (its file is not writable, or another Quarry
    /// holds it), if it is: Save goes to Save as.
    read_only: Option<String>,
    notes_ui: notes_ui::NotesUi,
    triage: panels::triage::TriagePanel,
    unmatched: panels::unmatched::UnmatchedPanel,
    entity_dialog: panels::entity_edit::EntityDialog,
}

/// Finds the bundled demo project next to the sources, the working directory or the
/// executable.
fn find_demo_project() -> Option<PathBuf> {
    let mut candidates = vec![
        Path::new(env!("CARGO_MANIFEST_DIR")).join(DEMO_PROJECT),
        PathBuf::from(DEMO_PROJECT),
    ];
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).map(|dir| dir.join(DEMO_PROJECT)));
    }
    candidates.into_iter().find(|p| p.is_file())
}

fn is_project_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

impl App {
    /// The app as eframe creates it: fonts installed, persisted state restored, and the
    /// command-line `paths` (or the last or demo project) queued for opening.
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        fonts::install(&cc.egui_ctx);
        let persisted: PersistedState = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::from_project(Project::default(), None, Box::new(RfdDialogs));
        app.persisted = persisted;
        app.set_recovery_dir(eframe::storage_dir("quarry").map(|d| d.join("recovery")));
        app.queue_startup(paths);
        app
    }

    /// An app showing `project` (saved at `path`, if any) that asks `dialogs` for files.
    /// This is how tests build the real app without a window.
    pub fn from_project(
        project: Project,
        path: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        let current_document = (!project.documents.is_empty()).then_some(0);
        let (documents, edit_reports) = shown_documents(&project);
        let edit_report = total_report(&project, &edit_reports);
        let corpus = CorpusView::new(&documents, &project.curation.entities);
        let applied_edits = project.curation.edits.clone();
        Self {
            project,
            project_path: path,
            doc_revision: 1,
            corpus_revision: 1,
            doc_change: DocChange::None,
            view_revision: 1,
            corpus,
            documents,
            applied_edits,
            edit_reports,
            edit_report,
            edit_revision: 0,
            saved_revision: 0,
            project_lock: None,
            selection: Selection::default(),
            current_document,
            commands: Vec::new(),
            task: None,
            dialogs,
            persisted: PersistedState::default(),
            notices: Vec::new(),
            problems: Vec::new(),
            show_problems: false,
            path_prompt: None,
            confirm_discard: None,
            after_save: None,
            allow_close: false,
            undo: Vec::new(),
            redo: Vec::new(),
            sent_title: String::new(),
            articles: panels::articles::ArticlesPanel::default(),
            reading: panels::reading::ReadingView::default(),
            entities_table: panels::tables::EntitiesTable::default(),
            quotes_table: panels::tables::QuotesTable::default(),
            relations_table: panels::tables::RelationsTable::default(),
            graph_view: panels::graph_view::GraphView::default(),
            merges: panels::merges::MergePanel::default(),
            search: panels::search::SearchPanel::default(),
            actors: panels::actors::ActorsPanel::default(),
            paths: panels::paths::PathsPanel::default(),
            timeline: panels::timeline::TimelinePanel::default(),
            exporting: exporting::Exporting::default(),
            recovery_dir: None,
            recovery_file: None,
            recovery_revision: None,
            dirty_since: None,
            recovery_offer: Vec::new(),
            read_only: None,
            notes_ui: notes_ui::NotesUi::default(),
            triage: panels::triage::TriagePanel::default(),
            unmatched: panels::unmatched::UnmatchedPanel::default(),
            entity_dialog: panels::entity_edit::EntityDialog::default(),
        }
    }

    /// Queues what to open at start: the command-line paths, else the last project, else
    /// the demo project; with none of these, a notice says how to start.
    pub fn queue_startup(&mut self, paths: Vec<PathBuf>) {
        if paths.len() == 1 && paths.first().is_some_and(|p| is_project_file(p)) {
            self.commands
                .extend(paths.into_iter().map(Command::OpenProject));
        } else if !paths.is_empty() {
            self.commands.push(Command::AddArticles(paths));
        } else if let Some(last) = self.persisted.last_project.clone().filter(|p| p.is_file()) {
            self.commands.push(Command::OpenProject(last));
        } else if let Some(demo) = find_demo_project() {
            self.commands.push(Command::OpenProject(demo));
        } else {
            self.notify(
                NoticeLevel::Info,
                format!(
                    "No project open (the demo project {DEMO_PROJECT} was not found). \
                     Use File > Open articles… or drop article files on the window."
                ),
            );
        }
    }

    /// The open project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The file the project was loaded from or saved to.
    pub fn project_path(&self) -> Option<&Path> {
        self.project_path.as_deref()
    }

    /// The derived tables and network.
    pub fn corpus(&self) -> &CorpusView {
        &self.corpus
    }

    /// The documents as shown: the extraction with the researcher's quote and mention edits
    /// applied (`project().documents` is the extraction as saved).
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// How many quote and mention edits match nothing in the current extraction.
    pub fn edit_report(&self) -> EditReport {
        self.edit_report
    }

    /// The current selection.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The article shown in the reading view.
    pub fn current_document(&self) -> Option<usize> {
        self.current_document
    }

    /// The network node the selection points at (what the diagram highlights).
    pub fn selected_node(&self) -> Option<usize> {
        panels::selected_node(&self.documents, &self.corpus, &self.selection)
    }

    /// The open tab.
    pub fn tab(&self) -> Tab {
        self.persisted.tab
    }

    /// Switches the central tab.
    pub fn set_tab(&mut self, tab: Tab) {
        self.persisted.tab = tab;
    }

    /// True when the project has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.edit_revision != self.saved_revision
    }

    /// True while a background task runs.
    pub fn is_busy(&self) -> bool {
        self.task.is_some()
    }

    /// The running task's progress.
    pub fn progress(&self) -> Option<Progress> {
        self.task.as_ref().map(Task::progress)
    }

    /// Messages shown so far, oldest first.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Files that failed to load, with the reason.
    pub fn problems(&self) -> &[(PathBuf, String)] {
        &self.problems
    }

    /// Recent projects, most recent first.
    pub fn recent_projects(&self) -> &[PathBuf] {
        &self.persisted.recent_projects
    }

    /// The window title: project name, then "•" when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let name = self
            .project_path
            .as_deref()
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
            .or_else(|| (!self.project.name.is_empty()).then(|| self.project.name.clone()))
            .unwrap_or_else(|| "Untitled".to_owned());
        let marker = if self.is_dirty() { " •" } else { "" };
        let read_only = if self.read_only.is_some() {
            " (read-only)"
        } else {
            ""
        };
        format!("{name}{read_only}{marker} — Quarry")
    }

    /// Why the open project is read-only (its file is not writable, or another Quarry holds
    /// it), if it is.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Queues a command (run at the end of the next frame).
    pub fn push_command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Graph view settings and state (for tests and the benchmark).
    pub fn graph_view(&self) -> &panels::graph_view::GraphView {
        &self.graph_view
    }

    /// How often the reading view rebuilt its text layout (it is memoised).
    pub fn reading_rebuilds(&self) -> u64 {
        self.reading.rebuilds
    }

    /// The search panel (its results and errors, for tests).
    pub fn search(&self) -> &panels::search::SearchPanel {
        &self.search
    }

    /// The timeline tab's last timeline (for tests).
    pub fn timeline(&self) -> Option<&crate::search::timeline::Timeline> {
        self.timeline.shown()
    }

    /// The article and the spans the reading view last highlighted strongly.
    pub fn reading_highlight(&self) -> Option<(usize, &[crate::model::Span])> {
        self.reading.highlighted()
    }

    /// Mutable graph view settings.
    pub fn graph_view_mut(&mut self) -> &mut panels::graph_view::GraphView {
        &mut self.graph_view
    }

    /// Adds a message for the status bar.
    fn notify(&mut self, level: NoticeLevel, text: impl Into<String>) {
        self.notices.push(Notice {
            level,
            text: text.into(),
        });
    }

    /// Notes that the documents changed (the derived views are rebuilt next frame).
    fn documents_changed(&mut self) {
        self.doc_revision += 1;
        self.edit_revision += 1;
        self.selection.set(None, Origin::Other);
        if self
            .current_document
            .is_none_or(|d| d >= self.project.documents.len())
        {
            self.current_document = (!self.project.documents.is_empty()).then_some(0);
        }
    }

    /// Shows another project (no undo history, nothing unsaved).
    fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.project = project;
        self.project_path = path;
        self.project_lock = None;
        self.read_only = None;
        self.doc_revision += 1;
        self.doc_change = DocChange::Reset;
        self.merges = panels::merges::MergePanel::default();
        self.edit_revision += 1;
        self.saved_revision = self.edit_revision;
        self.selection.set(None, Origin::Other);
        self.current_document = (!self.project.documents.is_empty()).then_some(0);
        self.undo.clear();
        self.redo.clear();
    }

    /// Queues opening the files dropped on the window.
    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::OpenDropped(dropped));
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_task();
        self.poll_export(&ctx);
        self.rebuild_corpus();
        // The triage queue's keys first: while it is open they are its own.
        self.triage.read_keys(&ctx);
        if let Some(menu) = MenuCommand::pressed(&ctx) {
            self.commands.push(Command::Menu(menu));
        }
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| {
            panels::menu::menu_bar_ui(
                ui,
                &self.persisted.recent_projects,
                !self.undo.is_empty(),
                !self.redo.is_empty(),
                &mut self.commands,
            );
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            panels::status::status_bar_ui(
                ui,
                self.task.as_ref(),
                self.notices.last(),
                self.problems.len(),
                &mut self.show_problems,
                &self.corpus,
                self.edit_report,
                &mut self.commands,
            );
        });

        let mut view = panels::View {
            project: &self.project,
            documents: &self.documents,
            corpus: &self.corpus,
            selection: &self.selection,
            current_document: self.current_document,
            doc_revision: self.view_revision,
            edit_revision: self.edit_revision,
            commands: &mut self.commands,
        };
        egui::Panel::left("articles")
            .resizable(true)
            .default_size(240.0)
            .min_size(160.0)
            .show(ui, |ui| self.articles.ui(ui, &mut view));
        egui::Panel::right("reading")
            .resizable(true)
            .default_size(480.0)
            .min_size(240.0)
            .show(ui, |ui| self.reading.ui(ui, &mut view));
        let tab = &mut self.persisted.tab;
        egui::CentralPanel::default().show(ui, |ui| {
            if view.project.documents.is_empty() {
                panels::welcome_ui(ui, self.task.is_some(), view.commands);
                return;
            }
            // Wrapped: in a narrow window the search bar goes to a second line rather than
            // widening the tab (and pushing its columns under the reading view).
            ui.horizontal_wrapped(|ui| {
                for t in Tab::ALL {
                    ui.selectable_value(tab, t, t.title());
                }
                ui.separator();
                if self.search.bar_ui(ui, &mut view) {
                    *tab = Tab::Search;
                }
            });
            ui.separator();
            match *tab {
                Tab::Entities => self.entities_table.ui(ui, &mut view),
                Tab::Quotes => self.quotes_table.ui(ui, &mut view),
                Tab::Relations => self.relations_table.ui(ui, &mut view),
                Tab::Network => self.graph_view.ui(ui, &mut view),
                Tab::Search => self.search.ui(ui, &mut view),
                Tab::Timeline => self.timeline.ui(ui, &mut view),
                Tab::Actors => self.actors.ui(ui, &mut view),
                Tab::Paths => self.paths.ui(ui, &mut view),
            }
        });

        self.merges.ui(&ctx, &mut view);
        self.entity_dialog.ui(&ctx, &mut view);
        self.triage.ui(&ctx, &mut view);
        self.unmatched.ui(&ctx, &mut view);
        self.notes_ui
            .ui(&ctx, &view.project.curation.notes_and_tags, view.commands);

        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            panels::drop_overlay_ui(&ctx);
        }
        self.modals_ui(&ctx);
        self.export_dialog_ui(&ctx);
        self.recovery_ui(&ctx);
        self.tick_recovery(&ctx);

        let title = self.window_title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
        self.run_commands(&ctx);
        if self.task.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }
}
