//! Search semantics, KWIC lines, timeline buckets and paths on hand-made articles
//! (`tests/search_common`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use crate::search_common;

use std::sync::atomic::AtomicBool;

use quarry::graph::EntityGraph;
use quarry::graph::paths::{betweenness, ego, evidence_sentence, nodes_named, shortest_path};
use quarry::model::Document;
use quarry::search::timeline::{Granularity, timeline};
use quarry::search::{SearchIndex, SearchOptions, fingerprint, kwic_lines};

fn setup() -> (Vec<Document>, EntityGraph, SearchIndex) {
    let docs = search_common::corpus();
    let graph = EntityGraph::from_documents(&docs);
    let index = SearchIndex::build(&docs, &graph, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    (docs, graph, index)
}

/// (article id, matched text) of every hit.
fn found(query: &str) -> Vec<(String, String)> {
    let (docs, _, index) = setup();
    let results = index
        .search(query, &docs, SearchOptions::default())
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    results
        .hits
        .iter()
        .map(|h| {
            (
                docs[h.document].id.clone(),
                h.span.text(&docs[h.document].text).to_owned(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn error(query: &str) -> String {
    let (docs, _, index) = setup();
    match index.search(query, &docs, SearchOptions::default()) {
        Ok(r) => panic!("{query} should fail, found {r:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_phrase_matches_its_words_in_order_only() {
    assert_eq!(
        found("\"peace process\""),
        pairs(&[
            ("pentagon-briefing", "peace process"),
            ("urdu-note", "Peace process")
        ])
    );
    // The words alone are ANDed within one sentence: "peace is near" has no "process".
    assert_eq!(found("process peace").len(), 4);
    assert_eq!(found("\"process peace\""), pairs(&[]));
}

#[test]
fn boolean_operators_and_grouping() {
    assert_eq!(
        found("austin AND reporters"),
        pairs(&[
            ("pentagon-briefing", "Austin"),
            ("pentagon-briefing", "reporters")
        ])
    );
    assert_eq!(found("peace NOT process"), pairs(&[("urdu-note", "peace")]));
    assert_eq!(
        found("reporters OR militia"),
        pairs(&[
            ("islamabad-talks", "militia"),
            ("pentagon-briefing", "reporters")
        ])
    );
    // NOT binds tighter than AND, AND tighter than OR.
    assert_eq!(
        found("(militia OR reporters) AND NOT austin"),
        pairs(&[("islamabad-talks", "militia")])
    );
    // A NOT alone is every sentence but those.
    let (docs, _, index) = setup();
    let all = index.sentence_count();
    let not = index.count("NOT qureshi").unwrap();
    assert_eq!(not, all - index.count("qureshi").unwrap());
    assert!(not > 0 && not < all, "{not} of {all}");
    drop(docs);
}

#[test]
fn a_prefix_matches_every_word_that_starts_with_it() {
    assert_eq!(
        found("milit*"),
        pairs(&[
            ("islamabad-talks", "military"),
            ("islamabad-talks", "militia")
        ])
    );
    // Diacritics fold: the query and the text meet in ASCII.
    assert_eq!(found("qure*").len(), 5);
    assert_eq!(found("qureshi"), found("Qurēshī"));
}

#[test]
fn entity_terms_find_every_alias_of_the_resolved_entity() {
    assert_eq!(
        found("entity:\"Lloyd Austin\""),
        pairs(&[
            ("islamabad-talks", "Lloyd Austin"),
            ("pentagon-briefing", "Austin"),
            ("pentagon-briefing", "The defence secretary"),
        ])
    );
    // Any alias of the entity names it.
    assert_eq!(found("entity:Austin"), found("entity:\"Lloyd Austin\""));
    // Combined with words: the entity's mentions and the words are highlighted.
    assert_eq!(
        found("entity:\"Lloyd Austin\" AND troops"),
        pairs(&[
            ("pentagon-briefing", "The defence secretary"),
            ("pentagon-briefing", "troops")
        ])
    );
    let persons = found("type:PERSON");
    assert!(persons.contains(&("khan-praise".into(), "Imran Khan".into())));
    assert!(
        !persons
            .iter()
            .any(|(_, m)| m == "Islamabad" || m == "Pakistan")
    );
    assert_eq!(
        found("type:LOC"),
        pairs(&[
            ("islamabad-talks", "Islamabad"),
            ("islamabad-talks", "Pakistan")
        ])
    );
}

#[test]
fn speaker_terms_find_the_quotes_of_that_speaker() {
    assert_eq!(
        found("speaker:Qureshi"),
        pairs(&[("islamabad-talks", "Pakistan will play an important role,")])
    );
    // Reported speech by a description of the speaker counts too.
    assert_eq!(
        found("speaker:\"Lloyd Austin\""),
        pairs(&[("pentagon-briefing", "troops would stay")])
    );
    assert_eq!(
        found("speaker:Qureshi AND pakistan"),
        pairs(&[
            ("islamabad-talks", "Pakistan"),
            ("islamabad-talks", "Pakistan will play an important role,")
        ])
    );
    assert_eq!(found("speaker:Qureshi AND troops"), pairs(&[]));
}

#[test]
fn outlet_and_date_filters_restrict_articles() {
    let (docs, _, index) = setup();
    let articles = |q: &str| -> Vec<String> {
        index
            .search(q, &docs, SearchOptions::default())
            .unwrap()
            .per_article
            .iter()
            .map(|(d, _)| docs[*d].id.clone())
            .collect()
    };
    assert_eq!(articles("outlet:Dawn"), ["islamabad-talks", "urdu-note"]);
    assert_eq!(articles("outlet:\"the news\""), ["khan-praise"]);
    assert_eq!(
        articles("date:2021-01..2021-03"),
        ["islamabad-talks", "pentagon-briefing", "khan-praise"]
    );
    assert_eq!(articles("date:2021-02..2021-03-10"), ["pentagon-briefing"]);
    assert_eq!(
        articles("date:2021-03"),
        ["pentagon-briefing", "khan-praise"]
    );
    assert_eq!(articles("date:..2021-01"), ["islamabad-talks"]);
    // The undated article is found by words, never by a date.
    assert_eq!(articles("peace"), ["pentagon-briefing", "urdu-note"]);
    assert_eq!(articles("peace AND date:2000.."), ["pentagon-briefing"]);
    // A filter alone gives the whole sentence as the match.
    let r = index
        .search("date:2021-03-20", &docs, SearchOptions::default())
        .unwrap();
    assert_eq!(r.hits.len(), 2);
    assert_eq!(
        r.hits[0].span.text(&docs[3].text),
        "Imran Khan praised Shah Mehmood Qureshi."
    );
}

#[test]
fn one_article_search_and_the_limit() {
    let (docs, _, index) = setup();
    let one = index
        .search(
            "qureshi",
            &docs,
            SearchOptions {
                document: Some(3),
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(one.per_article, [(3, 2)]);
    assert!(one.hits.iter().all(|h| h.document == 3));
    let limited = index
        .search(
            "qureshi",
            &docs,
            SearchOptions {
                limit: 2,
                document: None,
            },
        )
        .unwrap();
    assert_eq!(limited.hits.len(), 2);
    assert!(limited.truncated);
    assert_eq!(limited.sentences, 5);
}

#[test]
fn syntax_errors_say_what_and_where() {
    assert_eq!(
        error("\"peace process"),
        "unclosed quote starting at column 1"
    );
    assert_eq!(error("(peace OR war"), "unclosed ( opened at column 1");
    assert_eq!(error("peace)"), "unmatched ) at column 6");
    assert_eq!(
        error("peace AND"),
        "a term is missing (query ends) at column 10"
    );
    assert_eq!(error("OR peace"), "a term is missing before OR at column 1");
    assert!(error("colour:red").starts_with("unknown field colour: (use entity:"));
    assert!(error("type:BANANA").starts_with("unknown entity type \"BANANA\""));
    assert!(error("date:2021-13").starts_with("bad date \"2021-13\""));
    assert!(error("date:2021-05..2021-01").contains("ends before it starts"));
    assert_eq!(
        error("entity:\"Nobody Known\""),
        "no entity named \"Nobody Known\" in this project"
    );
    assert!(error("*").contains("prefix needs at least one letter"));
    assert!(error("mi*it").contains("only allowed at the end"));
    assert!(error("   ").starts_with("empty query"));
    assert_eq!(error("entity:"), "entity: needs a value at column 8");
}

#[test]
fn kwic_lines_align_on_multibyte_text() {
    let (docs, _, index) = setup();
    let r = index
        .search(
            "near OR qureshi",
            &docs,
            SearchOptions {
                limit: 100,
                document: Some(2),
            },
        )
        .unwrap();
    let lines = kwic_lines(&docs, &r.hits, 16);
    let text = &docs[2].text;
    assert_eq!(lines.len(), 2);
    for line in &lines {
        // The char offset points at the match in the article's text.
        let at: String = text
            .chars()
            .skip(line.char_start)
            .take(line.matched.chars().count())
            .collect();
        assert_eq!(at, line.matched);
        assert_eq!(&text[line.span.start..line.span.end], line.matched);
        assert!(line.left.chars().count() <= 16 && line.right.chars().count() <= 16);
    }
    assert_eq!(lines[0].matched, "Qurēshī");
    assert_eq!(lines[0].left, "");
    assert_eq!(lines[0].right, " spoke in Urdu: ");
    assert_eq!(lines[1].matched, "near");
    assert_eq!(lines[1].left, "امن» — peace is ");
    assert_eq!(lines[1].char_start, 40);
    assert_eq!(lines[1].right, ". Peace process ");
}

#[test]
fn the_fingerprint_changes_with_what_is_indexed() {
    let (mut docs, graph, index) = setup();
    assert_eq!(index.fingerprint(), fingerprint(&docs, &graph));
    docs[2].meta.date = "2021-02-01".into();
    assert_ne!(index.fingerprint(), fingerprint(&docs, &graph));
}

#[test]
fn timeline_buckets_by_month_and_week_and_lists_undated_articles() {
    let (docs, graph, _) = setup();
    let austin = nodes_named(&graph, "Lloyd Austin");
    let qureshi = nodes_named(&graph, "Qureshi");
    assert_eq!((austin.len(), qureshi.len()), (1, 1), "{:?}", graph.nodes);
    let t = timeline(&docs, &graph, &[austin[0], qureshi[0]], Granularity::Month);
    assert_eq!(
        t.series,
        ["Lloyd Austin", graph.nodes[qureshi[0]].name.as_str()]
    );
    let months: Vec<String> = t.buckets.iter().map(|b| b.start.to_string()).collect();
    assert_eq!(months, ["2021-01-01", "2021-03-01"]);
    // January: Austin once, Qureshi twice and one quote.
    assert_eq!(
        (
            t.buckets[0].counts[0].mentions,
            t.buckets[0].counts[0].quotes
        ),
        (1, 0)
    );
    assert_eq!(
        (
            t.buckets[0].counts[1].mentions,
            t.buckets[0].counts[1].quotes
        ),
        (2, 1)
    );
    // March: Austin twice (Austin, the defence secretary) with one quote; Qureshi twice.
    assert_eq!(
        (
            t.buckets[1].counts[0].mentions,
            t.buckets[1].counts[0].quotes
        ),
        (2, 1)
    );
    assert_eq!(t.buckets[1].counts[1].mentions, 2);
    assert_eq!(t.buckets[1].articles, [1, 3]);
    // The undated Urdu note mentions Qureshi: counted and listed.
    assert_eq!(t.undated, [2]);
    assert_eq!(t.undated_counts[1].mentions, 1);
    let weeks = timeline(&docs, &graph, &[austin[0]], Granularity::Week);
    let starts: Vec<String> = weeks.buckets.iter().map(|b| b.start.to_string()).collect();
    assert_eq!(starts, ["2021-01-11", "2021-03-01"]);
    let all = timeline(&docs, &graph, &[], Granularity::Day);
    let days: Vec<String> = all.buckets.iter().map(|b| b.start.to_string()).collect();
    assert_eq!(days, ["2021-01-15", "2021-03-02", "2021-03-20"]);
    // With no entity chosen, each bucket counts its articles.
    let counts: Vec<usize> = all.buckets.iter().map(|b| b.counts[0].mentions).collect();
    assert_eq!(counts, [1, 1, 1]);
    assert_eq!(all.undated, [2]);
}

#[test]
fn the_shortest_path_follows_asserted_relations_with_their_evidence() {
    let (docs, graph, _) = setup();
    let austin = nodes_named(&graph, "Lloyd Austin")[0];
    let khan = nodes_named(&graph, "Imran Khan")[0];
    let qureshi = nodes_named(&graph, "Qureshi")[0];
    let path = shortest_path(&graph, austin, khan).unwrap();
    // Not the one-step co-occurrence in the briefing: two asserted steps through Qureshi.
    let hops: Vec<(usize, usize)> = path.iter().map(|s| (s.from, s.to)).collect();
    assert_eq!(hops, [(austin, qureshi), (qureshi, khan)]);
    let evidence: Vec<String> = path
        .iter()
        .map(|s| evidence_sentence(&docs, s.evidence).unwrap())
        .collect();
    assert_eq!(
        evidence,
        [
            "Lloyd Austin met Shah Mehmood Qureshi in Islamabad.",
            "Imran Khan praised Shah Mehmood Qureshi."
        ]
    );
    assert_eq!(ego(&graph, austin, 1).into_iter().collect::<Vec<_>>(), {
        let mut v = vec![austin, qureshi];
        v.sort_unstable();
        v
    });
    assert!(ego(&graph, austin, 2).contains(&khan));
    // Qureshi lies on the only path between Austin and Khan.
    let between = betweenness(&graph);
    assert_eq!(between[qureshi], 1.0);
    assert_eq!(between[austin], 0.0);
    let islamabad = nodes_named(&graph, "Islamabad")[0];
    assert!(shortest_path(&graph, austin, islamabad).is_none());
}

#[test]
fn the_actor_charts_rank_speakers_mentions_and_asserted_connections() {
    let (docs, graph, _) = setup();
    let ranked = |r: Vec<quarry::search::actors::Ranked>| -> Vec<(String, f64, f64)> {
        r.into_iter().map(|r| (r.name, r.value, r.second)).collect()
    };
    // Degree, then betweenness: the briefing's co-occurrence of Austin and Khan is no tie,
    // and entities with no asserted relation are not ranked.
    assert_eq!(
        ranked(quarry::search::actors::most_connected(&graph, 10)),
        [
            ("Shah Mehmood Qureshi".to_owned(), 2.0, 1.0),
            ("Imran Khan".to_owned(), 1.0, 0.0),
            ("Lloyd Austin".to_owned(), 1.0, 0.0),
        ]
    );
    // One quote each: Qureshi in Islamabad, Austin (as the defence secretary) at the briefing.
    assert_eq!(
        ranked(quarry::search::actors::top_speakers(&docs, &graph, 10)),
        [
            ("Lloyd Austin".to_owned(), 1.0, 0.0),
            ("Shah Mehmood Qureshi".to_owned(), 1.0, 0.0),
        ]
    );
    // Mentions, then articles: Qureshi twice in two articles and as Qurēshī in the note.
    assert_eq!(
        ranked(quarry::search::actors::most_mentioned(&graph, 2)),
        [
            ("Shah Mehmood Qureshi".to_owned(), 5.0, 3.0),
            ("Lloyd Austin".to_owned(), 3.0, 2.0),
        ]
    );
}
