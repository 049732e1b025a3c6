//! The report as a document: what `accord report` prints as text and Markdown (and the
//! TUI's report screen shows) — one walk of the report. Figures are worded once, in
//! `report::text`'s helpers; the renderers make every string safe.

use super::{Document, Entry, Role, Section, Span};
use crate::adherence::{Category, CheckinScores, MinResponses, TeamAdherence, change, series};
use crate::git::Parked;
use crate::report::text::{
    Options, detail, heading, pct, plural, points, pulse_lines, shorten, sparkline,
};
use crate::report::{Across, Report, STALE_DAYS};

pub fn report_doc(r: &Report, opts: Options) -> Document {
    let mut doc = Document::default();
    let intro = doc.section(None);
    intro.line(vec![Span::new(
        Role::Heading,
        format!(
            "Adherence report, {} — {} · pulse results shown from {} answers",
            r.today,
            plural(r.teams.len(), "team", "teams"),
            r.min.get()
        ),
    )]);
    intro.line(vec![Span::new(
        Role::Muted,
        "Scores are shares of what the agreement asks (the formulas are in Accord's README, \
         \"Adherence: the formulas\"), rounded to whole percentages.",
    )]);
    for t in &r.teams {
        team(doc.section(Some(&heading(t))), t, r.min, opts);
    }
    if let Some(a) = &r.across {
        across(
            doc.section(Some("Across teams (the latest check-in of each)")),
            a,
        );
    }
    attention(&mut doc, r);
    if !r.problems.is_empty() {
        doc.section(None).line(vec![Span::new(
            Role::Warning,
            format!(
                "{} could not be read and {} left out (see the messages above).",
                plural(r.problems.len(), "file", "files"),
                if r.problems.len() == 1 { "is" } else { "are" }
            ),
        )]);
    }
    doc
}

/// An entry of plain text, with entries under it.
pub(crate) fn item(text: impl Into<String>, children: Vec<Entry>) -> Entry {
    Entry {
        spans: vec![Span::plain(text)],
        children,
        ..Entry::default()
    }
}

/// `Title [id]rest`: an item of the agreement, its title cut to 40 characters.
pub(crate) fn titled(title: &str, id: &str, rest: String, children: Vec<Entry>) -> Entry {
    Entry {
        spans: vec![
            Span::plain(format!("{} ", shorten(title, 40))),
            Span::new(Role::Code, format!("[{id}]")),
            Span::plain(rest),
        ],
        children,
        ..Entry::default()
    }
}

/// `label: text`.
pub(crate) fn labelled(label: impl Into<String>, text: impl Into<String>) -> Entry {
    Entry {
        key: Some(Span::new(Role::Label, label)),
        spans: vec![Span::plain(text)],
        ..Entry::default()
    }
}

fn team(s: &mut Section, t: &TeamAdherence, min: MinResponses, opts: Options) {
    if t.checkins.is_empty() {
        s.entry(item("No check-ins yet.", Vec::new()));
        parked(s, &t.parked);
        return;
    }
    let shown = opts.last.map_or(&t.checkins[..], |n| {
        &t.checkins[t.checkins.len().saturating_sub(n)..]
    });
    if shown.len() < t.checkins.len() {
        s.entry(item(
            format!(
                "({} not shown)",
                plural(
                    t.checkins.len() - shown.len(),
                    "earlier check-in",
                    "earlier check-ins"
                )
            ),
            Vec::new(),
        ));
    }
    for c in shown {
        s.entry(checkin_row(c, min));
    }
    let overall = series(&t.checkins, Category::Overall);
    let spark = sparkline(overall.iter().map(|(_, v)| *v));
    let delta = change(&overall)
        .map(|d| format!("  {} since the previous check-in", points(d)))
        .unwrap_or_default();
    s.entry(labelled("Trend (overall)", format!("{spark}{delta}")));
    let pulse = pulse_lines(t);
    if !pulse.is_empty() {
        let mut rows: Vec<Entry> = Vec::new();
        for l in pulse {
            match (l.strip_prefix("  "), rows.last_mut()) {
                (Some(gap), Some(q)) => q.children.push(item(gap, Vec::new())),
                _ => rows.push(item(l, Vec::new())),
            }
        }
        s.entry(item("Pulse per question (mean 1–5):", rows));
    }
    if let Some(latest) = t.latest().filter(|c| !c.items.is_empty()) {
        let rows = latest
            .items
            .iter()
            .map(|i| {
                titled(
                    &i.title,
                    &i.item,
                    format!(": {} · {}", pct(i.score), detail(i)),
                    Vec::new(),
                )
            })
            .collect();
        s.entry(item(
            format!("Latest check-in ({}), per item:", latest.date),
            rows,
        ));
    }
    if !t.drifting.is_empty() {
        let rows = t
            .drifting
            .iter()
            .map(|d| {
                titled(
                    &d.title,
                    &d.item,
                    format!(
                        ": missed in the last {} (since {})",
                        plural(d.missed, "check-in", "check-ins"),
                        d.since
                    ),
                    Vec::new(),
                )
            })
            .collect();
        s.entry(item("Drifting — adjust or drop?", rows));
    }
    if !t.suggestions.is_empty() {
        let rows = t
            .suggestions
            .iter()
            .map(|g| {
                let note = g
                    .note
                    .iter()
                    .map(|n| item(shorten(n, 72), Vec::new()))
                    .collect();
                let mut e = titled(&g.title, &g.item, format!(", decided {}", g.decided), note);
                e.spans.insert(0, Span::plain(format!("{} ", g.decision)));
                e
            })
            .collect();
        s.entry(item("Decided at check-ins, for the next revision:", rows));
    }
    parked(s, &t.parked);
}

/// "Parked at the last adoption (2026-11-20, abc1234):" and the topics, for each of the
/// adoption and the check-in that parked any.
fn parked(s: &mut Section, p: &Parked) {
    for (what, at) in [("adoption", &p.adoption), ("check-in", &p.checkin)] {
        let Some(at) = at.as_ref().filter(|a| !a.topics.is_empty()) else {
            continue;
        };
        let when = at.date.map(|d| format!("{d}, ")).unwrap_or_default();
        let topics = at
            .topics
            .iter()
            .map(|t| item(t.as_str(), Vec::new()))
            .collect();
        s.entry(item(
            format!("Parked at the last {what} ({when}{}):", at.commit),
            topics,
        ));
    }
}

/// `2026-11-17: 2026-11-03 to 2026-11-16 · presence 100% · … · pulse 4.2 (6 answers)`.
fn checkin_row(c: &CheckinScores, min: MinResponses) -> Entry {
    let k = &c.categories;
    let text = match &c.problem {
        Some(p) => format!(
            "not scored — {p} ({} to {} · pulse {})",
            c.from,
            c.to,
            c.pulse.describe(min)
        ),
        None => format!(
            "{} to {} · presence {} · rituals {} · norms {} · overall {} · pulse {}",
            c.from,
            c.to,
            pct(k.presence),
            pct(k.rituals),
            pct(k.norms),
            pct(k.overall),
            c.pulse.describe(min)
        ),
    };
    labelled(c.date.to_string(), text)
}

fn across(s: &mut Section, a: &Across) {
    let l = &a.latest;
    s.entry(item(
        format!(
            "{} of {} with check-ins · presence {} · rituals {} · norms {} · overall {}",
            a.teams_with_checkins,
            plural(a.teams, "team", "teams"),
            pct(l.presence),
            pct(l.rituals),
            pct(l.norms),
            pct(l.overall)
        ),
        Vec::new(),
    ));
    s.entry(labelled("Pulse", a.pulse.describe()));
}

fn attention(doc: &mut Document, r: &Report) {
    let at = &r.attention;
    if at.review_overdue.is_empty() && at.no_agreement.is_empty() && at.no_recent_checkin.is_empty()
    {
        return;
    }
    let s = doc.section(Some("Needs attention"));
    if !at.review_overdue.is_empty() {
        let list: Vec<String> = at
            .review_overdue
            .iter()
            .map(|(t, d)| format!("{t} (review by {d})"))
            .collect();
        s.entry(labelled("Past their review date", list.join(", ")));
    }
    if !at.no_agreement.is_empty() {
        let list: Vec<String> = at
            .no_agreement
            .iter()
            .map(|(t, why)| format!("{t} ({why})"))
            .collect();
        s.entry(labelled("No active agreement", list.join(", ")));
    }
    if !at.no_recent_checkin.is_empty() {
        let list: Vec<String> = at
            .no_recent_checkin
            .iter()
            .map(|(t, d)| match d {
                Some(d) => format!("{t} (last {d})"),
                None => format!("{t} (never)"),
            })
            .collect();
        s.entry(labelled(
            format!("No check-in in the last {STALE_DAYS} days"),
            list.join(", "),
        ));
    }
}
