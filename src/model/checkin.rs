//! `checkins/DATE.toml`: what happened during a period, compared with the agreement.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::pulse::Pulse;
use super::types::{Date, Decision, Rating, Slug};

/// One check-in (`checkins/YYYY-MM-DD.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Accord check-in")]
pub struct CheckIn {
    /// File format version: 2 (1 is read: its pulse is one unnamed question).
    #[schemars(range(min = 1, max = 2))]
    pub schema: u32,
    /// The day of the check-in; equals the file name.
    pub date: Date,
    /// First day of the period reviewed (inclusive).
    pub from: Date,
    /// Last day of the period reviewed (inclusive).
    pub to: Date,
    /// The agreement version the period is measured against.
    pub agreement_version: u32,
    /// One entry per presence day in the period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presence: Vec<PresenceDay>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rituals: Vec<RitualRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub norms: Vec<NormRecord>,
    /// Anonymous pulse: no names, no times, and only what may be shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pulse: Option<Pulse>,
    /// What became of earlier check-ins' actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<Followup>,
    /// Belonging wins to celebrate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wins: Vec<Win>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionRecord>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PresenceDay {
    pub date: Date,
    pub present: u32,
    pub expected: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RitualRecord {
    pub id: Slug,
    pub held: u32,
    /// Derived from cadence and period when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NormRecord {
    pub id: Slug,
    pub rating: Rating,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionRecord {
    /// "presence", a ritual id or a norm id.
    pub item: String,
    pub decision: Decision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who sees it through: a member's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

/// What became of one earlier action: done, not yet (`done = false`), or dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    /// The action: its check-in's date and its item, "2026-11-04/weekly-demo".
    pub action: ActionRef,
    pub done: bool,
    /// Given up on; never together with `done = true`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dropped: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The three answers a follow-up gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FollowupState {
    Done,
    NotYet,
    Dropped,
}

impl Followup {
    /// Done wins over dropped: `validate` refuses both, and a done action is not open either way.
    pub fn state(&self) -> FollowupState {
        match (self.done, self.dropped) {
            (true, _) => FollowupState::Done,
            (false, true) => FollowupState::Dropped,
            (false, false) => FollowupState::NotYet,
        }
    }
    /// Whether the action stays open after this follow-up.
    pub fn closes(&self) -> bool {
        self.state() != FollowupState::NotYet
    }
}

/// A belonging win the team celebrates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Win {
    pub text: String,
    /// "presence", a ritual id or a norm id: what made it happen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// An action of a check-in, named by the check-in's date and the action's item:
/// `2026-11-04/weekly-demo`. A check-in has at most one action per item, so this is unique.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionRef {
    pub date: NaiveDate,
    pub item: String,
}

impl ActionRef {
    pub fn new(date: NaiveDate, item: impl Into<String>) -> Self {
        ActionRef {
            date,
            item: item.into(),
        }
    }
}

impl FromStr for ActionRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "\"{s}\" is not an action: expected the check-in's date and the action's item, e.g. \"2026-11-04/weekly-demo\""
            )
        };
        let (date, item) = s.split_once('/').ok_or_else(bad)?;
        if date.len() != 10 || item.is_empty() {
            return Err(bad());
        }
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad())?;
        Ok(ActionRef::new(date, item))
    }
}

impl fmt::Display for ActionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.date.format("%Y-%m-%d"), self.item)
    }
}

impl Serialize for ActionRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ActionRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for ActionRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ActionRef".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "description": "DATE/ITEM, e.g. 2026-11-04/weekly-demo" })
    }
}

impl CheckIn {
    /// The schema Accord writes.
    pub const SCHEMA: u32 = 2;

    pub fn ritual(&self, id: &str) -> Option<&RitualRecord> {
        self.rituals.iter().find(|r| r.id.as_str() == id)
    }

    pub fn norm(&self, id: &str) -> Option<&NormRecord> {
        self.norms.iter().find(|n| n.id.as_str() == id)
    }

    /// How another check-in's follow-ups name this check-in's action on `item`.
    pub fn action_ref(&self, item: &str) -> ActionRef {
        ActionRef::new(self.date.0, item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_refs_read_date_slash_item_and_write_it_back() {
        let r: ActionRef = "2026-11-04/weekly-demo".parse().unwrap();
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2026, 11, 4).unwrap());
        assert_eq!(r.item, "weekly-demo");
        assert_eq!(r.to_string(), "2026-11-04/weekly-demo");
        for bad in [
            "2026-11-04",
            "2026-11-04/",
            "2026-1-4/x",
            "2026-13-01/x",
            "é/x",
            "",
        ] {
            let e = bad.parse::<ActionRef>().unwrap_err();
            assert!(e.contains("e.g. \"2026-11-04/weekly-demo\""), "{bad}: {e}");
        }
    }

    #[test]
    fn a_followup_is_done_not_yet_or_dropped() {
        let f = |done, dropped| Followup {
            action: "2026-11-04/presence".parse().unwrap(),
            done,
            dropped,
            note: None,
        };
        assert_eq!(f(true, false).state(), FollowupState::Done);
        assert_eq!(f(false, false).state(), FollowupState::NotYet);
        assert_eq!(f(false, true).state(), FollowupState::Dropped);
        assert!(f(true, false).closes() && f(false, true).closes());
        assert!(!f(false, false).closes());
    }
}
