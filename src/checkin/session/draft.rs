//! The check-in draft: what was entered so far, kept in the user's data directory and merged
//! back when the flow opens again (also what `accord import-presence` writes).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Session;
use crate::diag::Diagnostic;
use crate::model::{CheckIn, FileKind};
use crate::parse::parse;
use crate::pulse::Answers;
use crate::session::{Choice, ParkingLot};
use crate::source::Source;
use crate::store::canonical::render;
use crate::store::drafts::{DraftKind, Drafts, envelope, open_envelope};
use serde::{Deserialize, Serialize};

/// Lines of drafts written before the one state line (`# accord-draft`): still read.
const OLD_PARKED: &str = "# accord-parked ";
const OLD_OUTSIDE: &str = "# accord-pulse-outside ";

/// What the check-in draft keeps beside the file, on its state line.
#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    #[serde(default, skip_serializing_if = "<[String]>::is_empty")]
    parked: ParkingLot,
    /// The answers given outside the room while the round is open: pooled counts (never
    /// rows, never their order), rewritten in suppressed form when the round closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outside: Option<serde_json::Value>,
    /// Choices on the topics parked last time, by topic: `take` or `drop` (unlisted = kept).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    carried: BTreeMap<String, String>,
}

impl Session {
    /// The draft to keep on disk while recording: what was entered so far (pre-filled values
    /// are left out so they are not mistaken for answers later). An open pulse round is never
    /// written: a file changing after each answer would tell who answered what.
    pub fn draft_text(&self) -> String {
        let mut d = self.checkin.clone();
        d.presence.retain(|x| self.entered_days.contains(&x.date.0));
        d.rituals
            .retain(|x| self.entered_rituals.contains(x.id.as_str()) || x.planned.is_some());
        let text = render(&d, FileKind::CheckIn, None);
        let state = State {
            parked: self.parked.clone(),
            outside: self.outside.as_ref().map(Answers::to_json),
            carried: self
                .carried
                .topics()
                .iter()
                .filter(|t| t.choice != Choice::KeepParked)
                .map(|t| (t.topic.clone(), t.choice.word().to_string()))
                .collect(),
        };
        if state.parked.is_empty() && state.outside.is_none() && state.carried.is_empty() {
            return text;
        }
        envelope(
            &serde_json::to_value(&state).expect("draft state serialises"),
            &text,
        )
    }

    /// Saves [`Session::draft_text`] in the user's data directory.
    pub fn save_draft(&self, drafts: &Drafts) -> Result<(), Diagnostic> {
        drafts
            .save(&self.team, DraftKind::CheckIn, &self.draft_text())
            .map_err(|e| {
                let hint = e.hint();
                Diagnostic::error("write", e.to_string()).with_hint(hint)
            })
    }

    /// Merges a check-in draft: its period, and every entry it has for an item of the agreement.
    /// Entries that no longer fit (another agreement version, outside the period) are listed in
    /// [`Session::notes`].
    pub fn merge_draft(&mut self, text: &str, path: PathBuf) -> Result<(), Diagnostic> {
        let (parked, outside, carried) = read_state(text);
        for (topic, word) in &carried {
            let chosen = word
                .parse::<Choice>()
                .map_err(|e| e.to_string())
                .and_then(|c| self.choose_carried(topic, c).map_err(|d| d.message));
            if let Err(e) = chosen {
                self.notes.push(
                    Diagnostic::warning(
                        "draft-entry",
                        format!("a choice on a topic parked last time was not used: {e}"),
                    )
                    .at_file(&path)
                    .with_hint("choose again on the first step if it still matters"),
                );
            }
        }
        if let Some(outside) = outside {
            let read = outside
                .and_then(|v| Answers::from_json(&self.questions(), &v))
                .and_then(|a| self.add_outside(&a));
            if let Err(e) = read {
                self.notes.push(
                    Diagnostic::warning(
                        "draft-entry",
                        format!("the pulse answers given outside the room were not used: {e}"),
                    )
                    .at_file(&path)
                    .with_hint("import them again (accord pulse import) if they still matter"),
                );
            }
        }
        match parked {
            Some(Ok(topics)) => {
                for t in topics.iter() {
                    self.park(t);
                }
            }
            Some(Err(e)) => self.notes.push(
                Diagnostic::warning(
                    "draft-entry",
                    format!("the parked topics were not read: {e}"),
                )
                .at_file(&path)
                .with_hint("park them again in the check-in if they still matter"),
            ),
            None => {}
        }
        let src = Source::new(&path, text);
        let draft: CheckIn = parse(&src)?;
        let note = |msg: String| {
            Diagnostic::warning("draft-entry", msg)
                .at_file(&path)
                .with_hint("enter it again in the check-in if it still matters")
        };
        let same = self.period().from == draft.from.0 && self.period().to == draft.to.0;
        if !same && let Err(e) = self.set_period(draft.from.0, draft.to.0) {
            self.notes.push(note(format!(
                "the draft's period {} to {} was not used: {}",
                draft.from, draft.to, e.message
            )));
        }
        for d in &draft.presence {
            if self.set_presence(d.date.0, d.present, d.expected).is_err() {
                self.notes.push(note(format!(
                    "presence on {} was not used: outside the period or nobody expected",
                    d.date
                )));
            }
        }
        let version = draft.agreement_version;
        for r in &draft.rituals {
            let id = r.id.as_str();
            if self.agreement.ritual(id).is_none() {
                self.notes.push(note(format!(
                    "ritual \"{id}\" (agreement version {version}) is not in version {}",
                    self.agreement.version
                )));
                continue;
            }
            let rec = self.ritual_mut(id)?;
            rec.held = r.held;
            rec.planned = r.planned;
            rec.note = r.note.clone();
            self.entered_rituals.insert(id.to_string());
        }
        for n in &draft.norms {
            if self
                .rate(n.id.as_str(), n.rating, n.note.as_deref().unwrap_or(""))
                .is_err()
            {
                self.notes.push(note(format!(
                    "the rating of norm \"{}\" was not used: not in agreement version {}",
                    n.id, self.agreement.version
                )));
            }
        }
        if let Some(p) = &draft.pulse {
            // A draft written before schema 2 may hold raw answers: keep only what may be kept.
            self.checkin.pulse = crate::pulse::upgrade(p, self.min.get());
        }
        for a in &draft.actions {
            if self
                .decide(&a.item, a.decision, a.note.as_deref().unwrap_or(""))
                .is_err()
            {
                self.notes.push(note(format!(
                    "the decision on \"{}\" was not used: not in agreement version {}",
                    a.item, self.agreement.version
                )));
                continue;
            }
            let owner = self.set_owner(&a.item, a.owner.as_deref());
            let due = self.set_due(&a.item, a.due.map(|d| d.0));
            for e in [owner, due].into_iter().filter_map(Result::err) {
                self.notes.push(note(format!("on \"{}\": {e}", a.item)));
            }
        }
        for f in &draft.followups {
            if self
                .follow_up(&f.action, f.state(), f.note.as_deref().unwrap_or(""))
                .is_err()
            {
                self.notes.push(note(format!(
                    "the follow-up of {} was not used: no longer an open action",
                    f.action
                )));
            }
        }
        for w in &draft.wins {
            if let Err(e) = self.add_win(&w.text, w.item.as_deref()) {
                self.notes
                    .push(note(format!("a win was not used: {}", e.message)));
            }
        }
        Ok(())
    }
}

/// Read results of the draft's state: parked topics and outside answers, each when present,
/// and the choices on topics parked last time.
type StateRead = (
    Option<Result<ParkingLot, String>>,
    Option<Result<serde_json::Value, String>>,
    BTreeMap<String, String>,
);

/// The state line of a draft, or the two lines drafts wrote before it (the first of each kind
/// counts; a later one is text that only looks like it). A damaged state costs only itself.
fn read_state(text: &str) -> StateRead {
    if let (Some(json), _) = open_envelope(text) {
        return match serde_json::from_str::<State>(json) {
            Ok(s) => (Some(Ok(s.parked)), s.outside.map(Ok), s.carried),
            Err(e) => (Some(Err(e.to_string())), None, BTreeMap::new()),
        };
    }
    let header = text.lines().take_while(|l| l.starts_with("# accord-"));
    let (mut parked, mut outside) = (None, None);
    for line in header {
        if let Some(json) = line.strip_prefix(OLD_PARKED) {
            parked.get_or_insert_with(|| serde_json::from_str(json).map_err(|e| e.to_string()));
        } else if let Some(json) = line.strip_prefix(OLD_OUTSIDE) {
            outside.get_or_insert_with(|| serde_json::from_str(json).map_err(|e| e.to_string()));
        }
    }
    (parked, outside, BTreeMap::new())
}
