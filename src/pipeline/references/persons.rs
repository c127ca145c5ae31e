//! The persons a pronoun or a description of a quotation's speaker may stand for: every
//! person mention in text order, each entity's gender, and the nouns of descriptions.
//!
//! An entity's gender comes from honorifics before its names ("Mr.", "Mrs.", "Ms.") and,
//! failing that, from the he/she pronouns that follow its mentions in the document.

use crate::model::{Annotations, EntityId, EntityType};
use crate::pipeline::util::Norms;

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

/// The person mentions of one document and the genders of its entities.
pub(crate) struct Persons {
    /// (start byte, entity) of every person mention (names and offices linked to a person).
    persons: Vec<(usize, EntityId)>,
    gender: Vec<Gender>,
}

impl Persons {
    /// Collects the person mentions of `ann` (`norms` its normalised tokens, `tm` the
    /// mention covering each token) and votes on each entity's gender.
    pub(crate) fn new(text: &str, ann: &Annotations, norms: &Norms, tm: &[Option<usize>]) -> Self {
        let n = ann.entities.len();
        let mut honorific = vec![Gender::Unknown; n];
        let mut votes = vec![(0u32, 0u32); n];
        let mut persons = Vec::new();
        let mut last: Option<EntityId> = None;
        for i in 0..ann.tokens.len() {
            let l = norms.get(i);
            if let Some(m) = tm[i] {
                let starts = i == 0 || tm[i - 1] != Some(m);
                if let Some(e) = ann.mentions[m].entity
                    && starts
                    && ann
                        .entities
                        .get(e.index())
                        .is_some_and(|x| x.entity_type == EntityType::Person)
                {
                    let end = ann.mentions[m].span.end;
                    let possessive = text[end..].starts_with("'s")
                        || text[end..].starts_with("’s")
                        || text[end..].starts_with("’ ")
                        || text[end..].starts_with("' ");
                    if !possessive {
                        persons.push((ann.mentions[m].span.start, e));
                    }
                    last = Some(e);
                    let before = if i > 0 { norms.get(i - 1) } else { "" };
                    let before2 = if i > 1 && before == "." {
                        norms.get(i - 2)
                    } else {
                        ""
                    };
                    for h in [before2, before, l] {
                        let g = match h.trim_end_matches('.') {
                            "mr" => Gender::Male,
                            "mrs" | "ms" | "miss" | "madam" => Gender::Female,
                            _ => continue,
                        };
                        honorific[e.index()] = g;
                    }
                }
                continue;
            }
            if let Some(e) = last {
                match l {
                    "he" | "his" | "him" => votes[e.index()].0 += 1,
                    "she" | "her" | "hers" => votes[e.index()].1 += 1,
                    _ => {}
                }
            }
        }
        let gender = honorific
            .iter()
            .zip(&votes)
            .map(|(&h, &(m, f))| match h {
                Gender::Unknown if m >= 2 && m > f * 2 => Gender::Male,
                Gender::Unknown if f >= 2 && f > m * 2 => Gender::Female,
                g => g,
            })
            .collect();
        Self { persons, gender }
    }

    /// The person a he/she pronoun at byte `pos` refers to.
    pub(crate) fn resolve_gendered(&self, pos: usize, want: Gender) -> Option<EntityId> {
        let i = self.persons.partition_point(|&(s, _)| s < pos);
        let recent = &self.persons[..i];
        let gender = |e: EntityId| {
            self.gender
                .get(e.index())
                .copied()
                .unwrap_or(Gender::Unknown)
        };
        // A person of the right gender among the last few wins over a nearer one of
        // unknown gender; else the nearest whose gender does not contradict.
        recent
            .iter()
            .rev()
            .take(8)
            .find(|&&(_, e)| gender(e) == want)
            .or_else(|| {
                recent
                    .iter()
                    .rev()
                    .take(64)
                    .find(|&&(_, e)| gender(e) == Gender::Unknown || gender(e) == want)
            })
            .map(|&(_, e)| e)
    }

    /// The last person mentioned before byte `pos`.
    pub(crate) fn last_person(&self, pos: usize) -> Option<EntityId> {
        let i = self.persons.partition_point(|&(s, _)| s < pos);
        i.checked_sub(1).map(|j| self.persons[j].1)
    }
}

/// Person nouns a definite description may name a known person by.
pub(crate) fn is_person_noun(lower: &str) -> bool {
    matches!(
        lower,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "secretary"
            | "minister"
            | "president"
            | "senator"
            | "governor"
            | "candidate"
            | "nominee"
            | "chairman"
            | "chairwoman"
            | "chief"
            | "official"
            | "general"
            | "ambassador"
            | "envoy"
            | "premier"
            | "leader"
            | "lawmaker"
            | "congressman"
            | "congresswoman"
            | "diplomat"
            | "dignitary"
            | "businessman"
            | "billionaire"
            | "mogul"
            | "frontrunner"
            | "front-runner"
            | "mayor"
            | "judge"
            | "director"
            | "commander"
            | "businesswoman"
            | "speaker"
            | "republican"
            | "democrat"
            | "senior"
    )
}

/// Documents and statements that speak for an organisation.
pub(crate) fn is_document_noun(lower: &str) -> bool {
    matches!(
        lower,
        "statement"
            | "release"
            | "report"
            | "letter"
            | "memo"
            | "complaint"
            | "poll"
            | "survey"
            | "study"
            | "website"
            | "site"
            | "filing"
            | "document"
            | "documents"
            | "communique"
            | "communiqué"
            | "tweet"
            | "post"
            | "note"
            | "ruling"
            | "order"
            | "analysis"
            | "review"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
    )
}
