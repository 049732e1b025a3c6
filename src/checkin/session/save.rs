//! The summary step and saving: scores, what is still blank, validation, the file.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Session, Unanswered};
use crate::adherence::{CheckinScores, score};
use crate::diag::Diagnostic;
use crate::model::FileKind;
use crate::source::Source;
use crate::store::canonical::render;
use crate::store::drafts::{DraftKind, Drafts};
use crate::store::{Workspace, WriteError, write_if_unchanged};
use crate::validate::{VersionLookup, checkin_rules, followup_rules};

impl Session {
    /// The scores of the check-in as recorded so far (the summary step).
    pub fn scores(&self) -> CheckinScores {
        score(&self.checkin, &self.agreement, self.min)
    }

    pub fn unanswered(&self) -> Unanswered {
        Unanswered {
            presence_days: self
                .checkin
                .presence
                .iter()
                .map(|d| d.date.0)
                .filter(|d| !self.entered_days.contains(d))
                .collect(),
            rituals: self
                .agreement
                .rituals
                .iter()
                .map(|r| r.id.to_string())
                .filter(|id| !self.entered_rituals.contains(id))
                .collect(),
            norms: self
                .agreement
                .norms
                .iter()
                .filter(|n| self.checkin.norm(n.id.as_str()).is_none())
                .map(|n| n.id.to_string())
                .collect(),
        }
    }

    /// Where the check-in will be saved.
    pub fn path(&self, ws: &Workspace) -> PathBuf {
        ws.checkin_path(&self.team, self.checkin.date.0)
    }

    /// The file as it will be written (canonical form).
    pub fn render(&self) -> String {
        render(&self.checkin, FileKind::CheckIn, None)
    }

    /// What `validate` would say about the file (errors stop [`Session::save`]).
    pub fn problems(&self, ws: &Workspace) -> Vec<Diagnostic> {
        let path = self.path(ws);
        let src = Source::new(&path, self.render());
        let stem = path.file_stem().and_then(|s| s.to_str());
        let mut found = checkin_rules(
            &src,
            &self.checkin,
            stem,
            VersionLookup::Found(&self.agreement),
            self.min,
        );
        found.extend(followup_rules(&src, &self.checkin, &self.earlier));
        found
    }

    /// The file, where it goes and its commit message, once the checks `accord validate` makes
    /// pass: what [`Session::save`] writes, and what the app hands its worker to write.
    pub fn to_save(&self, ws: &Workspace) -> Result<ToSave, Diagnostic> {
        if self.round.is_some() {
            return Err(
                Diagnostic::error("pulse-open", "the pulse round is still open").with_hint(
                    "close the round (or cancel it) before saving, so no answer is lost",
                ),
            );
        }
        if let Some(e) = self.problems(ws).into_iter().find(Diagnostic::is_error) {
            return Err(e);
        }
        Ok(ToSave {
            team: self.team.clone(),
            date: self.checkin.date.0,
            path: self.path(ws),
            text: self.render(),
            message: crate::git::message::checkin_with(
                &self.team,
                &self.checkin,
                &self.lot_to_save(),
                &self.carried.taken_up(),
            ),
        })
    }

    /// Writes `TEAM/checkins/DATE.toml` (never over an existing file) and forgets the draft.
    /// Committing it is the caller's step (the app commits when in a repository).
    pub fn save(&self, ws: &Workspace, drafts: Option<&Drafts>) -> Result<PathBuf, Diagnostic> {
        self.to_save(ws)?.write(drafts)
    }
}

/// A checked check-in ready to be written: plain data, so the app's worker can write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToSave {
    pub team: String,
    pub date: NaiveDate,
    pub path: PathBuf,
    pub text: String,
    /// The commit message (the check-in's figures, the parked topics, the trailers).
    pub message: String,
}

impl ToSave {
    /// Writes the file (never over an existing one) and forgets the team's check-in draft.
    pub fn write(&self, drafts: Option<&Drafts>) -> Result<PathBuf, Diagnostic> {
        let path = &self.path;
        write_if_unchanged(path, None, self.text.as_bytes()).map_err(|e| match e {
            WriteError::ChangedOnDisk { .. } => Diagnostic::error(
                "checkin-exists",
                format!("there is already a check-in dated {}", self.date),
            )
            .at_file(path)
            .with_hint("edit that file, or move it aside and save again; nothing was overwritten"),
            other => {
                let hint = other.hint();
                Diagnostic::error("write", other.to_string()).with_hint(hint)
            }
        })?;
        if let Some(d) = drafts {
            // The check-in is saved; a draft left behind is only clutter, never a loss.
            let _ = d.remove(&self.team, DraftKind::CheckIn);
        }
        Ok(path.clone())
    }
}
