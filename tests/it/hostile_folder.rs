//! Hostile repositories (issue 10): what the folder walker reads and refuses, and where
//! writes may go. Each test is a reproduction of the issue on a real repository.
#![cfg(unix)]

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::time::Duration;

use crate::support::TestRepo;

const FAKE_TOKEN: &str = "ghp_FAKE0123456789abcdefTOKEN";

fn output(a: &assert_cmd::assert::Assert) -> String {
    let o = a.get_output();
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `validate` on the repository, bounded in time so a hang fails the test instead of CI.
fn validate(r: &TestRepo) -> (i32, String) {
    let a = r
        .accord()
        .arg("validate")
        .env("FAKE_GITHUB_TOKEN", FAKE_TOKEN)
        .timeout(Duration::from_secs(60))
        .assert();
    let code = a.get_output().status.code().expect("exited, not killed");
    (code, output(&a))
}

#[test]
fn agreement_symlinked_to_proc_environ_is_not_read() {
    let r = TestRepo::with_payments();
    let p = r.file("agreements/payments/agreement.toml");
    std::fs::remove_file(&p).unwrap();
    symlink("/proc/self/environ", &p).unwrap();
    let (code, out) = validate(&r);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains(FAKE_TOKEN), "{out}");
    assert!(
        out.contains("payments/agreement.toml") && out.contains("outside the agreements folder"),
        "{out}"
    );
}

#[test]
fn agreement_symlinked_to_a_secret_outside_the_repository_is_not_read() {
    let r = TestRepo::with_payments();
    let secret = tempfile::tempdir().unwrap();
    // Shaped like TOML with an error, so an excerpt of it would be printed if it were read.
    let creds = secret.path().join("credentials");
    std::fs::write(&creds, format!("token = \"{FAKE_TOKEN}\" broken\n")).unwrap();
    let p = r.file("agreements/payments/agreement.toml");
    std::fs::remove_file(&p).unwrap();
    symlink(&creds, &p).unwrap();
    let (code, out) = validate(&r);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains(FAKE_TOKEN), "{out}");
    assert!(out.contains("symlink"), "{out}");
    // The other commands read through the same walker: `show` and `report` do not print it either.
    for args in [&["show", "payments"][..], &["report"], &[]] {
        let a = r
            .accord()
            .args(args)
            .timeout(Duration::from_secs(60))
            .assert();
        assert!(!output(&a).contains(FAKE_TOKEN), "{args:?}: {}", output(&a));
    }
}

#[test]
fn agreement_symlinked_to_dev_zero_is_refused_without_reading() {
    let r = TestRepo::with_payments();
    let p = r.file("agreements/payments/agreement.toml");
    std::fs::remove_file(&p).unwrap();
    symlink("/dev/zero", &p).unwrap();
    let (code, out) = validate(&r);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("payments/agreement.toml"), "{out}");
}

#[test]
fn a_fifo_agreement_does_not_hang() {
    let r = TestRepo::with_payments();
    let p = r.file("agreements/payments/agreement.toml");
    std::fs::remove_file(&p).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&p)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, out) = validate(&r);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FIFO"), "{out}");
    // Named directly it is refused the same way.
    let a = r
        .accord()
        .args(["validate", "agreements/payments/agreement.toml"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1);
    assert!(output(&a).contains("not a regular file"), "{}", output(&a));
}

#[test]
fn folders_symlinked_to_themselves_end_with_a_diagnostic() {
    let r = TestRepo::with_payments();
    symlink(".", r.file("agreements/a")).unwrap();
    symlink(".", r.file("agreements/b")).unwrap();
    let (code, out) = validate(&r);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("agreements/a") && out.contains("agreements/b"),
        "{out}"
    );
    assert!(out.contains("symlink to a folder"), "{out}");
    let a = r
        .accord()
        .arg("fmt")
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1);
    assert!(output(&a).contains("not followed"), "{}", output(&a));
}

#[test]
fn fmt_does_not_rewrite_a_file_outside_through_a_symlinked_checkins_folder() {
    let r = TestRepo::with_payments();
    let elsewhere = tempfile::tempdir().unwrap();
    // Not in canonical form: fmt would rewrite it if it followed the symlink.
    let outside = elsewhere.path().join("2026-01-05.toml");
    let text = "schema=1\nteam='payments'\n";
    std::fs::write(&outside, text).unwrap();
    symlink(elsewhere.path(), r.file("agreements/payments/checkins")).unwrap();
    let a = r
        .accord()
        .arg("fmt")
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1);
    assert!(output(&a).contains("payments/checkins"), "{}", output(&a));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), text);
    // Named through the link, it is refused too.
    r.accord()
        .args(["fmt", "agreements/payments/checkins/2026-01-05.toml"])
        .assert()
        .code(1);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), text);
}

#[test]
fn a_symlink_to_a_file_inside_the_folder_is_read() {
    let r = TestRepo::with_payments();
    std::fs::create_dir(r.file("agreements/shared")).unwrap();
    symlink(
        "../payments/agreement.toml",
        r.file("agreements/shared/agreement.toml"),
    )
    .unwrap();
    let (_, out) = validate(&r);
    assert!(!out.contains("symlink"), "{out}");
    assert!(out.contains("3 files checked"), "{out}");
}

#[test]
fn a_check_in_with_a_non_utf8_name_is_a_diagnostic() {
    use std::os::unix::ffi::OsStrExt;
    let r = TestRepo::with_payments();
    let dir = r.file("agreements/payments/checkins");
    std::fs::create_dir_all(&dir).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"2026-01-\xff5.toml");
    std::fs::write(dir.join(name), "schema = 1\n").unwrap();
    let (code, out) = validate(&r);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not valid UTF-8"), "{out}");
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_files_get_the_umask_mode_not_0600() {
    let r = TestRepo::with_payments();
    let bin = assert_cmd::cargo::cargo_bin("accord");
    let run = |cmd: &str| {
        let st = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask 022 && exec \"$0\" {cmd}"))
            .arg(&bin)
            .current_dir(r.path())
            .env("ACCORD_TODAY", crate::support::TODAY)
            .env_remove("ACCORD_DIR")
            .status()
            .unwrap();
        assert!(st.success(), "{cmd}");
    };
    run("new atlas --no-interactive");
    assert_eq!(mode(&r.file("agreements/atlas/agreement.toml")), 0o644);
    run("export payments --format ics -o cal.ics");
    assert_eq!(mode(&r.file("cal.ics")), 0o644);
    // A replaced file keeps its mode.
    std::fs::set_permissions(r.file("cal.ics"), std::fs::Permissions::from_mode(0o600)).unwrap();
    run("export payments --format ics -o cal.ics");
    assert_eq!(mode(&r.file("cal.ics")), 0o600);
}

#[test]
fn init_into_a_missing_parent_creates_nothing_and_runs_no_git_init() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/x");
    let a = assert_cmd::Command::cargo_bin("accord")
        .unwrap()
        .current_dir(dir.path())
        .arg("init")
        .arg("--dir")
        .arg(&target)
        .assert()
        .code(2);
    assert!(output(&a).contains("does not exist"), "{}", output(&a));
    assert!(!dir.path().join("missing").exists());
    assert!(!dir.path().join(".git").exists());
}

#[test]
fn writes_never_go_through_a_symlink() {
    use accord::store::{WriteError, write_atomic};
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("victim.toml");
    std::fs::write(&target, "untouched").unwrap();
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("team")).unwrap();
    // The file itself is a symlink.
    let link = root.path().join("team/agreement.toml");
    symlink(&target, &link).unwrap();
    let err = write_atomic(&link, b"overwritten").unwrap_err();
    assert!(matches!(err, WriteError::Symlink { .. }), "{err}");
    // A folder between the agreements folder and the file is one.
    symlink(elsewhere.path(), root.path().join("team/checkins")).unwrap();
    let inside = root.path().join("team/checkins/victim.toml");
    let err = write_atomic(&inside, b"overwritten").unwrap_err();
    assert!(matches!(err, WriteError::Symlink { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched");
}

#[test]
fn stale_temporaries_of_a_killed_write_are_removed_on_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".agreement.toml.Ab3dE9.tmp");
    let fresh = dir.path().join(".agreement.toml.Zz9yY8.tmp");
    let other = dir.path().join(".notes.tmp");
    for p in [&stale, &fresh, &other] {
        std::fs::write(p, "half").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for p in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    accord::store::write_atomic(&dir.path().join("agreement.toml"), b"schema = 1\n").unwrap();
    assert!(!stale.exists(), "a leftover of a killed write stays");
    // A young one may be another Accord writing right now; a file not of Accord's naming is not ours.
    assert!(fresh.exists());
    assert!(other.exists());
}
