//! Drawing the dashboard: the document is painted into a buffer as tall as itself, and the rows
//! in view are copied to the frame, so charts scroll exactly like text.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Span;
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Widget,
};

use super::doc::{self, Doc, Part};
use super::state::DashboardState;
use crate::tui::theme::Theme;

/// Where the content goes inside the body: within the border, one column of margin each side.
pub fn content_area(body: Rect) -> Rect {
    let inner = Block::new().borders(Borders::ALL).inner(body);
    inner.inner(Margin::new(1, 0))
}

/// The furthest the content scrolls in a view `height` rows tall.
pub fn max_scroll(doc: &Doc, height: u16) -> u16 {
    doc.height().saturating_sub(height)
}

pub fn render(f: &mut Frame, area: Rect, s: &DashboardState, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" Dashboard · {} ", s.title()),
            theme.title(),
        ));
    f.render_widget(block, area);
    let view = content_area(area);
    if view.width == 0 || view.height == 0 {
        return;
    }
    let doc = doc::build(s, view.width, theme);
    let total = doc.height();
    let scroll = s.scroll.min(max_scroll(&doc, view.height));
    let page = paint(&doc, view.width, theme);
    let out = f.buffer_mut();
    for y in 0..view.height.min(total.saturating_sub(scroll)) {
        for x in 0..view.width {
            out[(view.x + x, view.y + y)] = page[(x, y + scroll)].clone();
        }
    }
    if total > view.height {
        let mut sb = ScrollbarState::new(total.saturating_sub(view.height) as usize)
            .position(scroll as usize);
        f.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            area,
            &mut sb,
        );
    }
}

/// The whole document, drawn at `width` columns.
fn paint(doc: &Doc, width: u16, theme: &Theme) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, doc.height().max(1)));
    let mut y = 0;
    for part in &doc.parts {
        let area = Rect::new(0, y, width, part.height());
        match part {
            Part::Line(l) => Paragraph::new(l.clone()).render(area, &mut buf),
            Part::Trend(t) => super::chart::draw(t, area, &mut buf, theme),
        }
        y += part.height();
    }
    buf
}
