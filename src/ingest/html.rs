//! HTML articles (`.html`, `.htm`): the article body without navigation, scripts, styles,
//! header/footer/aside/nav/forms and boilerplate blocks (cookie banners, share bars,
//! newsletters, related links). The body is the `itemprop=articleBody` element, else the
//! `<article>`, else `<main>`, else the element holding the most paragraph text.
//! Metadata comes from `<title>`, `<meta>` (author, Open Graph, `article:published_time`)
//! and JSON-LD (`NewsArticle`: headline, author.name, datePublished, publisher.name).
//! The charset comes from a BOM or `<meta charset>`; else UTF-8, else a guessed legacy
//! encoding (usually Windows-1252).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, UTF_8};
use scraper::{ElementRef, Html, Node, Selector, node::Element};
use serde_json::Value;

use super::html_depth::cap_depth;
use super::text::{
    binary_reason, canonical_text, collapse_spaces, decode_with, legacy_encoding,
    title_from_first_line,
};
use super::{Extracted, IngestLimits, empty_error};
use crate::{Error, Result};

/// Elements that never hold article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "iframe", "svg", "select", "textarea", "input", "canvas", "object", "embed", "menu",
    "dialog", "head", "title", "meta", "link", "figure", "picture", "video", "audio", "map",
];

/// Elements that start a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "hr",
    "address",
    "center",
    "figcaption",
    "details",
    "summary",
    "caption",
];

/// Whole words in `class`/`id` values that mark boilerplate blocks.
const BOILERPLATE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "sponsor",
    "sponsored",
    "promo",
    "comments",
    "comment",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "popup",
    "modal",
    "banner",
    "paywall",
    "byline",
    "footer",
    "header",
    "masthead",
    "toolbar",
    "outbrain",
    "taboola",
    "skip",
    "hidden",
    "promoted",
];

/// Substrings of `class`/`id` values (lowercased) that mark boilerplate even inside
/// camel-case names such as `cookieBanner`.
const BOILERPLATE_PARTS: &[&str] = &[
    "cookie",
    "consent",
    "newsletter",
    "advert",
    "sponsor",
    "breadcrumb",
    "sidebar",
    "paywall",
    "outbrain",
    "taboola",
    "onetrust",
    "didomi",
    "sr-only",
    "visually-hidden",
    "screen-reader",
];

/// Whole paragraphs (compared case-insensitively) that are labels, not article text.
const BOILERPLATE_PARAGRAPHS: &[&str] = &[
    "advertisement",
    "advertisements",
    "sponsored",
    "sponsored content",
    "skip advertisement",
    "story continues below advertisement",
    "continue reading below",
    "continue reading the main story",
    "read more",
    "share this article",
    "share",
    "tweet",
];

/// `role` values of boilerplate landmarks.
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
];

/// JSON-LD types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
];

/// Reads an HTML article from its bytes.
///
/// Elements nested deeper than [`IngestLimits::max_depth`] are flattened before parsing
/// (their text is kept). The parser never fetches anything: links, images, scripts,
/// frames, `<base>` and `<meta http-equiv=refresh>` are text or ignored.
pub(crate) fn read(path: &Path, bytes: &[u8], limits: &IngestLimits) -> Result<Extracted> {
    if bytes.is_empty() {
        return Err(empty_error(path));
    }
    let source = decode_html(bytes);
    if let Some(reason) = binary_reason(&source) {
        return Err(Error::parse(path, reason));
    }
    let html = Html::parse_document(&cap_depth(&source, limits.max_depth));
    drop(source);
    // The cap models html5ever's tree building; this is the guarantee behind it.
    let depth = tree_depth(&html);
    if depth > limits.max_depth.saturating_mul(4).saturating_add(64) {
        return Err(limits.too_deep(path, &format!("the page's nesting ({depth} elements deep)")));
    }
    let ld = json_ld_article(&html);

    let mut text = body_text(&html);
    if text.is_empty()
        && let Some(body) = ld
            .as_ref()
            .and_then(|a| a.get("articleBody"))
            .and_then(Value::as_str)
    {
        text = canonical_text(body);
    }
    if text.is_empty() {
        return Err(Error::parse(path, "no text found in the HTML page"));
    }

    let mut extracted = Extracted::new(text, "html");
    let metas = meta_tags(&html);
    let meta = |key: &str| {
        metas
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
    };
    let ld_str = |key: &str| {
        ld.as_ref()
            .and_then(|a| a.get(key))
            .and_then(names)
            .filter(|s| !s.is_empty())
    };
    let m = &mut extracted.meta;
    m.title = meta("og:title")
        .or_else(|| ld_str("headline"))
        .or_else(|| meta("twitter:title"))
        .or_else(|| first_text(&html, "title"))
        .or_else(|| first_text(&html, "h1"))
        .or_else(|| title_from_first_line(&extracted.text))
        .unwrap_or_default();
    m.author = meta("author")
        .or_else(|| ld_str("author"))
        .or_else(|| meta("article:author").filter(|a| !a.starts_with("http")))
        .or_else(|| meta("byl").map(|b| b.trim_start_matches("By ").to_owned()))
        .or_else(|| first_text(&html, "[itemprop=author] [itemprop=name]"))
        .or_else(|| first_text(&html, "[itemprop=author]"))
        .or_else(|| first_text(&html, "a[rel=author]"))
        .unwrap_or_default();
    m.date = meta("article:published_time")
        .or_else(|| ld_str("datePublished"))
        .or_else(|| meta("date"))
        .or_else(|| meta("pubdate"))
        .or_else(|| meta("dc.date"))
        .or_else(|| meta("dcterms.created"))
        .or_else(|| first_attr(&html, "time[datetime]", "datetime"))
        .unwrap_or_default();
    m.source = meta("og:site_name")
        .or_else(|| {
            ld.as_ref()
                .and_then(|a| a.get("publisher"))
                .and_then(names)
                .filter(|s| !s.is_empty())
        })
        .or_else(|| meta("application-name"))
        .unwrap_or_default();
    Ok(extracted)
}

/// The depth of the page's element tree, measured without recursion.
fn tree_depth(html: &Html) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Edge::Close(_) => depth -= 1,
        }
    }
    deepest
}

/// Decodes HTML bytes: BOM, then a `charset` declared in the first 4 KiB, then UTF-8 if
/// valid, else the guessed legacy encoding (usually Windows-1252).
fn decode_html(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]).text;
    }
    if let Some(encoding) = declared_charset(&bytes[..bytes.len().min(4096)]) {
        return decode_with(encoding, bytes).text;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => decode_with(legacy_encoding(bytes), bytes).text,
    }
}

/// The encoding named by `charset=` inside a `<meta>` tag of `head`.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset=") {
            let value: Vec<u8> = tag[c + 8..]
                .iter()
                .copied()
                .skip_while(|b| *b == b'"' || *b == b'\'' || b.is_ascii_whitespace())
                .take_while(|b| {
                    !matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') && !b.is_ascii_whitespace()
                })
                .collect();
            let encoding = Encoding::for_label(&value)?;
            // A page that was decoded as ASCII to find this cannot really be UTF-16.
            return Some(if encoding.output_encoding() == UTF_8 {
                UTF_8
            } else {
                encoding
            });
        }
        from = end;
    }
    None
}

/// Position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// All `<meta>` key/content pairs, keys lowercased (`name`, `property` or `itemprop`).
fn meta_tags(html: &Html) -> Vec<(String, String)> {
    let Ok(selector) = Selector::parse("meta[content]") else {
        return Vec::new();
    };
    html.select(&selector)
        .filter_map(|el| {
            let key = el
                .attr("property")
                .or_else(|| el.attr("name"))
                .or_else(|| el.attr("itemprop"))?;
            let content = el.attr("content")?;
            let mut value = String::new();
            collapse_spaces(content, &mut value);
            Some((key.trim().to_ascii_lowercase(), value.trim().to_owned()))
        })
        .collect()
}

/// The whitespace-collapsed text of the first element matching `css`.
fn first_text(html: &Html, css: &str) -> Option<String> {
    let selector = Selector::parse(css).ok()?;
    html.select(&selector)
        .map(|el| {
            let mut text = String::new();
            for piece in el.text() {
                collapse_spaces(piece, &mut text);
            }
            text.trim().to_owned()
        })
        .find(|t| !t.is_empty())
}

/// The attribute `attr` of the first element matching `css`.
fn first_attr(html: &Html, css: &str, attr: &str) -> Option<String> {
    let selector = Selector::parse(css).ok()?;
    html.select(&selector)
        .find_map(|el| el.attr(attr).map(|v| v.trim().to_owned()))
        .filter(|v| !v.is_empty())
}

/// The first JSON-LD object of an article type, if any.
fn json_ld_article(html: &Html) -> Option<Value> {
    let selector = Selector::parse("script[type]").ok()?;
    html.select(&selector)
        .filter(|el| {
            el.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .filter_map(|el| {
            let raw: String = el.text().collect();
            serde_json::from_str::<Value>(raw.trim()).ok()
        })
        .find_map(|value| find_article(&value).cloned())
}

/// Finds an article object in a JSON-LD value (an object, an array or an `@graph`).
fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|t| ARTICLE_TYPES.contains(&t)),
                _ => false,
            };
            if is_article {
                Some(value)
            } else {
                map.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

/// A JSON-LD string, a `{ "name": … }` object, or a list of them, as text ("A, B").
fn names(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Object(map) => map.get("name").and_then(names),
        Value::Array(items) => {
            let all: Vec<String> = items
                .iter()
                .filter_map(names)
                .filter(|s| !s.is_empty())
                .collect();
            (!all.is_empty()).then(|| all.join(", "))
        }
        _ => None,
    }
}

/// Decides which elements are boilerplate on one page.
///
/// Tags (`nav`, `script`, `footer`, …), hidden elements and landmark roles always are.
/// Elements marked only by a `class`/`id` word ("cookie-banner", "share-bar", "sidebar")
/// are too, unless they hold more than half of the page's paragraph text: a layout
/// wrapper such as `<div class="page has-sidebar">` around the whole article is not
/// boilerplate.
///
/// Every decision is taken once, in one walk of the tree without recursion: the
/// paragraph text below each element is summed bottom-up, and whether an element is
/// inside boilerplate is passed down, so deep pages cost no more than wide ones.
struct Boilerplate {
    paragraph: Selector,
    /// Elements that are boilerplate themselves.
    own: HashSet<NodeId>,
    /// Elements that are boilerplate or have a boilerplate ancestor.
    inside: HashSet<NodeId>,
}

impl Boilerplate {
    fn new(html: &Html) -> Option<Self> {
        let paragraph = Selector::parse("p").ok()?;
        // Bottom-up: (non-space characters of the text below, paragraph characters below).
        let mut sums: Vec<(usize, usize)> = Vec::new();
        let mut below: HashMap<NodeId, usize> = HashMap::new();
        let mut page_paragraph_chars = 0;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(_) => sums.push((0, 0)),
                Edge::Close(node) => {
                    let (mut chars, paragraphs_below) = sums.pop().unwrap_or_default();
                    let mut paragraphs = paragraphs_below;
                    match node.value() {
                        Node::Text(text) => {
                            chars += text.chars().filter(|c| !c.is_whitespace()).count();
                        }
                        Node::Element(el) => {
                            if marked_boilerplate(el) {
                                below.insert(node.id(), paragraphs_below);
                            }
                            if el.name() == "p" {
                                paragraphs += chars;
                            }
                        }
                        _ => {}
                    }
                    match sums.last_mut() {
                        Some(parent) => {
                            parent.0 += chars;
                            parent.1 += paragraphs;
                        }
                        None => page_paragraph_chars = paragraphs,
                    }
                }
            }
        }
        let mut own = HashSet::new();
        let mut inside = HashSet::new();
        // Top-down: an element is inside boilerplate when it or an ancestor is boilerplate.
        let mut open: Vec<bool> = Vec::new();
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let mut is_inside = open.last().copied().unwrap_or(false);
                    if let Node::Element(el) = node.value() {
                        let is = structural_boilerplate(el)
                            || below.get(&node.id()).is_some_and(|&chars| {
                                chars * 2 <= page_paragraph_chars || page_paragraph_chars == 0
                            });
                        if is {
                            own.insert(node.id());
                        }
                        is_inside |= is;
                        if is_inside {
                            inside.insert(node.id());
                        }
                    }
                    open.push(is_inside);
                }
                Edge::Close(_) => {
                    open.pop();
                }
            }
        }
        Some(Self {
            paragraph,
            own,
            inside,
        })
    }

    /// True when `el` never holds article text.
    fn is(&self, el: ElementRef<'_>) -> bool {
        self.own.contains(&el.id())
    }

    /// True when `el` or one of its ancestors is boilerplate.
    fn inside(&self, el: ElementRef<'_>) -> bool {
        self.inside.contains(&el.id())
    }
}

/// The number of non-space characters of a paragraph.
fn paragraph_chars(p: ElementRef<'_>) -> usize {
    p.text()
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .count()
}

/// Boilerplate by tag, hidden state or landmark role.
fn structural_boilerplate(el: &Element) -> bool {
    if SKIPPED_TAGS.contains(&el.name()) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || el.attr("aria-modal").is_some()
    {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    el.attr("role")
        .is_some_and(|r| BOILERPLATE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// Boilerplate by a word in its `class` or `id`.
fn marked_boilerplate(el: &Element) -> bool {
    let marked = |value: &str| {
        let value = value.to_ascii_lowercase();
        BOILERPLATE_PARTS.iter().any(|p| value.contains(p))
            || value
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| BOILERPLATE_WORDS.contains(&word))
    };
    el.attr("class").is_some_and(marked) || el.attr("id").is_some_and(marked)
}

/// The article body's text, as canonical paragraphs.
fn body_text(html: &Html) -> String {
    let Some(boilerplate) = Boilerplate::new(html) else {
        return String::new();
    };
    for css in ["[itemprop=articleBody]", "article", "main", "[role=main]"] {
        let Ok(selector) = Selector::parse(css) else {
            continue;
        };
        let best = html
            .select(&selector)
            .filter(|el| !boilerplate.inside(*el))
            .map(|el| element_text(el, &boilerplate))
            .fold(
                String::new(),
                |best, t| if t.len() > best.len() { t } else { best },
            );
        if !best.is_empty() {
            return best;
        }
    }
    if let Some(root) = densest_paragraph_parent(html, &boilerplate) {
        let text = element_text(root, &boilerplate);
        if !text.is_empty() {
            return text;
        }
    }
    let Ok(selector) = Selector::parse("body") else {
        return String::new();
    };
    html.select(&selector)
        .next()
        .map(|body| element_text(body, &boilerplate))
        .unwrap_or_default()
}

/// The element whose `<p>` children hold the most text (outside boilerplate).
fn densest_paragraph_parent<'a>(
    html: &'a Html,
    boilerplate: &Boilerplate,
) -> Option<ElementRef<'a>> {
    // Parent → (paragraph characters, order of first appearance).
    let mut scores: BTreeMap<NodeId, (usize, usize)> = BTreeMap::new();
    for p in html.select(&boilerplate.paragraph) {
        if boilerplate.inside(p) {
            continue;
        }
        let Some(parent) = p.parent() else {
            continue;
        };
        let order = scores.len();
        scores.entry(parent.id()).or_insert((0, order)).0 += paragraph_chars(p);
    }
    // The most text wins; among equals, the first in the page.
    let (best, _) = scores
        .into_iter()
        .filter(|(_, (score, _))| *score > 0)
        .min_by_key(|(_, (score, order))| (std::cmp::Reverse(*score), *order))?;
    html.tree.get(best).and_then(ElementRef::wrap)
}

/// Collects paragraphs while walking an element tree.
struct Paragraphs<'b> {
    boilerplate: &'b Boilerplate,
    done: Vec<String>,
    current: String,
    pre_depth: usize,
}

impl Paragraphs<'_> {
    fn flush(&mut self) {
        let lines: Vec<&str> = self.current.lines().map(str::trim).collect();
        let para = lines.join("\n");
        // A table-cell separator left at either end by a block inside the cell.
        let para = para.trim().trim_matches(|c: char| c == '|' || c == ' ');
        let label = BOILERPLATE_PARAGRAPHS
            .iter()
            .any(|l| para.eq_ignore_ascii_case(l));
        if !para.is_empty() && !label {
            self.done.push(para.to_owned());
        }
        self.current.clear();
    }

    /// Where an element starts: a block starts a paragraph.
    fn open(&mut self, name: &str) {
        if BLOCK_TAGS.contains(&name) {
            self.flush();
        }
        if name == "pre" {
            self.pre_depth += 1;
        }
    }

    /// Where an element ends: a block ends its paragraph.
    fn close(&mut self, name: &str) {
        if name == "pre" {
            self.pre_depth -= 1;
        }
        if BLOCK_TAGS.contains(&name) {
            self.flush();
        }
    }

    /// Collects the text of `root` and its descendants, leaving boilerplate out. The walk
    /// keeps no stack of its own (ego-tree's traversal), so any depth is safe.
    fn walk(&mut self, root: ElementRef<'_>) {
        // The element whose subtree is being left out (boilerplate, `br`, `img`).
        let mut skipping: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    if let Some(el) = ElementRef::wrap(node) {
                        let name = el.value().name();
                        if node.id() != root.id() {
                            if self.boilerplate.is(el) {
                                skipping = Some(node.id());
                                continue;
                            }
                            match name {
                                "br" => {
                                    self.current.push('\n');
                                    skipping = Some(node.id());
                                    continue;
                                }
                                "img" => {
                                    skipping = Some(node.id());
                                    continue;
                                }
                                "td" | "th" if !self.current.trim().is_empty() => {
                                    self.current.push_str(" | ");
                                }
                                _ => {}
                            }
                        }
                        self.open(name);
                    } else if let Some(text) = node.value().as_text() {
                        if self.pre_depth > 0 {
                            self.current.push_str(text);
                        } else {
                            collapse_spaces(text, &mut self.current);
                        }
                    }
                }
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                        continue;
                    }
                    if skipping.is_some() {
                        continue;
                    }
                    if let Some(el) = ElementRef::wrap(node) {
                        self.close(el.value().name());
                    }
                }
            }
        }
    }
}

/// The canonical text of an element, without its boilerplate descendants.
fn element_text(el: ElementRef<'_>, boilerplate: &Boilerplate) -> String {
    let mut paragraphs = Paragraphs {
        boilerplate,
        done: Vec::new(),
        current: String::new(),
        pre_depth: 0,
    };
    paragraphs.walk(el);
    paragraphs.flush();
    canonical_text(&paragraphs.done.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1252;

    #[test]
    fn charset_from_meta() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"windows-1252\">"),
            Some(WINDOWS_1252)
        );
        assert_eq!(
            declared_charset(
                b"<META http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            ),
            Some(WINDOWS_1252)
        );
        assert_eq!(declared_charset(b"<meta name=x content=y>"), None);
        let text = decode_html(b"<meta charset=windows-1252><p>caf\xe9 \x93x\x94</p>");
        assert!(text.contains("café “x”"));
    }

    #[test]
    fn paragraphs_and_boilerplate() {
        let html = Html::parse_document(
            "<html><body><nav>Home</nav><div class='content'><p>One   two\n three &amp; four.</p>\
             <div class='share-bar'>Share this</div><p>Five<br>six</p><ul><li>a</li><li>b</li></ul>\
             </div><footer>Copyright</footer></body></html>",
        );
        assert_eq!(
            body_text(&html),
            "One two three & four.\n\nFive\nsix\n\na\n\nb"
        );
    }

    #[test]
    fn a_layout_wrapper_with_a_boilerplate_class_is_kept() {
        let html = Html::parse_document(
            "<html><body><div class='layout has-sidebar'><div class='sidebar'><p>Links</p></div>\
             <p>The whole article is inside a wrapper whose class names a sidebar.</p>\
             <p>It must still be read.</p></div></body></html>",
        );
        assert_eq!(
            body_text(&html),
            "The whole article is inside a wrapper whose class names a sidebar.\n\nIt must still be read."
        );
    }

    #[test]
    fn author_from_microdata_or_rel_author() {
        let html = "<html><body><article><p>Text.</p><span itemprop=author>\
                    <span itemprop=name>Jane  Doe</span></span></article></body></html>";
        let doc = read(
            Path::new("a.html"),
            html.as_bytes(),
            &IngestLimits::default(),
        )
        .unwrap();
        assert_eq!(doc.meta.author, "Jane Doe");
        let html = "<html><body><article><p>Text.</p><a rel=author href=/x>John Roe</a></article></body></html>";
        let doc = read(
            Path::new("b.html"),
            html.as_bytes(),
            &IngestLimits::default(),
        )
        .unwrap();
        assert_eq!(doc.meta.author, "John Roe");
    }

    #[test]
    fn table_cells_are_separated() {
        let html = Html::parse_document(
            "<html><body><article><table><tr><td>Name</td><td>Role</td></tr>\
             <tr><td>Qureshi</td><td><p>Foreign Minister</p></td></tr></table></article></body></html>",
        );
        assert_eq!(
            body_text(&html),
            "Name | Role\n\nQureshi\n\nForeign Minister"
        );
    }
}
