//! The headless command line: `quarry extract`, `quarry import`, `quarry eval`.
