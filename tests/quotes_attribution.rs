//! Speaker attribution patterns added after the first `PolNeAR` round (developed on `PolNeAR`
//! train): titles in quotation marks, a name signing a quotation after a dash, a say-verb
//! closing the sentence a quotation opens, the owner of a noun cue, the addressee of
//! "told" and verbs of manner after a quotation.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::extract_common;

use extract_common::{direct, run};
use quarry::model::Document;
use quarry::pipeline::{Pipeline, PipelineSettings};

#[test]
fn a_title_in_quotation_marks_is_no_quotation_and_does_not_break_the_cue() {
    let doc = run(
        "Mark Cuban spoke on Sunday. “It’s too early to tell,” said Cuban, who is also a host \
         on the TV show “Shark Tank.” “I mean, it depends on what happens with the economy.”",
    );
    let q = direct(&doc);
    assert!(
        !q.iter()
            .any(|(c, _, _)| c.contains("Shark Tank") && c.len() < 20),
        "{q:?}"
    );
    let cont = q
        .iter()
        .find(|(c, _, _)| c.contains("I mean"))
        .expect("the continuation is a quote");
    assert_eq!(cont.1, Some("Cuban"), "{q:?}");
    // NBC’s “Today” inside the cue clause: the next quotation continues Trump's.
    let doc = run(
        "“I hate it,” Trump told NBC’s “Today” on Monday. “I could hardly hear what he was saying.”",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].0.contains("I could hardly hear"));
    assert_eq!(q[0].1, Some("Trump"));
}

#[test]
fn a_name_after_a_dash_signs_the_quotation() {
    let doc = run(
        "Voters wrote in.\n\n\"The whole idea of a Crooked Hillary needs to stop.\" -Michelle \
         Marks, Philadelphia.",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, Some("Michelle Marks"));
    assert_eq!(q[0].2, "cue-dash");
}

#[test]
fn a_say_verb_closing_the_sentence_a_quotation_opens() {
    let doc = run(
        "Madeleine Kunin spoke in Vermont.\n\n\"This will be a challenge\" for Clinton, said Kunin.",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "This will be a challenge");
    assert_eq!(q[0].1, Some("Kunin"));
    assert_eq!(q[0].2, "cue-sentence-end");
}

#[test]
fn the_owner_of_a_noun_cue_is_the_speaker() {
    let doc = run(
        "Madeleine Albright fanned controversy earlier this year over her remark that “there’s \
         a special place in hell for women who don’t help each other.”",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, Some("her"));
    assert_eq!(q[0].2, "noun-cue");
}

#[test]
fn the_one_told_is_not_the_speaker() {
    let doc = run(
        "Ben Carson did not mention any of his opponents by name, but told his supporters, \
         “our nation is in horrible trouble.”",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, Some("Ben Carson"));
}

#[test]
fn verbs_of_manner_after_a_quotation() {
    let doc = run("“This is fantastic!” beamed Donald Hartley of Madison, Alabama.");
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, Some("Donald Hartley"));
    let doc = run(
        "The letter was sent on Monday. \"Congress has failed to act,\" it read. Nobody replied.",
    );
    let q = direct(&doc);
    assert_eq!(q[0].1, Some("it"), "{q:?}");
}

#[test]
fn a_parenthesis_after_the_name_and_a_cue_ending_a_description() {
    let doc = run(
        "The vote was close.\n\n\"It reminds us how important this election is,\" Sen. Marco \
         Rubio (R-Fla.) said Saturday night.",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, Some("Marco Rubio"));
    let doc = run(
        "Sen. Elizabeth Warren (D-MA) said presumptive nominee Donald Trump was a “proven \
         failure” in business.",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, Some("Elizabeth Warren"));
    let doc = run(
        "The paper was blunt.\n\n“Are we talking about the same Nikki Haley?” the editorial \
         board writes.",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, Some("the editorial board"));
}

#[test]
fn a_name_right_before_a_participle_cue() {
    let doc = run(
        "Senators were irritated about the lack of detail, with Sen. John McCain calling it a \
         “Chinese menu.”",
    );
    let q = direct(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, Some("John McCain"));
}

fn shared_article(name: &str) -> Document {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/articles/state-department/"
    ))
    .join(name);
    let mut doc = quarry::ingest::load_file(&path).expect("the shared article reads");
    Pipeline::new(&PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .run(&mut doc);
    doc
}

/// Speaker words and entity name of every quote whose speaker is "I" or "we".
fn first_person(doc: &Document) -> Vec<(&str, Option<&str>)> {
    doc.annotations
        .quotes
        .iter()
        .filter_map(|q| {
            let words = q.speaker?.text(&doc.text);
            matches!(words.to_lowercase().as_str(), "i" | "we").then(|| {
                (
                    words,
                    q.speaker_entity
                        .map(|e| doc.annotations.entities[e.index()].canonical_name.as_str()),
                )
            })
        })
        .collect()
}

#[test]
fn first_person_speakers_of_statements_and_transcripts() {
    // "Statement by Secretary of Defense Ash Carter on …": "I welcome …" is Carter.
    let doc = shared_article("05-statement-by-secretary-of-defense-ash-carter-on-the-liberati.txt");
    let fp = first_person(&doc);
    assert!(!fp.is_empty());
    assert!(
        fp.iter()
            .all(|(w, e)| *w == "I" && *e == Some("Ash Carter")),
        "{fp:?}"
    );
    // "The United States strongly condemns … we hope …": the issuer, not Russia or Asad
    // named later in the statement.
    for name in [
        "07-da-esh-attacks-in-jabla-and-tartus-and-regime-offensive-acti.txt",
        "12-rocket-attack-on-camp-hurriya-in-iraq.txt",
    ] {
        let doc = shared_article(name);
        let fp = first_person(&doc);
        assert!(!fp.is_empty(), "{name}");
        assert!(
            fp.iter().all(|(_, e)| *e == Some("United States")),
            "{name}: {fp:?}"
        );
    }
    // Inside a transcript turn, "I" is the turn's speaker.
    let doc = run(
        "Briefing\n\nQUESTION: Did you agree?\n\nSECRETARY KERRY: Yesterday I said, “We \
         will meet again in the morning.”",
    );
    let fp = first_person(&doc);
    assert_eq!(fp, [("I", Some("Kerry"))]);
}

#[test]
fn transcript_turns_are_the_speakers_words() {
    let doc = shared_article("22-after-his-meeting-with-russian-foreign-minister-sergey-lavro.txt");
    let turns: Vec<(&str, Option<&str>)> = doc
        .annotations
        .quotes
        .iter()
        .filter(|q| q.provenance.rule == "transcript-turn")
        .map(|q| {
            (
                q.content.text(&doc.text),
                q.speaker_entity
                    .map(|e| doc.annotations.entities[e.index()].canonical_name.as_str()),
            )
        })
        .collect();
    assert_eq!(turns.len(), 2, "{turns:?}");
    assert!(
        turns[0]
            .0
            .starts_with("We obviously talked about the extraordinarily dire")
    );
    assert_eq!(turns[0].1, Some("Kerry"));
    assert_eq!(turns[1], ("Thanks, everybody. Thank you.", Some("Kirby")));
    // The question has no named speaker and is no turn.
    assert!(
        !doc.annotations
            .quotes
            .iter()
            .any(|q| q.content.text(&doc.text).contains("did you discuss"))
    );
}
