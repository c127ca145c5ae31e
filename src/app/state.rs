//! What the workbench remembers between runs (through eframe's storage): recent projects,
//! the last project, the open tab and view settings. Never the project itself, the
//! selection or the undo history.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent projects the File menu lists.
pub const MAX_RECENT: usize = 8;

/// The tabs of the central area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    /// The entities table.
    #[default]
    Entities,
    /// The quotes table.
    Quotes,
    /// The relations table.
    Relations,
    /// The network diagram.
    Network,
    /// Corpus search results (keyword in context).
    Search,
    /// Mentions and quotes of chosen entities over the articles' dates.
    Timeline,
    /// Actor charts: top speakers, most mentioned, most connected.
    Actors,
    /// Shortest paths between two entities.
    Paths,
}

impl Tab {
    /// Every tab, in display order.
    pub const ALL: [Tab; 8] = [
        Tab::Entities,
        Tab::Quotes,
        Tab::Relations,
        Tab::Network,
        Tab::Search,
        Tab::Timeline,
        Tab::Actors,
        Tab::Paths,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Entities => "Entities",
            Tab::Quotes => "Quotes",
            Tab::Relations => "Relations",
            Tab::Network => "Network",
            Tab::Search => "Search",
            Tab::Timeline => "Timeline",
            Tab::Actors => "Actors",
            Tab::Paths => "Paths",
        }
    }
}

/// The persisted UI state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersistedState {
    /// Recently opened or saved projects, most recent first.
    pub recent_projects: Vec<PathBuf>,
    /// The project open when the app last closed.
    pub last_project: Option<PathBuf>,
    /// The open tab.
    pub tab: Tab,
}

impl PersistedState {
    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        self.recent_projects.retain(|p| p != path);
        self.recent_projects.insert(0, path.to_owned());
        self.recent_projects.truncate(MAX_RECENT);
        self.last_project = Some(path.to_owned());
    }
}
