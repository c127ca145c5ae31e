//! The `entities` stage: PERSON, ORG, LOC, NORP and MISC mentions from the trained
//! recogniser ([`crate::ner::NerModel`]) corrected by the rule layer.
//!
//! The model tags the pipeline's own tokens, grouped into sentences at line breaks and at
//! pipeline sentence ends after final punctuation, over the whole document (document memory).
//! The rule layer then corrects it where its lexicons are authoritative: title matches are
//! cut out of model spans ("US Charge" → "US"; "Army Staff" inside "Chief of Army Staff" →
//! nothing); gazetteer matches (countries, places, organisations, armed groups, demonyms)
//! replace model spans inside them and retype persons and MISC ("Al Jazeera", "Daesh"), but
//! never a model place, person or organisation of the same extent (a place name may be a
//! team or a person); gazetteer matches fill in where the model found nothing; "X
//! administration" after a person name is an ORG; an ORG followed by "funds"/"programme" is
//! a programme (MISC). Provenance: stage `entities`, rule `perceptron` (or
//! `perceptron-title-split`, `perceptron-programme`) for model spans, the rule's name
//! otherwise.
//!
//! The rule recogniser alone ([`RuleEntities`], stage `entities-rules`), per sentence:
//! titles are found first and kept out of names; gazetteer phrases (countries
//! and demonyms, places, organisations, armed groups, religious and political groups) are
//! matched longest-first with case rules; remaining capitalised sequences (joined over "of",
//! "for", "and", "the", name particles) are classified by context: an organisation head word
//! → ORG, "X administration/regime" → ORG, a title or honorific before it → PERSON (without
//! the title), a known given name → PERSON, a short capitalised acronym → ORG, a place
//! preposition → LOC, else MISC. Common words opening a sequence and dates are skipped;
//! headings (title-case lines) only keep names with strong evidence. A document-level pass
//! then gives weak sequences the type their surface form has elsewhere in the article
//! ("Qureshi" after "Shah Mehmood Qureshi").

use crate::model::{Annotations, Document, EntityType, Mention, Provenance, Span};

use super::Stage;
use super::lexicon::lexicon;
use super::titles::{DocTitles, TitleMatch, document_titles};
use super::util::{
    FxMap, FxSet, Norms, is_all_caps, is_cap, is_weekday, is_wordlike, push_key_token, push_norm,
    sentence_token_ranges, sort_mentions, tok,
};
use crate::ner::NerModel;

/// The hybrid entity recogniser (stage `entities`): the trained model's mentions, corrected
/// by the title lexicon and the gazetteers.
pub struct Entities;

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &mut doc.annotations;
        if ann.tokens.is_empty() {
            return;
        }
        let (norms, doc_titles) = document_titles(text, ann);
        let ranges = sentence_token_ranges(ann);
        let (cands, titles) = rule_candidates(text, ann, &norms, &doc_titles, &ranges);
        let mut sentences = model_sentences(text, ann, &ranges);
        // The model finds nothing in a sentence without a capitalised word (other than a
        // common word opening it); skipping those saves a fifth of its time.
        let lex = lexicon();
        let mut norm = String::new();
        sentences.retain(|s| {
            s.iter().enumerate().any(|(k, sp)| {
                let t = sp.text(text);
                t.chars().next().is_some_and(char::is_uppercase)
                    && (k > 0 || {
                        norm.clear();
                        push_norm(t, &mut norm);
                        !lex.common.contains(norm.as_str())
                    })
            })
        });
        let found = NerModel::global().tag_document(text, &sentences);
        let mut props = merge(text, ann, &norms, &ranges, &found, &cands, &titles);
        transcript_speakers(text, ann, &norms, &mut props);
        one_type_per_name(text, &mut props);
        for p in props {
            ann.mentions.push(Mention {
                span: p.span,
                entity_type: p.ty,
                entity: None,
                provenance: Provenance::new("entities", p.conf, p.rule),
            });
        }
        sort_mentions(ann);
    }
}

/// The rule- and gazetteer-based recogniser alone (stage `entities-rules`), the recogniser
/// `entities` used before the trained model; kept for comparison and as a fallback.
pub struct RuleEntities;

impl Stage for RuleEntities {
    fn name(&self) -> &'static str {
        "entities-rules"
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &mut doc.annotations;
        if ann.tokens.is_empty() {
            return;
        }
        let (norms, doc_titles) = document_titles(text, ann);
        let ranges = sentence_token_ranges(ann);
        let (cands, _) = rule_candidates(text, ann, &norms, &doc_titles, &ranges);
        for c in cands {
            ann.mentions.push(Mention {
                span: c.span,
                entity_type: c.ty,
                entity: None,
                provenance: Provenance::new("entities", c.conf, c.rule),
            });
        }
        sort_mentions(ann);
    }
}

/// The rule recogniser's live candidates and every title match `(start, end)` in tokens.
fn rule_candidates(
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

#[derive(Clone, Debug)]
struct Cand {
    span: Span,
    /// Token range.
    start: usize,
    end: usize,
    ty: EntityType,
    conf: f32,
    rule: &'static str,
    /// Found in a heading with weak evidence only.
    heading: bool,
    dead: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Free,
    Title,
    /// A gazetteer match (index into the sentence's candidates).
    Gaz(usize),
}

#[derive(Default)]
struct Scratch {
    marks: Vec<Mark>,
    local: Vec<Cand>,
    key: String,
    /// Every title match of the document so far, as token ranges.
    all_titles: Vec<(usize, usize)>,
}

fn is_date_word(norm: &str) -> bool {
    is_weekday(norm)
        || matches!(
            norm,
            "january"
                | "february"
                | "march"
                | "april"
                | "may"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
        )
}

/// Common-noun endings that surnames rarely have ("Minorities", "Hostilities").
fn has_noun_suffix(norm: &str) -> bool {
    [
        "ies", "ism", "ity", "ion", "ions", "ment", "ments", "ness", "ship", "ance", "ence",
        "ists", "ers",
    ]
    .iter()
    .any(|suffix| norm.ends_with(suffix))
}

/// Head words of events, laws, programmes and other MISC names.
fn is_misc_head(norm: &str) -> bool {
    matches!(
        norm,
        "agreement"
            | "gate"
            | "summit"
            | "conference"
            | "resolution"
            | "order"
            | "act"
            | "treaty"
            | "accord"
            | "accords"
            | "plan"
            | "program"
            | "programme"
            | "initiative"
            | "dialogue"
            | "forum"
            | "award"
            | "prize"
            | "war"
            | "operation"
            | "day"
            | "games"
            | "cup"
            | "championship"
            | "open"
            | "declaration"
            | "convention"
            | "charter"
            | "strategy"
            | "doctrine"
            | "process"
            | "talks"
            | "report"
    )
}

fn is_connector(norm: &str) -> bool {
    matches!(
        norm,
        "of" | "for"
            | "and"
            | "&"
            | "de"
            | "du"
            | "bin"
            | "ibn"
            | "al"
            | "von"
            | "van"
            | "der"
            | "la"
            | "le"
    )
}

fn span_of(ann: &Annotations, start: usize, end: usize) -> Span {
    match (ann.tokens.get(start), ann.tokens.get(end.saturating_sub(1))) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => Span::default(),
    }
}

fn ends_sentence(last: &str) -> bool {
    matches!(last, "." | "?" | "!" | "”" | "\"" | ":" | ";" | ",")
}

/// A title-case heading line (not a shouted all-capitals one).
fn is_title_case_heading(text: &str, ann: &Annotations, s: usize, e: usize) -> bool {
    let (mut words, mut caps, mut upper) = (0, 0, 0);
    for i in s..e {
        let t = tok(text, ann, i);
        if t.len() >= 4 && t.chars().next().is_some_and(char::is_alphabetic) {
            words += 1;
            caps += usize::from(is_cap(t));
            upper += usize::from(is_all_caps(t));
        }
    }
    words >= 2
        && caps * 10 >= words * 7
        && upper * 10 < words * 7
        && !ends_sentence(tok(text, ann, e - 1))
}

fn is_heading(text: &str, ann: &Annotations, s: usize, e: usize) -> bool {
    let last = tok(text, ann, e - 1);
    let (mut words, mut caps, mut upper) = (0, 0, 0);
    for i in s..e {
        let t = tok(text, ann, i);
        if t.len() >= 4 && t.chars().next().is_some_and(char::is_alphabetic) {
            words += 1;
            if is_cap(t) {
                caps += 1;
            }
            if is_all_caps(t) {
                upper += 1;
            }
        }
    }
    // Shouted headlines ("LEICESTERSHIRE TAKE OVER AT TOP.") count even with a full stop.
    (words >= 3 && upper * 10 >= words * 7)
        || (words >= 2 && caps * 10 >= words * 7 && !ends_sentence(last))
}

#[allow(clippy::too_many_arguments)]
#[allow(
    clippy::many_single_char_names,
    reason = "token indices (s, e, i, j, k) read best short"
)]
fn sentence(
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

#[allow(clippy::too_many_arguments)]
#[allow(
    clippy::many_single_char_names,
    reason = "token indices (s, e, i, j, k) read best short"
)]
fn classify(
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

/// The model's input: the pipeline's tokens, with a split possessive (`'` `s`) joined again,
/// grouped into sentences. A pipeline sentence boundary counts only after a line break or
/// sentence-final punctuation (the recogniser was trained on `CoNLL` sentences, which never
/// end after an initial such as "V.").
fn model_sentences(text: &str, ann: &Annotations, ranges: &[(usize, usize)]) -> Vec<Vec<Span>> {
    let mut out: Vec<Vec<Span>> = Vec::with_capacity(ranges.len());
    let mut cur: Vec<Span> = Vec::new();
    let mut prev_end: Option<usize> = None;
    let mut s_iter = ranges.iter().peekable();
    let mut next_sentence_start = s_iter.next().map_or(usize::MAX, |r| r.0);
    for (i, t) in ann.tokens.iter().enumerate() {
        let mut boundary = false;
        while i >= next_sentence_start {
            boundary = true;
            next_sentence_start = s_iter.next().map_or(usize::MAX, |r| r.0);
        }
        if let Some(pe) = prev_end {
            let gap_newline = text.get(pe..t.span.start).is_some_and(|g| g.contains('\n'));
            let last = cur.last().map_or("", |sp: &Span| sp.text(text));
            let terminal = matches!(last, "." | "!" | "?" | "…" | "\"" | "”" | "'" | "’" | ")");
            let split = gap_newline || (boundary && terminal);
            if split && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        let word = t.span.text(text);
        if matches!(word, "s" | "S" | "m" | "ve" | "ll" | "re" | "d")
            && let Some(last) = cur.last_mut()
            && last.end == t.span.start
            && matches!(last.text(text), "'" | "’")
        {
            *last = last.cover(t.span);
        } else {
            cur.push(t.span);
        }
        prev_end = Some(t.span.end);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A mention proposed by the hybrid recogniser, over tokens `[start, end)`.
#[derive(Clone, Debug)]
struct Prop {
    span: Span,
    start: usize,
    end: usize,
    ty: EntityType,
    conf: f32,
    rule: &'static str,
}

/// Rules whose candidates come from the gazetteers (authoritative lexicons).
fn is_gazetteer_rule(rule: &str) -> bool {
    matches!(
        rule,
        "gazetteer" | "gazetteer-compound" | "place-administration"
    )
}

/// A token that can be part of a name: capitalised word or number.
fn is_name_token(t: &str) -> bool {
    (is_cap(t) && is_wordlike(t)) || (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
}

/// Tokens `[a, b)` without leading and trailing non-name tokens ("of", "the", brackets).
fn trim_to_name(text: &str, ann: &Annotations, a: usize, b: usize) -> Option<(usize, usize)> {
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
fn overridable(p: &Prop, g: &Cand, compound: Option<bool>, before_title: bool) -> bool {
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
fn merge(
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
            body.insert(normalise(surface));
            if p.ty == EntityType::Person {
                body_person_words.extend(surface.split_whitespace().map(normalise));
            }
        }
        // "Foreign Minister Sergey Lavrov" in the headline, "Lavrov" in the body (or a strong
        // rule name such as a name after a title).
        props.retain(|p| {
            let surface = p.span.text(text);
            !in_heading(p)
                || body.contains(&normalise(surface))
                || cands
                    .iter()
                    .any(|c| c.conf >= 0.75 && c.start <= p.start && c.end >= p.end)
                || (p.ty == EntityType::Person
                    && surface
                        .split_whitespace()
                        .any(|w| body_person_words.contains(&normalise(w))))
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
    join_dangling_connectors(ann, norms, &mut out);
    surnames_of_people(text, &mut out);
    event_and_document_names(norms, &mut out);
    places_named_by_a_place_noun(norms, &mut out);
    out
}

/// "Geneva Communique", "UN Security Council Resolution", "Manama Dialogue", "Ise-Shima
/// Summit": a model name of two or more words headed by an event or document word is MISC,
/// not an organisation or a place.
fn event_and_document_names(norms: &Norms, out: &mut [Prop]) {
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
fn places_named_by_a_place_noun(norms: &Norms, out: &mut [Prop]) {
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
fn surnames_of_people(text: &str, out: &mut [Prop]) {
    let surnames: FxSet<String> = out
        .iter()
        .filter(|p| p.ty == EntityType::Person && p.end >= p.start + 2)
        .filter_map(|p| p.span.text(text).split_whitespace().last())
        .map(normalise)
        .collect();
    if surnames.is_empty() {
        return;
    }
    for p in out.iter_mut() {
        if matches!(p.ty, EntityType::Org | EntityType::Misc)
            && p.rule.starts_with("perceptron")
            && p.end == p.start + 1
            && surnames.contains(&normalise(p.span.text(text)))
        {
            p.ty = EntityType::Person;
            p.rule = "person-surname";
        }
    }
}

/// Words of a transcript's speaker label that are not the speaker's name.
fn is_label_word(norm: &str) -> bool {
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
fn is_anonymous_label(norm: &str) -> bool {
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
fn transcript_speakers(text: &str, ann: &Annotations, norms: &Norms, out: &mut Vec<Prop>) {
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
fn join_dangling_connectors(ann: &Annotations, norms: &Norms, out: &mut Vec<Prop>) {
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

/// Gives weak candidates the type their surface form has elsewhere in the document.
fn document_pass(text: &str, cands: &mut [Cand]) {
    let lex = lexicon();
    let mut strong: FxMap<String, EntityType> = FxMap::default();
    let mut person_parts: FxMap<String, usize> = FxMap::default();
    let add =
        |c: &Cand, strong: &mut FxMap<String, EntityType>, parts: &mut FxMap<String, usize>| {
            let surface = c.span.text(text);
            if matches!(c.ty, EntityType::Person | EntityType::Org | EntityType::Loc) {
                strong.entry(normalise(surface)).or_insert(c.ty);
            }
            if c.ty == EntityType::Person {
                for part in surface.split_whitespace() {
                    let n = normalise(part);
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
        if let Some(&ty) = strong.get(&normalise(surface)) {
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
        if let Some(&ty) = strong.get(&normalise(surface)) {
            c.ty = ty;
            c.conf = 0.6;
            c.rule = "document-name";
        } else if !surface.contains(char::is_whitespace)
            && person_parts.contains_key(&normalise(surface))
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

/// One type per name in a document: when most mentions of a name (normalised surface) typed
/// PERSON, ORG, LOC or MISC share one type — more than all the others together — the rest
/// take it, so "Dabiq" is not a place, an organisation and a person in one article. Without
/// a clear majority (a city and its football team, twice each) the types stay.
fn one_type_per_name(text: &str, props: &mut [Prop]) {
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
        .map(|p| slot(p.ty).map(|_| normalise(p.span.text(text))))
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

/// The byte length of the longest proper prefix of `surface` (whole words) that is a known
/// person's name.
fn known_person_prefix(surface: &str, strong: &FxMap<String, EntityType>) -> Option<usize> {
    let ends: Vec<usize> = surface
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(k, _)| k)
        .collect();
    ends.iter()
        .rev()
        .copied()
        .find(|&end| strong.get(&normalise(&surface[..end])) == Some(&EntityType::Person))
}

fn normalise(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    for w in surface.split_whitespace() {
        push_key_token(w, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{sentences::Sentences, tokens::Tokens};

    fn prop(text: &str, word: &str, nth: usize, ty: EntityType) -> Prop {
        let start = text.match_indices(word).nth(nth).unwrap().0;
        Prop {
            span: Span::new(start, start + word.len()),
            start: 0,
            end: 0,
            ty,
            conf: 0.9,
            rule: "model",
        }
    }

    #[test]
    fn a_name_after_a_place_noun_is_a_place_and_plural_heads_are_not_joined() {
        let found = ents(
            "ISIL attacked the town of Tel Tamer in Hasaka Province. The project is a \
             partnership between the Governments of Iraq and the United States.",
        );
        assert!(
            found.contains(&("Tel Tamer".to_owned(), "LOC")),
            "{found:?}"
        );
        assert!(found.contains(&("Iraq".to_owned(), "LOC")), "{found:?}");
        assert!(
            !found.iter().any(|(t, _)| t.starts_with("Governments")),
            "{found:?}"
        );
        // The singular head still joins: "Government of Iraq" is one name.
        let found = ents("The Government of Iraq welcomed the decision.");
        assert!(
            found.iter().any(|(t, _)| t == "Government of Iraq"),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_takes_the_type_most_of_its_mentions_have() {
        let text = "Dabiq fell. Forces took Dabiq. Dabiq is free. Dabiq matters. Dabiq again. \
                    Washington won. Washington said. Washington lost. Washington cheered.";
        let tys = [
            EntityType::Loc,
            EntityType::Loc,
            EntityType::Org,
            EntityType::Loc,
            EntityType::Person,
        ];
        let mut props: Vec<Prop> = tys
            .iter()
            .enumerate()
            .map(|(k, &ty)| prop(text, "Dabiq", k, ty))
            .collect();
        // Two and two: no clear majority, the types stay.
        for (k, ty) in [
            EntityType::Org,
            EntityType::Loc,
            EntityType::Org,
            EntityType::Loc,
        ]
        .into_iter()
        .enumerate()
        {
            props.push(prop(text, "Washington", k, ty));
        }
        one_type_per_name(text, &mut props);
        assert!(props[..5].iter().all(|p| p.ty == EntityType::Loc));
        assert_eq!(props[2].rule, "document-type");
        assert_eq!(props[0].rule, "model");
        let washington: Vec<EntityType> = props[5..].iter().map(|p| p.ty).collect();
        assert_eq!(
            washington,
            [
                EntityType::Org,
                EntityType::Loc,
                EntityType::Org,
                EntityType::Loc
            ]
        );
    }

    fn ents(text: &str) -> Vec<(String, &'static str)> {
        let mut doc = Document::new("t", text);
        Sentences.run(&mut doc);
        Tokens.run(&mut doc);
        Entities.run(&mut doc);
        doc.annotations
            .mentions
            .iter()
            .map(|m| (m.span.text(&doc.text).to_owned(), m.entity_type.label()))
            .collect()
    }

    fn has(list: &[(String, &str)], text: &str, label: &str) -> bool {
        list.iter().any(|(t, l)| t == text && *l == label)
    }

    fn provenance(text: &str, surface: &str) -> Vec<(&'static str, String)> {
        let mut doc = Document::new("t", text);
        Sentences.run(&mut doc);
        Tokens.run(&mut doc);
        Entities.run(&mut doc);
        doc.annotations
            .mentions
            .iter()
            .filter(|m| m.span.text(&doc.text) == surface)
            .map(|m| (m.entity_type.label(), m.provenance.rule.to_string()))
            .collect()
    }

    #[test]
    fn hybrid_corrects_the_model_with_titles_and_gazetteers() {
        let e = ents(
            "The US Charge d’ Affairs called on Chief of Army Staff General Qamar Javed Bajwa. \
             Qureshi told Al Jazeera that Daesh must be defeated.",
        );
        assert!(has(&e, "US", "LOC"), "{e:?}");
        assert!(has(&e, "Qamar Javed Bajwa", "PERSON"), "{e:?}");
        assert!(has(&e, "Al Jazeera", "ORG"), "{e:?}");
        assert!(has(&e, "Daesh", "ORG"), "{e:?}");
        assert!(
            !e.iter()
                .any(|(t, _)| t.contains("Charge") || t.contains("Army")),
            "titles stay out of names: {e:?}"
        );
        // Model spans keep the model's provenance; gazetteer corrections name their rule.
        let p = provenance(
            "Prime Minister Imran Khan visited Kabul on Monday.",
            "Imran Khan",
        );
        assert_eq!(p, [("PERSON", "perceptron".to_owned())]);
        let p = provenance("He told Al Jazeera so.", "Al Jazeera");
        assert_eq!(p, [("ORG", "gazetteer".to_owned())]);
    }

    #[test]
    fn model_places_and_persons_are_not_retyped_by_place_names() {
        // CoNLL-style sports text: "Jordan" is a player here, as the model says.
        let e = ents("Michael Jordan scored 30 points as Chicago beat New York 98-87.");
        assert!(has(&e, "Michael Jordan", "PERSON"), "{e:?}");
    }

    #[test]
    fn titles_are_not_part_of_names() {
        let e =
            ents("Pakistani Foreign Minister Shah Mehmood Qureshi met General Qamar Javed Bajwa.");
        assert_eq!(
            e,
            [
                ("Pakistani".to_owned(), "NORP"),
                ("Shah Mehmood Qureshi".to_owned(), "PERSON"),
                ("Qamar Javed Bajwa".to_owned(), "PERSON")
            ]
        );
    }

    #[test]
    fn administration_is_an_organisation_not_a_person() {
        let e = ents("The Biden administration has conveyed its first message to Pakistan.");
        assert!(has(&e, "Biden administration", "ORG"));
        assert!(!e.iter().any(|(t, l)| t == "Biden" && *l == "PERSON"));
        assert!(has(&e, "Pakistan", "LOC"));
    }

    #[test]
    fn transcript_speaker_labels_name_people() {
        let e = ents(
            "After the Meeting\n\nQUESTION: Secretary Kerry, did you discuss Aleppo?\n\n\
             SECRETARY KERRY: We obviously talked about it.\n\nMR KIRBY: Thanks, everybody.",
        );
        assert!(has(&e, "KERRY", "PERSON"), "{e:?}");
        assert!(has(&e, "KIRBY", "PERSON"), "{e:?}");
        assert!(!e.iter().any(|(t, _)| t == "QUESTION"), "{e:?}");
        let e = ents("ISLAMABAD: Pakistan and the US met today.\n\nKABUL: Talks went on.");
        assert!(has(&e, "ISLAMABAD", "LOC") || !e.iter().any(|(t, _)| t == "ISLAMABAD"));
        assert!(!e.iter().any(|(_, l)| *l == "PERSON"), "{e:?}");
    }

    #[test]
    fn a_surname_of_a_person_in_the_article_is_that_person() {
        let e = ents(
            "Knox Thames, the Special Advisor to Ambassador Saperstein, will travel to Turkey.\n\n\
             In Turkey, Special Advisor Thames will deliver remarks at the G-20 Interfaith \
             Conference.",
        );
        assert!(
            !e.iter().any(|(t, l)| t == "Thames" && *l != "PERSON"),
            "{e:?}"
        );
        assert!(has(&e, "Turkey", "LOC"));
    }

    #[test]
    fn events_and_documents_are_misc() {
        let e = ents(
            "Deputy Secretary Blinken announced the aid at the Manama Dialogue. The \
             conference builds on the Geneva Communique and the Ise-Shima Summit.",
        );
        for name in ["Manama Dialogue", "Geneva Communique", "Ise-Shima Summit"] {
            assert!(has(&e, name, "MISC"), "{name}: {e:?}");
        }
    }

    #[test]
    fn a_name_never_ends_in_of() {
        // The model reads "Government of" (ORG) and "Iraq" (LOC).
        let e = ents("We also urge the Government of Iraq to provide additional security.");
        assert!(has(&e, "Government of Iraq", "ORG"), "{e:?}");
        assert!(!e.iter().any(|(t, _)| t.ends_with(" of")), "{e:?}");
    }

    #[test]
    fn gazetteer_case_rules_and_compounds() {
        let e = ents("Let us defeat al-Qaeda with the US. Pakistan-US relations and Al Jazeera.");
        assert!(has(&e, "al-Qaeda", "ORG"));
        assert!(has(&e, "US", "LOC"));
        assert!(!e.iter().any(|(t, _)| t == "us"));
        assert!(has(&e, "Pakistan", "LOC"));
        assert!(has(&e, "Al Jazeera", "ORG"));
    }

    #[test]
    fn organisations_and_document_level_names() {
        let e = ents(
            "Dr. Ahmed Kamil Murad of the Iraqi Ministry of Culture spoke. Later Murad left for Dabiq. \
             Knox Thames will travel to Jabla and Tartus.",
        );
        assert!(has(&e, "Ahmed Kamil Murad", "PERSON"));
        assert!(has(&e, "Iraqi Ministry of Culture", "ORG"));
        assert!(has(&e, "Murad", "PERSON"));
        assert!(has(&e, "Jabla", "LOC"));
        assert!(has(&e, "Tartus", "LOC"));
        assert!(!e.iter().any(|(t, _)| t == "Later"));
        let e = ents(
            "They agreed on a Cessation of Hostilities for Religious Minorities with Nasser Hussain.",
        );
        assert!(
            has(&e, "Nasser Hussain", "PERSON"),
            "two plain capitalised words: {e:?}"
        );
        assert!(
            !has(&e, "Cessation of Hostilities", "PERSON")
                && !has(&e, "Religious Minorities", "PERSON"),
            "{e:?}"
        );
    }

    #[test]
    fn headings_keep_only_strong_names() {
        let e = ents(
            "Ambassador Robert Ford Returns to Syria\n\nAmbassador Robert Ford has completed his work.",
        );
        assert_eq!(
            e.iter()
                .filter(|(t, l)| t == "Robert Ford" && *l == "PERSON")
                .count(),
            2
        );
        assert!(has(&e, "Syria", "LOC"));
    }
}
