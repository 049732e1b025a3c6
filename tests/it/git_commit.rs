//! Committing: only Accord's files, through the user's git, and a clear refusal that
//! changes nothing in every git state where a commit would be wrong.

use crate::support::{TestRepo, payments, replace};
use accord::diff::{AgreementDiff, diff_agreements};
use accord::git::{Repo, message};
use accord::model::Agreement;
use predicates::prelude::*;
use predicates::str::contains;

fn parse(text: &str) -> Agreement {
    toml::from_str(text).unwrap()
}

/// Everything about the work tree and index that a commit must leave alone.
fn snapshot(r: &TestRepo, files: &[&str]) -> (String, String, Vec<Vec<u8>>) {
    (
        r.git(&[
            "diff",
            "--cached",
            "--binary",
            "--",
            "notes.txt",
            "staged-new.txt",
            "partial.txt",
        ]),
        r.git(&[
            "diff",
            "--binary",
            "--",
            "notes.txt",
            "other.txt",
            "partial.txt",
        ]),
        files
            .iter()
            .map(|f| std::fs::read(r.file(f)).unwrap())
            .collect(),
    )
}

#[test]
fn a_commit_leaves_unrelated_staged_and_unstaged_work_as_it_was() {
    let r = TestRepo::with_payments();
    r.write("notes.txt", "one\n");
    r.write("other.txt", "one\n");
    r.write("partial.txt", "one\n");
    r.commit_all("unrelated files");
    // Staged, unstaged, partly staged, new and staged, untracked.
    r.write("notes.txt", "staged change\n");
    r.git(&["add", "notes.txt"]);
    r.write("other.txt", "unstaged change\n");
    r.write("partial.txt", "staged half\n");
    r.git(&["add", "partial.txt"]);
    r.write("partial.txt", "staged half\nunstaged half\n");
    r.write("staged-new.txt", "new and staged\n");
    r.git(&["add", "staged-new.txt"]);
    r.write("untracked.txt", "untracked\n");
    let files = [
        "notes.txt",
        "other.txt",
        "partial.txt",
        "staged-new.txt",
        "untracked.txt",
    ];
    let before = snapshot(&r, &files);
    let status_before = r.git(&["status", "--porcelain"]);

    r.accord()
        .args([
            "new",
            "ops",
            "--preset",
            "small-team",
            "--no-interactive",
            "--commit",
        ])
        .assert()
        .success()
        .stdout(contains("Committed").and(contains("ops: draft agreement v1")));

    assert_eq!(
        r.git(&["show", "--name-only", "--format=", "HEAD"]),
        "agreements/ops/agreement.toml\n",
        "the commit holds Accord's file and nothing else"
    );
    assert_eq!(
        snapshot(&r, &files),
        before,
        "bytes, index and work tree unchanged"
    );
    assert_eq!(r.git(&["status", "--porcelain"]), status_before);
}

#[test]
fn an_adopted_agreement_commits_with_the_diff_and_consent_trailers() {
    let r = TestRepo::with_payments();
    let path = r.file("agreements/payments/agreement.toml");
    let old = parse(&payments());
    let text = replace(&payments(), "version = 3", "version = 4");
    let text = replace(&text, "time = 15:00", "time = 14:00");
    std::fs::write(&path, &text).unwrap();
    let new = parse(&text);
    let repo = Repo::discover(r.path()).unwrap();
    let msg = message::adopt("payments", &new, &diff_agreements(&old, &new));
    let id = repo.commit(&[path], &msg).unwrap();
    assert_eq!(id, r.head());
    let body = r.git(&["log", "-1", "--format=%B"]);
    assert!(
        body.starts_with("payments: adopt agreement v4\n\n"),
        "{body}"
    );
    assert!(
        body.contains("weekly-demo"),
        "the body lists what changed: {body}"
    );
    assert!(body.contains("time: 15:00 → 14:00"), "{body}");
    let trailers = r.git(&["log", "-1", "--format=%(trailers)"]);
    assert!(trailers.contains("Agreement-Version: 4"), "{trailers}");
    assert!(
        trailers.contains("Consent: presence 5 agree, 1 concern, 0 objections"),
        "git reads the consent round as trailers: {trailers}"
    );
    assert!(trailers.contains("Consent: weekly-demo 6 agree, 0 concerns, 0 objections"));
}

#[test]
fn docs_give_the_decision_trailer_words_accord_writes() {
    let doc = include_str!("../../docs/git.md");
    let start = doc
        .find("`Decision: ITEM ")
        .expect("docs/git.md shows the trailer")
        + 16;
    let words: Vec<&str> = doc[start..]
        .split('`')
        .next()
        .unwrap()
        .split("\\|")
        .collect();
    let written: Vec<&str> = accord::model::Decision::ALL
        .iter()
        .map(|d| d.as_str())
        .collect();
    assert_eq!(words, written);
}

#[test]
fn a_check_in_message_records_its_decisions() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/agreements/payments/checkins/2026-09-22.toml"
    ))
    .unwrap();
    let c: accord::model::CheckIn = toml::from_str(&text).unwrap();
    let m = message::checkin("payments", &c, &[]);
    assert!(m.starts_with("payments: check-in 2026-09-22\n\n"));
    assert!(m.contains("Decision: own-device adjust\n"));
    assert!(m.contains("Agreement-Version: 3\n"));
    assert!(
        !m.contains("Room Kasai is too small"),
        "pulse comments stay out of git"
    );
    assert!(!m.contains("Parking lot"));
    // Parked topics: a paragraph of their own, before the trailers, one line each.
    let parked = [
        "Desk booking".to_string(),
        "Lunch \u{1b}[2Jbudget".to_string(),
    ];
    let m = message::checkin("payments", &c, &parked);
    let (body, trailers) = m.rsplit_once("\n\n").unwrap();
    assert!(
        body.ends_with(
            "Parking lot (topics to come back to)\n  - Desk booking\n  - Lunch \\u{1b}[2Jbudget"
        ),
        "{m}"
    );
    assert!(trailers.starts_with("Agreement-Version: 3\n"), "{m}");
}

#[test]
fn fmt_commit_commits_the_reformatted_files_only() {
    let r = TestRepo::with_payments();
    let text = replace(&payments(), "version = 3", "version   =   3");
    r.write("agreements/payments/agreement.toml", &text);
    r.commit_all("hand-edited");
    r.write("other.txt", "dirty\n");
    r.accord()
        .args(["fmt", "--commit"])
        .assert()
        .success()
        .stdout(contains("formatted").and(contains("payments: format files")));
    assert_eq!(r.read("agreements/payments/agreement.toml"), payments());
    assert_eq!(
        r.git(&["status", "--porcelain"]),
        "?? other.txt\n",
        "the agreement is committed, the rest untouched"
    );
    // Formatting back to what is committed leaves nothing to commit, and says so.
    r.write("agreements/payments/agreement.toml", &text);
    r.accord()
        .args(["fmt", "--commit"])
        .assert()
        .success()
        .stdout(contains("Nothing to commit"));
}

#[test]
fn the_first_commit_on_an_unborn_branch_works() {
    let r = TestRepo::new();
    r.accord().arg("init").assert().success();
    r.accord()
        .args(["new", "payments", "--no-interactive", "--commit"])
        .assert()
        .success();
    assert_eq!(r.git(&["rev-list", "--count", "HEAD"]), "1\n");
    assert_eq!(
        r.git(&["show", "--name-only", "--format=", "HEAD"]),
        "agreements/payments/agreement.toml\n"
    );
    r.accord()
        .args(["history", "payments"])
        .assert()
        .success()
        .stdout(contains("new agreement v1 (draft)"));
}

/// A refusal: exit 2, the reason on stderr, and no file written.
fn refuses(r: &TestRepo, reason: &str) {
    let head = r
        .git_output(&["rev-parse", "-q", "--verify", "HEAD"])
        .stdout;
    let status = r.git(&["status", "--porcelain"]);
    let mut cmd = r.accord();
    cmd.args(["new", "ops", "--no-interactive", "--commit"]);
    cmd.assert().code(2).stderr(contains(reason));
    assert!(!r.file("agreements/ops").exists(), "nothing was written");
    assert_eq!(
        r.git_output(&["rev-parse", "-q", "--verify", "HEAD"])
            .stdout,
        head
    );
    assert_eq!(r.git(&["status", "--porcelain"]), status);
}

#[test]
fn outside_a_repository_commit_refuses_and_suggests_init() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("agreements")).unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("accord").unwrap();
    cmd.current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["new", "ops", "--no-interactive", "--commit"])
        .assert()
        .code(2)
        .stderr(contains("not in a git repository").and(contains("accord init")));
    assert!(!dir.path().join("agreements/ops").exists());
    let mut cmd = assert_cmd::Command::cargo_bin("accord").unwrap();
    std::fs::create_dir_all(dir.path().join("agreements/ops")).unwrap();
    std::fs::write(dir.path().join("agreements/ops/agreement.toml"), payments()).unwrap();
    cmd.current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["history", "ops"])
        .assert()
        .code(2)
        .stderr(contains("not in a git repository"));
}

#[test]
fn without_an_identity_commit_refuses() {
    let r = TestRepo::without_identity();
    let home = tempfile::tempdir().unwrap();
    r.write("agreements/accord.toml", "schema = 1\n");
    let status = r.git(&["status", "--porcelain"]);
    r.accord()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .env_remove("EMAIL")
        .args(["new", "ops", "--no-interactive", "--commit"])
        .assert()
        .code(2)
        .stderr(
            contains("user.name and user.email").and(contains("git config --global user.name")),
        );
    assert!(!r.file("agreements/ops").exists());
    assert_eq!(r.git(&["status", "--porcelain"]), status);
}

#[test]
fn a_missing_git_binary_is_a_clear_error_and_reading_still_works() {
    let r = TestRepo::with_payments();
    let empty = tempfile::tempdir().unwrap();
    r.accord()
        .env("PATH", empty.path())
        .args(["new", "ops", "--no-interactive", "--commit"])
        .assert()
        .code(2)
        .stderr(contains("cannot run git").and(contains("install git")));
    assert!(!r.file("agreements/ops").exists());
    // Reading is in-process: no git binary needed.
    r.accord()
        .env("PATH", empty.path())
        .args(["history", "payments"])
        .assert()
        .success()
        .stdout(contains("new agreement v3 (active)"));
}

#[test]
fn on_a_detached_head_reads_work_and_commits_refuse() {
    let r = TestRepo::with_payments();
    r.git(&["checkout", "-q", "--detach"]);
    refuses(&r, "HEAD is detached");
    r.accord().args(["history", "payments"]).assert().success();
    r.accord()
        .args(["diff", "payments"])
        .assert()
        .success()
        .stdout(contains("No changes"));
}

#[test]
fn during_a_merge_commits_refuse() {
    let r = TestRepo::with_payments();
    r.write("notes.txt", "base\n");
    r.commit_all("base");
    r.git(&["checkout", "-q", "-b", "side"]);
    r.write("notes.txt", "side\n");
    r.commit_all("side");
    r.git(&["checkout", "-q", "main"]);
    r.write("notes.txt", "main\n");
    r.commit_all("main");
    assert!(!r.git_output(&["merge", "side"]).status.success());
    refuses(&r, "a merge is in progress");
}

#[test]
fn during_a_rebase_commits_refuse() {
    let r = TestRepo::with_payments();
    r.write("notes.txt", "base\n");
    r.commit_all("base");
    r.git(&["checkout", "-q", "-b", "side"]);
    r.write("notes.txt", "side\n");
    r.commit_all("side");
    r.git(&["checkout", "-q", "main"]);
    r.write("notes.txt", "main\n");
    r.commit_all("main");
    r.git(&["checkout", "-q", "side"]);
    assert!(!r.git_output(&["rebase", "main"]).status.success());
    refuses(&r, "a rebase is in progress");
}

#[test]
fn conflict_markers_in_an_agreement_are_never_committed() {
    let r = TestRepo::with_payments();
    let text = replace(
        &payments(),
        "time = 15:00:00\n",
        "<<<<<<< HEAD\ntime = 15:00:00\n=======\ntime = 14:00:00\n>>>>>>> side\n",
    );
    r.write("agreements/payments/agreement.toml", &text);
    let repo = Repo::discover(r.path()).unwrap();
    let err = repo
        .commit(
            &[r.file("agreements/payments/agreement.toml")],
            "payments: x",
        )
        .unwrap_err();
    assert_eq!(err.code, "conflict-marker");
    assert_eq!(r.git(&["rev-list", "--count", "HEAD"]), "1\n");
    r.accord()
        .args(["diff", "payments"])
        .assert()
        .code(2)
        .stderr(contains("unresolved merge conflict marker"));
}

#[test]
fn unresolved_conflicts_in_the_index_refuse() {
    let r = TestRepo::with_payments();
    r.write("notes.txt", "base\n");
    r.commit_all("base");
    r.write("notes.txt", "stashed\n");
    r.git(&["stash", "-q"]);
    r.write("notes.txt", "committed\n");
    r.commit_all("other");
    // A conflicting stash pop: unmerged entries, but no merge in progress.
    assert!(!r.git_output(&["stash", "pop"]).status.success());
    refuses(&r, "unresolved conflicts in notes.txt");
}

#[test]
fn a_stale_index_lock_refuses_and_is_left_alone() {
    let r = TestRepo::with_payments();
    let lock = r.file(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    refuses(&r, "index.lock");
    assert!(lock.exists(), "Accord never deletes the lock");
    std::fs::remove_file(lock).unwrap();
}

#[test]
fn a_refusing_hook_leaves_the_index_as_it_was() {
    let r = TestRepo::with_payments();
    let hook = r.file(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\necho 'hook says no' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    r.accord()
        .args(["new", "ops", "--no-interactive", "--commit"])
        .assert()
        .code(2)
        .stderr(contains("saved, but not committed").and(contains("hook says no")));
    // The file is written (the user's work is kept) but not left staged by Accord.
    assert!(r.file("agreements/ops/agreement.toml").exists());
    assert_eq!(r.git(&["status", "--porcelain"]), "?? agreements/ops/\n");
    assert_eq!(r.git(&["rev-list", "--count", "HEAD"]), "1\n");
}

#[test]
fn nothing_to_commit_is_said_plainly() {
    let r = TestRepo::with_payments();
    let repo = Repo::discover(r.path()).unwrap();
    let a = parse(&payments());
    let err = repo
        .commit(
            &[r.file("agreements/payments/agreement.toml")],
            &message::adopt("payments", &a, &AgreementDiff::created(&a)),
        )
        .unwrap_err();
    assert_eq!(err.code, "nothing-to-commit");
}
