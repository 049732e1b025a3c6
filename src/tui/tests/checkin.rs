//! The check-in flow: every step at 80×24 and 160×48, the hidden pulse entry, withheld and
//! shown results around `min_responses`, and key flows through `update` for each step.

use accord::checkin::Step;
use accord::model::{CheckIn, Decision, Rating};
use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::tui::app::Screen;
use crate::tui::checkin::io::CheckinRequest;
use crate::tui::checkin::{CheckinState, Col};

pub fn checkin(team: &str) -> Start {
    Start::Checkin(CheckinRequest {
        team: team.into(),
        from: None,
        to: None,
        workshop: false,
    })
}

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

/// Goes to `step`, back or forward.
fn go(mut app: App, step: Step) -> App {
    let steps = state(&app).steps();
    let target = steps.iter().position(|s| *s == step).unwrap();
    while state(&app).index() > target {
        cmd(&mut app, Cmd::PrevStep);
    }
    at(app, step)
}

fn both(name: &str, app: &App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app.clone();
        app.size = (w, h);
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), frame(&app, w, h).backend());
    }
}

/// Payments with some of everything entered: presence, rituals, a norm, a decision.
fn filled() -> App {
    let mut app = at(fixture(checkin("payments")), Step::Presence);
    typed(&mut app, "5");
    cmd(&mut app, Cmd::Down);
    typed(&mut app, "4");
    let mut app = at(app, Step::Rituals);
    typed(&mut app, "1");
    let mut app = at(app, Step::Norms);
    cmd(&mut app, Cmd::Right);
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Right);
    cmd(&mut app, Cmd::Right);
    let mut app = at(app, Step::Decisions);
    cmd(&mut app, Cmd::Right);
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Right);
    cmd(&mut app, Cmd::Right);
    app
}

/// `n` answers through the hidden entry, then the round closed.
fn pulse(app: &mut App, scores: &[(char, &str)]) {
    press(app, KeyCode::Enter);
    for (s, comment) in scores {
        // The question's page, then the comment's: one key goes to one page.
        press(app, KeyCode::Char(*s));
        press(app, KeyCode::Enter);
        typed(app, comment);
        press(app, KeyCode::Enter);
    }
    press(app, KeyCode::Esc);
    press(app, KeyCode::Char('c'));
}

#[test]
fn every_step_at_both_sizes() {
    let app = fixture(checkin("payments"));
    assert_eq!(
        state(&app).step,
        Step::Followups,
        "last time's actions come first"
    );
    both("checkin-followups", &app);
    let app = at(app, Step::Period);
    both("checkin-period", &app);
    let app = filled();
    for step in [
        Step::Presence,
        Step::Rituals,
        Step::Norms,
        Step::Decisions,
        Step::Summary,
    ] {
        let a = go(app.clone(), step);
        both(
            &format!("checkin-{}", step.title().to_lowercase().replace(' ', "-")),
            &a,
        );
    }
    let a = go(app.clone(), Step::Pulse);
    both("checkin-pulse", &a);
    let mut open = a.clone();
    press(&mut open, KeyCode::Enter);
    both("checkin-pulse-entry", &open);
    press(&mut open, KeyCode::Esc);
    both("checkin-pulse-open", &open);

    let mut leaving = app.clone();
    press(&mut leaving, KeyCode::Char('q'));
    both("checkin-leave", &leaving);
}

#[test]
fn workshop_mode_has_a_timer_and_high_contrast() {
    let app = fixture(Start::Checkin(CheckinRequest {
        team: "payments".into(),
        from: None,
        to: None,
        workshop: true,
    }));
    let mut app = at(app, Step::Period);
    for s in 0..=95 {
        update(
            &mut app,
            Action::Tick(now() + chrono::TimeDelta::seconds(s)),
        );
    }
    assert_eq!(
        app.theme().selected(),
        crate::tui::theme::Theme::new(crate::tui::theme::Palette::HighContrast, false).selected()
    );
    both("checkin-workshop-period", &app);
}

#[test]
fn the_hidden_entry_never_shows_the_score_or_the_comment() {
    let mut app = at(fixture(checkin("payments")), Step::Pulse);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('4'));
    for (w, h) in [(80, 24), (160, 48)] {
        // Below the header and the step line ("4 Norms").
        let shown: String = text(&app, w, h)
            .lines()
            .skip(2)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!shown.contains('4'), "a typed 4 is on screen:\n{shown}");
        assert!(shown.contains("Score: chosen (hidden)"), "{shown}");
    }
    insta::assert_snapshot!("checkin-pulse-typed-4@80x24", frame(&app, 80, 24).backend());
    // Another score looks the same: the page tells nothing of the choice.
    let mut other = app.clone();
    press(&mut other, KeyCode::Char('1'));
    assert_eq!(text(&other, 80, 24), text(&app, 80, 24));
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "great week");
    for (w, h) in [(80, 24), (160, 48)] {
        // Below the header and the step line ("4 Norms"): the step, its entry, the footer.
        let shown: String = text(&app, w, h)
            .lines()
            .skip(2)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!shown.contains('4'), "a typed 4 is on screen:\n{shown}");
        assert!(
            !shown.contains("great"),
            "the comment is on screen:\n{shown}"
        );
        assert!(
            shown.contains("Comment: optional, hidden as you type"),
            "{shown}"
        );
    }
    insta::assert_snapshot!("checkin-pulse-comment@80x24", frame(&app, 80, 24).backend());
    let mut other = app.clone();
    typed(&mut other, "5 stars, and much longer than the other one");
    assert_eq!(text(&other, 80, 24), text(&app, 80, 24));
    // Recorded: only the count moves on.
    press(&mut app, KeyCode::Enter);
    let shown: String = text(&app, 80, 24)
        .lines()
        .skip(2)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(shown.contains("1 of at most 6 answered"), "{shown}");
    assert!(!shown.contains('4') && !shown.contains("great"), "{shown}");
    // The debug form (logs) tells nothing either.
    assert!(!format!("{:?}", state(&app).session).contains("great"));
}

#[test]
fn results_are_withheld_below_min_responses_and_shown_from_it() {
    // accord.toml of the fixture: min_responses = 5.
    let mut four = at(fixture(checkin("payments")), Step::Pulse);
    pulse(
        &mut four,
        &[('2', "less noise"), ('3', ""), ('4', ""), ('5', "")],
    );
    let shown = text(&four, 80, 24);
    assert!(
        shown.contains("Results withheld: 4 of 5 answers needed."),
        "{shown}"
    );
    assert!(
        !shown.contains("Mean") && !shown.contains("less noise"),
        "{shown}"
    );
    both("checkin-pulse-withheld", &four);
    let summary = at(four.clone(), Step::Summary);
    let s = text(&summary, 160, 48);
    assert!(s.contains("withheld: 4 of 5") && !s.contains("Mean"), "{s}");
    // The file keeps the count and nothing else.
    let kept = state(&four).session.render();
    assert!(
        kept.contains("[pulse]\nmin_responses = 5\ncount = 4\nwithheld = true\n"),
        "{kept}"
    );
    assert!(
        !kept.contains("less noise") && !kept.contains("scores"),
        "{kept}"
    );

    let mut five = at(fixture(checkin("payments")), Step::Pulse);
    pulse(
        &mut five,
        &[
            ('2', "less noise"),
            ('3', ""),
            ('4', ""),
            ('5', ""),
            ('1', ""),
        ],
    );
    let shown = text(&five, 80, 24);
    assert!(
        shown.contains("5 answers") && shown.contains("mean 3.0"),
        "{shown}"
    );
    assert!(shown.contains("less noise"), "{shown}");
    both("checkin-pulse-shown", &five);
}

#[test]
fn the_pulse_round_must_close_before_leaving_the_step_and_can_be_cancelled() {
    let mut app = at(fixture(checkin("payments")), Step::Pulse);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    // While answering, q and n are text, not commands.
    typed(&mut app, "qn?");
    assert!(!app.quit && state(&app).step == Step::Pulse && app.help.is_none());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(state(&app).step, Step::Pulse);
    assert!(
        state(&app)
            .message
            .as_deref()
            .unwrap()
            .contains("Close the round")
    );
    press(&mut app, KeyCode::Char('x'));
    assert!(!state(&app).session.pulse_open());
    assert!(state(&app).session.checkin().pulse.is_none());
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(state(&app).step, Step::Decisions);
    // Enter without a score records nothing.
    let mut app = at(fixture(checkin("payments")), Step::Pulse);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(state(&app).session.pulse_answered(), Some(0));
}

#[test]
fn period_moves_by_days_and_takes_typed_dates() {
    let mut app = at(fixture(checkin("payments")), Step::Period);
    let p = state(&app).session.period();
    assert_eq!(
        (p.from.to_string(), p.to.to_string()),
        ("2026-11-17".into(), "2026-11-19".into())
    );
    cmd(&mut app, Cmd::Left);
    assert_eq!(state(&app).session.period().from.to_string(), "2026-11-16");
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Right);
    assert_eq!(state(&app).session.period().to.to_string(), "2026-11-20");
    cmd(&mut app, Cmd::Right);
    assert!(
        state(&app)
            .message
            .as_deref()
            .unwrap()
            .contains("after the check-in date"),
        "{:?}",
        state(&app).message
    );
    assert_eq!(state(&app).session.period().to.to_string(), "2026-11-20");
    cmd(&mut app, Cmd::Up);
    press(&mut app, KeyCode::Enter);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-11-03");
    press(&mut app, KeyCode::Enter);
    assert_eq!(state(&app).session.period().from.to_string(), "2026-11-03");
    assert_eq!(state(&app).session.presence_days().len(), 6);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "x");
    press(&mut app, KeyCode::Enter);
    assert!(
        state(&app)
            .message
            .as_deref()
            .unwrap()
            .contains("is not a date")
    );
    // Esc while typing cancels the field only.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(state(&app).typing.is_none() && !app.quit && !state(&app).leaving);
}

#[test]
fn presence_numbers_by_digits_plus_minus_and_days_left_out() {
    let mut app = at(fixture(checkin("payments")), Step::Presence);
    typed(&mut app, "12");
    assert_eq!(state(&app).session.presence_days()[0].present, 12);
    assert!(
        state(&app)
            .message
            .as_deref()
            .unwrap()
            .contains("more than expected")
    );
    press(&mut app, KeyCode::Backspace);
    typed(&mut app, "-");
    assert_eq!(state(&app).session.presence_days()[0].present, 0);
    typed(&mut app, "++++");
    assert_eq!(state(&app).session.presence_days()[0].present, 4);
    press(&mut app, KeyCode::Right);
    assert_eq!(state(&app).col, Col::Second);
    typed(&mut app, "0");
    assert!(
        state(&app)
            .message
            .as_deref()
            .unwrap()
            .contains("nobody was expected")
    );
    typed(&mut app, "4");
    let d = state(&app).session.presence_days()[0];
    assert_eq!((d.present, d.expected), (4, 4));
    assert!(state(&app).session.is_entered(d.date.0));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(state(&app).session.presence_days().len(), 1);
    assert!(text(&app, 80, 24).contains("left out"));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(state(&app).session.presence_days().len(), 2);
}

#[test]
fn rituals_held_planned_and_notes() {
    let mut app = at(fixture(checkin("payments")), Step::Rituals);
    typed(&mut app, "1");
    press(&mut app, KeyCode::Right);
    typed(&mut app, "2");
    let l = state(&app).session.rituals()[0];
    assert_eq!(
        (l.held, l.planned, l.derived, l.overridden),
        (1, 2, 1, true)
    );
    assert!(text(&app, 80, 24).contains("cadence: 1"));
    press(&mut app, KeyCode::Char('r'));
    assert!(!state(&app).session.rituals()[0].overridden);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Demo moved to Friday");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        state(&app).session.rituals()[0].note,
        Some("Demo moved to Friday")
    );
}

#[test]
fn norms_and_decisions_cycle_clear_and_take_notes() {
    let mut app = at(fixture(checkin("payments")), Step::Norms);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(
        state(&app)
            .message
            .as_deref()
            .unwrap()
            .contains("rate the norm first")
    );
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Twice this week");
    press(&mut app, KeyCode::Enter);
    let n = &state(&app).session.checkin().norms[0];
    assert_eq!(
        (n.rating, n.note.as_deref()),
        (Rating::Partly, Some("Twice this week"))
    );
    // Choosing again keeps the note; past the last choice the rating is cleared.
    press(&mut app, KeyCode::Right);
    let n = &state(&app).session.checkin().norms[0];
    assert_eq!(
        (n.rating, n.note.as_deref()),
        (Rating::Broken, Some("Twice this week"))
    );
    press(&mut app, KeyCode::Right);
    assert!(state(&app).session.checkin().norms.is_empty());
    press(&mut app, KeyCode::Left);
    assert_eq!(
        state(&app).session.checkin().norms[0].rating,
        Rating::Broken
    );
    press(&mut app, KeyCode::Char('x'));
    assert!(state(&app).session.checkin().norms.is_empty());

    let mut app = at(app, Step::Decisions);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Move to Tuesday");
    press(&mut app, KeyCode::Enter);
    let a = &state(&app).session.checkin().actions[0];
    assert_eq!(
        (a.item.as_str(), a.decision, a.note.as_deref()),
        ("weekly-demo", Decision::Adjust, Some("Move to Tuesday"))
    );
}

#[test]
fn save_writes_the_file_once_and_says_why_it_was_not_committed() {
    let s = Scratch::new();
    let app = s.app(checkin("payments"));
    let io = s.io(&app);
    let mut app = at(app, Step::Presence);
    typed(&mut app, "5");
    let mut app = at(app, Step::Pulse);
    pulse(&mut app, &[('4', "ok")]);
    let mut app = at(app, Step::Summary);
    let effects = press(&mut app, KeyCode::Char('s'));
    assert!(matches!(effects.as_slice(), [Effect::Checkin(_)]));
    settle(&mut app, &io, effects);
    let path = s.root().join("payments/checkins/2026-11-20.toml");
    let src = accord::source::Source::read(&path).unwrap();
    let saved: CheckIn = accord::parse::parse(&src).unwrap();
    assert_eq!(&saved, state(&app).session.checkin());
    assert_eq!(saved.presence[0].present, 5);
    let status = app.status.clone().unwrap().text;
    // The same commit step, and the same words, as the wizard's saves.
    assert!(
        status.contains("not committed: the folder is not in a git repository")
            && status.contains("2026-11-20.toml"),
        "{status}"
    );
    assert_eq!(
        state(&app).saved.as_ref().map(|s| &s.commit),
        Some(&crate::tui::action::Committed::NoRepository)
    );
    let screen = text(&app, 160, 48);
    assert!(
        screen.contains("Not committed: the folder is not in a git repository"),
        "{screen}"
    );
    // Saved: nothing changes it any more, and leaving does not ask.
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('x'));
    assert!(
        state(&app)
            .message
            .as_deref()
            .unwrap()
            .contains("This check-in is saved")
    );
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);

    // A second check-in on the same day never overwrites the first.
    let mut again = at(
        s.app(Start::Checkin(CheckinRequest {
            team: "payments".into(),
            from: chrono::NaiveDate::from_ymd_opt(2026, 11, 17),
            to: None,
            workshop: false,
        })),
        Step::Summary,
    );
    // Nothing is entered in this one: `s` asks first, `y` saves.
    assert!(press(&mut again, KeyCode::Char('s')).is_empty());
    let effects = press(&mut again, KeyCode::Char('y'));
    settle(&mut again, &io, effects);
    assert!(state(&again).saved.is_none());
    assert!(
        state(&again)
            .message
            .as_deref()
            .unwrap()
            .contains("already a check-in")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src.text);
}

#[test]
fn no_draft_is_written_while_the_check_in_is_being_saved() {
    let s = Scratch::new();
    let app = s.app(checkin("payments"));
    let io = s.io(&app);
    let mut app = at(app, Step::Presence);
    typed(&mut app, "5");
    let mut app = at(app, Step::Summary);
    let effects = press(&mut app, KeyCode::Char('s'));
    assert!(matches!(effects.as_slice(), [Effect::Checkin(_)]));
    // A tick before the worker reports the save: the autosave must not write the draft the
    // save is about to remove (it would be offered back as unsaved work).
    let late = update(
        &mut app,
        Action::Tick(now() + chrono::TimeDelta::seconds(5)),
    );
    assert!(late.is_empty(), "{late:?}");
    settle(&mut app, &io, effects);
    assert!(
        io.drafts
            .as_ref()
            .unwrap()
            .load("payments", accord::store::drafts::DraftKind::CheckIn)
            .is_none()
    );
}

#[test]
fn the_draft_is_kept_after_a_change_and_merged_on_the_next_start() {
    let s = Scratch::new();
    let app = s.app(checkin("payments"));
    let io = s.io(&app);
    let mut app = at(app, Step::Presence);
    typed(&mut app, "3");
    press(&mut app, KeyCode::Char('P'));
    typed(&mut app, "Lunch budget");
    press(&mut app, KeyCode::Enter);
    assert!(
        update(
            &mut app,
            Action::Tick(now() + chrono::TimeDelta::milliseconds(500))
        )
        .is_empty()
    );
    let effects = update(
        &mut app,
        Action::Tick(now() + chrono::TimeDelta::milliseconds(1250)),
    );
    assert_eq!(effects.len(), 1);
    settle(&mut app, &io, effects);
    assert!(state(&app).draft_saved_at.is_some());
    // Leaving asks; k keeps the draft.
    press(&mut app, KeyCode::Char('q'));
    assert!(state(&app).leaving);
    let effects = press(&mut app, KeyCode::Char('k'));
    settle(&mut app, &io, effects);
    assert!(app.quit);

    let again = s.app(checkin("payments"));
    assert_eq!(state(&again).session.presence_days()[0].present, 3);
    assert_eq!(state(&again).session.parked(), ["Lunch budget"]);
    assert!(state(&again).notices[0].contains("Started from the check-in draft"));
    // Leaving with d discards it.
    let mut again = again;
    typed(&mut again, "");
    cmd(&mut again, Cmd::Left);
    press(&mut again, KeyCode::Char('q'));
    let effects = press(&mut again, KeyCode::Char('d'));
    settle(&mut again, &io, effects);
    let third = s.app(checkin("payments"));
    assert_eq!(state(&third).session.presence_days()[0].present, 0);
    assert!(state(&third).notices.is_empty());
}

#[test]
fn topics_are_parked_from_any_step_shown_and_committed() {
    let mut app = fixture(Start::Checkin(CheckinRequest {
        team: "payments".into(),
        from: None,
        to: None,
        workshop: true,
    }));
    assert!(text(&app, 80, 24).contains("P parks a topic"));
    press(&mut app, KeyCode::Char('P'));
    assert!(text(&app, 80, 24).contains("Typing a topic for the parking lot"));
    typed(&mut app, "Lunch  budget ");
    press(&mut app, KeyCode::Enter);
    assert_eq!(state(&app).session.parked(), ["Lunch budget"]);
    assert!(state(&app).touched, "a parked topic is kept in the draft");
    assert_eq!(state(&app).message.as_deref(), Some("Parked: Lunch budget"));
    // Esc cancels; the same topic twice is refused; nothing typed parks nothing.
    press(&mut app, KeyCode::Char('P'));
    typed(&mut app, "Desks");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('P'));
    typed(&mut app, "Lunch budget");
    press(&mut app, KeyCode::Enter);
    assert!(state(&app).message.as_deref().unwrap().contains("already"));
    press(&mut app, KeyCode::Char('P'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(state(&app).session.parked(), ["Lunch budget"]);
    // The step's own keys still work after the field closed: P took no row's text.
    let mut app = at(app, Step::Presence);
    press(&mut app, KeyCode::Char('P'));
    typed(&mut app, "Desk booking");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        state(&app).session.presence_days()[0].present,
        0,
        "typing into the parking lot never reaches the table"
    );
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("Parking lot (2): Lunch budget · Desk booking"),
        "{screen}"
    );
    let mut app = at(app, Step::Summary);
    let screen = text(&app, 160, 48);
    assert!(screen.contains("  • Desk booking"), "{screen}");
    // Only topics were entered: `s` asks before saving a check-in of zeros.
    assert!(press(&mut app, KeyCode::Char('s')).is_empty());
    let effects = press(&mut app, KeyCode::Char('y'));
    let [
        Effect::Checkin(crate::tui::checkin::io::CheckinEffect::Save(accord::checkin::ToSave {
            message,
            ..
        })),
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert!(
        message
            .contains("Parking lot (topics to come back to)\n  - Lunch budget\n  - Desk booking\n"),
        "{message}"
    );
}

#[test]
fn help_lists_the_keys_of_the_step() {
    let mut app = at(fixture(checkin("payments")), Step::Presence);
    press(&mut app, KeyCode::Char('?'));
    assert!(app.help.is_some());
    let shown = text(&app, 80, 24);
    assert!(
        shown.contains("Keys (Esc closes)") && shown.contains("Numbers"),
        "{shown}"
    );
    insta::assert_snapshot!("checkin-help@80x24", frame(&app, 80, 24).backend());
    press(&mut app, KeyCode::Esc);
    assert!(app.help.is_none() && !app.quit);
}

#[test]
fn leaving_without_entering_anything_does_not_ask_and_esc_stays() {
    let mut app = fixture(checkin("payments"));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    let mut app = at(fixture(checkin("payments")), Step::Rituals);
    typed(&mut app, "1");
    press(&mut app, KeyCode::Esc);
    assert!(state(&app).leaving && !app.quit);
    // The prompt has its own keys: q does nothing, Esc stays.
    press(&mut app, KeyCode::Esc);
    assert!(!state(&app).leaving && !app.quit);
}

#[test]
fn the_teams_screen_opens_the_check_in_with_c() {
    let s = Scratch::new();
    let mut app = s.app(Start::Teams);
    let io = s.io(&app);
    assert!(app.footer().iter().any(|i| i.cmd == Cmd::CheckIn));
    // Atlas is the first row.
    let effects = press(&mut app, KeyCode::Char('c'));
    settle(&mut app, &io, effects);
    assert_eq!(state(&app).team(), "atlas");
    press(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.screen(), Some(Screen::Teams(_))) || app.quit);
    // A draft agreement cannot be checked in on: the status says why.
    let mut app = s.app(Start::Teams);
    cmd(&mut app, Cmd::Down);
    let effects = press(&mut app, KeyCode::Char('c'));
    settle(&mut app, &io, effects);
    assert!(matches!(app.screen(), Some(Screen::Teams(_))));
    assert!(
        app.status
            .unwrap()
            .text
            .contains("check-ins measure an active agreement")
    );
}

#[test]
fn mouse_clicks_steps_and_rows() {
    use ratatui::crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    let click = |app: &mut App, column: u16, row: u16| super::click(app, column, row);
    let mut app = fixture(checkin("payments"));
    // The step line is the body's first row (screen row 1); at 80 columns eight steps leave
    // no room for their numbers.
    let shown = text(&app, 80, 24);
    let line = shown.lines().nth(1).unwrap();
    let at_byte = line.find("Norms").unwrap();
    let col = line[..at_byte].chars().count() as u16;
    click(&mut app, col + 2, 1);
    assert_eq!(state(&app).step, Step::Norms);
    // Rows: the frame's top border is row 2, the header row 3, the first norm row 4.
    click(&mut app, 10, 6);
    assert_eq!(state(&app).row, 2);
    click(&mut app, 10, 6);
    assert_eq!(
        state(&app).session.checkin().norms[0].rating,
        Rating::Kept,
        "a second click chooses"
    );
    // Below the table: nothing.
    click(&mut app, 10, 18);
    assert_eq!(state(&app).row, 2);
    // Scrolling moves the selection.
    update(
        &mut app,
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollUp,
            column: 10,
            row: 6,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(state(&app).row, 1);
}

/// Atlas asks three questions and the tenure grouping: each page of the hidden entry is the
/// same whatever is typed on it, a digit on the comment page is text, and the workshop timer
/// is gone while the round is open.
#[test]
fn every_question_page_is_the_same_whatever_is_typed() {
    let mut app = at(
        fixture(Start::Checkin(CheckinRequest {
            team: "atlas".into(),
            from: None,
            to: None,
            workshop: true,
        })),
        Step::Pulse,
    );
    assert!(text(&app, 80, 24).contains("on this step"));
    press(&mut app, KeyCode::Enter);
    assert!(
        !text(&app, 80, 24).contains("on this step"),
        "no timer while the round is open"
    );
    let pages = [
        ("question-1", ['1', '5']),
        ("question-2", ['2', '4']),
        ("question-3", ['3', '1']),
        ("tenure", ['1', '0']),
    ];
    for (name, [a, b]) in pages {
        let (mut one, mut other) = (app.clone(), app.clone());
        press(&mut one, KeyCode::Char(a));
        press(&mut other, KeyCode::Char(b));
        for (w, h) in [(80, 24), (160, 48)] {
            assert_eq!(
                text(&one, w, h),
                text(&other, w, h),
                "page {name} at {w}x{h}"
            );
        }
        insta::assert_snapshot!(
            format!("checkin-pulse-page-{name}@80x24"),
            frame(&one, 80, 24).backend()
        );
        app = one;
        press(&mut app, KeyCode::Enter);
    }
    typed(&mut app, "3 cheers for the decision log");
    let shown = text(&app, 80, 24);
    assert!(!shown.contains("cheers"), "{shown}");
    press(&mut app, KeyCode::Enter);
    assert!(text(&app, 80, 24).contains("1 of at most 6 answered"));
    assert_eq!(state(&app).session.pulse_answered(), Some(1));
}

#[test]
fn s_on_a_summary_with_nothing_entered_asks_before_saving() {
    let mut app = at(fixture(checkin("payments")), Step::Summary);
    assert!(
        press(&mut app, KeyCode::Char('s')).is_empty(),
        "nothing is written before the answer"
    );
    assert!(matches!(
        app.dialog,
        Some(crate::tui::app::Dialog::EmptyCheckin)
    ));
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("Nothing is entered: save an empty check-in?"),
        "{screen}"
    );
    assert!(screen.contains("y save it as it is"), "{screen}");
    press(&mut app, KeyCode::Esc);
    assert!(app.dialog.is_none());
    assert!(state(&app).saved.is_none() && !state(&app).saving);
    assert_eq!(state(&app).step, Step::Summary);
    // With something entered, s saves at once.
    let mut app = go(filled(), Step::Summary);
    let effects = press(&mut app, KeyCode::Char('s'));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Checkin(
                crate::tui::checkin::io::CheckinEffect::Save(_)
            )]
        ),
        "{effects:?}"
    );
}

#[test]
fn no_footer_promises_a_step_key_that_does_nothing() {
    let app = at(fixture(checkin("payments")), Step::Pulse);
    assert!(app.footer().iter().any(|i| i.cmd == Cmd::NextStep));
    let mut open = app.clone();
    press(&mut open, KeyCode::Enter);
    press(&mut open, KeyCode::Esc);
    assert!(state(&open).session.pulse_open());
    let footer = app_footer_text(&open);
    assert!(
        !open
            .footer()
            .iter()
            .any(|i| matches!(i.cmd, Cmd::NextStep | Cmd::PrevStep)),
        "{footer}"
    );
    assert!(!footer.contains("n next"), "{footer}");
    // The last step has no next one.
    let last = at(fixture(checkin("payments")), Step::Summary);
    assert!(!app_footer_text(&last).contains("n next"));
    assert!(app_footer_text(&last).contains("Esc back"));
}

fn app_footer_text(app: &App) -> String {
    text(app, 80, 24).lines().nth(23).unwrap().to_string()
}

#[test]
fn the_flow_returns_what_it_asks_and_ctrl_c_asks_before_leaving_entered_data() {
    use crate::tui::action::Nav;
    let app = at(fixture(checkin("payments")), Step::Summary);
    let env = crate::tui::app::Env {
        ctx: &app.ctx,
        size: (80, 24),
        theme: app.theme(),
        scroll_max: None,
    };
    let mut c = state(&app).clone();
    let out = crate::tui::checkin::update::update(&mut c, Cmd::Save, &env);
    assert!(matches!(
        out.dialog,
        Some(crate::tui::app::Dialog::EmptyCheckin)
    ));
    let out = crate::tui::checkin::update::update(&mut c, Cmd::Back, &env);
    assert!(
        matches!(out.nav, Some(Nav::Back)),
        "nothing entered: leaves"
    );
    let mut app = filled();
    ctrl(&mut app, 'c');
    assert!(state(&app).leaving && !app.quit, "Ctrl-C asks first");
}

/// Where it is rated, each ritual shows its purpose and each norm its signal ("how we will
/// know"); an item on trial is marked in the table and, once selected, with its date.
#[test]
fn purposes_signals_and_trials_are_shown_where_they_are_rated() {
    let mut app = at(fixture(checkin("payments")), Step::Rituals);
    let first = text(&app, 100, 30);
    assert!(
        first.contains("Purpose: Show what reached production"),
        "{first}"
    );
    assert!(first.contains("(trial) Belonging"), "{first}");
    assert!(
        !first.contains("on trial until"),
        "the selected ritual is not on trial"
    );
    while state(&app).session.rituals()[state(&app).row]
        .ritual
        .id
        .as_str()
        != "belonging-check-in"
    {
        cmd(&mut app, Cmd::Down);
    }
    let trial = text(&app, 100, 30);
    assert!(trial.contains("▶ Belonging check-in"), "{trial}");
    assert!(trial.contains("on trial until 2026-11-30"), "{trial}");
    assert!(
        trial.contains("Purpose: Five minutes of anonymous answers"),
        "{trial}"
    );
    let app = at(app, Step::Norms);
    let norms = text(&app, 100, 30);
    assert!(
        norms.contains("How we will know: Piotr says in the retro"),
        "{norms}"
    );
    assert!(
        !norms.contains("How we will know: How we will know"),
        "the label is not doubled"
    );
    let app = at(app, Step::Decisions);
    let mut app = app;
    while state(&app).session.items()[state(&app).row].id() != "belonging-check-in" {
        cmd(&mut app, Cmd::Down);
    }
    assert!(text(&app, 100, 30).contains("on trial until 2026-11-30"));
}
