//! The calendar export, read back with the icalendar parser and its RRULEs expanded by the
//! rrule crate: every event must hold what the agreement says, and every recurrence must
//! give the same dates as `accord::calendar::occurrences`.

use std::path::Path;

use accord::calendar;
use accord::export::ics;
use accord::model::{Agreement, Ritual};
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 30, 0).unwrap()
}

fn example(team: &str) -> Agreement {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("agreements")
        .join(team)
        .join("agreement.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn parse(ics: &str) -> Calendar {
    ics.parse().expect("the export parses as iCalendar")
}

fn event<'a>(cal: &'a Calendar, uid: &str) -> &'a Event {
    cal.events()
        .find(|e| e.get_uid() == Some(uid))
        .unwrap_or_else(|| panic!("no event {uid}"))
}

/// What one event must say, written out by hand from the agreement file.
struct Expect {
    uid: &'static str,
    summary: &'static str,
    start: &'static str,
    duration: Option<&'static str>,
    rrule: &'static str,
}

fn check(cal: &Calendar, tzid: Option<&str>, expected: &[Expect]) {
    assert_eq!(cal.events().count(), expected.len(), "one event per item");
    for x in expected {
        let e = event(cal, x.uid);
        assert_eq!(e.get_summary(), Some(x.summary), "{}", x.uid);
        assert_eq!(e.property_value("RRULE"), Some(x.rrule), "{}", x.uid);
        assert_eq!(e.property_value("DURATION"), x.duration, "{}", x.uid);
        assert_eq!(e.get_timestamp(), Some(stamp()), "{}", x.uid);
        match e.get_start() {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
                date_time,
                tzid: t,
            })) => {
                assert_eq!(Some(t.as_str()), tzid, "{}", x.uid);
                assert_eq!(date_time.format("%Y%m%dT%H%M%S").to_string(), x.start);
            }
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(date_time))) => {
                assert_eq!(tzid, None, "{} is floating", x.uid);
                assert_eq!(date_time.format("%Y%m%dT%H%M%S").to_string(), x.start);
            }
            Some(DatePerhapsTime::Date(date)) => {
                assert_eq!(date.format("%Y%m%d").to_string(), x.start, "{}", x.uid);
                let end = e.get_end();
                assert_eq!(
                    end,
                    Some(DatePerhapsTime::Date(date + Days::new(1))),
                    "{}",
                    x.uid
                );
            }
            other => panic!("{}: unexpected DTSTART {other:?}", x.uid),
        }
    }
}

/// The dates an event's recurrence gives in `from..=to`, expanded by the rrule crate.
fn expanded(e: &Event, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let set = e.get_recurrence().expect("the RRULE is valid");
    let dates: Vec<NaiveDateTime> = set
        .all(2000)
        .dates
        .iter()
        .map(|t| t.naive_local())
        .collect();
    assert!(dates.len() < 2000, "the expansion ran past the period");
    dates
        .into_iter()
        .map(|t| t.date())
        .filter(|day| *day >= from && *day <= to)
        .collect()
}

/// A bounded copy of an event's rule, so the expansion stops: the same rule with an UNTIL.
fn bounded(e: &Event, to: NaiveDate) -> Event {
    let mut e = e.clone();
    let rule = e.property_value("RRULE").unwrap().to_string();
    e.add_property(
        "RRULE",
        format!("{rule};UNTIL={}T235959Z", to.format("%Y%m%d")),
    );
    e
}

/// Every ritual's and presence day's recurrence, over `days` days from its first event,
/// against the dates the rest of Accord computes.
fn check_recurrences(slug: &str, a: &Agreement, cal: &Calendar, days: u64) {
    let adopted = a.adopted.map(|d| d.0);
    for r in &a.rituals {
        let e = event(cal, &format!("{slug}.{}@accord", r.id));
        let first = e.get_start().unwrap().date_naive();
        let to = first + Days::new(days);
        let from_rrule = expanded(&bounded(e, to), first, to);
        let from_accord = calendar::occurrences(r, adopted.or(Some(first)), first, to);
        assert!(!from_accord.is_empty(), "{}: nothing to compare", r.id);
        assert_eq!(from_rrule, from_accord, "{} over {first}..{to}", r.id);
        assert_times_kept(e, r, to);
    }
    if let Some(p) = &a.presence {
        for day in &p.days {
            let e = event(cal, &format!("{slug}.presence.{day}@accord"));
            let first = e.get_start().unwrap().date_naive();
            let to = first + Days::new(days);
            let only_this_day = accord::model::Presence {
                days: vec![*day],
                ..p.clone()
            };
            assert_eq!(
                expanded(&bounded(e, to), first, to),
                calendar::presence_dates(&only_this_day, first, to),
                "presence {day}"
            );
        }
    }
}

/// The wall-clock time stays the ritual's time on every date, across clock changes.
fn assert_times_kept(e: &Event, r: &Ritual, to: NaiveDate) {
    let Some(t) = r.time else { return };
    for when in bounded(e, to).get_recurrence().unwrap().all(2000).dates {
        assert_eq!(when.naive_local().time(), t.0, "{} on {when}", r.id);
    }
}

fn assert_well_formed(ics: &str) {
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line end"
        );
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    let cal = parse(ics);
    let mut uids: Vec<&str> = cal.events().filter_map(|e| e.get_uid()).collect();
    let n = uids.len();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), n, "UIDs are unique");
}

#[test]
fn payments_every_event() {
    let a = example("payments");
    let out = ics::calendar("payments", &a, d("2026-11-18"), stamp());
    assert_well_formed(&out);
    let cal = parse(&out);
    let tz = Some("Europe/Brussels");
    check(
        &cal,
        tz,
        &[
            Expect {
                uid: "payments.presence.tue@accord",
                summary: "Payments: presence day",
                start: "20260901T100000",
                duration: Some("PT5H"),
                rrule: "FREQ=WEEKLY;BYDAY=TU",
            },
            Expect {
                uid: "payments.presence.thu@accord",
                summary: "Payments: presence day",
                start: "20260903T100000",
                duration: Some("PT5H"),
                rrule: "FREQ=WEEKLY;BYDAY=TH",
            },
            Expect {
                uid: "payments.weekly-demo@accord",
                summary: "Payments: Thursday demo",
                start: "20260903T150000",
                duration: Some("PT30M"),
                rrule: "FREQ=WEEKLY;BYDAY=TH",
            },
            Expect {
                uid: "payments.team-lunch@accord",
                summary: "Payments: Thursday lunch",
                start: "20260903T121500",
                duration: Some("PT45M"),
                rrule: "FREQ=WEEKLY;BYDAY=TH",
            },
            Expect {
                uid: "payments.retro@accord",
                summary: "Payments: Retrospective",
                start: "20260901T140000",
                duration: Some("PT1H"),
                rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
            },
            Expect {
                uid: "payments.belonging-check-in@accord",
                summary: "Payments: Belonging check-in",
                start: "20260901T100000",
                duration: Some("PT20M"),
                rrule: "FREQ=MONTHLY;BYDAY=1TU",
            },
        ],
    );
    let presence = event(&cal, "payments.presence.tue@accord");
    assert_eq!(presence.get_location(), Some("Floor 4, room Kasai"));
    assert_eq!(
        presence.get_description(),
        a.presence.as_ref().unwrap().note.as_deref()
    );
    assert_eq!(presence.property_value("TRANSP"), Some("TRANSPARENT"));
    let demo = event(&cal, "payments.weekly-demo@accord");
    assert_eq!(
        demo.get_description().unwrap(),
        format!(
            "{}\n\nHybrid · owner Lotte Peeters",
            a.rituals[0].purpose.as_deref().unwrap()
        )
    );
    assert_eq!(demo.get_sequence(), Some(3));
    assert_eq!(demo.property_value("STATUS"), Some("CONFIRMED"));
    assert_eq!(demo.get_location(), None);
    assert!(out.contains("X-WR-CALNAME:Payments team agreement\r\n"));
    check_recurrences("payments", &a, &cal, 200);
}

#[test]
fn atlas_has_no_presence_events_and_a_monthly_start_after_adoption() {
    let a = example("atlas");
    let cal = parse(&ics::calendar("atlas", &a, d("2026-11-18"), stamp()));
    check(
        &cal,
        Some("America/New_York"),
        &[
            Expect {
                uid: "atlas.weekly-demo@accord",
                summary: "Atlas: Wednesday demo",
                start: "20260826T110000",
                duration: Some("PT30M"),
                rrule: "FREQ=WEEKLY;BYDAY=WE",
            },
            Expect {
                uid: "atlas.coffee-pairing@accord",
                summary: "Atlas: Coffee across zones",
                start: "20260825T100000",
                duration: Some("PT25M"),
                rrule: "FREQ=WEEKLY;BYDAY=TU",
            },
            Expect {
                uid: "atlas.retro@accord",
                summary: "Atlas: Retrospective",
                start: "20260827T103000",
                duration: Some("PT1H"),
                rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            },
            // The first Monday of August (the 3rd) is before adoption on the 24th.
            Expect {
                uid: "atlas.belonging-check-in@accord",
                summary: "Atlas: Belonging check-in",
                start: "20260907T110000",
                duration: Some("PT20M"),
                rrule: "FREQ=MONTHLY;BYDAY=1MO",
            },
        ],
    );
    check_recurrences("atlas", &a, &cal, 400);
}

#[test]
fn ward_7_daily_huddle_and_last_wednesday() {
    let a = example("ward-7");
    let cal = parse(&ics::calendar("ward-7", &a, d("2026-11-18"), stamp()));
    check(
        &cal,
        Some("Europe/London"),
        &[
            Expect {
                uid: "ward-7.presence.wed@accord",
                summary: "Ward 7: presence day",
                start: "20260909T130000",
                duration: Some("PT2H"),
                rrule: "FREQ=WEEKLY;BYDAY=WE",
            },
            Expect {
                uid: "ward-7.handover-huddle@accord",
                summary: "Ward 7: Morning handover huddle",
                start: "20260907T074000",
                duration: Some("PT10M"),
                rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            },
            Expect {
                uid: "ward-7.wednesday-wins@accord",
                summary: "Ward 7: Wednesday wins",
                start: "20260909T140000",
                duration: Some("PT15M"),
                rrule: "FREQ=WEEKLY;BYDAY=WE",
            },
            Expect {
                uid: "ward-7.ward-retro@accord",
                summary: "Ward 7: Ward retrospective",
                start: "20260930T142000",
                duration: Some("PT30M"),
                rrule: "FREQ=MONTHLY;BYDAY=-1WE",
            },
            // The first Wednesday of September (the 2nd) is before adoption on the 7th.
            Expect {
                uid: "ward-7.belonging-check-in@accord",
                summary: "Ward 7: Belonging check-in",
                start: "20261007T133000",
                duration: Some("PT15M"),
                rrule: "FREQ=MONTHLY;BYDAY=1WE",
            },
        ],
    );
    assert_eq!(
        event(&cal, "ward-7.presence.wed@accord").get_location(),
        Some("Ward 7 staff room")
    );
    check_recurrences("ward-7", &a, &cal, 400);
}

const EVERY_CADENCE: &str = r#"
schema = 1
team = "Night, shift; crew"
version = 2
status = "active"
adopted = 2026-01-14
review_by = 2026-06-01
timezone = "America/New_York"

[[members]]
name = "Ana"

[presence]
days = ["mon", "fri"]
space = 'Room 1, "north"; by the stairs\back'
note = """
Line one, with a comma; and a semicolon.
Line two has a backslash \\ and keeps going for a good while so that the folded \
line has to continue twice: é, 漢字, and 🙂 must survive the fold intact."""

[[rituals]]
id = "standup"
name = "Stand-up"
cadence = "daily"
time = 09:00
duration_minutes = 15

[[rituals]]
id = "sync"
name = "Friday sync"
cadence = "weekly"
day = "fri"
time = 16:00

[[rituals]]
id = "retro"
name = "Retro"
cadence = "biweekly"
day = "thu"
time = 11:00
duration_minutes = 90
owner = "Ana"
mode = "remote"

[[rituals]]
id = "first-thursday"
name = "Show and tell"
cadence = "monthly"
day = "first-thu"
time = 10:00
duration_minutes = 60

[[rituals]]
id = "last-friday"
name = "Drinks"
cadence = "monthly"
day = "last-fri"
time = 17:00
duration_minutes = 30

[[rituals]]
id = "planning"
name = "Quarterly planning"
cadence = "quarterly"
day = "first-mon"
time = 09:30
duration_minutes = 240

[[rituals]]
id = "offsite"
name = "Offsite"
purpose = "A day away, together."
cadence = "quarterly"
day = "last-wed"

[[rituals]]
id = "reading"
name = "Reading day"
cadence = "monthly"
day = "second-tue"
"#;

fn every_cadence() -> Vec<Expect> {
    vec![
        Expect {
            uid: "crew.presence.mon@accord",
            summary: "Night, shift; crew: presence day",
            start: "20260119",
            duration: None,
            rrule: "FREQ=WEEKLY;BYDAY=MO",
        },
        Expect {
            uid: "crew.presence.fri@accord",
            summary: "Night, shift; crew: presence day",
            start: "20260116",
            duration: None,
            rrule: "FREQ=WEEKLY;BYDAY=FR",
        },
        Expect {
            uid: "crew.standup@accord",
            summary: "Night, shift; crew: Stand-up",
            start: "20260114T090000",
            duration: Some("PT15M"),
            rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        },
        // No duration: a point in time, as the file says.
        Expect {
            uid: "crew.sync@accord",
            summary: "Night, shift; crew: Friday sync",
            start: "20260116T160000",
            duration: None,
            rrule: "FREQ=WEEKLY;BYDAY=FR",
        },
        Expect {
            uid: "crew.retro@accord",
            summary: "Night, shift; crew: Retro",
            start: "20260115T110000",
            duration: Some("PT1H30M"),
            rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        },
        // 1 January 2026 is before adoption: the first is 5 February.
        Expect {
            uid: "crew.first-thursday@accord",
            summary: "Night, shift; crew: Show and tell",
            start: "20260205T100000",
            duration: Some("PT1H"),
            rrule: "FREQ=MONTHLY;BYDAY=1TH",
        },
        Expect {
            uid: "crew.last-friday@accord",
            summary: "Night, shift; crew: Drinks",
            start: "20260130T170000",
            duration: Some("PT30M"),
            rrule: "FREQ=MONTHLY;BYDAY=-1FR",
        },
        // 5 January is before adoption: the next quarter's first Monday, 6 April.
        Expect {
            uid: "crew.planning@accord",
            summary: "Night, shift; crew: Quarterly planning",
            start: "20260406T093000",
            duration: Some("PT4H"),
            rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO",
        },
        Expect {
            uid: "crew.offsite@accord",
            summary: "Night, shift; crew: Offsite",
            start: "20260128",
            duration: None,
            rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1WE",
        },
        // The second Tuesday of January (the 13th) is the day before adoption.
        Expect {
            uid: "crew.reading@accord",
            summary: "Night, shift; crew: Reading day",
            start: "20260210",
            duration: None,
            rrule: "FREQ=MONTHLY;BYDAY=2TU",
        },
    ]
}

#[test]
fn every_cadence_in_a_zone() {
    let a: Agreement = toml::from_str(EVERY_CADENCE).unwrap();
    let out = ics::calendar("crew", &a, d("2026-11-18"), stamp());
    assert_well_formed(&out);
    let cal = parse(&out);
    check(&cal, Some("America/New_York"), &every_cadence());
    check_recurrences("crew", &a, &cal, 800);

    // The zone is defined once, before the events, with New York's rules.
    assert_eq!(out.matches("BEGIN:VTIMEZONE\r\n").count(), 1);
    assert!(out.find("BEGIN:VTIMEZONE").unwrap() < out.find("BEGIN:VEVENT").unwrap());
    assert!(out.contains("TZID:America/New_York\r\n"));
    assert!(out.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"));

    // Events without a time are all-day and leave the day free.
    let offsite = event(&cal, "crew.offsite@accord");
    assert_eq!(offsite.property_value("TRANSP"), Some("TRANSPARENT"));
    assert_eq!(offsite.get_description(), Some("A day away, together."));
    assert_eq!(
        event(&cal, "crew.retro@accord").get_description(),
        Some("Remote · owner Ana")
    );
    assert_eq!(event(&cal, "crew.sync@accord").get_description(), None);
}

#[test]
fn text_with_commas_semicolons_and_newlines_survives() {
    let a: Agreement = toml::from_str(EVERY_CADENCE).unwrap();
    let out = ics::calendar("crew", &a, d("2026-11-18"), stamp());
    // Escaped on the wire, per RFC 5545 3.3.11.
    assert!(out.contains("LOCATION:Room 1\\, \"north\"\\; by the stairs\\\\back\r\n"));
    assert!(out.contains("SUMMARY:Night\\, shift\\; crew: presence day\r\n"));
    assert!(out.contains("X-WR-CALNAME:Night\\, shift\\; crew team agreement\r\n"));
    // And read back as written.
    let cal = parse(&out);
    let p = a.presence.as_ref().unwrap();
    let e = event(&cal, "crew.presence.mon@accord");
    assert_eq!(e.get_location(), p.space.as_deref());
    assert_eq!(e.get_description(), p.note.as_deref());
    assert!(p.note.as_deref().unwrap().contains('\n'));
}

#[test]
fn a_team_without_a_time_zone_gets_floating_times() {
    let text = EVERY_CADENCE.replace("timezone = \"America/New_York\"\n", "");
    let a: Agreement = toml::from_str(&text).unwrap();
    let out = ics::calendar("crew", &a, d("2026-11-18"), stamp());
    assert_well_formed(&out);
    assert!(!out.contains("TZID"), "no zone anywhere");
    assert!(!out.contains("VTIMEZONE"));
    assert!(!out.contains("X-WR-TIMEZONE"));
    let cal = parse(&out);
    check(&cal, None, &every_cadence());
    check_recurrences("crew", &a, &cal, 800);
}

#[test]
fn a_draft_starts_in_the_week_of_today() {
    let text = EVERY_CADENCE
        .replace("status = \"active\"", "status = \"draft\"")
        .replace("adopted = 2026-01-14\n", "")
        .replace("review_by = 2026-06-01\n", "");
    let a: Agreement = toml::from_str(&text).unwrap();
    // Wednesday 18 November 2026: the week starts on Monday the 16th.
    let cal = parse(&ics::calendar("crew", &a, d("2026-11-18"), stamp()));
    let start = |uid: &str| event(&cal, uid).get_start().unwrap().date_naive();
    assert_eq!(start("crew.standup@accord"), d("2026-11-16"));
    assert_eq!(start("crew.retro@accord"), d("2026-11-19"));
    assert_eq!(start("crew.presence.mon@accord"), d("2026-11-16"));
    assert_eq!(start("crew.planning@accord"), d("2027-01-04"));
    let retro = event(&cal, "crew.retro@accord");
    assert_eq!(retro.property_value("STATUS"), Some("TENTATIVE"));
    // The fortnights count from that Monday, as the week view counts them.
    assert_eq!(
        expanded(
            &bounded(retro, d("2026-12-31")),
            d("2026-11-16"),
            d("2026-12-31")
        ),
        calendar::occurrences(
            &a.rituals[2],
            Some(d("2026-11-16")),
            d("2026-11-16"),
            d("2026-12-31")
        )
    );
}

#[test]
fn the_stamp_is_the_injected_clock_and_the_output_is_stable() {
    let a = example("ward-7");
    let one = ics::calendar("ward-7", &a, d("2026-11-18"), stamp());
    let two = ics::calendar("ward-7", &a, d("2026-11-18"), stamp());
    assert_eq!(one, two);
    assert_eq!(one.matches("DTSTAMP:20261118T093000Z\r\n").count(), 5);
}

mod folding {
    use accord::export::ics::refold;
    use proptest::prelude::*;

    /// Every physical line is at most 75 octets (CRLF excluded), and unfolding gives the
    /// content back.
    fn check(content: &str) {
        let ics = format!("BEGIN:VCALENDAR\r\n{content}\r\nEND:VCALENDAR\r\n");
        let folded = refold(&ics);
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), ics);
    }

    #[test]
    fn every_length_up_to_400_octets_folds_within_75() {
        for n in 0..400 {
            check(&format!("DESCRIPTION:{}", "a".repeat(n)));
            check(&format!("DESCRIPTION:{}", "é".repeat(n / 2)));
            check(&format!("DESCRIPTION:{}", "老".repeat(n / 3)));
            check(&format!(
                "DESCRIPTION:{}x{}",
                " ".repeat(n % 80),
                "🎉".repeat(n / 4)
            ));
        }
    }

    proptest! {
        #[test]
        fn any_text_folds_within_75_on_char_boundaries(s in "[^\r\n]{0,600}") {
            check(&format!("SUMMARY:{s}"));
        }
    }

    #[test]
    fn an_exported_calendar_has_no_line_over_75_octets() {
        let mut a = super::example("payments");
        for r in &mut a.rituals {
            r.name = format!("{} {}", r.name, "ë long name to fold ".repeat(7));
        }
        let ics =
            accord::export::ics::calendar("payments", &a, super::d("2026-11-16"), super::stamp());
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
    }
}

/// The bundled `data-platform` is a draft: its biweekly rituals once ran every week in
/// `accord week` and every other week in its calendar. Both now count the fortnights from the
/// week of today, so over eight weeks they hold the same days, ritual by ritual.
#[test]
fn a_drafts_week_and_its_calendar_hold_the_same_days() {
    let a = example("data-platform");
    assert_eq!(a.adopted, None, "a draft, never adopted");
    let today = d("2026-11-18");
    let cal = parse(&ics::calendar("data-platform", &a, today, stamp()));
    let from = calendar::week_start(today);
    let to = from + Days::new(8 * 7 - 1);
    let mut biweekly = 0;
    for r in &a.rituals {
        let e = event(&cal, &format!("data-platform.{}@accord", r.id));
        let in_calendar = expanded(&bounded(e, to), from, to);
        let in_weeks: Vec<NaiveDate> = (0..8)
            .flat_map(|n| {
                let w = accord::week::week_of(&a, from + Days::new(7 * n), None, today);
                w.days
                    .into_iter()
                    .filter(|day| day.entries.iter().any(|x| x.item == r.id.as_str()))
                    .map(|day| day.date)
            })
            .collect();
        assert_eq!(in_weeks, in_calendar, "{}", r.id);
        if r.cadence == accord::model::Cadence::Biweekly {
            biweekly += 1;
            assert_eq!(in_weeks.len(), 4, "{}: every other week", r.id);
        }
    }
    assert_eq!(biweekly, 2, "retro and coffee-pairing");
}
