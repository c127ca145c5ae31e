//! `quarry bench --corpus N`: a project of N generated articles (`quarry::bench::corpus`)
//! imported (extracted on all cores), saved and loaded again, with times, file sizes and
//! peak memory. The load runs in a fresh process (`--load-project`), so that its peak
//! memory is the load's alone and nothing of the import is still cached.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use quarry::bench::corpus::CorpusPool;
use quarry::pipeline::Pipeline;
use quarry::project::Project;
use quarry::{Error, Result};

use super::BenchArgs;
use crate::cli::{Progress, extract_all, read_articles};

/// The default pool: `PolNeAR` train (840 articles of nine outlets) and the shared articles.
const DEFAULT_SOURCES: [&str; 2] = [
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/polnear/train.jsonl"
    ),
    concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/articles"),
];

/// The project file's name in the output folder.
const PROJECT_NAME: &str = "corpus.ron";

/// Runs `quarry bench --corpus n`.
pub(super) fn run(args: &BenchArgs, n: usize) -> Result<ExitCode> {
    if n == 0 {
        return Err(Error::Invalid("--corpus must be at least 1".to_owned()));
    }
    if let Some(threads) = args.threads.filter(|&t| t > 0) {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .ok();
    }
    let threads = rayon::current_num_threads();
    let sources = if args.source.is_empty() {
        DEFAULT_SOURCES.iter().map(PathBuf::from).collect()
    } else {
        args.source.clone()
    };
    let pool = read_pool(&sources)?;
    let temp;
    let dir = if let Some(out) = &args.out {
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        out.clone()
    } else {
        temp = tempfile::tempdir().map_err(|e| Error::io("<temp folder>", e))?;
        temp.path().to_owned()
    };
    let path = dir.join(PROJECT_NAME);
    remove_project_files(&path);

    let start = Instant::now();
    let mut docs = pool.corpus(args.seed, n);
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mb = text_bytes as f64 / 1e6;
    println!(
        "corpus: {} articles, {mb:.1} MB of text (seed {}, recombined from {} source articles), \
         made in {:.2} s",
        docs.len(),
        args.seed,
        pool.len(),
        start.elapsed().as_secs_f64()
    );
    if args.write_articles {
        write_articles(&dir.join("articles"), &docs)?;
    }
    let times = |secs: f64, peak: Option<u64>| {
        let peak = peak.map_or(String::new(), |kb| {
            format!("; peak memory {}", memory(kb, text_bytes))
        });
        format!("{secs:.2} s{peak}")
    };

    let start = Instant::now();
    let mut project = Project::new("Generated corpus");
    let pipeline = Pipeline::new(&project.settings)?;
    extract_all(&pipeline, &mut docs)?;
    let report = project.add_documents(docs);
    let import_secs = start.elapsed().as_secs_f64();
    println!(
        "import (extract on {threads} threads, add to the project): {}, {:.2} MB/s",
        times(import_secs, peak_kb()),
        mb / import_secs.max(1e-9)
    );
    if report.added.len() != n {
        eprintln!(
            "error: {} of {n} generated articles were duplicates: the generator must make \
             distinct articles",
            n - report.added.len()
        );
        return Ok(ExitCode::FAILURE);
    }

    reset_peak();
    let start = Instant::now();
    project.save(&path)?;
    let save_secs = start.elapsed().as_secs_f64();
    println!("save: {}", times(save_secs, peak_kb()));
    // A second save replaces the file (and keeps the first as the backup, where it does).
    let start = Instant::now();
    project.save(&path)?;
    println!("save again: {:.2} s", start.elapsed().as_secs_f64());
    for (file, bytes) in project_files(&path) {
        println!(
            "  {file}: {:.1} MB ({:.1}x the text)",
            bytes as f64 / 1e6,
            bytes as f64 / text_bytes.max(1) as f64
        );
    }
    drop(project);

    let Some(load) = load_in_child(&path, args.threads)? else {
        return Ok(ExitCode::FAILURE);
    };
    println!(
        "load (fresh process): {}",
        times(load.secs, Some(load.peak_kb))
    );
    if load.documents != n {
        eprintln!(
            "error: the project loaded {} of {n} articles",
            load.documents
        );
        return Ok(ExitCode::FAILURE);
    }
    let cache = Project::sidecar_path(&path);
    if cache.exists() {
        // Set aside, not deleted: the kept project (`--out`) gets its sidecar back.
        let aside = cache.with_extension("cache.aside");
        std::fs::rename(&cache, &aside).map_err(|e| Error::io(&cache, e))?;
        let load = load_in_child(&path, args.threads);
        std::fs::rename(&aside, &cache).map_err(|e| Error::io(&cache, e))?;
        let Some(load) = load? else {
            return Ok(ExitCode::FAILURE);
        };
        println!(
            "load without the cache (fresh process, extractions derived again): {}",
            times(load.secs, Some(load.peak_kb))
        );
    }
    if args.out.is_some() {
        println!("project kept in {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// What the child process measured.
struct LoadFigures {
    secs: f64,
    peak_kb: u64,
    documents: usize,
}

/// Runs `quarry bench --load-project path` and reads its figures line.
fn load_in_child(path: &Path, threads: Option<usize>) -> Result<Option<LoadFigures>> {
    let exe = std::env::current_exe().map_err(|e| Error::io("<this program>", e))?;
    let mut command = std::process::Command::new(&exe);
    command.arg("bench").arg("--load-project").arg(path);
    if let Some(threads) = threads {
        command.arg("--threads").arg(threads.to_string());
    }
    let output = command
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Error::io(&exe, e))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let figures = stdout.lines().find_map(|line| {
        let mut fields = line.strip_prefix("loaded ")?.split_whitespace();
        let mut next = |key: &str| fields.next()?.strip_prefix(key)?.parse::<f64>().ok();
        Some(LoadFigures {
            secs: next("secs=")?,
            peak_kb: next("peak_kb=")? as u64,
            documents: next("documents=")? as usize,
        })
    });
    if figures.is_none() {
        eprintln!(
            "error: loading {} in a fresh process failed ({}): {stdout}",
            path.display(),
            output.status
        );
    }
    Ok(figures)
}

/// `quarry bench --load-project path`: loads and prints `loaded secs=… peak_kb=… documents=…`.
pub(super) fn load_child(path: &Path, threads: Option<usize>) -> Result<ExitCode> {
    if let Some(threads) = threads.filter(|&t| t > 0) {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .ok();
    }
    let start = Instant::now();
    let project = Project::load(path)?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "loaded secs={secs:.3} peak_kb={} documents={}",
        peak_kb().unwrap_or(0),
        project.documents.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads the pool's articles: `text` (and `title`) of each JSONL record, and article files.
fn read_pool(sources: &[PathBuf]) -> Result<CorpusPool> {
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut folders = Vec::new();
    for source in sources {
        if source.extension().is_some_and(|e| e == "jsonl") {
            let data = std::fs::read_to_string(source).map_err(|e| Error::io(source, e))?;
            for (i, line) in data.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let record: serde_json::Value = serde_json::from_str(line)
                    .map_err(|e| Error::parse(source, format!("line {}: not JSON: {e}", i + 1)))?;
                let field = |key: &str| record.get(key).and_then(|v| v.as_str()).unwrap_or("");
                texts.push((field("title").to_owned(), field("text").to_owned()));
            }
        } else {
            folders.push(source.clone());
        }
    }
    if !folders.is_empty() {
        let (docs, _failures) = read_articles(&folders);
        texts.extend(docs.into_iter().map(|d| (d.meta.title, d.text)));
    }
    let pool = CorpusPool::new(texts);
    if pool.is_empty() {
        return Err(Error::Invalid(
            "--corpus: the sources hold no article text".to_owned(),
        ));
    }
    Ok(pool)
}

/// Writes each article as `articles/ID.txt` (headline on the first line).
fn write_articles(dir: &Path, docs: &[quarry::model::Document]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let progress = Progress::new("writing article", docs.len());
    for doc in docs {
        let file = dir.join(format!("{}.txt", doc.id));
        let text = format!("{}\n\n{}", doc.meta.title, doc.text);
        std::fs::write(&file, text).map_err(|e| Error::io(&file, e))?;
        progress.tick();
    }
    Ok(())
}

/// The project file and the files beside it that belong to it (`NAME.ron.*`), with sizes.
fn project_files(path: &Path) -> Vec<(String, u64)> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let mut files: Vec<(String, u64)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(std::result::Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_str()?.to_owned();
            (file == name || file.starts_with(&format!("{name}.")))
                .then(|| Some((file, e.metadata().ok()?.len())))?
        })
        .collect();
    files.sort();
    files
}

/// Removes a previous run's project files (`--out` reused).
fn remove_project_files(path: &Path) {
    let Some(dir) = path.parent() else { return };
    for (file, _) in project_files(path) {
        std::fs::remove_file(dir.join(file)).ok();
    }
}

/// This process's peak resident memory in kB (`VmHWM` of `/proc/self/status`; Linux only).
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak to the current resident memory (Linux 4.0+: `clear_refs` with 5), so
/// that the next [`peak_kb`] is the peak of what follows.
fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").ok();
}

/// "1.97 GB (45.0x the text)".
fn memory(kb: u64, text_bytes: usize) -> String {
    let bytes = kb as f64 * 1024.0;
    format!(
        "{:.0} MB ({:.1}x the text)",
        bytes / 1e6,
        bytes / text_bytes.max(1) as f64
    )
}
