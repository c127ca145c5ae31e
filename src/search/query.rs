//! The search query language, parsed into a small syntax tree.
//!
//! ```text
//! austin pakistan            both words (adjacent terms are ANDed)
//! "peace process"            a phrase
//! milit*                     a prefix
//! a AND b, a OR b, NOT a     boolean operators (upper case), grouped with ( … )
//! entity:"Lloyd Austin"      every mention of the resolved entity, whatever its alias
//! type:PERSON                any mention of that type (PERSON, ORG, LOC, NORP, MISC, …)
//! speaker:"Qureshi"          inside quotes by that speaker
//! outlet:Dawn                articles from that outlet
//! date:2021-01..2021-03      articles dated in that range (YYYY, YYYY-MM or YYYY-MM-DD;
//!                            open ends `2021..` and `..2021-03`; one value is its whole period)
//! ```
//!
//! NOT binds tighter than AND, AND tighter than OR. Errors name what is wrong and where
//! (1-based character column), e.g. `unclosed quote starting at column 8`.

use crate::model::EntityType;

use super::date::{DateRange, parse_range};

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// Every word of a phrase in order (one word is a one-word phrase).
    Phrase(String),
    /// A word starting with this prefix.
    Prefix(String),
    /// Mentions of the entity with this name (resolved at search time).
    Entity(String),
    /// Mentions of this type.
    Type(EntityType),
    /// Quotes by the speaker with this name.
    Speaker(String),
    /// Articles from this outlet.
    Outlet(String),
    /// Articles dated in this range.
    Date(DateRange),
    /// All of these.
    And(Vec<Query>),
    /// Any of these.
    Or(Vec<Query>),
    /// Not this.
    Not(Box<Query>),
}

/// A query that could not be parsed: what is wrong, in words, with the column.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    /// The message shown to the researcher.
    pub message: String,
}

impl QueryError {
    fn at(column: usize, what: impl std::fmt::Display) -> Self {
        Self {
            message: format!("{what} at column {column}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Word(String),
    Quoted(String),
    Field(String),
    And,
    Or,
    Not,
    Open,
    Close,
}

/// Splits a query into tokens, each with its 1-based character column.
fn lex(input: &str) -> Result<Vec<(Tok, usize)>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((Tok::Open, column));
            i += 1;
        } else if c == ')' {
            out.push((Tok::Close, column));
            i += 1;
        } else if is_quote(c) {
            let start = i;
            i += 1;
            let mut text = String::new();
            while i < chars.len() && !is_quote(chars[i]) {
                text.push(chars[i]);
                i += 1;
            }
            if i == chars.len() {
                return Err(QueryError::at(start + 1, "unclosed quote starting"));
            }
            i += 1;
            // A phrase prefix ("peace pro"*) is not supported: say so rather than ignore it.
            if chars.get(i) == Some(&'*') {
                return Err(QueryError::at(
                    i + 1,
                    "a prefix * cannot follow a quoted phrase",
                ));
            }
            out.push((Tok::Quoted(text), column));
        } else {
            let mut word = String::new();
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')')
                && !is_quote(chars[i])
            {
                word.push(chars[i]);
                i += 1;
                // `type:PERSON`: a field name ends the word at its colon.
                if chars[i - 1] == ':'
                    && word.len() > 1
                    && word[..word.len() - 1].chars().all(char::is_alphabetic)
                {
                    break;
                }
            }
            let tok = match word.as_str() {
                "AND" | "&&" => Tok::And,
                "OR" | "||" => Tok::Or,
                "NOT" => Tok::Not,
                _ => match word.strip_suffix(':') {
                    Some(field) if !field.is_empty() && field.chars().all(char::is_alphabetic) => {
                        Tok::Field(field.to_lowercase())
                    }
                    _ => Tok::Word(word),
                },
            };
            out.push((tok, column));
        }
    }
    Ok(out)
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end_column: usize,
}

/// Parses a query.
///
/// ```
/// use quarry::search::query::{parse, Query};
/// assert_eq!(
///     parse("austin OR qureshi").unwrap(),
///     Query::Or(vec![Query::Phrase("austin".into()), Query::Phrase("qureshi".into())])
/// );
/// assert!(parse("\"peace talks").unwrap_err().message.contains("unclosed quote"));
/// ```
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let toks = lex(input)?;
    if toks.is_empty() {
        return Err(QueryError {
            message: "empty query: type words, \"a phrase\", or entity:\"Name\"".into(),
        });
    }
    let mut parser = Parser {
        toks,
        pos: 0,
        end_column: input.chars().count() + 1,
    };
    let query = parser.or()?;
    if let Some((tok, column)) = parser.toks.get(parser.pos) {
        let what = if *tok == Tok::Close {
            "unmatched )".to_owned()
        } else {
            format!("unexpected {}", describe(tok))
        };
        return Err(QueryError::at(*column, what));
    }
    Ok(query)
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Word(w) => format!("word {w:?}"),
        Tok::Quoted(q) => format!("phrase {q:?}"),
        Tok::Field(f) => format!("{f}:"),
        Tok::And => "AND".into(),
        Tok::Or => "OR".into(),
        Tok::Not => "NOT".into(),
        Tok::Open => "(".into(),
        Tok::Close => ")".into(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn column(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end_column, |(_, c)| *c)
    }

    fn or(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.swap_remove(0)
        } else {
            Query::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Query, QueryError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.pos += 1;
                    parts.push(self.unary()?);
                }
                Some(Tok::Or | Tok::Close) | None => break,
                Some(_) => parts.push(self.unary()?),
            }
        }
        Ok(if parts.len() == 1 {
            parts.swap_remove(0)
        } else {
            Query::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Query, QueryError> {
        if self.peek() == Some(&Tok::Not) {
            self.pos += 1;
            return Ok(Query::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Query, QueryError> {
        let column = self.column();
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return Err(QueryError::at(column, "a term is missing (query ends)"));
        };
        self.pos += 1;
        match tok {
            Tok::Open => {
                let inner = self.or()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(QueryError::at(column, "unclosed ( opened"));
                }
                self.pos += 1;
                Ok(inner)
            }
            Tok::Word(w) => word(&w, column),
            Tok::Quoted(q) => {
                if q.trim().is_empty() {
                    return Err(QueryError::at(column, "empty phrase"));
                }
                Ok(Query::Phrase(q))
            }
            Tok::Field(field) => {
                let value_column = self.column();
                let value = match self.toks.get(self.pos).cloned() {
                    Some((Tok::Word(w) | Tok::Quoted(w), _)) if !w.trim().is_empty() => w,
                    _ => {
                        return Err(QueryError::at(
                            value_column,
                            format!("{field}: needs a value"),
                        ));
                    }
                };
                self.pos += 1;
                field_query(&field, value, column, value_column)
            }
            Tok::And | Tok::Or | Tok::Close => Err(QueryError::at(
                column,
                format!("a term is missing before {}", describe(&tok)),
            )),
            Tok::Not => unreachable_not(column),
        }
    }
}

fn unreachable_not(column: usize) -> Result<Query, QueryError> {
    // `unary` consumes NOT before `primary`; kept as an error rather than a panic.
    Err(QueryError::at(column, "misplaced NOT"))
}

fn word(w: &str, column: usize) -> Result<Query, QueryError> {
    if let Some(prefix) = w.strip_suffix('*') {
        if prefix.is_empty() || prefix.contains('*') {
            return Err(QueryError::at(
                column,
                "a prefix needs at least one letter before *",
            ));
        }
        return Ok(Query::Prefix(prefix.to_owned()));
    }
    if w.contains('*') {
        return Err(QueryError::at(
            column,
            "* is only allowed at the end of a word (prefix search)",
        ));
    }
    Ok(Query::Phrase(w.to_owned()))
}

fn field_query(
    field: &str,
    value: String,
    column: usize,
    value_column: usize,
) -> Result<Query, QueryError> {
    Ok(match field {
        "entity" => Query::Entity(value),
        "speaker" => Query::Speaker(value),
        "outlet" | "source" => Query::Outlet(value),
        "type" => Query::Type(EntityType::from_label(value.trim()).ok_or_else(|| {
            QueryError::at(
                value_column,
                format!(
                    "unknown entity type {value:?} (use PERSON, ORG, LOC, NORP, MISC, TITLE or OTHER)"
                ),
            )
        })?),
        "date" => Query::Date(
            parse_range(value.trim()).map_err(|e| QueryError::at(value_column, e))?,
        ),
        _ => {
            return Err(QueryError::at(
                column,
                format!(
                    "unknown field {field}: (use entity:, type:, speaker:, outlet: or date:)"
                ),
            ));
        }
    })
}
