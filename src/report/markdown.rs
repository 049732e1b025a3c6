//! `accord report --format md`: headings and tables that render on a forge.

use std::fmt::Write as _;

use super::text::{Options, detail, pct, points, pulse_lines, sparkline};
use super::{Report, STALE_DAYS};
use crate::adherence::{Category, TeamAdherence, change, series};
use crate::export::markdown::escape;

pub fn render(r: &Report, opts: Options) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Adherence report, {}\n", r.today);
    let _ = writeln!(
        o,
        "{} team(s). Scores are shares of what the agreement asks (the formulas are in Accord's README, \"Adherence: the formulas\"), rounded; pulse results are shown from {} answers.\n",
        r.teams.len(),
        r.min.get()
    );
    if let Some(a) = &r.across {
        let l = &a.latest;
        let _ = writeln!(
            o,
            "## Across teams\n\nThe latest check-in of each of {} team(s) with check-ins (of {}).\n",
            a.teams_with_checkins, a.teams
        );
        let _ = writeln!(
            o,
            "| Presence | Rituals | Norms | Overall | Pulse |\n|---:|---:|---:|---:|---|"
        );
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |\n",
            pct(l.presence),
            pct(l.rituals),
            pct(l.norms),
            pct(l.overall),
            escape(&a.pulse.describe())
        );
    }
    attention(&mut o, r);
    for t in &r.teams {
        team(&mut o, t, r, opts);
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn team(o: &mut String, t: &TeamAdherence, r: &Report, opts: Options) {
    let name = t
        .name
        .as_deref()
        .map(escape)
        .unwrap_or_else(|| t.team.clone());
    let _ = writeln!(o, "## {name} (`{}`)\n", t.team);
    let mut facts = Vec::new();
    if let (Some(v), Some(s)) = (t.version, t.status) {
        facts.push(format!("version {v}, {s}"));
    }
    if let Some(rv) = &t.review {
        facts.push(rv.describe());
    }
    if !facts.is_empty() {
        let _ = writeln!(o, "{}\n", facts.join(" · "));
    }
    if t.checkins.is_empty() {
        let _ = writeln!(o, "No check-ins yet.\n");
        return;
    }
    let shown = opts.last.map_or(&t.checkins[..], |n| {
        &t.checkins[t.checkins.len().saturating_sub(n)..]
    });
    let _ = writeln!(
        o,
        "| Check-in | Period | Presence | Rituals | Norms | Overall | Pulse |\n|---|---|---:|---:|---:|---:|---|"
    );
    for s in shown {
        let c = &s.categories;
        let pulse = match &s.problem {
            Some(p) => format!("{} — not scored: {}", s.pulse.describe(r.min), p),
            None => s.pulse.describe(r.min),
        };
        let _ = writeln!(
            o,
            "| {} | {} to {} | {} | {} | {} | {} | {} |",
            s.date,
            s.from,
            s.to,
            pct(c.presence),
            pct(c.rituals),
            pct(c.norms),
            pct(c.overall),
            escape(&pulse)
        );
    }
    o.push('\n');
    if shown.len() < t.checkins.len() {
        let _ = writeln!(
            o,
            "{} earlier check-in(s) not shown.\n",
            t.checkins.len() - shown.len()
        );
    }
    let overall = series(&t.checkins, Category::Overall);
    let delta = change(&overall)
        .map(|d| format!(" ({} since the previous check-in)", points(d)))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "Trend (overall): `{}`{delta}\n",
        sparkline(overall.iter().map(|(_, v)| *v))
    );
    let pulse = pulse_lines(t);
    if !pulse.is_empty() {
        let _ = writeln!(o, "Pulse per question (mean 1–5):\n");
        for l in pulse {
            match l.strip_prefix("  ") {
                Some(gap) => {
                    let _ = writeln!(o, "  - {}", escape(gap));
                }
                None => {
                    let _ = writeln!(o, "- {}", escape(&l));
                }
            }
        }
        o.push('\n');
    }
    if let Some(latest) = t.latest().filter(|s| !s.items.is_empty()) {
        let _ = writeln!(
            o,
            "### Latest check-in ({}), per item\n\n| Item | Score | |\n|---|---:|---|",
            latest.date
        );
        for i in &latest.items {
            let _ = writeln!(
                o,
                "| {} `{}` | {} | {} |",
                escape(&i.title),
                i.item,
                pct(i.score),
                detail(i)
            );
        }
        o.push('\n');
    }
    if !t.drifting.is_empty() {
        let _ = writeln!(o, "### Drifting — adjust or drop?\n");
        for d in &t.drifting {
            let _ = writeln!(
                o,
                "- {} `{}`: missed in the last {} check-ins (since {})",
                escape(&d.title),
                d.item,
                d.missed,
                d.since
            );
        }
        o.push('\n');
    }
    if !t.suggestions.is_empty() {
        let _ = writeln!(o, "### Decided at check-ins, for the next revision\n");
        for s in &t.suggestions {
            let note = s
                .note
                .as_deref()
                .map(|n| format!(": {}", escape(n)))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "- **{}** {} `{}` ({}){note}",
                s.decision,
                escape(&s.title),
                s.item,
                s.decided
            );
        }
        o.push('\n');
    }
}

fn attention(o: &mut String, r: &Report) {
    let at = &r.attention;
    if at.review_overdue.is_empty() && at.no_agreement.is_empty() && at.no_recent_checkin.is_empty()
    {
        return;
    }
    let _ = writeln!(o, "## Needs attention\n");
    for (t, d) in &at.review_overdue {
        let _ = writeln!(o, "- `{t}`: past its review date ({d})");
    }
    for (t, why) in &at.no_agreement {
        let _ = writeln!(o, "- `{t}`: no active agreement ({})", escape(why));
    }
    for (t, d) in &at.no_recent_checkin {
        let last = d.map_or_else(|| "never".to_string(), |d| format!("last {d}"));
        let _ = writeln!(
            o,
            "- `{t}`: no check-in in the last {STALE_DAYS} days ({last})"
        );
    }
    o.push('\n');
}
