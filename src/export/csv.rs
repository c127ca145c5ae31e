//! CSV: a folder of `articles.csv`, `entities.csv`, `mentions.csv`, `quotes.csv` and
//! `relations.csv` (UTF-8, RFC 4180 quoting, a header row; offsets in characters).

use std::path::Path;

use super::{Prepared, one_line};
use crate::model::{CharIndex, EntityType, RelationKind};
use crate::{Error, Result};

/// The files written, in order.
pub const FILES: [&str; 5] = [
    "articles.csv",
    "entities.csv",
    "mentions.csv",
    "quotes.csv",
    "relations.csv",
];

/// Writes the CSV folder `out` (created if missing); each file atomically.
pub fn write(p: &Prepared, out: &Path) -> Result<()> {
    if out.is_file() {
        return Err(Error::Invalid(format!(
            "{}: is a file; the CSV export writes a folder",
            out.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let tables = [
        articles(p),
        entities(p),
        mentions(p),
        quotes(p),
        relations(p),
    ];
    for (name, rows) in FILES.iter().zip(tables) {
        let path = out.join(name);
        let bytes = to_bytes(&rows, p.options.excel_bom)
            .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
        crate::project::atomic_write(&path, &bytes)?;
    }
    Ok(())
}

/// Rows (the first is the header) as CSV bytes: UTF-8, RFC 4180 quoting, a byte-order mark
/// first when `excel_bom`.
pub fn to_bytes(rows: &[Vec<String>], excel_bom: bool) -> std::result::Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if excel_bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = ::csv::Writer::from_writer(&mut bytes);
    for row in rows {
        writer.write_record(row).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    drop(writer);
    Ok(bytes)
}

type Rows = Vec<Vec<String>>;

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

fn articles(p: &Prepared) -> Rows {
    let mut rows = vec![header(&[
        "id",
        "title",
        "source",
        "author",
        "date",
        "mentions",
        "entities",
        "quotes",
        "relations",
    ])];
    for d in &p.documents {
        let a = &d.annotations;
        rows.push(vec![
            d.id.clone(),
            one_line(d.display_title()),
            d.meta.source.clone(),
            d.meta.author.clone(),
            d.meta.date.clone(),
            a.mentions.len().to_string(),
            a.entities.len().to_string(),
            a.quotes.len().to_string(),
            a.relations
                .iter()
                .filter(|r| p.keeps_kind(r.kind))
                .count()
                .to_string(),
        ]);
    }
    rows
}

fn entities(p: &Prepared) -> Rows {
    let mut rows = vec![header(&[
        "key",
        "canonical_name",
        "type",
        "mentions",
        "articles",
        "aliases",
        "offices",
    ])];
    for i in p.nodes() {
        let n = &p.graph.nodes[i];
        rows.push(vec![
            n.key.clone(),
            n.name.clone(),
            n.entity_type.label().to_owned(),
            n.mentions.to_string(),
            n.documents.to_string(),
            n.aliases.join("; "),
            n.offices.join("; "),
        ]);
    }
    rows
}

fn type_label(t: EntityType) -> String {
    t.label().to_owned()
}

fn mentions(p: &Prepared) -> Rows {
    let mut rows = vec![header(&[
        "article",
        "start",
        "end",
        "text",
        "type",
        "entity_key",
    ])];
    for (di, d) in p.documents.iter().enumerate() {
        let index = CharIndex::new(&d.text);
        for m in d
            .annotations
            .mentions
            .iter()
            .filter(|m| p.keeps_mention(di, m))
        {
            let (start, end) = index.char_span(m.span);
            rows.push(vec![
                d.id.clone(),
                start.to_string(),
                end.to_string(),
                one_line(m.span.text(&d.text)),
                type_label(m.entity_type),
                m.entity.map(|e| p.entity_key(di, e)).unwrap_or_default(),
            ]);
        }
    }
    rows
}

fn quotes(p: &Prepared) -> Rows {
    let mut rows = vec![header(&[
        "article",
        "speaker_name",
        "speaker_key",
        "quote",
        "cue",
        "direct",
        "start",
        "end",
        "confidence",
    ])];
    for (di, d) in p.documents.iter().enumerate() {
        let index = CharIndex::new(&d.text);
        for q in &d.annotations.quotes {
            let (start, end) = index.char_span(q.content);
            let speaker = q
                .speaker_entity
                .map(|e| p.entity_name(di, e))
                .filter(|s| !s.is_empty())
                .or_else(|| q.speaker.map(|s| one_line(s.text(&d.text))))
                .unwrap_or_default();
            rows.push(vec![
                d.id.clone(),
                speaker,
                q.speaker_entity
                    .map(|e| p.entity_key(di, e))
                    .unwrap_or_default(),
                one_line(q.content.text(&d.text)),
                q.cue.map(|c| one_line(c.text(&d.text))).unwrap_or_default(),
                if q.direct { "direct" } else { "indirect" }.to_owned(),
                start.to_string(),
                end.to_string(),
                format!("{:.3}", q.provenance.confidence),
            ]);
        }
    }
    rows
}

/// The name of a relation kind in the exports.
pub(crate) fn kind_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Asserted => "asserted",
        RelationKind::Cooccurrence => "cooccurrence",
    }
}

fn relations(p: &Prepared) -> Rows {
    let mut rows = vec![header(&[
        "head_key",
        "head_name",
        "tail_key",
        "tail_name",
        "type",
        "kind",
        "trigger",
        "evidence",
        "article",
        "confidence",
    ])];
    for (di, d) in p.documents.iter().enumerate() {
        for r in &d.annotations.relations {
            if !p.keeps_kind(r.kind) {
                continue;
            }
            rows.push(vec![
                p.entity_key(di, r.head),
                p.entity_name(di, r.head),
                p.entity_key(di, r.tail),
                p.entity_name(di, r.tail),
                r.relation_type.label().to_owned(),
                kind_name(r.kind).to_owned(),
                r.trigger
                    .map(|t| one_line(t.text(&d.text)))
                    .unwrap_or_default(),
                one_line(r.evidence.text(&d.text)),
                d.id.clone(),
                format!("{:.3}", r.provenance.confidence),
            ]);
        }
    }
    rows
}
