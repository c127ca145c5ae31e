//! Ingest of every supported format on committed fixtures (made by
//! `tools/fixtures/make_ingest_fixtures.py`) and on the shared articles.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use quarry::ingest::{collect_files, load_bytes, load_file, load_paths};
use quarry::model::{CharIndex, Span, content_hash};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

/// The shared articles: `../shared` beside the repository (as in CI); `QUARRY_SHARED_DIR`
/// may point elsewhere when the checkout is not beside `shared/` (e.g. a git worktree).
fn shared(rel: &str) -> PathBuf {
    let root = std::env::var_os("QUARRY_SHARED_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")),
        PathBuf::from,
    );
    root.join("articles").join(rel)
}

const HTML_BOILERPLATE: &[&str] = &[
    "cookies",
    "Accept",
    "Front Page",
    "World News",
    "Sport Section",
    "Daily Example Home",
    "trackingId",
    "UA-TRACKING",
    "trackPage",
    "font-family",
    "Share on Facebook",
    "Tweet this",
    "Related stories",
    "unrelated headline",
    "newsletter",
    "Subscribe",
    "Most read",
    "All rights reserved",
    "Privacy policy",
    "By Jane Doe",
    "ADVERTISEMENT",
    "Skip to navigation",
    "NewsArticle",
    "schema.org",
];

#[test]
fn html_article_body_without_boilerplate_and_with_metadata() {
    let doc = load_file(&fixture("article.html")).unwrap();
    assert_eq!(
        doc.text,
        "The Biden administration has conveyed its first message to Pakistan, assuring \
         continued assistance for the “common cause of peace in Afghanistan.”\n\n\
         According to an Inter-Services Public Relations (ISPR) press release, the visiting \
         dignitary appreciated Pakistan’s contributions & support.\n\n\
         Foreign Minister Shah Mehmood Qureshi said the deal must be preserved — “not reversed.”"
    );
    for junk in HTML_BOILERPLATE {
        assert!(
            !doc.text.contains(junk),
            "boilerplate {junk:?} leaked into the text"
        );
    }
    assert_eq!(doc.id, "article");
    assert_eq!(doc.meta.format, "html");
    assert_eq!(doc.meta.title, "Pakistan assured of US support");
    assert_eq!(doc.meta.author, "Jane Doe");
    assert_eq!(doc.meta.date, "2021-01-26T09:30:00+05:00");
    assert_eq!(doc.meta.source, "Daily Example");
    assert_eq!(
        doc.meta.path.as_deref(),
        Some(fixture("article.html").as_path())
    );
    assert_eq!(doc.content_hash, content_hash(&doc.text));
}

#[test]
fn html_without_article_element_uses_densest_block_json_ld_and_declared_charset() {
    let doc = load_file(&fixture("div-page-1252.htm")).unwrap();
    assert_eq!(
        doc.text,
        "Diplomats met at a café in Islamabad on Monday.\n\n\
         “We are hopeful,” one of them said, adding that €5 million had been pledged.\n\n\
         The next round is due in March."
    );
    for junk in [
        "Politics",
        "Business",
        "Short teaser",
        "Contact us",
        "@graph",
    ] {
        assert!(!doc.text.contains(junk), "{junk:?} leaked into the text");
    }
    assert_eq!(doc.meta.format, "html");
    assert_eq!(doc.meta.title, "Café diplomacy in Islamabad");
    assert_eq!(doc.meta.author, "A. Writer, B. Writer");
    assert_eq!(doc.meta.date, "2021-02-01");
    assert_eq!(doc.meta.source, "The Example Times");
}

#[test]
fn pdf_text_layer_joins_hyphenation_and_keeps_paragraphs() {
    let doc = load_file(&fixture("article.pdf")).unwrap();
    assert_eq!(
        doc.text,
        "Talks on Afghan Peace\n\n\
         The acting US envoy met the army chief of Pakistan today. Officials discussed the \
         ISIS-K threat and the “common cause of peace” in the region.\n\n\
         Foreign Minister Qureshi urged the new administration to preserve the peace deal — \
         and said the talks will continue next week in Doha."
    );
    assert!(doc.text.contains("Pakistan"));
    assert!(!doc.text.contains("Paki-"));
    assert!(doc.text.contains("ISIS-K"));
    // The page number at the foot of page 1 is dropped.
    assert!(!doc.text.contains(" 1 "));
    assert_eq!(doc.text.matches("\n\n").count(), 2);
    assert_eq!(doc.meta.format, "pdf");
    assert_eq!(doc.meta.title, "Talks on Afghan Peace (PDF fixture)");
    assert_eq!(doc.meta.author, "Quarry Fixtures");
    assert_eq!(doc.meta.date, "2021-01-26");
}

#[test]
fn pdf_font_without_widths_reads_words_not_letters() {
    let doc = load_file(&fixture("font-without-widths.pdf")).unwrap();
    assert_eq!(doc.text, "Hello there");
    assert_eq!(doc.meta.title, "Hello there");
}

#[test]
fn docx_paragraphs_runs_and_core_properties() {
    let doc = load_file(&fixture("article.docx")).unwrap();
    assert_eq!(
        doc.text,
        "COAS meets US envoy\n\n\
         The acting US Chargé d’Affairs called on General Qamar Javed Bajwa in Rawalpindi.\n\n\
         Date:\t26 January 2021\nPlace:\tGHQ\n\n\
         He said Pakistan & the US share the “common cause of peace” — in Afghanistan."
    );
    assert!(!doc.text.contains("DELETED"));
    assert_eq!(doc.meta.format, "docx");
    assert_eq!(doc.meta.title, "COAS meets US envoy (core title)");
    assert_eq!(doc.meta.author, "Quarry Fixtures");
    assert_eq!(doc.meta.date, "2021-01-26T10:00:00Z");
}

#[test]
fn docx_written_by_python_docx_with_headings_lists_and_a_table() {
    let doc = load_file(&fixture("python-docx.docx")).unwrap();
    assert_eq!(
        doc.text,
        "Bajwa receives US envoy\n\n\
         The acting US Chargé d’Affairs called on Chief of Army Staff General Qamar Javed Bajwa.\n\n\
         First line of an address\nSecond line of the address\n\n\
         Peace process\n\nRegional security\n\n\
         Name | Office\n\nQamar Javed Bajwa | Chief of Army Staff\n\n\
         “We appreciate Pakistan’s role,” the envoy said — in Urdu: پاکستان."
    );
    assert_eq!(doc.meta.title, "Bajwa receives US envoy");
    assert_eq!(doc.meta.author, "ISPR Desk");
    assert_eq!(doc.meta.date, "2021-01-26T09:00:00Z");
}

#[test]
fn markdown_front_matter_and_readable_text() {
    let doc = load_file(&fixture("front-matter.md")).unwrap();
    assert_eq!(
        doc.text,
        "A heading that is not the title\n\n\
         Foreign Minister Shah Mehmood Qureshi said on Friday that the US should “preserve \
         the Afghan peace deal.”\n\n\
         First point\n\nSecond point\n\n\
         Final paragraph with code and a link."
    );
    assert!(!doc.text.contains("photo caption"));
    assert!(!doc.text.contains("title:"));
    assert_eq!(doc.meta.format, "md");
    assert_eq!(doc.meta.title, "Qureshi urges restraint");
    assert_eq!(doc.meta.author, "Staff Reporter");
    assert_eq!(doc.meta.date, "2021-01-29");

    let doc = load_file(&fixture("heading-title.markdown")).unwrap();
    assert_eq!(doc.meta.title, "Heading Becomes Title");
    assert_eq!(
        doc.text,
        "Intro line before the heading.\n\nHeading Becomes Title\n\nBody text here."
    );
}

#[test]
fn windows_1252_text_is_detected_and_decoded() {
    let doc = load_file(&fixture("windows-1252.txt")).unwrap();
    assert_eq!(
        doc.text,
        "Café talks in Islamabad\n\n\
         The minister said “we will restore” the €5 million programme – quickly.\n\
         Naïve résumé ‘quoted’."
    );
    assert_eq!(doc.meta.title, "Café talks in Islamabad");
    assert_eq!(doc.meta.format, "txt");
}

#[test]
fn other_legacy_encodings_are_guessed() {
    let doc = load_file(&fixture("windows-1251.txt")).unwrap();
    assert_eq!(
        doc.text,
        "Лавров встретился с Куреши\n\n\
         Министр иностранных дел России Сергей Лавров заявил, что переговоры продолжатся в \
         следующем месяце."
    );
    assert_eq!(doc.meta.title, "Лавров встретился с Куреши");
    let doc = load_file(&fixture("windows-1256.txt")).unwrap();
    assert_eq!(
        doc.text,
        "قال وزير الخارجية الباكستاني\n\n\
         قال وزير الخارجية شاه محمود قريشي إن السلام في أفغانستان مهم للمنطقة كلها."
    );
}

#[test]
fn utf16_with_and_without_bom_and_utf8_bom() {
    let expected = "UTF-16 article\n\nQureshi said “peace” — پاکستان.";
    let le = load_file(&fixture("utf16le-bom.txt")).unwrap();
    assert_eq!(le.text, expected);
    assert_eq!(le.meta.title, "UTF-16 article");
    let be = load_file(&fixture("utf16be-nobom.txt")).unwrap();
    assert_eq!(be.text, expected);
    assert_eq!(le.content_hash, be.content_hash);

    let doc = load_file(&fixture("utf8-bom.txt")).unwrap();
    assert!(!doc.text.starts_with('\u{feff}'));
    assert_eq!(doc.text, "BOM Title\n\nBody with “quotes” and café.");
    assert_eq!(doc.meta.title, "BOM Title");
}

#[test]
fn multibyte_scripts_keep_their_offsets() {
    let path = fixture("multiscript.txt");
    let doc = load_file(&path).unwrap();
    // Only the trailing newline goes: every other byte is kept.
    let raw = std::fs::read_to_string(&path).unwrap();
    assert_eq!(doc.text, raw.trim_end_matches('\n'));
    assert_eq!(doc.meta.title, "Multiscript test");
    let index = CharIndex::new(&doc.text);
    // Char offsets as Python counts them (printed by the fixture script).
    for (word, start, end) in [
        ("قریشی", 56, 61),
        ("الخارجية", 75, 83),
        ("Лавров", 109, 115),
        ("東京", 130, 132),
        ("talks", 152, 157),
        ("Lavrov", 161, 167),
    ] {
        let byte = doc.text.find(word).unwrap();
        let span = Span::new(byte, byte + word.len());
        assert_eq!(span.text(&doc.text), word);
        assert_eq!(index.char_span(span), (start, end), "{word}");
        assert_eq!(index.byte_span(start, end), span, "{word}");
    }
}

#[test]
fn extension_is_case_insensitive_and_unknown_extensions_are_sniffed() {
    let html = std::fs::read(fixture("article.html")).unwrap();
    let doc = load_bytes(Path::new("Saved Page.HTM"), &html).unwrap();
    assert_eq!(doc.meta.format, "html");
    assert_eq!(doc.id, "saved-page");
    let doc = load_bytes(Path::new("download.bin"), &html).unwrap();
    assert_eq!(doc.meta.format, "html");

    let pdf = std::fs::read(fixture("article.pdf")).unwrap();
    let doc = load_bytes(Path::new("no_extension"), &pdf).unwrap();
    assert_eq!(doc.meta.format, "pdf");
    assert!(doc.text.contains("Pakistan today"));

    let docx = std::fs::read(fixture("article.docx")).unwrap();
    let doc = load_bytes(Path::new("report.zipped"), &docx).unwrap();
    assert_eq!(doc.meta.format, "docx");

    // A binary signature wins over a text extension.
    let doc = load_bytes(Path::new("mislabelled.txt"), &pdf).unwrap();
    assert_eq!(doc.meta.format, "pdf");

    let err = load_bytes(Path::new("notes.xyz"), b"plain words").unwrap_err();
    assert!(matches!(err, quarry::Error::Unsupported { .. }), "{err}");
    assert!(err.to_string().contains("notes.xyz"));
}

#[test]
fn commissioning_article_loads_unchanged() {
    let path = shared("us-pakistan-afghan-peace.txt");
    let raw = std::fs::read_to_string(&path).unwrap();
    let doc = load_file(&path).unwrap();
    assert_eq!(doc.text, raw.trim_end_matches('\n'));
    assert_eq!(doc.id, "us-pakistan-afghan-peace");
    // Its first line is a long sentence, not a headline: no title is invented.
    assert!(raw.lines().next().unwrap().len() > 200);
    assert_eq!(doc.meta.title, "");
    assert_eq!(doc.display_title(), "us-pakistan-afghan-peace");
    assert!(doc.text.contains("“common cause of peace in Afghanistan.”"));
}

#[test]
fn state_department_releases_load_with_their_titles() {
    let dir = shared("state-department");
    let sources = std::fs::read_to_string(dir.join("SOURCES.tsv")).unwrap();
    let mut checked = 0;
    for row in sources.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (file, title) = (cols[0], cols[1]);
        let path = dir.join(file);
        let raw = std::fs::read_to_string(&path).unwrap();
        let doc = load_file(&path).unwrap();
        assert_eq!(doc.text, raw.trim_end_matches('\n'), "{file}");
        assert_eq!(doc.meta.title, title, "{file}");
        assert_eq!(doc.meta.title, raw.lines().next().unwrap().trim(), "{file}");
        assert_eq!(
            doc.id,
            file.trim_end_matches(".txt").trim_matches('-'),
            "{file}"
        );
        checked += 1;
    }
    assert_eq!(checked, 22);
}

#[test]
fn mixed_folder_loads_good_files_and_reports_bad_ones() {
    let dir = fixture("mixed");
    let mut progress = Vec::new();
    let report = load_paths(
        std::slice::from_ref(&dir),
        &mut |done, total, path| progress.push((done, total, path.to_owned())),
        &AtomicBool::new(false),
    );
    let loaded: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(loaded, vec!["01-good", "02-good", "03-good", "04-good"]);
    assert_eq!(report.documents[2].meta.title, "Good page");
    assert_eq!(report.documents[3].text, "A one-line PDF.");

    let failed: Vec<PathBuf> = report.failures.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(
        failed,
        vec![
            dir.join("05-empty.txt"),
            dir.join("06-garbage.pdf"),
            dir.join("sub/07-broken.docx"),
        ]
    );
    let reasons = [
        "file is empty",
        "not a PDF file",
        "not a valid Word document",
    ];
    for ((path, err), reason) in report.failures.iter().zip(reasons) {
        let message = err.to_string();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(message.contains(name), "{message}");
        assert!(message.contains(reason), "{message}");
    }
    // Every collected file was announced once; hidden and unsupported files were not.
    assert_eq!(progress.len(), 7);
    assert!(
        progress
            .iter()
            .all(|(done, total, _)| *total == 7 && *done < 7)
    );
    let mut announced: Vec<PathBuf> = progress.into_iter().map(|(_, _, p)| p).collect();
    announced.sort();
    assert!(
        announced
            .iter()
            .all(|p| !p.to_string_lossy().contains("hidden"))
    );
    assert!(
        announced
            .iter()
            .all(|p| p.extension().is_some_and(|e| e != "csv"))
    );
}

#[test]
fn loading_from_inside_the_rayon_pool_works_and_keeps_order() {
    let dir = fixture("mixed");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let report = pool.install(|| load_paths(&[dir], &mut |_, _, _| {}, &AtomicBool::new(false)));
    let loaded: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(loaded, vec!["01-good", "02-good", "03-good", "04-good"]);
    assert_eq!(report.failures.len(), 3);
}

#[test]
fn cancelled_loading_stops() {
    let cancel = AtomicBool::new(true);
    let report = load_paths(&[fixture("mixed")], &mut |_, _, _| {}, &cancel);
    assert!(report.documents.is_empty());
    assert!(report.failures.is_empty());
}

#[test]
fn collect_files_sorts_skips_and_names_missing_and_unsupported_paths() {
    let dir = fixture("mixed");
    let missing = fixture("does-not-exist.txt");
    let csv = dir.join("notes.csv");
    let (files, errors) = collect_files(&[
        dir.join("sub"),
        missing.clone(),
        csv.clone(),
        dir.join("01-good.txt"),
        dir.join("sub"),
    ]);
    assert_eq!(
        files,
        vec![
            dir.join("01-good.txt"),
            dir.join("sub/03-good.html"),
            dir.join("sub/04-good.pdf"),
            dir.join("sub/07-broken.docx"),
        ]
    );
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].0, missing);
    assert!(errors[0].1.to_string().contains("does-not-exist.txt"));
    assert_eq!(errors[1].0, csv);
    assert!(matches!(errors[1].1, quarry::Error::Unsupported { .. }));
    assert!(errors[1].1.to_string().contains("notes.csv"));
}

#[test]
fn loading_many_files_keeps_path_order() {
    let dir = shared("state-department");
    let report = load_paths(&[dir], &mut |_, _, _| {}, &AtomicBool::new(false));
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    let ids: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 22);
    assert!(ids[0].starts_with("01-"));
}
