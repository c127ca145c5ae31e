//! `quarry export P.ron --format FORMAT -o OUT`: the curated project out as CSV, GEXF,
//! `GraphML`, SVG, PNG, HTML or JSONL (see [`quarry::export`]).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::Result;
use quarry::export::{self, ExportOptions, Format};
use quarry::project::Project;

/// Arguments of `quarry export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// csv (a folder), gexf, graphml, svg, png, html or jsonl.
    #[arg(long, short = 'f')]
    pub format: String,
    /// Where to write: a folder for csv, else a file. Replaced atomically.
    #[arg(long, short = 'o')]
    pub output: PathBuf,
    /// Leave out entities with fewer mentions (and their edges).
    #[arg(long, default_value_t = 0)]
    pub min_mentions: usize,
    /// Only asserted relations (no co-occurrence).
    #[arg(long)]
    pub asserted_only: bool,
    /// Only these articles (by id; repeatable).
    #[arg(long = "article", num_args = 1..)]
    pub articles: Vec<String>,
    /// CSV: start each file with a UTF-8 byte-order mark, for Excel.
    #[arg(long)]
    pub excel: bool,
    /// Only what carries this tag: tagged quotes and relations (or those of a tagged
    /// article), tagged entities and the entities those involve.
    #[arg(long)]
    pub tag: Option<String>,
}

/// Runs `quarry export`; prints a summary line (`exported FORMAT to OUT: articles=… …`) on
/// stderr.
pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    let format: Format = args.format.parse()?;
    let project = Project::load(&args.project)?;
    let options = ExportOptions {
        min_mentions: args.min_mentions,
        asserted_only: args.asserted_only,
        articles: args.articles.clone(),
        excel_bom: args.excel,
        tag: args.tag.clone(),
    };
    let summary = export::export(&project, format, &options, &args.output)
        .map_err(|e| quarry::Error::Invalid(format!("{}: {e}", args.project.display())))?;
    eprintln!("exported {format} to {}: {summary}", args.output.display());
    Ok(ExitCode::SUCCESS)
}
