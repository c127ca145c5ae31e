//! Search measurements on a project: the time to build the in-memory index, the latency of a
//! fixed set of queries (median and worst over repeats) and the memory the index adds.
//!
//! ```text
//! cargo run --release --example search_bench -- projects/demo/demo.ron [REPEATS]
//! ```
//!
//! The memory figure is the growth of the process's resident set while the index is built
//! (`VmRSS` in `/proc/self/status`, Linux only; 0 elsewhere).

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use quarry::graph::EntityGraph;
use quarry::project::Project;
use quarry::search::{SearchIndex, SearchOptions};

/// The queries timed: each kind of term the query language has.
const QUERIES: [&str; 10] = [
    "pakistan",
    "\"peace process\"",
    "milit*",
    "security AND NOT afghanistan",
    "defence OR defense",
    "entity:\"Lloyd Austin\"",
    "entity:\"United States\" AND pakistan",
    "type:PERSON",
    "speaker:\"Kerry\"",
    "date:2016..2021 AND syria",
];

/// The resident set of this process in kB, if the system says.
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: search_bench P.ron [REPEATS]");
        return ExitCode::FAILURE;
    };
    let repeats: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20)
        .max(1);
    let project = match Project::load(std::path::Path::new(&path)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let docs = &project.documents;
    let graph = EntityGraph::new(docs, &project.curation.entities);
    let before = rss_kb();
    let start = Instant::now();
    let index = match SearchIndex::build(docs, &graph, &|_, _| {}, &AtomicBool::new(false)) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {path}: index: {e}");
            return ExitCode::FAILURE;
        }
    };
    let build = start.elapsed();
    let added_mb = rss_kb().saturating_sub(before) as f64 / 1024.0;
    println!(
        "articles {}  sentences {}  index build {:.0} ms  memory added {:.1} MB",
        docs.len(),
        index.sentence_count(),
        ms(build),
        added_mb
    );
    let mut all: Vec<Duration> = Vec::new();
    for query in QUERIES {
        let mut times = Vec::with_capacity(repeats);
        let mut hits = 0;
        for _ in 0..repeats {
            let t = Instant::now();
            match index.search(
                query,
                docs,
                SearchOptions {
                    limit: 1000,
                    document: None,
                },
            ) {
                Ok(r) => hits = r.sentences,
                Err(e) => {
                    eprintln!("error: query {query:?}: {e}");
                    return ExitCode::FAILURE;
                }
            }
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{query:<40} {hits:>7} sentences  median {:>8.2} ms  worst {:>8.2} ms",
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "all queries: median {:.2} ms, worst {:.2} ms over {} runs",
        ms(all[all.len() / 2]),
        ms(all[all.len() - 1]),
        all.len()
    );
    ExitCode::SUCCESS
}
