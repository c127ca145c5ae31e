//! Python's string semantics that `score.py`'s report depends on: `repr`, `str` of `None`
//! and bools, `isalnum`, `isprintable` and `{s:Ns}` padding.

use std::fmt::Write as _;

use unicode_general_category::{GeneralCategory, get_general_category};

/// Python's `str.isalnum` for one char: letters and numbers by general category.
pub(super) fn is_alnum(c: char) -> bool {
    use GeneralCategory as G;
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
    )
}

/// Python's `repr()` of a `str`.
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let code = u32::from(c);
                let _ = if code < 0x100 {
                    write!(out, "\\x{code:02x}")
                } else if code < 0x1_0000 {
                    write!(out, "\\u{code:04x}")
                } else {
                    write!(out, "\\U{code:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one char (what `repr` leaves unescaped).
fn is_printable(c: char) -> bool {
    use GeneralCategory as G;
    if c == ' ' {
        return true;
    }
    !matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}

/// Python's `repr` of an optional string (`None` when absent).
pub(super) fn py_repr_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), py_repr)
}

/// Python's `str()` of an optional string (`None` when absent).
pub(super) fn py_str_opt(s: Option<&str>) -> &str {
    s.unwrap_or("None")
}

/// Python's `str()` of a bool.
pub(super) fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Pads `s` with spaces to `width` chars (Python's `{s:Ns}`).
pub(super) fn pad(s: &str, width: usize) -> String {
    format!("{s:<width$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn py_repr_matches_python() {
        assert_eq!(py_repr("abc"), "'abc'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(py_repr("a\nb\t\\"), "'a\\nb\\t\\\\'");
        assert_eq!(py_repr("“Pakistan” Islāmābād"), "'“Pakistan” Islāmābād'");
        assert_eq!(
            py_repr("a\u{a0}b\u{ad}\u{200b}\u{2028}\u{7f}\u{1}"),
            "'a\\xa0b\\xad\\u200b\\u2028\\x7f\\x01'"
        );
        assert_eq!(py_repr("\u{e000}\u{f0000}"), "'\\ue000\\U000f0000'");
        assert_eq!(py_repr("中文 😀"), "'中文 😀'");
    }
}
