//! `quarry import P.ron --from-jsonl SHARD…`: a project built from sharded `quarry extract`
//! output equals a single-process `quarry import` of the same articles; bad lines are named
//! by shard and line; duplicates by content hash are skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use quarry::project::Project;

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/articles");

fn quarry(args: &[&str], stdin: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quarry"));
    cmd.args(args);
    if let Some(path) = stdin {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        cmd.stdin(Stdio::from(file));
    }
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot start quarry: {e}"))
}

fn ok(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// Splits the `--text-only` records of the shared articles into `n` shards, extracts each
/// through the stdin stream and returns the output shard paths.
fn extracted_shards(dir: &Path, n: usize) -> Vec<PathBuf> {
    let records = dir.join("records.jsonl");
    ok(&quarry(
        &[
            "extract",
            ARTICLES,
            "--text-only",
            "-o",
            records.to_str().unwrap_or(""),
        ],
        None,
    ));
    let text = std::fs::read_to_string(&records).unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 20, "{} records", lines.len());
    let per = lines.len().div_ceil(n);
    let mut outputs = Vec::new();
    for (i, chunk) in lines.chunks(per).enumerate() {
        let input = dir.join(format!("in-{i}.jsonl"));
        std::fs::write(&input, chunk.join("\n") + "\n").unwrap_or_else(|e| panic!("{e}"));
        let out = quarry(&["extract", "--input-jsonl", "-", "-o", "-"], Some(&input));
        ok(&out);
        let output = dir.join(format!("out-{i}.jsonl"));
        std::fs::write(&output, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
        outputs.push(output);
    }
    outputs
}

#[test]
fn sharded_import_equals_single_process_import() {
    let dir = tempfile::tempdir().unwrap();
    let shards = extracted_shards(dir.path(), 4);
    assert_eq!(shards.len(), 4);
    let single = dir.path().join("single.ron");
    ok(&quarry(
        &["import", single.to_str().unwrap(), ARTICLES],
        None,
    ));
    let merged = dir.path().join("merged.ron");
    let mut args = vec!["import", merged.to_str().unwrap(), "--from-jsonl"];
    args.extend(shards.iter().map(|s| s.to_str().unwrap()));
    ok(&quarry(&args, None));

    let a = Project::load(&single).unwrap();
    let b = Project::load(&merged).unwrap();
    assert_eq!(a.documents.len(), 23);
    assert!(a.documents.iter().any(|d| !d.annotations.quotes.is_empty()));
    assert!(a.documents.iter().any(|d| d.meta.path.is_some()));
    assert_eq!(a.documents.len(), b.documents.len());
    for (x, y) in a.documents.iter().zip(&b.documents) {
        assert_eq!(x, y, "document {} differs", x.id);
    }
    assert_eq!(a.settings, b.settings);

    // Extending with the same shards again adds nothing: every text is already there.
    let stderr = ok(&quarry(&args, None));
    assert!(
        stderr.contains("added 0 document(s), skipped 23"),
        "{stderr}"
    );
    assert_eq!(Project::load(&merged).unwrap().documents, b.documents);
}

#[test]
fn a_bad_line_is_named_by_shard_and_line_and_the_rest_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let shards = extracted_shards(dir.path(), 2);
    let text = std::fs::read_to_string(&shards[1]).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let kept = lines.len() - 1;
    lines.insert(1, "{not json".to_owned());
    // A record without annotations (interchange keys only) cannot be imported as it is.
    let mut bare: serde_json::Value = serde_json::from_str(&lines[2]).unwrap();
    bare.as_object_mut().unwrap().remove("annotations");
    lines[2] = bare.to_string();
    let bad = dir.path().join("bad-shard.jsonl");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let project = dir.path().join("p.ron");
    let out = quarry(
        &[
            "import",
            project.to_str().unwrap(),
            "--from-jsonl",
            shards[0].to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
        None,
    );
    let stderr = ok(&out);
    assert!(
        stderr.contains("bad-shard.jsonl line 2: not an interchange record"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad-shard.jsonl line 3: ") && stderr.contains("no `annotations` key"),
        "{stderr}"
    );
    let first = std::fs::read_to_string(&shards[0]).unwrap().lines().count();
    assert_eq!(
        Project::load(&project).unwrap().documents.len(),
        first + kept
    );
}
