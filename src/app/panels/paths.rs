//! The Paths tab: a shortest chain of asserted relations between two chosen entities, each
//! step with the evidence sentence that supports it (`graph::paths::shortest_path`). Each
//! entity and each step is clickable: an entity selects it, a step selects its evidence
//! relation, which the reading view shows highlighted. Also the depth control of the
//! network view's neighbourhood mode.

use egui::RichText;

use crate::app::command::Command;
use crate::app::selection::{Item, Origin};
use crate::app::theme;
use crate::graph::EntityGraph;
use crate::graph::paths::{PathStep, evidence_sentence, shortest_path};

use super::View;

/// How many matching entities a picker lists.
const PICKER_ROWS: usize = 8;

/// The neighbourhood depth (1 or 2 steps) beside the network's "neighbourhood" switch.
/// Returns true when it changed.
pub fn depth_ui(ui: &mut egui::Ui, enabled: bool, depth: &mut usize) -> bool {
    let mut changed = false;
    ui.add_enabled_ui(enabled, |ui| {
        for d in [1, 2] {
            changed |= ui
                .selectable_value(depth, d, format!("depth {d}"))
                .on_hover_text(format!(
                    "Entities within {d} step{} of the selected one",
                    if d == 1 { "" } else { "s" }
                ))
                .changed();
        }
    });
    changed
}

/// One end of the path: the typed name and the chosen node key.
#[derive(Debug, Default)]
struct End {
    text: String,
    key: Option<String>,
}

/// The Paths tab's state.
/// What a found path depends on: (documents' revision, from, to).
type PathKey = (u64, String, String);

#[derive(Debug, Default)]
pub struct PathsPanel {
    from: End,
    to: End,
    /// (revision, from, to) → the path found.
    cache: Option<(PathKey, Option<Vec<PathStep>>)>,
}

/// The nodes whose name or alias contains `needle` (lower case), most mentioned first.
pub(super) fn matching(graph: &EntityGraph, needle: &str) -> Vec<usize> {
    let mut out: Vec<usize> = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            std::iter::once(&n.name)
                .chain(&n.aliases)
                .any(|a| a.to_lowercase().contains(needle))
        })
        .map(|(i, _)| i)
        .collect();
    out.sort_by(|&a, &b| {
        graph.nodes[b]
            .mentions
            .cmp(&graph.nodes[a].mentions)
            .then(a.cmp(&b))
    });
    out.truncate(PICKER_ROWS);
    out
}

/// A picker for one end: a name field, the selected entity button and the matches.
fn end_ui(ui: &mut egui::Ui, view: &View<'_>, label: &str, end: &mut End) {
    let graph = &view.corpus.graph;
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(&mut end.text)
                .hint_text("type a name")
                .desired_width(220.0),
        )
        .labelled_by(l.id);
        let selected = super::selected_node(view.documents, view.corpus, view.selection);
        if ui
            .add_enabled(selected.is_some(), egui::Button::new("Use selected entity"))
            .clicked()
            && let Some(node) = selected.and_then(|n| graph.nodes.get(n))
        {
            end.key = Some(node.key.clone());
            end.text.clear();
        }
        match end.key.as_deref().and_then(|k| graph.node_index(k)) {
            Some(n) => {
                let node = &graph.nodes[n];
                ui.label(theme::type_text(node.entity_type, &node.name, ui.visuals()).strong());
            }
            None => {
                ui.weak("none chosen");
            }
        }
    });
    let needle = end.text.trim().to_lowercase();
    if !needle.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for n in matching(graph, &needle) {
                let node = &graph.nodes[n];
                if ui
                    .button(format!("{} ({})", node.name, node.entity_type.label()))
                    .clicked()
                {
                    end.key = Some(node.key.clone());
                    end.text.clear();
                    // The list closes and what is below moves up: lay the frame out again
                    // rather than show it (and take clicks) where it was.
                    ui.ctx().request_discard("an entity was picked");
                }
            }
        });
    }
}

impl PathsPanel {
    /// The tab.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &mut View<'_>) {
        ui.label(
            "The shortest chain of asserted relations between two entities, each step with \
             its evidence sentence.",
        );
        end_ui(ui, view, "From:", &mut self.from);
        end_ui(ui, view, "To:", &mut self.to);
        ui.separator();
        let graph = &view.corpus.graph;
        let (Some(from_key), Some(to_key)) = (self.from.key.clone(), self.to.key.clone()) else {
            ui.weak("Choose both entities.");
            return;
        };
        let (Some(from), Some(to)) = (graph.node_index(&from_key), graph.node_index(&to_key))
        else {
            ui.weak("An entity chosen is no longer in the network.");
            return;
        };
        let key = (view.doc_revision, from_key, to_key);
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            self.cache = Some((key, shortest_path(graph, from, to)));
        }
        let Some((_, path)) = &self.cache else {
            return;
        };
        let Some(steps) = path else {
            ui.label(format!(
                "No chain of asserted relations joins {} and {}.",
                graph.nodes[from].name, graph.nodes[to].name
            ));
            return;
        };
        ui.label(
            RichText::new(format!(
                "{} step{} from {} to {}",
                steps.len(),
                if steps.len() == 1 { "" } else { "s" },
                graph.nodes[from].name,
                graph.nodes[to].name
            ))
            .strong(),
        );
        let mut commands = Vec::new();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, step) in steps.iter().enumerate() {
                    step_ui(ui, view, i, step, &mut commands);
                }
            });
        view.commands.extend(commands);
    }
}

/// One step: the two entities (clickable), the relation, and its evidence (clickable).
fn step_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    i: usize,
    step: &PathStep,
    commands: &mut Vec<Command>,
) {
    let graph = &view.corpus.graph;
    let (Some(edge), Some(a), Some(b)) = (
        graph.edges.get(step.edge),
        graph.nodes.get(step.from),
        graph.nodes.get(step.to),
    ) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{}.", i + 1));
        if ui
            .link(&a.name)
            .on_hover_text("Select this entity")
            .clicked()
        {
            commands.push(Command::Select(
                Some(Item::Entity(a.key.clone())),
                Origin::Corpus,
            ));
        }
        // The relation as stated: head → tail, whichever way the step walks it.
        let forward = edge.source == step.from;
        // ASCII arrows: the fonts have no arrow glyphs.
        let (before, after) = match (edge.directed, forward) {
            (false, _) => ("—", "—"),
            (true, true) => ("--", "-->"),
            (true, false) => ("<--", "--"),
        };
        ui.label(format!(
            "{before} {} {after}",
            edge.relation_type.human_label()
        ));
        if ui
            .link(&b.name)
            .on_hover_text("Select this entity")
            .clicked()
        {
            commands.push(Command::Select(
                Some(Item::Entity(b.key.clone())),
                Origin::Corpus,
            ));
        }
        if edge.count() > 1 {
            ui.weak(format!("({} pieces of evidence)", edge.count()));
        }
    });
    let sentence = evidence_sentence(view.documents, step.evidence).unwrap_or_default();
    let article = super::tables::table::article_title(view, step.evidence.document);
    ui.indent(("path_step", i), |ui| {
        if ui
            .add(
                egui::Label::new(RichText::new(sentence).italics())
                    .wrap()
                    .sense(egui::Sense::click()),
            )
            .on_hover_text("Show this sentence in its article")
            .clicked()
        {
            commands.push(Command::Select(
                Some(Item::Relation {
                    document: step.evidence.document,
                    relation: step.evidence.relation,
                }),
                Origin::Corpus,
            ));
        }
        ui.weak(article);
    });
    ui.add_space(4.0);
}
