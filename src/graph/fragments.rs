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

/// Month and weekday names: a capitalised word next to a name that does not extend it
/// ("Turkey November 16").
const CALENDAR: [&str; 19] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Small words that join the parts of one longer name ("Commissioner for Refugees",
/// "Ministry of Defence"). With "the" after them the name that follows is one of its own
/// ("Envoy for the Global Coalition").
const CONNECTORS: [&str; 5] = ["of", "for", "on", "de", "to"];

/// How a mention was cut from a longer name, weakest evidence first ([`mention_context`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cut {
    /// A capitalised word and a connector (no "the") come just before ("Advisor for MEK
    /// Resettlement", "Commissioner for Refugees"): the mention may end a longer name. Not
    /// in a headline.
    AfterConnector,
    /// The next word is a number ("Resolution 2254").
    NumberAfter,
    /// The name runs on into a capitalised word without a break: the next word (not the
    /// first word of an office: "Tallinn Mayor"), or the previous one when it does not open
    /// the sentence, is a plain capitalised word ([`is_plain_capitalised`]). Not in a
    /// headline, where every word is capitalised. ("G-20 Interfaith" of "G-20 Interfaith
    /// Conference".)
    RunsOn,
}

/// How one capitalised mention sits in the text around it ([`mention_context`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MentionContext {
    /// The strongest sign that the mention was cut from a longer name, if any.
    pub cut: Option<Cut>,
    /// Written as a handle or hashtag (`@ABlinken`, `#Aleppo`).
    pub handle: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.')
}

/// The word (letters, digits, inner hyphens, dots and apostrophes) that ends just before
/// byte `at`, with its start, skipping spaces but not line breaks or punctuation.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let trimmed = text[..at].trim_end_matches([' ', '\t']);
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    let word = trimmed[start..].trim_end_matches(['.', '-', '\'', '’']);
    let lead = word.len()
        - word
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let word = &word[lead..];
    (!word.is_empty()).then_some((start + lead, word))
}

/// The word that starts just after byte `at`, skipping spaces but not line breaks or
/// punctuation.
fn word_after(text: &str, at: usize) -> Option<&str> {
    let trimmed = text[at..].trim_start_matches([' ', '\t']);
    if !trimmed.starts_with(char::is_alphanumeric) {
        return None;
    }
    let len = trimmed
        .char_indices()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    Some(trimmed[..len].trim_end_matches(['.', '-', '\'', '’']))
}

/// True when the word starting at byte `start` opens a sentence or a line.
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t', '"', '“', '‘', '(', '\'', '[']);
    before.is_empty() || before.ends_with(['\n', '.', '!', '?', ':', ';', '—', '–', '•'])
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True for a capitalised word that can continue a name: letters only (inner hyphens and
/// apostrophes allowed), not in capitals throughout, not a month or weekday, a place of the
/// gazetteer or a demonym ("Conference", "Interfaith"; not "G7", "U.S.", "November",
/// "Iraqi"), which stand next to names without being part of them.
fn is_plain_capitalised(word: &str) -> bool {
    let lower = word.to_lowercase();
    is_capitalised(word)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && word.chars().any(char::is_lowercase)
        && !CALENDAR.contains(&lower.as_str())
        && !demonyms().contains(&lower)
        && crate::pipeline::lexicon::lexicon()
            .gaz_canonical(word)
            .is_none()
}

/// True when the line around byte `at` reads as a headline: short, and at least three in
/// four of its words of four letters or more are capitalised.
fn in_headline(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    if line.len() > 200 {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .collect();
    !words.is_empty() && 4 * words.iter().filter(|w| is_capitalised(w)).count() >= 3 * words.len()
}

/// How the mention at bytes `start..end` of `text` sits in the text around it. Spans
/// outside `text` or off a character boundary give the default (nothing known).
pub fn mention_context(text: &str, start: usize, end: usize) -> MentionContext {
    let mut cx = MentionContext::default();
    if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return cx;
    }
    let headline = in_headline(text, start);
    cx.handle = text[..start].ends_with(['@', '#']);
    let mut signs = Vec::new();
    if let Some(next) = word_after(text, end) {
        if next.starts_with(|c: char| c.is_ascii_digit()) {
            signs.push(Cut::NumberAfter);
        }
        // An office after a name is the name's office ("Tallinn Mayor"), not more name.
        let lex = crate::pipeline::lexicon::lexicon();
        let lower = next.to_lowercase();
        let office = lex.title_first.contains(&lower) || lex.honorifics.contains(lower.as_str());
        if !headline && !office && is_plain_capitalised(next) {
            signs.push(Cut::RunsOn);
        }
    }
    if let Some((at, previous)) = word_before(text, start) {
        if is_capitalised(previous) {
            if !headline && !opens_sentence(text, at) && is_plain_capitalised(previous) {
                signs.push(Cut::RunsOn);
            }
        } else if !headline
            && CONNECTORS.contains(&previous)
            && word_before(text, at).is_some_and(|(_, w)| is_capitalised(w))
        {
            signs.push(Cut::AfterConnector);
        }
    }
    cx.cut = signs.into_iter().max();
    cx
}

/// The words `text` writes in lower case (three letters or more, lowercased): the corpus
/// vocabulary a capitalised name is checked against.
pub fn lowercase_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3 && w.starts_with(char::is_lowercase))
        .map(str::to_lowercase)
        .collect()
}

/// A lowercase word and its regular singular or plural ("refugees" → "refugee", "ally" →
/// "allies", "conference" → "conferences").
pub fn word_forms(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let mut forms = vec![w.clone()];
    if let Some(stem) = w.strip_suffix("ies") {
        forms.push(format!("{stem}y"));
    } else if let Some(stem) = w.strip_suffix("es") {
        forms.push(stem.to_owned());
        forms.push(format!("{stem}e"));
    } else if let Some(stem) = w.strip_suffix('s') {
        forms.push(stem.to_owned());
    } else if let Some(stem) = w.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        forms.push(format!("{stem}ies"));
    } else if w.ends_with(['x', 'z']) || w.ends_with("ch") || w.ends_with("sh") {
        forms.push(format!("{w}es"));
    } else {
        forms.push(format!("{w}s"));
    }
    forms
}

/// For one token glued from an initial or acronym and a name (`ABlinken`, `USStateDept`
/// is not: its tail is no single name), the name it ends in ("Blinken"): capitals, then a
/// capital followed by lower-case letters only.
pub fn glued_tail(name: &str) -> Option<&str> {
    let name = name.trim();
    if !name.chars().all(char::is_alphabetic) {
        return None;
    }
    let caps = name.chars().take_while(|c| c.is_uppercase()).count();
    let rest: String = name.chars().skip(caps).collect();
    if caps < 2 || rest.chars().count() < 2 || !rest.chars().all(char::is_lowercase) {
        return None;
    }
    let tail_start = name.char_indices().nth(caps - 1).map(|(i, _)| i)?;
    Some(&name[tail_start..])
}

/// What the corpus says about one would-be node, for [`is_junk_node`].
pub struct NodeEvidence<'a> {
    /// The node's name.
    pub name: &'a str,
    /// Its type.
    pub entity_type: EntityType,
    /// How each of its capitalised mentions sits in its text.
    pub contexts: &'a [MentionContext],
    /// True for a lowercase word some article of the corpus writes in lower case.
    pub written_lowercase: &'a dyn Fn(&str) -> bool,
    /// True for a word of another node's name.
    pub names_word: &'a dyn Fn(&str) -> bool,
}

/// True when a node is junk a reader would strike, judged on all its mentions in the
/// corpus (beyond [`is_fragment_name`], which needs only the name; offices and dates are
/// never junk here):
/// - every mention is a handle or hashtag (`@ABlinken`), or the name is one token glued
///   from capitals and another node's name (`ABlinken` beside "Antony Blinken");
/// - (not people, nationalities, places of the gazetteer or names of the alias table)
///   one capitalised word that some article writes in lower case, in this or its
///   singular or plural form ("Ally" where another release says "an ally");
/// - every mention is cut from a longer capitalised name: it runs on into a capitalised
///   word ("G-20 Interfaith" before "Conference"), or a number follows its last word
///   ("UN Security Council Resolution" before "2254"), or its last word is a common word
///   and a capitalised word and a connector come before ("Commissioner for Refugees",
///   "Senior Advisor for MEK Resettlement").
pub fn is_junk_node(node: &NodeEvidence<'_>) -> bool {
    let name = node.name.trim();
    let contexts = node.contexts;
    // Offices and dates are attributes and values, judged elsewhere.
    if matches!(node.entity_type, EntityType::Title | EntityType::Other) {
        return false;
    }
    if !contexts.is_empty() && contexts.iter().all(|c| c.handle) {
        return true;
    }
    if glued_tail(name).is_some_and(|tail| (node.names_word)(tail)) {
        return true;
    }
    if matches!(node.entity_type, EntityType::Person | EntityType::Norp) || is_known_name(name) {
        return false;
    }
    let common = |word: &str| {
        let lex = crate::pipeline::lexicon::lexicon();
        word_forms(word)
            .iter()
            .any(|f| (node.written_lowercase)(f) || lex.common.contains(f.as_str()))
    };
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let plain = |w: &&str| w.chars().all(char::is_alphabetic) && !is_acronym(w);
    if let [word] = words.as_slice()
        && word.chars().count() >= 3
        && plain(word)
        && word_forms(word).iter().any(|f| (node.written_lowercase)(f))
    {
        return true;
    }
    if contexts.is_empty() {
        return false;
    }
    let last_plain = words.last().is_some_and(plain);
    let last_common = last_plain && words.last().is_some_and(|w| common(w));
    contexts.iter().all(|c| match c.cut {
        Some(Cut::RunsOn) => true,
        Some(Cut::NumberAfter) => last_plain,
        Some(Cut::AfterConnector) => last_common,
        None => false,
    })
}

/// A place of the gazetteer, a name of the alias table or a bare institution: an actor
/// whatever the words around it.
fn is_known_name(name: &str) -> bool {
    let lex = crate::pipeline::lexicon::lexicon();
    lex.gaz_canonical(name).is_some()
        || crate::resolve::aliases::lookup(name).is_some()
        || BARE_INSTITUTIONS.contains(&name.to_lowercase().as_str())
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

    /// The context of the first occurrence of `name` at or after byte `from` of `text`.
    fn context(text: &str, name: &str, from: usize) -> MentionContext {
        let start = from + text[from..].find(name).unwrap();
        mention_context(text, start, start + name.len())
    }

    #[test]
    fn mentions_cut_from_a_longer_capitalised_name_run_on() {
        let text = "Baltic Ports Talks Open in Riga\n\nMinisters met at the Nordic Harbour \
                    Forum in Riga on Monday. The Ambassador for Harbour Safety spoke, and \
                    Tallinn Mayor Oskar Lind came to Riga March 3. Resolution 118 of the \
                    Maritime Assembly passed. Follow @OLind and the Envoy for the Baltic \
                    League.";
        // "Nordic Harbour" before "Forum", "Harbour Forum" after "Nordic".
        let runs_on = |name: &str, from: usize| context(text, name, from).cut == Some(Cut::RunsOn);
        assert!(runs_on("Nordic Harbour", 0));
        assert!(runs_on("Harbour Forum", 0));
        // The full name runs on into nothing; a month or a place next to a name does not
        // extend it; a sentence's first word does not either.
        let forum = context(text, "Nordic Harbour Forum", 0);
        assert_eq!(forum, MentionContext::default());
        assert!(!runs_on("Riga", 40));
        assert!(!runs_on("Riga", 120), "Riga March 3");
        assert!(
            !runs_on("Tallinn", 0),
            "opens the sentence, before an office"
        );
        assert!(runs_on("Tallinn Mayor Oskar", 0));
        // In the headline every word is capitalised: nothing is known.
        assert!(!runs_on("Ports", 0));
        // A name after "Capitalised for" (no "the") may end a longer name.
        assert_eq!(
            context(text, "Harbour Safety", 0).cut,
            Some(Cut::AfterConnector)
        );
        assert_eq!(context(text, "Baltic League", 0).cut, None);
        assert_eq!(context(text, "Resolution", 0).cut, Some(Cut::NumberAfter));
        assert!(context(text, "OLind", 0).handle);
    }

    #[test]
    fn word_forms_and_glued_tokens() {
        assert!(word_forms("Refugees").contains(&"refugee".to_owned()));
        assert_eq!(word_forms("ally"), ["ally", "allies"]);
        assert_eq!(word_forms("allies"), ["allies", "ally"]);
        assert_eq!(word_forms("Summit"), ["summit", "summits"]);
        assert_eq!(glued_tail("KLindqvist"), Some("Lindqvist"));
        assert_eq!(glued_tail("UNHarbour"), Some("Harbour"));
        for name in [
            "McAllister",
            "DeLuca",
            "NATO",
            "Lindqvist",
            "USStateDept",
            "K9",
        ] {
            assert_eq!(glued_tail(name), None, "{name}");
        }
        let words = lowercase_words("The Partner said partners and the Harbour met.");
        assert!(words.contains("partners") && words.contains("met"));
        assert!(!words.contains("harbour") && !words.contains("partner"));
    }

    #[test]
    fn junk_is_judged_on_every_mention_in_the_corpus() {
        use EntityType::{Loc, Misc, Norp, Org, Person};
        let lowercase = ["partners", "safety", "assembly"];
        let written_lowercase = |w: &str| lowercase.contains(&w);
        let names = ["Karin", "Lindqvist", "Riga"];
        let names_word = |w: &str| names.contains(&w);
        let cut = MentionContext {
            cut: Some(Cut::RunsOn),
            ..MentionContext::default()
        };
        let free = MentionContext::default();
        let connector = MentionContext {
            cut: Some(Cut::AfterConnector),
            ..MentionContext::default()
        };
        let number = MentionContext {
            cut: Some(Cut::NumberAfter),
            ..MentionContext::default()
        };
        let handle = MentionContext {
            handle: true,
            ..MentionContext::default()
        };
        let junk = |name: &str, entity_type: EntityType, contexts: &[MentionContext]| {
            is_junk_node(&NodeEvidence {
                name,
                entity_type,
                contexts,
                written_lowercase: &written_lowercase,
                names_word: &names_word,
            })
        };
        // Cut from a longer name in every mention; kept when one mention stands free.
        assert!(junk("Nordic Harbour", Org, &[cut, cut]));
        assert!(!junk("Nordic Harbour", Org, &[cut, free]));
        // A capitalised common word ("Partner" where the corpus writes "partners").
        assert!(junk("Partner", Misc, &[free]));
        assert!(!junk("Partner", Person, &[free]));
        assert!(!junk("Tallinn", Loc, &[free]));
        // A name ending in a common word after "Ambassador for", or before a number.
        assert!(junk("Harbour Safety", Org, &[connector]));
        assert!(!junk("Harbour Lindholm", Org, &[connector]));
        assert!(junk("Maritime Assembly Resolution", Misc, &[number]));
        // Handles and glued tokens, people included.
        assert!(junk("OLind", Person, &[handle]));
        assert!(junk("KLindqvist", Person, &[free]));
        assert!(!junk("KOstrom", Person, &[free]), "no node is named Ostrom");
        // Places of the gazetteer, names of the alias table and nationalities stay.
        assert!(!junk("Syria", Loc, &[cut]));
        assert!(!junk("Daesh", Org, &[cut]));
        assert!(!junk("Latvian", Norp, &[cut]));
        assert!(!junk("Harbourmaster", EntityType::Title, &[handle]));
    }
}
