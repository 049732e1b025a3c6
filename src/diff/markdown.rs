//! The Markdown rendering of a diff, for pull-request comments and job summaries:
//! bold section labels (the caller owns the headings), short lists, one table.

use std::fmt::Write as _;

use super::summary::label;
use super::text::{day_changes, member_line, presence_line};
use super::{AgreementDiff, FieldChange, ItemChange, MemberChange, PresenceChange};
use crate::describe;
use crate::export::markdown::escape;
use crate::model::{Consent, Norm, Question};

pub fn render(d: &AgreementDiff) -> String {
    let mut o = String::new();
    let created = d.old_version.is_none();
    match (d.old_version, d.new_version) {
        (None, Some(v)) => {
            let _ = writeln!(o, "New agreement, version {v}.\n");
        }
        (Some(v), None) => {
            let _ = writeln!(o, "Agreement version {v} removed.\n");
        }
        _ if d.is_empty() => return "No changes.\n".into(),
        _ => {}
    }
    // A removed agreement's old values are noise; its items below say what goes.
    if !d.agreement.is_empty() && d.new_version.is_some() {
        let _ = writeln!(o, "**Agreement**\n");
        for f in &d.agreement {
            field(&mut o, f, "", created);
        }
        o.push('\n');
    }
    if let Some(p) = &d.presence {
        let _ = writeln!(o, "**Presence days**\n");
        match p {
            PresenceChange::Added { presence } => {
                let _ = writeln!(o, "- **Added:** {}", escape(&presence_line(presence)));
            }
            PresenceChange::Removed { presence } => {
                let _ = writeln!(o, "- **Removed:** {}", escape(&presence_line(presence)));
            }
            PresenceChange::Changed {
                days_added,
                days_removed,
                fields,
            } => {
                if let Some(days) = day_changes(days_added, days_removed) {
                    let _ = writeln!(o, "- days: {days}");
                }
                for f in fields {
                    field(&mut o, f, "", created);
                }
            }
        }
        o.push('\n');
    }
    if !d.rituals.is_empty() {
        let _ = writeln!(o, "**Rituals**\n");
        items(&mut o, &d.rituals, |r| {
            format!("{} — {}", escape(&r.name), escape(&describe::schedule(r)))
        });
        o.push('\n');
    }
    if !d.norms.is_empty() {
        let _ = writeln!(o, "**Norms**\n");
        items(&mut o, &d.norms, |n: &Norm| escape(&n.text));
        o.push('\n');
    }
    if !d.questions.is_empty() {
        let _ = writeln!(o, "**Pulse questions**\n");
        items(&mut o, &d.questions, |q: &Question| escape(&q.text));
        o.push('\n');
    }
    if !d.members.is_empty() {
        let _ = writeln!(o, "**Members**\n");
        for m in &d.members {
            match m {
                MemberChange::Joined { member } => {
                    let _ = writeln!(o, "- **Joined:** {}", escape(&member_line(member)));
                }
                MemberChange::Left { member } => {
                    let _ = writeln!(o, "- **Left:** {}", escape(&member_line(member)));
                }
                MemberChange::Changed { name, fields } => {
                    let _ = writeln!(o, "- **Changed:** {}", escape(name));
                    for f in fields {
                        field(&mut o, f, "  ", created);
                    }
                }
            }
        }
        o.push('\n');
    }
    if !d.consent.is_empty() {
        let _ = writeln!(o, "**Consent**\n\n| Item | Before | After |\n|---|---|---|");
        let show = |c: &Option<Consent>| c.as_ref().map_or("—".into(), super::consent_counts);
        for c in &d.consent {
            let _ = writeln!(
                o,
                "| `{}` | {} | {} |",
                escape(&c.item).replace('`', ""),
                show(&c.old),
                show(&c.new)
            );
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn field(o: &mut String, f: &FieldChange, indent: &str, created: bool) {
    let name = label(f.field);
    let old = f.old_text.as_deref().map(escape);
    let new = f.new_text.as_deref().map(escape);
    if f.is_long() {
        let _ = writeln!(o, "{indent}- {name}:");
        if let Some(old) = old {
            let _ = writeln!(o, "{indent}  - before: {old}");
        }
        if let Some(new) = new {
            let _ = writeln!(o, "{indent}  - after: {new}");
        }
        return;
    }
    let _ = match (old, new) {
        (None, Some(n)) if created => writeln!(o, "{indent}- {name}: {n}"),
        (None, Some(n)) => writeln!(o, "{indent}- {name}: (none) → **{n}**"),
        (Some(p), None) => writeln!(o, "{indent}- {name}: ~~{p}~~ (removed)"),
        (Some(p), Some(n)) => writeln!(o, "{indent}- {name}: {p} → **{n}**"),
        (None, None) => Ok(()),
    };
}

fn items<T>(o: &mut String, changes: &[ItemChange<T>], line: impl Fn(&T) -> String) {
    let created = false;
    for c in changes {
        match c {
            ItemChange::Added { id, item } => {
                let _ = writeln!(o, "- **Added** `{id}`: {}", line(item));
            }
            ItemChange::Removed { id, item } => {
                let _ = writeln!(o, "- **Removed** `{id}`: {}", line(item));
            }
            ItemChange::Changed { id, title, fields } => {
                let _ = writeln!(o, "- **Changed** `{id}`: {}", escape(title));
                for f in fields {
                    field(o, f, "  ", created);
                }
            }
        }
    }
}
