//! `accord edit TEAM --from FILE`: adopting a revision without the app, by the app's rules.

use crate::support::{TestRepo, replace};
use predicates::str::contains;

/// The payments agreement with the weekly demo moved from 15:00 to 16:30.
fn revised(r: &TestRepo) -> String {
    let text = r.read("agreements/payments/agreement.toml");
    replace(&text, "time = 15:00:00", "time = 16:30:00")
}

#[test]
fn a_changed_item_is_proposed_until_its_consent_round_then_adopted_and_committed() {
    let r = TestRepo::with_payments();
    r.write("revised.toml", &revised(&r));
    r.accord()
        .args(["edit", "payments", "--from", "revised.toml"])
        .assert()
        .success()
        .stdout(contains(
            "payments: saved version 4 as proposed: 1 item without consent yet: weekly-demo",
        ));
    let saved = r.read("agreements/payments/agreement.toml");
    assert!(
        saved.contains("version = 4\n") && saved.contains("status = \"proposed\""),
        "{saved}"
    );
    assert!(
        !saved.contains("item = \"weekly-demo\""),
        "consent to the old time lapsed:\n{saved}"
    );

    let before = r.git(&["rev-list", "--count", "HEAD"]);
    r.accord()
        .args([
            "edit",
            "payments",
            "--from",
            "revised.toml",
            "--consent",
            "weekly-demo=5,1,0",
            "--commit",
        ])
        .assert()
        .success()
        .stdout(contains("payments: adopted version 4 on 2026-11-20"))
        .stdout(contains("Review by 2027-03-05 (was 2026-12-15)."))
        .stdout(contains("Committed "));
    let saved = r.read("agreements/payments/agreement.toml");
    assert!(
        saved.contains("status = \"active\"") && saved.contains("adopted = 2026-11-20"),
        "{saved}"
    );
    assert!(saved.contains("review_by = 2027-03-05"), "{saved}");
    let after = r.git(&["rev-list", "--count", "HEAD"]);
    assert_eq!(
        after.trim().parse::<u32>().unwrap(),
        before.trim().parse::<u32>().unwrap() + 1
    );
    // Only the agreement is committed: the revised file stays untracked.
    let files = r.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "agreements/payments/agreement.toml");
    let subject = r.git(&["log", "-1", "--format=%s"]);
    assert_eq!(subject.trim(), "payments: adopt agreement v4");
    r.accord().args(["validate"]).assert().success();
}

#[test]
fn more_voices_than_members_an_unknown_item_and_bad_counts_are_refused_and_nothing_is_written() {
    let r = TestRepo::with_payments();
    r.write("revised.toml", &revised(&r));
    let original = r.read("agreements/payments/agreement.toml");
    for (args, needle) in [
        (
            vec!["--consent-all", "99,0,0"],
            "99 voices on \"presence\" but the team has 6 members",
        ),
        (
            vec!["--consent", "lunch=1,0,0"],
            "the revised agreement has no item \"lunch\"",
        ),
        (vec!["--consent", "weekly-demo=5,1"], "is not three counts"),
        (vec!["--consent", "5,1,0"], "names no item"),
    ] {
        r.accord()
            .args(["edit", "payments", "--from", "revised.toml"])
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains(needle));
        assert_eq!(r.read("agreements/payments/agreement.toml"), original);
    }
}

#[test]
fn a_revised_file_that_does_not_parse_is_named_with_its_line_and_column() {
    let r = TestRepo::with_payments();
    r.write("revised.toml", "schema = 1\nteam = \n");
    r.accord()
        .args(["edit", "payments", "--from", "revised.toml"])
        .assert()
        .code(2)
        .stderr(contains("revised.toml:2:"));
}

#[test]
fn without_from_and_without_a_terminal_it_says_how_to_adopt_a_file() {
    let r = TestRepo::with_payments();
    r.accord()
        .args(["edit", "payments", "--no-interactive"])
        .assert()
        .code(2)
        .stderr(contains("accord edit payments --from FILE"));
}
