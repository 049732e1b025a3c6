//! The report as a document: what `accord report` prints as text and Markdown (and the
//! TUI's report screen shows) — one walk of the report. Figures are worded once, in
//! `report::text`'s helpers; the renderers make every string safe.

use super::{Column, Document, Entry, Role, Section, Span, Table};
use crate::adherence::{Category, CheckinScores, MinResponses, TeamAdherence, change, series};
use chrono::NaiveDate;

use crate::follow::{Action, Fate, Trial, TrialSide, WinAt};
use crate::git::Parked;
use crate::report::text::{
    Options, detail, heading, pct, plural, points, pulse_lines, shorten, sparkline,
};
use crate::report::{Across, Report, STALE_DAYS};

/// Check-ins in a trend of the cross-team actions.
const TREND_POINTS: usize = 8;

pub fn report_doc(r: &Report, opts: Options) -> Document {
    let mut doc = Document::default();
    let intro = doc.section(Some(&format!(
        "Adherence report, {} — {} · pulse results shown from {} answers",
        r.today,
        plural(r.teams.len(), "team", "teams"),
        r.min.get()
    )));
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
    s.table(checkin_table(shown, min));
    for c in shown {
        if let Some(p) = &c.problem {
            s.entry(labelled(c.date.to_string(), format!("not scored — {p}")));
        }
    }
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
        s.entry(item(
            format!("Latest check-in ({}), per item:", latest.date),
            Vec::new(),
        ));
        s.table(Table {
            header: vec![
                Column::left("Item"),
                Column::left("Id"),
                Column::right("Score"),
                Column::left("Detail"),
            ],
            rows: latest
                .items
                .iter()
                .map(|i| {
                    vec![
                        vec![Span::plain(shorten(&i.title, 34))],
                        vec![Span::new(Role::Code, i.item.as_str())],
                        vec![Span::plain(pct(i.score))],
                        vec![Span::plain(detail(i))],
                    ]
                })
                .collect(),
        });
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
    actions(s, &t.follow.open().collect::<Vec<_>>());
    trials(s, &t.trials);
    wins(s, t);
    dimensions(s, t.latest());
    parked(s, &t.parked);
}

/// "Open actions:" — each with its decision, item, owner, due date and an overdue mark.
pub(crate) fn actions(s: &mut Section, open: &[&Action]) {
    if open.is_empty() {
        return;
    }
    let rows = open
        .iter()
        .map(|a| action_entry(a, a.overdue, None))
        .collect();
    s.entry(item(format!("Open actions ({}):", open.len()), rows));
}

/// [`actions`] as they stood on the day of a check-in: overdue when due before it.
pub(crate) fn actions_at(s: &mut Section, open: &[&Action], on: NaiveDate) {
    if open.is_empty() {
        return;
    }
    let rows = open
        .iter()
        .map(|a| action_entry(a, a.due.is_some_and(|d| d < on), Some(on)))
        .collect();
    s.entry(item(format!("Open actions ({}):", open.len()), rows));
}

/// One action; `on`: as it stood at the check-in of that day (else as it stands now).
fn action_entry(a: &Action, overdue: bool, on: Option<NaiveDate>) -> Entry {
    let (carried, followup_note) = match on {
        Some(d) => a.as_of(d),
        None => match a.fate {
            Fate::Open { carried } => (carried as usize, a.followup_note.as_deref()),
            _ => (0, a.followup_note.as_deref()),
        },
    };
    let mut rest = format!(", decided {}", a.id.date);
    if let Some(o) = &a.owner {
        rest.push_str(&format!(" · owner {o}"));
    }
    if let Some(d) = a.due {
        rest.push_str(&format!(" · due {d}"));
    }
    if carried > 0 {
        rest.push_str(&format!(
            " · not yet at {}",
            plural(carried, "check-in", "check-ins")
        ));
    }
    let title = a.title.as_deref().unwrap_or(&a.item);
    let mut e = titled(title, &a.item, rest, Vec::new());
    e.spans.insert(0, Span::plain(format!("{} ", a.decision)));
    if overdue {
        e.spans.push(Span::plain(" · "));
        e.spans.push(Span::new(Role::Warning, "overdue"));
    }
    for n in a.note.iter().map(String::as_str).chain(followup_note) {
        e.children.push(item(shorten(n, 72), Vec::new()));
    }
    e
}

/// "Trials due — keep, adjust or drop?": adherence and pulse during the trial against before.
pub(crate) fn trials(s: &mut Section, due: &[Trial]) {
    if due.is_empty() {
        return;
    }
    s.entry(item("Trials due — keep, adjust or drop?", trial_rows(due)));
}

pub(crate) fn trial_rows(due: &[Trial]) -> Vec<Entry> {
    due.iter()
        .map(|t| {
            let i = &t.item;
            let mut children = vec![item(
                format!(
                    "adherence {} during ({}) vs {} before ({})",
                    pct(t.during.adherence),
                    plural(t.during.checkins, "check-in", "check-ins"),
                    pct(t.before.adherence),
                    plural(t.before.checkins, "check-in", "check-ins"),
                ),
                Vec::new(),
            )];
            if !i.questions.is_empty() {
                let mean = |x: &TrialSide| match x.pulse {
                    Some(m) => format!(
                        "{m:.1} ({})",
                        plural(x.answers as usize, "answer", "answers")
                    ),
                    None => "—".into(),
                };
                children.push(item(
                    format!(
                        "pulse ({}): {} during vs {} before (shown pulses only)",
                        i.questions.join(", "),
                        mean(&t.during),
                        mean(&t.before)
                    ),
                    Vec::new(),
                ));
            }
            titled(
                &i.title,
                &i.item,
                format!(": on trial {} to {}", i.started, i.until),
                children,
            )
        })
        .collect()
}

/// "Wins to celebrate": the wins of the latest check-in.
fn wins(s: &mut Section, t: &TeamAdherence) {
    let Some(last) = t.last_checkin() else { return };
    let rows = win_rows(&t.follow.wins, last);
    if !rows.is_empty() {
        s.entry(item(format!("Wins to celebrate ({last}):"), rows));
    }
}

/// The wins recorded at the check-in of `date`.
pub(crate) fn win_rows(all: &[WinAt], date: NaiveDate) -> Vec<Entry> {
    all.iter()
        .filter(|w| w.date == date)
        .map(|w| {
            let mut e = item(w.text.as_str(), Vec::new());
            if let Some(i) = &w.item {
                e.spans.push(Span::plain(" "));
                e.spans.push(Span::new(Role::Code, format!("[{i}]")));
            }
            e
        })
        .collect()
}

/// "Adherence per dimension (DATE): ways of working 80% · place 100% · digital 67%", and a
/// warning when the agreement covers one dimension only.
pub(crate) fn dimensions(s: &mut Section, latest: Option<&CheckinScores>) {
    let Some(c) = latest else { return };
    let dims = c.dimensions();
    if dims.is_empty() {
        return;
    }
    let text = dims
        .iter()
        .map(|d| format!("{} {}", d.dimension.label(), pct(d.score)))
        .collect::<Vec<_>>()
        .join(" · ");
    let mut e = labelled(format!("Adherence per dimension ({})", c.date), text);
    if let [one] = dims.as_slice() {
        e.children.push(Entry {
            spans: vec![Span::new(
                Role::Warning,
                format!(
                    "covers {} only: the place, the ways of working and the digital practices are governed together",
                    one.dimension.label()
                ),
            )],
            ..Entry::default()
        });
    }
    s.entry(e);
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

/// One row per check-in: its date, period, the share per category and the pulse.
fn checkin_table(shown: &[CheckinScores], min: MinResponses) -> Table {
    Table {
        header: vec![
            Column::left("Check-in"),
            Column::left("Period"),
            Column::right("Presence"),
            Column::right("Rituals"),
            Column::right("Norms"),
            Column::right("Overall"),
            Column::left("Pulse"),
        ],
        rows: shown
            .iter()
            .map(|c| {
                let k = &c.categories;
                [
                    c.date.to_string(),
                    format!("{} to {}", c.from, c.to),
                    pct(k.presence),
                    pct(k.rituals),
                    pct(k.norms),
                    pct(k.overall),
                    c.pulse.describe(min),
                ]
                .into_iter()
                .map(|t| vec![Span::plain(t)])
                .collect()
            })
            .collect(),
    }
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
    if !a.actions.is_empty() {
        let rows = a
            .actions
            .iter()
            .map(|t| {
                // The last few check-ins: a trend, not a history.
                let recent = &t.trend[t.trend.len().saturating_sub(TREND_POINTS)..];
                let trend: Vec<String> = recent.iter().map(|p| p.open.to_string()).collect();
                let on_time = if recent.iter().any(|p| p.done_on_time.is_some()) {
                    format!(
                        " ({})",
                        sparkline(recent.iter().map(|p| p.done_on_time)).trim_end()
                    )
                } else {
                    String::new()
                };
                labelled(
                    t.team.as_str(),
                    format!(
                        "{} open ({} overdue) · done on time {}{on_time} · open at the last check-ins {}",
                        t.open,
                        t.overdue,
                        pct(t.done_on_time),
                        trend.join(" → "),
                    ),
                )
            })
            .collect();
        s.entry(item("Actions open and done on time, per team:", rows));
    }
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
