//! Actor rankings for the charts: top speakers (quotes per speaker), most mentioned, and
//! most connected (degree and betweenness over asserted relations).

use crate::graph::EntityGraph;
use crate::graph::paths::{betweenness, degrees};
use crate::model::Document;

/// One ranked actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// The node's index in [`EntityGraph::nodes`].
    pub node: usize,
    /// Its display name.
    pub name: String,
    /// The value it is ranked by.
    pub value: f64,
    /// A second value (for most connected: betweenness).
    pub second: f64,
}

fn top(graph: &EntityGraph, values: Vec<(usize, f64, f64)>, n: usize) -> Vec<Ranked> {
    let mut values: Vec<_> = values.into_iter().filter(|v| v.1 > 0.0).collect();
    // Highest first; ties by name, then node, so the order is stable.
    values.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.2.total_cmp(&a.2))
            .then_with(|| graph.nodes[a.0].name.cmp(&graph.nodes[b.0].name))
            .then(a.0.cmp(&b.0))
    });
    values
        .into_iter()
        .take(n)
        .map(|(node, value, second)| Ranked {
            node,
            name: graph.nodes[node].name.clone(),
            value,
            second,
        })
        .collect()
}

/// The `n` nodes with the most attributed quotes.
pub fn top_speakers(documents: &[Document], graph: &EntityGraph, n: usize) -> Vec<Ranked> {
    let mut quotes = vec![0usize; graph.nodes.len()];
    for (d, doc) in documents.iter().enumerate() {
        for q in &doc.annotations.quotes {
            if let Some(node) = q.speaker_entity.and_then(|e| graph.node_of(d, e))
                && let Some(c) = quotes.get_mut(node)
            {
                *c += 1;
            }
        }
    }
    let values = quotes
        .into_iter()
        .enumerate()
        .map(|(i, q)| (i, q as f64, 0.0))
        .collect();
    top(graph, values, n)
}

/// The `n` most mentioned nodes.
pub fn most_mentioned(graph: &EntityGraph, n: usize) -> Vec<Ranked> {
    let values = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (i, node.mentions as f64, node.documents as f64))
        .collect();
    top(graph, values, n)
}

/// The `n` nodes with the most asserted neighbours (`value`), with their betweenness
/// (`second`).
pub fn most_connected(graph: &EntityGraph, n: usize) -> Vec<Ranked> {
    let between = betweenness(graph);
    let values = degrees(graph)
        .into_iter()
        .enumerate()
        .map(|(i, d)| (i, d as f64, between.get(i).copied().unwrap_or(0.0)))
        .collect();
    top(graph, values, n)
}
