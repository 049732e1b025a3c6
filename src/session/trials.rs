//! Trials in a revision, and what an agreement covers. A ritual or norm new in a revision is
//! tried for [`TRIAL_DAYS`] by default (the date stays editable and removable: the rule runs
//! once, when the item is added); a trial the team decided at a check-in is settled in the
//! next revision: kept becomes permanent, adjusted stays on trial, dropped is proposed for
//! removal.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::follow::TRIAL_DAYS;
use crate::model::{Agreement, CheckIn, Date, Decision, Dimension};

/// The default end of a new item's trial: `today` + 30 days.
pub fn default_trial_until(today: NaiveDate) -> Date {
    Date(today + Duration::days(TRIAL_DAYS))
}

/// Puts every ritual and norm of `draft` that `base` does not have (a new id) and that has no
/// trial date on trial until [`default_trial_until`]; returns their ids. Call it once, when
/// the items are added (a trial removed afterwards stays removed).
pub fn try_new_items(
    base: Option<&Agreement>,
    draft: &mut Agreement,
    today: NaiveDate,
) -> Vec<String> {
    let until = default_trial_until(today);
    let is_new = |id: &str| base.is_none_or(|b| b.item(id).is_none());
    let mut put = Vec::new();
    for r in draft.rituals.iter_mut() {
        if r.trial_until.is_none() && is_new(r.id.as_str()) {
            r.trial_until = Some(until);
            put.push(r.id.to_string());
        }
    }
    for n in draft.norms.iter_mut() {
        if n.trial_until.is_none() && is_new(n.id.as_str()) {
            n.trial_until = Some(until);
            put.push(n.id.to_string());
        }
    }
    put
}

/// Removes an item's trial date (the team makes it permanent from the start); `false` when
/// the item is not a ritual or norm on trial.
pub fn end_trial(draft: &mut Agreement, id: &str) -> bool {
    let slot = if let Some(r) = draft.rituals.iter_mut().find(|r| r.id.as_str() == id) {
        &mut r.trial_until
    } else if let Some(n) = draft.norms.iter_mut().find(|n| n.id.as_str() == id) {
        &mut n.trial_until
    } else {
        return false;
    };
    slot.take().is_some()
}

/// What the next revision does with a trial a check-in decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Settled {
    /// Kept: `trial_until` removed, the item is permanent.
    Permanent { item: String, decided: NaiveDate },
    /// Adjusted: still on trial (the team changes it and tries again).
    StillOnTrial { item: String, decided: NaiveDate },
    /// Dropped: proposed for removal (the team removes it in the revision, or keeps it).
    ProposeRemoval { item: String, decided: NaiveDate },
}

/// Settles the trials of `draft` that a check-in of `checkins` decided on or after the trial's
/// date (the latest such decision counts). Kept trials lose `trial_until` in `draft`.
pub fn settle_trials(draft: &mut Agreement, checkins: &[CheckIn]) -> Vec<Settled> {
    let on_trial: Vec<(String, NaiveDate)> = draft
        .items()
        .filter_map(|i| Some((i.id().to_string(), i.trial_until()?)))
        .collect();
    let mut out = Vec::new();
    for (item, until) in on_trial {
        let decided = checkins
            .iter()
            .filter(|c| c.date.0 >= until)
            .filter_map(|c| {
                let a = c.actions.iter().find(|a| a.item == item)?;
                Some((c.date.0, a.decision))
            })
            .max_by_key(|(d, _)| *d);
        let Some((decided, decision)) = decided else {
            continue;
        };
        out.push(match decision {
            Decision::Keep => {
                end_trial(draft, &item);
                Settled::Permanent { item, decided }
            }
            Decision::Adjust => Settled::StillOnTrial { item, decided },
            Decision::Drop => Settled::ProposeRemoval { item, decided },
        });
    }
    out
}

/// What the agreement covers, for the Review step: "covers place and ways of working; nothing
/// digital yet".
pub fn coverage(a: &Agreement) -> String {
    let have = a.dimensions();
    if have.is_empty() {
        return "covers nothing yet: add presence days, a ritual or a norm".into();
    }
    // Place first: the order people say it in ("place, ways of working and digital").
    let order = [
        Dimension::Place,
        Dimension::WaysOfWorking,
        Dimension::Digital,
    ];
    let covered: Vec<&str> = order
        .iter()
        .filter(|d| have.contains(d))
        .map(|d| d.label())
        .collect();
    let missing: Vec<&str> = order
        .iter()
        .filter(|d| !have.contains(d))
        .map(|d| match d {
            Dimension::Place => "nothing about the place yet",
            Dimension::WaysOfWorking => "nothing about ways of working yet",
            Dimension::Digital => "nothing digital yet",
        })
        .collect();
    let mut s = format!("covers {}", and_list(&covered));
    if !missing.is_empty() {
        s.push_str("; ");
        s.push_str(&missing.join("; "));
    }
    s
}

fn and_list(v: &[&str]) -> String {
    match v {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionRecord, Ritual};
    use crate::session::example_payments as payments;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn checkin(date: &str, item: &str, decision: Decision) -> CheckIn {
        let mut c = crate::checkin::prefill(
            &payments(),
            crate::checkin::Period {
                from: d("2026-11-01"),
                to: d("2026-11-02"),
            },
            d(date),
        );
        c.actions.push(ActionRecord {
            item: item.into(),
            decision,
            note: None,
            owner: None,
            due: None,
        });
        c
    }

    #[test]
    fn a_new_item_is_tried_for_thirty_days_and_its_trial_can_be_ended() {
        let base = payments();
        let mut draft = base.clone();
        let mut r: Ritual = draft.rituals[0].clone();
        r.id = "coffee-pairing".parse().unwrap();
        draft.rituals.push(r);
        let put = try_new_items(Some(&base), &mut draft, d("2026-12-01"));
        assert_eq!(put, ["coffee-pairing"]);
        assert_eq!(
            draft.ritual("coffee-pairing").unwrap().trial_until,
            Some(Date(d("2026-12-31")))
        );
        assert!(draft.ritual("weekly-demo").unwrap().trial_until.is_none());
        assert!(end_trial(&mut draft, "coffee-pairing"));
        assert!(!end_trial(&mut draft, "coffee-pairing"));
        assert!(try_new_items(None, &mut payments(), d("2026-12-01")).len() > 1);
    }

    #[test]
    fn kept_trials_become_permanent_adjusted_stay_and_dropped_are_proposed_for_removal() {
        let mut draft = payments();
        let until = Some(Date(d("2026-11-10")));
        draft.rituals[0].trial_until = until; // weekly-demo
        draft.rituals[1].trial_until = until; // team-lunch
        draft.norms[0].trial_until = until; // own-device
        draft.rituals[2].trial_until = until; // retro: decided before the date only
        let checkins = [
            checkin("2026-11-03", "retro", Decision::Keep),
            checkin("2026-11-17", "weekly-demo", Decision::Keep),
            checkin("2026-11-17", "team-lunch", Decision::Drop),
            checkin("2026-11-17", "own-device", Decision::Adjust),
        ];
        let s = settle_trials(&mut draft, &checkins);
        let on = d("2026-11-17");
        assert_eq!(
            s,
            [
                Settled::Permanent {
                    item: "weekly-demo".into(),
                    decided: on
                },
                Settled::ProposeRemoval {
                    item: "team-lunch".into(),
                    decided: on
                },
                Settled::StillOnTrial {
                    item: "own-device".into(),
                    decided: on
                },
            ]
        );
        assert!(draft.ritual("weekly-demo").unwrap().trial_until.is_none());
        assert_eq!(draft.ritual("team-lunch").unwrap().trial_until, until);
        assert_eq!(draft.ritual("retro").unwrap().trial_until, until);
        assert_eq!(draft.norms[0].trial_until, until);
    }

    #[test]
    fn coverage_names_what_is_there_and_what_is_missing() {
        let mut a = payments();
        assert_eq!(coverage(&a), "covers place, ways of working and digital");
        a.norms.clear();
        a.rituals
            .retain(|r| r.mode != Some(crate::model::types::MeetingMode::Remote));
        for r in &mut a.rituals {
            r.dimension = None;
        }
        let c = coverage(&a);
        assert!(c.starts_with("covers place and ways of working"), "{c}");
        assert!(c.ends_with("; nothing digital yet"), "{c}");
        a.presence = None;
        a.rituals.clear();
        assert!(coverage(&a).starts_with("covers nothing yet"));
    }
}
