//! `quarry eval`: the figures of `shared/eval/score.py`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::eval::{self, EvalOptions};
use quarry::interchange;
use quarry::model::Document;
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::{Error, Result};

use super::extract_all;

/// `quarry eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold annotations (JSONL in the interchange format).
    pub gold: PathBuf,
    /// Score these predictions instead of extracting from the gold texts.
    #[arg(long, value_name = "PRED.jsonl")]
    pub pred: Option<PathBuf>,
    /// Coarse entity types to score, comma-separated.
    #[arg(long, default_value = "PER,ORG,LOC,MISC")]
    pub types: String,
    /// List entity errors and per-quote outcomes.
    #[arg(long)]
    pub errors: bool,
    /// Score direct quotes only (`direct: true`) on both sides.
    #[arg(long)]
    pub direct_only: bool,
    /// JSON file: gold relation label → list of predicted labels that count as it.
    #[arg(long, value_name = "FILE.json")]
    pub relation_map: Option<PathBuf>,
}

/// Runs the subcommand.
pub(crate) fn run(args: &EvalArgs) -> Result<ExitCode> {
    let gold = eval::load_records(&args.gold)?;
    let pred = if let Some(path) = &args.pred {
        eval::load_records(path)?
    } else {
        let mut docs: Vec<Document> = gold.iter().map(interchange::document_from_record).collect();
        extract_all(&Pipeline::new(&PipelineSettings::default())?, &mut docs)?;
        docs.iter().map(interchange::record_from_document).collect()
    };
    let relation_map =
        match &args.relation_map {
            Some(path) => {
                let raw = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                Some(serde_json::from_str(&raw).map_err(|e| {
                    Error::parse(path, format!("not a label → [labels] JSON map: {e}"))
                })?)
            }
            None => None,
        };
    let options = EvalOptions {
        types: args.types.split(',').map(str::to_owned).collect(),
        show_errors: args.errors,
        relation_map,
        direct_only: args.direct_only,
    };
    let scores = eval::score(&gold, &pred, &options)?;
    for warning in &scores.warnings {
        eprintln!("{warning}");
    }
    let report = eval::render(&scores, &options);
    super::print_stdout(&report)?;
    Ok(ExitCode::SUCCESS)
}
