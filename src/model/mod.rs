//! The files of an agreements folder as Rust types, and what is wrong with them.

pub mod agreement;
pub mod checkin;
pub mod pulse;
pub mod recurrence;
pub mod schema;
pub mod settings;
pub mod types;

pub use agreement::{
    Agreement, Consent, CoreHours, ItemRef, Member, Norm, PRESENCE_ITEM, Presence, Ritual,
    WorkingHours,
};
pub use checkin::{
    ActionRecord, ActionRef, CheckIn, Followup, FollowupState, NormRecord, PresenceDay,
    RitualRecord, Win,
};
pub use pulse::{GroupScores, Grouping, Pulse, PulseSettings, Question, QuestionScores, Tenure};
pub use recurrence::{Recurrence, RecurrenceError};
pub use settings::{Privacy, Settings};
pub use types::{
    Cadence, Date, Decision, Dimension, MeetingMode, NormArea, Ordinal, Rating, RitualDay, Slug,
    Status, Time, TimeZone, Weekday, WorkMode,
};

/// The three kinds of file in an agreements folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Agreement,
    CheckIn,
    Settings,
}

impl FileKind {
    /// What a file is, from where it sits: `accord.toml`, `TEAM/agreement.toml`, `TEAM/checkins/*.toml`.
    pub fn of_path(path: &std::path::Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?;
        let parent = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str());
        match name {
            "accord.toml" => Some(FileKind::Settings),
            "agreement.toml" => Some(FileKind::Agreement),
            n if n.ends_with(".toml") && parent == Some("checkins") => Some(FileKind::CheckIn),
            _ => None,
        }
    }
}
