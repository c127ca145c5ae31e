//! PDF articles (`.pdf`): the text layer, read glyph by glyph through pdf-extract (whose
//! embedded lopdf first checks that the file parses) and laid out again here: glyphs on one
//! baseline form a line (in content-stream order, which keeps the reading order), lines of
//! one paragraph are joined with spaces, words hyphenated across a line break are joined
//! ("Paki-" + "stan" → "Pakistan") while hyphens inside a line stay ("ISIS-K"), and
//! paragraphs (found from larger vertical gaps, font-size changes and moves up the page)
//! are separated by blank lines. Title, author and date come from the document information
//! dictionary. A PDF without a text layer (a scan) is refused: OCR is not supported.
//!
//! pdf-extract can panic on odd files; the extraction runs under `catch_unwind` and a panic
//! becomes an [`Error::Parse`]. Nothing is printed to standard output. pdf-extract recurses
//! on a page's ancestors and on forms drawn inside forms without a limit, so the object
//! graph is checked first (`pdf_guard.rs`): loops and deep or endless drawings are refused.
//! The glyphs kept are bounded too (a quarter of [`IngestLimits::max_text_bytes`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use pdf_extract::{MediaBox, Object, OutputDev, OutputError, Transform};

use super::limits::{panic_detail, quietly_catch_unwind};
use super::pdf_guard::{self, Budget};
use super::text::{canonical_text, title_from_first_line};
use super::{Extracted, IngestLimits, empty_error};
use crate::{Error, Result};

/// One glyph (or string of glyphs) as pdf-extract reports it, in page coordinates with y
/// growing down the page.
#[derive(Debug, Clone)]
struct Glyph {
    page: u32,
    x: f64,
    y: f64,
    end_x: f64,
    size: f64,
    text: String,
}

/// Collects glyphs from pdf-extract.
#[derive(Default)]
struct Collector {
    /// The most glyphs kept; past it the extraction stops with `over` set.
    max_glyphs: usize,
    over: bool,
    glyphs: Vec<Glyph>,
    page: u32,
    page_height: f64,
    pages: u32,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.page = page_num;
        self.page_height = media_box.ury - media_box.lly;
        self.pages += 1;
        Ok(())
    }

    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> std::result::Result<(), OutputError> {
        // The font size as scaled by the text matrix (as pdf-extract's own text output does).
        let sx = font_size * trm.m11 + font_size * trm.m21;
        let sy = font_size * trm.m12 + font_size * trm.m22;
        let size = (sx * sy).abs().sqrt();
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            1.0
        };
        let x = trm.m31;
        let y = self.page_height - trm.m32;
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        if self.glyphs.len() >= self.max_glyphs {
            self.over = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // A font without widths reports 0: assume half an em so letters do not look spaced.
        let advance = if width > 0.0 {
            width * size
        } else {
            size * 0.5
        };
        self.glyphs.push(Glyph {
            page: self.page,
            x,
            y,
            end_x: x + advance,
            size,
            text: char.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

/// A line of text on one baseline.
#[derive(Debug, Clone)]
struct Line {
    page: u32,
    y: f64,
    size: f64,
    text: String,
}

/// Reads a PDF article from its bytes.
pub(crate) fn read(path: &Path, bytes: &[u8], limits: &IngestLimits) -> Result<Extracted> {
    if bytes.is_empty() {
        return Err(empty_error(path));
    }
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(Error::parse(
            path,
            "not a PDF file (no %PDF- header); the file may be damaged or of another type",
        ));
    }
    let max_glyphs = limits.max_text_bytes / 4;
    let budget = Budget {
        bytes: limits.max_decompressed_bytes / 5,
        depth: limits.max_depth,
    };
    let outcome = quietly_catch_unwind(|| extract(bytes, max_glyphs, &budget));
    let (collector, info) = match outcome {
        Ok(Ok(result)) => result,
        Ok(Err(Failure::Reason(reason))) => return Err(Error::parse(path, reason)),
        Ok(Err(Failure::TooManyGlyphs)) => {
            return Err(IngestLimits::too_large(
                path,
                &format!("the PDF's text (more than {max_glyphs} characters)"),
                max_glyphs as u64,
            ));
        }
        Err(panic) => {
            let detail = panic_detail(panic.as_ref());
            return Err(Error::parse(
                path,
                format!("the PDF could not be read (the text extractor failed: {detail})"),
            ));
        }
    };
    let lines = build_lines(&collector.glyphs);
    let text = canonical_text(&join_paragraphs(&lines));
    if text.is_empty() {
        return Err(Error::parse(
            path,
            format!(
                "no text layer; OCR is not supported (the PDF has {} page{} but no text: \
                 it may be a scanned image)",
                collector.pages,
                if collector.pages == 1 { "" } else { "s" }
            ),
        ));
    }
    let mut extracted = Extracted::new(text, "pdf");
    extracted.meta.title = info
        .title
        .filter(|t| !is_placeholder_title(t))
        .or_else(|| title_from_first_line(&extracted.text))
        .unwrap_or_default();
    extracted.meta.author = info.author.unwrap_or_default();
    extracted.meta.date = info.date.unwrap_or_default();
    Ok(extracted)
}

/// True for titles that word processors and converters leave behind ("Microsoft Word -
/// draft.docx", "Untitled", a bare file name) rather than a headline.
fn is_placeholder_title(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    lower.is_empty()
        || lower.starts_with("microsoft word - ")
        || matches!(
            lower.as_str(),
            "untitled" | "title" | "document" | "no title"
        )
        || [
            ".doc", ".docx", ".pdf", ".rtf", ".odt", ".txt", ".indd", ".qxd",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// What the document information dictionary says.
#[derive(Default)]
struct Info {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

/// Why the text could not be extracted.
enum Failure {
    /// A reason to report as a parse error.
    Reason(String),
    /// More glyphs than the limit.
    TooManyGlyphs,
}

impl From<String> for Failure {
    fn from(reason: String) -> Self {
        Self::Reason(reason)
    }
}

/// Parses the PDF, checks it has pages, can be decrypted and has an object graph
/// pdf-extract can walk within `budget`, and collects its glyphs (at most `max_glyphs`).
fn extract(
    bytes: &[u8],
    max_glyphs: usize,
    budget: &Budget,
) -> std::result::Result<(Collector, Info), Failure> {
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| format!("not a valid PDF (damaged or truncated?): {e}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Failure::Reason(
            "the PDF is encrypted with a password; Quarry cannot read it".to_owned(),
        ));
    }
    if doc.get_pages().is_empty() {
        return Err(Failure::Reason("the PDF has no pages".to_owned()));
    }
    pdf_guard::check(&doc, budget)?;
    let info = read_info(&doc);
    let mut collector = Collector {
        max_glyphs,
        ..Collector::default()
    };
    let result = pdf_extract::output_doc(&doc, &mut collector);
    if collector.over {
        return Err(Failure::TooManyGlyphs);
    }
    result.map_err(|e| format!("the PDF's text could not be read: {e:?}"))?;
    Ok((collector, info))
}

/// Title, author and creation date from the trailer's `/Info` dictionary.
fn read_info(doc: &pdf_extract::Document) -> Info {
    let Some(dict) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return Info::default();
    };
    let text = |key: &[u8]| {
        dict.get(key)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| match o {
                Object::String(bytes, _) => Some(pdf_string(bytes)),
                _ => None,
            })
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    Info {
        title: text(b"Title"),
        author: text(b"Author"),
        date: text(b"CreationDate").map(|d| pdf_date(&d)),
    }
}

/// Decodes a PDF text string: UTF-16BE with BOM, UTF-8 with BOM, else `PDFDocEncoding`
/// (read as Latin-1, which it matches for letters).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return text.into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `D:YYYYMMDDHHmmSS…` → `YYYY-MM-DD` (other forms are kept as found).
fn pdf_date(raw: &str) -> String {
    let digits = raw.strip_prefix("D:").unwrap_or(raw);
    let ymd: String = digits.chars().take(8).collect();
    if ymd.len() == 8 && ymd.chars().all(|c| c.is_ascii_digit()) {
        format!("{}-{}-{}", &ymd[..4], &ymd[4..6], &ymd[6..8])
    } else {
        raw.to_owned()
    }
}

/// Groups glyphs into lines: a glyph starts a new line when the page changes, when its
/// baseline moves by more than half the font size, or when it jumps back to the left.
/// Spaces are inserted where the gap between glyphs is wider than 15% of the font size.
fn build_lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut last: Option<&Glyph> = None;
    for glyph in glyphs {
        let new_line = last.is_none_or(|prev| {
            let size = prev.size.max(glyph.size);
            glyph.page != prev.page
                || (glyph.y - prev.y).abs() > size * 0.5
                || glyph.x < prev.x - size
        });
        if new_line {
            lines.push(Line {
                page: glyph.page,
                y: glyph.y,
                size: glyph.size,
                text: String::new(),
            });
        }
        let Some(line) = lines.last_mut() else {
            continue;
        };
        let is_space = glyph.text.chars().all(char::is_whitespace);
        if let Some(prev) = last.filter(|_| !new_line)
            && !is_space
            && glyph.x > prev.end_x + glyph.size.max(prev.size) * 0.15
            && !line.text.ends_with(' ')
        {
            line.text.push(' ');
        }
        if is_space {
            if !line.text.is_empty() && !line.text.ends_with(' ') {
                line.text.push(' ');
            }
        } else {
            line.text.push_str(&glyph.text);
            line.size = line.size.max(glyph.size);
        }
        last = Some(glyph);
    }
    for line in &mut lines {
        line.text = line.text.trim().to_owned();
    }
    lines.retain(|l| !l.text.is_empty());
    drop_page_furniture(&mut lines);
    lines
}

/// True for a bare page number: up to four digits, or a short lowercase roman numeral.
fn is_page_number(text: &str) -> bool {
    (text.len() <= 4 && text.chars().all(|c| c.is_ascii_digit()))
        || (text.len() <= 6 && text.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
}

/// Removes page furniture: lines standing first or last on their page that are a bare
/// page number, or that repeat as first or last line on at least three pages (running
/// headers and footers; kept on the first page).
fn drop_page_furniture(lines: &mut Vec<Line>) {
    let edge: Vec<bool> = (0..lines.len())
        .map(|i| {
            let first = i == 0 || lines[i - 1].page != lines[i].page;
            let last = i + 1 == lines.len() || lines[i + 1].page != lines[i].page;
            first || last
        })
        .collect();
    let mut repeats: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
    for (line, _) in lines.iter().zip(&edge).filter(|(_, e)| **e) {
        repeats
            .entry(line.text.as_str())
            .or_default()
            .insert(line.page);
    }
    // The first page keeps a line that later pages repeat: there it is usually the title.
    let first_page = lines.first().map_or(0, |l| l.page);
    let keep: Vec<bool> = lines
        .iter()
        .zip(&edge)
        .map(|(line, &at_edge)| {
            let running = line.page != first_page
                && repeats
                    .get(line.text.as_str())
                    .is_some_and(|p| p.len() >= 3);
            !(at_edge && (is_page_number(&line.text) || running))
        })
        .collect();
    let mut flags = keep.into_iter();
    lines.retain(|_| flags.next().unwrap_or(true));
}

/// The median vertical step between consecutive lines of one page (positive steps only).
fn typical_line_step(lines: &[Line]) -> Option<f64> {
    let mut steps: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 0.0)
        .collect();
    if steps.len() < 3 {
        return None;
    }
    steps.sort_by(f64::total_cmp);
    Some(steps[steps.len() / 2])
}

/// True when the line after `prev` starts a new paragraph.
fn paragraph_break(prev: &Line, next: &Line, step: Option<f64>) -> bool {
    if next.page != prev.page {
        // A page break ends a paragraph only where the sentence ends.
        return prev
            .text
            .ends_with(['.', '!', '?', ':', '"', '”', '’', ')']);
    }
    let dy = next.y - prev.y;
    let size = prev.size.max(next.size);
    if dy <= 0.0 || (prev.size - next.size).abs() > 0.5 {
        return true;
    }
    match step {
        Some(step) => dy > step * 1.3,
        None => dy > size * 1.7,
    }
}

/// Joins lines into paragraphs (blank line between paragraphs), undoing hyphenation at
/// line ends.
fn join_paragraphs(lines: &[Line]) -> String {
    let step = typical_line_step(lines);
    // Every word written within a line, lowercased (hyphenated compounds as one word): the
    // evidence for keeping a line-end hyphen.
    let corpus: BTreeSet<String> = lines
        .iter()
        .flat_map(|l| l.text.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = &lines[i - 1];
            if paragraph_break(prev, line, step) {
                out.push_str("\n\n");
            } else {
                join_line_end(&mut out, &line.text, &corpus);
            }
        }
        out.push_str(&line.text);
    }
    out
}

/// Prepares `out` (ending with a line) for the next line of the same paragraph.
///
/// A word hyphenated at the line end is joined when the next line goes on in lowercase
/// ("Paki-" + "stan" → "Pakistan"), unless the document writes the hyphenated compound
/// elsewhere and never the joined word ("well-" + "known" stays "well-known"). A hyphen
/// before a capital or digit is kept without a space ("ISIS-" + "K"); a soft hyphen is
/// removed; otherwise one space separates the lines.
fn join_line_end(out: &mut String, next: &str, corpus: &BTreeSet<String>) {
    let next_first = next.chars().next();
    if out.ends_with('\u{ad}') {
        out.pop();
        return;
    }
    let mut tail = out.chars().rev();
    let hyphen = tail.next().filter(|c| matches!(c, '-' | '\u{2010}'));
    let before = tail.next();
    if hyphen.is_some() && before.is_some_and(char::is_alphabetic) {
        if next_first.is_some_and(char::is_lowercase) {
            let head = out[..out.len() - 1]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or_default()
                .to_lowercase();
            let rest: String = next
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            let compound = format!("{head}-{rest}");
            let joined = format!("{head}{rest}");
            let keep_hyphen = corpus.contains(&compound) && !corpus.contains(&joined);
            if !keep_hyphen {
                out.pop();
            }
            return;
        }
        if next_first.is_some_and(char::is_alphanumeric) {
            return;
        }
    }
    out.push(' ');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(page: u32, y: f64, text: &str) -> Line {
        Line {
            page,
            y,
            size: 12.0,
            text: text.to_owned(),
        }
    }

    #[test]
    fn hyphens_and_paragraphs() {
        let lines = vec![
            line(1, 100.0, "Talks with Paki-"),
            line(1, 114.0, "stan and the ISIS-"),
            line(1, 128.0, "K threat went on"),
            line(1, 142.0, "for days."),
            line(1, 170.0, "A new paragraph, still"),
            line(1, 184.0, "going."),
            line(2, 50.0, "3"),
        ];
        let mut lines = lines;
        drop_page_furniture(&mut lines);
        assert_eq!(
            join_paragraphs(&lines),
            "Talks with Pakistan and the ISIS-K threat went on for days.\n\nA new paragraph, still going."
        );
    }

    #[test]
    fn running_headers_and_page_numbers_are_dropped() {
        let mut lines = Vec::new();
        for page in 1..=3 {
            lines.push(line(page, 40.0, "The Example Journal"));
            lines.push(line(page, 100.0, &format!("Body of page {page}.")));
            lines.push(line(page, 800.0, &page.to_string()));
        }
        lines.push(line(4, 40.0, "The Example Journal mentioned once."));
        lines.push(line(4, 800.0, "iv"));
        drop_page_furniture(&mut lines);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The Example Journal",
                "Body of page 1.",
                "Body of page 2.",
                "Body of page 3.",
                "The Example Journal mentioned once."
            ]
        );
    }

    #[test]
    fn a_compound_written_with_a_hyphen_elsewhere_keeps_it() {
        let lines = vec![
            line(1, 100.0, "The well-known envoy, a well-"),
            line(1, 114.0, "known figure, met the mini-"),
            line(1, 128.0, "ster."),
        ];
        assert_eq!(
            join_paragraphs(&lines),
            "The well-known envoy, a well-known figure, met the minister."
        );
    }

    #[test]
    fn glyphs_become_lines_with_spaces() {
        let g = |x: f64, y: f64, t: &str| Glyph {
            page: 1,
            x,
            y,
            end_x: x + 6.0,
            size: 12.0,
            text: t.to_owned(),
        };
        let glyphs = vec![
            g(10.0, 100.0, "A"),
            g(16.0, 100.0, "b"),
            g(30.0, 100.0, "c"),
            g(36.0, 100.0, " "),
            g(42.0, 100.0, "d"),
            g(10.0, 114.0, "e"),
        ];
        let lines = build_lines(&glyphs);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["Ab c d", "e"]);
    }

    #[test]
    fn placeholder_titles_are_ignored() {
        assert!(is_placeholder_title("Microsoft Word - Draft 3.docx"));
        assert!(is_placeholder_title("press-release.pdf"));
        assert!(is_placeholder_title("Untitled"));
        assert!(!is_placeholder_title("Talks on Afghan Peace"));
    }

    #[test]
    fn dates_and_strings() {
        assert_eq!(pdf_date("D:20210126103000+05'00'"), "2021-01-26");
        assert_eq!(pdf_date("yesterday"), "yesterday");
        assert_eq!(pdf_string(b"\xfe\xff\x00A\x00\xe9"), "Aé");
        assert_eq!(pdf_string(b"Caf\xe9"), "Café");
    }
}
