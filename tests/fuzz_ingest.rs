//! Fuzzing every ingest format: arbitrary bytes, and structured mutations of the real
//! fixtures of `tests/fixtures/ingest/` (byte flips, cuts, repeated and nested chunks, and
//! for DOCX mutations of the `word/document.xml` inside a valid zip). Each case must give a
//! document with text or an error naming the file — never a panic, never a hang (a
//! generous bound per case). Also every file of `tests/fixtures/hostile/` (the crashes
//! fuzzing found, kept as regressions). `PROPTEST_CASES` sets the case count
//! (`tools/fuzz/run.sh` runs many more).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::hostile_common;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use quarry::ingest::load_bytes;

/// The longest one case may take (debug build, shared machine): far above the few
/// milliseconds a case takes, far below a hang.
const CASE_BOUND: Duration = Duration::from_secs(5);

/// The extensions of every format, with one for sniffing.
const NAMES: &[&str] = &[
    "case.txt",
    "case.md",
    "case.html",
    "case.pdf",
    "case.docx",
    "case.bin",
];

/// The ingest fixtures: (file name, bytes).
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.ends_with("README.md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{} fixtures", files.len());
    files
}

/// Loads `bytes` as `name` and checks the outcome: no panic, text or an error naming the
/// file, within the bound.
fn check(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let start = Instant::now();
    let outcome = std::panic::catch_unwind(|| load_bytes(Path::new(name), bytes));
    let elapsed = start.elapsed();
    let Ok(result) = outcome else {
        return Err(TestCaseError::fail(format!("{name}: panicked")));
    };
    match result {
        Ok(doc) => prop_assert!(
            !doc.text.trim().is_empty(),
            "{name}: a document without text"
        ),
        Err(e) => prop_assert!(e.to_string().contains(name), "{name}: {e}"),
    }
    prop_assert!(elapsed < CASE_BOUND, "{name}: took {elapsed:?}");
    Ok(())
}

/// One change to a file.
#[derive(Clone, Debug)]
enum Mutation {
    /// Set the byte at this (wrapped) position.
    Set(usize, u8),
    /// Cut the file at this position.
    Truncate(usize),
    /// Remove `len` bytes at a position.
    Remove(usize, usize),
    /// Repeat the `len` bytes at a position `times` times (nesting when they open tags).
    Repeat(usize, usize, usize),
    /// Insert a piece of markup at a position.
    Insert(usize, &'static str),
}

/// Markup that stresses the parsers when inserted anywhere.
const PIECES: &[&str] = &[
    "<div>",
    "</div>",
    "<table>",
    "<td>",
    "<b>",
    "<p>",
    "<script>",
    "<!--",
    "]]>",
    "<w:p>",
    "</w:p>",
    "<w:t>",
    "&#0;",
    "&bogus;",
    "\u{0}",
    "\r\n",
    "> > > ",
    "- [",
    "](",
    "`",
    "obj",
    "endobj",
    " 0 R",
    "<<",
    ">>",
    "[",
    "stream\n",
    "endstream",
    "/Parent 2 0 R",
    "/X1 Do",
    "trailer",
    "%%EOF",
    "\u{feff}",
    "\u{202e}",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Set(p, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1..64usize).prop_map(|(p, l)| Mutation::Remove(p, l)),
        (any::<usize>(), 1..16usize, 1..200usize).prop_map(|(p, l, t)| Mutation::Repeat(p, l, t)),
        (any::<usize>(), proptest::sample::select(PIECES))
            .prop_map(|(p, s)| Mutation::Insert(p, s)),
    ]
}

/// `bytes` with `mutations` applied.
fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Set(p, b) => {
                if !bytes.is_empty() {
                    bytes[p % len] = b;
                }
            }
            Mutation::Truncate(p) => bytes.truncate(p % len),
            Mutation::Remove(p, l) => {
                let start = (p % len).min(bytes.len());
                let end = (start + l).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Repeat(p, l, t) => {
                let start = (p % len).min(bytes.len());
                let end = (start + l).min(bytes.len());
                let chunk = bytes[start..end].to_vec();
                let repeated: Vec<u8> = chunk
                    .iter()
                    .copied()
                    .cycle()
                    .take(chunk.len() * t)
                    .collect();
                bytes.splice(end..end, repeated);
            }
            Mutation::Insert(p, s) => {
                let at = (p % len).min(bytes.len());
                bytes.splice(at..at, s.bytes());
            }
        }
    }
    bytes
}

/// The `word/document.xml` of a DOCX fixture.
fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // Kept small in the suite; PROPTEST_CASES overrides it.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_in_every_format(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        name in proptest::sample::select(NAMES),
    ) {
        check(name, &bytes)?;
    }

    #[test]
    fn mutated_fixtures(
        index in any::<proptest::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..12),
    ) {
        let files = fixtures();
        let (name, bytes) = index.get(&files);
        check(name, &mutate(bytes.clone(), &mutations))?;
    }

    #[test]
    fn fixtures_under_another_format(
        index in any::<proptest::sample::Index>(),
        name in proptest::sample::select(NAMES),
    ) {
        let files = fixtures();
        let (_, bytes) = index.get(&files);
        check(name, bytes)?;
    }

    #[test]
    fn mutated_documents_inside_a_valid_docx(
        mutations in proptest::collection::vec(mutation(), 1..12),
    ) {
        let original = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/python-docx.docx"),
        ).unwrap();
        let xml = mutate(document_xml(&original).into_bytes(), &mutations);
        let xml = String::from_utf8_lossy(&xml);
        check("mutated.docx", &hostile_common::docx(&xml))?;
    }
}

#[test]
fn the_fixtures_read_unmutated() {
    // The mutations start from files that do read (the corrupt ones live in corrupt/).
    for (name, bytes) in fixtures() {
        let doc = load_bytes(Path::new(&name), &bytes).unwrap();
        assert!(!doc.text.is_empty(), "{name}");
    }
}

#[test]
fn regressions_found_by_fuzzing_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("README.md"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression fixtures in {}",
        dir.display()
    );
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        if let Err(e) = check(&name, &bytes) {
            panic!("{e}");
        }
    }
}
