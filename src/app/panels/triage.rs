//! The triage queue: one keyboard-driven window that walks through what needs a human, one
//! item at a time with its context text — quotes without a named speaker or of low
//! confidence, merge suggestions, weak (low-confidence) asserted relations, edits that no
//! longer match the extraction. Opened by Edit > Triage queue (Ctrl+T). Keys, while no text
//! field has the focus (read at the start of the frame, so they win over the same keys in
//! the panels behind, such as M in the entities table):
//!
//! | key | action |
//! |---|---|
//! | A or Enter | accept (confirm the quote or relation, merge the suggestion, re-anchor the unmatched edit when a nearby span matches it) |
//! | R or Delete | reject (delete the quote, reject the relation or the suggestion, remove the unmatched edit) |
//! | S, then 1–9 | set a quote's speaker to the numbered entity (nearest first) |
//! | M | add the quote's unrecognised speaker words as a person and make it the speaker |
//! | N or → | next item |
//! | P or ← | previous item |
//! | Esc | leave the speaker list, else close the queue |
//!
//! The queue is a snapshot taken when it opens, each item named by what survives edits
//! (article and content span, relation key, node keys), so deciding one item does not
//! renumber the rest; a decided item shows its decision and the queue moves on.

use egui::{Key, Modifiers};

use crate::app::command::Command;
use crate::app::corpus::CorpusView;
use crate::app::noise;
use crate::model::{Document, EntityType, RelationKind, Span};
use crate::project::Project;
use crate::project::edits::{RESEARCHER_RULE, RelationKey, relation_key};

use super::View;
use super::tables::LOW_CONFIDENCE;
use super::unmatched::{self as unmatched_ui, Row};

/// How many speaker candidates the keys 1–9 reach.
const MAX_CANDIDATES: usize = 9;

/// Characters of context shown on each side of a quote.
const CONTEXT_CHARS: usize = 240;

/// One thing the queue asks about.
#[derive(Clone, Debug, PartialEq)]
pub enum TriageItem {
    /// A quote without a named speaker, or of low confidence.
    Quote {
        /// The article (index).
        document: usize,
        /// The quote's content span.
        content: Span,
        /// Why it is in the queue.
        why: String,
    },
    /// A merge suggestion.
    Merge {
        /// The key of the node that might join the other.
        a: String,
        /// The key of the node it might join.
        b: String,
        /// Why the two were not merged.
        reason: String,
    },
    /// A weak asserted relation.
    Relation {
        /// The article (index).
        document: usize,
        /// The relation's key.
        key: RelationKey,
        /// Why it is in the queue.
        why: String,
    },
    /// An edit that matches nothing (with its re-anchor, if one was found).
    Unmatched(Box<Row>),
}

/// What the researcher decided about an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Accepted.
    Accepted,
    /// Rejected.
    Rejected,
    /// A quote's speaker set to this name.
    Speaker(String),
    /// An unmatched edit moved to the span that matches it.
    Reanchored,
    /// An unmatched edit removed.
    Removed,
}

impl Decision {
    fn text(&self) -> String {
        match self {
            Decision::Accepted => "accepted".to_owned(),
            Decision::Rejected => "rejected".to_owned(),
            Decision::Reanchored => "re-anchored".to_owned(),
            Decision::Removed => "removed".to_owned(),
            Decision::Speaker(name) => format!("speaker set to {name}"),
        }
    }
}

/// The items that need a human in the shown `documents`: quotes first (in article order),
/// then merge suggestions, then weak relations.
pub fn build_queue(documents: &[Document], corpus: &CorpusView) -> Vec<TriageItem> {
    let mut items = Vec::new();
    for (d, doc) in documents.iter().enumerate() {
        for q in &doc.annotations.quotes {
            if q.provenance.rule == RESEARCHER_RULE || noise::is_noise(&corpus.graph, d, doc, q) {
                continue;
            }
            let why = if q.speaker_entity.is_none() {
                "no named speaker".to_owned()
            } else if !noise::speaker_is_actor(&corpus.graph, d, doc, q) {
                "the speaker is not a person or organisation".to_owned()
            } else if q.provenance.confidence < LOW_CONFIDENCE {
                format!("confidence {:.2}", q.provenance.confidence)
            } else {
                continue;
            };
            items.push(TriageItem::Quote {
                document: d,
                content: q.content,
                why,
            });
        }
    }
    for s in &corpus.graph.suggestions {
        items.push(TriageItem::Merge {
            a: s.a.clone(),
            b: s.b.clone(),
            reason: s.reason.clone(),
        });
    }
    for (d, doc) in documents.iter().enumerate() {
        for r in &doc.annotations.relations {
            if r.kind != RelationKind::Asserted
                || r.provenance.rule == RESEARCHER_RULE
                || r.provenance.confidence >= LOW_CONFIDENCE
            {
                continue;
            }
            if let Some(key) = relation_key(&doc.annotations, r) {
                items.push(TriageItem::Relation {
                    document: d,
                    key,
                    why: format!("confidence {:.2}", r.provenance.confidence),
                });
            }
        }
    }
    items
}

/// The bytes between two spans (0 when they overlap).
fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The article's actors that could have said the quote at `content`, nearest first, each
/// once, with the mention nearest the quote: (name, type, mention span).
pub fn speaker_candidates(doc: &Document, content: Span) -> Vec<(String, EntityType, Span)> {
    let a = &doc.annotations;
    let mut candidates: Vec<(usize, String, EntityType, Span)> = a
        .entities
        .iter()
        .filter(|e| noise::is_actor_type(e.entity_type) && e.entity_type != EntityType::Title)
        .filter_map(|e| {
            let mention = e
                .mentions
                .iter()
                .filter_map(|m| a.mention(*m))
                .filter(|m| !content.contains(m.span))
                .min_by_key(|m| distance(m.span, content))?;
            Some((
                distance(mention.span, content),
                e.canonical_name.clone(),
                e.entity_type,
                mention.span,
            ))
        })
        .collect();
    candidates.sort_by(|x, y| (x.0, &x.1).cmp(&(y.0, &y.1)));
    candidates.dedup_by(|x, y| x.1 == y.1);
    candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|(_, name, t, span)| (name, t, span))
        .collect()
}

/// The text around `span` (up to [`CONTEXT_CHARS`] characters each side, on whitespace):
/// before, the span, after.
fn context(text: &str, span: Span) -> (String, String, String) {
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS)
        .map_or(0, |(i, _)| i);
    let before = before.get(start..).unwrap_or("");
    let before = if start > 0 {
        before
            .split_once(char::is_whitespace)
            .map_or(before, |(_, b)| b)
    } else {
        before
    };
    let end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let mut after = after.get(..end).unwrap_or("");
    if end < text.len() - span.end {
        after = after
            .rsplit_once(char::is_whitespace)
            .map_or(after, |(a, _)| a);
    }
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    (fold(before), fold(span.text(text)), fold(after))
}

/// What the keys asked for this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Accept,
    Reject,
    Speaker,
    Pick(usize),
    AddPerson,
    Next,
    Previous,
    Escape,
}

/// The triage window's state.
#[derive(Debug, Default)]
pub struct TriagePanel {
    /// The window is shown.
    pub open: bool,
    items: Vec<TriageItem>,
    decided: Vec<Option<Decision>>,
    position: usize,
    picking_speaker: bool,
    /// What the keys asked for this frame, read (and consumed) at its start.
    pending: Option<Action>,
}

impl TriagePanel {
    /// Opens the queue on what needs a human now (the unmatched edits of `project` last), or
    /// closes it.
    pub fn toggle(&mut self, documents: &[Document], corpus: &CorpusView, project: &Project) {
        if self.open {
            self.open = false;
            return;
        }
        self.items = build_queue(documents, corpus);
        self.items.extend(
            unmatched_ui::rows(project)
                .into_iter()
                .map(|r| TriageItem::Unmatched(Box::new(r))),
        );
        self.decided = vec![None; self.items.len()];
        self.position = 0;
        self.picking_speaker = false;
        self.pending = None;
        self.open = true;
    }

    /// While the queue is open, reads and consumes its keys. Called at the start of the
    /// frame, before any panel, so that the queue's keys win over the same keys elsewhere
    /// (M merges the rows picked in the entities table when the queue is closed).
    pub fn read_keys(&mut self, ctx: &egui::Context) {
        self.pending = if self.open {
            Self::keys(ctx, self.picking_speaker)
        } else {
            None
        };
    }

    /// The progress line: "12 of 87" (the item shown, of all).
    pub fn progress(&self) -> String {
        if self.items.is_empty() {
            "0 of 0".to_owned()
        } else {
            format!("{} of {}", self.position + 1, self.items.len())
        }
    }

    fn keys(ctx: &egui::Context, picking: bool) -> Option<Action> {
        if ctx.egui_wants_keyboard_input() {
            return None;
        }
        let none = Modifiers::NONE;
        ctx.input_mut(|i| {
            if picking {
                const DIGITS: [Key; 9] = [
                    Key::Num1,
                    Key::Num2,
                    Key::Num3,
                    Key::Num4,
                    Key::Num5,
                    Key::Num6,
                    Key::Num7,
                    Key::Num8,
                    Key::Num9,
                ];
                if let Some(n) = DIGITS.iter().position(|k| i.consume_key(none, *k)) {
                    return Some(Action::Pick(n));
                }
            }
            let table = [
                (Key::A, Action::Accept),
                (Key::Enter, Action::Accept),
                (Key::R, Action::Reject),
                (Key::Delete, Action::Reject),
                (Key::S, Action::Speaker),
                (Key::M, Action::AddPerson),
                (Key::N, Action::Next),
                (Key::ArrowRight, Action::Next),
                (Key::P, Action::Previous),
                (Key::ArrowLeft, Action::Previous),
                (Key::Escape, Action::Escape),
            ];
            table
                .iter()
                .find(|(k, _)| i.consume_key(none, *k))
                .map(|(_, a)| *a)
        })
    }

    /// The window, when open: the item shown with its context and the actions; acts on the
    /// keys [`TriagePanel::read_keys`] read.
    pub fn ui(&mut self, ctx: &egui::Context, view: &mut View<'_>) {
        if !self.open {
            return;
        }
        let mut action = self.pending.take();
        let mut open = true;
        egui::Window::new("Triage queue")
            .open(&mut open)
            .default_width(560.0)
            .default_pos(ctx.content_rect().center() - egui::vec2(280.0, 200.0))
            .show(ctx, |ui| {
                self.body_ui(ui, view.documents, view.corpus, &mut action);
            });
        if !open {
            self.open = false;
        }
        if let Some(action) = action {
            self.act(action, view.documents, view.commands);
        }
    }

    fn body_ui(
        &mut self,
        ui: &mut egui::Ui,
        documents: &[Document],
        corpus: &CorpusView,
        action: &mut Option<Action>,
    ) {
        let decided = self.decided.iter().filter(|d| d.is_some()).count();
        ui.horizontal(|ui| {
            ui.strong(self.progress());
            ui.label(format!("· {decided} decided"));
        });
        let Some(item) = self.items.get(self.position) else {
            ui.label("Nothing needs a human: no unattributed or doubtful quotes, no merge suggestions, no weak relations, no unmatched edits.");
            return;
        };
        ui.separator();
        match item {
            TriageItem::Quote {
                document,
                content,
                why,
            } => quote_ui(ui, documents, corpus, *document, *content, why),
            TriageItem::Merge { a, b, reason } => merge_ui(ui, corpus, a, b, reason),
            TriageItem::Relation { document, key, why } => {
                relation_ui(ui, documents, *document, key, why);
            }
            TriageItem::Unmatched(row) => unmatched_item_ui(ui, documents, row),
        }
        if let Some(Some(decision)) = self.decided.get(self.position) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Decided: {}", decision.text()),
            );
        }
        if self.picking_speaker
            && let TriageItem::Quote {
                document, content, ..
            } = item
        {
            let candidates = documents
                .get(*document)
                .map(|d| speaker_candidates(d, *content))
                .unwrap_or_default();
            ui.separator();
            ui.label("Speaker (press its number, Esc to cancel):");
            if candidates.is_empty() {
                ui.weak("No person, organisation, group or place in this article.");
            }
            for (n, (name, t, _)) in candidates.iter().enumerate() {
                if ui
                    .button(format!("{} {name} ({})", n + 1, t.label()))
                    .clicked()
                {
                    *action = Some(Action::Pick(n));
                }
            }
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let is_quote = matches!(item, TriageItem::Quote { .. });
            let (accept, reject, can_accept) = match item {
                TriageItem::Unmatched(row) => {
                    ("Re-anchor (A)", "Remove (R)", row.reanchor.is_some())
                }
                _ => ("Accept (A)", "Reject (R)", true),
            };
            let buttons = [
                (accept, Action::Accept, can_accept),
                (reject, Action::Reject, true),
                ("Set speaker (S)", Action::Speaker, is_quote),
                (
                    "Add speaker as person (M)",
                    Action::AddPerson,
                    is_quote && missing_speaker(documents, item).is_some(),
                ),
                ("Previous (P)", Action::Previous, self.position > 0),
                (
                    "Next (N)",
                    Action::Next,
                    self.position + 1 < self.items.len(),
                ),
            ];
            for (text, a, enabled) in buttons {
                if ui.add_enabled(enabled, egui::Button::new(text)).clicked() {
                    *action = Some(a);
                }
            }
        });
    }

    fn decide(&mut self, decision: Decision) {
        if let Some(slot) = self.decided.get_mut(self.position) {
            *slot = Some(decision);
        }
        self.picking_speaker = false;
        if self.position + 1 < self.items.len() {
            self.position += 1;
        }
    }

    fn act(&mut self, action: Action, documents: &[Document], commands: &mut Vec<Command>) {
        let Some(item) = self.items.get(self.position).cloned() else {
            if action == Action::Escape {
                self.open = false;
            }
            return;
        };
        match action {
            Action::Next => {
                self.picking_speaker = false;
                self.position = (self.position + 1).min(self.items.len() - 1);
            }
            Action::Previous => {
                self.picking_speaker = false;
                self.position = self.position.saturating_sub(1);
            }
            Action::Escape => {
                if self.picking_speaker {
                    self.picking_speaker = false;
                } else {
                    self.open = false;
                }
            }
            Action::Speaker => {
                self.picking_speaker = matches!(item, TriageItem::Quote { .. });
            }
            Action::Pick(n) => {
                if let TriageItem::Quote {
                    document, content, ..
                } = item
                    && let Some((name, _, mention)) = documents
                        .get(document)
                        .and_then(|d| speaker_candidates(d, content).into_iter().nth(n))
                {
                    commands.push(Command::SetQuoteSpeaker {
                        document,
                        content,
                        speaker: name.clone(),
                        mention,
                    });
                    self.decide(Decision::Speaker(name));
                }
            }
            Action::AddPerson => {
                if let TriageItem::Quote {
                    document, content, ..
                } = item
                    && let Some(span) = missing_speaker(documents, &item)
                {
                    let name = documents
                        .get(document)
                        .map(|d| span.text(&d.text).to_owned())
                        .unwrap_or_default();
                    commands.push(Command::AddMention {
                        document,
                        span,
                        entity_type: EntityType::Person,
                    });
                    commands.push(Command::SetQuoteSpeaker {
                        document,
                        content,
                        speaker: name.clone(),
                        mention: span,
                    });
                    self.decide(Decision::Speaker(name));
                }
            }
            Action::Accept | Action::Reject if matches!(item, TriageItem::Unmatched(_)) => {
                let TriageItem::Unmatched(row) = item else {
                    return;
                };
                if action == Action::Reject {
                    commands.push(unmatched_ui::remove_command(&row));
                    self.decide(Decision::Removed);
                } else if let Some(command) = unmatched_ui::reanchor_command(&row) {
                    commands.push(command);
                    self.decide(Decision::Reanchored);
                }
            }
            Action::Accept | Action::Reject => {
                let accept = action == Action::Accept;
                commands.push(match item {
                    TriageItem::Quote {
                        document, content, ..
                    } if accept => Command::ConfirmQuote { document, content },
                    TriageItem::Quote {
                        document, content, ..
                    } => Command::DeleteQuote { document, content },
                    TriageItem::Merge { a, b, .. } if accept => {
                        Command::MergeEntities { merge: a, into: b }
                    }
                    TriageItem::Merge { a, b, .. } => Command::RejectMerge { a, b },
                    TriageItem::Relation { document, key, .. } if accept => {
                        Command::ConfirmRelation { document, key }
                    }
                    TriageItem::Relation { document, key, .. } => {
                        Command::RejectRelation { document, key }
                    }
                    TriageItem::Unmatched(_) => return,
                });
                self.decide(if accept {
                    Decision::Accepted
                } else {
                    Decision::Rejected
                });
            }
        }
    }
}

/// The speaker words of a quote item that name no entity (a person the extraction
/// missed), if any.
fn missing_speaker(documents: &[Document], item: &TriageItem) -> Option<Span> {
    let TriageItem::Quote {
        document, content, ..
    } = item
    else {
        return None;
    };
    let doc = documents.get(*document)?;
    let q = doc
        .annotations
        .quotes
        .iter()
        .find(|q| q.content == *content)?;
    let span = q.speaker?;
    let named = doc
        .annotations
        .mentions
        .iter()
        .any(|m| m.span == span && m.entity.is_some());
    (q.speaker_entity.is_none() && !named).then_some(span)
}

/// A paragraph of context with the item's words in bold.
fn context_ui(ui: &mut egui::Ui, text: &str, span: Span) {
    let (before, words, after) = context(text, span);
    let style = ui.style();
    let mut job = egui::text::LayoutJob::default();
    let body = egui::TextStyle::Body.resolve(style);
    let normal = egui::TextFormat::simple(body.clone(), ui.visuals().text_color());
    let strong = egui::TextFormat::simple(body, ui.visuals().strong_text_color());
    let sep = |s: &str| if s.is_empty() { "" } else { " " };
    job.append(&format!("{before}{}", sep(&before)), 0.0, normal.clone());
    let mut strong = strong;
    strong.underline = egui::Stroke::new(1.0, ui.visuals().strong_text_color());
    job.append(&words, 0.0, strong);
    job.append(&format!("{}{after}", sep(&after)), 0.0, normal);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.add(egui::Label::new(job).wrap());
    });
}

fn article_line(ui: &mut egui::Ui, doc: &Document) {
    ui.weak(format!("Article: {}", doc.display_title()));
}

fn quote_ui(
    ui: &mut egui::Ui,
    documents: &[Document],
    corpus: &CorpusView,
    document: usize,
    content: Span,
    why: &str,
) {
    ui.heading("Quote");
    ui.label(format!("In the queue: {why}."));
    let Some(doc) = documents.get(document) else {
        return;
    };
    article_line(ui, doc);
    let Some(q) = doc.annotations.quotes.iter().find(|q| q.content == content) else {
        ui.weak("This quote is no longer there (deleted).");
        return;
    };
    let speaker = q
        .speaker_entity
        .and_then(|e| {
            corpus
                .graph
                .node_of(document, e)
                .and_then(|n| corpus.graph.nodes.get(n))
                .map(|n| n.name.clone())
                .or_else(|| doc.annotations.entity(e).map(|e| e.canonical_name.clone()))
        })
        .or_else(|| q.speaker.map(|s| s.text(&doc.text).to_owned()))
        .unwrap_or_else(|| "none".to_owned());
    ui.label(format!(
        "Speaker: {speaker} · {} · confidence {:.2} ({})",
        if q.direct { "direct" } else { "reported" },
        q.provenance.confidence,
        q.provenance.rule
    ));
    context_ui(ui, &doc.text, q.extent.unwrap_or(q.content));
}

/// An unmatched edit: what, where, why, where it can move, and the text where it was made.
fn unmatched_item_ui(ui: &mut egui::Ui, documents: &[Document], row: &Row) {
    ui.heading("Unmatched edit");
    unmatched_ui::describe_ui(ui, row);
    let span = row.edit.edit.span();
    if let Some(doc) = documents.iter().find(|d| d.id == row.edit.document)
        && doc.text.get(span.range()).is_some()
    {
        context_ui(ui, &doc.text, span);
    }
}

fn merge_ui(ui: &mut egui::Ui, corpus: &CorpusView, a: &str, b: &str, reason: &str) {
    ui.heading("Merge suggestion");
    let describe = |key: &str| {
        corpus
            .graph
            .node_index(key)
            .and_then(|n| corpus.graph.nodes.get(n))
            .map_or_else(
                || format!("{key} (merged or gone)"),
                |n| {
                    format!(
                        "{} ({}, {} mentions in {} articles)",
                        n.name,
                        n.entity_type.label(),
                        n.mentions,
                        n.documents
                    )
                },
            )
    };
    ui.label(format!("Merge {}", describe(a)));
    ui.label(format!("into {}?", describe(b)));
    ui.label(format!("Why they were left apart: {reason}"));
}

fn relation_ui(
    ui: &mut egui::Ui,
    documents: &[Document],
    document: usize,
    key: &RelationKey,
    why: &str,
) {
    ui.heading("Relation");
    ui.label(format!("In the queue: {why}."));
    let Some(doc) = documents.get(document) else {
        return;
    };
    article_line(ui, doc);
    ui.label(format!(
        "{} — {} — {}",
        key.head.text(&doc.text),
        key.relation_type.human_label(),
        key.tail.text(&doc.text)
    ));
    let present = doc
        .annotations
        .relations
        .iter()
        .any(|r| relation_key(&doc.annotations, r).as_ref() == Some(key));
    if !present {
        ui.weak("This relation is no longer shown (rejected).");
    }
    context_ui(ui, &doc.text, key.evidence);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keeps_whole_words_around_the_span() {
        let text = "Alpha beta gamma. “Words here,” he said. Delta epsilon.";
        let start = text.find('“').unwrap_or(0);
        let end = text.find('”').map_or(0, |i| i + '”'.len_utf8());
        let (before, words, after) = context(text, Span::new(start, end));
        assert_eq!(before, "Alpha beta gamma.");
        assert_eq!(words, "“Words here,”");
        assert_eq!(after, "he said. Delta epsilon.");
        let long = format!("{} end", "word ".repeat(200));
        let (before, words, _) = context(&long, Span::new(long.len() - 3, long.len()));
        assert_eq!(words, "end");
        assert!(before.chars().count() <= CONTEXT_CHARS);
        assert!(before.starts_with("word"));
    }
}
