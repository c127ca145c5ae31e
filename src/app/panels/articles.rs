//! The articles list: title, outlet, date and counts; sortable and filterable.

use crate::app::command::Command;
use crate::app::selection::{Item, Origin};

use super::View;

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArticleSort {
    /// Project order.
    #[default]
    Project,
    /// By title.
    Title,
    /// By outlet.
    Outlet,
    /// By date, newest first.
    Date,
    /// By number of entities, most first.
    Entities,
    /// By number of quotes, most first.
    Quotes,
}

impl ArticleSort {
    const ALL: [ArticleSort; 6] = [
        ArticleSort::Project,
        ArticleSort::Title,
        ArticleSort::Outlet,
        ArticleSort::Date,
        ArticleSort::Entities,
        ArticleSort::Quotes,
    ];

    fn label(self) -> &'static str {
        match self {
            ArticleSort::Project => "Project order",
            ArticleSort::Title => "Title",
            ArticleSort::Outlet => "Outlet",
            ArticleSort::Date => "Date",
            ArticleSort::Entities => "Entities",
            ArticleSort::Quotes => "Quotes",
        }
    }
}

/// The articles panel's state.
#[derive(Debug, Default)]
pub struct ArticlesPanel {
    filter: String,
    sort: ArticleSort,
    cache: Option<((u64, String, ArticleSort), Vec<usize>)>,
}

impl ArticlesPanel {
    /// The panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        ui.heading("Articles");
        ui.horizontal(|ui| {
            let label = ui.label("Search:");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("title, outlet, date")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("Sort:");
            egui::ComboBox::from_id_salt("article_sort")
                .selected_text(self.sort.label())
                .show_ui(ui, |ui| {
                    for s in ArticleSort::ALL {
                        ui.selectable_value(&mut self.sort, s, s.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.separator();

        let key = (view.doc_revision, self.filter.to_lowercase(), self.sort);
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let rows = &view.corpus.articles;
            let needle = key.1.clone();
            let mut order: Vec<usize> = (0..rows.len())
                .filter(|&i| {
                    needle.is_empty()
                        || rows.get(i).is_some_and(|r| {
                            r.title.to_lowercase().contains(&needle)
                                || r.source.to_lowercase().contains(&needle)
                                || r.date.contains(&needle)
                        })
                })
                .collect();
            let by = |i: &usize| rows.get(*i);
            match self.sort {
                ArticleSort::Project => {}
                ArticleSort::Title => {
                    order.sort_by_key(|i| by(i).map(|r| r.title.to_lowercase()));
                }
                ArticleSort::Outlet => {
                    order.sort_by_key(|i| by(i).map(|r| r.source.to_lowercase()));
                }
                ArticleSort::Date => {
                    order.sort_by_key(|i| std::cmp::Reverse(by(i).map(|r| r.date.clone())));
                }
                ArticleSort::Entities => {
                    order.sort_by_key(|i| std::cmp::Reverse(by(i).map_or(0, |r| r.entities)));
                }
                ArticleSort::Quotes => {
                    order.sort_by_key(|i| std::cmp::Reverse(by(i).map_or(0, |r| r.quotes)));
                }
            }
            self.cache = Some((key, order));
        }
        let Some((_, order)) = &self.cache else {
            return;
        };
        ui.label(format!(
            "{} of {} articles",
            order.len(),
            view.corpus.articles.len()
        ));
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, 42.0, order.len(), |ui, range| {
                for &i in order.get(range).unwrap_or_default() {
                    let Some(row) = view.corpus.articles.get(i) else {
                        continue;
                    };
                    let selected = view.current_document == Some(i);
                    let details = [row.source.as_str(), row.date.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let counts = format!("{} entities · {} quotes", row.entities, row.quotes);
                    let line2 = if details.is_empty() {
                        counts
                    } else {
                        format!("{details} · {counts}")
                    };
                    let (rect, response) = ui.allocate_exact_size(
                        egui::vec2(ui.available_width(), 38.0),
                        egui::Sense::click(),
                    );
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::Button, true, selected, &row.title)
                    });
                    let visuals = ui.visuals();
                    if selected {
                        ui.painter()
                            .rect_filled(rect, 3.0, visuals.selection.bg_fill);
                    } else if response.hovered() {
                        ui.painter()
                            .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
                    }
                    let one_line = |text: &str, style: egui::TextStyle, color: egui::Color32| {
                        let mut job = egui::text::LayoutJob::single_section(
                            text.to_owned(),
                            egui::TextFormat::simple(style.resolve(ui.style()), color),
                        );
                        job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 8.0);
                        ui.painter().layout_job(job)
                    };
                    let title_color = if selected {
                        visuals.selection.stroke.color
                    } else {
                        visuals.strong_text_color()
                    };
                    let title = one_line(&row.title, egui::TextStyle::Body, title_color);
                    let small = one_line(&line2, egui::TextStyle::Small, visuals.weak_text_color());
                    ui.painter()
                        .galley(rect.min + egui::vec2(4.0, 3.0), title, title_color);
                    ui.painter()
                        .galley(rect.min + egui::vec2(4.0, 22.0), small, title_color);
                    let item = Item::Document(i);
                    let notes = &view.project.curation.notes_and_tags;
                    let tip = crate::app::notes_ui::item_note(notes, view.documents, &item)
                        .map_or_else(
                            || row.title.clone(),
                            |n| format!("{}\n{}", row.title, n.tooltip()),
                        );
                    let response = response.on_hover_text(tip);
                    response.context_menu(|ui| {
                        if ui.button("Note and tags…").clicked() {
                            view.commands.push(Command::EditNote(item.clone()));
                            ui.close();
                        }
                    });
                    if response.clicked() {
                        view.commands
                            .push(Command::Select(Some(Item::Document(i)), Origin::Articles));
                    }
                }
            });
    }
}
