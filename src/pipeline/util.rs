//! Token helpers shared by the stages: the per-document memo of normalised tokens and title
//! matches, sentence → token ranges, token text and mention bookkeeping. The text helpers
//! below them are in [`super::text`].

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::model::{Annotations, EntityType, MentionId, Span};

use crate::names::push_norm;
// The text helpers the quote, alias and relation stages import from here.
pub(crate) use super::text::{
    FxMap, FxSet, is_all_caps, is_preposition, is_preposition_wide, is_subject_pronoun, is_weekday,
};

/// The normalised form ([`push_norm`]) of every token, in one buffer: one allocation per
/// document instead of one per token. The buffer starts with the whole text in ASCII lower
/// case, where an ASCII token's form is found at the token's own offsets; the forms of the
/// other tokens follow it.
#[derive(Clone)]
pub(crate) struct Norms {
    buf: String,
    spans: Vec<(usize, usize)>,
}

impl Norms {
    /// Normalises every token of `ann` (a copy of the per-thread memo's when it holds
    /// this document's; see [`shared_norms`]).
    pub(crate) fn new(text: &str, ann: &Annotations) -> Self {
        let memo = DOC_MEMO.with(|memo| {
            let memo = memo.borrow();
            if memo.is(text, ann) {
                memo.norms.as_deref().cloned()
            } else {
                None
            }
        });
        memo.unwrap_or_else(|| Self::build(text, ann))
    }

    /// [`Norms::new`] without the memo.
    fn build(text: &str, ann: &Annotations) -> Self {
        let mut buf = String::with_capacity(text.len() + 256);
        buf.push_str(text);
        buf.make_ascii_lowercase();
        let mut spans = Vec::with_capacity(ann.tokens.len());
        for t in &ann.tokens {
            let token = t.span.text(text);
            if token.is_ascii() && !token.is_empty() {
                spans.push((t.span.start, t.span.end));
            } else {
                let start = buf.len();
                push_norm(token, &mut buf);
                spans.push((start, buf.len()));
            }
        }
        Self { buf, spans }
    }

    /// The normalised token `i`, or `""` past the end.
    pub(crate) fn get(&self, i: usize) -> &str {
        self.spans
            .get(i)
            .and_then(|&(a, b)| self.buf.get(a..b))
            .unwrap_or("")
    }
}

/// What several stages compute from the same document (its text, token spans and sentence
/// spans), kept per thread for the last document seen: the normalised tokens (read by the
/// entity, title and relation stages) and the title matches (read by the entity and title
/// stages). Every look-up compares the whole key, so results never depend on the memo.
#[derive(Default)]
struct DocMemo {
    text: String,
    tokens: Vec<Span>,
    sentences: Vec<Span>,
    norms: Option<Rc<Norms>>,
    /// The title matches (the titles stage's type, which this module does not name).
    titles: Option<Rc<dyn Any>>,
}

impl DocMemo {
    /// Whether the memo belongs to exactly this text, tokens and sentences.
    fn is(&self, text: &str, ann: &Annotations) -> bool {
        self.text == text
            && self.tokens.len() == ann.tokens.len()
            && self
                .tokens
                .iter()
                .zip(&ann.tokens)
                .all(|(a, b)| *a == b.span)
            && self.sentences.len() == ann.sentences.len()
            && self
                .sentences
                .iter()
                .zip(&ann.sentences)
                .all(|(a, b)| *a == b.span)
    }

    /// Empties the memo unless it belongs to exactly this text, tokens and sentences.
    fn select(&mut self, text: &str, ann: &Annotations) {
        if self.is(text, ann) {
            return;
        }
        self.text.clear();
        self.text.push_str(text);
        self.tokens.clear();
        self.tokens.extend(ann.tokens.iter().map(|t| t.span));
        self.sentences.clear();
        self.sentences.extend(ann.sentences.iter().map(|s| s.span));
        self.norms = None;
        self.titles = None;
    }
}

thread_local! {
    static DOC_MEMO: RefCell<DocMemo> = RefCell::new(DocMemo::default());
}

/// [`Norms::new`] of `text` and `ann`, built once per document and thread (see [`DocMemo`]).
pub(crate) fn shared_norms(text: &str, ann: &Annotations) -> Rc<Norms> {
    DOC_MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        memo.select(text, ann);
        Rc::clone(
            memo.norms
                .get_or_insert_with(|| Rc::new(Norms::build(text, ann))),
        )
    })
}

/// `make(norms)` once per document and thread (see [`DocMemo`]): the title matches of
/// `text` and `ann`, with the document's shared normalised tokens. The memo holds one value
/// of one type `T` (the titles stage's); a value of another type is replaced.
pub(crate) fn shared_titles<T: 'static>(
    text: &str,
    ann: &Annotations,
    make: impl FnOnce(&Norms) -> T,
) -> (Rc<Norms>, Rc<T>) {
    DOC_MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        memo.select(text, ann);
        let norms = Rc::clone(
            memo.norms
                .get_or_insert_with(|| Rc::new(Norms::build(text, ann))),
        );
        let titles = if let Some(Ok(titles)) = memo.titles.clone().map(Rc::downcast::<T>) {
            titles
        } else {
            let titles = Rc::new(make(&norms));
            memo.titles = Some(Rc::clone(&titles) as Rc<dyn Any>);
            titles
        };
        (norms, titles)
    })
}

/// The token index range `[start, end)` of each sentence.
pub(crate) fn sentence_token_ranges(ann: &Annotations) -> Vec<(usize, usize)> {
    let tokens = &ann.tokens;
    ann.sentences
        .iter()
        .map(|s| {
            let start = tokens.partition_point(|t| t.span.start < s.span.start);
            let end = tokens.partition_point(|t| t.span.start < s.span.end);
            (start, end.max(start))
        })
        .collect()
}

/// The text of token `i`, or `""`.
pub(crate) fn tok<'t>(text: &'t str, ann: &Annotations, i: usize) -> &'t str {
    ann.tokens.get(i).map_or("", |t| t.span.text(text))
}

/// Sorts mentions by (start, end, type) and rewrites every mention id held in entities,
/// quotes and relations. Exact duplicates (same span and type) are merged.
pub(crate) fn sort_mentions(ann: &mut Annotations) {
    let key = |m: &crate::model::Mention| (m.span.start, m.span.end, m.entity_type);
    // Usually only a few mentions were added at the end: nothing to do when the list is
    // already strictly ordered (no duplicates either).
    if ann.mentions.windows(2).all(|w| key(&w[0]) < key(&w[1])) {
        return;
    }
    let n = ann.mentions.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| key(&ann.mentions[i]));
    let mut remap = vec![0u32; n];
    let mut sorted: Vec<crate::model::Mention> = Vec::with_capacity(n);
    let mut old: Vec<Option<crate::model::Mention>> = std::mem::take(&mut ann.mentions)
        .into_iter()
        .map(Some)
        .collect();
    for &i in &order {
        let Some(m) = old[i].take() else { continue };
        if let Some(last) = sorted
            .last_mut()
            .filter(|last| last.span == m.span && last.entity_type == m.entity_type)
        {
            if last.entity.is_none() {
                last.entity = m.entity;
            }
            remap[i] = (sorted.len() - 1) as u32;
            continue;
        }
        remap[i] = sorted.len() as u32;
        sorted.push(m);
    }
    ann.mentions = sorted;
    let fix = |id: MentionId| MentionId(remap.get(id.index()).copied().unwrap_or(id.0));
    for entity in &mut ann.entities {
        for id in &mut entity.mentions {
            *id = fix(*id);
        }
        entity.mentions.sort_unstable();
        entity.mentions.dedup();
    }
    for quote in &mut ann.quotes {
        quote.speaker_mention = quote.speaker_mention.map(fix);
    }
    for rel in &mut ann.relations {
        rel.head_mention = rel.head_mention.map(fix);
        rel.tail_mention = rel.tail_mention.map(fix);
    }
}

/// Index of the mention with exactly this span (any type), if any.
pub(crate) fn mention_at(ann: &Annotations, span: Span) -> Option<usize> {
    let i = ann.mentions.partition_point(|m| m.span.start < span.start);
    ann.mentions[i..]
        .iter()
        .take_while(|m| m.span.start == span.start)
        .position(|m| m.span == span)
        .map(|k| i + k)
}

/// Is this an actor type (who can speak, meet, hold offices)?
pub(crate) fn is_actor(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Org | EntityType::Loc | EntityType::Norp
    )
}
