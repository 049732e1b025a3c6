//! `accord week` and `accord export --format ics|html`, run as a user runs them.

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::Utc;
use icalendar::{Calendar, Component};
use predicates::prelude::*;

fn agreements() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("agreements")
}

/// The binary on the example agreements, on a fixed day, with no time zone from the machine.
fn accord(today: &str) -> Command {
    let mut cmd = Command::cargo_bin("accord").unwrap();
    cmd.arg("--dir")
        .arg(agreements())
        .env("ACCORD_TODAY", today)
        .env_remove("TZ")
        .env_remove("ACCORD_DIR");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn week_defaults_to_today_and_marks_it() {
    let out = stdout(accord("2026-11-23").args(["week", "ward-7"]));
    assert!(out.starts_with("Ward 7 — week 48, 23 Nov – 29 Nov 2026\nTimes in Europe/London.\n"));
    assert!(out.contains("\nMon 23 Nov  today  07:40–07:50  Morning handover huddle"));
    assert_eq!(out.matches("today").count(), 1);
}

#[test]
fn week_of_another_date_marks_no_day() {
    let out = stdout(accord("2026-11-23").args(["week", "ward-7", "--date", "2026-12-02"]));
    assert!(out.starts_with("Ward 7 — week 49, 30 Nov – 6 Dec 2026\n"));
    assert!(!out.contains("today"));
}

#[test]
fn week_in_a_zone_from_the_flag() {
    let out = stdout(accord("2026-11-05").args(["week", "payments", "--tz", "Pacific/Auckland"]));
    assert!(out.contains("Times in Europe/Brussels; on the right in Pacific/Auckland (--tz)."));
    assert!(out.contains("Thursday demo · hybrid              Fri 03:00–03:30"));
}

#[test]
fn week_in_the_zone_of_tz() {
    for tz in [
        "Asia/Tokyo",
        ":Asia/Tokyo",
        "/usr/share/zoneinfo/Asia/Tokyo",
    ] {
        let out = stdout(accord("2026-11-18").env("TZ", tz).args(["week", "atlas"]));
        assert!(
            out.contains("on the right in Asia/Tokyo ($TZ)."),
            "TZ={tz}: {out}"
        );
        assert!(out.contains("Wednesday demo · remote       Thu 01:00–01:30"));
    }
    // A POSIX rule is not a zone name: the week shows the agreement's times only.
    let out = stdout(
        accord("2026-11-18")
            .env("TZ", "CET-1CEST")
            .args(["week", "atlas"]),
    );
    assert!(out.contains("Times in America/New_York.\n"));
}

#[test]
fn member_zone_comes_before_tz_and_the_flag_before_both() {
    let out = stdout(accord("2026-11-18").env("TZ", "Asia/Tokyo").args([
        "week",
        "atlas",
        "--member",
        "Katrin Vogel",
    ]));
    assert!(out.contains("on the right in Europe/Berlin (Katrin Vogel)."));
    assert!(out.contains("Wednesday demo · remote       Wed 17:00–17:30"));

    let out = stdout(accord("2026-11-18").env("TZ", "Asia/Tokyo").args([
        "week",
        "atlas",
        "--member",
        "katrin",
        "--tz",
        "America/Sao_Paulo",
    ]));
    assert!(out.contains("on the right in America/Sao_Paulo (--tz)."));

    // A member without a zone: $TZ is next.
    let out = stdout(accord("2026-11-18").env("TZ", "Asia/Tokyo").args([
        "week",
        "payments",
        "--member",
        "Sofie Claes",
    ]));
    assert!(out.contains("on the right in Asia/Tokyo ($TZ)."));

    // A member in the agreement's own zone.
    let out = stdout(accord("2026-11-18").args(["week", "atlas", "--member", "maya okafor"]));
    assert!(out.contains("Times in America/New_York, yours too (Maya Okafor).\n"));
}

#[test]
fn unknown_member_and_zone_are_clear_errors() {
    accord("2026-11-18")
        .args(["week", "atlas", "--member", "Katrin Vogle"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no member \"Katrin Vogle\" in Atlas",
        ))
        .stderr(predicate::str::contains("did you mean \"Katrin Vogel\"?"));
    // Checked even when --tz decides the zone.
    accord("2026-11-18")
        .args(["week", "atlas", "--member", "Nobody", "--tz", "UTC"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "members: Maya Okafor, Dana Whitfield",
        ));
    accord("2026-11-18")
        .args(["week", "atlas", "--tz", "Europe/Brusels"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean \"Europe/Brussels\"?",
        ));
    accord("2026-11-18")
        .args(["week", "atlas", "--date", "18/11/2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write it as YYYY-MM-DD"));
    accord("2026-11-18")
        .args(["week", "atals"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean \"atlas\"?"));
}

#[test]
fn export_ics_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("payments.ics");
    accord("2026-11-18")
        .args(["export", "payments", "--format", "ics", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&file).unwrap();
    let cal: Calendar = text.parse().unwrap();
    let uids: Vec<&str> = cal.events().filter_map(|e| e.get_uid()).collect();
    assert_eq!(
        uids,
        [
            "payments.presence.tue@accord",
            "payments.presence.thu@accord",
            "payments.weekly-demo@accord",
            "payments.team-lunch@accord",
            "payments.retro@accord",
            "payments.belonging-check-in@accord",
        ]
    );
}

#[test]
fn export_ics_stamps_events_with_the_current_time() {
    let before = Utc::now() - chrono::Duration::seconds(1);
    let out = stdout(accord("2026-11-18").args(["export", "atlas", "--format", "ics"]));
    let after = Utc::now() + chrono::Duration::seconds(1);
    let cal: Calendar = out.parse().unwrap();
    for e in cal.events() {
        let stamp = e.get_timestamp().expect("DTSTAMP");
        assert!(before <= stamp && stamp <= after, "{stamp}");
    }
    assert!(out.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
}

#[test]
fn export_html_to_stdout_and_to_a_file() {
    let out = stdout(accord("2026-11-18").args(["export", "ward-7", "--format", "html"]));
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(out.contains("<title>Ward 7 — team agreement</title>"));
    assert!(out.contains("Liam O&#39;Connor"));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ward-7.html");
    accord("2026-11-18")
        .args(["export", "ward-7", "--format", "html", "--output"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), out);
}

#[test]
fn export_help_names_the_formats() {
    accord("2026-11-18")
        .args(["export", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ics"))
        .stdout(predicate::str::contains("html"));
}
