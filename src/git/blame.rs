//! Item-level blame: for each presence section, ritual and norm, the revision that
//! introduced it and the one that last changed it — "why do we have this norm?".

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::history::Revision;
use super::repo::Repo;
use crate::diag::Diagnostic;
use crate::diff::{AgreementDiff, ItemChange, PresenceChange, diff_agreements};
use crate::model::Agreement;

/// Where a change came from: a commit, or the work tree when it is not committed yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Origin {
    /// `None` for a change that is not committed yet.
    pub commit: Option<String>,
    pub short: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub author: Option<String>,
    pub subject: Option<String>,
    /// The fields the change touched (empty when the item was added).
    pub fields: Vec<&'static str>,
}

impl Origin {
    fn uncommitted(fields: Vec<&'static str>) -> Self {
        Origin {
            commit: None,
            short: None,
            date: None,
            author: None,
            subject: None,
            fields,
        }
    }

    fn of(r: &Revision, fields: Vec<&'static str>) -> Self {
        Origin {
            commit: Some(r.id.clone()),
            short: Some(r.short_id.clone()),
            date: Some(r.time),
            author: Some(r.author.clone()),
            subject: Some(r.subject.clone()),
            fields,
        }
    }

    pub fn is_uncommitted(&self) -> bool {
        self.commit.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemBlame {
    /// `presence`, a ritual id or a norm id.
    pub id: String,
    /// `presence`, `ritual` or `norm`.
    pub kind: &'static str,
    pub title: String,
    /// `None` when no revision could be found (history cut short, or revisions that do not parse).
    pub introduced: Option<Origin>,
    pub last_changed: Option<Origin>,
}

/// What a revision did to one item, as far as its diff says.
enum Touch {
    Added,
    Changed(Vec<&'static str>),
}

fn touch(d: &AgreementDiff, id: &str) -> Option<Touch> {
    if id == crate::model::PRESENCE_ITEM {
        return match &d.presence {
            Some(PresenceChange::Added { .. }) => Some(Touch::Added),
            Some(PresenceChange::Changed {
                days_added,
                days_removed,
                fields,
            }) => {
                let mut f: Vec<&'static str> = Vec::new();
                if !days_added.is_empty() || !days_removed.is_empty() {
                    f.push("days");
                }
                f.extend(fields.iter().map(|c| c.field));
                Some(Touch::Changed(f))
            }
            _ => None,
        };
    }
    fn find<T>(list: &[ItemChange<T>], id: &str) -> Option<Touch> {
        list.iter().find(|c| c.id() == id).and_then(|c| match c {
            ItemChange::Added { .. } => Some(Touch::Added),
            ItemChange::Changed { fields, .. } => {
                Some(Touch::Changed(fields.iter().map(|f| f.field).collect()))
            }
            ItemChange::Removed { .. } => None,
        })
    }
    find(&d.rituals, id).or_else(|| find(&d.norms, id))
}

impl Repo {
    /// Blame for every item of `current` (the agreement as it is in the work tree), read from
    /// the history of `agreement_path`.
    pub fn blame(
        &self,
        agreement_path: &Path,
        current: &Agreement,
    ) -> Result<Vec<ItemBlame>, Diagnostic> {
        let revisions = self.history(agreement_path)?;
        // What the work tree changed since the newest revision.
        let uncommitted = match revisions.first().map(|r| &r.agreement) {
            Some(Ok(committed)) => Some(diff_agreements(committed, current)),
            _ if revisions.is_empty() => Some(AgreementDiff::created(current)),
            _ => None,
        };
        let mut out = Vec::new();
        for item in current.items() {
            let id = item.id();
            let mut introduced = None;
            let mut last_changed = None;
            match uncommitted.as_ref().and_then(|d| touch(d, id)) {
                Some(Touch::Added) => {
                    introduced = Some(Origin::uncommitted(Vec::new()));
                    last_changed = Some(Origin::uncommitted(Vec::new()));
                }
                Some(Touch::Changed(f)) => last_changed = Some(Origin::uncommitted(f)),
                None => {}
            }
            for r in &revisions {
                if introduced.is_some() {
                    break;
                }
                let t = match &r.diff {
                    Some(d) => touch(d, id),
                    // Without a diff, the oldest revision that has the item introduced it.
                    None => None,
                };
                match t {
                    Some(Touch::Added) => {
                        introduced = Some(Origin::of(r, Vec::new()));
                        last_changed.get_or_insert_with(|| Origin::of(r, Vec::new()));
                    }
                    Some(Touch::Changed(f)) => {
                        last_changed.get_or_insert_with(|| Origin::of(r, f));
                    }
                    None => {}
                }
            }
            if introduced.is_none() {
                // History without a usable diff at the start (a shallow clone, a file that did not parse).
                let oldest = revisions
                    .iter()
                    .rev()
                    .find(|r| r.agreement.as_ref().is_ok_and(|a| a.item(id).is_some()));
                if let Some(r) = oldest {
                    introduced = Some(Origin::of(r, Vec::new()));
                    last_changed.get_or_insert_with(|| Origin::of(r, Vec::new()));
                }
            }
            out.push(ItemBlame {
                id: id.to_string(),
                kind: item.kind(),
                title: item.title().to_string(),
                introduced,
                last_changed,
            });
        }
        Ok(out)
    }
}
