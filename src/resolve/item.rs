//! One article's entities analysed for matching: the name normalised for its type, the
//! declared acronyms and the expansion of an acronym-named organisation.

use std::collections::BTreeSet;

use crate::model::{Document, Entity, EntityId, EntityType};

use super::normalise::{Name, analyse, initials, is_acronym};
use crate::names::match_key;

/// The analysed entities of one document.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DocEntry {
    /// The document's id (used only to order key collisions).
    pub(super) id: String,
    /// Its entities that can be nodes.
    pub(super) items: Vec<Item>,
}

/// One per-article entity, analysed for matching.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Item {
    pub(super) entity: EntityId,
    /// The canonical name as written.
    pub(super) raw: String,
    /// The type as extracted (TITLE standing for a person is PERSON).
    pub(super) ty: EntityType,
    /// The canonical name analysed for `ty`.
    pub(super) name: Name,
    /// The aliases as written.
    pub(super) aliases: Vec<String>,
    /// Compact (no spaces) normalised acronyms declared by aliases or a parenthetical (ORG).
    pub(super) acronyms: BTreeSet<String>,
    /// True when the name itself is an acronym (ORG).
    pub(super) acronym_named: bool,
    /// For an ORG named by an acronym: the alias that spells it out.
    pub(super) expansion: Option<Name>,
    pub(super) mentions: usize,
    /// The alias-table line (and its canonical name) the name or an alias falls in.
    pub(super) table: Option<(usize, &'static str)>,
    /// Other names the article states for it ("X, also known as Y"), as written.
    pub(super) stated: Vec<String>,
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
        let table = std::iter::once(raw.as_str())
            .chain(aliases.iter().map(String::as_str))
            .find_map(super::aliases::lookup);
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
            table,
            stated: Vec::new(),
        }
    }

    /// The item re-read as `ty` (after a majority-type decision).
    pub(super) fn retyped(&self, ty: EntityType) -> Item {
        let mut item = Item::analysed(
            self.entity,
            self.raw.clone(),
            ty,
            self.aliases.clone(),
            self.mentions,
        );
        item.stated.clone_from(&self.stated);
        item
    }

    /// The name the node is known by: the expansion for an acronym-named ORG, else the name.
    pub(super) fn key_name(&self) -> &Name {
        self.expansion.as_ref().unwrap_or(&self.name)
    }
}

/// Normalised form of an acronym without spaces ("ISIS-K" → "isisk", "U.N." → "un").
fn compact(raw: &str) -> String {
    match_key(raw).replace(' ', "")
}

/// Analyses the entities of `doc` that can be nodes.
pub(super) fn extract(doc: &Document) -> DocEntry {
    let mut items: Vec<Item> = doc
        .annotations
        .entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Item::new(EntityId::from_index(i), e))
        .collect();
    let mentions = &doc.annotations.mentions;
    for (x, y) in super::aliases::stated_names(&doc.text, mentions) {
        for (of, other) in [(x, y), (y, x)] {
            let name = mentions[other].span.text(&doc.text).trim();
            let Some(entity) = mentions[of].entity.filter(|_| !name.is_empty()) else {
                continue;
            };
            if let Some(item) = items.iter_mut().find(|i| i.entity == entity)
                && !item.stated.iter().any(|s| s == name)
            {
                item.stated.push(name.to_owned());
            }
        }
    }
    DocEntry {
        id: doc.id.clone(),
        items,
    }
}
