//! Word and token-shape tests of the rule recogniser: date words, common-noun endings,
//! event and document head words, name connectors ("of", "bin", "von") and headings (names
//! are compared by [`crate::names::lookup_key`]).

use crate::model::{Annotations, Span};

use crate::pipeline::text::{is_all_caps, is_cap};
use crate::pipeline::util::tok;

pub(super) fn is_date_word(norm: &str) -> bool {
    crate::names::is_calendar_word(norm)
}

/// Common-noun endings that surnames rarely have ("Minorities", "Hostilities").
pub(super) fn has_noun_suffix(norm: &str) -> bool {
    [
        "ies", "ism", "ity", "ion", "ions", "ment", "ments", "ness", "ship", "ance", "ence",
        "ists", "ers",
    ]
    .iter()
    .any(|suffix| norm.ends_with(suffix))
}

/// Head words of events, laws, programmes and other MISC names.
pub(super) fn is_misc_head(norm: &str) -> bool {
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

pub(super) fn is_connector(norm: &str) -> bool {
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

pub(super) fn span_of(ann: &Annotations, start: usize, end: usize) -> Span {
    match (ann.tokens.get(start), ann.tokens.get(end.saturating_sub(1))) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => Span::default(),
    }
}

pub(super) fn ends_sentence(last: &str) -> bool {
    matches!(last, "." | "?" | "!" | "”" | "\"" | ":" | ";" | ",")
}

/// A title-case heading line (not a shouted all-capitals one).
pub(super) fn is_title_case_heading(text: &str, ann: &Annotations, s: usize, e: usize) -> bool {
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

pub(super) fn is_heading(text: &str, ann: &Annotations, s: usize, e: usize) -> bool {
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
