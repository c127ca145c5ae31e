//! In-article resolution (`aliases` stage and the reference mentions it adds): name variants,
//! titles and descriptions standing for their holder, pronouns, possessives, acronyms, and
//! country names with their adjectives and short forms.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use quarry::model::{Document, EntityType};
use quarry::pipeline::{Pipeline, PipelineSettings};

fn run(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    Pipeline::new(&PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .run(&mut doc);
    doc
}

/// The canonical name of the entity of the `nth` mention with this exact surface.
fn entity_of(doc: &Document, surface: &str, nth: usize) -> String {
    let m = doc
        .annotations
        .mentions
        .iter()
        .filter(|m| m.span.text(&doc.text) == surface)
        .nth(nth)
        .unwrap_or_else(|| panic!("no mention {surface:?} #{nth}"));
    doc.annotations.entities[m.entity.expect("resolved").index()]
        .canonical_name
        .clone()
}

#[test]
fn name_variants_titles_and_descriptions() {
    let doc = run(
        "Secretary of Defence Lloyd Austin met Chief of Army Staff General Qamar Javed Bajwa. \
         Austin praised the army chief. The COAS thanked the defence secretary.",
    );
    assert_eq!(entity_of(&doc, "Austin", 0), "Lloyd Austin");
    assert_eq!(entity_of(&doc, "army chief", 0), "Qamar Javed Bajwa");
    assert_eq!(entity_of(&doc, "COAS", 0), "Qamar Javed Bajwa");
    assert_eq!(entity_of(&doc, "defence secretary", 0), "Lloyd Austin");
}

#[test]
fn pronouns_follow_the_last_fitting_entity() {
    let doc = run(
        "Lloyd Austin arrived in Islamabad on Monday. He met officials. \
         The World Bank said its loan would help.",
    );
    assert_eq!(entity_of(&doc, "He", 0), "Lloyd Austin");
    assert_eq!(entity_of(&doc, "its", 0), "World Bank");
    let he = doc
        .annotations
        .mentions
        .iter()
        .find(|m| m.span.text(&doc.text) == "He")
        .unwrap();
    assert_eq!(he.entity_type, EntityType::Other);
    assert_eq!(he.provenance.stage, "aliases");
    assert_eq!(he.provenance.rule, "pronoun");
    assert!(he.provenance.confidence < 0.8);
    // Pleonastic "it" stands for nothing.
    let doc = run("The World Bank met on Monday. It is important to act.");
    assert!(
        doc.annotations
            .mentions
            .iter()
            .all(|m| m.span.text(&doc.text) != "It"),
        "{:?}",
        doc.annotations.mentions
    );
}

#[test]
fn visiting_dignitary_is_the_visitor_of_the_last_meeting() {
    let doc = run(
        "The acting US Charge d’ Affairs called on General Qamar Javed Bajwa today. \
         According to a press release, “the visiting dignitary appreciated Pakistan’s contributions.”",
    );
    assert_eq!(
        entity_of(&doc, "visiting dignitary", 0),
        "Charge d’ Affairs"
    );
}

#[test]
fn countries_adjectives_short_forms_and_possessives() {
    let doc = run(
        "The US and the United States are one country; U.S. officials visited America. \
         Pakistani officials said Pakistan’s military will cooperate. The Syrians left Syria.",
    );
    for (surface, nth) in [("US", 0), ("United States", 0), ("U.S.", 0), ("America", 0)] {
        assert_eq!(entity_of(&doc, surface, nth), "United States", "{surface}");
    }
    assert_eq!(entity_of(&doc, "Pakistani", 0), "Pakistan");
    assert_eq!(entity_of(&doc, "Pakistan", 0), "Pakistan");
    // Plural demonyms name people, not the country.
    assert_ne!(entity_of(&doc, "Syrians", 0), "Syria");
}

#[test]
fn commissioning_article_people_are_one_entity_each() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/articles/us-pakistan-afghan-peace.txt"
    );
    let text = std::fs::read_to_string(path).expect("the commissioning article is in ../shared");
    let doc = run(&text);
    let ann = &doc.annotations;
    for (name, canonical, at_least) in [
        ("Austin", "Lloyd Austin", 5),
        ("Qureshi", "Shah Mehmood Qureshi", 2),
        ("Bajwa", "Qamar Javed Bajwa", 2),
    ] {
        let entity = ann
            .entities
            .iter()
            .position(|e| e.canonical_name == canonical)
            .unwrap();
        // Every mention of the name is in the one entity …
        for m in ann
            .mentions
            .iter()
            .filter(|m| m.span.text(&doc.text).contains(name))
        {
            assert_eq!(
                m.entity.map(quarry::model::EntityId::index),
                Some(entity),
                "{name}"
            );
        }
        // … and so are its pronouns, offices and descriptions.
        assert!(
            ann.entities[entity].mentions.len() >= at_least,
            "{canonical}: {:?}",
            ann.entities[entity].mentions
        );
        assert_eq!(
            ann.entities
                .iter()
                .filter(|e| e.canonical_name.contains(name))
                .count(),
            1,
            "one entity for {name}"
        );
    }
    // "He further acknowledged" and "said he will restore" are Austin's.
    for (surface, nth) in [("He", 0), ("he", 0)] {
        assert_eq!(entity_of(&doc, surface, nth), "Lloyd Austin");
    }
    assert_eq!(entity_of(&doc, "COAS", 1), "Qamar Javed Bajwa");
    assert_eq!(entity_of(&doc, "defence secretary", 0), "Lloyd Austin");
}

#[test]
fn gender_when_the_article_tells_it() {
    let doc = run(
        "Ms. Victoria Nuland met John Kerry in Kyiv. She said the talks went well, and he agreed.",
    );
    assert_eq!(entity_of(&doc, "She", 0), "Victoria Nuland");
    assert_eq!(entity_of(&doc, "he", 0), "John Kerry");
    // Without a cue, "she" takes the last person.
    let doc = run("Victoria Nuland met John Kerry in Kyiv. She said the talks went well.");
    assert_eq!(entity_of(&doc, "She", 0), "John Kerry");
}
