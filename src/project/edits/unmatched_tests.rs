//! Unit tests of [`super`]: edits made on one text, the text or the extraction changed so
//! that they match nothing, the reasons given and the re-anchors found (or refused).

use super::*;
use crate::model::{
    Entity, EntityId, EntityType, Mention, MentionId, Provenance, Quote, Relation, RelationKind,
    RelationType, Sentence,
};
use crate::project::edits::{EditReport, apply_edits};

/// The span of the `nth` whole-word occurrence of `w` in `text`.
fn at(text: &str, w: &str, nth: usize) -> Span {
    let start = text
        .match_indices(w)
        .map(|(i, _)| i)
        .filter(|&i| whole_words(text, Span::new(i, i + w.len())))
        .nth(nth)
        .unwrap_or_else(|| panic!("{w} #{nth} not in {text}"));
    Span::new(start, start + w.len())
}

/// A document of `text` whose mentions are `names` (words, occurrence, entity), entities
/// named by their first mention's words, persons all; sentences split at ". ".
fn doc(id: &str, text: &str, names: &[(&str, usize, usize)]) -> Document {
    let mut d = Document::new(id, text);
    d.meta.title = format!("Article {id}");
    let a = &mut d.annotations;
    let mut spans: Vec<(Span, usize)> =
        names.iter().map(|&(w, n, e)| (at(text, w, n), e)).collect();
    spans.sort();
    let entities = names.iter().map(|n| n.2).max().map_or(0, |m| m + 1);
    for e in 0..entities {
        let name = spans
            .iter()
            .find(|(_, x)| *x == e)
            .map(|(s, _)| s.text(text).to_owned())
            .unwrap_or_default();
        a.entities.push(Entity {
            canonical_name: name,
            entity_type: EntityType::Person,
            mentions: Vec::new(),
            aliases: Vec::new(),
            provenance: Provenance::default(),
        });
    }
    for (i, (span, e)) in spans.iter().enumerate() {
        a.mentions.push(Mention {
            span: *span,
            entity_type: EntityType::Person,
            entity: Some(EntityId::from_index(*e)),
            provenance: Provenance::default(),
        });
        a.entities[*e].mentions.push(MentionId::from_index(i));
    }
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        a.sentences.push(Sentence {
            span: Span::new(start, i + 1),
        });
        start = i + 2;
    }
    a.sentences.push(Sentence {
        span: Span::new(start, text.len()),
    });
    d
}

/// Adds a relation between the mentions at `head` and `tail`, evidence their sentence.
#[allow(clippy::many_single_char_names)]
fn relate(d: &mut Document, head: Span, tail: Span, relation_type: RelationType) {
    let a = &mut d.annotations;
    let m = |s: Span| a.mentions.iter().position(|m| m.span == s).unwrap();
    let (h, t) = (m(head), m(tail));
    let evidence = a
        .sentences
        .iter()
        .find(|s| s.span.contains(head))
        .unwrap()
        .span;
    a.relations.push(Relation {
        head: a.mentions[h].entity.unwrap(),
        tail: a.mentions[t].entity.unwrap(),
        head_mention: Some(MentionId::from_index(h)),
        tail_mention: Some(MentionId::from_index(t)),
        relation_type,
        kind: RelationKind::Asserted,
        trigger: None,
        evidence,
        negated: false,
        modal: false,
        provenance: Provenance::new("relations", 0.5, "x"),
    });
}

/// Adds a quote with content `content`, said by the mention at `speaker`.
fn quote(d: &mut Document, content: Span, speaker: Option<Span>) {
    let a = &mut d.annotations;
    let mention = speaker.and_then(|s| a.mentions.iter().position(|m| m.span == s));
    a.quotes.push(Quote {
        content,
        extent: None,
        direct: true,
        cue: None,
        speaker,
        speaker_mention: mention.map(MentionId::from_index),
        speaker_entity: mention.and_then(|m| a.mentions[m].entity),
        provenance: Provenance::new("quotes", 0.5, "x"),
    });
}

fn delete(text: &str) -> MentionEdit {
    MentionEdit::Delete {
        text: text.to_owned(),
    }
}

/// The report's counts from a list.
fn counts(list: &[UnmatchedEdit]) -> EditReport {
    let mut r = EditReport::default();
    for u in list {
        match u.edit {
            EditRef::Mention(_) => r.unmatched_mentions += 1,
            EditRef::Quote(_) => r.unmatched_quotes += 1,
            EditRef::Relation(_) => r.unmatched_relations += 1,
        }
    }
    r
}

const OLD: &str = "Ali met Bo in Rome. Later Bo left.";
const NEW: &str = "On Monday, Ali met Bo in Rome. Later Bo left.";

fn old_doc() -> Document {
    doc("d", OLD, &[("Ali", 0, 0), ("Bo", 0, 1), ("Bo", 1, 1)])
}

fn new_doc() -> Document {
    doc("d", NEW, &[("Ali", 0, 0), ("Bo", 0, 1), ("Bo", 1, 1)])
}

#[test]
fn a_mention_edit_on_moved_text_says_why_and_re_anchors_to_the_nearest_same_words() {
    let mut edits = DocumentEdits::default();
    let bo = at(OLD, "Bo", 0);
    edits.mentions.insert(bo, delete("Bo"));
    assert!(document_unmatched(&old_doc(), &edits).is_empty());

    // The article's text changed: eleven bytes before it.
    let d = new_doc();
    let list = document_unmatched(&d, &edits);
    assert_eq!(list.len(), 1);
    let u = &list[0];
    assert_eq!(u.edit, EditRef::Mention(bo));
    assert_eq!(u.what, "delete mention “Bo”");
    assert_eq!(u.place(), "Article d, bytes 8–10");
    assert_eq!(
        u.why,
        Why::TextChanged {
            now: bo.text(NEW).to_owned()
        }
    );
    assert_eq!(
        u.why.text(),
        format!("the text there now reads “{}”", bo.text(NEW))
    );

    let r = find_reanchor(&d, &edits, u.edit).expect("the first Bo, moved");
    let moved = at(NEW, "Bo", 0);
    assert_eq!(r.to, EditRef::Mention(moved));
    assert_eq!(r.edit, AnyEdit::Mention(delete("Bo")));
    assert_eq!(r.describe(NEW), "bytes 19–21 “Bo”");
    assert!(apply_reanchor(&mut edits, &r));
    let mut shown = d.clone();
    assert!(apply_edits(&mut shown, &edits).all_matched());
    assert!(shown.annotations.mentions.iter().all(|m| m.span != moved));
    assert!(
        shown
            .annotations
            .mentions
            .iter()
            .any(|m| m.span == at(NEW, "Bo", 1))
    );
}

#[test]
fn re_anchoring_refuses_when_nothing_near_matches() {
    let mut edits = DocumentEdits::default();
    edits.mentions.insert(at(OLD, "Bo", 0), delete("Bo"));
    // The words are gone from the text.
    let d = doc(
        "d",
        "Ali met Carla in Rome. Later Carla left.",
        &[("Ali", 0, 0), ("Carla", 0, 1)],
    );
    let list = document_unmatched(&d, &edits);
    assert_eq!(list.len(), 1);
    assert!(matches!(list[0].why, Why::TextChanged { .. }));
    assert_eq!(find_reanchor(&d, &edits, list[0].edit), None);

    // The words are there, but farther than the window.
    let far = format!("{} Ali met Bo.", "Filler words here. ".repeat(150));
    let d = doc("d", &far, &[("Ali", 0, 0), ("Bo", 0, 1)]);
    assert!(far.find("Bo").unwrap() > REANCHOR_WINDOW);
    assert_eq!(
        find_reanchor(&d, &edits, EditRef::Mention(at(OLD, "Bo", 0))),
        None
    );

    // The words are there and near, but not a mention: deleting nothing is no re-anchor.
    let d = doc("d", NEW, &[("Ali", 0, 0)]);
    assert_eq!(document_unmatched(&d, &edits).len(), 1);
    assert_eq!(
        find_reanchor(&d, &edits, EditRef::Mention(at(OLD, "Bo", 0))),
        None
    );

    // A matching edit needs no re-anchor.
    assert_eq!(
        find_reanchor(&old_doc(), &edits, EditRef::Mention(at(OLD, "Bo", 0))),
        None
    );
}

#[test]
fn a_re_anchor_does_not_land_on_another_edit() {
    let mut edits = DocumentEdits::default();
    edits.mentions.insert(at(OLD, "Bo", 0), delete("Bo"));
    let d = new_doc();
    // The researcher already re-did the edit at the moved place.
    edits.mentions.insert(
        at(NEW, "Bo", 0),
        MentionEdit::Retype {
            text: "Bo".to_owned(),
            entity_type: EntityType::Org,
        },
    );
    let r = find_reanchor(&d, &edits, EditRef::Mention(at(OLD, "Bo", 0))).expect("the second Bo");
    assert_eq!(r.to, EditRef::Mention(at(NEW, "Bo", 1)));
}

#[test]
fn a_mention_the_extraction_now_draws_wider_re_anchors_to_the_overlapping_mention() {
    let text = "President Ali met Bo.";
    let mut edits = DocumentEdits::default();
    let ali = at(text, "Ali", 0);
    edits.mentions.insert(
        ali,
        MentionEdit::Retype {
            text: "Ali".to_owned(),
            entity_type: EntityType::Org,
        },
    );
    // Re-extraction, same text: the mention is now "President Ali".
    let d = doc("d", text, &[("President Ali", 0, 0), ("Bo", 0, 1)]);
    let list = document_unmatched(&d, &edits);
    assert_eq!(list[0].why, Why::NoMention);
    assert_eq!(list[0].what, "retype mention “Ali” → ORG");
    let r = find_reanchor(&d, &edits, EditRef::Mention(ali)).unwrap();
    let wide = at(text, "President Ali", 0);
    assert_eq!(r.to, EditRef::Mention(wide));
    assert_eq!(
        r.edit,
        AnyEdit::Mention(MentionEdit::Retype {
            text: "President Ali".to_owned(),
            entity_type: EntityType::Org
        })
    );
    // Same text, no overlapping mention: a Bo elsewhere is another mention, not this one.
    let text = "Bo met Ali. Bo left.";
    let mut edits = DocumentEdits::default();
    edits.mentions.insert(at(text, "Bo", 0), delete("Bo"));
    let d = doc("d", text, &[("Ali", 0, 0), ("Bo", 1, 1)]);
    assert_eq!(document_unmatched(&d, &edits)[0].why, Why::NoMention);
    assert_eq!(
        find_reanchor(&d, &edits, EditRef::Mention(at(text, "Bo", 0))),
        None
    );
}

#[test]
fn quote_edits_report_a_missing_quote_or_speaker_and_re_anchor_both() {
    let old = "Ali said “Rome is fine.” Bo left.";
    let new = "On Monday, Ali said “Rome is fine.” Bo left.";
    let content = |t: &str| at(t, "Rome is fine.", 0);
    let mut edits = DocumentEdits::default();
    edits.quotes.insert(
        content(old),
        QuoteEdit::Speaker {
            text: "Rome is fine.".to_owned(),
            speaker: "Bo".to_owned(),
            mention: at(old, "Bo", 0),
        },
    );
    let mut d = doc("d", old, &[("Ali", 0, 0), ("Bo", 0, 1)]);
    quote(&mut d, content(old), Some(at(old, "Ali", 0)));
    assert!(document_unmatched(&d, &edits).is_empty());

    // The text moved: the quote is found again by its words.
    let mut moved = doc("d", new, &[("Ali", 0, 0), ("Bo", 0, 1)]);
    quote(&mut moved, content(new), Some(at(new, "Ali", 0)));
    let list = document_unmatched(&moved, &edits);
    assert!(matches!(list[0].why, Why::TextChanged { .. }));
    assert_eq!(
        list[0].what,
        "set the speaker of quote “Rome is fine.” to Bo"
    );
    let r = find_reanchor(&moved, &edits, list[0].edit).unwrap();
    assert_eq!(r.to, EditRef::Quote(content(new)));
    // The speaker mention moved with the text.
    assert!(matches!(
        &r.edit,
        AnyEdit::Quote(QuoteEdit::Speaker { mention, .. }) if *mention == at(new, "Bo", 0)
    ));
    let mut e = edits.clone();
    apply_reanchor(&mut e, &r);
    let mut shown = moved.clone();
    assert!(apply_edits(&mut shown, &e).all_matched());
    assert_eq!(
        shown.annotations.quotes[0].speaker_entity,
        Some(EntityId(1))
    );

    // Same text; the speaker Bo is now "Bo Li" (a wider mention, another canonical name).
    let text = "Ali said “Rome is fine.” Bo Li left.";
    let mut edits = DocumentEdits::default();
    edits.quotes.insert(
        content(text),
        QuoteEdit::Speaker {
            text: "Rome is fine.".to_owned(),
            speaker: "Bo".to_owned(),
            mention: at(text, "Bo", 0),
        },
    );
    let mut d = doc("d", text, &[("Ali", 0, 0), ("Bo Li", 0, 1)]);
    quote(&mut d, content(text), Some(at(text, "Ali", 0)));
    let list = document_unmatched(&d, &edits);
    assert_eq!(list[0].why, Why::SpeakerGone);
    let r = find_reanchor(&d, &edits, list[0].edit).unwrap();
    assert_eq!(r.to, r.from);
    assert!(matches!(
        &r.edit,
        AnyEdit::Quote(QuoteEdit::Speaker { speaker, mention, .. })
            if speaker == "Bo Li" && *mention == at(text, "Bo Li", 0)
    ));

    // Same text, no quote there now (and none overlapping): no re-anchor.
    let mut d = doc("d", text, &[("Ali", 0, 0)]);
    d.annotations.quotes.clear();
    let list = document_unmatched(&d, &edits);
    assert_eq!(list[0].why, Why::NoQuote);
    assert_eq!(find_reanchor(&d, &edits, list[0].edit), None);
}

#[test]
fn a_relation_decision_on_moved_text_re_anchors_to_the_same_relation() {
    let mut old = old_doc();
    relate(
        &mut old,
        at(OLD, "Ali", 0),
        at(OLD, "Bo", 0),
        RelationType::Met,
    );
    let key = relation_key(&old.annotations, &old.annotations.relations[0]).unwrap();
    let mut edits = DocumentEdits::default();
    let words = |h: &str, t: &str| (h.to_owned(), t.to_owned());
    let (head, tail) = words("Ali", "Bo");
    edits
        .relations
        .insert(key, RelationEdit::Reject { head, tail });
    assert!(document_unmatched(&old, &edits).is_empty());

    let mut d = new_doc();
    relate(
        &mut d,
        at(NEW, "Ali", 0),
        at(NEW, "Bo", 0),
        RelationType::Met,
    );
    let list = document_unmatched(&d, &edits);
    assert_eq!(list.len(), 1);
    assert!(matches!(list[0].why, Why::TextChanged { .. }));
    assert_eq!(list[0].what, "relation Ali — met — Bo: reject");
    let r = find_reanchor(&d, &edits, list[0].edit).unwrap();
    let new_key = relation_key(&d.annotations, &d.annotations.relations[0]).unwrap();
    assert_eq!(r.to, EditRef::Relation(new_key));
    apply_reanchor(&mut edits, &r);
    let mut shown = d.clone();
    assert!(apply_edits(&mut shown, &edits).all_matched());
    assert!(shown.annotations.relations.is_empty());

    // Same text, the relation not extracted again: gone, and nothing to move to.
    let mut edits = DocumentEdits::default();
    let (head, tail) = words("Ali", "Bo");
    edits
        .relations
        .insert(key, RelationEdit::Confirm { head, tail });
    let list = document_unmatched(&old_doc(), &edits);
    assert_eq!(list[0].why, Why::RelationGone);
    assert_eq!(find_reanchor(&old_doc(), &edits, list[0].edit), None);

    // An added relation whose words moved: the sentence where both stand now.
    let mut edits = DocumentEdits::default();
    let (head, tail) = words("Ali", "Bo");
    let added = RelationKey {
        relation_type: RelationType::Supports,
        ..key
    };
    edits
        .relations
        .insert(added, RelationEdit::Add { head, tail });
    let d = new_doc();
    let r = find_reanchor(&d, &edits, EditRef::Relation(added)).unwrap();
    let EditRef::Relation(k) = r.to else {
        panic!("{r:?}")
    };
    assert_eq!((k.head, k.tail), (at(NEW, "Ali", 0), at(NEW, "Bo", 0)));
    assert_eq!(k.evidence.text(NEW), "On Monday, Ali met Bo in Rome.");
}

#[test]
fn the_list_has_the_reports_counts_and_names_missing_articles_and_spans_past_the_end() {
    let mut edits = DocumentEdits::default();
    edits.mentions.insert(at(OLD, "Bo", 0), delete("Bo"));
    edits.mentions.insert(Span::new(200, 202), delete("Bo"));
    edits.quotes.insert(
        Span::new(0, 3),
        QuoteEdit::Confirm {
            text: "Ali".to_owned(),
        },
    );
    let mut old = old_doc();
    relate(
        &mut old,
        at(OLD, "Ali", 0),
        at(OLD, "Bo", 1),
        RelationType::Met,
    );
    let key = relation_key(&old.annotations, &old.annotations.relations[0]).unwrap();
    edits.relations.insert(
        key,
        RelationEdit::Reject {
            head: "Ali".to_owned(),
            tail: "Bo".to_owned(),
        },
    );
    let mut all = BTreeMap::new();
    all.insert("d".to_owned(), edits.clone());
    all.insert("gone".to_owned(), edits);
    for documents in [vec![old.clone()], vec![new_doc()]] {
        let list = unmatched_edits(&documents, &all);
        let (_, report) = crate::project::edits::apply_all(&documents, &all);
        assert_eq!(counts(&list), report);
    }
    let list = unmatched_edits(std::slice::from_ref(&old), &all);
    let missing: Vec<&UnmatchedEdit> = list.iter().filter(|u| u.document == "gone").collect();
    assert_eq!(missing.len(), 4);
    assert!(missing.iter().all(|u| u.why == Why::ArticleMissing));
    let here: Vec<&UnmatchedEdit> = list.iter().filter(|u| u.document == "d").collect();
    assert_eq!(here.len(), 2);
    assert_eq!(
        here[0].why,
        Why::OutOfRange {
            text_len: OLD.len()
        }
    );
    assert_eq!(here[1].why, Why::NoQuote);

    // Removing the edit removes it from the list.
    let mut e = all["d"].clone();
    assert!(remove_edit(&mut e, here[0].edit));
    assert!(!remove_edit(&mut e, here[0].edit));
    assert_eq!(document_unmatched(&old, &e).len(), 1);
}
