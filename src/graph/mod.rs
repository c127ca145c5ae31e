//! The entity network (nodes = entities, edges = relations) and its layout.
//!
//! [`EntityGraph::from_documents`] merges the per-document entities of a corpus into
//! corpus-level nodes: two entities are the same node when their normalised canonical names
//! and types agree ([`corpus_key`]). Edges aggregate every relation between two nodes that
//! has the same type and kind, keeping the evidence (document and relation id) and a count.
//! [`layout`] places the nodes with a deterministic force-directed layout.
//!
//! Nothing here imports egui: positions are plain `[f32; 2]`.

pub mod layout;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Document, EntityId, EntityType, RelationId, RelationKind, RelationType};

/// The normalised form of a name used to merge entities across documents: lowercase,
/// punctuation dropped, whitespace collapsed, a leading "the " removed.
///
/// ```
/// use quarry::graph::normalise_name;
/// assert_eq!(normalise_name("  The  U.S. State Department "), "us state department");
/// assert_eq!(normalise_name("Shah Mehmood Qureshi’s"), "shah mehmood qureshi");
/// ```
pub fn normalise_name(name: &str) -> String {
    let trimmed = name
        .trim()
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches('’')
        .trim_end_matches('\'');
    let mut out = String::with_capacity(trimmed.len());
    let mut pending_space = false;
    for ch in trimmed.chars() {
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else if ch.is_whitespace() || ch == '-' || ch == '–' {
            pending_space = true;
        }
        // Other punctuation (".", ",", "’") is dropped without a break: "U.S." → "us".
    }
    match out.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => out,
    }
}

/// The stable corpus-level key of an entity: its type label and normalised name.
///
/// ```
/// use quarry::graph::corpus_key;
/// use quarry::model::EntityType;
/// assert_eq!(corpus_key("Joe Biden", EntityType::Person), "PERSON:joe biden");
/// ```
pub fn corpus_key(canonical_name: &str, entity_type: EntityType) -> String {
    format!("{}:{}", entity_type.label(), normalise_name(canonical_name))
}

/// Where a per-document entity sits: the document index and the entity id in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityRef {
    /// Index of the document in the slice the graph was built from.
    pub document: usize,
    /// The entity within that document.
    pub entity: EntityId,
}

/// Where a relation sits: the document index and the relation id in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelationRef {
    /// Index of the document in the slice the graph was built from.
    pub document: usize,
    /// The relation within that document.
    pub relation: RelationId,
}

/// A corpus-level entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The stable key ([`corpus_key`]).
    pub key: String,
    /// The display name: the most frequent canonical name (longest on ties).
    pub name: String,
    /// The type.
    pub entity_type: EntityType,
    /// Number of mentions across the corpus.
    pub mentions: usize,
    /// Number of documents it occurs in.
    pub documents: usize,
    /// Every other surface form seen (canonical names and aliases), sorted.
    pub aliases: Vec<String>,
    /// The per-document entities merged into this node, sorted.
    pub occurrences: Vec<EntityRef>,
}

/// An aggregated, typed tie between two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Index of the head node (for co-occurrence, the smaller index).
    pub source: usize,
    /// Index of the tail node.
    pub target: usize,
    /// The relation type.
    pub relation_type: RelationType,
    /// Asserted or co-occurrence.
    pub kind: RelationKind,
    /// The relations aggregated into this edge, sorted.
    pub evidence: Vec<RelationRef>,
}

impl Edge {
    /// How many relations support this edge.
    pub fn count(&self) -> usize {
        self.evidence.len()
    }
}

/// The corpus-level entity network.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityGraph {
    /// Nodes sorted by key.
    pub nodes: Vec<Node>,
    /// Edges sorted by (source, target, type, kind).
    pub edges: Vec<Edge>,
    /// For each document, for each of its entities, the node index.
    entity_nodes: Vec<Vec<usize>>,
    /// The largest node's mention count (at least 1).
    max_mentions: usize,
}

impl EntityGraph {
    /// Builds the network of `documents`.
    pub fn from_documents(documents: &[Document]) -> Self {
        struct Acc {
            names: BTreeMap<String, usize>,
            entity_type: EntityType,
            mentions: usize,
            documents: BTreeSet<usize>,
            occurrences: Vec<EntityRef>,
        }
        let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
        let mut entity_keys: Vec<Vec<String>> = Vec::with_capacity(documents.len());
        for (doc_index, doc) in documents.iter().enumerate() {
            let mut keys = Vec::with_capacity(doc.annotations.entities.len());
            for (entity_index, entity) in doc.annotations.entities.iter().enumerate() {
                let key = corpus_key(&entity.canonical_name, entity.entity_type);
                let node = acc.entry(key.clone()).or_insert_with(|| Acc {
                    names: BTreeMap::new(),
                    entity_type: entity.entity_type,
                    mentions: 0,
                    documents: BTreeSet::new(),
                    occurrences: Vec::new(),
                });
                *node
                    .names
                    .entry(entity.canonical_name.trim().to_owned())
                    .or_default() += entity.mentions.len().max(1);
                for alias in &entity.aliases {
                    node.names.entry(alias.trim().to_owned()).or_default();
                }
                node.mentions += entity.mentions.len();
                node.documents.insert(doc_index);
                node.occurrences.push(EntityRef {
                    document: doc_index,
                    entity: EntityId::from_index(entity_index),
                });
                keys.push(key);
            }
            entity_keys.push(keys);
        }

        let mut nodes = Vec::with_capacity(acc.len());
        for (key, node) in acc {
            // Most frequent canonical name; longest, then alphabetical, on ties.
            let name = node
                .names
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then(a.0.chars().count().cmp(&b.0.chars().count()))
                        .then(b.0.cmp(a.0))
                })
                .map(|(name, _)| name.clone())
                .unwrap_or_default();
            let aliases = node
                .names
                .keys()
                .filter(|n| **n != name && !n.is_empty())
                .cloned()
                .collect();
            let mut occurrences = node.occurrences;
            occurrences.sort_unstable();
            nodes.push(Node {
                key,
                name,
                entity_type: node.entity_type,
                mentions: node.mentions,
                documents: node.documents.len(),
                aliases,
                occurrences,
            });
        }
        let index_of: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.key.as_str(), i))
            .collect();
        let entity_nodes: Vec<Vec<usize>> = entity_keys
            .iter()
            .map(|keys| {
                keys.iter()
                    .map(|k| index_of.get(k.as_str()).copied().unwrap_or_default())
                    .collect()
            })
            .collect();

        let mut edges: BTreeMap<(usize, usize, RelationType, RelationKind), Vec<RelationRef>> =
            BTreeMap::new();
        for (doc_index, doc) in documents.iter().enumerate() {
            let Some(map) = entity_nodes.get(doc_index) else {
                continue;
            };
            for (relation_index, relation) in doc.annotations.relations.iter().enumerate() {
                let (Some(&head), Some(&tail)) = (
                    map.get(relation.head.index()),
                    map.get(relation.tail.index()),
                ) else {
                    continue;
                };
                if head == tail {
                    continue;
                }
                let (source, target) = if relation.kind == RelationKind::Cooccurrence
                    || relation.relation_type == RelationType::CoOccurs
                {
                    (head.min(tail), head.max(tail))
                } else {
                    (head, tail)
                };
                edges
                    .entry((source, target, relation.relation_type, relation.kind))
                    .or_default()
                    .push(RelationRef {
                        document: doc_index,
                        relation: RelationId::from_index(relation_index),
                    });
            }
        }
        let edges = edges
            .into_iter()
            .map(|((source, target, relation_type, kind), evidence)| Edge {
                source,
                target,
                relation_type,
                kind,
                evidence,
            })
            .collect();

        let max_mentions = nodes.iter().map(|n| n.mentions).max().unwrap_or(0).max(1);
        Self {
            nodes,
            edges,
            entity_nodes,
            max_mentions,
        }
    }

    /// The largest node's mention count (at least 1), for sizing nodes relative to it.
    pub fn max_mentions(&self) -> usize {
        self.max_mentions
    }

    /// The index of the node with `key`.
    pub fn node_index(&self, key: &str) -> Option<usize> {
        self.nodes
            .binary_search_by(|n| n.key.as_str().cmp(key))
            .ok()
    }

    /// The node a per-document entity was merged into.
    pub fn node_of(&self, document: usize, entity: EntityId) -> Option<usize> {
        self.entity_nodes
            .get(document)
            .and_then(|m| m.get(entity.index()))
            .copied()
    }

    /// The number of edges touching each node.
    pub fn degrees(&self) -> Vec<usize> {
        let mut degrees = vec![0; self.nodes.len()];
        for edge in &self.edges {
            if let Some(d) = degrees.get_mut(edge.source) {
                *d += 1;
            }
            if let Some(d) = degrees.get_mut(edge.target) {
                *d += 1;
            }
        }
        degrees
    }

    /// The nodes joined to `node` by any edge (not including `node`), sorted.
    pub fn neighbours(&self, node: usize) -> BTreeSet<usize> {
        self.edges
            .iter()
            .filter_map(|e| {
                if e.source == node {
                    Some(e.target)
                } else if e.target == node {
                    Some(e.source)
                } else {
                    None
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Mention, MentionId, Provenance, Relation, Span};

    fn doc_with(
        id: &str,
        entities: &[(&str, EntityType, usize)],
        rels: &[(usize, usize, RelationType, RelationKind)],
    ) -> Document {
        let mut text = String::new();
        let mut doc_entities = Vec::new();
        let mut mentions = Vec::new();
        for (name, ty, count) in entities {
            let mut ids = Vec::new();
            for _ in 0..*count {
                let start = text.len();
                text.push_str(name);
                text.push_str(". ");
                ids.push(MentionId::from_index(mentions.len()));
                mentions.push(Mention {
                    span: Span::new(start, start + name.len()),
                    entity_type: *ty,
                    entity: Some(EntityId::from_index(doc_entities.len())),
                    provenance: Provenance::new("test", 1.0, "hand"),
                });
            }
            doc_entities.push(Entity {
                canonical_name: (*name).to_owned(),
                entity_type: *ty,
                mentions: ids,
                aliases: Vec::new(),
                provenance: Provenance::default(),
            });
        }
        let mut doc = Document::new(id, text.clone());
        doc.annotations.mentions = mentions;
        doc.annotations.entities = doc_entities;
        doc.annotations.relations = rels
            .iter()
            .map(|&(h, t, ty, kind)| Relation {
                head: EntityId::from_index(h),
                tail: EntityId::from_index(t),
                head_mention: None,
                tail_mention: None,
                relation_type: ty,
                kind,
                trigger: None,
                evidence: Span::new(0, text.len()),
                negated: false,
                modal: false,
                provenance: Provenance::default(),
            })
            .collect();
        doc
    }

    #[test]
    fn merges_entities_across_documents_by_name_and_type() {
        let a = doc_with(
            "a",
            &[
                ("Shah Mehmood Qureshi", EntityType::Person, 2),
                ("Pakistan", EntityType::Loc, 1),
            ],
            &[(0, 1, RelationType::MemberOf, RelationKind::Asserted)],
        );
        let b = doc_with(
            "b",
            &[
                ("shah mehmood  Qureshi", EntityType::Person, 1),
                ("Pakistan", EntityType::Norp, 1),
            ],
            &[(1, 0, RelationType::CoOccurs, RelationKind::Cooccurrence)],
        );
        let graph = EntityGraph::from_documents(&[a, b]);
        let keys: Vec<&str> = graph.nodes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "LOC:pakistan",
                "NORP:pakistan",
                "PERSON:shah mehmood qureshi"
            ]
        );
        let qureshi = &graph.nodes[2];
        assert_eq!(qureshi.mentions, 3);
        assert_eq!(qureshi.documents, 2);
        assert_eq!(qureshi.name, "Shah Mehmood Qureshi");
        assert_eq!(qureshi.aliases, ["shah mehmood  Qureshi"]);
        assert_eq!(graph.node_of(1, EntityId(0)), Some(2));
        assert_eq!(graph.edges.len(), 2);
        // Co-occurrence edges are undirected: the smaller index comes first.
        let co = graph
            .edges
            .iter()
            .find(|e| e.kind == RelationKind::Cooccurrence)
            .unwrap();
        assert_eq!((co.source, co.target), (1, 2));
        assert_eq!(graph.neighbours(2), BTreeSet::from([0, 1]));
        assert_eq!(graph.degrees(), vec![1, 1, 2]);
    }

    #[test]
    fn aggregates_repeated_relations_and_drops_self_loops() {
        let a = doc_with(
            "a",
            &[
                ("Biden", EntityType::Person, 1),
                ("Pakistan", EntityType::Loc, 1),
                ("Joe Biden", EntityType::Person, 1),
            ],
            &[
                (0, 1, RelationType::Supports, RelationKind::Asserted),
                (0, 1, RelationType::Supports, RelationKind::Asserted),
                (0, 1, RelationType::Met, RelationKind::Asserted),
                (1, 1, RelationType::Met, RelationKind::Asserted),
            ],
        );
        let b = doc_with(
            "b",
            &[
                ("Biden", EntityType::Person, 1),
                ("Pakistan", EntityType::Loc, 1),
            ],
            &[(0, 1, RelationType::Supports, RelationKind::Asserted)],
        );
        let graph = EntityGraph::from_documents(&[a, b]);
        assert_eq!(graph.edges.len(), 2);
        let supports = graph
            .edges
            .iter()
            .find(|e| e.relation_type == RelationType::Supports)
            .unwrap();
        assert_eq!(supports.count(), 3);
        assert_eq!(graph.nodes[supports.source].name, "Biden");
        assert_eq!(graph.nodes[supports.target].name, "Pakistan");
        assert_eq!(graph.node_index("PERSON:joe biden"), Some(2));
        assert_eq!(graph.node_index("PERSON:nobody"), None);
    }
}
