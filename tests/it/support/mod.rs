//! Real temporary git repositories for the git tests, built with the `git` binary.
#![allow(dead_code)]

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-20";

/// The example agreement (payments, v3, active) from the repository's own examples.
pub fn payments() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/agreements/payments/agreement.toml"
    ))
    .unwrap()
}

pub struct TestRepo {
    pub dir: tempfile::TempDir,
    clock: Cell<i64>,
}

impl TestRepo {
    /// `git init` with a local identity, on branch main.
    pub fn new() -> TestRepo {
        let r = TestRepo::without_identity();
        r.git(&["config", "user.name", "Ana Lima"]);
        r.git(&["config", "user.email", "ana@example.invalid"]);
        r
    }

    /// `git init` with no identity in the repository's own config.
    pub fn without_identity() -> TestRepo {
        let r = TestRepo {
            dir: tempfile::tempdir().unwrap(),
            clock: Cell::new(1_790_000_000),
        };
        r.git(&["init", "-q", "-b", "main"]);
        r.git(&["config", "commit.gpgsign", "false"]);
        r
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.path().join(rel)
    }

    /// Runs git with a fixed, advancing clock so commit order and dates are deterministic.
    pub fn git_output(&self, args: &[&str]) -> Output {
        let t = self.clock.get() + 60;
        self.clock.set(t);
        let date = format!("@{t} +0100");
        Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap()
    }

    /// Runs git and returns its stdout; panics (with stderr) when it fails.
    pub fn git(&self, args: &[&str]) -> String {
        let out = self.git_output(args);
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.file(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).unwrap()
    }

    /// `git add -A && git commit`; returns the new commit id.
    pub fn commit_all(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.head()
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    /// The agreements folder with the payments example, committed.
    pub fn with_payments() -> TestRepo {
        let r = TestRepo::new();
        r.write("agreements/accord.toml", "schema = 1\n");
        r.write("agreements/payments/agreement.toml", &payments());
        r.commit_all("payments: adopt agreement v3");
        r
    }

    /// A clone of this repository with only the last `depth` commits, in a new temporary
    /// folder (kept alive by the returned guard); the path is the clone's work tree.
    pub fn shallow_clone(&self, depth: u32) -> (tempfile::TempDir, PathBuf) {
        let clone = tempfile::tempdir().unwrap();
        let url = format!("file://{}", self.path().display());
        let out = Command::new("git")
            .args(["clone", "-q", "--depth", &depth.to_string(), &url, "c"])
            .current_dir(clone.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = clone.path().join("c");
        (clone, path)
    }

    /// The built `accord`, run in the repository with a fixed date.
    pub fn accord(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("accord").unwrap();
        c.current_dir(self.path())
            .env("ACCORD_TODAY", TODAY)
            .env_remove("ACCORD_DIR")
            .env_remove("ACCORD_DATA_DIR")
            .env("GIT_CONFIG_NOSYSTEM", "1");
        c
    }
}

/// Replaces one line (exactly) of a text, failing loudly when it is not there.
pub fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the text");
    text.replacen(from, to, 1)
}

/// Every file under `dir`, at any depth.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Whether the outside tool `cmd` runs here (`cmd ARGS` succeeds); when not, fails under CI
/// (`.ci/run` installs it with `install`, so the run would check nothing) and skips with a note
/// elsewhere.
pub fn tool_present(cmd: &str, args: &[&str], install: &str) -> bool {
    let runs = Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        assert!(
            std::env::var_os("CI").is_none(),
            "{cmd} missing under CI: .ci/run installs it ({install}), so this run would check nothing"
        );
        eprintln!("skipped: {cmd} not installed ({install})");
    }
    runs
}
