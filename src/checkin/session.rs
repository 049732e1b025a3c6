//! The state of one check-in being recorded, step by step. The app's screens draw it and call
//! its methods; everything a check-in needs — defaults, pre-filling, the import's draft, the
//! pulse round, scores, validation and saving — happens here.

use std::collections::BTreeSet;

use chrono::NaiveDate;

mod carried;
mod draft;
mod followups;
mod save;
mod trials;

pub use followups::{DecisionError, FollowupLine};
pub use save::ToSave;
pub use trials::{TrialLine, propose};

use super::in_force::{InForce, Revisions};
use super::prepare::{Period, derived_planned, prefill, resolve_period};
use crate::adherence::{MinResponses, PulseResult, TeamAdherence, Versions};
use crate::diag::Diagnostic;
use crate::follow::{Action, Trial};
use crate::model::{
    ActionRecord, Agreement, CheckIn, Date, Decision, ItemRef, Norm, NormRecord, PresenceDay,
    Question, Rating, Ritual, RitualRecord, Status,
};
use crate::pulse::{Answers, PulseRound};
use crate::session::{Carried, ParkingLot};
use crate::store::Workspace;
use crate::store::drafts::{DraftKind, Drafts};
use crate::validate::HistoryLookup;

/// The steps of the check-in flow, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Last time: the open actions of earlier check-ins and the topics parked at the last
    /// adoption and check-in (only when there are some).
    Followups,
    Period,
    Presence,
    Rituals,
    Norms,
    Pulse,
    Decisions,
    Summary,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Followups,
        Step::Period,
        Step::Presence,
        Step::Rituals,
        Step::Norms,
        Step::Pulse,
        Step::Decisions,
        Step::Summary,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Step::Followups => "Follow-ups",
            Step::Period => "Period",
            Step::Presence => "Presence days",
            Step::Rituals => "Rituals",
            Step::Norms => "Norms",
            Step::Pulse => "Pulse",
            Step::Decisions => "Decisions",
            Step::Summary => "Summary",
        }
    }
}

/// A ritual as the rituals step shows it.
#[derive(Debug, Clone, Copy)]
pub struct RitualLine<'a> {
    pub ritual: &'a Ritual,
    pub held: u32,
    /// What counts: the check-in's own `planned`, else the cadence's.
    pub planned: u32,
    /// From the cadence in the period (shown next to an override).
    pub derived: u32,
    pub overridden: bool,
    pub note: Option<&'a str>,
    /// Someone entered it (or the draft had it); not just the pre-filled 0.
    pub entered: bool,
}

/// What is still blank, for the summary to point out before saving.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unanswered {
    /// Presence days still at the pre-filled count (saved as 0 present unless removed).
    pub presence_days: Vec<NaiveDate>,
    /// Rituals still at the pre-filled held = 0.
    pub rituals: Vec<String>,
    /// Norms not rated (left out of the norms score).
    pub norms: Vec<String>,
}

impl Unanswered {
    pub fn is_empty(&self) -> bool {
        self.presence_days.is_empty() && self.rituals.is_empty() && self.norms.is_empty()
    }
}

/// Ends of the period chosen by the user (a command's --from/--to); the rest is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodChoice {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One check-in being recorded.
#[derive(Debug, Clone)]
pub struct Session {
    team: String,
    /// The version in force on the period's last day: what the check-in measures.
    agreement: Agreement,
    /// Every version the period could fall under (the current file first).
    revisions: Revisions,
    min: MinResponses,
    checkin: CheckIn,
    entered_days: BTreeSet<NaiveDate>,
    entered_rituals: BTreeSet<String>,
    round: Option<PulseRound>,
    /// Answers given outside the room (a form export, a tally), pooled, waiting for the round.
    outside: Option<Answers>,
    /// The last closed round's pooled answers, in memory only: a round opened again goes on
    /// from them, so latecomers can still answer (never past the team's size).
    closed: Option<Answers>,
    notes: Vec<Diagnostic>,
    /// Topics the team parked to come back to: not part of the check-in file; the draft keeps
    /// them and the commit message lists them.
    parked: ParkingLot,
    /// Topics parked at the last adoption and check-in, each to take up, keep parked or drop.
    carried: Carried,
    /// The team's check-ins before this one: what the follow-ups answer to.
    earlier: Vec<CheckIn>,
    /// The actions they left open, oldest first (the follow-up step).
    open: Vec<Action>,
    /// Trials due at this check-in (the decisions step).
    trials: Vec<Trial>,
}

impl Session {
    /// A check-in on `today` of `agreement` (which must be active), for the period after
    /// `last` (the team's latest check-in) up to yesterday, or the one `choice` names.
    pub fn new(
        team: &str,
        agreement: Agreement,
        last: Option<&CheckIn>,
        min: MinResponses,
        today: NaiveDate,
        choice: PeriodChoice,
    ) -> Result<Session, Diagnostic> {
        if agreement.status != Status::Active {
            return Err(Diagnostic::error(
                "not-active",
                format!(
                    "{}'s agreement is {}, and check-ins measure an active agreement",
                    crate::text::sanitize_line(&agreement.team),
                    agreement.status
                ),
            )
            .with_hint("adopt it first: status = \"active\", with adopted and review_by dates"));
        }
        let period = resolve_period(&agreement, last, today, choice.from, choice.to)?;
        if period.to > today {
            return Err(Diagnostic::error(
                "period",
                format!("the period ends ({}) after today ({today})", period.to),
            )
            .with_hint("a check-in reviews days that have passed"));
        }
        Ok(Self::for_period(team, agreement, period, min, today))
    }

    /// A check-in on `date` for a period chosen by the caller.
    pub fn for_period(
        team: &str,
        agreement: Agreement,
        period: Period,
        min: MinResponses,
        date: NaiveDate,
    ) -> Session {
        let checkin = prefill(&agreement, period, date);
        Session {
            team: team.to_string(),
            revisions: Revisions::new(agreement.clone(), Vec::new()),
            agreement,
            min,
            checkin,
            entered_days: BTreeSet::new(),
            entered_rituals: BTreeSet::new(),
            round: None,
            outside: None,
            closed: None,
            notes: Vec::new(),
            parked: ParkingLot::default(),
            carried: Carried::default(),
            earlier: Vec::new(),
            open: Vec::new(),
            trials: Vec::new(),
        }
    }

    /// Gives the session the team's earlier check-ins: their open actions become the
    /// follow-up step, and the current agreement's trials due on the check-in's date (scored
    /// against the versions `history` has) the trials to decide.
    pub fn with_earlier(
        mut self,
        earlier: Vec<CheckIn>,
        agreement_path: &std::path::Path,
        history: &dyn HistoryLookup,
    ) -> Session {
        let date = self.checkin.date.0;
        let earlier: Vec<CheckIn> = earlier.into_iter().filter(|c| c.date.0 < date).collect();
        let current = self.revisions.current().clone();
        self.open = followups::open_before(&earlier, date);
        for a in &mut self.open {
            a.title = current.item(&a.item).map(|i| i.title().to_string());
        }
        let mut versions = Versions::new(agreement_path, Some(current), history);
        self.trials =
            TeamAdherence::build(&self.team, &mut versions, earlier.clone(), self.min, date)
                .trials_due(date);
        self.earlier = earlier;
        self
    }

    /// The team's check-ins before this one.
    pub fn earlier(&self) -> &[CheckIn] {
        &self.earlier
    }

    /// Gives the session the agreement's earlier versions (from git history), so a period
    /// that ended before the current version was adopted is measured against the version in
    /// force then. `revisions` must have the session's agreement as its current version.
    pub fn with_revisions(mut self, revisions: Revisions) -> Session {
        self.revisions = revisions;
        let to = self.period().to;
        self.follow_version(to);
        let (from, date) = (self.period().from, self.checkin.date.0);
        // Re-fill the presence days from the version now in force (nothing is entered yet).
        self.checkin.presence = prefill(&self.agreement, Period { from, to }, date).presence;
        self
    }

    /// Why the session measures another version than the current file, when it does.
    pub fn version_note(&self) -> Option<String> {
        let current = self.revisions.current();
        let to = self.period().to;
        match self.revisions.in_force_on(to) {
            InForce::Found(a) if a.version == current.version => None,
            InForce::Found(a) => Some(format!(
                "measured against version {}, in force on {to}: version {} was adopted on {}, after the period",
                a.version,
                current.version,
                current.adopted.map_or_else(String::new, |d| d.to_string())
            )),
            InForce::BeforeKnown { oldest, missing } => Some(match missing {
                Some(v) => format!(
                    "the period ends on {to}, before version {} was adopted; version {v}, in force then, is not in git history, so the check-in is measured against version {}",
                    oldest.version, oldest.version
                ),
                None => format!(
                    "the period ends on {to}, before the agreement was first adopted ({})",
                    oldest.adopted.map_or_else(String::new, |d| d.to_string())
                ),
            }),
        }
    }

    /// Switches to the version in force on `to` when it is another one: rituals, norms and
    /// decisions entered for items that version has are kept; the others are dropped.
    fn follow_version(&mut self, to: NaiveDate) {
        let a = self.revisions.in_force_on(to).agreement();
        if a.version == self.agreement.version {
            return;
        }
        self.agreement = a.clone();
        let a = &self.agreement;
        self.checkin.agreement_version = a.version;
        let old = std::mem::take(&mut self.checkin.rituals);
        self.checkin.rituals = a
            .rituals
            .iter()
            .map(|r| {
                old.iter()
                    .find(|x| x.id == r.id)
                    .cloned()
                    .unwrap_or_else(|| RitualRecord {
                        id: r.id.clone(),
                        held: 0,
                        planned: None,
                        note: None,
                    })
            })
            .collect();
        self.entered_rituals.retain(|id| a.ritual(id).is_some());
        self.checkin
            .norms
            .retain(|n| a.norm(n.id.as_str()).is_some());
        self.checkin.actions.retain(|x| a.item(&x.item).is_some());
    }

    /// Parks a topic (one line, trimmed); `false` for an empty one or one parked already.
    pub fn park(&mut self, topic: &str) -> bool {
        self.parked.park(topic)
    }

    pub fn parked(&self) -> &[String] {
        &self.parked
    }

    /// Opens the flow for a team of a folder: its agreement, settings and latest check-in, and
    /// the check-in draft (from an earlier session or `accord import-presence`) merged in.
    /// A period chosen in `choice` wins over the draft's.
    pub fn start(
        ws: &Workspace,
        team: &str,
        drafts: Option<&Drafts>,
        today: NaiveDate,
        choice: PeriodChoice,
    ) -> Result<Session, Diagnostic> {
        let team = ws.team(team)?;
        let loaded = ws.agreement(&team)?;
        let agreement = loaded.value;
        let min = MinResponses::of(&ws.settings()?);
        // The latest check-in must read (the period starts after it); an older one that does
        // not costs only its follow-ups (validate names it).
        let paths = ws.checkin_paths(&team);
        let mut unread = Vec::new();
        let mut earlier: Vec<CheckIn> = Vec::with_capacity(paths.len());
        for (i, p) in paths.iter().enumerate() {
            match crate::store::load::<CheckIn>(p) {
                Ok(l) => earlier.push(l.value),
                Err(e) if i + 1 == paths.len() => return Err(e),
                Err(e) => unread.push(e),
            }
        }
        let last = earlier.iter().max_by_key(|c| c.date);
        let history = crate::git::GitHistory::new();
        let revisions = if agreement.version > 1 {
            Revisions::from_history(agreement.clone(), &loaded.source.path, &history)
        } else {
            Revisions::new(agreement.clone(), Vec::new())
        };
        let mut s =
            Session::new(&team, agreement, last, min, today, choice)?.with_revisions(revisions);
        s = s
            .with_earlier(earlier, &loaded.source.path, &history)
            .with_carried(crate::session::Carried::for_team(&ws.root, &team));
        for e in unread {
            s.notes.push(
                Diagnostic::warning(
                    "checkin-unreadable",
                    format!(
                        "an earlier check-in was left out of the follow-ups: {}",
                        e.message
                    ),
                )
                .with_hint("run `accord validate` and fix that file, then open the check-in again"),
            );
        }
        if let Some(why) = s.version_note() {
            s.notes
                .push(Diagnostic::warning("version-in-force", why).with_hint(
                    "a check-in measures the agreement in force on the last day it reviews",
                ));
        }
        if let Some(d) = drafts.and_then(|d| d.load(&team, DraftKind::CheckIn)) {
            let chosen = s.period();
            if let Err(e) = s.merge_draft(&d.text, d.path.clone()) {
                s.notes.push(
                    Diagnostic::warning(
                        "draft-unreadable",
                        format!("the check-in draft could not be read: {}", e.message),
                    )
                    .at_file(&d.path)
                    .with_hint("it was left in place; fix or delete it to use it"),
                );
            }
            if choice != PeriodChoice::default() {
                s.set_period(chosen.from, chosen.to)?;
            }
        }
        Ok(s)
    }

    pub fn team(&self) -> &str {
        &self.team
    }
    pub fn agreement(&self) -> &Agreement {
        &self.agreement
    }
    pub fn min_responses(&self) -> MinResponses {
        self.min
    }
    /// The check-in as it would be saved.
    pub fn checkin(&self) -> &CheckIn {
        &self.checkin
    }
    /// Warnings from opening the session (an unreadable draft, draft entries that no longer fit).
    pub fn notes(&self) -> &[Diagnostic] {
        &self.notes
    }

    /// The steps that apply: follow-ups only when earlier check-ins left actions open; presence,
    /// rituals and norms only when the agreement has them.
    pub fn steps(&self) -> Vec<Step> {
        let a = &self.agreement;
        let has_presence = a.presence.as_ref().is_some_and(|p| !p.days.is_empty());
        Step::ALL
            .into_iter()
            .filter(|s| match s {
                Step::Followups => !self.open.is_empty() || !self.carried.is_empty(),
                Step::Presence => has_presence,
                Step::Rituals => !a.rituals.is_empty(),
                Step::Norms => !a.norms.is_empty(),
                _ => true,
            })
            .collect()
    }

    // ------------------------------------------------------------------ period

    pub fn period(&self) -> Period {
        Period {
            from: self.checkin.from.0,
            to: self.checkin.to.0,
        }
    }

    /// Changes the period. Presence days entered inside the new period are kept; the others
    /// are pre-filled again from the agreement.
    pub fn set_period(&mut self, from: NaiveDate, to: NaiveDate) -> Result<(), Diagnostic> {
        let period = Period::new(from, to)?;
        if to > self.checkin.date.0 {
            return Err(Diagnostic::error(
                "period",
                format!(
                    "the period ends ({to}) after the check-in date ({})",
                    self.checkin.date
                ),
            )
            .with_hint("a check-in reviews days that have passed"));
        }
        self.follow_version(to);
        let fresh = prefill(&self.agreement, period, self.checkin.date.0);
        let kept: Vec<PresenceDay> = self
            .checkin
            .presence
            .iter()
            .filter(|d| self.entered_days.contains(&d.date.0) && period.contains(d.date.0))
            .copied()
            .collect();
        self.entered_days.retain(|d| period.contains(*d));
        let mut days: Vec<PresenceDay> = fresh
            .presence
            .into_iter()
            .filter(|d| !self.entered_days.contains(&d.date.0))
            .chain(kept)
            .collect();
        days.sort_by_key(|d| d.date);
        self.checkin.presence = days;
        self.checkin.from = Date(from);
        self.checkin.to = Date(to);
        Ok(())
    }

    // ---------------------------------------------------------------- presence

    pub fn presence_days(&self) -> &[PresenceDay] {
        &self.checkin.presence
    }

    pub fn is_entered(&self, date: NaiveDate) -> bool {
        self.entered_days.contains(&date)
    }

    /// Records the counts of one day of the period.
    pub fn set_presence(
        &mut self,
        date: NaiveDate,
        present: u32,
        expected: u32,
    ) -> Result<(), Diagnostic> {
        if !self.period().contains(date) {
            return Err(Diagnostic::error(
                "outside-period",
                format!(
                    "{date} is outside the period {} to {}",
                    self.checkin.from, self.checkin.to
                ),
            )
            .with_hint("record days of the period only, or change the period"));
        }
        if expected == 0 {
            return Err(Diagnostic::error(
                "expected-zero",
                format!("nobody was expected on {date}"),
            )
            .with_hint("remove the day instead if nobody was expected"));
        }
        let day = PresenceDay {
            date: Date(date),
            present,
            expected,
        };
        match self
            .checkin
            .presence
            .binary_search_by_key(&day.date, |d| d.date)
        {
            Ok(i) => self.checkin.presence[i] = day,
            Err(i) => self.checkin.presence.insert(i, day),
        }
        self.entered_days.insert(date);
        Ok(())
    }

    /// Leaves a day out (an office closure, a bank holiday): it is not a recorded presence day.
    pub fn remove_presence_day(&mut self, date: NaiveDate) {
        self.checkin.presence.retain(|d| d.date.0 != date);
        self.entered_days.remove(&date);
    }

    // ----------------------------------------------------------------- rituals

    pub fn rituals(&self) -> Vec<RitualLine<'_>> {
        let period = self.period();
        self.agreement
            .rituals
            .iter()
            .map(|r| {
                let rec = self.checkin.ritual(r.id.as_str());
                let derived = derived_planned(&self.agreement, r.id.as_str(), period).unwrap_or(0);
                let planned = rec.and_then(|x| x.planned);
                RitualLine {
                    ritual: r,
                    held: rec.map_or(0, |x| x.held),
                    planned: planned.unwrap_or(derived),
                    derived,
                    overridden: planned.is_some(),
                    note: rec.and_then(|x| x.note.as_deref()),
                    entered: self.entered_rituals.contains(r.id.as_str()),
                }
            })
            .collect()
    }

    pub fn set_held(&mut self, id: &str, held: u32) -> Result<(), Diagnostic> {
        self.ritual_mut(id)?.held = held;
        self.entered_rituals.insert(id.to_string());
        Ok(())
    }

    /// Overrides the planned count (`None` goes back to the cadence's).
    pub fn set_planned(&mut self, id: &str, planned: Option<u32>) -> Result<(), Diagnostic> {
        self.ritual_mut(id)?.planned = planned;
        Ok(())
    }

    pub fn set_ritual_note(&mut self, id: &str, note: &str) -> Result<(), Diagnostic> {
        self.ritual_mut(id)?.note = non_empty(note);
        Ok(())
    }

    fn ritual_mut(&mut self, id: &str) -> Result<&mut RitualRecord, Diagnostic> {
        let Some(r) = self.agreement.ritual(id) else {
            return Err(unknown("ritual", id, self.agreement.version));
        };
        let rid = r.id.clone();
        let i = match self.checkin.rituals.iter().position(|x| x.id == rid) {
            Some(i) => i,
            None => {
                self.checkin.rituals.push(RitualRecord {
                    id: rid,
                    held: 0,
                    planned: None,
                    note: None,
                });
                self.checkin.rituals.len() - 1
            }
        };
        Ok(&mut self.checkin.rituals[i])
    }

    // ------------------------------------------------------------------- norms

    /// The agreement's norms with their rating so far.
    pub fn norms(&self) -> Vec<(&Norm, Option<&NormRecord>)> {
        self.agreement
            .norms
            .iter()
            .map(|n| (n, self.checkin.norm(n.id.as_str())))
            .collect()
    }

    pub fn rate(&mut self, id: &str, rating: Rating, note: &str) -> Result<(), Diagnostic> {
        let Some(n) = self.agreement.norm(id) else {
            return Err(unknown("norm", id, self.agreement.version));
        };
        let record = NormRecord {
            id: n.id.clone(),
            rating,
            note: non_empty(note),
        };
        match self.checkin.norms.iter_mut().find(|x| x.id == record.id) {
            Some(x) => *x = record,
            None => {
                self.checkin.norms.push(record);
                let order = |id: &str| {
                    self.agreement
                        .norms
                        .iter()
                        .position(|n| n.id.as_str() == id)
                };
                let mut norms = std::mem::take(&mut self.checkin.norms);
                norms.sort_by_key(|x| order(x.id.as_str()));
                self.checkin.norms = norms;
            }
        }
        Ok(())
    }

    pub fn unrate(&mut self, id: &str) {
        self.checkin.norms.retain(|x| x.id.as_str() != id);
    }

    // ------------------------------------------------------------------- pulse

    /// The questions the pulse asks, in order.
    pub fn questions(&self) -> std::borrow::Cow<'_, [Question]> {
        self.agreement.pulse_questions()
    }

    /// The most answers a round takes: the members of the agreement version in force.
    pub fn pulse_cap(&self) -> u32 {
        u32::try_from(self.agreement.members.len()).unwrap_or(u32::MAX)
    }

    /// Starts a round, with the answers given outside the room so far. After a round closed in
    /// this session, it goes on from that round's answers (latecomers); otherwise it replaces
    /// the pulse recorded so far once it closes. Refused when the agreement lists no members,
    /// since the round could then not stop at the team's size.
    pub fn open_pulse(&mut self) -> Result<&mut PulseRound, String> {
        if self.round.is_none() {
            if self.pulse_cap() == 0 {
                return Err("The agreement lists no members, so a round could not stop at the team's size: add the members first".into());
            }
            // The answers from outside the room stay kept (and in the draft) until the round
            // closes: cancelling the round forgets only the room's answers.
            let mut start = self
                .closed
                .clone()
                .unwrap_or_else(|| Answers::new(&self.questions()));
            if let Some(outside) = &self.outside {
                if start.count() + outside.count() > self.pulse_cap() {
                    return Err(format!(
                        "{} answers from the last round and {} from outside the room are more than the {} members",
                        start.count(),
                        outside.count(),
                        self.pulse_cap()
                    ));
                }
                start.merge(outside)?;
            }
            let round = PulseRound::new(start, self.pulse_cap());
            // Everyone has answered: nothing to open (the recorded pulse stays as it is).
            if round.is_full() {
                return Err(round.full_message());
            }
            self.round = Some(round);
        }
        Ok(self.round.as_mut().expect("opened above"))
    }

    /// The open round, if any: screens show only its `answered()` count.
    pub fn pulse_round(&mut self) -> Option<&mut PulseRound> {
        self.round.as_mut()
    }

    pub fn pulse_open(&self) -> bool {
        self.round.is_some()
    }

    /// How many answered the round closed in this session, which a round opened again goes
    /// on from (for latecomers); none when no round closed here.
    pub fn pulse_continues_from(&self) -> Option<u32> {
        self.closed.as_ref().map(Answers::count)
    }

    /// How many answered the open round (the only figure a screen may show while it is open).
    pub fn pulse_answered(&self) -> Option<u32> {
        self.round.as_ref().map(PulseRound::answered)
    }

    /// Answers given outside the room (an import, a tally) waiting for the round.
    pub fn outside_answers(&self) -> u32 {
        self.outside.as_ref().map_or(0, Answers::count)
    }

    /// Adds answers given outside the room (a form export, a tally) to those waiting for the
    /// round, or to the open round. Refused past the team's size.
    pub fn add_outside(&mut self, answers: &Answers) -> Result<(), String> {
        let cap = self.pulse_cap();
        let target = match self.round.as_ref() {
            Some(r) => r.answered(),
            None => self.outside_answers(),
        };
        if target + answers.count() > cap {
            return Err(format!(
                "{} more answers would make {}, more than the {cap} members of the agreement",
                answers.count(),
                target + answers.count()
            ));
        }
        let mut outside = self
            .outside
            .clone()
            .unwrap_or_else(|| Answers::new(&self.questions()));
        outside.merge(answers)?;
        if let Some(r) = self.round.as_mut() {
            r.merge(answers)?;
        }
        self.outside = Some(outside);
        Ok(())
    }

    /// Closes the round and records what may be kept of its answers ([`Answers::written`]);
    /// nothing changes when nobody answered.
    pub fn close_pulse(&mut self) -> PulseResult {
        if let Some(answers) = self.round.take().map(PulseRound::close)
            && let Some(p) = answers.written(self.min.get())
        {
            self.checkin.pulse = Some(p);
            // They are in the pulse now, in the form it may be kept.
            self.outside = None;
            self.closed = Some(answers);
        }
        self.pulse_result()
    }

    /// Forgets an open round's answers given in the room; those from outside keep waiting.
    pub fn cancel_pulse(&mut self) {
        self.round = None;
    }

    /// The recorded pulse as outputs may show it (withheld below the threshold).
    pub fn pulse_result(&self) -> PulseResult {
        PulseResult::of(self.checkin.pulse.as_ref(), self.min)
    }

    // --------------------------------------------------------------- decisions

    /// The items decisions are about: presence, rituals, norms.
    pub fn items(&self) -> Vec<ItemRef<'_>> {
        self.agreement.items().collect()
    }

    pub fn decision(&self, item: &str) -> Option<&ActionRecord> {
        self.checkin.actions.iter().find(|a| a.item == item)
    }

    pub fn decide(&mut self, item: &str, decision: Decision, note: &str) -> Result<(), Diagnostic> {
        if self.agreement.item(item).is_none() {
            return Err(unknown("item", item, self.agreement.version));
        }
        let record = ActionRecord {
            item: item.to_string(),
            decision,
            note: non_empty(note),
            owner: None,
            due: None,
        };
        match self.checkin.actions.iter_mut().find(|a| a.item == item) {
            // A new decision keeps the owner and due date already set.
            Some(a) => {
                *a = ActionRecord {
                    owner: a.owner.take(),
                    due: a.due.take(),
                    ..record
                }
            }
            None => {
                self.checkin.actions.push(record);
                let ids: Vec<String> = self.agreement.items().map(|i| i.id().to_string()).collect();
                self.checkin
                    .actions
                    .sort_by_key(|a| ids.iter().position(|i| *i == a.item));
            }
        }
        Ok(())
    }

    pub fn undecide(&mut self, item: &str) {
        self.checkin.actions.retain(|a| a.item != item);
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn unknown(what: &str, id: &str, version: u32) -> Diagnostic {
    Diagnostic::error(
        "unknown-item",
        format!(
            "{what} \"{}\" is not in agreement version {version}",
            crate::text::sanitize_line(id)
        ),
    )
    .with_hint("choose one of the agreement's items")
}
