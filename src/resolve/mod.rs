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
//! 2. **Countries.** Every country name, short form and demonym that resolution reads in
//!    `assets/countries/countries.tsv` maps to its country: LOC entities named "US", "U.S.",
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
//! 6. **Other names (any type).** Entities whose name or an alias falls in one line of the
//!    alias table (`assets/resolve/aliases.tsv`: "Daesh", "ISIL", "ISIS", "Islamic State of
//!    Iraq and the Levant") are one node whatever their types (not NORP or PERSON), named and
//!    keyed by the table's canonical name (`ORG:islamic-state`); a country stays the country.
//!    The names an article states for a name it has just written ("X, also known as Y",
//!    "X (ISIL), known by its Arabic acronym as Y", "X, referred to as Y":
//!    [`aliases::stated_names`]) join the entities so named in every article, across types
//!    (not NORP), a group's name the recogniser took for a person's included. A node joined
//!    across types takes the most telling type: an organisation's, place's or group's over
//!    a person's, both over MISC.
//!
//! # Suggestions
//! [`CorpusEntities::suggestions`] lists, with a reason in words and a score for ranking:
//! a partial name or bare acronym left apart → each of its candidates (at most five, the ones
//! seen in the most articles; the score is the candidate's share of their articles); two
//! expansions sharing an acronym; the nodes of one name with different types when no type had
//! a lopsided majority; a country's NORP node → its LOC node; and two people with one surname
//! whose first names are a short form of each other ("Tony" / "Antony": a prefix or suffix of
//! three letters or more).
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

pub mod aliases;
mod item;
mod keys;
mod normalise;
mod resolver;
mod suggest;
mod tables;

pub use keys::node_key;
pub use normalise::normalise_name;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Document, EntityId, EntityType};

use item::{DocEntry, extract};
use resolver::Resolver;

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
