//! The annotation layers of one document: sentences, tokens, mentions, entities, quotes
//! and relations. Layers are flat vectors; the id newtypes index into them.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Span;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the layer's vector.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the element at `index`.
            pub fn from_index(index: usize) -> Self {
                Self(index as u32)
            }
        }
    };
}

id_type!(
    /// Index into [`Annotations::mentions`].
    MentionId
);
id_type!(
    /// Index into [`Annotations::entities`].
    EntityId
);
id_type!(
    /// Index into [`Annotations::quotes`].
    QuoteId
);
id_type!(
    /// Index into [`Annotations::relations`].
    RelationId
);

/// Which stage produced an annotation, how sure it is, and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Provenance {
    /// Name of the pipeline stage (or `"curation"` for the researcher's edits).
    pub stage: Cow<'static, str>,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
    /// The rule, pattern or evidence that produced it, for explanation and debugging.
    pub rule: Cow<'static, str>,
}

impl Provenance {
    /// Provenance from `stage` with `confidence` and a `rule` name.
    pub fn new(
        stage: impl Into<Cow<'static, str>>,
        confidence: f32,
        rule: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            stage: stage.into(),
            confidence,
            rule: rule.into(),
        }
    }
}

/// A sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence's bytes, without surrounding whitespace.
    pub span: Span,
}

/// A token. Tokens are derived (cheap to recompute) and are not stored in project files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The token's bytes.
    pub span: Span,
    /// Penn Treebank part-of-speech tag, when the POS stage ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Cow<'static, str>>,
}

/// The type of an entity or mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// People.
    Person,
    /// Organisations: governments, armies, agencies, companies, parties, media.
    Org,
    /// Countries, cities, regions and other places.
    Loc,
    /// Nationalities, religious and political groups ("Pakistani", "Afghan").
    Norp,
    /// Other proper names: events, laws, programmes, works, products.
    Misc,
    /// Offices, titles and ranks ("Foreign Minister", "Chief of Army Staff", "General").
    Title,
    /// Dates, quantities and the like.
    Other,
}

impl EntityType {
    /// Every type, in display order.
    pub const ALL: [EntityType; 7] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Norp,
        EntityType::Misc,
        EntityType::Title,
        EntityType::Other,
    ];

    /// The type's place in [`EntityType::ALL`] (for per-type counts and switches).
    ///
    /// ```
    /// use quarry::model::EntityType;
    /// assert!(EntityType::ALL.iter().enumerate().all(|(i, t)| t.index() == i));
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }

    /// The fine label written to the interchange format's `label`.
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Misc => "MISC",
            EntityType::Title => "TITLE",
            EntityType::Other => "OTHER",
        }
    }

    /// The coarse type of the interchange format (`PER`, `ORG`, `LOC`, `MISC`, `ROLE`, `OTHER`).
    pub fn coarse(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Norp | EntityType::Misc => "MISC",
            EntityType::Title => "ROLE",
            EntityType::Other => "OTHER",
        }
    }

    /// The prefix of the corpus node keys of this type (`PER:lloyd-austin`), stored in
    /// curation files: never change one.
    pub fn key_prefix(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Misc => "MISC",
            EntityType::Title => "TITLE",
            EntityType::Other => "OTHER",
        }
    }

    /// Parses a fine label or a coarse type (case-insensitive).
    pub fn from_label(label: &str) -> Option<Self> {
        Some(match label.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => EntityType::Person,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => EntityType::Org,
            "LOC" | "GPE" | "LOCATION" => EntityType::Loc,
            "NORP" => EntityType::Norp,
            "MISC" => EntityType::Misc,
            "TITLE" | "ROLE" => EntityType::Title,
            "OTHER" => EntityType::Other,
            _ => return None,
        })
    }
}

/// One occurrence of a name (or title, or description) in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The mention's bytes.
    pub span: Span,
    /// Its type.
    pub entity_type: EntityType,
    /// The entity (mention cluster) it belongs to, once resolution ran.
    #[serde(default)]
    pub entity: Option<EntityId>,
    /// Who produced it.
    #[serde(default)]
    pub provenance: Provenance,
}

/// A mention cluster: one actor, place or thing in this document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical (longest, most complete) name.
    pub canonical_name: String,
    /// Its type.
    pub entity_type: EntityType,
    /// Its mentions, in text order.
    pub mentions: Vec<MentionId>,
    /// Other surface forms seen (surnames, acronyms, expansions, descriptions).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Who produced it.
    #[serde(default)]
    pub provenance: Provenance,
}

/// Something someone said, with who said it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// What was said (for direct quotes, inside the quotation marks; a quote split by its
    /// cue — "“…,” he said, “…”" — runs from the first piece to the last).
    pub content: Span,
    /// The whole attributed statement when it is larger than `content`: for a partial quote
    /// embedded in reported speech, the reported clause around it ("that President Joe
    /// Biden “should realise …”"). Exports use it as the quote's span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extent: Option<Span>,
    /// True for quoted words, false for reported (indirect) speech.
    pub direct: bool,
    /// The cue: "said", "told", "according to", …
    #[serde(default)]
    pub cue: Option<Span>,
    /// The speaker's mention next to the cue (may be a pronoun or a description).
    #[serde(default)]
    pub speaker: Option<Span>,
    /// The mention the speaker span belongs to, if it is one.
    #[serde(default)]
    pub speaker_mention: Option<MentionId>,
    /// The entity the speaker resolves to.
    #[serde(default)]
    pub speaker_entity: Option<EntityId>,
    /// Who produced it; `provenance.rule` names the attribution rule.
    #[serde(default)]
    pub provenance: Provenance,
}

/// Whether a relation is asserted by the text or only inferred from co-occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RelationKind {
    /// The text asserts it (a trigger word or pattern links the two).
    Asserted,
    /// The two names stand in one sentence; nothing is asserted between them.
    Cooccurrence,
}

/// The type of a relation. Each is directed from head to tail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RelationType {
    /// Person → title (or → the organisation or country of the office).
    OfficeHeld,
    /// Member or affiliate of an organisation or country.
    MemberOf,
    /// Leads an organisation.
    Leads,
    /// Met, spoke with, called on.
    Met,
    /// Said to, told.
    SaidTo,
    /// Urged, called on to.
    Urged,
    /// Supports, praised, welcomed, thanked, appreciated.
    Supports,
    /// Criticised, accused, condemned.
    Criticises,
    /// Fights, attacked, defeat.
    Fights,
    /// Allied with, cooperates with.
    AlliedWith,
    /// Located in.
    LocatedIn,
    /// Promised or pledged (something to someone).
    Promised,
    /// Hoped, hopes that (the tail is the subject of the hoped-for clause).
    Hoped,
    /// Said of: a statement about the tail ("X said that Y should …").
    SaidOf,
    /// Partner in (a process, place or organisation): "X is an essential partner in …".
    PartnerIn,
    /// Alias of: acronyms and their expansions, titles standing for a person.
    AliasOf,
    /// Same-sentence co-occurrence (always [`RelationKind::Cooccurrence`]).
    CoOccurs,
}

impl RelationType {
    /// Every type, in display order.
    pub const ALL: [RelationType; 17] = [
        RelationType::OfficeHeld,
        RelationType::MemberOf,
        RelationType::Leads,
        RelationType::Met,
        RelationType::SaidTo,
        RelationType::Urged,
        RelationType::Supports,
        RelationType::Criticises,
        RelationType::Fights,
        RelationType::AlliedWith,
        RelationType::LocatedIn,
        RelationType::Promised,
        RelationType::Hoped,
        RelationType::SaidOf,
        RelationType::PartnerIn,
        RelationType::AliasOf,
        RelationType::CoOccurs,
    ];

    /// The label written to the interchange format.
    pub fn label(self) -> &'static str {
        match self {
            RelationType::OfficeHeld => "OFFICE_HELD",
            RelationType::MemberOf => "MEMBER_OF",
            RelationType::Leads => "LEADS",
            RelationType::Met => "MET",
            RelationType::SaidTo => "SAID_TO",
            RelationType::Urged => "URGED",
            RelationType::Supports => "SUPPORTS",
            RelationType::Criticises => "CRITICISES",
            RelationType::Fights => "FIGHTS",
            RelationType::AlliedWith => "ALLIED_WITH",
            RelationType::LocatedIn => "LOCATED_IN",
            RelationType::Promised => "PROMISED",
            RelationType::Hoped => "HOPED",
            RelationType::SaidOf => "SAID_OF",
            RelationType::PartnerIn => "PARTNER_IN",
            RelationType::AliasOf => "ALIAS_OF",
            RelationType::CoOccurs => "CO_OCCURS",
        }
    }

    /// The label a reader sees ("holds office", "met", "urged"): the one mapping views use
    /// for edge labels and legends ([`RelationType::label`] stays the interchange label).
    pub fn human_label(self) -> &'static str {
        match self {
            RelationType::OfficeHeld => "holds office",
            RelationType::MemberOf => "member of",
            RelationType::Leads => "leads",
            RelationType::Met => "met",
            RelationType::SaidTo => "said to",
            RelationType::Urged => "urged",
            RelationType::Supports => "supports",
            RelationType::Criticises => "criticises",
            RelationType::Fights => "fights",
            RelationType::AlliedWith => "allied with",
            RelationType::LocatedIn => "located in",
            RelationType::Promised => "promised",
            RelationType::Hoped => "hoped",
            RelationType::SaidOf => "said of",
            RelationType::PartnerIn => "partner in",
            RelationType::AliasOf => "also called",
            RelationType::CoOccurs => "mentioned with",
        }
    }

    /// Parses an interchange label.
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.label() == label)
    }
}

/// A directed, typed tie between two entities of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Source entity.
    pub head: EntityId,
    /// Target entity.
    pub tail: EntityId,
    /// The head mention this relation was read from.
    #[serde(default)]
    pub head_mention: Option<MentionId>,
    /// The tail mention this relation was read from.
    #[serde(default)]
    pub tail_mention: Option<MentionId>,
    /// The relation type.
    pub relation_type: RelationType,
    /// Asserted or co-occurrence.
    pub kind: RelationKind,
    /// The words that express it ("met", "urged", "Chief of Army Staff").
    #[serde(default)]
    pub trigger: Option<Span>,
    /// The sentence it was read from.
    pub evidence: Span,
    /// True when the text negates it ("will not restore").
    #[serde(default)]
    pub negated: bool,
    /// True when it is hedged or future ("will restore", "may meet").
    #[serde(default)]
    pub modal: bool,
    /// Who produced it.
    #[serde(default)]
    pub provenance: Provenance,
}

/// All annotation layers of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotations {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order (derived; not saved in projects).
    #[serde(skip)]
    pub tokens: Vec<Token>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Entities (mention clusters).
    pub entities: Vec<Entity>,
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    /// Relations.
    pub relations: Vec<Relation>,
}

impl Annotations {
    /// The mention with `id`, if any.
    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        self.mentions.get(id.index())
    }

    /// The entity with `id`, if any.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.index())
    }

    /// The entity a mention belongs to, if any.
    pub fn entity_of(&self, mention: MentionId) -> Option<&Entity> {
        self.mention(mention)
            .and_then(|m| m.entity)
            .and_then(|e| self.entity(e))
    }

    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.span.start <= offset)
            .map(|_| i)
    }

    /// Removes every layer the pipeline produces (before a re-run).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}
