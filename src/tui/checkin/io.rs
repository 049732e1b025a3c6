//! The flow's IO, performed by the worker: opening a session (folder, settings, last check-in,
//! the check-in draft), keeping the draft, and saving + committing the check-in.

use accord::checkin::{PeriodChoice, Session, ToSave};
use accord::diag::Diagnostic;
use accord::store::Workspace;
use accord::store::drafts::{DraftKind, Drafts};
use chrono::NaiveDate;

use super::Saved;
use crate::tui::action::{Action, Committed};
use crate::tui::worker::{Io, commit};

/// What to open the flow on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinRequest {
    pub team: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub workshop: bool,
}

/// A session ready for the screens, with what the user should know about how it started.
#[derive(Debug, Clone)]
pub struct CheckinInit {
    pub session: Session,
    pub workshop: bool,
    pub notices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CheckinEffect {
    Open {
        req: CheckinRequest,
        today: NaiveDate,
    },
    /// Keep what was entered so far in the user's data directory.
    SaveDraft { team: String, text: String },
    /// Forget the draft: the user discarded it on leaving.
    RemoveDraft { team: String },
    /// Write the file (never over an existing one), forget the draft, commit when in a repository.
    Save(ToSave),
}

#[derive(Debug)]
pub enum CheckinEvent {
    Ready(Result<Box<CheckinInit>, Diagnostic>),
    DraftSaved(Result<(), String>),
    Saved(Result<Saved, Diagnostic>),
}

/// Prepares the flow: the session with the check-in draft (from `accord import-presence` or an
/// earlier session) merged in.
pub fn open(
    ws: &Workspace,
    drafts: Option<&Drafts>,
    req: &CheckinRequest,
    today: NaiveDate,
) -> Result<CheckinInit, Diagnostic> {
    let choice = PeriodChoice {
        from: req.from,
        to: req.to,
    };
    let session = Session::start(ws, &req.team, drafts, today, choice)?;
    let mut notices = Vec::new();
    if let Some(d) = drafts.and_then(|d| d.load(session.team(), DraftKind::CheckIn)) {
        let when = d
            .saved_at
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format(" of %a %-d %b %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        notices.push(format!(
            "Started from the check-in draft{when} (import-presence or an earlier session); leaving with d discards it"
        ));
    }
    Ok(CheckinInit {
        session,
        workshop: req.workshop,
        notices,
    })
}

pub fn perform(io: &Io, effect: CheckinEffect) -> Option<Action> {
    let event = match effect {
        CheckinEffect::Open { req, today } => {
            CheckinEvent::Ready(open(&io.workspace, io.drafts.as_ref(), &req, today).map(Box::new))
        }
        CheckinEffect::SaveDraft { team, text } => CheckinEvent::DraftSaved(match &io.drafts {
            Some(d) => d
                .save(&team, DraftKind::CheckIn, &text)
                .map_err(|e| format!("{e} ({})", e.hint())),
            None => Err("there is no data directory: set ACCORD_DATA_DIR".into()),
        }),
        CheckinEffect::RemoveDraft { team } => {
            let r = io
                .drafts
                .as_ref()
                .map(|d| d.remove(&team, DraftKind::CheckIn));
            match r {
                Some(Err(e)) => {
                    CheckinEvent::DraftSaved(Err(format!("the draft could not be removed: {e}")))
                }
                _ => return None,
            }
        }
        CheckinEffect::Save(file) => CheckinEvent::Saved(save(io, &file)),
    };
    Some(Action::Checkin(event))
}

/// The library writes the file (the save its tests cover); the worker commits it.
fn save(io: &Io, file: &ToSave) -> Result<Saved, Diagnostic> {
    let path = file.write(io.drafts.as_ref())?;
    let commit = if io.commit {
        commit(std::slice::from_ref(&path), &file.message)
    } else {
        Committed::Off
    };
    Ok(Saved { path, commit })
}
