//! The summary: adherence per category and overall, the pulse as the threshold allows, what is
//! still blank, what `accord validate` would say, and where the file goes.

use accord::describe;
use accord::diag::Severity;
use accord::store::Workspace;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::pulse::result_lines;
use crate::tui::action::Committed;
use crate::tui::checkin::CheckinState;
use crate::tui::theme::Theme;

fn pct(x: Option<f64>) -> String {
    x.map_or("—".to_string(), describe::percent)
}

/// A line of the summary the mouse can reach: a win (to choose, then edit, as ←→ and e do),
/// a trial due (its decision is taken on the decisions step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryLine {
    Win(usize),
    /// The item's index among the decisions step's rows.
    Trial(usize),
}

pub fn render(f: &mut Frame, area: Rect, c: &CheckinState, ws: &Workspace, theme: &Theme) {
    let (lines, _) = content(c, ws, theme, area.width);
    let text = wrapped(lines);
    let max = scroll_max(&text, area);
    f.render_widget(text.scroll((c.scroll.min(max), 0)), area);
}

/// How far the summary scrolls in `area`: rows as drawn, wrapped lines counted, so the last
/// line can always be scrolled to and no further.
pub fn summary_scroll_max(area: Rect, c: &CheckinState, ws: &Workspace, theme: &Theme) -> u16 {
    scroll_max(&wrapped(content(c, ws, theme, area.width).0), area)
}

/// Where the reachable lines are drawn in `area` (scrolled as drawn, wrapped rows counted).
pub fn summary_lines_at(
    area: Rect,
    c: &CheckinState,
    ws: &Workspace,
    theme: &Theme,
) -> Vec<(Rect, SummaryLine)> {
    let (lines, tags) = content(c, ws, theme, area.width);
    let text = wrapped(lines.clone());
    let scroll = c.scroll.min(scroll_max(&text, area));
    // The row each line starts on, before scrolling.
    let mut starts = Vec::with_capacity(lines.len() + 1);
    let mut row = 0u16;
    for l in &lines {
        starts.push(row);
        let n = wrapped(vec![l.clone()]).line_count(area.width);
        row = row.saturating_add(u16::try_from(n).unwrap_or(u16::MAX));
    }
    starts.push(row);
    let mut out = Vec::new();
    for (i, tag) in tags {
        let (top, bottom) = (
            starts[i].max(scroll),
            starts[i + 1].min(scroll + area.height),
        );
        if top < bottom {
            let r = Rect::new(area.x, area.y + top - scroll, area.width, bottom - top);
            out.push((r, tag));
        }
    }
    out
}

fn wrapped(lines: Vec<Line<'static>>) -> Paragraph<'static> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

fn scroll_max(text: &Paragraph, area: Rect) -> u16 {
    let rows = u16::try_from(text.line_count(area.width)).unwrap_or(u16::MAX);
    rows.saturating_sub(area.height)
}

/// The summary's lines, and which of them the mouse reaches (by index).
fn content(
    c: &CheckinState,
    ws: &Workspace,
    theme: &Theme,
    width: u16,
) -> (Vec<Line<'static>>, Vec<(usize, SummaryLine)>) {
    let s = &c.session;
    let mut tags = Vec::new();
    let scores = s.scores();
    let cat = &scores.categories;
    let mut lines = vec![Line::from(Span::styled("Adherence", theme.heading()))];
    for (label, v) in [
        ("Presence", cat.presence),
        ("Rituals", cat.rituals),
        ("Norms", cat.norms),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("  {label:<10}"), theme.label()),
            Span::raw(pct(v)),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("  {:<10}", "Overall"), theme.label()),
        Span::styled(pct(cat.overall), theme.heading()),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Pulse", theme.heading())));
    let min = s.min_responses().get();
    lines.extend(
        result_lines(&s.pulse_result(), &s.questions(), min, theme)
            .into_iter()
            .map(|l| {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(l.spans);
                Line::from(spans)
            }),
    );
    let decided = s.checkin().actions.len();
    lines.push(Line::from(""));
    lines.push(Line::from(format!(
        "Decisions: {decided} of {} item(s)",
        s.items().len()
    )));
    let blank = s.unanswered();
    let open = s.unanswered_followups().len();
    if !blank.is_empty() || open > 0 {
        let mut parts = Vec::new();
        if !blank.presence_days.is_empty() {
            parts.push(format!(
                "{} presence day(s) still at 0 present",
                blank.presence_days.len()
            ));
        }
        if !blank.rituals.is_empty() {
            parts.push(format!("{} ritual(s) still at 0 held", blank.rituals.len()));
        }
        if !blank.norms.is_empty() {
            parts.push(format!("{} norm(s) not rated", blank.norms.len()));
        }
        if open > 0 {
            parts.push(format!("{open} open action(s) not followed up"));
        }
        lines.push(Line::from(Span::styled(
            format!("Not entered: {} (b goes back)", parts.join(", ")),
            theme.warning(),
        )));
    }
    let items = s.items();
    let trials = s.trials();
    if !trials.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Trials due ({}): a click opens the decision", trials.len()),
            theme.heading(),
        )));
        for t in &trials {
            let id = t.trial.item.item.as_str();
            let Some(at) = items.iter().position(|i| i.id() == id) else {
                continue;
            };
            let (what, style) = match t.decided {
                Some(a) => (a.decision.to_string(), theme.base()),
                None => (
                    format!("not decided (proposed {})", t.proposed),
                    theme.warning(),
                ),
            };
            tags.push((lines.len(), SummaryLine::Trial(at)));
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(
                    accord::text::sanitize_line(items[at].title()).into_owned(),
                    theme.label(),
                ),
                Span::styled(format!(": {what}"), style),
            ]));
        }
    }
    lines.extend(super::followups::summary_lines(c, theme));
    // The wins' lines follow their blank line and heading.
    let wins_at = lines.len() + 2;
    lines.extend(super::wins::summary_lines(c, theme));
    tags.extend((0..s.wins().len()).map(|i| (wins_at + i, SummaryLine::Win(i))));
    lines.extend(super::followups::carried_lines(c, theme));
    // Kept from last time, then parked here: what the commit message lists.
    let lot = s.lot_to_save();
    if !lot.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!(
                "Parking lot ({}): not in the check-in file, kept in the commit message",
                lot.len()
            ),
            theme.heading(),
        )));
        // Wrapped here, so a long topic's second line stays under its first.
        let opts = textwrap::Options::new(usize::from(width.max(8)))
            .initial_indent("  • ")
            .subsequent_indent("    ");
        for t in lot.iter() {
            let topic = accord::text::sanitize_line(t);
            for row in textwrap::wrap(&topic, &opts) {
                lines.push(Line::from(row.into_owned()));
            }
        }
    }
    let problems = s.problems(ws);
    for d in &problems {
        let (mark, style) = match d.severity {
            Severity::Error => ("✗ error", theme.error()),
            Severity::Warning => ("⚠ warning", theme.warning()),
        };
        lines.push(Line::from(Span::styled(
            format!(
                "{mark}: {}",
                crate::tui::checkin::update::diagnostic_text(d)
            ),
            style,
        )));
    }
    lines.push(Line::from(""));
    let path = s.path(ws).display().to_string();
    match &c.saved {
        Some(saved) => {
            lines.push(Line::from(Span::styled(
                format!("Saved in {}", saved.path.display()),
                theme.ok(),
            )));
            let style = match &saved.commit {
                Committed::Done { .. } => theme.ok(),
                _ => theme.warning(),
            };
            // The status line's words, as a sentence of their own.
            let status = accord::text::sanitize_line(&saved.commit.status()).into_owned();
            let mut chars = status.chars();
            let sentence = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default();
            lines.push(Line::from(Span::styled(sentence, style)));
        }
        None if c.saving => lines.push(Line::from("Saving…")),
        None if problems.iter().any(|d| d.is_error()) => lines.push(Line::from(Span::styled(
            "Fix the errors above before saving.",
            theme.error(),
        ))),
        None => lines.push(Line::from(vec![
            Span::raw("s saves "),
            Span::styled(path, theme.label()),
            Span::raw(" and commits it when in a git repository."),
        ])),
    }
    (lines, tags)
}
