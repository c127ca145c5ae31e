//! The shown corpus: the documents with the researcher's quote and mention edits applied,
//! and the [`CorpusView`] derived from them, brought up to date once a frame
//! ([`App::rebuild_corpus`]) — incrementally when articles were appended, only the edited
//! articles when edits changed. When a shown article changes, a selected quote or mention
//! in it is found again by its span (selection repair).

use crate::model::Document;
use crate::project::Project;
use crate::project::edits::{self, EditReport};

use super::App;
use super::corpus::CorpusView;
use super::selection::Item;

/// How the documents changed since the corpus view was last derived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DocChange {
    /// Nothing.
    None,
    /// Documents were appended from this index on.
    Appended(usize),
    /// Anything else: derive afresh.
    Reset,
}

impl App {
    /// Brings the shown documents and the corpus view up to date with the documents
    /// (incrementally when articles were appended), the quote and mention edits (only the
    /// edited articles are derived again) and the entity curation (merges, undo, redo).
    pub(super) fn rebuild_corpus(&mut self) {
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
                    self.corpus = CorpusView::with_options(
                        &self.documents,
                        &self.project.curation.entities,
                        self.corpus.graph.options(),
                    );
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
}

/// The documents of `project` with its edits applied, and per document what did not match.
pub(super) fn shown_documents(project: &Project) -> (Vec<Document>, Vec<EditReport>) {
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
pub(super) fn total_report(project: &Project, reports: &[EditReport]) -> EditReport {
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
