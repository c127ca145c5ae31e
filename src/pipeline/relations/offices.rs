//! Office relations: `OfficeHeld` person → office (a title written with a name) and person →
//! the office's place, group or organisation (a modifier, "of X", or a country introduced by
//! "to"/"in" in the sentence); `Leads` for leading offices; `AliasOf` for an office named on
//! its own standing for its holder ("The COAS" → Bajwa).

use crate::model::{EntityId, EntityType, Relation, RelationType};
use crate::pipeline::lexicon::lexicon;
use crate::pipeline::util::FxMap;

use super::{Ctx, RelFn};

/// Head words (lowercase) of a leader's collective: "the Biden administration", "the Indian
/// government", "the Assad regime".
const GOVERNMENT_WORDS: [&str; 3] = ["administration", "government", "regime"];

/// Does the person of mention `h` hold an office of `lead_offices.txt` ("President Joe
/// Biden")?
fn holds_lead_office(ctx: &Ctx<'_>, h: usize) -> bool {
    let lex = lexicon();
    let lead = super::lexicon::triggers();
    ctx.links.iter().enumerate().any(|(k, l)| {
        l.holder == Some(h)
            && lead
                .lead_offices
                .contains(&lex.title_canonical(ctx.ann.mentions[k].span.text(ctx.text)))
    })
}

/// The country of a leader's office read from the article's administrations: the article
/// names the leader's own ("the Biden administration", by the surname) and exactly one
/// country's ("the new US administration", "the Indian government"), so the administration
/// is that country's collective actor and the leader's office is of that country.
fn administration_country<'l>(ctx: &Ctx<'_>, person: EntityId) -> Option<&'l str> {
    let lex = lexicon();
    let ann = ctx.ann;
    let text = ctx.text;
    let name = ann.entities.get(person.index())?.canonical_name.as_str();
    let surname = name.split_whitespace().last()?.to_lowercase();
    let mut own = false;
    let mut countries: Vec<&'l str> = Vec::new();
    let mut add = |c: &'l str| {
        if lex.countries.contains(c) && !countries.contains(&c) {
            countries.push(c);
        }
    };
    for m in &ann.mentions {
        let surface = m.span.text(text);
        // The name before the word: one mention "Biden administration", "US administration",
        // or a mention then the word ("the Indian government", "the Macron government").
        let core = match surface.rsplit_once(' ') {
            Some((prefix, last)) if GOVERNMENT_WORDS.contains(&last.to_lowercase().as_str()) => {
                prefix.trim()
            }
            _ => {
                let next = text
                    .get(m.span.end..)
                    .unwrap_or("")
                    .strip_prefix(' ')
                    .unwrap_or("")
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                if !GOVERNMENT_WORDS.contains(&next) {
                    continue;
                }
                surface
            }
        };
        if core
            .split_whitespace()
            .last()
            .is_some_and(|w| w.to_lowercase() == surname)
        {
            own = true;
            continue;
        }
        let (key, _) = crate::pipeline::lexicon::phrase_key(core);
        // A demonym stands for its country ("Indian" → India).
        if let Some(g) = lex.gaz(&key)
            && let Some(c) = g.country.as_deref().or(Some(g.canonical.as_str()))
        {
            add(c);
        }
    }
    (own && countries.len() == 1).then(|| countries[0])
}

/// Office relations of every title with its holder, and offices standing for their holder.
pub(super) fn office_relations(ctx: &Ctx<'_>, rels: &mut Vec<Relation>, rel: &RelFn<'_>) {
    let ann = ctx.ann;
    let text = ctx.text;
    let lex = lexicon();
    let lead = super::lexicon::triggers();
    // Country entities by canonical gazetteer name.
    let mut country: FxMap<String, (usize, EntityId)> = FxMap::default();
    for (i, m) in ann.mentions.iter().enumerate() {
        if m.entity_type == EntityType::Loc
            && let (Some(c), Some(e)) = (lex.gaz_canonical(m.span.text(text)), m.entity)
        {
            country.entry(c.to_owned()).or_insert((i, e));
        }
    }
    let place_entity = |p: usize| -> Option<(Option<usize>, EntityId)> {
        let m = &ann.mentions[p];
        if m.entity_type == EntityType::Norp {
            let surface = m.span.text(text);
            let (key, _) = crate::pipeline::lexicon::phrase_key(surface);
            if let Some(c) = lex.gaz(&key).and_then(|g| g.country.as_deref())
                && let Some(&(i, e)) = country.get(c)
            {
                return Some((Some(i), e));
            }
        }
        m.entity.map(|e| (Some(p), e))
    };
    let mut done_chain: Vec<usize> = Vec::new();
    for (i, link) in ctx.links.iter().enumerate() {
        let Some(h) = link.holder else { continue };
        let (Some(pe), Some(te)) = (ann.mentions[h].entity, ann.mentions[i].entity) else {
            continue;
        };
        let title = ann.mentions[i].span;
        let appositive = h < i;
        rels.push(rel(
            (Some(h), pe),
            (Some(i), te),
            RelationType::OfficeHeld,
            title,
            0.85,
            if appositive {
                "appositive-title"
            } else {
                "title-before-name"
            },
        ));
        if done_chain.contains(&h) {
            continue;
        }
        done_chain.push(h);
        if let Some(p) = link.modifier.or(link.place) {
            if let Some(place) = place_entity(p)
                && place.1 != pe
            {
                let rule = if link.modifier.is_some() {
                    "office-modifier"
                } else {
                    "office-of-place"
                };
                rels.push(rel(
                    (Some(h), pe),
                    place,
                    RelationType::OfficeHeld,
                    title,
                    0.8,
                    rule,
                ));
                // The whole chain: "Iraqi Prime Minister" → leads Iraq.
                let leads = ctx.links.iter().enumerate().any(|(k, l)| {
                    l.holder == Some(h)
                        && lead
                            .lead_offices
                            .contains(&lex.title_canonical(ann.mentions[k].span.text(text)))
                });
                if leads {
                    rels.push(rel(
                        (Some(h), pe),
                        place,
                        RelationType::Leads,
                        title,
                        0.7,
                        "leading-office",
                    ));
                }
            }
            continue;
        }
        // A country introduced by "to"/"in" in the sentence (outside quotes).
        let Some(si) = ann.sentence_at(title.start) else {
            continue;
        };
        let sent = ann.sentences[si].span;
        let chain_start = title.start.min(ann.mentions[h].span.start);
        let holder_end = ann.mentions[h].span.end.max(title.end);
        let in_quote = |pos: usize| ctx.quote_at(pos).is_some();
        // Countries only; "to X" only before the title ("… to Pakistan who called on COAS"),
        // "in X" on either side ("… during his hearing in the US senate").
        let introduced = |m: usize, before_title: bool| {
            let mention = &ann.mentions[m];
            if mention.entity_type != EntityType::Loc || in_quote(mention.span.start) {
                return false;
            }
            // Not across a line break (a headline the splitter glued to the first sentence).
            let (a, b) = if mention.span.start < title.start {
                (mention.span.end, title.start)
            } else {
                (title.end, mention.span.start)
            };
            if text.get(a..b).is_some_and(|g| g.contains('\n')) {
                return false;
            }
            // A place set off by a comma before the title is the scene of the sentence ("In
            // Kenya, Special Envoy Lopez will meet …"), not the country of the office.
            if before_title && text.get(a..b).is_some_and(|g| g.contains(',')) {
                return false;
            }
            if !lex
                .gaz_canonical(mention.span.text(text))
                .is_some_and(|c| lex.countries.contains(c))
            {
                return false;
            }
            let before = text[sent.start..mention.span.start].trim_end();
            let before = before.strip_suffix("the").map_or(before, str::trim_end);
            let last_word = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            match last_word.to_ascii_lowercase().as_str() {
                "in" => true,
                "to" => before_title,
                _ => false,
            }
        };
        let candidates = ann
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| sent.contains(m.span));
        let before = candidates
            .clone()
            .filter(|(_, m)| m.span.end <= chain_start)
            .map(|(k, _)| k)
            .rfind(|&k| introduced(k, true));
        let after = candidates
            .filter(|(_, m)| m.span.start >= holder_end && m.span.start <= holder_end + 70)
            .map(|(k, _)| k)
            .find(|&k| introduced(k, false));
        if let Some(place) = before.or(after).and_then(place_entity)
            && place.1 != pe
        {
            rels.push(rel(
                (Some(h), pe),
                place,
                RelationType::OfficeHeld,
                title,
                0.45,
                "office-country-context",
            ));
        } else if holds_lead_office(ctx, h)
            && let Some(c) = administration_country(ctx, pe)
            && let Some(&(ci, ce)) = country.get(c)
            && ce != pe
        {
            rels.push(rel(
                (Some(h), pe),
                (Some(ci), ce),
                RelationType::OfficeHeld,
                title,
                0.4,
                "office-administration",
            ));
        }
    }
    // Offices standing for their holder: "The COAS hoped …".
    for (i, m) in ann.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Title || ctx.links[i].holder.is_some() {
            continue;
        }
        let Some(pe) = m
            .entity
            .filter(|&e| ctx.entity_type(e) == EntityType::Person)
        else {
            continue;
        };
        let key = lex.title_canonical(m.span.text(text));
        let office = ann.mentions.iter().enumerate().find(|(j, x)| {
            x.entity_type == EntityType::Title
                && ctx.links[*j].holder.is_some()
                && x.entity
                    .is_some_and(|e| ctx.entity_type(e) == EntityType::Title)
                && lex.title_canonical(x.span.text(text)) == key
        });
        if let Some((j, x)) = office
            && let Some(te) = x.entity
        {
            rels.push(rel(
                (Some(j), te),
                (Some(i), pe),
                RelationType::AliasOf,
                m.span,
                0.7,
                "office-stands-for-holder",
            ));
        }
    }
}
