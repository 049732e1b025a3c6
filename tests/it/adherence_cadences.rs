//! Adherence against hand-computed fixtures: every cadence, and the edges of DESIGN.md's formulas.

use accord::adherence::{Detail, MinResponses, PulseResult, score};
use accord::model::{Agreement, CheckIn};

fn agreement(adopted: &str, rituals: &str, min_attendance: &str) -> Agreement {
    let text = format!(
        r#"schema = 1
team = "Fixture"
version = 1
status = "active"
adopted = {adopted}
review_by = 2027-06-30

[[members]]
name = "A"

[presence]
days = ["tue", "thu"]
min_attendance = {min_attendance}

{rituals}

[[norms]]
id = "n-kept"
text = "Kept."

[[norms]]
id = "n-partly"
text = "Partly."

[[norms]]
id = "n-broken"
text = "Broken."

[[norms]]
id = "n-unrated"
text = "Not rated this time."
"#
    );
    toml::from_str(&text).expect("fixture agreement parses")
}

fn checkin(body: &str) -> CheckIn {
    toml::from_str(&format!("schema = 1\n{body}")).expect("fixture check-in parses")
}

/// One ritual of each cadence. The period is Mon 2026-09-28 to Sun 2026-11-29: nine whole weeks.
const RITUALS: &str = r#"
[[rituals]]
id = "daily"
name = "Daily"
cadence = "daily"

[[rituals]]
id = "weekly"
name = "Weekly"
cadence = "weekly"
day = "thu"

[[rituals]]
id = "biweekly"
name = "Biweekly"
cadence = "biweekly"
day = "tue"

[[rituals]]
id = "monthly-first"
name = "Monthly, first Monday"
cadence = "monthly"
day = "first-mon"

[[rituals]]
id = "monthly-last"
name = "Monthly, last Friday"
cadence = "monthly"
day = "last-fri"

[[rituals]]
id = "quarterly"
name = "Quarterly"
cadence = "quarterly"
day = "first-wed"
"#;

const PERIOD: &str =
    "date = 2026-11-30\nfrom = 2026-09-28\nto = 2026-11-29\nagreement_version = 1\n";

fn planned_of(s: &accord::adherence::CheckinScores, id: &str) -> (u32, u32, bool) {
    match s.item(id).map(|i| &i.detail) {
        Some(Detail::Ritual {
            held,
            planned,
            missing,
            ..
        }) => (*held, *planned, *missing),
        other => panic!("{id}: {other:?}"),
    }
}

#[test]
fn every_cadence_by_hand() {
    // Adopted Tue 2026-09-01: the biweekly Tuesday runs Sep 1, 15, 29, Oct 13, 27, Nov 10, 24.
    let a = agreement("2026-09-01", RITUALS, "0.8");
    let c = checkin(&format!(
        r#"{PERIOD}
[[presence]]
date = 2026-10-01
present = 4
expected = 5

[[presence]]
date = 2026-10-06
present = 3
expected = 5

[[presence]]
date = 2026-10-08
present = 5
expected = 5

[[presence]]
date = 2026-10-13
present = 7
expected = 9

[[rituals]]
id = "daily"
held = 40

[[rituals]]
id = "weekly"
held = 9

[[rituals]]
id = "biweekly"
held = 6

[[rituals]]
id = "monthly-first"
held = 1

[[rituals]]
id = "monthly-last"
held = 2

[[norms]]
id = "n-kept"
rating = "kept"

[[norms]]
id = "n-partly"
rating = "partly"

[[norms]]
id = "n-broken"
rating = "broken"

[pulse]
scores = [2, 3, 4, 4, 5]
"#
    ));
    let s = score(&c, &a, MinResponses::new(5));
    // daily: 9 weeks × 5 working days.
    assert_eq!(planned_of(&s, "daily"), (40, 45, false));
    // weekly: Thursdays Oct 1 … Nov 26.
    assert_eq!(planned_of(&s, "weekly"), (9, 9, false));
    // biweekly: Sep 29, Oct 13, Oct 27, Nov 10, Nov 24; held 6 > planned 5 counts as 5.
    assert_eq!(planned_of(&s, "biweekly"), (6, 5, false));
    assert_eq!(s.item("biweekly").unwrap().score, Some(1.0));
    // monthly first Monday: Oct 5, Nov 2 (Sep 7 is before the period).
    assert_eq!(planned_of(&s, "monthly-first"), (1, 2, false));
    // monthly last Friday: Oct 30, Nov 27 (Sep 25 is before the period).
    assert_eq!(planned_of(&s, "monthly-last"), (2, 2, false));
    // quarterly first Wednesday: Oct 7 only (January, April, July, October). Missing = held 0.
    assert_eq!(planned_of(&s, "quarterly"), (0, 1, true));
    // rituals: (40 + 9 + 5 + 1 + 2 + 0) ÷ (45 + 9 + 5 + 2 + 2 + 1) = 57 ÷ 64.
    assert_eq!(s.categories.rituals, Some(57.0 / 64.0));
    // presence: 4/5 = 0.8 meets 0.8 exactly; 3/5 and 7/9 do not; 5/5 does: 2 of 4.
    assert_eq!(s.categories.presence, Some(0.5));
    // norms: (1 + 0.5 + 0) ÷ 3 rated; the unrated norm is left out.
    assert_eq!(s.categories.norms, Some(0.5));
    assert_eq!(s.item("n-unrated").unwrap().score, None);
    let overall = (0.5 + 57.0 / 64.0 + 0.5) / 3.0;
    assert!((s.categories.overall.unwrap() - overall).abs() < 1e-12);
    assert_eq!(s.pulse.mean(), Some(3.6));
    assert_eq!(s.pulse.count(), 5);
}

#[test]
fn biweekly_is_anchored_at_adopted() {
    // Adopted Tue 2026-09-08: Sep 8, 22, Oct 6, 20, Nov 3, 17 → four in the period.
    let a = agreement("2026-09-08", RITUALS, "0.8");
    let s = score(&checkin(PERIOD), &a, MinResponses::default());
    assert_eq!(planned_of(&s, "biweekly"), (0, 4, true));
    // Adopted on a Thursday (2026-09-10): the first Tuesday after is Sep 15 → Sep 29, Oct 13, … five.
    let a = agreement("2026-09-10", RITUALS, "0.8");
    let s = score(&checkin(PERIOD), &a, MinResponses::default());
    assert_eq!(planned_of(&s, "biweekly"), (0, 5, true));
}

#[test]
fn quarterly_in_a_year_and_last_weekdays() {
    let rituals = r#"
[[rituals]]
id = "q"
name = "Q"
cadence = "quarterly"
day = "last-mon"

[[rituals]]
id = "m"
name = "M"
cadence = "monthly"
day = "fourth-thu"
"#;
    let a = agreement("2026-01-01", rituals, "0.8");
    let c = checkin(
        "date = 2027-01-01\nfrom = 2026-01-01\nto = 2026-12-31\nagreement_version = 1\n\n[[rituals]]\nid = \"q\"\nheld = 3\n\n[[rituals]]\nid = \"m\"\nheld = 12\n",
    );
    let s = score(&c, &a, MinResponses::default());
    // Last Mondays of Jan (26), Apr (27), Jul (27), Oct (26).
    assert_eq!(planned_of(&s, "q"), (3, 4, false));
    assert_eq!(planned_of(&s, "m"), (12, 12, false));
    assert_eq!(s.categories.rituals, Some(15.0 / 16.0));
}

#[test]
fn a_period_without_occurrences_has_no_ritual_score() {
    let rituals = r#"
[[rituals]]
id = "monthly-first"
name = "Monthly"
cadence = "monthly"
day = "first-mon"
"#;
    let a = agreement("2026-09-01", rituals, "0.8");
    // Nov 10–20: the first Monday (Nov 2) is outside.
    let c = checkin(
        "date = 2026-11-21\nfrom = 2026-11-10\nto = 2026-11-20\nagreement_version = 1\n\n[[rituals]]\nid = \"monthly-first\"\nheld = 0\n\n[[norms]]\nid = \"n-kept\"\nrating = \"kept\"\n",
    );
    let s = score(&c, &a, MinResponses::default());
    assert_eq!(planned_of(&s, "monthly-first"), (0, 0, false));
    assert_eq!(s.item("monthly-first").unwrap().score, None);
    assert_eq!(s.item("monthly-first").unwrap().missed(), None);
    assert_eq!(s.categories.rituals, None);
    assert_eq!(s.categories.presence, None);
    // Overall is the mean of what has data: norms only.
    assert_eq!(s.categories.overall, Some(1.0));
}

#[test]
fn planned_written_in_the_check_in_wins() {
    let a = agreement("2026-09-01", RITUALS, "0.8");
    let c = checkin(&format!(
        "{PERIOD}\n[[rituals]]\nid = \"weekly\"\nheld = 7\nplanned = 8\n"
    ));
    let s = score(&c, &a, MinResponses::default());
    assert_eq!(planned_of(&s, "weekly"), (7, 8, false));
    assert!(matches!(
        s.item("weekly").unwrap().detail,
        Detail::Ritual {
            planned_derived: false,
            ..
        }
    ));
}

#[test]
fn presence_exactly_at_min_attendance_counts_as_met() {
    for (present, expected, min) in [
        (4, 5, "0.8"),
        (3, 4, "0.75"),
        (7, 10, "0.7"),
        (3, 5, "0.6"),
        (9, 10, "0.9"),
        (1, 2, "0.5"),
        (17, 20, "0.85"),
        (3, 8, "0.375"),
        (6, 6, "1.0"),
    ] {
        let a = agreement("2026-09-01", "", min);
        let day = |p: u32| {
            checkin(&format!(
                "date = 2026-10-02\nfrom = 2026-10-01\nto = 2026-10-01\nagreement_version = 1\n\n[[presence]]\ndate = 2026-10-01\npresent = {p}\nexpected = {expected}\n"
            ))
        };
        let at = score(&day(present), &a, MinResponses::default());
        assert_eq!(
            at.categories.presence,
            Some(1.0),
            "{present}/{expected} at {min}"
        );
        let below = score(&day(present - 1), &a, MinResponses::default());
        assert_eq!(
            below.categories.presence,
            Some(0.0),
            "{}/{expected} at {min}",
            present - 1
        );
    }
}

#[test]
fn pulse_below_the_threshold_is_withheld() {
    let a = agreement("2026-09-01", "", "0.8");
    let c = checkin(&format!(
        "{PERIOD}\n[pulse]\nscores = [1, 2, 5, 5]\ncomments = [\"secret\"]\n"
    ));
    let s = score(&c, &a, MinResponses::new(5));
    assert!(matches!(s.pulse, PulseResult::Withheld(_)));
    assert_eq!(s.pulse.mean(), None);
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("secret"), "{json}");
    assert!(
        json.contains(r#""pulse":{"count":4,"mean":null,"withheld":true}"#),
        "{json}"
    );
}
