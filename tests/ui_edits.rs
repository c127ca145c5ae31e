//! UI tests of the researcher's edits of single quotes and mentions, and of the merge
//! window's search, on the real workbench driven headless by `egui_kittest` through its
//! accessibility tree (hand-annotated documents from `ui_common`). Run with `DISPLAY` unset.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.
#![cfg(feature = "ui-tests")]

use crate::ui_common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::command::Command;
use quarry::app::selection::{Item, Origin};
use quarry::app::state::Tab;
use quarry::model::{Document, EntityType, MentionId};
use quarry::project::Project;
use quarry::project::edits::{MentionEdit, QuoteEdit};
use ui_common::{Name, harness};

fn peace_project() -> Project {
    Project {
        name: "peace".to_owned(),
        documents: vec![ui_common::peace_document(), ui_common::second_document()],
        ..Project::default()
    }
}

fn person<'a>(canonical: &'a str, forms: &'a [&'a str]) -> Name<'a> {
    Name {
        canonical,
        entity_type: EntityType::Person,
        forms,
    }
}

/// Three articles: George Bush, Jeb Bush, and one naming only "Bush" (two suggestions).
fn bush_project() -> Project {
    let place = |canonical: &'static str| Name {
        canonical,
        entity_type: EntityType::Loc,
        forms: Box::leak(Box::new([canonical])),
    };
    let documents: Vec<Document> = vec![
        ui_common::annotate(
            "george",
            "George Bush in Texas",
            "George Bush spoke in Texas on Monday.",
            &[person("George Bush", &["George Bush"]), place("Texas")],
            &[],
        ),
        ui_common::annotate(
            "jeb",
            "Jeb Bush in Florida",
            "Jeb Bush spoke in Florida on Tuesday.",
            &[person("Jeb Bush", &["Jeb Bush"]), place("Florida")],
            &[],
        ),
        ui_common::annotate(
            "bush",
            "Bush in Texas",
            "Bush met reporters in Texas. Bush said “Taxes will fall.”",
            &[person("Bush", &["Bush"]), place("Texas")],
            &[],
        ),
    ];
    Project {
        documents,
        ..Project::default()
    }
}

fn search_field<'h>(harness: &'h Harness<'static, App>) -> egui_kittest::Node<'h> {
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search suggestions:")
}

#[test]
fn typing_in_the_merge_search_narrows_the_suggestions() {
    let mut harness = harness(bush_project());
    harness.state_mut().push_command(Command::ToggleMergePanel);
    harness.run_steps(4);
    harness.get_by_label("2 suggestions, 2 shown");
    harness.get_by_label("“Bush” into “George Bush”");
    harness.get_by_label("“Bush” into “Jeb Bush”");

    search_field(&harness).click();
    search_field(&harness).type_text("JEB");
    harness.run_steps(3);
    harness.get_by_label("2 suggestions, 1 shown");
    harness.get_by_label("“Bush” into “Jeb Bush”");
    assert!(
        harness
            .query_by_label("“Bush” into “George Bush”")
            .is_none()
    );

    // Accept works on the narrowed list.
    harness.get_by_label("Accept").click();
    harness.run_steps(3);
    let graph = &harness.state().corpus().graph;
    assert_eq!(
        graph.node_index("PER:bush"),
        graph.node_index("PER:jeb-bush")
    );

    search_field(&harness).click();
    search_field(&harness).type_text("nobody");
    harness.run_steps(3);
    harness.get_by_label("0 suggestions, 0 shown");
}

#[test]
fn deleting_a_quote_from_the_quotes_table_and_undo_brings_it_back() {
    let mut harness = harness(peace_project());
    let quotes = harness.state().corpus().quotes.len();
    let extracted = harness.state().project().documents[1]
        .annotations
        .quotes
        .len();
    let row = harness
        .state()
        .corpus()
        .quotes
        .iter()
        .find(|r| r.document == 1)
        .expect("a quote in the second article")
        .clone();
    harness.state_mut().set_tab(Tab::Quotes);
    harness.run_steps(2);
    harness.get_by_label(&format!("{quotes} of {quotes} quotes"));

    harness.get_by_label(&row.text).click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Delete quote").click();
    harness.run_steps(3);

    let app = harness.state();
    assert_eq!(app.corpus().quotes.len(), quotes - 1);
    assert!(app.corpus().quotes.iter().all(|r| r.text != row.text));
    assert!(app.is_dirty());
    // The extraction is kept as it was; the deletion is curation.
    assert_eq!(
        app.project().documents[1].annotations.quotes.len(),
        extracted
    );
    assert_eq!(app.documents()[1].annotations.quotes.len(), extracted - 1);
    let edits = &app.project().curation.edits["second"];
    assert!(matches!(
        edits.quotes.values().next(),
        Some(QuoteEdit::Delete { .. })
    ));
    let left = quotes - 1;
    harness.get_by_label(&format!("{left} of {left} quotes"));
    assert!(harness.query_by_label(&row.text).is_none());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().corpus().quotes.len(), quotes);
    assert!(harness.state().project().curation.edits.is_empty());
    harness.get_by_label(&row.text);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    assert_eq!(harness.state().corpus().quotes.len(), quotes - 1);
}

#[test]
fn setting_a_speaker_from_the_reading_view_shows_in_the_quotes_table() {
    let mut harness = harness(peace_project());
    // "Pakistan wants peace in Afghanistan." is attributed to Qureshi.
    let row = |h: &Harness<'static, App>| {
        h.state()
            .corpus()
            .quotes
            .iter()
            .find(|r| r.document == 1 && r.text.starts_with("Pakistan wants peace"))
            .expect("the quote")
            .clone()
    };
    assert_eq!(row(&harness).speaker, "Shah Mehmood Qureshi");
    let austin_cells = |h: &Harness<'static, App>| h.query_all_by_label("Lloyd Austin").count();
    harness.state_mut().set_tab(Tab::Quotes);
    harness.run_steps(2);
    let austin_before = austin_cells(&harness);
    let quote = row(&harness).quote;
    harness.state_mut().push_command(Command::Select(
        Some(Item::Quote { document: 1, quote }),
        Origin::Quotes,
    ));
    harness.run_steps(3);

    harness.get_by_label("Set speaker…").click();
    harness.run_steps(3);
    harness.get_by_label("Find speaker:").click();
    harness.get_by_label("Find speaker:").type_text("aust");
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label("Shah Mehmood Qureshi (PERSON)")
            .is_none()
    );
    harness.get_by_label("Lloyd Austin (PERSON)").click();
    harness.run_steps(3);

    let now = row(&harness);
    assert_eq!(now.speaker, "Lloyd Austin");
    assert!((now.confidence - 1.0).abs() < f32::EPSILON);
    assert_eq!(now.rule, "researcher");
    let austin = harness
        .state()
        .corpus()
        .graph
        .node_index("PER:lloyd-austin");
    assert_eq!(now.speaker_node, austin);
    // The table row shows the new speaker and the confidence the researcher gave.
    harness.get_by_label("1.00");
    assert_eq!(austin_cells(&harness), austin_before + 1);
    // The quote stays selected.
    assert_eq!(
        harness.state().selection().item,
        Some(Item::Quote {
            document: 1,
            quote: now.quote
        })
    );

    // Confirming it afterwards keeps the speaker the researcher chose (and changes nothing).
    let edits = harness.state().project().curation.clone();
    harness.get_by_label("Confirm attribution").click();
    harness.run_steps(3);
    assert_eq!(row(&harness).speaker, "Lloyd Austin");
    assert_eq!(harness.state().project().curation, edits);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(row(&harness).speaker, "Shah Mehmood Qureshi");
}

#[test]
fn changing_a_mentions_type_in_the_reading_view_moves_it_to_another_entity() {
    let mut harness = harness(peace_project());
    // "Washington" (a place) in the second article, said to be an organisation.
    let doc = &harness.state().documents()[1];
    let (index, mention) = doc
        .annotations
        .mentions
        .iter()
        .enumerate()
        .find(|(_, m)| m.span.text(&doc.text) == "Washington")
        .expect("Washington is mentioned");
    let span = mention.span;
    assert!(
        harness
            .state()
            .corpus()
            .graph
            .node_index("LOC:washington")
            .is_some()
    );
    harness.state_mut().set_tab(Tab::Quotes);
    harness.state_mut().push_command(Command::Select(
        Some(Item::Mention {
            document: 1,
            mention: MentionId::from_index(index),
        }),
        Origin::Other,
    ));
    harness.run_steps(3);
    harness.get_by_label("Change type…").click();
    harness.run_steps(3);
    harness.get_by_label("ORG — organisation").click();
    harness.run_steps(3);

    let app = harness.state();
    let shown = &app.documents()[1].annotations;
    let m = shown
        .mentions
        .iter()
        .find(|m| m.span == span)
        .expect("still there");
    assert_eq!(m.entity_type, EntityType::Org);
    assert_eq!(
        shown
            .entity(m.entity.expect("an entity"))
            .unwrap()
            .entity_type,
        EntityType::Org
    );
    let graph = &app.corpus().graph;
    assert!(graph.node_index("LOC:washington").is_none());
    assert!(graph.node_index("ORG:washington").is_some());
    assert!(matches!(
        app.project().curation.edits["second"].mentions.get(&span),
        Some(MentionEdit::Retype {
            entity_type: EntityType::Org,
            ..
        })
    ));
    harness.get_by_label("Mention “Washington” · ORG · 1.00 (researcher)");

    // Delete it from the same bar: the entity goes with its only mention.
    harness.get_by_label("Delete mention").click();
    harness.run_steps(3);
    let app = harness.state();
    assert!(app.corpus().graph.node_index("ORG:washington").is_none());
    assert!(
        app.documents()[1]
            .annotations
            .mentions
            .iter()
            .all(|m| m.span != span)
    );
    assert_eq!(app.selection().item, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .corpus()
            .graph
            .node_index("ORG:washington")
            .is_some()
    );
}

#[test]
fn an_edit_that_no_longer_matches_is_counted_in_the_status_bar() {
    let mut project = peace_project();
    let quote = project.documents[1].annotations.quotes[0].content;
    let mut edits = quarry::project::edits::DocumentEdits::default();
    // A quote edit at a span where there is no quote, and one for an article not open.
    edits.quotes.insert(
        quarry::model::Span::new(quote.start + 1, quote.end),
        QuoteEdit::Confirm {
            text: String::new(),
        },
    );
    project
        .curation
        .edits
        .insert("second".to_owned(), edits.clone());
    project.curation.edits.insert("gone".to_owned(), edits);
    let harness = harness(project);
    assert_eq!(harness.state().edit_report().unmatched_quotes, 2);
    harness.get_by_label("2 quote edits no longer match");
    // Nothing was changed by them.
    assert_eq!(
        harness.state().documents()[1].annotations,
        harness.state().project().documents[1].annotations
    );
}

#[test]
fn adding_a_missed_mention_makes_an_entity_and_undo_removes_it() {
    let mut harness = harness(peace_project());
    let doc = &harness.state().documents()[0];
    let start = doc
        .text
        .find("Biden administration")
        .expect("in the article");
    let span = quarry::model::Span::new(start, start + "Biden administration".len());
    let before = doc.annotations.mentions.len();
    let has_node = |h: &Harness<'static, App>| {
        h.state()
            .corpus()
            .graph
            .nodes
            .iter()
            .any(|n| n.name == "Biden administration" && n.entity_type == EntityType::Org)
    };
    assert!(!has_node(&harness));
    harness.state_mut().push_command(Command::AddMention {
        document: 0,
        span,
        entity_type: EntityType::Org,
    });
    harness.run_steps(3);
    let shown = &harness.state().documents()[0].annotations;
    assert_eq!(shown.mentions.len(), before + 1);
    let added = shown.mentions.iter().find(|m| m.span == span).unwrap();
    assert_eq!(added.entity_type, EntityType::Org);
    assert!(has_node(&harness));
    // Shown in the entities table.
    harness.get_by_label("Biden administration");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(!has_node(&harness));
    assert_eq!(
        harness.state().documents()[0].annotations.mentions.len(),
        before
    );
}

#[test]
fn an_entity_row_that_is_a_single_mention_can_be_deleted_from_its_context_menu() {
    let mut harness = harness(peace_project());
    let entities = harness.state().corpus().graph.nodes.len();
    assert!(
        harness
            .state()
            .corpus()
            .graph
            .node_index("LOC:washington")
            .is_some()
    );
    harness.get_by_label("Washington").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("Delete mention").click();
    harness.run_steps(3);
    let graph = &harness.state().corpus().graph;
    assert!(graph.node_index("LOC:washington").is_none());
    assert_eq!(graph.nodes.len(), entities - 1);
    assert!(harness.query_by_label("Washington").is_none());

    // An entity with several mentions offers no deletion of them all at once.
    harness
        .get_by_label("Shah Mehmood Qureshi")
        .click_secondary();
    harness.run_steps(3);
    harness.get_by_label("This entity has several mentions: edit them in the text.");
    assert!(harness.query_by_label("Delete mention").is_none());
}

#[test]
fn the_merge_window_lists_every_suggestion_past_two_hundred() {
    // Per surname three articles: two full names and the bare surname (two suggestions).
    let surname = |i: usize| {
        let letters = |n: usize| (b'a' + u8::try_from(n % 26).unwrap()) as char;
        format!("Kor{}{}", letters(i / 26), letters(i))
    };
    let mut documents = Vec::new();
    for i in 0..110 {
        let last = surname(i);
        let alan = format!("Alan {last}");
        let bert = format!("Bert {last}");
        for (id, name) in [("alan", &alan), ("bert", &bert), ("bare", &last)] {
            let text = format!("{name} spoke on Monday.");
            let forms = [name.as_str()];
            documents.push(ui_common::annotate(
                &format!("{id}-{i}"),
                &text,
                &text,
                &[person(name, &forms)],
                &[],
            ));
        }
    }
    let mut harness = harness(Project {
        documents,
        ..Project::default()
    });
    let total = harness.state().corpus().graph.suggestions.len();
    assert_eq!(total, 220);
    harness.state_mut().push_command(Command::ToggleMergePanel);
    harness.run_steps(4);
    harness.get_by_label("220 suggestions, 220 shown");
    let last = surname(109);
    search_field(&harness).click();
    search_field(&harness).type_text(&format!("bert {last}"));
    harness.run_steps(3);
    harness.get_by_label("220 suggestions, 1 shown");
    harness.get_by_label(&format!("“{last}” into “Bert {last}”"));
}

#[test]
fn mention_edits_that_cancel_out_leave_no_edit_but_stay_undoable() {
    let mut harness = harness(peace_project());
    let doc = &harness.state().project().documents[1];
    let start = doc.text.find("Washington").unwrap();
    let washington = quarry::model::Span::new(start, start + "Washington".len());
    let start = doc.text.find("praised").unwrap();
    let praised = quarry::model::Span::new(start, start + "praised".len());
    let run = |harness: &mut Harness<'static, App>, command: Command| {
        harness.state_mut().push_command(command);
        harness.run_steps(2);
    };
    run(
        &mut harness,
        Command::RetypeMention {
            document: 1,
            span: washington,
            entity_type: EntityType::Org,
        },
    );
    assert_eq!(harness.state().project().curation.edits["second"].len(), 1);
    // Back to the extracted type: no edit left.
    run(
        &mut harness,
        Command::RetypeMention {
            document: 1,
            span: washington,
            entity_type: EntityType::Loc,
        },
    );
    assert!(harness.state().project().curation.edits.is_empty());
    // Adding a mention then deleting it forgets the addition.
    run(
        &mut harness,
        Command::AddMention {
            document: 1,
            span: praised,
            entity_type: EntityType::Misc,
        },
    );
    assert!(matches!(
        harness.state().project().curation.edits["second"]
            .mentions
            .get(&praised),
        Some(MentionEdit::Add { .. })
    ));
    run(
        &mut harness,
        Command::DeleteMention {
            document: 1,
            span: praised,
        },
    );
    assert!(harness.state().project().curation.edits.is_empty());
    // Each step is on the undo stack.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(
        harness.state().documents()[1]
            .annotations
            .mentions
            .iter()
            .any(|m| m.span == praised)
    );
}

/// A mention edit made where "Washington" stood, the text around it since moved by three
/// bytes: it matches nothing.
fn project_with_a_moved_edit() -> (Project, quarry::model::Span, quarry::model::Span) {
    use quarry::model::Span;
    let mut project = peace_project();
    let doc = &project.documents[1];
    let start = doc.text.find("Washington").unwrap();
    let washington = Span::new(start, start + "Washington".len());
    let old = Span::new(washington.start + 3, washington.end + 3);
    let mut edits = quarry::project::edits::DocumentEdits::default();
    edits.mentions.insert(
        old,
        MentionEdit::Delete {
            text: "Washington".to_owned(),
        },
    );
    project.curation.edits.insert("second".to_owned(), edits);
    (project, old, washington)
}

#[test]
fn the_unmatched_edits_list_removes_and_re_anchors_an_edit_with_undo() {
    let (project, old, washington) = project_with_a_moved_edit();
    let mut harness = harness(project);
    let mention_shown = |h: &Harness<'static, App>| {
        h.state().documents()[1]
            .annotations
            .mentions
            .iter()
            .any(|m| m.span == washington)
    };
    assert!(mention_shown(&harness));
    assert_eq!(harness.state().edit_report().unmatched_mentions, 1);

    // The status bar's count opens the list: what, where, why, and where it can move.
    harness
        .get_by_label("1 mention edit no longer matches")
        .click();
    harness.run_steps(3);
    harness.get_by_label("Unmatched edits");
    harness.get_by_label("1 unmatched edit, 1 can be re-anchored");
    harness.get_by_label("Delete mention “Washington”");
    harness.get_by_label(&format!(
        "Where: Qureshi meets Austin, bytes {}–{}",
        old.start, old.end
    ));
    let now = old
        .text(&harness.state().project().documents[1].text)
        .to_owned();
    harness.get_by_label(&format!("Why: the text there now reads “{now}”."));
    harness.get_by_label(&format!(
        "Can move to bytes {}–{} “Washington”.",
        washington.start, washington.end
    ));

    // Remove forgets the edit; undo brings it back.
    harness.get_by_label("Remove").click();
    harness.run_steps(3);
    assert!(harness.state().project().curation.edits.is_empty());
    assert!(harness.state().edit_report().all_matched());
    harness.get_by_label("Every edit matches the current extraction.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().edit_report().unmatched_mentions, 1);
    harness.get_by_label("Delete mention “Washington”");

    // Re-anchor moves it to the mention: it deletes it now.
    harness.get_by_label("Re-anchor").click();
    harness.run_steps(3);
    let app = harness.state();
    assert!(app.edit_report().all_matched());
    let edits = &app.project().curation.edits["second"];
    assert_eq!(
        edits.mentions.keys().copied().collect::<Vec<_>>(),
        [washington]
    );
    assert!(!mention_shown(&harness));
    assert!(
        harness
            .state()
            .corpus()
            .graph
            .node_index("LOC:washington")
            .is_none()
    );
    harness.get_by_label("0 unmatched edits, 0 can be re-anchored");

    // Undo puts it back where it was (unmatched), redo re-anchors it again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(mention_shown(&harness));
    assert_eq!(
        harness.state().project().curation.edits["second"]
            .mentions
            .keys()
            .copied()
            .collect::<Vec<_>>(),
        [old]
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    assert!(!mention_shown(&harness));
}

#[test]
fn the_edit_menu_opens_the_unmatched_edits_list() {
    let (project, _, _) = project_with_a_moved_edit();
    let mut harness = harness(project);
    assert!(harness.query_by_label("Unmatched edits").is_none());
    harness.get_by_label("Edit").click();
    harness.run_steps(2);
    harness.get_by_label("Unmatched edits…").click();
    harness.run_steps(3);
    harness.get_by_label("1 unmatched edit, 1 can be re-anchored");
}
