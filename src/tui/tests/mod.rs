//! Tests of the app without a terminal: fixture state (the repository's example folder, a fixed
//! date and clock), keys through `update`, effects performed by the real worker on temporary
//! folders, frames rendered into `TestBackend`.

mod checkin;
mod checkin_carried;
mod checkin_loop;
mod checkin_screen;
mod checkin_summary_mouse;
mod dashboard;
mod flows;
mod hits;
mod keys;
mod progress;
mod screens;
mod share;
mod shell;
mod snapshots;
mod teams_marks;
mod text_entry;
mod themes;
mod wizard_carried;
mod wizard_defects;
mod wizard_loop;
mod wizard_pulse;

use std::path::Path;

use accord::store::Workspace;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Cmd, Effect};
use super::app::App;
use super::update::update;
use super::wizard::load::WizardRequest;
use super::worker::{Io, perform};
use super::{Options, Start, build};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(14, 2, 0).unwrap()
}

pub fn options(root: &Path, data: Option<&Path>) -> Options {
    Options {
        workspace: Workspace::new(root),
        today: today(),
        now: now(),
        data_dir: data.map(Path::to_path_buf),
        no_color: false,
        palette: None,
        commit: true,
        local_tz: None,
    }
}

/// The app on the repository's example folder (relative, so paths in frames do not depend on
/// where the repository is checked out), without drafts.
pub fn fixture(start: Start) -> App {
    let mut app = build(&options(Path::new("agreements"), None), &start).unwrap();
    app.size = (80, 24);
    app
}

pub fn edit(team: &str) -> Start {
    Start::Wizard(WizardRequest {
        team: team.into(),
        new: false,
        preset: None,
        name: None,
        workshop: false,
    })
}

pub fn new_team(team: &str, preset: Option<&str>, workshop: bool) -> Start {
    Start::Wizard(WizardRequest {
        team: team.into(),
        new: true,
        preset: preset.map(str::to_string),
        name: None,
        workshop,
    })
}

/// A copy of the example folder to write in, and a data directory for drafts.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(Path::new("agreements"), &dir.path().join("agreements"));
        std::fs::create_dir(dir.path().join("data")).unwrap();
        Scratch { dir }
    }
    pub fn root(&self) -> std::path::PathBuf {
        self.dir.path().join("agreements")
    }
    pub fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }
    pub fn app(&self, start: Start) -> App {
        let mut app = build(&options(&self.root(), Some(&self.data())), &start).unwrap();
        app.size = (80, 24);
        app
    }
    pub fn io(&self, app: &App) -> Io {
        Io::of(&app.ctx)
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Action::Key(KeyEvent::from(code)))
}

pub fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(
        app,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

/// Types text, one key per character.
pub fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(app, KeyCode::Char(c)))
        .collect()
}

pub fn cmd(app: &mut App, c: Cmd) -> Vec<Effect> {
    update(app, Action::Cmd(c))
}

/// Performs effects as the run loop's worker would, feeding results back until none are left.
pub fn settle(app: &mut App, io: &Io, mut effects: Vec<Effect>) {
    while !effects.is_empty() {
        let mut next = Vec::new();
        for e in effects {
            if let Some(a) = perform(io, e) {
                next.extend(update(app, a));
            }
        }
        effects = next;
    }
}

pub fn frame(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        super::ui::render(app, f);
    })
    .unwrap();
    t
}

/// Draws a frame at the app's size and keeps its hit map, as the app's loop does after every
/// update.
pub fn draw(app: &mut App) {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut hits = None;
    t.draw(|f| hits = Some(super::ui::render(app, f))).unwrap();
    app.hits = hits.unwrap();
}

/// A left click where the user sees it: the frame is drawn at the app's size first, as the
/// app always has before a click arrives, and the click goes by that frame's hit map.
pub fn click(app: &mut App, column: u16, row: u16) -> Vec<super::action::Effect> {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    draw(app);
    super::update::update(
        app,
        super::action::Action::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    )
}

/// The frame as plain text, for `contains` checks.
pub fn text(app: &App, w: u16, h: u16) -> String {
    let t = frame(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
