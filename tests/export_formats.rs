//! Exports parsed back: CSV with the csv reader, GEXF and `GraphML` with quick-xml, SVG, HTML
//! and JSONL; a curated merge and a deleted quote show in the exports; errors through the
//! binary.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use quarry::export::{self, ExportOptions, Format, Prepared};
use quarry::model::EntityType;
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::project::Project;
use quarry::project::edits::{DocumentEdits, QuoteEdit, excerpt};
use quick_xml::Reader;
use quick_xml::events::Event;

fn project() -> Project {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.truncate(4);
    let pipeline = Pipeline::new(&PipelineSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut project = Project::new("export test");
    let docs = paths
        .iter()
        .map(|p| {
            let mut d = quarry::ingest::load_file(p).unwrap();
            pipeline.run(&mut d);
            d
        })
        .collect();
    project.add_documents(docs);
    project
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader.records().map(|r| r.unwrap()).collect()
}

/// Ids of `<node>` elements and the number of `<edge>` elements.
fn xml_graph(path: &Path) -> (Vec<String>, usize, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = Reader::from_str(&text);
    let (mut nodes, mut edges, mut root) = (Vec::new(), 0, String::new());
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let name: String = e.name().as_ref().to_owned();
                if root.is_empty() {
                    root.clone_from(&name);
                }
                if name == "node" {
                    let id = e.try_get_attribute("id").unwrap().unwrap();
                    nodes.push(
                        id.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .unwrap()
                            .into_owned(),
                    );
                } else if name == "edge" {
                    edges += 1;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (nodes, edges, root)
}

struct Exported {
    dir: tempfile::TempDir,
    prepared: Prepared,
}

fn export_all(project: &Project) -> Exported {
    let dir = tempfile::tempdir().unwrap();
    let options = ExportOptions::default();
    for f in Format::ALL {
        let out = dir.path().join(format!("out.{f}"));
        export::export(project, f, &options, &out).unwrap();
    }
    Exported {
        dir,
        prepared: Prepared::new(project, &options).unwrap(),
    }
}

#[test]
fn every_format_parses_back_with_the_graphs_counts() {
    let project = project();
    let e = export_all(&project);
    let p = &e.prepared;
    let s = p.summary();
    assert!(s.entities > 10 && s.edges > 5 && s.quotes > 0, "{s}");
    let csv = e.dir.path().join("out.csv");
    assert_eq!(csv_rows(&csv.join("articles.csv")).len(), s.articles);
    assert_eq!(csv_rows(&csv.join("entities.csv")).len(), s.entities);
    assert_eq!(csv_rows(&csv.join("mentions.csv")).len(), s.mentions);
    assert_eq!(csv_rows(&csv.join("quotes.csv")).len(), s.quotes);
    assert_eq!(csv_rows(&csv.join("relations.csv")).len(), s.relations);
    for (f, root) in [("gexf", "gexf"), ("graphml", "graphml")] {
        let (nodes, edges, r) = xml_graph(&e.dir.path().join(format!("out.{f}")));
        assert_eq!(r, root);
        assert_eq!(nodes.len(), p.graph.nodes.len(), "{f}");
        assert_eq!(edges, p.graph.edges.len(), "{f}");
        let keys: Vec<&str> = p.graph.nodes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(nodes, keys, "{f}");
    }
    let svg = std::fs::read_to_string(e.dir.path().join("out.svg")).unwrap();
    let (_, _, root) = xml_graph(&e.dir.path().join("out.svg"));
    assert_eq!(root, "svg");
    assert_eq!(
        svg.matches("<circle").count(),
        s.entities + EntityType::ALL.len()
    );
    assert_eq!(svg.matches("<line").count(), s.edges);
    let html = std::fs::read_to_string(e.dir.path().join("out.html")).unwrap();
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    assert_eq!(html.matches("<article").count(), s.articles);
    let jsonl = std::fs::read_to_string(e.dir.path().join("out.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), s.articles);
    let quotes: usize = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["quotes"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(quotes, s.quotes);
}

#[test]
fn a_curated_merge_and_a_deleted_quote_show_in_the_exports() {
    let mut project = project();
    let before = export_all(&project);
    let g = &before.prepared.graph;
    let mut people: Vec<usize> = (0..g.nodes.len())
        .filter(|&i| g.nodes[i].entity_type == EntityType::Person)
        .collect();
    people.sort_by_key(|&i| std::cmp::Reverse(g.nodes[i].mentions));
    let (from, into) = (
        g.nodes[people[1]].key.clone(),
        g.nodes[people[0]].key.clone(),
    );
    project
        .curation
        .entities
        .merges
        .insert(from.clone(), into.clone());
    let doc = project
        .documents
        .iter()
        .find(|d| !d.annotations.quotes.is_empty())
        .unwrap();
    let quote = doc.annotations.quotes[0].content;
    let quote_text = quote
        .text(&doc.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut edits = DocumentEdits::default();
    edits.quotes.insert(
        quote,
        QuoteEdit::Delete {
            text: excerpt(quote.text(&doc.text)),
        },
    );
    project.curation.edits.insert(doc.id.clone(), edits);
    let after = export_all(&project);
    let (b, a) = (before.prepared.summary(), after.prepared.summary());
    assert_eq!(a.entities, b.entities - 1);
    assert_eq!(a.quotes, b.quotes - 1);

    let csv = after.dir.path().join("out.csv");
    let entities = csv_rows(&csv.join("entities.csv"));
    assert!(entities.iter().all(|r| &r[0] != from.as_str()));
    assert!(entities.iter().any(|r| &r[0] == into.as_str()));
    let quotes = csv_rows(&csv.join("quotes.csv"));
    assert_eq!(quotes.len(), b.quotes - 1);
    assert!(quotes.iter().all(|r| &r[3] != quote_text.as_str()));
    assert!(
        csv_rows(&csv.join("mentions.csv"))
            .iter()
            .all(|r| &r[5] != from.as_str())
    );
    for f in ["gexf", "graphml"] {
        let (nodes, _, _) = xml_graph(&after.dir.path().join(format!("out.{f}")));
        assert!(!nodes.contains(&from) && nodes.contains(&into), "{f}");
        assert_eq!(nodes.len(), b.entities - 1, "{f}");
    }
    let svg = std::fs::read_to_string(after.dir.path().join("out.svg")).unwrap();
    assert_eq!(
        svg.matches("<circle").count(),
        a.entities + EntityType::ALL.len()
    );
    let html = std::fs::read_to_string(after.dir.path().join("out.html")).unwrap();
    let old_html = std::fs::read_to_string(before.dir.path().join("out.html")).unwrap();
    let cell = format!("<td>{}</td>", quarry_escape(&quote_text));
    assert!(old_html.contains(&cell) && !html.contains(&cell));
    let jsonl = std::fs::read_to_string(after.dir.path().join("out.jsonl")).unwrap();
    let quotes: usize = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["quotes"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(quotes, b.quotes - 1);
}

fn quarry_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn quarry(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn errors_are_clear_and_fail() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("p.ron");
    project().save(&ron).unwrap();
    let ron = ron.to_str().unwrap();
    let out = dir.path().join("x.gexf");
    let (ok, err) = quarry(&[
        "export",
        ron,
        "--format",
        "pdf",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        !ok && err.contains("unknown export format \"pdf\""),
        "{err}"
    );
    let (ok, err) = quarry(&[
        "export",
        ron,
        "--format",
        "gexf",
        "-o",
        "/nonexistent-dir/x.gexf",
    ]);
    assert!(!ok && err.contains("/nonexistent-dir/"), "{err}");
    let empty = dir.path().join("empty.ron");
    Project::new("empty").save(&empty).unwrap();
    let (ok, err) = quarry(&[
        "export",
        empty.to_str().unwrap(),
        "--format",
        "csv",
        "-o",
        dir.path().join("c").to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("no articles"), "{err}");
    let (ok, err) = quarry(&[
        "export",
        ron,
        "--format",
        "gexf",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok && err.contains("exported gexf"), "{err}");
}

/// The PNG is the SVG drawing at twice its size, with every node drawn in its type's
/// colour (a blank or mis-coloured picture fails).
#[test]
fn png_draws_the_network_in_the_type_colours() {
    let project = project();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("network.png");
    let summary = export::export(&project, Format::Png, &ExportOptions::default(), &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
    let svg = String::from_utf8(
        export::render_svg(&Prepared::new(&project, &ExportOptions::default()).unwrap()).unwrap(),
    )
    .unwrap();
    let width: f32 = attribute(&svg, "width").parse().unwrap();
    let height: f32 = attribute(&svg, "height").parse().unwrap();
    assert_eq!(pixmap.width() as f32, width * 2.0);
    assert_eq!(pixmap.height() as f32, height * 2.0);
    let prepared = Prepared::new(&project, &ExportOptions::default()).unwrap();
    assert_eq!(summary.entities, prepared.nodes().count());
    let pixels = pixmap.pixels();
    let white = pixels
        .iter()
        .filter(|p| p.red() == 255 && p.green() == 255 && p.blue() == 255)
        .count();
    assert!(white < pixels.len(), "the picture is blank");
    for t in EntityType::ALL {
        if !prepared.graph.nodes.iter().any(|n| n.entity_type == t) {
            continue;
        }
        let [r, g, b] = quarry::graph::palette::entity_rgb(t);
        let drawn = pixels
            .iter()
            .filter(|p| p.red() == r && p.green() == g && p.blue() == b && p.alpha() == 255)
            .count();
        assert!(
            drawn > 20,
            "{t:?} nodes are not drawn in their colour ({drawn} pixels)"
        );
    }
}

/// The value of the first `name="…"` attribute in `xml`.
fn attribute<'a>(xml: &'a str, name: &str) -> &'a str {
    let start = xml
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("no {name} attribute"))
        + name.len()
        + 3;
    let end = start
        + xml[start..]
            .find('"')
            .unwrap_or_else(|| panic!("unterminated"));
    &xml[start..end]
}
