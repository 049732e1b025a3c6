//! Under the decisions table: the selected decision's owner and due date, and the trials due
//! with their adherence during against before, the pulse, and the proposal `a` accepts.

use accord::describe;
use accord::text::sanitize_line as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::checkin::CheckinState;
use crate::tui::theme::Theme;

fn pct(x: Option<f64>) -> String {
    x.map_or("—".to_string(), describe::percent)
}

/// Rows the panel needs at `width`, wrapped lines counted (at most half of `max`, so the
/// table keeps its rows).
pub fn height(c: &CheckinState, width: u16, max: u16) -> u16 {
    // Styles do not change how lines wrap: any theme measures.
    let theme = Theme::new(crate::tui::theme::Palette::Dark, true);
    let rows = paragraph(c, &theme).line_count(width);
    u16::try_from(rows).unwrap_or(u16::MAX).min(max / 2)
}

pub fn render(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    f.render_widget(paragraph(c, theme), area);
}

fn paragraph(c: &CheckinState, theme: &Theme) -> Paragraph<'static> {
    let s = &c.session;
    let items = s.items();
    let item = items.get(c.row).map(|i| i.id().to_string());
    let owner_line = match item.as_deref().and_then(|i| s.decision(i)) {
        Some(a) => {
            let owner = a.owner.as_deref().map_or("nobody".into(), clean);
            let due = a.due.map_or("none".to_string(), |d| d.0.to_string());
            Line::from(vec![
                Span::styled("Owner ", theme.label()),
                Span::raw(format!("{owner} (o: next member) · ")),
                Span::styled("due ", theme.label()),
                Span::raw(format!("{due} (u: type it)")),
            ])
        }
        None => Line::from(Span::styled(
            "Decide first; then o sets who owns it and u when it is due",
            theme.muted(),
        )),
    };
    let mut lines = vec![owner_line];
    let trials = s.trials();
    if !trials.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("Trials due ({}): a takes the proposal", trials.len()),
            theme.heading(),
        )));
    }
    for t in &trials {
        let tr = t.trial;
        let sel = item.as_deref() == Some(tr.item.item.as_str());
        let decided = t
            .decided
            .map_or(String::new(), |d| format!(" · decided {}", d.decision));
        lines.push(Line::from(vec![
            Span::raw(super::mark(sel).to_string()),
            Span::styled(
                format!("{} (until {})", clean(&tr.item.title), tr.item.until),
                if sel { theme.selected() } else { theme.label() },
            ),
            Span::raw(format!(
                " adherence {} before → {} during · pulse {} → {} · proposed {}{decided}",
                pct(tr.before.adherence),
                pct(tr.during.adherence),
                t.pulse_text(&tr.before),
                t.pulse_text(&tr.during),
                t.proposed,
            )),
        ]));
    }
    Paragraph::new(lines).wrap(Wrap { trim: true })
}
