//! Short human phrases for model values, shared by every output (text, Markdown, HTML, the app).

use crate::model::{Consent, MeetingMode, Presence, Ritual, Weekday, WorkMode};

/// "weekly on Thursday at 15:00 · 30 min · hybrid".
pub fn schedule(r: &Ritual) -> String {
    // The phrase does not depend on where fortnights count from, so any date will do.
    let mut s = match r.recurrence(chrono::NaiveDate::MIN) {
        Ok(rec) => rec.describe(),
        // A pair validate refuses: say what is written.
        Err(_) => match r.day {
            Some(d) => format!("{} on {}", r.cadence, d.describe()),
            None => r.cadence.to_string(),
        },
    };
    if let Some(t) = r.time {
        s.push_str(&format!(" at {t}"));
    }
    let mut parts = vec![s];
    if let Some(m) = r.duration_minutes {
        parts.push(minutes(m));
    }
    if let Some(m) = r.mode {
        parts.push(meeting_mode(m).to_string());
    }
    parts.join(" · ")
}

pub fn minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

pub fn meeting_mode(m: MeetingMode) -> &'static str {
    match m {
        MeetingMode::InPerson => "in person",
        MeetingMode::Hybrid => "hybrid",
        MeetingMode::Remote => "remote",
    }
}

pub fn work_mode(m: WorkMode) -> &'static str {
    match m {
        WorkMode::Onsite => "on site",
        WorkMode::Hybrid => "hybrid",
        WorkMode::Remote => "remote",
    }
}

/// "Tuesday and Thursday".
pub fn days(days: &[Weekday]) -> String {
    let names: Vec<&str> = days.iter().map(|d| d.long_name()).collect();
    match names.as_slice() {
        [] => "none".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub fn core_hours(p: &Presence) -> Option<String> {
    p.core_hours.map(|h| format!("{}–{}", h.start, h.end))
}

/// "80% of members on a presence day".
pub fn attendance(p: &Presence) -> String {
    format!(
        "{} of members on a presence day",
        percent(p.min_attendance())
    )
}

pub fn percent(x: f64) -> String {
    format!("{}%", (x * 100.0).round() as i64)
}

/// "6 agree · 1 concern · 0 objections".
pub fn consent(c: &Consent) -> String {
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} · {} · {}",
        plural(c.agree, "agree", "agree"),
        plural(c.concerns, "concern", "concerns"),
        plural(c.objections, "objection", "objections")
    )
}

/// A slug as a display name: "data-platform" → "Data platform".
pub fn title_from_slug(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        assert_eq!(days(&[Weekday::Tue, Weekday::Thu]), "Tuesday and Thursday");
        assert_eq!(
            days(&[Weekday::Mon, Weekday::Wed, Weekday::Fri]),
            "Monday, Wednesday and Friday"
        );
        assert_eq!(minutes(90), "1 h 30 min");
        assert_eq!(title_from_slug("data-platform"), "Data platform");
    }
}
