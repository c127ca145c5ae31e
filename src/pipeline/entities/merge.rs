//! Merging the trained model's mentions with the rule layer: titles are cut out of model
//! spans, a title-case headline keeps only names the body confirms, gazetteer matches
//! override the model spans they cover (and fill in where the model found nothing), a name
//! after a title is a person, "X administration" is an organisation and an organisation
//! before "funds" is a programme.

use crate::model::{Annotations, EntityType, Span};

use super::classify::Cand;
use super::words::{is_title_case_heading, span_of};
use crate::names::lookup_key;
use crate::pipeline::lexicon::lexicon;
use crate::pipeline::text::{FxSet, is_cap, is_wordlike};
use crate::pipeline::util::{Norms, tok};

/// A mention proposed by the hybrid recogniser, over tokens `[start, end)`.
#[derive(Clone, Debug)]
pub(super) struct Prop {
    pub(super) span: Span,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) ty: EntityType,
    pub(super) conf: f32,
    pub(super) rule: &'static str,
}

/// Rules whose candidates come from the gazetteers (authoritative lexicons).
pub(super) fn is_gazetteer_rule(rule: &str) -> bool {
    matches!(
        rule,
        "gazetteer" | "gazetteer-compound" | "place-administration"
    )
}

/// A token that can be part of a name: capitalised word or number.
pub(super) fn is_name_token(t: &str) -> bool {
    (is_cap(t) && is_wordlike(t)) || (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
}

/// Tokens `[a, b)` without leading and trailing non-name tokens ("of", "the", brackets).
pub(super) fn trim_to_name(
    text: &str,
    ann: &Annotations,
    a: usize,
    b: usize,
) -> Option<(usize, usize)> {
    let (mut a, mut b) = (a, b);
    while a < b && !is_name_token(tok(text, ann, a)) {
        a += 1;
    }
    while b > a && !is_name_token(tok(text, ann, b - 1)) {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// Whether gazetteer match `g` replaces model mention `p`, which lies inside its tokens.
/// Lexicons know names, not their use: a place name can be a sports team ("New York" ORG
/// in `CoNLL`) or a person ("Jordan"), so a gazetteer place or demonym never retypes a
/// model person, organisation or place of the same extent; organisations and armed groups
/// do retype model persons and MISC ("Al Jazeera", "Daesh").
pub(super) fn overridable(p: &Prop, g: &Cand, compound: Option<bool>, before_title: bool) -> bool {
    if p.start < g.start || p.end > g.end {
        return false;
    }
    // "US Charge d’ Affairs": a place before an office is the country it serves.
    if p.rule == "perceptron-title-split" || before_title {
        return true;
    }
    if let Some(all_places) = compound {
        // "Pakistan-US" as two places, but "Arab-Israeli" stays one MISC name.
        return !matches!(p.ty, EntityType::Misc | EntityType::Norp) || all_places;
    }
    if p.span != g.span {
        // The model found part of a known name ("Inter-Services Public").
        return p.span.start >= g.span.start && p.span.end <= g.span.end;
    }
    match (p.ty, g.ty) {
        (a, b) if a == b => true,
        (EntityType::Person, EntityType::Org | EntityType::Norp)
        | (EntityType::Misc | EntityType::Norp, _) => true,
        _ => false,
    }
}

/// Combines the model's mentions with the rule layer: titles are cut out of model spans,
/// gazetteer matches override the model spans they cover (and fill in where the model found
/// nothing), and "X administration" after a name is an organisation.
pub(super) fn merge(
    text: &str,
    ann: &Annotations,
    norms: &Norms,
    ranges: &[(usize, usize)],
    found: &[(Span, EntityType, f32)],
    cands: &[Cand],
    titles: &[(usize, usize)],
) -> Vec<Prop> {
    let tokens = &ann.tokens;
    let mut props: Vec<Prop> = Vec::with_capacity(found.len());
    for &(span, ty, conf) in found {
        let start = tokens.partition_point(|t| t.span.start < span.start);
        let end = tokens.partition_point(|t| t.span.end <= span.end);
        if end <= start {
            continue;
        }
        // Titles are sorted and disjoint: the overlapping ones are contiguous.
        let first = titles.partition_point(|&(_, b)| b <= start);
        let overlapping = titles[first..]
            .iter()
            .take_while(|&&(a, _)| a < end)
            .copied();
        // A one-word title inside an organisation's name ("General Motors") stays.
        let split = overlapping.clone().any(|(a, b)| {
            ty == EntityType::Person || a <= start && b >= end || a < start || b > end || b - a > 1
        });
        if !split {
            props.push(Prop {
                span,
                start,
                end,
                ty,
                conf,
                rule: "perceptron",
            });
            continue;
        }
        let cut: Vec<(usize, usize)> = overlapping.collect();
        let mut a = start;
        for k in start..=end {
            if k == end || cut.iter().any(|&(ta, tb)| ta <= k && k < tb) {
                if let Some((ps, pe)) = trim_to_name(text, ann, a, k) {
                    props.push(Prop {
                        span: span_of(ann, ps, pe),
                        start: ps,
                        end: pe,
                        ty,
                        conf,
                        rule: "perceptron-title-split",
                    });
                }
                a = k + 1;
            }
        }
    }
    // A title-case headline ("Syrian Opposition Conference in Riyadh") misleads the model:
    // there it keeps only names it also finds in the body. (Only the first line: title-case
    // lines inside an article are often tables and lists of names.)
    let headings: Vec<(usize, usize)> = ranges
        .iter()
        .take(1)
        .copied()
        .filter(|&(s, e)| e > s && is_title_case_heading(text, ann, s, e))
        .collect();
    if !headings.is_empty() {
        let in_heading = |p: &Prop| headings.iter().any(|&(s, e)| p.start >= s && p.end <= e);
        let mut body: FxSet<String> = FxSet::default();
        let mut body_person_words: FxSet<String> = FxSet::default();
        for p in props.iter().filter(|p| !in_heading(p)) {
            let surface = p.span.text(text);
            body.insert(lookup_key(surface));
            if p.ty == EntityType::Person {
                body_person_words.extend(surface.split_whitespace().map(lookup_key));
            }
        }
        // "Foreign Minister Sergey Lavrov" in the headline, "Lavrov" in the body (or a strong
        // rule name such as a name after a title).
        props.retain(|p| {
            let surface = p.span.text(text);
            !in_heading(p)
                || body.contains(&lookup_key(surface))
                || cands
                    .iter()
                    .any(|c| c.conf >= 0.75 && c.start <= p.start && c.end >= p.end)
                || (p.ty == EntityType::Person
                    && surface
                        .split_whitespace()
                        .any(|w| body_person_words.contains(&lookup_key(w))))
        });
    }
    // Gazetteer matches (compound parts share their token range).
    let mut dead = vec![false; props.len()];
    let mut added: Vec<Prop> = Vec::new();
    let gaz: Vec<&Cand> = cands.iter().filter(|c| is_gazetteer_rule(c.rule)).collect();
    let mut gi = 0;
    while gi < gaz.len() {
        let (gs, ge) = (gaz[gi].start, gaz[gi].end);
        let mut gj = gi + 1;
        while gj < gaz.len() && gaz[gj].start == gs && gaz[gj].end == ge {
            gj += 1;
        }
        let first = props.partition_point(|p| p.end <= gs);
        let over: Vec<usize> = (first..props.len())
            .take_while(|&k| props[k].start < ge)
            .collect();
        let g = gaz[gi];
        // A compound counts as places only if every part is one.
        let compound = (g.rule == "gazetteer-compound")
            .then(|| gaz[gi..gj].iter().all(|c| c.ty == EntityType::Loc));
        if over.iter().all(|&k| {
            let before_title = titles.binary_search_by_key(&props[k].end, |t| t.0).is_ok();
            overridable(&props[k], g, compound, before_title)
        }) {
            for &k in &over {
                dead[k] = true;
            }
            for g in &gaz[gi..gj] {
                added.push(Prop {
                    span: g.span,
                    start: g.start,
                    end: g.end,
                    ty: g.ty,
                    conf: g.conf,
                    rule: g.rule,
                });
            }
        }
        gi = gj;
    }
    let mut out: Vec<Prop> = props
        .into_iter()
        .zip(dead)
        .filter_map(|(p, d)| (!d).then_some(p))
        .collect();
    // "Secretary of Defense Ash Carter", "General Qamar Javed Bajwa" (model: ORG "Qamar
    // Javed", PERSON "Bajwa"): a name right after a title replaces the model pieces inside it
    // when one of them is a person.
    for c in cands.iter().filter(|c| c.rule == "title-name") {
        let first = out.partition_point(|p| p.end <= c.start);
        let over: Vec<usize> = (first..out.len())
            .take_while(|&k| out[k].start < c.end)
            .collect();
        if !over.is_empty()
            && over
                .iter()
                .all(|&k| out[k].start >= c.start && out[k].end <= c.end)
            && over.iter().any(|&k| out[k].ty == EntityType::Person)
            && (over.len() > 1 || out[over[0]].span != c.span)
        {
            let k = over[0];
            out[k] = Prop {
                span: c.span,
                start: c.start,
                end: c.end,
                ty: EntityType::Person,
                conf: c.conf,
                rule: c.rule,
            };
            for &k in &over[1..] {
                out[k].end = out[k].start;
            }
        }
    }
    out.retain(|p| p.end > p.start);
    // "Foreign Minister Al-Jubeir": a one-word name right after a title is a person.
    for p in &mut out {
        if p.end == p.start + 1
            && matches!(p.ty, EntityType::Loc | EntityType::Misc)
            && p.rule == "perceptron"
            && titles.binary_search_by_key(&p.start, |t| t.1).is_ok()
        {
            p.ty = EntityType::Person;
            p.rule = "perceptron-after-title";
        }
    }
    // "the Biden administration": the government of the person, not the person.
    for p in &mut out {
        // A MISC "Biden" counts only where the rules also read "X administration".
        let person_like = p.ty == EntityType::Person
            || (p.ty == EntityType::Misc
                && cands.iter().any(|c| {
                    c.rule == "name-administration" && c.start == p.start && c.end == p.end + 1
                }));
        if !person_like {
            continue;
        }
        let sentence_end = ranges
            .get(ranges.partition_point(|&(_, e)| e <= p.start))
            .map_or(p.end, |&(_, e)| e);
        if p.end < sentence_end
            && matches!(norms.get(p.end), "administration" | "government" | "regime")
            && !is_cap(tok(text, ann, p.end))
        {
            p.end += 1;
            p.span = span_of(ann, p.start, p.end);
            p.ty = EntityType::Org;
            p.rule = "name-administration";
        }
    }
    // "International Military Education and Training (IMET) funds": a programme.
    let lex = lexicon();
    for p in &mut out {
        if p.ty != EntityType::Org
            || p.rule != "perceptron"
            || (p.start..p.end).any(|k| lex.org_words.contains(norms.get(k)))
        {
            continue;
        }
        let mut k = p.end;
        if tok(text, ann, k) == "(" && tok(text, ann, k + 2) == ")" {
            k += 3;
        }
        if matches!(
            tok(text, ann, k),
            "funds" | "funding" | "program" | "programme" | "programs" | "programmes" | "grants"
        ) {
            p.ty = EntityType::Misc;
            p.rule = "perceptron-programme";
        }
    }
    out.append(&mut added);
    out.sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
    let mut last_end = 0;
    out.retain(|p| {
        let keep = p.span.start >= last_end;
        if keep {
            last_end = p.span.end;
        }
        keep
    });
    out
}
