//! The share key: the share summary of a saved check-in (on its summary) or of the team's
//! latest check-in (on the dashboard) written to a file named in a prompt; the worker writes it
//! atomically, an existing file is replaced only after a yes.

use std::path::Path;

use accord::checkin::Step;
use ratatui::crossterm::event::KeyCode;

use super::checkin::checkin;
use super::*;
use crate::tui::app::{Dialog, Screen};
use crate::tui::widgets::text_field::TextField;

/// What `accord report --team T --checkin DATE --format md` prints (the command goes the same
/// way; `tests/it` compares with the binary's output).
fn summary(root: &Path, team: &str, date: &str, today: NaiveDate) -> String {
    let ws = accord::store::Workspace::new(root);
    let history = accord::git::GitHistory::new();
    let plan = accord::report::Plan::new(&ws, Some(team), &history).unwrap();
    let date = date.parse().unwrap();
    let doc = accord::report::share::summary(plan, team, date, today)
        .doc
        .unwrap();
    accord::report::share::markdown(&doc)
}

/// The prompt's text, then the file it is changed to.
fn answer_prompt(app: &mut App, path: &Path) -> String {
    let Some(Dialog::Prompt(p)) = &mut app.dialog else {
        panic!("no prompt: {:?}", app.dialog)
    };
    let offered = p.text();
    p.input = TextField::new(&path.display().to_string());
    offered
}

fn saved_summary(s: &Scratch) -> App {
    let mut app = s.app(checkin("payments"));
    let io = s.io(&app);
    while !matches!(app.screen(), Some(Screen::Checkin(c)) if c.step == Step::Presence) {
        cmd(&mut app, Cmd::NextStep);
    }
    typed(&mut app, "5");
    while !matches!(app.screen(), Some(Screen::Checkin(c)) if c.step == Step::Summary) {
        cmd(&mut app, Cmd::NextStep);
    }
    // Not saved yet: there is nothing to share.
    assert!(press(&mut app, KeyCode::Char('m')).is_empty());
    assert!(app.dialog.is_none());
    let Some(Screen::Checkin(c)) = app.screen() else {
        panic!()
    };
    assert!(
        c.message
            .as_deref()
            .unwrap()
            .contains("Save the check-in first")
    );
    let effects = press(&mut app, KeyCode::Char('s'));
    settle(&mut app, &io, effects);
    app
}

#[test]
fn the_summary_of_a_saved_check_in_is_written_and_never_over_a_file_unasked() {
    let s = Scratch::new();
    let mut app = saved_summary(&s);
    let io = s.io(&app);
    let out = s.dir.path().join("share.md");
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(
        answer_prompt(&mut app, &out),
        "payments-checkin-2026-11-20.md"
    );
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::Share(_)]),
        "{effects:?}"
    );
    settle(&mut app, &io, effects);
    let want = summary(&s.root(), "payments", "2026-11-20", today());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), want);
    assert!(want.contains("check-in of 2026-11-20"), "{want}");
    let status = app.status.clone().unwrap().text;
    assert!(
        status.contains("Share summary written to") && status.contains("share.md"),
        "{status}"
    );

    // The file is there (and changed by hand): asked first, and no leaves it alone.
    std::fs::write(&out, "my notes\n").unwrap();
    press(&mut app, KeyCode::Char('m'));
    answer_prompt(&mut app, &out);
    let effects = press(&mut app, KeyCode::Enter);
    settle(&mut app, &io, effects);
    assert!(
        matches!(app.dialog, Some(Dialog::OverwriteShare(_))),
        "{:?}",
        app.dialog
    );
    assert!(text(&app, 80, 24).contains("exists: replace it?"));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my notes\n");
    assert!(app.status.clone().unwrap().text.contains("Not written"));
    // Yes replaces it.
    press(&mut app, KeyCode::Char('m'));
    answer_prompt(&mut app, &out);
    let effects = press(&mut app, KeyCode::Enter);
    settle(&mut app, &io, effects);
    let effects = press(&mut app, KeyCode::Char('y'));
    settle(&mut app, &io, effects);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), want);
}

#[test]
fn the_dashboard_shares_the_latest_check_in() {
    let s = Scratch::new();
    let mut app = s.app(Start::Teams);
    let io = s.io(&app);
    let Some(Screen::Teams(t)) = app.stack.last_mut() else {
        panic!()
    };
    t.selected = t.find("payments").unwrap();
    let effects = press(&mut app, KeyCode::Char('d'));
    settle(&mut app, &io, effects);
    assert!(matches!(app.screen(), Some(Screen::Dashboard(_))));
    press(&mut app, KeyCode::Char('m'));
    let out = s.dir.path().join("latest.md");
    assert_eq!(
        answer_prompt(&mut app, &out),
        "payments-checkin-2026-11-17.md"
    );
    let effects = press(&mut app, KeyCode::Enter);
    settle(&mut app, &io, effects);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        summary(&s.root(), "payments", "2026-11-17", today())
    );
}
