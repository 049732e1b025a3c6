//! Closing the loop in the next revision, on a real git repository: the parking lot read back
//! from the adoption's and the check-in's commits, carried (kept), taken up or dropped by
//! `accord edit --from`; a trial kept at a check-in becomes permanent; a new norm is tried for
//! 30 days.

use crate::common::date;
use crate::support::{TestRepo, payments, replace};
use accord::checkin::{PeriodChoice, Session};
use accord::diff::diff_agreements;
use accord::git::{Repo, message};
use accord::model::{Agreement, Decision};
use accord::parse::parse;
use accord::source::Source;
use accord::store::Workspace;

const NEW_NORM: &str =
    "\n[[norms]]\nid = \"quiet-hours\"\ntext = \"No meetings before 10:00 on office days.\"\n";

fn agreement(text: &str) -> Agreement {
    parse(&Source::new("a.toml", text)).unwrap()
}

/// Payments with the lunch on trial until 2026-10-01, adopted with two topics parked, then a
/// check-in on 2026-10-06 that keeps the lunch and parks a third.
fn repo() -> TestRepo {
    let r = TestRepo::new();
    r.write("agreements/accord.toml", "schema = 1\n");
    let text = replace(
        &payments(),
        "owner = \"Jonas Wouters\"",
        "owner = \"Jonas Wouters\"\ntrial_until = 2026-10-01",
    );
    r.write("agreements/payments/agreement.toml", &text);
    let a = agreement(&text);
    let parked = ["Lunch budget".to_string(), "Desk booking".to_string()];
    r.commit_all(&message::agreement(
        "payments",
        &a,
        &diff_agreements(&a, &a),
        &parked,
    ));
    let ws = Workspace::new(r.file("agreements"));
    let mut s = Session::start(
        &ws,
        "payments",
        None,
        date("2026-10-06"),
        PeriodChoice::default(),
    )
    .unwrap();
    assert_eq!(s.trials().len(), 1);
    s.decide("team-lunch", Decision::Keep, "it works").unwrap();
    s.set_held("team-lunch", 4).unwrap();
    assert!(s.park("Quiet room"));
    let to = s.to_save(&ws).unwrap();
    to.write(None).unwrap();
    r.commit_all(&to.message);
    r
}

#[test]
fn the_parking_lot_is_read_back_and_carried_taken_up_or_dropped() {
    let r = repo();
    let parked = Repo::discover(r.path())
        .unwrap()
        .parked(&["payments"])
        .unwrap()
        .remove("payments")
        .unwrap();
    let lot = accord::session::Carried::from_parked(&parked);
    let topics: Vec<&str> = lot.topics().iter().map(|t| t.topic.as_str()).collect();
    assert_eq!(topics, ["Lunch budget", "Desk booking", "Quiet room"]);

    let revised = r.file("revised.toml");
    std::fs::write(
        &revised,
        r.read("agreements/payments/agreement.toml") + NEW_NORM,
    )
    .unwrap();
    let out = r
        .accord()
        .args(["edit", "payments", "--no-interactive", "--from"])
        .arg(&revised)
        .args([
            "--parked",
            "Lunch budget=take",
            "--parked",
            "Quiet room=drop",
        ])
        .args(["--consent-all", "6,0,0", "--commit"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(
            "Parked last time:\n  - Lunch budget (at the last adoption): take up\n  - Desk booking (at the last adoption): keep parked\n  - Quiet room (at the last check-in): drop\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("New, on trial until 2026-12-20: quiet-hours"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Trial kept at the check-in of 2026-10-06: team-lunch is permanent now"),
        "{stdout}"
    );
    assert!(
        stdout.contains("adopted version 4 on 2026-11-20"),
        "{stdout}"
    );

    let msg = r.git(&["log", "-1", "--format=%B"]);
    assert!(msg.starts_with("payments: adopt agreement v4\n"), "{msg}");
    assert!(
        msg.contains("Parking lot (topics to come back to)\n  - Desk booking\n\n"),
        "{msg}"
    );
    assert!(
        msg.contains("Taken up from the parking lot\n  - Lunch budget\n"),
        "{msg}"
    );
    assert!(
        !msg.contains("Quiet room"),
        "a dropped topic is not carried: {msg}"
    );
    assert!(
        msg.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("Consent: "),
        "{msg}"
    );

    // The next session reads back only what was kept.
    let parked = Repo::discover(r.path())
        .unwrap()
        .parked(&["payments"])
        .unwrap()
        .remove("payments")
        .unwrap();
    assert_eq!(parked.adoption.unwrap().topics, ["Desk booking"]);

    let a = agreement(&r.read("agreements/payments/agreement.toml"));
    assert_eq!(
        a.ritual("team-lunch").unwrap().trial_until,
        None,
        "kept: permanent"
    );
    assert_eq!(
        a.norm("quiet-hours").unwrap().trial_until.map(|d| d.0),
        Some(date("2026-12-20"))
    );
    assert_eq!(a.status, accord::model::Status::Active);
}

#[test]
fn a_new_item_can_start_permanent_and_a_wrong_topic_is_named() {
    let r = repo();
    let revised = r.file("revised.toml");
    std::fs::write(
        &revised,
        r.read("agreements/payments/agreement.toml") + NEW_NORM,
    )
    .unwrap();
    let out = r
        .accord()
        .args(["edit", "payments", "--no-interactive", "--from"])
        .arg(&revised)
        .args(["--parked", "Lunch=take"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"Lunch\" was not parked last time"), "{err}");
    assert!(err.contains("\"Lunch budget\""), "{err}");

    let out = r
        .accord()
        .args(["edit", "payments", "--no-interactive", "--from"])
        .arg(&revised)
        .args(["--permanent", "quiet-hours", "--consent-all", "6,0,0"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("New, on trial"), "{stdout}");
    let a = agreement(&r.read("agreements/payments/agreement.toml"));
    assert_eq!(a.norm("quiet-hours").unwrap().trial_until, None);
}

#[test]
fn the_app_and_the_cli_read_the_parked_topics_by_one_lookup() {
    use accord::session::{Carried, Choice, ParkedWhen};
    let r = repo();
    // The wizard asks with the folder's root, as `accord edit` does.
    let c = Carried::for_team(&r.file("agreements"), "payments");
    let listed: Vec<(&str, ParkedWhen, Choice)> = c
        .topics()
        .iter()
        .map(|t| (t.topic.as_str(), t.when, t.choice))
        .collect();
    assert_eq!(
        listed,
        [
            ("Lunch budget", ParkedWhen::Adoption, Choice::KeepParked),
            ("Desk booking", ParkedWhen::Adoption, Choice::KeepParked),
            ("Quiet room", ParkedWhen::CheckIn, Choice::KeepParked),
        ]
    );
    assert!(Carried::for_team(&r.file("agreements"), "atlas").is_empty());
    let plain = tempfile::tempdir().unwrap();
    assert!(
        Carried::for_team(plain.path(), "payments").is_empty(),
        "outside a repository nothing was parked"
    );
}
