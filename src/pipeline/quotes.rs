//! The `quotes` stage.

use crate::model::Document;

use super::Stage;

/// Stage.
pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn run(&self, doc: &mut Document) {
        let _ = doc;
    }
}
