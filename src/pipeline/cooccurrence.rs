//! The `cooccurrence` stage: same-sentence pairs of PERSON, ORG, LOC and NORP entities that
//! have no asserted relation between them, as low-confidence `CoOccurs` relations
//! (`RelationKind::Cooccurrence`). Only built when `PipelineSettings::cooccurrence` is on.

use crate::model::{
    Document, EntityId, MentionId, Provenance, Relation, RelationKind, RelationType,
};

use super::Stage;
use super::text::FxSet;
use super::util::is_actor;

/// Adds co-occurrence relations.
pub struct Cooccurrence;

const STAGE: &str = "cooccurrence";

impl Stage for Cooccurrence {
    fn name(&self) -> &'static str {
        STAGE
    }

    fn reads(&self) -> &'static [super::Layer] {
        &[
            super::Layer::Sentences,
            super::Layer::Mentions,
            super::Layer::Entities,
            super::Layer::Relations,
        ]
    }

    fn writes(&self) -> &'static [super::Layer] {
        &[super::Layer::Cooccurrence]
    }

    fn run(&self, doc: &mut Document) {
        let ann = &mut doc.annotations;
        if ann.entities.is_empty() {
            return;
        }
        let asserted: FxSet<(EntityId, EntityId)> = ann
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Asserted)
            .flat_map(|r| [(r.head, r.tail), (r.tail, r.head)])
            .collect();
        let mut seen: FxSet<(EntityId, EntityId, usize)> = FxSet::default();
        let mut out = Vec::new();
        let mut m = 0;
        for (si, sentence) in ann.sentences.iter().enumerate() {
            // The first mention of each actor entity in this sentence.
            let mut present: Vec<(EntityId, MentionId)> = Vec::new();
            while m < ann.mentions.len() && ann.mentions[m].span.start < sentence.span.end {
                let mention = &ann.mentions[m];
                if sentence.span.contains(mention.span)
                    && let Some(e) = mention.entity
                {
                    let ty = ann.entities.get(e.index()).map(|x| x.entity_type);
                    if ty.is_some_and(is_actor) && !present.iter().any(|(x, _)| *x == e) {
                        present.push((e, MentionId::from_index(m)));
                    }
                }
                m += 1;
            }
            for (a, &(ha, ma)) in present.iter().enumerate() {
                for &(hb, mb) in &present[a + 1..] {
                    if asserted.contains(&(ha, hb)) || !seen.insert((ha, hb, si)) {
                        continue;
                    }
                    out.push(Relation {
                        head: ha,
                        tail: hb,
                        head_mention: Some(ma),
                        tail_mention: Some(mb),
                        relation_type: RelationType::CoOccurs,
                        kind: RelationKind::Cooccurrence,
                        trigger: None,
                        evidence: sentence.span,
                        negated: false,
                        modal: false,
                        provenance: Provenance::new(STAGE, 0.2, "same-sentence"),
                    });
                }
            }
        }
        ann.relations.extend(out);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, RelationKind, RelationType};
    use crate::pipeline::{Pipeline, PipelineSettings};

    #[test]
    fn pairs_without_asserted_relations() {
        let text = "Lloyd Austin met Imran Khan in Pakistan. Lloyd Austin left.";
        let mut doc = Document::new("t", text);
        Pipeline::new(&PipelineSettings::default())
            .unwrap()
            .run(&mut doc);
        let ann = &doc.annotations;
        let co: Vec<_> = ann
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Cooccurrence)
            .collect();
        // Austin–Pakistan and Khan–Pakistan; Austin–Khan is asserted (met).
        assert_eq!(co.len(), 2, "{:?}", ann.relations);
        assert!(co.iter().all(|r| r.relation_type == RelationType::CoOccurs && r.provenance.confidence < 0.5));
        let mut off = Document::new("t", text);
        Pipeline::new(&PipelineSettings {
            disabled_stages: vec!["cooccurrence".into()],
            ..PipelineSettings::default()
        })
        .unwrap()
        .run(&mut off);
        assert!(
            off.annotations
                .relations
                .iter()
                .all(|r| r.kind == RelationKind::Asserted)
        );
    }
}
