//! JSONL: the interchange format, one curated document a line (as `quarry extract --project`).

use std::path::Path;

use super::Prepared;
use crate::interchange::{self, Record};
use crate::{Error, Result};

/// The curated documents as interchange JSON Lines.
pub fn render(p: &Prepared, out: &Path) -> Result<Vec<u8>> {
    let records: Vec<Record> = p
        .documents
        .iter()
        .map(interchange::record_from_document)
        .collect();
    let mut buf = Vec::new();
    interchange::write_jsonl(&mut buf, &records).map_err(|e| Error::io(out, e))?;
    Ok(buf)
}
