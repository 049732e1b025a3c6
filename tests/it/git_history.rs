//! History, revisions and blame, read in-process from real repositories.

use crate::support::{TestRepo, payments, replace};
use accord::git::{Change, Repo};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

const FILE: &str = "agreements/payments/agreement.toml";

/// v1 (draft), v2 (time changed), a folder rename with an edit, v3 (a norm removed).
fn renamed_history() -> (TestRepo, Vec<String>) {
    let r = TestRepo::new();
    let v1 = replace(&payments(), "version = 3", "version = 1");
    r.write("agreements/accord.toml", "schema = 1\n");
    r.write(FILE, &v1);
    let c1 = r.commit_all("payments: draft agreement v1");
    let v2 = replace(
        &replace(&v1, "version = 1", "version = 2"),
        "time = 15:00",
        "time = 14:00",
    );
    r.write(FILE, &v2);
    let c2 = r.commit_all("payments: adopt agreement v2");
    r.git(&["mv", "agreements/payments", "agreements/payments-team"]);
    let renamed = replace(&v2, "min_attendance = 0.8", "min_attendance = 0.6");
    r.write("agreements/payments-team/agreement.toml", &renamed);
    let c3 = r.commit_all("rename the team folder");
    let v3 = replace(&renamed, "version = 2", "version = 3");
    let v3 = v3.replace(
        "[[norms]]\nid = \"together-work\"\narea = \"focus\"\ntext = \"Office days are for pairing, reviews and planning; long solo work goes on Monday, Wednesday and Friday.\"\nsignal = \"How we will know: on Tuesdays and Thursdays most calendar time is shared work, not solo focus blocks.\"\n\n",
        "",
    );
    assert!(!v3.contains("id = \"together-work\""));
    r.write("agreements/payments-team/agreement.toml", &v3);
    let c4 = r.commit_all("payments: adopt agreement v3");
    (r, vec![c1, c2, c3, c4])
}

#[test]
fn history_follows_a_renamed_team_folder() {
    let (r, commits) = renamed_history();
    let out = r
        .accord()
        .args(["history", "payments-team", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let revs = doc["revisions"].as_array().unwrap();
    let ids: Vec<&str> = revs.iter().map(|r| r["commit"].as_str().unwrap()).collect();
    let mut expected: Vec<&str> = commits.iter().map(String::as_str).collect();
    expected.reverse();
    assert_eq!(ids, expected, "newest first, through the rename");
    assert_eq!(revs[1]["change"], "renamed");
    assert_eq!(revs[1]["renamed_from"], FILE);
    assert_eq!(revs[1]["path"], "agreements/payments-team/agreement.toml");
    assert_eq!(revs[2]["path"], FILE);
    assert_eq!(revs[3]["change"], "added");
    assert_eq!(revs[0]["version"], 3);
    assert_eq!(revs[0]["summary"], "v2 → v3; removed norm together-work");
    assert_eq!(
        revs[1]["summary"],
        "renamed from agreements/payments; presence: min attendance"
    );
    assert_eq!(
        revs[2]["summary"],
        "v1 → v2; changed ritual weekly-demo (time)"
    );
    assert_eq!(revs[0]["author"], "Ana Lima");
    assert_eq!(revs[0]["subject"], "payments: adopt agreement v3");
    assert!(doc["uncommitted"].is_null());

    r.accord()
        .args(["history", "payments-team"])
        .assert()
        .success()
        .stdout(
            contains("COMMIT")
                .and(contains(&commits[3][..7]))
                .and(contains("v3       active"))
                .and(contains("new agreement v1 (active)")),
        );
}

#[test]
fn history_shows_uncommitted_changes_first() {
    let r = TestRepo::with_payments();
    r.write(
        FILE,
        &replace(
            &payments(),
            "days = [\"tue\", \"thu\"]",
            "days = [\"tue\", \"wed\"]",
        ),
    );
    r.accord()
        .args(["history", "payments"])
        .assert()
        .success()
        .stdout(contains("uncommitted").and(contains("presence: days +Wed −Thu")));
}

#[test]
fn show_reads_any_revision_even_before_a_rename() {
    let (r, commits) = renamed_history();
    r.accord()
        .args([
            "show",
            "payments-team",
            "--rev",
            "HEAD~3",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stdout(contains("\"version\": 1"));
    r.accord()
        .args(["show", "payments-team", "--rev", &commits[1][..10]])
        .assert()
        .success()
        .stdout(contains("Version 2 · active").and(contains("at 14:00")));
    r.accord()
        .args(["show", "payments-team", "--rev", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(contains("does not know the revision \"no-such-branch\""));
}

#[test]
fn agreement_at_and_history_in_the_library() {
    let (r, commits) = renamed_history();
    let repo = Repo::discover(r.path()).unwrap();
    let path = r.file("agreements/payments-team/agreement.toml");
    let revs = repo.history(&path).unwrap();
    assert_eq!(revs.len(), 4);
    assert_eq!(revs[1].change, Change::Renamed { from: FILE.into() });
    assert_eq!(revs[3].short_id, commits[0][..7]);
    assert_eq!(revs[3].agreement.as_ref().unwrap().version, 1);
    assert!(revs[0].diff.as_ref().is_some_and(|d| d.norms.len() == 1));
    let a = repo.agreement_at(&commits[1], &path).unwrap();
    assert_eq!(a.version, 2);
}

#[test]
fn blame_names_the_commits_behind_each_item() {
    let (r, commits) = renamed_history();
    // An uncommitted change to one norm.
    let text = r.read("agreements/payments-team/agreement.toml");
    r.write(
        "agreements/payments-team/agreement.toml",
        &replace(&text, "area = \"decisions\"", "area = \"communication\""),
    );
    let out = r
        .accord()
        .args(["blame", "payments-team", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let item = |id: &str| {
        doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let demo = item("weekly-demo");
    assert_eq!(demo["introduced"]["commit"], commits[0].as_str());
    assert_eq!(demo["last_changed"]["commit"], commits[1].as_str());
    assert_eq!(demo["last_changed"]["fields"], serde_json::json!(["time"]));
    let presence = item("presence");
    assert_eq!(
        presence["last_changed"]["commit"],
        commits[2].as_str(),
        "changed in the rename commit"
    );
    let notes = item("decision-notes");
    assert!(
        notes["last_changed"]["commit"].is_null(),
        "not committed yet"
    );
    assert_eq!(notes["introduced"]["commit"], commits[0].as_str());

    r.accord()
        .args(["blame", "payments-team", "weekly-demo"])
        .assert()
        .success()
        .stdout(
            contains("ritual weekly-demo — Thursday demo")
                .and(contains("introduced"))
                .and(contains("payments: adopt agreement v2 (time)"))
                .and(contains("first-voice").not()),
        );
    r.accord()
        .args(["blame", "payments-team", "weekly-dmeo"])
        .assert()
        .code(2)
        .stderr(contains("did you mean \"weekly-demo\"?"));
}

#[test]
fn history_follows_a_merged_branch_and_skips_merges_that_change_nothing() {
    let r = TestRepo::with_payments();
    r.git(&["checkout", "-q", "-b", "review"]);
    r.write(
        FILE,
        &replace(
            &payments(),
            "duration_minutes = 30",
            "duration_minutes = 45",
        ),
    );
    let branch = r.commit_all("payments: longer demo");
    r.git(&["checkout", "-q", "main"]);
    r.write("notes.txt", "unrelated\n");
    r.commit_all("unrelated work");
    r.git(&["merge", "-q", "--no-edit", "review"]);
    let repo = Repo::discover(r.path()).unwrap();
    let revs = repo.history(&r.file(FILE)).unwrap();
    let ids: Vec<&str> = revs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_eq!(ids[0], branch);
    assert_eq!(revs[0].summary, "changed ritual weekly-demo (duration)");
}

#[test]
fn a_revision_that_does_not_parse_is_listed_with_the_reason() {
    let r = TestRepo::with_payments();
    r.write(
        FILE,
        &replace(&payments(), "cadence = \"weekly\"", "cadence = \"weakly\""),
    );
    r.commit_all("typo");
    r.write(FILE, &payments());
    r.commit_all("fix typo");
    let repo = Repo::discover(r.path()).unwrap();
    let revs = repo.history(&r.file(FILE)).unwrap();
    assert_eq!(revs.len(), 3);
    assert!(
        revs[1]
            .summary
            .starts_with("does not parse: invalid cadence \"weakly\""),
        "{}",
        revs[1].summary
    );
    assert!(
        revs[0].summary.contains("previous revision does not parse"),
        "{}",
        revs[0].summary
    );
}

#[test]
fn a_shallow_clone_marks_where_its_history_stops() {
    let (r, _) = renamed_history();
    let (_clone, c) = r.shallow_clone(2);
    let repo = Repo::discover(&c).unwrap();
    let revs = repo
        .history(&c.join("agreements/payments-team/agreement.toml"))
        .unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[1].change, Change::Boundary);
    assert!(
        revs[1].summary.contains("shallow clone"),
        "{}",
        revs[1].summary
    );
}

#[test]
fn validate_checks_an_old_check_in_against_the_version_it_names() {
    let r = TestRepo::with_payments();
    // v4 drops the team lunch; a check-in from v3's time still records it.
    let v4 = replace(&payments(), "version = 3", "version = 4").replace(
        "[[rituals]]\nid = \"team-lunch\"\nname = \"Thursday lunch\"\npurpose = \"Eat together on an office day, away from desks, with no work agenda.\"\ncadence = \"weekly\"\nday = \"thu\"\ntime = 12:15:00\nduration_minutes = 45\nmode = \"in-person\"\nowner = \"Jonas Wouters\"\n\n",
        "",
    );
    assert!(!v4.contains("id = \"team-lunch\""));
    let v4 = v4.replace(
        "[[consent]]\nitem = \"team-lunch\"\nagree = 5\nconcerns = 1\nobjections = 0\n\n",
        "",
    );
    r.write(FILE, &v4);
    r.commit_all("payments: adopt agreement v4");
    let checkin = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/agreements/payments/checkins/2026-09-22.toml"
    ))
    .unwrap();
    r.write("agreements/payments/checkins/2026-09-22.toml", &checkin);
    r.accord()
        .args(["validate", "--format", "json"])
        .assert()
        .success()
        .stdout(
            contains("version-unavailable")
                .not()
                .and(contains("team-lunch").not()),
        );
    // The same files without their history cannot be checked against v3.
    let bare = tempfile::tempdir().unwrap();
    let copy = |rel: &str| {
        let to = bare.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(r.file(rel), to).unwrap();
    };
    copy(FILE);
    copy("agreements/payments/checkins/2026-09-22.toml");
    copy("agreements/accord.toml");
    let mut cmd = assert_cmd::Command::cargo_bin("accord").unwrap();
    cmd.current_dir(bare.path())
        .env("ACCORD_TODAY", crate::support::TODAY)
        .args(["validate", "--format", "json"])
        .assert()
        .stdout(contains("version-unavailable"));
}

#[test]
fn on_an_unborn_branch_history_is_empty_and_says_so() {
    let r = TestRepo::new();
    r.write(FILE, &payments());
    r.accord()
        .args(["history", "payments"])
        .assert()
        .success()
        .stdout(contains("no committed revisions yet"));
    r.accord()
        .args(["diff", "payments"])
        .assert()
        .code(2)
        .stderr(contains("no commits yet"));
}

/// A history long enough to go through the reading pipeline in several batches and to be
/// compared on two threads, with a version only the whole-file parser reads (a multi-line
/// string) and one that does not parse: every revision comes back in order, with its own
/// commit, version and summary.
#[test]
fn a_long_history_comes_back_whole_and_in_order() {
    const N: usize = 90;
    let r = TestRepo::new();
    r.write("agreements/accord.toml", "schema = 1\n");
    let mut commits = Vec::new();
    for n in 1..=N {
        let mut text = replace(&payments(), "version = 3", &format!("version = {n}"));
        if n % 10 == 0 {
            text = replace(&text, "time = 15:00", &format!("time = 15:{:02}", n / 10));
        }
        if n == 30 {
            text = text
                .replacen("purpose = \"", "purpose = \"\"\"", 1)
                .replacen("real numbers.\"", "real numbers.\"\"\"", 1);
        }
        if n == 45 {
            text = replace(&text, "cadence = \"weekly\"", "cadence = \"weakly\"");
        }
        r.write(FILE, &text);
        commits.push(r.commit_all(&format!("payments: revision {n}")));
    }
    let repo = Repo::discover(r.path()).unwrap();
    let revs = repo.history(&r.file(FILE)).unwrap();
    assert_eq!(revs.len(), N);
    for (rev, n) in revs.iter().zip((1..=N).rev()) {
        assert_eq!(rev.id, commits[n - 1], "revision {n}");
        assert_eq!(rev.subject, format!("payments: revision {n}"));
        assert!(!rev.author.is_empty(), "revision {n} has its author");
        match n {
            45 => {
                let e = rev.agreement.as_ref().unwrap_err();
                assert!(e.message.contains("weakly"), "{}", e.message);
                let at = e
                    .location
                    .as_ref()
                    .expect("located")
                    .path
                    .display()
                    .to_string();
                assert_eq!(at, format!("{}:{FILE}", &rev.id[..7]));
                assert!(rev.summary.starts_with("does not parse"), "{}", rev.summary);
            }
            46 => assert!(rev.summary.contains("previous revision does not parse")),
            1 => assert_eq!(rev.agreement.as_ref().unwrap().version, 1),
            _ => {
                assert_eq!(rev.agreement.as_ref().unwrap().version, n as u32);
                let timed = n % 10 == 0 || n % 10 == 1;
                let expected = format!("v{} → v{n}", n - 1)
                    + if timed {
                        "; changed ritual weekly-demo (time)"
                    } else {
                        ""
                    };
                assert_eq!(rev.summary, expected);
            }
        }
    }
    let purpose = revs[N - 30].agreement.as_ref().unwrap().purpose.clone();
    assert!(purpose.unwrap().ends_with("real numbers."));
}
