//! Tests of the `entities` stage on real sentences.

use super::document::one_type_per_name;
use super::merge::Prop;
use super::*;
use crate::pipeline::{sentences::Sentences, tokens::Tokens};

fn prop(text: &str, word: &str, nth: usize, ty: EntityType) -> Prop {
    let start = text.match_indices(word).nth(nth).unwrap().0;
    Prop {
        span: Span::new(start, start + word.len()),
        start: 0,
        end: 0,
        ty,
        conf: 0.9,
        rule: "model",
    }
}

#[test]
fn a_name_after_a_place_noun_is_a_place_and_plural_heads_are_not_joined() {
    let found = ents(
        "ISIL attacked the town of Tel Tamer in Hasaka Province. The project is a \
         partnership between the Governments of Iraq and the United States.",
    );
    assert!(
        found.contains(&("Tel Tamer".to_owned(), "LOC")),
        "{found:?}"
    );
    assert!(found.contains(&("Iraq".to_owned(), "LOC")), "{found:?}");
    assert!(
        !found.iter().any(|(t, _)| t.starts_with("Governments")),
        "{found:?}"
    );
    // The singular head still joins: "Government of Iraq" is one name.
    let found = ents("The Government of Iraq welcomed the decision.");
    assert!(
        found.iter().any(|(t, _)| t == "Government of Iraq"),
        "{found:?}"
    );
}

#[test]
fn a_name_takes_the_type_most_of_its_mentions_have() {
    let text = "Dabiq fell. Forces took Dabiq. Dabiq is free. Dabiq matters. Dabiq again. \
                Washington won. Washington said. Washington lost. Washington cheered.";
    let tys = [
        EntityType::Loc,
        EntityType::Loc,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Person,
    ];
    let mut props: Vec<Prop> = tys
        .iter()
        .enumerate()
        .map(|(k, &ty)| prop(text, "Dabiq", k, ty))
        .collect();
    // Two and two: no clear majority, the types stay.
    for (k, ty) in [
        EntityType::Org,
        EntityType::Loc,
        EntityType::Org,
        EntityType::Loc,
    ]
    .into_iter()
    .enumerate()
    {
        props.push(prop(text, "Washington", k, ty));
    }
    one_type_per_name(text, &mut props);
    assert!(props[..5].iter().all(|p| p.ty == EntityType::Loc));
    assert_eq!(props[2].rule, "document-type");
    assert_eq!(props[0].rule, "model");
    let washington: Vec<EntityType> = props[5..].iter().map(|p| p.ty).collect();
    assert_eq!(
        washington,
        [
            EntityType::Org,
            EntityType::Loc,
            EntityType::Org,
            EntityType::Loc
        ]
    );
}

fn ents(text: &str) -> Vec<(String, &'static str)> {
    let mut doc = Document::new("t", text);
    Sentences.run(&mut doc);
    Tokens.run(&mut doc);
    Entities.run(&mut doc);
    doc.annotations
        .mentions
        .iter()
        .map(|m| (m.span.text(&doc.text).to_owned(), m.entity_type.label()))
        .collect()
}

fn has(list: &[(String, &str)], text: &str, label: &str) -> bool {
    list.iter().any(|(t, l)| t == text && *l == label)
}

fn provenance(text: &str, surface: &str) -> Vec<(&'static str, String)> {
    let mut doc = Document::new("t", text);
    Sentences.run(&mut doc);
    Tokens.run(&mut doc);
    Entities.run(&mut doc);
    doc.annotations
        .mentions
        .iter()
        .filter(|m| m.span.text(&doc.text) == surface)
        .map(|m| (m.entity_type.label(), m.provenance.rule.to_string()))
        .collect()
}

#[test]
fn hybrid_corrects_the_model_with_titles_and_gazetteers() {
    let e = ents(
        "The US Charge d’ Affairs called on Chief of Army Staff General Qamar Javed Bajwa. \
         Qureshi told Al Jazeera that Daesh must be defeated.",
    );
    assert!(has(&e, "US", "LOC"), "{e:?}");
    assert!(has(&e, "Qamar Javed Bajwa", "PERSON"), "{e:?}");
    assert!(has(&e, "Al Jazeera", "ORG"), "{e:?}");
    assert!(has(&e, "Daesh", "ORG"), "{e:?}");
    assert!(
        !e.iter()
            .any(|(t, _)| t.contains("Charge") || t.contains("Army")),
        "titles stay out of names: {e:?}"
    );
    // Model spans keep the model's provenance; gazetteer corrections name their rule.
    let p = provenance(
        "Prime Minister Imran Khan visited Kabul on Monday.",
        "Imran Khan",
    );
    assert_eq!(p, [("PERSON", "perceptron".to_owned())]);
    let p = provenance("He told Al Jazeera so.", "Al Jazeera");
    assert_eq!(p, [("ORG", "gazetteer".to_owned())]);
}

#[test]
fn model_places_and_persons_are_not_retyped_by_place_names() {
    // CoNLL-style sports text: "Jordan" is a player here, as the model says.
    let e = ents("Michael Jordan scored 30 points as Chicago beat New York 98-87.");
    assert!(has(&e, "Michael Jordan", "PERSON"), "{e:?}");
}

#[test]
fn titles_are_not_part_of_names() {
    let e = ents("Pakistani Foreign Minister Shah Mehmood Qureshi met General Qamar Javed Bajwa.");
    assert_eq!(
        e,
        [
            ("Pakistani".to_owned(), "NORP"),
            ("Shah Mehmood Qureshi".to_owned(), "PERSON"),
            ("Qamar Javed Bajwa".to_owned(), "PERSON")
        ]
    );
}

#[test]
fn administration_is_an_organisation_not_a_person() {
    let e = ents("The Biden administration has conveyed its first message to Pakistan.");
    assert!(has(&e, "Biden administration", "ORG"));
    assert!(!e.iter().any(|(t, l)| t == "Biden" && *l == "PERSON"));
    assert!(has(&e, "Pakistan", "LOC"));
}

#[test]
fn transcript_speaker_labels_name_people() {
    let e = ents(
        "After the Meeting\n\nQUESTION: Secretary Kerry, did you discuss Aleppo?\n\n\
         SECRETARY KERRY: We obviously talked about it.\n\nMR KIRBY: Thanks, everybody.",
    );
    assert!(has(&e, "KERRY", "PERSON"), "{e:?}");
    assert!(has(&e, "KIRBY", "PERSON"), "{e:?}");
    assert!(!e.iter().any(|(t, _)| t == "QUESTION"), "{e:?}");
    let e = ents("ISLAMABAD: Pakistan and the US met today.\n\nKABUL: Talks went on.");
    assert!(has(&e, "ISLAMABAD", "LOC") || !e.iter().any(|(t, _)| t == "ISLAMABAD"));
    assert!(!e.iter().any(|(_, l)| *l == "PERSON"), "{e:?}");
}

#[test]
fn a_surname_of_a_person_in_the_article_is_that_person() {
    let e = ents(
        "Knox Thames, the Special Advisor to Ambassador Saperstein, will travel to Turkey.\n\n\
         In Turkey, Special Advisor Thames will deliver remarks at the G-20 Interfaith \
         Conference.",
    );
    assert!(
        !e.iter().any(|(t, l)| t == "Thames" && *l != "PERSON"),
        "{e:?}"
    );
    assert!(has(&e, "Turkey", "LOC"));
}

#[test]
fn events_and_documents_are_misc() {
    let e = ents(
        "Deputy Secretary Blinken announced the aid at the Manama Dialogue. The \
         conference builds on the Geneva Communique and the Ise-Shima Summit.",
    );
    for name in ["Manama Dialogue", "Geneva Communique", "Ise-Shima Summit"] {
        assert!(has(&e, name, "MISC"), "{name}: {e:?}");
    }
}

#[test]
fn a_name_never_ends_in_of() {
    // The model reads "Government of" (ORG) and "Iraq" (LOC).
    let e = ents("We also urge the Government of Iraq to provide additional security.");
    assert!(has(&e, "Government of Iraq", "ORG"), "{e:?}");
    assert!(!e.iter().any(|(t, _)| t.ends_with(" of")), "{e:?}");
}

#[test]
fn gazetteer_case_rules_and_compounds() {
    let e = ents("Let us defeat al-Qaeda with the US. Pakistan-US relations and Al Jazeera.");
    assert!(has(&e, "al-Qaeda", "ORG"));
    assert!(has(&e, "US", "LOC"));
    assert!(!e.iter().any(|(t, _)| t == "us"));
    assert!(has(&e, "Pakistan", "LOC"));
    assert!(has(&e, "Al Jazeera", "ORG"));
}

#[test]
fn organisations_and_document_level_names() {
    let e = ents(
        "Dr. Ahmed Kamil Murad of the Iraqi Ministry of Culture spoke. Later Murad left for Dabiq. \
         Knox Thames will travel to Jabla and Tartus.",
    );
    assert!(has(&e, "Ahmed Kamil Murad", "PERSON"));
    assert!(has(&e, "Iraqi Ministry of Culture", "ORG"));
    assert!(has(&e, "Murad", "PERSON"));
    assert!(has(&e, "Jabla", "LOC"));
    assert!(has(&e, "Tartus", "LOC"));
    assert!(!e.iter().any(|(t, _)| t == "Later"));
    let e = ents(
        "They agreed on a Cessation of Hostilities for Religious Minorities with Nasser Hussain.",
    );
    assert!(
        has(&e, "Nasser Hussain", "PERSON"),
        "two plain capitalised words: {e:?}"
    );
    assert!(
        !has(&e, "Cessation of Hostilities", "PERSON")
            && !has(&e, "Religious Minorities", "PERSON"),
        "{e:?}"
    );
}

#[test]
fn headings_keep_only_strong_names() {
    let e = ents(
        "Ambassador Robert Ford Returns to Syria\n\nAmbassador Robert Ford has completed his work.",
    );
    assert_eq!(
        e.iter()
            .filter(|(t, l)| t == "Robert Ford" && *l == "PERSON")
            .count(),
        2
    );
    assert!(has(&e, "Syria", "LOC"));
}
