//! The full-text index over every sentence of the project (tantivy, in memory).
//!
//! One index document per sentence (an article without sentences is one unit): its words
//! (`text`, with positions for phrases), the corpus entities mentioned in it (`entity`, node
//! keys), their types (`type`), the speakers of the quotes it lies in (`speaker`, node keys,
//! and `speaker_text`, the speaker as written), the article's outlet and day (`date`,
//! `YYYYMMDD`, absent when the article has no usable date) and the article's index. Words are
//! split at non-alphanumeric characters, lower-cased and folded to ASCII where they have an
//! ASCII look-alike ("Qurēshī" finds "Qureshi"); the same analyser finds the matches inside a
//! matched sentence, so highlights agree with what the engine matched.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::ops::Bound;
use std::sync::atomic::{AtomicBool, Ordering};

use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query as TantivyQuery, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::graph::EntityGraph;
use crate::model::{Document, EntityType, Span};
use crate::resolve::normalise_name;

use super::date::parse_article_date;
use super::query::{Query, QueryError, parse};

/// The analyser's name in the index's tokenizer registry.
const ANALYSER: &str = "quarry";

/// Something a search could not do.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query is not valid (syntax, an unknown field, type or entity, a bad date).
    #[error("{0}")]
    Query(#[from] QueryError),
    /// Building was cancelled.
    #[error("index build cancelled")]
    Cancelled,
    /// The search engine failed.
    #[error("search index: {0}")]
    Engine(String),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        Self::Engine(e.to_string())
    }
}

/// One indexed unit: a sentence of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Unit {
    document: u32,
    span: Span,
}

struct Fields {
    text: Field,
    entity: Field,
    entity_type: Field,
    speaker: Field,
    speaker_text: Field,
    outlet: Field,
    date: Field,
    document: Field,
    unit: Field,
}

/// One match: a span of an article's text inside a matched sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// The article's index in the project.
    pub document: usize,
    /// The matched bytes (the whole sentence when the query matched it through filters only).
    pub span: Span,
    /// The sentence the match lies in.
    pub sentence: Span,
}

/// Limits of one search.
#[derive(Clone, Copy, Debug)]
pub struct SearchOptions {
    /// At most this many hits are returned (the sentence counts are always complete).
    pub limit: usize,
    /// Search this article only (the reading view's Ctrl+F).
    pub document: Option<usize>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            limit: 10_000,
            document: None,
        }
    }
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// The hits in article then text order, at most [`SearchOptions::limit`].
    pub hits: Vec<Hit>,
    /// Matched sentences in all.
    pub sentences: usize,
    /// Matched sentences per article: (article index, count), by article.
    pub per_article: Vec<(usize, usize)>,
    /// True when hits were left off at the limit.
    pub truncated: bool,
}

/// A search index over a project's documents, with the entity tables the entity-aware terms
/// need. Build it with [`SearchIndex::build`]; check [`SearchIndex::fingerprint`] against
/// [`fingerprint`] of the current documents to know whether it is stale.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyser: TextAnalyzer,
    units: Vec<Unit>,
    /// Node key per (article, per-article entity).
    entity_nodes: Vec<Vec<Option<u32>>>,
    node_keys: Vec<String>,
    node_types: Vec<EntityType>,
    /// (type, normalised name or alias) → nodes.
    names: BTreeMap<(EntityType, String), Vec<u32>>,
    fingerprint: u64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("units", &self.units.len())
            .field("nodes", &self.node_keys.len())
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

fn analyser() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The words of `text` as the index sees them, each with its byte span in `text`.
fn words(analyser: &mut TextAnalyzer, text: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut stream = analyser.token_stream(text);
    while let Some(token) = stream.next() {
        out.push((
            token.text.clone(),
            Span::new(token.offset_from, token.offset_to),
        ));
    }
    out
}

/// A fingerprint of everything the index is built from: each article's id, text hash,
/// outlet, date and the spans of its mentions and quotes with their entities, and the
/// corpus entity each per-article entity resolves to. A changed fingerprint means the
/// index is stale.
pub fn fingerprint(documents: &[Document], graph: &EntityGraph) -> u64 {
    let mut h = DefaultHasher::new();
    documents.len().hash(&mut h);
    for (i, doc) in documents.iter().enumerate() {
        doc.id.hash(&mut h);
        doc.content_hash.hash(&mut h);
        doc.meta.source.hash(&mut h);
        doc.meta.date.hash(&mut h);
        let a = &doc.annotations;
        a.sentences.len().hash(&mut h);
        for m in &a.mentions {
            (m.span, m.entity, m.entity_type).hash(&mut h);
        }
        for q in &a.quotes {
            (q.content, q.speaker, q.speaker_entity).hash(&mut h);
        }
        for e in 0..a.entities.len() {
            graph
                .node_of(i, crate::model::EntityId::from_index(e))
                .and_then(|n| graph.nodes.get(n))
                .map(|n| &n.key)
                .hash(&mut h);
        }
    }
    h.finish()
}

impl SearchIndex {
    /// Indexes every sentence of `documents`, with entities resolved by `graph`. `progress`
    /// is called with (articles done, total); setting `cancel` stops the build.
    pub fn build(
        documents: &[Document],
        graph: &EntityGraph,
        progress: &dyn Fn(usize, usize),
        cancel: &AtomicBool,
    ) -> Result<Self, SearchError> {
        let mut builder = Schema::builder();
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYSER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let plain = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYSER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            text: builder.add_text_field("text", words),
            entity: builder.add_text_field("entity", STRING),
            entity_type: builder.add_text_field("type", STRING),
            speaker: builder.add_text_field("speaker", STRING),
            speaker_text: builder.add_text_field("speaker_text", plain.clone()),
            outlet: builder.add_text_field("outlet", plain),
            date: builder.add_i64_field("date", INDEXED | FAST),
            document: builder.add_u64_field("document", INDEXED | FAST),
            unit: builder.add_u64_field("unit", FAST),
        };
        let index = Index::create_in_ram(builder.build());
        index.tokenizers().register(ANALYSER, analyser());

        // The entity tables, copied from the graph so queries need no graph.
        let node_keys: Vec<String> = graph.nodes.iter().map(|n| n.key.clone()).collect();
        let node_types: Vec<EntityType> = graph.nodes.iter().map(|n| n.entity_type).collect();
        let mut names: BTreeMap<(EntityType, String), Vec<u32>> = BTreeMap::new();
        for (i, node) in graph.nodes.iter().enumerate() {
            let t = node.entity_type;
            for name in std::iter::once(&node.name).chain(&node.aliases) {
                let norm = normalise_name(name, t);
                if !norm.is_empty() {
                    let list = names.entry((t, norm)).or_default();
                    if !list.contains(&(i as u32)) {
                        list.push(i as u32);
                    }
                }
            }
        }
        let entity_nodes: Vec<Vec<Option<u32>>> = documents
            .iter()
            .enumerate()
            .map(|(d, doc)| {
                (0..doc.annotations.entities.len())
                    .map(|e| {
                        graph
                            .node_of(d, crate::model::EntityId::from_index(e))
                            .map(|n| n as u32)
                    })
                    .collect()
            })
            .collect();

        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
        let mut writer =
            index.writer_with_num_threads::<TantivyDocument>(threads, threads * 40_000_000)?;
        let mut units = Vec::new();
        for (d, doc) in documents.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return Err(SearchError::Cancelled);
            }
            let a = &doc.annotations;
            let sentences: Vec<Span> = if a.sentences.is_empty() {
                vec![Span::new(0, doc.text.len())]
            } else {
                a.sentences.iter().map(|s| s.span).collect()
            };
            let date = parse_article_date(&doc.meta.date).map(super::date::Day::key);
            // Mentions by sentence (pronouns and descriptions may be appended out of order).
            let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
            for (mi, m) in a.mentions.iter().enumerate() {
                let si = if a.sentences.is_empty() {
                    Some(0)
                } else {
                    a.sentence_at(m.span.start)
                };
                if let Some(list) = si.and_then(|si| by_sentence.get_mut(si)) {
                    list.push(mi);
                }
            }
            for (si, sentence) in sentences.into_iter().enumerate() {
                let mut tdoc = TantivyDocument::default();
                tdoc.add_text(fields.text, sentence.text(&doc.text));
                tdoc.add_u64(fields.document, d as u64);
                tdoc.add_u64(fields.unit, units.len() as u64);
                if !doc.meta.source.is_empty() {
                    tdoc.add_text(fields.outlet, &doc.meta.source);
                }
                if let Some(key) = date {
                    tdoc.add_i64(fields.date, key);
                }
                let mut entities = BTreeSet::new();
                let mut types = BTreeSet::new();
                for m in by_sentence[si].iter().filter_map(|&mi| a.mentions.get(mi)) {
                    let node = m
                        .entity
                        .and_then(|e| entity_nodes[d].get(e.index()).copied().flatten());
                    if let Some(n) = node {
                        entities.insert(n);
                    }
                    types.insert(node.map_or(m.entity_type, |n| node_types[n as usize]));
                }
                for n in entities {
                    tdoc.add_text(fields.entity, &node_keys[n as usize]);
                }
                for t in types {
                    tdoc.add_text(fields.entity_type, t.label());
                }
                for q in a.quotes.iter().filter(|q| q.content.overlaps(sentence)) {
                    if let Some(n) = q
                        .speaker_entity
                        .and_then(|e| entity_nodes[d].get(e.index()).copied().flatten())
                    {
                        tdoc.add_text(fields.speaker, &node_keys[n as usize]);
                    }
                    if let Some(s) = q.speaker {
                        tdoc.add_text(fields.speaker_text, s.text(&doc.text));
                    }
                }
                writer.add_document(tdoc)?;
                units.push(Unit {
                    document: d as u32,
                    span: sentence,
                });
            }
            progress(d + 1, documents.len());
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            reader,
            fields,
            analyser: analyser(),
            units,
            entity_nodes,
            node_keys,
            node_types,
            names,
            fingerprint: fingerprint(documents, graph),
        })
    }

    /// The fingerprint of the documents it was built from (see [`fingerprint`]).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The number of indexed sentences.
    pub fn sentence_count(&self) -> usize {
        self.units.len()
    }

    /// The nodes (corpus entities) a name given in a query stands for: every node whose
    /// name or alias normalises to it, or whose key it is; failing that, every node whose
    /// name ends with it (a surname).
    pub fn nodes_named(&self, name: &str) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .node_keys
            .iter()
            .position(|k| k.eq_ignore_ascii_case(name.trim()))
            .map(|n| n as u32)
            .into_iter()
            .collect();
        for t in EntityType::ALL {
            let norm = normalise_name(name, t);
            if let Some(list) = self.names.get(&(t, norm)) {
                out.extend(list);
            }
        }
        if out.is_empty() {
            // A surname or the last words of a name ("Qureshi" for "Shah Mehmood Qureshi").
            for ((t, norm), list) in &self.names {
                if crate::graph::paths::ends_with_words(norm, &normalise_name(name, *t)) {
                    out.extend(list);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Parses and runs `query` over `documents` (the ones the index was built from).
    pub fn search(
        &self,
        query: &str,
        documents: &[Document],
        options: SearchOptions,
    ) -> Result<SearchResults, SearchError> {
        let parsed = parse(query)?;
        let mut analyser = self.analyser.clone();
        let mut tq = self.compile(&parsed, &mut analyser)?;
        if let Some(d) = options.document {
            tq = Box::new(BooleanQuery::new(vec![
                (Occur::Must, tq),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_u64(self.fields.document, d as u64),
                        IndexRecordOption::Basic,
                    )),
                ),
            ]));
        }
        let searcher = self.reader.searcher();
        let addresses = searcher.search(&tq, &DocSetCollector)?;
        let mut matched: Vec<usize> = Vec::with_capacity(addresses.len());
        let mut columns = BTreeMap::new();
        for address in addresses {
            #[allow(clippy::single_match_else)]
            let column = match columns.get(&address.segment_ord) {
                Some(c) => c,
                None => {
                    let column = searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields()
                        .u64("unit")?;
                    columns.entry(address.segment_ord).or_insert(column)
                }
            };
            if let Some(u) = column.first(address.doc_id) {
                matched.push(u as usize);
            }
        }
        matched.sort_unstable();
        let mut results = SearchResults {
            sentences: matched.len(),
            ..SearchResults::default()
        };
        for &u in &matched {
            let unit = self.units[u];
            let d = unit.document as usize;
            match results.per_article.last_mut() {
                Some((last, n)) if *last == d => *n += 1,
                _ => results.per_article.push((d, 1)),
            }
        }
        let leaves = self.positive_leaves(&parsed, &mut analyser);
        for &u in &matched {
            if results.hits.len() >= options.limit {
                results.truncated = true;
                break;
            }
            let unit = self.units[u];
            let d = unit.document as usize;
            let Some(doc) = documents.get(d) else {
                continue;
            };
            let mut spans = self.highlights(&leaves, doc, d, unit.span, &mut analyser);
            if spans.is_empty() {
                spans.push(unit.span);
            }
            for span in spans {
                if results.hits.len() >= options.limit {
                    results.truncated = true;
                    break;
                }
                results.hits.push(Hit {
                    document: d,
                    span,
                    sentence: unit.span,
                });
            }
        }
        Ok(results)
    }

    /// The number of sentences `query` matches (no hits are computed).
    pub fn count(&self, query: &str) -> Result<usize, SearchError> {
        let parsed = parse(query)?;
        let mut analyser = self.analyser.clone();
        let tq = self.compile(&parsed, &mut analyser)?;
        Ok(self.reader.searcher().search(&tq, &Count)?)
    }

    #[allow(clippy::unused_self)] // A method for symmetry with the other query builders.
    fn term_words(
        &self,
        analyser: &mut TextAnalyzer,
        text: &str,
        what: &str,
    ) -> Result<Vec<String>, QueryError> {
        let w: Vec<String> = words(analyser, text).into_iter().map(|(w, _)| w).collect();
        if w.is_empty() {
            return Err(QueryError {
                message: format!("{what} {text:?} has no word to search for"),
            });
        }
        Ok(w)
    }

    #[allow(clippy::unused_self)]
    fn phrase(&self, field: Field, w: &[String]) -> Box<dyn TantivyQuery> {
        let terms: Vec<Term> = w.iter().map(|w| Term::from_field_text(field, w)).collect();
        match terms.as_slice() {
            [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs)),
            _ => Box::new(PhraseQuery::new(terms)),
        }
    }

    fn keys_query(&self, field: Field, nodes: &[u32]) -> Vec<(Occur, Box<dyn TantivyQuery>)> {
        nodes
            .iter()
            .map(|&n| {
                let q: Box<dyn TantivyQuery> = Box::new(TermQuery::new(
                    Term::from_field_text(field, &self.node_keys[n as usize]),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect()
    }

    fn compile(
        &self,
        query: &Query,
        analyser: &mut TextAnalyzer,
    ) -> Result<Box<dyn TantivyQuery>, SearchError> {
        let f = &self.fields;
        Ok(match query {
            Query::Phrase(p) => {
                let w = self.term_words(analyser, p, "phrase")?;
                self.phrase(f.text, &w)
            }
            Query::Prefix(p) => {
                let w = self.term_words(analyser, p, "prefix")?;
                let [one] = w.as_slice() else {
                    return Err(QueryError {
                        message: format!("prefix {p:?}* must be one word"),
                    }
                    .into());
                };
                // The analyser leaves only letters and digits: nothing to escape.
                Box::new(RegexQuery::from_pattern(&format!("{one}.*"), f.text)?)
            }
            Query::Entity(name) => {
                let nodes = self.nodes_named(name);
                if nodes.is_empty() {
                    return Err(QueryError {
                        message: format!("no entity named {name:?} in this project"),
                    }
                    .into());
                }
                Box::new(BooleanQuery::new(self.keys_query(f.entity, &nodes)))
            }
            Query::Type(t) => Box::new(TermQuery::new(
                Term::from_field_text(f.entity_type, t.label()),
                IndexRecordOption::Basic,
            )),
            Query::Speaker(name) => {
                let nodes = self.nodes_named(name);
                let mut parts = self.keys_query(f.speaker, &nodes);
                let w = self.term_words(analyser, name, "speaker")?;
                parts.push((Occur::Should, self.phrase(f.speaker_text, &w)));
                Box::new(BooleanQuery::new(parts))
            }
            Query::Outlet(name) => {
                let w = self.term_words(analyser, name, "outlet")?;
                self.phrase(f.outlet, &w)
            }
            Query::Date(range) => {
                let lower = range.from.map_or(Bound::Unbounded, |d| {
                    Bound::Included(Term::from_field_i64(f.date, d.key()))
                });
                let upper = range.to.map_or(Bound::Unbounded, |d| {
                    Bound::Included(Term::from_field_i64(f.date, d.key()))
                });
                Box::new(RangeQuery::new(lower, upper))
            }
            Query::And(parts) => {
                let mut clauses = Vec::new();
                for p in parts {
                    match p {
                        Query::Not(inner) => {
                            clauses.push((Occur::MustNot, self.compile(inner, analyser)?));
                        }
                        _ => clauses.push((Occur::Must, self.compile(p, analyser)?)),
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Query::Or(parts) => {
                let mut clauses = Vec::new();
                for p in parts {
                    clauses.push((Occur::Should, self.compile(p, analyser)?));
                }
                if clauses.is_empty() {
                    Box::new(EmptyQuery)
                } else {
                    Box::new(BooleanQuery::new(clauses))
                }
            }
            Query::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.compile(inner, analyser)?),
            ])),
        })
    }

    /// The terms outside any NOT, ready to find in a sentence.
    fn positive_leaves(&self, query: &Query, analyser: &mut TextAnalyzer) -> Vec<Leaf> {
        let mut out = Vec::new();
        self.collect_leaves(query, analyser, &mut out);
        out
    }

    fn collect_leaves(&self, query: &Query, analyser: &mut TextAnalyzer, out: &mut Vec<Leaf>) {
        match query {
            Query::Phrase(p) => {
                out.push(Leaf::Words(
                    words(analyser, p).into_iter().map(|(w, _)| w).collect(),
                ));
            }
            Query::Prefix(p) => {
                if let Some((w, _)) = words(analyser, p).into_iter().next() {
                    out.push(Leaf::Prefix(w));
                }
            }
            Query::Entity(name) => out.push(Leaf::Entity(self.nodes_named(name))),
            Query::Type(t) => out.push(Leaf::Type(*t)),
            Query::Speaker(name) => out.push(Leaf::Speaker(
                self.nodes_named(name),
                words(analyser, name).into_iter().map(|(w, _)| w).collect(),
            )),
            Query::Outlet(_) | Query::Date(_) | Query::Not(_) => {}
            Query::And(parts) | Query::Or(parts) => {
                for p in parts {
                    self.collect_leaves(p, analyser, out);
                }
            }
        }
    }

    fn node_of_mention(&self, d: usize, m: &crate::model::Mention) -> Option<u32> {
        m.entity
            .and_then(|e| self.entity_nodes.get(d)?.get(e.index()).copied().flatten())
    }

    /// The spans of `sentence` the positive terms match, sorted, without duplicates.
    fn highlights(
        &self,
        leaves: &[Leaf],
        doc: &Document,
        d: usize,
        sentence: Span,
        analyser: &mut TextAnalyzer,
    ) -> Vec<Span> {
        let text = sentence.text(&doc.text);
        let a = &doc.annotations;
        let mut tokens: Option<Vec<(String, Span)>> = None;
        let mut spans = Vec::new();
        for leaf in leaves {
            match leaf {
                Leaf::Words(w) if !w.is_empty() => {
                    let toks = tokens.get_or_insert_with(|| words(analyser, text));
                    for start in 0..toks.len() {
                        let end = start + w.len();
                        if end <= toks.len() && toks[start..end].iter().map(|(t, _)| t).eq(w.iter())
                        {
                            spans.push(Span::new(
                                sentence.start + toks[start].1.start,
                                sentence.start + toks[end - 1].1.end,
                            ));
                        }
                    }
                }
                Leaf::Words(_) => {}
                Leaf::Prefix(p) => {
                    let toks = tokens.get_or_insert_with(|| words(analyser, text));
                    for (t, s) in toks.iter() {
                        if t.starts_with(p.as_str()) {
                            spans.push(Span::new(sentence.start + s.start, sentence.start + s.end));
                        }
                    }
                }
                Leaf::Entity(nodes) => {
                    for m in a.mentions.iter().filter(|m| sentence.contains(m.span)) {
                        if self
                            .node_of_mention(d, m)
                            .is_some_and(|n| nodes.contains(&n))
                        {
                            spans.push(m.span);
                        }
                    }
                }
                Leaf::Type(t) => {
                    for m in a.mentions.iter().filter(|m| sentence.contains(m.span)) {
                        let ty = self
                            .node_of_mention(d, m)
                            .map_or(m.entity_type, |n| self.node_types[n as usize]);
                        if ty == *t {
                            spans.push(m.span);
                        }
                    }
                }
                Leaf::Speaker(nodes, name) => {
                    for q in a.quotes.iter().filter(|q| q.content.overlaps(sentence)) {
                        let by_node = q
                            .speaker_entity
                            .and_then(|e| {
                                self.entity_nodes.get(d)?.get(e.index()).copied().flatten()
                            })
                            .is_some_and(|n| nodes.contains(&n));
                        let by_name = !name.is_empty()
                            && q.speaker.is_some_and(|s| {
                                let said: Vec<String> = words(analyser, s.text(&doc.text))
                                    .into_iter()
                                    .map(|(w, _)| w)
                                    .collect();
                                said.windows(name.len()).any(|win| win == name.as_slice())
                            });
                        if by_node || by_name {
                            let start = q.content.start.max(sentence.start);
                            let end = q.content.end.min(sentence.end);
                            if start < end {
                                spans.push(Span::new(start, end));
                            }
                        }
                    }
                }
            }
        }
        spans.sort_unstable();
        spans.dedup();
        spans
    }

    /// The number of index segments (for diagnostics).
    pub fn segment_count(&self) -> usize {
        self.index.searchable_segment_ids().map_or(0, |s| s.len())
    }
}

/// A positive query term, as found in a matched sentence.
enum Leaf {
    Words(Vec<String>),
    Prefix(String),
    Entity(Vec<u32>),
    Type(EntityType),
    Speaker(Vec<u32>, Vec<String>),
}
