//! The one-line summary of a diff: what a history row says about a revision.

use super::{AgreementDiff, FieldChange, ItemChange, MemberChange, PresenceChange};
use crate::model::Weekday;

/// At most this many names in a list before "and N more".
const NAMES: usize = 3;

pub fn line(d: &AgreementDiff) -> String {
    match (d.old_version, d.new_version) {
        (None, None) => return "no agreement".into(),
        (Some(_), None) => return "agreement removed".into(),
        (None, Some(v)) => return created(d, v),
        _ => {}
    }
    if d.is_empty() {
        return "no changes".into();
    }
    let mut parts: Vec<String> = Vec::new();
    for f in &d.agreement {
        parts.push(agreement_field(f));
    }
    if let Some(p) = &d.presence {
        parts.push(match p {
            PresenceChange::Added { presence } => {
                format!("added presence days ({})", short_days(&presence.days))
            }
            PresenceChange::Removed { .. } => "removed presence days".into(),
            PresenceChange::Changed {
                days_added,
                days_removed,
                fields,
            } => {
                let mut bits = Vec::new();
                let days: Vec<String> = days_added
                    .iter()
                    .map(|d| format!("+{}", d.short_name()))
                    .chain(days_removed.iter().map(|d| format!("−{}", d.short_name())))
                    .collect();
                if !days.is_empty() {
                    bits.push(format!("days {}", days.join(" ")));
                }
                bits.extend(fields.iter().map(|f| label(f.field).to_string()));
                format!("presence: {}", bits.join(", "))
            }
        });
    }
    items(&mut parts, "ritual", "rituals", &d.rituals);
    items(&mut parts, "norm", "norms", &d.norms);
    items(&mut parts, "question", "questions", &d.questions);
    let joined: Vec<&str> = member_names(d, |c| matches!(c, MemberChange::Joined { .. }));
    if !joined.is_empty() {
        parts.push(format!("joined: {}", names(&joined)));
    }
    let left: Vec<&str> = member_names(d, |c| matches!(c, MemberChange::Left { .. }));
    if !left.is_empty() {
        parts.push(format!("left: {}", names(&left)));
    }
    let changed: Vec<&str> = member_names(d, |c| matches!(c, MemberChange::Changed { .. }));
    if !changed.is_empty() {
        parts.push(format!("member details: {}", names(&changed)));
    }
    if !d.consent.is_empty() {
        let items: Vec<&str> = d.consent.iter().map(|c| c.item.as_str()).collect();
        parts.push(format!("consent: {}", names(&items)));
    }
    parts.join("; ")
}

fn created(d: &AgreementDiff, version: u32) -> String {
    let mut bits = Vec::new();
    if let Some(PresenceChange::Added { presence }) = &d.presence {
        bits.push(format!("presence {}", short_days(&presence.days)));
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if !d.rituals.is_empty() {
        bits.push(count(d.rituals.len(), "ritual", "rituals"));
    }
    if !d.norms.is_empty() {
        bits.push(count(d.norms.len(), "norm", "norms"));
    }
    if !d.questions.is_empty() {
        bits.push(count(d.questions.len(), "question", "questions"));
    }
    if !d.members.is_empty() {
        bits.push(count(d.members.len(), "member", "members"));
    }
    let status = d
        .agreement
        .iter()
        .find(|f| f.field == "status")
        .and_then(|f| f.new_text.clone())
        .unwrap_or_default();
    let head = format!("new agreement v{version} ({status})");
    if bits.is_empty() {
        head
    } else {
        format!("{head}: {}", bits.join(", "))
    }
}

fn agreement_field(f: &FieldChange) -> String {
    let old = f.old_text.as_deref().unwrap_or("none");
    let new = f.new_text.as_deref().unwrap_or("none");
    match f.field {
        "version" | "status" => format!("{old} → {new}"),
        "purpose" => match (&f.old_text, &f.new_text) {
            (None, _) => "purpose added".into(),
            (_, None) => "purpose removed".into(),
            _ => "purpose reworded".into(),
        },
        "team" => format!("team name {old} → {new}"),
        _ => format!("{} {new}", label(f.field)),
    }
}

fn items<T>(parts: &mut Vec<String>, one: &str, many: &str, changes: &[ItemChange<T>]) {
    let added: Vec<&str> = changes
        .iter()
        .filter(|c| matches!(c, ItemChange::Added { .. }))
        .map(ItemChange::id)
        .collect();
    let removed: Vec<&str> = changes
        .iter()
        .filter(|c| matches!(c, ItemChange::Removed { .. }))
        .map(ItemChange::id)
        .collect();
    let changed: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            ItemChange::Changed { id, fields, .. } => {
                let what: Vec<&str> = fields.iter().map(|f| label(f.field)).collect();
                Some(format!("{id} ({})", what.join(", ")))
            }
            _ => None,
        })
        .collect();
    let kind = |n: usize| if n == 1 { one } else { many };
    if !added.is_empty() {
        parts.push(format!("added {} {}", kind(added.len()), names(&added)));
    }
    if !removed.is_empty() {
        parts.push(format!(
            "removed {} {}",
            kind(removed.len()),
            names(&removed)
        ));
    }
    if !changed.is_empty() {
        let refs: Vec<&str> = changed.iter().map(String::as_str).collect();
        parts.push(format!("changed {} {}", kind(changed.len()), names(&refs)));
    }
}

fn member_names(d: &AgreementDiff, pick: impl Fn(&MemberChange) -> bool) -> Vec<&str> {
    d.members
        .iter()
        .filter(|c| pick(c))
        .map(|c| match c {
            MemberChange::Joined { member } | MemberChange::Left { member } => member.name.as_str(),
            MemberChange::Changed { name, .. } => name.as_str(),
        })
        .collect()
}

fn names(list: &[&str]) -> String {
    if list.len() <= NAMES {
        list.join(", ")
    } else {
        format!(
            "{} and {} more",
            list[..NAMES].join(", "),
            list.len() - NAMES
        )
    }
}

fn short_days(days: &[Weekday]) -> String {
    if days.is_empty() {
        return "none".into();
    }
    days.iter()
        .map(|d| d.short_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A file key as people say it.
pub(crate) fn label(field: &str) -> &str {
    match field {
        "review_by" => "review by",
        "duration_minutes" => "duration",
        "core_hours" => "core hours",
        "min_attendance" => "min attendance",
        "team" => "team name",
        other => other,
    }
}
