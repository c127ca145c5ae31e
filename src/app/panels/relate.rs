//! Adding a relation the extraction missed between two entities (the one marked in the
//! merges window and the one selected): the type picked from the list, the evidence picked
//! from the sentences where both appear. The addition is a relation edit (undoable), kept
//! across re-extraction like every other edit.

use crate::app::command::Command;
use crate::graph::EntityGraph;
use crate::model::{Document, RelationType, Span};
use crate::project::edits::{RelationEdit, RelationKey};

/// One sentence where both entities appear: where a relation between them could be added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The article (index).
    pub document: usize,
    /// The head's mention span (the first mention of the head's node in the sentence).
    pub head: Span,
    /// The tail's mention span.
    pub tail: Span,
    /// The sentence.
    pub evidence: Span,
}

/// The sentences of the shown `documents` where a mention of node `head` and one of node
/// `tail` both appear, in article and text order.
pub fn candidates(
    documents: &[Document],
    graph: &EntityGraph,
    head: usize,
    tail: usize,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (d, doc) in documents.iter().enumerate() {
        let a = &doc.annotations;
        let node_of = |m: &crate::model::Mention| m.entity.and_then(|e| graph.node_of(d, e));
        for s in &a.sentences {
            let inside = |m: &&crate::model::Mention| {
                m.span.start >= s.span.start && m.span.end <= s.span.end
            };
            let first = |node: usize| {
                a.mentions
                    .iter()
                    .filter(inside)
                    .find(|m| node_of(m) == Some(node))
                    .map(|m| m.span)
            };
            if let (Some(h), Some(t)) = (first(head), first(tail)) {
                out.push(Candidate {
                    document: d,
                    head: h,
                    tail: t,
                    evidence: s.span,
                });
            }
        }
    }
    out
}

/// What the researcher chose so far.
#[derive(Debug, Default)]
pub struct RelateState {
    /// The type to add (`None`: not chosen yet).
    relation_type: Option<RelationType>,
    /// The chosen candidate sentence (index into the candidates).
    sentence: Option<usize>,
    /// The (head, tail) node keys the choices are for; other ends reset them.
    ends: Option<(String, String)>,
}

/// A sentence shortened for a button (at most 90 characters).
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(90).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

impl RelateState {
    /// The "Add a relation" section for `head` → `tail` (node indices).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        documents: &[Document],
        graph: &EntityGraph,
        (head, tail): (usize, usize),
        commands: &mut Vec<Command>,
    ) {
        let (Some(h), Some(t)) = (graph.nodes.get(head), graph.nodes.get(tail)) else {
            return;
        };
        let ends = (h.key.clone(), t.key.clone());
        if self.ends.as_ref() != Some(&ends) {
            *self = RelateState {
                ends: Some(ends),
                ..RelateState::default()
            };
        }
        ui.label(format!("Add a relation from “{}” to “{}”:", h.name, t.name));
        let found = candidates(documents, graph, head, tail);
        if found.is_empty() {
            ui.weak("They never appear in one sentence: no evidence to add a relation with.");
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.weak("Type:");
            for ty in RelationType::ALL {
                if ty != RelationType::CoOccurs {
                    ui.radio_value(&mut self.relation_type, Some(ty), ty.human_label());
                }
            }
        });
        ui.weak("Evidence:");
        if found.len() == 1 {
            self.sentence = Some(0);
        }
        for (i, c) in found.iter().enumerate() {
            let text = documents
                .get(c.document)
                .and_then(|d| d.text.get(c.evidence.range()))
                .unwrap_or_default();
            ui.radio_value(&mut self.sentence, Some(i), short(text));
        }
        let chosen = self
            .sentence
            .and_then(|i| found.get(i))
            .zip(self.relation_type);
        let add = ui.add_enabled(
            chosen.is_some(),
            egui::Button::new(format!("Add relation from “{}” to “{}”", h.name, t.name)),
        );
        if add.clicked()
            && let Some((c, relation_type)) = chosen
        {
            commands.push(Command::EditRelation {
                document: c.document,
                key: RelationKey {
                    head: c.head,
                    tail: c.tail,
                    evidence: c.evidence,
                    relation_type,
                },
                edit: Some(RelationEdit::Add {
                    head: String::new(),
                    tail: String::new(),
                }),
            });
            *self = RelateState::default();
        }
    }
}
