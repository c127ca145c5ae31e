//! `quarry extract`: extractions as JSON Lines in the interchange format.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::Result;
use quarry::interchange;
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::project::Project;

use super::{curated_documents, extract_all, read_articles, write_records};

/// `quarry extract` (see [`Command::Extract`]).
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files or folders (folders are walked recursively).
    pub paths: Vec<PathBuf>,
    /// Extract from each record's `text` of this JSONL file, keeping its `id`.
    #[arg(long, value_name = "FILE")]
    pub input_jsonl: Option<PathBuf>,
    /// Print this project's current extractions (nothing is re-run).
    #[arg(long, value_name = "P.ron")]
    pub project: Option<PathBuf>,
    /// Write each document's id, text and metadata without extracting: the input for
    /// `--input-jsonl` on a cluster (see README, "Running on a cluster").
    #[arg(long)]
    pub text_only: bool,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Runs the subcommand.
pub(crate) fn run(args: &ExtractArgs) -> Result<ExitCode> {
    if args.paths.is_empty() && args.input_jsonl.is_none() && args.project.is_none() {
        eprintln!(
            "error: nothing to extract from: give article files or folders, --input-jsonl FILE \
             or --project P.ron"
        );
        return Ok(ExitCode::from(2));
    }
    if args.input_jsonl.as_deref() == Some(std::path::Path::new("-")) {
        return stream_stdin(args);
    }
    let mut records = Vec::new();
    let mut failures = 0;
    if let Some(path) = &args.project {
        match Project::load(path) {
            Ok(project) => records.extend(
                curated_documents(&project, path)
                    .iter()
                    .map(interchange::project_record_from_document),
            ),
            Err(e) => {
                eprintln!("error: {e}");
                failures += 1;
            }
        }
    }
    let pipeline = Pipeline::new(&PipelineSettings::default())?;
    let mut docs = Vec::new();
    if let Some(path) = &args.input_jsonl {
        match interchange::read_jsonl(path) {
            Ok(input) => docs.extend(input.iter().map(interchange::document_from_record)),
            Err(e) => {
                eprintln!("error: {e}");
                failures += 1;
            }
        }
    }
    if !args.paths.is_empty() {
        let (read, failed) = read_articles(&args.paths);
        docs.extend(read);
        failures += failed;
    }
    if args.text_only {
        records.extend(docs.iter().map(interchange::text_record_from_document));
    } else {
        extract_all(&pipeline, &mut docs)?;
        records.extend(docs.iter().map(interchange::project_record_from_document));
    }
    if records.is_empty() {
        eprintln!(
            "error: nothing could be processed ({failures} input(s) failed, no documents read)"
        );
        return Ok(ExitCode::FAILURE);
    }
    write_records(&records, args.output.as_deref())?;
    if failures > 0 {
        eprintln!(
            "extracted {} document(s); {failures} input(s) failed (see above)",
            records.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Records extracted per batch when streaming.
const STREAM_BATCH: usize = 64;

/// Streams `--input-jsonl -`: reads records from stdin in batches, extracts each batch and
/// writes its records (in input order) before reading on. A bad line is reported on stderr
/// with its line number and skipped.
fn stream_stdin(args: &ExtractArgs) -> Result<ExitCode> {
    use std::io::{BufRead as _, Write as _};
    let pipeline = Pipeline::new(&PipelineSettings::default())?;
    let stdin = std::io::stdin();
    let mut out: Box<dyn std::io::Write> = match args.output.as_deref() {
        Some(path) if path != std::path::Path::new("-") => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| quarry::Error::io(path, e))?,
        )),
        _ => Box::new(std::io::stdout().lock()),
    };
    let stdin_path = std::path::Path::new("<stdin>");
    let mut failures = 0usize;
    let mut batch = Vec::with_capacity(STREAM_BATCH);
    let mut lines = stdin.lock().lines().enumerate().peekable();
    while lines.peek().is_some() {
        batch.clear();
        while batch.len() < STREAM_BATCH {
            let Some((i, line)) = lines.next() else { break };
            let line = line.map_err(|e| quarry::Error::io(stdin_path, e))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<interchange::Record>(&line) {
                Ok(record) => batch.push(interchange::document_from_record(&record)),
                Err(e) => {
                    eprintln!(
                        "error: <stdin> line {}: not an interchange record: {e}",
                        i + 1
                    );
                    failures += 1;
                }
            }
        }
        pipeline.run_all(
            &mut batch,
            &|_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )?;
        let records: Vec<_> = batch
            .iter()
            .map(interchange::project_record_from_document)
            .collect();
        interchange::write_jsonl(&mut out, &records)
            .map_err(|e| quarry::Error::io(stdin_path, e))?;
        out.flush().map_err(|e| quarry::Error::io(stdin_path, e))?;
    }
    if failures > 0 {
        eprintln!("{failures} input line(s) failed (see above)");
    }
    Ok(ExitCode::SUCCESS)
}
