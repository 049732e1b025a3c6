//! The rules of adopting a revision: the version, the status and its reason, the adoption date,
//! the review date and the consent that still holds. A pure function of the draft, so the app's
//! Save step can show it before it happens and `accord edit --no-interactive` applies the same.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::model::{Agreement, Consent, Date, Status};

/// The review interval when the agreement has none yet (adopted and review_by): six weeks.
pub const REVIEW_AFTER_DAYS: u64 = 42;

/// The agreement as it would be saved, and what to tell people about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Final {
    pub agreement: Agreement,
    /// The version on disk when the wizard started, for a revision.
    pub previous_version: Option<u32>,
    /// Presence, rituals, norms, pulse questions, members or wording differ from the file the wizard started from.
    pub content_changed: bool,
    /// Why the agreement is not active, when it is not.
    pub not_active_because: Option<String>,
    /// The review date Save moved forward on adopting (from, to), when it did.
    pub review_moved: Option<(Option<Date>, Date)>,
}

/// A fingerprint of an item's content: consent is given to this exact content. A trial's end
/// date is left out: it says when the team looks again, and settling a trial (a kept one
/// becomes permanent) needs no new round.
pub fn fingerprint(a: &Agreement, id: &str) -> Option<String> {
    use crate::model::ItemRef;
    a.item(id).map(|it| {
        match it {
            ItemRef::Presence(p) => serde_json::to_string(p),
            ItemRef::Ritual(r) => serde_json::to_string(&crate::model::Ritual {
                trial_until: None,
                ..r.clone()
            }),
            ItemRef::Norm(n) => serde_json::to_string(&crate::model::Norm {
                trial_until: None,
                ..n.clone()
            }),
        }
        .expect("model types serialise")
    })
}

/// The consent entries that still hold: given to the item as it is now, with at least one count.
pub fn valid_consent(a: &Agreement, basis: &BTreeMap<String, String>) -> Vec<Consent> {
    a.consent
        .iter()
        .filter(|c| c.agree + c.concerns + c.objections > 0)
        .filter(|c| {
            basis
                .get(&c.item)
                .is_some_and(|b| Some(b) == fingerprint(a, &c.item).as_ref())
        })
        .cloned()
        .collect()
}

/// Everything but the bookkeeping Save itself sets.
fn content(a: &Agreement) -> Agreement {
    Agreement {
        version: 0,
        status: Status::Draft,
        adopted: None,
        review_by: None,
        consent: Vec::new(),
        ..a.clone()
    }
}

pub fn finalise(
    draft: &Agreement,
    loaded: Option<&Agreement>,
    basis: &BTreeMap<String, String>,
    today: NaiveDate,
) -> Final {
    finalise_with(draft, loaded, basis, today, review_interval(loaded))
}

/// [`finalise`] with the review interval given: a file saved as proposed has no adoption date,
/// so the interval comes from the last adopted version, which the caller has from history.
pub fn finalise_with(
    draft: &Agreement,
    loaded: Option<&Agreement>,
    basis: &BTreeMap<String, String>,
    today: NaiveDate,
    interval_days: u64,
) -> Final {
    let mut a = draft.clone();
    a.consent = valid_consent(draft, basis);
    let content_changed = loaded.is_none_or(|l| content(l) != content(draft));
    let was_adopted = loaded.is_some_and(|l| l.adopted.is_some());
    a.version = match loaded {
        Some(l) if was_adopted && content_changed => l.version + 1,
        Some(l) => l.version,
        None => draft.version.max(1),
    };
    let ids: Vec<&str> = draft.items().map(|i| i.id()).collect();
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !a.consent.iter().any(|c| c.item == *id))
        .collect();
    let objected: Vec<&str> = a
        .consent
        .iter()
        .filter(|c| c.objections > 0)
        .map(|c| c.item.as_str())
        .collect();
    let has_core =
        draft.presence.as_ref().is_some_and(|p| !p.days.is_empty()) || !draft.rituals.is_empty();
    let list = |v: &[&str]| {
        let shown: Vec<&str> = v.iter().take(4).copied().collect();
        let more = v.len().saturating_sub(4);
        if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    };
    let reason = if !has_core {
        Some("an agreement needs at least one presence day or ritual".to_string())
    } else if !objected.is_empty() {
        Some(format!(
            "{} with an objection: {}",
            count(objected.len(), "item"),
            list(&objected)
        ))
    } else if !missing.is_empty() {
        Some(format!(
            "{} without consent yet: {}",
            count(missing.len(), "item"),
            list(&missing)
        ))
    } else {
        None
    };
    let mut review_moved = None;
    match &reason {
        None => {
            a.status = Status::Active;
            let same_adoption = loaded.is_some_and(|l| {
                l.status == Status::Active && l.version == a.version && l.adopted.is_some()
            });
            a.adopted = if same_adoption {
                loaded.and_then(|l| l.adopted)
            } else {
                Some(Date(today))
            };
            if !same_adoption {
                review_moved = move_review(&mut a, draft, loaded, today, interval_days);
            }
        }
        Some(_) => {
            a.status = if a.consent.is_empty() {
                Status::Draft
            } else {
                Status::Proposed
            };
            a.adopted = None;
        }
    }
    Final {
        agreement: a,
        previous_version: loaded.map(|l| l.version),
        content_changed,
        not_active_because: reason,
        review_moved,
    }
}

/// The last version's review interval (from its adoption to its review date), or six weeks.
pub fn review_interval(previous: Option<&Agreement>) -> u64 {
    previous
        .and_then(|l| Some((l.review_by?.0 - l.adopted?.0).num_days()))
        .and_then(|d| u64::try_from(d).ok())
        .filter(|d| *d > 0)
        .unwrap_or(REVIEW_AFTER_DAYS)
}

/// One review interval after `today`: the review date of a version adopted today.
pub fn next_review(previous: Option<&Agreement>, today: NaiveDate) -> Option<Date> {
    today
        .checked_add_days(Days::new(review_interval(previous)))
        .map(Date)
}

/// The review date of a newly adopted version: one review interval (the last version's, from
/// its adoption to its review date; six weeks without one) after today, unless the draft
/// chose another date still ahead. Returns (old, new) when the date moved.
fn move_review(
    a: &mut Agreement,
    draft: &Agreement,
    loaded: Option<&Agreement>,
    today: NaiveDate,
    interval_days: u64,
) -> Option<(Option<Date>, Date)> {
    let before = loaded.and_then(|l| l.review_by);
    let chosen = draft
        .review_by
        .filter(|d| d.0 > today && draft.review_by != before);
    if chosen.is_some() {
        return None;
    }
    let next = Date(today.checked_add_days(Days::new(interval_days))?);
    if a.review_by == Some(next) {
        return None;
    }
    let old = a.review_by;
    a.review_by = Some(next);
    Some((old, next))
}

/// "1 item", "3 items".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    use crate::session::example_payments as payments;

    fn basis_of(a: &Agreement) -> BTreeMap<String, String> {
        a.consent
            .iter()
            .map(|c| (c.item.clone(), fingerprint(a, &c.item).unwrap()))
            .collect()
    }

    #[test]
    fn unchanged_revision_keeps_version_and_adoption() {
        let l = payments();
        let f = finalise(&l, Some(&l), &basis_of(&l), d("2026-11-20"));
        assert_eq!(f.agreement.version, 3);
        assert_eq!(f.agreement.status, Status::Active);
        assert_eq!(f.agreement.adopted, l.adopted);
        assert!(!f.content_changed);
    }

    #[test]
    fn a_trial_date_is_not_what_consent_is_given_to() {
        let a = crate::session::example_payments();
        let mut b = a.clone();
        b.rituals[0].trial_until = Some(Date(d("2026-12-31")));
        let id = a.rituals[0].id.as_str();
        assert_eq!(fingerprint(&a, id), fingerprint(&b, id));
        b.rituals[0].time = None;
        assert_ne!(fingerprint(&a, id), fingerprint(&b, id));
    }

    #[test]
    fn a_changed_item_needs_consent_again() {
        let l = payments();
        let basis = basis_of(&l);
        let mut draft = l.clone();
        draft.rituals[0].time = None;
        let f = finalise(&draft, Some(&l), &basis, d("2026-11-20"));
        assert_eq!(f.agreement.version, 4);
        assert_eq!(f.agreement.status, Status::Proposed);
        assert!(f.not_active_because.unwrap().contains("weekly-demo"));
        assert!(f.agreement.consent.iter().all(|c| c.item != "weekly-demo"));
        // Consent given to the new content makes it active, adopted today.
        let mut basis = basis;
        basis.insert(
            "weekly-demo".into(),
            fingerprint(&draft, "weekly-demo").unwrap(),
        );
        let f = finalise(&draft, Some(&l), &basis, d("2026-11-20"));
        assert_eq!(f.agreement.status, Status::Active);
        assert_eq!(f.agreement.adopted, Some(Date(d("2026-11-20"))));
    }

    #[test]
    fn objections_and_empty_agreements_are_not_active() {
        let l = payments();
        let mut draft = l.clone();
        draft.consent[1].objections = 1;
        let mut basis = basis_of(&l);
        basis.insert(
            "weekly-demo".into(),
            fingerprint(&draft, "weekly-demo").unwrap(),
        );
        let f = finalise(&draft, Some(&l), &basis, d("2026-11-20"));
        assert_eq!(f.agreement.status, Status::Proposed);
        assert!(f.not_active_because.unwrap().contains("objection"));
        let empty = Agreement::draft("X");
        let f = finalise(&empty, None, &BTreeMap::new(), d("2026-11-20"));
        assert_eq!(f.agreement.status, Status::Draft);
        assert_eq!(f.agreement.version, 1);
    }

    /// Consent for every item of `a` as it is now.
    fn consented(a: &Agreement) -> BTreeMap<String, String> {
        a.items()
            .map(|i| (i.id().to_string(), fingerprint(a, i.id()).unwrap()))
            .collect()
    }

    fn with_full_consent(mut a: Agreement) -> Agreement {
        a.consent = a
            .items()
            .map(|i| Consent {
                item: i.id().to_string(),
                agree: 5,
                concerns: 0,
                objections: 0,
            })
            .collect();
        a
    }

    #[test]
    fn adopting_a_revision_moves_the_review_date_by_the_last_interval() {
        let l = payments();
        let (adopted, review) = (l.adopted.unwrap().0, l.review_by.unwrap().0);
        let interval = (review - adopted).num_days();
        let mut draft = l.clone();
        draft.rituals[0].time = None;
        let draft = with_full_consent(draft);
        let f = finalise(&draft, Some(&l), &consented(&draft), d("2026-12-01"));
        assert_eq!(f.agreement.status, Status::Active);
        let next = Date(d("2026-12-01") + chrono::Duration::days(interval));
        assert_eq!(f.agreement.review_by, Some(next));
        assert_eq!(f.review_moved, Some((l.review_by, next)));
    }

    #[test]
    fn a_review_date_the_draft_chose_is_kept_and_an_unchanged_adoption_keeps_its_own() {
        let l = payments();
        let mut draft = l.clone();
        draft.rituals[0].time = None;
        draft.review_by = Some(Date(d("2027-03-01")));
        let draft = with_full_consent(draft);
        let f = finalise(&draft, Some(&l), &consented(&draft), d("2026-12-01"));
        assert_eq!(f.agreement.review_by, Some(Date(d("2027-03-01"))));
        assert_eq!(f.review_moved, None);
        let f = finalise(&l, Some(&l), &basis_of(&l), d("2026-12-01"));
        assert_eq!((f.agreement.review_by, f.review_moved), (l.review_by, None));
    }

    #[test]
    fn a_first_adoption_is_reviewed_six_weeks_later() {
        let mut draft = with_full_consent(payments());
        draft.version = 1;
        draft.adopted = None;
        draft.review_by = None;
        draft.status = Status::Draft;
        let f = finalise(&draft, None, &consented(&draft), d("2026-12-01"));
        assert_eq!(f.agreement.review_by, Some(Date(d("2027-01-12"))));
    }
}
