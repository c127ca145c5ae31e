//! The researcher's quote and mention edits (`project::edits`) on a real article: applied
//! on top of the extraction, saved in the RON project and loaded back, absent from older
//! files, and kept across re-extraction (counted when they no longer match).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::{Path, PathBuf};

use quarry::model::{Document, EntityType, Span};
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::project::Project;
use quarry::project::edits::{
    DocumentEdits, EditReport, MentionEdit, QuoteEdit, apply_all, apply_edits, excerpt,
};

/// The commissioning article: under `../shared` beside the checkout, or under
/// `QUARRY_SHARED_DIR` (a git worktree elsewhere), as `tests/ui_common` finds it.
fn article() -> PathBuf {
    let shared = std::env::var_os("QUARRY_SHARED_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    shared.join("articles/us-pakistan-afghan-peace.txt")
}

fn extracted() -> Document {
    let mut doc = quarry::ingest::load_file(&article())
        .unwrap_or_else(|e| panic!("{e} (the article is in ../shared)"));
    Pipeline::new(&PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .run(&mut doc);
    doc
}

/// Edits of the commissioning article: the first quote deleted, the second given to
/// another person, the third confirmed, a mention deleted and one re-typed.
struct Fixture {
    doc: Document,
    edits: DocumentEdits,
    deleted_quote: Span,
    reattributed: Span,
    new_speaker: String,
    confirmed: Span,
    deleted_mention: Span,
    retyped: Span,
}

fn fixture() -> Fixture {
    let doc = extracted();
    let a = &doc.annotations;
    assert!(a.quotes.len() >= 3, "the article has quotes");
    let deleted_quote = a.quotes[0].content;
    let reattributed = a.quotes[1].content;
    let confirmed = a.quotes[2].content;
    // A person other than the second quote's speaker.
    let speaker = a.quotes[1].speaker_entity;
    let entity = a
        .entities
        .iter()
        .enumerate()
        .find(|(i, e)| {
            e.entity_type == EntityType::Person
                && speaker.is_none_or(|s| s.index() != *i)
                && !e.mentions.is_empty()
        })
        .map(|(_, e)| e)
        .expect("another person");
    let new_speaker = entity.canonical_name.clone();
    let speaker_mention = a.mention(entity.mentions[0]).unwrap().span;
    // A location mention to delete and an organisation mention to re-type.
    let deleted_mention = a
        .mentions
        .iter()
        .find(|m| m.entity_type == EntityType::Loc)
        .expect("a place")
        .span;
    let retyped = a
        .mentions
        .iter()
        .find(|m| m.entity_type == EntityType::Org)
        .expect("an organisation")
        .span;

    let text = |s: Span| excerpt(s.text(&doc.text));
    let mut edits = DocumentEdits::default();
    edits.quotes.insert(
        deleted_quote,
        QuoteEdit::Delete {
            text: text(deleted_quote),
        },
    );
    edits.quotes.insert(
        reattributed,
        QuoteEdit::Speaker {
            text: text(reattributed),
            speaker: new_speaker.clone(),
            mention: speaker_mention,
        },
    );
    edits.quotes.insert(
        confirmed,
        QuoteEdit::Confirm {
            text: text(confirmed),
        },
    );
    edits.mentions.insert(
        deleted_mention,
        MentionEdit::Delete {
            text: deleted_mention.text(&doc.text).to_owned(),
        },
    );
    edits.mentions.insert(
        retyped,
        MentionEdit::Retype {
            text: retyped.text(&doc.text).to_owned(),
            entity_type: EntityType::Misc,
        },
    );
    Fixture {
        doc,
        edits,
        deleted_quote,
        reattributed,
        new_speaker,
        confirmed,
        deleted_mention,
        retyped,
    }
}

/// A project of the fixture's article with its edits, saved as `edits.ron` in the returned
/// folder.
fn saved_project(f: &Fixture) -> (Project, tempfile::TempDir) {
    let mut project = Project::new("edits");
    project.add_documents(vec![f.doc.clone()]);
    let id = project.documents[0].id.clone();
    project.curation.edits.insert(id, f.edits.clone());
    let dir = tempfile::tempdir().unwrap();
    project.save(&dir.path().join("edits.ron")).unwrap();
    (project, dir)
}

/// Checks that `doc` shows the fixture's edits.
fn assert_edited(fx: &Fixture, doc: &Document) {
    let a = &doc.annotations;
    assert_eq!(a.quotes.len(), fx.doc.annotations.quotes.len() - 1);
    assert!(a.quotes.iter().all(|q| q.content != fx.deleted_quote));
    let q = a
        .quotes
        .iter()
        .find(|q| q.content == fx.reattributed)
        .expect("re-attributed quote");
    let speaker = a.entity(q.speaker_entity.expect("a speaker")).unwrap();
    assert_eq!(speaker.canonical_name, fx.new_speaker);
    assert_eq!(q.provenance.rule, "researcher");
    assert!((q.provenance.confidence - 1.0).abs() < f32::EPSILON);
    let c = a.quotes.iter().find(|q| q.content == fx.confirmed).unwrap();
    assert_eq!(c.provenance.rule, "researcher");
    assert!(a.mentions.iter().all(|m| m.span != fx.deleted_mention));
    let m = a.mentions.iter().find(|m| m.span == fx.retyped).unwrap();
    assert_eq!(m.entity_type, EntityType::Misc);
    assert_eq!(
        a.entity(m.entity.unwrap()).unwrap().entity_type,
        EntityType::Misc
    );
    // Ids stay consistent: every entity's mentions point back at it, in text order.
    for (i, e) in a.entities.iter().enumerate() {
        assert!(
            !e.mentions.is_empty(),
            "{} has no mention",
            e.canonical_name
        );
        for id in &e.mentions {
            assert_eq!(a.mention(*id).unwrap().entity.unwrap().index(), i);
        }
    }
    assert!(a.mentions.windows(2).all(|w| w[0].span <= w[1].span));
    for r in &a.relations {
        assert!(a.entity(r.head).is_some() && a.entity(r.tail).is_some());
    }
}

#[test]
fn edits_apply_to_a_real_article() {
    let f = fixture();
    let mut doc = f.doc.clone();
    let report = apply_edits(&mut doc, &f.edits);
    assert_eq!(report, EditReport::default());
    assert_edited(&f, &doc);
}

#[test]
fn edits_round_trip_through_the_project_file_in_readable_form() {
    let f = fixture();
    let (project, dir) = saved_project(&f);
    let path = dir.path().join("edits.ron");

    let text = std::fs::read_to_string(&path).unwrap();
    // One edit a line, its words written out.
    let deleted_words = f.deleted_mention.text(&f.doc.text);
    let line = text
        .lines()
        .find(|l| l.contains(&format!("Delete(text: \"{deleted_words}\")")))
        .expect("the mention deletion on a line of its own");
    assert!(line.trim_start().starts_with("Span(start:"), "{line}");
    assert!(text.contains(&format!("speaker: \"{}\"", f.new_speaker)));

    let loaded = Project::load(&path).unwrap();
    assert_eq!(loaded.curation, project.curation);
    // The saved annotations are the extraction, not the edited view.
    assert_eq!(
        loaded.documents[0].annotations.quotes,
        f.doc.annotations.quotes
    );
    let (shown, report) = apply_all(&loaded.documents, &loaded.curation.edits);
    assert!(report.all_matched());
    assert_edited(&f, &shown[0]);
}

#[test]
fn projects_without_edits_still_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    // The demo project as it was saved before the field: its `edits` line taken out.
    let demo = std::fs::read_to_string(root.join("projects/demo/demo.ron")).unwrap();
    let mut older = String::new();
    for l in demo
        .lines()
        .filter(|l| !l.trim_start().starts_with("edits:"))
    {
        older.push_str(l);
        older.push('\n');
    }
    assert_ne!(older.len(), demo.len(), "the demo project saves the field");
    let older_demo = dir.path().join("demo-before-edits.ron");
    std::fs::write(&older_demo, older).unwrap();
    for path in [older_demo, root.join("projects/compat/v1/afghan-talks.ron")] {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("edits:"),
            "{} must predate the field",
            path.display()
        );
        let project = Project::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(project.curation.edits.is_empty());
        assert!(!project.documents.is_empty());
    }
}

#[test]
fn edits_survive_re_extraction_and_unmatched_ones_are_kept_and_counted() {
    let f = fixture();
    let (project, dir) = saved_project(&f);
    let path = dir.path().join("edits.ron");
    let mut loaded = Project::load(&path).unwrap();

    // Edit › Re-extract all articles: new annotations from the pipeline, same curation.
    let pipeline = Pipeline::new(&loaded.settings).unwrap_or_else(|e| panic!("{e}"));
    for doc in loaded.documents_mut() {
        doc.annotations = quarry::model::Annotations::default();
        pipeline.run(doc);
    }
    let (shown, report) = apply_all(&loaded.documents, &loaded.curation.edits);
    assert!(report.all_matched());
    assert_edited(&f, &shown[0]);

    // A re-extraction that no longer finds the re-attributed quote nor the re-typed
    // mention: those two edits match nothing, the others still apply, all are kept.
    let mut changed = loaded.documents.clone();
    let a = &mut changed[0].annotations;
    a.quotes.retain(|q| q.content != f.reattributed);
    let retyped = a.mentions.iter().position(|m| m.span == f.retyped).unwrap();
    a.mentions[retyped].span.start += 1;
    let (shown, report) = apply_all(&changed, &loaded.curation.edits);
    assert_eq!(
        report,
        EditReport {
            unmatched_quotes: 1,
            unmatched_mentions: 1,
            unmatched_relations: 0,
        }
    );
    assert!(
        shown[0]
            .annotations
            .quotes
            .iter()
            .all(|q| q.content != f.deleted_quote)
    );
    assert_eq!(loaded.curation.edits[&project.documents[0].id], f.edits);
}

#[test]
fn the_command_line_reads_a_project_with_its_edits_applied() {
    let f = fixture();
    let (_, dir) = saved_project(&f);
    let path = dir.path().join("edits.ron");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_quarry"))
            .args(args)
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    // `quarry quotes --project`: the deleted quote is gone, the new speaker is listed.
    let listed = run(&["quotes", "--project"]);
    let deleted = f.deleted_quote.text(&f.doc.text);
    assert!(!listed.lines().any(|l| l.ends_with(deleted)), "{listed}");
    let reattributed = f.reattributed.text(&f.doc.text);
    let line = listed
        .lines()
        .find(|l| l.ends_with(reattributed))
        .expect("the reattributed quote is listed");
    assert!(line.contains(&f.new_speaker), "{line}");
    assert!(line.contains("researcher"), "{line}");
    // `quarry extract --project`: one quote fewer than the extraction.
    let jsonl = run(&["extract", "--project"]);
    let record: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    let quotes = record["quotes"].as_array().unwrap().len();
    assert_eq!(quotes, f.doc.annotations.quotes.len() - 1);
}

/// The article's text moved (a note put before it) and extracted again: every edit is
/// listed as unmatched with why, each re-anchors to its span in the moved text, and then
/// the article shows every edit again; `quarry edits --unmatched` lists them with where a
/// re-anchor would move them.
#[test]
fn edits_on_moved_text_are_listed_and_re_anchored() {
    use quarry::project::edits::unmatched::{Why, apply_reanchor, find_reanchor, unmatched_edits};
    let f = fixture();
    let note = "Editor's note: this article was corrected on Monday.\n\n";
    let shift = |s: Span| Span::new(s.start + note.len(), s.end + note.len());
    let mut moved = Document::new(f.doc.id.clone(), format!("{note}{}", f.doc.text));
    Pipeline::new(&PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .run(&mut moved);
    let mut all = std::collections::BTreeMap::new();
    all.insert(f.doc.id.clone(), f.edits.clone());
    let list = unmatched_edits(std::slice::from_ref(&moved), &all);
    assert_eq!(list.len(), f.edits.len());
    for u in &list {
        assert!(matches!(u.why, Why::TextChanged { .. }), "{u:?}");
        assert!(u.why.text().starts_with("the text there now reads"));
    }

    // The command line lists them, each with where it can move.
    let mut project = Project::new("moved");
    project.add_documents(vec![moved.clone()]);
    project.curation.edits = all.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moved.ron");
    project.save(&path).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["edits", "--unmatched"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let listed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(listed.lines().count(), f.edits.len(), "{listed}");
    for line in listed.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 6, "{line}");
        assert!(fields[4].starts_with("unmatched: the text there"), "{line}");
        assert!(fields[5].starts_with("re-anchor to bytes"), "{line}");
    }

    // Each re-anchors to its own span in the moved text.
    let mut edits = f.edits.clone();
    for u in &list {
        let r = find_reanchor(&moved, &edits, u.edit).expect("a re-anchor");
        assert_eq!(r.to.span(), shift(u.edit.span()), "{u:?}");
        assert!(apply_reanchor(&mut edits, &r));
    }
    let mut shown = moved.clone();
    assert!(apply_edits(&mut shown, &edits).all_matched());
    let shifted = Fixture {
        doc: moved,
        edits,
        deleted_quote: shift(f.deleted_quote),
        reattributed: shift(f.reattributed),
        new_speaker: f.new_speaker.clone(),
        confirmed: shift(f.confirmed),
        deleted_mention: shift(f.deleted_mention),
        retyped: shift(f.retyped),
    };
    assert_edited(&shifted, &shown);
}

/// Entity decisions on the commissioning article: a person with several mentions renamed,
/// its last mention split off into a new entity, and a mention of another person moved to
/// it.
struct EntityFixture {
    doc: Document,
    curation: quarry::project::Curation,
    /// The renamed node's key.
    key: String,
    split: Span,
    moved: Span,
}

fn entity_fixture() -> EntityFixture {
    use quarry::graph::EntityGraph;
    use quarry::project::edits::EntityEdit;
    let doc = extracted();
    let graph = EntityGraph::from_documents(std::slice::from_ref(&doc));
    let a = &doc.annotations;
    let node_of = |i: usize| graph.node_of(0, quarry::model::EntityId::from_index(i));
    // The person with the most mentions, and another person that is a node.
    let mut people: Vec<usize> = (0..a.entities.len())
        .filter(|&i| a.entities[i].entity_type == EntityType::Person && node_of(i).is_some())
        .collect();
    people.sort_by_key(|&i| std::cmp::Reverse(a.entities[i].mentions.len()));
    let (main, other) = (people[0], people[1]);
    assert!(
        a.entities[main].mentions.len() >= 3,
        "a person named thrice"
    );
    assert_ne!(node_of(main), node_of(other));
    let key = graph.nodes[node_of(main).unwrap()].key.clone();
    let split = a
        .mention(*a.entities[main].mentions.last().unwrap())
        .unwrap()
        .span;
    let moved = a.mention(a.entities[other].mentions[0]).unwrap().span;
    let words = |s: Span| s.text(&doc.text).to_owned();
    let mut edits = DocumentEdits::default();
    edits.entities.insert(
        split,
        EntityEdit::Split {
            text: words(split),
            name: "Split Person".to_owned(),
        },
    );
    edits.entities.insert(
        moved,
        EntityEdit::Move {
            text: words(moved),
            key: key.clone(),
            name: graph.nodes[node_of(main).unwrap()].name.clone(),
        },
    );
    let mut curation = quarry::project::Curation::default();
    curation.edits.insert(doc.id.clone(), edits);
    curation
        .entities
        .renames
        .insert(key.clone(), "Renamed Person".to_owned());
    EntityFixture {
        doc,
        curation,
        key,
        split,
        moved,
    }
}

/// Checks the fixture's decisions in the network of `documents` (as extracted).
fn assert_entity_decisions(f: &EntityFixture, documents: &[Document]) {
    let (shown, report) = apply_all(documents, &f.curation.edits);
    assert!(report.all_matched(), "{report:?}");
    let graph = quarry::graph::EntityGraph::new(&shown, &f.curation.entities);
    let node = &graph.nodes[graph.node_index(&f.key).expect("the renamed node")];
    assert_eq!(node.name, "Renamed Person");
    assert_eq!(node.key, f.key, "the key stays");
    let a = &shown[0].annotations;
    let node_of_mention = |span: Span| {
        let m = a.mentions.iter().find(|m| m.span == span).unwrap();
        graph.node_of(0, m.entity.unwrap())
    };
    assert_eq!(node_of_mention(f.moved), graph.node_index(&f.key));
    let split = graph
        .node_index("PER:split-person")
        .expect("the split-off node");
    assert_eq!(node_of_mention(f.split), Some(split));
    assert_eq!(graph.nodes[split].name, "Split Person");
    assert_eq!(graph.nodes[split].mentions, 1);
    // The renamed node lost the split mention and gained the moved one.
    let before = quarry::graph::EntityGraph::from_documents(documents);
    let old = &before.nodes[before.node_index(&f.key).unwrap()];
    assert_eq!(node.mentions, old.mentions);
    assert!(node.aliases.contains(&old.name), "the old name is an alias");
}

#[test]
fn entity_decisions_apply_round_trip_and_survive_re_extraction() {
    let f = entity_fixture();
    assert_entity_decisions(&f, std::slice::from_ref(&f.doc));

    let mut project = Project::new("entities");
    project.add_documents(vec![f.doc.clone()]);
    project.curation = f.curation.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entities.ron");
    project.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("renames: {"), "{text}");
    assert!(text.contains("name: \"Split Person\""));
    let mut loaded = Project::load(&path).unwrap();
    assert_eq!(loaded.curation, f.curation);

    // Re-extract: new annotations from the pipeline, the same decisions.
    let pipeline = Pipeline::new(&loaded.settings).unwrap_or_else(|e| panic!("{e}"));
    for doc in loaded.documents_mut() {
        doc.annotations = quarry::model::Annotations::default();
        pipeline.run(doc);
    }
    assert_entity_decisions(&f, &loaded.documents);

    // A re-extraction that no longer finds the moved mention: that decision is counted
    // as unmatched and kept; the others still apply.
    let mut changed = loaded.documents.clone();
    let moved = changed[0]
        .annotations
        .mentions
        .iter()
        .position(|m| m.span == f.moved)
        .unwrap();
    changed[0].annotations.mentions[moved].span.start += 1;
    let (shown, report) = apply_all(&changed, &loaded.curation.edits);
    assert_eq!(report.unmatched_mentions, 1);
    let graph = quarry::graph::EntityGraph::new(&shown, &loaded.curation.entities);
    assert!(graph.node_index("PER:split-person").is_some());
}

#[test]
fn exports_show_the_researchers_name_and_split_entity() {
    let f = entity_fixture();
    let mut project = Project::new("entities");
    project.add_documents(vec![f.doc.clone()]);
    project.curation = f.curation.clone();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    quarry::export::export(
        &project,
        quarry::export::Format::Csv,
        &quarry::export::ExportOptions::default(),
        &out,
    )
    .unwrap();
    let entities = std::fs::read_to_string(out.join("entities.csv")).unwrap();
    let row = entities
        .lines()
        .find(|l| l.starts_with(&format!("{},", f.key)))
        .expect("the renamed entity's row");
    assert!(row.contains(",Renamed Person,"), "{row}");
    assert!(
        entities.contains("PER:split-person,Split Person,"),
        "{entities}"
    );
    let gexf = dir.path().join("net.gexf");
    quarry::export::export(
        &project,
        quarry::export::Format::Gexf,
        &quarry::export::ExportOptions::default(),
        &gexf,
    )
    .unwrap();
    assert!(
        std::fs::read_to_string(gexf)
            .unwrap()
            .contains("Renamed Person")
    );
}

#[test]
fn the_jsonl_export_names_mentions_and_speakers_as_the_researcher_renamed_them() {
    use quarry::model::CharIndex;
    let f = entity_fixture();
    let mut project = Project::new("entities");
    project.add_documents(vec![f.doc.clone()]);
    project.curation = f.curation.clone();
    let (shown, _) = apply_all(&project.documents, &project.curation.edits);
    let graph = quarry::graph::EntityGraph::new(&shown, &project.curation.entities);
    let renamed = graph.node_index(&f.key);
    let a = &shown[0].annotations;
    let of_node =
        |e: Option<quarry::model::EntityId>| e.is_some_and(|e| graph.node_of(0, e) == renamed);
    let index = CharIndex::new(&shown[0].text);
    // The renamed person's mentions (the moved one among them) and quotes, in chars.
    let mentions: Vec<(usize, usize)> = a
        .mentions
        .iter()
        .filter(|m| of_node(m.entity))
        .map(|m| index.char_span(m.span))
        .collect();
    let quotes: Vec<(usize, usize)> = a
        .quotes
        .iter()
        .filter(|q| of_node(q.speaker_entity))
        .map(|q| index.char_span(q.extent.unwrap_or(q.content)))
        .collect();
    assert!(mentions.contains(&index.char_span(f.moved)));
    assert!(!quotes.is_empty(), "the person speaks in the article");
    let old_name = a
        .mentions
        .iter()
        .find(|m| m.span == f.moved)
        .and_then(|m| a.entity(m.entity?))
        .map(|e| e.canonical_name.clone())
        .unwrap();
    assert_ne!(old_name, "Renamed Person");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("curated.jsonl");
    quarry::export::export(
        &project,
        quarry::export::Format::Jsonl,
        &quarry::export::ExportOptions::default(),
        &out,
    )
    .unwrap();
    // Valid interchange (`shared/eval/FORMAT.md`): it reads back, one record per article,
    // offsets in chars.
    let records = quarry::interchange::read_jsonl(&out).unwrap();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.text, shown[0].text);
    let chars: Vec<char> = record.text.chars().collect();
    let words = |start: usize, end: usize| chars[start..end].iter().collect::<String>();
    let mut seen = 0;
    for e in &record.entities {
        if mentions.contains(&(e.start, e.end)) {
            seen += 1;
            assert_eq!(e.entity.as_deref(), Some("Renamed Person"), "{e:?}");
        }
        if (e.start, e.end) == index.char_span(f.split) {
            assert_eq!(e.entity.as_deref(), Some("Split Person"), "{e:?}");
        }
        assert!(!words(e.start, e.end).is_empty());
    }
    assert_eq!(seen, mentions.len());
    let mut spoken = 0;
    for q in &record.quotes {
        if quotes.contains(&(q.start, q.end)) {
            spoken += 1;
            assert_eq!(q.speaker_name.as_deref(), Some("Renamed Person"), "{q:?}");
        }
        assert_ne!(q.speaker_name.as_deref(), Some(old_name.as_str()), "{q:?}");
    }
    assert_eq!(spoken, quotes.len());
}

#[test]
fn projects_saved_before_renames_and_entity_decisions_still_load() {
    // A project with only the older curation (a merge, a mention edit) saves nothing of the
    // new fields, so its file is what an older Quarry wrote; it loads with them empty.
    let f = fixture();
    let mut project = Project::new("older");
    project.add_documents(vec![f.doc.clone()]);
    let mut edits = DocumentEdits::default();
    edits.mentions = f.edits.mentions.clone();
    project.curation.edits.insert(f.doc.id.clone(), edits);
    project
        .curation
        .entities
        .merges
        .insert("PER:a".to_owned(), "PER:b".to_owned());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("older.ron");
    project.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("renames"), "{text}");
    let from = text.find("edits: {").expect("the edits");
    let edits_part = &text[from..];
    let edits_part = &edits_part[..edits_part
        .find("notes_and_tags")
        .unwrap_or(edits_part.len())];
    assert!(edits_part.contains("Retype("), "{edits_part}");
    assert!(!edits_part.contains("entities"), "{edits_part}");
    let loaded = Project::load(&path).unwrap();
    assert!(loaded.curation.entities.renames.is_empty());
    assert!(loaded.curation.edits[&f.doc.id].entities.is_empty());
    assert_eq!(loaded.curation, project.curation);
}
