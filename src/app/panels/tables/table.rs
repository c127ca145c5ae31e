//! One sortable, filterable, virtualised table of rows `R`, which every table of the
//! workbench is built on.
//!
//! # Adding a table
//!
//! A table is a file in this folder with a struct holding a [`Table`] and its own filters,
//! and a `ui` function that, each frame:
//!
//! 1. draws its tool bar: [`Table::filter_ui`] (the text filter, labelled "Filter:") and any
//!    switches of its own (type checkboxes, [`super::confidence::ConfidenceFilter`], …);
//! 2. calls [`Table::ui`] with a [`TableSpec`] — the columns ([`TableColumn`]: header text,
//!    width, how two rows compare, how a cell is drawn), what the text filter matches, the
//!    selection [`Item`] a row stands for, which row is selected and a context-menu hook —,
//!    the rows (a slice, indexed as the spec's hooks expect), a key of the table's own
//!    filter switches and `keep`, which applies those switches to one row. Rows of one
//!    article get the shared "Article" column from [`article_column`] (implement
//!    [`ArticleRow`]); rows with a confidence the "Confidence" column from
//!    `confidence::confidence_column` (implement `confidence::Scored`).
//!
//! `quotes.rs` is a short example to copy.
//!
//! [`Table::ui`] then does the rest: it filters and sorts the row indices again only when
//! the documents, the filter text, the key or the sort changed (the order is cached), shows
//! "N of M {noun}", draws the rows with `egui_extras::TableBuilder` (only the visible rows
//! are laid out, so tens of thousands cost nothing), sorts by a column when its header is
//! clicked (again: the other direction), highlights the selected row and scrolls to it
//! when it was selected in another view, selects a row's item when it is clicked
//! (`Command::Select` with the spec's [`Origin`]), picks several rows with Ctrl+click
//! ([`Table::picked`], highlighted like the selection) and opens the row's context menu on a
//! right click, which also offers "Export this table (as filtered)" (as does the button by
//! the count): the rows shown, in the order shown, each column's [`TableColumn::text`], as
//! CSV. Rows that compare equal keep their index order.

use std::cmp::Ordering;

use egui::{Align, Sense};
use egui_extras::{Column, TableBuilder};

use crate::app::command::Command;
use crate::app::notes_ui;
use crate::app::selection::{Item, Origin};

use super::super::View;

/// The height of a row.
const ROW_HEIGHT: f32 = 20.0;

/// Sort state: a column and a direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sort {
    /// The column sorted by (an index into [`TableSpec::columns`]).
    pub column: usize,
    /// Largest first.
    pub descending: bool,
}

/// One column of a table of rows `R`.
pub struct TableColumn<R> {
    /// The header text (clicking it sorts by this column).
    pub title: &'static str,
    /// Its width and resizing (`egui_extras::Column`).
    pub width: Column,
    /// How two rows compare when the table is sorted by this column (ascending).
    pub compare: fn(&R, &R, &View<'_>) -> Ordering,
    /// The cell as plain text: what "Export this table" writes.
    pub text: fn(&R, &View<'_>) -> String,
    /// Draws the row's cell (usually with [`cell_text`]).
    pub cell: fn(&mut egui::Ui, &R, &View<'_>),
}

/// A row's right-click menu: draws the actions and pushes the commands of those chosen.
pub type RowMenu<R> = fn(&mut egui::Ui, &R, &View<'_>, &mut Vec<Command>);

/// What a table is, besides its columns' contents.
pub struct TableSpec<'s, R> {
    /// The table's id salt (unique among tables).
    pub id: &'static str,
    /// What a row is, plural ("quotes"), for the count above the table.
    pub noun: &'static str,
    /// The selection origin of clicks in this table (a selection made here does not scroll
    /// the table).
    pub origin: Origin,
    /// The columns, in display order.
    pub columns: &'s [TableColumn<R>],
    /// Whether a row matches the text filter: `needle` is lower case, trimmed and not
    /// empty (see [`contains`]).
    pub matches: fn(&R, needle: &str) -> bool,
    /// The item a click on the row selects.
    pub item: fn(&R) -> Item,
    /// The index of the row the selection points at, if any.
    pub selected: fn(&[R], &View<'_>) -> Option<usize>,
    /// The row's right-click menu: it pushes the commands of its actions. `None`: no menu.
    pub menu: Option<RowMenu<R>>,
}

/// What the cached row order depends on: the documents' revision, the filter text, the
/// table's own filters `K`, the sort, and the tag filter with the curation's revision
/// (0 while no tag is chosen).
type OrderKey<K> = (u64, String, K, Sort, String, u64);

/// The state of one table: filter text, sort, the cached row order and the selection
/// generation already scrolled to. `K` is the key of the table's own filter switches.
#[derive(Debug)]
pub struct Table<K> {
    filter: String,
    /// The tag rows must carry ("": any row).
    tag: String,
    sort: Sort,
    cache: Option<(OrderKey<K>, Vec<usize>)>,
    seen_generation: u64,
    /// The rows picked with Ctrl+click (with the row selected when picking began), in the
    /// order picked: what acts on several rows at once works on these.
    picked: Vec<Item>,
}

impl<K: PartialEq> Table<K> {
    /// A table with no filter text, sorted by `sort`.
    pub fn sorted_by(sort: Sort) -> Self {
        Self {
            filter: String::new(),
            tag: String::new(),
            sort,
            cache: None,
            seen_generation: 0,
            picked: Vec::new(),
        }
    }

    /// The rows picked with Ctrl+click (Cmd+click on a Mac), in the order picked; empty
    /// when fewer than two rows are picked.
    pub fn picked(&self) -> &[Item] {
        if self.picked.len() >= 2 {
            &self.picked
        } else {
            &[]
        }
    }

    /// Forgets the picked rows.
    pub fn clear_picked(&mut self) {
        self.picked.clear();
    }

    /// The text filter field ("Filter:", with `hint` shown while it is empty).
    pub fn filter_ui(&mut self, ui: &mut egui::Ui, hint: &str) {
        let label = ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text(hint)
                .desired_width(220.0),
        )
        .labelled_by(label.id);
    }

    /// Filters (by the text filter and `keep`) and sorts `rows` again when the documents,
    /// the filter text, `filters` or the sort changed, then shows the count and the table.
    /// A click selects the row's item; the commands of the row menus and the selection are
    /// pushed to `view.commands`.
    pub fn ui<R>(
        &mut self,
        ui: &mut egui::Ui,
        view: &mut View<'_>,
        spec: &TableSpec<'_, R>,
        rows: &[R],
        filters: K,
        keep: impl Fn(&R) -> bool,
    ) {
        let v: &View<'_> = view;
        let notes = &v.project.curation.notes_and_tags;
        let tag = self.tag.clone();
        let key = (
            v.doc_revision,
            self.filter.trim().to_lowercase(),
            filters,
            self.sort,
            tag.clone(),
            if tag.is_empty() { 0 } else { v.edit_revision },
        );
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let needle = key.1.as_str();
            let mut order: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    keep(r)
                        && (needle.is_empty() || (spec.matches)(r, needle))
                        && (tag.is_empty()
                            || notes_ui::item_has_tag(notes, v.documents, &(spec.item)(r), &tag))
                })
                .map(|(i, _)| i)
                .collect();
            let compare = spec.columns.get(self.sort.column).map(|c| c.compare);
            sort_order(&mut order, self.sort, |a, b| {
                match (compare, rows.get(a), rows.get(b)) {
                    (Some(compare), Some(x), Some(y)) => compare(x, y, v),
                    _ => Ordering::Equal,
                }
            });
            self.cache = Some((key, order));
        }
        let Some((_, order)) = self.cache.as_ref() else {
            return;
        };
        let selected = (spec.selected)(rows, v);
        let scroll = scroll_target(
            order,
            selected,
            v.selection.generation,
            &mut self.seen_generation,
            v.selection.origin,
            spec.origin,
        );
        let mut export = false;
        ui.horizontal(|ui| {
            ui.label(format!("{} of {} {}", order.len(), rows.len(), spec.noun));
            export |= ui
                .small_button("Export this table…")
                .on_hover_text("Save the rows shown (as filtered and sorted) as a CSV file")
                .clicked();
            ui.separator();
            tag_filter_ui(ui, spec.id, &mut self.tag, notes);
        });
        let mut clicked = None;
        let mut picked_click = None;
        let command_click = command_click(ui.ctx());
        let picked = &self.picked;
        let mut commands = Vec::new();
        let mut builder = TableBuilder::new(ui)
            .id_salt(spec.id)
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .auto_shrink([false, false])
            .cell_layout(egui::Layout::left_to_right(Align::Center));
        for column in spec.columns {
            builder = builder.column(column.width);
        }
        if let Some(row) = scroll {
            builder = builder.scroll_to_row(row, Some(Align::Center));
        }
        let sort = &mut self.sort;
        builder
            .header(ROW_HEIGHT + 4.0, |mut header| {
                for (i, column) in spec.columns.iter().enumerate() {
                    header.col(|ui| header_ui(ui, column.title, i, sort));
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, order.len(), |mut row| {
                    let Some((index, r)) = order
                        .get(row.index())
                        .and_then(|&i| Some((i, rows.get(i)?)))
                    else {
                        return;
                    };
                    let item = (spec.item)(r);
                    row.set_selected(selected == Some(index) || picked.contains(&item));
                    for column in spec.columns {
                        row.col(|ui| (column.cell)(ui, r, v));
                    }
                    let mut response = row.response();
                    if let Some(note) = notes_ui::item_note(notes, v.documents, &item) {
                        response = response.on_hover_text(note.tooltip());
                    }
                    if response.clicked() {
                        if command_click {
                            picked_click = Some(item.clone());
                        } else {
                            clicked = Some(index);
                        }
                    }
                    response.context_menu(|ui| {
                        if let Some(menu) = spec.menu {
                            menu(ui, r, v, &mut commands);
                            ui.separator();
                        }
                        if notes_ui::item_key(v.documents, &item).is_some()
                            && ui
                                .button("Note and tags…")
                                .on_hover_text("Write a note on this row or tag it")
                                .clicked()
                        {
                            commands.push(Command::EditNote(item.clone()));
                            ui.close();
                        }
                        if ui.button("Export this table (as filtered)…").clicked() {
                            export = true;
                            ui.close();
                        }
                    });
                });
            });
        if export {
            commands.push(Command::ExportTable {
                file_name: format!("{}.csv", spec.noun),
                header: spec.columns.iter().map(|c| c.title.to_owned()).collect(),
                rows: table_text(spec, rows, order, v),
            });
        }
        view.commands.extend(commands);
        if let Some(item) = picked_click {
            // Ctrl+click picks (or unpicks) a row; the row selected before is the first pick.
            if self.picked.is_empty()
                && let Some(r) = selected.and_then(|i| rows.get(i))
            {
                self.picked.push((spec.item)(r));
            }
            if let Some(at) = self.picked.iter().position(|p| *p == item) {
                self.picked.remove(at);
            } else {
                self.picked.push(item);
            }
        }
        if clicked.is_some() {
            self.picked.clear();
        }
        if let Some(r) = clicked.and_then(|i| rows.get(i)) {
            view.commands
                .push(Command::Select(Some((spec.item)(r)), spec.origin));
        }
    }
}

/// True when a click this frame was made with Ctrl (Cmd on a Mac) held: the modifiers of
/// the pointer event, or the keyboard's.
fn command_click(ctx: &egui::Context) -> bool {
    ctx.input(|i| {
        i.modifiers.command
            || i.events.iter().any(|e| {
                matches!(e, egui::Event::PointerButton { pressed: false, modifiers, .. } if modifiers.command)
            })
    })
}

/// The text of the rows at `order` (the table as shown), a cell a column.
pub fn table_text<R>(
    spec: &TableSpec<'_, R>,
    rows: &[R],
    order: &[usize],
    view: &View<'_>,
) -> Vec<Vec<String>> {
    order
        .iter()
        .filter_map(|&i| rows.get(i))
        .map(|r| spec.columns.iter().map(|c| (c.text)(r, view)).collect())
        .collect()
}

/// The tag filter: a list of the tags in use ("any tag" shows every row). A tag no longer
/// in use is still offered while it is chosen.
pub fn tag_filter_ui(
    ui: &mut egui::Ui,
    id: &str,
    tag: &mut String,
    notes: &std::collections::BTreeMap<String, crate::project::notes::ItemNote>,
) {
    let mut tags = crate::project::notes::all_tags(notes);
    if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
        tags.push(tag.clone());
    }
    let label = ui.label("Tag:");
    let shown = if tag.is_empty() {
        ANY_TAG
    } else {
        tag.as_str()
    };
    egui::ComboBox::from_id_salt((id, "tag_filter"))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(tag, String::new(), ANY_TAG);
            for t in tags {
                let text = t.clone();
                ui.selectable_value(tag, t, text);
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text("Show only rows with this tag (tags: right click a row, Note and tags…)");
}

/// The tag filter's "no filter" entry.
pub const ANY_TAG: &str = "any tag";

/// A column header that sorts by its column when clicked, with a triangle on the column
/// sorted by.
fn header_ui(ui: &mut egui::Ui, title: &str, column: usize, sort: &mut Sort) {
    let response = ui
        .add(egui::Button::new(egui::RichText::new(title).strong()).frame(false))
        .on_hover_text("Click to sort by this column");
    if sort.column == column {
        // A small painted triangle (the default fonts have no arrow glyphs).
        let r = response.rect;
        let c = egui::pos2(r.right() + 7.0, r.center().y);
        let (tip, base) = if sort.descending {
            (4.0, -3.0)
        } else {
            (-4.0, 3.0)
        };
        ui.painter().add(egui::Shape::convex_polygon(
            vec![
                egui::pos2(c.x, c.y + tip),
                egui::pos2(c.x - 4.0, c.y + base),
                egui::pos2(c.x + 4.0, c.y + base),
            ],
            ui.visuals().strong_text_color(),
            egui::Stroke::NONE,
        ));
    }
    if response.clicked() {
        if sort.column == column {
            sort.descending = !sort.descending;
        } else {
            *sort = Sort {
                column,
                descending: false,
            };
        }
    }
}

/// Sorts `order` with `compare`, keeping ties in index order; descending reverses all.
fn sort_order(order: &mut [usize], sort: Sort, compare: impl Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| {
        let o = compare(a, b).then(a.cmp(&b));
        if sort.descending { o.reverse() } else { o }
    });
}

/// The display row to scroll to: the selected row's, once per selection generation and
/// only when the selection was made in another view (`origin` is not `own`).
fn scroll_target(
    order: &[usize],
    selected: Option<usize>,
    generation: u64,
    seen: &mut u64,
    origin: Origin,
    own: Origin,
) -> Option<usize> {
    if generation == *seen {
        return None;
    }
    *seen = generation;
    if origin == own {
        return None;
    }
    let selected = selected?;
    order.iter().position(|&i| i == selected)
}

/// A cell of plain text, truncated to the column.
pub fn cell_text(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(text).truncate().selectable(false));
}

/// True when `haystack`, lower-cased, contains `needle` (lower case already).
pub fn contains(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(needle)
}

/// The title of the article at index `document` ("" if there is none).
pub fn article_title<'a>(view: &'a View<'_>, document: usize) -> &'a str {
    view.corpus
        .articles
        .get(document)
        .map_or("", |a| a.title.as_str())
}

/// A row that stands for something in one article: what an "Article" column shows.
pub trait ArticleRow {
    /// The article's index.
    fn document(&self) -> usize;
    /// The row's place in the article (the index of its quote, relation, …).
    fn place(&self) -> usize;
}

/// The "Article" column: the article's title, sorted by title and then by the place in the
/// article.
pub fn article_column<R: ArticleRow>(width: Column) -> TableColumn<R> {
    TableColumn {
        title: "Article",
        width,
        compare: |x, y, view| {
            let title = |d: usize| view.corpus.articles.get(d).map(|t| t.title.as_str());
            (title(x.document()), x.place())
                .partial_cmp(&(title(y.document()), y.place()))
                .unwrap_or(Ordering::Equal)
        },
        text: |r, view| article_title(view, r.document()).to_owned(),
        cell: |ui, r, view| cell_text(ui, article_title(view, r.document())),
    }
}
