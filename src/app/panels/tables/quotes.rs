//! The quotes table: one row per quote of every article, filtered by speaker, words or
//! cue, by kind (direct, indirect) and by confidence. A right click offers the quote's
//! edits.

use egui_extras::Column;

use crate::app::command::Command;
use crate::app::corpus::QuoteRow;
use crate::app::selection::{Item, Origin};

use super::super::{View, edit};
use super::confidence::{ConfidenceFilter, Scored, confidence_column};
use super::table::{
    ArticleRow, Sort, Table, TableColumn, TableSpec, article_column, cell_text, contains,
};

/// The quotes table's own filters: direct, indirect, confidence below.
type QuotesFilters = (bool, bool, Option<f32>);

/// The quotes table.
#[derive(Debug)]
pub struct QuotesTable {
    direct: bool,
    indirect: bool,
    confidence: ConfidenceFilter,
    table: Table<QuotesFilters>,
}

impl Default for QuotesTable {
    fn default() -> Self {
        Self {
            direct: true,
            indirect: true,
            confidence: ConfidenceFilter::default(),
            // By article.
            table: Table::sorted_by(Sort {
                column: 3,
                descending: false,
            }),
        }
    }
}

impl QuotesTable {
    /// The table.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        ui.horizontal_wrapped(|ui| {
            self.table.filter_ui(ui, "speaker, words or cue");
            ui.separator();
            ui.checkbox(&mut self.direct, "direct");
            ui.checkbox(&mut self.indirect, "indirect");
        });
        ui.horizontal(|ui| self.confidence.ui(ui, "quotes"));
        let (direct, indirect, below) = (self.direct, self.indirect, self.confidence.active());
        let columns = [
            TableColumn {
                title: "Speaker",
                width: Column::initial(170.0).at_least(60.0).clip(true),
                compare: |x: &QuoteRow, y, _| {
                    x.speaker.to_lowercase().cmp(&y.speaker.to_lowercase())
                },
                text: |r, _| r.speaker.clone(),
                cell: |ui, r, _| {
                    let speaker = if r.speaker.is_empty() {
                        "—"
                    } else {
                        &r.speaker
                    };
                    cell_text(ui, speaker);
                },
            },
            TableColumn {
                title: "Quote",
                width: Column::remainder().at_least(120.0).clip(true),
                compare: |x, y, _| x.text.cmp(&y.text),
                text: |r, _| r.text.clone(),
                cell: |ui, r, _| cell_text(ui, &r.text),
            },
            TableColumn {
                title: "Cue",
                width: Column::initial(60.0).at_least(40.0).clip(true),
                compare: |x, y, _| x.cue.cmp(&y.cue),
                text: |r, _| r.cue.clone(),
                cell: |ui, r, _| cell_text(ui, &r.cue),
            },
            article_column(Column::initial(120.0).at_least(60.0).clip(true)),
            TableColumn {
                title: "Kind",
                width: Column::initial(60.0).at_least(50.0),
                compare: |x, y, _| x.direct.cmp(&y.direct),
                text: |r, _| (if r.direct { "direct" } else { "indirect" }).to_owned(),
                cell: |ui, r, _| cell_text(ui, if r.direct { "direct" } else { "indirect" }),
            },
            confidence_column(),
        ];
        let spec = TableSpec {
            id: "quotes_table",
            noun: "quotes",
            origin: Origin::Quotes,
            columns: &columns,
            matches: |r, needle| {
                contains(&r.speaker, needle)
                    || contains(&r.text, needle)
                    || contains(&r.cue, needle)
            },
            item: |r| Item::Quote {
                document: r.document,
                quote: r.quote,
            },
            selected: |rows, v| match &v.selection.item {
                Some(Item::Quote { document, quote }) => rows
                    .iter()
                    .position(|r| r.document == *document && r.quote == *quote),
                _ => None,
            },
            menu: Some(quote_menu),
        };
        let rows = &view.corpus.quotes;
        self.table
            .ui(ui, view, &spec, rows, (direct, indirect, below), |r| {
                (if r.direct { direct } else { indirect }) && below.is_none_or(|t| r.confidence < t)
            });
    }
}

impl ArticleRow for QuoteRow {
    fn document(&self) -> usize {
        self.document
    }

    fn place(&self) -> usize {
        self.quote.index()
    }
}

impl Scored for QuoteRow {
    fn confidence(&self) -> f32 {
        self.confidence
    }

    fn rule(&self) -> &str {
        &self.rule
    }
}

/// The menu of a quote row: the quote's edits.
fn quote_menu(ui: &mut egui::Ui, r: &QuoteRow, view: &View<'_>, commands: &mut Vec<Command>) {
    let Some((doc, q)) = view
        .documents
        .get(r.document)
        .and_then(|d| Some((d, d.annotations.quotes.get(r.quote.index())?)))
    else {
        ui.close();
        return;
    };
    edit::quote_actions_ui(ui, doc, r.document, q, commands);
}
