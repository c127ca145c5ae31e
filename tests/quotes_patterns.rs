//! Quote finding and speaker attribution, one hand-made case per pattern (issue 5): every
//! kind of quotation mark, apostrophes that are not marks, partial, split, multi-paragraph
//! and unbalanced quotes, reported speech, speakers before and after the cue, appositions,
//! descriptions, pronouns, quote-only paragraphs, organisations and documents as sources.
//! Each case checks the exact content, the direct flag, the speaker's words and the
//! speaker's entity.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::extract_common;

use extract_common::run;
use quarry::model::{Document, Quote};

/// (content, direct, speaker words, speaker entity, rule) of a quote.
type Row<'a> = (&'a str, bool, Option<&'a str>, Option<&'a str>, &'a str);

/// The rows of every quote.
fn rows(doc: &Document) -> Vec<Row<'_>> {
    doc.annotations
        .quotes
        .iter()
        .map(|q: &Quote| {
            (
                q.content.text(&doc.text),
                q.direct,
                q.speaker.map(|s| s.text(&doc.text)),
                q.speaker_entity
                    .map(|e| doc.annotations.entities[e.index()].canonical_name.as_str()),
                &*q.provenance.rule,
            )
        })
        .collect()
}

/// The one quote of `text`: (content, direct, speaker words, speaker entity).
fn only(doc: &Document) -> (&str, bool, Option<&str>, Option<&str>) {
    let r = rows(doc);
    assert_eq!(r.len(), 1, "{r:?}");
    (r[0].0, r[0].1, r[0].2, r[0].3)
}

#[test]
fn curly_quotes_with_the_cue_after() {
    let doc = run("Imran Khan spoke on Friday. “We want peace with everyone,” Khan said.");
    assert_eq!(
        only(&doc),
        (
            "We want peace with everyone,",
            true,
            Some("Khan"),
            Some("Imran Khan")
        )
    );
    assert_eq!(doc.annotations.quotes[0].provenance.rule, "cue-after");
}

#[test]
fn straight_quotes_and_a_speaker_after_the_verb() {
    let doc = run("\"The war is over for us,\" said Lloyd Austin.");
    assert_eq!(
        only(&doc),
        (
            "The war is over for us,",
            true,
            Some("Lloyd Austin"),
            Some("Lloyd Austin")
        )
    );
    assert_eq!(
        doc.annotations.quotes[0].provenance.rule,
        "cue-after-inverted"
    );
}

#[test]
fn guillemets_german_marks_and_single_quotes() {
    let doc = run("Angela Merkel said: „We will manage this together.“");
    assert_eq!(
        only(&doc),
        (
            "We will manage this together.",
            true,
            Some("Angela Merkel"),
            Some("Angela Merkel")
        )
    );
    let doc = run("Emmanuel Macron said: «We stand with our allies.»");
    assert_eq!(
        only(&doc),
        (
            "We stand with our allies.",
            true,
            Some("Emmanuel Macron"),
            Some("Emmanuel Macron")
        )
    );
    let doc = run("Imran Khan said: ‘We will not give any bases.’");
    assert_eq!(
        only(&doc),
        (
            "We will not give any bases.",
            true,
            Some("Imran Khan"),
            Some("Imran Khan")
        )
    );
}

#[test]
fn apostrophes_inside_words_are_not_quotation_marks() {
    let doc = run(
        "The US Charge d’ Affairs met Pakistan’s army chief and the victims’ families on Monday.",
    );
    assert_eq!(rows(&doc), vec![]);
}

#[test]
fn partial_quote_embedded_in_reported_speech() {
    let text = "Shah Mehmood Qureshi said that President Joe Biden “should realise there is an opportunity in Afghanistan.”";
    let doc = run(text);
    assert_eq!(
        only(&doc),
        (
            "should realise there is an opportunity in Afghanistan.",
            true,
            Some("Shah Mehmood Qureshi"),
            Some("Shah Mehmood Qureshi")
        )
    );
    // The export span is the reported clause around the quoted words.
    let extent = doc.annotations.quotes[0]
        .extent
        .expect("a partial quote has an extent");
    assert_eq!(
        extent.text(&doc.text),
        "President Joe Biden “should realise there is an opportunity in Afghanistan.”"
    );
}

#[test]
fn split_quote_is_one_quote() {
    let doc = run(
        "Shah Mehmood Qureshi spoke to reporters. “We want peace,” he said, “and we want it now.”",
    );
    assert_eq!(
        only(&doc),
        (
            "We want peace,” he said, “and we want it now.",
            true,
            Some("he"),
            Some("Shah Mehmood Qureshi")
        )
    );
    assert_eq!(doc.annotations.quotes[0].provenance.rule, "split-quote");
}

#[test]
fn quote_over_two_paragraphs() {
    let doc = run(
        "Imran Khan addressed the nation.\n“The first part of a long statement runs here.\n“And the second part ends it,” Khan said.",
    );
    let r = rows(&doc);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0].0, "The first part of a long statement runs here.");
    assert_eq!(r[0].3, Some("Imran Khan"));
    assert_eq!(r[0].4, "continued-paragraph");
    assert_eq!(r[1].0, "And the second part ends it,");
    assert_eq!((r[1].2, r[1].3), (Some("Khan"), Some("Imran Khan")));
}

#[test]
fn unbalanced_mark_is_dropped_locally() {
    let doc = run(
        "The minister said “this mark never closes.\nImran Khan said, “We want peace with India.”",
    );
    assert_eq!(
        only(&doc),
        (
            "We want peace with India.",
            true,
            Some("Imran Khan"),
            Some("Imran Khan")
        )
    );
}

#[test]
fn reported_speech_said_and_told() {
    let doc = run("Lloyd Austin said he will restore the funds for Pakistan next year.");
    assert_eq!(
        only(&doc),
        (
            "he will restore the funds for Pakistan next year",
            false,
            Some("Lloyd Austin"),
            Some("Lloyd Austin")
        )
    );
    let doc = run("Imran Khan told reporters that the talks had failed after two days.");
    assert_eq!(
        only(&doc),
        (
            "the talks had failed after two days",
            false,
            Some("Imran Khan"),
            Some("Imran Khan")
        )
    );
}

#[test]
fn reported_speech_according_to_and_urged() {
    let doc = run("According to Reuters, the talks failed after two long days.");
    assert_eq!(
        only(&doc),
        (
            "the talks failed after two long days",
            false,
            Some("Reuters"),
            Some("Reuters")
        )
    );
    let doc = run("Shah Mehmood Qureshi urged the United States to stay engaged in the region.");
    assert_eq!(
        only(&doc),
        (
            "stay engaged in the region",
            false,
            Some("Shah Mehmood Qureshi"),
            Some("Shah Mehmood Qureshi")
        )
    );
}

#[test]
fn apposition_between_speaker_and_cue() {
    let doc = run("“We need Pakistan as a partner,” Lloyd Austin, the defence secretary, said.");
    assert_eq!(
        only(&doc),
        (
            "We need Pakistan as a partner,",
            true,
            Some("Lloyd Austin"),
            Some("Lloyd Austin")
        )
    );
    let doc = run("Lloyd Austin, the defence secretary, said “we need Pakistan as a partner.”");
    assert_eq!(
        only(&doc),
        (
            "we need Pakistan as a partner.",
            true,
            Some("Lloyd Austin"),
            Some("Lloyd Austin")
        )
    );
}

#[test]
fn descriptions_resolve_to_the_named_person() {
    let doc = run(
        "Lloyd Austin was confirmed on Friday. “We need Pakistan as a partner,” the defence secretary said.",
    );
    let (content, direct, speaker, entity) = only(&doc);
    assert_eq!((content, direct), ("We need Pakistan as a partner,", true));
    assert!(
        speaker.is_some_and(|s| s.contains("defence secretary")),
        "{speaker:?}"
    );
    assert_eq!(entity, Some("Lloyd Austin"));
    // An unnamed spokesman stays unnamed.
    let doc = run("“We have nothing to add today,” a spokesman said.");
    assert_eq!(
        only(&doc),
        (
            "We have nothing to add today,",
            true,
            Some("a spokesman"),
            None
        )
    );
}

#[test]
fn pronouns_resolve_by_gender() {
    let doc = run(
        "Mrs. Clinton met Donald Trump in New York. “We disagree on almost everything,” she said.",
    );
    let (content, _, speaker, entity) = only(&doc);
    assert_eq!(content, "We disagree on almost everything,");
    assert_eq!(speaker, Some("she"));
    assert!(entity.is_some_and(|e| e.contains("Clinton")), "{entity:?}");
    let doc = run(
        "Hillary Clinton met Donald Trump in New York. “We disagree on almost everything,” he said.",
    );
    assert_eq!(only(&doc).3, Some("Donald Trump"));
}

#[test]
fn quote_only_paragraph_continues_the_previous_speaker() {
    let doc = run(
        "“We want peace with every neighbour,” Imran Khan said.\n“Our army is ready to defend the country at any time.”",
    );
    let r = rows(&doc);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(
        r[1].0,
        "Our army is ready to defend the country at any time."
    );
    assert_eq!((r[1].2, r[1].3), (Some("Imran Khan"), Some("Imran Khan")));
    assert_eq!(r[1].4, "previous-paragraph");
    assert!(
        doc.annotations.quotes[1].provenance.confidence
            < doc.annotations.quotes[0].provenance.confidence
    );
}

#[test]
fn organisations_and_documents_as_sources() {
    let doc = run(
        "According to an Inter-Services Public Relations (ISPR) press release, “the visiting dignitary appreciated the support.”",
    );
    let (content, direct, _, entity) = only(&doc);
    assert_eq!(
        (content, direct),
        ("the visiting dignitary appreciated the support.", true)
    );
    assert_eq!(entity, Some("Inter-Services Public Relations"));
}

#[test]
fn every_quote_of_a_speaker_links_to_the_entity() {
    let doc = run(
        "Lloyd Austin spoke to the senate. He said that “Pakistan is a partner.” He further acknowledged that “Pakistan will play a role.”\n“We will work together,” he said.",
    );
    let r = rows(&doc);
    assert_eq!(r.len(), 3, "{r:?}");
    for row in &r {
        assert_eq!(row.3, Some("Lloyd Austin"), "{row:?}");
    }
}

#[test]
fn quotations_without_cue_are_low_confidence() {
    let doc = run("Then “another” appeared on the list.");
    let q = &doc.annotations.quotes;
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].content.text(&doc.text), "another");
    assert_eq!((q[0].cue, q[0].speaker), (None, None));
    assert_eq!(q[0].provenance.rule, "no-cue");
    assert!(q[0].provenance.confidence <= 0.3);
    // Inside a sentence with a subject but no cue: the subject, weakly.
    let doc = run("Kerry Washington visited the White House with “a plan to make us all safer.”");
    let r = rows(&doc);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "a plan to make us all safer.");
    assert_eq!(r[0].3, Some("Kerry Washington"));
    assert_eq!(r[0].4, "sentence-subject");
    assert!(doc.annotations.quotes[0].provenance.confidence < 0.5);
}
