//! The alias table of major organisations, armed groups and states
//! (`assets/resolve/aliases.tsv`, compiled in): "Daesh", "ISIL" and "Islamic State of Iraq
//! and the Levant" are one actor. The entity network joins nodes whose names fall in one
//! line of the table.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::names::alias_key;

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
