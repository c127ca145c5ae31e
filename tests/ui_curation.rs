//! UI tests of entity curation and of the confidence filters, on the real workbench driven
//! headless by `egui_kittest` (hand-annotated documents from `ui_common`, so the pipeline's
//! output does not matter). Run with `DISPLAY` unset.

#![cfg(feature = "ui-tests")]

use crate::ui_common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::command::Command;
use quarry::app::selection::{Item, Origin};
use quarry::app::state::Tab;
use quarry::model::{Document, EntityType, RelationKind, Span};
use quarry::project::Project;
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

/// Three articles: George Bush, Jeb Bush, and one naming only "Bush" (who could be either).
fn bush_project() -> Project {
    let documents: Vec<Document> = vec![
        ui_common::annotate(
            "george",
            "George Bush in Texas",
            "George Bush spoke in Texas on Monday.",
            &[
                person("George Bush", &["George Bush"]),
                place("Texas", &["Texas"]),
            ],
            &[],
        ),
        ui_common::annotate(
            "jeb",
            "Jeb Bush in Florida",
            "Jeb Bush spoke in Florida on Tuesday.",
            &[
                person("Jeb Bush", &["Jeb Bush"]),
                place("Florida", &["Florida"]),
            ],
            &[],
        ),
        ui_common::annotate(
            "bush",
            "Bush in Texas",
            "Bush met reporters in Texas. Bush said “Taxes will fall.”",
            &[person("Bush", &["Bush"]), place("Texas", &["Texas"])],
            &[],
        ),
    ];
    Project {
        name: "bush".to_owned(),
        documents,
        ..Project::default()
    }
}

fn node_count(harness: &Harness<'static, App>) -> usize {
    harness.state().corpus().graph.nodes.len()
}

fn same_node(harness: &Harness<'static, App>, a: &str, b: &str) -> bool {
    let graph = &harness.state().corpus().graph;
    graph.node_index(a).is_some() && graph.node_index(a) == graph.node_index(b)
}

#[test]
fn accepting_a_merge_suggestion_joins_two_nodes_and_undo_splits_them() {
    let mut harness = harness(bush_project());
    assert_eq!(node_count(&harness), 5, "George, Jeb, Bush, Texas, Florida");
    assert_eq!(harness.state().corpus().graph.suggestions.len(), 2);
    assert!(!same_node(&harness, "PER:bush", "PER:george-bush"));

    harness.get_by_label("Merges (2 suggested)…").click();
    // A window appears one frame after its first (invisible, sizing) frame.
    harness.run_steps(4);
    harness.get_by_label("Entity merges");
    // The best suggestion comes first: "Bush" into "George Bush" (seen in as many
    // articles as Jeb, and first by key).
    harness.get_by_label("“Bush” into “George Bush”");
    harness
        .get_all_by_label("Accept")
        .next()
        .expect("an Accept button")
        .click();
    harness.run_steps(3);

    assert_eq!(node_count(&harness), 4);
    assert!(same_node(&harness, "PER:bush", "PER:george-bush"));
    let app = harness.state();
    let george = app.corpus().graph.node_index("PER:george-bush").unwrap();
    let node = &app.corpus().graph.nodes[george];
    assert_eq!((node.mentions, node.documents), (3, 2));
    assert_eq!(node.merged, ["PER:bush"]);
    // The other suggestion about "Bush" is settled by the merge.
    assert!(app.corpus().graph.suggestions.is_empty());
    assert!(app.is_dirty());
    // The quote by "Bush" now counts under George Bush.
    assert_eq!(app.corpus().quotes[0].speaker, "George Bush");
    assert_eq!(app.corpus().quotes[0].speaker_node, Some(george));
    harness.get_by_label("“Bush” into “George Bush”");
    harness.get_by_label("Merged and split by you (1)");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 5);
    assert!(!same_node(&harness, "PER:bush", "PER:george-bush"));
    assert_eq!(harness.state().corpus().graph.suggestions.len(), 2);
    assert_eq!(harness.state().corpus().quotes[0].speaker, "Bush");

    // Redo merges again; Split on the "merged by you" list takes it apart.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 4);
    harness.get_by_label("Split").click();
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 5);
    assert!(
        harness
            .state()
            .project()
            .curation
            .entities
            .merges
            .is_empty()
    );
}

#[test]
fn rejecting_a_suggestion_hides_it_and_keeps_the_nodes_apart() {
    let mut harness = harness(bush_project());
    harness.state_mut().push_command(Command::ToggleMergePanel);
    harness.run_steps(4);
    harness
        .get_all_by_label("Reject")
        .next()
        .expect("a Reject button")
        .click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.corpus().graph.nodes.len(), 5);
    let left: Vec<(&str, &str)> = app
        .corpus()
        .graph
        .suggestions
        .iter()
        .map(|s| (s.a.as_str(), s.b.as_str()))
        .collect();
    assert_eq!(left, [("PER:bush", "PER:jeb-bush")]);
    assert!(
        app.project()
            .curation
            .entities
            .is_rejected("PER:george-bush", "PER:bush")
    );
    harness.get_by_label("Merges (1 suggested)…");
}

#[test]
fn two_selected_entities_can_be_merged_by_hand() {
    let mut harness = harness(bush_project());
    let select = |harness: &mut Harness<'static, App>, key: &str| {
        harness.state_mut().push_command(Command::Select(
            Some(Item::Entity(key.to_owned())),
            Origin::Entities,
        ));
        harness.run_steps(2);
    };
    harness.state_mut().push_command(Command::ToggleMergePanel);
    harness.run_steps(2);
    select(&mut harness, "LOC:florida");
    harness.get_by_label("Mark “Florida”").click();
    harness.run_steps(2);
    select(&mut harness, "LOC:texas");
    harness.get_by_label("Merge “Florida” into “Texas”").click();
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 4);
    assert!(same_node(&harness, "LOC:florida", "LOC:texas"));
    let app = harness.state();
    let texas = app.corpus().graph.node_index("LOC:texas").unwrap();
    assert_eq!(app.corpus().graph.nodes[texas].documents, 3);
}

#[test]
fn the_low_confidence_filter_lists_only_weak_quotes_and_relations() {
    let mut peace = ui_common::peace_document();
    let mut second = ui_common::second_document();
    // One weak quote and one weak asserted relation; the rest keep the annotator's 0.8 / 0.7.
    peace.annotations.quotes[1].provenance.confidence = 0.35;
    let weak = second
        .annotations
        .relations
        .iter()
        .position(|r| r.kind == RelationKind::Asserted)
        .expect("an asserted relation");
    second.annotations.relations[weak].provenance.confidence = 0.5;
    let project = Project {
        documents: vec![peace, second],
        ..Project::default()
    };
    let mut harness = harness(project);
    let quotes = harness.state().corpus().quotes.len();
    assert!(quotes > 2);

    harness.state_mut().set_tab(Tab::Quotes);
    harness.run_steps(2);
    harness.get_by_label(&format!("{quotes} of {quotes} quotes"));
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "low confidence only")
        .click();
    harness.run_steps(3);
    harness.get_by_label(&format!("1 of {quotes} quotes"));
    harness.get_by_label("0.35");
    assert!(harness.query_by_label("0.80").is_none());

    let asserted = harness
        .state()
        .corpus()
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Asserted)
        .count();
    let relations = harness.state().corpus().relations.len();
    harness.state_mut().set_tab(Tab::Relations);
    harness.run_steps(2);
    harness.get_by_label(&format!("{asserted} of {relations} relations"));
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "low confidence only")
        .click();
    harness.run_steps(3);
    harness.get_by_label(&format!("1 of {relations} relations"));
    harness.get_by_label("0.50");
    assert!(harness.query_by_label("0.70").is_none());
}

#[test]
fn quotes_are_counted_under_the_speakers_resolved_name() {
    // "he" is the speaker span; the pipeline linked it to Lloyd Austin's entity.
    let text = "Lloyd Austin met Qureshi in Washington. “We stand with Pakistan,” he said.";
    let mut doc = ui_common::annotate(
        "austin",
        "Austin and Qureshi",
        text,
        &[
            person("Lloyd Austin", &["Lloyd Austin"]),
            person("Shah Mehmood Qureshi", &["Qureshi"]),
            place("Washington", &["Washington"]),
        ],
        &[],
    );
    let he = text.find("he said").expect("he");
    let quote = &mut doc.annotations.quotes[0];
    quote.speaker = Some(Span::new(he, he + 2));
    quote.speaker_mention = None;
    quote.speaker_entity = Some(quarry::model::EntityId(0));
    let project = Project {
        documents: vec![doc, ui_common::second_document()],
        ..Project::default()
    };
    let mut harness = harness(project);
    let app = harness.state();
    let row = &app.corpus().quotes[0];
    assert_eq!(row.speaker, "Lloyd Austin");
    let austin = app.corpus().graph.node_index("PER:lloyd-austin");
    assert!(austin.is_some());
    assert_eq!(row.speaker_node, austin);
    // "Qureshi" in the first article and "Shah Mehmood Qureshi" in the second are one node.
    let qureshi = app
        .corpus()
        .graph
        .node_index("PER:shah-mehmood-qureshi")
        .expect("Qureshi");
    assert_eq!(app.corpus().graph.nodes[qureshi].documents, 2);

    // Selecting the quote selects its speaker's node.
    harness.state_mut().set_tab(Tab::Quotes);
    harness.run_steps(2);
    harness.get_by_label("We stand with Pakistan,").click();
    harness.run_steps(3);
    assert_eq!(harness.state().selected_node(), austin);
}

#[test]
fn a_name_can_be_split_off_an_automatic_merge_and_rejoined() {
    let documents = vec![
        ui_common::annotate(
            "deputy",
            "Deputy Secretary travels",
            "Antony Blinken will travel to Baghdad on Monday.",
            &[
                person("Antony Blinken", &["Antony Blinken"]),
                place("Baghdad", &["Baghdad"]),
            ],
            &[],
        ),
        ui_common::annotate(
            "meeting",
            "Meeting in Baghdad",
            "Blinken met officials in Baghdad.",
            &[
                person("Blinken", &["Blinken"]),
                place("Baghdad", &["Baghdad"]),
            ],
            &[],
        ),
    ];
    let mut harness = harness(Project {
        documents,
        ..Project::default()
    });
    assert_eq!(node_count(&harness), 2, "Blinken joined Antony Blinken");
    harness.state_mut().push_command(Command::Select(
        Some(Item::Entity("PER:antony-blinken".to_owned())),
        Origin::Entities,
    ));
    harness.state_mut().push_command(Command::ToggleMergePanel);
    harness.run_steps(4);
    harness.get_by_label("Split “Antony Blinken”");
    harness.get_by_label("Split off “Blinken”").click();
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 3);
    assert!(!same_node(
        &harness,
        "PER:antony-blinken",
        "PER:antony-blinken/blinken"
    ));
    harness.get_by_label("Merged and split by you (1)");

    harness.get_by_label("Rejoin").click();
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 3, "undo takes the rejoin back");
}

#[test]
fn the_quotes_table_sorts_by_confidence_and_a_click_selects_the_quote() {
    let mut peace = ui_common::peace_document();
    peace.annotations.quotes[1].provenance.confidence = 0.35;
    peace.annotations.quotes[0].provenance.confidence = 0.95;
    let project = Project {
        documents: vec![peace, ui_common::second_document()],
        ..Project::default()
    };
    let mut harness = harness(project);
    harness.state_mut().set_tab(Tab::Quotes);
    harness.run_steps(2);
    let y = |harness: &Harness<'static, App>, label: &str| harness.get_by_label(label).rect().top();

    harness.get_by_label("Confidence").click();
    harness.run_steps(2);
    assert!(y(&harness, "0.35") < y(&harness, "0.95"), "ascending");
    harness.get_by_label("Confidence").click();
    harness.run_steps(2);
    assert!(y(&harness, "0.95") < y(&harness, "0.35"), "descending");

    harness.get_by_label("0.35").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().selection().item,
        Some(Item::Quote {
            document: 0,
            quote: quarry::model::QuoteId(1)
        })
    );
}

#[test]
fn two_rows_picked_with_ctrl_click_merge_with_one_key_under_the_name_shown() {
    let mut harness = harness(bush_project());
    harness.state_mut().set_tab(Tab::Entities);
    harness.run_steps(2);
    // Three actions: click Florida, Ctrl+click Texas, press M.
    ui_common::entities_row(&harness, "Florida").click();
    harness.run_steps(2);
    ui_common::entities_row(&harness, "Texas").click_modifiers(Modifiers::COMMAND);
    harness.run_steps(2);
    // Texas (two mentions) survives, and says so before anything is merged.
    harness.get_by_label("Merge 2 into “Texas”");
    assert_eq!(node_count(&harness), 5);
    harness.key_press(Key::M);
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 4);
    assert!(same_node(&harness, "LOC:florida", "LOC:texas"));
    let app = harness.state();
    assert_eq!(
        app.project().curation.entities.merges["LOC:florida"],
        "LOC:texas"
    );
    let texas = app.corpus().graph.node_index("LOC:texas").unwrap();
    assert_eq!(app.corpus().graph.nodes[texas].name, "Texas");
    assert!(harness.query_by_label("Merge 2 into “Texas”").is_none());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 5);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    assert!(same_node(&harness, "LOC:florida", "LOC:texas"));
}

#[test]
fn three_picked_rows_merge_into_the_one_whose_menu_is_used() {
    let mut harness = harness(bush_project());
    harness.state_mut().set_tab(Tab::Entities);
    harness.run_steps(2);
    ui_common::entities_row(&harness, "George Bush").click();
    harness.run_steps(2);
    ui_common::entities_row(&harness, "Jeb Bush").click_modifiers(Modifiers::COMMAND);
    harness.run_steps(2);
    ui_common::entities_row(&harness, "Bush").click_modifiers(Modifiers::COMMAND);
    harness.run_steps(2);
    harness.get_by_label_contains("Merge 3 into");
    ui_common::entities_row(&harness, "Jeb Bush").click_secondary();
    harness.run_steps(3);
    harness
        .get_by_label("Merge the 3 picked into “Jeb Bush”")
        .click();
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 3);
    assert!(same_node(&harness, "PER:george-bush", "PER:jeb-bush"));
    assert!(same_node(&harness, "PER:bush", "PER:jeb-bush"));
    let graph = &harness.state().corpus().graph;
    assert_eq!(
        graph.nodes[graph.node_index("PER:bush").unwrap()].key,
        "PER:jeb-bush"
    );
    // One undo step takes the whole merge back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 5);
}

#[test]
fn renaming_an_entity_shows_the_new_name_and_undo_restores_the_old() {
    let mut harness = harness(bush_project());
    harness.state_mut().set_tab(Tab::Entities);
    harness.run_steps(2);
    ui_common::entities_row(&harness, "Jeb Bush").click();
    harness.run_steps(2);
    harness.key_press(Key::F2);
    harness.run_steps(4);
    harness.get_by_label("Rename entity");
    // The field has the focus and the old name: replace it and press Enter.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "New name:")
        .type_text("John Ellis Bush");
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    let app = harness.state();
    let graph = &app.corpus().graph;
    let jeb = graph.node_index("PER:jeb-bush").expect("the key stays");
    assert_eq!(graph.nodes[jeb].name, "John Ellis Bush");
    assert!(graph.nodes[jeb].aliases.contains(&"Jeb Bush".to_owned()));
    assert_eq!(
        app.project().curation.entities.renames["PER:jeb-bush"],
        "John Ellis Bush"
    );
    assert!(harness.query_by_label("Rename entity").is_none());
    ui_common::entities_row(&harness, "John Ellis Bush");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let graph = &harness.state().corpus().graph;
    assert_eq!(
        graph.nodes[graph.node_index("PER:jeb-bush").unwrap()].name,
        "Jeb Bush"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    let graph = &harness.state().corpus().graph;
    assert_eq!(
        graph.nodes[graph.node_index("PER:jeb-bush").unwrap()].name,
        "John Ellis Bush"
    );
    // From the row menu, back to the extracted name.
    ui_common::entities_row(&harness, "John Ellis Bush").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Rename… (F2)").click();
    harness.run_steps(4);
    harness.get_by_label("Back to the extracted name").click();
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .project()
            .curation
            .entities
            .renames
            .is_empty()
    );
}

#[test]
fn a_mention_moved_from_the_reading_view_joins_the_other_entity() {
    let mut harness = harness(bush_project());
    let doc = &harness.state().documents()[2];
    let second = doc
        .annotations
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.span.text(&doc.text) == "Bush")
        .nth(1)
        .map(|(i, m)| (i, m.span))
        .expect("Bush twice");
    let node = |harness: &Harness<'static, App>, key: &str| {
        let graph = &harness.state().corpus().graph;
        let n = &graph.nodes[graph.node_index(key).unwrap()];
        (n.mentions, n.documents)
    };
    assert_eq!(node(&harness, "PER:bush"), (2, 1));
    harness.state_mut().push_command(Command::Select(
        Some(Item::Mention {
            document: 2,
            mention: quarry::model::MentionId::from_index(second.0),
        }),
        Origin::Other,
    ));
    harness.run_steps(3);
    harness.get_by_label("Move to entity or split off…").click();
    harness.run_steps(4);
    harness.get_by_label("Mentions of “Bush”");
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Move to:")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Move to:")
        .type_text("jeb");
    harness.run_steps(2);
    harness.get_by_label("Move 1 mention to “Jeb Bush”").click();
    harness.run_steps(3);
    assert_eq!(node(&harness, "PER:bush"), (1, 1));
    assert_eq!(node(&harness, "PER:jeb-bush"), (2, 2));
    let app = harness.state();
    assert!(matches!(
        app.project().curation.edits["bush"].entities.get(&second.1),
        Some(quarry::project::edits::EntityEdit::Move { key, .. }) if key == "PER:jeb-bush"
    ));
    // The mention's entity in the article is now Jeb Bush's node.
    let shown = &app.documents()[2].annotations;
    let m = shown.mentions.iter().find(|m| m.span == second.1).unwrap();
    let jeb = app.corpus().graph.node_index("PER:jeb-bush");
    assert_eq!(app.corpus().graph.node_of(2, m.entity.unwrap()), jeb);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(node(&harness, "PER:bush"), (2, 1));
    assert_eq!(node(&harness, "PER:jeb-bush"), (1, 1));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    assert_eq!(node(&harness, "PER:jeb-bush"), (2, 2));
}

#[test]
fn ticked_mentions_split_off_into_a_new_entity_from_the_entities_table() {
    let documents = vec![
        ui_common::annotate(
            "deputy",
            "Deputy Secretary travels",
            "Antony Blinken will travel to Baghdad on Monday.",
            &[
                person("Antony Blinken", &["Antony Blinken"]),
                place("Baghdad", &["Baghdad"]),
            ],
            &[],
        ),
        ui_common::annotate(
            "meeting",
            "Meeting in Baghdad",
            "Blinken met officials in Baghdad.",
            &[
                person("Blinken", &["Blinken"]),
                place("Baghdad", &["Baghdad"]),
            ],
            &[],
        ),
    ];
    let mut harness = harness(Project {
        documents,
        ..Project::default()
    });
    harness.state_mut().set_tab(Tab::Entities);
    harness.run_steps(2);
    assert_eq!(node_count(&harness), 2);
    ui_common::entities_row(&harness, "Antony Blinken").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Mentions: split off or move…").click();
    harness.run_steps(4);
    harness.get_by_label("Mentions of “Antony Blinken”");
    harness
        .get_by_label_contains("[Blinken] met officials")
        .click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "New entity:")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "New entity:")
        .type_text("Bill Blinken");
    harness.run_steps(2);
    harness.get_by_label("Split off 1 mention").click();
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 3);
    let graph = &harness.state().corpus().graph;
    let bill = &graph.nodes[graph
        .node_index("PER:bill-blinken")
        .expect("the new entity")];
    assert_eq!((bill.name.as_str(), bill.mentions), ("Bill Blinken", 1));
    let antony = &graph.nodes[graph.node_index("PER:antony-blinken").unwrap()];
    assert_eq!(antony.documents, 1);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    assert_eq!(node_count(&harness), 3);
}

#[test]
fn deleting_a_moved_mention_drops_its_move_in_the_same_undo_step() {
    use quarry::project::edits::{DocumentEdits, EntityEdit};
    let mut project = bush_project();
    let doc = &project.documents[2];
    let (index, span) = doc
        .annotations
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.span.text(&doc.text) == "Bush")
        .nth(1)
        .map(|(i, m)| (i, m.span))
        .expect("Bush twice");
    // The second "Bush" was moved to Jeb Bush.
    let mut edits = DocumentEdits::default();
    edits.entities.insert(
        span,
        EntityEdit::Move {
            text: "Bush".to_owned(),
            key: "PER:jeb-bush".to_owned(),
            name: "Jeb Bush".to_owned(),
        },
    );
    project
        .curation
        .edits
        .insert("bush".to_owned(), edits.clone());
    let mut harness = harness(project);
    let jeb_mentions = |harness: &Harness<'static, App>| {
        let graph = &harness.state().corpus().graph;
        graph.nodes[graph.node_index("PER:jeb-bush").unwrap()].mentions
    };
    assert_eq!(jeb_mentions(&harness), 2);
    assert!(harness.state().edit_report().all_matched());

    harness.state_mut().push_command(Command::Select(
        Some(Item::Mention {
            document: 2,
            mention: quarry::model::MentionId::from_index(index),
        }),
        Origin::Other,
    ));
    harness.run_steps(3);
    harness.get_by_label("Delete mention").click();
    harness.run_steps(3);
    let app = harness.state();
    let now = &app.project().curation.edits["bush"];
    assert!(now.mentions.contains_key(&span));
    assert!(now.entities.is_empty(), "the move goes with the mention");
    assert!(app.edit_report().all_matched(), "{:?}", app.edit_report());
    assert!(
        app.documents()[2]
            .annotations
            .mentions
            .iter()
            .all(|m| m.span != span)
    );
    assert_eq!(jeb_mentions(&harness), 1);

    // One undo brings back the mention and its move.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().project().curation.edits["bush"], edits);
    assert_eq!(jeb_mentions(&harness), 2);
    assert!(harness.state().edit_report().all_matched());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    assert!(
        harness.state().project().curation.edits["bush"]
            .entities
            .is_empty()
    );
    assert_eq!(jeb_mentions(&harness), 1);
}
