//! The Timeline tab: mentions or quotes of the chosen entities per day, week or month over
//! the articles' dates (`search::timeline`), one bar series per entity side by side in each
//! bucket (`egui_plot`), or the articles per bucket when no entity is chosen. Clicking a
//! bucket lists its articles; articles without a usable date are counted and listed apart,
//! and the date of any article can be set here (`Command::SetArticleDate`: saved in the
//! project, undoable).

use std::collections::BTreeMap;

use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Plot};

use crate::app::command::Command;
use crate::app::selection::{Item, Origin};
use crate::search::date::Day;
use crate::search::timeline::{Counts, Granularity, Timeline, timeline};

use super::View;

/// What the bars count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Measure {
    /// Mentions of the entity.
    #[default]
    Mentions,
    /// Quotes by the entity.
    Quotes,
}

impl Measure {
    fn of(self, c: Counts) -> usize {
        match self {
            Measure::Mentions => c.mentions,
            Measure::Quotes => c.quotes,
        }
    }
}

type CacheKey = (u64, Vec<String>, Granularity);

/// The Timeline tab's state.
#[derive(Default)]
pub struct TimelinePanel {
    /// The chosen entities' node keys.
    keys: Vec<String>,
    pick: String,
    granularity: Granularity,
    measure: Measure,
    cache: Option<(CacheKey, Timeline)>,
    /// The bucket clicked (its first day).
    chosen: Option<Day>,
    /// Dates being typed, per article.
    dates: BTreeMap<usize, String>,
}

/// The first day after the bucket starting at `start`.
fn bucket_end(granularity: Granularity, start: Day) -> Day {
    let days = start.days_since_epoch();
    match granularity {
        Granularity::Day => Day::from_days_since_epoch(days + 1),
        Granularity::Week => Day::from_days_since_epoch(days + 7),
        Granularity::Month => Day::from_days_since_epoch(days + 32).month_start(),
    }
}

impl TimelinePanel {
    /// The timeline drawn (for tests).
    pub fn shown(&self) -> Option<&Timeline> {
        self.cache.as_ref().map(|(_, t)| t)
    }

    fn series_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) {
        let graph = &view.corpus.graph;
        ui.horizontal_wrapped(|ui| {
            ui.label("Entities:");
            if self.keys.is_empty() {
                ui.weak("none (the bars count articles)");
            }
            let mut remove = None;
            for (i, key) in self.keys.iter().enumerate() {
                let name = graph
                    .node_index(key)
                    .and_then(|n| graph.nodes.get(n))
                    .map_or(key.as_str(), |n| n.name.as_str());
                if ui
                    .button(format!("{name} ×"))
                    .on_hover_text("Remove from the timeline")
                    .clicked()
                {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                self.keys.remove(i);
            }
            let selected = super::selected_node(view.documents, view.corpus, view.selection)
                .and_then(|n| graph.nodes.get(n))
                .filter(|n| !self.keys.contains(&n.key));
            if ui
                .add_enabled(selected.is_some(), egui::Button::new("Add selected entity"))
                .clicked()
                && let Some(node) = selected
            {
                self.keys.push(node.key.clone());
            }
            let label = ui.label("Add:");
            ui.add(
                egui::TextEdit::singleline(&mut self.pick)
                    .hint_text("type a name")
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
        });
        let needle = self.pick.trim().to_lowercase();
        if !needle.is_empty() {
            ui.horizontal_wrapped(|ui| {
                for n in super::paths::matching(graph, &needle) {
                    let node = &graph.nodes[n];
                    if ui
                        .button(format!("{} ({})", node.name, node.entity_type.label()))
                        .clicked()
                        && !self.keys.contains(&node.key)
                    {
                        self.keys.push(node.key.clone());
                        self.pick.clear();
                        // The list closes: lay the frame out again without it.
                        ui.ctx().request_discard("an entity was picked");
                    }
                }
            });
        }
        ui.horizontal(|ui| {
            ui.label("Per:");
            for g in Granularity::ALL {
                ui.selectable_value(&mut self.granularity, g, g.label());
            }
            ui.separator();
            ui.label("Count:");
            ui.selectable_value(&mut self.measure, Measure::Mentions, "mentions");
            ui.selectable_value(&mut self.measure, Measure::Quotes, "quotes");
        });
    }

    /// The tab.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        self.series_ui(ui, view);
        let graph = &view.corpus.graph;
        let nodes: Vec<usize> = self
            .keys
            .iter()
            .filter_map(|k| graph.node_index(k))
            .collect();
        let key = (view.doc_revision, self.keys.clone(), self.granularity);
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let t = timeline(view.documents, graph, &nodes, self.granularity);
            self.cache = Some((key, t));
        }
        let Some((_, t)) = &self.cache else {
            return;
        };
        let granularity = self.granularity;
        let measure = if nodes.is_empty() {
            Measure::Mentions
        } else {
            self.measure
        };
        // What a bar counts: articles when no entity is chosen.
        let unit = match measure {
            Measure::Mentions if nodes.is_empty() => "articles",
            Measure::Mentions => "mentions",
            Measure::Quotes => "quotes",
        };
        let series = t.series.len().max(1);
        let charts: Vec<BarChart> = t
            .series
            .iter()
            .enumerate()
            .map(|(s, name)| {
                let bars = t
                    .buckets
                    .iter()
                    .map(|b| {
                        let start = b.start.days_since_epoch() as f64;
                        let width =
                            bucket_end(granularity, b.start).days_since_epoch() as f64 - start;
                        let slot = width * 0.8 / series as f64;
                        let x = start + width * 0.1 + slot * (s as f64 + 0.5);
                        let height = b.counts.get(s).map_or(0, |c| measure.of(*c));
                        Bar::new(x, height as f64)
                            .width(slot * 0.95)
                            .name(format!("{name}, {}", b.start))
                    })
                    .collect();
                BarChart::new(name.clone(), bars)
            })
            .collect();
        let day_label = move |value: f64| {
            let day = Day::from_days_since_epoch(value.round() as i64);
            match granularity {
                Granularity::Month => format!("{:04}-{:02}", day.year, day.month),
                _ => day.to_string(),
            }
        };
        if t.buckets.is_empty() {
            // An empty plot would show a meaningless 1970 axis and negative counts.
            ui.add_space(8.0);
            ui.label(RichText::new("No article has a date, so the timeline is empty.").strong());
            ui.weak(
                "Set a date (YYYY-MM-DD) for an article below, or import files that carry \
                 one (HTML meta tags, Markdown front matter, DOCX and PDF properties).",
            );
            ui.add_space(8.0);
        } else {
            let response = Plot::new("timeline_plot")
                .height((ui.available_height() * 0.55).max(160.0))
                .legend(Legend::default())
                .allow_scroll(false)
                .include_y(0.0)
                .y_axis_label(unit)
                .x_axis_formatter(move |mark, _| day_label(mark.value))
                .show(ui, |plot_ui| {
                    for chart in charts {
                        plot_ui.bar_chart(chart);
                    }
                    (plot_ui.response().clicked())
                        .then(|| plot_ui.pointer_coordinate())
                        .flatten()
                });
            if let Some(point) = response.inner {
                let day = point.x.floor() as i64;
                self.chosen = t
                    .buckets
                    .iter()
                    .find(|b| {
                        b.start.days_since_epoch() <= day
                            && day < bucket_end(granularity, b.start).days_since_epoch()
                    })
                    .map(|b| b.start);
            }
        }
        bucket_picker_ui(ui, t, granularity, &mut self.chosen);
        let mut commands = Vec::new();
        egui::ScrollArea::vertical()
            .id_salt("timeline_lists")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if let Some(bucket) = self
                    .chosen
                    .and_then(|d| t.buckets.iter().find(|b| b.start == d))
                {
                    ui.label(
                        RichText::new(format!(
                            "{} article{} in {}",
                            bucket.articles.len(),
                            if bucket.articles.len() == 1 { "" } else { "s" },
                            bucket_name(granularity, bucket.start)
                        ))
                        .strong(),
                    );
                    for &d in &bucket.articles {
                        article_line(ui, view, d, &mut self.dates, &mut commands);
                    }
                    ui.separator();
                } else if !t.buckets.is_empty() {
                    ui.weak("Click a bar (or choose a bucket) to list its articles.");
                }
                let undated: usize = t.undated_counts.iter().map(|c| measure.of(*c)).sum();
                let articles = format!(
                    "{} article{} without a date",
                    t.undated.len(),
                    if t.undated.len() == 1 { "" } else { "s" }
                );
                // Counting articles, the count in brackets would only repeat the first.
                let line = if unit == "articles" {
                    format!("{articles}, not on the timeline")
                } else {
                    format!("{articles} ({undated} {unit} not on the timeline)")
                };
                ui.label(RichText::new(line).strong());
                for &d in &t.undated {
                    article_line(ui, view, d, &mut self.dates, &mut commands);
                }
            });
        view.commands.extend(commands);
    }
}

/// How a bucket is named: its month, the Monday of its week or its day.
fn bucket_name(granularity: Granularity, start: Day) -> String {
    match granularity {
        Granularity::Month => format!("{:04}-{:02}", start.year, start.month),
        Granularity::Week => format!("week of {start}"),
        Granularity::Day => start.to_string(),
    }
}

/// The keyboard and screen-reader way to a bucket, beside clicking its bars: a list of the
/// buckets with their article counts, and the previous and next bucket.
fn bucket_picker_ui(
    ui: &mut egui::Ui,
    t: &Timeline,
    granularity: Granularity,
    chosen: &mut Option<Day>,
) {
    if t.buckets.is_empty() {
        return;
    }
    let at = chosen.and_then(|d| t.buckets.iter().position(|b| b.start == d));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(at.is_some_and(|i| i > 0), egui::Button::new("Previous"))
            .on_hover_text("The previous bucket")
            .clicked()
            && let Some(i) = at
        {
            *chosen = t.buckets.get(i - 1).map(|b| b.start);
        }
        let label = ui.label("Bucket:");
        let shown = at.map_or_else(
            || "none".to_owned(),
            |i| bucket_name(granularity, t.buckets[i].start),
        );
        egui::ComboBox::from_id_salt("timeline_bucket")
            .selected_text(shown)
            .height(300.0)
            .show_ui(ui, |ui| {
                for b in &t.buckets {
                    let text = format!(
                        "{} · {} article{}",
                        bucket_name(granularity, b.start),
                        b.articles.len(),
                        if b.articles.len() == 1 { "" } else { "s" }
                    );
                    ui.selectable_value(chosen, Some(b.start), text);
                }
            })
            .response
            .labelled_by(label.id);
        if ui
            .add_enabled(
                at.is_none_or(|i| i + 1 < t.buckets.len()),
                egui::Button::new("Next"),
            )
            .on_hover_text("The next bucket")
            .clicked()
        {
            *chosen = t.buckets.get(at.map_or(0, |i| i + 1)).map(|b| b.start);
        }
    });
}

/// An article: its title (a link to it), its date and a field to set the date.
fn article_line(
    ui: &mut egui::Ui,
    view: &View<'_>,
    document: usize,
    dates: &mut BTreeMap<usize, String>,
    commands: &mut Vec<Command>,
) {
    let Some(doc) = view.documents.get(document) else {
        return;
    };
    ui.horizontal(|ui| {
        let title = super::tables::table::article_title(view, document);
        if ui.link(title).on_hover_text("Show this article").clicked() {
            commands.push(Command::Select(
                Some(Item::Document(document)),
                Origin::Corpus,
            ));
        }
        let date = dates
            .entry(document)
            .or_insert_with(|| doc.meta.date.get(..10).unwrap_or(&doc.meta.date).to_owned());
        let label = ui.label("date");
        let field = ui
            .add(
                egui::TextEdit::singleline(date)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(90.0),
            )
            .labelled_by(label.id)
            .on_hover_text("Enter or Set sets the date");
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let clicked = ui
            .button("Set")
            .on_hover_text("Set this article's date (saved in the project; Ctrl+Z undoes)")
            .clicked();
        if entered || clicked {
            commands.push(Command::SetArticleDate {
                document,
                date: date.clone(),
            });
            dates.remove(&document);
        }
    });
}
