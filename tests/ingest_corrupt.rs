//! Corrupt and hostile inputs: each gives an `Err` (never a panic) whose message names the
//! file and says what is wrong.

use std::path::{Path, PathBuf};

use quarry::Error;
use quarry::ingest::{load_bytes, load_file};

fn corrupt(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest/corrupt")
        .join(name)
}

/// Loads `name` and checks the error names the file and contains `reason`.
fn assert_fails(name: &str, reason: &str) -> Error {
    let path = corrupt(name);
    assert!(path.exists(), "fixture {name} is missing");
    let Err(err) = load_file(&path) else {
        panic!("{name} loaded but should have failed");
    };
    let message = err.to_string();
    assert!(
        message.contains(name),
        "{name}: message does not name the file: {message}"
    );
    assert!(
        message.contains(reason),
        "{name}: expected {reason:?} in {message:?}"
    );
    err
}

#[test]
fn truncated_pdf() {
    let err = assert_fails("truncated.pdf", "not a valid PDF");
    assert!(matches!(err, Error::Parse { .. }));
}

#[test]
fn pdf_without_text_layer_is_refused() {
    assert_fails("scanned.pdf", "no text layer; OCR is not supported");
}

#[test]
fn garbage_pdf_with_and_without_header() {
    assert_fails("garbage.pdf", "not a PDF file");
    assert_fails("garbage-after-header.pdf", "not a valid PDF");
}

#[test]
fn pdf_extractor_panics_become_parse_errors() {
    // Each of these makes pdf-extract panic; the panic is caught and reported.
    for name in [
        "pdf-font-without-resources.pdf",
        "pdf-type0-without-descendants.pdf",
        "pdf-without-mediabox.pdf",
    ] {
        let err = assert_fails(name, "the text extractor failed");
        assert!(matches!(err, Error::Parse { .. }), "{name}: {err:?}");
    }
}

#[test]
fn pdf_without_pages_or_with_a_cyclic_page_tree() {
    assert_fails("pdf-without-pages.pdf", "no pages");
    assert_fails("pdf-cyclic-page-tree.pdf", "no pages");
}

#[test]
fn broken_zip_named_docx() {
    assert_fails("broken.docx", "not a valid Word document");
}

#[test]
fn zip_without_document_xml() {
    assert_fails("no-document-xml.docx", "word/document.xml");
}

#[test]
fn binary_garbage_named_txt_and_html() {
    assert_fails("garbage.txt", "binary data");
    assert_fails("garbage.html", "binary data");
}

#[test]
fn empty_and_blank_files() {
    let err = assert_fails("empty.txt", "file is empty");
    assert!(matches!(err, Error::Parse { .. }));
    assert_fails("whitespace-only.md", "no text found");
    assert_fails("only-boilerplate.html", "no text found");
}

#[test]
fn missing_file_names_the_path() {
    let err = load_file(&corrupt("nowhere.pdf")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("nowhere.pdf"));
}

#[test]
fn every_prefix_of_a_good_pdf_and_docx_fails_cleanly_or_loads() {
    // Cut the good files at many points: none may panic, and each error names the file.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest");
    for name in ["article.pdf", "article.docx", "article.html"] {
        let bytes = std::fs::read(fixtures.join(name)).unwrap();
        for cut in (0..bytes.len()).step_by(97) {
            if let Err(err) = load_bytes(Path::new(name), &bytes[..cut]) {
                assert!(err.to_string().contains(name), "{name}[..{cut}]: {err}");
            }
        }
    }
}

#[test]
fn control_character_noise_in_text_is_refused() {
    let noise: Vec<u8> = (0..400u32)
        .map(|i| [0x01, 0x02, b'a', 0x1b, 0x07][(i % 5) as usize])
        .collect();
    let err = load_bytes(Path::new("noise.txt"), &noise).unwrap_err();
    assert!(err.to_string().contains("noise.txt"));
    assert!(err.to_string().contains("binary data"));
}

#[test]
fn caught_extractor_panics_print_nothing() {
    const CHILD: &str = "QUARRY_INGEST_PANIC_CHILD";
    let names = [
        "pdf-font-without-resources.pdf",
        "pdf-type0-without-descendants.pdf",
        "pdf-without-mediabox.pdf",
    ];
    if std::env::var_os(CHILD).is_some() {
        for name in names {
            assert!(load_file(&corrupt(name)).is_err());
        }
        return;
    }
    // Run this test again in a child process, with output not captured by the harness,
    // and check that neither stream shows a panic message.
    // The test's name in the harness is its module path without the crate's name.
    let test = "caught_extractor_panics_print_nothing";
    let name = module_path!().split_once("::").map_or_else(
        || test.to_owned(),
        |(_, module)| format!("{module}::{test}"),
    );
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([name.as_str(), "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "child failed: {stdout}\n{stderr}");
    assert!(
        stdout.contains("1 passed"),
        "the child did not run the test: {stdout}"
    );
    assert!(!stdout.contains("panicked"), "{stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
