//! Pulse results below `min_responses` are withheld in every output format, and cross-team
//! totals pool shown pulses only, so no subtraction reveals a withheld team's result.

use crate::common::{agreement, checkin, write};
use assert_cmd::Command;
use serde_json::Value;

fn folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "accord.toml",
        "schema = 1\n\n[privacy]\nmin_responses = 5\n",
    );
    for (team, scores, comment) in [
        ("alpha", &[4, 4, 4, 4, 5][..], "alpha comment"),
        ("bravo", &[1, 1, 2][..], "bravo secret"),
        ("charlie", &[3, 3, 3, 3, 3, 3][..], "charlie comment"),
    ] {
        write(
            root,
            &format!("{team}/agreement.toml"),
            &agreement(team, &[("A", "hybrid")]),
        );
        write(
            root,
            &format!("{team}/checkins/2026-11-10.toml"),
            &checkin("2026-11-10", "2026-10-27", "2026-11-09", scores, &[comment]),
        );
    }
    // An earlier, withheld check-in of alpha's: withheld there too, though alpha's latest is shown.
    write(
        root,
        "alpha/checkins/2026-10-27.toml",
        &checkin(
            "2026-10-27",
            "2026-10-13",
            "2026-10-26",
            &[2, 2, 2, 2],
            &["alpha old secret"],
        ),
    );
    tmp
}

fn report(root: &std::path::Path, format: &str) -> String {
    let out = Command::cargo_bin("accord")
        .unwrap()
        .args(["report", "--format", format, "--dir"])
        .arg(root)
        .env("ACCORD_TODAY", "2026-11-20")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// Nothing of the withheld pulses: their means, distributions, comments; nor a cross-team mean
/// that includes one (alpha 21 + bravo 4 + charlie 18 over 14 answers = 3.07).
fn assert_withheld(out: &str) {
    for secret in [
        "bravo secret",
        "alpha old secret",
        "1.3",
        "2.0 ",
        "3.1",
        "3.07",
    ] {
        assert!(!out.contains(secret), "{secret:?} leaked:\n{out}");
    }
}

#[test]
fn text_and_markdown_withhold() {
    let tmp = folder();
    for format in ["text", "md"] {
        let out = report(tmp.path(), format);
        assert_withheld(&out);
        assert!(out.contains("withheld (3 answers, fewer than 5)"), "{out}");
        assert!(out.contains("withheld (4 answers, fewer than 5)"), "{out}");
        assert!(out.contains("4.2 (5 answers)"), "{out}");
        // alpha (21 over 5) and charlie (18 over 6); bravo's withheld pulse is left out.
        assert!(
            out.contains("3.5 (11 answers; 1 withheld pulse not included)"),
            "{out}"
        );
    }
}

#[test]
fn json_withholds() {
    let tmp = folder();
    let out = report(tmp.path(), "json");
    assert_withheld(&out);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let pulse =
        |team: usize, checkin: usize| doc["teams"][team]["checkins"][checkin]["pulse"].clone();
    assert_eq!(
        pulse(1, 0),
        serde_json::json!({"count": 3, "mean": null, "withheld": true})
    );
    assert_eq!(
        pulse(0, 0),
        serde_json::json!({"count": 4, "mean": null, "withheld": true})
    );
    assert_eq!(pulse(0, 1)["mean"], 4.2);
    assert_eq!(
        pulse(0, 1)["comments"],
        serde_json::json!(["alpha comment"])
    );
    assert_eq!(
        doc["across"]["pulse"],
        serde_json::json!({"count": 11, "mean": 39.0 / 11.0, "withheld": false, "left_out": 1,
            "questions": [{"id": "belonging", "mean": 39.0 / 11.0, "count": 11}]})
    );
}

#[test]
fn more_withheld_teams_change_no_total() {
    let tmp = folder();
    let root = tmp.path();
    write(
        root,
        "delta/agreement.toml",
        &agreement("delta", &[("A", "hybrid")]),
    );
    write(
        root,
        "delta/checkins/2026-11-10.toml",
        &checkin(
            "2026-11-10",
            "2026-10-27",
            "2026-11-09",
            &[5, 5],
            &["delta secret"],
        ),
    );
    let doc: Value = serde_json::from_str(&report(root, "json")).unwrap();
    // bravo (3) and delta (2) together reach 5, but a total never includes a withheld pulse:
    // the figures are alpha's and charlie's, whatever else is withheld.
    assert_eq!(doc["across"]["pulse"]["count"], 11);
    assert_eq!(doc["across"]["pulse"]["mean"], 39.0 / 11.0);
    assert_eq!(doc["across"]["pulse"]["left_out"], 2);
    let text = report(root, "text");
    assert!(
        text.contains("Pulse: 3.5 (11 answers; 2 withheld pulses not included)"),
        "{text}"
    );
    assert!(!text.contains("delta secret"));
}

#[test]
fn one_team_reports_have_no_cross_team_total() {
    let tmp = folder();
    let out = Command::cargo_bin("accord")
        .unwrap()
        .args(["report", "--team", "bravo", "--format", "json", "--dir"])
        .arg(tmp.path())
        .env("ACCORD_TODAY", "2026-11-20")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["across"], Value::Null);
    assert_eq!(doc["teams"].as_array().unwrap().len(), 1);
    assert!(!String::from_utf8_lossy(&out).contains("bravo secret"));
}
