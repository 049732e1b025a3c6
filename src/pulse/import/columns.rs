//! Which column of a form export holds what: a question, the comment, a subgroup, a time
//! the form recorded, or a column left out on request.

use std::collections::HashMap;
use std::path::Path;

use super::cells::is_date_time;
use super::{COMMENT_KEY, ImportError, Mapping};
use crate::diag::Diagnostic;
use crate::model::{Grouping, Question};
use crate::text::sanitize_line;

/// Headers listed in a hint before the rest are left out.
const MAX_HEADERS_SHOWN: usize = 30;

/// Headers of the forms' own time columns, dropped without being asked.
const TIMESTAMP_HEADERS: [&str; 6] = [
    "timestamp",
    "start time",
    "completion time",
    "last modified time",
    "start date (utc)",
    "submit date (utc)",
];

/// What one column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Role {
    Question(usize),
    Comment,
    Group(Grouping),
    Time,
    Ignored,
}

/// Headers compare trimmed, with runs of whitespace as one space, case-insensitively.
pub(super) fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A problem with the columns, found before any row is read.
pub(super) enum ColumnError {
    /// The file's header: exit 1.
    Csv(String, String),
    /// An argument: exit 2.
    Arg(String, String),
}

impl ColumnError {
    pub(super) fn at(self, path: &Path, line: usize) -> ImportError {
        match self {
            ColumnError::Csv(msg, hint) => {
                let d = Diagnostic::error("pulse-columns", msg)
                    .with_hint(hint)
                    .at_position(path, line, 1);
                ImportError::Csv(vec![d])
            }
            ColumnError::Arg(msg, hint) => {
                ImportError::Cannot(Diagnostic::error("pulse-columns", msg).with_hint(hint))
            }
        }
    }
}

/// What each column holds: `--ignore`, then `--column`, then a header naming a question (its
/// text or id), `comment`, a grouping (its name or its question), then a time column (by its
/// header, or because every value is a date and time). Anything else is an error.
pub(super) fn roles(
    headers: &[String],
    rows: &[(usize, csv::StringRecord)],
    questions: &[Question],
    groupings: &[Grouping],
    mapping: &Mapping,
) -> Result<Vec<Role>, ColumnError> {
    let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let shown = |h: &str| sanitize_line(h.trim()).into_owned();
    let keys = || {
        let mut k: Vec<String> = questions.iter().map(|q| q.id.to_string()).collect();
        k.push(COMMENT_KEY.into());
        k.extend(groupings.iter().map(|g| g.as_str().to_string()));
        k.join(", ")
    };
    let key_role = |key: &str| -> Option<Role> {
        let key = norm(key);
        if let Some(q) = questions.iter().position(|q| q.id.as_str() == key) {
            return Some(Role::Question(q));
        }
        if key == COMMENT_KEY {
            return Some(Role::Comment);
        }
        groupings
            .iter()
            .find(|g| g.as_str() == key)
            .map(|g| Role::Group(*g))
    };
    // The one column a header given on the command line names.
    let column_of = |h: &str, flag: &str| -> Result<usize, ColumnError> {
        let want = norm(h);
        let found: Vec<usize> = (0..normed.len()).filter(|i| normed[*i] == want).collect();
        match found[..] {
            [i] => Ok(i),
            [] => Err(ColumnError::Arg(
                format!(
                    "{flag} \"{}\": the file has no column with this header",
                    shown(h)
                ),
                format!(
                    "its headers are: {}{}",
                    headers
                        .iter()
                        .take(MAX_HEADERS_SHOWN)
                        .map(|h| format!("\"{}\"", shown(h)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if headers.len() > MAX_HEADERS_SHOWN {
                        ", …"
                    } else {
                        ""
                    }
                ),
            )),
            _ => Err(ColumnError::Csv(
                format!("{} columns have the header \"{}\"", found.len(), shown(h)),
                "rename one of them in the file so each header names one column".into(),
            )),
        }
    };
    let mut roles: Vec<Option<Role>> = vec![None; headers.len()];
    for h in &mapping.ignore {
        let i = column_of(h, "--ignore")?;
        roles[i] = Some(Role::Ignored);
    }
    for (key, h) in &mapping.columns {
        let Some(role) = key_role(key) else {
            return Err(ColumnError::Arg(
                format!(
                    "--column {}=…: \"{}\" is not a question id, comment or grouping of the agreement",
                    shown(key),
                    shown(key)
                ),
                format!("use one of: {}", keys()),
            ));
        };
        let i = column_of(h, "--column")?;
        if roles[i].is_some() {
            return Err(ColumnError::Arg(
                format!(
                    "the column \"{}\" is given twice (--column or --ignore)",
                    shown(h)
                ),
                "give each column one KEY, or ignore it".into(),
            ));
        }
        roles[i] = Some(role);
    }
    for (i, h) in normed.iter().enumerate() {
        if roles[i].is_some() {
            continue;
        }
        let by_text = questions
            .iter()
            .position(|q| norm(&q.text) == *h)
            .map(Role::Question)
            .or_else(|| {
                groupings
                    .iter()
                    .find(|g| norm(g.question()) == *h)
                    .map(|g| Role::Group(*g))
            });
        roles[i] = by_text
            .or_else(|| key_role(h))
            .or_else(|| {
                TIMESTAMP_HEADERS
                    .contains(&h.as_str())
                    .then_some(Role::Time)
            })
            .or_else(|| all_date_times(rows, i).then_some(Role::Time));
    }
    // Each key in one column only: a second would count a person twice.
    let mut first = HashMap::new();
    for (i, r) in roles.iter().enumerate() {
        let Some(r @ (Role::Question(_) | Role::Comment | Role::Group(_))) = r else {
            continue;
        };
        if let Some(j) = first.insert(*r, i) {
            return Err(ColumnError::Csv(
                format!(
                    "the columns \"{}\" and \"{}\" both hold {}",
                    shown(&headers[j]),
                    shown(&headers[i]),
                    role_name(*r, questions)
                ),
                "map one of them to another KEY with --column KEY=\"HEADER\", or --ignore one"
                    .into(),
            ));
        }
    }
    if let Some(i) = roles.iter().position(Option::is_none) {
        let h = shown(&headers[i]);
        let personal = matches!(norm(&headers[i]).as_str(), "email" | "name" | "e-mail");
        let warning = if personal {
            " An Email or Name column means the form may not be anonymous: if it holds names or addresses, the answers are not anonymous and should not be imported."
        } else {
            ""
        };
        return Err(ColumnError::Csv(
            format!("the column \"{h}\" is not a question, comment, grouping or time of the form"),
            format!(
                "map it with --column KEY=\"{h}\" (KEY one of: {}), or leave it out with --ignore \"{h}\".{warning}",
                keys()
            ),
        ));
    }
    let roles: Vec<Role> = roles
        .into_iter()
        .map(|r| r.expect("checked above"))
        .collect();
    for (q, question) in questions.iter().enumerate() {
        if !roles.contains(&Role::Question(q)) {
            return Err(ColumnError::Csv(
                format!(
                    "no column holds the answers to question \"{}\" ({})",
                    question.id,
                    sanitize_line(&question.text)
                ),
                format!(
                    "name its column with --column {}=\"HEADER\", or give the form's question the same text as the agreement's",
                    question.id
                ),
            ));
        }
    }
    Ok(roles)
}

fn role_name(r: Role, questions: &[Question]) -> String {
    match r {
        Role::Question(q) => format!("question \"{}\"", questions[q].id),
        Role::Comment => "the comment".into(),
        Role::Group(g) => format!("the grouping \"{g}\""),
        Role::Time | Role::Ignored => String::new(),
    }
}

/// Whether every non-empty value of column `i` (and at least one) is a date and time.
fn all_date_times(rows: &[(usize, csv::StringRecord)], i: usize) -> bool {
    let mut any = false;
    for (_, r) in rows {
        let v = r.get(i).unwrap_or("").trim();
        if v.is_empty() {
            continue;
        }
        if !is_date_time(v) {
            return false;
        }
        any = true;
    }
    any
}
