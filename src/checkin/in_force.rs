//! Which agreement version a check-in measures: the one in force on the last day it reviews
//! (`to`), not the one adopted on the day of the check-in. A period that ran under v3 is
//! scored against v3's rituals even when v4 was adopted this morning.

use std::path::Path;

use chrono::NaiveDate;

use crate::model::{Agreement, Status};
use crate::validate::HistoryLookup;

/// The versions of one agreement a check-in can be measured against: the current file and the
/// earlier adopted versions that git history holds.
#[derive(Debug, Clone)]
pub struct Revisions {
    /// Newest first; the current file is always the first.
    newest_first: Vec<Agreement>,
}

/// The version in force on a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InForce<'a> {
    /// The newest known version adopted on or before the day.
    Found(&'a Agreement),
    /// The day is before every known version's adoption: the oldest known one, and the
    /// version before it, which history does not hold (`None` when the oldest is v1).
    BeforeKnown {
        oldest: &'a Agreement,
        missing: Option<u32>,
    },
}

impl<'a> InForce<'a> {
    pub fn agreement(self) -> &'a Agreement {
        match self {
            InForce::Found(a) | InForce::BeforeKnown { oldest: a, .. } => a,
        }
    }
}

impl Revisions {
    /// `earlier` may come in any order and hold drafts or duplicates: only adopted versions
    /// older than `current` are kept, one per version number.
    pub fn new(current: Agreement, earlier: Vec<Agreement>) -> Self {
        let mut older: Vec<Agreement> = earlier
            .into_iter()
            .filter(|a| a.version < current.version && a.status == Status::Active)
            .filter(|a| a.adopted.is_some())
            .collect();
        older.sort_by_key(|a| std::cmp::Reverse(a.version));
        older.dedup_by_key(|a| a.version);
        let mut newest_first = vec![current];
        newest_first.extend(older);
        Revisions { newest_first }
    }

    /// The earlier versions of the agreement at `path`, read from `history` (one walk of the
    /// file's history, whatever the number of versions).
    pub fn from_history(current: Agreement, path: &Path, history: &dyn HistoryLookup) -> Self {
        let earlier = (1..current.version)
            .rev()
            .filter_map(|v| history.agreement_at_version(path, v))
            .collect();
        Revisions::new(current, earlier)
    }

    pub fn current(&self) -> &Agreement {
        &self.newest_first[0]
    }

    /// The newest version with an adoption date (the current file, unless it is a proposal).
    pub fn last_adopted(&self) -> Option<&Agreement> {
        self.newest_first.iter().find(|a| a.adopted.is_some())
    }

    /// The version in force on `day`. A version without an `adopted` date (only the current
    /// file can be one) counts as in force from the start.
    pub fn in_force_on(&self, day: NaiveDate) -> InForce<'_> {
        if let Some(a) = self
            .newest_first
            .iter()
            .find(|a| a.adopted.is_none_or(|d| d.0 <= day))
        {
            return InForce::Found(a);
        }
        let oldest = self.newest_first.last().unwrap_or(self.current());
        InForce::BeforeKnown {
            oldest,
            missing: oldest.version.checked_sub(1).filter(|v| *v >= 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn version(v: u32, adopted: &str) -> Agreement {
        let mut a: Agreement = toml::from_str(&format!(
            "schema = 1\nteam = \"T\"\nversion = {v}\nstatus = \"active\"\nadopted = {adopted}\nreview_by = 2027-06-01\n"
        ))
        .unwrap();
        a.adopted = Some(Date(adopted.parse().unwrap()));
        a
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_version_adopted_on_or_before_the_last_day_is_in_force() {
        let r = Revisions::new(
            version(4, "2026-11-20"),
            vec![version(2, "2026-09-01"), version(3, "2026-10-01")],
        );
        assert_eq!(r.in_force_on(day("2026-11-19")).agreement().version, 3);
        assert_eq!(r.in_force_on(day("2026-11-20")).agreement().version, 4);
        assert_eq!(r.in_force_on(day("2026-09-30")).agreement().version, 2);
        assert_eq!(
            r.in_force_on(day("2026-08-01")),
            InForce::BeforeKnown {
                oldest: &version(2, "2026-09-01"),
                missing: Some(1)
            }
        );
    }

    #[test]
    fn drafts_newer_versions_and_duplicates_from_history_are_ignored() {
        let mut draft = version(3, "2026-10-01");
        draft.status = Status::Draft;
        let r = Revisions::new(
            version(3, "2026-11-20"),
            vec![
                draft,
                version(5, "2026-01-01"),
                version(2, "2026-09-01"),
                version(2, "2026-09-01"),
            ],
        );
        assert_eq!(r.newest_first.len(), 2);
        assert_eq!(r.in_force_on(day("2026-11-01")).agreement().version, 2);
    }
}
