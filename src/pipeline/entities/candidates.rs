//! The rule recogniser's candidates, per sentence: title matches are kept out of names,
//! gazetteer phrases are matched longest-first with their case rules (and hyphenated
//! compounds of places), remaining capitalised sequences are joined over connectors and
//! classified (`classify.rs`); a document pass then gives weak candidates the type
//! their surface form has elsewhere in the article.

use crate::model::{Annotations, EntityType, Span};

use super::classify::{Cand, Mark, Scratch, classify};
use super::words::{is_connector, is_date_word, is_heading, span_of};
use crate::names::{lookup_key, push_key_token, push_norm};
use crate::pipeline::lexicon::lexicon;
use crate::pipeline::text::{FxMap, is_all_caps, is_cap, is_wordlike};
use crate::pipeline::titles::{DocTitles, TitleMatch};
use crate::pipeline::util::{Norms, tok};

/// The rule recogniser's live candidates and every title match `(start, end)` in tokens.
pub(super) fn rule_candidates(
    text: &str,
    ann: &Annotations,
    norms: &Norms,
    titles: &DocTitles,
    ranges: &[(usize, usize)],
) -> (Vec<Cand>, Vec<(usize, usize)>) {
    let mut cands = Vec::new();
    let mut scratch = Scratch::default();
    for (k, &(s, e)) in ranges.iter().enumerate() {
        if e > s {
            let titles = titles.of_sentence(k);
            sentence(text, ann, norms, s, e, titles, &mut scratch, &mut cands);
        }
    }
    document_pass(text, &mut cands);
    cands.retain(|c| !c.dead);
    (cands, scratch.all_titles)
}

#[allow(clippy::too_many_arguments)]
#[allow(
    clippy::many_single_char_names,
    reason = "token indices (s, e, i, j, k) read best short"
)]
pub(super) fn sentence(
    text: &str,
    ann: &Annotations,
    norms: &Norms,
    s: usize,
    e: usize,
    titles: &[TitleMatch],
    sc: &mut Scratch,
    cands: &mut Vec<Cand>,
) {
    let lex = lexicon();
    sc.all_titles
        .extend(titles.iter().map(|t| (t.start, t.end)));
    sc.marks.clear();
    sc.marks.resize(e - s, Mark::Free);
    for t in titles {
        for m in &mut sc.marks[t.start - s..t.end - s] {
            *m = Mark::Title;
        }
    }
    let heading = is_heading(text, ann, s, e);
    let mark = |marks: &[Mark], i: usize| marks.get(i - s).copied().unwrap_or(Mark::Title);
    sc.local.clear();

    // Gazetteer phrases, longest first.
    let mut ends = [0usize; 12];
    let max = lex.gaz_max.min(ends.len());
    let mut i = s;
    while i < e {
        let t0 = tok(text, ann, i);
        if mark(&sc.marks, i) != Mark::Free || !is_wordlike(t0) {
            i += 1;
            continue;
        }
        let mut found = None;
        if lex.gaz_first.contains(norms.get(i)) {
            sc.key.clear();
            let mut limit = 0;
            for (k, end) in ends.iter_mut().enumerate().take(max.min(e - i)) {
                if mark(&sc.marks, i + k) != Mark::Free {
                    break;
                }
                push_key_token(tok(text, ann, i + k), &mut sc.key);
                *end = sc.key.len();
                limit = k + 1;
            }
            for len in (1..=limit).rev() {
                let Some(g) = lex.gazetteer.get(&sc.key[..ends[len - 1]]) else {
                    continue;
                };
                let case_ok = if g.acronym {
                    (i..i + len)
                        .all(|k| is_all_caps(tok(text, ann, k)) || !is_wordlike(tok(text, ann, k)))
                } else if g.lower_initial {
                    true
                } else {
                    (0..len)
                        .all(|k| g.caps & (1 << k.min(31)) == 0 || is_cap(tok(text, ann, i + k)))
                };
                if case_ok {
                    found = Some((len, g.entity_type));
                    break;
                }
            }
        }
        if let Some((len, ty)) = found {
            let idx = sc.local.len();
            // "the new US administration": the government of the place.
            let administration = ty == EntityType::Loc
                && i + len < e
                && mark(&sc.marks, i + len) == Mark::Free
                && norms.get(i + len) == "administration"
                && !is_cap(tok(text, ann, i + len));
            let (ty, end, rule) = if administration {
                (EntityType::Org, i + len + 1, "place-administration")
            } else {
                (ty, i + len, "gazetteer")
            };
            sc.local.push(Cand {
                span: span_of(ann, i, end),
                start: i,
                end,
                ty,
                conf: 0.9,
                rule,
                heading: false,
                dead: false,
            });
            let len = end - i;
            for m in &mut sc.marks[i - s..i + len - s] {
                *m = Mark::Gaz(idx);
            }
            i += len;
            continue;
        }
        // "Pakistan-US": a hyphenated compound of gazetteer places and groups.
        if is_cap(t0) && t0.contains('-') {
            let base = ann.tokens[i].span.start;
            let mut parts = Vec::new();
            let mut offset = 0;
            let mut ok = true;
            for part in t0.split('-') {
                sc.key.clear();
                push_norm(part, &mut sc.key);
                match lex.gazetteer.get(sc.key.as_str()) {
                    Some(g)
                        if matches!(g.entity_type, EntityType::Loc | EntityType::Norp)
                            && (is_cap(part) && (!g.acronym || is_all_caps(part))) =>
                    {
                        parts.push((
                            Span::new(base + offset, base + offset + part.len()),
                            g.entity_type,
                        ));
                    }
                    _ => ok = false,
                }
                offset += part.len() + 1;
            }
            if ok && parts.len() >= 2 {
                let idx = sc.local.len();
                for (span, ty) in parts {
                    sc.local.push(Cand {
                        span,
                        start: i,
                        end: i + 1,
                        ty,
                        conf: 0.8,
                        rule: "gazetteer-compound",
                        heading: false,
                        dead: false,
                    });
                }
                sc.marks[i - s] = Mark::Gaz(idx);
            }
        }
        i += 1;
    }

    // Capitalised sequences.
    let name_tok = |i: usize| {
        let t = tok(text, ann, i);
        (is_cap(t) && is_wordlike(t) && !is_date_word(norms.get(i)))
            || (t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty())
    };
    let mut i = s;
    while i < e {
        let t = tok(text, ann, i);
        let n = norms.get(i);
        if mark(&sc.marks, i) != Mark::Free
            || !is_cap(t)
            || !is_wordlike(t)
            || is_date_word(n)
            || lex.common.contains(n)
            || lex.honorifics.contains(n)
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut has_and = false;
        loop {
            if j < e && mark(&sc.marks, j) == Mark::Free && name_tok(j) {
                j += 1;
                continue;
            }
            if j < e && mark(&sc.marks, j) == Mark::Free && is_connector(norms.get(j)) {
                let mut k = j + 1;
                if k < e && norms.get(k) == "the" && mark(&sc.marks, k) == Mark::Free {
                    k += 1;
                }
                if k < e
                    && mark(&sc.marks, k) == Mark::Free
                    && name_tok(k)
                    && is_cap(tok(text, ann, k))
                {
                    has_and |= matches!(norms.get(j), "and" | "&");
                    j = k + 1;
                    continue;
                }
            }
            break;
        }
        let org_word = (i..j).any(|k| lex.org_words.contains(norms.get(k)));
        let acronym_follows = j + 2 < e
            && tok(text, ann, j) == "("
            && is_all_caps(tok(text, ann, j + 1))
            && tok(text, ann, j + 2) == ")";
        if has_and && !org_word && !acronym_follows {
            // Split "Jabla and Tartus" into its parts.
            let mut a = i;
            for k in i..=j {
                if k == j || matches!(norms.get(k), "and" | "&") {
                    if k > a {
                        classify(text, ann, norms, s, e, a, k, heading, sc);
                    }
                    a = k + 1;
                }
            }
        } else {
            classify(text, ann, norms, s, e, i, j, heading, sc);
        }
        i = j;
    }
    sc.local.retain(|c| !c.dead);
    sc.local.sort_by_key(|c| (c.span.start, c.span.end));
    cands.append(&mut sc.local);
}

/// Gives weak candidates the type their surface form has elsewhere in the document.
pub(super) fn document_pass(text: &str, cands: &mut [Cand]) {
    let lex = lexicon();
    let mut strong: FxMap<String, EntityType> = FxMap::default();
    let mut person_parts: FxMap<String, usize> = FxMap::default();
    let add =
        |c: &Cand, strong: &mut FxMap<String, EntityType>, parts: &mut FxMap<String, usize>| {
            let surface = c.span.text(text);
            if matches!(c.ty, EntityType::Person | EntityType::Org | EntityType::Loc) {
                strong.entry(lookup_key(surface)).or_insert(c.ty);
            }
            if c.ty == EntityType::Person {
                for part in surface.split_whitespace() {
                    let n = lookup_key(part);
                    if !lex.common.contains(n.as_str()) && !is_connector(&n) {
                        *parts.entry(n).or_default() += 1;
                    }
                }
            }
        };
    for c in cands
        .iter()
        .filter(|c| !c.dead && c.conf >= 0.5 && !c.heading)
    {
        add(c, &mut strong, &mut person_parts);
    }
    // Headings: names known from the body, the body name a heading sequence starts with
    // ("Robert Ford Returns"), or names with strong evidence of their own.
    for c in cands.iter_mut().filter(|c| !c.dead && c.heading) {
        let surface = c.span.text(text);
        if let Some(&ty) = strong.get(&lookup_key(surface)) {
            c.ty = ty;
            c.conf = c.conf.max(0.6);
            c.rule = "document-name";
        } else if let Some(prefix) = known_person_prefix(surface, &strong) {
            c.span = Span::new(c.span.start, c.span.start + prefix);
            c.ty = EntityType::Person;
            c.conf = 0.6;
            c.rule = "document-name-prefix";
        } else if c.conf >= 0.75 {
            add(c, &mut strong, &mut person_parts);
        } else {
            c.dead = true;
        }
        c.heading = false;
    }
    for c in cands.iter_mut().filter(|c| !c.dead && c.conf < 0.5) {
        let surface = c.span.text(text);
        if let Some(&ty) = strong.get(&lookup_key(surface)) {
            c.ty = ty;
            c.conf = 0.6;
            c.rule = "document-name";
        } else if !surface.contains(char::is_whitespace)
            && person_parts.contains_key(&lookup_key(surface))
        {
            c.ty = EntityType::Person;
            c.conf = 0.6;
            c.rule = "document-person-part";
        } else if let Some(prefix) = known_person_prefix(surface, &strong) {
            c.span = Span::new(c.span.start, c.span.start + prefix);
            c.ty = EntityType::Person;
            c.conf = 0.6;
            c.rule = "document-name-prefix";
        }
    }
}

/// The byte length of the longest proper prefix of `surface` (whole words) that is a known
/// person's name.
pub(super) fn known_person_prefix(
    surface: &str,
    strong: &FxMap<String, EntityType>,
) -> Option<usize> {
    let ends: Vec<usize> = surface
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(k, _)| k)
        .collect();
    ends.iter()
        .rev()
        .copied()
        .find(|&end| strong.get(&lookup_key(&surface[..end])) == Some(&EntityType::Person))
}
