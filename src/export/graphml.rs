//! `GraphML`: the entity network with the same node and edge data as the GEXF export.
//!
//! The graph is `edgedefault="directed"`; whether a relation type has a direction is the
//! edge's `directed` data value (`GraphML`'s per-edge `directed="false"` is rejected by
//! networkx in a directed graph).

#![allow(clippy::many_single_char_names)] // w: the XML writer, p: the export, n/e: node/edge.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::csv::kind_name;
use super::{Prepared, xml_error};
use crate::Result;
use crate::graph::palette::entity_hex;

const KEYS: [(&str, &str, &str, &str); 11] = [
    ("d0", "node", "label", "string"),
    ("d1", "node", "type", "string"),
    ("d2", "node", "mentions", "int"),
    ("d3", "node", "articles", "int"),
    ("d4", "node", "color", "string"),
    ("d5", "node", "x", "double"),
    ("d6", "node", "y", "double"),
    ("d7", "edge", "relation_type", "string"),
    ("d8", "edge", "kind", "string"),
    ("d9", "edge", "weight", "double"),
    ("d10", "edge", "directed", "boolean"),
];

/// The network as `GraphML`.
pub fn render(p: &Prepared) -> Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, p).map_err(xml_error)?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> std::io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn write(w: &mut Writer<Vec<u8>>, p: &Prepared) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"))
        .write_inner_content(|w| {
            for (id, domain, name, ty) in KEYS {
                w.create_element("key")
                    .with_attributes([
                        ("id", id),
                        ("for", domain),
                        ("attr.name", name),
                        ("attr.type", ty),
                    ])
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attributes([("id", "G"), ("edgedefault", "directed")])
                .write_inner_content(|w| {
                    for i in p.nodes() {
                        let n = &p.graph.nodes[i];
                        let [x, y] = p.positions[i];
                        w.create_element("node")
                            .with_attribute(("id", n.key.as_str()))
                            .write_inner_content(|w| {
                                data(w, "d0", &n.name)?;
                                data(w, "d1", n.entity_type.label())?;
                                data(w, "d2", &n.mentions.to_string())?;
                                data(w, "d3", &n.documents.to_string())?;
                                data(w, "d4", &entity_hex(n.entity_type))?;
                                data(w, "d5", &x.to_string())?;
                                data(w, "d6", &y.to_string())
                            })?;
                    }
                    for i in p.edges() {
                        let e = &p.graph.edges[i];
                        let id = format!("e{i}");
                        w.create_element("edge")
                            .with_attributes([
                                ("id", id.as_str()),
                                ("source", p.graph.nodes[e.source].key.as_str()),
                                ("target", p.graph.nodes[e.target].key.as_str()),
                            ])
                            .write_inner_content(|w| {
                                data(w, "d7", e.relation_type.label())?;
                                data(w, "d8", kind_name(e.kind))?;
                                data(w, "d9", &e.count().to_string())?;
                                data(w, "d10", &e.directed.to_string())
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}
