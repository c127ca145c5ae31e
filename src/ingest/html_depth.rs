//! Caps the element nesting of an HTML page before html5ever builds its tree.
//!
//! html5ever has no depth limit, and several of its tree-building steps look through the
//! whole stack of open elements for every start tag, so a page of 200,000 nested `<div>`s
//! takes minutes; the tree's walkers after it would then recurse that deep. This pass reads
//! the page once, keeps a model of html5ever's stack of open elements (implied end tags of
//! `p`, `li`, `dd`, `dt`, table cells and rows, scoped end tags, formatting elements that
//! html5ever reopens), and drops the start tags that would nest deeper than the limit,
//! keeping everything else (the text inside stays; it is flattened into the deepest kept
//! element). The model errs on the deep side, so html5ever's real depth stays within a small
//! multiple of the limit; a page that stays under the limit is passed on unchanged.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements without content (never on the stack).
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Elements that bound the search of an end tag (html5ever's default scope).
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];

/// Formatting elements, which html5ever remembers and reopens after they are closed by
/// another element.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Start tags that close an open `p`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "li",
    "dd",
    "dt",
];

/// End tags html5ever looks up in its default scope (the rest stop at any special element).
const SCOPED_END: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "form",
    "p",
    "li",
    "dd",
    "dt",
    "applet",
    "marquee",
    "object",
];

/// End tags of table parts, looked up in table scope.
const TABLE_END: &[&str] = &[
    "table", "caption", "colgroup", "tbody", "thead", "tfoot", "tr", "td", "th",
];

/// html5ever's special elements: an unknown end tag is not matched past one of them.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// Headings (one heading's end tag closes any of them).
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The model of html5ever's open elements.
struct Model {
    max_depth: usize,
    /// Open elements other than formatting ones, outermost first.
    stack: Vec<String>,
    /// How many of each name are on `stack`.
    counts: HashMap<String, usize>,
    /// Formatting elements open or waiting to be reopened: (name, name and attributes).
    formatting: Vec<(String, String)>,
    /// `svg` and `math` elements on the stack (where `<x/>` closes itself).
    foreign: usize,
}

impl Model {
    fn depth(&self) -> usize {
        self.stack.len() + self.formatting.len()
    }

    fn push(&mut self, name: &str) {
        *self.counts.entry(name.to_owned()).or_insert(0) += 1;
        if matches!(name, "svg" | "math") {
            self.foreign += 1;
        }
        self.stack.push(name.to_owned());
    }

    /// Pops the stack down to (and without) the element at `index`.
    fn pop_to(&mut self, index: usize) {
        while self.stack.len() > index {
            if let Some(name) = self.stack.pop() {
                if matches!(name.as_str(), "svg" | "math") {
                    self.foreign = self.foreign.saturating_sub(1);
                }
                if let Some(n) = self.counts.get_mut(&name) {
                    *n = n.saturating_sub(1);
                }
            }
        }
    }

    fn on_stack(&self, names: &[&str]) -> bool {
        names
            .iter()
            .any(|n| self.counts.get(*n).is_some_and(|c| *c > 0))
    }

    /// Finds the topmost element named one of `names`, not looking past an element of
    /// `stop` (or, when `stop_special`, past any special element that is not in `names`).
    fn find(&self, names: &[&str], stop: &[&str], stop_special: bool) -> Option<usize> {
        if !self.on_stack(names) {
            return None;
        }
        for (index, name) in self.stack.iter().enumerate().rev() {
            let name = name.as_str();
            if names.contains(&name) {
                return Some(index);
            }
            if stop.contains(&name) || (stop_special && SPECIAL.contains(&name)) {
                return None;
            }
        }
        None
    }

    /// Closes the element found by [`Model::find`], with everything opened inside it.
    fn close(&mut self, names: &[&str], stop: &[&str], stop_special: bool) {
        if let Some(index) = self.find(names, stop, stop_special) {
            self.pop_to(index);
        }
    }

    /// A start tag: applies the end tags it implies, then tells whether to keep it.
    fn start(&mut self, name: &str, key: &str, self_closing: bool) -> bool {
        if VOID.contains(&name)
            || (self_closing && self.foreign > 0)
            || matches!(name, "html" | "head" | "body" | "frameset")
        {
            return true;
        }
        if CLOSES_P.contains(&name) {
            let mut stop = SCOPE.to_vec();
            stop.push("button");
            self.close(&["p"], &stop, false);
        }
        match name {
            _ if HEADINGS.contains(&name)
                && self
                    .stack
                    .last()
                    .is_some_and(|top| HEADINGS.contains(&top.as_str())) =>
            {
                self.pop_to(self.stack.len() - 1);
            }
            "li" => self.close(&["li"], &["address", "div", "p"], true),
            "dd" | "dt" => self.close(&["dd", "dt"], &["address", "div", "p"], true),
            "option" | "optgroup" => {
                if self.stack.last().is_some_and(|top| top == "option") {
                    self.pop_to(self.stack.len() - 1);
                }
                if name == "optgroup" && self.stack.last().is_some_and(|top| top == "optgroup") {
                    self.pop_to(self.stack.len() - 1);
                }
            }
            "tr" => self.close(&["tr"], &["table", "template", "html"], false),
            "td" | "th" => self.close(&["td", "th"], &["tr", "table", "template", "html"], false),
            "tbody" | "thead" | "tfoot" => self.close(
                &["tbody", "thead", "tfoot"],
                &["table", "template", "html"],
                false,
            ),
            _ => {}
        }
        if FORMATTING.contains(&name) {
            if matches!(name, "a" | "nobr") {
                self.forget_formatting(name);
            }
            if self.depth() >= self.max_depth {
                return false;
            }
            // html5ever keeps at most three identical entries ("Noah's Ark").
            let same: Vec<usize> = self
                .formatting
                .iter()
                .enumerate()
                .filter(|(_, (_, k))| k == key)
                .map(|(i, _)| i)
                .collect();
            if same.len() >= 3 {
                self.formatting.remove(same[0]);
            }
            self.formatting.push((name.to_owned(), key.to_owned()));
            return true;
        }
        if self.depth() >= self.max_depth {
            return false;
        }
        self.push(name);
        true
    }

    /// Removes the last formatting entry named `name`.
    fn forget_formatting(&mut self, name: &str) {
        if let Some(index) = self.formatting.iter().rposition(|(n, _)| n == name) {
            self.formatting.remove(index);
        }
    }

    /// An end tag (always kept: it can only close elements).
    fn end(&mut self, name: &str) {
        if FORMATTING.contains(&name) {
            self.forget_formatting(name);
        } else if self.foreign > 0 && self.on_stack(&[name]) {
            self.close(&[name], &["svg", "math"], false);
        } else if HEADINGS.contains(&name) {
            self.close(HEADINGS, SCOPE, false);
        } else if TABLE_END.contains(&name) {
            self.close(&[name], &["table", "template", "html"], false);
        } else if SCOPED_END.contains(&name) {
            let mut stop = SCOPE.to_vec();
            match name {
                "p" => stop.push("button"),
                "li" => stop.extend(["ol", "ul"]),
                _ => {}
            }
            self.close(&[name], &stop, false);
        } else {
            self.close(&[name], &[], true);
        }
    }
}

/// The lowercase tag name starting at `bytes[start]`, and where it ends.
fn tag_name(bytes: &[u8], start: usize) -> (String, usize) {
    let end = bytes[start..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .map_or(bytes.len(), |p| start + p);
    let name = String::from_utf8_lossy(&bytes[start..end]).to_ascii_lowercase();
    (name, end)
}

/// The index just after the `>` that ends a tag whose attributes start at `from`, and
/// whether the tag ends with `/>`; `None` when the page ends inside the tag.
fn tag_end(bytes: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        let b = bytes[i];
        if after_equals && (b == b'"' || b == b'\'') {
            let close = bytes[i + 1..].iter().position(|c| *c == b)?;
            i += close + 2;
            after_equals = false;
            continue;
        }
        match b {
            b'>' => {
                let self_closing = i > from && bytes[i - 1] == b'/';
                return Some((i + 1, self_closing));
            }
            b'=' => after_equals = true,
            _ if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// Position of `needle` (ASCII, lowercase) in `bytes` from `from`, ignoring case.
fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= bytes.len() {
        return None;
    }
    bytes[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// The page with the start tags that would nest deeper than `max_depth` removed; the page
/// itself (borrowed) when it stays under the limit.
pub(crate) fn cap_depth(source: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut model = Model {
        max_depth,
        stack: Vec::new(),
        counts: HashMap::new(),
        formatting: Vec::new(),
        foreign: 0,
    };
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|b| *b == b'<') {
        let at = i + offset;
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            i = find_ignore_case(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3);
        } else if rest.len() > 1 && matches!(rest[1], b'!' | b'?') {
            i = bytes[at..]
                .iter()
                .position(|b| *b == b'>')
                .map_or(bytes.len(), |e| at + e + 1);
        } else if rest.len() > 2 && rest[1] == b'/' && rest[2].is_ascii_alphabetic() {
            let (name, name_end) = tag_name(bytes, at + 2);
            let Some((end, _)) = tag_end(bytes, name_end) else {
                break;
            };
            model.end(&name);
            i = end;
        } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
            let (name, name_end) = tag_name(bytes, at + 1);
            let Some((end, self_closing)) = tag_end(bytes, name_end) else {
                break;
            };
            let key = String::from_utf8_lossy(&bytes[at..end]);
            if !model.start(&name, &key, self_closing) {
                dropped.push((at, end));
            }
            i = end;
            if name == "plaintext" {
                break;
            }
            if RAW_TEXT.contains(&name.as_str()) {
                // Its text runs to its end tag, which the loop then reads.
                let mut close = b"</".to_vec();
                close.extend_from_slice(name.as_bytes());
                i = find_ignore_case(bytes, i, &close).unwrap_or(bytes.len());
            }
        } else {
            i = at + 1;
        }
    }
    if dropped.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut kept = String::with_capacity(source.len());
    let mut from = 0;
    for (start, end) in dropped {
        kept.push_str(&source[from..start]);
        from = end;
    }
    kept.push_str(&source[from..]);
    Cow::Owned(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_pass_unchanged() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><table><tr><td>x<td>y\
                    <tr><td>z</table></div><b>bold</b></body></html>";
        assert!(matches!(cap_depth(page, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_the_text() {
        let page = format!("{}deep text{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let capped = cap_depth(&page, 16);
        assert_eq!(capped.matches("<div>").count(), 16);
        assert!(capped.contains("deep text"));
    }

    #[test]
    fn implied_end_tags_do_not_count_as_depth() {
        let page = "<p>x".repeat(1000) + &"<li>y".repeat(1000) + &"<font>z</font>".repeat(1000);
        assert!(matches!(cap_depth(&page, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn end_tags_html5ever_ignores_do_not_lower_the_depth() {
        // `</span>` cannot close a span past a div, nor `</div>` a div past a table.
        let page = "<span><div></span>".repeat(100) + &"<div><table></div>".repeat(100);
        let capped = cap_depth(&page, 50);
        assert!(matches!(capped, Cow::Owned(_)));
    }

    #[test]
    fn script_text_is_not_read_as_tags() {
        let page = format!("<script>{}</script><p>x", "<div>".repeat(100));
        assert!(matches!(cap_depth(&page, 8), Cow::Borrowed(_)));
    }
}
