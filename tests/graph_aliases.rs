//! One actor, one node: known alternative names (`assets/resolve/aliases.tsv`) and the other
//! names an article gives ("X, also known as Y") join one node of the entity network, on
//! hand-made articles run through the whole pipeline.

use quarry::graph::EntityGraph;
use quarry::model::Document;
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::resolve::CorpusEntities;

fn extracted(texts: &[&str]) -> Vec<Document> {
    let pipeline =
        Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("pipeline: {e}"));
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut doc = Document::new(format!("d{i}"), *text);
            pipeline.run(&mut doc);
            doc
        })
        .collect()
}

/// The node whose name or one of whose aliases is `name`, as (index, node name).
fn node(graph: &EntityGraph, name: &str) -> (usize, String) {
    graph
        .nodes
        .iter()
        .enumerate()
        .find(|(_, n)| n.name == name || n.aliases.iter().any(|a| a == name))
        .map_or_else(
            || {
                let names: Vec<&str> = graph.nodes.iter().map(|n| n.name.as_str()).collect();
                panic!("no node named {name:?} in {names:?}")
            },
            |(i, n)| (i, n.name.clone()),
        )
}

#[test]
fn alias_table_names_of_one_actor_are_one_node() {
    let docs = extracted(&[
        "ISIS fighters attacked a checkpoint near Mosul on Monday, officials in Iraq said.",
        "Daesh claimed the attack in a statement, the Iraqi army said.",
        "The Islamic State of Iraq and the Levant lost ground in Syria last year.",
        "ISIL commanders fled, according to the United Nations.",
        "The USA will send aid to Iraq, the State Department said.",
        "The United States and NATO met in Brussels. The U.N. welcomed the talks.",
        "The North Atlantic Treaty Organization and the Department of State issued a statement.",
    ]);
    let graph = EntityGraph::from_documents(&docs);
    for group in [
        &[
            "ISIS",
            "Daesh",
            "Islamic State of Iraq and the Levant",
            "ISIL",
        ][..],
        &["USA", "United States"],
        &["NATO", "North Atlantic Treaty Organization"],
        &["State Department", "Department of State"],
        &["United Nations", "U.N."],
    ] {
        let first = node(&graph, group[0]);
        for name in &group[1..] {
            assert_eq!(node(&graph, name), first, "{name} and {}", group[0]);
        }
    }
    assert_eq!(node(&graph, "ISIS").1, "Islamic State");
    assert_ne!(node(&graph, "ISIS"), node(&graph, "Iraq"));
    assert_ne!(node(&graph, "NATO"), node(&graph, "United Nations"));
    // The country table also joins USA and the United States as one corpus entity.
    let corpus = CorpusEntities::build(&docs);
    let of = |doc: usize, surface: &str| {
        let d = &docs[doc];
        let m = d
            .annotations
            .mentions
            .iter()
            .find(|m| m.span.text(&d.text) == surface)
            .unwrap_or_else(|| panic!("no mention {surface:?}"));
        m.entity.and_then(|e| corpus.lookup(doc, e))
    };
    assert!(of(4, "USA").is_some());
    assert_eq!(of(4, "USA"), of(5, "United States"));
}

#[test]
fn another_name_the_article_gives_is_one_entity_and_one_node() {
    let docs = extracted(&[
        "Hayat Tahrir al-Sham, also known as the Nusra Front, attacked the town of Idlib.",
        "Jabhat Fateh al-Sham (formerly Jabhat al-Nusra) took the village.",
    ]);
    let corpus = CorpusEntities::build(&docs);
    let d = &docs[0];
    let entity_of = |surface: &str| {
        d.annotations
            .mentions
            .iter()
            .find(|m| m.span.text(&d.text) == surface)
            .and_then(|m| m.entity)
            .unwrap_or_else(|| panic!("no entity for {surface:?}"))
    };
    let hts = entity_of("Hayat Tahrir al-Sham");
    assert_eq!(entity_of("Nusra Front"), hts);
    assert!(corpus.lookup(0, hts).is_some());
    let graph = EntityGraph::from_documents(&docs);
    let (i, name) = node(&graph, "Hayat Tahrir al-Sham");
    assert_eq!(name, "Hayat Tahrir al-Sham");
    assert_eq!(node(&graph, "Nusra Front").0, i);
    assert_eq!(graph.nodes[i].mentions, 2, "{:?}", graph.nodes[i]);
    assert_eq!(
        node(&graph, "Jabhat al-Nusra").0,
        node(&graph, "Jabhat Fateh al-Sham").0
    );
}

fn release(name: &str) -> String {
    // `../shared` beside the checkout, or `QUARRY_SHARED_DIR` (a git worktree elsewhere).
    let shared = std::env::var_os("QUARRY_SHARED_DIR").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        std::path::PathBuf::from,
    );
    let dir = shared.join("articles/state-department");
    let path = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|f| f.to_string_lossy().starts_with(name))
        })
        .unwrap_or_else(|| panic!("no release {name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn state_department_releases_naming_one_actor_differently_give_one_node() {
    // 01 says "Daesh", 11 "ISIL", 04 "Islamic State of Iraq and the Levant (ISIL)" and
    // "DAESH"; 11 and 19 say "the United States", 19 also "U.S.".
    let texts: Vec<String> = ["01-", "04-", "11-", "19-"]
        .iter()
        .map(|n| release(n))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let docs = extracted(&refs);
    let graph = EntityGraph::from_documents(&docs);
    let isil = node(&graph, "ISIL");
    assert_eq!(isil.1, "Islamic State");
    assert_eq!(node(&graph, "Daesh"), isil);
    assert_eq!(node(&graph, "Islamic State of Iraq and the Levant"), isil);
    assert!(
        graph.nodes[isil.0].documents >= 3,
        "{:?}",
        graph.nodes[isil.0]
    );
    let us = node(&graph, "United States");
    assert_eq!(node(&graph, "U.S."), us);
    assert_ne!(us, isil);
    assert_ne!(node(&graph, "Iraq"), us);
}

#[test]
fn a_name_known_by_its_arabic_acronym_joins_other_articles() {
    // Article 1 states the other name ("known by its Arabic acronym as"), the recogniser
    // takes it for a person; article 2 uses only that name, article 3 only the English one.
    let docs = extracted(&[
        "Militants Shell Homs\n\nThe Levant Salvation Army (LSA), known by its Arabic acronym \
         as Jaysh al-Inqadh, shelled the city of Homs on Tuesday, the governor said.",
        "Fighting near Hama\n\nFighters of Jaysh al-Inqadh withdrew from villages near Hama \
         on Friday, the United Nations said. Jaysh al-Inqadh has not commented.",
        "Talks in Geneva\n\nThe Levant Salvation Army said it would attend talks in Geneva.",
    ]);
    let graph = EntityGraph::from_documents(&docs);
    let (i, name) = node(&graph, "Levant Salvation Army");
    assert_eq!(node(&graph, "Jaysh al-Inqadh").0, i, "{name}");
    assert_eq!(graph.nodes[i].documents, 3, "{:?}", graph.nodes[i]);
    assert_eq!(
        graph.nodes[i].entity_type,
        quarry::model::EntityType::Org,
        "a group's name taken for a person's is the group's"
    );
    assert_ne!(node(&graph, "Homs").0, i);
    assert_ne!(node(&graph, "United Nations").0, i);
}
