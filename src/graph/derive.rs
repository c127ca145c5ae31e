//! Derives the nodes (curated merges followed), the aggregated edges and the open merge
//! suggestions from the units, the cached articles and the curation.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{RelationId, RelationKind, RelationType};
use crate::resolve::MergeSuggestion;

use super::{Edge, EntityGraph, Node, RelationRef, curated, is_directed};

impl EntityGraph {
    /// Re-derives nodes, edges and suggestions from the resolution, the cached articles and
    /// the curation.
    pub(super) fn derive(&mut self) {
        let units = self.units();
        let unit_of_key: BTreeMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.key.as_str(), i))
            .collect();
        // Curated merges: follow `merges` from each unit to the unit it ends in. Merges into
        // keys that no longer exist, and cycles, are ignored.
        let root_of = |start: usize| -> usize {
            let mut current = start;
            let mut seen = BTreeSet::from([start]);
            while let Some(&next) = self
                .curation
                .merges
                .get(units[current].key.as_str())
                .and_then(|k| unit_of_key.get(k.as_str()))
            {
                if !seen.insert(next) {
                    return start;
                }
                current = next;
            }
            current
        };
        let roots: Vec<usize> = (0..units.len()).map(root_of).collect();
        let mut by_root: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (u, &r) in roots.iter().enumerate() {
            by_root.entry(units[r].key.as_str()).or_default().push(u);
        }

        let mut nodes = Vec::with_capacity(by_root.len());
        let mut keys = BTreeMap::new();
        let mut entity_nodes: Vec<Vec<Option<usize>>> = self
            .docs
            .iter()
            .map(|d| vec![None; d.entities.len()])
            .collect();
        for (node_index, (root_key, members)) in by_root.into_iter().enumerate() {
            let root = &units[unit_of_key[root_key]];
            let mut occurrences = Vec::new();
            let mut aliases = BTreeSet::new();
            let mut mentions = 0;
            let mut merged = Vec::new();
            let mut offices = BTreeSet::new();
            for &u in &members {
                let unit = &units[u];
                offices.extend(unit.offices.iter().cloned());
                keys.insert(unit.key.clone(), node_index);
                occurrences.extend(unit.members.iter().copied());
                aliases.extend(unit.aliases.iter().cloned());
                mentions += unit.mentions;
                if unit.key != root.key {
                    merged.push(unit.key.clone());
                    aliases.insert(unit.name.clone());
                }
            }
            occurrences.sort_unstable();
            for o in &occurrences {
                if let Some(slot) = entity_nodes
                    .get_mut(o.document)
                    .and_then(|d| d.get_mut(o.entity.index()))
                {
                    *slot = Some(node_index);
                }
            }
            let name = curated::shown_name(&self.curation, &root.key, &root.name).to_owned();
            aliases.remove(&name);
            if name != root.name {
                aliases.insert(root.name.clone());
            }
            aliases.remove("");
            merged.sort();
            nodes.push(Node {
                key: root.key.clone(),
                name,
                entity_type: root.entity_type,
                mentions,
                documents: occurrences
                    .iter()
                    .map(|o| o.document)
                    .collect::<BTreeSet<_>>()
                    .len(),
                aliases: aliases.into_iter().collect(),
                occurrences,
                merged,
                offices: offices.into_iter().collect(),
            });
        }

        let mut edges: BTreeMap<(usize, usize, RelationType, RelationKind), Vec<RelationRef>> =
            BTreeMap::new();
        for (document, doc) in self.docs.iter().enumerate() {
            let map = &entity_nodes[document];
            for (i, &(head, tail, relation_type, kind)) in doc.relations.iter().enumerate() {
                let (Some(&Some(head)), Some(&Some(tail))) =
                    (map.get(head.index()), map.get(tail.index()))
                else {
                    continue;
                };
                if head == tail {
                    continue;
                }
                let directed = kind == RelationKind::Asserted && is_directed(relation_type);
                let (source, target) = if directed {
                    (head, tail)
                } else {
                    (head.min(tail), head.max(tail))
                };
                edges
                    .entry((source, target, relation_type, kind))
                    .or_default()
                    .push(RelationRef {
                        document,
                        relation: RelationId::from_index(i),
                    });
            }
        }
        let edges = edges
            .into_iter()
            .map(|((source, target, relation_type, kind), evidence)| {
                let mut per_article: Vec<(usize, usize)> = Vec::new();
                for r in &evidence {
                    match per_article.last_mut() {
                        Some((d, n)) if *d == r.document => *n += 1,
                        _ => per_article.push((r.document, 1)),
                    }
                }
                Edge {
                    source,
                    target,
                    relation_type,
                    kind,
                    directed: kind == RelationKind::Asserted && is_directed(relation_type),
                    evidence,
                    per_article,
                }
            })
            .collect();

        // Suggestions between nodes that are still apart and were not rejected.
        let mut suggestions: BTreeMap<(usize, usize), MergeSuggestion> = BTreeMap::new();
        for s in &self.corpus.suggestions {
            let (Some(&a), Some(&b)) = (keys.get(&s.a), keys.get(&s.b)) else {
                continue;
            };
            // A node the researcher merged away is settled: its old suggestions go.
            let absorbed = |key: &str, n: usize| nodes.get(n).is_some_and(|n: &Node| n.key != key);
            if a == b
                || absorbed(&s.a, a)
                || absorbed(&s.b, b)
                || self.curation.is_rejected(&s.a, &s.b)
            {
                continue;
            }
            let pair = (a.min(b), a.max(b));
            if suggestions.get(&pair).is_some_and(|o| o.score >= s.score) {
                continue;
            }
            let node_key = |n: usize| {
                nodes
                    .get(n)
                    .map_or_else(String::new, |n: &Node| n.key.clone())
            };
            suggestions.insert(
                pair,
                MergeSuggestion {
                    a: node_key(a),
                    b: node_key(b),
                    reason: s.reason.clone(),
                    score: s.score,
                },
            );
        }
        let mut suggestions: Vec<MergeSuggestion> = suggestions.into_values().collect();
        suggestions.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });

        self.max_mentions = nodes.iter().map(|n| n.mentions).max().unwrap_or(0).max(1);
        self.nodes = nodes;
        self.edges = edges;
        self.suggestions = suggestions;
        self.entity_nodes = entity_nodes;
        self.keys = keys;
    }
}
