//! Pronouns and descriptions resolved to the entity named before them, added to the
//! `mentions` layer as OTHER mentions (stage `aliases`, rules `pronoun` and `description`),
//! so that relations can start and end at "he", "its" or "the visiting dignitary".

use crate::model::{Annotations, EntityId, EntityType, MentionId, Provenance};
use crate::pipeline::util::sort_mentions;

/// Nouns of descriptions that stand for a person named earlier ("the visiting dignitary",
/// "the envoy"); offices ("the defence secretary") are TITLE mentions of the `titles` stage.
const DESCRIPTION_NOUNS: [&str; 7] = [
    "dignitary",
    "visitor",
    "guest",
    "envoy",
    "diplomat",
    "official",
    "leader",
];

/// Words of a description that make its referent the visitor of the last meeting.
const VISITING: [&str; 3] = ["visiting", "visitor", "guest"];

/// Pronouns and descriptions resolved to an entity named before them, as mentions of type
/// [`EntityType::Other`] with provenance stage `"aliases"` and a lower confidence (rule
/// `pronoun` or `description`):
/// - "he", "him", "his", "she", "her" → the last PERSON entity mentioned in this or the two
///   sentences before (outside direct quotes, where "he" may be anyone);
/// - "its", and "it" before an action verb → the last organisation or place in this or the
///   previous sentence ("it is important" is not resolved);
/// - "the [visiting] dignitary/visitor/guest/envoy/diplomat/official/leader" → with
///   "visiting"/"visitor"/"guest", the head of the last `Met` relation in `visits` before it
///   (who called on whom), else the last PERSON entity.
///
/// `quotes` are the direct quotes' content spans; `visits` the (byte position, visitor) of
/// meetings. Mentions are returned in text order; none overlaps an existing mention.
#[allow(
    clippy::many_single_char_names,
    reason = "token and mention indices (i, j, m) read best short"
)]
pub(crate) fn reference_mentions(
    text: &str,
    ann: &Annotations,
    quotes: &[crate::model::Span],
    visits: &[(usize, EntityId)],
) -> Vec<crate::model::Mention> {
    use crate::model::{Mention, Span};
    let mut out = Vec::new();
    let tokens = &ann.tokens;
    let mut m = 0;
    let gender = genders(text, ann);
    let last_of = |pos: usize, back_sentences: usize, ok: &dyn Fn(EntityId, EntityType) -> bool| {
        let si = ann.sentence_at(pos)?;
        let floor = ann.sentences[si.saturating_sub(back_sentences)].span.start;
        let i = ann.mentions.partition_point(|x| x.span.start < pos);
        ann.mentions[..i]
            .iter()
            .rev()
            .take_while(|x| x.span.start >= floor)
            .find_map(|x| {
                let e = x.entity?;
                ok(e, ann.entities.get(e.index())?.entity_type).then_some(e)
            })
    };
    let mut i = 0;
    while i < tokens.len() {
        let span = tokens[i].span;
        while m < ann.mentions.len() && ann.mentions[m].span.end <= span.start {
            m += 1;
        }
        if ann.mentions.get(m).is_some_and(|x| x.span.overlaps(span)) {
            i += 1;
            continue;
        }
        let word = span.text(text);
        // Only pronouns and "the" open a reference: skip other words before any work.
        if word.len() > 3 {
            i += 1;
            continue;
        }
        let lower = word.to_ascii_lowercase();
        if !matches!(
            lower.as_str(),
            "he" | "him" | "his" | "she" | "her" | "its" | "it" | "the"
        ) {
            i += 1;
            continue;
        }
        let in_quote = quotes
            .iter()
            .any(|q| q.start <= span.start && span.end <= q.end);
        let next = tokens.get(i + 1).map_or("", |t| t.span.text(text));
        let next_pos = tokens
            .get(i + 1)
            .and_then(|t| t.pos.as_deref())
            .unwrap_or("");
        let mut found: Option<(Span, EntityId, &str)> = None;
        match lower.as_str() {
            "he" | "him" | "his" | "she" | "her" if !in_quote => {
                // Gender when the article tells it ("Mr.", "Ms.", "Queen").
                let male = matches!(lower.as_str(), "he" | "him" | "his");
                let person = |e: EntityId, t: EntityType| {
                    t == EntityType::Person
                        && gender
                            .get(e.index())
                            .copied()
                            .flatten()
                            .is_none_or(|g| g == male)
                };
                // A person known to fit first, then anyone not known not to.
                let known = |e: EntityId, t: EntityType| {
                    t == EntityType::Person
                        && gender.get(e.index()).copied().flatten() == Some(male)
                };
                if let Some(e) =
                    last_of(span.start, 2, &known).or_else(|| last_of(span.start, 2, &person))
                {
                    found = Some((span, e, "pronoun"));
                }
            }
            "its" | "it" if !in_quote => {
                let pleonastic = lower == "it"
                    && (!next_pos.starts_with("VB")
                        || matches!(
                            next.to_lowercase().as_str(),
                            "is" | "was" | "seems" | "appears" | "has" | "had" | "'s" | "’s"
                        ));
                let org =
                    |_: EntityId, t: EntityType| matches!(t, EntityType::Org | EntityType::Loc);
                // The clause subject first ("The U.S. reaffirms its commitment … and remains
                // steadfast in its commitment"), else the last organisation or place.
                let subject = (lower == "its")
                    .then(|| sentence_subject(text, ann, span.start))
                    .flatten()
                    .filter(|&e| {
                        ann.entities
                            .get(e.index())
                            .is_some_and(|x| org(e, x.entity_type))
                    });
                if !pleonastic && let Some(e) = subject.or_else(|| last_of(span.start, 1, &org)) {
                    found = Some((span, e, "pronoun"));
                }
            }
            "the" => {
                // "the [adjective] noun".
                let mut j = i + 1;
                let mut visiting = false;
                while j < tokens.len() && j <= i + 3 {
                    let w = tokens[j].span.text(text);
                    let lw = w.to_lowercase();
                    if !w.chars().next().is_some_and(char::is_lowercase) {
                        break;
                    }
                    visiting |= VISITING.contains(&lw.as_str());
                    if DESCRIPTION_NOUNS.contains(&lw.as_str()) {
                        let d = tokens[i + 1].span.cover(tokens[j].span);
                        let free = !ann.mentions.iter().any(|x| x.span.overlaps(d));
                        let referent = if visiting {
                            visits
                                .iter()
                                .rev()
                                .find(|(p, _)| *p < d.start)
                                .map(|(_, e)| *e)
                        } else {
                            last_of(d.start, 2, &|_, t| t == EntityType::Person)
                        };
                        if free && let Some(e) = referent {
                            found = Some((d, e, "description"));
                        }
                        break;
                    }
                    if !tokens[j].pos.as_deref().is_some_and(|p| {
                        p.starts_with("JJ") || p == "VBG" || p == "VBN" || p == "RB"
                    }) {
                        break;
                    }
                    j += 1;
                }
            }
            _ => {}
        }
        if let Some((span, e, rule)) = found {
            out.push(Mention {
                span,
                entity_type: EntityType::Other,
                entity: Some(e),
                provenance: Provenance::new("aliases", 0.5, rule),
            });
            i = tokens.partition_point(|t| t.span.start < span.end);
            continue;
        }
        i += 1;
    }
    out
}

/// Words before a name that tell a person's gender.
const MALE_WORDS: [&str; 6] = ["mr", "sir", "king", "prince", "lord", "brother"];
const FEMALE_WORDS: [&str; 9] = [
    "mrs", "ms", "miss", "madam", "queen", "princess", "lady", "dame", "sister",
];

/// For each entity, `Some(true)` when a mention of it follows a male word ("Mr. Kerry"),
/// `Some(false)` for a female word ("Ms. Nuland"), `None` when the article does not say or
/// says both.
fn genders(text: &str, ann: &Annotations) -> Vec<Option<bool>> {
    let mut seen = vec![(false, false); ann.entities.len()];
    for m in &ann.mentions {
        let Some(e) = m.entity.filter(|e| e.index() < seen.len()) else {
            continue;
        };
        let before = text.get(..m.span.start).unwrap_or("").trim_end();
        let word = before
            .trim_end_matches('.')
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if MALE_WORDS.contains(&word.as_str()) {
            seen[e.index()].0 = true;
        } else if FEMALE_WORDS.contains(&word.as_str()) {
            seen[e.index()].1 = true;
        }
    }
    seen.into_iter()
        .map(|(m, f)| match (m, f) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        })
        .collect()
}

/// The entity of the first mention of the sentence around `pos` (before `pos`) that no
/// preposition or possessive governs: the clause subject, when the sentence opens with it.
fn sentence_subject(text: &str, ann: &Annotations, pos: usize) -> Option<EntityId> {
    let si = ann.sentence_at(pos)?;
    let start = ann.sentences[si].span.start;
    let first = ann.mentions.partition_point(|x| x.span.start < start);
    let x = ann.mentions.get(first).filter(|x| x.span.end <= pos)?;
    // Only the sentence's opening words may stand before it ("The", "Today, the").
    let before = text.get(start..x.span.start)?.trim().to_ascii_lowercase();
    let opening = before.is_empty() || before == "the";
    let after = text.get(x.span.end..)?;
    let possessive = after.starts_with("’s") || after.starts_with("'s");
    (opening && !possessive).then_some(x.entity?)
}

/// Adds `refs` (from [`reference_mentions`]) to the document: each joins its entity, the
/// mentions are re-sorted and every mention id is rewritten.
pub(crate) fn add_reference_mentions(ann: &mut Annotations, refs: Vec<crate::model::Mention>) {
    if refs.is_empty() {
        return;
    }
    for r in refs {
        let id = MentionId::from_index(ann.mentions.len());
        if let Some(e) = r.entity.and_then(|e| ann.entities.get_mut(e.index())) {
            e.mentions.push(id);
        }
        ann.mentions.push(r);
    }
    sort_mentions(ann);
}
