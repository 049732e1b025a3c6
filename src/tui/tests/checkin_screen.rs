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
        cmd(&mut app, Cmd::Down);
    }
    let last = text(&app, 80, 24);
    assert!(last.contains("git repository."), "{last}");
}
