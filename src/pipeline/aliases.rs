//! The `aliases` stage: in-article resolution. Clusters mentions into entities and fills
//! `Annotations::entities` (ids in order of first mention) and each mention's `entity`.
//!
//! - People: a name joins the unique longer name containing all its words ("Qureshi",
//!   "Shah Mehmood Qureshi"); titles are never part of person mentions.
//! - Offices: a title written next to a name ("General Qamar Javed Bajwa", "Knox Thames, the
//!   Special Advisor") is *attached* to that person; a title used on its own later ("The
//!   COAS hoped", "the newly nominated defence secretary said") refers to the person holding
//!   the same office in the article and joins that person's entity. Other titles cluster by
//!   office ("defence secretary" and "Secretary of Defence" are one office).
//! - Places, organisations and groups: one entity per gazetteer entry (US, U.S., United
//!   States, America) or per normalised surface form; acronym ↔ expansion pairs from the
//!   `acronyms` stage stay together.
//!
//! The canonical name is the longest proper name of the cluster.

use crate::model::{Annotations, Document, Entity, EntityId, EntityType, MentionId, Provenance};

use super::Stage;
use super::lexicon::lexicon;
use super::util::{FxMap, push_key_token, sort_mentions};

/// Builds the entities.
pub struct Aliases;

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

/// Nouns of descriptions that stand for a person named earlier ("the visiting dignitary",
/// "the envoy"); offices ("the defence secretary") are TITLE mentions of the `titles` stage.
const DESCRIPTION_NOUNS: [&str; 7] = [
    "dignitary",
    "visitor",
    "guest",
    "envoy",
    "diplomat",
    "official",
    "leader",
];

/// Words of a description that make its referent the visitor of the last meeting.
const VISITING: [&str; 3] = ["visiting", "visitor", "guest"];

/// Pronouns and descriptions resolved to an entity named before them, as mentions of type
/// [`EntityType::Other`] with provenance stage `"aliases"` and a lower confidence (rule
/// `pronoun` or `description`):
/// - "he", "him", "his", "she", "her" → the last PERSON entity mentioned in this or the two
///   sentences before (outside direct quotes, where "he" may be anyone);
/// - "its", and "it" before an action verb → the last organisation or place in this or the
///   previous sentence ("it is important" is not resolved);
/// - "the [visiting] dignitary/visitor/guest/envoy/diplomat/official/leader" → with
///   "visiting"/"visitor"/"guest", the head of the last `Met` relation in `visits` before it
///   (who called on whom), else the last PERSON entity.
///
/// `quotes` are the direct quotes' content spans; `visits` the (byte position, visitor) of
/// meetings. Mentions are returned in text order; none overlaps an existing mention.
#[allow(
    clippy::many_single_char_names,
    reason = "token and mention indices (i, j, m) read best short"
)]
pub(crate) fn reference_mentions(
    text: &str,
    ann: &Annotations,
    quotes: &[crate::model::Span],
    visits: &[(usize, EntityId)],
) -> Vec<crate::model::Mention> {
    use crate::model::{Mention, Span};
    let mut out = Vec::new();
    let tokens = &ann.tokens;
    let mut m = 0;
    let gender = genders(text, ann);
    let last_of = |pos: usize, back_sentences: usize, ok: &dyn Fn(EntityId, EntityType) -> bool| {
        let si = ann.sentence_at(pos)?;
        let floor = ann.sentences[si.saturating_sub(back_sentences)].span.start;
        let i = ann.mentions.partition_point(|x| x.span.start < pos);
        ann.mentions[..i]
            .iter()
            .rev()
            .take_while(|x| x.span.start >= floor)
            .find_map(|x| {
                let e = x.entity?;
                ok(e, ann.entities.get(e.index())?.entity_type).then_some(e)
            })
    };
    let mut i = 0;
    while i < tokens.len() {
        let span = tokens[i].span;
        while m < ann.mentions.len() && ann.mentions[m].span.end <= span.start {
            m += 1;
        }
        if ann.mentions.get(m).is_some_and(|x| x.span.overlaps(span)) {
            i += 1;
            continue;
        }
        let word = span.text(text);
        // Only pronouns and "the" open a reference: skip other words before any work.
        if word.len() > 3 {
            i += 1;
            continue;
        }
        let lower = word.to_ascii_lowercase();
        if !matches!(
            lower.as_str(),
            "he" | "him" | "his" | "she" | "her" | "its" | "it" | "the"
        ) {
            i += 1;
            continue;
        }
        let in_quote = quotes
            .iter()
            .any(|q| q.start <= span.start && span.end <= q.end);
        let next = tokens.get(i + 1).map_or("", |t| t.span.text(text));
        let next_pos = tokens
            .get(i + 1)
            .and_then(|t| t.pos.as_deref())
            .unwrap_or("");
        let mut found: Option<(Span, EntityId, &str)> = None;
        match lower.as_str() {
            "he" | "him" | "his" | "she" | "her" if !in_quote => {
                // Gender when the article tells it ("Mr.", "Ms.", "Queen").
                let male = matches!(lower.as_str(), "he" | "him" | "his");
                let person = |e: EntityId, t: EntityType| {
                    t == EntityType::Person
                        && gender
                            .get(e.index())
                            .copied()
                            .flatten()
                            .is_none_or(|g| g == male)
                };
                // A person known to fit first, then anyone not known not to.
                let known = |e: EntityId, t: EntityType| {
                    t == EntityType::Person
                        && gender.get(e.index()).copied().flatten() == Some(male)
                };
                if let Some(e) =
                    last_of(span.start, 2, &known).or_else(|| last_of(span.start, 2, &person))
                {
                    found = Some((span, e, "pronoun"));
                }
            }
            "its" | "it" if !in_quote => {
                let pleonastic = lower == "it"
                    && (!next_pos.starts_with("VB")
                        || matches!(
                            next.to_lowercase().as_str(),
                            "is" | "was" | "seems" | "appears" | "has" | "had" | "'s" | "’s"
                        ));
                let org =
                    |_: EntityId, t: EntityType| matches!(t, EntityType::Org | EntityType::Loc);
                // The clause subject first ("The U.S. reaffirms its commitment … and remains
                // steadfast in its commitment"), else the last organisation or place.
                let subject = (lower == "its")
                    .then(|| sentence_subject(text, ann, span.start))
                    .flatten()
                    .filter(|&e| {
                        ann.entities
                            .get(e.index())
                            .is_some_and(|x| org(e, x.entity_type))
                    });
                if !pleonastic && let Some(e) = subject.or_else(|| last_of(span.start, 1, &org)) {
                    found = Some((span, e, "pronoun"));
                }
            }
            "the" => {
                // "the [adjective] noun".
                let mut j = i + 1;
                let mut visiting = false;
                while j < tokens.len() && j <= i + 3 {
                    let w = tokens[j].span.text(text);
                    let lw = w.to_lowercase();
                    if !w.chars().next().is_some_and(char::is_lowercase) {
                        break;
                    }
                    visiting |= VISITING.contains(&lw.as_str());
                    if DESCRIPTION_NOUNS.contains(&lw.as_str()) {
                        let d = tokens[i + 1].span.cover(tokens[j].span);
                        let free = !ann.mentions.iter().any(|x| x.span.overlaps(d));
                        let referent = if visiting {
                            visits
                                .iter()
                                .rev()
                                .find(|(p, _)| *p < d.start)
                                .map(|(_, e)| *e)
                        } else {
                            last_of(d.start, 2, &|_, t| t == EntityType::Person)
                        };
                        if free && let Some(e) = referent {
                            found = Some((d, e, "description"));
                        }
                        break;
                    }
                    if !tokens[j].pos.as_deref().is_some_and(|p| {
                        p.starts_with("JJ") || p == "VBG" || p == "VBN" || p == "RB"
                    }) {
                        break;
                    }
                    j += 1;
                }
            }
            _ => {}
        }
        if let Some((span, e, rule)) = found {
            out.push(Mention {
                span,
                entity_type: EntityType::Other,
                entity: Some(e),
                provenance: Provenance::new("aliases", 0.5, rule),
            });
            i = tokens.partition_point(|t| t.span.start < span.end);
            continue;
        }
        i += 1;
    }
    out
}

/// Words before a name that tell a person's gender.
const MALE_WORDS: [&str; 6] = ["mr", "sir", "king", "prince", "lord", "brother"];
const FEMALE_WORDS: [&str; 9] = [
    "mrs", "ms", "miss", "madam", "queen", "princess", "lady", "dame", "sister",
];

/// For each entity, `Some(true)` when a mention of it follows a male word ("Mr. Kerry"),
/// `Some(false)` for a female word ("Ms. Nuland"), `None` when the article does not say or
/// says both.
fn genders(text: &str, ann: &Annotations) -> Vec<Option<bool>> {
    let mut seen = vec![(false, false); ann.entities.len()];
    for m in &ann.mentions {
        let Some(e) = m.entity.filter(|e| e.index() < seen.len()) else {
            continue;
        };
        let before = text.get(..m.span.start).unwrap_or("").trim_end();
        let word = before
            .trim_end_matches('.')
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if MALE_WORDS.contains(&word.as_str()) {
            seen[e.index()].0 = true;
        } else if FEMALE_WORDS.contains(&word.as_str()) {
            seen[e.index()].1 = true;
        }
    }
    seen.into_iter()
        .map(|(m, f)| match (m, f) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        })
        .collect()
}

/// The entity of the first mention of the sentence around `pos` (before `pos`) that no
/// preposition or possessive governs: the clause subject, when the sentence opens with it.
fn sentence_subject(text: &str, ann: &Annotations, pos: usize) -> Option<EntityId> {
    let si = ann.sentence_at(pos)?;
    let start = ann.sentences[si].span.start;
    let first = ann.mentions.partition_point(|x| x.span.start < start);
    let x = ann.mentions.get(first).filter(|x| x.span.end <= pos)?;
    // Only the sentence's opening words may stand before it ("The", "Today, the").
    let before = text.get(start..x.span.start)?.trim().to_ascii_lowercase();
    let opening = before.is_empty() || before == "the";
    let after = text.get(x.span.end..)?;
    let possessive = after.starts_with("’s") || after.starts_with("'s");
    (opening && !possessive).then_some(x.entity?)
}

/// Adds `refs` (from [`reference_mentions`]) to the document: each joins its entity, the
/// mentions are re-sorted and every mention id is rewritten.
pub(crate) fn add_reference_mentions(ann: &mut Annotations, refs: Vec<crate::model::Mention>) {
    if refs.is_empty() {
        return;
    }
    for r in refs {
        let id = MentionId::from_index(ann.mentions.len());
        if let Some(e) = r.entity.and_then(|e| ann.entities.get_mut(e.index())) {
            e.mentions.push(id);
        }
        ann.mentions.push(r);
    }
    sort_mentions(ann);
}

fn same_entity(ann: &Annotations, a: usize, b: usize) -> bool {
    matches!((ann.mentions[a].entity, ann.mentions[b].entity), (Some(x), Some(y)) if x == y)
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The earlier mention stays the root.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

fn words_lower(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The clustering key of a non-person, non-title mention.
fn name_key(surface: &str, ty: EntityType) -> String {
    let lex = lexicon();
    if let Some(c) = lex.gaz_canonical(surface) {
        return format!("{}:{}", ty.label(), c.to_lowercase());
    }
    let mut key = String::new();
    for w in surface.split_whitespace() {
        push_key_token(w, &mut key);
    }
    let key = key.strip_prefix("the ").unwrap_or(&key).replace('.', "");
    format!("{}:{key}", ty.label())
}

impl Stage for Aliases {
    fn name(&self) -> &'static str {
        "aliases"
    }

    fn reads(&self) -> &'static [super::Layer] {
        &[
            super::Layer::Sentences,
            super::Layer::Tokens,
            super::Layer::Pos,
            super::Layer::Mentions,
            super::Layer::Titles,
            super::Layer::Acronyms,
        ]
    }

    fn writes(&self) -> &'static [super::Layer] {
        &[super::Layer::Entities]
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &mut doc.annotations;
        sort_mentions(ann);
        let n = ann.mentions.len();
        let links = title_links(text, ann);
        let standalone = standalone_holders(text, ann, &links);
        let mut dsu = Dsu((0..n).collect());
        // Pairs from earlier stages (acronyms), except titles that stand for a person.
        for e in &ann.entities {
            let members: Vec<usize> = e
                .mentions
                .iter()
                .map(|m| m.index())
                .filter(|&i| i < n && standalone[i].is_none())
                .collect();
            for w in members.windows(2) {
                dsu.union(w[0], w[1]);
            }
        }
        for (i, h) in standalone.iter().enumerate() {
            if let Some(h) = *h {
                dsu.union(i, h);
            }
        }
        // People: longest names first.
        let mut persons: Vec<(usize, Vec<String>)> = ann
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.entity_type == EntityType::Person)
            .map(|(i, m)| (i, words_lower(m.span.text(text))))
            .collect();
        persons.sort_by_key(|(i, w)| (std::cmp::Reverse(w.len()), *i));
        let mut clusters: Vec<(usize, Vec<String>)> = Vec::new();
        for (i, words) in persons {
            let fits: Vec<usize> = clusters
                .iter()
                .enumerate()
                .filter(|(_, (_, cw))| !words.is_empty() && words.iter().all(|w| cw.contains(w)))
                .map(|(k, _)| k)
                .collect();
            if let [k] = fits[..] {
                dsu.union(clusters[k].0, i);
            } else {
                clusters.push((i, words));
            }
        }
        // Everything else by key.
        let lex = lexicon();
        let mut by_key: FxMap<String, usize> = FxMap::default();
        for (i, m) in ann.mentions.iter().enumerate() {
            if m.entity_type == EntityType::Person || standalone[i].is_some() {
                continue;
            }
            let surface = m.span.text(text);
            let key = if m.entity_type == EntityType::Title {
                format!("TITLE:{}", lex.title_canonical(surface))
            } else {
                name_key(surface, m.entity_type)
            };
            match by_key.get(&key) {
                Some(&first) => dsu.union(first, i),
                None => {
                    by_key.insert(key, i);
                }
            }
        }
        // Demonyms used as adjectives join their country when it is named ("Pakistani" →
        // Pakistan); plural forms name people ("the Syrians") and stay apart.
        for (i, m) in ann.mentions.iter().enumerate() {
            if m.entity_type != EntityType::Norp {
                continue;
            }
            let surface = m.span.text(text);
            if surface.ends_with('s') {
                continue;
            }
            let (key, _) = super::lexicon::phrase_key(surface);
            let Some(country) = lex.gaz(&key).and_then(|g| g.country.as_deref()) else {
                continue;
            };
            let country_key = format!("{}:{}", EntityType::Loc.label(), country.to_lowercase());
            if let Some(&c) = by_key.get(&country_key) {
                dsu.union(c, i);
            }
        }
        // Build entities in order of first mention.
        let mut root_entity: FxMap<usize, usize> = FxMap::default();
        let mut entities: Vec<Entity> = Vec::new();
        for i in 0..n {
            let root = dsu.find(i);
            let e = *root_entity.entry(root).or_insert_with(|| {
                entities.push(Entity {
                    canonical_name: String::new(),
                    entity_type: EntityType::Other,
                    mentions: Vec::new(),
                    aliases: Vec::new(),
                    provenance: Provenance::new("aliases", 0.8, "in-article-resolution"),
                });
                entities.len() - 1
            });
            entities[e].mentions.push(MentionId::from_index(i));
            ann.mentions[i].entity = Some(EntityId::from_index(e));
        }
        for e in &mut entities {
            let types: Vec<EntityType> = e
                .mentions
                .iter()
                .map(|m| ann.mentions[m.index()].entity_type)
                .collect();
            let ty = if types.contains(&EntityType::Person) {
                EntityType::Person
            } else if types.contains(&EntityType::Loc) && types.contains(&EntityType::Norp) {
                // A country with its demonyms.
                EntityType::Loc
            } else {
                let mut counts: Vec<(usize, EntityType)> = EntityType::ALL
                    .iter()
                    .filter(|t| **t != EntityType::Title)
                    .map(|t| (types.iter().filter(|x| *x == t).count(), *t))
                    .filter(|(c, _)| *c > 0)
                    .collect();
                counts.sort_by_key(|(c, t)| (std::cmp::Reverse(*c), *t));
                counts.first().map_or(EntityType::Title, |(_, t)| *t)
            };
            e.entity_type = ty;
            let mut surfaces: Vec<&str> = Vec::new();
            for m in &e.mentions {
                let s = ann.mentions[m.index()].span.text(text);
                if !surfaces.contains(&s) {
                    surfaces.push(s);
                }
            }
            let canonical = e
                .mentions
                .iter()
                .map(|m| &ann.mentions[m.index()])
                .filter(|m| m.entity_type == ty || ty == EntityType::Title)
                .map(|m| m.span.text(text))
                .max_by_key(|s| {
                    (
                        s.chars().count(),
                        !super::util::is_all_caps(s),
                        std::cmp::Reverse(*s),
                    )
                })
                .unwrap_or_default();
            // A person named only in capitals ("MR KIRBY:" in a transcript) is "Kirby".
            e.canonical_name = if ty == EntityType::Person && super::util::is_all_caps(canonical) {
                title_case(canonical)
            } else {
                canonical.to_owned()
            };
            e.aliases = surfaces
                .into_iter()
                .filter(|s| *s != e.canonical_name)
                .map(str::to_owned)
                .collect();
            if e.mentions.len() == 1 {
                e.provenance.rule = "single-mention".into();
            }
        }
        ann.entities = entities;
        // Relations and quotes read from mentions follow their mentions.
        let entity_of = |id: Option<MentionId>| {
            id.and_then(|m| ann.mentions.get(m.index()))
                .and_then(|m| m.entity)
        };
        let mut relations = std::mem::take(&mut ann.relations);
        relations.retain_mut(
            |r| match (entity_of(r.head_mention), entity_of(r.tail_mention)) {
                (Some(h), Some(t)) => {
                    r.head = h;
                    r.tail = t;
                    true
                }
                _ => false,
            },
        );
        for q in &mut ann.quotes {
            if q.speaker_mention.is_some() {
                q.speaker_entity = entity_of(q.speaker_mention);
            }
        }
        ann.relations = relations;
    }
}

/// "KIRBY" → "Kirby", "AL-JUBEIR" → "Al-Jubeir": every letter after a letter in lower case.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut after_letter = false;
    for c in s.chars() {
        if after_letter {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        after_letter = c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{
        acronyms::Acronyms, entities::Entities, sentences::Sentences, titles::Titles,
        tokens::Tokens,
    };

    fn run(text: &str) -> Document {
        let mut doc = Document::new("t", text);
        for stage in [
            &Sentences as &dyn Stage,
            &Tokens,
            &Entities,
            &Titles,
            &Acronyms,
            &Aliases,
        ] {
            stage.run(&mut doc);
        }
        doc
    }

    fn entity_of<'d>(doc: &'d Document, surface: &str, nth: usize) -> &'d Entity {
        let m = doc
            .annotations
            .mentions
            .iter()
            .filter(|m| m.span.text(&doc.text) == surface)
            .nth(nth)
            .unwrap_or_else(|| panic!("no mention {surface:?}"));
        &doc.annotations.entities[m.entity.expect("resolved").index()]
    }

    #[test]
    fn a_person_named_only_in_capitals_gets_a_readable_name() {
        let doc = run("Briefing\n\nQUESTION: Any agreements?\n\nMR KIRBY: Thanks, everybody.");
        let kirby = entity_of(&doc, "KIRBY", 0);
        assert_eq!(kirby.canonical_name, "Kirby");
        assert_eq!(kirby.aliases, ["KIRBY"]);
        assert_eq!(title_case("AL-JUBEIR"), "Al-Jubeir");
    }

    #[test]
    fn surnames_titles_and_countries_resolve() {
        let doc = run(
            "Chief of Army Staff (COAS) General Qamar Javed Bajwa met Shah Mehmood Qureshi in the US. \
             The COAS hoped for peace. Qureshi said the United States agreed. Bajwa left America.",
        );
        let bajwa = entity_of(&doc, "Qamar Javed Bajwa", 0);
        assert_eq!(bajwa.canonical_name, "Qamar Javed Bajwa");
        assert_eq!(bajwa.entity_type, EntityType::Person);
        assert_eq!(entity_of(&doc, "Bajwa", 0), bajwa);
        assert_eq!(
            entity_of(&doc, "COAS", 1),
            bajwa,
            "the standalone COAS is Bajwa"
        );
        assert_eq!(
            entity_of(&doc, "COAS", 0).canonical_name,
            "Chief of Army Staff"
        );
        assert_eq!(
            entity_of(&doc, "Qureshi", 0).canonical_name,
            "Shah Mehmood Qureshi"
        );
        let us = entity_of(&doc, "US", 0);
        assert_eq!(us.canonical_name, "United States");
        assert_eq!(entity_of(&doc, "America", 0), us);
        // Ids follow first mentions.
        let firsts: Vec<usize> = doc
            .annotations
            .entities
            .iter()
            .map(|e| e.mentions[0].index())
            .collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn ambiguous_surnames_stay_apart() {
        let doc = run("John Smith met Mary Smith. Smith left.");
        let ann = &doc.annotations;
        let smith = entity_of(&doc, "Smith", 0);
        assert_eq!(smith.mentions.len(), 1);
        assert_ne!(
            entity_of(&doc, "John Smith", 0),
            entity_of(&doc, "Mary Smith", 0)
        );
        assert!(ann.mentions.iter().all(|m| m.entity.is_some()));
    }
}
