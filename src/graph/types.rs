//! The network's public value types: nodes, edges, the references into the articles they
//! aggregate, and the options that change which nodes exist.

use crate::model::{EntityId, EntityType, RelationId, RelationKind, RelationType};

/// Where a per-document entity sits: the document index and the entity id in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityRef {
    /// Index of the document in the corpus.
    pub document: usize,
    /// The entity within that document.
    pub entity: EntityId,
}

/// Where a relation sits: the document index and the relation id in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelationRef {
    /// Index of the document in the corpus.
    pub document: usize,
    /// The relation within that document.
    pub relation: RelationId,
}

/// A corpus-level entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The stable key (`PER:lloyd-austin`); for a curated merge, the kept node's key.
    pub key: String,
    /// The display name.
    pub name: String,
    /// The type.
    pub entity_type: EntityType,
    /// Number of mentions across the corpus.
    pub mentions: usize,
    /// Number of documents it occurs in.
    pub documents: usize,
    /// Every other name and surface form seen, sorted.
    pub aliases: Vec<String>,
    /// The per-document entities joined into this node, sorted.
    pub occurrences: Vec<EntityRef>,
    /// Keys of the nodes the researcher merged into this one, sorted.
    pub merged: Vec<String>,
    /// The offices this actor holds, from "holds office" relations to titles, each with
    /// the organisation or country of the office when the article names exactly one
    /// ("Secretary of Defense, United States"), sorted. Held offices are not nodes.
    pub offices: Vec<String>,
}

/// How the network is derived from the articles (view choices that change nodes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GraphOptions {
    /// Keep offices whose holder is not named as nodes of their own ("Foreign Minister"
    /// with no person holding it). Offices someone holds are always attributes of that
    /// person ([`Node::offices`]), never nodes.
    pub show_unheld_offices: bool,
}

/// An aggregated, typed tie between two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Index of the head node (for undirected types, the smaller index).
    pub source: usize,
    /// Index of the tail node.
    pub target: usize,
    /// The relation type.
    pub relation_type: RelationType,
    /// Asserted or co-occurrence.
    pub kind: RelationKind,
    /// True when the type has a direction ([`is_directed`]) and the edge is asserted.
    pub directed: bool,
    /// The relations aggregated into this edge, sorted.
    pub evidence: Vec<RelationRef>,
    /// How many of them each article contributes: (document index, count), sorted.
    pub per_article: Vec<(usize, usize)>,
}

impl Edge {
    /// How many relations support this edge.
    pub fn count(&self) -> usize {
        self.evidence.len()
    }
}
