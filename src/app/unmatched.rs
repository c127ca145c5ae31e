//! Undoable removal and re-anchoring of the researcher's edits that match nothing (the
//! unmatched edits window and the triage queue ask for them; see
//! [`crate::project::edits::unmatched`]). Edits are found by article id, since an edit can
//! belong to an article that is not in the project.

use crate::project::edits::DocumentEdits;
use crate::project::edits::unmatched::{EditRef, apply_reanchor, find_reanchor, remove_edit};

use super::{App, NoticeLevel};

impl App {
    /// Changes the edits of the article with id `id` (undoably) when `change` says it
    /// changed them.
    fn change_edits_of(&mut self, id: &str, change: impl FnOnce(&mut DocumentEdits) -> bool) {
        let Some(before) = self.project.curation.edits.get(id) else {
            return;
        };
        let mut after = before.clone();
        if !change(&mut after) || after == *before {
            return;
        }
        self.undo.push(self.project.curation.clone());
        self.redo.clear();
        if after.is_empty() {
            self.project.curation.edits.remove(id);
        } else {
            self.project.curation.edits.insert(id.to_owned(), after);
        }
        self.edit_revision += 1;
    }

    /// Removes the edit `edit` of the article with id `document`.
    pub(super) fn remove_edit(&mut self, document: &str, edit: EditRef) {
        self.change_edits_of(document, |edits| remove_edit(edits, edit));
    }

    /// Moves the unmatched edit `edit` of the article with id `document` to the nearby span
    /// that matches it (found again now); says so when there is none.
    pub(super) fn reanchor_edit(&mut self, document: &str, edit: EditRef) {
        let found = self
            .project
            .documents
            .iter()
            .find(|d| d.id == document)
            .zip(self.project.curation.edits.get(document))
            .and_then(|(doc, edits)| find_reanchor(doc, edits, edit));
        match found {
            Some(reanchor) => {
                self.change_edits_of(document, |edits| apply_reanchor(edits, &reanchor));
            }
            None => self.notify(
                NoticeLevel::Warning,
                "No nearby span matches this edit: it stays as it is (Remove forgets it).",
            ),
        }
    }
}
