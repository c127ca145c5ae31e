//! The JSONL interchange format (`shared/eval/FORMAT.md`): one document per line, offsets in
//! Unicode scalar values (what a Python `str` index counts), `coarse` entity types, quotes
//! and relations whose `head`/`tail` index into `entities`.
//!
//! Quarry's model keeps byte spans; this module converts to and from char offsets.

use std::io::{BufRead as _, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{
    Annotations, CharIndex, Document, EntityId, MentionId, Metadata, Span, content_hash,
};
use crate::{Error, Result};

/// One document in the interchange format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Document id.
    #[serde(default)]
    pub id: String,
    /// The exact article text.
    #[serde(default)]
    pub text: String,
    /// Entity mentions.
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    /// Quotes.
    #[serde(default)]
    pub quotes: Vec<QuoteRecord>,
    /// Relations; `head` and `tail` index into `entities`.
    #[serde(default)]
    pub relations: Vec<RelationRecord>,
    /// Quarry extension: the article's metadata (title, source, path, …), kept from input
    /// to output so that `quarry import --from-jsonl` rebuilds the same document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Metadata>,
    /// Quarry extension: the SHA-256 of `text` (hex), checked on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    /// Quarry extension: the full annotation layers (byte spans, provenance, entities with
    /// their aliases, quote and relation links) that the keys above cannot carry; what
    /// `quarry import --from-jsonl` stores. Scorers ignore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Annotations>,
}

/// An entity mention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The producer's fine label (`PERSON`, `NORP`, `TITLE`, …).
    #[serde(default)]
    pub label: String,
    /// The coarse type: `PER`, `ORG`, `LOC`, `MISC`, `ROLE` or `OTHER`.
    #[serde(default)]
    pub coarse: Option<String>,
    /// The canonical name of the entity the mention resolves to (Quarry extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// A quote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// First char of what was said.
    pub start: usize,
    /// One past the last char of what was said.
    pub end: usize,
    /// The speaker mention's first char.
    #[serde(default)]
    pub speaker_start: Option<usize>,
    /// The speaker mention's end.
    #[serde(default)]
    pub speaker_end: Option<usize>,
    /// The cue's first char.
    #[serde(default)]
    pub cue_start: Option<usize>,
    /// The cue's end.
    #[serde(default)]
    pub cue_end: Option<usize>,
    /// The named speaker the mention resolves to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_name: Option<String>,
    /// True for quoted words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<bool>,
    /// Gold files may mark a local speaker mention (a pronoun) here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_mention_start: Option<usize>,
    /// End of the local speaker mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_mention_end: Option<usize>,
}

/// A relation between two entity mentions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RelationRecord {
    /// Index of the head in `entities`.
    pub head: usize,
    /// Index of the tail in `entities`.
    pub tail: usize,
    /// The relation label.
    #[serde(default)]
    pub label: String,
    /// `asserted` or `cooccurrence`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The trigger's first char.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_start: Option<usize>,
    /// The trigger's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_end: Option<usize>,
}

/// Converts a document's annotations to an interchange record (char offsets).
pub fn record_from_document(doc: &Document) -> Record {
    record_from_document_named(doc, &|_| None)
}

/// [`record_from_document`], with the names of entities taken from `name_of` where it gives
/// one (an export's curated names), else their canonical names in the article.
pub fn record_from_document_named(
    doc: &Document,
    name_of: &dyn Fn(EntityId) -> Option<String>,
) -> Record {
    let index = CharIndex::new(&doc.text);
    let ann = &doc.annotations;
    let chars = |span: Span| index.char_span(span);
    let entity_name =
        |e: EntityId| name_of(e).or_else(|| ann.entity(e).map(|e| e.canonical_name.clone()));
    let entities = ann
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = chars(m.span);
            EntityRecord {
                start,
                end,
                label: m.entity_type.label().to_owned(),
                coarse: Some(m.entity_type.coarse().to_owned()),
                entity: m.entity.and_then(&entity_name),
            }
        })
        .collect();
    let quotes = ann
        .quotes
        .iter()
        .map(|q| {
            let (start, end) = chars(q.extent.unwrap_or(q.content));
            let speaker = q.speaker.map(chars);
            let cue = q.cue.map(chars);
            QuoteRecord {
                start,
                end,
                speaker_start: speaker.map(|s| s.0),
                speaker_end: speaker.map(|s| s.1),
                cue_start: cue.map(|s| s.0),
                cue_end: cue.map(|s| s.1),
                speaker_name: q
                    .speaker_entity
                    .and_then(&entity_name)
                    .or_else(|| q.speaker.and_then(|sp| name_in_span(doc, sp))),
                direct: Some(q.direct),
                speaker_mention_start: None,
                speaker_mention_end: None,
            }
        })
        .collect();
    // A relation names entities; the record needs mentions: the one it was read from, else
    // the entity's first mention.
    let mention_of = |mention: Option<MentionId>, entity| {
        mention
            .or_else(|| ann.entity(entity).and_then(|e| e.mentions.first().copied()))
            .map(MentionId::index)
    };
    let relations = ann
        .relations
        .iter()
        .filter_map(|r| {
            let head = mention_of(r.head_mention, r.head)?;
            let tail = mention_of(r.tail_mention, r.tail)?;
            let trigger = r.trigger.map(chars);
            Some(RelationRecord {
                head,
                tail,
                label: r.relation_type.label().to_owned(),
                kind: Some(
                    match r.kind {
                        crate::model::RelationKind::Asserted => "asserted",
                        crate::model::RelationKind::Cooccurrence => "cooccurrence",
                    }
                    .to_owned(),
                ),
                trigger_start: trigger.map(|t| t.0),
                trigger_end: trigger.map(|t| t.1),
            })
        })
        .collect();
    Record {
        id: doc.id.clone(),
        text: doc.text.clone(),
        entities,
        quotes,
        relations,
        ..Record::default()
    }
}
/// The speaker's words as a name when no entity stands behind them: a name the recogniser
/// missed (`PolitiFact said`, `said Ebere Okafor`). Every word capitalised and tagged a
/// proper noun (initials and hyphens between), at most five words, leading honorifics and
/// offices ("Mr.", "Sen.") dropped; a single word opening its sentence must also occur
/// capitalised inside a sentence elsewhere, so that "Pressure mounted" is no name.
fn name_in_span(doc: &Document, span: Span) -> Option<String> {
    let ann = &doc.annotations;
    let text = doc.text.as_str();
    let a = ann.tokens.partition_point(|t| t.span.start < span.start);
    let b = ann.tokens.partition_point(|t| t.span.end <= span.end);
    let mut a = a;
    while a + 1 < b {
        let w = ann.tokens[a].span.text(text);
        let next = ann.tokens[a + 1].span.text(text);
        let abbreviation = w.len() <= 4 && (w.ends_with('.') || next == ".");
        let office = matches!(
            w.to_lowercase().as_str(),
            "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov" | "del" | "president" | "senator"
        );
        if !(abbreviation || office) {
            break;
        }
        a += if next == "." { 2 } else { 1 };
    }
    if a >= b || b - a > 8 {
        return None;
    }
    let mut words = 0;
    for t in &ann.tokens[a..b] {
        let w = t.span.text(text);
        if matches!(w, "." | "-" | "'" | "’") {
            continue;
        }
        let proper = t.pos.as_deref().is_some_and(|p| p.starts_with("NNP"));
        if !proper
            || !w.starts_with(char::is_uppercase)
            || crate::names::is_calendar_word(&w.to_lowercase())
        {
            return None;
        }
        words += 1;
    }
    if words == 0 || words > 5 {
        return None;
    }
    let opens_sentence = ann
        .sentences
        .iter()
        .any(|s| s.span.start == ann.tokens[a].span.start);
    if words == 1 && opens_sentence {
        let w = ann.tokens[a].span.text(text);
        let inside = ann.tokens.windows(2).any(|p| {
            p[1].span.text(text) == w
                && p[0]
                    .span
                    .text(text)
                    .starts_with(|c: char| c.is_lowercase() || c == ',')
        });
        if !inside {
            return None;
        }
    }
    let start = ann.tokens[a].span.start;
    let end = ann.tokens[b - 1].span.end;
    text.get(start..end).map(str::to_owned)
}

/// [`record_from_document`] plus the keys a project needs (`meta` when there is any,
/// `content_hash`, `annotations`): what `quarry extract` writes and
/// `quarry import --from-jsonl` reads back.
pub fn project_record_from_document(doc: &Document) -> Record {
    Record {
        meta: (doc.meta != Metadata::default()).then(|| doc.meta.clone()),
        content_hash: Some(content_hash(&doc.text)),
        annotations: Some(doc.annotations.clone()),
        ..record_from_document(doc)
    }
}

/// The record's id, text and metadata (when it has any) without annotations, as
/// `quarry extract --text-only` writes it: the input of `--input-jsonl` on a cluster.
pub fn text_record_from_document(doc: &Document) -> Record {
    Record {
        id: doc.id.clone(),
        text: doc.text.clone(),
        meta: (doc.meta != Metadata::default()).then(|| doc.meta.clone()),
        ..Record::default()
    }
}

/// A document with the record's id, exact text and metadata (if the record has a `meta`
/// key), and no annotations.
pub fn document_from_record(record: &Record) -> Document {
    let mut doc = Document::new(record.id.clone(), record.text.clone());
    if let Some(meta) = &record.meta {
        doc.meta = meta.clone();
    }
    doc
}

/// The document a record of `quarry extract` output stores, annotations included, without
/// extracting again. Errors (the cause, for the caller to prefix with file and line): no
/// `annotations` key, a `content_hash` that does not match the text, a span outside the
/// text or not on a character boundary.
pub fn document_from_project_record(record: Record) -> std::result::Result<Document, String> {
    let Some(annotations) = record.annotations else {
        return Err(format!(
            "record {:?} has no `annotations` key (not the output of `quarry extract`)",
            record.id
        ));
    };
    let hash = content_hash(&record.text);
    if let Some(given) = &record.content_hash
        && *given != hash
    {
        return Err(format!(
            "record {:?}: content_hash {given} does not match its text ({hash})",
            record.id
        ));
    }
    check_spans(&annotations, &record.text).map_err(|e| format!("record {:?}: {e}", record.id))?;
    Ok(Document {
        id: record.id,
        meta: record.meta.unwrap_or_default(),
        content_hash: hash,
        text: record.text,
        annotations,
    })
}

/// Every stored span inside `text` and on character boundaries; ids inside their layers.
fn check_spans(ann: &Annotations, text: &str) -> std::result::Result<(), String> {
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut spans: Vec<Span> = ann.sentences.iter().map(|s| s.span).collect();
    spans.extend(ann.mentions.iter().map(|m| m.span));
    for q in &ann.quotes {
        spans.extend(
            [Some(q.content), q.extent, q.cue, q.speaker]
                .into_iter()
                .flatten(),
        );
    }
    for r in &ann.relations {
        spans.extend([Some(r.evidence), r.trigger].into_iter().flatten());
    }
    if let Some(bad) = spans.into_iter().find(|s| !ok(*s)) {
        return Err(format!(
            "span {}..{} is outside the text or not on a character boundary",
            bad.start, bad.end
        ));
    }
    let (nm, ne) = (ann.mentions.len(), ann.entities.len());
    let bad_ids = ann
        .mentions
        .iter()
        .any(|m| m.entity.is_some_and(|e| e.index() >= ne))
        || ann
            .entities
            .iter()
            .any(|e| e.mentions.iter().any(|m| m.index() >= nm))
        || ann.quotes.iter().any(|q| {
            q.speaker_mention.is_some_and(|m| m.index() >= nm)
                || q.speaker_entity.is_some_and(|e| e.index() >= ne)
        })
        || ann.relations.iter().any(|r| {
            r.head.index() >= ne
                || r.tail.index() >= ne
                || r.head_mention.is_some_and(|m| m.index() >= nm)
                || r.tail_mention.is_some_and(|m| m.index() >= nm)
        });
    if bad_ids {
        return Err("a mention, entity or quote link points past its layer".to_owned());
    }
    Ok(())
}

/// Reads a JSONL file of records. A bad line gives an error naming the file and the line.
pub fn read_jsonl(path: &Path) -> Result<Vec<Record>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = std::io::BufReader::new(file);
    let mut records = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line).map_err(|e| {
            Error::parse(
                path,
                format!("line {}: not an interchange record: {e}", i + 1),
            )
        })?;
        records.push(record);
    }
    Ok(records)
}

/// Writes records as JSON Lines.
pub fn write_jsonl(out: &mut dyn Write, records: &[Record]) -> std::io::Result<()> {
    for record in records {
        let line = serde_json::to_string(record)?;
        // Python's `str.splitlines()` (used by score.py) also breaks lines at U+2028, U+2029
        // and U+0085, which JSON allows raw inside strings: escape them.
        if line.contains(['\u{2028}', '\u{2029}', '\u{85}']) {
            let escaped = line
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029")
                .replace('\u{85}', "\\u0085");
            out.write_all(escaped.as_bytes())?;
        } else {
            out.write_all(line.as_bytes())?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Entity, EntityId, EntityType, Mention, Provenance, Quote, Relation, RelationKind,
        RelationType,
    };

    #[test]
    fn record_offsets_count_chars_not_bytes() {
        let text = "“Peace” said Qureshi of Pakistan.";
        let mut doc = Document::new("d", text);
        let q = text.find("Qureshi").unwrap();
        let p = text.find("Pakistan").unwrap();
        let ann = &mut doc.annotations;
        ann.mentions.push(Mention {
            span: Span::new(q, q + 7),
            entity_type: EntityType::Person,
            entity: Some(EntityId(0)),
            provenance: Provenance::default(),
        });
        ann.mentions.push(Mention {
            span: Span::new(p, p + 8),
            entity_type: EntityType::Loc,
            entity: Some(EntityId(1)),
            provenance: Provenance::default(),
        });
        ann.entities.push(Entity {
            canonical_name: "Shah Mehmood Qureshi".into(),
            entity_type: EntityType::Person,
            mentions: vec![MentionId(0)],
            aliases: vec![],
            provenance: Provenance::default(),
        });
        ann.entities.push(Entity {
            canonical_name: "Pakistan".into(),
            entity_type: EntityType::Loc,
            mentions: vec![MentionId(1)],
            aliases: vec![],
            provenance: Provenance::default(),
        });
        ann.quotes.push(Quote {
            content: Span::new(3, 8),
            extent: None,
            direct: true,
            cue: Some(Span::new(q - 5, q - 1)),
            speaker: Some(Span::new(q, q + 7)),
            speaker_mention: Some(MentionId(0)),
            speaker_entity: Some(EntityId(0)),
            provenance: Provenance::default(),
        });
        ann.relations.push(Relation {
            head: EntityId(0),
            tail: EntityId(1),
            head_mention: None,
            tail_mention: Some(MentionId(1)),
            relation_type: RelationType::MemberOf,
            kind: RelationKind::Asserted,
            trigger: None,
            evidence: Span::new(0, text.len()),
            negated: false,
            modal: false,
            provenance: Provenance::default(),
        });
        let rec = record_from_document(&doc);
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        assert_eq!(slice(rec.entities[0].start, rec.entities[0].end), "Qureshi");
        assert_eq!(rec.entities[0].coarse.as_deref(), Some("PER"));
        assert_eq!(
            slice(rec.entities[1].start, rec.entities[1].end),
            "Pakistan"
        );
        assert_eq!(slice(rec.quotes[0].start, rec.quotes[0].end), "Peace");
        assert_eq!(
            slice(
                rec.quotes[0].cue_start.unwrap(),
                rec.quotes[0].cue_end.unwrap()
            ),
            "said"
        );
        assert_eq!(
            rec.quotes[0].speaker_name.as_deref(),
            Some("Shah Mehmood Qureshi")
        );
        assert_eq!((rec.relations[0].head, rec.relations[0].tail), (0, 1));
        assert_eq!(rec.relations[0].label, "MEMBER_OF");

        let mut buf = Vec::new();
        write_jsonl(&mut buf, std::slice::from_ref(&rec)).unwrap();
        let back: Record = serde_json::from_slice(buf.trim_ascii_end()).unwrap();
        assert_eq!(back, rec);
    }

    #[test]
    fn write_jsonl_escapes_python_line_breaks() {
        let rec = Record {
            id: "x".into(),
            text: "a\u{2028}b\u{2029}c\u{85}d".into(),
            ..Record::default()
        };
        let mut buf = Vec::new();
        write_jsonl(&mut buf, std::slice::from_ref(&rec)).unwrap();
        let line = String::from_utf8(buf).unwrap();
        assert_eq!(line.lines().count(), 1);
        assert!(
            !line.contains('\u{2028}') && line.contains("\\u2028"),
            "{line}"
        );
        let back: Record = serde_json::from_str(line.trim_end()).unwrap();
        assert_eq!(back, rec);
    }

    #[test]
    fn read_jsonl_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.jsonl");
        std::fs::write(&path, "{\"id\":\"a\",\"text\":\"x\"}\n{not json}\n").unwrap();
        let err = read_jsonl(&path).unwrap_err().to_string();
        assert!(err.contains("bad.jsonl") && err.contains("line 2"), "{err}");
    }

    #[test]
    fn reads_the_shared_gold_files() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/polnear/dev.jsonl"
        ));
        let records = read_jsonl(path).unwrap();
        assert_eq!(records.len(), 84);
        assert!(records.iter().all(|r| !r.text.is_empty()));
        assert!(
            records
                .iter()
                .any(|r| r.quotes.iter().any(|q| q.direct == Some(true)))
        );
    }

    #[test]
    fn project_records_round_trip_and_bad_ones_are_refused() {
        let text = "Imran Khan met Joe Biden in Washington.";
        let mut doc = Document::new("d", text);
        doc.meta.title = "A meeting".into();
        doc.annotations.mentions.push(Mention {
            span: Span::new(0, 10),
            entity_type: EntityType::Person,
            entity: None,
            provenance: Provenance::new("entities", 0.9, "test"),
        });
        let rec = project_record_from_document(&doc);
        let line = serde_json::to_string(&rec).unwrap();
        let back: Record = serde_json::from_str(&line).unwrap();
        assert_eq!(document_from_project_record(back.clone()).unwrap(), doc);

        let mut wrong_hash = back.clone();
        wrong_hash.content_hash = Some("00".into());
        let err = document_from_project_record(wrong_hash).unwrap_err();
        assert!(err.contains("does not match"), "{err}");
        let mut outside = back.clone();
        outside.annotations.as_mut().unwrap().mentions[0].span = Span::new(30, 99);
        let err = document_from_project_record(outside).unwrap_err();
        assert!(err.contains("outside the text"), "{err}");
        let mut dangling = back.clone();
        dangling.annotations.as_mut().unwrap().mentions[0].entity = Some(EntityId(3));
        assert!(document_from_project_record(dangling).is_err());
        let bare = Record {
            annotations: None,
            ..back
        };
        assert!(
            document_from_project_record(bare)
                .unwrap_err()
                .contains("no `annotations`")
        );
        // Text-only records keep the metadata for the extraction step.
        let text_only = text_record_from_document(&doc);
        assert!(text_only.annotations.is_none());
        assert_eq!(document_from_record(&text_only).meta.title, "A meeting");
    }
}
