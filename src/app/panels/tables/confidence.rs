//! What the quotes and relations tables show of a row's confidence: the "low confidence
//! only" filter with its threshold, and the Confidence cell (hovering shows the rule).

use egui::Sense;
use egui_extras::Column;

use super::table::TableColumn;

/// The default threshold of the "low confidence only" filter.
pub const LOW_CONFIDENCE: f32 = 0.6;

/// The "low confidence only" switch and its threshold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConfidenceFilter {
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
    /// The switch and the threshold slider; `what` is the rows, plural ("quotes").
    pub fn ui(&mut self, ui: &mut egui::Ui, what: &str) {
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
    pub fn active(self) -> Option<f32> {
        self.only_low.then_some(self.threshold)
    }
}

/// A row with a confidence and the rule that gave it.
pub trait Scored {
    /// The confidence, 0 to 1.
    fn confidence(&self) -> f32;
    /// The rule that gave it.
    fn rule(&self) -> &str;
}

/// The "Confidence" column (hovering a cell shows the rule).
pub fn confidence_column<R: Scored>() -> TableColumn<R> {
    TableColumn {
        title: "Confidence",
        width: Column::initial(80.0).at_least(60.0),
        compare: |x, y, _| x.confidence().total_cmp(&y.confidence()),
        text: |r, _| format!("{:.2}", r.confidence()),
        cell: |ui, r, _| confidence_cell(ui, r.confidence(), r.rule()),
    }
}

/// A confidence cell; hovering shows the rule that gave it.
fn confidence_cell(ui: &mut egui::Ui, confidence: f32, rule: &str) {
    ui.add(
        egui::Label::new(format!("{confidence:.2}"))
            .selectable(false)
            .sense(Sense::hover()),
    )
    .on_hover_text(format!("rule: {rule}"));
}
