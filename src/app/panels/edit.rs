//! Editing single quotes and mentions: the actions the reading view offers for the selected
//! quote or mention and in its context menu, and the quotes and entities tables in their
//! row context menus. Each action pushes a [`Command`]; the edit is stored in the project's
//! curation (see [`crate::project::edits`]) at the end of the frame, undoably.

use egui::PopupCloseBehavior;
use egui::containers::menu::{self, MenuConfig};

use crate::app::command::Command;
use crate::model::{Document, EntityType, Mention, Quote, Span};

/// The types a mention can be given by hand, with a word on each.
pub const EDITABLE_TYPES: [(EntityType, &str); 6] = [
    (EntityType::Person, "person"),
    (EntityType::Org, "organisation"),
    (EntityType::Loc, "place"),
    (EntityType::Norp, "nationality or group"),
    (EntityType::Misc, "other name"),
    (EntityType::Title, "office or title"),
];

/// The bytes between two spans (0 when they overlap).
fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The actions on one quote: Delete, Confirm and Set speaker (a searchable list of the
/// article's entities).
pub fn quote_actions_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    document: usize,
    quote: &Quote,
    commands: &mut Vec<Command>,
) {
    let content = quote.content;
    if ui
        .button("Delete quote")
        .on_hover_text("Not a quotation: remove it (Ctrl+Z brings it back)")
        .clicked()
    {
        commands.push(Command::DeleteQuote { document, content });
        ui.close();
    }
    if ui
        .button("Confirm attribution")
        .on_hover_text("The speaker is right: confidence 1.0, rule “researcher”")
        .clicked()
    {
        commands.push(Command::ConfirmQuote { document, content });
        ui.close();
    }
    // Typing in the search field must not close the menu.
    let config = MenuConfig::new().close_behavior(PopupCloseBehavior::CloseOnClickOutside);
    let picker = |ui: &mut egui::Ui| speaker_picker_ui(ui, doc, document, quote, commands);
    if menu::is_in_menu(ui) {
        menu::SubMenuButton::new("Set speaker…")
            .config(config)
            .ui(ui, picker);
    } else {
        menu::MenuButton::new("Set speaker…")
            .config(config)
            .ui(ui, picker);
    }
}

/// A search field and the article's entities that match it; clicking one makes it the
/// quote's speaker.
fn speaker_picker_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    document: usize,
    quote: &Quote,
    commands: &mut Vec<Command>,
) {
    let id = egui::Id::unique(("speaker_search", document, quote.content));
    let mut search: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label("Find speaker:");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut search)
                    .hint_text("name")
                    .desired_width(180.0),
            )
            .labelled_by(label.id);
        // Typing goes to the search field as soon as the list opens.
        if ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
    });
    let needle = search.trim().to_lowercase();
    let a = &doc.annotations;
    let mut candidates: Vec<(&str, EntityType, Span)> = a
        .entities
        .iter()
        .filter(|e| !matches!(e.entity_type, EntityType::Title | EntityType::Other))
        .filter(|e| needle.is_empty() || e.canonical_name.to_lowercase().contains(&needle))
        .filter_map(|e| {
            // The entity's mention nearest the quote (outside it if it has one there).
            let mention = e
                .mentions
                .iter()
                .filter_map(|m| a.mention(*m))
                .min_by_key(|m| {
                    (
                        quote.content.contains(m.span),
                        distance(m.span, quote.content),
                    )
                })?;
            Some((e.canonical_name.as_str(), e.entity_type, mention.span))
        })
        .collect();
    // People first, then by name.
    candidates.sort_by(|x, y| {
        (x.1 != EntityType::Person, x.0.to_lowercase())
            .cmp(&(y.1 != EntityType::Person, y.0.to_lowercase()))
    });
    candidates.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
    if candidates.is_empty() {
        ui.weak("No entity of this article matches.");
    }
    egui::ScrollArea::vertical()
        .id_salt(("speaker_candidates", document))
        .max_height(240.0)
        .show(ui, |ui| {
            for (name, entity_type, mention) in candidates {
                if ui
                    .button(format!("{name} ({})", entity_type.label()))
                    .clicked()
                {
                    commands.push(Command::SetQuoteSpeaker {
                        document,
                        content: quote.content,
                        speaker: name.to_owned(),
                        mention,
                    });
                    search.clear();
                    ui.close();
                }
            }
        });
    ui.data_mut(|d| d.insert_temp(id, search));
}

/// The actions on one mention: Delete, Move to entity or split off (the mentions dialog,
/// `entity_edit.rs`) and Change type.
pub fn mention_actions_ui(
    ui: &mut egui::Ui,
    document: usize,
    mention: &Mention,
    commands: &mut Vec<Command>,
) {
    let span = mention.span;
    if ui
        .button("Delete mention")
        .on_hover_text("A false positive: remove it (Ctrl+Z brings it back)")
        .clicked()
    {
        commands.push(Command::DeleteMention { document, span });
        ui.close();
    }
    if ui
        .button("Move to entity or split off…")
        .on_hover_text("Give this mention to another entity, or to a new one of its own")
        .clicked()
    {
        commands.push(Command::Entities(
            crate::app::entity_edits::EntityCommand::OpenMentions {
                key: None,
                chosen: vec![(document, span)],
            },
        ));
        ui.close();
    }
    ui.menu_button("Change type…", |ui| {
        for (entity_type, word) in EDITABLE_TYPES {
            if ui
                .selectable_label(
                    mention.entity_type == entity_type,
                    format!("{} — {word}", entity_type.label()),
                )
                .clicked()
            {
                if mention.entity_type != entity_type {
                    commands.push(Command::RetypeMention {
                        document,
                        span,
                        entity_type,
                    });
                }
                ui.close();
            }
        }
    });
}

/// One line on a quote: its start, speaker and confidence.
pub fn quote_summary(doc: &Document, quote: &Quote, speaker: &str) -> String {
    let words = crate::project::edits::excerpt(quote.content.text(&doc.text));
    let speaker = if speaker.is_empty() {
        "unknown"
    } else {
        speaker
    };
    format!(
        "“{words}…” · speaker: {speaker} · {:.2} ({})",
        quote.provenance.confidence, quote.provenance.rule
    )
}
