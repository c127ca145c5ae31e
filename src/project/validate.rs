//! Consistency checks run on every loaded project, so that a hand-edited or damaged file
//! is refused with a clear message instead of giving wrong highlights or a crash later.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use crate::model::{Document, Span, content_hash};
use crate::{Error, Result};

use super::Project;

/// Checks that every document's text matches its hash (when it has one), every span lies within its text on
/// character boundaries, every id points into its layer, document ids are unique and the
/// pipeline settings are valid.
pub(crate) fn validate(project: &Project, path: &Path) -> Result<()> {
    // The pipeline settings name known stages in a valid order.
    crate::pipeline::Pipeline::new(&project.settings)
        .map_err(|e| Error::parse(path, e.to_string()))?;
    let mut ids = BTreeSet::new();
    for doc in &project.documents {
        if !ids.insert(doc.id.as_str()) {
            return Err(Error::parse(
                path,
                format!("document id {:?} occurs more than once", doc.id),
            ));
        }
    }
    // The hashes of 50 MB of text take a while: check the documents in parallel, and
    // report the first bad one in document order.
    let first_bad = project
        .documents
        .par_iter()
        .map(|doc| validate_document(doc).map_err(|reason| (doc.id.as_str(), reason)))
        .find_first(Result::is_err);
    if let Some(Err((id, reason))) = first_bad {
        return Err(Error::parse(path, format!("document {id:?}: {reason}")));
    }
    Ok(())
}

/// Checks one document: its text against its hash, its spans against its text, its ids
/// against its layers. Returns why it is inconsistent.
pub(crate) fn validate_document(doc: &Document) -> Result<(), String> {
    if !doc.content_hash.is_empty() && doc.content_hash != content_hash(&doc.text) {
        return Err(
            "its text does not match its content_hash (was the text edited outside Quarry?); \
             the stored offsets cannot be trusted"
                .to_owned(),
        );
    }
    let text = doc.text.as_str();
    let span_ok = |what: &str, i: usize, span: Span| -> Result<(), String> {
        if span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
        {
            Ok(())
        } else {
            Err(format!(
                "{what} {i}: span {}..{} does not fit the text ({} bytes) or splits a character",
                span.start,
                span.end,
                text.len()
            ))
        }
    };
    let a = &doc.annotations;
    let n_mentions = a.mentions.len();
    let n_entities = a.entities.len();
    let index_ok = |what: &str, i: usize, field: &str, index: usize, len: usize| {
        if index < len {
            Ok(())
        } else {
            Err(format!(
                "{what} {i}: {field} {index} is out of range (there are {len})"
            ))
        }
    };
    for (i, s) in a.sentences.iter().enumerate() {
        span_ok("sentence", i, s.span)?;
    }
    for (i, m) in a.mentions.iter().enumerate() {
        span_ok("mention", i, m.span)?;
        if let Some(e) = m.entity {
            index_ok("mention", i, "entity", e.index(), n_entities)?;
        }
    }
    for (i, e) in a.entities.iter().enumerate() {
        for m in &e.mentions {
            index_ok("entity", i, "mention", m.index(), n_mentions)?;
        }
    }
    for (i, q) in a.quotes.iter().enumerate() {
        span_ok("quote", i, q.content)?;
        for span in [q.cue, q.speaker].into_iter().flatten() {
            span_ok("quote", i, span)?;
        }
        if let Some(m) = q.speaker_mention {
            index_ok("quote", i, "speaker_mention", m.index(), n_mentions)?;
        }
        if let Some(e) = q.speaker_entity {
            index_ok("quote", i, "speaker_entity", e.index(), n_entities)?;
        }
    }
    for (i, r) in a.relations.iter().enumerate() {
        span_ok("relation", i, r.evidence)?;
        if let Some(t) = r.trigger {
            span_ok("relation", i, t)?;
        }
        index_ok("relation", i, "head", r.head.index(), n_entities)?;
        index_ok("relation", i, "tail", r.tail.index(), n_entities)?;
        for m in [r.head_mention, r.tail_mention].into_iter().flatten() {
            index_ok("relation", i, "mention", m.index(), n_mentions)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, Mention, Provenance};

    #[test]
    fn refuses_spans_outside_or_inside_a_character() {
        let mut doc = Document::new("d", "“Hi”");
        doc.annotations.mentions.push(Mention {
            span: Span::new(0, 1),
            entity_type: EntityType::Misc,
            entity: None,
            provenance: Provenance::default(),
        });
        let err = validate_document(&doc).unwrap_err();
        assert!(err.contains("mention 0"), "{err}");
        doc.annotations.mentions[0].span = Span::new(3, 5);
        assert!(validate_document(&doc).is_ok());
        doc.annotations.mentions[0].span = Span::new(3, 50);
        assert!(validate_document(&doc).is_err());
    }

    #[test]
    fn refuses_edited_text() {
        let mut doc = Document::new("d", "abc");
        doc.text.push('d');
        assert!(
            validate_document(&doc)
                .unwrap_err()
                .contains("content_hash")
        );
    }
}
