//! The wizard's Pulse step: questions added from the picker or written, their ids following
//! their text, scale and `about` set, deleted and undone, subgroups switched on, and saved.

use accord::model::{Agreement, Grouping, Question, Status};
use ratatui::crossterm::event::KeyCode;

use super::snapshots::both;
use super::*;
use crate::tui::app::Dialog;
use crate::tui::wizard::fields::Field;
use crate::tui::wizard::{Pane, Step, Wizard};

fn wizard(app: &App) -> &Wizard {
    app.wizard().expect("the wizard is open")
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

fn read(path: &std::path::Path) -> (String, Agreement) {
    let src = accord::source::Source::read(path).unwrap();
    let a: Agreement = accord::parse::parse(&src).unwrap();
    (src.text.to_string(), a)
}

fn picker_labels(app: &App) -> Vec<String> {
    match &app.dialog {
        Some(Dialog::Picker(p)) => p.items.iter().map(|i| i.label.clone()).collect(),
        other => panic!("a picker is open: {other:?}"),
    }
}

fn backspaces(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, KeyCode::Backspace);
    }
}

#[test]
fn questions_are_added_edited_deleted_and_saved_exactly() {
    let s = Scratch::new();
    let mut app = s.app(edit("payments"));
    let io = s.io(&app);
    go_to(&mut app, Step::Pulse);
    assert_eq!(wizard(&app).step.title(), "Pulse questions");
    assert!(wizard(&app).draft.questions.is_empty());

    // A question of our own: its id follows what is typed.
    press(&mut app, KeyCode::Char('a'));
    let labels = picker_labels(&app);
    assert_eq!(labels.last().unwrap(), "Your own question…");
    typed(&mut app, "your own");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        wizard(&app).editing.as_ref().map(|e| e.field),
        Some(Field::QuestionText(0))
    );
    typed(&mut app, "Did you get");
    assert_eq!(wizard(&app).draft.questions[0].id.as_str(), "did-you-get");
    typed(&mut app, " the notes before a release?");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        wizard(&app).draft.questions[0].id.as_str(),
        "did-you-get-the"
    );

    // What 1 and 5 mean, and the norm it is about.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    backspaces(&mut app, "never".len());
    typed(&mut app, "not once");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    backspaces(&mut app, "every time".len());
    typed(&mut app, "each release");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    assert_eq!(wizard(&app).focused_field(), Some(Field::QuestionAbout(0)));
    let choices = Field::QuestionAbout(0).choices(&wizard(&app).draft);
    let decision_notes = choices
        .iter()
        .position(|c| c.value == "decision-notes")
        .expect("the norms are offered");
    for _ in 0..decision_notes {
        press(&mut app, KeyCode::Right);
    }
    assert_eq!(
        wizard(&app).draft.questions[0].about.as_deref(),
        Some("decision-notes")
    );
    // An id set by hand stays when the text changes.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    backspaces(&mut app, "did-you-get-the".len());
    typed(&mut app, "release-notes");
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::Up);
    }
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "!");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert_eq!(wizard(&app).draft.questions[0].id.as_str(), "release-notes");

    // Two from the picker: the library's, filtered.
    press(&mut app, KeyCode::Esc);
    assert_eq!(wizard(&app).pane, Pane::List);
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "asked for your view");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "changes to plans");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    let ids: Vec<&str> = wizard(&app)
        .draft
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(ids, ["release-notes", "asked-view", "changes-in-time"]);

    // Delete the last one, undo, delete it again.
    assert_eq!(wizard(&app).selected(), 3);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(wizard(&app).draft.questions.len(), 2);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("(u undoes it)"), "{status}");
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(wizard(&app).draft.questions.len(), 3);
    // As for norms, the selection stays on the row that moved up: back down to the last.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(wizard(&app).draft.questions.len(), 2);

    // The subgroups: the first row of the list; mode on.
    for _ in 0..3 {
        press(&mut app, KeyCode::Up);
    }
    assert_eq!(wizard(&app).selected(), 0);
    press(&mut app, KeyCode::Enter);
    assert_eq!(wizard(&app).focused_field(), Some(Field::GroupMode));
    press(&mut app, KeyCode::Right);
    assert_eq!(wizard(&app).draft.groupings(), [Grouping::Mode]);
    let shown = text(&app, 160, 48);
    assert!(
        shown.contains("only ever shown when it and the rest of the team each reach the privacy"),
        "{shown}"
    );

    // The Review step lists the changes.
    go_to(&mut app, Step::Review);
    let review = crate::tui::wizard::render::review_lines(wizard(&app), 200, &app.theme())
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    // The same semantic diff `accord diff` prints and the commit message carries.
    assert!(review.contains("  Pulse questions\n"), "{review}");
    assert!(
        review.contains("+ release-notes  Did you get the notes before a release?"),
        "{review}"
    );
    assert!(review.contains("+ asked-view"), "{review}");
    assert!(review.contains("groupings: (none) → mode"), "{review}");
    assert!(!review.contains("changes-in-time"), "{review}");

    go_to(&mut app, Step::Save);
    let effects = press(&mut app, KeyCode::Char('s'));
    settle(&mut app, &io, effects);
    let path = s.root().join("payments/agreement.toml");
    let (file, a) = read(&path);
    let asked = crate::tui::wizard::questions::library()
        .into_iter()
        .find(|q| q.id.as_str() == "asked-view")
        .unwrap();
    assert_eq!(
        a.questions,
        vec![
            Question {
                id: "release-notes".parse().unwrap(),
                text: "Did you get the notes before a release?".into(),
                low: Some("not once".into()),
                high: Some("each release".into()),
                about: Some("decision-notes".into()),
            },
            asked,
        ]
    );
    assert_eq!(a.groupings(), [Grouping::Mode]);
    assert!(file.contains("[pulse]\ngroupings = [\"mode\"]\n"), "{file}");
    // A new question is a new version; the items' consent still holds, so it is adopted.
    assert_eq!((a.version, a.status), (4, Status::Active));
    let src = accord::source::Source::read(&path).unwrap();
    let diags = accord::validate::agreement_rules(&src, &a, today());
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
}

#[test]
fn without_questions_the_step_names_the_default_question_and_offers_the_library() {
    let mut app = fixture(new_team("design", None, false));
    go_to(&mut app, Step::Pulse);
    let shown = text(&app, 160, 48);
    let default = Question::default_question();
    assert!(
        shown.contains("No questions yet: the pulse will ask the default question"),
        "{shown}"
    );
    // The default question, wrapped at the width of the form.
    assert!(
        default
            .text
            .starts_with("In the last two weeks, did you feel")
    );
    assert!(shown.contains("“In the last two weeks,"), "{shown}");
    assert!(
        shown.contains("did you feel you belong in this team?”"),
        "{shown}"
    );
    press(&mut app, KeyCode::Char('a'));
    let labels = picker_labels(&app);
    // The five behaviour questions of the library, then one's own.
    assert_eq!(labels.len(), 6, "{labels:?}");
    for (label, q) in labels.iter().zip(crate::tui::wizard::questions::library()) {
        assert_eq!(label, &q.text);
    }
}

#[test]
fn the_picker_offers_the_presets_questions_first() {
    let mut app = fixture(new_team("ward", Some("frontline"), false));
    go_to(&mut app, Step::Pulse);
    // The preset's questions are already in the draft; deleting one offers it back, first.
    press(&mut app, KeyCode::Down);
    let first = wizard(&app).draft.questions[0].text.clone();
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(picker_labels(&app)[0], first);
}

#[test]
fn the_pulse_step_has_the_norms_steps_keys() {
    let mut app = fixture(edit("atlas"));
    go_to(&mut app, Step::Norms);
    let norms_list = app.footer();
    press(&mut app, KeyCode::Enter);
    let norms_form = app.footer();
    go_to(&mut app, Step::Pulse);
    assert_eq!(app.footer(), norms_list);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.footer(), norms_form);
}

#[test]
fn renaming_or_deleting_a_norm_carries_through_to_its_questions() {
    let mut app = fixture(edit("atlas"));
    go_to(&mut app, Step::Norms);
    let at = wizard(&app)
        .draft
        .norms
        .iter()
        .position(|n| n.id.as_str() == "first-voice")
        .unwrap();
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    // Text, area, signal, dimension, trial, then the id.
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(wizard(&app).focused_field(), Some(Field::NormId(at)));
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "-first");
    press(&mut app, KeyCode::Enter);
    let about = |app: &App| wizard(app).draft.questions[2].about.clone();
    assert_eq!(about(&app).as_deref(), Some("first-voice-first"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(about(&app), None);
    assert!(
        wizard(&app)
            .check
            .diags
            .iter()
            .all(|d| d.code != "question-about"),
        "no question is left about a norm that is gone"
    );
}

#[test]
fn pulse_step_snapshots() {
    // Atlas has three questions and the tenure subgroup.
    let mut app = fixture(edit("atlas"));
    go_to(&mut app, Step::Pulse);
    both("wizard-pulse-atlas", &app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    both("wizard-pulse-question", &app);
    let mut app = fixture(edit("payments"));
    go_to(&mut app, Step::Pulse);
    press(&mut app, KeyCode::Char('a'));
    both("dialog-add-question", &app);
}

#[test]
fn clicks_reach_the_pulse_tab_its_rows_and_its_fields() {
    let mut app = fixture(edit("atlas"));
    let click = |app: &mut App, x: u16, y: u16| super::click(app, x, y);
    let tabs = text(&app, 80, 24).lines().nth(1).unwrap().to_string();
    let at = tabs.find("5 Pulse").unwrap();
    click(&mut app, tabs[..at].chars().count() as u16 + 1, 1);
    assert_eq!(wizard(&app).step, Step::Pulse);
    // The list's second row is the first question; its form's first line is the text.
    click(&mut app, 4, 4);
    assert_eq!(wizard(&app).selected(), 1);
    click(&mut app, 40, 3);
    assert_eq!(wizard(&app).pane, Pane::Form);
    assert_eq!(wizard(&app).focused_field(), Some(Field::QuestionText(0)));
}
