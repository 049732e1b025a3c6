//! `accord report` as plain text: aligned columns, percentages rounded to whole numbers.

use super::Report;
use crate::adherence::{Detail, ItemScore, TeamAdherence, change, question_series};
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

/// The report as plain text: [`report_doc`](crate::doc::report_doc) rendered for a terminal.
pub fn render(r: &Report, opts: Options) -> String {
    crate::render::text::render(&crate::doc::report_doc(r, opts))
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
