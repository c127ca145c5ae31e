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

use crate::model::{Document, Entity, EntityId, EntityType, MentionId, Provenance};

use super::Stage;
use super::lexicon::lexicon;
use super::mentions::{standalone_holders, title_links};
use super::util::{FxMap, sort_mentions};
use crate::names::{article_key, plain_words};

/// Builds the entities.
pub struct Aliases;

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

/// The clustering key of a non-person, non-title mention.
fn name_key(surface: &str, ty: EntityType) -> String {
    let lex = lexicon();
    if let Some(c) = lex.gaz_canonical(surface) {
        return format!("{}:{}", ty.label(), c.to_lowercase());
    }
    format!("{}:{}", ty.label(), article_key(surface))
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
            .map(|(i, m)| (i, plain_words(m.span.text(text))))
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
        // Another name the article gives: "X, also known as Y", "X (formerly Y)".
        // A name the recogniser took for a person, given as another name of a group (or
        // the other way round), counts as that group's type in the entity.
        let mut retyped: FxMap<usize, EntityType> = FxMap::default();
        for (x, y) in alias_statements(text, &ann.mentions) {
            let (tx, ty) = (ann.mentions[x].entity_type, ann.mentions[y].entity_type);
            if tx == EntityType::Person && ty != EntityType::Person {
                retyped.insert(x, ty);
            } else if ty == EntityType::Person && tx != EntityType::Person {
                retyped.insert(y, tx);
            }
            dsu.union(x, y);
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
        let type_of = |i: usize| {
            retyped
                .get(&i)
                .copied()
                .unwrap_or(ann.mentions[i].entity_type)
        };
        for e in &mut entities {
            let types: Vec<EntityType> = e.mentions.iter().map(|m| type_of(m.index())).collect();
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
                .filter(|m| type_of(m.index()) == ty || ty == EntityType::Title)
                .map(|m| ann.mentions[m.index()].span.text(text))
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

/// Cues after a comma (or, the first three, after a space) that give another name of the
/// mention before: "Hayat Tahrir al-Sham, also known as the Nusra Front".
const ALIAS_CUES: [&str; 12] = [
    "also known as",
    "formerly known as",
    "a.k.a.",
    "aka",
    "previously known as",
    "otherwise known as",
    "better known as",
    "now known as",
    "known as",
    "also called",
    "formerly called",
    "hereafter",
];

/// Cues that give another name only inside parentheses: "Myanmar (formerly Burma)",
/// "the Syrian Democratic Forces (hereinafter SDF)".
const PAREN_ALIAS_CUES: [&str; 4] = ["formerly", "previously", "hereinafter", "hereafter called"];

/// True when `gap`, the text between two names, and `after`, the text after the second,
/// state that the second is another name of the first.
fn is_alias_statement(gap: &str, after: &str) -> bool {
    if gap.len() > 40 || gap.contains('\n') {
        return false;
    }
    let cleaned: String = gap
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '‘' | '’' | '\''))
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut cue = words.join(" ");
    if let Some(rest) = cue.strip_suffix(" the") {
        cue = rest.to_owned();
    }
    if let Some(rest) = cue.strip_prefix('(') {
        let rest = rest.trim_start();
        let closes = after
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\''))
            .starts_with(')');
        closes && (ALIAS_CUES.contains(&rest) || PAREN_ALIAS_CUES.contains(&rest))
    } else if let Some(rest) = cue.strip_prefix(',') {
        ALIAS_CUES.contains(&rest.trim_start())
    } else {
        ALIAS_CUES[..3].contains(&cue.as_str())
    }
}

/// True when two mention types can name one actor: never titles or other mentions, a
/// person with a person or with a kind of group (the recogniser takes unfamiliar group
/// names, "Hayat Tahrir al-Sham", for people), otherwise the same type or two kinds of group
/// (organisation, group, other name), which the recogniser often tells apart wrongly.
fn may_alias(a: EntityType, b: EntityType) -> bool {
    use EntityType::{Misc, Norp, Org, Other, Person, Title};
    let group = |t| matches!(t, Org | Norp | Misc);
    if matches!(a, Title | Other) || matches!(b, Title | Other) {
        return false;
    }
    if a == Person || b == Person {
        return a == b || group(a) || group(b);
    }
    a == b || group(a) && group(b)
}

/// The pairs of mentions (indices into `mentions`, sorted by span) where the article states
/// that the second is another name of the first ([`is_alias_statement`]): the first mention
/// and the next one starting after it.
fn alias_statements(text: &str, mentions: &[crate::model::Mention]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, x) in mentions.iter().enumerate() {
        let Some(j) = (i + 1..mentions.len()).find(|&j| mentions[j].span.start >= x.span.end)
        else {
            continue;
        };
        let y = &mentions[j];
        let (Some(gap), Some(after)) = (
            text.get(x.span.end..y.span.start),
            text.get(y.span.end..(y.span.end + 4).min(text.len()))
                .or_else(|| text.get(y.span.end..)),
        ) else {
            continue;
        };
        if may_alias(x.entity_type, y.entity_type) && is_alias_statement(gap, after) {
            out.push((i, j));
        }
    }
    out
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
    fn statements_of_another_name_are_recognised_between_two_names() {
        let yes = [
            (", also known as the ", " attacked"),
            (", formerly known as ", ", claimed"),
            (", known as ", "."),
            (" also known as ", " "),
            (", a.k.a. “", "”,"),
            (" (formerly ", ")"),
            (" (also known as ", ") said"),
            (" (hereinafter the ", ")"),
            (" (hereafter “", "”)"),
        ];
        for (gap, after) in yes {
            assert!(is_alias_statement(gap, after), "{gap:?}");
        }
        let no = [
            (" and ", " met"),
            (", ", " said"),
            (" known as ", " "),
            (" (formerly ", " and others)"),
            (", formerly ", ","),
            (", which is also known as ", ","),
            (" told reporters in what is known as ", " "),
        ];
        for (gap, after) in no {
            assert!(!is_alias_statement(gap, after), "{gap:?}");
        }
        assert!(may_alias(EntityType::Org, EntityType::Misc));
        assert!(may_alias(EntityType::Loc, EntityType::Loc));
        assert!(!may_alias(EntityType::Loc, EntityType::Misc));
        assert!(may_alias(EntityType::Person, EntityType::Org));
        assert!(!may_alias(EntityType::Person, EntityType::Loc));
        assert!(!may_alias(EntityType::Title, EntityType::Title));
    }

    #[test]
    fn another_name_the_article_gives_joins_the_entity() {
        let doc = run(
            "Hayat Tahrir al-Sham, also known as the Nusra Front, attacked the town. \
             Later the Nusra Front denied it.",
        );
        let hts = entity_of(&doc, "Hayat Tahrir al-Sham", 0);
        assert_eq!(entity_of(&doc, "Nusra Front", 0), hts);
        assert_eq!(entity_of(&doc, "Nusra Front", 1), hts);
        assert_eq!(hts.canonical_name, "Hayat Tahrir al-Sham");
        assert_ne!(hts.entity_type, EntityType::Person);
        let doc = run("The talks in Myanmar (formerly Burma) ended. Burma was quiet.");
        assert_eq!(entity_of(&doc, "Burma", 0), entity_of(&doc, "Myanmar", 0));
        // Without a statement, or between a place and an operation, names stay apart.
        let doc = run("Hayat Tahrir al-Sham and the Nusra Front attacked the town.");
        assert_ne!(
            entity_of(&doc, "Nusra Front", 0),
            entity_of(&doc, "Hayat Tahrir al-Sham", 0)
        );
        let doc = run("The battle for Mosul, known as Operation Eagle Strike, began in October.");
        assert_ne!(
            entity_of(&doc, "Mosul", 0),
            entity_of(&doc, "Operation Eagle Strike", 0)
        );
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
