//! The Actors tab: three bar charts side by side — top speakers (quotes attributed), most
//! mentioned (mentions, with the number of articles) and most connected (asserted
//! neighbours and betweenness, rankable by either; `search::actors`). Clicking a bar
//! selects its entity in every view.
//!
//! Speakers and mentions are counted on the UI thread (one pass over quotes and nodes);
//! betweenness is computed on a background thread, since it grows with nodes × edges.

use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Align2, FontId, Sense, Vec2};

use crate::app::command::Command;
use crate::app::selection::{Item, Origin};
use crate::app::theme;
use crate::search::actors::{Ranked, most_connected, most_mentioned, top_speakers};

use super::View;

/// Bars per chart.
const BARS: usize = 25;
/// The height of a bar's row.
const ROW: f32 = 20.0;

/// How the most connected are ranked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Connected {
    /// By the number of asserted neighbours.
    #[default]
    Degree,
    /// By betweenness centrality.
    Betweenness,
}

/// The Actors tab's state: the rankings of one view revision.
#[derive(Default)]
pub struct ActorsPanel {
    revision: u64,
    speakers: Vec<Ranked>,
    mentioned: Vec<Ranked>,
    /// Every connected node (degree, betweenness), once computed.
    connected: Option<Vec<Ranked>>,
    receiver: Option<(u64, Receiver<Vec<Ranked>>)>,
    rank: Connected,
}

impl ActorsPanel {
    fn refresh(&mut self, ctx: &egui::Context, view: &View<'_>) {
        if self.revision != view.doc_revision || self.receiver.is_none() && self.connected.is_none()
        {
            self.revision = view.doc_revision;
            let graph = &view.corpus.graph;
            self.speakers = top_speakers(view.documents, graph, BARS);
            self.mentioned = most_mentioned(graph, BARS);
            self.connected = None;
            let (sender, receiver) = std::sync::mpsc::channel();
            let graph = graph.clone();
            let repaint = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("actor-centrality".to_owned())
                .spawn(move || {
                    sender.send(most_connected(&graph, usize::MAX)).ok();
                    repaint.request_repaint();
                });
            self.receiver = spawned.ok().map(|_| (view.doc_revision, receiver));
            if self.receiver.is_none() {
                self.connected = Some(Vec::new());
            }
        }
        if let Some((revision, receiver)) = &self.receiver {
            match receiver.try_recv() {
                Ok(all) => {
                    if *revision == self.revision {
                        self.connected = Some(all);
                    }
                    self.receiver = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.receiver = None;
                    self.connected = Some(Vec::new());
                }
            }
        }
    }

    /// The most connected, ranked as chosen, at most [`BARS`].
    fn connected_bars(&self) -> Option<Vec<Ranked>> {
        let mut all = self.connected.clone()?;
        if self.rank == Connected::Betweenness {
            all.sort_by(|a, b| {
                b.second
                    .total_cmp(&a.second)
                    .then(b.value.total_cmp(&a.value))
                    .then(a.node.cmp(&b.node))
            });
            all.retain(|r| r.second > 0.0);
            // The chart draws `value`: make it the betweenness.
            for r in &mut all {
                std::mem::swap(&mut r.value, &mut r.second);
            }
        }
        all.truncate(BARS);
        Some(all)
    }

    /// The tab.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        self.refresh(ui.ctx(), view);
        let selected = super::selected_node(view.documents, view.corpus, view.selection);
        let mut commands = Vec::new();
        let connected = self.connected_bars();
        let rank = &mut self.rank;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.columns(3, |cols| {
                    chart_ui(
                        &mut cols[0],
                        view,
                        "Top speakers",
                        "quotes attributed",
                        &self.speakers,
                        selected,
                        &mut commands,
                    );
                    chart_ui(
                        &mut cols[1],
                        view,
                        "Most mentioned",
                        "mentions (articles)",
                        &self.mentioned,
                        selected,
                        &mut commands,
                    );
                    let ui = &mut cols[2];
                    ui.horizontal(|ui| {
                        ui.label("Rank by:");
                        ui.selectable_value(rank, Connected::Degree, "degree");
                        ui.selectable_value(rank, Connected::Betweenness, "betweenness");
                    });
                    if let Some(bars) = &connected {
                        chart_ui(
                            ui,
                            view,
                            "Most connected",
                            match *rank {
                                Connected::Degree => "asserted neighbours (betweenness)",
                                Connected::Betweenness => "betweenness (neighbours)",
                            },
                            bars,
                            selected,
                            &mut commands,
                        );
                    } else {
                        ui.heading("Most connected");
                        ui.add(egui::Spinner::new());
                        ui.weak("Computing betweenness…");
                    }
                });
            });
        view.commands.extend(commands);
    }
}

/// Formats a chart value: whole numbers without decimals.
fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// One horizontal bar chart; a click on a bar selects its entity.
fn chart_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    title: &str,
    unit: &str,
    bars: &[Ranked],
    selected: Option<usize>,
    commands: &mut Vec<Command>,
) {
    ui.heading(title);
    ui.weak(unit);
    if bars.is_empty() {
        ui.label("None in this project.");
        return;
    }
    let max = bars
        .iter()
        .map(|r| r.value)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let graph = &view.corpus.graph;
    let font = FontId::proportional(13.0);
    for r in bars {
        let Some(node) = graph.nodes.get(r.node) else {
            continue;
        };
        let width = ui.available_width();
        let (rect, response) = ui.allocate_exact_size(Vec2::new(width, ROW), Sense::click());
        let name_width = (width * 0.45).min(200.0);
        let bar_space = (width - name_width - 48.0).max(10.0);
        let visuals = ui.visuals();
        let painter = ui.painter_at(rect);
        if selected == Some(r.node) {
            painter.rect_filled(rect, 2.0, visuals.selection.bg_fill);
        } else if response.hovered() {
            painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
        }
        let name_rect = egui::Rect::from_min_size(rect.min, Vec2::new(name_width - 6.0, ROW));
        ui.painter_at(name_rect).text(
            rect.left_center() + Vec2::new(2.0, 0.0),
            Align2::LEFT_CENTER,
            &node.name,
            font.clone(),
            visuals.text_color(),
        );
        let bar_left = rect.left() + name_width;
        let len = (r.value / max) as f32 * bar_space;
        let bar = egui::Rect::from_min_size(
            egui::pos2(bar_left, rect.top() + 3.0),
            Vec2::new(len.max(1.0), ROW - 6.0),
        );
        painter.rect_filled(bar, 2.0, theme::entity_color(node.entity_type));
        let label = if r.second > 0.0 {
            format!("{} ({})", number(r.value), number(r.second))
        } else {
            number(r.value)
        };
        painter.text(
            egui::pos2(bar.right() + 4.0, rect.center().y),
            Align2::LEFT_CENTER,
            label,
            font.clone(),
            visuals.weak_text_color(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &node.name));
        let response = response.on_hover_text(format!(
            "{} · {} · click to select",
            node.name,
            node.entity_type.label()
        ));
        if response.clicked() {
            commands.push(Command::Select(
                Some(Item::Entity(node.key.clone())),
                Origin::Corpus,
            ));
        }
    }
}
