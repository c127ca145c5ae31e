//! The egui workbench (behind the `gui` feature).

use std::path::PathBuf;

/// Opens the workbench window. `paths` are what the command line named: one `.ron`
/// project, article files or folders, or nothing (the last or the demo project).
pub fn run(paths: Vec<PathBuf>) -> Result<(), String> {
    let _ = paths;
    Ok(())
}
