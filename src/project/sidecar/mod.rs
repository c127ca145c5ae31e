//! The extraction sidecar: `NAME.ron.cache` beside `NAME.ron`, holding every document's
//! annotation layers in a compact binary form, keyed by the document's content hash and by
//! the hash of the pipeline settings.
//!
//! The project file (RON) keeps everything a person reads or edits — text, metadata,
//! settings, curation. The extractions are derived from the text and the settings, so the
//! sidecar is a store that can always be rebuilt: a missing, stale or damaged sidecar costs
//! a re-extraction of the articles it does not cover, never the project.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! magic        8 bytes  "QRYXTRC\n"
//! version      u32      SIDECAR_VERSION
//! settings     32 bytes SHA-256 of the pipeline settings (as compact RON)
//! count        u64      number of records
//! count × record:
//!   length     u32      payload bytes
//!   crc32      u32      of the payload
//!   payload    CBOR of one `record::Record`
//! ```
//!
//! Records are independent, so they are encoded and decoded in parallel, and a damaged one
//! (checksum or decoding error) loses that document's extraction alone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use sha2::{Digest as _, Sha256};

use crate::model::{Annotations, Document};
use crate::pipeline::PipelineSettings;

mod record;

use record::Record;

/// The first bytes of every sidecar.
const MAGIC: &[u8; 8] = b"QRYXTRC\n";

/// The sidecar layout version this build reads and writes.
pub(crate) const SIDECAR_VERSION: u32 = 1;

/// Bytes before the first record.
const HEADER_LEN: usize = 8 + 4 + 32 + 8;

/// The sidecar of the project file at `project`: `NAME.ron.cache`.
pub(crate) fn path_for(project: &Path) -> PathBuf {
    let mut name = project.as_os_str().to_owned();
    name.push(".cache");
    PathBuf::from(name)
}

/// The key of the pipeline settings: SHA-256 of their compact RON.
pub(crate) fn settings_key(settings: &PipelineSettings) -> [u8; 32] {
    let text = ron::ser::to_string(settings).unwrap_or_default();
    Sha256::digest(text.as_bytes()).into()
}

/// The sidecar bytes for `docs` (each under the content hash of the same index in
/// `hashes`) extracted with `settings`. Records are encoded in parallel.
pub(crate) fn encode(
    docs: &[Document],
    hashes: &[&str],
    settings: &PipelineSettings,
) -> Result<Vec<u8>, String> {
    let payloads: Vec<Vec<u8>> = docs
        .par_iter()
        .zip(hashes.par_iter())
        .map(|(doc, hash)| {
            let mut payload = Vec::with_capacity(doc.text.len());
            ciborium::into_writer(&Record::new(hash, &doc.annotations), &mut payload)
                .map_err(|e| format!("document {:?}: {e}", doc.id))?;
            Ok(payload)
        })
        .collect::<Result<_, String>>()?;
    let total: usize = payloads.iter().map(|p| p.len() + 8).sum();
    let mut bytes = Vec::with_capacity(HEADER_LEN + total);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&SIDECAR_VERSION.to_le_bytes());
    bytes.extend_from_slice(&settings_key(settings));
    bytes.extend_from_slice(&(payloads.len() as u64).to_le_bytes());
    for payload in &payloads {
        let len = u32::try_from(payload.len())
            .map_err(|_| "a document's extraction is over 4 GB".to_owned())?;
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
        bytes.extend_from_slice(payload);
    }
    Ok(bytes)
}

/// What reading a sidecar found.
#[derive(Debug)]
pub(crate) enum Contents {
    /// There is no sidecar.
    Missing,
    /// The sidecar cannot be used at all: the reason.
    Unusable(String),
    /// The records that could be read.
    Read {
        /// The key of the settings the extractions were made with ([`settings_key`]).
        settings_key: [u8; 32],
        /// The annotation layers (tokens empty), by content hash.
        records: HashMap<String, Annotations>,
        /// Records that were damaged (checksum or decoding), and why the first was.
        damaged: usize,
        /// Why the first damaged record was, or why the file ends early.
        problem: Option<String>,
    },
}

/// Reads the sidecar at `path`, decoding its records in parallel; `progress` is called
/// with the records decoded so far and the record count.
pub(crate) fn read(path: &Path, progress: &(dyn Fn(usize, usize) + Sync)) -> Contents {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Contents::Missing,
        Err(e) => return Contents::Unusable(format!("cannot be read: {e}")),
    };
    decode(&bytes, progress)
}

/// [`read`] on the sidecar's bytes.
fn decode(bytes: &[u8], progress: &(dyn Fn(usize, usize) + Sync)) -> Contents {
    let Some(header) = bytes.get(..HEADER_LEN) else {
        return Contents::Unusable("is too short to be an extraction sidecar".to_owned());
    };
    let (magic, rest) = header.split_at(8);
    if magic != MAGIC {
        return Contents::Unusable("is not a Quarry extraction sidecar".to_owned());
    }
    let (version, rest) = rest.split_at(4);
    let version = u32::from_le_bytes(version.try_into().unwrap_or_default());
    if version != SIDECAR_VERSION {
        return Contents::Unusable(format!(
            "has layout version {version}; this Quarry reads version {SIDECAR_VERSION}"
        ));
    }
    let (key, count) = rest.split_at(32);
    let settings_key: [u8; 32] = key.try_into().unwrap_or_default();
    let count = u64::from_le_bytes(count.try_into().unwrap_or_default());
    // Find the records (cheap), then decode them in parallel.
    let mut payloads: Vec<(u32, &[u8])> = Vec::new();
    let mut at = HEADER_LEN;
    let mut problem = None;
    while (payloads.len() as u64) < count {
        let frame = bytes.get(at..at + 8).and_then(|head| {
            let len = u32::from_le_bytes(head.get(..4)?.try_into().ok()?) as usize;
            let crc = u32::from_le_bytes(head.get(4..)?.try_into().ok()?);
            Some((crc, bytes.get(at + 8..(at + 8).checked_add(len)?)?))
        });
        let Some((crc, payload)) = frame else {
            problem = Some(format!(
                "ends after {} of its {count} records",
                payloads.len()
            ));
            break;
        };
        at += 8 + payload.len();
        payloads.push((crc, payload));
    }
    if problem.is_none() && at != bytes.len() {
        problem = Some(format!(
            "has {} unexpected bytes after its records",
            bytes.len() - at
        ));
    }
    let total = payloads.len();
    let done = AtomicUsize::new(0);
    let decoded: Vec<Result<(String, Annotations), String>> = payloads
        .par_iter()
        .map(|&(crc, payload)| {
            let result = if crc32fast::hash(payload) == crc {
                ciborium::from_reader::<Record, _>(payload)
                    .map_err(|e| format!("a record cannot be decoded: {e}"))
                    .and_then(|record| {
                        let hash = record.hash.clone();
                        Ok((hash, record.into_annotations()?))
                    })
            } else {
                Err("a record fails its checksum".to_owned())
            };
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(256) || n == total {
                progress(n, total);
            }
            result
        })
        .collect();
    let mut records = HashMap::with_capacity(decoded.len());
    let mut damaged = 0;
    for result in decoded {
        match result {
            Ok((hash, annotations)) => {
                records.insert(hash, annotations);
            }
            Err(e) => {
                damaged += 1;
                if problem.is_none() {
                    problem = Some(e);
                }
            }
        }
    }
    Contents::Read {
        settings_key,
        records,
        damaged,
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, Mention, Provenance, Span};

    fn doc(id: &str, text: &str) -> Document {
        let mut doc = Document::new(id, text);
        doc.annotations.mentions.push(Mention {
            span: Span::new(0, 4),
            entity_type: EntityType::Loc,
            entity: None,
            provenance: Provenance::new("ner", 0.75, "gazetteer"),
        });
        doc
    }

    fn read_all(bytes: &[u8]) -> (HashMap<String, Annotations>, usize, Option<String>) {
        match decode(bytes, &|_, _| {}) {
            Contents::Read {
                records,
                damaged,
                problem,
                ..
            } => (records, damaged, problem),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn records_round_trip_and_damage_stays_local() {
        let docs = vec![doc("a", "Doha talks"), doc("b", "Kabul news")];
        let hashes: Vec<&str> = docs.iter().map(|d| d.content_hash.as_str()).collect();
        let bytes = encode(&docs, &hashes, &PipelineSettings::default()).unwrap();
        let (records, damaged, problem) = read_all(&bytes);
        assert_eq!((records.len(), damaged, problem), (2, 0, None));
        assert_eq!(records[&docs[1].content_hash], docs[1].annotations);

        // A flipped byte in the last record loses that record only.
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x40;
        let (records, damaged, problem) = read_all(&flipped);
        assert_eq!((records.len(), damaged), (1, 1));
        assert!(problem.unwrap().contains("checksum"));
        assert!(records.contains_key(&docs[0].content_hash));

        // A cut file keeps the records before the cut.
        let (records, _, problem) = read_all(&bytes[..bytes.len() - 5]);
        assert_eq!(records.len(), 1);
        assert!(problem.unwrap().contains("ends after 1 of its 2"));
    }

    #[test]
    fn foreign_files_are_unusable() {
        for bytes in [&b""[..], b"Project(format_version: 3)\n................................................................"] {
            assert!(matches!(decode(bytes, &|_, _| {}), Contents::Unusable(_)));
        }
        let mut bytes = encode(&[], &[], &PipelineSettings::default()).unwrap();
        bytes[8] = 9;
        let Contents::Unusable(reason) = decode(&bytes, &|_, _| {}) else {
            panic!("a newer layout must be refused");
        };
        assert!(reason.contains("layout version 9"), "{reason}");
    }

    #[test]
    fn settings_keys_differ_by_settings() {
        let mut other = PipelineSettings::default();
        other.disabled_stages.push("relations".to_owned());
        assert_ne!(
            settings_key(&PipelineSettings::default()),
            settings_key(&other)
        );
    }
}
