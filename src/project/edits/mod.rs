//! The researcher's edits of single quotes and mentions, kept in the project's
//! [`super::Curation`] and applied on top of the extraction.
//!
//! An edit is keyed by the byte span of what it changes (a quote's `content`, a mention's
//! `span`) inside one document (by id), never by an index: indices change when the pipeline
//! runs again, spans of the same text do not. [`apply_edits`] rewrites a document's
//! annotations — deleting quotes and mentions, re-typing mentions (a mention whose entity
//! keeps other mentions of the old type becomes an entity of its own), adding mentions,
//! setting or confirming speakers — and keeps every id consistent (mentions stay in text
//! order; entities left without mentions are dropped, with the relations that need them).
//! An edit that finds nothing to change (the quote or mention is gone after re-extraction,
//! or the speaker it names is) is reported in [`EditReport`] and kept in the file.

//!
//! `apply.rs` holds the rewriting of mentions and quotes, `relations.rs` the relation
//! decisions (confirm, reject, retype, add).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Document, EntityType, Provenance, Span};

mod apply;
pub mod entities;
pub mod relations;
pub mod unmatched;

pub use entities::EntityEdit;
pub use relations::{RelationEdit, RelationKey, relation_key, shared_sentences};

/// The stage name researcher edits carry in their provenance.
pub const CURATION_STAGE: &str = "curation";
/// The rule name researcher edits carry in their provenance.
pub const RESEARCHER_RULE: &str = "researcher";

/// The provenance of what the researcher set by hand: stage `curation`, confidence 1.0,
/// rule `researcher`.
pub fn researcher_provenance() -> Provenance {
    Provenance::new(CURATION_STAGE, 1.0, RESEARCHER_RULE)
}

/// The edits of one document: by mention span and by quote content span. Both maps are
/// sorted, so a project file lists them in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentEdits {
    /// Mention edits, by the mention's byte span.
    pub mentions: BTreeMap<Span, MentionEdit>,
    /// Quote edits, by the quote's content byte span.
    pub quotes: BTreeMap<Span, QuoteEdit>,
    /// Relation edits, by the relation's mentions, evidence and type (absent in older
    /// files: none).
    pub relations: BTreeMap<RelationKey, RelationEdit>,
    /// The article's date as the researcher set it (`YYYY-MM-DD`), replacing the metadata's
    /// (absent in older files and when not set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Mentions moved to another entity or split off into a new one, by the mention's byte
    /// span ([`entities`]; absent in older files: none).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub entities: BTreeMap<Span, EntityEdit>,
}

impl DocumentEdits {
    /// True when there is no edit.
    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty()
            && self.quotes.is_empty()
            && self.relations.is_empty()
            && self.date.is_none()
            && self.entities.is_empty()
    }

    /// The number of edits.
    pub fn len(&self) -> usize {
        self.mentions.len()
            + self.quotes.len()
            + self.relations.len()
            + usize::from(self.date.is_some())
            + self.entities.len()
    }
}

/// What the researcher did to one mention. `text` is the mention's words, for reading the
/// file and to check that the span still names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MentionEdit {
    /// A false positive: the mention goes (and its entity, if it has no other mention).
    Delete {
        /// The mention's words.
        text: String,
    },
    /// The mention has another type.
    Retype {
        /// The mention's words.
        text: String,
        /// The new type.
        entity_type: EntityType,
    },
    /// A mention the extraction missed (if one is found there after all, it is re-typed).
    Add {
        /// The mention's words.
        text: String,
        /// Its type.
        entity_type: EntityType,
    },
}

impl MentionEdit {
    /// The words the edit is about.
    pub fn text(&self) -> &str {
        match self {
            MentionEdit::Delete { text }
            | MentionEdit::Retype { text, .. }
            | MentionEdit::Add { text, .. } => text,
        }
    }
}

/// What the researcher did to one quote. `text` is the start of what was said (at most
/// [`EXCERPT_CHARS`] characters), for reading the file and to check the span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteEdit {
    /// Not a quotation: the quote goes.
    Delete {
        /// The start of the quote.
        text: String,
    },
    /// The attribution is right: confidence 1.0, rule `researcher`.
    Confirm {
        /// The start of the quote.
        text: String,
    },
    /// Someone else said it: the speaker becomes the entity of the mention at `mention`
    /// (or, when that mention is gone, the entity named `speaker`); confidence 1.0.
    Speaker {
        /// The start of the quote.
        text: String,
        /// The speaker's canonical name.
        speaker: String,
        /// The speaker mention chosen.
        mention: Span,
    },
}

impl QuoteEdit {
    /// The start of the quote the edit is about.
    pub fn text(&self) -> &str {
        match self {
            QuoteEdit::Delete { text }
            | QuoteEdit::Confirm { text }
            | QuoteEdit::Speaker { text, .. } => text,
        }
    }
}

/// How many characters of a quote an edit keeps as its `text`.
pub const EXCERPT_CHARS: usize = 60;

/// The start of `text` (at most [`EXCERPT_CHARS`] characters, whitespace folded), as stored in
/// a [`QuoteEdit`].
pub fn excerpt(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.chars().take(EXCERPT_CHARS).collect()
}

/// Edits that found nothing to change, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EditReport {
    /// Quote edits whose quote (or speaker) is not there.
    pub unmatched_quotes: usize,
    /// Mention edits whose mention is not there.
    pub unmatched_mentions: usize,
    /// Relation edits whose relation (or, for an added one, its mentions) is not there.
    pub unmatched_relations: usize,
}

impl EditReport {
    /// Adds another report's counts.
    pub fn add(&mut self, other: EditReport) {
        self.unmatched_quotes += other.unmatched_quotes;
        self.unmatched_mentions += other.unmatched_mentions;
        self.unmatched_relations += other.unmatched_relations;
    }

    /// True when every edit matched.
    pub fn all_matched(self) -> bool {
        self.unmatched_quotes == 0 && self.unmatched_mentions == 0 && self.unmatched_relations == 0
    }
}

/// Applies `edits` to `doc`'s annotations. Returns what did not match.
pub fn apply_edits(doc: &mut Document, edits: &DocumentEdits) -> EditReport {
    let mut report = EditReport::default();
    if edits.is_empty() {
        return report;
    }
    if let Some(date) = &edits.date {
        date.clone_into(&mut doc.meta.date);
    }
    report.unmatched_mentions = apply::apply_mention_edits(&doc.text, &mut doc.annotations, edits);
    report.unmatched_mentions +=
        entities::apply_entity_edits(&doc.text, &mut doc.annotations, &edits.entities);
    report.unmatched_quotes = apply::apply_quote_edits(&doc.text, &mut doc.annotations, edits);
    report.unmatched_relations =
        relations::apply_relation_edits(&doc.text, &mut doc.annotations, &edits.relations);
    report
}

/// Applies `edits` (document id → edits) to copies of `documents`. Edits of documents that
/// are not there count as unmatched.
pub fn apply_all(
    documents: &[Document],
    edits: &BTreeMap<String, DocumentEdits>,
) -> (Vec<Document>, EditReport) {
    let mut report = unmatched_elsewhere(documents, edits);
    let out = documents
        .iter()
        .map(|d| {
            let mut doc = d.clone();
            if let Some(e) = edits.get(&d.id) {
                report.add(apply_edits(&mut doc, e));
            }
            doc
        })
        .collect();
    (out, report)
}

/// The edits of documents that are not among `documents` (all unmatched).
pub fn unmatched_elsewhere(
    documents: &[Document],
    edits: &BTreeMap<String, DocumentEdits>,
) -> EditReport {
    let ids: BTreeSet<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    let mut report = EditReport::default();
    for (id, e) in edits {
        if !ids.contains(id.as_str()) {
            report.unmatched_quotes += e.quotes.len();
            report.unmatched_mentions += e.mentions.len() + e.entities.len();
            report.unmatched_relations += e.relations.len();
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Entity, EntityId, Mention, MentionId, Quote, Relation, RelationKind, RelationType,
    };

    /// "Ali met Bo. “Yes,” Ali said." with Ali (two mentions), Bo, one quote and a relation.
    fn doc() -> Document {
        let text = "Ali met Bo. “Yes,” Ali said.";
        let mut d = Document::new("d", text);
        let span = |w: &str, nth: usize| {
            let start = text.match_indices(w).nth(nth).map(|(i, _)| i).unwrap();
            Span::new(start, start + w.len())
        };
        let a = &mut d.annotations;
        for (s, e) in [(span("Ali", 0), 0), (span("Bo", 0), 1), (span("Ali", 1), 0)] {
            a.mentions.push(Mention {
                span: s,
                entity_type: EntityType::Person,
                entity: Some(EntityId(e)),
                provenance: Provenance::default(),
            });
        }
        for (name, mentions) in [("Ali", vec![0, 2]), ("Bo", vec![1])] {
            a.entities.push(Entity {
                canonical_name: name.to_owned(),
                entity_type: EntityType::Person,
                mentions: mentions.into_iter().map(MentionId).collect(),
                aliases: Vec::new(),
                provenance: Provenance::default(),
            });
        }
        a.quotes.push(Quote {
            content: span("Yes,", 0),
            extent: None,
            direct: true,
            cue: Some(span("said", 0)),
            speaker: Some(span("Ali", 1)),
            speaker_mention: Some(MentionId(2)),
            speaker_entity: Some(EntityId(0)),
            provenance: Provenance::new("quotes", 0.7, "x"),
        });
        a.relations.push(Relation {
            head: EntityId(0),
            tail: EntityId(1),
            head_mention: Some(MentionId(0)),
            tail_mention: Some(MentionId(1)),
            relation_type: RelationType::Met,
            kind: RelationKind::Asserted,
            trigger: Some(span("met", 0)),
            evidence: span("Ali met Bo.", 0),
            negated: false,
            modal: false,
            provenance: Provenance::default(),
        });
        d
    }

    #[test]
    fn deleting_the_only_mention_of_an_entity_drops_it_and_its_relations() {
        let mut d = doc();
        let bo = d.annotations.mentions[1].span;
        let mut edits = DocumentEdits::default();
        edits.mentions.insert(
            bo,
            MentionEdit::Delete {
                text: "Bo".to_owned(),
            },
        );
        assert!(apply_edits(&mut d, &edits).all_matched());
        let a = &d.annotations;
        assert_eq!(a.mentions.len(), 2);
        assert_eq!(a.entities.len(), 1);
        assert_eq!(a.entities[0].mentions, [MentionId(0), MentionId(1)]);
        assert!(a.relations.is_empty());
        assert_eq!(a.quotes[0].speaker_mention, Some(MentionId(1)));
        assert_eq!(a.quotes[0].speaker_entity, Some(EntityId(0)));
    }

    #[test]
    fn retyping_one_of_two_mentions_splits_it_off() {
        let mut d = doc();
        let second_ali = d.annotations.mentions[2].span;
        let mut edits = DocumentEdits::default();
        edits.mentions.insert(
            second_ali,
            MentionEdit::Retype {
                text: "Ali".to_owned(),
                entity_type: EntityType::Org,
            },
        );
        assert!(apply_edits(&mut d, &edits).all_matched());
        let a = &d.annotations;
        assert_eq!(a.entities.len(), 3);
        assert_eq!(a.entities[0].mentions, [MentionId(0)]);
        assert_eq!(a.entities[0].entity_type, EntityType::Person);
        assert_eq!(a.entities[2].entity_type, EntityType::Org);
        assert_eq!(a.mentions[2].entity, Some(EntityId(2)));
        assert_eq!(a.quotes[0].speaker_entity, Some(EntityId(2)));
    }

    #[test]
    fn an_added_mention_is_inserted_in_text_order() {
        let mut d = doc();
        let said = Span::new(
            d.text.find("said").unwrap(),
            d.text.find("said").unwrap() + 4,
        );
        let met = Span::new(4, 7);
        let mut edits = DocumentEdits::default();
        edits.mentions.insert(
            met,
            MentionEdit::Add {
                text: "met".to_owned(),
                entity_type: EntityType::Misc,
            },
        );
        edits.mentions.insert(
            said,
            MentionEdit::Add {
                text: "said".to_owned(),
                entity_type: EntityType::Misc,
            },
        );
        assert!(apply_edits(&mut d, &edits).all_matched());
        let a = &d.annotations;
        let spans: Vec<Span> = a.mentions.iter().map(|m| m.span).collect();
        let mut sorted = spans.clone();
        sorted.sort();
        assert_eq!(spans, sorted);
        assert_eq!(a.mentions[1].span, met);
        assert_eq!(a.relations[0].tail_mention, Some(MentionId(2)));
        assert_eq!(a.quotes[0].speaker_mention, Some(MentionId(3)));
        let e = a.mentions[1].entity.unwrap();
        assert_eq!(a.entities[e.index()].mentions, [MentionId(1)]);
        assert_eq!(a.entities[e.index()].canonical_name, "met");
    }

    #[test]
    fn quote_edits_delete_confirm_and_reattribute() {
        let d0 = doc();
        let content = d0.annotations.quotes[0].content;
        let mut edits = DocumentEdits::default();
        edits.quotes.insert(
            content,
            QuoteEdit::Speaker {
                text: "Yes,".to_owned(),
                speaker: "Bo".to_owned(),
                mention: d0.annotations.mentions[1].span,
            },
        );
        let mut d = d0.clone();
        assert!(apply_edits(&mut d, &edits).all_matched());
        let q = &d.annotations.quotes[0];
        assert_eq!(q.speaker_entity, Some(EntityId(1)));
        assert_eq!(q.speaker_mention, Some(MentionId(1)));
        assert_eq!(q.provenance, researcher_provenance());

        edits.quotes.insert(
            content,
            QuoteEdit::Confirm {
                text: "Yes,".to_owned(),
            },
        );
        let mut d = d0.clone();
        apply_edits(&mut d, &edits);
        assert_eq!(d.annotations.quotes[0].speaker_entity, Some(EntityId(0)));
        assert!((d.annotations.quotes[0].provenance.confidence - 1.0).abs() < f32::EPSILON);

        edits.quotes.insert(
            content,
            QuoteEdit::Delete {
                text: "Yes,".to_owned(),
            },
        );
        let mut d = d0;
        apply_edits(&mut d, &edits);
        assert!(d.annotations.quotes.is_empty());
    }

    #[test]
    fn edits_that_find_nothing_are_counted() {
        let mut d = doc();
        let mut edits = DocumentEdits::default();
        edits.quotes.insert(
            Span::new(0, 3),
            QuoteEdit::Delete {
                text: "Ali".to_owned(),
            },
        );
        edits.mentions.insert(
            Span::new(4, 7),
            MentionEdit::Delete {
                text: "met".to_owned(),
            },
        );
        // Right span, wrong words: the text is not the one the edit was made on.
        edits.mentions.insert(
            Span::new(0, 3),
            MentionEdit::Delete {
                text: "Bob".to_owned(),
            },
        );
        let before = d.annotations.clone();
        let report = apply_edits(&mut d, &edits);
        assert_eq!(
            report,
            EditReport {
                unmatched_quotes: 1,
                unmatched_mentions: 2,
                unmatched_relations: 0,
            }
        );
        assert_eq!(d.annotations, before);
    }

    fn words(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn relation_edits_reject_retype_confirm_and_add() {
        let d0 = doc();
        let key = relation_key(&d0.annotations, &d0.annotations.relations[0]).unwrap();
        let (head, tail) = words("Ali", "Bo");
        let mut edits = DocumentEdits::default();
        edits.relations.insert(
            key,
            RelationEdit::Reject {
                head: head.clone(),
                tail: tail.clone(),
            },
        );
        let mut d = d0.clone();
        assert!(apply_edits(&mut d, &edits).all_matched());
        assert!(d.annotations.relations.is_empty());

        edits.relations.insert(
            key,
            RelationEdit::Retype {
                head: head.clone(),
                tail: tail.clone(),
                relation_type: RelationType::Criticises,
            },
        );
        let mut d = d0.clone();
        assert!(apply_edits(&mut d, &edits).all_matched());
        let r = &d.annotations.relations[0];
        assert_eq!(r.relation_type, RelationType::Criticises);
        assert_eq!(r.provenance, researcher_provenance());

        // Added: the second Ali (in the quote's sentence) and Bo's mention.
        let mut edits = DocumentEdits::default();
        let second_ali = d0.annotations.mentions[2].span;
        let sentence = Span::new(second_ali.start - 12, d0.text.len());
        let added = RelationKey {
            head: second_ali,
            tail: key.tail,
            evidence: sentence,
            relation_type: RelationType::Supports,
        };
        edits
            .relations
            .insert(added, RelationEdit::Add { head, tail });
        let mut d = d0.clone();
        assert!(apply_edits(&mut d, &edits).all_matched());
        assert_eq!(d.annotations.relations.len(), 2);
        let r = &d.annotations.relations[1];
        assert_eq!((r.head, r.tail), (EntityId(0), EntityId(1)));
        assert_eq!(r.relation_type, RelationType::Supports);
        assert_eq!(relation_key(&d.annotations, r), Some(added));
    }

    #[test]
    fn a_relation_edit_whose_mention_was_deleted_is_unmatched() {
        let d0 = doc();
        let key = relation_key(&d0.annotations, &d0.annotations.relations[0]).unwrap();
        let mut edits = DocumentEdits::default();
        edits.relations.insert(
            key,
            RelationEdit::Confirm {
                head: "Ali".to_owned(),
                tail: "Bo".to_owned(),
            },
        );
        edits.mentions.insert(
            key.tail,
            MentionEdit::Delete {
                text: "Bo".to_owned(),
            },
        );
        let mut d = d0;
        let report = apply_edits(&mut d, &edits);
        assert_eq!(report.unmatched_relations, 1);
        assert_eq!(report.unmatched_mentions, 0);
    }
}
