//! When a ritual happens, parsed once from its (cadence, day, start). Validate, adherence,
//! the week, the calendar export, `describe` and the wizard all read this one type, so they
//! cannot disagree about which days a ritual runs (the week and the ICS of a draft once did).
//!
//! A cadence and a day that do not go together (a daily ritual with a day, a weekly one on
//! "first-thu", a monthly one on "thu") cannot be a `Recurrence`: parsing refuses them.

use chrono::{Datelike, Days, NaiveDate};

use super::types::{Cadence, Ordinal, RitualDay, Weekday};

/// A ritual's schedule, per DESIGN.md: daily = every mon–fri; weekly = every `day`;
/// biweekly = every 14 days from `anchor`; monthly = the ordinal weekday of every month;
/// quarterly = the same in January, April, July and October.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recurrence {
    Daily,
    Weekly(Weekday),
    /// `anchor` is an occurrence: the first `day` on or after the ritual's `start` (or, without
    /// one, on or after the date the caller counts from — see [`Recurrence::parse`]).
    Biweekly {
        day: Weekday,
        anchor: NaiveDate,
    },
    Monthly(Ordinal, Weekday),
    Quarterly(Ordinal, Weekday),
}

/// Why a (cadence, day) pair is not a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecurrenceError {
    /// A daily ritual runs every working day and takes no `day`.
    DayNotTaken,
    /// Every cadence but daily needs a `day`.
    MissingDay(Cadence),
    /// Weekly and biweekly rituals take a plain weekday.
    WeekdayExpected(Cadence, RitualDay),
    /// Monthly and quarterly rituals take an ordinal weekday ("first-thu").
    OrdinalExpected(Cadence, RitualDay),
}

impl RecurrenceError {
    /// The key to point at: `day`, or `cadence` when the day is missing.
    pub fn key(&self) -> &'static str {
        match self {
            RecurrenceError::MissingDay(_) => "cadence",
            _ => "day",
        }
    }

    /// What is wrong, for the ritual `id`.
    pub fn message(&self, id: &str) -> String {
        match self {
            RecurrenceError::DayNotTaken => format!("ritual \"{id}\" is daily, so it takes no day"),
            RecurrenceError::MissingDay(c) => format!("ritual \"{id}\" is {c} but has no day"),
            RecurrenceError::WeekdayExpected(c, d) => {
                format!("a {c} ritual takes a weekday, not \"{d}\"")
            }
            RecurrenceError::OrdinalExpected(c, d) => {
                format!("a {c} ritual needs which week of the month, not just \"{d}\"")
            }
        }
    }

    /// The rule's code: a missing key, or a day that does not fit the cadence.
    pub fn code(&self) -> &'static str {
        match self {
            RecurrenceError::MissingDay(_) => "missing-key",
            _ => "cadence-day",
        }
    }

    /// What to write instead.
    pub fn hint(&self) -> String {
        match self {
            RecurrenceError::DayNotTaken => {
                "remove `day` (daily means every working day, mon–fri) or choose another cadence"
                    .into()
            }
            RecurrenceError::MissingDay(c)
            | RecurrenceError::WeekdayExpected(c, _)
            | RecurrenceError::OrdinalExpected(c, _) => day_hint(*c),
        }
    }
}

/// The hint for a cadence's `day`, with an example.
pub fn day_hint(c: Cadence) -> String {
    match c {
        Cadence::Daily => "daily rituals take no day".into(),
        Cadence::Weekly | Cadence::Biweekly => {
            format!("a {c} ritual takes a weekday: day = \"thu\"")
        }
        Cadence::Monthly | Cadence::Quarterly => format!(
            "a {c} ritual takes first|second|third|fourth|last and a weekday: day = \"first-thu\""
        ),
    }
}

impl Recurrence {
    /// The schedule of (cadence, day). `start` is where a biweekly ritual's fortnights count
    /// from: the ritual's own `start`, or else the date its agreement counts from (the first
    /// `day` on or after it is the first occurrence). Other cadences ignore it.
    pub fn parse(
        cadence: Cadence,
        day: Option<RitualDay>,
        start: NaiveDate,
    ) -> Result<Recurrence, RecurrenceError> {
        use RitualDay::{Nth, Weekday as W};
        match (cadence, day) {
            (Cadence::Daily, None) => Ok(Recurrence::Daily),
            (Cadence::Daily, Some(_)) => Err(RecurrenceError::DayNotTaken),
            (c, None) => Err(RecurrenceError::MissingDay(c)),
            (Cadence::Weekly, Some(W(w))) => Ok(Recurrence::Weekly(w)),
            (Cadence::Biweekly, Some(W(w))) => Ok(Recurrence::Biweekly {
                day: w,
                anchor: on_or_after(start, w),
            }),
            (Cadence::Monthly, Some(Nth(o, w))) => Ok(Recurrence::Monthly(o, w)),
            (Cadence::Quarterly, Some(Nth(o, w))) => Ok(Recurrence::Quarterly(o, w)),
            (c @ (Cadence::Weekly | Cadence::Biweekly), Some(d)) => {
                Err(RecurrenceError::WeekdayExpected(c, d))
            }
            (c, Some(d)) => Err(RecurrenceError::OrdinalExpected(c, d)),
        }
    }

    /// Whether (cadence, day) is a schedule, whatever the start.
    pub fn check(cadence: Cadence, day: Option<RitualDay>) -> Result<(), RecurrenceError> {
        Recurrence::parse(cadence, day, NaiveDate::MIN).map(|_| ())
    }

    /// The days a cadence takes, in the order a picker offers them: none for daily, the
    /// weekdays for (bi)weekly, "first-mon" … "last-sun" for monthly and quarterly.
    pub fn days_for(cadence: Cadence) -> Vec<Option<RitualDay>> {
        match cadence {
            Cadence::Daily => vec![None],
            Cadence::Weekly | Cadence::Biweekly => Weekday::ALL
                .iter()
                .map(|w| Some(RitualDay::Weekday(*w)))
                .collect(),
            Cadence::Monthly | Cadence::Quarterly => Ordinal::ALL
                .iter()
                .flat_map(|o| Weekday::ALL.iter().map(|w| Some(RitualDay::Nth(*o, *w))))
                .collect(),
        }
    }

    /// The day closest to `day` that `cadence` takes ("thu" ↔ "first-thu", none for daily),
    /// so that changing a cadence keeps the schedule legal and as close as can be.
    pub fn nearest_day(cadence: Cadence, day: Option<RitualDay>) -> Option<RitualDay> {
        let wd = day.map(RitualDay::weekday).unwrap_or(Weekday::Mon);
        match cadence {
            Cadence::Daily => None,
            Cadence::Weekly | Cadence::Biweekly => Some(RitualDay::Weekday(wd)),
            Cadence::Monthly | Cadence::Quarterly => match day {
                Some(d @ RitualDay::Nth(..)) => Some(d),
                _ => Some(RitualDay::Nth(Ordinal::First, wd)),
            },
        }
    }

    pub fn cadence(&self) -> Cadence {
        match self {
            Recurrence::Daily => Cadence::Daily,
            Recurrence::Weekly(_) => Cadence::Weekly,
            Recurrence::Biweekly { .. } => Cadence::Biweekly,
            Recurrence::Monthly(..) => Cadence::Monthly,
            Recurrence::Quarterly(..) => Cadence::Quarterly,
        }
    }

    /// The `day` as written, `None` for daily.
    pub fn day(&self) -> Option<RitualDay> {
        match *self {
            Recurrence::Daily => None,
            Recurrence::Weekly(w) | Recurrence::Biweekly { day: w, .. } => {
                Some(RitualDay::Weekday(w))
            }
            Recurrence::Monthly(o, w) | Recurrence::Quarterly(o, w) => Some(RitualDay::Nth(o, w)),
        }
    }

    /// The dates it takes place in `from..=to`, in order.
    pub fn occurrences(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        match *self {
            Recurrence::Daily => days(from, to)
                .filter(|d| d.weekday().num_days_from_monday() < 5)
                .collect(),
            Recurrence::Weekly(w) => every(on_or_after(from, w), 7, to),
            Recurrence::Biweekly { day, anchor } => {
                let first = on_or_after(from.max(anchor), day);
                // Onto the anchor's fortnight: one week later when `first` is off by one.
                let first = if (first - anchor).num_days() % 14 == 0 {
                    Some(first)
                } else {
                    first.checked_add_days(Days::new(7))
                };
                first.map(|f| every(f, 14, to)).unwrap_or_default()
            }
            Recurrence::Monthly(o, w) => monthly(from, to, o, w, |_| true),
            Recurrence::Quarterly(o, w) => monthly(from, to, o, w, |m| m % 3 == 1),
        }
    }

    /// The first occurrence on or after `date`, looking up to a year and a quarter ahead.
    pub fn next(&self, date: NaiveDate) -> Option<NaiveDate> {
        let horizon = date.checked_add_days(Days::new(460))?;
        self.occurrences(date, horizon).into_iter().next()
    }

    /// The RFC 5545 recurrence rule. With a DTSTART that is an occurrence (for biweekly, one
    /// of the anchor's fortnights), it gives the dates of [`Recurrence::occurrences`].
    pub fn rrule(&self) -> String {
        match *self {
            Recurrence::Daily => "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".into(),
            Recurrence::Weekly(w) => format!("FREQ=WEEKLY;BYDAY={}", ics_day(w)),
            Recurrence::Biweekly { day, .. } => {
                format!("FREQ=WEEKLY;INTERVAL=2;BYDAY={}", ics_day(day))
            }
            Recurrence::Monthly(o, w) => {
                format!("FREQ=MONTHLY;BYDAY={}{}", ics_ordinal(o), ics_day(w))
            }
            Recurrence::Quarterly(o, w) => format!(
                "FREQ=MONTHLY;INTERVAL=3;BYDAY={}{}",
                ics_ordinal(o),
                ics_day(w)
            ),
        }
    }

    /// "every other Thursday", "the first Thursday of each month".
    pub fn describe(&self) -> String {
        let day = self.day().map(RitualDay::describe).unwrap_or_default();
        match self {
            Recurrence::Daily => "every working day".into(),
            Recurrence::Weekly(_) => format!("every {day}"),
            Recurrence::Biweekly { .. } => format!("every other {day}"),
            Recurrence::Monthly(..) => format!("the {day} of each month"),
            Recurrence::Quarterly(..) => format!("the {day} of Jan, Apr, Jul and Oct"),
        }
    }
}

/// Every date in `from..=to`, inclusive (empty when `from > to`).
pub fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// The first `wd` on or after `date` (`date` itself when it is one).
pub fn on_or_after(date: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead =
        (wd.to_chrono().num_days_from_monday() + 7 - date.weekday().num_days_from_monday()) % 7;
    date.checked_add_days(Days::new(ahead.into()))
        .unwrap_or(date)
}

/// The Monday of the week holding `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    // Checked: a date at the end of chrono's range is its own week's start rather than a panic.
    date.checked_sub_days(Days::new(date.weekday().num_days_from_monday().into()))
        .unwrap_or(date)
}

/// `first`, then every `step` days, up to `to`.
fn every(first: NaiveDate, step: u64, to: NaiveDate) -> Vec<NaiveDate> {
    std::iter::successors(Some(first), |d| d.checked_add_days(Days::new(step)))
        .take_while(|d| *d <= to)
        .collect()
}

/// The `ord` `wd` of a month ("the last Friday of March 2026").
pub fn nth_weekday(year: i32, month: u32, ord: Ordinal, wd: Weekday) -> Option<NaiveDate> {
    let wd = wd.to_chrono();
    match ord {
        Ordinal::Last => {
            let next_month = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)?
            };
            let last = next_month.pred_opt()?;
            let back = (last.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
            Some(last - chrono::Duration::days(back.into()))
        }
        _ => {
            let n = match ord {
                Ordinal::First => 1,
                Ordinal::Second => 2,
                Ordinal::Third => 3,
                _ => 4,
            };
            NaiveDate::from_weekday_of_month_opt(year, month, wd, n)
        }
    }
}

fn monthly(
    from: NaiveDate,
    to: NaiveDate,
    ord: Ordinal,
    wd: Weekday,
    month_ok: impl Fn(u32) -> bool,
) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        if month_ok(m)
            && let Some(d) = nth_weekday(y, m, ord, wd)
            && d >= from
            && d <= to
        {
            out.push(d);
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// RFC 5545's two-letter weekday.
pub fn ics_day(w: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w as usize]
}

fn ics_ordinal(o: Ordinal) -> i8 {
    match o {
        Ordinal::First => 1,
        Ordinal::Second => 2,
        Ordinal::Third => 3,
        Ordinal::Fourth => 4,
        Ordinal::Last => -1,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_weeks_at_the_ends_of_the_calendar_do_not_panic() {
        use chrono::NaiveDate;
        assert_eq!(super::week_start(NaiveDate::MIN), NaiveDate::MIN);
        assert_eq!(
            super::week_start(NaiveDate::MAX).weekday(),
            chrono::Weekday::Mon
        );
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rec(cadence: Cadence, day: Option<&str>, start: &str) -> Recurrence {
        Recurrence::parse(cadence, day.map(|s| s.parse().unwrap()), d(start)).unwrap()
    }

    #[test]
    fn counts_per_cadence() {
        // November 2026: Sunday the 1st; Thursdays 5, 12, 19, 26.
        let (from, to) = (d("2026-11-01"), d("2026-11-30"));
        let start = "2026-11-01";
        assert_eq!(
            rec(Cadence::Daily, None, start).occurrences(from, to).len(),
            21
        );
        assert_eq!(
            rec(Cadence::Weekly, Some("thu"), start).occurrences(from, to),
            vec![
                d("2026-11-05"),
                d("2026-11-12"),
                d("2026-11-19"),
                d("2026-11-26")
            ]
        );
        // Counted from Monday 2026-11-02: anchor Thursday the 5th, then the 19th.
        assert_eq!(
            rec(Cadence::Biweekly, Some("thu"), "2026-11-02").occurrences(from, to),
            vec![d("2026-11-05"), d("2026-11-19")]
        );
        // From earlier, anchored on 2026-10-29: the 12th and the 26th.
        assert_eq!(
            rec(Cadence::Biweekly, Some("thu"), "2026-10-27").occurrences(from, to),
            vec![d("2026-11-12"), d("2026-11-26")]
        );
        // Nothing before the anchor.
        assert_eq!(
            rec(Cadence::Biweekly, Some("thu"), "2026-11-20").occurrences(from, to),
            vec![d("2026-11-26")]
        );
        assert_eq!(
            rec(Cadence::Monthly, Some("first-thu"), start).occurrences(from, to),
            vec![d("2026-11-05")]
        );
        assert_eq!(
            rec(Cadence::Monthly, Some("last-mon"), start).occurrences(from, to),
            vec![d("2026-11-30")]
        );
        assert_eq!(
            rec(Cadence::Quarterly, Some("first-mon"), start)
                .occurrences(d("2026-01-01"), d("2026-12-31")),
            vec![
                d("2026-01-05"),
                d("2026-04-06"),
                d("2026-07-06"),
                d("2026-10-05")
            ]
        );
        assert!(
            rec(Cadence::Monthly, Some("second-tue"), start)
                .occurrences(d("2026-11-11"), d("2026-11-30"))
                .is_empty()
        );
        assert!(
            rec(Cadence::Weekly, Some("thu"), start)
                .occurrences(to, from)
                .is_empty()
        );
    }

    #[test]
    fn illegal_pairs_do_not_parse() {
        let day = |s: &str| Some(s.parse::<RitualDay>().unwrap());
        let start = d("2026-11-01");
        use RecurrenceError as E;
        assert_eq!(
            Recurrence::parse(Cadence::Daily, day("mon"), start),
            Err(E::DayNotTaken)
        );
        for c in [
            Cadence::Weekly,
            Cadence::Biweekly,
            Cadence::Monthly,
            Cadence::Quarterly,
        ] {
            assert_eq!(Recurrence::parse(c, None, start), Err(E::MissingDay(c)));
        }
        assert!(matches!(
            Recurrence::parse(Cadence::Biweekly, day("first-thu"), start),
            Err(E::WeekdayExpected(Cadence::Biweekly, _))
        ));
        assert!(matches!(
            Recurrence::parse(Cadence::Quarterly, day("thu"), start),
            Err(E::OrdinalExpected(Cadence::Quarterly, _))
        ));
        // Every day a cadence offers parses, and says the same cadence and day back.
        for c in Cadence::ALL {
            for day in Recurrence::days_for(*c) {
                let r = Recurrence::parse(*c, day, start).unwrap();
                assert_eq!((r.cadence(), r.day()), (*c, day));
                assert_eq!(Recurrence::nearest_day(*c, day), day);
            }
        }
    }

    #[test]
    fn rules_and_phrases() {
        let start = "2026-11-01";
        assert_eq!(
            rec(Cadence::Biweekly, Some("thu"), start).rrule(),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
        );
        assert_eq!(
            rec(Cadence::Quarterly, Some("last-fri"), start).rrule(),
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR"
        );
        assert_eq!(
            rec(Cadence::Biweekly, Some("thu"), start).describe(),
            "every other Thursday"
        );
        assert_eq!(
            rec(Cadence::Monthly, Some("first-thu"), start).describe(),
            "the first Thursday of each month"
        );
    }

    #[test]
    fn last_weekday_of_december_crosses_the_year() {
        assert_eq!(
            nth_weekday(2026, 12, Ordinal::Last, Weekday::Thu),
            Some(d("2026-12-31"))
        );
        assert_eq!(
            nth_weekday(2026, 2, Ordinal::Fourth, Weekday::Sat),
            Some(d("2026-02-28"))
        );
    }
}
