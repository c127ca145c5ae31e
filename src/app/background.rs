//! Background work as the frame sees it: starting one [`Task`] at a time, polling it each
//! frame, and taking in what it returns — ingested articles (appended, duplicates skipped,
//! ids made unique), re-extracted annotations (swapped in for the articles whose text is
//! unchanged), a loaded project or the result of a save.

use crate::model::Document;

use super::command::Command;
use super::shown::DocChange;
use super::tasks::{Task, TaskResult};
use super::{App, NoticeLevel};

impl App {
    /// Starts a background task with `start`, unless one is running (then a notice says
    /// to wait).
    pub(super) fn start_task(
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

    /// Takes in the result of the background task once it has finished.
    pub(super) fn poll_task(&mut self) {
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
                warnings,
            } => match result {
                Ok(project) => {
                    let n = project.documents.len();
                    self.persisted.remember(&path);
                    self.replace_project(project, Some(path));
                    self.project_lock = lock;
                    self.read_only.clone_from(&read_only);
                    match read_only {
                        Some(reason) => self.notify(
                            NoticeLevel::Warning,
                            format!(
                                "Opened read-only (saving is refused): {reason}. \
                                 Save as… keeps a copy elsewhere."
                            ),
                        ),
                        None => self.notify(
                            NoticeLevel::Info,
                            format!("Opened a project of {n} articles."),
                        ),
                    }
                    for warning in warnings {
                        self.notify(NoticeLevel::Warning, warning);
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
                    if self.project_path.as_ref() != Some(&path) {
                        // Saved elsewhere: the copy is the researcher's own, writable.
                        self.read_only = None;
                    }
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

    /// Appends ingested articles: those with the text of an open one are skipped, ids are
    /// made unique.
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
}
