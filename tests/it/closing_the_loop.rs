//! The closing-the-loop rules of `accord validate` (#14), on real files: a copy of the bundled
//! examples, changed one fault at a time, checked by the built binary.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn accord(dir: &Path, today: &str) -> Command {
    let mut cmd = Command::cargo_bin("accord").unwrap();
    cmd.current_dir(dir)
        .env("ACCORD_TODAY", today)
        .env_remove("ACCORD_DIR");
    cmd
}

/// `accord validate --format json` of the folder: (exit code, diagnostics).
fn validate(root: &Path, today: &str) -> (i32, Vec<Value>) {
    let out = accord(root.parent().unwrap(), today)
        .args(["validate", "agreements", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stdout));
    });
    (
        out.status.code().unwrap(),
        v["diagnostics"].as_array().unwrap().clone(),
    )
}

fn with_code<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line and column where `needle` starts in the file.
fn at(root: &Path, rel: &str, needle: &str) -> (u64, u64) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{rel}: no {needle:?}"));
    let line = text[..i].matches('\n').count() + 1;
    let col = i - text[..i].rfind('\n').map_or(0, |n| n + 1) + 1;
    (line as u64, col as u64)
}

fn place(d: &Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

const LATE: &str = "payments/checkins/2026-11-17.toml";
const EARLY: &str = "payments/checkins/2026-11-03.toml";

#[test]
fn the_bundled_loop_validates_with_its_due_trial_as_the_only_new_warning() {
    let (_tmp, root) = crate::common::examples();
    let (code, diags) = validate(&root, "2026-11-22");
    assert_eq!(code, 0, "{diags:#?}");
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["review-overdue"]);
    // After the trial's date, with no check-in since: validate asks for the decision.
    let (code, diags) = validate(&root, "2026-12-02");
    assert_eq!(code, 0);
    let trial = with_code(&diags, "trial-undecided");
    assert_eq!(trial.len(), 1, "{diags:#?}");
    assert_eq!(trial[0]["path"], "agreements/payments/agreement.toml");
    assert_eq!(
        place(trial[0]),
        at(&root, "payments/agreement.toml", "2026-11-30")
    );
    assert!(
        trial[0]["message"]
            .as_str()
            .unwrap()
            .contains("\"belonging-check-in\" was on trial until 2026-11-30")
    );
}

#[test]
fn a_trial_is_decided_by_a_check_in_on_or_after_its_date() {
    let (_tmp, root) = crate::common::examples();
    let next = std::fs::read_to_string(root.join(LATE))
        .unwrap()
        .replace("date = 2026-11-17", "date = 2026-12-01")
        .replace("from = 2026-11-03", "from = 2026-11-17")
        .replace("to = 2026-11-16", "to = 2026-11-30");
    // A check-in after the date without a decision on the item does not settle it...
    let undecided = next.split("[[followups]]").next().unwrap().to_string();
    crate::common::write(&root, "payments/checkins/2026-12-01.toml", &undecided);
    let (_, diags) = validate(&root, "2026-12-02");
    assert_eq!(with_code(&diags, "trial-undecided").len(), 1);
    // ...a keep / adjust / drop on it does.
    let decided = format!(
        "{undecided}\n[[actions]]\nitem = \"belonging-check-in\"\ndecision = \"keep\"\nnote = \"Keep it monthly.\"\n"
    );
    crate::common::write(&root, "payments/checkins/2026-12-01.toml", &decided);
    let (_, diags) = validate(&root, "2026-12-02");
    assert_eq!(with_code(&diags, "trial-undecided"), Vec::<&Value>::new());
}

#[test]
fn an_action_owner_must_be_a_member() {
    let (_tmp, root) = crate::common::examples();
    edit(
        &root,
        EARLY,
        "owner = \"Mehdi Benali\"",
        "owner = \"Mehdi Benalli\"",
    );
    let (code, diags) = validate(&root, "2026-11-22");
    assert_eq!(code, 1);
    let e = with_code(&diags, "owner-not-member");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(e[0]["severity"], "error");
    assert_eq!(e[0]["path"], format!("agreements/{EARLY}"));
    assert_eq!(place(e[0]), at(&root, EARLY, "\"Mehdi Benalli\""));
    assert_eq!(e[0]["hint"], "did you mean \"Mehdi Benali\"?");
}

#[test]
fn a_followup_names_an_action_of_an_earlier_check_in() {
    let (_tmp, root) = crate::common::examples();
    edit(
        &root,
        LATE,
        "action = \"2026-11-03/together-work\"",
        "action = \"2026-11-04/together-work\"",
    );
    let (code, diags) = validate(&root, "2026-11-22");
    assert_eq!(code, 1);
    let e = with_code(&diags, "unknown-action");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(place(e[0]), at(&root, LATE, "\"2026-11-04/together-work\""));
    assert_eq!(
        e[0]["message"],
        "follow-up of 2026-11-04/together-work, which is not an action of an earlier check-in of this team"
    );
    // The hint lists the open actions: those of earlier check-ins no follow-up closed.
    let hint = e[0]["hint"].as_str().unwrap();
    assert!(
        hint.starts_with("did you mean \"2026-11-03/together-work\"? open actions: "),
        "{hint}"
    );
    for open in [
        "2026-09-22/",
        "2026-11-03/decision-notes",
        "2026-11-03/team-lunch",
    ] {
        assert!(hint.contains(open), "{open} in {hint}");
    }
}

#[test]
fn a_followup_of_a_later_or_same_day_action_is_refused() {
    let (_tmp, root) = crate::common::examples();
    edit(
        &root,
        LATE,
        "action = \"2026-11-03/team-lunch\"",
        "action = \"2026-11-17/team-lunch\"",
    );
    let (_, diags) = validate(&root, "2026-11-22");
    let e = with_code(&diags, "unknown-action");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(
        e[0]["message"],
        "follow-up of 2026-11-17/team-lunch, which is not before this check-in"
    );
}

#[test]
fn a_followup_is_never_done_and_dropped() {
    let (_tmp, root) = crate::common::examples();
    edit(
        &root,
        LATE,
        "action = \"2026-11-03/decision-notes\"\ndone = true\n",
        "action = \"2026-11-03/decision-notes\"\ndone = true\ndropped = true\n",
    );
    let (code, diags) = validate(&root, "2026-11-22");
    assert_eq!(code, 1);
    let e = with_code(&diags, "followup-state");
    assert_eq!(e.len(), 1, "{diags:#?}");
    // At the `dropped` value: the line after `done = true`.
    assert_eq!(place(e[0]), at(&root, LATE, "true\nnote = \"The reminder"));
}

#[test]
fn a_win_names_an_item_of_the_agreement_and_says_what_happened() {
    let (_tmp, root) = crate::common::examples();
    edit(
        &root,
        LATE,
        "item = \"first-voice\"",
        "item = \"first-voise\"",
    );
    edit(
        &root,
        LATE,
        "text = \"Piotr ran the Thursday demo from Warsaw on his own screen and rang the release bell for the first time.\"",
        "text = \"  \"",
    );
    let (code, diags) = validate(&root, "2026-11-22");
    assert_eq!(code, 1);
    let e = with_code(&diags, "unknown-item");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(place(e[0]), at(&root, LATE, "\"first-voise\""));
    assert_eq!(e[0]["hint"], "did you mean \"first-voice\"?");
    let blank = with_code(&diags, "win-text");
    assert_eq!(blank.len(), 1, "{diags:#?}");
    assert_eq!(place(blank[0]), at(&root, LATE, "\"  \""));
}

#[test]
fn an_active_agreement_covering_one_dimension_is_warned_about() {
    let (_tmp, root) = crate::common::examples();
    let team = "solo/agreement.toml";
    crate::common::write(
        &root,
        team,
        // Presence without a space, a ritual without a mode, a norm without an area.
        &crate::common::agreement("Solo", &[("Ana", "hybrid")]),
    );
    let (_, diags) = validate(&root, "2026-11-22");
    let w = with_code(&diags, "one-dimension");
    assert_eq!(w.len(), 1, "{diags:#?}");
    assert_eq!(w[0]["path"], "agreements/solo/agreement.toml");
    assert_eq!(
        w[0]["message"],
        "every item of this agreement is about ways of working: place and digital are not covered"
    );
    assert_eq!(place(w[0]), at(&root, team, "\"active\""));
    // One item in another dimension is enough.
    edit(
        &root,
        team,
        "text = \"A norm.\"\n",
        "text = \"A norm.\"\ndimension = \"digital\"\n",
    );
    let (_, diags) = validate(&root, "2026-11-22");
    assert_eq!(with_code(&diags, "one-dimension"), Vec::<&Value>::new());
}

/// The example: a 10:00 Lisbon ritual is 05:00 in Toronto.
#[test]
fn rituals_and_core_hours_outside_a_members_working_day_are_warned_about() {
    let (_tmp, root) = crate::common::examples();
    let team = "spread/agreement.toml";
    let text = "schema = 1\nteam = \"Spread\"\nversion = 1\nstatus = \"draft\"\ntimezone = \"Europe/Lisbon\"\n\n[[members]]\nname = \"Ana\"\ntimezone = \"Europe/Lisbon\"\n\n[[members]]\nname = \"Rui\"\ntimezone = \"America/Toronto\"\n\n[presence]\ndays = [\"tue\"]\ncore_hours = { start = 10:00:00, end = 15:00:00 }\n\n[[rituals]]\nid = \"weekly-demo\"\nname = \"Weekly demo\"\ncadence = \"weekly\"\nday = \"thu\"\ntime = 10:00:00\nmode = \"remote\"\n";
    crate::common::write(&root, team, text);
    let (code, diags) = validate(&root, "2026-11-22");
    assert_eq!(code, 0, "warnings only");
    let w = with_code(&diags, "outside-working-hours");
    let messages: Vec<&str> = w.iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert_eq!(
        messages,
        [
            "Core hours at 10:00–15:00 Europe/Lisbon are 05:00–10:00 for Rui in America/Toronto, outside their working hours (08:00–18:00)",
            "Weekly demo at 10:00 Europe/Lisbon is 05:00 for Rui in America/Toronto, outside their working hours (08:00–18:00)",
        ]
    );
    assert_eq!(place(w[0]), at(&root, team, "{ start = 10:00:00"));
    assert_eq!(place(w[1]), at(&root, team, "10:00:00\nmode"));
    assert!(
        w[1]["hint"]
            .as_str()
            .unwrap()
            .contains("give Rui their own working_hours")
    );
    // Rui's own hours settle it; hours that start and end together are refused.
    edit(
        &root,
        team,
        "timezone = \"America/Toronto\"\n",
        "timezone = \"America/Toronto\"\nworking_hours = { start = 05:00:00, end = 13:00:00 }\n",
    );
    let (_, diags) = validate(&root, "2026-11-22");
    assert_eq!(
        with_code(&diags, "outside-working-hours"),
        Vec::<&Value>::new()
    );
    edit(&root, team, "end = 13:00:00", "end = 05:00:00");
    let (code, diags) = validate(&root, "2026-11-22");
    assert_eq!(code, 1);
    assert_eq!(with_code(&diags, "working-hours").len(), 1, "{diags:#?}");
}

#[test]
fn the_week_marks_what_falls_outside_a_members_working_day() {
    let (_tmp, root) = crate::common::examples();
    let text = "schema = 1\nteam = \"Spread\"\nversion = 1\nstatus = \"draft\"\ntimezone = \"Europe/Lisbon\"\n\n[[members]]\nname = \"Rui\"\ntimezone = \"America/Toronto\"\n\n[[rituals]]\nid = \"weekly-demo\"\nname = \"Weekly demo\"\ncadence = \"weekly\"\nday = \"thu\"\ntime = 10:00:00\nduration_minutes = 30\nmode = \"remote\"\n\n[[rituals]]\nid = \"retro\"\nname = \"Retro\"\ncadence = \"weekly\"\nday = \"fri\"\ntime = 15:00:00\n";
    crate::common::write(&root, "spread/agreement.toml", text);
    let out = accord(root.parent().unwrap(), "2026-11-22")
        .args(["week", "spread", "--date", "2026-11-26"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let demo = stdout.lines().find(|l| l.contains("Weekly demo")).unwrap();
    assert!(
        demo.ends_with("outside working hours: Rui 05:00"),
        "{stdout}"
    );
    let retro = stdout.lines().find(|l| l.contains("Retro")).unwrap();
    assert!(!retro.contains("outside"), "{stdout}");
}

#[test]
fn every_preset_made_with_accord_new_validates_and_passes_taplo() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(
        accord(dir, "2026-12-02")
            .arg("init")
            .output()
            .unwrap()
            .status
            .success()
    );
    for p in [
        "small-team",
        "hybrid",
        "remote-first",
        "frontline",
        "large-org",
    ] {
        let out = accord(dir, "2026-12-02")
            .args([
                "new",
                &format!("demo-{p}"),
                "--preset",
                p,
                "--no-interactive",
                "--no-commit",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{p}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(dir.join(format!("agreements/demo-{p}/agreement.toml")))
            .unwrap();
        // Its trials run 30 days from the day it was made.
        assert!(text.contains("trial_until = 2027-01-01\n"), "{p}:\n{text}");
    }
    let (code, diags) = validate(&dir.join("agreements"), "2026-12-02");
    assert_eq!((code, diags), (0, vec![]));
    if crate::support::tool_present("taplo", &["--version"], "pip install taplo") {
        let schema =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schema/agreement.schema.json");
        let out = std::process::Command::new("taplo")
            .current_dir(dir)
            .args(["check", "--schema", &format!("file://{}", schema.display())])
            .args(
                [
                    "small-team",
                    "hybrid",
                    "remote-first",
                    "frontline",
                    "large-org",
                ]
                .map(|p| format!("agreements/demo-{p}/agreement.toml")),
            )
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
