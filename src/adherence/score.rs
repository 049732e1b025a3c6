//! The formulas of DESIGN.md for one check-in, per item and per category.

use chrono::NaiveDate;
use serde::Serialize;

use super::pulse::{MinResponses, PulseResult};
use crate::calendar;
use crate::model::{Agreement, CheckIn, Dimension, ItemRef, PRESENCE_ITEM, Rating};

/// What kind of item a score is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Presence,
    Ritual,
    Norm,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Presence => "presence",
            ItemKind::Ritual => "ritual",
            ItemKind::Norm => "norm",
        }
    }
}

/// The figures behind an item's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Detail {
    Presence {
        /// Presence days whose present ÷ expected reached `min_attendance`.
        days_met: u32,
        /// Presence days recorded (days with nobody expected are left out).
        days_recorded: u32,
        min_attendance: f64,
    },
    Ritual {
        held: u32,
        planned: u32,
        /// `planned` came from the cadence, not from the check-in.
        planned_derived: bool,
        /// The check-in has no entry for the ritual (counted as held 0).
        missing: bool,
    },
    Norm {
        /// `null` when the norm was not rated.
        rating: Option<Rating>,
    },
}

/// One item of the agreement in one check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemScore {
    /// "presence", a ritual id or a norm id.
    pub item: String,
    pub kind: ItemKind,
    /// "Presence days", the ritual's name or the norm's text.
    pub title: String,
    /// 0..1; `None` when there is nothing to measure (no day recorded, nothing planned, not rated).
    pub score: Option<f64>,
    #[serde(flatten)]
    pub detail: Detail,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The dimension the item belongs to in the version scored (explicit or derived).
    pub dimension: Dimension,
}

impl ItemScore {
    /// Missed: measured and below 100% — a presence day under `min_attendance`, a ritual held
    /// fewer times than planned, a norm rated partly or broken. Nothing to measure is not a miss.
    pub fn missed(&self) -> Option<bool> {
        self.score.map(|s| s < 1.0)
    }
}

/// The four category scores (0..1, `None` where there is no data).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Categories {
    pub presence: Option<f64>,
    pub rituals: Option<f64>,
    pub norms: Option<f64>,
    /// Mean of those of the three that have data.
    pub overall: Option<f64>,
}

/// Why a check-in could not be scored against the agreement version it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionProblem {
    /// The team folder has no readable agreement.
    NoAgreement,
    /// The version is not the current one and history does not have it.
    NotFound { version: u32, current: u32 },
    /// The version is newer than the agreement itself.
    Future { version: u32, current: u32 },
}

impl std::fmt::Display for VersionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VersionProblem::NoAgreement => f.write_str("the team has no readable agreement"),
            VersionProblem::NotFound { version, current } => write!(
                f,
                "agreement version {version} is not the current one ({current}) and is not in the git history here"
            ),
            VersionProblem::Future { version, current } => write!(
                f,
                "agreement version {version} does not exist yet (the agreement is at version {current})"
            ),
        }
    }
}

impl VersionProblem {
    pub fn hint(&self) -> &'static str {
        match self {
            VersionProblem::NoAgreement => "check that TEAM/agreement.toml exists and validates",
            VersionProblem::NotFound { .. } => {
                "run inside the repository with its full history (git fetch --unshallow)"
            }
            VersionProblem::Future { .. } => {
                "set agreement_version to the version in force during the period"
            }
        }
    }
}

impl Serialize for VersionProblem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One dimension's adherence in one check-in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DimensionScore {
    pub dimension: Dimension,
    /// 0..1; `None` when none of its items had anything to measure.
    pub score: Option<f64>,
    /// Items of the agreement in this dimension.
    pub items: usize,
}

/// One check-in, scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckinScores {
    pub date: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub agreement_version: u32,
    #[serde(flatten)]
    pub categories: Categories,
    pub pulse: PulseResult,
    /// Presence (when the agreement has it), then rituals, then norms, in agreement order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemScore>,
    /// Set when the agreement version could not be found: then no adherence score is computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<VersionProblem>,
}

impl CheckinScores {
    pub fn item(&self, id: &str) -> Option<&ItemScore> {
        self.items.iter().find(|i| i.item == id)
    }

    /// Adherence per dimension: the mean score of the items of each dimension that have one
    /// (presence, rituals and norms alike), and how many items that is; dimensions without
    /// an item in the version scored are left out, in [`Dimension::ALL`] order.
    pub fn dimensions(&self) -> Vec<DimensionScore> {
        Dimension::ALL
            .iter()
            .filter_map(|&d| {
                let of: Vec<&ItemScore> = self.items.iter().filter(|i| i.dimension == d).collect();
                (!of.is_empty()).then(|| DimensionScore {
                    dimension: d,
                    score: mean(of.iter().filter_map(|i| i.score)),
                    items: of.len(),
                })
            })
            .collect()
    }

    /// A check-in whose agreement version is missing: only the pulse, and the reason.
    pub fn unscored(c: &CheckIn, problem: VersionProblem, min: MinResponses) -> Self {
        CheckinScores {
            date: c.date.0,
            from: c.from.0,
            to: c.to.0,
            agreement_version: c.agreement_version,
            categories: Categories::default(),
            pulse: PulseResult::of(c.pulse.as_ref(), min),
            items: Vec::new(),
            problem: Some(problem),
        }
    }
}

/// Scores a check-in against `a`, the agreement version it names.
pub fn score(c: &CheckIn, a: &Agreement, min: MinResponses) -> CheckinScores {
    let mut items = Vec::with_capacity(a.rituals.len() + a.norms.len() + 1);
    let presence = presence(c, a);
    let has_days = a.presence.as_ref().is_some_and(|p| !p.days.is_empty());
    if has_days || presence.score.is_some() {
        items.push(presence);
    }
    let adopted = a.adopted.map(|d| d.0);
    let (mut kept, mut planned_total) = (0u32, 0u32);
    for r in &a.rituals {
        let record = c.ritual(r.id.as_str());
        let (planned, derived) = match record.and_then(|x| x.planned) {
            Some(p) => (p, false),
            None => (calendar::planned(r, adopted, c.from.0, c.to.0), true),
        };
        let held = record.map_or(0, |x| x.held);
        kept += held.min(planned);
        planned_total += planned;
        items.push(ItemScore {
            item: r.id.to_string(),
            kind: ItemKind::Ritual,
            title: r.name.clone(),
            score: ratio(held.min(planned), planned),
            detail: Detail::Ritual {
                held,
                planned,
                planned_derived: derived,
                missing: record.is_none(),
            },
            note: record.and_then(|x| x.note.clone()),
            dimension: ItemRef::Ritual(r).dimension(),
        });
    }
    let (mut norm_sum, mut rated) = (0.0, 0u32);
    for n in &a.norms {
        let record = c.norm(n.id.as_str());
        let value = record.map(|x| rating_value(x.rating));
        if let Some(v) = value {
            norm_sum += v;
            rated += 1;
        }
        items.push(ItemScore {
            item: n.id.to_string(),
            kind: ItemKind::Norm,
            title: n.text.clone(),
            score: value,
            detail: Detail::Norm {
                rating: record.map(|x| x.rating),
            },
            note: record.and_then(|x| x.note.clone()),
            dimension: ItemRef::Norm(n).dimension(),
        });
    }
    let presence = items
        .first()
        .filter(|i| i.kind == ItemKind::Presence)
        .and_then(|i| i.score);
    let rituals = ratio(kept, planned_total);
    let norms = (rated > 0).then(|| norm_sum / f64::from(rated));
    CheckinScores {
        date: c.date.0,
        from: c.from.0,
        to: c.to.0,
        agreement_version: c.agreement_version,
        categories: Categories {
            presence,
            rituals,
            norms,
            overall: mean([presence, rituals, norms].into_iter().flatten()),
        },
        pulse: PulseResult::of(c.pulse.as_ref(), min),
        items,
        problem: None,
    }
}

/// kept = 1, partly = 0.5, broken = 0.
pub fn rating_value(r: Rating) -> f64 {
    match r {
        Rating::Kept => 1.0,
        Rating::Partly => 0.5,
        Rating::Broken => 0.0,
    }
}

/// Whether a presence day counts as met: present ÷ expected ≥ `min_attendance`.
/// Division (not multiplication) keeps "exactly at the threshold" exact: 4 ÷ 5 and 0.8 round
/// to the same double.
pub fn day_met(present: u32, expected: u32, min_attendance: f64) -> bool {
    expected > 0 && f64::from(present) / f64::from(expected) >= min_attendance
}

fn presence(c: &CheckIn, a: &Agreement) -> ItemScore {
    let min = a.presence.as_ref().map_or(1.0, |p| p.min_attendance());
    let (mut met, mut recorded) = (0u32, 0u32);
    for d in c.presence.iter().filter(|d| d.expected > 0) {
        recorded += 1;
        if day_met(d.present, d.expected, min) {
            met += 1;
        }
    }
    ItemScore {
        item: PRESENCE_ITEM.to_string(),
        kind: ItemKind::Presence,
        title: "Presence days".to_string(),
        score: ratio(met, recorded),
        detail: Detail::Presence {
            days_met: met,
            days_recorded: recorded,
            min_attendance: min,
        },
        note: None,
        dimension: a.presence.as_ref().map_or(Dimension::WaysOfWorking, |p| {
            ItemRef::Presence(p).dimension()
        }),
    }
}

fn ratio(n: u32, d: u32) -> Option<f64> {
    (d > 0).then(|| f64::from(n) / f64::from(d))
}

/// The mean of some values; `None` when there are none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}
