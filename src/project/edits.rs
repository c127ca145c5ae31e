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

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{
    Annotations, Document, Entity, EntityId, EntityType, Mention, MentionId, Provenance, Span,
};

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
}

impl DocumentEdits {
    /// True when there is no edit.
    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty() && self.quotes.is_empty()
    }

    /// The number of edits.
    pub fn len(&self) -> usize {
        self.mentions.len() + self.quotes.len()
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
}

impl EditReport {
    /// Adds another report's counts.
    pub fn add(&mut self, other: EditReport) {
        self.unmatched_quotes += other.unmatched_quotes;
        self.unmatched_mentions += other.unmatched_mentions;
    }

    /// True when every edit matched.
    pub fn all_matched(self) -> bool {
        self.unmatched_quotes == 0 && self.unmatched_mentions == 0
    }
}

/// Applies `edits` to `doc`'s annotations. Returns what did not match.
pub fn apply_edits(doc: &mut Document, edits: &DocumentEdits) -> EditReport {
    let mut report = EditReport::default();
    if edits.is_empty() {
        return report;
    }
    report.unmatched_mentions = apply_mention_edits(&doc.text, &mut doc.annotations, edits);
    report.unmatched_quotes = apply_quote_edits(&doc.text, &mut doc.annotations, edits);
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
            report.unmatched_mentions += e.mentions.len();
        }
    }
    report
}

/// True when the words at `span` are `words`.
fn names(text: &str, span: Span, words: &str) -> bool {
    text.get(span.range()).is_some_and(|t| t == words)
}

/// Deletes, re-types and adds mentions; returns the number of edits that matched nothing.
fn apply_mention_edits(text: &str, a: &mut Annotations, edits: &DocumentEdits) -> usize {
    let mut unmatched = 0;
    let mut deleted = vec![false; a.mentions.len()];
    let mut retyped: Vec<usize> = Vec::new();
    let mut added: Vec<(Span, EntityType)> = Vec::new();
    for (&span, edit) in &edits.mentions {
        let found: Vec<usize> = a
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.span == span)
            .map(|(i, _)| i)
            .collect();
        if !names(text, span, edit.text()) {
            unmatched += 1;
            continue;
        }
        match edit {
            MentionEdit::Delete { .. } => {
                for &i in &found {
                    deleted[i] = true;
                }
            }
            MentionEdit::Retype { entity_type, .. } | MentionEdit::Add { entity_type, .. } => {
                for &i in &found {
                    if let Some(m) = a.mentions.get_mut(i)
                        && m.entity_type != *entity_type
                    {
                        m.entity_type = *entity_type;
                        m.provenance = researcher_provenance();
                        retyped.push(i);
                    }
                }
                if found.is_empty() && matches!(edit, MentionEdit::Add { .. }) {
                    added.push((span, *entity_type));
                }
            }
        }
        if found.is_empty() && !matches!(edit, MentionEdit::Add { .. }) {
            unmatched += 1;
        }
    }
    retype_entities(text, a, &retyped);
    if deleted.iter().any(|d| *d) || !added.is_empty() {
        rebuild_mentions(text, a, &deleted, &added);
    }
    unmatched
}

/// Gives the entities of re-typed mentions their new type: an entity whose mentions all
/// have one type now takes it; otherwise its re-typed mentions leave it, one new entity per
/// new type.
fn retype_entities(text: &str, a: &mut Annotations, retyped: &[usize]) {
    let mut by_entity: BTreeMap<EntityId, Vec<usize>> = BTreeMap::new();
    for &i in retyped {
        if let Some(e) = a.mentions.get(i).and_then(|m| m.entity) {
            by_entity.entry(e).or_default().push(i);
        }
    }
    for (e, changed) in by_entity {
        let Some(entity) = a.entities.get(e.index()) else {
            continue;
        };
        let types: BTreeSet<EntityType> = entity
            .mentions
            .iter()
            .filter_map(|m| a.mentions.get(m.index()))
            .map(|m| m.entity_type)
            .collect();
        if types.len() <= 1 {
            if let (Some(t), Some(entity)) = (types.first(), a.entities.get_mut(e.index())) {
                entity.entity_type = *t;
            }
            continue;
        }
        // Split the re-typed mentions off, one new entity per new type.
        let mut groups: BTreeMap<EntityType, Vec<usize>> = BTreeMap::new();
        for i in changed {
            if let Some(m) = a.mentions.get(i) {
                groups.entry(m.entity_type).or_default().push(i);
            }
        }
        for (t, mut members) in groups {
            members.sort_unstable();
            let new = EntityId::from_index(a.entities.len());
            let canonical = members
                .iter()
                .filter_map(|&i| a.mentions.get(i))
                .map(|m| m.span.text(text))
                .max_by_key(|s| s.len())
                .unwrap_or_default()
                .to_owned();
            if let Some(old) = a.entities.get_mut(e.index()) {
                old.mentions.retain(|m| !members.contains(&m.index()));
            }
            for &i in &members {
                if let Some(m) = a.mentions.get_mut(i) {
                    m.entity = Some(new);
                }
            }
            let moved = |m: Option<MentionId>| m.is_some_and(|m| members.contains(&m.index()));
            for q in &mut a.quotes {
                if moved(q.speaker_mention) {
                    q.speaker_entity = Some(new);
                }
            }
            for r in &mut a.relations {
                if moved(r.head_mention) {
                    r.head = new;
                }
                if moved(r.tail_mention) {
                    r.tail = new;
                }
            }
            a.entities.push(Entity {
                canonical_name: canonical,
                entity_type: t,
                mentions: members.into_iter().map(MentionId::from_index).collect(),
                aliases: Vec::new(),
                provenance: researcher_provenance(),
            });
        }
    }
}

/// Removes the `deleted` mentions and adds `added` ones (each an entity of its own), keeping
/// mentions in text order and every mention and entity id consistent. Entities left without
/// mentions go, and so do the relations between them.
fn rebuild_mentions(
    text: &str,
    a: &mut Annotations,
    deleted: &[bool],
    added: &[(Span, EntityType)],
) {
    let old_entities = a.entities.len();
    // (mention, old index or None for an added one).
    let mut list: Vec<(Mention, Option<usize>)> = std::mem::take(&mut a.mentions)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !deleted.get(*i).copied().unwrap_or(false))
        .map(|(i, m)| (m, Some(i)))
        .collect();
    for (k, &(span, entity_type)) in added.iter().enumerate() {
        let entity = EntityId::from_index(old_entities + k);
        a.entities.push(Entity {
            canonical_name: span.text(text).to_owned(),
            entity_type,
            mentions: Vec::new(),
            aliases: Vec::new(),
            provenance: researcher_provenance(),
        });
        list.push((
            Mention {
                span,
                entity_type,
                entity: Some(entity),
                provenance: researcher_provenance(),
            },
            None,
        ));
    }
    list.sort_by_key(|(m, old)| (m.span.start, m.span.end, old.is_none(), *old));
    let mut map: Vec<Option<MentionId>> = vec![None; deleted.len()];
    for (new, (_, old)) in list.iter().enumerate() {
        if let Some(slot) = old.and_then(|o| map.get_mut(o)) {
            *slot = Some(MentionId::from_index(new));
        }
    }
    let remap = |m: Option<MentionId>| m.and_then(|m| map.get(m.index()).copied().flatten());
    // Entity mention lists: remapped old ones, then the added mentions.
    let had_mentions: Vec<bool> = a.entities.iter().map(|e| !e.mentions.is_empty()).collect();
    for entity in &mut a.entities {
        entity.mentions = entity
            .mentions
            .iter()
            .filter_map(|m| remap(Some(*m)))
            .collect();
    }
    for (new, (m, old)) in list.iter().enumerate() {
        if old.is_none()
            && let Some(entity) = m.entity.and_then(|e| a.entities.get_mut(e.index()))
        {
            entity.mentions.push(MentionId::from_index(new));
        }
    }
    a.mentions = list.into_iter().map(|(m, _)| m).collect();
    for q in &mut a.quotes {
        q.speaker_mention = remap(q.speaker_mention);
    }
    for r in &mut a.relations {
        r.head_mention = remap(r.head_mention);
        r.tail_mention = remap(r.tail_mention);
    }
    // Entities the deletions emptied go.
    let keep: Vec<bool> = a
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| !e.mentions.is_empty() || !had_mentions.get(i).copied().unwrap_or(false))
        .collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut entity_map: Vec<Option<EntityId>> = Vec::with_capacity(keep.len());
    let mut next = 0;
    for k in &keep {
        entity_map.push(k.then(|| {
            next += 1;
            EntityId::from_index(next - 1)
        }));
    }
    let remap_entity = |e: EntityId| entity_map.get(e.index()).copied().flatten();
    let mut i = 0;
    a.entities.retain(|_| {
        i += 1;
        keep.get(i - 1).copied().unwrap_or(true)
    });
    for m in &mut a.mentions {
        m.entity = m.entity.and_then(remap_entity);
    }
    for q in &mut a.quotes {
        q.speaker_entity = q.speaker_entity.and_then(remap_entity);
    }
    a.relations
        .retain_mut(|r| match (remap_entity(r.head), remap_entity(r.tail)) {
            (Some(h), Some(t)) => {
                r.head = h;
                r.tail = t;
                true
            }
            _ => false,
        });
}

/// Deletes, confirms and re-attributes quotes; returns the number of edits that matched
/// nothing.
fn apply_quote_edits(text: &str, a: &mut Annotations, edits: &DocumentEdits) -> usize {
    let mut unmatched = 0;
    let mut deleted = vec![false; a.quotes.len()];
    for (&span, edit) in &edits.quotes {
        let Some(qi) = a.quotes.iter().position(|q| q.content == span) else {
            unmatched += 1;
            continue;
        };
        if !excerpt(span.text(text)).starts_with(edit.text()) {
            unmatched += 1;
            continue;
        }
        match edit {
            QuoteEdit::Delete { .. } => {
                if let Some(d) = deleted.get_mut(qi) {
                    *d = true;
                }
            }
            QuoteEdit::Confirm { .. } => {
                if let Some(q) = a.quotes.get_mut(qi) {
                    q.provenance = researcher_provenance();
                }
            }
            QuoteEdit::Speaker {
                speaker, mention, ..
            } => {
                let Some((mention_id, mention_span, entity)) = find_speaker(a, speaker, *mention)
                else {
                    unmatched += 1;
                    continue;
                };
                if let Some(q) = a.quotes.get_mut(qi) {
                    q.speaker = Some(mention_span);
                    q.speaker_mention = Some(mention_id);
                    q.speaker_entity = Some(entity);
                    q.provenance = researcher_provenance();
                }
            }
        }
    }
    let mut i = 0;
    a.quotes.retain(|_| {
        i += 1;
        !deleted.get(i - 1).copied().unwrap_or(false)
    });
    unmatched
}

/// The speaker a [`QuoteEdit::Speaker`] names: the entity of the mention at `span`, else the
/// first mention of the entity called `name`.
fn find_speaker(a: &Annotations, name: &str, span: Span) -> Option<(MentionId, Span, EntityId)> {
    if let Some((i, m)) = a
        .mentions
        .iter()
        .enumerate()
        .find(|(_, m)| m.span == span && m.entity.is_some())
    {
        return Some((MentionId::from_index(i), m.span, m.entity?));
    }
    let entity = a.entities.iter().position(|e| e.canonical_name == name)?;
    let first = *a.entities.get(entity)?.mentions.first()?;
    let m = a.mention(first)?;
    Some((first, m.span, EntityId::from_index(entity)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Quote, Relation, RelationKind, RelationType};

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
                unmatched_mentions: 2
            }
        );
        assert_eq!(d.annotations, before);
    }
}
