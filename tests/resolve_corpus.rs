//! Corpus-level entity resolution: hand-made articles for each merging rule, and the
//! incremental-equals-rebuild property on real CoNLL-2003 articles with their gold mentions.

use std::collections::BTreeMap;
use std::path::Path;

use quarry::interchange::read_jsonl;
use quarry::model::{
    CharIndex, Document, Entity, EntityId, EntityType, Mention, MentionId, Provenance,
};
use quarry::resolve::{CorpusEntities, CorpusEntity};

use EntityType::{Loc, Norp, Org, Other, Person, Title};

/// An entity of a hand-made article: canonical name, type, aliases.
type Spec<'a> = (&'a str, EntityType, &'a [&'a str]);

/// A document whose text holds each entity's name and aliases, one mention each, as the
/// in-article pipeline would leave it.
fn doc(id: &str, specs: &[Spec<'_>]) -> Document {
    let mut text = String::new();
    let mut mentions = Vec::new();
    let mut entities = Vec::new();
    for (e, (name, ty, aliases)) in specs.iter().enumerate() {
        let mut ids = Vec::new();
        for surface in std::iter::once(name).chain(aliases.iter()) {
            let start = text.len();
            text.push_str(surface);
            ids.push(MentionId::from_index(mentions.len()));
            mentions.push(Mention {
                span: quarry::model::Span::new(start, text.len()),
                entity_type: *ty,
                entity: Some(EntityId::from_index(e)),
                provenance: Provenance::new("test", 1.0, "hand-made"),
            });
            text.push_str(" said something. ");
        }
        entities.push(Entity {
            canonical_name: (*name).to_owned(),
            entity_type: *ty,
            mentions: ids,
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            provenance: Provenance::new("test", 1.0, "hand-made"),
        });
    }
    let mut d = Document::new(id, text);
    d.annotations.mentions = mentions;
    d.annotations.entities = entities;
    d
}

fn node(corpus: &CorpusEntities, doc: usize, entity: u32) -> &CorpusEntity {
    let i = corpus
        .lookup(doc, EntityId(entity))
        .unwrap_or_else(|| panic!("entity {entity} of doc {doc} is not a node"));
    &corpus.entities[i]
}

fn keys(corpus: &CorpusEntities) -> Vec<&str> {
    corpus.entities.iter().map(|e| e.key.as_str()).collect()
}

fn has_suggestion(corpus: &CorpusEntities, a: &str, b: &str) -> bool {
    corpus
        .suggestions
        .iter()
        .any(|s| (s.a == a && s.b == b) || (s.a == b && s.b == a))
}

#[test]
fn biden_variants_in_three_articles_are_one_node() {
    let docs = vec![
        doc("a", &[("Joe Biden", Person, &[]), ("Pakistan", Loc, &[])]),
        doc("b", &[("Biden", Person, &[])]),
        doc("c", &[("President Joe Biden", Person, &["Mr. Biden"])]),
    ];
    let corpus = CorpusEntities::build(&docs);
    let biden = node(&corpus, 0, 0);
    assert_eq!(biden.key, "PER:joe-biden");
    assert_eq!(biden.canonical_name, "Joe Biden");
    assert_eq!(biden.entity_type, Person);
    assert_eq!(
        biden.members,
        vec![(0, EntityId(0)), (1, EntityId(0)), (2, EntityId(0))]
    );
    assert_eq!(biden.article_count, 3);
    assert_eq!(biden.mention_count, 4);
    assert!(biden.aliases.contains(&"President Joe Biden".to_owned()));
    assert!(biden.aliases.contains(&"Biden".to_owned()));
    assert_eq!(keys(&corpus), ["LOC:pakistan", "PER:joe-biden"]);
    assert!(corpus.suggestions.is_empty(), "{:?}", corpus.suggestions);
}

#[test]
fn us_short_forms_are_one_country_and_the_demonym_is_a_suggestion() {
    let docs = vec![
        doc("a", &[("US", Loc, &[])]),
        doc("b", &[("U.S.", Loc, &[])]),
        doc("c", &[("United States", Loc, &["America"])]),
        doc("d", &[("America", Loc, &[])]),
        doc("e", &[("the United States of America", Org, &[])]),
        doc("f", &[("American", Norp, &[]), ("UK", Loc, &[])]),
        doc("g", &[("Americans", Norp, &[]), ("Britain", Loc, &[])]),
    ];
    let corpus = CorpusEntities::build(&docs);
    let us = node(&corpus, 0, 0);
    assert_eq!(us.key, "LOC:united-states");
    assert_eq!(us.canonical_name, "United States");
    assert_eq!(us.entity_type, Loc);
    assert_eq!(us.article_count, 5);
    for d in 1..5 {
        assert_eq!(node(&corpus, d, 0).key, "LOC:united-states", "doc {d}");
    }
    let american = node(&corpus, 5, 0);
    assert_eq!(american.key, "NORP:american");
    assert_eq!(american.entity_type, Norp);
    assert_eq!(american.members, vec![(5, EntityId(0)), (6, EntityId(0))]);
    assert_eq!(node(&corpus, 5, 1).key, "LOC:united-kingdom");
    assert_eq!(node(&corpus, 6, 1).key, "LOC:united-kingdom");
    assert!(has_suggestion(
        &corpus,
        "NORP:american",
        "LOC:united-states"
    ));
    assert!(!has_suggestion(
        &corpus,
        "NORP:american",
        "LOC:united-kingdom"
    ));
}

#[test]
fn acronym_and_expansion_in_different_articles_are_one_node() {
    let docs = vec![
        doc("a", &[("ISPR", Org, &[])]),
        doc("b", &[("Inter-Services Public Relations (ISPR)", Org, &[])]),
        doc("c", &[("Inter-Services Public Relations", Org, &["ISPR"])]),
        doc(
            "d",
            &[(
                "IMET",
                Org,
                &["International Military Education and Training"],
            )],
        ),
        doc(
            "e",
            &[("International Military Education and Training", Org, &[])],
        ),
    ];
    let corpus = CorpusEntities::build(&docs);
    let ispr = node(&corpus, 0, 0);
    assert_eq!(ispr.key, "ORG:inter-services-public-relations");
    assert_eq!(ispr.canonical_name, "Inter-Services Public Relations");
    assert_eq!(ispr.article_count, 3);
    assert!(ispr.aliases.contains(&"ISPR".to_owned()));
    let imet = node(&corpus, 3, 0);
    assert_eq!(
        imet.key,
        "ORG:international-military-education-and-training"
    );
    assert_eq!(imet.members, vec![(3, EntityId(0)), (4, EntityId(0))]);
    assert_eq!(corpus.entities.len(), 2);
}

#[test]
fn an_acronym_with_two_expansions_stays_apart() {
    let docs = vec![
        doc("a", &[("Inter-Services Intelligence", Org, &["ISI"])]),
        doc("b", &[("Indian Statistical Institute", Org, &["ISI"])]),
        doc("c", &[("ISI", Org, &[])]),
    ];
    let corpus = CorpusEntities::build(&docs);
    assert_eq!(corpus.entities.len(), 3);
    assert_eq!(node(&corpus, 2, 0).key, "ORG:isi");
    assert!(has_suggestion(
        &corpus,
        "ORG:isi",
        "ORG:inter-services-intelligence"
    ));
    assert!(has_suggestion(
        &corpus,
        "ORG:isi",
        "ORG:indian-statistical-institute"
    ));
}

#[test]
fn actors_of_the_commissioning_article_join_a_second_article() {
    // As the in-article pipeline would leave the commissioning article ...
    let dawn = doc(
        "us-pakistan-afghan-peace",
        &[
            (
                "Pakistani Foreign Minister Shah Mehmood Qureshi",
                Person,
                &["Qureshi"],
            ),
            (
                "Chief of Army Staff (COAS) General Qamar Javed Bajwa",
                Person,
                &["the COAS"],
            ),
            (
                "Secretary of Defence General Lloyd Austin",
                Person,
                &["the defence secretary"],
            ),
            ("Pakistan", Loc, &["Pakistan’s", "Pakistani"]),
            ("US", Loc, &["United States"]),
            ("al-Qaeda", Org, &[]),
            ("Islamic State Khorasan Province (ISIS-K)", Org, &[]),
            ("Al Jazeera", Org, &[]),
        ],
    );
    // ... and a second article naming the same actors differently.
    let other = doc(
        "follow-up",
        &[
            ("Mehmood Qureshi", Person, &[]),
            ("Gen. Bajwa", Person, &[]),
            ("Austin", Person, &[]),
            ("Pakistan's", Loc, &[]),
            ("the U.S.", Loc, &[]),
            ("Al Qaeda", Org, &[]),
            ("ISIS-K", Org, &[]),
            ("Pakistanis", Norp, &[]),
        ],
    );
    let corpus = CorpusEntities::build(&[dawn, other]);
    let expected = [
        "PER:shah-mehmood-qureshi",
        "PER:qamar-javed-bajwa",
        "PER:lloyd-austin",
        "LOC:pakistan",
        "LOC:united-states",
        "ORG:al-qaeda",
        "ORG:islamic-state-khorasan-province",
    ];
    for (e, key) in expected.iter().enumerate() {
        let node = node(&corpus, 0, e as u32);
        assert_eq!(node.key, *key);
        assert_eq!(node.article_count, 2, "{key}");
        assert_eq!(
            corpus.lookup(1, EntityId(e as u32)),
            corpus.find(key),
            "{key}"
        );
    }
    assert_eq!(node(&corpus, 0, 0).canonical_name, "Shah Mehmood Qureshi");
    assert_eq!(node(&corpus, 0, 1).canonical_name, "Qamar Javed Bajwa");
    assert_eq!(node(&corpus, 1, 7).key, "NORP:pakistani");
    assert!(has_suggestion(&corpus, "NORP:pakistani", "LOC:pakistan"));
    assert_eq!(corpus.entities.len(), 9);
}

#[test]
fn two_bushes_stay_apart_with_suggestions() {
    let docs = vec![
        doc("a", &[("George Bush", Person, &[])]),
        doc("b", &[("Jeb Bush", Person, &[])]),
        doc("c", &[("Mr. Bush", Person, &[])]),
    ];
    let corpus = CorpusEntities::build(&docs);
    assert_eq!(
        keys(&corpus),
        ["PER:bush", "PER:george-bush", "PER:jeb-bush"]
    );
    assert!(has_suggestion(&corpus, "PER:bush", "PER:george-bush"));
    assert!(has_suggestion(&corpus, "PER:bush", "PER:jeb-bush"));
    assert!(!has_suggestion(&corpus, "PER:george-bush", "PER:jeb-bush"));
    let reason = &corpus.suggestions[0].reason;
    assert!(
        reason.contains("George Bush") && reason.contains("Jeb Bush"),
        "{reason}"
    );

    // With one Bush only, the surname joins him.
    let corpus = CorpusEntities::build(&[docs[0].clone(), docs[2].clone()]);
    assert_eq!(keys(&corpus), ["PER:george-bush"]);
    assert!(corpus.suggestions.is_empty());
}

#[test]
fn shortened_names_join_once_longer_names_are_settled() {
    let docs = vec![
        doc("a", &[("Lloyd J. Austin", Person, &[])]),
        doc("b", &[("Lloyd Austin", Person, &[])]),
        doc("c", &[("Secretary Austin", Person, &[])]),
        doc("d", &[("George W. Bush", Person, &[])]),
        doc("e", &[("George H. W. Bush", Person, &[])]),
        doc("f", &[("George Bush", Person, &[])]),
        doc("g", &[("Gen. Lloyd Austin", Person, &[])]),
    ];
    let corpus = CorpusEntities::build(&docs);
    let austin = node(&corpus, 0, 0);
    // The name seen in more articles names the node; "Austin" joined too.
    assert_eq!(austin.key, "PER:lloyd-austin");
    assert_eq!(austin.article_count, 4);
    assert!(austin.aliases.contains(&"Lloyd J. Austin".to_owned()));
    // With one article each, the longer name wins.
    let corpus = CorpusEntities::build(&docs[..6]);
    assert_eq!(node(&corpus, 2, 0).key, "PER:lloyd-j-austin");
    // "George Bush" fits both Georges: apart, with two suggestions.
    assert_eq!(node(&corpus, 5, 0).key, "PER:george-bush");
    assert!(has_suggestion(
        &corpus,
        "PER:george-bush",
        "PER:george-w-bush"
    ));
    assert!(has_suggestion(
        &corpus,
        "PER:george-bush",
        "PER:george-h-w-bush"
    ));
}

#[test]
fn lloyd_austin_key_is_stable_when_unrelated_articles_come_and_go() {
    let a = doc(
        "a",
        &[
            (
                "Secretary of Defence General Lloyd Austin",
                Person,
                &["Austin"],
            ),
            ("Pakistan", Loc, &[]),
        ],
    );
    let b = doc(
        "b",
        &[("Pakistan", Loc, &[]), ("Lloyd Austin", Person, &[])],
    );
    let unrelated = doc("z", &[("Angela Merkel", Person, &[]), ("Berlin", Loc, &[])]);
    let mut corpus = CorpusEntities::build(&[a.clone(), b.clone()]);
    let austin = node(&corpus, 0, 0).clone();
    assert_eq!(austin.key, "PER:lloyd-austin");
    assert_eq!(austin.canonical_name, "Lloyd Austin");
    assert_eq!(austin.members, vec![(0, EntityId(0)), (1, EntityId(1))]);

    corpus.add_document(0, &unrelated);
    let i = corpus.find("PER:lloyd-austin").expect("key kept");
    assert_eq!(
        corpus.entities[i].members,
        vec![(1, EntityId(0)), (2, EntityId(1))]
    );
    assert_eq!(corpus.lookup(1, EntityId(0)), Some(i));
    assert_eq!(
        corpus,
        CorpusEntities::build(&[unrelated.clone(), a.clone(), b.clone()])
    );

    corpus.remove_document(0);
    assert_eq!(
        corpus.entities[corpus.find("PER:lloyd-austin").unwrap()],
        austin
    );
    assert_eq!(corpus, CorpusEntities::build(&[a, b]));
}

#[test]
fn key_is_unchanged_when_an_article_is_re_extracted() {
    let first = doc(
        "dawn-1",
        &[
            ("Lloyd Austin", Person, &[]),
            ("Inter-Services Public Relations (ISPR)", Org, &[]),
            ("U.S.", Loc, &[]),
        ],
    );
    let other = doc(
        "dawn-2",
        &[("Lloyd Austin", Person, &[]), ("ISPR", Org, &[])],
    );
    // The re-run finds the entities in another order, with titles and more aliases.
    let again = doc(
        "dawn-1",
        &[
            ("the United States", Loc, &["US"]),
            (
                "General Lloyd Austin",
                Person,
                &["Austin", "the defence secretary"],
            ),
            ("Inter-Services Public Relations", Org, &["ISPR"]),
        ],
    );
    let mut corpus = CorpusEntities::build(&[first, other.clone()]);
    let before = keys(&corpus).join(" ");
    assert_eq!(
        before,
        "LOC:united-states ORG:inter-services-public-relations PER:lloyd-austin"
    );
    let mut replaced = corpus.clone();
    corpus.remove_document(0);
    corpus.add_document(0, &again);
    replaced.replace_document(0, &again);
    assert_eq!(replaced, corpus);
    assert_eq!(keys(&corpus).join(" "), before);
    assert_eq!(node(&corpus, 0, 1).key, "PER:lloyd-austin");
    assert_eq!(node(&corpus, 0, 0).key, "LOC:united-states");
    assert_eq!(corpus, CorpusEntities::build(&[again, other]));
}

#[test]
fn type_conflicts_take_a_lopsided_majority_or_stay_apart() {
    let docs = vec![
        doc("a", &[("Jordan", Person, &[])]),
        doc("b", &[("Jordan", Loc, &[])]),
        doc("c", &[("Chelsea", Org, &[])]),
        doc("d", &[("Chelsea", Org, &[])]),
        doc("e", &[("Chelsea", Org, &[])]),
        doc("f", &[("Chelsea", Person, &[])]),
    ];
    let corpus = CorpusEntities::build(&docs);
    assert_eq!(node(&corpus, 0, 0).key, "PER:jordan");
    assert_eq!(node(&corpus, 1, 0).key, "LOC:jordan");
    assert!(has_suggestion(&corpus, "PER:jordan", "LOC:jordan"));
    let chelsea = node(&corpus, 5, 0);
    assert_eq!(chelsea.key, "ORG:chelsea");
    assert_eq!(chelsea.article_count, 4);
    assert!(corpus.find("PER:chelsea").is_none());
}

#[test]
fn offices_and_other_entities_are_not_nodes() {
    let docs = vec![doc(
        "a",
        &[
            ("Chief of Army Staff", Title, &["COAS"]),
            ("Foreign Minister of Pakistan", Title, &[]),
            ("General Bajwa", Title, &[]),
            ("Friday", Other, &[]),
            ("Qamar Javed Bajwa", Person, &["the COAS"]),
            ("the Foreign Minister", Person, &[]),
            ("the visiting dignitary", Person, &[]),
        ],
    )];
    let corpus = CorpusEntities::build(&docs);
    assert_eq!(corpus.lookup(0, EntityId(5)), None);
    assert_eq!(corpus.lookup(0, EntityId(6)), None);
    assert_eq!(corpus.lookup(0, EntityId(0)), None);
    assert_eq!(corpus.lookup(0, EntityId(1)), None);
    assert_eq!(corpus.lookup(0, EntityId(3)), None);
    // A title that names someone is a person, and here joins the full name.
    assert_eq!(node(&corpus, 0, 2).key, "PER:qamar-javed-bajwa");
    assert_eq!(node(&corpus, 0, 4).key, "PER:qamar-javed-bajwa");
    assert_eq!(keys(&corpus), ["PER:qamar-javed-bajwa"]);
}

#[test]
fn output_does_not_depend_on_entity_order_within_articles() {
    let forward = vec![
        doc(
            "a",
            &[
                ("Joe Biden", Person, &[]),
                ("US", Loc, &[]),
                ("ISPR", Org, &[]),
            ],
        ),
        doc(
            "b",
            &[
                ("Biden", Person, &[]),
                ("Inter-Services Public Relations", Org, &[]),
            ],
        ),
    ];
    let backward = vec![
        doc(
            "a",
            &[
                ("ISPR", Org, &[]),
                ("US", Loc, &[]),
                ("Joe Biden", Person, &[]),
            ],
        ),
        doc(
            "b",
            &[
                ("Inter-Services Public Relations", Org, &[]),
                ("Biden", Person, &[]),
            ],
        ),
    ];
    let f = CorpusEntities::build(&forward);
    let b = CorpusEntities::build(&backward);
    assert_eq!(keys(&f), keys(&b));
    let summary = |c: &CorpusEntities| {
        c.entities
            .iter()
            .map(|e| (e.key.clone(), e.canonical_name.clone(), e.article_count))
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&f), summary(&b));
}

// ---- Real articles: CoNLL-2003 with gold mentions ----

fn conll_path(file: &str) -> String {
    format!(
        "{}/../shared/data/conll2003/{file}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Documents from an interchange file whose gold mentions are clustered per article the way
/// a simple in-article resolver would: same text and type, and a one-word person name joins
/// the one longer person name of the article that ends with it.
fn conll_documents(file: &str, limit: usize) -> Vec<Document> {
    let path = conll_path(file);
    let records = read_jsonl(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    assert!(!records.is_empty(), "{path} has no records");
    records
        .iter()
        .take(limit)
        .map(|r| {
            let mut d = Document::new(r.id.clone(), r.text.clone());
            let index = CharIndex::new(&d.text);
            let mut clusters: BTreeMap<(EntityType, String), Vec<MentionId>> = BTreeMap::new();
            for e in &r.entities {
                let ty = EntityType::from_label(&e.label).unwrap_or(EntityType::Misc);
                let span = index.byte_span(e.start, e.end);
                let surface = span.text(&d.text).to_owned();
                let id = MentionId::from_index(d.annotations.mentions.len());
                d.annotations.mentions.push(Mention {
                    span,
                    entity_type: ty,
                    entity: None,
                    provenance: Provenance::new("gold", 1.0, "conll2003"),
                });
                clusters.entry((ty, surface)).or_default().push(id);
            }
            // Surnames join the article's one full name ending with them.
            let names: Vec<(EntityType, String)> = clusters.keys().cloned().collect();
            for (ty, name) in &names {
                if *ty != Person || name.contains(' ') {
                    continue;
                }
                let longer: Vec<&(EntityType, String)> = names
                    .iter()
                    .filter(|(t, n)| *t == Person && n.ends_with(&format!(" {name}")))
                    .collect();
                if let [full] = longer.as_slice() {
                    let moved = clusters.remove(&(*ty, name.clone())).unwrap_or_default();
                    clusters.entry((*full).clone()).or_default().extend(moved);
                }
            }
            for ((ty, name), mut ids) in clusters {
                ids.sort_unstable();
                let e = EntityId::from_index(d.annotations.entities.len());
                let mut aliases: Vec<String> = ids
                    .iter()
                    .map(|m| {
                        d.annotations.mentions[m.index()]
                            .span
                            .text(&d.text)
                            .to_owned()
                    })
                    .filter(|s| *s != name)
                    .collect();
                aliases.sort();
                aliases.dedup();
                for m in &ids {
                    d.annotations.mentions[m.index()].entity = Some(e);
                }
                d.annotations.entities.push(Entity {
                    canonical_name: name,
                    entity_type: ty,
                    mentions: ids,
                    aliases,
                    provenance: Provenance::new("gold", 1.0, "conll2003"),
                });
            }
            d
        })
        .collect()
}

/// A small deterministic pseudo-random sequence (no dependency needed).
fn lcg(seed: &mut u64) -> usize {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (*seed >> 33) as usize
}

#[test]
fn incremental_adds_and_removes_equal_a_rebuild_on_real_articles() {
    let docs = conll_documents("dev.jsonl", 120);
    assert_eq!(docs.len(), 120);
    let full = CorpusEntities::build(&docs);
    // The corpus really merges across articles and leaves some cases apart.
    assert!(full.entities.iter().any(|e| e.article_count >= 5));
    assert!(!full.suggestions.is_empty());

    // Add every document in a shuffled order, each at the position it has in `docs`.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut seed = 7;
    for i in (1..order.len()).rev() {
        order.swap(i, lcg(&mut seed) % (i + 1));
    }
    let mut inserted: Vec<usize> = Vec::new();
    let mut corpus = CorpusEntities::default();
    for (step, &k) in order.iter().enumerate() {
        let at = inserted.partition_point(|&x| x < k);
        inserted.insert(at, k);
        corpus.add_document(at, &docs[k]);
        if step % 40 == 0 {
            let now: Vec<Document> = inserted.iter().map(|&x| docs[x].clone()).collect();
            assert_eq!(
                corpus,
                CorpusEntities::build(&now),
                "after {} adds",
                step + 1
            );
        }
    }
    assert_eq!(corpus, full);

    // Remove a third of them, at random positions.
    let mut remaining = docs.clone();
    for _ in 0..40 {
        let at = lcg(&mut seed) % remaining.len();
        remaining.remove(at);
        corpus.remove_document(at);
    }
    assert_eq!(corpus.document_count(), remaining.len());
    assert_eq!(corpus, CorpusEntities::build(&remaining));
    // A batch insert equals a rebuild too.
    let mut batch = CorpusEntities::build(&docs[..10]);
    batch.add_documents(5, &docs[10..30]);
    let mut expected = docs[..5].to_vec();
    expected.extend_from_slice(&docs[10..30]);
    expected.extend_from_slice(&docs[5..10]);
    assert_eq!(batch, CorpusEntities::build(&expected));
    // Every node of the rebuild is findable and every member looks up to its node.
    for (i, e) in corpus.entities.iter().enumerate() {
        assert_eq!(corpus.find(&e.key), Some(i));
        for &(d, id) in &e.members {
            assert_eq!(corpus.lookup(d, id), Some(i));
        }
    }
}

/// The document re-extracted: the same entities in reverse order (ids change).
fn reversed(doc: &Document) -> Document {
    let mut d = doc.clone();
    let n = d.annotations.entities.len();
    d.annotations.entities.reverse();
    for m in &mut d.annotations.mentions {
        m.entity = m.entity.map(|e| EntityId::from_index(n - 1 - e.index()));
    }
    d
}

#[test]
fn keys_of_real_articles_survive_re_extraction() {
    let docs = conll_documents("dev.jsonl", 216);
    let before = CorpusEntities::build(&docs);
    let mut after = before.clone();
    let mut checked = 0;
    for at in [0, 17, 100, 215] {
        let again = reversed(&docs[at]);
        after.remove_document(at);
        after.add_document(at, &again);
        let n = docs[at].annotations.entities.len();
        for e in 0..n {
            let old = before.lookup(at, EntityId::from_index(e));
            let new = after.lookup(at, EntityId::from_index(n - 1 - e));
            let key = |c: &CorpusEntities, i: Option<usize>| i.map(|i| c.entities[i].key.clone());
            assert_eq!(key(&before, old), key(&after, new), "doc {at} entity {e}");
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
    assert_eq!(keys(&before), keys(&after));
    assert_eq!(before.suggestions, after.suggestions);
}

#[test]
fn keys_of_real_articles_survive_removing_other_articles() {
    let docs = conll_documents("dev.jsonl", 216);
    let full = CorpusEntities::build(&docs);
    let half = CorpusEntities::build(&docs[..108]);
    // A node of the first half whose members all lie in the first half keeps its key in
    // the full corpus unless later articles changed its merge.
    let mut kept = 0;
    let mut changed = 0;
    for e in &half.entities {
        let in_full: Vec<&str> = e
            .members
            .iter()
            .filter_map(|&(d, id)| full.lookup(d, id))
            .map(|i| full.entities[i].key.as_str())
            .collect();
        assert_eq!(in_full.len(), e.members.len());
        if in_full.iter().all(|k| *k == e.key) {
            kept += 1;
        } else {
            changed += 1;
        }
    }
    assert!(kept > 0);
    // Changes are rare: they come only from merges that later articles made possible.
    assert!(changed * 20 < kept, "{changed} changed, {kept} kept");
}

#[test]
#[ignore = "timing report; run with --release -- --ignored --nocapture"]
fn report_build_time_on_a_thousand_articles() {
    use std::time::{Duration, Instant};
    let mut docs = conll_documents("train.jsonl", usize::MAX);
    docs.extend(conll_documents("dev.jsonl", usize::MAX));
    let entities: usize = docs.iter().map(|d| d.annotations.entities.len()).sum();
    // The fastest of five runs of each operation, in wall time and in this thread's CPU time
    // (Linux `/proc/thread-self/schedstat`), since the machine may be shared.
    let cpu = || -> Option<Duration> {
        let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
        Some(Duration::from_nanos(ns))
    };
    let timed = |f: &mut dyn FnMut()| {
        let (wall, cpu0) = (Instant::now(), cpu());
        f();
        let cpu = cpu().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
        (wall.elapsed(), cpu.unwrap_or_default())
    };
    let fastest = |runs: &[(Duration, Duration)]| {
        let wall = runs.iter().map(|r| r.0).min().unwrap_or_default();
        let cpu = runs.iter().map(|r| r.1).min().unwrap_or_default();
        format!("{wall:?} wall, {cpu:?} CPU")
    };
    let mut corpus = CorpusEntities::default();
    let builds: Vec<_> = (0..5)
        .map(|_| timed(&mut || corpus = CorpusEntities::build(&docs)))
        .collect();
    let mut inc = corpus.clone();
    let middle = docs.len() / 2;
    let (mut removes, mut adds) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        removes.push(timed(&mut || inc.remove_document(middle)));
        adds.push(timed(&mut || inc.add_document(middle, &docs[middle])));
    }
    assert_eq!(inc, corpus);
    let multi = corpus
        .entities
        .iter()
        .filter(|e| e.article_count > 1)
        .count();
    println!(
        "{} articles, {entities} per-article entities -> {} corpus entities ({multi} in 2+ articles), {} suggestions",
        docs.len(),
        corpus.entities.len(),
        corpus.suggestions.len()
    );
    println!(
        "build {}; remove_document {}; add_document {}",
        fastest(&builds),
        fastest(&removes),
        fastest(&adds)
    );
}

#[test]
fn alias_table_names_are_one_node_across_types() {
    use EntityType::Misc;
    let corpus = CorpusEntities::build(&[
        doc("a", &[("Daesh", Misc, &[])]),
        doc("b", &[("ISIL", Org, &[]), ("Hizballah", Misc, &[])]),
        doc(
            "c",
            &[
                ("Islamic State of Iraq and the Levant", Org, &["ISIS"]),
                ("Hezbollah", Org, &[]),
            ],
        ),
        doc(
            "d",
            &[
                ("USA", Misc, &[]),
                ("United States", Loc, &[]),
                ("Americans", Norp, &[]),
            ],
        ),
    ]);
    let is = node(&corpus, 0, 0);
    assert_eq!(
        (is.key.as_str(), is.canonical_name.as_str(), is.entity_type),
        ("ORG:islamic-state", "Islamic State", Org)
    );
    assert_eq!(is.article_count, 3, "{is:?}");
    assert_eq!(node(&corpus, 1, 0).key, is.key);
    assert_eq!(node(&corpus, 2, 0).key, is.key);
    assert_eq!(node(&corpus, 1, 1).key, "ORG:hezbollah");
    assert_eq!(node(&corpus, 2, 1).key, "ORG:hezbollah");
    assert_eq!(node(&corpus, 3, 0).key, "LOC:united-states");
    assert_eq!(node(&corpus, 3, 1).key, "LOC:united-states");
    assert_eq!(node(&corpus, 3, 2).key, "NORP:american");
}

/// A document of `text` with `entities` (name, type) and `mentions` (surface, entity), in
/// text order: each surface at its next occurrence.
fn doc_in_text(
    id: &str,
    text: &str,
    entities: &[(&str, EntityType)],
    mentions: &[(&str, usize)],
) -> Document {
    let mut d = Document::new(id, text);
    d.annotations.entities = entities
        .iter()
        .map(|&(name, ty)| Entity {
            canonical_name: name.to_owned(),
            entity_type: ty,
            mentions: Vec::new(),
            aliases: Vec::new(),
            provenance: Provenance::new("test", 1.0, "hand-made"),
        })
        .collect();
    let mut from = 0;
    for &(surface, e) in mentions {
        let start = from
            + text[from..]
                .find(surface)
                .unwrap_or_else(|| panic!("{surface}"));
        from = start + surface.len();
        let entity = &mut d.annotations.entities[e];
        if entity.canonical_name != surface {
            entity.aliases.push(surface.to_owned());
        }
        entity
            .mentions
            .push(MentionId::from_index(d.annotations.mentions.len()));
        let ty = entity.entity_type;
        d.annotations.mentions.push(Mention {
            span: quarry::model::Span::new(start, from),
            entity_type: ty,
            entity: Some(EntityId::from_index(e)),
            provenance: Provenance::new("test", 1.0, "hand-made"),
        });
    }
    d
}

#[test]
fn other_names_an_article_states_join_other_articles_across_types() {
    use EntityType::Misc;
    let stated = doc_in_text(
        "stated",
        "The Sahel Liberation Front (SLF), known by its Arabic acronym as Jabhat Tahrir \
         al-Sahel, attacked Gao. Officials known as Elders met in Gao.",
        &[
            ("Sahel Liberation Front", Org),
            ("Arabic", Norp),
            ("Jabhat Tahrir al-Sahel", Misc),
            ("Gao", Loc),
            ("Elders", Org),
        ],
        &[
            ("Sahel Liberation Front", 0),
            ("SLF", 0),
            ("Arabic", 1),
            ("Jabhat Tahrir al-Sahel", 2),
            ("Gao", 3),
            ("Elders", 4),
            ("Gao", 3),
        ],
    );
    let later = doc_in_text(
        "later",
        "Jabhat Tahrir al-Sahel fighters entered Mopti, where the Elders met.",
        &[
            ("Jabhat Tahrir al-Sahel", Org),
            ("Mopti", Loc),
            ("Elders", Org),
        ],
        &[("Jabhat Tahrir al-Sahel", 0), ("Mopti", 1), ("Elders", 2)],
    );
    let corpus = CorpusEntities::build(&[stated, later]);
    let front = node(&corpus, 0, 0);
    // Named by its longest name, typed by its most telling type (ORG over MISC).
    assert_eq!(front.key, "ORG:jabhat-tahrir-al-sahel");
    assert_eq!(node(&corpus, 0, 2).key, front.key);
    assert_eq!(node(&corpus, 1, 0).key, front.key);
    assert_eq!(front.article_count, 2);
    // "Officials known as Elders": no name before the cue, no join.
    assert_eq!(node(&corpus, 0, 4).key, node(&corpus, 1, 2).key);
    assert_ne!(node(&corpus, 0, 4).key, front.key);
    assert_ne!(node(&corpus, 0, 3).key, front.key);
}

#[test]
fn a_short_first_name_with_the_same_surname_is_a_suggestion() {
    let corpus = CorpusEntities::build(&[
        doc("a", &[("Antony Velasquez", Person, &[])]),
        doc(
            "b",
            &[
                ("Tony Velasquez", Person, &[]),
                ("Chris Odhiambo", Person, &[]),
            ],
        ),
        doc(
            "c",
            &[
                ("Christopher Odhiambo", Person, &[]),
                ("Joanna Odhiambo", Person, &[]),
                ("Ann Odhiambo", Person, &[]),
            ],
        ),
    ]);
    // Left apart (the names are not shortenings), suggested.
    assert_ne!(node(&corpus, 0, 0).key, node(&corpus, 1, 0).key);
    assert!(has_suggestion(
        &corpus,
        "PER:tony-velasquez",
        "PER:antony-velasquez"
    ));
    assert!(has_suggestion(
        &corpus,
        "PER:chris-odhiambo",
        "PER:christopher-odhiambo"
    ));
    // "Ann" inside "Joanna" is no short form.
    assert!(!has_suggestion(
        &corpus,
        "PER:ann-odhiambo",
        "PER:joanna-odhiambo"
    ));
}
