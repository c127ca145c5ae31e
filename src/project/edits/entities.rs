//! The researcher's entity decisions about single mentions: a mention moved to another
//! corpus-level entity, or split off into a new one.
//!
//! Like the other edits they are keyed by the mention's byte span in one document
//! ([`super::DocumentEdits::entities`]) and carry the mention's words, so they survive
//! re-extraction as long as the span still holds a mention with those words.
//! [`apply_entity_edits`] detaches the chosen mentions from their in-article entity: the
//! mentions of one article with the same decision become one entity of their own (the whole
//! entity, when every one of its mentions was chosen), named as the decision says, and
//! quotes and relations through those mentions follow them. The entity's provenance records
//! the decision ([`assigned`]), which the network reads: a moved entity joins the node with
//! the key it names (whatever resolution would have done with it); a split-off one becomes
//! the node keyed by its new name ([`crate::resolve::node_key`]; a node with that key
//! already there is joined).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Annotations, Entity, EntityId, MentionId, Provenance, Span};

use super::CURATION_STAGE;

/// What the researcher decided about one mention's entity.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityEdit {
    /// The mention belongs to the corpus entity with node key `key`.
    Move {
        /// The mention's words.
        text: String,
        /// The node key of the entity it belongs to (`PER:jeb-bush`).
        key: String,
        /// That entity's name when the decision was made (for reading the file; the
        /// in-article entity is called so).
        name: String,
    },
    /// The mention goes to a new entity called `name`.
    Split {
        /// The mention's words.
        text: String,
        /// The new entity's name.
        name: String,
    },
}

impl EntityEdit {
    /// The mention's words.
    pub fn text(&self) -> &str {
        match self {
            EntityEdit::Move { text, .. } | EntityEdit::Split { text, .. } => text,
        }
    }

    /// The name the mention's entity gets.
    pub fn name(&self) -> &str {
        match self {
            EntityEdit::Move { name, .. } | EntityEdit::Split { name, .. } => name,
        }
    }

    /// The provenance of the entity the decision makes (read back by [`assigned`]).
    fn provenance(&self) -> Provenance {
        let rule = match self {
            EntityEdit::Move { key, .. } => format!("{MOVED_PREFIX}{key}"),
            EntityEdit::Split { .. } => SPLIT_RULE.to_owned(),
        };
        Provenance::new(CURATION_STAGE, 1.0, rule)
    }
}

/// The rule of an entity the researcher moved to a node: this prefix and the node's key.
const MOVED_PREFIX: &str = "researcher: into ";
/// The rule of an entity the researcher split off into a new entity.
const SPLIT_RULE: &str = "researcher: split off";

/// Where the researcher put an in-article entity ([`assigned`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assigned<'a> {
    /// Into the node with this key.
    Into(&'a str),
    /// Into a new node named by the entity's canonical name.
    New,
}

/// The researcher's decision an in-article entity was made by ([`EntityEdit`]), if any.
pub fn assigned(entity: &Entity) -> Option<Assigned<'_>> {
    if entity.provenance.stage != CURATION_STAGE {
        return None;
    }
    if entity.provenance.rule == SPLIT_RULE {
        return Some(Assigned::New);
    }
    entity
        .provenance
        .rule
        .strip_prefix(MOVED_PREFIX)
        .filter(|k| !k.is_empty())
        .map(Assigned::Into)
}

/// Applies the entity decisions `edits` (by mention span) to `a`; returns the number of
/// decisions that found no mention with their words at their span.
pub fn apply_entity_edits(
    text: &str,
    a: &mut Annotations,
    edits: &BTreeMap<Span, EntityEdit>,
) -> usize {
    let mut unmatched = 0;
    // (entity, decision) → the chosen mentions of that entity.
    let mut groups: BTreeMap<(EntityId, &EntityEdit), Vec<usize>> = BTreeMap::new();
    for (&span, edit) in edits {
        let found = a
            .mentions
            .iter()
            .enumerate()
            .find(|(_, m)| m.span == span)
            .and_then(|(i, m)| Some((i, m.entity?)));
        match found {
            Some((i, entity)) if text.get(span.range()) == Some(edit.text()) => {
                groups.entry((entity, edit)).or_default().push(i);
            }
            _ => unmatched += 1,
        }
    }
    for ((entity, edit), members) in groups {
        let Some(old) = a.entities.get_mut(entity.index()) else {
            continue;
        };
        let name = edit.name().trim().to_owned();
        if old.mentions.iter().all(|m| members.contains(&m.index())) {
            // Every mention chosen: the entity itself goes where the decision says.
            if !name.is_empty() && name != old.canonical_name {
                let previous = std::mem::replace(&mut old.canonical_name, name);
                if !old.aliases.contains(&previous) {
                    old.aliases.push(previous);
                }
            }
            old.provenance = edit.provenance();
            continue;
        }
        let canonical = if name.is_empty() {
            members
                .first()
                .and_then(|&i| a.mentions.get(i))
                .map(|m| m.span.text(text).to_owned())
                .unwrap_or_default()
        } else {
            name
        };
        let new = Entity {
            canonical_name: canonical,
            entity_type: old.entity_type,
            mentions: Vec::new(),
            aliases: Vec::new(),
            provenance: edit.provenance(),
        };
        detach(text, a, entity, &members, new);
    }
    unmatched
}

/// The words of the mentions `members` (indices), trimmed, each once, in order.
fn words_of(text: &str, a: &Annotations, members: &[usize]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for m in members.iter().filter_map(|&i| a.mentions.get(i)) {
        let w = m.span.text(text).trim();
        if !w.is_empty() && !words.iter().any(|x| x == w) {
            words.push(w.to_owned());
        }
    }
    words
}

/// Moves the mentions `members` (indices, of entity `from`) to the entity `new`, appended,
/// with the quotes they speak and the relations they take part in; returns its id. The
/// words of those mentions leave `from`'s aliases, unless a mention it keeps has them.
fn detach(
    text: &str,
    a: &mut Annotations,
    from: EntityId,
    members: &[usize],
    mut new: Entity,
) -> EntityId {
    let id = EntityId::from_index(a.entities.len());
    let chosen = |m: Option<MentionId>| m.is_some_and(|m| members.contains(&m.index()));
    let moved = words_of(text, a, members);
    if let Some(old) = a.entities.get(from.index()) {
        let kept: Vec<usize> = old
            .mentions
            .iter()
            .map(|m| m.index())
            .filter(|i| !members.contains(i))
            .collect();
        let kept = words_of(text, a, &kept);
        let gone: Vec<&str> = moved
            .iter()
            .filter(|w| !kept.contains(w))
            .map(String::as_str)
            .collect();
        if let Some(old) = a.entities.get_mut(from.index()) {
            old.mentions.retain(|m| !members.contains(&m.index()));
            old.aliases.retain(|alias| !gone.contains(&alias.trim()));
        }
    }
    let mut mentions: Vec<usize> = members.to_vec();
    mentions.sort_unstable();
    mentions.dedup();
    for &i in &mentions {
        if let Some(m) = a.mentions.get_mut(i) {
            m.entity = Some(id);
        }
    }
    for q in &mut a.quotes {
        if chosen(q.speaker_mention) {
            q.speaker_entity = Some(id);
        }
    }
    for r in &mut a.relations {
        if chosen(r.head_mention) {
            r.head = id;
        }
        if chosen(r.tail_mention) {
            r.tail = id;
        }
    }
    new.mentions = mentions.into_iter().map(MentionId::from_index).collect();
    a.entities.push(new);
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Document, EntityType, Mention, Quote, Relation, RelationKind, RelationType,
    };

    /// "Bush met Gore. Bush said “No.”" — both Bush mentions one entity, Gore another, the
    /// quote by the second Bush, a relation from the first.
    fn doc() -> Document {
        let text = "Bush met Gore. Bush said “No.”";
        let mut d = Document::new("d", text);
        let at = |w: &str, nth: usize| {
            let start = text.match_indices(w).nth(nth).map(|(i, _)| i).unwrap();
            Span::new(start, start + w.len())
        };
        let a = &mut d.annotations;
        for (s, e) in [(at("Bush", 0), 0), (at("Gore", 0), 1), (at("Bush", 1), 0)] {
            a.mentions.push(Mention {
                span: s,
                entity_type: EntityType::Person,
                entity: Some(EntityId(e)),
                provenance: Provenance::default(),
            });
        }
        for (name, mentions) in [("Bush", vec![0, 2]), ("Gore", vec![1])] {
            a.entities.push(Entity {
                canonical_name: name.to_owned(),
                entity_type: EntityType::Person,
                mentions: mentions.into_iter().map(MentionId).collect(),
                aliases: Vec::new(),
                provenance: Provenance::default(),
            });
        }
        a.quotes.push(Quote {
            content: at("No.", 0),
            extent: None,
            direct: true,
            cue: Some(at("said", 0)),
            speaker: Some(at("Bush", 1)),
            speaker_mention: Some(MentionId(2)),
            speaker_entity: Some(EntityId(0)),
            provenance: Provenance::default(),
        });
        a.relations.push(Relation {
            head: EntityId(0),
            tail: EntityId(1),
            head_mention: Some(MentionId(0)),
            tail_mention: Some(MentionId(1)),
            relation_type: RelationType::Met,
            kind: RelationKind::Asserted,
            trigger: Some(at("met", 0)),
            evidence: at("Bush met Gore.", 0),
            negated: false,
            modal: false,
            provenance: Provenance::default(),
        });
        d
    }

    #[test]
    fn a_chosen_mention_leaves_its_entity_with_its_quote() {
        let mut d = doc();
        let second = d.annotations.mentions[2].span;
        let edits = BTreeMap::from([(
            second,
            EntityEdit::Move {
                text: "Bush".to_owned(),
                key: "PER:jeb-bush".to_owned(),
                name: "Jeb Bush".to_owned(),
            },
        )]);
        assert_eq!(apply_entity_edits(&d.text, &mut d.annotations, &edits), 0);
        let a = &d.annotations;
        assert_eq!(a.entities.len(), 3);
        assert_eq!(a.entities[0].mentions, [MentionId(0)]);
        assert_eq!(a.entities[2].canonical_name, "Jeb Bush");
        assert_eq!(a.entities[2].mentions, [MentionId(2)]);
        assert_eq!(
            assigned(&a.entities[2]),
            Some(Assigned::Into("PER:jeb-bush"))
        );
        assert_eq!(assigned(&a.entities[0]), None);
        assert_eq!(a.mentions[2].entity, Some(EntityId(2)));
        assert_eq!(a.quotes[0].speaker_entity, Some(EntityId(2)));
        // The relation is through the first mention: it stays.
        assert_eq!(a.relations[0].head, EntityId(0));
    }

    #[test]
    fn choosing_every_mention_renames_the_entity_in_place() {
        let mut d = doc();
        let spans: Vec<Span> = [0, 2].map(|i| d.annotations.mentions[i].span).to_vec();
        let edits: BTreeMap<Span, EntityEdit> = spans
            .iter()
            .map(|&s| {
                (
                    s,
                    EntityEdit::Split {
                        text: "Bush".to_owned(),
                        name: "Barbara Bush".to_owned(),
                    },
                )
            })
            .collect();
        assert_eq!(apply_entity_edits(&d.text, &mut d.annotations, &edits), 0);
        let a = &d.annotations;
        assert_eq!(a.entities.len(), 2);
        assert_eq!(a.entities[0].canonical_name, "Barbara Bush");
        assert_eq!(a.entities[0].aliases, ["Bush"]);
        assert_eq!(assigned(&a.entities[0]), Some(Assigned::New));
    }

    /// [`doc`] with "Gore" wrongly resolved into Bush's entity, called "George Bush" with
    /// the aliases "Bush" and "Gore".
    fn doc_with_aliases() -> Document {
        let mut d = doc();
        let a = &mut d.annotations;
        a.mentions[1].entity = Some(EntityId(0));
        a.entities[1].mentions.clear();
        a.entities[0].canonical_name = "George Bush".to_owned();
        a.entities[0].mentions = vec![MentionId(0), MentionId(1), MentionId(2)];
        a.entities[0].aliases = vec!["Bush".to_owned(), "Gore".to_owned()];
        d
    }

    fn split(text: &str, name: &str) -> EntityEdit {
        EntityEdit::Split {
            text: text.to_owned(),
            name: name.to_owned(),
        }
    }

    #[test]
    fn a_moved_or_split_mention_takes_its_words_out_of_the_aliases() {
        // "Gore" split off: the entity no longer lists it; "Bush" stays.
        let mut d = doc_with_aliases();
        let [bush, gore, bush2] = [0, 1, 2].map(|i| d.annotations.mentions[i].span);
        let edits = BTreeMap::from([(gore, split("Gore", "Al Gore"))]);
        assert_eq!(apply_entity_edits(&d.text, &mut d.annotations, &edits), 0);
        assert_eq!(d.annotations.entities[0].aliases, ["Bush"]);
        assert_eq!(d.annotations.entities[2].canonical_name, "Al Gore");

        // One "Bush" moved away: the other still says "Bush", so the alias stays.
        let mut d = doc_with_aliases();
        let edits = BTreeMap::from([(
            bush2,
            EntityEdit::Move {
                text: "Bush".to_owned(),
                key: "PER:jeb-bush".to_owned(),
                name: "Jeb Bush".to_owned(),
            },
        )]);
        assert_eq!(apply_entity_edits(&d.text, &mut d.annotations, &edits), 0);
        assert_eq!(d.annotations.entities[0].aliases, ["Bush", "Gore"]);

        // Both "Bush" mentions split off: the entity keeps only "Gore".
        let mut d = doc_with_aliases();
        let edits = BTreeMap::from([
            (bush, split("Bush", "Barbara Bush")),
            (bush2, split("Bush", "Barbara Bush")),
        ]);
        assert_eq!(apply_entity_edits(&d.text, &mut d.annotations, &edits), 0);
        let a = &d.annotations;
        assert_eq!(a.entities[0].mentions, [MentionId(1)]);
        assert_eq!(a.entities[0].aliases, ["Gore"]);
        assert_eq!(a.entities[2].mentions, [MentionId(0), MentionId(2)]);
    }

    #[test]
    fn a_decision_on_other_words_or_no_mention_is_unmatched() {
        let mut d = doc();
        let before = d.annotations.clone();
        let edits = BTreeMap::from([
            (
                d.annotations.mentions[0].span,
                EntityEdit::Split {
                    text: "Gore".to_owned(),
                    name: "X".to_owned(),
                },
            ),
            (
                Span::new(5, 8),
                EntityEdit::Split {
                    text: "met".to_owned(),
                    name: "X".to_owned(),
                },
            ),
        ]);
        assert_eq!(apply_entity_edits(&d.text, &mut d.annotations, &edits), 2);
        assert_eq!(d.annotations, before);
    }
}
