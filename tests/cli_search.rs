//! `quarry search` and `quarry path` on the demo project.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic.

use std::path::Path;
use std::process::Command;

use quarry::project::Project;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/demo/demo.ron");

fn quarry(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn search_prints_kwic_lines_whose_offsets_point_at_the_match() {
    let (ok, out, err) = quarry(&["search", DEMO, "milit*", "--limit", "50"]);
    assert!(ok, "{err}");
    let project = Project::load(Path::new(DEMO)).unwrap();
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(lines.len() >= 5, "{out}");
    for fields in &lines {
        let [article, start, left, matched, right] = fields.as_slice() else {
            panic!("not 5 fields: {fields:?}")
        };
        assert!(matched.to_lowercase().starts_with("milit"), "{matched}");
        assert!(left.chars().count() <= 40 && right.chars().count() <= 40);
        let doc = project.documents.iter().find(|d| d.id == *article).unwrap();
        let start: usize = start.parse().unwrap();
        let at: String = doc
            .text
            .chars()
            .skip(start)
            .take(matched.chars().count())
            .collect();
        assert_eq!(at, *matched);
    }
    let (ok, json, _) = quarry(&["search", DEMO, "milit*", "--limit", "3", "--json"]);
    assert!(ok);
    let records: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["match"], lines[0][3]);
    assert_eq!(records[0]["char_start"].to_string(), lines[0][1]);
}

#[test]
fn search_finds_an_entity_by_its_aliases_and_reports_bad_queries() {
    let (ok, out, _) = quarry(&["search", DEMO, "entity:ISIL"]);
    assert!(ok);
    let matched: Vec<&str> = out.lines().map(|l| l.split('\t').nth(3).unwrap()).collect();
    // The alias table joins Daesh and the long name to ISIL.
    assert!(
        matched.contains(&"ISIL") && matched.contains(&"Daesh"),
        "{matched:?}"
    );
    let (ok, out, err) = quarry(&["search", DEMO, "\"peace talks"]);
    assert!(!ok && out.is_empty());
    assert!(err.contains("unclosed quote starting at column 1"), "{err}");
}

#[test]
fn path_prints_each_step_with_its_evidence_sentence() {
    let (ok, out, err) = quarry(&["path", DEMO, "Lloyd Austin", "Qureshi"]);
    assert!(ok, "{err}");
    let steps: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(!steps.is_empty());
    let project = Project::load(Path::new(DEMO)).unwrap();
    for step in &steps {
        assert_eq!(step.len(), 5, "{step:?}");
        let doc = project.documents.iter().find(|d| d.id == step[3]).unwrap();
        let flat = doc.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(step[4]), "{}", step[4]);
    }
    let names: Vec<&str> = steps.iter().flat_map(|s| [s[0], s[2]]).collect();
    assert!(names.contains(&"Lloyd Austin") && names.contains(&"Shah Mehmood Qureshi"));
    let (ok, _, err) = quarry(&["path", DEMO, "Lloyd Austin", "Nobody Atall"]);
    assert!(
        !ok && err.contains("no entity named \"Nobody Atall\""),
        "{err}"
    );
}
