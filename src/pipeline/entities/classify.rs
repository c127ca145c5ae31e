//! A rule candidate (a name over tokens with type, confidence and rule) and the
//! classification of a capitalised sequence by its context: organisation head words,
//! "X administration", titles and honorifics, given names, acronym shape, place
//! prepositions, event heads and name shape.

use crate::model::{Annotations, EntityType, Span};

use super::words::{has_noun_suffix, is_misc_head, span_of};
use crate::pipeline::lexicon::lexicon;
use crate::pipeline::text::{is_all_caps, is_cap};
use crate::pipeline::util::{Norms, tok};

#[derive(Clone, Debug)]
pub(super) struct Cand {
    pub(super) span: Span,
    /// Token range.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) ty: EntityType,
    pub(super) conf: f32,
    pub(super) rule: &'static str,
    /// Found in a heading with weak evidence only.
    pub(super) heading: bool,
    pub(super) dead: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Free,
    Title,
    /// A gazetteer match (index into the sentence's candidates).
    Gaz(usize),
}

#[derive(Default)]
pub(super) struct Scratch {
    pub(super) marks: Vec<Mark>,
    pub(super) local: Vec<Cand>,
    pub(super) key: String,
    /// Every title match of the document so far, as token ranges.
    pub(super) all_titles: Vec<(usize, usize)>,
}

#[allow(clippy::too_many_arguments)]
#[allow(
    clippy::many_single_char_names,
    reason = "token indices (s, e, i, j, k) read best short"
)]
pub(super) fn classify(
    text: &str,
    ann: &Annotations,
    norms: &Norms,
    s: usize,
    e: usize,
    i: usize,
    j: usize,
    heading: bool,
    sc: &mut Scratch,
) {
    let lex = lexicon();
    // "Dr. Ahmed Kamil Murad" split off "Jonathan Cohen and": the honorific is context.
    let mut i = i;
    let mut honorific = false;
    while i < j && lex.honorifics.contains(norms.get(i)) {
        i += 1;
        honorific = true;
    }
    if i >= j {
        return;
    }
    let len = j - i;
    let prev = (i > s).then(|| i - 1);
    let prev_mark = prev.map(|p| sc.marks[p - s]);
    let after = (j < e).then_some(j);
    let mut start = i;
    let mut end = j;
    let org_word = (i..j).any(|k| lex.org_words.contains(norms.get(k)));
    let first = norms.get(i);
    let titled = honorific
        || prev.is_some_and(|p| {
            sc.marks[p - s] == Mark::Title || lex.honorifics.contains(norms.get(p))
        });
    if !org_word && (titled || lex.first_names.contains(first)) {
        // A name does not run on over "of"/"for"/"and": "Saperstein for Religious Minorities".
        if let Some(k) =
            (i + 1..j).find(|&k| matches!(norms.get(k), "of" | "for" | "and" | "&" | "the"))
        {
            classify(text, ann, norms, s, e, i, k, heading, sc);
            let mut r = k + 1;
            while r < j && norms.get(r) == "the" {
                r += 1;
            }
            if r < j {
                classify(text, ann, norms, s, e, r, j, heading, sc);
            }
            return;
        }
    }
    let last = norms.get(j - 1);
    let (ty, conf, rule) = if let Some(a) = after.filter(|&a| {
        matches!(norms.get(a), "administration" | "regime") && !is_cap(tok(text, ann, a))
    }) {
        end = a + 1;
        (EntityType::Org, 0.75, "name-administration")
    } else if org_word {
        (EntityType::Org, 0.8, "org-head-word")
    } else if matches!(
        last,
        "province"
            | "camp"
            | "city"
            | "region"
            | "district"
            | "valley"
            | "river"
            | "island"
            | "islands"
            | "mountains"
            | "county"
            | "governorate"
            | "square"
    ) || first == "camp"
    {
        (EntityType::Loc, 0.7, "place-head-word")
    } else if titled {
        (EntityType::Person, 0.85, "title-name")
    } else if lex.first_names.contains(first) && len >= 2 {
        (EntityType::Person, 0.8, "given-name")
    } else if lex.first_names.contains(first) {
        (EntityType::Person, 0.55, "given-name-alone")
    } else if len == 1
        && !tok(text, ann, i).contains('.')
        && is_all_caps(tok(text, ann, i))
        && (2..=6).contains(
            &tok(text, ann, i)
                .chars()
                .filter(|c| c.is_alphabetic())
                .count(),
        )
    {
        (EntityType::Org, 0.55, "acronym-shape")
    } else if !heading
        && len <= 3
        && prev.is_some_and(|p| {
            matches!(
                norms.get(p),
                "in" | "at" | "from" | "near" | "to" | "into" | "across" | "outside" | "inside"
            )
        })
    {
        (EntityType::Loc, 0.5, "place-preposition")
    } else if len > 1 && is_misc_head(last) {
        (EntityType::Misc, 0.5, "misc-head-word")
    } else if (2..=3).contains(&len)
        && (i..j).all(|k| {
            let t = tok(text, ann, k);
            is_cap(t)
                && !is_all_caps(t)
                && t.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        })
        && !has_noun_suffix(last)
    {
        // Two or three plain capitalised words are most often a person's name.
        (EntityType::Person, 0.45, "name-shape")
    } else {
        (
            EntityType::Misc,
            if len > 1 { 0.4 } else { 0.3 },
            "capitalised-sequence",
        )
    };
    // Organisations absorb a place or demonym right before them ("Iraqi Ministry of
    // Culture", "U.S. Embassy") and an "of <place>" right after ("Government of Iraq").
    if rule == "org-head-word" {
        if let Some(Mark::Gaz(g)) = prev_mark
            && let Some(c) = sc
                .local
                .get_mut(g)
                .filter(|c| matches!(c.ty, EntityType::Loc | EntityType::Norp) && c.end == i)
        {
            c.dead = true;
            start = c.start;
        }
        if j + 1 < e
            && norms.get(j) == "of"
            && let Mark::Gaz(g) = sc.marks[j + 1 - s]
            && let Some(c) = sc
                .local
                .get_mut(g)
                .filter(|c| c.ty == EntityType::Loc && c.start == j + 1)
        {
            c.dead = true;
            end = c.end;
        }
    }
    let span = if start < i
        && sc
            .local
            .iter()
            .any(|c| c.dead && c.start == start && c.rule == "gazetteer-compound")
    {
        span_of(ann, i, end)
    } else {
        span_of(ann, start, end)
    };
    sc.local.push(Cand {
        span,
        start,
        end,
        ty,
        conf,
        rule,
        heading,
        dead: false,
    });
}
