//! Name folding: the one home of the functions that turn a written name into a key to
//! compare, below every layer that matches names (`pipeline`, `resolve`, `graph`, `eval`).
//!
//! Callers need different keys, so there are a few named variants here, each a function
//! built on the same character folding where its behaviour allows, and none anywhere else
//! (`tests/name_folding.rs` scans the sources for folding functions outside this file):
//!
//! | variant | used by | folds |
//! |---|---|---|
//! | [`match_key`], [`word_tokens`], [`place_key`] | corpus resolution (`resolve`: names across articles, its title and country tables, node keys) | case and every ASCII-similar Latin diacritic ([`fold_char`]), possessives, dots and apostrophes dropped, other punctuation splitting tokens |
//! | [`push_norm`], [`push_key_token`], [`lookup_key`], [`article_key`] | the pipeline's in-article lookups (lexicon, gazetteer, titles, entity and alias keys) | case, straight apostrophes, the common Latin-1 accents only, punctuation kept: the lexicons and the per-document token memo are keyed with it, so it stays as the extractions were measured |
//! | [`plain_words`] | the `aliases` stage's person-name words | case only, punctuation trimmed from each word's ends |
//! | [`alias_key`] | the alias table of corpus resolution (`resolve::aliases`) | case, dots and apostrophes dropped, hyphens as spaces, a leading "the" dropped |
//! | [`scorer_key`] | the evaluation's speaker names (`eval`) | exactly `score.py`'s `norm_name`: Python's `isalnum`/`lower`, every other character a space |
//!
//! Name *analysis* (titles and honorifics stripped, a glossing parenthetical split off) is
//! `resolve::normalise_name`, which reads resolution's tables and is built on
//! [`word_tokens`]. Imports nothing but std.

/// Folds one character: lowercase, diacritics of ASCII-similar Latin letters removed.
/// Returns up to two characters (ligatures such as "æ" → "ae").
fn fold_char(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        let folded: &str = match lower {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ'
            | 'ậ' => "a",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' | 'ḍ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ế' | 'ề' | 'ệ' => {
                "e"
            }
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' | 'ḥ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ị' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ọ' | 'ố' | 'ồ' | 'ộ'
            | 'ơ' => "o",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ṣ' => "s",
            'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṭ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ụ' | 'ư' => {
                "u"
            }
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' | 'ỳ' => "y",
            'ź' | 'ż' | 'ž' | 'ẓ' => "z",
            'æ' => "ae",
            'œ' => "oe",
            'ß' => "ss",
            'þ' => "th",
            _ => {
                out.push(lower);
                continue;
            }
        };
        out.push_str(folded);
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// The matching tokens of one whitespace-free word: folded ([`fold_char`]), a possessive
/// dropped ("pakistan's", "states'"), dots and apostrophes removed ("u.s." → "us",
/// "o'brien" → "obrien"), split at any other punctuation ("inter-services").
pub(crate) fn word_tokens(word: &str) -> Vec<String> {
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        if is_apostrophe(c) {
            folded.push('\'');
        } else {
            fold_char(c, &mut folded);
        }
    }
    // Possessives: "pakistan's", "states'".
    let mut body = folded.as_str();
    let trimmed = body.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    if let Some(stem) = trimmed.strip_suffix("'s") {
        body = stem;
    } else if let Some(stem) = trimmed.strip_suffix('\'') {
        body = stem;
    }
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in body.chars() {
        if c.is_alphanumeric() {
            current.push(c);
        } else if c == '.' || c == '\'' {
            // "u.s." → "us", "o'brien" → "obrien"
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// The matching key of a name or table phrase: the [`word_tokens`] of each word joined by
/// single spaces ("the Pentagon’s" → "the pentagon", "Inter-Services" → "inter services").
pub(crate) fn match_key(phrase: &str) -> String {
    let tokens: Vec<String> = phrase.split_whitespace().flat_map(word_tokens).collect();
    tokens.join(" ")
}

/// The table key of a country name or demonym: [`match_key`] without a leading "the".
pub(crate) fn place_key(phrase: &str) -> String {
    let key = match_key(phrase);
    match key.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => key,
    }
}

/// Appends the lookup form of one token to `buf`: lowercase, curly apostrophes made
/// straight, common Latin-1 accents removed (fewer than [`fold_char`] folds) ("Chargé d’" → "charge d'").
pub(crate) fn push_norm(token: &str, buf: &mut String) {
    if token.is_ascii() {
        let start = buf.len();
        buf.push_str(token);
        if let Some(added) = buf.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    for c in token.chars() {
        let mapped = match c {
            '’' | '‘' | '`' | '´' | 'ʼ' => '\'',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'ı' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            'ş' | 'Ş' => 's',
            'ğ' => 'g',
            _ => {
                for lower in c.to_lowercase() {
                    buf.push(lower);
                }
                continue;
            }
        };
        buf.push(mapped);
    }
}

/// Appends a token to a phrase key: tokens are joined by one space, except after an
/// apostrophe ("d’ Affairs" and "d’Affairs" give the same key).
pub(crate) fn push_key_token(token: &str, buf: &mut String) {
    if !buf.is_empty() && !buf.ends_with('\'') {
        buf.push(' ');
    }
    push_norm(token, buf);
}

/// The in-article lookup key of a written name: [`push_key_token`] over its whitespace
/// words ("Chargé d’ Affairs" → "charge d'affairs").
pub(crate) fn lookup_key(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    for w in surface.split_whitespace() {
        push_key_token(w, &mut out);
    }
    out
}

/// The in-article clustering key of a non-person name: [`lookup_key`] without a leading
/// "the" and without dots ("the U.S." → "us").
pub(crate) fn article_key(surface: &str) -> String {
    let key = lookup_key(surface);
    key.strip_prefix("the ").unwrap_or(&key).replace('.', "")
}

/// The words of a person's name for containment tests: each whitespace word lower-cased
/// with non-alphanumeric characters trimmed from its ends, empty words dropped
/// ("Qureshi," → "qureshi"; no diacritics folded).
pub(crate) fn plain_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The key of the entity network's alias table: lower case, without dots, apostrophes and a
/// leading "the", hyphens as spaces, single spaces ("the U.N." → "un", "Al-Qaeda" →
/// "al qaeda"); diacritics and possessives are kept.
pub(crate) fn alias_key(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '’'))
        .map(|c| if c == '-' { ' ' } else { c })
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// `score.py`'s `norm_name`, to the character: every character Python's `str.isalnum` accepts
/// lower-cased (`is_alnum`, the evaluation's port of it, which needs the Unicode category
/// table this module does not import), every other one a space, runs of spaces collapsed.
pub(crate) fn scorer_key(name: &str, is_alnum: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if is_alnum(c) {
            out.extend(c.to_lowercase());
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for the names of weekdays and months (`lower`: lower case), which are capitalised
/// without being names of actors.
pub fn is_calendar_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_key_folds_case_diacritics_possessives_dots_and_punctuation() {
        let cases = [
            ("U.S.", "us"),
            ("the Pentagon’s", "the pentagon"),
            ("States'", "states"),
            ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
            ("Ærø Œuvre Straße", "aero oeuvre strasse"),
            ("Qurēshī", "qureshi"),
            ("  Al-Qaeda ", "al qaeda"),
            ("O'Brien", "obrien"),
            ("O’Brien", "obrien"),
            ("Inter-Services (ISPR)", "inter services ispr"),
            ("AT&T", "at t"),
            ("", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(match_key(raw), want, "{raw}");
        }
        assert_eq!(word_tokens("Pakistan’s,"), ["pakistan"]);
        assert_eq!(word_tokens("U.N.-backed"), ["un", "backed"]);
        assert_eq!(place_key("the United States"), "united states");
        assert_eq!(place_key("The Gambia"), "gambia");
        assert_eq!(place_key("Thessaly"), "thessaly");
    }

    #[test]
    fn lookup_form_folds_only_latin_1_accents_and_keeps_punctuation() {
        let mut one = String::new();
        push_norm("Chargé", &mut one);
        assert_eq!(one, "charge");
        let mut key = String::new();
        for t in ["Charge", "d’", "Affairs"] {
            push_key_token(t, &mut key);
        }
        assert_eq!(key, "charge d'affairs");
        assert_eq!(lookup_key("Chargé d’ Affairs"), "charge d'affairs");
        assert_eq!(lookup_key("Chargé d’Affairs"), "charge d'affairs");
        // Unlike the matching key: the macron stays, the dots and the possessive stay.
        assert_eq!(lookup_key("Qurēshī"), "qurēshī");
        assert_eq!(lookup_key("the U.S.’s"), "the u.s.'s");
        assert_eq!(lookup_key("ŞAHİN"), "sahi\u{307}n");
        assert_eq!(article_key("the U.S."), "us");
        assert_eq!(article_key("The Hague"), "hague");
        assert_eq!(article_key("Theresa May"), "theresa may");
    }

    #[test]
    fn plain_words_trim_each_word_and_fold_case_only() {
        assert_eq!(
            plain_words("Shah Mehmood Qureshi,"),
            ["shah", "mehmood", "qureshi"]
        );
        assert_eq!(
            plain_words("(Erdoğan) -- al-Assad"),
            ["erdoğan", "al-assad"]
        );
        assert!(plain_words(" ... ").is_empty());
    }

    #[test]
    fn alias_key_drops_dots_apostrophes_and_a_leading_the() {
        assert_eq!(alias_key("the U.N."), "un");
        assert_eq!(alias_key("Al-Qaeda"), "al qaeda");
        assert_eq!(alias_key("Da'esh"), "daesh");
        assert_eq!(alias_key("Da’esh"), "daesh");
        assert_eq!(alias_key("The  Islamic   State"), "islamic state");
        assert_eq!(alias_key("the"), "");
        // Diacritics and possessives are kept (unlike the matching key).
        assert_eq!(alias_key("Hezbollah’s"), "hezbollahs");
        assert_eq!(alias_key("Türkiye"), "türkiye");
    }

    #[test]
    fn scorer_key_is_score_py_norm_name() {
        // Python: " ".join("".join(c.lower() if c.isalnum() else " " for c in x).split())
        let alnum = |c: char| c.is_alphanumeric();
        assert_eq!(
            scorer_key("Shah Mehmood Qureshi", alnum),
            "shah mehmood qureshi"
        );
        assert_eq!(
            scorer_key("U.S. Secretary, Lloyd J. Austin", alnum),
            "u s secretary lloyd j austin"
        );
        assert_eq!(scorer_key("O’Brien's", alnum), "o brien s");
        assert_eq!(scorer_key("  Erdoğan  ", alnum), "erdoğan");
        assert_eq!(scorer_key("", alnum), "");
        // The predicate decides what stays: Python's isalnum, not Rust's, in the evaluation.
        assert_eq!(scorer_key("a²b", |c: char| c.is_alphabetic()), "a b");
    }
}
