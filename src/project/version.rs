//! Reading a project file's `format_version` before the full parse.
//!
//! Quarry always writes `format_version` as the first field, so a scan of the first few
//! tokens finds it without parsing the (possibly large, possibly newer) rest of the file.
//! When the scan does not find it there (a hand-edited file with reordered fields), a
//! partial serde parse that ignores every other field reads it instead.

use std::path::Path;

use serde::Deserialize;

use super::migrate;
use crate::{Error, Result};

/// The format version written in `text`, the contents of the project file at `path`.
pub(crate) fn format_version(text: &str, path: &Path) -> Result<u32> {
    #[derive(Deserialize)]
    #[serde(rename = "Project")]
    struct Probe {
        #[serde(default, deserialize_with = "some_u32")]
        format_version: Option<u32>,
    }
    fn some_u32<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        u32::deserialize(d).map(Some)
    }
    if let Some(version) = scan_head(text) {
        return Ok(version);
    }
    let probe: Probe = migrate::parse(text, path)?;
    probe.format_version.ok_or_else(|| {
        Error::parse(
            path,
            "not a Quarry project: it has no `format_version` field",
        )
    })
}

/// Finds `format_version: N` as the first field of the top-level struct, skipping
/// whitespace, comments, `#![enable(…)]` attributes and the optional struct name.
fn scan_head(text: &str) -> Option<u32> {
    let mut rest = skip_trivia(text);
    while let Some(attr) = rest.strip_prefix("#!") {
        let close = attr.find(']')?;
        rest = skip_trivia(&attr[close + 1..]);
    }
    if let Some(after_name) = rest.strip_prefix("Project") {
        rest = skip_trivia(after_name);
    }
    rest = skip_trivia(rest.strip_prefix('(')?);
    rest = skip_trivia(rest.strip_prefix("format_version")?);
    rest = skip_trivia(rest.strip_prefix(':')?);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest.get(digits..)?;
    // A suffix (`2u32`) or anything else glued to the number: let the full parser decide.
    if after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.') {
        return None;
    }
    rest.get(..digits)?.parse().ok()
}

/// Skips whitespace, `// line` and `/* block */` comments.
fn skip_trivia(mut s: &str) -> &str {
    loop {
        let trimmed = s.trim_start();
        if let Some(line) = trimmed.strip_prefix("//") {
            s = line.find('\n').map_or("", |i| &line[i..]);
        } else if let Some(block) = trimmed.strip_prefix("/*") {
            s = block.find("*/").map_or("", |i| &block[i + 2..]);
        } else {
            return trimmed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_head_reads_the_first_field() {
        assert_eq!(scan_head("Project(\n  format_version: 2,\n"), Some(2));
        assert_eq!(scan_head("(format_version:17)"), Some(17));
        assert_eq!(
            scan_head(
                "// a comment\n#![enable(implicit_some)]\n/* x */ Project ( format_version : 3 ,"
            ),
            Some(3)
        );
    }

    #[test]
    fn scan_head_gives_up_on_other_shapes() {
        assert_eq!(scan_head("Project(name: \"x\", format_version: 2)"), None);
        assert_eq!(scan_head("Project(format_version: 2u8)"), None);
        assert_eq!(scan_head("Project(format_version: 99999999999)"), None);
        assert_eq!(scan_head(""), None);
        assert_eq!(scan_head("/* unterminated"), None);
    }

    #[test]
    fn probe_reads_a_field_anywhere() {
        let path = Path::new("p.ron");
        let text = "Project(name: \"x\", documents: [], format_version: 5)";
        assert_eq!(format_version(text, path).unwrap(), 5);
        let err = format_version("Project(name: \"x\")", path).unwrap_err();
        assert!(err.to_string().contains("format_version"), "{err}");
        let err = format_version("Project(name: \"x\"", path).unwrap_err();
        assert!(matches!(err, Error::ProjectSyntax { .. }), "{err}");
    }
}
