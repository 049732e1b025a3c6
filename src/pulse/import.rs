//! Answers from an anonymous form's CSV export (Google Forms, Microsoft Forms, Typeform):
//! one row per answer, one column per question, optional comment and subgroup columns, and
//! the form's own timestamp and id columns. The rows are pooled into [`Answers`] as they are
//! read; nothing of a row (its order, its time, its text) outlives the import.
//!
//! Errors never quote a cell: a message names the line and the column's header, never the
//! answer, so a mistyped comment does not end up in a terminal's scrollback.

use std::io::Read as _;
use std::path::Path;

use super::{Answer, Answers};
use crate::diag::{Diagnostic, Location};
use crate::model::{Grouping, Question};
use crate::text::sanitize_line;

/// A form export larger than this is not one team's answers (a team of 50 writing long
/// comments stays far below it).
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;
/// Row errors listed before the rest are only counted.
const MAX_LISTED: usize = 20;

/// Headers of the forms' own time columns, dropped without being asked.
const TIMESTAMP_HEADERS: [&str; 6] = [
    "timestamp",
    "start time",
    "completion time",
    "last modified time",
    "start date (utc)",
    "submit date (utc)",
];

/// The key a column is mapped to: `comment`, a grouping or a question id.
pub const COMMENT_KEY: &str = "comment";

/// How the columns of the file map to the pulse, as the command line gives it.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// `KEY=HEADER`: the column with this header holds KEY (a question id, `comment`, a grouping).
    pub columns: Vec<(String, String)>,
    /// Headers of columns to leave out.
    pub ignore: Vec<String>,
}

/// What an import read.
#[derive(Debug)]
pub struct Imported {
    /// The rows pooled: counts per score per question, sorted comments, subgroup counts.
    pub answers: Answers,
    /// Headers of the time columns dropped.
    pub dropped: Vec<String>,
    /// Headers of the columns left out on request.
    pub ignored: Vec<String>,
}

/// Why nothing was imported.
#[derive(Debug)]
pub enum ImportError {
    /// The file's content: what to fix in the file (exit 1).
    Csv(Vec<Diagnostic>),
    /// The arguments or the file itself could not be used (exit 2).
    Cannot(Diagnostic),
}

impl From<Diagnostic> for ImportError {
    fn from(d: Diagnostic) -> Self {
        ImportError::Cannot(d)
    }
}

/// Reads at most [`MAX_BYTES`] of `path`; a larger file is refused without reading it all.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error("unreadable", format!("cannot read: {e}"))
            .at_file(path)
            .with_hint("check the path and permissions")
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(fail)?
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Diagnostic::error(
            "too-large",
            format!(
                "the file is larger than {} MB, more than one team's form answers",
                MAX_BYTES / (1024 * 1024)
            ),
        )
        .at_file(path)
        .with_hint("export the answers of this team's form only"));
    }
    Ok(bytes)
}

/// What one column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    Question(usize),
    Comment,
    Group(Grouping),
    Time,
    Ignored,
}

/// Headers compare trimmed, with runs of whitespace as one space, case-insensitively.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads `bytes` (the export at `path`) for `questions`, asking `groupings`, mapped by
/// `mapping`. Every row must answer every question; nothing is returned when one does not.
pub fn read(
    path: &Path,
    bytes: &[u8],
    questions: &[Question],
    groupings: &[Grouping],
    mapping: &Mapping,
) -> Result<Imported, ImportError> {
    let csv_error = |line: usize, column: usize, msg: String, hint: &str| {
        let mut d = Diagnostic::error("pulse-csv", msg).with_hint(hint);
        d.location = Some(Box::new(Location {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            width: 1,
            // Never the line itself: it holds answers.
            source_line: None,
        }));
        d
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = line_col(bytes, e.valid_up_to());
            return Err(ImportError::Csv(vec![csv_error(
                line,
                column,
                "the file is not UTF-8 text".into(),
                "export the form as CSV in UTF-8 (\"CSV UTF-8\" in Excel), not as a spreadsheet",
            )]));
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::Csv(vec![csv_error(
            1,
            1,
            "the file is empty".into(),
            "export the form's answers as CSV, with the header row",
        )]));
    }
    let lines = LineIndex::new(text.as_bytes());
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The crate's offset may point at the line ending before the record.
                let mut start = record.position().map_or(0, |p| p.byte() as usize);
                while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                records.push((start, record.clone()));
            }
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize);
                let (line, column) = lines.line_col(text, at);
                return Err(ImportError::Csv(vec![csv_error(
                    line,
                    column,
                    format!("the file is not CSV Accord can read: {}", csv_reason(&e)),
                    "export the form's answers again as CSV",
                )]));
            }
        }
    }
    let mut records = records.into_iter();
    let (header_at, header) = records.next().expect("a non-empty file has a first record");
    let headers: Vec<String> = header.iter().map(str::to_string).collect();
    let rows: Vec<(usize, csv::StringRecord)> = records
        .filter(|(_, r)| !r.iter().all(|f| f.trim().is_empty()))
        .collect();
    let header_line = lines.line_col(text, header_at).0;
    if rows.is_empty() {
        return Err(ImportError::Csv(vec![csv_error(
            header_line,
            1,
            "the file has a header row and no answers".into(),
            "export the form once people have answered it",
        )]));
    }
    let roles = roles(&headers, &rows, questions, groupings, mapping)
        .map_err(|e| e.at(path, header_line))?;
    let mut answers = Answers::new(questions);
    let mut errors = Vec::new();
    let mut more = 0usize;
    for (start, row) in &rows {
        let (line, _) = lines.line_col(text, *start);
        let at = |field: usize| lines.line_col(text, field_start(text, *start, field, delimiter));
        if row.len() != headers.len() {
            let e = csv_error(
                line,
                1,
                format!(
                    "line {line} has {} fields, the header row has {}",
                    row.len(),
                    headers.len()
                ),
                "export the form's answers again as CSV; a row must have a field for each column",
            );
            push_limited(&mut errors, &mut more, e);
            continue;
        }
        let mut a = Answer {
            scores: vec![0; questions.len()],
            ..Answer::default()
        };
        let mut ok = true;
        for (i, role) in roles.iter().enumerate() {
            let cell = row.get(i).unwrap_or("").trim();
            let header = sanitize_line(headers[i].trim()).into_owned();
            match *role {
                Role::Question(q) => match score(cell, &questions[q]) {
                    Some(s) => a.scores[q] = s,
                    None if errors.len() >= MAX_LISTED => {
                        ok = false;
                        more += 1;
                    }
                    None => {
                        ok = false;
                        let (l, c) = at(i);
                        let what = if cell.is_empty() {
                            "the cell is blank"
                        } else {
                            "the answer is not a score from 1 to 5"
                        };
                        let e = csv_error(
                            l,
                            c,
                            format!(
                                "line {line}, column \"{header}\" ({}): {what}",
                                questions[q].id
                            ),
                            &format!(
                                "{}; fix the cell or remove the row",
                                accepted(&questions[q])
                            ),
                        );
                        push_limited(&mut errors, &mut more, e);
                    }
                },
                Role::Group(g) if !cell.is_empty() => match g.value_of(cell) {
                    Some(v) => a.groups.push((g, v)),
                    None if errors.len() >= MAX_LISTED => {
                        ok = false;
                        more += 1;
                    }
                    None => {
                        ok = false;
                        let (l, c) = at(i);
                        let e = csv_error(
                            l,
                            c,
                            format!(
                                "line {line}, column \"{header}\" ({g}): the answer is not one of {}",
                                g.values().join(", ")
                            ),
                            "fix the cell, or leave it blank for someone who did not say",
                        );
                        push_limited(&mut errors, &mut more, e);
                    }
                },
                Role::Comment => a.comment = cell.to_string(),
                Role::Group(_) | Role::Time | Role::Ignored => {}
            }
        }
        if ok {
            answers
                .add(&a)
                .expect("every score was checked to be 1 to 5");
        }
    }
    if !errors.is_empty() {
        if more > 0 {
            errors.push(
                Diagnostic::error("pulse-csv", format!("and {more} more problem(s)"))
                    .at_file(path)
                    .with_hint("fix the ones above and import again to see the rest"),
            );
        }
        return Err(ImportError::Csv(errors));
    }
    let pick = |want: Role| -> Vec<String> {
        roles
            .iter()
            .zip(&headers)
            .filter(|(r, _)| **r == want)
            .map(|(_, h)| sanitize_line(h.trim()).into_owned())
            .collect()
    };
    Ok(Imported {
        answers,
        dropped: pick(Role::Time),
        ignored: pick(Role::Ignored),
    })
}

fn push_limited(errors: &mut Vec<Diagnostic>, more: &mut usize, d: Diagnostic) {
    if errors.len() < MAX_LISTED {
        errors.push(d);
    } else {
        *more += 1;
    }
}

/// A problem with the columns, found before any row is read.
enum ColumnError {
    /// The file's header: exit 1.
    Csv(String, String),
    /// An argument: exit 2.
    Arg(String, String),
}

impl ColumnError {
    fn at(self, path: &Path, line: usize) -> ImportError {
        match self {
            ColumnError::Csv(msg, hint) => {
                let mut d = Diagnostic::error("pulse-columns", msg).with_hint(hint);
                d.location = Some(Box::new(Location {
                    path: path.to_path_buf(),
                    line: Some(line),
                    column: Some(1),
                    width: 1,
                    source_line: None,
                }));
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
fn roles(
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
                    "its headers are: {}",
                    headers
                        .iter()
                        .map(|h| format!("\"{}\"", shown(h)))
                        .collect::<Vec<_>>()
                        .join(", ")
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
    let mut first = std::collections::HashMap::new();
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

/// A score: `4`, `4 - often`, `4 (often)`, or the question's `low` (1) or `high` (5) label.
fn score(cell: &str, q: &Question) -> Option<u8> {
    let digits = cell.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let (n, rest) = cell.split_at(digits);
        let rest = rest.trim_start();
        let separated = rest.is_empty()
            || rest
                .strip_prefix(['-', '–', '—', '(', ':', '.', '='])
                .is_some_and(|after| !after.trim_start().starts_with(|c: char| c.is_ascii_digit()));
        return n
            .parse::<u8>()
            .ok()
            .filter(|s| (1..=5).contains(s) && separated);
    }
    let c = norm(cell);
    if c.is_empty() {
        return None;
    }
    if q.low.as_deref().is_some_and(|l| norm(l) == c) {
        return Some(1);
    }
    if q.high.as_deref().is_some_and(|h| norm(h) == c) {
        return Some(5);
    }
    None
}

/// What a score cell may hold, for the hint.
fn accepted(q: &Question) -> String {
    let mut s = "a score is a number from 1 to 5 (also \"4 - often\")".to_string();
    let labels: Vec<String> = [(&q.low, 1), (&q.high, 5)]
        .iter()
        .filter_map(|(l, n)| {
            l.as_deref()
                .map(|l| format!("\"{}\" for {n}", sanitize_line(l)))
        })
        .collect();
    if !labels.is_empty() {
        s.push_str(", or ");
        s.push_str(&labels.join(" and "));
    }
    s
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

/// The date-time shapes form exports write: ISO 8601 / RFC 3339, `2026-11-18 10:02:03`,
/// `2026/11/18 10:02:03`, `11/18/2026 10:02:03` (US), `18.11.2026 10:02`, with an optional
/// AM/PM and a trailing zone such as `GMT+1` or `UTC`.
fn is_date_time(v: &str) -> bool {
    if chrono::DateTime::parse_from_rfc3339(v).is_ok() {
        return true;
    }
    // A zone name at the end ("GMT+1", "UTC", "CET") says nothing about the shape.
    let v = match v.rsplit_once(' ') {
        Some((head, zone))
            if zone.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && zone
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-:".contains(c))
                && !matches!(zone, "AM" | "PM") =>
        {
            head
        }
        _ => v,
    };
    const FORMATS: [&str; 14] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%y %H:%M:%S",
        "%m/%d/%y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %I:%M %p",
        "%Y/%m/%d %I:%M:%S %p",
    ];
    FORMATS
        .iter()
        .any(|f| chrono::NaiveDateTime::parse_from_str(v, f).is_ok())
}

/// `,` unless the header row has none and has `;` or a tab (a spreadsheet's regional CSV).
fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.contains(',') {
        b','
    } else if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// The byte where field `field` of the record starting at `start` begins: the delimiters
/// outside quotes counted from the record's start (one pass over the record only).
fn field_start(text: &str, start: usize, field: usize, delimiter: u8) -> usize {
    let bytes = text.as_bytes();
    let mut quoted = false;
    let mut seen = 0;
    let mut i = start;
    while i < bytes.len() && seen < field {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return start,
            b if b == delimiter && !quoted => seen += 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Line starts of the file, to turn byte offsets into line:column (the csv crate's own line
/// count drifts with CRLF).
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(bytes: &[u8]) -> Self {
        let starts = std::iter::once(0)
            .chain(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineIndex(starts)
    }

    /// 1-based line and character column of byte `at`.
    fn line_col(&self, text: &str, at: usize) -> (usize, usize) {
        let at = at.min(text.len());
        let line = self.0.partition_point(|&s| s <= at);
        let start = self.0[line - 1];
        let column = text.get(start..at).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// Line and column of a byte in bytes that are not (all) UTF-8.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// The csv crate's error without the position it repeats (the diagnostic has it).
fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".into(),
        csv::ErrorKind::Io(e) => e.to_string(),
        _ => "a field or quote is malformed".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: &str, text: &str) -> Question {
        Question {
            id: id.parse().unwrap(),
            text: text.into(),
            low: Some("never".into()),
            high: Some("every time".into()),
            about: None,
        }
    }

    #[test]
    fn scores_take_numbers_with_labels_and_the_questions_own_labels() {
        let q = q("speak-up", "Did you speak up?");
        for (cell, want) in [
            ("4", Some(4)),
            ("4 - often", Some(4)),
            ("4 (often)", Some(4)),
            ("1-never", Some(1)),
            (" NEVER ", Some(1)),
            ("Every   time", Some(5)),
            ("0", None),
            ("6", None),
            ("45", None),
            ("4-5", None),
            ("often", None),
            ("", None),
            ("4.5", None),
            ("4 – often", Some(4)),
        ] {
            assert_eq!(score(cell, &q), want, "{cell:?}");
        }
    }

    #[test]
    fn date_times_of_the_forms_are_recognised_and_scores_are_not() {
        for v in [
            "2026/11/18 10:02:03 AM GMT+1",
            "2026-11-18 10:02:03",
            "11/18/2026 10:02:03",
            "11/18/26 9:02:03",
            "2026-11-18T10:02:03Z",
            "18.11.2026 10:02",
        ] {
            assert!(is_date_time(v), "{v}");
        }
        for v in ["4", "4 - often", "2026-11-18", "Remote", "every time"] {
            assert!(!is_date_time(v), "{v}");
        }
    }

    #[test]
    fn field_start_skips_quoted_delimiters_and_newlines() {
        let text = "a,b,c\n1,\"x, \"\"y\"\"\nz\",3\n";
        let start = 6;
        assert_eq!(field_start(text, start, 0, b','), 6);
        assert_eq!(field_start(text, start, 1, b','), 8);
        assert_eq!(&text[field_start(text, start, 2, b',')..][..1], "3");
        let lines = LineIndex::new(text.as_bytes());
        assert_eq!(
            lines.line_col(text, field_start(text, start, 2, b',')),
            (3, 4)
        );
    }
}
