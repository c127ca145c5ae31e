//! The triage queue driven by its keys on the real workbench (headless `egui_kittest`, hand
//! annotated documents from `ui_common`): Ctrl+T opens it on what needs a human — a quote
//! without a named speaker, a quote whose speaker words name no entity, the merge
//! suggestions, a weak relation — and the keys set a speaker (S, 1), add a missing person
//! (M), accept a merge (A), reject a relation (R), move (N, P), with an "n of N" progress.

#![cfg(feature = "ui-tests")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::ui_common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::state::Tab;
use quarry::model::{EntityType, RelationKind, RelationType, Span};
use quarry::project::Project;
use quarry::project::edits::relation_key;
use quarry::project::notes::{ItemKey, ItemNote, parse_tags};
use ui_common::{Name, harness};

fn person<'a>(canonical: &'a str, forms: &'a [&'a str]) -> Name<'a> {
    Name {
        canonical,
        entity_type: EntityType::Person,
        forms,
    }
}

fn place<'a>(canonical: &'a str, forms: &'a [&'a str]) -> Name<'a> {
    Name {
        canonical,
        entity_type: EntityType::Loc,
        forms,
    }
}

const MISSING: &str = "Ahmed Rashid";

/// George Bush, Jeb Bush, and an article naming only "Bush" (two merge suggestions); a quote
/// there with no speaker, one whose speaker words ("Ahmed Rashid") name no entity, and a
/// weak relation (George Bush met Angela Merkel, confidence 0.4).
fn project() -> Project {
    let mut george = ui_common::annotate(
        "george",
        "George Bush in Texas",
        "George Bush spoke in Texas on Monday. George Bush met Angela Merkel in Texas.",
        &[
            person("George Bush", &["George Bush"]),
            person("Angela Merkel", &["Angela Merkel"]),
            place("Texas", &["Texas"]),
        ],
        &[("George Bush", RelationType::Met, "Angela Merkel", "met")],
    );
    for r in &mut george.annotations.relations {
        if r.kind == RelationKind::Asserted {
            r.provenance.confidence = 0.4;
        }
    }
    let jeb = ui_common::annotate(
        "jeb",
        "Jeb Bush in Florida",
        "Jeb Bush spoke in Florida on Tuesday.",
        &[
            person("Jeb Bush", &["Jeb Bush"]),
            place("Florida", &["Florida"]),
        ],
        &[],
    );
    let text = "Bush met reporters in Texas. Bush said “Taxes will fall.”\n\n\
                The statement read: “Nobody else knows.”\n\n\
                Ahmed Rashid said: “The talks will resume.”";
    let mut bush = ui_common::annotate(
        "bush",
        "Bush in Texas",
        text,
        &[person("Bush", &["Bush"]), place("Texas", &["Texas"])],
        &[],
    );
    let start = text.find(MISSING).unwrap();
    for q in &mut bush.annotations.quotes {
        if q.content.text(text) == "The talks will resume." {
            q.speaker = Some(Span::new(start, start + MISSING.len()));
        }
    }
    Project {
        name: "triage".to_owned(),
        documents: vec![george, jeb, bush],
        ..Project::default()
    }
}

fn quote_speaker(harness: &Harness<'static, App>, words: &str) -> Option<String> {
    let docs = harness.state().documents();
    let doc = docs.iter().find(|d| d.id == "bush")?;
    let q = doc
        .annotations
        .quotes
        .iter()
        .find(|q| q.content.text(&doc.text) == words)?;
    let e = doc.annotations.entity(q.speaker_entity?)?;
    Some(e.canonical_name.clone())
}

fn weak_relation_shown(harness: &Harness<'static, App>) -> bool {
    harness.state().documents()[0]
        .annotations
        .relations
        .iter()
        .any(|r| r.relation_type == RelationType::Met && r.kind == RelationKind::Asserted)
}

fn same_node(harness: &Harness<'static, App>, a: &str, b: &str) -> bool {
    let graph = &harness.state().corpus().graph;
    graph.node_index(a).is_some() && graph.node_index(a) == graph.node_index(b)
}

fn press(harness: &mut Harness<'static, App>, key: Key) {
    harness.key_press(key);
    harness.run_steps(3);
}

#[test]
fn the_triage_keys_set_a_speaker_add_a_person_merge_and_reject_a_relation() {
    let mut harness = harness(project());
    assert!(weak_relation_shown(&harness));
    assert_eq!(quote_speaker(&harness, "Nobody else knows."), None);
    assert_eq!(harness.state().corpus().graph.suggestions.len(), 2);

    // Ctrl+T: two quotes, two merge suggestions, one weak relation.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run_steps(4);
    harness.get_by_label("Triage queue");
    harness.get_by_label("1 of 5");
    harness.get_by_label("In the queue: no named speaker.");

    // Fix a quote's speaker: S, then 1 (the nearest person, Bush).
    press(&mut harness, Key::S);
    harness.get_by_label("1 Bush (PERSON)");
    press(&mut harness, Key::Num1);
    assert_eq!(
        quote_speaker(&harness, "Nobody else knows.").as_deref(),
        Some("Bush")
    );
    harness.get_by_label("2 of 5");

    // Add a missing person: M makes "Ahmed Rashid" a person and the quote's speaker.
    press(&mut harness, Key::M);
    assert_eq!(
        quote_speaker(&harness, "The talks will resume.").as_deref(),
        Some(MISSING)
    );
    let rashid = harness.state().documents()[2]
        .annotations
        .entities
        .iter()
        .find(|e| e.canonical_name == MISSING)
        .map(|e| e.entity_type);
    assert_eq!(rashid, Some(EntityType::Person));
    harness.get_by_label("3 of 5");

    // Merge two entities: A accepts the suggestion shown.
    harness.get_by_label("Merge suggestion");
    let before = harness.state().corpus().graph.nodes.len();
    press(&mut harness, Key::A);
    assert_eq!(harness.state().corpus().graph.nodes.len(), before - 1);
    assert!(
        same_node(&harness, "PER:bush", "PER:george-bush")
            || same_node(&harness, "PER:bush", "PER:jeb-bush")
    );
    harness.get_by_label("4 of 5");

    // Next (skip the other suggestion), then reject the weak relation: R.
    press(&mut harness, Key::N);
    harness.get_by_label("5 of 5");
    harness.get_by_label("In the queue: confidence 0.40.");
    press(&mut harness, Key::R);
    assert!(!weak_relation_shown(&harness));
    harness.get_by_label("Decided: rejected");

    // Previous goes back; the decided items keep their decisions.
    press(&mut harness, Key::P);
    harness.get_by_label("4 of 5");
    harness.get_by_label("· 4 decided");

    // Undo (Ctrl+Z) brings the rejected relation back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(weak_relation_shown(&harness));
}

/// With rows picked in the entities table (where M merges them), M in the open queue is
/// the queue's: it adds the missing person, and the picked rows stay apart.
#[test]
fn the_triage_keys_win_over_the_entities_table_while_the_queue_is_open() {
    let mut harness = harness(project());
    harness.state_mut().set_tab(Tab::Entities);
    harness.run_steps(2);
    ui_common::entities_row(&harness, "Florida").click();
    harness.run_steps(2);
    ui_common::entities_row(&harness, "Texas").click_modifiers(Modifiers::COMMAND);
    harness.run_steps(2);
    harness.get_by_label("Merge 2 into “Texas”");
    let nodes = harness.state().corpus().graph.nodes.len();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run_steps(4);
    harness.get_by_label("1 of 5");
    press(&mut harness, Key::N);
    harness.get_by_label("2 of 5");
    press(&mut harness, Key::M);
    assert_eq!(
        quote_speaker(&harness, "The talks will resume.").as_deref(),
        Some(MISSING)
    );
    harness.get_by_label("3 of 5");
    let app = harness.state();
    assert!(app.project().curation.entities.merges.is_empty());
    assert!(!same_node(&harness, "LOC:florida", "LOC:texas"));
    // One node more: the person added, nothing merged.
    assert_eq!(harness.state().corpus().graph.nodes.len(), nodes + 1);
    // The rows are still picked: with the queue closed, M merges them.
    press(&mut harness, Key::Escape);
    assert!(harness.query_by_label("Triage queue").is_none());
    harness.get_by_label("Merge 2 into “Texas”");
}

/// The network's tag filter shows only the tagged relation's edge and its two ends.
#[test]
fn the_network_tag_filter_shows_only_tagged_relations_and_entities() {
    let mut project = project();
    let doc = &project.documents[0];
    let key = doc
        .annotations
        .relations
        .iter()
        .find(|r| r.kind == RelationKind::Asserted)
        .and_then(|r| relation_key(&doc.annotations, r))
        .unwrap();
    let stored = ItemKey::Relation(&doc.id, key).stored();
    project.curation.notes_and_tags.insert(
        stored,
        ItemNote {
            note: "check the date".to_owned(),
            tags: parse_tags("summit"),
        },
    );
    let mut harness = harness(project);
    ui_common::show_network(&mut harness);
    let (all_nodes, all_edges, _) = harness.state().graph_view().last_counts;
    assert!(all_nodes > 2 && all_edges > 1, "{all_nodes} {all_edges}");
    harness.get_by_label("Tag:");

    harness.state_mut().graph_view_mut().settings.tag = "Summit".to_owned();
    harness.run_steps(3);
    let (nodes, edges, _) = harness.state().graph_view().last_counts;
    assert_eq!((nodes, edges), (2, 1));

    harness.state_mut().graph_view_mut().settings.tag = String::new();
    harness.run_steps(3);
    assert_eq!(harness.state().graph_view().last_counts.0, all_nodes);
}

/// The triage queue ends with the edits that match nothing: A re-anchors one to the nearby
/// span that matches it, R removes one (an article no longer in the project), undo restores.
#[test]
fn the_triage_queue_walks_to_unmatched_edits_re_anchors_and_removes_them() {
    use quarry::project::edits::{DocumentEdits, MentionEdit};
    let mut project = project();
    let text = project.documents[0].text.clone();
    let start = text.find("Texas").unwrap();
    let texas = Span::new(start, start + "Texas".len());
    // Made where "Texas" stood before the text moved by two bytes.
    let old = Span::new(texas.start + 2, texas.end + 2);
    let mut edits = DocumentEdits::default();
    edits.mentions.insert(
        old,
        MentionEdit::Delete {
            text: "Texas".to_owned(),
        },
    );
    project
        .curation
        .edits
        .insert("george".to_owned(), edits.clone());
    project.curation.edits.insert("gone".to_owned(), edits);
    let mut harness = harness(project);
    assert_eq!(harness.state().edit_report().unmatched_mentions, 2);

    // Five items as before, then the two unmatched edits.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run_steps(4);
    harness.get_by_label("1 of 7");
    for _ in 0..5 {
        press(&mut harness, Key::N);
    }
    harness.get_by_label("6 of 7");
    harness.get_by_label("Unmatched edit");
    harness.get_by_label("Delete mention “Texas”");
    harness.get_by_label(&format!(
        "Can move to bytes {}–{} “Texas”.",
        texas.start, texas.end
    ));

    // A re-anchors it: the first "Texas" is deleted now, the second stays.
    press(&mut harness, Key::A);
    let george = &harness.state().project().curation.edits["george"];
    assert_eq!(george.mentions.keys().copied().collect::<Vec<_>>(), [texas]);
    let shown = &harness.state().documents()[0].annotations;
    assert!(shown.mentions.iter().all(|m| m.span != texas));
    assert!(shown.mentions.iter().any(|m| m.span.text(&text) == "Texas"));
    harness.get_by_label("7 of 7");

    // The edit of an article not in the project cannot move: A does nothing, R removes it.
    harness.get_by_label("Why: the article is not in the project.");
    harness.get_by_label("No nearby span matches it.");
    press(&mut harness, Key::A);
    assert!(
        harness
            .state()
            .project()
            .curation
            .edits
            .contains_key("gone")
    );
    assert!(harness.query_by_label("Decided: removed").is_none());
    press(&mut harness, Key::R);
    assert!(
        !harness
            .state()
            .project()
            .curation
            .edits
            .contains_key("gone")
    );
    assert!(harness.state().edit_report().all_matched());
    harness.get_by_label("Decided: removed");
    press(&mut harness, Key::P);
    harness.get_by_label("Decided: re-anchored");

    // Undo (Ctrl+Z) brings the removed edit back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .project()
            .curation
            .edits
            .contains_key("gone")
    );
    assert_eq!(harness.state().edit_report().unmatched_mentions, 1);
}
