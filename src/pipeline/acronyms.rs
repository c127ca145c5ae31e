//! The `acronyms` stage.

use crate::model::Document;

use super::Stage;

/// Stage.
pub struct Acronyms;

impl Stage for Acronyms {
    fn name(&self) -> &'static str {
        "acronyms"
    }

    fn run(&self, doc: &mut Document) {
        let _ = doc;
    }
}
