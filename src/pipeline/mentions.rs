//! Mention helpers shared by the stages that read the `mentions` layer (aliases, quotes,
//! relations): which mention covers each token, and how office (TITLE) mentions link to the
//! names around them. Stages read these from the annotation layers; none calls another
//! stage's internals.

use crate::model::{Annotations, EntityType};

use super::lexicon::lexicon;

/// For each token, the mention covering it.
pub(crate) fn token_mentions(ann: &Annotations) -> Vec<Option<usize>> {
    let mut out = vec![None; ann.tokens.len()];
    let mut m = 0;
    for (i, t) in ann.tokens.iter().enumerate() {
        while m < ann.mentions.len() && ann.mentions[m].span.end <= t.span.start {
            m += 1;
        }
        if let Some(x) = ann.mentions.get(m)
            && x.span.overlaps(t.span)
        {
            out[i] = Some(m);
        }
    }
    out
}

/// How a TITLE mention relates to the names around it.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TitleLink {
    /// The PERSON mention the title is written with.
    pub holder: Option<usize>,
    /// A place, group or organisation right before the title chain ("Pakistani", "US").
    pub modifier: Option<usize>,
    /// A place, group or organisation right after the title chain with "of"/"for"
    /// ("Special Presidential Envoy for the Global Coalition", "the Prime Minister of Iraq").
    pub place: Option<usize>,
}

/// The mention after `end` introduced by "of"/"for" (and "the"), if it is a place, group or
/// organisation.
fn place_after(text: &str, m: &[crate::model::Mention], end: usize, next: usize) -> Option<usize> {
    let x = m.get(next)?;
    if !matches!(
        x.entity_type,
        EntityType::Loc | EntityType::Norp | EntityType::Org
    ) {
        return None;
    }
    let gap = text.get(end..x.span.start)?.trim().to_ascii_lowercase();
    matches!(gap.as_str(), "of" | "of the" | "for" | "for the").then_some(next)
}

fn gap_is(text: &str, a: usize, b: usize, allowed: impl Fn(char) -> bool) -> bool {
    a <= b && text.get(a..b).is_some_and(|g| g.chars().all(allowed))
}

/// For every mention, how it links to a title holder (only TITLE mentions get links).
#[allow(
    clippy::many_single_char_names,
    reason = "token indices (s, e, i, j, k) read best short"
)]
pub(crate) fn title_links(text: &str, ann: &Annotations) -> Vec<TitleLink> {
    let m = &ann.mentions;
    let n = m.len();
    let mut links = vec![TitleLink::default(); n];
    let mut i = 0;
    while i < n {
        if m[i].entity_type != EntityType::Title {
            i += 1;
            continue;
        }
        // The chain of titles starting here.
        let mut j = i;
        while j + 1 < n
            && m[j + 1].entity_type == EntityType::Title
            && gap_is(text, m[j].span.end, m[j + 1].span.start, |c| {
                c.is_whitespace() || c == '(' || c == ')'
            })
        {
            j += 1;
        }
        let place = place_after(text, m, m[j].span.end, j + 1);
        // "Special Presidential Envoy for the Global Coalition … Brett McGurk".
        let name_at = place.map_or(j + 1, |p| p + 1);
        let name_gap_from = place.map_or(m[j].span.end, |p| m[p].span.end);
        let holder = (name_at < n
            && m[name_at].entity_type == EntityType::Person
            && gap_is(text, name_gap_from, m[name_at].span.start, |c| {
                c.is_whitespace() || c == '(' || c == ')' || c == ','
            }))
        .then_some(name_at)
        .or_else(|| {
            // Appositive: "Knox Thames, the Special Advisor".
            let p = i.checked_sub(1)?;
            let gap = text
                .get(m[p].span.end..m[i].span.start)?
                .trim()
                .to_ascii_lowercase();
            (m[p].entity_type == EntityType::Person && (gap == "," || gap == ", the")).then_some(p)
        });
        let modifier = i.checked_sub(1).filter(|&p| {
            matches!(
                m[p].entity_type,
                EntityType::Loc | EntityType::Norp | EntityType::Org
            ) && text
                .get(m[p].span.end..m[i].span.start)
                .is_some_and(|g| !g.contains('\n') && matches!(g.trim(), "" | "’s" | "'s"))
        });
        for link in &mut links[i..=j] {
            link.holder = holder;
            link.modifier = modifier;
            link.place = place;
        }
        i = j + 1;
    }
    links
}

/// For each standalone TITLE mention, the PERSON mention holding that office in the article.
pub(crate) fn standalone_holders(
    text: &str,
    ann: &Annotations,
    links: &[TitleLink],
) -> Vec<Option<usize>> {
    let lex = lexicon();
    let m = &ann.mentions;
    let keys: Vec<Option<String>> = m
        .iter()
        .map(|x| {
            (x.entity_type == EntityType::Title).then(|| lex.title_canonical(x.span.text(text)))
        })
        .collect();
    let mut out = vec![None; m.len()];
    for i in 0..m.len() {
        let Some(key) = &keys[i] else { continue };
        if links[i].holder.is_some() {
            continue;
        }
        let holders = (0..m.len()).filter_map(|j| {
            let h = links[j].holder?;
            (keys[j].as_ref() == Some(key) || same_entity(ann, i, j)).then_some(h)
        });
        let mut before = None;
        let mut after = None;
        for h in holders {
            if h < i {
                before = Some(h);
            } else if after.is_none() {
                after = Some(h);
            }
        }
        out[i] = before.or(after);
    }
    out
}

/// True when mentions `a` and `b` belong to the same entity.
fn same_entity(ann: &Annotations, a: usize, b: usize) -> bool {
    matches!((ann.mentions[a].entity, ann.mentions[b].entity), (Some(x), Some(y)) if x == y)
}
