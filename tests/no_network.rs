//! No network, no execution: the dependency tree holds no HTTP or network client, no
//! source file opens a socket or starts a process outside the command line's own
//! subcommands, and HTML ingest turns links, images, scripts, frames, `<base>` and
//! `<meta http-equiv=refresh>` into text or nothing — it never fetches.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::path::Path;

use quarry::ingest::load_bytes;

/// Crates that speak HTTP, WebSocket or TLS. (tokio is in the tree for the file dialog's
/// D-Bus portal, a local socket; no crate here could reach a network host.)
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "attohttpc",
    "surf",
    "http-req",
    "minreq",
    "tungstenite",
    "native-tls",
    "rustls",
    "openssl",
];

/// The package names in `Cargo.lock`.
fn locked_packages() -> Vec<String> {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock is committed");
    lock.lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_dependency_tree_holds_no_network_client() {
    let packages = locked_packages();
    assert!(packages.len() > 50, "Cargo.lock read: {}", packages.len());
    assert!(
        packages.iter().any(|p| p == "scraper"),
        "the lock lists dependencies"
    );
    let found: Vec<&String> = packages
        .iter()
        .filter(|p| NETWORK_CRATES.contains(&p.as_str()))
        .collect();
    assert!(found.is_empty(), "network crates in Cargo.lock: {found:?}");
}

/// Every `.rs` file below `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_opens_a_socket_or_runs_a_program() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // `quarry bench --corpus` re-runs its own executable (`current_exe`, never another
        // program) so that the load's peak memory is measured in a fresh process.
        let self_exec =
            file.ends_with("src/cli/bench/corpus.rs") && text.contains("std::env::current_exe()");
        for word in [
            "std::net",
            "TcpStream",
            "UdpSocket",
            "process::Command",
            "Url::parse",
        ] {
            if self_exec && word == "process::Command" {
                continue;
            }
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}

#[test]
fn html_ingest_never_fetches_anything() {
    let page = r#"<!doctype html><html><head>
        <base href="http://127.0.0.1:9/">
        <meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/next">
        <link rel="stylesheet" href="http://127.0.0.1:9/style.css">
        <script src="http://127.0.0.1:9/app.js"></script>
        <title>Offline page</title></head><body><article>
        <p>Read the <a href="http://127.0.0.1:9/report">full report</a> here.</p>
        <p><img src="http://127.0.0.1:9/photo.jpg" alt="a photo">Caption words.</p>
        <iframe src="http://127.0.0.1:9/frame"></iframe>
        <object data="http://127.0.0.1:9/movie"></object>
        <embed src="http://127.0.0.1:9/plugin">
        <p><video src="http://127.0.0.1:9/clip.mp4"></video>Last words.</p>
        <script>fetch("http://127.0.0.1:9/beacon")</script>
        </article></body></html>"#;
    let doc = load_bytes(Path::new("offline.html"), page.as_bytes()).unwrap();
    assert_eq!(
        doc.text,
        "Read the full report here.\n\nCaption words.\n\nLast words."
    );
    assert_eq!(doc.meta.title, "Offline page");
    assert!(!doc.text.contains("127.0.0.1"));
}
