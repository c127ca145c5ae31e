//! Names that are not actors: fragments cut from a longer name and capitalised common words
//! ("Department", "South", "Conference", "English-language"). The network makes no node of
//! them (`EntityGraph` drops them when it builds its nodes); the per-article entities are
//! unchanged. See `docs/network.md` for the rules and their measurement.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::model::EntityType;

/// Bare institution words that name one actor in news ("Congress passed …"): never
/// fragments, although they are organisation head words.
const BARE_INSTITUTIONS: [&str; 3] = ["congress", "senate", "parliament"];

/// Every demonym and country adjective of the country table, lowercase ("syrian",
/// "syrians", "american").
fn demonyms() -> &'static BTreeSet<String> {
    static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::countries::countries()
            .flat_map(|c| c.demonyms.into_iter().map(|f| f.text.to_lowercase()))
            .collect()
    })
}

/// True when `name` is not an actor but a word cut from a longer name or a capitalised
/// common word. People are never fragments; nationalities only by the compound rule:
/// - one capitalised word, not an acronym, whose lowercase form is a common English word or
///   an organisation head word of the lexicon ("Department", "South", "Ministerial"; not
///   the bare institutions "Congress", "Senate", "Parliament");
/// - a hyphenated compound whose last part is lowercase: an adjective made from a name
///   ("English-language", "U.S.-led", "Iraqi-backed");
/// - a demonym typed as anything but a nationality or group ("Syrian" as an organisation:
///   the people are a NORP node of their own).
pub fn is_fragment_name(name: &str, entity_type: EntityType) -> bool {
    if entity_type == EntityType::Person {
        return false;
    }
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return false;
    }
    if let Some((_, last)) = name.rsplit_once('-') {
        return !last.is_empty()
            && last.chars().all(char::is_lowercase)
            && name.chars().next().is_some_and(char::is_uppercase);
    }
    if entity_type == EntityType::Norp {
        return false;
    }
    if is_acronym(name) {
        return false;
    }
    let lower = name.to_lowercase();
    if demonyms().contains(&lower) {
        return true;
    }
    if BARE_INSTITUTIONS.contains(&lower.as_str()) {
        return false;
    }
    let lex = crate::pipeline::lexicon::lexicon();
    lex.common.contains(lower.as_str()) || lex.org_words.contains(lower.as_str())
}

/// All letters capitals ("ISIL", "USG").
fn is_acronym(name: &str) -> bool {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

/// True when `name` is one capitalised word (not an acronym) that `text` also writes in
/// lower case as a word of its own: a common word capitalised in a heading or at the start
/// of a name ("Conference" where the article also says "the conference"), which is no
/// actor. Only for names that can be fragments (not people or nationalities).
pub fn written_lowercase_in(name: &str, entity_type: EntityType, text: &str) -> bool {
    if matches!(entity_type, EntityType::Person | EntityType::Norp) {
        return false;
    }
    let name = name.trim();
    if name.chars().count() < 3
        || !name.chars().all(char::is_alphabetic)
        || !name.chars().next().is_some_and(char::is_uppercase)
        || is_acronym(name)
    {
        return false;
    }
    let lower = name.to_lowercase();
    if BARE_INSTITUTIONS.contains(&lower.as_str()) {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = text[from..].find(&lower) {
        let start = from + pos;
        let end = start + lower.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return true;
        }
        from = end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_common_words_compounds_and_misplaced_demonyms_are_fragments() {
        for (name, ty) in [
            ("Department", EntityType::Org),
            ("South", EntityType::Loc),
            ("English-language", EntityType::Misc),
            ("U.S.-led", EntityType::Misc),
            ("Syrian", EntityType::Org),
            ("Americans", EntityType::Misc),
        ] {
            assert!(is_fragment_name(name, ty), "{name} ({ty:?}) is a fragment");
        }
        for (name, ty) in [
            ("Congress", EntityType::Org),
            ("Syrian", EntityType::Norp),
            ("al-Qaeda", EntityType::Org),
            ("Al-Sinek", EntityType::Loc),
            ("G-20", EntityType::Misc),
            ("ISIL", EntityType::Org),
            ("Turkey", EntityType::Loc),
            ("Austin", EntityType::Person),
        ] {
            assert!(!is_fragment_name(name, ty), "{name} ({ty:?}) is an actor");
        }
    }

    #[test]
    fn a_word_the_article_also_writes_in_lower_case_is_a_common_word() {
        let text = "Conference on Syria\n\nThe Conference opened in Vienna. Delegates said \
                    the conference would meet again; the conferences of 2015 failed. \
                    Reuters reported it.";
        assert!(written_lowercase_in("Conference", EntityType::Org, text));
        assert!(!written_lowercase_in("Vienna", EntityType::Loc, text));
        assert!(!written_lowercase_in("Reuters", EntityType::Org, text));
        // A word inside a longer lowercase word does not count.
        assert!(!written_lowercase_in("Conferen", EntityType::Org, text));
        // People and nationalities are never common words.
        assert!(!written_lowercase_in(
            "Conference",
            EntityType::Person,
            text
        ));
    }
}
