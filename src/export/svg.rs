//! SVG: the network diagram as laid out (saved positions, else the core layout), with
//! labels placed as the workbench places them (`graph::labels`: none overlaps another label
//! or another node; a label with no free spot is left out, the node keeps its tooltip),
//! entity-type colours, edges as thick as their evidence count, relation types in words and
//! a legend.

#![allow(clippy::many_single_char_names)] // w: the XML writer, p: the export, n/e: node/edge.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{Prepared, xml_error};
use crate::Result;
use crate::graph::labels::{
    self, DrawnNode, EdgeLabelCandidate, LabelRules, PlacedLabel, estimate_text_size, node_radius,
    screen_radius,
};
use crate::graph::palette::entity_hex;
use crate::model::{EntityType, RelationKind, RelationType};

const WIDTH: f32 = 1200.0;
const HEIGHT: f32 = 900.0;
const MARGIN: f32 = 60.0;
const LEGEND_WIDTH: f32 = 170.0;
/// The label font size.
const LABEL_SIZE: f32 = 11.0;
/// The font size of relation names on edges.
const RELATION_SIZE: f32 = 9.0;
/// At most this many relation names on edges.
const RELATION_BUDGET: usize = 120;
/// Every node that has room gets a label.
const RULES: LabelRules = LabelRules {
    min_radius: 0.0,
    budget: usize::MAX,
    gap: 2.0,
};

/// The network as an SVG drawing.
pub fn render(p: &Prepared) -> Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    write(&mut w, p).map_err(xml_error)?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn num(v: f32) -> String {
    format!("{v:.1}")
}

/// Maps layout coordinates into the drawing area.
struct Frame {
    min: [f32; 2],
    scale: f32,
    offset: [f32; 2],
}

impl Frame {
    fn new(p: &Prepared) -> Self {
        let mut min = [f32::INFINITY; 2];
        let mut max = [f32::NEG_INFINITY; 2];
        for i in p.nodes() {
            for k in 0..2 {
                min[k] = min[k].min(p.positions[i][k]);
                max[k] = max[k].max(p.positions[i][k]);
            }
        }
        if !min[0].is_finite() {
            min = [0.0; 2];
            max = [1.0; 2];
        }
        let area = [WIDTH - LEGEND_WIDTH - 2.0 * MARGIN, HEIGHT - 2.0 * MARGIN];
        let span = [(max[0] - min[0]).max(1e-3), (max[1] - min[1]).max(1e-3)];
        let scale = (area[0] / span[0]).min(area[1] / span[1]);
        let offset = [
            MARGIN + (area[0] - span[0] * scale) / 2.0,
            MARGIN + (area[1] - span[1] * scale) / 2.0,
        ];
        Self { min, scale, offset }
    }

    fn map(&self, pos: [f32; 2]) -> [f32; 2] {
        [
            self.offset[0] + (pos[0] - self.min[0]) * self.scale,
            self.offset[1] + (pos[1] - self.min[1]) * self.scale,
        ]
    }
}

/// A node's radius in the drawing: the diagram's layout radius at the drawing's scale
/// (so discs the layout keeps apart stay apart), at most 18.
fn radius(p: &Prepared, frame: &Frame, node: usize) -> f32 {
    let mentions = p.graph.nodes.get(node).map_or(0, |n| n.mentions);
    screen_radius(node_radius(mentions, p.graph.max_mentions()), frame.scale).min(18.0)
}

fn write(w: &mut Writer<Vec<u8>>, p: &Prepared) -> std::io::Result<()> {
    let frame = Frame::new(p);
    let (width, height) = (num(WIDTH), num(HEIGHT));
    let view_box = format!("0 0 {width} {height}");
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", width.as_str()),
            ("height", height.as_str()),
            ("viewBox", view_box.as_str()),
            ("font-family", "sans-serif"),
        ])
        .write_inner_content(|w| {
            w.create_element("title")
                .write_text_content(BytesText::new(&format!("Entity network: {}", p.name)))?;
            w.create_element("defs").write_inner_content(|w| {
                w.create_element("marker")
                    .with_attributes([
                        ("id", "arrow"),
                        ("viewBox", "0 0 10 10"),
                        ("refX", "10"),
                        ("refY", "5"),
                        ("markerWidth", "6"),
                        ("markerHeight", "6"),
                        ("orient", "auto-start-reverse"),
                    ])
                    .write_inner_content(|w| {
                        w.create_element("path")
                            .with_attributes([("d", "M 0 0 L 10 5 L 0 10 z"), ("fill", "#3c3c50")])
                            .write_empty()?;
                        Ok(())
                    })?;
                Ok(())
            })?;
            w.create_element("rect")
                .with_attributes([("width", "100%"), ("height", "100%"), ("fill", "white")])
                .write_empty()?;
            edges(w, p, &frame)?;
            let drawn = drawn_nodes(p, &frame);
            nodes(w, p, &drawn)?;
            let placed = labels::node_labels(
                &p.graph,
                &drawn,
                |t| estimate_text_size(t, LABEL_SIZE),
                RULES,
            );
            node_labels(w, p, &drawn, &placed)?;
            let taken: Vec<labels::LabelRect> = placed.iter().map(|l| l.rect).collect();
            relation_labels(w, p, &frame, &drawn, &taken)?;
            legend(w, p)
        })?;
    Ok(())
}

fn edges(w: &mut Writer<Vec<u8>>, p: &Prepared, frame: &Frame) -> std::io::Result<()> {
    w.create_element("g")
        .with_attribute(("class", "edges"))
        .write_inner_content(|w| {
            for i in p.edges() {
                let e = &p.graph.edges[i];
                let a = frame.map(p.positions[e.source]);
                let b = frame.map(p.positions[e.target]);
                // Stop at the target's rim so the arrow head shows.
                let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                let len = (dx * dx + dy * dy).sqrt().max(1e-3);
                let r = radius(p, frame, e.target) + 1.0;
                let end = [b[0] - dx / len * r, b[1] - dy / len * r];
                let (stroke, opacity) = match e.kind {
                    RelationKind::Asserted => ("#3c3c50", "0.7"),
                    RelationKind::Cooccurrence => ("#5a5a64", "0.2"),
                };
                let width = num(stroke_width(e.count()));
                let (x1, y1, x2, y2) = (num(a[0]), num(a[1]), num(end[0]), num(end[1]));
                let title = format!(
                    "{} {} {} ({})",
                    p.graph.nodes[e.source].name,
                    e.relation_type.human_label(),
                    p.graph.nodes[e.target].name,
                    e.count()
                );
                let mut line = w.create_element("line").with_attributes([
                    ("x1", x1.as_str()),
                    ("y1", y1.as_str()),
                    ("x2", x2.as_str()),
                    ("y2", y2.as_str()),
                    ("stroke", stroke),
                    ("stroke-opacity", opacity),
                    ("stroke-width", width.as_str()),
                ]);
                if e.directed && e.kind == RelationKind::Asserted {
                    line = line.with_attribute(("marker-end", "url(#arrow)"));
                }
                line.write_inner_content(|w| {
                    w.create_element("title")
                        .write_text_content(BytesText::new(&title))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The exported nodes where the drawing puts them.
fn drawn_nodes(p: &Prepared, frame: &Frame) -> Vec<DrawnNode> {
    p.nodes()
        .map(|i| DrawnNode {
            node: i,
            centre: frame.map(p.positions[i]),
            radius: radius(p, frame, i),
            tier: 0,
        })
        .collect()
}

fn nodes(w: &mut Writer<Vec<u8>>, p: &Prepared, drawn: &[DrawnNode]) -> std::io::Result<()> {
    w.create_element("g")
        .with_attribute(("class", "nodes"))
        .write_inner_content(|w| {
            for d in drawn {
                let n = &p.graph.nodes[d.node];
                let [x, y] = d.centre;
                let (cx, cy, rr) = (num(x), num(y), num(d.radius));
                let colour = entity_hex(n.entity_type);
                let mut title = format!(
                    "{} ({}, {} mentions in {} articles)",
                    n.name,
                    n.entity_type.label(),
                    n.mentions,
                    n.documents
                );
                for office in &n.offices {
                    title.push('\n');
                    title.push_str(&n.name);
                    title.push_str(" — ");
                    title.push_str(office);
                }
                w.create_element("circle")
                    .with_attributes([
                        ("cx", cx.as_str()),
                        ("cy", cy.as_str()),
                        ("r", rr.as_str()),
                        ("fill", colour.as_str()),
                        ("stroke", "#222"),
                        ("stroke-width", "0.6"),
                    ])
                    .write_inner_content(|w| {
                        w.create_element("title")
                            .write_text_content(BytesText::new(&title))?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The placed labels, centred in their rectangles, on a white halo over the edges.
fn node_labels(
    w: &mut Writer<Vec<u8>>,
    p: &Prepared,
    drawn: &[DrawnNode],
    placed: &[PlacedLabel],
) -> std::io::Result<()> {
    w.create_element("g")
        .with_attributes([
            ("class", "labels"),
            ("font-size", "11"),
            ("fill", "#111"),
            ("text-anchor", "middle"),
            ("stroke", "white"),
            ("stroke-width", "3"),
            ("stroke-linejoin", "round"),
            ("paint-order", "stroke"),
        ])
        .write_inner_content(|w| {
            for label in placed {
                let n = &p.graph.nodes[drawn[label.index].node];
                let [x0, y0, x1, y1] = label.rect;
                // The baseline about four fifths down the line box.
                let (x, y) = (num(f32::midpoint(x0, x1)), num(y0 + (y1 - y0) * 0.78));
                w.create_element("text")
                    .with_attributes([("x", x.as_str()), ("y", y.as_str())])
                    .write_text_content(BytesText::new(&n.name))?;
            }
            Ok(())
        })?;
    Ok(())
}

/// An edge's stroke width: grows with its evidence count (one relation 1, four 2, nine 3),
/// at most 5.
fn stroke_width(count: usize) -> f32 {
    (count.max(1) as f32).sqrt().min(5.0)
}

/// The relation names ("holds office", "met") on asserted edges, centred on the edge where
/// they cover no node label, no node and no other name (`graph::labels::edge_labels`); the
/// best-attested edges first.
fn relation_labels(
    w: &mut Writer<Vec<u8>>,
    p: &Prepared,
    frame: &Frame,
    drawn: &[DrawnNode],
    taken: &[labels::LabelRect],
) -> std::io::Result<()> {
    let edges: Vec<usize> = p
        .edges()
        .filter(|&i| p.graph.edges[i].kind == RelationKind::Asserted)
        .collect();
    let candidates: Vec<EdgeLabelCandidate> = edges
        .iter()
        .map(|&i| {
            let e = &p.graph.edges[i];
            let (a, b) = (
                frame.map(p.positions[e.source]),
                frame.map(p.positions[e.target]),
            );
            EdgeLabelCandidate {
                midpoint: [f32::midpoint(a[0], b[0]), f32::midpoint(a[1], b[1])],
                size: estimate_text_size(e.relation_type.human_label(), RELATION_SIZE),
                priority: e.count() as u64,
            }
        })
        .collect();
    let placed = labels::edge_labels(&candidates, taken, drawn, RELATION_BUDGET);
    let size = num(RELATION_SIZE);
    w.create_element("g")
        .with_attributes([
            ("class", "relation-labels"),
            ("font-size", size.as_str()),
            ("fill", "#3c3c50"),
            ("text-anchor", "middle"),
            ("stroke", "white"),
            ("stroke-width", "2.5"),
            ("stroke-linejoin", "round"),
            ("paint-order", "stroke"),
        ])
        .write_inner_content(|w| {
            for label in &placed {
                let e = &p.graph.edges[edges[label.index]];
                let [x0, y0, x1, y1] = label.rect;
                let (x, y) = (num(f32::midpoint(x0, x1)), num(y0 + (y1 - y0) * 0.78));
                w.create_element("text")
                    .with_attributes([("x", x.as_str()), ("y", y.as_str())])
                    .write_text_content(BytesText::new(e.relation_type.human_label()))?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The relation types of the exported asserted edges, in the order of [`RelationType::ALL`].
fn shown_relation_types(p: &Prepared) -> Vec<RelationType> {
    RelationType::ALL
        .into_iter()
        .filter(|t| {
            p.edges().any(|i| {
                let e = &p.graph.edges[i];
                e.kind == RelationKind::Asserted && e.relation_type == *t
            })
        })
        .collect()
}

fn legend(w: &mut Writer<Vec<u8>>, p: &Prepared) -> std::io::Result<()> {
    let x = WIDTH - LEGEND_WIDTH + 10.0;
    w.create_element("g")
        .with_attribute(("class", "legend"))
        .write_inner_content(|w| {
            let (tx, ty) = (num(x), num(MARGIN));
            w.create_element("text")
                .with_attributes([
                    ("x", tx.as_str()),
                    ("y", ty.as_str()),
                    ("font-size", "13"),
                    ("font-weight", "bold"),
                ])
                .write_text_content(BytesText::new("Entity types"))?;
            for (k, t) in EntityType::ALL.iter().enumerate() {
                let y = MARGIN + 22.0 + k as f32 * 20.0;
                let (cx, cy, lx, ly) = (num(x + 6.0), num(y - 4.0), num(x + 18.0), num(y));
                let colour = entity_hex(*t);
                w.create_element("circle")
                    .with_attributes([
                        ("cx", cx.as_str()),
                        ("cy", cy.as_str()),
                        ("r", "6"),
                        ("fill", colour.as_str()),
                        ("stroke", "#222"),
                        ("stroke-width", "0.6"),
                    ])
                    .write_empty()?;
                w.create_element("text")
                    .with_attributes([("x", lx.as_str()), ("y", ly.as_str()), ("font-size", "12")])
                    .write_text_content(BytesText::new(t.label()))?;
            }
            let rows: [(&str, &str, &str, &str); 3] = [
                ("#3c3c50", "0.7", "1", "asserted relation"),
                ("#3c3c50", "0.7", "3.5", "… with many relations"),
                ("#5a5a64", "0.35", "1", "co-occurrence"),
            ];
            let top = MARGIN + 22.0 + EntityType::ALL.len() as f32 * 20.0 + 10.0;
            for (k, (stroke, opacity, width, text)) in rows.into_iter().enumerate() {
                let y = top + k as f32 * 20.0;
                // A path, not a line: `<line>` elements are the network's edges.
                let d = format!("M {} {} H {}", num(x), num(y - 4.0), num(x + 14.0));
                let (tx, ty) = (num(x + 18.0), num(y));
                w.create_element("path")
                    .with_attributes([
                        ("d", d.as_str()),
                        ("stroke", stroke),
                        ("stroke-opacity", opacity),
                        ("stroke-width", width),
                    ])
                    .write_empty()?;
                w.create_element("text")
                    .with_attributes([("x", tx.as_str()), ("y", ty.as_str()), ("font-size", "12")])
                    .write_text_content(BytesText::new(text))?;
            }
            // The relation types on the edges, in the words the edges carry.
            let types = shown_relation_types(p);
            if !types.is_empty() {
                let top = top + 3.0 * 20.0 + 10.0;
                let (tx, ty) = (num(x), num(top));
                w.create_element("text")
                    .with_attributes([
                        ("x", tx.as_str()),
                        ("y", ty.as_str()),
                        ("font-size", "13"),
                        ("font-weight", "bold"),
                    ])
                    .write_text_content(BytesText::new("Relations"))?;
                for (k, t) in types.into_iter().enumerate() {
                    let (tx, ty) = (num(x), num(top + 18.0 + k as f32 * 16.0));
                    w.create_element("text")
                        .with_attributes([
                            ("class", "relation-type"),
                            ("x", tx.as_str()),
                            ("y", ty.as_str()),
                            ("font-size", "11"),
                        ])
                        .write_text_content(BytesText::new(t.human_label()))?;
                }
            }
            Ok(())
        })?;
    Ok(())
}
