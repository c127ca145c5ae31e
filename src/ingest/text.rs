//! Text helpers shared by every reader: byte decoding (BOMs, UTF-16 detection, Windows-1252
//! fallback), the binary-data check, the canonical text form and the title/slug rules.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// The longest first line (in chars) that is still taken as a title.
const MAX_TITLE_CHARS: usize = 200;

/// Bytes decoded to text, with the name of the encoding that was used.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The decoded text (BOM removed).
    pub text: String,
    /// The encoding's name ("UTF-8", "UTF-16LE", "windows-1252", …).
    pub encoding: &'static str,
}

/// Decodes the bytes of a plain-text file.
///
/// Order of decisions: a byte-order mark wins; then UTF-16 without BOM is recognised by its
/// NUL bytes on every other position; then valid UTF-8; anything else is read in the
/// legacy encoding [`legacy_encoding`] guesses (mostly Windows-1252 for Western news
/// text; Windows-1251 for Cyrillic, Windows-1256 for Arabic, `Shift_JIS`, GBK, …).
pub(crate) fn decode_text_bytes(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]);
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        return decode_with(encoding, bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
        },
        Err(_) => decode_with(legacy_encoding(bytes), bytes),
    }
}

/// Guesses the legacy (non-UTF-8) encoding of `bytes` with chardetng, the detector
/// Firefox uses for unlabelled pages; Western text comes out as Windows-1252.
pub(crate) fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

/// Decodes `bytes` (without BOM) with `encoding`, replacing malformed sequences.
pub(crate) fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

/// Recognises BOM-less UTF-16 from the NUL bytes that ASCII-range text leaves on every
/// other byte: NULs on odd positions mean little-endian, on even positions big-endian.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    // Most code units must have the NUL on one side and almost none on the other.
    let most = pairs * 2 / 5;
    let few = pairs / 20;
    if odd_nul > most && even_nul <= few {
        Some(UTF_16LE)
    } else if even_nul > most && odd_nul <= few {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Returns a reason when `text` looks like binary data rather than text: it holds NUL
/// characters, or more than 2% of its characters are control characters (other than tab,
/// line feed, carriage return, vertical tab and form feed) or replacement characters.
pub(crate) fn binary_reason(text: &str) -> Option<String> {
    let mut total = 0usize;
    let mut suspicious = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of any article, byte by byte.
        let b = bytes[i];
        if b.is_ascii() {
            total += 1;
            if b == 0 {
                return Some(
                    "the file looks like binary data, not text (it contains NUL bytes)".into(),
                );
            }
            if b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                suspicious += 1;
            }
            i += 1;
            continue;
        }
        let Some(ch) = text.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += ch.len_utf8();
        total += 1;
        // Beyond ASCII: the C1 controls and the replacement character.
        if ch.is_control() || ch == '\u{fffd}' {
            suspicious += 1;
        }
    }
    if total > 0 && suspicious * 50 > total {
        Some(format!(
            "the file looks like binary data, not text ({suspicious} of {total} characters \
             are control or undecodable characters)"
        ))
    } else {
        None
    }
}

/// The canonical form of an article's text, which every annotation span indexes into.
///
/// Line endings become `\n`; a leading BOM is removed; trailing whitespace is stripped from
/// every line; blank lines at the start and end are dropped, and runs of two or more blank
/// lines become one blank line (so `\n{3,}` becomes `\n\n`). Every other character is kept
/// unchanged (curly quotes, dashes, non-Latin scripts, leading indentation).
///
/// ```
/// use quarry::ingest::canonical_text;
/// assert_eq!(canonical_text("\u{feff}Title \r\n\r\n\r\n\r\nBody “quoted” —\tok\r"), "Title\n\nBody “quoted” —\tok");
/// ```
pub fn canonical_text(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut pending_blank = false;
    let mut started = false;
    for line in split_lines(raw) {
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank = started;
            continue;
        }
        if started {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        out.push_str(line);
        started = true;
        pending_blank = false;
    }
    out
}

/// Splits on `\r\n`, `\n` and lone `\r`.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        if let Some(i) = current.find(['\r', '\n']) {
            let skip = if current[i..].starts_with("\r\n") {
                2
            } else {
                1
            };
            rest = Some(&current[i + skip..]);
            Some(&current[..i])
        } else {
            rest = None;
            Some(current)
        }
    })
}

/// The title rule for texts without explicit metadata: the first non-empty line, if it is
/// short (under 200 characters) and does not end with a period.
pub(crate) fn title_from_first_line(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if line.chars().count() < MAX_TITLE_CHARS && !line.ends_with('.') {
        Some(line.to_owned())
    } else {
        None
    }
}

/// A document id from a file stem: lowercase ASCII letters, digits and single dashes
/// (`"US–Pakistan Talks (2021)"` → `"us-pakistan-talks-2021"`); `"document"` if nothing is left.
///
/// ```
/// use quarry::ingest::slug;
/// assert_eq!(slug("US–Pakistan Talks (2021)"), "us-pakistan-talks-2021");
/// assert_eq!(slug("خبر"), "document");
/// ```
pub fn slug(stem: &str) -> String {
    let mut out = String::with_capacity(stem.len());
    let mut dash = false;
    for ch in stem.chars() {
        if ch.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "document".to_owned()
    } else {
        out
    }
}

/// Collapses HTML-style whitespace runs (spaces, tabs, line breaks) to one space.
pub(crate) fn collapse_spaces(text: &str, out: &mut String) {
    let mut space = out.ends_with(' ') || out.ends_with('\n') || out.is_empty();
    for ch in text.chars() {
        if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(ch);
            space = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_normalises_only_whitespace_layout() {
        assert_eq!(canonical_text("a\r\nb\rc\n"), "a\nb\nc");
        assert_eq!(canonical_text("\n\n  a  \n\n\n\n b\t\n\n"), "  a\n\n b");
        assert_eq!(canonical_text("a\n\nb"), "a\n\nb");
        assert_eq!(canonical_text("“é” — 中文 😀"), "“é” — 中文 😀");
        assert_eq!(canonical_text("   \n\t\n"), "");
    }

    #[test]
    fn decodes_boms_utf16_and_legacy() {
        let d = decode_text_bytes(b"\xef\xbb\xbfhi");
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-8"));
        let d = decode_text_bytes(b"\xff\xfeh\0i\0");
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-16LE"));
        let d = decode_text_bytes(b"\0h\0e\0l\0l\0o");
        assert_eq!((d.text.as_str(), d.encoding), ("hello", "UTF-16BE"));
        let d = decode_text_bytes(b"h\0e\0l\0l\0o\0");
        assert_eq!((d.text.as_str(), d.encoding), ("hello", "UTF-16LE"));
        let d = decode_text_bytes(b"caf\xe9 \x93x\x94 \x80");
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("café “x” €", "windows-1252")
        );
    }

    #[test]
    fn binary_is_recognised() {
        assert!(binary_reason("plain text\twith tab\n").is_none());
        // Word's manual line breaks survive as vertical tabs in some text exports.
        assert!(binary_reason(&"line\u{b}".repeat(50)).is_none());
        assert!(binary_reason("a\0b").is_some());
        let garbage: String = (0u8..32).map(char::from).cycle().take(200).collect();
        assert!(binary_reason(&garbage).is_some());
    }

    #[test]
    fn title_rule() {
        assert_eq!(
            title_from_first_line("\n Title here \nBody."),
            Some("Title here".into())
        );
        assert_eq!(title_from_first_line("A sentence.\nMore"), None);
        assert_eq!(title_from_first_line(&"x".repeat(250)), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("01-Terrorist_Attacks in Iraq"),
            "01-terrorist-attacks-in-iraq"
        );
        assert_eq!(slug("--x--"), "x");
        assert_eq!(slug(""), "document");
    }
}
