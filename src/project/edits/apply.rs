//! Applying the mention and quote edits of one document: the annotation rewriting behind
//! [`super::apply_edits`].

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Annotations, Entity, EntityId, EntityType, Mention, MentionId, Span};

use super::{DocumentEdits, MentionEdit, QuoteEdit, excerpt, researcher_provenance};

/// True when the words at `span` are `words`.
fn names(text: &str, span: Span, words: &str) -> bool {
    text.get(span.range()).is_some_and(|t| t == words)
}

/// Deletes, re-types and adds mentions; returns the number of edits that matched nothing.
pub(super) fn apply_mention_edits(text: &str, a: &mut Annotations, edits: &DocumentEdits) -> usize {
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
pub(super) fn apply_quote_edits(text: &str, a: &mut Annotations, edits: &DocumentEdits) -> usize {
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
