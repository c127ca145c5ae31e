//! The document rules applied to the merged mentions: a name never ends in "of", the
//! surname of a person named in full is that person, event and document heads are MISC, a
//! name after "the town of" is a place, transcript speaker labels are people, and a name
//! whose mentions mostly share one type takes it everywhere in the article.

use crate::model::{Annotations, EntityType};

use super::merge::Prop;
use super::words::{is_misc_head, span_of};
use crate::names::lookup_key;
use crate::pipeline::text::{FxMap, FxSet};
use crate::pipeline::util::Norms;

/// Applies the document rules to `props` (the merged mentions, in text order).
pub(super) fn apply(text: &str, ann: &Annotations, norms: &Norms, props: &mut Vec<Prop>) {
    join_dangling_connectors(ann, norms, props);
    surnames_of_people(text, props);
    event_and_document_names(norms, props);
    places_named_by_a_place_noun(norms, props);
    transcript_speakers(text, ann, norms, props);
    one_type_per_name(text, props);
}

/// "Geneva Communique", "UN Security Council Resolution", "Manama Dialogue", "Ise-Shima
/// Summit": a model name of two or more words headed by an event or document word is MISC,
/// not an organisation or a place.
pub(super) fn event_and_document_names(norms: &Norms, out: &mut [Prop]) {
    for p in out.iter_mut() {
        if matches!(p.ty, EntityType::Org | EntityType::Loc)
            && p.rule == "perceptron"
            && p.end >= p.start + 2
            && (is_misc_head(norms.get(p.end - 1)) || norms.get(p.end - 1) == "communique")
            && !matches!(
                norms.get(p.end - 1),
                "gate" | "conference" | "forum" | "order"
            )
        {
            p.ty = EntityType::Misc;
            p.rule = "perceptron-event-head";
        }
    }
}

/// "the town of Tel Tamer", "the province of Hasaka": a name after a place noun and "of"
/// is a place.
pub(super) fn places_named_by_a_place_noun(norms: &Norms, out: &mut [Prop]) {
    for p in out.iter_mut() {
        if matches!(
            p.ty,
            EntityType::Org | EntityType::Person | EntityType::Misc
        ) && p.rule == "perceptron"
            && p.start >= 2
            && norms.get(p.start - 1) == "of"
            && matches!(
                norms.get(p.start - 2),
                "town" | "city" | "village" | "province" | "district" | "region" | "county"
            )
        {
            p.ty = EntityType::Loc;
            p.rule = "perceptron-place-noun";
        }
    }
}

/// "Knox Thames … Special Advisor Thames": a model organisation or MISC name that is the
/// surname of a person named in full in the same article is that person.
pub(super) fn surnames_of_people(text: &str, out: &mut [Prop]) {
    let surnames: FxSet<String> = out
        .iter()
        .filter(|p| p.ty == EntityType::Person && p.end >= p.start + 2)
        .filter_map(|p| p.span.text(text).split_whitespace().last())
        .map(lookup_key)
        .collect();
    if surnames.is_empty() {
        return;
    }
    for p in out.iter_mut() {
        if matches!(p.ty, EntityType::Org | EntityType::Misc)
            && p.rule.starts_with("perceptron")
            && p.end == p.start + 1
            && surnames.contains(&lookup_key(p.span.text(text)))
        {
            p.ty = EntityType::Person;
            p.rule = "person-surname";
        }
    }
}

/// Words of a transcript's speaker label that are not the speaker's name.
pub(super) fn is_label_word(norm: &str) -> bool {
    matches!(
        norm,
        "mr" | "mr."
            | "ms"
            | "ms."
            | "mrs"
            | "mrs."
            | "dr"
            | "dr."
            | "secretary"
            | "deputy"
            | "under"
            | "assistant"
            | "acting"
            | "ambassador"
            | "president"
            | "vice"
            | "prime"
            | "foreign"
            | "minister"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "general"
            | "admiral"
            | "senator"
            | "governor"
            | "special"
            | "envoy"
            | "of"
            | "state"
    )
}

/// Labels of transcript turns that name no one.
pub(super) fn is_anonymous_label(norm: &str) -> bool {
    matches!(
        norm,
        "question"
            | "answer"
            | "q"
            | "a"
            | "moderator"
            | "operator"
            | "participant"
            | "audience"
            | "reporter"
            | "staff"
            | "official"
            | "translator"
            | "interpreter"
    )
}

/// Transcript turns ("SECRETARY KERRY: We obviously talked…", "MR KIRBY: Thanks"): the
/// capitalised words of a label that opens a paragraph and ends in a colon name a person,
/// after its title words ("SECRETARY", "MR"). The model, trained on mixed case, misses
/// such all-caps names or types them as organisations.
pub(super) fn transcript_speakers(
    text: &str,
    ann: &Annotations,
    norms: &Norms,
    out: &mut Vec<Prop>,
) {
    let tokens = &ann.tokens;
    let mut added = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let before = &text[..t.span.start];
        let paragraph_start = before.trim_end_matches([' ', '\t']).is_empty()
            || before.trim_end_matches([' ', '\t', '\r']).ends_with('\n');
        if !paragraph_start {
            continue;
        }
        // Up to six all-caps words, then ":".
        let mut k = i;
        while k < tokens.len() && k < i + 6 {
            let w = tokens[k].span.text(text);
            let caps = w.chars().any(char::is_alphabetic)
                && w.chars()
                    .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '\'');
            if !caps {
                break;
            }
            k += 1;
        }
        if k == i || tokens.get(k).is_none_or(|c| c.span.text(text) != ":") {
            continue;
        }
        let mut name_start = i;
        while name_start < k && is_label_word(norms.get(name_start)) {
            name_start += 1;
        }
        if name_start == k || (name_start..k).any(|j| is_anonymous_label(norms.get(j))) {
            continue;
        }
        let span = span_of(ann, name_start, k);
        // A dateline ("ISLAMABAD:") is no speaker: without a title word first, the name
        // must be a person elsewhere in the article.
        let known_person = || {
            let name = span.text(text);
            out.iter().any(|p| {
                p.ty == EntityType::Person
                    && p.span != span
                    && p.span.text(text).eq_ignore_ascii_case(name)
            })
        };
        if name_start == i && !known_person() {
            continue;
        }
        if let Some(p) = out
            .iter_mut()
            .find(|p| p.span == span && p.ty != EntityType::Loc)
        {
            p.ty = EntityType::Person;
            p.rule = "transcript-speaker";
        } else if !out.iter().any(|p| p.span.overlaps(span)) {
            added.push(Prop {
                span,
                start: name_start,
                end: k,
                ty: EntityType::Person,
                conf: 0.8,
                rule: "transcript-speaker",
            });
        }
    }
    if !added.is_empty() {
        out.append(&mut added);
        out.sort_by_key(|p| (p.span.start, p.span.end));
    }
}

/// A name cannot end in "of", "for", "and" or "the": the model's "Government of" before
/// "Iraq" is the organisation "Government of Iraq" (joined with the name that follows it in
/// the same sentence), and without such a name the dangling words are trimmed off.
pub(super) fn join_dangling_connectors(ann: &Annotations, norms: &Norms, out: &mut Vec<Prop>) {
    let dangling = |k: usize| matches!(norms.get(k), "of" | "for" | "and" | "the" | "on");
    for i in 0..out.len() {
        let p = &out[i];
        if p.end <= p.start + 1 || !dangling(p.end - 1) {
            continue;
        }
        let same_sentence = |a: usize, b: usize| ann.sentence_at(a) == ann.sentence_at(b);
        // "the Governments of Iraq and the United States": a plural head before "of" and a
        // coordination after the name names several things; they are not joined.
        let plural_of = norms.get(p.end - 1) == "of"
            && norms.get(p.end - 2).ends_with('s')
            && p.end - 2 == p.start;
        let next = out.get(i + 1).filter(|n| {
            !(plural_of && norms.get(n.end) == "and")
                && n.start == p.end
                && matches!(n.ty, EntityType::Loc | EntityType::Org | EntityType::Person)
                && same_sentence(p.span.start, n.span.start)
        });
        if let Some(n) = next {
            let (end, span_end, conf) = (n.end, n.span.end, n.conf.min(p.conf));
            let p = &mut out[i];
            p.end = end;
            p.span.end = span_end;
            p.conf = conf;
            p.rule = "perceptron-joined";
            out[i + 1].end = out[i + 1].start;
        } else {
            let p = &mut out[i];
            while p.end > p.start && dangling(p.end - 1) {
                p.end -= 1;
            }
            // "Governments" alone is no name.
            if plural_of {
                p.end = p.start;
            }
            if p.end > p.start {
                p.span = span_of(ann, p.start, p.end);
                p.rule = "perceptron-trimmed";
            }
        }
    }
    out.retain(|p| p.end > p.start);
}

/// One type per name in a document: when most mentions of a name (normalised surface) typed
/// PERSON, ORG, LOC or MISC share one type — more than all the others together — the rest
/// take it, so "Dabiq" is not a place, an organisation and a person in one article. Without
/// a clear majority (a city and its football team, twice each) the types stay.
pub(super) fn one_type_per_name(text: &str, props: &mut [Prop]) {
    const TYPES: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];
    let slot = |ty: EntityType| TYPES.iter().position(|&t| t == ty);
    // Each typed name's key, normalised once.
    let keys: Vec<Option<String>> = props
        .iter()
        .map(|p| slot(p.ty).map(|_| lookup_key(p.span.text(text))))
        .collect();
    let mut votes: FxMap<&str, [u32; 4]> = FxMap::default();
    for (p, key) in props.iter().zip(&keys) {
        if let (Some(k), Some(key)) = (slot(p.ty), key) {
            votes.entry(key.as_str()).or_default()[k] += 1;
        }
    }
    for (p, key) in props.iter_mut().zip(&keys) {
        let Some(counts) = key.as_deref().and_then(|key| votes.get(key)) else {
            continue;
        };
        let total: u32 = counts.iter().sum();
        if let Some(k) = (0..4).find(|&k| counts[k] * 2 > total)
            && TYPES[k] != p.ty
        {
            p.ty = TYPES[k];
            p.rule = "document-type";
        }
    }
}
