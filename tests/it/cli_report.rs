//! `accord report` on real folders, through the built binary.

use crate::common::{examples, write};
use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

fn accord(root: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("accord").unwrap();
    c.arg("--dir").arg(root).env("ACCORD_TODAY", "2026-11-22");
    c
}

#[test]
fn docs_show_the_report_as_it_is() {
    let (_tmp, root) = examples();
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/checkins.md")).unwrap();
    let runs: Vec<_> = crate::common::documented_runs(&doc)
        .into_iter()
        .filter(|(args, _)| args[0] == "report")
        .collect();
    assert_eq!(
        runs.len(),
        3,
        "docs/checkins.md shows a text report, a share summary and a JSON report"
    );
    for (args, expected) in runs {
        let out = accord(&root)
            .args(&args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            expected,
            "docs/checkins.md, `accord {}`: paste the new output in",
            args.join(" ")
        );
    }
}

#[test]
fn json_has_the_documented_shape_and_hand_checked_figures() {
    let (_tmp, root) = examples();
    let out = accord(&root)
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let teams = doc["teams"].as_array().unwrap();
    let names: Vec<&str> = teams.iter().map(|t| t["team"].as_str().unwrap()).collect();
    assert_eq!(names, ["atlas", "data-platform", "payments", "ward-7"]);
    let payments = &teams[2];
    assert_eq!(payments["name"], "Payments");
    let last = payments["checkins"].as_array().unwrap().last().unwrap();
    assert_eq!(last["date"], "2026-11-17");
    // Nov 3–16: 4 of 4 presence days at 80%; demo 2/2, lunch 0/2, retro 1/1 (Nov 10),
    // belonging 1/1 (Nov 3) = 4/6; all four norms kept.
    assert_eq!(last["presence"], 1.0);
    assert_eq!(last["rituals"], 4.0 / 6.0);
    assert_eq!(last["norms"], 1.0);
    assert_eq!(last["overall"], (1.0 + 4.0 / 6.0 + 1.0) / 3.0);
    assert_eq!(last["pulse"]["count"], 6);
    assert_eq!(last["pulse"]["mean"], 25.0 / 6.0);
    assert_eq!(last["pulse"]["withheld"], false);
    assert_eq!(payments["drifting"][0]["item"], "team-lunch");
    assert_eq!(payments["drifting"][0]["missed"], 4);
    assert_eq!(payments["latest"]["items"][2]["item"], "team-lunch");
    assert_eq!(payments["latest"]["items"][2]["score"], 0.0);
    // No presence days recorded: null, not 0.
    assert_eq!(teams[0]["checkins"][0]["presence"], Value::Null);
    assert_eq!(doc["attention"]["review_overdue"][0]["team"], "atlas");
    assert_eq!(doc["attention"]["no_agreement"][0]["team"], "data-platform");
    assert_eq!(doc["across"]["teams_with_checkins"], 3);
}

#[test]
fn text_rounds_to_whole_percentages_and_shows_what_needs_attention() {
    let (_tmp, root) = examples();
    accord(&root)
        .args(["report", "--team", "payments"])
        .assert()
        .success()
        .stdout(contains(
            "  Check-in    Period                    Presence  Rituals  Norms  Overall  Pulse\n",
        ))
        .stdout(contains(
            "  2026-11-17  2026-11-03 to 2026-11-16      100%      67%   100%      89%  4.2 (6 answers)\n",
        ))
        .stdout(contains(
            "  Thursday lunch                      team-lunch             0%  held 0 of 2\n",
        ))
        .stdout(contains(
            "Thursday lunch [team-lunch]: missed in the last 4 check-ins (since 2026-09-22)",
        ))
        .stdout(contains("Across teams").not());
    accord(&root)
        .args(["report"])
        .assert()
        .success()
        .stdout(contains(
            "Past their review date: atlas (review by 2026-11-15)",
        ))
        .stdout(contains(
            "No active agreement: data-platform (the agreement is draft)",
        ));
    accord(&root)
        .args(["report", "--format", "md", "--last", "1"])
        .assert()
        .success()
        .stdout(contains(
            "# Adherence report, 2026-11-22 — 4 teams · pulse results shown from 5 answers\n",
        ))
        .stdout(contains("\n## Payments (payments) · v3 active · review by 2026-12-15\n"))
        .stdout(contains(
            "| Check-in | Period | Presence | Rituals | Norms | Overall | Pulse |\n\
             |---|---|---:|---:|---:|---:|---|\n\
             | 2026-11-17 | 2026-11-03 to 2026-11-16 | 100% | 67% | 100% | 89% | 4.2 (6 answers) |\n\n",
        ))
        .stdout(contains(
            "| Item | Id | Score | Detail |\n|---|---|---:|---|\n| Presence days | `presence` | 100% | 4 of 4 days at 80% or more |\n",
        ))
        .stdout(contains("- (3 earlier check-ins not shown)"))
        .stdout(contains(
            "Scores are shares of what the agreement asks (the formulas are in Accord's README, \"Adherence: the formulas\"), rounded to whole percentages.",
        ))
        .stdout(contains("DESIGN").not());
}

#[test]
fn stale_teams_folders_without_agreement_and_unknown_versions() {
    let (_tmp, root) = examples();
    write(&root, "orphan/checkins/2026-01-01.toml", "schema = 1\n");
    // ward-7's first check-in names a version that history does not have.
    let p = root.join("ward-7/checkins/2026-10-01.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text.replace("agreement_version = 2", "agreement_version = 1"),
    )
    .unwrap();
    let out = accord(&root)
        .env("ACCORD_TODAY", "2027-01-30")
        .args(["report"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("orphan (no agreement.toml)"), "{out}");
    assert!(
        out.contains(
            "No check-in in the last 60 days: atlas (last 2026-11-11), payments (last 2026-11-17)"
        ),
        "{out}"
    );
    assert!(
        out.contains("2026-10-01: not scored — agreement version 1 is not the current one (2) and is not in the git history here"),
        "{out}"
    );
}

#[test]
fn unreadable_check_ins_are_reported_and_left_out() {
    let (_tmp, root) = examples();
    write(
        &root,
        "payments/checkins/2026-11-20.toml",
        "schema = 1\ndate = \"x\"\n",
    );
    accord(&root)
        .args(["report", "--team", "payments"])
        .assert()
        .code(1)
        .stderr(contains("payments/checkins/2026-11-20.toml:2:8"))
        .stdout(contains("2026-11-17"))
        .stdout(contains("1 file could not be read"));
}

#[test]
fn could_not_run() {
    let (_tmp, root) = examples();
    accord(&root)
        .args(["report", "--team", "paymnets"])
        .assert()
        .code(2)
        .stderr(contains("did you mean \"payments\"?"));
    accord(&root.join("nowhere"))
        .args(["report"])
        .assert()
        .code(2)
        .stderr(contains("accord init"));
}
