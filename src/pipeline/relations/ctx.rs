//! The sentence context of the `relations` stage: token → mention lookups, title links, phrase
//! starts and direct quotes, and the head and tail search every pattern shares (the nearest
//! ungoverned actor before a trigger; the actors a trigger governs, with coordination).

use std::rc::Rc;

use crate::model::{Annotations, EntityId, EntityType, Span};
use crate::pipeline::lexicon::lexicon;
use crate::pipeline::mentions::TitleLink;
use crate::pipeline::references::resolve_pronoun;
use crate::pipeline::util::{Norms, is_preposition_wide};

/// Nouns after which a demonym stands for its state ("Iraqi security forces" → Iraq).
const STATE_NOUNS: [&str; 14] = [
    "government",
    "people",
    "forces",
    "security",
    "army",
    "military",
    "unity",
    "sovereignty",
    "authorities",
    "state",
    "officials",
    "efforts",
    "leadership",
    "territory",
];

/// A relation argument: the mention it was read from (if any) and its entity.
pub(super) type Arg = (Option<usize>, EntityId);

pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) ann: &'a Annotations,
    pub(super) tm: Vec<Option<usize>>,
    pub(super) links: Vec<TitleLink>,
    /// For each mention, the byte where its phrase starts: a person's first attached title
    /// or that title's modifier ("Pakistani Foreign Minister Shah Mehmood Qureshi").
    pub(super) phrase_start: Vec<usize>,
    pub(super) lower: Rc<Norms>,
    pub(super) quotes: Vec<(Span, Option<EntityId>)>,
}

impl Ctx<'_> {
    pub(super) fn lower(&self, i: usize) -> &str {
        self.lower.get(i)
    }

    /// The part-of-speech tag of token `i`, if the POS stage ran.
    pub(super) fn pos(&self, i: usize) -> Option<&str> {
        self.ann.tokens.get(i).and_then(|t| t.pos.as_deref())
    }

    /// True when token `i` is tagged as a verb, or when no tags are present.
    pub(super) fn is_verb(&self, i: usize) -> bool {
        self.ann.tokens.get(i).is_some_and(|t| {
            t.pos
                .as_deref()
                .is_none_or(|p| p.starts_with("VB") || p == "MD")
        })
    }

    /// An actor coordinated before `head` ("The United States and Iraq sign"): the actor
    /// right before "and" in front of the head's phrase.
    pub(super) fn coordinated_subject(
        &self,
        s: usize,
        head: (Option<usize>, EntityId),
    ) -> Option<(Option<usize>, EntityId)> {
        let m = head.0?;
        let first = self
            .ann
            .tokens
            .partition_point(|x| x.span.start < self.ann.mentions[m].span.start);
        let mut k = self.phrase_start_token(m, first);
        if k > s && self.lower(k - 1) == "the" {
            k -= 1;
        }
        if k >= s + 2 && self.lower(k - 1) == "and" {
            let (om, oe) = self.actor_at(k - 2)?;
            return (oe != head.1).then_some((Some(om), oe));
        }
        // "X and Y …" with X found first: the actor after "and".
        let mut j = self
            .ann
            .tokens
            .partition_point(|x| x.span.start < self.ann.mentions[m].span.end);
        if self.lower(j) != "and" {
            return None;
        }
        j += 1;
        if self.lower(j) == "the" {
            j += 1;
        }
        let (om, oe) = self.actor_at(j)?;
        (oe != head.1).then_some((Some(om), oe))
    }

    /// The country mention and entity of a demonym mention ("Pakistani" → Pakistan), when
    /// the country is named in the article.
    pub(super) fn country_of_demonym(&self, m: usize) -> Option<(usize, EntityId)> {
        let lex = lexicon();
        let surface = self.ann.mentions[m].span.text(self.text);
        let (key, _) = crate::pipeline::lexicon::phrase_key(surface);
        let country = lex.gaz(&key)?.country.as_deref()?;
        self.ann.mentions.iter().enumerate().find_map(|(i, x)| {
            (x.entity_type == EntityType::Loc
                && lex.gaz_canonical(x.span.text(self.text)) == Some(country))
            .then_some(())
            .and_then(|()| x.entity.map(|e| (i, e)))
        })
    }

    /// A tail as the relation should name it: a demonym used as an adjective ("Iraqi
    /// security forces", "Iraqi unity") stands for its country when the noun is one of the
    /// state's (forces, government, people, …), and for nothing otherwise.
    pub(super) fn adjective_tail(
        &self,
        tail: (Option<usize>, EntityId),
    ) -> Option<(Option<usize>, EntityId)> {
        let Some(m) = tail.0 else { return Some(tail) };
        let mention = &self.ann.mentions[m];
        if mention.entity_type != EntityType::Norp {
            return Some(tail);
        }
        let next = self
            .ann
            .tokens
            .partition_point(|x| x.span.start < mention.span.end);
        // "Republican Warren G. Harding": the person, not the party word.
        if let Some(pm) = self.tm.get(next).copied().flatten()
            && self.ann.mentions[pm].entity_type == EntityType::Person
            && let Some(pe) = self.ann.mentions[pm].entity
        {
            return Some((Some(pm), pe));
        }
        let word = self.lower(next);
        if !word.chars().next().is_some_and(char::is_lowercase)
            || self.tm.get(next).copied().flatten().is_some()
        {
            return Some(tail);
        }
        if STATE_NOUNS.contains(&word) {
            self.country_of_demonym(m).map(|(i, e)| (Some(i), e))
        } else {
            None
        }
    }

    /// The last organisation or place mentioned before byte `pos` ("it", "its").
    pub(super) fn last_org_or_place(&self, pos: usize) -> Option<EntityId> {
        let i = self.ann.mentions.partition_point(|m| m.span.start < pos);
        self.ann.mentions[..i].iter().rev().take(12).find_map(|m| {
            let e = m.entity?;
            matches!(self.entity_type(e), EntityType::Org | EntityType::Loc).then_some(e)
        })
    }

    pub(super) fn entity_type(&self, e: EntityId) -> EntityType {
        self.ann
            .entities
            .get(e.index())
            .map_or(EntityType::Other, |x| x.entity_type)
    }

    /// The first token of the phrase a mention heads (its attached titles and modifier).
    pub(super) fn phrase_start_token(&self, m: usize, token: usize) -> usize {
        let start = self.phrase_start[m];
        let mut k = token;
        while k > 0 && self.ann.tokens[k - 1].span.start >= start {
            k -= 1;
        }
        k
    }

    pub(super) fn quote_at(&self, pos: usize) -> Option<&(Span, Option<EntityId>)> {
        self.quotes
            .iter()
            .find(|(s, _)| s.start <= pos && pos < s.end)
    }

    /// An actor entity for the mention covering token `k`, if any.
    pub(super) fn actor_at(&self, k: usize) -> Option<(usize, EntityId)> {
        let m = self.tm[k]?;
        let mention = &self.ann.mentions[m];
        if mention.entity_type == EntityType::Title {
            // A title written with a name stands for nothing by itself here.
            if self.links.get(m).is_some_and(|l| l.holder.is_some()) {
                return None;
            }
        }
        let e = mention.entity?;
        Some((m, e))
    }

    /// The head of a trigger at token `t` in the sentence starting at `s`.
    pub(super) fn head(&self, s: usize, t: usize) -> Option<(Option<usize>, EntityId)> {
        self.head_within(s, t, 12)
    }

    /// The preposition governing the phrase starting at token `start`, also through a list
    /// ("working with Prime Minister Al-Abadi, the Iraqi Security Forces").
    pub(super) fn governor(&self, s: usize, start: usize) -> Option<&str> {
        let mut k = start;
        while k > s {
            let p = self.lower(k - 1);
            if is_preposition_wide(p) {
                return Some(p);
            }
            let list = p == "," && matches!(self.lower(k), "the" | "and") && self.list_follows(k);
            if list || matches!(p, "the" | "and" | "a" | "an") || self.tm[k - 1].is_some() {
                k -= 1;
                continue;
            }
            return None;
        }
        None
    }

    /// True when an "and" follows token `k` before any verb: `k` is inside a list.
    pub(super) fn list_follows(&self, k: usize) -> bool {
        for j in k..(k + 10).min(self.ann.tokens.len()) {
            if self.lower(j) == "and" {
                return true;
            }
            if self
                .pos(j)
                .is_some_and(|p| p.starts_with("VB") || p == "MD")
            {
                return false;
            }
        }
        false
    }

    /// [`Self::head`] looking back at most `max_steps` tokens.
    pub(super) fn head_within(
        &self,
        s: usize,
        t: usize,
        max_steps: usize,
    ) -> Option<(Option<usize>, EntityId)> {
        let trigger_pos = self.ann.tokens[t].span.start;
        let quote = self.quote_at(trigger_pos);
        let floor = quote.map_or(s, |(q, _)| {
            let i = self.ann.tokens.partition_point(|x| x.span.start < q.start);
            i.max(s)
        });
        let after_and = (t > floor && self.lower(t - 1) == "and")
            || (t > floor + 1 && self.lower(t - 2) == "and");
        // "to degrade and defeat Daesh": the first verb's head.
        if t >= floor + 2
            && self.lower(t - 1) == "and"
            && self.pos(t - 2).is_some_and(|p| p.starts_with("VB"))
        {
            return self.head_within(s, t - 2, max_steps);
        }
        if after_and {
            // "X raised … and urged Y": the clause subject.
            let mut k = floor;
            while k < t {
                if let Some((m, e)) = self.actor_at(k) {
                    let start = self.phrase_start_token(m, k);
                    if !(start > s && is_preposition_wide(self.lower(start - 1))) {
                        return Some((Some(m), e));
                    }
                    while k < t && self.tm[k] == Some(m) {
                        k += 1;
                    }
                    continue;
                }
                match self.lower(k) {
                    "he" | "she" => {
                        return resolve_pronoun(self.ann, self.ann.tokens[k].span.start)
                            .map(|e| (None, e));
                    }
                    // "I want to congratulate … and thank …": the writer, or a quote's speaker.
                    "we" | "i" | "they" => {
                        return quote.and_then(|(_, speaker)| *speaker).map(|e| (None, e));
                    }
                    _ => {}
                }
                k += 1;
            }
            return None;
        }
        let mut k = t;
        let mut steps = 0;
        while k > floor && steps < max_steps {
            k -= 1;
            steps += 1;
            let l = self.lower(k);
            if let Some((m, e)) = self.actor_at(k) {
                let start = self.phrase_start_token(m, k);
                // "for the United States and Pakistan to cooperate": the subject of the
                // infinitive.
                match self.governor(s, start) {
                    None => return Some((Some(m), e)),
                    Some("for") if t > s && self.lower(t - 1) == "to" => {
                        return Some((Some(m), e));
                    }
                    Some(_) => {}
                }
                k = start.min(k);
                continue;
            }
            if matches!(l, "he" | "she") {
                return resolve_pronoun(self.ann, self.ann.tokens[k].span.start).map(|e| (None, e));
            }
            if l == "it" && quote.is_none() && t - k <= 3 {
                return self
                    .last_org_or_place(self.ann.tokens[k].span.start)
                    .map(|e| (None, e));
            }
            // "our efforts to degrade and defeat Daesh": the writer (or a quote's speaker).
            if matches!(l, "we" | "i" | "our") {
                return quote.and_then(|(_, speaker)| *speaker).map(|e| (None, e));
            }
            if matches!(l, ";" | "”" | "“") && quote.is_none() {
                break;
            }
        }
        None
    }

    /// Tails governed by the trigger ending at token `t_end`; with `through`, also past
    /// "in"/"of" ("partner in the peace process in X").
    pub(super) fn tails(
        &self,
        t_end: usize,
        e: usize,
        max_gap: usize,
        through: bool,
    ) -> Vec<(Option<usize>, EntityId)> {
        let mut out = Vec::new();
        let mut k = t_end;
        let mut gap = 0;
        while k < e && gap <= max_gap {
            let l = self.lower(k);
            if let Some((m, ent)) = self.actor_at(k) {
                // Skip the mention and look for coordinated actors.
                while k < e && self.tm[k] == Some(m) {
                    k += 1;
                }
                // A country or group directly before a title or name modifies it ("met
                // Pakistani Foreign Minister Shah Mehmood Qureshi"): the actor comes next.
                if matches!(
                    self.ann.mentions[m].entity_type,
                    EntityType::Norp | EntityType::Loc
                ) && k < e
                    && self.tm[k].is_some_and(|n| {
                        matches!(
                            self.ann.mentions[n].entity_type,
                            EntityType::Title | EntityType::Person
                        )
                    })
                {
                    continue;
                }
                out.push((Some(m), ent));
                let mut j = k;
                while j < e && matches!(self.lower(j), "and" | "," | "the" | "(" | ")") {
                    j += 1;
                }
                if j > k
                    && j < e
                    && let Some(next) = self.tm[j]
                {
                    if self.ann.mentions[next].entity != Some(ent) {
                        k = j;
                        gap = 0;
                        continue;
                    }
                    // "(ISIS-K)" after its expansion: skip it.
                    while j < e && self.tm[j] == Some(next) {
                        j += 1;
                    }
                    while j < e && matches!(self.lower(j), "and" | "," | "the" | "(" | ")") {
                        j += 1;
                    }
                    if j < e && self.tm[j].is_some() && self.lower(j - 1) == "the"
                        || (j < e && self.lower(j - 1) == "and" && self.tm[j].is_some())
                    {
                        k = j;
                        gap = 0;
                        continue;
                    }
                }
                break;
            }
            if self.tm[k].is_some() {
                // An attached title: skip it.
                k += 1;
                continue;
            }
            if matches!(l, "him" | "her") {
                if let Some(ent) = resolve_pronoun(self.ann, self.ann.tokens[k].span.start) {
                    out.push((None, ent));
                }
                break;
            }
            if through && matches!(l, "in" | "of") {
                gap += 1;
                k += 1;
                continue;
            }
            if is_preposition_wide(l)
                || matches!(
                    l,
                    "." | ";" | ":" | "that" | "“" | "”" | "\"" | "who" | "which"
                )
            {
                break;
            }
            gap += 1;
            k += 1;
        }
        out
    }
}
