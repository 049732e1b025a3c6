//! The mouse on the check-in summary: a win line chosen by a click and opened to edit by a
//! second (as ←→ and e do), a trial line opening the decisions step on its item.

use accord::checkin::Step;
use ratatui::crossterm::event::KeyCode;

use super::checkin::checkin;
use super::*;
use crate::tui::app::Screen;
use crate::tui::checkin::{CheckinState, Target};

fn state(app: &App) -> &CheckinState {
    match app.screen() {
        Some(Screen::Checkin(c)) => c,
        _ => panic!("not on the check-in"),
    }
}

/// The row of the frame (at the app's size) whose text has `needle`.
fn row_of(app: &App, needle: &str) -> u16 {
    let (w, h) = app.size;
    text(app, w, h)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} is not on screen:\n{}", text(app, w, h))) as u16
}

#[test]
fn clicks_on_the_summary_choose_and_edit_wins_and_open_a_trials_decision() {
    let s = Scratch::new();
    let path = s.root().join("payments/agreement.toml");
    let t = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        t.replace("trial_until = 2026-11-30", "trial_until = 2026-11-18"),
    )
    .unwrap();
    let mut app = s.app(checkin("payments"));
    app.size = (160, 48);
    for win in ["Demo went well", "Lunch table booked"] {
        press(&mut app, KeyCode::Char('W'));
        typed(&mut app, win);
        press(&mut app, KeyCode::Enter);
    }
    while state(&app).step != Step::Summary {
        cmd(&mut app, Cmd::NextStep);
    }
    assert_eq!(state(&app).row, 0);
    let y = row_of(&app, "Lunch table booked");
    click(&mut app, 6, y);
    assert_eq!(state(&app).row, 1, "the click chooses the win");
    assert!(state(&app).typing.is_none());
    click(&mut app, 6, y);
    assert_eq!(
        state(&app).typing.as_ref().map(|t| t.target.clone()),
        Some(Target::EditWin(1)),
        "a second click opens it to edit"
    );
    press(&mut app, KeyCode::Esc);
    // The trial due: listed with its proposal; a click opens its decision.
    let item = state(&app).session.trials()[0].trial.item.item.clone();
    let y = row_of(&app, "not decided (proposed");
    click(&mut app, 6, y);
    assert_eq!(state(&app).step, Step::Decisions);
    let at = state(&app)
        .session
        .items()
        .iter()
        .position(|i| i.id() == item)
        .unwrap();
    assert_eq!(state(&app).row, at);
}

#[test]
fn a_scrolled_summary_clicks_the_line_drawn_there() {
    let s = Scratch::new();
    let mut app = s.app(checkin("payments"));
    for win in ["Demo went well", "Lunch table booked"] {
        press(&mut app, KeyCode::Char('W'));
        typed(&mut app, win);
        press(&mut app, KeyCode::Enter);
    }
    while state(&app).step != Step::Summary {
        cmd(&mut app, Cmd::NextStep);
    }
    // To the bottom, as far as the frame lets it go.
    for _ in 0..40 {
        draw(&mut app);
        press(&mut app, KeyCode::Down);
    }
    assert!(state(&app).scroll > 0, "80x24 scrolls the summary");
    let y = row_of(&app, "Lunch table booked");
    click(&mut app, 6, y);
    assert_eq!(state(&app).row, 1);
    let y = row_of(&app, "Demo went well");
    click(&mut app, 6, y);
    assert_eq!(state(&app).row, 0);
}
