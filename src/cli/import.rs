//! `quarry import`: create or extend a project.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::Result;
use quarry::model::{Document, content_hash};
use quarry::pipeline::Pipeline;
use quarry::project::Project;

use super::{extract_all, read_articles};

/// `quarry import` (see [`Command::Import`]).
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project file to create or extend.
    pub project: PathBuf,
    /// Article files or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Runs the subcommand.
pub(crate) fn run(args: &ImportArgs) -> Result<ExitCode> {
    let path = &args.project;
    let mut project = if path.exists() {
        Project::load(path)?
    } else {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Project::new(name)
    };
    let (docs, failures) = read_articles(&args.paths);
    if docs.is_empty() {
        eprintln!(
            "error: no article could be read ({failures} failed); {} left unchanged",
            path.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    // Extract only what is new; duplicates still go to `add_documents` to be reported.
    let (mut new, duplicates): (Vec<Document>, Vec<Document>) = docs
        .into_iter()
        .partition(|d| !project.contains_content(&content_hash(&d.text)));
    let pipeline = Pipeline::new(&project.settings)?;
    extract_all(&pipeline, &mut new)?;
    new.extend(duplicates);
    let report = project.add_documents(new);
    project.save(path)?;
    let mut summary = format!(
        "{}: added {} document(s), skipped {} already in the project",
        path.display(),
        report.added.len(),
        report.skipped.len()
    );
    if failures > 0 {
        let _ = write!(summary, ", {failures} file(s) failed");
    }
    let _ = write!(
        summary,
        "; the project now holds {} document(s)",
        project.documents.len()
    );
    eprintln!("{summary}");
    let listed = 10;
    for skipped in report.skipped.iter().take(listed) {
        let source = skipped
            .path
            .as_ref()
            .map_or_else(|| skipped.id.clone(), |p| p.display().to_string());
        eprintln!(
            "  skipped {source}: same text as {:?}",
            skipped.duplicate_of
        );
    }
    Ok(ExitCode::SUCCESS)
}
