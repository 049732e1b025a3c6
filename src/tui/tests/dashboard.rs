//! The dashboard: opened from the teams screen and the viewer, loaded by the worker, drawn at
//! 80×24 and 160×48 for a team with several check-ins, none, a withheld and a shown pulse, and a
//! drifting item; scrolled with keys and the wheel, left, and handing over to the wizard.

use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseEvent, MouseEventKind};

use super::*;
use crate::tui::app::Screen;
use crate::tui::dashboard::DashboardState;
use crate::tui::dashboard::state::Data;

fn both(name: &str, app: &App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app.clone();
        app.size = (w, h);
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), frame(&app, w, h).backend());
    }
}

/// At both sizes, scrolled to the end (the trend charts) with End as the user would.
fn both_at_end(name: &str, app: &App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app.clone();
        app.size = (w, h);
        cmd(&mut app, Cmd::End);
        insta::assert_snapshot!(format!("{name}@{w}x{h}"), frame(&app, w, h).backend());
    }
}

fn io_of(app: &App) -> Io {
    Io::of(&app.ctx)
}

fn select(app: &mut App, team: &str) {
    let Some(Screen::Teams(t)) = app.stack.last_mut() else {
        panic!("the teams screen is on top")
    };
    t.selected = t.find(team).expect("a fixture team");
}

/// The dashboard of a team of `app`'s folder, opened with `d` and loaded as the run loop would.
fn open(mut app: App, team: &str) -> App {
    select(&mut app, team);
    let io = io_of(&app);
    let effects = press(&mut app, KeyCode::Char('d'));
    settle(&mut app, &io, effects);
    app
}

fn dashboard(team: &str) -> App {
    open(fixture(Start::Teams), team)
}

fn state(app: &App) -> &DashboardState {
    match app.screen() {
        Some(Screen::Dashboard(d)) => d,
        other => panic!("not the dashboard: {other:?}"),
    }
}

fn wheel(app: &mut App, kind: MouseEventKind) -> Vec<Effect> {
    update(
        app,
        Action::Mouse(MouseEvent {
            kind,
            column: 40,
            row: 10,
            modifiers: KeyModifiers::NONE,
        }),
    )
}

#[test]
fn several_checkins_with_a_drifting_item() {
    let app = dashboard("payments");
    both("dashboard-payments", &app);
    both_at_end("dashboard-payments-trend", &app);
    let mut items = app.clone();
    items.size = (160, 48);
    // Past the loop's sections (open actions, wins, dimensions) to the items.
    for _ in 0..5 {
        cmd(&mut items, Cmd::SwitchPane);
    }
    insta::assert_snapshot!(
        "dashboard-payments-items@160x48",
        frame(&items, 160, 48).backend()
    );
    let all = text(&items, 160, 48);
    assert!(all.contains("✗ Thursday lunch"), "{all}");
    assert!(all.contains("⚠ drifting — adjust or drop?"), "{all}");
}

#[test]
fn no_checkins_yet() {
    let app = dashboard("data-platform");
    both("dashboard-no-checkins", &app);
    let t = text(&app, 80, 24);
    assert!(t.contains("No check-ins yet — run `accord checkin data-platform`"));
}

#[test]
fn pulse_shown_and_withheld() {
    // Ward 7's last check-in has 8 answers (shown); the one before 4 (withheld in the trend).
    let app = dashboard("ward-7");
    both("dashboard-pulse-shown", &app);
    let t = text(&app, 80, 24);
    assert!(t.contains("Pulse     4.1 of 5 · 8 answers"), "{t}");
    let mut end = app.clone();
    end.size = (160, 48);
    cmd(&mut end, Cmd::End);
    assert!(text(&end, 160, 48).contains("1 withheld: too few answers"));

    // With only three answers at the last check-in, neither its mean nor its comments show,
    // even from a (hand-edited, invalid) file that still holds them.
    let s = Scratch::new();
    let file = s.root().join("ward-7/checkins/2026-11-19.toml");
    let toml = std::fs::read_to_string(&file).unwrap();
    assert!(toml.contains("count = 8\n"));
    let toml = toml.replace("count = 8\n", "count = 3\n");
    std::fs::write(&file, toml).unwrap();
    let app = open(s.app(Start::Teams), "ward-7");
    both("dashboard-pulse-withheld", &app);
    let t = text(&app, 160, 48);
    assert!(t.contains("withheld: 3 answers, 5 needed"), "{t}");
    assert!(!t.contains("4.0 of 5"), "{t}");
    assert!(
        !t.contains("paper box is easier"),
        "a withheld comment leaked:\n{t}"
    );
}

#[test]
fn review_overdue_is_shown_with_what_to_do() {
    let app = dashboard("atlas");
    let t = text(&app, 80, 24);
    assert!(t.contains("⚠ review overdue since"), "{t}");
    assert!(t.contains("e proposes a revision"), "{t}");
}

#[test]
fn loading_first_then_the_figures() {
    let mut app = fixture(Start::Teams);
    select(&mut app, "payments");
    let effects = press(&mut app, KeyCode::Char('d'));
    assert_eq!(
        effects,
        vec![Effect::LoadDashboard {
            team: "payments".into(),
            today: today(),
        }]
    );
    assert!(matches!(state(&app).data, Data::Loading));
    insta::assert_snapshot!("dashboard-loading@80x24", frame(&app, 80, 24).backend());
    let io = io_of(&app);
    settle(&mut app, &io, effects);
    assert!(state(&app).ready().is_some());
}

#[test]
fn an_answer_for_a_closed_dashboard_changes_nothing() {
    let mut app = fixture(Start::Teams);
    select(&mut app, "payments");
    let effects = press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Esc);
    select(&mut app, "ward-7");
    press(&mut app, KeyCode::Char('d'));
    let io = io_of(&app);
    settle(&mut app, &io, effects);
    assert_eq!(state(&app).team, "ward-7");
    assert!(matches!(state(&app).data, Data::Loading));
}

#[test]
fn a_team_that_does_not_load_says_why() {
    let s = Scratch::new();
    std::fs::write(
        s.root().join("atlas/agreement.toml"),
        "schema = 1\nteam = [",
    )
    .unwrap();
    let app = open(s.app(Start::Teams), "atlas");
    match &state(&app).data {
        Data::Failed { message, hint } => {
            assert!(message.contains("atlas has no dashboard"), "{message}");
            assert!(hint.as_deref().unwrap_or("").contains("accord validate"));
        }
        other => panic!("{other:?}"),
    }
    assert!(text(&app, 80, 24).contains("✗ atlas has no dashboard"));
}

#[test]
fn scroll_with_keys_and_the_wheel_then_back() {
    let mut app = dashboard("payments");
    assert_eq!(state(&app).scroll, 0);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(state(&app).scroll, 2);
    press(&mut app, KeyCode::Up);
    assert_eq!(state(&app).scroll, 1);
    wheel(&mut app, MouseEventKind::ScrollDown);
    wheel(&mut app, MouseEventKind::ScrollDown);
    assert_eq!(state(&app).scroll, 3);
    wheel(&mut app, MouseEventKind::ScrollUp);
    assert_eq!(state(&app).scroll, 2);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(state(&app).scroll, 2 + 18);
    press(&mut app, KeyCode::End);
    let end = state(&app).scroll;
    assert!(end > 20);
    press(&mut app, KeyCode::Down);
    assert_eq!(state(&app).scroll, end, "no scrolling past the end");
    // The last rows on screen are the pulse chart's.
    assert!(text(&app, 80, 24).contains("Pulse"));
    press(&mut app, KeyCode::Home);
    assert_eq!(state(&app).scroll, 0);
    // Tab goes from section to section and round again.
    let mut seen = vec![0];
    for _ in 0..12 {
        press(&mut app, KeyCode::Tab);
        seen.push(state(&app).scroll);
    }
    assert!(seen.windows(2).any(|w| w[1] < w[0]), "Tab wraps: {seen:?}");
    assert!(seen.iter().any(|s| *s > 0));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Some(Screen::Teams(_))));
    assert!(!app.quit);
}

/// The loop, drawn tall enough to see it whole: open actions with owner, due date and the
/// carried count, the wins of the last check-in, adherence per dimension.
#[test]
fn the_loop_open_actions_trials_wins_and_dimensions() {
    let mut app = dashboard("payments");
    app.size = (120, 90);
    let screen = text(&app, 120, 90);
    for want in [
        "Open actions · 5 · done on time 100%",
        "decided 2026-11-03 · owner Lotte Peeters · due 2026-11-30 · not yet at 1 check-in",
        "Wins to celebrate · 2026-11-17",
        "Adherence per dimension · 2026-11-17",
        "digital",
    ] {
        assert!(screen.contains(want), "{want:?} missing:\n{screen}");
    }
    insta::assert_snapshot!(
        "dashboard-payments-loop@120x90",
        frame(&app, 120, 90).backend()
    );
}

/// An action past its due date is marked overdue, with its owner and date (Atlas: Katrin's
/// action was due 2026-11-11; today is 2026-11-20).
#[test]
fn an_overdue_action_is_marked() {
    let app = dashboard("atlas");
    let t = text(&app, 140, 120);
    assert!(t.contains("Open actions · 3 (1 overdue)"), "{t}");
    // Head and facts: on one row where they fit, the facts wrapped under it otherwise.
    let lines: Vec<&str> = t.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("owner Katrin Vogel"))
        .unwrap_or_else(|| panic!("{t}"));
    let block = format!("{}{}", lines[at - 1], lines[at]);
    assert!(block.contains("⚠ keep “Updates, questions"), "{block}");
    assert!(block.contains("· overdue"), "{block}");
    assert!(block.contains("due 2026-11-11"), "{block}");
    let other = t
        .lines()
        .find(|l| l.contains("owner Joana Ferreira"))
        .unwrap();
    assert!(!other.contains("overdue"), "{other}");
}

#[test]
fn the_viewer_opens_it_too() {
    let mut app = fixture(Start::Viewer("ward-7".into()));
    let io = io_of(&app);
    let effects = press(&mut app, KeyCode::Char('d'));
    settle(&mut app, &io, effects);
    assert_eq!(state(&app).team, "ward-7");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Some(Screen::Viewer(_))));
}

#[test]
fn edit_opens_the_wizard_with_the_checkins_suggestions() {
    let s = Scratch::new();
    let mut app = open(s.app(Start::Teams), "payments");
    let io = s.io(&app);
    let effects = press(&mut app, KeyCode::Char('e'));
    assert!(
        matches!(effects.as_slice(), [Effect::OpenWizard(r)] if r.team == "payments" && !r.new)
    );
    settle(&mut app, &io, effects);
    let w = app.wizard().expect("the wizard opened");
    assert!(
        w.draft.ritual("team-lunch").is_none(),
        "the drop is applied"
    );
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Check-in of 2026-11-17: dropped “Thursday lunch” (u undoes)")
    );
    insta::assert_snapshot!(
        "dashboard-edit-opens-wizard@80x24",
        frame(&app, 80, 24).backend()
    );
    // The drop is one undo away.
    press(&mut app, KeyCode::Char('u'));
    assert!(app.wizard().unwrap().draft.ritual("team-lunch").is_some());
    press(&mut app, KeyCode::Char('U'));
    // Leaving the wizard without saving comes back to the dashboard, which reads again.
    app.wizard_mut().unwrap().unsaved = false;
    let effects = press(&mut app, KeyCode::Esc);
    assert!(
        effects.contains(&Effect::LoadDashboard {
            team: "payments".into(),
            today: today(),
        }),
        "{effects:?}"
    );
    settle(&mut app, &io, effects);
    assert_eq!(state(&app).team, "payments");
    assert!(state(&app).ready().is_some());
}

#[test]
fn the_wizard_marks_what_the_checkin_asked_to_adjust() {
    // Ward 7's last check-in asked to adjust the first-voice norm.
    let mut app = fixture(edit("ward-7"));
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Check-in of 2026-11-19: 1 item to adjust, marked ⚑")
    );
    while app.wizard().unwrap().step != crate::tui::wizard::Step::Norms {
        cmd(&mut app, Cmd::NextStep);
    }
    let i = app
        .wizard()
        .unwrap()
        .draft
        .norms
        .iter()
        .position(|n| n.id.as_str() == "first-voice")
        .unwrap();
    for _ in 0..i {
        cmd(&mut app, Cmd::Down);
    }
    let t = text(&app, 80, 24);
    assert!(
        t.contains("▶ ⚑ At the huddle"),
        "the mark survives a narrow list:\n{t}"
    );
    assert!(t.contains("decided: adjust"), "{t}");
    insta::assert_snapshot!(
        "wizard-norms-adjust-suggested@80x24",
        frame(&app, 80, 24).backend()
    );
}

#[test]
fn reload_reads_the_checkins_again() {
    let s = Scratch::new();
    let mut app = open(s.app(Start::Teams), "data-platform");
    assert!(text(&app, 80, 24).contains("No check-ins yet"));
    let dir = s.root().join("data-platform/checkins");
    std::fs::create_dir_all(&dir).unwrap();
    let version = state(&app).ready().unwrap().adherence.version.unwrap();
    std::fs::write(
        dir.join("2026-11-18.toml"),
        format!(
            "schema = 1\ndate = 2026-11-18\nfrom = 2026-11-04\nto = 2026-11-17\nagreement_version = {version}\n"
        ),
    )
    .unwrap();
    let io = s.io(&app);
    let effects = press(&mut app, KeyCode::Char('r'));
    assert!(matches!(effects.as_slice(), [Effect::LoadDashboard { .. }]));
    settle(&mut app, &io, effects);
    assert_eq!(state(&app).ready().unwrap().adherence.checkins.len(), 1);
    assert!(text(&app, 80, 24).contains("1 check-in"));
}

#[test]
fn help_and_footer_come_from_the_key_table() {
    let mut app = dashboard("payments");
    let footer = text(&app, 80, 24);
    assert!(
        footer.contains("e edit") && footer.contains("m share"),
        "{footer}"
    );
    press(&mut app, KeyCode::Char('?'));
    let t = text(&app, 80, 24);
    assert!(t.contains("Dashboard"), "{t}");
    assert!(t.contains("edit with suggestions"), "{t}");
    assert!(t.contains("next section"), "{t}");
    let teams = fixture(Start::Teams);
    assert!(text(&teams, 160, 48).contains("d dashboard"));
}

#[test]
fn no_color_draws_no_colour() {
    let mut app = dashboard("payments");
    app.ctx.no_color = true;
    app.size = (160, 48);
    cmd(&mut app, Cmd::End);
    let t = frame(&app, 160, 48);
    for cell in t.backend().buffer().content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
}

#[test]
fn a_resize_keeps_the_scroll_in_range() {
    let mut app = dashboard("payments");
    cmd(&mut app, Cmd::End);
    let small_end = state(&app).scroll;
    update(&mut app, Action::Resize(160, 48));
    // Drawing clamps; the next key clamps the state itself.
    let t = text(&app, 160, 48);
    assert!(t.contains("Pulse"), "{t}");
    cmd(&mut app, Cmd::Up);
    assert!(state(&app).scroll < small_end);
}

#[test]
fn many_checkins_and_one_that_cannot_be_scored() {
    let s = Scratch::new();
    let dir = s.root().join("data-platform/checkins");
    std::fs::create_dir_all(&dir).unwrap();
    let mut day = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    for n in 0..40 {
        let to = day + chrono::Days::new(13);
        let date = to + chrono::Days::new(1);
        // The last one names a version the agreement never had.
        let version = if n == 39 { 7 } else { 1 };
        let pulse = match n % 3 {
            0 => "\n[pulse]\nscores = [2, 3, 4, 4, 5]\n",
            1 => "\n[pulse]\nscores = [3, 4]\n",
            _ => "",
        };
        std::fs::write(
            dir.join(format!("{date}.toml")),
            format!(
                "schema = 1\ndate = {date}\nfrom = {day}\nto = {to}\nagreement_version = {version}\n{pulse}"
            ),
        )
        .unwrap();
        day = date;
    }
    let app = open(s.app(Start::Teams), "data-platform");
    let t = text(&app, 160, 48);
    assert!(t.contains("40 check-ins"), "{t}");
    assert!(
        t.contains("✗ Not scored: agreement version 7 does not exist yet"),
        "{t}"
    );
    both_at_end("dashboard-many-checkins", &app);
    let mut end = app.clone();
    cmd(&mut end, Cmd::End);
    let t = text(&end, 80, 24);
    assert!(t.contains("bars: the last"), "{t}");
    assert!(t.contains("13 withheld: too few answers"), "{t}");
}

#[test]
fn text_from_checkins_cannot_reach_the_terminal_raw() {
    let s = Scratch::new();
    let file = s.root().join("payments/checkins/2026-11-17.toml");
    let toml = std::fs::read_to_string(&file).unwrap().replace(
        "note = \"Still not happening;",
        "note = \"\\u001b[2J\\u001b]0;pwned\\u0007Still not happening;",
    );
    std::fs::write(&file, toml).unwrap();
    let mut app = open(s.app(Start::Teams), "payments");
    app.size = (160, 48);
    cmd(&mut app, Cmd::SwitchPane);
    cmd(&mut app, Cmd::SwitchPane);
    cmd(&mut app, Cmd::SwitchPane);
    let t = text(&app, 160, 48);
    assert!(t.contains("Still not happening"), "{t}");
    assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Sofie Claes")
        .env("GIT_AUTHOR_EMAIL", "sofie@example.com")
        .env("GIT_COMMITTER_NAME", "Sofie Claes")
        .env("GIT_COMMITTER_EMAIL", "sofie@example.com")
        .env("GIT_AUTHOR_DATE", "2026-11-18T10:00:00+01:00")
        .env("GIT_COMMITTER_DATE", "2026-11-18T10:00:00+01:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A trial past its date with no decision since, and the topics the last check-in's commit
/// parked (read back from a real repository), both on the dashboard.
#[test]
fn a_trial_due_and_the_topics_parked_at_the_last_checkin() {
    let s = Scratch::new();
    let file = s.root().join("payments/agreement.toml");
    let toml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        toml.replace("trial_until = 2026-11-30", "trial_until = 2026-11-18"),
    )
    .unwrap();
    let dir = s.dir.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "agreements"]);
    git(
        dir,
        &[
            "commit",
            "-q",
            "-m",
            "payments: check-in 2026-11-17\n\nParking lot (topics to come back to)\n  - Desk booking for the Warsaw visit\n  - A quiet room on Thursdays",
        ],
    );
    let app = open(s.app(Start::Teams), "payments");
    let mut tall = app.clone();
    tall.size = (120, 100);
    let screen = text(&tall, 120, 100);
    for want in [
        "Trials due — keep, adjust or drop?",
        "“Belonging check-in” on trial",
        "to 2026-11-18",
        "adherence",
        "Parked last time",
        "At the last check-in (2026-11-18, ",
        "· Desk booking for the Warsaw visit",
        "· A quiet room on Thursdays",
    ] {
        assert!(screen.contains(want), "{want:?} missing:\n{screen}");
    }
}
