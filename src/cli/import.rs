//! `quarry import`: create or extend a project.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::model::{Document, content_hash};
use quarry::pipeline::Pipeline;
use quarry::project::Project;
use quarry::{Result, ingest, interchange};

use super::{extract_all, read_articles_with};

/// `quarry import` (see [`Command::Import`]).
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project file to create or extend.
    pub project: PathBuf,
    /// Article files or folders.
    #[arg(required_unless_present = "from_jsonl")]
    pub paths: Vec<PathBuf>,
    /// Add the documents of these `quarry extract` output files (shards) as they are,
    /// without extracting again (see README, "Running on a cluster").
    #[arg(long, value_name = "SHARD", num_args = 1.., conflicts_with = "paths")]
    pub from_jsonl: Vec<PathBuf>,
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
    for warning in &opened.warnings {
        eprintln!("warning: {warning}");
    }
    let (mut project, _lock) = (opened.project, opened.lock);
    let options = ingest::IngestOptions {
        limits: args.max_file_mb.map_or_else(
            ingest::IngestLimits::default,
            ingest::IngestLimits::with_max_file_mb,
        ),
        follow_links_outside: args.follow_links,
    };
    let from_shards = !args.from_jsonl.is_empty();
    let (docs, failures) = if from_shards {
        if project.settings != quarry::pipeline::PipelineSettings::default() {
            eprintln!(
                "warning: {} has its own pipeline settings; the shards were extracted by \
                 `quarry extract` with the default settings",
                path.display()
            );
        }
        read_shards(&args.from_jsonl)
    } else {
        read_articles_with(&args.paths, &options)
    };
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
    if !from_shards {
        let pipeline = Pipeline::new(&project.settings)?;
        extract_all(&pipeline, &mut new)?;
    }
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
        let what = if from_shards {
            "line(s) or shard(s)"
        } else {
            "file(s)"
        };
        let _ = write!(summary, ", {failures} {what} failed");
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

/// Reads `quarry extract` output files: each line one document with its annotations. A bad
/// line is reported on stderr with its file and line number and skipped; an unreadable
/// file is reported and skipped. Returns the documents in order and the failures.
fn read_shards(shards: &[PathBuf]) -> (Vec<Document>, usize) {
    use std::io::BufRead as _;
    let mut docs = Vec::new();
    let mut failures = 0;
    for shard in shards {
        let file = match std::fs::File::open(shard) {
            Ok(file) => file,
            Err(e) => {
                eprintln!("error: {}: {e}", shard.display());
                failures += 1;
                continue;
            }
        };
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = match line {
                Ok(line) => line,
                Err(e) => {
                    eprintln!("error: {} line {}: {e}", shard.display(), i + 1);
                    failures += 1;
                    break;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let parsed = serde_json::from_str::<interchange::Record>(&line)
                .map_err(|e| format!("not an interchange record: {e}"))
                .and_then(interchange::document_from_project_record);
            match parsed {
                Ok(doc) => docs.push(doc),
                Err(e) => {
                    eprintln!("error: {} line {}: {e}", shard.display(), i + 1);
                    failures += 1;
                }
            }
        }
    }
    (docs, failures)
}
