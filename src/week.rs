//! The member's week: the presence days and rituals of one Monday–Sunday week, with
//! times in the agreement's zone and, for a viewer elsewhere, in the viewer's zone.
//!
//! Pure: the caller says which week and which viewer zone; nothing here reads the
//! clock or the environment.

use chrono::{DateTime, Days, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::calendar;
use crate::model::{Agreement, MeetingMode, PRESENCE_ITEM};
use crate::schedule::zones;

/// One Monday–Sunday week of an agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    /// The Monday.
    pub start: NaiveDate,
    /// The agreement's zone; `None`: times are floating (the same wall clock wherever you are).
    pub zone: Option<Tz>,
    /// The viewer's zone, when one was given, the agreement has a zone, and it is another one.
    pub viewer: Option<Tz>,
    /// Seven days, Monday first.
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    /// By start time: all-day entries first, a presence day before rituals at the same time.
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// `presence` or the ritual's id, as consent and check-ins name it.
    pub item: String,
    pub kind: EntryKind,
    /// "Presence day" or the ritual's name, as written in the file (sanitise before printing).
    pub title: String,
    /// The presence space, for a presence day.
    pub place: Option<String>,
    pub mode: Option<MeetingMode>,
    /// `None`: all day (a presence day without core hours) or a ritual without a time.
    pub time: Option<Slot>,
    /// Members whose working day this falls outside of, on their clock ([`crate::schedule::zones`]).
    pub clashes: Vec<crate::schedule::zones::Clash>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Presence,
    Ritual,
}

/// When an entry happens on its day.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The start as the agreement writes it, on the entry's day.
    pub start: NaiveDateTime,
    /// The end on the wall clock of the agreement's zone; `None` when no duration is known.
    pub end: Option<NaiveDateTime>,
    /// Set when a clock change makes the written start time missing or repeated that day.
    pub clock: Option<ClockChange>,
    /// The same moment on the viewer's wall clock (only when `Week::viewer` is set).
    pub viewer: Option<Span>,
}

/// A start and end on one zone's wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDateTime,
    pub end: Option<NaiveDateTime>,
}

/// What a clock change does to a written local time (RFC 5545, 3.3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockChange {
    /// The time does not exist that day (clocks go forward); it is read with the offset
    /// in force before the change, so it happens at `actual`.
    Skipped { actual: NaiveDateTime },
    /// The time happens twice (clocks go back); the first one is meant.
    Repeated,
}

impl Span {
    /// How many days the viewer's start lies after (or before, negative) `date`.
    pub fn day_offset(&self, date: NaiveDate) -> i64 {
        (self.start.date() - date).num_days()
    }
}

/// The week holding `date`: presence days with core hours and rituals with their times.
///
/// Entries before the agreement's `adopted` date are left out (the agreement did not
/// hold yet). Biweekly rituals run in the fortnights of their `start`, else of
/// [`Agreement::counted_from`] — `today` places those of a draft, as the calendar export does.
pub fn week_of(
    agreement: &Agreement,
    date: NaiveDate,
    viewer_tz: Option<Tz>,
    today: NaiveDate,
) -> Week {
    let start = calendar::week_start(date);
    let end = start + Days::new(6);
    let zone = agreement.timezone.as_ref().map(|z| z.tz());
    let viewer = match (zone, viewer_tz) {
        (Some(z), Some(v)) if z != v => Some(v),
        _ => None,
    };
    let first_day = agreement.adopted.map_or(start, |d| d.0);
    let counted_from = agreement.counted_from(today);
    let times = Clock { zone, viewer };

    let mut days: Vec<Day> = calendar::days(start, end)
        .map(|date| Day {
            date,
            entries: Vec::new(),
        })
        .collect();
    let index = |d: NaiveDate| (d >= first_day).then(|| (d - start).num_days() as usize);

    if let Some(p) = &agreement.presence {
        for d in calendar::presence_dates(p, start, end) {
            let Some(i) = index(d) else {
                continue;
            };
            let time = p.core_hours.map(|h| {
                let mut end = d.and_time(h.end.0);
                if h.end.0 <= h.start.0 {
                    // validate refuses this; read it as running past midnight rather than fail.
                    end += Duration::days(1);
                }
                times.slot_until(d.and_time(h.start.0), end)
            });
            days[i].entries.push(Entry {
                item: PRESENCE_ITEM.to_string(),
                kind: EntryKind::Presence,
                title: "Presence day".to_string(),
                place: p.space.clone(),
                mode: None,
                time,
                clashes: zones::core_hours_on(agreement, d)
                    .map(|m| zones::clashes(agreement, &m))
                    .unwrap_or_default(),
            });
        }
    }
    for r in &agreement.rituals {
        for d in calendar::occurrences(r, Some(counted_from), start, end) {
            let Some(i) = index(d) else {
                continue;
            };
            let time = r.time.map(|t| {
                let minutes = r.duration_minutes.filter(|m| *m > 0);
                times.slot_for(d.and_time(t.0), minutes)
            });
            days[i].entries.push(Entry {
                item: r.id.to_string(),
                kind: EntryKind::Ritual,
                title: r.name.clone(),
                place: None,
                mode: r.mode,
                time,
                clashes: zones::ritual_on(r, d)
                    .map(|m| zones::clashes(agreement, &m))
                    .unwrap_or_default(),
            });
        }
    }
    for day in &mut days {
        // Stable: at equal times the presence day comes first, rituals keep file order.
        day.entries.sort_by_key(|e| {
            (
                e.time.as_ref().map(|t| t.start),
                e.kind == EntryKind::Ritual,
            )
        });
    }
    Week {
        start,
        zone,
        viewer,
        days,
    }
}

/// Turns written local times into slots for one agreement zone and viewer.
struct Clock {
    zone: Option<Tz>,
    viewer: Option<Tz>,
}

impl Clock {
    /// A slot from a written start and a duration: the end is that much real time later.
    fn slot_for(&self, start: NaiveDateTime, minutes: Option<u32>) -> Slot {
        let length = minutes.map(|m| Duration::minutes(m.into()));
        let Some(zone) = self.zone else {
            return Slot {
                start,
                end: length.map(|l| start + l),
                clock: None,
                viewer: None,
            };
        };
        let (at, clock) = resolve(zone, start);
        let end_at = length.map(|l| at + l);
        Slot {
            start,
            end: end_at.map(|e| e.with_timezone(&zone).naive_local()),
            clock,
            viewer: self.viewer.map(|v| Span {
                start: at.with_timezone(&v).naive_local(),
                end: end_at.map(|e| e.with_timezone(&v).naive_local()),
            }),
        }
    }

    /// A slot from a written start and a written end (core hours).
    fn slot_until(&self, start: NaiveDateTime, end: NaiveDateTime) -> Slot {
        let Some(zone) = self.zone else {
            return Slot {
                start,
                end: Some(end),
                clock: None,
                viewer: None,
            };
        };
        let (at, clock) = resolve(zone, start);
        let (end_at, _) = resolve(zone, end);
        Slot {
            start,
            end: Some(end_at.with_timezone(&zone).naive_local()),
            clock,
            viewer: self.viewer.map(|v| Span {
                start: at.with_timezone(&v).naive_local(),
                end: Some(end_at.with_timezone(&v).naive_local()),
            }),
        }
    }
}

/// The moment a written local time stands for in `zone`, as RFC 5545 (3.3.5) reads it:
/// a repeated time is its first occurrence; a skipped time uses the offset in force
/// before the gap (02:30 on a spring-forward night is 03:30 summer time).
pub fn resolve(zone: Tz, local: NaiveDateTime) -> (DateTime<Utc>, Option<ClockChange>) {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => (t.with_timezone(&Utc), None),
        LocalResult::Ambiguous(first, _) => {
            (first.with_timezone(&Utc), Some(ClockChange::Repeated))
        }
        LocalResult::None => {
            let at = before_gap_offset(zone, local)
                .map(|offset| (local - offset).and_utc())
                // No zone has a gap this long; reading the time as UTC beats failing.
                .unwrap_or_else(|| local.and_utc());
            let actual = at.with_timezone(&zone).naive_local();
            (at, Some(ClockChange::Skipped { actual }))
        }
    }
}

/// The UTC offset in force just before the gap that swallows `local`.
fn before_gap_offset(zone: Tz, local: NaiveDateTime) -> Option<Duration> {
    use chrono::Offset;
    // Gaps last an hour or two; the longest on record (Samoa, 2011) a whole day.
    (1..=4 * 48).find_map(|quarter| {
        let earlier = local - Duration::minutes(15 * quarter);
        zone.from_local_datetime(&earlier)
            .latest()
            .map(|t| Duration::seconds(t.offset().fix().local_minus_utc().into()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn resolves_gaps_and_repeats_like_rfc_5545() {
        let z = chrono_tz::Europe::Brussels;
        // 2026-03-29 02:30 does not exist in Brussels: read with +01:00, it is 03:30 CEST.
        let (at, c) = resolve(z, dt("2026-03-29 02:30"));
        assert_eq!(at, dt("2026-03-29 01:30").and_utc());
        assert_eq!(
            c,
            Some(ClockChange::Skipped {
                actual: dt("2026-03-29 03:30")
            })
        );
        // 2026-10-25 02:30 happens twice; the first is at +02:00.
        let (at, c) = resolve(z, dt("2026-10-25 02:30"));
        assert_eq!(at, dt("2026-10-25 00:30").and_utc());
        assert_eq!(c, Some(ClockChange::Repeated));
        let (at, c) = resolve(z, dt("2026-10-25 10:00"));
        assert_eq!(at, dt("2026-10-25 09:00").and_utc());
        assert_eq!(c, None);
    }

    #[test]
    fn samoa_skipped_a_whole_day_without_a_panic() {
        let (_, c) = resolve(chrono_tz::Pacific::Apia, dt("2011-12-30 10:00"));
        assert!(matches!(c, Some(ClockChange::Skipped { .. })));
    }
}
