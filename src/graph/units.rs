//! The nodes before curated merges ("units"): the resolved corpus entities, the left-out
//! entities relations need (offices, dates), with the researcher's splits and placements
//! applied, held offices turned into attributes of their holders, known aliases joined, and
//! fragments and common words dropped.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{EntityId, EntityType, RelationType};
use crate::resolve::node_key;

use super::fragments::{NodeEvidence, is_junk_node};
use super::{EntityGraph, EntityRef, is_fragment_name};

/// One node before curated merges: a resolved corpus entity or a left-out entity.
pub(super) struct Unit {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) entity_type: EntityType,
    pub(super) members: Vec<EntityRef>,
    pub(super) aliases: BTreeSet<String>,
    pub(super) mentions: usize,
    pub(super) offices: BTreeSet<String>,
}

impl EntityGraph {
    /// The nodes: resolved entities, then the left-out entities relations need, then the
    /// curated merges.
    pub(super) fn units(&self) -> Vec<Unit> {
        let mut units: Vec<Unit> = self
            .corpus
            .entities
            .iter()
            .map(|e| Unit {
                key: e.key.clone(),
                name: e.canonical_name.clone(),
                entity_type: e.entity_type,
                members: e
                    .members
                    .iter()
                    .map(|&(document, entity)| EntityRef { document, entity })
                    .collect(),
                aliases: e.aliases.iter().cloned().collect(),
                mentions: e.mention_count,
                offices: BTreeSet::new(),
            })
            .collect();
        if !self.curation.split.is_empty() {
            units = self.split_units(units);
        }
        // Offices and dates: one node per type and normalised name, named by the most
        // frequent written form.
        let mut left_out: BTreeMap<String, (Unit, BTreeMap<String, usize>)> = BTreeMap::new();
        for (document, doc) in self.docs.iter().enumerate() {
            for (i, e) in doc.entities.iter().enumerate() {
                let entity = EntityId::from_index(i);
                if self.corpus.lookup(document, entity).is_some()
                    || !matches!(e.entity_type, EntityType::Title | EntityType::Other)
                    || e.name.is_empty()
                {
                    continue;
                }
                let key = node_key(&e.name, e.entity_type);
                let (unit, names) = left_out.entry(key.clone()).or_insert_with(|| {
                    (
                        Unit {
                            key,
                            name: String::new(),
                            entity_type: e.entity_type,
                            members: Vec::new(),
                            aliases: BTreeSet::new(),
                            mentions: 0,
                            offices: BTreeSet::new(),
                        },
                        BTreeMap::new(),
                    )
                });
                unit.members.push(EntityRef { document, entity });
                unit.mentions += e.mentions;
                unit.aliases
                    .extend(e.aliases.iter().map(|a| a.trim().to_owned()));
                *names.entry(e.name.clone()).or_default() += e.mentions.max(1);
            }
        }
        for (_, (mut unit, names)) in left_out {
            unit.name = names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            unit.aliases.extend(names.into_keys());
            units.push(unit);
        }
        let units = self.place_units(units);
        let placed = self.placed_new_keys();
        let mut units = self.offices_to_attributes(units);
        let junk: Vec<bool> = units.iter().map(|u| self.is_junk(u, &units)).collect();
        // What the researcher split off is kept even when its name looks like a fragment.
        let mut junk = junk.into_iter();
        units.retain(|u| {
            let is_junk = junk.next().unwrap_or(false);
            placed.contains(&u.key) || (!is_fragment_name(&u.name, u.entity_type) && !is_junk)
        });
        units
    }

    /// Turns held offices into attributes of their holders: for each "holds office"
    /// relation from a non-title unit to a title unit, the title's name (with the one
    /// organisation or country the same holder's office or membership relations name in
    /// that article)
    /// goes into the holder's offices and the title unit is dropped. Titles nobody holds
    /// stay only when [`GraphOptions::show_unheld_offices`] asks for them.
    fn offices_to_attributes(&self, mut units: Vec<Unit>) -> Vec<Unit> {
        let mut unit_of: BTreeMap<EntityRef, usize> = BTreeMap::new();
        for (u, unit) in units.iter().enumerate() {
            for &m in &unit.members {
                unit_of.insert(m, u);
            }
        }
        let is_title = |u: usize| units[u].entity_type == EntityType::Title;
        let mut held = vec![false; units.len()];
        let mut offices: Vec<(usize, String)> = Vec::new();
        for (document, doc) in self.docs.iter().enumerate() {
            // holder unit → (titles, other office places) in this article
            let mut by_holder: BTreeMap<usize, (BTreeSet<usize>, BTreeSet<usize>)> =
                BTreeMap::new();
            for &(head, tail, relation_type, _) in &doc.relations {
                if !matches!(
                    relation_type,
                    RelationType::OfficeHeld | RelationType::MemberOf
                ) {
                    continue;
                }
                let unit = |entity: EntityId| unit_of.get(&EntityRef { document, entity }).copied();
                let (Some(h), Some(t)) = (unit(head), unit(tail)) else {
                    continue;
                };
                if h == t || is_title(h) {
                    continue;
                }
                let entry = by_holder.entry(h).or_default();
                if is_title(t) {
                    if relation_type != RelationType::OfficeHeld {
                        continue;
                    }
                    entry.0.insert(t);
                } else {
                    entry.1.insert(t);
                }
            }
            for (holder, (titles, places)) in by_holder {
                let place = match places.len() {
                    1 => places.first().map(|&p| units[p].name.as_str()),
                    _ => None,
                };
                for t in titles {
                    held[t] = true;
                    let office = match place {
                        Some(p) => format!("{}, {p}", units[t].name),
                        None => units[t].name.clone(),
                    };
                    offices.push((holder, office));
                }
            }
        }
        for (holder, office) in offices {
            units[holder].offices.insert(office);
        }
        let show_unheld = self.options.show_unheld_offices;
        units
            .into_iter()
            .enumerate()
            .filter(|&(u, ref unit)| {
                unit.entity_type != EntityType::Title || (!held[u] && show_unheld)
            })
            .map(|(_, unit)| unit)
            .collect()
    }

    /// True when the corpus shows `unit` is junk ([`is_junk_node`]): judged on the contexts
    /// of all its members' capitalised mentions, the words the corpus writes in lower case
    /// and the words of the other units' names.
    fn is_junk(&self, unit: &Unit, units: &[Unit]) -> bool {
        let contexts: Vec<_> = unit
            .members
            .iter()
            .filter_map(|m| {
                self.docs
                    .get(m.document)
                    .and_then(|d| d.entities.get(m.entity.index()))
            })
            .flat_map(|e| e.contexts.iter().copied())
            .collect();
        let written_lowercase = |word: &str| self.docs.iter().any(|d| d.lowercase.contains(word));
        let names_word = |word: &str| {
            units.iter().any(|other| {
                other.key != unit.key && other.name.split_whitespace().any(|w| w == word)
            })
        };
        is_junk_node(&NodeEvidence {
            name: &unit.name,
            entity_type: unit.entity_type,
            contexts: &contexts,
            written_lowercase: &written_lowercase,
            names_word: &names_word,
        })
    }
}
