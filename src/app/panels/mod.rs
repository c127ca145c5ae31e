//! The panels of the workbench, one file each. Each panel reads the project through a
//! [`View`] and pushes [`Command`]s; none changes the project itself.

pub mod actors;
pub mod articles;
pub mod edit;
pub mod entity_edit;
pub mod graph_view;
pub mod menu;
pub mod merges;
pub mod paths;
pub mod reading;
pub mod relate;
pub mod search;
pub mod status;
pub mod tables;
pub mod timeline;
pub mod triage;
pub mod unmatched;

use crate::model::Document;
use crate::project::Project;

use super::command::{Command, MenuCommand};
use super::corpus::CorpusView;
use super::selection::{Item, Selection};
use super::theme;

/// What a panel may read this frame, and where it sends commands.
pub struct View<'a> {
    /// The open project (its documents as extracted).
    pub project: &'a Project,
    /// The documents as shown: the extraction with the researcher's quote and mention edits
    /// applied. Every view reads annotations from here, never from `project.documents`.
    pub documents: &'a [Document],
    /// Tables and network derived from it.
    pub corpus: &'a CorpusView,
    /// The shared selection.
    pub selection: &'a Selection,
    /// The article in the reading view.
    pub current_document: Option<usize>,
    /// Changes whenever the documents change (for memoisation).
    pub doc_revision: u64,
    /// Changes on every change to the project, curation included (what views that depend
    /// on notes and tags memoise on).
    pub edit_revision: u64,
    /// Commands to run at the end of the frame.
    pub commands: &'a mut Vec<Command>,
}

/// The network node an item refers to: an entity, the entity of a mention, or a quote's speaker.
pub fn selected_node(
    documents: &[Document],
    corpus: &CorpusView,
    selection: &Selection,
) -> Option<usize> {
    item_node(documents, corpus, selection.item.as_ref()?)
}

/// The network node of one item (a relation's: its head).
pub fn item_node(documents: &[Document], corpus: &CorpusView, item: &Item) -> Option<usize> {
    match item {
        Item::Entity(key) => corpus.graph.node_index(key),
        Item::Mention { document, mention } => {
            let doc = documents.get(*document)?;
            let entity = doc.annotations.mention(*mention)?.entity?;
            corpus.graph.node_of(*document, entity)
        }
        Item::Quote { document, quote } => {
            let doc = documents.get(*document)?;
            let entity = doc.annotations.quotes.get(quote.index())?.speaker_entity?;
            corpus.graph.node_of(*document, entity)
        }
        Item::Relation { document, relation } => {
            let doc = documents.get(*document)?;
            let head = doc.annotations.relations.get(relation.index())?.head;
            corpus.graph.node_of(*document, head)
        }
        Item::Document(_) | Item::Passage { .. } => None,
    }
}

/// Shown in the central area while the project has no articles.
pub fn welcome_ui(ui: &mut egui::Ui, busy: bool, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        ui.heading("No articles yet");
        ui.add_space(8.0);
        if busy {
            ui.label("Reading… see the progress below.");
            return;
        }
        ui.label("Open article files (.txt, .md, .html, .pdf, .docx) or a saved project,");
        ui.label("or drop files and folders on this window.");
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let width = 3.0 * 150.0;
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            for menu in [
                MenuCommand::OpenArticles,
                MenuCommand::OpenFolder,
                MenuCommand::OpenProject,
            ] {
                let (text, tooltip) = menu.text_and_tooltip();
                if ui.button(text).on_hover_text(tooltip).clicked() {
                    commands.push(Command::Menu(menu));
                }
            }
        });
    });
}

/// A veil over the window while files are dragged over it.
pub fn drop_overlay_ui(ctx: &egui::Context) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_overlay"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, theme::drop_veil());
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop articles, folders or a .ron project to open them",
        egui::TextStyle::Heading.resolve(&ctx.global_style()),
        theme::drop_text(),
    );
}
