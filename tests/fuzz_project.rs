//! Fuzzing the project loader: arbitrary bytes, structured mutations of real project files
//! (the v1 compatibility fixture and a project of the first demo article, line cuts and
//! repeats, flipped bytes, deep nesting), each written to a file and opened. Each must
//! load as a consistent project or fail with an error naming the file — never a panic,
//! never a hang. `PROPTEST_CASES` sets the case count.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use quarry::project::Project;

/// The longest one case may take: far above what a case takes, far below a hang.
const CASE_BOUND: Duration = Duration::from_secs(5);

/// Real project files: the v1 fixture, and the demo project cut down to its first article.
fn projects() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let v1 = std::fs::read_to_string(root.join("projects/compat/v1/afghan-talks.ron")).unwrap();
    let mut demo = Project::load(&root.join("projects/demo/demo.ron")).unwrap();
    demo.documents.truncate(1);
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.ron");
    demo.save(&small).unwrap();
    vec![v1, std::fs::read_to_string(&small).unwrap()]
}

/// Writes `bytes` as a project file and opens it: a project or an error naming the file,
/// no panic, within the bound.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("fuzzed.ron");
    std::fs::write(&path, bytes).unwrap();
    let start = Instant::now();
    let outcome = std::panic::catch_unwind(|| Project::load(&path));
    let elapsed = start.elapsed();
    let Ok(result) = outcome else {
        return Err(TestCaseError::fail("the loader panicked"));
    };
    match result {
        Ok(project) => {
            // Loaded: it must save and load back the same.
            project.save(&path).unwrap();
            prop_assert_eq!(Project::load(&path).unwrap(), project);
        }
        Err(e) => prop_assert!(e.to_string().contains("fuzzed.ron"), "{}", e),
    }
    prop_assert!(elapsed < CASE_BOUND, "took {:?}", elapsed);
    Ok(())
}

/// One change to a project file's lines.
#[derive(Clone, Debug)]
enum Mutation {
    /// Remove a line.
    DropLine(usize),
    /// Repeat a line.
    RepeatLine(usize, usize),
    /// Swap two lines.
    Swap(usize, usize),
    /// Set a byte.
    Set(usize, u8),
    /// Replace a number with another.
    Number(usize, u64),
    /// Cut the file.
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DropLine),
        (any::<usize>(), 1..50usize).prop_map(|(l, t)| Mutation::RepeatLine(l, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Set(p, b)),
        (
            any::<usize>(),
            prop_oneof![
                0..10u64,
                Just(u64::MAX),
                Just(u64::from(u32::MAX) + 1),
                any::<u64>()
            ]
        )
            .prop_map(|(p, n)| Mutation::Number(p, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// `text` with `mutations` applied.
fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::DropLine(l) if !lines.is_empty() => {
                lines.remove(l % n);
            }
            Mutation::RepeatLine(l, t) if !lines.is_empty() => {
                let line = lines[l % n].clone();
                for _ in 0..t {
                    lines.insert(l % n, line.clone());
                }
            }
            Mutation::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::Set(p, b) if !lines.is_empty() => {
                let line = &mut lines[p % n];
                let mut bytes = std::mem::take(line).into_bytes();
                if !bytes.is_empty() {
                    let at = p % bytes.len();
                    bytes[at] = b;
                }
                *line = String::from_utf8_lossy(&bytes).into_owned();
            }
            Mutation::Number(p, value) => {
                // The p-th line holding a digit gets its first number replaced.
                let with_digits: Vec<usize> = (0..lines.len())
                    .filter(|&i| lines[i].bytes().any(|b| b.is_ascii_digit()))
                    .collect();
                if let Some(&i) = with_digits.get(p % with_digits.len().max(1)) {
                    let line = &lines[i];
                    let start = line.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                    let end = line[start..]
                        .find(|c: char| !c.is_ascii_digit())
                        .map_or(line.len(), |e| start + e);
                    lines[i] = format!("{}{value}{}", &line[..start], &line[end..]);
                }
            }
            Mutation::Truncate(l) => lines.truncate(l % n),
            _ => {}
        }
    }
    lines.join("\n").into_bytes()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(32),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_as_a_project(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes)?;
    }

    #[test]
    fn mutated_real_projects(
        which in 0..2usize,
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let projects = projects();
        check(&mutate(&projects[which], &mutations))?;
    }
}

#[test]
fn deeply_nested_project_values_are_refused_without_overflow() {
    for (open, close) in [("[", "]"), ("(", ")"), ("Some(", ")"), ("{\"a\":", "}")] {
        let nested = format!("{}\"x\"{}", open.repeat(100_000), close.repeat(100_000));
        // The version first (read by a scan), or after the nesting (read by a parse that
        // must skip it).
        for text in [
            format!("Project(format_version: 2, name: {nested})"),
            format!("Project(name: {nested}, format_version: 2)"),
        ] {
            check(text.as_bytes()).unwrap();
        }
    }
}
