//! The layers of ARCHITECTURE.md, checked on the source: a scan of every `use` statement (and
//! every `crate::…` path in code) under `src/`.
//!
//! - The core library — everything outside `src/app/`, `src/main.rs` and the binary's command
//!   line (`src/cli.rs`, `src/cli/`, `src/bin/`, and modules `main.rs` declares) — never
//!   imports `app` or a GUI crate (`egui`, `eframe`, `egui_extras`, `rfd`).
//! - `src/ner/` (the model library) never imports `pipeline`.
//! - No files import each other in a circle. Each `use crate::…`, `super::…`, `self::…` or
//!   child-module path resolves to the file of the longest module prefix it names; an edge
//!   from a module to a file inside its own folder is not counted (a `mod.rs` declares,
//!   re-exports and runs its children), so a cycle is a loop between siblings, or between
//!   a child and the parent it stands on that also reaches back into it from elsewhere.
//!   Test modules (`#[cfg(test)] mod … { … }`) are left out: they are not part of the
//!   library's layers.

// A scanner in a test file: its helpers panic on unreadable sources by design.
#![allow(
    clippy::unwrap_used,
    clippy::single_match_else,
    clippy::while_let_on_iterator
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates only the GUI may use.
const GUI_CRATES: [&str; 4] = ["egui", "eframe", "egui_extras", "rfd"];

/// Which crate a file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Krate {
    Lib,
    Bin,
}

/// A module: its crate and its path from the crate root.
type ModPath = (Krate, Vec<String>);

/// One source file, its module, and the code it contains.
struct Source {
    /// Path relative to the package root (`src/eval/mod.rs`).
    rel: String,
    module: ModPath,
    /// The code outside comments and test modules, with inline `mod x { … }` blocks
    /// (other than tests) tagged by the module path suffix their lines belong to.
    lines: Vec<(Vec<String>, String)>,
}

/// The module path of a file under `src/`, or `None` for the crate roots' siblings that are
/// not modules (there are none today).
fn module_of(rel_to_src: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel_to_src
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs").to_owned();
    if !matches!(stem.as_str(), "mod" | "lib" | "main") || !parts.is_empty() && stem != "mod" {
        parts.push(stem);
    }
    parts
}

/// Removes a `//` comment from one line (string literals holding `//` lose their end, which
/// never adds a path).
fn strip_comment(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Splits a file into its code lines, dropping comments and `#[cfg(test)]` modules, and
/// tagging lines inside other top-level inline modules with that module's name.
fn code_lines(text: &str) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    let mut pending_test = false;
    let mut inline: Option<(Vec<String>, bool)> = None;
    while let Some(raw) = lines.next() {
        let code = strip_comment(raw);
        if let Some((name, skip)) = &inline {
            if raw == "}" {
                inline = None;
            } else if !*skip {
                out.push((name.clone(), code.to_owned()));
            }
            continue;
        }
        let trimmed = code.trim();
        if trimmed == "#[cfg(test)]" {
            pending_test = true;
            continue;
        }
        let head = trimmed
            .strip_prefix("pub(crate) ")
            .or_else(|| trimmed.strip_prefix("pub "))
            .unwrap_or(trimmed);
        if !raw.starts_with(' ')
            && let Some(rest) = head.strip_prefix("mod ")
            && let Some(name) = rest.strip_suffix('{')
        {
            inline = Some((vec![name.trim().to_owned()], pending_test));
            pending_test = false;
            continue;
        }
        if !trimmed.starts_with("#[") {
            pending_test = false;
        }
        out.push((Vec::new(), code.to_owned()));
    }
    out
}

/// The `use` trees of some code lines (each statement joined up to its `;`), with the
/// module suffix of the lines they start on. A statement starts a line (after its
/// visibility), as rustfmt writes it.
fn use_trees(lines: &[(Vec<String>, String)]) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut current: Option<(Vec<String>, String)> = None;
    for (suffix, line) in lines {
        let rest = match &mut current {
            Some(_) => line.as_str(),
            None => {
                let Some(tree) = use_start(line.trim()) else {
                    continue;
                };
                current = Some((suffix.clone(), String::new()));
                tree
            }
        };
        if let Some((s, acc)) = &mut current {
            match rest.find(';') {
                Some(i) => {
                    acc.push_str(&rest[..i]);
                    out.push((s.clone(), std::mem::take(acc)));
                    current = None;
                }
                None => {
                    acc.push_str(rest);
                    acc.push(' ');
                }
            }
        }
    }
    out
}

/// The tree of a line that starts a `use` statement (`pub(crate) use a::b;` → `a::b;`).
fn use_start(line: &str) -> Option<&str> {
    let line = match line.strip_prefix("pub") {
        Some(rest) if rest.starts_with('(') => rest.split_once(')')?.1.trim_start(),
        Some(rest) if rest.starts_with(' ') => rest.trim_start(),
        _ => line,
    };
    line.strip_prefix("use ")
}

/// Expands a use tree (`crate::a::{b, c::{d as e, self}}`) into its paths, each a list of
/// segments (`self` inside braces names the prefix itself).
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    expand_into(&[], tree.trim(), &mut out);
    out
}

fn expand_into(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim().trim_start_matches("::");
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let mut base = prefix.to_vec();
        base.extend(segments(head));
        let inner = tree[open + 1..].trim_end();
        let inner = inner.strip_suffix('}').unwrap_or(inner);
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand_into(&base, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand_into(&base, &inner[start..], out);
        return;
    }
    let item = tree.split(" as ").next().unwrap_or("").trim();
    if item.is_empty() {
        return;
    }
    let mut path = prefix.to_vec();
    for seg in segments(item) {
        if seg != "self" || path.is_empty() {
            path.push(seg);
        }
    }
    out.push(path);
}

fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The `crate::…` paths written in code outside `use` statements (`crate::app::run(…)`).
fn qualified_paths(line: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find("crate::") {
        let at = from + i;
        let before = line[..at].chars().next_back();
        from = at + "crate::".len();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let path: String = line[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        out.push(segments(&path));
    }
    out
}

/// The package's sources and their module map.
struct Tree {
    sources: Vec<Source>,
    files: BTreeMap<ModPath, usize>,
}

impl Tree {
    /// Reads every `.rs` file under `root/src`.
    fn read(root: &Path) -> Tree {
        let src = root.join("src");
        let mut paths = Vec::new();
        walk(&src, &mut paths);
        paths.sort();
        let main = std::fs::read_to_string(src.join("main.rs")).unwrap_or_default();
        let bin_mods: BTreeSet<String> = main
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let l = l.strip_prefix("pub ").unwrap_or(l);
                l.strip_prefix("mod ")?.strip_suffix(';').map(str::to_owned)
            })
            .collect();
        let mut sources = Vec::new();
        for path in paths {
            let rel_src = path.strip_prefix(&src).unwrap_or(&path);
            let rel = Path::new("src")
                .join(rel_src)
                .to_string_lossy()
                .into_owned();
            let module = module_of(rel_src);
            let krate = if rel == "src/main.rs"
                || module.first().is_some_and(|m| bin_mods.contains(m))
                || rel.starts_with("src/bin/")
            {
                Krate::Bin
            } else {
                Krate::Lib
            };
            let text = std::fs::read_to_string(&path).unwrap();
            sources.push(Source {
                rel,
                module: (krate, module),
                lines: code_lines(&text),
            });
        }
        Tree::new(sources)
    }

    fn new(sources: Vec<Source>) -> Tree {
        let files = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.module.clone(), i))
            .collect();
        Tree { sources, files }
    }

    /// Every path a file names: its use trees and its qualified `crate::` paths, each with
    /// the module it is written in.
    fn paths(&self, file: usize) -> Vec<(ModPath, Vec<String>)> {
        let source = &self.sources[file];
        let at = |suffix: &[String]| {
            let mut m = source.module.clone();
            m.1.extend(suffix.iter().cloned());
            m
        };
        let mut out = Vec::new();
        for (suffix, tree) in use_trees(&source.lines) {
            for path in expand(&tree) {
                out.push((at(&suffix), path));
            }
        }
        for (suffix, line) in &source.lines {
            for path in qualified_paths(line) {
                out.push((at(suffix), path));
            }
        }
        out
    }

    /// The absolute module path a path written in `module` names, or `None` for another
    /// crate's path (`std::…`, `egui::…`).
    fn absolute(&self, module: &ModPath, path: &[String]) -> Option<ModPath> {
        let (krate, here) = module;
        let first = path.first()?;
        let mut abs: Vec<String> = match first.as_str() {
            "crate" => Vec::new(),
            "quarry" => return Some((Krate::Lib, path[1..].to_vec())),
            "self" => here.clone(),
            "super" => {
                let mut m = here.clone();
                let mut rest = path;
                while rest.first().is_some_and(|s| s == "super") {
                    m.pop();
                    rest = &rest[1..];
                }
                m.extend(rest.iter().cloned());
                return Some((*krate, m));
            }
            name => {
                let mut child = here.clone();
                child.push(name.to_owned());
                if !self.files.contains_key(&(*krate, child)) {
                    return None;
                }
                let mut m = here.clone();
                m.extend(path.iter().cloned());
                return Some((*krate, m));
            }
        };
        abs.extend(path[1..].iter().cloned());
        Some((*krate, abs))
    }

    /// The file of the longest module prefix of `abs`.
    fn file_of(&self, abs: &ModPath) -> Option<usize> {
        (0..=abs.1.len())
            .rev()
            .find_map(|n| self.files.get(&(abs.0, abs.1[..n].to_vec())).copied())
    }

    /// The files each file imports, without edges into its own module's folder.
    fn edges(&self) -> BTreeMap<usize, BTreeSet<usize>> {
        let mut out: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for file in 0..self.sources.len() {
            let own = &self.sources[file].module;
            for (module, path) in self.paths(file) {
                let Some(abs) = self.absolute(&module, &path) else {
                    continue;
                };
                let Some(target) = self.file_of(&abs) else {
                    continue;
                };
                let to = &self.sources[target].module;
                let inside = to.0 == own.0 && to.1.len() > own.1.len() && to.1.starts_with(&own.1);
                if target != file && !inside {
                    out.entry(file).or_default().insert(target);
                }
            }
        }
        out
    }

    /// Every import cycle, as the files on it (each cycle once, from its first file).
    fn cycles(&self) -> Vec<Vec<String>> {
        let edges = self.edges();
        let n = self.sources.len();
        // Strongly connected components (Tarjan); a component of two files or more is a
        // cycle, reported with one loop through it.
        let mut index = vec![usize::MAX; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut next = 0;
        let mut components = Vec::new();
        for v in 0..n {
            if index[v] == usize::MAX {
                strong(
                    v,
                    &edges,
                    &mut index,
                    &mut low,
                    &mut on_stack,
                    &mut stack,
                    &mut next,
                    &mut components,
                );
            }
        }
        let mut out: Vec<Vec<String>> = components
            .into_iter()
            .filter(|c: &Vec<usize>| c.len() > 1)
            .map(|c| self.one_loop(&c, &edges))
            .collect();
        out.sort();
        out
    }

    /// A shortest loop through the first file of a component, as file names.
    fn one_loop(
        &self,
        component: &[usize],
        edges: &BTreeMap<usize, BTreeSet<usize>>,
    ) -> Vec<String> {
        let members: BTreeSet<usize> = component.iter().copied().collect();
        let start = *members.first().unwrap();
        let mut prev: BTreeMap<usize, usize> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut end = None;
        while let Some(v) = queue.pop_front() {
            for &w in edges.get(&v).into_iter().flatten() {
                if !members.contains(&w) {
                    continue;
                }
                if w == start {
                    end = Some(v);
                    queue.clear();
                    break;
                }
                if let std::collections::btree_map::Entry::Vacant(e) = prev.entry(w) {
                    e.insert(v);
                    queue.push_back(w);
                }
            }
        }
        let mut path = vec![self.sources[start].rel.clone()];
        let mut v = end.unwrap();
        let mut back = Vec::new();
        while v != start {
            back.push(self.sources[v].rel.clone());
            v = prev[&v];
        }
        back.reverse();
        path.extend(back);
        path.push(self.sources[start].rel.clone());
        path
    }

    /// The paths that `files` write into modules `named` picks, as `file: path`.
    fn module_imports(
        &self,
        files: impl Fn(&Source) -> bool,
        named: impl Fn(&ModPath) -> bool,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for file in 0..self.sources.len() {
            let source = &self.sources[file];
            if !files(source) {
                continue;
            }
            for (module, path) in self.paths(file) {
                if self.absolute(&module, &path).is_some_and(|abs| named(&abs)) {
                    out.push(format!("{}: {}", source.rel, path.join("::")));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The GUI crates that `files` name, in `use` statements or paths in code, as
    /// `file: crate`.
    fn gui_crates(&self, files: impl Fn(&Source) -> bool) -> Vec<String> {
        let mut out = Vec::new();
        for (file, source) in self.sources.iter().enumerate() {
            if !files(source) {
                continue;
            }
            for (_, path) in self.paths(file) {
                if let Some(first) = path.first().filter(|c| GUI_CRATES.contains(&c.as_str())) {
                    out.push(format!("{}: {first}", source.rel));
                }
            }
            for (_, line) in &source.lines {
                for krate in GUI_CRATES.into_iter().filter(|k| names_crate(line, k)) {
                    out.push(format!("{}: {krate}", source.rel));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

#[allow(clippy::too_many_arguments)]
fn strong(
    v: usize,
    edges: &BTreeMap<usize, BTreeSet<usize>>,
    index: &mut [usize],
    low: &mut [usize],
    on_stack: &mut [bool],
    stack: &mut Vec<usize>,
    next: &mut usize,
    components: &mut Vec<Vec<usize>>,
) {
    index[v] = *next;
    low[v] = *next;
    *next += 1;
    stack.push(v);
    on_stack[v] = true;
    for &w in edges.get(&v).into_iter().flatten() {
        if index[w] == usize::MAX {
            strong(w, edges, index, low, on_stack, stack, next, components);
            low[v] = low[v].min(low[w]);
        } else if on_stack[w] {
            low[v] = low[v].min(index[w]);
        }
    }
    if low[v] == index[v] {
        let mut component = Vec::new();
        while let Some(w) = stack.pop() {
            on_stack[w] = false;
            component.push(w);
            if w == v {
                break;
            }
        }
        components.push(component);
    }
}

/// True when `line` names `krate::` as a path of its own (not `my_egui::`).
fn names_crate(line: &str, krate: &str) -> bool {
    let pat = format!("{krate}::");
    line.match_indices(&pat).any(|(at, _)| {
        line[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// True for the files of the GUI and the binary's command line, which may import the GUI.
fn is_front_end(source: &Source) -> bool {
    let rel = source.rel.as_str();
    source.module.0 == Krate::Bin
        || rel.starts_with("src/app/")
        || rel == "src/cli.rs"
        || rel.starts_with("src/cli/")
}

fn package() -> Tree {
    Tree::read(Path::new(env!("CARGO_MANIFEST_DIR")))
}

fn is_app(abs: &ModPath) -> bool {
    abs.0 == Krate::Lib && abs.1.first().is_some_and(|m| m == "app")
}

#[test]
fn the_core_never_imports_the_gui() {
    let tree = package();
    assert!(tree.sources.len() > 50, "{} files", tree.sources.len());
    let mut bad = tree.module_imports(|s| !is_front_end(s), is_app);
    bad.extend(tree.gui_crates(|s| !is_front_end(s)));
    assert!(
        bad.is_empty(),
        "core files importing the GUI:\n{}",
        bad.join("\n")
    );
}

#[test]
fn ner_never_imports_the_pipeline() {
    let tree = package();
    let is_ner = |s: &Source| s.rel.starts_with("src/ner/");
    assert!(tree.sources.iter().any(is_ner));
    let bad = tree.module_imports(is_ner, |abs| {
        abs.0 == Krate::Lib && abs.1.first().is_some_and(|m| m == "pipeline")
    });
    assert!(
        bad.is_empty(),
        "ner files importing pipeline:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let tree = package();
    let cycles = tree.cycles();
    let listed: Vec<String> = cycles.iter().map(|c| c.join(" → ")).collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", listed.join("\n"));
}

// The scanner itself, on small made-up sources.

fn tree_of(files: &[(&str, &str)]) -> Tree {
    let sources = files
        .iter()
        .map(|(rel, text)| {
            let rel_src = Path::new(rel).strip_prefix("src").unwrap();
            Source {
                rel: (*rel).to_owned(),
                module: (Krate::Lib, module_of(rel_src)),
                lines: code_lines(text),
            }
        })
        .collect();
    Tree::new(sources)
}

#[test]
fn use_trees_expand_to_paths() {
    let paths = expand("crate::a::{self, b::{C as D, e}, F}");
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        [
            "crate::a",
            "crate::a::b::C",
            "crate::a::b::e",
            "crate::a::F"
        ]
    );
    let lines = code_lines(
        "use crate::x::{\n    Y,\n    z::W,\n};\n// use crate::app;\nfn f() { crate::q::r(); }\n",
    );
    let trees: Vec<String> = use_trees(&lines).into_iter().map(|t| t.1).collect();
    assert_eq!(trees.len(), 1, "{trees:?}");
    assert_eq!(expand(&trees[0]).len(), 2);
    assert_eq!(qualified_paths(&lines[5].1), [segments("crate::q::r")]);
}

#[test]
fn a_loop_between_siblings_is_found_and_a_parent_re_export_is_not() {
    let tree = tree_of(&[
        ("src/lib.rs", "pub mod r;\n"),
        (
            "src/r/mod.rs",
            "mod a;\nmod b;\npub use a::f;\npub struct T;\n",
        ),
        ("src/r/a.rs", "use super::b::g;\nuse super::T;\n"),
        (
            "src/r/b.rs",
            "use super::a::h;\n#[cfg(test)]\nmod tests {\n    use crate::r::T;\n}\n",
        ),
    ]);
    assert_eq!(
        tree.cycles(),
        [vec!["src/r/a.rs", "src/r/b.rs", "src/r/a.rs"]]
    );
    let no_loop = tree_of(&[
        ("src/lib.rs", "pub mod r;\n"),
        (
            "src/r/mod.rs",
            "mod a;\nmod b;\npub use a::f;\npub struct T;\n",
        ),
        ("src/r/a.rs", "use super::b::g;\nuse super::T;\n"),
        (
            "src/r/b.rs",
            "use super::T;\n#[cfg(test)]\nmod tests {\n    use super::super::a::h;\n}\n",
        ),
    ]);
    assert!(no_loop.cycles().is_empty(), "{:?}", no_loop.cycles());
}

#[test]
fn gui_imports_are_found_in_use_lines_and_code() {
    let tree = tree_of(&[
        ("src/lib.rs", "pub mod app;\npub mod graph;\npub mod ner;\n"),
        ("src/app/mod.rs", "use eframe::egui;\n"),
        (
            "src/graph/mod.rs",
            "//! never imports egui::Ui\nuse crate::app::{self, View};\nfn f() { let _ = rfd::FileDialog::new(); }\n",
        ),
        (
            "src/ner/mod.rs",
            "pub(crate) use crate::pipeline::Stage;\nuse egui_extras;\n",
        ),
    ]);
    let core = |s: &Source| !is_front_end(s);
    assert_eq!(
        tree.module_imports(core, is_app),
        [
            "src/graph/mod.rs: crate::app",
            "src/graph/mod.rs: crate::app::View"
        ]
    );
    assert_eq!(
        tree.gui_crates(core),
        ["src/graph/mod.rs: rfd", "src/ner/mod.rs: egui_extras"]
    );
    let pipeline = tree.module_imports(
        |s| s.rel.starts_with("src/ner/"),
        |abs| abs.1.first().is_some_and(|m| m == "pipeline"),
    );
    assert_eq!(pipeline, ["src/ner/mod.rs: crate::pipeline::Stage"]);
}
