//! Command dispatch: the commands the panels queued this frame run here, at its end, in
//! order. Commands that would drop unsaved changes wait for the researcher's answer in the
//! unsaved-changes dialog (see `modals.rs`); edits go through the undoable changes of
//! `curation.rs`.

use std::path::PathBuf;

use crate::ingest;
use crate::project::Project;
use crate::project::edits::{self, MentionEdit, QuoteEdit};

use super::command::{Command, MenuCommand};
use super::modals::PathPurpose;
use super::selection::{Item, Origin};
use super::tasks::Task;
use super::{App, NoticeLevel, is_project_file};

impl App {
    fn needs_confirmation(&self, command: &Command) -> bool {
        self.is_dirty()
            && matches!(
                command,
                Command::Menu(
                    MenuCommand::NewProject | MenuCommand::OpenProject | MenuCommand::Quit
                ) | Command::OpenProject(_)
            )
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
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
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
                    // Quitting without saving: the unsaved work is given up on purpose.
                    self.discard_own_recovery();
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
            Command::SetGraphOptions(options) => {
                self.corpus.set_graph_options(&self.documents, options);
                self.view_revision += 1;
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
            Command::EditRelation {
                document,
                key,
                edit,
            } => self.edit_relation(document, key, edit.as_ref()),
            Command::RestoreRecovery(path) => self.restore_recovery(&path),
            Command::DiscardRecovery(path) => self.discard_recovery(&path),
            Command::SetArticleDate { document, date } => self.set_article_date(document, &date),
            Command::ToggleMergePanel => self.merges.open = !self.merges.open,
            Command::Entities(command) => self.run_entity_command(command),
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
            Command::ExportProject { format, options } => {
                self.request_export(super::exporting::PendingExport::Project { format, options });
            }
            Command::ExportTable {
                file_name,
                header,
                rows,
            } => self.request_export(super::exporting::PendingExport::Table {
                file_name,
                header,
                rows,
            }),
            Command::ExportTo(path) => self.export_to(path),
            Command::ToggleNotesList => self.notes_ui.list_open = !self.notes_ui.list_open,
            Command::EditNote(item) => {
                self.notes_ui.edit(
                    &self.project.curation.notes_and_tags,
                    &self.documents,
                    &item,
                );
            }
            Command::SetNote { key, note } => self.set_note(key, note),
            Command::ConfirmRelation { document, key } => {
                self.decide_relation(document, key, false);
            }
            Command::RejectRelation { document, key } => self.decide_relation(document, key, true),
            Command::ToggleUnmatchedEdits => self.unmatched.open = !self.unmatched.open,
            Command::RemoveEdit { document, edit } => self.remove_edit(&document, edit),
            Command::ReanchorEdit { document, edit } => self.reanchor_edit(&document, edit),
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
                // A read-only project cannot be saved in place: Save as instead.
                Some(_) if self.read_only.is_some() => {
                    self.run_menu_command(ctx, MenuCommand::SaveAs);
                }
                Some(path) => self.run_command(ctx, Command::SaveProjectTo(path)),
                None => self.run_menu_command(ctx, MenuCommand::SaveAs),
            },
            MenuCommand::SaveAs => {
                let name = self.suggested_file_name();
                let outcome = self.dialogs.save_project(&name);
                self.handle_dialog(outcome, PathPurpose::SaveProject);
            }
            MenuCommand::Export => self.open_export_dialog(),
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
            MenuCommand::Triage => {
                self.triage
                    .toggle(&self.documents, &self.corpus, &self.project);
            }
            MenuCommand::FindInArticle => {
                self.search.focus(super::panels::search::Scope::Article);
                self.persisted.tab = super::state::Tab::Search;
            }
            MenuCommand::FindInCorpus => {
                self.search.focus(super::panels::search::Scope::Corpus);
                self.persisted.tab = super::state::Tab::Search;
            }
            MenuCommand::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Sets (or with an empty `date`, clears) the researcher's date of an article; a date
    /// that is not `YYYY-MM-DD` is refused with a notice.
    fn set_article_date(&mut self, document: usize, date: &str) {
        let date = date.trim();
        let parsed = crate::search::date::parse_article_date(date);
        if !date.is_empty() && parsed.is_none() {
            self.notify(
                NoticeLevel::Warning,
                format!("“{date}” is not a date: write it as YYYY-MM-DD (2021-01-29)."),
            );
            return;
        }
        let value = parsed.map(|d| d.to_string());
        self.change_document_edits(document, |edits, _| edits.date = value);
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
}
