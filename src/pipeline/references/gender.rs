//! Gender from given names: `assets/lexicon/given_name_gender.txt` lists given names whose
//! bearers are, in news, almost always of one gender ("Hillary" → she, "Donald" → he), so
//! that "he" and "she" agree with a person the article never calls "Mr." or "Ms.".

use std::sync::LazyLock;

use crate::pipeline::text::{FxMap, content_lines};

/// An entity's gender as the article tells it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    /// Not told, or told both ways.
    Unknown,
    /// "Mr.", or mostly "he" after its mentions.
    Male,
    /// "Mrs.", "Ms.", or mostly "she" after its mentions.
    Female,
}

const GIVEN_NAMES: &str = include_str!("../../../assets/lexicon/given_name_gender.txt");

static NAMES: LazyLock<FxMap<&'static str, Gender>> = LazyLock::new(|| {
    let mut map = FxMap::default();
    let mut gender = Gender::Unknown;
    for line in content_lines(GIVEN_NAMES) {
        match line {
            "[male]" => gender = Gender::Male,
            "[female]" => gender = Gender::Female,
            _ => {
                for w in line.split_whitespace() {
                    map.insert(w, gender);
                }
            }
        }
    }
    map
});

/// Words before a given name in a canonical name that are no part of it ("Sen.", "Dr.").
fn is_title_word(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "sen"
            | "rep"
            | "gov"
            | "gen"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "president"
            | "senator"
            | "governor"
            | "minister"
            | "prime"
            | "secretary"
    )
}

/// The gender a person's name tells by its given name: the first word of `name` that is no
/// title, looked up in the list; [`Gender::Unknown`] when it is not listed.
pub(crate) fn name_gender(name: &str) -> Gender {
    for word in name.split_whitespace() {
        let lower = word.trim_end_matches('.').to_lowercase();
        if is_title_word(&lower) {
            continue;
        }
        return NAMES
            .get(lower.as_str())
            .copied()
            .unwrap_or(Gender::Unknown);
    }
    Gender::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_tell_gender() {
        assert!(name_gender("Hillary Clinton") == Gender::Female);
        assert!(name_gender("Sen. Bernie Sanders") == Gender::Male);
        assert!(name_gender("Melanie") == Gender::Female);
        assert!(name_gender("Jordan Peterson") == Gender::Unknown);
        assert!(name_gender("Clinton") == Gender::Unknown);
    }
}
