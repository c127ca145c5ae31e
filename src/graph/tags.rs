//! The tag filter of the network and the exports: which nodes and edges carry a tag the
//! researcher gave (see [`crate::project::notes`]). An edge is tagged when one of the
//! relations it aggregates is tagged, or that relation's article is; a node is tagged when
//! its entity is, when it ends a tagged edge, speaks a tagged quote (or a quote of a tagged
//! article), or is mentioned in a tagged article.

use std::collections::BTreeMap;

use crate::model::Document;
use crate::project::edits::relation_key;
use crate::project::notes::{ItemKey, ItemNote, has_tag};

use super::EntityGraph;

/// Which nodes and edges of a graph carry a tag (same lengths as the graph's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagSelection {
    /// Per node.
    pub nodes: Vec<bool>,
    /// Per edge.
    pub edges: Vec<bool>,
}

/// True when quote `q` of `doc` carries `tag`, itself or through its article.
pub fn quote_tagged(
    notes: &BTreeMap<String, ItemNote>,
    doc: &Document,
    q: &crate::model::Quote,
    tag: &str,
) -> bool {
    has_tag(notes, ItemKey::Article(&doc.id), tag)
        || has_tag(notes, ItemKey::Quote(&doc.id, q.content), tag)
}

/// True when relation `r` of `doc` carries `tag`, itself or through its article.
pub fn relation_tagged(
    notes: &BTreeMap<String, ItemNote>,
    doc: &Document,
    r: &crate::model::Relation,
    tag: &str,
) -> bool {
    has_tag(notes, ItemKey::Article(&doc.id), tag)
        || relation_key(&doc.annotations, r)
            .is_some_and(|k| has_tag(notes, ItemKey::Relation(&doc.id, k), tag))
}

/// The nodes and edges of `graph` (built from `documents`) that carry `tag`.
pub fn select(
    graph: &EntityGraph,
    documents: &[Document],
    notes: &BTreeMap<String, ItemNote>,
    tag: &str,
) -> TagSelection {
    let mut nodes: Vec<bool> = graph
        .nodes
        .iter()
        .map(|n| has_tag(notes, ItemKey::Entity(&n.key), tag))
        .collect();
    let edges: Vec<bool> = graph
        .edges
        .iter()
        .map(|e| {
            e.evidence.iter().any(|r| {
                documents.get(r.document).is_some_and(|d| {
                    d.annotations
                        .relations
                        .get(r.relation.index())
                        .is_some_and(|rel| relation_tagged(notes, d, rel, tag))
                })
            })
        })
        .collect();
    for (e, kept) in graph.edges.iter().zip(&edges) {
        if *kept {
            for n in [e.source, e.target] {
                if let Some(slot) = nodes.get_mut(n) {
                    *slot = true;
                }
            }
        }
    }
    let mut mark = |d: usize, entity| {
        if let Some(slot) = graph.node_of(d, entity).and_then(|n| nodes.get_mut(n)) {
            *slot = true;
        }
    };
    for (d, doc) in documents.iter().enumerate() {
        if has_tag(notes, ItemKey::Article(&doc.id), tag) {
            for e in 0..doc.annotations.entities.len() {
                mark(d, crate::model::EntityId::from_index(e));
            }
        }
        for q in &doc.annotations.quotes {
            if let Some(e) = q.speaker_entity
                && quote_tagged(notes, doc, q, tag)
            {
                mark(d, e);
            }
        }
    }
    TagSelection { nodes, edges }
}
