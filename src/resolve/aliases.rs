//! Other names of one actor, for the corpus-level join (rule 6 of the module documentation):
//! - the alias table of major organisations, armed groups and states
//!   (`assets/resolve/aliases.tsv`, compiled in): "Daesh", "ISIL" and "Islamic State of
//!   Iraq and the Levant" are one actor ([`lookup`]);
//! - the other names an article states for a name it has just written: "X, also known as
//!   Y", "X (ISIL), known by its Arabic acronym as Y", "X, referred to as Y"
//!   ([`stated_names`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::model::Mention;
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

/// Words that may stand before "known as" in an alias statement ("also known as",
/// "commonly known as").
const KNOWN_AS_ADVERBS: [&str; 9] = [
    "also",
    "formerly",
    "better",
    "otherwise",
    "now",
    "previously",
    "commonly",
    "widely",
    "locally",
];

/// Cues that end in "as" without "known": "referred to as", "also called".
const OTHER_CUES: [&str; 6] = [
    "referred to as",
    "also referred to as",
    "also called",
    "a.k.a.",
    "aka",
    "which calls itself",
];

/// The byte where an alias cue that ends `before` (lowercased, no trailing space or "the")
/// starts: "known as", "also known as", "known by its Arabic acronym as", "known by their
/// initials as", "referred to as", "a.k.a.".
fn cue_start(before: &str) -> Option<usize> {
    for cue in OTHER_CUES {
        if let Some(head) = before.strip_suffix(cue)
            && head.ends_with([' ', ',', '('])
        {
            return Some(head.len());
        }
    }
    let head = before.strip_suffix(" as")?;
    // "known as" or "known by its (Arabic) (acronym|name|initials) as" (at most four
    // words between "by" and "as").
    let known_at = match head.rfind(" known") {
        Some(at) if head.len() == at + " known".len() => at,
        Some(at) => {
            let by = head[at + " known".len()..].trim_start();
            let words: Vec<&str> = by.split_whitespace().collect();
            let fits = words.first() == Some(&"by")
                && (3..=5).contains(&words.len())
                && matches!(
                    words.get(1),
                    Some(&("its" | "their" | "the" | "his" | "her"))
                );
            if !fits {
                return None;
            }
            at
        }
        None => return None,
    };
    let mut start = known_at + 1;
    let words_before = &before[..known_at];
    if let Some(adverb) = words_before.rsplit(' ').next()
        && KNOWN_AS_ADVERBS.contains(&adverb)
    {
        start -= adverb.len() + 1;
    }
    Some(start)
}

/// The other names an article states for a name it has just written, as pairs of mention
/// indices (the name, its other name): the second mention follows an alias cue
/// ([`cue_start`]; "the" after it allowed) that follows the first mention directly, or
/// after a comma, a closing parenthesis (the first mention inside it: "(ISIL), known by its
/// Arabic acronym as Daesh") or both. Mentions are those of the article, in any order.
pub fn stated_names(text: &str, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let mut ends: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        ends.entry(m.span.end).or_insert(i);
    }
    let mut pairs = Vec::new();
    for (y, m) in mentions.iter().enumerate() {
        let Some(window_start) = (0..=m.span.start.min(text.len()))
            .rev()
            .take(120)
            .filter(|&i| text.is_char_boundary(i))
            .last()
        else {
            continue;
        };
        if !text.is_char_boundary(m.span.start) {
            continue;
        }
        let window = &text[window_start..m.span.start];
        let lower = window.to_lowercase();
        if lower.len() != window.len() {
            continue;
        }
        let mut before = lower.trim_end_matches([' ', '"', '“', '‘', '\'']);
        if let Some(rest) = before.strip_suffix(" the") {
            before = rest.trim_end();
        }
        let Some(cue) = cue_start(before) else {
            continue;
        };
        let name_end = window[..cue]
            .trim_end_matches([' ', ',', '('])
            .trim_end_matches(')');
        let name_end = name_end.trim_end_matches([' ', '"', '”', '’', '\'']);
        if let Some(&x) = ends.get(&(window_start + name_end.len()))
            && x != y
        {
            pairs.push((x, y));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, Span};

    fn mentions(text: &str, names: &[&str]) -> Vec<Mention> {
        let mut from = 0;
        names
            .iter()
            .map(|n| {
                let start = from + text[from..].find(n).unwrap();
                from = start + n.len();
                Mention {
                    span: Span::new(start, start + n.len()),
                    entity_type: EntityType::Org,
                    entity: None,
                    provenance: crate::model::Provenance::default(),
                }
            })
            .collect()
    }

    #[test]
    fn an_article_states_another_name_after_an_alias_cue() {
        let text = "The Levant Liberation Front (LLF), known by its Arabic acronym as Jabhat \
                    al-Tahrir, shelled Qasr. Its rival, the Northern Shield Brigade, also known \
                    as the Shield, withdrew; the Brigade of Qasr, referred to as Qasr Group, \
                    stayed. Officials known as elders met Omar Nadim.";
        let m = mentions(
            text,
            &[
                "Levant Liberation Front",
                "LLF",
                "Arabic",
                "Jabhat al-Tahrir",
                "Qasr",
                "Northern Shield Brigade",
                "Shield",
                "Brigade of Qasr",
                "Qasr Group",
                "Omar Nadim",
            ],
        );
        let pairs = stated_names(text, &m);
        assert_eq!(pairs, [(1, 3), (5, 6), (7, 8)]);
    }

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
