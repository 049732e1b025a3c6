//! The semantic diff: one test per kind of change, and `accord diff` on real repositories.

use crate::support::{TestRepo, payments, replace};
use accord::diff::{AgreementDiff, ItemChange, MemberChange, PresenceChange, diff_agreements};
use accord::model::{Agreement, Weekday};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};

const FILE: &str = "agreements/payments/agreement.toml";

fn parse(text: &str) -> Agreement {
    toml::from_str(text).unwrap()
}

/// The diff from the payments example to the example with one edit.
fn edit(from: &str, to: &str) -> AgreementDiff {
    let old = payments();
    diff_agreements(&parse(&old), &parse(&replace(&old, from, to)))
}

fn only_fields(d: &AgreementDiff) -> Vec<(&str, Value, Value)> {
    d.agreement
        .iter()
        .map(|f| (f.field, f.old.clone(), f.new.clone()))
        .collect()
}

#[test]
fn identical_agreements_have_no_changes() {
    let d = diff_agreements(&parse(&payments()), &parse(&payments()));
    assert!(d.is_empty());
    assert_eq!(d.summary(), "no changes");
    assert_eq!(d.to_text(), "No changes.\n");
}

#[test]
fn version_status_and_review_date() {
    let d = edit(
        "version = 3\nstatus = \"active\"",
        "version = 4\nstatus = \"retired\"",
    );
    assert_eq!(
        only_fields(&d),
        vec![
            ("version", json!(3), json!(4)),
            ("status", json!("active"), json!("retired")),
        ]
    );
    assert_eq!(d.summary(), "v3 → v4; active → retired");
    let d = edit("review_by = 2026-12-15", "review_by = 2027-01-12");
    assert_eq!(
        only_fields(&d),
        vec![("review_by", json!("2026-12-15"), json!("2027-01-12"))]
    );
    assert_eq!(d.summary(), "review by 2027-01-12");
    assert!(d.to_text().contains("review by: 2026-12-15 → 2027-01-12"));
}

#[test]
fn presence_days_added_and_removed() {
    let d = edit("days = [\"tue\", \"thu\"]", "days = [\"mon\", \"tue\"]");
    assert_eq!(
        d.presence,
        Some(PresenceChange::Changed {
            days_added: vec![Weekday::Mon],
            days_removed: vec![Weekday::Thu],
            fields: vec![],
        })
    );
    assert_eq!(d.summary(), "presence: days +Mon −Thu");
    assert!(d.to_text().contains("days: + Monday, − Thursday"));
}

#[test]
fn core_hours_and_min_attendance() {
    let d = edit(
        "core_hours = { start = 10:00:00, end = 15:00:00 }\nmin_attendance = 0.8",
        "core_hours = { start = 09:30:00, end = 15:00:00 }\nmin_attendance = 0.6",
    );
    let Some(PresenceChange::Changed { fields, .. }) = &d.presence else {
        panic!("{d:?}")
    };
    let named: Vec<_> = fields
        .iter()
        .map(|f| (f.field, f.old.clone(), f.new.clone()))
        .collect();
    assert_eq!(
        named,
        vec![
            (
                "core_hours",
                json!({"start": "10:00:00", "end": "15:00:00"}),
                json!({"start": "09:30:00", "end": "15:00:00"})
            ),
            ("min_attendance", json!(0.8), json!(0.6)),
        ]
    );
    let text = d.to_text();
    assert!(
        text.contains("core hours: 10:00–15:00 → 09:30–15:00"),
        "{text}"
    );
    assert!(text.contains("min attendance: 80% → 60%"), "{text}");
}

#[test]
fn presence_section_added_and_removed() {
    let with = parse(&payments());
    let mut without = with.clone();
    without.presence = None;
    let d = diff_agreements(&without, &with);
    assert!(matches!(d.presence, Some(PresenceChange::Added { .. })));
    assert_eq!(d.summary(), "added presence days (Tue, Thu)");
    let d = diff_agreements(&with, &without);
    assert!(matches!(d.presence, Some(PresenceChange::Removed { .. })));
    assert_eq!(d.summary(), "removed presence days");
}

#[test]
fn a_ritual_added_removed_and_changed_field_by_field() {
    let old = parse(&payments());
    let mut new = old.clone();
    let mut coffee = new.rituals[0].clone();
    coffee.id = "coffee".parse().unwrap();
    coffee.name = "Coffee".into();
    new.rituals.push(coffee);
    new.rituals.retain(|r| r.id.as_str() != "retro");
    let demo = &mut new.rituals[0];
    demo.time = Some(accord::model::Time("14:00".parse().unwrap()));
    demo.day = Some("tue".parse().unwrap());
    demo.owner = None;
    let d = diff_agreements(&old, &new);
    let kinds: Vec<(&str, &str)> = d
        .rituals
        .iter()
        .map(|c| {
            let k = match c {
                ItemChange::Added { .. } => "added",
                ItemChange::Removed { .. } => "removed",
                ItemChange::Changed { .. } => "changed",
            };
            (k, c.id())
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("removed", "retro"),
            ("changed", "weekly-demo"),
            ("added", "coffee")
        ]
    );
    let ItemChange::Changed { fields, .. } = &d.rituals[1] else {
        unreachable!()
    };
    let f: Vec<_> = fields
        .iter()
        .map(|f| (f.field, f.old_text.clone(), f.new_text.clone()))
        .collect();
    assert_eq!(
        f,
        vec![
            ("day", Some("Thursday".into()), Some("Tuesday".into())),
            ("time", Some("15:00".into()), Some("14:00".into())),
            ("owner", Some("Lotte Peeters".into()), None),
        ]
    );
    assert_eq!(
        d.summary(),
        "added ritual coffee; removed ritual retro; changed ritual weekly-demo (day, time, owner)"
    );
    let text = d.to_text();
    assert!(
        text.contains("  − retro  Retrospective — every other Tuesday at 14:00"),
        "{text}"
    );
    assert!(text.contains("  ~ weekly-demo  Thursday demo\n      day: Thursday → Tuesday\n      time: 15:00 → 14:00\n      owner: Lotte Peeters → (removed)\n"), "{text}");
}

#[test]
fn every_ritual_field_is_compared() {
    for (from, to, field) in [
        ("name = \"Thursday demo\"", "name = \"Demo\"", "name"),
        (
            "purpose = \"Show what reached",
            "purpose = \"Show what left",
            "purpose",
        ),
        (
            "cadence = \"weekly\"\nday = \"thu\"\ntime = 15:00",
            "cadence = \"biweekly\"\nday = \"thu\"\ntime = 15:00",
            "cadence",
        ),
        (
            "duration_minutes = 30",
            "duration_minutes = 25",
            "duration_minutes",
        ),
        (
            "mode = \"hybrid\"\nowner = \"Lotte",
            "mode = \"remote\"\nowner = \"Lotte",
            "mode",
        ),
    ] {
        let d = edit(from, to);
        let ItemChange::Changed { fields, .. } = &d.rituals[0] else {
            panic!("{field}: {d:?}")
        };
        assert_eq!(
            fields.iter().map(|f| f.field).collect::<Vec<_>>(),
            vec![field]
        );
    }
}

#[test]
fn norms_added_removed_and_changed() {
    let old = parse(&payments());
    let mut new = old.clone();
    new.norms.remove(0);
    new.norms[0].text = "Juniors speak first on every decision.".into();
    new.norms[1].area = Some(accord::model::NormArea::Communication);
    new.norms[2].signal = None;
    let mut extra = new.norms[0].clone();
    extra.id = "focus-time".parse().unwrap();
    new.norms.push(extra);
    let d = diff_agreements(&old, &new);
    let changed: Vec<(&str, Vec<&str>)> = d
        .norms
        .iter()
        .filter_map(|c| match c {
            ItemChange::Changed { id, fields, .. } => {
                Some((id.as_str(), fields.iter().map(|f| f.field).collect()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        changed,
        vec![
            ("first-voice", vec!["text"]),
            ("decision-notes", vec!["area"]),
            ("together-work", vec!["signal"])
        ]
    );
    assert!(matches!(&d.norms[0], ItemChange::Removed { id, .. } if id == "own-device"));
    assert!(matches!(d.norms.last(), Some(ItemChange::Added { id, .. }) if id == "focus-time"));
}

#[test]
fn members_joined_left_and_changed() {
    let old = parse(&payments());
    let mut new = old.clone();
    new.members.retain(|m| m.name != "Jonas Wouters");
    new.members[0].role = Some("engineering manager".into());
    new.members[1].timezone = Some("Europe/Lisbon".parse().unwrap());
    let mut ana = new.members[0].clone();
    ana.name = "Ana Lima".into();
    ana.mode = Some(accord::model::WorkMode::Remote);
    new.members.push(ana);
    let d = diff_agreements(&old, &new);
    assert!(
        matches!(&d.members[0], MemberChange::Left { member } if member.name == "Jonas Wouters")
    );
    assert!(
        matches!(&d.members[1], MemberChange::Changed { name, fields } if name == "Sofie Claes" && fields[0].field == "role")
    );
    assert!(
        matches!(&d.members[2], MemberChange::Changed { name, fields } if name == "Mehdi Benali" && fields[0].field == "timezone")
    );
    assert!(matches!(&d.members[3], MemberChange::Joined { member } if member.name == "Ana Lima"));
    assert_eq!(
        d.summary(),
        "joined: Ana Lima; left: Jonas Wouters; member details: Sofie Claes, Mehdi Benali"
    );
    let md = d.to_markdown();
    assert!(
        md.contains("- **Joined:** Ana Lima (engineering manager, remote)"),
        "{md}"
    );
    assert!(
        md.contains("- **Left:** Jonas Wouters (QA engineer, on site)"),
        "{md}"
    );
}

#[test]
fn consent_added_changed_and_removed() {
    let old = parse(&payments());
    let mut new = old.clone();
    new.consent[0].agree = 6;
    new.consent[0].concerns = 0;
    let gone = new.consent.remove(1);
    let mut fresh = gone.clone();
    fresh.item = "focus-time".into();
    new.consent.push(fresh);
    let d = diff_agreements(&old, &new);
    let items: Vec<(&str, bool, bool)> = d
        .consent
        .iter()
        .map(|c| (c.item.as_str(), c.old.is_some(), c.new.is_some()))
        .collect();
    assert_eq!(
        items,
        vec![
            ("weekly-demo", true, false),
            ("presence", true, true),
            ("focus-time", false, true)
        ]
    );
    let md = d.to_markdown();
    assert!(
        md.contains(
            "- `presence`: 5 agree, 1 concern, 0 objections → 6 agree, 0 concerns, 0 objections\n"
        ),
        "{md}"
    );
    assert!(md.contains("- `focus-time`: none → 6 agree"), "{md}");
    assert!(
        md.contains("- `weekly-demo`: 6 agree, 0 concerns, 0 objections → none\n"),
        "{md}"
    );
}

#[test]
fn team_name_timezone_and_purpose() {
    let d = edit("team = \"Payments\"", "team = \"Payments & Billing\"");
    assert_eq!(d.summary(), "team name Payments → Payments & Billing");
    let d = edit(
        "timezone = \"Europe/Brussels\"",
        "timezone = \"Europe/Paris\"",
    );
    assert_eq!(
        only_fields(&d),
        vec![("timezone", json!("Europe/Brussels"), json!("Europe/Paris"))]
    );
    let d = edit("purpose = \"We work flexibly", "purpose = \"We work freely");
    assert_eq!(d.summary(), "purpose reworded");
    assert!(d.to_text().contains("purpose:\n    − We work flexibly"));
}

#[test]
fn markdown_has_no_raw_toml_and_escapes_text() {
    let d = edit(
        "text = \"Decisions made at a desk",
        "text = \"Decisions made at a <desk> | *now*",
    );
    let md = d.to_markdown();
    assert!(md.contains("**Norms**"), "{md}");
    assert!(md.contains("\\<desk\\> \\| \\*now\\*"), "{md}");
    assert!(!md.contains("[[norms]]") && !md.contains(" = \""), "{md}");
}

#[test]
fn json_carries_raw_values_and_the_summary() {
    let d = edit("time = 15:00", "time = 14:30");
    let j = d.to_json();
    assert_eq!(j["summary"], "changed ritual weekly-demo (time)");
    assert_eq!(j["rituals"][0]["change"], "changed");
    assert_eq!(j["rituals"][0]["id"], "weekly-demo");
    assert_eq!(
        j["rituals"][0]["fields"][0],
        json!({"field": "time", "old": "15:00:00", "new": "14:30:00"})
    );
    assert_eq!(j["old_version"], 3);
    assert!(j["presence"].is_null());
}

#[test]
fn a_new_agreement_lists_everything_as_added() {
    let d = AgreementDiff::created(&parse(&payments()));
    assert_eq!(
        d.summary(),
        "new agreement v3 (active): presence Tue, Thu, 4 rituals, 4 norms, 6 members"
    );
    assert!(d.to_text().starts_with("New agreement v3.\n"));
    assert!(!d.is_empty());
}

// ------------------------------------------------------------- accord diff on repositories

#[test]
fn diff_against_the_working_tree_and_between_revisions() {
    let r = TestRepo::with_payments();
    r.accord()
        .args(["diff", "payments"])
        .assert()
        .success()
        .stdout(
            "No changes to payments between HEAD (".to_string()
                + &r.head()[..7]
                + ") and the working tree.\n",
        );
    r.write(FILE, &replace(&payments(), "time = 15:00", "time = 14:00"));
    r.accord()
        .args(["diff", "payments"])
        .assert()
        .success()
        .stdout(contains("changed ritual weekly-demo (time)").and(contains("time: 15:00 → 14:00")));
    let first = r.head();
    r.commit_all("earlier demo");
    r.accord()
        .args(["diff", "payments", &first, "HEAD", "--format", "json"])
        .assert()
        .success()
        .stdout(contains("\"changed\": true").and(contains(format!("\"commit\": \"{first}\""))));
    r.accord()
        .args(["diff", "payments", "HEAD", "HEAD"])
        .assert()
        .success()
        .stdout(contains("No changes"));
}

#[test]
fn a_formatting_only_change_is_no_change_to_the_agreement() {
    let r = TestRepo::with_payments();
    r.write(FILE, &format!("# Our agreement.\n{}", payments()));
    r.accord()
        .args(["diff", "payments"])
        .assert()
        .success()
        .stdout(contains("only formatting or comments differ"));
}

#[test]
fn diff_all_reports_every_changed_team_for_a_pull_request() {
    let r = TestRepo::with_payments();
    r.write(
        "agreements/atlas/agreement.toml",
        &replace(&payments(), "team = \"Payments\"", "team = \"Atlas\""),
    );
    r.write(
        "agreements/quiet/agreement.toml",
        &replace(&payments(), "team = \"Payments\"", "team = \"Quiet\""),
    );
    let base = r.commit_all("more teams");
    r.git(&["checkout", "-q", "-b", "change"]);
    r.write(
        FILE,
        &replace(
            &payments(),
            "days = [\"tue\", \"thu\"]",
            "days = [\"tue\", \"wed\", \"thu\"]",
        ),
    );
    r.write(
        "agreements/payments/checkins/2026-11-17.toml",
        "schema = 1\n",
    );
    r.git(&["rm", "-q", "-r", "agreements/atlas"]);
    r.commit_all("payments: add Wednesday");
    let md = r
        .accord()
        .args(["diff", "--all", "main", "HEAD", "--format", "md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.starts_with("<!-- accord-diff -->\n## Team agreement changes\n"),
        "{md}"
    );
    assert!(
        md.contains(&format!("`main` ({}) → `HEAD`", &base[..7])),
        "{md}"
    );
    assert!(md.contains("2 teams changed"), "{md}");
    assert!(
        md.contains("### atlas — Atlas\n\nAgreement v3 removed."),
        "{md}"
    );
    assert!(
        md.contains("### payments — Payments\n\n**Presence**\n\n- days: + Wednesday\n"),
        "{md}"
    );
    assert!(md.contains("**Check-ins:** added 2026-11-17"), "{md}");
    assert!(!md.contains("quiet"), "unchanged teams are left out: {md}");
    let json = r
        .accord()
        .args(["diff", "--all", "main", "HEAD", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc["teams"][0]["team"], "atlas");
    assert_eq!(doc["teams"][0]["status"], "removed");
    assert_eq!(doc["teams"][1]["status"], "changed");
    assert_eq!(doc["teams"][1]["checkins"]["added"], json!(["2026-11-17"]));
    r.accord()
        .args(["diff", "--all", "HEAD", "HEAD"])
        .assert()
        .success()
        .stdout(contains("No agreement changes"));
}

#[test]
fn diff_all_sees_a_renamed_team_folder() {
    let r = TestRepo::with_payments();
    r.git(&["mv", "agreements/payments", "agreements/payments-team"]);
    r.commit_all("rename");
    r.accord()
        .args(["diff", "--all", "HEAD~1", "HEAD"])
        .assert()
        .success()
        .stdout(
            contains("== payments-team — Payments (renamed)")
                .and(contains("Renamed from payments.")),
        );
}

#[test]
fn a_shallow_clone_missing_the_base_says_to_fetch_more() {
    let r = TestRepo::with_payments();
    let first = r.head();
    r.write(FILE, &replace(&payments(), "time = 15:00", "time = 14:00"));
    r.commit_all("two");
    r.write(FILE, &replace(&payments(), "time = 15:00", "time = 13:00"));
    r.commit_all("three");
    let dir = tempfile::tempdir().unwrap();
    let url = format!("file://{}", r.path().display());
    let ok = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "c"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(ok.success());
    let run = |args: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("accord").unwrap();
        c.current_dir(dir.path().join("c"))
            .env("ACCORD_TODAY", crate::support::TODAY)
            .args(args);
        c.assert()
            .code(2)
            .stdout(
                contains("No changes")
                    .not()
                    .and(contains("No agreement changes").not()),
            )
            .stderr(contains("shallow").and(contains("git fetch --unshallow")));
    };
    run(&["diff", "payments", "HEAD~1", "HEAD"]);
    run(&["diff", "--all", &first, "HEAD"]);
}

/// Reviewers see the pulse change too: questions added, removed and reworded, and the
/// groupings, in the text and Markdown diffs, the summary and the JSON.
#[test]
fn questions_and_groupings_added_removed_and_changed() {
    let old = parse(&payments());
    let mut new = old.clone();
    let q = |id: &str, text: &str| accord::model::Question {
        id: id.parse().unwrap(),
        text: text.into(),
        low: Some("never".into()),
        high: Some("always".into()),
        about: None,
    };
    let mut old2 = old.clone();
    old2.questions = vec![
        q("speak-up", "Did you say so?"),
        q("credit", "Were you credited?"),
    ];
    new.questions = vec![
        q("speak-up", "When you disagreed, did you say so?"),
        q("context", "Did you have the context?"),
    ];
    new.pulse = Some(accord::model::PulseSettings {
        groupings: vec![accord::model::Grouping::Mode],
    });
    let d = diff_agreements(&old2, &new);
    let kinds: Vec<String> = d
        .questions
        .iter()
        .map(|c| match c {
            ItemChange::Added { id, .. } => format!("+{id}"),
            ItemChange::Removed { id, .. } => format!("-{id}"),
            ItemChange::Changed { id, fields, .. } => {
                format!(
                    "~{id}:{}",
                    fields.iter().map(|f| f.field).collect::<Vec<_>>().join(",")
                )
            }
        })
        .collect();
    assert_eq!(kinds, ["-credit", "~speak-up:text", "+context"]);
    assert_eq!(
        only_fields(&d),
        vec![("groupings", Value::Null, json!(["mode"]))]
    );
    let text = d.to_text();
    assert!(text.contains("Pulse questions"), "{text}");
    assert!(text.contains("Did you have the context?"), "{text}");
    assert!(d.to_markdown().contains("**Pulse questions**"));
    assert!(d.summary().contains("question"), "{}", d.summary());
    assert_eq!(d.to_json()["questions"].as_array().unwrap().len(), 3);
    assert!(diff_agreements(&new, &new).is_empty());
}

/// 50 changed teams: the pull-request comment stays under GitHub's 65,536 characters and
/// keeps every team's heading and one-line summary; `--full` has everything.
#[test]
fn the_pull_request_comment_fits_github_for_50_changed_teams() {
    let r = TestRepo::with_payments();
    let team = |i: usize| format!("agreements/team-{i:02}/agreement.toml");
    let named = |i: usize| {
        replace(
            &payments(),
            "team = \"Payments\"",
            &format!("team = \"Team {i:02}\""),
        )
    };
    for i in 0..10 {
        r.write(&team(i), &named(i));
    }
    r.commit_all("10 teams");
    r.git(&["checkout", "-q", "-b", "many"]);
    for i in 0..10 {
        let days = "days = [\"tue\", \"wed\", \"thu\"]";
        r.write(
            &team(i),
            &replace(&named(i), "days = [\"tue\", \"thu\"]", days),
        );
    }
    for i in 10..50 {
        r.write(&team(i), &named(i));
    }
    r.commit_all("50 teams changed");
    let md = |extra: &[&str]| {
        let out = r
            .accord()
            .args(["diff", "--all", "main", "HEAD", "--format", "md"])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let comment = md(&[]);
    let full = md(&["--full"]);
    let chars = |s: &str| s.chars().count();
    assert!(
        chars(&full) > 65_536,
        "the test needs a diff too long for a comment"
    );
    assert!(chars(&comment) <= 60_000, "{} characters", chars(&comment));
    assert!(comment.starts_with("<!-- accord-diff -->\n## Team agreement changes\n"));
    assert!(comment.contains("50 teams changed."), "{comment}");
    assert!(
        comment.contains(&format!("the full diff is {} characters", chars(&full))),
        "{comment}"
    );
    assert!(
        comment.contains("--full"),
        "says how to get the rest: {comment}"
    );
    for i in 0..50 {
        let heading = format!("### team-{i:02} — Team {i:02}\n\n");
        assert!(comment.contains(&heading), "{heading} in {comment}");
        assert!(full.contains(&heading), "{heading}");
    }
    assert!(
        comment.contains("### team-00 — Team 00\n\npresence: days +Wed\n"),
        "{comment}"
    );
    assert!(comment.contains("new agreement v3 (active): presence Tue, Thu, 4 rituals"));
    assert!(
        !comment.contains("**Rituals**"),
        "details are left out: {comment}"
    );
    // The full diff holds every detail, and a limit above its size changes nothing.
    assert!(full.contains("### team-00 — Team 00\n\n**Presence**\n\n- days: + Wednesday\n"));
    assert_eq!(full.matches("**Rituals**").count(), 40);
    assert_eq!(md(&["--max-chars", "1000000"]), full);
    // Too small even for the headings: as many as fit, then how many are left out.
    let tiny = md(&["--max-chars", "1000"]);
    assert!(chars(&tiny) <= 1000, "{tiny}");
    assert!(tiny.contains("### team-00 — Team 00"), "{tiny}");
    assert!(tiny.contains(" more: see the job summary.*"), "{tiny}");
}

#[test]
fn the_size_flags_apply_only_to_the_markdown_comment() {
    let r = TestRepo::with_payments();
    r.accord()
        .args(["diff", "payments", "--full"])
        .assert()
        .code(2)
        .stderr(contains("--full only applies to `diff --all --format md`"));
    r.accord()
        .args(["diff", "--all", "--max-chars", "5000"])
        .assert()
        .code(2)
        .stderr(contains("--max-chars only applies"));
    r.accord()
        .args(["diff", "--all", "--format", "md", "--max-chars", "10"])
        .assert()
        .code(2)
        .stderr(contains("1000"));
}
