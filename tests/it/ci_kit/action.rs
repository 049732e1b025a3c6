//! The composite action's install step, run as a GitHub runner would (`bash -eo pipefail`,
//! the runner's variables, a home folder of its own), against a local `file://` release.

use std::path::Path;
use std::process::{Command, Output};

use serde_yaml_ng::Value;

use super::gitlab_job::{bare_path, releases};
use super::read;

fn action() -> Value {
    serde_yaml_ng::from_str(&read("action.yml")).unwrap()
}

fn install_script(action: &Value) -> String {
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let step = steps
        .iter()
        .find(|s| s["id"].as_str() == Some("install"))
        .expect("a step with id install");
    step["run"].as_str().unwrap().to_string()
}

fn run_install(script: &str, home: &Path, github_path: &Path, releases: &Path) -> Output {
    let arch = match std::env::consts::ARCH {
        "aarch64" => "ARM64",
        _ => "X64",
    };
    let file = home.join("install.sh");
    std::fs::write(&file, script).unwrap();
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&file)
        .env_clear()
        .env("PATH", bare_path())
        .env("HOME", home)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", arch)
        .env("GITHUB_PATH", github_path)
        .env("GITHUB_SERVER_URL", "https://github.invalid")
        .env("ACTION_REPOSITORY", "")
        .env("ACCORD_VERSION", env!("CARGO_PKG_VERSION"))
        .env("ACCORD_RELEASES", format!("file://{}", releases.display()))
        .output()
        .unwrap()
}

#[test]
fn action_pins_the_version_being_released_and_caches_by_version() {
    let action = action();
    assert_eq!(
        action["inputs"]["version"]["default"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("a cache step");
    let key = cache["with"]["key"].as_str().unwrap();
    assert!(key.contains("inputs.version"), "{key}");
    assert!(!key.contains("ref") && !key.contains("branch"), "{key}");
    // The workflow in the kit uses the action at the same version.
    let workflow = read(super::GITHUB);
    let pin = format!("version: {}", env!("CARGO_PKG_VERSION"));
    assert!(workflow.contains(&pin), "{workflow}");
}

#[test]
fn action_installs_the_checked_release_once_then_uses_the_cache() {
    let script = install_script(&action());
    let version = env!("CARGO_PKG_VERSION");
    let served = releases(version);
    let home = tempfile::tempdir().unwrap();
    let github_path = home.path().join("github_path");

    let out = run_install(&script, home.path(), &github_path, served.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bin = home.path().join(format!(".accord/{version}/bin"));
    assert_eq!(
        std::fs::read_to_string(&github_path).unwrap(),
        format!("{}\n", bin.display())
    );
    let v = Command::new(bin.join("accord"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&v.stdout),
        format!("accord {version}\n")
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(": OK"),
        "sha256sum checked"
    );

    // The cache restored, nothing to download: the step adds the cached binary to PATH.
    std::fs::remove_dir_all(served.path().join(format!("v{version}"))).unwrap();
    std::fs::remove_file(&github_path).unwrap();
    let out = run_install(&script, home.path(), &github_path, served.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(&github_path)
            .unwrap()
            .contains(".accord")
    );
}
