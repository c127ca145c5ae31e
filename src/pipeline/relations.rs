//! The `relations` stage.

use crate::model::Document;

use super::Stage;

/// Stage.
pub struct Relations;

impl Stage for Relations {
    fn name(&self) -> &'static str {
        "relations"
    }

    fn run(&self, doc: &mut Document) {
        let _ = doc;
    }
}
