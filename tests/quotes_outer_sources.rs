//! Speaker attribution patterns of the third `PolNeAR` round (developed on `PolNeAR` train):
//! signature lines after any dash, quote-only sentences continuing the paragraph's speaker,
//! a cue the tagger reads as a noun before a colon, sources that close a sentence ("…, the
//! Times reported.") or frame the words ("condemned what he called “…”"), two appositions
//! before the verb, time phrases between subject and verb, and group words that are no
//! subjects.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::extract_common;

use extract_common::{DirectRow, direct, run};

/// The speaker words of the quote whose content contains `needle`.
fn speaker_of<'a>(q: &[DirectRow<'a>], needle: &str) -> Option<&'a str> {
    q.iter()
        .find(|(c, _, _)| c.contains(needle))
        .unwrap_or_else(|| panic!("no quote with {needle:?} in {q:?}"))
        .1
}

#[test]
fn a_horizontal_bar_signs_a_quotation_and_the_signature_may_run_on() {
    let doc = run(
        "Readers wrote to us.\n\n“He is not a leader, he is a dictator.” ―\u{a0}Christina N Luis \
         Olidem\n“No one wants a man who insults our grandmothers.” ― Adriana Rodarte\n",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|(_, _, r)| *r == "cue-dash"), "{q:?}");
    assert!(
        speaker_of(&q, "dictator").is_some_and(|s| s.starts_with("Christina")),
        "{q:?}"
    );
    assert_eq!(speaker_of(&q, "grandmothers"), Some("Adriana Rodarte"));
}

#[test]
fn a_quote_only_sentence_continues_the_speaker_of_the_paragraph() {
    let doc = run(
        "DuVernay said the amendment was worth examining because “most people don’t know about \
         that loophole,” she said. “We have no context for the current moment.”",
    );
    let q = direct(&doc);
    let (_, sp, rule) = q
        .iter()
        .find(|(c, _, _)| c.contains("no context"))
        .expect("the second quotation");
    assert_eq!(*rule, "previous-sentence", "{q:?}");
    assert_eq!(*sp, Some("she"), "{q:?}");
    // The two quotations stay apart: the first is embedded in a reported clause.
    assert_eq!(q.len(), 2, "{q:?}");
}

#[test]
fn a_cue_read_as_a_noun_before_a_colon_paragraph() {
    let doc = run(
        "Few donors are small.\n\nThe New York Times reports:\n\n\"Just 24 percent of the \
         contributors gave $200 or less.\"\n",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].2, "cue-colon-paragraph");
    assert!(
        q[0].1.is_some_and(|s| s.contains("New York Times")),
        "{q:?}"
    );
}

#[test]
fn a_source_closing_the_sentence_reports_all_of_it() {
    // A named source after the quotation, ending the sentence, beats the inner subject.
    let doc = run(
        "In one email, Carter discussed how he had mistakenly placed a note card in a “burn \
         bag,” the Times reported. Such bags are used to destroy documents.",
    );
    let q = direct(&doc);
    assert_eq!(speaker_of(&q, "burn"), Some("the Times"), "{q:?}");
    // "…, according to the report." closing a sentence with a partial quotation.
    let doc = run(
        "The witness said the order was to “avoid effecting the outcome of the confirmation,” \
         according to the report. Pittman could not be reached.",
    );
    let q = direct(&doc);
    assert_eq!(speaker_of(&q, "avoid"), Some("the report"), "{q:?}");
    // After a colon, a quotation closed by a comma and a speaker is the speaker's.
    let doc = run(
        "Trump asserted that France had lost its identity: “France is no longer France,” he \
         claimed.",
    );
    let q = direct(&doc);
    assert_eq!(speaker_of(&q, "no longer"), Some("he"), "{q:?}");
}

#[test]
fn words_framed_by_what_someone_called_are_quoted_by_the_outer_speaker() {
    let doc = run(
        "Secretary General Ban Ki-moon condemned what he called a \"brazen breach\" of U.N. \
         resolutions.",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].2, "cue-before-what");
    assert!(q[0].1.is_some_and(|s| s.contains("Ban Ki-moon")), "{q:?}");
    // Not when the verb before "what" says nothing: "prepares for what X called".
    let doc = run(
        "As America prepares for what Newt Gingrich called “the loudest election in modern \
         history,” the former speaker is intrigued.",
    );
    let q = direct(&doc);
    assert_eq!(speaker_of(&q, "loudest"), Some("Newt Gingrich"), "{q:?}");
}

#[test]
fn appositions_numbers_and_time_phrases_around_the_speaker() {
    let doc = run(
        "“It’s an invasion of the state regulatory domain,” Scott Pruitt, the Republican \
         attorney general of Oklahoma, one of the states suing the EPA, said in a statement.",
    );
    let q = direct(&doc);
    assert_eq!(speaker_of(&q, "invasion"), Some("Scott Pruitt"), "{q:?}");
    let doc = run(
        "“They are 100 percent wrong,” said 9/11 widow Terry Strada. She continued, “For us, \
         the fight goes on.”",
    );
    let q = direct(&doc);
    assert!(
        speaker_of(&q, "100 percent").is_some_and(|s| s.contains("Terry Strada")),
        "{q:?}"
    );
    let doc = run(
        "Senator Dianne Feinstein (D-Calif.) last week said Clinton was not the originator of \
         any \"top secret\" email chains.",
    );
    let q = direct(&doc);
    assert!(
        speaker_of(&q, "top secret").is_some_and(|s| s.contains("Dianne Feinstein")),
        "{q:?}"
    );
}

#[test]
fn adverbs_set_off_by_commas_after_the_subject() {
    let doc = run(
        "Sanders spoke for an hour about money in politics, and he, once again, pledged a \
         “political revolution” against the billionaire class.",
    );
    let q = direct(&doc);
    assert_eq!(speaker_of(&q, "political revolution"), Some("he"), "{q:?}");
}

#[test]
fn one_and_another_are_speakers_and_so_is_the_subject_of_an_unlisted_verb_before_a_colon() {
    let doc = run(
        "Ted Cruz toured the state. Asked which Iowa county was his favorite, he demurred: \
         “Whichever one I’m in at the moment.”\n\nThree Republicans spoke. “Rubio is in a \
         battle with Bush,” said one. Yet another tweeted, “Clinton thinks she’s above the \
         rules.”\n",
    );
    let q = direct(&doc);
    assert_eq!(speaker_of(&q, "Whichever"), Some("he"), "{q:?}");
    let demurred = q.iter().find(|(c, _, _)| c.contains("Whichever")).unwrap();
    assert_eq!(demurred.2, "cue-before-verb-colon");
    assert_eq!(speaker_of(&q, "Rubio is in"), Some("one"), "{q:?}");
    assert_eq!(speaker_of(&q, "above the rules"), Some("another"), "{q:?}");
}

#[test]
fn verbs_of_reportage_after_a_quotation_and_a_possessed_speaker() {
    let doc = run(
        "“Who is going to pay for it?” Trump asked. “Mexico!” the audience screamed back.\n\n\
         \"Gun owners should leave their weapons at home,\" opined Cleveland's Plain Dealer.\n",
    );
    let q = direct(&doc);
    assert_eq!(speaker_of(&q, "Mexico"), Some("the audience"), "{q:?}");
    assert_eq!(speaker_of(&q, "Gun owners"), Some("Plain Dealer"), "{q:?}");
}

#[test]
fn a_group_word_before_a_noun_is_no_speaker() {
    let doc = run(
        "PolitiFact rated 22% of Democratic claims as “entirely true” compared to 11% of \
         Republican claims.",
    );
    let q = direct(&doc);
    assert_ne!(speaker_of(&q, "entirely true"), Some("Democratic"), "{q:?}");
}
