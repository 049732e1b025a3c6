//! The GitLab job's script, run as a runner would: in the project folder (a real git
//! repository), with the job's variables, the release archive served from a local
//! `file://` folder, and no `accord` or `cargo` on PATH but what the script installs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_yaml_ng::Value;

use super::{GITLAB, MARKER, read, two_commits};
use crate::support::TestRepo;

/// The job's script (its lines, as the runner joins them) and its variables.
struct Job {
    script: String,
    variables: Vec<(String, String)>,
}

fn job() -> Job {
    let yaml: Value = serde_yaml_ng::from_str(&read(GITLAB)).unwrap();
    let job = &yaml["accord"];
    let script = job["script"]
        .as_sequence()
        .expect("a script list")
        .iter()
        .map(|l| l.as_str().expect("script lines are strings"))
        .collect::<Vec<_>>()
        .join("\n");
    let variables = job["variables"]
        .as_mapping()
        .expect("variables")
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().unwrap().to_string(),
                v.as_str().unwrap().to_string(),
            )
        })
        .collect();
    Job { script, variables }
}

fn variable(job: &Job, name: &str) -> String {
    job.variables
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("{GITLAB}: no variable {name}"))
}

/// A release folder as the release workflow publishes it: `v<version>/` holding one archive
/// per Linux target (each with the test build as its binary) and their SHA256SUMS.
pub(super) fn releases(version: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let tag = dir.path().join(format!("v{version}"));
    std::fs::create_dir(&tag).unwrap();
    let mut sums = String::new();
    for target in ["x86_64-unknown-linux-musl", "aarch64-unknown-linux-gnu"] {
        let name = format!("accord-{version}-{target}");
        let stage = dir.path().join(&name);
        std::fs::create_dir(&stage).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_accord"), stage.join("accord")).unwrap();
        let archive = format!("{name}.tar.gz");
        let out = Command::new("tar")
            .args(["-czf", tag.join(&archive).to_str().unwrap(), &name])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = Command::new("sha256sum")
            .arg(&archive)
            .current_dir(&tag)
            .output()
            .unwrap();
        assert!(out.status.success());
        sums.push_str(&String::from_utf8(out.stdout).unwrap());
    }
    std::fs::write(tag.join("SHA256SUMS"), sums).unwrap();
    dir
}

/// This machine's PATH without the folders that hold an `accord` or a `cargo`: the job must
/// find the binary it installed, and a fallback to `cargo install` fails at once.
pub(super) fn bare_path() -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|d| !d.join("accord").exists() && !d.join("cargo").exists())
        .collect();
    std::env::join_paths(kept).unwrap().into_string().unwrap()
}

/// Runs the script as GitLab's bash shell does (`set -eo pipefail`, one shell for all lines).
fn run_job(job: &Job, repo: &TestRepo, releases: &Path, ci: &[(&str, &str)]) -> Output {
    let project = repo.path().to_str().unwrap();
    let script = repo.path().join("../gitlab-job.sh");
    std::fs::write(&script, &job.script).unwrap();
    let mut cmd = Command::new("bash");
    cmd.args(["-eo", "pipefail"])
        .arg(&script)
        .current_dir(repo.path())
        .env_clear()
        .env("PATH", bare_path())
        .env("HOME", std::env::var_os("HOME").unwrap_or_default())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("ACCORD_TODAY", "2026-03-02")
        .env("CI", "true")
        .env("CI_PROJECT_DIR", project)
        .env("CI_DEFAULT_BRANCH", "main");
    for (k, v) in &job.variables {
        // GitLab expands variables in variables' values.
        cmd.env(k, v.replace("$CI_PROJECT_DIR", project));
    }
    cmd.env("ACCORD_RELEASES", format!("file://{}", releases.display()));
    for (k, v) in ci {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn assert_ok(out: &Output, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what}: the job failed ({:?})\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A new job in the same project: a fresh checkout, with only the cache (`.accord/`) restored.
fn fresh_checkout(repo: &TestRepo) {
    repo.git(&["clean", "-fdxq", "-e", ".accord/"]);
}

fn installed(repo: &TestRepo) -> Vec<PathBuf> {
    let home = repo.path().join(".accord");
    let Ok(dirs) = std::fs::read_dir(&home) else {
        return Vec::new();
    };
    dirs.map(|d| d.unwrap().path().join("bin/accord"))
        .filter(|p| p.is_file())
        .collect()
}

/// The regression of issue 12: the second run found no binary (PATH was extended after
/// `command -v accord`) and `cargo install` refused to overwrite the cached one.
#[test]
fn gitlab_job_runs_twice_in_a_row_then_on_the_default_branch() {
    let job = job();
    let version = variable(&job, "ACCORD_VERSION");
    assert_eq!(
        version,
        env!("CARGO_PKG_VERSION"),
        "pin the version being released"
    );
    let (repo, from, to) = two_commits();
    let served = releases(&version);
    let mr = [
        ("CI_PIPELINE_SOURCE", "merge_request_event"),
        ("CI_MERGE_REQUEST_DIFF_BASE_SHA", from.as_str()),
        ("CI_MERGE_REQUEST_IID", "7"),
        ("CI_COMMIT_SHA", to.as_str()),
    ];

    // First run: a cold cache, so the archive is downloaded and checked.
    let first = assert_ok(&run_job(&job, &repo, served.path(), &mr), "first run");
    assert_eq!(installed(&repo).len(), 1, "one binary in the cache folder");
    assert!(first.contains(&format!("accord {version}")), "{first}");
    let diff = repo.read("accord-diff.md");
    assert!(diff.starts_with(MARKER), "{diff}");
    assert!(
        diff.contains("Payments") && diff.contains("16:00"),
        "{diff}"
    );
    // Short SHAs in the header, not the 40-character ones.
    assert!(
        diff.contains(&from[..12]) && !diff.contains(&from),
        "{diff}"
    );
    assert_eq!(repo.read("gl-code-quality-report.json"), "[]\n");

    // Second run: the cache restored and nothing to download from: the cached binary runs.
    fresh_checkout(&repo);
    std::fs::remove_dir_all(served.path().join(format!("v{version}"))).unwrap();
    let second = assert_ok(&run_job(&job, &repo, served.path(), &mr), "second run");
    assert!(!second.contains("building accord"), "{second}");
    assert!(repo.read("accord-diff.md").contains("16:00"));

    // The default branch: the code-quality base report, no diff.
    fresh_checkout(&repo);
    let branch = [
        ("CI_PIPELINE_SOURCE", "push"),
        ("CI_COMMIT_BRANCH", "main"),
        ("CI_COMMIT_SHA", to.as_str()),
    ];
    assert_ok(
        &run_job(&job, &repo, served.path(), &branch),
        "default branch",
    );
    assert_eq!(repo.read("gl-code-quality-report.json"), "[]\n");
    assert!(!repo.file("accord-diff.md").exists());
}

#[test]
fn gitlab_job_refuses_a_download_that_does_not_match_its_checksum() {
    let job = job();
    let version = variable(&job, "ACCORD_VERSION");
    let (repo, from, to) = two_commits();
    let served = releases(&version);
    let sums = served.path().join(format!("v{version}/SHA256SUMS"));
    let text = std::fs::read_to_string(&sums).unwrap();
    // Another archive's sum under each name: every archive now mismatches.
    let lines: Vec<&str> = text.lines().collect();
    let swapped = lines
        .iter()
        .zip(lines.iter().rev())
        .map(|(a, b)| format!("{}  {}\n", &b[..64], &a[66..]))
        .collect::<String>();
    std::fs::write(&sums, swapped).unwrap();
    let mr = [
        ("CI_MERGE_REQUEST_DIFF_BASE_SHA", from.as_str()),
        ("CI_COMMIT_SHA", to.as_str()),
    ];
    let out = run_job(&job, &repo, served.path(), &mr);
    assert!(
        !out.status.success(),
        "a corrupt download must stop the job"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did NOT match"),
        "sha256sum says why: {stderr}"
    );
    assert!(installed(&repo).is_empty(), "nothing installed");
    assert!(!repo.file("accord-diff.md").exists(), "nothing ran");
}

#[test]
fn gitlab_cache_is_keyed_by_version_and_reports_run_on_the_default_branch() {
    let yaml: Value = serde_yaml_ng::from_str(&read(GITLAB)).unwrap();
    let job = &yaml["accord"];
    assert_eq!(job["cache"]["key"].as_str(), Some("accord-$ACCORD_VERSION"));
    let rules = serde_yaml_ng::to_string(&job["rules"]).unwrap();
    assert!(rules.contains("merge_request_event"), "{rules}");
    assert!(
        rules.contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"),
        "{rules}"
    );
}
