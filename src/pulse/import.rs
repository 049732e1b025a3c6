//! Answers from an anonymous form's CSV export (Google Forms, Microsoft Forms, Typeform):
//! one row per answer, one column per question, optional comment and subgroup columns, and
//! the form's own timestamp and id columns. The rows are pooled into [`Answers`] as they are
//! read; nothing of a row (its order, its time, its text) outlives the import.
//!
//! Errors never quote a cell: a message names the line and the column's header, never the
//! answer, so a mistyped comment does not end up in a terminal's scrollback.

use std::io::Read as _;
use std::path::Path;

mod cells;
mod columns;
mod position;

use super::{Answer, Answers};
use crate::diag::Diagnostic;
use crate::model::{Grouping, Question};
use crate::text::sanitize_line;
use cells::{accepted, score};
use columns::{Role, roles};
use position::{LineIndex, csv_reason, detect_delimiter, field_start, line_col};

/// A form export larger than this is not one team's answers (a team of 50 writing long
/// comments stays far below it).
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;
/// Row errors listed before the rest are only counted.
const MAX_LISTED: usize = 20;
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
        // Never the line itself: it holds answers.
        Diagnostic::error("pulse-csv", msg)
            .with_hint(hint)
            .at_position(path, line, column)
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
