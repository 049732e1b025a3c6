//! The cross-team report: adherence per check-in and team, trends, drifting items, reviews due
//! and teams without a recent check-in — what `accord report` prints, scrollable.

use accord::doc::{Document, Entry, Role, report_doc};
use accord::git::GitHistory;
use accord::report;
use accord::store::Workspace;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::action::{Cmd, Effect, Out};
use super::app::Env;
use super::theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct ReportState {
    /// None while the worker reads the check-ins; the error says why there is no report.
    pub doc: Option<Result<Document, String>>,
    pub scroll: u16,
    /// Columns scrolled to the right: the report's tables are wider than 80 columns.
    pub pan: u16,
}

/// Builds the report (on the worker): every team's check-ins, scored against the agreement
/// version each names, read from git when the file has moved on.
pub fn load(ws: &Workspace, today: NaiveDate) -> Result<Document, String> {
    let r = report::build(ws, None, today, &GitHistory::new()).map_err(|d| match d.hint {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message,
    })?;
    let mut doc = report_doc(&r, report::text::Options::default());
    // The CLI prints these on stderr; the app has only this screen to show them on.
    if !r.problems.is_empty() {
        let s = doc.section(None);
        for d in &r.problems {
            s.entry(Entry {
                spans: vec![accord::doc::Span::new(
                    Role::Warning,
                    format!("✗ {}", d.message),
                )],
                ..Entry::default()
            });
        }
    }
    Ok(doc)
}

/// The report drawn in a bordered box `width` wide (tables unwrapped: the screen pans).
fn drawn(doc: &Document, width: u16, theme: &Theme) -> super::doc_view::Drawn {
    super::doc_view::draw(doc, width.saturating_sub(4), 0, theme)
}

/// A command on the report (from a key, a click or a test).
pub fn update(r: &mut ReportState, cmd: Cmd, env: &Env) -> Out {
    let page = env.size.1.saturating_sub(6).max(1);
    let lines = match &r.doc {
        Some(Ok(d)) => drawn(d, env.size.0.saturating_sub(2), &env.theme)
            .lines
            .len(),
        _ => 0,
    };
    let max = (lines as u16).saturating_sub(page);
    if let Some(at) = cmd.scrolled(r.scroll, page, max) {
        r.scroll = at;
        return Out::none();
    }
    match cmd {
        Cmd::Left => r.pan = r.pan.saturating_sub(8),
        Cmd::Right => r.pan = (r.pan + 8).min(120),
        Cmd::Back => return Out::back(),
        Cmd::Reload => {
            r.doc = None;
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
    let doc = match &r.doc {
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
        Some(Ok(d)) => d,
    };
    let lines = drawn(doc, area.width, theme).lines;
    let inner = block.inner(area);
    f.render_widget(block, area);
    super::viewer::scrolled_lines(f, area, inner, lines, (r.scroll, r.pan));
}
