//! Name normalisation for matching across articles.
//!
//! A name is split into words at whitespace; each word is case-folded, has ASCII-similar Latin
//! diacritics folded ("Qurēshī" → "qureshi"), loses a possessive ("Pakistan’s" → "pakistan"),
//! dots and apostrophes ("U.S." → "us", "O'Brien" → "obrien") and is split into tokens at any
//! other punctuation ("Inter-Services" → "inter services"). A trailing parenthetical
//! ("Inter-Services Public Relations (ISPR)") and a leading "the" are dropped. For people,
//! leading titles, honorifics and office words are stripped, optionally preceded by a country
//! or demonym ("Pakistani Foreign Minister Shah Mehmood Qureshi" → "shah mehmood qureshi"),
//! but never the whole name.

use crate::model::EntityType;

use super::tables::tables;
use crate::names::word_tokens;

/// A name analysed for matching.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Name {
    /// The kept words as written (titles, "the" and a trailing parenthetical removed).
    pub display: String,
    /// The normalised tokens joined by single spaces.
    pub norm: String,
    /// The normalised tokens.
    pub tokens: Vec<String>,
    /// The text of a trailing parenthetical ("ISPR"), if any.
    pub paren: Option<String>,
    /// True when a title or honorific was stripped.
    pub had_title: bool,
    /// True when the whole name is titles ("the Foreign Minister", "President").
    pub only_title: bool,
}

/// Normalises a name for matching across articles.
///
/// Case, ASCII-similar diacritics, possessives, dots, apostrophes, other punctuation, a
/// leading "the" and a trailing parenthetical are removed; for [`EntityType::Person`] (and
/// [`EntityType::Title`]) leading titles and honorifics are stripped too, optionally after a
/// country or demonym, as long as something remains.
///
/// ```
/// use quarry::model::EntityType;
/// use quarry::resolve::normalise_name;
/// assert_eq!(normalise_name("President Joe Biden", EntityType::Person), "joe biden");
/// assert_eq!(normalise_name("U.S.", EntityType::Loc), "us");
/// assert_eq!(normalise_name("the Pentagon’s", EntityType::Org), "pentagon");
/// ```
pub fn normalise_name(name: &str, entity_type: EntityType) -> String {
    analyse(name, entity_type).norm
}

/// Splits a trailing parenthetical off: "Inter-Services Public Relations (ISPR)" →
/// ("Inter-Services Public Relations", Some("ISPR")).
fn split_paren(raw: &str) -> (&str, Option<&str>) {
    let trimmed = raw.trim();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let head = inner[..open].trim();
        let paren = inner[open + 1..].trim();
        if !head.is_empty() {
            return (head, (!paren.is_empty()).then_some(paren));
        }
    }
    (trimmed, None)
}

/// True when the parenthetical `paren` after `head` glosses it (an acronym of three
/// characters or more, or one spelling the head's initials: "(ISPR)", "(UN)") rather than
/// telling two names apart ("Mladost (BJ)" and "Mladost (L)" are two clubs).
fn is_gloss(head: &str, paren: &str) -> bool {
    let compact: String = paren.split_whitespace().flat_map(word_tokens).collect();
    if compact.chars().count() >= 3 {
        return true;
    }
    let tokens: Vec<String> = head.split_whitespace().flat_map(word_tokens).collect();
    initials(&tokens).contains(&compact)
}

/// One word with its normalised tokens.
struct Word<'a> {
    raw: &'a str,
    tokens: Vec<String>,
}

/// The joined tokens of `words[from..from + n]`, if that many words exist.
fn joined(words: &[Word<'_>], from: usize, n: usize) -> Option<String> {
    let slice = words.get(from..from + n)?;
    let mut out = String::new();
    for w in slice {
        for t in &w.tokens {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
    }
    Some(out)
}

/// The number of words of a title phrase starting at `at`, if one does (longest first).
fn title_at(words: &[Word<'_>], at: usize) -> Option<usize> {
    let t = tables();
    (1..=t.max_title_tokens)
        .rev()
        .find(|&n| joined(words, at, n).is_some_and(|p| t.titles.contains(&p)))
}

/// The number of words of a country name or demonym starting at `at`, if one does.
fn country_at(words: &[Word<'_>], at: usize) -> Option<usize> {
    let t = tables();
    (1..=4).rev().find(|&n| {
        joined(words, at, n)
            .is_some_and(|p| t.by_name.contains_key(&p) || t.by_demonym.contains_key(&p))
    })
}

/// The index of the first word after leading titles, keeping at least `keep` words.
fn strip_titles(words: &[Word<'_>], mut start: usize, keep: usize) -> usize {
    loop {
        if let Some(n) = title_at(words, start)
            && start + n + keep <= words.len()
        {
            start += n;
            continue;
        }
        if let Some(c) = country_at(words, start)
            && let Some(n) = title_at(words, start + c)
            && start + c + n + keep <= words.len()
        {
            start += c + n;
            continue;
        }
        if start + 1 + keep <= words.len() && words[start].tokens == ["the"] {
            start += 1;
            continue;
        }
        return start;
    }
}

/// Strips a leading "The" and trailing possessive or punctuation from a display word list.
fn clean_display(words: &[Word<'_>]) -> String {
    let mut out = words.iter().map(|w| w.raw).collect::<Vec<_>>().join(" ");
    let trimmed_len = out.trim_end_matches([',', ';', ':', '"', '”', '“']).len();
    out.truncate(trimmed_len);
    for suffix in ["'s", "’s", "’", "'"] {
        if let Some(stem) = out.strip_suffix(suffix) {
            let len = stem.len();
            out.truncate(len);
            break;
        }
    }
    out
}

/// Analyses `raw` as a name of `entity_type`.
pub(crate) fn analyse(raw: &str, entity_type: EntityType) -> Name {
    let (main, paren) = match split_paren(raw) {
        (head, Some(p)) if !is_gloss(head, p) => (raw.trim(), None),
        split => split,
    };
    let words: Vec<Word<'_>> = main
        .split_whitespace()
        .map(|raw| Word {
            raw,
            tokens: word_tokens(raw),
        })
        .filter(|w| !w.tokens.is_empty())
        .collect();
    let mut start = 0;
    if words.len() > 1 && words[0].tokens == ["the"] {
        start = 1;
    }
    let mut had_title = false;
    let mut only_title = false;
    if matches!(entity_type, EntityType::Person | EntityType::Title) {
        only_title = !words.is_empty() && strip_titles(&words, start, 0) == words.len();
        let after = strip_titles(&words, start, 1);
        had_title = after > start;
        start = after;
    }
    let kept = &words[start.min(words.len())..];
    let tokens: Vec<String> = kept.iter().flat_map(|w| w.tokens.iter().cloned()).collect();
    Name {
        display: clean_display(kept),
        norm: tokens.join(" "),
        tokens,
        paren: paren.map(str::to_owned),
        had_title,
        only_title,
    }
}

/// True for names written as acronyms: no spaces, two to ten letters or digits, every letter a
/// capital
/// ("ISPR", "U.N.", "ISIS-K", "G20").
pub(crate) fn is_acronym(raw: &str) -> bool {
    let raw = raw.trim();
    let (mut letters, mut digits) = (0, 0);
    for c in raw.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if c.is_ascii_digit() {
            digits += 1;
        } else if !matches!(c, '.' | '-' | '&' | '/') {
            return false;
        }
    }
    letters >= 1 && (2..=10).contains(&(letters + digits))
}

/// Words skipped when forming initials ("Department of State" → "ds").
const INITIAL_STOPWORDS: [&str; 8] = ["of", "the", "and", "for", "on", "in", "de", "to"];

/// The initials of a normalised multi-word name, with and without small words
/// ("inter services public relations" → "ispr"; "department of defense" → "dod", "dd").
pub(crate) fn initials(tokens: &[String]) -> Vec<String> {
    if tokens.len() < 2 {
        return Vec::new();
    }
    let all: String = tokens.iter().filter_map(|t| t.chars().next()).collect();
    let content: String = tokens
        .iter()
        .filter(|t| !INITIAL_STOPWORDS.contains(&t.as_str()))
        .filter_map(|t| t.chars().next())
        .collect();
    if all == content {
        vec![all]
    } else {
        vec![all, content]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::{Loc, Misc, Norp, Org, Person};

    #[test]
    fn strips_titles_and_honorifics_from_people() {
        let cases = [
            ("Mr. Obama", "obama"),
            ("President Obama", "obama"),
            ("Barack Obama", "barack obama"),
            ("Gen. Qamar Javed Bajwa", "qamar javed bajwa"),
            ("General Qamar Javed Bajwa", "qamar javed bajwa"),
            (
                "Chief of Army Staff (COAS) General Qamar Javed Bajwa",
                "qamar javed bajwa",
            ),
            (
                "Foreign Minister Shah Mehmood Qureshi",
                "shah mehmood qureshi",
            ),
            (
                "Pakistani Foreign Minister Shah Mehmood Qureshi",
                "shah mehmood qureshi",
            ),
            ("Pakistan’s Foreign Minister Qureshi", "qureshi"),
            ("US Defence Secretary Lloyd Austin", "lloyd austin"),
            (
                "the Secretary of Defence General Lloyd Austin",
                "lloyd austin",
            ),
            ("Lt. Gen. Jane Doe", "jane doe"),
            ("former Vice President Joe Biden", "joe biden"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalise_name(raw, Person), want, "{raw}");
        }
    }

    #[test]
    fn never_strips_the_whole_name() {
        assert_eq!(normalise_name("President", Person), "president");
        assert_eq!(normalise_name("General", Person), "general");
        assert_eq!(
            normalise_name("the Foreign Minister", Person),
            "foreign minister"
        );
        for only in [
            "President",
            "the Foreign Minister",
            "the acting US Charge d’ Affairs",
        ] {
            assert!(analyse(only, Person).only_title, "{only}");
        }
        for name in ["President Biden", "Austin", "General Motors"] {
            assert!(!analyse(name, Person).only_title, "{name}");
        }
    }

    #[test]
    fn titles_are_kept_outside_person_names() {
        assert_eq!(normalise_name("General Motors", Org), "general motors");
        assert_eq!(normalise_name("President's Cup", Misc), "president cup");
    }

    #[test]
    fn folds_case_dots_possessives_and_diacritics() {
        assert_eq!(normalise_name("U.S.", Loc), "us");
        assert_eq!(normalise_name("US", Loc), "us");
        assert_eq!(normalise_name("the United States", Loc), "united states");
        assert_eq!(normalise_name("Pakistan’s", Loc), "pakistan");
        assert_eq!(normalise_name("Pakistan's", Loc), "pakistan");
        assert_eq!(normalise_name("Biden’s", Person), "biden");
        assert_eq!(
            normalise_name("Recep Tayyip Erdoğan", Person),
            "recep tayyip erdogan"
        );
        assert_eq!(normalise_name("José Martí", Person), "jose marti");
        assert_eq!(
            normalise_name("Ærø Œuvre Straße", Loc),
            "aero oeuvre strasse"
        );
        assert_eq!(normalise_name("  Al-Qaeda ", Org), "al qaeda");
        assert_eq!(normalise_name("al Qaeda", Org), "al qaeda");
        assert_eq!(normalise_name("O'Brien", Person), "obrien");
        assert_eq!(normalise_name("Americans", Norp), "americans");
        assert_eq!(normalise_name("", Person), "");
    }

    #[test]
    fn drops_a_trailing_parenthetical_that_glosses_the_name() {
        let name = analyse("Inter-Services Public Relations (ISPR)", Org);
        assert_eq!(name.norm, "inter services public relations");
        assert_eq!(name.display, "Inter-Services Public Relations");
        assert_eq!(name.paren.as_deref(), Some("ISPR"));
        assert_eq!(analyse("United Nations (UN)", Org).norm, "united nations");
        // A short code that tells two names apart stays.
        let club = analyse("Mladost ( BJ )", Org);
        assert_eq!(club.norm, "mladost bj");
        assert_eq!(club.paren, None);
    }

    #[test]
    fn display_keeps_the_written_form_without_titles() {
        let name = analyse("President Joe Biden’s", Person);
        assert_eq!(name.display, "Joe Biden");
        assert!(name.had_title);
        assert_eq!(analyse("The Pentagon", Org).display, "Pentagon");
    }

    #[test]
    fn recognises_acronyms_and_initials() {
        for a in ["ISPR", "U.N.", "ISIS-K", "G20", "NATO"] {
            assert!(is_acronym(a), "{a}");
        }
        for a in ["Pentagon", "A", "DoD", "Inter Services", "ISPR press"] {
            assert!(!is_acronym(a), "{a}");
        }
        let tokens = analyse("Inter-Services Public Relations", Org).tokens;
        assert_eq!(initials(&tokens), ["ispr"]);
        let tokens = analyse("Department of Defense", Org).tokens;
        assert_eq!(initials(&tokens), ["dod", "dd"]);
    }
}
