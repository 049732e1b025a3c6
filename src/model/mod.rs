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
        let (name, parent) = match last_two(path) {
            Some(two) => two,
            None => (
                path.file_name()?.to_str()?,
                path.parent()
                    .and_then(|p| p.file_name())
                    .and_then(|n| n.to_str()),
            ),
        };
        match name {
            "accord.toml" => Some(FileKind::Settings),
            "agreement.toml" => Some(FileKind::Agreement),
            n if n.ends_with(".toml") && parent == Some("checkins") => Some(FileKind::CheckIn),
            _ => None,
        }
    }
}

/// The file name and its folder's name, read off the bytes when both are plain names after
/// single slashes (a validation asks this of each of 65,000 paths several times, and
/// `Path::parent` and `file_name` parse components each time); `None` leaves anything else
/// (`.`, `..`, `//`, a trailing slash, no folder) to `Path`, whose answers these equal.
#[cfg(unix)]
fn last_two(path: &std::path::Path) -> Option<(&str, Option<&str>)> {
    let plain = |s: &[u8]| !matches!(s, b"" | b"." | b"..");
    let b = path.as_os_str().as_encoded_bytes();
    let slash = memchr::memrchr(b'/', b)?;
    let (folder, name) = (&b[..slash], &b[slash + 1..]);
    let folder_name = &folder[memchr::memrchr(b'/', folder).map_or(0, |i| i + 1)..];
    if !plain(name) || !plain(folder_name) {
        return None;
    }
    let name = std::str::from_utf8(name).ok()?;
    Some((name, std::str::from_utf8(folder_name).ok()))
}

#[cfg(not(unix))]
fn last_two(_: &std::path::Path) -> Option<(&str, Option<&str>)> {
    None
}

#[cfg(test)]
mod kind_tests {
    use super::FileKind;
    use std::path::Path;

    #[test]
    fn the_kind_read_off_the_bytes_is_the_kind_path_gives() {
        let by_path = |p: &Path| {
            let name = p.file_name()?.to_str()?;
            let parent = p
                .parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str());
            Some((name.to_string(), parent.map(str::to_string)))
        };
        for p in [
            "a/checkins/2026-01-05.toml",
            "/r/t/checkins/x.toml",
            "checkins/x.toml",
            "x.toml",
            "a//checkins/x.toml",
            "a/checkins//x.toml",
            "a/checkins/./x.toml",
            "a/checkins/x.toml/",
            "a/checkins/x.toml/.",
            "a/checkins/..",
            "a/../x.toml",
            "./agreement.toml",
            "../checkins/x.toml",
            "/agreement.toml",
            "/",
            "",
            "t/agreement.toml",
            "accord.toml",
            "a/check\u{ff}ins/x.toml",
        ] {
            let p = Path::new(p);
            if let Some((name, parent)) = super::last_two(p) {
                assert_eq!(
                    Some((name.to_string(), parent.map(str::to_string))),
                    by_path(p),
                    "{p:?}"
                );
            }
            let slow = by_path(p).and_then(|(n, parent)| match n.as_str() {
                "accord.toml" => Some(FileKind::Settings),
                "agreement.toml" => Some(FileKind::Agreement),
                n if n.ends_with(".toml") && parent.as_deref() == Some("checkins") => {
                    Some(FileKind::CheckIn)
                }
                _ => None,
            });
            assert_eq!(FileKind::of_path(p), slow, "{p:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_path_of_slashes_dots_and_names_reads_as_path_reads_it(
            p in "[a/.]{0,6}(checkins|agreement\\.toml|accord\\.toml|x\\.toml|/|\\.){0,4}"
        ) {
            let p = Path::new(&p);
            if let Some((name, parent)) = super::last_two(p) {
                proptest::prop_assert_eq!(Some(name), p.file_name().and_then(|n| n.to_str()));
                proptest::prop_assert_eq!(
                    parent,
                    p.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str())
                );
            }
        }
    }
}
