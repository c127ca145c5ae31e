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
//! ```

use std::fmt::Write as _;
use std::io::{self, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;

use crate::eval::{self, EvalOptions};
use crate::interchange::{self, Record};
use crate::model::{Document, content_hash};
use crate::pipeline::{Pipeline, PipelineSettings};
use crate::project::Project;
use crate::{Error, Result, ingest};

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
}

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

/// Which model `quarry train` trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TrainTarget {
    /// The entity recogniser (`assets/ner/ner.model`).
    Ner,
    /// The part-of-speech tagger (`assets/ner/pos.model`).
    Pos,
}

/// `quarry train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// What to train.
    pub target: TrainTarget,
    /// Training data: `CoNLL` columns (token, POS, chunk, NER).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/conll2003/eng.train.conll"))]
    pub train: PathBuf,
    /// Development data for picking the epoch.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/conll2003/eng.dev.conll"))]
    pub dev: PathBuf,
    /// Shuffle seed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Most epochs.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Where to write the model (default: `assets/ner/<target>.model`; rebuild to ship it).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

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
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// `quarry import` (see [`Command::Import`]).
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project file to create or extend.
    pub project: PathBuf,
    /// Article files or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

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

/// `quarry bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Repeat the articles until at least this many megabytes (10^6 bytes) of text.
    #[arg(long, default_value_t = 5.0)]
    pub mb: f64,
    /// Worker threads for the parallel run (default or 0: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Folder of articles (default: the 22 State Department releases in ../shared).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Also time each stage (one core) and print milliseconds and MB/s per stage.
    #[arg(long)]
    pub stages: bool,
    /// Empty the taggers' per-word memos before every document, to see the speed without
    /// the words of earlier documents (the repeated articles otherwise find every word).
    #[arg(long)]
    pub cold: bool,
}

/// The State Department articles the benchmark reads by default.
const BENCH_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/articles/state-department"
);

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
        Command::Extract(args) => extract(&args),
        Command::Import(args) => import(&args),
        Command::Eval(args) => eval_command(&args),
        Command::Bench(args) => bench(&args),
        Command::Train(args) => train(&args),
        Command::Quotes(args) => quotes_command(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn train(args: &TrainArgs) -> Result<ExitCode> {
    use crate::ner::train::{TrainOptions, train_ner, train_pos};
    let dev = Some(args.dev.clone());
    let mut opts = match args.target {
        TrainTarget::Ner => TrainOptions::ner(args.train.clone(), dev),
        TrainTarget::Pos => TrainOptions::pos(args.train.clone(), dev),
    };
    if let Some(seed) = args.seed {
        opts.seed = seed;
    }
    if let Some(epochs) = args.epochs {
        opts.max_epochs = epochs;
    }
    opts.verbose = true;
    let (name, report) = match args.target {
        TrainTarget::Ner => ("ner", train_ner(&opts)?),
        TrainTarget::Pos => ("pos", train_pos(&opts)?),
    };
    let out = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("assets/ner/{name}.model"))
    });
    crate::project::atomic_write(&out, &report.model)?;
    if let Some(dict) = &report.tag_dictionary {
        let path = out.with_extension("tagdict");
        crate::project::atomic_write(&path, dict.as_bytes())?;
        eprintln!(
            "{name}: tag dictionary of {} words written to {}",
            dict.lines().count(),
            path.display()
        );
    }
    eprintln!(
        "{name}: best epoch {} of {}; dev {:?}; {} non-zero weights; {} bytes written to {} in {:.1} s",
        report.best_epoch,
        opts.max_epochs,
        report.dev_scores,
        report.non_zero,
        report.model.len(),
        out.display(),
        report.seconds
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "gui")]
fn open_gui(paths: Vec<PathBuf>) -> ExitCode {
    match crate::app::run(paths) {
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
struct Progress {
    what: &'static str,
    total: usize,
    done: AtomicUsize,
    terminal: bool,
}

impl Progress {
    fn new(what: &'static str, total: usize) -> Self {
        Self {
            what,
            total,
            done: AtomicUsize::new(0),
            terminal: io::stderr().is_terminal(),
        }
    }

    /// Counts one more item done and shows it when due.
    fn tick(&self) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.show(n);
    }

    fn show(&self, n: usize) {
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
fn extract_all(pipeline: &Pipeline, docs: &mut [Document]) -> Result<()> {
    let progress = Progress::new("extracting", docs.len());
    pipeline.run_all(docs, &|_| progress.tick(), &AtomicBool::new(false))
}

/// Reads article files and folders, reporting each failure on stderr.
fn read_articles(paths: &[PathBuf]) -> (Vec<Document>, usize) {
    let cancel = AtomicBool::new(false);
    let mut progress: Option<Progress> = None;
    let report = ingest::load_paths(
        paths,
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
    (report.documents, report.failures.len() + missing)
}

/// Writes records as JSON Lines to `output` (atomically) or stdout.
fn write_records(records: &[Record], output: Option<&Path>) -> Result<()> {
    if let Some(path) = output {
        let mut buf = Vec::new();
        interchange::write_jsonl(&mut buf, records).map_err(|e| Error::io(path, e))?;
        return crate::project::atomic_write(path, &buf);
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

fn extract(args: &ExtractArgs) -> Result<ExitCode> {
    if args.paths.is_empty() && args.input_jsonl.is_none() && args.project.is_none() {
        eprintln!(
            "error: nothing to extract from: give article files or folders, --input-jsonl FILE \
             or --project P.ron"
        );
        return Ok(ExitCode::from(2));
    }
    let mut records = Vec::new();
    let mut failures = 0;
    if let Some(path) = &args.project {
        match Project::load(path) {
            Ok(project) => records.extend(
                curated_documents(&project, path)
                    .iter()
                    .map(interchange::record_from_document),
            ),
            Err(e) => {
                eprintln!("error: {e}");
                failures += 1;
            }
        }
    }
    let pipeline = Pipeline::new(&PipelineSettings::default());
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
    extract_all(&pipeline, &mut docs)?;
    records.extend(docs.iter().map(interchange::record_from_document));
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

fn import(args: &ImportArgs) -> Result<ExitCode> {
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
    let pipeline = Pipeline::new(&project.settings);
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

fn eval_command(args: &EvalArgs) -> Result<ExitCode> {
    let gold = eval::load_records(&args.gold)?;
    let pred = if let Some(path) = &args.pred {
        eval::load_records(path)?
    } else {
        let mut docs: Vec<Document> = gold.iter().map(interchange::document_from_record).collect();
        extract_all(&Pipeline::new(&PipelineSettings::default()), &mut docs)?;
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
    let mut out = io::stdout().lock();
    match out.write_all(report.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Totals of each annotation layer over a set of documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    sentences: usize,
    tokens: usize,
    mentions: usize,
    quotes: usize,
    relations: usize,
}

impl Counts {
    fn of(docs: &[Document]) -> Self {
        let mut c = Self::default();
        for d in docs {
            let a = &d.annotations;
            c.sentences += a.sentences.len();
            c.tokens += a.tokens.len();
            c.mentions += a.mentions.len();
            c.quotes += a.quotes.len();
            c.relations += a.relations.len();
        }
        c
    }

    fn named(self) -> [(&'static str, usize); 5] {
        [
            ("sentences", self.sentences),
            ("tokens", self.tokens),
            ("mentions", self.mentions),
            ("quotes", self.quotes),
            ("relations", self.relations),
        ]
    }
}

fn bench(args: &BenchArgs) -> Result<ExitCode> {
    if !(args.mb.is_finite() && args.mb > 0.0) {
        return Err(Error::Invalid(format!(
            "--mb must be a positive number, not {}",
            args.mb
        )));
    }
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from(BENCH_DIR));
    let (articles, failures) = read_articles(std::slice::from_ref(&dir));
    if articles.is_empty() {
        return Err(Error::Invalid(format!(
            "{}: no articles could be read ({failures} failed)",
            dir.display()
        )));
    }
    let article_bytes: usize = articles.iter().map(|d| d.text.len()).sum();
    if article_bytes == 0 {
        return Err(Error::Invalid(format!(
            "{}: the articles are empty",
            dir.display()
        )));
    }
    // The raw file bytes: every timed run starts from them (ingest is part of the work).
    let mut raw: Vec<(PathBuf, Vec<u8>)> = Vec::with_capacity(articles.len());
    for article in &articles {
        let Some(path) = article.meta.path.clone() else {
            continue;
        };
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        raw.push((path, bytes));
    }
    let target = (args.mb * 1e6).ceil() as usize;
    let mut inputs: Vec<(&Path, &[u8])> = Vec::new();
    let mut bytes = 0;
    while bytes < target {
        for (path, data) in &raw {
            bytes += data.len();
            inputs.push((path.as_path(), data.as_slice()));
        }
        if raw.is_empty() {
            break;
        }
    }
    let threads = args
        .threads
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    let mb = bytes as f64 / 1e6;
    println!(
        "bench: {} articles ({:.1} kB) repeated to {mb:.2} MB ({} documents), ingest included",
        articles.len(),
        article_bytes as f64 / 1e3,
        inputs.len()
    );
    let pipeline = Pipeline::new(&PipelineSettings::default());
    let cold = args.cold;
    let process = |(path, data): &(&Path, &[u8])| -> Result<Document> {
        if cold {
            crate::ner::forget_words();
        }
        let mut doc = ingest::load_bytes(path, data)?;
        pipeline.run(&mut doc);
        Ok(doc)
    };

    // The models and word lists are parsed once per process, on first use; do it before
    // the clock starts (throughput is the steady state) and say what it costs.
    let start = Instant::now();
    if let Some(first) = inputs.first() {
        process(first)?;
    }
    println!(
        "models and word lists loaded in {:.0} ms (not timed below)",
        start.elapsed().as_secs_f64() * 1e3
    );

    // One core: this thread, one document after the other.
    let progress = Progress::new("bench (1 thread): document", inputs.len());
    let cpu_start = thread_cpu_secs();
    let start = Instant::now();
    let mut single = Vec::with_capacity(inputs.len());
    for input in &inputs {
        single.push(process(input)?);
        progress.tick();
    }
    let single_secs = start.elapsed().as_secs_f64();
    let single_cpu = cpu_start.zip(thread_cpu_secs()).map(|(a, b)| b - a);
    let counts = Counts::of(&single);
    drop(single);
    if args.stages {
        print_stage_times(&pipeline, &inputs, mb)?;
    }

    // All cores, one article per task.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start {threads} threads: {e}")))?;
    let progress = Progress::new("bench (parallel): document", inputs.len());
    let start = Instant::now();
    let parallel: Vec<Document> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let doc = process(input);
                progress.tick();
                doc
            })
            .collect::<Result<_>>()
    })?;
    let parallel_secs = start.elapsed().as_secs_f64();
    let parallel_counts = Counts::of(&parallel);

    let listed: Vec<String> = counts
        .named()
        .iter()
        .map(|(name, n)| format!("{name}={n}"))
        .collect();
    println!("counts: {}", listed.join(" "));
    let cpu_note = single_cpu.map_or(String::new(), |cpu| {
        format!(
            "; {:.2} MB/s per second of CPU time ({cpu:.2} s on the CPU)",
            mb / cpu.max(1e-9)
        )
    });
    println!(
        "1 thread:  {:>8.2} MB/s  ({single_secs:.2} s{cpu_note})",
        mb / single_secs.max(1e-9)
    );
    println!(
        "{threads} threads: {:>8.2} MB/s  ({parallel_secs:.2} s)",
        mb / parallel_secs.max(1e-9)
    );
    if parallel_counts != counts {
        eprintln!(
            "error: the parallel run produced different counts ({parallel_counts:?}) than the \
             single-threaded one: the pipeline is not deterministic"
        );
        return Ok(ExitCode::FAILURE);
    }
    let zero: Vec<&str> = counts
        .named()
        .iter()
        .filter(|(_, n)| *n == 0)
        .map(|(name, _)| *name)
        .collect();
    if !zero.is_empty() {
        eprintln!(
            "error: the pipeline produced no {}; a broken pipeline's timing is meaningless",
            zero.join(", no ")
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// A project's documents as the researcher left them: the extraction with the quote and
/// mention edits of its curation applied. Edits that no longer match are reported on stderr.
fn curated_documents(project: &Project, path: &Path) -> Vec<Document> {
    let (docs, report) =
        crate::project::edits::apply_all(&project.documents, &project.curation.edits);
    if !report.all_matched() {
        eprintln!(
            "warning: {}: {} quote edit(s) and {} mention edit(s) no longer match the \
             extraction (kept in the file)",
            path.display(),
            report.unmatched_quotes,
            report.unmatched_mentions
        );
    }
    docs
}

/// `quarry quotes`: every quote at or below `--max-confidence`, weakest first.
fn quotes_command(args: &QuotesArgs) -> Result<ExitCode> {
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
    extract_all(&Pipeline::new(&PipelineSettings::default()), &mut fresh)?;
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
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(Error::io("<stdout>", e)),
        _ => {}
    }
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

/// The CPU time this thread has run so far, in seconds (Linux: `/proc/thread-self/schedstat`;
/// `None` elsewhere). On a loaded machine it shows the work done, wall time the wait too.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Runs the pipeline once more on one core, one stage at a time over all documents, and
/// prints a table of milliseconds, MB/s and share of the total per stage. The times are CPU
/// time of this thread where the system tells it (so other programs' load does not count),
/// wall time otherwise.
fn print_stage_times(pipeline: &Pipeline, inputs: &[(&Path, &[u8])], mb: f64) -> Result<()> {
    let clock = || thread_cpu_secs().unwrap_or_else(wall_secs);
    let mut names = vec!["ingest"];
    names.extend(pipeline.stage_names());
    let mut times = Vec::with_capacity(names.len());
    let start = clock();
    let mut docs = inputs
        .iter()
        .map(|(path, data)| ingest::load_bytes(path, data))
        .collect::<Result<Vec<_>>>()?;
    times.push(clock() - start);
    for index in 0..names.len() - 1 {
        let start = clock();
        for doc in &mut docs {
            pipeline.run_stage(index, doc);
        }
        times.push(clock() - start);
    }
    let total: f64 = times.iter().sum();
    let kind = if thread_cpu_secs().is_some() {
        "CPU"
    } else {
        "wall"
    };
    println!("{:<14} {:>9} {:>10} {:>6}", "stage", "ms", "MB/s", "share");
    for (name, secs) in names.iter().zip(&times) {
        println!(
            "{name:<14} {:>9.1} {:>10.1} {:>5.1}%",
            secs * 1e3,
            mb / secs.max(1e-9),
            100.0 * secs / total.max(1e-9)
        );
    }
    println!(
        "{:<14} {:>9.1} {:>10.2} {:>5.1}%  ({kind} time, stage after stage over all documents)",
        "total",
        total * 1e3,
        mb / total.max(1e-9),
        100.0
    );
    Ok(())
}

/// Seconds since the first call (a wall clock for [`print_stage_times`]).
fn wall_secs() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
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
