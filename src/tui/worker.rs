//! Performs effects: file IO, off the thread that draws and reads keys.

use std::sync::mpsc::{Receiver, Sender};

use accord::model::Agreement;
use accord::source::Source;
use accord::store::drafts::{DraftKind, Drafts};
use accord::store::{Workspace, WriteError, write_if_unchanged};

use super::action::{Action, Committed, Effect, WriteFailure};
use super::app::Ctx;
use super::teams;
use super::wizard::load::prepare;

/// What the worker needs from the outside world.
#[derive(Debug, Clone)]
pub struct Io {
    pub workspace: Workspace,
    pub drafts: Option<Drafts>,
    pub commit: bool,
    /// The app's today (injected), for rules that read the date.
    pub today: chrono::NaiveDate,
}

impl Io {
    pub fn of(ctx: &Ctx) -> Io {
        Io {
            workspace: ctx.workspace.clone(),
            drafts: ctx.drafts.clone(),
            commit: ctx.commit,
            today: ctx.today,
        }
    }
}

/// One effect, performed; its result as an action for `update`, if it has one.
pub fn perform(io: &Io, effect: Effect) -> Option<Action> {
    match effect {
        Effect::SaveDraft { team, text } => Some(Action::DraftSaved(match &io.drafts {
            Some(d) => d
                .save(&team, DraftKind::Agreement, &text)
                .map_err(|e| format!("{e} ({})", e.hint())),
            None => Err("there is no data directory: set ACCORD_DATA_DIR".into()),
        })),
        Effect::RemoveDraft { team } => {
            if let Some(d) = &io.drafts
                && let Err(e) = d.remove(&team, DraftKind::Agreement)
            {
                return Some(Action::DraftSaved(Err(format!(
                    "the old draft could not be removed: {e}"
                ))));
            }
            None
        }
        Effect::WriteAgreement {
            path,
            expected,
            text,
        } => Some(Action::Written(
            write_if_unchanged(&path, expected.as_deref(), text.as_bytes()).map_err(|e| match e {
                WriteError::ChangedOnDisk { .. } => WriteFailure::ChangedOnDisk,
                other => WriteFailure::Io {
                    hint: other.hint().to_string(),
                    message: other.to_string(),
                },
            }),
        )),
        Effect::ReloadAgreement { path } => {
            Some(Action::Reloaded(Source::read(&path).and_then(|src| {
                let a = accord::parse::parse::<Agreement>(&src)?;
                Ok(Box::new((src.text, a)))
            })))
        }
        Effect::OpenWizard(req) => Some(Action::WizardReady(
            prepare(&io.workspace, io.drafts.as_ref(), &req, io.today).map(Box::new),
        )),
        Effect::LoadTeams => Some(Action::TeamsLoaded(teams::load(
            &io.workspace,
            io.drafts.as_ref(),
            io.today,
        ))),
        Effect::Checkin(e) => super::checkin::io::perform(io, e),
        Effect::Share(req) => Some(super::share::perform(io, req)),
        Effect::LoadReport { today } => Some(Action::ReportLoaded(super::report::load(
            &io.workspace,
            today,
        ))),
        Effect::LoadDashboard { team, today } => Some(Action::DashboardLoaded {
            result: super::dashboard::load::load(&io.workspace, &team, today).map(Box::new),
            team,
        }),
        Effect::LoadHistory { team } => Some(Action::HistoryLoaded {
            result: super::history::load(&io.workspace, &team),
            team,
        }),
        Effect::Commit { files, message } => Some(Action::Committed(if io.commit {
            commit(&files, &message)
        } else {
            Committed::Off
        })),
    }
}

/// Commits files just saved, when they are in a repository; never touches anything else.
/// The wizard's saves and the check-in's both commit through here.
pub(super) fn commit(files: &[std::path::PathBuf], message: &str) -> Committed {
    let Some(first) = files.first() else {
        return Committed::NothingToCommit;
    };
    if accord::git::work_tree_of(first).is_none() {
        return Committed::NoRepository;
    }
    let refused = |d: accord::diag::Diagnostic| Committed::Refused {
        message: d.message,
        hint: d.hint.unwrap_or_default(),
    };
    let repo = match accord::git::Repo::discover(first) {
        Ok(r) => r,
        Err(d) => return refused(d),
    };
    match repo.commit(files, message) {
        Ok(id) => Committed::Done {
            id: id[..id.len().min(7)].to_string(),
            subject: message.lines().next().unwrap_or("").to_string(),
        },
        Err(d) if d.code == "nothing-to-commit" => Committed::NothingToCommit,
        Err(d) => refused(d),
    }
}

/// The worker thread's loop: effects in order, until the app drops its sender.
pub fn serve(io: Io, effects: Receiver<Effect>, results: Sender<Action>) {
    for e in effects {
        if let Some(a) = perform(&io, e)
            && results.send(a).is_err()
        {
            break;
        }
    }
}
