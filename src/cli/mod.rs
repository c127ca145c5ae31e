//! The headless command line: `quarry extract`, `quarry import`, `quarry eval`, `quarry bench`.
//!
//! `quarry` with no subcommand opens the workbench (the `gui` feature) on the paths given.
//! Every subcommand writes its results to stdout (or `-o`), and errors, warnings, progress
//! and summaries to stderr. Exit codes: 0 on success, 1 when the command failed (see each
//! subcommand for partial failures), 2 for usage errors (as clap does).
//!
//! ```text
//! quarry extract articles/ -o extractions.jsonl          # files and folders
//! quarry extract --input-jsonl gold.jsonl > pred.jsonl   # ids and texts kept as given
//! quarry extract --project talks.ron                     # a project's current extractions
//! quarry import talks.ron articles/ more.pdf             # create or extend a project
//! quarry eval ../shared/data/polnear/dev.jsonl --direct-only [--pred pred.jsonl] [--errors]
//! quarry bench --mb 5 --threads 2                        # MB/s on one core and on all cores
//! quarry quotes articles/ --max-confidence 0.6           # weak quote attributions to review
//! quarry search talks.ron 'entity:"Lloyd Austin" AND pakistan' --limit 20 [--json]
//! quarry path talks.ron "Lloyd Austin" "Qureshi"         # relations chain with evidence
//! quarry edits talks.ron --unmatched                      # edits that match nothing, and why
//! ```
//!
//! The command line lives with the binary, one file a subcommand; the library never reaches
//! it (nor the GUI through it).

mod bench;
mod edits;
mod eval;
mod export;
mod extract;
mod import;
mod path;
mod quotes;
mod search;
mod train;

use std::io::{self, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use clap::{Parser, Subcommand};

use quarry::interchange::{self, Record};
use quarry::model::Document;
use quarry::pipeline::Pipeline;
use quarry::project::Project;
use quarry::{Error, Result, ingest};

pub use bench::BenchArgs;
pub use edits::EditsArgs;
pub use eval::EvalArgs;
pub use export::ExportArgs;
pub use extract::ExtractArgs;
pub use import::ImportArgs;
pub use path::PathArgs;
pub use quotes::QuotesArgs;
pub use search::SearchArgs;
pub use train::TrainArgs;

/// Quarry: find who is mentioned, who said what and how the actors are tied in news articles.
///
/// With no subcommand, opens the workbench on the given project file, articles or folders.
#[derive(Debug, Parser)]
#[command(name = "quarry", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do (default: open the workbench).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A project file (.ron), or article files and folders, to open in the workbench.
    pub paths: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract entities, quotes and relations and print them as JSON Lines (interchange format).
    ///
    /// Sources may be combined; records are written in this order: project documents, JSONL
    /// records, files. A file that cannot be read is reported on stderr (path and reason)
    /// and the rest are extracted. Exit code: 0 when at least one document was written, 1
    /// when nothing could be processed.
    Extract(ExtractArgs),
    /// Create or extend a project: read articles, extract, add them and save atomically.
    ///
    /// Articles whose text is already in the project are skipped; ids that are taken get a
    /// suffix (-2, -3, …). Exit code: 0 when the project was saved (also when every article
    /// was already in it); 1 when no article could be read (the project is left untouched),
    /// the project could not be loaded, or saving failed.
    Import(ImportArgs),
    /// Score extractions against a gold JSONL file (same figures as shared/eval/score.py).
    Eval(EvalArgs),
    /// Measure extraction throughput (MB/s) on one core and on all cores.
    Bench(BenchArgs),
    /// Train the entity recogniser or the part-of-speech tagger from `CoNLL` column files
    /// (deterministic: same data and seed give the same bytes), picking the epoch on dev.
    Train(TrainArgs),
    /// List quotes with their attribution: article, confidence, rule, speaker (and the
    /// entity it resolves to), cue and quote, one per line (tab-separated), lowest
    /// confidence first — for reviewing weak attributions.
    Quotes(QuotesArgs),
    /// Export the curated project: csv (folder), gexf, graphml, svg, html or jsonl.
    Export(ExportArgs),
    /// Search the project's articles and print keyword-in-context lines: article id, char
    /// start, left context, match, right context (tab-separated), or JSON Lines.
    Search(SearchArgs),
    /// Print the shortest chain of asserted relations between two actors, each step with
    /// its evidence sentence.
    Path(PathArgs),
    /// List the researcher's edits of a project (article, bytes, what, `ok` or why it
    /// matches nothing, where a re-anchor would move it), tab-separated; `--unmatched` lists
    /// only those that match nothing.
    Edits(EditsArgs),
}

/// Parses the command line and runs it: the `quarry` binary's whole `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => open_gui(cli.paths),
        Some(command) => run(command),
    }
}

/// Runs one subcommand, printing errors to stderr; returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Extract(args) => extract::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Train(args) => train::run(&args),
        Command::Quotes(args) => quotes::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Search(args) => search::run(&args),
        Command::Path(args) => path::run(&args),
        Command::Edits(args) => edits::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn open_gui(paths: Vec<PathBuf>) -> ExitCode {
    match quarry::app::run(paths) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
#[allow(clippy::needless_pass_by_value)] // Same signature as with the `gui` feature.
fn open_gui(_paths: Vec<PathBuf>) -> ExitCode {
    eprintln!(
        "error: this quarry was built without the workbench (the `gui` feature); \
         use a subcommand (extract, import, eval, bench) or see `quarry --help`"
    );
    ExitCode::from(2)
}

/// Progress on stderr: a rewritten line on a terminal, else about ten lines per run.
pub(crate) struct Progress {
    what: &'static str,
    total: usize,
    done: AtomicUsize,
    terminal: bool,
}

impl Progress {
    pub(crate) fn new(what: &'static str, total: usize) -> Self {
        Self {
            what,
            total,
            done: AtomicUsize::new(0),
            terminal: io::stderr().is_terminal(),
        }
    }

    /// Counts one more item done and shows it when due.
    pub(crate) fn tick(&self) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.show(n);
    }

    pub(crate) fn show(&self, n: usize) {
        let (what, total) = (self.what, self.total);
        if self.terminal {
            // At most every per cent: printing each of thousands of items costs time.
            if n * 100 / total.max(1) == n.saturating_sub(1) * 100 / total.max(1) && n != total {
                return;
            }
            eprint!("\r{what} {n} of {total}");
            if n == total {
                eprintln!();
            }
        } else if total >= 50 && (n * 10 / total != n.saturating_sub(1) * 10 / total || n == total)
        {
            eprintln!("{what} {n} of {total}");
        }
    }
}

/// Runs the pipeline over `docs` on all cores, with progress.
pub(crate) fn extract_all(pipeline: &Pipeline, docs: &mut [Document]) -> Result<()> {
    let progress = Progress::new("extracting", docs.len());
    pipeline.run_all(docs, &|_| progress.tick(), &AtomicBool::new(false))
}

/// Reads article files and folders, reporting each failure on stderr.
pub(crate) fn read_articles(paths: &[PathBuf]) -> (Vec<Document>, usize) {
    read_articles_with(paths, &ingest::IngestOptions::default())
}

/// [`read_articles`] with the given limits and walk options; skipped links are reported.
pub(crate) fn read_articles_with(
    paths: &[PathBuf],
    options: &ingest::IngestOptions,
) -> (Vec<Document>, usize) {
    let cancel = AtomicBool::new(false);
    let mut progress: Option<Progress> = None;
    let report = ingest::load_paths_with(
        paths,
        options,
        &mut |done, total, _path| {
            // Called before each file: `done` files are finished.
            progress
                .get_or_insert_with(|| Progress::new("reading file", total))
                .show(done + 1);
        },
        &cancel,
    );
    // Ingest should report missing paths itself; make sure their names reach the user.
    let mut missing = 0;
    for path in paths {
        if !path.exists() && !report.failures.iter().any(|(p, _)| p == path) {
            eprintln!("error: {}: no such file or folder", path.display());
            missing += 1;
        }
    }
    for (_, error) in &report.failures {
        eprintln!("error: {error}");
    }
    for (path, reason) in &report.skipped {
        eprintln!("skipped: {}: {reason}", path.display());
    }
    (report.documents, report.failures.len() + missing)
}

/// Writes records as JSON Lines to `output` (atomically) or stdout.
pub(crate) fn write_records(records: &[Record], output: Option<&Path>) -> Result<()> {
    if let Some(path) = output {
        let mut buf = Vec::new();
        interchange::write_jsonl(&mut buf, records).map_err(|e| Error::io(path, e))?;
        return quarry::project::atomic_write(path, &buf);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = interchange::write_jsonl(&mut out, records).and_then(|()| out.flush());
    match result {
        // `quarry extract … | head` closes the pipe early: not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

/// Writes `text` to stdout and flushes; a reader that closed the pipe early (`… | head`) is
/// not an error.
pub(crate) fn print_stdout(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

/// A project's documents as the researcher left them: the extraction with the quote and
/// mention edits of its curation applied. Edits that no longer match are reported on stderr.
pub(crate) fn curated_documents(project: &Project, path: &Path) -> Vec<Document> {
    let (docs, report) =
        quarry::project::edits::apply_all(&project.documents, &project.curation.edits);
    if !report.all_matched() {
        eprintln!(
            "warning: {}: {} quote edit(s), {} mention edit(s) and {} relation edit(s) no \
             longer match the extraction (kept in the file; `quarry edits {} --unmatched` \
             lists them)",
            path.display(),
            report.unmatched_quotes,
            report.unmatched_mentions,
            report.unmatched_relations,
            path.display()
        );
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn bare_paths_go_to_the_gui_and_subcommands_parse() {
        let cli = Cli::try_parse_from(["quarry", "a.ron", "b.txt"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.paths, [PathBuf::from("a.ron"), PathBuf::from("b.txt")]);
        let cli = Cli::try_parse_from(["quarry", "eval", "g.jsonl", "--direct-only"]).unwrap();
        let Some(Command::Eval(args)) = cli.command else {
            panic!("not eval")
        };
        assert!(args.direct_only);
        assert_eq!(args.types, "PER,ORG,LOC,MISC");
        assert!(Cli::try_parse_from(["quarry", "import", "p.ron"]).is_err());
    }
}
