//! The wizard opens with the topics parked last time (#14): a panel on the first step where the
//! lead takes each up, keeps it parked or drops it, by key or click; choices undo, survive a
//! killed terminal, and Save's commit says what was kept and what was taken up.

use accord::git::{Parked, ParkedAt};
use accord::session::{Carried, Choice};
use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::tui::hits::Target;
use crate::tui::wizard::load::prepare;
use crate::tui::wizard::{Step, Wizard, draft};

fn wizard(app: &App) -> &Wizard {
    app.wizard().expect("the wizard is open")
}

fn carried() -> Carried {
    let at = |topics: &[&str]| {
        Some(ParkedAt {
            commit: "abc1234".into(),
            date: None,
            subject: "x".into(),
            topics: topics.iter().map(|t| t.to_string()).collect(),
        })
    };
    Carried::from_parked(&Parked {
        adoption: at(&["Lunch budget", "Desk booking"]),
        checkin: at(&["Quiet room on Thursdays"]),
    })
}

/// The wizard on payments as the worker hands it over, with three topics parked last time.
fn app() -> App {
    let mut app = fixture(Start::Teams);
    let req = WizardRequest {
        team: "payments".into(),
        new: false,
        preset: None,
        name: None,
        workshop: false,
    };
    let mut init = prepare(&app.ctx.workspace, None, &req, today()).unwrap();
    init.carried = carried();
    update(&mut app, Action::WizardReady(Ok(Box::new(init))));
    app
}

fn choices(app: &App) -> Vec<Choice> {
    wizard(app)
        .carried
        .topics()
        .iter()
        .map(|t| t.choice)
        .collect()
}

fn go_to(app: &mut App, step: Step) {
    while wizard(app).step != step {
        let c = if wizard(app).step < step {
            Cmd::NextStep
        } else {
            Cmd::PrevStep
        };
        cmd(app, c);
    }
}

#[test]
fn the_wizard_opens_with_the_panel_and_says_so() {
    let app = app();
    assert_eq!(wizard(&app).carried_open, Some(0));
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("3 topics parked last time (L shows them)"),
        "{status}"
    );
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(
            format!("wizard-parked-last-time@{w}x{h}"),
            frame(&app, w, h).backend()
        );
    }
}

#[test]
fn keys_choose_undo_restores_and_the_panel_comes_back_with_l() {
    let mut app = app();
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(
        choices(&app),
        [Choice::TakeUp, Choice::Drop, Choice::Drop],
        "space moves keep parked on to drop"
    );
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(choices(&app)[2], Choice::KeepParked);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(choices(&app)[2], Choice::Drop);
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        choices(&app),
        [Choice::TakeUp, Choice::KeepParked, Choice::KeepParked]
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(wizard(&app).carried_open, None);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("1 taken up, 2 kept parked, 0 dropped")
    );
    // The steps' keys work again, and L opens the panel from any step.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(wizard(&app).step, Step::Presence);
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(wizard(&app).carried_open, Some(0));
    assert!(text(&app, 80, 24).contains("Parked last time (3)"));
}

#[test]
fn a_click_on_a_choice_chooses_it() {
    let mut app = app();
    draw(&mut app);
    let (r, _) = app
        .hits
        .targets()
        .find(|(_, t)| *t == Target::CarriedChoice(1, Choice::TakeUp))
        .expect("the panel's choices are targets");
    assert!(
        text(&app, 80, 24)
            .lines()
            .nth(r.y as usize)
            .unwrap()
            .contains("Desk booking")
    );
    click(&mut app, r.x + 1, r.y);
    assert_eq!(
        choices(&app),
        [Choice::KeepParked, Choice::TakeUp, Choice::KeepParked]
    );
    assert_eq!(wizard(&app).carried_open, Some(1));
}

/// Lunch budget taken up, Desk booking kept, the quiet room dropped.
fn chosen() -> App {
    let mut app = app();
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Esc);
    app
}

#[test]
fn save_commits_the_kept_topics_in_the_lot_and_names_the_taken_up_ones() {
    let mut app = chosen();
    go_to(&mut app, Step::Save);
    let screen = text(&app, 100, 40);
    assert!(
        screen.contains("Parking lot  1 topic: not in the agreement"),
        "{screen}"
    );
    assert!(
        screen.contains("Taken up     1 topic parked last time"),
        "{screen}"
    );
    assert!(
        screen.contains("Dropped      1 topic parked last time"),
        "{screen}"
    );
    let w = wizard(&app);
    let preview = w.commit_message(&w.finalised().agreement);
    let effects = press(&mut app, KeyCode::Char('s'));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::WriteAgreement { .. })),
        "{effects:?}"
    );
    let effects = update(&mut app, Action::Written(Ok(())));
    let message = effects
        .iter()
        .find_map(|e| match e {
            Effect::Commit { message, .. } => Some(message.clone()),
            _ => None,
        })
        .expect("the save is committed");
    assert_eq!(message, preview, "the Save step previews the commit's text");
    assert!(
        message.contains("Parking lot (topics to come back to)\n  - Desk booking\n\n"),
        "{message}"
    );
    assert!(
        message.contains("Taken up from the parking lot\n  - Lunch budget\n"),
        "{message}"
    );
    assert!(!message.contains("Quiet room"), "{message}");
}

#[test]
fn the_choices_survive_a_killed_terminal_in_the_draft() {
    let app = chosen();
    let text = wizard(&app).draft_text();
    let (meta, a) = draft::decode(&text, std::path::Path::new("d.toml")).unwrap();
    // A new session reads the same topics from git, and takes the draft back.
    let mut fresh = self::app();
    let w = fresh.wizard_mut().unwrap();
    w.recover(meta, a, now());
    assert_eq!(
        choices(&fresh),
        [Choice::TakeUp, Choice::KeepParked, Choice::Drop]
    );
}
