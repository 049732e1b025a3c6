//! A check-in is scored against the agreement version it names, never silently another one.

use std::path::Path;

use accord::adherence::{MinResponses, TeamAdherence, VersionProblem, Versions};
use accord::model::{Agreement, CheckIn};
use accord::validate::{HistoryLookup, NoHistory};

/// Older versions kept as files, the way git history hands them back.
struct Archive(Vec<Agreement>);

impl HistoryLookup for Archive {
    fn agreement_at_version(&self, _: &Path, version: u32) -> Option<Agreement> {
        self.0.iter().find(|a| a.version == version).cloned()
    }
}

fn v1() -> Agreement {
    toml::from_str(
        r#"schema = 1
team = "T"
version = 1
status = "active"
adopted = 2026-09-01
review_by = 2026-12-01

[[rituals]]
id = "standup"
name = "Stand-up"
cadence = "daily"
"#,
    )
    .unwrap()
}

fn v2() -> Agreement {
    toml::from_str(
        r#"schema = 1
team = "T"
version = 2
status = "active"
adopted = 2026-10-01
review_by = 2027-01-01

[[rituals]]
id = "weekly-sync"
name = "Weekly sync"
cadence = "weekly"
day = "mon"
"#,
    )
    .unwrap()
}

fn checkin(version: u32, date: &str, from: &str, to: &str, rituals: &str) -> CheckIn {
    toml::from_str(&format!(
        "schema = 1\ndate = {date}\nfrom = {from}\nto = {to}\nagreement_version = {version}\n{rituals}"
    ))
    .unwrap()
}

#[test]
fn an_older_version_from_history_gives_the_old_rituals() {
    let archive = Archive(vec![v1()]);
    let mut versions = Versions::new("agreements/t/agreement.toml", Some(v2()), &archive);
    // September under v1: 22 working days (Sep 1 is a Tuesday), stand-up held 11 times.
    let old = checkin(
        1,
        "2026-10-01",
        "2026-09-01",
        "2026-09-30",
        "\n[[rituals]]\nid = \"standup\"\nheld = 11\n",
    );
    let new = checkin(
        2,
        "2026-10-15",
        "2026-10-01",
        "2026-10-14",
        "\n[[rituals]]\nid = \"weekly-sync\"\nheld = 2\n",
    );
    let t = TeamAdherence::build(
        "t",
        &mut versions,
        [new, old],
        MinResponses::default(),
        "2026-10-16".parse().unwrap(),
    );
    assert_eq!(t.checkins[0].date.to_string(), "2026-10-01");
    assert_eq!(t.checkins[0].categories.rituals, Some(0.5));
    assert!(t.checkins[0].item("weekly-sync").is_none());
    // Mondays Oct 5 and 12.
    assert_eq!(t.checkins[1].categories.rituals, Some(1.0));
    assert!(t.checkins[1].item("standup").is_none());
}

#[test]
fn a_missing_version_is_named_not_replaced() {
    let mut versions = Versions::new("agreements/t/agreement.toml", Some(v2()), &NoHistory);
    assert_eq!(
        versions.get(1).unwrap_err(),
        VersionProblem::NotFound {
            version: 1,
            current: 2
        }
    );
    assert_eq!(
        versions.get(3).unwrap_err(),
        VersionProblem::Future {
            version: 3,
            current: 2
        }
    );
    let old = checkin(1, "2026-10-01", "2026-09-01", "2026-09-30", "");
    let t = TeamAdherence::build(
        "t",
        &mut versions,
        [old],
        MinResponses::default(),
        "2026-10-16".parse().unwrap(),
    );
    let s = &t.checkins[0];
    assert_eq!(s.categories.overall, None);
    assert!(s.items.is_empty());
    assert_eq!(
        s.problem.as_ref().unwrap().to_string(),
        "agreement version 1 is not the current one (2) and is not in the git history here"
    );
}

#[test]
fn history_answering_with_another_version_is_not_trusted() {
    // A lookup that hands back the wrong version must not change what a check-in means.
    let wrong = Archive(vec![]);
    struct Liar;
    impl HistoryLookup for Liar {
        fn agreement_at_version(&self, _: &Path, _: u32) -> Option<Agreement> {
            Some(v1())
        }
    }
    let mut versions = Versions::new("a", Some(v2()), &Liar);
    assert!(versions.get(1).is_ok());
    let mut other = Versions::new("a", Some(v2()), &wrong);
    assert!(other.get(1).is_err());
    let mut lying_about_0 = Versions::new("a", Some(v2()), &Liar);
    assert!(matches!(
        lying_about_0.get(0),
        Err(VersionProblem::NotFound { .. })
    ));
}
