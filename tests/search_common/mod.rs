//! Hand-made articles with hand-made annotations for the search, timeline and path tests:
//! every mention, entity, quote and relation is written here, so the tests check the search
//! and graph code, not the extraction.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Shared by several test files.

use quarry::model::{
    Document, Entity, EntityId, EntityType, Mention, MentionId, Provenance, Quote, Relation,
    RelationKind, RelationType, Sentence, Span,
};

/// Builds one article: sentences are split at ". ", mentions found by their text.
pub struct Article {
    pub doc: Document,
}

fn find(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} (#{nth}) not in {text:?}"))
        .0;
    Span::new(start, start + needle.len())
}

impl Article {
    pub fn new(id: &str, text: &str, date: &str, outlet: &str) -> Self {
        let mut doc = Document::new(id, text);
        doc.meta.date = date.into();
        doc.meta.source = outlet.into();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            doc.annotations.sentences.push(Sentence {
                span: Span::new(start, i + 1),
            });
            start = i + 2;
        }
        doc.annotations.sentences.push(Sentence {
            span: Span::new(start, text.len()),
        });
        Self { doc }
    }

    /// An entity named `canonical` with mentions at the given surface forms (first occurrence
    /// of each; `(surface, nth)`).
    pub fn entity(mut self, canonical: &str, t: EntityType, mentions: &[(&str, usize)]) -> Self {
        let a = &mut self.doc.annotations;
        let e = EntityId::from_index(a.entities.len());
        let mut ids = Vec::new();
        for &(surface, nth) in mentions {
            let span = find(&self.doc.text, surface, nth);
            ids.push(MentionId::from_index(a.mentions.len()));
            a.mentions.push(Mention {
                span,
                entity_type: t,
                entity: Some(e),
                provenance: Provenance::new("test", 1.0, "hand"),
            });
        }
        a.entities.push(Entity {
            canonical_name: canonical.into(),
            entity_type: t,
            mentions: ids,
            aliases: mentions.iter().map(|(s, _)| (*s).to_owned()).collect(),
            provenance: Provenance::new("test", 1.0, "hand"),
        });
        a.mentions.sort_by_key(|m| m.span);
        // Keep entity mention lists pointing at the sorted mentions.
        for (ei, entity) in a.entities.iter_mut().enumerate() {
            entity.mentions = a
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.entity == Some(EntityId::from_index(ei)))
                .map(|(i, _)| MentionId::from_index(i))
                .collect();
        }
        self
    }

    fn entity_id(&self, canonical: &str) -> EntityId {
        EntityId::from_index(
            self.doc
                .annotations
                .entities
                .iter()
                .position(|e| e.canonical_name == canonical)
                .unwrap_or_else(|| panic!("no entity {canonical}")),
        )
    }

    /// A quote with `content` said by the entity `speaker` through the mention `surface`.
    pub fn quote(mut self, content: &str, speaker: &str, surface: &str, direct: bool) -> Self {
        let e = self.entity_id(speaker);
        let content = find(&self.doc.text, content, 0);
        let speaker_span = find(&self.doc.text, surface, 0);
        self.doc.annotations.quotes.push(Quote {
            content,
            extent: None,
            direct,
            cue: None,
            speaker: Some(speaker_span),
            speaker_mention: None,
            speaker_entity: Some(e),
            provenance: Provenance::new("test", 1.0, "hand"),
        });
        self
    }

    /// A relation between two entities read from the sentence containing `trigger`.
    pub fn relation(
        mut self,
        head: &str,
        relation_type: RelationType,
        tail: &str,
        trigger: &str,
        kind: RelationKind,
    ) -> Self {
        let (h, t) = (self.entity_id(head), self.entity_id(tail));
        let trigger = find(&self.doc.text, trigger, 0);
        let a = &mut self.doc.annotations;
        let evidence = a.sentences[a.sentence_at(trigger.start).unwrap()].span;
        a.relations.push(Relation {
            head: h,
            tail: t,
            head_mention: None,
            tail_mention: None,
            relation_type,
            kind,
            trigger: Some(trigger),
            evidence,
            negated: false,
            modal: false,
            provenance: Provenance::new("test", 1.0, "hand"),
        });
        self
    }
}

/// The corpus: four articles, two outlets, three dates and one undated article.
pub fn corpus() -> Vec<Document> {
    use EntityType::{Loc, Person};
    let a0 = Article::new(
        "islamabad-talks",
        "Lloyd Austin met Shah Mehmood Qureshi in Islamabad. “Pakistan will play an important role,” Qureshi said. The military and the militia clashed.",
        "2021-01-15",
        "Dawn",
    )
    .entity("Lloyd Austin", Person, &[("Lloyd Austin", 0)])
    .entity(
        "Shah Mehmood Qureshi",
        Person,
        &[("Shah Mehmood Qureshi", 0), ("Qureshi", 1)],
    )
    .entity("Islamabad", Loc, &[("Islamabad", 0)])
    .entity("Pakistan", Loc, &[("Pakistan", 0)])
    .quote(
        "Pakistan will play an important role,",
        "Shah Mehmood Qureshi",
        "Qureshi said",
        true,
    )
    .relation(
        "Lloyd Austin",
        RelationType::Met,
        "Shah Mehmood Qureshi",
        "met",
        RelationKind::Asserted,
    );
    let a1 = Article::new(
        "pentagon-briefing",
        "Austin told reporters the peace process was fragile. The defence secretary said troops would stay. Imran Khan was also named.",
        "2021-03-02",
        "Reuters",
    )
    .entity(
        "Lloyd Austin",
        Person,
        &[("Austin", 0), ("The defence secretary", 0)],
    )
    .entity("Imran Khan", Person, &[("Imran Khan", 0)])
    .quote(
        "troops would stay",
        "Lloyd Austin",
        "The defence secretary",
        false,
    )
    .relation(
        "Lloyd Austin",
        RelationType::CoOccurs,
        "Imran Khan",
        "Imran Khan",
        RelationKind::Cooccurrence,
    );
    let a2 = Article::new(
        "urdu-note",
        "Qurēshī spoke in Urdu: «امن» — peace is near. Peace process talks resumed.",
        "",
        "Dawn",
    )
    .entity("Qurēshī", Person, &[("Qurēshī", 0)]);
    let a3 = Article::new(
        "khan-praise",
        "Imran Khan praised Shah Mehmood Qureshi. Qureshi thanked him.",
        "2021-03-20",
        "The News",
    )
    .entity("Imran Khan", Person, &[("Imran Khan", 0)])
    .entity(
        "Shah Mehmood Qureshi",
        Person,
        &[("Shah Mehmood Qureshi", 0), ("Qureshi", 1)],
    )
    .relation(
        "Imran Khan",
        RelationType::Supports,
        "Shah Mehmood Qureshi",
        "praised",
        RelationKind::Asserted,
    );
    vec![a0.doc, a1.doc, a2.doc, a3.doc]
}
