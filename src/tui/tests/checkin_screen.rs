//! The check-in's screens at the smallest size: the summary scrolls to its last line even when
//! lines wrap.

use ratatui::crossterm::event::KeyCode;

use super::checkin::checkin;
use super::*;
use crate::tui::app::Screen;
use accord::checkin::Step;

#[test]
fn the_summary_scrolls_to_its_last_line_with_wrapped_lines_at_80x24() {
    let mut app = fixture(checkin("payments"));
    for i in 0..6 {
        cmd(&mut app, Cmd::Park);
        typed(
            &mut app,
            &format!(
                "Topic {i}: whether the Thursday demo should move to the afternoon so that the \
                 Lisbon colleagues can join it"
            ),
        );
        press(&mut app, KeyCode::Enter);
    }
    while !matches!(app.screen(), Some(Screen::Checkin(c)) if c.step == Step::Summary) {
        cmd(&mut app, Cmd::NextStep);
    }
    let first = text(&app, 80, 24);
    assert!(first.contains("Adherence"), "{first}");
    assert!(
        !first.contains("git repository."),
        "the summary is longer than the screen"
    );
    for _ in 0..60 {
        super::draw(&mut app);
        cmd(&mut app, Cmd::Down);
    }
    let last = text(&app, 80, 24);
    assert!(last.contains("git repository."), "{last}");
    // Scrolling stopped at the last line: one Up moves the text at once.
    super::draw(&mut app);
    cmd(&mut app, Cmd::Up);
    let up = text(&app, 80, 24);
    assert_ne!(up, last, "Up after scrolling past the end moves");
}

/// People answer through the hidden entry (a score per question, no comment); the keyboard is
/// handed back and the round closed.
fn round(app: &mut App, people: usize) {
    let questions = match app.screen() {
        Some(Screen::Checkin(c)) => c.session.questions().len(),
        _ => panic!("the check-in"),
    };
    press(app, KeyCode::Enter);
    for _ in 0..people {
        for _ in 0..questions {
            press(app, KeyCode::Char('4'));
            press(app, KeyCode::Enter);
        }
        press(app, KeyCode::Enter);
    }
    // A full round hands the keyboard back by itself.
    if matches!(app.screen(), Some(Screen::Checkin(c)) if c.entry.is_some()) {
        press(app, KeyCode::Esc);
    }
    press(app, KeyCode::Char('c'));
}

fn recorded(app: &App) -> Option<u32> {
    match app.screen() {
        Some(Screen::Checkin(c)) => c.session.checkin().pulse.as_ref().and_then(|p| p.count),
        _ => None,
    }
}

#[test]
fn the_pulse_round_goes_on_for_latecomers_and_stops_at_the_team_size() {
    let mut app = fixture(checkin("payments"));
    while !matches!(app.screen(), Some(Screen::Checkin(c)) if c.step == Step::Pulse) {
        cmd(&mut app, Cmd::NextStep);
    }
    round(&mut app, 2);
    assert_eq!(recorded(&app), Some(2));
    let t = text(&app, 80, 24);
    assert!(t.contains("Latecomers: Enter opens the round again"), "{t}");
    // Two latecomers: the round goes on from the two answers, it does not start over.
    round(&mut app, 2);
    assert_eq!(recorded(&app), Some(4));
    // The round takes answers up to the team's size, then no more.
    let cap = match app.screen() {
        Some(Screen::Checkin(c)) => c.session.pulse_cap(),
        _ => unreachable!(),
    };
    round(&mut app, usize::try_from(cap - 4).unwrap());
    assert_eq!(recorded(&app), Some(cap));
    press(&mut app, KeyCode::Enter);
    let t = text(&app, 80, 24);
    assert!(
        t.contains(&format!("All {cap} members have answered")),
        "{t}"
    );
    assert!(
        matches!(app.screen(), Some(Screen::Checkin(c)) if !c.session.pulse_open()),
        "a full round does not open"
    );
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(recorded(&app), Some(cap), "never past the team's size");
}
