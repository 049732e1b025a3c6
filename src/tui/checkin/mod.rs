//! The check-in flow: period → presence → rituals → norms → pulse → decisions → summary and
//! save. The state wraps an [`accord::checkin::Session`] (which holds every rule); this module
//! adds what the screens need: the selection, typing, the hidden pulse entry, the leave prompt.

pub mod io;
pub mod render;
pub mod steps;
pub mod update;

use accord::checkin::{HiddenEntry, Session, Step};
use accord::session::autosave::{Autosave, StepClock};
use chrono::{NaiveDate, NaiveDateTime};

use super::keymap::Scope;

/// Which number of a row the digits, + and - change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// Presence: present; rituals: held.
    First,
    /// Presence: expected; rituals: planned.
    Second,
}

/// What a text field being typed into is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    From,
    To,
    RitualNote(String),
    NormNote(String),
    DecisionNote(String),
    /// The note on the answer to an open action (its index in the follow-up step).
    FollowupNote(usize),
    /// A win (typed on the message line, on any step), about an item or none; or a win of
    /// the summary's list being edited.
    Win(Option<String>),
    EditWin(usize),
    /// A due date for the decision on an item.
    Due(String),
    /// A topic for the parking lot (typed on the message line, on any step).
    Park,
    /// Counts per score per question, from answers given outside the room.
    Tally,
}

#[derive(Debug, Clone)]
pub struct Typing {
    pub target: Target,
    pub area: crate::tui::widgets::text_field::TextField,
}

/// How the save went: where the file is, and the commit or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: std::path::PathBuf,
    pub commit: super::action::Committed,
}

#[derive(Debug, Clone)]
pub struct CheckinState {
    pub session: Session,
    pub step: Step,
    /// The selected row of the step (field, day, ritual, norm, item).
    pub row: usize,
    pub col: Col,
    /// Digits typed into the selected number so far (the next digit appends).
    pub digits: bool,
    pub typing: Option<Typing>,
    /// Someone is answering the pulse: every key goes into the hidden entry.
    pub entry: Option<HiddenEntry>,
    /// Presence days left out on purpose (closures, holidays), so they can be put back.
    pub left_out: Vec<NaiveDate>,
    pub workshop: bool,
    /// The "leave with entered data?" prompt is open.
    pub leaving: bool,
    /// Something was entered since the flow opened (leaving asks first).
    pub touched: bool,
    /// Changed since the draft was last kept.
    pub autosave: Autosave,
    pub draft_saved_at: Option<NaiveDateTime>,
    /// What the step says about the last key (a refused value, a hint).
    pub message: Option<String>,
    /// Opening notes: the draft used, entries of it that did not fit.
    pub notices: Vec<String>,
    pub saving: bool,
    pub saved: Option<Saved>,
    /// Seconds spent on each step (workshop timer).
    pub elapsed: [u32; 8],
    pub clock: StepClock,
    /// Scroll of the summary.
    pub scroll: u16,
}

impl CheckinState {
    pub fn new(session: Session, workshop: bool, notices: Vec<String>) -> Self {
        let mut notices = notices;
        notices.extend(session.notes().iter().map(update::diagnostic_text));
        CheckinState {
            step: session.steps()[0],
            session,
            row: 0,
            col: Col::First,
            digits: false,
            typing: None,
            entry: None,
            left_out: Vec::new(),
            workshop,
            leaving: false,
            touched: false,
            autosave: Autosave::default(),
            draft_saved_at: None,
            message: None,
            notices,
            saving: false,
            saved: None,
            elapsed: [0; 8],
            clock: StepClock::default(),
            scroll: 0,
        }
    }

    pub fn team(&self) -> &str {
        self.session.team()
    }

    /// The team's display name, safe for the terminal.
    pub fn title(&self) -> String {
        accord::text::sanitize_line(&self.session.agreement().team).into_owned()
    }

    pub fn steps(&self) -> Vec<Step> {
        self.session.steps()
    }

    /// Position of the current step among those that apply.
    pub fn index(&self) -> usize {
        self.steps()
            .iter()
            .position(|s| *s == self.step)
            .unwrap_or(0)
    }

    /// Index of a step in [`Step::ALL`] (for the per-step timer).
    pub fn slot(step: Step) -> usize {
        Step::ALL.iter().position(|s| *s == step).unwrap_or(0)
    }

    /// Rows of the presence table: recorded days and days left out, by date.
    pub fn presence_rows(&self) -> Vec<(NaiveDate, Option<(u32, u32)>)> {
        let mut rows: Vec<(NaiveDate, Option<(u32, u32)>)> = self
            .session
            .presence_days()
            .iter()
            .map(|d| (d.date.0, Some((d.present, d.expected))))
            .collect();
        let period = self.session.period();
        rows.extend(
            self.left_out
                .iter()
                .filter(|d| period.contains(**d))
                .map(|d| (*d, None)),
        );
        rows.sort_by_key(|r| r.0);
        rows
    }

    /// How many rows the current step lists.
    pub fn rows(&self) -> usize {
        match self.step {
            // The open actions, then the topics parked last time.
            Step::Followups => {
                self.session.followups().len() + self.session.carried().topics().len()
            }
            Step::Period => 2,
            Step::Presence => self.presence_rows().len(),
            Step::Rituals => self.session.agreement().rituals.len(),
            Step::Norms => self.session.agreement().norms.len(),
            Step::Decisions => self.session.items().len(),
            Step::Pulse => 0,
            Step::Summary => self.session.wins().len(),
        }
    }

    /// A text field of the step itself is open (not the parking lot's or a win's, on the
    /// message line).
    pub fn typing_in_step(&self) -> bool {
        self.typing
            .as_ref()
            .is_some_and(|t| !matches!(t.target, Target::Park | Target::Win(_)))
    }

    /// Something to lose on leaving: entered here and not saved.
    pub fn unsaved(&self) -> bool {
        self.touched && self.saved.is_none()
    }

    /// Marks a change: the draft is kept shortly after.
    pub fn changed(&mut self, now: NaiveDateTime) {
        self.touched = true;
        self.autosave.changed(now);
    }
}

/// The key scopes of the flow, most specific first (the caller adds the global ones).
pub fn scopes(c: &CheckinState) -> Vec<Scope> {
    if c.leaving {
        return vec![Scope::ConfirmQuit];
    }
    if c.typing.is_some() {
        return vec![Scope::Editing];
    }
    if c.entry.is_some() {
        return vec![Scope::CheckinPulseEntry];
    }
    let step = match c.step {
        Step::Period => vec![Scope::CheckinPeriod],
        Step::Presence => vec![Scope::CheckinNumbers, Scope::CheckinPresence],
        Step::Rituals => vec![Scope::CheckinNumbers, Scope::CheckinRituals],
        Step::Followups | Step::Norms => vec![Scope::CheckinChoice],
        Step::Decisions => vec![Scope::CheckinDecisions, Scope::CheckinChoice],
        Step::Pulse => vec![Scope::CheckinPulse],
        Step::Summary if !c.session.wins().is_empty() => {
            vec![Scope::CheckinWins, Scope::CheckinSummary]
        }
        Step::Summary => vec![Scope::CheckinSummary],
    };
    let mut s = step;
    s.push(Scope::Checkin);
    s
}
