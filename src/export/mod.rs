//! Exports: the curated project out to Gephi (GEXF, `GraphML`), pandas/R/Excel (CSV), a
//! drawing (SVG, PNG), a shareable report (HTML) and other tools (interchange JSONL).
//!
//! Every export reflects the researcher's curation: the quote and mention edits are applied
//! ([`crate::project::edits::apply_all`]) and the entity network is built exactly as the
//! workbench's diagram builds it ([`EntityGraph::new`] with the project's entity curation:
//! merges, splits, rejections), with the saved positions. Every file is written atomically.

mod csv;
mod gexf;
mod graphml;
mod html;
mod jsonl;
mod png;
mod svg;

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::AtomicBool;

use crate::graph::EntityGraph;
use crate::graph::layout::{self, LayoutRequest};
use crate::graph::tags::{self, TagSelection};
use crate::model::{Document, RelationKind};
use crate::project::Project;
use crate::project::edits::EditReport;
use crate::{Error, Result};

/// The layout seed the workbench's network uses, so an unsaved layout matches the window's.
pub const LAYOUT_SEED: u64 = 0x5155_4152_5259;

/// What to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Leave out entities with fewer mentions than this (and their edges).
    pub min_mentions: usize,
    /// Keep only asserted relations (no co-occurrence edges or rows).
    pub asserted_only: bool,
    /// Only these article ids (empty: every article).
    pub articles: Vec<String>,
    /// CSV only: start each file with a UTF-8 byte-order mark (for Excel).
    pub excel_bom: bool,
    /// Only what carries this tag (see [`crate::graph::tags`]): tagged quotes and relations
    /// (or those of a tagged article), tagged entities and the entities those involve, and
    /// the articles holding any of them. `None`: everything.
    pub tag: Option<String>,
}

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A folder of CSV files.
    Csv,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// `GraphML`.
    Graphml,
    /// The network diagram as SVG.
    Svg,
    /// The network diagram as a PNG picture.
    Png,
    /// A self-contained HTML report.
    Html,
    /// The interchange JSON Lines.
    Jsonl,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 7] = [
        Format::Csv,
        Format::Gexf,
        Format::Graphml,
        Format::Svg,
        Format::Png,
        Format::Html,
        Format::Jsonl,
    ];

    /// The name used on the command line (also the file extension).
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Gexf => "gexf",
            Format::Graphml => "graphml",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown export format {s:?} (expected one of: csv, gexf, graphml, svg, png, html, jsonl)"
                ))
            })
    }
}

/// The curated project as every export sees it.
#[derive(Debug)]
pub struct Prepared {
    /// The exported documents, with the curation's edits applied.
    pub documents: Vec<Document>,
    /// The entity network of those documents with the entity curation applied.
    pub graph: EntityGraph,
    /// Which nodes are exported (by `min_mentions`).
    pub node_kept: Vec<bool>,
    /// Which edges are exported (both ends kept, and asserted if asked).
    pub edge_kept: Vec<bool>,
    /// Each node's position: the saved one, else the core layout's.
    pub positions: Vec<[f32; 2]>,
    /// The project's name.
    pub name: String,
    /// How the curation's edits applied.
    pub report: EditReport,
    /// The options.
    pub options: ExportOptions,
}

impl Prepared {
    /// Applies the curation and the options to `project`. An empty project, or an article
    /// filter that matches nothing, is an error.
    pub fn new(project: &Project, options: &ExportOptions) -> Result<Self> {
        if project.documents.is_empty() {
            return Err(Error::Invalid(format!(
                "project {:?} has no articles: nothing to export",
                project.name
            )));
        }
        let (mut documents, report) =
            crate::project::edits::apply_all(&project.documents, &project.curation.edits);
        if !options.articles.is_empty() {
            for id in &options.articles {
                if !documents.iter().any(|d| &d.id == id) {
                    return Err(Error::Invalid(format!(
                        "no article with id {id:?} in the project"
                    )));
                }
            }
            documents.retain(|d| options.articles.contains(&d.id));
        }
        let tag = options
            .tag
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let (graph, tagged) = match tag {
            Some(tag) => tagged_only(&mut documents, project, tag)?,
            None => (
                EntityGraph::new(&documents, &project.curation.entities),
                None,
            ),
        };
        let node_kept: Vec<bool> = graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                n.mentions >= options.min_mentions && tagged.as_ref().is_none_or(|t| t.nodes[i])
            })
            .collect();
        let edge_kept = graph
            .edges
            .iter()
            .enumerate()
            .map(|(i, e)| {
                node_kept[e.source]
                    && node_kept[e.target]
                    && (!options.asserted_only || e.kind == RelationKind::Asserted)
                    && tagged.as_ref().is_none_or(|t| t.edges[i])
            })
            .collect();
        let saved = &project.curation.graph_positions;
        let computed = if graph.nodes.iter().all(|n| saved.contains_key(&n.key)) {
            None
        } else {
            layout::compute(
                &LayoutRequest::from_graph(&graph, LAYOUT_SEED),
                &AtomicBool::new(false),
            )
        };
        let positions = graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                saved
                    .get(&n.key)
                    .copied()
                    .or_else(|| computed.as_ref().and_then(|l| l.positions.get(i).copied()))
                    .unwrap_or_default()
            })
            .collect();
        Ok(Self {
            documents,
            graph,
            node_kept,
            edge_kept,
            positions,
            name: project.name.clone(),
            report,
            options: options.clone(),
        })
    }

    /// True when the mention `m` of document `doc` is exported: always, except under a
    /// tag filter, which keeps the mentions of exported entities only.
    pub fn keeps_mention(&self, doc: usize, m: &crate::model::Mention) -> bool {
        self.options
            .tag
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
            || m.entity
                .and_then(|e| self.graph.node_of(doc, e))
                .is_some_and(|n| self.node_kept.get(n).copied().unwrap_or(false))
    }

    /// The exported nodes' indices.
    pub fn nodes(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.graph.nodes.len()).filter(|&i| self.node_kept[i])
    }

    /// The exported edges' indices.
    pub fn edges(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.graph.edges.len()).filter(|&i| self.edge_kept[i])
    }

    /// True if relation `kind` is exported.
    pub fn keeps_kind(&self, kind: RelationKind) -> bool {
        !self.options.asserted_only || kind == RelationKind::Asserted
    }

    /// The name of the resolved entity of `entity` in document `doc`, or its own canonical
    /// name when it is no node.
    pub fn entity_name(&self, doc: usize, entity: crate::model::EntityId) -> String {
        self.graph
            .node_of(doc, entity)
            .and_then(|n| self.graph.nodes.get(n))
            .map(|n| n.name.clone())
            .or_else(|| {
                self.documents
                    .get(doc)
                    .and_then(|d| d.annotations.entity(entity))
                    .map(|e| one_line(&e.canonical_name))
            })
            .unwrap_or_default()
    }

    /// The node key of `entity` in document `doc`, or "".
    pub fn entity_key(&self, doc: usize, entity: crate::model::EntityId) -> String {
        self.graph
            .node_of(doc, entity)
            .and_then(|n| self.graph.nodes.get(n))
            .map(|n| n.key.clone())
            .unwrap_or_default()
    }
}

/// Narrows `documents` to what carries `tag` (see [`ExportOptions::tag`]) and builds their
/// graph, with the tagged nodes and edges. Nothing tagged is an error.
fn tagged_only(
    documents: &mut Vec<Document>,
    project: &Project,
    tag: &str,
) -> Result<(EntityGraph, Option<TagSelection>)> {
    let notes = &project.curation.notes_and_tags;
    for d in documents.iter_mut() {
        let keep_q: Vec<bool> = d
            .annotations
            .quotes
            .iter()
            .map(|q| tags::quote_tagged(notes, d, q, tag))
            .collect();
        let keep_r: Vec<bool> = d
            .annotations
            .relations
            .iter()
            .map(|r| tags::relation_tagged(notes, d, r, tag))
            .collect();
        let mut k = keep_q.into_iter();
        d.annotations.quotes.retain(|_| k.next().unwrap_or(false));
        let mut k = keep_r.into_iter();
        d.annotations
            .relations
            .retain(|_| k.next().unwrap_or(false));
    }
    let graph = EntityGraph::new(documents, &project.curation.entities);
    let selection = tags::select(&graph, documents, notes, tag);
    // Keep the articles that hold something tagged: a quote, a relation, a tagged entity.
    let keep: Vec<bool> = documents
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let a = &doc.annotations;
            !a.quotes.is_empty()
                || !a.relations.is_empty()
                || (0..a.entities.len()).any(|e| {
                    graph
                        .node_of(d, crate::model::EntityId::from_index(e))
                        .is_some_and(|n| selection.nodes[n])
                })
        })
        .collect();
    if !keep.iter().any(|k| *k) {
        return Err(Error::Invalid(format!(
            "nothing in project {:?} carries the tag {tag:?}",
            project.name
        )));
    }
    if keep.iter().all(|k| *k) {
        return Ok((graph, Some(selection)));
    }
    let mut k = keep.into_iter();
    documents.retain(|_| k.next().unwrap_or(false));
    let graph = EntityGraph::new(documents, &project.curation.entities);
    let selection = tags::select(&graph, documents, notes, tag);
    Ok((graph, Some(selection)))
}

/// Counts of what an export wrote, for the command line's summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles.
    pub articles: usize,
    /// Entities (network nodes).
    pub entities: usize,
    /// Mentions.
    pub mentions: usize,
    /// Quotes.
    pub quotes: usize,
    /// Relations (rows).
    pub relations: usize,
    /// Network edges.
    pub edges: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "articles={} entities={} mentions={} quotes={} relations={} edges={}",
            self.articles, self.entities, self.mentions, self.quotes, self.relations, self.edges
        )
    }
}

impl Prepared {
    /// The counts this export holds.
    pub fn summary(&self) -> Summary {
        Summary {
            articles: self.documents.len(),
            entities: self.nodes().count(),
            mentions: self
                .documents
                .iter()
                .map(|d| d.annotations.mentions.len())
                .sum(),
            quotes: self
                .documents
                .iter()
                .map(|d| d.annotations.quotes.len())
                .sum(),
            relations: self
                .documents
                .iter()
                .flat_map(|d| &d.annotations.relations)
                .filter(|r| self.keeps_kind(r.kind))
                .count(),
            edges: self.edges().count(),
        }
    }
}

/// Exports `project` as `format` to `out` (a folder for CSV, else a file), atomically.
pub fn export(
    project: &Project,
    format: Format,
    options: &ExportOptions,
    out: &Path,
) -> Result<Summary> {
    let prepared = Prepared::new(project, options)?;
    match format {
        Format::Csv => csv::write(&prepared, out)?,
        Format::Gexf => write_file(out, gexf::render(&prepared))?,
        Format::Graphml => write_file(out, graphml::render(&prepared))?,
        Format::Svg => write_file(out, svg::render(&prepared))?,
        Format::Png => write_file(out, png::render(&prepared))?,
        Format::Html => write_file(out, Ok(html::render(&prepared).into_bytes()))?,
        Format::Jsonl => write_file(out, jsonl::render(&prepared, out))?,
    }
    Ok(prepared.summary())
}

/// A table as the workbench shows it (`header`, then `rows`, cell by cell) written to `out`
/// as CSV, atomically: "Export this table (as filtered)".
pub fn write_table_csv(
    out: &Path,
    header: &[String],
    rows: &[Vec<String>],
    excel_bom: bool,
) -> Result<()> {
    let all: Vec<Vec<String>> = std::iter::once(header.to_vec())
        .chain(rows.iter().cloned())
        .collect();
    let bytes = csv::to_bytes(&all, excel_bom)
        .map_err(|e| Error::Invalid(format!("{}: {e}", out.display())))?;
    crate::project::atomic_write(out, &bytes)
}

/// The network drawing of `prepared` as SVG bytes (what the `svg` format writes and the
/// `png` format rasterises).
pub fn render_svg(prepared: &Prepared) -> Result<Vec<u8>> {
    svg::render(prepared)
}

fn write_file(out: &Path, bytes: Result<Vec<u8>>) -> Result<()> {
    crate::project::atomic_write(out, &bytes?)
}

/// Whitespace runs collapsed to one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An XML writer error as this crate's error, naming `out`.
pub(crate) fn xml_error(e: impl fmt::Display) -> Error {
    Error::Invalid(format!("writing XML: {e}"))
}
