//! The agreement as an RFC 5545 calendar: one recurring event per presence day and per
//! ritual, to subscribe to or import. Built with the icalendar crate, which also escapes
//! text; long lines are folded here ([`refold`]).

use chrono::{DateTime, Days, NaiveDate, Utc};
use icalendar::{
    Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, EventStatus,
};

use super::vtimezone::vtimezone;
use crate::describe;
use crate::model::recurrence::on_or_after;
use crate::model::{Agreement, Presence, Recurrence, Ritual, Status, Weekday};
use crate::render::ics::text;

/// The right-hand side of every UID: events from Accord, whoever exports them.
pub const UID_DOMAIN: &str = "accord";

/// The calendar of a team's agreement. `today` places the first events of an agreement
/// that was never adopted (its current week); `stamp` is the DTSTAMP of every event
/// (the CLI passes the current time).
pub fn calendar(slug: &str, a: &Agreement, today: NaiveDate, stamp: DateTime<Utc>) -> String {
    let first = first_day(a, today);
    let mut cal = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//Accord//Team agreements//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        cal.append_property((key, value));
    }
    cal.append_property((
        "X-WR-CALNAME",
        format!("{} team agreement", text(&a.team)).as_str(),
    ));
    if let Some(tz) = &a.timezone {
        cal.append_property(("X-WR-TIMEZONE", tz.name()));
    }
    let common = Common {
        slug,
        a,
        stamp,
        first,
    };
    if let Some(p) = &a.presence {
        let mut seen = Vec::new();
        for &day in &p.days {
            if !seen.contains(&day) {
                seen.push(day);
                cal.push(common.presence_event(p, day));
            }
        }
    }
    for r in &a.rituals {
        if let Some(e) = common.ritual_event(r) {
            cal.push(e);
        }
    }
    let mut out = cal.to_string();
    if let Some(tz) = &a.timezone
        && !cal.components.is_empty()
    {
        insert_vtimezone(&mut out, vtimezone(tz.tz(), first));
    }
    refold(&out)
}

/// RFC 5545 (3.1): a content line is at most 75 octets, CRLF excluded; longer ones go on in
/// lines that start with one space. The icalendar crate mixes character and byte positions
/// and gives a 76-octet line for some lengths, so its folds are undone and redone here, on
/// character boundaries.
pub fn refold(ics: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 20);
    for line in unfolded.split_inclusive("\r\n") {
        let (body, end) = match line.strip_suffix("\r\n") {
            Some(b) => (b, "\r\n"),
            None => (line, ""),
        };
        fold_into(&mut out, body);
        out.push_str(end);
    }
    out
}

/// Appends one content line, folded so no physical line passes 75 octets.
fn fold_into(out: &mut String, mut line: &str) {
    const LIMIT: usize = 75;
    let mut room = LIMIT;
    while line.len() > room {
        let mut cut = room;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&line[..cut]);
        out.push_str("\r\n ");
        line = &line[cut..];
        // The leading space of a continuation line counts.
        room = LIMIT - 1;
    }
    out.push_str(line);
}

/// Where recurrences start: the adoption date, or the Monday of `today`'s week for an
/// agreement not adopted yet ([`Agreement::counted_from`], which the week view uses too).
pub fn first_day(a: &Agreement, today: NaiveDate) -> NaiveDate {
    a.counted_from(today)
}

/// What every event of one export shares.
struct Common<'a> {
    slug: &'a str,
    a: &'a Agreement,
    stamp: DateTime<Utc>,
    first: NaiveDate,
}

impl Common<'_> {
    fn event(&self, item: &str, summary: &str, description: &str) -> Event {
        let mut e = Event::new();
        e.uid(&format!("{}.{item}@{UID_DOMAIN}", self.slug))
            .timestamp(self.stamp)
            .sequence(self.a.version)
            .summary(&format!("{}: {}", text(&self.a.team), text(summary)))
            .status(match self.a.status {
                Status::Active => EventStatus::Confirmed,
                Status::Draft | Status::Proposed => EventStatus::Tentative,
                Status::Retired => EventStatus::Cancelled,
            });
        if !description.is_empty() {
            e.description(&text(description));
        }
        e
    }

    /// A start on `date`: at `time` in the agreement's zone (or floating), or all day.
    fn starts(&self, e: &mut Event, date: NaiveDate, time: Option<chrono::NaiveTime>) {
        match time {
            Some(t) => {
                let date_time = date.and_time(t);
                let start = match &self.a.timezone {
                    Some(tz) => CalendarDateTime::WithTimezone {
                        date_time,
                        tzid: tz.name().to_string(),
                    },
                    None => CalendarDateTime::Floating(date_time),
                };
                e.starts(start);
            }
            None => {
                e.starts(DatePerhapsTime::Date(date));
                if let Some(next) = date.checked_add_days(Days::new(1)) {
                    e.ends(DatePerhapsTime::Date(next));
                }
                // An all-day entry should not make anyone look busy.
                e.add_property("TRANSP", "TRANSPARENT");
            }
        }
    }

    fn presence_event(&self, p: &Presence, day: Weekday) -> Event {
        let item = format!("presence.{day}");
        let mut e = self.event(&item, "presence day", p.note.as_deref().unwrap_or(""));
        // A presence day recurs weekly: the one schedule type says when.
        let weekly = Recurrence::Weekly(day);
        let date = on_or_after(self.first, day);
        self.starts(&mut e, date, p.core_hours.map(|h| h.start.0));
        if let Some(h) = p.core_hours {
            let mut minutes = (h.end.0 - h.start.0).num_minutes();
            if minutes <= 0 {
                // validate refuses this; read it as running past midnight.
                minutes += 24 * 60;
            }
            e.add_property("DURATION", duration(minutes));
            // Core hours are time together, not a meeting: others may still book them.
            e.add_property("TRANSP", "TRANSPARENT");
        }
        e.add_property("RRULE", weekly.rrule());
        if let Some(space) = &p.space {
            e.location(&text(space));
        }
        e.done()
    }

    fn ritual_event(&self, r: &Ritual) -> Option<Event> {
        // A cadence and day that validate refuses have no schedule, so no event.
        let recurrence = r.recurrence(self.first).ok()?;
        let date = recurrence.next(self.first)?;
        let mut details = Vec::new();
        if let Some(m) = r.mode {
            details.push(describe::meeting_mode(m).to_string());
        }
        if let Some(o) = &r.owner {
            details.push(format!("owner {o}"));
        }
        let description: Vec<String> = r
            .purpose
            .iter()
            .cloned()
            .chain((!details.is_empty()).then(|| capitalise(&details.join(" · "))))
            .collect();
        let mut e = self.event(r.id.as_str(), &r.name, &description.join("\n\n"));
        self.starts(&mut e, date, r.time.map(|t| t.0));
        if r.time.is_some()
            && let Some(m) = r.duration_minutes.filter(|m| *m > 0)
        {
            e.add_property("DURATION", duration(m.into()));
        }
        e.add_property("RRULE", recurrence.rrule());
        Some(e.done())
    }
}

/// An RFC 5545 duration: `PT30M`, `PT5H`, `PT1H30M`.
fn duration(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Puts the VTIMEZONE before the first event, where readers expect definitions.
fn insert_vtimezone(ics: &mut String, lines: Vec<String>) {
    let block: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
    let at = ics
        .find("BEGIN:VEVENT\r\n")
        .or_else(|| ics.find("END:VCALENDAR"))
        .unwrap_or(ics.len());
    ics.insert_str(at, &block);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(30), "PT30M");
        assert_eq!(duration(300), "PT5H");
        assert_eq!(duration(90), "PT1H30M");
    }
}
