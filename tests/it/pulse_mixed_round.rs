//! The finish line, end to end: a team of 6 with 3 behaviour questions and the `mode`
//! grouping runs a mixed round — 3 answers in the room, 2 by tally, 1 from an anonymous form
//! export — and the file holds exactly what DESIGN.md allows, the report shows per-question
//! means, trends and a subgroup gap only where both sides reach the threshold, and nothing
//! withheld is in `git log -p` or the data folder.

use std::path::Path;

use crate::support::{TestRepo, walk};
use accord::checkin::{PeriodChoice, Session};
use accord::git::{Repo, message};
use accord::model::{CheckIn, Grouping};
use accord::pulse::Answer;
use accord::store::Workspace;
use accord::store::drafts::Drafts;

const QUESTIONS: [(&str, &str); 3] = [
    (
        "speak-up",
        "In the last two weeks, did you say so when you disagreed?",
    ),
    ("credit", "Was your work credited to you?"),
    ("context", "Did you have the context you needed to decide?"),
];

fn agreement() -> String {
    let mut s = "schema = 1\nteam = \"Payments\"\nversion = 1\nstatus = \"active\"\nadopted = 2026-09-01\nreview_by = 2027-03-01\n".to_string();
    for (i, mode) in ["onsite", "remote", "hybrid", "remote", "onsite", "remote"]
        .iter()
        .enumerate()
    {
        s.push_str(&format!(
            "\n[[members]]\nname = \"Person {i}\"\nmode = \"{mode}\"\n"
        ));
    }
    s.push_str("\n[presence]\ndays = [\"tue\"]\n\n[[rituals]]\nid = \"demo\"\nname = \"Demo\"\ncadence = \"weekly\"\nday = \"thu\"\n");
    for (id, text) in QUESTIONS {
        s.push_str(&format!("\n[[questions]]\nid = \"{id}\"\ntext = \"{text}\"\nlow = \"never\"\nhigh = \"always\"\n"));
    }
    s.push_str("\n[pulse]\ngroupings = [\"mode\"]\n");
    s
}

fn setup(min: u32) -> (TestRepo, tempfile::TempDir) {
    let r = TestRepo::new();
    r.write(
        "agreements/accord.toml",
        &format!("schema = 1\n\n[privacy]\nmin_responses = {min}\n"),
    );
    r.write("agreements/payments/agreement.toml", &agreement());
    r.commit_all("payments: adopt agreement v1");
    (r, tempfile::tempdir().unwrap())
}

fn accord(r: &TestRepo, data: &Path, today: &str, args: &[&str]) -> (i32, String) {
    let out = r
        .accord()
        .env("ACCORD_TODAY", today)
        .env("ACCORD_DATA_DIR", data)
        .args(["--dir", "agreements"])
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn answer(scores: [u8; 3], comment: &str, mode: Option<&'static str>) -> Answer {
    Answer {
        scores: scores.to_vec(),
        comment: comment.into(),
        groups: mode.map(|m| (Grouping::Mode, m)).into_iter().collect(),
    }
}

/// The room's part, through the session the app drives: the round opens with the answers
/// from outside waiting, takes the room's answers, closes, saves and commits.
fn room(r: &TestRepo, data: &Path, today: &str, answers: &[Answer]) -> (u32, CheckIn) {
    let root = r.file("agreements");
    let ws = Workspace::new(&root);
    let drafts = Drafts::new(data, &root);
    let mut s = Session::start(
        &ws,
        "payments",
        Some(&drafts),
        today.parse().unwrap(),
        PeriodChoice::default(),
    )
    .unwrap();
    let waiting = s.outside_answers();
    let round = s.open_pulse().unwrap();
    for a in answers {
        round.answer(a).unwrap();
    }
    s.close_pulse();
    let path = s.save(&ws, Some(&drafts)).unwrap();
    Repo::discover(&path)
        .unwrap()
        .commit(
            std::slice::from_ref(&path),
            &message::checkin("payments", s.checkin(), s.parked()),
        )
        .unwrap();
    (
        waiting,
        toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap(),
    )
}

const FORM: &str = "Timestamp,\"In the last two weeks, did you say so when you disagreed?\",Was your work credited to you?,Did you have the context you needed to decide?,\"Where do you work from, mostly?\",Anything else?\n2026/11/30 9:14:02 AM GMT+1,2,4,3,Remote,Remote planning is hard to follow.\n";

#[test]
fn a_mixed_round_keeps_exactly_what_design_allows() {
    let (r, data) = setup(5);
    // An earlier check-in whose pulse was withheld (3 answers): nothing of it may survive.
    let secret = [
        answer([1, 1, 2], "zqearlier-one", Some("remote")),
        answer([2, 1, 1], "zqearlier-two", None),
        answer([1, 2, 1], "zqearlier-three", Some("onsite")),
    ];
    let (_, first) = room(&r, data.path(), "2026-11-16", &secret);
    assert!(first.pulse.unwrap().withheld);

    // One answer from an anonymous form export, two by tally, three in the room.
    let csv = r.file("form.csv");
    std::fs::write(&csv, FORM).unwrap();
    let (code, out) = accord(
        &r,
        data.path(),
        "2026-11-30",
        &[
            "pulse",
            "import",
            "payments",
            "form.csv",
            "--column",
            "mode=Where do you work from, mostly?",
            "--column",
            "comment=Anything else?",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Delete form.csv now"),
        "the reminder to delete the export:\n{out}"
    );
    let (code, out) = accord(
        &r,
        data.path(),
        "2026-11-30",
        &[
            "checkin",
            "payments",
            "--tally",
            "speak-up=0,0,1,1,0",
            "--tally",
            "credit=0,0,0,1,1",
            "--tally",
            "context=0,1,0,1,0",
        ],
    );
    assert_eq!(code, 0, "{out}");
    std::fs::remove_file(&csv).unwrap();
    let (waiting, c) = room(
        &r,
        data.path(),
        "2026-11-30",
        &[
            answer([5, 5, 4], "Demo days are the best.", Some("onsite")),
            answer([3, 4, 4], "", Some("remote")),
            answer([4, 3, 5], "", None),
        ],
    );
    assert_eq!(waiting, 3, "the import and the tally waited for the round");

    // The file: threshold, count, each question's six scores sorted, the comments sorted, and
    // no subgroup (remote has 3 answers and the rest 3: neither side reaches 5).
    let p = c.pulse.unwrap();
    assert_eq!(
        (p.min_responses, p.count, p.withheld),
        (Some(5), Some(6), false)
    );
    let scores: Vec<(&str, Vec<u8>)> = p
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.scores.clone()))
        .collect();
    assert_eq!(
        scores,
        [
            ("speak-up", vec![2, 3, 3, 4, 4, 5]),
            ("credit", vec![3, 4, 4, 4, 5, 5]),
            ("context", vec![2, 3, 4, 4, 4, 5]),
        ]
    );
    assert_eq!(
        p.comments,
        [
            "Demo days are the best.",
            "Remote planning is hard to follow."
        ]
    );
    assert!(p.groups.is_empty() && p.scores.is_empty());

    // The report: per-question means, their trend (withheld, then shown), no gap.
    let (code, out) = accord(
        &r,
        data.path(),
        "2026-11-30",
        &["report", "--format", "json"],
    );
    assert_eq!(code, 0, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let team = &doc["teams"][0];
    let latest = &team["checkins"][1]["pulse"];
    assert_eq!(latest["questions"][0]["id"], "speak-up");
    assert!((latest["questions"][0]["mean"].as_f64().unwrap() - 21.0 / 6.0).abs() < 1e-9);
    assert_eq!(latest["groups"], serde_json::json!([]));
    assert_eq!(
        team["checkins"][0]["pulse"],
        serde_json::json!({"count": 3, "mean": null, "withheld": true})
    );
    assert_eq!(team["questions"][1]["id"], "credit");
    assert_eq!(
        team["questions"][1]["trend"][0]["mean"],
        serde_json::Value::Null
    );
    assert!((team["questions"][1]["trend"][1]["mean"].as_f64().unwrap() - 25.0 / 6.0).abs() < 1e-9);
    let (_, text) = accord(&r, data.path(), "2026-11-30", &["report"]);
    assert!(text.contains("Pulse per question (mean 1–5):"), "{text}");
    assert!(text.contains("speak-up") && text.contains("3.5"), "{text}");
    assert!(!text.contains(" vs rest "), "{text}");
    let (code, out) = accord(&r, data.path(), "2026-11-30", &["validate"]);
    assert_eq!(code, 0, "{out}");

    // Nothing withheld anywhere: not in the history, not in the data folder.
    let log = r.git(&["log", "-p", "--all"]);
    for s in &secret {
        assert!(
            !log.contains(s.comment.as_str()),
            "{} is in git log -p",
            s.comment
        );
    }
    for f in walk(data.path()) {
        let t = std::fs::read_to_string(&f).unwrap_or_default();
        assert!(
            !t.contains("zqearlier"),
            "{} holds a withheld comment",
            f.display()
        );
    }
    assert!(
        walk(data.path()).is_empty(),
        "a saved check-in leaves no draft"
    );
}

/// With a threshold of 3, the same team's remote answers (3) and the rest (3) both reach it:
/// the gap is written and reported.
#[test]
fn a_subgroup_gap_where_both_sides_reach_the_threshold() {
    let (r, data) = setup(3);
    let (_, c) = room(
        &r,
        data.path(),
        "2026-11-30",
        &[
            answer([2, 3, 3], "", Some("remote")),
            answer([3, 3, 2], "", Some("remote")),
            answer([2, 4, 3], "", Some("remote")),
            answer([5, 4, 4], "", Some("onsite")),
            answer([4, 5, 5], "", None),
            answer([5, 4, 4], "", Some("hybrid")),
        ],
    );
    let p = c.pulse.unwrap();
    assert_eq!(p.groups.len(), 1, "onsite and hybrid have one answer each");
    assert_eq!(
        (p.groups[0].value.as_str(), p.groups[0].count),
        ("remote", 3)
    );
    let (_, text) = accord(&r, data.path(), "2026-11-30", &["report"]);
    assert!(text.contains("mode: remote 2.3 vs rest 4.7"), "{text}");
}
