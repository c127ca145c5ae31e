//! Noise off by default, on the demo project: reported-speech items whose "speaker" is not an
//! actor ("this assistance", "a solution", "Work", "institutions") are noise — hidden from
//! the quotes table and the triage queue, and counted — while quotes by people are not.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::Path;

use quarry::graph::EntityGraph;
use quarry::graph::noise::{is_noise, noise_quotes};
use quarry::model::{EntityType, Provenance, Quote, Span};
use quarry::project::Project;
use quarry::project::edits::apply_all;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/demo/demo.ron");

#[test]
fn reported_speech_without_an_actor_is_hidden_and_counted_on_the_demo() {
    let project = Project::load(Path::new(DEMO)).unwrap();
    let (shown, _) = apply_all(&project.documents, &project.curation.edits);
    let graph = EntityGraph::new(&shown, &project.curation.entities);
    let noise = noise_quotes(&graph, &shown);
    let total: usize = shown.iter().map(|d| d.annotations.quotes.len()).sum();
    assert!(
        !noise.is_empty() && noise.len() < total / 2,
        "{} of {total}",
        noise.len()
    );

    let speaker = |d: usize, i: usize| {
        let doc = &shown[d];
        let q = &doc.annotations.quotes[i];
        q.speaker
            .map(|s| s.text(&doc.text).to_owned())
            .unwrap_or_default()
    };
    // Every hidden item is reported speech; no quote of a person is hidden.
    for (d, doc) in shown.iter().enumerate() {
        for (i, q) in doc.annotations.quotes.iter().enumerate() {
            let hidden = noise.contains(&(d, i));
            assert_eq!(hidden, is_noise(&graph, d, doc, q));
            if hidden {
                assert!(!q.direct, "{}", speaker(d, i));
            }
            let person = q
                .speaker_entity
                .and_then(|e| doc.annotations.entity(e))
                .is_some_and(|e| e.entity_type == EntityType::Person);
            if person {
                assert!(!hidden, "a person's quote is hidden: {}", speaker(d, i));
            }
        }
    }
}

/// Projects saved by an older Quarry still hold the reported speech the pipeline now drops
/// ("this assistance will help …"): the workbench hides and counts it all the same. The
/// demo's own sentences, with such a quote put back for each of these subjects.
#[test]
fn older_extractions_of_speech_by_no_actor_are_hidden_too() {
    let project = Project::load(Path::new(DEMO)).unwrap();
    let (mut shown, _) = apply_all(&project.documents, &project.curation.edits);
    let mut added = Vec::new();
    for thing in [
        "this assistance will",
        "a solution will",
        "Work is expected",
        "institutions enshrined",
    ] {
        let (d, start) = shown
            .iter()
            .enumerate()
            .find_map(|(d, doc)| doc.text.find(thing).map(|at| (d, at)))
            .unwrap_or_else(|| panic!("{thing:?} is not in the demo articles"));
        let doc = &mut shown[d];
        let subject = thing.rsplit_once(' ').unwrap().0.trim_end_matches(" is");
        let speaker = Span::new(start, start + subject.len());
        let end = doc.text[speaker.end..]
            .find('.')
            .map_or(doc.text.len(), |e| speaker.end + e);
        let quote = Quote {
            content: Span::new(speaker.end + 1, end),
            extent: None,
            direct: false,
            cue: None,
            speaker: Some(speaker),
            speaker_mention: None,
            speaker_entity: None,
            provenance: Provenance::new("quotes", 0.3, "indirect-predicate"),
        };
        doc.annotations.quotes.push(quote);
        added.push((d, doc.annotations.quotes.len() - 1));
    }
    let graph = EntityGraph::new(&shown, &project.curation.entities);
    let noise = noise_quotes(&graph, &shown);
    for item in &added {
        assert!(noise.contains(item), "{item:?} not hidden: {noise:?}");
    }
}
