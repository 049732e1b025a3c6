//! `tests/fixtures/valid/` must validate; every case in `tests/fixtures/invalid/` must fail
//! with its own message at its own place (the `expected` file: message line, then file:line:col).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn accord() -> Command {
    let mut cmd = Command::cargo_bin("accord").unwrap();
    cmd.env("ACCORD_TODAY", "2026-11-22")
        .env_remove("ACCORD_DIR");
    cmd
}

fn fixtures(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
}

#[test]
fn valid_fixtures_validate_and_are_canonical() {
    let out = accord()
        .arg("validate")
        .arg(fixtures("valid"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 errors"), "{stdout}");
    let out = accord()
        .args(["fmt", "--check"])
        .arg(fixtures("valid"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn every_invalid_fixture_fails_with_its_message() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 60,
        "expected one case per rule, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let expected = std::fs::read_to_string(case.join("expected")).unwrap();
        let mut lines = expected.lines();
        let message = lines.next().unwrap();
        let place = lines.next().unwrap_or("");
        let out = accord()
            .current_dir(case)
            .args(["validate", "."])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).replace("./", "");
        let ok = out.status.code() == Some(1)
            && stdout.lines().any(|l| l == message)
            && stdout.contains(&format!("--> {place}"))
            && stdout.contains("= help: ");
        if !ok {
            failures.push(format!(
                "{}: exit {:?}, expected\n  {message}\n  --> {place}\ngot:\n{stdout}",
                case.display(),
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn github_format_annotates_each_error() {
    let case = fixtures("invalid").join("unknown-key");
    let out = accord()
        .current_dir(&case)
        .args(["validate", "--format", "github", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("::error file=./team/agreement.toml,line=17,col=2,title=accord unknown-key::unknown key \"presense\" — did you mean \"presence\"?%0Ahelp: keys allowed here:"),
        "{stdout}"
    );
}

#[test]
fn json_format_is_one_document() {
    let case = fixtures("invalid").join("owner-not-member");
    let out = accord()
        .current_dir(&case)
        .args(["validate", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"], 1);
    assert_eq!(v["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "owner-not-member");
    assert_eq!(d["line"], 29);
    assert_eq!(d["column"], 9);
    assert_eq!(d["hint"], "did you mean \"Ana Lima\"?");
    assert!(d["path"].as_str().unwrap().ends_with("agreement.toml"));
}

#[test]
fn hostile_files_fail_fast_and_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir(&team).unwrap();
    // 50 MB: refused from its size, without being read.
    let big = team.join("agreement.toml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let out = accord().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .contains("error: file is 52428800 bytes, more than the 1048576 an Accord file can be"),
        "{stdout}"
    );
    // Binary noise: no panic, no backtrace.
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&big, noise).unwrap();
    let out = accord().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("error: "), "{all}");
    assert!(
        !all.contains("panicked") && !all.contains("RUST_BACKTRACE"),
        "{all}"
    );
}

#[test]
fn missing_path_cannot_run() {
    let out = accord()
        .args(["validate", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: no/such/folder does not exist"),
        "{stderr}"
    );
}
