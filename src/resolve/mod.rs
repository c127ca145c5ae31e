//! Corpus-level entity resolution: one entity per real actor across articles.
//!
//! The in-article pipeline leaves one [`Entity`] (mention cluster) per actor in each
//! [`Document`]. [`CorpusEntities::build`] joins those clusters across articles into
//! [`CorpusEntity`] nodes, the nodes the network view draws, and lists the cases it left apart
//! on purpose as [`MergeSuggestion`]s for the researcher.
//!
//! # Which entities become nodes
//! PERSON, ORG, LOC, NORP and MISC entities do. OTHER (dates, amounts) never does. A TITLE
//! entity becomes a PERSON node only when it stands for a person by its own words, i.e. when
//! titles are followed by a capitalised name ("General Bajwa" typed TITLE); a bare office
//! ("Chief of Army Staff") is not a node. The pipeline attaches a description that stands for
//! a person ("the COAS") to that person's cluster, so it reaches the node as an alias. A
//! PERSON entity named only by titles or only in lower case ("the Foreign Minister", "the
//! visiting dignitary") is a description left unresolved; it is not a node either, since it
//! would join different people across articles. [`CorpusEntities::lookup`] returns `None`
//! for all of these.
//!
//! # Merging rules
//! Names are compared after [`normalise_name`] (case, diacritics, dots, possessives,
//! punctuation, "the", and for people their titles).
//! 1. **Type.** When the same normalised name has different types in different articles, the
//!    majority type wins if the evidence is lopsided (the top type is seen in at least two
//!    articles and in at least three times as many articles as all other types together);
//!    otherwise each type keeps its own node and a suggestion is listed. ORG or LOC entities
//!    named like a country ("U.S.", "Pakistan") are LOC.
//! 2. **Countries.** Every country name, short form and demonym in
//!    `assets/resolve/countries.tsv` maps to its country: LOC entities named "US", "U.S.",
//!    "USA", "United States" or "America" become one LOC node (`LOC:united-states`). A NORP
//!    entity ("American", "Americans") becomes the country's NORP node (`NORP:american`),
//!    kept apart from the LOC node, because "American officials" and "the United States" are
//!    different actors in a network of who-did-what; the pair is listed as a suggestion so
//!    that the researcher can merge them. A MISC entity named by a demonym is read as NORP
//!    (CoNLL-style data has no NORP type).
//! 3. **Same name.** Entities of one type with one normalised name are one node.
//! 4. **Acronyms (ORG).** An ORG entity's acronyms are its acronym-like aliases and a trailing
//!    parenthetical ("Inter-Services Public Relations (ISPR)"). An entity named only by an
//!    acronym ("ISPR") joins the one ORG whose acronyms include it (or, failing that, whose
//!    initials spell it, for expansions of three words or more); with two or more such names it
//!    stays apart and a suggestion is listed for each. An entity named by an acronym whose
//!    aliases hold the matching expansion is treated as that expansion.
//! 5. **Partial person names.** A person name that is part of longer names (a surname, a first
//!    name, a full name without all its middle names or without its leading names: "Biden",
//!    "Joe", "Lloyd Austin" for "Lloyd J. Austin", "Mehmood Qureshi" for "Shah Mehmood
//!    Qureshi") joins the longer name only if exactly one node with such a longer name exists
//!    in the corpus. Otherwise ("Bush" with George and Jeb Bush) it stays apart and a
//!    suggestion is listed for each candidate. Longer names are settled first, so "Austin"
//!    joins "Lloyd Austin" + "Lloyd J. Austin" once those two are one node.
//!
//! # Suggestions
//! [`CorpusEntities::suggestions`] lists, with a reason in words and a score for ranking:
//! a partial name or bare acronym left apart → each of its candidates (at most five, the ones
//! seen in the most articles; the score is the candidate's share of their articles); two
//! expansions sharing an acronym; the nodes of one name with different types when no type had
//! a lopsided majority; and a country's NORP node → its LOC node.
//!
//! # Stable keys
//! A node's key is `PREFIX:slug`: the prefix is the type (`PER`, `ORG`, `LOC`, `NORP`,
//! `MISC`), the slug the normalised canonical name with spaces as hyphens
//! (`PER:lloyd-austin`, `ORG:inter-services-public-relations`, `LOC:united-states`). The
//! canonical name is the member name that is complete (a person's name of two words or more,
//! an organisation's name that is not an acronym), then seen in the most articles, then the
//! longest, then the most mentioned, then the first in alphabetical order; countries and
//! demonyms use the table's name. The name shown is that name's most frequent written form,
//! preferring one not in capitals throughout ("London" over a headline's "LONDON"). The key therefore survives re-extraction, reordering and
//! adding or removing unrelated articles, and changes only when the merge itself changes
//! (a node that was "ISPR" alone becomes `ORG:inter-services-public-relations` once an
//! article spells it out). Two nodes with the same key (not expected, as equal names of one
//! type always merge) are told apart by `~2`, `~3`, … in the order of their first member's
//! document id.
//!
//! # Incremental updates
//! [`CorpusEntities::add_document`] and [`CorpusEntities::remove_document`] analyse only the
//! added document's names and then re-run the merge over the cached analyses, because one
//! article can change earlier decisions (a second "Bush" makes "Bush" ambiguous). The result
//! is always identical to a full [`CorpusEntities::build`]. The merge costs tens of
//! milliseconds for a thousand articles, so load many articles with
//! [`CorpusEntities::add_documents`] or `build`, not one `add_document` call each.

mod normalise;
mod tables;

pub use normalise::normalise_name;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Document, Entity, EntityId, EntityType};

use normalise::{Name, analyse, initials, is_acronym};
use tables::{phrase_key, tables};

/// One real actor, place or thing across the corpus: a node of the network view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusEntity {
    /// Stable id derived from the type and the normalised canonical name (`PER:lloyd-austin`).
    pub key: String,
    /// The name shown for the node ("Lloyd Austin", "United States").
    pub canonical_name: String,
    /// The node's type (PERSON, ORG, LOC, NORP or MISC).
    pub entity_type: EntityType,
    /// The per-article entities it joins, as (document index, entity id), sorted.
    pub members: Vec<(usize, EntityId)>,
    /// Other names and surface forms of the members, sorted, without the canonical name.
    pub aliases: Vec<String>,
    /// Mentions over all members.
    pub mention_count: usize,
    /// Number of articles it appears in.
    pub article_count: usize,
}

/// Two nodes that may be one actor but were left apart; the researcher decides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergeSuggestion {
    /// Key of the node that was left apart (the partial name, the acronym, the NORP node).
    pub a: String,
    /// Key of the node it might belong to.
    pub b: String,
    /// Why the two were not merged, in words.
    pub reason: String,
    /// How likely the merge is, in `[0, 1]` (for ranking only).
    pub score: f32,
}

/// The corpus-level entities of a set of documents, with the merge suggestions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusEntities {
    /// The nodes, sorted by key.
    pub entities: Vec<CorpusEntity>,
    /// Cases left apart, sorted by (`a`, `b`).
    pub suggestions: Vec<MergeSuggestion>,
    /// (document index, entity id) → index into `entities`.
    index: BTreeMap<(usize, EntityId), usize>,
    /// Cached name analyses, one entry per document, in document order.
    docs: Vec<DocEntry>,
}

/// The analysed entities of one document.
#[derive(Clone, Debug, PartialEq)]
struct DocEntry {
    /// The document's id (used only to order key collisions).
    id: String,
    /// Its entities that can be nodes.
    items: Vec<Item>,
}

/// One per-article entity, analysed for matching.
#[derive(Clone, Debug, PartialEq)]
struct Item {
    entity: EntityId,
    /// The canonical name as written.
    raw: String,
    /// The type as extracted (TITLE standing for a person is PERSON).
    ty: EntityType,
    /// The canonical name analysed for `ty`.
    name: Name,
    /// The aliases as written.
    aliases: Vec<String>,
    /// Compact (no spaces) normalised acronyms declared by aliases or a parenthetical (ORG).
    acronyms: BTreeSet<String>,
    /// True when the name itself is an acronym (ORG).
    acronym_named: bool,
    /// For an ORG named by an acronym: the alias that spells it out.
    expansion: Option<Name>,
    mentions: usize,
}

impl Item {
    fn new(entity: EntityId, e: &Entity) -> Option<Item> {
        let ty = match e.entity_type {
            EntityType::Person
            | EntityType::Org
            | EntityType::Loc
            | EntityType::Norp
            | EntityType::Misc => e.entity_type,
            EntityType::Title => {
                let name = analyse(&e.canonical_name, EntityType::Title);
                let names_someone = name.had_title
                    && !name.display.is_empty()
                    && name
                        .display
                        .split_whitespace()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
                if !names_someone {
                    return None;
                }
                EntityType::Person
            }
            EntityType::Other => return None,
        };
        let item = Item::analysed(
            entity,
            e.canonical_name.clone(),
            ty,
            e.aliases.clone(),
            e.mentions.len(),
        );
        // A person "named" only by titles or in lower case ("the president", "the visiting
        // dignitary") is a description the in-article resolution could not attach to a name:
        // across articles it would join different people, so it is not a node.
        // Scripts without case (Arabic, CJK) cannot tell a name from a description.
        let display = &item.name.display;
        let lower_case_only =
            display.chars().any(char::is_lowercase) && !display.chars().any(char::is_uppercase);
        let description = ty == EntityType::Person && (item.name.only_title || lower_case_only);
        (!item.name.norm.is_empty() && !description).then_some(item)
    }

    fn analysed(
        entity: EntityId,
        raw: String,
        ty: EntityType,
        aliases: Vec<String>,
        mentions: usize,
    ) -> Item {
        let name = analyse(&raw, ty);
        let mut acronyms = BTreeSet::new();
        let mut acronym_named = false;
        let mut expansion = None;
        if ty == EntityType::Org {
            let declared = name.paren.iter().chain(aliases.iter());
            acronyms.extend(declared.filter(|a| is_acronym(a)).map(|a| compact(a)));
            acronym_named = is_acronym(&name.display);
            if acronym_named {
                let own = name.norm.replace(' ', "");
                expansion = aliases
                    .iter()
                    .filter(|a| !is_acronym(a))
                    .map(|a| analyse(a, EntityType::Org))
                    .filter(|n| initials(&n.tokens).contains(&own))
                    .max_by(|x, y| (x.tokens.len(), &y.norm).cmp(&(y.tokens.len(), &x.norm)));
                acronyms.insert(own);
            }
        }
        Item {
            entity,
            raw,
            ty,
            name,
            aliases,
            acronyms,
            acronym_named,
            expansion,
            mentions,
        }
    }

    /// The item re-read as `ty` (after a majority-type decision).
    fn retyped(&self, ty: EntityType) -> Item {
        Item::analysed(
            self.entity,
            self.raw.clone(),
            ty,
            self.aliases.clone(),
            self.mentions,
        )
    }

    /// The name the node is known by: the expansion for an acronym-named ORG, else the name.
    fn key_name(&self) -> &Name {
        self.expansion.as_ref().unwrap_or(&self.name)
    }
}

/// Normalised form of an acronym without spaces ("ISIS-K" → "isisk", "U.N." → "un").
fn compact(raw: &str) -> String {
    phrase_key(raw).replace(' ', "")
}

fn extract(doc: &Document) -> DocEntry {
    let items = doc
        .annotations
        .entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Item::new(EntityId::from_index(i), e))
        .collect();
    DocEntry {
        id: doc.id.clone(),
        items,
    }
}

impl CorpusEntities {
    /// Resolves the entities of `docs` (indexed by position) into corpus-level nodes.
    pub fn build(docs: &[Document]) -> CorpusEntities {
        let mut out = CorpusEntities {
            docs: docs.iter().map(extract).collect(),
            ..CorpusEntities::default()
        };
        out.resolve();
        out
    }

    /// Inserts `doc` at `doc_index` (clamped to the number of documents); later documents'
    /// indices move up by one, as with `Vec::insert`. To refresh a re-extracted document, use
    /// [`Self::replace_document`].
    pub fn add_document(&mut self, doc_index: usize, doc: &Document) {
        let at = doc_index.min(self.docs.len());
        self.docs.insert(at, extract(doc));
        self.resolve();
    }

    /// Replaces the document at `doc_index` by its re-extracted version `doc` (appends it if
    /// there is none), resolving once. Same result as removing and adding it again.
    pub fn replace_document(&mut self, doc_index: usize, doc: &Document) {
        match self.docs.get_mut(doc_index) {
            Some(entry) => *entry = extract(doc),
            None => self.docs.push(extract(doc)),
        }
        self.resolve();
    }

    /// Inserts several documents at `doc_index` (clamped), in order, and resolves once.
    /// Use this (or [`Self::build`]) rather than repeated [`Self::add_document`] calls when
    /// loading many articles: each call re-runs the merge over the whole corpus.
    pub fn add_documents(&mut self, doc_index: usize, docs: &[Document]) {
        let at = doc_index.min(self.docs.len());
        self.docs.splice(at..at, docs.iter().map(extract));
        self.resolve();
    }

    /// Removes the document at `doc_index` (no-op if there is none); later documents' indices
    /// move down by one, as with `Vec::remove`.
    pub fn remove_document(&mut self, doc_index: usize) {
        if doc_index < self.docs.len() {
            self.docs.remove(doc_index);
            self.resolve();
        }
    }

    /// The number of documents resolved.
    pub fn document_count(&self) -> usize {
        self.docs.len()
    }

    /// The index into [`Self::entities`] of the node that entity `entity` of document
    /// `doc_index` belongs to; `None` for entities that are not nodes (OTHER, offices).
    pub fn lookup(&self, doc_index: usize, entity: EntityId) -> Option<usize> {
        self.index.get(&(doc_index, entity)).copied()
    }

    /// The index into [`Self::entities`] of the node with `key`.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.entities
            .binary_search_by(|e| e.key.as_str().cmp(key))
            .ok()
    }

    /// Recomputes nodes and suggestions from the cached analyses.
    fn resolve(&mut self) {
        let resolution = Resolver::new(&self.docs).run();
        self.entities = resolution.0;
        self.suggestions = resolution.1;
        self.index = self
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.members.iter().map(move |&m| (m, i)))
            .collect();
    }
}

/// At most this many suggestions are listed for one ambiguous name (the candidates seen in the
/// most articles): "John" may fit dozens of people.
const MAX_CANDIDATES: usize = 5;

/// The key of a node of type `entity_type` whose canonical name is `name`: the type prefix
/// and the normalised name with spaces as hyphens. Used for the nodes resolution leaves out
/// (offices, dates), which the network still draws, so that all keys look alike.
///
/// ```
/// use quarry::model::EntityType;
/// assert_eq!(quarry::resolve::node_key("the Foreign Minister", EntityType::Title), "TITLE:foreign-minister");
/// ```
pub fn node_key(name: &str, entity_type: EntityType) -> String {
    format!(
        "{}:{}",
        prefix(entity_type),
        normalise_name(name, entity_type).replace(' ', "-")
    )
}

/// The key prefix of a node type.
fn prefix(ty: EntityType) -> &'static str {
    match ty {
        EntityType::Person => "PER",
        EntityType::Org => "ORG",
        EntityType::Loc => "LOC",
        EntityType::Norp => "NORP",
        EntityType::Misc => "MISC",
        EntityType::Title => "TITLE",
        EntityType::Other => "OTHER",
    }
}

/// What a group of same-named items stands for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ident {
    /// A country (LOC), by table row.
    Country(usize),
    /// A country's people or adjective (NORP), by table row.
    Demonym(usize),
    /// Anything else, by normalised name.
    Name(String),
}

/// An [`Ident`] borrowing the name, for sorting without copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum IdentRef<'x> {
    Country(usize),
    Demonym(usize),
    Name(&'x str),
}

impl IdentRef<'_> {
    fn owned(self) -> Ident {
        match self {
            IdentRef::Country(row) => Ident::Country(row),
            IdentRef::Demonym(row) => Ident::Demonym(row),
            IdentRef::Name(name) => Ident::Name(name.to_owned()),
        }
    }
}

/// A node being finished: (key without suffix, collision order, entity, its groups).
type Built<'s> = (String, (&'s str, &'s str), CorpusEntity, Vec<usize>);

/// One per-article entity during resolution.
struct Node<'a> {
    doc: usize,
    item: std::borrow::Cow<'a, Item>,
    ty: EntityType,
    country: Option<usize>,
}

/// Items of one type that share one identity.
struct Group {
    ty: EntityType,
    ident: Ident,
    nodes: Vec<usize>,
    /// Tokens of the group's name.
    tokens: Vec<String>,
    /// An ORG group named only by an acronym, without an expansion.
    bare_acronym: bool,
    articles: usize,
}

/// A group left apart from several candidates.
struct Ambiguity {
    group: usize,
    candidates: Vec<usize>,
    what: &'static str,
}

struct Resolver<'a> {
    docs: &'a [DocEntry],
    nodes: Vec<Node<'a>>,
    groups: Vec<Group>,
    parent: Vec<usize>,
    ambiguities: Vec<Ambiguity>,
    /// (group, group, reason, score) pairs to suggest.
    pairs: Vec<(usize, usize, String, f32)>,
    /// Names seen with several types without a lopsided majority: name → type → nodes.
    conflicts: Vec<BTreeMap<EntityType, Vec<usize>>>,
}

/// The country row of a name of type `ty`, and the type it resolves to.
fn country_of(name: &Name, ty: EntityType) -> (EntityType, Option<usize>) {
    let t = tables();
    match ty {
        EntityType::Org | EntityType::Loc => {
            let by_name = t.by_name.get(&name.norm).copied();
            let row = by_name.or_else(|| {
                (ty == EntityType::Loc)
                    .then(|| t.by_demonym.get(&name.norm).copied())
                    .flatten()
            });
            match row {
                Some(r) => (EntityType::Loc, Some(r)),
                None => (ty, None),
            }
        }
        EntityType::Norp => {
            let row = t
                .by_demonym
                .get(&name.norm)
                .or_else(|| t.by_name.get(&name.norm));
            (ty, row.copied())
        }
        // Corpora without a NORP type (CoNLL-2003) call demonyms MISC.
        EntityType::Misc => match t.by_demonym.get(&name.norm) {
            Some(&row) => (EntityType::Norp, Some(row)),
            None => (ty, None),
        },
        _ => (ty, None),
    }
}

impl<'a> Resolver<'a> {
    fn new(docs: &'a [DocEntry]) -> Self {
        let mut nodes = Vec::new();
        for (doc, entry) in docs.iter().enumerate() {
            for item in &entry.items {
                let (ty, country) = country_of(&item.name, item.ty);
                nodes.push(Node {
                    doc,
                    item: std::borrow::Cow::Borrowed(item),
                    ty,
                    country,
                });
            }
        }
        Resolver {
            docs,
            nodes,
            groups: Vec::new(),
            parent: Vec::new(),
            ambiguities: Vec::new(),
            pairs: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    fn run(mut self) -> (Vec<CorpusEntity>, Vec<MergeSuggestion>) {
        self.settle_types();
        self.make_groups();
        self.join_acronyms();
        self.join_partial_names();
        self.finish()
    }

    fn find(&mut self, mut g: usize) -> usize {
        while self.parent[g] != g {
            self.parent[g] = self.parent[self.parent[g]];
            g = self.parent[g];
        }
        g
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// The number of distinct documents of `nodes`, given in ascending order.
    fn count_articles(&self, nodes: impl Iterator<Item = usize>) -> usize {
        let mut last = None;
        let mut count = 0;
        for n in nodes {
            let doc = self.nodes[n].doc;
            if last != Some(doc) {
                count += 1;
                last = Some(doc);
            }
        }
        count
    }

    /// Rule 1: one type per name when the evidence is lopsided.
    fn settle_types(&mut self) {
        let t = tables();
        // (voting key, type, node), sorted. NORP entities named by the country table are kept
        // out: they are meant to differ from the country's LOC node.
        let mut keyed: Vec<(IdentRef<'_>, EntityType, usize)> =
            Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let norm = node.item.name.norm.as_str();
            let key = match (node.country, node.ty) {
                (Some(_), EntityType::Norp) => continue,
                (Some(row), _) => IdentRef::Country(row),
                // A person or thing named like a country competes with the country.
                (None, _) => t
                    .by_name
                    .get(norm)
                    .map_or(IdentRef::Name(norm), |&row| IdentRef::Country(row)),
            };
            keyed.push((key, node.ty, i));
        }
        keyed.sort_unstable();
        let mut relabel = Vec::new();
        for run in keyed.chunk_by(|x, y| x.0 == y.0) {
            if run.iter().all(|x| x.1 == run[0].1) {
                continue;
            }
            let mut by_type: BTreeMap<EntityType, Vec<usize>> = BTreeMap::new();
            for &(_, ty, n) in run {
                by_type.entry(ty).or_default().push(n);
            }
            let mut counts: Vec<(usize, EntityType)> = by_type
                .iter()
                .map(|(&ty, nodes)| (self.count_articles(nodes.iter().copied()), ty))
                .collect();
            counts.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            let (top, top_type) = counts[0];
            let rest: usize = counts[1..].iter().map(|c| c.0).sum();
            if top >= 2 && top >= 3 * rest {
                for (ty, nodes) in by_type {
                    if ty != top_type {
                        relabel.extend(nodes.into_iter().map(|n| (n, top_type)));
                    }
                }
            } else {
                self.conflicts.push(by_type);
            }
        }
        for (n, top_type) in relabel {
            let retyped = self.nodes[n].item.retyped(top_type);
            let (ty, country) = country_of(&retyped.name, top_type);
            let node = &mut self.nodes[n];
            node.item = std::borrow::Cow::Owned(retyped);
            node.ty = ty;
            node.country = country;
        }
    }

    /// Rules 2 and 3: one group per (type, identity).
    fn make_groups(&mut self) {
        let mut keyed: Vec<(EntityType, IdentRef<'_>, usize)> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let ident = match (node.country, node.ty) {
                    (Some(row), EntityType::Loc) => IdentRef::Country(row),
                    (Some(row), EntityType::Norp) => IdentRef::Demonym(row),
                    _ => IdentRef::Name(node.item.key_name().norm.as_str()),
                };
                (node.ty, ident, i)
            })
            .collect();
        keyed.sort_unstable();
        let mut groups = Vec::new();
        for run in keyed.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let (ty, ident, first) = run[0];
            let nodes: Vec<usize> = run.iter().map(|x| x.2).collect();
            let bare_acronym = ty == EntityType::Org
                && nodes.iter().any(|&n| {
                    let item = &self.nodes[n].item;
                    item.acronym_named && item.expansion.is_none()
                });
            groups.push(Group {
                ty,
                ident: ident.owned(),
                tokens: self.nodes[first].item.key_name().tokens.clone(),
                bare_acronym,
                articles: self.count_articles(nodes.iter().copied()),
                nodes,
            });
        }
        self.groups = groups;
        self.parent = (0..self.groups.len()).collect();
    }

    /// Rule 4: acronyms and their expansions (ORG).
    fn join_acronyms(&mut self) {
        let mut explicit: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        let mut implicit: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        let mut bare = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            if group.ty != EntityType::Org {
                continue;
            }
            if group.bare_acronym {
                bare.push((g, group.tokens.concat()));
                continue;
            }
            for &n in &group.nodes {
                for a in &self.nodes[n].item.acronyms {
                    explicit.entry(a.clone()).or_default().insert(g);
                }
            }
            if group.tokens.len() >= 3 {
                for i in initials(&group.tokens) {
                    implicit.entry(i).or_default().insert(g);
                }
            }
        }
        for (g, acronym) in bare {
            let candidates = explicit
                .get(&acronym)
                .or_else(|| implicit.get(&acronym))
                .cloned()
                .unwrap_or_default();
            match candidates.len() {
                0 => {}
                1 => {
                    if let Some(&c) = candidates.first() {
                        self.union(g, c);
                    }
                }
                _ => self.ambiguities.push(Ambiguity {
                    group: g,
                    candidates: candidates.into_iter().collect(),
                    what: "organisations abbreviated so",
                }),
            }
        }
        for (acronym, groups) in explicit {
            let groups: Vec<usize> = groups.into_iter().collect();
            for pair in groups.windows(2) {
                self.pairs.push((
                    pair[0],
                    pair[1],
                    format!(
                        "both are abbreviated \u{201c}{}\u{201d}",
                        acronym.to_uppercase()
                    ),
                    0.5,
                ));
            }
        }
    }

    /// Rule 5: surnames, first names and shortened names of people.
    fn join_partial_names(&mut self) {
        let mut by_last: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut by_first: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut people = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            if group.ty != EntityType::Person || group.tokens.is_empty() {
                continue;
            }
            people.push(g);
            if let [first, .., last] = group.tokens.as_slice() {
                by_last.entry(last.as_str()).or_default().push(g);
                by_first.entry(first.as_str()).or_default().push(g);
            }
        }
        // Longer names first, then alphabetically.
        people.sort_by(|&x, &y| {
            let (gx, gy) = (&self.groups[x], &self.groups[y]);
            gy.tokens
                .len()
                .cmp(&gx.tokens.len())
                .then_with(|| gx.tokens.cmp(&gy.tokens))
        });
        let mut plan = Vec::with_capacity(people.len());
        for &g in &people {
            let tokens = &self.groups[g].tokens;
            let mut candidates: BTreeSet<usize> = BTreeSet::new();
            if let [only] = tokens.as_slice() {
                for list in [by_last.get(only.as_str()), by_first.get(only.as_str())]
                    .into_iter()
                    .flatten()
                {
                    candidates.extend(list.iter().copied());
                }
            } else if let Some(last) = tokens.last()
                && let Some(list) = by_last.get(last.as_str())
            {
                candidates.extend(list.iter().copied().filter(|&h| {
                    let longer = &self.groups[h].tokens;
                    is_shortening(tokens, longer)
                }));
            }
            candidates.remove(&g);
            plan.push((g, candidates));
        }
        for (g, candidates) in plan {
            let roots: BTreeSet<usize> = candidates.iter().map(|&h| self.find(h)).collect();
            match roots.len() {
                0 => {}
                1 => {
                    if let Some(&h) = candidates.first() {
                        self.union(g, h);
                    }
                }
                _ => self.ambiguities.push(Ambiguity {
                    group: g,
                    candidates: candidates.into_iter().collect(),
                    what: "people with this name",
                }),
            }
        }
    }

    /// Builds the nodes, their keys and the suggestions.
    fn finish(mut self) -> (Vec<CorpusEntity>, Vec<MergeSuggestion>) {
        let mut membership: Vec<(usize, usize)> =
            (0..self.groups.len()).map(|g| (self.find(g), g)).collect();
        membership.sort_unstable();
        let t = tables();
        let mut built: Vec<Built<'_>> = Vec::new();
        for run in membership.chunk_by(|x, y| x.0 == y.0) {
            let groups: Vec<usize> = run.iter().map(|x| x.1).collect();
            let ty = self.groups[groups[0]].ty;
            let best = groups
                .iter()
                .copied()
                .max_by(|&x, &y| self.rank(x).cmp(&self.rank(y)))
                .unwrap_or(groups[0]);
            let (canonical, norm) = match self.groups[best].ident {
                Ident::Country(row) => {
                    let name = t.countries[row].name.clone();
                    let norm = normalise_name(&name, EntityType::Loc);
                    (name, norm)
                }
                Ident::Demonym(row) => {
                    let name = t.countries[row]
                        .demonym
                        .clone()
                        .unwrap_or_else(|| self.display_of(best));
                    let norm = normalise_name(&name, EntityType::Norp);
                    (name, norm)
                }
                Ident::Name(ref norm) => (self.display_of(best), norm.clone()),
            };
            let key = format!("{}:{}", prefix(ty), norm.replace(' ', "-"));
            let mut members = Vec::new();
            let mut aliases: BTreeSet<&str> = BTreeSet::new();
            let mut mention_count = 0;
            let mut order: Option<(&str, &str)> = None;
            for &g in &groups {
                for &n in &self.groups[g].nodes {
                    let node = &self.nodes[n];
                    let item: &Item = &node.item;
                    members.push((node.doc, item.entity));
                    mention_count += item.mentions;
                    aliases.insert(item.raw.trim());
                    aliases.insert(&item.key_name().display);
                    aliases.extend(item.aliases.iter().map(|a| a.trim()));
                    let id = (self.docs[node.doc].id.as_str(), item.name.norm.as_str());
                    if order.is_none_or(|o| id < o) {
                        order = Some(id);
                    }
                }
            }
            members.sort_unstable();
            let article_count = members.iter().map(|m| m.0).collect::<BTreeSet<_>>().len();
            aliases.remove(canonical.as_str());
            aliases.remove("");
            let entity = CorpusEntity {
                key: key.clone(),
                canonical_name: canonical,
                entity_type: ty,
                members,
                aliases: aliases.into_iter().map(str::to_owned).collect(),
                mention_count,
                article_count,
            };
            built.push((key, order.unwrap_or_default(), entity, groups));
        }
        built.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
        let mut same = 1;
        for i in 1..built.len() {
            if built[i].0 == built[i - 1].0 {
                same += 1;
                built[i].2.key = format!("{}~{same}", built[i].0);
            } else {
                same = 1;
            }
        }
        // Suffixes can move a key past its neighbours ("PER:x~2" after "PER:x-y"): re-sort.
        built.sort_by(|x, y| x.2.key.cmp(&y.2.key));
        let mut entity_of_group = vec![0; self.groups.len()];
        let mut entities = Vec::with_capacity(built.len());
        for (_, _, entity, groups) in built {
            for g in groups {
                entity_of_group[g] = entities.len();
            }
            entities.push(entity);
        }
        let suggestions = self.suggest(&entities, &entity_of_group);
        (entities, suggestions)
    }

    /// The sort key of a group as the source of its cluster's canonical name.
    fn rank(&self, g: usize) -> (bool, usize, usize, usize, std::cmp::Reverse<&Ident>) {
        let group = &self.groups[g];
        let complete = match group.ty {
            EntityType::Person => group.tokens.len() >= 2,
            EntityType::Org => !group.bare_acronym,
            _ => true,
        };
        let mentions = group
            .nodes
            .iter()
            .map(|&n| self.nodes[n].item.mentions)
            .sum();
        (
            complete,
            group.articles,
            group.tokens.len(),
            mentions,
            std::cmp::Reverse(&group.ident),
        )
    }

    /// The most common written form of a group's name, preferring forms that are not in
    /// capitals throughout (headlines: "LONDON"), then the alphabetically first.
    fn display_of(&self, g: usize) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &n in &self.groups[g].nodes {
            *counts
                .entry(self.nodes[n].item.key_name().display.as_str())
                .or_default() += 1;
        }
        let calm = |d: &str| d.chars().any(char::is_lowercase);
        counts
            .into_iter()
            .max_by(|x, y| (calm(x.0), x.1).cmp(&(calm(y.0), y.1)).then(y.0.cmp(x.0)))
            .map(|(d, _)| d.to_owned())
            .unwrap_or_default()
    }

    fn suggest(
        &self,
        entities: &[CorpusEntity],
        entity_of_group: &[usize],
    ) -> Vec<MergeSuggestion> {
        let mut out: BTreeMap<(usize, usize), MergeSuggestion> = BTreeMap::new();
        let mut add = |a: usize, b: usize, reason: String, score: f32| {
            if a == b {
                return;
            }
            let suggestion = MergeSuggestion {
                a: entities[a].key.clone(),
                b: entities[b].key.clone(),
                reason,
                score,
            };
            match out.get(&(b, a)) {
                Some(existing) if existing.score >= score => {}
                Some(_) => {
                    out.remove(&(b, a));
                    out.insert((a, b), suggestion);
                }
                None => {
                    out.entry((a, b)).or_insert(suggestion);
                }
            }
        };
        for amb in &self.ambiguities {
            let a = entity_of_group[amb.group];
            let targets: BTreeSet<usize> = amb
                .candidates
                .iter()
                .map(|&c| entity_of_group[c])
                .filter(|&b| b != a)
                .collect();
            let total: usize = targets.iter().map(|&b| entities[b].article_count).sum();
            // The candidates seen in the most articles first; only the first few are listed.
            let mut ranked: Vec<usize> = targets.iter().copied().collect();
            ranked.sort_by(|&x, &y| entities[y].article_count.cmp(&entities[x].article_count));
            ranked.truncate(MAX_CANDIDATES);
            let mut names: Vec<&str> = ranked
                .iter()
                .map(|&b| entities[b].canonical_name.as_str())
                .collect();
            let more = format!("and {} more", targets.len() - ranked.len());
            if targets.len() > ranked.len() {
                names.push(&more);
            }
            for &b in &ranked {
                let share = entities[b].article_count as f32 / total.max(1) as f32;
                add(
                    a,
                    b,
                    format!(
                        "\u{201c}{}\u{201d} fits {} {}: {}",
                        entities[a].canonical_name,
                        targets.len(),
                        amb.what,
                        names.join(", ")
                    ),
                    share,
                );
            }
        }
        for (x, y, reason, score) in &self.pairs {
            add(
                entity_of_group[*x],
                entity_of_group[*y],
                reason.clone(),
                *score,
            );
        }
        let mut group_of_node = vec![0; self.nodes.len()];
        for (g, group) in self.groups.iter().enumerate() {
            for &n in &group.nodes {
                group_of_node[n] = g;
            }
        }
        for by_type in &self.conflicts {
            let per_type: Vec<(EntityType, usize, usize)> = by_type
                .iter()
                .filter_map(|(&ty, nodes)| {
                    let g = group_of_node.get(*nodes.first()?)?;
                    let docs = nodes
                        .iter()
                        .map(|&n| self.nodes[n].doc)
                        .collect::<BTreeSet<_>>();
                    Some((ty, entity_of_group[*g], docs.len()))
                })
                .collect();
            let total: usize = per_type.iter().map(|p| p.2).sum();
            let summary: Vec<String> = per_type
                .iter()
                .map(|(ty, _, n)| format!("{} in {n}", ty.label()))
                .collect();
            for (i, x) in per_type.iter().enumerate() {
                for y in &per_type[i + 1..] {
                    let score = x.2.min(y.2) as f32 / total.max(1) as f32;
                    add(
                        x.1,
                        y.1,
                        format!(
                            "same name with different types ({} articles)",
                            summary.join(", ")
                        ),
                        score,
                    );
                }
            }
        }
        // NORP node of a country ↔ the country's LOC node.
        let mut countries: BTreeMap<usize, usize> = BTreeMap::new();
        let mut demonyms: BTreeMap<usize, usize> = BTreeMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            match group.ident {
                Ident::Country(row) => {
                    countries.insert(row, entity_of_group[g]);
                }
                Ident::Demonym(row) => {
                    demonyms.insert(row, entity_of_group[g]);
                }
                Ident::Name(_) => {}
            }
        }
        for (row, &a) in &demonyms {
            if let Some(&b) = countries.get(row) {
                add(
                    a,
                    b,
                    format!(
                        "\u{201c}{}\u{201d} is the demonym of \u{201c}{}\u{201d}; NORP nodes stay apart from countries",
                        entities[a].canonical_name, entities[b].canonical_name
                    ),
                    0.5,
                );
            }
        }
        let mut suggestions: Vec<MergeSuggestion> = out.into_values().collect();
        suggestions.sort_by(|x, y| (&x.a, &x.b, &x.reason).cmp(&(&y.a, &y.b, &y.reason)));
        suggestions
    }
}

/// True when the multi-word person name `short` is `long` shortened: without all its middle
/// names ("Lloyd Austin" of "Lloyd J. Austin") or without its leading names ("Mehmood
/// Qureshi" of "Shah Mehmood Qureshi"). Dropping only some middle names is not a shortening
/// ("George W. Bush" is not "George H. W. Bush").
fn is_shortening(short: &[String], long: &[String]) -> bool {
    if short.len() >= long.len() || short.len() < 2 {
        return false;
    }
    let first_and_last =
        short.len() == 2 && short[0] == long[0] && short[1] == long[long.len() - 1];
    first_and_last || long.ends_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn shortening_drops_all_middle_names_or_leading_names() {
        assert!(is_shortening(
            &s(&["lloyd", "austin"]),
            &s(&["lloyd", "j", "austin"])
        ));
        assert!(is_shortening(
            &s(&["mehmood", "qureshi"]),
            &s(&["shah", "mehmood", "qureshi"])
        ));
        assert!(!is_shortening(
            &s(&["lloyd", "j"]),
            &s(&["lloyd", "j", "austin"])
        ));
        assert!(!is_shortening(
            &s(&["jeb", "bush"]),
            &s(&["george", "w", "bush"])
        ));
        assert!(!is_shortening(
            &s(&["george", "w", "bush"]),
            &s(&["george", "h", "w", "bush"])
        ));
        assert!(!is_shortening(
            &s(&["george", "bush"]),
            &s(&["george", "bush"])
        ));
    }
}
