//! The one selection type shared by every view: the article list, the reading view, the
//! tables and the network diagram all select and highlight [`Item`]s.

use crate::model::{MentionId, QuoteId, RelationId, Span};

/// One selectable thing. Documents are referred to by their index in the project.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// An article.
    Document(usize),
    /// One mention in one article.
    Mention {
        /// The article.
        document: usize,
        /// The mention.
        mention: MentionId,
    },
    /// A corpus-level entity, by its node key (`PER:lloyd-austin`, see [`crate::graph::Node::key`]).
    Entity(String),
    /// One quote in one article.
    Quote {
        /// The article.
        document: usize,
        /// The quote.
        quote: QuoteId,
    },
    /// One relation in one article.
    Relation {
        /// The article.
        document: usize,
        /// The relation.
        relation: RelationId,
    },
    /// A span of one article's text (a search match), shown highlighted in the reading view.
    Passage {
        /// The article.
        document: usize,
        /// The bytes of the match.
        span: Span,
    },
}

impl Item {
    /// The article this item lives in, if it lives in one.
    pub fn document(&self) -> Option<usize> {
        match self {
            Item::Document(d)
            | Item::Mention { document: d, .. }
            | Item::Quote { document: d, .. }
            | Item::Relation { document: d, .. }
            | Item::Passage { document: d, .. } => Some(*d),
            Item::Entity(_) => None,
        }
    }
}

/// Which view made a selection (a view does not scroll to its own selection).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    /// The article list.
    Articles,
    /// The reading view.
    Text,
    /// The entities table.
    Entities,
    /// The quotes table.
    Quotes,
    /// The relations table.
    Relations,
    /// The network diagram.
    Graph,
    /// The corpus views (search results, timeline, actor charts, paths).
    Corpus,
    /// Anything else (commands, tests).
    #[default]
    Other,
}

/// The current selection.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// What is selected.
    pub item: Option<Item>,
    /// Which view selected it.
    pub origin: Origin,
    /// Increases on every change, so views can react once (e.g. scroll).
    pub generation: u64,
}

impl Selection {
    /// Replaces the selection.
    pub fn set(&mut self, item: Option<Item>, origin: Origin) {
        self.item = item;
        self.origin = origin;
        self.generation += 1;
    }
}
