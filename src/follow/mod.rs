//! Closing the loop: what became of the decisions taken at check-ins (actions, carried by
//! `[[followups]]` until done or dropped), the wins a team recorded, and the trials that
//! have come due. Read from a team's check-ins in date order; today is always given.
//!
//! Which decisions are actions to follow: every `adjust` or `drop` (something has to
//! change), and a `keep` that names an owner or a due date (someone took something on). A
//! bare `keep` asks nothing of anyone and is not followed.

mod trial;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{ActionRecord, ActionRef, CheckIn, Decision, Followup, FollowupState, Win};

pub use trial::{TRIAL_DAYS, Trial, TrialItem, TrialSide, trial_items, trials_due};

/// What became of an action so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Fate {
    /// Not closed yet; `carried`: the follow-ups that said "not yet".
    Open { carried: u32 },
    /// Closed as done at the check-in of `on`.
    Done { on: NaiveDate },
    /// Given up at the check-in of `on`.
    Dropped { on: NaiveDate },
}

/// An action decided at a check-in, and its fate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// `2026-11-04/weekly-demo`: the check-in's date and the item.
    #[serde(rename = "action")]
    pub id: ActionRef,
    pub item: String,
    /// The item's name or text in the current agreement (`None` when it is gone).
    pub title: Option<String>,
    pub decision: Decision,
    pub note: Option<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    #[serde(flatten)]
    pub fate: Fate,
    /// The last follow-up's note.
    pub followup_note: Option<String>,
    /// Open and past its due date (due < today).
    pub overdue: bool,
    /// Every follow-up it had: (check-in date, answer, note), oldest first — what the
    /// action looked like on an earlier day.
    #[serde(skip)]
    pub history: Vec<(NaiveDate, FollowupState, Option<String>)>,
}

impl Action {
    /// Whether a decision is an action to follow (see the module's rule).
    pub fn is_followed(a: &ActionRecord) -> bool {
        a.decision != Decision::Keep || a.owner.is_some() || a.due.is_some()
    }

    /// The follow-ups up to the check-in of `date` that said "not yet", and the last note
    /// given by then.
    pub fn as_of(&self, date: NaiveDate) -> (usize, Option<&str>) {
        let upto = self.history.iter().filter(|(d, ..)| *d <= date);
        let carried = upto
            .clone()
            .filter(|(_, s, _)| *s == FollowupState::NotYet)
            .count();
        (carried, upto.filter_map(|(.., n)| n.as_deref()).next_back())
    }

    pub fn is_open(&self) -> bool {
        matches!(self.fate, Fate::Open { .. })
    }

    /// Done at a check-in dated on or before its due date.
    pub fn done_on_time(&self) -> bool {
        matches!((&self.fate, self.due), (Fate::Done { on }, Some(due)) if *on <= due)
    }

    /// Counts for "done on time": it has a due date and its outcome is known — closed, or
    /// open past the date (a still-open action that is not due yet may still make it).
    fn settled(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|due| !self.is_open() || due < today)
    }
}

/// A win, with the check-in that recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WinAt {
    pub date: NaiveDate,
    pub text: String,
    pub item: Option<String>,
}

/// How the loop stood after one check-in: the trend of the cross-team report.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LoopPoint {
    pub date: NaiveDate,
    /// Actions open after the check-in.
    pub open: usize,
    /// Of them, past their due date on the check-in's day.
    pub overdue: usize,
    /// See [`Loop::done_on_time`], as of the check-in's day.
    pub done_on_time: Option<f64>,
}

/// A team's actions and wins over all its check-ins.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Loop {
    /// Every action to follow, in the order decided.
    pub actions: Vec<Action>,
    /// Every win, oldest first.
    pub wins: Vec<WinAt>,
    /// Per check-in, in date order.
    pub trend: Vec<LoopPoint>,
    /// Every decision of every check-in (a bare keep too), by check-in date: what a share
    /// summary lists as decided.
    #[serde(skip)]
    pub decisions: Vec<(NaiveDate, ActionRecord)>,
}

/// What [`Loop::build`] needs of a check-in (the report reads thousands: no more is kept).
#[derive(Debug, Clone)]
pub struct Record {
    pub date: NaiveDate,
    pub actions: Vec<ActionRecord>,
    pub followups: Vec<Followup>,
    pub wins: Vec<Win>,
}

impl Record {
    pub fn of(c: &CheckIn) -> Record {
        Record {
            date: c.date.0,
            actions: c.actions.clone(),
            followups: c.followups.clone(),
            wins: c.wins.clone(),
        }
    }
}

impl Loop {
    /// Walks the check-ins in date order (whatever order they come in): each one's follow-ups
    /// close or carry earlier actions, then its own actions open. A follow-up that names no
    /// earlier action, or one already closed, changes nothing (`validate` reports the first).
    pub fn build(mut records: Vec<Record>, today: NaiveDate) -> Loop {
        records.sort_by_key(|r| r.date);
        let mut actions: Vec<Action> = Vec::new();
        let mut index: BTreeMap<ActionRef, usize> = BTreeMap::new();
        let mut wins = Vec::new();
        let mut trend = Vec::with_capacity(records.len());
        let mut decisions = Vec::new();
        for r in records {
            for f in &r.followups {
                let Some(a) = index.get(&f.action).map(|&i| &mut actions[i]) else {
                    continue;
                };
                if !a.is_open() || a.id.date >= r.date {
                    continue;
                }
                a.fate = match (f.state(), &a.fate) {
                    (FollowupState::Done, _) => Fate::Done { on: r.date },
                    (FollowupState::Dropped, _) => Fate::Dropped { on: r.date },
                    (FollowupState::NotYet, Fate::Open { carried }) => Fate::Open {
                        carried: carried + 1,
                    },
                    (FollowupState::NotYet, f) => f.clone(),
                };
                let note = f.note.clone().filter(|n| !n.trim().is_empty());
                if let Some(n) = &note {
                    a.followup_note = Some(n.clone());
                }
                a.history.push((r.date, f.state(), note));
            }
            decisions.extend(r.actions.iter().map(|a| (r.date, a.clone())));
            for act in r.actions.into_iter().filter(Action::is_followed) {
                let id = ActionRef::new(r.date, act.item.clone());
                if index.contains_key(&id) {
                    continue;
                }
                index.insert(id.clone(), actions.len());
                actions.push(Action {
                    id,
                    item: act.item,
                    title: None,
                    decision: act.decision,
                    note: act.note.filter(|n| !n.trim().is_empty()),
                    owner: act.owner,
                    due: act.due.map(|d| d.0),
                    fate: Fate::Open { carried: 0 },
                    followup_note: None,
                    overdue: false,
                    history: Vec::new(),
                });
            }
            wins.extend(r.wins.into_iter().map(|w| WinAt {
                date: r.date,
                text: w.text,
                item: w.item,
            }));
            trend.push(point(&actions, r.date));
        }
        for a in &mut actions {
            a.overdue = a.is_open() && a.due.is_some_and(|d| d < today);
        }
        Loop {
            actions,
            wins,
            trend,
            decisions,
        }
    }

    pub fn open(&self) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(|a| a.is_open())
    }

    /// The actions closed at the check-in of `date`.
    pub fn closed_at(&self, date: NaiveDate) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(
            move |a| matches!(a.fate, Fate::Done { on } | Fate::Dropped { on } if on == date),
        )
    }

    pub fn overdue(&self) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(|a| a.overdue)
    }

    /// Share of the actions with a due date whose outcome is known (closed, or open past
    /// the date) that were done at a check-in dated on or before it; `None` without any.
    pub fn done_on_time(&self, today: NaiveDate) -> Option<f64> {
        done_on_time(&self.actions, today)
    }

    /// The actions open after the check-in of `date` (those decided before or at it and not
    /// closed by then): what that check-in's share summary lists.
    pub fn open_at(&self, date: NaiveDate) -> Vec<&Action> {
        self.actions
            .iter()
            .filter(|a| {
                a.id.date <= date
                    && match a.fate {
                        Fate::Open { .. } => true,
                        Fate::Done { on } | Fate::Dropped { on } => on > date,
                    }
            })
            .collect()
    }
}

fn done_on_time(actions: &[Action], today: NaiveDate) -> Option<f64> {
    let settled: Vec<&Action> = actions.iter().filter(|a| a.settled(today)).collect();
    let on_time = settled.iter().filter(|a| a.done_on_time()).count();
    (!settled.is_empty()).then(|| on_time as f64 / settled.len() as f64)
}

/// The loop as it stood on `date`, from the actions so far (their fates are as of `date`:
/// later check-ins have not been walked yet).
fn point(actions: &[Action], date: NaiveDate) -> LoopPoint {
    let open = actions.iter().filter(|a| a.is_open());
    LoopPoint {
        date,
        open: open.clone().count(),
        overdue: open.filter(|a| a.due.is_some_and(|d| d < date)).count(),
        done_on_time: done_on_time(actions, date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn act(item: &str, decision: Decision, owner: Option<&str>, due: Option<&str>) -> ActionRecord {
        ActionRecord {
            item: item.into(),
            decision,
            note: None,
            owner: owner.map(str::to_string),
            due: due.map(|x| Date(d(x))),
        }
    }

    fn follow(action: &str, done: bool, dropped: bool) -> Followup {
        Followup {
            action: action.parse().unwrap(),
            done,
            dropped,
            note: None,
        }
    }

    fn record(date: &str, actions: Vec<ActionRecord>, followups: Vec<Followup>) -> Record {
        Record {
            date: d(date),
            actions,
            followups,
            wins: Vec::new(),
        }
    }

    #[test]
    fn which_decisions_are_followed_and_how_they_close() {
        let l = Loop::build(
            vec![
                // Given out of order: the loop walks them by date.
                record(
                    "2026-02-01",
                    vec![],
                    vec![
                        follow("2026-01-01/demo", false, true),
                        // Names nothing: ignored.
                        follow("2025-12-01/demo", true, false),
                        follow("2026-01-01/lunch", true, false),
                    ],
                ),
                record(
                    "2026-01-01",
                    vec![
                        act("demo", Decision::Adjust, None, None),
                        act("retro", Decision::Keep, None, None),
                        act("lunch", Decision::Keep, Some("Ana"), Some("2026-01-15")),
                        act("coffee", Decision::Drop, None, Some("2026-03-01")),
                    ],
                    // A follow-up of an action of the same day changes nothing.
                    vec![follow("2026-01-01/coffee", true, false)],
                ),
            ],
            d("2026-02-10"),
        );
        let items: Vec<&str> = l.actions.iter().map(|a| a.item.as_str()).collect();
        assert_eq!(
            items,
            ["demo", "lunch", "coffee"],
            "a bare keep is not followed"
        );
        assert_eq!(
            l.actions[0].fate,
            Fate::Dropped {
                on: d("2026-02-01")
            }
        );
        assert_eq!(
            l.actions[1].fate,
            Fate::Done {
                on: d("2026-02-01")
            }
        );
        assert!(!l.actions[1].done_on_time(), "done after its due date");
        assert_eq!(l.actions[2].fate, Fate::Open { carried: 0 });
        assert!(!l.actions[2].overdue, "due later");
        // lunch is settled (closed) and late; coffee is open and not due: left out.
        assert_eq!(l.done_on_time(d("2026-02-10")), Some(0.0));
        assert_eq!(l.done_on_time(d("2026-03-02")), Some(0.0));
        assert_eq!(l.open_at(d("2026-01-01")).len(), 3);
        assert_eq!(l.open_at(d("2026-02-01")).len(), 1);
        assert_eq!(l.closed_at(d("2026-02-01")).count(), 2);
        assert_eq!(l.decisions.len(), 4, "every decision, a bare keep too");
        assert_eq!(l.trend[0].open, 3);
        assert_eq!(l.trend[0].done_on_time, None, "nothing settled yet");
    }
}
