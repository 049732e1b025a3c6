//! Time zones that meet: whether the core hours and each ritual, written on the agreement's
//! wall clock, fall inside every member's working day on theirs.
//!
//! A member is checked when they have a `timezone` (their clock) or `working_hours` (their
//! day, on the agreement's clock when they give no zone); `WorkingHours::DEFAULT` (08:00–18:00)
//! stands in for hours left out. Clock changes are those of the actual day (chrono-tz), so a
//! ritual can fit in winter and not in summer: callers pass the day they mean. Pure: no clock.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use crate::calendar;
use crate::model::{Agreement, ItemRef, Member, Ritual, WorkingHours};
use crate::week::resolve;

/// One meeting on the agreement's wall clock: core hours on a presence day, or a ritual.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// `presence` or the ritual's id.
    pub item: String,
    /// "Core hours" or the ritual's name, as written (sanitise before printing).
    pub title: String,
    pub start: NaiveDateTime,
    /// `None` for a ritual without a duration: only its start is checked.
    pub end: Option<NaiveDateTime>,
}

/// A meeting that falls outside one member's working day.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub meeting: Meeting,
    /// The agreement's zone, which the meeting's times are written in.
    pub zone: Tz,
    pub member: String,
    /// The member's zone: theirs, or the agreement's when they give none.
    pub member_zone: Tz,
    pub hours: WorkingHours,
    /// The meeting on the member's wall clock.
    pub local_start: NaiveDateTime,
    pub local_end: Option<NaiveDateTime>,
}

impl Clash {
    /// "Weekly demo at 10:00 Europe/Lisbon is 05:00 for Rui in America/Toronto, outside their
    /// working hours (08:00–18:00)".
    pub fn message(&self) -> String {
        let m = &self.meeting;
        let date = m.start.date();
        let at = span(m.start, m.end, date);
        let local = span(self.local_start, self.local_end, date);
        let verb = if m.end.is_some() && m.item == crate::model::PRESENCE_ITEM {
            "are"
        } else {
            "is"
        };
        let zone = if self.member_zone == self.zone {
            String::new()
        } else {
            format!(" in {}", self.member_zone)
        };
        format!(
            "{} at {at} {} {verb} {local} for {}{zone}, outside their working hours ({}–{})",
            crate::text::sanitize_line(&m.title),
            self.zone,
            crate::text::sanitize_line(&self.member),
            self.hours.start,
            self.hours.end,
        )
    }
}

/// "10:00", "10:00–10:30", or with the day it lands on when that is another: "01:00 the next day".
fn span(start: NaiveDateTime, end: Option<NaiveDateTime>, day: NaiveDate) -> String {
    let mut s = start.format("%H:%M").to_string();
    if let Some(e) = end {
        s.push_str(&format!("–{}", e.format("%H:%M")));
    }
    match (start.date() - day).num_days() {
        0 => s,
        1 => format!("{s} the next day"),
        -1 => format!("{s} the day before"),
        n => format!("{s} ({n:+} days)"),
    }
}

/// Each member whose working day `meeting` does not fit in, on the day it is written for.
/// Nothing without an agreement zone: its times are then the same wall clock everywhere.
pub fn clashes(a: &Agreement, meeting: &Meeting) -> Vec<Clash> {
    let Some(zone) = a.timezone.as_ref().map(|z| z.tz()) else {
        return Vec::new();
    };
    let (start_at, _) = resolve(zone, meeting.start);
    let end_at = meeting.end.map(|e| resolve(zone, e).0);
    a.members
        .iter()
        .filter_map(|m| {
            let member_zone = checked_zone(m, zone)?;
            let local_start = start_at.with_timezone(&member_zone).naive_local();
            let local_end = end_at.map(|e| e.with_timezone(&member_zone).naive_local());
            let hours = m.working_hours();
            (!fits(hours, local_start, local_end)).then(|| Clash {
                meeting: meeting.clone(),
                zone,
                member: m.name.clone(),
                member_zone,
                hours,
                local_start,
                local_end,
            })
        })
        .collect()
}

/// The zone a member is checked in, or `None` when they say nothing of where or when they work.
fn checked_zone(m: &Member, agreement_zone: Tz) -> Option<Tz> {
    match (&m.timezone, m.working_hours) {
        (Some(z), _) => Some(z.tz()),
        (None, Some(_)) => Some(agreement_zone),
        (None, None) => None,
    }
}

/// Whether `start..end` lies inside one working day. Hours whose end is not after their start
/// run past midnight (a night shift, 22:00–06:00).
fn fits(h: WorkingHours, start: NaiveDateTime, end: Option<NaiveDateTime>) -> bool {
    let (open, close) = (h.start.0, h.end.0);
    let length = if close > open {
        close - open
    } else {
        close - open + Duration::days(1)
    };
    // The working day that holds `start`: the one that opened on its date, or the day before.
    let opened = [start.date(), start.date() - Duration::days(1)]
        .into_iter()
        .map(|d| d.and_time(open))
        .find(|o| *o <= start && start <= *o + length);
    match opened {
        None => false,
        Some(o) => end.is_none_or(|e| e <= o + length),
    }
}

/// The core hours on a presence day `date`, as a meeting.
pub fn core_hours_on(a: &Agreement, date: NaiveDate) -> Option<Meeting> {
    let h = a.presence.as_ref()?.core_hours?;
    let mut end = date.and_time(h.end.0);
    if h.end.0 <= h.start.0 {
        end += Duration::days(1);
    }
    Some(Meeting {
        item: crate::model::PRESENCE_ITEM.to_string(),
        title: "Core hours".to_string(),
        start: date.and_time(h.start.0),
        end: Some(end),
    })
}

/// A ritual on `date`, as a meeting; `None` without a time.
pub fn ritual_on(r: &Ritual, date: NaiveDate) -> Option<Meeting> {
    let t: NaiveTime = r.time?.0;
    let start = date.and_time(t);
    Some(Meeting {
        item: r.id.to_string(),
        title: r.name.clone(),
        start,
        end: r
            .duration_minutes
            .filter(|m| *m > 0)
            .map(|m| start + Duration::minutes(m.into())),
    })
}

/// Every clash of the agreement on representative days: the first presence day and the first
/// occurrence of each ritual on or after `from` (callers pass the period's first day, or today).
/// In item order: core hours first, then rituals in file order; members in file order.
pub fn agreement_clashes(a: &Agreement, from: NaiveDate) -> Vec<Clash> {
    if a.timezone.is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for item in a.items() {
        let meeting = match item {
            ItemRef::Presence(p) => calendar::presence_dates(p, from, from + Duration::days(6))
                .first()
                .and_then(|d| core_hours_on(a, *d)),
            ItemRef::Ritual(r) => calendar::next_occurrence(r, Some(a.counted_from(from)), from)
                .and_then(|d| ritual_on(r, d)),
            ItemRef::Norm(_) => None,
        };
        if let Some(m) = meeting {
            out.extend(clashes(a, &m));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreement(text: &str) -> Agreement {
        toml::from_str(text).unwrap()
    }

    const LISBON: &str = r#"
schema = 1
team = "T"
version = 1
status = "draft"
timezone = "Europe/Lisbon"
[[members]]
name = "Rui"
timezone = "America/Toronto"
[[members]]
name = "Ana"
timezone = "Europe/Lisbon"
[[members]]
name = "Kai"
[presence]
days = ["tue"]
core_hours = { start = 10:00:00, end = 15:00:00 }
[[rituals]]
id = "weekly-demo"
name = "Weekly demo"
cadence = "weekly"
day = "thu"
time = 10:00:00
duration_minutes = 30
[[rituals]]
id = "retro"
name = "Retro"
cadence = "weekly"
day = "fri"
time = 15:00:00
"#;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_lisbon_morning_is_a_toronto_night() {
        let a = agreement(LISBON);
        let found: Vec<String> = agreement_clashes(&a, d("2026-12-01"))
            .iter()
            .map(Clash::message)
            .collect();
        assert_eq!(
            found,
            [
                "Core hours at 10:00–15:00 Europe/Lisbon are 05:00–10:00 for Rui in America/Toronto, outside their working hours (08:00–18:00)",
                "Weekly demo at 10:00–10:30 Europe/Lisbon is 05:00–05:30 for Rui in America/Toronto, outside their working hours (08:00–18:00)",
            ]
        );
    }

    #[test]
    fn clock_changes_are_those_of_the_day() {
        // Lisbon and Toronto change clocks on different Sundays: in the week between
        // (2026-03-08 .. 2026-03-29) they are 4 hours apart, else 5.
        let mut a = agreement(LISBON);
        a.members[0].working_hours = Some(WorkingHours {
            start: crate::model::Time(NaiveTime::from_hms_opt(6, 0, 0).unwrap()),
            end: crate::model::Time(NaiveTime::from_hms_opt(14, 0, 0).unwrap()),
        });
        let demo = |date| ritual_on(&a.rituals[0], d(date)).unwrap();
        // 10:00 Lisbon (UTC) is 05:00 in Toronto in winter: before 06:00.
        assert_eq!(clashes(&a, &demo("2026-03-05")).len(), 1);
        // 10:00 Lisbon (UTC) is 06:00 in Toronto after its spring change.
        assert_eq!(clashes(&a, &demo("2026-03-12")), []);
        // 10:00 Lisbon summer time (UTC+1) is 05:00 again.
        let c = clashes(&a, &demo("2026-04-02"));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].local_start.format("%H:%M").to_string(), "05:00");
    }

    #[test]
    fn working_hours_may_run_past_midnight_and_default_to_the_agreement_zone() {
        let mut a = agreement(LISBON);
        a.members[2].working_hours = Some(WorkingHours {
            start: crate::model::Time(NaiveTime::from_hms_opt(22, 0, 0).unwrap()),
            end: crate::model::Time(NaiveTime::from_hms_opt(6, 0, 0).unwrap()),
        });
        let at = |t: &str| Meeting {
            item: "x".into(),
            title: "X".into(),
            start: NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").unwrap(),
            end: None,
        };
        let kai = |t| {
            clashes(&a, &at(t))
                .iter()
                .filter(|c| c.member == "Kai")
                .count()
        };
        assert_eq!(kai("2026-12-01 23:00"), 0);
        assert_eq!(kai("2026-12-01 05:00"), 0);
        assert_eq!(kai("2026-12-01 12:00"), 1);
        let c = clashes(&a, &at("2026-12-01 12:00"));
        let kai = c.iter().find(|c| c.member == "Kai").unwrap();
        assert_eq!(
            kai.message(),
            "X at 12:00 Europe/Lisbon is 12:00 for Kai, outside their working hours (22:00–06:00)"
        );
    }

    #[test]
    fn no_agreement_zone_no_clash() {
        let mut a = agreement(LISBON);
        a.timezone = None;
        assert_eq!(agreement_clashes(&a, d("2026-12-01")), []);
    }

    #[test]
    fn a_meeting_past_the_end_of_the_day_clashes() {
        let a = agreement(LISBON);
        // Retro at 15:00 Lisbon is 10:00 Toronto: fits. Core hours ending 15:00 fit Ana.
        let retro = ritual_on(&a.rituals[1], d("2026-12-04")).unwrap();
        assert_eq!(clashes(&a, &retro), []);
        let late = Meeting {
            end: Some(retro.start + Duration::hours(4)),
            ..retro
        };
        let who: Vec<String> = clashes(&a, &late).into_iter().map(|c| c.member).collect();
        assert_eq!(who, ["Ana"]);
    }
}
