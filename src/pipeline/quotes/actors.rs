//! Whether the speaker of reported speech can be an actor at all. The reported-speech rules
//! take the subject of a cue or predicate verb as its speaker; abstract subjects ("this
//! assistance will help …", "a solution would mean …", "Work continues to …", "institutions
//! need …") are no one who says or believes anything, and such quotes are dropped.

use crate::model::Quote;

use super::Finder;
use super::speaker::is_np_tag;
use crate::pipeline::references::{is_document_noun, is_org_noun, is_person_noun};

/// Nouns for people, groups of people and shares of them that speak, believe or want
/// ("voters", "critics", "the public", "a majority", "63 percent").
fn is_people_noun(lower: &str) -> bool {
    matches!(
        lower,
        "people"
            | "person"
            | "public"
            | "staff"
            | "team"
            | "crowd"
            | "audience"
            | "family"
            | "media"
            | "press"
            | "campaign"
            | "source"
            | "aide"
            | "staffer"
            | "expert"
            | "critic"
            | "analyst"
            | "majority"
            | "minority"
            | "number"
            | "half"
            | "percent"
            | "share"
            | "most"
            | "many"
            | "some"
            | "all"
            | "both"
            | "few"
            | "several"
            | "none"
            | "each"
            | "one"
            | "another"
            | "other"
            | "others"
            | "everyone"
            | "everybody"
            | "someone"
            | "somebody"
            | "anyone"
            | "nobody"
            | "no one"
            | "man"
            | "men"
            | "woman"
            | "women"
            | "child"
            | "children"
            | "father"
            | "mother"
            | "son"
            | "daughter"
            | "wife"
            | "husband"
            | "friend"
            | "colleague"
            | "ally"
            | "allies"
            | "rival"
            | "opponent"
            | "proponent"
            | "advocate"
            | "counsel"
            | "lawyer"
            | "attorney"
            | "doctor"
            | "scientist"
            | "economist"
            | "researcher"
            | "witness"
            | "victim"
            | "parent"
            | "resident"
            | "citizen"
            | "voter"
            | "student"
            | "worker"
            | "employee"
            | "member"
            | "delegate"
            | "supporter"
            | "activist"
            | "protester"
            | "demonstrator"
            | "poll"
            | "pollster"
            | "data"
            | "evidence"
            | "research"
            | "figures"
            | "numbers"
            | "study"
            | "report"
            | "article"
            | "book"
            | "ad"
            | "law"
            | "bill"
            | "rule"
            | "plan"
            | "proposal"
            | "platform"
            | "measure"
            | "legislation"
            | "constitution"
            | "treaty"
            | "agreement"
            | "resolution"
            | "decision"
            | "verdict"
            | "authority"
            | "authorities"
            | "city"
            | "state"
            | "country"
            | "nation"
            | "college"
            | "school"
            | "veteran"
            | "bloc"
            | "fund"
            | "speech"
            | "interview"
            | "conference"
            | "meeting"
            | "debate"
            | "discussion"
            | "hearing"
            | "account"
            | "record"
            | "statistic"
            | "analyses"
            | "average"
            | "slide"
            | "estimate"
            | "forecast"
            | "projection"
            | "figure"
            | "testimony"
            | "remarks"
    )
}

/// A person's word by its ending: "voters", "supporters", "organizers", "activists",
/// "Republicans", "residents", "participants".
fn has_agent_ending(lower: &str) -> bool {
    ["er", "or", "ist", "an", "ant", "ent", "ee", "crat"]
        .iter()
        .any(|e| lower.ends_with(e))
}

impl Finder<'_> {
    /// False for a reported quote whose speaker cannot be an actor: no entity, no pronoun,
    /// no name, and a head noun that names neither a person, a group of people, an
    /// organisation nor a document or law that states things.
    pub(super) fn actor_speaker(&self, q: &Quote) -> bool {
        if q.direct || q.speaker_entity.is_some() {
            return true;
        }
        let Some(span) = q.speaker else {
            return true;
        };
        let c = &self.ctx;
        let toks = &c.ann.tokens;
        let a = self.tok_at(span.start);
        let mut b = a;
        while b < toks.len() && toks[b].span.end <= span.end {
            b += 1;
        }
        if b <= a {
            return true;
        }
        if (a..b).any(|k| c.tm[k].is_some()) {
            return true;
        }
        let head = b - 1;
        let tag = c.tag(head);
        // A proper noun (a name the recogniser missed), a pronoun, a
        // number or anything that is not a noun phrase the rules may have cut: kept.
        if tag.starts_with("NNP")
            || tag.starts_with("PRP")
            || matches!(tag, "WP" | "WDT" | "CD")
            || !is_np_tag(tag)
        {
            return true;
        }
        let lower = c.lower(head);
        // A lone capitalised word the tagger took for a common noun because it opens the
        // sentence ("Cook did not mention …") is a name unless the article also writes it
        // in lower case ("Work continues …" beside "their work").
        let word = toks[head].span.text(c.text);
        if b - a == 1
            && word.chars().next().is_some_and(char::is_uppercase)
            && !written_in_lower_case(c.text, lower)
        {
            return true;
        }
        let singular = lower
            .strip_suffix("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| lower.strip_suffix('s').map(str::to_string))
            .unwrap_or_else(|| lower.to_string());
        [lower, singular.as_str()].iter().any(|w| {
            is_person_noun(w)
                || is_org_noun(w)
                || is_document_noun(w)
                || is_people_noun(w)
                || has_agent_ending(w)
        })
    }
}

/// True when `text` holds `lower` (a lower-case word) as a whole word in lower case.
fn written_in_lower_case(text: &str, lower: &str) -> bool {
    text.match_indices(lower).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
