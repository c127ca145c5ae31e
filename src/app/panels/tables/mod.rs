//! The entities, quotes and relations tables, one file each, over one sortable, filterable,
//! virtualised table (`table.rs`, which documents how to add a table). Clicking a row
//! selects its item; a selection made elsewhere highlights and scrolls to its row. A right
//! click on a quote row (or on an entity row that is a single mention) offers the edits of
//! `edit.rs`.

mod confidence;
mod entities;
mod quotes;
mod relations;
pub mod table;

pub use confidence::LOW_CONFIDENCE;
pub use entities::EntitiesTable;
pub use quotes::QuotesTable;
pub use relations::RelationsTable;
