//! The `titles` stage: TITLE mentions for offices and ranks from the title lexicon
//! ("Foreign Minister", "Chief of Army Staff", "COAS", "General", "defence secretary",
//! "Charge d’ Affairs").
//!
//! Longest match wins. Case rules: `cap` titles must be capitalised, `ctx` titles may be
//! lowercase only before a capitalised name or after "the" ("the president"), `any` titles
//! may be written in any case; acronyms must be in capitals. A one-word title before an
//! organisation head word ("General Assembly") or a capitalised title opening a sentence
//! before a lowercase word ("General elections …") is not a title. A title never sits inside
//! a PERSON mention: a person mention that starts with a title is trimmed to the name.

use std::rc::Rc;

use crate::model::{Annotations, Document, EntityType, Mention, Provenance, Span};

use super::Stage;
use super::lexicon::{TitleCase, TitleEntry, lexicon};
use super::text::{is_all_caps, is_cap, is_wordlike};
use super::util::{Norms, sentence_token_ranges, shared_titles, sort_mentions, tok};
use crate::names::push_key_token;

/// Finds TITLE mentions.
pub struct Titles;

/// A title match over tokens `[start, end)`.
pub(crate) struct TitleMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The lexicon entry.
    pub entry: &'static TitleEntry,
}

/// The title matches of a whole document, sentence by sentence (the sentences of
/// [`sentence_token_ranges`]).
pub(crate) struct DocTitles {
    /// Every match, in token order.
    pub matches: Vec<TitleMatch>,
    /// Per sentence: where its matches end in `matches` (they start where the previous
    /// sentence's end).
    ends: Vec<usize>,
}

impl DocTitles {
    /// Finds the titles of every sentence of `ann`.
    pub(crate) fn find(text: &str, ann: &Annotations, norms: &Norms) -> Self {
        let mut matches = Vec::new();
        let mut ends = Vec::with_capacity(ann.sentences.len());
        for (s, e) in sentence_token_ranges(ann) {
            find_titles(text, ann, norms, s, e, &mut matches);
            ends.push(matches.len());
        }
        Self { matches, ends }
    }

    /// The matches of sentence `k` (empty past the end).
    pub(crate) fn of_sentence(&self, k: usize) -> &[TitleMatch] {
        let start = k
            .checked_sub(1)
            .map_or(0, |j| self.ends.get(j).copied().unwrap_or(0));
        let end = self.ends.get(k).copied().unwrap_or(start);
        self.matches.get(start..end).unwrap_or_default()
    }
}

/// The title matches of `ann` and its normalised tokens, computed once per document and
/// thread (the entity stage needs them too).
pub(crate) fn document_titles(text: &str, ann: &Annotations) -> (Rc<Norms>, Rc<DocTitles>) {
    shared_titles(text, ann, |norms| DocTitles::find(text, ann, norms))
}

/// Finds titles among tokens `[s, e)` of one sentence.
fn find_titles(
    text: &str,
    ann: &Annotations,
    norms: &Norms,
    s: usize,
    e: usize,
    out: &mut Vec<TitleMatch>,
) {
    let lex = lexicon();
    let mut key = String::with_capacity(64);
    let mut ends: [usize; 8] = [0; 8];
    let max = lex.title_max.min(ends.len());
    let mut i = s;
    while i < e {
        let t0 = tok(text, ann, i);
        if !is_wordlike(t0) {
            i += 1;
            continue;
        }
        if !lex.title_first.contains(norms.get(i)) {
            i += 1;
            continue;
        }
        key.clear();
        let limit = max.min(e - i);
        for (k, end) in ends.iter_mut().enumerate().take(limit) {
            push_key_token(tok(text, ann, i + k), &mut key);
            *end = key.len();
        }
        let mut found = None;
        for len in (1..=limit).rev() {
            let Some(entry) = lex.titles.get(&key[..ends[len - 1]]) else {
                continue;
            };
            if title_ok(text, ann, s, e, i, len, entry) {
                found = Some((len, entry));
                break;
            }
        }
        if let Some((len, entry)) = found {
            out.push(TitleMatch {
                start: i,
                end: i + len,
                entry,
            });
            i += len;
        } else {
            i += 1;
        }
    }
}

fn title_ok(
    text: &str,
    ann: &Annotations,
    s: usize,
    e: usize,
    i: usize,
    len: usize,
    entry: &TitleEntry,
) -> bool {
    let lex = lexicon();
    let t0 = tok(text, ann, i);
    let next = if i + len < e {
        tok(text, ann, i + len)
    } else {
        ""
    };
    let prev = if i > s { tok(text, ann, i - 1) } else { "" };
    if entry.acronym {
        return is_all_caps(t0);
    }
    let capitalised = is_cap(t0);
    let case_ok = match entry.case {
        TitleCase::Cap => capitalised,
        TitleCase::Context => {
            capitalised || (is_cap(next) && is_wordlike(next)) || prev.eq_ignore_ascii_case("the")
        }
        TitleCase::Any => true,
    };
    if !case_ok {
        return false;
    }
    if len == 1 && capitalised {
        let mut lower = String::new();
        crate::names::push_norm(next, &mut lower);
        if lex.org_words.contains(lower.as_str()) {
            return false;
        }
        let sentence_initial = i == s || !is_wordlike(prev);
        if sentence_initial && is_wordlike(next) && !is_cap(next) && entry.case != TitleCase::Any {
            return false;
        }
    }
    true
}

impl Stage for Titles {
    fn name(&self) -> &'static str {
        "titles"
    }

    fn reads(&self) -> &'static [super::Layer] {
        &[
            super::Layer::Sentences,
            super::Layer::Tokens,
            super::Layer::Mentions,
        ]
    }

    fn writes(&self) -> &'static [super::Layer] {
        &[super::Layer::Titles]
    }

    fn run(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        let ann = &mut doc.annotations;
        if ann.tokens.is_empty() {
            return;
        }
        let (_, titles) = document_titles(text, ann);
        let mut new_mentions = Vec::new();
        for m in &titles.matches {
            let (Some(first), Some(last)) = (ann.tokens.get(m.start), ann.tokens.get(m.end - 1))
            else {
                continue;
            };
            let span = Span::new(first.span.start, last.span.end);
            // A person mention that starts with this title loses it.
            let mut blocked = false;
            for mention in &mut ann.mentions {
                if !mention.span.overlaps(span) {
                    continue;
                }
                if mention.entity_type == EntityType::Person
                    && mention.span.start == span.start
                    && mention.span.end > span.end
                {
                    let rest = &text[span.end..mention.span.end];
                    let lead = rest.len() - rest.trim_start().len();
                    mention.span = Span::new(span.end + lead, mention.span.end);
                } else {
                    blocked = true;
                }
            }
            if blocked {
                continue;
            }
            new_mentions.push(Mention {
                span,
                entity_type: EntityType::Title,
                entity: None,
                provenance: Provenance::new(
                    "titles",
                    if m.entry.case == TitleCase::Any || m.end - m.start > 1 {
                        0.9
                    } else {
                        0.8
                    },
                    format!("title-lexicon:{}", m.entry.canonical),
                ),
            });
        }
        ann.mentions.retain(|m| !m.span.is_empty());
        ann.mentions.extend(new_mentions);
        sort_mentions(ann);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{sentences::Sentences, tokens::Tokens};

    fn titles(text: &str) -> Vec<String> {
        let mut doc = Document::new("t", text);
        Sentences.run(&mut doc);
        Tokens.run(&mut doc);
        Titles.run(&mut doc);
        doc.annotations
            .mentions
            .iter()
            .map(|m| m.span.text(&doc.text).to_owned())
            .collect()
    }

    #[test]
    fn longest_match_and_odd_apostrophes() {
        assert_eq!(
            titles("He called on Chief of Army Staff (COAS) General Qamar Javed Bajwa."),
            ["Chief of Army Staff", "COAS", "General"]
        );
        assert_eq!(
            titles("The US Charge d’ Affairs met the Chargé d'Affaires."),
            ["Charge d’ Affairs", "Chargé d'Affaires"]
        );
        assert_eq!(
            titles("Deputy Secretary of State Antony Blinken"),
            ["Deputy Secretary of State"]
        );
        assert_eq!(
            titles("the newly nominated defence secretary said"),
            ["defence secretary"]
        );
    }

    #[test]
    fn case_rules() {
        assert_eq!(
            titles("the general public and the UN General Assembly"),
            Vec::<String>::new()
        );
        assert_eq!(
            titles("a president is elected; the president said"),
            ["president"]
        );
        assert_eq!(titles("president Biden spoke"), ["president"]);
        assert_eq!(titles("General elections were held."), Vec::<String>::new());
        assert_eq!(titles("the coas said"), Vec::<String>::new());
    }
}
