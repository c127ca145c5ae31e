//! The status bar: background progress with Cancel, the latest message, counts, and how
//! many quote, mention and relation edits no longer match the extraction (a button opening
//! the list of them).

use crate::app::command::Command;
use crate::app::corpus::CorpusView;
use crate::app::tasks::Task;
use crate::app::{Notice, NoticeLevel, theme};
use crate::project::edits::EditReport;

/// The status bar.
#[allow(clippy::too_many_arguments)]
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    task: Option<&Task>,
    notice: Option<&Notice>,
    problems: usize,
    show_problems: &mut bool,
    corpus: &CorpusView,
    edits: EditReport,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if let Some(task) = task {
            let p = task.progress();
            let fraction = if p.total == 0 {
                0.0
            } else {
                p.done as f32 / p.total as f32
            };
            let text = if p.total == 0 {
                format!("{}…", task.label)
            } else {
                format!("{} {} of {}  {}", p.phase, p.done, p.total, p.current)
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(360.0)
                    .text(text)
                    .animate(true),
            );
            let cancel = ui.add_enabled(!task.is_cancelling(), egui::Button::new("Cancel"));
            if cancel.clicked() {
                commands.push(Command::CancelTask);
            }
            ui.separator();
        } else if let Some(notice) = notice {
            let visuals = ui.visuals().clone();
            let color = match notice.level {
                NoticeLevel::Info => visuals.text_color(),
                NoticeLevel::Warning => theme::warning_color(&visuals),
                NoticeLevel::Error => theme::error_color(&visuals),
            };
            ui.add(egui::Label::new(egui::RichText::new(&notice.text).color(color)).truncate());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(format!(
                "{} articles · {} entities · {} quotes · {} relations",
                corpus.articles.len(),
                corpus.graph.nodes.len(),
                corpus.quotes.len(),
                corpus.relations.len()
            ));
            if problems > 0 && ui.button(format!("{problems} unreadable files")).clicked() {
                *show_problems = true;
            }
            if !edits.all_matched() {
                let text = unmatched_text(edits);
                let shown = egui::RichText::new(text).color(theme::warning_color(ui.visuals()));
                if ui
                    .button(shown)
                    .on_hover_text(
                        "Edits you made that the current extraction no longer has (after \
                         re-extraction). They stay in the project file; click to list them, \
                         remove them or re-anchor them.",
                    )
                    .clicked()
                {
                    commands.push(Command::ToggleUnmatchedEdits);
                }
            }
        });
    });
}

/// "2 quote edits no longer match · 1 mention edit no longer matches".
pub fn unmatched_text(edits: EditReport) -> String {
    let part = |n: usize, what: &str| match n {
        0 => None,
        1 => Some(format!("1 {what} edit no longer matches")),
        n => Some(format!("{n} {what} edits no longer match")),
    };
    [
        part(edits.unmatched_quotes, "quote"),
        part(edits.unmatched_mentions, "mention"),
        part(edits.unmatched_relations, "relation"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}
