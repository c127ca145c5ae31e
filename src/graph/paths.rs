//! Ego networks, shortest paths and centrality over the asserted relations of an
//! [`EntityGraph`] (co-occurrence edges are left out: "mentioned with" asserts no tie).
//!
//! Edges are walked both ways (a path may follow "Austin met Qureshi" from Qureshi); each
//! step of a path carries the relation it stands on, whose evidence sentence the views and
//! `quarry path` print. Neighbours are visited in node order, so results are deterministic.

use std::collections::{BTreeSet, VecDeque};

use crate::model::{Document, EntityType, RelationKind};
use crate::resolve::normalise_name;

use super::{EntityGraph, RelationRef};

/// One step of a path: an asserted edge walked from `from` to `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathStep {
    /// The node the step leaves.
    pub from: usize,
    /// The node it reaches.
    pub to: usize,
    /// The edge's index in [`EntityGraph::edges`].
    pub edge: usize,
    /// The relation whose evidence sentence supports the step (the edge's first).
    pub evidence: RelationRef,
}

/// For each node, its asserted neighbours with the edge joining them, sorted.
pub fn asserted_adjacency(graph: &EntityGraph) -> Vec<Vec<(usize, usize)>> {
    let mut adjacency = vec![Vec::new(); graph.nodes.len()];
    for (i, edge) in graph.edges.iter().enumerate() {
        if edge.kind != RelationKind::Asserted || edge.source == edge.target {
            continue;
        }
        if let Some(list) = adjacency.get_mut(edge.source) {
            list.push((edge.target, i));
        }
        if let Some(list) = adjacency.get_mut(edge.target) {
            list.push((edge.source, i));
        }
    }
    for list in &mut adjacency {
        list.sort_unstable();
        list.dedup_by_key(|(n, _)| *n);
    }
    adjacency
}

/// The nodes within `depth` asserted steps of `node` (itself included), sorted.
pub fn ego(graph: &EntityGraph, node: usize, depth: usize) -> BTreeSet<usize> {
    let adjacency = asserted_adjacency(graph);
    let mut seen = BTreeSet::new();
    if node >= graph.nodes.len() {
        return seen;
    }
    seen.insert(node);
    let mut frontier = vec![node];
    for _ in 0..depth {
        let mut next = Vec::new();
        for n in frontier {
            for &(m, _) in &adjacency[n] {
                if seen.insert(m) {
                    next.push(m);
                }
            }
        }
        frontier = next;
    }
    seen
}

/// A shortest path from `from` to `to` over asserted relations (breadth first), or `None`
/// when they are not connected. A path from a node to itself has no steps.
pub fn shortest_path(graph: &EntityGraph, from: usize, to: usize) -> Option<Vec<PathStep>> {
    let n = graph.nodes.len();
    if from >= n || to >= n {
        return None;
    }
    let adjacency = asserted_adjacency(graph);
    let mut previous: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut seen = vec![false; n];
    seen[from] = true;
    let mut queue = VecDeque::from([from]);
    while let Some(current) = queue.pop_front() {
        if current == to {
            break;
        }
        for &(next, edge) in &adjacency[current] {
            if !seen[next] {
                seen[next] = true;
                previous[next] = Some((current, edge));
                queue.push_back(next);
            }
        }
    }
    if !seen[to] {
        return None;
    }
    let mut steps = Vec::new();
    let mut at = to;
    while let Some((prev, edge)) = previous[at] {
        let evidence = *graph.edges.get(edge)?.evidence.first()?;
        steps.push(PathStep {
            from: prev,
            to: at,
            edge,
            evidence,
        });
        at = prev;
    }
    steps.reverse();
    Some(steps)
}

/// The evidence sentence of a relation, whitespace collapsed.
pub fn evidence_sentence(documents: &[Document], relation: RelationRef) -> Option<String> {
    let doc = documents.get(relation.document)?;
    let r = doc.annotations.relations.get(relation.relation.index())?;
    let text = doc.text.get(r.evidence.range())?;
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Each node's number of asserted neighbours.
pub fn degrees(graph: &EntityGraph) -> Vec<usize> {
    asserted_adjacency(graph).iter().map(Vec::len).collect()
}

/// Each node's betweenness centrality over the asserted relations (undirected, unweighted;
/// Brandes' algorithm; each unordered pair counted once, not normalised).
pub fn betweenness(graph: &EntityGraph) -> Vec<f64> {
    let adjacency = asserted_adjacency(graph);
    let n = adjacency.len();
    let mut centrality = vec![0.0; n];
    for s in 0..n {
        if adjacency[s].is_empty() {
            continue;
        }
        let mut stack = Vec::new();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0_f64; n];
        let mut dist = vec![-1_i64; n];
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &(w, _) in &adjacency[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0_f64; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    // Every pair was counted from both ends.
    centrality.iter().map(|c| c / 2.0).collect()
}

/// The nodes a name stands for: the node with that key, and every node whose name or alias
/// normalises (for the node's type) to the name's normal form; failing that, every node
/// whose name ends with it (a surname). Sorted.
pub fn nodes_named(graph: &EntityGraph, name: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if let Some(n) = graph.node_index(name.trim()) {
        out.push(n);
    }
    let norms: Vec<(EntityType, String)> = EntityType::ALL
        .iter()
        .map(|&t| (t, normalise_name(name, t)))
        .collect();
    for (i, node) in graph.nodes.iter().enumerate() {
        let Some((_, norm)) = norms.iter().find(|(t, _)| *t == node.entity_type) else {
            continue;
        };
        if norm.is_empty() {
            continue;
        }
        if std::iter::once(&node.name)
            .chain(&node.aliases)
            .any(|a| normalise_name(a, node.entity_type) == *norm)
        {
            out.push(i);
        }
    }
    if out.is_empty() {
        // A surname or the last words of a name ("Qureshi" for "Shah Mehmood Qureshi").
        for (i, node) in graph.nodes.iter().enumerate() {
            let Some((_, norm)) = norms.iter().find(|(t, _)| *t == node.entity_type) else {
                continue;
            };
            if std::iter::once(&node.name)
                .chain(&node.aliases)
                .any(|a| ends_with_words(&normalise_name(a, node.entity_type), norm))
            {
                out.push(i);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// True when the words of `name` end with all the words of `tail` (both normalised).
pub fn ends_with_words(name: &str, tail: &str) -> bool {
    !tail.is_empty() && (name == tail || name.ends_with(&format!(" {tail}")))
}
