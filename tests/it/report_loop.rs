//! Closing the loop in `accord report`, on real files: three check-ins where one action is
//! opened, carried ("not yet") and closed late, one is done on time and one stays open past
//! its due date; a ritual on trial that comes due; wins; adherence per dimension.

use crate::common::write;
use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

const AGREEMENT: &str = r#"schema = 1
team = "Loop"
version = 1
status = "active"
adopted = 2026-10-01
review_by = 2027-01-31

[[members]]
name = "Ana Lima"

[[members]]
name = "Rui Costa"

[[members]]
name = "Ines Sousa"

[[members]]
name = "Piotr Nowak"

[[members]]
name = "Maya Chen"

[[members]]
name = "Tom Berg"

[presence]
days = ["tue"]
min_attendance = 0.5
space = "Floor 3"

[[rituals]]
id = "demo"
name = "Weekly demo"
cadence = "weekly"
day = "thu"
mode = "remote"
owner = "Ana Lima"
trial_until = 2026-10-31

[[norms]]
id = "dm"
area = "communication"
text = "We answer direct messages within 4 working hours."

[[questions]]
id = "speak-up"
text = "Did you say so when you disagreed?"
about = "demo"
"#;

/// Before the trial: demo held 1 of 2, pulse 2.6; an action on demo due 2026-10-20.
const FIRST: &str = r#"schema = 2
date = 2026-09-30
from = 2026-09-16
to = 2026-09-29
agreement_version = 1

[[rituals]]
id = "demo"
held = 1
planned = 2

[[norms]]
id = "dm"
rating = "kept"

[pulse]
min_responses = 5
count = 5

[[pulse.questions]]
id = "speak-up"
scores = [2, 2, 3, 3, 3]

[[actions]]
item = "demo"
decision = "adjust"
note = "Move it to Tuesday."
owner = "Ana Lima"
due = 2026-10-20

[[actions]]
item = "dm"
decision = "keep"
"#;

/// During: demo 3 of 3, pulse 4.0; the demo action is carried; two new actions; a win.
const SECOND: &str = r#"schema = 2
date = 2026-10-21
from = 2026-09-30
to = 2026-10-20
agreement_version = 1

[[presence]]
date = 2026-10-06
present = 4
expected = 6

[[rituals]]
id = "demo"
held = 3
planned = 3

[[norms]]
id = "dm"
rating = "partly"

[pulse]
min_responses = 5
count = 5

[[pulse.questions]]
id = "speak-up"
scores = [3, 4, 4, 4, 5]

[[followups]]
action = "2026-09-30/demo"
done = false
note = "Room booked from next week."

[[wins]]
text = "Rui ran his first demo."
item = "demo"

[[actions]]
item = "presence"
decision = "adjust"
note = "Agree a second office day."
owner = "Rui Costa"
due = 2026-11-10

[[actions]]
item = "dm"
decision = "adjust"
owner = "Ana Lima"
due = 2026-11-15
"#;

/// Still during: demo 2 of 3, a withheld pulse (nothing to count); demo closed late, dm on
/// time, presence not yet (and past its date); a win; no decision on the trial.
const THIRD: &str = r#"schema = 2
date = 2026-11-11
from = 2026-10-21
to = 2026-11-10

agreement_version = 1

[[presence]]
date = 2026-11-03
present = 2
expected = 6

[[rituals]]
id = "demo"
held = 2
planned = 3

[[norms]]
id = "dm"
rating = "kept"

[pulse]
min_responses = 5
count = 3
withheld = true

[[followups]]
action = "2026-09-30/demo"
done = true

[[followups]]
action = "2026-10-21/dm"
done = true

[[followups]]
action = "2026-10-21/presence"
done = false

[[wins]]
text = "Ines spoke first at the retro."
"#;

fn folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("agreements");
    write(&root, "loop/agreement.toml", AGREEMENT);
    write(&root, "loop/checkins/2026-09-30.toml", FIRST);
    write(&root, "loop/checkins/2026-10-21.toml", SECOND);
    write(&root, "loop/checkins/2026-11-11.toml", THIRD);
    (tmp, root)
}

fn accord(root: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("accord").unwrap();
    c.arg("--dir").arg(root).env("ACCORD_TODAY", "2026-11-20");
    c
}

fn json(root: &std::path::Path) -> Value {
    let out = accord(root)
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn an_action_is_opened_carried_and_closed() {
    let (_tmp, root) = folder();
    let doc = json(&root);
    let t = &doc["teams"][0];
    let actions = t["actions"].as_array().unwrap();
    // The bare keep on dm is not an action to follow.
    let ids: Vec<&str> = actions
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["2026-09-30/demo", "2026-10-21/presence", "2026-10-21/dm"]
    );
    assert_eq!(actions[0]["state"], "done");
    assert_eq!(actions[0]["on"], "2026-11-11");
    assert_eq!(actions[0]["followup_note"], "Room booked from next week.");
    assert_eq!(actions[0]["title"], "Weekly demo");
    assert_eq!(actions[1]["state"], "open");
    assert_eq!(actions[1]["carried"], 1);
    assert_eq!(actions[1]["overdue"], true);
    assert_eq!(actions[1]["owner"], "Rui Costa");
    assert_eq!(actions[2]["state"], "done");
    assert_eq!(t["actions_open"], 1);
    assert_eq!(t["actions_overdue"], 1);
    // Due-dated and settled: demo (late), dm (on time), presence (open past its date).
    assert_eq!(t["done_on_time"], 1.0 / 3.0);
    let trend = t["actions_trend"].as_array().unwrap();
    let open: Vec<u64> = trend.iter().map(|p| p["open"].as_u64().unwrap()).collect();
    assert_eq!(open, [1, 3, 1]);
    assert_eq!(trend[0]["done_on_time"], Value::Null, "nothing due yet");
    assert_eq!(trend[1]["done_on_time"], 0.0, "demo past its date, open");
    assert_eq!(trend[1]["overdue"], 1);
    // The cross-team report has the same figures for the team.
    let across = &doc["across"]["actions"][0];
    assert_eq!(across["team"], "loop");
    assert_eq!(across["open"], 1);
    assert_eq!(across["done_on_time"], 1.0 / 3.0);
    assert_eq!(across["trend"].as_array().unwrap().len(), 3);
    crate::report_parked::valid(&doc);
}

#[test]
fn a_trial_comes_due_with_its_figures_before_and_during() {
    let (_tmp, root) = folder();
    let doc = json(&root);
    let trials = doc["teams"][0]["trials_due"].as_array().unwrap();
    assert_eq!(trials.len(), 1);
    let t = &trials[0];
    assert_eq!(t["item"], "demo");
    assert_eq!(t["started"], "2026-10-01");
    assert_eq!(t["until"], "2026-10-31");
    assert_eq!(t["before"]["checkins"], 1);
    assert_eq!(t["before"]["adherence"], 0.5);
    assert_eq!(t["before"]["pulse"], 2.6);
    assert_eq!(t["during"]["checkins"], 2);
    assert_eq!(t["during"]["adherence"], (1.0 + 2.0 / 3.0) / 2.0);
    // The withheld pulse of the third check-in counts for nothing.
    assert_eq!(t["during"]["pulse"], 4.0);
    assert_eq!(t["during"]["answers"], 5);
    // A decision on the item at a check-in on or after the date ends it.
    let decided = format!("{THIRD}\n[[actions]]\nitem = \"demo\"\ndecision = \"keep\"\n");
    write(&root, "loop/checkins/2026-11-11.toml", &decided);
    assert_eq!(json(&root)["teams"][0]["trials_due"], Value::Array(vec![]));
}

#[test]
fn text_and_markdown_show_actions_trials_wins_and_dimensions() {
    let (_tmp, root) = folder();
    accord(&root)
        .args(["report"])
        .assert()
        .success()
        .stdout(contains(
            "  Open actions (1):\n    adjust Presence days [presence], decided 2026-10-21 · owner Rui Costa · due 2026-11-10 · not yet at 1 check-in · overdue\n      Agree a second office day.\n",
        ))
        .stdout(contains(
            "  Trials due — keep, adjust or drop?\n    Weekly demo [demo]: on trial 2026-10-01 to 2026-10-31\n      adherence 83% during (2 check-ins) vs 50% before (1 check-in)\n      pulse (speak-up): 4.0 (5 answers) during vs 2.6 (5 answers) before (shown pulses only)\n",
        ))
        .stdout(contains(
            "  Wins to celebrate (2026-11-11):\n    Ines spoke first at the retro.\n",
        ))
        .stdout(contains("Rui ran his first demo").not())
        .stdout(contains(
            "  Adherence per dimension (2026-11-11): place 0% · digital 83%\n",
        ))
        .stdout(contains(
            "    loop: 1 open (1 overdue) · done on time 33% ( ▁▃) · open at the last check-ins 1 → 3 → 1",
        ));
    accord(&root)
        .args(["report", "--format", "md"])
        .assert()
        .success()
        .stdout(contains(
            "- Wins to celebrate (2026-11-11):\n  - Ines spoke first at the retro.\n",
        ))
        .stdout(contains(
            "- Open actions (1):\n  - adjust Presence days `[presence]`",
        ));
}

#[test]
fn one_dimension_only_is_pointed_out() {
    let (_tmp, root) = folder();
    let one = AGREEMENT
        .replace("space = \"Floor 3\"\n", "dimension = \"digital\"\n")
        .replace("trial_until = 2026-10-31\n", "");
    write(&root, "loop/agreement.toml", &one);
    accord(&root)
        .args(["report"])
        .assert()
        .success()
        .stdout(contains(
            "  Adherence per dimension (2026-11-11): digital 56%\n    covers digital only",
        ));
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

/// The page a lead pastes into the team's channel, for the last check-in: read it in the
/// snapshot (tests/it/snapshots/it__report_loop__share_summary_of_a_check_in.snap).
#[test]
fn share_summary_of_a_check_in() {
    let (_tmp, root) = folder();
    let md = stdout(accord(&root).args([
        "report",
        "--team",
        "loop",
        "--checkin",
        "2026-11-11",
        "--format",
        "md",
    ]));
    // A withheld pulse says so and nothing more: not even how many answered.
    assert!(md.contains("**Pulse**\n\n- withheld\n"), "{md}");
    assert!(!md.contains("3 answers"), "{md}");
    insta::assert_snapshot!(md);
    // An earlier check-in's page shows the actions as they stood that day.
    let earlier =
        stdout(accord(&root).args(["report", "--team", "loop", "--checkin", "2026-10-21"]));
    assert!(
        earlier.contains(
            "    adjust Weekly demo [demo], decided 2026-09-30 · owner Ana Lima · due 2026-10-20 · not yet at 1 check-in · overdue\n"
        ),
        "{earlier}"
    );
    assert!(
        earlier.contains("  speak-up: 4.0 of 5 (5 answers) — Did you say so when you disagreed?\n"),
        "{earlier}"
    );
    assert!(
        earlier.contains("  Rui ran his first demo. [demo]\n"),
        "{earlier}"
    );
    assert!(
        earlier
            .ends_with("Next check-in: 2026-11-11, 21 days on, as long as the period reviewed.\n"),
        "{earlier}"
    );
}

#[test]
fn share_summary_of_an_unknown_day_lists_the_check_ins() {
    let (_tmp, root) = folder();
    accord(&root)
        .args([
            "report",
            "--team",
            "loop",
            "--checkin",
            "2026-11-12",
            "--format",
            "md",
        ])
        .assert()
        .code(2)
        .stderr(contains("loop has no check-in on 2026-11-12"))
        .stderr(contains("loop/checkins"))
        .stderr(contains(
            "its check-ins: 2026-09-30, 2026-10-21, 2026-11-11",
        ));
    accord(&root)
        .args(["report", "--checkin", "2026-11-11"])
        .assert()
        .code(2)
        .stderr(contains("--team"));
    accord(&root)
        .args([
            "report",
            "--team",
            "loop",
            "--checkin",
            "2026-11-11",
            "--format",
            "json",
        ])
        .assert()
        .code(2)
        .stderr(contains("Markdown or text"));
}

#[test]
fn share_summary_text_from_files_is_inert() {
    let (_tmp, root) = folder();
    let hostile = THIRD.replace(
        "Ines spoke first at the retro.",
        "Thanks @octocat <img src=x> [x](http://e) \u{202e}evil",
    );
    write(&root, "loop/checkins/2026-11-11.toml", &hostile);
    let md = stdout(accord(&root).args([
        "report",
        "--team",
        "loop",
        "--checkin",
        "2026-11-11",
        "--format",
        "md",
    ]));
    assert!(
        md.contains(r"Thanks @&#8203;octocat \<img src=x\> \[x\](http://e) \\u{202e}evil"),
        "{md}"
    );
    assert!(!md.contains('\u{202e}'), "{md}");
}
