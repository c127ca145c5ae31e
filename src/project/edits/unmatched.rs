//! The edits that match nothing, one by one: what each edit is, where it was made and why
//! it no longer applies ([`unmatched_edits`]), and the two ways out — remove it
//! ([`remove_edit`]) or re-anchor it to a nearby span that matches ([`find_reanchor`],
//! [`apply_reanchor`]).
//!
//! The reasons follow the checks of [`super::apply_edits`] in its order: mention edits against
//! the extraction, quote edits after the mention edits, relation edits after both; a list of
//! unmatched edits always has as many entries of each kind as the [`super::EditReport`].
//!
//! Re-anchoring has two rules, chosen by whether the edit's words are still at its span:
//! - **the words are still there** (the text is the same, the extraction drew other
//!   boundaries): the edit moves to a mention, quote or relation of the extraction that
//!   overlaps the old span, and takes its words;
//! - **the words are not there** (the article's text changed or the span is past its end):
//!   the edit moves to the nearest place within [`REANCHOR_WINDOW`] bytes where the same words
//!   stand as whole words and hold what the edit needs (a mention, a quote, a relation).
//!
//! Either way a candidate is taken only if the moved edit then matches when applied, and
//! only if no other edit of the same kind is already there; else there is no re-anchor.

use std::collections::BTreeMap;

use crate::model::{Annotations, Document, Span};

use super::relations::{RelationEdit, RelationKey, relation_key};
use super::{DocumentEdits, MentionEdit, QuoteEdit, apply, excerpt};

/// How far (in bytes, from the old span's start) a re-anchor looks for the same words.
pub const REANCHOR_WINDOW: usize = 2_000;

/// Which edit of a document: by its kind and key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EditRef {
    /// The mention edit at this span.
    Mention(Span),
    /// The quote edit at this content span.
    Quote(Span),
    /// The relation edit with this key.
    Relation(RelationKey),
}

impl EditRef {
    /// The span the edit is anchored at (a relation's: its evidence sentence).
    pub fn span(self) -> Span {
        match self {
            EditRef::Mention(s) | EditRef::Quote(s) => s,
            EditRef::Relation(k) => k.evidence,
        }
    }
}

/// One edit of any kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnyEdit {
    /// A mention edit.
    Mention(MentionEdit),
    /// A quote edit.
    Quote(QuoteEdit),
    /// A relation edit.
    Relation(RelationEdit),
}

/// Why an edit matches nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The edit's article is not in the project.
    ArticleMissing,
    /// The span ends past the article's text (or splits a character).
    OutOfRange {
        /// The text's length in bytes.
        text_len: usize,
    },
    /// The words at the span are not the edit's any more.
    TextChanged {
        /// What the span holds now (whitespace folded, at most 60 characters).
        now: String,
    },
    /// The extraction has no mention at the span.
    NoMention,
    /// The extraction has no quote with this content span.
    NoQuote,
    /// The speaker the edit names (its mention and its entity) is not in the article.
    SpeakerGone,
    /// The relation is not among the article's relations (not extracted again, or a
    /// mention edit removed one of its ends).
    RelationGone,
    /// An added relation's words are no longer mentions of two different entities.
    EndsGone,
}

impl Why {
    /// The reason in words, for lists.
    pub fn text(&self) -> String {
        match self {
            Why::ArticleMissing => "the article is not in the project".to_owned(),
            Why::OutOfRange { text_len } => {
                format!("the span lies past the end of the article's text ({text_len} bytes)")
            }
            Why::TextChanged { now } => format!("the text there now reads “{now}”"),
            Why::NoMention => "the extraction has no mention there any more".to_owned(),
            Why::NoQuote => "the extraction has no quote there any more".to_owned(),
            Why::SpeakerGone => "the speaker is no longer in the article".to_owned(),
            Why::RelationGone => "the extraction has no such relation there any more".to_owned(),
            Why::EndsGone => {
                "its words are no longer mentions of two different entities".to_owned()
            }
        }
    }
}

/// An edit that matches nothing: what, where, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnmatchedEdit {
    /// The article's id.
    pub document: String,
    /// The article's title (its id when it has none or is not in the project).
    pub title: String,
    /// Which edit.
    pub edit: EditRef,
    /// What the edit does, in words ("delete mention “Bo”").
    pub what: String,
    /// Why it matches nothing.
    pub why: Why,
}

impl UnmatchedEdit {
    /// Where it is, in words: "Article title, bytes 12–15".
    pub fn place(&self) -> String {
        let s = self.edit.span();
        format!("{}, bytes {}–{}", self.title, s.start, s.end)
    }
}

/// A re-anchored edit: the edit at `from` moves to `to` and becomes `edit`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reanchor {
    /// The edit as stored.
    pub from: EditRef,
    /// Its new key.
    pub to: EditRef,
    /// The edit at the new key (its words those of the new span).
    pub edit: AnyEdit,
}

impl Reanchor {
    /// Where the edit moves, in words: "bytes 20–23 “Ali”".
    pub fn describe(&self, text: &str) -> String {
        let s = self.to.span();
        let words = match self.to {
            EditRef::Mention(s) | EditRef::Quote(s) => excerpt(s.text(text)),
            EditRef::Relation(k) => format!("{} … {}", k.head.text(text), k.tail.text(text)),
        };
        format!("bytes {}–{} “{words}”", s.start, s.end)
    }
}

/// What an edit does, in words.
pub fn describe(edit: &AnyEdit, key: EditRef) -> String {
    match edit {
        AnyEdit::Mention(MentionEdit::Delete { text }) => format!("delete mention “{text}”"),
        AnyEdit::Mention(MentionEdit::Retype { text, entity_type }) => {
            format!("retype mention “{text}” → {}", entity_type.label())
        }
        AnyEdit::Mention(MentionEdit::Add { text, entity_type }) => {
            format!("add mention “{text}” ({})", entity_type.label())
        }
        AnyEdit::Quote(QuoteEdit::Delete { text }) => format!("delete quote “{text}”"),
        AnyEdit::Quote(QuoteEdit::Confirm { text }) => format!("confirm quote “{text}”"),
        AnyEdit::Quote(QuoteEdit::Speaker { text, speaker, .. }) => {
            format!("set the speaker of quote “{text}” to {speaker}")
        }
        AnyEdit::Relation(r) => {
            let (head, tail) = r.words();
            let kind = match key {
                EditRef::Relation(k) => k.relation_type.human_label(),
                _ => "",
            };
            format!("relation {head} — {kind} — {tail}: {}", r.describe())
        }
    }
}

/// The edit at `key`, if there is one.
pub fn get_edit(edits: &DocumentEdits, key: EditRef) -> Option<AnyEdit> {
    match key {
        EditRef::Mention(s) => edits.mentions.get(&s).cloned().map(AnyEdit::Mention),
        EditRef::Quote(s) => edits.quotes.get(&s).cloned().map(AnyEdit::Quote),
        EditRef::Relation(k) => edits.relations.get(&k).cloned().map(AnyEdit::Relation),
    }
}

/// Removes the edit at `key`; true when there was one.
pub fn remove_edit(edits: &mut DocumentEdits, key: EditRef) -> bool {
    match key {
        EditRef::Mention(s) => edits.mentions.remove(&s).is_some(),
        EditRef::Quote(s) => edits.quotes.remove(&s).is_some(),
        EditRef::Relation(k) => edits.relations.remove(&k).is_some(),
    }
}

/// Stores `edit` at `key` (an edit of another kind than the key's is ignored).
fn insert_edit(edits: &mut DocumentEdits, key: EditRef, edit: AnyEdit) {
    match (key, edit) {
        (EditRef::Mention(s), AnyEdit::Mention(e)) => {
            edits.mentions.insert(s, e);
        }
        (EditRef::Quote(s), AnyEdit::Quote(e)) => {
            edits.quotes.insert(s, e);
        }
        (EditRef::Relation(k), AnyEdit::Relation(e)) => {
            edits.relations.insert(k, e);
        }
        _ => {}
    }
}

/// Moves the edit as `reanchor` says; true when the edit was there.
pub fn apply_reanchor(edits: &mut DocumentEdits, reanchor: &Reanchor) -> bool {
    if !remove_edit(edits, reanchor.from) {
        return false;
    }
    insert_edit(edits, reanchor.to, reanchor.edit.clone());
    true
}

/// Every edit of `edits` (document id → edits) that matches nothing in `documents` (the
/// extraction, before edits), with what, where and why: by article id, then mentions,
/// quotes and relations in key order.
pub fn unmatched_edits(
    documents: &[Document],
    edits: &BTreeMap<String, DocumentEdits>,
) -> Vec<UnmatchedEdit> {
    let mut out = Vec::new();
    for (id, e) in edits {
        match documents.iter().find(|d| &d.id == id) {
            Some(doc) => out.extend(document_unmatched(doc, e)),
            None => out.extend(missing_article(id, e)),
        }
    }
    out
}

/// The edits of an article not in the project: all unmatched.
fn missing_article(id: &str, e: &DocumentEdits) -> Vec<UnmatchedEdit> {
    let entry = |key: EditRef, edit: AnyEdit| UnmatchedEdit {
        document: id.to_owned(),
        title: id.to_owned(),
        edit: key,
        what: describe(&edit, key),
        why: Why::ArticleMissing,
    };
    let mut out: Vec<UnmatchedEdit> = Vec::new();
    for (s, m) in &e.mentions {
        out.push(entry(EditRef::Mention(*s), AnyEdit::Mention(m.clone())));
    }
    for (s, q) in &e.quotes {
        out.push(entry(EditRef::Quote(*s), AnyEdit::Quote(q.clone())));
    }
    for (k, r) in &e.relations {
        out.push(entry(EditRef::Relation(*k), AnyEdit::Relation(r.clone())));
    }
    out
}

/// Why the words at `span` are not `words` (`None`: they are).
fn words_why(text: &str, span: Span, words: &str) -> Option<Why> {
    match text.get(span.range()) {
        None => Some(Why::OutOfRange {
            text_len: text.len(),
        }),
        Some(t) if t == words => None,
        Some(t) => Some(Why::TextChanged { now: excerpt(t) }),
    }
}

/// Why the quote edit `edit` at `span` matches nothing in `a` (after the mention edits).
fn quote_why(text: &str, a: &Annotations, span: Span, edit: &QuoteEdit) -> Option<Why> {
    let Some(t) = text.get(span.range()) else {
        return Some(Why::OutOfRange {
            text_len: text.len(),
        });
    };
    if !excerpt(t).starts_with(edit.text()) {
        return Some(Why::TextChanged { now: excerpt(t) });
    }
    if !a.quotes.iter().any(|q| q.content == span) {
        return Some(Why::NoQuote);
    }
    if let QuoteEdit::Speaker {
        speaker, mention, ..
    } = edit
        && !speaker_found(a, speaker, *mention)
    {
        return Some(Why::SpeakerGone);
    }
    None
}

/// The speaker check of the quote edits: a mention with an entity at `span`, else an entity
/// called `name` that has a mention.
fn speaker_found(a: &Annotations, name: &str, span: Span) -> bool {
    a.mentions
        .iter()
        .any(|m| m.span == span && m.entity.is_some())
        || a.entities
            .iter()
            .any(|e| e.canonical_name == name && !e.mentions.is_empty())
}

/// The mention with an entity at `span`, as (mention index, entity index).
fn mention_at(a: &Annotations, span: Span) -> Option<(usize, usize)> {
    let i = a
        .mentions
        .iter()
        .position(|m| m.span == span && m.entity.is_some())?;
    Some((i, a.mentions.get(i)?.entity?.index()))
}

/// Why the relation edit `edit` at `key` matches nothing in `a` (after the mention and
/// quote edits).
fn relation_why(
    text: &str,
    a: &Annotations,
    key: &RelationKey,
    edit: &RelationEdit,
) -> Option<Why> {
    let (head, tail) = edit.words();
    if let Some(why) = words_why(text, key.head, head).or_else(|| words_why(text, key.tail, tail)) {
        return Some(why);
    }
    if text.get(key.evidence.range()).is_none() {
        return Some(Why::OutOfRange {
            text_len: text.len(),
        });
    }
    let found = a
        .relations
        .iter()
        .any(|r| relation_key(a, r).as_ref() == Some(key));
    match edit {
        _ if found => None,
        RelationEdit::Add { .. } => match (mention_at(a, key.head), mention_at(a, key.tail)) {
            (Some((_, h)), Some((_, t))) if h != t => None,
            _ => Some(Why::EndsGone),
        },
        _ => Some(Why::RelationGone),
    }
}

/// The unmatched edits of one article (`doc` as extracted, before edits).
pub fn document_unmatched(doc: &Document, e: &DocumentEdits) -> Vec<UnmatchedEdit> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut push = |key: EditRef, edit: AnyEdit, why: Why| {
        out.push(UnmatchedEdit {
            document: doc.id.clone(),
            title: doc.display_title().to_owned(),
            edit: key,
            what: describe(&edit, key),
            why,
        });
    };
    let raw = &doc.annotations;
    for (&span, m) in &e.mentions {
        let why = words_why(text, span, m.text()).or_else(|| {
            let add = matches!(m, MentionEdit::Add { .. });
            (!add && !raw.mentions.iter().any(|x| x.span == span)).then_some(Why::NoMention)
        });
        if let Some(why) = why {
            push(EditRef::Mention(span), AnyEdit::Mention(m.clone()), why);
        }
    }
    let mut a = raw.clone();
    apply::apply_mention_edits(text, &mut a, e);
    for (&span, q) in &e.quotes {
        if let Some(why) = quote_why(text, &a, span, q) {
            push(EditRef::Quote(span), AnyEdit::Quote(q.clone()), why);
        }
    }
    apply::apply_quote_edits(text, &mut a, e);
    for (key, r) in &e.relations {
        if let Some(why) = relation_why(text, &a, key, r) {
            push(EditRef::Relation(*key), AnyEdit::Relation(r.clone()), why);
        }
    }
    out
}

/// The byte distance between the starts of two spans.
fn start_distance(a: Span, b: Span) -> usize {
    a.start.abs_diff(b.start)
}

/// True when `span` of `text` starts and ends at word boundaries.
fn whole_words(text: &str, span: Span) -> bool {
    let before = text
        .get(..span.start)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric());
    let after = text
        .get(span.end..)
        .and_then(|t| t.chars().next())
        .is_none_or(|c| !c.is_alphanumeric());
    before && after
}

/// The places of `words` in `text` as whole words within [`REANCHOR_WINDOW`] of `near`,
/// nearest first.
fn occurrences(text: &str, words: &str, near: Span) -> Vec<Span> {
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Span> = text
        .match_indices(words)
        .map(|(i, w)| Span::new(i, i + w.len()))
        .filter(|s| start_distance(*s, near) <= REANCHOR_WINDOW && whole_words(text, *s))
        .collect();
    found.sort_by_key(|s| (start_distance(*s, near), s.start));
    found
}

/// Sorts candidate keys nearest to `near` first and drops those beyond the window.
fn nearest<T>(mut candidates: Vec<(Span, T)>, near: Span) -> Vec<T> {
    candidates.retain(|(s, _)| start_distance(*s, near) <= REANCHOR_WINDOW);
    candidates.sort_by_key(|(s, _)| (start_distance(*s, near), s.start, s.end));
    candidates.into_iter().map(|(_, t)| t).collect()
}

/// The mention edit moved to `span` (its words those of the span).
fn moved_mention(edit: &MentionEdit, text: &str, span: Span) -> MentionEdit {
    let words = span.text(text).to_owned();
    match edit {
        MentionEdit::Delete { .. } => MentionEdit::Delete { text: words },
        MentionEdit::Retype { entity_type, .. } => MentionEdit::Retype {
            text: words,
            entity_type: *entity_type,
        },
        MentionEdit::Add { entity_type, .. } => MentionEdit::Add {
            text: words,
            entity_type: *entity_type,
        },
    }
}

/// The quote edit moved from content `from` to content `span` (its excerpt that of the
/// span). When the text moved (`shift`), a speaker mention moves with it: to the mention of
/// the entity with the speaker's name nearest its shifted place, else to that place.
fn moved_quote(
    edit: &QuoteEdit,
    text: &str,
    shown: &Annotations,
    (from, span): (Span, Span),
    shift: bool,
) -> QuoteEdit {
    let words = excerpt(span.text(text));
    match edit {
        QuoteEdit::Delete { .. } => QuoteEdit::Delete { text: words },
        QuoteEdit::Confirm { .. } => QuoteEdit::Confirm { text: words },
        QuoteEdit::Speaker {
            speaker, mention, ..
        } => {
            let mut mention = *mention;
            if shift {
                let moved = |p: usize| (p + span.start).saturating_sub(from.start);
                let shifted = Span::new(moved(mention.start), moved(mention.end));
                let named: Vec<(Span, Span)> = shown
                    .mentions
                    .iter()
                    .filter(|m| {
                        m.entity
                            .and_then(|e| shown.entity(e))
                            .is_some_and(|e| e.canonical_name == *speaker)
                    })
                    .map(|m| (m.span, m.span))
                    .collect();
                mention = nearest(named, shifted).first().copied().unwrap_or(shifted);
            }
            QuoteEdit::Speaker {
                text: words,
                speaker: speaker.clone(),
                mention,
            }
        }
    }
}

/// The relation edit moved to `key` (its words those of the key's spans).
fn moved_relation(edit: &RelationEdit, text: &str, key: &RelationKey) -> RelationEdit {
    let head = key.head.text(text).to_owned();
    let tail = key.tail.text(text).to_owned();
    match edit {
        RelationEdit::Confirm { .. } => RelationEdit::Confirm { head, tail },
        RelationEdit::Reject { .. } => RelationEdit::Reject { head, tail },
        RelationEdit::Retype { relation_type, .. } => RelationEdit::Retype {
            head,
            tail,
            relation_type: *relation_type,
        },
        RelationEdit::Add { .. } => RelationEdit::Add { head, tail },
    }
}

/// The candidate re-anchors of a mention edit, best first.
fn mention_candidates(doc: &Document, span: Span, edit: &MentionEdit) -> Vec<Reanchor> {
    let text = doc.text.as_str();
    let a = &doc.annotations;
    let spans: Vec<Span> = if words_why(text, span, edit.text()).is_none() {
        // Same words, other boundaries: a mention of the extraction over the old span.
        nearest(
            a.mentions
                .iter()
                .filter(|m| m.span.overlaps(span) && m.span != span)
                .map(|m| (m.span, m.span))
                .collect(),
            span,
        )
    } else {
        occurrences(text, edit.text(), span)
    };
    spans
        .into_iter()
        .map(|to| Reanchor {
            from: EditRef::Mention(span),
            to: EditRef::Mention(to),
            edit: AnyEdit::Mention(moved_mention(edit, text, to)),
        })
        .collect()
}

/// The candidate re-anchors of a quote edit, best first (`shown`: the article with the
/// other edits applied, for a speaker that moved).
fn quote_candidates(
    doc: &Document,
    shown: &Annotations,
    span: Span,
    edit: &QuoteEdit,
    why: &Why,
) -> Vec<Reanchor> {
    let text = doc.text.as_str();
    let a = &doc.annotations;
    let from = EditRef::Quote(span);
    if *why == Why::SpeakerGone {
        // The quote is there; its speaker's mention moved.
        let QuoteEdit::Speaker {
            text: words,
            speaker,
            mention,
        } = edit
        else {
            return Vec::new();
        };
        let candidates: Vec<(Span, (Span, String))> = shown
            .mentions
            .iter()
            .filter_map(|m| {
                let entity = shown.entity(m.entity?)?;
                let named = m.span.text(text) == speaker || entity.canonical_name == *speaker;
                (named || m.span.overlaps(*mention))
                    .then(|| (m.span, (m.span, entity.canonical_name.clone())))
            })
            .collect();
        return nearest(candidates, *mention)
            .into_iter()
            .map(|(m, name)| Reanchor {
                from,
                to: from,
                edit: AnyEdit::Quote(QuoteEdit::Speaker {
                    text: words.clone(),
                    speaker: name,
                    mention: m,
                }),
            })
            .collect();
    }
    let holds = text
        .get(span.range())
        .is_some_and(|t| excerpt(t).starts_with(edit.text()));
    let spans: Vec<Span> = if holds {
        nearest(
            a.quotes
                .iter()
                .filter(|q| q.content.overlaps(span) && q.content != span)
                .map(|q| (q.content, q.content))
                .collect(),
            span,
        )
    } else {
        nearest(
            a.quotes
                .iter()
                .filter(|q| {
                    !edit.text().is_empty()
                        && excerpt(q.content.text(text)).starts_with(edit.text())
                })
                .map(|q| (q.content, q.content))
                .collect(),
            span,
        )
    };
    spans
        .into_iter()
        .map(|to| Reanchor {
            from,
            to: EditRef::Quote(to),
            edit: AnyEdit::Quote(moved_quote(edit, text, shown, (span, to), !holds)),
        })
        .collect()
}

/// The candidate re-anchors of a relation edit, best first (`shown`: the article with the
/// other edits applied).
fn relation_candidates(
    doc: &Document,
    shown: &Annotations,
    key: &RelationKey,
    edit: &RelationEdit,
) -> Vec<Reanchor> {
    let text = doc.text.as_str();
    let (head, tail) = edit.words();
    let holds = words_why(text, key.head, head).is_none()
        && words_why(text, key.tail, tail).is_none()
        && text.get(key.evidence.range()).is_some();
    // A head or tail span is acceptable where it overlaps the old one (same text) or holds
    // the same words (the text moved).
    let fits = |span: Span, old: Span, words: &str| {
        if holds {
            span.overlaps(old)
        } else {
            span.text(text) == words
        }
    };
    let keys: Vec<(Span, RelationKey)> = if matches!(edit, RelationEdit::Add { .. }) {
        // Pairs of mentions of two entities in one sentence.
        let mut keys = Vec::new();
        for s in &shown.sentences {
            let ends = |old: Span, words: &str| -> Vec<(Span, usize)> {
                shown
                    .mentions
                    .iter()
                    .filter(|m| s.span.contains(m.span) && fits(m.span, old, words))
                    .filter_map(|m| Some((m.span, m.entity?.index())))
                    .collect()
            };
            for (h, he) in ends(key.head, head) {
                for (t, te) in ends(key.tail, tail) {
                    if he != te {
                        let k = RelationKey {
                            head: h,
                            tail: t,
                            evidence: s.span,
                            relation_type: key.relation_type,
                        };
                        keys.push((h, k));
                    }
                }
            }
        }
        keys
    } else {
        shown
            .relations
            .iter()
            .filter_map(|r| relation_key(shown, r))
            .filter(|k| {
                k.relation_type == key.relation_type
                    && fits(k.head, key.head, head)
                    && fits(k.tail, key.tail, tail)
            })
            .map(|k| (k.head, k))
            .collect()
    };
    nearest(keys, key.head)
        .into_iter()
        .filter(|k| k != key)
        .map(|k| Reanchor {
            from: EditRef::Relation(*key),
            to: EditRef::Relation(k),
            edit: AnyEdit::Relation(moved_relation(edit, text, &k)),
        })
        .collect()
}

/// A nearby matching place for the unmatched edit `key` of `doc` (as extracted, before
/// edits) with edits `edits`: the best candidate (see the module doc) that matches once
/// moved and does not land on another edit of its kind. `None` when the edit is not there,
/// matches already, or nothing near matches.
pub fn find_reanchor(doc: &Document, edits: &DocumentEdits, key: EditRef) -> Option<Reanchor> {
    let edit = get_edit(edits, key)?;
    let unmatched = document_unmatched(doc, edits);
    let why = &unmatched.iter().find(|u| u.edit == key)?.why;
    let mut shown = doc.clone();
    super::apply_edits(&mut shown, edits);
    let candidates = match &edit {
        AnyEdit::Mention(m) => match key {
            EditRef::Mention(span) => mention_candidates(doc, span, m),
            _ => Vec::new(),
        },
        AnyEdit::Quote(q) => match key {
            EditRef::Quote(span) => quote_candidates(doc, &shown.annotations, span, q, why),
            _ => Vec::new(),
        },
        AnyEdit::Relation(r) => match key {
            EditRef::Relation(k) => relation_candidates(doc, &shown.annotations, &k, r),
            _ => Vec::new(),
        },
    };
    candidates.into_iter().find(|c| {
        if c.to != c.from && get_edit(edits, c.to).is_some() {
            return false;
        }
        let mut moved = edits.clone();
        apply_reanchor(&mut moved, c);
        document_unmatched(doc, &moved)
            .iter()
            .all(|u| u.edit != c.to)
    })
}

#[cfg(test)]
#[path = "unmatched_tests.rs"]
mod tests;
