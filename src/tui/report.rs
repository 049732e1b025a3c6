//! The cross-team report: adherence per check-in and team, trends, drifting items, reviews due
//! and teams without a recent check-in — what `accord report` prints, scrollable.

use accord::git::GitHistory;
use accord::report;
use accord::store::Workspace;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::action::{Cmd, Effect, Out};
use super::app::Env;
use super::theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct ReportState {
    /// None while the worker reads the check-ins; the error says why there is no report.
    pub text: Option<Result<String, String>>,
    pub scroll: u16,
    /// Columns scrolled to the right: the report's tables are wider than 80 columns.
    pub pan: u16,
}

/// Builds the report (on the worker): every team's check-ins, scored against the agreement
/// version each names, read from git when the file has moved on.
pub fn load(ws: &Workspace, today: NaiveDate) -> Result<String, String> {
    let r = report::build(ws, None, today, &GitHistory::new()).map_err(|d| match d.hint {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message,
    })?;
    let mut text = report::text::render(&r, report::text::Options::default());
    for d in &r.problems {
        text.push_str(&format!("  ✗ {}\n", d.message));
    }
    Ok(text)
}

fn lines(s: &ReportState) -> usize {
    match &s.text {
        Some(Ok(t)) => t.lines().count(),
        _ => 0,
    }
}

/// A command on the report (from a key, a click or a test).
pub fn update(r: &mut ReportState, cmd: Cmd, env: &Env) -> Out {
    let page = env.size.1.saturating_sub(6).max(1);
    let max = (lines(r) as u16).saturating_sub(page);
    if let Some(at) = cmd.scrolled(r.scroll, page, max) {
        r.scroll = at;
        return Out::none();
    }
    match cmd {
        Cmd::Left => r.pan = r.pan.saturating_sub(8),
        Cmd::Right => r.pan = (r.pan + 8).min(120),
        Cmd::Back => return Out::back(),
        Cmd::Reload => {
            r.text = None;
            return Out::effect(Effect::LoadReport {
                today: env.ctx.today,
            });
        }
        _ => {}
    }
    Out::none()
}

pub fn render(f: &mut Frame, area: Rect, r: &ReportState, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(" Report: all teams ", theme.title()));
    let text = match &r.text {
        None => {
            f.render_widget(
                Paragraph::new(Span::styled(
                    "Reading every team's check-ins…",
                    theme.muted(),
                ))
                .block(block),
                area,
            );
            return;
        }
        Some(Err(e)) => {
            f.render_widget(
                Paragraph::new(Span::styled(
                    accord::text::sanitize_line(e).into_owned(),
                    theme.error(),
                ))
                .block(block),
                area,
            );
            return;
        }
        Some(Ok(t)) => t,
    };
    // The report's text is already sanitised; headings are the lines that start at the margin.
    let lines: Vec<Line> = text
        .lines()
        .map(|l| {
            let style = if l.contains("drifting") || l.contains("overdue") || l.contains('✗') {
                theme.warning()
            } else if !l.starts_with(' ') {
                theme.heading()
            } else {
                Style::new()
            };
            Line::from(Span::styled(l.to_string(), style))
        })
        .collect();
    let inner = block.inner(area);
    f.render_widget(block, area);
    super::viewer::scrolled_lines(f, area, inner, lines, (r.scroll, r.pan));
}
