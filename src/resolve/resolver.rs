//! The merge itself: settling one type per name, grouping same-named items, joining
//! acronyms and partial person names, and building the nodes with their keys (rules 1–5 of
//! the module documentation). The suggestions are in [`super::suggest`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::EntityType;

use super::item::{DocEntry, Item};
use super::keys::key_of;
use super::normalise::{Name, initials, normalise_name};
use super::tables::tables;
use super::{CorpusEntity, MergeSuggestion};

/// What a group of same-named items stands for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Ident {
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
pub(super) struct Node<'a> {
    pub(super) doc: usize,
    item: Cow<'a, Item>,
    ty: EntityType,
    country: Option<usize>,
}

/// Items of one type that share one identity.
pub(super) struct Group {
    pub(super) ty: EntityType,
    pub(super) ident: Ident,
    pub(super) nodes: Vec<usize>,
    /// Tokens of the group's name.
    pub(super) tokens: Vec<String>,
    /// An ORG group named only by an acronym, without an expansion.
    bare_acronym: bool,
    articles: usize,
}

/// A group left apart from several candidates.
pub(super) struct Ambiguity {
    pub(super) group: usize,
    pub(super) candidates: Vec<usize>,
    pub(super) what: &'static str,
}

/// One merge over the cached analyses: the items as nodes, their groups and a union-find
/// over the groups.
pub(super) struct Resolver<'a> {
    docs: &'a [DocEntry],
    pub(super) nodes: Vec<Node<'a>>,
    pub(super) groups: Vec<Group>,
    parent: Vec<usize>,
    pub(super) ambiguities: Vec<Ambiguity>,
    /// (group, group, reason, score) pairs to suggest.
    pub(super) pairs: Vec<(usize, usize, String, f32)>,
    /// Names seen with several types without a lopsided majority: name → type → nodes.
    pub(super) conflicts: Vec<BTreeMap<EntityType, Vec<usize>>>,
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
    pub(super) fn new(docs: &'a [DocEntry]) -> Self {
        let mut nodes = Vec::new();
        for (doc, entry) in docs.iter().enumerate() {
            for item in &entry.items {
                let (ty, country) = country_of(&item.name, item.ty);
                nodes.push(Node {
                    doc,
                    item: Cow::Borrowed(item),
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

    pub(super) fn run(mut self) -> (Vec<CorpusEntity>, Vec<MergeSuggestion>) {
        self.settle_types();
        self.make_groups();
        self.join_acronyms();
        self.join_partial_names();
        self.join_other_names();
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
            node.item = Cow::Owned(retyped);
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

    /// Rule 6: other names of one actor, across types. Groups (not nationalities or people)
    /// with a name or alias in one line of the alias table are one node; so are a group
    /// and the groups (not nationalities) named by the other names an article states for it
    /// ("X, known by its Arabic acronym as Y").
    fn join_other_names(&mut self) {
        let mut by_line: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut by_name: BTreeMap<(bool, &str), Vec<usize>> = BTreeMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            if group.ty == EntityType::Norp {
                continue;
            }
            let person = group.ty == EntityType::Person;
            if let Ident::Name(norm) = &group.ident {
                by_name.entry((person, norm.as_str())).or_default().push(g);
            }
            for &n in &group.nodes {
                if let Some((line, _)) = self.nodes[n].item.table
                    && !person
                {
                    by_line.entry(line).or_default().push(g);
                }
            }
        }
        let mut joins: Vec<(usize, usize)> = Vec::new();
        for groups in by_line.values() {
            joins.extend(groups.windows(2).map(|w| (w[0], w[1])));
        }
        // A stated name the recogniser took for a person while the article gives it as a
        // group's (or the other way round) still names that actor.
        for (g, group) in self.groups.iter().enumerate() {
            if group.ty == EntityType::Norp {
                continue;
            }
            for &n in &group.nodes {
                for stated in &self.nodes[n].item.stated {
                    for (person, ty) in [(false, EntityType::Org), (true, EntityType::Person)] {
                        let norm = normalise_name(stated, ty);
                        if let Some(others) = by_name.get(&(person, norm.as_str())) {
                            joins.extend(others.iter().map(|&o| (g, o)));
                        }
                    }
                }
            }
        }
        for (a, b) in joins {
            self.union(a, b);
        }
    }

    /// The alias-table canonical name of a cluster of groups: the line of its best-ranked
    /// group with one, else of the first group with one; `None` for countries (their table
    /// name wins) and clusters outside the table.
    fn table_name(&self, groups: &[usize], best: usize) -> Option<&'static str> {
        if groups
            .iter()
            .any(|&g| matches!(self.groups[g].ident, Ident::Country(_)))
        {
            return None;
        }
        let line_of = |g: usize| {
            self.groups[g]
                .nodes
                .iter()
                .find_map(|&n| self.nodes[n].item.table)
        };
        line_of(best)
            .or_else(|| groups.iter().find_map(|&g| line_of(g)))
            .map(|(_, name)| name)
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
            // A country joined with other names of it (rule 6) stays the country.
            let best = groups
                .iter()
                .copied()
                .find(|&g| matches!(self.groups[g].ident, Ident::Country(_)))
                .or_else(|| {
                    groups
                        .iter()
                        .copied()
                        .max_by(|&x, &y| self.rank(x).cmp(&self.rank(y)))
                })
                .unwrap_or(groups[0]);
            // Names joined across types (rule 6) take the most telling type: a group's type
            // over a person's (a group's name taken for a person's), both over MISC.
            let telling = |t: EntityType| match t {
                EntityType::Misc => 0,
                EntityType::Person => 1,
                _ => 2,
            };
            let best_ty = self.groups[best].ty;
            let ty = groups
                .iter()
                .map(|&g| self.groups[g].ty)
                .filter(|&t| telling(t) > telling(best_ty))
                .max_by_key(|&t| telling(t))
                .unwrap_or(best_ty);
            let table_name = self.table_name(&groups, best);
            let (canonical, norm) = match (table_name, &self.groups[best].ident) {
                (Some(name), _) => (name.to_owned(), normalise_name(name, ty)),
                (None, &Ident::Country(row)) => {
                    let name = t.countries[row].name.clone();
                    let norm = normalise_name(&name, EntityType::Loc);
                    (name, norm)
                }
                (None, &Ident::Demonym(row)) => {
                    let name = t.countries[row]
                        .demonym
                        .clone()
                        .unwrap_or_else(|| self.display_of(best));
                    let norm = normalise_name(&name, EntityType::Norp);
                    (name, norm)
                }
                (None, Ident::Name(norm)) => (self.display_of(best), norm.clone()),
            };
            let key = key_of(ty, &norm);
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
