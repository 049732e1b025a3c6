//! The parking lot across sessions at a check-in: a new check-in session carries the topics
//! parked at the team's last adoption and last check-in (read from a real repository's
//! commits), each to take up, keep parked or drop; the commit message says what became of them
//! and the draft keeps the choices.

use crate::common::{date, examples};
use crate::support::TestRepo;
use accord::checkin::{PeriodChoice, Session, Step};
use accord::git::message;
use accord::model::CheckIn;
use accord::parse::parse;
use accord::session::{Choice, ParkedWhen};
use accord::source::Source;
use accord::store::Workspace;

const LATER: &str = "agreements/payments/checkins/2026-11-17.toml";
const EARLIER: &str = "agreements/payments/checkins/2026-11-03.toml";

fn checkin(text: &str) -> CheckIn {
    parse(&Source::new("c.toml", text)).unwrap()
}

/// Three commits: the adoption parked one topic; a check-in parked one that the next
/// check-in (the last) no longer lists; the last check-in parked two.
pub fn repo() -> TestRepo {
    let r = TestRepo::new();
    let (_tmp, root) = examples();
    std::fs::rename(&root, r.file("agreements")).unwrap();
    let later = r.read(LATER);
    let earlier = r.read(EARLIER);
    std::fs::remove_file(r.file(LATER)).unwrap();
    std::fs::remove_file(r.file(EARLIER)).unwrap();
    let a: accord::model::Agreement = parse(&Source::new(
        "a.toml",
        r.read("agreements/payments/agreement.toml"),
    ))
    .unwrap();
    let diff = accord::diff::diff_agreements(&a, &a);
    r.commit_all(&message::agreement(
        "payments",
        &a,
        &diff,
        &["Lunch budget".into()],
    ));
    r.write(EARLIER, &earlier);
    r.commit_all(&message::checkin(
        "payments",
        &checkin(&earlier),
        &["Settled long ago".into()],
    ));
    r.write(LATER, &later);
    r.commit_all(&message::checkin(
        "payments",
        &checkin(&later),
        &["Quiet room".into(), "Desk booking".into()],
    ));
    r
}

fn start(r: &TestRepo) -> Session {
    let ws = Workspace::new(r.file("agreements"));
    Session::start(
        &ws,
        "payments",
        None,
        date("2026-11-30"),
        PeriodChoice::default(),
    )
    .unwrap()
}

#[test]
fn a_check_in_opens_with_last_times_parked_topics_all_kept() {
    let r = repo();
    let s = start(&r);
    let carried: Vec<(&str, ParkedWhen, Choice)> = s
        .carried()
        .topics()
        .iter()
        .map(|t| (t.topic.as_str(), t.when, t.choice))
        .collect();
    assert_eq!(
        carried,
        [
            ("Lunch budget", ParkedWhen::Adoption, Choice::KeepParked),
            ("Quiet room", ParkedWhen::CheckIn, Choice::KeepParked),
            ("Desk booking", ParkedWhen::CheckIn, Choice::KeepParked),
        ]
    );
    // The first step is last time's: follow-ups and parked topics.
    assert_eq!(s.steps()[0], Step::Followups);
    // Nothing chosen: every topic is parked again.
    let ws = Workspace::new(r.file("agreements"));
    let m = s.to_save(&ws).unwrap().message;
    assert!(
        m.contains(
            "Parking lot (topics to come back to)\n  - Lunch budget\n  - Quiet room\n  - Desk booking\n"
        ),
        "{m}"
    );
    assert!(!m.contains("Taken up"), "{m}");
}

#[test]
fn choices_go_into_the_commit_message() {
    let r = repo();
    let mut s = start(&r);
    s.choose_carried("Lunch budget", Choice::TakeUp).unwrap();
    s.choose_carried("Quiet room", Choice::Drop).unwrap();
    assert_eq!(
        s.choose_carried("Settled long ago", Choice::Drop)
            .unwrap_err()
            .code,
        "unknown-topic"
    );
    s.park("Parking spaces");
    let ws = Workspace::new(r.file("agreements"));
    let m = s.to_save(&ws).unwrap().message;
    let lot =
        m.find("Parking lot (topics to come back to)\n  - Desk booking\n  - Parking spaces\n\n");
    let taken = m.find("Taken up from the parking lot\n  - Lunch budget\n\n");
    let trailer = m.find("\nAgreement-Version: ");
    assert!(lot.is_some() && taken.is_some(), "{m}");
    assert!(taken < trailer, "the trailers stay last: {m}");
    assert!(!m.contains("Quiet room"), "a dropped topic is gone: {m}");
    // What git then reads back for the next session.
    let parked = accord::git::parked_topics(&m);
    assert_eq!(parked, ["Desk booking", "Parking spaces"]);
}

#[test]
fn the_draft_keeps_the_choices_and_older_drafts_still_load() {
    let r = repo();
    let mut s = start(&r);
    s.choose_carried("Lunch budget", Choice::TakeUp).unwrap();
    s.choose_carried("Desk booking", Choice::Drop).unwrap();
    let text = s.draft_text();
    let mut again = start(&r);
    again.merge_draft(&text, r.file("draft.toml")).unwrap();
    let choices: Vec<Choice> = again.carried().topics().iter().map(|t| t.choice).collect();
    assert_eq!(choices, [Choice::TakeUp, Choice::KeepParked, Choice::Drop]);
    assert!(again.notes().is_empty(), "{:?}", again.notes());
    // A draft from before the choices (the old parked line) still loads, all kept.
    let old = format!("# accord-parked [\"Old\"]\n{}", s.render());
    let mut older = start(&r);
    older.merge_draft(&old, r.file("draft.toml")).unwrap();
    assert_eq!(older.parked(), ["Old"]);
    assert!(
        older
            .carried()
            .topics()
            .iter()
            .all(|t| t.choice == Choice::KeepParked)
    );
    // A choice on a topic no longer carried is reported, not applied.
    let stale = text.replace("Desk booking", "Gone topic");
    let mut third = start(&r);
    third.merge_draft(&stale, r.file("draft.toml")).unwrap();
    assert!(
        third
            .notes()
            .iter()
            .any(|n| n.message.contains("Gone topic"))
    );
}
