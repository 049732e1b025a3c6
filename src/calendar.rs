//! When things happen: the dates of rituals and presence days in a period.
//! These are the `planned` counts of adherence, the member's week and the calendar export.

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{Cadence, Ordinal, Presence, Ritual, RitualDay, Weekday};

/// Every date in `from..=to`, inclusive (empty when `from > to`).
pub fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// The dates a ritual takes place in `from..=to`, per DESIGN.md: daily = every mon–fri;
/// weekly = every `day`; biweekly = every 14 days from the first `day` on or after `adopted`
/// (or after `from` for an agreement not adopted yet); monthly = the ordinal weekday of every
/// month; quarterly = the same in January, April, July and October.
pub fn occurrences(
    r: &Ritual,
    adopted: Option<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    match (r.cadence, r.day) {
        (Cadence::Daily, _) => days(from, to)
            .filter(|d| d.weekday().num_days_from_monday() < 5)
            .collect(),
        (Cadence::Weekly, Some(day)) => days(from, to)
            .filter(|d| Weekday::of(*d) == day.weekday())
            .collect(),
        (Cadence::Biweekly, Some(day)) => {
            let anchor = first_on_or_after(adopted.unwrap_or(from), day.weekday());
            days(from.max(anchor), to)
                .filter(|d| Weekday::of(*d) == day.weekday() && (*d - anchor).num_days() % 14 == 0)
                .collect()
        }
        (Cadence::Monthly, Some(RitualDay::Nth(ord, wd))) => monthly(from, to, ord, wd, |_| true),
        (Cadence::Quarterly, Some(RitualDay::Nth(ord, wd))) => {
            monthly(from, to, ord, wd, |m| m % 3 == 1)
        }
        // Combinations validate refuses: nothing is planned for them.
        _ => Vec::new(),
    }
}

/// How many times a ritual is planned in a period.
pub fn planned(r: &Ritual, adopted: Option<NaiveDate>, from: NaiveDate, to: NaiveDate) -> u32 {
    occurrences(r, adopted, from, to).len() as u32
}

/// The first occurrence on or after `date`, looking up to a year and a quarter ahead.
pub fn next_occurrence(
    r: &Ritual,
    adopted: Option<NaiveDate>,
    date: NaiveDate,
) -> Option<NaiveDate> {
    let horizon = date.checked_add_days(Days::new(460))?;
    occurrences(r, adopted, date, horizon).into_iter().next()
}

/// The presence days of the agreement in `from..=to`.
pub fn presence_dates(p: &Presence, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    days(from, to)
        .filter(|d| p.days.contains(&Weekday::of(*d)))
        .collect()
}

/// The Monday of the week holding `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Duration::days(date.weekday().num_days_from_monday().into())
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

fn first_on_or_after(date: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead =
        (wd.to_chrono().num_days_from_monday() + 7 - date.weekday().num_days_from_monday()) % 7;
    date + chrono::Duration::days(ahead.into())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ritual(cadence: Cadence, day: Option<&str>) -> Ritual {
        Ritual {
            id: "r".parse::<Slug>().unwrap(),
            name: "R".into(),
            purpose: None,
            cadence,
            day: day.map(|s| s.parse().unwrap()),
            time: None,
            duration_minutes: None,
            mode: None,
            owner: None,
        }
    }

    #[test]
    fn counts_per_cadence() {
        // November 2026: Sunday the 1st; Thursdays 5, 12, 19, 26.
        let (from, to) = (d("2026-11-01"), d("2026-11-30"));
        assert_eq!(planned(&ritual(Cadence::Daily, None), None, from, to), 21);
        assert_eq!(
            planned(&ritual(Cadence::Weekly, Some("thu")), None, from, to),
            4
        );
        // Adopted Monday 2026-11-02: anchor Thursday the 5th, then the 19th.
        assert_eq!(
            occurrences(
                &ritual(Cadence::Biweekly, Some("thu")),
                Some(d("2026-11-02")),
                from,
                to
            ),
            vec![d("2026-11-05"), d("2026-11-19")]
        );
        // Adopted earlier, anchored on 2026-10-29: the 12th and the 26th.
        assert_eq!(
            occurrences(
                &ritual(Cadence::Biweekly, Some("thu")),
                Some(d("2026-10-27")),
                from,
                to
            ),
            vec![d("2026-11-12"), d("2026-11-26")]
        );
        assert_eq!(
            occurrences(&ritual(Cadence::Monthly, Some("first-thu")), None, from, to),
            vec![d("2026-11-05")]
        );
        assert_eq!(
            occurrences(&ritual(Cadence::Monthly, Some("last-mon")), None, from, to),
            vec![d("2026-11-30")]
        );
        let year = (d("2026-01-01"), d("2026-12-31"));
        assert_eq!(
            occurrences(
                &ritual(Cadence::Quarterly, Some("first-mon")),
                None,
                year.0,
                year.1
            ),
            vec![
                d("2026-01-05"),
                d("2026-04-06"),
                d("2026-07-06"),
                d("2026-10-05")
            ]
        );
        assert_eq!(
            planned(
                &ritual(Cadence::Monthly, Some("second-tue")),
                None,
                d("2026-11-11"),
                d("2026-11-30")
            ),
            0
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
