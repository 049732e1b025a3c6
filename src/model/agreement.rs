//! `agreement.toml`: what a team agreed on.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::pulse::{Grouping, PulseSettings, Question};
use super::recurrence::{Recurrence, RecurrenceError};
use super::types::{
    Cadence, Date, MeetingMode, NormArea, RitualDay, Slug, Status, Time, TimeZone, Weekday,
    WorkMode,
};

/// The item name that consent entries and check-in actions use for the presence section.
pub const PRESENCE_ITEM: &str = "presence";

/// A team agreement (`agreement.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Accord team agreement")]
pub struct Agreement {
    /// File format version; always 1.
    #[schemars(range(min = 1, max = 1))]
    pub schema: u32,
    /// Display name of the team.
    pub team: String,
    /// Agreement revision: +1 each time a changed agreement is adopted.
    pub version: u32,
    pub status: Status,
    /// When this version was adopted (required when active).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<Date>,
    /// Next scheduled review (required when active).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<Date>,
    /// IANA zone name, used for calendars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<TimeZone>,
    /// Why the team keeps this agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// Shared presence ("anchor") days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Presence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rituals: Vec<Ritual>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub norms: Vec<Norm>,
    /// Outcome of the consent round, one entry per item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent: Vec<Consent>,
    /// The pulse: the same behaviour questions at every check-in (one default question about
    /// belonging when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// How the pulse is run: the self-reported subgroups it compares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pulse: Option<PulseSettings>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    /// Free text, e.g. "lead".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<WorkMode>,
    /// Where the member works from; the week view shows ritual times in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<TimeZone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Presence {
    /// Weekdays the team is together.
    pub days: Vec<Weekday>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_hours: Option<CoreHours>,
    /// Share of members expected on a presence day (0 < x <= 1); 1 when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_attendance: Option<f64>,
    /// Where the team meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Presence {
    /// The attendance share a presence day must reach to count as met.
    pub fn min_attendance(&self) -> f64 {
        self.min_attendance.unwrap_or(1.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoreHours {
    pub start: Time,
    pub end: Time,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ritual {
    /// Stable slug, unique in the file; diffs and check-ins refer to it.
    pub id: Slug,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    pub cadence: Cadence,
    /// weekly/biweekly: a weekday; monthly/quarterly: "first-thu" … "last-fri"; daily: omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<RitualDay>,
    /// Biweekly: the first occurrence, which the fortnights count from; when left out, the
    /// first `day` on or after `adopted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<MeetingMode>,
    /// Should be a member's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    pub id: Slug,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<NormArea>,
    pub text: String,
    /// How the team will know the norm is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// "presence", a ritual id or a norm id.
    pub item: String,
    pub agree: u32,
    pub concerns: u32,
    pub objections: u32,
}

/// One thing in an agreement that people consent to and check in on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ItemRef<'a> {
    Presence(&'a Presence),
    Ritual(&'a Ritual),
    Norm(&'a Norm),
}

impl<'a> ItemRef<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            ItemRef::Presence(_) => PRESENCE_ITEM,
            ItemRef::Ritual(r) => r.id.as_str(),
            ItemRef::Norm(n) => n.id.as_str(),
        }
    }
    /// A short human title: "Presence days", a ritual's name, or a norm's text.
    pub fn title(&self) -> &'a str {
        match self {
            ItemRef::Presence(_) => "Presence days",
            ItemRef::Ritual(r) => &r.name,
            ItemRef::Norm(n) => &n.text,
        }
    }
    pub fn kind(&self) -> &'static str {
        match self {
            ItemRef::Presence(_) => "presence",
            ItemRef::Ritual(_) => "ritual",
            ItemRef::Norm(_) => "norm",
        }
    }
}

impl Ritual {
    /// The ritual's schedule. `counted_from` anchors a biweekly ritual without a `start`
    /// (see [`Agreement::counted_from`]).
    pub fn recurrence(&self, counted_from: NaiveDate) -> Result<Recurrence, RecurrenceError> {
        let start = self.start.map_or(counted_from, |d| d.0);
        Recurrence::parse(self.cadence, self.day, start)
    }
}

impl Agreement {
    pub const SCHEMA: u32 = 1;

    /// The date recurrences count from: the adoption date, or the Monday of `today`'s week
    /// for an agreement not adopted yet. A biweekly ritual without a `start` runs in the
    /// fortnights of the first `day` on or after it; the week view and the calendar export
    /// both count from here, so they show the same weeks.
    pub fn counted_from(&self, today: NaiveDate) -> NaiveDate {
        self.adopted
            .map(|d| d.0)
            .unwrap_or_else(|| crate::model::recurrence::week_start(today))
    }

    /// Presence (when present), then rituals, then norms: the items of a consent round.
    pub fn items(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.presence
            .iter()
            .map(ItemRef::Presence)
            .chain(self.rituals.iter().map(ItemRef::Ritual))
            .chain(self.norms.iter().map(ItemRef::Norm))
    }

    pub fn item(&self, id: &str) -> Option<ItemRef<'_>> {
        self.items().find(|i| i.id() == id)
    }

    pub fn ritual(&self, id: &str) -> Option<&Ritual> {
        self.rituals.iter().find(|r| r.id.as_str() == id)
    }

    pub fn norm(&self, id: &str) -> Option<&Norm> {
        self.norms.iter().find(|n| n.id.as_str() == id)
    }

    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The questions the pulse asks: the agreement's, or the default question.
    pub fn pulse_questions(&self) -> std::borrow::Cow<'_, [Question]> {
        if self.questions.is_empty() {
            std::borrow::Cow::Owned(vec![Question::default_question()])
        } else {
            std::borrow::Cow::Borrowed(&self.questions)
        }
    }

    /// The subgroups the pulse asks each answer to name.
    pub fn groupings(&self) -> &[Grouping] {
        self.pulse.as_ref().map_or(&[], |p| &p.groupings[..])
    }

    pub fn consent_for(&self, item: &str) -> Option<&Consent> {
        self.consent.iter().find(|c| c.item == item)
    }

    /// An empty draft, the start of a new agreement.
    pub fn draft(team: impl Into<String>) -> Self {
        Agreement {
            schema: Self::SCHEMA,
            team: team.into(),
            version: 1,
            status: Status::Draft,
            adopted: None,
            review_by: None,
            timezone: None,
            purpose: None,
            members: Vec::new(),
            presence: None,
            rituals: Vec::new(),
            norms: Vec::new(),
            consent: Vec::new(),
            questions: Vec::new(),
            pulse: None,
        }
    }
}
