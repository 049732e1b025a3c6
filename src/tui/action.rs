//! Everything that can happen to the app (`Action`), the commands keys map to (`Cmd`), and the
//! IO the app asks for (`Effect`). `update` turns actions into state changes and effects; the run
//! loop performs effects on a worker thread and feeds their results back as actions.

use std::path::PathBuf;

use accord::diag::Diagnostic;
use accord::model::Agreement;
use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::checkin::io::{CheckinEffect, CheckinEvent};
use super::teams::TeamRow;
use super::wizard::load::{WizardInit, WizardRequest};

#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// A bracketed paste: text for the field being typed into, never keys.
    Paste(String),
    Resize(u16, u16),
    /// The clock moved on: timers, autosave.
    Tick(NaiveDateTime),
    /// A command, as the key table names it (tests and mouse clicks send these directly).
    Cmd(Cmd),
    /// Results of effects.
    TeamsLoaded(Result<Vec<TeamRow>, Diagnostic>),
    WizardReady(Result<Box<WizardInit>, Diagnostic>),
    DraftSaved(Result<(), String>),
    Written(Result<(), WriteFailure>),
    Reloaded(Result<Box<(String, Agreement)>, Diagnostic>),
    /// Results of the check-in flow's IO.
    Checkin(CheckinEvent),
    Committed(Committed),
    /// A team's dashboard figures (for the dashboard of `team`, if still open).
    DashboardLoaded {
        team: String,
        result: Result<Box<super::dashboard::Dashboard>, Diagnostic>,
    },
    ReportLoaded(Result<accord::doc::Document, String>),
    /// The share summary was written, or not (and why).
    Shared(super::share::Shared),
    HistoryLoaded {
        team: String,
        result: Result<Vec<super::history::Rev>, String>,
    },
}

/// What a screen's update asks of the app, instead of reaching into it: where to go, the IO
/// to perform, a word for the status line. The app carries it out (`update::carry_out`).
#[derive(Debug, Default)]
pub struct Out {
    pub nav: Option<Nav>,
    pub effects: Vec<Effect>,
    pub info: Option<String>,
    pub error: Option<String>,
    pub dialog: Option<super::app::Dialog>,
}

#[derive(Debug)]
pub enum Nav {
    /// Leave this screen for the one under it.
    Back,
    /// Leave the app.
    Quit,
    /// Leave the wizard (the app knows what to refresh under it).
    Leave(super::wizard::update::Leave),
    /// Open a screen on top of this one.
    Push(Box<super::app::Screen>),
}

impl Out {
    pub fn none() -> Out {
        Out::default()
    }
    pub fn back() -> Out {
        Out {
            nav: Some(Nav::Back),
            ..Out::default()
        }
    }
    pub fn quit() -> Out {
        Out {
            nav: Some(Nav::Quit),
            ..Out::default()
        }
    }
    pub fn effect(e: Effect) -> Out {
        Out {
            effects: vec![e],
            ..Out::default()
        }
    }
    /// Opens `screen`, with the IO that fills it.
    pub fn push(screen: super::app::Screen, effects: Vec<Effect>) -> Out {
        Out {
            nav: Some(Nav::Push(Box::new(screen))),
            effects,
            ..Out::default()
        }
    }
    pub fn info(text: impl Into<String>) -> Out {
        Out {
            info: Some(text.into()),
            ..Out::default()
        }
    }
    pub fn error(text: impl Into<String>) -> Out {
        Out {
            error: Some(text.into()),
            ..Out::default()
        }
    }
    pub fn dialog(d: super::app::Dialog) -> Out {
        Out {
            dialog: Some(d),
            ..Out::default()
        }
    }
    /// This, with an effect after it.
    pub fn and(mut self, e: Effect) -> Out {
        self.effects.push(e);
        self
    }
}

/// What came of committing a saved file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Committed {
    /// The commit's short id and subject.
    Done { id: String, subject: String },
    /// The file is as in the last commit.
    NothingToCommit,
    /// The folder is not in a git repository: saving is all there is.
    NoRepository,
    /// Committing is switched off (`--no-commit`).
    Off,
    /// Git refused: the file is saved, not committed. Message and what to do.
    Refused { message: String, hint: String },
}

impl Committed {
    /// For the status line, after "Saved FILE · ".
    pub fn status(&self) -> String {
        match self {
            Committed::Done { id, subject } => format!("committed {id} \"{subject}\""),
            Committed::NothingToCommit => "nothing to commit: as in the last commit".into(),
            Committed::NoRepository => {
                "not committed: the folder is not in a git repository".into()
            }
            Committed::Off => "not committed (--no-commit)".into(),
            Committed::Refused { message, hint } if hint.is_empty() => {
                format!("saved, but not committed: {message}")
            }
            Committed::Refused { message, hint } => {
                format!("saved, but not committed: {message} ({hint})")
            }
        }
    }

    /// Whether git refused: the file is saved, but the user has something to put right.
    pub fn refused(&self) -> bool {
        matches!(self, Committed::Refused { .. })
    }
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteFailure {
    /// The file is not what the wizard read: someone else changed it.
    ChangedOnDisk,
    /// Could not write: message and what to do.
    Io { message: String, hint: String },
}

/// IO the app asks the run loop for; never performed inside `update` or `render`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Keep the unsaved wizard state in the user's data directory.
    SaveDraft { team: String, text: String },
    /// Forget the draft: saved, or discarded on purpose.
    RemoveDraft { team: String },
    /// Write the agreement, only if the file still holds `expected`.
    WriteAgreement {
        path: PathBuf,
        expected: Option<String>,
        text: String,
    },
    /// Read the agreement again (after it changed on disk).
    ReloadAgreement { path: PathBuf },
    /// Prepare the wizard for a team (files, last check-in, draft) and open it.
    OpenWizard(WizardRequest),
    /// Read the teams of the folder again.
    LoadTeams,
    /// The check-in flow's IO (open, draft, save and commit).
    Checkin(CheckinEffect),
    /// Commit exactly these files (just written by Accord) with the user's git.
    Commit {
        files: Vec<PathBuf>,
        message: String,
    },
    /// Score a team's check-ins for its dashboard, as of `today`.
    LoadDashboard {
        team: String,
        today: chrono::NaiveDate,
    },
    /// Read a team's revisions from git for the history browser.
    LoadHistory { team: String },
    /// Build the cross-team report as of `today`.
    LoadReport { today: chrono::NaiveDate },
    /// Write a check-in's share summary to a file.
    Share(super::share::ShareRequest),
}

/// What a key or a click asks for. One enum, so the key table, the footer, the help and the
/// tests all speak the same language. The names are those of the `[keys]` table of the user's
/// config file (`save = ["ctrl-s"]`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Cmd {
    Quit,
    Back,
    Help,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: open the selection, edit the field, choose.
    Open,
    /// Tab: the other pane, the next section.
    SwitchPane,
    Toggle,
    Add,
    Delete,
    Edit,
    New,
    Reload,
    NextStep,
    PrevStep,
    Undo,
    Redo,
    Workshop,
    /// The next theme (dark, light, high contrast).
    Theme,
    Park,
    Save,
    /// Consent round: record the counts and go to the next item.
    Record,
    NextItem,
    PrevItem,
    Increase,
    Decrease,
    Digit(u8),
    Backspace,
    // Dialog answers.
    Yes,
    No,
    Keep,
    Discard,
    EditItem,
    ParkItem,
    /// Open the check-in flow (teams screen).
    CheckIn,
    /// Pulse: close the round and show what the threshold allows.
    CloseRound,
    /// Back to the derived value (a ritual's planned count).
    Reset,
    /// Open the team's dashboard (adherence over its check-ins).
    Dashboard,
    /// Open the history browser / the member's week for the team in view.
    History,
    Week,
    Report,
    /// Check-in: record a win (any step).
    Win,
    /// Check-in decisions: the next member as the decision's owner; type its due date; take
    /// the proposal of a trial due.
    Owner,
    Due,
    Accept,
    /// Wizard: open the topics parked last time; choose for the one selected there.
    ParkedLastTime,
    TakeUp,
    KeepParked,
    DropTopic,
    /// Write the share summary of a check-in to a file (check-in summary, dashboard).
    Share,
}

impl Cmd {
    /// Where a scrolling command (a line, a page, either end) moves a view now at `at`, kept
    /// within `0..=max`; `None` for any other command. The screens that scroll share it.
    pub fn scrolled(self, at: u16, page: u16, max: u16) -> Option<u16> {
        match self {
            Cmd::Up => Some(at.saturating_sub(1)),
            Cmd::Down => Some(at.saturating_add(1).min(max)),
            Cmd::PageUp => Some(at.saturating_sub(page)),
            Cmd::PageDown => Some(at.saturating_add(page).min(max)),
            Cmd::Home => Some(0),
            Cmd::End => Some(max),
            _ => None,
        }
    }
}
