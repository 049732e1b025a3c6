//! One team's adherence over all its check-ins: what the dashboard and the report show.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::pulse::MinResponses;
use super::score::{CheckinScores, ItemKind, score};
use super::trend::{Drift, Review, drifting};
use super::versions::Versions;
use crate::follow::{Loop, Record, Trial, TrialItem, trial_items, trials_due};
use crate::model::{Agreement, CheckIn, Decision, ItemRef, Status};

/// An adjust or drop decision taken at a check-in since the agreement was last adopted: a
/// suggested change for the next revision (`accord edit`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub item: String,
    pub kind: ItemKind,
    pub title: String,
    pub decision: Decision,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The check-in that decided it.
    pub decided: NaiveDate,
    /// The item is also drifting.
    pub drifting: bool,
}

/// A team's check-ins, scored, with what needs attention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamAdherence {
    /// The team's slug (folder name).
    pub team: String,
    /// The display name, when the agreement is readable.
    pub name: Option<String>,
    pub status: Option<Status>,
    pub version: Option<u32>,
    pub adopted: Option<NaiveDate>,
    pub review: Option<Review>,
    /// In date order: the trend.
    pub checkins: Vec<CheckinScores>,
    pub drifting: Vec<Drift>,
    pub suggestions: Vec<Suggestion>,
    /// Topics parked at the last adoption and check-in, read from git by the report (empty
    /// when the team is scored without its history).
    pub parked: crate::git::Parked,
    /// Actions and their fate, wins, and the loop's trend.
    pub follow: Loop,
    /// The current agreement's items on trial.
    pub trial_items: Vec<TrialItem>,
    /// (check-in date, item) of every decision, for [`Self::trials_due`] on another day.
    pub decisions: Vec<(NaiveDate, String)>,
    /// The trials due today.
    pub trials: Vec<Trial>,
    /// The current agreement's pulse questions: (id, text).
    pub questions: Vec<(String, String)>,
}

impl TeamAdherence {
    /// Scores `checkins` (in any order) against the versions they name. `versions` holds the
    /// current agreement; decisions on or after its `adopted` date become suggestions.
    pub fn build(
        team: &str,
        versions: &mut Versions,
        checkins: impl IntoIterator<Item = CheckIn>,
        min: MinResponses,
        today: NaiveDate,
    ) -> Self {
        let adopted = versions.current().and_then(|a| a.adopted).map(|d| d.0);
        let mut scores = Vec::new();
        // Latest decision per item since adoption; a later "keep" withdraws an earlier adjust/drop.
        let mut decided: BTreeMap<String, (NaiveDate, Decision, Option<String>)> = BTreeMap::new();
        let (mut records, mut decisions) = (Vec::new(), Vec::new());
        for c in checkins {
            records.push(Record::of(&c));
            decisions.extend(c.actions.iter().map(|a| (c.date.0, a.item.clone())));
            scores.push(match versions.get(c.agreement_version) {
                Ok(a) => score(&c, a, min),
                Err(p) => CheckinScores::unscored(&c, p, min),
            });
            if adopted.is_some_and(|d| c.date.0 >= d) {
                for act in c.actions {
                    let newer = decided
                        .get(&act.item)
                        .is_none_or(|(d, _, _)| *d <= c.date.0);
                    if newer {
                        decided.insert(act.item, (c.date.0, act.decision, act.note));
                    }
                }
            }
        }
        scores.sort_by_key(|s| s.date);
        let current = versions.current();
        let drifting = match current {
            Some(a) => drifting(&scores, a.items().map(item_triple)),
            None => Vec::new(),
        };
        let suggestions = current
            .map(|a| {
                a.items()
                    .filter_map(|it| {
                        let (date, decision, note) = decided.get(it.id())?;
                        (*decision != Decision::Keep).then(|| Suggestion {
                            item: it.id().to_string(),
                            kind: kind_of(&it),
                            title: it.title().to_string(),
                            decision: *decision,
                            note: note.clone(),
                            decided: *date,
                            drifting: drifting.iter().any(|d| d.item == it.id()),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let trial_items = current.map(trial_items).unwrap_or_default();
        decisions.sort();
        let trials = trials_due(&trial_items, &scores, &decisions, today);
        let mut follow = Loop::build(records, today);
        for a in &mut follow.actions {
            a.title = current
                .and_then(|c| c.item(&a.item))
                .map(|i| i.title().to_string());
        }
        TeamAdherence {
            follow,
            trial_items,
            decisions,
            trials,
            questions: current
                .map(|a| {
                    a.pulse_questions()
                        .iter()
                        .map(|q| (q.id.to_string(), q.text.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            team: team.to_string(),
            name: current.map(|a| a.team.clone()),
            status: current.map(|a| a.status),
            version: current.map(|a| a.version),
            adopted,
            review: current.and_then(|a| Review::of(a.review_by.map(|d| d.0), today)),
            checkins: scores,
            drifting,
            suggestions,
            parked: Default::default(),
        }
    }

    /// The trials due on `on` (the day of a check-in, say), from the same check-ins.
    pub fn trials_due(&self, on: NaiveDate) -> Vec<Trial> {
        trials_due(&self.trial_items, &self.checkins, &self.decisions, on)
    }

    pub fn latest(&self) -> Option<&CheckinScores> {
        self.checkins.last()
    }

    /// The day of the latest check-in.
    pub fn last_checkin(&self) -> Option<NaiveDate> {
        self.latest().map(|s| s.date)
    }
}

/// (kind, id, title) of an agreement item, as [`drifting`] takes them.
pub fn item_triple<'a>(it: ItemRef<'a>) -> (ItemKind, &'a str, &'a str) {
    (kind_of(&it), it.id(), it.title())
}

pub fn kind_of(it: &ItemRef) -> ItemKind {
    match it {
        ItemRef::Presence(_) => ItemKind::Presence,
        ItemRef::Ritual(_) => ItemKind::Ritual,
        ItemRef::Norm(_) => ItemKind::Norm,
    }
}

/// The agreement's current items' titles by id, for outputs that list ids.
pub fn titles(a: &Agreement) -> BTreeMap<&str, &str> {
    a.items().map(|it| (it.id(), it.title())).collect()
}
