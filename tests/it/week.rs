//! The member's week: which entries fall in it, and their times in the agreement's zone
//! and the viewer's, across clock changes and far-away zones.

use std::path::Path;

use accord::export;
use accord::model::Agreement;
use accord::week::{ClockChange, EntryKind, Slot, Span, Week, week_of};
use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

/// The day the tests run on, for the weeks of a draft (adopted agreements ignore it).
fn today() -> NaiveDate {
    d("2026-11-18")
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn example(team: &str) -> Agreement {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("agreements")
        .join(team)
        .join("agreement.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The slot of an item on a date.
fn slot<'a>(w: &'a Week, date: &str, item: &str) -> &'a Slot {
    let day = w
        .days
        .iter()
        .find(|x| x.date == d(date))
        .expect("date in week");
    day.entries
        .iter()
        .find(|e| e.item == item)
        .unwrap_or_else(|| panic!("{item} not on {date}"))
        .time
        .as_ref()
        .expect("has a time")
}

fn items(w: &Week, date: &str) -> Vec<String> {
    let day = w.days.iter().find(|x| x.date == d(date)).unwrap();
    day.entries.iter().map(|e| e.item.clone()).collect()
}

/// One ritual per line: `id day time minutes`.
fn agreement(zone: Option<&str>, rituals: &[(&str, &str, &str, u32)]) -> Agreement {
    let mut toml = String::from(
        "schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"active\"\nadopted = 2026-01-01\nreview_by = 2027-01-01\n",
    );
    if let Some(z) = zone {
        toml.push_str(&format!("timezone = \"{z}\"\n"));
    }
    for (id, day, time, minutes) in rituals {
        toml.push_str(&format!(
            "[[rituals]]\nid = \"{id}\"\nname = \"{id}\"\ncadence = \"weekly\"\nday = \"{day}\"\ntime = {time}\nduration_minutes = {minutes}\n"
        ));
    }
    toml::from_str(&toml).unwrap()
}

#[test]
fn payments_week_lists_entries_by_time_presence_first_at_a_tie() {
    let w = week_of(&example("payments"), d("2026-11-05"), None, today());
    assert_eq!(w.start, d("2026-11-02"));
    assert_eq!(w.days.len(), 7);
    assert_eq!(w.zone, Some(chrono_tz::Europe::Brussels));
    assert_eq!(w.viewer, None);
    assert!(items(&w, "2026-11-02").is_empty());
    // The first Tuesday: the belonging check-in; the retro is on the 10th, not the 3rd.
    assert_eq!(items(&w, "2026-11-03"), ["presence", "belonging-check-in"]);
    assert_eq!(
        items(&w, "2026-11-05"),
        ["presence", "team-lunch", "weekly-demo"]
    );
    let presence = &w.days[1].entries[0];
    assert_eq!(presence.kind, EntryKind::Presence);
    assert_eq!(presence.place.as_deref(), Some("Floor 4, room Kasai"));
    let core = slot(&w, "2026-11-03", "presence");
    assert_eq!(
        (core.start, core.end),
        (t("2026-11-03 10:00"), Some(t("2026-11-03 15:00")))
    );
    let lunch = slot(&w, "2026-11-05", "team-lunch");
    assert_eq!(lunch.end, Some(t("2026-11-05 13:00")));
    assert_eq!(lunch.viewer, None);
    let w = week_of(&example("payments"), d("2026-11-10"), None, today());
    assert_eq!(items(&w, "2026-11-10"), ["presence", "retro"]);
}

#[test]
fn nothing_before_adoption() {
    let ward = example("ward-7"); // adopted Monday 2026-09-07
    let before = week_of(&ward, d("2026-09-02"), None, today());
    assert!(before.days.iter().all(|x| x.entries.is_empty()));
    let first = week_of(&ward, d("2026-09-07"), None, today());
    assert_eq!(items(&first, "2026-09-07"), ["handover-huddle"]);
    assert_eq!(
        items(&first, "2026-09-09"),
        ["handover-huddle", "presence", "wednesday-wins"]
    );
    // Payments adopted on Tuesday 2026-09-01: that week starts on the Tuesday.
    let w = week_of(&example("payments"), d("2026-08-31"), None, today());
    assert_eq!(
        items(&w, "2026-09-01"),
        ["presence", "belonging-check-in", "retro"]
    );
}

#[test]
fn brussels_autumn_change_moves_the_new_york_time_for_one_week() {
    let a = agreement(Some("Europe/Brussels"), &[("sync", "mon", "15:00", 60)]);
    let ny: Tz = chrono_tz::America::New_York;
    let local = |date: &str| {
        let w = week_of(&a, d(date), Some(ny), today());
        assert_eq!(w.viewer, Some(ny));
        slot(&w, date, "sync").viewer.unwrap()
    };
    // Both on summer time: six hours apart.
    assert_eq!(
        local("2026-10-19"),
        Span {
            start: t("2026-10-19 09:00"),
            end: Some(t("2026-10-19 10:00"))
        }
    );
    // Brussels went back on Sunday 25 October, New York not yet: five hours.
    assert_eq!(local("2026-10-26").start, t("2026-10-26 10:00"));
    // New York went back on Sunday 1 November: six hours again.
    assert_eq!(local("2026-11-02").start, t("2026-11-02 09:00"));
}

#[test]
fn a_time_inside_a_clock_change_is_marked_not_a_panic() {
    let a = agreement(Some("Europe/Brussels"), &[("night", "sun", "02:30", 30)]);
    let tokyo = Some(chrono_tz::Asia::Tokyo);
    // 25 October 2026: 02:30 happens twice; the first (summer time, 00:30 UTC) is meant.
    let w = week_of(&a, d("2026-10-25"), tokyo, today());
    let s = slot(&w, "2026-10-25", "night");
    assert_eq!(s.clock, Some(ClockChange::Repeated));
    assert_eq!(s.viewer.unwrap().start, t("2026-10-25 09:30"));
    // Half an hour later the clocks have gone back: the wall clock reads 02:00.
    assert_eq!(s.end, Some(t("2026-10-25 02:00")));
    // 29 March 2026: 02:30 does not exist; read with winter time it is 03:30 summer time.
    let w = week_of(&a, d("2026-03-29"), tokyo, today());
    let s = slot(&w, "2026-03-29", "night");
    assert_eq!(
        s.clock,
        Some(ClockChange::Skipped {
            actual: t("2026-03-29 03:30")
        })
    );
    assert_eq!(s.start, t("2026-03-29 02:30"));
    assert_eq!(s.end, Some(t("2026-03-29 04:00")));
    assert_eq!(s.viewer.unwrap().start, t("2026-03-29 10:30"));
}

#[test]
fn new_york_autumn_change_seen_from_lisbon() {
    let atlas = example("atlas");
    let lisbon = Some(chrono_tz::Europe::Lisbon);
    // Lisbon is on winter time from 25 October, New York from 1 November.
    let w = week_of(&atlas, d("2026-10-28"), lisbon, today());
    assert_eq!(
        slot(&w, "2026-10-28", "weekly-demo").viewer.unwrap().start,
        t("2026-10-28 15:00")
    );
    assert_eq!(
        slot(&w, "2026-10-27", "coffee-pairing").viewer.unwrap(),
        Span {
            start: t("2026-10-27 14:00"),
            end: Some(t("2026-10-27 14:25"))
        }
    );
    let w = week_of(&atlas, d("2026-11-04"), lisbon, today());
    assert_eq!(
        slot(&w, "2026-11-04", "weekly-demo").viewer.unwrap().start,
        t("2026-11-04 16:00")
    );
    // And the repeated hour of 1 November in New York.
    let a = agreement(Some("America/New_York"), &[("late", "sun", "01:30", 60)]);
    let w = week_of(&a, d("2026-11-01"), lisbon, today());
    let s = slot(&w, "2026-11-01", "late");
    assert_eq!(s.clock, Some(ClockChange::Repeated));
    assert_eq!(s.viewer.unwrap().start, t("2026-11-01 05:30"));
}

#[test]
fn far_zones_land_on_the_next_day() {
    // Atlas's Wednesday demo, 11:00 in New York, is 01:00 on Thursday in Tokyo.
    let w = week_of(
        &example("atlas"),
        d("2026-11-04"),
        Some(chrono_tz::Asia::Tokyo),
        today(),
    );
    let demo = slot(&w, "2026-11-04", "weekly-demo").viewer.unwrap();
    assert_eq!(
        demo,
        Span {
            start: t("2026-11-05 01:00"),
            end: Some(t("2026-11-05 01:30"))
        }
    );
    assert_eq!(demo.day_offset(d("2026-11-04")), 1);

    // Payments' Thursday demo, 15:00 in Brussels, is 03:00 on Friday in Auckland.
    let w = week_of(
        &example("payments"),
        d("2026-11-05"),
        Some(chrono_tz::Pacific::Auckland),
        today(),
    );
    let demo = slot(&w, "2026-11-05", "weekly-demo").viewer.unwrap();
    assert_eq!(demo.start, t("2026-11-06 03:00"));
    // Core hours start on the Tuesday evening there and end on the Wednesday.
    let core = slot(&w, "2026-11-03", "presence").viewer.unwrap();
    assert_eq!(
        core,
        Span {
            start: t("2026-11-03 22:00"),
            end: Some(t("2026-11-04 03:00"))
        }
    );
}

#[test]
fn floating_times_are_not_converted() {
    let a = agreement(None, &[("sync", "mon", "15:00", 30)]);
    let w = week_of(&a, d("2026-11-02"), Some(chrono_tz::Asia::Tokyo), today());
    assert_eq!(w.zone, None);
    assert_eq!(w.viewer, None);
    let s = slot(&w, "2026-11-02", "sync");
    assert_eq!(
        (s.start, s.end, s.viewer, s.clock),
        (
            t("2026-11-02 15:00"),
            Some(t("2026-11-02 15:30")),
            None,
            None
        )
    );
}

#[test]
fn a_viewer_in_the_agreements_zone_needs_no_conversion() {
    let w = week_of(
        &example("payments"),
        d("2026-11-05"),
        Some(chrono_tz::Europe::Brussels),
        today(),
    );
    assert_eq!(w.viewer, None);
    assert_eq!(slot(&w, "2026-11-05", "weekly-demo").viewer, None);
}

#[test]
fn week_text_payments_from_auckland() {
    let a = example("payments");
    let w = week_of(
        &a,
        d("2026-11-05"),
        Some(chrono_tz::Pacific::Auckland),
        today(),
    );
    insta::assert_snapshot!(export::week::week(&a, &w, d("2026-11-05"), Some("--tz")));
}

#[test]
fn week_text_ward_7_without_viewer() {
    let a = example("ward-7");
    let w = week_of(&a, d("2026-11-25"), None, today());
    insta::assert_snapshot!(export::week::week(&a, &w, d("2026-11-23"), None));
}

#[test]
fn week_text_same_times_elsewhere_and_a_draft() {
    let a = example("data-platform");
    // Amsterdam and Paris keep the same clock: no second column.
    let w = week_of(&a, d("2026-12-31"), Some(chrono_tz::Europe::Paris), today());
    insta::assert_snapshot!(export::week::week(
        &a,
        &w,
        d("2026-11-18"),
        Some("Chloe Martin")
    ));
}

#[test]
fn week_text_says_why_a_week_is_empty_or_not_binding() {
    let mut a = example("payments"); // adopted Tuesday 2026-09-01
    let text = |a: &Agreement, date: &str| {
        export::week::week(
            a,
            &week_of(a, d(date), None, today()),
            d("2026-11-18"),
            None,
        )
    };
    assert!(
        text(&a, "2026-08-26")
            .contains("\nAdopted on 2026-09-01: nothing is planned before then.\n")
    );
    assert!(text(&a, "2026-09-02").contains("\nAdopted on 2026-09-01.\n"));
    assert!(!text(&a, "2026-09-09").contains("Adopted"));
    a.status = accord::model::Status::Retired;
    assert!(text(&a, "2026-09-09").contains(
        "\nThis agreement is retired: these are the times it had, nothing is planned.\n"
    ));
    a.status = accord::model::Status::Proposed;
    assert!(text(&a, "2026-09-09").contains("\nThis is a proposal (v3), not adopted yet"));
}
