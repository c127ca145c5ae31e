//! Unit tests of the entity network on hand-made documents.

use super::*;
use crate::model::{
    Entity, EntityType, Mention, MentionId, Provenance, Relation, RelationKind, Span,
};

fn doc_with(
    id: &str,
    entities: &[(&str, EntityType, usize)],
    rels: &[(usize, usize, RelationType, RelationKind)],
) -> Document {
    let mut text = String::new();
    let mut doc_entities = Vec::new();
    let mut mentions = Vec::new();
    for (name, ty, count) in entities {
        let mut ids = Vec::new();
        for _ in 0..*count {
            let start = text.len();
            text.push_str(name);
            text.push_str(". ");
            ids.push(MentionId::from_index(mentions.len()));
            mentions.push(Mention {
                span: Span::new(start, start + name.len()),
                entity_type: *ty,
                entity: Some(EntityId::from_index(doc_entities.len())),
                provenance: Provenance::new("test", 1.0, "hand"),
            });
        }
        doc_entities.push(Entity {
            canonical_name: (*name).to_owned(),
            entity_type: *ty,
            mentions: ids,
            aliases: Vec::new(),
            provenance: Provenance::default(),
        });
    }
    let mut doc = Document::new(id, text.clone());
    doc.annotations.mentions = mentions;
    doc.annotations.entities = doc_entities;
    doc.annotations.relations = rels
        .iter()
        .map(|&(h, t, ty, kind)| Relation {
            head: EntityId::from_index(h),
            tail: EntityId::from_index(t),
            head_mention: None,
            tail_mention: None,
            relation_type: ty,
            kind,
            trigger: None,
            evidence: Span::new(0, text.len()),
            negated: false,
            modal: false,
            provenance: Provenance::default(),
        })
        .collect();
    doc
}

#[test]
fn held_offices_are_attributes_of_their_holders_not_nodes() {
    let a = doc_with(
        "a",
        &[
            ("Shah Mehmood Qureshi", EntityType::Person, 2),
            ("Pakistan", EntityType::Loc, 1),
            ("Foreign Minister", EntityType::Title, 1),
        ],
        &[
            (0, 1, RelationType::MemberOf, RelationKind::Asserted),
            (0, 2, RelationType::OfficeHeld, RelationKind::Asserted),
        ],
    );
    let b = doc_with(
        "b",
        &[
            ("Qureshi", EntityType::Person, 1),
            ("Pakistan", EntityType::Loc, 1),
            ("the Foreign Minister", EntityType::Title, 1),
        ],
        &[(1, 0, RelationType::CoOccurs, RelationKind::Cooccurrence)],
    );
    let docs = [a, b];
    let graph = EntityGraph::from_documents(&docs);
    let keys: Vec<&str> = graph.nodes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, ["LOC:pakistan", "PER:shah-mehmood-qureshi"]);
    let qureshi = &graph.nodes[1];
    assert_eq!(qureshi.mentions, 3);
    assert_eq!(qureshi.documents, 2);
    assert_eq!(qureshi.name, "Shah Mehmood Qureshi");
    assert_eq!(qureshi.offices, ["Foreign Minister, Pakistan"]);
    assert!(graph.nodes[0].offices.is_empty());
    assert_eq!(graph.node_of(1, EntityId(0)), Some(1));
    // The office is held, so even "show unheld offices" keeps it off the network.
    assert_eq!(graph.node_of(1, EntityId(2)), None);
    assert_eq!(graph.edges.len(), 2);
    let co = graph
        .edges
        .iter()
        .find(|e| e.kind == RelationKind::Cooccurrence)
        .unwrap();
    assert_eq!((co.source, co.target, co.directed), (0, 1, false));
    assert_eq!(graph.neighbours(1), BTreeSet::from([0]));
    assert_eq!(graph.degrees(), vec![2, 2]);
    let shown = EntityGraph::with_options(
        &docs,
        &EntityCuration::default(),
        GraphOptions {
            show_unheld_offices: true,
        },
    );
    assert_eq!(shown.nodes, graph.nodes);
}

#[test]
fn known_aliases_of_one_actor_are_one_node() {
    let a = doc_with(
        "a",
        &[
            ("Islamic State of Iraq and the Levant", EntityType::Org, 2),
            ("Pakistan", EntityType::Loc, 1),
        ],
        &[(1, 0, RelationType::Fights, RelationKind::Asserted)],
    );
    let b = doc_with(
        "b",
        &[
            ("Daesh", EntityType::Org, 3),
            ("Pakistan", EntityType::Loc, 1),
        ],
        &[(1, 0, RelationType::Fights, RelationKind::Asserted)],
    );
    let c = doc_with("c", &[("the United Nations", EntityType::Org, 1)], &[]);
    let docs = [a, b, c];
    let graph = EntityGraph::from_documents(&docs);
    let names: Vec<&str> = graph.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let is = graph
        .nodes
        .iter()
        .find(|n| n.name == "Islamic State")
        .unwrap();
    assert_eq!(is.mentions, 5);
    assert_eq!(is.documents, 2);
    assert!(is.aliases.iter().any(|a| a == "Daesh"));
    assert!(names.contains(&"United Nations"));
    let fights: Vec<&Edge> = graph
        .edges
        .iter()
        .filter(|e| e.relation_type == RelationType::Fights)
        .collect();
    assert_eq!(fights.len(), 1);
    assert_eq!(fights[0].count(), 2);
    // Incremental changes give the same network as a rebuild.
    let mut grown = EntityGraph::from_documents(&docs[..1]);
    grown.add_documents(1, &docs[1..]);
    assert_eq!(grown, graph);
}

#[test]
fn unheld_offices_are_nodes_only_when_asked_for() {
    let a = doc_with(
        "a",
        &[
            ("Lloyd Austin", EntityType::Person, 1),
            ("Secretary of Defense", EntityType::Title, 1),
            ("Foreign Minister", EntityType::Title, 1),
        ],
        &[(0, 1, RelationType::OfficeHeld, RelationKind::Asserted)],
    );
    let docs = [a];
    let mut graph = EntityGraph::from_documents(&docs);
    let keys: Vec<&str> = graph.nodes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, ["PER:lloyd-austin"]);
    assert_eq!(graph.nodes[0].offices, ["Secretary of Defense"]);
    let options = GraphOptions {
        show_unheld_offices: true,
    };
    graph.set_options(options);
    let keys: Vec<&str> = graph.nodes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, ["PER:lloyd-austin", "TITLE:foreign-minister"]);
    assert_eq!(
        graph,
        EntityGraph::with_options(&docs, &EntityCuration::default(), options)
    );
}

#[test]
fn curated_merges_join_nodes_and_hide_their_suggestions() {
    let docs = [
        doc_with("a", &[("George Bush", EntityType::Person, 1)], &[]),
        doc_with("b", &[("Jeb Bush", EntityType::Person, 1)], &[]),
        doc_with(
            "c",
            &[
                ("Bush", EntityType::Person, 2),
                ("Texas", EntityType::Loc, 1),
            ],
            &[(0, 1, RelationType::LocatedIn, RelationKind::Asserted)],
        ),
    ];
    let mut graph = EntityGraph::from_documents(&docs);
    assert_eq!(graph.nodes.len(), 4);
    assert_eq!(graph.suggestions.len(), 2);
    let mut curation = EntityCuration::default();
    curation
        .merges
        .insert("PER:bush".to_owned(), "PER:jeb-bush".to_owned());
    graph.set_curation(&curation);
    assert_eq!(graph.nodes.len(), 3);
    let jeb = graph.node_index("PER:jeb-bush").unwrap();
    assert_eq!(graph.node_index("PER:bush"), Some(jeb));
    assert_eq!(graph.nodes[jeb].mentions, 3);
    assert_eq!(graph.nodes[jeb].merged, ["PER:bush"]);
    assert_eq!(graph.nodes[jeb].aliases, ["Bush"]);
    // Both suggestions of "Bush" are settled by the merge.
    assert!(graph.suggestions.is_empty(), "{:?}", graph.suggestions);
    let edge = &graph.edges[0];
    assert_eq!(graph.nodes[edge.source].key, "PER:jeb-bush");
    assert!(edge.directed);
    // A rejection hides only its pair.
    let mut curation = EntityCuration::default();
    curation
        .rejected
        .insert(("PER:bush".to_owned(), "PER:george-bush".to_owned()));
    graph.set_curation(&curation);
    assert_eq!(graph.nodes.len(), 4);
    assert_eq!(graph.suggestions.len(), 1);
    assert_eq!(graph.suggestions[0].b, "PER:jeb-bush");
}

#[test]
fn merge_cycles_and_stale_keys_are_ignored() {
    let docs = [doc_with(
        "a",
        &[
            ("Joe Biden", EntityType::Person, 1),
            ("Pakistan", EntityType::Loc, 1),
        ],
        &[],
    )];
    let mut curation = EntityCuration::default();
    curation
        .merges
        .insert("PER:joe-biden".to_owned(), "LOC:pakistan".to_owned());
    curation
        .merges
        .insert("LOC:pakistan".to_owned(), "PER:joe-biden".to_owned());
    curation
        .merges
        .insert("PER:nobody".to_owned(), "PER:joe-biden".to_owned());
    let graph = EntityGraph::new(&docs, &curation);
    assert_eq!(graph.nodes.len(), 2);
    assert_eq!(graph.node_index("PER:nobody"), None);
}

#[test]
fn aggregates_relations_per_article_and_drops_self_loops() {
    let a = doc_with(
        "a",
        &[
            ("Biden", EntityType::Person, 1),
            ("Pakistan", EntityType::Loc, 1),
            ("Joe Biden", EntityType::Person, 1),
        ],
        &[
            (0, 1, RelationType::Supports, RelationKind::Asserted),
            (2, 1, RelationType::Supports, RelationKind::Asserted),
            (0, 1, RelationType::Met, RelationKind::Asserted),
            (1, 0, RelationType::Met, RelationKind::Asserted),
            (0, 2, RelationType::Met, RelationKind::Asserted),
        ],
    );
    let b = doc_with(
        "b",
        &[
            ("Biden", EntityType::Person, 1),
            ("Pakistan", EntityType::Loc, 1),
        ],
        &[(0, 1, RelationType::Supports, RelationKind::Asserted)],
    );
    let graph = EntityGraph::from_documents(&[a, b]);
    assert_eq!(graph.nodes.len(), 2);
    assert_eq!(graph.edges.len(), 2);
    let supports = graph
        .edges
        .iter()
        .find(|e| e.relation_type == RelationType::Supports)
        .unwrap();
    assert_eq!(supports.count(), 3);
    assert_eq!(supports.per_article, [(0, 2), (1, 1)]);
    assert_eq!(graph.nodes[supports.source].name, "Joe Biden");
    assert_eq!(graph.nodes[supports.target].name, "Pakistan");
    // "Met" both ways is one undirected edge.
    let met = graph
        .edges
        .iter()
        .find(|e| e.relation_type == RelationType::Met)
        .unwrap();
    assert_eq!((met.count(), met.directed), (2, false));
}

#[test]
fn a_name_split_off_a_merged_node_is_a_node_of_its_own() {
    let docs = [
        doc_with("a", &[("Antony Blinken", EntityType::Person, 2)], &[]),
        doc_with(
            "b",
            &[
                ("Blinken", EntityType::Person, 1),
                ("Iraq", EntityType::Loc, 1),
            ],
            &[(0, 1, RelationType::Met, RelationKind::Asserted)],
        ),
    ];
    let mut graph = EntityGraph::from_documents(&docs);
    let blinken = graph.node_index("PER:antony-blinken").unwrap();
    assert_eq!(graph.nodes[blinken].mentions, 3);
    assert_eq!(
        graph.member_names(blinken),
        [
            ("antony blinken".to_owned(), "Antony Blinken".to_owned()),
            ("blinken".to_owned(), "Blinken".to_owned())
        ]
    );
    let mut curation = EntityCuration::default();
    curation
        .split
        .insert(("PER:antony-blinken".to_owned(), "blinken".to_owned()));
    graph.set_curation(&curation);
    let keys: Vec<&str> = graph.nodes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "LOC:iraq",
            "PER:antony-blinken",
            "PER:antony-blinken/blinken"
        ]
    );
    assert_eq!((graph.nodes[1].mentions, graph.nodes[2].mentions), (2, 1));
    assert_eq!(graph.nodes[2].name, "Blinken");
    assert!(graph.nodes[1].aliases.is_empty());
    assert_eq!(graph.node_of(1, EntityId(0)), Some(2));
    let met = &graph.edges[0];
    assert_eq!((met.source, met.target), (0, 2));
    // Splitting the only name off changes nothing.
    curation
        .split
        .insert(("LOC:iraq".to_owned(), "iraq".to_owned()));
    graph.set_curation(&curation);
    assert_eq!(graph.node_index("LOC:iraq"), Some(0));
    assert_eq!(graph.nodes.len(), 3);
}

/// Betweenness by name, over a graph built from `docs`.
fn betweenness_by_name(docs: &[Document]) -> std::collections::BTreeMap<String, f64> {
    let graph = EntityGraph::from_documents(docs);
    let values = paths::betweenness(&graph);
    graph
        .nodes
        .iter()
        .zip(values)
        .map(|(n, b)| (n.name.clone(), b))
        .collect()
}

#[test]
fn betweenness_counts_shortest_paths_through_each_node_over_asserted_relations() {
    use RelationKind::{Asserted, Cooccurrence};
    use RelationType::{CoOccurs, Met, Supports};
    let people = |names: &[&'static str]| -> Vec<(&'static str, EntityType, usize)> {
        names.iter().map(|n| (*n, EntityType::Person, 1)).collect()
    };
    // A path of five: the middle lies on 2·2 shortest paths, its neighbours on 3.
    let path = doc_with(
        "path",
        &people(&[
            "Anna Berg",
            "Boris Carr",
            "Clara Dunn",
            "David Eade",
            "Emma Fox",
        ]),
        &[
            (0, 1, Met, Asserted),
            (1, 2, Met, Asserted),
            (2, 3, Met, Asserted),
            (3, 4, Met, Asserted),
            // Co-occurrence asserts no tie: it must not close the path into a ring, where
            // every node would score 1.
            (0, 4, CoOccurs, Cooccurrence),
        ],
    );
    // A star: the hub is on the one path between each of the C(4,2) = 6 pairs of leaves,
    // whichever way the (directed) relations point.
    let star = doc_with(
        "star",
        &people(&[
            "Hana Ito",
            "Ivan Jones",
            "Jana Kim",
            "Karl Lee",
            "Lena Moss",
        ]),
        &[
            (0, 1, Supports, Asserted),
            (2, 0, Supports, Asserted),
            (0, 3, Supports, Asserted),
            (4, 0, Supports, Asserted),
        ],
    );
    // A square: each opposite pair has two shortest paths, so each node gets half of one.
    let square = doc_with(
        "square",
        &people(&["Mona Nash", "Nils Orr", "Olga Park", "Pia Quinn"]),
        &[
            (0, 1, Met, Asserted),
            (1, 2, Met, Asserted),
            (2, 3, Met, Asserted),
            (3, 0, Met, Asserted),
        ],
    );
    let docs = [path, star, square];
    let b = betweenness_by_name(&docs);
    let expected = [
        ("Anna Berg", 0.0),
        ("Boris Carr", 3.0),
        ("Clara Dunn", 4.0),
        ("David Eade", 3.0),
        ("Emma Fox", 0.0),
        ("Hana Ito", 6.0),
        ("Ivan Jones", 0.0),
        ("Jana Kim", 0.0),
        ("Karl Lee", 0.0),
        ("Lena Moss", 0.0),
        ("Mona Nash", 0.5),
        ("Nils Orr", 0.5),
        ("Olga Park", 0.5),
        ("Pia Quinn", 0.5),
    ];
    for (name, value) in expected {
        let got = b.get(name).copied();
        assert!(
            got.is_some_and(|g| (g - value).abs() < 1e-9),
            "{name}: {got:?}, expected {value}"
        );
    }
    assert_eq!(b.len(), expected.len(), "{b:?}");
    let graph = EntityGraph::from_documents(&docs);
    // Anna Berg's co-occurrence with Emma Fox is no neighbour.
    let anna = graph.nodes.iter().position(|n| n.name == "Anna Berg");
    assert_eq!(anna.map(|a| paths::degrees(&graph)[a]), Some(1));
}

#[test]
fn a_renamed_node_keeps_its_key_and_merged_nodes_take_the_kept_nodes_name() {
    // "Bush" stays apart: George and Jeb could both be meant.
    let docs = [
        doc_with("a", &[("Jeb Bush", EntityType::Person, 1)], &[]),
        doc_with("b", &[("George Bush", EntityType::Person, 1)], &[]),
        doc_with(
            "c",
            &[
                ("Bush", EntityType::Person, 2),
                ("Texas", EntityType::Loc, 1),
            ],
            &[(0, 1, RelationType::LocatedIn, RelationKind::Asserted)],
        ),
    ];
    let mut curation = EntityCuration::default();
    curation
        .renames
        .insert("PER:jeb-bush".to_owned(), "John Ellis Bush".to_owned());
    // A name for a node merged away is not shown: the kept node names the merge.
    curation
        .renames
        .insert("PER:bush".to_owned(), "Somebody".to_owned());
    curation
        .merges
        .insert("PER:bush".to_owned(), "PER:jeb-bush".to_owned());
    let graph = EntityGraph::new(&docs, &curation);
    let jeb = graph.node_index("PER:jeb-bush").unwrap();
    assert_eq!(graph.nodes[jeb].name, "John Ellis Bush");
    assert_eq!(graph.nodes[jeb].key, "PER:jeb-bush");
    assert_eq!(graph.nodes[jeb].aliases, ["Bush", "Jeb Bush"]);
    assert_eq!(graph.node_index("PER:bush"), Some(jeb));
    // A blank name is no rename.
    let mut blank = EntityCuration::default();
    blank
        .renames
        .insert("PER:jeb-bush".to_owned(), "  ".to_owned());
    let graph = EntityGraph::new(&docs, &blank);
    let jeb = graph.node_index("PER:jeb-bush").unwrap();
    assert_eq!(graph.nodes[jeb].name, "Jeb Bush");
}

#[test]
fn moved_and_split_off_entities_go_where_the_researcher_put_them() {
    use crate::project::edits::{DocumentEdits, EntityEdit, apply_edits};
    let mut docs = [
        doc_with("a", &[("Jeb Bush", EntityType::Person, 1)], &[]),
        doc_with("b", &[("George Bush", EntityType::Person, 3)], &[]),
    ];
    let spans: Vec<Span> = docs[1]
        .annotations
        .mentions
        .iter()
        .map(|m| m.span)
        .collect();
    let mut edits = DocumentEdits::default();
    // The second "George Bush" mention is Jeb's (moved under any name), the third a new
    // entity.
    edits.entities.insert(
        spans[1],
        EntityEdit::Move {
            text: "George Bush".to_owned(),
            key: "PER:jeb-bush".to_owned(),
            name: "Whoever".to_owned(),
        },
    );
    edits.entities.insert(
        spans[2],
        EntityEdit::Split {
            text: "George Bush".to_owned(),
            name: "Neil Bush".to_owned(),
        },
    );
    assert!(apply_edits(&mut docs[1], &edits).all_matched());
    let graph = EntityGraph::from_documents(&docs);
    let mentions = |key: &str| {
        let n = &graph.nodes[graph.node_index(key).expect(key)];
        (n.mentions, n.documents)
    };
    assert_eq!(graph.nodes.len(), 3);
    assert_eq!(mentions("PER:jeb-bush"), (2, 2));
    assert_eq!(mentions("PER:george-bush"), (1, 1));
    assert_eq!(mentions("PER:neil-bush"), (1, 1));
    // A move to a key that is gone leaves the mention where resolution put it.
    let mut stale = edits.clone();
    stale.entities.insert(
        spans[1],
        EntityEdit::Move {
            text: "George Bush".to_owned(),
            key: "PER:nobody".to_owned(),
            name: "Whoever".to_owned(),
        },
    );
    let mut fresh = doc_with("b", &[("George Bush", EntityType::Person, 3)], &[]);
    apply_edits(&mut fresh, &stale);
    let graph = EntityGraph::from_documents(&[docs[0].clone(), fresh]);
    assert_eq!(graph.node_index("PER:nobody"), None);
    let jeb = &graph.nodes[graph.node_index("PER:jeb-bush").unwrap()];
    assert_eq!(jeb.mentions, 1);
    assert!(graph.node_index("PER:neil-bush").is_some());
}
