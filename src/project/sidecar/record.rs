//! One document's extraction as the sidecar stores it: a compact copy of its annotation
//! layers (tokens excluded: they are derived), converted to and from
//! [`crate::model::Annotations`].
//!
//! The record is encoded as CBOR (`ciborium`). Annotations are tuples (CBOR arrays), not
//! structs with field names; spans are `(start, length)`; every repeated string — the
//! provenance stages and rules, the entity and relation type labels — is stored once in the
//! record's string table and referred to by its index, and so is every distinct provenance
//! (the co-occurrence relations of an article share one). Types are stored by their label, not
//! by their place in an enum, so reordering an enum never misreads an older sidecar.
//!
//! The conversion destructures every model struct, so that a field added to the model
//! fails to compile here until the sidecar stores it too.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::model::{
    Annotations, Entity, EntityId, EntityType, Mention, MentionId, Provenance, Quote, Relation,
    RelationKind, RelationType, Sentence, Span,
};

/// A span as `(start, length)`: lengths are small, so they encode in fewer bytes than ends.
type SpanRecord = (usize, usize);

/// A provenance as `(stage, confidence, rule)`, the strings by index.
type ProvenanceRecord = (u32, f32, u32);

/// A mention: span, type, entity, provenance (each provenance an index into the record's
/// provenance table).
#[derive(Serialize, Deserialize)]
struct MentionRecord(SpanRecord, u32, Option<u32>, u32);

/// An entity: canonical name, type, mentions, aliases, provenance.
#[derive(Serialize, Deserialize)]
struct EntityRecord(String, u32, Vec<u32>, Vec<String>, u32);

/// A quote: content, extent, direct, cue, speaker, speaker mention, speaker entity,
/// provenance.
#[derive(Serialize, Deserialize)]
struct QuoteRecord(
    SpanRecord,
    Option<SpanRecord>,
    bool,
    Option<SpanRecord>,
    Option<SpanRecord>,
    Option<u32>,
    Option<u32>,
    u32,
);

/// A relation: head, tail, head mention, tail mention, type, kind, trigger, evidence,
/// negated, modal, provenance.
#[derive(Serialize, Deserialize)]
struct RelationRecord(
    u32,
    u32,
    Option<u32>,
    Option<u32>,
    u32,
    u32,
    Option<SpanRecord>,
    SpanRecord,
    bool,
    bool,
    u32,
);

/// One document's record: the content hash it belongs to and its annotation layers.
#[derive(Serialize, Deserialize)]
pub(super) struct Record {
    /// The document's content hash (hex SHA-256 of its text).
    pub(super) hash: String,
    /// The strings the layers refer to by index.
    strings: Vec<String>,
    /// The provenances the layers refer to by index.
    provenances: Vec<ProvenanceRecord>,
    sentences: Vec<SpanRecord>,
    mentions: Vec<MentionRecord>,
    entities: Vec<EntityRecord>,
    quotes: Vec<QuoteRecord>,
    relations: Vec<RelationRecord>,
}

/// The record's string and provenance tables while it is built.
#[derive(Default)]
struct Strings<'a> {
    list: Vec<&'a str>,
    index: HashMap<&'a str, u32>,
    provenances: Vec<ProvenanceRecord>,
    provenance_index: HashMap<(u32, u32, u32), u32>,
}

impl<'a> Strings<'a> {
    fn of(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s);
        self.index.insert(s, i);
        i
    }

    fn provenance(&mut self, p: &'a Provenance) -> u32 {
        let Provenance {
            stage,
            confidence,
            rule,
        } = p;
        let (stage, rule) = (self.of(stage), self.of(rule));
        let next = self.provenances.len() as u32;
        let i = *self
            .provenance_index
            .entry((stage, confidence.to_bits(), rule))
            .or_insert(next);
        if i == next {
            self.provenances.push((stage, *confidence, rule));
        }
        i
    }
}

fn span(s: Span) -> SpanRecord {
    (s.start, s.end - s.start)
}

fn relation_kind_label(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Asserted => "asserted",
        RelationKind::Cooccurrence => "cooccurrence",
    }
}

fn relation_kind_from_label(label: &str) -> Option<RelationKind> {
    match label {
        "asserted" => Some(RelationKind::Asserted),
        "cooccurrence" => Some(RelationKind::Cooccurrence),
        _ => None,
    }
}

impl Record {
    /// The record of a document with content hash `hash` and annotations `a`.
    pub(super) fn new(hash: &str, a: &Annotations) -> Self {
        let Annotations {
            sentences,
            tokens: _,
            mentions,
            entities,
            quotes,
            relations,
        } = a;
        let mut strings = Strings::default();
        let sentences = sentences
            .iter()
            .map(|&Sentence { span: s }| span(s))
            .collect();
        let mentions = mentions
            .iter()
            .map(|m| {
                let Mention {
                    span: s,
                    entity_type,
                    entity,
                    provenance,
                } = m;
                MentionRecord(
                    span(*s),
                    strings.of(entity_type.label()),
                    entity.map(|e| e.0),
                    strings.provenance(provenance),
                )
            })
            .collect();
        let entities = entities
            .iter()
            .map(|e| {
                let Entity {
                    canonical_name,
                    entity_type,
                    mentions,
                    aliases,
                    provenance,
                } = e;
                EntityRecord(
                    canonical_name.clone(),
                    strings.of(entity_type.label()),
                    mentions.iter().map(|m| m.0).collect(),
                    aliases.clone(),
                    strings.provenance(provenance),
                )
            })
            .collect();
        let quotes = quotes
            .iter()
            .map(|q| {
                let Quote {
                    content,
                    extent,
                    direct,
                    cue,
                    speaker,
                    speaker_mention,
                    speaker_entity,
                    provenance,
                } = q;
                QuoteRecord(
                    span(*content),
                    extent.map(span),
                    *direct,
                    cue.map(span),
                    speaker.map(span),
                    speaker_mention.map(|m| m.0),
                    speaker_entity.map(|e| e.0),
                    strings.provenance(provenance),
                )
            })
            .collect();
        let relations = relations
            .iter()
            .map(|r| {
                let Relation {
                    head,
                    tail,
                    head_mention,
                    tail_mention,
                    relation_type,
                    kind,
                    trigger,
                    evidence,
                    negated,
                    modal,
                    provenance,
                } = r;
                RelationRecord(
                    head.0,
                    tail.0,
                    head_mention.map(|m| m.0),
                    tail_mention.map(|m| m.0),
                    strings.of(relation_type.label()),
                    strings.of(relation_kind_label(*kind)),
                    trigger.map(span),
                    span(*evidence),
                    *negated,
                    *modal,
                    strings.provenance(provenance),
                )
            })
            .collect();
        Record {
            hash: hash.to_owned(),
            strings: strings.list.into_iter().map(str::to_owned).collect(),
            provenances: strings.provenances,
            sentences,
            mentions,
            entities,
            quotes,
            relations,
        }
    }

    /// The annotation layers (without tokens), or why the record cannot be read. Spans are
    /// not checked against the text here (the loader validates the document).
    pub(super) fn into_annotations(self) -> Result<Annotations, String> {
        let Record {
            hash: _,
            strings,
            provenances,
            sentences,
            mentions,
            entities,
            quotes,
            relations,
        } = self;
        let strings: Vec<Cow<'static, str>> = strings.into_iter().map(intern).collect();
        let string = |i: u32| {
            strings
                .get(i as usize)
                .ok_or_else(|| format!("string {i} is out of range"))
        };
        let provenances = provenances
            .into_iter()
            .map(|(stage, confidence, rule)| {
                Ok(Provenance {
                    stage: string(stage)?.clone(),
                    confidence,
                    rule: string(rule)?.clone(),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let provenance = |i: u32| {
            provenances
                .get(i as usize)
                .cloned()
                .ok_or_else(|| format!("provenance {i} is out of range"))
        };
        let entity_type = |i: u32| {
            let label = string(i)?;
            EntityType::from_label(label).ok_or_else(|| format!("unknown entity type {label:?}"))
        };
        let sentences = sentences
            .into_iter()
            .map(|s| Ok(Sentence { span: unspan(s)? }))
            .collect::<Result<_, String>>()?;
        let mentions = mentions
            .into_iter()
            .map(|MentionRecord(s, t, e, p)| {
                Ok(Mention {
                    span: unspan(s)?,
                    entity_type: entity_type(t)?,
                    entity: e.map(EntityId),
                    provenance: provenance(p)?,
                })
            })
            .collect::<Result<_, String>>()?;
        let entities = entities
            .into_iter()
            .map(|EntityRecord(name, t, ms, aliases, p)| {
                Ok(Entity {
                    canonical_name: name,
                    entity_type: entity_type(t)?,
                    mentions: ms.into_iter().map(MentionId).collect(),
                    aliases,
                    provenance: provenance(p)?,
                })
            })
            .collect::<Result<_, String>>()?;
        let quotes = quotes
            .into_iter()
            .map(
                |QuoteRecord(content, extent, direct, cue, speaker, sm, se, p)| {
                    Ok(Quote {
                        content: unspan(content)?,
                        extent: extent.map(unspan).transpose()?,
                        direct,
                        cue: cue.map(unspan).transpose()?,
                        speaker: speaker.map(unspan).transpose()?,
                        speaker_mention: sm.map(MentionId),
                        speaker_entity: se.map(EntityId),
                        provenance: provenance(p)?,
                    })
                },
            )
            .collect::<Result<_, String>>()?;
        let relations = relations
            .into_iter()
            .map(
                |RelationRecord(head, tail, hm, tm, t, k, trigger, evidence, negated, modal, p)| {
                    let label = string(t)?;
                    let relation_type = RelationType::from_label(label)
                        .ok_or_else(|| format!("unknown relation type {label:?}"))?;
                    let label = string(k)?;
                    let kind = relation_kind_from_label(label)
                        .ok_or_else(|| format!("unknown relation kind {label:?}"))?;
                    Ok(Relation {
                        head: EntityId(head),
                        tail: EntityId(tail),
                        head_mention: hm.map(MentionId),
                        tail_mention: tm.map(MentionId),
                        relation_type,
                        kind,
                        trigger: trigger.map(unspan).transpose()?,
                        evidence: unspan(evidence)?,
                        negated,
                        modal,
                        provenance: provenance(p)?,
                    })
                },
            )
            .collect::<Result<_, String>>()?;
        Ok(Annotations {
            sentences,
            tokens: Vec::new(),
            mentions,
            entities,
            quotes,
            relations,
        })
    }
}

fn unspan((start, len): SpanRecord) -> Result<Span, String> {
    let end = start
        .checked_add(len)
        .ok_or_else(|| format!("span {start}+{len} overflows"))?;
    Ok(Span { start, end })
}

/// The most distinct strings [`intern`] keeps for the life of the process, and the longest.
const INTERNED_MAX: usize = 4096;
const INTERNED_MAX_LEN: usize = 256;

/// `s` as a string shared for the life of the process, so that the million provenances of
/// a large project hold a few hundred stage and rule names instead of a million copies.
/// Bounded ([`INTERNED_MAX`] strings of at most [`INTERNED_MAX_LEN`] bytes, a megabyte at
/// worst, whatever the files opened hold); past the bound, strings stay owned.
fn intern(s: String) -> Cow<'static, str> {
    static TABLE: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    if s.is_empty() {
        return Cow::Borrowed("");
    }
    if s.len() > INTERNED_MAX_LEN {
        return Cow::Owned(s);
    }
    let Ok(mut table) = TABLE.get_or_init(Mutex::default).lock() else {
        return Cow::Owned(s);
    };
    if let Some(&shared) = table.get(s.as_str()) {
        return Cow::Borrowed(shared);
    }
    if table.len() >= INTERNED_MAX {
        return Cow::Owned(s);
    }
    let shared: &'static str = Box::leak(s.into_boxed_str());
    table.insert(shared);
    Cow::Borrowed(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intern_shares_equal_strings() {
        let (Cow::Borrowed(a), Cow::Borrowed(b)) =
            (intern("stage-x".to_owned()), intern("stage-x".to_owned()))
        else {
            panic!("not interned");
        };
        assert!(std::ptr::eq(a, b));
        assert!(matches!(intern("y".repeat(300)), Cow::Owned(_)));
    }

    #[test]
    fn bad_indices_and_labels_are_errors() {
        let mut a = Annotations::default();
        a.mentions.push(Mention {
            span: Span::new(0, 3),
            entity_type: EntityType::Person,
            entity: None,
            provenance: Provenance::new("ner", 0.5, "r"),
        });
        let mut record = Record::new("h", &a);
        record.strings[0] = "NOT-A-TYPE".to_owned();
        let err = record.into_annotations().unwrap_err();
        assert!(err.contains("NOT-A-TYPE"), "{err}");
        let mut record = Record::new("h", &a);
        record.strings.clear();
        assert!(record.into_annotations().is_err());
        let mut record = Record::new("h", &a);
        record.sentences.push((usize::MAX, 2));
        assert!(record.into_annotations().unwrap_err().contains("overflows"));
    }
}
