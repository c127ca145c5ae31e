//! The reading view: the article's text with mentions coloured by type, quotes underlined,
//! the selection highlighted, a legend, hover tooltips and click-to-select. The selected
//! quote or mention gets an edit bar (delete, confirm, set speaker, change type), and a
//! right click on one opens the same actions as a context menu.
//!
//! The [`egui::text::LayoutJob`] and its galley are memoised on (article, revision,
//! highlight, filters, width) and rebuilt only when one of these changes.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, FontId, Galley, Sense, Stroke, Vec2};

use crate::app::command::Command;
use crate::app::selection::{Item, Origin};
use crate::app::{bidi, theme};
use crate::model::{CharIndex, Document, EntityType, MentionId, QuoteId, Span};

use super::{View, edit};

mod text;

use text::{with_paragraph_gaps, word_span};

/// The spans the selection emphasises in the current article.
#[derive(Clone, Debug, Default, PartialEq)]
struct Highlight {
    /// Mentions shown strongly (the selected entity's, a relation's ends, a speaker).
    strong: Vec<Span>,
    /// Sentences or quotes given a background.
    evidence: Vec<Span>,
    /// Trigger words of a selected relation, or the cue of a selected quote.
    trigger: Vec<Span>,
    /// Text the researcher dragged over (to add a mention).
    picked: Option<Span>,
    /// Where to scroll.
    target: Option<Span>,
}

#[derive(Clone, Debug, PartialEq)]
struct CacheKey {
    document: usize,
    doc_revision: u64,
    highlight: Highlight,
    hidden: [bool; 7],
    show_quotes: bool,
    dark_mode: bool,
    width_px: u32,
    font_size_centi: u32,
}

/// Maps between display text (right-to-left runs reordered) and the source text.
#[derive(Clone, Debug, Default)]
struct DisplayMap {
    /// `(display_start, source_range)` in display order.
    segments: Vec<(usize, Range<usize>)>,
    display_chars: Option<CharIndex>,
}

impl DisplayMap {
    fn source_byte(&self, display_char: usize) -> Option<usize> {
        let display_byte = self.display_chars.as_ref()?.byte_of(display_char);
        let i = self
            .segments
            .partition_point(|(start, _)| *start <= display_byte)
            .checked_sub(1)?;
        let (start, range) = self.segments.get(i)?;
        Some(range.start + (display_byte - start)).filter(|b| *b < range.end.max(range.start + 1))
    }

    fn display_char(&self, source_byte: usize) -> Option<usize> {
        let (start, range) = self
            .segments
            .iter()
            .find(|(_, r)| r.start <= source_byte && source_byte < r.end)?;
        let display_byte = start + (source_byte - range.start);
        Some(self.display_chars.as_ref()?.char_of(display_byte))
    }
}

struct Cached {
    key: CacheKey,
    galley: Arc<Galley>,
    map: DisplayMap,
}

/// The reading view's state.
pub struct ReadingView {
    cache: Option<Cached>,
    scrolled_generation: u64,
    hidden: [bool; 7],
    show_quotes: bool,
    font_size: f32,
    /// How many times the layout job was rebuilt (for tests of the memoisation).
    pub rebuilds: u64,
    /// What the open context menu is about: (article, mention, quote) under the pointer
    /// when it was opened.
    context: Option<(usize, Option<MentionId>, Option<QuoteId>)>,
    /// Where a drag over the text started: (article, source byte).
    drag_anchor: Option<(usize, usize)>,
    /// Words dragged over, offered as a new mention: (article, span).
    picked: Option<(usize, Span)>,
}

impl Default for ReadingView {
    fn default() -> Self {
        Self {
            cache: None,
            scrolled_generation: 0,
            hidden: [false; 7],
            show_quotes: true,
            font_size: 15.0,
            rebuilds: 0,
            context: None,
            drag_anchor: None,
            picked: None,
        }
    }
}

fn highlight(view: &View<'_>, document: usize, doc: &Document) -> Highlight {
    let mut h = Highlight::default();
    let a = &doc.annotations;
    let node_mentions = |node: usize| -> Vec<Span> {
        a.mentions
            .iter()
            .filter(|m| {
                m.entity
                    .and_then(|e| view.corpus.graph.node_of(document, e))
                    .is_some_and(|n| n == node)
            })
            .map(|m| m.span)
            .collect()
    };
    match view.selection.item.as_ref() {
        Some(Item::Entity(key)) => {
            if let Some(node) = view.corpus.graph.node_index(key) {
                h.strong = node_mentions(node);
                h.target = h.strong.first().copied();
            }
        }
        Some(Item::Mention {
            document: d,
            mention,
        }) if *d == document => {
            if let Some(m) = a.mention(*mention) {
                h.target = Some(m.span);
                let node = m
                    .entity
                    .and_then(|e| view.corpus.graph.node_of(document, e));
                h.strong = node.map_or_else(|| vec![m.span], node_mentions);
            }
        }
        Some(Item::Quote { document: d, quote }) if *d == document => {
            if let Some(q) = a.quotes.get(quote.index()) {
                h.evidence.push(q.content);
                h.strong.extend(q.speaker);
                h.trigger.extend(q.cue);
                h.target = Some(q.content);
            }
        }
        Some(Item::Relation {
            document: d,
            relation,
        }) if *d == document => {
            if let Some(r) = a.relations.get(relation.index()) {
                h.evidence.push(r.evidence);
                h.trigger.extend(r.trigger);
                h.target = Some(r.evidence);
                for (mention, entity) in [(r.head_mention, r.head), (r.tail_mention, r.tail)] {
                    if let Some(span) = mention.and_then(|m| a.mention(m)).map(|m| m.span) {
                        h.strong.push(span);
                    } else {
                        // No mention recorded: the entity's mentions inside the evidence.
                        h.strong.extend(
                            a.mentions
                                .iter()
                                .filter(|m| m.entity == Some(entity) && r.evidence.contains(m.span))
                                .map(|m| m.span),
                        );
                    }
                }
            }
        }
        Some(Item::Passage { document: d, span }) if *d == document => {
            // A search match: the match strongly, its sentence as evidence.
            h.strong.push(*span);
            if let Some(sentence) = a.sentence_at(span.start).and_then(|i| a.sentences.get(i)) {
                h.evidence.push(sentence.span);
            }
            h.target = Some(*span);
        }
        _ => {}
    }
    h.strong.sort_unstable();
    h.strong.dedup();
    h
}

/// What lies under one byte of the text.
// Independent layers that combine freely (a mention can be inside a quote and evidence).
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Copy, Debug, PartialEq)]
struct Style {
    mention: Option<EntityType>,
    strong: bool,
    quote: bool,
    evidence: bool,
    trigger: bool,
    picked: bool,
}

fn covering(spans: &[Span], byte: usize) -> bool {
    spans.iter().any(|s| s.start <= byte && byte < s.end)
}

fn build_job(
    doc: &Document,
    h: &Highlight,
    hidden: [bool; 7],
    show_quotes: bool,
    visuals: &egui::Visuals,
    font_size: f32,
    width: f32,
) -> (LayoutJob, DisplayMap) {
    let text = &doc.text;
    let a = &doc.annotations;
    let mut bounds: Vec<usize> = vec![0, text.len()];
    let visible_mentions: Vec<(Span, EntityType)> = a
        .mentions
        .iter()
        .filter(|m| !hidden[m.entity_type.index()])
        .map(|m| (m.span, m.entity_type))
        .collect();
    let quotes: Vec<Span> = if show_quotes {
        a.quotes.iter().map(|q| q.content).collect()
    } else {
        Vec::new()
    };
    for span in visible_mentions
        .iter()
        .map(|(s, _)| *s)
        .chain(quotes.iter().copied())
        .chain(h.strong.iter().copied())
        .chain(h.evidence.iter().copied())
        .chain(h.trigger.iter().copied())
        .chain(h.picked)
    {
        bounds.push(span.start.min(text.len()));
        bounds.push(span.end.min(text.len()));
    }
    let segments = with_paragraph_gaps(text, bidi::visual_segments(text));
    for (seg, _) in &segments {
        bounds.push(seg.start);
        bounds.push(seg.end);
    }
    bounds.sort_unstable();
    bounds.dedup();
    bounds.retain(|b| text.is_char_boundary(*b));

    let style_at = |byte: usize| Style {
        mention: visible_mentions
            .iter()
            .filter(|(s, _)| s.start <= byte && byte < s.end)
            .min_by_key(|(s, _)| s.len())
            .map(|(_, t)| *t),
        strong: covering(&h.strong, byte),
        quote: covering(&quotes, byte),
        evidence: covering(&h.evidence, byte),
        trigger: covering(&h.trigger, byte),
        picked: h.picked.is_some_and(|p| p.start <= byte && byte < p.end),
    };
    let font = FontId::proportional(font_size);
    let base_color = visuals.text_color();
    let format_of = |style: Style| {
        let mut f = TextFormat {
            font_id: font.clone(),
            color: base_color,
            line_height: Some(font_size * 1.55),
            ..Default::default()
        };
        if style.evidence {
            f.background = theme::evidence_background(visuals);
        }
        if let Some(t) = style.mention {
            f.background = theme::mention_background(t, visuals, style.strong);
            if style.strong {
                f.color = theme::selected_text(visuals);
            }
        } else if style.strong {
            f.background = theme::mention_background(EntityType::Other, visuals, true);
            f.color = theme::selected_text(visuals);
        }
        if style.quote {
            f.underline = Stroke::new(1.5, theme::quote_color(visuals));
        }
        if style.picked {
            f.background = visuals.selection.bg_fill;
            f.color = visuals.selection.stroke.color;
        }
        if style.trigger {
            f.underline = Stroke::new(2.0, theme::selection_stroke(visuals));
            f.color = visuals.strong_text_color();
        }
        f
    };

    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut map = DisplayMap::default();
    let gap = TextFormat {
        font_id: font.clone(),
        line_height: Some(font_size * 0.6),
        ..Default::default()
    };
    for (seg, spacer) in segments {
        map.segments.push((job.text.len(), seg.clone()));
        if spacer {
            job.append("\n", 0.0, gap.clone());
            continue;
        }
        // Elementary pieces inside this segment.
        let first = bounds.partition_point(|b| *b <= seg.start);
        let mut start = seg.start;
        for &b in bounds[first..]
            .iter()
            .take_while(|b| **b <= seg.end)
            .chain(std::iter::once(&seg.end))
        {
            if b <= start {
                continue;
            }
            if let Some(piece) = text.get(start..b) {
                job.append(piece, 0.0, format_of(style_at(start)));
            }
            start = b;
        }
    }
    map.display_chars = Some(CharIndex::new(&job.text));
    (job, map)
}

/// The mention at a source byte (the innermost).
fn mention_at(doc: &Document, byte: usize) -> Option<MentionId> {
    doc.annotations
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.span.start <= byte && byte < m.span.end)
        .min_by_key(|(_, m)| m.span.len())
        .map(|(i, _)| MentionId::from_index(i))
}

fn quote_at(doc: &Document, byte: usize) -> Option<QuoteId> {
    doc.annotations
        .quotes
        .iter()
        .position(|q| q.content.start <= byte && byte < q.content.end)
        .map(QuoteId::from_index)
}

/// The character under `pos` (relative to the galley), if the pointer is over one.
fn char_under(galley: &Galley, pos: Vec2) -> Option<usize> {
    let cursor = galley.cursor_from_pos(pos);
    let c = cursor.index.0;
    for candidate in [c, c.saturating_sub(1)] {
        let left = galley.pos_from_cursor(CCursor::new(candidate));
        let right = galley.pos_from_cursor(CCursor::new(candidate + 1));
        if (left.min.y - right.min.y).abs() < 0.5
            && pos.x >= left.min.x.min(right.min.x)
            && pos.x < left.min.x.max(right.min.x)
            && pos.y >= left.min.y
            && pos.y < left.max.y
        {
            return Some(candidate);
        }
    }
    None
}

impl ReadingView {
    /// The bar offering the words dragged over as a new mention of a chosen type.
    fn add_mention_bar_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &mut View<'_>,
        document: usize,
        doc: &Document,
    ) {
        let Some(span) = self.picked.filter(|(d, _)| *d == document).map(|(_, s)| s) else {
            return;
        };
        let existing = doc.annotations.mentions.iter().any(|m| m.span == span);
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Selected text “{}”", span.text(&doc.text)));
            if existing {
                ui.weak("is a mention already: click it to edit it.");
            } else {
                ui.menu_button("Add mention…", |ui| {
                    for (entity_type, word) in edit::EDITABLE_TYPES {
                        if ui
                            .button(format!("{} — {word}", entity_type.label()))
                            .clicked()
                        {
                            view.commands.push(Command::AddMention {
                                document,
                                span,
                                entity_type,
                            });
                            self.picked = None;
                            ui.close();
                        }
                    }
                });
            }
            if ui.button("Clear").clicked() {
                self.picked = None;
            }
        });
    }

    /// The article and the strongly highlighted spans of the text last laid out (for tests).
    pub fn highlighted(&self) -> Option<(usize, &[Span])> {
        self.cache
            .as_ref()
            .map(|c| (c.key.document, c.key.highlight.strong.as_slice()))
    }

    /// The panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        let Some(document) = view.current_document else {
            ui.heading("Reading view");
            ui.label("Select an article to read it here.");
            return;
        };
        let Some(doc) = view.documents.get(document) else {
            return;
        };
        ui.add(egui::Label::new(egui::RichText::new(doc.display_title()).heading()).wrap());
        let details: Vec<&str> = [
            doc.meta.source.as_str(),
            doc.meta.date.as_str(),
            doc.meta.author.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
        if !details.is_empty() {
            ui.weak(details.join(" · "));
        }
        self.legend_ui(ui, doc);
        edit_bar_ui(ui, view, document, doc);
        self.add_mention_bar_ui(ui, view, document, doc);
        ui.separator();

        let mut h = highlight(view, document, doc);
        h.picked = self
            .picked
            .filter(|(d, _)| *d == document)
            .map(|(_, span)| span);
        let width = ui.available_width() - 12.0;
        let key = CacheKey {
            document,
            doc_revision: view.doc_revision,
            highlight: h.clone(),
            hidden: self.hidden,
            show_quotes: self.show_quotes,
            dark_mode: ui.visuals().dark_mode,
            width_px: width.max(50.0).round() as u32,
            font_size_centi: (self.font_size * 100.0) as u32,
        };
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            let (job, map) = build_job(
                doc,
                &h,
                self.hidden,
                self.show_quotes,
                ui.visuals(),
                self.font_size,
                key.width_px as f32,
            );
            let galley = ui.painter().layout_job(job);
            self.cache = Some(Cached { key, galley, map });
            self.rebuilds += 1;
        }
        let Some(cached) = &self.cache else {
            return;
        };
        let wants_scroll = view.selection.generation != self.scrolled_generation;
        let origin = view.selection.origin;

        egui::ScrollArea::vertical()
            .id_salt(("reading", document))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let galley = Arc::clone(&cached.galley);
                let (rect, response) =
                    ui.allocate_exact_size(galley.size(), Sense::click_and_drag());
                // Dragging over words picks them, to add a mention.
                let byte_at = |pos: egui::Pos2| {
                    let cursor = galley.cursor_from_pos(pos - rect.min);
                    cached.map.source_byte(cursor.index.0)
                };
                if response.clicked() {
                    self.picked = None;
                }
                if response.drag_started()
                    && let Some(byte) = response.interact_pointer_pos().and_then(byte_at)
                {
                    self.drag_anchor = Some((document, byte));
                }
                if response.drag_stopped()
                    && let Some((d, anchor)) = self.drag_anchor.take()
                    && d == document
                    && let Some(byte) = response.interact_pointer_pos().and_then(byte_at)
                {
                    self.picked = word_span(&doc.text, anchor.min(byte), anchor.max(byte))
                        .map(|span| (document, span));
                }
                ui.painter()
                    .galley(rect.min, Arc::clone(&galley), ui.visuals().text_color());

                let hovered_byte = response
                    .hover_pos()
                    .and_then(|p| char_under(&galley, p - rect.min))
                    .and_then(|c| cached.map.source_byte(c));
                if let Some(byte) = hovered_byte {
                    let mention = mention_at(doc, byte);
                    let quote = quote_at(doc, byte);
                    if response.secondary_clicked() {
                        self.context = (mention.is_some() || quote.is_some())
                            .then_some((document, mention, quote));
                        let item = match (mention, quote) {
                            (Some(mention), _) => Some(Item::Mention { document, mention }),
                            (None, Some(quote)) => Some(Item::Quote { document, quote }),
                            (None, None) => None,
                        };
                        if item.is_some() {
                            view.commands.push(Command::Select(item, Origin::Text));
                        }
                    }
                    if mention.is_some() || quote.is_some() {
                        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                        let response = response.clone().on_hover_ui_at_pointer(|ui| {
                            tooltip_ui(ui, view, document, doc, mention, quote);
                        });
                        if response.clicked() {
                            let item = match (mention, quote) {
                                (Some(mention), _) => Item::Mention { document, mention },
                                (None, Some(quote)) => Item::Quote { document, quote },
                                (None, None) => Item::Document(document),
                            };
                            view.commands
                                .push(Command::Select(Some(item), Origin::Text));
                        }
                    }
                }

                let context = self.context.filter(|(d, _, _)| *d == document);
                response.context_menu(|ui| {
                    let Some((_, mention, quote)) = context else {
                        ui.close();
                        return;
                    };
                    let a = &doc.annotations;
                    if let Some(m) = mention.and_then(|m| a.mention(m)) {
                        ui.label(
                            egui::RichText::new(format!(
                                "Mention “{}” ({})",
                                m.span.text(&doc.text),
                                m.entity_type.label()
                            ))
                            .strong(),
                        );
                        edit::mention_actions_ui(ui, document, m, view.commands);
                    }
                    if let Some(q) = quote.and_then(|q| a.quotes.get(q.index())) {
                        if mention.is_some() {
                            ui.separator();
                        }
                        ui.label(egui::RichText::new("Quote").strong());
                        edit::quote_actions_ui(ui, doc, document, q, view.commands);
                    }
                });

                if wants_scroll
                    && origin != Origin::Text
                    && let Some(target) = h.target
                    && let Some(c) = cached.map.display_char(target.start)
                {
                    let r = galley
                        .pos_from_cursor(CCursor::new(c))
                        .translate(rect.min.to_vec2());
                    ui.scroll_to_rect(r.expand2(Vec2::new(0.0, 20.0)), Some(Align::Center));
                }
            });
        if wants_scroll {
            self.scrolled_generation = view.selection.generation;
        }
    }

    fn legend_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let mut counts = [0usize; 7];
        for m in &doc.annotations.mentions {
            counts[m.entity_type.index()] += 1;
        }
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            for (i, t) in EntityType::ALL.into_iter().enumerate() {
                if counts[i] == 0 {
                    continue;
                }
                let text = format!("{} {}", t.label(), counts[i]);
                let text = if self.hidden[i] {
                    egui::RichText::new(text).strikethrough().weak()
                } else {
                    theme::type_text(t, text, ui.visuals())
                };
                if ui
                    .add(egui::Button::new(text).frame(false))
                    .on_hover_text("Click to show or hide this type in the text")
                    .clicked()
                {
                    self.hidden[i] = !self.hidden[i];
                }
            }
            let quotes = doc.annotations.quotes.len();
            let quote_text = egui::RichText::new(format!("quote {quotes}")).underline();
            let quote_text = if self.show_quotes {
                quote_text
            } else {
                quote_text.strikethrough().weak()
            };
            if ui
                .add(egui::Button::new(quote_text).frame(false))
                .on_hover_text("Quoted and reported speech is underlined; click to toggle")
                .clicked()
            {
                self.show_quotes = !self.show_quotes;
            }
        });
    }
}

/// The speaker of a quote as the tables name it: the resolved entity, else the speaker span.
fn speaker_name(
    view: &View<'_>,
    document: usize,
    doc: &Document,
    q: &crate::model::Quote,
) -> String {
    q.speaker_entity
        .and_then(|e| view.corpus.graph.node_of(document, e))
        .and_then(|n| view.corpus.graph.nodes.get(n))
        .map(|n| n.name.clone())
        .or_else(|| {
            q.speaker_entity
                .and_then(|e| doc.annotations.entity(e))
                .map(|e| e.canonical_name.clone())
        })
        .or_else(|| q.speaker.map(|s| s.text(&doc.text).to_owned()))
        .unwrap_or_default()
}

/// The edit bar: the selected quote or mention of this article, with its actions.
fn edit_bar_ui(ui: &mut egui::Ui, view: &mut View<'_>, document: usize, doc: &Document) {
    match view.selection.item.clone() {
        Some(Item::Quote { document: d, quote }) if d == document => {
            let Some(q) = doc.annotations.quotes.get(quote.index()) else {
                return;
            };
            let speaker = speaker_name(view, document, doc, q);
            ui.separator();
            ui.add(egui::Label::new(edit::quote_summary(doc, q, &speaker)).truncate());
            ui.horizontal(|ui| edit::quote_actions_ui(ui, doc, document, q, view.commands));
        }
        Some(Item::Mention {
            document: d,
            mention,
        }) if d == document => {
            let Some(m) = doc.annotations.mention(mention) else {
                return;
            };
            ui.separator();
            ui.label(format!(
                "Mention “{}” · {} · {:.2} ({})",
                m.span.text(&doc.text),
                m.entity_type.label(),
                m.provenance.confidence,
                if m.provenance.rule.is_empty() {
                    &*m.provenance.stage
                } else {
                    &*m.provenance.rule
                }
            ));
            ui.horizontal(|ui| edit::mention_actions_ui(ui, document, m, view.commands));
        }
        _ => {}
    }
}

fn tooltip_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    document: usize,
    doc: &Document,
    mention: Option<MentionId>,
    quote: Option<QuoteId>,
) {
    if let Some(m) = mention.and_then(|id| doc.annotations.mention(id)) {
        ui.label(egui::RichText::new(format!("“{}”", m.span.text(&doc.text))).strong());
        ui.label(format!("Type: {}", m.entity_type.label()));
        let node = m
            .entity
            .and_then(|e| view.corpus.graph.node_of(document, e))
            .and_then(|n| view.corpus.graph.nodes.get(n));
        if let Some(node) = node {
            ui.label(format!(
                "Entity: {} ({} mentions in {} articles)",
                node.name, node.mentions, node.documents
            ));
        }
        ui.label(format!(
            "Confidence {:.2} · stage {}{}",
            m.provenance.confidence,
            if m.provenance.stage.is_empty() {
                "?"
            } else {
                &*m.provenance.stage
            },
            if m.provenance.rule.is_empty() {
                String::new()
            } else {
                format!(" · {}", m.provenance.rule)
            }
        ));
    }
    if let Some(q) = quote.and_then(|id| doc.annotations.quotes.get(id.index())) {
        if mention.is_some() {
            ui.separator();
        }
        let speaker = q
            .speaker_entity
            .and_then(|e| view.corpus.graph.node_of(document, e))
            .and_then(|n| view.corpus.graph.nodes.get(n))
            .map(|n| n.name.clone())
            .or_else(|| q.speaker.map(|s| s.text(&doc.text).to_owned()))
            .unwrap_or_else(|| "unknown".to_owned());
        ui.label(format!(
            "{} quote · speaker: {speaker}",
            if q.direct { "Direct" } else { "Indirect" }
        ));
        if let Some(cue) = q.cue {
            ui.label(format!("Cue: {}", cue.text(&doc.text)));
        }
        ui.label(format!(
            "Confidence {:.2} · stage {}",
            q.provenance.confidence, q.provenance.stage
        ));
    }
}
