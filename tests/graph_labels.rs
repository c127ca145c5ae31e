//! The network's labels and display defaults on the bundled demo project, computed with the
//! functions the diagram uses (`graph::labels`, `graph::display`): at the default zoom (the
//! whole network fitted to the canvas) no two node labels overlap and none covers another
//! node; relation names on the edges ("holds office", "met") cover no node label, no node and
//! no other relation name; the SVG's edges grow thicker with their evidence and its legend
//! names the relation types in words.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use quarry::export::{ExportOptions, Prepared};
use quarry::graph::EntityGraph;
use quarry::graph::labels::{
    self, DrawnNode, EdgeLabelCandidate, LabelRules, estimate_text_size, intersects, node_radius,
    screen_radius,
};
use quarry::graph::layout::{self, LayoutRequest};
use quarry::model::{EntityType, RelationKind, RelationType};
use quarry::project::Project;

/// The diagram's label rules (`app::panels::graph_view::LABEL_RULES`, which the core cannot
/// import): labels from a 7-unit radius on, at most 250, 2 units from the rim.
const RULES: LabelRules = LabelRules {
    min_radius: 7.0,
    budget: 250,
    gap: 2.0,
};

/// The diagram's seed (`graph_view::SEED`).
const SEED: u64 = 0x5155_4152_5259;

fn demo() -> (Project, EntityGraph) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/demo/demo.ron");
    let project = Project::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs = quarry::project::edits::apply_all(&project.documents, &project.curation.edits).0;
    let graph = EntityGraph::new(&docs, &project.curation.entities);
    (project, graph)
}

/// The nodes the diagram shows by default: every type but dates and quantities, with at
/// least one shown edge.
fn default_visible(graph: &EntityGraph) -> Vec<bool> {
    let cooccurrence = !graph.asserted_only_by_default();
    let mut has_edge = vec![false; graph.nodes.len()];
    for e in &graph.edges {
        if e.kind == RelationKind::Asserted || cooccurrence {
            has_edge[e.source] = true;
            has_edge[e.target] = true;
        }
    }
    graph
        .nodes
        .iter()
        .zip(has_edge)
        .map(|(n, h)| h && n.entity_type != EntityType::ALL[6])
        .collect()
}

#[test]
fn demo_labels_at_the_default_zoom_do_not_overlap() {
    let (_, graph) = demo();
    let layout = layout::compute(
        &LayoutRequest::from_graph(&graph, SEED),
        &AtomicBool::new(false),
    )
    .unwrap_or_else(|| panic!("the layout finishes"));
    let visible = default_visible(&graph);
    let max = graph.max_mentions();
    let mut bounds = [
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    ];
    for (i, n) in graph.nodes.iter().enumerate() {
        if visible[i] {
            let [x, y] = layout.positions[i];
            let r = node_radius(n.mentions, max);
            bounds = [
                bounds[0].min(x - r),
                bounds[1].min(y - r),
                bounds[2].max(x + r),
                bounds[3].max(y + r),
            ];
        }
    }
    // The network tab's canvas in the 1400×900 window of the UI tests, and a small window.
    for canvas in [[1100.0_f32, 760.0], [700.0, 480.0]] {
        let (zoom, pan) = labels::fit(bounds, canvas, 40.0)
            .unwrap_or_else(|| panic!("the demo has visible nodes"));
        let centre = [canvas[0] / 2.0 + pan[0], canvas[1] / 2.0 + pan[1]];
        let drawn: Vec<DrawnNode> = (0..graph.nodes.len())
            .filter(|&i| visible[i])
            .map(|i| DrawnNode {
                node: i,
                centre: [
                    centre[0] + layout.positions[i][0] * zoom,
                    centre[1] + layout.positions[i][1] * zoom,
                ],
                radius: screen_radius(node_radius(graph.nodes[i].mentions, max), zoom),
                tier: 0,
            })
            .collect();
        let placed = labels::node_labels(&graph, &drawn, |t| estimate_text_size(t, 12.0), RULES);
        // Not vacuous: a quarter of the nodes are labelled, and in the workbench's canvas the
        // three most-mentioned ones.
        assert!(
            placed.len() * 4 >= drawn.len(),
            "{} labels on {} nodes at {canvas:?}",
            placed.len(),
            drawn.len()
        );
        let mut by_mentions: Vec<usize> = (0..drawn.len()).collect();
        by_mentions.sort_by_key(|&d| std::cmp::Reverse(graph.nodes[drawn[d].node].mentions));
        let top = if canvas[0] >= 1000.0 { 3 } else { 0 };
        for &d in by_mentions.iter().take(top) {
            assert!(
                placed.iter().any(|p| p.index == d),
                "{} (one of the three biggest) has a label at {canvas:?}",
                graph.nodes[drawn[d].node].name
            );
        }
        for (k, a) in placed.iter().enumerate() {
            for b in &placed[k + 1..] {
                assert!(
                    !intersects(&a.rect, &b.rect),
                    "labels of {} and {} overlap at {canvas:?}",
                    graph.nodes[drawn[a.index].node].name,
                    graph.nodes[drawn[b.index].node].name
                );
            }
            for (j, d) in drawn.iter().enumerate() {
                let x = d.centre[0].clamp(a.rect[0], a.rect[2]);
                let y = d.centre[1].clamp(a.rect[1], a.rect[3]);
                let dist = (d.centre[0] - x).hypot(d.centre[1] - y);
                assert!(
                    j == a.index || dist >= d.radius,
                    "the label of {} covers {} at {canvas:?}",
                    graph.nodes[drawn[a.index].node].name,
                    graph.nodes[d.node].name
                );
            }
        }
        println!(
            "{canvas:?}: zoom {zoom:.2}, {} nodes drawn, {} labelled",
            drawn.len(),
            placed.len()
        );
    }
}

#[test]
fn the_demo_shows_co_occurrence_and_a_large_project_starts_asserted_only() {
    let (project, graph) = demo();
    let asserted = graph.relation_count_of(RelationKind::Asserted);
    let cooccurrence = graph.relation_count_of(RelationKind::Cooccurrence);
    println!(
        "demo: {} articles, {} edges, {asserted} asserted and {cooccurrence} co-occurrence relations",
        project.documents.len(),
        graph.edges.len()
    );
    assert_eq!(graph.relation_count(), asserted + cooccurrence);
    assert!(
        !graph.asserted_only_by_default(),
        "the demo's {} relations are below the threshold",
        graph.relation_count()
    );
    // Three copies of the demo's articles under other ids: a large project.
    let mut docs = quarry::project::edits::apply_all(&project.documents, &project.curation.edits).0;
    let originals = docs.clone();
    for copy in 1..=3 {
        for d in &originals {
            let mut d = d.clone();
            d.id = format!("{}-copy{copy}", d.id);
            docs.push(d);
        }
    }
    let big = EntityGraph::new(&docs, &project.curation.entities);
    assert_eq!(big.relation_count(), 4 * graph.relation_count());
    assert!(big.relation_count() > quarry::graph::display::LARGE_PROJECT_RELATIONS);
    assert!(big.asserted_only_by_default());
}

/// The visible nodes of the demo as the diagram draws them at the default zoom on `canvas`.
fn drawn_at_default_zoom(
    graph: &EntityGraph,
    positions: &[[f32; 2]],
    visible: &[bool],
    canvas: [f32; 2],
) -> Vec<DrawnNode> {
    let max = graph.max_mentions();
    let mut bounds = [
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    ];
    for (i, n) in graph.nodes.iter().enumerate() {
        if visible[i] {
            let [x, y] = positions[i];
            let r = node_radius(n.mentions, max);
            bounds = [
                bounds[0].min(x - r),
                bounds[1].min(y - r),
                bounds[2].max(x + r),
                bounds[3].max(y + r),
            ];
        }
    }
    let (zoom, pan) =
        labels::fit(bounds, canvas, 40.0).unwrap_or_else(|| panic!("the demo has visible nodes"));
    let centre = [canvas[0] / 2.0 + pan[0], canvas[1] / 2.0 + pan[1]];
    (0..graph.nodes.len())
        .filter(|&i| visible[i])
        .map(|i| DrawnNode {
            node: i,
            centre: [
                centre[0] + positions[i][0] * zoom,
                centre[1] + positions[i][1] * zoom,
            ],
            radius: screen_radius(node_radius(graph.nodes[i].mentions, max), zoom),
            tier: 0,
        })
        .collect()
}

#[test]
fn demo_relation_names_cover_no_label_and_no_node_at_the_default_zoom() {
    let (_, graph) = demo();
    let layout = layout::compute(
        &LayoutRequest::from_graph(&graph, SEED),
        &AtomicBool::new(false),
    )
    .unwrap_or_else(|| panic!("the layout finishes"));
    let visible = default_visible(&graph);
    let canvas = [1100.0_f32, 760.0];
    let drawn = drawn_at_default_zoom(&graph, &layout.positions, &visible, canvas);
    let by_node: std::collections::HashMap<usize, [f32; 2]> =
        drawn.iter().map(|d| (d.node, d.centre)).collect();
    let placed = labels::node_labels(&graph, &drawn, |t| estimate_text_size(t, 12.0), RULES);
    let taken: Vec<labels::LabelRect> = placed.iter().map(|p| p.rect).collect();
    let edges: Vec<usize> = (0..graph.edges.len())
        .filter(|&i| {
            let e = &graph.edges[i];
            e.kind == RelationKind::Asserted
                && by_node.contains_key(&e.source)
                && by_node.contains_key(&e.target)
        })
        .collect();
    let candidates: Vec<EdgeLabelCandidate> = edges
        .iter()
        .map(|&i| {
            let e = &graph.edges[i];
            let (a, b) = (by_node[&e.source], by_node[&e.target]);
            EdgeLabelCandidate {
                midpoint: [f32::midpoint(a[0], b[0]), f32::midpoint(a[1], b[1])],
                size: estimate_text_size(e.relation_type.human_label(), 10.0),
                priority: e.count() as u64,
            }
        })
        .collect();
    let names = labels::edge_labels(&candidates, &taken, &drawn, 40);
    println!(
        "{} asserted edges drawn, {} relation names placed: {:?}",
        edges.len(),
        names.len(),
        names
            .iter()
            .map(|n| graph.edges[edges[n.index]].relation_type.human_label())
            .collect::<Vec<_>>()
    );
    assert!(!names.is_empty(), "some relation names have room");
    for (k, a) in names.iter().enumerate() {
        let label = graph.edges[edges[a.index]].relation_type.human_label();
        assert!(
            !label.contains('_') && label == label.to_lowercase(),
            "{label} reads as words"
        );
        for t in &taken {
            assert!(!intersects(&a.rect, t), "{label} covers a node label");
        }
        for b in &names[k + 1..] {
            assert!(!intersects(&a.rect, &b.rect), "two relation names overlap");
        }
        for d in &drawn {
            let x = d.centre[0].clamp(a.rect[0], a.rect[2]);
            let y = d.centre[1].clamp(a.rect[1], a.rect[3]);
            assert!(
                (d.centre[0] - x).hypot(d.centre[1] - y) >= d.radius,
                "{label} covers {}",
                graph.nodes[d.node].name
            );
        }
    }
}

/// The value of attribute `name` in the XML element text `element`.
fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = element[start..].find('"')?;
    Some(&element[start..start + len])
}

/// The texts of the `<text>` elements in the group `<g class="CLASS"`.
fn texts_in_group(svg: &str, class: &str) -> Vec<String> {
    let Some(start) = svg.find(&format!("<g class=\"{class}\"")) else {
        return Vec::new();
    };
    let group = &svg[start..];
    let group = &group[..group.find("</g>").unwrap_or(group.len())];
    text_contents(group)
}

fn text_contents(xml: &str) -> Vec<String> {
    xml.split("<text")
        .skip(1)
        .filter_map(|t| {
            let from = t.find('>')? + 1;
            let to = t.find("</text>")?;
            Some(t[from..to].to_owned())
        })
        .collect()
}

#[test]
fn svg_edges_grow_thicker_with_evidence_and_carry_relation_names() {
    let (project, _) = demo();
    let prepared = Prepared::new(&project, &ExportOptions::default())
        .unwrap_or_else(|e| panic!("the demo prepares: {e}"));
    let svg = String::from_utf8(
        quarry::export::render_svg(&prepared).unwrap_or_else(|e| panic!("the SVG renders: {e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Each edge: its stroke width and the evidence count its title ends with, "(3)".
    let mut edges: Vec<(usize, f32)> = Vec::new();
    for line in svg.split("<line").skip(1) {
        let width: f32 = attribute(line, "stroke-width")
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("an edge with a stroke width: {line}"));
        let title = &line[line.find("<title>").unwrap_or(0)..line.find("</title>").unwrap_or(0)];
        let count: usize = title
            .rsplit_once('(')
            .and_then(|(_, c)| c.trim_end_matches(')').parse().ok())
            .unwrap_or_else(|| panic!("an evidence count in {title:?}"));
        edges.push((count, width));
    }
    let (min, max) = (
        edges.iter().map(|e| e.0).min().unwrap_or(0),
        edges.iter().map(|e| e.0).max().unwrap_or(0),
    );
    println!("{} edges, evidence counts {min}..={max}", edges.len());
    assert!(max > min, "the demo has edges of different evidence counts");
    for a in &edges {
        for b in &edges {
            if a.0 < b.0 {
                assert!(a.1 <= b.1, "{a:?} is drawn thicker than {b:?}");
            }
        }
    }
    let width_of = |count: usize| edges.iter().find(|e| e.0 == count).map_or(0.0, |e| e.1);
    assert!(width_of(max) > width_of(min));

    // The relation names on edges and in the legend are words, and every name on an edge is
    // one the legend lists.
    let human: Vec<&str> = RelationType::ALL.iter().map(|t| t.human_label()).collect();
    let legend: Vec<String> = svg
        .split("<text class=\"relation-type\"")
        .skip(1)
        .flat_map(|t| text_contents(&format!("<text{t}")).into_iter().take(1))
        .collect();
    let on_edges = texts_in_group(&svg, "relation-labels");
    println!("legend: {legend:?}; on edges: {on_edges:?}");
    assert!(!legend.is_empty(), "the legend lists relation types");
    for name in &legend {
        assert!(
            human.contains(&name.as_str()),
            "{name} is a relation's name"
        );
    }
    assert!(!on_edges.is_empty(), "relation names on the SVG's edges");
    for name in &on_edges {
        assert!(legend.contains(name), "the legend lists {name}");
    }
    assert!(!svg.contains("OFFICE_HELD") && !svg.contains("CO_OCCURS"));
}
