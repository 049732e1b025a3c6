//! The workshop's progress line reads without colour: a bar of characters, "Step 3 of 8", and
//! time past the step's box in words.

use super::*;
use crate::tui::app::Screen;
use crate::tui::wizard::Step;

fn workshop_at(step: Step, spent: u32) -> App {
    let mut app = fixture(new_team("orbit", None, true));
    app.ctx.no_color = true;
    while app.wizard().unwrap().step != step {
        cmd(&mut app, Cmd::NextStep);
    }
    let Some(Screen::Wizard(w)) = app.screen_mut() else {
        panic!("the wizard is open")
    };
    w.elapsed[step.index()] = spent;
    app
}

fn progress_line(app: &App) -> String {
    let t = text(app, 80, 24);
    t.lines()
        .find(|l| l.contains("Step "))
        .expect("a progress line")
        .to_string()
}

#[test]
fn the_bar_is_filled_and_empty_characters_with_the_step_number() {
    let step = Step::ALL[2];
    let half = step.minutes() * 30;
    let line = progress_line(&workshop_at(step, half));
    assert!(line.contains("Step 3 of 8"), "{line}");
    let filled = line.matches('█').count();
    let empty = line.matches('░').count();
    assert!(filled > 0 && empty > 0, "{line}");
    assert!(
        filled.abs_diff(empty) <= 1,
        "half the box is half the bar: {line}"
    );
    assert!(!line.contains("over"), "{line}");
}

#[test]
fn time_past_the_box_says_over_in_words() {
    let step = Step::ALL[2];
    let line = progress_line(&workshop_at(step, step.minutes() * 60 + 9));
    assert!(line.contains("+0:09 over"), "{line}");
    assert_eq!(line.matches('░').count(), 0, "the bar is full: {line}");
    assert!(line.matches('█').count() > 5, "{line}");
}
