//! The `language: system` hooks run by pre-commit itself (PyPI), in a temporary agreements
//! repository whose config points at a local copy of this repository's hook definitions.

use std::path::Path;
use std::process::{Command, Output};

use super::tools::present;
use super::{FILE, PRE_COMMIT, read};
use crate::support::{TestRepo, payments, replace};

/// A git repository holding only `.pre-commit-hooks.yaml`, as pre-commit clones a hook
/// repository; returns it and its commit.
fn hooks_repo() -> (TestRepo, String) {
    let hooks = TestRepo::new();
    hooks.write(PRE_COMMIT, &read(PRE_COMMIT));
    let rev = hooks.commit_all("hooks");
    (hooks, rev)
}

fn pre_commit(repo: &TestRepo, home: &Path) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_accord")).parent().unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&path)),
    )
    .unwrap();
    Command::new("pre-commit")
        .args(["run", "--all-files", "--color", "never"])
        .current_dir(repo.path())
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .env("ACCORD_TODAY", "2026-03-02")
        .env_remove("ACCORD_DIR")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn pre_commit_runs_the_system_hooks_with_the_installed_binary() {
    if !present("pre-commit", "pip install pre-commit") {
        return;
    }
    let (hooks, rev) = hooks_repo();
    let repo = TestRepo::with_payments();
    let config = format!(
        "repos:\n  - repo: file://{}\n    rev: {rev}\n    hooks:\n      - id: accord-validate-system\n      - id: accord-fmt-system\n",
        hooks.path().display()
    );
    repo.write(".pre-commit-config.yaml", &config);
    repo.commit_all("pre-commit config");
    let home = tempfile::tempdir().unwrap();

    let out = pre_commit(&repo, home.path());
    assert!(out.status.success(), "clean files pass:\n{}", text(&out));
    assert!(text(&out).contains("accord validate") && text(&out).contains("Passed"));

    // A broken file stops the commit, with validate's message.
    let broken = replace(
        &payments(),
        "cadence = \"weekly\"",
        "cadence = \"sometimes\"",
    );
    repo.write(FILE, &broken);
    let out = pre_commit(&repo, home.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("sometimes"), "{}", text(&out));

    // An untidy file is rewritten (pre-commit fails: files were modified), then passes.
    let untidy = replace(&payments(), "version = 3", "version   =   3");
    repo.write(FILE, &untidy);
    let out = pre_commit(&repo, home.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("files were modified by this hook"),
        "{}",
        text(&out)
    );
    assert_eq!(repo.read(FILE), payments());
    let out = pre_commit(&repo, home.path());
    assert!(out.status.success(), "{}", text(&out));
}
