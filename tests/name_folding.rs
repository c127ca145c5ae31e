//! One home for name folding (`src/names.rs`), checked on the source: no other file defines a
//! function that folds names on its own. A scan of every `.rs` file under `src/` (comments,
//! string literals and `#[cfg(test)]` modules left out) finds
//!
//! 1. a non-ASCII letter written as a char literal (`'é'`): the mark of a diacritic table;
//! 2. a function named like a normaliser (`normalise…`, `normalize…`, `norm`, `norm_…`,
//!    `fold…`, `…name_key`) whose body calls none of the `names` functions (nor resolution's
//!    name analysis, which is built on them);
//! 3. a function that lower-cases and also drops possessives, dots or a leading "the" from
//!    what it lower-cased, without calling a `names` function: a name key of its own.
//!
//! What one of these rules misses (a folding written another way) the review catches; what
//! they flag must move into `src/names.rs` as a named variant.

// A scanner in a test file: its helpers panic on unreadable sources by design.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// The functions of `src/names.rs`, and resolution's name analysis built on them.
const NAMES_FUNCTIONS: [&str; 12] = [
    "word_tokens",
    "match_key",
    "place_key",
    "push_norm",
    "push_key_token",
    "lookup_key",
    "article_key",
    "plain_words",
    "alias_key",
    "scorer_key",
    "normalise_name",
    "analyse",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a Rust file with comments dropped, braces and quotes inside string literals
/// made harmless (`{`, `}` → space, `'` → `` ` ``, raw strings emptied), char literals kept, and everything from a `#[cfg(test)]` module on dropped (test modules
/// stand at the end of a file here).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !is_ident(chars.get(i.wrapping_sub(1)))
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                } else {
                    out.push(match chars[i] {
                        '{' | '}' => ' ',
                        '\'' => '`',
                        other => other,
                    });
                }
                i += 1;
            }
            i += 1;
            out.push('"');
        } else if c == '\'' {
            // A char literal ('x', '\'', '\u{2019}') is kept whole; a lifetime is not one.
            let end = if next == Some('\\') {
                (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'' && j > i + 2)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(e) = end {
                out.extend(&chars[i..=e]);
                i = e + 1;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Each function of some code: its name and its body (from the `{` after the signature to
/// the matching `}`; char literals of braces are skipped).
fn functions(code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find("fn ") {
        let start = from + at;
        from = start + 3;
        if start > 0 && is_ident(code[..start].chars().last().as_ref()) {
            continue;
        }
        let name: String = code[start + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        let Some(open) = code[start..].find(['{', ';']).map(|o| start + o) else {
            break;
        };
        if bytes[open] == b';' {
            continue;
        }
        let mut depth = 0usize;
        let mut end = open;
        let mut k = open;
        while k < bytes.len() {
            if bytes[k..].starts_with(b"'{'") || bytes[k..].starts_with(b"'}'") {
                k += 3;
                continue;
            }
            match bytes[k] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k;
                        break;
                    }
                }
                _ => {}
            }
            k += 1;
        }
        out.push((name, code[open..=end].to_owned()));
    }
    out
}

fn calls_names(body: &str) -> bool {
    NAMES_FUNCTIONS.iter().any(|f| {
        body.match_indices(f).any(|(i, _)| {
            let before = body[..i].chars().last();
            let after = body[i + f.len()..].chars().next();
            !is_ident(before.as_ref()) && !is_ident(after.as_ref())
        })
    })
}

fn is_normaliser_name(name: &str) -> bool {
    name.starts_with("normalise")
        || name.starts_with("normalize")
        || name == "norm"
        || name.starts_with("norm_")
        || name
            .split('_')
            .any(|w| w.starts_with("fold") && !w.starts_with("folder"))
        || name.ends_with("name_key")
}

fn lowercases(body: &str) -> bool {
    [
        "to_lowercase",
        "to_ascii_lowercase",
        "make_ascii_lowercase",
        "flat_map(char::to_lowercase",
    ]
    .iter()
    .any(|p| body.contains(p))
}

/// Possessive, dot or "the" stripping as a name key does it ([`code_of`] has turned the
/// apostrophes inside strings into `` ` ``).
fn strips_name_parts(body: &str) -> bool {
    [
        "strip_prefix(\"the \")",
        "strip_suffix(\"`s\")",
        "strip_suffix(\"’s\")",
        "replace('.'",
        "!matches!(c, '.'",
    ]
    .iter()
    .any(|p| body.contains(p))
}

/// The non-ASCII letters written as char literals in some code.
fn letter_literals(code: &str) -> Vec<char> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices('\'') {
        let mut rest = code[i + 1..].chars();
        if let (Some(c), Some('\'')) = (rest.next(), rest.next())
            && c.is_alphabetic()
            && !c.is_ascii()
        {
            out.push(c);
        }
    }
    out
}

/// Every finding of the three rules, as "file: what".
fn findings(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "src/names.rs" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&path).unwrap());
        for c in letter_literals(&code) {
            out.push(format!("{rel}: char literal '{c}' (a diacritic table)"));
        }
        for (name, body) in functions(&code) {
            if is_normaliser_name(&name) && !calls_names(&body) {
                out.push(format!("{rel}: fn {name} folds names without crate::names"));
            } else if lowercases(&body) && strips_name_parts(&body) && !calls_names(&body) {
                out.push(format!(
                    "{rel}: fn {name} lower-cases and strips name parts"
                ));
            }
        }
    }
    out
}

#[test]
fn no_module_but_names_defines_a_name_folding_function() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = findings(root);
    assert!(
        found.is_empty(),
        "name folding outside src/names.rs (make it a named variant there):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_the_folding_functions_it_is_meant_to_find() {
    // The three rules on hand-written sources: the scan would fail if it found nothing.
    let accents = code_of("fn lookup(c: char) -> char { match c { 'é' => 'e', _ => c } }\n");
    assert_eq!(letter_literals(&accents), ['é']);
    let own = code_of(
        "/// Doc with fn normalise() { }\nfn normalise(s: &str) -> String { s.to_lowercase() }\n",
    );
    let fns = functions(&own);
    assert_eq!(fns.len(), 1, "{fns:?}");
    assert_eq!(fns[0].0, "normalise");
    assert!(is_normaliser_name(&fns[0].0) && !calls_names(&fns[0].1));
    let key = code_of(
        "fn slug(s: &str) -> String { let k = s.to_lowercase(); k.strip_prefix(\"the \").unwrap_or(&k).replace('.', \"\") }",
    );
    let (_, body) = &functions(&key)[0];
    assert!(lowercases(body) && strips_name_parts(body) && !calls_names(body));
    let built_on = code_of("fn name_key(s: &str) -> String { format!(\"x:{}\", article_key(s)) }");
    let (_, body) = &functions(&built_on)[0];
    assert!(calls_names(body));
    // Strings, comments and braces in char literals do not confuse it.
    let tricky = code_of("fn a() { let s = \"}'é'\"; let c = '}'; } // 'ü'\nfn b() {}\n");
    assert!(letter_literals(&tricky).is_empty(), "{tricky}");
    let names: Vec<String> = functions(&tricky).into_iter().map(|f| f.0).collect();
    assert_eq!(names, ["a", "b"]);
}
