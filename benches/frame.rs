//! Headless frame time of the workbench on a large synthetic corpus: 10,000 entity rows
//! and a 2,000-node / 10,000-edge network. Prints the time from start to the first frame,
//! then the median and worst of 100 frames for the entities table and for the network,
//! then runs criterion on single frames.
//!
//! Run with `cargo bench --bench frame` (release profile).

use std::time::{Duration, Instant};

use criterion::Criterion;
use egui_kittest::Harness;
use quarry::app::App;
use quarry::app::dialogs::ScriptedDialogs;
use quarry::app::state::Tab;
use quarry::model::{
    Document, Entity, EntityId, EntityType, Mention, MentionId, Provenance, Relation, RelationKind,
    RelationType, Sentence, Span,
};
use quarry::project::Project;

/// Entities per document.
const PER_DOC: usize = 50;
/// Documents (`PER_DOC` × `DOCS` = 10,000 entities).
const DOCS: usize = 200;
/// Documents whose entities are tied (40 × 50 = 2,000 connected nodes).
const LINKED_DOCS: usize = 40;
/// Relations per linked document (40 × 250 = 10,000 edges).
const RELATIONS_PER_DOC: usize = 250;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

fn synthetic_documents() -> Vec<Document> {
    let mut rng = Lcg(42);
    let types = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Norp,
        EntityType::Misc,
    ];
    let mut docs = Vec::with_capacity(DOCS);
    for d in 0..DOCS {
        // Own entities, plus (for linked documents) five of the next linked document's.
        let mut globals: Vec<usize> = (0..PER_DOC).map(|j| d * PER_DOC + j).collect();
        if d < LINKED_DOCS {
            let next = (d + 1) % LINKED_DOCS;
            globals.extend((0..5).map(|j| next * PER_DOC + j));
        }
        let mut text = String::new();
        let mut doc_entities = Vec::new();
        let mut mentions = Vec::new();
        for (local, g) in globals.iter().enumerate() {
            let name = format!("Entity {g:05}");
            let entity_type = types[g % types.len()];
            let start = text.len();
            text.push_str(&name);
            text.push_str(" was mentioned in this synthetic sentence. ");
            mentions.push(Mention {
                span: Span::new(start, start + name.len()),
                entity_type,
                entity: Some(EntityId::from_index(local)),
                provenance: Provenance::new("synthetic", 1.0, ""),
            });
            doc_entities.push(Entity {
                canonical_name: name,
                entity_type,
                mentions: vec![MentionId::from_index(local)],
                aliases: Vec::new(),
                provenance: Provenance::default(),
            });
        }
        let mut doc = Document::new(format!("doc{d:03}"), text.clone());
        doc.meta.title = format!("Synthetic article {d}");
        doc.annotations.sentences = vec![Sentence {
            span: Span::new(0, text.len()),
        }];
        doc.annotations.mentions = mentions;
        if d < LINKED_DOCS {
            let n = doc_entities.len();
            let mut seen = std::collections::BTreeSet::new();
            while seen.len() < RELATIONS_PER_DOC {
                let (h, t) = (rng.next(n), rng.next(n));
                if h != t && seen.insert((h.min(t), h.max(t))) {
                    let kind = if seen.len() % 3 == 0 {
                        RelationKind::Cooccurrence
                    } else {
                        RelationKind::Asserted
                    };
                    doc.annotations.relations.push(Relation {
                        head: EntityId::from_index(h),
                        tail: EntityId::from_index(t),
                        head_mention: None,
                        tail_mention: None,
                        relation_type: if kind == RelationKind::Asserted {
                            RelationType::Met
                        } else {
                            RelationType::CoOccurs
                        },
                        kind,
                        trigger: None,
                        evidence: Span::new(0, 20),
                        negated: false,
                        modal: false,
                        provenance: Provenance::default(),
                    });
                }
            }
        }
        doc.annotations.entities = doc_entities;
        docs.push(doc);
    }
    docs
}

fn harness(project: Project) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(quarry::app::fonts::install)
        .build_eframe(move |_cc| {
            App::from_project(project, None, Box::new(ScriptedDialogs::default()))
        })
}

fn frames(harness: &mut Harness<'static, App>, n: usize) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            harness.step();
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    (times[n / 2], times[n - 1])
}

/// Median and worst time to tessellate the last frame's shapes into meshes (what a renderer
/// does after `App::ui`; kittest's headless step stops before it).
fn tessellation(harness: &mut Harness<'static, App>, n: usize) -> (Duration, Duration, usize) {
    let mut triangles = 0;
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            harness.step();
            let shapes = harness.output().shapes.clone();
            let t = Instant::now();
            let primitives = harness.ctx.tessellate(shapes, 1.0);
            let elapsed = t.elapsed();
            triangles = primitives
                .iter()
                .map(|p| match &p.primitive {
                    egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                    egui::epaint::Primitive::Callback(_) => 0,
                })
                .sum();
            elapsed
        })
        .collect();
    times.sort_unstable();
    (times[n / 2], times[n - 1], triangles)
}

fn main() {
    let started = Instant::now();
    let project = Project {
        name: "synthetic".to_owned(),
        documents: synthetic_documents(),
        ..Project::default()
    };
    let built = started.elapsed();
    let mut harness = harness(project.clone());
    let first_frame = started.elapsed();
    let corpus = harness.state().corpus();
    let (nodes, edges) = (corpus.graph.nodes.len(), corpus.graph.edges.len());
    let connected = corpus.graph.degrees().iter().filter(|d| **d > 0).count();
    println!(
        "corpus: {} documents, {nodes} entity rows, {connected} connected nodes, {edges} edges",
        project.documents.len()
    );
    assert_eq!(nodes, PER_DOC * DOCS);
    assert_eq!(connected, LINKED_DOCS * PER_DOC);
    println!("start to first frame: {first_frame:?} (documents generated in {built:?})");

    let (median, worst) = frames(&mut harness, 100);
    println!("entities table, 100 frames: median {median:?}, worst {worst:?}");
    let (median, worst, triangles) = tessellation(&mut harness, 30);
    println!(
        "entities table, tessellating a frame (30 frames): median {median:?}, worst {worst:?}, {triangles} triangles"
    );

    harness.state_mut().set_tab(Tab::Network);
    harness.step();
    let layout_started = Instant::now();
    harness.state_mut().graph_view_mut().wait_for_layout();
    println!(
        "network layout of {nodes} nodes ({connected} simulated), background: {:?}",
        layout_started.elapsed()
    );
    harness.step();
    let (median, worst) = frames(&mut harness, 100);
    let (n, e, l) = harness.state().graph_view().last_counts;
    println!(
        "network, 100 frames: median {median:?}, worst {worst:?} (drawn: {n} nodes, {e} edges, {l} labels)"
    );
    let (median, worst, triangles) = tessellation(&mut harness, 30);
    println!(
        "network, tessellating a frame (30 frames): median {median:?}, worst {worst:?}, {triangles} triangles"
    );

    // With co-occurrence edges and unconnected nodes shown as well.
    harness.state_mut().graph_view_mut().settings.hide_isolated = false;
    harness.state_mut().graph_view_mut().settings.shown_types = [true; 7];
    harness.step();
    let (median, worst) = frames(&mut harness, 100);
    let (n, e, l) = harness.state().graph_view().last_counts;
    println!(
        "network incl. unconnected, 100 frames: median {median:?}, worst {worst:?} (drawn: {n} nodes, {e} edges, {l} labels)"
    );

    let mut criterion = Criterion::default().configure_from_args().sample_size(30);
    criterion.bench_function("frame_network_2000_nodes_10000_edges", |b| {
        b.iter(|| harness.step());
    });
    harness.state_mut().set_tab(Tab::Entities);
    harness.step();
    criterion.bench_function("frame_entities_10000_rows", |b| {
        b.iter(|| harness.step());
    });
    criterion.final_summary();
}
