//! The pull-request kit (assets/ci/, .pre-commit-hooks.yaml) must not rot: every `accord …`
//! command line in it is run with the real binary against a repository with two commits,
//! and the comment marker the workflows look for is the one `accord diff` prints.

mod action;
mod completions;
mod gitlab_job;
mod pre_commit;
mod tools;

use std::path::Path;

use crate::support::{TestRepo, payments, replace};

const GITHUB: &str = "assets/ci/github/accord.yml";
const ACTION: &str = "action.yml";
const GITLAB: &str = "assets/ci/gitlab/accord.gitlab-ci.yml";
const PRE_COMMIT: &str = ".pre-commit-hooks.yaml";
const FILE: &str = "agreements/payments/agreement.toml";
const MARKER: &str = "<!-- accord-diff -->";

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `accord SUBCOMMAND …` invocations in a file, one per line, as argument lists
/// (without `accord`): the rest of the line up to a pipe, redirection or comment.
fn commands(text: &str) -> Vec<Vec<String>> {
    let subcommands = ["validate", "fmt", "diff"];
    let mut out = Vec::new();
    for line in text.lines() {
        // Comments and step or hook names mention commands without running them.
        let line = line.split(" #").next().unwrap_or("");
        let key = line.trim_start().trim_start_matches("- ");
        if key.starts_with('#') || key.starts_with("name:") || key.starts_with("description:") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("accord ") {
            let after = &rest[i + "accord ".len()..];
            let words: Vec<String> = after
                .split(['|', '>', ';', '#'])
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(|w| w.trim_matches('"').to_string())
                .collect();
            if words
                .first()
                .is_some_and(|w| subcommands.contains(&w.as_str()))
            {
                out.push(words);
            }
            rest = after;
        }
    }
    out
}

/// Replaces the CI variables with real values from the test repository.
fn bind(args: &[String], from: &str, to: &str) -> Vec<String> {
    args.iter()
        .map(|a| match a.as_str() {
            "$from" | "$CI_MERGE_REQUEST_DIFF_BASE_SHA" => from.to_string(),
            "$to" | "$HEAD_SHA" | "$CI_COMMIT_SHA" => to.to_string(),
            other => {
                assert!(
                    !other.starts_with('$'),
                    "unbound variable {other} in {args:?}"
                );
                other.to_string()
            }
        })
        .collect()
}

/// The payments example, committed, then one ritual moved and committed again.
fn two_commits() -> (TestRepo, String, String) {
    let repo = TestRepo::with_payments();
    let from = repo.head();
    let moved = replace(&payments(), "time = 15:00", "time = 16:00");
    repo.write(FILE, &moved);
    let to = repo.commit_all("payments: move the demo");
    (repo, from, to)
}

/// Runs one kit command; returns (exit code, stdout).
fn run(repo: &TestRepo, args: &[String]) -> (i32, String) {
    let out = repo.accord().args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let code = out.status.code().unwrap_or(-1);
    (code, stdout)
}

fn check_ci_file(rel: &str, expected: &[&str]) {
    let text = read(rel);
    let cmds = commands(&text);
    let names: Vec<&str> = cmds.iter().map(|c| c[0].as_str()).collect();
    assert_eq!(names, expected, "{rel}: {cmds:?}");
    let (repo, from, to) = two_commits();
    for cmd in &cmds {
        let args = bind(cmd, &from, &to);
        let (code, stdout) = run(&repo, &args);
        assert_eq!(code, 0, "{rel}: accord {args:?} exited {code}:\n{stdout}");
        if args[0] == "diff" {
            assert!(args.contains(&"--all".to_string()) && args.contains(&"md".to_string()));
            assert!(stdout.starts_with(MARKER), "{stdout}");
            assert!(
                stdout.contains("Payments") && stdout.contains("16:00"),
                "{stdout}"
            );
        }
    }
    // The workflow finds its own comment by the marker the binary prints.
    if text.contains("accord-diff -->") {
        assert!(text.contains(MARKER), "{rel} looks for another marker");
    }
}

#[test]
fn github_action_commands_run() {
    check_ci_file(ACTION, &["diff", "validate", "fmt"]);
    let text = read(ACTION);
    for needle in [
        "using: composite",
        "--format github",
        "$GITHUB_STEP_SUMMARY",
        "SHA256SUMS",
        "cargo install --locked accord --version \"$ACCORD_VERSION\"",
        "select(.user.login == env.AUTHOR",
        "--short=12",
    ] {
        assert!(text.contains(needle), "{ACTION} lacks {needle}");
    }
}

#[test]
fn github_workflow_uses_the_action() {
    let text = read(GITHUB);
    for needle in [
        "pull_request:",
        "agreements/**",
        "fetch-depth: 0",
        "pull-requests: write",
        "timeout-minutes:",
        "uses: actions/checkout@v6",
        "uses: YOUR-ORG/accord@v",
    ] {
        assert!(text.contains(needle), "{GITHUB} lacks {needle}");
    }
}

#[test]
fn gitlab_job_commands_run() {
    check_ci_file(GITLAB, &["diff", "validate", "validate", "fmt"]);
    let text = read(GITLAB);
    for needle in [
        "merge_request_event",
        "GIT_DEPTH: \"0\"",
        "ACCORD_GITLAB_TOKEN",
        "artifacts:",
        "cargo install --locked",
        "accord validate --format gitlab > gl-code-quality-report.json",
        "codequality: gl-code-quality-report.json",
    ] {
        assert!(text.contains(needle), "{GITLAB} lacks {needle}");
    }
}

/// What the GitLab job publishes: a finding with its path from the repository root (as the
/// merge request links it), wherever in the repository `accord validate` runs.
#[test]
fn gitlab_code_quality_report_points_into_the_repository() {
    let repo = TestRepo::with_payments();
    let broken = replace(&payments(), "[presence]", "[presense]");
    repo.write(FILE, &broken);
    let line = broken.lines().position(|l| l == "[presense]").unwrap() + 1;
    for (dir, args) in [
        (".", vec!["validate", "--format", "gitlab"]),
        (
            "agreements/payments",
            vec!["validate", "--format", "gitlab", "."],
        ),
    ] {
        let out = repo
            .accord()
            .current_dir(repo.path().join(dir))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "in {dir}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let issues = v.as_array().unwrap();
        assert_eq!(issues.len(), 1, "in {dir}: {v:#}");
        let issue = &issues[0];
        assert_eq!(issue["check_name"], "accord/unknown-key");
        assert_eq!(issue["severity"], "major");
        assert_eq!(issue["location"]["path"], FILE, "in {dir}");
        assert_eq!(issue["location"]["lines"]["begin"], line);
        let description = issue["description"].as_str().unwrap();
        assert!(
            description.starts_with("unknown key \"presense\""),
            "{description}"
        );
        assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 40);
    }
    // Fixed: an empty report, which GitLab reads as "no findings".
    repo.write(FILE, &payments());
    let out = repo
        .accord()
        .args(["validate", "--format", "gitlab"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
}

#[test]
fn pre_commit_hooks_run_on_the_files_they_match() {
    let text = read(PRE_COMMIT);
    let cmds = commands(&text);
    let entries: Vec<String> = cmds.iter().map(|c| c.join(" ")).collect();
    // The Rust hooks, then the same three with the installed binary.
    let three = ["validate", "fmt", "fmt --check"];
    assert_eq!(entries, [three, three].concat(), "{text}");
    assert_eq!(text.matches("language: rust").count(), 3, "{text}");
    assert_eq!(text.matches("language: system").count(), 3, "{text}");
    assert_eq!(
        text.matches("files: ^agreements/.*\\.toml$").count(),
        6,
        "every hook runs on the agreements folder's TOML files"
    );
    assert_eq!(text.matches("pass_filenames: true").count(), 6);

    // pre-commit appends the staged files that match `files:`.
    let (repo, _, _) = two_commits();
    let with_file = |cmd: &Vec<String>| {
        let mut a = cmd.clone();
        a.push(FILE.to_string());
        a
    };
    for cmd in &cmds {
        let (code, out) = run(&repo, &with_file(cmd));
        assert_eq!(code, 0, "accord {cmd:?} {FILE}: {out}");
    }

    // A broken file stops the commit; a file out of canonical form is rewritten or reported.
    let broken = replace(
        &payments(),
        "cadence = \"weekly\"",
        "cadence = \"sometimes\"",
    );
    repo.write(FILE, &broken);
    assert_eq!(run(&repo, &with_file(&cmds[0])).0, 1, "validate");
    let untidy = replace(&payments(), "version = 3", "version   =   3");
    repo.write(FILE, &untidy);
    assert_eq!(run(&repo, &with_file(&cmds[2])).0, 1, "fmt --check");
    assert_eq!(repo.read(FILE), untidy, "fmt --check leaves the file alone");
    run(&repo, &with_file(&cmds[1]));
    assert_eq!(repo.read(FILE), payments(), "fmt rewrites the file");
}
