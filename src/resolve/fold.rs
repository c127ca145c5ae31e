//! Folding written names to matching tokens, the lowest layer of resolution: case and
//! ASCII-similar Latin diacritics folded, possessives, dots and apostrophes removed, other
//! punctuation splitting tokens. [`super::tables`] keys its phrases with it and
//! [`super::normalise`] analyses names with it.

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

/// The normalised tokens of one whitespace-free word.
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

/// Normalises a table phrase: the tokens of each word joined by single spaces.
pub(crate) fn phrase_key(phrase: &str) -> String {
    let tokens: Vec<String> = phrase.split_whitespace().flat_map(word_tokens).collect();
    tokens.join(" ")
}

/// The table key of a country name or demonym: [`phrase_key`] without a leading "the".
pub(crate) fn place_key(phrase: &str) -> String {
    let key = phrase_key(phrase);
    match key.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => key,
    }
}
