//! `VTIMEZONE` components for calendars, from the IANA data chrono-tz carries.
//!
//! RFC 5545 wants one for every TZID a calendar uses. The icalendar crate cannot write
//! one (it stamps every component with a UID and DTSTAMP, which a VTIMEZONE must not
//! have), so the lines are made here. Clock changes that follow a yearly rule ("last
//! Sunday of March at 02:00") become an RRULE, checked against twenty years of data;
//! anything irregular becomes an explicit list of dates for those years.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Weekday};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// Years after the first event whose clock changes the definition is checked against.
const YEARS_AHEAD: i32 = 20;
/// chrono-tz computes transitions up to here; later years keep the last offset.
const LAST_YEAR_OF_DATA: i32 = 2099;

/// The content lines (without line ends) of a VTIMEZONE for `tz`, valid from `from` on.
pub fn vtimezone(tz: Tz, from: NaiveDate) -> Vec<String> {
    let first_year = from.year() - 1;
    let last_year = (from.year() + YEARS_AHEAD).min(LAST_YEAR_OF_DATA);
    let window_start = year_start(first_year);
    let changes = transitions(tz, window_start, year_start(last_year + 1));

    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let from_start = from.and_time(NaiveTime::MIN);
    let covered = changes
        .iter()
        .any(|t| t.at + Duration::seconds(t.from.into()) <= from_start);
    if !covered {
        // No clock change before the first event: one observance from the epoch on.
        let state = state_at(tz, window_start);
        lines.extend(observance(
            state.dst > 0,
            &state.name,
            state.offset,
            state.offset,
            NaiveDate::from_ymd_opt(1970, 1, 1)
                .map(|d| d.and_time(NaiveTime::MIN))
                .unwrap_or(from_start),
            Vec::new(),
        ));
    }
    for kind in kinds(&changes) {
        let group: Vec<&Transition> = changes.iter().filter(|t| t.kind() == kind).collect();
        let starts: Vec<NaiveDateTime> = group.iter().map(|t| t.local_start()).collect();
        let (state_to, from_offset) = (group[0], group[0].from);
        // One RDATE per onset keeps every line short of the 75-octet limit.
        let recurrence: Vec<String> = match yearly_rule(&starts, last_year) {
            Some(rule) => vec![format!("RRULE:{rule}")],
            None => starts[1..]
                .iter()
                .map(|s| format!("RDATE:{}", s.format("%Y%m%dT%H%M%S")))
                .collect(),
        };
        lines.extend(observance(
            state_to.dst,
            &state_to.name,
            from_offset,
            state_to.to,
            starts[0],
            recurrence,
        ));
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

fn observance(
    dst: bool,
    name: &str,
    from: i32,
    to: i32,
    start: NaiveDateTime,
    recurrence: Vec<String>,
) -> Vec<String> {
    let part = if dst { "DAYLIGHT" } else { "STANDARD" };
    let mut lines = vec![
        format!("BEGIN:{part}"),
        format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")),
    ];
    lines.extend(recurrence);
    lines.push(format!("TZOFFSETFROM:{}", utc_offset(from)));
    lines.push(format!("TZOFFSETTO:{}", utc_offset(to)));
    // Abbreviations are ASCII letters, digits and signs ("CEST", "-03"); no escaping needed.
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-')
    {
        lines.push(format!("TZNAME:{name}"));
    }
    lines.push(format!("END:{part}"));
    lines
}

/// `+0100`, `-0430`, or with seconds (`+001730`) for the odd historical offset.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn year_start(year: i32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or(NaiveDate::MIN)
        .and_time(NaiveTime::MIN)
}

/// The zone's offset, daylight flag and abbreviation at a UTC instant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    offset: i32,
    /// The daylight-saving part of the offset; negative in zones such as Europe/Dublin,
    /// whose IANA "standard" time is the summer one.
    dst: i64,
    name: String,
}

fn state_at(tz: Tz, utc: NaiveDateTime) -> State {
    let o = tz.offset_from_utc_datetime(&utc);
    State {
        offset: o.fix().local_minus_utc(),
        dst: o.dst_offset().num_seconds(),
        name: o.abbreviation().unwrap_or_default().to_string(),
    }
}

/// One clock change: at `at` (UTC) the offset goes from `from` to `to`.
#[derive(Debug, Clone)]
struct Transition {
    at: NaiveDateTime,
    from: i32,
    to: i32,
    dst: bool,
    name: String,
}

impl Transition {
    /// What the change turns the clock into; changes of one kind share an observance.
    fn kind(&self) -> (i32, i32, bool, &str) {
        (self.from, self.to, self.dst, &self.name)
    }
    /// The onset as RFC 5545 writes it: on the wall clock before the change.
    fn local_start(&self) -> NaiveDateTime {
        self.at + Duration::seconds(self.from.into())
    }
}

fn kinds(changes: &[Transition]) -> Vec<(i32, i32, bool, &str)> {
    let mut out: Vec<(i32, i32, bool, &str)> = Vec::new();
    for t in changes {
        if !out.contains(&t.kind()) {
            out.push(t.kind());
        }
    }
    out
}

/// Every change of offset, daylight flag or abbreviation in `from..to` (UTC): a day-by-day
/// scan, then a bisection to the second inside the day where the state changed.
fn transitions(tz: Tz, from: NaiveDateTime, to: NaiveDateTime) -> Vec<Transition> {
    let mut out = Vec::new();
    let mut day = from;
    let mut state = state_at(tz, day);
    while day < to {
        let next = day + Duration::days(1);
        let next_state = state_at(tz, next);
        if next_state != state {
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if state_at(tz, mid) == state {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let to_state = state_at(tz, hi);
            out.push(Transition {
                at: hi,
                from: state.offset,
                to: to_state.offset,
                // Daylight time as calendars mean it: a saving added, or a negative one left.
                dst: to_state.dst > 0 || (state.dst < 0 && to_state.dst == 0),
                name: to_state.name,
            });
        }
        day = next;
        state = next_state;
    }
    out
}

/// A yearly RRULE that produces exactly `starts` (one onset per year, consecutive years),
/// when there is one; with UNTIL when the changes stop before `last_year`.
fn yearly_rule(starts: &[NaiveDateTime], last_year: i32) -> Option<String> {
    let first = starts.first()?;
    let same = |f: &dyn Fn(&NaiveDateTime) -> bool| starts.iter().all(f);
    let consecutive = starts
        .iter()
        .zip(starts.iter().skip(1))
        .all(|(a, b)| b.year() == a.year() + 1);
    if starts.len() < 2
        || !consecutive
        || !same(&|s| s.month() == first.month() && s.time() == first.time())
    {
        return None;
    }
    let by_day = if same(&|s| s.weekday() == first.weekday()) {
        let wd = ics_weekday(first.weekday());
        let nth = |s: &NaiveDateTime| (s.day() as i32 - 1) / 7 + 1;
        let is_last = |s: &NaiveDateTime| {
            s.date()
                .checked_add_days(chrono::Days::new(7))
                .is_some_and(|d| d.month() != s.month())
        };
        let lo = starts.iter().map(|s| s.day()).min()?;
        if same(&|s| nth(s) == nth(first)) {
            format!("BYDAY={}{wd}", nth(first))
        } else if same(&is_last) {
            format!("BYDAY=-1{wd}")
        } else if starts.len() >= 15 && lo + 6 <= 28 && same(&|s| s.day() <= lo + 6) {
            // "The first Sunday on or after the 2nd" (Chile), "the Friday on or after the
            // 23rd" (Israel): fifteen years of onsets or more show where the window starts.
            let days: Vec<String> = (lo..=lo + 6).map(|d| d.to_string()).collect();
            format!("BYMONTHDAY={};BYDAY={wd}", days.join(","))
        } else {
            return None;
        }
    } else if same(&|s| s.day() == first.day()) {
        format!("BYMONTHDAY={}", first.day())
    } else {
        return None;
    };
    let mut rule = format!("FREQ=YEARLY;BYMONTH={};{by_day}", first.month());
    let last = starts.last()?;
    if last.year() < last_year {
        // The changes stop: the rule ends with the last one. RFC 5545 wants UNTIL in UTC;
        // a day's margin covers any offset, and the next onset would be a year later.
        let until = *last + Duration::days(1);
        rule.push_str(&format!(";UNTIL={}Z", until.format("%Y%m%dT%H%M%S")));
    }
    Some(rule)
}

pub(crate) fn ics_weekday(w: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w.num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn europe_follows_the_last_sunday_rules() {
        let lines = vtimezone(chrono_tz::Europe::Brussels, d("2026-09-01"));
        assert_eq!(
            lines,
            [
                "BEGIN:VTIMEZONE",
                "TZID:Europe/Brussels",
                "BEGIN:DAYLIGHT",
                "DTSTART:20250330T020000",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0200",
                "TZNAME:CEST",
                "END:DAYLIGHT",
                "BEGIN:STANDARD",
                "DTSTART:20251026T030000",
                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                "TZOFFSETFROM:+0200",
                "TZOFFSETTO:+0100",
                "TZNAME:CET",
                "END:STANDARD",
                "END:VTIMEZONE",
            ]
        );
    }

    #[test]
    fn new_york_uses_second_and_first_sundays() {
        let lines = vtimezone(chrono_tz::America::New_York, d("2026-08-24")).join("\n");
        assert!(lines.contains("DTSTART:20250309T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"));
        assert!(lines.contains("DTSTART:20251102T020000\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"));
    }

    #[test]
    fn dublin_summer_is_daylight_time_despite_the_negative_saving() {
        let lines = vtimezone(chrono_tz::Europe::Dublin, d("2026-09-01")).join("\n");
        assert!(lines.contains("BEGIN:DAYLIGHT\nDTSTART:20250330T010000\n"));
        assert!(lines.contains("TZOFFSETTO:+0100\nTZNAME:IST\nEND:DAYLIGHT"));
        assert!(lines.contains("TZOFFSETTO:+0000\nTZNAME:GMT\nEND:STANDARD"));
    }

    #[test]
    fn chile_changes_on_the_first_sunday_on_or_after_the_second() {
        let lines = vtimezone(chrono_tz::America::Santiago, d("2026-09-01")).join("\n");
        assert!(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=2,3,4,5,6,7,8;BYDAY=SU"));
    }

    #[test]
    fn a_rule_that_stops_gets_an_until_after_its_last_onset() {
        let starts: Vec<NaiveDateTime> = (2025..=2030)
            .map(|y| {
                crate::calendar::nth_weekday(
                    y,
                    3,
                    crate::model::Ordinal::Last,
                    crate::model::Weekday::Sun,
                )
                .unwrap()
                .and_hms_opt(2, 0, 0)
                .unwrap()
            })
            .collect();
        assert_eq!(
            yearly_rule(&starts, 2046).as_deref(),
            Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20300401T020000Z")
        );
        assert_eq!(
            yearly_rule(&starts, 2030).as_deref(),
            Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        );
        // A missing year is no yearly rule.
        let gap = [starts[0], starts[2], starts[3]];
        assert_eq!(yearly_rule(&gap, 2046), None);
    }

    #[test]
    fn a_zone_without_changes_has_one_standard_observance() {
        assert_eq!(
            vtimezone(chrono_tz::Asia::Tokyo, d("2026-01-01")),
            [
                "BEGIN:VTIMEZONE",
                "TZID:Asia/Tokyo",
                "BEGIN:STANDARD",
                "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0900",
                "TZOFFSETTO:+0900",
                "TZNAME:JST",
                "END:STANDARD",
                "END:VTIMEZONE",
            ]
        );
    }

    #[test]
    fn offsets_are_written_with_sign_and_seconds_when_needed() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-16200), "-0430");
        assert_eq!(utc_offset(1050), "+001730");
        assert_eq!(utc_offset(0), "+0000");
    }
}
