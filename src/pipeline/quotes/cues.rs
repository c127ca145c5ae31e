//! The cue lexicon: words that introduce speech or attribution ("said", "told",
//! "according", "urged", …), compiled in from `assets/lexicon/quote_cues.tsv`.
//!
//! The list was learned from the `PolNeAR` training split by `tools/quotes/learn_cues.py`
//! (never from dev): words that open gold attribution cues, each with a coarse class by the
//! share of its occurrences that do — `strong` (reliability 0.85), `medium` (0.6), `weak`
//! (0.35). A few speech verbs were added or reclassified by hand.
//!
//! A second list, `assets/quotes/predicates.tsv` (learned by
//! `tools/quotes/learn_predicates.py`, also from train only), holds the verbs of the
//! reported-predicate rule: verbs of speech, belief, wish and stance ("want", "believe",
//! "show", "endorsed") whose clause `PolNeAR` annotates as an attribution.

use std::sync::LazyLock;

use crate::pipeline::util::FxMap;

const CUES: &str = include_str!("../../../assets/lexicon/quote_cues.tsv");

/// One cue word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cue {
    /// Share of the word's occurrences in the training texts that open an attribution.
    pub reliability: f32,
}

/// Parses a `word<TAB>class` list: `strong` words get reliability 0.85, `medium` 0.6 and
/// the rest `weak`.
fn parse_classes(tsv: &'static str, weak: f32) -> FxMap<&'static str, Cue> {
    let mut map = FxMap::default();
    for line in tsv.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(word), Some(class)) = (cols.next(), cols.next()) else {
            continue;
        };
        let reliability = match class.trim() {
            "strong" => 0.85,
            "medium" => 0.6,
            _ => weak,
        };
        map.insert(word.trim(), Cue { reliability });
    }
    map
}

static TABLE: LazyLock<FxMap<&'static str, Cue>> = LazyLock::new(|| parse_classes(CUES, 0.35));

const PREDICATES: &str = include_str!("../../../assets/quotes/predicates.tsv");

static PREDICATE_TABLE: LazyLock<FxMap<&'static str, Cue>> =
    LazyLock::new(|| parse_classes(PREDICATES, 0.4));

/// Set (environment `QUARRY_QUOTES_LEARN_PREDICATES=1`) only when
/// `tools/quotes/learn_predicates.py` collects training predictions: the
/// reported-predicate rule then takes every verb with a subject.
pub(crate) static LEARN_ALL_PREDICATES: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("QUARRY_QUOTES_LEARN_PREDICATES").is_some_and(|v| v == "1"));

/// The verbs of the reported-predicate rule (`assets/quotes/predicates.tsv`), with a
/// reliability by their class (the share of their predictions on `PolNeAR` train that
/// matched a gold attribution: `strong` ≥ 0.75, `medium` ≥ 0.5, `weak` ≥ 0.4).
pub(crate) fn predicate(lower: &str) -> Option<Cue> {
    PREDICATE_TABLE.get(lower).copied()
}

/// The cue entry of a normalised (lowercase) word.
pub(crate) fn cue(lower: &str) -> Option<Cue> {
    if lower == "according" {
        // Only with "to"; the caller checks.
        return Some(Cue { reliability: 0.9 });
    }
    TABLE.get(lower).copied()
}

/// True for cues reliable enough to introduce reported speech without quotation marks.
pub(crate) fn is_reporting_cue(lower: &str) -> bool {
    cue(lower).is_some_and(|c| c.reliability >= 0.4)
}

/// Speech verbs whose reported clause may follow without "that" ("said he will …").
pub(crate) fn takes_bare_clause(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "tweeted"
            | "noted"
            | "notes"
            | "argued"
            | "argues"
            | "claimed"
            | "claims"
            | "insisted"
            | "insists"
            | "warned"
            | "warns"
            | "acknowledged"
            | "explained"
            | "stated"
            | "declared"
            | "announced"
            | "suggested"
            | "suggests"
            | "predicted"
            | "believes"
            | "thinks"
            | "replied"
            | "responded"
            | "recalled"
            | "conceded"
            | "admitted"
            | "maintained"
            | "contended"
            | "contends"
            | "reiterated"
            | "stressed"
            | "emphasized"
            | "emphasised"
            | "asserted"
            | "complained"
            | "agreed"
            | "predicts"
            | "estimated"
            | "reported"
            | "reports"
            | "concluded"
            | "testified"
            | "speculated"
            | "joked"
    )
}

/// Verbs whose noun phrase after them is the person addressed ("told his supporters",
/// "asked Trump", "urged Congress"), never the speaker.
pub(crate) fn addresses_object(lower: &str) -> bool {
    matches!(
        lower,
        "tell"
            | "told"
            | "tells"
            | "telling"
            | "ask"
            | "asked"
            | "asks"
            | "asking"
            | "urge"
            | "urged"
            | "urges"
            | "urging"
            | "warn"
            | "warned"
            | "warns"
            | "warning"
            | "remind"
            | "reminded"
            | "reminds"
            | "reminding"
            | "assure"
            | "assured"
            | "assures"
            | "assuring"
            | "reassured"
            | "inform"
            | "informed"
            | "informs"
            | "advise"
            | "advised"
            | "advises"
            | "thank"
            | "thanked"
            | "thanks"
            | "thanking"
            | "promise"
            | "promised"
            | "promises"
            | "promising"
            | "challenge"
            | "challenged"
            | "challenges"
            | "challenging"
            | "call"
            | "called"
            | "calls"
            | "calling"
    )
}

/// Nouns that attribute what follows to their owner ("her remark that", "his call for").
pub(crate) fn is_noun_cue(lower: &str) -> bool {
    matches!(
        lower,
        "remark"
            | "remarks"
            | "comment"
            | "comments"
            | "statement"
            | "statements"
            | "warning"
            | "warnings"
            | "call"
            | "calls"
            | "claim"
            | "claims"
            | "promise"
            | "promises"
            | "pledge"
            | "pledges"
            | "vow"
            | "assertion"
            | "assertions"
            | "insistence"
            | "suggestion"
            | "description"
            | "declaration"
            | "accusation"
            | "accusations"
            | "characterization"
            | "words"
            | "message"
            | "slogan"
            | "argument"
            | "answer"
            | "response"
            | "reply"
            | "tweet"
            | "tweets"
            | "post"
            | "speech"
            | "proposal"
            | "plea"
            | "demand"
            | "criticism"
            | "praise"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_has_the_common_cues() {
        for w in [
            "said",
            "told",
            "added",
            "urged",
            "warned",
            "acknowledged",
            "according",
        ] {
            assert!(cue(w).is_some(), "{w}");
        }
        assert!(is_reporting_cue("said"));
        assert!(cue("the").is_none());
        assert!(cue("also").is_none());
        // Predicates of belief and wish are only predicate cues; function words never.
        assert!(cue("want").is_none());
        assert!(predicate("want").is_some());
        assert!(predicate("said").is_some_and(|c| c.reliability >= 0.6));
        assert!(predicate("the").is_none());
    }
}
