//! Speakers: the noun phrase next to a cue — a name, a pronoun, a relative "who", or a
//! description ("a spokesman", "the newly nominated defence secretary", "an ISPR press
//! release") — and the entity it stands for.
//!
//! Pronouns resolve to the nearest person before them whose gender fits (the persons and
//! their genders come from [`crate::pipeline::references`]). "who" resolves to the name it
//! follows. A description resolves through an office mention linked to a person ("defence
//! secretary" → Lloyd Austin), through the organisation named inside a document ("an ISPR
//! press release" → ISPR), or — for a definite person description such as "the
//! spokesman" — to the last person mentioned before it (a weaker rule).

use std::cell::RefCell;

use crate::model::{Annotations, EntityId, EntityType, Span};
use crate::pipeline::mentions::token_mentions;
use crate::pipeline::references::{
    Article, Gender, Persons, is_document_noun, is_org_noun, is_person_noun,
};
use crate::pipeline::util::{Norms, is_preposition, is_subject_pronoun, is_weekday};

/// How sure the speaker's entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Link {
    /// A name (or an office linked to a person).
    Named,
    /// A pronoun or "who" resolved to a name.
    Pronoun,
    /// A description resolved to a name, or an organisation behind a document.
    Description,
    /// No entity.
    None,
}

/// A speaker found near a cue.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Speaker {
    /// The speaker's words next to the cue.
    pub span: Span,
    /// The mention that span is, if any.
    pub mention: Option<usize>,
    /// The entity it resolves to.
    pub entity: Option<EntityId>,
    /// How it was linked.
    pub link: Link,
}

impl Speaker {
    /// A pronoun or relative ("he", "who") at `span` standing for `entity`, if resolved.
    fn referring(span: Span, entity: Option<EntityId>) -> Speaker {
        Speaker {
            span,
            mention: None,
            entity,
            link: if entity.is_some() {
                Link::Pronoun
            } else {
                Link::None
            },
        }
    }
}

/// Words that may stand between a subject and its cue verb ("he further acknowledged",
/// "Trump has said", "Qureshi on Friday urged").
fn is_adjunct(lower: &str) -> bool {
    matches!(
        lower,
        "also"
            | "further"
            | "later"
            | "then"
            | "has"
            | "have"
            | "had"
            | "was"
            | "is"
            | "once"
            | "again"
            | "previously"
            | "recently"
            | "earlier"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "reportedly"
            | "just"
            | "even"
            | "still"
            | "already"
            | "often"
            | "frequently"
            | "would"
            | "will"
            | "did"
            | "does"
            | "quickly"
            | "simply"
            | "flatly"
            | "angrily"
            | "bluntly"
            | "first"
    ) || is_day_word(lower)
}

fn is_day_word(lower: &str) -> bool {
    matches!(lower, "today" | "yesterday" | "tonight") || is_weekday(lower)
}

/// A part of the day or a stretch of time: "Tuesday night", "last week".
fn is_time_noun(lower: &str) -> bool {
    matches!(
        lower,
        "night" | "morning" | "evening" | "afternoon" | "week" | "month" | "year"
    )
}

/// A stretch of time named after "last", "this", "next": "last week", "this summer".
fn is_period_word(lower: &str) -> bool {
    is_time_noun(lower)
        || matches!(
            lower,
            "weekend" | "spring" | "summer" | "fall" | "autumn" | "winter"
        )
}

fn is_day_preposition(lower: &str) -> bool {
    matches!(lower, "on" | "last" | "this" | "earlier" | "late")
}

/// Nouns whose owner speaks through them: "his office said", "her campaign said".
fn is_owned_speaker_noun(lower: &str) -> bool {
    matches!(
        lower,
        "office" | "campaign" | "spokesman" | "spokeswoman" | "spokesperson"
    )
}

/// Writings that speak for whoever issued them ("the article says", "the book says").
fn is_issued_noun(lower: &str) -> bool {
    matches!(
        lower,
        "article" | "piece" | "book" | "editorial" | "ad" | "clip" | "video"
    )
}

/// True for the POS tags a noun phrase is made of.
pub(crate) fn is_np_tag(tag: &str) -> bool {
    matches!(
        tag,
        "DT" | "JJ" | "JJR" | "JJS" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$" | "CD" | "POS"
    )
}

/// Speaker-finding context of one document.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub ann: &'a Annotations,
    pub norms: Norms,
    pub tm: Vec<Option<usize>>,
    /// The persons a pronoun or description may stand for.
    persons: Persons,
    /// Whether each token lies inside quotation marks.
    quoted: Vec<bool>,
    /// The (byte position, entity) of the speakers of the quotations attributed so far.
    speakers: RefCell<Vec<(usize, EntityId)>>,
}

impl<'a> Ctx<'a> {
    /// Builds the context: token → mention map, person mentions, entity genders.
    /// `quoted` tells for each token whether it lies inside quotation marks.
    pub(crate) fn new(text: &'a str, ann: &'a Annotations, quoted: &[bool]) -> Self {
        let norms = Norms::new(text, ann);
        let tm = token_mentions(ann);
        let persons = Persons::new(text, ann, &norms, &tm, quoted);
        Self {
            text,
            ann,
            norms,
            tm,
            persons,
            quoted: quoted.to_vec(),
            speakers: RefCell::new(Vec::new()),
        }
    }

    /// Records the speaker `entity` of a quotation opening at byte `pos` (in text order):
    /// a pronoun after it prefers that speaker.
    pub(crate) fn note_speaker(&self, pos: usize, entity: EntityId) {
        let mut speakers = self.speakers.borrow_mut();
        if speakers.last().is_none_or(|&(at, _)| at <= pos) {
            speakers.push((pos, entity));
        }
    }

    /// The article as the description resolvers read it.
    fn article(&self) -> Article<'_> {
        Article {
            ann: self.ann,
            norms: &self.norms,
            quoted: &self.quoted,
        }
    }

    fn gendered(&self, pos: usize, want: Gender) -> Option<EntityId> {
        self.persons
            .resolve_gendered(pos, want, &self.speakers.borrow())
    }

    /// The normalised token `i`.
    pub(crate) fn lower(&self, i: usize) -> &str {
        self.norms.get(i)
    }

    /// The POS tag of token `i`, or `""`.
    pub(crate) fn tag(&self, i: usize) -> &str {
        self.ann
            .tokens
            .get(i)
            .and_then(|t| t.pos.as_deref())
            .unwrap_or("")
    }

    /// True when token `i` starts with a letter or digit.
    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.ann.tokens.get(i).is_some_and(|t| {
            t.span
                .text(self.text)
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        })
    }

    pub(crate) fn mention_type(&self, m: usize) -> EntityType {
        self.ann.mentions[m].entity_type
    }

    fn entity_type(&self, m: usize) -> Option<EntityType> {
        let e = self.ann.mentions[m].entity?;
        self.ann.entities.get(e.index()).map(|x| x.entity_type)
    }

    fn is_person_mention(&self, m: usize) -> bool {
        match self.mention_type(m) {
            EntityType::Person => true,
            EntityType::Title => self.entity_type(m) == Some(EntityType::Person),
            _ => false,
        }
    }

    fn is_actor_mention(&self, m: usize) -> bool {
        matches!(
            self.mention_type(m),
            EntityType::Person
                | EntityType::Org
                | EntityType::Norp
                | EntityType::Loc
                | EntityType::Title
        )
    }

    pub(crate) fn speaker_of_mention(&self, m: usize) -> Speaker {
        let mention = &self.ann.mentions[m];
        // An office not linked to a holder is no speaker entity.
        let entity = mention
            .entity
            .filter(|_| self.mention_type(m) != EntityType::Title || self.is_person_mention(m));
        Speaker {
            span: mention.span,
            mention: Some(m),
            entity,
            link: if entity.is_some() {
                Link::Named
            } else {
                Link::None
            },
        }
    }

    /// A name the recogniser typed as neither actor nor office (a MISC "Trump"): the
    /// speaker's words without an entity. Dates and numbers are no speakers.
    fn untyped_name(&self, m: usize) -> Option<Speaker> {
        (self.mention_type(m) == EntityType::Misc).then(|| Speaker {
            span: self.ann.mentions[m].span,
            mention: Some(m),
            entity: None,
            link: Link::None,
        })
    }

    /// The first person named in tokens `[a, b)` ("Acknowledging that …, Allen did
    /// suggest": the subject after a leading participle).
    pub(crate) fn first_person(&self, a: usize, b: usize) -> Option<Speaker> {
        (a..b)
            .filter_map(|k| self.tm[k])
            .find(|&m| self.is_person_mention(m))
            .map(|m| self.speaker_of_mention(m))
    }

    /// The first token after mention `m` (which covers token `k`).
    fn mention_end(&self, m: usize, k: usize, limit: usize) -> usize {
        let mut j = k;
        while j < limit && self.tm[j] == Some(m) {
            j += 1;
        }
        j
    }

    /// A pronoun speaker at token `i`.
    pub(crate) fn pronoun(&self, i: usize) -> Speaker {
        let span = self.ann.tokens[i].span;
        let entity = match self.lower(i) {
            "he" => self.gendered(span.start, Gender::Male),
            "she" => self.gendered(span.start, Gender::Female),
            "i" => self
                .turn_speaker(i)
                .or_else(|| self.author())
                .map(|(e, _)| e),
            "we" => self
                .turn_speaker(i)
                .map(|(e, _)| e)
                .or_else(|| self.issuer(i)),
            "it" => self.article().it_speaker(span.start),
            _ => None,
        };
        Speaker::referring(span, entity)
    }

    /// Who "we" is in an institution's statement: the country or organisation that opens
    /// one of the article's first three sentences as the subject of a verb ("The United
    /// States strongly condemns … We extend our deepest condolences"). Later sentences are
    /// not used: a statement's body names other actors ("Russia must …").
    fn issuer(&self, token: usize) -> Option<EntityId> {
        let pos = self.ann.tokens.get(token)?.span.start;
        self.ann.sentences.iter().take(3).find_map(|sentence| {
            let start = sentence.span.start;
            let k = self.ann.tokens.partition_point(|t| t.span.start < start);
            // "The United States …" or "United States …" opening the sentence.
            let k = if self.lower(k) == "the" { k + 1 } else { k };
            let mention = self.tm.get(k).copied().flatten()?;
            let x = &self.ann.mentions[mention];
            if x.span.start == pos
                || !matches!(
                    self.mention_type(mention),
                    EntityType::Loc | EntityType::Org
                )
            {
                return None;
            }
            // Its verb follows the name, perhaps after adverbs ("strongly condemns"), in
            // lower case (a title-case headline is no sentence of the statement).
            let mut v = self
                .ann
                .tokens
                .partition_point(|t| t.span.start < x.span.end);
            while self.tag(v) == "RB" {
                v += 1;
            }
            let verb = self.ann.tokens.get(v)?.span.text(self.text);
            // The tagger sometimes reads "condemns" as a plural noun: a listed verb counts.
            let listed = super::cues::predicate(self.lower(v)).is_some()
                || super::cues::cue(self.lower(v)).is_some()
                || (self.tag(v) == "NNS" && v > 0 && self.tag(v - 1) == "RB");
            ((self.tag(v).starts_with("VB") || listed) && verb.starts_with(char::is_lowercase))
                .then_some(x.entity)
                .flatten()
        })
    }

    /// The owner of a noun cue ending at token `noun` ("her remark that “…”", "Trump’s call
    /// for “…”", "his warning that …"): a possessive pronoun or a name with "’s" at most
    /// two words before the noun, not before `lo`.
    pub(crate) fn possessor_of(&self, noun: usize, lo: usize) -> Option<Speaker> {
        let first = noun.saturating_sub(3).max(lo);
        (first..noun).rev().find_map(|k| {
            let l = self.lower(k);
            if matches!(l, "his" | "her" | "their") {
                let span = self.ann.tokens[k].span;
                let entity = match l {
                    "his" => self.gendered(span.start, Gender::Male),
                    "her" => self.gendered(span.start, Gender::Female),
                    _ => None,
                };
                return Some(Speaker::referring(span, entity));
            }
            if matches!(l, "’s" | "'s") && k > lo {
                let m = self.tm[k - 1]?;
                // Countries and organisations call for things too ("China’s call for").
                return (!matches!(self.mention_type(m), EntityType::Title | EntityType::Other))
                    .then(|| self.speaker_of_mention(m));
            }
            None
        })
    }

    /// "who" at token `i`: the name just before it ("Trump, who said …").
    fn relative(&self, i: usize, lo: usize) -> Speaker {
        let mut k = i;
        while k > lo && matches!(self.lower(k - 1), "," | "(") {
            k -= 1;
        }
        let entity = (k > lo)
            .then(|| self.tm[k - 1])
            .flatten()
            .filter(|&m| self.is_actor_mention(m))
            .and_then(|m| self.ann.mentions[m].entity);
        Speaker::referring(self.ann.tokens[i].span, entity)
    }

    /// A description noun phrase over tokens `[a, b)` (head at `b - 1`).
    fn description(&self, a: usize, b: usize) -> Speaker {
        // "Tuesday night", "last week": a time is no speaker.
        let b = (a + 1..=b)
            .rev()
            .find(|&e| !is_day_word(self.lower(e - 1)) && !is_time_noun(self.lower(e - 1)))
            .unwrap_or(b);
        let span = self.ann.tokens[a].span.cover(self.ann.tokens[b - 1].span);
        let head = self.lower(b - 1);
        // An office inside it that is linked to a person.
        let mut org = None;
        for k in a..b {
            if let Some(m) = self.tm[k] {
                if self.is_person_mention(m) && self.ann.mentions[m].entity.is_some() {
                    let mut sp = self.speaker_of_mention(m);
                    sp.link = Link::Named;
                    return sp;
                }
                if org.is_none()
                    && matches!(
                        self.mention_type(m),
                        EntityType::Org | EntityType::Norp | EntityType::Loc
                    )
                {
                    org = Some(m);
                }
            }
        }
        if is_document_noun(head)
            && let Some(m) = org
        {
            return Speaker {
                span,
                mention: None,
                entity: self.ann.mentions[m].entity,
                link: Link::Description,
            };
        }
        let first = self.lower(a);
        let definite = matches!(first, "the" | "this" | "that");
        let article = self.article();
        let entity = if matches!(first, "his" | "her") && is_owned_speaker_noun(head) {
            // "his office", "her campaign": the person the possessive stands for.
            let want = if first == "his" {
                Gender::Male
            } else {
                Gender::Female
            };
            self.gendered(span.start, want)
        } else if definite && is_person_noun(head) {
            // "the Indiana governor" → the person named next to "Indiana" and "Gov.".
            article
                .person_holder(a, b, span.start)
                .or_else(|| self.persons.last_person(span.start))
        } else if definite && is_org_noun(head) {
            // "the department" → the department named.
            article.org_holder(head, span.start)
        } else if definite && b == a + 2 && self.tag(b - 1).starts_with("NNP") {
            // "the Times", "the Post": a short form of an organisation named before.
            article.org_holder(head, span.start)
        } else if definite && (is_document_noun(head) || is_issued_noun(head)) {
            // "the ruling", "the article": the actor that issued it.
            article.document_issuer(span.start)
        } else {
            None
        };
        Speaker {
            span,
            mention: None,
            entity,
            link: if entity.is_some() {
                Link::Description
            } else {
                Link::None
            },
        }
    }

    /// The subject of a cue at token `cue`, looking back no further than token `lo`.
    pub(crate) fn subject_before(&self, cue: usize, lo: usize) -> Option<Speaker> {
        let mut k = cue;
        while k > lo {
            let l = self.lower(k - 1);
            if let Some(m) = self.tm[k - 1].filter(|&m| self.mention_type(m) == EntityType::Other) {
                while k > lo && self.tm[k - 1] == Some(m) {
                    k -= 1;
                }
                if k > lo && is_day_preposition(self.lower(k - 1)) {
                    k -= 1;
                }
                continue;
            }
            if self.tm[k - 1].is_none()
                && (is_adjunct(l) || (self.tag(k - 1) == "RB" && l != "not"))
            {
                k -= 1;
                if is_day_word(l) && k > lo && is_day_preposition(self.lower(k - 1)) {
                    k -= 1;
                }
                continue;
            }
            // "Feinstein last week said", "Trump this month told": a time phrase.
            if is_period_word(l)
                && k > lo + 1
                && self.tm[k - 1].is_none()
                && matches!(
                    self.lower(k - 2),
                    "last" | "this" | "next" | "earlier" | "that"
                )
            {
                k -= 2;
                continue;
            }
            // "Sen. Elizabeth Warren (D-MA) said": a short parenthesis after the name.
            if matches!(l, ")" | "]") {
                let open = if l == ")" { "(" } else { "[" };
                if let Some(a) = (lo.max(k.saturating_sub(8))..k - 1)
                    .rev()
                    .find(|&a| self.lower(a) == open)
                    && a > lo
                {
                    k = a;
                    continue;
                }
            }
            break;
        }
        if k <= lo {
            return None;
        }
        let j = k - 1;
        let l = self.lower(j);
        if l == "," {
            // "and he, once again, pledged": adverbs set off by commas after the subject.
            if let Some(a) = (lo.max(j.saturating_sub(4))..j)
                .rev()
                .find(|&a| self.lower(a) == ",")
                && a > lo
                && a + 1 < j
                && (a + 1..j).all(|t| {
                    self.tm[t].is_none() && (is_adjunct(self.lower(t)) || self.tag(t) == "RB")
                })
                && (is_subject_pronoun(self.lower(a - 1)) || self.tm[a - 1].is_some())
            {
                return self.subject_before(a, lo);
            }
            return self.clause_subject(lo, j);
        }
        // "McConnell embraced the mogul and said …": the subject of the first verb.
        if l == "and" {
            return self.clause_subject(lo, j);
        }
        if let Some(m) = self.tm[j] {
            if self.is_actor_mention(m) {
                let start = self.ann.mentions[m].span.start;
                // "a Clinton spokesman" is the spokesman, not Clinton: a description whose
                // head is a common noun is handled below; a mention ending the phrase is
                // the speaker.
                if self.mention_type(m) == EntityType::Title && !self.is_person_mention(m) {
                    let mut a = j;
                    while a > lo && (is_np_tag(self.tag(a - 1)) || self.tm[a - 1] == Some(m)) {
                        a -= 1;
                    }
                    return Some(self.description(a, j + 1));
                }
                let _ = start;
                return Some(self.speaker_of_mention(m));
            }
            return self.untyped_name(m);
        }
        if is_subject_pronoun(l) {
            return Some(self.pronoun(j));
        }
        if matches!(l, "who" | "which") {
            return Some(self.relative(j, lo));
        }
        // "Another tweeted, “…”", "Yet another said": a pronoun-like determiner.
        if matches!(
            l,
            "another" | "others" | "one" | "some" | "many" | "several"
        ) && (j == lo || !is_np_tag(self.tag(j - 1)))
        {
            return Some(self.description(j, j + 1));
        }
        if self.tag(j).starts_with("NN") && self.is_word(j) {
            let mut a = j;
            while a > lo && (is_np_tag(self.tag(a - 1)) || self.tm[a - 1].is_some()) {
                a -= 1;
                if matches!(self.lower(a), "the" | "a" | "an") {
                    break;
                }
            }
            return Some(self.description(a, j + 1));
        }
        None
    }

    /// The subject of a clause `[lo, end)` whose verb follows an apposition ("Lloyd
    /// Austin, the defence secretary, said"): its first person not governed by a
    /// preposition, else its first office or other actor, else a leading pronoun or
    /// description.
    pub(crate) fn clause_subject(&self, lo: usize, end: usize) -> Option<Speaker> {
        let governed = |k: usize| k > lo && is_preposition(self.lower(k - 1));
        let mut first_actor = None;
        let mut k = lo;
        while k < end {
            if let Some(m) = self.tm[k] {
                let next = self.mention_end(m, k, end);
                if !governed(k) && self.ann.mentions[m].span.start >= self.ann.tokens[k].span.start
                {
                    if self.mention_type(m) == EntityType::Person {
                        return Some(self.speaker_of_mention(m));
                    }
                    if first_actor.is_none() && self.is_actor_mention(m) {
                        first_actor = Some(m);
                    }
                }
                k = next;
                continue;
            }
            k += 1;
        }
        if let Some(m) = first_actor {
            return Some(self.speaker_of_mention(m));
        }
        let l = self.lower(lo);
        if matches!(l, "he" | "she" | "they" | "we" | "i") {
            return Some(self.pronoun(lo));
        }
        let mut b = lo;
        while b < end && is_np_tag(self.tag(b)) {
            b += 1;
        }
        (b > lo && self.tag(b - 1).starts_with("NN")).then(|| self.description(lo, b))
    }

    /// A speaker noun phrase starting at token `k` (before `limit`): the speaker and the
    /// first token after it. With `names_first`, a person's name within the next few
    /// tokens wins over a leading office ("said State spokesman Mark Toner").
    pub(crate) fn np_at(
        &self,
        k: usize,
        limit: usize,
        names_first: bool,
    ) -> Option<(Speaker, usize)> {
        if k >= limit {
            return None;
        }
        if names_first {
            let mut j = k;
            // "9/11 widow Terry Strada": a slash joins numbers inside the phrase.
            while j < limit.min(k + 6)
                && (self.tm[j].is_some()
                    || is_np_tag(self.tag(j))
                    || (j > k && self.lower(j) == "/" && self.tag(j - 1) == "CD"))
            {
                if let Some(m) = self.tm[j]
                    && self.mention_type(m) == EntityType::Person
                {
                    return Some((self.speaker_of_mention(m), self.mention_end(m, j, limit)));
                }
                j += 1;
            }
        }
        let l = self.lower(k);
        if is_subject_pronoun(l) {
            return Some((self.pronoun(k), k + 1));
        }
        // "said one.", "read another": a pronoun-like determiner standing alone.
        if matches!(l, "one" | "another" | "others")
            && (k + 1 >= limit || !is_np_tag(self.tag(k + 1)))
        {
            return Some((self.description(k, k + 1), k + 1));
        }
        if let Some(m) = self.tm[k] {
            if !self.is_actor_mention(m) {
                let end = self.mention_end(m, k, limit);
                return self.untyped_name(m).map(|sp| (sp, end));
            }
            let end = self.mention_end(m, k, limit);
            // "Cleveland's Plain Dealer", "the campaign's spokesman": the possessed phrase.
            if end + 1 < limit
                && matches!(self.lower(end), "'s" | "’s")
                && let Some(found) = self.np_at(end + 1, limit, false)
            {
                return Some(found);
            }
            // "Foreign Minister Shah Mehmood Qureshi": the name after the office.
            if self.mention_type(m) == EntityType::Title
                && let Some(n) = self.tm.get(end).copied().flatten()
                && self.mention_type(n) == EntityType::Person
            {
                return Some((self.speaker_of_mention(n), self.mention_end(n, end, limit)));
            }
            if self.mention_type(m) != EntityType::Title || self.is_person_mention(m) {
                return Some((self.speaker_of_mention(m), end));
            }
        }
        // A description: determiners, adjectives, nouns (and names inside).
        let mut b = k;
        // "the editorial board writes": a cue word after a noun ends the phrase.
        while b < limit
            && (is_np_tag(self.tag(b)) || self.tm[b].is_some())
            && !(b > k && self.tm[b].is_none() && super::cues::cue(self.lower(b)).is_some())
        {
            b += 1;
        }
        // "said the 46-year-old.": a determiner and an adjective used as a noun.
        let adjective_noun = b > k + 1
            && self.tag(b - 1) == "JJ"
            && matches!(self.lower(k), "the" | "a" | "an")
            && matches!(self.lower(b), "." | "," | ";");
        if b > k
            && (self.tag(b - 1).starts_with("NN") || self.tm[b - 1].is_some() || adjective_noun)
        {
            let sp = self.description(k, b);
            // "a spokesman for the campaign": the organisation behind an unnamed speaker.
            let mut end = b;
            if b + 1 < limit && matches!(self.lower(b), "for" | "of" | "at" | "with" | "from") {
                let mut c = b + 1;
                while c < limit && (is_np_tag(self.tag(c)) || self.tm[c].is_some()) {
                    c += 1;
                }
                end = c;
            }
            return Some((sp, end));
        }
        None
    }

    /// Skips adjuncts between a subject and its verb from token `k`.
    pub(crate) fn skip_adjuncts(&self, mut k: usize, limit: usize) -> usize {
        while k < limit {
            let l = self.lower(k);
            if (is_adjunct(l) && self.tm[k].is_none())
                || (self.tag(k) == "RB" && l != "not" && self.tm[k].is_none())
            {
                k += 1;
            } else if is_day_preposition(l)
                && self
                    .tm
                    .get(k + 1)
                    .copied()
                    .flatten()
                    .is_some_and(|m| self.mention_type(m) == EntityType::Other)
            {
                k += 1;
                while k < limit
                    && self.tm[k].is_some_and(|m| self.mention_type(m) == EntityType::Other)
                {
                    k += 1;
                }
            } else {
                break;
            }
        }
        k
    }
}
