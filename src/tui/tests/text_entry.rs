//! Text entry and leaving from outside: keys, pastes and signals through `update`, frames in
//! `TestBackend`.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::tui::action::Effect;
use crate::tui::app::Dialog;
use crate::tui::run::drafts_to_keep;

#[test]
fn a_stop_from_outside_keeps_the_unsaved_wizard_as_a_draft() {
    let s = Scratch::new();
    let mut app = s.app(new_team("design", Some("hybrid"), false));
    assert!(drafts_to_keep(&app).is_empty(), "nothing typed yet");
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "Zed Ziegler");
    let keep = drafts_to_keep(&app);
    assert!(
        matches!(&keep[..], [Effect::SaveDraft { team, text }]
            if team == "design" && text.contains("Zed Ziegler")),
        "{keep:?}"
    );
    // Performed as the run loop does before it exits: the draft is on disk.
    let io = s.io(&app);
    settle(&mut app, &io, keep);
    let drafts = app.ctx.drafts.clone().unwrap();
    let path = drafts.path("design", accord::store::drafts::DraftKind::Agreement);
    assert!(
        std::fs::read_to_string(path)
            .unwrap()
            .contains("Zed Ziegler")
    );
}

#[test]
fn a_new_team_named_with_no_letter_is_refused_and_the_app_lives() {
    let mut app = fixture(Start::Teams);
    press(&mut app, KeyCode::Char('n'));
    typed(&mut app, "!");
    press(&mut app, KeyCode::Enter);
    let Some(Dialog::Prompt(p)) = &app.dialog else {
        panic!("the prompt stays open: {:?}", app.dialog);
    };
    let error = p.error.clone().unwrap_or_default();
    assert!(error.contains("invalid name"), "{error}");
    assert!(!app.quit);
    let screen = text(&app, 80, 24);
    assert!(screen.contains("invalid name"), "{screen}");
    // And it goes on: another name is taken.
    press(&mut app, KeyCode::Backspace);
    typed(&mut app, "design");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.dialog, Some(Dialog::Picker(_))),
        "{:?}",
        app.dialog
    );
}
