//! The VTIMEZONE in a calendar export, read as a calendar program reads it (observances
//! expanded by the rrule crate), must give chrono-tz's offset at every moment for twenty
//! years — for regular zones, zones that dropped daylight saving, irregular ones, and
//! half-hour ones.

use accord::export::ics;
use accord::model::Agreement;
use chrono::{Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use icalendar::rrule::RRuleSet;
use icalendar::{Calendar, CalendarComponent, Component};

/// (onset in UTC, offset after it in seconds)
fn onsets(ics: &str) -> Vec<(NaiveDateTime, i32)> {
    let cal: Calendar = ics.parse().unwrap();
    let zone = cal
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Other(o) if o.component_kind() == "VTIMEZONE" => Some(o),
            _ => None,
        })
        .expect("a VTIMEZONE");
    let mut out = Vec::new();
    for obs in zone.components() {
        assert!(
            ["STANDARD", "DAYLIGHT"].contains(&obs.component_kind().as_str()),
            "{}",
            obs.component_kind()
        );
        assert!(obs.property_value("UID").is_none() && obs.property_value("DTSTAMP").is_none());
        let from = offset(obs.property_value("TZOFFSETFROM").unwrap());
        let to = offset(obs.property_value("TZOFFSETTO").unwrap());
        let start = obs.property_value("DTSTART").unwrap();
        let mut locals = vec![local(start)];
        let rdates = obs.properties().get("RDATE").into_iter();
        let more = obs.multi_properties().get("RDATE").into_iter().flatten();
        for p in rdates.chain(more) {
            locals.extend(p.value().split(',').map(local));
        }
        if let Some(rule) = obs.property_value("RRULE") {
            // Expanded in UTC, which has no clock changes: the wall-clock onsets as written.
            let set: RRuleSet = format!("DTSTART:{start}Z\nRRULE:{rule}").parse().unwrap();
            let dates = set.all(100).dates;
            locals.extend(dates.iter().map(|d| d.naive_utc()).skip(1));
        }
        out.extend(
            locals
                .into_iter()
                .map(|l| (l - Duration::seconds(from.into()), to)),
        );
    }
    out.sort();
    out
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").unwrap()
}

fn offset(s: &str) -> i32 {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits = &s[1..];
    let part = |i: usize| {
        digits
            .get(i..i + 2)
            .map_or(0, |p| p.parse::<i32>().unwrap())
    };
    sign * (part(0) * 3600 + part(2) * 60 + part(4))
}

fn calendar_in(zone: &str) -> String {
    let a: Agreement = toml::from_str(&format!(
        r#"
schema = 1
team = "T"
version = 1
status = "active"
adopted = 2026-03-02
review_by = 2026-06-01
timezone = "{zone}"

[[rituals]]
id = "r"
name = "R"
cadence = "weekly"
day = "mon"
time = 10:00
"#
    ))
    .unwrap();
    ics::calendar(
        "t",
        &a,
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap(),
    )
}

#[test]
fn every_zone_definition_matches_the_iana_data_for_twenty_years() {
    for zone in [
        "Europe/Brussels",
        "America/New_York",
        "Europe/London",
        "Europe/Dublin",
        "Asia/Tokyo",
        "Pacific/Auckland",
        "Australia/Lord_Howe",
        "America/Santiago",
        "America/Sao_Paulo",
        "Asia/Tehran",
        "Pacific/Apia",
        "Africa/Casablanca",
        "Asia/Kathmandu",
        "America/St_Johns",
    ] {
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        let ics = calendar_in(zone);
        assert!(
            ics.split("\r\n").all(|l| l.len() <= 75),
            "{zone}: long line"
        );
        let onsets = onsets(&ics);
        let mut t = NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let end = NaiveDate::from_ymd_opt(2045, 12, 31)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        while t < end {
            let expected = tz.offset_from_utc_datetime(&t).fix().local_minus_utc();
            let defined = onsets
                .iter()
                .rev()
                .find(|(at, _)| *at <= t)
                .map(|(_, o)| *o)
                .unwrap_or_else(|| panic!("{zone}: no observance in force at {t}"));
            assert_eq!(defined, expected, "{zone} at {t} UTC");
            t += Duration::hours(6);
        }
    }
}
