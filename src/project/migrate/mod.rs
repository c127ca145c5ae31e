//! Step-by-step migration of older project files to the current format.
//!
//! Each step lives in its own file (`vN_to_vM.rs`) holding a frozen copy of the types that
//! version N wrote and a `migrate` function producing version M. Loading a version N file
//! parses it with version N's types and applies every step from N up to
//! [`FORMAT_VERSION`] in order.
//!
//! To add version 4: freeze today's `Project` shape as `ProjectV3` in `v3_to_v4.rs` (if the
//! in-memory shape changes; version 3 changed only where the extractions are stored, see
//! `v2_to_v3.rs`), bump `FORMAT_VERSION`, add the step to `parse_and_migrate`, and commit a
//! version 3 fixture (with its sidecar) under `projects/compat/v3/`.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::{FORMAT_VERSION, Project};
use crate::{Error, Result};

pub(crate) mod v1_to_v2;
pub(crate) mod v2_to_v3;

/// The oldest project format version this build still reads (by migration).
pub const OLDEST_SUPPORTED_FORMAT_VERSION: u32 = 1;

// The chain must run from the oldest version to the current one.
const _: () = assert!(v1_to_v2::SOURCE_VERSION == OLDEST_SUPPORTED_FORMAT_VERSION);
const _: () = assert!(v1_to_v2::TARGET_VERSION == v2_to_v3::SOURCE_VERSION);
const _: () = assert!(v2_to_v3::TARGET_VERSION == FORMAT_VERSION);

/// Parses `text`, written with format `version`, and migrates it to the current version.
///
/// `version` must already have been checked to lie in the supported range. A version 3
/// project comes back without the extractions that its sidecar holds (the caller reads
/// them, `store.rs`).
pub(crate) fn parse_and_migrate(text: &str, version: u32, path: &Path) -> Result<Project> {
    match version {
        v1_to_v2::SOURCE_VERSION => {
            let old: v1_to_v2::ProjectV1 = parse(text, path)?;
            Ok(v2_to_v3::migrate(v1_to_v2::migrate(old)))
        }
        v2_to_v3::SOURCE_VERSION => Ok(v2_to_v3::migrate(parse(text, path)?)),
        FORMAT_VERSION => parse(text, path),
        found => Err(Error::Invalid(format!(
            "{}: no migration from project format version {found}",
            path.display()
        ))),
    }
}

/// Parses RON text into `T`, mapping syntax and structure errors to
/// [`Error::ProjectSyntax`] with the 1-based line and column.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T> {
    ron::from_str(text).map_err(|e| syntax_error(path, &e))
}

/// The [`Error::ProjectSyntax`] for a RON error.
pub(crate) fn syntax_error(path: &Path, error: &ron::error::SpannedError) -> Error {
    Error::ProjectSyntax {
        path: path.to_owned(),
        line: error.span.start.line.max(1),
        column: error.span.start.col.max(1),
        reason: error.code.to_string(),
    }
}
