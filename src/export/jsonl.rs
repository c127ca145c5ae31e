//! JSONL: the interchange format, one curated document a line (as `quarry extract --project`).
//!
//! Names are the curated network's, as in the other exports: a mention's `entity` and a
//! quote's `speaker_name` are the name of the node the entity belongs to (the researcher's
//! rename, the surviving name of a merge), and the in-article canonical name only for an
//! entity that is no node.

use std::path::Path;

use super::Prepared;
use crate::interchange::{self, Record};
use crate::model::Document;
use crate::{Error, Result};

/// The curated documents as interchange JSON Lines.
pub fn render(p: &Prepared, out: &Path) -> Result<Vec<u8>> {
    let records: Vec<Record> = p
        .documents
        .iter()
        .enumerate()
        .map(|(di, doc)| record(p, di, doc))
        .collect();
    let mut buf = Vec::new();
    interchange::write_jsonl(&mut buf, &records).map_err(|e| Error::io(out, e))?;
    Ok(buf)
}

/// The record of document `di` with the network's names.
fn record(p: &Prepared, di: usize, doc: &Document) -> Record {
    interchange::record_from_document_named(doc, &|e| {
        p.graph
            .node_of(di, e)
            .and_then(|n| p.graph.nodes.get(n))
            .map(|n| n.name.clone())
    })
}
