//! UI tests of the corpus views: the search box and its keyword-in-context results, the
//! actor charts, the paths tab and the network's neighbourhood depth. Documents are
//! hand-annotated (`ui_common`). Run with `DISPLAY` unset.

#![cfg(feature = "ui-tests")]

use crate::ui_common;

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use quarry::app::App;
use quarry::app::command::Command;
use quarry::app::selection::{Item, Origin};
use quarry::app::state::Tab;
use quarry::project::Project;

fn project() -> Project {
    Project {
        name: "peace".to_owned(),
        documents: vec![ui_common::peace_document(), ui_common::second_document()],
        ..Project::default()
    }
}

/// Steps until `done` holds (at most a minute).
fn step_until(harness: &mut Harness<'static, App>, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    harness.step();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the app did not get there in a minute"
        );
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run_steps(2);
}

/// Clicks the text field labelled `label`, selects what it holds and types `text` over it.
fn type_into(harness: &mut Harness<'static, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .click();
    harness.run_steps(1);
    // A click puts the cursor where it lands: select all so that the text replaces it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run_steps(2);
}

/// Types `query` in the search box and presses Enter, then waits for the index and results.
fn search(harness: &mut Harness<'static, App>, query: &str) {
    type_into(harness, "Find:", query);
    harness.key_press(Key::Enter);
    step_until(harness, |app| {
        !app.search().is_indexing()
            && (app.search().result_count().is_some() || app.search().error().is_some())
    });
}

#[test]
fn a_search_result_click_opens_the_article_at_the_match() {
    let mut harness = ui_common::harness(project());
    assert_eq!(harness.state().current_document(), Some(0));
    search(&mut harness, "\"praised Pakistan\"");
    assert_eq!(harness.state().tab(), Tab::Search);
    assert_eq!(harness.state().search().result_count(), Some(1));
    // The line: left context, match, right context, each a cell.
    harness.get_by_label("praised Pakistan").click();
    harness.run_steps(3);

    let app = harness.state();
    let text = &app.documents()[1].text;
    let start = text.find("praised Pakistan").unwrap();
    let span = quarry::model::Span::new(start, start + "praised Pakistan".len());
    assert_eq!(
        app.current_document(),
        Some(1),
        "the matching article is opened"
    );
    assert_eq!(
        app.selection().item,
        Some(Item::Passage { document: 1, span })
    );
    let (document, strong) = app.reading_highlight().unwrap();
    assert_eq!(document, 1);
    assert_eq!(strong, &[span], "the match is highlighted in the text");
}

#[test]
fn an_entity_query_finds_every_alias_and_counts_per_article() {
    let mut harness = ui_common::harness(project());
    search(&mut harness, "entity:\"Lloyd Austin\"");
    let app = harness.state();
    let n = app.search().result_count().unwrap();
    // Every mention of the resolved node, whatever the form, in both articles.
    let forms = ["General Lloyd Austin", "Lloyd Austin", "Austin"];
    let expected: usize = app
        .documents()
        .iter()
        .map(|d| {
            d.annotations
                .mentions
                .iter()
                .filter(|m| forms.contains(&m.span.text(&d.text)))
                .count()
        })
        .sum();
    // "General Lloyd Austin" in the first article, "Lloyd Austin" and "Austin" in the second.
    assert!(
        expected >= 3,
        "the fixture mentions Austin in both articles"
    );
    assert_eq!(n, expected);
    harness.get_by_label("Matches per article (2)");
}

#[test]
fn a_query_syntax_error_is_shown_not_a_panic() {
    let mut harness = ui_common::harness(project());
    search(&mut harness, "Pakistan AND (Austin");
    let error = harness.state().search().error().unwrap().to_owned();
    assert!(!error.is_empty());
    assert!(harness.state().search().result_count().is_none());
    harness.get_by_label(&format!("Query error: {error}"));
    // A correct query typed over it works and clears the error.
    search(&mut harness, "Pakistan AND Austin");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "Find:")
            .value()
            .as_deref(),
        Some("Pakistan AND Austin")
    );
    assert!(harness.state().search().error().is_none());
    assert!(harness.state().search().result_count().unwrap() > 0);
    assert!(
        harness
            .query_by_label(&format!("Query error: {error}"))
            .is_none()
    );
}

#[test]
fn ctrl_f_searches_only_the_article_in_the_reading_view() {
    let mut harness = ui_common::harness(project());
    harness.push_command_for_test(Command::ShowDocument(1));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    assert_eq!(harness.state().tab(), Tab::Search);
    search(&mut harness, "Pakistan");
    let in_article = harness.state().search().result_count().unwrap();
    let second = &harness.state().documents()[1].text;
    assert_eq!(in_article, second.matches("Pakistan").count());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    step_until(&mut harness, |app| {
        app.search().result_count() != Some(in_article)
    });
    let everywhere = harness.state().search().result_count().unwrap();
    let first = &harness.state().documents()[0].text;
    assert!(everywhere > in_article && first.contains("Pakistan"));
}

#[test]
fn an_actor_bar_click_selects_the_entity() {
    let mut harness = ui_common::harness(project());
    harness.state_mut().set_tab(Tab::Actors);
    harness.run_steps(2);
    harness.get_by_label("Top speakers");
    // Qureshi is quoted in both articles: a bar in every chart.
    step_until(&mut harness, |_| true);
    harness
        .get_all_by_label("Shah Mehmood Qureshi")
        .next()
        .unwrap()
        .click();
    harness.run_steps(2);
    let key = match &harness.state().selection().item {
        Some(Item::Entity(key)) => key.clone(),
        other => panic!("selected {other:?}"),
    };
    let node = harness.state().corpus().graph.node_index(&key).unwrap();
    assert_eq!(
        harness.state().corpus().graph.nodes[node].name,
        "Shah Mehmood Qureshi"
    );
}

#[test]
fn the_paths_tab_shows_each_step_with_its_evidence() {
    let mut harness = ui_common::harness(project());
    harness.state_mut().set_tab(Tab::Paths);
    harness.run_steps(2);
    type_into(&mut harness, "From:", "united");
    harness.run_steps(1);
    harness.get_by_label("United States (LOC)").click();
    harness.run_steps(1);
    type_into(&mut harness, "To:", "pakist");
    harness.run_steps(1);
    harness.get_by_label("Pakistan (LOC)").click();
    harness.run_steps(2);
    // United States <-- urged -- Qureshi — met — Austin -- supports --> Pakistan.
    harness.get_by_label("3 steps from United States to Pakistan");
    harness.get_by_label("<-- urged --");
    harness.get_by_label("— met —");
    harness.get_by_label("-- supports -->");
    // The last step stands on "Austin praised Pakistan": its evidence sentence, as the
    // annotation gives it, is shown and selects that relation.
    let (praised, sentence) = {
        let d = &harness.state().documents()[1];
        let (i, r) = d
            .annotations
            .relations
            .iter()
            .enumerate()
            .find(|(_, r)| r.trigger.is_some_and(|t| t.text(&d.text) == "praised"))
            .unwrap();
        let flat = r.evidence.text(&d.text).split_whitespace();
        (i, flat.collect::<Vec<_>>().join(" "))
    };
    assert!(sentence.contains("Austin praised Pakistan for its support."));
    harness.get_by_label(&sentence).click();
    harness.run_steps(2);
    let app = harness.state();
    let Some(Item::Relation { document, relation }) = app.selection().item.clone() else {
        panic!("selected {:?}", app.selection().item);
    };
    assert_eq!((document, relation.index()), (1, praised));
    assert_eq!(app.current_document(), Some(1), "its article is shown");
}

#[test]
fn the_neighbourhood_reaches_one_or_two_steps() {
    let mut harness = ui_common::harness(project());
    harness.state_mut().set_tab(Tab::Network);
    let key = {
        let graph = &harness.state().corpus().graph;
        let n = quarry::graph::paths::nodes_named(graph, "Pakistan")[0];
        graph.nodes[n].key.clone()
    };
    harness.push_command_for_test(Command::Select(Some(Item::Entity(key)), Origin::Other));
    {
        let s = &mut harness.state_mut().graph_view_mut().settings;
        s.cooccurrence = false;
        s.neighbourhood = true;
        s.ego_depth = 1;
    }
    harness.run_steps(2);
    harness.state_mut().graph_view_mut().wait_for_layout();
    harness.run_steps(2);
    // Pakistan and Austin (who praised it).
    assert_eq!(harness.state().graph_view().last_counts.0, 2);
    harness.get_by_label("depth 2").click();
    harness.run_steps(2);
    // And Qureshi, who met Austin; the United States are three steps away.
    assert_eq!(harness.state().graph_view().last_counts.0, 3);
}

/// Pushing a command as a panel would.
trait PushCommand {
    fn push_command_for_test(&mut self, command: Command);
}

impl PushCommand for Harness<'static, App> {
    fn push_command_for_test(&mut self, command: Command) {
        self.state_mut().push_command(command);
        self.run_steps(2);
    }
}

#[test]
fn undated_articles_are_listed_and_their_date_is_set_undoably() {
    let mut p = project();
    p.documents[1].meta.date.clear();
    let mut harness = ui_common::harness(p);
    harness.state_mut().set_tab(Tab::Timeline);
    harness.run_steps(2);
    let t = harness.state().timeline().unwrap().clone();
    assert_eq!(t.series, ["articles"]);
    assert_eq!(t.undated, [1], "the undated article is listed, not dropped");
    assert_eq!(t.buckets.len(), 1);
    assert_eq!(t.buckets[0].articles, [0]);
    harness.get_by_label("1 article without a date, not on the timeline");

    type_into(&mut harness, "date", "2021-02-03");
    harness.run_steps(1);
    harness.get_by_label("Set").click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(
        app.project().curation.edits["second"].date.as_deref(),
        Some("2021-02-03"),
        "the date is saved in the project's curation"
    );
    assert!(app.is_dirty());
    let t = app.timeline().unwrap();
    assert!(t.undated.is_empty());
    let months: Vec<String> = t.buckets.iter().map(|b| b.start.to_string()).collect();
    assert_eq!(months, ["2021-01-01", "2021-02-01"]);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().timeline().unwrap().undated, [1]);
}

#[test]
fn enter_in_an_articles_date_field_sets_the_date() {
    let mut p = project();
    p.documents[1].meta.date.clear();
    let mut harness = ui_common::harness(p);
    harness.state_mut().set_tab(Tab::Timeline);
    harness.run_steps(2);
    type_into(&mut harness, "date", "2021-02-03");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(
        harness.state().project().curation.edits["second"]
            .date
            .as_deref(),
        Some("2021-02-03"),
        "Enter sets the date as the Set button does"
    );
    assert!(harness.state().timeline().unwrap().undated.is_empty());
}

#[test]
fn with_no_dated_article_the_timeline_says_so_instead_of_an_empty_plot() {
    let mut p = project();
    for d in &mut p.documents {
        d.meta.date.clear();
    }
    let mut harness = ui_common::harness(p);
    harness.state_mut().set_tab(Tab::Timeline);
    harness.run_steps(2);
    assert!(harness.state().timeline().unwrap().buckets.is_empty());
    harness.get_by_label("No article has a date, so the timeline is empty.");
    harness.get_by_label("2 articles without a date, not on the timeline");

    // Two undated articles: type into the first one's date field.
    harness
        .get_all_by_role_and_label(Role::TextInput, "date")
        .next()
        .unwrap()
        .click();
    harness.run_steps(1);
    harness
        .get_all_by_role_and_label(Role::TextInput, "date")
        .next()
        .unwrap()
        .type_text("2021-02-03");
    harness.run_steps(2);
    harness.get_all_by_label("Set").next().unwrap().click();
    harness.run_steps(3);
    assert_eq!(harness.state().timeline().unwrap().buckets.len(), 1);
    assert!(
        harness
            .query_by_label("No article has a date, so the timeline is empty.")
            .is_none(),
        "the message goes once an article has a date"
    );
}

#[test]
fn the_timeline_counts_the_chosen_entities_mentions_per_bucket() {
    let mut p = project();
    "2021-02-10".clone_into(&mut p.documents[1].meta.date);
    let mut harness = ui_common::harness(p);
    harness.state_mut().set_tab(Tab::Timeline);
    harness.run_steps(2);
    type_into(&mut harness, "Add:", "qureshi");
    harness.run_steps(1);
    harness
        .get_by_label("Shah Mehmood Qureshi (PERSON)")
        .click();
    harness.run_steps(2);
    let app = harness.state();
    let t = app.timeline().unwrap();
    assert_eq!(t.series, ["Shah Mehmood Qureshi"]);
    let per_doc: Vec<usize> = app
        .documents()
        .iter()
        .map(|d| {
            d.annotations
                .mentions
                .iter()
                .filter(|m| ["Shah Mehmood Qureshi", "Qureshi"].contains(&m.span.text(&d.text)))
                .count()
        })
        .collect();
    let counts: Vec<usize> = t.buckets.iter().map(|b| b.counts[0].mentions).collect();
    assert_eq!(
        counts, per_doc,
        "January: the first article, February: the second"
    );
}

/// The top of the highest widget labelled `label`.
fn top(harness: &Harness<'static, App>, label: &str) -> f32 {
    harness
        .get_all_by_label(label)
        .map(|n| n.rect().top())
        .fold(f32::INFINITY, f32::min)
}

#[test]
fn the_result_lines_sort_by_article_date_and_either_context() {
    // One line each; the orders by article, date, left and right context all differ.
    let doc = |id: &str, text: &str, date: &str| {
        let mut d = ui_common::annotate(id, id, text, &[], &[]);
        date.clone_into(&mut d.meta.date);
        d
    };
    let p = Project {
        name: "sorting".to_owned(),
        documents: vec![
            doc("a-first", "Bee Pakistan one.", "2021-03-01"),
            doc("b-second", "Cay Pakistan two.", "2021-01-01"),
            doc("c-third", "Ada Pakistan three.", "2021-02-01"),
        ],
        ..Project::default()
    };
    let mut harness = ui_common::harness(p);
    search(&mut harness, "pakistan");
    assert_eq!(harness.state().search().result_count(), Some(3));
    // Each line is known by its right context.
    let order = |harness: &Harness<'static, App>| -> Vec<&'static str> {
        let mut lines = [" one.", " two.", " three."];
        lines.sort_by(|a, b| top(harness, a).total_cmp(&top(harness, b)));
        lines.to_vec()
    };
    assert_eq!(order(&harness), [" one.", " two.", " three."], "by article");
    for (header, expected) in [
        // The article dates: January, February, March.
        ("Date", [" two.", " three.", " one."]),
        // The words just before the match, read backwards from it: Ada, Bee, Cay.
        ("Left context", [" three.", " one.", " two."]),
        ("Right context", [" one.", " three.", " two."]),
    ] {
        harness.get_by_label(header).click();
        harness.run_steps(2);
        assert_eq!(order(&harness), expected, "by {header}");
    }
    // Again: the other way.
    harness.get_by_label("Right context").click();
    harness.run_steps(2);
    assert_eq!(order(&harness), [" two.", " three.", " one."]);
}

#[test]
fn choosing_a_timeline_bucket_lists_its_articles() {
    let mut p = project();
    "2021-02-10".clone_into(&mut p.documents[1].meta.date);
    let mut harness = ui_common::harness(p);
    harness.state_mut().set_tab(Tab::Timeline);
    harness.run_steps(2);
    harness.get_by_label("Click a bar (or choose a bucket) to list its articles.");
    // The buckets in a list, as the bars are: February.
    harness
        .get_by_role_and_label(Role::ComboBox, "Bucket:")
        .click();
    harness.run_steps(2);
    harness.get_by_label("2021-02 · 1 article").click();
    harness.run_steps(2);
    harness.get_by_label("1 article in 2021-02");
    harness
        .get_by_role_and_label(Role::Link, "Qureshi meets Austin")
        .click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().selection().item,
        Some(Item::Document(1)),
        "the listed article is a link to it"
    );
    assert_eq!(harness.state().current_document(), Some(1));
    // The previous bucket: January, the first article.
    harness.get_by_label("Previous").click();
    harness.run_steps(2);
    harness.get_by_label("1 article in 2021-01");
    assert!(
        harness
            .query_by_role_and_label(Role::Link, "Qureshi meets Austin")
            .is_none()
    );
    // Per week, the buckets start on Mondays.
    harness.get_by_label("week").click();
    harness.run_steps(2);
    harness.get_by_label("Next").click();
    harness.run_steps(2);
    harness.get_by_label("1 article in week of 2021-01-25");
}

#[test]
fn a_date_set_in_the_timeline_is_saved_with_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dated.ron");
    let mut p = project();
    p.documents[1].meta.date.clear();
    let mut harness = ui_common::harness(p);
    harness.state_mut().set_tab(Tab::Timeline);
    harness.run_steps(2);
    type_into(&mut harness, "date", "2021-02-03");
    harness.get_by_label("Set").click();
    harness.run_steps(3);
    harness.push_command_for_test(Command::SaveProjectTo(path.clone()));
    step_until(&mut harness, |app| !app.is_busy() && !app.is_dirty());
    assert!(path.is_file(), "{:?}", harness.state().notices());

    let loaded = Project::load(&path).unwrap();
    assert_eq!(
        loaded.curation.edits["second"].date.as_deref(),
        Some("2021-02-03")
    );
    let mut reopened = ui_common::harness(loaded);
    reopened.state_mut().set_tab(Tab::Timeline);
    reopened.run_steps(2);
    let t = reopened.state().timeline().unwrap();
    assert!(t.undated.is_empty(), "{:?}", t.undated);
    let months: Vec<String> = t.buckets.iter().map(|b| b.start.to_string()).collect();
    assert_eq!(months, ["2021-01-01", "2021-02-01"]);
    reopened.get_by_label("0 articles without a date, not on the timeline");
}
