//! The app in a real terminal (tmux, see `tmux/mod.rs`): drafting by keystrokes, a killed
//! wizard's draft, the viewer and the dashboard.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::walk;
use crate::tmux::{TIMEOUT, Tmux};

struct Folder {
    _dir: tempfile::TempDir,
    root: PathBuf,
    data: PathBuf,
}

impl Folder {
    /// The app's folder and data directory, for `Tmux::start`.
    fn env(&self) -> [(&str, &Path); 2] {
        [
            ("ACCORD_DIR", self.root.as_path()),
            ("ACCORD_DATA_DIR", self.data.as_path()),
        ]
    }
}

fn folder() -> Folder {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("agreements");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    Folder {
        root,
        data,
        _dir: dir,
    }
}

/// Polls for a file holding `needle` (the autosave runs within two seconds of a change).
fn wait_for_file(dir: &Path, suffix: &str, needle: &str) -> PathBuf {
    let start = Instant::now();
    loop {
        let found = walk(dir)
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(needle)));
        if let Some(p) = found {
            return p;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "no {suffix} holding {needle:?} under {dir:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn drafts_a_complete_agreement_from_a_preset_by_keystrokes() {
    let f = folder();
    let repo = f._dir.path();
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["config", "user.name", "Ana Lima"],
        &["config", "user.email", "ana@example.com"],
        &["commit", "-q", "--allow-empty", "-m", "start"],
    ] {
        let out = Command::new("git")
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    }
    let t = Tmux::new("draft");
    let env = f.env();
    t.start(&env, "2026-11-20", &["new", "design", "--preset", "hybrid"]);
    t.wait_for("New agreement: Design");
    // Two members.
    t.keys(&["a"]);
    t.wait_for("Enter done");
    t.text("Ana Lima");
    t.keys(&["Enter"]);
    t.wait_for("▶ Name            Ana Lima");
    // Esc and a key sent together would read as Alt-key: wait for the list first.
    t.keys(&["Escape"]);
    t.wait_for("Enter fields");
    t.keys(&["a"]);
    t.wait_for("Enter done");
    t.text("Ben Ode");
    t.keys(&["Enter", "Down", "Down", "Right"]);
    t.wait_for("◂ onsite ▸");
    // Presence as the preset has it; an owner for the weekly demo, chosen from the members.
    t.keys(&["n"]);
    t.wait_for("Presence days");
    t.keys(&["n"]);
    t.wait_for("Rituals (5)");
    t.keys(&[
        "Enter", "Down", "Down", "Down", "Down", "Down", "Down", "Down", "Right",
    ]);
    t.wait_for("◂ Ana Lima ▸");
    t.keys(&["n"]);
    t.wait_for("Norms (4)");
    // The preset's pulse questions, kept as they are.
    t.keys(&["n"]);
    t.wait_for("Questions (3)");
    t.keys(&["n"]);
    t.wait_for("Review: the agreement as it will be saved");
    t.keys(&["n"]);
    // The consent round: both members agree on each of the ten items.
    for i in 1..=10 {
        t.wait_for(&format!("Item {i} of 10"));
        t.text("2");
        t.wait_for("▶ Agree          2");
        t.keys(&["Enter"]);
    }
    t.wait_for("n goes on to Save");
    t.keys(&["n"]);
    t.wait_for("active: every item has consent and no objection");
    t.keys(&["s"]);
    t.wait_for("Saved: version 1, active");
    t.wait_for("committed");
    t.keys(&["q"]);
    t.wait_gone();

    let log = Command::new("git")
        .args(["log", "-1", "--format=%s%n%b", "--name-only"])
        .current_dir(repo)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&log.stdout);
    assert!(log.starts_with("design: adopt agreement v1"), "{log}");
    assert!(log.contains("Consent: "), "{log}");
    assert!(log.contains("agreements/design/agreement.toml"), "{log}");

    let path = f.root.join("design/agreement.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("status = \"active\""), "{text}");
    assert!(text.contains("adopted = 2026-11-20"), "{text}");
    assert!(text.contains("owner = \"Ana Lima\""), "{text}");
    assert!(
        text.contains("name = \"Ben Ode\"\nmode = \"onsite\""),
        "{text}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["validate", "--dir"])
        .arg(&f.root)
        .env("ACCORD_TODAY", "2026-11-20")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "validate failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        walk(&f.data)
            .iter()
            .all(|p| !p.to_string_lossy().ends_with(".agreement.toml")),
        "the draft is gone once saved"
    );
}

#[test]
fn a_killed_wizard_offers_its_draft_back() {
    let f = folder();
    let t = Tmux::new("kill");
    let env = f.env();
    t.start(
        &env,
        "2026-11-20",
        &["new", "kill-test", "--preset", "hybrid"],
    );
    t.wait_for("New agreement: Kill test");
    t.keys(&["a"]);
    t.wait_for("Enter done");
    t.text("Zed Ziegler");
    t.keys(&["Enter"]);
    let draft = wait_for_file(&f.data, "kill-test.agreement.toml", "Zed Ziegler");
    let pid = t.pid();
    let killed = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    t.wait_gone();
    assert!(
        draft.exists(),
        "SIGKILL cannot be caught: the autosaved draft is what remains"
    );

    t.start(
        &env,
        "2026-11-20",
        &["new", "kill-test", "--preset", "hybrid"],
    );
    t.wait_for("Recover the draft of Kill test from ");
    t.wait_for("y recover it");
    t.keys(&["y"]);
    t.wait_for("Zed Ziegler");
    // Leaving asks, and discarding forgets the draft.
    t.keys(&["q"]);
    t.wait_for("Leave with unsaved work?");
    t.keys(&["d"]);
    t.wait_gone();
    assert!(!draft.exists());
}

#[test]
fn show_opens_the_viewer_and_the_terminal_is_restored_on_exit() {
    let f = folder();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements/payments");
    std::fs::create_dir_all(f.root.join("payments")).unwrap();
    std::fs::copy(
        src.join("agreement.toml"),
        f.root.join("payments/agreement.toml"),
    )
    .unwrap();
    let t = Tmux::new("show");
    let env = f.env();
    t.start(&env, "2026-11-20", &["show", "payments"]);
    t.wait_for("Version 3 · active");
    t.keys(&["Tab", "Tab", "Tab", "Tab"]);
    t.wait_for("Next: Thu 26 Nov 15:00");
    t.keys(&["Escape"]);
    t.wait_for("Teams (1)");
    t.keys(&["q"]);
    t.wait_gone();
}

#[test]
fn the_dashboard_loads_off_the_render_path_scrolls_and_goes_back() {
    let f = folder();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements");
    std::fs::create_dir_all(f.root.join("payments/checkins")).unwrap();
    std::fs::copy(src.join("accord.toml"), f.root.join("accord.toml")).unwrap();
    std::fs::copy(
        src.join("payments/agreement.toml"),
        f.root.join("payments/agreement.toml"),
    )
    .unwrap();
    for e in std::fs::read_dir(src.join("payments/checkins")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(
            e.path(),
            f.root.join("payments/checkins").join(e.file_name()),
        )
        .unwrap();
    }
    let t = Tmux::new("dashboard");
    let env = f.env();
    t.start(&env, "2026-11-20", &[]);
    t.wait_for("Teams (1)");
    t.keys(&["d"]);
    // Each line waited for on its own: a capture can land while a frame is half drawn.
    t.wait_for("Last check-in · 2026-11-17");
    t.wait_for("Payments — 4 check-ins");
    t.wait_for("drifting — adjust or drop?");
    t.keys(&["End"]);
    t.wait_for("+0.8 since 2026-11-03");
    t.keys(&["Escape"]);
    t.wait_for("Teams (1)");
    t.keys(&["q"]);
    t.wait_gone();
}

#[test]
fn the_viewer_shows_hidden_characters_visibly_in_a_real_terminal() {
    let f = folder();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements/payments");
    std::fs::create_dir_all(f.root.join("payments")).unwrap();
    let text = std::fs::read_to_string(src.join("agreement.toml"))
        .unwrap()
        .replace(
            "team = \"Payments\"",
            r#"team = "Pay\u200bme\u202ents\u2028""#,
        )
        .replace(
            "everyone joins from their own laptop",
            r"everyone\u00ad joins\ufeff from\u2066 their own laptop",
        );
    std::fs::write(f.root.join("payments/agreement.toml"), text).unwrap();
    let t = Tmux::new("hidden");
    let env = f.env();
    t.start(&env, "2026-11-20", &["show", "payments"]);
    let screen = t.wait_for(r"Pay\u{200b}me\u{202e}nts\u{2028}");
    let hidden: Vec<char> = screen
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        })
        .collect();
    assert!(hidden.is_empty(), "{hidden:?} on the screen:\n{screen}");
    // Every line fits the 100 columns: nothing invisible shifted the layout.
    for line in screen.lines() {
        assert!(line.chars().count() <= 100, "{line:?}");
    }
    // q in the agreement goes back to the teams; q there leaves.
    t.keys(&["q"]);
    t.wait_for("q quit");
    t.keys(&["q"]);
    t.wait_gone();
}

/// `kill -SIGNAL` of the running wizard: what was typed is kept as a draft, the terminal is as
/// it was before (no alternate screen, no mouse tracking, cursor shown, echo and line editing
/// on) and the app exits with 128 + the signal, as a shell reports it.
fn stopped_by(signal: &str, code: u32) {
    let f = folder();
    let dir = f._dir.path();
    let t = Tmux::new(&format!("signal-{signal}"));
    let env = f.env();
    t.start_watched(
        dir,
        &env,
        "2026-11-20",
        &["new", "sig", "--preset", "hybrid"],
    );
    t.wait_for("New agreement: Sig");
    assert_eq!(t.format("#{alternate_on} #{mouse_any_flag}"), "1 1");
    t.keys(&["a"]);
    t.wait_for("Enter done");
    t.text("Zed Ziegler");
    t.wait_for("Zed Ziegler");
    let pid = std::fs::read_to_string(dir.join("pid")).unwrap();
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), pid.trim()])
        .status()
        .unwrap();
    assert!(killed.success());
    t.wait_for(&format!("accord exited {code}"));
    assert_eq!(
        t.format("#{alternate_on} #{mouse_any_flag} #{cursor_flag}"),
        "0 0 1"
    );
    let start = Instant::now();
    let stty = loop {
        let s = std::fs::read_to_string(dir.join("stty")).unwrap_or_default();
        if s.contains("icanon") {
            break s;
        }
        assert!(start.elapsed() < TIMEOUT, "no stty -a output");
        std::thread::sleep(Duration::from_millis(50));
    };
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for sane in ["echo", "icanon", "isig", "icrnl", "opost"] {
        assert!(
            flags.contains(&sane),
            "{sane} is off after SIG{signal}:\n{stty}"
        );
    }
    // Written on the way out, so no waiting: it is on disk when the app has gone.
    let draft = walk(&f.data)
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("sig.agreement.toml"));
    let text = draft.map(|p| std::fs::read_to_string(p).unwrap());
    assert!(
        text.as_deref().is_some_and(|t| t.contains("Zed Ziegler")),
        "the typed name is not in a draft: {text:?}"
    );
}

#[test]
fn sigterm_keeps_the_draft_and_restores_the_terminal() {
    stopped_by("TERM", 143);
}

#[test]
fn sighup_keeps_the_draft_and_restores_the_terminal() {
    stopped_by("HUP", 129);
}

#[test]
fn a_new_team_named_bang_gives_an_error_and_the_app_lives() {
    let f = folder();
    let dir = f._dir.path();
    let t = Tmux::new("bang");
    let env = f.env();
    t.start_watched(dir, &env, "2026-11-20", &[]);
    t.wait_for("No teams yet");
    t.keys(&["n"]);
    t.wait_for("New team");
    t.text("!");
    t.keys(&["Enter"]);
    t.wait_for("invalid name");
    t.keys(&["BSpace"]);
    t.text("design");
    t.keys(&["Enter"]);
    t.wait_for("Start design from a preset");
    t.keys(&["Escape"]);
    // The teams' footer again (not the picker's): Esc and q sent together read as Alt-q.
    t.wait_for("c check-in  q quit");
    t.keys(&["q"]);
    t.wait_for("accord exited 0");
}

#[test]
fn tab_between_a_members_fields_fills_each_and_the_parked_topic_shows_as_typed() {
    let f = folder();
    let dir = f._dir.path();
    let t = Tmux::new("tab");
    let env = f.env();
    t.start_watched(
        dir,
        &env,
        "2026-11-20",
        &["new", "design", "--preset", "hybrid"],
    );
    t.wait_for("New agreement: Design");
    t.keys(&["a"]);
    t.wait_for("typing — Enter done");
    t.text("Ana");
    t.wait_for("Ana");
    t.keys(&["Tab"]);
    t.text("backend");
    t.wait_for("backend");
    t.keys(&["Tab"]);
    t.text("remote");
    t.keys(&["Enter"]);
    let start = Instant::now();
    while t.screen().contains("typing —") {
        assert!(start.elapsed() < TIMEOUT, "{}", t.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    let screen = t.screen();
    assert!(screen.contains("Name            Ana"), "{screen}");
    assert!(screen.contains("Role            backend"), "{screen}");
    assert!(screen.contains("◂ remote ▸"), "{screen}");
    assert!(!screen.contains("Anand"), "{screen}");
    t.keys(&["P"]);
    t.wait_for("Park a topic");
    t.text("Lunch budget");
    t.wait_for("Lunch budget");
    t.keys(&["Enter"]);
    t.wait_for("Parked: Lunch budget");
}

#[test]
fn a_100_kb_bracketed_paste_into_purpose_is_text_and_commits_nothing() {
    let repo = crate::support::TestRepo::with_payments();
    let data = tempfile::tempdir().unwrap();
    let root = repo.path().join("agreements");
    let commits = || {
        repo.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .to_string()
    };
    assert_eq!(commits(), "1");
    let before = repo.read("agreements/payments/agreement.toml");
    let t = Tmux::new("paste");
    let env = [
        ("ACCORD_DIR", root.as_path()),
        ("ACCORD_DATA_DIR", data.path()),
    ];
    t.start_watched(repo.path(), &env, "2026-11-20", &["edit", "payments"]);
    t.wait_for("Payments");
    t.keys(&["Enter"]);
    t.wait_for("Team name");
    t.keys(&["Down", "Enter"]);
    t.wait_for("typing — Enter done");
    // Letters that are commands (n next step, s save, q quit) and line breaks, 100 KB of them.
    let mut text = "Our purpose\nnnnnnns\nq\n".repeat(100 * 1024 / 22);
    text.push_str("END-OF-PASTE");
    let start = Instant::now();
    t.paste(repo.path(), &text);
    t.wait_for("END-OF-PASTE");
    let took = start.elapsed();
    eprintln!("a {} byte paste was on screen after {took:?}", text.len());
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(t.screen().contains("typing —"), "still typing in Purpose");
    t.keys(&["Enter"]);
    t.keys(&["q"]);
    t.wait_for("Leave with unsaved work?");
    t.keys(&["d"]);
    t.wait_for("accord exited 0");
    assert_eq!(commits(), "1", "the paste committed nothing");
    assert_eq!(repo.read("agreements/payments/agreement.toml"), before);
}

#[test]
fn closing_the_terminal_ends_the_app_and_keeps_the_draft() {
    // Closing the window (here: killing tmux) hangs the terminal up. crossterm's own wait
    // then never returns (it reads end-of-file in a loop): the app used to stay behind,
    // orphaned, at full CPU, and the name typed a moment before was lost.
    let f = folder();
    let t = Tmux::new("hangup");
    t.start(
        &[
            ("ACCORD_DIR", f.root.as_path()),
            ("ACCORD_DATA_DIR", f.data.as_path()),
        ],
        "2026-11-20",
        &["new", "hup", "--preset", "hybrid"],
    );
    t.wait_for("New agreement: Hup");
    let pid = t.pid();
    t.keys(&["a"]);
    t.wait_for("Enter done");
    t.text("Hana Hill");
    t.wait_for("Hana Hill");
    t.tmux(&["kill-server"]);
    let start = Instant::now();
    let alive = || {
        Path::new(&format!("/proc/{pid}")).exists()
            || Command::new("kill")
                .args(["-0", &pid.to_string()])
                .status()
                .is_ok_and(|s| s.success())
    };
    while alive() {
        assert!(
            start.elapsed() < TIMEOUT,
            "the app is still running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    wait_for_file(&f.data, ".agreement.toml", "Hana Hill");
}

#[test]
fn a_bad_config_file_is_named_with_its_line_on_the_status_line_and_on_stderr() {
    let f = folder();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements/payments");
    std::fs::create_dir_all(f.root.join("payments")).unwrap();
    std::fs::copy(
        src.join("agreement.toml"),
        f.root.join("payments/agreement.toml"),
    )
    .unwrap();
    let config = f.data.join("config.toml");
    std::fs::write(&config, "theme = \"dark\"\n[keys]\nfly = [\"x\"]\n").unwrap();
    let t = Tmux::new("config");
    let env = [
        ("ACCORD_DIR", f.root.as_path()),
        ("ACCORD_DATA_DIR", f.data.as_path()),
        ("ACCORD_CONFIG", config.as_path()),
    ];
    t.start_watched(&f.data, &env, "2026-11-20", &[]);
    t.wait_for("config.toml:3:1: `fly` is not a command");
    // The defaults hold: q still quits from the teams screen.
    t.keys(&["q"]);
    let screen = t.wait_for("accord exited 0");
    assert!(
        screen.contains("error: `fly` is not a command"),
        "the message is on stderr once the app has left:\n{screen}"
    );
}
