//! The agreement as a document: what `show`, `export` (text, Markdown, HTML), the viewer and
//! the wizard's Review step draw — one walk of the agreement.
//!
//! With `today`, the document is the app's: it adds what depends on the day (the next
//! presence day and ritual, how far off the review is, an overdue review as a warning) and
//! says so where a section is empty. Without, it holds only what the file says, so an
//! export is the same whenever it is made.

use chrono::{Datelike, NaiveDate};

use super::{Document, Entry, Role, Section, Span};
use crate::calendar::{next_occurrence, presence_dates};
use crate::describe;
use crate::model::{Agreement, Consent, ItemRef, PRESENCE_ITEM, Question, Status};

/// The title of an agreement's document: "Payments — team agreement".
pub fn agreement_title(a: &Agreement) -> String {
    format!("{} — team agreement", a.team)
}

/// The agreement as sections: the header (the document's title and its facts), purpose,
/// members, presence, rituals, norms and the pulse questions, each item with its consent.
pub fn agreement_doc(a: &Agreement, today: Option<NaiveDate>) -> Document {
    let mut doc = Document::default();
    header(doc.section(Some(&agreement_title(a))), a, today);
    if let Some(p) = &a.purpose {
        doc.section(Some("Purpose")).line(vec![Span::plain(p)]);
    }
    members(&mut doc, a, today.is_some());
    presence(&mut doc, a, today);
    rituals(&mut doc, a, today);
    norms(&mut doc, a, today);
    questions(&mut doc, a);
    doc
}

fn header(s: &mut Section, a: &Agreement, today: Option<NaiveDate>) {
    let mut facts = vec![Span::plain(format!("Version {} · {}", a.version, a.status))];
    if let Some(d) = a.adopted {
        facts.push(Span::plain(format!(" · adopted {d}")));
    }
    if let Some(d) = a.review_by {
        match today {
            Some(t) if d.0 < t && a.status == Status::Active => facts.push(Span::new(
                Role::Warning,
                format!(" · review by {d} ⚠ overdue ({})", relative(d.0, t)),
            )),
            Some(t) => facts.push(Span::plain(format!(
                " · review by {d} ({})",
                relative(d.0, t)
            ))),
            None => facts.push(Span::plain(format!(" · review by {d}"))),
        }
    }
    if let Some(tz) = &a.timezone {
        facts.push(Span::plain(format!(" · times in {tz}")));
    }
    s.line(facts);
}

fn members(doc: &mut Document, a: &Agreement, app: bool) {
    if a.members.is_empty() && !app {
        return;
    }
    let s = doc.section(Some(&format!("Members ({})", a.members.len())));
    if a.members.is_empty() {
        s.entry(muted("none listed"));
    }
    for m in &a.members {
        let mut about = Vec::new();
        if let Some(r) = &m.role {
            about.push(r.clone());
        }
        if let Some(md) = m.mode {
            about.push(describe::work_mode(md).to_string());
        }
        if let Some(tz) = &m.timezone {
            about.push(tz.to_string());
        }
        // Only when set: the 08:00–18:00 default is the week view's assumption, not the team's.
        if let Some(h) = m.working_hours {
            about.push(format!("works {} to {}", h.start, h.end));
        }
        let mut spans = vec![Span::plain(&m.name)];
        if !about.is_empty() {
            spans.push(Span::new(Role::Muted, format!(" — {}", about.join(" · "))));
        }
        s.entry(Entry {
            spans,
            ..Entry::default()
        });
    }
}

fn presence(doc: &mut Document, a: &Agreement, today: Option<NaiveDate>) {
    let Some(p) = &a.presence else {
        if today.is_some() {
            doc.section(Some("Presence"))
                .entry(muted("no shared presence days"));
        }
        return;
    };
    let s = doc.section(Some("Presence"));
    s.entry(field("Days", describe::days(&p.days)));
    if let Some(h) = describe::core_hours(p) {
        s.entry(field("Core hours", h));
    }
    if !p.days.is_empty() {
        s.entry(field("Attendance", describe::attendance(p)));
    }
    if let Some(sp) = &p.space {
        s.entry(field("Space", sp));
    }
    if let Some(t) = today
        && let Some(d) = presence_dates(p, t, t + chrono::Days::new(13)).first()
    {
        s.entry(field("Next", day(*d, t)));
    }
    if let Some(n) = &p.note {
        s.entry(field("Note", n));
    }
    s.entry(dimension(ItemRef::Presence(p)));
    if let Some(c) = a.consent_for(PRESENCE_ITEM) {
        s.entry(consent(c));
    }
}

fn rituals(doc: &mut Document, a: &Agreement, today: Option<NaiveDate>) {
    if a.rituals.is_empty() && today.is_none() {
        return;
    }
    let s = doc.section(Some(&format!("Rituals ({})", a.rituals.len())));
    if a.rituals.is_empty() {
        s.entry(muted("none yet"));
    }
    for r in &a.rituals {
        let mut children = vec![field("When", describe::schedule(r))];
        if let Some(o) = &r.owner {
            children.push(field("Owner", o));
        }
        if let Some(t) = today {
            let next = next_occurrence(r, Some(a.counted_from(t)), t)
                .map(|d| {
                    let at = r.time.map(|t| format!(" {t}")).unwrap_or_default();
                    format!("{}{at}", day(d, t))
                })
                .unwrap_or_else(|| "no date".into());
            children.push(field("Next", next));
        }
        if let Some(p) = &r.purpose {
            children.push(field("Purpose", p));
        }
        let item = ItemRef::Ritual(r);
        children.extend(trial(item, today));
        children.push(dimension(item));
        children.extend(a.consent_for(r.id.as_str()).map(consent));
        s.entry(Entry {
            spans: named(&r.name, r.id.as_str()),
            children,
            ..Entry::default()
        });
    }
}

fn norms(doc: &mut Document, a: &Agreement, today: Option<NaiveDate>) {
    if a.norms.is_empty() && today.is_none() {
        return;
    }
    let s = doc.section(Some(&format!("Norms ({})", a.norms.len())));
    if a.norms.is_empty() {
        s.entry(muted("none yet"));
    }
    for n in &a.norms {
        let mut children = Vec::new();
        if let Some(area) = n.area {
            children.push(field("Area", area.to_string()));
        }
        // Signals are written as a sentence of their own ("How we will know: …").
        if let Some(sig) = &n.signal {
            children.push(Entry {
                spans: vec![Span::plain(sig)],
                ..Entry::default()
            });
        }
        let item = ItemRef::Norm(n);
        children.extend(trial(item, today));
        children.push(dimension(item));
        children.extend(a.consent_for(n.id.as_str()).map(consent));
        let mut spans = vec![Span::plain(&n.text)];
        spans.extend(id(n.id.as_str()));
        s.entry(Entry {
            spans,
            children,
            ..Entry::default()
        });
    }
}

/// The questions a check-in asks (the default one when the agreement names none) and the
/// subgroups its results may be split by.
fn questions(doc: &mut Document, a: &Agreement) {
    let s = doc.section(Some("Pulse questions"));
    if a.questions.is_empty() {
        let q = Question::default_question();
        s.entry(Entry {
            spans: vec![
                Span::plain(&q.text),
                Span::new(Role::Muted, " — the default question"),
            ],
            children: vec![field("Scale", q.scale())],
            ..Entry::default()
        });
    }
    for q in &a.questions {
        let mut children = vec![field("Scale", q.scale())];
        if let Some(about) = &q.about {
            children.push(field("About", about));
        }
        let mut spans = vec![Span::plain(&q.text)];
        spans.extend(id(q.id.as_str()));
        s.entry(Entry {
            spans,
            children,
            ..Entry::default()
        });
    }
    let gs: Vec<String> = a.groupings().iter().map(|g| g.to_string()).collect();
    if !gs.is_empty() {
        s.entry(field(
            "Subgroups",
            format!(
                "{} (shown only when each side reaches the privacy threshold)",
                gs.join(", ")
            ),
        ));
    }
}

/// Words Accord adds where a section is empty.
fn muted(text: &str) -> Entry {
    Entry {
        spans: vec![Span::new(Role::Muted, text)],
        ..Entry::default()
    }
}

/// `Name: value`.
fn field(name: &str, value: impl Into<String>) -> Entry {
    Entry {
        key: Some(Span::new(Role::Label, name)),
        spans: vec![Span::plain(value)],
        ..Entry::default()
    }
}

/// "On trial until 2026-12-15, then keep, adjust or drop" (with `today`: how far off, and a
/// warning once the date has come: the next check-in decides).
fn trial(item: ItemRef, today: Option<NaiveDate>) -> Option<Entry> {
    let until = item.trial_until()?;
    let mut spans = vec![Span::plain(format!(
        "On trial until {until}, then keep, adjust or drop"
    ))];
    match today {
        Some(t) if until <= t => spans.push(Span::new(
            Role::Warning,
            format!(" (due {}: decide at the next check-in)", relative(until, t)),
        )),
        Some(t) => spans.push(Span::new(Role::Muted, format!(" ({})", relative(until, t)))),
        None => {}
    }
    Some(Entry {
        spans,
        ..Entry::default()
    })
}

/// "Dimension: place", and "(derived)" when the file names none and Accord worked it out.
fn dimension(item: ItemRef) -> Entry {
    let mut e = field("Dimension", item.dimension().label());
    if !item.dimension_is_explicit() {
        let from = match item {
            ItemRef::Presence(p) if p.space.is_some() => "derived from the space",
            ItemRef::Presence(_) => "derived: no space named",
            ItemRef::Ritual(r) if r.mode.is_some() => "derived from the mode",
            ItemRef::Ritual(_) => "derived: no mode given",
            ItemRef::Norm(n) if n.area.is_some() => "derived from the area",
            ItemRef::Norm(_) => "derived: no area given",
        };
        e.spans.push(Span::new(Role::Muted, format!(" ({from})")));
    }
    e
}

/// The consent round's outcome; a warning when anyone objected.
fn consent(c: &Consent) -> Entry {
    let role = if c.objections > 0 {
        Role::Warning
    } else {
        Role::Plain
    };
    Entry {
        key: Some(Span::new(Role::Label, "Consent")),
        spans: vec![Span::new(role, describe::consent(c))],
        ..Entry::default()
    }
}

/// "Stand-up (standup)": an item's name, then its id.
fn named(name: &str, item: &str) -> Vec<Span> {
    let mut v = vec![Span::new(Role::Label, name)];
    v.extend(id(item));
    v
}

fn id(item: &str) -> [Span; 3] {
    [
        Span::new(Role::Muted, " ("),
        Span::new(Role::Code, item),
        Span::new(Role::Muted, ")"),
    ]
}

/// "Thu 26 Nov", with the year when it is not this year's.
fn day(d: NaiveDate, today: NaiveDate) -> String {
    if d == today {
        return "today".into();
    }
    if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    }
}

/// "in 3 weeks", "in 4 days", "2 weeks ago".
pub fn relative(d: NaiveDate, today: NaiveDate) -> String {
    let days = (d - today).num_days();
    let amount = |n: i64| {
        if n >= 14 {
            format!("{} weeks", n / 7)
        } else if n == 1 {
            "1 day".into()
        } else {
            format!("{n} days")
        }
    };
    match days {
        0 => "today".into(),
        n if n > 0 => format!("in {}", amount(n)),
        n => format!("{} ago", amount(-n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{html, markdown, text};

    fn small() -> Agreement {
        toml::from_str(
            r#"
schema = 1
team = "Small"
version = 2
status = "active"
adopted = 2026-09-01
review_by = 2026-11-01
purpose = "Why we keep this."

[[members]]
name = "@ana"
role = "lead"

[presence]
days = ["tue"]
note = "Tell the team."

[[rituals]]
id = "demo"
name = "Demo"
cadence = "biweekly"
day = "thu"
time = 15:00:00

[[norms]]
id = "dm"
text = "We answer <b>within</b> 4 hours."
signal = "How we will know: nobody waits."

[[questions]]
id = "heard"
text = "Were you heard?"

[[consent]]
item = "presence"
agree = 3
concerns = 0
objections = 1
"#,
        )
        .unwrap()
    }

    /// The file's content only, one walk: header facts, fields, the recurrence in words, the
    /// norm's signal under it, each consent where its item is, the pulse questions.
    #[test]
    fn the_agreement_as_text() {
        assert_eq!(
            text::render(&agreement_doc(&small(), None)),
            "Small — team agreement\n\
             Version 2 · active · adopted 2026-09-01 · review by 2026-11-01\n\n\
             Purpose\nWhy we keep this.\n\n\
             Members (1)\n  @ana — lead\n\n\
             Presence\n  Days: Tuesday\n  Attendance: 100% of members on a presence day\n  \
             Note: Tell the team.\n  Dimension: ways of working (derived: no space named)\n  \
             Consent: 3 agree · 0 concerns · 1 objection\n\n\
             Rituals (1)\n  Demo (demo)\n    When: every other Thursday at 15:00\n    \
             Dimension: ways of working (derived: no mode given)\n\n\
             Norms (1)\n  We answer <b>within</b> 4 hours. (dm)\n    How we will know: nobody waits.\n    \
             Dimension: ways of working (derived: no area given)\n\n\
             Pulse questions\n  Were you heard? (heard)\n    Scale: 1 to 5\n"
        );
    }

    /// Wrapped for a page: an entry's continuation hangs under it, a paragraph's does not.
    #[test]
    fn wrapped_text_hangs_entries_under_their_first_line() {
        let mut a = small();
        a.purpose = Some("word ".repeat(12));
        a.presence.as_mut().unwrap().note = Some("note ".repeat(8));
        let out = text::wrapped(&agreement_doc(&a, None), 30);
        assert!(
            out.contains("Purpose\nword word word word word word\nword word word word word word\n"),
            "{out}"
        );
        assert!(
            out.contains("  Note: note note note note\n    note note note note\n"),
            "{out}"
        );
        assert!(out.lines().all(|l| l.chars().count() <= 30), "{out}");
    }

    /// As of a day: the overdue review is a warning, next dates are given, objections are
    /// warned about, and empty sections say so.
    #[test]
    fn as_of_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let doc = agreement_doc(&small(), Some(today));
        let out = text::render(&doc);
        assert!(
            out.contains("review by 2026-11-01 ⚠ overdue (2 weeks ago)"),
            "{out}"
        );
        assert!(out.contains("  Next: Tue 24 Nov\n"), "{out}");
        assert!(out.contains("    Next: Thu 26 Nov 15:00\n"), "{out}");
        // The overdue review and the presence consent's objection.
        let warnings: Vec<String> = doc
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .flat_map(|r| match r {
                crate::doc::Row::Line(spans) => spans.clone(),
                crate::doc::Row::Entry(e) => e.spans.clone(),
                crate::doc::Row::Table(_) => Vec::new(),
            })
            .filter(|s| s.role == Role::Warning)
            .map(|s| s.text)
            .collect();
        assert_eq!(
            warnings,
            [
                " · review by 2026-11-01 ⚠ overdue (2 weeks ago)",
                "3 agree · 0 concerns · 1 objection"
            ]
        );
        let mut bare = small();
        bare.members.clear();
        bare.rituals.clear();
        bare.norms.clear();
        bare.presence = None;
        let out = text::render(&agreement_doc(&bare, Some(today)));
        for empty in [
            "Members (0)\n  none listed\n",
            "Presence\n  no shared presence days\n",
            "Rituals (0)\n  none yet\n",
            "Norms (0)\n  none yet\n",
        ] {
            assert!(out.contains(empty), "{empty:?} in\n{out}");
        }
        assert!(!text::render(&agreement_doc(&bare, None)).contains("none"));
    }

    /// Each renderer makes the same document safe for its format.
    #[test]
    fn each_format_escapes_the_same_document() {
        let doc = agreement_doc(&small(), None);
        let md = markdown::page(&doc);
        assert!(
            md.starts_with("# Small — team agreement\n\nVersion 2"),
            "{md}"
        );
        assert!(md.contains("- @&#8203;ana — lead\n"), "{md}");
        assert!(
            md.contains("We answer \\<b\\>within\\</b\\> 4 hours. (`dm`)"),
            "{md}"
        );
        assert!(
            md.contains("- Note: Tell the team.\n- Dimension: ways of working (derived: no space named)\n- Consent: 3 agree"),
            "{md}"
        );
        let page = html::page(&doc, "Small.");
        assert!(page.contains("<title>Small — team agreement</title>"));
        assert!(page.contains("We answer &lt;b&gt;within&lt;/b&gt; 4 hours."));
        assert!(page.contains(
            "<dt>Consent</dt><dd><strong class=\"warning\">3 agree · 0 concerns · 1 objection</strong></dd>"
        ));
    }

    /// #14's keys: a trial's end and what follows it, each item's dimension (written, or
    /// derived and said so), a member's working hours only when set — in every format.
    #[test]
    fn trials_dimensions_and_working_hours_in_every_format() {
        let mut a = small();
        a.members[0].working_hours = Some(crate::model::WorkingHours {
            start: crate::model::Time(chrono::NaiveTime::from_hms_opt(7, 30, 0).unwrap()),
            end: crate::model::Time(chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap()),
        });
        a.members.push(toml::from_str("name = \"Bo\"").unwrap());
        let until = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        a.rituals[0].trial_until = Some(until.into());
        a.norms[0].trial_until = Some(until.into());
        a.norms[0].dimension = Some(crate::model::Dimension::Digital);
        let doc = agreement_doc(&a, None);
        let out = text::render(&doc);
        assert!(
            out.contains("  @ana — lead · works 07:30 to 16:00\n  Bo\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "    When: every other Thursday at 15:00\n    \
                 On trial until 2026-12-15, then keep, adjust or drop\n    \
                 Dimension: ways of working (derived: no mode given)\n"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "    On trial until 2026-12-15, then keep, adjust or drop\n    Dimension: digital\n\n"
            ),
            "{out}"
        );
        let md = markdown::page(&doc);
        assert!(
            md.contains("- @&#8203;ana — lead · works 07:30 to 16:00\n"),
            "{md}"
        );
        assert!(
            md.contains(
                "  - On trial until 2026-12-15, then keep, adjust or drop\n  - Dimension: digital\n"
            ),
            "{md}"
        );
        let page = html::page(&doc, "Small.");
        assert!(page.contains("works 07:30 to 16:00"), "{page}");
        assert!(
            page.contains(
                "<p class=\"text\">On trial until 2026-12-15, then keep, adjust or drop</p>"
            ),
            "{page}"
        );
        assert!(
            page.contains("<dt>Dimension</dt><dd>digital</dd>"),
            "{page}"
        );
        assert!(
            page.contains("<dt>Dimension</dt><dd>ways of working<span class=\"muted\"> (derived: no mode given)</span></dd>"),
            "{page}"
        );
        // As of a day: how far off the trial's end is; once it has come, a warning.
        let soon = text::render(&agreement_doc(&a, NaiveDate::from_ymd_opt(2026, 12, 1)));
        assert!(
            soon.contains("then keep, adjust or drop (in 2 weeks)\n"),
            "{soon}"
        );
        let due = agreement_doc(&a, NaiveDate::from_ymd_opt(2026, 12, 15));
        let warned = due
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .filter_map(|r| match r {
                crate::doc::Row::Entry(e) => Some(e),
                _ => None,
            })
            .flat_map(|e| &e.children)
            .flat_map(|c| &c.spans)
            .filter(|s| s.role == Role::Warning)
            .count();
        assert_eq!(warned, 2, "both trials are due");
        assert!(text::render(&due).contains("(due today: decide at the next check-in)"));
    }
}
