//! Trials: a ritual or norm the team tries until `trial_until`. The first check-in on or after
//! that date decides keep / adjust / drop; until some check-in does, the trial is due, shown
//! with its adherence during the trial against before it and, for the pulse questions
//! `about` it, the mean before against during — from shown pulses only, so a withheld pulse
//! adds nothing to either side.

use chrono::NaiveDate;
use serde::Serialize;

use crate::adherence::{CheckinScores, ItemKind, kind_of, mean};
use crate::model::Agreement;

/// When a trial started when the agreement gives no adoption date on or before its end.
pub const TRIAL_DAYS: i64 = 30;

/// An item on trial, as the current agreement has it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrialItem {
    pub item: String,
    pub kind: ItemKind,
    pub title: String,
    /// The agreement's adoption, or `until` − 30 days when it has none on or before `until`.
    pub started: NaiveDate,
    pub until: NaiveDate,
    /// The pulse questions about the item.
    pub questions: Vec<String>,
}

/// One side of a trial: before it started, or during it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct TrialSide {
    /// Check-ins counted.
    pub checkins: usize,
    /// Mean of the item's scores in those check-ins (`None`: nothing measured).
    pub adherence: Option<f64>,
    /// Mean of the answers to the questions about the item, in shown pulses only.
    pub pulse: Option<f64>,
    /// The answers behind `pulse`.
    pub answers: u32,
}

/// A trial that has come due with no decision since.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trial {
    #[serde(flatten)]
    pub item: TrialItem,
    pub before: TrialSide,
    pub during: TrialSide,
}

/// The rituals and norms of `a` that carry `trial_until`.
pub fn trial_items(a: &Agreement) -> Vec<TrialItem> {
    let adopted = a.adopted.map(|d| d.0);
    a.items()
        .filter_map(|it| {
            let until = it.trial_until()?;
            let started = adopted
                .filter(|d| *d <= until)
                .unwrap_or(until - chrono::Duration::days(TRIAL_DAYS));
            Some(TrialItem {
                item: it.id().to_string(),
                kind: kind_of(&it),
                title: it.title().to_string(),
                started,
                until,
                questions: a
                    .questions
                    .iter()
                    .filter(|q| q.about.as_deref() == Some(it.id()))
                    .map(|q| q.id.to_string())
                    .collect(),
            })
        })
        .collect()
}

/// The trials due on `on`: `trial_until` ≤ `on` and no decision on the item at a check-in
/// dated from `trial_until` to `on`. `decisions` are (check-in date, item) of every action;
/// `scores` the team's check-ins (only those dated up to `on` count).
pub fn trials_due(
    items: &[TrialItem],
    scores: &[CheckinScores],
    decisions: &[(NaiveDate, String)],
    on: NaiveDate,
) -> Vec<Trial> {
    items
        .iter()
        .filter(|t| t.until <= on)
        .filter(|t| {
            !decisions
                .iter()
                .any(|(d, item)| *item == t.item && *d >= t.until && *d <= on)
        })
        .map(|t| {
            let known = scores.iter().filter(|s| s.date <= on);
            let before = known.clone().filter(|s| s.to < t.started);
            let during = known.filter(|s| s.from <= t.until && s.to >= t.started);
            Trial {
                before: side(t, before),
                during: side(t, during),
                item: t.clone(),
            }
        })
        .collect()
}

fn side<'a>(t: &TrialItem, checkins: impl Iterator<Item = &'a CheckinScores>) -> TrialSide {
    let checkins: Vec<&CheckinScores> = checkins.collect();
    let (mut sum, mut answers) = (0u64, 0u32);
    for s in &checkins {
        let Some(f) = s.pulse.shown() else { continue };
        for q in t.questions.iter().filter_map(|id| f.question(id)) {
            for (score, n) in (1u64..).zip(q.distribution()) {
                sum += score * u64::from(n);
                answers += n;
            }
        }
    }
    TrialSide {
        checkins: checkins.len(),
        adherence: mean(
            checkins
                .iter()
                .filter_map(|s| s.item(&t.item).and_then(|i| i.score)),
        ),
        pulse: (answers > 0).then(|| sum as f64 / f64::from(answers)),
        answers,
    }
}
