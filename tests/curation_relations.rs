//! The researcher's relation decisions and notes on a real article: a rejected relation is
//! gone from the curated documents, the network and the exports; a re-typed and an added one
//! carry the researcher's type; all of it (and the notes and tags) is saved, loaded back and
//! kept across re-extraction.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::Path;

use quarry::export::{ExportOptions, Prepared};
use quarry::model::{Document, RelationKind, RelationType};
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::project::Project;
use quarry::project::edits::{
    DocumentEdits, RelationEdit, RelationKey, apply_all, relation_key, shared_sentences,
};
use quarry::project::notes::{ItemKey, ItemNote, has_tag, parse_tags, search};

fn extracted() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/articles/us-pakistan-afghan-peace.txt");
    let mut doc = quarry::ingest::load_file(&path)
        .unwrap_or_else(|e| panic!("{e} (the article is in ../shared)"));
    Pipeline::new(&PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .run(&mut doc);
    doc
}

fn words(doc: &Document, key: RelationKey) -> (String, String) {
    (
        key.head.text(&doc.text).to_owned(),
        key.tail.text(&doc.text).to_owned(),
    )
}

#[test]
fn relation_decisions_and_notes_survive_saving_and_re_extraction() {
    let doc = extracted();
    let a = &doc.annotations;
    let asserted: Vec<RelationKey> = a
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Asserted)
        .filter_map(|r| relation_key(a, r))
        .collect();
    assert!(asserted.len() >= 2, "the article has asserted relations");
    let (rejected, retyped) = (asserted[0], asserted[1]);
    let new_type = if retyped.relation_type == RelationType::Criticises {
        RelationType::Supports
    } else {
        RelationType::Criticises
    };
    // A relation added between two entities of one sentence that have none of that type.
    let r0 = &a.relations[0];
    let (evidence, head, tail) = shared_sentences(a, r0.head, r0.tail)[0];
    let added = RelationKey {
        head,
        tail,
        evidence,
        relation_type: RelationType::AlliedWith,
    };
    let mut edits = DocumentEdits::default();
    let (h, t) = words(&doc, rejected);
    edits
        .relations
        .insert(rejected, RelationEdit::Reject { head: h, tail: t });
    let (h, t) = words(&doc, retyped);
    edits.relations.insert(
        retyped,
        RelationEdit::Retype {
            head: h,
            tail: t,
            relation_type: new_type,
        },
    );
    let (h, t) = words(&doc, added);
    edits
        .relations
        .insert(added, RelationEdit::Add { head: h, tail: t });

    let mut project = Project::new("relations");
    project.add_documents(vec![doc.clone()]);
    let id = project.documents[0].id.clone();
    project.curation.edits.insert(id.clone(), edits.clone());
    let quote = ItemKey::Quote(&id, a.quotes[0].content);
    project.curation.notes_and_tags.insert(
        quote.stored(),
        ItemNote {
            note: "verify with the transcript".to_owned(),
            tags: parse_tags("follow-up"),
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("relations.ron");
    project.save(&path).unwrap();
    let mut loaded = Project::load(&path).unwrap();
    assert_eq!(loaded.curation, project.curation);

    // Re-extraction: fresh annotations, the same curation.
    let pipeline = Pipeline::new(&loaded.settings).unwrap();
    for doc in loaded.documents_mut() {
        doc.annotations = quarry::model::Annotations::default();
        pipeline.run(doc);
    }
    let (shown, report) = apply_all(&loaded.documents, &loaded.curation.edits);
    assert!(report.all_matched(), "{report:?}");
    let s = &shown[0].annotations;
    let keys: Vec<RelationKey> = s
        .relations
        .iter()
        .filter_map(|r| relation_key(s, r))
        .collect();
    assert!(!keys.contains(&rejected));
    let retyped_now = s
        .relations
        .iter()
        .find(|r| {
            relation_key(s, r).is_some_and(|k| {
                (k.head, k.tail, k.evidence) == (retyped.head, retyped.tail, retyped.evidence)
            })
        })
        .expect("the re-typed relation is shown");
    assert_eq!(retyped_now.relation_type, new_type);
    assert!(keys.contains(&added));
    assert_eq!(
        s.relations.len(),
        doc.annotations.relations.len(),
        "one rejected, one added"
    );

    // Exports read the curated project: the rejected relation is not among their edges'
    // evidence unless another relation shares the sentence with the same ends.
    let prepared = Prepared::new(&loaded, &ExportOptions::default()).unwrap();
    let exported = &prepared.documents[0].annotations;
    assert_eq!(exported.relations.len(), s.relations.len());
    assert!(
        exported
            .relations
            .iter()
            .filter_map(|r| relation_key(exported, r))
            .all(|k| k != rejected)
    );

    // Notes and tags are kept and found.
    assert!(has_tag(&loaded.curation.notes_and_tags, quote, "Follow-Up"));
    assert_eq!(
        search(&loaded.curation.notes_and_tags, "transcript").len(),
        1
    );
}
