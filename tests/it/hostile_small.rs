//! The smaller items of issue 10, each on a real repository: what `fmt --commit` says it
//! committed, `blame` in a shallow clone, `history` of a committed file that does not parse,
//! and `import-presence` over a huge period.

use crate::support::{TestRepo, payments, replace};
use predicates::str::contains;

#[test]
fn fmt_commit_says_when_the_commit_changes_a_value_and_gives_the_version_trailer() {
    let r = TestRepo::with_payments();
    // A value edited by hand, in a form fmt rewrites: the commit is more than formatting.
    let edited = replace(&payments(), "version = 3", "version   =   4");
    r.write("agreements/payments/agreement.toml", &edited);
    r.accord().args(["fmt", "--commit"]).assert().code(0);
    let msg = r.git(&["log", "-1", "--format=%B"]);
    assert!(!msg.contains("no values changed"), "{msg}");
    assert!(msg.contains("Values changed"), "{msg}");
    assert!(msg.contains("Agreement-Version: 4"), "{msg}");

    // Formatting alone (of a file committed out of form) says so, and still carries the trailer.
    let spaced = replace(
        &r.read("agreements/payments/agreement.toml"),
        "version = 4",
        "version=4",
    );
    r.write("agreements/payments/agreement.toml", &spaced);
    r.commit_all("payments: committed out of form");
    r.accord().args(["fmt", "--commit"]).assert().code(0);
    let msg = r.git(&["log", "-1", "--format=%B"]);
    assert!(msg.contains("no values changed"), "{msg}");
    assert!(msg.contains("Agreement-Version: 4"), "{msg}");
}

#[test]
fn blame_in_a_shallow_clone_names_the_boundary() {
    let r = TestRepo::with_payments();
    r.write(
        "agreements/payments/agreement.toml",
        &replace(&payments(), "version = 3", "version = 4"),
    );
    r.commit_all("payments: v4");
    let (_clone, c) = r.shallow_clone(1);
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=7", "HEAD"])
        .current_dir(&c)
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap().trim().to_string();
    assert_cmd::Command::cargo_bin("accord")
        .unwrap()
        .current_dir(&c)
        .env("ACCORD_TODAY", crate::support::TODAY)
        .env_remove("ACCORD_DIR")
        .args(["blame", "payments"])
        .assert()
        .code(0)
        .stderr(contains("shallow").and(contains(head.as_str())));
    // A full clone says nothing of the kind.
    r.accord()
        .args(["blame", "payments"])
        .assert()
        .code(0)
        .stderr(contains("shallow").not());
}

#[test]
fn history_of_a_committed_file_that_does_not_parse_has_no_phantom_uncommitted_row() {
    let r = TestRepo::with_payments();
    let broken = replace(&payments(), "version = 3", "version = = 3");
    r.write("agreements/payments/agreement.toml", &broken);
    r.commit_all("payments: break it");
    let out = r.accord().args(["history", "payments"]).assert().code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!text.contains("uncommitted"), "{text}");
    // Broken and not committed: that row is real.
    r.write(
        "agreements/payments/agreement.toml",
        &format!("{broken}\n# edited\n"),
    );
    r.accord()
        .args(["history", "payments"])
        .assert()
        .code(0)
        .stdout(contains("uncommitted"));
}

#[test]
fn import_presence_over_a_huge_period_prints_a_bounded_summary() {
    let r = TestRepo::with_payments();
    let csv = r.file("export.csv");
    std::fs::write(&csv, "Date,Person,Location\n2026-11-03,Nobody,office\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = r
        .accord()
        .env("ACCORD_DATA_DIR", data.path())
        .args(["import-presence", "payments"])
        .arg(&csv)
        .args(["--from", "2000-01-03", "--to", "2199-12-31"])
        .assert();
    let o = out.get_output();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(text.len() < 20_000, "{} bytes", text.len());
    assert!(text.lines().all(|l| l.len() < 1_000), "a long line");
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn the_overview_scores_against_the_version_in_force_as_the_report_does() {
    let r = TestRepo::with_payments();
    let checkin = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/agreements/payments/checkins/2026-11-03.toml"
    ))
    .unwrap();
    r.write("agreements/payments/checkins/2026-11-03.toml", &checkin);
    r.commit_all("payments: check-in");
    let last_cell = |r: &TestRepo| {
        let out = r.accord().assert().code(0);
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        let line = text
            .lines()
            .find(|l| l.starts_with("payments"))
            .unwrap_or_else(|| panic!("{text}"))
            .to_string();
        line[line.find("2026-11-03").expect("last check-in shown")..].to_string()
    };
    let before = last_cell(&r);
    assert!(before.contains('%'), "{before}");
    // A new version: the check-in still names v3, found in git history.
    r.write(
        "agreements/payments/agreement.toml",
        &replace(&payments(), "version = 3", "version = 4"),
    );
    r.commit_all("payments: v4");
    assert_eq!(last_cell(&r), before);
}
