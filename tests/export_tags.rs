//! `quarry export P.ron --format csv --tag T -o DIR` keeps only what carries the tag: the
//! tags are saved in the project, read back from the file by the binary, and the CSV tables
//! hold the tagged quote and relation, the tagged entity and the entities they involve.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use quarry::model::RelationKind;
use quarry::project::Project;
use quarry::project::edits::{apply_all, relation_key};
use quarry::project::notes::{ItemKey, ItemNote, parse_tags, search};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/demo/demo.ron");

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader.records().map(|r| r.unwrap()).collect()
}

fn column(path: &Path, name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let i = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().get(i).unwrap_or("").to_owned())
        .collect()
}

fn export(ron: &Path, out: &Path, tag: Option<&str>) -> (bool, String) {
    let mut args = vec![
        "export".to_owned(),
        ron.display().to_string(),
        "--format".to_owned(),
        "csv".to_owned(),
        "-o".to_owned(),
        out.display().to_string(),
    ];
    if let Some(t) = tag {
        args.extend(["--tag".to_owned(), t.to_owned()]);
    }
    let o = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(&args)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn csv_export_with_a_tag_keeps_only_tagged_items() {
    let mut project = Project::load(Path::new(DEMO)).unwrap();
    let (shown, _) = apply_all(&project.documents, &project.curation.edits);
    // A named quote of one article and an asserted relation of another.
    let (qd, quote) = shown
        .iter()
        .enumerate()
        .find_map(|(d, doc)| {
            doc.annotations
                .quotes
                .iter()
                .find(|q| q.speaker_entity.is_some() && q.direct)
                .map(|q| (d, q.clone()))
        })
        .expect("a direct quote with a speaker");
    let (rd, relation, key) = shown
        .iter()
        .enumerate()
        .rev()
        .find_map(|(d, doc)| {
            doc.annotations
                .relations
                .iter()
                .filter(|r| r.kind == RelationKind::Asserted)
                .find_map(|r| Some((d, r.clone(), relation_key(&doc.annotations, r)?)))
        })
        .expect("an asserted relation");
    let qdoc = &shown[qd];
    let rdoc = &shown[rd];
    let tag = |note: &str, tags: &str| ItemNote {
        note: note.to_owned(),
        tags: parse_tags(tags),
    };
    let notes = &mut project.curation.notes_and_tags;
    notes.insert(
        ItemKey::Quote(&qdoc.id, quote.content).stored(),
        tag("check the date of this", "Follow-up, other"),
    );
    notes.insert(
        ItemKey::Relation(&rdoc.id, key).stored(),
        tag("", "follow-up"),
    );
    notes.insert(
        ItemKey::Entity("LOC:united-states").stored(),
        tag("", "follow-up"),
    );
    notes.insert(
        ItemKey::Article(&rdoc.id).stored(),
        tag("not this one", "other"),
    );

    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("tagged.ron");
    project.save(&ron).unwrap();
    // Tags and notes are saved and reloaded, and searchable.
    let loaded = Project::load(&ron).unwrap();
    assert_eq!(
        loaded.curation.notes_and_tags,
        project.curation.notes_and_tags
    );
    assert_eq!(search(&loaded.curation.notes_and_tags, "follow").len(), 3);
    assert_eq!(search(&loaded.curation.notes_and_tags, "date of").len(), 1);

    let all = dir.path().join("all");
    let (ok, err) = export(&ron, &all, None);
    assert!(ok, "{err}");
    let tagged = dir.path().join("tagged");
    let (ok, err) = export(&ron, &tagged, Some("FOLLOW-UP"));
    assert!(ok, "{err}");

    // Quotes: only the tagged one.
    let quotes = column(&tagged.join("quotes.csv"), "quote");
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let words: String = quote
        .content
        .text(&qdoc.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(quotes[0], words);
    assert!(csv_rows(&all.join("quotes.csv")).len() > 10);

    // Relations: only the tagged one.
    let rows = csv_rows(&tagged.join("relations.csv"));
    assert_eq!(rows.len(), 1);
    let evidence: String = relation
        .evidence
        .text(&rdoc.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let ev = column(&tagged.join("relations.csv"), "evidence");
    assert_eq!(ev[0], evidence);
    assert!(csv_rows(&all.join("relations.csv")).len() > 10);

    // Entities: the tagged one, the relation's ends and the quote's speaker, and fewer than
    // all; every mention exported is of an exported entity.
    let keys: BTreeSet<String> = column(&tagged.join("entities.csv"), "key")
        .into_iter()
        .collect();
    assert!(keys.contains("LOC:united-states"), "{keys:?}");
    let speaker = column(&tagged.join("quotes.csv"), "speaker_key");
    assert!(keys.contains(&speaker[0]), "{speaker:?} {keys:?}");
    for end in ["head_key", "tail_key"] {
        let k = column(&tagged.join("relations.csv"), end);
        assert!(keys.contains(&k[0]), "{end} {k:?}");
    }
    let all_keys = csv_rows(&all.join("entities.csv")).len();
    assert!(keys.len() < all_keys / 2, "{} of {all_keys}", keys.len());
    let mention_keys = column(&tagged.join("mentions.csv"), "entity_key");
    assert!(!mention_keys.is_empty());
    assert!(mention_keys.iter().all(|k| keys.contains(k)));
    assert!(mention_keys.len() < csv_rows(&all.join("mentions.csv")).len());

    // A tag nothing carries is a clear error.
    let (ok, err) = export(&ron, &dir.path().join("none"), Some("nothing-has-this"));
    assert!(!ok && err.contains("nothing-has-this"), "{err}");
}
