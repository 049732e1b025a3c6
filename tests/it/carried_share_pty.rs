//! In a real terminal (tmux): `accord checkin payments` opens with last time's open actions and
//! the topic payments' last check-in commit parked; `m` on the dashboard writes the share
//! summary of the latest check-in, byte for byte what `accord report --checkin` prints, and
//! asks before replacing it.

use crate::support::{TODAY, TestRepo};
use crate::tmux::Tmux;
use accord::model::CheckIn;
use accord::parse::parse;
use accord::source::Source;

/// A copy of the example payments folder in git; the last check-in's commit parked a topic.
fn repo() -> TestRepo {
    let repo = TestRepo::with_payments();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/agreements/payments/checkins");
    let mut last = String::new();
    for d in ["2026-09-22", "2026-10-13", "2026-11-03", "2026-11-17"] {
        last = std::fs::read_to_string(format!("{dir}/{d}.toml")).unwrap();
        repo.write(&format!("agreements/payments/checkins/{d}.toml"), &last);
    }
    let c: CheckIn = parse(&Source::new("c.toml", &last)).unwrap();
    repo.commit_all(&accord::git::message::checkin(
        "payments",
        &c,
        &["Quiet room on Thursdays".into()],
    ));
    repo
}

fn start(name: &str, repo: &TestRepo, data: &std::path::Path, args: &[&str]) -> Tmux {
    let t = Tmux::new(name);
    t.start_in(
        Some(repo.path()),
        &[
            ("ACCORD_TODAY", TODAY),
            ("ACCORD_DATA_DIR", &data.display().to_string()),
            ("GIT_CONFIG_NOSYSTEM", "1"),
        ],
        args,
    );
    t
}

#[test]
fn the_check_in_opens_with_last_times_actions_and_parked_topic() {
    let repo = repo();
    let data = tempfile::tempdir().unwrap();
    let t = start("carried", &repo, data.path(), &["checkin", "payments"]);
    let s = t.wait_for("What became of last time's actions?");
    assert!(s.contains("Last time"), "{s}");
    assert!(s.contains("Thursday lunch: adjust"), "{s}");
    assert!(s.contains("Parked: Quiet room on Thursdays"), "{s}");
    assert!(s.contains("at the last check-in"), "{s}");
}

#[test]
fn the_dashboard_writes_the_share_summary_the_command_prints() {
    let repo = repo();
    let data = tempfile::tempdir().unwrap();
    let t = start("share", &repo, data.path(), &[]);
    t.wait_for("Teams (1)");
    t.keys(&["d"]);
    // Loaded: the latest check-in is known.
    t.wait_for("Last check-in · 2026-11-17");
    t.keys(&["m"]);
    t.wait_for("payments-checkin-2026-11-17.md");
    t.keys(&["Enter"]);
    t.wait_for("Share summary written to");
    let file = repo.file("payments-checkin-2026-11-17.md");
    let written = std::fs::read(&file).unwrap();
    let out = repo
        .accord()
        .args([
            "report",
            "--team",
            "payments",
            "--checkin",
            "2026-11-17",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(written, out.stdout);
    // Again: the file is there, so the app asks; n keeps it.
    std::fs::write(&file, "mine\n").unwrap();
    t.keys(&["m"]);
    t.wait_for("payments-checkin-2026-11-17.md");
    t.keys(&["Enter"]);
    t.wait_for("exists: replace it?");
    t.keys(&["n"]);
    t.wait_for("Not written");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine\n");
}
