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

pub mod aliases;
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

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Document, EntityId, EntityType, RelationId, RelationKind, RelationType};
use crate::project::EntityCuration;
use crate::resolve::{CorpusEntities, MergeSuggestion, node_key};

pub use fragments::is_fragment_name;

/// True for relation types that have a direction (drawn with an arrow): everything except
/// the symmetric "met", "allied with" and co-occurrence.
pub fn is_directed(relation_type: RelationType) -> bool {
    !matches!(
        relation_type,
        RelationType::Met | RelationType::AlliedWith | RelationType::CoOccurs
    )
}

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

/// What the graph keeps of one article's entity.
#[derive(Clone, Debug, PartialEq)]
struct EntityInfo {
    name: String,
    entity_type: EntityType,
    mentions: usize,
    aliases: Vec<String>,
    /// The name is one capitalised word the article also writes in lower case
    /// ([`fragments::written_lowercase_in`]).
    common_word: bool,
    /// Where the researcher put it (a mention moved or split off), if they did.
    placed: Option<curated::Placed>,
}

/// What the graph keeps of one article: its entities and relations.
#[derive(Clone, Debug, PartialEq)]
struct DocCache {
    entities: Vec<EntityInfo>,
    relations: Vec<(EntityId, EntityId, RelationType, RelationKind)>,
}

impl DocCache {
    fn new(doc: &Document) -> Self {
        let a = &doc.annotations;
        Self {
            entities: a
                .entities
                .iter()
                .map(|e| EntityInfo {
                    name: e.canonical_name.trim().to_owned(),
                    entity_type: e.entity_type,
                    mentions: e.mentions.len(),
                    aliases: e.aliases.clone(),
                    common_word: fragments::written_lowercase_in(
                        &e.canonical_name,
                        e.entity_type,
                        &doc.text,
                    ),
                    placed: crate::project::edits::entities::assigned(e)
                        .map(|p| curated::Placed::of(p, e.canonical_name.trim(), e.entity_type)),
                })
                .collect(),
            relations: a
                .relations
                .iter()
                .map(|r| (r.head, r.tail, r.relation_type, r.kind))
                .collect(),
        }
    }
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

/// Joins units whose name or one of whose aliases falls in one line of the alias table
/// ([`aliases::lookup`]): the unit with the most mentions (then the smallest key) keeps
/// its key, takes the others' members, aliases, mentions and offices, and is named by the
/// table's canonical name. Titles, other left-out entities and units with a key in `split`
/// (names the researcher split off) are never joined.
fn join_known_aliases(units: Vec<Unit>, split: &BTreeSet<String>) -> Vec<Unit> {
    let line_of = |unit: &Unit| -> Option<(usize, &'static str)> {
        if matches!(unit.entity_type, EntityType::Title | EntityType::Other)
            || split.contains(&unit.key)
        {
            return None;
        }
        std::iter::once(unit.name.as_str())
            .chain(unit.aliases.iter().map(String::as_str))
            .find_map(aliases::lookup)
    };
    let mut groups: BTreeMap<usize, (&'static str, Vec<usize>)> = BTreeMap::new();
    for (u, unit) in units.iter().enumerate() {
        if let Some((line, canonical)) = line_of(unit) {
            groups
                .entry(line)
                .or_insert((canonical, Vec::new()))
                .1
                .push(u);
        }
    }
    let mut into: Vec<Option<usize>> = vec![None; units.len()];
    let mut names: BTreeMap<usize, &'static str> = BTreeMap::new();
    for (canonical, members) in groups.into_values() {
        let Some(&root) = members.iter().max_by(|&&a, &&b| {
            units[a]
                .mentions
                .cmp(&units[b].mentions)
                .then(units[b].key.cmp(&units[a].key))
        }) else {
            continue;
        };
        names.insert(root, canonical);
        for &m in &members {
            if m != root {
                into[m] = Some(root);
            }
        }
    }
    let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
    for u in 0..slots.len() {
        let Some(root) = into[u] else {
            continue;
        };
        let Some(unit) = slots[u].take() else {
            continue;
        };
        if let Some(target) = slots[root].as_mut() {
            target.members.extend(unit.members);
            target.members.sort_unstable();
            target.aliases.extend(unit.aliases);
            target.aliases.insert(unit.name);
            target.mentions += unit.mentions;
            target.offices.extend(unit.offices);
        }
    }
    for (root, canonical) in names {
        if let Some(unit) = slots[root].as_mut()
            && unit.name != canonical
        {
            let old = std::mem::replace(&mut unit.name, canonical.to_owned());
            unit.aliases.insert(old);
        }
    }
    slots.into_iter().flatten().collect()
}

/// One node before curated merges: a resolved corpus entity or a left-out entity.
struct Unit {
    key: String,
    name: String,
    entity_type: EntityType,
    members: Vec<EntityRef>,
    aliases: BTreeSet<String>,
    mentions: usize,
    offices: BTreeSet<String>,
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

    /// The nodes: resolved entities, then the left-out entities relations need, then the
    /// curated merges.
    fn units(&self) -> Vec<Unit> {
        let mut units: Vec<Unit> = self
            .corpus
            .entities
            .iter()
            .map(|e| Unit {
                key: e.key.clone(),
                name: e.canonical_name.clone(),
                entity_type: e.entity_type,
                members: e
                    .members
                    .iter()
                    .map(|&(document, entity)| EntityRef { document, entity })
                    .collect(),
                aliases: e.aliases.iter().cloned().collect(),
                mentions: e.mention_count,
                offices: BTreeSet::new(),
            })
            .collect();
        if !self.curation.split.is_empty() {
            units = self.split_units(units);
        }
        // Offices and dates: one node per type and normalised name, named by the most
        // frequent written form.
        let mut left_out: BTreeMap<String, (Unit, BTreeMap<String, usize>)> = BTreeMap::new();
        for (document, doc) in self.docs.iter().enumerate() {
            for (i, e) in doc.entities.iter().enumerate() {
                let entity = EntityId::from_index(i);
                if self.corpus.lookup(document, entity).is_some()
                    || !matches!(e.entity_type, EntityType::Title | EntityType::Other)
                    || e.name.is_empty()
                {
                    continue;
                }
                let key = node_key(&e.name, e.entity_type);
                let (unit, names) = left_out.entry(key.clone()).or_insert_with(|| {
                    (
                        Unit {
                            key,
                            name: String::new(),
                            entity_type: e.entity_type,
                            members: Vec::new(),
                            aliases: BTreeSet::new(),
                            mentions: 0,
                            offices: BTreeSet::new(),
                        },
                        BTreeMap::new(),
                    )
                });
                unit.members.push(EntityRef { document, entity });
                unit.mentions += e.mentions;
                unit.aliases
                    .extend(e.aliases.iter().map(|a| a.trim().to_owned()));
                *names.entry(e.name.clone()).or_default() += e.mentions.max(1);
            }
        }
        for (_, (mut unit, names)) in left_out {
            unit.name = names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            unit.aliases.extend(names.into_keys());
            units.push(unit);
        }
        let units = self.place_units(units);
        // Names and mentions the researcher split off a node are never joined back by the
        // table.
        let mut split: BTreeSet<String> = self
            .curation
            .split
            .iter()
            .map(|(key, norm)| format!("{key}/{}", norm.replace(' ', "-")))
            .collect();
        let placed = self.placed_new_keys();
        split.extend(placed.iter().cloned());
        let mut units = join_known_aliases(self.offices_to_attributes(units), &split);
        // What the researcher split off is kept even when its name looks like a fragment.
        units.retain(|u| {
            placed.contains(&u.key)
                || (!is_fragment_name(&u.name, u.entity_type) && !self.common_word(u))
        });
        units
    }

    /// Turns held offices into attributes of their holders: for each "holds office"
    /// relation from a non-title unit to a title unit, the title's name (with the one
    /// organisation or country the same holder's office or membership relations name in
    /// that article)
    /// goes into the holder's offices and the title unit is dropped. Titles nobody holds
    /// stay only when [`GraphOptions::show_unheld_offices`] asks for them.
    fn offices_to_attributes(&self, mut units: Vec<Unit>) -> Vec<Unit> {
        let mut unit_of: BTreeMap<EntityRef, usize> = BTreeMap::new();
        for (u, unit) in units.iter().enumerate() {
            for &m in &unit.members {
                unit_of.insert(m, u);
            }
        }
        let is_title = |u: usize| units[u].entity_type == EntityType::Title;
        let mut held = vec![false; units.len()];
        let mut offices: Vec<(usize, String)> = Vec::new();
        for (document, doc) in self.docs.iter().enumerate() {
            // holder unit → (titles, other office places) in this article
            let mut by_holder: BTreeMap<usize, (BTreeSet<usize>, BTreeSet<usize>)> =
                BTreeMap::new();
            for &(head, tail, relation_type, _) in &doc.relations {
                if !matches!(
                    relation_type,
                    RelationType::OfficeHeld | RelationType::MemberOf
                ) {
                    continue;
                }
                let unit = |entity: EntityId| unit_of.get(&EntityRef { document, entity }).copied();
                let (Some(h), Some(t)) = (unit(head), unit(tail)) else {
                    continue;
                };
                if h == t || is_title(h) {
                    continue;
                }
                let entry = by_holder.entry(h).or_default();
                if is_title(t) {
                    if relation_type != RelationType::OfficeHeld {
                        continue;
                    }
                    entry.0.insert(t);
                } else {
                    entry.1.insert(t);
                }
            }
            for (holder, (titles, places)) in by_holder {
                let place = match places.len() {
                    1 => places.first().map(|&p| units[p].name.as_str()),
                    _ => None,
                };
                for t in titles {
                    held[t] = true;
                    let office = match place {
                        Some(p) => format!("{}, {p}", units[t].name),
                        None => units[t].name.clone(),
                    };
                    offices.push((holder, office));
                }
            }
        }
        for (holder, office) in offices {
            units[holder].offices.insert(office);
        }
        let show_unheld = self.options.show_unheld_offices;
        units
            .into_iter()
            .enumerate()
            .filter(|&(u, ref unit)| {
                unit.entity_type != EntityType::Title || (!held[u] && show_unheld)
            })
            .map(|(_, unit)| unit)
            .collect()
    }

    /// True when a one-word unit is a common word: an article of one of its members writes
    /// the unit's name in lower case too.
    fn common_word(&self, unit: &Unit) -> bool {
        !unit.name.contains(char::is_whitespace)
            && unit.members.iter().any(|m| {
                self.docs
                    .get(m.document)
                    .and_then(|d| d.entities.get(m.entity.index()))
                    .is_some_and(|e| e.common_word && e.name.eq_ignore_ascii_case(&unit.name))
            })
    }

    /// Re-derives nodes, edges and suggestions from the resolution, the cached articles and
    /// the curation.
    fn derive(&mut self) {
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

#[cfg(test)]
mod tests;
