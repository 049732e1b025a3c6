//! What a new check-in starts from: its period, and a check-in pre-filled from the agreement.

use chrono::NaiveDate;

use crate::calendar;
use crate::diag::Diagnostic;
use crate::model::{Agreement, CheckIn, Date, PresenceDay, RitualRecord, WorkMode};
use crate::session::Carried;

/// The days a check-in reviews, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, Diagnostic> {
        if from > to {
            return Err(Diagnostic::error(
                "period",
                format!("the period starts ({from}) after it ends ({to})"),
            )
            .with_hint("choose a start on or before the end"));
        }
        Ok(Period { from, to })
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }
}

/// The topics parked at the team's last adoption and last check-in, read from the commit
/// messages of the repository holding `root` (none outside one, or when git cannot be read:
/// a check-in never fails for want of its parking lot).
pub fn carried_topics(root: &std::path::Path, team: &str) -> Carried {
    let parked = crate::git::Repo::discover(root)
        .ok()
        .and_then(|r| r.parked(&[team]).ok())
        .and_then(|mut m| m.remove(team))
        .unwrap_or_default();
    Carried::from_parked(&parked)
}

/// The default period: from the day after the last check-in's `to` (or the agreement's
/// `adopted` date when there is none) up to yesterday.
pub fn default_period(
    a: &Agreement,
    last: Option<&CheckIn>,
    today: NaiveDate,
) -> Result<Period, Diagnostic> {
    resolve_period(a, last, today, None, None)
}

/// The period a caller chose, each end defaulting as in [`default_period`].
pub fn resolve_period(
    a: &Agreement,
    last: Option<&CheckIn>,
    today: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Period, Diagnostic> {
    let from = match (from, last, a.adopted) {
        (Some(d), _, _) => d,
        (None, Some(c), _) => c.to.0.succ_opt().unwrap_or(c.to.0),
        (None, None, Some(d)) => d.0,
        (None, None, None) => {
            return Err(Diagnostic::error(
                "not-adopted",
                format!(
                    "{}'s agreement has no adopted date, so there is no period to check in on",
                    crate::text::sanitize_line(&a.team)
                ),
            )
            .with_hint("adopt the agreement first (status = \"active\" and adopted = DATE)"));
        }
    };
    let chosen = to.is_some();
    let to = to.unwrap_or_else(|| today.pred_opt().unwrap_or(today));
    if from <= to {
        return Ok(Period { from, to });
    }
    if chosen {
        return Period::new(from, to);
    }
    let why = match last {
        Some(c) => format!("the last check-in covered up to {}", c.to),
        None => format!("the agreement was adopted on {from}"),
    };
    Err(Diagnostic::error(
        "empty-period",
        format!("no days to review yet: {why}, and a check-in reviews days up to yesterday"),
    )
    .with_hint(format!(
        "check in on {} or later, or choose the period yourself",
        from.succ_opt().unwrap_or(from)
    )))
}

/// How many members are expected on a presence day: the members who do not work remotely, or
/// all members when every member works remotely.
pub fn expected_on_presence_day(a: &Agreement) -> u32 {
    let on_site = a
        .members
        .iter()
        .filter(|m| m.mode != Some(WorkMode::Remote))
        .count();
    let n = if on_site == 0 {
        a.members.len()
    } else {
        on_site
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A check-in on `date` for `period`, pre-filled from `a`: one presence entry per presence day
/// (present 0, expected from the members), one ritual entry per ritual (held 0, `planned` left
/// to the cadence), no norm ratings, no pulse, no decisions.
pub fn prefill(a: &Agreement, period: Period, date: NaiveDate) -> CheckIn {
    let expected = expected_on_presence_day(a);
    let presence = a
        .presence
        .as_ref()
        .map(|p| {
            calendar::presence_dates(p, period.from, period.to)
                .into_iter()
                .map(|d| PresenceDay {
                    date: Date(d),
                    present: 0,
                    expected,
                })
                .collect()
        })
        .unwrap_or_default();
    CheckIn {
        schema: CheckIn::SCHEMA,
        date: Date(date),
        from: Date(period.from),
        to: Date(period.to),
        agreement_version: a.version,
        presence,
        rituals: a
            .rituals
            .iter()
            .map(|r| RitualRecord {
                id: r.id.clone(),
                held: 0,
                planned: None,
                note: None,
            })
            .collect(),
        norms: Vec::new(),
        pulse: None,
        followups: Vec::new(),
        wins: Vec::new(),
        actions: Vec::new(),
    }
}

/// How many times a ritual is planned in the period, from its cadence.
pub fn derived_planned(a: &Agreement, ritual_id: &str, period: Period) -> Option<u32> {
    let r = a.ritual(ritual_id)?;
    Some(calendar::planned(
        r,
        a.adopted.map(|d| d.0),
        period.from,
        period.to,
    ))
}
