//! Key sequences through `update`, step by step, with effects performed on temporary folders.

use accord::model::{Status, Weekday};
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};

use super::*;
use crate::tui::app::{Dialog, Screen};
use crate::tui::wizard::fields::Field;
use crate::tui::wizard::{Pane, Step};

fn wizard(app: &App) -> &crate::tui::wizard::Wizard {
    app.wizard().expect("the wizard is open")
}

fn go_to(app: &mut App, step: Step) {
    while wizard(app).step != step {
        let before = wizard(app).step;
        cmd(
            app,
            if before < step {
                Cmd::NextStep
            } else {
                Cmd::PrevStep
            },
        );
    }
}

fn validates(path: &std::path::Path) -> Vec<accord::diag::Diagnostic> {
    let src = accord::source::Source::read(path).unwrap();
    let a: accord::model::Agreement = accord::parse::parse(&src).unwrap();
    accord::validate::agreement_rules(&src, &a, today())
}

#[test]
fn teams_open_the_viewer_and_back() {
    let mut app = fixture(Start::Teams);
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Down);
    press(&mut app, KeyCode::Enter);
    match app.screen() {
        Some(Screen::Viewer(v)) => assert_eq!(v.slug, "payments"),
        other => panic!("{other:?}"),
    }
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Some(Screen::Teams(_))));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn the_viewer_scrolls_by_line_page_and_to_either_end() {
    let mut app = fixture(Start::Viewer("payments".into()));
    let scroll = |app: &App| match app.screen() {
        Some(Screen::Viewer(v)) => v.scroll,
        other => panic!("{other:?}"),
    };
    press(&mut app, KeyCode::End);
    let bottom = scroll(&app);
    assert!(
        bottom > 18,
        "the agreement is longer than two screens: {bottom}"
    );
    press(&mut app, KeyCode::Down);
    assert_eq!(
        scroll(&app),
        bottom,
        "End is the last line that fills the page"
    );
    press(&mut app, KeyCode::PageUp);
    assert_eq!(
        scroll(&app),
        bottom - 18,
        "a page is the screen less the frame"
    );
    press(&mut app, KeyCode::Up);
    assert_eq!(scroll(&app), bottom - 19);
    press(&mut app, KeyCode::Home);
    assert_eq!(scroll(&app), 0);
}

#[test]
fn teams_edit_and_new_go_through_the_worker() {
    let s = Scratch::new();
    let mut app = s.app(Start::Teams);
    let io = s.io(&app);
    let effects = press(&mut app, KeyCode::Char('e'));
    assert!(matches!(effects.as_slice(), [Effect::OpenWizard(r)] if r.team == "atlas"));
    settle(&mut app, &io, effects);
    assert_eq!(wizard(&app).team, "atlas");
    press(&mut app, KeyCode::Char('q'));
    assert!(matches!(app.screen(), Some(Screen::Teams(_))));

    press(&mut app, KeyCode::Char('n'));
    typed(&mut app, "atlas");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(&app.dialog, Some(Dialog::Prompt(p)) if p.error.is_some()));
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "design");
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "remote");
    let effects = press(&mut app, KeyCode::Enter);
    settle(&mut app, &io, effects);
    let w = wizard(&app);
    assert_eq!((w.team.as_str(), w.new), ("design", true));
    assert_eq!(w.preset.as_deref(), Some("remote-first"));
}

#[test]
fn team_step_adds_renames_and_deletes_members() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    press(&mut app, KeyCode::Char('a'));
    assert!(
        wizard(&app).editing.is_some(),
        "a new member starts with its name"
    );
    typed(&mut app, "Ana Lima");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    let w = wizard(&app);
    assert_eq!(w.draft.members[0].name, "Ana Lima");
    assert_eq!(Field::MemberMode(0).value(&w.draft), "onsite");
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "rem");
    press(&mut app, KeyCode::Enter);
    assert_eq!(Field::MemberMode(0).value(&wizard(&app).draft), "remote");
    press(&mut app, KeyCode::Esc);
    assert_eq!(wizard(&app).pane, Pane::List);
    press(&mut app, KeyCode::Char('d'));
    assert!(wizard(&app).draft.members.is_empty());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(wizard(&app).draft.members.len(), 1);
    press(&mut app, KeyCode::Char('U'));
    assert!(wizard(&app).draft.members.is_empty());
}

#[test]
fn presence_grid_toggles_days() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    go_to(&mut app, Step::Presence);
    assert_eq!(wizard(&app).pane, Pane::Form);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char(' '));
    let days = &wizard(&app).draft.presence.as_ref().unwrap().days;
    assert_eq!(days, &vec![Weekday::Mon, Weekday::Thu]);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    for _ in 0..11 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "9:30-16:00");
    press(&mut app, KeyCode::Tab);
    assert_eq!(Field::CoreHours.value(&wizard(&app).draft), "09:30-16:00");
    // Tab goes on typing in the next field (a choice); Esc stops, and ←→ choose again.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Left);
    assert_eq!(Field::MinAttendance.value(&wizard(&app).draft), "0.75");
}

#[test]
fn rituals_from_the_library_and_of_our_own() {
    let mut app = fixture(new_team("design", Some("frontline"), false));
    go_to(&mut app, Step::Rituals);
    let before = wizard(&app).draft.rituals.len();
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "virtual coffee");
    press(&mut app, KeyCode::Enter);
    let w = wizard(&app);
    assert_eq!(w.draft.rituals.len(), before + 1);
    assert_eq!(w.draft.rituals.last().unwrap().name, "Virtual coffee");
    assert_eq!(w.pane, Pane::Form);

    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "your own");
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Friday Walk");
    press(&mut app, KeyCode::Enter);
    let r = wizard(&app).draft.rituals.last().unwrap().clone();
    assert_eq!(
        (r.name.as_str(), r.id.as_str()),
        ("Friday Walk", "friday-walk")
    );
    // Cadence from the list; the day follows.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    let r = wizard(&app).draft.rituals.last().unwrap().clone();
    assert_eq!(r.cadence.to_string(), "monthly");
    assert_eq!(r.day.unwrap().to_string(), "first-mon");
}

#[test]
fn invalid_text_is_kept_with_validates_message_and_esc_restores() {
    let mut app = fixture(edit("payments"));
    go_to(&mut app, Step::Rituals);
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "x");
    let w = wizard(&app);
    let (_, msg) = w
        .raw
        .get(&Field::RitualTime(0))
        .expect("bad time kept aside");
    assert!(msg.contains("15:00"), "{msg}");
    assert_eq!(
        Field::RitualTime(0).value(&w.draft),
        "15:00",
        "model untouched"
    );
    press(&mut app, KeyCode::Esc);
    assert!(wizard(&app).raw.is_empty());
    // A rule of validate, as you type: an owner who is not a member.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    let w = wizard(&app);
    let codes: Vec<&str> = w.check.of(Field::RitualOwner(0)).map(|d| d.code).collect();
    assert!(codes.is_empty() || codes == ["no-owner"], "{codes:?}");
    let mut a = w.draft.clone();
    a.rituals[0].owner = Some("Nobody".into());
    let c = crate::tui::wizard::check::check(&a, w.base.as_deref(), &w.path, today());
    assert!(
        c.of(Field::RitualOwner(0))
            .any(|d| d.message.contains("is not a member"))
    );
}

#[test]
fn norms_of_our_own_get_an_id_from_their_text() {
    let mut app = fixture(new_team("design", None, false));
    go_to(&mut app, Step::Norms);
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "your own");
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Cameras on for demos");
    press(&mut app, KeyCode::Enter);
    let n = &wizard(&app).draft.norms[0];
    assert_eq!(n.id.as_str(), "cameras-on-for-demos");
}

#[test]
fn review_moves_the_date_by_weeks() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    go_to(&mut app, Step::Review);
    let d0 = wizard(&app).draft.review_by.unwrap().0;
    assert_eq!(d0, today() + chrono::Days::new(42));
    press(&mut app, KeyCode::Right);
    assert_eq!(
        wizard(&app).draft.review_by.unwrap().0,
        d0 + chrono::Days::new(7)
    );
    press(&mut app, KeyCode::Enter);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2027-02-01");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        wizard(&app).draft.review_by.unwrap().to_string(),
        "2027-02-01"
    );
}

#[test]
fn consent_counts_never_add_up_to_more_voices_than_members() {
    // Payments has six members.
    let mut app = fixture(edit("payments"));
    go_to(&mut app, Step::Consent);
    let item = crate::tui::wizard::consent::current(wizard(&app)).unwrap();
    let before = item.counts;
    typed(&mut app, "9");
    let status = app.status.clone().map(|s| s.text).unwrap_or_default();
    assert!(
        status.contains("voices on \"Presence days\" but the team has 6 members"),
        "{status}"
    );
    let now = crate::tui::wizard::consent::current(wizard(&app)).unwrap();
    assert_eq!(now.counts, before, "a refused count changes nothing");
    typed(&mut app, "4");
    let c = crate::tui::wizard::consent::current(wizard(&app)).unwrap();
    assert_eq!(
        c.counts.map(|c| c[0]),
        Some(4),
        "the digit after a refused one starts afresh"
    );
    press(&mut app, KeyCode::Down);
    for _ in 0..7 {
        press(&mut app, KeyCode::Right);
    }
    let status = app.status.clone().map(|s| s.text).unwrap_or_default();
    assert!(status.contains("7 voices on"), "{status}");
    let c = crate::tui::wizard::consent::current(wizard(&app)).unwrap();
    assert_eq!(c.counts.map(|c| c.iter().sum::<u32>()), Some(6));
}

#[test]
fn consent_round_counts_and_sends_objections_back_or_to_the_parking_lot() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    go_to(&mut app, Step::Consent);
    assert_eq!(wizard(&app).consent_item, 0);
    typed(&mut app, "12");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let c = wizard(&app).draft.consent_for("presence").unwrap().clone();
    assert_eq!((c.agree, c.concerns, c.objections), (12, 1, 0));
    assert_eq!(wizard(&app).consent_item, 1);
    // An objection: back to edit it.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    typed(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.dialog, Some(Dialog::Objection { .. })));
    press(&mut app, KeyCode::Char('e'));
    let w = wizard(&app);
    assert_eq!(
        (w.step, w.pane, w.selected()),
        (Step::Rituals, Pane::Form, 0)
    );
    let status = app.status.clone().map(|s| s.text).unwrap_or_default();
    assert!(
        status.contains("n leads back to the consent round"),
        "{status}"
    );
    // As the status line says: n (here from the list, after Esc) leads back to the consent.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        wizard(&app).step,
        Step::Consent,
        "n leads back to the consent"
    );
    assert_eq!(
        wizard(&app).consent_item,
        1,
        "back at the item with the objection"
    );
    // Once there, n is the next step again.
    assert!(!wizard(&app).back_to_consent);
    // Or to the parking lot: the item leaves the agreement.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('p'));
    let w = wizard(&app);
    assert!(w.draft.ritual("weekly-demo").is_none());
    assert!(w.draft.consent_for("weekly-demo").is_none());
    assert!(w.parked[0].contains("Weekly demo"));
    // Undo brings it back.
    press(&mut app, KeyCode::Char('u'));
    assert!(wizard(&app).draft.ritual("weekly-demo").is_some());
}

#[test]
fn a_complete_draft_saves_a_valid_active_agreement() {
    let s = Scratch::new();
    let mut app = s.app(new_team("design", Some("small-team"), false));
    let io = s.io(&app);
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "Ana Lima");
    press(&mut app, KeyCode::Enter);
    go_to(&mut app, Step::Consent);
    let n = wizard(&app).draft.items().count();
    for _ in 0..n {
        // One member, one voice.
        typed(&mut app, "1");
        press(&mut app, KeyCode::Enter);
    }
    go_to(&mut app, Step::Save);
    let effects = press(&mut app, KeyCode::Char('s'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::WriteAgreement { expected: None, .. }]
    ));
    settle(&mut app, &io, effects);
    let path = s.root().join("design/agreement.toml");
    let diags = validates(&path);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let a: accord::model::Agreement =
        accord::parse::parse(&accord::source::Source::read(&path).unwrap()).unwrap();
    assert_eq!(a.status, Status::Active);
    assert_eq!(a.adopted.unwrap().0, today());
    assert_eq!(a.review_by.unwrap().0, today() + chrono::Days::new(42));
    assert_eq!(a.consent.len(), n);
    // TOML 1.0, times with seconds (tests/it/toml_tools.rs has taplo read this writer's output).
    let text = std::fs::read_to_string(&path).unwrap();
    let times: Vec<&str> = text.lines().filter(|l| l.starts_with("time = ")).collect();
    assert!(!times.is_empty(), "{text}");
    for l in times {
        assert_eq!(l.matches(':').count(), 2, "{l}");
    }
    let w = wizard(&app);
    assert!(!w.unsaved);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("not committed: the folder is not in a git repository"),
        "{status}"
    );
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "nothing unsaved: q leaves at once");
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The example folder, committed in a repository of its own with a local identity.
fn committed_scratch() -> Scratch {
    let s = Scratch::new();
    let dir = s.dir.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["config", "user.name", "Ana Lima"]);
    git(dir, &["config", "user.email", "ana@example.com"]);
    git(dir, &["add", "agreements"]);
    git(dir, &["commit", "-q", "-m", "start"]);
    s
}

#[test]
fn saving_in_a_repository_commits_the_agreement_only() {
    let s = committed_scratch();
    let dir = s.dir.path();
    // Someone's unrelated work in progress: staged and unstaged.
    std::fs::write(dir.join("notes.txt"), "staged\n").unwrap();
    git(dir, &["add", "notes.txt"]);
    let settings = dir.join("agreements/accord.toml");
    let dirty = std::fs::read_to_string(&settings).unwrap() + "# a local note\n";
    std::fs::write(&settings, &dirty).unwrap();

    let mut app = s.app(crate::tui::tests::edit("payments"));
    let io = s.io(&app);
    // A topic parked during the workshop outlives it in the commit message.
    press(&mut app, KeyCode::Char('P'));
    typed(&mut app, "Lunch budget");
    press(&mut app, KeyCode::Enter);
    assert_eq!(wizard(&app).parked.topics(), ["Lunch budget"]);
    go_to(&mut app, Step::Save);
    let effects = press(&mut app, KeyCode::Char('s'));
    settle(&mut app, &io, effects);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("· committed "), "{status}");
    let parked = git(dir, &["log", "-1", "--format=%b"]);
    assert!(
        parked.contains(
            "Parking lot (topics to come back to)\n  - Lunch budget\n\nAgreement-Version: 4"
        ),
        "{parked}"
    );
    // The trailers are still the message's last paragraph, where git finds them.
    let trailers = git(
        dir,
        &["log", "-1", "--format=%(trailers:key=Agreement-Version)"],
    );
    assert_eq!(trailers.trim(), "Agreement-Version: 4");

    let log = git(dir, &["log", "-1", "--format=%s%n%b", "--name-only"]);
    assert!(log.starts_with("payments: adopt agreement v4"), "{log}");
    assert!(
        log.contains("team-lunch"),
        "the body lists what changed: {log}"
    );
    assert!(log.contains("Consent: "), "{log}");
    assert!(log.contains("agreements/payments/agreement.toml"), "{log}");
    assert!(
        !log.contains("notes.txt") && !log.contains("accord.toml"),
        "{log}"
    );
    let st = git(dir, &["status", "--porcelain"]);
    assert!(st.contains("A  notes.txt"), "still staged: {st}");
    assert!(
        st.contains(" M agreements/accord.toml"),
        "still unstaged: {st}"
    );
    assert_eq!(std::fs::read_to_string(&settings).unwrap(), dirty);
}

#[test]
fn no_commit_saves_without_committing() {
    let s = committed_scratch();
    let dir = s.dir.path();
    let mut app = s.app(crate::tui::tests::edit("payments"));
    app.ctx.commit = false;
    let io = s.io(&app);
    go_to(&mut app, Step::Save);
    let effects = press(&mut app, KeyCode::Char('s'));
    settle(&mut app, &io, effects);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("not committed (--no-commit)"), "{status}");
    assert_eq!(git(dir, &["rev-list", "--count", "HEAD"]).trim(), "1");
    assert!(git(dir, &["status", "--porcelain"]).contains("agreements/payments/agreement.toml"));
}

#[test]
fn save_refuses_while_a_field_is_invalid() {
    let mut app = fixture(new_team("design", Some("hybrid"), false));
    go_to(&mut app, Step::Rituals);
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "!");
    press(&mut app, KeyCode::Enter);
    go_to(&mut app, Step::Save);
    let effects = press(&mut app, KeyCode::Char('s'));
    assert!(effects.is_empty());
    assert!(app.status.as_ref().unwrap().text.contains("not valid yet"));
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten_silently() {
    let s = Scratch::new();
    let mut app = s.app(edit("payments"));
    let io = s.io(&app);
    let path = s.root().join("payments/agreement.toml");
    go_to(&mut app, Step::Presence);
    press(&mut app, KeyCode::Char(' '));
    let mine = wizard(&app).draft.clone();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Floor 4, room Kasai", "Floor 5");
    std::fs::write(&path, &theirs).unwrap();
    go_to(&mut app, Step::Save);
    let effects = press(&mut app, KeyCode::Char('s'));
    settle(&mut app, &io, effects);
    assert!(matches!(app.dialog, Some(Dialog::ChangedOnDisk)));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    let effects = press(&mut app, KeyCode::Char('r'));
    settle(&mut app, &io, effects);
    let space = wizard(&app).draft.presence.as_ref().unwrap().space.clone();
    assert_eq!(space.as_deref(), Some("Floor 5"));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(wizard(&app).draft, mine, "my version is one undo away");
}

#[test]
fn autosave_within_two_seconds_and_recovery() {
    let s = Scratch::new();
    let mut app = s.app(new_team("design", Some("hybrid"), false));
    let io = s.io(&app);
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "Zed");
    press(&mut app, KeyCode::Enter);
    let t0 = now();
    assert!(
        update(
            &mut app,
            Action::Tick(t0 + chrono::TimeDelta::milliseconds(500))
        )
        .is_empty()
    );
    let effects = update(
        &mut app,
        Action::Tick(t0 + chrono::TimeDelta::milliseconds(1250)),
    );
    assert!(matches!(effects.as_slice(), [Effect::SaveDraft { .. }]));
    settle(&mut app, &io, effects);
    assert!(wizard(&app).draft_saved_at.is_some());

    // The next start offers it back.
    let mut again = s.app(new_team("design", Some("hybrid"), false));
    match &again.dialog {
        Some(Dialog::Recover { team, .. }) => assert_eq!(team, "Design"),
        other => panic!("{other:?}"),
    }
    press(&mut again, KeyCode::Char('y'));
    assert_eq!(wizard(&again).draft.members[0].name, "Zed");
    assert!(wizard(&again).unsaved);

    // Esc closes the offer and keeps the draft; `n` asks before discarding, and its own Esc
    // goes back to the offer.
    let mut third = s.app(new_team("design", Some("hybrid"), false));
    assert!(press(&mut third, KeyCode::Esc).is_empty());
    assert!(third.dialog.is_none());
    let mut third = s.app(new_team("design", Some("hybrid"), false));
    assert!(press(&mut third, KeyCode::Char('n')).is_empty());
    assert!(
        matches!(third.dialog, Some(Dialog::DiscardDraft { .. })),
        "n asks first"
    );
    press(&mut third, KeyCode::Esc);
    assert!(matches!(third.dialog, Some(Dialog::Recover { .. })));
    // Discarding, confirmed, removes it.
    press(&mut third, KeyCode::Char('n'));
    let effects = press(&mut third, KeyCode::Char('y'));
    settle(&mut third, &io, effects);
    assert!(s.app(new_team("design", None, false)).dialog.is_none());
}

#[test]
fn leaving_with_unsaved_work_asks_and_keeps_the_draft() {
    let s = Scratch::new();
    let mut app = s.app(edit("payments"));
    let io = s.io(&app);
    go_to(&mut app, Step::Presence);
    press(&mut app, KeyCode::Char(' '));
    ctrl(&mut app, 'c');
    assert!(matches!(app.dialog, Some(Dialog::ConfirmQuit)));
    press(&mut app, KeyCode::Esc);
    assert!(app.dialog.is_none() && !app.quit);
    press(&mut app, KeyCode::Char('q'));
    let effects = press(&mut app, KeyCode::Char('k'));
    assert!(app.quit);
    settle(&mut app, &io, effects);
    assert!(
        s.app(edit("payments")).dialog.is_some(),
        "the draft is offered back"
    );
}

#[test]
fn mouse_clicks_tabs_rows_fields_and_footer_keys() {
    let mut app = fixture(edit("payments"));
    let click = |app: &mut App, x: u16, y: u16| super::click(app, x, y);
    let text80 = text(&app, 80, 24);
    let tab_row = 1;
    let x = text80
        .lines()
        .nth(tab_row)
        .unwrap()
        .find("3 Rituals")
        .unwrap();
    let x = text80.lines().nth(tab_row).unwrap()[..x].chars().count() as u16;
    click(&mut app, x, tab_row as u16);
    assert_eq!(wizard(&app).step, Step::Rituals);
    // The second ritual's row, then a field of its form.
    click(&mut app, 4, 4);
    assert_eq!(wizard(&app).selected(), 1);
    click(&mut app, 40, 3);
    assert_eq!((wizard(&app).pane, wizard(&app).field), (Pane::Form, 0));
    update(
        &mut app,
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 40,
            row: 10,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(wizard(&app).field, 1);
    // "? help" in the footer.
    let footer = text(&app, 80, 24).lines().nth(23).unwrap().to_string();
    let x = footer[..footer.find("? help").unwrap()].chars().count() as u16;
    click(&mut app, x, 23);
    assert!(app.help.is_some());
}

#[test]
fn selection_shows_without_colour_and_no_color_means_none() {
    let mut app = fixture(Start::Teams);
    app.ctx.no_color = true;
    let t = frame(&app, 80, 24);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert!(matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset));
    }
    // The selected row: marker and reverse video.
    let row: String = (0..80).map(|x| buf[(x, 3)].symbol().to_string()).collect();
    assert!(row.contains("▶"), "{row}");
    assert!(buf[(5, 3)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn text_from_files_cannot_reach_the_terminal_raw() {
    let mut app = fixture(Start::Viewer("payments".into()));
    if let Some(Screen::Viewer(v)) = app.screen_mut() {
        v.agreement.team = "Pay\u{1b}[2Jments\u{7}\u{200b}".into();
        v.agreement.norms[0].text =
            "evil \u{9b}31m text\u{202e}\u{2066}\u{feff}\u{2028}\u{ad}".into();
    }
    for (w, h) in [(80, 24), (160, 48)] {
        let t = text(&app, w, h);
        assert!(accord::render::is_safe(&t), "{t}");
        assert!(t.contains("\\u{1b}") && t.contains("\\u{200b}"), "{t}");
    }
}

#[test]
fn no_hidden_character_reaches_a_cell_even_unescaped() {
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 6, 1));
    buf[(0, 0)].set_symbol("a\u{200d}");
    buf[(1, 0)].set_symbol("\u{202e}");
    buf[(2, 0)].set_symbol("\u{1b}");
    buf[(3, 0)].set_symbol("é");
    crate::tui::ui::scrub(&mut buf);
    let symbols: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
    assert_eq!(symbols, ["a", " ", " ", "é", " ", " "]);
}

#[test]
fn any_size_renders_without_panic() {
    // Every screen: the week, the report and the dashboard are opened from the fixture, with
    // their data loaded by the real worker.
    let opened = |start: Start, key: char| {
        let mut app = fixture(start);
        let io = crate::tui::worker::Io::of(&app.ctx);
        let effects = press(&mut app, KeyCode::Char(key));
        settle(&mut app, &io, effects);
        app
    };
    let apps = [
        fixture(Start::Teams),
        fixture(Start::Viewer("ward-7".into())),
        fixture(edit("payments")),
        fixture(new_team("design", Some("hybrid"), true)),
        opened(Start::Viewer("atlas".into()), 'w'),
        opened(Start::Viewer("atlas".into()), 'h'),
        opened(Start::Viewer("payments".into()), 'd'),
        opened(Start::Teams, 'R'),
        fixture(super::checkin::checkin("payments")),
    ];
    for app in &apps {
        for step in 0..7 {
            let mut a = app.clone();
            for _ in 0..step {
                cmd(&mut a, Cmd::NextStep);
            }
            for (w, h) in [
                (0, 0),
                (1, 1),
                (40, 10),
                (79, 23),
                (80, 24),
                (81, 25),
                (120, 30),
                (200, 60),
                (300, 100),
            ] {
                a.size = (w, h);
                let _ = frame(&a, w, h);
            }
        }
    }
    let t = text(&fixture(Start::Teams), 60, 20);
    assert!(t.contains("need 80×24"), "{t}");
}

#[test]
fn footer_and_help_come_from_the_key_table() {
    let mut app = fixture(edit("payments"));
    let footer = text(&app, 160, 48).lines().nth(47).unwrap().to_string();
    for item in app.footer() {
        assert!(
            footer.contains(item.label),
            "{} missing from {footer}",
            item.label
        );
    }
    cmd(&mut app, Cmd::Help);
    let help = text(&app, 160, 48);
    for (_, rows) in app.keymap.help(&app.screen_scopes()) {
        for (_, label) in rows.iter().take(3) {
            assert!(help.contains(label), "{label} missing from the help");
        }
    }
}

#[test]
fn edit_starts_from_the_last_checkins_decisions() {
    let app = fixture(edit("payments"));
    let w = wizard(&app);
    let notes = w
        .checkin
        .as_ref()
        .expect("payments' last check-in decided something");
    assert!(notes.decisions.iter().any(|d| d.item == "team-lunch"));
    assert!(
        w.draft.ritual("team-lunch").is_none(),
        "dropped at the check-in"
    );
    assert!(w.loaded.as_ref().unwrap().ritual("team-lunch").is_some());
    let mut app = app;
    press(&mut app, KeyCode::Char('u'));
    assert!(
        wizard(&app).draft.ritual("team-lunch").is_some(),
        "the drop is undoable"
    );
}
