//! The researcher's edits of corpus-level entities: renaming one, merging several picked
//! rows in one step, and moving chosen mentions to another entity or splitting them off
//! into a new one. The panels push an [`EntityCommand`]; it runs here at the end of the
//! frame, undoably (one undo step a command, however many articles it touches). Renames
//! and merges go to the entity curation by node key
//! ([`crate::project::EntityCuration::renames`], `merges`); mention decisions to the
//! articles' edits by mention span ([`crate::project::edits::EntityEdit`]).

use crate::model::Span;
use crate::project::edits::EntityEdit;

use super::App;

/// A mention: the article (index) and the mention's span.
pub type MentionAt = (usize, Span);

/// An edit of corpus-level entities (or opening the dialog that makes one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntityCommand {
    /// Open the rename dialog for the node with this key.
    OpenRename(String),
    /// Open the dialog of a node's mentions (split off, move), with `chosen` ticked. Without
    /// a key, the node is the first chosen mention's.
    OpenMentions {
        /// The node key.
        key: Option<String>,
        /// The mentions ticked.
        chosen: Vec<MentionAt>,
    },
    /// Show the node with key `key` as `name` (an empty name: back to the resolved one).
    Rename {
        /// The node key.
        key: String,
        /// The new name.
        name: String,
    },
    /// Merge the nodes `merge` into `into` (one undo step).
    Merge {
        /// The keys of the nodes that join `into`.
        merge: Vec<String>,
        /// The key of the node that stays (and whose name the merged node keeps).
        into: String,
    },
    /// Merge the rows picked in the entities table into `into` (`None`: into the picked
    /// node with the most mentions).
    MergePicked {
        /// The key of the node that stays.
        into: Option<String>,
    },
    /// Move mentions to the node with key `key`, called `name`.
    Move {
        /// The mentions.
        mentions: Vec<MentionAt>,
        /// The node key.
        key: String,
        /// The node's name.
        name: String,
    },
    /// Split mentions off into a new entity called `name`.
    Split {
        /// The mentions.
        mentions: Vec<MentionAt>,
        /// The new entity's name.
        name: String,
    },
    /// Forget the move or split decisions about these mentions.
    Restore {
        /// The mentions.
        mentions: Vec<MentionAt>,
    },
}

impl App {
    /// Runs an entity command.
    pub(super) fn run_entity_command(&mut self, command: EntityCommand) {
        match command {
            EntityCommand::OpenRename(key) => {
                if let Some(node) = self.corpus.graph.node_index(&key) {
                    let node = &self.corpus.graph.nodes[node];
                    self.entity_dialog.open_rename(&node.key, &node.name);
                }
            }
            EntityCommand::OpenMentions { key, chosen } => {
                let key = key.or_else(|| {
                    let &(document, span) = chosen.first()?;
                    let doc = self.documents.get(document)?;
                    let entity = doc.annotations.mentions.iter().find(|m| m.span == span)?;
                    let node = self.corpus.graph.node_of(document, entity.entity?)?;
                    Some(self.corpus.graph.nodes.get(node)?.key.clone())
                });
                if let Some(key) = key {
                    let first = chosen
                        .first()
                        .and_then(|&(d, s)| Some(s.text(&self.documents.get(d)?.text)))
                        .unwrap_or_default()
                        .to_owned();
                    self.entity_dialog.open_mentions(key, chosen, first);
                }
            }
            EntityCommand::Rename { key, name } => {
                let name = name.trim().to_owned();
                self.change_entity_curation(|c| {
                    if name.is_empty() {
                        c.renames.remove(&key);
                    } else {
                        c.renames.insert(key, name);
                    }
                });
            }
            EntityCommand::Merge { merge, into } => self.merge_entities(&merge, &into),
            EntityCommand::MergePicked { into } => {
                let picked = self.entities_table.picked_keys();
                let graph = &self.corpus.graph;
                let into = into.or_else(|| {
                    picked
                        .iter()
                        .filter_map(|k| graph.node_index(k).map(|n| (k, &graph.nodes[n])))
                        .rev()
                        .max_by_key(|(_, n)| n.mentions)
                        .map(|(k, _)| k.clone())
                });
                if let Some(into) = into {
                    self.merge_entities(&picked, &into);
                    self.entities_table.clear_picked();
                }
            }
            EntityCommand::Move {
                mentions,
                key,
                name,
            } => self.decide_mentions(&mentions, |text| {
                Some(EntityEdit::Move {
                    text: text.to_owned(),
                    key: key.clone(),
                    name: name.clone(),
                })
            }),
            EntityCommand::Split { mentions, name } => {
                let name = name.trim().to_owned();
                if !name.is_empty() {
                    self.decide_mentions(&mentions, |text| {
                        Some(EntityEdit::Split {
                            text: text.to_owned(),
                            name: name.clone(),
                        })
                    });
                }
            }
            EntityCommand::Restore { mentions } => self.decide_mentions(&mentions, |_| None),
        }
    }

    /// Merges the nodes `merge` (other than `into`) into `into`, one undo step. Merging back
    /// into a node merged away from it undoes that merge.
    fn merge_entities(&mut self, merge: &[String], into: &str) {
        self.change_entity_curation(|c| {
            for m in merge.iter().filter(|m| *m != into) {
                if c.merges.get(into) == Some(m) {
                    c.merges.remove(into);
                }
                c.merges.insert(m.clone(), into.to_owned());
            }
        });
    }

    /// Sets (or, where `decision` gives `None`, forgets) the entity decision about each
    /// mention, from the mention's words; one undo step for all.
    fn decide_mentions(
        &mut self,
        mentions: &[MentionAt],
        decision: impl Fn(&str) -> Option<EntityEdit>,
    ) {
        let before = self.project.curation.clone();
        for &(document, span) in mentions {
            let Some(raw) = self.project.documents.get(document) else {
                continue;
            };
            let Some(words) = raw.text.get(span.range()) else {
                continue;
            };
            let edits = self
                .project
                .curation
                .edits
                .entry(raw.id.clone())
                .or_default();
            match decision(words) {
                Some(edit) => {
                    edits.entities.insert(span, edit);
                }
                None => {
                    edits.entities.remove(&span);
                }
            }
            if edits.is_empty() {
                self.project.curation.edits.remove(&raw.id);
            }
        }
        if self.project.curation != before {
            self.undo.push(before);
            self.redo.clear();
            self.edit_revision += 1;
        }
    }
}
