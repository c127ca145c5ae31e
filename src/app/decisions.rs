//! Undoable relation decisions the triage queue asks for: confirm or reject one relation,
//! stored as a [`RelationEdit`] of its article keyed by the relation's [`RelationKey`], so
//! the decision survives re-extraction (see [`crate::project::edits`]).

use crate::project::edits::{RelationEdit, RelationKey};

use super::App;

impl App {
    /// Confirms (`reject` false) or rejects the relation `key` of the article at `document`.
    pub(super) fn decide_relation(&mut self, document: usize, key: RelationKey, reject: bool) {
        self.change_document_edits(document, |edits, raw| {
            let words = |s: crate::model::Span| s.text(&raw.text).to_owned();
            let (head, tail) = (words(key.head), words(key.tail));
            let edit = if reject {
                RelationEdit::Reject { head, tail }
            } else {
                RelationEdit::Confirm { head, tail }
            };
            edits.relations.insert(key, edit);
        });
    }
}
