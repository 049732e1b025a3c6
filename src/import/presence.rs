//! Presence counts from a desk-booking or badge export: CSV with a header naming `date`,
//! `person` and `location` (other columns ignored, delimiter `,` `;` or tab detected).
//! A person counts as present on a day when one of their rows that day says `office` or
//! `onsite`. Only the team's expected members count; anyone else is reported, never matched
//! to a member by guesswork.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::NaiveDate;

use crate::calendar;
use crate::checkin::{Period, expected_on_presence_day};
use crate::diag::{Diagnostic, Location};
use crate::model::{Agreement, WorkMode};
use crate::text::sanitize_line;

/// The columns the header must name.
pub const COLUMNS: [&str; 3] = ["date", "person", "location"];
/// Locations that count as present.
pub const PRESENT_LOCATIONS: [&str; 2] = ["office", "onsite"];

/// One usable row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the file where the row starts.
    pub line: u64,
    pub date: NaiveDate,
    pub person: String,
    pub location: String,
}

/// A row that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub line: u64,
    pub message: String,
    /// The line as it is in the file (for the diagnostic).
    pub text: String,
}

/// A CSV file read into rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Csv {
    pub delimiter: u8,
    pub rows: Vec<Row>,
    pub bad: Vec<BadRow>,
}

impl BadRow {
    /// An error (or, when skipped on purpose, a warning) pointing at the line of `path`.
    pub fn diagnostic(&self, path: &Path, skipped: bool) -> Diagnostic {
        let d = if skipped {
            Diagnostic::warning("bad-row", format!("{} (row skipped)", self.message))
        } else {
            Diagnostic::error("bad-row", self.message.clone())
        };
        let mut d =
            d.with_hint("fix the row, or pass --skip-bad to import the other rows without it");
        d.location = Some(Box::new(Location::in_line(
            path.to_path_buf(),
            self.line as usize,
            1,
            self.text.chars().count().max(1),
            &self.text,
        )));
        d
    }
}

/// Reads the CSV. A missing or unusable header is the `Err`; bad rows are collected.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Csv, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header_line = bytes.split(|b| *b == b'\n').next().unwrap_or(b"");
    let header_text = String::from_utf8_lossy(header_line);
    let Some((delimiter, columns)) = [b',', b';', b'\t']
        .into_iter()
        .find_map(|d| header_columns(bytes, d).map(|c| (d, c)))
    else {
        let first = sanitize_line(header_text.trim_end_matches('\r')).into_owned();
        return Err(Diagnostic::error(
            "csv-header",
            format!("the first line must name the columns date, person and location; it is \"{first}\""),
        )
        .at_file(path)
        .with_hint("add a header line such as `date,person,location` (other columns may follow, in any order)"));
    };
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    // Line numbers from byte offsets: the csv crate's own line count drifts with CRLF, and its
    // record offsets may point at the line ending before the record.
    let newlines: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |byte: u64| {
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        newlines.partition_point(|&n| n < at) as u64 + 1
    };
    let line_text = |n: u64| -> String {
        let raw = lines.get(n as usize - 1).copied().unwrap_or(b"");
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        sanitize_line(&String::from_utf8_lossy(raw)).into_owned()
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let mut out = Csv {
        delimiter,
        rows: Vec::new(),
        bad: Vec::new(),
    };
    let needed = columns.iter().copied().max().unwrap_or(0) + 1;
    let mut record = csv::ByteRecord::new();
    loop {
        let line_before = line_at(reader.position().byte());
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line_before, |p| line_at(p.byte()));
                if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    continue; // blank line
                }
                let bad = |message: String| BadRow {
                    line,
                    message: format!("line {line}: {message}"),
                    text: line_text(line),
                };
                if record.len() < needed {
                    out.bad.push(bad(format!(
                        "expected at least {needed} fields, found {}",
                        record.len()
                    )));
                    continue;
                }
                let field = |i: usize| std::str::from_utf8(&record[columns[i]]).map(str::trim);
                let (Ok(date), Ok(person), Ok(location)) = (field(0), field(1), field(2)) else {
                    out.bad.push(bad("the row is not valid UTF-8".into()));
                    continue;
                };
                let Some(date) = parse_date(date) else {
                    out.bad.push(bad(format!(
                        "\"{}\" is not a date; write dates as YYYY-MM-DD",
                        sanitize_line(date)
                    )));
                    continue;
                };
                if person.is_empty() {
                    out.bad.push(bad("the person is empty".into()));
                    continue;
                }
                if location.is_empty() {
                    out.bad.push(bad("the location is empty".into()));
                    continue;
                }
                out.rows.push(Row {
                    line,
                    date,
                    person: person.to_string(),
                    location: location.to_string(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(line_before, |p| line_at(p.byte()));
                out.bad.push(BadRow {
                    line,
                    message: format!("line {line}: {e}"),
                    text: line_text(line),
                });
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    Ok(out)
}

/// The positions of date, person and location in the header, if `delimiter` splits it so.
fn header_columns(bytes: &[u8], delimiter: u8) -> Option<[usize; 3]> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut header = csv::StringRecord::new();
    if !r.read_record(&mut header).ok()? {
        return None;
    }
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let pos = |c: &str| names.iter().position(|n| n == c);
    Some([pos(COLUMNS[0])?, pos(COLUMNS[1])?, pos(COLUMNS[2])?])
}

/// `2026-11-17`, also with a time after it (`2026-11-17T08:55:00`, `2026-11-17 08:55`).
fn parse_date(s: &str) -> Option<NaiveDate> {
    let day = match s.char_indices().nth(10) {
        Some((i, 'T' | 't' | ' ')) => &s[..i],
        Some(_) => return None,
        None => s,
    };
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// A name as compared: trimmed, inner whitespace collapsed, case ignored. Nothing fuzzier.
pub fn normalise_name(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The counts of one presence day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    pub date: NaiveDate,
    pub present: u32,
    pub expected: u32,
}

/// Someone in the file who is not a member of the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stranger {
    /// As first written in the file.
    pub name: String,
    pub lines: Vec<u64>,
}

/// What a file says about the presence days of a period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// Presence days of the period the file has rows for.
    pub days: Vec<DayCount>,
    /// Presence days of the period with no row at all (not recorded: the file may not cover them).
    pub uncovered: Vec<NaiveDate>,
    /// People not in the team, in order of first appearance.
    pub strangers: Vec<Stranger>,
    /// Members who work remotely: their rows are not counted (they are not expected).
    pub remote_rows: usize,
    pub outside_period: usize,
    /// Rows inside the period on days that are not presence days.
    pub not_presence_day: usize,
}

/// Counts the rows into the presence days of `period`.
pub fn count(csv: &Csv, a: &Agreement, period: Period) -> Counts {
    let expected = expected_on_presence_day(a);
    let all_remote = a.members.iter().all(|m| m.mode == Some(WorkMode::Remote));
    let members: HashMap<String, bool> = a
        .members
        .iter()
        .map(|m| {
            let counted = all_remote || m.mode != Some(WorkMode::Remote);
            (normalise_name(&m.name), counted)
        })
        .collect();
    let presence_days: BTreeSet<NaiveDate> = a
        .presence
        .as_ref()
        .map(|p| calendar::presence_dates(p, period.from, period.to))
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut out = Counts::default();
    let mut present: BTreeMap<NaiveDate, BTreeSet<String>> = BTreeMap::new();
    let mut strangers: Vec<Stranger> = Vec::new();
    let mut stranger_index: HashMap<String, usize> = HashMap::new();
    for row in &csv.rows {
        if !period.contains(row.date) {
            out.outside_period += 1;
            continue;
        }
        let key = normalise_name(&row.person);
        let Some(counted) = members.get(&key) else {
            let i = *stranger_index.entry(key).or_insert_with(|| {
                strangers.push(Stranger {
                    name: row.person.clone(),
                    lines: Vec::new(),
                });
                strangers.len() - 1
            });
            strangers[i].lines.push(row.line);
            continue;
        };
        if !presence_days.contains(&row.date) {
            out.not_presence_day += 1;
            continue;
        }
        let people = present.entry(row.date).or_default();
        if !counted {
            out.remote_rows += 1;
            continue;
        }
        let loc = row.location.to_lowercase();
        if PRESENT_LOCATIONS.contains(&loc.as_str()) {
            people.insert(key);
        }
    }
    // A day the file has any row for (even only strangers') is covered: nobody in means 0.
    let covered: BTreeSet<NaiveDate> = csv.rows.iter().map(|r| r.date).collect();
    for d in presence_days {
        if covered.contains(&d) {
            out.days.push(DayCount {
                date: d,
                present: present.get(&d).map_or(0, |p| p.len() as u32),
                expected,
            });
        } else {
            out.uncovered.push(d);
        }
    }
    out.strangers = strangers;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_and_without_time() {
        assert_eq!(
            parse_date("2026-11-17"),
            NaiveDate::from_ymd_opt(2026, 11, 17)
        );
        assert_eq!(
            parse_date("2026-11-17T08:55:00Z"),
            NaiveDate::from_ymd_opt(2026, 11, 17)
        );
        assert_eq!(parse_date("17/11/2026"), None);
        assert_eq!(parse_date("2026-11-17x"), None);
        assert_eq!(parse_date("2026-02-30"), None);
    }

    #[test]
    fn names_compare_without_guessing() {
        assert_eq!(normalise_name("  Sofie   CLAES "), "sofie claes");
        assert_ne!(normalise_name("Sofie C."), normalise_name("Sofie Claes"));
    }
}
