//! A revision proposed outside the app: the agreement as it is, a revised file, and the counts
//! of a consent round held in the room. The same rules as the app's Save
//! ([`super::revision::finalise`]) decide the version, status, adoption and review dates.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::revision::{Final, finalise_with, fingerprint, review_interval};
use crate::diag::Diagnostic;
use crate::model::{Agreement, Consent};

/// One revision being adopted: what the file was, what it becomes, and what consent was given to.
#[derive(Debug, Clone)]
pub struct Revision {
    base: Agreement,
    draft: Agreement,
    /// For each consent entry of the draft, the content of the item it was given to.
    basis: BTreeMap<String, String>,
    /// Days from adoption to the next review.
    interval_days: u64,
}

/// Three counts of a consent round for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub agree: u32,
    pub concerns: u32,
    pub objections: u32,
}

impl std::str::FromStr for Counts {
    type Err = String;
    /// `AGREE,CONCERNS,OBJECTIONS`, e.g. `5,1,0`.
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        let [a, c, o] = parts.as_slice() else {
            return Err(format!(
                "\"{}\" is not three counts: write AGREE,CONCERNS,OBJECTIONS (e.g. 5,1,0)",
                crate::text::sanitize_line(s)
            ));
        };
        let n = |x: &str| {
            x.parse::<u32>().map_err(|_| {
                format!(
                    "\"{}\" is not a count (a whole number, 0 or more)",
                    crate::text::sanitize_line(x)
                )
            })
        };
        Ok(Counts {
            agree: n(a)?,
            concerns: n(c)?,
            objections: n(o)?,
        })
    }
}

impl Revision {
    /// A consent entry the revised file keeps unchanged from `base` holds for the content it
    /// was given to: `base`'s (so it lapses when the item changed). An entry the revised file
    /// adds or changes was recorded for the revised content.
    pub fn new(base: Agreement, draft: Agreement) -> Revision {
        let basis = draft
            .consent
            .iter()
            .filter_map(|c| {
                let given_to = if base.consent.contains(c) {
                    &base
                } else {
                    &draft
                };
                Some((c.item.clone(), fingerprint(given_to, &c.item)?))
            })
            .collect();
        let interval_days = review_interval(Some(&base));
        Revision {
            base,
            draft,
            basis,
            interval_days,
        }
    }

    /// Takes the review interval from `adopted`, the last adopted version, when the file itself
    /// has no adoption date (a proposed revision).
    pub fn with_interval_of(mut self, adopted: &Agreement) -> Revision {
        if self.base.adopted.is_none() {
            self.interval_days = review_interval(Some(adopted));
        }
        self
    }

    pub fn draft(&self) -> &Agreement {
        &self.draft
    }

    /// Records a consent round on one item of the revised agreement, given to it as it is now.
    /// The counts cannot exceed the team: one voice per member.
    pub fn record_consent(&mut self, item: &str, counts: Counts) -> Result<(), Diagnostic> {
        if self.draft.item(item).is_none() {
            let ids: Vec<&str> = self.draft.items().map(|i| i.id()).collect();
            return Err(Diagnostic::error(
                "unknown-item",
                format!(
                    "the revised agreement has no item \"{}\"",
                    crate::text::sanitize_line(item)
                ),
            )
            .with_hint(format!("items: {}", ids.join(", "))));
        }
        check_team_size(&self.draft, item, counts)?;
        let entry = Consent {
            item: item.to_string(),
            agree: counts.agree,
            concerns: counts.concerns,
            objections: counts.objections,
        };
        match self.draft.consent.iter_mut().find(|c| c.item == item) {
            Some(c) => *c = entry,
            None => self.draft.consent.push(entry),
        }
        let ids: Vec<String> = self.draft.items().map(|i| i.id().to_string()).collect();
        self.draft
            .consent
            .sort_by_key(|c| ids.iter().position(|i| *i == c.item));
        if let Some(f) = fingerprint(&self.draft, item) {
            self.basis.insert(item.to_string(), f);
        }
        Ok(())
    }

    /// Records the same counts on every item of the revised agreement.
    pub fn record_consent_all(&mut self, counts: Counts) -> Result<(), Diagnostic> {
        let ids: Vec<String> = self.draft.items().map(|i| i.id().to_string()).collect();
        ids.iter()
            .try_for_each(|id| self.record_consent(id, counts))
    }

    /// What saving would write, by the app's rules.
    pub fn finalise(&self, today: NaiveDate) -> Final {
        finalise_with(
            &self.draft,
            Some(&self.base),
            &self.basis,
            today,
            self.interval_days,
        )
    }
}

/// One voice per member: a round's counts cannot add up to more than the team has members.
pub fn check_team_size(a: &Agreement, item: &str, c: Counts) -> Result<(), Diagnostic> {
    let members = a.members.len();
    let total = u64::from(c.agree) + u64::from(c.concerns) + u64::from(c.objections);
    if members > 0 && total > members as u64 {
        return Err(Diagnostic::error(
            "consent-count",
            format!(
                "{total} voices on \"{}\" but the team has {members} members",
                crate::text::sanitize_line(item)
            ),
        )
        .with_hint("count one voice per member: agree + concerns + objections ≤ members"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    use crate::session::example_payments as payments;

    fn today() -> NaiveDate {
        "2026-12-01".parse().unwrap()
    }

    #[test]
    fn consent_copied_onto_a_changed_item_lapses_until_recorded_again() {
        let base = payments();
        let mut draft = base.clone();
        draft.rituals[0].time = None;
        let id = draft.rituals[0].id.to_string();
        let mut r = Revision::new(base.clone(), draft);
        let f = r.finalise(today());
        assert_eq!(f.agreement.status, Status::Proposed);
        assert_eq!(f.agreement.version, base.version + 1);
        assert!(f.not_active_because.unwrap().contains(&id));
        r.record_consent(&id, "5,1,0".parse().unwrap()).unwrap();
        let f = r.finalise(today());
        assert_eq!(f.agreement.status, Status::Active);
        assert_eq!(f.agreement.adopted.map(|d| d.0), Some(today()));
        assert!(f.review_moved.is_some());
    }

    #[test]
    fn counts_are_checked_against_the_team_and_the_items() {
        let base = payments();
        let members = base.members.len() as u32;
        let mut r = Revision::new(base.clone(), base);
        let too_many = Counts {
            agree: members + 1,
            concerns: 0,
            objections: 0,
        };
        let e = r.record_consent_all(too_many).unwrap_err();
        assert_eq!(e.code, "consent-count");
        assert_eq!(
            r.record_consent("nope", "1,0,0".parse().unwrap())
                .unwrap_err()
                .code,
            "unknown-item"
        );
        assert!("5,1".parse::<Counts>().is_err());
        assert!("5,x,0".parse::<Counts>().is_err());
    }
}
