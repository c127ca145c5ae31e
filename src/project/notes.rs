//! The researcher's notes and tags on articles, entities, quotes and relations, kept in
//! [`super::Curation::notes_and_tags`] by item key (see [`ItemKey`]). Keys are built from
//! what survives re-extraction — document ids, entity node keys, spans — never indices.
//! [`search`] is the plain function a search box calls; [`has_tag`] is what tag filters call.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::edits::RelationKey;
use crate::model::Span;

/// A note and tags on one item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemNote {
    /// Free text.
    pub note: String,
    /// Tags, as typed (compared without case).
    pub tags: BTreeSet<String>,
}

impl ItemNote {
    /// True when there is neither a note nor a tag.
    pub fn is_empty(&self) -> bool {
        self.note.trim().is_empty() && self.tags.is_empty()
    }

    /// True when the item carries `tag` (case-insensitive).
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag.trim()))
    }

    /// The tooltip text: "tags: a, b" and the note, one per line (empty when there is none).
    pub fn tooltip(&self) -> String {
        let mut lines = Vec::new();
        if !self.tags.is_empty() {
            let tags: Vec<&str> = self.tags.iter().map(String::as_str).collect();
            lines.push(format!("tags: {}", tags.join(", ")));
        }
        if !self.note.trim().is_empty() {
            lines.push(self.note.trim().to_owned());
        }
        lines.join("\n")
    }
}

/// The key an item's note is stored under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKey<'a> {
    /// An article, by document id.
    Article(&'a str),
    /// A corpus entity, by node key (`PER:lloyd-austin`).
    Entity(&'a str),
    /// A quote, by document id and content span.
    Quote(&'a str, Span),
    /// A relation, by document id and [`RelationKey`].
    Relation(&'a str, RelationKey),
}

impl ItemKey<'_> {
    /// The stored form: `article:ID`, `entity:KEY`, `quote:ID@START-END`,
    /// `relation:ID@HEAD>TAIL@EVIDENCE@TYPE` (spans as `start-end`).
    pub fn stored(&self) -> String {
        let span = |s: Span| format!("{}-{}", s.start, s.end);
        match self {
            ItemKey::Article(id) => format!("article:{id}"),
            ItemKey::Entity(key) => format!("entity:{key}"),
            ItemKey::Quote(id, s) => format!("quote:{id}@{}", span(*s)),
            ItemKey::Relation(id, k) => format!(
                "relation:{id}@{}>{}@{}@{:?}",
                span(k.head),
                span(k.tail),
                span(k.evidence),
                k.relation_type
            ),
        }
    }
}

/// The note of an item, if it has one.
pub fn note_of<'a>(
    notes: &'a BTreeMap<String, ItemNote>,
    key: ItemKey<'_>,
) -> Option<&'a ItemNote> {
    notes.get(&key.stored()).filter(|n| !n.is_empty())
}

/// True when the item carries `tag`.
pub fn has_tag(notes: &BTreeMap<String, ItemNote>, key: ItemKey<'_>, tag: &str) -> bool {
    note_of(notes, key).is_some_and(|n| n.has_tag(tag))
}

/// Every tag in use, sorted, each once (case folded to the first spelling seen).
pub fn all_tags(notes: &BTreeMap<String, ItemNote>) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for tag in notes.values().flat_map(|n| &n.tags) {
        seen.entry(tag.to_lowercase())
            .or_insert_with(|| tag.clone());
    }
    seen.into_values().collect()
}

/// The items whose note or tags contain `query` (case-insensitive), as (stored key, note),
/// in key order. An empty query finds nothing.
pub fn search<'a>(
    notes: &'a BTreeMap<String, ItemNote>,
    query: &str,
) -> Vec<(&'a str, &'a ItemNote)> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    notes
        .iter()
        .filter(|(_, n)| {
            n.note.to_lowercase().contains(&q)
                || n.tags.iter().any(|t| t.to_lowercase().contains(&q))
        })
        .map(|(k, n)| (k.as_str(), n))
        .collect()
}

/// Parses a comma-separated tag list ("Kabul, talks ,") into tags, blanks dropped.
pub fn parse_tags(text: &str) -> BTreeSet<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_found_by_text_and_tag_and_filtered_by_tag() {
        let mut notes = BTreeMap::new();
        let quote = ItemKey::Quote("a1", Span::new(3, 9));
        notes.insert(
            quote.stored(),
            ItemNote {
                note: "Check the translation".to_owned(),
                tags: parse_tags("Kabul, talks ,"),
            },
        );
        notes.insert(
            ItemKey::Entity("PER:ali").stored(),
            ItemNote {
                note: String::new(),
                tags: parse_tags("kabul"),
            },
        );
        assert!(has_tag(&notes, quote, "KABUL"));
        assert!(!has_tag(&notes, ItemKey::Article("a1"), "kabul"));
        assert_eq!(search(&notes, "translation").len(), 1);
        assert_eq!(search(&notes, "kab").len(), 2);
        assert!(search(&notes, " ").is_empty());
        // The entity (first in key order) spelled it "kabul".
        assert_eq!(all_tags(&notes), ["kabul", "talks"]);
        let tip = note_of(&notes, quote).unwrap().tooltip();
        assert_eq!(tip, "tags: Kabul, talks\nCheck the translation");
    }
}
