//! Closing the loop through the check-in session, on a real git repository: an action opened,
//! carried (not yet) and closed over three check-ins; a trial that comes due and is kept;
//! wins kept in the draft after a kill; owners checked against the members.

use crate::common::date;
use crate::support::{TestRepo, payments, replace};
use accord::checkin::{DecisionError, PeriodChoice, Session};
use accord::follow::Fate;
use accord::model::{ActionRef, Decision, FollowupState, Rating};
use accord::pulse::Answer;
use accord::store::Workspace;
use accord::store::drafts::Drafts;

/// Payments with the Thursday lunch on trial until 2026-10-01, committed, no check-ins.
fn repo() -> TestRepo {
    let r = TestRepo::new();
    r.write("agreements/accord.toml", "schema = 1\n");
    let a = replace(
        &payments(),
        "owner = \"Jonas Wouters\"",
        "owner = \"Jonas Wouters\"\ntrial_until = 2026-10-01",
    );
    r.write("agreements/payments/agreement.toml", &a);
    r.commit_all("payments: adopt agreement v3");
    r
}

fn start(ws: &Workspace, drafts: Option<&Drafts>, today: &str) -> Session {
    Session::start(ws, "payments", drafts, date(today), PeriodChoice::default()).unwrap()
}

/// Enters a little, saves through the session's checks, and commits with its message.
fn save(r: &TestRepo, ws: &Workspace, s: &mut Session) -> String {
    s.set_held("weekly-demo", 2).unwrap();
    s.rate("first-voice", Rating::Kept, "").unwrap();
    let to = s.to_save(ws).unwrap();
    to.write(None).unwrap();
    r.commit_all(&to.message);
    to.message
}

#[test]
fn an_action_is_opened_carried_and_closed_over_three_check_ins() {
    let r = repo();
    let ws = Workspace::new(r.file("agreements"));
    let lunch = ActionRef::new(date("2026-09-15"), "team-lunch");

    // 1: the lunch is adjusted, owned by Jonas, due 2026-10-01.
    let mut s = start(&ws, None, "2026-09-15");
    assert!(
        s.followups().is_empty(),
        "the first check-in has nothing to follow up"
    );
    s.decide("team-lunch", Decision::Adjust, "book a bigger table")
        .unwrap();
    let e = s.set_owner("team-lunch", Some("Nobody Here")).unwrap_err();
    assert!(matches!(e, DecisionError::NotAMember { .. }), "{e:?}");
    assert_eq!(
        s.set_owner("retro", Some("Jonas Wouters")).unwrap_err(),
        DecisionError::NoDecision {
            item: "retro".into()
        }
    );
    assert!(matches!(
        s.set_due("team-lunch", Some(date("2026-09-01"))),
        Err(DecisionError::DueInThePast { .. })
    ));
    s.set_owner("team-lunch", Some("Jonas Wouters")).unwrap();
    s.set_due("team-lunch", Some(date("2026-10-01"))).unwrap();
    let d = s.decision("team-lunch").unwrap();
    assert_eq!(d.owner.as_deref(), Some("Jonas Wouters"));
    assert_eq!(d.due.map(|d| d.0), Some(date("2026-10-01")));
    save(&r, &ws, &mut s);

    // 2: the lunch is listed; "not yet" carries it (and is saved).
    let mut s = start(&ws, None, "2026-10-06");
    let lines = s.followups();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].action.id, lunch);
    assert_eq!(lines[0].action.owner.as_deref(), Some("Jonas Wouters"));
    assert_eq!(lines[0].action.title.as_deref(), Some("Thursday lunch"));
    assert_eq!(lines[0].state, None);
    let unknown = ActionRef::new(date("2026-09-15"), "retro");
    assert_eq!(
        s.follow_up(&unknown, FollowupState::Done, "")
            .unwrap_err()
            .code,
        "unknown-action"
    );
    s.follow_up(&lunch, FollowupState::NotYet, "the room was taken")
        .unwrap();
    // The trial (due 2026-10-01) is decided here too, so it is not an action left open.
    s.decide("team-lunch", Decision::Keep, "").unwrap();
    let msg = save(&r, &ws, &mut s);
    assert!(
        msg.contains("Follow-ups\n  not yet 2026-09-15/team-lunch\n"),
        "{msg}"
    );
    let saved = r.read("agreements/payments/checkins/2026-10-06.toml");
    assert!(
        saved.contains("[[followups]]\naction = \"2026-09-15/team-lunch\"\ndone = false"),
        "{saved}"
    );

    // 3: still open, carried once; marked done.
    let mut s = start(&ws, None, "2026-10-27");
    let lines = s.followups();
    assert_eq!(lines.len(), 1, "a not-yet action stays open");
    assert_eq!(lines[0].action.fate, Fate::Open { carried: 1 });
    assert_eq!(
        lines[0].action.followup_note.as_deref(),
        Some("the room was taken")
    );
    s.follow_up(&lunch, FollowupState::Done, "bigger table booked")
        .unwrap();
    save(&r, &ws, &mut s);

    // After it: nothing left open; the report's loop agrees.
    let s = start(&ws, None, "2026-11-10");
    assert!(s.followups().is_empty(), "{:?}", s.followups());
    let out = r
        .accord()
        .args(["report", "--team", "payments", "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("\"state\":\"done\"") || json.contains("\"state\": \"done\""),
        "{json}"
    );
}

#[test]
fn a_closed_action_is_not_followed_again_and_a_stale_draft_follow_up_is_noted() {
    let r = repo();
    let ws = Workspace::new(r.file("agreements"));
    let data = tempfile::tempdir().unwrap();
    let drafts = Drafts::new(data.path(), &r.file("agreements"));
    let mut s = start(&ws, None, "2026-09-15");
    s.decide("retro", Decision::Drop, "").unwrap();
    save(&r, &ws, &mut s);
    let retro = ActionRef::new(date("2026-09-15"), "retro");
    let mut s = start(&ws, Some(&drafts), "2026-10-06");
    s.follow_up(&retro, FollowupState::Dropped, "no longer needed")
        .unwrap();
    assert!(s.problems(&ws).iter().all(|d| !d.is_error()));
    s.save_draft(&drafts).unwrap();
    // Meanwhile another check-in closed it: the draft's follow-up no longer fits.
    let mut other = start(&ws, None, "2026-10-01");
    other.follow_up(&retro, FollowupState::Done, "").unwrap();
    save(&r, &ws, &mut other);
    let s = start(&ws, Some(&drafts), "2026-10-06");
    assert!(s.followups().is_empty());
    assert!(s.checkin().followups.is_empty());
    assert!(
        s.notes().iter().any(|n| n
            .message
            .contains("follow-up of 2026-09-15/retro was not used")),
        "{:?}",
        s.notes()
    );
}

#[test]
fn a_trial_comes_due_with_its_figures_and_a_proposal() {
    let r = repo();
    let ws = Workspace::new(r.file("agreements"));
    let mut s = start(&ws, None, "2026-09-15");
    assert!(s.trials().is_empty(), "not due before 2026-10-01");
    s.set_held("team-lunch", 2).unwrap();
    save(&r, &ws, &mut s);

    let mut s = start(&ws, None, "2026-10-06");
    let trials = s.trials();
    assert_eq!(trials.len(), 1);
    let t = trials[0];
    assert_eq!(t.trial.item.item, "team-lunch");
    assert_eq!(t.trial.item.until, date("2026-10-01"));
    assert_eq!(t.trial.during.checkins, 1);
    assert_eq!(t.trial.during.adherence, Some(1.0));
    assert_eq!(t.proposed, Decision::Keep);
    assert!(t.decided.is_none());
    // No pulse question is about the lunch.
    assert_eq!(t.pulse_text(&t.trial.during), "not asked");
    assert_eq!(
        s.accept_proposal("team-lunch", "it works").unwrap(),
        Decision::Keep
    );
    assert_eq!(s.trials()[0].decided.unwrap().decision, Decision::Keep);
    assert_eq!(s.accept_proposal("retro", "").unwrap_err().code, "no-trial");
    save(&r, &ws, &mut s);

    // Decided: no longer due at the next check-in.
    let s = start(&ws, None, "2026-10-27");
    assert!(s.trials().is_empty());
}

#[test]
fn wins_signals_and_decisions_outlive_a_killed_session_in_the_draft() {
    let r = repo();
    let ws = Workspace::new(r.file("agreements"));
    let data = tempfile::tempdir().unwrap();
    let drafts = Drafts::new(data.path(), &r.file("agreements"));
    let mut s = start(&ws, Some(&drafts), "2026-09-15");
    assert_eq!(
        s.add_win("Piotr  ran the demo", Some("weekly-demo"))
            .unwrap(),
        0
    );
    s.add_win("Ines spoke first", None).unwrap();
    s.add_win("to remove", None).unwrap();
    assert_eq!(s.add_win("   ", None).unwrap_err().code, "empty-win");
    assert_eq!(
        s.add_win("x", Some("nope")).unwrap_err().code,
        "unknown-item"
    );
    s.edit_win(1, "Ines opened the design decision", Some("first-voice"))
        .unwrap();
    assert_eq!(s.remove_win(2).unwrap().text, "to remove");
    assert_eq!(s.remove_win(5).unwrap_err().code, "unknown-win");
    s.decide("team-lunch", Decision::Adjust, "").unwrap();
    s.set_owner("team-lunch", Some("Lotte Peeters")).unwrap();
    s.set_due("team-lunch", Some(date("2026-10-01"))).unwrap();
    assert!(s.signal("first-voice").is_some());
    assert!(s.purpose("weekly-demo").unwrap().starts_with("Show what"));
    assert_eq!(s.signal("nope"), None);
    s.save_draft(&drafts).unwrap();
    drop(s); // the app is killed

    let s = start(&ws, Some(&drafts), "2026-09-15");
    let wins: Vec<(&str, Option<&str>)> = s
        .wins()
        .iter()
        .map(|w| (w.text.as_str(), w.item.as_deref()))
        .collect();
    assert_eq!(
        wins,
        [
            ("Piotr ran the demo", Some("weekly-demo")),
            ("Ines opened the design decision", Some("first-voice"))
        ]
    );
    let d = s.decision("team-lunch").unwrap();
    assert_eq!(d.owner.as_deref(), Some("Lotte Peeters"));
    assert_eq!(d.due.map(|d| d.0), Some(date("2026-10-01")));
    assert!(s.notes().is_empty(), "{:?}", s.notes());
    let to = s.to_save(&ws).unwrap();
    assert!(
        to.text.contains("[[wins]]\ntext = \"Piotr ran the demo\""),
        "{}",
        to.text
    );
    assert!(
        to.message.contains("Wins\n  - Piotr ran the demo\n"),
        "{}",
        to.message
    );
}

/// The lunch on trial, with a pulse question about it.
fn repo_with_question() -> TestRepo {
    let r = repo();
    let a = r.read("agreements/payments/agreement.toml")
        + "\n[[questions]]\nid = \"belonging\"\ntext = \"Did you feel you belong?\"\n\n[[questions]]\nid = \"lunch\"\ntext = \"Did lunch help you know the team?\"\nabout = \"team-lunch\"\n";
    r.write("agreements/payments/agreement.toml", &a);
    r.commit_all("payments: adopt agreement v3");
    r
}

/// A check-in on 2026-09-15 with `n` answers (belonging 4, lunch 5) to the pulse.
fn pulse_checkin(r: &TestRepo, ws: &Workspace, n: usize) {
    let mut s = start(ws, None, "2026-09-15");
    let round = s.open_pulse().unwrap();
    for _ in 0..n {
        round
            .answer(&Answer {
                scores: vec![4, 5],
                comment: String::new(),
                groups: vec![],
            })
            .unwrap();
    }
    s.close_pulse();
    s.set_held("team-lunch", 2).unwrap();
    save(r, ws, &mut s);
}

#[test]
fn a_trial_shows_the_pulse_about_it_only_when_it_may_be_shown() {
    let r = repo_with_question();
    let ws = Workspace::new(r.file("agreements"));
    pulse_checkin(&r, &ws, 6);
    let s = start(&ws, None, "2026-10-06");
    let t = s.trials()[0];
    assert_eq!(t.trial.item.questions, ["lunch"]);
    assert_eq!(t.pulse_text(&t.trial.during), "5.0 (6 answers)");
    assert_eq!(t.pulse_text(&t.trial.before), "no check-in");

    let r = repo_with_question();
    let ws = Workspace::new(r.file("agreements"));
    pulse_checkin(&r, &ws, 3);
    let saved = r.read("agreements/payments/checkins/2026-09-15.toml");
    assert!(
        saved.contains("count = 3\nwithheld = true\n") && !saved.contains("scores = "),
        "a withheld pulse stays unwritten: {saved}"
    );
    let s = start(&ws, None, "2026-10-06");
    let t = s.trials()[0];
    assert_eq!(t.trial.during.pulse, None);
    assert_eq!(t.pulse_text(&t.trial.during), "withheld");
}
