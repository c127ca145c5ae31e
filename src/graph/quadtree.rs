//! A Barnes–Hut quadtree for the layout's repulsion (Barnes and Hut, 1986).
//!
//! Every node repels every other with force `k² / d`; summing that over all pairs costs
//! O(n²). The quadtree groups far-away nodes: a cell whose width seen from a node is below
//! `theta` times its distance acts as one body of its total count at its centre of mass.
//! Building the tree and querying it for all nodes costs O(n log n).

/// Deepest subdivision: coincident points end up together in one leaf.
const MAX_DEPTH: u32 = 24;

#[derive(Clone, Copy, Debug)]
struct Cell {
    centre: [f32; 2],
    half: f32,
    mass: f32,
    /// Sum of the member positions (the centre of mass once divided by `mass`).
    sum: [f32; 2],
    /// Index of the first of four children, or 0 for a leaf.
    children: u32,
    /// The point of a leaf holding exactly one point (`u32::MAX`: none or several).
    point: u32,
}

impl Cell {
    fn new(centre: [f32; 2], half: f32) -> Self {
        Self {
            centre,
            half,
            mass: 0.0,
            sum: [0.0, 0.0],
            children: 0,
            point: u32::MAX,
        }
    }
}

/// A quadtree over a set of points.
pub struct QuadTree {
    cells: Vec<Cell>,
}

impl QuadTree {
    /// Builds the tree over `points`.
    pub fn build(points: &[[f32; 2]]) -> Self {
        let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
        for p in points {
            lo = [lo[0].min(p[0]), lo[1].min(p[1])];
            hi = [hi[0].max(p[0]), hi[1].max(p[1])];
        }
        if points.is_empty() {
            (lo, hi) = ([0.0; 2], [0.0; 2]);
        }
        let half = ((hi[0] - lo[0]).max(hi[1] - lo[1]) / 2.0).max(1.0) * 1.001;
        let centre = [lo[0].midpoint(hi[0]), lo[1].midpoint(hi[1])];
        let mut tree = Self {
            cells: Vec::with_capacity(points.len() * 2 + 1),
        };
        tree.cells.push(Cell::new(centre, half));
        for (i, p) in points.iter().enumerate() {
            tree.insert(*p, i as u32, points);
        }
        tree
    }

    fn quadrant(cell: &Cell, p: [f32; 2]) -> u32 {
        u32::from(p[0] >= cell.centre[0]) + 2 * u32::from(p[1] >= cell.centre[1])
    }

    fn split(&mut self, at: usize) {
        let cell = self.cells[at];
        let h = cell.half / 2.0;
        let first = self.cells.len() as u32;
        for q in 0..4 {
            let dx = if q & 1 == 1 { h } else { -h };
            let dy = if q & 2 == 2 { h } else { -h };
            self.cells
                .push(Cell::new([cell.centre[0] + dx, cell.centre[1] + dy], h));
        }
        self.cells[at].children = first;
    }

    fn insert(&mut self, p: [f32; 2], index: u32, points: &[[f32; 2]]) {
        let mut at = 0usize;
        let mut depth = 0;
        loop {
            let cell = &mut self.cells[at];
            let was_empty = cell.mass == 0.0;
            cell.mass += 1.0;
            cell.sum[0] += p[0];
            cell.sum[1] += p[1];
            if cell.children == 0 {
                if was_empty {
                    cell.point = index;
                    return;
                }
                if depth >= MAX_DEPTH {
                    cell.point = u32::MAX;
                    return;
                }
                // A leaf with one point becomes an inner cell: push its point down.
                let old = cell.point;
                cell.point = u32::MAX;
                self.split(at);
                if old != u32::MAX
                    && let Some(&q) = points.get(old as usize)
                {
                    let child = self.cells[at].children + Self::quadrant(&self.cells[at], q);
                    let c = &mut self.cells[child as usize];
                    c.mass = 1.0;
                    c.sum = q;
                    c.point = old;
                }
            }
            let cell = &self.cells[at];
            at = (cell.children + Self::quadrant(cell, p)) as usize;
            depth += 1;
        }
    }

    /// The repulsion `Σ k²/d` (as a vector pointing away) on the point `p`, which is the
    /// tree's point `index` (excluded from its own sum).
    pub fn repulsion(&self, p: [f32; 2], index: u32, k2: f32, theta: f32) -> [f32; 2] {
        let mut force = [0.0_f32; 2];
        let mut stack: Vec<usize> = vec![0];
        let theta2 = theta * theta;
        while let Some(at) = stack.pop() {
            let cell = &self.cells[at];
            if cell.mass == 0.0 || (cell.children == 0 && cell.point == index) {
                continue;
            }
            let mut mass = cell.mass;
            let com = [cell.sum[0] / mass, cell.sum[1] / mass];
            let mut delta = [p[0] - com[0], p[1] - com[1]];
            let mut d2 = delta[0] * delta[0] + delta[1] * delta[1];
            let width = 2.0 * cell.half;
            if cell.children != 0 && width * width >= theta2 * d2 {
                for c in 0..4 {
                    stack.push((cell.children + c) as usize);
                }
                continue;
            }
            if cell.children == 0 && cell.point == u32::MAX && d2 < 1e-6 {
                // A deep leaf holding `p` among coincident points: the others push it a
                // little, in a direction fixed by the point.
                mass -= 1.0;
                let angle = index as f32 * 2.399;
                delta = [angle.cos() * 0.01, angle.sin() * 0.01];
                d2 = 1e-4;
            }
            if d2 < 1e-6 || mass <= 0.0 {
                continue;
            }
            // k²/d along delta/d: delta · k² / d².
            let f = mass * k2 / d2;
            force[0] += delta[0] * f;
            force[1] += delta[1] * f;
        }
        force
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(points: &[[f32; 2]], i: usize, k2: f32) -> [f32; 2] {
        let mut f = [0.0; 2];
        for (j, q) in points.iter().enumerate() {
            if j != i {
                let d = [points[i][0] - q[0], points[i][1] - q[1]];
                let d2 = d[0] * d[0] + d[1] * d[1];
                f[0] += d[0] * k2 / d2;
                f[1] += d[1] * k2 / d2;
            }
        }
        f
    }

    #[test]
    fn the_tree_force_approximates_the_exact_sum() {
        // 400 points on a jittered grid.
        let points: Vec<[f32; 2]> = (0..400)
            .map(|i| {
                let (x, y) = ((i % 20) as f32, (i / 20) as f32);
                [x * 10.0 + (i * 7 % 5) as f32, y * 10.0 + (i * 3 % 4) as f32]
            })
            .collect();
        let tree = QuadTree::build(&points);
        for i in [0, 17, 210, 399] {
            let a = tree.repulsion(points[i], i as u32, 100.0, 0.5);
            let b = exact(&points, i, 100.0);
            let err = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
            let norm = (b[0] * b[0] + b[1] * b[1]).sqrt();
            assert!(err <= 0.05 * norm + 1.0, "point {i}: {a:?} vs {b:?}");
        }
        // theta 0 is the exact sum.
        let a = tree.repulsion(points[5], 5, 100.0, 0.0);
        let b = exact(&points, 5, 100.0);
        assert!((a[0] - b[0]).abs() < 0.01 * b[0].abs().max(1.0));
    }

    #[test]
    fn coincident_points_do_not_loop_or_give_nan() {
        let points = vec![[1.0, 1.0]; 50];
        let tree = QuadTree::build(&points);
        let f = tree.repulsion(points[3], 3, 100.0, 0.5);
        assert!(f[0].is_finite() && f[1].is_finite());
        assert!(f[0] != 0.0 || f[1] != 0.0, "coincident points push apart");
    }
}
