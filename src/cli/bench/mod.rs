//! `quarry bench`: extraction throughput on one core and on all cores, per-stage CPU time;
//! with `--corpus N`, a project of N generated articles imported, saved and loaded
//! (`corpus.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use rayon::prelude::*;

use quarry::model::Document;
use quarry::pipeline::{Pipeline, PipelineSettings};
use quarry::{Error, Result, ingest};

use super::{Progress, read_articles};

mod corpus;

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
    /// Instead: build a corpus of N distinct news-shaped articles, import it into a project
    /// (extracting on all cores), save it and load it again (in a fresh process), and report
    /// the times, file sizes and peak memory.
    #[arg(long, value_name = "N")]
    pub corpus: Option<usize>,
    /// The seed of the generated corpus (`--corpus`): the same seed gives the same articles.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where `--corpus` keeps its project (default: a temporary folder, removed after).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write the generated articles there as text files (`--corpus` with `--out`), to
    /// import them with `quarry import` or in the workbench.
    #[arg(long, requires = "out")]
    pub write_articles: bool,
    /// The articles `--corpus` recombines: JSONL files with `text` (and `title`) fields, or
    /// folders of articles (default: `PolNeAR` train and the shared articles).
    #[arg(long, value_name = "PATH")]
    pub source: Vec<PathBuf>,
    /// Loads this project and prints one line of figures (`--corpus` runs it in a fresh
    /// process, so that its peak memory is the load's alone).
    #[arg(long, hide = true, value_name = "PROJECT")]
    pub load_project: Option<PathBuf>,
}

/// The State Department articles the benchmark reads by default.
const BENCH_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/articles/state-department"
);

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

/// Runs the subcommand.
pub(crate) fn run(args: &BenchArgs) -> Result<ExitCode> {
    if let Some(path) = &args.load_project {
        return corpus::load_child(path, args.threads);
    }
    if let Some(n) = args.corpus {
        return corpus::run(args, n);
    }
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
    let pipeline = Pipeline::new(&PipelineSettings::default())?;
    let cold = args.cold;
    let process = |(path, data): &(&Path, &[u8])| -> Result<Document> {
        if cold {
            quarry::ner::forget_words();
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
