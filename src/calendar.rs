//! When things happen: the dates of rituals and presence days in a period.
//! These are the `planned` counts of adherence, the member's week and the calendar export.

use chrono::NaiveDate;

pub use crate::model::recurrence::{days, nth_weekday, week_start};
use crate::model::{Presence, Ritual, Weekday};

/// The dates a ritual takes place in `from..=to`, by its [`crate::model::Recurrence`].
/// `counted_from` anchors a biweekly ritual without a `start` (the agreement's
/// [`crate::model::Agreement::counted_from`]); `None` counts from `from`. A cadence and day
/// that validate refuses plan nothing.
pub fn occurrences(
    r: &Ritual,
    counted_from: Option<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    r.recurrence(counted_from.unwrap_or(from))
        .map(|rec| rec.occurrences(from, to))
        .unwrap_or_default()
}

/// How many times a ritual is planned in a period.
pub fn planned(r: &Ritual, counted_from: Option<NaiveDate>, from: NaiveDate, to: NaiveDate) -> u32 {
    occurrences(r, counted_from, from, to).len() as u32
}

/// The first occurrence on or after `date`, looking up to a year and a quarter ahead.
pub fn next_occurrence(
    r: &Ritual,
    counted_from: Option<NaiveDate>,
    date: NaiveDate,
) -> Option<NaiveDate> {
    r.recurrence(counted_from.unwrap_or(date)).ok()?.next(date)
}

/// The presence days of the agreement in `from..=to`.
pub fn presence_dates(p: &Presence, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    days(from, to)
        .filter(|d| p.days.contains(&Weekday::of(*d)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cadence, Slug};

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
            start: None,
            time: None,
            duration_minutes: None,
            mode: None,
            owner: None,
            trial_until: None,
            dimension: None,
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
    fn a_biweekly_start_beats_the_adoption_date() {
        let mut r = ritual(Cadence::Biweekly, Some("thu"));
        // Adopted 2026-11-02 would give the 5th and the 19th; `start` says the 12th.
        r.start = Some(crate::model::Date(d("2026-11-12")));
        let (from, to) = (d("2026-11-01"), d("2026-12-31"));
        assert_eq!(
            occurrences(&r, Some(d("2026-11-02")), from, to),
            vec![
                d("2026-11-12"),
                d("2026-11-26"),
                d("2026-12-10"),
                d("2026-12-24")
            ]
        );
        assert_eq!(
            next_occurrence(&r, Some(d("2026-11-02")), d("2026-11-13")),
            Some(d("2026-11-26"))
        );
        // An illegal pair plans nothing rather than fail.
        let bad = ritual(Cadence::Daily, Some("mon"));
        assert!(occurrences(&bad, None, from, to).is_empty());
    }
}
