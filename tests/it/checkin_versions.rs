//! A check-in measures the agreement version in force on the last day it reviews (`to`), read
//! from git history when the current file has moved on — not the version adopted today.

use crate::support::TestRepo;
use accord::checkin::{PeriodChoice, Session};
use accord::store::Workspace;
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const V3: &str = r#"schema = 1
team = "Payments"
version = 3
status = "active"
adopted = 2026-10-01
review_by = 2027-01-01

[[members]]
name = "Ana"

[[members]]
name = "Ben"

[[rituals]]
id = "standup"
name = "Stand-up"
cadence = "daily"

[[rituals]]
id = "lunch"
name = "Team lunch"
cadence = "weekly"
day = "fri"
"#;

/// v4, adopted on the day of the check-in, drops the lunch.
fn v4() -> String {
    V3.replace("version = 3", "version = 4")
        .replace("adopted = 2026-10-01", "adopted = 2026-11-20")
        .replace(
            "\n[[rituals]]\nid = \"lunch\"\nname = \"Team lunch\"\ncadence = \"weekly\"\nday = \"fri\"\n",
            "",
        )
}

const LAST: &str =
    "schema = 2\ndate = 2026-11-06\nfrom = 2026-10-01\nto = 2026-11-05\nagreement_version = 3\n";

fn repo() -> TestRepo {
    let r = TestRepo::new();
    r.write("agreements/accord.toml", "schema = 1\n");
    r.write("agreements/payments/agreement.toml", V3);
    r.write("agreements/payments/checkins/2026-11-06.toml", LAST);
    r.commit_all("payments: v3 and a check-in");
    let v4 = v4();
    assert!(!v4.contains("lunch"), "the fixture must drop the lunch");
    r.write("agreements/payments/agreement.toml", &v4);
    r.commit_all("payments: adopt v4");
    r
}

#[test]
fn a_period_that_ran_under_v3_is_measured_against_v3_after_v4_is_adopted() {
    let r = repo();
    let ws = Workspace::new(r.path().join("agreements"));
    let s = Session::start(
        &ws,
        "payments",
        None,
        day("2026-11-20"),
        PeriodChoice::default(),
    )
    .unwrap();
    assert_eq!(
        (s.period().from, s.period().to),
        (day("2026-11-06"), day("2026-11-19"))
    );
    assert_eq!(s.agreement().version, 3);
    assert_eq!(s.checkin().agreement_version, 3);
    let lunch = s
        .rituals()
        .into_iter()
        .find(|l| l.ritual.id.as_str() == "lunch");
    // Fridays 6 and 13 November: the lunch was planned twice in the period.
    assert_eq!(lunch.map(|l| l.planned), Some(2));
    let note = s
        .version_note()
        .expect("the session says why it is not the current version");
    assert!(note.contains("version 3, in force on 2026-11-19"), "{note}");
    assert!(
        s.notes().iter().any(|n| n.code == "version-in-force"),
        "{:?}",
        s.notes()
    );
}

#[test]
fn moving_the_end_of_the_period_past_the_adoption_switches_to_the_new_version() {
    let r = repo();
    let ws = Workspace::new(r.path().join("agreements"));
    let mut s = Session::start(
        &ws,
        "payments",
        None,
        day("2026-11-21"),
        PeriodChoice::default(),
    )
    .unwrap();
    assert_eq!(
        s.agreement().version,
        4,
        "the period ends on 20 November, under v4"
    );
    s.set_period(day("2026-11-06"), day("2026-11-19")).unwrap();
    assert_eq!(s.agreement().version, 3);
    s.set_held("lunch", 2).unwrap();
    s.set_held("standup", 9).unwrap();
    s.set_period(day("2026-11-06"), day("2026-11-20")).unwrap();
    assert_eq!(s.checkin().agreement_version, 4);
    assert!(s.checkin().rituals.iter().all(|x| x.id.as_str() != "lunch"));
    // What was entered for a ritual both versions have is kept.
    let standup = s
        .checkin()
        .rituals
        .iter()
        .find(|x| x.id.as_str() == "standup");
    assert_eq!(standup.map(|x| x.held), Some(9));
    assert_eq!(s.version_note(), None);
}

#[test]
fn without_history_the_current_version_is_used_and_the_session_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("agreements");
    std::fs::create_dir_all(root.join("payments/checkins")).unwrap();
    std::fs::write(root.join("accord.toml"), "schema = 1\n").unwrap();
    std::fs::write(root.join("payments/agreement.toml"), v4()).unwrap();
    std::fs::write(root.join("payments/checkins/2026-11-06.toml"), LAST).unwrap();
    let ws = Workspace::new(&root);
    let s = Session::start(
        &ws,
        "payments",
        None,
        day("2026-11-20"),
        PeriodChoice::default(),
    )
    .unwrap();
    assert_eq!(s.agreement().version, 4);
    let note = s.version_note().unwrap_or_default();
    assert!(
        note.contains("version 3, in force then, is not in git history"),
        "{note}"
    );
}
