//! The diff as a document: what `diff` prints as text and Markdown, what a commit body
//! holds and what the wizard shows before saving — one walk of the diff.

use super::{Document, Entry, Mark, Role, Span};
use crate::describe;
use crate::diff::{
    AgreementDiff, FieldChange, ItemChange, MemberChange, PresenceChange, consent_counts,
    summary::label,
};
use crate::model::{Consent, Member, Norm, Presence, Question, Ritual, Weekday};

pub fn diff_doc(d: &AgreementDiff) -> Document {
    let mut doc = Document::default();
    let created = d.old_version.is_none();
    match (d.old_version, d.new_version) {
        (None, Some(v)) => doc
            .section(None)
            .line(vec![Span::plain(format!("New agreement v{v}."))]),
        (Some(v), None) => doc
            .section(None)
            .line(vec![Span::plain(format!("Agreement v{v} removed."))]),
        _ if d.is_empty() => {
            doc.section(None).line(vec![Span::plain("No changes.")]);
            return doc;
        }
        _ => {}
    }
    // A removed agreement's old values are noise; its items below say what goes.
    if !d.agreement.is_empty() && d.new_version.is_some() {
        let s = doc.section(Some("Agreement"));
        for f in &d.agreement {
            s.entry(field(f, created));
        }
    }
    if let Some(p) = &d.presence {
        let s = doc.section(Some("Presence"));
        match p {
            PresenceChange::Added { presence } => {
                s.entry(marked(Mark::Added, presence_line(presence)));
            }
            PresenceChange::Removed { presence } => {
                s.entry(marked(Mark::Removed, presence_line(presence)));
            }
            PresenceChange::Changed {
                days_added,
                days_removed,
                fields,
            } => {
                if let Some(days) = day_changes(days_added, days_removed) {
                    s.entry(Entry {
                        key: Some(Span::new(Role::Label, "days")),
                        spans: vec![Span::plain(days)],
                        ..Entry::default()
                    });
                }
                for f in fields {
                    s.entry(field(f, created));
                }
            }
        }
    }
    items(&mut doc, "Rituals", &d.rituals, ritual_line);
    items(&mut doc, "Norms", &d.norms, |n: &Norm| n.text.clone());
    items(&mut doc, "Pulse questions", &d.questions, |q: &Question| {
        q.text.clone()
    });
    if !d.members.is_empty() {
        let s = doc.section(Some("Members"));
        for m in &d.members {
            s.entry(match m {
                MemberChange::Joined { member } => marked(Mark::Joined, member_line(member)),
                MemberChange::Left { member } => marked(Mark::Left, member_line(member)),
                MemberChange::Changed { name, fields } => Entry {
                    children: fields.iter().map(|f| field(f, created)).collect(),
                    ..marked(Mark::Changed, name.clone())
                },
            });
        }
    }
    if !d.consent.is_empty() {
        let s = doc.section(Some("Consent"));
        let show = |c: &Option<Consent>| match c {
            Some(c) => Span::plain(consent_counts(c)),
            None => Span::new(Role::Muted, "none"),
        };
        for c in &d.consent {
            s.entry(Entry {
                key: Some(Span::new(Role::Code, c.item.clone())),
                spans: vec![show(&c.old), Span::plain(" → "), show(&c.new)],
                ..Entry::default()
            });
        }
    }
    doc
}

fn marked(mark: Mark, text: String) -> Entry {
    Entry {
        mark: Some(mark),
        spans: vec![Span::plain(text)],
        ..Entry::default()
    }
}

fn field(f: &FieldChange, created: bool) -> Entry {
    let key = Some(Span::new(Role::Label, label(f.field)));
    let (old, new) = (f.old_text.clone(), f.new_text.clone());
    if f.is_long() {
        let children = [(Mark::Before, old), (Mark::After, new)]
            .into_iter()
            .filter_map(|(m, t)| t.map(|t| marked(m, t)))
            .collect();
        return Entry {
            key,
            children,
            ..Entry::default()
        };
    }
    let arrow = || Span::plain(" → ");
    let spans = match (old, new) {
        (None, Some(n)) if created => vec![Span::plain(n)],
        (None, Some(n)) => vec![
            Span::new(Role::Muted, "(none)"),
            arrow(),
            Span::new(Role::Added, n),
        ],
        (Some(p), None) => vec![
            Span::new(Role::Removed, p),
            arrow(),
            Span::new(Role::Muted, "(removed)"),
        ],
        (Some(p), Some(n)) => vec![Span::new(Role::Old, p), arrow(), Span::new(Role::Added, n)],
        (None, None) => Vec::new(),
    };
    Entry {
        key,
        spans,
        ..Entry::default()
    }
}

fn items<T>(
    doc: &mut Document,
    title: &str,
    changes: &[ItemChange<T>],
    line: impl Fn(&T) -> String,
) {
    if changes.is_empty() {
        return;
    }
    let s = doc.section(Some(title));
    for c in changes {
        let (mark, id, text, fields) = match c {
            ItemChange::Added { id, item } => (Mark::Added, id, line(item), &[][..]),
            ItemChange::Removed { id, item } => (Mark::Removed, id, line(item), &[][..]),
            ItemChange::Changed { id, title, fields } => {
                (Mark::Changed, id, title.clone(), &fields[..])
            }
        };
        s.entry(Entry {
            mark: Some(mark),
            key: Some(Span::new(Role::Code, id.clone())),
            spans: vec![Span::plain(text)],
            // An item's fields are never "created": only a new agreement's are.
            children: fields.iter().map(|f| field(f, false)).collect(),
        });
    }
}

/// "+ Thursday, − Wednesday".
fn day_changes(added: &[Weekday], removed: &[Weekday]) -> Option<String> {
    let parts: Vec<String> = added
        .iter()
        .map(|d| format!("+ {}", d.long_name()))
        .chain(removed.iter().map(|d| format!("− {}", d.long_name())))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn presence_line(p: &Presence) -> String {
    let mut s = describe::days(&p.days);
    if let Some(h) = describe::core_hours(p) {
        s.push_str(&format!(", {h}"));
    }
    s.push_str(&format!(
        ", {} of members",
        describe::percent(p.min_attendance())
    ));
    s
}

fn ritual_line(r: &Ritual) -> String {
    format!("{} — {}", r.name, describe::schedule(r))
}

fn member_line(m: &Member) -> String {
    let mut bits: Vec<&str> = Vec::new();
    if let Some(r) = &m.role {
        bits.push(r);
    }
    if let Some(mode) = m.mode {
        bits.push(describe::work_mode(mode));
    }
    if bits.is_empty() {
        m.name.clone()
    } else {
        format!("{} ({})", m.name, bits.join(", "))
    }
}
