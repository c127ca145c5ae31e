//! The abbreviation table of the sentence splitter and tokeniser, compiled in from
//! `assets/lexicon/abbreviations.txt` (a table of its own, below the tokeniser, because the
//! tokeniser that builds the other word lists' phrase tables needs it).

use std::sync::LazyLock;

use super::text::{FxSet, content_lines};

/// Abbreviations for the sentence splitter and tokeniser.
pub struct Abbreviations {
    /// Abbreviations that never end a sentence ("mr", "gen", "no"), lowercase, no final dot.
    pub(crate) prefix: FxSet<&'static str>,
    /// Other abbreviations ("u.s", "p.m", "inc").
    pub(crate) other: FxSet<&'static str>,
}

const ABBREVIATIONS: &str = include_str!("../../assets/lexicon/abbreviations.txt");
static ABBREVIATIONS_TABLE: LazyLock<Abbreviations> = LazyLock::new(Abbreviations::build);

/// The shared abbreviation table.
pub fn abbreviations() -> &'static Abbreviations {
    &ABBREVIATIONS_TABLE
}

impl Abbreviations {
    fn build() -> Self {
        let mut prefix = FxSet::default();
        let mut other = FxSet::default();
        let mut prefix_section = true;
        for line in content_lines(ABBREVIATIONS) {
            match line {
                "[prefix]" => prefix_section = true,
                "[other]" => prefix_section = false,
                word if prefix_section => {
                    prefix.insert(word);
                }
                word => {
                    other.insert(word);
                }
            }
        }
        Self { prefix, other }
    }

    /// True when `lower` (lowercase, no final dot) is a known abbreviation.
    pub fn contains(&self, lower: &str) -> bool {
        self.prefix.contains(lower) || self.other.contains(lower)
    }
}

/// Abbreviations that only stand before a number ("No. 5"); elsewhere they are words.
pub(crate) fn is_number_abbreviation(lower: &str) -> bool {
    matches!(lower, "no" | "nos" | "art" | "fig" | "v")
}
