//! The relation trigger lexicon (`assets/lexicon/relations.tsv`) and the leading offices
//! (`assets/lexicon/lead_offices.txt`), compiled in and parsed once.
//!
//! A trigger is a lowercase word sequence with a relation type and flags that say how its
//! head and tails are found (see the file's header and `docs/relations.md`).

use std::sync::LazyLock;

use crate::model::{EntityType, RelationType};

use super::super::util::{FxMap, FxSet};

const TRIGGERS: &str = include_str!("../../../assets/lexicon/relations.tsv");
const LEAD_OFFICES: &str = include_str!("../../../assets/lexicon/lead_offices.txt");

/// One trigger phrase.
#[derive(Clone, Debug)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags read from the lexicon file"
)]
pub(crate) struct Trigger {
    /// The lowercase words after the first one.
    pub rest: Vec<String>,
    /// The relation it expresses.
    pub relation_type: RelationType,
    /// The first word must be tagged as a verb.
    pub verb: bool,
    /// Only after a modal or "to" ("will restore").
    pub modal_only: bool,
    /// "called on X to …" becomes this type.
    pub to_type: Option<RelationType>,
    /// Symmetric: coordinated subjects are linked ("X and Y cooperate").
    pub symmetric: bool,
    /// Also take the actor after "for"/"to" as a tail.
    pub recipient: bool,
    /// Allowed tail types (`None`: any actor).
    pub tail_types: Option<Vec<EntityType>>,
    /// Words allowed between the trigger and its tail.
    pub gap: usize,
    /// The head must stand within four words before the trigger.
    pub near: bool,
    /// Only when "that" follows the trigger; the tail is the subject of that clause ("hoped
    /// that X will …", "said that X should …").
    pub that: bool,
    /// The tail search passes "in"/"of" ("partner in the peace process in X").
    pub through: bool,
}

impl Trigger {
    /// Does this trigger accept a tail of type `t`?
    pub fn accepts(&self, t: EntityType) -> bool {
        self.tail_types.as_ref().is_none_or(|v| v.contains(&t))
    }
}

/// The parsed trigger lexicon.
pub(crate) struct TriggerLexicon {
    /// First word → triggers starting with it, longest first.
    by_first: FxMap<String, Vec<Trigger>>,
    /// Canonical offices whose holder leads the office's organisation or country.
    pub lead_offices: FxSet<String>,
}

impl TriggerLexicon {
    /// Triggers whose first word is `lower`, longest first.
    pub fn starting_with(&self, lower: &str) -> &[Trigger] {
        self.by_first.get(lower).map_or(&[], Vec::as_slice)
    }
}

fn parse_type(s: &str) -> Option<RelationType> {
    RelationType::from_label(s.trim())
}

fn parse(triggers: &str, lead: &str) -> TriggerLexicon {
    let mut by_first: FxMap<String, Vec<Trigger>> = FxMap::default();
    for line in triggers.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(phrase), Some(ty)) = (cols.next(), cols.next()) else {
            continue;
        };
        let Some(relation_type) = parse_type(ty) else {
            continue;
        };
        let mut words = phrase.split_whitespace().map(str::to_lowercase);
        let Some(first) = words.next() else { continue };
        let mut t = Trigger {
            rest: words.collect(),
            relation_type,
            verb: false,
            modal_only: false,
            to_type: None,
            symmetric: false,
            recipient: false,
            tail_types: None,
            gap: 5,
            near: false,
            that: false,
            through: false,
        };
        for flag in cols.next().unwrap_or("").split(',').map(str::trim) {
            match flag.split_once('=') {
                Some(("to", ty)) => t.to_type = parse_type(ty),
                Some(("gap", n)) => t.gap = n.parse().unwrap_or(5),
                Some(("tail", list)) => {
                    t.tail_types =
                        Some(list.split('|').filter_map(EntityType::from_label).collect());
                }
                _ => match flag {
                    "verb" => t.verb = true,
                    "modal-only" => t.modal_only = true,
                    "sym" => t.symmetric = true,
                    "recipient" => t.recipient = true,
                    "near" => t.near = true,
                    "that" => t.that = true,
                    "through" => t.through = true,
                    _ => {}
                },
            }
        }
        by_first.entry(first).or_default().push(t);
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|t| std::cmp::Reverse(t.rest.len()));
    }
    let lead_offices = lead
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    TriggerLexicon {
        by_first,
        lead_offices,
    }
}

static LEXICON: LazyLock<TriggerLexicon> = LazyLock::new(|| parse(TRIGGERS, LEAD_OFFICES));

/// The trigger lexicon, parsed on first use.
pub(crate) fn triggers() -> &'static TriggerLexicon {
    &LEXICON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_parses() {
        let lex = triggers();
        let lines = TRIGGERS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        let parsed: usize = lex.by_first.values().map(Vec::len).sum();
        assert_eq!(lines, parsed, "a trigger line has an unknown type");
        let called = lex.starting_with("called");
        assert_eq!(called[0].rest, ["on"]);
        assert_eq!(called[0].to_type, Some(RelationType::Urged));
        assert!(lex.lead_offices.contains("president"));
        let met = &lex
            .starting_with("met")
            .last()
            .map(|t| t.accepts(EntityType::Loc));
        assert_eq!(*met, Some(false));
        let hoped = lex.starting_with("hoped");
        assert!(hoped[0].that && hoped[0].relation_type == RelationType::Hoped);
        let said = lex.starting_with("said");
        assert_eq!(said[0].rest, ["to"], "the longest first");
        assert!(
            said.iter()
                .any(|t| t.that && t.relation_type == RelationType::SaidOf)
        );
        let partner = lex.starting_with("partner");
        assert!(
            partner
                .iter()
                .any(|t| t.through && t.relation_type == RelationType::PartnerIn)
        );
    }
}
