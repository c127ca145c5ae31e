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
