//! The entity network (nodes = resolved corpus entities, edges = typed relations) and its
//! layout.
//!
//! [`EntityGraph`] keeps a [`CorpusEntities`] resolution of the corpus (one node per real
//! actor: "Joe Biden", "Biden" and "President Joe Biden" across articles are one node, "US",
//! "U.S.", "United States" and "America" another) and applies the researcher's
//! [`EntityCuration`] on top of it: a merged node joins the node it was merged into, under
//! that node's key; rejected merge suggestions are no longer listed. Entities that resolution
//! leaves out but that relations point at (dates, other named things) become nodes of their
//! own type keyed like the others ([`crate::resolve::node_key`]); a person described only by
//! a title or in lower case ("the president") is not a node. An office someone holds
//! ("Foreign Minister") is an attribute of its holder ([`Node::offices`]), not a node; an
//! office nobody named holds is a node only when [`GraphOptions::show_unheld_offices`] asks.
//! Fragments and junk are no nodes ([`fragments`]: "Department", "Refugees" cut from "High
//! Commissioner for Refugees", "Ally" where the corpus writes "ally", `@ABlinken`); other
//! names of one actor are joined by the resolution ([`crate::resolve::aliases`]).
//!
//! The researcher can also split a name off a node the resolver merged
//! ([`EntityCuration::split`]): the members with that normalised name become a node keyed
//! `KEY/name` ("PER:antony-blinken/blinken"), move single mentions to another node or split
//! them off into a new one ([`crate::project::edits::entities`]), and give a node another
//! name ([`EntityCuration::renames`]; its key stays). `curated.rs` applies these.
//!
//! Edges aggregate every relation between two nodes with one type and kind, keeping the
//! evidence (document and relation id) and the count per article. Types that read the same
//! both ways (met, allied with, co-occurs) are undirected: their edge runs from the node with
//! the smaller index. Co-occurrence is its own, weaker [`RelationKind`] that views can hide.
//!
//! Articles are added, removed and replaced incrementally: the resolution reuses its cached
//! name analyses ([`CorpusEntities::add_documents`]) and the graph keeps each article's
//! entities and relations, so nodes and edges are re-derived without reading any document
//! again. The result is always the same as building from scratch.
//!
//! [`layout`] places the nodes with a deterministic force-directed layout. Nothing here
//! imports egui: positions are plain `[f32; 2]`.

mod curated;
pub mod display;
pub mod fragments;
pub mod labels;
pub mod layout;
pub mod noise;
pub mod palette;
pub mod paths;
pub mod quadtree;
pub mod tags;

mod cache;
mod derive;
mod types;
mod units;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Document, EntityId, RelationType};
use crate::project::EntityCuration;
use crate::resolve::{CorpusEntities, MergeSuggestion};

use cache::DocCache;
use units::Unit;

pub use fragments::is_fragment_name;
pub use types::{Edge, EntityRef, GraphOptions, Node, RelationRef};

/// True for relation types that have a direction (drawn with an arrow): everything except
/// the symmetric "met", "allied with" and co-occurrence.
pub fn is_directed(relation_type: RelationType) -> bool {
    !matches!(
        relation_type,
        RelationType::Met | RelationType::AlliedWith | RelationType::CoOccurs
    )
}

/// The corpus-level entity network.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityGraph {
    /// Nodes sorted by key.
    pub nodes: Vec<Node>,
    /// Edges sorted by (source, target, type, kind).
    pub edges: Vec<Edge>,
    /// Merge suggestions still open (not merged, not rejected), by node key, sorted by
    /// score (highest first), then keys.
    pub suggestions: Vec<MergeSuggestion>,
    corpus: CorpusEntities,
    docs: Vec<DocCache>,
    curation: EntityCuration,
    options: GraphOptions,
    /// For each document, for each of its entities, the node index.
    entity_nodes: Vec<Vec<Option<usize>>>,
    /// Every key (including keys of merged nodes) → node index.
    keys: BTreeMap<String, usize>,
    /// The largest node's mention count (at least 1).
    max_mentions: usize,
}

impl EntityGraph {
    /// Builds the network of `documents` with the researcher's `curation` applied.
    pub fn new(documents: &[Document], curation: &EntityCuration) -> Self {
        Self::with_options(documents, curation, GraphOptions::default())
    }

    /// Builds the network of `documents` with `curation` and `options` applied.
    pub fn with_options(
        documents: &[Document],
        curation: &EntityCuration,
        options: GraphOptions,
    ) -> Self {
        let mut graph = Self {
            corpus: CorpusEntities::build(documents),
            docs: documents.iter().map(DocCache::new).collect(),
            curation: curation.clone(),
            options,
            ..Self::default()
        };
        graph.derive();
        graph
    }

    /// Applies changed options. Does nothing if they are unchanged.
    pub fn set_options(&mut self, options: GraphOptions) {
        if options != self.options {
            self.options = options;
            self.derive();
        }
    }

    /// The options the network was derived with.
    pub fn options(&self) -> GraphOptions {
        self.options
    }

    /// Builds the network of `documents` without curation.
    pub fn from_documents(documents: &[Document]) -> Self {
        Self::new(documents, &EntityCuration::default())
    }

    /// Inserts `documents` at `index` (clamped), shifting later documents up, and updates
    /// the network.
    pub fn add_documents(&mut self, index: usize, documents: &[Document]) {
        let at = index.min(self.docs.len());
        self.corpus.add_documents(at, documents);
        self.docs
            .splice(at..at, documents.iter().map(DocCache::new));
        self.derive();
    }

    /// Removes the document at `index` (no-op if there is none), shifting later documents
    /// down, and updates the network.
    pub fn remove_document(&mut self, index: usize) {
        if index < self.docs.len() {
            self.corpus.remove_document(index);
            self.docs.remove(index);
            self.derive();
        }
    }

    /// Replaces the document at `index` by its re-extracted version (appends it if there is
    /// none) and updates the network.
    pub fn replace_document(&mut self, index: usize, document: &Document) {
        self.corpus.replace_document(index, document);
        match self.docs.get_mut(index) {
            Some(cache) => *cache = DocCache::new(document),
            None => self.docs.push(DocCache::new(document)),
        }
        self.derive();
    }

    /// Applies a changed curation (merges, rejections). Does nothing if it is unchanged.
    pub fn set_curation(&mut self, curation: &EntityCuration) {
        if *curation != self.curation {
            self.curation = curation.clone();
            self.derive();
        }
    }

    /// The curation the network was derived with.
    pub fn curation(&self) -> &EntityCuration {
        &self.curation
    }

    /// The automatic resolution underneath (before curation).
    pub fn corpus(&self) -> &CorpusEntities {
        &self.corpus
    }

    /// The number of documents.
    pub fn document_count(&self) -> usize {
        self.docs.len()
    }

    /// The largest node's mention count (at least 1), for sizing nodes relative to it.
    pub fn max_mentions(&self) -> usize {
        self.max_mentions
    }

    /// The index of the node with `key`, or of the node a node with `key` was merged into.
    pub fn node_index(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }

    /// The node a per-document entity belongs to (`None` for entities that are not nodes:
    /// persons known only by a description).
    pub fn node_of(&self, document: usize, entity: EntityId) -> Option<usize> {
        self.entity_nodes
            .get(document)
            .and_then(|m| m.get(entity.index()))
            .copied()
            .flatten()
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
mod tests;
