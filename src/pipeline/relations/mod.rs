//! The `relations` stage: asserted relations read with patterns over tokens and mentions
//! inside one sentence, each with its trigger, evidence sentence, negation and modality.
//!
//! - `OfficeHeld`: a title written with a name (person → office), and person → the place,
//!   group or organisation of the office: a modifier right before the title ("Pakistani
//!   Foreign Minister" → Pakistan, demonyms mapped to their country when it is mentioned), or
//!   failing that a country introduced by "to"/"in" in the same sentence outside quotes
//!   (low confidence: "… Charge d’ Affairs to Pakistan who called on COAS General Bajwa").
//! - `AliasOf`: an office named on its own standing for its holder ("The COAS" → Bajwa);
//!   acronym pairs come from the `acronyms` stage and are kept.
//! - Trigger verbs: `Met` ("met", "meeting with", "called on"), `Urged` ("urged", "called on
//!   … to"), `Supports` ("praised", "appreciated", "welcomed", "thanked"), `Criticises`
//!   ("criticised", "condemned", "accused"), `Promised` ("pledged", "promised", "will
//!   restore/provide … for X"), `Fights` ("defeat", "fight", "attack", "counter").
//!   The head is the nearest actor before the trigger that no preposition governs (after
//!   "and", the clause subject); "he"/"him" resolve to the last person, "we"/"I" inside a
//!   quote to its speaker. Tails are the actor the trigger governs directly plus actors
//!   coordinated with it ("al-Qaeda and the Islamic State Khorasan Province"); `Promised`
//!   also takes the recipient after "for"/"to".

use crate::model::{
    Annotations, Document, EntityId, EntityType, MentionId, Provenance, Relation, RelationKind,
    RelationType, Span,
};

use std::rc::Rc;

use super::Stage;
use super::lexicon::lexicon;
use super::mentions::{TitleLink, title_links, token_mentions};
use super::references::{add_reference_mentions, reference_mentions, resolve_pronoun};
use super::util::{FxMap, FxSet, Norms, is_preposition_wide, shared_norms, tok};

mod lexicon;
mod structural;
mod triggers;

/// Extracts asserted relations.
pub struct Relations;

const STAGE: &str = "relations";

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
type Arg = (Option<usize>, EntityId);

struct Ctx<'a> {
    text: &'a str,
    ann: &'a Annotations,
    tm: Vec<Option<usize>>,
    links: Vec<TitleLink>,
    /// For each mention, the byte where its phrase starts: a person's first attached title
    /// or that title's modifier ("Pakistani Foreign Minister Shah Mehmood Qureshi").
    phrase_start: Vec<usize>,
    lower: Rc<Norms>,
    quotes: Vec<(Span, Option<EntityId>)>,
}

impl Ctx<'_> {
    fn lower(&self, i: usize) -> &str {
        self.lower.get(i)
    }

    /// The part-of-speech tag of token `i`, if the POS stage ran.
    fn pos(&self, i: usize) -> Option<&str> {
        self.ann.tokens.get(i).and_then(|t| t.pos.as_deref())
    }

    /// True when token `i` is tagged as a verb, or when no tags are present.
    fn is_verb(&self, i: usize) -> bool {
        self.ann.tokens.get(i).is_some_and(|t| {
            t.pos
                .as_deref()
                .is_none_or(|p| p.starts_with("VB") || p == "MD")
        })
    }

    /// An actor coordinated before `head` ("The United States and Iraq sign"): the actor
    /// right before "and" in front of the head's phrase.
    fn coordinated_subject(
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
    fn country_of_demonym(&self, m: usize) -> Option<(usize, EntityId)> {
        let lex = lexicon();
        let surface = self.ann.mentions[m].span.text(self.text);
        let (key, _) = super::lexicon::phrase_key(surface);
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
    fn adjective_tail(&self, tail: (Option<usize>, EntityId)) -> Option<(Option<usize>, EntityId)> {
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
    fn last_org_or_place(&self, pos: usize) -> Option<EntityId> {
        let i = self.ann.mentions.partition_point(|m| m.span.start < pos);
        self.ann.mentions[..i].iter().rev().take(12).find_map(|m| {
            let e = m.entity?;
            matches!(self.entity_type(e), EntityType::Org | EntityType::Loc).then_some(e)
        })
    }

    fn entity_type(&self, e: EntityId) -> EntityType {
        self.ann
            .entities
            .get(e.index())
            .map_or(EntityType::Other, |x| x.entity_type)
    }

    /// The first token of the phrase a mention heads (its attached titles and modifier).
    fn phrase_start_token(&self, m: usize, token: usize) -> usize {
        let start = self.phrase_start[m];
        let mut k = token;
        while k > 0 && self.ann.tokens[k - 1].span.start >= start {
            k -= 1;
        }
        k
    }

    fn quote_at(&self, pos: usize) -> Option<&(Span, Option<EntityId>)> {
        self.quotes
            .iter()
            .find(|(s, _)| s.start <= pos && pos < s.end)
    }

    /// An actor entity for the mention covering token `k`, if any.
    fn actor_at(&self, k: usize) -> Option<(usize, EntityId)> {
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
    fn head(&self, s: usize, t: usize) -> Option<(Option<usize>, EntityId)> {
        self.head_within(s, t, 12)
    }

    /// The preposition governing the phrase starting at token `start`, also through a list
    /// ("working with Prime Minister Al-Abadi, the Iraqi Security Forces").
    fn governor(&self, s: usize, start: usize) -> Option<&str> {
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
    fn list_follows(&self, k: usize) -> bool {
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
    fn head_within(
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

    /// Tails governed by the trigger ending at token `t_end`.
    fn tails(&self, t_end: usize, e: usize, max_gap: usize) -> Vec<(Option<usize>, EntityId)> {
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

impl Stage for Relations {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn reads(&self) -> &'static [crate::pipeline::Layer] {
        &[
            crate::pipeline::Layer::Sentences,
            crate::pipeline::Layer::Tokens,
            crate::pipeline::Layer::Pos,
            crate::pipeline::Layer::Mentions,
            crate::pipeline::Layer::Titles,
            crate::pipeline::Layer::Entities,
            crate::pipeline::Layer::Quotes,
        ]
    }

    fn writes(&self) -> &'static [crate::pipeline::Layer] {
        &[
            crate::pipeline::Layer::Relations,
            crate::pipeline::Layer::References,
        ]
    }

    fn run(&self, doc: &mut Document) {
        if doc.annotations.tokens.is_empty() || doc.annotations.entities.is_empty() {
            return;
        }
        extract(doc);
        // Pronouns and descriptions become mentions of the entity they stand for; a
        // description ("the visiting dignitary") can head a relation, so extraction runs
        // again when one was found.
        let refs = {
            let ann = &doc.annotations;
            let visits: Vec<(usize, EntityId)> = ann
                .relations
                .iter()
                .filter(|r| {
                    r.relation_type == RelationType::Met && r.kind == RelationKind::Asserted
                })
                .filter_map(|r| Some((r.trigger?.start, r.head)))
                .collect();
            let quotes: Vec<Span> = ann
                .quotes
                .iter()
                .filter(|q| q.direct)
                .map(|q| q.content)
                .collect();
            reference_mentions(&doc.text, ann, &quotes, &visits)
        };
        let again = refs.iter().any(|m| m.provenance.rule == "description");
        add_reference_mentions(&mut doc.annotations, refs);
        if again {
            extract(doc);
        }
    }
}

/// Reads every asserted relation of `doc` (replacing this stage's earlier ones).
fn extract(doc: &mut Document) {
    let text = doc.text.as_str();
    let ann = &doc.annotations;
    if ann.tokens.is_empty() || ann.entities.is_empty() {
        return;
    }
    let links = title_links(text, ann);
    let ctx = Ctx {
        text,
        ann,
        tm: token_mentions(ann),
        phrase_start: phrase_starts(ann, &links),
        links,
        lower: shared_norms(text, ann),
        quotes: ann
            .quotes
            .iter()
            .filter(|q| q.direct)
            .map(|q| (q.content, q.speaker_entity))
            .collect(),
    };
    let mut rels: Vec<Relation> = Vec::new();
    let sentence_of = |pos: usize| {
        ann.sentence_at(pos)
            .and_then(|i| ann.sentences.get(i))
            .map(|s| s.span)
    };
    let rel = |head: (Option<usize>, EntityId),
               tail: (Option<usize>, EntityId),
               ty: RelationType,
               trigger: Span,
               conf: f32,
               rule: &'static str| {
        Relation {
            head: head.1,
            tail: tail.1,
            head_mention: head.0.map(MentionId::from_index),
            tail_mention: tail.0.map(MentionId::from_index),
            relation_type: ty,
            kind: RelationKind::Asserted,
            trigger: Some(trigger),
            evidence: sentence_of(trigger.start).unwrap_or(trigger),
            negated: false,
            modal: false,
            provenance: Provenance::new(STAGE, conf, rule),
        }
    };
    office_relations(&ctx, &mut rels, &rel);
    triggers::trigger_relations(&ctx, &mut rels, &rel);
    structural::structural_relations(&ctx, &mut rels, &rel);
    // Keep the acronym stage's relations; drop duplicates.
    let mut all = std::mem::take(&mut doc.annotations.relations);
    all.retain(|r| r.kind == RelationKind::Asserted && r.provenance.stage != STAGE);
    all.extend(rels);
    let mut seen: FxSet<(RelationType, EntityId, EntityId, usize, usize)> = FxSet::default();
    all.retain(|r| {
        // Self-links (acronym pairs) are told apart by their trigger; others by sentence.
        let trigger = if r.head == r.tail {
            r.trigger.map_or(0, |t| t.start)
        } else {
            0
        };
        seen.insert((r.relation_type, r.head, r.tail, r.evidence.start, trigger))
    });
    all.sort_by_key(|r| {
        (
            r.evidence.start,
            r.trigger.map_or(0, |t| t.start),
            r.relation_type,
            r.head,
            r.tail,
        )
    });
    doc.annotations.relations = all;
}

/// See [`Ctx::phrase_start`].
fn phrase_starts(ann: &Annotations, links: &[TitleLink]) -> Vec<usize> {
    let mut out: Vec<usize> = ann.mentions.iter().map(|m| m.span.start).collect();
    for (j, link) in links.iter().enumerate() {
        if let Some(h) = link.holder
            && j < h
            && ann.mentions[h].entity_type == EntityType::Person
        {
            let first = link.modifier.unwrap_or(j);
            out[h] = out[h].min(ann.mentions[first].span.start);
        }
    }
    out
}

type RelFn<'a> = dyn Fn(
        (Option<usize>, EntityId),
        (Option<usize>, EntityId),
        RelationType,
        Span,
        f32,
        &'static str,
    ) -> Relation
    + 'a;

fn office_relations(ctx: &Ctx<'_>, rels: &mut Vec<Relation>, rel: &RelFn<'_>) {
    let ann = ctx.ann;
    let text = ctx.text;
    let lex = lexicon();
    let lead = lexicon::triggers();
    // Country entities by canonical gazetteer name.
    let mut country: FxMap<String, (usize, EntityId)> = FxMap::default();
    for (i, m) in ann.mentions.iter().enumerate() {
        if m.entity_type == EntityType::Loc
            && let (Some(c), Some(e)) = (lex.gaz_canonical(m.span.text(text)), m.entity)
        {
            country.entry(c.to_owned()).or_insert((i, e));
        }
    }
    let place_entity = |p: usize| -> Option<(Option<usize>, EntityId)> {
        let m = &ann.mentions[p];
        if m.entity_type == EntityType::Norp {
            let surface = m.span.text(text);
            let (key, _) = super::lexicon::phrase_key(surface);
            if let Some(c) = lex.gaz(&key).and_then(|g| g.country.as_deref())
                && let Some(&(i, e)) = country.get(c)
            {
                return Some((Some(i), e));
            }
        }
        m.entity.map(|e| (Some(p), e))
    };
    let mut done_chain: Vec<usize> = Vec::new();
    for (i, link) in ctx.links.iter().enumerate() {
        let Some(h) = link.holder else { continue };
        let (Some(pe), Some(te)) = (ann.mentions[h].entity, ann.mentions[i].entity) else {
            continue;
        };
        let title = ann.mentions[i].span;
        let appositive = h < i;
        rels.push(rel(
            (Some(h), pe),
            (Some(i), te),
            RelationType::OfficeHeld,
            title,
            0.85,
            if appositive {
                "appositive-title"
            } else {
                "title-before-name"
            },
        ));
        if done_chain.contains(&h) {
            continue;
        }
        done_chain.push(h);
        if let Some(p) = link.modifier.or(link.place) {
            if let Some(place) = place_entity(p)
                && place.1 != pe
            {
                let rule = if link.modifier.is_some() {
                    "office-modifier"
                } else {
                    "office-of-place"
                };
                rels.push(rel(
                    (Some(h), pe),
                    place,
                    RelationType::OfficeHeld,
                    title,
                    0.8,
                    rule,
                ));
                // The whole chain: "Iraqi Prime Minister" → leads Iraq.
                let leads = ctx.links.iter().enumerate().any(|(k, l)| {
                    l.holder == Some(h)
                        && lead
                            .lead_offices
                            .contains(&lex.title_canonical(ann.mentions[k].span.text(text)))
                });
                if leads {
                    rels.push(rel(
                        (Some(h), pe),
                        place,
                        RelationType::Leads,
                        title,
                        0.7,
                        "leading-office",
                    ));
                }
            }
            continue;
        }
        // A country introduced by "to"/"in" in the sentence (outside quotes).
        let Some(si) = ann.sentence_at(title.start) else {
            continue;
        };
        let sent = ann.sentences[si].span;
        let chain_start = title.start.min(ann.mentions[h].span.start);
        let holder_end = ann.mentions[h].span.end.max(title.end);
        let in_quote = |pos: usize| ctx.quote_at(pos).is_some();
        // Countries only; "to X" only before the title ("… to Pakistan who called on COAS"),
        // "in X" on either side ("… during his hearing in the US senate").
        let introduced = |m: usize, before_title: bool| {
            let mention = &ann.mentions[m];
            if mention.entity_type != EntityType::Loc || in_quote(mention.span.start) {
                return false;
            }
            // Not across a line break (a headline the splitter glued to the first sentence).
            let (a, b) = if mention.span.start < title.start {
                (mention.span.end, title.start)
            } else {
                (title.end, mention.span.start)
            };
            if text.get(a..b).is_some_and(|g| g.contains('\n')) {
                return false;
            }
            if !lex
                .gaz_canonical(mention.span.text(text))
                .is_some_and(|c| lex.countries.contains(c))
            {
                return false;
            }
            let before = text[sent.start..mention.span.start].trim_end();
            let before = before.strip_suffix("the").map_or(before, str::trim_end);
            let last_word = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            match last_word.to_ascii_lowercase().as_str() {
                "in" => true,
                "to" => before_title,
                _ => false,
            }
        };
        let candidates = ann
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| sent.contains(m.span));
        let before = candidates
            .clone()
            .filter(|(_, m)| m.span.end <= chain_start)
            .map(|(k, _)| k)
            .rfind(|&k| introduced(k, true));
        let after = candidates
            .filter(|(_, m)| m.span.start >= holder_end && m.span.start <= holder_end + 70)
            .map(|(k, _)| k)
            .find(|&k| introduced(k, false));
        if let Some(place) = before.or(after).and_then(place_entity)
            && place.1 != pe
        {
            rels.push(rel(
                (Some(h), pe),
                place,
                RelationType::OfficeHeld,
                title,
                0.45,
                "office-country-context",
            ));
        }
    }
    // Offices standing for their holder: "The COAS hoped …".
    for (i, m) in ann.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Title || ctx.links[i].holder.is_some() {
            continue;
        }
        let Some(pe) = m
            .entity
            .filter(|&e| ctx.entity_type(e) == EntityType::Person)
        else {
            continue;
        };
        let key = lex.title_canonical(m.span.text(text));
        let office = ann.mentions.iter().enumerate().find(|(j, x)| {
            x.entity_type == EntityType::Title
                && ctx.links[*j].holder.is_some()
                && x.entity
                    .is_some_and(|e| ctx.entity_type(e) == EntityType::Title)
                && lex.title_canonical(x.span.text(text)) == key
        });
        if let Some((j, x)) = office
            && let Some(te) = x.entity
        {
            rels.push(rel(
                (Some(j), te),
                (Some(i), pe),
                RelationType::AliasOf,
                m.span,
                0.7,
                "office-stands-for-holder",
            ));
        }
    }
    let _ = tok;
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, RelationType};
    use crate::pipeline::{Pipeline, PipelineSettings};

    fn relations(text: &str) -> Vec<(String, &'static str, String, bool)> {
        let mut doc = Document::new("t", text);
        Pipeline::new(&PipelineSettings {
            disabled_stages: vec!["cooccurrence".into()],
            ..PipelineSettings::default()
        })
        .unwrap()
        .run(&mut doc);
        let ann = &doc.annotations;
        ann.relations
            .iter()
            .filter(|r| r.relation_type != RelationType::AliasOf)
            .map(|r| {
                (
                    ann.entities[r.head.index()].canonical_name.clone(),
                    r.relation_type.label(),
                    ann.entities[r.tail.index()].canonical_name.clone(),
                    r.modal,
                )
            })
            .collect()
    }

    fn has(list: &[(String, &str, String, bool)], h: &str, ty: &str, t: &str) -> bool {
        list.iter().any(|(a, b, c, _)| a == h && *b == ty && c == t)
    }

    #[test]
    fn offices_with_modifiers() {
        let r = relations("Pakistani Foreign Minister Shah Mehmood Qureshi visited Pakistan.");
        assert!(has(
            &r,
            "Shah Mehmood Qureshi",
            "OFFICE_HELD",
            "Foreign Minister"
        ));
        assert!(has(&r, "Shah Mehmood Qureshi", "OFFICE_HELD", "Pakistan"));
    }

    #[test]
    fn trigger_patterns() {
        let r = relations(
            "Secretary Kerry raised concerns in a call with Russian Foreign Minister Lavrov and urged him to act. \
             Lloyd Austin met Imran Khan. The United States condemns ISIL's attacks.",
        );
        assert!(has(&r, "Kerry", "URGED", "Lavrov"), "{r:?}");
        assert!(has(&r, "Lloyd Austin", "MET", "Imran Khan"), "{r:?}");
        assert!(has(&r, "United States", "CRITICISES", "ISIL"), "{r:?}");
        let r = relations(
            "Again I want to congratulate the Syrians who freed Dabiq and thank our ally Turkey.",
        );
        assert!(
            !has(&r, "Syrians", "SUPPORTS", "Turkey"),
            "the subject is the writer: {r:?}"
        );
        let r = relations("The United States strongly condemns the attacks in Iraq today.");
        assert!(r.is_empty(), "attacks, not Iraq, are condemned: {r:?}");
    }

    #[test]
    fn negation_and_modality() {
        let mut doc = Document::new(
            "t",
            "Lloyd Austin did not meet Imran Khan. Lloyd Austin will meet Nawaz Sharif.",
        );
        Pipeline::new(&PipelineSettings {
            disabled_stages: vec!["cooccurrence".into()],
            ..PipelineSettings::default()
        })
        .unwrap()
        .run(&mut doc);
        let met: Vec<_> = doc
            .annotations
            .relations
            .iter()
            .filter(|r| r.relation_type == RelationType::Met)
            .collect();
        assert_eq!(met.len(), 2);
        assert!(met[0].negated && !met[0].modal);
        assert!(!met[1].negated && met[1].modal);
        assert_eq!(met[0].trigger.map(|t| t.text(&doc.text)), Some("meet"));
    }

    #[test]
    fn quotes_give_we_its_speaker_and_coordinated_tails() {
        let r = relations(
            "Lloyd Austin said that “we need to defeat al-Qaeda and the Islamic State Khorasan Province (ISIS-K) now.”",
        );
        assert!(has(&r, "Lloyd Austin", "FIGHTS", "al-Qaeda"), "{r:?}");
        assert!(
            has(
                &r,
                "Lloyd Austin",
                "FIGHTS",
                "Islamic State Khorasan Province"
            ),
            "{r:?}"
        );
        assert!(r.iter().all(|x| x.3), "infinitive triggers are modal");
    }
}
