//! The entities, quotes and relations tables (`egui_extras::TableBuilder`: virtualised rows,
//! resizable columns, sort by any column, text and type filters, counts). Clicking a row
//! selects its item; a selection made elsewhere highlights and scrolls to its row. A right
//! click on a quote row (or on an entity row that is a single mention) offers the edits of
//! `edit.rs`.

use std::cmp::Ordering;

use egui::{Align, Sense};
use egui_extras::{Column, TableBuilder};

use crate::app::command::Command;
use crate::app::corpus::CorpusView;
use crate::app::selection::{Item, Origin};
use crate::app::theme;
use crate::model::{EntityType, RelationKind, RelationType};

use super::{View, edit};

const ROW_HEIGHT: f32 = 20.0;

/// Sort state: a column and a direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Sort {
    column: usize,
    descending: bool,
}

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

fn cell_text(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(text).truncate().selectable(false));
}

/// A generic sortable, selectable, virtualised table.
#[allow(clippy::too_many_arguments)]
fn table_ui(
    ui: &mut egui::Ui,
    id: &str,
    columns: &[(&str, Column)],
    sort: &mut Sort,
    order: &[usize],
    scroll_to: Option<usize>,
    is_selected: &dyn Fn(usize) -> bool,
    cell: &dyn Fn(&mut egui::Ui, usize, usize),
    menu: &mut dyn FnMut(&mut egui::Ui, usize),
    clicked: &mut Option<usize>,
) {
    let mut builder = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .auto_shrink([false, false])
        .cell_layout(egui::Layout::left_to_right(Align::Center));
    for (_, column) in columns {
        builder = builder.column(*column);
    }
    if let Some(row) = scroll_to {
        builder = builder.scroll_to_row(row, Some(Align::Center));
    }
    builder
        .header(ROW_HEIGHT + 4.0, |mut header| {
            for (i, (title, _)) in columns.iter().enumerate() {
                header.col(|ui| header_ui(ui, title, i, sort));
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, order.len(), |mut row| {
                let Some(&item) = order.get(row.index()) else {
                    return;
                };
                row.set_selected(is_selected(item));
                for c in 0..columns.len() {
                    row.col(|ui| cell(ui, item, c));
                }
                let response = row.response();
                if response.clicked() {
                    *clicked = Some(item);
                }
                response.context_menu(|ui| menu(ui, item));
            });
        });
}

fn filter_field(ui: &mut egui::Ui, filter: &mut String, hint: &str) {
    let label = ui.label("Filter:");
    ui.add(
        egui::TextEdit::singleline(filter)
            .hint_text(hint)
            .desired_width(220.0),
    )
    .labelled_by(label.id);
}

fn ordering<T: PartialOrd>(a: &T, b: &T) -> Ordering {
    a.partial_cmp(b).unwrap_or(Ordering::Equal)
}

fn lower_contains(haystack: &str, needle: &str) -> bool {
    needle.is_empty() || haystack.to_lowercase().contains(needle)
}

fn article_title<'a>(view: &'a View<'_>, document: usize) -> &'a str {
    view.corpus
        .articles
        .get(document)
        .map_or("", |a| a.title.as_str())
}

/// Sorts `order` by `column` with `key_cmp`, keeping ties in index order.
fn sort_order(order: &mut [usize], sort: Sort, key_cmp: impl Fn(usize, usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| {
        let o = key_cmp(a, b, sort.column).then(a.cmp(&b));
        if sort.descending { o.reverse() } else { o }
    });
}

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

// ---------------------------------------------------------------------------------------

/// What the entities rows depend on: revision, filter text, shown types, sort.
type EntitiesKey = (u64, String, [bool; 7], Sort);
/// What the quote rows depend on: revision, filter text, direct, indirect, confidence
/// filter, sort.
type QuotesKey = (u64, String, bool, bool, Option<f32>, Sort);
/// What the relation rows depend on: revision, filter, asserted, co-occurrence, type,
/// confidence filter, sort.
type RelationsKey = (
    u64,
    String,
    bool,
    bool,
    Option<RelationType>,
    Option<f32>,
    Sort,
);

/// The default threshold of the "low confidence only" filter.
pub const LOW_CONFIDENCE: f32 = 0.6;

/// The "low confidence only" switch and its threshold.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ConfidenceFilter {
    only_low: bool,
    threshold: f32,
}

impl Default for ConfidenceFilter {
    fn default() -> Self {
        Self {
            only_low: false,
            threshold: LOW_CONFIDENCE,
        }
    }
}

impl ConfidenceFilter {
    fn ui(&mut self, ui: &mut egui::Ui, what: &str) {
        ui.checkbox(&mut self.only_low, "low confidence only")
            .on_hover_text(format!(
                "Show only {what} whose confidence is below the threshold, to check them"
            ));
        let label = ui.label("below");
        ui.spacing_mut().slider_width = 120.0;
        ui.add_enabled(
            self.only_low,
            egui::Slider::new(&mut self.threshold, 0.05..=1.0).step_by(0.05),
        )
        .labelled_by(label.id);
    }

    /// The threshold when the filter is on.
    fn active(self) -> Option<f32> {
        self.only_low.then_some(self.threshold)
    }
}

/// A confidence as shown in a cell.
fn confidence_text(confidence: f32) -> String {
    format!("{confidence:.2}")
}

/// The entities table: one row per corpus-level entity.
#[derive(Debug)]
pub struct EntitiesTable {
    filter: String,
    shown_types: [bool; 7],
    sort: Sort,
    cache: Option<(EntitiesKey, Vec<usize>)>,
    seen_generation: u64,
}

impl Default for EntitiesTable {
    fn default() -> Self {
        Self {
            filter: String::new(),
            shown_types: [true; 7],
            // Most-mentioned first.
            sort: Sort {
                column: 2,
                descending: true,
            },
            cache: None,
            seen_generation: 0,
        }
    }
}

impl EntitiesTable {
    /// The rows shown, as node indices, in display order.
    fn order(&mut self, corpus: &CorpusView, doc_revision: u64) -> &[usize] {
        let key = (
            doc_revision,
            self.filter.trim().to_lowercase(),
            self.shown_types,
            self.sort,
        );
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let nodes = &corpus.graph.nodes;
            let needle = key.1.as_str();
            let mut order: Vec<usize> = nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| {
                    let t = EntityType::ALL
                        .iter()
                        .position(|t| *t == n.entity_type)
                        .unwrap_or(0);
                    self.shown_types[t]
                        && (lower_contains(&n.name, needle)
                            || n.aliases.iter().any(|a| lower_contains(a, needle)))
                })
                .map(|(i, _)| i)
                .collect();
            sort_order(&mut order, self.sort, |a, b, column| {
                let (Some(x), Some(y)) = (nodes.get(a), nodes.get(b)) else {
                    return Ordering::Equal;
                };
                match column {
                    0 => x.name.to_lowercase().cmp(&y.name.to_lowercase()),
                    1 => x.entity_type.cmp(&y.entity_type),
                    2 => x.mentions.cmp(&y.mentions),
                    3 => x.documents.cmp(&y.documents),
                    _ => x.aliases.len().cmp(&y.aliases.len()),
                }
            });
            self.cache = Some((key, order));
        }
        self.cache.as_ref().map_or(&[], |(_, o)| o.as_slice())
    }

    /// The table.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        let counts = view.corpus.type_counts();
        ui.horizontal_wrapped(|ui| {
            filter_field(ui, &mut self.filter, "name or alias");
            ui.separator();
            for (i, t) in EntityType::ALL.into_iter().enumerate() {
                let text = egui::RichText::new(format!("{} {}", t.label(), counts[i]))
                    .background_color(theme::mention_background(t, ui.visuals(), false));
                ui.checkbox(&mut self.shown_types[i], text);
            }
            ui.separator();
            super::merges::open_button_ui(ui, view);
        });
        let selected = super::selected_node(view.documents, view.corpus, view.selection);
        let generation = view.selection.generation;
        let origin = view.selection.origin;
        let total = view.corpus.graph.nodes.len();
        let mut seen = self.seen_generation;
        let order = self.order(view.corpus, view.doc_revision).to_vec();
        let scroll = scroll_target(
            &order,
            selected,
            generation,
            &mut seen,
            origin,
            Origin::Entities,
        );
        self.seen_generation = seen;
        ui.label(format!("{} of {} entities", order.len(), total));
        let nodes = &view.corpus.graph.nodes;
        let documents = view.documents;
        let mut clicked = None;
        let mut edits = Vec::new();
        // A row that is a single mention can be edited like that mention.
        let mut menu = |ui: &mut egui::Ui, i: usize| {
            let single = nodes
                .get(i)
                .filter(|n| n.mentions == 1)
                .and_then(|n| n.occurrences.first())
                .and_then(|o| {
                    let doc = documents.get(o.document)?;
                    let entity = doc.annotations.entity(o.entity)?;
                    let [m] = entity.mentions.as_slice() else {
                        return None;
                    };
                    Some((o.document, doc.annotations.mention(*m)?))
                });
            match single {
                Some((document, mention)) => {
                    edit::mention_actions_ui(ui, document, mention, &mut edits);
                }
                None => {
                    ui.weak("This entity has several mentions: edit them in the text.");
                }
            }
        };
        table_ui(
            ui,
            "entities_table",
            &[
                ("Name", Column::initial(200.0).at_least(80.0).clip(true)),
                ("Type", Column::initial(70.0).at_least(50.0)),
                ("Mentions", Column::initial(70.0).at_least(50.0)),
                ("Articles", Column::initial(60.0).at_least(50.0)),
                ("Aliases", Column::remainder().at_least(80.0).clip(true)),
            ],
            &mut self.sort,
            &order,
            scroll,
            &|i| selected == Some(i),
            &|ui, i, c| {
                let Some(n) = nodes.get(i) else {
                    return;
                };
                match c {
                    0 => cell_text(ui, &n.name),
                    1 => {
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(n.entity_type.label()).background_color(
                                    theme::mention_background(n.entity_type, ui.visuals(), false),
                                ),
                            )
                            .selectable(false),
                        );
                    }
                    2 => cell_text(ui, &n.mentions.to_string()),
                    3 => cell_text(ui, &n.documents.to_string()),
                    _ => cell_text(ui, &n.aliases.join("; ")),
                }
            },
            &mut menu,
            &mut clicked,
        );
        view.commands.extend(edits);
        if let Some(i) = clicked
            && let Some(n) = nodes.get(i)
        {
            view.commands.push(Command::Select(
                Some(Item::Entity(n.key.clone())),
                Origin::Entities,
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------

/// What the quotes and relations tables share: the filtered and sorted row order (cached
/// until its key changes), the sort, and the selection generation already scrolled to.
#[derive(Debug)]
struct RowList<K> {
    sort: Sort,
    cache: Option<(K, Vec<usize>)>,
    seen_generation: u64,
}

impl<K> RowList<K> {
    fn sorted_by(column: usize) -> Self {
        Self {
            sort: Sort {
                column,
                descending: false,
            },
            cache: None,
            seen_generation: 0,
        }
    }
}

/// The fixed parts of a [`RowList`] table.
struct RowSpec<'s> {
    /// The table's id salt.
    id: &'s str,
    /// What a row is, plural ("quotes").
    noun: &'s str,
    /// Rows before filtering.
    total: usize,
    /// The selection origin of clicks in this table.
    origin: Origin,
    /// Column titles and sizes.
    columns: &'s [(&'s str, Column)],
}

impl<K: PartialEq> RowList<K> {
    /// Re-filters (`keep`) and re-sorts (`cmp(a, b, column, article titles)`) the rows
    /// when `key` changed, then shows the count and the table with the `selected` row
    /// highlighted (and scrolled to when selected elsewhere). Returns the row clicked.
    #[allow(clippy::too_many_arguments)]
    fn ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        spec: &RowSpec<'_>,
        key: K,
        keep: impl Fn(usize) -> bool,
        cmp: impl Fn(usize, usize, usize, &[&str]) -> Ordering,
        selected: Option<usize>,
        cell: &dyn Fn(&mut egui::Ui, usize, usize),
        menu: &mut dyn FnMut(&mut egui::Ui, usize),
    ) -> Option<usize> {
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let mut order: Vec<usize> = (0..spec.total).filter(|&i| keep(i)).collect();
            let titles: Vec<&str> = view
                .corpus
                .articles
                .iter()
                .map(|a| a.title.as_str())
                .collect();
            sort_order(&mut order, self.sort, |a, b, column| {
                cmp(a, b, column, &titles)
            });
            self.cache = Some((key, order));
        }
        let (_, order) = self.cache.as_ref()?;
        let scroll = scroll_target(
            order,
            selected,
            view.selection.generation,
            &mut self.seen_generation,
            view.selection.origin,
            spec.origin,
        );
        ui.label(format!("{} of {} {}", order.len(), spec.total, spec.noun));
        let mut clicked = None;
        table_ui(
            ui,
            spec.id,
            spec.columns,
            &mut self.sort,
            order,
            scroll,
            &|i| selected == Some(i),
            cell,
            menu,
            &mut clicked,
        );
        clicked
    }
}

/// A confidence cell; hovering shows the rule that gave it.
fn confidence_cell(ui: &mut egui::Ui, confidence: f32, rule: &str) {
    ui.add(
        egui::Label::new(confidence_text(confidence))
            .selectable(false)
            .sense(Sense::hover()),
    )
    .on_hover_text(format!("rule: {rule}"));
}

/// The article title `titles[document]` for sorting.
fn title_of<'t>(titles: &[&'t str], document: usize) -> Option<&'t str> {
    titles.get(document).copied()
}

/// The quotes table.
#[derive(Debug)]
pub struct QuotesTable {
    filter: String,
    direct: bool,
    indirect: bool,
    confidence: ConfidenceFilter,
    list: RowList<QuotesKey>,
}

impl Default for QuotesTable {
    fn default() -> Self {
        Self {
            filter: String::new(),
            direct: true,
            indirect: true,
            confidence: ConfidenceFilter::default(),
            list: RowList::sorted_by(3),
        }
    }
}

impl QuotesTable {
    /// The table.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        ui.horizontal_wrapped(|ui| {
            filter_field(ui, &mut self.filter, "speaker, words or cue");
            ui.separator();
            ui.checkbox(&mut self.direct, "direct");
            ui.checkbox(&mut self.indirect, "indirect");
        });
        ui.horizontal(|ui| self.confidence.ui(ui, "quotes"));
        let rows = &view.corpus.quotes;
        let needle = self.filter.trim().to_lowercase();
        let below = self.confidence.active();
        let key = (
            view.doc_revision,
            needle.clone(),
            self.direct,
            self.indirect,
            below,
            self.list.sort,
        );
        let (direct, indirect) = (self.direct, self.indirect);
        let keep = |i: usize| {
            rows.get(i).is_some_and(|r| {
                (if r.direct { direct } else { indirect })
                    && below.is_none_or(|t| r.confidence < t)
                    && (lower_contains(&r.speaker, &needle)
                        || lower_contains(&r.text, &needle)
                        || lower_contains(&r.cue, &needle))
            })
        };
        let cmp = |a: usize, b: usize, column: usize, titles: &[&str]| {
            let (Some(x), Some(y)) = (rows.get(a), rows.get(b)) else {
                return Ordering::Equal;
            };
            match column {
                0 => x.speaker.to_lowercase().cmp(&y.speaker.to_lowercase()),
                1 => x.text.cmp(&y.text),
                2 => x.cue.cmp(&y.cue),
                3 => ordering(
                    &(title_of(titles, x.document), x.quote),
                    &(title_of(titles, y.document), y.quote),
                ),
                4 => x.direct.cmp(&y.direct),
                _ => x.confidence.total_cmp(&y.confidence),
            }
        };
        let selected = match &view.selection.item {
            Some(Item::Quote { document, quote }) => rows
                .iter()
                .position(|r| r.document == *document && r.quote == *quote),
            _ => None,
        };
        let v: &View<'_> = view;
        let cell = |ui: &mut egui::Ui, i: usize, c: usize| {
            let Some(r) = rows.get(i) else {
                return;
            };
            match c {
                0 => cell_text(
                    ui,
                    if r.speaker.is_empty() {
                        "—"
                    } else {
                        &r.speaker
                    },
                ),
                1 => cell_text(ui, &r.text),
                2 => cell_text(ui, &r.cue),
                3 => cell_text(ui, article_title(v, r.document)),
                4 => cell_text(ui, if r.direct { "direct" } else { "indirect" }),
                _ => confidence_cell(ui, r.confidence, &r.rule),
            }
        };
        let spec = RowSpec {
            id: "quotes_table",
            noun: "quotes",
            total: rows.len(),
            origin: Origin::Quotes,
            columns: &[
                ("Speaker", Column::initial(170.0).at_least(60.0).clip(true)),
                ("Quote", Column::remainder().at_least(120.0).clip(true)),
                ("Cue", Column::initial(60.0).at_least(40.0).clip(true)),
                ("Article", Column::initial(120.0).at_least(60.0).clip(true)),
                ("Kind", Column::initial(60.0).at_least(50.0)),
                ("Confidence", Column::initial(80.0).at_least(60.0)),
            ],
        };
        let mut edits = Vec::new();
        let mut menu = |ui: &mut egui::Ui, i: usize| {
            let Some(r) = rows.get(i) else {
                ui.close();
                return;
            };
            let Some((doc, q)) = v
                .documents
                .get(r.document)
                .and_then(|d| Some((d, d.annotations.quotes.get(r.quote.index())?)))
            else {
                ui.close();
                return;
            };
            edit::quote_actions_ui(ui, doc, r.document, q, &mut edits);
        };
        let clicked = self
            .list
            .ui(ui, v, &spec, key, keep, cmp, selected, &cell, &mut menu);
        view.commands.extend(edits);
        if let Some(r) = clicked.and_then(|i| rows.get(i)) {
            view.commands.push(Command::Select(
                Some(Item::Quote {
                    document: r.document,
                    quote: r.quote,
                }),
                Origin::Quotes,
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------

/// The relations table.
#[derive(Debug)]
pub struct RelationsTable {
    filter: String,
    asserted: bool,
    cooccurrence: bool,
    relation_type: Option<RelationType>,
    confidence: ConfidenceFilter,
    list: RowList<RelationsKey>,
}

impl Default for RelationsTable {
    fn default() -> Self {
        Self {
            filter: String::new(),
            asserted: true,
            cooccurrence: false,
            relation_type: None,
            confidence: ConfidenceFilter::default(),
            list: RowList::sorted_by(5),
        }
    }
}

impl RelationsTable {
    /// The table.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        let rows = &view.corpus.relations;
        ui.horizontal_wrapped(|ui| {
            filter_field(ui, &mut self.filter, "names, trigger or sentence");
            ui.separator();
            let asserted = rows
                .iter()
                .filter(|r| r.kind == RelationKind::Asserted)
                .count();
            ui.checkbox(&mut self.asserted, format!("asserted {asserted}"));
            ui.checkbox(
                &mut self.cooccurrence,
                format!("co-occurrence {}", rows.len() - asserted),
            );
            let label = ui.label("Type:");
            egui::ComboBox::from_id_salt("relation_type_filter")
                .selected_text(self.relation_type.map_or("all", RelationType::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.relation_type, None, "all");
                    for t in RelationType::ALL {
                        ui.selectable_value(&mut self.relation_type, Some(t), t.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| self.confidence.ui(ui, "relations"));
        let needle = self.filter.trim().to_lowercase();
        let below = self.confidence.active();
        let key = (
            view.doc_revision,
            needle.clone(),
            self.asserted,
            self.cooccurrence,
            self.relation_type,
            below,
            self.list.sort,
        );
        let (asserted, cooccurrence, relation_type) =
            (self.asserted, self.cooccurrence, self.relation_type);
        let keep = |i: usize| {
            rows.get(i).is_some_and(|r| {
                (match r.kind {
                    RelationKind::Asserted => asserted,
                    RelationKind::Cooccurrence => cooccurrence,
                }) && relation_type.is_none_or(|t| t == r.relation_type)
                    && below.is_none_or(|t| r.confidence < t)
                    && (lower_contains(&r.head, &needle)
                        || lower_contains(&r.tail, &needle)
                        || lower_contains(&r.trigger, &needle)
                        || lower_contains(&r.evidence, &needle))
            })
        };
        let cmp = |a: usize, b: usize, column: usize, titles: &[&str]| {
            let (Some(x), Some(y)) = (rows.get(a), rows.get(b)) else {
                return Ordering::Equal;
            };
            match column {
                0 => x.head.to_lowercase().cmp(&y.head.to_lowercase()),
                1 => x.relation_type.cmp(&y.relation_type),
                2 => x.tail.to_lowercase().cmp(&y.tail.to_lowercase()),
                3 => x.trigger.cmp(&y.trigger),
                4 => x.evidence.cmp(&y.evidence),
                5 => ordering(
                    &(title_of(titles, x.document), x.relation),
                    &(title_of(titles, y.document), y.relation),
                ),
                6 => x.kind.cmp(&y.kind),
                _ => x.confidence.total_cmp(&y.confidence),
            }
        };
        let selected = match &view.selection.item {
            Some(Item::Relation { document, relation }) => rows
                .iter()
                .position(|r| r.document == *document && r.relation == *relation),
            _ => None,
        };
        let v: &View<'_> = view;
        let cell = |ui: &mut egui::Ui, i: usize, c: usize| {
            let Some(r) = rows.get(i) else {
                return;
            };
            match c {
                0 => cell_text(ui, &r.head),
                1 => {
                    let mut label = r.relation_type.label().to_owned();
                    if r.negated {
                        label.insert_str(0, "NOT ");
                    }
                    if r.modal {
                        label.push_str(" (hedged)");
                    }
                    cell_text(ui, &label);
                }
                2 => cell_text(ui, &r.tail),
                3 => cell_text(ui, &r.trigger),
                4 => cell_text(ui, &r.evidence),
                5 => cell_text(ui, article_title(v, r.document)),
                6 => cell_text(
                    ui,
                    match r.kind {
                        RelationKind::Asserted => "asserted",
                        RelationKind::Cooccurrence => "co-occurrence",
                    },
                ),
                _ => confidence_cell(ui, r.confidence, &r.rule),
            }
        };
        let spec = RowSpec {
            id: "relations_table",
            noun: "relations",
            total: rows.len(),
            origin: Origin::Relations,
            columns: &[
                ("Head", Column::initial(110.0).at_least(60.0).clip(true)),
                ("Relation", Column::initial(90.0).at_least(60.0).clip(true)),
                ("Tail", Column::initial(110.0).at_least(60.0).clip(true)),
                ("Trigger", Column::initial(60.0).at_least(40.0).clip(true)),
                ("Evidence", Column::remainder().at_least(100.0).clip(true)),
                ("Article", Column::initial(100.0).at_least(60.0).clip(true)),
                ("Kind", Column::initial(80.0).at_least(60.0)),
                ("Confidence", Column::initial(80.0).at_least(60.0)),
            ],
        };
        let clicked = self.list.ui(
            ui,
            v,
            &spec,
            key,
            keep,
            cmp,
            selected,
            &cell,
            &mut |ui, _| {
                ui.close();
            },
        );
        if let Some(r) = clicked.and_then(|i| rows.get(i)) {
            view.commands.push(Command::Select(
                Some(Item::Relation {
                    document: r.document,
                    relation: r.relation,
                }),
                Origin::Relations,
            ));
        }
    }
}
