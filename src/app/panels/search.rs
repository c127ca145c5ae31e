//! Corpus search: the search box (in the tab row, always at hand: Ctrl+F searches the
//! article in the reading view, Ctrl+Shift+F every article) and the Search tab, where the
//! results are keyword-in-context lines — left context, match, right context, aligned — in
//! a virtualised table sortable by article, date and either context, with the matches
//! counted per article. Clicking a line selects the match ([`Item::Passage`]): the reading
//! view opens the article there, scrolled to and highlighted.
//!
//! The index ([`SearchIndex`], tantivy in memory) is built on a background thread the first
//! time a search needs it, with a progress bar, and again whenever the shown documents or
//! the entity curation change (the view revision); a query waiting for the index runs when
//! it is ready. Query errors are shown under the box.

use std::cmp::Ordering;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering as AtomicOrdering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use egui::{Align, Layout, RichText};
use egui_extras::Column;

use crate::app::command::Command;
use crate::app::selection::{Item, Origin};
use crate::search::date::{Day, parse_article_date};
use crate::search::{KwicLine, SearchIndex, SearchOptions, kwic_lines};

use super::View;
use super::tables::table::{ArticleRow, Sort, Table, TableColumn, TableSpec, article_column};

/// The width the search bar needs after its text box: the two scope buttons and Find,
/// with spacing.
const SEARCH_BAR_TAIL: f32 = 290.0;

/// The index of the Article column in [`columns`].
const ARTICLE_COLUMN: usize = 3;

/// Characters of context each side of a match.
const CONTEXT: usize = 60;

/// What a search looks through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every article of the project.
    #[default]
    Corpus,
    /// The article in the reading view.
    Article,
}

impl Scope {
    fn label(self) -> &'static str {
        match self {
            Scope::Corpus => "all articles",
            Scope::Article => "this article",
        }
    }
}

/// One result line.
#[derive(Clone, Debug)]
struct Row {
    line: KwicLine,
    /// The left context reversed, for sorting by the words just before the match.
    left_reversed: String,
    /// The article's date as a sortable day key (undated last).
    day: i64,
}

impl ArticleRow for Row {
    fn document(&self) -> usize {
        self.line.document
    }
    fn place(&self) -> usize {
        self.line.char_start
    }
}

/// The results of the last search.
#[derive(Debug, Default)]
struct Results {
    query: String,
    scope: Scope,
    rows: Vec<Row>,
    sentences: usize,
    /// (article index, matched sentences), by article.
    per_article: Vec<(usize, usize)>,
    truncated: bool,
    /// How long the search took, in milliseconds.
    millis: f64,
    /// Increases with every search (the table re-sorts on it).
    generation: u64,
}

/// The index and its build.
enum IndexState {
    /// Not built (nothing searched yet).
    None,
    /// Building on a thread.
    Building {
        revision: u64,
        receiver: Receiver<Result<SearchIndex, String>>,
        done: Arc<AtomicUsize>,
        total: usize,
        cancel: Arc<AtomicBool>,
    },
    /// Ready for the documents of `revision`.
    Ready {
        revision: u64,
        index: Box<SearchIndex>,
        millis: f64,
    },
    /// The build failed.
    Failed { revision: u64, message: String },
}

/// The search box and the Search tab.
pub struct SearchPanel {
    query: String,
    scope: Scope,
    /// The box asks for keyboard focus next frame.
    focus: bool,
    /// A search to run once the index is ready.
    pending: bool,
    index: IndexState,
    started: Option<Instant>,
    results: Option<Results>,
    error: Option<String>,
    generation: u64,
    table: Table<u64>,
}

impl Default for SearchPanel {
    fn default() -> Self {
        Self {
            query: String::new(),
            scope: Scope::Corpus,
            focus: false,
            pending: false,
            index: IndexState::None,
            started: None,
            results: None,
            error: None,
            generation: 0,
            // By article, then place (the KWIC columns come first, so that the lines are
            // in view in a narrow window).
            table: Table::sorted_by(Sort {
                column: ARTICLE_COLUMN,
                descending: false,
            }),
        }
    }
}

impl Drop for SearchPanel {
    fn drop(&mut self) {
        if let IndexState::Building { cancel, .. } = &self.index {
            cancel.store(true, AtomicOrdering::Relaxed);
        }
    }
}

impl SearchPanel {
    /// Puts the keyboard focus in the search box, searching `scope`.
    pub fn focus(&mut self, scope: Scope) {
        self.scope = scope;
        self.focus = true;
    }

    /// The number of result lines of the last search (for tests).
    pub fn result_count(&self) -> Option<usize> {
        self.results.as_ref().map(|r| r.rows.len())
    }

    /// The error of the last search, if it failed.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// True while the index is being built.
    pub fn is_indexing(&self) -> bool {
        matches!(self.index, IndexState::Building { .. })
    }

    /// The search box for the tab row. Returns true when a search was submitted (the
    /// caller shows the Search tab).
    pub fn bar_ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) -> bool {
        self.poll(ui.ctx(), view);
        let label = ui.label("Find:");
        // The box shrinks so that the scope buttons and Find stay on its line; when even the
        // narrowest box does not fit, the box starts the next line and they follow it there.
        let left_on_row = ui.max_rect().right() - ui.cursor().left();
        let box_width = (left_on_row - SEARCH_BAR_TAIL).clamp(140.0, 300.0);
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text(
                        "words, \"a phrase\", entity:\"Lloyd Austin\", speaker:… (Ctrl+Shift+F)",
                    )
                    .desired_width(box_width),
            )
            .labelled_by(label.id)
            .on_hover_text(
                "Words, \"phrases\", AND / OR / NOT, prefix*, entity:\"Name\" (any alias), \
                 type:PERSON, speaker:\"Name\", outlet:Name, date:2021-01..2021-03. \
                 Enter searches.",
            );
        if std::mem::take(&mut self.focus) {
            response.request_focus();
        }
        for scope in [Scope::Corpus, Scope::Article] {
            ui.selectable_value(&mut self.scope, scope, scope.label());
        }
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let clicked = ui.button("Find").clicked();
        if (entered || clicked) && !self.query.trim().is_empty() {
            self.pending = true;
            self.poll(ui.ctx(), view);
            return true;
        }
        false
    }

    /// Starts, polls or uses the index: rebuilds it when the documents changed and runs the
    /// pending search when it is ready.
    fn poll(&mut self, ctx: &egui::Context, view: &View<'_>) {
        if let IndexState::Building {
            receiver, revision, ..
        } = &self.index
        {
            let revision = *revision;
            match receiver.try_recv() {
                Ok(Ok(index)) => {
                    let millis = self
                        .started
                        .take()
                        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
                    self.index = IndexState::Ready {
                        revision,
                        index: Box::new(index),
                        millis,
                    };
                }
                Ok(Err(message)) => self.index = IndexState::Failed { revision, message },
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                Err(TryRecvError::Disconnected) => {
                    self.index = IndexState::Failed {
                        revision,
                        message: "the index build stopped unexpectedly".to_owned(),
                    };
                }
            }
        }
        let current = match &self.index {
            IndexState::None => None,
            IndexState::Building { revision, .. }
            | IndexState::Ready { revision, .. }
            | IndexState::Failed { revision, .. } => Some(*revision),
        };
        let needed = self.pending || self.results.is_some();
        if needed && current != Some(view.doc_revision) {
            if self.results.is_some() && !self.pending {
                // The results point into documents that changed: search again.
                self.pending = true;
            }
            self.start_build(ctx, view);
            return;
        }
        if self.pending
            && let IndexState::Ready { index, .. } = &self.index
        {
            self.pending = false;
            let started = Instant::now();
            let document = match self.scope {
                Scope::Corpus => None,
                Scope::Article => view.current_document,
            };
            let options = SearchOptions {
                document,
                ..SearchOptions::default()
            };
            match index.search(&self.query, view.documents, options) {
                Ok(found) => {
                    let lines = kwic_lines(view.documents, &found.hits, CONTEXT);
                    let rows = lines
                        .into_iter()
                        .map(|line| Row {
                            left_reversed: line
                                .left
                                .chars()
                                .rev()
                                .collect::<String>()
                                .to_lowercase(),
                            day: parse_article_date(&line.date).map_or(i64::MAX, Day::key),
                            line,
                        })
                        .collect();
                    self.generation += 1;
                    self.error = None;
                    self.results = Some(Results {
                        query: self.query.clone(),
                        scope: self.scope,
                        rows,
                        sentences: found.sentences,
                        per_article: found.per_article,
                        truncated: found.truncated,
                        millis: started.elapsed().as_secs_f64() * 1000.0,
                        generation: self.generation,
                    });
                }
                Err(e) => {
                    self.error = Some(e.to_string());
                }
            }
        }
    }

    fn start_build(&mut self, ctx: &egui::Context, view: &View<'_>) {
        if let IndexState::Building { cancel, .. } = &self.index {
            cancel.store(true, AtomicOrdering::Relaxed);
        }
        let documents = view.documents.to_vec();
        let graph = view.corpus.graph.clone();
        let total = documents.len();
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = std::sync::mpsc::channel();
        let (thread_done, thread_cancel) = (Arc::clone(&done), Arc::clone(&cancel));
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("search-index".to_owned())
            .spawn(move || {
                let progress = |n: usize, _total: usize| {
                    thread_done.store(n, AtomicOrdering::Relaxed);
                };
                let result = SearchIndex::build(&documents, &graph, &progress, &thread_cancel)
                    .map_err(|e| e.to_string());
                sender.send(result).ok();
                repaint.request_repaint();
            });
        self.started = Some(Instant::now());
        self.index = match spawned {
            Ok(_) => IndexState::Building {
                revision: view.doc_revision,
                receiver,
                done,
                total,
                cancel,
            },
            Err(e) => IndexState::Failed {
                revision: view.doc_revision,
                message: format!("could not start the indexing thread: {e}"),
            },
        };
    }

    /// The Search tab: the index's state, the counts and the keyword-in-context table.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        self.poll(ui.ctx(), view);
        match &self.index {
            IndexState::Building {
                done,
                total,
                cancel,
                ..
            } => {
                let n = done.load(AtomicOrdering::Relaxed);
                ui.horizontal(|ui| {
                    ui.add(
                        egui::ProgressBar::new(n as f32 / (*total).max(1) as f32)
                            .text(format!("Indexing {n} of {total} articles…"))
                            .desired_width(260.0),
                    );
                    if ui.button("Cancel").clicked() {
                        cancel.store(true, AtomicOrdering::Relaxed);
                        self.pending = false;
                    }
                });
            }
            IndexState::Failed { message, .. } => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("Search index: {message}"),
                );
            }
            IndexState::Ready { index, millis, .. } => {
                ui.weak(format!(
                    "Index: {} sentences of {} articles (built in {millis:.0} ms).",
                    index.sentence_count(),
                    view.documents.len()
                ));
            }
            IndexState::None => {}
        }
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, format!("Query error: {error}"));
        }
        let Some(results) = &self.results else {
            ui.add_space(8.0);
            ui.label(
                "Type a query in the Search box above and press Enter. Ctrl+F searches the \
                 article in the reading view, Ctrl+Shift+F every article.",
            );
            ui.weak(
                "Words and \"phrases\", AND / OR / NOT, milit* (prefix), entity:\"Lloyd Austin\" \
                 (every alias), type:PERSON, speaker:\"Qureshi\", outlet:Reuters, \
                 date:2021-01..2021-03.",
            );
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "“{}” in {}: {} match{} in {} sentence{} of {} article{}{}",
                    results.query,
                    results.scope.label(),
                    results.rows.len(),
                    if results.rows.len() == 1 { "" } else { "es" },
                    results.sentences,
                    if results.sentences == 1 { "" } else { "s" },
                    results.per_article.len(),
                    if results.per_article.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    if results.truncated {
                        " (first lines only)"
                    } else {
                        ""
                    },
                ))
                .strong(),
            );
            ui.weak(format!("{:.1} ms", results.millis));
        });
        per_article_ui(ui, view, results);
        let columns = columns(ui.available_width());
        let spec = TableSpec {
            id: "search_results",
            noun: "lines",
            origin: Origin::Corpus,
            columns: &columns,
            matches: |r: &Row, needle| {
                super::tables::table::contains(&r.line.left, needle)
                    || super::tables::table::contains(&r.line.matched, needle)
                    || super::tables::table::contains(&r.line.right, needle)
            },
            item: |r| Item::Passage {
                document: r.line.document,
                span: r.line.span,
            },
            selected: |rows, view| match &view.selection.item {
                Some(Item::Passage { document, span }) => rows
                    .iter()
                    .position(|r| r.line.document == *document && r.line.span == *span),
                _ => None,
            },
            menu: None,
        };
        ui.horizontal(|ui| self.table.filter_ui(ui, "words in the lines"));
        self.table
            .ui(ui, view, &spec, &results.rows, results.generation, |_| true);
    }
}

/// The matched sentences per article, each a link to the article.
fn per_article_ui(ui: &mut egui::Ui, view: &mut View<'_>, results: &Results) {
    egui::CollapsingHeader::new(format!(
        "Matches per article ({})",
        results.per_article.len()
    ))
    .id_salt("search_per_article")
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .max_height(140.0)
            .show(ui, |ui| {
                let mut counts = results.per_article.clone();
                counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                for (document, n) in counts {
                    let title = super::tables::table::article_title(view, document);
                    if ui
                        .link(format!("{n} · {title}"))
                        .on_hover_text("Show this article")
                        .clicked()
                    {
                        view.commands.push(Command::ShowDocument(document));
                    }
                }
            });
    });
}

/// A context cell: `text` aligned to the match's side. The left context keeps its end (the
/// words next to the match) and loses its start when the column is too narrow.
fn context_cell(ui: &mut egui::Ui, text: &str, toward_right: bool) {
    if toward_right {
        let fitted = fit_end(ui, text, ui.available_width());
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.add(egui::Label::new(fitted).selectable(false));
        });
    } else {
        ui.add(egui::Label::new(text).truncate().selectable(false));
    }
}

/// The longest end of `text` that fits in `width` points, with "…" before it when cut.
fn fit_end(ui: &egui::Ui, text: &str, width: f32) -> String {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let fits = |s: &str| {
        ui.painter()
            .layout_no_wrap(s.to_owned(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
            <= width
    };
    if fits(text) {
        return text.to_owned();
    }
    // Cut points at char boundaries; binary search the first that fits.
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let (mut lo, mut hi) = (0, starts.len());
    while lo < hi {
        let mid = lo.midpoint(hi);
        if fits(&format!("…{}", &text[starts[mid]..])) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    starts
        .get(lo)
        .map_or_else(String::new, |&i| format!("…{}", &text[i..]))
}

/// The widths of the Match, Article and Date columns.
const MATCH_WIDTH: f32 = 120.0;
const ARTICLE_WIDTH: f32 = 150.0;
const DATE_WIDTH: f32 = 90.0;

/// The columns, the two contexts sharing what `width` (the panel's) leaves, so that every
/// column is in view, Date included, however wide the reading view beside it is.
fn columns(width: f32) -> [TableColumn<Row>; 5] {
    // Each column also takes the table's spacing (about 8 points).
    let context =
        ((width - MATCH_WIDTH - ARTICLE_WIDTH - DATE_WIDTH - 5.0 * 8.0) / 2.0).clamp(80.0, 360.0);
    [
        TableColumn {
            title: "Left context",
            width: Column::initial(context).at_least(80.0).clip(true),
            compare: |x, y, _| x.left_reversed.cmp(&y.left_reversed),
            text: |r, _| r.line.left.clone(),
            cell: |ui, r, _| context_cell(ui, &r.line.left, true),
        },
        TableColumn {
            title: "Match",
            width: Column::initial(MATCH_WIDTH).at_least(40.0).clip(true),
            compare: |x, y, _| {
                x.line
                    .matched
                    .to_lowercase()
                    .cmp(&y.line.matched.to_lowercase())
            },
            text: |r, _| r.line.matched.clone(),
            cell: |ui, r, _| {
                ui.with_layout(
                    Layout::centered_and_justified(egui::Direction::LeftToRight),
                    |ui| {
                        ui.add(
                            egui::Label::new(RichText::new(&r.line.matched).strong())
                                .truncate()
                                .selectable(false),
                        );
                    },
                );
            },
        },
        TableColumn {
            title: "Right context",
            width: Column::initial(context).at_least(80.0).clip(true),
            compare: |x, y, _| {
                x.line
                    .right
                    .to_lowercase()
                    .cmp(&y.line.right.to_lowercase())
                    .then(Ordering::Equal)
            },
            text: |r, _| r.line.right.clone(),
            cell: |ui, r, _| context_cell(ui, &r.line.right, false),
        },
        article_column(Column::initial(ARTICLE_WIDTH).at_least(60.0).clip(true)),
        TableColumn {
            title: "Date",
            width: Column::remainder().at_least(DATE_WIDTH).clip(true),
            compare: |x: &Row, y: &Row, _| {
                x.day
                    .cmp(&y.day)
                    .then_with(|| x.line.date.cmp(&y.line.date))
            },
            text: |r, _| r.line.date.clone(),
            cell: |ui, r, _| super::tables::table::cell_text(ui, &r.line.date),
        },
    ]
}
