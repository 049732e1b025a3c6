//! `accord report` as plain text: aligned columns, percentages rounded to whole numbers.

use std::fmt::Write as _;

use super::{Across, Report};
use crate::adherence::{
    Category, CheckinScores, Detail, ItemScore, MinResponses, TeamAdherence, change,
    question_series, series,
};
use crate::describe;
use crate::text::sanitize_line as clean;

/// Options shared by the plain renderings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Only the last N check-ins of each team (all when `None`).
    pub last: Option<usize>,
}

/// "83%" or "—".
pub fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), describe::percent)
}

/// "+5 points", "−12 points", "no change".
pub fn points(delta: f64) -> String {
    let p = (delta * 100.0).round() as i64;
    match p {
        0 => "no change".into(),
        p if p > 0 => format!("+{p} points"),
        p => format!("−{} points", -p),
    }
}

/// A sparkline of values 0..1, a space where there is no value.
pub fn sparkline(values: impl IntoIterator<Item = Option<f64>>) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .into_iter()
        .map(|v| match v {
            Some(x) => BARS[((x.clamp(0.0, 1.0) * 7.0).round()) as usize],
            None => ' ',
        })
        .collect()
}

/// Per question of the pulse: its trend over the check-ins (means 1–5 as a sparkline), the
/// latest mean and its change, then the latest check-in's subgroup gaps — one line each, the
/// same words in text and Markdown. Only shown pulses have figures.
pub fn pulse_lines(t: &TeamAdherence) -> Vec<String> {
    let latest = t.checkins.iter().rev().find_map(|s| s.pulse.shown());
    let mut out = Vec::new();
    for (id, points) in question_series(&t.checkins) {
        let Some(last) = points.iter().rev().find_map(|(_, v)| *v) else {
            continue;
        };
        let spark = sparkline(points.iter().map(|(_, v)| v.map(|m| (m - 1.0) / 4.0)));
        let delta = change(&points)
            .map(|d| format!(", {d:+.1} since the previous pulse").replace('-', "−"))
            .unwrap_or_default();
        out.push(format!("{} {spark} {last:.1}{delta}", clean(&id)));
        for g in latest.map(|f| f.gaps()).unwrap_or_default() {
            if let Some(d) = g.describe(&id) {
                out.push(format!("  {}: {}", g.grouping, clean(&d)));
            }
        }
    }
    out
}

/// At most `n` characters, with "…" when cut.
pub fn shorten(s: &str, n: usize) -> String {
    let s = clean(s);
    if s.chars().count() <= n {
        s.into_owned()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// "held 1 of 2", "4 of 5 days at 80% or more", "partly".
pub fn detail(i: &ItemScore) -> String {
    match &i.detail {
        Detail::Presence {
            days_met,
            days_recorded,
            min_attendance,
        } => format!(
            "{days_met} of {days_recorded} days at {} or more",
            describe::percent(*min_attendance)
        ),
        Detail::Ritual {
            held,
            planned,
            planned_derived,
            missing,
        } => {
            let mut s = format!("held {held} of {planned}");
            if *missing {
                s.push_str(" (not in the check-in)");
            } else if !planned_derived {
                s.push_str(" (planned as recorded)");
            }
            s
        }
        Detail::Norm { rating } => rating.map_or_else(|| "not rated".into(), |r| r.to_string()),
    }
}

/// "Payments (payments) · v3 active · review by 2026-12-15".
pub fn heading(t: &TeamAdherence) -> String {
    let mut parts = vec![match &t.name {
        Some(n) => format!("{} ({})", clean(n), t.team),
        None => t.team.clone(),
    }];
    if let (Some(v), Some(s)) = (t.version, t.status) {
        parts.push(format!("v{v} {s}"));
    }
    if let Some(r) = &t.review {
        parts.push(r.describe());
    }
    parts.join(" · ")
}

pub fn render(r: &Report, opts: Options) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Adherence report, {} — {} · pulse results shown from {} answers",
        r.today,
        plural(r.teams.len(), "team", "teams"),
        r.min.get()
    );
    for t in &r.teams {
        o.push('\n');
        team(&mut o, t, r.min, opts);
    }
    if let Some(a) = &r.across {
        o.push('\n');
        across(&mut o, a);
    }
    attention(&mut o, r);
    if !r.problems.is_empty() {
        let _ = writeln!(
            o,
            "\n{} could not be read and {} left out (see the messages above).",
            plural(r.problems.len(), "file", "files"),
            if r.problems.len() == 1 { "is" } else { "are" }
        );
    }
    o
}

fn team(o: &mut String, t: &TeamAdherence, min: MinResponses, opts: Options) {
    let _ = writeln!(o, "{}", heading(t));
    if t.checkins.is_empty() {
        let _ = writeln!(o, "  No check-ins yet.");
        return;
    }
    let shown = opts.last.map_or(&t.checkins[..], |n| {
        &t.checkins[t.checkins.len().saturating_sub(n)..]
    });
    let mut rows = vec![
        [
            "Check-in", "Period", "Presence", "Rituals", "Norms", "Overall", "Pulse",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for s in shown {
        rows.push(checkin_row(s, min));
    }
    table(o, &rows, &[false, false, true, true, true, true, false]);
    if shown.len() < t.checkins.len() {
        let _ = writeln!(
            o,
            "  ({} not shown)",
            plural(
                t.checkins.len() - shown.len(),
                "earlier check-in",
                "earlier check-ins"
            )
        );
    }
    for s in t.checkins.iter().filter(|s| s.problem.is_some()) {
        if let Some(p) = &s.problem {
            let _ = writeln!(o, "  {}: not scored — {p}", s.date);
        }
    }
    let overall = series(&t.checkins, Category::Overall);
    let spark = sparkline(overall.iter().map(|(_, v)| *v));
    let delta = change(&overall)
        .map(|d| format!("  {} since the previous check-in", points(d)))
        .unwrap_or_default();
    let _ = writeln!(o, "  Trend (overall): {spark}{delta}");
    let pulse = pulse_lines(t);
    if !pulse.is_empty() {
        let _ = writeln!(o, "  Pulse per question (mean 1–5):");
        for l in pulse {
            let _ = writeln!(o, "    {l}");
        }
    }
    if let Some(latest) = t.latest().filter(|s| !s.items.is_empty()) {
        let _ = writeln!(o, "  Latest check-in ({}), per item:", latest.date);
        let rows: Vec<Vec<String>> = latest
            .items
            .iter()
            .map(|i| {
                vec![
                    shorten(&i.title, 34),
                    format!("[{}]", i.item),
                    pct(i.score),
                    detail(i),
                ]
            })
            .collect();
        indented_table(o, &rows, &[false, false, true, false], "    ");
    }
    if !t.drifting.is_empty() {
        let _ = writeln!(o, "  Drifting — adjust or drop?");
        for d in &t.drifting {
            let _ = writeln!(
                o,
                "    {} [{}]: missed in the last {} (since {})",
                shorten(&d.title, 40),
                d.item,
                plural(d.missed, "check-in", "check-ins"),
                d.since
            );
        }
    }
    if !t.suggestions.is_empty() {
        let _ = writeln!(o, "  Decided at check-ins, for the next revision:");
        for s in &t.suggestions {
            let _ = writeln!(
                o,
                "    {} {} [{}], decided {}",
                s.decision,
                shorten(&s.title, 40),
                s.item,
                s.decided
            );
            if let Some(n) = &s.note {
                let _ = writeln!(o, "      {}", shorten(n, 72));
            }
        }
    }
}

fn checkin_row(s: &CheckinScores, min: MinResponses) -> Vec<String> {
    let c = &s.categories;
    vec![
        s.date.to_string(),
        format!("{} to {}", s.from, s.to),
        pct(c.presence),
        pct(c.rituals),
        pct(c.norms),
        pct(c.overall),
        s.pulse.describe(min),
    ]
}

fn across(o: &mut String, a: &Across) {
    let _ = writeln!(o, "Across teams (the latest check-in of each)");
    let l = &a.latest;
    let _ = writeln!(
        o,
        "  {} of {} with check-ins · presence {} · rituals {} · norms {} · overall {}",
        a.teams_with_checkins,
        plural(a.teams, "team", "teams"),
        pct(l.presence),
        pct(l.rituals),
        pct(l.norms),
        pct(l.overall)
    );
    let _ = writeln!(o, "  Pulse: {}", a.pulse.describe());
}

fn attention(o: &mut String, r: &Report) {
    let at = &r.attention;
    if at.review_overdue.is_empty() && at.no_agreement.is_empty() && at.no_recent_checkin.is_empty()
    {
        return;
    }
    let _ = writeln!(o, "\nNeeds attention");
    if !at.review_overdue.is_empty() {
        let list: Vec<String> = at
            .review_overdue
            .iter()
            .map(|(t, d)| format!("{t} (review by {d})"))
            .collect();
        let _ = writeln!(o, "  Past their review date: {}", list.join(", "));
    }
    if !at.no_agreement.is_empty() {
        let list: Vec<String> = at
            .no_agreement
            .iter()
            .map(|(t, why)| format!("{t} ({why})"))
            .collect();
        let _ = writeln!(o, "  No active agreement: {}", list.join(", "));
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
        let _ = writeln!(
            o,
            "  No check-in in the last {} days: {}",
            super::STALE_DAYS,
            list.join(", ")
        );
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn table(o: &mut String, rows: &[Vec<String>], right: &[bool]) {
    indented_table(o, rows, right, "  ");
}

fn indented_table(o: &mut String, rows: &[Vec<String>], right: &[bool], indent: &str) {
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for r in rows {
        let mut line = String::from(indent);
        for (c, cell) in r.iter().enumerate() {
            let w = widths[c];
            if right.get(c).copied().unwrap_or(false) {
                let _ = write!(line, "{cell:>w$}  ");
            } else {
                let _ = write!(line, "{cell:<w$}  ");
            }
        }
        let _ = writeln!(o, "{}", line.trim_end());
    }
}
