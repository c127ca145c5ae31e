//! Hostile inputs, one family at a time: deep nesting (HTML, DOCX XML, Markdown), zip
//! bombs, huge texts, PDFs whose object graph loops or explodes, symbolic-link loops. Each
//! gives a document or an error naming the file, never a crash, and an import of a folder
//! of them still reads the good article beside them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::hostile_common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use hostile_common::{docx, pdf, text_pdf};
use quarry::Error;
use quarry::ingest::{
    IngestLimits, IngestOptions, collect_files_with, load_bytes, load_bytes_with, load_paths,
};

/// The error's text, checked to name `name`.
fn error_naming(result: quarry::Result<quarry::model::Document>, name: &str) -> String {
    let message = match result {
        Ok(doc) => panic!(
            "{name} loaded ({} bytes of text) but should fail",
            doc.text.len()
        ),
        Err(e) => e.to_string(),
    };
    assert!(message.contains(name), "{message}");
    message
}

#[test]
fn html_of_20000_and_200000_nested_divs_reads_its_text() {
    for depth in [20_000, 200_000] {
        let page = format!(
            "<html><body>{}<p>The deep text survives.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let doc = load_bytes(Path::new("deep.html"), page.as_bytes()).unwrap();
        assert_eq!(doc.text, "The deep text survives.");
    }
}

#[test]
fn html_nesting_that_end_tags_cannot_close_is_bounded() {
    // `</span>` cannot close a span past a div, `</div>` a div past a table: every
    // repetition nests deeper in html5ever's tree.
    for unit in [
        "<span><div>x</span>",
        "<div><table></div>",
        "<b id=a1><p>x</b>",
    ] {
        let page = format!("<html><body>{}</body></html>", unit.repeat(50_000));
        let result = load_bytes(Path::new("misnested.html"), page.as_bytes());
        if let Ok(doc) = result {
            assert!(doc.text.contains('x') || doc.text.is_empty());
        }
    }
    // Formatting elements html5ever reopens in every paragraph.
    let opened = (0..20_000).fold(String::new(), |mut s, i| {
        let _ = write!(s, "<b id={i}>");
        s
    });
    let page = format!("<html><body><p>{opened}one</p><p>two</p></body></html>");
    let doc = load_bytes(Path::new("formatting.html"), page.as_bytes()).unwrap();
    assert_eq!(doc.text, "one\n\ntwo");
}

#[test]
fn markdown_nesting_is_flattened() {
    for unit in ["> ", "- ", "1. ", "* "] {
        let source = format!("{}Deep words here.\n", unit.repeat(100_000));
        let doc = load_bytes(Path::new("deep.md"), source.as_bytes()).unwrap();
        assert!(
            doc.text.contains("Deep words here."),
            "{unit}: {}",
            doc.text
        );
    }
    let source = format!("{}x{}\n", "[".repeat(100_000), "](u)".repeat(100_000));
    assert!(load_bytes(Path::new("links.md"), source.as_bytes()).is_ok());
}

#[test]
fn docx_nested_too_deep_is_refused_naming_the_limit() {
    let xml = format!(
        "<w:document xmlns:w=\"w\"><w:body>{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:sdt>".repeat(100_000),
        "</w:sdt>".repeat(100_000)
    );
    let message = error_naming(load_bytes(Path::new("deep.docx"), &docx(&xml)), "deep.docx");
    assert!(message.contains("512 levels"), "{message}");
}

#[test]
fn docx_zip_bomb_is_refused_naming_the_limit() {
    // 30 MB of spaces deflate to about 30 kB; the limit here is 10 MB.
    let xml = format!(
        "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>start</w:t></w:r></w:p>{}</w:body></w:document>",
        " ".repeat(30_000_000)
    );
    let bomb = docx(&xml);
    assert!(bomb.len() < 1_000_000, "{} bytes", bomb.len());
    let limits = IngestLimits {
        max_decompressed_bytes: 10_000_000,
        ..IngestLimits::default()
    };
    let message = error_naming(
        load_bytes_with(Path::new("bomb.docx"), &bomb, &limits),
        "bomb.docx",
    );
    assert!(
        message.contains("inflated size of word/document.xml is over the limit of 10 MB"),
        "{message}"
    );
    // Within the default limit the same document is read as a stream, and has text.
    let doc = load_bytes(Path::new("bomb.docx"), &bomb).unwrap();
    assert_eq!(doc.text, "start");
}

#[test]
fn huge_texts_and_files_are_refused_naming_the_limit() {
    let words = "All work and no play. ".repeat(800_000); // 17.6 MB
    let message = error_naming(
        load_bytes(Path::new("huge.txt"), words.as_bytes()),
        "huge.txt",
    );
    assert!(message.contains("over the limit of 16 MB"), "{message}");
    let xml = format!(
        "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>{words}</w:t></w:r></w:p></w:body></w:document>"
    );
    let message = error_naming(load_bytes(Path::new("huge.docx"), &docx(&xml)), "huge.docx");
    assert!(message.contains("16 MB"), "{message}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, "Words. ".repeat(300_000)).unwrap();
    let limits = IngestLimits {
        max_file_bytes: 1_000_000,
        ..IngestLimits::default()
    };
    let err = quarry::ingest::load_file_with(&path, &limits).unwrap_err();
    assert!(matches!(err, Error::Limit { .. }), "{err}");
    assert!(err.to_string().contains("big.txt"), "{err}");
    assert!(err.to_string().contains("1 MB"), "{err}");
    // Raised, the same file reads.
    assert!(quarry::ingest::load_file_with(&path, &IngestLimits::with_max_file_mb(5)).is_ok());
}

#[test]
fn pdf_whose_form_draws_itself_is_refused() {
    let page_resources = "/Font << /F1 4 0 R >> /XObject << /X1 6 0 R >>";
    // A form that draws itself, and two forms that draw each other.
    for forms in [
        vec!["/X1 Do".to_owned()],
        vec!["/X2 Do".to_owned(), "/X1 Do".to_owned()],
    ] {
        let bytes = text_pdf(page_resources, "/X1 Do", &forms);
        let message = error_naming(load_bytes(Path::new("loop.pdf"), &bytes), "loop.pdf");
        assert!(message.contains("draws itself"), "{message}");
    }
}

#[test]
fn pdf_billion_laughs_of_forms_is_refused() {
    // Form k draws form k-1 ten times: the page draws the text 10^9 times.
    let mut forms = vec!["BT /F1 12 Tf 72 700 Td (laugh) Tj ET".to_owned()];
    for k in 2..=10 {
        forms.push(format!("/X{} Do ", k - 1).repeat(10));
    }
    let bytes = text_pdf(
        "/Font << /F1 4 0 R >> /XObject << /X10 15 0 R >>",
        "/X10 Do",
        &forms,
    );
    let message = error_naming(load_bytes(Path::new("laughs.pdf"), &bytes), "laughs.pdf");
    assert!(message.contains("forms drawn inside forms"), "{message}");
}

#[test]
fn pdf_whose_page_is_its_own_ancestor_is_refused() {
    // No MediaBox on the page: pdf-extract would look for it up a /Parent chain that loops.
    let bytes = pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_owned(),
        hostile_common::stream("", "BT (x) Tj ET"),
    ]);
    let message = error_naming(
        load_bytes(Path::new("ancestor.pdf"), &bytes),
        "ancestor.pdf",
    );
    assert!(message.contains("page tree loops"), "{message}");
}

#[test]
fn a_good_pdf_with_forms_still_reads() {
    let bytes = text_pdf(
        "/Font << /F1 4 0 R >> /XObject << /X1 6 0 R >>",
        "BT /F1 12 Tf 72 720 Td (Page words.) Tj ET /X1 Do /X1 Do",
        &["BT /F1 12 Tf 72 600 Td (Form words.) Tj ET".to_owned()],
    );
    let doc = load_bytes(Path::new("forms.pdf"), &bytes).unwrap();
    assert!(doc.text.contains("Page words."), "{}", doc.text);
    assert!(doc.text.contains("Form words."), "{}", doc.text);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_outside_the_folder() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "Outside words.").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    std::fs::write(root.join("a/b/story.txt"), "Inside words.").unwrap();
    std::fs::write(root.join("a/~$story.docx"), "owner file").unwrap();
    std::fs::write(root.join("a/.hidden.txt"), "Hidden words.").unwrap();
    symlink(&root, root.join("a/b/loop")).unwrap();
    symlink(root.join("a"), root.join("a/b/up")).unwrap();
    symlink(root.join("a/b/story.txt"), root.join("again.txt")).unwrap();
    symlink(outside.path(), root.join("elsewhere")).unwrap();
    symlink(outside.path().join("secret.txt"), root.join("secret.txt")).unwrap();

    let walked = collect_files_with(std::slice::from_ref(&root), &IngestOptions::default());
    let names: Vec<PathBuf> = walked
        .files
        .iter()
        .map(|f| f.strip_prefix(&root).unwrap().to_owned())
        .collect();
    // The same file reached through a link is read once: the first met (a folder's own
    // entries come before its subfolders').
    assert_eq!(names, vec![PathBuf::from("again.txt")]);
    assert!(walked.errors.is_empty(), "{:?}", walked.errors);
    let skipped: Vec<&Path> = walked.skipped.iter().map(|(p, _)| p.as_path()).collect();
    assert!(
        skipped.contains(&root.join("elsewhere").as_path()),
        "{skipped:?}"
    );
    assert!(
        skipped.contains(&root.join("secret.txt").as_path()),
        "{skipped:?}"
    );
    assert!(
        skipped.contains(&root.join("a/b/loop").as_path()),
        "{skipped:?}"
    );

    let follow = IngestOptions {
        follow_links_outside: true,
        ..IngestOptions::default()
    };
    let walked = collect_files_with(std::slice::from_ref(&root), &follow);
    assert_eq!(walked.files.len(), 2, "{:?}", walked.files);
    assert!(walked.files.iter().any(|f| f.ends_with("secret.txt")));
}

#[test]
fn one_hostile_file_never_takes_down_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let mut file = std::fs::File::create(dir.path().join(name)).unwrap();
        file.write_all(bytes).unwrap();
    };
    write(
        "a-good.txt",
        b"President Ghani met the envoy in Kabul on Monday.",
    );
    let divs = format!("{}x{}", "<div>".repeat(50_000), "</div>".repeat(50_000));
    write("deep.html", divs.as_bytes());
    write(
        "loop.pdf",
        &text_pdf("/XObject << /X1 6 0 R >>", "/X1 Do", &["/X1 Do".to_owned()]),
    );
    write(
        "quotes.md",
        format!("{}x\n", "> ".repeat(100_000)).as_bytes(),
    );
    let report = load_paths(
        &[dir.path().to_owned()],
        &mut |_, _, _| {},
        &AtomicBool::new(false),
    );
    let ids: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&"a-good"), "{ids:?}");
    assert!(ids.contains(&"deep"), "{ids:?}");
    assert!(ids.contains(&"quotes"), "{ids:?}");
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    assert!(report.failures[0].1.to_string().contains("loop.pdf"));
}
