//! The pulse keeps its promise in the data: a withheld pulse leaves nothing of its answers in
//! the check-in file, the draft, the commit or any output; totals and thresholds reveal
//! nothing by subtraction; a committed pulse is final. Real files, real git, the built binary.

use std::path::{Path, PathBuf};

use crate::support::{TestRepo, walk};
use accord::checkin::{PeriodChoice, Session};
use accord::git::{Repo, message};
use accord::model::CheckIn;
use accord::pulse::Answer;
use accord::store::Workspace;
use accord::store::drafts::{DraftKind, Drafts};
use proptest::prelude::*;

/// An active agreement of `members` people (modes cycling onsite, hybrid, remote), three
/// behaviour questions and the mode grouping.
fn agreement(team: &str, members: usize) -> String {
    let mut s = format!(
        "schema = 1\nteam = \"{team}\"\nversion = 1\nstatus = \"active\"\nadopted = 2026-09-01\nreview_by = 2027-03-01\n"
    );
    for i in 0..members {
        let mode = ["onsite", "hybrid", "remote"][i % 3];
        s.push_str(&format!(
            "\n[[members]]\nname = \"Person {i}\"\nmode = \"{mode}\"\n"
        ));
    }
    s.push_str("\n[presence]\ndays = [\"tue\"]\n\n[[rituals]]\nid = \"demo\"\nname = \"Demo\"\ncadence = \"weekly\"\nday = \"thu\"\n");
    for (id, text) in [
        ("speak-up", "Did you say so when you disagreed?"),
        ("credit", "Was your work credited to you?"),
        ("context", "Did you have the context you needed?"),
    ] {
        s.push_str(&format!(
            "\n[[questions]]\nid = \"{id}\"\ntext = \"{text}\"\nlow = \"never\"\nhigh = \"always\"\n"
        ));
    }
    s.push_str("\n[pulse]\ngroupings = [\"mode\"]\n");
    s
}

/// A repository with teams of `members` each and a privacy threshold of `min`, committed.
fn repo(teams: &[(&str, usize)], min: u32) -> TestRepo {
    let r = TestRepo::new();
    r.write(
        "agreements/accord.toml",
        &format!("schema = 1\n\n[privacy]\nmin_responses = {min}\n"),
    );
    for (team, n) in teams {
        r.write(
            &format!("agreements/{team}/agreement.toml"),
            &agreement(team, *n),
        );
    }
    r.commit_all("agreements");
    r
}

fn today(d: &str) -> chrono::NaiveDate {
    d.parse().unwrap()
}

fn answer(scores: [u8; 3], comment: &str, mode: Option<&'static str>) -> Answer {
    Answer {
        scores: scores.to_vec(),
        comment: comment.into(),
        groups: mode
            .map(|m| (accord::model::Grouping::Mode, m))
            .into_iter()
            .collect(),
    }
}

/// Records a check-in on `date` with `answers` in the room, keeps a draft, saves and commits
/// it as the app does; returns the file's path.
fn check_in(r: &TestRepo, data: &Path, team: &str, date: &str, answers: &[Answer]) -> PathBuf {
    let root = r.file("agreements");
    let ws = Workspace::new(&root);
    let drafts = Drafts::new(data, &root);
    let mut s = Session::start(
        &ws,
        team,
        Some(&drafts),
        today(date),
        PeriodChoice::default(),
    )
    .unwrap();
    let round = s.open_pulse().unwrap();
    for a in answers {
        round.answer(a).unwrap();
    }
    let withheld = s.close_pulse().is_withheld();
    s.save_draft(&drafts).unwrap();
    let draft = drafts.load(team, DraftKind::CheckIn).unwrap();
    if withheld {
        assert_answers_absent(&draft.text, answers, "the draft");
    }
    let path = s.save(&ws, Some(&drafts)).unwrap();
    let repo = Repo::discover(&path).unwrap();
    repo.commit(
        std::slice::from_ref(&path),
        &message::checkin(team, s.checkin(), s.parked()),
    )
    .unwrap();
    path
}

/// Nothing of `answers` in `text` when they are fewer than the threshold: no comment, no
/// per-question or subgroup scores.
fn assert_answers_absent(text: &str, answers: &[Answer], what: &str) {
    for a in answers {
        let c = a.comment.trim();
        if !c.is_empty() {
            assert!(!text.contains(c), "{what} holds the comment {c:?}:\n{text}");
        }
    }
    for key in [
        "scores",
        "pulse.questions",
        "pulse.groups",
        "distribution",
        "comments",
    ] {
        assert!(!text.contains(key), "{what} holds {key}:\n{text}");
    }
}

fn accord(r: &TestRepo, args: &[&str]) -> String {
    let out = r
        .accord()
        .env("ACCORD_TODAY", "2026-11-30")
        .args(["--dir", "agreements"])
        .args(args)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn report_json(r: &TestRepo) -> serde_json::Value {
    serde_json::from_str(&accord(r, &["report", "--format", "json"])).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any set of answers below the threshold: nothing of them in the file, the draft, the
    /// commit (`git log -p`), the data folder, or any output of report and validate.
    #[test]
    fn below_the_threshold_no_answer_reaches_any_file_commit_or_output(
        answers in proptest::collection::vec(
            (prop::array::uniform3(1u8..=5), "[a-z]{3,8}", prop::option::of(prop::sample::select(vec!["onsite", "hybrid", "remote"]))),
            1..5,
        )
    ) {
        let r = repo(&[("payments", 8)], 5);
        let data = tempfile::tempdir().unwrap();
        // Each comment is marked so that a find is never a coincidence.
        let answers: Vec<Answer> = answers
            .iter()
            .enumerate()
            .map(|(i, (s, w, m))| answer(*s, &format!("zq{i}{w}secret"), *m))
            .collect();
        let path = check_in(&r, data.path(), "payments", "2026-11-30", &answers);
        let file = std::fs::read_to_string(&path).unwrap();
        assert_answers_absent(&file, &answers, "the check-in file");
        let c: CheckIn = toml::from_str(&file).unwrap();
        let p = c.pulse.unwrap();
        prop_assert!(p.withheld);
        prop_assert_eq!(p.count, Some(answers.len() as u32));
        prop_assert_eq!(p.min_responses, Some(5));
        assert_answers_absent(&r.git(&["log", "-p", "--all"]), &answers, "git log -p");
        for f in walk(data.path()) {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            assert_answers_absent(&text, &answers, "the data folder");
        }
        for args in [
            &["report", "--format", "text"][..],
            &["report", "--format", "md"],
            &["report", "--format", "json"],
            &["validate"],
            &["validate", "--format", "json"],
            &["validate", "--format", "github"],
        ] {
            let out = accord(&r, args);
            for a in &answers {
                prop_assert!(!out.contains(a.comment.as_str()), "{:?}: {}", args, out);
            }
            prop_assert!(!out.contains("\"distribution\""), "{:?}: {}", args, out);
        }
    }
}

/// Reports before and after one team's new check-in differ by that check-in's shown pulse
/// only: the earlier withheld pulse was never in a total, so subtraction finds nothing of it.
#[test]
fn before_and_after_reports_reveal_nothing_of_a_withheld_pulse() {
    let r = repo(&[("alpha", 6), ("bravo", 6)], 5);
    let data = tempfile::tempdir().unwrap();
    let five = |s: u8| vec![answer([s, s, s], "", None); 5];
    check_in(&r, data.path(), "alpha", "2026-11-16", &five(4));
    let withheld = [
        answer([1, 1, 1], "", None),
        answer([1, 2, 2], "", None),
        answer([2, 1, 1], "", None),
    ];
    check_in(&r, data.path(), "bravo", "2026-11-16", &withheld);
    let before = report_json(&r);
    assert_eq!(before["across"]["pulse"]["count"], 5, "{before}");
    assert_eq!(before["across"]["pulse"]["mean"], 4.0);
    assert_eq!(before["across"]["pulse"]["left_out"], 1);
    // bravo's next check-in is shown: the new total is alpha's and the new pulse, nothing else.
    check_in(&r, data.path(), "bravo", "2026-11-30", &five(3));
    let after = report_json(&r);
    let (n0, m0) = (5.0, 4.0);
    let n1 = after["across"]["pulse"]["count"].as_f64().unwrap();
    let m1 = after["across"]["pulse"]["mean"].as_f64().unwrap();
    // What subtraction yields is the new, shown pulse: 5 answers of mean 3.
    assert_eq!(n1 - n0, 5.0);
    assert!(((m1 * n1 - m0 * n0) / (n1 - n0) - 3.0).abs() < 1e-9);
    let bravo = &after["teams"][1]["checkins"];
    assert_eq!(
        bravo[0]["pulse"],
        serde_json::json!({"count": 3, "mean": null, "withheld": true})
    );
    // Lowering the threshold reveals nothing: the withheld pulse holds no answers.
    r.write(
        "agreements/accord.toml",
        "schema = 1\n\n[privacy]\nmin_responses = 3\n",
    );
    let lowered = report_json(&r);
    assert_eq!(
        lowered["teams"][1]["checkins"][0]["pulse"],
        bravo[0]["pulse"]
    );
}

/// Two small withheld teams cannot subtract their own answers from a total to find the
/// other's: no total includes a withheld pulse.
#[test]
fn withheld_teams_are_in_no_total() {
    let r = repo(&[("alpha", 6), ("bravo", 6)], 5);
    let data = tempfile::tempdir().unwrap();
    check_in(
        &r,
        data.path(),
        "alpha",
        "2026-11-16",
        &[answer([5, 5, 5], "", None), answer([4, 4, 4], "", None)],
    );
    check_in(
        &r,
        data.path(),
        "bravo",
        "2026-11-16",
        &[
            answer([1, 1, 1], "", None),
            answer([2, 2, 2], "", None),
            answer([1, 2, 1], "", None),
        ],
    );
    let doc = report_json(&r);
    assert_eq!(
        doc["across"]["pulse"],
        serde_json::json!({"count": 0, "mean": null, "withheld": true, "left_out": 2})
    );
}

/// A round stops at the members of the agreement version in force.
#[test]
fn a_round_takes_no_more_answers_than_members() {
    let r = repo(&[("small", 4)], 3);
    let root = r.file("agreements");
    let ws = Workspace::new(&root);
    let mut s = Session::start(
        &ws,
        "small",
        None,
        today("2026-11-30"),
        PeriodChoice::default(),
    )
    .unwrap();
    let round = s.open_pulse().unwrap();
    for _ in 0..4 {
        round.answer(&answer([3, 3, 3], "", None)).unwrap();
    }
    let e = round.answer(&answer([5, 5, 5], "", None)).unwrap_err();
    assert!(e.contains("All 4 members have answered"), "{e}");
    assert_eq!(s.close_pulse().count(), 4);
}

/// A committed pulse is final: an answer added later (which the diff and `git log` would
/// reveal, with who added it) fails validation, in schema 2 and in schema 1 files.
#[test]
fn a_pulse_changed_after_its_first_commit_is_flagged() {
    let r = repo(&[("payments", 6)], 5);
    let data = tempfile::tempdir().unwrap();
    let four = vec![answer([2, 3, 4], "", None); 4];
    let path = check_in(&r, data.path(), "payments", "2026-11-30", &four);
    let rel = "agreements/payments/checkins/2026-11-30.toml";
    assert!(accord(&r, &["validate"]).contains("0 errors"));
    // Padding the withheld pulse past the threshold after the fact.
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "count = 4\nwithheld = true\n",
        "count = 5\n\n[[pulse.questions]]\nid = \"speak-up\"\nscores = [2, 2, 2, 2, 5]\n\n[[pulse.questions]]\nid = \"credit\"\nscores = [3, 3, 3, 3, 5]\n\n[[pulse.questions]]\nid = \"context\"\nscores = [4, 4, 4, 4, 5]\n",
    );
    r.write(rel, &text);
    r.commit_all("payments: one more answer");
    let out = accord(&r, &["validate"]);
    assert!(
        out.contains("error: the pulse changed after this check-in was first committed"),
        "{out}"
    );
    assert!(
        !out.contains("scores = ["),
        "validate printed pulse contents:\n{out}"
    );

    // The same for a schema 1 file holding raw answers.
    let old = "schema = 1\ndate = 2026-11-16\nfrom = 2026-11-02\nto = 2026-11-15\nagreement_version = 1\n\n[pulse]\nscores = [1, 2, 3, 4]\ncomments = [\"I am unhappy\"]\n";
    let rel1 = "agreements/payments/checkins/2026-11-16.toml";
    r.write(rel1, old);
    r.commit_all("payments: check-in 2026-11-16");
    let out = accord(&r, &["validate"]);
    assert!(
        out.contains("warning: this schema 1 check-in keeps the answers of a withheld pulse"),
        "{out}"
    );
    assert!(
        !out.contains("I am unhappy") && !out.contains("[1, 2, 3, 4]"),
        "{out}"
    );
    r.write(rel1, &old.replace("[1, 2, 3, 4]", "[1, 2, 3, 4, 5]"));
    let out = accord(&r, &["validate", "--format", "json"]);
    assert!(out.contains("pulse-changed"), "{out}");
    assert!(!out.contains("I am unhappy"), "{out}");
    // `accord fmt` upgrades the schema 1 file: the raw answers of a withheld pulse are gone.
    r.write(rel1, old);
    accord(&r, &["fmt"]);
    let upgraded = r.read(rel1);
    assert!(
        upgraded.contains("schema = 2\n") && upgraded.contains("count = 4\nwithheld = true\n"),
        "{upgraded}"
    );
    assert!(
        !upgraded.contains("unhappy") && !upgraded.contains("scores"),
        "{upgraded}"
    );
}
