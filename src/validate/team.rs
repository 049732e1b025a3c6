//! Rules across one team's files: a follow-up names an action of an earlier check-in, and a
//! trial whose date has come gets its keep / adjust / drop decision at a check-in.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::Findings;
use crate::diag::{Diagnostic, Severity};
use crate::hash::Set;
use crate::locate::Seg::{Index as I, Key as K};
use crate::model::{ActionRef, Agreement, CheckIn, ItemRef, Status};
use crate::source::Source;

/// At most this many open actions are listed in a hint.
const LISTED: usize = 8;

/// The actions of check-ins dated before `date` that no follow-up before `date` closed
/// (done or dropped), oldest first.
pub fn open_before(team: &[CheckIn], date: NaiveDate) -> Vec<ActionRef> {
    let earlier = || team.iter().filter(|c| c.date.0 < date);
    let closed: Set<&ActionRef> = earlier()
        .flat_map(|c| c.followups.iter().filter(|f| f.closes()).map(|f| &f.action))
        .collect();
    let all: BTreeSet<ActionRef> = earlier()
        .flat_map(|c| c.actions.iter().map(|a| c.action_ref(&a.item)))
        .collect();
    all.into_iter().filter(|a| !closed.contains(a)).collect()
}

/// Each follow-up of `c` names an action of an earlier check-in of the team (`team` holds its
/// check-ins, in any order, `c` among them or not), once.
pub fn followup_rules(src: &Source, c: &CheckIn, team: &[CheckIn]) -> Vec<Diagnostic> {
    let mut f = Findings::new(src);
    let actions: Set<ActionRef> = team
        .iter()
        .filter(|e| e.date < c.date)
        .flat_map(|e| e.actions.iter().map(|a| e.action_ref(&a.item)))
        .collect();
    let mut seen = Set::default();
    for (i, fu) in c.followups.iter().enumerate() {
        let at = [K("followups"), I(i), K("action")];
        if !actions.contains(&fu.action) {
            if !f.room("unknown-action", Severity::Error) {
                continue;
            }
            let why = if fu.action.date >= c.date.0 {
                format!(
                    "follow-up of {}, which is not before this check-in",
                    fu.action
                )
            } else {
                format!(
                    "follow-up of {}, which is not an action of an earlier check-in of this team",
                    fu.action
                )
            };
            f.error("unknown-action", why, &at, open_hint(&fu.action, team, c));
        } else if !seen.insert(&fu.action) {
            f.warn(
                "duplicate-followup",
                format!("{} is followed up twice", fu.action),
                &at,
                "keep one follow-up per action",
            );
        }
    }
    f.finish()
}

/// The open actions `action` may have meant, the closest first.
fn open_hint(action: &ActionRef, team: &[CheckIn], c: &CheckIn) -> String {
    let open: Vec<String> = open_before(team, c.date.0)
        .iter()
        .map(ToString::to_string)
        .collect();
    if open.is_empty() {
        return "no earlier check-in of this team has an open action: remove this follow-up".into();
    }
    let wanted = action.to_string();
    let best = crate::suggest::closest(&wanted, open.iter().map(String::as_str));
    let mut list = open
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if open.len() > LISTED {
        list.push_str(&format!(" and {} more", open.len() - LISTED));
    }
    match best {
        Some(b) => format!("did you mean \"{b}\"? open actions: {list}"),
        None => format!("open actions: {list}"),
    }
}

/// Whether a ritual or norm of `a` is on a trial that has passed (before `today`).
pub fn has_passed_trial(a: &Agreement, today: NaiveDate) -> bool {
    a.status == Status::Active
        && a.items()
            .any(|i| i.trial_until().is_some_and(|d| d < today))
}

/// A trial whose date has passed is decided (keep, adjust or drop) at a check-in dated on or
/// after it; until then `validate` warns.
pub fn trial_rules(
    src: &Source,
    a: &Agreement,
    team: &[CheckIn],
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut f = Findings::new(src);
    if a.status != Status::Active {
        return f.finish();
    }
    for item in a.items() {
        let Some(until) = item.trial_until().filter(|d| *d < today) else {
            continue;
        };
        let decided = team
            .iter()
            .filter(|c| c.date.0 >= until)
            .any(|c| c.actions.iter().any(|act| act.item == item.id()));
        if decided {
            continue;
        }
        let at = match item {
            ItemRef::Ritual(r) => {
                let i = a.rituals.iter().position(|x| x.id == r.id).unwrap_or(0);
                [K("rituals"), I(i), K("trial_until")]
            }
            ItemRef::Norm(n) => {
                let i = a.norms.iter().position(|x| x.id == n.id).unwrap_or(0);
                [K("norms"), I(i), K("trial_until")]
            }
            ItemRef::Presence(_) => continue,
        };
        f.warn(
            "trial-undecided",
            format!(
                "{} \"{}\" was on trial until {until} and no check-in since decided keep, adjust or drop",
                item.kind(),
                item.id()
            ),
            &at,
            format!(
                "hold a check-in (`accord checkin`) and decide on \"{}\"; a kept trial drops trial_until in the next revision",
                item.id()
            ),
        );
    }
    f.finish()
}
