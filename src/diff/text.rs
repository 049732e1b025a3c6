//! The plain-text rendering of a diff: for terminals and commit message bodies.

use std::fmt::Write as _;

use super::summary::label;
use super::{AgreementDiff, FieldChange, ItemChange, MemberChange, PresenceChange};
use crate::describe;
use crate::model::{Member, Norm, Presence, Question, Ritual, Weekday};
use crate::text::sanitize_line as clean;

pub fn render(d: &AgreementDiff) -> String {
    let mut o = String::new();
    let created = d.old_version.is_none();
    match (d.old_version, d.new_version) {
        (None, Some(v)) => {
            let _ = writeln!(o, "New agreement v{v}.");
        }
        (Some(v), None) => {
            let _ = writeln!(o, "Agreement v{v} removed.");
        }
        _ if d.is_empty() => {
            o.push_str("No changes.\n");
            return o;
        }
        _ => {}
    }
    // A removed agreement's old values are noise; its items below say what goes.
    if !d.agreement.is_empty() && d.new_version.is_some() {
        section(&mut o, "Agreement");
        for f in &d.agreement {
            field(&mut o, f, "  ", created);
        }
    }
    if let Some(p) = &d.presence {
        section(&mut o, "Presence");
        match p {
            PresenceChange::Added { presence } => {
                let _ = writeln!(o, "  + {}", presence_line(presence));
            }
            PresenceChange::Removed { presence } => {
                let _ = writeln!(o, "  − {}", presence_line(presence));
            }
            PresenceChange::Changed {
                days_added,
                days_removed,
                fields,
            } => {
                if let Some(days) = day_changes(days_added, days_removed) {
                    let _ = writeln!(o, "  days: {days}");
                }
                for f in fields {
                    field(&mut o, f, "  ", created);
                }
            }
        }
    }
    if !d.rituals.is_empty() {
        section(&mut o, "Rituals");
        items(&mut o, &d.rituals, ritual_line);
    }
    if !d.norms.is_empty() {
        section(&mut o, "Norms");
        items(&mut o, &d.norms, |n: &Norm| clean(&n.text).into_owned());
    }
    if !d.questions.is_empty() {
        section(&mut o, "Pulse questions");
        items(&mut o, &d.questions, |q: &Question| {
            clean(&q.text).into_owned()
        });
    }
    if !d.members.is_empty() {
        section(&mut o, "Members");
        for m in &d.members {
            match m {
                MemberChange::Joined { member } => {
                    let _ = writeln!(o, "  + {} joined", member_line(member));
                }
                MemberChange::Left { member } => {
                    let _ = writeln!(o, "  − {} left", member_line(member));
                }
                MemberChange::Changed { name, fields } => {
                    let _ = writeln!(o, "  ~ {}", clean(name));
                    for f in fields {
                        field(&mut o, f, "      ", created);
                    }
                }
            }
        }
    }
    if !d.consent.is_empty() {
        section(&mut o, "Consent");
        for c in &d.consent {
            let show = |c: &Option<crate::model::Consent>| {
                c.as_ref().map_or("none".to_string(), super::consent_counts)
            };
            let _ = writeln!(
                o,
                "  {}: {} → {}",
                clean(&c.item),
                show(&c.old),
                show(&c.new)
            );
        }
    }
    // Sections are separated by blank lines; none before the first.
    o.trim_start_matches('\n').to_string()
}

fn section(o: &mut String, title: &str) {
    if !o.is_empty() {
        o.push('\n');
    }
    let _ = writeln!(o, "{title}");
}

fn field(o: &mut String, f: &FieldChange, indent: &str, created: bool) {
    let name = label(f.field);
    let old = f.old_text.as_deref().map(clean);
    let new = f.new_text.as_deref().map(clean);
    if f.is_long() {
        let _ = writeln!(o, "{indent}{name}:");
        if let Some(old) = old {
            let _ = writeln!(o, "{indent}  − {old}");
        }
        if let Some(new) = new {
            let _ = writeln!(o, "{indent}  + {new}");
        }
        return;
    }
    let _ = match (old, new) {
        (None, Some(n)) if created => writeln!(o, "{indent}{name}: {n}"),
        (None, Some(n)) => writeln!(o, "{indent}{name}: (none) → {n}"),
        (Some(p), None) => writeln!(o, "{indent}{name}: {p} → (removed)"),
        (Some(p), Some(n)) => writeln!(o, "{indent}{name}: {p} → {n}"),
        (None, None) => Ok(()),
    };
}

fn items<T>(o: &mut String, changes: &[ItemChange<T>], line: impl Fn(&T) -> String) {
    let created = false;
    for c in changes {
        match c {
            ItemChange::Added { id, item } => {
                let _ = writeln!(o, "  + {id}  {}", line(item));
            }
            ItemChange::Removed { id, item } => {
                let _ = writeln!(o, "  − {id}  {}", line(item));
            }
            ItemChange::Changed { id, title, fields } => {
                let _ = writeln!(o, "  ~ {id}  {}", clean(title));
                for f in fields {
                    field(o, f, "      ", created);
                }
            }
        }
    }
}

/// "+ Thursday, − Wednesday".
pub(super) fn day_changes(added: &[Weekday], removed: &[Weekday]) -> Option<String> {
    let parts: Vec<String> = added
        .iter()
        .map(|d| format!("+ {}", d.long_name()))
        .chain(removed.iter().map(|d| format!("− {}", d.long_name())))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

pub(super) fn presence_line(p: &Presence) -> String {
    let mut s = describe::days(&p.days);
    if let Some(h) = describe::core_hours(p) {
        let _ = write!(s, ", {h}");
    }
    let _ = write!(s, ", {} of members", describe::percent(p.min_attendance()));
    s
}

pub(super) fn ritual_line(r: &Ritual) -> String {
    format!("{} — {}", clean(&r.name), describe::schedule(r))
}

pub(super) fn member_line(m: &Member) -> String {
    let mut bits: Vec<String> = Vec::new();
    if let Some(r) = &m.role {
        bits.push(clean(r).into_owned());
    }
    if let Some(mode) = m.mode {
        bits.push(describe::work_mode(mode).into());
    }
    if bits.is_empty() {
        clean(&m.name).into_owned()
    } else {
        format!("{} ({})", clean(&m.name), bits.join(", "))
    }
}
