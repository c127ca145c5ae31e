//! The pipeline's settings, saved with each project: which stages are switched off and which
//! entity recogniser runs.

use serde::{Deserialize, Serialize};

/// The entity recognisers [`PipelineSettings::recogniser`] can name: the hybrid (the trained
/// model corrected by the rule layer, the default), the rule layer alone and the model alone.
pub const RECOGNISERS: [&str; 3] = ["entities", "entities-rules", "entities-model"];

/// The pipeline's settings, saved with each project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "SavedSettings")]
pub struct PipelineSettings {
    /// Names of stages that are switched off (`"cooccurrence"` switches off co-occurrence
    /// relations).
    pub disabled_stages: Vec<String>,
    /// The name of the stage that recognises entities, one of [`RECOGNISERS`].
    pub recogniser: String,
}

impl Default for PipelineSettings {
    fn default() -> Self {
        Self {
            disabled_stages: Vec::new(),
            recogniser: RECOGNISERS[0].to_owned(),
        }
    }
}

impl PipelineSettings {
    /// Whether the stage called `name` runs (is not switched off).
    pub fn runs(&self, name: &str) -> bool {
        !self.disabled_stages.iter().any(|d| d == name)
    }
}

/// The settings as files hold them: files written before the recogniser could be chosen
/// have none (the default), and older files switch co-occurrence off with a flag of its own
/// (`cooccurrence: false`), read as the disabled stage `cooccurrence`.
#[derive(Deserialize)]
#[serde(default, rename = "PipelineSettings")]
struct SavedSettings {
    disabled_stages: Vec<String>,
    recogniser: String,
    cooccurrence: bool,
}

impl Default for SavedSettings {
    fn default() -> Self {
        Self {
            disabled_stages: Vec::new(),
            recogniser: RECOGNISERS[0].to_owned(),
            cooccurrence: true,
        }
    }
}

impl From<SavedSettings> for PipelineSettings {
    fn from(saved: SavedSettings) -> Self {
        let mut settings = Self {
            disabled_stages: saved.disabled_stages,
            recogniser: saved.recogniser,
        };
        if !saved.cooccurrence && settings.runs("cooccurrence") {
            settings.disabled_stages.push("cooccurrence".to_owned());
        }
        settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_cooccurrence_flag_reads_as_a_disabled_stage() {
        let old: PipelineSettings = ron::from_str(
            "PipelineSettings(disabled_stages: [\"relations\"], cooccurrence: false)",
        )
        .unwrap();
        assert_eq!(old.disabled_stages, ["relations", "cooccurrence"]);
        assert!(!old.runs("cooccurrence") && old.runs("quotes"));
        assert_eq!(old.recogniser, "entities");
        let both: PipelineSettings = ron::from_str(
            "PipelineSettings(disabled_stages: [\"cooccurrence\"], cooccurrence: false)",
        )
        .unwrap();
        assert_eq!(both.disabled_stages, ["cooccurrence"]);
        let on: PipelineSettings = ron::from_str("(cooccurrence: true)").unwrap();
        assert_eq!(on, PipelineSettings::default());
        // Written and read back: one switch, and the chosen recogniser.
        let chosen = PipelineSettings {
            disabled_stages: vec!["cooccurrence".into()],
            recogniser: "entities-rules".into(),
        };
        let text = ron::to_string(&chosen).unwrap();
        assert!(!text.contains("cooccurrence:"), "{text}");
        assert_eq!(ron::from_str::<PipelineSettings>(&text).unwrap(), chosen);
    }
}
