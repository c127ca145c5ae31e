//! Plain-text articles (`.txt`): UTF-8 with or without BOM, UTF-16 LE/BE (with BOM or
//! recognised by its NUL pattern) and legacy Windows-1252. Binary data is refused.

use std::path::Path;

use super::text::{binary_reason, canonical_text, decode_text_bytes, title_from_first_line};
use super::{Extracted, empty_error};
use crate::{Error, Result};

/// Reads a plain-text article from its bytes.
pub(crate) fn read(path: &Path, bytes: &[u8]) -> Result<Extracted> {
    if bytes.is_empty() {
        return Err(empty_error(path));
    }
    let decoded = decode_text_bytes(bytes);
    if let Some(reason) = binary_reason(&decoded.text) {
        return Err(Error::parse(
            path,
            format!("{reason}; read as {}", decoded.encoding),
        ));
    }
    let text = canonical_text(&decoded.text);
    if text.is_empty() {
        return Err(Error::parse(
            path,
            "no text found (the file holds only whitespace)",
        ));
    }
    let mut extracted = Extracted::new(text, "txt");
    extracted.meta.title = title_from_first_line(&extracted.text).unwrap_or_default();
    Ok(extracted)
}
