//! `agreement.toml`: what a team agreed on.

use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::pulse::{Grouping, PulseSettings, Question};
use super::recurrence::{Recurrence, RecurrenceError};
use super::types::{
    Cadence, Date, Dimension, MeetingMode, NormArea, RitualDay, Slug, Status, Time, TimeZone,
    Weekday, WorkMode,
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
    /// The member's working day in their own zone; 08:00–18:00 when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_hours: Option<WorkingHours>,
}

/// A member's working day, local to their `timezone`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkingHours {
    pub start: Time,
    pub end: Time,
}

impl WorkingHours {
    /// The working day assumed when a member gives none: 08:00 to 18:00 local.
    pub const DEFAULT: WorkingHours = WorkingHours {
        start: Time(NaiveTime::from_hms_opt(8, 0, 0).expect("valid time")),
        end: Time(NaiveTime::from_hms_opt(18, 0, 0).expect("valid time")),
    };
}

impl Member {
    /// The member's working hours, or the default day.
    pub fn working_hours(&self) -> WorkingHours {
        self.working_hours.unwrap_or(WorkingHours::DEFAULT)
    }
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
    /// The dimension presence belongs to; derived when left out (see [`ItemRef::dimension`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
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
    /// On trial until this date: the first check-in on or after it decides keep, adjust or drop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_until: Option<Date>,
    /// Derived from `mode` when left out (see [`ItemRef::dimension`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
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
    /// On trial until this date: the first check-in on or after it decides keep, adjust or drop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_until: Option<Date>,
    /// Derived from `area` when left out (see [`ItemRef::dimension`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
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

    /// The item's dimension: the one it names, else derived. Following the source articles
    /// (the physical environment is what proximity makes possible; presence rhythms and
    /// coordination are ways of working; the digital layer is how tools extend them):
    /// presence is *place* when it names a `space`, else *ways of working*; a ritual by its
    /// mode — in-person: place, remote: digital, hybrid or none: ways of working; a norm by
    /// its area — communication: digital, any other or none: ways of working.
    pub fn dimension(&self) -> Dimension {
        match self {
            ItemRef::Presence(p) => p.dimension.unwrap_or(if p.space.is_some() {
                Dimension::Place
            } else {
                Dimension::WaysOfWorking
            }),
            ItemRef::Ritual(r) => r.dimension.unwrap_or(match r.mode {
                Some(MeetingMode::InPerson) => Dimension::Place,
                Some(MeetingMode::Remote) => Dimension::Digital,
                Some(MeetingMode::Hybrid) | None => Dimension::WaysOfWorking,
            }),
            ItemRef::Norm(n) => n.dimension.unwrap_or(match n.area {
                Some(NormArea::Communication) => Dimension::Digital,
                _ => Dimension::WaysOfWorking,
            }),
        }
    }

    /// Whether the dimension was written in the file rather than derived.
    pub fn dimension_is_explicit(&self) -> bool {
        match self {
            ItemRef::Presence(p) => p.dimension.is_some(),
            ItemRef::Ritual(r) => r.dimension.is_some(),
            ItemRef::Norm(n) => n.dimension.is_some(),
        }
    }

    /// The date a ritual or norm is on trial until (presence is never on trial).
    pub fn trial_until(&self) -> Option<NaiveDate> {
        match self {
            ItemRef::Presence(_) => None,
            ItemRef::Ritual(r) => r.trial_until.map(|d| d.0),
            ItemRef::Norm(n) => n.trial_until.map(|d| d.0),
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

    /// The dimensions the items cover, each once, in [`Dimension::ALL`] order.
    pub fn dimensions(&self) -> Vec<Dimension> {
        let have: Vec<Dimension> = self.items().map(|i| i.dimension()).collect();
        Dimension::ALL
            .iter()
            .copied()
            .filter(|d| have.contains(d))
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Agreement {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn every_item_has_a_dimension_explicit_or_derived() {
        let a = parsed(
            r#"
schema = 1
team = "T"
version = 1
status = "draft"
[presence]
days = ["tue"]
space = "Floor 3"
[[rituals]]
id = "lunch"
name = "Lunch"
cadence = "weekly"
day = "tue"
mode = "in-person"
[[rituals]]
id = "coffee"
name = "Coffee"
cadence = "weekly"
day = "wed"
mode = "remote"
[[rituals]]
id = "demo"
name = "Demo"
cadence = "weekly"
day = "thu"
mode = "hybrid"
[[rituals]]
id = "retro"
name = "Retro"
cadence = "weekly"
day = "fri"
mode = "remote"
dimension = "ways-of-working"
[[norms]]
id = "dm"
area = "communication"
text = "We answer."
[[norms]]
id = "first-voice"
area = "meetings"
text = "The newest speaks first."
"#,
        );
        let dims: Vec<(&str, Dimension, bool)> = a
            .items()
            .map(|i| (i.id(), i.dimension(), i.dimension_is_explicit()))
            .collect();
        use Dimension::*;
        assert_eq!(
            dims,
            [
                ("presence", Place, false),
                ("lunch", Place, false),
                ("coffee", Digital, false),
                ("demo", WaysOfWorking, false),
                ("retro", WaysOfWorking, true),
                ("dm", Digital, false),
                ("first-voice", WaysOfWorking, false),
            ]
        );
        assert_eq!(a.dimensions(), [WaysOfWorking, Place, Digital]);
        let mut no_space = a.clone();
        no_space.presence.as_mut().unwrap().space = None;
        assert_eq!(
            no_space.item("presence").unwrap().dimension(),
            WaysOfWorking
        );
    }

    #[test]
    fn a_member_without_working_hours_works_eight_to_six() {
        let m = Member {
            name: "Rui".into(),
            role: None,
            mode: None,
            timezone: None,
            working_hours: None,
        };
        assert_eq!(m.working_hours().start.to_string(), "08:00");
        assert_eq!(m.working_hours().end.to_string(), "18:00");
    }
}
