//! The wins in the summary: listed, the chosen one marked for e (edit) and x (remove).

use accord::text::sanitize_line as clean;
use ratatui::text::{Line, Span};

use crate::tui::checkin::CheckinState;
use crate::tui::theme::Theme;

pub fn summary_lines(c: &CheckinState, theme: &Theme) -> Vec<Line<'static>> {
    let wins = c.session.wins();
    let mut out = vec![Line::from("")];
    if wins.is_empty() {
        out.push(Line::from(Span::styled(
            "Wins: none yet (W records one on any step)",
            theme.muted(),
        )));
        return out;
    }
    out.push(Line::from(Span::styled(
        format!(
            "Wins to celebrate ({}): ←→ choose, e edits, x removes",
            wins.len()
        ),
        theme.heading(),
    )));
    for (i, w) in wins.iter().enumerate() {
        let sel = i == c.row;
        let about = w
            .item
            .as_deref()
            .map(|i| format!(" ({})", clean(i)))
            .unwrap_or_default();
        let style = if sel { theme.selected() } else { theme.base() };
        out.push(Line::from(vec![
            Span::raw(super::mark(sel).to_string()),
            Span::styled(format!("{}{about}", clean(&w.text)), style),
        ]));
    }
    out
}
