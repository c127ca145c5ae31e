//! The quotes table: one row per quote of every article, filtered by speaker, words or
//! cue, by kind (direct, indirect) and by confidence. A right click offers the quote's
//! edits. Reported speech whose speaker is not an actor is hidden until "show" is ticked
//! (see [`crate::app::noise`]); quotes of low confidence are drawn dimmed.

use std::collections::BTreeSet;

use egui_extras::Column;

use crate::app::command::Command;
use crate::app::corpus::QuoteRow;
use crate::app::selection::{Item, Origin};

use super::super::{View, edit};
use super::confidence::{ConfidenceFilter, LOW_CONFIDENCE, Scored, confidence_column};
use super::table::{
    ArticleRow, Sort, Table, TableColumn, TableSpec, article_column, cell_text, contains,
};
use crate::app::noise;

/// The quotes table's own filters: direct, indirect, confidence below, noise shown.
type QuotesFilters = (bool, bool, Option<f32>, bool);

/// The quotes table.
#[derive(Debug)]
pub struct QuotesTable {
    direct: bool,
    indirect: bool,
    confidence: ConfidenceFilter,
    /// Show the reported speech whose speaker is not an actor.
    show_noise: bool,
    /// The noise rows as (article, quote index), for the documents' revision.
    noise: (u64, BTreeSet<(usize, usize)>),
    table: Table<QuotesFilters>,
}

impl Default for QuotesTable {
    fn default() -> Self {
        Self {
            direct: true,
            indirect: true,
            confidence: ConfidenceFilter::default(),
            show_noise: false,
            noise: (0, BTreeSet::new()),
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
        if self.noise.0 != view.doc_revision {
            let flags = noise::noise_rows(view.documents, view.corpus);
            let set = view
                .corpus
                .quotes
                .iter()
                .zip(flags)
                .filter(|(_, n)| *n)
                .map(|(r, _)| (r.document, r.quote.index()))
                .collect();
            self.noise = (view.doc_revision, set);
        }
        ui.horizontal(|ui| {
            self.confidence.ui(ui, "quotes");
            ui.separator();
            let hidden = self.noise.1.len();
            let text = if self.show_noise {
                format!("{hidden} not by an actor, shown")
            } else {
                format!("{hidden} hidden, show")
            };
            ui.checkbox(&mut self.show_noise, text).on_hover_text(
                "Reported speech whose “speaker” is no person, organisation, group, office \
                 or place (a thing, an abstract noun, a time) is hidden by default",
            );
        });
        let (direct, indirect, below) = (self.direct, self.indirect, self.confidence.active());
        let show_noise = self.show_noise;
        let noise_set = &self.noise.1;
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
                    dim_cell(ui, speaker, r.confidence);
                },
            },
            TableColumn {
                title: "Quote",
                width: Column::remainder().at_least(120.0).clip(true),
                compare: |x, y, _| x.text.cmp(&y.text),
                text: |r, _| r.text.clone(),
                cell: |ui, r, _| dim_cell(ui, &r.text, r.confidence),
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
        let filters = (direct, indirect, below, show_noise);
        self.table.ui(ui, view, &spec, rows, filters, |r| {
            (if r.direct { direct } else { indirect })
                && below.is_none_or(|t| r.confidence < t)
                && (show_noise || !noise_set.contains(&(r.document, r.quote.index())))
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

/// A cell drawn dimmed when the quote's confidence is below [`LOW_CONFIDENCE`].
fn dim_cell(ui: &mut egui::Ui, text: &str, confidence: f32) {
    if confidence < LOW_CONFIDENCE {
        let weak = ui.visuals().weak_text_color();
        ui.add(
            egui::Label::new(egui::RichText::new(text).color(weak))
                .truncate()
                .selectable(false),
        );
    } else {
        cell_text(ui, text);
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
