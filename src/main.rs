//! The `quarry` binary: the GUI by default, headless subcommands otherwise.

fn main() {}
