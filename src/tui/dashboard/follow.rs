//! The loop on the dashboard: the open actions (owner, due date, overdue), the trials that have
//! come due (adherence during the trial against before it), the wins of the latest check-in,
//! adherence per dimension and the topics parked last time. Every figure is the library's
//! (`TeamAdherence::follow`, `trials`, `CheckinScores::dimensions`, `parked`); this only lays
//! them out.

use accord::adherence::TeamAdherence;
use accord::follow::{Action, Fate, Trial};
use accord::report::text::{pct, plural, shorten};
use accord::text::sanitize_line as clean;
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::doc::{Doc, meter};
use crate::tui::theme::Theme;

pub fn build(doc: &mut Doc, t: &TeamAdherence, today: NaiveDate, width: u16, theme: &Theme) {
    actions(doc, t, today, width, theme);
    trials(doc, &t.trials, width, theme);
    wins(doc, t, width, theme);
    dimensions(doc, t, width, theme);
    parked(doc, t, width, theme);
}

/// "Open actions · 3 (1 overdue) · done on time 50%", then one row per action.
fn actions(doc: &mut Doc, t: &TeamAdherence, today: NaiveDate, width: u16, theme: &Theme) {
    let open: Vec<&Action> = t.follow.open().collect();
    if open.is_empty() {
        return;
    }
    let overdue = open.iter().filter(|a| a.overdue).count();
    let mut title = format!("Open actions · {}", open.len());
    if overdue > 0 {
        title.push_str(&format!(" ({overdue} overdue)"));
    }
    if let Some(share) = t.follow.done_on_time(today) {
        title.push_str(&format!(" · done on time {}", pct(Some(share))));
    }
    doc.section(title, theme);
    for a in open {
        let name = a.title.as_deref().unwrap_or(&a.item);
        let mut facts = vec![format!("decided {}", a.id.date)];
        if let Some(o) = &a.owner {
            facts.push(format!("owner {}", clean(o)));
        }
        if let Some(d) = a.due {
            facts.push(format!("due {d}"));
        }
        if let Fate::Open { carried } = a.fate
            && carried > 0
        {
            facts.push(format!(
                "not yet at {}",
                plural(carried as usize, "check-in", "check-ins")
            ));
        }
        let (mark, style) = if a.overdue {
            ("⚠", theme.warning())
        } else {
            ("·", theme.muted())
        };
        let head = format!("{} “{}”", a.decision, shorten(&clean(name), 40));
        let facts = facts.join(" · ");
        let mut spans = vec![Span::styled(format!("  {mark} "), style), Span::raw(head)];
        if a.overdue {
            spans.push(Span::styled(" · overdue", theme.warning()));
        }
        let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
        // The facts on the same row when they fit, else wrapped under it (never cut off).
        if used + 1 + facts.chars().count() <= width as usize {
            spans.push(Span::styled(format!(" {facts}"), theme.muted()));
            doc.line(Line::from(spans));
        } else {
            doc.line(Line::from(spans));
            doc.wrapped(&facts, "      ", width, theme.muted());
        }
        for n in a.note.iter().chain(a.followup_note.iter()) {
            doc.wrapped(n, "      ", width, theme.muted());
        }
    }
}

/// "Trials due — keep, adjust or drop?": each with its adherence during against before, and
/// the pulse about it when a shown pulse asked.
fn trials(doc: &mut Doc, due: &[Trial], width: u16, theme: &Theme) {
    if due.is_empty() {
        return;
    }
    doc.section("Trials due — keep, adjust or drop?".into(), theme);
    for t in due {
        let i = &t.item;
        doc.line(Line::from(vec![
            Span::styled("  ⚠ ", theme.warning()),
            Span::raw(format!("“{}” ", shorten(&clean(&i.title), 48))),
            Span::styled(
                format!("on trial {} to {}", i.started, i.until),
                theme.muted(),
            ),
        ]));
        doc.wrapped(
            &format!(
                "adherence {} during ({}) vs {} before ({})",
                pct(t.during.adherence),
                plural(t.during.checkins, "check-in", "check-ins"),
                pct(t.before.adherence),
                plural(t.before.checkins, "check-in", "check-ins"),
            ),
            "      ",
            width,
            Style::new(),
        );
        if !i.questions.is_empty() {
            let mean = |m: Option<f64>| m.map(|m| format!("{m:.1}")).unwrap_or("—".into());
            doc.wrapped(
                &format!(
                    "pulse ({}): {} during vs {} before (shown pulses only)",
                    i.questions.join(", "),
                    mean(t.during.pulse),
                    mean(t.before.pulse)
                ),
                "      ",
                width,
                theme.muted(),
            );
        }
    }
}

/// The wins recorded at the latest check-in.
fn wins(doc: &mut Doc, t: &TeamAdherence, width: u16, theme: &Theme) {
    let Some(last) = t.last_checkin() else { return };
    let wins: Vec<_> = t.follow.wins.iter().filter(|w| w.date == last).collect();
    if wins.is_empty() {
        return;
    }
    doc.section(format!("Wins to celebrate · {last}"), theme);
    for w in wins {
        let about = w
            .item
            .as_deref()
            .map(|i| format!(" [{}]", clean(i)))
            .unwrap_or_default();
        doc.wrapped(&format!("★ {}{about}", w.text), "  ", width, theme.ok());
    }
}

/// Adherence per dimension at the latest check-in, and a warning when there is only one.
fn dimensions(doc: &mut Doc, t: &TeamAdherence, width: u16, theme: &Theme) {
    let Some(last) = t.latest() else { return };
    let dims = last.dimensions();
    if dims.is_empty() {
        return;
    }
    doc.section(format!("Adherence per dimension · {}", last.date), theme);
    let bar_w = if width >= 120 { 20 } else { 10 };
    for d in &dims {
        doc.line(Line::from(vec![
            Span::styled(format!("  {:<16}", d.dimension.label()), theme.label()),
            Span::raw(format!("{:>5}  ", pct(d.score))),
            Span::styled(meter(d.score, bar_w), theme.gauge()),
            Span::styled(
                format!("  {}", plural(d.items, "item", "items")),
                theme.muted(),
            ),
        ]));
    }
    if let [one] = dims.as_slice() {
        doc.wrapped(
            &format!(
                "⚠ covers {} only: the place, the ways of working and the digital practices \
                 are governed together",
                one.dimension.label()
            ),
            "  ",
            width,
            theme.warning(),
        );
    }
}

/// The topics parked at the last adoption and the last check-in (read from git).
fn parked(doc: &mut Doc, t: &TeamAdherence, width: u16, theme: &Theme) {
    let p = &t.parked;
    let with_topics = [("adoption", &p.adoption), ("check-in", &p.checkin)]
        .into_iter()
        .filter_map(|(what, at)| Some((what, at.as_ref().filter(|a| !a.topics.is_empty())?)));
    let mut first = true;
    for (what, at) in with_topics {
        if first {
            doc.section("Parked last time".into(), theme);
            first = false;
        }
        let when = at.date.map(|d| format!("{d}, ")).unwrap_or_default();
        doc.line(Span::styled(
            format!("  At the last {what} ({when}{}):", at.commit),
            theme.label(),
        ));
        for topic in &at.topics {
            doc.wrapped(&format!("· {topic}"), "    ", width, Style::new());
        }
    }
}
