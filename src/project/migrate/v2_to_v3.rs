//! Format version 2 → 3.
//!
//! Version 3 moved the extractions (the annotation layers) out of the RON file into the
//! binary sidecar `NAME.ron.cache` (`project/sidecar/`); the in-memory shape did not change.
//! So a version 2 file is read with today's types — its documents carry their annotations
//! inline — and the step only stamps the version. The next save writes the annotations to
//! the sidecar and the RON file without them.
//!
//! When a later version changes the in-memory shape, freeze today's `Project` (with inline
//! `annotations`) here as `ProjectV2` before changing it.

use crate::project::Project;

/// The version this step reads.
pub(crate) const SOURCE_VERSION: u32 = 2;

/// The version this step produces.
pub(crate) const TARGET_VERSION: u32 = 3;

/// A version 2 project: today's [`Project`], extractions inline.
pub(crate) type ProjectV2 = Project;

/// The version 3 project of a version 2 one (its inline extractions are kept as loaded).
pub(crate) fn migrate(old: ProjectV2) -> Project {
    Project {
        format_version: TARGET_VERSION,
        ..old
    }
}
