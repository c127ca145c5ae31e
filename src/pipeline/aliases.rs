//! The `aliases` stage.

use crate::model::Document;

use super::Stage;

/// Stage.
pub struct Aliases;

impl Stage for Aliases {
    fn name(&self) -> &'static str {
        "aliases"
    }

    fn run(&self, doc: &mut Document) {
        let _ = doc;
    }
}
