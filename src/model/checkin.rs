//! `checkins/DATE.toml`: what happened during a period, compared with the agreement.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
}
