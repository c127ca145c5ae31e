//! Unit tests of the `relations` stage on short hand-made texts.

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
