//! Last time's parked topics at the check-in: shown on the first step beside last time's open
//! actions, chosen with keys and the mouse, listed in the summary, kept in the draft.

use std::path::Path;

use accord::checkin::Step;
use accord::session::Choice;
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

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "@1790000000 +0100")
        .env("GIT_COMMITTER_DATE", "@1790000000 +0100")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The example folder in a git repository whose one commit is payments' last check-in, which
/// parked two topics.
pub fn parked_scratch() -> Scratch {
    let s = Scratch::new();
    let dir = s.dir.path();
    git(dir, &["init", "-q", "-b", "main"]);
    for (k, v) in [
        ("user.name", "Ana Lima"),
        ("user.email", "ana@example.invalid"),
        ("commit.gpgsign", "false"),
    ] {
        git(dir, &["config", k, v]);
    }
    let path = s.root().join("payments/checkins/2026-11-17.toml");
    let src = accord::source::Source::read(&path).unwrap();
    let last: accord::model::CheckIn = accord::parse::parse(&src).unwrap();
    let m = accord::git::message::checkin(
        "payments",
        &last,
        &["Quiet room on Thursdays".into(), "Desk booking".into()],
    );
    git(dir, &["add", "agreements"]);
    git(dir, &["commit", "-q", "-m", &m]);
    s
}

fn choices(app: &App) -> Vec<Choice> {
    state(app)
        .session
        .carried()
        .topics()
        .iter()
        .map(|t| t.choice)
        .collect()
}

fn both(name: &str, app: &App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app.clone();
        app.size = (w, h);
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), frame(&app, w, h).backend());
    }
}

#[test]
fn the_check_in_opens_with_last_times_actions_and_parked_topics() {
    let s = parked_scratch();
    let mut app = s.app(checkin("payments"));
    assert_eq!(state(&app).step, Step::Followups);
    assert_eq!(
        state(&app).rows(),
        5 + 2,
        "five open actions, two parked topics"
    );
    assert_eq!(choices(&app), [Choice::KeepParked; 2]);
    // The selected topic says where it was parked and how to choose.
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
    }
    both("checkin_carried_opening", &app);
}

#[test]
fn keys_and_clicks_choose_and_the_summary_lists_the_choices() {
    let s = parked_scratch();
    let mut app = s.app(checkin("payments"));
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
    }
    // ←→ go round keep parked → take up → drop; x keeps it parked.
    press(&mut app, KeyCode::Right);
    assert_eq!(choices(&app)[0], Choice::TakeUp);
    press(&mut app, KeyCode::Right);
    assert_eq!(choices(&app)[0], Choice::Drop);
    press(&mut app, KeyCode::Right);
    assert_eq!(choices(&app)[0], Choice::KeepParked);
    press(&mut app, KeyCode::Left);
    assert_eq!(choices(&app)[0], Choice::Drop);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(choices(&app)[0], Choice::KeepParked);
    press(&mut app, KeyCode::Right);
    assert!(state(&app).touched, "a choice is unsaved work");
    // The mouse: a click selects the second topic's row, a second click chooses.
    let screen = text(&app, 80, 24);
    let y = screen
        .lines()
        .position(|l| l.contains("Parked: Desk booking"))
        .expect("the topic is on screen") as u16;
    click(&mut app, 10, y);
    assert_eq!(state(&app).row, 6);
    assert_eq!(choices(&app)[1], Choice::KeepParked);
    click(&mut app, 10, y);
    assert_eq!(choices(&app), [Choice::TakeUp, Choice::TakeUp]);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(choices(&app), [Choice::TakeUp, Choice::Drop]);
    // The summary says what becomes of each.
    while state(&app).step != Step::Summary {
        cmd(&mut app, Cmd::NextStep);
    }
    let screen = text(&app, 160, 48);
    assert!(screen.contains("Parked last time (2)"), "{screen}");
    assert!(
        screen.contains("take up     Quiet room on Thursdays (at the last check-in)"),
        "{screen}"
    );
    assert!(
        screen.contains("drop        Desk booking (at the last check-in)"),
        "{screen}"
    );
}

#[test]
fn the_draft_keeps_the_choices_across_a_killed_terminal() {
    let s = parked_scratch();
    let app = s.app(checkin("payments"));
    let io = s.io(&app);
    let mut app = app;
    for _ in 0..6 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Right);
    // The autosave a moment later, as the run loop ticks.
    let effects = update(
        &mut app,
        Action::Tick(now() + chrono::TimeDelta::seconds(10)),
    );
    assert!(!effects.is_empty(), "the change is kept");
    settle(&mut app, &io, effects);
    // The terminal is gone; the next start merges the draft.
    let again = s.app(checkin("payments"));
    assert_eq!(choices(&again), [Choice::KeepParked, Choice::TakeUp]);
}
