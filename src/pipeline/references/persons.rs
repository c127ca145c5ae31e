//! The persons a pronoun or a description of a quotation's speaker may stand for: every
//! person mention in text order, each entity's gender, and the nouns of descriptions.
//!
//! An entity's gender comes from honorifics before its names ("Mr.", "Mrs.", "Ms."),
//! failing that from its given name ([`super::gender`]), failing that from the he/she
//! pronouns that follow its mentions in the document.

use super::gender::{Gender, name_gender};
use crate::model::{Annotations, EntityId, EntityType};
use crate::pipeline::util::Norms;

/// A person mention a pronoun may refer to.
#[derive(Clone, Copy)]
struct PersonMention {
    start: usize,
    entity: EntityId,
    sentence: usize,
    /// Opens its sentence's subject: no verb before it in the sentence.
    subject: bool,
    /// Inside quotation marks: the quoted words name people the speaker talks about, who
    /// are no antecedents of a pronoun outside them.
    quoted: bool,
}

/// The person mentions of one document and the genders of its entities.
pub(crate) struct Persons {
    /// Every person mention (names and offices linked to a person), in text order.
    mentions: Vec<PersonMention>,
    gender: Vec<Gender>,
    /// The sentence of each byte position is looked up in these sentence starts.
    sentence_starts: Vec<usize>,
}

impl Persons {
    /// Collects the person mentions of `ann` (`norms` its normalised tokens, `tm` the
    /// mention covering each token, `quoted` whether each token lies inside quotation
    /// marks — empty for none) and decides each entity's gender: an honorific, else the
    /// given name, else a vote of the he/she pronouns after its mentions.
    pub(crate) fn new(
        text: &str,
        ann: &Annotations,
        norms: &Norms,
        tm: &[Option<usize>],
        quoted: &[bool],
    ) -> Self {
        let n = ann.entities.len();
        let mut honorific = vec![Gender::Unknown; n];
        let mut votes = vec![(0u32, 0u32); n];
        let mut persons = Vec::new();
        let mut last: Option<EntityId> = None;
        let sentence_starts: Vec<usize> = ann.sentences.iter().map(|s| s.span.start).collect();
        let sentence_of = |pos: usize| {
            sentence_starts
                .partition_point(|&s| s <= pos)
                .saturating_sub(1)
        };
        let mut verb_seen = (usize::MAX, false);
        for i in 0..ann.tokens.len() {
            let l = norms.get(i);
            let si = sentence_of(ann.tokens[i].span.start);
            if verb_seen.0 != si {
                verb_seen = (si, false);
            }
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
                        persons.push(PersonMention {
                            start: ann.mentions[m].span.start,
                            entity: e,
                            sentence: si,
                            subject: !verb_seen.1,
                            quoted: quoted.get(i).copied().unwrap_or(false),
                        });
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
            if ann.tokens[i]
                .pos
                .as_deref()
                .is_some_and(|t| t.starts_with("VB") || t == "MD")
            {
                verb_seen.1 = true;
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
            .zip(&ann.entities)
            .map(|((&h, &(m, f)), entity)| match h {
                Gender::Unknown => match name_gender(&entity.canonical_name) {
                    Gender::Unknown if m >= 2 && m > f * 2 => Gender::Male,
                    Gender::Unknown if f >= 2 && f > m * 2 => Gender::Female,
                    g => g,
                },
                g => g,
            })
            .collect();
        Self {
            mentions: persons,
            gender,
            sentence_starts,
        }
    }

    fn gender_of(&self, e: EntityId) -> Gender {
        self.gender
            .get(e.index())
            .copied()
            .unwrap_or(Gender::Unknown)
    }

    /// The person a he/she pronoun at byte `pos` refers to. `speakers` are the (byte
    /// position, entity) of the speakers of the quotations before it, the most salient
    /// antecedents of a "he said" that continues them.
    ///
    /// Candidates are the persons of the pronoun's sentence and the three before it, outside
    /// quotation marks, whose gender does not contradict the pronoun's; each scores by
    /// recency (a sentence back costs 30), subject position (+40), having spoken the
    /// quotation just before (+50) and a known agreeing gender (+40); the best wins, the
    /// nearest on ties. With no candidate there, the nearest person of the right gender
    /// among the last eight, else the nearest whose gender does not contradict.
    pub(crate) fn resolve_gendered(
        &self,
        pos: usize,
        want: Gender,
        speakers: &[(usize, EntityId)],
    ) -> Option<EntityId> {
        let i = self.mentions.partition_point(|p| p.start < pos);
        let recent = &self.mentions[..i];
        let here = self.sentence_of(pos);
        let fits = |e: EntityId| {
            let g = self.gender_of(e);
            g == Gender::Unknown || g == want
        };
        let mut best: Option<(i32, usize, EntityId)> = None;
        let mut consider = |score: i32, start: usize, e: EntityId| {
            if best.is_none_or(|(s, at, _)| score > s || (score == s && start > at)) {
                best = Some((score, start, e));
            }
        };
        for p in recent.iter().rev().take(24) {
            let back = here.saturating_sub(p.sentence);
            if back > 3 {
                break;
            }
            if p.quoted || !fits(p.entity) {
                continue;
            }
            let mut score = 100 - 30 * i32::try_from(back).unwrap_or(3);
            if p.subject {
                score += 40;
            }
            if self.gender_of(p.entity) == want {
                score += 40;
            }
            consider(score, p.start, p.entity);
        }
        // The speaker of the last quotation before, if near.
        if let Some(&(at, e)) = speakers.iter().rev().find(|&&(at, _)| at < pos) {
            let back = here.saturating_sub(self.sentence_of(at));
            if back <= 3 && fits(e) {
                let mut score = 100 - 30 * i32::try_from(back).unwrap_or(3) + 50;
                if self.gender_of(e) == want {
                    score += 40;
                }
                consider(score, at, e);
            }
        }
        if let Some((_, _, e)) = best {
            return Some(e);
        }
        recent
            .iter()
            .rev()
            .filter(|p| !p.quoted)
            .take(8)
            .find(|p| self.gender_of(p.entity) == want)
            .or_else(|| {
                recent
                    .iter()
                    .rev()
                    .filter(|p| !p.quoted)
                    .take(64)
                    .find(|p| fits(p.entity))
            })
            .map(|p| p.entity)
    }

    fn sentence_of(&self, pos: usize) -> usize {
        self.sentence_starts
            .partition_point(|&s| s <= pos)
            .saturating_sub(1)
    }

    /// The last person mentioned before byte `pos`.
    pub(crate) fn last_person(&self, pos: usize) -> Option<EntityId> {
        let i = self.mentions.partition_point(|p| p.start < pos);
        i.checked_sub(1).map(|j| self.mentions[j].entity)
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
