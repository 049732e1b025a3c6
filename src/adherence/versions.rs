//! The agreement version a check-in names: the current file when the versions match, else
//! git history (through [`HistoryLookup`]); never silently another version.

use std::collections::HashMap;
use std::path::PathBuf;

use super::score::VersionProblem;
use crate::model::Agreement;
use crate::validate::HistoryLookup;

/// The versions of one team's agreement, looked up once each.
pub struct Versions<'h> {
    path: PathBuf,
    current: Option<Agreement>,
    history: &'h dyn HistoryLookup,
    older: HashMap<u32, Option<Agreement>>,
}

impl<'h> Versions<'h> {
    /// `current` is the agreement file as it is now (`None` when it is missing or unreadable).
    pub fn new(
        agreement_path: impl Into<PathBuf>,
        current: Option<Agreement>,
        history: &'h dyn HistoryLookup,
    ) -> Self {
        Versions {
            path: agreement_path.into(),
            current,
            history,
            older: HashMap::new(),
        }
    }

    pub fn current(&self) -> Option<&Agreement> {
        self.current.as_ref()
    }

    /// The agreement at `version`, or why it cannot be had.
    pub fn get(&mut self, version: u32) -> Result<&Agreement, VersionProblem> {
        let Some(current) = &self.current else {
            return Err(VersionProblem::NoAgreement);
        };
        let now = current.version;
        if version == now {
            return Ok(current);
        }
        if version > now {
            return Err(VersionProblem::Future {
                version,
                current: now,
            });
        }
        let (path, history) = (&self.path, self.history);
        self.older
            .entry(version)
            .or_insert_with(|| {
                // History that answers with another version is not trusted: it would change
                // what an old check-in means.
                history
                    .agreement_at_version(path, version)
                    .filter(|a| a.version == version)
            })
            .as_ref()
            .ok_or(VersionProblem::NotFound {
                version,
                current: now,
            })
    }
}
