//! The app's frame times on a folder of 100 teams (`cargo bench --bench app`).
//!
//! Measures, in a release build, with ratatui's `TestBackend` (no terminal):
//! - the first frame: reading the folder into the app's state and drawing it, at 80×24 and 200×60;
//! - later frames: drawing the same state again at 200×60 (what every tick and key costs);
//! - a key press: `update` plus the frame after it (moving the selection, opening the viewer).
//!
//! Prints medians and the spread; nothing here fails on a slow machine. Targets (issue #4):
//! first frame under 20 ms median, later frames under 1 ms at 200×60.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../src/tui/mod.rs"]
#[allow(dead_code, unused_imports)]
mod tui;

use accord::store::Workspace;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use tui::action::Action;
use tui::{Options, Start};

const TEAMS: usize = 100;
const RUNS: usize = 51;

/// 100 teams, copied round-robin from the bundled examples (agreements and check-ins).
fn folder(root: &Path) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements");
    let sources: Vec<_> = std::fs::read_dir(&examples)
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("agreement.toml").exists())
        .map(|e| e.path())
        .collect();
    std::fs::copy(examples.join("accord.toml"), root.join("accord.toml")).unwrap();
    for i in 0..TEAMS {
        copy(
            &sources[i % sources.len()],
            &root.join(format!("team-{i:03}")),
        );
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn stats(name: &str, mut v: Vec<Duration>) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<34} median {:>8.3} ms   min {:>8.3}   p90 {:>8.3}   ({} runs)",
        ms(v[v.len() / 2]),
        ms(v[0]),
        ms(v[v.len() * 9 / 10]),
        v.len()
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("agreements");
    std::fs::create_dir_all(&root).unwrap();
    folder(&root);
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let opts = Options {
        workspace: Workspace::new(&root),
        today,
        now: today.and_hms_opt(14, 2, 0).unwrap(),
        data_dir: None,
        no_color: false,
        palette: None,
        commit: false,
        local_tz: None,
    };
    println!("Accord app frames: {TEAMS} teams, release build, TestBackend\n");

    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let mut app = tui::build(&opts, &Start::Teams).expect("the folder loads");
            app.size = (w, h);
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| {
                tui::ui::render(&app, f);
            })
            .unwrap();
            times.push(start.elapsed());
        }
        stats(&format!("first frame {w}×{h}"), times);
    }

    let mut app = tui::build(&opts, &Start::Teams).unwrap();
    app.size = (200, 60);
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    t.draw(|f| {
        tui::ui::render(&app, f);
    })
    .unwrap();
    let mut times = Vec::new();
    for _ in 0..RUNS * 4 {
        let start = Instant::now();
        t.draw(|f| {
            tui::ui::render(&app, f);
        })
        .unwrap();
        times.push(start.elapsed());
    }
    stats("later frame 200×60 (teams)", times);

    let mut times = Vec::new();
    let mut effects = 0;
    for i in 0..RUNS * 4 {
        let code = if (i / TEAMS).is_multiple_of(2) {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        let start = Instant::now();
        effects += tui::update::update(&mut app, Action::Key(KeyEvent::from(code))).len();
        t.draw(|f| {
            tui::ui::render(&app, f);
        })
        .unwrap();
        times.push(start.elapsed());
    }
    stats("key ↓ + frame 200×60", times);
    assert_eq!(effects, 0, "moving the selection asks for no IO");

    // The viewer of one team: open it, then scroll.
    tui::update::update(&mut app, Action::Key(KeyEvent::from(KeyCode::Enter)));
    let mut times = Vec::new();
    for _ in 0..RUNS * 4 {
        let start = Instant::now();
        tui::update::update(&mut app, Action::Key(KeyEvent::from(KeyCode::Down)));
        t.draw(|f| {
            tui::ui::render(&app, f);
        })
        .unwrap();
        times.push(start.elapsed());
    }
    stats("viewer: key ↓ + frame 200×60", times);
}
