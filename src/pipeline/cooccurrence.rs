//! The `cooccurrence` stage.

use crate::model::Document;

use super::Stage;

/// Stage.
pub struct Cooccurrence;

impl Stage for Cooccurrence {
    fn name(&self) -> &'static str {
        "cooccurrence"
    }

    fn run(&self, doc: &mut Document) {
        let _ = doc;
    }
}
