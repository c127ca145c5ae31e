//! Quotation-mark pairing: which marks open and close a quotation, in one linear pass.
//!
//! Curly “ ” (English), „ “ (German), guillemets « » and » «, straight " (opening or closing
//! by what surrounds it), single ‘ ’, ‚ ‘ and straight ' when they clearly open and close.
//! An apostrophe inside or at the end of a word ("d’ Affairs", "Pakistan’s", "victims’")
//! never opens or closes a quote. An opening mark still open at the end of its paragraph is
//! dropped there — unless the next paragraph opens with a quotation mark, as newspapers
//! continue a quote over paragraphs; then the quote runs to the paragraph end
//! (`open_ended`). Either way an unbalanced mark never swallows the rest of the article.

/// A pair of quotation marks: byte positions of the opening mark and the closing mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marks {
    /// Start of the opening mark.
    pub open: usize,
    /// End of the opening mark.
    pub open_end: usize,
    /// Start of the closing mark (or the paragraph end).
    pub close: usize,
    /// End of the closing mark (equal to `close` for a quote running to its paragraph end).
    pub close_end: usize,
}

impl Marks {
    /// True for a quote that runs to its paragraph end without a closing mark.
    pub(crate) fn open_ended(&self) -> bool {
        self.close == self.close_end
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// “ … ” (or “ … “ in a sloppy text).
    Double,
    /// „ … “ or „ … ”.
    Low,
    /// " … ".
    Straight,
    /// « … ».
    Guillemet,
    /// » … «.
    ReversedGuillemet,
    /// ‘ … ’, ‚ … ‘ or ' … '.
    Single,
    /// '' … '' (two apostrophes, as some newspaper archives write quotation marks).
    Twin,
}

fn is_open_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '/' | '“' | '"')
    })
}

fn is_close_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '\'')
            || matches!(c, '—' | '–' | '…' | '”' | '’')
    })
}

/// Finds quotation mark pairs in `text`, in text order.
pub(crate) fn find_marks(text: &str) -> Vec<Marks> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, Kind)> = None;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    let push = |out: &mut Vec<Marks>, (o, oe): (usize, usize), close: usize, close_end| {
        out.push(Marks {
            open: o,
            open_end: oe,
            close,
            close_end,
        });
    };
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let end = i + c.len_utf8();
        match c {
            '\n' | '\u{2029}' => {
                if let Some((o, oe, _)) = open.take() {
                    let rest = text[end..].trim_start();
                    if rest.starts_with(['“', '"', '«', '„', '»']) || rest.starts_with("''") {
                        let close = text[..i].trim_end().len();
                        if close > oe {
                            push(&mut out, (o, oe), close, close);
                        }
                    }
                }
            }
            '“' => match open {
                // „German“ and sloppy “…“ closings.
                Some((o, oe, Kind::Low)) => {
                    push(&mut out, (o, oe), i, end);
                    open = None;
                }
                Some((o, oe, Kind::Double))
                    if is_close_context(next) && prev.is_some_and(|p| !p.is_whitespace()) =>
                {
                    push(&mut out, (o, oe), i, end);
                    open = None;
                }
                _ => open = Some((i, end, Kind::Double)),
            },
            '„' => open = Some((i, end, Kind::Low)),
            '«' => match open {
                Some((o, oe, Kind::ReversedGuillemet)) => {
                    push(&mut out, (o, oe), i, end);
                    open = None;
                }
                _ => open = Some((i, end, Kind::Guillemet)),
            },
            '»' => match open {
                Some((o, oe, Kind::Guillemet)) => {
                    push(&mut out, (o, oe), i, end);
                    open = None;
                }
                None if next.is_some_and(char::is_alphanumeric) && is_open_context(prev) => {
                    open = Some((i, end, Kind::ReversedGuillemet));
                }
                _ => {}
            },
            '”' => {
                if let Some((o, oe, k)) = open
                    && matches!(k, Kind::Double | Kind::Low | Kind::Straight)
                {
                    push(&mut out, (o, oe), i, end);
                    open = None;
                }
            }
            '"' => match open {
                Some((o, oe, Kind::Straight | Kind::Double))
                    if !is_open_context(prev) || is_close_context(next) =>
                {
                    push(&mut out, (o, oe), i, end);
                    open = None;
                }
                Some(_) => open = Some((i, end, Kind::Straight)),
                None => {
                    if is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace()) {
                        open = Some((i, end, Kind::Straight));
                    }
                }
            },
            '\'' if next == Some('\'') => {
                iter.next();
                let end = end + 1;
                let after = iter.peek().map(|&(_, n)| n);
                match open {
                    Some((o, oe, Kind::Twin)) => {
                        push(&mut out, (o, oe), i, end);
                        open = None;
                    }
                    None if is_open_context(prev) && after.is_some_and(|n| !n.is_whitespace()) => {
                        open = Some((i, end, Kind::Twin));
                    }
                    _ => {}
                }
                prev = Some('\'');
                continue;
            }
            '‘' | '‚' | '\''
                if open.is_none()
                    && is_open_context(prev)
                    && next.is_some_and(char::is_alphanumeric) =>
            {
                open = Some((i, end, Kind::Single));
            }
            '’' | '‘' | '\'' => {
                if let Some((o, oe, Kind::Single)) = open {
                    let in_word = next.is_some_and(char::is_alphanumeric);
                    // "the victims’ families": a plural possessive, not a closing mark.
                    let possessive = prev == Some('s')
                        && next == Some(' ')
                        && text[end..].chars().nth(1).is_some_and(char::is_lowercase);
                    if !in_word && !possessive && prev.is_some_and(|p| !p.is_whitespace()) {
                        push(&mut out, (o, oe), i, end);
                        open = None;
                    }
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

/// A title or name in quotation marks inside a sentence: one to five words, each
/// capitalised (or a short function word), without a final comma, "!" or "?", and the
/// text before the mark running on (not a colon or the start of a paragraph).
pub(super) fn is_title_in_marks(text: &str, mk: &Marks) -> bool {
    if mk.open_ended() {
        return false;
    }
    let inner = text[mk.open_end..mk.close].trim();
    let inner_core = inner.trim_end_matches(['.', '’', '\'']);
    if inner_core.is_empty()
        || inner_core.ends_with([',', '!', '?', ':', ';', '…'])
        || inner_core.contains(['!', '?', ',', ':'])
    {
        return false;
    }
    let words: Vec<&str> = inner_core.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || matches!(
                *w,
                "of" | "the" | "and" | "a" | "an" | "for" | "in" | "on" | "to" | "with" | "at"
            )
    };
    if words.is_empty()
        || words.len() > 5
        || !words.iter().all(capitalised)
        || !words[0].chars().next().is_some_and(char::is_uppercase)
    {
        return false;
    }
    let before = text[..mk.open].trim_end_matches([' ', '\t']);
    let prev = before.chars().next_back();
    // Mid-sentence: after a word (not after a colon, a dash, a line break or nothing).
    prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '’' | '\'' | ','))
        && !before.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<&str> {
        find_marks(text)
            .iter()
            .map(|m| &text[m.open_end..m.close])
            .collect()
    }

    #[test]
    fn quotation_marks_of_every_kind() {
        assert_eq!(
            marks("He said “yes” and \"no\" and «oui» and ‘maybe’."),
            ["yes", "no", "oui", "maybe"]
        );
        assert_eq!(
            marks("Er sagte „ja“ und »nein« und 'vielleicht' dann."),
            ["ja", "nein", "vielleicht"]
        );
        assert_eq!(
            marks("''There was some iciness there,'' he said. ''Yes.''"),
            ["There was some iciness there,", "Yes."]
        );
        assert_eq!(
            marks("President Joe Biden “ should realise.”"),
            [" should realise."]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            marks("The US Charge d’ Affairs met Pakistan’s army and the victims’ families."),
            Vec::<&str>::new()
        );
        assert_eq!(marks("‘Pakistan’s role’ matters"), ["Pakistan’s role"]);
        assert_eq!(marks("It's Pakistan's army, isn't it"), Vec::<&str>::new());
    }

    #[test]
    fn unbalanced_marks_do_not_swallow_the_article() {
        let text = "He said “this never closes.\nNext paragraph has “a real quote” here.";
        assert_eq!(marks(text), ["a real quote"]);
        let text = "“First paragraph of a long quote.\n“Second paragraph,” he said.";
        assert_eq!(
            marks(text),
            ["First paragraph of a long quote.", "Second paragraph,"]
        );
        assert!(find_marks(text)[0].open_ended());
    }
}
