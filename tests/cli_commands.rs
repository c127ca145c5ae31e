//! The `quarry` binary end to end: extract (files, `--input-jsonl`, `--project`), import
//! twice into one project, bad paths, eval without `--pred`, bench, and the GUI fallback.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quarry::interchange::Record;
use quarry::project::Project;

const ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/articles/us-pakistan-afghan-peace.txt"
);
const STATE_DEPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/articles/state-department"
);

fn quarry(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(args)
        .output()
        .unwrap()
}

macro_rules! run {
    ($($arg:expr),* $(,)?) => {
        quarry(&[$(std::ffi::OsStr::new(&$arg)),*])
    };
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn records(jsonl: &str) -> Vec<Record> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Asserts that every offset in `record` is a valid char range of its text.
fn assert_offsets_valid(record: &Record) {
    let chars: Vec<char> = record.text.chars().collect();
    let slice = |s: usize, e: usize| -> String {
        assert!(
            s <= e && e <= chars.len(),
            "{s}..{e} outside {} chars",
            chars.len()
        );
        chars[s..e].iter().collect()
    };
    for e in &record.entities {
        let text = slice(e.start, e.end);
        assert!(!text.trim().is_empty(), "empty entity {e:?}");
        assert_eq!(text.trim(), text, "entity with outer whitespace {e:?}");
        assert!(e.coarse.is_some(), "entity without coarse type {e:?}");
    }
    for q in &record.quotes {
        assert!(!slice(q.start, q.end).is_empty());
        if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
            assert!(!slice(s, e).is_empty());
        }
        if let (Some(s), Some(e)) = (q.cue_start, q.cue_end) {
            assert!(!slice(s, e).is_empty());
        }
    }
    for r in &record.relations {
        assert!(r.head < record.entities.len() && r.tail < record.entities.len());
        assert!(!r.label.is_empty());
    }
}

fn copy_article(dir: &Path, name: &str, from: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(from, &path).unwrap();
    path
}

#[test]
fn cli_extract_from_a_txt_file_writes_valid_records() {
    let dir = tempfile::tempdir().unwrap();
    let article = copy_article(dir.path(), "peace.txt", ARTICLE);
    let out_path = dir.path().join("out.jsonl");
    let out = run!("extract", article.as_os_str(), "-o", out_path.as_os_str());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "with -o nothing goes to stdout");
    let recs = records(&std::fs::read_to_string(&out_path).unwrap());
    assert_eq!(recs.len(), 1);
    let rec = &recs[0];
    assert!(rec.text.contains("General Qamar Javed Bajwa"));
    assert_offsets_valid(rec);
    let names: Vec<String> = rec
        .entities
        .iter()
        .map(|e| {
            rec.text
                .chars()
                .skip(e.start)
                .take(e.end - e.start)
                .collect()
        })
        .collect();
    assert!(
        names.iter().any(|n| n.contains("Bajwa")),
        "Bajwa not found among {names:?}"
    );
    assert!(names.iter().any(|n| n == "Pakistan"), "{names:?}");

    // Same thing on stdout.
    let out = run!("extract", article.as_os_str());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        records(&String::from_utf8(out.stdout).unwrap()),
        recs,
        "stdout and -o differ, or extraction is not deterministic"
    );
}

#[test]
fn cli_extract_input_jsonl_keeps_ids_and_texts_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        (
            "a-1",
            "Prime Minister Imran Khan met President Joe Biden in Washington on Monday.",
        ),
        (
            "ürdü “2”",
            "  “We will not abandon Afghanistan,” said Zalmay Khalilzad, the U.S. special envoy.\r\n\
             Shah Mahmood Qureshi told Dawn that Islāmābād welcomed the talks.  \n",
        ),
        ("empty", ""),
        ("emoji", "😀 Ashraf Ghani thanked the United Nations. 🇵🇰"),
    ];
    let input = dir.path().join("in.jsonl");
    let mut jsonl = String::new();
    for (id, text) in texts {
        jsonl.push_str(&serde_json::json!({"id": id, "text": text, "entities": []}).to_string());
        jsonl.push('\n');
    }
    std::fs::write(&input, jsonl).unwrap();
    let out = run!("extract", "--input-jsonl", input.as_os_str());
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(recs.len(), texts.len());
    for (rec, (id, text)) in recs.iter().zip(texts) {
        assert_eq!(rec.id, id);
        assert_eq!(rec.text, text, "text must be passed through unchanged");
        assert_offsets_valid(rec);
    }
    let total: usize = recs.iter().map(|r| r.entities.len()).sum();
    assert!(total >= 5, "too few entities: {recs:?}");
    assert!(
        recs[1].quotes.iter().any(|q| q.direct == Some(true)),
        "the direct quote was not found: {:?}",
        recs[1].quotes
    );
}

#[test]
fn cli_import_twice_extends_the_project_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let first = copy_article(&articles, "peace.txt", ARTICLE);
    let project = dir.path().join("talks.ron");

    let out = run!("import", project.as_os_str(), first.as_os_str());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("added 1 document"),
        "{}",
        stderr(&out)
    );
    let p1 = Project::load(&project).unwrap();
    assert_eq!(p1.documents.len(), 1);
    assert!(!p1.documents[0].annotations.mentions.is_empty());

    // Second run: the folder now holds the same article again plus two new ones.
    copy_article(
        &articles,
        "iraq.txt",
        &format!("{STATE_DEPT}/01-terrorist-attacks-in-iraq.txt"),
    );
    copy_article(
        &articles,
        "turkey.txt",
        &format!("{STATE_DEPT}/02-on-the-occasion-of-turkey-s-republic-day.txt"),
    );
    let out = run!("import", project.as_os_str(), articles.as_os_str());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("added 2 document"), "{err}");
    assert!(err.contains("skipped 1"), "{err}");
    assert!(
        err.contains("peace.txt"),
        "the skipped file must be named: {err}"
    );
    let p2 = Project::load(&project).unwrap();
    assert_eq!(p2.documents.len(), 3);
    assert_eq!(
        p2.documents[0], p1.documents[0],
        "existing documents unchanged"
    );
    let hashes: std::collections::BTreeSet<&str> = p2
        .documents
        .iter()
        .map(|d| d.content_hash.as_str())
        .collect();
    assert_eq!(hashes.len(), 3);

    // The project's extractions can be printed as JSONL.
    let out = run!("extract", "--project", project.as_os_str());
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(recs.len(), 3);
    for rec in &recs {
        assert_offsets_valid(rec);
    }
    assert_eq!(recs[0].id, p2.documents[0].id);
}

#[test]
fn cli_missing_file_is_named_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-article.txt");
    let out = run!("extract", missing.as_os_str());
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no-such-article.txt"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    let project = dir.path().join("p.ron");
    let out = run!("import", project.as_os_str(), missing.as_os_str());
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no-such-article.txt"),
        "{}",
        stderr(&out)
    );
    assert!(
        !project.exists(),
        "a failed import must not create the project"
    );

    let out = run!("extract", "--input-jsonl", missing.as_os_str());
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no-such-article.txt"));

    let out = run!("eval", missing.as_os_str());
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no-such-article.txt"));
}

#[test]
fn cli_extract_reports_failures_and_processes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let good = copy_article(dir.path(), "good.txt", ARTICLE);
    let missing = dir.path().join("gone.txt");
    let out = run!("extract", missing.as_os_str(), good.as_os_str());
    assert!(
        out.status.success(),
        "one file was processed: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("gone.txt"), "{}", stderr(&out));
    assert_eq!(records(&String::from_utf8(out.stdout).unwrap()).len(), 1);
}

#[test]
fn cli_damaged_project_gives_a_positioned_error() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("broken.ron");
    std::fs::write(
        &project,
        "Project(\n  format_version: 2,\n  name: \"x\"\n  documents: [],\n)\n",
    )
    .unwrap();
    let out = run!("extract", "--project", project.as_os_str());
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("broken.ron:4:"), "{err}");
    // Import refuses to touch it.
    let before = std::fs::read(&project).unwrap();
    let out = run!("import", project.as_os_str(), ARTICLE);
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn cli_eval_without_pred_matches_extract_then_score_py() {
    let dir = tempfile::tempdir().unwrap();
    let gold_all = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/conll2003/dev.jsonl"
    ))
    .unwrap();
    let gold = dir.path().join("gold.jsonl");
    let lines: Vec<&str> = gold_all.lines().take(8).collect();
    std::fs::write(&gold, lines.join("\n") + "\n").unwrap();

    let out = run!("eval", gold.as_os_str());
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.starts_with("docs: 8\nENTITIES"), "{report}");
    assert!(
        !report.contains("  all   P=0.000"),
        "nothing extracted: {report}"
    );

    // The same predictions through `extract --input-jsonl` and score.py.
    let pred = dir.path().join("pred.jsonl");
    let out = run!(
        "extract",
        "--input-jsonl",
        gold.as_os_str(),
        "-o",
        pred.as_os_str()
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let py = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/eval/score.py"
        ))
        .arg(&gold)
        .arg(&pred)
        .output()
        .unwrap();
    assert!(py.status.success(), "{}", stderr(&py));
    assert_eq!(String::from_utf8(py.stdout).unwrap(), report);
}

#[test]
fn cli_bench_reports_throughput_and_counts() {
    let out = run!("bench", "--mb", "0.3", "--threads", "2");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("22 articles"), "{text}");
    assert!(text.contains("MB/s"), "{text}");
    let counts = text
        .lines()
        .find_map(|l| l.strip_prefix("counts: "))
        .unwrap_or_else(|| panic!("no counts line: {text}"));
    for part in counts.split(' ') {
        let (name, n) = part.split_once('=').unwrap();
        assert!(n.parse::<usize>().unwrap() > 0, "{name} is zero: {text}");
    }

    let empty = tempfile::tempdir().unwrap();
    let out = run!("bench", "--dir", empty.path().as_os_str());
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no articles"), "{}", stderr(&out));
}

// Built with the workbench, `quarry` alone would open a window.
#[cfg(not(feature = "gui"))]
#[test]
fn cli_without_subcommand_needs_the_gui_feature() {
    let out = run!();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("gui"), "{}", stderr(&out));
    let out = run!("extract");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nothing to extract"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn cli_eval_bad_gold_or_pred_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad-gold.jsonl");
    std::fs::write(&bad, "{\"id\": \"a\", \"text\": \"x\"}\n{not json\n").unwrap();
    let out = run!("eval", bad.as_os_str(), "--pred", bad.as_os_str());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad-gold.jsonl") && err.contains("neither JSON Lines nor JSON"),
        "{err}"
    );

    let wrong = dir.path().join("wrong-types.jsonl");
    std::fs::write(
        &wrong,
        "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": 5}\n",
    )
    .unwrap();
    let out = run!("eval", wrong.as_os_str(), "--pred", wrong.as_os_str());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("wrong-types.jsonl") && err.contains("document 2"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
