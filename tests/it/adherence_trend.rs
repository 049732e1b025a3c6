//! Trends over check-ins, drifting items, suggestions for the next revision, the review date.

use accord::adherence::{
    Category, ItemKind, MinResponses, Review, ReviewState, TeamAdherence, Versions, change,
    item_series, series,
};
use accord::model::{Agreement, CheckIn, Decision};
use accord::validate::NoHistory;

fn agreement() -> Agreement {
    toml::from_str(
        r#"schema = 1
team = "T"
version = 1
status = "active"
adopted = 2026-10-20
review_by = 2026-12-20

[[members]]
name = "A"

[presence]
days = ["thu"]
min_attendance = 0.8

[[rituals]]
id = "demo"
name = "Demo"
cadence = "weekly"
day = "thu"

[[rituals]]
id = "lunch"
name = "Lunch"
cadence = "weekly"
day = "thu"

[[rituals]]
id = "monthly"
name = "Monthly"
cadence = "monthly"
day = "first-mon"

[[norms]]
id = "n1"
text = "A norm."
"#,
    )
    .unwrap()
}

struct C {
    date: &'static str,
    from: &'static str,
    to: &'static str,
    demo: u32,
    monthly: u32,
    rating: &'static str,
    presence: Option<(&'static str, u32)>,
    actions: &'static str,
}

fn checkin(c: &C) -> CheckIn {
    let presence = c
        .presence
        .map(|(d, p)| format!("\n[[presence]]\ndate = {d}\npresent = {p}\nexpected = 5\n"))
        .unwrap_or_default();
    toml::from_str(&format!(
        "schema = 1\ndate = {}\nfrom = {}\nto = {}\nagreement_version = 1\n{presence}\n[[rituals]]\nid = \"demo\"\nheld = {}\n\n[[rituals]]\nid = \"lunch\"\nheld = 0\n\n[[rituals]]\nid = \"monthly\"\nheld = {}\n\n[[norms]]\nid = \"n1\"\nrating = \"{}\"\n{}",
        c.date, c.from, c.to, c.demo, c.monthly, c.rating, c.actions
    ))
    .unwrap()
}

/// Five check-ins, two weeks each. Hand-computed misses (M), passes (·, not measured), met (✓):
///
/// | check-in | demo | lunch | monthly | n1 | presence |
/// |---|---|---|---|---|---|
/// | Oct 12 | M 1/2 | M | M (Oct 5) | M partly | M 3/5 |
/// | Oct 26 | M 0/2 | M | · none | M broken | ✓ 5/5 |
/// | Nov 9  | M 1/2 | M | M (Nov 2) | M partly | · none |
/// | Nov 23 | M 1/2 | M | · none | ✓ kept | M 3/5 |
/// | Dec 14 | ✓ 3/3 | M | M (Dec 7) | M partly | M 3/5 |
fn history() -> Vec<CheckIn> {
    [
        C {
            date: "2026-10-12",
            from: "2026-09-28",
            to: "2026-10-11",
            demo: 1,
            monthly: 0,
            rating: "partly",
            presence: Some(("2026-10-01", 3)),
            actions: "\n[[actions]]\nitem = \"demo\"\ndecision = \"drop\"\n",
        },
        C {
            date: "2026-10-26",
            from: "2026-10-12",
            to: "2026-10-25",
            demo: 0,
            monthly: 0,
            rating: "broken",
            presence: Some(("2026-10-15", 5)),
            actions: "",
        },
        C {
            date: "2026-11-09",
            from: "2026-10-26",
            to: "2026-11-08",
            demo: 1,
            monthly: 0,
            rating: "partly",
            presence: None,
            actions: "\n[[actions]]\nitem = \"lunch\"\ndecision = \"adjust\"\nnote = \"Try Tuesday.\"\n",
        },
        C {
            date: "2026-11-23",
            from: "2026-11-09",
            to: "2026-11-22",
            demo: 1,
            monthly: 0,
            rating: "kept",
            presence: Some(("2026-11-12", 3)),
            actions: "\n[[actions]]\nitem = \"lunch\"\ndecision = \"keep\"\n\n[[actions]]\nitem = \"presence\"\ndecision = \"adjust\"\nnote = \"Wednesday instead.\"\n",
        },
        C {
            date: "2026-12-14",
            from: "2026-11-23",
            to: "2026-12-13",
            demo: 3,
            monthly: 0,
            rating: "partly",
            presence: Some(("2026-11-26", 3)),
            actions: "\n[[actions]]\nitem = \"n1\"\ndecision = \"drop\"\nnote = \"Nobody remembers it.\"\n",
        },
    ]
    .iter()
    .map(checkin)
    .collect()
}

fn team() -> TeamAdherence {
    let mut v = Versions::new("t/agreement.toml", Some(agreement()), &NoHistory);
    let mut checkins = history();
    checkins.reverse(); // any order in, date order out
    TeamAdherence::build(
        "t",
        &mut v,
        checkins,
        MinResponses::default(),
        "2026-12-15".parse().unwrap(),
    )
}

#[test]
fn drifting_means_three_misses_in_a_row_among_check_ins_that_measured_it() {
    let t = team();
    let drifting: Vec<(&str, usize, String)> = t
        .drifting
        .iter()
        .map(|d| (d.item.as_str(), d.missed, d.since.to_string()))
        .collect();
    assert_eq!(
        drifting,
        vec![
            // Missed in all five.
            ("lunch", 5, "2026-10-12".to_string()),
            // Missed at its three occurrences; the check-ins without one are passed over.
            ("monthly", 3, "2026-10-12".to_string()),
        ]
    );
    // demo was met at the latest; n1 and presence missed only 1 and 2 times since they were met.
    assert_eq!(t.drifting[0].kind, ItemKind::Ritual);
    assert_eq!(t.drifting[0].title, "Lunch");
}

#[test]
fn suggestions_are_adjust_and_drop_decisions_since_adoption() {
    let t = team();
    let s: Vec<(&str, Decision, Option<&str>, String, bool)> = t
        .suggestions
        .iter()
        .map(|s| {
            (
                s.item.as_str(),
                s.decision,
                s.note.as_deref(),
                s.decided.to_string(),
                s.drifting,
            )
        })
        .collect();
    // demo's drop (Oct 12) predates adoption (Oct 20); lunch's adjust was withdrawn by a keep.
    assert_eq!(
        s,
        vec![
            (
                "presence",
                Decision::Adjust,
                Some("Wednesday instead."),
                "2026-11-23".to_string(),
                false
            ),
            (
                "n1",
                Decision::Drop,
                Some("Nobody remembers it."),
                "2026-12-14".to_string(),
                false
            ),
        ]
    );
}

#[test]
fn series_are_in_date_order_with_gaps_where_nothing_was_measured() {
    let t = team();
    let dates: Vec<String> = t.checkins.iter().map(|c| c.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2026-10-12",
            "2026-10-26",
            "2026-11-09",
            "2026-11-23",
            "2026-12-14"
        ]
    );
    let monthly: Vec<Option<f64>> = item_series(&t.checkins, "monthly")
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    assert_eq!(monthly, [Some(0.0), None, Some(0.0), None, Some(0.0)]);
    let presence: Vec<Option<f64>> = series(&t.checkins, Category::Presence)
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    assert_eq!(presence, [Some(0.0), Some(1.0), None, Some(0.0), Some(0.0)]);
    // Rituals, last two: (1+0+0)/(2+2+0) = 0.25 → (3+0+0)/(3+3+1) = 3/7.
    let rituals = series(&t.checkins, Category::Rituals);
    assert_eq!(rituals[3].1, Some(0.25));
    assert_eq!(rituals[4].1, Some(3.0 / 7.0));
    assert_eq!(change(&rituals), Some(3.0 / 7.0 - 0.25));
}

#[test]
fn review_states() {
    let d = |s: &str| s.parse().unwrap();
    let r = |by: &str, today: &str| Review::of(Some(d(by)), d(today)).unwrap();
    assert_eq!(r("2026-12-20", "2026-12-15").state, ReviewState::Due);
    assert_eq!(
        r("2026-12-20", "2026-12-20").describe(),
        "review due today (2026-12-20)"
    );
    assert_eq!(r("2026-12-20", "2026-12-06").state, ReviewState::Due);
    assert_eq!(r("2026-12-20", "2026-12-05").state, ReviewState::Scheduled);
    let late = r("2026-12-20", "2026-12-21");
    assert_eq!(late.state, ReviewState::Overdue);
    assert_eq!(late.describe(), "review overdue since 2026-12-20 (1 day)");
    assert_eq!(Review::of(None, d("2026-12-21")), None);
}
