//! Step-by-step migration of older project files to the current format.
//!
//! Each step lives in its own file (`vN_to_vM.rs`) holding a frozen copy of the types that
//! version N wrote and a `migrate` function producing version M. Loading a version N file
//! parses it with version N's types and applies every step from N up to
//! [`FORMAT_VERSION`](super::FORMAT_VERSION) in order.
//!
//! To add version 3: freeze today's `Project` shape as `ProjectV2` in `v2_to_v3.rs`, make
//! `v1_to_v2::migrate` return `ProjectV2`, bump `FORMAT_VERSION`, add the step to
//! [`parse_and_migrate`], and commit a version 2 fixture under `projects/compat/v2/`.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::{FORMAT_VERSION, Project};
use crate::{Error, Result};

pub(crate) mod v1_to_v2;

/// The oldest project format version this build still reads (by migration).
pub const OLDEST_SUPPORTED_FORMAT_VERSION: u32 = 1;

// The chain must end at the current version.
const _: () = assert!(v1_to_v2::TARGET_VERSION == FORMAT_VERSION);
const _: () = assert!(v1_to_v2::SOURCE_VERSION == OLDEST_SUPPORTED_FORMAT_VERSION);

/// Parses `text`, written with format `version`, and migrates it to the current version.
///
/// `version` must already have been checked to lie in the supported range.
pub(crate) fn parse_and_migrate(text: &str, version: u32, path: &Path) -> Result<Project> {
    match version {
        v1_to_v2::SOURCE_VERSION => {
            let old: v1_to_v2::ProjectV1 = parse(text, path)?;
            Ok(v1_to_v2::migrate(old))
        }
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
