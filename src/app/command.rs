//! Commands: UI code never changes the project mid-frame; it pushes [`Command`]s that the
//! app runs at the end of the frame. Menu entries and keyboard shortcuts come from one
//! table ([`MenuCommand`]).

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{EntityType, Span};
use crate::project::edits::{RelationEdit, RelationKey};

use super::selection::{Item, Origin};

/// Something to do at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A menu command or shortcut.
    Menu(MenuCommand),
    /// Open a project file (after the unsaved-changes check).
    OpenProject(PathBuf),
    /// Read and extract articles (files or folders) into the current project.
    AddArticles(Vec<PathBuf>),
    /// Paths dropped on the window: a `.ron` opens as a project, anything else is added.
    OpenDropped(Vec<PathBuf>),
    /// Save the project to this file.
    SaveProjectTo(PathBuf),
    /// Run a command without the unsaved-changes check (the user chose to discard).
    Discard(Box<Command>),
    /// Change the selection.
    Select(Option<Item>, Origin),
    /// Show an article in the reading view.
    ShowDocument(usize),
    /// Change how the network is derived (view options, not saved in the project).
    SetGraphOptions(crate::graph::GraphOptions),
    /// Pin a network node where the user dropped it (curation; undoable).
    PinNode {
        /// The node key.
        key: String,
        /// Its position in layout units.
        position: [f32; 2],
    },
    /// Merge the entity with key `merge` into the one with key `into` (curation; undoable).
    MergeEntities {
        /// The key of the node that joins the other.
        merge: String,
        /// The key of the node that stays.
        into: String,
    },
    /// Reject the merge suggestion between two nodes (curation; undoable).
    RejectMerge {
        /// The suggestion's first key.
        a: String,
        /// The suggestion's second key.
        b: String,
    },
    /// Undo the researcher's merge of the node with this key: it is a node of its own again
    /// (curation; undoable).
    SplitEntity(String),
    /// Split the members named `name` (normalised) off the automatically merged node `key`
    /// (curation; undoable).
    SplitOff {
        /// The node's key.
        key: String,
        /// The normalised name to split off.
        name: String,
    },
    /// Take back a [`Command::SplitOff`] (curation; undoable).
    Rejoin {
        /// The node's key.
        key: String,
        /// The normalised name split off.
        name: String,
    },
    /// Delete a quote that is no quotation (curation; undoable).
    DeleteQuote {
        /// The article (index).
        document: usize,
        /// The quote's content span.
        content: Span,
    },
    /// Confirm a quote's attribution: confidence 1.0, rule `researcher` (curation; undoable).
    ConfirmQuote {
        /// The article (index).
        document: usize,
        /// The quote's content span.
        content: Span,
    },
    /// Make an entity of the article the quote's speaker (curation; undoable).
    SetQuoteSpeaker {
        /// The article (index).
        document: usize,
        /// The quote's content span.
        content: Span,
        /// The entity's canonical name.
        speaker: String,
        /// The speaker mention chosen (one of the entity's mentions).
        mention: Span,
    },
    /// Delete a mention that names nothing (curation; undoable).
    DeleteMention {
        /// The article (index).
        document: usize,
        /// The mention's span.
        span: Span,
    },
    /// Change a mention's type (curation; undoable).
    RetypeMention {
        /// The article (index).
        document: usize,
        /// The mention's span.
        span: Span,
        /// The new type.
        entity_type: EntityType,
    },
    /// Add a mention the extraction missed (curation; undoable).
    AddMention {
        /// The article (index).
        document: usize,
        /// The mention's span.
        span: Span,
        /// Its type.
        entity_type: EntityType,
    },
    /// Confirm, reject, re-type or add a relation; `None` forgets the decision (curation;
    /// undoable). The edit's words are filled in from the article.
    EditRelation {
        /// The article (index).
        document: usize,
        /// The relation, as shown.
        key: RelationKey,
        /// The decision.
        edit: Option<RelationEdit>,
    },
    /// Restore the recovery copy offered at start (its file).
    RestoreRecovery(PathBuf),
    /// Discard the recovery copy offered at start (its file).
    DiscardRecovery(PathBuf),
    /// Set the date of an article (`YYYY-MM-DD`; empty: back to the metadata's date), saved
    /// in the project's curation (undoable).
    SetArticleDate {
        /// The article (index).
        document: usize,
        /// The date.
        date: String,
    },
    /// Show or hide the entity merges window.
    ToggleMergePanel,
    /// Forget every pinned node position (curation; undoable).
    UnpinAllNodes,
    /// Stop the running background task.
    CancelTask,
    /// Export the project as `format` (asks where, then exports in the background).
    ExportProject {
        /// The format.
        format: crate::export::Format,
        /// The options.
        options: crate::export::ExportOptions,
    },
    /// Export one table as shown (asks where, then writes a CSV file).
    ExportTable {
        /// The suggested file name.
        file_name: String,
        /// The column titles.
        header: Vec<String>,
        /// The cells, row by row.
        rows: Vec<Vec<String>>,
    },
    /// Write the export waiting for a destination to this path.
    ExportTo(PathBuf),
    /// Show or hide the list of every note and tag (with its search field).
    ToggleNotesList,
    /// Open the note and tags editor for an item (see `notes_ui.rs`).
    EditNote(Item),
    /// Store `note` under the item key `key` (an empty note removes it; curation; undoable).
    SetNote {
        /// The item key ([`crate::project::notes::ItemKey::stored`]).
        key: String,
        /// The note and tags.
        note: crate::project::notes::ItemNote,
    },
    /// Confirm a relation: confidence 1.0, rule `researcher` (curation; undoable).
    ConfirmRelation {
        /// The article (index).
        document: usize,
        /// The relation's key.
        key: crate::project::edits::RelationKey,
    },
    /// Reject a relation: it goes from tables, network and exports (curation; undoable).
    RejectRelation {
        /// The article (index).
        document: usize,
        /// The relation's key.
        key: crate::project::edits::RelationKey,
    },
    /// Show or hide the list of edits that match nothing.
    ToggleUnmatchedEdits,
    /// Forget one of the researcher's edits (curation; undoable).
    RemoveEdit {
        /// The article's id (it may not be in the project).
        document: String,
        /// Which edit.
        edit: crate::project::edits::unmatched::EditRef,
    },
    /// Move an edit that matches nothing to the nearby span that matches it (curation;
    /// undoable).
    ReanchorEdit {
        /// The article's id.
        document: String,
        /// Which edit.
        edit: crate::project::edits::unmatched::EditRef,
    },
    /// Rename, merge several, move or split off mentions of corpus entities (see
    /// `entity_edits.rs`).
    Entities(super::entity_edits::EntityCommand),
}

/// The commands of the menus, each with its text and shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuCommand {
    /// Start an empty project.
    NewProject,
    /// Pick a project file.
    OpenProject,
    /// Pick article files.
    OpenArticles,
    /// Pick a folder of articles.
    OpenFolder,
    /// Save to the current file (or ask where).
    Save,
    /// Ask where to save.
    SaveAs,
    /// The export dialog (formats and options).
    Export,
    /// Undo the last curation change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Run the extraction pipeline again on every article (new models and rules; the
    /// entity curation is kept, since it is stored by entity key).
    Reextract,
    /// Show or hide the triage queue (what the extraction was unsure about, one at a time).
    Triage,
    /// Search the article in the reading view (the search box gets the focus).
    FindInArticle,
    /// Search every article (the search box gets the focus).
    FindInCorpus,
    /// Close the window.
    Quit,
}

impl MenuCommand {
    /// Every menu command.
    pub const ALL: [MenuCommand; 14] = [
        MenuCommand::NewProject,
        MenuCommand::OpenProject,
        MenuCommand::OpenArticles,
        MenuCommand::OpenFolder,
        MenuCommand::Save,
        MenuCommand::SaveAs,
        MenuCommand::Export,
        MenuCommand::Undo,
        MenuCommand::Redo,
        MenuCommand::Reextract,
        MenuCommand::Triage,
        MenuCommand::FindInArticle,
        MenuCommand::FindInCorpus,
        MenuCommand::Quit,
    ];

    /// The menu text and its tooltip.
    pub fn text_and_tooltip(self) -> (&'static str, &'static str) {
        match self {
            MenuCommand::NewProject => ("New project", "Start an empty project"),
            MenuCommand::OpenProject => ("Open project…", "Open a Quarry project file (.ron)"),
            MenuCommand::OpenArticles => (
                "Open articles…",
                "Read article files (.txt, .md, .html, .pdf, .docx) into this project",
            ),
            MenuCommand::OpenFolder => ("Open folder…", "Read every article in a folder"),
            MenuCommand::Save => ("Save", "Save the project"),
            MenuCommand::SaveAs => ("Save as…", "Save the project to a new file"),
            MenuCommand::Export => (
                "Export…",
                "Write the curated project as CSV, GEXF, GraphML, SVG, PNG, HTML or JSON Lines",
            ),
            MenuCommand::Undo => ("Undo", "Undo the last change to the curation"),
            MenuCommand::Redo => ("Redo", "Redo the last undone change"),
            MenuCommand::Reextract => (
                "Re-extract all articles",
                "Run this version's extraction again on every article (curation is kept)",
            ),
            MenuCommand::Triage => (
                "Triage queue",
                "Walk through what the extraction was unsure about, one item at a time",
            ),
            MenuCommand::FindInArticle => {
                ("Find in article…", "Search the article in the reading view")
            }
            MenuCommand::FindInCorpus => (
                "Find in all articles…",
                "Search every article: words, phrases, entities, speakers, outlets, dates",
            ),
            MenuCommand::Quit => ("Quit", "Close Quarry"),
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        Some(match self {
            MenuCommand::NewProject => KeyboardShortcut::new(cmd, Key::N),
            MenuCommand::OpenProject => KeyboardShortcut::new(cmd, Key::O),
            MenuCommand::OpenArticles => KeyboardShortcut::new(cmd_shift, Key::O),
            MenuCommand::OpenFolder | MenuCommand::Reextract => return None,
            MenuCommand::Save => KeyboardShortcut::new(cmd, Key::S),
            MenuCommand::SaveAs => KeyboardShortcut::new(cmd_shift, Key::S),
            MenuCommand::Export => KeyboardShortcut::new(cmd, Key::E),
            MenuCommand::Undo => KeyboardShortcut::new(cmd, Key::Z),
            MenuCommand::Redo => KeyboardShortcut::new(cmd, Key::Y),
            MenuCommand::Triage => KeyboardShortcut::new(cmd, Key::T),
            MenuCommand::FindInArticle => KeyboardShortcut::new(cmd, Key::F),
            MenuCommand::FindInCorpus => KeyboardShortcut::new(cmd_shift, Key::F),
            MenuCommand::Quit => KeyboardShortcut::new(cmd, Key::Q),
        })
    }

    /// Consumes the shortcut of any menu command pressed this frame. Shortcuts with more
    /// modifiers are checked first, so Ctrl+Shift+S is not read as Ctrl+S.
    pub fn pressed(ctx: &egui::Context) -> Option<MenuCommand> {
        let mut all: Vec<(KeyboardShortcut, MenuCommand)> = Self::ALL
            .iter()
            .filter_map(|c| c.shortcut().map(|s| (s, *c)))
            .collect();
        all.sort_by_key(|(s, _)| std::cmp::Reverse(s.modifiers.shift));
        ctx.input_mut(|input| {
            all.iter()
                .find(|(s, _)| input.consume_shortcut(s))
                .map(|(_, c)| *c)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_do_not_clash() {
        let shortcuts: Vec<KeyboardShortcut> = MenuCommand::ALL
            .iter()
            .filter_map(|c| c.shortcut())
            .collect();
        for (i, a) in shortcuts.iter().enumerate() {
            for b in &shortcuts[i + 1..] {
                assert_ne!(a, b, "two menu commands share a shortcut");
            }
        }
        assert_eq!(shortcuts.len(), 12);
    }
}
