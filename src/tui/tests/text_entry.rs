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

fn member(app: &App, i: usize) -> accord::model::Member {
    app.wizard().unwrap().draft.members[i].clone()
}

#[test]
fn tab_keeps_what_was_typed_and_goes_on_typing_in_the_next_field() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "Ana");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "backend");
    let m = member(&app, 0);
    assert_eq!(m.name, "Ana");
    assert_eq!(m.role.as_deref(), Some("backend"));
    // Shift-Tab goes back to the name, showing it, and typing goes on there.
    press(&mut app, KeyCode::BackTab);
    typed(&mut app, " Lima");
    press(&mut app, KeyCode::Enter);
    let m = member(&app, 0);
    assert_eq!(m.name, "Ana Lima");
    assert_eq!(m.role.as_deref(), Some("backend"));
    // On to the mode, a choice, typed as well (checked against the choices).
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "rem");
    assert!(text(&app, 80, 24).contains("✗"), "not a mode yet");
    typed(&mut app, "ote");
    press(&mut app, KeyCode::Enter);
    let m = member(&app, 0);
    assert_eq!(
        (
            m.name.as_str(),
            m.role.as_deref(),
            m.mode.map(|m| m.to_string())
        ),
        ("Ana Lima", Some("backend"), Some("remote".to_string()))
    );
    // Not typing now: Enter on a choice opens its list, ↓ moves, and the footer says commands.
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.dialog, Some(Dialog::Picker(_))),
        "Enter on a choice still chooses"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    assert!(app.wizard().unwrap().editing.is_none());
    assert!(!text(&app, 80, 24).contains("typing —"));
}

#[test]
fn the_footer_says_when_keys_are_typing() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    let last_line = |app: &App| text(app, 80, 24).lines().last().unwrap().to_string();
    assert!(!last_line(&app).contains("typing"), "{}", last_line(&app));
    press(&mut app, KeyCode::Char('a'));
    let footer = last_line(&app);
    assert!(footer.starts_with(" typing — Enter done"), "{footer}");
    assert!(footer.contains("Esc cancel"), "{footer}");
    assert!(footer.contains("Tab next field"), "{footer}");
    // The parking-lot prompt types too, and shows the topic as it is typed.
    press(&mut app, KeyCode::Enter);
    cmd(&mut app, Cmd::Park);
    typed(&mut app, "Lunch budget");
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Lunch budget"), "{screen}");
    assert!(screen.lines().last().unwrap().starts_with(" typing —"));
}

fn purpose(app: &App) -> String {
    app.wizard()
        .unwrap()
        .draft
        .purpose
        .clone()
        .unwrap_or_default()
}

#[test]
fn a_paste_into_purpose_is_text_and_runs_no_command() {
    let mut app = fixture(edit("payments"));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    let step = app.wizard().unwrap().step;
    // Pasted on the focused field: typing starts there, the paste is its text.
    let effects = update(&mut app, Action::Paste("Our purpose\nnnnnnns".into()));
    assert!(effects.is_empty(), "{effects:?}");
    let w = app.wizard().unwrap();
    assert_eq!(w.step, step, "the pasted n did not move on");
    assert!(w.saving.is_none(), "the pasted s did not save");
    assert!(
        purpose(&app).ends_with("Our purpose nnnnnns"),
        "{}",
        purpose(&app)
    );
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Our purpose nnnnnns"), "{screen}");
    press(&mut app, KeyCode::Esc);
    assert!(
        !purpose(&app).contains("Our purpose"),
        "Esc gives back the old text"
    );
}

#[test]
fn a_100_kb_paste_is_in_the_field_within_a_second() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let text_in = "a team that ships small and often\n".repeat(100 * 1024 / 34);
    let start = std::time::Instant::now();
    update(&mut app, Action::Paste(text_in.clone()));
    let _ = text(&app, 80, 24);
    let took = start.elapsed();
    let got = purpose(&app);
    let want = text_in.replace('\n', " ");
    assert!(
        got.ends_with(want.trim_end()) && !got.contains('\n'),
        "{} chars in the field",
        got.len()
    );
    assert!(took < std::time::Duration::from_secs(1), "{took:?}");
}

#[test]
fn a_paste_where_nothing_is_typed_into_is_refused() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    let before = app.wizard().unwrap().draft.clone();
    update(&mut app, Action::Paste("an\ns".into()));
    assert_eq!(app.wizard().unwrap().draft, before);
    assert!(app.wizard().unwrap().editing.is_none());
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("Not pasted"), "{status}");
}

#[test]
fn a_paste_into_a_prompt_is_one_line() {
    let mut app = fixture(Start::Teams);
    press(&mut app, KeyCode::Char('n'));
    update(&mut app, Action::Paste("design\n".into()));
    let Some(Dialog::Prompt(p)) = &app.dialog else {
        panic!("{:?}", app.dialog);
    };
    assert_eq!(p.text(), "design ");
}

fn checkin_state(app: &App) -> &crate::tui::checkin::CheckinState {
    match app.screen() {
        Some(crate::tui::app::Screen::Checkin(c)) => c,
        _ => panic!("not on the check-in"),
    }
}

#[test]
fn editing_a_check_in_note_shows_it_and_edits_it_in_place_and_esc_keeps_it() {
    let mut app = fixture(super::checkin::checkin("payments"));
    while checkin_state(&app).step != accord::checkin::Step::Rituals {
        cmd(&mut app, Cmd::NextStep);
    }
    let note = |app: &App| {
        checkin_state(app).session.rituals()[0]
            .note
            .map(str::to_string)
    };
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Held on 24 Nov");
    press(&mut app, KeyCode::Enter);
    assert_eq!(note(&app).as_deref(), Some("Held on 24 Nov"));
    // Editing again: the note is in the field, shown, and typing changes it where the cursor is.
    press(&mut app, KeyCode::Enter);
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Note: Held on 24 Nov"), "{screen}");
    assert!(screen.lines().last().unwrap().starts_with(" typing —"));
    for _ in 0.."24 Nov".len() {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "Friday");
    update(&mut app, Action::Paste(" after\nthe demo".into()));
    press(&mut app, KeyCode::Enter);
    assert_eq!(note(&app).as_deref(), Some("Held on Friday after the demo"));
    // Esc leaves the note as it was.
    press(&mut app, KeyCode::Enter);
    typed(&mut app, " and more");
    press(&mut app, KeyCode::Esc);
    assert_eq!(note(&app).as_deref(), Some("Held on Friday after the demo"));
}

#[test]
fn a_topic_parked_in_the_check_in_shows_as_it_is_typed() {
    let mut app = fixture(super::checkin::checkin("payments"));
    press(&mut app, KeyCode::Char('P'));
    typed(&mut app, "Lunch budget");
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Lunch budget"), "{screen}");
    assert!(screen.lines().last().unwrap().starts_with(" typing —"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(checkin_state(&app).session.parked(), ["Lunch budget"]);
}

#[test]
fn tab_in_the_check_in_period_goes_on_typing_in_the_other_date() {
    let mut app = fixture(super::checkin::checkin("payments"));
    // Last time's actions come first.
    cmd(&mut app, Cmd::NextStep);
    assert_eq!(checkin_state(&app).step, accord::checkin::Step::Period);
    press(&mut app, KeyCode::Enter);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-11-03");
    press(&mut app, KeyCode::Tab);
    // Typing in "to" now, which shows its date; letters are text, not commands.
    assert!(checkin_state(&app).typing.is_some());
    assert!(
        text(&app, 80, 24)
            .lines()
            .last()
            .unwrap()
            .starts_with(" typing —")
    );
    for _ in 0..2 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "18");
    press(&mut app, KeyCode::Enter);
    let p = checkin_state(&app).session.period();
    assert_eq!(
        (p.from.to_string(), p.to.to_string()),
        ("2026-11-03".into(), "2026-11-18".into())
    );
}
