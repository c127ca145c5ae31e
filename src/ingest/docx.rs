//! Word documents (`.docx`): the zip's `word/document.xml` read with quick-xml, one
//! paragraph per `w:p` with its runs (`w:t`, `w:tab`, `w:br`), and title, author and date
//! from `docProps/core.xml`. Deleted text (tracked changes) and field codes are left out.
//!
//! `word/document.xml` is inflated and parsed as a stream, never held whole: memory grows
//! with the text found, not with the part's size. The part may not inflate past
//! [`IngestLimits::max_decompressed_bytes`] (a zip bomb), its text may not pass
//! [`IngestLimits::max_text_bytes`], and its elements may not nest deeper than
//! [`IngestLimits::max_depth`]; each is a clear error naming the file and the limit.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, Event};
use quick_xml::reader::Reader;
use zip::ZipArchive;

use super::limits::megabytes;
use super::text::{canonical_text, title_from_first_line};
use super::{Extracted, IngestLimits, empty_error};
use crate::{Error, Result};

/// The largest `docProps/core.xml` read (it holds a few properties).
const MAX_CORE_BYTES: u64 = 4 * 1024 * 1024;

/// The name of the part that holds the text.
const DOCUMENT_PART: &str = "word/document.xml";

/// Whitespace kept of one run (the rest is padding: XML between elements, or spaces no
/// article needs more of).
const MAX_WHITESPACE_RUN: usize = 1024;

/// The XML reader's input: stops with an error after `left` bytes (remembering that it
/// did), drops whitespace past [`MAX_WHITESPACE_RUN`] in a row, and stops at a run of more
/// than `max_run` bytes without `<` or `>` — so that the XML parser, which holds one text
/// or comment whole, never holds more than that.
struct Limited<R> {
    inner: R,
    left: u64,
    over: bool,
    max_run: usize,
    run: usize,
    run_over: bool,
    whitespace: usize,
}

impl<R> Limited<R> {
    fn new(inner: R, left: u64, max_run: usize) -> Self {
        Self {
            inner,
            left,
            over: false,
            max_run,
            run: 0,
            run_over: false,
            whitespace: 0,
        }
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.left == 0 {
                // One more byte tells a part of exactly the limit from a longer one.
                let mut probe = [0u8; 1];
                if self.inner.read(&mut probe)? > 0 {
                    self.over = true;
                    return Err(std::io::Error::other("decompressed size limit reached"));
                }
                return Ok(0);
            }
            let max = buf
                .len()
                .min(usize::try_from(self.left).unwrap_or(usize::MAX));
            let n = self.inner.read(&mut buf[..max])?;
            if n == 0 {
                return Ok(0);
            }
            self.left -= n as u64;
            let mut kept = 0;
            for i in 0..n {
                let b = buf[i];
                if b.is_ascii_whitespace() {
                    self.whitespace += 1;
                    if self.whitespace > MAX_WHITESPACE_RUN {
                        continue;
                    }
                } else {
                    self.whitespace = 0;
                }
                if b == b'<' || b == b'>' {
                    self.run = 0;
                } else {
                    self.run += 1;
                    if self.run > self.max_run {
                        self.run_over = true;
                        return Err(std::io::Error::other("run without markup too long"));
                    }
                }
                buf[kept] = b;
                kept += 1;
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// Why the document's text could not be read.
enum Failure {
    /// A reason to report as a parse error.
    Reason(String),
    /// A limit was passed.
    Limit(Error),
}

/// Reads a Word document from its bytes.
pub(crate) fn read(path: &Path, bytes: &[u8], limits: &IngestLimits) -> Result<Extracted> {
    if bytes.is_empty() {
        return Err(empty_error(path));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Error::parse(
            path,
            format!("not a valid Word document (the zip container cannot be read: {e})"),
        )
    })?;
    let body = {
        let part = match archive.by_name(DOCUMENT_PART) {
            Ok(part) => part,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(Error::parse(
                    path,
                    "not a Word document: the zip has no word/document.xml",
                ));
            }
            Err(e) => {
                return Err(Error::parse(
                    path,
                    format!("cannot read {DOCUMENT_PART} in the Word document: {e}"),
                ));
            }
        };
        let limited = Limited::new(part, limits.max_decompressed_bytes, limits.max_text_bytes);
        document_text(BufReader::new(limited), path, limits).map_err(|failure| match failure {
            Failure::Reason(reason) => Error::parse(path, reason),
            Failure::Limit(error) => error,
        })?
    };
    let text = canonical_text(&body.paragraphs.join("\n\n"));
    if text.is_empty() {
        return Err(Error::parse(path, "no text found in the Word document"));
    }
    let mut extracted = Extracted::new(text, "docx");
    if let Ok(Some(core)) = read_part(&mut archive, "docProps/core.xml") {
        let props = core_properties(&core);
        extracted.meta.title = props.title;
        extracted.meta.author = props.creator;
        extracted.meta.date = props.created;
    }
    if extracted.meta.title.is_empty() {
        extracted.meta.title = body
            .styled_title
            .or_else(|| title_from_first_line(&extracted.text))
            .unwrap_or_default();
    }
    Ok(extracted)
}

/// Reads a part of the zip as UTF-8 text; `Ok(None)` when the part is missing.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> std::result::Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} in the Word document: {e}")),
    };
    let mut raw = Vec::new();
    file.take(MAX_CORE_BYTES)
        .read_to_end(&mut raw)
        .map_err(|e| format!("cannot read {name} in the Word document (damaged zip?): {e}"))?;
    let raw = raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&raw);
    String::from_utf8(raw.to_vec())
        .map(Some)
        .map_err(|_| format!("{name} in the Word document is not UTF-8 XML"))
}

/// The paragraphs of `word/document.xml`, and the text of the first paragraph styled
/// `Title`.
struct Body {
    paragraphs: Vec<String>,
    styled_title: Option<String>,
}

/// Text of an entity or character reference.
fn resolve_ref(reference: &BytesRef<'_>) -> String {
    if let Ok(Some(ch)) = reference.resolve_char_ref() {
        return ch.to_string();
    }
    resolve_predefined_entity(reference)
        .map(str::to_owned)
        .unwrap_or_default()
}

/// Where finished paragraphs go: the body, or the innermost table cell.
#[derive(Default)]
struct Sink {
    paragraphs: Vec<String>,
    /// Paragraphs of the open table cells (innermost last).
    cells: Vec<Vec<String>>,
    /// Cells of the open table rows (innermost last).
    rows: Vec<Vec<String>>,
}

impl Sink {
    fn emit(&mut self, para: String) {
        match self.cells.last_mut() {
            Some(cell) => cell.push(para),
            None => self.paragraphs.push(para),
        }
    }

    fn end_cell(&mut self) {
        let cell = self.cells.pop().unwrap_or_default();
        let text: Vec<String> = cell.into_iter().filter(|p| !p.is_empty()).collect();
        if let Some(row) = self.rows.last_mut() {
            row.push(text.join(" "));
        }
    }

    /// A table row becomes one paragraph, its cells separated by `" | "`.
    fn end_row(&mut self) {
        let row = self.rows.pop().unwrap_or_default();
        let cells: Vec<String> = row.into_iter().filter(|c| !c.is_empty()).collect();
        self.emit(cells.join(" | "));
    }
}

/// Reads the paragraphs of a `word/document.xml`.
///
/// Table rows become one paragraph each (cells separated by `" | "`); paragraphs of text
/// boxes come before the paragraph that anchors them; the fallback copy that
/// `mc:AlternateContent` keeps for old readers is skipped, as are deleted text and field
/// codes (only `w:t` text is read).
fn document_text<R: Read>(
    mut xml: BufReader<Limited<R>>,
    path: &Path,
    limits: &IngestLimits,
) -> std::result::Result<Body, Failure> {
    // A byte-order mark before the XML declaration.
    if xml
        .fill_buf()
        .is_ok_and(|head| head.starts_with(b"\xef\xbb\xbf"))
    {
        xml.consume(3);
    }
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    // Bytes of text kept so far, and elements open.
    let mut text_bytes = 0usize;
    let mut open = 0usize;
    let mut sink = Sink::default();
    let mut styled_title = None;
    let mut current = String::new();
    let mut outer: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut in_text = false;
    let mut is_title = false;
    let mut fallback_depth = 0usize;
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                let input = reader.get_ref().get_ref();
                if input.run_over {
                    return Err(Failure::Limit(IngestLimits::too_large(
                        path,
                        &format!(
                            "a run of text or comment in {DOCUMENT_PART} (more than {})",
                            megabytes(limits.max_text_bytes as u64)
                        ),
                        limits.max_text_bytes as u64,
                    )));
                }
                if input.over {
                    return Err(Failure::Limit(IngestLimits::too_large(
                        path,
                        &format!("the inflated size of {DOCUMENT_PART}"),
                        limits.max_decompressed_bytes,
                    )));
                }
                return Err(Failure::Reason(format!(
                    "{DOCUMENT_PART} is not well-formed XML (at byte {}): {e}",
                    reader.error_position()
                )));
            }
        };
        match &event {
            Event::Start(_) => {
                open += 1;
                if open > limits.max_depth {
                    return Err(Failure::Limit(limits.too_deep(
                        path,
                        &format!("the nesting of {DOCUMENT_PART} ({open} elements deep)"),
                    )));
                }
            }
            Event::End(_) => open = open.saturating_sub(1),
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_text => {
                text_bytes += event.len();
                if text_bytes > limits.max_text_bytes {
                    return Err(Failure::Limit(IngestLimits::too_large(
                        path,
                        &format!(
                            "the text of {DOCUMENT_PART} (more than {})",
                            megabytes(limits.max_text_bytes as u64)
                        ),
                        limits.max_text_bytes as u64,
                    )));
                }
            }
            _ => {}
        }
        if fallback_depth > 0 {
            match event {
                Event::Start(e) if e.local_name().as_ref() == "Fallback" => fallback_depth += 1,
                Event::End(e) if e.local_name().as_ref() == "Fallback" => fallback_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    if depth > 0 {
                        outer.push(std::mem::take(&mut current));
                    }
                    depth += 1;
                    is_title = false;
                }
                "t" => in_text = true,
                "tc" => sink.cells.push(Vec::new()),
                "tr" => sink.rows.push(Vec::new()),
                "Fallback" => fallback_depth = 1,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" | "ptab" => current.push('\t'),
                "br" | "cr" => current.push('\n'),
                "noBreakHyphen" => current.push('-'),
                "p" => sink.emit(String::new()),
                "pStyle" => {
                    is_title = e.attributes().flatten().any(|a| {
                        a.key.local_name().as_ref() == "val"
                            && matches!(a.value.as_ref(), "Title" | "title")
                    });
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let para = current.trim().to_owned();
                    if is_title && styled_title.is_none() && !para.is_empty() {
                        styled_title = Some(para.clone());
                    }
                    sink.emit(para);
                    current = outer.pop().unwrap_or_default();
                    depth = depth.saturating_sub(1);
                }
                "tc" => sink.end_cell(),
                "tr" => sink.end_row(),
                _ => {}
            },
            Event::Text(t) if in_text => current.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Event::CData(t) if in_text => current.push_str(&t.into_inner()),
            Event::GeneralRef(r) if in_text => current.push_str(&resolve_ref(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Body {
        paragraphs: sink.paragraphs,
        styled_title,
    })
}

/// The Dublin Core properties of `docProps/core.xml` that Quarry keeps.
#[derive(Default)]
struct CoreProperties {
    title: String,
    creator: String,
    created: String,
}

/// Reads `docProps/core.xml`; a damaged part gives empty properties.
fn core_properties(xml: &str) -> CoreProperties {
    let mut reader = Reader::from_str(xml);
    let mut props = CoreProperties::default();
    let mut field: Option<&'static str> = None;
    let mut value = String::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => {
                field = match e.local_name().as_ref() {
                    "title" => Some("title"),
                    "creator" => Some("creator"),
                    "created" => Some("created"),
                    _ => None,
                };
                value.clear();
            }
            Event::Text(t) if field.is_some() => {
                value.push_str(&t.xml_content(XmlVersion::Implicit1_0));
            }
            Event::GeneralRef(r) if field.is_some() => value.push_str(&resolve_ref(&r)),
            Event::End(_) => {
                let text = value.trim().to_owned();
                match field.take() {
                    Some("title") => props.title = text,
                    Some("creator") => props.creator = text,
                    Some("created") => props.created = text,
                    _ => {}
                }
                value.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    props
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The body of `xml` read as a `word/document.xml`.
    fn text_of(xml: &str) -> Body {
        let limited = Limited::new(xml.as_bytes(), u64::MAX, usize::MAX);
        match document_text(
            BufReader::new(limited),
            Path::new("t.docx"),
            &IngestLimits::default(),
        ) {
            Ok(body) => body,
            Err(Failure::Reason(reason)) => panic!("{reason}"),
            Err(Failure::Limit(error)) => panic!("{error}"),
        }
    }

    #[test]
    fn paragraphs_runs_tabs_breaks_and_entities() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>The &amp; Title</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Split </w:t></w:r><w:r><w:t>run</w:t><w:tab/><w:t>tab</w:t><w:br/><w:t>line &#8212; “q”</w:t></w:r></w:p>
            <w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
            </w:body></w:document>"#;
        let body = text_of(xml);
        assert_eq!(body.styled_title.as_deref(), Some("The & Title"));
        assert_eq!(
            body.paragraphs,
            vec!["The & Title", "Split run\ttab\nline — “q”", ""]
        );
    }

    #[test]
    fn tables_text_boxes_and_fallbacks() {
        let xml = r#"<w:document xmlns:w="x" xmlns:mc="m"><w:body>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Office</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Bajwa</w:t></w:r></w:p><w:p><w:r><w:t>(COAS)</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t xml:space="preserve">Anchor </w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>text.</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let body = text_of(xml);
        assert_eq!(
            body.paragraphs,
            vec!["Name | Office", "Bajwa (COAS)", "Boxed", "Anchor text."]
        );
    }

    #[test]
    fn core_properties_are_read() {
        let xml = r#"<cp:coreProperties xmlns:cp="a" xmlns:dc="b" xmlns:dcterms="c">
            <dc:title>Talks &amp; more</dc:title><dc:creator>Jane Doe</dc:creator>
            <dcterms:created>2021-01-26T10:00:00Z</dcterms:created></cp:coreProperties>"#;
        let props = core_properties(xml);
        assert_eq!(props.title, "Talks & more");
        assert_eq!(props.creator, "Jane Doe");
        assert_eq!(props.created, "2021-01-26T10:00:00Z");
    }
}
