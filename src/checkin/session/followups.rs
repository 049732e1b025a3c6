//! Closing the loop inside a check-in: the open actions of earlier check-ins, each marked
//! done / not yet / dropped (saved as `[[followups]]`, the not-yet ones too, so "carried" is
//! recorded); an owner and a due date on this check-in's decisions; and the team's wins.

use chrono::NaiveDate;

use super::Session;
use crate::diag::Diagnostic;
use crate::follow::{Action, Loop, Record};
use crate::model::{ActionRef, CheckIn, Date, Followup, FollowupState, Win};
use crate::text::sanitize_line;

/// An open action as the follow-up step shows it, with the answer given so far.
#[derive(Debug, Clone, Copy)]
pub struct FollowupLine<'a> {
    pub action: &'a Action,
    /// `None` until someone answers: an unanswered action stays open, not carried.
    pub state: Option<FollowupState>,
    pub note: Option<&'a str>,
}

/// Why an owner or a due date was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionError {
    /// Owner and due date belong to a decision: decide on the item first.
    NoDecision { item: String },
    /// The owner must be a member of the agreement version the check-in measures.
    NotAMember {
        owner: String,
        version: u32,
        members: Vec<String>,
    },
    /// A due date before the check-in itself.
    DueInThePast { due: NaiveDate, date: NaiveDate },
}

impl std::fmt::Display for DecisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecisionError::NoDecision { item } => write!(
                f,
                "\"{}\" has no decision yet, so it cannot have an owner or a due date",
                sanitize_line(item)
            ),
            DecisionError::NotAMember { owner, version, .. } => write!(
                f,
                "\"{}\" is not a member of agreement version {version}",
                sanitize_line(owner)
            ),
            DecisionError::DueInThePast { due, date } => {
                write!(f, "the due date {due} is before the check-in ({date})")
            }
        }
    }
}

impl From<DecisionError> for Diagnostic {
    fn from(e: DecisionError) -> Diagnostic {
        let hint = match &e {
            DecisionError::NoDecision { .. } => "choose keep, adjust or drop first".to_string(),
            DecisionError::NotAMember { members, .. } if members.is_empty() => {
                "the agreement lists no members: add them to the agreement first".to_string()
            }
            DecisionError::NotAMember { members, .. } => format!(
                "choose one of the members: {}",
                members
                    .iter()
                    .map(|m| sanitize_line(m).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            DecisionError::DueInThePast { .. } => {
                "choose a date on or after the check-in".to_string()
            }
        };
        let code = match e {
            DecisionError::NoDecision { .. } => "no-decision",
            DecisionError::NotAMember { .. } => "owner-not-member",
            DecisionError::DueInThePast { .. } => "due-in-the-past",
        };
        Diagnostic::error(code, e.to_string()).with_hint(hint)
    }
}

/// The actions still open before `date`, from the team's check-ins dated before it.
pub(super) fn open_before(earlier: &[CheckIn], date: NaiveDate) -> Vec<Action> {
    let records = earlier
        .iter()
        .filter(|c| c.date.0 < date)
        .map(Record::of)
        .collect();
    Loop::build(records, date)
        .actions
        .into_iter()
        .filter(Action::is_open)
        .collect()
}

impl Session {
    // --------------------------------------------------------------- follow-ups

    /// Every action earlier check-ins left open, oldest first, with this check-in's answer.
    pub fn followups(&self) -> Vec<FollowupLine<'_>> {
        self.open
            .iter()
            .map(|a| {
                let f = self.checkin.followups.iter().find(|f| f.action == a.id);
                FollowupLine {
                    action: a,
                    state: f.map(Followup::state),
                    note: f.and_then(|f| f.note.as_deref()),
                }
            })
            .collect()
    }

    /// Marks an open action done, not yet (it stays open, carried) or dropped, with a note.
    pub fn follow_up(
        &mut self,
        action: &ActionRef,
        state: FollowupState,
        note: &str,
    ) -> Result<(), Diagnostic> {
        if !self.open.iter().any(|a| a.id == *action) {
            let open: Vec<String> = self.open.iter().map(|a| a.id.to_string()).collect();
            return Err(Diagnostic::error(
                "unknown-action",
                format!(
                    "{} is not an open action of an earlier check-in",
                    sanitize_line(&action.to_string())
                ),
            )
            .with_hint(if open.is_empty() {
                "no earlier check-in left an action open".to_string()
            } else {
                format!("open actions: {}", open.join(", "))
            }));
        }
        let record = Followup {
            action: action.clone(),
            done: state == FollowupState::Done,
            dropped: state == FollowupState::Dropped,
            note: super::non_empty(note),
        };
        match self
            .checkin
            .followups
            .iter_mut()
            .find(|f| f.action == *action)
        {
            Some(f) => *f = record,
            None => {
                self.checkin.followups.push(record);
                let order: Vec<ActionRef> = self.open.iter().map(|a| a.id.clone()).collect();
                self.checkin
                    .followups
                    .sort_by_key(|f| order.iter().position(|a| *a == f.action));
            }
        }
        Ok(())
    }

    /// The open actions nobody answered yet, for the summary to point out (saved without a
    /// follow-up they stay open, but are not counted as carried).
    pub fn unanswered_followups(&self) -> Vec<&ActionRef> {
        self.followups()
            .into_iter()
            .filter(|l| l.state.is_none())
            .map(|l| &l.action.id)
            .collect()
    }

    /// Takes back the answer on an action (it is then neither closed nor carried).
    pub fn unfollow(&mut self, action: &ActionRef) {
        self.checkin.followups.retain(|f| f.action != *action);
    }

    // ---------------------------------------------------------- owner and due

    /// Who sees the decision on `item` through: a member of the version in force (`None`
    /// clears it).
    pub fn set_owner(&mut self, item: &str, owner: Option<&str>) -> Result<(), DecisionError> {
        let owner = owner.map(str::trim).filter(|o| !o.is_empty());
        if let Some(o) = owner
            && self.agreement.member(o).is_none()
        {
            return Err(DecisionError::NotAMember {
                owner: o.to_string(),
                version: self.agreement.version,
                members: self
                    .agreement
                    .members
                    .iter()
                    .map(|m| m.name.clone())
                    .collect(),
            });
        }
        self.action_mut(item)?.owner = owner.map(str::to_string);
        Ok(())
    }

    /// When the decision on `item` is due (`None` clears it): on or after the check-in.
    pub fn set_due(&mut self, item: &str, due: Option<NaiveDate>) -> Result<(), DecisionError> {
        let date = self.checkin.date.0;
        if let Some(d) = due.filter(|d| *d < date) {
            return Err(DecisionError::DueInThePast { due: d, date });
        }
        self.action_mut(item)?.due = due.map(Date);
        Ok(())
    }

    fn action_mut(&mut self, item: &str) -> Result<&mut crate::model::ActionRecord, DecisionError> {
        self.checkin
            .actions
            .iter_mut()
            .find(|a| a.item == item)
            .ok_or_else(|| DecisionError::NoDecision {
                item: item.to_string(),
            })
    }

    // -------------------------------------------------------------------- wins

    pub fn wins(&self) -> &[Win] {
        &self.checkin.wins
    }

    /// Records a win (any step, like the parking lot); returns its index.
    pub fn add_win(&mut self, text: &str, item: Option<&str>) -> Result<usize, Diagnostic> {
        let win = self.win(text, item)?;
        self.checkin.wins.push(win);
        Ok(self.checkin.wins.len() - 1)
    }

    pub fn edit_win(
        &mut self,
        index: usize,
        text: &str,
        item: Option<&str>,
    ) -> Result<(), Diagnostic> {
        let win = self.win(text, item)?;
        let n = self.checkin.wins.len();
        let slot = self
            .checkin
            .wins
            .get_mut(index)
            .ok_or_else(|| no_win(index, n))?;
        *slot = win;
        Ok(())
    }

    pub fn remove_win(&mut self, index: usize) -> Result<Win, Diagnostic> {
        let n = self.checkin.wins.len();
        if index >= n {
            return Err(no_win(index, n));
        }
        Ok(self.checkin.wins.remove(index))
    }

    fn win(&self, text: &str, item: Option<&str>) -> Result<Win, Diagnostic> {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err(Diagnostic::error("empty-win", "a win needs a few words")
                .with_hint("say what went well, e.g. \"Priya ran her first demo\""));
        }
        let item = item.map(str::trim).filter(|i| !i.is_empty());
        if let Some(i) = item
            && self.agreement.item(i).is_none()
        {
            return Err(super::unknown("item", i, self.agreement.version));
        }
        Ok(Win {
            text,
            item: item.map(str::to_string),
        })
    }

    // -------------------------------------------------------- signal, purpose

    /// A norm's "how we will know", shown next to its rating.
    pub fn signal(&self, norm: &str) -> Option<&str> {
        self.agreement.norm(norm)?.signal.as_deref()
    }

    /// What a ritual is for, shown where it is recorded.
    pub fn purpose(&self, ritual: &str) -> Option<&str> {
        self.agreement.ritual(ritual)?.purpose.as_deref()
    }
}

fn no_win(index: usize, n: usize) -> Diagnostic {
    Diagnostic::error(
        "unknown-win",
        format!("there is no win {} (the check-in has {n})", index + 1),
    )
    .with_hint("choose one of the wins listed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adherence::MinResponses;
    use crate::checkin::Period;
    use crate::model::{ActionRecord, Decision};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn session(date: &str) -> Session {
        let period = Period {
            from: d("2026-11-03"),
            to: d("2026-11-16"),
        };
        Session::for_period(
            "payments",
            crate::session::example_payments(),
            period,
            MinResponses::default(),
            d(date),
        )
    }

    #[test]
    fn saving_checks_the_follow_ups_against_the_earlier_check_ins() {
        let mut earlier = session("2026-11-03").checkin().clone();
        earlier.actions.push(ActionRecord {
            item: "retro".into(),
            decision: Decision::Adjust,
            note: None,
            owner: None,
            due: None,
        });
        let ws = crate::store::Workspace::new(std::path::Path::new("agreements"));
        let history = crate::validate::NoHistory;
        let mut s = session("2026-11-17").with_earlier(
            vec![earlier],
            std::path::Path::new("agreements/payments/agreement.toml"),
            &history,
        );
        assert_eq!(s.followups().len(), 1);
        let retro = ActionRef::new(d("2026-11-03"), "retro");
        assert_eq!(s.unanswered_followups(), [&retro]);
        s.follow_up(&retro, FollowupState::Done, "").unwrap();
        assert!(s.unanswered_followups().is_empty());
        assert!(s.problems(&ws).iter().all(|p| !p.is_error()));
        // A follow-up the session would not take (hand-edited, say) is what validate refuses.
        s.checkin.followups.push(Followup {
            action: ActionRef::new(d("2026-11-02"), "retro"),
            done: true,
            dropped: false,
            note: None,
        });
        let found = s.problems(&ws);
        assert!(
            found
                .iter()
                .any(|p| p.code == "unknown-action" && p.is_error()),
            "{found:?}"
        );
        assert_eq!(s.to_save(&ws).unwrap_err().code, "unknown-action");
    }
}
