//! `quarry extract --input-jsonl - -o -`: records stream through standard input and output in
//! input order, a bad line is reported with its number and the stream goes on, and output
//! appears before the input ends (bounded batches, not the whole input at once).

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

const POLNEAR_DEV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/polnear/dev.jsonl"
);

fn record(id: &str, text: &str) -> String {
    json!({ "id": id, "text": text }).to_string()
}

fn spawn() -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["extract", "--input-jsonl", "-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start quarry: {e}"))
}

#[test]
fn records_stream_in_input_order_and_a_bad_line_is_reported_by_number() {
    let mut input = String::new();
    for (i, line) in [
        record("a", "Lloyd Austin said Pakistan is an essential partner."),
        record("b", "Shah Mehmood Qureshi met the ambassador in Islamabad."),
        "this is not json".to_owned(),
        record("c", "\"We will restore the alliances,\" the nominee said."),
        record(
            "d",
            "General Qamar Javed Bajwa praised the Chief of Army Staff.",
        ),
    ]
    .iter()
    .enumerate()
    {
        if i > 0 {
            input.push('\n');
        }
        input.push_str(line);
    }
    let mut child = spawn();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin> line 3"), "stderr: {stderr}");
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
}

#[test]
fn streamed_output_equals_the_file_based_extraction() {
    let dir = tempfile::tempdir().unwrap();
    let file_out = dir.path().join("out.jsonl");
    let status = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["extract", "--input-jsonl", POLNEAR_DEV, "-o"])
        .arg(&file_out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut child = spawn();
    let input = std::fs::read(POLNEAR_DEV).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, std::fs::read(&file_out).unwrap());
}

#[test]
fn output_appears_before_the_input_ends() {
    let mut child = spawn();
    let mut stdin = child.stdin.take().unwrap();
    // More than one batch of records; stdin stays open while the first output line is read.
    for i in 0..200 {
        writeln!(
            stdin,
            "{}",
            record(&format!("r{i}"), "The minister said it was good.")
        )
        .unwrap();
    }
    stdin.flush().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let first: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(first["id"], "r0");
    drop(stdin);
    let rest = stdout.lines().count();
    assert_eq!(rest, 199);
    assert!(child.wait().unwrap().success());
}
