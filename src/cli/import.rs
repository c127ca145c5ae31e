//! `quarry import`: create or extend a project.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::model::{Document, content_hash};
use quarry::pipeline::Pipeline;
use quarry::project::Project;
use quarry::{Result, ingest};

use super::{extract_all, read_articles_with};

/// `quarry import` (see [`Command::Import`]).
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project file to create or extend.
    pub project: PathBuf,
    /// Article files or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Read files of up to this many megabytes (default 100; see `ingest::IngestLimits`).
    #[arg(long, value_name = "MB")]
    pub max_file_mb: Option<u64>,
    /// Follow symbolic links that point out of the folders given.
    #[arg(long)]
    pub follow_links: bool,
}

/// Runs the subcommand.
pub(crate) fn run(args: &ImportArgs) -> Result<ExitCode> {
    let path = &args.project;
    // The lock is held until the project is saved (and this function returns).
    let opened = Project::open(path, true)?;
    if let Some(reason) = &opened.read_only {
        eprintln!("error: {reason}");
        return Ok(ExitCode::FAILURE);
    }
    if let Some(stale) = opened.lock.as_ref().and_then(|l| l.took_over.as_ref()) {
        eprintln!(
            "took over the lock left by {}, which no longer runs",
            stale.describe()
        );
    }
    for temp in &opened.removed_temps {
        eprintln!("removed {} (left by an interrupted save)", temp.display());
    }
    let (mut project, _lock) = (opened.project, opened.lock);
    let options = ingest::IngestOptions {
        limits: args.max_file_mb.map_or_else(
            ingest::IngestLimits::default,
            ingest::IngestLimits::with_max_file_mb,
        ),
        follow_links_outside: args.follow_links,
    };
    let (docs, failures) = read_articles_with(&args.paths, &options);
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
