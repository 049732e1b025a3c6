//! The history browser and the member's week: snapshots and key flows. The history reads a real
//! repository built here, with fixed identities and dates so commit ids are the same every run.

use std::path::Path;
use std::process::Command;

use ratatui::crossterm::event::KeyCode;

use super::snapshots::both;
use super::*;
use crate::tui::app::Screen;

fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Sofie Claes")
        .env("GIT_AUTHOR_EMAIL", "sofie@example.com")
        .env("GIT_COMMITTER_NAME", "Sofie Claes")
        .env("GIT_COMMITTER_EMAIL", "sofie@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// The example folder in a repository: payments committed three times, then edited in the
/// working tree.
fn repository() -> Scratch {
    let s = Scratch::new();
    let dir = s.dir.path();
    let file = s.root().join("payments/agreement.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    git(
        dir,
        "2026-09-01T10:00:00+02:00",
        &["init", "-q", "-b", "main"],
    );
    git(dir, "2026-09-01T10:00:00+02:00", &["add", "agreements"]);
    git(
        dir,
        "2026-09-01T10:00:00+02:00",
        &["commit", "-q", "-m", "payments: adopt agreement v3"],
    );
    let edits = [
        (
            "2026-10-06T16:30:00+02:00",
            "payments: a longer demo",
            "duration_minutes = 30",
            "duration_minutes = 45",
        ),
        (
            "2026-11-03T09:15:00+01:00",
            "payments: Mondays too",
            "days = [\"tue\", \"thu\"]",
            "days = [\"mon\", \"tue\", \"thu\"]",
        ),
    ];
    let mut text = original;
    for (date, subject, from, to) in edits {
        text = text.replacen(from, to, 1);
        std::fs::write(&file, &text).unwrap();
        git(dir, date, &["commit", "-q", "-am", subject]);
    }
    std::fs::write(
        &file,
        text.replacen("min_attendance = 0.8", "min_attendance = 0.6", 1),
    )
    .unwrap();
    s
}

fn history(app: &App) -> &crate::tui::history::HistoryState {
    match app.screen() {
        Some(Screen::History(h)) => h,
        _ => panic!("not on the history screen"),
    }
}

#[test]
fn history_lists_revisions_and_compares_two() {
    let s = repository();
    let mut app = s.app(Start::Viewer("payments".into()));
    let io = s.io(&app);
    let effects = press(&mut app, KeyCode::Char('h'));
    assert_eq!(
        effects,
        vec![Effect::LoadHistory {
            team: "payments".into()
        }]
    );
    assert!(text(&app, 80, 24).contains("Reading the history from git…"));
    settle(&mut app, &io, effects);
    let revs = history(&app).revisions.clone().unwrap().unwrap();
    assert_eq!(revs.len(), 4, "three commits and the working tree");
    assert_eq!(revs[0].id, "working");
    both("history-list", &app);

    // A click selects a row; a second click on it shows what it changed against its parent.
    let click = |app: &mut App, row: u16| super::click(app, 20, row);
    let row = text(&app, 80, 24)
        .lines()
        .position(|l| l.contains("presence: days +Mon"))
        .unwrap() as u16;
    click(&mut app, row);
    assert_eq!(history(&app).selected, 1);
    assert!(history(&app).diff.is_none());
    click(&mut app, row);
    let d = history(&app).diff.clone().unwrap();
    assert!(d.text.contains("+ Monday"), "{}", d.text);
    both("history-diff-one", &app);
    press(&mut app, KeyCode::Esc);
    assert!(history(&app).diff.is_none(), "Esc closes the diff first");

    // Mark the working tree and the first commit: everything since the adoption.
    cmd(&mut app, Cmd::Home);
    press(&mut app, KeyCode::Char(' '));
    cmd(&mut app, Cmd::End);
    press(&mut app, KeyCode::Char(' '));
    both("history-marked", &app);
    press(&mut app, KeyCode::Enter);
    let d = history(&app).diff.clone().unwrap();
    assert!(d.title.starts_with("v3 ("), "{}", d.title);
    for change in ["+ Monday", "30 min → 45 min", "80% → 60%"] {
        assert!(d.text.contains(change), "{change} in {}", d.text);
    }
    both("history-diff-marked", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Some(Screen::Viewer(_))));
}

#[test]
fn history_outside_a_repository_says_why() {
    let s = Scratch::new();
    let mut app = s.app(Start::Viewer("payments".into()));
    let io = s.io(&app);
    let effects = press(&mut app, KeyCode::Char('h'));
    settle(&mut app, &io, effects);
    assert!(matches!(history(&app).revisions, Some(Err(_))));
    let t = text(&app, 80, 24);
    assert!(t.contains("No history to show."), "{t}");
    assert!(t.contains("not"), "{t}");
}

#[test]
fn week_moves_by_weeks_and_shows_a_members_time() {
    let mut app = fixture(Start::Viewer("payments".into()));
    press(&mut app, KeyCode::Char('w'));
    assert!(matches!(app.screen(), Some(Screen::Week(_))));
    both("week-payments", &app);
    let t = text(&app, 80, 24);
    assert!(t.contains("week 47"), "{t}");
    assert!(t.contains("Presence day"), "{t}");
    // A member elsewhere: Piotr in Warsaw sees the same times (same offset) but is named.
    press(&mut app, KeyCode::Char('m'));
    assert!(text(&app, 80, 24).contains("Piotr Nowak (Europe/Warsaw)"));
    press(&mut app, KeyCode::Right);
    assert!(text(&app, 80, 24).contains("week 48"));
    press(&mut app, KeyCode::Char('t'));
    assert!(text(&app, 80, 24).contains("week 47"));
    // Atlas spans time zones: another member's clock shows on the right.
    let mut app = fixture(Start::Viewer("atlas".into()));
    press(&mut app, KeyCode::Char('w'));
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('m'));
    }
    let t = text(&app, 80, 24);
    assert!(t.contains("Joana Ferreira (Europe/Lisbon)"), "{t}");
    both("week-atlas-member", &app);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Some(Screen::Viewer(_))));
}

#[test]
fn report_of_all_teams_loads_off_the_render_path_and_scrolls() {
    let mut app = fixture(Start::Teams);
    let io = Io::of(&app.ctx);
    let effects = press(&mut app, KeyCode::Char('R'));
    assert_eq!(effects, vec![Effect::LoadReport { today: today() }]);
    assert!(text(&app, 80, 24).contains("Reading every team's check-ins…"));
    settle(&mut app, &io, effects);
    let t = text(&app, 160, 48);
    assert!(t.contains("Adherence report, 2026-11-20"), "{t}");
    assert!(t.contains("Data Platform (data-platform)"), "{t}");
    both("report-top", &app);
    press(&mut app, KeyCode::Right);
    assert!(text(&app, 80, 24).contains("eld 3 of 4"), "panned right");
    press(&mut app, KeyCode::PageDown);
    assert!(matches!(app.screen(), Some(Screen::Report(r)) if r.scroll > 0));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Some(Screen::Teams(_))));
}

#[test]
fn history_of_a_committed_file_that_does_not_parse_has_no_phantom_working_row() {
    let s = repository();
    let file = s.root().join("payments/agreement.toml");
    let mut app = s.app(Start::Viewer("payments".into()));
    let io = s.io(&app);
    let broken =
        std::fs::read_to_string(&file)
            .unwrap()
            .replacen("version = 3", "version = = 3", 1);
    std::fs::write(&file, &broken).unwrap();
    git(
        s.dir.path(),
        "2026-11-10T09:00:00+01:00",
        &["commit", "-q", "-am", "payments: break it"],
    );
    let load = |app: &mut App| {
        let effects = press(app, KeyCode::Char('h'));
        settle(app, &io, effects);
        let revs = history(app).revisions.clone().unwrap().unwrap();
        press(app, KeyCode::Esc);
        revs
    };
    let revs = load(&mut app);
    assert_eq!(revs.len(), 4, "the four commits, no working row");
    assert!(revs[0].agreement.is_err(), "the broken commit comes first");
    // Broken and not committed: that row is real, and says why it cannot be compared.
    std::fs::write(&file, format!("{broken}\n# edited\n")).unwrap();
    let revs = load(&mut app);
    assert_eq!(revs[0].id, "working");
    assert_eq!(revs[0].summary, "does not parse");
    assert!(revs[0].agreement.is_err());
    // Mended in the working tree: a real change too.
    std::fs::write(&file, broken.replacen("version = = 3", "version = 3", 1)).unwrap();
    let revs = load(&mut app);
    assert_eq!(revs[0].id, "working");
    assert!(revs[0].agreement.is_ok());
    assert_eq!(revs.len(), 5);
}

#[test]
fn screens_return_what_they_ask_of_the_app_without_touching_it() {
    use crate::tui::action::Nav;
    use crate::tui::app::Env;
    let app = fixture(Start::Viewer("payments".into()));
    let env = Env {
        ctx: &app.ctx,
        size: (80, 24),
        theme: app.theme(),
        scroll_max: None,
    };
    let Some(Screen::Viewer(v)) = app.screen() else {
        panic!("not the viewer")
    };
    let mut v = (**v).clone();
    let out = crate::tui::viewer::update(&mut v, Cmd::History, &env);
    assert!(
        matches!(&out.nav, Some(Nav::Push(s)) if matches!(**s, Screen::History(_))),
        "{out:?}"
    );
    assert!(
        matches!(out.effects.as_slice(), [Effect::LoadHistory { team }] if team == "payments"),
        "{out:?}"
    );
    let out = crate::tui::viewer::update(&mut v, Cmd::Edit, &env);
    assert!(matches!(out.effects.as_slice(), [Effect::OpenWizard(_)]));
    assert!(out.info.unwrap().contains("Opening the wizard"));
    assert!(matches!(
        crate::tui::viewer::update(&mut v, Cmd::Back, &env).nav,
        Some(Nav::Back)
    ));
    let mut w = crate::tui::week::WeekState::new("payments".into(), v.agreement.clone(), today());
    crate::tui::week::update(&mut w, Cmd::Right, &env);
    assert_ne!(w.date, today());
    crate::tui::week::update(&mut w, Cmd::Home, &env);
    assert_eq!(w.date, today(), "t: this week, from the injected today");
    let mut r = crate::tui::report::ReportState::default();
    let out = crate::tui::report::update(&mut r, Cmd::Reload, &env);
    assert!(matches!(out.effects.as_slice(), [Effect::LoadReport { today: t }] if *t == today()));
    let mut d = crate::tui::dashboard::DashboardState::loading("payments");
    let out = crate::tui::dashboard::command::update(&mut d, Cmd::Reload, &env);
    assert!(
        matches!(out.effects.as_slice(), [Effect::LoadDashboard { team, .. }] if team == "payments")
    );
    assert!(matches!(
        crate::tui::dashboard::command::update(&mut d, Cmd::Back, &env).nav,
        Some(Nav::Back)
    ));
    // The app carries it out: the pushed screen is on top.
    let mut app = app.clone();
    cmd(&mut app, Cmd::Week);
    assert!(matches!(app.screen(), Some(Screen::Week(_))));
    cmd(&mut app, Cmd::Back);
    assert!(matches!(app.screen(), Some(Screen::Viewer(_))));
}

/// What falls outside a member's working hours is marked ⚠ in the week, and counted for the
/// member whose clock is shown: Joana in Lisbon works 15:45–20:00 here, so Tuesday's coffee
/// (15:00 her time) and Thursday's retro (15:30) fall outside, Wednesday's demo (16:00) not.
#[test]
fn the_week_marks_what_falls_outside_a_members_working_hours() {
    let s = Scratch::new();
    let file = s.root().join("atlas/agreement.toml");
    let toml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        toml.replace(
            "timezone = \"Europe/Lisbon\"\n",
            "timezone = \"Europe/Lisbon\"\nworking_hours = { start = 15:45:00, end = 20:00:00 }\n",
        ),
    )
    .unwrap();
    let mut app = s.app(Start::Viewer("atlas".into()));
    press(&mut app, KeyCode::Char('w'));
    let t = text(&app, 160, 48);
    assert!(
        t.contains("⚠ 2 this week fall outside someone's working hours"),
        "{t}"
    );
    let line = |t: &str, what: &str| t.lines().find(|l| l.contains(what)).unwrap().to_string();
    assert!(
        line(&t, "Coffee across zones").contains("⚠ Coffee across zones"),
        "{t}"
    );
    assert!(
        line(&t, "Coffee across zones").contains("Joana Ferreira 15:00"),
        "{t}"
    );
    assert!(!line(&t, "Wednesday demo").contains('⚠'), "{t}");
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('m'));
    }
    let t = text(&app, 160, 48);
    assert!(t.contains("Joana Ferreira (Europe/Lisbon)"), "{t}");
    assert!(
        t.contains("⚠ 2 this week fall outside Joana Ferreira's working hours"),
        "{t}"
    );
    both("week-atlas-outside-hours", &app);
    // Katrin (Berlin, 09:00–18:00) has no clash: nothing is counted from her clock.
    press(&mut app, KeyCode::Char('m'));
    let t = text(&app, 160, 48);
    assert!(t.contains("Katrin Vogel (Europe/Berlin)"), "{t}");
    assert!(!t.contains("fall outside"), "{t}");
}
