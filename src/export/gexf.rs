//! GEXF 1.3 (Gephi): the entity network with type, mentions, articles, colour and position on
//! the nodes and type, kind and weight (evidence count) on the edges.
//!
//! The graph's default edge type is `directed`; symmetric relation types ("met", "allied
//! with", co-occurrence) are written as `mutual` edges (GEXF's both-ways edge), which Gephi
//! and networkx read in a directed graph.

#![allow(clippy::many_single_char_names)] // w: the XML writer, p: the export, n/e: node/edge.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::csv::kind_name;
use super::{Prepared, xml_error};
use crate::Result;
use crate::graph::palette::entity_rgb;

const NODE_ATTRIBUTES: [(&str, &str, &str); 3] = [
    ("0", "type", "string"),
    ("1", "mentions", "integer"),
    ("2", "articles", "integer"),
];
const EDGE_ATTRIBUTES: [(&str, &str, &str); 3] = [
    ("0", "relation_type", "string"),
    ("1", "kind", "string"),
    ("2", "directed", "boolean"),
];

/// The network as GEXF 1.3.
pub fn render(p: &Prepared) -> Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, p).map_err(xml_error)?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn attributes(
    w: &mut Writer<Vec<u8>>,
    class: &str,
    list: &[(&str, &str, &str)],
) -> std::io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .write_inner_content(|w| {
            for (id, title, ty) in list {
                w.create_element("attribute")
                    .with_attributes([("id", *id), ("title", *title), ("type", *ty)])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn attvalues(w: &mut Writer<Vec<u8>>, values: &[(&str, String)]) -> std::io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (id, value) in values {
            w.create_element("attvalue")
                .with_attributes([("for", *id), ("value", value.as_str())])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write(w: &mut Writer<Vec<u8>>, p: &Prepared) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator")
                    .write_text_content(BytesText::new("Quarry"))?;
                w.create_element("description")
                    .write_text_content(BytesText::new(&format!(
                        "Entity network of the project {}",
                        p.name
                    )))?;
                Ok(())
            })?;
            w.create_element("graph")
                .with_attributes([("defaultedgetype", "directed"), ("mode", "static")])
                .write_inner_content(|w| {
                    attributes(w, "node", &NODE_ATTRIBUTES)?;
                    attributes(w, "edge", &EDGE_ATTRIBUTES)?;
                    nodes(w, p)?;
                    edges(w, p)
                })?;
            Ok(())
        })?;
    Ok(())
}

fn nodes(w: &mut Writer<Vec<u8>>, p: &Prepared) -> std::io::Result<()> {
    w.create_element("nodes").write_inner_content(|w| {
        for i in p.nodes() {
            let n = &p.graph.nodes[i];
            let [r, g, b] = entity_rgb(n.entity_type);
            let [x, y] = p.positions[i];
            w.create_element("node")
                .with_attributes([("id", n.key.as_str()), ("label", n.name.as_str())])
                .write_inner_content(|w| {
                    attvalues(
                        w,
                        &[
                            ("0", n.entity_type.label().to_owned()),
                            ("1", n.mentions.to_string()),
                            ("2", n.documents.to_string()),
                        ],
                    )?;
                    w.create_element("viz:color")
                        .with_attributes([
                            ("r", r.to_string().as_str()),
                            ("g", g.to_string().as_str()),
                            ("b", b.to_string().as_str()),
                        ])
                        .write_empty()?;
                    w.create_element("viz:position")
                        .with_attributes([
                            ("x", x.to_string().as_str()),
                            ("y", y.to_string().as_str()),
                            ("z", "0"),
                        ])
                        .write_empty()?;
                    w.create_element("viz:size")
                        .with_attribute((
                            "value",
                            (n.mentions as f32).sqrt().max(1.0).to_string().as_str(),
                        ))
                        .write_empty()?;
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn edges(w: &mut Writer<Vec<u8>>, p: &Prepared) -> std::io::Result<()> {
    w.create_element("edges").write_inner_content(|w| {
        for i in p.edges() {
            let e = &p.graph.edges[i];
            let id = i.to_string();
            let weight = e.count().to_string();
            w.create_element("edge")
                .with_attributes([
                    ("id", id.as_str()),
                    ("source", p.graph.nodes[e.source].key.as_str()),
                    ("target", p.graph.nodes[e.target].key.as_str()),
                    ("type", if e.directed { "directed" } else { "mutual" }),
                    ("weight", weight.as_str()),
                    ("label", e.relation_type.human_label()),
                ])
                .write_inner_content(|w| {
                    attvalues(
                        w,
                        &[
                            ("0", e.relation_type.label().to_owned()),
                            ("1", kind_name(e.kind).to_owned()),
                            ("2", e.directed.to_string()),
                        ],
                    )
                })?;
        }
        Ok(())
    })?;
    Ok(())
}
