//! What Save writes: the version, the status and its reason, the adoption date, the consent that
//! still holds. A pure function of the draft, so the Save step can show it before it happens.

use std::collections::BTreeMap;
use std::path::Path;

use accord::model::{Agreement, Consent, Date, Status};
use chrono::NaiveDate;

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
}

/// A fingerprint of an item's content: consent is given to this exact content.
pub fn fingerprint(a: &Agreement, id: &str) -> Option<String> {
    use accord::model::ItemRef;
    a.item(id).map(|it| {
        match it {
            ItemRef::Presence(p) => serde_json::to_string(p),
            ItemRef::Ritual(r) => serde_json::to_string(r),
            ItemRef::Norm(n) => serde_json::to_string(n),
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
    }
}

/// Where a successful save hands off to git: commit the agreement file, and only it, with a
/// message that says what happened (`payments: adopt agreement v4`), the changes against the
/// version saved before, and the consent round as trailers. The worker decides whether there is a
/// repository and whether committing is on.
pub fn after_save(
    team: &str,
    path: &Path,
    previous: Option<&Agreement>,
    saved: &Agreement,
    parked: &[String],
) -> Vec<crate::tui::action::Effect> {
    use accord::diff::{AgreementDiff, diff_agreements};
    let diff = match previous {
        Some(p) => diff_agreements(p, saved),
        None => AgreementDiff::created(saved),
    };
    vec![crate::tui::action::Effect::Commit {
        files: vec![path.to_path_buf()],
        message: accord::git::message::agreement(team, saved, &diff, parked),
    }]
}

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

    fn payments() -> Agreement {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/agreements/payments/agreement.toml"
        ))
        .unwrap();
        accord::parse::parse(&accord::source::Source::new("p.toml", text)).unwrap()
    }

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
}
