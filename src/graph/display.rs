//! Display defaults that depend on the size of the network: above
//! [`LARGE_PROJECT_RELATIONS`] relations, the diagram (and nothing else: exports keep what
//! they are asked for) starts with co-occurrence edges hidden — "asserted only" — because
//! same-sentence co-occurrence then outnumbers the asserted relations many times and turns
//! the picture into a hairball. The researcher's own choice of the switch always wins.

use super::EntityGraph;
use crate::model::RelationKind;

/// Relations (asserted and co-occurrence, counted over every edge's evidence) above which a
/// project is large and the diagram shows asserted relations only by default.
///
/// Chosen from the bundled demo: its 23 articles carry 419 relations, 377 of them
/// co-occurrence and 42 asserted (about 18 a news article, nine co-occurrences to one
/// asserted relation), and its diagram with co-occurrence is still readable. 1,000 is
/// reached at about 55 such articles, where co-occurrence edges alone would fill the canvas.
pub const LARGE_PROJECT_RELATIONS: usize = 1_000;

impl EntityGraph {
    /// Every relation behind the edges, asserted and co-occurrence.
    pub fn relation_count(&self) -> usize {
        self.edges.iter().map(super::Edge::count).sum()
    }

    /// How many relations of `kind` the edges carry.
    pub fn relation_count_of(&self, kind: RelationKind) -> usize {
        self.edges
            .iter()
            .filter(|e| e.kind == kind)
            .map(super::Edge::count)
            .sum()
    }

    /// True when the diagram should start with asserted relations only
    /// ([`LARGE_PROJECT_RELATIONS`]).
    pub fn asserted_only_by_default(&self) -> bool {
        self.relation_count() > LARGE_PROJECT_RELATIONS
    }
}
