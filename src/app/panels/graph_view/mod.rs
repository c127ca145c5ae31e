//! The network diagram, drawn with egui's painter: nodes coloured by type and sized by
//! mentions, asserted edges solid and co-occurrence edges faint (dashed when zoomed in),
//! pan, zoom, drag-to-pin, click-to-select, filters, neighbourhood mode and fit-to-view.
//!
//! Nodes are resolved corpus entities; directed relation types are drawn with an arrowhead at
//! the tail, symmetric ones (met, allied with) and co-occurrence without.
//!
//! The layout runs on a background thread and is memoised by its
//! [`LayoutRequest`] (a `None → InProgress → Finished` state machine); when the graph
//! changes, nodes already laid out keep their positions and only new ones are placed
//! ([`LayoutRequest::keep_positions`]). Pinned positions from the project's curation
//! override it. Off-screen shapes are culled and labels are
//! skipped when zoomed out, so 2,000 nodes and 10,000 edges stay fluid.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, channel};

use egui::{Align2, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use crate::app::command::Command;
use crate::app::selection::{Item, Origin};
use crate::app::theme;
use crate::graph::labels::{self, DrawnNode, EdgeLabelCandidate, screen_radius};
use crate::graph::layout::{self, Layout, LayoutRequest};
use crate::graph::tags::TagSelection;
use crate::graph::{EntityGraph, Node};
use crate::model::{RelationKind, RelationType};

use super::View;

mod toolbar;
mod tooltip;

/// The layout seed (fixed: the same project always gets the same picture).
const SEED: u64 = 0x5155_4152_5259;

/// The most labels drawn in one frame.
const MAX_LABELS: usize = 250;

/// What the diagram shows.
// Independent filter switches, each a checkbox.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, PartialEq)]
pub struct GraphSettings {
    /// Shown entity types, in [`EntityType::ALL`] order.
    pub shown_types: [bool; 7],
    /// Show asserted edges.
    pub asserted: bool,
    /// Show co-occurrence edges.
    pub cooccurrence: bool,
    /// Hide entities with fewer mentions.
    pub min_mentions: usize,
    /// Show only the selected entity and its neighbours.
    pub neighbourhood: bool,
    /// How many steps from the selected entity the neighbourhood reaches (1 or 2).
    pub ego_depth: usize,
    /// Hide entities without any shown edge.
    pub hide_isolated: bool,
    /// Show only what carries this tag ("": everything; see [`crate::graph::tags`]).
    pub tag: String,
}

impl Default for GraphSettings {
    fn default() -> Self {
        let mut shown_types = [true; 7];
        shown_types[6] = false; // Dates and quantities clutter the network.
        Self {
            shown_types,
            asserted: true,
            cooccurrence: true,
            min_mentions: 1,
            neighbourhood: false,
            ego_depth: 1,
            hide_isolated: true,
            tag: String::new(),
        }
    }
}

enum LayoutState {
    None,
    InProgress {
        request: LayoutRequest,
        receiver: Receiver<Option<Layout>>,
        cancel: Arc<AtomicBool>,
        progress: Arc<AtomicU32>,
    },
    Finished {
        request: LayoutRequest,
        layout: Layout,
    },
}

/// Per-revision data derived from the graph.
#[derive(Default)]
struct Derived {
    revision: u64,
    request: Option<LayoutRequest>,
    adjacency: Vec<Vec<usize>>,
}

/// The network view's state (camera, filters, layout).
pub struct GraphView {
    /// The filters.
    pub settings: GraphSettings,
    layout: LayoutState,
    derived: Derived,
    zoom: f32,
    pan: Vec2,
    fit_pending: bool,
    dragging: Option<(usize, [f32; 2])>,
    /// The selection the neighbourhood view was last fitted to.
    fitted_selection: Option<usize>,
    /// Shapes drawn in the last frame (nodes, edges, labels), for tests and benchmarks.
    pub last_counts: (usize, usize, usize),
    /// The tag filter's selection, for (tag, documents' revision, edit revision).
    tagged: Option<((String, u64, u64), TagSelection)>,
    /// The nodes drawn in the last frame (screen centre and radius) and the label
    /// rectangles placed, for tests.
    last_drawn: Vec<DrawnNode>,
    last_labels: Vec<labels::LabelRect>,
    /// The relation types of the asserted edges drawn in the last frame, named in words on
    /// the line under the toolbar (a list in the canvas's legend covered nodes).
    last_relation_types: Vec<RelationType>,
    /// The researcher ticked or unticked "co-occurrence": the large-project default no
    /// longer applies.
    cooccurrence_chosen: bool,
}

impl Default for GraphView {
    fn default() -> Self {
        Self {
            settings: GraphSettings::default(),
            layout: LayoutState::None,
            derived: Derived::default(),
            zoom: 1.0,
            pan: Vec2::ZERO,
            fit_pending: true,
            dragging: None,
            fitted_selection: None,
            last_counts: (0, 0, 0),
            tagged: None,
            last_drawn: Vec::new(),
            last_labels: Vec::new(),
            last_relation_types: Vec::new(),
            cooccurrence_chosen: false,
        }
    }
}

/// Layout radius of a node ([`labels::node_radius`]).
fn node_radius(node: &Node, max_mentions: usize) -> f32 {
    labels::node_radius(node.mentions, max_mentions)
}

/// Screen space kept around the nodes when fitting them to the canvas.
pub const FIT_MARGIN: f32 = 40.0;

/// Tier-0 nodes drawn smaller than this get no label.
const MIN_LABELLED_RADIUS: f32 = 7.0;

/// The label rules of the diagram (also what `tests/graph_labels.rs` checks).
pub const LABEL_RULES: labels::LabelRules = labels::LabelRules {
    min_radius: MIN_LABELLED_RADIUS,
    budget: MAX_LABELS,
    gap: 2.0,
};

impl GraphView {
    /// Where the node with index `node` was drawn in the last frame (screen point), if it was.
    pub fn node_screen_position(&self, node: usize) -> Option<Pos2> {
        self.last_drawn
            .iter()
            .find(|d| d.node == node)
            .map(|d| Pos2::new(d.centre[0], d.centre[1]))
    }

    /// The node label rectangles placed in the last frame (`[min_x, min_y, max_x, max_y]`).
    pub fn label_rects(&self) -> &[labels::LabelRect] {
        &self.last_labels
    }

    /// True once the layout for the current graph is ready.
    pub fn layout_ready(&self) -> bool {
        matches!(self.layout, LayoutState::Finished { .. })
    }

    /// Blocks until the running layout finishes (for tests and benchmarks).
    pub fn wait_for_layout(&mut self) {
        if let LayoutState::InProgress {
            request, receiver, ..
        } = &self.layout
            && let Ok(Some(layout)) = receiver.recv()
        {
            self.layout = LayoutState::Finished {
                request: request.clone(),
                layout,
            };
            self.fit_pending = true;
        }
    }

    fn update_layout(&mut self, ctx: &egui::Context, graph: &EntityGraph, revision: u64) {
        if self.derived.revision != revision || self.derived.request.is_none() {
            let mut adjacency = vec![Vec::new(); graph.nodes.len()];
            for e in &graph.edges {
                if let Some(a) = adjacency.get_mut(e.source) {
                    a.push(e.target);
                }
                if let Some(a) = adjacency.get_mut(e.target) {
                    a.push(e.source);
                }
            }
            let mut request = LayoutRequest::from_graph(graph, SEED);
            if let LayoutState::Finished {
                request: previous,
                layout,
            } = &self.layout
            {
                request.keep_positions(&previous.keys, layout);
            }
            self.derived = Derived {
                revision,
                request: Some(request),
                adjacency,
            };
            if !self.cooccurrence_chosen {
                self.settings.cooccurrence = !graph.asserted_only_by_default();
            }
        }
        let Some(wanted) = &self.derived.request else {
            return;
        };
        let current = match &self.layout {
            LayoutState::None => None,
            LayoutState::InProgress { request, .. } | LayoutState::Finished { request, .. } => {
                Some(request)
            }
        };
        if current != Some(wanted) {
            if let LayoutState::InProgress { cancel, .. } = &self.layout {
                cancel.store(true, Ordering::Relaxed);
            }
            let request = wanted.clone();
            let cancel = Arc::new(AtomicBool::new(false));
            let (sender, receiver) = channel();
            let progress = Arc::new(AtomicU32::new(0));
            let (req, c, repaint) = (request.clone(), Arc::clone(&cancel), ctx.clone());
            let done = Arc::clone(&progress);
            let spawned = std::thread::Builder::new()
                .name("quarry-layout".to_owned())
                .spawn(move || {
                    sender
                        .send(layout::compute_with_progress(&req, &c, &done))
                        .ok();
                    repaint.request_repaint();
                });
            self.layout = match spawned {
                Ok(_) => LayoutState::InProgress {
                    request,
                    receiver,
                    cancel,
                    progress,
                },
                // Without a thread, lay out here (slower, but still correct).
                Err(_) => LayoutState::Finished {
                    layout: layout::compute(&request, &AtomicBool::new(false)).unwrap_or_default(),
                    request,
                },
            };
        }
        if let LayoutState::InProgress {
            request, receiver, ..
        } = &self.layout
            && let Ok(result) = receiver.try_recv()
        {
            self.layout = LayoutState::Finished {
                request: request.clone(),
                layout: result.unwrap_or_default(),
            };
            self.fit_pending = true;
        }
    }

    /// Which nodes pass the filters.
    fn visible_nodes(&self, graph: &EntityGraph, selected: Option<usize>) -> Vec<bool> {
        let s = &self.settings;
        let mut visible: Vec<bool> = graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                s.shown_types[n.entity_type.index()]
                    && n.mentions >= s.min_mentions
                    && self.tag_keeps(|t| t.nodes.get(i).copied())
            })
            .collect();
        if s.neighbourhood
            && let Some(sel) = selected
        {
            let mut keep = vec![false; visible.len()];
            if let Some(k) = keep.get_mut(sel) {
                *k = true;
            }
            // Breadth first, `ego_depth` steps over the edges of the kinds shown.
            let mut shown_adjacency = vec![Vec::new(); visible.len()];
            for e in graph.edges.iter().filter(|e| self.edge_kind_shown(e.kind)) {
                if let Some(a) = shown_adjacency.get_mut(e.source) {
                    a.push(e.target);
                }
                if let Some(a) = shown_adjacency.get_mut(e.target) {
                    a.push(e.source);
                }
            }
            let mut frontier = vec![sel];
            for _ in 0..s.ego_depth.clamp(1, 2) {
                let mut next = Vec::new();
                for &f in &frontier {
                    for &n in shown_adjacency.get(f).map_or(&[][..], Vec::as_slice) {
                        if let Some(k) = keep.get_mut(n)
                            && !*k
                        {
                            *k = true;
                            next.push(n);
                        }
                    }
                }
                frontier = next;
            }
            for (v, k) in visible.iter_mut().zip(keep) {
                *v = *v && k;
            }
            if let Some(v) = visible.get_mut(sel) {
                *v = true;
            }
        }
        if s.hide_isolated {
            let mut has_edge = vec![false; visible.len()];
            for (ei, e) in graph.edges.iter().enumerate() {
                if self.edge_shown(ei, e.kind)
                    && visible.get(e.source).copied().unwrap_or(false)
                    && visible.get(e.target).copied().unwrap_or(false)
                {
                    has_edge[e.source] = true;
                    has_edge[e.target] = true;
                }
            }
            for (i, (v, h)) in visible.iter_mut().zip(has_edge).enumerate() {
                *v = *v && (h || Some(i) == selected);
            }
        }
        visible
    }

    /// True when the tag filter is off or `pick` of its selection is true.
    fn tag_keeps(&self, pick: impl Fn(&TagSelection) -> Option<bool>) -> bool {
        self.settings.tag.is_empty()
            || self
                .tagged
                .as_ref()
                .is_none_or(|(_, t)| pick(t).unwrap_or(false))
    }

    /// True when edge `ei` of kind `kind` passes the kind switches and the tag filter.
    fn edge_shown(&self, ei: usize, kind: RelationKind) -> bool {
        self.edge_kind_shown(kind) && self.tag_keeps(|t| t.edges.get(ei).copied())
    }

    /// Recomputes the tag filter's selection when the tag, documents or curation changed.
    fn update_tagged(&mut self, view: &View<'_>) {
        let tag = self.settings.tag.trim().to_owned();
        if tag.is_empty() {
            self.tagged = None;
            return;
        }
        let key = (tag, view.doc_revision, view.edit_revision);
        if self.tagged.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let selection = crate::graph::tags::select(
            &view.corpus.graph,
            view.documents,
            &view.project.curation.notes_and_tags,
            &key.0,
        );
        self.tagged = Some((key, selection));
    }

    fn edge_kind_shown(&self, kind: RelationKind) -> bool {
        match kind {
            RelationKind::Asserted => self.settings.asserted,
            RelationKind::Cooccurrence => self.settings.cooccurrence,
        }
    }

    /// The diagram.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        let graph = &view.corpus.graph;
        let ctx = ui.ctx().clone();
        self.update_layout(&ctx, graph, view.doc_revision);
        let selected = super::selected_node(view.documents, view.corpus, view.selection);
        let before = self.settings.tag.clone();
        self.toolbar_ui(ui, graph, selected, view.commands);
        ui.horizontal(|ui| {
            crate::app::panels::tables::table::tag_filter_ui(
                ui,
                "network",
                &mut self.settings.tag,
                &view.project.curation.notes_and_tags,
            );
        });
        if self.settings.tag != before {
            self.fit_pending = true;
        }
        self.update_tagged(view);
        if self.settings.neighbourhood && selected != self.fitted_selection {
            self.fit_pending = true;
            self.fitted_selection = selected;
        }

        let (canvas, response) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Network diagram"));
        let painter = ui.painter_at(canvas);
        let visuals = ui.visuals().clone();
        painter.rect_filled(canvas, 0.0, visuals.extreme_bg_color);

        let LayoutState::Finished { layout, .. } = &self.layout else {
            return;
        };
        if graph.nodes.is_empty() {
            painter.text(
                canvas.center(),
                Align2::CENTER_CENTER,
                "No entities",
                FontId::proportional(16.0),
                visuals.weak_text_color(),
            );
            return;
        }

        let pinned = &view.project.curation.graph_positions;
        let mut positions: Vec<[f32; 2]> = graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                pinned
                    .get(&n.key)
                    .copied()
                    .or_else(|| layout.positions.get(i).copied())
                    .unwrap_or_default()
            })
            .collect();
        if let Some((node, pos)) = self.dragging
            && let Some(p) = positions.get_mut(node)
        {
            *p = pos;
        }
        let visible = self.visible_nodes(graph, selected);

        if self.fit_pending {
            self.fit(canvas, &positions, &visible, graph);
            self.fit_pending = false;
        }

        // Zoom around the pointer, pan with the background.
        if response.hovered() {
            let (scroll, zoom_delta) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = zoom_delta * (scroll * 0.0015).exp();
            if (factor - 1.0).abs() > 1e-4
                && let Some(pointer) = response.hover_pos()
            {
                let before = (pointer - canvas.center() - self.pan) / self.zoom;
                self.zoom = (self.zoom * factor).clamp(0.02, 20.0);
                self.pan = pointer - canvas.center() - before * self.zoom;
            }
        }
        let centre = canvas.center() + self.pan;
        let zoom = self.zoom;
        let to_screen = |p: [f32; 2]| Pos2::new(centre.x + p[0] * zoom, centre.y + p[1] * zoom);

        // Hover: the node under the pointer (topmost = drawn last = later index).
        let pointer = response
            .hover_pos()
            .or_else(|| response.interact_pointer_pos());
        let hovered_node = pointer.and_then(|p| {
            (0..graph.nodes.len()).rev().find(|&i| {
                visible[i]
                    && graph.nodes.get(i).is_some_and(|n| {
                        let r = screen_radius(node_radius(n, graph.max_mentions()), zoom) + 2.0;
                        to_screen(positions[i]).distance_sq(p) <= r * r
                    })
            })
        });

        // Dragging: a node (pin it) or the background (pan).
        if response.drag_started() {
            self.dragging = hovered_node.map(|n| (n, positions[n]));
        }
        if response.dragged() {
            let delta = response.drag_delta();
            match &mut self.dragging {
                Some((_, pos)) => {
                    pos[0] += delta.x / zoom;
                    pos[1] += delta.y / zoom;
                }
                None => self.pan += delta,
            }
        }
        if response.drag_stopped()
            && let Some((node, pos)) = self.dragging.take()
            && let Some(n) = graph.nodes.get(node)
        {
            view.commands.push(Command::PinNode {
                key: n.key.clone(),
                position: pos,
            });
        }
        if response.clicked()
            && let Some(n) = hovered_node.and_then(|i| graph.nodes.get(i))
        {
            view.commands.push(Command::Select(
                Some(Item::Entity(n.key.clone())),
                Origin::Graph,
            ));
        }
        if response.double_clicked() && hovered_node.is_none() {
            self.fit_pending = true;
        }

        let neighbours: BTreeSet<usize> = selected
            .and_then(|s| self.derived.adjacency.get(s))
            .map(|a| a.iter().copied().collect())
            .unwrap_or_default();
        let cull = canvas.expand(40.0);

        // Edges.
        let mut shapes: Vec<Shape> = Vec::new();
        let mut edge_count = 0;
        let mut hovered_edge = None;
        let many = graph.edges.len() > 3000;
        // Relation names on asserted edges ("holds office", "met"), placed after the node
        // labels where they cover nothing (a budget keeps it readable).
        let mut edge_labels: Vec<(Pos2, &'static str, usize)> = Vec::new();
        // The relation types of the shown asserted edges, for the legend.
        let mut legend_types = [false; RelationType::ALL.len()];
        for (ei, e) in graph.edges.iter().enumerate() {
            if !self.edge_shown(ei, e.kind)
                || !visible.get(e.source).copied().unwrap_or(false)
                || !visible.get(e.target).copied().unwrap_or(false)
            {
                continue;
            }
            if e.kind == RelationKind::Asserted
                && let Some(k) = RelationType::ALL.iter().position(|t| *t == e.relation_type)
            {
                legend_types[k] = true;
            }
            let a = to_screen(positions[e.source]);
            let b = to_screen(positions[e.target]);
            if !cull.intersects(Rect::from_two_pos(a, b)) {
                continue;
            }
            edge_count += 1;
            let emphasised = selected.is_some_and(|s| s == e.source || s == e.target);
            let color = theme::edge_color(e.kind, &visuals, emphasised);
            let width =
                (0.8 + (e.count() as f32).ln() * 0.6).min(4.0) * if emphasised { 1.6 } else { 1.0 };
            if e.kind == RelationKind::Cooccurrence && zoom > 1.2 && !many {
                shapes.extend(Shape::dashed_line(
                    &[a, b],
                    Stroke::new(width, color),
                    6.0,
                    4.0,
                ));
            } else {
                shapes.push(Shape::line_segment([a, b], Stroke::new(width, color)));
            }
            if e.directed && (zoom > 0.6 || emphasised) && !many {
                // Arrowhead at the tail node's rim.
                let dir = (b - a).normalized();
                let rim = b - dir
                    * screen_radius(
                        graph
                            .nodes
                            .get(e.target)
                            .map_or(4.0, |n| node_radius(n, graph.max_mentions())),
                        zoom,
                    );
                let side = Vec2::new(-dir.y, dir.x) * 3.5;
                shapes.push(Shape::convex_polygon(
                    vec![rim, rim - dir * 8.0 + side, rim - dir * 8.0 - side],
                    color,
                    Stroke::NONE,
                ));
            }
            if e.kind == RelationKind::Asserted
                && edge_labels.len() < 2000
                && a.distance(b) > 60.0
                && canvas.contains(a.lerp(b, 0.5))
            {
                edge_labels.push((a.lerp(b, 0.5), e.relation_type.human_label(), e.count()));
            }
            if hovered_node.is_none()
                && hovered_edge.is_none()
                && let Some(p) = response.hover_pos()
            {
                let ab = b - a;
                let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
                if (a + ab * t).distance(p) < 4.0 {
                    hovered_edge = Some(ei);
                }
            }
        }
        painter.extend(shapes);

        // Nodes, then labels on top.
        let mut node_count = 0;
        let mut drawn: Vec<DrawnNode> = Vec::new();
        // The selection and its neighbours are drawn last, on top of the rest.
        let mut draw_order: Vec<usize> = (0..graph.nodes.len()).filter(|&i| visible[i]).collect();
        draw_order.sort_by_key(|i| {
            if Some(*i) == selected {
                2
            } else {
                u8::from(neighbours.contains(i))
            }
        });
        for i in draw_order {
            let Some(n) = graph.nodes.get(i) else {
                continue;
            };
            let p = to_screen(positions[i]);
            let r = screen_radius(node_radius(n, graph.max_mentions()), zoom);
            if !cull.contains(p) {
                continue;
            }
            node_count += 1;
            let is_selected = selected == Some(i);
            let is_pinned = pinned.contains_key(&n.key);
            let mut fill = theme::entity_color(n.entity_type);
            if selected.is_some() && !is_selected && !neighbours.contains(&i) {
                fill = theme::dimmed(fill);
            }
            let stroke = if is_selected {
                Stroke::new(3.0, theme::selection_stroke(&visuals))
            } else if hovered_node == Some(i) {
                Stroke::new(2.0, theme::selection_stroke(&visuals))
            } else if is_pinned {
                Stroke::new(1.5, visuals.weak_text_color())
            } else {
                Stroke::NONE
            };
            painter.circle(p, r, fill, stroke);
            let tier = if is_selected || hovered_node == Some(i) {
                2
            } else {
                u8::from(neighbours.contains(&i))
            };
            drawn.push(DrawnNode {
                node: i,
                centre: [p.x, p.y],
                radius: r,
                tier,
            });
        }
        // Labels: always for the selection and the hovered node, then its neighbours, then
        // the rest biggest first; none overlaps another label or another node
        // (`graph::labels`, the placement the SVG export uses too).
        let font = FontId::proportional(12.0);
        let label_color = theme::label_color(&visuals);
        let measure = |text: &str| {
            let size = painter
                .layout_no_wrap(text.to_owned(), font.clone(), label_color)
                .size();
            [size.x + 2.0, size.y + 2.0]
        };
        let placed = labels::node_labels(graph, &drawn, measure, LABEL_RULES);
        let mut occupied: Vec<Rect> = Vec::with_capacity(placed.len());
        for label in &placed {
            let d = drawn[label.index];
            let Some(n) = graph.nodes.get(d.node) else {
                continue;
            };
            let [x0, y0, x1, y1] = label.rect;
            let rect = Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1));
            occupied.push(rect);
            let background = if Some(d.node) == selected {
                visuals.selection.bg_fill
            } else {
                theme::label_background(&visuals)
            };
            painter.rect_filled(rect, 2.0, background);
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                &n.name,
                font.clone(),
                label_color,
            );
        }
        let label_count = placed.len();
        self.last_labels = placed.iter().map(|p| p.rect).collect();
        self.last_drawn = drawn;
        // Relation names where they cover no label (node or relation) and no node, the
        // best-attested edges first; fewer until zoomed in.
        let small = FontId::proportional(10.0);
        let galleys: Vec<_> = edge_labels
            .iter()
            .map(|(_, text, _)| {
                painter.layout_no_wrap((*text).to_owned(), small.clone(), visuals.text_color())
            })
            .collect();
        let candidates: Vec<EdgeLabelCandidate> = edge_labels
            .iter()
            .zip(&galleys)
            .map(|((p, _, count), galley)| EdgeLabelCandidate {
                midpoint: [p.x, p.y],
                size: [galley.size().x, galley.size().y],
                priority: *count as u64,
            })
            .collect();
        let taken: Vec<labels::LabelRect> = occupied
            .iter()
            .map(|r| [r.min.x, r.min.y, r.max.x, r.max.y])
            .collect();
        let budget = if zoom >= 1.5 { 120 } else { 40 };
        for label in labels::edge_labels(&candidates, &taken, &self.last_drawn, budget) {
            let [x0, y0, ..] = label.rect;
            if let Some(galley) = galleys.get(label.index) {
                painter.galley(Pos2::new(x0, y0), galley.clone(), visuals.text_color());
            }
        }
        self.last_counts = (node_count, edge_count, label_count);

        let relation_types: Vec<RelationType> = RelationType::ALL
            .into_iter()
            .zip(legend_types)
            .filter_map(|(t, shown)| shown.then_some(t))
            .collect();
        self.last_relation_types = relation_types;
        self.legend(&painter, canvas, &visuals);
        tooltip::show(&response, view, hovered_node, hovered_edge);
        if hovered_node.is_some() {
            ctx.set_cursor_icon(if self.dragging.is_some() {
                egui::CursorIcon::Grabbing
            } else {
                egui::CursorIcon::PointingHand
            });
        }
        if selected.is_some() && node_count == 0 && edge_count == 0 {
            painter.text(
                canvas.center(),
                Align2::CENTER_CENTER,
                "Nothing passes the filters",
                FontId::proportional(14.0),
                theme::hint_color(&visuals),
            );
        }
    }

    fn fit(&mut self, canvas: Rect, positions: &[[f32; 2]], visible: &[bool], graph: &EntityGraph) {
        let mut bounds = Rect::NOTHING;
        for (i, p) in positions.iter().enumerate() {
            if visible.get(i).copied().unwrap_or(false) {
                let r = graph
                    .nodes
                    .get(i)
                    .map_or(4.0, |n| node_radius(n, graph.max_mentions()));
                bounds = bounds.union(Rect::from_center_size(
                    Pos2::new(p[0], p[1]),
                    Vec2::splat(2.0 * r),
                ));
            }
        }
        let fitted = bounds.is_positive().then(|| {
            labels::fit(
                [bounds.min.x, bounds.min.y, bounds.max.x, bounds.max.y],
                [canvas.width(), canvas.height()],
                FIT_MARGIN,
            )
        });
        if let Some((zoom, pan)) = fitted.flatten() {
            self.zoom = zoom;
            self.pan = Vec2::new(pan[0], pan[1]);
        } else {
            self.zoom = 1.0;
            self.pan = Vec2::ZERO;
        }
    }
}
