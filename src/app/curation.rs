//! Undoable changes to the researcher's curation: the entity curation (merges, rejected
//! suggestions, split names) and the quote and mention edits of one article. Each change
//! that changes something pushes the previous curation on the undo stack.

use crate::model::{Document, Span};
use crate::project::EntityCuration;
use crate::project::edits::{DocumentEdits, MentionEdit, RelationEdit, RelationKey};

use super::App;

impl App {
    /// Changes the entity curation (undoable) when `change` changes it.
    pub(super) fn change_entity_curation(&mut self, change: impl FnOnce(&mut EntityCuration)) {
        let mut entities = self.project.curation.entities.clone();
        change(&mut entities);
        if entities != self.project.curation.entities {
            self.undo.push(self.project.curation.clone());
            self.redo.clear();
            self.project.curation.entities = entities;
            self.edit_revision += 1;
        }
    }

    /// Changes the edits of the article at index `document` (undoably) when `change`
    /// changes them. `change` also gets the article as extracted.
    pub(super) fn change_document_edits(
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
    /// the extracted type forgets the edit. Deleting a mention also forgets the decision to
    /// move it or split it off (one undo step takes both back).
    pub(super) fn edit_mention(&mut self, document: usize, span: Span, edit: &MentionEdit) {
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
            if matches!(edit, MentionEdit::Delete { .. }) {
                edits.entities.remove(&span);
            }
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

    /// Records a relation decision (`None`: forget it). A relation the researcher re-typed
    /// or added is shown with its new type; the decision goes to the edit it came from.
    /// Rejecting an added relation forgets the addition.
    pub(super) fn edit_relation(
        &mut self,
        document: usize,
        key: RelationKey,
        edit: Option<&RelationEdit>,
    ) {
        let edit = edit.cloned();
        self.change_document_edits(document, |edits, raw| {
            let same_place = |k: &RelationKey| {
                (k.head, k.tail, k.evidence) == (key.head, key.tail, key.evidence)
            };
            let stored = edits
                .relations
                .iter()
                .find(|(k, e)| {
                    same_place(k)
                        && match e {
                            RelationEdit::Retype { relation_type, .. } => {
                                *relation_type == key.relation_type
                            }
                            _ => k.relation_type == key.relation_type,
                        }
                })
                .map(|(k, e)| (*k, e.clone()));
            let (key, previous) = stored.map_or((key, None), |(k, e)| (k, Some(e)));
            let head = key.head.text(&raw.text).to_owned();
            let tail = key.tail.text(&raw.text).to_owned();
            let was_added = matches!(previous, Some(RelationEdit::Add { .. }));
            let next = match edit {
                None => None,
                Some(RelationEdit::Reject { .. }) if was_added => None,
                Some(RelationEdit::Confirm { .. }) if was_added => previous,
                Some(RelationEdit::Add { .. }) => Some(RelationEdit::Add { head, tail }),
                Some(RelationEdit::Confirm { .. }) => Some(RelationEdit::Confirm { head, tail }),
                Some(RelationEdit::Reject { .. }) => Some(RelationEdit::Reject { head, tail }),
                Some(RelationEdit::Retype { relation_type, .. }) if was_added => {
                    // An added relation of another type: the addition moves to that type.
                    edits.relations.remove(&key);
                    let moved = RelationKey {
                        relation_type,
                        ..key
                    };
                    edits
                        .relations
                        .insert(moved, RelationEdit::Add { head, tail });
                    return;
                }
                Some(RelationEdit::Retype { relation_type, .. }) => {
                    (relation_type != key.relation_type).then_some(RelationEdit::Retype {
                        head,
                        tail,
                        relation_type,
                    })
                }
            };
            match next {
                Some(e) => {
                    edits.relations.insert(key, e);
                }
                None => {
                    edits.relations.remove(&key);
                }
            }
        });
    }
}
