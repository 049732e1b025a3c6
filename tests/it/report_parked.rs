//! The parking lot across sessions: topics parked at the last adoption and the last check-in,
//! read back from the commit messages Accord writes, on a real repository.

use crate::support::{TestRepo, payments};
use accord::git::{Repo, message};
use accord::model::{Agreement, CheckIn};
use accord::parse::parse;
use accord::source::Source;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

const CHECKIN: &str =
    "schema = 2\ndate = 2026-11-17\nfrom = 2026-11-03\nto = 2026-11-16\nagreement_version = 3\n";

fn agreement() -> Agreement {
    parse(&Source::new("agreement.toml", payments())).unwrap()
}

/// Adopted with two parked topics, then a check-in that parked one more and one again.
fn repo() -> TestRepo {
    let r = TestRepo::new();
    r.write("agreements/payments/agreement.toml", &payments());
    let a = agreement();
    let parked = ["Lunch budget".to_string(), "Desk  booking".to_string()];
    let diff = accord::diff::diff_agreements(&a, &a);
    r.commit_all(&message::agreement("payments", &a, &diff, &parked));
    r.write("agreements/payments/checkins/2026-11-17.toml", CHECKIN);
    let c: CheckIn = parse(&Source::new("c.toml", CHECKIN)).unwrap();
    r.commit_all(&message::checkin(
        "payments",
        &c,
        &["Quiet room on Thursdays".into(), "Lunch budget".into()],
    ));
    // Another team's save and a commit that is not Accord's come later: they change nothing.
    r.write("agreements/README.md", "notes\n");
    r.commit_all("docs: notes\n\nParking lot (topics to come back to)\n  - not ours\n");
    r
}

#[test]
fn the_parking_lot_is_read_back_from_the_commits() {
    let r = repo();
    let repo = Repo::discover(r.path()).unwrap();
    let parked = repo.parked(&["payments", "atlas"]).unwrap();
    let p = &parked["payments"];
    let adoption = p.adoption.as_ref().unwrap();
    assert_eq!(adoption.topics, ["Lunch budget", "Desk booking"]);
    assert_eq!(adoption.subject, "payments: adopt agreement v3");
    assert_eq!(
        p.checkin.as_ref().unwrap().topics,
        ["Quiet room on Thursdays", "Lunch budget"]
    );
    assert_eq!(
        p.topics().topics(),
        ["Lunch budget", "Desk booking", "Quiet room on Thursdays"]
    );
    assert_eq!(parked["atlas"], accord::git::Parked::default());
}

#[test]
fn the_report_lists_them_in_text_markdown_and_json() {
    let r = repo();
    r.accord()
        .args(["report", "--team", "payments"])
        .assert()
        .success()
        .stdout(contains("  Parked at the last adoption (2026-09-21, "))
        .stdout(contains("    Lunch budget\n    Desk booking\n"))
        .stdout(contains("    Quiet room on Thursdays\n"))
        .stdout(contains("not ours").not());
    r.accord()
        .args(["report", "--format", "md"])
        .assert()
        .success()
        .stdout(contains("  - Desk booking\n"));
    let out = r
        .accord()
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    valid(&doc);
    let p = &doc["teams"][0]["parked"];
    assert_eq!(p["adoption"]["topics"][1], "Desk booking");
    assert_eq!(p["checkin"]["subject"], "payments: check-in 2026-11-17");
    assert_eq!(p["checkin"]["commit"].as_str().unwrap().len(), 7);
}

#[test]
fn a_hostile_message_is_bounded_and_shown_inert() {
    let r = TestRepo::new();
    r.write("agreements/payments/agreement.toml", &payments());
    let mut m =
        String::from("payments: adopt agreement v3\n\nParking lot (topics to come back to)\n");
    m.push_str("  - a\u{1b}]52;c;eA==\u{7} \u{202e}b @octocat *x*\n");
    for i in 0..5000 {
        m.push_str(&format!("  - topic {i} {}\n", "y".repeat(300)));
    }
    // Too long for an argument: git reads it from a file.
    std::fs::write(r.file(".git/MSG"), &m).unwrap();
    r.git(&["add", "-A"]);
    r.git(&["commit", "-q", "-F", ".git/MSG"]);
    let parked = Repo::discover(r.path())
        .unwrap()
        .parked(&["payments"])
        .unwrap();
    let topics = &parked["payments"].adoption.as_ref().unwrap().topics;
    assert_eq!(topics.len(), accord::git::MAX_PARKED_TOPICS);
    assert!(topics[1].chars().count() <= 200);
    let md = r
        .accord()
        .args(["report", "--format", "md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'), "{md}");
    assert!(md.contains(r"@&#8203;octocat \*x\*"), "{md}");
}

/// The report is valid against assets/schema/report.output.schema.json.
pub(crate) fn valid(doc: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/schema/report.output.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{doc:#}");
}
