//! The member's week as plain text: one line per presence day or ritual, aligned,
//! with the viewer's own times on the right when they differ.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::describe;
use crate::model::{Agreement, Status};
use crate::text::sanitize_line as clean;
use crate::week::{ClockChange, Entry, EntryKind, Slot, Week};

/// The week laid out: heading lines and one row per entry, for any renderer.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekLayout {
    /// "Payments — week 48, 23 Nov – 29 Nov 2026".
    pub title: String,
    /// Which zones the times are in.
    pub zones: String,
    /// Why the week is not binding (a draft, retired, adopted later), when it is not.
    pub status: Option<String>,
    /// Day ("Tue 24 Nov", on the day's first row only), "today" or empty, time, what,
    /// the viewer's time (empty when the viewer's clock reads the same).
    pub rows: Vec<[String; 5]>,
    /// The first row of each day belongs to this date.
    pub dates: Vec<Option<NaiveDate>>,
}

/// `viewer_from` says where the viewer's zone came from ("--tz", "Piotr Nowak", "$TZ");
/// `None` when no viewer zone was asked for.
pub fn layout(a: &Agreement, w: &Week, today: NaiveDate, viewer_from: Option<&str>) -> WeekLayout {
    let end = w.start + chrono::Days::new(6);
    let range = if w.start.year() == end.year() {
        format!("{} – {} {}", day_month(w.start), day_month(end), end.year())
    } else {
        format!(
            "{} {} – {} {}",
            day_month(w.start),
            w.start.year(),
            day_month(end),
            end.year()
        )
    };
    let title = format!(
        "{} — week {}, {range}",
        clean(&a.team),
        w.start.iso_week().week()
    );
    let show_viewer = w.viewer.is_some() && w.days.iter().any(differs);
    let mut rows: Vec<[String; 5]> = Vec::new();
    let mut dates = Vec::new();
    for day in &w.days {
        let label = format!("{} {}", short_weekday(day.date), day_month(day.date));
        let mark = if day.date == today { "today" } else { "" };
        if day.entries.is_empty() {
            rows.push([label, mark.into(), "—".into(), String::new(), String::new()]);
            dates.push(Some(day.date));
            continue;
        }
        for (i, e) in day.entries.iter().enumerate() {
            let (label, mark) = if i == 0 {
                (label.clone(), mark.to_string())
            } else {
                (String::new(), String::new())
            };
            let viewer = match (&e.time, show_viewer) {
                (Some(t), true) => viewer_cell(t),
                _ => String::new(),
            };
            rows.push([label, mark, time_cell(e), what_cell(e), viewer]);
            dates.push((i == 0).then_some(day.date));
        }
    }
    WeekLayout {
        title,
        zones: zones_line(w, show_viewer, viewer_from),
        status: status_line(a, w),
        rows,
        dates,
    }
}

/// The week as plain text: the layout's rows aligned in columns.
pub fn week(a: &Agreement, w: &Week, today: NaiveDate, viewer_from: Option<&str>) -> String {
    let l = layout(a, w, today, viewer_from);
    let mut o = String::new();
    let _ = writeln!(o, "{}", l.title);
    let _ = writeln!(o, "{}", l.zones);
    if let Some(line) = &l.status {
        let _ = writeln!(o, "{line}");
    }
    o.push('\n');
    o.push_str(&table(&l.rows));
    o
}

/// The rows as aligned columns. Widths are terminal cells (`unicode-width`): an emoji or a CJK
/// character takes two, so counting characters would shift every column after it.
fn table(rows: &[[String; 5]]) -> String {
    use unicode_width::UnicodeWidthStr;
    let widths: Vec<usize> = (0..5)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut o = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            if widths[c] == 0 {
                continue;
            }
            let pad = widths[c] - cell.width();
            let _ = write!(line, "{cell}{:pad$}  ", "");
        }
        let _ = writeln!(o, "{}", line.trim_end());
    }
    o
}

fn zones_line(w: &Week, show_viewer: bool, viewer_from: Option<&str>) -> String {
    let from = viewer_from.map(|f| format!(" ({f})")).unwrap_or_default();
    match (w.zone, w.viewer) {
        (None, _) => {
            "Times are local wherever you are: the agreement sets no time zone.".to_string()
        }
        (Some(z), Some(v)) if show_viewer => {
            format!("Times in {z}; on the right in {v}{from}.")
        }
        (Some(z), Some(v)) => format!("Times in {z}, the same in {v}{from}."),
        (Some(z), None) if viewer_from.is_some() => format!("Times in {z}, yours too{from}."),
        (Some(z), None) => format!("Times in {z}."),
    }
}

fn status_line(a: &Agreement, w: &Week) -> Option<String> {
    let end = w.start + chrono::Days::new(6);
    match (a.status, a.adopted) {
        (Status::Draft | Status::Proposed, _) => Some(format!(
            "This is a {} (v{}), not adopted yet: these are the times it proposes.",
            if a.status == Status::Draft {
                "draft"
            } else {
                "proposal"
            },
            a.version
        )),
        (Status::Retired, _) => Some(
            "This agreement is retired: these are the times it had, nothing is planned."
                .to_string(),
        ),
        (_, Some(d)) if d.0 > end => {
            Some(format!("Adopted on {}: nothing is planned before then.", d))
        }
        (_, Some(d)) if d.0 > w.start => Some(format!("Adopted on {d}.")),
        _ => None,
    }
}

fn differs(day: &crate::week::Day) -> bool {
    day.entries.iter().any(|e| {
        e.time
            .as_ref()
            .and_then(|t| t.viewer.map(|v| v.start != t.start || v.end != t.end))
            .unwrap_or(false)
    })
}

fn time_cell(e: &Entry) -> String {
    match &e.time {
        None if e.kind == EntryKind::Presence => "all day".into(),
        None => "any time".into(),
        Some(t) => {
            let start = t.start.format("%H:%M").to_string();
            match t.end {
                None => start,
                Some(end) if end.date() == t.start.date() => {
                    format!("{start}–{}", end.format("%H:%M"))
                }
                Some(end) => format!(
                    "{start}–{} (+{})",
                    end.format("%H:%M"),
                    (end.date() - t.start.date()).num_days()
                ),
            }
        }
    }
}

fn what_cell(e: &Entry) -> String {
    let mut parts = vec![clean(&e.title).into_owned()];
    if let Some(place) = &e.place {
        parts.push(clean(place).into_owned());
    }
    if let Some(m) = e.mode {
        parts.push(describe::meeting_mode(m).to_string());
    }
    let mut s = parts.join(" · ");
    if let Some(t) = &e.time {
        match t.clock {
            Some(ClockChange::Skipped { actual }) => {
                let _ = write!(s, " (clocks go forward: starts {})", actual.format("%H:%M"));
            }
            Some(ClockChange::Repeated) => {
                let _ = write!(
                    s,
                    " (clocks go back: the first {})",
                    t.start.format("%H:%M")
                );
            }
            None => {}
        }
    }
    if !e.clashes.is_empty() {
        // Whose working day it falls outside of, at their local time.
        let who: Vec<String> = e
            .clashes
            .iter()
            .map(|c| format!("{} {}", clean(&c.member), c.local_start.format("%H:%M")))
            .collect();
        let _ = write!(s, " · outside working hours: {}", who.join(", "));
    }
    s
}

/// "Tue 18:00–23:00", or "Tue 23:00–Wed 00:30" across midnight.
fn viewer_cell(t: &Slot) -> String {
    let Some(v) = t.viewer else {
        return String::new();
    };
    let start = stamp(v.start);
    match v.end {
        None => start,
        Some(end) if end.date() == v.start.date() => {
            format!("{start}–{}", end.format("%H:%M"))
        }
        Some(end) => format!("{start}–{}", stamp(end)),
    }
}

fn stamp(t: NaiveDateTime) -> String {
    format!("{} {}", short_weekday(t.date()), t.format("%H:%M"))
}

fn short_weekday(d: NaiveDate) -> &'static str {
    crate::model::Weekday::of(d).short_name()
}

fn day_month(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn columns_stay_aligned_after_an_emoji() {
        let row = |what: &str, viewer: &str| {
            [
                "Tue 24 Nov".to_string(),
                String::new(),
                "09:30".to_string(),
                what.to_string(),
                viewer.to_string(),
            ]
        };
        let out = super::table(&[
            row("☕ Coffee with 東京", "08:30 yours"),
            row("Stand-up", "08:30 yours"),
        ]);
        let starts: Vec<usize> = out
            .lines()
            .map(|l| l[..l.find("08:30").unwrap()].width())
            .collect();
        assert_eq!(starts[0], starts[1], "{out}");
    }
}
