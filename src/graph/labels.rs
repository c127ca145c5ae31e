//! Label placement with collision avoidance, shared by the workbench's diagram and the SVG
//! export.
//!
//! Each candidate is a node's label: an anchor (the node's centre on screen), the node's
//! radius, the label's size and a priority (the caller's choice: the selection first, then
//! degree and mentions). Candidates are placed in priority order; each tries sixteen spots
//! around its node (below, above, right, left, the four corners; then the same a line
//! further out, and last centred on the node) and takes the first whose rectangle touches no label placed before it and
//! no other node's disc. A label with no free spot is left
//! out, so a lower-priority label never covers a higher-priority one. Rectangles are
//! found through a uniform grid, so placing n labels costs about O(n log n) (the sort).
//!
//! [`node_labels`] is what the diagram and the SVG export both call: the nodes as drawn
//! ([`DrawnNode`]: screen centre, radius, importance) and a text measure in, the placed
//! node labels out. [`node_radius`], [`screen_radius`] and [`fit`] are the diagram's node
//! sizes and default zoom, here so that the core can check what the view shows (the demo
//! project's labels at the default zoom do not overlap: `tests/graph_labels.rs`).

use std::collections::HashMap;

use super::EntityGraph;

/// An axis-aligned rectangle `[min_x, min_y, max_x, max_y]` in screen units.
pub type LabelRect = [f32; 4];

/// One label to place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelCandidate {
    /// The node's centre.
    pub anchor: [f32; 2],
    /// The node's radius (labels keep clear of it).
    pub radius: f32,
    /// Width and height of the label text.
    pub size: [f32; 2],
    /// Higher is placed first.
    pub priority: u64,
    /// Placed even when every spot collides (the selected or hovered node).
    pub must: bool,
}

/// A placed label: the candidate's index and its rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedLabel {
    /// Index into the candidates.
    pub index: usize,
    /// Where the text goes.
    pub rect: LabelRect,
}

/// True when two rectangles overlap (touching edges do not count).
pub fn intersects(a: &LabelRect, b: &LabelRect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// True when a rectangle overlaps a disc.
fn touches_disc(r: &LabelRect, centre: [f32; 2], radius: f32) -> bool {
    let x = centre[0].clamp(r[0], r[2]);
    let y = centre[1].clamp(r[1], r[3]);
    let (dx, dy) = (centre[0] - x, centre[1] - y);
    dx * dx + dy * dy < radius * radius
}

/// The spots tried around a node, in order: below, above, right, left, then the four
/// corners just off the rim (a label touches the disc at 45°), then the same eight one
/// label height further out, and last on the node itself.
#[allow(clippy::many_single_char_names)] // x, y, w, h, r: the rectangle arithmetic.
fn spots(c: &LabelCandidate, gap: f32) -> [LabelRect; 17] {
    let [x, y] = c.anchor;
    let [w, h] = c.size;
    let ring = |r: f32| -> [LabelRect; 8] {
        let d = r * std::f32::consts::FRAC_1_SQRT_2;
        [
            [x - w / 2.0, y + r, x + w / 2.0, y + r + h],
            [x - w / 2.0, y - r - h, x + w / 2.0, y - r],
            [x + r, y - h / 2.0, x + r + w, y + h / 2.0],
            [x - r - w, y - h / 2.0, x - r, y + h / 2.0],
            [x + d, y + d, x + d + w, y + d + h],
            [x - d - w, y + d, x - d, y + d + h],
            [x + d, y - d - h, x + d + w, y - d],
            [x - d - w, y - d - h, x - d, y - d],
        ]
    };
    let near = ring(c.radius + gap);
    let far = ring(c.radius + gap + h);
    let mut all = [[0.0; 4]; 17];
    all[..8].copy_from_slice(&near);
    all[8..16].copy_from_slice(&far);
    // Last, on the node itself (a big node in a crowd).
    all[16] = [x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0];
    all
}

/// A uniform grid over rectangles and discs.
struct Grid {
    cell: f32,
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Grid {
    fn new(cell: f32) -> Self {
        Self {
            cell: cell.max(1.0),
            cells: HashMap::new(),
        }
    }

    fn range(&self, r: &LabelRect) -> (i32, i32, i32, i32) {
        (
            (r[0] / self.cell).floor() as i32,
            (r[1] / self.cell).floor() as i32,
            (r[2] / self.cell).floor() as i32,
            (r[3] / self.cell).floor() as i32,
        )
    }

    fn insert(&mut self, r: &LabelRect, id: usize) {
        let (x0, y0, x1, y1) = self.range(r);
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(id);
            }
        }
    }

    fn any(&self, r: &LabelRect, mut hit: impl FnMut(usize) -> bool) -> bool {
        let (x0, y0, x1, y1) = self.range(r);
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(ids) = self.cells.get(&(x, y))
                    && ids.iter().any(|&id| hit(id))
                {
                    return true;
                }
            }
        }
        false
    }
}

/// Places labels: at most `budget` of them, highest priority first, none overlapping
/// another placed label or another candidate's node disc (`must` labels excepted when
/// no spot is free). `gap` is the space between a node's rim and its label. A candidate of
/// zero size is a node disc to keep clear of, with no label of its own.
pub fn place(candidates: &[LabelCandidate], budget: usize, gap: f32) -> Vec<PlacedLabel> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&candidates[a], &candidates[b]);
        (cb.must, cb.priority)
            .cmp(&(ca.must, ca.priority))
            .then(a.cmp(&b))
    });
    let typical = candidates
        .iter()
        .map(|c| c.size[0].max(c.size[1]))
        .fold(0.0_f32, f32::max)
        .clamp(16.0, 160.0);
    let mut discs = Grid::new(typical);
    for (i, c) in candidates.iter().enumerate() {
        let [x, y] = c.anchor;
        discs.insert(&[x - c.radius, y - c.radius, x + c.radius, y + c.radius], i);
    }
    let mut placed_grid = Grid::new(typical);
    let mut placed: Vec<PlacedLabel> = Vec::new();
    for i in order {
        if placed.len() >= budget {
            break;
        }
        let c = &candidates[i];
        if c.size[0] <= 0.0 || c.size[1] <= 0.0 {
            continue; // an obstacle only: a node with no label
        }
        let free = |r: &LabelRect| {
            !placed_grid.any(r, |p| intersects(r, &placed[p].rect))
                && !discs.any(r, |d| {
                    d != i && touches_disc(r, candidates[d].anchor, candidates[d].radius)
                })
        };
        let all = spots(c, gap);
        let chosen = all.iter().find(|r| free(r)).copied();
        let rect = match chosen {
            Some(r) => r,
            None if c.must => all[0],
            None => continue,
        };
        placed_grid.insert(&rect, placed.len());
        placed.push(PlacedLabel { index: i, rect });
    }
    placed
}

/// Layout radius of a node: area grows with its share of the largest node's mentions, so a
/// corpus of 1,000 articles looks like one of 20 instead of turning into overlapping discs.
pub fn node_radius(mentions: usize, max_mentions: usize) -> f32 {
    4.0 + 22.0 * (mentions as f32 / max_mentions.max(1) as f32).sqrt()
}

/// On-screen radius: shrinks with the zoom when zoomed out, grows only with its square
/// root when zoomed in, so close-ups do not turn into overlapping discs.
pub fn screen_radius(layout_radius: f32, zoom: f32) -> f32 {
    let scale = if zoom < 1.0 { zoom } else { zoom.sqrt() };
    (layout_radius * scale).max(2.5)
}

/// The diagram's default camera for a canvas of `canvas` (width, height): the zoom and the
/// pan (from the canvas centre) that show `bounds` (layout units, nodes' discs included)
/// with `margin` screen units around them. `None` for empty bounds.
pub fn fit(bounds: LabelRect, canvas: [f32; 2], margin: f32) -> Option<(f32, [f32; 2])> {
    let (w, h) = (bounds[2] - bounds[0], bounds[3] - bounds[1]);
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let zx = (canvas[0] - 2.0 * margin).max(10.0) / w.max(1.0);
    let zy = (canvas[1] - 2.0 * margin).max(10.0) / h.max(1.0);
    let zoom = zx.min(zy).clamp(0.02, 6.0);
    let centre = [
        f32::midpoint(bounds[0], bounds[2]),
        f32::midpoint(bounds[1], bounds[3]),
    ];
    Some((zoom, [-centre[0] * zoom, -centre[1] * zoom]))
}

/// A node as drawn, for [`node_labels`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawnNode {
    /// The node's index in the graph.
    pub node: usize,
    /// Its centre on screen.
    pub centre: [f32; 2],
    /// Its radius on screen.
    pub radius: f32,
    /// 2 for the selected or hovered node (always labelled), 1 for the selection's
    /// neighbours (labelled before the rest, whatever their size), 0 for the rest.
    pub tier: u8,
}

/// How [`node_labels`] chooses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelRules {
    /// Nodes of tier 0 drawn smaller than this get no label (zoomed out, labels of small
    /// nodes would only be left out or crowd the picture).
    pub min_radius: f32,
    /// At most this many labels.
    pub budget: usize,
    /// Space between a node's rim and its label.
    pub gap: f32,
}

/// A rough size of `text` in a sans-serif font of `size` (for the exports, which cannot
/// measure): 0.6 em a character, 1.25 em high. Generous, so the real text fits.
pub fn estimate_text_size(text: &str, size: f32) -> [f32; 2] {
    [text.chars().count() as f32 * size * 0.6, size * 1.25]
}

/// Places the labels of `drawn` (their node names, measured by `measure`): the selection
/// and the hovered node first, then the selection's neighbours, then the rest by mentions;
/// none overlaps another or another drawn node's disc (tier-2 labels excepted when no spot
/// is free). Each [`PlacedLabel::index`] is an index into `drawn`.
pub fn node_labels(
    graph: &EntityGraph,
    drawn: &[DrawnNode],
    measure: impl Fn(&str) -> [f32; 2],
    rules: LabelRules,
) -> Vec<PlacedLabel> {
    // Candidates for every drawn node (all of them are obstacles), with the too-small
    // ones given no room: a zero-size label that is never placed.
    let candidates: Vec<LabelCandidate> = drawn
        .iter()
        .map(|d| {
            let node = graph.nodes.get(d.node);
            let wanted = d.tier > 0 || d.radius >= rules.min_radius;
            LabelCandidate {
                anchor: d.centre,
                radius: d.radius,
                size: match node {
                    Some(n) if wanted => measure(&n.name),
                    _ => [0.0, 0.0],
                },
                priority: (u64::from(d.tier) << 40)
                    | node.map_or(0, |n| n.mentions.min(1 << 39) as u64),
                must: d.tier >= 2,
            }
        })
        .collect();
    place(&candidates, rules.budget, rules.gap)
}

/// One relation name to put on an edge (for [`edge_labels`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeLabelCandidate {
    /// The middle of the edge as drawn: the label is centred there.
    pub midpoint: [f32; 2],
    /// Width and height of the label text.
    pub size: [f32; 2],
    /// Higher is placed first (the diagram and the SVG use the evidence count).
    pub priority: u64,
}

/// Places relation names ("holds office", "met") centred on their edges, highest priority
/// first, at most `budget`: a name that would overlap a label in `taken` (the node labels
/// already placed), a disc of `nodes` or a relation name placed before it is left out. Each
/// [`PlacedLabel::index`] is an index into `candidates`.
pub fn edge_labels(
    candidates: &[EdgeLabelCandidate],
    taken: &[LabelRect],
    nodes: &[DrawnNode],
    budget: usize,
) -> Vec<PlacedLabel> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        candidates[b]
            .priority
            .cmp(&candidates[a].priority)
            .then(a.cmp(&b))
    });
    let typical = candidates
        .iter()
        .map(|c| c.size[0].max(c.size[1]))
        .fold(0.0_f32, f32::max)
        .clamp(16.0, 160.0);
    let mut discs = Grid::new(typical);
    for (i, d) in nodes.iter().enumerate() {
        let [x, y] = d.centre;
        discs.insert(&[x - d.radius, y - d.radius, x + d.radius, y + d.radius], i);
    }
    // Ids below `taken.len()` are the node labels, the rest relation names placed here.
    let mut rects: Vec<LabelRect> = taken.to_vec();
    let mut grid = Grid::new(typical);
    for (i, r) in taken.iter().enumerate() {
        grid.insert(r, i);
    }
    let mut placed = Vec::new();
    for i in order {
        if placed.len() >= budget {
            break;
        }
        let [width, height] = candidates[i].size;
        if width <= 0.0 || height <= 0.0 {
            continue;
        }
        let [cx, cy] = candidates[i].midpoint;
        let rect = [
            cx - width / 2.0,
            cy - height / 2.0,
            cx + width / 2.0,
            cy + height / 2.0,
        ];
        if grid.any(&rect, |k| intersects(&rect, &rects[k]))
            || discs.any(&rect, |d| {
                touches_disc(&rect, nodes[d].centre, nodes[d].radius)
            })
        {
            continue;
        }
        grid.insert(&rect, rects.len());
        rects.push(rect);
        placed.push(PlacedLabel { index: i, rect });
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(x: f32, y: f32, priority: u64) -> LabelCandidate {
        LabelCandidate {
            anchor: [x, y],
            radius: 5.0,
            size: [60.0, 14.0],
            priority,
            must: false,
        }
    }

    #[test]
    fn a_crowded_label_moves_to_a_free_spot_or_is_left_out() {
        // Three nodes in a row 30 px apart: the middle one cannot go below (it would hit
        // the first one's label), so it goes above; the third has only spots touching them.
        let c = [
            candidate(0.0, 0.0, 3),
            candidate(30.0, 0.0, 2),
            candidate(60.0, 0.0, 1),
        ];
        let placed = place(&c, 10, 2.0);
        assert_eq!(placed[0].index, 0);
        assert!(
            placed[0].rect[1] > 0.0,
            "the first label goes below its node"
        );
        assert_eq!(placed[1].index, 1);
        assert!(placed[1].rect[3] < 0.0, "the second goes above");
        for (a, pa) in placed.iter().enumerate() {
            for pb in &placed[a + 1..] {
                assert!(!intersects(&pa.rect, &pb.rect));
            }
        }
    }

    #[test]
    fn the_budget_and_must_labels_are_respected() {
        let mut c = vec![candidate(0.0, 0.0, 5), candidate(1.0, 0.0, 1)];
        c[1].must = true;
        let placed = place(&c, 1, 2.0);
        assert_eq!(placed.len(), 1);
        assert_eq!(placed[0].index, 1, "a must label goes first");
    }

    #[test]
    fn labels_keep_clear_of_other_nodes() {
        // A big node right below a small one: the small one's label goes elsewhere.
        let mut c = vec![candidate(0.0, 0.0, 2), candidate(0.0, 30.0, 1)];
        c[1].radius = 12.0;
        let placed = place(&c, 10, 2.0);
        let small = placed.iter().find(|p| p.index == 0).map(|p| p.rect);
        let small = small.unwrap_or_else(|| panic!("the small node is labelled"));
        assert!(!touches_disc(&small, [0.0, 30.0], 12.0));
    }
}
