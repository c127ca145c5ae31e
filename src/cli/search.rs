//! `quarry search`: keyword-in-context lines of a query over a project's articles.

use std::fmt::Write as _;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::Args;

use quarry::Result;
use quarry::graph::EntityGraph;
use quarry::project::Project;
use quarry::search::{SearchIndex, SearchOptions, kwic_lines};

use super::curated_documents;

/// `quarry search` (see [`super::Command::Search`]).
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The project file.
    #[arg(value_name = "P.ron")]
    pub project: PathBuf,
    /// The query: words, "phrases", AND/OR/NOT, prefix*, entity:, type:, speaker:, outlet:,
    /// date:FROM..TO.
    pub query: String,
    /// At most this many lines.
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
    /// Characters of context each side.
    #[arg(long, default_value_t = 40)]
    pub width: usize,
    /// JSON Lines instead of tab-separated lines.
    #[arg(long)]
    pub json: bool,
}

fn clean(s: &str) -> String {
    s.replace('\t', " ")
}

/// Runs the subcommand: exit code 0 when the query ran (also with no hits), 1 for a bad
/// query or project.
pub(crate) fn run(args: &SearchArgs) -> Result<ExitCode> {
    let project = Project::load(&args.project)?;
    let docs = curated_documents(&project, &args.project);
    let graph = EntityGraph::new(&docs, &project.curation.entities);
    let index = match SearchIndex::build(&docs, &graph, &|_, _| {}, &AtomicBool::new(false)) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("error: {}: {e}", args.project.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    let options = SearchOptions {
        limit: args.limit,
        document: None,
    };
    let results = match index.search(&args.query, &docs, options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: query {:?}: {e}", args.query);
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut out = String::new();
    for line in kwic_lines(&docs, &results.hits, args.width) {
        if args.json {
            let value = serde_json::json!({
                "article": line.article,
                "char_start": line.char_start,
                "char_end": line.char_start + line.matched.chars().count(),
                "left": line.left,
                "match": line.matched,
                "right": line.right,
                "date": line.date,
            });
            out.push_str(&value.to_string());
        } else {
            let _ = write!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                line.article,
                line.char_start,
                clean(&line.left),
                clean(&line.matched),
                clean(&line.right)
            );
        }
        out.push('\n');
    }
    super::print_stdout(&out)?;
    eprintln!(
        "{} hit(s) shown; {} sentence(s) in {} article(s) match{}",
        results.hits.len(),
        results.sentences,
        results.per_article.len(),
        if results.truncated {
            " (more hits than --limit)"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}
