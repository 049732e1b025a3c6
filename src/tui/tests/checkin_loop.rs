//! Closing the loop in the check-in flow: the follow-up step on last time's actions, wins on
//! any step (listed, edited and removed in the summary), owner and due date on decisions, and a
//! trial due with its proposal.

use accord::checkin::Step;
use accord::model::{Decision, FollowupState};
use ratatui::crossterm::event::KeyCode;

use super::checkin::checkin;
use super::*;
use crate::tui::app::Screen;
use crate::tui::checkin::CheckinState;

fn state(app: &App) -> &CheckinState {
    match app.screen() {
        Some(Screen::Checkin(c)) => c,
        _ => panic!("not on the check-in"),
    }
}

fn at(mut app: App, step: Step) -> App {
    while state(&app).step != step {
        let before = state(&app).step;
        cmd(&mut app, Cmd::NextStep);
        assert_ne!(before, state(&app).step, "stuck on {before:?}");
    }
    app
}

fn both(name: &str, app: &App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app.clone();
        app.size = (w, h);
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), frame(&app, w, h).backend());
    }
}

fn answers(app: &App) -> Vec<Option<FollowupState>> {
    state(app)
        .session
        .followups()
        .iter()
        .map(|l| l.state)
        .collect()
}

#[test]
fn follow_ups_are_marked_done_not_yet_or_dropped_with_a_note_and_summed_up() {
    let mut app = fixture(checkin("payments"));
    assert_eq!(state(&app).step, Step::Followups);
    let open = answers(&app).len();
    assert_eq!(open, 5, "the examples leave five actions open");
    // ←→ cycles done → not yet → dropped → none; x takes the answer back.
    press(&mut app, KeyCode::Right);
    assert_eq!(answers(&app)[0], Some(FollowupState::Done));
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Headsets are in Kasai");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        state(&app).session.followups()[0].note,
        Some("Headsets are in Kasai")
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(answers(&app)[1], Some(FollowupState::NotYet));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Left);
    assert_eq!(answers(&app)[2], Some(FollowupState::Dropped));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(answers(&app)[3], None, "x takes the answer back");
    // A note before an answer is refused, with what to do.
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "later");
    press(&mut app, KeyCode::Enter);
    let m = state(&app).message.clone().unwrap();
    assert!(m.contains("done, not yet or dropped first"), "{m}");
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    both("checkin-followups", &app);
    assert_eq!(state(&app).session.checkin().followups.len(), 3);

    let app = at(app, Step::Summary);
    let t = text(&app, 160, 48);
    assert!(
        t.contains("Follow-ups: 3 of 5 open action(s) answered"),
        "{t}"
    );
    assert!(t.contains("2 open action(s) not followed up"), "{t}");
    assert!(t.contains("done     When Piotr"), "{t}");
    assert!(t.contains("Headsets are in Kasai"), "{t}");
}

#[test]
fn a_win_is_recorded_on_any_step_and_edited_and_removed_in_the_summary() {
    let mut app = fixture(checkin("payments"));
    // On the follow-up step: a win about no item.
    press(&mut app, KeyCode::Char('W'));
    assert!(text(&app, 80, 24).contains("Typing a win to celebrate"));
    typed(&mut app, "Piotr ran the demo from Lisbon");
    press(&mut app, KeyCode::Enter);
    let m = state(&app).message.clone().unwrap();
    assert!(m.starts_with("Win recorded: Piotr ran the demo"), "{m}");
    // On the rituals step: about the selected ritual.
    let mut app = at(app, Step::Rituals);
    press(&mut app, KeyCode::Down);
    let ritual = state(&app).session.rituals()[1].ritual.id.to_string();
    press(&mut app, KeyCode::Char('W'));
    typed(&mut app, "Two new people spoke first");
    press(&mut app, KeyCode::Enter);
    // An empty win records nothing.
    press(&mut app, KeyCode::Char('W'));
    press(&mut app, KeyCode::Enter);
    let wins = state(&app).session.wins().to_vec();
    assert_eq!(wins.len(), 2);
    assert_eq!(wins[0].item, None);
    assert_eq!(wins[1].item.as_deref(), Some(ritual.as_str()));

    let mut app = at(app, Step::Summary);
    both("checkin-summary-wins", &app);
    // → chooses the second win; e edits it; x removes the first.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('e'));
    for _ in 0.."first".len() {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "before anyone else");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        state(&app).session.wins()[1].text,
        "Two new people spoke before anyone else"
    );
    assert_eq!(
        state(&app).session.wins()[1].item.as_deref(),
        Some(ritual.as_str())
    );
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('x'));
    let wins = state(&app).session.wins().to_vec();
    assert_eq!(wins.len(), 1);
    assert_eq!(wins[0].text, "Two new people spoke before anyone else");
    assert!(text(&app, 160, 48).contains("Wins to celebrate (1)"));
}

#[test]
fn a_decision_gets_an_owner_among_the_members_and_a_checked_due_date() {
    let mut app = at(fixture(checkin("payments")), Step::Decisions);
    let item = state(&app).session.items()[0].id().to_string();
    let decision = |app: &App| state(app).session.decision(&item).cloned();
    // No decision yet: the owner is refused with what to do.
    press(&mut app, KeyCode::Char('o'));
    let m = state(&app).message.clone().unwrap();
    assert!(
        m.contains("has no decision yet") && m.contains("keep, adjust or drop"),
        "{m}"
    );
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(decision(&app).unwrap().decision, Decision::Adjust);
    // o walks through the members, then back to nobody.
    let members: Vec<String> = state(&app)
        .session
        .agreement()
        .members
        .iter()
        .map(|m| m.name.clone())
        .collect();
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        decision(&app).unwrap().owner.as_deref(),
        Some(members[0].as_str())
    );
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        decision(&app).unwrap().owner.as_deref(),
        Some(members[1].as_str())
    );
    for _ in 1..members.len() {
        press(&mut app, KeyCode::Char('o'));
    }
    assert_eq!(decision(&app).unwrap().owner, None);
    press(&mut app, KeyCode::Char('o'));
    // A due date before the check-in is refused by the session, its message shown.
    press(&mut app, KeyCode::Char('u'));
    typed(&mut app, "2026-11-01");
    press(&mut app, KeyCode::Enter);
    let m = state(&app).message.clone().unwrap();
    assert!(m.contains("before the check-in (2026-11-20)"), "{m}");
    assert_eq!(decision(&app).unwrap().due, None);
    press(&mut app, KeyCode::Char('u'));
    typed(&mut app, "soon");
    press(&mut app, KeyCode::Enter);
    let m = state(&app).message.clone().unwrap();
    assert!(m.contains("\"soon\" is not a date"), "{m}");
    press(&mut app, KeyCode::Char('u'));
    typed(&mut app, "2026-12-04");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        decision(&app)
            .unwrap()
            .due
            .map(|d| d.0.to_string())
            .as_deref(),
        Some("2026-12-04")
    );
    both("checkin-decisions-owner", &app);
}

/// Payments with the belonging check-in's trial ending before this check-in.
fn trial_due() -> (Scratch, App) {
    let s = Scratch::new();
    let path = s.root().join("payments/agreement.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("trial_until = 2026-11-30"));
    std::fs::write(
        &path,
        text.replace("trial_until = 2026-11-30", "trial_until = 2026-11-18"),
    )
    .unwrap();
    let app = s.app(checkin("payments"));
    (s, app)
}

#[test]
fn a_trial_due_shows_adherence_pulse_and_the_proposal_that_a_accepts() {
    let (_s, app) = trial_due();
    let mut app = at(app, Step::Decisions);
    let trials = state(&app).session.trials();
    assert_eq!(trials.len(), 1, "the belonging check-in's trial is due");
    let item = trials[0].trial.item.item.clone();
    let proposed = trials[0].proposed;
    let t = text(&app, 160, 48);
    assert!(t.contains("Trials due (1): a takes the proposal"), "{t}");
    assert!(
        t.contains("before →") && t.contains("during · pulse"),
        "{t}"
    );
    assert!(t.contains(&format!("proposed {proposed}")), "{t}");
    // a on another item says it is no trial.
    press(&mut app, KeyCode::Char('a'));
    let row = state(&app)
        .session
        .items()
        .iter()
        .position(|i| i.id() == item)
        .unwrap();
    if row != 0 {
        let m = state(&app).message.clone().unwrap();
        assert!(m.contains("is not a trial due"), "{m}");
    }
    while state(&app).row < row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(
        state(&app).session.decision(&item).map(|a| a.decision),
        Some(proposed)
    );
    let m = state(&app).message.clone().unwrap();
    assert!(m.contains("as proposed"), "{m}");
    both("checkin-decisions-trial", &app);
}
