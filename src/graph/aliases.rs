//! The alias table of major organisations, armed groups and states
//! (`assets/resolve/aliases.tsv`, compiled in): "Daesh", "ISIL" and "Islamic State of Iraq
//! and the Levant" are one actor. The entity network joins nodes whose names fall in one
//! line of the table.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::model::EntityType;
use crate::names::alias_key;

use super::Unit;

const TABLE: &str = include_str!("../../assets/resolve/aliases.tsv");

/// The table's lines: normalised name → (line index, canonical name).
fn table() -> &'static BTreeMap<String, (usize, &'static str)> {
    static TABLE_MAP: OnceLock<BTreeMap<String, (usize, &'static str)>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let mut map = BTreeMap::new();
        let lines = TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for (i, line) in lines.enumerate() {
            let mut names = line.split('\t').map(str::trim).filter(|n| !n.is_empty());
            let Some(canonical) = names.next() else {
                continue;
            };
            map.entry(alias_key(canonical)).or_insert((i, canonical));
            for name in names {
                map.entry(alias_key(name)).or_insert((i, canonical));
            }
        }
        map
    })
}

/// The table line and canonical name `name` belongs to, if any.
pub fn lookup(name: &str) -> Option<(usize, &'static str)> {
    table().get(&alias_key(name)).copied()
}

/// Joins units whose name or one of whose aliases falls in one line of the alias table
/// ([`lookup`]): the unit with the most mentions (then the smallest key) keeps
/// its key, takes the others' members, aliases, mentions and offices, and is named by the
/// table's canonical name. Titles, other left-out entities and units with a key in `split`
/// (names the researcher split off) are never joined.
pub(super) fn join_known_aliases(units: Vec<Unit>, split: &BTreeSet<String>) -> Vec<Unit> {
    let line_of = |unit: &Unit| -> Option<(usize, &'static str)> {
        if matches!(unit.entity_type, EntityType::Title | EntityType::Other)
            || split.contains(&unit.key)
        {
            return None;
        }
        std::iter::once(unit.name.as_str())
            .chain(unit.aliases.iter().map(String::as_str))
            .find_map(lookup)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternative_names_of_one_actor_share_a_line() {
        let isil = lookup("Islamic State of Iraq and the Levant").unwrap();
        assert_eq!(isil.1, "Islamic State");
        for name in ["Daesh", "ISIS", "the ISIL", "Islamic State", "Da'esh"] {
            assert_eq!(lookup(name), Some(isil), "{name}");
        }
        assert_eq!(lookup("U.N.").map(|l| l.1), Some("United Nations"));
        assert_eq!(lookup("Britain").map(|l| l.1), Some("United Kingdom"));
        assert_ne!(lookup("UN"), lookup("UK"));
        assert_eq!(lookup("Department"), None);
        assert_eq!(lookup("Lloyd Austin"), None);
    }

    #[test]
    fn no_name_is_listed_twice() {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let lines = TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for (i, line) in lines.enumerate() {
            let mut in_line = std::collections::BTreeSet::new();
            for name in line.split('\t').filter(|n| !n.trim().is_empty()) {
                let n = alias_key(name);
                if !in_line.insert(n.clone()) {
                    continue;
                }
                assert_eq!(seen.insert(n.clone(), i), None, "{name} is listed twice");
            }
        }
    }
}
