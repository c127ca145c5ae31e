//! Merge suggestions: the cases the resolver left apart on purpose, with a reason in words
//! and a score for ranking.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::EntityType;

use super::resolver::{Ident, Resolver};
use super::{CorpusEntity, MergeSuggestion};

/// At most this many suggestions are listed for one ambiguous name (the candidates seen in the
/// most articles): "John" may fit dozens of people.
const MAX_CANDIDATES: usize = 5;
impl Resolver<'_> {
    /// The suggestions for the finished `entities` (`entity_of_group` maps each group to
    /// its entity).
    pub(super) fn suggest(
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
        // People with one surname whose first names are a short form of each other ("Tony"
        // and "Antony", "Chris" and "Christopher"): one person, perhaps.
        let mut by_rest: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            if group.ty == EntityType::Person && group.tokens.len() >= 2 {
                by_rest.entry(&group.tokens[1..]).or_default().push(g);
            }
        }
        for groups in by_rest.values() {
            for (i, &x) in groups.iter().enumerate() {
                for &y in &groups[i + 1..] {
                    let (fx, fy) = (&self.groups[x].tokens[0], &self.groups[y].tokens[0]);
                    let (short, long) = if fx.len() <= fy.len() {
                        (fx, fy)
                    } else {
                        (fy, fx)
                    };
                    if short.chars().count() >= 3
                        && short != long
                        && (long.starts_with(short.as_str()) || long.ends_with(short.as_str()))
                    {
                        let (a, b) = (entity_of_group[x], entity_of_group[y]);
                        add(
                            a,
                            b,
                            format!(
                                "same surname; \u{201c}{short}\u{201d} may be a short form of \u{201c}{long}\u{201d}"
                            ),
                            0.5,
                        );
                    }
                }
            }
        }
        let mut suggestions: Vec<MergeSuggestion> = out.into_values().collect();
        suggestions.sort_by(|x, y| (&x.a, &x.b, &x.reason).cmp(&(&y.a, &y.b, &y.reason)));
        suggestions
    }
}
