//! Relations read from the shape of the text rather than a trigger word: `LocatedIn` for
//! "Berlin, Germany" (a place, a comma and a country) and "Camp Hurriya in Iraq" (a place,
//! organisation or event, then "in"/"near"/"outside" and a place); `MemberOf` for a group or
//! organisation written right before a person ("Republican Ronald Reagan", "Leicestershire’s
//! Phil Simmons") and for "Otto Pérez Molina of the Patriotic Party".

use crate::model::{EntityType, Relation, RelationType};
use crate::pipeline::lexicon::lexicon;

use super::{Ctx, RelFn};

/// Nouns after which "of X in Y" still places X in Y ("the town of Tel Tamer in Hasaka").
const PLACE_NOUNS: [&str; 10] = [
    "town",
    "city",
    "province",
    "region",
    "village",
    "parts",
    "part",
    "areas",
    "district",
    "governorate",
];

/// Is mention `m` a country (by the gazetteer)?
fn is_country(ctx: &Ctx<'_>, m: usize) -> bool {
    let lex = lexicon();
    let mention = &ctx.ann.mentions[m];
    mention.entity_type == EntityType::Loc
        && lex
            .gaz_canonical(mention.span.text(ctx.text))
            .is_some_and(|c| lex.countries.contains(c))
}

/// Finds the structural relations.
pub(super) fn structural_relations(ctx: &Ctx<'_>, rels: &mut Vec<Relation>, rel: &RelFn<'_>) {
    let ann = ctx.ann;
    let text = ctx.text;
    affiliations(ctx, rels, rel);
    for i in 0..ann.mentions.len().saturating_sub(1) {
        let (a, b) = (&ann.mentions[i], &ann.mentions[i + 1]);
        let (Some(ha), Some(hb)) = (a.entity, b.entity) else {
            continue;
        };
        if ha == hb
            || b.entity_type != EntityType::Loc
            || !matches!(
                a.entity_type,
                EntityType::Loc | EntityType::Org | EntityType::Misc
            )
            || ctx.entity_type(ha) == EntityType::Person
            || is_country(ctx, i)
        {
            continue;
        }
        let Some(gap) = text.get(a.span.end..b.span.start) else {
            continue;
        };
        // "the Small Group of the Global Coalition … in Washington": the place belongs to
        // the phrase the head modifies.
        let before = text.get(..a.span.start).unwrap_or("").trim_end();
        let before = before.strip_suffix("the").unwrap_or(before).trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let place_noun = before.strip_suffix(|c: char| c.is_alphanumeric()).is_some() && {
            let head_word = before[..before.len() - word.len()]
                .trim_end()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            PLACE_NOUNS.contains(&head_word.as_str())
        };
        if word == "against" || (word == "of" && !place_noun) {
            continue;
        }
        let gap = gap.trim();
        let (rule, conf) = if gap == "," && is_country(ctx, i + 1) {
            // "Berlin, Germany" — but not a list "Iraq, Syria and Lebanon".
            let after = text.get(b.span.end..).unwrap_or("").trim_start();
            if a.entity_type != EntityType::Loc || after.starts_with("and ") {
                continue;
            }
            ("place-comma-country", 0.75)
        } else {
            let lower = gap.to_ascii_lowercase();
            let lower = lower.strip_suffix(" the").unwrap_or(&lower);
            if !matches!(lower, "in" | "near" | "outside" | "inside") {
                continue;
            }
            ("place-in-place", 0.6)
        };
        let trigger = if gap == "," {
            b.span
        } else {
            crate::model::Span::new(a.span.end, b.span.start)
        };
        let trimmed = trim_span(text, trigger);
        rels.push(rel(
            (Some(i), ha),
            (Some(i + 1), hb),
            RelationType::LocatedIn,
            trimmed,
            conf,
            rule,
        ));
    }
}

/// `span` without surrounding whitespace.
fn trim_span(text: &str, span: crate::model::Span) -> crate::model::Span {
    let s = span.text(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    crate::model::Span::new(start, end.max(start))
}

/// `MemberOf` person → group: "Republican Ronald Reagan", "Leicestershire’s Phil Simmons",
/// "Otto Pérez Molina of the Patriotic Party".
fn affiliations(ctx: &Ctx<'_>, rels: &mut Vec<Relation>, rel: &RelFn<'_>) {
    let ann = ctx.ann;
    let text = ctx.text;
    let group = |t: EntityType| matches!(t, EntityType::Org | EntityType::Norp);
    for i in 0..ann.mentions.len() {
        let p = &ann.mentions[i];
        if p.entity_type != EntityType::Person {
            continue;
        }
        let Some(pe) = p.entity else { continue };
        // A group right before the name: an organisation with "’s" ("NATO’s Jens
        // Stoltenberg"), or a known group or nationality word ("Republican Ronald Reagan") —
        // not any capitalised word the recogniser split off a name ("George W. Bush").
        if let Some(g) = i.checked_sub(1).map(|k| (k, &ann.mentions[k]))
            && group(g.1.entity_type)
            && let Some(ge) = g.1.entity
            && ge != pe
            && let Some(gap) = text.get(g.1.span.end..p.span.start)
            && !gap.contains('\n')
            && (matches!(gap.trim(), "’s" | "'s")
                || (gap.trim().is_empty() && known_group_word(g.1.span.text(text))))
        {
            let trigger = g.1.span;
            rels.push(rel(
                (Some(i), pe),
                (Some(g.0), ge),
                RelationType::MemberOf,
                trigger,
                0.6,
                "affiliation-modifier",
            ));
        }
        // "X of the Y" with Y an organisation or group.
        if let Some(g) = ann.mentions.get(i + 1)
            && group(g.entity_type)
            && let Some(ge) = g.entity
            && ge != pe
            && text
                .get(p.span.end..g.span.start)
                .is_some_and(|gap| matches!(gap.trim(), "of" | "of the"))
        {
            rels.push(rel(
                (Some(i), pe),
                (Some(i + 1), ge),
                RelationType::MemberOf,
                g.span,
                0.55,
                "person-of-group",
            ));
        }
    }
}

/// A singular group or nationality word of the gazetteer ("Republican", "Pakistani").
fn known_group_word(surface: &str) -> bool {
    let (key, _) = crate::pipeline::lexicon::phrase_key(surface);
    !surface.ends_with('s')
        && lexicon()
            .gaz(&key)
            .is_some_and(|g| g.entity_type == EntityType::Norp)
}
