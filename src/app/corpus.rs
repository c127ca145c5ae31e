//! Derived, read-only views of the project's documents for the tables and the network:
//! updated only when the documents or the entity curation change (never per frame). The
//! network ([`EntityGraph`]) is updated incrementally when articles are appended; the table
//! rows, which name speakers, heads and tails by their resolved entity, are re-derived.

use crate::graph::{EntityGraph, GraphOptions};
use crate::model::{Document, QuoteId, RelationId, RelationKind, RelationType};
use crate::project::EntityCuration;

/// One row of the articles list.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRow {
    /// Title (or id).
    pub title: String,
    /// Outlet.
    pub source: String,
    /// Publication date as found.
    pub date: String,
    /// Number of entities.
    pub entities: usize,
    /// Number of mentions.
    pub mentions: usize,
    /// Number of quotes.
    pub quotes: usize,
}

/// One row of the quotes table.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteRow {
    /// The article.
    pub document: usize,
    /// The quote.
    pub quote: QuoteId,
    /// The speaker's corpus-level name, or the speaker span, or "".
    pub speaker: String,
    /// The speaker's node, when resolved.
    pub speaker_node: Option<usize>,
    /// What was said.
    pub text: String,
    /// The cue word(s).
    pub cue: String,
    /// Direct (quoted) or indirect (reported).
    pub direct: bool,
    /// The confidence of the attribution, in `[0, 1]`.
    pub confidence: f32,
    /// The rule that attributed it.
    pub rule: String,
}

/// One row of the relations table.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationRow {
    /// The article.
    pub document: usize,
    /// The relation.
    pub relation: RelationId,
    /// Head entity name.
    pub head: String,
    /// The relation type.
    pub relation_type: RelationType,
    /// Tail entity name.
    pub tail: String,
    /// Trigger words.
    pub trigger: String,
    /// The evidence sentence.
    pub evidence: String,
    /// Asserted or co-occurrence.
    pub kind: RelationKind,
    /// Negated.
    pub negated: bool,
    /// Hedged / future.
    pub modal: bool,
    /// Head node.
    pub head_node: Option<usize>,
    /// Tail node.
    pub tail_node: Option<usize>,
    /// The confidence of the relation, in `[0, 1]`.
    pub confidence: f32,
    /// The rule that found it.
    pub rule: String,
}

/// Everything the tables and the network show, derived from the documents.
#[derive(Clone, Debug, Default)]
pub struct CorpusView {
    /// The corpus-level entity network (its nodes are the entities table's rows).
    pub graph: EntityGraph,
    /// One row per article.
    pub articles: Vec<ArticleRow>,
    /// Every quote.
    pub quotes: Vec<QuoteRow>,
    /// Every relation.
    pub relations: Vec<RelationRow>,
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl CorpusView {
    /// Builds the view of `documents` with the researcher's entity `curation` applied.
    pub fn new(documents: &[Document], curation: &EntityCuration) -> Self {
        Self::with_options(documents, curation, GraphOptions::default())
    }

    /// [`CorpusView::new`] with the network's view `options`.
    pub fn with_options(
        documents: &[Document],
        curation: &EntityCuration,
        options: GraphOptions,
    ) -> Self {
        let mut view = Self {
            graph: EntityGraph::with_options(documents, curation, options),
            ..Self::default()
        };
        view.rows(documents);
        view
    }

    /// Updates the view after documents were appended from index `start` on (the earlier
    /// ones unchanged): the network is updated incrementally.
    pub fn append(&mut self, documents: &[Document], start: usize) {
        if start != self.graph.document_count() || start > documents.len() {
            *self = Self::with_options(documents, self.graph.curation(), self.graph.options());
            return;
        }
        self.graph.add_documents(start, &documents[start..]);
        self.rows(documents);
    }

    /// Updates the view after the documents at the indices `changed` were replaced (edited
    /// by the researcher): the network is updated for those articles only.
    pub fn replace_documents(&mut self, documents: &[Document], changed: &[usize]) {
        if documents.len() != self.graph.document_count() {
            *self = Self::with_options(documents, self.graph.curation(), self.graph.options());
            return;
        }
        for &i in changed {
            if let Some(doc) = documents.get(i) {
                self.graph.replace_document(i, doc);
            }
        }
        self.rows(documents);
    }

    /// Applies changed network options (offices with no named holder as nodes or not).
    pub fn set_graph_options(&mut self, documents: &[Document], options: GraphOptions) {
        if self.graph.options() != options {
            self.graph.set_options(options);
            self.rows(documents);
        }
    }

    /// Applies a changed entity curation (merges, rejections). Returns true if anything
    /// changed.
    pub fn set_curation(&mut self, documents: &[Document], curation: &EntityCuration) -> bool {
        if self.graph.curation() == curation {
            return false;
        }
        self.graph.set_curation(curation);
        self.rows(documents);
        true
    }

    /// Re-derives the article, quote and relation rows.
    fn rows(&mut self, documents: &[Document]) {
        let graph = &self.graph;
        self.articles = documents
            .iter()
            .map(|d| ArticleRow {
                title: d.display_title().to_owned(),
                source: d.meta.source.clone(),
                date: d.meta.date.clone(),
                entities: d.annotations.entities.len(),
                mentions: d.annotations.mentions.len(),
                quotes: d.annotations.quotes.len(),
            })
            .collect();
        let mut quotes = Vec::new();
        let mut relations = Vec::new();
        for (doc_index, doc) in documents.iter().enumerate() {
            let a = &doc.annotations;
            // The resolved entity's name; an entity that is no node (a description) by its
            // own canonical name.
            let entity_name = |entity: crate::model::EntityId| {
                graph
                    .node_of(doc_index, entity)
                    .and_then(|n| graph.nodes.get(n))
                    .map(|n| n.name.clone())
                    .or_else(|| a.entity(entity).map(|e| one_line(&e.canonical_name)))
            };
            for (qi, q) in a.quotes.iter().enumerate() {
                let speaker_node = q.speaker_entity.and_then(|e| graph.node_of(doc_index, e));
                let speaker = q
                    .speaker_entity
                    .and_then(entity_name)
                    .or_else(|| q.speaker.map(|s| one_line(s.text(&doc.text))))
                    .unwrap_or_default();
                quotes.push(QuoteRow {
                    document: doc_index,
                    quote: QuoteId::from_index(qi),
                    speaker,
                    speaker_node,
                    text: one_line(q.content.text(&doc.text)),
                    cue: q
                        .cue
                        .map(|c| one_line(c.text(&doc.text)))
                        .unwrap_or_default(),
                    direct: q.direct,
                    confidence: q.provenance.confidence,
                    rule: q.provenance.rule.to_string(),
                });
            }
            for (ri, r) in a.relations.iter().enumerate() {
                relations.push(RelationRow {
                    document: doc_index,
                    relation: RelationId::from_index(ri),
                    head: entity_name(r.head).unwrap_or_default(),
                    relation_type: r.relation_type,
                    tail: entity_name(r.tail).unwrap_or_default(),
                    trigger: r
                        .trigger
                        .map(|t| one_line(t.text(&doc.text)))
                        .unwrap_or_default(),
                    evidence: one_line(r.evidence.text(&doc.text)),
                    kind: r.kind,
                    negated: r.negated,
                    modal: r.modal,
                    head_node: graph.node_of(doc_index, r.head),
                    tail_node: graph.node_of(doc_index, r.tail),
                    confidence: r.provenance.confidence,
                    rule: r.provenance.rule.to_string(),
                });
            }
        }
        self.quotes = quotes;
        self.relations = relations;
    }

    /// Counts of entities (corpus-level) by type, in [`EntityType::ALL`] order.
    pub fn type_counts(&self) -> [usize; 7] {
        let mut counts = [0; 7];
        for node in &self.graph.nodes {
            counts[node.entity_type.index()] += 1;
        }
        counts
    }
}
