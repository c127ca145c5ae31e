//! `quarry quotes`: quote attributions to review, weakest first.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::Result;
use quarry::interchange;
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::project::Project;

use super::{curated_documents, extract_all, read_articles};

/// `quarry quotes` (see [`Command::Quotes`]).
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Article files or folders.
    pub paths: Vec<PathBuf>,
    /// List this project's quotes (nothing is re-run).
    #[arg(long, value_name = "P.ron")]
    pub project: Option<PathBuf>,
    /// Extract from each record's `text` of this JSONL file.
    #[arg(long, value_name = "FILE")]
    pub input_jsonl: Option<PathBuf>,
    /// Only quotes whose confidence is at most this.
    #[arg(long, default_value_t = 1.0)]
    pub max_confidence: f32,
}

/// `quarry quotes`: every quote at or below `--max-confidence`, weakest first.
/// Runs the subcommand.
pub(crate) fn run(args: &QuotesArgs) -> Result<ExitCode> {
    let mut docs = Vec::new();
    if let Some(path) = &args.project {
        docs.extend(curated_documents(&Project::load(path)?, path));
    }
    let mut fresh = Vec::new();
    if let Some(path) = &args.input_jsonl {
        fresh.extend(
            interchange::read_jsonl(path)?
                .iter()
                .map(interchange::document_from_record),
        );
    }
    let (read, failures) = read_articles(&args.paths);
    fresh.extend(read);
    extract_all(&Pipeline::new(&PipelineSettings::default())?, &mut fresh)?;
    docs.extend(fresh);
    if docs.is_empty() {
        eprintln!("error: no documents: give article files or folders, --project or --input-jsonl");
        return Ok(ExitCode::FAILURE);
    }
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut rows = Vec::new();
    for doc in &docs {
        let ann = &doc.annotations;
        for q in &ann.quotes {
            if q.provenance.confidence > args.max_confidence {
                continue;
            }
            let speaker = q
                .speaker
                .map_or(String::from("-"), |s| one_line(s.text(&doc.text)));
            let entity = q
                .speaker_entity
                .and_then(|e| ann.entity(e))
                .map_or("-", |e| e.canonical_name.as_str());
            let cue = q
                .cue
                .map_or(String::from("-"), |c| one_line(c.text(&doc.text)));
            let kind = if q.direct { "direct" } else { "reported" };
            rows.push((
                q.provenance.confidence,
                format!(
                    "{}\t{:.2}\t{}\t{kind}\t{speaker} [{entity}]\t{cue}\t{}",
                    doc.id,
                    q.provenance.confidence,
                    q.provenance.rule,
                    one_line(q.content.text(&doc.text))
                ),
            ));
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = String::from("article\tconfidence\trule\tkind\tspeaker [entity]\tcue\tquote\n");
    for (_, row) in &rows {
        out.push_str(row);
        out.push('\n');
    }
    super::print_stdout(&out)?;
    eprintln!(
        "{} quote(s) listed from {} document(s)",
        rows.len(),
        docs.len()
    );
    Ok(if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
