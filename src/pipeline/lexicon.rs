//! The word lists the rule stages use, compiled in from `assets/lexicon/` (and the countries
//! of `assets/countries/` that the gazetteer reads, through [`crate::countries`]) and parsed
//! once into hash tables shared by every thread ([`lexicon()`]).
//!
//! Phrase tables (gazetteer, titles) are keyed by the normalised token sequence: each entry
//! is tokenised with the pipeline's own tokeniser, lowercased, accents and curly apostrophes
//! folded, and joined by single spaces (no space after an apostrophe), so "Chargé d’Affaires"
//! and "Charge d’ Affairs" look up the same way.

use std::sync::LazyLock;

use crate::countries::{Reader, countries};
use crate::model::{EntityType, Span};

use super::text::{FxMap, FxSet, content_lines, is_all_caps};
use super::tokens::tokenize_range;
use crate::names::push_key_token;

/// How a title may be written to count as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleCase {
    /// Must be capitalised ("General").
    Cap,
    /// Capitalised, or lowercase before a capitalised name or after "the" ("president").
    Context,
    /// Any case ("spokesperson", "defence secretary").
    Any,
}

/// One office or rank.
#[derive(Clone, Debug)]
pub struct TitleEntry {
    /// The office's canonical name (first form on its line), normalised.
    pub canonical: String,
    /// The case rule.
    pub case: TitleCase,
    /// True for acronyms such as "COAS", which must be written in capitals.
    pub acronym: bool,
}

/// One gazetteer name.
#[derive(Clone, Debug)]
pub struct GazEntry {
    /// PERSON, ORG, LOC or NORP.
    pub entity_type: EntityType,
    /// The canonical name of the entity this form names (first form on its line).
    pub canonical: String,
    /// For demonyms, the canonical name of their country.
    pub country: Option<String>,
    /// True when the form is an acronym in capitals: the text must match its case.
    pub acronym: bool,
    /// True when the form starts lowercase ("al-Qaeda"): any case is accepted.
    pub lower_initial: bool,
    /// Bit `k` is set when token `k` of the form is capitalised ("US Senate": 0b11): those
    /// tokens must be capitalised in the text too, so "the US senate" is not the Senate.
    pub caps: u32,
}

/// All compiled-in word lists except the abbreviations.
pub struct Lexicon {
    /// Common English words, lowercase.
    pub(crate) common: FxSet<&'static str>,
    /// Given names, lowercase.
    pub(crate) first_names: FxSet<&'static str>,
    /// Organisation head words, lowercase.
    pub(crate) org_words: FxSet<&'static str>,
    /// Honorifics, lowercase ("mr", "mr.", "dr").
    pub(crate) honorifics: FxSet<&'static str>,
    /// Gazetteer: normalised phrase → entry.
    pub(crate) gazetteer: FxMap<String, GazEntry>,
    /// Normalised first tokens of gazetteer phrases.
    pub(crate) gaz_first: FxSet<String>,
    /// Longest gazetteer phrase in tokens.
    pub(crate) gaz_max: usize,
    /// Canonical names of countries.
    pub(crate) countries: FxSet<String>,
    /// Titles: normalised phrase → entry.
    pub(crate) titles: FxMap<String, TitleEntry>,
    /// Normalised first tokens of titles.
    pub(crate) title_first: FxSet<String>,
    /// Longest title in tokens.
    pub(crate) title_max: usize,
}

const COMMON: &str = include_str!("../../assets/lexicon/common_words.txt");
const FIRST_NAMES: &str = include_str!("../../assets/lexicon/first_names.txt");
const ORG_WORDS: &str = include_str!("../../assets/lexicon/org_words.txt");
const HONORIFICS: &str = include_str!("../../assets/lexicon/honorifics.txt");
const GAZETTEER: &str = include_str!("../../assets/lexicon/gazetteer.tsv");
const TITLES: &str = include_str!("../../assets/lexicon/titles.tsv");

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The shared lexicon (parsed on first use).
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

fn word_set(src: &'static str) -> FxSet<&'static str> {
    content_lines(src).flat_map(str::split_whitespace).collect()
}

/// The phrase key and token count of `phrase`.
pub(crate) fn phrase_key(phrase: &str) -> (String, usize) {
    let mut spans: Vec<Span> = Vec::new();
    tokenize_range(phrase, 0, phrase.len(), &mut spans);
    let mut key = String::new();
    for s in &spans {
        push_key_token(s.text(phrase), &mut key);
    }
    (key, spans.len())
}

impl Lexicon {
    fn build() -> Self {
        let mut lex = Self {
            common: word_set(COMMON),
            first_names: word_set(FIRST_NAMES),
            org_words: word_set(ORG_WORDS),
            honorifics: word_set(HONORIFICS),
            gazetteer: FxMap::default(),
            gaz_first: FxSet::default(),
            gaz_max: 1,
            countries: FxSet::default(),
            titles: FxMap::default(),
            title_first: FxSet::default(),
            title_max: 1,
        };
        for country in countries() {
            let names = country.names_for(Reader::Gazetteer);
            let Some(canonical) = names.first().copied() else {
                continue;
            };
            lex.countries.insert(canonical.to_owned());
            for name in &names {
                lex.add_gaz(name, EntityType::Loc, canonical, None);
            }
            for demonym in country.demonyms_for(Reader::Gazetteer) {
                lex.add_gaz(demonym, EntityType::Norp, demonym, Some(canonical));
            }
        }
        for line in content_lines(GAZETTEER) {
            let mut cols = line.split('\t');
            let label = cols.next().unwrap_or("");
            let Some(entity_type) = EntityType::from_label(label) else {
                continue;
            };
            let names: Vec<&str> = cols.next().unwrap_or("").split('|').collect();
            let Some(canonical) = names.first().copied() else {
                continue;
            };
            for name in &names {
                lex.add_gaz(name, entity_type, canonical, None);
            }
        }
        for line in content_lines(TITLES) {
            let mut cols = line.split('\t');
            let case = match cols.next().unwrap_or("") {
                "cap" => TitleCase::Cap,
                "ctx" => TitleCase::Context,
                _ => TitleCase::Any,
            };
            let names: Vec<&str> = cols.next().unwrap_or("").split('|').collect();
            let Some(first) = names.first() else {
                continue;
            };
            let canonical = phrase_key(first).0;
            for name in &names {
                let (key, len) = phrase_key(name);
                if key.is_empty() {
                    continue;
                }
                lex.title_max = lex.title_max.max(len);
                lex.title_first
                    .insert(key.split(' ').next().unwrap_or("").to_owned());
                lex.titles.entry(key).or_insert(TitleEntry {
                    canonical: canonical.clone(),
                    case,
                    acronym: name.len() > 1 && is_all_caps(name),
                });
            }
        }
        lex
    }

    fn add_gaz(
        &mut self,
        name: &str,
        entity_type: EntityType,
        canonical: &str,
        country: Option<&str>,
    ) {
        let (key, len) = phrase_key(name);
        if key.is_empty() {
            return;
        }
        self.gaz_max = self.gaz_max.max(len);
        self.gaz_first
            .insert(key.split(' ').next().unwrap_or("").to_owned());
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        let mut spans: Vec<Span> = Vec::new();
        tokenize_range(name, 0, name.len(), &mut spans);
        let caps = spans
            .iter()
            .take(32)
            .enumerate()
            .filter(|(_, s)| s.text(name).chars().next().is_some_and(char::is_uppercase))
            .fold(0u32, |acc, (k, _)| acc | (1 << k));
        self.gazetteer.entry(key).or_insert(GazEntry {
            entity_type,
            canonical: canonical.to_owned(),
            country: country.map(str::to_owned),
            acronym: (2..=6).contains(&letters) && is_all_caps(name),
            lower_initial: name.chars().next().is_some_and(char::is_lowercase),
            caps,
        });
    }

    /// The gazetteer entry for a normalised phrase key.
    pub fn gaz(&self, key: &str) -> Option<&GazEntry> {
        self.gazetteer.get(key)
    }

    /// The title entry for a normalised phrase key.
    pub fn title(&self, key: &str) -> Option<&TitleEntry> {
        self.titles.get(key)
    }

    /// The canonical office of a title's surface text ("defence secretary" →
    /// "secretary of defense"), or its normalised text when it is not in the list.
    pub fn title_canonical(&self, surface: &str) -> String {
        let (key, _) = phrase_key(surface);
        self.titles.get(&key).map_or(key, |t| t.canonical.clone())
    }

    /// The canonical entity name of a gazetteer surface form, if any; demonyms map to
    /// their own canonical (not the country).
    pub fn gaz_canonical(&self, surface: &str) -> Option<&str> {
        let (key, _) = phrase_key(surface);
        self.gazetteer.get(&key).map(|g| g.canonical.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::abbreviations::abbreviations;

    #[test]
    fn lexicon_parses_and_folds_forms() {
        let lex = lexicon();
        assert!(abbreviations().prefix.contains("gen"));
        assert!(abbreviations().other.contains("u.s"));
        assert!(lex.common.contains("the"));
        assert!(lex.first_names.contains("lloyd"));
        let us = lex.gaz("u.s.").expect("U.S. is in the gazetteer");
        assert_eq!(us.canonical, "United States");
        assert_eq!(
            lex.gaz("pakistani").and_then(|g| g.country.as_deref()),
            Some("Pakistan")
        );
        assert_eq!(
            lex.title_canonical("defence secretary"),
            "secretary of defense"
        );
        assert_eq!(lex.title_canonical("COAS"), "chief of army staff");
        assert_eq!(
            lex.title_canonical("Charge d’ Affairs"),
            lex.title_canonical("Chargé d'Affaires")
        );
        assert!(lex.title("coas").is_some_and(|t| t.acronym));
        assert_eq!(lex.gaz_canonical("Da’esh"), Some("Islamic State"));
    }
}
