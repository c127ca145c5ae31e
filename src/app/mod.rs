//! The egui workbench (behind the `gui` feature).
//!
//! [`App`] holds the open [`Project`], a derived [`corpus::CorpusView`] (rebuilt only when
//! the documents change), the shared [`selection::Selection`], one background
//! [`tasks::Task`] at a time and the state of each panel. UI code pushes
//! [`command::Command`]s; [`App`] runs them at the end of the frame, so nothing changes the
//! project mid-frame. Panels live in `panels/`, one file each; colours in [`theme`].

pub mod bidi;
pub mod command;
pub mod corpus;
pub mod dialogs;
pub mod fonts;
mod panels;
pub mod selection;
pub mod state;
pub mod tasks;
pub mod theme;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::ingest;
use crate::model::Document;
use crate::project::edits::{self, DocumentEdits, EditReport, MentionEdit, QuoteEdit};
use crate::project::{Curation, Project};

use command::{Command, MenuCommand};
use corpus::CorpusView;
use dialogs::{DialogOutcome, FileDialogs, RfdDialogs};
use selection::{Item, Origin, Selection};
use state::{PersistedState, Tab};
use tasks::{Progress, Task, TaskResult};

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

/// What a typed path (when no file dialog could be shown) is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PathPurpose {
    OpenProject,
    AddArticles,
    SaveProject,
}

/// The path field offered when no file dialog could be shown.
#[derive(Clone, Debug)]
struct PathPrompt {
    purpose: PathPurpose,
    text: String,
    focused: bool,
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
}

/// How the documents changed since the corpus view was last derived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DocChange {
    /// Nothing.
    None,
    /// Documents were appended from this index on.
    Appended(usize),
    /// Anything else: derive afresh.
    Reset,
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
        format!("{name}{marker} — Quarry")
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

    /// Mutable graph view settings.
    pub fn graph_view_mut(&mut self) -> &mut panels::graph_view::GraphView {
        &mut self.graph_view
    }

    fn notify(&mut self, level: NoticeLevel, text: impl Into<String>) {
        self.notices.push(Notice {
            level,
            text: text.into(),
        });
    }

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

    fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.project = project;
        self.project_path = path;
        self.project_lock = None;
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

    fn start_task(
        &mut self,
        start: impl FnOnce(&egui::Context) -> std::io::Result<Task>,
        ctx: &egui::Context,
    ) {
        if let Some(task) = &self.task {
            let text = format!("Wait for “{}” to finish (or cancel it) first.", task.label);
            self.notify(NoticeLevel::Warning, text);
            return;
        }
        match start(ctx) {
            Ok(task) => self.task = Some(task),
            Err(e) => self.notify(
                NoticeLevel::Error,
                format!("Could not start a background thread: {e}"),
            ),
        }
    }

    fn poll_task(&mut self) {
        let Some(result) = self.task.as_ref().and_then(Task::poll) else {
            return;
        };
        self.task = None;
        match result {
            TaskResult::Ingested { report, cancelled } => {
                if cancelled {
                    self.notify(NoticeLevel::Warning, "Cancelled: no articles were added.");
                    return;
                }
                for (path, error) in report.failures {
                    self.problems.push((path, error.to_string()));
                    self.show_problems = true;
                }
                self.merge_documents(report.documents);
            }
            TaskResult::Reextracted {
                documents,
                cancelled,
            } => {
                if cancelled {
                    self.notify(
                        NoticeLevel::Warning,
                        "Cancelled: the articles keep their extraction.",
                    );
                    return;
                }
                self.apply_reextraction(documents);
            }
            TaskResult::Loaded {
                path,
                result,
                lock,
                read_only,
            } => match result {
                Ok(project) => {
                    let n = project.documents.len();
                    self.persisted.remember(&path);
                    self.replace_project(project, Some(path));
                    self.project_lock = lock;
                    match read_only {
                        Some(reason) => self.notify(
                            NoticeLevel::Warning,
                            format!("Opened read-only (saving is refused): {reason}"),
                        ),
                        None => self.notify(
                            NoticeLevel::Info,
                            format!("Opened a project of {n} articles."),
                        ),
                    }
                }
                Err(error) => {
                    self.notify(
                        NoticeLevel::Error,
                        format!("Could not open the project: {error}"),
                    );
                }
            },
            TaskResult::Saved {
                path,
                result,
                edit_revision,
                lock,
            } => match result {
                Ok(()) => {
                    if lock.is_some() {
                        self.project_lock = lock;
                    }
                    self.saved_revision = edit_revision;
                    self.persisted.remember(&path);
                    self.notify(NoticeLevel::Info, format!("Saved {}", path.display()));
                    self.project_path = Some(path);
                    if let Some(next) = self.after_save.take() {
                        self.commands.push(Command::Discard(Box::new(next)));
                    }
                }
                Err(error) => {
                    self.after_save = None;
                    self.notify(NoticeLevel::Error, format!("Could not save: {error}"));
                }
            },
            TaskResult::Crashed { label } => {
                self.notify(
                    NoticeLevel::Error,
                    format!("“{label}” stopped unexpectedly."),
                );
            }
        }
    }

    /// Puts re-extracted annotations in place: for each article still in the project with
    /// the same text (matched by id), the new layers replace the old.
    fn apply_reextraction(&mut self, documents: Vec<Document>) {
        let count = |docs: &[Document]| -> (usize, usize, usize) {
            docs.iter().fold((0, 0, 0), |(m, q, r), d| {
                let a = &d.annotations;
                (
                    m + a.mentions.len(),
                    q + a.quotes.len(),
                    r + a.relations.len(),
                )
            })
        };
        let before = count(&self.project.documents);
        let mut replaced = 0;
        for fresh in documents {
            if let Some(doc) = self
                .project
                .documents
                .iter_mut()
                .find(|d| d.id == fresh.id && d.content_hash == fresh.content_hash)
            {
                doc.annotations = fresh.annotations;
                replaced += 1;
            }
        }
        if replaced == 0 {
            self.notify(NoticeLevel::Warning, "No article was re-extracted.");
            return;
        }
        let after = count(&self.project.documents);
        self.doc_change = DocChange::Reset;
        self.documents_changed();
        self.notify(
            NoticeLevel::Info,
            format!(
                "Re-extracted {replaced} article{}: {} mentions (were {}), {} quotes (were {}), \
                 {} relations (were {}).",
                if replaced == 1 { "" } else { "s" },
                after.0,
                before.0,
                after.1,
                before.1,
                after.2,
                before.2
            ),
        );
    }

    fn merge_documents(&mut self, documents: Vec<Document>) {
        let mut added = 0;
        let mut duplicates = 0;
        for mut doc in documents {
            if self
                .project
                .documents
                .iter()
                .any(|d| d.content_hash == doc.content_hash)
            {
                duplicates += 1;
                continue;
            }
            let base = doc.id.clone();
            let mut n = 2;
            while self.project.documents.iter().any(|d| d.id == doc.id) {
                doc.id = format!("{base}-{n}");
                n += 1;
            }
            self.project.documents.push(doc);
            added += 1;
        }
        if added > 0 {
            let first_new = self.project.documents.len() - added;
            self.doc_change = match self.doc_change {
                DocChange::None => DocChange::Appended(first_new),
                DocChange::Appended(start) => DocChange::Appended(start.min(first_new)),
                DocChange::Reset => DocChange::Reset,
            };
            self.documents_changed();
            self.current_document = Some(first_new);
        }
        let mut text = format!(
            "Added {added} article{}.",
            if added == 1 { "" } else { "s" }
        );
        if duplicates > 0 {
            use std::fmt::Write as _;
            write!(text, " {duplicates} already open were skipped.").ok();
        }
        let level = if added == 0 {
            NoticeLevel::Warning
        } else {
            NoticeLevel::Info
        };
        self.notify(level, text);
    }

    fn needs_confirmation(&self, command: &Command) -> bool {
        self.is_dirty()
            && matches!(
                command,
                Command::Menu(
                    MenuCommand::NewProject | MenuCommand::OpenProject | MenuCommand::Quit
                ) | Command::OpenProject(_)
            )
    }

    fn handle_dialog(&mut self, outcome: DialogOutcome, purpose: PathPurpose) {
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

    fn suggested_file_name(&self) -> String {
        let stem = if self.project.name.trim().is_empty() {
            "project".to_owned()
        } else {
            self.project
                .name
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect()
        };
        format!("{stem}.ron")
    }

    /// Runs the queued commands (end of frame).
    fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.run_command(ctx, command);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if self.needs_confirmation(&command) {
            self.confirm_discard = Some(command);
            return;
        }
        self.run_command_unchecked(ctx, command);
    }

    fn run_command_unchecked(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Discard(inner) => {
                if matches!(*inner, Command::Menu(MenuCommand::Quit)) {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                } else {
                    self.run_command_unchecked(ctx, *inner);
                }
            }
            Command::Menu(menu) => self.run_menu_command(ctx, menu),
            Command::OpenProject(path) => self.start_task(|ctx| Task::load(ctx, path), ctx),
            Command::AddArticles(paths) => {
                if self.project.name.is_empty()
                    && self.project.documents.is_empty()
                    && let Some(first) = paths.first()
                {
                    self.project.name = first
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                }
                let settings = self.project.settings.clone();
                self.start_task(|ctx| Task::ingest(ctx, paths, settings), ctx);
            }
            Command::OpenDropped(paths) => {
                let (projects, articles): (Vec<PathBuf>, Vec<PathBuf>) =
                    paths.into_iter().partition(|p| is_project_file(p));
                if let Some(project) = projects.into_iter().next() {
                    self.run_command(ctx, Command::OpenProject(project));
                } else if !articles.is_empty() {
                    self.run_command(ctx, Command::AddArticles(articles));
                }
            }
            Command::SaveProjectTo(mut path) => {
                if !is_project_file(&path) {
                    path.set_extension("ron");
                }
                if self.project.name.is_empty() {
                    self.project.name = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                }
                let snapshot = self.project.clone();
                let revision = self.edit_revision;
                self.start_task(|ctx| Task::save(ctx, snapshot, path, revision), ctx);
            }
            Command::Select(item, origin) => self.select(item, origin),
            Command::ShowDocument(document) => {
                if document < self.project.documents.len() {
                    self.current_document = Some(document);
                    self.selection
                        .set(Some(Item::Document(document)), Origin::Articles);
                }
            }
            Command::PinNode { key, position } => {
                self.undo.push(self.project.curation.clone());
                self.redo.clear();
                self.project.curation.graph_positions.insert(key, position);
                self.edit_revision += 1;
            }
            Command::MergeEntities { merge, into } => {
                if merge != into {
                    self.change_entity_curation(|c| {
                        // Merging back into a node merged away from it undoes that merge.
                        if c.merges.get(&into) == Some(&merge) {
                            c.merges.remove(&into);
                        }
                        c.merges.insert(merge, into);
                    });
                }
            }
            Command::RejectMerge { a, b } => {
                self.change_entity_curation(|c| {
                    c.rejected.insert((a, b));
                });
            }
            Command::SplitEntity(key) => {
                self.change_entity_curation(|c| {
                    c.merges.remove(&key);
                });
            }
            Command::SplitOff { key, name } => {
                self.change_entity_curation(|c| {
                    c.split.insert((key, name));
                });
            }
            Command::Rejoin { key, name } => {
                self.change_entity_curation(|c| {
                    c.split.remove(&(key, name));
                });
            }
            Command::DeleteQuote { document, content } => {
                self.change_document_edits(document, |edits, raw| {
                    let text = edits::excerpt(content.text(&raw.text));
                    edits.quotes.insert(content, QuoteEdit::Delete { text });
                });
            }
            Command::ConfirmQuote { document, content } => {
                self.change_document_edits(document, |edits, raw| {
                    // A speaker the researcher set is confirmed already.
                    if !matches!(edits.quotes.get(&content), Some(QuoteEdit::Speaker { .. })) {
                        let text = edits::excerpt(content.text(&raw.text));
                        edits.quotes.insert(content, QuoteEdit::Confirm { text });
                    }
                });
            }
            Command::SetQuoteSpeaker {
                document,
                content,
                speaker,
                mention,
            } => {
                self.change_document_edits(document, |edits, raw| {
                    let text = edits::excerpt(content.text(&raw.text));
                    edits.quotes.insert(
                        content,
                        QuoteEdit::Speaker {
                            text,
                            speaker,
                            mention,
                        },
                    );
                });
            }
            Command::DeleteMention { document, span } => {
                self.edit_mention(
                    document,
                    span,
                    &MentionEdit::Delete {
                        text: String::new(),
                    },
                );
            }
            Command::RetypeMention {
                document,
                span,
                entity_type,
            } => {
                self.edit_mention(
                    document,
                    span,
                    &MentionEdit::Retype {
                        text: String::new(),
                        entity_type,
                    },
                );
            }
            Command::AddMention {
                document,
                span,
                entity_type,
            } => {
                // Only words: no empty span, none starting or ending in whitespace.
                let words = self
                    .project
                    .documents
                    .get(document)
                    .map_or("", |d| span.text(&d.text));
                if !words.is_empty() && words.trim() == words {
                    self.edit_mention(
                        document,
                        span,
                        &MentionEdit::Add {
                            text: String::new(),
                            entity_type,
                        },
                    );
                }
            }
            Command::ToggleMergePanel => self.merges.open = !self.merges.open,
            Command::UnpinAllNodes => {
                if !self.project.curation.graph_positions.is_empty() {
                    self.undo.push(self.project.curation.clone());
                    self.redo.clear();
                    self.project.curation.graph_positions.clear();
                    self.edit_revision += 1;
                }
            }
            Command::CancelTask => {
                if let Some(task) = &self.task {
                    task.cancel();
                }
            }
        }
    }

    /// Changes the entity curation (undoable) when `change` changes it.
    fn change_entity_curation(&mut self, change: impl FnOnce(&mut crate::project::EntityCuration)) {
        let mut entities = self.project.curation.entities.clone();
        change(&mut entities);
        if entities != self.project.curation.entities {
            self.undo.push(self.project.curation.clone());
            self.redo.clear();
            self.project.curation.entities = entities;
            self.edit_revision += 1;
        }
    }

    fn run_menu_command(&mut self, ctx: &egui::Context, menu: MenuCommand) {
        match menu {
            MenuCommand::NewProject => {
                self.replace_project(Project::default(), None);
                self.notify(NoticeLevel::Info, "New empty project.");
            }
            MenuCommand::OpenProject => {
                let outcome = self.dialogs.open_project();
                self.handle_dialog(outcome, PathPurpose::OpenProject);
            }
            MenuCommand::OpenArticles => {
                let outcome = self.dialogs.open_articles(ingest::SUPPORTED_EXTENSIONS);
                self.handle_dialog(outcome, PathPurpose::AddArticles);
            }
            MenuCommand::OpenFolder => {
                let outcome = self.dialogs.open_folder();
                self.handle_dialog(outcome, PathPurpose::AddArticles);
            }
            MenuCommand::Save => match self.project_path.clone() {
                Some(path) => self.run_command(ctx, Command::SaveProjectTo(path)),
                None => self.run_menu_command(ctx, MenuCommand::SaveAs),
            },
            MenuCommand::SaveAs => {
                let name = self.suggested_file_name();
                let outcome = self.dialogs.save_project(&name);
                self.handle_dialog(outcome, PathPurpose::SaveProject);
            }
            MenuCommand::Undo => {
                if let Some(previous) = self.undo.pop() {
                    let current = std::mem::replace(&mut self.project.curation, previous);
                    self.redo.push(current);
                    self.edit_revision += 1;
                }
            }
            MenuCommand::Redo => {
                if let Some(next) = self.redo.pop() {
                    let current = std::mem::replace(&mut self.project.curation, next);
                    self.undo.push(current);
                    self.edit_revision += 1;
                }
            }
            MenuCommand::Reextract => {
                if self.project.documents.is_empty() {
                    self.notify(NoticeLevel::Warning, "There are no articles to re-extract.");
                    return;
                }
                let documents = self.project.documents.clone();
                let settings = self.project.settings.clone();
                self.start_task(|ctx| Task::reextract(ctx, documents, settings), ctx);
            }
            MenuCommand::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn select(&mut self, item: Option<Item>, origin: Origin) {
        if let Some(document) = item.as_ref().and_then(Item::document) {
            if document < self.project.documents.len() {
                self.current_document = Some(document);
            }
        } else if let Some(Item::Entity(key)) = &item {
            // Show an article that mentions the entity, preferring the current one.
            if let Some(node) = self
                .corpus
                .graph
                .node_index(key)
                .and_then(|n| self.corpus.graph.nodes.get(n))
            {
                let in_current = self
                    .current_document
                    .is_some_and(|d| node.occurrences.iter().any(|o| o.document == d));
                if !in_current {
                    self.current_document = node.occurrences.first().map(|o| o.document);
                }
            }
        }
        self.selection.set(item, origin);
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_discard = Some(Command::Menu(MenuCommand::Quit));
        }
    }

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

    fn modals_ui(&mut self, ctx: &egui::Context) {
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

    /// Brings the shown documents and the corpus view up to date with the documents
    /// (incrementally when articles were appended), the quote and mention edits (only the
    /// edited articles are derived again) and the entity curation (merges, undo, redo).
    fn rebuild_corpus(&mut self) {
        let edits_changed = self.applied_edits != self.project.curation.edits;
        let documents_changed = self.corpus_revision != self.doc_revision;
        if documents_changed {
            let (documents, reports) = shown_documents(&self.project);
            self.documents = documents;
            self.edit_reports = reports;
            self.applied_edits = self.project.curation.edits.clone();
            match self.doc_change {
                DocChange::Appended(start) if !edits_changed => {
                    self.corpus.append(&self.documents, start);
                    self.corpus
                        .set_curation(&self.documents, &self.project.curation.entities);
                }
                _ => {
                    self.corpus = CorpusView::new(&self.documents, &self.project.curation.entities);
                }
            }
            self.doc_change = DocChange::None;
            self.corpus_revision = self.doc_revision;
            self.view_revision += 1;
            self.edit_report = total_report(&self.project, &self.edit_reports);
        } else {
            let mut changed = false;
            if edits_changed {
                let edited = self.reapply_edits();
                self.corpus.replace_documents(&self.documents, &edited);
                self.edit_report = total_report(&self.project, &self.edit_reports);
                changed = true;
            }
            if self
                .corpus
                .set_curation(&self.documents, &self.project.curation.entities)
            {
                changed = true;
            }
            if changed {
                self.view_revision += 1;
            }
        }
    }

    /// Derives again the shown documents whose edits changed; returns their indices. A
    /// selected quote or mention in them stays selected if it is still there (found by
    /// span), else the selection is cleared.
    fn reapply_edits(&mut self) -> Vec<usize> {
        let mut edited = Vec::new();
        for (i, raw) in self.project.documents.iter().enumerate() {
            let now = self.project.curation.edits.get(&raw.id);
            if self.applied_edits.get(&raw.id) == now {
                continue;
            }
            let mut doc = raw.clone();
            let report = now.map_or_else(EditReport::default, |e| edits::apply_edits(&mut doc, e));
            if let (Some(shown), Some(slot)) =
                (self.documents.get_mut(i), self.edit_reports.get_mut(i))
            {
                let selected = reselect(self.selection.item.as_ref(), i, shown, &doc);
                *shown = doc;
                *slot = report;
                if let Reselect::Now(item) = selected {
                    // Same item, new index: no new generation (nothing scrolls).
                    self.selection.item = item;
                }
                edited.push(i);
            }
        }
        self.applied_edits = self.project.curation.edits.clone();
        edited
    }

    /// Changes the edits of the article at index `document` (undoably) when `change`
    /// changes them. `change` also gets the article as extracted.
    fn change_document_edits(
        &mut self,
        document: usize,
        change: impl FnOnce(&mut DocumentEdits, &Document),
    ) {
        let Some(raw) = self.project.documents.get(document) else {
            return;
        };
        let before = self.project.curation.edits.get(&raw.id);
        let mut after = before.cloned().unwrap_or_default();
        change(&mut after, raw);
        if before.map_or(after.is_empty(), |b| *b == after) {
            return;
        }
        let id = raw.id.clone();
        self.undo.push(self.project.curation.clone());
        self.redo.clear();
        if after.is_empty() {
            self.project.curation.edits.remove(&id);
        } else {
            self.project.curation.edits.insert(id, after);
        }
        self.edit_revision += 1;
    }

    /// Records a mention edit, folding it into an earlier one: deleting an added mention
    /// forgets the addition, re-typing an added one changes its type, and re-typing back to
    /// the extracted type forgets the edit.
    fn edit_mention(&mut self, document: usize, span: crate::model::Span, edit: &MentionEdit) {
        self.change_document_edits(document, |edits, raw| {
            let extracted = raw
                .annotations
                .mentions
                .iter()
                .find(|m| m.span == span)
                .map(|m| m.entity_type);
            let text = span.text(&raw.text).to_owned();
            let previous = edits.mentions.get(&span).cloned();
            let was_added = matches!(previous, Some(MentionEdit::Add { .. }));
            let next = match edit {
                MentionEdit::Delete { .. } if was_added => None,
                MentionEdit::Delete { .. } => Some(MentionEdit::Delete { text }),
                &MentionEdit::Retype { entity_type, .. }
                | &MentionEdit::Add { entity_type, .. }
                    if was_added || extracted.is_none() =>
                {
                    Some(MentionEdit::Add { text, entity_type })
                }
                &MentionEdit::Retype { entity_type, .. }
                | &MentionEdit::Add { entity_type, .. } => (extracted != Some(entity_type))
                    .then_some(MentionEdit::Retype { text, entity_type }),
            };
            match next {
                Some(e) => {
                    edits.mentions.insert(span, e);
                }
                None => {
                    edits.mentions.remove(&span);
                }
            }
        });
    }
}

/// The documents of `project` with its edits applied, and per document what did not match.
fn shown_documents(project: &Project) -> (Vec<Document>, Vec<EditReport>) {
    project
        .documents
        .iter()
        .map(|raw| {
            let mut doc = raw.clone();
            let report = project
                .curation
                .edits
                .get(&raw.id)
                .map_or_else(EditReport::default, |e| edits::apply_edits(&mut doc, e));
            (doc, report)
        })
        .unzip()
}

/// The sum of the per-document reports and the edits of documents not in the project.
fn total_report(project: &Project, reports: &[EditReport]) -> EditReport {
    let mut total = edits::unmatched_elsewhere(&project.documents, &project.curation.edits);
    for r in reports {
        total.add(*r);
    }
    total
}

/// What happens to the selection when a shown article changes.
enum Reselect {
    /// The selection is not in that article.
    Untouched,
    /// The item it becomes (`None`: it is gone).
    Now(Option<Item>),
}

/// The selection after the shown article `document` changed from `old` to `new`: a quote
/// or mention of it is looked up by span; a relation of it is unselected.
fn reselect(item: Option<&Item>, document: usize, old: &Document, new: &Document) -> Reselect {
    use crate::model::{MentionId, QuoteId};
    match item {
        Some(Item::Quote { document: d, quote }) if *d == document => {
            let span = old.annotations.quotes.get(quote.index()).map(|q| q.content);
            Reselect::Now(
                new.annotations
                    .quotes
                    .iter()
                    .position(|q| Some(q.content) == span)
                    .map(|q| Item::Quote {
                        document,
                        quote: QuoteId::from_index(q),
                    }),
            )
        }
        Some(Item::Mention {
            document: d,
            mention,
        }) if *d == document => {
            let span = old.annotations.mention(*mention).map(|m| m.span);
            Reselect::Now(
                new.annotations
                    .mentions
                    .iter()
                    .position(|m| Some(m.span) == span)
                    .map(|m| Item::Mention {
                        document,
                        mention: MentionId::from_index(m),
                    }),
            )
        }
        Some(Item::Relation { document: d, .. }) if *d == document => Reselect::Now(None),
        _ => Reselect::Untouched,
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_task();
        self.rebuild_corpus();
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
            ui.horizontal(|ui| {
                for t in Tab::ALL {
                    ui.selectable_value(tab, t, t.title());
                }
            });
            ui.separator();
            match *tab {
                Tab::Entities => self.entities_table.ui(ui, &mut view),
                Tab::Quotes => self.quotes_table.ui(ui, &mut view),
                Tab::Relations => self.relations_table.ui(ui, &mut view),
                Tab::Network => self.graph_view.ui(ui, &mut view),
            }
        });

        self.merges.ui(&ctx, &mut view);

        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            panels::drop_overlay_ui(&ctx);
        }
        self.modals_ui(&ctx);

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
