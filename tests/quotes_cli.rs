//! `quarry quotes`: lists attributions weakest first, filtered by `--max-confidence`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use std::process::Command;

const ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/articles/us-pakistan-afghan-peace.txt"
);

fn quotes(args: &[&str]) -> Vec<Vec<String>> {
    let out = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .arg("quotes")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("article\tconfidence\trule\tkind\tspeaker [entity]\tcue\tquote")
    );
    lines
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn lists_every_quote_weakest_first() {
    let rows = quotes(&[ARTICLE]);
    assert_eq!(rows.len(), 11);
    let conf: Vec<f32> = rows.iter().map(|r| r[1].parse().unwrap()).collect();
    assert!(conf.windows(2).all(|w| w[0] <= w[1]), "{conf:?}");
    assert!(
        rows.iter()
            .all(|r| r[0] == "us-pakistan-afghan-peace" && r.len() == 7)
    );
    assert!(rows.iter().any(|r| r[4] == "He [Lloyd Austin]"
        && r[5] == "acknowledged"
        && r[6]
            == "Pakistan will play an important role in any political settlement in Afghanistan."));
}

#[test]
fn max_confidence_keeps_the_weak_ones() {
    let all = quotes(&[ARTICLE]);
    let weak = quotes(&[ARTICLE, "--max-confidence", "0.75"]);
    assert!(!weak.is_empty() && weak.len() < all.len());
    assert!(weak.iter().all(|r| r[1].parse::<f32>().unwrap() <= 0.75));
    // The pronoun attributions are weaker than the named ones and are listed.
    assert!(weak.iter().any(|r| r[4].starts_with("He [")));
}

#[test]
fn a_missing_file_is_named() {
    let out = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["quotes", "/nonexistent/article.txt"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/article.txt"));
}
