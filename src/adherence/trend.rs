//! Check-ins over time: series per category and per item, drifting items, the review date.

use chrono::NaiveDate;
use serde::Serialize;

use super::score::{CheckinScores, ItemKind};

/// A category of adherence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Presence,
    Rituals,
    Norms,
    Overall,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Presence,
        Category::Rituals,
        Category::Norms,
        Category::Overall,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Presence => "presence",
            Category::Rituals => "rituals",
            Category::Norms => "norms",
            Category::Overall => "overall",
        }
    }
    pub fn of(self, s: &CheckinScores) -> Option<f64> {
        let c = &s.categories;
        match self {
            Category::Presence => c.presence,
            Category::Rituals => c.rituals,
            Category::Norms => c.norms,
            Category::Overall => c.overall,
        }
    }
}

/// One category over check-ins in date order; `None` where a check-in has no data for it.
pub fn series(scores: &[CheckinScores], cat: Category) -> Vec<(NaiveDate, Option<f64>)> {
    scores.iter().map(|s| (s.date, cat.of(s))).collect()
}

/// One item over check-ins in date order; `None` where it was not measured or did not exist.
pub fn item_series(scores: &[CheckinScores], item: &str) -> Vec<(NaiveDate, Option<f64>)> {
    scores
        .iter()
        .map(|s| (s.date, s.item(item).and_then(|i| i.score)))
        .collect()
}

/// The pulse means in date order; `None` where not taken or withheld.
pub fn pulse_series(scores: &[CheckinScores]) -> Vec<(NaiveDate, Option<f64>)> {
    scores.iter().map(|s| (s.date, s.pulse.mean())).collect()
}

/// Values in date order, `None` where there is none.
pub type Points = Vec<(NaiveDate, Option<f64>)>;

/// Per question id (in the order questions first appear), its means in date order; `None`
/// where the pulse was not taken, withheld, or did not ask it. Questions match by id across
/// check-ins, so a reworded question with the same id stays one trend.
pub fn question_series(scores: &[CheckinScores]) -> Vec<(String, Points)> {
    let mut ids: Vec<String> = Vec::new();
    for s in scores {
        for q in s.pulse.shown().map(|f| f.questions()).unwrap_or_default() {
            if !ids.iter().any(|i| i == q.id()) {
                ids.push(q.id().to_string());
            }
        }
    }
    ids.into_iter()
        .map(|id| {
            let points = scores
                .iter()
                .map(|s| (s.date, s.pulse.question_mean(&id)))
                .collect();
            (id, points)
        })
        .collect()
}

/// The change between the last two check-ins that have a value (last − previous).
pub fn change(points: &[(NaiveDate, Option<f64>)]) -> Option<f64> {
    let mut values = points.iter().rev().filter_map(|(_, v)| *v);
    let last = values.next()?;
    Some(last - values.next()?)
}

/// How many missed check-ins in a row make an item drifting.
pub const DRIFT_RUN: usize = 3;

/// An item missed in the last [`DRIFT_RUN`] or more check-ins that measured it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drift {
    pub item: String,
    pub kind: ItemKind,
    pub title: String,
    /// How many check-ins in a row, ending with the latest that measured it.
    pub missed: usize,
    /// The first check-in of the run.
    pub since: NaiveDate,
}

/// The items (of `items`: kind, id, title) that are drifting.
///
/// Walking back from the latest check-in: a miss (see [`super::ItemScore::missed`]) extends the
/// run; a check-in that did not measure the item (nothing planned, no day recorded, not rated,
/// or its agreement version unknown) is passed over; a check-in where the item was met, or
/// whose agreement version did not have the item, ends the run.
pub fn drifting<'a>(
    scores: &[CheckinScores],
    items: impl IntoIterator<Item = (ItemKind, &'a str, &'a str)>,
) -> Vec<Drift> {
    let mut out = Vec::new();
    for (kind, id, title) in items {
        let (mut run, mut since) = (0, None);
        for s in scores.iter().rev() {
            if s.problem.is_some() {
                continue;
            }
            let Some(item) = s.item(id) else { break };
            match item.missed() {
                None => continue,
                Some(true) => {
                    run += 1;
                    since = Some(s.date);
                }
                Some(false) => break,
            }
        }
        if run >= DRIFT_RUN
            && let Some(since) = since
        {
            out.push(Drift {
                item: id.to_string(),
                kind,
                title: title.to_string(),
                missed: run,
                since,
            });
        }
    }
    out
}

/// How many days ahead a review counts as due.
pub const REVIEW_DUE_DAYS: i64 = 14;

/// Where an agreement stands against its `review_by` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// More than [`REVIEW_DUE_DAYS`] ahead.
    Scheduled,
    /// Within [`REVIEW_DUE_DAYS`] days, or today.
    Due,
    /// The date has passed.
    Overdue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Review {
    pub date: NaiveDate,
    /// `date − today`: negative when overdue.
    pub days: i64,
    pub state: ReviewState,
}

impl Review {
    pub fn of(review_by: Option<NaiveDate>, today: NaiveDate) -> Option<Review> {
        let date = review_by?;
        let days = (date - today).num_days();
        let state = if days < 0 {
            ReviewState::Overdue
        } else if days <= REVIEW_DUE_DAYS {
            ReviewState::Due
        } else {
            ReviewState::Scheduled
        };
        Some(Review { date, days, state })
    }

    /// "review overdue since 2026-11-15 (5 days)", "review due 2026-12-15 (in 3 days)", "review by …".
    pub fn describe(&self) -> String {
        let plural = |n: i64| if n == 1 { "day" } else { "days" };
        match self.state {
            ReviewState::Overdue => format!(
                "review overdue since {} ({} {})",
                self.date,
                -self.days,
                plural(-self.days)
            ),
            ReviewState::Due if self.days == 0 => format!("review due today ({})", self.date),
            ReviewState::Due => format!(
                "review due {} (in {} {})",
                self.date,
                self.days,
                plural(self.days)
            ),
            ReviewState::Scheduled => format!("review by {}", self.date),
        }
    }
}
