//! `quarry edits`: the researcher's edits of a project, one per line, and whether each still
//! matches the extraction — with `--unmatched`, only those that do not, with why and the
//! nearby span a re-anchor would move them to.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::Result;
use quarry::project::Project;
use quarry::project::edits::unmatched::{
    AnyEdit, EditRef, describe, find_reanchor, get_edit, unmatched_edits,
};

use super::print_stdout;

/// `quarry edits` (see [`super::Command::Edits`]).
#[derive(Debug, Args)]
pub struct EditsArgs {
    /// The project file.
    #[arg(value_name = "P.ron")]
    pub project: PathBuf,
    /// Only the edits that match nothing in the current extraction.
    #[arg(long)]
    pub unmatched: bool,
}

/// Tabs and line breaks inside a field become spaces.
fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Runs the subcommand: prints one line per edit (article id, start byte, end byte, what,
/// `ok` or `unmatched: why`, and for an unmatched edit the place a re-anchor would move it
/// to, tab-separated). Exit code 0.
pub(crate) fn run(args: &EditsArgs) -> Result<ExitCode> {
    let project = Project::load(&args.project)?;
    let edits = &project.curation.edits;
    let unmatched = unmatched_edits(&project.documents, edits);
    let mut out = String::new();
    for (id, e) in edits {
        let doc = project.documents.iter().find(|d| &d.id == id);
        let keys: Vec<EditRef> = e
            .mentions
            .keys()
            .map(|s| EditRef::Mention(*s))
            .chain(e.quotes.keys().map(|s| EditRef::Quote(*s)))
            .chain(e.relations.keys().map(|k| EditRef::Relation(*k)))
            .collect();
        for key in keys {
            let why = unmatched
                .iter()
                .find(|u| &u.document == id && u.edit == key)
                .map(|u| u.why.text());
            if args.unmatched && why.is_none() {
                continue;
            }
            let Some(edit): Option<AnyEdit> = get_edit(e, key) else {
                continue;
            };
            let status = why
                .as_ref()
                .map_or_else(|| "ok".to_owned(), |w| format!("unmatched: {w}"));
            let reanchor = doc
                .filter(|_| why.is_some())
                .and_then(|d| {
                    find_reanchor(d, e, key)
                        .map(|r| format!("re-anchor to {}", r.describe(&d.text)))
                })
                .unwrap_or_default();
            let span = key.span();
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                field(id),
                span.start,
                span.end,
                field(&describe(&edit, key)),
                field(&status),
                field(&reanchor)
            );
        }
    }
    print_stdout(&out)?;
    eprintln!(
        "{} edits, {} match nothing",
        edits
            .values()
            .map(|e| e.len() - usize::from(e.date.is_some()))
            .sum::<usize>(),
        unmatched.len()
    );
    Ok(ExitCode::SUCCESS)
}
