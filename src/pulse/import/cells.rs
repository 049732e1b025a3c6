//! One cell of a form export: a score in the shapes forms write, or a date and time.

use super::columns::norm;
use crate::model::Question;
use crate::text::sanitize_line;

/// A score: `4`, `4 - often`, `4 (often)`, or the question's `low` (1) or `high` (5) label.
pub(super) fn score(cell: &str, q: &Question) -> Option<u8> {
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
pub(super) fn accepted(q: &Question) -> String {
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

/// The date-time shapes form exports write: ISO 8601 / RFC 3339, `2026-11-18 10:02:03`,
/// `2026/11/18 10:02:03`, `11/18/2026 10:02:03` (US), `18.11.2026 10:02`, with an optional
/// AM/PM and a trailing zone such as `GMT+1` or `UTC`.
pub(super) fn is_date_time(v: &str) -> bool {
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
}
