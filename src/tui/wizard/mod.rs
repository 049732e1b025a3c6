//! The drafting wizard: state, steps, undo, validation and autosave. Key handling is in
//! `update.rs`, drawing in `render.rs`; both only read or change this state.

pub mod carried;
pub mod carried_panel;
pub mod check;
pub mod consent;
pub mod draft;
pub mod fields;
pub mod help;
pub mod library;
pub mod load;
pub mod questions;
pub mod render;
pub mod save;
pub mod update;

use std::collections::BTreeMap;
use std::path::PathBuf;

use accord::model::Agreement;
use accord::session::autosave::{Autosave, StepClock};
use accord::session::{Carried, ParkingLot};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use check::Check;
use fields::Field;
use load::{CheckinNotes, WizardInit};

/// The steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Team,
    Presence,
    Rituals,
    Norms,
    Pulse,
    Review,
    Consent,
    Save,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Team,
        Step::Presence,
        Step::Rituals,
        Step::Norms,
        Step::Pulse,
        Step::Review,
        Step::Consent,
        Step::Save,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            Step::Team => "Team & members",
            Step::Presence => "Presence",
            Step::Rituals => "Rituals",
            Step::Norms => "Norms",
            Step::Pulse => "Pulse questions",
            Step::Review => "Review",
            Step::Consent => "Consent round",
            Step::Save => "Save",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Step::Team => "Team",
            Step::Consent => "Consent",
            Step::Pulse => "Pulse",
            s => s.title(),
        }
    }

    /// The workshop's time box for the step; together about an hour.
    pub fn minutes(self) -> u32 {
        match self {
            Step::Team => 5,
            Step::Presence => 8,
            Step::Rituals => 12,
            Step::Norms => 10,
            Step::Pulse => 5,
            Step::Review => 5,
            Step::Consent => 12,
            Step::Save => 3,
        }
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    pub fn prev(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Step::ALL[i])
    }

    /// Steps with a list of records beside the form.
    pub fn has_list(self) -> bool {
        matches!(self, Step::Team | Step::Rituals | Step::Norms | Step::Pulse)
    }

    /// Steps drawn as a form of fields (with or without a list).
    pub fn has_form(self) -> bool {
        self.has_list() || self == Step::Presence
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Form,
}

/// A text field being typed into.
#[derive(Debug, Clone)]
pub struct Editing {
    pub field: Field,
    pub area: crate::tui::widgets::text_field::TextField,
    /// The state before typing began: what Esc restores and undo returns to.
    pub before: Snapshot,
}

/// What undo restores.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub draft: Agreement,
    pub parked: ParkingLot,
    /// The topics parked last time, with what was chosen for each.
    pub carried: Carried,
    pub basis: BTreeMap<String, String>,
}

/// A save that happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub version: u32,
    pub status: accord::model::Status,
}

#[derive(Debug, Clone)]
pub struct Wizard {
    pub team: String,
    pub path: PathBuf,
    pub new: bool,
    pub preset: Option<String>,
    /// The file's text when read (what a save must find on disk), none for a new team.
    pub base: Option<String>,
    /// The agreement as it was on disk, for the version and for consent that still holds.
    pub loaded: Option<Agreement>,
    /// Days from adoption to review for a revision adopted now (a proposal's come from history).
    pub review_days: u64,
    pub draft: Agreement,
    /// For each consent entry, the content of the item it was given to (see `save::fingerprint`).
    pub basis: BTreeMap<String, String>,
    pub parked: ParkingLot,
    /// The topics parked at the last adoption and check-in: take up, keep parked or drop.
    pub carried: Carried,
    /// The "Parked last time" panel is open, this topic selected.
    pub carried_open: Option<usize>,
    pub checkin: Option<CheckinNotes>,
    pub step: Step,
    pub pane: Pane,
    /// Selected record of the Team (0 = the team itself, then members), Rituals, Norms and Pulse
    /// (0 = the subgroups, then questions) lists.
    pub record: [usize; 4],
    pub field: usize,
    pub day_cursor: usize,
    pub editing: Option<Editing>,
    /// Text typed into a field that could not be written to the model, and why.
    pub raw: BTreeMap<Field, (String, String)>,
    pub undo: Vec<Snapshot>,
    pub redo: Vec<Snapshot>,
    pub consent_item: usize,
    pub consent_count: usize,
    /// A digit was typed into the current count (the next digit appends).
    pub consent_typing: bool,
    pub review_scroll: u16,
    pub workshop: bool,
    /// Seconds spent on each step.
    pub elapsed: [u32; Step::ALL.len()],
    pub clock: StepClock,
    /// The first change not yet autosaved.
    pub autosave: Autosave,
    /// Changed since opened or saved: leaving asks first.
    pub unsaved: bool,
    /// An objection sent the user back to edit an item: `n` returns to the consent round.
    pub back_to_consent: bool,
    pub draft_saved_at: Option<NaiveDateTime>,
    pub check: Check,
    pub saved: Option<Saved>,
    /// A save is under way: the text being written.
    pub saving: Option<String>,
    pub today: NaiveDate,
    /// Saves are followed by a commit (when in a git repository); `--no-commit` turns it off.
    pub commit: bool,
}

impl Wizard {
    pub fn new(init: WizardInit, today: NaiveDate) -> Wizard {
        let basis = init
            .loaded
            .as_ref()
            .map(|l| {
                l.consent
                    .iter()
                    .filter_map(|c| Some((c.item.clone(), save::fingerprint(l, &c.item)?)))
                    .collect()
            })
            .unwrap_or_default();
        let mut w = Wizard {
            team: init.team,
            path: init.path,
            new: init.new,
            preset: init.preset,
            base: init.base,
            loaded: init.loaded,
            review_days: init.review_days,
            draft: init.start,
            basis,
            parked: ParkingLot::default(),
            // Opened at once: the lead decides on them before the workshop moves on.
            carried_open: (!init.carried.is_empty()).then_some(0),
            carried: init.carried,
            checkin: init.checkin,
            step: Step::Team,
            pane: Pane::List,
            record: [0; 4],
            field: 0,
            day_cursor: 0,
            editing: None,
            raw: BTreeMap::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            consent_item: 0,
            consent_count: 0,
            consent_typing: false,
            review_scroll: 0,
            workshop: init.workshop,
            elapsed: [0; Step::ALL.len()],
            clock: StepClock::default(),
            autosave: Autosave::default(),
            unsaved: false,
            back_to_consent: false,
            draft_saved_at: None,
            check: Check::default(),
            saved: None,
            saving: None,
            today,
            commit: true,
        };
        w.default_review_date();
        // Dropping items at a check-in is a change the user can undo.
        if let Some(l) = &w.loaded
            && *l != w.draft
        {
            w.undo.push(Snapshot {
                draft: l.clone(),
                parked: ParkingLot::default(),
                carried: w.carried.clone(),
                basis: w.basis.clone(),
            });
        }
        w.recheck();
        w
    }

    /// A review date one review interval ahead (the last version's, or six weeks) unless the
    /// draft already has one still ahead.
    fn default_review_date(&mut self) {
        let ahead = self.draft.review_by.is_some_and(|d| d.0 > self.today);
        if !ahead {
            self.draft.review_by = self
                .today
                .checked_add_days(chrono::Days::new(self.review_days))
                .map(accord::model::Date);
        }
    }

    /// The team's display name, for titles.
    pub fn title(&self) -> String {
        let name = accord::text::sanitize_line(&self.draft.team).into_owned();
        if name.trim().is_empty() {
            self.team.clone()
        } else {
            name
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            draft: self.draft.clone(),
            parked: self.parked.clone(),
            carried: self.carried.clone(),
            basis: self.basis.clone(),
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.draft = s.draft;
        self.parked = s.parked;
        self.carried = s.carried;
        self.basis = s.basis;
        self.raw.clear();
        self.clamp();
    }

    /// Records a change made since `before`: undo entry, autosave, validation.
    pub fn changed(&mut self, before: Snapshot, now: NaiveDateTime) {
        if before == self.snapshot() {
            return;
        }
        self.undo.push(before);
        self.redo.clear();
        self.touch(now);
    }

    /// Marks the work unsaved and due for autosave, and validates it again.
    pub fn touch(&mut self, now: NaiveDateTime) {
        self.unsaved = true;
        self.autosave.changed(now);
        self.recheck();
    }

    /// Applies `f` to the draft; on error nothing changes.
    pub fn apply(
        &mut self,
        now: NaiveDateTime,
        f: impl FnOnce(&mut Agreement) -> Result<(), String>,
    ) -> Result<(), String> {
        let before = self.snapshot();
        let mut next = self.draft.clone();
        f(&mut next)?;
        self.draft = next;
        self.changed(before, now);
        self.clamp();
        Ok(())
    }

    pub fn undo(&mut self, now: NaiveDateTime) -> bool {
        let Some(s) = self.undo.pop() else {
            return false;
        };
        let current = self.snapshot();
        self.redo.push(current);
        self.restore(s);
        self.touch(now);
        true
    }

    pub fn redo(&mut self, now: NaiveDateTime) -> bool {
        let Some(s) = self.redo.pop() else {
            return false;
        };
        let current = self.snapshot();
        self.undo.push(current);
        self.restore(s);
        self.touch(now);
        true
    }

    /// The parking lot Save keeps: the topics kept from last time, then this session's.
    pub fn lot(&self) -> ParkingLot {
        self.carried.lot(&self.parked)
    }

    /// The commit message Save's commit carries for `saved` (the Save step previews it).
    pub fn commit_message(&self, saved: &Agreement) -> String {
        save::commit_message(
            &self.team,
            self.loaded.as_ref(),
            saved,
            &self.lot(),
            &self.carried,
        )
    }

    /// The agreement as Save would write it now.
    pub fn finalised(&self) -> save::Final {
        let f = save::finalise_with(
            &self.draft,
            self.loaded.as_ref(),
            &self.basis,
            self.today,
            self.review_days,
        );
        if !f.content_changed {
            return f;
        }
        // A revision writes every biweekly ritual's `start`, so adopting it never moves the
        // ritual to other weeks (DESIGN: "the wizard writes it").
        let mut draft = self.draft.clone();
        fields::anchor_biweekly(&mut draft, self.loaded.as_ref(), self.today);
        // The start written is the one the ritual had (or gets by today's adoption): the same
        // dates, so consent given to the ritual as it was still holds.
        let mut basis = self.basis.clone();
        for r in &draft.rituals {
            let id = r.id.as_str();
            let was = save::fingerprint(&self.draft, id);
            if basis.get(id).is_some_and(|b| Some(b) == was.as_ref())
                && let Some(now) = save::fingerprint(&draft, id)
            {
                basis.insert(id.to_string(), now);
            }
        }
        save::finalise_with(
            &draft,
            self.loaded.as_ref(),
            &basis,
            self.today,
            self.review_days,
        )
    }

    pub fn recheck(&mut self) {
        let f = self.finalised();
        self.check = check::check(&f.agreement, self.base.as_deref(), &self.path, self.today);
    }

    /// Which list a step's `record` index is for.
    fn list_slot(step: Step) -> Option<usize> {
        match step {
            Step::Team => Some(0),
            Step::Rituals => Some(1),
            Step::Norms => Some(2),
            Step::Pulse => Some(3),
            _ => None,
        }
    }

    pub fn selected(&self) -> usize {
        Self::list_slot(self.step).map_or(0, |s| self.record[s])
    }

    pub fn set_selected(&mut self, i: usize) {
        if let Some(s) = Self::list_slot(self.step) {
            self.record[s] = i;
        }
        self.field = 0;
        self.clamp();
    }

    /// Rows of the current step's list.
    pub fn list_len(&self) -> usize {
        match self.step {
            Step::Team => 1 + self.draft.members.len(),
            Step::Rituals => self.draft.rituals.len(),
            Step::Norms => self.draft.norms.len(),
            Step::Pulse => 1 + self.draft.questions.len(),
            _ => 0,
        }
    }

    /// The fields of the form on screen.
    pub fn form_fields(&self) -> Vec<Field> {
        let sel = self.selected();
        match self.step {
            Step::Team if sel == 0 => fields::team_fields(),
            Step::Team => fields::member_fields(sel - 1),
            Step::Presence => fields::presence_fields(),
            Step::Rituals if sel < self.draft.rituals.len() => fields::ritual_fields(sel),
            Step::Norms if sel < self.draft.norms.len() => fields::norm_fields(sel),
            Step::Pulse if sel == 0 => fields::pulse_fields(),
            Step::Pulse => fields::question_fields(sel - 1),
            Step::Review => vec![Field::ReviewBy],
            _ => Vec::new(),
        }
    }

    pub fn focused_field(&self) -> Option<Field> {
        if self.step.has_list() && self.pane == Pane::List {
            return None;
        }
        self.form_fields().get(self.field).copied()
    }

    /// Keeps every index inside what exists.
    pub fn clamp(&mut self) {
        for (slot, len) in [
            (0, 1 + self.draft.members.len()),
            (1, self.draft.rituals.len()),
            (2, self.draft.norms.len()),
            (3, 1 + self.draft.questions.len()),
        ] {
            self.record[slot] = self.record[slot].min(len.saturating_sub(1));
        }
        let n = self.form_fields().len();
        self.field = self.field.min(n.saturating_sub(1));
        if self.step.has_list() && n == 0 {
            self.pane = Pane::List;
        }
        let items = self.draft.items().count();
        self.consent_item = self.consent_item.min(items.saturating_sub(1));
        self.day_cursor = self.day_cursor.min(6);
    }

    /// The text the autosave writes: wizard state line, then the agreement.
    pub fn draft_text(&self) -> String {
        let meta = draft::Meta {
            step: self.step,
            workshop: self.workshop,
            parked: self.parked.clone(),
            carried: self
                .carried
                .topics()
                .iter()
                .map(|t| (t.topic.clone(), t.choice))
                .collect(),
            basis: self.basis.clone(),
            elapsed: Vec::new(),
            timers: Step::ALL
                .iter()
                .map(|s| (*s, self.elapsed[s.index()]))
                .filter(|(_, secs)| *secs > 0)
                .collect(),
            base: self.base.clone(),
            preset: self.preset.clone(),
        };
        let toml = accord::store::canonical::render(
            &self.draft,
            accord::model::FileKind::Agreement,
            self.base.as_deref(),
        );
        draft::encode(&meta, &toml)
    }

    /// Takes up a recovered draft.
    pub fn recover(&mut self, meta: draft::Meta, a: Agreement, now: NaiveDateTime) {
        for (step, secs) in meta.timers() {
            self.elapsed[step.index()] = secs;
        }
        self.draft = a;
        self.step = meta.step;
        self.workshop = meta.workshop;
        self.parked = meta.parked;
        // The choices made before the terminal went; a topic no longer parked is let go.
        for (topic, choice) in &meta.carried {
            let _ = self.carried.choose(topic, *choice);
        }
        self.basis = meta.basis;
        // The text the draft started from: a file changed since then is not overwritten silently.
        self.base = meta.base;
        if self.preset.is_none() {
            self.preset = meta.preset;
        }
        self.undo.clear();
        self.redo.clear();
        self.pane = if self.step.has_list() {
            Pane::List
        } else {
            Pane::Form
        };
        self.unsaved = true;
        self.clamp();
        self.recheck();
        self.clock.restart(now);
    }
}

#[cfg(test)]
mod tests {
    use super::Step;

    #[test]
    fn the_time_boxes_make_an_hour_and_the_pulse_follows_the_norms() {
        let total: u32 = Step::ALL.iter().map(|s| s.minutes()).sum();
        assert_eq!(total, 60, "the progress line promises 60:00");
        assert_eq!(Step::Norms.next(), Some(Step::Pulse));
        assert_eq!(Step::Pulse.next(), Some(Step::Review));
        assert!(Step::Pulse.has_list() && Step::Pulse.has_form());
        assert!(Step::ALL.iter().enumerate().all(|(i, s)| s.index() == i));
    }
}
