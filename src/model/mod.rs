//! The data model: one canonical text per article and annotation layers over it.
//!
//! Every annotation is a half-open **byte** range ([`Span`]) into [`Document::text`];
//! `&doc.text[span.range()]` always gives the surface form. Character offsets (what the
//! interchange format and Python count) are derived on export with [`CharIndex`].

mod annotations;
mod document;
mod span;

pub use annotations::{
    Annotations, Entity, EntityId, EntityType, Mention, MentionId, Provenance, Quote, QuoteId,
    Relation, RelationId, RelationKind, RelationType, Sentence, Token,
};
pub use document::{Document, Metadata, content_hash};
pub use span::{CharIndex, Span};
