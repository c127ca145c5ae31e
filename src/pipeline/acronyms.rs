//! The `acronyms` stage: links "Expansion (ACRONYM)" pairs.
//!
//! For every capitalised acronym in parentheses, the words right before it (within the
//! clause) are matched letter by letter: each content word's initial must match the next
//! acronym letter; function words ("of", "and", "the") may match or be skipped, hyphenated
//! words count per part ("Inter-Services" → I, S), and acronym letters may be skipped (so
//! "Islamic State Khorasan Province" fits "ISIS-K"). The best-scoring expansion becomes one
//! mention (replacing smaller mentions inside it), the acronym another, both get one new
//! entity, and an `AliasOf` relation (acronym → expansion) is recorded. Later bare uses of
//! the acronym join that entity (except office acronyms such as "COAS", which the `aliases`
//! stage may resolve to the office holder).

use crate::model::{
    Document, Entity, EntityId, EntityType, Mention, Provenance, Relation, RelationKind,
    RelationType, Span,
};

use super::Stage;
use super::lexicon::lexicon;
use super::text::{is_all_caps, is_cap};
use super::util::{mention_at, sentence_token_ranges, sort_mentions, tok};

/// Links acronyms and their expansions.
pub struct Acronyms;

const STAGE: &str = "acronyms";

fn is_function_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "of" | "and" | "the" | "for" | "to" | "in" | "on" | "de" | "a" | "an" | "&" | "at" | "by"
    )
}

/// True for an acronym-shaped token: 2–10 chars, capitals (and digits, hyphens, '&').
pub(crate) fn is_acronym_token(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    (2..=10).contains(&t.chars().count())
        && letters >= 2
        && is_all_caps(t)
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '&' || c == '.')
}

/// How well `words` spell `acronym`: `None` when they do not, else a score (higher is better).
pub(crate) fn letter_match(words: &[&str], acronym: &str) -> Option<i32> {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    let parts: Vec<&str> = words
        .iter()
        .flat_map(|w| w.split('-'))
        .filter(|p| !p.is_empty())
        .collect();
    let first_content = parts.iter().position(|p| !is_function_word(p))?;
    if first_content != 0 {
        return None;
    }
    let (mut l, mut matched, mut unmatched, mut skipped) = (0usize, 0i32, 0i32, 0i32);
    for (k, part) in parts.iter().enumerate() {
        let initial = part
            .chars()
            .next()
            .map(|c| c.to_uppercase().next().unwrap_or(c));
        let function = is_function_word(part);
        if l < letters.len() && initial == Some(letters[l]) {
            l += 1;
            if !function {
                matched += 1;
            }
            continue;
        }
        if k == 0 {
            return None;
        }
        if function {
            continue;
        }
        match letters[l.min(letters.len())..]
            .iter()
            .position(|&c| Some(c) == initial)
        {
            Some(off) => {
                skipped += off as i32;
                l += off + 1;
                matched += 1;
            }
            None => unmatched += 1,
        }
    }
    let leftover = (letters.len() - l.min(letters.len())) as i32;
    let total = matched + unmatched;
    let letters_used = letters.len() as i32 - skipped - leftover;
    if total == 0
        || matched * 10 < total * 6
        || letters_used * 2 < letters.len() as i32
        || matched < 2
    {
        return None;
    }
    Some(matched * 2 - unmatched * 2 - skipped - leftover)
}

struct Def {
    exp: Span,
    acr: Span,
    ty: EntityType,
    sentence: Span,
    acronym: String,
}

impl Stage for Acronyms {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn reads(&self) -> &'static [super::Layer] {
        &[
            super::Layer::Sentences,
            super::Layer::Tokens,
            super::Layer::Mentions,
            super::Layer::Titles,
        ]
    }

    fn writes(&self) -> &'static [super::Layer] {
        &[super::Layer::Acronyms]
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &mut doc.annotations;
        if ann.tokens.is_empty() {
            return;
        }
        sort_mentions(ann);
        let lex = lexicon();
        let mut defs: Vec<Def> = Vec::new();
        let ranges = sentence_token_ranges(ann);
        for (si, &(s, e)) in ranges.iter().enumerate() {
            let mut k = s + 1;
            while k + 2 < e {
                if !(tok(text, ann, k) == "(" && tok(text, ann, k + 2) == ")") {
                    k += 1;
                    continue;
                }
                let acr = tok(text, ann, k + 1);
                if !is_acronym_token(acr) {
                    k += 1;
                    continue;
                }
                let n_letters = acr.chars().filter(|c| c.is_alphanumeric()).count();
                let lower = s.max(k.saturating_sub(2 * n_letters + 4));
                let mut best: Option<(i32, usize)> = None;
                let mut words: Vec<&str> = Vec::new();
                let mut st = k;
                while st > lower {
                    st -= 1;
                    let t = tok(text, ann, st);
                    if !t.chars().next().is_some_and(char::is_alphanumeric) && t != "&" {
                        break;
                    }
                    words.insert(0, t);
                    if !is_cap(t) || is_function_word(t) {
                        continue;
                    }
                    if let Some(score) = letter_match(&words, acr)
                        && best.is_none_or(|(b, _)| score > b)
                    {
                        best = Some((score, st));
                    }
                }
                let Some((_, st)) = best else {
                    k += 1;
                    continue;
                };
                let (Some(a), Some(b), Some(ac)) = (
                    ann.tokens.get(st),
                    ann.tokens.get(k - 1),
                    ann.tokens.get(k + 1),
                ) else {
                    k += 1;
                    continue;
                };
                let exp = Span::new(a.span.start, b.span.end);
                let acr_span = ac.span;
                // Mentions crossing the expansion's edges: leave this pair alone.
                let crossing = ann
                    .mentions
                    .iter()
                    .any(|m| m.span.overlaps(exp) && !exp.contains(m.span));
                if crossing {
                    k += 3;
                    continue;
                }
                let inside: Vec<usize> = ann
                    .mentions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| exp.contains(m.span))
                    .map(|(i, _)| i)
                    .collect();
                let exact = inside
                    .iter()
                    .copied()
                    .find(|&i| ann.mentions[i].span == exp);
                let ty = if let Some(i) = exact {
                    ann.mentions[i].entity_type
                } else if inside
                    .iter()
                    .any(|&i| ann.mentions[i].entity_type == EntityType::Org)
                    || exp
                        .text(text)
                        .split_whitespace()
                        .any(|w| lex.org_words.contains(w.to_lowercase().as_str()))
                {
                    EntityType::Org
                } else {
                    EntityType::Misc
                };
                if exact.is_none() {
                    let mut idx = 0;
                    ann.mentions.retain(|_| {
                        let keep = !inside.contains(&idx);
                        idx += 1;
                        keep
                    });
                    ann.mentions.push(Mention {
                        span: exp,
                        entity_type: ty,
                        entity: None,
                        provenance: Provenance::new(STAGE, 0.75, "acronym-expansion"),
                    });
                }
                match ann.mentions.iter_mut().find(|m| m.span.overlaps(acr_span)) {
                    Some(m) if m.span == acr_span => {
                        m.entity_type = ty;
                    }
                    Some(_) => {
                        k += 3;
                        continue;
                    }
                    None => ann.mentions.push(Mention {
                        span: acr_span,
                        entity_type: ty,
                        entity: None,
                        provenance: Provenance::new(STAGE, 0.85, "acronym-in-parentheses"),
                    }),
                }
                sort_mentions(ann);
                defs.push(Def {
                    exp,
                    acr: acr_span,
                    ty,
                    sentence: ann.sentences.get(si).map_or(exp, |x| x.span),
                    acronym: acr.to_owned(),
                });
                k += 3;
            }
        }
        if defs.is_empty() {
            return;
        }
        // Bare uses of defined acronyms.
        let mut bare: Vec<(Span, usize)> = Vec::new();
        for t in &ann.tokens {
            let surface = t.span.text(text);
            let Some(d) = defs.iter().position(|d| d.acronym == surface) else {
                continue;
            };
            if defs[d].ty == EntityType::Title || defs.iter().any(|x| x.acr == t.span) {
                continue;
            }
            bare.push((t.span, d));
            let overlapping = ann.mentions.iter().any(|m| m.span.overlaps(t.span));
            if !overlapping {
                ann.mentions.push(Mention {
                    span: t.span,
                    entity_type: defs[d].ty,
                    entity: None,
                    provenance: Provenance::new(STAGE, 0.8, "defined-acronym"),
                });
            }
        }
        sort_mentions(ann);
        let mut entity_of_def: Vec<Option<EntityId>> = vec![None; defs.len()];
        for (d, def) in defs.iter().enumerate() {
            let (Some(exp_id), Some(acr_id)) = (mention_at(ann, def.exp), mention_at(ann, def.acr))
            else {
                continue;
            };
            let entity_id = EntityId::from_index(ann.entities.len());
            for id in [exp_id, acr_id] {
                ann.mentions[id].entity = Some(entity_id);
            }
            ann.entities.push(Entity {
                canonical_name: def.exp.text(text).to_owned(),
                entity_type: def.ty,
                mentions: vec![
                    crate::model::MentionId::from_index(exp_id),
                    crate::model::MentionId::from_index(acr_id),
                ],
                aliases: vec![def.acronym.clone()],
                provenance: Provenance::new(STAGE, 0.85, "acronym-in-parentheses"),
            });
            ann.relations.push(Relation {
                head: entity_id,
                tail: entity_id,
                head_mention: Some(crate::model::MentionId::from_index(acr_id)),
                tail_mention: Some(crate::model::MentionId::from_index(exp_id)),
                relation_type: RelationType::AliasOf,
                kind: RelationKind::Asserted,
                trigger: Some(def.acr),
                evidence: def.sentence,
                negated: false,
                modal: false,
                provenance: Provenance::new(STAGE, 0.85, "acronym-in-parentheses"),
            });
            entity_of_def[d] = Some(entity_id);
        }
        for (span, d) in bare {
            let (Some(entity_id), Some(id)) = (entity_of_def[d], mention_at(ann, span)) else {
                continue;
            };
            if ann.mentions[id].entity.is_some() {
                continue;
            }
            ann.mentions[id].entity = Some(entity_id);
            if let Some(entity) = ann.entities.get_mut(entity_id.index()) {
                entity
                    .mentions
                    .push(crate::model::MentionId::from_index(id));
                entity.mentions.sort_unstable();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{
        entities::Entities, sentences::Sentences, titles::Titles, tokens::Tokens,
    };

    #[test]
    fn letter_matching_tolerates_function_words_hyphens_and_suffixes() {
        let m = |s: &str, a: &str| letter_match(&s.split(' ').collect::<Vec<_>>(), a);
        assert!(m("Inter-Services Public Relations", "ISPR").is_some());
        assert!(m("Chief of Army Staff", "COAS").is_some());
        assert!(m("International Military Education and Training", "IMET").is_some());
        assert!(m("Islamic State Khorasan Province", "ISIS-K").is_some());
        assert!(m("Islamic State of Iraq and the Levant", "ISIL").is_some());
        assert!(m("State Board of Antiquities and Heritage", "SBAH").is_some());
        assert!(m("Pakistan Army", "ISPR").is_none());
        assert!(m("the Army", "TA").is_none());
        assert!(m("Public Relations", "ISPR").is_none());
    }

    fn run(text: &str) -> Document {
        let mut doc = Document::new("t", text);
        for stage in [
            &Sentences as &dyn Stage,
            &Tokens,
            &Entities,
            &Titles,
            &Acronyms,
        ] {
            stage.run(&mut doc);
        }
        doc
    }

    #[test]
    fn pairs_become_one_entity_with_an_alias_relation() {
        let doc = run(
            "He will restore International Military Education and Training (IMET) funds. \
             IMET matters. They fight the Islamic State Khorasan Province (ISIS-K).",
        );
        let ann = &doc.annotations;
        assert_eq!(ann.entities.len(), 2);
        let imet = &ann.entities[0];
        assert_eq!(
            imet.canonical_name,
            "International Military Education and Training"
        );
        let forms: Vec<&str> = imet
            .mentions
            .iter()
            .map(|&m| ann.mentions[m.index()].span.text(&doc.text))
            .collect();
        assert_eq!(
            forms,
            [
                "International Military Education and Training",
                "IMET",
                "IMET"
            ]
        );
        assert_eq!(
            ann.entities[1].canonical_name,
            "Islamic State Khorasan Province"
        );
        assert_eq!(ann.relations.len(), 2);
        let r = &ann.relations[0];
        assert_eq!(r.relation_type, RelationType::AliasOf);
        assert_eq!(
            ann.mentions[r.head_mention.unwrap().index()]
                .span
                .text(&doc.text),
            "IMET"
        );
        assert!(
            ann.mentions
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start)
        );
    }
}
