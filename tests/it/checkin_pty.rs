//! `accord checkin TEAM` end to end in a real terminal (tmux, as in `app_pty.rs`): every step by
//! keystrokes (last time's actions first, a win on the way), five hidden pulse answers, save;
//! then the file has the follow-up and the win, validates, and git has the commit.

use crate::support::{TODAY, TestRepo, walk};
use crate::tmux::Tmux;

#[test]
fn records_a_check_in_by_keystrokes_saves_validates_and_commits() {
    let repo = TestRepo::with_payments();
    // The last check-in covered up to the 16th: this one reviews the 17th to the 19th.
    let last = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/agreements/payments/checkins/2026-11-17.toml"
    ))
    .unwrap();
    repo.write("agreements/payments/checkins/2026-11-17.toml", &last);
    repo.commit_all("payments: check-in 2026-11-17");
    let data = tempfile::tempdir().unwrap();

    let t = Tmux::new("checkin");
    t.start_in(
        Some(repo.path()),
        &[
            ("ACCORD_TODAY", TODAY),
            ("ACCORD_DATA_DIR", &data.path().display().to_string()),
            ("GIT_CONFIG_NOSYSTEM", "1"),
        ],
        &["checkin", "payments"],
    );
    t.wait_for("Check-in: Payments");
    // Last time's actions come first: the first one is done; a win is recorded on the way.
    t.wait_for("What became of last time's actions?");
    t.keys(&["Right"]);
    // Answered: the header says there is unsaved work (the file says done, below).
    t.wait_for("unsaved");
    t.keys(&["W"]);
    t.wait_for("Typing a win to celebrate");
    t.text("Lotte booked the lunch table all month");
    t.keys(&["Enter"]);
    t.wait_for("Win recorded: Lotte booked");
    t.keys(&["n"]);
    t.wait_for("From  ◂ Tue 2026-11-17 ▸");
    t.keys(&["n"]);
    // Presence: 5 then 4 of 5 expected.
    t.wait_for("Tue 2026-11-17");
    t.keys(&["5", "Down", "4"]);
    t.wait_for("✓ met");
    t.keys(&["n"]);
    // Rituals: the demo was held once.
    t.wait_for("Thursday demo");
    t.keys(&["1", "n"]);
    // Norms: the first kept.
    t.wait_for("How well did we keep it?");
    t.keys(&["Right"]);
    t.wait_for("◂ kept ▸");
    t.keys(&["n"]);
    // Pulse: five people answer in turn; nothing they type is shown.
    t.wait_for("No pulse taken yet");
    t.keys(&["Enter"]);
    for (i, (score, comment)) in [
        ("4", "good week"),
        ("3", ""),
        ("5", ""),
        ("2", "more overlap"),
        ("4", ""),
    ]
    .into_iter()
    .enumerate()
    {
        t.wait_for("Type a score first");
        t.text(score);
        let s = t.wait_for("Score: chosen (hidden)");
        assert!(!s.contains("good week"));
        // The comment has a page of its own: a digit typed there is text, not a score.
        t.keys(&["Enter"]);
        t.wait_for("Comment (optional)");
        t.text(comment);
        if !comment.is_empty() {
            let s = t.wait_for("Comment: optional, hidden as you type");
            assert!(!s.contains(comment), "the comment is on screen:\n{s}");
        }
        t.keys(&["Enter"]);
        t.wait_for(&format!("{} of at most 6 answered", i + 1));
    }
    t.keys(&["Escape"]);
    t.wait_for("Nobody is answering");
    t.keys(&["c"]);
    t.wait_for("belonging mean 3.6");
    t.keys(&["n"]);
    // Decisions: keep presence.
    t.wait_for("What do we do with each item?");
    t.keys(&["Right"]);
    t.wait_for("◂ keep ▸");
    t.keys(&["n"]);
    // The summary (follow-ups and wins too) is longer than the terminal: to its end.
    t.wait_for("Follow-ups: 1 of");
    t.keys(&["Down"; 30]);
    t.wait_for("s saves");
    t.keys(&["s"]);
    let s = t.wait_for("committed");
    assert!(!s.contains("not committed"), "{s}");
    t.keys(&["q"]);
    t.wait_gone();

    let file = "agreements/payments/checkins/2026-11-20.toml";
    let text = repo.read(file);
    assert!(text.contains("scores = [2, 3, 4, 4, 5]"), "{text}");
    assert!(text.contains("held = 1"), "{text}");
    assert!(
        text.contains("[[followups]]") && text.contains("done = true"),
        "{text}"
    );
    assert!(
        text.contains("[[wins]]") && text.contains("Lotte booked the lunch table all month"),
        "{text}"
    );
    repo.accord()
        .args(["--dir", "agreements", "validate", file])
        .assert()
        .success();
    let log = repo.git(&["log", "--format=%s", "-n", "1"]);
    assert_eq!(log.trim(), "payments: check-in 2026-11-20");
    let files = repo.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), file);
    // Saved: no draft is left to be offered back.
    let left: Vec<_> = walk(data.path());
    assert!(left.is_empty(), "drafts left: {left:?}");
}

#[test]
fn without_a_terminal_it_says_what_to_use_instead() {
    let repo = TestRepo::with_payments();
    let out = repo
        .accord()
        .args(["--dir", "agreements", "checkin", "payments"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs an interactive terminal"), "{err}");
    assert!(err.contains("accord import-presence payments"), "{err}");
    assert!(err.contains("accord validate"), "{err}");
    for (args, needle) in [
        (vec!["checkin", "nope"], "no team \"nope\""),
        (
            vec![
                "checkin",
                "payments",
                "--from",
                "2026-11-19",
                "--to",
                "2026-11-10",
            ],
            "the period starts (2026-11-19) after it ends (2026-11-10)",
        ),
        (
            vec!["checkin", "payments", "--to", "2026-11-25"],
            "after today",
        ),
        (
            vec!["checkin", "payments", "--from", "18/11"],
            "is not a date",
        ),
    ] {
        let out = repo
            .accord()
            .args(["--dir", "agreements"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
