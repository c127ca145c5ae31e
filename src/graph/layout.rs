//! Deterministic force-directed layout (Fruchterman–Reingold with a grid).
//!
//! A [`LayoutRequest`] says what to lay out (node keys, weighted edges, seed, iterations);
//! it derives `PartialEq` so a caller can memoise the [`Layout`] and recompute only when the
//! request changes. Repulsion is only computed between nodes in neighbouring grid cells
//! (the "grid variant" of Fruchterman and Reingold, 1991), which makes an iteration roughly
//! linear in the number of nodes; attraction runs along edges and a weak gravity keeps
//! components together. Nodes without edges are not simulated: they are placed on rings
//! around the laid-out graph. The same request always gives the same positions.
//!
//! Above [`BARNES_HUT_ABOVE`] simulated nodes the grid gives way to a Barnes–Hut quadtree
//! ([`super::quadtree`]): every pair repels, far groups as one body, O(n log n) a step, and
//! the per-node sums run in parallel (rayon; the result does not depend on the thread count).
//! [`compute_with_progress`] reports the steps done, for the view's progress bar.
//!
//! When the graph changes (articles added, nodes merged), [`LayoutRequest::keep_positions`]
//! carries the previous positions over by key: those nodes stay where they were and only the
//! new ones are simulated, starting next to their neighbours, so the picture the researcher
//! knows does not move.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use rayon::prelude::*;

use super::EntityGraph;
use super::quadtree::QuadTree;

/// Simulated nodes above which the repulsion uses the Barnes–Hut quadtree.
pub const BARNES_HUT_ABOVE: usize = 3000;

/// The Barnes–Hut opening angle: smaller is more exact and slower.
const THETA: f32 = 0.9;

/// The ideal edge length, in layout units.
pub const IDEAL_DISTANCE: f32 = 40.0;

/// What to lay out.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutRequest {
    /// Stable node keys; they seed the initial positions, so adding a node moves others little.
    pub keys: Vec<String>,
    /// Undirected springs `(a, b, weight)` between node indices, one per pair.
    pub edges: Vec<(u32, u32, f32)>,
    /// Seed of the initial positions.
    pub seed: u64,
    /// Number of simulation steps.
    pub iterations: u32,
    /// Positions kept from an earlier layout, indexed like `keys` (empty: none). Nodes
    /// with a kept position do not move.
    pub fixed: Vec<Option<[f32; 2]>>,
    /// Node radii in layout units, indexed like `keys` (empty: points). After the
    /// simulation, overlapping discs are pushed apart ([`separate`]).
    pub radii: Vec<f32>,
}

impl LayoutRequest {
    /// The request for every node and edge of `graph`. Parallel edges between the same two
    /// nodes become one spring whose weight is the number of relations behind them.
    pub fn from_graph(graph: &EntityGraph, seed: u64) -> Self {
        let mut pairs: BTreeMap<(u32, u32), f32> = BTreeMap::new();
        for edge in &graph.edges {
            let a = edge.source.min(edge.target) as u32;
            let b = edge.source.max(edge.target) as u32;
            *pairs.entry((a, b)).or_default() += edge.count() as f32;
        }
        let n = graph.nodes.len();
        Self {
            keys: graph.nodes.iter().map(|n| n.key.clone()).collect(),
            edges: pairs.into_iter().map(|((a, b), w)| (a, b, w)).collect(),
            seed,
            iterations: default_iterations(n),
            fixed: Vec::new(),
            radii: graph
                .nodes
                .iter()
                .map(|node| super::labels::node_radius(node.mentions, graph.max_mentions()))
                .collect(),
        }
    }

    /// Keeps the positions `previous` gave the nodes with the same keys in
    /// `previous_keys`. Does nothing when fewer than half of the nodes were laid out before
    /// (a different corpus: a fresh layout reads better).
    pub fn keep_positions(&mut self, previous_keys: &[String], previous: &Layout) {
        let old: BTreeMap<&str, [f32; 2]> = previous_keys
            .iter()
            .zip(&previous.positions)
            .map(|(k, p)| (k.as_str(), *p))
            .collect();
        let fixed: Vec<Option<[f32; 2]>> = self
            .keys
            .iter()
            .map(|k| old.get(k.as_str()).copied())
            .collect();
        let kept = fixed.iter().filter(|p| p.is_some()).count();
        self.fixed = if kept * 2 >= self.keys.len() && kept > 0 {
            fixed
        } else {
            Vec::new()
        };
    }
}

/// Fewer steps for big graphs: the grid keeps a step cheap, but 2,000 nodes settle well
/// within 250 steps.
fn default_iterations(nodes: usize) -> u32 {
    match nodes {
        0..=300 => 400,
        301..=3000 => 250,
        _ => 150,
    }
}

/// The result: one position per node of the request, in layout units centred on 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Positions, indexed like [`LayoutRequest::keys`].
    pub positions: Vec<[f32; 2]>,
}

/// FNV-1a, for seeding positions from keys (stable across Rust versions, unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A point in the unit disc from a hash.
fn unit_disc(hash: u64) -> [f32; 2] {
    let u = (hash & 0xffff_ffff) as f32 / u32::MAX as f32;
    let v = (hash >> 32) as f32 / u32::MAX as f32;
    let r = u.sqrt();
    let angle = v * std::f32::consts::TAU;
    [r * angle.cos(), r * angle.sin()]
}

/// Lays out the request. Returns `None` if `cancel` was set before it finished.
pub fn compute(request: &LayoutRequest, cancel: &AtomicBool) -> Option<Layout> {
    compute_with_progress(request, cancel, &AtomicU32::new(0))
}

// Physics notation (k, t, p, q, d, f) reads better than long names here.
/// [`compute`], storing the number of simulation steps done so far in `progress` (of
/// [`LayoutRequest::iterations`]).
#[allow(clippy::many_single_char_names, clippy::too_many_lines)]
pub fn compute_with_progress(
    request: &LayoutRequest,
    cancel: &AtomicBool,
    progress: &AtomicU32,
) -> Option<Layout> {
    let n = request.keys.len();
    let mut positions = vec![[0.0_f32; 2]; n];
    if n == 0 {
        return Some(Layout { positions });
    }

    let mut connected = vec![false; n];
    for &(a, b, _) in &request.edges {
        if let Some(c) = connected.get_mut(a as usize) {
            *c = true;
        }
        if let Some(c) = connected.get_mut(b as usize) {
            *c = true;
        }
    }
    // Simulated nodes, as indices into `positions`.
    let active: Vec<usize> = (0..n).filter(|&i| connected[i]).collect();
    let mut slot = vec![usize::MAX; n];
    for (s, &i) in active.iter().enumerate() {
        slot[i] = s;
    }

    let k = IDEAL_DISTANCE;
    let m = active.len();
    let radius = k * (m.max(1) as f32).sqrt();
    let fixed_at = |i: usize| request.fixed.get(i).copied().flatten();
    let incremental = request.fixed.iter().any(Option::is_some);
    let mut pos: Vec<[f32; 2]> = active
        .iter()
        .map(|&i| {
            let key = request.keys.get(i).map_or(&[][..], |k| k.as_bytes());
            let p = unit_disc(fnv1a(key, request.seed));
            fixed_at(i).unwrap_or([p[0] * radius, p[1] * radius])
        })
        .collect();
    // New nodes of an incremental layout start next to their kept neighbours.
    let frozen: Vec<bool> = active.iter().map(|&i| fixed_at(i).is_some()).collect();
    if incremental {
        let mut sums = vec![([0.0_f32; 2], 0_u32); m];
        for &(a, b, _) in &request.edges {
            let (Some(&sa), Some(&sb)) = (slot.get(a as usize), slot.get(b as usize)) else {
                continue;
            };
            if sa == usize::MAX || sb == usize::MAX {
                continue;
            }
            for (x, y) in [(sa, sb), (sb, sa)] {
                if !frozen[x] && frozen[y] {
                    sums[x].0[0] += pos[y][0];
                    sums[x].0[1] += pos[y][1];
                    sums[x].1 += 1;
                }
            }
        }
        for (s, (sum, count)) in sums.iter().enumerate() {
            if *count > 0 {
                let jitter = unit_disc(fnv1a(&s.to_le_bytes(), request.seed));
                pos[s] = [
                    sum[0] / *count as f32 + jitter[0] * k,
                    sum[1] / *count as f32 + jitter[1] * k,
                ];
            }
        }
    }
    let springs: Vec<(usize, usize, f32)> = request
        .edges
        .iter()
        .filter_map(|&(a, b, w)| {
            let (sa, sb) = (*slot.get(a as usize)?, *slot.get(b as usize)?);
            (sa != usize::MAX && sb != usize::MAX && sa != sb).then(|| (sa, sb, w.max(1.0).sqrt()))
        })
        .collect();

    let cell = 2.0 * k;
    let k2 = k * k;
    let gravity = 0.02;
    // Nothing to simulate when every connected node keeps its position.
    let iterations = if frozen.iter().all(|f| *f) {
        0
    } else {
        request.iterations.max(1)
    };
    let t0 = radius * 0.1 + k;
    let mut disp = vec![[0.0_f32; 2]; m];
    let mut grid: BTreeMap<(i32, i32), Vec<usize>> = BTreeMap::new();
    let barnes_hut = m > BARNES_HUT_ABOVE;
    for step in 0..iterations {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        progress.store(step, Ordering::Relaxed);
        let temperature = t0 * (1.0 - step as f32 / iterations.max(1) as f32) + 0.5;
        if barnes_hut {
            let tree = QuadTree::build(&pos);
            disp.par_iter_mut().enumerate().for_each(|(i, d)| {
                let p = pos[i];
                let f = tree.repulsion(p, i as u32, k2, THETA);
                // Every pair repels here, not only neighbours: a stronger pull keeps the
                // picture about as wide as the grid variant's.
                *d = [f[0] - 10.0 * gravity * p[0], f[1] - 10.0 * gravity * p[1]];
            });
        } else {
            grid.values_mut().for_each(Vec::clear);
            for (i, p) in pos.iter().enumerate() {
                let c = ((p[0] / cell).floor() as i32, (p[1] / cell).floor() as i32);
                grid.entry(c).or_default().push(i);
            }
            for (i, d) in disp.iter_mut().enumerate() {
                let p = pos[i];
                let c = ((p[0] / cell).floor() as i32, (p[1] / cell).floor() as i32);
                let mut f = [0.0_f32; 2];
                for dx in -1..=1 {
                    for dy in -1..=1 {
                        let Some(others) = grid.get(&(c.0 + dx, c.1 + dy)) else {
                            continue;
                        };
                        for &j in others {
                            if j == i {
                                continue;
                            }
                            let q = pos[j];
                            let mut delta = [p[0] - q[0], p[1] - q[1]];
                            let mut dist2 = delta[0] * delta[0] + delta[1] * delta[1];
                            if dist2 < 1e-6 {
                                // Coincident nodes: push apart in a direction fixed by the pair.
                                let angle = (i * 7 + j * 13) as f32;
                                delta = [angle.cos() * 0.01, angle.sin() * 0.01];
                                dist2 = 1e-4;
                            }
                            if dist2 < cell * cell {
                                let dist = dist2.sqrt();
                                let force = k2 / dist;
                                f[0] += delta[0] / dist * force;
                                f[1] += delta[1] / dist * force;
                            }
                        }
                    }
                }
                // Gravity towards the origin keeps components and stragglers together.
                f[0] -= gravity * p[0];
                f[1] -= gravity * p[1];
                *d = f;
            }
        }
        for &(a, b, w) in &springs {
            let delta = [pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]];
            let dist = (delta[0] * delta[0] + delta[1] * delta[1]).sqrt().max(0.01);
            let force = dist * dist / k * w;
            let fx = delta[0] / dist * force;
            let fy = delta[1] / dist * force;
            disp[a][0] -= fx;
            disp[a][1] -= fy;
            disp[b][0] += fx;
            disp[b][1] += fy;
        }
        for ((p, d), frozen) in pos.iter_mut().zip(&disp).zip(&frozen) {
            if *frozen {
                continue;
            }
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if len > 0.0 {
                let limited = len.min(temperature);
                p[0] += d[0] / len * limited;
                p[1] += d[1] / len * limited;
            }
        }
    }

    if !request.radii.is_empty() {
        let radii: Vec<f32> = active
            .iter()
            .map(|&i| request.radii.get(i).copied().unwrap_or(0.0))
            .collect();
        separate(&mut pos, &radii, &frozen);
    }

    // Centre the simulated nodes on the origin.
    let centre = if m == 0 || incremental {
        [0.0, 0.0]
    } else {
        let sum = pos
            .iter()
            .fold([0.0_f32; 2], |acc, p| [acc[0] + p[0], acc[1] + p[1]]);
        [sum[0] / m as f32, sum[1] / m as f32]
    };
    let mut outer = 0.0_f32;
    for (s, &i) in active.iter().enumerate() {
        let p = [pos[s][0] - centre[0], pos[s][1] - centre[1]];
        outer = outer.max((p[0] * p[0] + p[1] * p[1]).sqrt());
        positions[i] = p;
    }

    // Unconnected nodes go on rings outside, in key order.
    let mut ring_radius = outer + 2.0 * k;
    let mut placed_on_ring = 0usize;
    let mut ring_capacity = ((std::f32::consts::TAU * ring_radius) / k).floor().max(6.0) as usize;
    if incremental {
        outer = positions
            .iter()
            .enumerate()
            .filter(|&(i, _)| connected[i] || fixed_at(i).is_some())
            .map(|(_, p)| (p[0] * p[0] + p[1] * p[1]).sqrt())
            .fold(outer, f32::max);
        ring_radius = outer + 2.0 * k;
        ring_capacity = ((std::f32::consts::TAU * ring_radius) / k).floor().max(6.0) as usize;
    }
    for i in (0..n).filter(|&i| !connected[i]) {
        if let Some(p) = fixed_at(i) {
            positions[i] = p;
            continue;
        }
        if placed_on_ring == ring_capacity {
            ring_radius += k;
            placed_on_ring = 0;
            ring_capacity = ((std::f32::consts::TAU * ring_radius) / k).floor().max(6.0) as usize;
        }
        let angle = placed_on_ring as f32 / ring_capacity as f32 * std::f32::consts::TAU;
        positions[i] = [ring_radius * angle.cos(), ring_radius * angle.sin()];
        placed_on_ring += 1;
    }
    Some(Layout { positions })
}

/// Space kept between two nodes' discs by [`separate`], in layout units.
pub const DISC_GAP: f32 = 6.0;

/// Pushes overlapping discs apart: up to 100 sweeps over the pairs closer than their radii
/// and [`DISC_GAP`] (found through a grid), each moving both nodes of a pair half the
/// overlap along the line between them (a frozen node stays and the other moves it all),
/// until no pair overlaps. Deterministic: pairs are visited in index order.
#[allow(clippy::many_single_char_names)] // p, q, d: the geometry.
pub fn separate(pos: &mut [[f32; 2]], radii: &[f32], frozen: &[bool]) {
    let max_r = radii.iter().copied().fold(0.0_f32, f32::max);
    if pos.len() < 2 || max_r <= 0.0 {
        return;
    }
    let cell = 2.0 * max_r + DISC_GAP;
    let is_frozen = |i: usize| frozen.get(i).copied().unwrap_or(false);
    let mut grid: BTreeMap<(i32, i32), Vec<usize>> = BTreeMap::new();
    for _ in 0..100 {
        grid.clear();
        for (i, p) in pos.iter().enumerate() {
            let c = ((p[0] / cell).floor() as i32, (p[1] / cell).floor() as i32);
            grid.entry(c).or_default().push(i);
        }
        let mut moved = false;
        for i in 0..pos.len() {
            let c = (
                (pos[i][0] / cell).floor() as i32,
                (pos[i][1] / cell).floor() as i32,
            );
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(others) = grid.get(&(c.0 + dx, c.1 + dy)) else {
                        continue;
                    };
                    for &j in others {
                        if j <= i || (is_frozen(i) && is_frozen(j)) {
                            continue;
                        }
                        let (p, q) = (pos[i], pos[j]);
                        let want = radii.get(i).copied().unwrap_or(0.0)
                            + radii.get(j).copied().unwrap_or(0.0)
                            + DISC_GAP;
                        let mut d = [q[0] - p[0], q[1] - p[1]];
                        let mut dist = d[0].hypot(d[1]);
                        if dist >= want {
                            continue;
                        }
                        if dist < 1e-4 {
                            let angle = (i * 7 + j * 13) as f32;
                            d = [angle.cos(), angle.sin()];
                            dist = 1.0;
                        }
                        let push = want - dist;
                        let unit = [d[0] / dist, d[1] / dist];
                        let (share_i, share_j) = match (is_frozen(i), is_frozen(j)) {
                            (true, _) => (0.0, 1.0),
                            (_, true) => (1.0, 0.0),
                            _ => (0.5, 0.5),
                        };
                        pos[i] = [
                            p[0] - unit[0] * push * share_i,
                            p[1] - unit[1] * push * share_i,
                        ];
                        pos[j] = [
                            q[0] + unit[0] * push * share_j,
                            q[1] + unit[1] * push * share_j,
                        ];
                        moved = true;
                    }
                }
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(n: usize, edges: &[(u32, u32)]) -> LayoutRequest {
        LayoutRequest {
            keys: (0..n).map(|i| format!("K:{i}")).collect(),
            edges: edges.iter().map(|&(a, b)| (a, b, 1.0)).collect(),
            seed: 7,
            iterations: 300,
            fixed: Vec::new(),
            radii: Vec::new(),
        }
    }

    fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    }

    #[test]
    fn is_deterministic_and_cancellable() {
        let req = request(30, &[(0, 1), (1, 2), (2, 3), (3, 0), (4, 5)]);
        let never = AtomicBool::new(false);
        let a = compute(&req, &never).unwrap();
        let b = compute(&req, &never).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.positions.len(), 30);
        assert!(compute(&req, &AtomicBool::new(true)).is_none());
    }

    #[test]
    fn connected_nodes_end_closer_than_unconnected_ones() {
        // Two 5-cliques joined by one edge: within-clique distances are shorter than across.
        let mut edges = Vec::new();
        for base in [0u32, 5] {
            for a in 0..5 {
                for b in (a + 1)..5 {
                    edges.push((base + a, base + b));
                }
            }
        }
        edges.push((0, 5));
        let layout = compute(&request(10, &edges), &AtomicBool::new(false)).unwrap();
        let p = &layout.positions;
        let within = dist(p[1], p[2]) + dist(p[6], p[7]);
        let across = dist(p[1], p[7]) + dist(p[2], p[6]);
        assert!(within < across, "within {within} across {across}");
        // No two nodes coincide.
        for i in 0..10 {
            for j in (i + 1)..10 {
                assert!(dist(p[i], p[j]) > 1.0);
            }
        }
    }

    #[test]
    fn isolated_nodes_sit_outside_the_connected_part() {
        let layout = compute(&request(6, &[(0, 1), (1, 2)]), &AtomicBool::new(false)).unwrap();
        let p = &layout.positions;
        let inner = (0..3).map(|i| dist(p[i], [0.0, 0.0])).fold(0.0, f32::max);
        for outer in &p[3..6] {
            assert!(dist(*outer, [0.0, 0.0]) > inner);
        }
    }

    #[test]
    fn kept_positions_do_not_move_and_new_nodes_start_near_their_neighbours() {
        let before = request(6, &[(0, 1), (1, 2), (3, 4)]);
        let first = compute(&before, &AtomicBool::new(false)).unwrap();
        // One node more, tied to node 0.
        let mut after = request(7, &[(0, 1), (1, 2), (3, 4), (0, 6)]);
        after.keep_positions(&before.keys, &first);
        assert_eq!(after.fixed.iter().filter(|p| p.is_some()).count(), 6);
        let second = compute(&after, &AtomicBool::new(false)).unwrap();
        assert_eq!(&second.positions[..6], &first.positions[..]);
        assert!(dist(second.positions[6], second.positions[0]) < 4.0 * IDEAL_DISTANCE);
        // A mostly new graph is laid out afresh.
        let mut other = request(20, &[(0, 1)]);
        other.keys.iter_mut().for_each(|k| k.push('x'));
        other.keep_positions(&before.keys, &first);
        assert!(other.fixed.is_empty());
    }

    #[test]
    fn big_discs_are_pushed_apart_and_frozen_ones_stay() {
        // A star of ten nodes around a hub: the springs pull them closer than big discs
        // allow.
        let mut r = request(11, &(1..11).map(|i| (0, i)).collect::<Vec<_>>());
        r.radii = vec![26.0, 20.0, 20.0, 20.0, 12.0, 12.0, 12.0, 8.0, 8.0, 4.0, 4.0];
        let layout = compute(&r, &AtomicBool::new(false)).unwrap_or_else(|| panic!("done"));
        for a in 0..11 {
            for b in a + 1..11 {
                let d = dist(layout.positions[a], layout.positions[b]);
                assert!(
                    d >= r.radii[a] + r.radii[b] + DISC_GAP - 0.5,
                    "{a} and {b} overlap: {d:.1}"
                );
            }
        }
        let mut pos = vec![[0.0, 0.0], [1.0, 0.0]];
        separate(&mut pos, &[10.0, 10.0], &[true, false]);
        assert_eq!(pos[0], [0.0, 0.0], "a frozen disc stays");
        assert!((dist(pos[0], pos[1]) - 20.0 - DISC_GAP).abs() < 0.01);
    }
}
