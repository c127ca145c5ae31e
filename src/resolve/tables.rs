//! The name tables behind resolution, compiled into the binary: titles and honorifics
//! (`assets/resolve/titles.txt`, stripped from the front of person names) and the countries
//! with their short forms and demonyms that resolution reads from the one country table
//! ([`crate::countries`]). Both are parsed once, on first use.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::countries::Reader;
use crate::names::{match_key, place_key};

const TITLES: &str = include_str!("../../assets/resolve/titles.txt");

/// One country row.
#[derive(Debug)]
pub(crate) struct Country {
    /// The canonical display name ("United States").
    pub name: String,
    /// The canonical demonym ("American"), if the table has one.
    pub demonym: Option<String>,
}

/// The parsed tables.
#[derive(Debug)]
pub(crate) struct Tables {
    /// Normalised title phrases ("foreign minister").
    pub titles: HashSet<String>,
    /// The longest title phrase, in tokens.
    pub max_title_tokens: usize,
    /// Country rows.
    pub countries: Vec<Country>,
    /// Normalised country name or short form → row.
    pub by_name: HashMap<String, usize>,
    /// Normalised demonym or adjective (and regular plural) → row.
    pub by_demonym: HashMap<String, usize>,
    /// Normalised names or demonyms listed for two countries (should be empty; a unit test
    /// checks it).
    #[cfg_attr(not(test), allow(dead_code))]
    pub duplicates: Vec<String>,
}

/// The regular plural of a demonym ("Pakistani" → "Pakistanis"), if it takes one.
fn plural(demonym: &str) -> Option<String> {
    if let Some(stem) = demonym.strip_suffix("man") {
        return Some(format!("{stem}men"));
    }
    let invariant = ["s", "sh", "ch", "ese", "x", "z", "men"];
    if invariant.iter().any(|suffix| demonym.ends_with(suffix)) {
        return None;
    }
    Some(format!("{demonym}s"))
}

fn parse() -> Tables {
    let mut titles = HashSet::new();
    let mut max_title_tokens = 1;
    for line in TITLES.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let key = match_key(line);
        if key.is_empty() {
            continue;
        }
        max_title_tokens = max_title_tokens.max(key.split(' ').count());
        titles.insert(key);
    }

    let mut countries = Vec::new();
    let mut by_name = HashMap::new();
    let mut by_demonym = HashMap::new();
    let mut duplicates = Vec::new();
    let mut plurals = Vec::new();
    for country in crate::countries::countries() {
        let names = country.names_for(Reader::Resolution);
        let Some(&name) = names.first() else {
            continue;
        };
        let row = countries.len();
        let mut first_demonym = None;
        for form in names {
            let key = place_key(form);
            if key.is_empty() {
                continue;
            }
            // "US" and "U.S." share a key within one row; across rows a key is an error.
            if by_name.insert(key.clone(), row).is_some_and(|r| r != row) {
                duplicates.push(key);
            }
        }
        for form in country.demonyms_for(Reader::Resolution) {
            let key = place_key(form);
            if key.is_empty() {
                continue;
            }
            first_demonym.get_or_insert_with(|| form.trim().to_owned());
            if let Some(p) = plural(&key) {
                plurals.push((p, row));
            }
            let elsewhere = by_name.get(&key).is_some_and(|&r| r != row);
            if by_demonym
                .insert(key.clone(), row)
                .is_some_and(|r| r != row)
                || elsewhere
            {
                duplicates.push(key);
            }
        }
        countries.push(Country {
            name: name.to_owned(),
            demonym: first_demonym,
        });
    }
    // Plurals never override a listed name or demonym ("Lao" → "laos" is the country).
    for (p, row) in plurals {
        if !by_name.contains_key(&p) {
            by_demonym.entry(p).or_insert(row);
        }
    }
    Tables {
        titles,
        max_title_tokens,
        countries,
        by_name,
        by_demonym,
        duplicates,
    }
}

/// The tables, parsed on first use.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_name_or_demonym_is_listed_twice() {
        let t = tables();
        assert!(t.duplicates.is_empty(), "duplicates: {:?}", t.duplicates);
        assert!(t.countries.len() > 190, "{} countries", t.countries.len());
    }

    #[test]
    fn country_forms_meet_in_one_row() {
        let t = tables();
        let us = t.by_name["united states"];
        for form in ["US", "U.S.", "USA", "United States of America", "America"] {
            assert_eq!(t.by_name.get(&match_key(form)), Some(&us), "{form}");
        }
        assert_eq!(t.by_demonym.get("american"), Some(&us));
        assert_eq!(t.by_demonym.get("americans"), Some(&us));
        let uk = t.by_name["united kingdom"];
        assert_eq!(t.by_name.get("britain"), Some(&uk));
        assert_eq!(t.by_demonym.get("british"), Some(&uk));
        assert_eq!(t.by_demonym.get("pakistanis"), t.by_name.get("pakistan"));
        assert_eq!(t.by_name.get("laos"), t.by_demonym.get("lao"));
        assert_eq!(t.countries[us].demonym.as_deref(), Some("American"));
    }

    #[test]
    fn titles_are_normalised_phrases() {
        let t = tables();
        for title in [
            "mr",
            "gen",
            "foreign minister",
            "secretary of defence",
            "charge d affaires",
        ] {
            assert!(t.titles.contains(title), "{title}");
        }
        assert!(t.max_title_tokens >= 4);
    }
}
