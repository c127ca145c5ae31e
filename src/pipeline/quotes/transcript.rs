//! Transcript turns ("SECRETARY KERRY: We obviously talked …", "MR KIRBY: Thanks,
//! everybody."): a paragraph opened by an all-caps label naming a person is that person's
//! speech, and "I" and "we" inside it are that person.

use crate::model::{EntityId, EntityType, MentionId, Provenance, Quote};

use super::speaker::Ctx;
use super::{Finder, STAGE};

impl Finder<'_> {
    /// Transcript turns ("SECRETARY KERRY: We obviously talked …", "MR KIRBY: Thanks,
    /// everybody."): the rest of a paragraph opened by an all-caps label naming a person is
    /// that person's speech, unless a quotation inside it is already attributed.
    pub(super) fn transcript_turns(&self, existing: &[Quote]) -> Vec<Quote> {
        let c = &self.ctx;
        let toks = &c.ann.tokens;
        let mut out = Vec::new();
        let starts = std::iter::once(0).chain(self.paras.iter().copied());
        let ends = self
            .paras
            .iter()
            .copied()
            .chain(std::iter::once(c.text.len()));
        for (start, end) in starts.zip(ends) {
            let first = self.tok_at(start);
            let Some(colon) = (first..(first + 7).min(toks.len())).find(|&k| c.lower(k) == ":")
            else {
                continue;
            };
            let Some((entity, m)) = c.turn_speaker(colon + 1) else {
                continue;
            };
            let last = self.tok_at(end);
            if last <= colon + 1 {
                continue;
            }
            let content = toks[colon + 1].span.cover(toks[last - 1].span);
            if existing
                .iter()
                .any(|q| q.direct && q.content.overlaps(content))
            {
                continue;
            }
            out.push(Quote {
                content,
                extent: None,
                direct: true,
                cue: Some(toks[colon].span),
                speaker: Some(c.ann.mentions[m].span),
                speaker_mention: Some(MentionId::from_index(m)),
                speaker_entity: Some(entity),
                provenance: Provenance::new(STAGE, 0.85, "transcript-turn"),
            });
        }
        out
    }
}

impl Ctx<'_> {
    /// The person whose transcript turn ("SECRETARY KERRY: We obviously talked …") holds
    /// token `i`, with the mention naming them: a person named in an all-caps label ending
    /// in a colon that opens the paragraph.
    pub(super) fn turn_speaker(&self, i: usize) -> Option<(EntityId, usize)> {
        let pos = self.ann.tokens.get(i)?.span.start;
        let para = self.text[..pos].rfind('\n').map_or(0, |p| p + 1);
        let first = self.ann.tokens.partition_point(|t| t.span.start < para);
        let colon = (first..(first + 7).min(i)).find(|&k| self.lower(k) == ":")?;
        let label_caps = (first..colon).all(|k| {
            let w = self.ann.tokens[k].span.text(self.text);
            !w.chars().any(char::is_lowercase)
        });
        if !label_caps {
            return None;
        }
        (first..colon).find_map(|k| {
            let m = self.tm[k]?;
            (self.mention_type(m) == EntityType::Person)
                .then_some(self.ann.mentions[m].entity)
                .flatten()
                .map(|e| (e, m))
        })
    }

    /// The author named in the article's first paragraph ("Statement by Secretary of Defense
    /// Ash Carter on …"): the person after "by".
    pub(super) fn author(&self) -> Option<(EntityId, usize)> {
        let end = self.text.find('\n').unwrap_or(self.text.len());
        let last = self.ann.tokens.partition_point(|t| t.span.start < end);
        let by = (0..last).find(|&k| self.lower(k) == "by")?;
        (by + 1..last.min(by + 8)).find_map(|k| {
            let m = self.tm[k]?;
            (self.mention_type(m) == EntityType::Person)
                .then_some(self.ann.mentions[m].entity)
                .flatten()
                .map(|e| (e, k))
        })
    }
}
