//! Fixtures shared by the integration tests: hand-built documents with every layer filled.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Test fixtures may panic.

use quarry::model::{
    Document, Entity, EntityId, EntityType, Mention, MentionId, Metadata, Provenance, Quote,
    Relation, RelationKind, RelationType, Sentence, Span, Token,
};

/// The byte span of the `n`-th (0-based) occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str, n: usize) -> Span {
    let (start, _) = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(start, start + needle.len())
}

/// A document about Pakistan with sentences, tokens, mentions, entities, a direct and an
/// indirect quote and relations, all filled by hand. Its text has multibyte characters.
pub fn annotated_document(id: &str) -> Document {
    let text = "Foreign Minister Shah Mahmood Qureshi met Zalmay Khalilzad in Islāmābād on Monday. \
                “Pakistan wants peace in Afghanistan,” Qureshi said. \
                Khalilzad told reporters that the talks were “constructive”.";
    let mut doc = Document::new(id, text);
    doc.meta = Metadata {
        title: "Qureshi meets Khalilzad".to_owned(),
        source: "Dawn".to_owned(),
        author: "Staff Reporter".to_owned(),
        date: "2019-01-21".to_owned(),
        path: Some("articles/qureshi.txt".into()),
        format: "txt".to_owned(),
    };
    let a = &mut doc.annotations;
    let first_end = text.find(". ").unwrap() + 1;
    let second_start = text.find('“').unwrap();
    let second_end = text.find("said.").unwrap() + "said.".len();
    let third_start = text.find("Khalilzad told").unwrap();
    a.sentences = vec![
        Sentence {
            span: Span::new(0, first_end),
        },
        Sentence {
            span: Span::new(second_start, second_end),
        },
        Sentence {
            span: Span::new(third_start, text.len()),
        },
    ];
    a.tokens = text
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            Token {
                span: Span::new(start, start + w.len()),
                pos: Some("NN".into()),
            }
        })
        .collect();
    let mention = |span: Span, t: EntityType, e: u32| Mention {
        span,
        entity_type: t,
        entity: Some(EntityId(e)),
        provenance: Provenance::new("ner", 0.9, "perceptron"),
    };
    a.mentions = vec![
        mention(find(text, "Foreign Minister", 0), EntityType::Title, 3),
        mention(find(text, "Shah Mahmood Qureshi", 0), EntityType::Person, 0),
        mention(find(text, "Zalmay Khalilzad", 0), EntityType::Person, 1),
        mention(find(text, "Islāmābād", 0), EntityType::Loc, 2),
        mention(find(text, "Pakistan", 0), EntityType::Loc, 4),
        mention(find(text, "Afghanistan", 0), EntityType::Loc, 5),
        mention(find(text, "Qureshi", 1), EntityType::Person, 0),
        mention(find(text, "Khalilzad", 1), EntityType::Person, 1),
    ];
    let entity = |name: &str, t: EntityType, ms: &[u32]| Entity {
        canonical_name: name.to_owned(),
        entity_type: t,
        mentions: ms.iter().map(|&m| MentionId(m)).collect(),
        aliases: vec![name.split(' ').next_back().unwrap_or(name).to_owned()],
        provenance: Provenance::new("coref", 0.8, "surname"),
    };
    a.entities = vec![
        entity("Shah Mahmood Qureshi", EntityType::Person, &[1, 6]),
        entity("Zalmay Khalilzad", EntityType::Person, &[2, 7]),
        entity("Islāmābād", EntityType::Loc, &[3]),
        entity("Foreign Minister", EntityType::Title, &[0]),
        entity("Pakistan", EntityType::Loc, &[4]),
        entity("Afghanistan", EntityType::Loc, &[5]),
    ];
    a.quotes = vec![
        Quote {
            content: find(text, "Pakistan wants peace in Afghanistan,", 0),
            extent: None,
            direct: true,
            cue: Some(find(text, "said", 0)),
            speaker: Some(find(text, "Qureshi", 1)),
            speaker_mention: Some(MentionId(6)),
            speaker_entity: Some(EntityId(0)),
            provenance: Provenance::new("quotes", 0.95, "QUOTE_NAME_SAID"),
        },
        Quote {
            content: find(text, "the talks were “constructive”", 0),
            extent: None,
            direct: false,
            cue: Some(find(text, "told", 0)),
            speaker: Some(find(text, "Khalilzad", 1)),
            speaker_mention: Some(MentionId(7)),
            speaker_entity: Some(EntityId(1)),
            provenance: Provenance::new("quotes", 0.7, "NAME_TOLD_THAT"),
        },
    ];
    a.relations = vec![
        Relation {
            head: EntityId(0),
            tail: EntityId(1),
            head_mention: Some(MentionId(1)),
            tail_mention: Some(MentionId(2)),
            relation_type: RelationType::Met,
            kind: RelationKind::Asserted,
            trigger: Some(find(text, "met", 0)),
            evidence: Span::new(0, first_end),
            negated: false,
            modal: false,
            provenance: Provenance::new("relations", 0.85, "X_met_Y"),
        },
        Relation {
            head: EntityId(0),
            tail: EntityId(3),
            head_mention: Some(MentionId(1)),
            tail_mention: Some(MentionId(0)),
            relation_type: RelationType::OfficeHeld,
            kind: RelationKind::Asserted,
            trigger: None,
            evidence: Span::new(0, first_end),
            negated: false,
            modal: true,
            provenance: Provenance::new("relations", 0.9, "TITLE_NAME"),
        },
        Relation {
            head: EntityId(4),
            tail: EntityId(5),
            head_mention: None,
            tail_mention: None,
            relation_type: RelationType::CoOccurs,
            kind: RelationKind::Cooccurrence,
            trigger: None,
            evidence: Span::new(second_start, second_end),
            negated: true,
            modal: false,
            provenance: Provenance::new("cooccurrence", 0.3, ""),
        },
    ];
    doc
}
