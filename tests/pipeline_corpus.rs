//! The whole pipeline over the 22 State Department releases and over generated awkward
//! inputs: no panics, well-formed layers (sorted, non-overlapping spans on char boundaries,
//! consistent ids), sensible counts, determinism and parallel = sequential.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::sync::atomic::AtomicBool;

use quarry::model::{Document, EntityType, RelationKind, RelationType};
use quarry::pipeline::{
    Pipeline, PipelineSettings, Stage, acronyms, aliases, cooccurrence, entities, pos, quotes,
    relations, sentences, titles,
};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/articles/state-department"
);

fn corpus() -> Vec<Document> {
    let mut paths: Vec<_> = std::fs::read_dir(DIR)
        .expect("shared/articles/state-department is present")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 22, "the 22 State Department releases");
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("readable article");
            Document::new(p.file_stem().unwrap().to_string_lossy(), text)
        })
        .collect()
}

/// Checks every structural invariant of a processed document.
fn check(doc: &Document) {
    let text = &doc.text;
    let ann = &doc.annotations;
    let ok = |s: quarry::model::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for w in ann.sentences.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "{}: sentences overlap",
            doc.id
        );
    }
    for s in &ann.sentences {
        assert!(ok(s.span) && !s.span.is_empty());
        assert_eq!(s.span.text(text).trim(), s.span.text(text));
    }
    // Every non-space character is in a sentence.
    let covered: usize = ann
        .sentences
        .iter()
        .map(|s| {
            s.span
                .text(text)
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .sum();
    assert_eq!(
        covered,
        text.chars().filter(|c| !c.is_whitespace()).count(),
        "{}",
        doc.id
    );
    for w in ann.tokens.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
    for t in &ann.tokens {
        assert!(ok(t.span) && !t.span.is_empty());
        let s = ann.sentence_at(t.span.start).expect("token in a sentence");
        assert!(
            ann.sentences[s].span.contains(t.span),
            "{}: token crosses a sentence",
            doc.id
        );
    }
    for w in ann.mentions.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "{}: mentions overlap: {:?} {:?}",
            doc.id,
            w[0].span.text(text),
            w[1].span.text(text)
        );
    }
    for (i, m) in ann.mentions.iter().enumerate() {
        assert!(ok(m.span) && !m.span.is_empty());
        assert!(!m.provenance.stage.is_empty() && (0.0..=1.0).contains(&m.provenance.confidence));
        let e = m.entity.expect("every mention is resolved");
        assert!(
            ann.entities[e.index()]
                .mentions
                .iter()
                .any(|x| x.index() == i)
        );
        if m.entity_type == EntityType::Person {
            let first = m.span.text(text).split_whitespace().next().unwrap_or("");
            assert!(
                !matches!(
                    first,
                    "General" | "President" | "Ambassador" | "Secretary" | "Mr." | "Dr."
                ),
                "{}: title inside person {:?}",
                doc.id,
                m.span.text(text)
            );
        }
    }
    for e in &ann.entities {
        assert!(!e.mentions.is_empty() && !e.canonical_name.is_empty());
        assert!(e.mentions.windows(2).all(|w| w[0] < w[1]));
    }
    for q in &ann.quotes {
        assert!(ok(q.content) && !q.content.is_empty());
        for s in [q.cue, q.speaker].into_iter().flatten() {
            assert!(ok(s));
        }
        if let Some(m) = q.speaker_mention {
            assert_eq!(ann.mentions[m.index()].span, q.speaker.unwrap());
        }
        assert!(
            q.speaker_entity
                .is_none_or(|e| e.index() < ann.entities.len())
        );
    }
    for r in &ann.relations {
        assert!(r.head.index() < ann.entities.len() && r.tail.index() < ann.entities.len());
        assert!(ok(r.evidence));
        if let Some(t) = r.trigger {
            assert!(ok(t) && r.evidence.contains(t));
        }
        if r.kind == RelationKind::Asserted {
            assert!(r.trigger.is_some());
        }
    }
}

#[test]
fn state_department_releases() {
    let mut docs = corpus();
    let pipeline = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    for doc in &mut docs {
        pipeline.run(doc);
        check(doc);
        assert!(
            doc.annotations.mentions.len() >= 3,
            "{}: too few mentions",
            doc.id
        );
        assert!(doc.annotations.sentences.len() >= 2, "{}", doc.id);
    }
    // The `pos` stage tags every token with a Penn tag.
    let doc01 = &docs[0];
    assert!(
        doc01.annotations.tokens.iter().all(|t| t
            .pos
            .as_deref()
            .is_some_and(|p| !p.is_empty() && p.len() <= 4)),
        "{}",
        doc01.id
    );
    assert!(
        doc01
            .annotations
            .tokens
            .iter()
            .any(|t| t.span.text(&doc01.text) == "Iraq" && t.pos.as_deref() == Some("NNP"))
    );
    let total: usize = docs.iter().map(|d| d.annotations.mentions.len()).sum();
    assert!(
        (300..2000).contains(&total),
        "{total} mentions in the corpus"
    );
    let persons: Vec<String> = docs
        .iter()
        .flat_map(|d| {
            d.annotations
                .entities
                .iter()
                .filter(|e| e.entity_type == EntityType::Person)
                .map(|e| e.canonical_name.clone())
        })
        .collect();
    for name in [
        "Brett McGurk",
        "Robert Ford",
        "Knox Thames",
        "John Kirby",
        "Antony Blinken",
        "Ash Carter",
        "Sergey Lavrov",
        "Jonathan Cohen",
        "Ahmed Kamil Murad",
        "Kerry",
        "Lavrov",
        "Obama",
    ] {
        assert!(
            persons.iter().any(|p| p == name),
            "person {name} not found; got {persons:?}"
        );
    }
    // The State Department's many spellings of the Islamic State are one entity per release.
    let doc16 = docs.iter().find(|d| d.id.starts_with("16-")).unwrap();
    let daesh: Vec<_> = doc16
        .annotations
        .entities
        .iter()
        .filter(|e| {
            e.aliases.iter().any(|a| a == "Da’esh" || a == "Dae’sh")
                || e.canonical_name.contains("esh")
        })
        .collect();
    assert_eq!(daesh.len(), 1, "{daesh:?}");
    assert!(daesh[0].mentions.len() >= 3);
    // Acronyms defined in parentheses join their later uses.
    let doc14 = docs.iter().find(|d| d.id.starts_with("14-")).unwrap();
    let srtf = doc14
        .annotations
        .entities
        .iter()
        .find(|e| e.canonical_name == "Syria Recovery Trust Fund")
        .expect("SRTF expansion");
    // Five names; resolved pronouns ("help the SRTF fulfill its important mission") are
    // OTHER mentions of the same entity since in-article pronoun resolution.
    let names = srtf
        .mentions
        .iter()
        .filter(|m| doc14.annotations.mentions[m.index()].entity_type != EntityType::Other)
        .count();
    assert_eq!(names, 5);
    assert_eq!(srtf.mentions.len(), 6);
}

#[test]
fn deterministic_and_parallel_equals_sequential() {
    let pipeline = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut a = corpus();
    for d in &mut a {
        pipeline.run(d);
    }
    let mut b = corpus();
    let cancel = AtomicBool::new(false);
    pipeline
        .run_all(&mut b, &|_| {}, &cancel)
        .expect("not cancelled");
    assert_eq!(a, b);
    // Running again over annotated documents gives the same result.
    pipeline
        .run_all(&mut b, &|_| {}, &cancel)
        .expect("not cancelled");
    assert_eq!(a, b);
}

#[test]
fn stages_can_be_disabled() {
    let all = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        all.stage_names(),
        [
            "sentences",
            "tokens",
            "pos",
            "entities",
            "titles",
            "acronyms",
            "aliases",
            "quotes",
            "relations",
            "cooccurrence"
        ]
    );
    // Stages that no later stage reads can be switched off.
    let settings = PipelineSettings {
        disabled_stages: vec!["quotes".into(), "relations".into(), "cooccurrence".into()],
        ..PipelineSettings::default()
    };
    let some = Pipeline::new(&settings).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        some.stage_names(),
        [
            "sentences",
            "tokens",
            "pos",
            "entities",
            "titles",
            "acronyms",
            "aliases"
        ]
    );
    for doc in &mut corpus() {
        some.run(doc);
        check(doc);
        assert!(doc.annotations.quotes.is_empty());
        assert!(
            doc.annotations
                .relations
                .iter()
                .all(|r| r.relation_type == RelationType::AliasOf)
        );
    }
    // Switching off a stage that a later one reads is an error naming both.
    let refused = |disabled: &[&str]| {
        Pipeline::new(&PipelineSettings {
            disabled_stages: disabled.iter().map(|d| (*d).to_owned()).collect(),
            ..PipelineSettings::default()
        })
        .err()
        .map(|e| e.to_string())
    };
    assert_eq!(
        refused(&["titles", "quotes"]).as_deref(),
        Some(
            "pipeline settings: stage `acronyms` reads the titles layer, which stage `titles` \
             writes, but `titles` is disabled (enable `titles` or also disable `acronyms`)"
        )
    );
    assert_eq!(
        refused(&["tokens"]).as_deref(),
        Some(
            "pipeline settings: stage `pos` reads the tokens layer, which stage `tokens` \
             writes, but `tokens` is disabled (enable `tokens` or also disable `pos`)"
        )
    );
    assert_eq!(
        refused(&["relations"]).as_deref(),
        Some(
            "pipeline settings: stage `cooccurrence` reads the relations layer, which stage \
             `relations` writes, but `relations` is disabled (enable `relations` or also \
             disable `cooccurrence`)"
        )
    );
    // Run on their own without tokens, the later stages do nothing, without panicking.
    let mut doc = corpus().remove(0);
    sentences::Sentences.run(&mut doc);
    let later: [&dyn Stage; 9] = [
        &pos::PosStage,
        &entities::Entities,
        &entities::RuleEntities,
        &titles::Titles,
        &acronyms::Acronyms,
        &aliases::Aliases,
        &quotes::Quotes,
        &relations::Relations,
        &cooccurrence::Cooccurrence,
    ];
    for stage in later {
        stage.run(&mut doc);
    }
    assert!(doc.annotations.mentions.is_empty() && !doc.annotations.sentences.is_empty());
}

/// A tiny deterministic generator (xorshift) for awkward inputs.
fn awkward_inputs() -> Vec<String> {
    let pieces = [
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "(",
        ")",
        "(ISPR)",
        "U.S.",
        "Gen.",
        "Mr.",
        " ",
        "\n",
        "\n\n",
        ".",
        "...",
        "…",
        "?",
        "!",
        ",",
        "Qureshi",
        "said",
        "he",
        "the",
        "COAS",
        "General",
        "Pakistan-US",
        "d’ Affairs",
        "al-Qaeda",
        "中文",
        "é",
        "Chargé",
        "3.5",
        "$530,000",
        "—",
        "-",
        "President",
        "Biden",
        "administration",
        "according to",
        "urged",
        "met",
        "\t",
        "A",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = vec![
        String::new(),
        " ".into(),
        "\n\n\n".into(),
        "“".into(),
        "”".into(),
        "(".into(),
        ".".into(),
    ];
    for _ in 0..300 {
        let len = (next() % 40) as usize;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            if next() % 3 == 0 {
                s.push(' ');
            }
        }
        out.push(s);
    }
    out
}

#[test]
fn awkward_inputs_never_panic_and_stay_well_formed() {
    let pipeline = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    for (i, text) in awkward_inputs().into_iter().enumerate() {
        let mut doc = Document::new(format!("awkward-{i}"), text);
        pipeline.run(&mut doc);
        check(&doc);
    }
}

#[test]
fn an_unbalanced_quote_does_not_swallow_the_rest() {
    let text = "Qureshi said “this is never closed.\n\nLater, Lloyd Austin said “we will stay.” \
                Then “another” appeared.";
    let mut doc = Document::new("u", text);
    Pipeline::new(&PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .run(&mut doc);
    check(&doc);
    let quotes: Vec<&str> = doc
        .annotations
        .quotes
        .iter()
        .filter(|q| q.direct)
        .map(|q| q.content.text(&doc.text))
        .collect();
    assert_eq!(quotes, ["we will stay.", "another"]);
}
