//! Every screen and wizard step at 80×24 and 160×48, from fixture state. Colours are not in
//! the text; `flows` checks the styles that matter (selection, NO_COLOR).

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::tui::app::Screen;
use crate::tui::wizard::Step;

pub(super) fn both(name: &str, app: &App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app.clone();
        app.size = (w, h);
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), frame(&app, w, h).backend());
    }
}

fn small(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}@80x24"), frame(app, 80, 24).backend());
}

fn at_step(mut app: App, step: Step) -> App {
    while app.wizard().unwrap().step != step {
        cmd(&mut app, Cmd::NextStep);
    }
    app
}

#[test]
fn teams() {
    let mut app = fixture(Start::Teams);
    both("teams", &app);
    cmd(&mut app, Cmd::Down);
    both("teams-second-selected", &app);
}

#[test]
fn viewer() {
    let app = fixture(Start::Viewer("payments".into()));
    both("viewer-payments", &app);
    let mut app = fixture(Start::Viewer("atlas".into()));
    both("viewer-atlas-overdue", &app);
    for _ in 0..4 {
        cmd(&mut app, Cmd::SwitchPane);
    }
    both("viewer-atlas-rituals", &app);
}

#[test]
fn wizard_steps_revising_payments() {
    let app = fixture(edit("payments"));
    for step in Step::ALL {
        let a = at_step(app.clone(), step);
        both(&format!("wizard-{}", step.short().to_lowercase()), &a);
    }
    // The fields of a member and of a ritual.
    let mut a = app.clone();
    cmd(&mut a, Cmd::Down);
    cmd(&mut a, Cmd::Open);
    both("wizard-team-member", &a);
    let mut a = at_step(app.clone(), Step::Rituals);
    cmd(&mut a, Cmd::Open);
    cmd(&mut a, Cmd::Down);
    cmd(&mut a, Cmd::Down);
    both("wizard-rituals-form", &a);
}

#[test]
fn wizard_steps_in_workshop_mode() {
    let mut app = fixture(new_team("design", Some("hybrid"), true));
    // Time passes on the first step: 6 minutes, over its 5-minute box.
    for s in 0..=360 {
        update(
            &mut app,
            Action::Tick(now() + chrono::TimeDelta::seconds(s)),
        );
    }
    cmd(&mut app, Cmd::Park);
    typed(&mut app, "Budget for the team lunch");
    press(&mut app, KeyCode::Enter);
    for step in Step::ALL {
        let a = at_step(app.clone(), step);
        both(&format!("workshop-{}", step.short().to_lowercase()), &a);
    }
}

#[test]
fn dialogs_and_overlays() {
    let app = fixture(edit("payments"));
    let mut a = app.clone();
    cmd(&mut a, Cmd::Help);
    both("help-wizard", &a);

    let mut a = app.clone();
    cmd(&mut a, Cmd::Quit);
    assert!(
        a.dialog.is_none(),
        "nothing changed yet: leaving does not ask"
    );
    let mut a = app.clone();
    cmd(&mut a, Cmd::NextStep);
    cmd(&mut a, Cmd::Toggle);
    cmd(&mut a, Cmd::Quit);
    small("dialog-confirm-quit", &a);

    let mut a = at_step(app.clone(), Step::Rituals);
    cmd(&mut a, Cmd::Add);
    small("dialog-add-ritual", &a);
    typed(&mut a, "coffee");
    small("dialog-add-ritual-filtered", &a);

    let mut a = at_step(app.clone(), Step::Consent);
    // One of the five who agreed now objects: six voices, as many as members.
    typed(&mut a, "4");
    cmd(&mut a, Cmd::Down);
    cmd(&mut a, Cmd::Down);
    typed(&mut a, "1");
    cmd(&mut a, Cmd::Record);
    small("dialog-objection", &a);

    let mut a = app.clone();
    a.dialog = Some(crate::tui::app::Dialog::ChangedOnDisk);
    small("dialog-changed-on-disk", &a);

    let mut a = app.clone();
    a.dialog = Some(crate::tui::app::Dialog::Recover {
        team: "Payments".into(),
        saved_at: Some(now()),
        text: String::new(),
    });
    both("dialog-recover", &a);

    let mut a = fixture(Start::Teams);
    cmd(&mut a, Cmd::New);
    typed(&mut a, "Design Team");
    cmd(&mut a, Cmd::Open);
    small("dialog-new-team-bad-name", &a);
}

#[test]
fn typing_with_errors_inline() {
    let mut a = at_step(fixture(edit("payments")), Step::Rituals);
    cmd(&mut a, Cmd::Open);
    for _ in 0..4 {
        cmd(&mut a, Cmd::Down);
    }
    cmd(&mut a, Cmd::Open);
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Backspace);
    typed(&mut a, "99");
    assert!(matches!(a.screen(), Some(Screen::Wizard(_))));
    both("wizard-typing-bad-time", &a);
}

#[test]
fn too_small_says_so() {
    let app = fixture(Start::Teams);
    insta::assert_snapshot!("too-small@60x20", frame(&app, 60, 20).backend());
}
