//! The researcher's decisions about relations: confirm, reject, change the type, add one the
//! extraction missed.
//!
//! A relation is keyed by [`RelationKey`]: the spans of its head and tail mentions, its
//! evidence sentence and the type it was extracted (or added) with — spans of the same text,
//! never indices, so that a decision survives re-extraction as long as the relation is found
//! again between the same words of the same sentence. The edits are applied after the
//! mention edits (a relation whose mention was deleted is gone, and its edit is unmatched).

use serde::{Deserialize, Serialize};

use crate::model::{Annotations, EntityId, MentionId, Relation, RelationKind, RelationType, Span};

use super::researcher_provenance;

/// Which relation an edit is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RelationKey {
    /// The head mention's span.
    pub head: Span,
    /// The tail mention's span.
    pub tail: Span,
    /// The evidence sentence's span.
    pub evidence: Span,
    /// The type the relation was extracted (or added) with.
    pub relation_type: RelationType,
}

/// What the researcher did to one relation. `head` and `tail` are the mentions' words, for
/// reading the file and to check that the spans still name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelationEdit {
    /// The relation is right: confidence 1.0, rule `researcher`.
    Confirm {
        /// The head's words.
        head: String,
        /// The tail's words.
        tail: String,
    },
    /// The relation is wrong: it goes from tables, network and exports.
    Reject {
        /// The head's words.
        head: String,
        /// The tail's words.
        tail: String,
    },
    /// The relation has another type (confidence 1.0).
    Retype {
        /// The head's words.
        head: String,
        /// The tail's words.
        tail: String,
        /// The new type.
        relation_type: RelationType,
    },
    /// A relation the extraction missed, between the entities of the two mentions, with the
    /// key's type and evidence.
    Add {
        /// The head's words.
        head: String,
        /// The tail's words.
        tail: String,
    },
}

impl RelationEdit {
    /// The head's and tail's words.
    pub fn words(&self) -> (&str, &str) {
        match self {
            RelationEdit::Confirm { head, tail }
            | RelationEdit::Reject { head, tail }
            | RelationEdit::Retype { head, tail, .. }
            | RelationEdit::Add { head, tail } => (head, tail),
        }
    }

    /// A short description ("reject", "type → met", …) for lists of edits.
    pub fn describe(&self) -> String {
        match self {
            RelationEdit::Confirm { .. } => "confirm".to_owned(),
            RelationEdit::Reject { .. } => "reject".to_owned(),
            RelationEdit::Retype { relation_type, .. } => {
                format!("type → {}", relation_type.human_label())
            }
            RelationEdit::Add { .. } => "add".to_owned(),
        }
    }
}

/// The span of a relation end: its mention's, else the entity's first mention's.
fn end_span(a: &Annotations, mention: Option<MentionId>, entity: EntityId) -> Option<Span> {
    let m = mention.or_else(|| a.entities.get(entity.index())?.mentions.first().copied())?;
    a.mention(m).map(|m| m.span)
}

/// The key of relation `r` of annotations `a` (`None` when an end has no mention).
pub fn relation_key(a: &Annotations, r: &Relation) -> Option<RelationKey> {
    Some(RelationKey {
        head: end_span(a, r.head_mention, r.head)?,
        tail: end_span(a, r.tail_mention, r.tail)?,
        evidence: r.evidence,
        relation_type: r.relation_type,
    })
}

/// Applies the relation edits of one document; returns the number that matched nothing.
pub(super) fn apply_relation_edits(
    text: &str,
    a: &mut Annotations,
    edits: &std::collections::BTreeMap<RelationKey, RelationEdit>,
) -> usize {
    let mut unmatched = 0;
    let keys: Vec<Option<RelationKey>> = a.relations.iter().map(|r| relation_key(a, r)).collect();
    let mut rejected = vec![false; a.relations.len()];
    for (key, edit) in edits {
        let (head, tail) = edit.words();
        let words_hold = text.get(key.head.range()) == Some(head)
            && text.get(key.tail.range()) == Some(tail)
            && text.get(key.evidence.range()).is_some();
        let found: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.as_ref() == Some(key))
            .map(|(i, _)| i)
            .collect();
        if !words_hold {
            unmatched += 1;
            continue;
        }
        match edit {
            RelationEdit::Add { .. } if found.is_empty() => {
                let mention_at = |span: Span| {
                    a.mentions
                        .iter()
                        .position(|m| m.span == span && m.entity.is_some())
                        .and_then(|i| Some((MentionId::from_index(i), a.mentions.get(i)?.entity?)))
                };
                match (mention_at(key.head), mention_at(key.tail)) {
                    (Some((hm, he)), Some((tm, te))) if he != te => {
                        a.relations.push(Relation {
                            head: he,
                            tail: te,
                            head_mention: Some(hm),
                            tail_mention: Some(tm),
                            relation_type: key.relation_type,
                            kind: RelationKind::Asserted,
                            trigger: None,
                            evidence: key.evidence,
                            negated: false,
                            modal: false,
                            provenance: researcher_provenance(),
                        });
                        rejected.push(false);
                    }
                    _ => unmatched += 1,
                }
            }
            _ if found.is_empty() => unmatched += 1,
            RelationEdit::Reject { .. } => {
                for i in found {
                    if let Some(r) = rejected.get_mut(i) {
                        *r = true;
                    }
                }
            }
            RelationEdit::Confirm { .. } | RelationEdit::Add { .. } => {
                for i in found {
                    if let Some(r) = a.relations.get_mut(i) {
                        r.provenance = researcher_provenance();
                    }
                }
            }
            RelationEdit::Retype { relation_type, .. } => {
                for i in found {
                    if let Some(r) = a.relations.get_mut(i) {
                        r.relation_type = *relation_type;
                        r.kind = RelationKind::Asserted;
                        r.provenance = researcher_provenance();
                    }
                }
            }
        }
    }
    let mut i = 0;
    a.relations.retain(|_| {
        i += 1;
        !rejected.get(i - 1).copied().unwrap_or(false)
    });
    unmatched
}

/// The sentences of `a` that hold a mention of both entities, each as (sentence, head
/// mention, tail mention) spans (the first mentions in the sentence): where a relation
/// between them can be added.
pub fn shared_sentences(
    a: &Annotations,
    head: EntityId,
    tail: EntityId,
) -> Vec<(Span, Span, Span)> {
    let first_in = |entity: EntityId, s: Span| {
        a.mentions
            .iter()
            .find(|m| m.entity == Some(entity) && m.span.start >= s.start && m.span.end <= s.end)
            .map(|m| m.span)
    };
    a.sentences
        .iter()
        .filter_map(|s| Some((s.span, first_in(head, s.span)?, first_in(tail, s.span)?)))
        .collect()
}
