//! The researcher's entity curation below the curated merges: names split off a node
//! ([`EntityCuration::split`]), single mentions moved to another node or split off into a
//! new one (in-article entities made by [`crate::project::edits::entities`]) and the names
//! the researcher gave nodes ([`EntityCuration::renames`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::EntityType;
use crate::project::EntityCuration;
use crate::project::edits::entities::Assigned;
use crate::resolve::{node_key, normalise_name};

use super::{EntityGraph, EntityRef, Unit};

/// Where the researcher put an in-article entity: into the node with the key, or a new
/// node with it (named by the entity).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Placed {
    /// An existing node's key.
    Into(String),
    /// The key of a new node.
    New(String),
}

impl Placed {
    /// The placement of an entity named `name` of type `ty` with decision `assigned`.
    pub(super) fn of(assigned: Assigned<'_>, name: &str, ty: EntityType) -> Placed {
        match assigned {
            Assigned::Into(key) => Placed::Into(key.to_owned()),
            Assigned::New => Placed::New(node_key(name, node_type(ty))),
        }
    }
}

/// The type a node of an in-article entity of type `ty` has (a TITLE naming a person is a
/// person).
fn node_type(ty: EntityType) -> EntityType {
    match ty {
        EntityType::Title => EntityType::Person,
        ty => ty,
    }
}

/// The name a node with key `key` and resolved name `name` is shown under: the
/// researcher's, if they renamed it.
pub(super) fn shown_name<'a>(curation: &'a EntityCuration, key: &str, name: &'a str) -> &'a str {
    curation
        .renames
        .get(key)
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or(name)
}

impl EntityGraph {
    /// The normalised and written name of a per-document entity.
    fn member_name(&self, member: EntityRef) -> Option<(String, &str)> {
        let info = self
            .docs
            .get(member.document)?
            .entities
            .get(member.entity.index())?;
        Some((
            normalise_name(&info.name, node_type(info.entity_type)),
            info.name.as_str(),
        ))
    }

    /// The keys of the new nodes mentions were split off into (never joined by the alias
    /// table).
    pub(super) fn placed_new_keys(&self) -> BTreeSet<String> {
        self.docs
            .iter()
            .flat_map(|d| d.entities.iter())
            .filter_map(|e| match &e.placed {
                Some(Placed::New(key)) => Some(key.clone()),
                _ => None,
            })
            .collect()
    }

    /// Moves the in-article entities the researcher placed ([`Placed`]) out of the units
    /// resolution put them in: into the unit with the key they name (left where they are
    /// when there is none), or into a new unit with their name (joining a unit with that
    /// key). Units left without members go.
    pub(super) fn place_units(&self, mut units: Vec<Unit>) -> Vec<Unit> {
        let placed: Vec<(EntityRef, &Placed)> = self
            .docs
            .iter()
            .enumerate()
            .flat_map(|(document, d)| {
                d.entities.iter().enumerate().filter_map(move |(i, e)| {
                    let entity = crate::model::EntityId::from_index(i);
                    e.placed
                        .as_ref()
                        .map(|p| (EntityRef { document, entity }, p))
                })
            })
            .collect();
        if placed.is_empty() {
            return units;
        }
        let mut unit_of: BTreeMap<EntityRef, usize> = BTreeMap::new();
        let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
        for (u, unit) in units.iter().enumerate() {
            by_key.insert(unit.key.clone(), u);
            for &m in &unit.members {
                unit_of.insert(m, u);
            }
        }
        let mut emptied = false;
        for (member, place) in placed {
            let Some(info) = self
                .docs
                .get(member.document)
                .and_then(|d| d.entities.get(member.entity.index()))
            else {
                continue;
            };
            let target = match place {
                Placed::Into(key) => match by_key.get(key) {
                    Some(&t) => t,
                    None => continue,
                },
                Placed::New(key) => *by_key.entry(key.clone()).or_insert_with(|| {
                    units.push(Unit {
                        key: key.clone(),
                        name: info.name.clone(),
                        entity_type: node_type(info.entity_type),
                        members: Vec::new(),
                        aliases: BTreeSet::new(),
                        mentions: 0,
                        offices: BTreeSet::new(),
                    });
                    units.len() - 1
                }),
            };
            let from = unit_of.get(&member).copied();
            if from == Some(target) {
                continue;
            }
            if let Some(unit) = from.and_then(|f| units.get_mut(f)) {
                unit.members.retain(|&m| m != member);
                unit.mentions = unit.mentions.saturating_sub(info.mentions);
                emptied |= unit.members.is_empty();
                // The names it brought leave with it, unless a member that stays has them.
                let mut staying: BTreeSet<&str> = BTreeSet::new();
                for m in &unit.members {
                    if let Some(e) = self
                        .docs
                        .get(m.document)
                        .and_then(|d| d.entities.get(m.entity.index()))
                    {
                        staying.extend(e.names());
                    }
                }
                let leaving: BTreeSet<&str> =
                    info.names().filter(|n| !staying.contains(n)).collect();
                unit.aliases.retain(|a| !leaving.contains(a.trim()));
            }
            if let Some(unit) = units.get_mut(target) {
                unit.members.push(member);
                unit.members.sort_unstable();
                unit.mentions += info.mentions;
                unit.aliases.insert(info.name.clone());
                unit.aliases
                    .extend(info.aliases.iter().map(|a| a.trim().to_owned()));
                unit_of.insert(member, target);
            }
        }
        if emptied {
            units.retain(|u| !u.members.is_empty());
        }
        units
    }
    /// The distinct names of the per-document entities joined into `node`: (normalised,
    /// most frequent written form), sorted. A node with two or more can have one split off.
    pub fn member_names(&self, node: usize) -> Vec<(String, String)> {
        let mut names: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
        for &m in self
            .nodes
            .get(node)
            .map_or(&[][..], |n| n.occurrences.as_slice())
        {
            if let Some((norm, written)) = self.member_name(m) {
                *names.entry(norm).or_default().entry(written).or_default() += 1;
            }
        }
        names
            .into_iter()
            .map(|(norm, forms)| {
                let written = forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(w, _)| (*w).to_owned())
                    .unwrap_or_default();
                (norm, written)
            })
            .collect()
    }

    /// Moves the members of curated splits out of their units into units of their own.
    pub(super) fn split_units(&self, units: Vec<Unit>) -> Vec<Unit> {
        let mut out = Vec::with_capacity(units.len());
        for mut unit in units {
            let mut parts: BTreeMap<String, Unit> = BTreeMap::new();
            let mut kept = Vec::with_capacity(unit.members.len());
            for &m in &unit.members {
                let split = self.member_name(m).filter(|(norm, _)| {
                    self.curation
                        .split
                        .contains(&(unit.key.clone(), norm.clone()))
                });
                let Some((norm, written)) = split else {
                    kept.push(m);
                    continue;
                };
                let mentions = self.docs[m.document].entities[m.entity.index()].mentions;
                let part = parts.entry(norm.clone()).or_insert_with(|| Unit {
                    key: format!("{}/{}", unit.key, norm.replace(' ', "-")),
                    name: written.to_owned(),
                    entity_type: unit.entity_type,
                    members: Vec::new(),
                    aliases: BTreeSet::new(),
                    mentions: 0,
                    offices: BTreeSet::new(),
                });
                part.members.push(m);
                part.mentions += mentions;
                part.aliases.insert(written.to_owned());
            }
            // Splitting every member off would leave nothing: keep the node as it was.
            if kept.is_empty() || parts.is_empty() {
                out.push(unit);
                continue;
            }
            for part in parts.values_mut() {
                unit.mentions = unit.mentions.saturating_sub(part.mentions);
                for name in &part.aliases {
                    unit.aliases.remove(name);
                }
                part.aliases.remove(&part.name);
            }
            unit.members = kept;
            out.push(unit);
            out.extend(parts.into_values());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::graph::EntityGraph;
    use crate::model::{
        Document, Entity, EntityId, EntityType, Mention, MentionId, Provenance, Span,
    };
    use crate::project::edits::{DocumentEdits, EntityEdit, apply_edits};

    /// An article that names one person once, as `name`, with `aliases`.
    fn article(id: &str, name: &str, aliases: &[&str]) -> Document {
        let mut doc = Document::new(id, format!("{name} spoke."));
        doc.annotations.mentions.push(Mention {
            span: Span::new(0, name.len()),
            entity_type: EntityType::Person,
            entity: Some(EntityId(0)),
            provenance: Provenance::default(),
        });
        doc.annotations.entities.push(Entity {
            canonical_name: name.to_owned(),
            entity_type: EntityType::Person,
            mentions: vec![MentionId(0)],
            aliases: aliases.iter().map(|&a| a.to_owned()).collect(),
            provenance: Provenance::default(),
        });
        doc
    }

    /// "Blinken" of the second article split off into a node of its own.
    fn split_off_blinken(first: Document) -> EntityGraph {
        let mut second = article("b", "Blinken", &[]);
        let mut edits = DocumentEdits::default();
        edits.entities.insert(
            Span::new(0, "Blinken".len()),
            EntityEdit::Split {
                text: "Blinken".to_owned(),
                name: "Blinken".to_owned(),
            },
        );
        assert!(apply_edits(&mut second, &edits).all_matched());
        EntityGraph::from_documents(&[first, second])
    }

    fn aliases(graph: &EntityGraph, key: &str) -> Vec<String> {
        graph
            .node_index(key)
            .map(|n| graph.nodes[n].aliases.clone())
            .unwrap_or_default()
    }

    #[test]
    fn a_split_off_entity_takes_its_names_out_of_the_node_it_left() {
        // Resolution joins "Blinken" to "Antony Blinken", which lists it as an alias.
        let joined = EntityGraph::from_documents(&[
            article("a", "Antony Blinken", &[]),
            article("b", "Blinken", &[]),
        ]);
        assert_eq!(joined.nodes.len(), 1);
        assert_eq!(aliases(&joined, "PER:antony-blinken"), ["Blinken"]);

        let graph = split_off_blinken(article("a", "Antony Blinken", &[]));
        assert_eq!(graph.nodes.len(), 2);
        assert!(graph.node_index("PER:blinken").is_some());
        assert!(aliases(&graph, "PER:antony-blinken").is_empty());

        // A member that stays and is also called "Blinken" keeps the alias.
        let graph = split_off_blinken(article("a", "Antony Blinken", &["Blinken"]));
        assert_eq!(graph.nodes.len(), 2);
        assert_eq!(aliases(&graph, "PER:antony-blinken"), ["Blinken"]);
    }
}
